/*
 * The floor for a wrapper: fork, exec argv[1..], wait, exit with its
 * status.  Nothing else: no reaping of others, no signals.  Static.
 */
#include <sys/wait.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	int st;
	pid_t p;

	if (argc < 2)
		return 2;
	p = fork();
	if (p == 0) {
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	if (p < 0 || waitpid(p, &st, 0) < 0)
		return 1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
