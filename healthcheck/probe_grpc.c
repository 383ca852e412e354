/*
 * gRPC health checking (grpc.health.v1.Health/Check) over HTTP/2 with
 * prior knowledge, as the kubelet's gRPC probe and grpc_health_probe do:
 * healthy only for :status 200, grpc-status 0 and SERVING.
 *
 * One stream.  What arrives is handled completely: SETTINGS are
 * acknowledged, PING answered, GOAWAY and RST_STREAM honoured,
 * CONTINUATION, padding and priority accepted, unknown frames ignored,
 * the message reassembled across DATA frames, HPACK decoded in full.
 * Everything is bounded: frames of 16 KiB, a header block of 16 KiB, a
 * message of 4 KiB.
 */
#include <string.h>
#include <unistd.h>

#include "../lib/io.h"
#include "grpc.h"
#include "h2.h"
#include "hpack.h"
#include "probe.h"

#define BLOCK_MAX 16384
#define MSG_MAX	  4096
#define FIELDS	  32

struct call {
	struct probe *p;
	int fd;
	struct hpack hp;
	uint8_t block[BLOCK_MAX]; /* header block being assembled */
	size_t blen;
	int in_block; /* CONTINUATION expected */
	int block_end_stream;
	int heads;	  /* header blocks decoded */
	int status;	  /* :status, 0 until seen */
	long grpc_status; /* -1 until seen */
	char grpc_message[256];
	size_t msglen;
	uint8_t msg[MSG_MAX];
	size_t mlen;
	int done;
};

static int
fail(struct probe *p, const char *a, const char *b)
{
	return probe_fail(p, a, b, NULL);
}

static int
field_is(const struct hpack_field *f, const char *name)
{
	return f->nlen == strlen(name) && !memcmp(f->name, name, f->nlen);
}

static long
field_num(const struct hpack_field *f)
{
	long v = 0;
	size_t i;

	if (!f->vlen || f->vlen > 9)
		return -1;
	for (i = 0; i < f->vlen; i++) {
		if (f->value[i] < '0' || f->value[i] > '9')
			return -1;
		v = v * 10 + (f->value[i] - '0');
	}
	return v;
}

static int
end_block(struct call *c)
{
	static char arena[BLOCK_MAX * 2];
	struct hpack_field f[FIELDS];
	size_t nf, i, n;
	int rc;

	rc = hpack_decode(&c->hp, c->block, c->blen, arena, sizeof(arena), f,
			  FIELDS, &nf);
	if (rc == HPACK_ESIZE)
		return fail(c->p, "receive: ",
			    "HPACK table size update "
			    "over 4096");
	if (rc < 0)
		return fail(c->p, "receive: ", "bad HPACK header block");
	for (i = 0; i < nf; i++) {
		if (field_is(&f[i], ":status") && c->heads == 0)
			c->status = (int)field_num(&f[i]);
		else if (field_is(&f[i], "grpc-status"))
			c->grpc_status = field_num(&f[i]);
		else if (field_is(&f[i], "grpc-message")) {
			n = f[i].vlen < sizeof(c->grpc_message) - 1
				? f[i].vlen
				: sizeof(c->grpc_message) - 1;
			memcpy(c->grpc_message, f[i].value, n);
			c->msglen = grpc_unpercent(c->grpc_message, n);
		}
	}
	c->heads++;
	c->blen = 0;
	c->in_block = 0;
	if (c->block_end_stream)
		c->done = 1;
	return 0;
}

static int
add_block(struct call *c, const uint8_t *d, size_t n)
{
	if (n > sizeof(c->block) - c->blen)
		return fail(c->p, "receive: ", "header block over 16 KiB");
	memcpy(c->block + c->blen, d, n);
	c->blen += n;
	return 0;
}

/* Handle one whole frame; 0 to go on, -1 failed (msg set). */
static int
frame(struct call *c, const struct h2_frame *f, const uint8_t *pl)
{
	uint8_t out[H2_HEADER + 8];
	const uint8_t *d;
	size_t n;
	char num[16];
	struct buf b;

	if (c->in_block && (f->type != H2_CONTINUATION || f->stream != 1))
		return fail(c->p, "receive: ",
			    "header block interrupted "
			    "(protocol error)");
	switch (f->type) {
	case H2_SETTINGS:
		if (f->stream || (f->len % 6))
			return fail(c->p, "receive: ", "bad SETTINGS frame");
		if (f->flags & H2_ACK)
			return 0;
		h2_frame_put(out, 0, H2_SETTINGS, H2_ACK, 0);
		return net_send(c->p, c->fd, (const char *)out, H2_HEADER);
	case H2_PING:
		if (f->len != 8 || f->stream)
			return fail(c->p, "receive: ", "bad PING frame");
		if (f->flags & H2_ACK)
			return 0;
		h2_frame_put(out, 8, H2_PING, H2_ACK, 0);
		memcpy(out + H2_HEADER, pl, 8);
		return net_send(c->p, c->fd, (const char *)out, sizeof(out));
	case H2_GOAWAY:
		if (f->len < 8)
			return fail(c->p, "receive: ", "bad GOAWAY frame");
		if ((h2_get32(pl) & 0x7fffffffu) >= 1)
			return 0; /* our stream may still finish */
		buf_init(&b, num, sizeof(num));
		buf_u64(&b, h2_get32(pl + 4));
		return fail(c->p, "receive: GOAWAY before the call, code ",
			    num);
	case H2_RST_STREAM:
		if (f->stream != 1)
			return 0;
		if (f->len != 4)
			return fail(c->p, "receive: ", "bad RST_STREAM frame");
		buf_init(&b, num, sizeof(num));
		buf_u64(&b, h2_get32(pl));
		return fail(c->p, "receive: stream reset by the server, code ",
			    num);
	case H2_PUSH_PROMISE:
		return fail(c->p, "receive: ",
			    "PUSH_PROMISE though push is "
			    "off (protocol error)");
	case H2_HEADERS:
		if (f->stream != 1)
			return 0;
		if (h2_payload(f, pl, &d, &n) < 0)
			return fail(c->p, "receive: ", "bad HEADERS padding");
		c->block_end_stream = f->flags & H2_END_STREAM;
		c->in_block = 1;
		if (add_block(c, d, n) < 0)
			return -1;
		return f->flags & H2_END_HEADERS ? end_block(c) : 0;
	case H2_CONTINUATION:
		if (!c->in_block)
			return fail(c->p, "receive: ", "stray CONTINUATION");
		if (add_block(c, pl, f->len) < 0)
			return -1;
		return f->flags & H2_END_HEADERS ? end_block(c) : 0;
	case H2_DATA:
		if (f->stream != 1)
			return 0;
		if (h2_payload(f, pl, &d, &n) < 0)
			return fail(c->p, "receive: ", "bad DATA padding");
		if (n > sizeof(c->msg) - c->mlen)
			return fail(c->p, "receive: ",
				    "response message over "
				    "4 KiB");
		memcpy(c->msg + c->mlen, d, n);
		c->mlen += n;
		if (f->flags & H2_END_STREAM)
			c->done = 1;
		return 0;
	}
	return 0; /* PRIORITY, WINDOW_UPDATE, unknown: ignored */
}

/* The request: preface, SETTINGS, HEADERS, DATA, in one write. */
static long
request(const struct probe *p, const struct target *t, uint8_t *out, size_t cap)
{
	static const uint8_t settings[] = {
		0, 1, 0, 0, 0, 0, /* HEADER_TABLE_SIZE 0 */
		0, 2, 0, 0, 0, 0, /* ENABLE_PUSH 0 */
	};
	const struct hc_config *cfg = p->cfg;
	char authority[300], timeout[16], name[64];
	uint64_t left_ms;
	size_t len, hstart, k, n;
	struct buf b;
	long m;
	int rc = 0;

	len = sizeof(H2_PREFACE) - 1;
	memcpy(out, H2_PREFACE, len);
	h2_frame_put(out + len, sizeof(settings), H2_SETTINGS, 0, 0);
	memcpy(out + len + H2_HEADER, settings, sizeof(settings));
	len += H2_HEADER + sizeof(settings);

	buf_init(&b, authority, sizeof(authority));
	if (cfg->host) {
		buf_str(&b, cfg->host);
	} else {
		buf_str(&b, t->host_v6 ? "[" : "");
		buf_str(&b, t->host);
		buf_str(&b, t->host_v6 ? "]" : "");
		if (t->port_given) {
			buf_str(&b, ":");
			buf_u64(&b, t->port);
		}
	}
	left_ms = (p->deadline_us - io_now_us()) / 1000;
	if (left_ms > 99999999)
		left_ms = 99999999; /* grpc-timeout has 8 digits */
	buf_init(&b, timeout, sizeof(timeout));
	buf_u64(&b, left_ms ? left_ms : 1);
	buf_str(&b, "m");

	hstart = len;
	len += H2_HEADER;
	out[len++] = 0x83; /* :method POST (static 3) */
	out[len++] = 0x86; /* :scheme http (static 6) */
	rc |= hpack_encode(out, cap, &len, 4, NULL,
			   "/grpc.health.v1.Health/Check");
	rc |= hpack_encode(out, cap, &len, 1, NULL, authority);
	rc |= hpack_encode(out, cap, &len, 31, NULL, "application/grpc");
	rc |= hpack_encode(out, cap, &len, 0, "te", "trailers");
	rc |= hpack_encode(out, cap, &len, 0, "grpc-timeout", timeout);
	rc |= hpack_encode(out, cap, &len, 58, NULL, "healthcheck/" VERSION);
	for (k = 0; k < cfg->nheaders; k++) {
		/* -H is metadata: the name lowercased, the value trimmed. */
		const char *h = cfg->headers[k], *v;

		n = strcspn(h, ":");
		if (n >= sizeof(name))
			continue;
		for (size_t i = 0; i < n; i++)
			name[i] =
			    (char)(h[i] >= 'A' && h[i] <= 'Z' ? h[i] - 'A' + 'a'
							      : h[i]);
		name[n] = '\0';
		v = h + n + 1;
		v += strspn(v, " \t");
		if (!*v || !strcmp(name, "user-agent") || !strcmp(name, "host"))
			continue;
		rc |= hpack_encode(out, cap, &len, 0, name, v);
	}
	if (rc || len - hstart - H2_HEADER > H2_MAX_FRAME)
		return -1;
	h2_frame_put(out + hstart, (uint32_t)(len - hstart - H2_HEADER),
		     H2_HEADERS, H2_END_HEADERS, 1);

	m = grpc_health_request(t->path, out + len + H2_HEADER,
				cap - len - H2_HEADER);
	if (m < 0)
		return -1;
	h2_frame_put(out + len, (uint32_t)m, H2_DATA, H2_END_STREAM, 1);
	return (long)(len + H2_HEADER + (size_t)m);
}

static int
verdict(struct call *c, const struct target *t)
{
	struct probe *p = c->p;
	char num[16];
	struct buf b;
	long s;

	buf_init(&b, num, sizeof(num));
	if (c->status != 200) {
		buf_u64(&b, (uint64_t)(c->status < 0 ? 0 : c->status));
		return fail(p, "HTTP status ", num);
	}
	if (c->grpc_status < 0)
		return fail(p, "receive: ", "no grpc-status in the trailers");
	if (c->grpc_status != 0) {
		p->msg->len = 0;
		if (c->grpc_status == 12) {
			buf_str(p->msg, "server has no health service "
					"(grpc-status 12 UNIMPLEMENTED)");
			return -1;
		}
		if (c->grpc_status == 5) {
			buf_str(p->msg, "service '");
			buf_str(p->msg, t->path);
			buf_str(p->msg,
				"' not found (grpc-status 5 NOT_FOUND)");
			return -1;
		}
		buf_str(p->msg, "grpc-status ");
		buf_u64(p->msg, (uint64_t)c->grpc_status);
		buf_str(p->msg, " ");
		buf_str(p->msg, grpc_code_name(c->grpc_status));
		if (c->msglen) {
			buf_str(p->msg, ": ");
			buf_mem(p->msg, c->grpc_message, c->msglen);
		}
		return -1;
	}
	s = grpc_health_response(c->msg, c->mlen);
	if (s < 0)
		return fail(p, "receive: ", "bad HealthCheckResponse message");
	p->msg->len = 0;
	buf_str(p->msg, grpc_serving_name(s));
	if (s == GRPC_SERVING)
		return 0;
	if (s > 3) {
		buf_str(p->msg, " (status ");
		buf_u64(p->msg, (uint64_t)s);
		buf_str(p->msg, ")");
	}
	return -1;
}

int
probe_grpc(struct probe *p, const struct target *t)
{
	static struct call c;
	static uint8_t rx[H2_HEADER + H2_MAX_FRAME + 4096];
	uint8_t req[4096];
	struct h2_frame f;
	size_t have = 0, used;
	long got, n;
	int first = 1;

	memset(&c, 0, sizeof(c));
	c.p = p;
	c.grpc_status = -1;
	hpack_init(&c.hp);
	c.fd = p->cfg->unix_socket ? net_connect_unix(p, p->cfg->unix_socket)
				   : net_connect(p, t->host, t->port);
	if (c.fd < 0)
		return -1;
	n = request(p, t, req, sizeof(req));
	if (n < 0) {
		close(c.fd);
		return fail(p, "send: ", "request larger than 4 KiB");
	}
	p->phase = "receive";
	if (net_send(p, c.fd, (const char *)req, (size_t)n) < 0)
		goto out;
	while (!c.done) {
		got = net_recv(p, c.fd, (char *)rx + have, sizeof(rx) - have);
		if (got < 0)
			goto out;
		if (got == 0) {
			fail(p, "receive: ",
			     first && have == 0
				 ? "connection closed before any answer"
				 : "connection closed before the end of the "
				   "call");
			if (have >= 7 && !memcmp(rx, "HTTP/1.", 7))
				fail(p, "receive: ",
				     "not an HTTP/2 server "
				     "(it answered HTTP/1.x)");
			goto out;
		}
		have += (size_t)got;
		used = 0;
		while (!c.done && have - used >= H2_HEADER) {
			h2_frame_get(rx + used, &f);
			if (first && (f.type != H2_SETTINGS || f.stream)) {
				fail(p, "receive: ",
				     !memcmp(rx, "HTTP/1.", 7)
					 ? "not an HTTP/2 server (it answered "
					   "HTTP/1.x)"
					 : "not an HTTP/2 server (no SETTINGS "
					   "first)");
				goto out;
			}
			if (f.len > H2_MAX_FRAME) {
				fail(p, "receive: ", "frame over 16 KiB");
				goto out;
			}
			if (have - used < H2_HEADER + f.len)
				break;
			first = 0;
			if (frame(&c, &f, rx + used + H2_HEADER) < 0)
				goto out;
			used += H2_HEADER + f.len;
		}
		memmove(rx, rx + used, have - used);
		have -= used;
	}
	close(c.fd);
	return verdict(&c, t);
out:
	close(c.fd);
	return -1;
}
