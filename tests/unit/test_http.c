/* healthcheck/http: the request, the authority, redirects, verdicts. */
#include "../../healthcheck/proto/http.h"
#include "t.h"

static struct http_opts cfg;

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

/* From http://h:8080/a/b?q=1 (the first target too unless noted). */
static const struct {
	int status;
	const char *loc;
	int rc;
	const char *path; /* the next request target, or the host:port */
	int keep_host;
} redirects[] = {
	{ 302, "/x", HTTP_FOLLOW, "/x", 1 },
	{ 301, "/x?y=2", HTTP_FOLLOW, "/x?y=2", 1 },
	{ 303, "c", HTTP_FOLLOW, "/a/c", 1 },
	{ 307, "c?d", HTTP_FOLLOW, "/a/c?d", 1 },
	{ 308, "?d", HTTP_FOLLOW, "/a/b?d", 1 },
	{ 302, "#f", HTTP_FOLLOW, "/a/b?q=1", 1 },
	{ 302, "/x#frag", HTTP_FOLLOW, "/x", 1 },
	{ 302, "../x", HTTP_FOLLOW, "/x", 1 },
	{ 302, "../../../x", HTTP_FOLLOW, "/x", 1 },
	{ 302, "./y/./z/..", HTTP_FOLLOW, "/a/y/", 1 },
	{ 302, "/p/q/../r/.", HTTP_FOLLOW, "/p/r/", 1 },
	{ 302, ".", HTTP_FOLLOW, "/a/", 1 },
	{ 302, "..", HTTP_FOLLOW, "/", 1 },
	{ 302, "/s p", HTTP_FOLLOW, "/s%20p", 1 },
	{ 302, "/%41", HTTP_FOLLOW, "/%41", 1 },
	{ 302, "http://h:8080/z", HTTP_FOLLOW, "/z", 0 },
	{ 302, "HTTP://h:9090/z", HTTP_FOLLOW, "/z", 0 },
	{ 302, "http://u:p@h/z", HTTP_FOLLOW, "/z", 0 },
	{ 302, "//h:1/z", HTTP_FOLLOW, "/z", 1 },
	{ 302, "http://H:8080/z", HTTP_ELSEWHERE, NULL, 0 },
	{ 302, "http://other:8080/z", HTTP_ELSEWHERE, NULL, 0 },
	{ 302, "//other/z", HTTP_ELSEWHERE, NULL, 1 },
	{ 302, "mailto:a@b", HTTP_ELSEWHERE, NULL, 0 },
	{ 302, "http:/z", HTTP_ELSEWHERE, NULL, 0 },
	{ 302, "http:///z", HTTP_ELSEWHERE, NULL, 0 },
	{ 302, "http://other:99999/", HTTP_ELSEWHERE, NULL, 0 },
	{ 302, "https://h/z", HTTP_TLS, NULL, 0 },
	{ 302, "ftp://h/z", HTTP_ESCHEME, NULL, 0 },
	{ 302, "http://h:99999/", HTTP_EPORT, NULL, 0 },
	{ 302, "http://h:0/", HTTP_EPORT, NULL, 0 },
	{ 300, "/x", HTTP_NONE, NULL, 0 },
	{ 304, "/x", HTTP_NONE, NULL, 0 },
	{ 305, "/x", HTTP_NONE, NULL, 0 },
	{ 306, "/x", HTTP_NONE, NULL, 0 },
	{ 200, "/x", HTTP_NONE, NULL, 0 },
	{ 302, "", HTTP_NONE, NULL, 0 },
	{ 302, "http://[::1", HTTP_EBAD, NULL, 0 },
	{ 302, "http://bad host/", HTTP_EBAD, NULL, 0 },
	{ 302, "http://a%zz/", HTTP_EBAD, NULL, 0 },
	{ 302, "http://h:8x/", HTTP_EBAD, NULL, 0 },
	{ 302, "/a%z", HTTP_EBAD, NULL, 0 },
	{ 302, "/a%", HTTP_EBAD, NULL, 0 },
	{ 302, ":x", HTTP_EBAD, NULL, 0 },
	{ 302, "1a:b", HTTP_EBAD, NULL, 0 },
	{ 302, "/tab\there", HTTP_EBAD, NULL, 0 },
	{ 302, "http://[::1]x/", HTTP_EBAD, NULL, 0 },
};

int
main(void)
{
	char out[4096], big[600];
	struct target t, first;
	static struct target next;
	int keep;
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
	len = http_request(&cfg, &t, NULL, out, sizeof(out));
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
	cfg.headers[3] = "X-Empty:";
	cfg.nheaders = 4;
	http_request(&cfg, &t, http_custom_host(&cfg), out, sizeof(out));
	T_CHECK(!strcmp(out, "HEAD /p?q=1 HTTP/1.1\r\nHost: api\r\n"
			     "Connection: close\r\naccept: text/plain\r\n"
			     "X-A: 1\r\nX-Empty:\r\n\r\n"),
		"overrides, removal, empty value, --host: %s", out);
	cfg.host = NULL;
	cfg.headers[0] = "HOST: from-header";
	cfg.headers[1] = "Accept:";
	cfg.nheaders = 2;
	T_CHECK(!strcmp(http_custom_host(&cfg), "from-header"),
		"-H Host is the custom host");
	http_request(&cfg, &t, http_custom_host(&cfg), out, sizeof(out));
	T_CHECK(!strcmp(out, "HEAD /p?q=1 HTTP/1.1\r\nHost: from-header\r\n"
			     "User-Agent: healthcheck/" VERSION "\r\n"
			     "Connection: close\r\n\r\n"),
		"-H Host once, Accept removed: %s", out);
	cfg.host = "flag";
	T_CHECK(!strcmp(http_custom_host(&cfg), "flag"), "--host wins");
	/* Every capacity: a request that does not fit is refused. */
	reset();
	for (n = 1; n < 200; n++) {
		len = http_request(&cfg, &t, NULL, out, n);
		T_CHECK(len == HTTP_ELONG || (len > 0 && (size_t)len < n),
			"cap %zu: %ld", n, len);
	}
	memset(big, 'a', sizeof(big));
	big[0] = '/';
	big[sizeof(big) - 1] = '\0';
	memcpy(t.path, big, sizeof(big));
	T_CHECK(http_request(&cfg, &t, NULL, out, 512) == HTTP_ELONG,
		"long path refused");

	target_parse("http://h:8080/a/b?q=1", &first);
	for (i = 0; i < sizeof(redirects) / sizeof(redirects[0]); i++) {
		n = strlen(redirects[i].loc) + 1;
		keep = -1;
		rc = http_redirect(&first, &first, redirects[i].status,
				   t_guard(redirects[i].loc, n), &next, &keep);
		T_CHECK(rc == redirects[i].rc, "redirect %d %s: rc %d",
			redirects[i].status, redirects[i].loc, rc);
		if (rc == HTTP_FOLLOW) {
			T_CHECK(!strcmp(next.path, redirects[i].path),
				"redirect %s: %s", redirects[i].loc, next.path);
			T_CHECK(keep == redirects[i].keep_host,
				"redirect %s: keep_host %d", redirects[i].loc,
				keep);
		}
	}
	/* Another port of the same hostname is followed there. */
	rc = http_redirect(&first, &first, 302, "http://h:9/x", &next, &keep);
	T_CHECK(rc == HTTP_FOLLOW && next.port == 9 && !strcmp(next.host, "h"),
		"other port: %d %s:%u", rc, next.host, next.port);
	rc = http_redirect(&first, &first, 302, "http://h/x", &next, &keep);
	T_CHECK(rc == HTTP_FOLLOW && next.port == 80, "default port: %u",
		next.port);
	/* The hostname compared is the first target's, not the current. */
	target_parse("http://other/a", &t);
	rc = http_redirect(&first, &t, 302, "/x", &next, &keep);
	T_CHECK(rc == HTTP_ELSEWHERE, "current elsewhere: %d", rc);
	memset(big, 'a', sizeof(big));
	big[0] = '/';
	big[sizeof(big) - 1] = '\0';
	for (n = 0; n < 5; n++)
		memcpy(out + n * 500, big, 500);
	out[2500] = '\0';
	T_CHECK(http_redirect(&first, &first, 302, out, &next, &keep) ==
			HTTP_ELONG,
		"a Location too long for a request target");

	reset();
	buf_init(&b, out, sizeof(out));
	T_CHECK(http_judge_status(&cfg, 200, 1, &b) == 0 &&
			!strcmp(out, "status 200"),
		"200: %s", out);
	T_CHECK(http_judge_status(&cfg, 302, HTTP_ELSEWHERE, &b) == 0 &&
			!strcmp(out, "status 302, redirect to another host "
				     "not followed"),
		"302 other host: %s", out);
	T_CHECK(http_judge_status(&cfg, 503, 1, &b) < 0 &&
			!strcmp(out, "status 503 (expected 200-399)"),
		"503: %s", out);
	T_CHECK(http_judge_status(&cfg, 302, HTTP_TLS, &b) == 0 &&
			strstr(out, "no TLS in this build"),
		"https: %s", out);
	T_CHECK(http_judge_status(&cfg, 302, HTTP_DOWNGRADE, &b) < 0 &&
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
	/* A redirect's userinfo goes as Authorization: Basic, as Go sends it;
	 * a relative redirect keeps it, an absolute one without drops it. */
	{
		static const struct {
			const char *loc;
			int rc;
			const char *auth; /* in the request, or NULL: none */
		} ui[] = {
			{ "http://u:pw@h:8080/ok", HTTP_FOLLOW,
			  "Authorization: Basic dTpwdw==\r\n" },
			{ "http://a%40b:p%3Aq@h/", HTTP_FOLLOW,
			  "Authorization: Basic YUBiOnA6cQ==\r\n" },
			{ "http://u@h/", HTTP_FOLLOW,
			  "Authorization: Basic dTo=\r\n" },
			{ "http://:@h/", HTTP_FOLLOW,
			  "Authorization: Basic Og==\r\n" },
			{ "http://u:p%0d%0aX:1@h/", HTTP_EBAD, NULL },
			{ "http://u%00:p@h/", HTTP_EBAD, NULL },
			{ "http://h/", HTTP_FOLLOW, NULL },
		};
		struct target n2, n3;
		size_t i;
		int keep;

		target_parse("http://h:8080/a", &first);
		for (i = 0; i < sizeof(ui) / sizeof(ui[0]); i++) {
			int rc = http_redirect(&first, &first, 302, ui[i].loc,
					       &n2, &keep);

			T_CHECK(rc == ui[i].rc, "userinfo %s: rc %d", ui[i].loc,
				rc);
			if (rc != HTTP_FOLLOW)
				continue;
			http_request(&cfg, &n2, NULL, out, sizeof(out));
			T_CHECK(ui[i].auth ? strstr(out, ui[i].auth) != NULL
					   : !strstr(out, "Authorization:"),
				"userinfo %s: %s", ui[i].loc, out);
			if (i == 0) {
				http_redirect(&first, &n2, 302, "/next", &n3,
					      &keep);
				http_request(&cfg, &n3, NULL, out,
					     sizeof(out));
				T_CHECK(strstr(out, ui[0].auth) != NULL,
					"a relative redirect keeps it");
				http_redirect(&first, &n2, 302,
					      "http://h:8080/x", &n3, &keep);
				http_request(&cfg, &n3, NULL, out,
					     sizeof(out));
				T_CHECK(!strstr(out, "Authorization:"),
					"an absolute one without drops it");
			}
		}
		cfg.headers[0] = "Authorization: Bearer x";
		cfg.nheaders = 1;
		http_redirect(&first, &first, 302, ui[0].loc, &n2, &keep);
		http_request(&cfg, &n2, NULL, out, sizeof(out));
		T_CHECK(strstr(out, "Bearer x") && !strstr(out, "Basic"),
			"-H Authorization wins: %s", out);
	}
	return t_done("http");
}
