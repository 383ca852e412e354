/*
 * sig: signal names and the signal specs init accepts on its command line.
 * Pure: no I/O.
 */
#ifndef INIT_SIG_H
#define INIT_SIG_H

#define SIG_EBAD (-1) /* not a signal name or number */

/* Highest classic signal number init knows by name and forwards. */
#define SIG_LAST 31

/*
 * A signal name ("TERM", "SIGTERM", "sigterm") or number 1..31.  With
 * allow_zero, "0" is accepted too (rewrite targets: drop the signal).
 * Returns the number or SIG_EBAD.
 */
int sig_parse(const char *s, int allow_zero);

/*
 * "FROM:TO" as in dumb-init's --rewrite: stores both numbers; TO may be 0.
 * Returns 0 or SIG_EBAD.
 */
int sig_parse_rewrite(const char *s, int *from, int *to);

/* "TERM" for 15; "?" for numbers without a name. */
const char *sig_name(int sig);

/* Whether init forwards sig: 1..31 but KILL, STOP and CHLD. */
int sig_forwardable(int sig);

#endif
