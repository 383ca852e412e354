/*
 * tcp:// and unix://: healthy when a connection is accepted.  Nothing is
 * sent; the socket is closed at once.
 */
#include <sys/socket.h>
#include <unistd.h>

#include "probe.h"

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
		net_addr_text(&ss, addr, sizeof(addr));
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
