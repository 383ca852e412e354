#include "../../healthcheck/proto/http1.h"
#include "t.h"

static const struct {
	const char *in;
	int rc;		/* >0: the head length is strlen(in) - rc tail bytes */
	int status;
	long long cl;
	int chunked;
	const char *location;
} heads[] = {
	{ "HTTP/1.1 200 OK\r\n\r\n", 0, 200, -1, 0, NULL },
	{ "HTTP/1.0 204 No Content\r\nServer: x\r\n\r\n", 0, 204, -1, 0, NULL },
	{ "HTTP/1.1 200\r\n\r\n", 0, 200, -1, 0, NULL },
	{ "HTTP/1.1 200 OK\n\n", 0, 200, -1, 0, NULL },
	{ "HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\nhello world!", 12, 200, 12, 0, NULL },
	{ "HTTP/1.1 200 OK\r\ncontent-length:  5 \r\nContent-Length: 5\r\n\r\n", 0, 200, 5, 0, NULL },
	{ "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", 0, 200, -1, 1, NULL },
	{ "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 0, 200, -1, 1, NULL },
	{ "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", 0, 200, -1, 0, NULL },
	{ "HTTP/1.1 302 Found\r\nLocation: /next?a=1\r\n\r\n", 0, 302, -1, 0, "/next?a=1" },
	{ "HTTP/1.1 503 Service Unavailable\r\nX-Empty:\r\n\r\n", 0, 503, -1, 0, NULL },
	{ "HTTP/1.1 999 Odd\r\n\r\n", 0, 999, -1, 0, NULL },
	{ "HTTP/1.1 200 OK\r\nX: a\tb\r\n\r\n", 0, 200, -1, 0, NULL },
	{ "HTTP/1.1 099 Low\r\n\r\n", HTTP1_EBAD, 0, 0, 0, NULL },
	{ "HTTP/1.1 20 OK\r\n\r\n", HTTP1_EBAD, 0, 0, 0, NULL },
	{ "HTTP/1.1 2000 OK\r\n\r\n", HTTP1_EBAD, 0, 0, 0, NULL },
	{ "HTTP/1.1 abc OK\r\n\r\n", HTTP1_EBAD, 0, 0, 0, NULL },
	{ "HTTP/2 200\r\n\r\n", HTTP1_EBAD, 0, 0, 0, NULL },
	{ "HTTP/1.x 200\r\n\r\n", HTTP1_EBAD, 0, 0, 0, NULL },
	{ "HTTP/1.1  200 OK\r\n\r\n", HTTP1_EBAD, 0, 0, 0, NULL },
	{ "<html>hello</html>\n", HTTP1_EBAD, 0, 0, 0, NULL },
	{ "\r\n", HTTP1_EBAD, 0, 0, 0, NULL },
	{ "HTTP/1.1 200 OK\r\nNoColon\r\n\r\n", HTTP1_EBAD, 0, 0, 0, NULL },
	{ "HTTP/1.1 200 OK\r\n: empty\r\n\r\n", HTTP1_EBAD, 0, 0, 0, NULL },
	{ "HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n", HTTP1_EBAD, 0, 0, 0, NULL },
	{ "HTTP/1.1 200 OK\r\nX: a\r\n folded\r\n\r\n", 0, 200, -1, 0, NULL },
	{ "HTTP/1.1 200 OK\r\nX: a\r\n\tfolded\r\n more\r\n\r\n", 0, 200, -1, 0, NULL },
	{ "HTTP/1.1 200 OK\r\n folded first\r\n\r\n", HTTP1_EBAD, 0, 0, 0, NULL },
	{ "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n 2\r\n\r\n", HTTP1_EBAD, 0, 0, 0, NULL },
	{ "HTTP/1.1 302 OK\r\nLocation: /a\r\n b\r\n\r\n", HTTP1_EBAD, 0, 0, 0, NULL },
	{ "HTTP/1.1 200 OK\r\nX: a\r\n b\x01\r\n\r\n", HTTP1_EBAD, 0, 0, 0, NULL },
	{ "HTTP/1.1 200 OK\r\nX: a\x01\r\n\r\n", HTTP1_EBAD, 0, 0, 0, NULL },
	{ "HTTP/1.1 200 O\x01K\r\n\r\n", HTTP1_EBAD, 0, 0, 0, NULL },
	{ "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", HTTP1_EBAD, 0, 0, 0, NULL },
	{ "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", HTTP1_EBAD, 0, 0, 0, NULL },
	{ "HTTP/1.1 200 OK\r\nContent-Length: \r\n\r\n", HTTP1_EBAD, 0, 0, 0, NULL },
	{ "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\n", HTTP1_EBAD, 0, 0, 0, NULL },
	{ "HTTP/1.1 200 OK\r\nContent-Length: 1 2\r\n\r\n", HTTP1_EBAD, 0, 0, 0, NULL },
};

static const struct {
	const char *in;
	long rc;	/* >= 0: decoded text below */
	const char *out;
	int done;
} chunks[] = {
	{ "5\r\nhello\r\n0\r\n\r\n", 5, "hello", 1 },
	{ "5\nhello\n0\n\n", 5, "hello", 1 },
	{ "3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nTrailer: x\r\n\r\n", 5, "abcde", 1 },
	{ "A\r\n0123456789\r\n0\r\n\r\n", 10, "0123456789", 1 },
	{ "a\r\n0123456789\r\n", 10, "0123456789", 0 },
	{ "5\r\nhel", 3, "hel", 0 },
	{ "0\r\n\r\nextra", 0, "", 1 },
	{ "\r\n", HTTP1_EBAD, "", 0 },
	{ "x\r\n", HTTP1_EBAD, "", 0 },
	{ "5\r\nhelloXX", HTTP1_EBAD, "", 0 },
	{ "fffffffffffffffff\r\n", HTTP1_EBAD, "", 0 },
	{ "1000000000000000\r\n", HTTP1_EBAD, "", 0 },
	{ "10000000000000\r\n", 0, "", 0 },
};

int
main(void)
{
	struct http1_resp r;
	struct http1_chunked c;
	struct http1_ranges rg;
	char buf[256];
	size_t i, n, k;
	long got, more;
	int rc, want;

	for (i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
		n = strlen(heads[i].in);
		want = heads[i].rc < 0 ? heads[i].rc : (int)n - heads[i].rc;
		rc = http1_parse_head(t_guard(heads[i].in, n), n, &r);
		T_CHECK(rc == want, "head %zu: rc %d, want %d", i, rc, want);
		if (rc > 0)
			T_CHECK(r.status == heads[i].status &&
					r.content_length == heads[i].cl &&
					r.chunked == heads[i].chunked &&
					r.has_location == !!heads[i].location &&
					(!heads[i].location ||
					 !strcmp(r.location, heads[i].location)),
				"head %zu: status %d cl %lld chunked %d", i,
				r.status, (long long)r.content_length,
				r.chunked);
		/* Every prefix: "need more", or the same verdict early. */
		for (k = 0; k < n; k++) {
			rc = http1_parse_head(t_guard(heads[i].in, k), k, &r);
			T_CHECK(rc == HTTP1_EPARTIAL || rc == want ||
					(want > 0 && rc > 0 && rc <= (int)k),
				"head %zu prefix %zu: rc %d", i, k, rc);
		}
	}
	for (i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++) {
		n = strlen(chunks[i].in);
		/* Split at every point: two feeds must decode the same. */
		for (k = 0; k <= n; k++) {
			memset(&c, 0, sizeof(c));
			memcpy(buf, chunks[i].in, n);
			got = http1_chunked(&c, buf, k);
			if (got >= 0) {
				more = http1_chunked(&c, buf + got + (long)k - got,
						     n - k);
				if (more >= 0) {
					memmove(buf + got, buf + k, (size_t)more);
					got += more;
				} else {
					got = more;
				}
			}
			T_CHECK(got == chunks[i].rc, "chunk %zu split %zu: %ld",
				i, k, got);
			if (got >= 0)
				T_CHECK(!memcmp(buf, chunks[i].out, (size_t)got) &&
						c.done == chunks[i].done,
					"chunk %zu split %zu: data or done", i,
					k);
		}
	}
	T_CHECK(http1_parse_ranges("200-399", &rg) == 0 && rg.n == 1 &&
			http1_in_ranges(&rg, 200) && http1_in_ranges(&rg, 399) &&
			!http1_in_ranges(&rg, 400) && !http1_in_ranges(&rg, 199),
		"200-399");
	T_CHECK(http1_parse_ranges("200-299,418", &rg) == 0 && rg.n == 2 &&
			http1_in_ranges(&rg, 418) && !http1_in_ranges(&rg, 417),
		"list");
	T_CHECK(http1_parse_ranges("204", &rg) == 0 && http1_in_ranges(&rg, 204),
		"single");
	{
		static const char *badr[] = { "", "200-", "-300", "300-200",
			"99", "1000", "200,", ",200", "200-299,,300", "2x0",
			"200 ", "100-99999",
			"1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17" };

		for (i = 0; i < sizeof(badr) / sizeof(badr[0]); i++)
			T_CHECK(http1_parse_ranges(badr[i], &rg) == HTTP1_EBAD,
				"ranges '%s'", badr[i]);
	}
	return t_done("http1");
}
