/* Signal names, numbers and FROM:TO rewrites (init/sig). */
#include "../../init/sig.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	char *s = fuzz_str(d, n);
	int f, t, r;

	if (!s)
		return 0;
	r = sig_parse(s, 1);
	if (r != SIG_EBAD && (r < 0 || r > SIG_LAST))
		abort();
	if (sig_parse_rewrite(s, &f, &t) == 0 &&
	    (f < 1 || f > SIG_LAST || t < 0 || t > SIG_LAST))
		abort();
	sig_name(r);
	free(s);
	return 0;
}
