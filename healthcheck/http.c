#define _GNU_SOURCE
#include <string.h>
#include <strings.h>

#include "http.h"

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

void
http_authority(const struct target *t, const char *host, struct buf *b)
{
	uint16_t dflt = t->kind == TARGET_HTTP	  ? 80
			: t->kind == TARGET_HTTPS ? 443
						  : 0;

	if (host) {
		buf_str(b, host);
		return;
	}
	buf_str(b, t->host_v6 ? "[" : "");
	buf_str(b, t->host);
	buf_str(b, t->host_v6 ? "]" : "");
	if (t->port_given && t->port != dflt) {
		buf_str(b, ":");
		buf_u64(b, t->port);
	}
}

long
http_request(const struct hc_config *c, const struct target *t, char *out,
	     size_t cap)
{
	struct buf b;
	size_t i, k;
	int host_set = 0;

	buf_init(&b, out, cap);
	buf_str(&b, c->method);
	buf_str(&b, " ");
	buf_str(&b, t->path);
	buf_str(&b, " HTTP/1.1\r\n");
	for (k = 0; k < c->nheaders; k++)
		if (same_name(c->headers[k], "Host:"))
			host_set = 1;
	if (!host_set) {
		buf_str(&b, "Host: ");
		http_authority(t, c->host, &b);
		buf_str(&b, "\r\n");
	}
	for (i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++) {
		for (k = 0; k < c->nheaders; k++)
			if (same_name(c->headers[k], defaults[i]))
				break;
		if (k == c->nheaders) {
			buf_str(&b, defaults[i]);
			buf_str(&b, "\r\n");
		}
	}
	for (k = 0; k < c->nheaders; k++) {
		if (empty_value(c->headers[k]))
			continue; /* "Accept:" removes a default */
		buf_str(&b, c->headers[k]);
		buf_str(&b, "\r\n");
	}
	buf_str(&b, "\r\n");
	/* A full buffer may have cut the request: refuse rather than send. */
	if (b.len + 1 >= cap)
		return HTTP_ELONG;
	return (long)b.len;
}

int
http_redirect(const struct target *cur, const char *loc, char *path, size_t cap)
{
	struct target nt;
	const char *slash;
	size_t n;

	if (strstr(loc, "://")) {
		if (target_parse(loc, &nt) < 0)
			return HTTP_EBAD;
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
			return HTTP_ELONG;
		memcpy(path, loc, n + 1);
	} else {
		/* relative to the current path's directory */
		slash = strrchr(cur->path, '/');
		n = slash ? (size_t)(slash - cur->path) + 1 : 1;
		if (n + strlen(loc) >= cap)
			return HTTP_ELONG;
		memmove(path + n, loc, strlen(loc) + 1);
		memcpy(path, slash ? cur->path : "/", n);
	}
	for (n = 0; path[n]; n++)
		if ((unsigned char)path[n] <= ' ' || path[n] == 0x7f)
			return HTTP_EBAD;
	return 1;
}

int
http_judge_status(const struct hc_config *c, int status, int redirect,
		  struct buf *msg)
{
	int ok = http1_in_ranges(&c->expect, status);

	msg->len = 0;
	buf_str(msg, "status ");
	buf_u64(msg, (uint64_t)status);
	if (!ok) {
		buf_str(msg, " (expected ");
		buf_str(msg, c->expect_text);
		buf_str(msg, ")");
	}
	if (redirect == 0)
		buf_str(msg, ", redirect to another host not followed");
	if (redirect == HTTP_EBAD || redirect == HTTP_ELONG)
		buf_str(msg, ", bad Location not followed");
	if (redirect == HTTP_DOWNGRADE)
		buf_str(msg, ", redirect to http not followed (no downgrade)");
	return ok ? 0 : -1;
}

int
http_judge_body(const struct hc_config *c, const char *body, size_t len,
		struct buf *msg)
{
	const char *want = c->expect_body;

	if (!memmem(body, len, want, strlen(want))) {
		msg->len = 0;
		buf_str(msg, "body: '");
		buf_str(msg, want);
		buf_str(msg, "' not in the first ");
		buf_u64(msg, (uint64_t)len);
		buf_str(msg, " bytes");
		return -1;
	}
	buf_str(msg, ", body matched");
	return 0;
}
