/* ${NAME} and ${NAME:-default} expansion (healthcheck/expand). */
#include "../../healthcheck/proto/expand.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static char *env[] = { "PORT=8080", "EMPTY=", "A=${B}", NULL };
	char out[64], *s = fuzz_str(d, n);
	int r;

	if (!s)
		return 0;
	r = expand_vars(s, out, sizeof(out), env);
	if (r >= 0 && (r >= (int)sizeof(out) || strlen(out) != (size_t)r))
		abort();
	free(s);
	return 0;
}
