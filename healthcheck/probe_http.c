/*
 * The HTTP engine: http:// and https:// with the kubelet's rules
 * (tests/kubelet holds the proof), written once over a byte transport
 * (struct transport: a plain socket, or TLS).  GET, success is the
 * expected status (200-399 by default), a redirect to the same hostname
 * is followed (10 requests in all), one to another hostname is not and
 * counts as the 3xx it is, and up to 10 KiB of every body is read, a
 * body cut short failing.  Every byte of every answer is judged by
 * http1.c and http.c, whatever the transport.  Proxy variables are never
 * read.
 */
#define _GNU_SOURCE
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../lib/io.h"
#include "proto/http.h"
#include "probe.h"

/*
 * Read the body after the head (already buf[0..have)) into buf, as the
 * kubelet reads it: up to HC_BODY_MAX bytes, where reaching the bound is
 * fine (the rest is not read) and anything else that cuts the body short
 * fails: a Content-Length not met, a chunked body that ends before its
 * last chunk, bad chunked framing, a coding other than chunked, the
 * deadline.  No body for HEAD, 1xx, 204 and 304.  Returns the body
 * length, or -1 with p->msg set.
 */
static long
read_body(struct probe *p, const struct transport *tr, struct conn *cn,
	  const struct http1_resp *r, char *buf, size_t have)
{
	struct http1_chunked ch = { 0, 0, 0, 0 };
	size_t body = 0, want = HC_BODY_MAX;
	long got, dec;
	char n1[24], n2[24];
	struct buf b;

	if (!strcmp(p->cfg->http.method, "HEAD") || r->status < 200 ||
	    r->status == 204 || r->status == 304)
		return 0;
	p->phase = "body";
	if (r->te_other)
		return probe_fail(p,
				  "body: Transfer-Encoding other than "
				  "chunked",
				  NULL);
	if (r->chunked) {
		/* buf[0..body) is decoded data; the rest is fed raw. */
		dec = http1_chunked(&ch, buf, have);
		if (dec < 0)
			goto bad;
		body = (size_t)dec < HC_BODY_MAX ? (size_t)dec : HC_BODY_MAX;
		while (!ch.done && body < HC_BODY_MAX) {
			got = tr->recv(p, cn, buf + body, HC_BODY_MAX - body);
			if (got < 0)
				return -1;
			if (got == 0)
				return probe_fail(p,
						  "body: connection closed "
						  "before the last chunk",
						  NULL);
			dec = http1_chunked(&ch, buf + body, (size_t)got);
			if (dec < 0)
				goto bad;
			body += (size_t)dec;
		}
		return (long)(body < HC_BODY_MAX ? body : HC_BODY_MAX);
	}
	if (r->content_length >= 0 && (uint64_t)r->content_length < want)
		want = (size_t)r->content_length;
	body = have < want ? have : want;
	while (body < want) {
		got = tr->recv(p, cn, buf + body, want - body);
		if (got < 0)
			return -1;
		if (got == 0) {
			if (r->content_length < 0)
				break; /* the body ends with the connection */
			buf_init(&b, n1, sizeof(n1));
			buf_u64(&b, body);
			buf_init(&b, n2, sizeof(n2));
			buf_u64(&b, (uint64_t)r->content_length);
			return probe_fail(p, "body: connection closed after ",
					  n1, " of ", n2, " bytes", NULL);
		}
		body += (size_t)got;
	}
	return (long)body;
bad:
	return probe_fail(p, "body: bad chunked encoding", NULL);
}

/*
 * One request to t over tr: open, send, and read the final head (interim
 * 1xx heads skipped, all of them within HC_HEAD_MAX) into buf[0..*have).
 * Returns 0 with the head's length in *head and the parsed head in *r,
 * the stream open in *cn; or -1 with p->msg set.
 */
static int
exchange(struct probe *p, const struct transport *tr, struct conn *cn,
	 const struct target *t, const char *host, char *buf, size_t *have,
	 int *head, struct http1_resp *r)
{
	size_t skipped = 0;
	char req[8192];
	long got, n;

	if (tr->open(p, t, cn) < 0)
		return -1;
	n = http_request(&p->cfg->http, t, host, req, sizeof(req));
	if (n < 0)
		return probe_fail(p, "send: request larger than 8 KiB", NULL);
	p->phase = "receive";
	if (tr->send(p, cn, req, (size_t)n) < 0)
		return -1;
	*have = 0;
	for (;;) {
		got = tr->recv(p, cn, buf + *have, HC_HEAD_MAX - *have);
		/* Nothing at all before a close or a reset: what TLS servers
		 * do with a plain request (OpenSSL's, Node's, Python's). */
		if (got <= 0 && !*have && !skipped && !cn->tls &&
		    (got == 0 || strncmp(p->msg->p, "timeout", 7))) {
			if (got == 0)
				probe_fail(p,
					   "receive: connection closed before "
					   "any answer",
					   NULL);
			buf_str(p->msg, " (a TLS port? then https://)");
			return -1;
		}
		if (got < 0)
			return -1;
		*have += (size_t)got;
		*head = http1_parse_head(buf, *have, r);
		/* Interim 1xx answers come before the real one; their heads
		 * count against the same 16 KiB. */
		while (*head > 0 && r->status < 200 && r->status != 101) {
			memmove(buf, buf + *head, *have - (size_t)*head);
			*have -= (size_t)*head;
			skipped += (size_t)*head;
			*head = *have ? http1_parse_head(buf, *have, r)
				      : HTTP1_EPARTIAL;
		}
		if (*head > 0)
			return 0;
		/* A TLS record (alert or handshake, version 3.x) where an
		 * HTTP answer was due: the port speaks TLS. */
		if ((*head == HTTP1_EBAD || got == 0) && !cn->tls &&
		    *have >= 3 && (buf[0] == 0x15 || buf[0] == 0x16) &&
		    buf[1] == 0x03)
			return probe_fail(
			    p,
			    "receive: the server answered in TLS, "
			    "not HTTP (https:// there?)",
			    NULL);
		if (*head == HTTP1_EBAD || got == 0 ||
		    *have + skipped >= HC_HEAD_MAX)
			return probe_fail(
			    p, "receive: ",
			    *head == HTTP1_EBAD ? "not an HTTP/1.x response"
			    : got == 0 ? "connection closed before the end of "
					 "the response head"
				       : "response head over 16 KiB",
			    *head == HTTP1_EBAD && r->why ? " (" : "",
			    *head == HTTP1_EBAD && r->why ? r->why : "",
			    *head == HTTP1_EBAD && r->why ? ")" : "", NULL);
	}
}

/* The transport for t's scheme (main.c refused https:// without TLS). */
static const struct transport *
transport_of(const struct target *t)
{
	return t->kind == TARGET_HTTPS ? tls_transport : &net_plain;
}

/*
 * The one redirect loop of http and https.  Every answer is read and
 * judged by the same rules; only the transport differs.  Returns 0 or -1
 * with p->msg set; the stream is closed either way.
 */
int
probe_http(struct probe *p, const struct target *t0)
{
	const struct hc_config *c = p->cfg;
	/* Static: 26 KiB of buffers and two targets, off the stack. */
	static char buf[HC_HEAD_MAX + HC_BODY_MAX];
	static struct target t, next;
	const struct transport *tr;
	struct conn cn = { -1, NULL, 0, NULL };
	const char *host = http_custom_host(&c->http);
	char num[24];
	struct http1_resp r;
	size_t have = 0;
	long body;
	int hops, head = 0, ok, keep_host;

	t = *t0;
	for (hops = 0;; hops++) {
		tr = transport_of(&t);
		if (exchange(p, tr, &cn, &t, host, buf, &have, &head, &r) < 0)
			goto fail;
		if (c->verbose) {
			struct buf nb;

			buf_init(&nb, num, sizeof(num));
			buf_u64(&nb, (uint64_t)r.status);
			probe_detail(p, "response: HTTP/1.",
				     r.minor ? "1" : "0", " ", num, NULL);
		}
		ok = HTTP_NONE;
		if (r.has_location && !c->no_follow && !c->unix_socket)
			ok = http_redirect(t0, &t, r.status, r.location, &next,
					   &keep_host);
		if (ok == HTTP_EBAD || ok == HTTP_ELONG) {
			probe_fail(p, "redirect: bad Location '", r.location,
				   "'", NULL);
			goto fail;
		}
		if (ok == HTTP_NONE || ok == HTTP_ELSEWHERE)
			break;
		/* The kubelet's checker: 10 requests in all. */
		if (hops + 1 == HC_REDIRECTS) {
			probe_fail(p, "status ", NULL);
			buf_u64(p->msg, (uint64_t)r.status);
			buf_str(p->msg, ": stopped after 10 redirects");
			goto fail;
		}
		/* Deliberate: no TLS in this build; never a downgrade. */
		if ((ok == HTTP_TLS && !tls_transport) || ok == HTTP_DOWNGRADE)
			break;
		if (ok == HTTP_ESCHEME || ok == HTTP_EPORT) {
			probe_fail(p, "redirect: ",
				   ok == HTTP_EPORT ? "a port out of range in '"
				   : t.kind == TARGET_HTTPS
				       ? "a scheme other than https in '"
				       : "a scheme other than http in '",
				   r.location, "'", NULL);
			goto fail;
		}
		tr->close(&cn);
		probe_detail(p, "redirect to ", next.path, NULL);
		if (!keep_host)
			host = NULL; /* Go drops it on an absolute Location */
		t = next;
	}
	/* Every answer's body is read, as the kubelet reads it. */
	memmove(buf, buf + head, have - (size_t)head);
	body = read_body(p, tr, &cn, &r, buf, have - (size_t)head);
	tr->close(&cn);
	if (body < 0)
		return -1;
	if (http_judge_status(&c->http, r.status, ok, p->msg) < 0 ||
	    (c->http.expect_body &&
	     http_judge_body(&c->http, buf, (size_t)body, p->msg) < 0)) {
		if (cn.note)
			probe_say(p, " (", cn.note, ")", NULL);
		return -1;
	}
	return 0;
fail:
	tr->close(&cn);
	return -1;
}
