/*
 * http: the HTTP rules shared by the http and https probes and the gRPC
 * call, without I/O: the request, the authority (Host) text, the
 * redirect step and the verdicts on status and body.  Pure: bytes and
 * text in, text out.  What the rules are told comes in struct http_opts,
 * which the application's config embeds (as nghttp2's options): nothing
 * here knows the application.
 */
#ifndef HC_HTTP_H
#define HC_HTTP_H

#include <stddef.h>

#include "../../lib/msg.h"
#include "http1.h"
#include "target.h"

#define HTTP_ELONG (-1) /* does not fit the caller's buffer */
#define HTTP_EBAD  (-2) /* a Location that names nothing valid */

#define HTTP_HEADERS 32 /* -H headers at most */

/* What a request sends and what its answer must be. */
struct http_opts {
	const char *method;
	const char *headers[HTTP_HEADERS]; /* "Name: value", in order */
	size_t nheaders;
	const char *host;	    /* --host: the Host to send, or NULL */
	struct http1_ranges expect; /* statuses that are healthy */
	const char *expect_text;    /* as given, for messages */
	const char *expect_body;    /* text the body must hold, or NULL */
};

/*
 * The authority of t as a Host header or :authority says it: host (when
 * not NULL, --host) as given, else t's host, in brackets for IPv6, with
 * ":port" when a port was given and is not the scheme's default (80 for
 * http, 443 for https, none for the others).  Appended to b.
 */
void http_authority(const struct target *t, const char *host, struct buf *b);

/* Whether header line h ("Name: value") has the name of header line d. */
int http_header_is(const char *h, const char *d);

/* Whether header line h is "Name:" with nothing but blanks after it. */
int http_header_empty(const char *h);

/* Whether a -H of o has the name of header line d. */
int http_header_given(const struct http_opts *o, const char *d);

/*
 * Whether -H h removes a default instead of being sent: Accept or
 * User-Agent given empty, the kubelet's rule.  Any other header given
 * empty is sent empty.
 */
int http_header_removes(const char *h);

/*
 * The Host a request to the target sends when it is not t's authority:
 * --host, else the first -H Host header's value, else NULL.
 */
const char *http_custom_host(const struct http_opts *o);

/*
 * The HTTP/1.1 request for t under o into out (cap bytes), as the
 * kubelet's sends it: the method, t->path, Host (host when not NULL,
 * else t's authority), User-Agent and Accept unless a -H of that name is
 * given (given empty, it removes them), Connection: close, then the -H
 * headers in order, an empty value included ("X-A:" sends "X-A:"); -H
 * Host is not repeated.  Returns the length, or HTTP_ELONG.
 */
long http_request(const struct http_opts *o, const struct target *t,
		  const char *host, char *out, size_t cap);

/* What http_redirect() says of a Location. */
enum {
	HTTP_NONE,	/* no redirect: not 301/302/303/307/308, no Location */
	HTTP_FOLLOW,	/* follow it: *next is where */
	HTTP_ELSEWHERE, /* another hostname: not followed, the 3xx counts */
	HTTP_TLS,	/* to https from http: *next is where; followed
			   where the build has TLS */
	HTTP_DOWNGRADE, /* to http from https: refused (no downgrade) */
	HTTP_ESCHEME,	/* same hostname, a scheme that is not HTTP: fails */
	HTTP_EPORT	/* same hostname, a port out of 1..65535: fails */
};

/*
 * The kubelet's redirect step, as Go's client and the kubelet's checker
 * take it.  Only 301, 302, 303, 307 and 308 with a non-empty Location
 * redirect.  loc is a URI reference (RFC 3986), checked as strictly as
 * Go's url.Parse (control bytes, a bad %-escape, a bad host or port
 * fail it: HTTP_EBAD), its fragment dropped, resolved against cur (5.2,
 * dot segments removed) into *next, whose path is the request target
 * with the bytes a request line cannot carry %-encoded.  The hostname,
 * not the port, is compared with first's (the target as given).
 * *keep_host is 1 when loc has no scheme (a --host or Host header then
 * stays, as Go keeps it).  Returns one of the codes above, HTTP_EBAD or
 * HTTP_ELONG.
 */
int http_redirect(const struct target *first, const struct target *cur,
		  int status, const char *loc, struct target *next,
		  int *keep_host);

/*
 * The verdict on a status, written to msg: "status 200", with
 * " (expected LIST)" when it is not in o->expect, and a note for a
 * redirect that was not followed (redirect is http_redirect()'s code:
 * HTTP_ELSEWHERE "redirect to another host not followed", HTTP_TLS
 * "... not followed (no TLS in this build)"; HTTP_DOWNGRADE is always
 * -1: the kubelet would follow it, a probe that sends -H headers and
 * cookies does not downgrade to cleartext).  Returns 0 (healthy) or -1.
 */
int http_judge_status(const struct http_opts *o, int status, int redirect,
		      struct buf *msg);

/*
 * The verdict on the first len bytes of the body against
 * o->expect_body: appends ", body matched" to msg, or replaces it with
 * what was not found.  Returns 0 or -1.
 */
int http_judge_body(const struct http_opts *o, const char *body, size_t len,
		    struct buf *msg);

#endif
