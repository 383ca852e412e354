/*
 * gRPC health checking (grpc.health.v1.Health/Check) over HTTP/2 with
 * prior knowledge, as the kubelet's gRPC probe and grpc_health_probe do:
 * healthy only for :status 200, grpc-status 0 and SERVING.  This file is
 * the I/O; the protocol is healthcall.c.
 */
#include <string.h>
#include <unistd.h>

#include "../lib/io.h"
#include "proto/healthcall.h"
#include "probe.h"

int
probe_grpc(struct probe *p, const struct target *t)
{
	/* Static: 40 KiB of call state and frames, off the stack. */
	static struct healthcall c;
	static uint8_t rx[H2_HEADER + H2_MAX_FRAME + 4096];
	const struct transport *tr =
	    t->kind == TARGET_GRPCS ? tls_transport : &net_plain;
	struct conn cn = { -1, NULL, 0, NULL };
	uint8_t req[4096];
	size_t have = 0, used;
	long got, n;
	uint64_t now;

	healthcall_init(&c);
	if (tr->open(p, t, &cn) < 0)
		goto out;
	now = io_now_us();
	n = healthcall_request(
	    &p->cfg->http, t,
	    now < p->deadline_us ? (p->deadline_us - now) / 1000 : 0, req,
	    sizeof(req));
	if (n < 0) {
		probe_fail(p, "send: request larger than 4 KiB", NULL);
		goto out;
	}
	p->phase = "receive";
	if (tr->send(p, &cn, (const char *)req, (size_t)n) < 0)
		goto out;
	while (!c.done) {
		got = tr->recv(p, &cn, (char *)rx + have, sizeof(rx) - have);
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
				if (tr->send(p, &cn, (const char *)c.out,
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
	tr->close(&cn);
	return healthcall_verdict(&c, t->path, p->msg);
out:
	tr->close(&cn);
	return -1;
}
