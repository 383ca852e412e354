/*
 * lib/msg: bounded buffers (every capacity from 0 up, always
 * NUL-terminated, never past cap), numbers, errno texts, and the one-line
 * messages as they reach stderr (a pipe), control bytes quoted.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "../../lib/msg.h"
#include "t.h"

/* What f() writes to stderr, with its exit status in *st. */
static size_t
stderr_of(void (*f)(void), char *out, size_t cap, int *st)
{
	int fds[2];
	size_t n = 0;
	ssize_t r;
	pid_t pid;

	if (pipe(fds) < 0)
		abort();
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], 2);
		f();
		_exit(0);
	}
	close(fds[1]);
	while (n < cap - 1 && (r = read(fds[0], out + n, cap - 1 - n)) > 0)
		n += (size_t)r;
	out[n] = '\0';
	close(fds[0]);
	waitpid(pid, st, 0);
	return n;
}

static void
warn_one(void)
{
	msg_prog = "prog";
	errno = ENOENT;
	msg_warn("unable to open ", "/x", NULL);
	_exit(errno == ENOENT ? 0 : 9); /* errno kept */
}

static void
warn_sys(void)
{
	msg_prog = "prog";
	errno = ENOENT;
	msg_warn_sys("unable to open ", "/etc/passwd", NULL);
}

static void
die_sys(void)
{
	msg_prog = "init";
	errno = EAGAIN;
	msg_die_sys(122, "unable to fork", NULL);
}

static void
die_arg(void)
{
	msg_prog = "hc";
	msg_die_arg(1, "-H", "a\r\nb\tc\x01\x7f", "bad header");
}

static void
long_line(void)
{
	static char big[3000];

	memset(big, 'x', sizeof(big) - 1);
	msg_prog = "p";
	msg_warn(big, NULL);
}

int
main(void)
{
	char mem[64], out[4096];
	struct buf b;
	size_t cap, n;
	int st;

	/* Every capacity: truncates, stays terminated, never writes past. */
	for (cap = 0; cap < 12; cap++) {
		memset(mem, '#', sizeof(mem));
		buf_init(&b, mem, cap);
		buf_str(&b, "hello");
		buf_u64(&b, 18446744073709551615u);
		n = cap ? cap - 1 : 0;
		if (n > 25)
			n = 25;
		T_CHECK(b.len == n, "cap %zu: len %zu", cap, b.len);
		T_CHECK(cap == 0 || mem[b.len] == '\0', "cap %zu: NUL", cap);
		T_CHECK(mem[cap] == '#', "cap %zu: wrote past cap", cap);
		T_CHECK(!memcmp(mem, "hello18446744073709551615", b.len),
			"cap %zu: content", cap);
	}
	buf_init(&b, mem, sizeof(mem));
	buf_u64(&b, 0);
	buf_mem(&b, "ab\0c", 4);
	T_CHECK(b.len == 5 && !memcmp(mem, "0ab\0c", 6), "zero, and bytes");

	T_CHECK(!strcmp(msg_errstr(ENOENT), "No such file or directory"),
		"ENOENT text");
	T_CHECK(!strncmp(msg_errstr(ECONNREFUSED), "error ", 6),
		"ECONNREFUSED: not in the core table");
	{
		static const unsigned char codes[] = { ECONNREFUSED, ENOENT };
		static const struct msg_errs more = { codes, 2,
						      "Connection refused\0X" };

		msg_errs_more = &more;
		T_CHECK(!strcmp(msg_errstr(ECONNREFUSED), "Connection refused"),
			"ECONNREFUSED from msg_errs_more");
		T_CHECK(
		    !strcmp(msg_errstr(ENOENT), "No such file or directory"),
		    "the core table first");
		T_CHECK(!strcmp(msg_errstr(4094), "error 4094"),
			"in neither table");
		msg_errs_more = NULL;
	}
	T_CHECK(!strcmp(msg_errstr(4095), "error 4095"), "unknown errno");
	T_CHECK(!strcmp(msg_errstr(-7), "error 7"), "negative errno");

	stderr_of(warn_one, out, sizeof(out), &st);
	T_CHECK(!strcmp(out, "prog: unable to open /x\n"), "warn: '%s'", out);
	T_CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "warn keeps errno");
	stderr_of(warn_sys, out, sizeof(out), &st);
	T_CHECK(!strcmp(out, "prog: unable to open /etc/passwd: No such file "
			     "or directory\n"),
		"warn_sys: '%s'", out);
	stderr_of(die_sys, out, sizeof(out), &st);
	T_CHECK(!strcmp(out, "init: fatal: unable to fork: Resource "
			     "temporarily unavailable\n"),
		"die_sys: '%s'", out);
	T_CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 122, "die_sys exit code");
	stderr_of(die_arg, out, sizeof(out), &st);
	T_CHECK(!strcmp(out, "hc: fatal: -H 'a\\r\\nb\\tc\\x01\\x7f': bad "
			     "header\n"),
		"die_arg: '%s'", out);
	T_CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 1, "die_arg exit code");
	n = stderr_of(long_line, out, sizeof(out), &st);
	T_CHECK(n == 1023 && out[1022] == '\n' && !memchr(out, '\n', 1022),
		"a long line is cut to 1 KiB, one line: %zu", n);
	return t_done("msg");
}
