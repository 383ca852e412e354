/*
 * sigstate BLOCK IGNORE CMD [ARG...]: exec CMD with the signals in the
 * comma-separated list BLOCK blocked and those in IGNORE ignored ("-" for
 * none), to start init with odd inherited signal state.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
each(char *list, void (*fn)(int))
{
	char *t;

	if (!strcmp(list, "-"))
		return;
	for (t = strtok(list, ","); t; t = strtok(NULL, ","))
		fn(atoi(t));
}

static sigset_t set;

static void
block(int s)
{
	sigaddset(&set, s);
}

static void
ignore(int s)
{
	signal(s, SIG_IGN);
}

int
main(int argc, char **argv)
{
	if (argc < 4)
		return 2;
	sigemptyset(&set);
	each(argv[1], block);
	each(argv[2], ignore);
	sigprocmask(SIG_SETMASK, &set, NULL);
	execvp(argv[3], argv + 3);
	return 127;
}
