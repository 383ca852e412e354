/*
 * tls_sig: the signature primitive of proto/chain.c, over BearSSL: RSA
 * PKCS#1 v1.5 (2048 to 4096 bits) and ECDSA on P-256, P-384 and P-521,
 * with SHA-256, SHA-384 or SHA-512.  No I/O; linked into the static
 * build and into the validator's unit test.
 */
#ifndef HC_TLS_SIG_H
#define HC_TLS_SIG_H

#include "../proto/chain.h"

extern const struct chain_crypto tls_sig;

#endif
