/*
 * tls_store: what the static build's TLS reads from PEM files, once a
 * run: the trust anchors as whole certificates (--cacert, else
 * SSL_CERT_FILE, else the first system bundle found), so that an
 * anchor's dates and constraints apply (proto/chain.c), and --cert's
 * chain and --key's key, in BearSSL's types.  The PEM text and the
 * certificates are read by our own pure parsers (proto/pem.c,
 * proto/x509.c: a system bundle of 140 certificates in about a
 * millisecond); the private key by BearSSL's.
 */
#ifndef HC_TLS_STORE_H
#define HC_TLS_STORE_H

#include <bearssl.h>

#include "stream.h"
#include "../proto/chain.h"

#define TA_MAX	  400	    /* trust anchors */
#define TA_ARENA  (1 << 20) /* their DER, and --cert's */
#define CHAIN_MAX 8	    /* --cert: certificates sent */

/*
 * What PEM files hold, kept for the run: the trust anchors, and --cert's
 * chain and --key's key.  One arena, never freed.
 */
struct store {
	struct chain_anchor ta[TA_MAX];
	size_t nta;
	br_x509_certificate chain[CHAIN_MAX];
	size_t nchain;
	br_skey_decoder_context key;
	int loaded; /* 1 once everything the config names is read */
	unsigned char arena[TA_ARENA];
	size_t used;
	int full; /* the arena or a table ran out */
};

/*
 * Read what p's config names into st, the first time only: 0, or -1 with
 * p->msg naming the file and what is wrong with it ("tls: --cacert FILE:
 * no certificate in it"), or saying that no trust store exists.
 */
int store_load(struct probe *p, struct store *st);

#endif
