#include <signal.h>

#include "../../init/sig.h"
#include "t.h"

static const struct {
	const char *in;
	int zero;
	int want;
} specs[] = {
	{ "TERM", 0, SIGTERM },
	{ "SIGTERM", 0, SIGTERM },
	{ "sigterm", 0, SIGTERM },
	{ "term", 0, SIGTERM },
	{ "15", 0, 15 },
	{ "1", 0, SIGHUP },
	{ "31", 0, 31 },
	{ "SYS", 0, SIGSYS },
	{ "IOT", 0, SIGABRT },
	{ "SIGCLD", 0, SIGCHLD },
	{ "POLL", 0, SIGIO },
	{ "WINCH", 0, SIGWINCH },
	{ "KILL", 0, SIGKILL },
	{ "0", 0, SIG_EBAD },
	{ "0", 1, 0 },
	{ "00", 1, 0 },
	{ "32", 0, 32 },
	{ "34", 0, 34 },
	{ "64", 0, 64 },
	{ "65", 0, SIG_LAST == 64 ? SIG_EBAD : 65 },
	{ "RTMIN", 0, 34 },
	{ "SIGRTMIN", 0, 34 },
	{ "rtmin+0", 0, 34 },
	{ "RTMIN+1", 0, 35 },
	{ "SIGRTMIN+3", 0, 37 },
	{ "RTMIN+15", 0, 49 },
	{ "RTMIN+30", 0, 64 },
	{ "RTMIN+31", 0, SIG_LAST == 64 ? SIG_EBAD : 65 },
	{ "RTMAX", 0, SIG_LAST },
	{ "RTMAX-1", 0, SIG_LAST - 1 },
	{ "SIGRTMAX-14", 0, SIG_LAST - 14 },
	{ "RTMAX-30", 0, SIG_LAST - 30 },
	{ "RTMAX-31", 0, SIG_LAST == 64 ? SIG_EBAD : SIG_LAST - 31 },
	{ "RTMIN-1", 0, SIG_EBAD },
	{ "RTMAX+1", 0, SIG_EBAD },
	{ "RTMIN+", 0, SIG_EBAD },
	{ "RTMIN+-1", 0, SIG_EBAD },
	{ "RTMIN+ 1", 0, SIG_EBAD },
	{ "RTMIN+0001", 0, SIG_EBAD },
	{ "RTMI", 0, SIG_EBAD },
	{ "RTMINX", 0, SIG_EBAD },
	{ "-15", 0, SIG_EBAD },
	{ "", 0, SIG_EBAD },
	{ "SIG", 0, SIG_EBAD },
	{ "SIGSIGTERM", 0, SIG_EBAD },
	{ "TERMX", 0, SIG_EBAD },
	{ "TER", 0, SIG_EBAD },
	{ "1000", 0, SIG_EBAD },
	{ "15 ", 0, SIG_EBAD },
};

static const struct {
	const char *in;
	int rc, from, to;
} rewrites[] = {
	{ "TERM:QUIT", 0, SIGTERM, SIGQUIT },
	{ "15:3", 0, 15, 3 },
	{ "USR1:0", 0, SIGUSR1, 0 },
	{ "sigint:sigterm", 0, SIGINT, SIGTERM },
	{ "0:TERM", SIG_EBAD, 0, 0 },
	{ "TERM", SIG_EBAD, 0, 0 },
	{ "TERM:", SIG_EBAD, 0, 0 },
	{ ":TERM", SIG_EBAD, 0, 0 },
	{ "TERM:QUIT:HUP", SIG_EBAD, 0, 0 },
	{ "TERM:200", SIG_EBAD, 0, 0 },
	{ "RTMIN+6:TERM", 0, 40, SIGTERM },
	{ "64:RTMIN", 0, 64, 34 },
	{ "TERM:RTMAX-2", 0, SIGTERM, SIG_LAST - 2 },
};

int
main(void)
{
	size_t i;
	int f, t, rc;

	for (i = 0; i < sizeof(specs) / sizeof(specs[0]); i++) {
		rc = sig_parse(specs[i].in, specs[i].zero);
		T_CHECK(rc == specs[i].want,
			"sig_parse('%s', %d) = %d, want %d", specs[i].in,
			specs[i].zero, rc, specs[i].want);
	}
	for (i = 0; i < sizeof(rewrites) / sizeof(rewrites[0]); i++) {
		f = t = -7;
		rc = sig_parse_rewrite(rewrites[i].in, &f, &t);
		T_CHECK(rc == rewrites[i].rc, "rewrite '%s' rc %d",
			rewrites[i].in, rc);
		if (rc == 0)
			T_CHECK(f == rewrites[i].from && t == rewrites[i].to,
				"rewrite '%s' = %d:%d", rewrites[i].in, f, t);
		else
			T_CHECK(f == -7 && t == -7,
				"rewrite '%s' wrote on error", rewrites[i].in);
	}
	for (i = 1; i <= SIG_LAST; i++)
		T_CHECK(sig_parse(sig_name((int)i), 0) == (int)i,
			"round trip of %zu (%s)", i, sig_name((int)i));
	T_CHECK(!strcmp(sig_name(0), "?") &&
		    !strcmp(sig_name(SIG_LAST + 1), "?"),
		"names out of range");
	T_CHECK(!strcmp(sig_name(SIGUSR1), "USR1") &&
		    !strcmp(sig_name(SIGCHLD), "CHLD") &&
		    !strcmp(sig_name(SIGSYS), "SYS"),
		"names by this architecture's numbers");
	T_CHECK(SIG_LAST != 64 || (!strcmp(sig_name(32), "32") &&
				   !strcmp(sig_name(33), "33") &&
				   !strcmp(sig_name(34), "RTMIN") &&
				   !strcmp(sig_name(35), "RTMIN+1") &&
				   !strcmp(sig_name(49), "RTMIN+15") &&
				   !strcmp(sig_name(50), "RTMAX-14") &&
				   !strcmp(sig_name(63), "RTMAX-1") &&
				   !strcmp(sig_name(64), "RTMAX")),
		"names 32..64 as bash prints them");
	/* A second call gives the same text (the names are made once). */
	T_CHECK(!strcmp(sig_name(44), "RTMIN+10") &&
		    !strcmp(sig_name(44), "RTMIN+10"),
		"name made once");
	for (i = 0; i <= SIG_LAST + 6; i++)
		T_CHECK(sig_forwardable((int)i) ==
			    (i >= 1 && i <= SIG_LAST && i != SIGKILL &&
			     i != SIGSTOP && i != SIGCHLD),
			"forwardable %zu", i);
	{
		sigset_t set;

		sigemptyset(&set);
		sig_fill(&set);
		for (i = 1; i <= SIG_LAST && i < 8 * sizeof(set); i++)
			T_CHECK(sigismember(&set, (int)i) == 1,
				"sig_fill holds %zu", i);
	}
	return t_done("sig");
}
