/*
 * PostgreSQL's first answer (healthcheck/pg): every field found lies
 * inside the input and ends at a NUL there; a prefix of an accepted
 * message only ever asks for more.
 */
#include "../../healthcheck/proto/pg.h"
#include "fuzz.h"

static void
inside(const char *f, const uint8_t *p, size_t n)
{
	if (*f &&
	    ((const uint8_t *)f < p || (const uint8_t *)f + strlen(f) >= p + n))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	uint8_t *p = fuzz_dup(d, n);
	struct pg_reply r;
	int rc;

	if (!p)
		return 0;
	rc = pg_parse(p, n, &r);
	if (rc > (int)n || rc == 0 || rc < PG_ELONG)
		abort();
	if (rc > 0) {
		if (r.type != 'R' && r.type != 'E')
			abort();
		inside(r.severity, p, (size_t)rc);
		inside(r.code, p, (size_t)rc);
		inside(r.message, p, (size_t)rc);
		if (pg_parse(p, (size_t)rc - 1, &r) != PG_EMORE)
			abort();
	}
	free(p);
	return 0;
}
