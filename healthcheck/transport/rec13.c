/*
 * rec13: see rec13.h.  The nonce is the IV with the sequence number
 * XORed into its last 8 bytes; the additional data is the record's
 * header (RFC 8446 5.3, 5.2).
 */
#include <string.h>

#include "rec13.h"

/* HMAC and the plain hash under one of BearSSL's hash classes; the
 * tls13_hash functions below bind the class. */
static void
hmac_with(const br_hash_class *h, const uint8_t *key, size_t klen,
	  const uint8_t *msg, size_t n, uint8_t *out)
{
	br_hmac_key_context kc;
	br_hmac_context hc;

	br_hmac_key_init(&kc, h, key, klen);
	br_hmac_init(&hc, &kc, 0);
	br_hmac_update(&hc, msg, n);
	br_hmac_out(&hc, out);
}

static void
digest_with(const br_hash_class *h, const uint8_t *msg, size_t n, uint8_t *out)
{
	br_hash_compat_context c;

	h->init(&c.vtable);
	h->update(&c.vtable, msg, n);
	h->out(&c.vtable, out);
}

static void
sha256_hmac(const uint8_t *key, size_t klen, const uint8_t *msg, size_t n,
	    uint8_t *out)
{
	hmac_with(&br_sha256_vtable, key, klen, msg, n, out);
}

static void
sha384_hmac(const uint8_t *key, size_t klen, const uint8_t *msg, size_t n,
	    uint8_t *out)
{
	hmac_with(&br_sha384_vtable, key, klen, msg, n, out);
}

static void
sha256_digest(const uint8_t *msg, size_t n, uint8_t *out)
{
	digest_with(&br_sha256_vtable, msg, n, out);
}

static void
sha384_digest(const uint8_t *msg, size_t n, uint8_t *out)
{
	digest_with(&br_sha384_vtable, msg, n, out);
}

static const struct tls13_hash sha256 = { 32, sha256_hmac, sha256_digest };
static const struct tls13_hash sha384 = { 48, sha384_hmac, sha384_digest };

const struct tls13_hash *
rec13_hash(uint16_t suite)
{
	switch (suite) {
	case TLS13_AES_128_GCM_SHA256:
	case TLS13_CHACHA20_POLY1305_SHA256:
		return &sha256;
	case TLS13_AES_256_GCM_SHA384:
		return &sha384;
	}
	return NULL;
}

void
rec13_keys(struct rec13 *r, uint16_t suite, const uint8_t *secret)
{
	size_t klen = suite == TLS13_AES_128_GCM_SHA256 ? 16 : 32;
	r->suite = suite;
	r->seq = 0;
	tls13_traffic_keys(rec13_hash(suite), secret, klen, r->key, r->iv);
	if (suite == TLS13_CHACHA20_POLY1305_SHA256)
		return;
	/* The portable constant-time AES and GHASH, as the 1.2 engine's:
	 * AES-NI and PCLMUL would cost 4.4 KiB for the few records of a
	 * probe, whose time is the handshake's. */
	br_aes_ct64_ctr_init(&r->aes, r->key, klen);
}

/* Encrypt or decrypt data in place; the tag into tag. */
static void
run(struct rec13 *r, const uint8_t *head, uint8_t *data, size_t n, uint8_t *tag,
    int encrypt)
{
	uint8_t nonce[12];
	br_gcm_context g;
	int i;

	memcpy(nonce, r->iv, 12);
	for (i = 0; i < 8; i++)
		nonce[11 - i] ^= (uint8_t)(r->seq >> (8 * i));
	r->seq++;
	if (r->suite == TLS13_CHACHA20_POLY1305_SHA256) {
		br_poly1305_ctmul_run(r->key, nonce, data, n, head, 5, tag,
				      br_chacha20_ct_run, encrypt);
		return;
	}
	br_gcm_init(&g, &r->aes.vtable, br_ghash_ctmul64);
	br_gcm_reset(&g, nonce, 12);
	br_gcm_aad_inject(&g, head, 5);
	br_gcm_flip(&g);
	br_gcm_run(&g, encrypt, data, n);
	br_gcm_get_tag(&g, tag);
}

size_t
rec13_seal(struct rec13 *r, uint8_t type, const uint8_t *in, size_t n,
	   uint8_t *out)
{
	size_t len = n + 1 + REC13_TAG;

	out[0] = 23; /* application_data, whatever the content */
	out[1] = 3;
	out[2] = 3;
	out[3] = (uint8_t)(len >> 8);
	out[4] = (uint8_t)len;
	memmove(out + 5, in, n);
	out[5 + n] = type;
	run(r, out, out + 5, n + 1, out + 5 + n + 1, 1);
	return 5 + len;
}

long
rec13_open(struct rec13 *r, uint8_t *rec, size_t n, uint8_t *type)
{
	uint8_t tag[REC13_TAG];
	unsigned diff = 0;
	size_t i;

	if (n < REC13_TAG + 1)
		return TLS13_EDECODE;
	n -= REC13_TAG;
	run(r, rec, rec + 5, n, tag, 0);
	for (i = 0; i < REC13_TAG; i++)
		diff |= tag[i] ^ rec[5 + n + i];
	if (diff)
		return REC13_EMAC;
	return tls13_inner(rec + 5, n, type);
}
