#include "../../healthcheck/proto/mysql.h"
#include "t.h"

#define B(s) s, sizeof(s) - 1

static const struct {
	const char *in;
	size_t n;
	int rc; /* packet: > 0 bytes taken; then the greeting's rc */
	int grc;
	int error;
	const char *version;
	unsigned code;
	const char *state, *text;
} cases[] = {
	/* MariaDB 10.11: protocol 10, "5.5.5-" prefix, then the rest. */
	{ B("\x2a\0\0\0\x0a" "5.5.5-10.11.19-MariaDB\0\x03\0\0\0abcdefgh\0"
	    "\xfe\xf7\x2d\x02\0"),
	  46, 0, 0, "10.11.19-MariaDB", 0, "", "" },
	{ B("\x08\0\0\0\x0a" "8.0.36\0"), 12, 0, 0, "8.0.36", 0, "", "" },
	{ B("\x08\0\0\0\x0a" "5.5.5-\0"), 12, 0, 0, "5.5.5-", 0, "", "" },
	{ B("\x17\0\0\0\xff\x10\x04Too many connections"), 27, 0, 1, "",
	  1040, "", "Too many connections" },
	{ B("\x18\0\0\0\xff\x69\x04#HY000Host is blocked"), 28, 0, 1, "",
	  1129, "HY000", "Host is blocked" },
	{ B("\x03\0\0\0\xff\x10\x04"), 7, 0, 1, "", 1040, "", "" },
	{ B("\x02\0\0\0\xff\x10"), 6, MYSQL_EBAD, 0, "", 0, "", "" },
	{ B("\x07\0\0\0\x0a" "8.0.36"), 11, MYSQL_EBAD, 0, "", 0, "", "" },
	{ B("\x05\0\0\0\x09" "4.0\0"), 9, MYSQL_EBAD, 0, "", 0, "", "" },
	{ B("\x01\0\0\0\x0a"), 5, MYSQL_EBAD, 0, "", 0, "", "" },
	{ B("\0\0\0\0"), 4, MYSQL_EBAD, 0, "", 0, "", "" },
	{ B("\x01\x10\0\0"), MYSQL_ELONG, 0, 0, "", 0, "", "" },
	{ B("\xff\xff\xff\0"), MYSQL_ELONG, 0, 0, "", 0, "", "" },
	{ B("\x05\0\0"), MYSQL_EMORE, 0, 0, "", 0, "", "" },
};

int
main(void)
{
	static char big[4 + MYSQL_PACKET_MAX];
	struct mysql_packet pk;
	struct mysql_greeting g;
	size_t i, k;
	int rc;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		for (k = 0; k < cases[i].n; k++) {
			rc = mysql_packet(
			    (const uint8_t *)t_guard(cases[i].in, k), k, &pk);
			if (rc == cases[i].rc && rc < 0)
				break;
			T_CHECK(t_prefix_ok(rc, cases[i].rc, k, MYSQL_EMORE),
				"case %zu prefix %zu: rc %d", i, k, rc);
		}
		rc = mysql_packet((const uint8_t *)t_guard(cases[i].in,
							   cases[i].n),
				  cases[i].n, &pk);
		T_CHECK(rc == cases[i].rc, "case %zu: rc %d, want %d", i, rc,
			cases[i].rc);
		if (rc < 0)
			continue;
		T_CHECK(pk.seq == 0 && pk.len + 4 == (size_t)rc,
			"case %zu: seq %u len %zu", i, pk.seq, pk.len);
		rc = mysql_greeting(&pk, &g);
		T_CHECK(rc == cases[i].grc, "case %zu: greeting rc %d", i, rc);
		if (rc < 0)
			continue;
		T_CHECK(g.error == cases[i].error &&
			    !strcmp(g.version, cases[i].version) &&
			    g.code == cases[i].code &&
			    !strcmp(g.state, cases[i].state) &&
			    g.text_len == strlen(cases[i].text) &&
			    (!g.text_len ||
			     !memcmp(g.text, cases[i].text, g.text_len)),
			"case %zu: error %d version '%s' code %u '%s'", i,
			g.error, g.version, g.code, g.state);
	}

	/* The largest packet read, and one byte more. */
	big[0] = 0;
	big[1] = MYSQL_PACKET_MAX >> 8;
	rc = mysql_packet((const uint8_t *)t_guard(big, sizeof(big)),
			  sizeof(big), &pk);
	T_CHECK(rc == (int)sizeof(big), "largest packet: rc %d", rc);
	big[0] = 1;
	T_CHECK(mysql_packet((const uint8_t *)big, sizeof(big), &pk) ==
		    MYSQL_ELONG,
		"packet over the limit");
	return t_done("mysql");
}
