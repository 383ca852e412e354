#include <signal.h>
#include <string.h>

#include "../lib/num.h"
#include "../lib/sys.h"
#include "sig.h"

/*
 * Index is the signal number, which is the architecture's: x86, arm,
 * ppc, s390 and riscv share one numbering, MIPS has its own (SIGUSR1 is
 * 16 there, and 7 is SIGEMT, with no SIGSTKFLT).
 */
static const char names[32][7] = {
	[0] = "0",	    [SIGHUP] = "HUP",
	[SIGINT] = "INT",   [SIGQUIT] = "QUIT",
	[SIGILL] = "ILL",   [SIGTRAP] = "TRAP",
	[SIGABRT] = "ABRT", [SIGBUS] = "BUS",
	[SIGFPE] = "FPE",   [SIGKILL] = "KILL",
	[SIGUSR1] = "USR1", [SIGSEGV] = "SEGV",
	[SIGUSR2] = "USR2", [SIGPIPE] = "PIPE",
	[SIGALRM] = "ALRM", [SIGTERM] = "TERM",
	[SIGCHLD] = "CHLD", [SIGCONT] = "CONT",
	[SIGSTOP] = "STOP", [SIGTSTP] = "TSTP",
	[SIGTTIN] = "TTIN", [SIGTTOU] = "TTOU",
	[SIGURG] = "URG",   [SIGXCPU] = "XCPU",
	[SIGXFSZ] = "XFSZ", [SIGVTALRM] = "VTALRM",
	[SIGPROF] = "PROF", [SIGWINCH] = "WINCH",
	[SIGIO] = "IO",	    [SIGPWR] = "PWR",
	[SIGSYS] = "SYS",
#ifdef __mips__
	[7] = "EMT",
#else
	[16] = "STKFLT",
#endif
};

static const struct {
	char name[5];
	int sig;
} aliases[] = {
	{ "IOT", SIGABRT },
	{ "CLD", SIGCHLD },
	{ "POLL", SIGIO },
};

/* Decimal digits s[0..n) in lo..hi, or SIG_EBAD. */
static int
number(const char *s, size_t n, unsigned lo, unsigned hi)
{
	char num[4];
	uint64_t v;

	if (!n || n >= sizeof(num) || s[0] < '0' || s[0] > '9')
		return SIG_EBAD;
	memcpy(num, s, n);
	num[n] = '\0';
	if (num_u64(num, lo, hi, &v) < 0)
		return SIG_EBAD;
	return (int)v;
}

/* "RTMIN", "RTMIN+N", "RTMAX", "RTMAX-N" (without "SIG"), or SIG_EBAD. */
static int
parse_rt(const char *s, size_t n)
{
	int k;

	if (n < 5)
		return SIG_EBAD;
	if (num_upper_eq(s, 5, "RTMIN")) {
		if (n == 5)
			return SIG_RTMIN;
		if (s[5] != '+')
			return SIG_EBAD;
		k = number(s + 6, n - 6, 0, SIG_LAST - SIG_RTMIN);
		return k < 0 ? SIG_EBAD : SIG_RTMIN + k;
	}
	if (num_upper_eq(s, 5, "RTMAX")) {
		if (n == 5)
			return SIG_LAST;
		if (s[5] != '-')
			return SIG_EBAD;
		k = number(s + 6, n - 6, 0, SIG_LAST - SIG_RTMIN);
		return k < 0 ? SIG_EBAD : SIG_LAST - k;
	}
	return SIG_EBAD;
}

static int
parse_n(const char *s, size_t n, int allow_zero)
{
	size_t i;

	if (n && s[0] >= '0' && s[0] <= '9')
		return number(s, n, allow_zero ? 0 : 1, SIG_LAST);
	if (n > 3 && num_upper_eq(s, 3, "SIG")) {
		s += 3;
		n -= 3;
	}
	for (i = 1; i < 32; i++)
		if (num_upper_eq(s, n, names[i]))
			return (int)i;
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (num_upper_eq(s, n, aliases[i].name))
			return aliases[i].sig;
	return parse_rt(s, n);
}

int
sig_parse(const char *s, int allow_zero)
{
	return parse_n(s, strlen(s), allow_zero);
}

int
sig_parse_rewrite(const char *s, int *from, int *to)
{
	const char *colon = sys_chr(s, ':');
	int f, t;

	if (!*colon)
		return SIG_EBAD;
	f = parse_n(s, (size_t)(colon - s), 0);
	t = parse_n(colon + 1, strlen(colon + 1), 1);
	if (f < 0 || t < 0)
		return SIG_EBAD;
	*from = f;
	*to = t;
	return 0;
}

/*
 * Names of 32..64, made on first use (bash's names: RTMIN+1 up to
 * RTMIN+15, then RTMAX-14 down to RTMAX): .bss, not a table in the file.
 */
const char *
sig_name(int sig)
{
	/* Static: each name is returned and outlives the call. */
	static char rt[SIG_LAST - 31][9];
	char *p;
	int k;

	if (sig < 1 || sig > SIG_LAST)
		return "?";
	if (sig < 32)
		return names[sig];
	p = rt[sig - 32];
	if (p[0])
		return p;
	if (sig < SIG_RTMIN) {
		p[0] = '3';
		p[1] = (char)('0' + sig - 30);
		return p;
	}
	k = sig - SIG_RTMIN;
	memcpy(p, k <= 15 ? "RTMIN+" : "RTMAX-", 6);
	if (k > 15)
		k = SIG_LAST - sig;
	if (!k) {
		p[5] = '\0';
	} else if (k < 10) {
		p[6] = (char)('0' + k);
	} else {
		p[6] = (char)('0' + k / 10);
		p[7] = (char)('0' + k % 10);
	}
	return p;
}

int
sig_forwardable(int sig)
{
	return sig >= 1 && sig <= SIG_LAST && sig != SIGKILL &&
	       sig != SIGSTOP && sig != SIGCHLD;
}

void
sig_fill(sigset_t *set)
{
	/* The kernel reads the first SIG_KSET_BYTES; the rest is libc's. */
	memset(set, 0xff, sizeof(*set));
}
