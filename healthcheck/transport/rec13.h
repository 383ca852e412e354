/*
 * rec13: TLS 1.3's primitives for a suite (RFC 8446 5.2, B.4), over
 * BearSSL, with no I/O: the suite's hash and HMAC for the key schedule
 * (proto/tls13.c), and record protection, one direction at a time.
 * AES-128-GCM and AES-256-GCM (BearSSL's constant-time AES and GHASH),
 * ChaCha20-Poly1305.
 */
#ifndef HC_REC13_H
#define HC_REC13_H

#include <bearssl.h>
#include <stddef.h>
#include <stdint.h>

#include "../proto/tls13.h"

#define REC13_TAG 16

/* The hash of a suite (SHA-256, or SHA-384 for AES-256-GCM); NULL for
 * a suite that is not TLS 1.3's. */
const struct tls13_hash *rec13_hash(uint16_t suite);

/* One direction's protection: the keys of a traffic secret and the
 * record sequence number. */
struct rec13 {
	uint16_t suite;
	uint8_t key[32], iv[12];
	uint64_t seq;
	br_aes_ct64_ctr_keys aes;
};

/* Keys for secret under suite; the sequence starts at 0. */
void rec13_keys(struct rec13 *r, uint16_t suite, const uint8_t *secret);

/*
 * Protect n bytes of content of the given type into out (room for n +
 * 6 + REC13_TAG): the whole record, header first; its length.
 */
size_t rec13_seal(struct rec13 *r, uint8_t type, const uint8_t *in, size_t n,
		  uint8_t *out);

/*
 * Unprotect the record at rec (its 5-byte header and n bytes after it),
 * in place: the content starts at rec + 5.  Returns its length and sets
 * *type, or TLS13_EDECODE (too short, or all padding),
 * TLS13_EOVERFLOW (content over 2^14), -6 (REC13_EMAC: the tag does not
 * verify).
 */
#define REC13_EMAC (-6)
long rec13_open(struct rec13 *r, uint8_t *rec, size_t n, uint8_t *type);

#endif
