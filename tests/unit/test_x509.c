/*
 * proto/x509: two real certificates (tests/unit/x509_certs.h) walked at
 * every length (every prefix is refused, never overread: each sits
 * before an unmapped page), the names and keys found, RFC 6125 matching
 * as Go's crypto/x509 does it, the texts, and civil dates.
 */
#include <stdint.h>

#include "../../healthcheck/proto/x509.h"
#include "t.h"
#include "x509_certs.h"

static const struct {
	const char *pattern, *host;
	int want;
} dns[] = {
	{ "localhost", "localhost", 1 },
	{ "localhost", "LOCALHOST", 1 },
	{ "LocalHost.", "localhost", 1 },
	{ "localhost", "localhost.", 1 },
	{ "localhost", "localhos", 0 },
	{ "localhost", "localhostx", 0 },
	{ "*.example.com", "a.example.com", 1 },
	{ "*.example.com", "A.EXAMPLE.COM", 1 },
	{ "*.example.com", "example.com", 0 },
	{ "*.example.com", "a.b.example.com", 0 },
	{ "*.example.com", ".example.com", 0 },
	{ "*.com", "a.com", 0 },
	{ "*", "a", 0 },
	{ "*.", "a.", 0 },
	{ "f*.example.com", "foo.example.com", 0 },
	{ "*o.example.com", "foo.example.com", 0 },
	{ "a.*.com", "a.b.com", 0 },
	{ "*.*.com", "a.b.com", 0 },
	{ "xn--*.example.com", "xn--a.example.com", 0 },
	{ "", "", 0 },
	{ "a", "", 0 },
	{ "*.example.com", "*.example.com", 1 },
};

static const struct {
	const char *host;
	int want;
} hosts_a[] = {
	{ "localhost", 1 },	 { "www.example.com", 1 },
	{ "example.com", 0 },	 { "127.0.0.1", 1 },
	{ "127.0.0.2", 0 },	 { "::1", 1 },
	{ "0:0:0:0:0:0:0:1", 1 }, { "::0.0.0.1", 1 },
	{ "::2", 0 },		 { "test.example", 0 },
	{ "a@b.c", 0 },		 { "127.0.0.01", 0 },
	{ "1::1::1", 0 },	 { "::1:", 0 },
	{ "12345::1", 0 },	 { "", 0 },
};

static void
check_times(void)
{
	static const struct {
		uint64_t t;
		const char *want;
	} times[] = {
		{ 0, "19700101000000" },
		{ 951782400, "20000229000000" },
		{ 1577923199, "20200101235959" },
		{ 4102444800u, "21000101000000" },
		{ 253402300799u, "99991231235959" },
		{ 253402300800u, "99990101000000" },
	};
	char out[15];
	struct buf b;
	char mem[16];
	size_t i;

	for (i = 0; i < sizeof(times) / sizeof(times[0]); i++) {
		x509_time_text(times[i].t, out);
		T_CHECK(!strcmp(out, times[i].want), "time %llu: %s",
			(unsigned long long)times[i].t, out);
	}
	buf_init(&b, mem, sizeof(mem));
	x509_date_text("20200102030405", &b);
	T_CHECK(!strcmp(mem, "2020-01-02"), "date text: %s", mem);
}

int
main(void)
{
	struct x509_info x;
	char mem[512];
	struct buf b;
	size_t i;
	int rc;

	/* Every proper prefix is refused; the whole is taken. */
	for (i = 0; i < sizeof(cert_a); i++)
		T_CHECK(x509_parse((const uint8_t *)t_guard((const char *)cert_a,
							   i),
				   i, &x) == X509_EBAD,
			"a: prefix %zu taken", i);
	rc = x509_parse((const uint8_t *)t_guard((const char *)cert_a,
						 sizeof(cert_a)),
			sizeof(cert_a), &x);
	T_CHECK(rc == 0, "a parses");
	T_CHECK(x.has_san && x.san.len && x.version == 3, "a: v3, a SAN");
	T_CHECK(x.is_ca, "a: CA");
	T_CHECK(x.key.type == X509_KEY_EC && x.key.curve == 23 &&
		    x.key.nlen == 65 && x.key.n[0] == 4,
		"a: P-256 point");
	T_CHECK(x.cn && x.cnlen == 12 && !memcmp(x.cn, "test.example", 12),
		"a: CN");
	T_CHECK(x.subject.p && x.subject.p[0] == 0x30, "a: subject DER");
	T_CHECK(strlen(x.not_before) == 14 && strlen(x.not_after) == 14 &&
		    strcmp(x.not_before, x.not_after) < 0,
		"a: dates %s %s", x.not_before, x.not_after);
	for (i = 0; i < sizeof(hosts_a) / sizeof(hosts_a[0]); i++)
		T_CHECK(x509_matches(&x, hosts_a[i].host) == hosts_a[i].want,
			"a for '%s'", hosts_a[i].host);
	buf_init(&b, mem, sizeof(mem));
	x509_names_text(&x, &b);
	T_CHECK(!strcmp(mem, "DNS:localhost, DNS:*.example.com, IP:127.0.0.1, "
			     "IP:::1"),
		"a: names text: %s", mem);

	for (i = 0; i < sizeof(cert_b); i++)
		T_CHECK(x509_parse((const uint8_t *)t_guard((const char *)cert_b,
							   i),
				   i, &x) == X509_EBAD,
			"b: prefix %zu taken", i);
	rc = x509_parse((const uint8_t *)t_guard((const char *)cert_b,
						 sizeof(cert_b)),
			sizeof(cert_b), &x);
	T_CHECK(rc == 0 && !x.has_san && !x.san.len && !x.is_ca, "b parses");
	T_CHECK(x.key.type == X509_KEY_RSA && x.key.nlen == 256 &&
		    x.key.n[0] >= 0x80 && x.key.elen == 3,
		"b: RSA 2048, e 65537");
	T_CHECK(!x509_matches(&x, "legacy.example"),
		"b: the CN is never matched (Go 1.15+)");
	buf_init(&b, mem, sizeof(mem));
	x509_names_text(&x, &b);
	T_CHECK(!strcmp(mem, "no subjectAltName (CN=legacy.example, not used "
			     "for matching)"),
		"b: names text: %s", mem);

	for (i = 0; i < sizeof(dns) / sizeof(dns[0]); i++)
		T_CHECK(x509_dns_matches(dns[i].pattern, strlen(dns[i].pattern),
					 dns[i].host) == dns[i].want,
			"'%s' for '%s'", dns[i].pattern, dns[i].host);
	T_CHECK(!x509_dns_matches("a\0b", 3, "a"), "a NUL in a SAN");
	check_times();
	return t_done("x509");
}
