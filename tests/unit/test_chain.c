/*
 * proto/chain: a real chain (tests/unit/chain_certs.h: an ECDSA root, an
 * RSA intermediate with pathlen 0, an ECDSA P-384 leaf, and a decoy with
 * the intermediate's name and another key) validated in every order,
 * with unrelated certificates between, at times before and after, for
 * names it has and has not, against anchors that are the root, the
 * intermediate, the leaf or nothing; every outcome's line; and every
 * prefix of each certificate against an unmapped page (refused, never
 * overread); an RSA 8192 key refused with the words of BearSSL's limit.  Signatures by BearSSL (healthcheck/transport/sig.c).
 */
#include <stdint.h>
#include <stdlib.h>

#include "../../healthcheck/proto/chain.h"
#include "../../healthcheck/transport/sig.h"
#include "chain_certs.h"
#include "t.h"

#define DER(a) { a, sizeof(a) }

static const struct chain_der root = DER(chain_root),
			      inter = DER(chain_inter),
			      leaf = DER(chain_leaf),
			      other = DER(chain_other), big = DER(chain_big);

static struct chain ch;

static struct chain_anchor
anchor(struct chain_der d)
{
	struct chain_anchor a = { d.p, d.len, NULL, 0 };
	struct x509_info x;

	if (x509_parse(d.p, d.len, &x) == 0) {
		a.subject = x.subject.p;
		a.subject_len = x.subject.len;
	}
	return a;
}

/* A crypto that refuses every signature. */
static int
refuse(void *ctx, const struct x509_info *signer, const struct x509_info *x)
{
	(void)ctx;
	(void)signer;
	(void)x;
	return CHAIN_SIG_BAD;
}

static const struct chain_crypto refusing = { refuse, NULL };

static const char *
now_of(const char *t)
{
	return t ? t : "20270101000000";
}

/* Validate sent[0..n) against anchors ta[0..nta); the line into text. */
static enum chain_err
check(const struct chain_der *sent, size_t n, const struct chain_anchor *ta,
      size_t nta, const char *host, const char *now, char *text, size_t tn)
{
	struct chain_opts o;
	struct chain_result r;
	struct buf b;
	enum chain_err e;
	size_t i;

	memset(&o, 0, sizeof(o));
	o.host = host;
	memcpy(o.now, now_of(now), 15);
	o.eku = X509_EKU_SERVER;
	o.ku = X509_KU_DIGITAL_SIGNATURE;
	o.max_depth = -1;
	o.crypto = &tls_sig;
	e = chain_verify(&ch, sent, n, ta, nta, &o, &r);
	buf_init(&b, text, tn);
	chain_text(&r, &b);
	for (i = 0; text[i]; i++)
		if ((unsigned char)text[i] < 0x20 || text[i] == 0x7f)
			return (enum chain_err)-1; /* not one printable line */
	return e;
}

static void
orders(void)
{
	struct chain_anchor ta[2] = { anchor(root), anchor(other) };
	char t[1024];
	static const struct {
		struct chain_der s[5];
		size_t n;
		const char *what;
	} ok[] = {
		{ { leaf, inter }, 2, "in order" },
		{ { leaf, inter, root }, 3, "with the root" },
		{ { leaf, root, inter }, 3, "out of order" },
		{ { leaf, other, root, inter }, 4, "a decoy between" },
		{ { leaf, other, other, inter, inter }, 5, "repeated" },
	};
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		T_CHECK(check(ok[i].s, ok[i].n, ta, 2, "localhost", NULL, t,
			      sizeof(t)) == CHAIN_OK,
			"%s: %s", ok[i].what, t);
	T_CHECK(check(ok[0].s, 2, ta, 2, "a.unit.test", NULL, t, sizeof(t)) ==
		    CHAIN_OK,
		"the wildcard: %s", t);
	T_CHECK(check(ok[0].s, 2, ta, 2, "127.0.0.1", NULL, t, sizeof(t)) ==
		    CHAIN_OK,
		"the IP: %s", t);
	T_CHECK(check(ok[0].s, 2, ta, 2, NULL, NULL, t, sizeof(t)) == CHAIN_OK,
		"no name: %s", t);
	T_CHECK(check(ok[0].s, 2, ta, 2, "a.b.unit.test", NULL, t, sizeof(t)) ==
			CHAIN_NAME_MISMATCH &&
		    strstr(t, "the certificate is for DNS:localhost, "
			      "DNS:*.unit.test, IP:127.0.0.1, not a.b.unit.test"),
		"mismatch: %s", t);
	T_CHECK(check(ok[0].s, 1, ta, 2, "localhost", NULL, t, sizeof(t)) ==
			CHAIN_UNKNOWN_ISSUER &&
		    strstr(t, "from the server's certificate (CN=unit-leaf), "
			      "issued by CN=unit-intermediate (1 certificate "
			      "sent: CN=unit-leaf)"),
		"no intermediate: %s", t);
	T_CHECK(strstr(t, "CN=unit-intermediate has that name but another key"),
		"... the decoy named: %s", t);
	T_CHECK(check(ok[3].s, 3, ta + 1, 1, "localhost", NULL, t, sizeof(t)) !=
		    CHAIN_OK,
		"only the decoy as anchor: %s", t);
	T_CHECK(check(ok[0].s, 2, ta, 2, "localhost", "20261201000000", t,
		      sizeof(t)) == CHAIN_NOT_YET_VALID &&
		    strstr(t, "the server's certificate (CN=unit-leaf) is not "
			      "valid before 2026-12-07 (now 2026-12-01)"),
		"before: %s", t);
	T_CHECK(check(ok[0].s, 2, ta, 2, NULL, "21230101000000", t,
		      sizeof(t)) == CHAIN_EXPIRED &&
		    strstr(t, "expired on 2122-10-05"),
		"after: %s", t);
	T_CHECK(check(ok[0].s, 2, ta, 2, NULL, "21260101000000", t,
		      sizeof(t)) == CHAIN_EXPIRED,
		"after the intermediate too: %s", t);
	ta[0] = anchor(inter);
	T_CHECK(check(ok[0].s, 1, ta, 1, "localhost", NULL, t, sizeof(t)) ==
		    CHAIN_OK,
		"the intermediate as the anchor: %s", t);
	ta[0] = anchor(leaf);
	T_CHECK(check(ok[0].s, 1, ta, 1, "localhost", NULL, t, sizeof(t)) ==
		    CHAIN_OK,
		"the leaf itself as the anchor: %s", t);
	T_CHECK(check(ok[0].s, 0, ta, 1, "localhost", NULL, t, sizeof(t)) ==
		    CHAIN_EMPTY,
		"nothing sent: %s", t);
	ta[0] = anchor(big);
	T_CHECK(check(&big, 1, ta, 1, "localhost", NULL, t, sizeof(t)) ==
			CHAIN_KEY_UNSUPPORTED &&
		    strstr(t, "the server's certificate (CN=unit-rsa8192) has "
			      "an RSA key of 8192 bits (over 4096: BearSSL "
			      "verifies none larger)"),
		"RSA 8192, refused saying why: %s", t);
}

static void
bad_signatures(void)
{
	struct chain_anchor ta = anchor(root);
	struct chain_der s[2] = { leaf, inter };
	struct chain_opts o;
	struct chain_result r;
	char t[512];
	struct buf b;

	memset(&o, 0, sizeof(o));
	memcpy(o.now, now_of(NULL), 15);
	o.eku = X509_EKU_SERVER;
	o.max_depth = -1;
	o.crypto = &refusing;
	T_CHECK(chain_verify(&ch, s, 2, &ta, 1, &o, &r) == CHAIN_UNKNOWN_ISSUER,
		"a refused signature: no issuer");
	buf_init(&b, t, sizeof(t));
	chain_text(&r, &b);
	T_CHECK(strstr(t, "CN=unit-intermediate has that name but another key"),
		"... the one with the name, named: %s", t);
	o.max_depth = 0;
	o.crypto = &tls_sig;
	T_CHECK(chain_verify(&ch, s, 2, &ta, 1, &o, &r) == CHAIN_TOO_DEEP,
		"max depth 0 with an intermediate");
}

/* Every prefix of each certificate, as the leaf and as an intermediate. */
static void
prefixes(void)
{
	static const struct chain_der *all[] = { &root, &inter, &leaf, &other };
	struct chain_anchor ta = anchor(root);
	char t[1024];
	size_t i, k;

	for (i = 0; i < 4; i++)
		for (k = 0; k < all[i]->len; k++) {
			struct chain_der s[2];

			s[0].p = (const uint8_t *)t_guard(
			    (const char *)all[i]->p, k);
			s[0].len = k;
			T_CHECK(check(s, 1, &ta, 1, "localhost", NULL, t,
				      sizeof(t)) == CHAIN_MALFORMED,
				"cert %zu: prefix %zu as the leaf: %s", i, k,
				t);
			s[1] = s[0];
			s[0] = leaf;
			T_CHECK(check(s, 2, &ta, 1, "localhost", NULL, t,
				      sizeof(t)) > CHAIN_OK,
				"cert %zu: prefix %zu as an intermediate", i,
				k);
		}
}

int
main(void)
{
	orders();
	bad_signatures();
	prefixes();
	return t_done("chain");
}
