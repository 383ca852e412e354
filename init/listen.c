/*
 * listen: --health-listen, the last --health-cmd verdict over HTTP, so
 * that the kubelet's own httpGet probe (a GET from the node, no exec)
 * reads what init's check found.  Setup (listen_open) may die, before
 * anything starts; the rest runs in the loop that never dies, so every
 * failure here is dropped, never fatal.
 *
 * PID 1 must never be held by a client: every socket is non-blocking and
 * signals its readiness with SIGIO into the loop's one sigwaitinfo (no
 * poll, no idle wakeup); at most LISTEN_CONNS connections are open, the
 * oldest dropped for a newer one (a slow loris cannot starve an honest
 * probe), a backlog of 1024 (a burst waits in the kernel, not in init);
 * a request head is read up to LISTEN_HEAD bytes and no longer
 * than LISTEN_MS; no allocation.  Any request that starts like one
 * (GET, HEAD) gets "200 healthy", "503 unhealthy" or, before the first
 * verdict, "503 starting", in one line and Connection: close; anything
 * else a 400.  A tcpSocket probe only learns that init listens.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../lib/io.h"
#include "../lib/msg.h"
#include "../lib/num.h"
#include "init.h"

#define LISTEN_HEAD 1024 /* bytes of a request head read, at most */
#define LISTEN_MS   1000 /* a connection's time to send its head */

/*
 * The fd signals its readiness as SIGIO to init, and never blocks.  The
 * raw system call: libc's fcntl() costs 400 bytes for cases not used.
 */
static int
async(int fd)
{
	if (syscall(SYS_fcntl, fd, F_SETOWN, getpid()) < 0 ||
	    syscall(SYS_fcntl, fd, F_SETFL, O_NONBLOCK | O_ASYNC) < 0)
		return -1;
	return fd;
}

int
listen_open(const char *addr)
{
	struct sockaddr_in6 a6 = { 0 };
	struct sockaddr_in a4 = { 0 };
	const char *colon = strrchr(addr, ':');
	uint64_t port;
	int fd, v6 = !strncmp(addr, "[::]:", 5), one = 1, k;
	unsigned char *ip = (unsigned char *)&a4.sin_addr;
	const char *p = addr;

	if (!colon || num_u64(colon + 1, 1, 65535, &port) < 0)
		return -1;
	if (!v6 && colon != addr) {
		/* a.b.c.d, each 0..255 */
		for (k = 0; k < 4; k++) {
			uint64_t o = 0;
			const char *s = p;

			while (*p >= '0' && *p <= '9' && p - s < 3)
				o = o * 10 + (uint64_t)(*p++ - '0');
			if (p == s || o > 255 || *p != (k < 3 ? '.' : ':'))
				return -1;
			ip[k] = (unsigned char)o;
			p++;
		}
	} else if (v6 ? colon != addr + 4 : 0) {
		return -1;
	}
	/* Raw system calls here and for accept4: libc's carry fallbacks
	 * for kernels older than SOCK_CLOEXEC (300 bytes). */
	fd = (int)syscall(SYS_socket, v6 ? AF_INET6 : AF_INET,
			  SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -2;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	a4.sin_family = AF_INET;
	a4.sin_port = htons((uint16_t)port);
	a6.sin6_family = AF_INET6;
	a6.sin6_port = a4.sin_port;
	if ((v6 ? bind(fd, (struct sockaddr *)&a6, sizeof(a6))
		: bind(fd, (struct sockaddr *)&a4, sizeof(a4))) < 0 ||
	    listen(fd, 1024) < 0 || async(fd) < 0) {
		k = errno;
		close(fd);
		errno = k;
		return -2;
	}
	return fd;
}

/* Close connection k. */
static void
drop(struct listener *l, int k)
{
	close(l->conn[k].fd);
	l->conn[k].fd = -1;
}

/*
 * Answer connection k: the verdict (0 healthy, > 0 unhealthy, < 0 none
 * yet), or 400 for a request that is not a GET or a HEAD; then close
 * it.
 */
static void
answer(struct listener *l, int k, int verdict)
{
	static const char *const status[] = { "200 OK",
					      "503 Service Unavailable",
					      "400 Bad Request" };
	static const char *const body[] = { "healthy\n", "unhealthy\n",
					    "starting\n", "bad request\n" };
	struct conn_state *cs = &l->conn[k];
	int i = cs->bad ? 3 : verdict < 0 ? 2 : verdict > 0;
	char out[160];
	struct buf b;

	buf_init(&b, out, sizeof(out));
	buf_str(&b, "HTTP/1.1 ");
	buf_str(&b, status[i == 3 ? 2 : i > 0]);
	buf_str(&b, "\r\nContent-Type: text/plain\r\nContent-Length: ");
	buf_u64(&b, strlen(body[i]));
	buf_str(&b, "\r\nConnection: close\r\n\r\n");
	if (cs->method != 'H')
		buf_str(&b, body[i]);
	/* A client gone away raises SIGPIPE in init, which the loop drops
	 * (a signal init sent itself). */
	if (write(cs->fd, out, b.len) < 0)
		errno = 0;
	drop(l, k);
}

/* Read what connection k has sent; answer once its head has ended. */
static void
readable(struct listener *l, int k, int verdict)
{
	struct conn_state *cs = &l->conn[k];
	char in[512];
	ssize_t got;
	size_t i;

	while ((got = read(cs->fd, in, sizeof(in))) > 0) {
		for (i = 0; i < (size_t)got; i++, cs->got++) {
			if (!cs->got)
				cs->method = in[i];
			if (cs->got < 4)
				cs->bad |= in[i] != (cs->method == 'H'
							 ? "HEAD"
							 : "GET ")[cs->got];
			cs->last = cs->last << 8 | (unsigned char)in[i];
			if ((cs->last & 0xffffffffu) == 0x0d0a0d0au ||
			    (cs->last & 0xffffu) == 0x0a0au) {
				answer(l, k, verdict);
				return;
			}
		}
		if (cs->got >= LISTEN_HEAD) {
			cs->bad = 1;
			answer(l, k, verdict);
			return;
		}
	}
	if (got == 0 || (got < 0 && errno != EAGAIN))
		drop(l, k);
}

void
listen_io(struct listener *l, int verdict)
{
	int k, oldest, fd;

	for (k = 0; k < LISTEN_CONNS; k++)
		if (l->conn[k].fd >= 0)
			readable(l, k, verdict);
	while ((fd = (int)syscall(SYS_accept4, l->fd, NULL, NULL,
				  SOCK_CLOEXEC)) >= 0) {
		for (k = 0, oldest = 0; k < LISTEN_CONNS; k++) {
			if (l->conn[k].fd < 0)
				break;
			if (l->conn[k].until < l->conn[oldest].until)
				oldest = k;
		}
		if (k == LISTEN_CONNS)
			drop(l, k = oldest);
		if (async(fd) < 0) {
			close(fd);
			continue;
		}
		memset(&l->conn[k], 0, sizeof(l->conn[k]));
		l->conn[k].fd = fd;
		l->conn[k].until = io_now_us() + LISTEN_MS * 1000;
		readable(l, k, verdict);
	}
}

uint64_t
listen_expire(struct listener *l, uint64_t now)
{
	uint64_t next = UINT64_MAX;
	int k;

	for (k = 0; k < LISTEN_CONNS; k++) {
		if (l->conn[k].fd < 0)
			continue;
		if (now >= l->conn[k].until)
			drop(l, k);
		else if (l->conn[k].until < next)
			next = l->conn[k].until;
	}
	return next;
}
