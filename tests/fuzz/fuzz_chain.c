/*
 * The path validator (healthcheck/proto/chain) on chains made of the
 * input: its first byte says how many of the certificates that follow
 * are trust anchors (the last ones, 0 to 3), then certificates, each a
 * two-byte big-endian length and its DER (a short one is cut at the
 * input's end).  BearSSL checks the signatures, as in the binary.  The
 * verdict's line must be one printable line; nothing may be read outside
 * the certificates (each its own exact-size copy).
 */
#include "../../healthcheck/proto/chain.h"
#include "../../healthcheck/transport/sig.h"
#include "fuzz.h"

#define MAX 12

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static const char *const hosts[] = { "localhost", "a.unit.test",
					     "127.0.0.1", NULL };
	static struct chain ch;
	struct chain_der sent[MAX];
	struct chain_anchor ta[3];
	struct chain_opts o;
	struct chain_result r;
	struct x509_info x;
	uint8_t *copy[MAX];
	size_t k = 0, i, nta, len;
	char mem[2048];
	struct buf b;

	if (!n)
		return 0;
	nta = d[0] % 4;
	for (i = 1; i < n && k < MAX; k++) {
		len = i + 2 <= n ? (size_t)d[i] << 8 | d[i + 1] : 0;
		i += 2;
		if (len > n - (i < n ? i : n))
			len = n - (i < n ? i : n);
		copy[k] = fuzz_dup(i < n ? d + i : d, len);
		sent[k].p = copy[k];
		sent[k].len = len;
		i += len;
	}
	if (nta >= k)
		nta = k ? k - 1 : 0;
	for (i = 0; i < nta; i++) {
		const struct chain_der *a = &sent[k - nta + i];

		ta[i].der = a->p;
		ta[i].len = a->len;
		ta[i].subject = NULL;
		ta[i].subject_len = 0;
		if (x509_parse(a->p, a->len, &x) == 0) {
			ta[i].subject = x.subject.p;
			ta[i].subject_len = x.subject.len;
		}
	}
	memset(&o, 0, sizeof(o));
	memcpy(o.now, "20270101000000", 15);
	o.eku = X509_EKU_SERVER;
	o.ku = X509_KU_DIGITAL_SIGNATURE;
	o.max_depth = -1;
	o.crypto = &tls_sig;
	for (i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++) {
		size_t j;

		chain_verify(&ch, sent, k - nta, ta, nta, &o, &r);
		buf_init(&b, mem, sizeof(mem));
		chain_text(&r, &b);
		for (j = 0; j < b.len; j++)
			if ((unsigned char)mem[j] < 0x20 || mem[j] == 0x7f)
				abort();
		o.host = hosts[i];
	}
	for (i = 0; i < k; i++)
		free(copy[i]);
	return 0;
}
