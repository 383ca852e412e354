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
#include "../lib/sys.h"
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
 * the shell waits for init, not for the main child, so once the child
 * has stopped for the terminal (TSTP, TTIN, TTOU), init stops too and
 * the shell gets its prompt back.  Only then: a child that catches the
 * TSTP init forwarded and runs on keeps init running too, so the shell
 * never shows a job stopped that is not.  When continued (fg or bg),
 * init gives the terminal back to the child's group if init's group
 * holds it (fg), and continues the child's group.  kill() returns only
 * once init has been continued; the SIGCONT that did it comes out of the
 * wait later and is forwarded as usual (twice is harmless).
 */
static void
suspend(const struct init_config *c, pid_t child)
{
	pid_t pg;

	if (c->verbose)
		msg_warn("stopping with the main child (job control)", NULL);
	kill(c->self, SIGSTOP);
	if (!c->single_child && sys_tty(0, TIOCGPGRP, &pg) == 0 &&
	    pg == getpgrp())
		sys_tty(0, TIOCSPGRP, &child);
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
 * What the kill pass names (" pid 12 (sleep), pid 14 (sh)"), up to the
 * buffer's end: one line, whatever the number of processes.
 */
static void
name_pid(struct buf *names, pid_t p)
{
	char path[40], comm[20];
	struct buf b;
	long r;

	if (!names || names->len + 40 > names->cap) {
		if (names && names->p[names->len - 1] != '.')
			buf_str(names, " ...");
		return;
	}
	buf_init(&b, path, sizeof(path));
	buf_str(&b, "/proc/");
	buf_u64(&b, (uint64_t)p);
	buf_str(&b, "/comm");
	r = io_read_file(path, comm, 16);
	while (r > 0 && comm[r - 1] == '\n')
		r--;
	buf_str(names, names->len ? ", pid " : " pid ");
	buf_u64(names, (uint64_t)p);
	buf_str(names, " (");
	buf_mem(names, comm, r > 0 ? (size_t)r : 0);
	buf_str(names, ")");
}

/* Signal one descendant, name it, and push it for the walk. */
static void
hit(pid_t p, int sig, pid_t *stack, size_t *n, struct buf *names)
{
	name_pid(names, p);
	kill(p, sig);
	if (*n < WALK_STACK)
		stack[(*n)++] = p;
}

/*
 * Signal every child of pid listed in /proc/pid/task/tid/children, for
 * every tid (see hit); push each onto the walk stack.  Returns -1 when
 * /proc could not be read at all.
 */
static int
signal_children_of(pid_t pid, int sig, pid_t *stack, size_t *n,
		   struct buf *names)
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
	dfd = sys_open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
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
			fd = sys_openat(dfd, name,
					O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
			if (fd < 0)
				continue;
			r = sys_openat(fd, "children", O_RDONLY | O_CLOEXEC, 0);
			close(fd);
			if (r < 0)
				continue;
			fd = (int)r;
			any = 1;
			v = 0;
			in_num = 0;
			while ((r = io_read(fd, rd, sizeof(rd))) > 0) {
				for (i = 0; i < r; i++) {
					if (rd[i] >= '0' && rd[i] <= '9') {
						v = v * 10 +
						    (uint64_t)(rd[i] - '0');
						in_num = 1;
						continue;
					}
					if (in_num)
						hit((pid_t)v, sig, stack, n,
						    names);
					v = 0;
					in_num = 0;
				}
			}
			if (in_num)
				hit((pid_t)v, sig, stack, n, names);
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
 * main child's process group is the best init can name.  With names, the
 * descendants are named there too (as PID 1, walked with signal 0 first:
 * kill -1 also reaches what docker exec started, which is no descendant).
 */
static void
signal_rest(const struct init_config *c, pid_t child, int sig,
	    struct buf *names)
{
	pid_t stack[WALK_STACK];
	size_t n = 0;
	int walk = c->self == 1 ? 0 : sig;

	if ((names || walk) &&
	    signal_children_of(c->self, walk, stack, &n, names) == 0)
		while (n)
			signal_children_of(stack[--n], walk, stack, &n, names);
	else if (walk && !c->single_child)
		kill(-child, sig);
	if (c->self == 1)
		kill(-1, sig);
}

/*
 * "main child 12 exited 3", "pid 15 (sleep) killed by SIGTERM": what
 * became of a child, one line.  names is the " pid 15 (sleep)" of
 * name_pid, or NULL for the main child.
 */
static void
log_exit(pid_t p, const char *names, int st)
{
	char n1[24], n2[24];

	msg_warn(names ? "reaped" : "main child ",
		 names ? names : loop_fmt_u(n1, sizeof(n1), (uint64_t)p),
		 WIFSIGNALED(st) ? " killed by SIG" : " exited ",
		 WIFSIGNALED(st)
		     ? sig_name(WTERMSIG(st))
		     : loop_fmt_u(n2, sizeof(n2), (uint64_t)WEXITSTATUS(st)),
		 NULL);
}

/*
 * Reap every child that has exited.  Sets *main_status (exit code, or
 * 128+N for signal N) when the main child is among them, *check_status
 * (and *check to 0) for the running health check, *stopped to the signal
 * that stopped the main child for the terminal.  Under -v or -w another
 * child is named before it is reaped (its /proc entry goes with it).
 * Returns 1 while children remain, 0 once there are none.
 */
static int
reap(const struct init_config *c, pid_t child, int *main_status, pid_t *check,
     int *check_status, int *stopped)
{
	char mem[64];
	struct buf names;
	siginfo_t si;
	pid_t p;
	int st;

	for (;;) {
		buf_init(&names, mem, sizeof(mem));
		si.si_pid = 0;
		if ((c->verbose || c->warn_reap) &&
		    waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT) == 0 &&
		    si.si_pid)
			name_pid(&names, si.si_pid);
		p = waitpid(si.si_pid ? si.si_pid : -1, &st,
			    WNOHANG | WUNTRACED);
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
				log_exit(p, NULL, st);
		} else if (p == *check && *check) {
			*check_status = loop_status(st);
			*check = 0;
		} else if (c->verbose || c->warn_reap) {
			if (!names.len)
				name_pid(&names, p);
			log_exit(p, mem, st);
		}
	}
}

static void
forward(const struct init_config *c, pid_t child, int sig, int draining)
{
	pid_t dest = forward_to(c, child);
	int to;
	char n1[24];

	if (!sig_forwardable(sig)) {
		if (c->verbose)
			msg_warn("ignored signal ",
				 loop_fmt_u(n1, sizeof(n1), (uint64_t)sig),
				 NULL);
		return;
	}
	to = c->rewrite[sig];
	if (!to) {
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
	if (kill(dest, to) < 0)
		msg_warn("unable to forward SIG", sig_name(to), " to ",
			 dest < 0 ? "group " : "pid ",
			 loop_fmt_u(n1, sizeof(n1), (uint64_t)child), NULL);
	else if (c->verbose)
		msg_warn("forwarded SIG", sig_name(sig),
			 to != sig ? " as SIG" : "",
			 to != sig ? sig_name(to) : "",
			 dest < 0 ? " to group " : " to pid ",
			 loop_fmt_u(n1, sizeof(n1), (uint64_t)child), NULL);
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
	int stopped;	/* the main child was told to stop */
	int unrunnable; /* the last check could not be run: said once */
	int verdict;	/* the last check's: 0 healthy, 1 not, -1 none yet */
};

/* Returns the time init must wake next for the watchdog. */
static uint64_t
health_step(const struct init_config *c, pid_t child, struct health *h)
{
	uint64_t now = io_now_us();
	char n1[24], n2[24];
	int to;

	if (h->status >= 0) {
		/* A failure in the start period leaves "starting" as is. */
		if (c->health_listen && h->verdict != !!h->status &&
		    (!h->status || now >= h->start_end_us)) {
			h->verdict = !!h->status;
			if (c->verbose)
				msg_warn("--health-listen: now ",
					 h->status ? "unhealthy" : "healthy",
					 NULL);
		}
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
		/* With --health-listen the kubelet decides, unless
		 * --health-retries says init does too. */
		if (h->streak >= c->health_retries && !h->stopped &&
		    (!c->health_listen || c->health_retries_set)) {
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
		h->pid = spawn(c->health_cmd, SPAWN_OWN_GROUP | SPAWN_QUIET);
		if (h->pid < 0) {
			h->pid = 0;
			h->status = 126;
		}
		/* One line when checks start failing that way, none for
		 * each interval after it. */
		if (spawn_failed && !h->unrunnable)
			msg_warn("--health-cmd '", c->health_text,
				 "': ", spawn_why,
				 " (every check fails until it can)", NULL);
		h->unrunnable = spawn_failed != 0;
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

/* The signals that ask a container to stop (docker stop, Ctrl-C). */
static int
is_stop(int sig)
{
	return sig == SIGTERM || sig == SIGINT || sig == SIGQUIT;
}

/*
 * The drain's SIGKILL, named on one line whatever -v says: the pids and
 * command names init is about to kill (up to a line's worth).
 */
static void
kill_rest(const struct init_config *c, pid_t child, int first)
{
	char mem[400];
	struct buf names;

	buf_init(&names, mem, sizeof(mem));
	signal_rest(c, child, SIGKILL, first ? &names : NULL);
	if (first)
		msg_warn("SIGKILL to the remaining processes:", mem, NULL);
}

_Noreturn void
loop_run(const struct init_config *c, pid_t child)
{
	int main_status = -1, draining = 0, killed = 0, held = 0, asked = 0;
	int left, sig, stopped;
	uint64_t deadline = 0, hold_us = 0, now, wake, next;
	struct health h = { 0, -1, 0, 0, 0, 0, 0, 0, -1 };
	static struct listener l;
	siginfo_t si;
	sigset_t all;
	char n1[24];

	sig_fill(&all);
	l.fd = c->listen_fd;
	for (left = 0; left < LISTEN_CONNS; left++)
		l.conn[left].fd = -1;
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
			/*
			 * A stop asked from outside is bounded from outside
			 * (docker stop -t, terminationGracePeriodSeconds):
			 * no SIGKILL of init's own unless --grace was given.
			 */
			deadline = asked && !c->grace_set
				       ? UINT64_MAX
				       : io_now_us() + c->grace_ms * 1000;
			if (c->verbose)
				msg_warn("draining: SIGTERM to the remaining "
					 "processes, ",
					 deadline == UINT64_MAX
					     ? "no SIGKILL (stopped from "
					       "outside, no --grace"
					     : "grace ",
					 deadline == UINT64_MAX
					     ? ""
					     : loop_fmt_u(n1, sizeof(n1),
							  c->grace_ms),
					 deadline == UINT64_MAX ? ")" : " ms",
					 NULL);
			signal_rest(c, child, SIGTERM, NULL);
			signal_rest(c, child, SIGCONT, NULL);
			continue;
		}
		if (draining && !left)
			loop_finish(c, main_status);
		now = io_now_us();
		if (draining) {
			wake = deadline;
			if (now >= deadline) {
				kill_rest(c, child, !killed);
				killed = 1;
				wake = now + KILL_RETRY_MS * 1000;
			}
		} else {
			wake = c->health_cmd ? health_step(c, child, &h)
					     : UINT64_MAX;
			if (hold_us && hold_us < wake)
				wake = hold_us;
			if (l.fd >= 0 && (next = listen_expire(&l, now)) < wake)
				wake = next;
		}
		if (hold_us && now >= hold_us && !draining) {
			hold_us = 0;
			sig = SIGTERM; /* held long enough */
		} else {
			sig = loop_next_signal(c, &all, &si, wake);
			if (sig <= 0 || sig == SIGCHLD)
				continue;
			/* The kernel's SIGIO (si_code POLL_*) is the
			 * listener's; a SIGIO sent with kill is forwarded. */
			if (sig == SIGIO && si.si_code > 0 && l.fd >= 0) {
				if (!draining)
					listen_io(&l, h.verdict);
				continue;
			}
			if (is_stop(sig) && draining && deadline == UINT64_MAX)
				deadline = 0; /* a second stop: wait no more */
			asked |= is_stop(sig);
			if (sig == SIGTERM && c->stop_delay_ms && !held &&
			    !draining) {
				/* --stop-delay: the first TERM waits, once. */
				held = 1;
				hold_us = io_now_us() + c->stop_delay_ms * 1000;
				if (c->verbose)
					msg_warn("holding SIGTERM for ",
						 loop_fmt_u(n1, sizeof(n1),
							    c->stop_delay_ms),
						 " ms (--stop-delay)", NULL);
				continue;
			}
			if (sig == SIGTERM || sig == SIGINT)
				hold_us = 0; /* forwarded now, in its place */
		}
		forward(c, child, sig, draining);
	}
}
