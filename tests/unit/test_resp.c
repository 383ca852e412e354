#include "../../healthcheck/proto/resp.h"
#include "t.h"

static const struct {
	const char *in;
	int rc; /* > 0: bytes taken */
	char type;
	const char *text;
} cases[] = {
	{ "+PONG\r\n", 7, '+', "PONG" },
	{ "+OK\r\n+PONG\r\n", 5, '+', "OK" },
	{ "-LOADING Redis is loading the dataset in memory\r\n", 49, '-',
	  "LOADING Redis is loading the dataset in memory" },
	{ "-NOAUTH Authentication required.\r\n", 34, '-',
	  "NOAUTH Authentication required." },
	{ ":1\r\n", 4, ':', "1" },
	{ "$4\r\nPONG\r\n", 4, '$', "4" },
	{ "*0\r\n", 4, '*', "0" },
	{ "+\r\n", 3, '+', "" },
	{ "PONG\r\n", RESP_EBAD, 0, "" },
	{ "HTTP/1.1 400\r\n", RESP_EBAD, 0, "" },
	{ "+PONG\n", RESP_EBAD, 0, "" },
	{ "+PO\nNG\r\n", RESP_EBAD, 0, "" },
	{ "+PONG\rX\n", RESP_EBAD, 0, "" },
	{ "+PONG\r", RESP_EMORE, 0, "" },
	{ "-ERR", RESP_EMORE, 0, "" },
};

int
main(void)
{
	static char big[RESP_LINE_MAX + 8];
	static const char *const ping[] = { "PING", NULL };
	static const char *const auth[] = { "AUTH", "u", "p\r\nq", NULL };
	char out[64];
	struct resp_line r;
	size_t i, k, n, len;
	int rc;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		len = strlen(cases[i].in);
		for (k = 0; k < len; k++) {
			rc = resp_line(t_guard(cases[i].in, k), k, &r);
			if (rc == cases[i].rc && rc < 0)
				break;
			T_CHECK(t_prefix_ok(rc, cases[i].rc, k, RESP_EMORE),
				"'%s' prefix %zu: rc %d", cases[i].in, k, rc);
		}
		rc = resp_line(t_guard(cases[i].in, len), len, &r);
		T_CHECK(rc == cases[i].rc, "'%s': rc %d, want %d", cases[i].in,
			rc, cases[i].rc);
		if (rc < 0)
			continue;
		T_CHECK(r.type == cases[i].type &&
			    r.len == strlen(cases[i].text) &&
			    !memcmp(r.text, cases[i].text, r.len),
			"'%s': %c '%.*s'", cases[i].in, r.type, (int)r.len,
			r.text);
	}

	/* The longest line fits in RESP_LINE_MAX bytes with its CRLF. */
	memset(big, 'x', sizeof(big));
	big[0] = '-';
	memcpy(big + RESP_LINE_MAX - 2, "\r\n", 2);
	rc = resp_line(t_guard(big, RESP_LINE_MAX), RESP_LINE_MAX, &r);
	T_CHECK(rc == RESP_LINE_MAX, "longest line: rc %d", rc);
	memcpy(big + RESP_LINE_MAX - 2, "x\r\n", 3);
	for (k = RESP_LINE_MAX - 1; k <= RESP_LINE_MAX + 1; k++)
		T_CHECK(resp_line(big, k, &r) == RESP_ELONG,
			"line of %zu bytes: not ELONG", k);
	T_CHECK(resp_line(big, RESP_LINE_MAX - 2, &r) == RESP_EMORE,
		"a long prefix is EMORE");

	n = 0;
	T_CHECK(resp_command(auth, out, sizeof(out), &n) == 0 &&
		    resp_command(ping, out, sizeof(out), &n) == 0,
		"commands fit");
	T_CHECK(n == 45 && !memcmp(out,
				   "*3\r\n$4\r\nAUTH\r\n$1\r\nu\r\n$4\r\np\r\nq"
				   "\r\n*1\r\n$4\r\nPING\r\n",
				   n),
		"commands: '%.*s'", (int)n, out);
	for (k = 0; k < 31; k++) {
		n = 0;
		T_CHECK(resp_command(auth, out, k, &n) == RESP_ELONG && n == 0,
			"AUTH into %zu bytes", k);
	}
	n = 0;
	T_CHECK(resp_command(auth, out, 31, &n) == 0 && n == 31, "AUTH fits 31");
	r.text = "LOADING Redis";
	r.len = 13;
	T_CHECK(resp_word(&r, "LOADING") && !resp_word(&r, "LOAD") &&
		    !resp_word(&r, "LOADING Redis x"),
		"resp_word");
	r.len = 7;
	T_CHECK(resp_word(&r, "LOADING"), "resp_word, whole text");
	return t_done("resp");
}
