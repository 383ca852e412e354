#define _GNU_SOURCE
#include <string.h>
#include <strings.h>

#include "../../lib/msg.h"
#include "../../lib/num.h"
#include "http.h"

static const char *const defaults[] = {
	"User-Agent: healthcheck/" VERSION,
	"Accept: */*",
	"Connection: close",
};

int
http_header_is(const char *h, const char *d)
{
	size_t n = strcspn(d, ":");

	return !strncasecmp(h, d, n) && h[n] == ':';
}

int
http_header_empty(const char *h)
{
	h += strcspn(h, ":") + 1;
	return h[strspn(h, " \t")] == '\0';
}

void
http_authority(const struct target *t, const char *host, struct buf *b)
{
	uint16_t dflt = t->kind == TARGET_HTTP ? 80
			: t->kind == TARGET_HTTPS || t->kind == TARGET_GRPCS
			    ? 443
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

const char *
http_custom_host(const struct http_opts *o)
{
	const char *v;
	size_t k;

	if (o->host)
		return o->host;
	for (k = 0; k < o->nheaders; k++) {
		if (!http_header_is(o->headers[k], "Host:"))
			continue;
		v = o->headers[k] + 5;
		v += strspn(v, " \t");
		return *v ? v : NULL;
	}
	return NULL;
}

int
http_header_given(const struct http_opts *o, const char *d)
{
	size_t k;

	for (k = 0; k < o->nheaders; k++)
		if (http_header_is(o->headers[k], d))
			return 1;
	return 0;
}

int
http_header_removes(const char *h)
{
	return http_header_empty(h) && (http_header_is(h, "Accept:") ||
					http_header_is(h, "User-Agent:"));
}

/* Standard base64 (RFC 4648 4) of s[0..n), appended to b. */
static void
put_base64(struct buf *b, const char *s, size_t n)
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
				  "qrstuvwxyz0123456789+/";
	const unsigned char *u = (const unsigned char *)s;
	char q[4];
	size_t i;
	uint32_t v;

	for (i = 0; i < n; i += 3) {
		v = (uint32_t)u[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)u[i + 1] << 8;
		if (i + 2 < n)
			v |= u[i + 2];
		q[0] = abc[v >> 18 & 63];
		q[1] = abc[v >> 12 & 63];
		q[2] = i + 1 < n ? abc[v >> 6 & 63] : '=';
		q[3] = i + 2 < n ? abc[v & 63] : '=';
		buf_mem(b, q, 4);
	}
}

long
http_request(const struct http_opts *o, const struct target *t,
	     const char *host, char *out, size_t cap)
{
	struct buf b;
	size_t i, k;

	buf_init(&b, out, cap);
	buf_str(&b, o->method);
	buf_str(&b, " ");
	buf_str(&b, t->path);
	buf_str(&b, " HTTP/1.1\r\nHost: ");
	http_authority(t, host, &b);
	buf_str(&b, "\r\n");
	for (i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++) {
		if (!http_header_given(o, defaults[i])) {
			buf_str(&b, defaults[i]);
			buf_str(&b, "\r\n");
		}
	}
	/* A redirect's userinfo, as Go's client sends it. */
	if ((t->user[0] || t->has_password) &&
	    !http_header_given(o, "Authorization:")) {
		char up[sizeof(t->user) + sizeof(t->password) + 1];
		struct buf u;

		buf_init(&u, up, sizeof(up));
		buf_str(&u, t->user);
		buf_str(&u, ":");
		buf_str(&u, t->password);
		buf_str(&b, "Authorization: Basic ");
		put_base64(&b, up, u.len);
		buf_str(&b, "\r\n");
	}
	for (k = 0; k < o->nheaders; k++) {
		if (http_header_is(o->headers[k], "Host:"))
			continue;
		if (http_header_removes(o->headers[k]))
			continue;
		buf_str(&b, o->headers[k]);
		buf_str(&b, "\r\n");
	}
	buf_str(&b, "\r\n");
	/* A full buffer may have cut the request: refuse rather than send. */
	if (b.len + 1 >= cap)
		return HTTP_ELONG;
	return (long)b.len;
}

/* A URI reference split as RFC 3986 3 names its parts. */
struct ref {
	const char *scheme, *auth, *path, *query;
	size_t slen, alen, plen, qlen;
	int has_auth, has_query;
};

static int
alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Every '%' in s[0..n) starts a %XX escape. */
static int
escapes_ok(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == '%' &&
		    (i + 2 >= n || num_hexdigit((unsigned char)s[i + 1]) < 0 ||
		     num_hexdigit((unsigned char)s[i + 2]) < 0))
			return 0;
	return 1;
}

/*
 * Split loc[0..n) (its fragment already cut off) as Go's url.Parse does
 * for a Location: 0, or HTTP_EBAD where that parse fails.
 */
static int
split_ref(const char *loc, size_t n, struct ref *r)
{
	const char *p = loc, *e = loc + n, *q, *slash;
	size_t i;

	memset(r, 0, sizeof(*r));
	if (n && alpha(loc[0])) {
		for (i = 1;
		     i < n && (alpha(loc[i]) || digit(loc[i]) ||
			       loc[i] == '+' || loc[i] == '-' || loc[i] == '.');
		     i++)
			;
		if (i < n && loc[i] == ':') {
			r->scheme = loc;
			r->slen = i;
			p = loc + i + 1;
		}
	} else if (n && loc[0] == ':') {
		return HTTP_EBAD; /* a scheme that is empty */
	}
	q = memchr(p, '?', (size_t)(e - p));
	if (q) {
		r->query = q + 1;
		r->qlen = (size_t)(e - q - 1);
		r->has_query = 1;
		e = q;
	}
	if (e - p >= 2 && p[0] == '/' && p[1] == '/' &&
	    (r->scheme || e - p < 3 || p[2] != '/')) {
		p += 2;
		slash = memchr(p, '/', (size_t)(e - p));
		r->auth = p;
		r->alen = (size_t)((slash ? slash : e) - p);
		r->has_auth = 1;
		p += r->alen;
	} else if (!r->scheme) {
		/* No scheme, yet a colon in the first segment ("1a:b"). */
		slash = memchr(p, '/', (size_t)(e - p));
		if (memchr(p, ':', (size_t)((slash ? slash : e) - p)))
			return HTTP_EBAD;
	}
	r->path = p;
	r->plen = (size_t)(e - p);
	return escapes_ok(r->path, r->plen) ? 0 : HTTP_EBAD;
}

/*
 * The host and port of an authority, checked as Go checks them: host gets
 * the name without brackets (and without userinfo); *port is -1 when
 * none is given, else the number (perhaps above 65535).  Returns 0 or
 * HTTP_EBAD.
 */
/*
 * The userinfo of authority a[0..n) ("user:password@host"), decoded,
 * into t->user and t->password (both emptied when there is none): Go's
 * client sends it as Authorization: Basic on the request to that URL.
 */
static int
userinfo(const char *a, size_t n, struct target *t)
{
	const char *at = NULL, *colon;
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i] == '@')
			at = a + i;
	t->user[0] = t->password[0] = '\0';
	t->has_password = 0;
	if (!at)
		return 0;
	colon = memchr(a, ':', (size_t)(at - a));
	if (target_unescape(t->user, sizeof(t->user), a,
			    (size_t)((colon ? colon : at) - a)) < 0 ||
	    (colon && target_unescape(t->password, sizeof(t->password),
				      colon + 1, (size_t)(at - colon - 1)) < 0))
		return HTTP_EBAD;
	t->has_password = colon != NULL;
	return 0;
}

static int
split_authority(const char *a, size_t n, char *host, size_t cap, int *v6,
		long *port)
{
	const char *h = a, *he = a + n, *pp = NULL, *rb;
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i] == '@')
			h = a + i + 1;
	*v6 = 0;
	if (h < he && *h == '[') {
		rb = memchr(h, ']', (size_t)(he - h));
		if (!rb)
			return HTTP_EBAD;
		if (rb + 1 < he) {
			if (rb[1] != ':')
				return HTTP_EBAD;
			pp = rb + 2;
		}
		*v6 = 1;
		h++;
		he = rb;
	} else {
		for (i = (size_t)(he - h); i > 0; i--)
			if (h[i - 1] == ':') {
				pp = h + i;
				he = h + i - 1;
				break;
			}
	}
	if (!escapes_ok(h, (size_t)(he - h)) || (size_t)(he - h) >= cap)
		return HTTP_EBAD;
	for (i = 0; h + i < he; i++) {
		unsigned char c = (unsigned char)h[i];

		if (c < 0x80 && !alpha((char)c) && !digit((char)c) &&
		    !strchr("-._~!$&'()*+,;=:%<>\"", c))
			return HTTP_EBAD; /* Go: invalid character in host */
	}
	memcpy(host, h, (size_t)(he - h));
	host[he - h] = '\0';
	*port = -1;
	if (pp && pp < a + n) {
		*port = 0;
		for (; pp < a + n; pp++) {
			if (!digit(*pp))
				return HTTP_EBAD;
			if (*port < 1000000)
				*port = *port * 10 + (*pp - '0');
		}
	}
	return 0;
}

/*
 * RFC 3986 5.2.4 on path[0..*n) (at most 4 KiB): "." and ".." segments
 * go, a ".." above the root is dropped.
 */
static void
remove_dots(char *path, size_t *n)
{
	char out[4096];
	size_t i = 0, o = 0, len = *n;

	while (i < len) {
		const char *in = path + i;
		size_t left = len - i;

		if (left >= 3 && !memcmp(in, "../", 3)) {
			i += 3;
		} else if (left >= 2 && !memcmp(in, "./", 2)) {
			i += 2;
		} else if (left >= 3 && !memcmp(in, "/./", 3)) {
			i += 2;
		} else if (left == 2 && !memcmp(in, "/.", 2)) {
			i += 1;
			path[i] = '/';
		} else if (left >= 4 && !memcmp(in, "/../", 4)) {
			i += 3;
			while (o > 0 && out[--o] != '/')
				;
		} else if (left == 3 && !memcmp(in, "/..", 3)) {
			i += 2;
			path[i] = '/';
			while (o > 0 && out[--o] != '/')
				;
		} else if ((left == 1 && in[0] == '.') ||
			   (left == 2 && !memcmp(in, "..", 2))) {
			i = len;
		} else {
			do
				out[o++] = path[i++];
			while (i < len && path[i] != '/');
		}
	}
	memcpy(path, out, o);
	*n = o;
}

/* Append s[0..n), %-encoding what a request line cannot carry. */
static void
put_escaped(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	char e[3];
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= ' ' || c >= 0x7f || strchr("\"<>\\^`{|}", c)) {
			e[0] = '%';
			e[1] = hex[c >> 4];
			e[2] = hex[c & 15];
			buf_mem(b, e, 3);
		} else {
			buf_mem(b, s + i, 1);
		}
	}
}

int
http_redirect(const struct target *first, const struct target *cur, int status,
	      const char *loc, struct target *next, int *keep_host)
{
	char path[4096], host[sizeof(next->host)];
	const char *cq, *hash;
	size_t n, pn, cpn;
	struct ref r;
	struct buf b;
	long port = -1;
	int v6, kind;

	if (status != 301 && status != 302 && status != 303 && status != 307 &&
	    status != 308)
		return HTTP_NONE;
	if (!*loc)
		return HTTP_NONE; /* Go returns such a 3xx as it is */
	for (n = 0; loc[n]; n++)
		if ((unsigned char)loc[n] < 0x20 || loc[n] == 0x7f)
			return HTTP_EBAD;
	hash = strchr(loc, '#');
	if (split_ref(loc, hash ? (size_t)(hash - loc) : n, &r) < 0)
		return HTTP_EBAD;
	*keep_host = !r.scheme;
	kind = (int)cur->kind;
	if (r.scheme) {
		if (r.slen == 4 && !strncasecmp(r.scheme, "http", 4))
			kind = TARGET_HTTP;
		else if (r.slen == 5 && !strncasecmp(r.scheme, "https", 5))
			kind = TARGET_HTTPS;
		else
			kind = -1;
	}
	*next = *cur;
	if (r.has_auth) {
		if (split_authority(r.auth, r.alen, host, sizeof(host), &v6,
				    &port) < 0 ||
		    userinfo(r.auth, r.alen, next) < 0)
			return HTTP_EBAD;
		memcpy(next->host, host, strlen(host) + 1);
		next->host_v6 = v6;
		next->port_given = port >= 0;
	} else if (r.scheme) {
		next->host[0] = '\0'; /* "mailto:x", "http:/x": no host */
	}
	/* The kubelet's checker: the hostname of the first request. */
	if (strcmp(next->host, first->host))
		return HTTP_ELSEWHERE;

	/* RFC 3986 5.2.2: the path and query of the target. */
	cq = strchr(cur->path, '?');
	cpn = cq ? (size_t)(cq - cur->path) : strlen(cur->path);
	if (r.scheme || r.has_auth || (r.plen && r.path[0] == '/')) {
		if (r.plen >= sizeof(path))
			return HTTP_ELONG;
		memcpy(path, r.path, r.plen);
		pn = r.plen;
	} else if (!r.plen) {
		memcpy(path, cur->path, cpn);
		pn = cpn;
		if (!r.has_query && cq) {
			r.query = cq + 1;
			r.qlen = strlen(cq + 1);
			r.has_query = 1;
		}
	} else {
		/* merge: the base up to its last '/', then the reference */
		while (cpn && cur->path[cpn - 1] != '/')
			cpn--;
		if (cpn + r.plen >= sizeof(path))
			return HTTP_ELONG;
		memcpy(path, cur->path, cpn);
		memcpy(path + cpn, r.path, r.plen);
		pn = cpn + r.plen;
	}
	remove_dots(path, &pn);
	buf_init(&b, next->path, sizeof(next->path));
	if (!pn || path[0] != '/')
		buf_str(&b, "/");
	put_escaped(&b, path, pn);
	if (r.has_query) {
		buf_str(&b, "?");
		put_escaped(&b, r.query, r.qlen);
	}
	if (b.len + 1 >= sizeof(next->path))
		return HTTP_ELONG;
	if (kind < 0)
		return HTTP_ESCHEME;
	if (port > 65535 || port == 0)
		return HTTP_EPORT;
	if (r.has_auth)
		next->port = (uint16_t)(port >= 0	       ? port
					: kind == TARGET_HTTPS ? 443
							       : 80);
	next->kind = (enum target_kind)kind;
	if (kind != (int)cur->kind)
		return kind == TARGET_HTTPS ? HTTP_TLS : HTTP_DOWNGRADE;
	return HTTP_FOLLOW;
}

int
http_judge_status(const struct http_opts *o, int status, int redirect,
		  struct buf *msg)
{
	int ok = http1_in_ranges(&o->expect, status);

	msg->len = 0;
	buf_str(msg, "status ");
	buf_u64(msg, (uint64_t)status);
	if (!ok) {
		buf_str(msg, " (expected ");
		buf_str(msg, o->expect_text);
		buf_str(msg, ")");
	}
	if (redirect == HTTP_ELSEWHERE)
		buf_str(msg, ", redirect to another host not followed");
	if (redirect == HTTP_TLS)
		buf_str(msg, ", redirect to https not followed (no TLS in this "
			     "build)");
	if (redirect == HTTP_DOWNGRADE) {
		buf_str(msg, ", redirect from https to http refused (no "
			     "downgrade; --no-follow judges the 3xx itself)");
		return -1;
	}
	return ok ? 0 : -1;
}

int
http_judge_body(const struct http_opts *o, const char *body, size_t len,
		struct buf *msg)
{
	const char *want = o->expect_body;

	if (!buf_find(body, len, want, strlen(want))) {
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
