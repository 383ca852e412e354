/*
 * http: the HTTP rules shared by the http and https probes, without I/O:
 * the request, the authority (Host) text, the redirect step and the
 * verdicts on status and body.  Pure: bytes and text in, text out.
 */
#ifndef HC_HTTP_H
#define HC_HTTP_H

#include <stddef.h>

#include "../lib/msg.h"
#include "probe.h"
#include "target.h"

#define HTTP_ELONG (-1) /* does not fit the caller's buffer */
#define HTTP_EBAD  (-2) /* a Location that names nothing valid */

/*
 * The authority of t as a Host header or :authority says it: host (when
 * not NULL, --host) as given, else t's host, in brackets for IPv6, with
 * ":port" when a port was given and is not the scheme's default (80 for
 * http, 443 for https, none for the others).  Appended to b.
 */
void http_authority(const struct target *t, const char *host, struct buf *b);

/*
 * The HTTP/1.1 request for t under c into out (cap bytes): the method,
 * t->path, Host (http_authority, unless a -H sets it), the defaults
 * User-Agent, Accept and Connection: close unless a -H of the same name
 * replaces them, then the -H headers in order ("Name:" with no value
 * sends nothing and removes the default).  Returns the length, or
 * HTTP_ELONG.
 */
long http_request(const struct hc_config *c, const struct target *t, char *out,
		  size_t cap);

/*
 * Where a redirect from cur to Location loc goes: the same scheme, host
 * and port (returns 1 and sets path, cap bytes), somewhere else (0), or
 * nowhere valid (HTTP_EBAD; HTTP_ELONG when the path does not fit).
 */
int http_redirect(const struct target *cur, const char *loc, char *path,
		  size_t cap);

/*
 * The verdict on a status, written to msg: "status 200", with
 * " (expected LIST)" when it is not in c->expect, and the redirect note:
 * redirect 1 (followed, or none) adds nothing, 0 "redirect to another
 * host not followed", HTTP_EBAD "bad Location not followed", -3 "redirect
 * to http not followed (no downgrade)".  Returns 0 (healthy) or -1.
 */
#define HTTP_DOWNGRADE (-3)
int http_judge_status(const struct hc_config *c, int status, int redirect,
		      struct buf *msg);

/*
 * The verdict on the first len bytes of the body against
 * c->expect_body: appends ", body matched" to msg, or replaces it with
 * what was not found.  Returns 0 or -1.
 */
int http_judge_body(const struct hc_config *c, const char *body, size_t len,
		    struct buf *msg);

#endif
