/*
 * MySQL packets and greetings (healthcheck/mysql): a packet taken lies
 * inside the input, a greeting's version and error text inside its
 * payload.
 */
#include "../../healthcheck/proto/mysql.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	uint8_t *p = fuzz_dup(d, n);
	struct mysql_packet pk;
	struct mysql_greeting g;
	int rc;

	if (!p)
		return 0;
	rc = mysql_packet(p, n, &pk);
	if (rc > (int)n || rc == 0 || rc < MYSQL_ELONG)
		abort();
	if (rc > 0 && mysql_greeting(&pk, &g) == 0) {
		const uint8_t *end = pk.p + pk.len;

		if (g.error
			? (const uint8_t *)g.text + g.text_len > end ||
			      (const uint8_t *)g.text < pk.p
			: (const uint8_t *)g.version < pk.p ||
			      (const uint8_t *)g.version + strlen(g.version) >=
				  end)
			abort();
	}
	free(p);
	return 0;
}
