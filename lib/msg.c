#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "io.h"
#include "msg.h"

const char *msg_prog = "?";

void
buf_init(struct buf *b, char *mem, size_t cap)
{
	b->p = mem;
	b->len = 0;
	b->cap = cap;
	if (cap)
		mem[0] = '\0';
}

void
buf_mem(struct buf *b, const char *s, size_t n)
{
	size_t room;

	if (!b->cap)
		return;
	room = b->cap - 1 - b->len;
	if (n > room)
		n = room;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
buf_str(struct buf *b, const char *s)
{
	buf_mem(b, s, strlen(s));
}

const char *
buf_find(const char *hay, size_t n, const char *needle, size_t m)
{
	size_t i;

	for (i = 0; m <= n && i <= n - m; i++)
		if (!memcmp(hay + i, needle, m))
			return hay + i;
	return NULL;
}

void
buf_u64(struct buf *b, uint64_t v)
{
	char tmp[20];
	size_t i = sizeof(tmp);

	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	buf_mem(b, tmp + i, sizeof(tmp) - i);
}

/*
 * The errno values both programs meet and their texts, as two parallel
 * lists: the Nth code has the Nth text.  One string and a byte each
 * instead of a pointer and an int each (every Linux errno is below 256,
 * MIPS's included).
 */
static const unsigned char err_codes[] = {
	EPERM,	ENOENT,	 ESRCH,	 EINTR,	       EIO,	E2BIG,	ENOEXEC,
	EBADF,	EAGAIN,	 ENOMEM, EACCES,       ENOTDIR, EISDIR, EINVAL,
	EMFILE, ETXTBSY, ELOOP,	 ENAMETOOLONG, EPIPE,	ENOSYS,
};
static const char err_texts[] = "Operation not permitted\0"
				"No such file or directory\0"
				"No such process\0"
				"Interrupted system call\0"
				"I/O error\0"
				"Argument list too long\0"
				"Exec format error\0"
				"Bad file descriptor\0"
				"Resource temporarily unavailable\0"
				"Out of memory\0"
				"Permission denied\0"
				"Not a directory\0"
				"Is a directory\0"
				"Invalid argument\0"
				"No file descriptors available\0"
				"Text file busy\0"
				"Symbolic link loop\0"
				"Filename too long\0"
				"Broken pipe\0"
				"Function not implemented";
static const struct msg_errs err_core = { err_codes, sizeof(err_codes),
					  err_texts };

const struct msg_errs *msg_errs_more;

/* e's text in tab, or NULL. */
static const char *
err_find(const struct msg_errs *tab, int e)
{
	const char *t = tab->texts;
	size_t i;

	for (i = 0; i < tab->n; i++, t += strlen(t) + 1)
		if (tab->codes[i] == e)
			return t;
	return NULL;
}

const char *
msg_errstr(int e)
{
	/* Static: the text is returned and outlives the call. */
	static char other[24];
	const char *t = err_find(&err_core, e);
	struct buf b;

	if (!t && msg_errs_more)
		t = err_find(msg_errs_more, e);
	if (t)
		return t;
	buf_init(&b, other, sizeof(other));
	buf_str(&b, "error ");
	buf_u64(&b, (uint64_t)(e < 0 ? -e : e));
	return other;
}

/* s on one line into out (cap bytes): control bytes escaped. */
static const char *
quote(const char *s, char *out, size_t cap)
{
	static const char hex[] = "0123456789abcdef";
	char e[4] = { '\\', 0, 0, 0 };
	struct buf b;

	buf_init(&b, out, cap);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x20 && c != 0x7f) {
			buf_mem(&b, s, 1);
			continue;
		}
		e[1] = c == '\r'   ? 'r'
		       : c == '\n' ? 'n'
		       : c == '\t' ? 't'
				   : 'x';
		e[2] = hex[c >> 4];
		e[3] = hex[c & 15];
		buf_mem(&b, e, e[1] == 'x' ? 4 : 2);
	}
	return out;
}

/* One line: prog, tag, the strings, with sys the text of errno e. */
static void
msg_vline(const char *tag, int sys, int e, const char *s, va_list ap)
{
	char mem[1024];
	struct buf b;

	buf_init(&b, mem, sizeof(mem) - 1);
	buf_str(&b, msg_prog);
	buf_str(&b, ": ");
	buf_str(&b, tag);
	for (; s; s = va_arg(ap, const char *))
		buf_str(&b, s);
	if (sys) {
		buf_str(&b, ": ");
		buf_str(&b, msg_errstr(e));
	}
	b.p[b.len++] = '\n';
	io_write_all(2, b.p, b.len);
	errno = e;
}

void
msg_warn(const char *s, ...)
{
	int e = errno;
	va_list ap;

	va_start(ap, s);
	msg_vline("", 0, e, s, ap);
	va_end(ap);
}

void
msg_warn_sys(const char *s, ...)
{
	int e = errno;
	va_list ap;

	va_start(ap, s);
	msg_vline("", 1, e, s, ap);
	va_end(ap);
}

_Noreturn void
msg_die(int code, const char *s, ...)
{
	int e = errno;
	va_list ap;

	va_start(ap, s);
	msg_vline("fatal: ", 0, e, s, ap);
	va_end(ap);
	_exit(code);
}

_Noreturn void
msg_die_sys(int code, const char *s, ...)
{
	int e = errno;
	va_list ap;

	va_start(ap, s);
	msg_vline("fatal: ", 1, e, s, ap);
	va_end(ap);
	_exit(code);
}

_Noreturn void
msg_die_arg(int code, const char *what, const char *value, const char *why)
{
	char shown[600];

	msg_die(code, what, " '", quote(value, shown, sizeof(shown)),
		"': ", why, NULL);
}
