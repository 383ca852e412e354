#include <string.h>

#include "../../lib/num.h"
#include "grpc.h"
#include "wire.h"

static size_t
put_varint(uint8_t *p, uint64_t v)
{
	size_t n = 0;

	while (v >= 0x80) {
		p[n++] = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	p[n++] = (uint8_t)v;
	return n;
}

static int
get_varint(const uint8_t **p, const uint8_t *end, uint64_t *v)
{
	unsigned shift = 0;

	*v = 0;
	do {
		if (*p >= end || shift > 63)
			return GRPC_EBAD;
		*v |= (uint64_t)(**p & 0x7f) << shift;
		shift += 7;
	} while (*(*p)++ & 0x80);
	return 0;
}

long
grpc_health_request(const char *service, uint8_t *out, size_t cap)
{
	size_t n = strlen(service), body = 0, vn = 0;
	uint8_t tmp[10];

	if (n) {
		vn = put_varint(tmp, n);
		body = 1 + vn + n;
	}
	if (5 + body > cap)
		return GRPC_ELONG;
	out[0] = 0; /* not compressed */
	wire_put32(out + 1, (uint32_t)body);
	if (n) {
		/* field 1, wire type 2 (length-delimited); empty is omitted */
		out[5] = 0x0a;
		memcpy(out + 6, tmp, vn);
		memcpy(out + 6 + vn, service, n);
	}
	return (long)(5 + body);
}

long
grpc_health_response(const uint8_t *p, size_t n)
{
	const uint8_t *end;
	uint64_t key, v, status = 0;
	uint32_t len;

	if (n < 5 || p[0] != 0)
		return GRPC_EBAD; /* short, or compressed */
	len = wire_get32(p + 1);
	if (len != n - 5)
		return GRPC_EBAD; /* not exactly one message */
	p += 5;
	end = p + len;
	while (p < end) {
		if (get_varint(&p, end, &key) < 0 || (key >> 3) == 0)
			return GRPC_EBAD;
		switch (key & 7) {
		case 0:
			if (get_varint(&p, end, &v) < 0)
				return GRPC_EBAD;
			if (key >> 3 == 1)
				status = v;
			break;
		case 1:
			if (end - p < 8)
				return GRPC_EBAD;
			p += 8;
			break;
		case 2:
			if (get_varint(&p, end, &v) < 0 ||
			    v > (uint64_t)(end - p))
				return GRPC_EBAD;
			p += v;
			break;
		case 5:
			if (end - p < 4)
				return GRPC_EBAD;
			p += 4;
			break;
		default:
			return GRPC_EBAD;
		}
	}
	return status > 0x7fffffff ? GRPC_EBAD : (long)status;
}

const char *
grpc_serving_name(long s)
{
	static const char *const names[] = { "UNKNOWN", "SERVING",
					     "NOT_SERVING", "SERVICE_UNKNOWN" };

	return s >= 0 && s <= 3 ? names[s] : "?";
}

const char *
grpc_code_name(long c)
{
	static const char *const names[] = {
		"OK",
		"CANCELLED",
		"UNKNOWN",
		"INVALID_ARGUMENT",
		"DEADLINE_EXCEEDED",
		"NOT_FOUND",
		"ALREADY_EXISTS",
		"PERMISSION_DENIED",
		"RESOURCE_EXHAUSTED",
		"FAILED_PRECONDITION",
		"ABORTED",
		"OUT_OF_RANGE",
		"UNIMPLEMENTED",
		"INTERNAL",
		"UNAVAILABLE",
		"DATA_LOSS",
		"UNAUTHENTICATED",
	};

	return c >= 0 && c <= 16 ? names[c] : "?";
}

size_t
grpc_unpercent(char *s, size_t n)
{
	size_t i, o = 0;
	int hi, lo;

	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n &&
		    (hi = num_hexdigit((unsigned char)s[i + 1])) >= 0 &&
		    (lo = num_hexdigit((unsigned char)s[i + 2])) >= 0) {
			s[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			s[o++] = s[i];
		}
	}
	return o;
}
