/*
 * sig: the signature primitives, over BearSSL, with no I/O: the
 * validator's (proto/chain.c: RSA PKCS#1 v1.5, 2048 to 4096 bits, and
 * ECDSA on P-256, P-384 and P-521, with SHA-256, SHA-384 or SHA-512),
 * and TLS 1.3's handshake signatures, RSA-PSS among them (BearSSL 0.6
 * has the raw RSA operations, not PSS: its encoding is here).
 */
#ifndef HC_TLS_SIG_H
#define HC_TLS_SIG_H

#include <bearssl.h>

#include "../proto/chain.h"

extern const struct chain_crypto tls_sig;

/*
 * A TLS 1.3 CertificateVerify's signature (RFC 8446 4.4.3) over the n
 * bytes of msg, by key, under scheme: ECDSA with the curve the scheme
 * names (P-256/SHA-256, P-384/SHA-384, P-521/SHA-512), or RSA-PSS with
 * an rsaEncryption key and a salt as long as the hash (SHA-256, 384,
 * 512).  CHAIN_SIG_OK, CHAIN_SIG_BAD, or CHAIN_SIG_UNSUPPORTED for a
 * scheme that is none of those or does not fit the key.
 */
int sig_verify13(const struct x509_key *key, unsigned scheme,
		 const uint8_t *msg, size_t n, const uint8_t *sig,
		 size_t sig_len);

/*
 * Our own CertificateVerify (a client certificate): msg signed with the
 * private key under scheme (ECDSA as above; RSA-PSS with seed bytes of
 * salt, as long as the hash).  The signature's length, or 0.
 */
size_t sig_sign13(const br_skey_decoder_context *key, unsigned scheme,
		  const uint8_t *msg, size_t n, const uint8_t *seed,
		  uint8_t *out, size_t cap);

#endif
