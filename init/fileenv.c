/*
 * fileenv: --file-env, secrets from files for images without a shell to
 * run the official images' file_env.  Setup that may die: before the
 * drop (root can read a 0400 secret that the user it becomes cannot), and
 * before anything has started, so a bad secret dies with 125 and one line
 * naming the variable and the file, never the value.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "../lib/io.h"
#include "../lib/msg.h"
#include "init.h"

extern char **environ;

/* The official images' bound on a secret file is none; ours is 64 KiB. */
#define FILEENV_MAX 65536

/*
 * "init: fatal: --file-env: NAME_FILE: what path why", var pointing at
 * NAME_FILE=path: the '=' becomes the name's end (init dies next).
 */
static _Noreturn void
bad(char *var, char *eq, const char *what, const char *why)
{
	*eq = '\0';
	msg_die(INIT_EXIT_USAGE, "--file-env: ", var, what, eq + 1, why,
		why[0] ? "" : ": ", why[0] ? "" : msg_errstr(errno), NULL);
}

/* The entry NAME=... of environ, NAME the first n bytes of name; NULL. */
static char *
find(const char *name, size_t n)
{
	char **e;

	for (e = environ; *e; e++)
		if (!strncmp(*e, name, n) && (*e)[n] == '=')
			return *e;
	return NULL;
}

static void *
map(size_t n)
{
	void *p = mmap(NULL, n, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		msg_die_sys(INIT_EXIT_SYS, "--file-env: out of memory", NULL);
	return p;
}

void
fileenv_load(void)
{
	size_t n = 0, k = 0, len, base;
	char **env, **e, *eq, *v, *twin;
	long got;

	for (e = environ; *e; e++)
		n++;
	env = map((n + 1) * sizeof(*env));
	for (e = environ; *e; e++) {
		env[k++] = *e;
		eq = strchr(*e, '=');
		len = eq ? (size_t)(eq - *e) : 0;
		/*
		 * Left alone: the CA bundle that Go, OpenSSL and healthcheck
		 * read as a path, set in many scratch images.
		 */
		if (len <= 5 || memcmp(eq - 5, "_FILE", 5) ||
		    !strncmp(*e, "SSL_CERT_FILE=", 14))
			continue;
		base = len - 5;
		twin = find(*e, base);
		if (twin) {
			twin[base] = *eq = '\0';
			msg_die(INIT_EXIT_USAGE, "--file-env: ", twin, " and ",
				*e, " are both set: set only one", NULL);
		}
		/* NAME=, up to FILEENV_MAX bytes and one more to tell. */
		v = map(base + FILEENV_MAX + 3);
		memcpy(v, *e, base + 1);
		v[base] = '=';
		got = io_read_file(eq + 1, v + base + 1, FILEENV_MAX + 1);
		if (got < 0)
			bad(*e, eq, ": unable to read ", "");
		if (got > FILEENV_MAX)
			bad(*e, eq, ": ", " is over 64 KiB");
		if (memchr(v + base + 1, '\0', (size_t)got))
			bad(*e, eq, ": ", " holds a NUL byte");
		while (got && v[base + got] == '\n')
			got--;
		v[base + 1 + got] = '\0';
		env[k - 1] = v;
	}
	env[k] = NULL;
	environ = env;
}
