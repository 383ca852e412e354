#include "../../healthcheck/target.h"
#include "t.h"

static const struct {
	const char *in;
	int rc;
	enum target_kind kind;
	const char *host;
	int v6;
	unsigned port;
	const char *path;
	unsigned long long max_age;
} cases[] = {
	{ "http://127.0.0.1:8080/healthz", 0, TARGET_HTTP, "127.0.0.1", 0, 8080, "/healthz", 0 },
	{ "http://localhost/", 0, TARGET_HTTP, "localhost", 0, 80, "/", 0 },
	{ "http://localhost", 0, TARGET_HTTP, "localhost", 0, 80, "/", 0 },
	{ "http://h?x=1", 0, TARGET_HTTP, "h", 0, 80, "/?x=1", 0 },
	{ "http://h/a/b?x=1&y#frag", 0, TARGET_HTTP, "h", 0, 80, "/a/b?x=1&y", 0 },
	{ "http://[::1]:9000/x", 0, TARGET_HTTP, "::1", 1, 9000, "/x", 0 },
	{ "http://[::1]/", 0, TARGET_HTTP, "::1", 1, 80, "/", 0 },
	{ "http://[fe80::1%25eth0]/", TARGET_EHOST, 0, "", 0, 0, "", 0 },
	{ "http://:8080/", 0, TARGET_HTTP, "localhost", 0, 8080, "/", 0 },
	{ "http://my-svc.ns.svc_x:1/", 0, TARGET_HTTP, "my-svc.ns.svc_x", 0, 1, "/", 0 },
	{ "https://example.com/", 0, TARGET_HTTPS, "example.com", 0, 443, "/", 0 },
	{ "tcp://db:5432", 0, TARGET_TCP, "db", 0, 5432, "", 0 },
	{ "tcp://db:5432/", 0, TARGET_TCP, "db", 0, 5432, "", 0 },
	{ "tcp://[::1]:6379", 0, TARGET_TCP, "::1", 1, 6379, "", 0 },
	{ "unix:///run/app.sock", 0, TARGET_UNIX, "", 0, 0, "/run/app.sock", 0 },
	{ "file:///tmp/hb", 0, TARGET_FILE, "", 0, 0, "/tmp/hb", 0 },
	{ "file:///tmp/hb?max-age=30s", 0, TARGET_FILE, "", 0, 0, "/tmp/hb", 30000 },
	{ "file:///tmp/hb?max-age=1m30s", 0, TARGET_FILE, "", 0, 0, "/tmp/hb", 90000 },
	{ "grpc://127.0.0.1:50051", 0, TARGET_GRPC, "127.0.0.1", 0, 50051, "", 0 },
	{ "grpc://h:1/", 0, TARGET_GRPC, "h", 0, 1, "", 0 },
	{ "grpc://h:1/svc.ok", 0, TARGET_GRPC, "h", 0, 1, "svc.ok", 0 },
	{ "grpc://[::1]:5/a.b/c", 0, TARGET_GRPC, "::1", 1, 5, "a.b/c", 0 },
	{ "grpc://localhost/svc", 0, TARGET_GRPC, "localhost", 0, 0, "svc", 0 },
	{ "grpc://h:1/svc?x=1", TARGET_EPATH, 0, "", 0, 0, "", 0 },
	{ "tcp://db", TARGET_EPORT, 0, "", 0, 0, "", 0 },
	{ "tcp://db:", TARGET_EPORT, 0, "", 0, 0, "", 0 },
	{ "tcp://db:0", TARGET_EPORT, 0, "", 0, 0, "", 0 },
	{ "tcp://db:65536", TARGET_EPORT, 0, "", 0, 0, "", 0 },
	{ "tcp://db:80x", TARGET_EPORT, 0, "", 0, 0, "", 0 },
	{ "tcp://db:5432/x", TARGET_EPATH, 0, "", 0, 0, "", 0 },
	{ "http://h:-1/", TARGET_EPORT, 0, "", 0, 0, "", 0 },
	{ "http://user:pw@h/", TARGET_EHOST, 0, "", 0, 0, "", 0 },
	{ "http://h h/", TARGET_EBYTE, 0, "", 0, 0, "", 0 },
	{ "http://h/a\r\nX: y", TARGET_EBYTE, 0, "", 0, 0, "", 0 },
	{ "http://h/\x7f", TARGET_EBYTE, 0, "", 0, 0, "", 0 },
	{ "http://h/\t", TARGET_EBYTE, 0, "", 0, 0, "", 0 },
	{ "http://[::1/", TARGET_EHOST, 0, "", 0, 0, "", 0 },
	{ "http://[]/", TARGET_EHOST, 0, "", 0, 0, "", 0 },
	{ "http://[::1]x/", TARGET_EHOST, 0, "", 0, 0, "", 0 },
	{ "http://[zz]/", TARGET_EHOST, 0, "", 0, 0, "", 0 },
	{ "http://h%41/", TARGET_EHOST, 0, "", 0, 0, "", 0 },
	{ "ftp://h/", TARGET_ESCHEME, 0, "", 0, 0, "", 0 },
	{ "HTTP://h/", TARGET_ESCHEME, 0, "", 0, 0, "", 0 },
	{ "localhost:8080", TARGET_ESCHEME, 0, "", 0, 0, "", 0 },
	{ "", TARGET_ESCHEME, 0, "", 0, 0, "", 0 },
	{ "unix://relative.sock", TARGET_EPATH, 0, "", 0, 0, "", 0 },
	{ "unix://", TARGET_EPATH, 0, "", 0, 0, "", 0 },
	{ "unix:///", TARGET_EPATH, 0, "", 0, 0, "", 0 },
	{ "file:///tmp/hb?max-age=", TARGET_EQUERY, 0, "", 0, 0, "", 0 },
	{ "file:///tmp/hb?max-age=5x", TARGET_EQUERY, 0, "", 0, 0, "", 0 },
	{ "file:///tmp/hb?age=5s", TARGET_EQUERY, 0, "", 0, 0, "", 0 },
};

int
main(void)
{
	static char longurl[5000];
	struct target t;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		rc = target_parse(cases[i].in, &t);
		T_CHECK(rc == cases[i].rc, "'%s': rc %d, want %d", cases[i].in,
			rc, cases[i].rc);
		if (rc || cases[i].rc)
			continue;
		T_CHECK(t.kind == cases[i].kind && !strcmp(t.host, cases[i].host) &&
				t.host_v6 == cases[i].v6 && t.port == cases[i].port &&
				!strcmp(t.path, cases[i].path) &&
				t.max_age_ms == cases[i].max_age,
			"'%s': kind %d host '%s' v6 %d port %u path '%s' age %llu",
			cases[i].in, t.kind, t.host, t.host_v6, t.port, t.path,
			(unsigned long long)t.max_age_ms);
	}
	memcpy(longurl, "http://h/", 9);
	memset(longurl + 9, 'a', sizeof(longurl) - 10);
	T_CHECK(target_parse(longurl, &t) == TARGET_ELONG, "long path");
	memset(longurl + 7, 'a', 300);
	T_CHECK(target_parse(longurl, &t) == TARGET_ELONG, "long host");
	for (rc = -7; rc <= -1; rc++)
		T_CHECK(strcmp(target_strerror(rc), "bad target"), "text %d", rc);
	return t_done("target");
}
