/*
 * x509: what a TLS client says about a server's certificate, without
 * I/O: the names it is for (subjectAltName DNS and IP entries, the
 * subject CN), its validity dates, and whether a host name or address
 * matches it by the rules of RFC 6125 as Go's crypto/x509 applies them
 * (the kubelet's client): a wildcard only as the whole leftmost label,
 * matching exactly one label; an IP address only against IP entries; the
 * CN never used for matching (Go 1.15 and later).  Chain and signature
 * checks are BearSSL's; this is the name check and the words for a
 * failure.  Pure: DER in, text out.
 */
#ifndef HC_X509_H
#define HC_X509_H

#include <stddef.h>
#include <stdint.h>

#include "../../lib/msg.h"

#define X509_EBAD (-1) /* not a DER certificate this parser can walk */

#define X509_NAMES 16 /* SAN entries kept; more are counted */

struct x509_name {
	uint8_t type;	  /* 2 dNSName, 7 iPAddress */
	const uint8_t *p; /* inside the DER */
	size_t len;
};

/* A subjectPublicKeyInfo, pointers into the DER (leading zeros taken off). */
struct x509_key {
	int type;	  /* X509_KEY_RSA or X509_KEY_EC, 0 for others */
	const uint8_t *n; /* RSA modulus, or the EC point */
	size_t nlen;
	const uint8_t *e; /* RSA exponent */
	size_t elen;
	int curve; /* EC: 23 P-256, 24 P-384, 25 P-521 (TLS ids) */
};

#define X509_KEY_RSA 1
#define X509_KEY_EC  2

struct x509_info {
	struct x509_name names[X509_NAMES];
	size_t nnames;	   /* kept */
	size_t more;	   /* DNS or IP entries beyond X509_NAMES */
	int has_san;	   /* a subjectAltName extension was there */
	const uint8_t *cn; /* the first subject CN, inside the DER, or NULL */
	size_t cnlen;
	char not_before[15]; /* "YYYYMMDDHHMMSS", UTC */
	char not_after[15];
	const uint8_t *subject; /* the whole DER Name, tag included */
	size_t subject_len;
	int is_ca;	     /* basicConstraints cA TRUE */
	struct x509_key key; /* key.type 0: an algorithm not read here */
};

/*
 * Walk the certificate der[0..n) into *x (pointers into der).  Returns
 * 0, or X509_EBAD for anything that is not a well-formed X.509 v1-v3
 * certificate in DER as far as these fields go.
 */
int x509_parse(const uint8_t *der, size_t n, struct x509_info *x);

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
 * against the IP entries, a name against the DNS entries.  Returns 1 or
 * 0.
 */
int x509_matches(const struct x509_info *x, const char *host);

/*
 * What x is for, appended to b: "DNS:a.test, IP:127.0.0.1 (and 3 more)",
 * or "no subjectAltName (CN=name, not used for matching)".  Control
 * bytes in a name are shown as '?'.
 */
void x509_names_text(const struct x509_info *x, struct buf *b);

/*
 * "YYYYMMDDHHMMSS" (UTC) of a Unix time, into out[15].  Years past 9999
 * are shown as 9999.
 */
void x509_time_text(uint64_t unix_s, char out[15]);

/* "YYYY-MM-DD" of a 14-digit time, appended to b. */
void x509_date_text(const char t[15], struct buf *b);

#endif
