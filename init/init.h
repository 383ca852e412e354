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

/*
 * Big buffers that only some runs touch (--wait-cmd, --user) go last in
 * .bss (the Makefile links with --sort-section=name), so that the small
 * state the idle init does touch shares the page .data already dirties.
 */
#define INIT_COLD __attribute__((section(".bss.~cold")))

#define INIT_CMDS 8  /* --wait-cmd commands */
#define INIT_ARGS 32 /* words in one of them */
/*
 * init's own exit codes, each with one meaning (init.8, EXIT STATUS),
 * beside Docker's 125/126/127 and timeout(1)'s 124:
 */
/* a system call failed before the main command ran (fork, setuid...) */
#define INIT_EXIT_SYS 122
/* init stopped a main child whose --health-cmd kept failing */
#define INIT_EXIT_UNHEALTHY 123
/* a --wait-cmd did not succeed within --wait-timeout */
#define INIT_EXIT_WAIT 124
/* usage: bad flag or value, unknown user or group; nothing has run */
#define INIT_EXIT_USAGE 125
/* the command exists but cannot be executed */
#define INIT_EXIT_NOEXEC 126
/* the command was not found */
#define INIT_EXIT_NOTFOUND 127

struct init_config {
	char **argv; /* the main command */
	pid_t self;  /* init's own pid, read once (1: PID 1 of a namespace) */
	int verbose;
	int warn_reap;
	int pgroup;	  /* -g: signal the child's group */
	int single_child; /* -c: no own group, no group signals */
	int no_new_privs;
	int clear_bounding; /* --clear-bounding */
	int pdeathsig;
	const char
	    *file_env; /* --file-env NAMES: NAME_FILE=PATH becomes NAME */
	int grace_set; /* --grace given: it bounds a drain asked from outside
			  too */
	uint64_t grace_ms;
	uint64_t stop_delay_ms;	  /* the first SIGTERM is held this long */
	uint64_t keep_caps;	  /* --keep-cap: capability N is bit N */
	unsigned char remap[256]; /* exit codes that become 0 */
	unsigned char rewrite[SIG_LAST + 1]; /* forwarded as; 0 drops */
	const char *user;
	char **wait_cmd[INIT_CMDS];	  /* --wait-cmd, split on blanks */
	const char *wait_text[INIT_CMDS]; /* as given, for messages */
	int nwait;
	uint64_t wait_timeout_ms;
	uint64_t wait_interval_ms;
	char **health_cmd; /* --health-cmd, or NULL */
	const char *health_text;
	uint64_t health_interval_ms;
	uint64_t health_timeout_ms;
	uint64_t health_start_ms;
	unsigned health_retries;
	int health_retries_set;	   /* given: with --health-listen, stop too */
	const char *health_listen; /* --health-listen ADDR:PORT, or NULL */
	int listen_fd;		   /* its socket, open before the drop */
};

/* Modes of spawn(). */
#define SPAWN_FOREGROUND 0 /* own group, the terminal's foreground */
#define SPAWN_OWN_GROUP	 1 /* own group, left in the background */
#define SPAWN_SAME_GROUP 2 /* init's group (-c) */
#define SPAWN_GROUPS	 3 /* the bits of the three above */
#define SPAWN_QUIET                                                            \
	4 /* or'd: an exec failure says nothing, the                           \
	     caller tells it (spawn_failed, spawn_why) */

/*
 * Block every signal in init, remembering the mask and SIGCHLD action to
 * give back to every child; home is HOME for the children (NULL: as
 * inherited), isolate starts them in a new session.
 */
void spawn_setup(const char *home, int isolate);

/*
 * Start argv as a child (vfork + exec); returns its pid or -1.  When the
 * exec failed, spawn_failed is its exit code (127 not found, 126 not
 * runnable; else 0) and spawn_why its words ("unable to exec x: No such
 * file or directory"): the vfork child writes them, sharing our memory
 * until it execs or exits.
 */
pid_t spawn(char **argv, int mode);
extern int spawn_failed;
extern char spawn_why[];

/*
 * Init's own house-keeping once the main child runs: no descriptor above
 * 2 but keep (-1: none; --health-listen's socket), and / as the working
 * directory.
 */
void spawn_tidy(int keep);

/*
 * Whether any of 0..2 is a terminal that init's session does not own: a
 * dropped child there gets a new session (no TIOCSTI into it).
 */
int spawn_shared_tty(void);

/*
 * The loop that must never die: reap every child, forward signals to the
 * main child, and when it has exited drain the rest (SIGTERM, up to
 * grace, SIGKILL) and exit with its status.  Expects every signal to be
 * blocked in the caller.
 */
_Noreturn void loop_run(const struct init_config *c, pid_t child);

/* The loop's helpers that deps.c shares (loop.c). */
/* One place turns a wait status into init's exit code: N, or 128+N. */
int loop_status(int st);
/*
 * The next signal until until_us (UINT64_MAX: none), as io_sigwait_until;
 * 0 for a signal init raised itself, which is never forwarded.
 */
int loop_next_signal(const struct init_config *c, const sigset_t *all,
		     siginfo_t *si, uint64_t until_us);
/* Whether sig is one of the terminal's stop signals. */
int loop_tty_stop(int sig);
/* Signal a process group and its leader (the leader may have left it). */
void loop_kill_tree(pid_t leader, int sig);
/* Exit with status (0 when -e remaps it), logged under -v. */
_Noreturn void loop_finish(const struct init_config *c, int status);
/* v in decimal in mem (cap bytes); returns mem. */
const char *loop_fmt_u(char *mem, size_t cap, uint64_t v);

/*
 * --file-env NAMES (fileenv.c, setup that may die): replace environ with
 * a copy in which NAME_FILE=PATH, for each NAME of the comma-separated
 * names (every *_FILE for "*"), and every FILE__NAME=PATH (linuxserver's
 * prefix) have become NAME=<the file, trailing newlines removed>.  Call
 * it as root, before the drop.  Dies with 125 and one line naming the
 * variable and the file (never the value) when NAME is set too, or the
 * file is missing, unreadable, over 64 KiB or holds a NUL byte.
 */
void fileenv_load(const char *names);

/* Whether names is "*" or NAME[,NAME...] of [A-Za-z_][A-Za-z0-9_]*: 0/-1. */
int fileenv_check(const char *names);

/*
 * --health-listen (listen.c): at most LISTEN_CONNS clients at a time,
 * each with what it has sent so far.
 */
#define LISTEN_CONNS 8
struct conn_state {
	int fd; /* -1: free */
	uint64_t until;
	unsigned got;  /* bytes of the head read */
	uint32_t last; /* its last four bytes, for the blank line */
	char method;   /* its first byte: 'G' or 'H' */
	int bad;       /* not a GET or HEAD, or a head too long */
};
struct listener {
	int fd; /* -1: no --health-listen */
	struct conn_state conn[LISTEN_CONNS];
};

/*
 * Setup (may die in main.c): a non-blocking listening socket on addr
 * ("a.b.c.d:PORT", ":PORT" for every IPv4 address, "[::]:PORT" for every
 * address), signalling SIGIO to init.  Returns it, -1 for an addr of
 * another shape, -2 with errno for a socket that failed.
 */
int listen_open(const char *addr);

/*
 * In the loop, never failing: accept what waits (the oldest connection
 * makes room for a new one), read what the clients sent, answer those
 * whose head has ended with the verdict (0 healthy, > 0 unhealthy, < 0
 * none yet).
 */
void listen_io(struct listener *l, int verdict);

/* Close the connections whose time is up; returns the next deadline. */
uint64_t listen_expire(struct listener *l, uint64_t now);

/*
 * --wait-cmd (deps.c, setup that may die): run each command until it
 * exits 0, every wait_interval, all of them within wait_timeout, reaping
 * whatever exits meanwhile.  Returns when all have succeeded.  A signal
 * that would end a process ends init with 128+N (after -e) before the
 * main command ever starts; the deadline ends it with exit 124 and one
 * line naming the command.
 */
void deps_wait(const struct init_config *c);

#endif
