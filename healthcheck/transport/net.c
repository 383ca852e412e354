/*
 * Sockets under the deadline: non-blocking connect and poll(2) with the
 * time left, so no phase can outlive the run.  Name resolution is libc's
 * getaddrinfo (hosts file, then DNS), which cannot be given a deadline:
 * the SIGALRM watchdog of run.c covers it, with p->phase "resolve".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "../../lib/io.h"
#include "../../lib/msg.h"
#include "stream.h"
#include "../proto/ipaddr.h"

/* The socket errors, for msg_errstr (init never meets them). */
static const unsigned char net_err_codes[] = {
	EAFNOSUPPORT, EADDRNOTAVAIL, ENETDOWN,	 ENETUNREACH,
	ECONNABORTED, ECONNRESET,    ETIMEDOUT,	 ECONNREFUSED,
	EHOSTDOWN,    EHOSTUNREACH,  EPROTOTYPE,
};
static const char net_err_texts[] = "Address family not supported\0"
				    "Address not available\0"
				    "Network is down\0"
				    "Network unreachable\0"
				    "Connection aborted\0"
				    "Connection reset by peer\0"
				    "Operation timed out\0"
				    "Connection refused\0"
				    "Host is down\0"
				    "Host is unreachable\0"
				    "Protocol wrong type for socket";
const struct msg_errs net_errs = { net_err_codes, sizeof(net_err_codes),
				   net_err_texts };

static int
timeout(struct probe *p, const char *phase)
{
	return probe_fail(p, "timeout during ", phase, NULL);
}

/* Wait for events on fd until until_us: 1 ready, 0 timeout, -1 error. */
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

void
net_addr_text(const void *addr, char *out, size_t cap)
{
	const struct sockaddr *sa = addr;
	struct buf b;
	uint16_t port;

	buf_init(&b, out, cap);
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *s6 = (const void *)sa;

		port = ntohs(s6->sin6_port);
		buf_str(&b, "[");
		ipaddr_text(s6->sin6_addr.s6_addr, 16, &b);
		buf_str(&b, "]");
	} else {
		const struct sockaddr_in *s4 = (const void *)sa;

		port = ntohs(s4->sin_port);
		ipaddr_text((const uint8_t *)&s4->sin_addr.s_addr, 4, &b);
	}
	buf_str(&b, ":");
	buf_u64(&b, port);
}

static int
connect_failed(struct probe *p, int err, const char *where)
{
	return probe_fail(p, "connect: ", msg_errstr(err), " (", where, ")",
			  NULL);
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

/*
 * Whether host is "localhost" or a name under ".localhost" (a trailing
 * dot allowed, any case): loopback by RFC 6761 6.3, never asked of
 * /etc/hosts or DNS, as curl does.  A scratch image run without an
 * /etc/hosts (podman --no-hosts, a bare runc bundle) still reaches it.
 */
static int
is_localhost(const char *h)
{
	size_t n = strlen(h);

	if (n && h[n - 1] == '.')
		n--;
	return (n == 9 && !strncasecmp(h, "localhost", 9)) ||
	       (n > 10 && !strncasecmp(h + n - 10, ".localhost", 10));
}

int
net_connect(struct probe *p, const char *host, uint16_t port)
{
	struct addrinfo hints, *res, *ai, lo[2];
	struct sockaddr_in6 lo6;
	struct sockaddr_in lo4;
	char portstr[8], addr[64];
	uint64_t now, share;
	int rc, fd = -1, err = 0, left;
	struct buf b;

	if (is_localhost(host)) {
		/* ::1 first, then 127.0.0.1, as /etc/hosts orders them. */
		memset(lo, 0, sizeof(lo));
		memset(&lo6, 0, sizeof(lo6));
		memset(&lo4, 0, sizeof(lo4));
		lo6.sin6_family = AF_INET6;
		lo6.sin6_port = htons(port);
		lo6.sin6_addr = in6addr_loopback;
		lo4.sin_family = AF_INET;
		lo4.sin_port = htons(port);
		lo4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		lo[0].ai_addr = (struct sockaddr *)&lo6;
		lo[0].ai_addrlen = sizeof(lo6);
		lo[0].ai_next = &lo[1];
		lo[1].ai_addr = (struct sockaddr *)&lo4;
		lo[1].ai_addrlen = sizeof(lo4);
		res = lo;
		goto connect;
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV;
	buf_init(&b, portstr, sizeof(portstr));
	buf_u64(&b, port);
	p->phase = "resolve";
	rc = getaddrinfo(host, portstr, &hints, &res);
	if (rc)
		return probe_fail(p, "resolve: ", host, ": ",
				  rc == EAI_SYSTEM ? msg_errstr(errno)
						   : gai_strerror(rc),
				  NULL);
connect:
	p->phase = "connect";
	for (left = 0, ai = res; ai; ai = ai->ai_next)
		left++;
	for (ai = res; ai; ai = ai->ai_next, left--) {
		now = io_now_us();
		if (now >= p->deadline_us)
			break;
		share = (p->deadline_us - now) / (uint64_t)left;
		net_addr_text(ai->ai_addr, addr, sizeof(addr));
		fd = connect_one(p, ai->ai_addr, ai->ai_addrlen, now + share,
				 &err);
		probe_detail(p, "connect ", addr, ": ",
			     fd >= 0 ? "connected" : msg_errstr(err), NULL);
		if (fd >= 0)
			break;
	}
	if (res != lo)
		freeaddrinfo(res);
	if (fd >= 0)
		return fd;
	if (io_now_us() >= p->deadline_us)
		return timeout(p, "connect");
	return connect_failed(p, err, addr);
}

int
net_connect_unix(struct probe *p, const char *path)
{
	struct sockaddr_un sun;
	int fd, err = 0;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path))
		return probe_fail(p, "connect: socket path too long", NULL);
	memcpy(sun.sun_path, path, strlen(path));
	p->phase = "connect";
	fd = connect_one(p, (struct sockaddr *)&sun, sizeof(sun),
			 p->deadline_us, &err);
	if (fd >= 0)
		return fd;
	if (fd == -2)
		return timeout(p, "connect");
	return connect_failed(p, err, path);
}

int
net_send(struct probe *p, int fd, const char *b, size_t n)
{
	const char *was = p->phase;
	ssize_t w;
	int r;

	p->phase = "send";
	while (n) {
		w = send(fd, b, n, MSG_NOSIGNAL);
		if (w > 0) {
			b += w;
			n -= (size_t)w;
			continue;
		}
		if (w < 0 && errno != EAGAIN && errno != EINTR)
			return probe_fail(p, "send: ", msg_errstr(errno), NULL);
		r = wait_fd(p, fd, POLLOUT, p->deadline_us);
		if (r <= 0)
			return timeout(p, "send");
	}
	p->phase = was;
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
		if (errno != EAGAIN && errno != EINTR)
			return probe_fail(p, "receive: ", msg_errstr(errno),
					  NULL);
		w = wait_fd(p, fd, POLLIN, p->deadline_us);
		if (w <= 0)
			return timeout(p, p->phase);
	}
}

int
net_wait(struct probe *p, int fd, short events)
{
	int r = wait_fd(p, fd, events, p->deadline_us);

	if (r == 0)
		return timeout(p, p->phase);
	if (r < 0)
		return probe_fail(p, p->phase, ": ", msg_errstr(errno), NULL);
	return 0;
}

/* The plain transport: a socket to t, or to --unix-socket. */
static int
plain_open(struct probe *p, const struct target *t, struct conn *c)
{
	c->tls = NULL;
	c->note = NULL;
	c->fd = p->cfg->unix_socket ? net_connect_unix(p, p->cfg->unix_socket)
				    : net_connect(p, t->host, t->port);
	return c->fd < 0 ? -1 : 0;
}

static int
plain_send(struct probe *p, struct conn *c, const char *b, size_t n)
{
	return net_send(p, c->fd, b, n);
}

static long
plain_recv(struct probe *p, struct conn *c, char *b, size_t n)
{
	return net_recv(p, c->fd, b, n);
}

static void
plain_close(struct conn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

const struct transport net_plain = { plain_open, plain_send, plain_recv,
				     plain_close };
