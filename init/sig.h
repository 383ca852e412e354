/*
 * sig: signal names, the signal specs init accepts on its command line,
 * and the full set of signals init blocks.  Pure: no I/O.
 */
#ifndef INIT_SIG_H
#define INIT_SIG_H

#include <signal.h>

#define SIG_EBAD (-1) /* not a signal name or number */

/*
 * Highest signal number on Linux: 64 (x86, arm, ppc, s390, riscv), 127
 * on MIPS, which has 128 signals (glibc's and bash's SIGRTMAX: a wait
 * status holds no 128).  SIG_KSET_BYTES is the kernel's signal set, what
 * the raw rt_sigprocmask and rt_sigaction take.
 */
#ifdef __mips__
#define SIG_LAST       127
#define SIG_LAST_TEXT  "127"
#define SIG_KSET_BYTES 16
#else
#define SIG_LAST       64
#define SIG_LAST_TEXT  "64"
#define SIG_KSET_BYTES 8
#endif
/*
 * SIGRTMIN as glibc, bash, procps and Docker count it (the kernel's first
 * real-time signal is 32; glibc keeps 32 and 33, musl 32 to 34).  Names
 * RTMIN+N and RTMAX-N are counted from here and from SIG_LAST.
 */
#define SIG_RTMIN 34

/*
 * A signal name ("TERM", "SIGTERM", "sigterm", "RTMIN+3", "SIGRTMAX-2")
 * or number 1..64.  With allow_zero, "0" is accepted too (rewrite
 * targets: drop the signal).  Returns the number or SIG_EBAD.
 */
int sig_parse(const char *s, int allow_zero);

/*
 * "FROM:TO" as in dumb-init's --rewrite: stores both numbers; TO may be 0.
 * Returns 0 or SIG_EBAD.
 */
int sig_parse_rewrite(const char *s, int *from, int *to);

/*
 * "TERM" for 15, "RTMIN+1" for 35, "RTMAX" for 64, "32" for 32 and 33
 * (no name anywhere); "?" out of 1..64.
 */
const char *sig_name(int sig);

/* Whether init forwards sig: 1..64 but KILL, STOP and CHLD. */
int sig_forwardable(int sig);

/*
 * Every signal 1..64 in *set.  libc's sigfillset() leaves out the ones
 * libc keeps for itself (32..34 in musl, 32..33 in glibc); a set without
 * them leaves them unblocked, and their default action ends init.
 */
void sig_fill(sigset_t *set);

#endif
