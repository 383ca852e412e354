/*
 * HTTP/1.x response heads, chunked bodies fed in two pieces, and status
 * lists (healthcheck/http1).  The first byte picks the split point.
 */
#include "../../healthcheck/proto/http1.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static struct http1_resp r;
	struct http1_chunked c = { 0, 0, 0, 0 };
	struct http1_ranges rg;
	size_t cut;
	long a, b;
	uint8_t *p;
	char *s;
	int h;

	if (!n)
		return 0;
	cut = d[0] % n;
	d++;
	n--;
	p = fuzz_dup(d, n);
	if (!p)
		return 0;
	h = http1_parse_head((char *)p, n, &r);
	if (h > (int)n || (h > 0 && (r.status < 100 || r.status > 999)))
		abort();
	memcpy(p, d, n);
	if (cut > n)
		cut = n;
	a = http1_chunked(&c, (char *)p, cut);
	if (a >= 0) {
		b = http1_chunked(&c, (char *)p + cut, n - cut);
		if (a > (long)cut || b > (long)(n - cut))
			abort();
	}
	free(p);
	s = fuzz_str(d, n);
	if (s && http1_parse_ranges(s, &rg) == 0 &&
	    (rg.n < 1 || rg.n > HTTP1_RANGES))
		abort();
	free(s);
	return 0;
}
