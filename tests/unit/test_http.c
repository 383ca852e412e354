/* healthcheck/http: the request, the authority, redirects, verdicts. */
#include "../../healthcheck/http.h"
#include "t.h"

static struct hc_config cfg;

static void
reset(void)
{
	memset(&cfg, 0, sizeof(cfg));
	cfg.method = "GET";
	http1_parse_ranges("200-399", &cfg.expect);
	cfg.expect_text = "200-399";
}

static const struct {
	const char *url, *host, *want;
} auths[] = {
	{ "http://example.com/", NULL, "example.com" },
	{ "http://example.com:80/", NULL, "example.com" },
	{ "http://example.com:8080/", NULL, "example.com:8080" },
	{ "https://example.com:443/", NULL, "example.com" },
	{ "https://example.com:80/", NULL, "example.com:80" },
	{ "http://[::1]:8080/x", NULL, "[::1]:8080" },
	{ "http://[::1]/x", NULL, "[::1]" },
	{ "grpc://svc:50051", NULL, "svc:50051" },
	{ "http://10.0.0.1:8080/", "api.internal", "api.internal" },
};

static const struct {
	const char *loc;
	int rc;
	const char *path;
} redirects[] = {
	/* from http://h:8080/a/b?q=1 */
	{ "/x", 1, "/x" },
	{ "/x?y=2", 1, "/x?y=2" },
	{ "c", 1, "/a/c" },
	{ "c?d", 1, "/a/c?d" },
	{ "http://h:8080/z", 1, "/z" },
	{ "http://H:8080/z", 1, "/z" },
	{ "http://other:8080/z", 0, NULL },
	{ "https://h:8080/z", 0, NULL },
	{ "//other/z", 0, NULL },
	{ "http://[::1", HTTP_EBAD, NULL },
	{ "/with space", HTTP_EBAD, NULL },
	{ "/tab\there", HTTP_EBAD, NULL },
};

int
main(void)
{
	char out[512], big[600];
	struct target t;
	struct buf b;
	size_t i, n;
	long len;
	int rc;

	for (i = 0; i < sizeof(auths) / sizeof(auths[0]); i++) {
		T_CHECK(target_parse(auths[i].url, &t) == 0, "parse %s",
			auths[i].url);
		buf_init(&b, out, sizeof(out));
		http_authority(&t, auths[i].host, &b);
		T_CHECK(!strcmp(out, auths[i].want), "authority %s: %s",
			auths[i].url, out);
	}

	reset();
	target_parse("http://h:8080/p?q=1", &t);
	len = http_request(&cfg, &t, out, sizeof(out));
	T_CHECK(len > 0 && !strcmp(out, "GET /p?q=1 HTTP/1.1\r\n"
					"Host: h:8080\r\n"
					"User-Agent: healthcheck/" VERSION "\r\n"
					"Accept: */*\r\n"
					"Connection: close\r\n\r\n"),
		"default request: %s", out);
	T_CHECK(len == (long)strlen(out), "length %ld", len);
	cfg.method = "HEAD";
	cfg.host = "api";
	cfg.headers[0] = "accept: text/plain";
	cfg.headers[1] = "User-Agent:";
	cfg.headers[2] = "X-A: 1";
	cfg.nheaders = 3;
	http_request(&cfg, &t, out, sizeof(out));
	T_CHECK(!strcmp(out, "HEAD /p?q=1 HTTP/1.1\r\nHost: api\r\n"
			     "Connection: close\r\naccept: text/plain\r\n"
			     "X-A: 1\r\n\r\n"),
		"overrides, removal, --host: %s", out);
	cfg.headers[0] = "HOST: from-header";
	cfg.nheaders = 1;
	http_request(&cfg, &t, out, sizeof(out));
	T_CHECK(strstr(out, "\r\nHOST: from-header\r\n") &&
			!strstr(out, "Host: api"),
		"-H Host wins over --host: %s", out);
	/* Every capacity: a request that does not fit is refused. */
	reset();
	for (n = 1; n < 200; n++) {
		len = http_request(&cfg, &t, out, n);
		T_CHECK(len == HTTP_ELONG || (len > 0 && (size_t)len < n),
			"cap %zu: %ld", n, len);
	}
	memset(big, 'a', sizeof(big));
	big[0] = '/';
	big[sizeof(big) - 1] = '\0';
	memcpy(t.path, big, sizeof(big));
	T_CHECK(http_request(&cfg, &t, out, sizeof(out)) == HTTP_ELONG,
		"long path refused");

	target_parse("http://h:8080/a/b?q=1", &t);
	for (i = 0; i < sizeof(redirects) / sizeof(redirects[0]); i++) {
		n = strlen(redirects[i].loc) + 1;
		out[0] = '\0';
		rc = http_redirect(&t, t_guard(redirects[i].loc, n), out,
				   sizeof(out));
		T_CHECK(rc == redirects[i].rc, "redirect %s: rc %d",
			redirects[i].loc, rc);
		if (rc == 1)
			T_CHECK(!strcmp(out, redirects[i].path),
				"redirect %s: %s", redirects[i].loc, out);
	}
	T_CHECK(http_redirect(&t, "/0123456789", out, 8) == HTTP_ELONG,
		"redirect path too long for the buffer");

	reset();
	buf_init(&b, out, sizeof(out));
	T_CHECK(http_judge_status(&cfg, 200, 1, &b) == 0 &&
			!strcmp(out, "status 200"),
		"200: %s", out);
	T_CHECK(http_judge_status(&cfg, 302, 0, &b) == 0 &&
			!strcmp(out, "status 302, redirect to another host "
				     "not followed"),
		"302 other host: %s", out);
	T_CHECK(http_judge_status(&cfg, 503, 1, &b) < 0 &&
			!strcmp(out, "status 503 (expected 200-399)"),
		"503: %s", out);
	T_CHECK(http_judge_status(&cfg, 301, HTTP_EBAD, &b) == 0 &&
			strstr(out, "bad Location not followed"),
		"bad Location: %s", out);
	T_CHECK(http_judge_status(&cfg, 302, HTTP_DOWNGRADE, &b) == 0 &&
			strstr(out, "no downgrade"),
		"downgrade: %s", out);
	cfg.expect_body = "ok";
	buf_init(&b, out, sizeof(out));
	buf_str(&b, "status 200");
	T_CHECK(http_judge_body(&cfg, t_guard("all ok", 6), 6, &b) == 0 &&
			!strcmp(out, "status 200, body matched"),
		"body matched: %s", out);
	T_CHECK(http_judge_body(&cfg, t_guard("nope", 4), 4, &b) < 0 &&
			!strcmp(out, "body: 'ok' not in the first 4 bytes"),
		"body not matched: %s", out);
	T_CHECK(http_judge_body(&cfg, t_guard("o", 1), 1, &b) < 0,
		"half a match at the end");
	return t_done("http");
}
