/*
 * healthcall: see healthcall.h.  Pure: no I/O; replies go to c->out.
 */
#include <string.h>

#include "grpc.h"
#include "healthcall.h"
#include "http.h"
#include "wire.h"

#define FIELDS 32

/* Fail with why (a static text); code goes with the GOAWAY/RST ones. */
static int
bad(struct healthcall *c, const char *why)
{
	c->why = why;
	return HEALTHCALL_EBAD;
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
end_block(struct healthcall *c)
{
	struct hpack_field f[FIELDS];
	size_t nf, i, n;
	int rc;

	rc = hpack_decode(&c->hp, c->block, c->blen, c->arena, sizeof(c->arena),
			  f, FIELDS, &nf);
	if (rc == HPACK_ESIZE)
		return bad(c, "HPACK table size update over 4096");
	if (rc < 0)
		return bad(c, "bad HPACK header block");
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
add_block(struct healthcall *c, const uint8_t *d, size_t n)
{
	if (n > sizeof(c->block) - c->blen)
		return bad(c, "header block over 16 KiB");
	memcpy(c->block + c->blen, d, n);
	c->blen += n;
	return 0;
}

/* Handle one whole frame; 0 to go on, or HEALTHCALL_EBAD. */
static int
frame(struct healthcall *c, const struct h2_frame *f, const uint8_t *pl)
{
	const uint8_t *d;
	size_t n;

	if (c->in_block && (f->type != H2_CONTINUATION || f->stream != 1))
		return bad(c, "header block interrupted (protocol error)");
	switch (f->type) {
	case H2_SETTINGS:
		if (f->stream || (f->len % 6))
			return bad(c, "bad SETTINGS frame");
		if (f->flags & H2_ACK)
			return 0;
		h2_frame_put(c->out, 0, H2_SETTINGS, H2_ACK, 0);
		c->outlen = H2_HEADER;
		return 0;
	case H2_PING:
		if (f->len != 8 || f->stream)
			return bad(c, "bad PING frame");
		if (f->flags & H2_ACK)
			return 0;
		h2_frame_put(c->out, 8, H2_PING, H2_ACK, 0);
		memcpy(c->out + H2_HEADER, pl, 8);
		c->outlen = H2_HEADER + 8;
		return 0;
	case H2_GOAWAY:
		if (f->len < 8)
			return bad(c, "bad GOAWAY frame");
		if ((wire_get32(pl) & 0x7fffffffu) >= 1)
			return 0; /* our stream may still finish */
		c->code = wire_get32(pl + 4);
		return bad(c, "GOAWAY before the call, code ");
	case H2_RST_STREAM:
		if (f->stream != 1)
			return 0;
		if (f->len != 4)
			return bad(c, "bad RST_STREAM frame");
		c->code = wire_get32(pl);
		return bad(c, "stream reset by the server, code ");
	case H2_PUSH_PROMISE:
		return bad(c, "PUSH_PROMISE though push is off (protocol "
			      "error)");
	case H2_HEADERS:
		if (f->stream != 1)
			return 0;
		if (h2_payload(f, pl, &d, &n) < 0)
			return bad(c, "bad HEADERS padding");
		c->block_end_stream = f->flags & H2_END_STREAM;
		c->in_block = 1;
		if (add_block(c, d, n) < 0)
			return HEALTHCALL_EBAD;
		return f->flags & H2_END_HEADERS ? end_block(c) : 0;
	case H2_CONTINUATION:
		if (!c->in_block)
			return bad(c, "stray CONTINUATION");
		if (add_block(c, pl, f->len) < 0)
			return HEALTHCALL_EBAD;
		return f->flags & H2_END_HEADERS ? end_block(c) : 0;
	case H2_DATA:
		if (f->stream != 1)
			return 0;
		if (h2_payload(f, pl, &d, &n) < 0)
			return bad(c, "bad DATA padding");
		if (n > sizeof(c->msg) - c->mlen)
			return bad(c, "response message over 4 KiB");
		memcpy(c->msg + c->mlen, d, n);
		c->mlen += n;
		if (f->flags & H2_END_STREAM)
			c->done = 1;
		return 0;
	}
	return 0; /* PRIORITY, WINDOW_UPDATE, unknown: ignored */
}

void
healthcall_init(struct healthcall *c)
{
	memset(c, 0, sizeof(*c));
	c->grpc_status = -1;
	c->first = 1;
	hpack_init(&c->hp);
}

static int
http1_answer(const uint8_t *p, size_t n)
{
	return n >= 7 && !memcmp(p, "HTTP/1.", 7);
}

long
healthcall_input(struct healthcall *c, const uint8_t *in, size_t n)
{
	struct h2_frame f;
	size_t used = 0;

	while (!c->done && !c->outlen && n - used >= H2_HEADER) {
		h2_frame_get(in + used, &f);
		if (c->first && (f.type != H2_SETTINGS || f.stream))
			return bad(c, http1_answer(in, n)
					  ? "not an HTTP/2 server (it answered "
					    "HTTP/1.x)"
					  : "not an HTTP/2 server (no SETTINGS "
					    "first)");
		if (f.len > H2_MAX_FRAME)
			return bad(c, "frame over 16 KiB");
		if (n - used < H2_HEADER + f.len)
			break;
		c->first = 0;
		if (frame(c, &f, in + used + H2_HEADER) < 0)
			return HEALTHCALL_EBAD;
		used += H2_HEADER + f.len;
	}
	return (long)used;
}

const char *
healthcall_eof(const struct healthcall *c, const uint8_t *rest, size_t n)
{
	if (http1_answer(rest, n))
		return "not an HTTP/2 server (it answered HTTP/1.x)";
	return c->first && n == 0
		   ? "connection closed before any answer"
		   : "connection closed before the end of the call";
}

void
healthcall_error(const struct healthcall *c, struct buf *msg)
{
	size_t n = strlen(c->why);

	msg->len = 0;
	buf_str(msg, "receive: ");
	buf_str(msg, c->why);
	if (n && c->why[n - 1] == ' ')
		buf_u64(msg, c->code);
}

long
healthcall_request(const struct http_opts *o, const struct target *t,
		   uint64_t timeout_ms, uint8_t *out, size_t cap)
{
	static const uint8_t settings[] = {
		0, 1, 0, 0, 0, 0, /* HEADER_TABLE_SIZE 0 */
		0, 2, 0, 0, 0, 0, /* ENABLE_PUSH 0 */
	};
	char authority[300], timeout[16], name[64];
	size_t len, hstart, k, n, i;
	struct buf b;
	long m;
	int bad_fields = 0; /* fields that did not fit */

	len = sizeof(H2_PREFACE) - 1 + H2_HEADER + sizeof(settings);
	if (cap < len)
		return HEALTHCALL_ELONG;
	memcpy(out, H2_PREFACE, sizeof(H2_PREFACE) - 1);
	h2_frame_put(out + sizeof(H2_PREFACE) - 1, sizeof(settings),
		     H2_SETTINGS, 0, 0);
	memcpy(out + len - sizeof(settings), settings, sizeof(settings));

	buf_init(&b, authority, sizeof(authority));
	http_authority(t, o->host, &b);
	if (timeout_ms > 99999999)
		timeout_ms = 99999999; /* grpc-timeout has 8 digits */
	buf_init(&b, timeout, sizeof(timeout));
	buf_u64(&b, timeout_ms ? timeout_ms : 1);
	buf_str(&b, "m");

	hstart = len;
	len += H2_HEADER + 2;
	if (cap < len)
		return HEALTHCALL_ELONG;
	out[len - 2] = 0x83; /* :method POST (static 3) */
	/* :scheme https (static 7) over TLS, else http (static 6) */
	out[len - 1] = t->kind == TARGET_GRPCS ? 0x87 : 0x86;
	bad_fields += hpack_encode(out, cap, &len, 4, NULL,
				   "/grpc.health.v1.Health/Check") < 0;
	bad_fields += hpack_encode(out, cap, &len, 1, NULL, authority) < 0;
	bad_fields +=
	    hpack_encode(out, cap, &len, 31, NULL, "application/grpc") < 0;
	bad_fields += hpack_encode(out, cap, &len, 0, "te", "trailers") < 0;
	bad_fields +=
	    hpack_encode(out, cap, &len, 0, "grpc-timeout", timeout) < 0;
	bad_fields +=
	    hpack_encode(out, cap, &len, 58, NULL, "healthcheck/" VERSION) < 0;
	for (k = 0; k < o->nheaders; k++) {
		/* -H is metadata: the name lowercased, the value trimmed. */
		const char *h = o->headers[k], *v;

		n = strcspn(h, ":");
		if (n >= sizeof(name))
			continue;
		for (i = 0; i < n; i++)
			name[i] =
			    (char)(h[i] >= 'A' && h[i] <= 'Z' ? h[i] - 'A' + 'a'
							      : h[i]);
		name[n] = '\0';
		v = h + n + 1;
		v += strspn(v, " \t");
		if (!*v || !strcmp(name, "user-agent") || !strcmp(name, "host"))
			continue;
		bad_fields += hpack_encode(out, cap, &len, 0, name, v) < 0;
	}
	if (bad_fields || len - hstart - H2_HEADER > H2_MAX_FRAME ||
	    cap < len + H2_HEADER)
		return HEALTHCALL_ELONG;
	h2_frame_put(out + hstart, (uint32_t)(len - hstart - H2_HEADER),
		     H2_HEADERS, H2_END_HEADERS, 1);

	m = grpc_health_request(t->path, out + len + H2_HEADER,
				cap - len - H2_HEADER);
	if (m < 0)
		return HEALTHCALL_ELONG;
	h2_frame_put(out + len, (uint32_t)m, H2_DATA, H2_END_STREAM, 1);
	return (long)(len + H2_HEADER + (size_t)m);
}

int
healthcall_verdict(const struct healthcall *c, const char *service,
		   struct buf *msg)
{
	long s;

	msg->len = 0;
	if (c->status != 200) {
		buf_str(msg, "HTTP status ");
		buf_u64(msg, (uint64_t)(c->status < 0 ? 0 : c->status));
		return -1;
	}
	if (c->grpc_status < 0) {
		buf_str(msg, "receive: no grpc-status in the trailers");
		return -1;
	}
	if (c->grpc_status == 12) {
		buf_str(msg, "server has no health service "
			     "(grpc-status 12 UNIMPLEMENTED)");
		return -1;
	}
	if (c->grpc_status == 5) {
		buf_str(msg, "service '");
		buf_str(msg, service);
		buf_str(msg, "' not found (grpc-status 5 NOT_FOUND)");
		return -1;
	}
	if (c->grpc_status != 0) {
		buf_str(msg, "grpc-status ");
		buf_u64(msg, (uint64_t)c->grpc_status);
		buf_str(msg, " ");
		buf_str(msg, grpc_code_name(c->grpc_status));
		if (c->msglen) {
			buf_str(msg, ": ");
			buf_mem(msg, c->grpc_message, c->msglen);
		}
		return -1;
	}
	s = grpc_health_response(c->msg, c->mlen);
	if (s < 0) {
		buf_str(msg, "receive: bad HealthCheckResponse message");
		return -1;
	}
	buf_str(msg, grpc_serving_name(s));
	if (s == GRPC_SERVING)
		return 0;
	if (s > 3) {
		buf_str(msg, " (status ");
		buf_u64(msg, (uint64_t)s);
		buf_str(msg, ")");
	}
	return -1;
}
