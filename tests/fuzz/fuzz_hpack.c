/*
 * HPACK header blocks (healthcheck/hpack), several through one dynamic
 * table (blocks split at 0xff 0x00), and a round trip: every field
 * decoded is encoded again with our literal encoding and must decode to
 * the same name and value.
 */
#include "../../healthcheck/proto/hpack.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static struct hpack h, h2;
	static char arena[8192], arena2[8192], name[8192], value[8192];
	static uint8_t enc[20000];
	struct hpack_field f[16], g[1];
	const uint8_t *end = d + n, *p = d, *q;
	size_t nf, ng, i, len;
	uint8_t *blk;

	hpack_init(&h);
	while (p <= end) {
		for (q = p; q + 1 < end && !(q[0] == 0xff && q[1] == 0); q++)
			;
		if (q + 1 >= end)
			q = end;
		blk = fuzz_dup(p, (size_t)(q - p));
		if (blk && hpack_decode(&h, blk, (size_t)(q - p), arena,
					sizeof(arena), f, 16, &nf) == 0) {
			for (i = 0; i < nf; i++) {
				if (f[i].nlen >= sizeof(name) ||
				    f[i].vlen >= sizeof(value))
					abort();
				memcpy(name, f[i].name, f[i].nlen);
				name[f[i].nlen] = '\0';
				memcpy(value, f[i].value, f[i].vlen);
				value[f[i].vlen] = '\0';
				if (strlen(name) != f[i].nlen ||
				    strlen(value) != f[i].vlen)
					continue;	/* NUL inside */
				len = 0;
				if (hpack_encode(enc, sizeof(enc), &len, 0, name,
						 value))
					abort();
				hpack_init(&h2);
				if (hpack_decode(&h2, enc, len, arena2,
						 sizeof(arena2), g, 1, &ng) ||
				    ng != 1 || g[0].nlen != f[i].nlen ||
				    g[0].vlen != f[i].vlen ||
				    memcmp(g[0].name, name, g[0].nlen) ||
				    memcmp(g[0].value, value, g[0].vlen))
					abort();
			}
		}
		free(blk);
		if (h.size > h.max || h.max > HPACK_TABLE_MAX)
			abort();
		p = q + 2;
	}
	return 0;
}
