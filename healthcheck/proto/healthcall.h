/*
 * healthcall: one grpc.health.v1.Health/Check call on HTTP/2 stream 1,
 * without I/O: the request bytes, the frames that come back, the replies
 * they ask for (SETTINGS and PING acknowledgements) and the verdict.  The
 * caller owns the socket: it sends what healthcall_request() and
 * c->out hold and feeds what it receives to healthcall_input().
 *
 * What arrives is handled completely: SETTINGS are acknowledged, PING
 * answered, GOAWAY and RST_STREAM honoured, CONTINUATION, padding and
 * priority accepted, unknown frames ignored, the message reassembled
 * across DATA frames, HPACK decoded in full.  Everything is bounded:
 * frames of 16 KiB, a header block of 16 KiB, a message of 4 KiB.
 */
#ifndef HC_HEALTHCALL_H
#define HC_HEALTHCALL_H

#include <stddef.h>
#include <stdint.h>

#include "../../lib/msg.h"
#include "h2.h"
#include "hpack.h"
#include "http.h"

#define HEALTHCALL_EBAD	 (-1) /* the peer broke the protocol: see why */
#define HEALTHCALL_ELONG (-2) /* the request does not fit */

#define HEALTHCALL_BLOCK 16384
#define HEALTHCALL_MSG	 4096

struct healthcall {
	struct hpack hp;
	/*
	 * The names and values of the header block being decoded: up to
	 * twice the block, as Huffman expands by 8/5 at most.  Part of the
	 * call's state, so that the caller owns every byte (a probe keeps
	 * the whole struct in its own static storage, off the stack).
	 */
	char arena[HEALTHCALL_BLOCK * 2];
	uint8_t block[HEALTHCALL_BLOCK]; /* header block being assembled */
	size_t blen;
	int in_block; /* CONTINUATION expected */
	int block_end_stream;
	int heads;	  /* header blocks decoded */
	int status;	  /* :status, 0 until seen */
	long grpc_status; /* -1 until seen */
	char grpc_message[256];
	size_t msglen;
	uint8_t msg[HEALTHCALL_MSG];
	size_t mlen;
	int first; /* no frame yet: the first must be SETTINGS */
	int done;  /* the stream ended: judge it */
	uint8_t out[H2_HEADER + 8]; /* a reply to send before going on */
	size_t outlen;
	const char *why; /* with HEALTHCALL_EBAD: "bad PING frame"... */
	uint32_t code;	 /* and the code of a GOAWAY or RST_STREAM */
};

void healthcall_init(struct healthcall *c);

/*
 * The whole request into out (cap bytes): the preface, SETTINGS (no push,
 * no dynamic table), HEADERS (POST, :scheme https for grpcs:// and http
 * otherwise, :authority from http_authority() with o->host,
 * grpc-timeout timeout_ms, the -H headers of o as metadata) and the DATA
 * of HealthCheckRequest{service}.  Returns its length or
 * HEALTHCALL_ELONG.
 */
long healthcall_request(const struct http_opts *o, const struct target *t,
			uint64_t timeout_ms, uint8_t *out, size_t cap);

/*
 * Take the whole frames at in[0..n): returns the bytes consumed (0: no
 * whole frame yet, need more), or HEALTHCALL_EBAD with c->why.  Stops
 * after a frame that asks for a reply (c->outlen set: send c->out, clear
 * outlen, call again with the rest) and once c->done.
 */
long healthcall_input(struct healthcall *c, const uint8_t *in, size_t n);

/*
 * What an early end of the connection means, given the unconsumed bytes
 * rest[0..n): "connection closed before any answer", "not an HTTP/2
 * server (it answered HTTP/1.x)"...
 */
const char *healthcall_eof(const struct healthcall *c, const uint8_t *rest,
			   size_t n);

/* "receive: " and c->why (with the code where there is one) into msg. */
void healthcall_error(const struct healthcall *c, struct buf *msg);

/*
 * The verdict on a finished call, written to msg: healthy (0) only for
 * :status 200, grpc-status 0 and SERVING; else -1 with what it was.
 */
int healthcall_verdict(const struct healthcall *c, const char *service,
		       struct buf *msg);

#endif
