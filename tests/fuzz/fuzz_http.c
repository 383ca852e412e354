/*
 * The HTTP rules (healthcheck/http): a redirect Location from the input,
 * resolved against a fixed target, then the request for where it leads.
 * Whatever comes in, a followed redirect stays on the hostname, its path
 * is absolute, has no fragment and nothing that could split a request
 * line, and the request is one head ending in its only blank line.
 */
#include "../../healthcheck/proto/http.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static struct http_opts c;
	static struct target t, next;
	static char out[9000];
	char *loc = fuzz_str(d, n), *end;
	size_t i;
	long len;
	int rc, keep;

	if (!loc)
		return 0;
	c.method = "GET";
	if (target_parse(n && d[0] & 1 ? "http://h:8080/a/b?q=1"
				       : "https://[::1]/x",
			 &t) < 0)
		abort();
	rc = http_redirect(&t, &t, 302, loc, &next, &keep);
	if (rc == HTTP_FOLLOW) {
		if (next.path[0] != '/' || strchr(next.path, '#') ||
		    strcmp(next.host, t.host))
			abort();
		for (i = 0; next.path[i]; i++)
			if ((unsigned char)next.path[i] <= ' ' ||
			    next.path[i] == 0x7f)
				abort();
		len = http_request(&c, &next, keep ? "custom" : NULL, out,
				   sizeof(out));
		if (len < 0 || (size_t)len != strlen(out))
			abort();
		end = strstr(out, "\r\n\r\n");
		if (!end || end + 4 != out + len)
			abort();
	} else if (rc < HTTP_EBAD || rc > HTTP_EPORT) {
		abort();
	}
	free(loc);
	return 0;
}
