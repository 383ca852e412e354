/*
 * Sockets under the deadline: non-blocking connect and poll(2) with the
 * time left, so no phase can outlive the run.  Name resolution is libc's
 * getaddrinfo (hosts file, then DNS), which cannot be given a deadline:
 * the SIGALRM watchdog in main.c covers it.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "../lib/io.h"
#include "probe.h"

static void
timeout(struct probe *p, const char *phase)
{
	p->msg->len = 0;
	buf_str(p->msg, "timeout during ");
	buf_str(p->msg, phase);
}

/* Wait for events on fd until the deadline (or until until_us). */
static int
wait_fd(struct probe *p, int fd, short events, uint64_t until_us)
{
	struct pollfd pfd = { fd, events, 0 };
	uint64_t now;
	int r;

	for (;;) {
		now = io_now_us();
		if (now >= until_us)
			return 0;
		r = poll(&pfd, 1, (int)((until_us - now + 999) / 1000));
		if (r > 0)
			return 1;
		if (r < 0 && errno != EINTR)
			return -1;
	}
}

static void
addr_text(const struct sockaddr *sa, char *out, size_t cap)
{
	struct buf b;
	char ip[INET6_ADDRSTRLEN];
	uint16_t port;

	buf_init(&b, out, cap);
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *s6 = (const void *)sa;

		inet_ntop(AF_INET6, &s6->sin6_addr, ip, sizeof(ip));
		port = ntohs(s6->sin6_port);
		buf_str(&b, "[");
		buf_str(&b, ip);
		buf_str(&b, "]");
	} else {
		const struct sockaddr_in *s4 = (const void *)sa;

		inet_ntop(AF_INET, &s4->sin_addr, ip, sizeof(ip));
		port = ntohs(s4->sin_port);
		buf_str(&b, ip);
	}
	buf_str(&b, ":");
	buf_u64(&b, port);
}

static void
connect_failed(struct probe *p, int err, const char *where)
{
	p->msg->len = 0;
	buf_str(p->msg, "connect: ");
	buf_str(p->msg, msg_errstr(err));
	buf_str(p->msg, " (");
	buf_str(p->msg, where);
	buf_str(p->msg, ")");
}

/*
 * One connect attempt until until_us.  Returns the fd, -1 refused or
 * failed (err set), -2 out of time.
 */
static int
connect_one(struct probe *p, const struct sockaddr *sa, socklen_t len,
	    uint64_t until_us, int *err)
{
	socklen_t elen = sizeof(*err);
	int fd, r;

	fd = socket(sa->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		    0);
	if (fd < 0) {
		*err = errno;
		return -1;
	}
	if (connect(fd, sa, len) == 0)
		return fd;
	if (errno != EINPROGRESS && errno != EAGAIN) {
		*err = errno;
		close(fd);
		return -1;
	}
	r = wait_fd(p, fd, POLLOUT, until_us);
	if (r <= 0) {
		*err = r == 0 ? ETIMEDOUT : errno;
		close(fd);
		return r == 0 ? -2 : -1;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, err, &elen) < 0 || *err) {
		if (!*err)
			*err = errno;
		close(fd);
		return -1;
	}
	return fd;
}

int
net_connect(struct probe *p, const char *host, uint16_t port)
{
	struct addrinfo hints, *res, *ai;
	char portstr[8], addr[64];
	uint64_t now, share;
	int rc, fd = -1, err = 0, left;
	struct buf b;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV;
	buf_init(&b, portstr, sizeof(portstr));
	buf_u64(&b, port);
	probe_phase = "resolve";
	rc = getaddrinfo(host, portstr, &hints, &res);
	if (rc) {
		p->msg->len = 0;
		buf_str(p->msg, "resolve: ");
		buf_str(p->msg, host);
		buf_str(p->msg, ": ");
		buf_str(p->msg, rc == EAI_SYSTEM ? msg_errstr(errno)
						 : gai_strerror(rc));
		return -1;
	}
	probe_phase = "connect";
	for (left = 0, ai = res; ai; ai = ai->ai_next)
		left++;
	for (ai = res; ai; ai = ai->ai_next, left--) {
		now = io_now_us();
		if (now >= p->deadline_us)
			break;
		share = (p->deadline_us - now) / (uint64_t)left;
		addr_text(ai->ai_addr, addr, sizeof(addr));
		fd = connect_one(p, ai->ai_addr, ai->ai_addrlen, now + share,
				 &err);
		probe_detail(p, "connect ", addr, ": ",
			     fd >= 0 ? "connected" : msg_errstr(err), NULL);
		if (fd >= 0)
			break;
	}
	freeaddrinfo(res);
	if (fd >= 0)
		return fd;
	if (io_now_us() >= p->deadline_us)
		timeout(p, "connect");
	else
		connect_failed(p, err, addr);
	return -1;
}

int
net_connect_unix(struct probe *p, const char *path)
{
	struct sockaddr_un sun;
	int fd, err = 0;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		p->msg->len = 0;
		buf_str(p->msg, "connect: socket path too long");
		return -1;
	}
	memcpy(sun.sun_path, path, strlen(path));
	probe_phase = "connect";
	fd = connect_one(p, (struct sockaddr *)&sun, sizeof(sun),
			 p->deadline_us, &err);
	if (fd >= 0)
		return fd;
	if (fd == -2)
		timeout(p, "connect");
	else
		connect_failed(p, err, path);
	return -1;
}

int
net_send(struct probe *p, int fd, const char *b, size_t n)
{
	ssize_t w;
	int r;

	probe_phase = "send";
	while (n) {
		w = send(fd, b, n, MSG_NOSIGNAL);
		if (w > 0) {
			b += w;
			n -= (size_t)w;
			continue;
		}
		if (w < 0 && errno != EAGAIN && errno != EINTR) {
			p->msg->len = 0;
			buf_str(p->msg, "send: ");
			buf_str(p->msg, msg_errstr(errno));
			return -1;
		}
		r = wait_fd(p, fd, POLLOUT, p->deadline_us);
		if (r <= 0) {
			timeout(p, "send");
			return -1;
		}
	}
	return 0;
}

long
net_recv(struct probe *p, int fd, char *b, size_t n)
{
	ssize_t r;
	int w;

	for (;;) {
		r = recv(fd, b, n, 0);
		if (r >= 0)
			return (long)r;
		if (errno != EAGAIN && errno != EINTR) {
			p->msg->len = 0;
			buf_str(p->msg, "receive: ");
			buf_str(p->msg, msg_errstr(errno));
			return -1;
		}
		w = wait_fd(p, fd, POLLIN, p->deadline_us);
		if (w <= 0) {
			timeout(p, probe_phase);
			return -1;
		}
	}
}

int
probe_tcp(struct probe *p, const struct target *t)
{
	char addr[64];
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	int fd = net_connect(p, t->host, t->port);

	if (fd < 0)
		return -1;
	buf_str(p->msg, "connected");
	if (getpeername(fd, (struct sockaddr *)&ss, &len) == 0) {
		addr_text((struct sockaddr *)&ss, addr, sizeof(addr));
		buf_str(p->msg, " to ");
		buf_str(p->msg, addr);
	}
	close(fd);
	return 0;
}

int
probe_unix(struct probe *p, const struct target *t)
{
	int fd = net_connect_unix(p, t->path);

	if (fd < 0)
		return -1;
	buf_str(p->msg, "connected");
	close(fd);
	return 0;
}
