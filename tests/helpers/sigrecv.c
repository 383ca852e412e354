/*
 * sigrecv OUT N: a main child that reports what reaches it.  Blocks every
 * signal 1..64 (libc's sigfillset leaves out 32..34), appends "ready" to OUT, then one line per signal received
 * ("15 from 1": number and sending pid), and exits 0 after N signals.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	sigset_t all;
	siginfo_t si;
	char line[64];
	int fd, n, left;

	if (argc != 3)
		return 2;
	left = atoi(argv[2]);
	memset(&all, 0xff, sizeof(all));
	sigprocmask(SIG_SETMASK, &all, NULL);
	fd = open(argv[1], O_WRONLY | O_CREAT | O_APPEND, 0644);
	if (fd < 0)
		return 3;
	write(fd, "ready\n", 6);
	while (left > 0) {
		if (sigwaitinfo(&all, &si) < 0)
			continue;
		n = snprintf(line, sizeof(line), "%d from %d\n", si.si_signo,
			     (int)si.si_pid);
		write(fd, line, (size_t)n);
		left--;
	}
	return 0;
}
