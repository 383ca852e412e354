/*
 * io: EINTR-safe reads and writes, and the monotonic clock that every
 * deadline is measured on.
 */
#ifndef LIB_IO_H
#define LIB_IO_H

#include <stddef.h>
#include <stdint.h>
#include <signal.h>
#include <sys/types.h>

/* Write all n bytes; returns 0, or -1 with errno set. */
int io_write_all(int fd, const void *p, size_t n);

/* read(2) retried on EINTR. */
ssize_t io_read(int fd, void *p, size_t n);

/*
 * The file at path, up to cap bytes, into p: returns how many were read
 * (cap when the file may hold more), or -1 with errno set.
 */
long io_read_file(const char *path, void *p, size_t cap);

/* Microseconds on CLOCK_MONOTONIC. */
uint64_t io_now_us(void);

/*
 * Wait for a signal of set until until_us on the monotonic clock
 * (UINT64_MAX: no deadline, one blocking sigwaitinfo).  Returns the signal,
 * or -1 at the deadline or on EINTR.
 */
int io_sigwait_until(const sigset_t *set, siginfo_t *si, uint64_t until_us);

#endif
