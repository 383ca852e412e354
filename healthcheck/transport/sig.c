#include <bearssl.h>
#include <string.h>

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
		    !br_ecdsa_i31_vrfy_asn1(&br_ec_all_m31, hash, hlen, &pk,
					    cert->sig.p, cert->sig.len))
			return CHAIN_SIG_BAD;
		return CHAIN_SIG_OK;
	}
	return CHAIN_SIG_UNSUPPORTED;
}

const struct chain_crypto tls_sig = { sig_verify, NULL };
