/*
 * msg: bounded string building and one-line messages written with write(2).
 *
 * No stdio and no allocation: a struct buf wraps a caller's array, appends
 * truncate silently and keep the text NUL-terminated.  Messages have the
 * skalibs shape "prog: fatal: what: why".
 */
#ifndef LIB_MSG_H
#define LIB_MSG_H

#include <stddef.h>
#include <stdint.h>

struct buf {
	char *p;
	size_t len;
	size_t cap; /* size of p, including room for the NUL */
};

void buf_init(struct buf *b, char *mem, size_t cap);
void buf_mem(struct buf *b, const char *s, size_t n);
void buf_str(struct buf *b, const char *s);
void buf_u64(struct buf *b, uint64_t v);

/*
 * The first m bytes of needle in the n bytes at hay, or NULL: memmem's
 * answer by a plain scan (musl's two-way memmem and strstr cost a
 * static binary 2.5 KiB for needles of a few bytes).
 */
const char *buf_find(const char *hay, size_t n, const char *needle, size_t m);

/* strstr(s, needle) so: in the string s. */
#define buf_strstr(s, needle) buf_find((s), strlen(s), (needle), strlen(needle))

/*
 * A short English text for errno e: the ones these programs meet (files,
 * exec, sockets, names); "error N" for the rest.  Used instead of
 * strerror(3), whose full table costs 2 KiB in a static binary.
 */
const char *msg_errstr(int e);

/*
 * More errno texts, for a program that meets more (healthcheck sets the
 * socket errors of net.c): codes[i] has the ith NUL-terminated text.
 */
struct msg_errs {
	const unsigned char *codes;
	size_t n;
	const char *texts;
};
extern const struct msg_errs *msg_errs_more;

/* The program name that prefixes every message; set once by main(). */
extern const char *msg_prog;

/*
 * Write "prog: " and the NULL-terminated list of strings as one line to
 * stderr, in one write(2).  Lines longer than 1 KiB are cut.  errno is
 * as it was before the call (a failed write to stderr does not change
 * it).
 */
void msg_warn(const char *s, ...) __attribute__((sentinel));

/* The same with "prog: fatal: ", then _exit(code). */
_Noreturn void msg_die(int code, const char *s, ...) __attribute__((sentinel));

/*
 * "prog: fatal: WHAT 'VALUE': WHY", then _exit(code): the one shape of a
 * bad argument.  VALUE is shown on one line whatever it holds: CR, LF and
 * tab as \r \n \t, any other control byte or DEL as \xNN.
 */
_Noreturn void msg_die_arg(int code, const char *what, const char *value,
			   const char *why);

/*
 * The same two, with ": " and the text of errno (as it was when called)
 * at the end: "init: fatal: unable to fork: Resource temporarily
 * unavailable".
 */
void msg_warn_sys(const char *s, ...) __attribute__((sentinel));
_Noreturn void msg_die_sys(int code, const char *s, ...)
    __attribute__((sentinel));

#endif
