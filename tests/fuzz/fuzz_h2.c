/*
 * HTTP/2 frames in a byte stream and the gRPC health response inside
 * them (healthcheck/h2, healthcheck/grpc).
 */
#include "../../healthcheck/proto/grpc.h"
#include "../../healthcheck/proto/h2.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	uint8_t *p = fuzz_dup(d, n);
	const uint8_t *data;
	struct h2_frame f;
	size_t off = 0, dn;
	char *s;
	long r;

	if (!p)
		return 0;
	while (n - off >= H2_HEADER) {
		h2_frame_get(p + off, &f);
		if (f.len > n - off - H2_HEADER)
			break;
		if (h2_payload(&f, p + off + H2_HEADER, &data, &dn) == 0) {
			if (data < p + off + H2_HEADER ||
			    data + dn > p + off + H2_HEADER + f.len)
				abort();
			r = grpc_health_response(data, dn);
			if (r < GRPC_EBAD)
				abort();
		}
		off += H2_HEADER + f.len;
	}
	grpc_health_response(p, n);
	s = (char *)p;
	if (grpc_unpercent(s, n) > n)
		abort();
	free(p);
	return 0;
}
