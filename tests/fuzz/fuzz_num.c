/* Durations and bounded integers (lib/num). */
#include "../../lib/num.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	char *s = fuzz_str(d, n);
	uint64_t v;

	if (!s)
		return 0;
	if (num_duration(s, &v) == 0 && v > NUM_DURATION_MAX_MS)
		abort();
	if (num_u64(s, 0, UINT64_MAX, &v) == 0 && num_u64(s, v, v, &v))
		abort();
	num_u64(s, 1, 31, &v);
	free(s);
	return 0;
}
