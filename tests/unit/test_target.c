#include "../../healthcheck/proto/target.h"
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

/* Database targets: USER:PASSWORD@ and the path. */
static const struct {
	const char *in;
	int rc;
	enum target_kind kind;
	const char *host;
	unsigned port;
	const char *user, *password;
	int has_password;
	const char *path;
	const char *redacted;
} dbs[] = {
	{ "postgres://db", 0, TARGET_POSTGRES, "db", 5432, "", "", 0, "", "postgres://db" },
	{ "postgresql://app:s3cret@db:6432/shop?sslmode=disable", 0, TARGET_POSTGRES, "db", 6432, "app", "", 0, "shop", "postgresql://app:***@db:6432/shop?sslmode=disable" },
	{ "postgres://a%40b@[::1]/my%20db", 0, TARGET_POSTGRES, "::1", 5432, "a@b", "", 0, "my db", "postgres://a%40b@[::1]/my%20db" },
	{ "postgres://u:p@ss@db/", 0, TARGET_POSTGRES, "db", 5432, "u", "", 0, "", "postgres://u:***@db/" },
	{ "redis://cache", 0, TARGET_REDIS, "cache", 6379, "", "", 0, "", "redis://cache" },
	{ "redis://:pw@cache:6380/3", 0, TARGET_REDIS, "cache", 6380, "", "pw", 1, "", "redis://:***@cache:6380/3" },
	{ "redis://:@cache", 0, TARGET_REDIS, "cache", 6379, "", "", 1, "", "redis://:***@cache" },
	{ "redis://:x@cache", 0, TARGET_REDIS, "cache", 6379, "", "x", 1, "", "redis://:***@cache" },
	{ "redis://default:p%3Aw%2Fx@cache", 0, TARGET_REDIS, "cache", 6379, "default", "p:w/x", 1, "", "redis://default:***@cache" },
	{ "redis://:a@b@cache/", 0, TARGET_REDIS, "cache", 6379, "", "a@b", 1, "", "redis://:***@cache/" },
	{ "redis://u:@cache", 0, TARGET_REDIS, "cache", 6379, "u", "", 1, "", "redis://u:***@cache" },
	{ "mysql://db", 0, TARGET_MYSQL, "db", 3306, "", "", 0, "", "mysql://db" },
	{ "mariadb://root:x@db:3307/app", 0, TARGET_MYSQL, "db", 3307, "root", "", 0, "app", "mariadb://root:***@db:3307/app" },
	{ "redis://pw@cache", TARGET_EUSER, 0, "", 0, "", "", 0, "", "" },
	{ "redis://:p%zz@cache", TARGET_EUSER, 0, "", 0, "", "", 0, "", "" },
	{ "redis://:p%0@cache", TARGET_EUSER, 0, "", 0, "", "", 0, "", "" },
	{ "redis://:p%00x@cache", TARGET_EUSER, 0, "", 0, "", "", 0, "", "" },
	{ "redis://:p%0d%0aQUIT@cache", TARGET_EUSER, 0, "", 0, "", "", 0, "", "" },
	{ "redis://:p%7f@cache", TARGET_EUSER, 0, "", 0, "", "", 0, "", "" },
	{ "redis://:%20%7e%80@cache", 0, TARGET_REDIS, "cache", 6379, "", " ~\x80", 1, "", "redis://:***@cache" },
	{ "mariadb:///m%0e", TARGET_EPATH, 0, "", 0, "", "", 0, "", "" },
	{ "redis://cache/db", TARGET_EPATH, 0, "", 0, "", "", 0, "", "" },
	{ "redis://cache/65536", TARGET_EPATH, 0, "", 0, "", "", 0, "", "" },
	{ "redis://cache/?x=1", TARGET_EQUERY, 0, "", 0, "", "", 0, "", "" },
	{ "mysql://db/app?ssl=1", TARGET_EQUERY, 0, "", 0, "", "", 0, "", "" },
	{ "postgres://db/a/b", TARGET_EPATH, 0, "", 0, "", "", 0, "", "" },
	{ "redis://:a/b+c=@cache", 0, TARGET_REDIS, "cache", 6379, "", "a/b+c=", 1, "", "redis://:***@cache" },
	{ "postgres://u:x/y@db/app?sslmode=disable", 0, TARGET_POSTGRES, "db", 5432, "u", "", 0, "app", "postgres://u:***@db/app?sslmode=disable" },
	{ "http://h/a:b@c", 0, TARGET_HTTP, "h", 80, "", "", 0, "/a:b@c", "http://h/a:b@c" },
	{ "postgres://db/a%2", TARGET_EPATH, 0, "", 0, "", "", 0, "", "" },
	{ "tcp://u:p@db:1", TARGET_EHOST, 0, "", 0, "", "", 0, "", "" },
	{ "grpc://u@h:1", TARGET_EHOST, 0, "", 0, "", "", 0, "", "" },
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
	for (i = 0; i < sizeof(dbs) / sizeof(dbs[0]); i++) {
		char red[256];

		rc = target_parse(dbs[i].in, &t);
		T_CHECK(rc == dbs[i].rc, "'%s': rc %d, want %d", dbs[i].in, rc,
			dbs[i].rc);
		if (rc || dbs[i].rc)
			continue;
		T_CHECK(t.kind == dbs[i].kind && !strcmp(t.host, dbs[i].host) &&
				t.port == dbs[i].port &&
				!strcmp(t.user, dbs[i].user) &&
				!strcmp(t.password, dbs[i].password) &&
				t.has_password == dbs[i].has_password &&
				!strcmp(t.path, dbs[i].path),
			"'%s': kind %d host '%s' port %u user '%s' password '%s' %d path '%s'",
			dbs[i].in, t.kind, t.host, t.port, t.user, t.password,
			t.has_password, t.path);
		strcpy(red, dbs[i].in);
		target_redact(red, sizeof(red), &t);
		T_CHECK(!strcmp(red, dbs[i].redacted), "'%s' redacted: '%s'",
			dbs[i].in, red);
	}
	memcpy(longurl, "http://h/", 9);
	memset(longurl + 9, 'a', sizeof(longurl) - 10);
	T_CHECK(target_parse(longurl, &t) == TARGET_ELONG, "long path");
	memset(longurl + 7, 'a', 300);
	T_CHECK(target_parse(longurl, &t) == TARGET_ELONG, "long host");
	for (rc = -8; rc <= -1; rc++)
		T_CHECK(strcmp(target_strerror(rc), "bad target"), "text %d", rc);
	return t_done("target");
}
