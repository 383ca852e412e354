/*
 * Redis reply lines (healthcheck/resp): a line taken is inside the input,
 * ends in CRLF and holds no other CR or LF; a command built from the
 * input's words stays within its buffer.
 */
#include "../../healthcheck/proto/resp.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	const char *argv[3] = { "AUTH", NULL, NULL };
	struct resp_line r;
	char out[64];
	size_t at = 0;
	char *p = (char *)fuzz_dup(d, n), *s;
	int rc;

	if (!p)
		return 0;
	rc = resp_line(p, n, &r);
	if (rc > (int)n || rc == 0 || rc < RESP_ELONG || rc > RESP_LINE_MAX)
		abort();
	if (rc > 0 &&
	    (r.text != p + 1 || r.len + 3 != (size_t)rc ||
	     memchr(r.text, '\r', r.len) || memchr(r.text, '\n', r.len) ||
	     memcmp(p + rc - 2, "\r\n", 2)))
		abort();
	free(p);
	s = fuzz_str(d, n);
	if (!s)
		return 0;
	argv[1] = s;
	rc = resp_command(argv, out, sizeof(out), &at);
	if ((rc == 0) != (at > 0) || at > sizeof(out))
		abort();
	free(s);
	return 0;
}
