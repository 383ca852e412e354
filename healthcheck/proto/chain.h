/*
 * chain: certification path validation for a TLS client, without I/O.
 * In: the DER certificates a server sent (its own first, the rest in any
 * order), the trust anchors as whole certificates, the name, the time
 * and the purpose; out: accepted, or one cause naming the certificate it
 * concerns.  Rules as RFC 5280 6 applies them and, where it leaves room,
 * as Go's crypto/x509 does:
 *  - paths are built from the leaf over the sent certificates (subject
 *    and issuer names, key identifiers first), a depth-first search that
 *    tries every candidate, never uses one certificate twice, stops at
 *    CHAIN_DEPTH intermediates and CHAIN_SIG_CHECKS signatures;
 *  - every certificate of a path, the anchor included: its dates, a
 *    duplicate or unknown critical extension, its signature algorithm;
 *    every CA: basicConstraints cA (a v1 anchor is a CA), keyUsage
 *    keyCertSign when stated, pathLenConstraint (self-issued
 *    intermediates not counted), extendedKeyUsage nested (a CA that
 *    states EKUs must allow the purpose), name constraints (DNS, IP,
 *    email, URI, directory names; permitted and excluded, critical or
 *    not) over the names of every certificate below it;
 *  - the leaf: its name (x509_matches), its EKU, and the keyUsage the
 *    handshake needs;
 *  - keys: RSA of 2048 to 4096 bits, ECDSA on P-256, P-384, P-521.
 * Signatures are checked by the caller's chain_crypto (BearSSL in the
 * binary), so that this stays pure and is tested and fuzzed with no I/O.
 */
#ifndef HC_CHAIN_H
#define HC_CHAIN_H

#include <stddef.h>
#include <stdint.h>

#include "../../lib/msg.h"
#include "x509.h"

#define CHAIN_SENT	 16	/* certificates of the server's list read */
#define CHAIN_DEPTH	 10	/* intermediates in a path, at most */
#define CHAIN_SIG_CHECKS 100	/* signatures checked while building, at most */
#define CHAIN_NC_CHECKS	 250000 /* names against constraints, as Go */
#define CHAIN_MIN_RSA	 2048
#define CHAIN_MAX_RSA	 4096 /* BearSSL's largest */

/* What chain_crypto.verify returns. */
#define CHAIN_SIG_OK	      0
#define CHAIN_SIG_BAD	      (-1) /* does not verify */
#define CHAIN_SIG_UNSUPPORTED (-2) /* a key or size the primitives lack */

/*
 * The signature primitive: whether signer's key signed cert (its tbs,
 * sig_alg and sig).  The key and algorithm are of the kinds chain.c
 * accepts (RSA PKCS#1 v1.5 or ECDSA, SHA-256/384/512).
 */
struct chain_crypto {
	int (*verify)(void *ctx, const struct x509_info *signer,
		      const struct x509_info *cert);
	void *ctx;
};

/* A trust anchor: a whole certificate, and its subject for the search. */
struct chain_anchor {
	const uint8_t *der;
	size_t len;
	const uint8_t *subject; /* inside der */
	size_t subject_len;
};

/* A certificate as sent. */
struct chain_der {
	const uint8_t *p;
	size_t len;
};

struct chain_opts {
	const char *host; /* DNS name or IP literal; NULL: no name check */
	char now[15];	  /* "YYYYMMDDHHMMSS", UTC */
	unsigned eku;	  /* X509_EKU_SERVER (or _CLIENT): the purpose */
	unsigned ku;	  /* X509_KU_* the leaf must allow when it says */
	int max_depth;	  /* intermediates at most; < 0: CHAIN_DEPTH */
	const struct chain_crypto *crypto;
};

enum chain_err {
	CHAIN_OK = 0,
	CHAIN_EMPTY,	     /* no certificate */
	CHAIN_MALFORMED,     /* field: which */
	CHAIN_DUP_EXT,	     /* oid */
	CHAIN_CRIT_EXT,	     /* oid: an unknown critical extension */
	CHAIN_EXPIRED,	     /* cert.not_after */
	CHAIN_NOT_YET_VALID, /* cert.not_before */
	CHAIN_NAME_MISMATCH, /* host */
	CHAIN_NOT_CA,	     /* an issuer without basicConstraints cA */
	CHAIN_KU_CERT_SIGN,  /* a CA whose keyUsage lacks keyCertSign */
	CHAIN_KU_LEAF,	     /* the leaf's keyUsage lacks opts.ku */
	CHAIN_EKU,	     /* cert.eku does not allow opts.eku */
	CHAIN_PATHLEN,	     /* count intermediates below, cert.pathlen */
	CHAIN_NC_EXCLUDED,   /* name (of the certificate at name_depth) */
	CHAIN_NC_NOT_PERMITTED,
	CHAIN_NC_BAD_NAME,     /* a name the constraints cannot parse */
	CHAIN_SIG_MISMATCH,    /* the two signature algorithm fields differ */
	CHAIN_SIG_ALG,	       /* cert.sig_alg: not one this verifies */
	CHAIN_BAD_SIGNATURE,   /* cert's signature fails with issuer's key */
	CHAIN_KEY_UNSUPPORTED, /* cert.key: not one this uses */
	CHAIN_KEY_WEAK,	       /* cert.key.bits under CHAIN_MIN_RSA */
	CHAIN_UNKNOWN_ISSUER,  /* no path to a trust anchor */
	CHAIN_TOO_DEEP,	       /* count: the depth limit */
	CHAIN_TOO_MUCH_WORK,   /* CHAIN_SIG_CHECKS used up */
	CHAIN_NC_TOO_MUCH,     /* CHAIN_NC_CHECKS used up */
	CHAIN_NC_IN_LEAF,      /* nameConstraints in a certificate not a CA */
	CHAIN_EMPTY_SUBJECT,   /* a CA with an empty subject */
	CHAIN_MISCRIT,	       /* oid: critical where RFC 5280 forbids it,
				  or not where it requires it */
	CHAIN_SERIAL,	       /* serialNumber zero, negative, over 20 bytes */
	CHAIN_SAN_NOT_CRIT,    /* empty subject, subjectAltName not critical */
	CHAIN_KU_NOT_CA,       /* keyUsage keyCertSign without cA */
	CHAIN_NO_SKI,	       /* an intermediate CA without its key id */
	CHAIN_NO_AKI, /* no authorityKeyIdentifier, its issuer has one */
};

/* The outcome, and what its words need. */
struct chain_result {
	enum chain_err err;
	int depth;  /* the certificate concerned: 0 the leaf, k above it */
	int anchor; /* it is the trust anchor of the path */
	struct x509_info cert; /* the certificate concerned */
	struct x509_info
	    issuer;	       /* CHAIN_BAD_SIGNATURE: who should have signed */
	struct x509_info leaf; /* the server's certificate, when it parsed */
	const char *field;     /* CHAIN_MALFORMED */
	struct x509_span oid;  /* CHAIN_DUP_EXT, CHAIN_CRIT_EXT */
	struct x509_name name; /* CHAIN_NC_* */
	int name_depth;	       /* whose name */
	long count;	       /* CHAIN_PATHLEN, CHAIN_TOO_DEEP */
	size_t nsent;	       /* certificates sent */
	const struct chain_der *sent;
	const char *host;
	char now[15];
	int wrong_key; /* the depth of a certificate named as the issuer
			  whose key did not verify (issuer), or 0 */
	int score;     /* internal: how far the failed attempt went */
};

/* Working space: the parsed certificates and the path being built. */
struct chain {
	struct x509_info sent[CHAIN_SENT];
	int sent_ok[CHAIN_SENT]; /* parsed */
	size_t nsent;
	int path[CHAIN_DEPTH + 2]; /* indexes into sent, leaf first */
	size_t depth;
	const struct chain_anchor *ta;
	size_t nta;
	const struct chain_opts *o;
	int sig_checks;
	long nc_checks;
	struct x509_info cand; /* an anchor being tried */
};

/*
 * Validate: sent[0] is the server's certificate, sent[1..n) the rest (at
 * most CHAIN_SENT read; unrelated ones ignored).  Returns CHAIN_OK, or
 * the cause, with *r filled for chain_text; of several failed paths, the
 * one that got furthest is told.
 */
enum chain_err chain_verify(struct chain *c, const struct chain_der *sent,
			    size_t n, const struct chain_anchor *ta, size_t nta,
			    const struct chain_opts *o, struct chain_result *r);

/*
 * The cause in words, appended to b: one line naming the certificate
 * ("the server's certificate (CN=a)", "intermediate 1 (CN=b)", "the root
 * CN=c") and the rule ("expired on 2020-01-02 (now 2026-12-07)").
 */
void chain_text(const struct chain_result *r, struct buf *b);

#endif
