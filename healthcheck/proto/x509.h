/*
 * x509: one certificate walked without I/O, every field a path validator
 * (chain.c) and the words of a failure need: the signed bytes and the
 * signature, issuer and subject, dates, the key, and the extensions RFC
 * 5280 4.2 defines for a TLS server's chain (subjectAltName,
 * basicConstraints, keyUsage, extendedKeyUsage, nameConstraints, the key
 * identifiers), with a duplicate extension and an unknown critical one
 * noted for the validator to refuse.  Names are matched by RFC 6125 as
 * Go's crypto/x509 applies them (the kubelet's client): a wildcard only
 * as the whole leftmost label, matching exactly one label; an IP address
 * only against IP entries; the CN never used for matching (Go 1.15 and
 * later).  Pure: DER in, pointers into it and text out.
 */
#ifndef HC_X509_H
#define HC_X509_H

#include <stddef.h>
#include <stdint.h>

#include "../../lib/msg.h"

#define X509_EBAD (-1) /* not a DER certificate this parser can walk */

/* SAN entries shown in a mismatch line; more are counted, all checked. */
#define X509_SHOWN 16

/* GeneralName tags (RFC 5280 4.2.1.6), as x509_name.type. */
#define X509_GN_EMAIL 1
#define X509_GN_DNS   2
#define X509_GN_DIR   4
#define X509_GN_URI   6
#define X509_GN_IP    7

struct x509_name {
	uint8_t type;	  /* X509_GN_*, or another GeneralName tag */
	const uint8_t *p; /* the contents, inside the DER */
	size_t len;
};

/* A subjectPublicKeyInfo, pointers into the DER (leading zeros taken off). */
struct x509_key {
	int type;	  /* X509_KEY_*, 0 for others */
	const uint8_t *n; /* RSA modulus, or the EC point */
	size_t nlen;
	const uint8_t *e; /* RSA exponent */
	size_t elen;
	int curve;     /* EC: 23 P-256, 24 P-384, 25 P-521 (TLS ids); 0 other */
	unsigned bits; /* RSA: the modulus's size */
};

#define X509_KEY_RSA	 1
#define X509_KEY_EC	 2
#define X509_KEY_ED25519 3
#define X509_KEY_RSA_PSS 4 /* id-RSASSA-PSS keys */

/* Signature algorithms (signatureAlgorithm), as x509_info.sig_alg. */
enum x509_sig {
	X509_SIG_OTHER = 0,
	X509_SIG_RSA_SHA256,
	X509_SIG_RSA_SHA384,
	X509_SIG_RSA_SHA512,
	X509_SIG_ECDSA_SHA256,
	X509_SIG_ECDSA_SHA384,
	X509_SIG_ECDSA_SHA512,
	X509_SIG_RSA_SHA1,
	X509_SIG_ECDSA_SHA1,
	X509_SIG_RSA_PSS,
	X509_SIG_ED25519,
};

/* keyUsage bits (RFC 5280 4.2.1.3), bit i for named bit i. */
#define X509_KU_DIGITAL_SIGNATURE (1u << 0)
#define X509_KU_KEY_ENCIPHERMENT  (1u << 2)
#define X509_KU_KEY_CERT_SIGN	  (1u << 5)

/* extendedKeyUsage purposes (RFC 5280 4.2.1.12). */
#define X509_EKU_SERVER (1u << 0)
#define X509_EKU_CLIENT (1u << 1)
#define X509_EKU_ANY	(1u << 2)
#define X509_EKU_OTHER	(1u << 3)

/* A DER span inside the certificate. */
struct x509_span {
	const uint8_t *p;
	size_t len;
};

struct x509_info {
	int version;		 /* 1, 2 or 3 */
	struct x509_span tbs;	 /* the signed bytes, tag and length too */
	struct x509_span sigalg; /* the outer AlgorithmIdentifier, whole */
	struct x509_span inner;	 /* the one inside tbs, whole */
	enum x509_sig sig_alg;
	struct x509_span sig;		  /* the signature's bytes */
	struct x509_span issuer, subject; /* whole DER Names, tag included */
	struct x509_span spki;		  /* whole subjectPublicKeyInfo */
	const uint8_t *cn; /* the first subject CN, inside the DER, or NULL */
	size_t cnlen;
	const uint8_t *icn; /* the issuer's first CN, or NULL */
	size_t icnlen;
	char not_before[15]; /* "YYYYMMDDHHMMSS", UTC */
	char not_after[15];
	struct x509_span san; /* the GeneralNames' contents */
	int has_san;	      /* a subjectAltName extension was there */
	int has_bc;	      /* basicConstraints was there */
	int is_ca;	      /* basicConstraints cA TRUE */
	long pathlen;	      /* pathLenConstraint, -1 when none */
	int has_ku;
	unsigned ku;  /* X509_KU_* */
	unsigned eku; /* X509_EKU_*; 0: no extendedKeyUsage */
	int has_nc;
	struct x509_span permitted, excluded; /* GeneralSubtrees' contents */
	struct x509_span ski, aki;	      /* key identifiers (AKI's [0]) */
	struct x509_span serial;	      /* serialNumber's contents */
	int san_critical;
	struct x509_span miscrit; /* an extension whose criticality RFC
				     5280 forbids: AKI, SKI or AIA critical,
				     policyConstraints not critical */
	struct x509_span dup;	  /* the OID of a duplicate extension */
	struct x509_span crit;	  /* the OID of an unknown critical one */
	struct x509_key key;	  /* key.type 0: an algorithm not read here */
	const char *bad;	  /* X509_EBAD: the field that is malformed */
};

/*
 * Walk the certificate der[0..n) into *x (pointers into der).  Returns
 * 0, or X509_EBAD for anything that is not a well-formed X.509 v1-v3
 * certificate in DER as far as these fields go, x->bad naming the
 * field ("subjectAltName", "validity", ...).
 */
int x509_parse(const uint8_t *der, size_t n, struct x509_info *x);

/*
 * The next GeneralName of a sequence's contents at *p (before end) into
 * *nm; *p moves past it.  Returns 1, 0 at the end, or X509_EBAD.
 */
int x509_name_next(const uint8_t **p, const uint8_t *end, struct x509_name *nm);

/*
 * Whether DNS pattern p[0..n) (a SAN entry) covers host, case-insensitive,
 * a trailing dot ignored on both: "*.example.com" covers "a.example.com",
 * not "example.com" or "a.b.example.com"; a wildcard needs two labels
 * after it; "f*.example.com" and IDNA-encoded wildcards ("xn--*") cover
 * nothing.  Returns 1 or 0.
 */
int x509_dns_matches(const char *p, size_t n, const char *host);

/*
 * Whether x is for host: an IPv4 or IPv6 literal (without brackets)
 * against the IP entries, a name against the DNS entries, every entry
 * of every length.  Returns 1 or 0.
 */
int x509_matches(const struct x509_info *x, const char *host);

/*
 * What x is for, appended to b: "DNS:a.test, IP:127.0.0.1 (and 3 more
 * not shown)", at most X509_SHOWN entries, or "no subjectAltName
 * (CN=name, not used for matching)".  Control bytes in a name are shown
 * as '?'.
 */
void x509_names_text(const struct x509_info *x, struct buf *b);

/* The subject's CN (or "no CN") appended to b, as "CN=name". */
void x509_cn_text(const struct x509_info *x, struct buf *b);

/* An OID's dotted text ("2.5.29.17") appended to b. */
void x509_oid_text(const uint8_t *p, size_t n, struct buf *b);

/* Bytes as text, control bytes and non-ASCII as '?', appended to b. */
void x509_safe_text(const uint8_t *p, size_t n, struct buf *b);

/*
 * "YYYYMMDDHHMMSS" (UTC) of a Unix time, into out[15].  Years past 9999
 * are shown as 9999.
 */
void x509_time_text(uint64_t unix_s, char out[15]);

/* "YYYY-MM-DD" of a 14-digit time, appended to b. */
void x509_date_text(const char t[15], struct buf *b);

#endif
