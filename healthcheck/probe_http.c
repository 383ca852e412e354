/*
 * HTTP/1.1 probe with the kubelet's rules: GET, success is the expected
 * status (200-399 by default), same-host redirects are followed up to 10
 * times, a redirect to another host is not followed and counts as the
 * 3xx it is, at most 10 KiB of body is read and only for --expect-body.
 * Proxy variables are never read.
 */
#define _GNU_SOURCE
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../lib/io.h"
#include "probe.h"

static const char *const defaults[] = {
	"User-Agent: healthcheck/" VERSION,
	"Accept: */*",
	"Connection: close",
};

/* Whether header line h has the name of header line d. */
static int
same_name(const char *h, const char *d)
{
	size_t n = strcspn(d, ":");

	return !strncasecmp(h, d, n) && h[n] == ':';
}

/* Whether the user's header h is "Name:" with nothing after it. */
static int
empty_value(const char *h)
{
	h += strcspn(h, ":") + 1;
	return h[strspn(h, " \t")] == '\0';
}

/* Build the request for path on t into b. */
static void
build_request(const struct hc_config *c, const struct target *t,
	      const char *path, struct buf *b)
{
	size_t i, k;
	int host_set = 0;

	buf_str(b, c->method);
	buf_str(b, " ");
	buf_str(b, path);
	buf_str(b, " HTTP/1.1\r\n");
	for (k = 0; k < c->nheaders; k++)
		if (same_name(c->headers[k], "Host:"))
			host_set = 1;
	if (!host_set) {
		buf_str(b, "Host: ");
		if (c->host) {
			buf_str(b, c->host);
		} else {
			buf_str(b, t->host_v6 ? "[" : "");
			buf_str(b, t->host);
			buf_str(b, t->host_v6 ? "]" : "");
			if (t->port_given &&
			    t->port != (t->kind == TARGET_HTTPS ? 443 : 80)) {
				buf_str(b, ":");
				buf_u64(b, t->port);
			}
		}
		buf_str(b, "\r\n");
	}
	for (i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++) {
		for (k = 0; k < c->nheaders; k++)
			if (same_name(c->headers[k], defaults[i]))
				break;
		if (k == c->nheaders) {
			buf_str(b, defaults[i]);
			buf_str(b, "\r\n");
		}
	}
	for (k = 0; k < c->nheaders; k++) {
		if (empty_value(c->headers[k]))
			continue; /* "Accept:" removes a default */
		buf_str(b, c->headers[k]);
		buf_str(b, "\r\n");
	}
	buf_str(b, "\r\n");
}

static void
fail(struct probe *p, const char *what, const char *why)
{
	p->msg->len = 0;
	buf_str(p->msg, what);
	buf_str(p->msg, why);
}

/*
 * Read the body after the head (already buf[0..have)) into buf, up to
 * HC_BODY_MAX bytes.  Returns the body length, or -1 with p->msg set.
 */
static long
read_body(struct probe *p, int fd, const struct http1_resp *r, char *buf,
	  size_t have)
{
	struct http1_chunked ch = { 0, 0, 0, 0 };
	size_t body = 0;
	long got, dec;
	char *in = buf;

	probe_phase = "body";
	if (r->chunked) {
		/* buf[0..body) is decoded data; the rest is fed raw. */
		dec = http1_chunked(&ch, in, have);
		if (dec < 0)
			goto bad;
		body = (size_t)dec < HC_BODY_MAX ? (size_t)dec : HC_BODY_MAX;
		while (!ch.done && body < HC_BODY_MAX) {
			got = net_recv(p, fd, buf + body, HC_BODY_MAX - body);
			if (got < 0)
				return -1;
			if (got == 0)
				break; /* a truncated body is still judged */
			dec = http1_chunked(&ch, buf + body, (size_t)got);
			if (dec < 0)
				goto bad;
			body += (size_t)dec;
		}
		return (long)body;
	}
	body = have < HC_BODY_MAX ? have : HC_BODY_MAX;
	while (body < HC_BODY_MAX &&
	       (r->content_length < 0 || body < (uint64_t)r->content_length)) {
		got = net_recv(p, fd, buf + body, HC_BODY_MAX - body);
		if (got < 0)
			return -1;
		if (got == 0)
			break;
		body += (size_t)got;
	}
	if (r->content_length >= 0 && body > (uint64_t)r->content_length)
		body = (size_t)r->content_length;
	return (long)body;
bad:
	fail(p, "body: ", "bad chunked encoding");
	return -1;
}

/*
 * Where a redirect goes: a path on the same server (returns 1 and fills
 * path), another server (0), or nonsense (-1).
 */
int
http_judge_status(struct probe *p, int status, int redirect)
{
	int ok = http1_in_ranges(&p->cfg->expect, status);

	p->msg->len = 0;
	buf_str(p->msg, "status ");
	buf_u64(p->msg, (uint64_t)status);
	if (!ok) {
		buf_str(p->msg, " (expected ");
		buf_str(p->msg, p->cfg->expect_text);
		buf_str(p->msg, ")");
	}
	if (redirect == 0)
		buf_str(p->msg, ", redirect to another host not followed");
	if (redirect == -1)
		buf_str(p->msg, ", bad Location not followed");
	if (redirect == -2)
		buf_str(p->msg,
			", redirect to http not followed (no downgrade)");
	return ok ? 0 : -1;
}

int
http_judge_body(struct probe *p, const char *body, size_t len)
{
	const char *want = p->cfg->expect_body;

	if (!memmem(body, len, want, strlen(want))) {
		p->msg->len = 0;
		buf_str(p->msg, "body: '");
		buf_str(p->msg, want);
		buf_str(p->msg, "' not in the first ");
		buf_u64(p->msg, (uint64_t)len);
		buf_str(p->msg, " bytes");
		return -1;
	}
	buf_str(p->msg, ", body matched");
	return 0;
}

int
http_redirect_path(const struct target *cur, const char *loc, char *path,
		   size_t cap)
{
	struct target nt;
	const char *slash;
	size_t n;

	if (strstr(loc, "://")) {
		if (target_parse(loc, &nt) < 0)
			return -1;
		if (nt.kind != cur->kind || strcasecmp(nt.host, cur->host) ||
		    nt.port != cur->port)
			return 0;
		loc = nt.path;
	} else if (loc[0] == '/' && loc[1] == '/') {
		return 0; /* scheme-relative: another authority */
	}
	if (loc[0] == '/') {
		n = strlen(loc);
		if (n >= cap)
			return -1;
		memcpy(path, loc, n + 1);
	} else {
		/* relative to the current path's directory */
		slash = strrchr(cur->path, '/');
		n = slash ? (size_t)(slash - cur->path) + 1 : 1;
		if (n + strlen(loc) >= cap)
			return -1;
		memmove(path + n, loc, strlen(loc) + 1);
		memcpy(path, slash ? cur->path : "/", n);
	}
	for (n = 0; path[n]; n++)
		if ((unsigned char)path[n] <= ' ' || path[n] == 0x7f)
			return -1;
	return 1;
}

int
probe_http(struct probe *p, const struct target *t0)
{
	const struct hc_config *c = p->cfg;
	static char buf[HC_HEAD_MAX + HC_BODY_MAX];
	static struct target t;
	char req[8192], tmp[sizeof(t.path)];
	struct http1_resp r;
	struct buf rb;
	size_t have, skipped;
	long got, body;
	int fd, hops, head, ok;

	t = *t0;
	for (hops = 0;; hops++) {
		fd = c->unix_socket ? net_connect_unix(p, c->unix_socket)
				    : net_connect(p, t.host, t.port);
		if (fd < 0)
			return -1;
		buf_init(&rb, req, sizeof(req));
		build_request(c, &t, t.path, &rb);
		if (rb.len == sizeof(req) - 1) {
			close(fd);
			fail(p, "send: ", "request larger than 8 KiB");
			return -1;
		}
		if (net_send(p, fd, rb.p, rb.len) < 0) {
			close(fd);
			return -1;
		}
		probe_phase = "receive";
		have = 0;
		skipped = 0;
		for (;;) {
			got = net_recv(p, fd, buf + have, HC_HEAD_MAX - have);
			if (got < 0) {
				close(fd);
				return -1;
			}
			have += (size_t)got;
			head = http1_parse_head(buf, have, &r);
			/* Interim 1xx answers come before the real one; their
			 * heads count against the same 16 KiB. */
			while (head > 0 && r.status < 200 && r.status != 101) {
				memmove(buf, buf + head, have - (size_t)head);
				have -= (size_t)head;
				skipped += (size_t)head;
				head = have ? http1_parse_head(buf, have, &r)
					    : HTTP1_EPARTIAL;
			}
			if (head > 0 || head == HTTP1_EBAD)
				break;
			if (got == 0 || have + skipped >= HC_HEAD_MAX) {
				close(fd);
				fail(p, "receive: ",
				     got == 0 ? "connection closed before the "
						"end of the response head"
					      : "response head over 16 KiB");
				return -1;
			}
		}
		if (head == HTTP1_EBAD) {
			close(fd);
			fail(p, "receive: ", "not an HTTP/1.x response");
			return -1;
		}
		if (c->verbose) {
			buf_init(&rb, req, sizeof(req));
			buf_u64(&rb, (uint64_t)r.status);
			probe_detail(p, "response: HTTP/1.",
				     r.minor ? "1" : "0", " ", req, NULL);
		}
		if (r.status >= 300 && r.status < 400 && r.has_location &&
		    !c->no_follow && !c->unix_socket) {
			ok = http_redirect_path(&t, r.location, tmp,
						sizeof(tmp));
			if (ok == 1) {
				close(fd);
				if (hops == HC_REDIRECTS) {
					p->msg->len = 0;
					buf_str(p->msg, "status ");
					buf_u64(p->msg, (uint64_t)r.status);
					buf_str(p->msg, ": more than 10 "
							"redirects");
					return -1;
				}
				probe_detail(p, "redirect to ", tmp, NULL);
				memcpy(t.path, tmp, sizeof(t.path));
				continue;
			}
		} else {
			ok = 1;
		}
		break;
	}
	if (http_judge_status(p, r.status, ok) < 0) {
		close(fd);
		return -1;
	}
	if (c->expect_body) {
		memmove(buf, buf + head, have - (size_t)head);
		body = read_body(p, fd, &r, buf, have - (size_t)head);
		if (body < 0 || http_judge_body(p, buf, (size_t)body) < 0) {
			close(fd);
			return -1;
		}
	}
	close(fd);
	return 0;
}
