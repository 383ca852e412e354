#include <string.h>

#include "pg.h"
#include "wire.h"

long
pg_startup(const char *user, const char *database, uint8_t *out, size_t cap)
{
	const char *kv[] = {
		"user",	      user, "database", database, "application_name",
		"healthcheck"
	};
	size_t i, n = 8, len;

	if (cap < 9)
		return PG_ELONG;
	wire_put32(out + 4, 3u << 16); /* protocol 3.0 */
	for (i = 0; i < sizeof(kv) / sizeof(kv[0]); i++) {
		len = strlen(kv[i]) + 1;
		if (n + len + 1 > cap)
			return PG_ELONG;
		memcpy(out + n, kv[i], len);
		n += len;
	}
	out[n++] = '\0';
	wire_put32(out, (uint32_t)n);
	return (long)n;
}

int
pg_parse(const uint8_t *b, size_t n, struct pg_reply *r)
{
	const uint8_t *f, *end;
	uint32_t len;
	const char **field;

	memset(r, 0, sizeof(*r));
	r->severity = r->code = r->message = "";
	if (n >= 1 && b[0] != 'R' && b[0] != 'E')
		return PG_EBAD;
	if (n < 5)
		return PG_EMORE;
	r->type = (char)b[0];
	len = wire_get32(b + 1);
	if (r->type == 'R' ? len < 8 || len > 2000
			   : len < 5 || len > PG_MSG_MAX)
		return PG_ELONG;
	if (n < 1 + (size_t)len)
		return PG_EMORE;
	if (r->type == 'R') {
		r->auth = wire_get32(b + 5);
		return (int)len + 1;
	}
	/* Fields: a type byte and a string each, then a NUL. */
	end = b + 1 + len;
	for (f = b + 5; f < end && *f; f++) {
		field = *f == 'S'   ? &r->severity
			: *f == 'C' ? &r->code
			: *f == 'M' ? &r->message
				    : NULL;
		f++;
		if (f == end)
			return PG_EBAD;
		if (field)
			*field = (const char *)f;
		f = memchr(f, '\0', (size_t)(end - f));
		if (!f)
			return PG_EBAD;
	}
	if (f != end - 1)
		return PG_EBAD;
	return (int)len + 1;
}

const char *
pg_auth_name(uint32_t auth)
{
	switch (auth) {
	case 0:
		return "trust";
	case 3:
		return "password";
	case 5:
		return "md5";
	case 7:
		return "GSSAPI";
	case 9:
		return "SSPI";
	case 10:
		return "SASL";
	}
	return "other";
}
