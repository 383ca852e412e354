/*
 * sigstorm PID N: send N signals to PID as fast as kill(2) goes (USR1,
 * USR2, HUP, WINCH in turn), then one SIGTERM.  Prints how long the storm
 * took.  Exit 0, or 1 when a kill failed.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int
main(int argc, char **argv)
{
	static const int sigs[] = { SIGUSR1, SIGUSR2, SIGHUP, SIGWINCH };
	struct timespec a, b;
	pid_t pid;
	long n, i;

	if (argc != 3)
		return 2;
	pid = (pid_t)atol(argv[1]);
	n = atol(argv[2]);
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < n; i++)
		if (kill(pid, sigs[i % 4]) < 0)
			return 1;
	if (kill(pid, SIGTERM) < 0)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("sigstorm: %ld signals and a TERM in %ld ms\n", n,
	       (long)((b.tv_sec - a.tv_sec) * 1000 +
		      (b.tv_nsec - a.tv_nsec) / 1000000));
	return 0;
}
