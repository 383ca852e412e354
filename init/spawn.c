/*
 * spawn: starting the main command and the auxiliary ones (--wait-cmd,
 * --health-cmd) with the signal state init inherited.  Callable from the
 * loop: nothing here exits init; a failed exec ends only the child.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

#include "../lib/msg.h"
#include "../lib/sys.h"
#include "init.h"

extern char **environ;

/*
 * The kernel's sigaction, to read and restore SIGCHLD: init only ever sets
 * SIG_DFL or SIG_IGN, which need no restorer, and libc's wrapper costs
 * more than this whole file's signal handling.  The mask is the kernel's
 * set (64 bits, 128 on MIPS): the size passed to rt_sigaction must be
 * exactly that, or it fails with EINVAL.  riscv has no sa_restorer field;
 * MIPS puts an int of flags first and has none either.
 */
struct ksigaction {
#ifdef __mips__
	unsigned int flags;
	void (*handler)(int);
#else
	void (*handler)(int);
	unsigned long flags;
#ifndef __riscv
	void (*restorer)(void);
#endif
#endif
	unsigned long mask[SIG_KSET_BYTES / sizeof(unsigned long)];
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
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, set, old, SIG_KSET_BYTES);
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

/* Why an exec said ENOENT of a file that is there (explain_enoent). */
static struct {
	char interp[256];
	int elf;
} why INIT_COLD;

/*
 * The files exec tries for name, one a call: name itself when it has a
 * '/', else name in each directory of PATH in turn (*dirs starts NULL).
 * Returns a path (in a static buffer), or NULL when there is none left.
 */
static const char *
next_path(const char *name, const char **dirs)
{
	/* Static and cold: the vfork child's stack is init's. */
	static char path[1100] INIT_COLD;
	const char *end;
	size_t n = strlen(name), d;

	if (*sys_chr(name, '/'))
		return *dirs ? NULL : (*dirs = "", name);
	if (!*dirs) {
		*dirs = sys_getenv("PATH");
		if (!*dirs)
			*dirs = "/usr/local/bin:/bin:/usr/bin";
	}
	for (; **dirs; *dirs = *end ? end + 1 : end) {
		end = sys_chr(*dirs, ':');
		d = (size_t)(end - *dirs);
		if (d + n + 2 > sizeof(path))
			continue;
		memcpy(path, *dirs, d);
		path[d] = '/';
		memcpy(path + d + 1, name, n + 1);
		*dirs = *end ? end + 1 : end;
		return path;
	}
	return NULL;
}

/* The file exec would run for name, open; or -1. */
static int
open_command(const char *name)
{
	const char *dirs = NULL, *p;
	int fd;

	while ((p = next_path(name, &dirs)))
		if ((fd = sys_open(p, O_RDONLY | O_CLOEXEC)) >= 0)
			return fd;
	return -1;
}

/*
 * execvp(3) without libc's copy of it: the first file of PATH that
 * exists is run; returns errno (EACCES if any was refused so).
 */
static int
exec_command(char **argv)
{
	const char *dirs = NULL, *p;
	int eacces = 0;

	while ((p = next_path(argv[0], &dirs))) {
		execve(p, argv, environ);
		if (errno == EACCES)
			eacces = 1;
		else if (errno != ENOENT && errno != ENOTDIR)
			return errno;
	}
	return eacces ? EACCES : ENOENT;
}

/*
 * exec said ENOENT, yet the command may be there: then what is missing is
 * its interpreter, the PT_INTERP of a dynamically linked ELF (the puzzle
 * of a glibc program in a scratch image) or the program of a #! line.
 * Fills why and returns 1 when it found which; 0 otherwise.  Runs in the
 * vfork child on the way to _exit: a few reads, no allocation.
 */
static int
explain_enoent(const char *name)
{
	/* uint64_t-backed: the field loads below are aligned on any CPU. */
	uint64_t hbuf[8], phbuf[7], off, phoff, sz;
	unsigned char *h = (unsigned char *)hbuf, *ph = (unsigned char *)phbuf;
	unsigned k, n, entsize;
	int fd = open_command(name), is64;
	ssize_t r;

	if (fd < 0)
		return 0;
	r = pread(fd, h, sizeof(hbuf), 0);
	why.interp[0] = '\0';
	if (r >= 4 && h[0] == '#' && h[1] == '!') {
		for (k = 2; k < (unsigned)r && (h[k] == ' ' || h[k] == '\t');)
			k++;
		for (n = 0; k < (unsigned)r && h[k] > ' ' &&
			    n < sizeof(why.interp) - 1;)
			why.interp[n++] = (char)h[k++];
		why.interp[n] = '\0';
		why.elf = 0;
	} else if (r >= 52 && !memcmp(h, "\177ELF", 4)) {
		/* The program's own class and byte order: this machine's. */
		is64 = h[4] == 2;
		phoff = is64 ? *(uint64_t *)(void *)(h + 32)
			     : *(uint32_t *)(void *)(h + 28);
		entsize = *(uint16_t *)(void *)(h + (is64 ? 54 : 42));
		n = *(uint16_t *)(void *)(h + (is64 ? 56 : 44));
		for (k = 0; k < n && k < 64 && entsize <= sizeof(phbuf); k++) {
			if (pread(fd, ph, entsize,
				  (off_t)(phoff + k * entsize)) !=
			    (ssize_t)entsize)
				break;
			if (*(uint32_t *)(void *)ph != 3) /* PT_INTERP */
				continue;
			off = is64 ? *(uint64_t *)(void *)(ph + 8)
				   : *(uint32_t *)(void *)(ph + 4);
			sz = is64 ? *(uint64_t *)(void *)(ph + 32)
				  : *(uint32_t *)(void *)(ph + 16);
			if (sz >= sizeof(why.interp))
				sz = sizeof(why.interp) - 1;
			r = pread(fd, why.interp, (size_t)sz, (off_t)off);
			why.interp[r > 0 ? r : 0] = '\0';
			*sys_chr(why.interp, '\n') = '\0';
			why.elf = 1;
			break;
		}
	}
	close(fd);
	return why.interp[0] == '/';
}

int spawn_failed;
char spawn_why[400];

/*
 * In the child (of vfork): the environment with HOME replaced, the
 * process group or session, the inherited signal state, then exec.  Exec
 * failure: 127 when the command is not found, 126 otherwise, its words
 * in spawn_why (the parent reads them: vfork), said here unless
 * SPAWN_QUIET.
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
		} else if ((mode & SPAWN_GROUPS) != SPAWN_SAME_GROUP) {
			setpgid(0, 0);
			if ((mode & SPAWN_GROUPS) == SPAWN_FOREGROUND) {
				pid_t me = getpid();

				sys_tty(0, TIOCSPGRP, &me);
			}
		}
		set_chld(&sp.chld, NULL);
		set_mask(&sp.mask, NULL);
		e = exec_command(argv);
	}
	buf_init(&b, spawn_why, 400);
	buf_str(&b, "unable to exec ");
	buf_str(&b, argv[0]);
	if (e == ENOENT && explain_enoent(argv[0])) {
		buf_str(&b, ": its interpreter ");
		buf_str(&b, why.interp);
		buf_str(&b, " is missing (");
		buf_str(&b, why.elf ? "a dynamically linked program: build it "
				      "static, or use a base image with its "
				      "libc"
				    : "the #! line names it");
		buf_str(&b, ")");
	} else {
		buf_str(&b, ": ");
		buf_str(&b, msg_errstr(e));
	}
	spawn_failed =
	    e == ENOENT || e == ENOTDIR ? INIT_EXIT_NOTFOUND : INIT_EXIT_NOEXEC;
	if (mode & SPAWN_QUIET)
		_exit(spawn_failed);
	msg_die(spawn_failed, spawn_why, NULL);
}

pid_t
spawn(char **argv, int mode)
{
	char **env = environ;
	pid_t pid;

	/* vfork: the child only sets its group, signals and environment
	 * (environ is restored here) before exec or _exit. */
	spawn_failed = 0;
	pid = vfork();
	if (pid == 0)
		child(argv, mode);
	environ = env;
	if (pid > 0 && (mode & SPAWN_GROUPS) != SPAWN_SAME_GROUP && !sp.isolate)
		setpgid(pid, pid);
	return pid;
}

#ifndef SYS_close_range
#define SYS_close_range 436
#endif

void
spawn_tidy(int keep)
{
	struct rlimit rl;
	long fd, max = 65536;
	unsigned k = keep < 3 ? 3u : (unsigned)keep;

	if (chdir("/") < 0)
		msg_warn_sys("unable to chdir to /", NULL);
	if ((k == 3 || syscall(SYS_close_range, 3u, k - 1, 0u) == 0) &&
	    syscall(SYS_close_range, keep < 3 ? 3u : k + 1, ~0u, 0u) == 0)
		return;
	if (syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &rl) == 0 &&
	    rl.rlim_cur < (rlim_t)max)
		max = (long)rl.rlim_cur;
	for (fd = 3; fd < max; fd++)
		if (fd != keep)
			close((int)fd);
}

int
spawn_shared_tty(void)
{
	pid_t sid;
	int fd;

	for (fd = 0; fd <= 2; fd++)
		if (sys_tty(fd, TIOCGSID, &sid) == 0 && sid != getpid())
			return 1;
	return 0;
}
