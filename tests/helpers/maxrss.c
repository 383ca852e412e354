/*
 * maxrss CMD [ARG...]: run CMD and print its peak resident set in KiB on
 * stderr, exit with its status.  The peak is VmHWM of /proc/PID/status
 * read at the exit stop (ptrace PTRACE_O_TRACEEXIT): ru_maxrss reads 0
 * for a small static process on some kernels.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

static long
hwm(pid_t p)
{
	char path[64], line[256];
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)p);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "VmHWM:", 6))
			sscanf(line + 6, "%ld", &kb);
	fclose(f);
	return kb;
}

int
main(int argc, char **argv)
{
	long peak = -1;
	int st;
	pid_t p;

	if (argc < 2)
		return 2;
	p = fork();
	if (p == 0) {
		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
		raise(SIGSTOP);
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	waitpid(p, &st, 0);
	ptrace(PTRACE_SETOPTIONS, p, NULL, (void *)PTRACE_O_TRACEEXIT);
	ptrace(PTRACE_CONT, p, NULL, NULL);
	for (;;) {
		if (waitpid(p, &st, 0) < 0)
			return 1;
		if (WIFEXITED(st) || WIFSIGNALED(st))
			break;
		if (st >> 8 == (SIGTRAP | (PTRACE_EVENT_EXIT << 8)))
			peak = hwm(p);
		ptrace(PTRACE_CONT, p, NULL,
		       (void *)(long)(WIFSTOPPED(st) && WSTOPSIG(st) != SIGTRAP
					      ? WSTOPSIG(st) : 0));
	}
	fprintf(stderr, "maxrss %ld\n", peak);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}
