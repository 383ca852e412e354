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
#include "../lib/sys.h"
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

static void *
map(size_t n)
{
	void *p = sys_mmap(n, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1);

	if (p == MAP_FAILED)
		msg_die_sys(INIT_EXIT_SYS, "--file-env: out of memory", NULL);
	return p;
}

/* Whether c may be in a variable's name (first: not a digit). */
static int
name_char(char c, int first)
{
	return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (!first && c >= '0' && c <= '9');
}

int
fileenv_check(const char *names)
{
	const char *p;

	if (!strcmp(names, "*"))
		return 0;
	for (p = names; *p; p++) {
		if (*p == ',' && p != names && p[-1] != ',' && p[1])
			continue;
		if (!name_char(*p, p == names || p[-1] == ','))
			return -1;
	}
	return 0;
}

/* Whether name[0..n) is one of the comma-separated names ("*": all). */
static int
listed(const char *names, const char *name, size_t n)
{
	const char *p = names, *end;

	if (!strcmp(names, "*"))
		return 1;
	for (; *p; p = *end ? end + 1 : end) {
		end = sys_chr(p, ',');
		if ((size_t)(end - p) == n && !memcmp(p, name, n))
			return 1;
	}
	return 0;
}

/*
 * The variable *e (NAME_FILE=PATH or FILE__NAME=PATH, eq at its '=')
 * read into a new NAME=<contents>, NAME being name[0..n).  Dies as the
 * header says.
 */
static char *
load(char *e, char *eq, const char *name, size_t n)
{
	char *v, *twin = sys_env(name, n);
	long got;

	if (twin) {
		twin[n] = *eq = '\0';
		msg_die(INIT_EXIT_USAGE, "--file-env: ", twin, " and ", e,
			" are both set: set only one", NULL);
	}
	/* NAME=, up to FILEENV_MAX bytes and one more to tell. */
	v = map(n + FILEENV_MAX + 3);
	memcpy(v, name, n);
	v[n] = '=';
	got = io_read_file(eq + 1, v + n + 1, FILEENV_MAX + 1);
	if (got < 0)
		bad(e, eq, ": unable to read ", "");
	if (got > FILEENV_MAX)
		bad(e, eq, ": ", " is over 64 KiB");
	if (sys_memchr(v + n + 1, '\0', (size_t)got))
		bad(e, eq, ": ", " holds a NUL byte");
	while (got && v[n + got] == '\n')
		got--;
	v[n + 1 + got] = '\0';
	return v;
}

void
fileenv_load(const char *names)
{
	size_t n = 0, k = 0, len;
	char **env, **e, *eq;

	for (e = environ; *e; e++)
		n++;
	env = map((n + 1) * sizeof(*env));
	for (e = environ; *e; e++) {
		env[k++] = *e;
		eq = sys_chr(*e, '=');
		len = *eq ? (size_t)(eq - *e) : 0;
		if (len > 6 && !memcmp(*e, "FILE__", 6)) {
			env[k - 1] = load(*e, eq, *e + 6, len - 6);
			continue;
		}
		/*
		 * Left alone under "*": the CA bundle that Go, OpenSSL and
		 * healthcheck read as a path, set in many scratch images.
		 */
		if (len <= 5 || memcmp(eq - 5, "_FILE", 5) ||
		    !listed(names, *e, len - 5) ||
		    !strncmp(*e, "SSL_CERT_FILE=", 14))
			continue;
		env[k - 1] = load(*e, eq, *e, len - 5);
	}
	env[k] = NULL;
	environ = env;
}
