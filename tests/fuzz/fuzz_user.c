/*
 * --user specs, passwd and group lines (init/user).  The input is
 * SPEC \0 PASSWD \0 GROUP.
 */
#include "../../init/user.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static struct user_creds c;
	const uint8_t *pw, *gr, *end = d + n;
	struct user_spec s;
	uint8_t *pwc, *grc;
	char *spec = fuzz_str(d, n);
	size_t i;

	if (!spec)
		return 0;
	pw = d + strlen(spec) + 1;
	if (pw > end)
		pw = end;
	gr = memchr(pw, 0, (size_t)(end - pw));
	gr = gr ? gr + 1 : end;
	pwc = fuzz_dup(pw, (size_t)(gr - pw));
	grc = fuzz_dup(gr, (size_t)(end - gr));
	if (pwc && grc && user_parse_spec(spec, &s) == 0 &&
	    user_resolve(&s, (char *)pwc, (size_t)(gr - pw), (char *)grc,
			 (size_t)(end - gr), &c) == 0) {
		if (c.ngroups < 1 || c.ngroups > USER_NGROUPS || !c.home[0])
			abort();
		for (i = 0; i < c.ngroups; i++)
			if (c.groups[i] > USER_ID_MAX)
				abort();
	}
	free(pwc);
	free(grc);
	free(spec);
	return 0;
}
