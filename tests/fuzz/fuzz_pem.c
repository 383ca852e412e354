/*
 * The PEM reader (healthcheck/proto/pem): the input as lines; a line's
 * decoded bytes never exceed n * 3 / 4 + 3, an object name is always
 * NUL-terminated within its buffer, and the decoder's state stays
 * consistent (no DATA outside an object).
 */
#include "../../healthcheck/proto/pem.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	const char *s = (const char *)d, *end = s + n, *nl;
	struct pem p;
	uint8_t *out;
	size_t len, on;
	char *line;
	int ev, in = 0;

	pem_init(&p);
	for (; s < end; s = nl + 1) {
		nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl)
			nl = end;
		len = (size_t)(nl - s);
		line = (char *)fuzz_dup((const uint8_t *)s, len);
		out = malloc(len * 3 / 4 + 3);
		if (!line || !out)
			abort();
		ev = pem_line(&p, line, len, out, &on);
		if (on > len * 3 / 4 + 3 || (ev != PEM_DATA && on) ||
		    (ev == PEM_DATA && !in) ||
		    !memchr(p.name, '\0', sizeof(p.name)))
			abort();
		if (ev == PEM_BEGIN)
			in = 1;
		if (ev == PEM_END || ev == PEM_EBAD)
			in = p.in;
		free(line);
		free(out);
		if (nl == end)
			break;
	}
	return 0;
}
