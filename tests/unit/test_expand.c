#include "../../healthcheck/proto/expand.h"
#include "t.h"

static char *env[] = { "PORT=9090", "EMPTY=", "HOST=db.local", "A_1=x",
		       "PORTX=no", NULL };

static const struct {
	const char *in;
	int rc;
	const char *out;
} cases[] = {
	{ "http://localhost:${PORT}/", 0, "http://localhost:9090/" },
	{ "http://localhost:${PORT:-8080}/", 0, "http://localhost:9090/" },
	{ "http://localhost:${NOPE:-8080}/", 0, "http://localhost:8080/" },
	{ "${EMPTY:-d}", 0, "d" },
	{ "${EMPTY}", 0, "" },
	{ "${NOPE}", 0, "" },
	{ "${HOST}:${PORT}", 0, "db.local:9090" },
	{ "${A_1}${A_1}", 0, "xx" },
	{ "$PORT", 0, "$PORT" },
	{ "$", 0, "$" },
	{ "a$$b", 0, "a$$b" },
	{ "${NOPE:-}", 0, "" },
	{ "${NOPE:-a:-b}", 0, "a:-b" },
	{ "${NOPE:-${X}", 0, "${X" },
	{ "plain", 0, "plain" },
	{ "", 0, "" },
	{ "${PORT", EXPAND_ESYNTAX, "" },
	{ "${}", EXPAND_ESYNTAX, "" },
	{ "${1X}", EXPAND_ESYNTAX, "" },
	{ "${A-B}", EXPAND_ESYNTAX, "" },
	{ "${A B}", EXPAND_ESYNTAX, "" },
	{ "${:-x}", EXPAND_ESYNTAX, "" },
};

int
main(void)
{
	char out[64], small[8];
	size_t i;
	int rc;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		rc = expand_vars(cases[i].in, out, sizeof(out), env);
		T_CHECK(cases[i].rc ? rc == cases[i].rc
				    : rc == (int)strlen(cases[i].out) &&
						  !strcmp(out, cases[i].out),
			"'%s': rc %d out '%s'", cases[i].in, rc,
			rc >= 0 ? out : "");
	}
	T_CHECK(expand_vars("1234567", small, sizeof(small), env) == 7, "fits");
	T_CHECK(expand_vars("12345678", small, sizeof(small), env) ==
			EXPAND_ELONG, "one too many");
	T_CHECK(expand_vars("${PORT}${PORT}", small, sizeof(small), env) ==
			EXPAND_ELONG, "value too long");
	T_CHECK(expand_vars("x", small, 0, env) == EXPAND_ELONG, "cap 0");
	T_CHECK(expand_vars("${PORT}", out, sizeof(out), NULL) == 0, "no env");
	return t_done("expand");
}
