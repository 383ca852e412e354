#include "../../healthcheck/proto/grpc.h"
#include "../../healthcheck/proto/h2.h"
#include "t.h"

int
main(void)
{
	uint8_t b[64], *p;
	const uint8_t *d;
	struct h2_frame f;
	size_t n;
	long m;
	char s[32];

	h2_frame_put(b, 0x123456, H2_HEADERS, 0x25, 0x7fffffff);
	h2_frame_get(b, &f);
	T_CHECK(f.len == 0x123456 && f.type == H2_HEADERS && f.flags == 0x25 &&
			f.stream == 0x7fffffff, "frame header round trip");
	b[5] |= 0x80;	/* the reserved bit is ignored */
	h2_frame_get(b, &f);
	T_CHECK(f.stream == 0x7fffffff, "reserved bit");

	/* padding and priority */
	p = b + 9;
	memcpy(p, "\x02" "abc" "\0\0", 6);
	f.type = H2_DATA;
	f.flags = H2_PADDED;
	f.len = 6;
	T_CHECK(h2_payload(&f, p, &d, &n) == 0 && n == 3 && !memcmp(d, "abc", 3),
		"padded DATA");
	f.len = 2;
	T_CHECK(h2_payload(&f, p, &d, &n) == H2_EBAD, "padding over the payload");
	f.len = 0;
	T_CHECK(h2_payload(&f, p, &d, &n) == H2_EBAD, "PADDED with no length byte");
	memcpy(p, "\x01" "\x80\0\0\x03\x10" "xy" "\0", 9);
	f.type = H2_HEADERS;
	f.flags = H2_PADDED | H2_PRIORITY_F;
	f.len = 9;
	T_CHECK(h2_payload(&f, p, &d, &n) == 0 && n == 2 && !memcmp(d, "xy", 2),
		"HEADERS with padding and priority");
	f.flags = H2_PRIORITY_F;
	f.len = 4;
	T_CHECK(h2_payload(&f, p, &d, &n) == H2_EBAD, "short priority");
	f.type = H2_DATA;
	f.flags = H2_PRIORITY_F;	/* not meaningful on DATA */
	f.len = 3;
	T_CHECK(h2_payload(&f, p, &d, &n) == 0 && n == 3, "DATA ignores PRIORITY");

	/* HealthCheckRequest */
	m = grpc_health_request("", b, sizeof(b));
	T_CHECK(m == 5 && !memcmp(b, "\0\0\0\0\0", 5), "empty service");
	m = grpc_health_request("svc.ok", b, sizeof(b));
	T_CHECK(m == 13 && !memcmp(b, "\0\0\0\0\x08\x0a\x06svc.ok", 13),
		"service svc.ok");
	T_CHECK(grpc_health_request("svc.ok", b, 12) == GRPC_ELONG, "cap");
	{
		char longs[200];

		memset(longs, 'a', sizeof(longs) - 1);
		longs[199] = '\0';
		m = grpc_health_request(longs, b, sizeof(b));
		T_CHECK(m == GRPC_ELONG, "long service, small cap");
	}

	/* HealthCheckResponse */
	static const struct {
		const char *in;
		size_t n;
		long want;
	} resp[] = {
		{ "\0\0\0\0\x02\x08\x01", 7, GRPC_SERVING },
		{ "\0\0\0\0\x02\x08\x02", 7, GRPC_NOT_SERVING },
		{ "\0\0\0\0\x02\x08\x03", 7, GRPC_SERVICE_UNKNOWN },
		{ "\0\0\0\0\0", 5, GRPC_UNKNOWN },
		{ "\0\0\0\0\x02\x08\x00", 7, GRPC_UNKNOWN },
		{ "\0\0\0\0\x08\x12\x02hi\x08\x01\x18\x05", 13, GRPC_SERVING },
		{ "\0\0\0\0\x0b\x11" "12345678" "\x08\x01", 16, GRPC_SERVING },
		{ "\0\0\0\0\x07\x1d" "1234" "\x08\x02", 12, GRPC_NOT_SERVING },
		{ "\0\0\0\0\x03\x08\x80\x01", 8, 128 },
		{ "\x01\0\0\0\x02\x08\x01", 7, GRPC_EBAD },
		{ "\0\0\0\0\x03\x08\x01", 7, GRPC_EBAD },
		{ "\0\0\0\0\x01\x08\x01", 7, GRPC_EBAD },
		{ "\0\0\0\0\x01\x08", 6, GRPC_EBAD },
		{ "\0\0\0\0\x02\x08\x80", 7, GRPC_EBAD },
		{ "\0\0\0\0\x02\x12\x05", 7, GRPC_EBAD },
		{ "\0\0\0\0\x02\x0b\x01", 7, GRPC_EBAD },
		{ "\0\0\0\0\x01\x00", 6, GRPC_EBAD },
		{ "\0\0\0", 3, GRPC_EBAD },
		{ "\0\0\0\0\x0b\x08\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 16,
		  GRPC_EBAD },
	};
	for (n = 0; n < sizeof(resp) / sizeof(resp[0]); n++) {
		m = grpc_health_response(
			(const uint8_t *)t_guard(resp[n].in, resp[n].n), resp[n].n);
		T_CHECK(m == resp[n].want, "response %zu: %ld", n, m);
	}
	T_CHECK(!strcmp(grpc_serving_name(1), "SERVING") &&
			!strcmp(grpc_serving_name(9), "?"), "serving names");
	T_CHECK(!strcmp(grpc_code_name(12), "UNIMPLEMENTED") &&
			!strcmp(grpc_code_name(16), "UNAUTHENTICATED") &&
			!strcmp(grpc_code_name(17), "?"), "code names");
	strcpy(s, "a%20b%2x%41%");
	n = grpc_unpercent(s, strlen(s));
	T_CHECK(n == 8 && !memcmp(s, "a b%2xA%", 8), "unpercent: %.*s", (int)n, s);
	return t_done("h2");
}
