#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "io.h"
#include "sys.h"

int
io_write_all(int fd, const void *p, size_t n)
{
	const char *c = p;
	ssize_t w;

	while (n) {
		w = write(fd, c, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

ssize_t
io_read(int fd, void *p, size_t n)
{
	ssize_t r;

	do
		r = read(fd, p, n);
	while (r < 0 && errno == EINTR);
	return r;
}

/*
 * The raw call: the vDSO lookup costs 700 bytes for a few calls.  32-bit
 * ABIs have no SYS_clock_gettime in musl, only the 32-bit-time call and
 * clock_gettime64; the latter fills the kernel's 64-bit timespec on every
 * ABI (Linux 5.1 and later), so that is the struct given to it.
 */
uint64_t
io_now_us(void)
{
	struct {
		int64_t sec, nsec;
	} ts;

#ifdef SYS_clock_gettime64
	syscall(SYS_clock_gettime64, CLOCK_MONOTONIC, &ts);
#else
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
#endif
	return (uint64_t)ts.sec * 1000000u + (uint64_t)ts.nsec / 1000u;
}

int
io_sigwait_until(const sigset_t *set, siginfo_t *si, uint64_t until_us)
{
	struct timespec ts;
	uint64_t now, left;

	if (until_us == UINT64_MAX)
		return sigwaitinfo(set, si);
	now = io_now_us();
	left = until_us > now ? until_us - now : 0;
	ts.tv_sec = (time_t)(left / 1000000);
	ts.tv_nsec = (long)(left % 1000000) * 1000;
	return sigtimedwait(set, si, &ts);
}

long
io_read_file(const char *path, void *p, size_t cap)
{
	size_t n = 0;
	ssize_t got = 0;
	int fd = sys_open(path, O_RDONLY | O_CLOEXEC), e;

	if (fd < 0)
		return -1;
	while (n < cap && (got = io_read(fd, (char *)p + n, cap - n)) > 0)
		n += (size_t)got;
	e = errno;
	close(fd);
	errno = e;
	return got < 0 ? -1 : (long)n;
}

extern char **environ;

char *
sys_env(const char *name, size_t n)
{
	char **e;

	for (e = environ; *e; e++)
		if (!strncmp(*e, name, n) && (*e)[n] == '=')
			return *e;
	return NULL;
}

const char *
sys_getenv(const char *name)
{
	size_t n = strlen(name);
	const char *e = sys_env(name, n);

	return e ? e + n + 1 : NULL;
}
