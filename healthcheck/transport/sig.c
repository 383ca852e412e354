#include <bearssl.h>
#include <string.h>

#include "p256.h"
#include "sig.h"

/*
 * Whether signer's key signed cert: the hash of cert's signed bytes,
 * then BearSSL's constant-time verification (i31 RSA, m31 curves: the
 * implementations the TLS engine links already).  Returns CHAIN_SIG_OK,
 * CHAIN_SIG_BAD, or CHAIN_SIG_UNSUPPORTED for an RSA key over 4096 bits.
 */
static int
sig_verify(void *ctx, const struct x509_info *signer,
	   const struct x509_info *cert)
{
	static const struct {
		const br_hash_class *h;
		const unsigned char *oid;
	} hashes[] = {
		[X509_SIG_RSA_SHA256] = { &br_sha256_vtable,
					  BR_HASH_OID_SHA256 },
		[X509_SIG_RSA_SHA384] = { &br_sha384_vtable,
					  BR_HASH_OID_SHA384 },
		[X509_SIG_RSA_SHA512] = { &br_sha512_vtable,
					  BR_HASH_OID_SHA512 },
		[X509_SIG_ECDSA_SHA256] = { &br_sha256_vtable, NULL },
		[X509_SIG_ECDSA_SHA384] = { &br_sha384_vtable, NULL },
		[X509_SIG_ECDSA_SHA512] = { &br_sha512_vtable, NULL },
	};
	br_hash_compat_context hc;
	unsigned char hash[64], got[64];
	const br_hash_class *h;
	size_t hlen;

	(void)ctx;
	if ((size_t)cert->sig_alg >= sizeof(hashes) / sizeof(hashes[0]) ||
	    !(h = hashes[cert->sig_alg].h))
		return CHAIN_SIG_UNSUPPORTED;
	hlen = (h->desc >> BR_HASHDESC_OUT_OFF) & BR_HASHDESC_OUT_MASK;
	h->init(&hc.vtable);
	h->update(&hc.vtable, cert->tbs.p, cert->tbs.len);
	h->out(&hc.vtable, hash);
	if (signer->key.type == X509_KEY_RSA) {
		br_rsa_public_key pk;

		if (signer->key.bits > 4096)
			return CHAIN_SIG_UNSUPPORTED;
		pk.n = (unsigned char *)signer->key.n;
		pk.nlen = signer->key.nlen;
		pk.e = (unsigned char *)signer->key.e;
		pk.elen = signer->key.elen;
		if (!hashes[cert->sig_alg].oid ||
		    !br_rsa_i31_pkcs1_vrfy(cert->sig.p, cert->sig.len,
					   hashes[cert->sig_alg].oid, hlen, &pk,
					   got) ||
		    memcmp(got, hash, hlen))
			return CHAIN_SIG_BAD;
		return CHAIN_SIG_OK;
	}
	if (signer->key.type == X509_KEY_EC) {
		br_ec_public_key pk;

		pk.curve = signer->key.curve;
		pk.q = (unsigned char *)signer->key.n;
		pk.qlen = signer->key.nlen;
		if (hashes[cert->sig_alg].oid ||
		    !p256_vrfy_asn1(&p256_ec, hash, hlen, &pk, cert->sig.p,
				    cert->sig.len))
			return CHAIN_SIG_BAD;
		return CHAIN_SIG_OK;
	}
	return CHAIN_SIG_UNSUPPORTED;
}

const struct chain_crypto tls_sig = { sig_verify, NULL };

/* The hash of a TLS 1.3 signature scheme (ECDSA's or RSA-PSS's), and for
 * ECDSA the curve it names; NULL for a scheme we do not take. */
static const br_hash_class *
scheme_hash(unsigned scheme, int *curve, int *pss)
{
	*pss = (scheme >> 8) == 0x08;
	switch (scheme) {
	case 0x0403:
		*curve = BR_EC_secp256r1;
		return &br_sha256_vtable;
	case 0x0503:
		*curve = BR_EC_secp384r1;
		return &br_sha384_vtable;
	case 0x0603:
		*curve = BR_EC_secp521r1;
		return &br_sha512_vtable;
	case 0x0804:
		return &br_sha256_vtable;
	case 0x0805:
		return &br_sha384_vtable;
	case 0x0806:
		return &br_sha512_vtable;
	}
	return NULL;
}

static size_t
digest(const br_hash_class *h, const void *a, size_t an, const void *b,
       size_t bn, uint8_t *out)
{
	br_hash_compat_context hc;

	h->init(&hc.vtable);
	h->update(&hc.vtable, a, an);
	h->update(&hc.vtable, b, bn);
	h->out(&hc.vtable, out);
	return (h->desc >> BR_HASHDESC_OUT_OFF) & BR_HASHDESC_OUT_MASK;
}

/* db ^= MGF1(seed) (RFC 8017 B.2.1), len bytes. */
static void
mgf1(const br_hash_class *h, const uint8_t *seed, size_t slen, uint8_t *db,
     size_t len)
{
	uint8_t ctr[4] = { 0 }, t[64];
	size_t done, k, hl;

	for (done = 0; done < len; done += hl) {
		hl = digest(h, seed, slen, ctr, 4, t);
		for (k = 0; k < hl && done + k < len; k++)
			db[done + k] ^= t[k];
		if (!++ctr[3])
			++ctr[2];
	}
}

/* H = Hash(8 zeros | mhash | salt) (RFC 8017 9.1.1 step 6). */
static void
pss_h(const br_hash_class *h, const uint8_t *mhash, size_t hl,
      const uint8_t *salt, uint8_t *out)
{
	uint8_t m[8 + 64 + 64] = { 0 };

	memcpy(m + 8, mhash, hl);
	memcpy(m + 8 + hl, salt, hl);
	digest(h, m, 8 + 2 * hl, NULL, 0, out);
}

/* The bits of a big-endian number of n bytes. */
static size_t
bits(const uint8_t *x, size_t n)
{
	size_t b;

	while (n && !*x)
		x++, n--;
	if (!n)
		return 0;
	for (b = 8; !(x[0] >> (b - 1)); b--)
		;
	return (n - 1) * 8 + b;
}

int
sig_verify13(const struct x509_key *key, unsigned scheme, const uint8_t *msg,
	     size_t n, const uint8_t *sig, size_t sig_len)
{
	const br_hash_class *h;
	uint8_t mhash[64], em[512], want[64];
	size_t hl, k, embits, emlen, dblen, i;
	int curve = 0, pss;
	uint8_t *db;

	if (!(h = scheme_hash(scheme, &curve, &pss)))
		return CHAIN_SIG_UNSUPPORTED;
	hl = digest(h, msg, n, NULL, 0, mhash);
	if (!pss) {
		br_ec_public_key pk;

		if (key->type != X509_KEY_EC || key->curve != curve)
			return CHAIN_SIG_UNSUPPORTED;
		pk.curve = curve;
		pk.q = (unsigned char *)key->n;
		pk.qlen = key->nlen;
		return p256_vrfy_asn1(&p256_ec, mhash, hl, &pk, sig, sig_len)
			   ? CHAIN_SIG_OK
			   : CHAIN_SIG_BAD;
	}
	/* RSASSA-PSS (RFC 8017 8.1.2, 9.1.2), salt as long as the hash. */
	if (key->type != X509_KEY_RSA || key->bits > 4096)
		return CHAIN_SIG_UNSUPPORTED;
	{
		br_rsa_public_key pk = { (unsigned char *)key->n, key->nlen,
					 (unsigned char *)key->e, key->elen };

		while (pk.nlen && !pk.n[0])
			pk.n++, pk.nlen--;
		k = pk.nlen;
		if (sig_len != k || k > sizeof(em))
			return CHAIN_SIG_BAD;
		memcpy(em, sig, k);
		if (!br_rsa_i31_public(em, k, &pk))
			return CHAIN_SIG_BAD;
		embits = bits(pk.n, pk.nlen) - 1;
	}
	emlen = (embits + 7) / 8;
	db = em + (k - emlen); /* a leading zero byte when emBits % 8 == 0 */
	if (k != emlen && em[0])
		return CHAIN_SIG_BAD;
	if (emlen < 2 * hl + 2 || db[emlen - 1] != 0xbc ||
	    db[0] >> (8 - (8 * emlen - embits)))
		return CHAIN_SIG_BAD;
	dblen = emlen - hl - 1;
	mgf1(h, db + dblen, hl, db, dblen);
	db[0] &= (uint8_t)(0xff >> (8 * emlen - embits));
	for (i = 0; i < dblen - hl - 1; i++)
		if (db[i])
			return CHAIN_SIG_BAD;
	if (db[i] != 0x01)
		return CHAIN_SIG_BAD;
	pss_h(h, mhash, hl, db + dblen - hl, want);
	return memcmp(want, db + dblen, hl) ? CHAIN_SIG_BAD : CHAIN_SIG_OK;
}

size_t
sig_sign13(const br_skey_decoder_context *key, unsigned scheme,
	   const uint8_t *msg, size_t n, const uint8_t *seed, uint8_t *out,
	   size_t cap)
{
	const br_hash_class *h;
	uint8_t mhash[64];
	size_t hl, k, embits, emlen, dblen;
	int curve = 0, pss;
	uint8_t *db;

	if (!(h = scheme_hash(scheme, &curve, &pss)))
		return 0;
	hl = digest(h, msg, n, NULL, 0, mhash);
	if (!pss) {
		const br_ec_private_key *sk = br_skey_decoder_get_ec(key);

		if (!sk || sk->curve != curve || cap < 160)
			return 0;
		return br_ecdsa_i31_sign_asn1(&p256_ec, h, mhash, sk, out);
	}
	{
		const br_rsa_private_key *sk = br_skey_decoder_get_rsa(key);

		if (!sk || (k = (sk->n_bitlen + 7) / 8) > cap)
			return 0;
		embits = sk->n_bitlen - 1;
	}
	/* EMSA-PSS-ENCODE (RFC 8017 9.1.1): DB = zeros | 01 | salt,
	 * masked; then H and 0xbc. */
	emlen = (embits + 7) / 8;
	memset(out, 0, k);
	db = out + (k - emlen);
	dblen = emlen - hl - 1;
	if (emlen < 2 * hl + 2)
		return 0;
	db[dblen - hl - 1] = 0x01;
	memcpy(db + dblen - hl, seed, hl);
	pss_h(h, mhash, hl, seed, db + dblen);
	mgf1(h, db + dblen, hl, db, dblen);
	db[0] &= (uint8_t)(0xff >> (8 * emlen - embits));
	db[emlen - 1] = 0xbc;
	return br_rsa_i31_private(out, br_skey_decoder_get_rsa(key)) ? k : 0;
}
