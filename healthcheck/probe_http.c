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
#include "http.h"
#include "probe.h"

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

	p->phase = "body";
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
	return probe_fail(p, "body: bad chunked encoding", NULL);
}

int
probe_http(struct probe *p, const struct target *t0)
{
	const struct hc_config *c = p->cfg;
	static char buf[HC_HEAD_MAX + HC_BODY_MAX];
	static struct target t;
	char req[8192], tmp[sizeof(t.path)];
	struct http1_resp r;
	size_t have, skipped;
	long got, body, n;
	int fd, hops, head, ok;

	t = *t0;
	for (hops = 0;; hops++) {
		fd = c->unix_socket ? net_connect_unix(p, c->unix_socket)
				    : net_connect(p, t.host, t.port);
		if (fd < 0)
			return -1;
		n = http_request(c, &t, req, sizeof(req));
		if (n < 0) {
			close(fd);
			return probe_fail(p, "send: request larger than 8 KiB",
					  NULL);
		}
		p->phase = "receive";
		if (net_send(p, fd, req, (size_t)n) < 0) {
			close(fd);
			return -1;
		}
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
				return probe_fail(
				    p, "receive: ",
				    got == 0 ? "connection closed before the "
					       "end of the response head"
					     : "response head over 16 KiB",
				    NULL);
			}
		}
		if (head == HTTP1_EBAD) {
			close(fd);
			return probe_fail(
			    p, "receive: not an HTTP/1.x response", NULL);
		}
		if (c->verbose) {
			struct buf nb;

			buf_init(&nb, req, sizeof(req));
			buf_u64(&nb, (uint64_t)r.status);
			probe_detail(p, "response: HTTP/1.",
				     r.minor ? "1" : "0", " ", req, NULL);
		}
		if (r.status >= 300 && r.status < 400 && r.has_location &&
		    !c->no_follow && !c->unix_socket) {
			ok = http_redirect(&t, r.location, tmp, sizeof(tmp));
			if (ok == 1) {
				close(fd);
				if (hops == HC_REDIRECTS) {
					probe_fail(p, "status ", NULL);
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
	if (http_judge_status(c, r.status, ok, p->msg) < 0) {
		close(fd);
		return -1;
	}
	if (c->expect_body) {
		memmove(buf, buf + head, have - (size_t)head);
		body = read_body(p, fd, &r, buf, have - (size_t)head);
		if (body < 0 ||
		    http_judge_body(c, buf, (size_t)body, p->msg) < 0) {
			close(fd);
			return -1;
		}
	}
	close(fd);
	return 0;
}
