/*
 * The one configuration of init, filled by main.c from the environment and
 * argv and read by the loop.
 */
#ifndef INIT_INIT_H
#define INIT_INIT_H

#include <signal.h>
#include <stdint.h>
#include <sys/types.h>

#include "sig.h"

/* init's own failures: bad flag, bad value, unknown user. */
#define INIT_EXIT_USAGE		125
#define INIT_EXIT_NOEXEC	126
#define INIT_EXIT_NOTFOUND	127

struct init_config {
	char **argv;			/* the main command */
	int verbose;
	int warn_reap;
	int pgroup;			/* -g: signal the child's group */
	int single_child;		/* -c: no own group, no group signals */
	int no_new_privs;
	int pdeathsig;
	uint64_t grace_ms;
	unsigned char remap[256];	/* exit codes that become 0 */
	unsigned char rewrite[SIG_LAST + 1];	/* forwarded as; 0 drops */
	const char *user;
};

/*
 * The loop that must never die: reap every child, forward signals to the
 * main child, and when it has exited drain the rest (SIGTERM, up to
 * grace, SIGKILL) and exit with its status.  Expects every signal to be
 * blocked in the caller.
 */
_Noreturn void loop_run(const struct init_config *c, pid_t child);

#endif
