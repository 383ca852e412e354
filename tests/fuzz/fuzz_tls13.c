/*
 * TLS 1.3's message readers (healthcheck/proto/tls13): the first byte
 * picks one (ServerHello, EncryptedExtensions, Certificate,
 * CertificateVerify, CertificateRequest, a record header, an inner
 * plaintext), the rest is its input.  Whatever they accept, every
 * pointer they hand back lies inside the input, every length with it.
 */
#include "../../healthcheck/proto/tls13.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static const uint8_t sid[32];
	struct tls13_server_hello sh;
	struct tls13_cert certs[TLS13_SENT];
	const uint8_t *a, *b;
	uint8_t *p, type;
	size_t i, k, m;
	uint16_t scheme;

	if (n < 1)
		return 0;
	p = fuzz_dup(d + 1, n - 1);
	if (!p)
		return 0;
	n--;
	switch (d[0] % 7) {
	case 0:
		if (tls13_server_hello(p, n, sid, d[0] & 8 ? 32 : 0, &sh) == 0) {
			fuzz_inside(sh.share, sh.share_len, p, n);
			fuzz_inside(sh.cookie, sh.cookie_len, p, n);
		}
		break;
	case 1:
		if (tls13_encrypted_extensions(p, n, d[0] & 8 ? "h2" : NULL,
					       &a, &k) == 0)
			fuzz_inside(a, k, p, n);
		break;
	case 2:
		if (tls13_certificate(p, n, certs, &k, &m) == 0) {
			if (k > TLS13_SENT || k > m)
				abort();
			for (i = 0; i < k; i++)
				fuzz_inside(certs[i].p, certs[i].len, p, n);
		}
		break;
	case 3:
		if (tls13_certificate_verify(p, n, &scheme, &a, &k) == 0)
			fuzz_inside(a, k, p, n);
		break;
	case 4:
		if (tls13_certificate_request(p, n, &a, &k, &b, &m) == 0) {
			fuzz_inside(a, k, p, n);
			fuzz_inside(b, 2 * m, p, n);
		}
		break;
	case 5:
		if (n >= 5 && tls13_record_header(p, d[0] & 8, &type, &k) == 0 &&
		    k > 16384 + 256)
			abort();
		break;
	case 6: {
		long r = tls13_inner(p, n, &type);

		if (r > (long)n || r > 16384)
			abort();
		break;
	}
	}
	free(p);
	return 0;
}
