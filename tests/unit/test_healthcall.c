/*
 * healthcheck/healthcall: the recorded grpc-js replies (tests/fixtures),
 * fed whole and split at every byte, each piece against an unmapped page;
 * the peers' protocol errors; the request's shape at every capacity.
 */
#define _GNU_SOURCE
#include <stdlib.h>

#include "../../healthcheck/proto/healthcall.h"
#include "t.h"

static uint8_t file[8192];

static size_t
load(const char *name)
{
	char path[256];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "tests/fixtures/%s", name);
	f = fopen(path, "rb");
	if (!f)
		return 0;
	n = fread(file, 1, sizeof(file), f);
	fclose(f);
	return n;
}

/*
 * Feed in[0..n) in two pieces split at k, as a receive loop would: what is
 * not consumed stays for the next piece.  Returns the last input code.
 */
static long
feed(struct healthcall *c, const uint8_t *in, size_t n, size_t k, int *acks)
{
	static uint8_t rx[8192];
	size_t have = 0, used, piece, off = 0;
	long r = 0;

	while (off < n && !c->done) {
		piece = off == 0 ? k : n - off;
		memcpy(rx + have, in + off, piece);
		off += piece;
		have += piece;
		for (used = 0; !c->done && used < have;) {
			const uint8_t *g =
			    (const uint8_t *)t_guard((const char *)rx + used,
						     have - used);

			r = healthcall_input(c, g, have - used);
			if (r < 0)
				return r;
			if (c->outlen) {
				(*acks)++;
				c->outlen = 0;
			}
			if (r == 0)
				break;
			used += (size_t)r;
		}
		memmove(rx, rx + used, have - used);
		have -= used;
	}
	return r;
}

static const struct {
	const char *file, *service;
	int rc;
	const char *msg;
} calls[] = {
	{ "grpc-js-serving.bin", "", 0, "SERVING" },
	{ "grpc-js-not-serving.bin", "svc.down", -1, "NOT_SERVING" },
	{ "grpc-js-not-found.bin", "nosuch", -1,
	  "service 'nosuch' not found (grpc-status 5 NOT_FOUND)" },
	{ "grpc-js-unimplemented.bin", "", -1,
	  "server has no health service (grpc-status 12 UNIMPLEMENTED)" },
};

static const struct {
	const char *in;
	size_t n;
	const char *why;
} errors[] = {
	{ "HTTP/1.1 400 Bad Request\r\n\r\n", 28,
	  "receive: not an HTTP/2 server (it answered HTTP/1.x)" },
	{ "\0\0\0\1\0\0\0\0\1", 9,
	  "receive: not an HTTP/2 server (no SETTINGS first)" },
	{ "\0\0\0\4\0\0\0\0\0\0\0\0\6\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 27,
	  "receive: bad PING frame" },
	{ "\0\0\0\4\0\0\0\0\0"
	  "\0\0\10\7\0\0\0\0\0"
	  "\0\0\0\0\0\0\0\2",
	  26, "receive: GOAWAY before the call, code 2" },
	{ "\0\0\0\4\0\0\0\0\0\0\0\4\3\0\0\0\0\1\0\0\0\10", 22,
	  "receive: stream reset by the server, code 8" },
	{ "\0\0\0\4\0\0\0\0\0\0\100\1\0\0\0\0\0\1", 18,
	  "receive: frame over 16 KiB" },
	{ "\0\0\0\4\0\0\0\0\0\0\0\0\5\0\0\0\0\1", 18,
	  "receive: PUSH_PROMISE though push is off (protocol error)" },
	{ "\0\0\0\4\0\0\0\0\0\0\0\0\11\4\0\0\0\1", 18,
	  "receive: stray CONTINUATION" },
	{ "\0\0\5\4\0\0\0\0\0\0\0\0\0\0", 14,
	  "receive: bad SETTINGS frame" },
};

int
main(void)
{
	static struct healthcall c;
	static uint8_t req[4096];
	struct http_opts cfg;
	struct target t;
	char mem[300];
	struct buf msg;
	size_t i, k, n;
	int acks;
	long r;

	for (i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		n = load(calls[i].file);
		T_CHECK(n > 0, "fixture %s", calls[i].file);
		for (k = 1; k <= n; k++) {
			healthcall_init(&c);
			acks = 0;
			r = feed(&c, file, n, k, &acks);
			buf_init(&msg, mem, sizeof(mem));
			if (r < 0 || !c.done) {
				T_CHECK(0, "%s split at %zu: r %ld done %d",
					calls[i].file, k, r, c.done);
				continue;
			}
			T_CHECK(healthcall_verdict(&c, calls[i].service,
						   &msg) == calls[i].rc &&
					!strcmp(mem, calls[i].msg),
				"%s split at %zu: %s", calls[i].file, k, mem);
			/* grpc-js sends SETTINGS once: one ACK from us. */
			T_CHECK(acks == 1, "%s: %d acks", calls[i].file, acks);
		}
	}
	for (i = 0; i < sizeof(errors) / sizeof(errors[0]); i++) {
		healthcall_init(&c);
		acks = 0;
		r = feed(&c, (const uint8_t *)errors[i].in, errors[i].n,
			 errors[i].n, &acks);
		buf_init(&msg, mem, sizeof(mem));
		if (r == HEALTHCALL_EBAD)
			healthcall_error(&c, &msg);
		T_CHECK(r == HEALTHCALL_EBAD && !strcmp(mem, errors[i].why),
			"error %zu: %ld %s", i, r, mem);
	}
	healthcall_init(&c);
	T_CHECK(!strcmp(healthcall_eof(&c, NULL, 0),
			"connection closed before any answer"),
		"eof at once");
	T_CHECK(!strcmp(healthcall_eof(&c, (const uint8_t *)"HTTP/1.0 2", 10),
			"not an HTTP/2 server (it answered HTTP/1.x)"),
		"eof after HTTP/1");
	c.first = 0;
	T_CHECK(!strcmp(healthcall_eof(&c, NULL, 0),
			"connection closed before the end of the call"),
		"eof mid-call");

	memset(&cfg, 0, sizeof(cfg));
	target_parse("grpc://svc:50051/my.Service", &t);
	r = healthcall_request(&cfg, &t, 800, req, sizeof(req));
	T_CHECK(r > 24 && !memcmp(req, H2_PREFACE, 24),
		"request starts with the preface: %ld", r);
	T_CHECK(r > 0 && memmem(req, (size_t)r, "svc:50051", 9) &&
			memmem(req, (size_t)r, "800m", 4) &&
			memmem(req, (size_t)r, "my.Service", 10),
		"authority, grpc-timeout and service are in the request");
	for (n = 0; n < (size_t)r; n++)
		T_CHECK(healthcall_request(&cfg, &t, 800, req, n) ==
				HEALTHCALL_ELONG,
			"cap %zu refused", n);
	T_CHECK(healthcall_request(&cfg, &t, 800, req, (size_t)r) == r,
		"exact cap fits");
	return t_done("healthcall");
}
