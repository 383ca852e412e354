#include "../../healthcheck/proto/pg.h"
#include "t.h"

#define B(s) s, sizeof(s) - 1

static const struct {
	const char *in;
	size_t n;
	int rc; /* > 0: bytes taken */
	char type;
	unsigned auth;
	const char *severity, *code, *message;
} cases[] = {
	{ B("R\0\0\0\x08\0\0\0\0"), 9, 'R', 0, "", "", "" },
	{ B("R\0\0\0\x0c\0\0\0\x05salt"), 13, 'R', 5, "", "", "" },
	{ B("R\0\0\0\x17\0\0\0\x0aSCRAM-SHA-256\0\0"), 24, 'R', 10, "", "", "" },
	{ B("R\0\0\0\x08\0\0\0\x03trailing"), 9, 'R', 3, "", "", "" },
	{ B("E\0\0\0\x4c" "SFATAL\0VFATAL\0C57P03\0"
	    "Mthe database system is starting up\0Fpostmaster.c\0\0"),
	  77, 'E', 0, "FATAL", "57P03", "the database system is starting up" },
	{ B("E\0\0\0\x2c" "SFATAL\0C28000\0Mrole \"x\" does not exist\0\0"),
	  45, 'E', 0, "FATAL", "28000", "role \"x\" does not exist" },
	{ B("E\0\0\0\x05\0"), 6, 'E', 0, "", "", "" },
	{ B("E\0\0\0\x07S\0\0"), 8, 'E', 0, "", "", "" },
	{ B("E\0\0\0\x10" "Xunknown\0M\0\0"), 17, 'E', 0, "", "", "" },
	{ B("N\0\0\0\x05\0"), PG_EBAD, 0, 0, "", "", "" },
	{ B("HTTP/1.1 400 Bad Request\r\n"), PG_EBAD, 0, 0, "", "", "" },
	{ B("\0\0\0\0"), PG_EBAD, 0, 0, "", "", "" },
	{ B("R\0\0\0\x07\0\0\0"), PG_ELONG, 0, 0, "", "", "" },
	{ B("R\0\0\x07\xd1"), PG_ELONG, 0, 0, "", "", "" },
	{ B("R\xff\xff\xff\xff"), PG_ELONG, 0, 0, "", "", "" },
	{ B("E\0\0\0\x04"), PG_ELONG, 0, 0, "", "", "" },
	{ B("E\0\0\x20\x01"), PG_ELONG, 0, 0, "", "", "" },
	{ B("E\0\0\0\x08Sabc"), PG_EBAD, 0, 0, "", "", "" },
	{ B("E\0\0\0\x06S\0"), PG_EBAD, 0, 0, "", "", "" },
	{ B("E\0\0\0\x06\0X"), PG_EBAD, 0, 0, "", "", "" },
	{ B("E\0\0\0\x06S"), PG_EMORE, 0, 0, "", "", "" },
};

int
main(void)
{
	static const char want[] = "\0\0\0\x41\0\x03\0\0user\0postgres\0"
				   "database\0app\0application_name\0"
				   "healthcheck\0";
	uint8_t out[256];
	struct pg_reply r;
	size_t i, k;
	long n;
	int rc;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		/* Every prefix: more wanted, or the same error early. */
		for (k = 0; k < cases[i].n; k++) {
			rc = pg_parse((const uint8_t *)t_guard(cases[i].in, k),
				      k, &r);
			if (rc == cases[i].rc && rc < 0)
				break;
			T_CHECK(t_prefix_ok(rc, cases[i].rc, k, PG_EMORE),
				"case %zu prefix %zu: rc %d", i, k, rc);
		}
		rc = pg_parse((const uint8_t *)t_guard(cases[i].in,
						       cases[i].n),
			      cases[i].n, &r);
		T_CHECK(rc == cases[i].rc, "case %zu: rc %d, want %d", i, rc,
			cases[i].rc);
		if (rc < 0)
			continue;
		T_CHECK(r.type == cases[i].type && r.auth == cases[i].auth,
			"case %zu: type %c auth %u", i, r.type, r.auth);
		T_CHECK(!strcmp(r.severity, cases[i].severity) &&
			    !strcmp(r.code, cases[i].code) &&
			    !strcmp(r.message, cases[i].message),
			"case %zu: '%s' '%s' '%s'", i, r.severity, r.code,
			r.message);
	}

	n = pg_startup("postgres", "app", out, sizeof(out));
	T_CHECK(n == (long)sizeof(want) && !memcmp(out, want, sizeof(want)),
		"startup message: %ld bytes", n);
	for (k = 0; k < sizeof(want); k++)
		T_CHECK(pg_startup("postgres", "app", out, k) == PG_ELONG,
			"startup into %zu bytes", k);
	T_CHECK(!strcmp(pg_auth_name(10), "SASL") &&
		    !strcmp(pg_auth_name(5), "md5") &&
		    !strcmp(pg_auth_name(99), "other"),
		"auth names");
	return t_done("pg");
}
