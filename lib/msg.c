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

static const struct {
	int e;
	const char *s;
} errs[] = {
	{ EPERM, "Operation not permitted" },
	{ ENOENT, "No such file or directory" },
	{ ESRCH, "No such process" },
	{ EINTR, "Interrupted system call" },
	{ EIO, "I/O error" },
	{ E2BIG, "Argument list too long" },
	{ ENOEXEC, "Exec format error" },
	{ EBADF, "Bad file descriptor" },
	{ EAGAIN, "Resource temporarily unavailable" },
	{ ENOMEM, "Out of memory" },
	{ EACCES, "Permission denied" },
	{ ENOTDIR, "Not a directory" },
	{ EISDIR, "Is a directory" },
	{ EINVAL, "Invalid argument" },
	{ EMFILE, "No file descriptors available" },
	{ ETXTBSY, "Text file busy" },
	{ ELOOP, "Symbolic link loop" },
	{ ENAMETOOLONG, "Filename too long" },
	{ EPIPE, "Broken pipe" },
	{ ENOSYS, "Function not implemented" },
	{ EAFNOSUPPORT, "Address family not supported" },
	{ EADDRNOTAVAIL, "Address not available" },
	{ ENETDOWN, "Network is down" },
	{ ENETUNREACH, "Network unreachable" },
	{ ECONNABORTED, "Connection aborted" },
	{ ECONNRESET, "Connection reset by peer" },
	{ ETIMEDOUT, "Operation timed out" },
	{ ECONNREFUSED, "Connection refused" },
	{ EHOSTDOWN, "Host is down" },
	{ EHOSTUNREACH, "Host is unreachable" },
	{ EPROTOTYPE, "Protocol wrong type for socket" },
};

const char *
msg_errstr(int e)
{
	/* Static: the text is returned and outlives the call. */
	static char other[24];
	struct buf b;
	size_t i;

	for (i = 0; i < sizeof(errs) / sizeof(errs[0]); i++)
		if (errs[i].e == e)
			return errs[i].s;
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
