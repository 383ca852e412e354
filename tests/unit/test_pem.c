/*
 * proto/pem: a real certificate's PEM decoded to its DER, split at every
 * line and with CRLF line ends; text around objects skipped; bad base64,
 * headers (an old encrypted key), a stray END and a name mismatch
 * refused.
 */
#include <stdint.h>

#include "../../healthcheck/proto/pem.h"
#include "t.h"
#include "x509_certs.h"

/* Feed text line by line; the DER of its one object into der. */
static int
decode(const char *text, uint8_t *der, size_t cap, size_t *n, char *name)
{
	struct pem p;
	uint8_t out[128];
	size_t len, on;
	const char *nl;
	int ev, ends = 0;

	pem_init(&p);
	*n = 0;
	for (; *text; text = nl + (*nl != '\0')) {
		nl = strchr(text, '\n');
		if (!nl)
			nl = text + strlen(text);
		len = (size_t)(nl - text);
		ev = pem_line(&p, t_guard(text, len), len, out, &on);
		if (ev < 0)
			return ev;
		if (ev == PEM_BEGIN)
			strcpy(name, p.name);
		if (ev == PEM_DATA) {
			if (*n + on > cap)
				return -9;
			memcpy(der + *n, out, on);
			*n += on;
		}
		ends += ev == PEM_END;
	}
	return ends;
}

int
main(void)
{
	static const struct {
		const char *text;
		int want;
	} bad[] = {
		{ "-----BEGIN X-----\nQUJD*\n-----END X-----\n", PEM_EBAD },
		{ "-----BEGIN X-----\nQQ==QQ==\n-----END X-----\n", PEM_EBAD },
		{ "-----BEGIN X-----\nProc-Type: 4,ENCRYPTED\nQUJD\n"
		  "-----END X-----\n",
		  PEM_EBAD },
		{ "-----END X-----\n", PEM_EBAD },
		{ "-----BEGIN X-----\nQUJD\n-----END Y-----\n", PEM_EBAD },
		{ "-----BEGIN X-----\nQUJDR\n-----END X-----\n", PEM_EBAD },
		{ "hello\n-----BEGIN X-----\nQUJD\n-----END X-----\nbye\n", 1 },
		{ "-----BEGIN X-----\r\n QU JD \r\n-----END X-----\r\n", 1 },
		{ "-----BEGIN X-----\nQUI=\n-----END X-----\n", 1 },
		{ "-----BEGIN X-----\n-----END X-----\n", 1 },
	};
	static char crlf[4096];
	uint8_t der[2048];
	char name[PEM_NAME];
	size_t n, i, k;
	int rc;

	rc = decode(cert_a_pem, der, sizeof(der), &n, name);
	T_CHECK(rc == 1 && !strcmp(name, "CERTIFICATE"), "a: one object");
	T_CHECK(n == sizeof(cert_a) && !memcmp(der, cert_a, n),
		"a: the DER (%zu bytes)", n);
	for (i = 0, k = 0; cert_a_pem[i]; i++) {
		if (cert_a_pem[i] == '\n')
			crlf[k++] = '\r';
		crlf[k++] = cert_a_pem[i];
	}
	rc = decode(crlf, der, sizeof(der), &n, name);
	T_CHECK(rc == 1 && n == sizeof(cert_a) && !memcmp(der, cert_a, n),
		"a with CRLF");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		rc = decode(bad[i].text, der, sizeof(der), &n, name);
		T_CHECK(rc == bad[i].want, "case %zu: %d, want %d", i, rc,
			bad[i].want);
	}
	rc = decode("-----BEGIN X-----\nQUJD\n-----END X-----\n", der,
		    sizeof(der), &n, name);
	T_CHECK(rc == 1 && n == 3 && !memcmp(der, "ABC", 3), "ABC");
	rc = decode("-----BEGIN X-----\nQUI=\n-----END X-----\n", der,
		    sizeof(der), &n, name);
	T_CHECK(rc == 1 && n == 2 && !memcmp(der, "AB", 2), "AB=");
	/* A name longer than the buffer is refused, not cut. */
	memset(crlf, 'N', 200);
	memcpy(crlf, "-----BEGIN ", 11);
	memcpy(crlf + 200, "-----\n", 7);
	rc = decode(crlf, der, sizeof(der), &n, name);
	T_CHECK(rc == PEM_EBAD, "a 190-byte name");
	return t_done("pem");
}
