/*
 * The certificate reader (healthcheck/proto/x509): every name, key,
 * subject and CN found lies inside the input; the names text stays one
 * bounded line of printable bytes; matching a few hosts never reads past
 * a name; a DNS pattern from the input is matched against a host from it.
 */
#include "../../healthcheck/proto/x509.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static const char *const hosts[] = { "localhost", "a.example.com",
					     "127.0.0.1", "::1", "x" };
	uint8_t *p = fuzz_dup(d, n);
	struct x509_info x;
	char mem[1024], *host;
	struct buf b;
	size_t i, cut;

	if (!p)
		return 0;
	if (x509_parse(p, n, &x) == 0) {
		const struct x509_span *spans[] = {
			&x.tbs,	   &x.sigalg, &x.inner,	    &x.sig, &x.issuer,
			&x.subject, &x.spki,   &x.san,	    &x.permitted,
			&x.excluded, &x.ski,   &x.aki,	    &x.serial,
			&x.miscrit, &x.dup,    &x.crit,
		};
		const uint8_t *q = x.san.p, *qe = q ? q + x.san.len : q;
		struct x509_name nm;

		for (i = 0; i < sizeof(spans) / sizeof(spans[0]); i++)
			fuzz_inside(spans[i]->p, spans[i]->len, p, n);
		while (x509_name_next(&q, qe, &nm) > 0)
			fuzz_inside(nm.p, nm.len, p, n);
		fuzz_inside(x.cn, x.cnlen, p, n);
		fuzz_inside(x.icn, x.icnlen, p, n);
		fuzz_inside(x.key.n, x.key.nlen, p, n);
		fuzz_inside(x.key.e, x.key.elen, p, n);
		if (strlen(x.not_before) != 14 || strlen(x.not_after) != 14)
			abort();
		for (i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++)
			x509_matches(&x, hosts[i]);
		buf_init(&b, mem, sizeof(mem));
		x509_names_text(&x, &b);
		for (i = 0; i < b.len; i++)
			if ((unsigned char)mem[i] < 0x20 || mem[i] == 0x7f)
				abort();
	}
	/* A pattern and a host: the input split at its first NUL. */
	cut = strnlen((const char *)d, n);
	host = fuzz_str(d + (cut < n ? cut + 1 : n), n - (cut < n ? cut + 1 : n));
	if (host) {
		x509_dns_matches((const char *)p, cut, host);
		free(host);
	}
	free(p);
	return 0;
}
