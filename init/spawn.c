/*
 * spawn: starting the main command and the auxiliary ones (--wait-cmd,
 * --health-cmd) with the signal state init inherited.  Callable from the
 * loop: nothing here exits init; a failed exec ends only the child.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

#include "../lib/msg.h"
#include "init.h"

extern char **environ;

/* The kernel's signal set: 64 bits, whatever libc's sigset_t holds. */
#define KSIGSET_BYTES 8

/*
 * The kernel's sigaction, to read and restore SIGCHLD: init only ever sets
 * SIG_DFL or SIG_IGN, which need no restorer, and libc's wrapper costs
 * more than this whole file's signal handling.  The mask is the kernel's
 * 64 bits on every architecture (two longs on 32-bit ones): the size
 * passed to rt_sigaction must be exactly that, or it fails with EINVAL.
 * riscv has no sa_restorer field.
 */
struct ksigaction {
	void (*handler)(int);
	unsigned long flags;
#ifndef __riscv
	void (*restorer)(void);
#endif
	unsigned long mask[KSIGSET_BYTES / sizeof(unsigned long)];
};

static struct {
	sigset_t mask;		/* as init inherited it */
	struct ksigaction chld; /* SIGCHLD as init inherited it */
	const char *home;	/* HOME for children, or NULL */
	int isolate;		/* new session: TIOCSTI guard */
} sp;

static void
set_chld(const struct ksigaction *act, struct ksigaction *old)
{
	syscall(SYS_rt_sigaction, SIGCHLD, act, old, sizeof(act->mask));
}

/*
 * sigprocmask(2) without libc: musl's hides 32..34 in the old mask it
 * returns, so a child would lose an inherited block of them.
 */
static void
set_mask(const sigset_t *set, sigset_t *old)
{
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, set, old, KSIGSET_BYTES);
}

void
spawn_setup(const char *home, int isolate)
{
	struct ksigaction dfl;
	sigset_t all;

	/*
	 * Every signal stays blocked in init and is taken by sigwaitinfo():
	 * a blocked signal is queued even where PID 1 would have discarded
	 * it, and even when it was inherited as ignored.  SIGCHLD must not be
	 * ignored, or the kernel reaps the main child behind our back.
	 */
	sig_fill(&all);
	set_mask(&all, &sp.mask);
	memset(&dfl, 0, sizeof(dfl));
	dfl.handler = SIG_DFL;
	set_chld(&dfl, &sp.chld);
	sp.home = home;
	sp.isolate = isolate;
}

/*
 * In the child (of vfork): the environment with HOME replaced, the
 * process group or session, the inherited signal state, then exec.  Exec
 * failure: 127 when the command is not found, 126 otherwise.
 */
static _Noreturn void
child(char **argv, int mode)
{
	/* Not on the stack: only --user runs need it (see INIT_COLD). */
	static char homevar[1100] INIT_COLD;
	size_t n = 0, i, j = 0;
	struct buf b;
	int e;

	while (environ[n])
		n++;
	{
		char *env[n + 2];

		if (sp.home) {
			buf_init(&b, homevar, sizeof(homevar));
			buf_str(&b, "HOME=");
			buf_str(&b, sp.home);
			for (i = 0; i < n; i++)
				if (strncmp(environ[i], "HOME=", 5))
					env[j++] = environ[i];
			env[j++] = homevar;
			env[j] = NULL;
			environ = env;
		}
		if (sp.isolate) {
			setsid();
		} else if (mode != SPAWN_SAME_GROUP) {
			setpgid(0, 0);
			if (mode == SPAWN_FOREGROUND)
				tcsetpgrp(0, getpid());
		}
		set_chld(&sp.chld, NULL);
		set_mask(&sp.mask, NULL);
		execvp(argv[0], argv);
		e = errno;
	}
	msg_die(e == ENOENT || e == ENOTDIR ? INIT_EXIT_NOTFOUND
					    : INIT_EXIT_NOEXEC,
		"unable to exec ", argv[0], ": ", msg_errstr(e), NULL);
}

pid_t
spawn(char **argv, int mode)
{
	char **env = environ;
	pid_t pid;

	/* vfork: the child only sets its group, signals and environment
	 * (environ is restored here) before exec or _exit. */
	pid = vfork();
	if (pid == 0)
		child(argv, mode);
	environ = env;
	if (pid > 0 && mode != SPAWN_SAME_GROUP && !sp.isolate)
		setpgid(pid, pid);
	return pid;
}

#ifndef SYS_close_range
#define SYS_close_range 436
#endif

void
spawn_tidy(void)
{
	struct rlimit rl;
	long fd, max = 65536;

	if (chdir("/") < 0)
		msg_warn_sys("unable to chdir to /", NULL);
	if (syscall(SYS_close_range, 3u, ~0u, 0u) == 0)
		return;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < (rlim_t)max)
		max = (long)rl.rlim_cur;
	for (fd = 3; fd < max; fd++)
		close((int)fd);
}

int
spawn_shared_tty(void)
{
	int fd;

	for (fd = 0; fd <= 2; fd++)
		if (isatty(fd) && tcgetsid(fd) != getpid())
			return 1;
	return 0;
}
