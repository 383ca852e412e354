#include <string.h>

#include "../../lib/msg.h"
#include "../../lib/num.h"
#include "target.h"

static const struct {
	const char *name;
	enum target_kind kind;
	uint16_t port;
} schemes[] = {
	{ "http", TARGET_HTTP, 80 },
	{ "https", TARGET_HTTPS, 443 },
	{ "tcp", TARGET_TCP, 0 },
	{ "unix", TARGET_UNIX, 0 },
	{ "file", TARGET_FILE, 0 },
	{ "grpc", TARGET_GRPC, 0 },
	{ "grpcs", TARGET_GRPCS, 443 },
	{ "postgres", TARGET_POSTGRES, 5432 },
	{ "postgresql", TARGET_POSTGRES, 5432 },
	{ "redis", TARGET_REDIS, 6379 },
	{ "mysql", TARGET_MYSQL, 3306 },
	{ "mariadb", TARGET_MYSQL, 3306 },
};

const char *
target_strerror(int rc)
{
	switch (rc) {
	case TARGET_ESCHEME:
		return "unknown scheme (http, https, tcp, unix, file, grpc, "
		       "grpcs, postgres, redis, mysql)";
	case TARGET_EHOST:
		return "bad host";
	case TARGET_EPORT:
		return "bad or missing port (1..65535)";
	case TARGET_EBYTE:
		return "control byte or space";
	case TARGET_ELONG:
		return "too long";
	case TARGET_EPATH:
		return "bad path";
	case TARGET_EQUERY:
		return "bad query (only max-age=DURATION)";
	case TARGET_EUSER:
		return "bad USER:PASSWORD@ (%XX escapes; redis:// needs "
		       "the ':')";
	}
	return "bad target";
}

static int
copy(char *dst, size_t cap, const char *src, size_t n)
{
	if (n >= cap)
		return TARGET_ELONG;
	memcpy(dst, src, n);
	dst[n] = '\0';
	return 0;
}

int
target_unescape(char *dst, size_t cap, const char *s, size_t n)
{
	size_t i, o = 0;
	int hi, lo;

	for (i = 0; i < n; i++, o++) {
		if (o + 1 >= cap)
			return TARGET_ELONG;
		dst[o] = s[i];
		if (s[i] != '%')
			continue;
		if (i + 2 >= n)
			return TARGET_EUSER;
		hi = num_hexdigit((unsigned char)s[i + 1]);
		lo = num_hexdigit((unsigned char)s[i + 2]);
		/* No NUL or other control byte: a name, never a line. */
		if (hi < 0 || lo < 0 || hi < 2 || (hi == 7 && lo == 15))
			return TARGET_EUSER;
		dst[o] = (char)(hi << 4 | lo);
		i += 2;
	}
	dst[o] = '\0';
	return 0;
}

/* USER[:PASSWORD] of length n at u, for a database target. */
static int
parse_userinfo(const char *u, size_t n, struct target *t)
{
	const char *colon = memchr(u, ':', n);
	size_t un = colon ? (size_t)(colon - u) : n;
	int rc;

	if (t->kind == TARGET_REDIS && !colon)
		return TARGET_EUSER;
	rc = target_unescape(t->user, sizeof(t->user), u, un);
	if (rc < 0 || !colon || t->kind != TARGET_REDIS)
		return rc;
	t->has_password = 1;
	return target_unescape(t->password, sizeof(t->password), colon + 1,
			       n - un - 1);
}

static int
is_db(enum target_kind k)
{
	return k == TARGET_POSTGRES || k == TARGET_REDIS || k == TARGET_MYSQL;
}

/*
 * The '@' that ends the userinfo in the authority at rest (after "://"),
 * or NULL: the last one before any '/', '?' or '#'; for a database target
 * before any '?' or '#' only, as its password may hold '/' (base64).
 */
static const char *
userinfo_end(const char *rest, int db)
{
	const char *end = rest + strcspn(rest, db ? "?#" : "/?#"), *at = NULL;

	for (; rest < end; rest++)
		if (*rest == '@')
			at = rest;
	return at;
}

int
target_redact(char *url, size_t cap, const struct target *t)
{
	char *rest = (char *)buf_strstr(url, "://"), *at, *colon;
	size_t n, len = strlen(url);

	if (!rest || !is_db(t->kind))
		return 0;
	rest += 3;
	at = (char *)userinfo_end(rest, 1);
	colon = at ? memchr(rest, ':', (size_t)(at - rest)) : NULL;
	if (!colon)
		return 0;
	n = (size_t)(at - colon - 1);
	if (len - n + 3 + 1 > cap)
		return TARGET_ELONG;
	memmove(colon + 4, at, strlen(at) + 1);
	memcpy(colon + 1, "***", 3);
	return 0;
}

static int
host_byte_ok(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
}

/* HOST[:PORT] of length n at a. */
static int
parse_authority(const char *a, size_t n, struct target *t)
{
	const char *colon = NULL, *h = a;
	size_t hn, i;
	uint64_t port;
	char num[8];
	int rc;

	if (n && a[0] == '[') {
		const char *close = memchr(a, ']', n);

		if (!close)
			return TARGET_EHOST;
		h = a + 1;
		hn = (size_t)(close - h);
		for (i = 0; i < hn; i++)
			if (!strchr("0123456789abcdefABCDEF:.", h[i]))
				return TARGET_EHOST;
		if (!hn)
			return TARGET_EHOST;
		t->host_v6 = 1;
		if (close + 1 < a + n) {
			if (close[1] != ':')
				return TARGET_EHOST;
			colon = close + 1;
		}
	} else {
		colon = memchr(a, ':', n);
		hn = colon ? (size_t)(colon - a) : n;
		for (i = 0; i < hn; i++)
			if (!host_byte_ok(a[i]))
				return TARGET_EHOST;
	}
	if (hn == 0)
		rc = copy(t->host, sizeof(t->host), "localhost", 9);
	else
		rc = copy(t->host, sizeof(t->host), h, hn);
	if (rc < 0)
		return rc;
	if (colon) {
		size_t pn = (size_t)(a + n - colon - 1);

		if (!pn || pn >= sizeof(num))
			return TARGET_EPORT;
		memcpy(num, colon + 1, pn);
		num[pn] = '\0';
		if (num_u64(num, 1, 65535, &port) < 0)
			return TARGET_EPORT;
		t->port = (uint16_t)port;
		t->port_given = 1;
	}
	return 0;
}

static int
parse_file_query(const char *q, struct target *t)
{
	if (strncmp(q, "max-age=", 8) || num_duration(q + 8, &t->max_age_ms))
		return TARGET_EQUERY;
	return 0;
}

/*
 * The "/DB" after a database target's authority: postgres and mysql take
 * a name (decoded; postgres drops a query, mysql refuses one), redis a
 * number, which PING does not need and is only checked.
 */
static int
parse_db_path(const char *s, size_t n, struct target *t)
{
	size_t pn = strcspn(s, "?");

	if (pn > n)
		pn = n;
	if (pn < n && t->kind != TARGET_POSTGRES)
		return TARGET_EQUERY;
	if (!pn)
		return 0;
	if (t->kind == TARGET_REDIS) {
		uint64_t db;
		char num[8];

		if (pn == 1)
			return 0;
		if (pn - 1 >= sizeof(num))
			return TARGET_EPATH;
		memcpy(num, s + 1, pn - 1);
		num[pn - 1] = '\0';
		return num_u64(num, 0, 65535, &db) < 0 ? TARGET_EPATH : 0;
	}
	if (memchr(s + 1, '/', pn - 1))
		return TARGET_EPATH;
	return target_unescape(t->path, sizeof(t->path), s + 1, pn - 1) < 0
		   ? TARGET_EPATH
		   : 0;
}

int
target_parse(const char *url, struct target *t)
{
	const char *rest, *auth_end, *q;
	size_t i, n;
	int rc;

	memset(t, 0, sizeof(*t));
	for (i = 0; url[i]; i++)
		if ((unsigned char)url[i] <= ' ' || url[i] == 0x7f)
			return TARGET_EBYTE;
	rest = buf_strstr(url, "://");
	if (!rest)
		return TARGET_ESCHEME;
	n = (size_t)(rest - url);
	for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++)
		if (strlen(schemes[i].name) == n &&
		    !strncmp(url, schemes[i].name, n))
			break;
	if (i == sizeof(schemes) / sizeof(schemes[0]))
		return TARGET_ESCHEME;
	t->kind = schemes[i].kind;
	t->port = schemes[i].port;
	rest += 3;

	if (t->kind == TARGET_UNIX || t->kind == TARGET_FILE) {
		/* Only an empty authority: "unix:///run/app.sock". */
		if (rest[0] != '/' || rest[1] == '\0')
			return TARGET_EPATH;
		q = t->kind == TARGET_FILE ? strchr(rest, '?') : NULL;
		n = q ? (size_t)(q - rest) : strlen(rest);
		rc = copy(t->path, sizeof(t->path), rest, n);
		if (rc == 0 && q)
			rc = parse_file_query(q + 1, t);
		return rc;
	}

	q = userinfo_end(rest, is_db(t->kind));
	if (q) {
		if (!is_db(t->kind))
			return TARGET_EHOST;
		rc = parse_userinfo(rest, (size_t)(q - rest), t);
		if (rc < 0)
			return rc;
		rest = q + 1;
	}
	auth_end = rest + strcspn(rest, "/?#");
	rc = parse_authority(rest, (size_t)(auth_end - rest), t);
	if (rc < 0)
		return rc;
	n = strcspn(auth_end, "#"); /* a fragment is never sent */
	if (is_db(t->kind))
		return parse_db_path(auth_end, n, t);
	if (t->kind == TARGET_TCP) {
		if (!t->port_given)
			return TARGET_EPORT;
		if (n > 1 || (n == 1 && auth_end[0] != '/'))
			return TARGET_EPATH;
		return 0;
	}
	if (t->kind == TARGET_GRPC || t->kind == TARGET_GRPCS) {
		if (memchr(auth_end, '?', n))
			return TARGET_EPATH;
		return copy(t->path, sizeof(t->path), auth_end + (n > 0),
			    n - (n > 0));
	}
	if (n == 0)
		return copy(t->path, sizeof(t->path), "/", 1);
	if (auth_end[0] == '?') {
		/* "http://h?x" asks for "/?x". */
		t->path[0] = '/';
		return copy(t->path + 1, sizeof(t->path) - 1, auth_end, n);
	}
	return copy(t->path, sizeof(t->path), auth_end, n);
}
