/* HPACK Huffman strings (healthcheck/huffman). */
#include "../../healthcheck/proto/huffman.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	char out[4096];
	uint8_t *p = fuzz_dup(d, n);
	long r;

	if (!p)
		return 0;
	r = huffman_decode(p, n, out, sizeof(out));
	/* Codes are 5 bits or more: at most 8n/5 symbols. */
	if (r > (long)(n * 8 / 5) || r > (long)sizeof(out))
		abort();
	free(p);
	return 0;
}
