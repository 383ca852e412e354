/*
 * gRPC health checking (grpc.health.v1.Health/Check) over HTTP/2 with
 * prior knowledge, as the kubelet's gRPC probe and grpc_health_probe do:
 * healthy only for :status 200, grpc-status 0 and SERVING.  This file is
 * the I/O; the protocol is healthcall.c.
 */
#include <string.h>
#include <unistd.h>

#include "../lib/io.h"
#include "healthcall.h"
#include "probe.h"

int
probe_grpc(struct probe *p, const struct target *t)
{
	static struct healthcall c;
	static uint8_t rx[H2_HEADER + H2_MAX_FRAME + 4096];
	uint8_t req[4096];
	size_t have = 0, used;
	long got, n;
	uint64_t now;
	int fd;

	healthcall_init(&c);
	fd = p->cfg->unix_socket ? net_connect_unix(p, p->cfg->unix_socket)
				 : net_connect(p, t->host, t->port);
	if (fd < 0)
		return -1;
	now = io_now_us();
	n = healthcall_request(
	    p->cfg, t, now < p->deadline_us ? (p->deadline_us - now) / 1000 : 0,
	    req, sizeof(req));
	if (n < 0) {
		close(fd);
		return probe_fail(p, "send: request larger than 4 KiB", NULL);
	}
	p->phase = "receive";
	if (net_send(p, fd, (const char *)req, (size_t)n) < 0)
		goto out;
	while (!c.done) {
		got = net_recv(p, fd, (char *)rx + have, sizeof(rx) - have);
		if (got < 0)
			goto out;
		if (got == 0) {
			probe_fail(p, "receive: ", healthcall_eof(&c, rx, have),
				   NULL);
			goto out;
		}
		have += (size_t)got;
		for (used = 0; !c.done && used < have;) {
			n = healthcall_input(&c, rx + used, have - used);
			if (n < 0) {
				healthcall_error(&c, p->msg);
				goto out;
			}
			if (c.outlen) {
				if (net_send(p, fd, (const char *)c.out,
					     c.outlen) < 0)
					goto out;
				c.outlen = 0;
			}
			if (n == 0)
				break; /* the rest of a frame is to come */
			used += (size_t)n;
		}
		memmove(rx, rx + used, have - used);
		have -= used;
	}
	close(fd);
	return healthcall_verdict(&c, t->path, p->msg);
out:
	close(fd);
	return -1;
}
