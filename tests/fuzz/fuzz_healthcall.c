/*
 * A gRPC health call (healthcheck/healthcall) fed whatever a peer could
 * send, in the pieces a receive loop makes: the first input byte sets the
 * piece size.  The call must consume only whole frames it was given,
 * reply only with an ACK, and end in a verdict or an error with a text.
 */
#include "../../healthcheck/proto/healthcall.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static struct healthcall c;
	static uint8_t rx[65536];
	char mem[600];
	struct buf msg;
	size_t have = 0, used, off = 1, step, piece;
	long r = 0;

	if (n < 1 || n > sizeof(rx))
		return 0;
	step = (size_t)d[0] + 1;
	healthcall_init(&c);
	while (off < n && !c.done && r >= 0) {
		piece = n - off < step ? n - off : step;
		memcpy(rx + have, d + off, piece);
		off += piece;
		have += piece;
		for (used = 0; !c.done && used < have;) {
			uint8_t *g = fuzz_dup(rx + used, have - used);

			r = healthcall_input(&c, g, have - used);
			free(g);
			if (r < 0)
				break;
			if ((size_t)r > have - used)
				abort();
			if (c.outlen &&
			    (c.outlen < H2_HEADER || (c.out[3] != H2_SETTINGS &&
						      c.out[3] != H2_PING) ||
			     !(c.out[4] & H2_ACK)))
				abort();
			c.outlen = 0;
			if (r == 0)
				break;
			used += (size_t)r;
		}
		if (r < 0)
			break;
		memmove(rx, rx + used, have - used);
		have -= used;
	}
	buf_init(&msg, mem, sizeof(mem));
	if (r < 0) {
		healthcall_error(&c, &msg);
		if (!c.why || msg.len <= 9)
			abort();
	} else if (c.done) {
		healthcall_verdict(&c, "svc", &msg);
		if (!msg.len)
			abort();
	} else {
		healthcall_eof(&c, rx, have);
	}
	return 0;
}
