/*
 * deps: --wait-cmd, before the main command starts.  Setup, not the
 * loop: it may die (a fork that fails, the deadline) with one line and
 * init's documented exit code, since nothing has started yet.  It uses
 * the loop's helpers (wait statuses, signals, the exit), and the loop
 * never calls it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../lib/io.h"
#include "../lib/msg.h"
#include "init.h"

/*
 * Wait for child pid, or for a signal, until deadline_us.  Reaps every
 * child that exits meanwhile.  Returns pid's status (exit code or
 * 128+N), -1 at the deadline, or -2 with *sig for a signal that would end
 * a process (the default action of everything but CHLD, CONT, URG, WINCH
 * and the terminal's stops).
 */
static int
wait_child(const struct init_config *c, pid_t pid, uint64_t deadline_us,
	   int *sig)
{
	siginfo_t si;
	sigset_t all;
	pid_t p;
	int st, s;

	sig_fill(&all);
	for (;;) {
		while (pid > 0 && (p = waitpid(-1, &st, WNOHANG)) > 0)
			if (p == pid)
				return loop_status(st);
		if (io_now_us() >= deadline_us)
			return -1;
		s = loop_next_signal(c, &all, &si, deadline_us);
		if (s > 0 && sig_forwardable(s) && c->rewrite[s] &&
		    s != SIGCONT && s != SIGURG && s != SIGWINCH &&
		    !loop_tty_stop(s)) {
			*sig = s;
			return -2;
		}
	}
}

void
deps_wait(const struct init_config *c)
{
	uint64_t deadline = io_now_us() + c->wait_timeout_ms * 1000, next;
	char n1[24];
	int k, rc, sig = 0;
	pid_t pid;

	for (k = 0; k < c->nwait && !sig; k++) {
		for (;;) {
			pid = spawn(c->wait_cmd[k],
				    SPAWN_OWN_GROUP | SPAWN_QUIET);
			if (pid < 0)
				msg_die_sys(INIT_EXIT_SYS, "unable to fork",
					    NULL);
			/* A command that cannot run never will: say it
			 * once, with its own code, and stop. */
			if (spawn_failed) {
				while (waitpid(pid, NULL, 0) < 0 &&
				       errno == EINTR)
					;
				msg_die(spawn_failed, "--wait-cmd '",
					c->wait_text[k], "': ", spawn_why,
					NULL);
			}
			rc = wait_child(c, pid, deadline, &sig);
			if (rc == 0)
				break;
			if (rc < 0) {
				loop_kill_tree(pid, SIGKILL);
				while (waitpid(pid, NULL, 0) < 0 &&
				       errno == EINTR)
					;
			}
			if (rc == -2)
				break;
			if (c->verbose && rc > 0)
				msg_warn(
				    "--wait-cmd '", c->wait_text[k],
				    "' exited ",
				    loop_fmt_u(n1, sizeof(n1), (uint64_t)rc),
				    NULL);
			next = io_now_us() + c->wait_interval_ms * 1000;
			if (rc == -1 || next >= deadline)
				msg_die(INIT_EXIT_WAIT, "--wait-cmd '",
					c->wait_text[k],
					"' did not succeed within ",
					loop_fmt_u(n1, sizeof(n1),
						   c->wait_timeout_ms),
					" ms", NULL);
			if (wait_child(c, 0, next, &sig) == -2)
				break;
		}
	}
	if (sig) {
		if (c->verbose)
			msg_warn("SIG", sig_name(sig),
				 " while waiting: not starting ", c->argv[0],
				 NULL);
		loop_finish(c, 128 + sig);
	}
}
