#include <signal.h>
#include <string.h>

#include "../lib/num.h"
#include "sig.h"

/* Index is the signal number on Linux (x86, arm, riscv numbering). */
static const char names[SIG_LAST + 1][7] = {
	"0",	  "HUP",  "INT",    "QUIT", "ILL",   "TRAP", "ABRT", "BUS",
	"FPE",	  "KILL", "USR1",   "SEGV", "USR2",  "PIPE", "ALRM", "TERM",
	"STKFLT", "CHLD", "CONT",   "STOP", "TSTP",  "TTIN", "TTOU", "URG",
	"XCPU",	  "XFSZ", "VTALRM", "PROF", "WINCH", "IO",   "PWR",  "SYS",
};

static const struct {
	char name[5];
	int sig;
} aliases[] = {
	{ "IOT", SIGABRT },
	{ "CLD", SIGCHLD },
	{ "POLL", SIGIO },
};

static int
upper_eq(const char *a, size_t n, const char *name)
{
	size_t i;

	if (strlen(name) != n)
		return 0;
	for (i = 0; i < n; i++) {
		char c = a[i];

		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c != name[i])
			return 0;
	}
	return 1;
}

static int
parse_n(const char *s, size_t n, int allow_zero)
{
	char num[4];
	uint64_t v;
	size_t i;

	if (n && s[0] >= '0' && s[0] <= '9') {
		if (n >= sizeof(num))
			return SIG_EBAD;
		memcpy(num, s, n);
		num[n] = '\0';
		if (num_u64(num, allow_zero ? 0 : 1, SIG_LAST, &v) < 0)
			return SIG_EBAD;
		return (int)v;
	}
	if (n > 3 && upper_eq(s, 3, "SIG")) {
		s += 3;
		n -= 3;
	}
	for (i = 1; i <= SIG_LAST; i++)
		if (upper_eq(s, n, names[i]))
			return (int)i;
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (upper_eq(s, n, aliases[i].name))
			return aliases[i].sig;
	return SIG_EBAD;
}

int
sig_parse(const char *s, int allow_zero)
{
	return parse_n(s, strlen(s), allow_zero);
}

int
sig_parse_rewrite(const char *s, int *from, int *to)
{
	const char *colon = strchr(s, ':');
	int f, t;

	if (!colon)
		return SIG_EBAD;
	f = parse_n(s, (size_t)(colon - s), 0);
	t = parse_n(colon + 1, strlen(colon + 1), 1);
	if (f < 0 || t < 0)
		return SIG_EBAD;
	*from = f;
	*to = t;
	return 0;
}

const char *
sig_name(int sig)
{
	if (sig < 1 || sig > SIG_LAST)
		return "?";
	return names[sig];
}

int
sig_forwardable(int sig)
{
	return sig >= 1 && sig <= SIG_LAST && sig != SIGKILL &&
	       sig != SIGSTOP && sig != SIGCHLD;
}
