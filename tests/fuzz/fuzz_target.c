/* Target URLs (healthcheck/target). */
#include "../../healthcheck/target.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static struct target t;
	char *s = fuzz_str(d, n);
	size_t i;

	if (!s)
		return 0;
	if (target_parse(s, &t) == 0) {
		/* Nothing that could split a request line survives. */
		for (i = 0; t.path[i]; i++)
			if ((unsigned char)t.path[i] <= ' ')
				abort();
		for (i = 0; t.host[i]; i++)
			if ((unsigned char)t.host[i] <= ' ' || t.host[i] == '/')
				abort();
	}
	free(s);
	return 0;
}
