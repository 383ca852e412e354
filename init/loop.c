/*
 * The loop that must never die.  Everything here logs and carries on: a
 * failed kill(2) or an unreadable /proc never ends init, only the end of
 * the drain does.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../lib/io.h"
#include "../lib/msg.h"
#include "init.h"

/* How often the kill pass repeats once the grace period is over. */
#define KILL_RETRY_MS 100
/* Depth of the explicit stack used to walk descendants under /proc. */
#define WALK_STACK 256

const char *
loop_fmt_u(char *mem, size_t cap, uint64_t v)
{
	struct buf b;

	buf_init(&b, mem, cap);
	buf_u64(&b, v);
	return mem;
}

int
loop_status(int st)
{
	return WIFSIGNALED(st) ? 128 + WTERMSIG(st) : WEXITSTATUS(st);
}

void
loop_kill_tree(pid_t leader, int sig)
{
	kill(-leader, sig);
	kill(leader, sig);
}

/* Where a forwarded signal goes: the main child, or its group with -g. */
static pid_t
forward_to(const struct init_config *c, pid_t child)
{
	return c->pgroup && !c->single_child ? -child : child;
}

/*
 * A signal init raised itself (SIGPIPE or SIGXFSZ from its own write to
 * a closed or full stderr) is never forwarded: the kernel reports those
 * as sent by init's own pid with SI_USER; nobody else can send with that
 * pid, while a kill(2) from anyone else still counts.
 */
int
loop_next_signal(const struct init_config *c, const sigset_t *all,
		 siginfo_t *si, uint64_t until_us)
{
	int sig = io_sigwait_until(all, si, until_us);

	if (sig > 0 && si->si_code == SI_USER && si->si_pid == c->self)
		return 0;
	return sig;
}

/*
 * Job control when init is a job of an interactive shell (not PID 1):
 * the shell waits for init, not for the main child, so when the child is
 * stopped for the terminal (TSTP, TTIN, TTOU), init stops too and the
 * shell gets its prompt back.  When continued (fg or bg), init gives the
 * terminal back to the child's group if init's group holds it (fg), and
 * continues the child's group.  kill() returns only once init has been
 * continued; the SIGCONT that did it comes out of the wait later and is
 * forwarded as usual (twice is harmless).
 */
static void
suspend(const struct init_config *c, pid_t child)
{
	if (c->verbose)
		msg_warn("stopping with the main child (job control)", NULL);
	kill(c->self, SIGSTOP);
	if (!c->single_child && isatty(0) && tcgetpgrp(0) == getpgrp())
		tcsetpgrp(0, child);
	kill(c->single_child ? child : -child, SIGCONT);
	if (c->verbose)
		msg_warn("continued: SIGCONT to the main child", NULL);
}

int
loop_tty_stop(int sig)
{
	return sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/*
 * Signal every child of pid listed in /proc/pid/task/tid/children, for
 * every tid; push each onto the walk stack.  Returns -1 when /proc could
 * not be read at all.
 */
static int
signal_children_of(pid_t pid, int sig, pid_t *stack, size_t *n)
{
	char path[64], dents[1024], rd[512];
	struct buf b;
	int dfd, fd, any = 0;
	long nread, off;
	ssize_t r, i;
	uint64_t v;
	int in_num;

	buf_init(&b, path, sizeof(path));
	buf_str(&b, "/proc/");
	buf_u64(&b, (uint64_t)pid);
	buf_str(&b, "/task");
	dfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return -1;
	for (;;) {
		nread = syscall(SYS_getdents64, dfd, dents, sizeof(dents));
		if (nread <= 0)
			break;
		for (off = 0; off < nread;) {
			/* linux_dirent64: ino, off, reclen, type, name */
			unsigned short reclen;
			const char *name = dents + off + 19;

			reclen = *(unsigned short *)(void *)(dents + off + 16);
			off += reclen;
			if (name[0] < '0' || name[0] > '9')
				continue;
			fd = openat(dfd, name,
				    O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			if (fd < 0)
				continue;
			r = openat(fd, "children", O_RDONLY | O_CLOEXEC);
			close(fd);
			if (r < 0)
				continue;
			fd = (int)r;
			any = 1;
			v = 0;
			in_num = 0;
			while ((r = io_read(fd, rd, sizeof(rd))) > 0) {
				for (i = 0; i <= r; i++) {
					if (i < r && rd[i] >= '0' &&
					    rd[i] <= '9') {
						v = v * 10 +
						    (uint64_t)(rd[i] - '0');
						in_num = 1;
						continue;
					}
					if (i == r)
						break; /* number may go on */
					if (in_num) {
						kill((pid_t)v, sig);
						if (*n < WALK_STACK)
							stack[(*n)++] =
							    (pid_t)v;
					}
					v = 0;
					in_num = 0;
				}
			}
			if (in_num) {
				kill((pid_t)v, sig);
				if (*n < WALK_STACK)
					stack[(*n)++] = (pid_t)v;
			}
			close(fd);
		}
	}
	close(dfd);
	return any ? 0 : -1;
}

/*
 * Send sig to every process init is responsible for, except init: as
 * PID 1 that is the whole namespace (kill -1); as a subreaper it is every
 * descendant, found by walking /proc children lists from init down.  A
 * tree deeper than the walk stack is caught by the next pass, once its
 * parents are gone and it is reparented to init.  Without /proc, the
 * main child's process group is the best init can name.
 */
static void
signal_rest(const struct init_config *c, pid_t child, int sig)
{
	pid_t stack[WALK_STACK];
	size_t n = 0;

	if (c->self == 1) {
		kill(-1, sig);
		return;
	}
	if (signal_children_of(c->self, sig, stack, &n) < 0) {
		if (!c->single_child)
			kill(-child, sig);
		return;
	}
	while (n)
		signal_children_of(stack[--n], sig, stack, &n);
}

/*
 * Reap every child that has exited.  Sets *main_status (exit code, or
 * 128+N for signal N) when the main child is among them, *check_status
 * (and *check to 0) for the running health check, *stopped to the signal
 * that stopped the main child for the terminal.  Returns 1 while children
 * remain, 0 once there are none.
 */
static int
reap(const struct init_config *c, pid_t child, int *main_status, pid_t *check,
     int *check_status, int *stopped)
{
	char n1[24], n2[24];
	pid_t p;
	int st;

	for (;;) {
		p = waitpid(-1, &st, WNOHANG | WUNTRACED);
		if (p == 0)
			return 1;
		if (p < 0) {
			if (errno == EINTR)
				continue;
			return 0;
		}
		if (WIFSTOPPED(st)) {
			if (p == child && loop_tty_stop(WSTOPSIG(st)))
				*stopped = WSTOPSIG(st);
			continue;
		}
		if (p == child) {
			*main_status = loop_status(st);
			if (c->verbose)
				msg_warn(
				    "main child ",
				    loop_fmt_u(n1, sizeof(n1), (uint64_t)p),
				    WIFSIGNALED(st) ? " killed by SIG"
						    : " exited ",
				    WIFSIGNALED(st)
					? sig_name(WTERMSIG(st))
					: loop_fmt_u(n2, sizeof(n2),
						     (uint64_t)*main_status),
				    NULL);
		} else if (p == *check && *check) {
			*check_status = loop_status(st);
			*check = 0;
		} else if (c->verbose || c->warn_reap) {
			msg_warn("reaped zombie pid ",
				 loop_fmt_u(n1, sizeof(n1), (uint64_t)p), NULL);
		}
	}
}

static void
forward(const struct init_config *c, pid_t child, int sig, int draining)
{
	/* Not PID 1, a terminal stop also stops init with its job. */
	int job = loop_tty_stop(sig) && c->self != 1, to;
	pid_t dest = forward_to(c, child);
	char n1[24];

	if (!sig_forwardable(sig)) {
		if (c->verbose)
			msg_warn("ignored signal ",
				 loop_fmt_u(n1, sizeof(n1), (uint64_t)sig),
				 NULL);
		return;
	}
	to = c->rewrite[sig];
	if (!to && !job) {
		if (c->verbose)
			msg_warn("dropped SIG", sig_name(sig),
				 " (rewrite to 0)", NULL);
		return;
	}
	if (draining) {
		if (c->verbose)
			msg_warn("ignored SIG", sig_name(sig),
				 ": main child already exited", NULL);
		return;
	}
	if (to && kill(dest, to) < 0)
		msg_warn("unable to forward SIG", sig_name(to), " to ",
			 dest < 0 ? "group " : "pid ",
			 loop_fmt_u(n1, sizeof(n1), (uint64_t)child), NULL);
	else if (to && c->verbose)
		msg_warn("forwarded SIG", sig_name(sig),
			 to != sig ? " as SIG" : "",
			 to != sig ? sig_name(to) : "",
			 dest < 0 ? " to group " : " to pid ",
			 loop_fmt_u(n1, sizeof(n1), (uint64_t)child), NULL);
	/* dumb-init's rule: forward (unless dropped), then stop with it. */
	if (job)
		suspend(c, child);
}

/*
 * The health watchdog, between the main child's start and its exit: one
 * check at a time, every health_interval, killed (its whole process
 * group) at health_timeout; health_retries failures in a row, not
 * counting those in the start period, send the main child its stop
 * signal.  It only wakes init at those moments.
 */
struct health {
	pid_t pid;	  /* the running check, or 0 */
	int status;	  /* its status once reaped, or -1 */
	uint64_t next_us; /* when the next check starts */
	uint64_t kill_us; /* when the running one is killed */
	uint64_t start_end_us;
	unsigned streak;
	int stopped; /* the main child was told to stop */
};

/* Returns the time init must wake next for the watchdog. */
static uint64_t
health_step(const struct init_config *c, pid_t child, struct health *h)
{
	uint64_t now = io_now_us();
	char n1[24], n2[24];
	int to;

	if (h->status >= 0) {
		if (h->status == 0) {
			h->streak = 0;
		} else if (now >= h->start_end_us) {
			h->streak++;
			if (c->verbose)
				msg_warn("--health-cmd failed (",
					 loop_fmt_u(n1, sizeof(n1), h->status),
					 "), ",
					 loop_fmt_u(n2, sizeof(n2), h->streak),
					 " in a row", NULL);
		}
		h->status = -1;
		if (h->streak >= c->health_retries && !h->stopped) {
			to =
			    c->rewrite[SIGTERM] ? c->rewrite[SIGTERM] : SIGTERM;
			msg_warn("--health-cmd failed ",
				 loop_fmt_u(n1, sizeof(n1), h->streak),
				 " times in a row: sending SIG", sig_name(to),
				 " to the main child", NULL);
			kill(forward_to(c, child), to);
			h->stopped = 1;
		}
	}
	if (h->stopped)
		return UINT64_MAX;
	if (h->pid && now >= h->kill_us) {
		if (c->verbose)
			msg_warn("--health-cmd timed out: killing it", NULL);
		loop_kill_tree(h->pid, SIGKILL);
		h->kill_us = UINT64_MAX; /* reaped as a failure */
	}
	if (!h->pid && now >= h->next_us) {
		h->pid = spawn(c->health_cmd, SPAWN_OWN_GROUP);
		if (h->pid < 0) {
			h->pid = 0;
			h->status = 126;
		}
		h->kill_us = now + c->health_timeout_ms * 1000;
		h->next_us = now + c->health_interval_ms * 1000;
	}
	return h->pid ? h->kill_us : h->next_us;
}

_Noreturn void
loop_finish(const struct init_config *c, int status)
{
	char n1[24];

	if (c->remap[status])
		status = 0;
	if (c->verbose)
		msg_warn("exit ", loop_fmt_u(n1, sizeof(n1), (uint64_t)status),
			 NULL);
	_exit(status);
}

_Noreturn void
loop_run(const struct init_config *c, pid_t child)
{
	int main_status = -1, draining = 0, killed = 0, left, sig, stopped;
	uint64_t deadline = 0, now, wake;
	struct health h = { 0, -1, 0, 0, 0, 0, 0 };
	siginfo_t si;
	sigset_t all;
	char n1[24];

	sig_fill(&all);
	now = io_now_us();
	h.next_us = now + c->health_interval_ms * 1000;
	h.start_end_us = now + c->health_start_ms * 1000;
	for (;;) {
		stopped = 0;
		left =
		    reap(c, child, &main_status, &h.pid, &h.status, &stopped);
		if (stopped && main_status < 0 && c->self != 1)
			suspend(c, child);
		if (main_status >= 0 && h.stopped)
			main_status = INIT_EXIT_UNHEALTHY;
		if (main_status >= 0 && !draining) {
			draining = 1;
			if (!left)
				loop_finish(c, main_status);
			if (c->verbose)
				msg_warn(
				    "draining: SIGTERM to the remaining "
				    "processes, grace ",
				    loop_fmt_u(n1, sizeof(n1), c->grace_ms),
				    " ms", NULL);
			deadline = io_now_us() + c->grace_ms * 1000;
			signal_rest(c, child, SIGTERM);
			signal_rest(c, child, SIGCONT);
			continue;
		}
		if (draining && !left)
			loop_finish(c, main_status);
		if (draining) {
			wake = deadline;
			if (io_now_us() >= deadline) {
				if (!killed && c->verbose)
					msg_warn(
					    "grace period over: SIGKILL to "
					    "the remaining processes",
					    NULL);
				killed = 1;
				signal_rest(c, child, SIGKILL);
				wake = io_now_us() + KILL_RETRY_MS * 1000;
			}
		} else {
			wake = c->health_cmd ? health_step(c, child, &h)
					     : UINT64_MAX;
		}
		sig = loop_next_signal(c, &all, &si, wake);
		if (sig <= 0 || sig == SIGCHLD)
			continue;
		forward(c, child, sig, draining);
	}
}
