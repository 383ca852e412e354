/*
 * p256: ECDSA verification on P-256, fast where the compiler has 128-bit
 * integers (see p256.c).  No I/O.
 */
#ifndef HC_P256_H
#define HC_P256_H

#include <bearssl.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Whether (r, s) (32 bytes each, big-endian) is a signature of hash by
 * the uncompressed point q (65 bytes): 1 or 0.  A hash longer than 32
 * bytes is cut to its leftmost 32 (FIPS 186-4 6.4).
 */
int p256_verify(const uint8_t *q, size_t qlen, const uint8_t *hash, size_t hlen,
		const uint8_t *sig_r, const uint8_t *sig_s);

/*
 * BearSSL's br_ecdsa_vrfy, for its engine and ours: P-256 here, other
 * curves by BearSSL's i31 code.
 */
uint32_t p256_vrfy_asn1(const br_ec_impl *impl, const void *hash,
			size_t hash_len, const br_ec_public_key *pk,
			const void *sig, size_t sig_len);

/*
 * The EC implementation for the rest (key shares, ECDH, signing, the
 * other curves' verification): BearSSL's m31 X25519 and generic i31
 * NIST curves, without its 8 KiB m31 P-256.
 */
extern const br_ec_impl p256_ec;

#endif
