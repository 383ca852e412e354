/*
 * sys: system calls made raw where libc's wrappers cost init bytes it
 * has no use for: open's va_list and O_CLOEXEC fallback, the string
 * scans' word-at-a-time paths, statfs's 32-bit conversions, isatty and
 * tcgetpgrp's separate ioctls (together about 2 KB of init's 32 KiB).
 * Each returns what the system call returns, -1 with errno set on
 * failure, as libc's would.
 */
#ifndef SYS_H
#define SYS_H

#include <fcntl.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/vfs.h>

long syscall(long, ...);

#ifndef O_LARGEFILE
#define O_LARGEFILE 0
#endif

static inline int
sys_openat(int dir, const char *path, int flags, int mode)
{
	return (int)syscall(SYS_openat, dir, path, flags | O_LARGEFILE, mode);
}

#define sys_open(path, flags) sys_openat(AT_FDCWD, (path), (flags), 0)

static inline void *
sys_mmap(size_t len, int prot, int flags, int fd)
{
#ifdef SYS_mmap2
	return (void *)syscall(SYS_mmap2, NULL, len, prot, flags, fd, 0);
#else
	return (void *)syscall(SYS_mmap, NULL, len, prot, flags, fd, 0);
#endif
}

static inline int
sys_prctl(int op, unsigned long a, unsigned long b)
{
	return (int)syscall(SYS_prctl, op, a, b, 0, 0);
}

/* TIOCGPGRP, TIOCSPGRP, TIOCGSID: a fd that is no terminal fails with
 * ENOTTY, so no isatty() is needed first. */
static inline int
sys_tty(int fd, unsigned long req, pid_t *pgrp)
{
	return (int)syscall(SYS_ioctl, fd, req, pgrp);
}

static inline int
sys_fstatfs(int fd, struct statfs *st)
{
#ifdef SYS_fstatfs64
	return (int)syscall(SYS_fstatfs64, fd, sizeof(*st), st);
#else
	return (int)syscall(SYS_fstatfs, fd, st);
#endif
}

/* The first c in s, or its end: strchr's scan without strchrnul (as
 * strchr, a pointer into s, which the caller may write). */
static inline char *
sys_chr(const char *s, int c)
{
	while (*s && *s != c)
		s++;
	return (char *)s;
}

/* The first c in the n bytes at p, or NULL. */
static inline const void *
sys_memchr(const void *p, int c, size_t n)
{
	const unsigned char *s = p;

	for (; n; n--, s++)
		if (*s == (unsigned char)c)
			return s;
	return NULL;
}

/* The entry NAME=... of the environment, NAME the first n bytes of name;
 * NULL.  In io.c. */
char *sys_env(const char *name, size_t n);

/* The environment's value of name, or NULL (getenv without strchrnul). */
const char *sys_getenv(const char *name);

#endif
