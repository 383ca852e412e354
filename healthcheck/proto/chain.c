#include <string.h>
#include <strings.h>

#include "chain.h"
#include "ipaddr.h"

static int
span_eq(const struct x509_span *a, const struct x509_span *b)
{
	return a->len == b->len && !memcmp(a->p, b->p, a->len);
}

/* Self-issued (RFC 5280 3.2): subject and issuer are the same name. */
static int
self_issued(const struct x509_info *x)
{
	return span_eq(&x->subject, &x->issuer);
}

/* The certificate at depth k of the path being built (0: the leaf). */
static const struct x509_info *
at(const struct chain *c, size_t k)
{
	return &c->sent[c->path[k]];
}

/*
 * Note a failure of the certificate x at depth d (anchor: it is the
 * trust anchor tried); of several, the one with the highest score (how
 * far its attempt got) is kept.  Returns 0, for "this way failed".
 */
static int
fail(struct chain_result *r, enum chain_err e, int score, size_t d,
     const struct x509_info *x, int anchor)
{
	if (r->err != CHAIN_OK && score <= r->score)
		return 0;
	r->err = e;
	r->score = score;
	r->depth = (int)d;
	r->anchor = anchor;
	if (x)
		r->cert = *x;
	return 0;
}

/* Whether a key is one this validator uses: 0 or the cause. */
static enum chain_err
key_check(const struct x509_info *x)
{
	if (x->key.type == X509_KEY_RSA)
		return x->key.bits < CHAIN_MIN_RSA   ? CHAIN_KEY_WEAK
		       : x->key.bits > CHAIN_MAX_RSA ? CHAIN_KEY_UNSUPPORTED
						     : CHAIN_OK;
	if (x->key.type == X509_KEY_EC && x->key.curve && x->key.nlen)
		return CHAIN_OK;
	return CHAIN_KEY_UNSUPPORTED;
}

/*
 * The checks of any certificate of a path, by itself: 0 or the cause.
 * The RFC 5280 profile's MUSTs that no common tool breaks (openssl, Go,
 * cfssl) are checked; the ones that real chains break (a missing key
 * identifier under an old root, a non-critical basicConstraints in a
 * public root) are not: tests/x509/limbo-declined.txt lists them.  A
 * trust anchor's serial number is its owner's business (one public root
 * has serial 0).
 */
static enum chain_err
cert_check(const struct x509_info *x, const char now[15], int anchor)
{
	if (x->dup.p)
		return CHAIN_DUP_EXT;
	if (x->crit.p)
		return CHAIN_CRIT_EXT;
	if (x->miscrit.p)
		return CHAIN_MISCRIT;
	if (!anchor && (x->serial.p[0] & 0x80 || x->serial.len > 20 ||
			(x->serial.len == 1 && !x->serial.p[0])))
		return CHAIN_SERIAL;
	if (x->has_san && !x->san_critical && x->subject.len <= 2)
		return CHAIN_SAN_NOT_CRIT;
	if (x->has_ku && x->ku & X509_KU_KEY_CERT_SIGN && !x->is_ca)
		return CHAIN_KU_NOT_CA;
	if (strcmp(now, x->not_before) < 0)
		return CHAIN_NOT_YET_VALID;
	if (strcmp(now, x->not_after) > 0)
		return CHAIN_EXPIRED;
	return CHAIN_OK;
}

/* Whether x allows the purpose want (no EKU: any purpose). */
static int
eku_allows(const struct x509_info *x, unsigned want)
{
	return !want || !x->eku || (x->eku & (want | X509_EKU_ANY));
}

/* Case-insensitive: whether s[0..n) ends with suffix t[0..m). */
static int
ends_with(const uint8_t *s, size_t n, const uint8_t *t, size_t m)
{
	return m <= n &&
	       !strncasecmp((const char *)s + n - m, (const char *)t, m);
}

/*
 * Whether a DNS name is one the constraints can judge: labels of letters,
 * digits, '-', '_' (and a leading "*" label), none empty, a trailing dot
 * allowed.  Returns its length without the dot, or 0.
 */
static size_t
dns_ok(const uint8_t *s, size_t n)
{
	size_t i, label = 0;

	if (n && s[n - 1] == '.')
		n--;
	if (!n)
		return 0;
	for (i = 0; i < n; i++) {
		uint8_t ch = s[i];

		if (ch == '.') {
			if (!label)
				return 0;
			label = 0;
			continue;
		}
		if (ch == '*' && (i || n == 1 || s[1] != '.'))
			return 0;
		if (!(ch >= 'a' && ch <= 'z') && !(ch >= 'A' && ch <= 'Z') &&
		    !(ch >= '0' && ch <= '9') && ch != '-' && ch != '_' &&
		    ch != '*')
			return 0;
		label++;
	}
	return label ? n : 0;
}

/*
 * A host against a domain constraint (RFC 5280 4.2.1.10 as Go reads it):
 * "" covers every name, ".example.com" its subdomains, "example.com"
 * itself and its subdomains.  1, 0, or -1 for a name that is no domain.
 */
static int
domain_in(const uint8_t *s, size_t n, const uint8_t *c, size_t m)
{
	if (!(n = dns_ok(s, n)))
		return -1;
	if (m && c[m - 1] == '.')
		m--;
	if (!m)
		return 1;
	if (c[0] == '.')
		return n > m && ends_with(s, n, c, m);
	if (n == m)
		return ends_with(s, n, c, m);
	return n > m && s[n - m - 1] == '.' && ends_with(s, n, c, m);
}

/* An rfc822Name against an email constraint: mailbox, host or .domain. */
static int
email_in(const uint8_t *s, size_t n, const uint8_t *c, size_t m)
{
	const uint8_t *a = memchr(s, '@', n), *host;
	size_t hn;

	if (!a || a == s || memchr(a + 1, '@', n - (size_t)(a - s) - 1))
		return -1;
	host = a + 1;
	hn = n - (size_t)(host - s);
	if (memchr(c, '@', m))
		return n == m && !memcmp(s, c, (size_t)(a - s)) &&
		       !strncasecmp((const char *)host,
				    (const char *)c + (a - s) + 1, hn);
	if (m && c[0] == '.')
		return domain_in(host, hn, c, m);
	return dns_ok(host, hn) ? hn == m && ends_with(host, hn, c, m) : -1;
}

/* A URI's host against a domain constraint; an IP host is refused. */
static int
uri_in(const uint8_t *s, size_t n, const uint8_t *c, size_t m)
{
	const uint8_t *h = NULL, *e = s + n, *q;
	size_t i;
	uint8_t ip[16];
	char tmp[64];

	for (i = 0; i + 2 < n; i++)
		if (s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/') {
			h = s + i + 3;
			break;
		}
	if (!h)
		return -1;
	for (q = h; q < e && *q != '/' && *q != '?' && *q != '#'; q++)
		if (*q == '@')
			h = q + 1;
	e = q;
	for (q = h; q < e && *q != ':'; q++)
		;
	e = q;
	if (e == h || *h == '[')
		return -1;
	if ((size_t)(e - h) < sizeof(tmp)) {
		memcpy(tmp, h, (size_t)(e - h));
		tmp[e - h] = '\0';
		if (ipaddr_parse(tmp, ip))
			return -1;
	}
	return domain_in(h, (size_t)(e - h), c, m);
}

/* An address against base/mask; -1 for a mask that is not contiguous. */
static int
ip_in(const uint8_t *s, size_t n, const uint8_t *c, size_t m)
{
	size_t i;
	int zero = 0;

	if (m != 2 * n)
		return 0;
	for (i = 0; i < n; i++) {
		uint8_t inv = (uint8_t)~c[n + i];

		if ((zero && c[n + i]) || (inv & (uint8_t)(inv + 1)))
			return -1; /* a 1 bit after a 0 */
		zero |= inv != 0;
	}
	for (i = 0; i < n; i++)
		if ((s[i] & c[n + i]) != (c[i] & c[n + i]))
			return 0;
	return 1;
}

/* A directory name within a subtree: the constraint's RDNs begin it. */
static int
dir_in(const uint8_t *s, size_t n, const uint8_t *c, size_t m)
{
	/* Both are whole Names: compare their contents. */
	size_t hs = n > 1 && s[1] & 0x80 ? 2 + (s[1] & 0x7f) : 2;
	size_t hc = m > 1 && c[1] & 0x80 ? 2 + (c[1] & 0x7f) : 2;

	if (n < hs || m < hc)
		return -1;
	return m - hc <= n - hs && !memcmp(s + hs, c + hc, m - hc);
}

/*
 * Whether name nm is within the constraint base cb of the same type: 1,
 * 0, or -1 when either cannot be judged.
 */
static int
name_in(const struct x509_name *nm, const struct x509_name *cb)
{
	switch (nm->type) {
	case X509_GN_DNS:
		return domain_in(nm->p, nm->len, cb->p, cb->len);
	case X509_GN_EMAIL:
		return email_in(nm->p, nm->len, cb->p, cb->len);
	case X509_GN_URI:
		return uri_in(nm->p, nm->len, cb->p, cb->len);
	case X509_GN_IP:
		return ip_in(nm->p, nm->len, cb->p, cb->len);
	case X509_GN_DIR:
		return dir_in(nm->p, nm->len, cb->p, cb->len);
	}
	return nm->len == cb->len && !memcmp(nm->p, cb->p, nm->len);
}

/*
 * Whether a wildcard DNS name ("*.rest") could stand for a name under the
 * excluded base cb: a base one label longer than rest, ending in it.  A
 * name that might be excluded is (CVE-2025-61727).
 */
static int
wildcard_reaches(const struct x509_name *nm, const struct x509_name *cb)
{
	const uint8_t *c = cb->p, *rest = nm->p + 2;
	size_t m = cb->len, n = nm->len - 2;

	if (nm->type != X509_GN_DNS || nm->len < 3 || nm->p[0] != '*' ||
	    nm->p[1] != '.')
		return 0;
	if (m && c[0] == '.') {
		c++;
		m--;
	}
	return m > n + 1 && c[m - n - 1] == '.' && ends_with(c, m, rest, n) &&
	       !memchr(c, '.', m - n - 1);
}

/*
 * Name nm against subtrees t (GeneralSubtrees' contents): the result of
 * name_in for the first base of its type that covers it (1), or 0 when
 * none does; *any is set when t has a base of the type.  -1: cannot be
 * judged; -2: *work, the comparisons left, ran out.  In excluded
 * subtrees, a wildcard covers what it could stand for.
 */
static int
subtrees_cover(const struct x509_span *t, const struct x509_name *nm, int *any,
	       int excluded, long *work)
{
	const uint8_t *p = t->p, *end = p + t->len, *q;
	struct x509_name base;
	size_t len;
	int r;

	*any = 0;
	while (p < end) {
		/* GeneralSubtree: SEQUENCE { base, ... }, checked by x509.c */
		q = p + 2;
		len = p[1];
		if (p[1] & 0x80) {
			size_t k = p[1] & 0x7f, i;

			for (len = 0, i = 0; i < k; i++)
				len = len << 8 | p[2 + i];
			q = p + 2 + k;
		}
		p = q + len;
		if (x509_name_next(&q, p, &base) != 1 || base.type != nm->type)
			continue;
		if (--*work < 0)
			return -2;
		*any = 1;
		if ((r = name_in(nm, &base)) != 0)
			return r;
		if (excluded && wildcard_reaches(nm, &base))
			return 1;
	}
	return 0;
}

/*
 * The names of x (its subjectAltName entries and its subject as a
 * directory name) against ca's name constraints.  Returns CHAIN_OK or
 * the cause, *bad the name.
 */
static enum chain_err
nc_check(const struct x509_info *ca, const struct x509_info *x,
	 struct x509_name *bad, long *work)
{
	const uint8_t *p = x->san.p, *end = p ? p + x->san.len : p;
	struct x509_name nm;
	int r, any, more = 1, subject = x->subject.len > 2;

	while (more) {
		if (subject) {
			nm.type = X509_GN_DIR;
			nm.p = x->subject.p;
			nm.len = x->subject.len;
			subject = 0;
		} else if (x509_name_next(&p, end, &nm) != 1) {
			break;
		}
		*bad = nm;
		if (ca->excluded.len &&
		    (r = subtrees_cover(&ca->excluded, &nm, &any, 1, work)) !=
			0)
			return r == -2 ? CHAIN_NC_TOO_MUCH
			       : r < 0 ? CHAIN_NC_BAD_NAME
				       : CHAIN_NC_EXCLUDED;
		if (!ca->permitted.len)
			continue;
		r = subtrees_cover(&ca->permitted, &nm, &any, 0, work);
		if (r < 0)
			return r == -2 ? CHAIN_NC_TOO_MUCH : CHAIN_NC_BAD_NAME;
		if (any && !r)
			return CHAIN_NC_NOT_PERMITTED;
	}
	return CHAIN_OK;
}

/*
 * Whether ca, at depth d above the path c->path[0..d), may issue it: a
 * CA, keyCertSign, its path length, its EKU, its name constraints over
 * every certificate below (self-issued intermediates are neither counted
 * nor constrained, RFC 5280 6.1.4).  0 or the cause, r told.
 */
static enum chain_err
ca_check(struct chain *c, const struct x509_info *ca, size_t d, int anchor,
	 struct chain_result *r)
{
	enum chain_err e;
	size_t k, below = 0;
	struct x509_name nm;

	if ((e = cert_check(ca, c->o->now, anchor)) != CHAIN_OK)
		return e;
	if (ca->subject.len <= 2)
		return CHAIN_EMPTY_SUBJECT;
	/* A v1 anchor is a CA (Go, OpenSSL); a v3 one says so. */
	if (anchor ? ca->version == 3 && !ca->is_ca : !ca->is_ca)
		return CHAIN_NOT_CA;
	if (!anchor && !ca->ski.len)
		return CHAIN_NO_SKI;
	if (ca->has_ku && !(ca->ku & X509_KU_KEY_CERT_SIGN))
		return CHAIN_KU_CERT_SIGN;
	for (k = 1; k < d; k++)
		below += !self_issued(at(c, k));
	if (ca->pathlen >= 0 && (long)below > ca->pathlen) {
		r->count = (long)below;
		return CHAIN_PATHLEN;
	}
	if (!eku_allows(ca, c->o->eku))
		return CHAIN_EKU;
	if (!ca->has_nc)
		return CHAIN_OK;
	for (k = 0; k < d; k++) {
		if (k && self_issued(at(c, k)))
			continue;
		if ((e = nc_check(ca, at(c, k), &nm, &c->nc_checks)) !=
		    CHAIN_OK) {
			r->name = nm;
			r->name_depth = (int)k;
			return e;
		}
	}
	return CHAIN_OK;
}

/*
 * Whether issuer signed the certificate at the path's top (depth d - 1):
 * its key usable, the signed one's algorithm one we verify and the same
 * in both places, then the signature.  0, -1 (failed, r told), or -2
 * when the signature budget is spent.
 */
static int
signed_by(struct chain *c, const struct x509_info *issuer, size_t d, int anchor,
	  struct chain_result *r)
{
	const struct x509_info *x = at(c, d - 1);
	int score = 2 * (int)d;
	enum chain_err e;
	int v;

	if ((e = key_check(issuer)) != CHAIN_OK)
		return fail(r, e, score, d, issuer, anchor) - 1;
	if (!span_eq(&x->sigalg, &x->inner))
		return fail(r, CHAIN_SIG_MISMATCH, score, d - 1, x, 0) - 1;
	switch (x->sig_alg) {
	case X509_SIG_RSA_SHA256:
	case X509_SIG_RSA_SHA384:
	case X509_SIG_RSA_SHA512:
		v = issuer->key.type == X509_KEY_RSA ? 1 : CHAIN_SIG_BAD;
		break;
	case X509_SIG_ECDSA_SHA256:
	case X509_SIG_ECDSA_SHA384:
	case X509_SIG_ECDSA_SHA512:
		v = issuer->key.type == X509_KEY_EC ? 1 : CHAIN_SIG_BAD;
		break;
	default:
		return fail(r, CHAIN_SIG_ALG, score, d - 1, x, 0) - 1;
	}
	if (v == 1 && ++c->sig_checks > CHAIN_SIG_CHECKS) {
		fail(r, CHAIN_TOO_MUCH_WORK, 1 << 20, d - 1, x, 0);
		return -2;
	}
	if (v == 1)
		v = c->o->crypto->verify(c->o->crypto->ctx, issuer, x);
	if (v == CHAIN_SIG_UNSUPPORTED)
		return fail(r, CHAIN_KEY_UNSUPPORTED, score, d, issuer,
			    anchor) -
		       1;
	if (v != CHAIN_SIG_OK) {
		/* Another key under the issuer's name: below "no issuer" at
		 * this depth, which then names it. */
		if (r->err == CHAIN_OK || score - 2 > r->score) {
			r->issuer = *issuer;
			r->wrong_key = (int)d;
		}
		return fail(r, CHAIN_BAD_SIGNATURE, score - 2, d - 1, x, 0) - 1;
	}
	if (!x->aki.len && issuer->ski.len && !self_issued(x))
		return fail(r, CHAIN_NO_AKI, score, d - 1, x, 0) - 1;
	return 0;
}

/*
 * Key identifiers first: whether the candidate's SKI is what the
 * certificate's AKI names (or either is missing).  Go tries both kinds,
 * the matching ones first; so does this.
 */
static int
kid_match(const struct x509_info *cand, const struct x509_info *x)
{
	return !cand->ski.len || !x->aki.len || span_eq(&cand->ski, &x->aki);
}

/* Whether a certificate like x (subject and key) is in the path. */
static int
in_path(const struct chain *c, const struct x509_info *x)
{
	size_t k;

	for (k = 0; k < c->depth; k++)
		if (span_eq(&at(c, k)->subject, &x->subject) &&
		    span_eq(&at(c, k)->spki, &x->spki))
			return 1;
	return 0;
}

/*
 * How many intermediates a path would count with x at depth d: the ones
 * that are not self-issued (RFC 5280 6.1.4 (l), as for path lengths).
 */
static size_t
counted(const struct chain *c, size_t d, const struct x509_info *x)
{
	size_t k, n = !self_issued(x);

	for (k = 1; k < d; k++)
		n += !self_issued(at(c, k));
	return n;
}

/*
 * Extend the path c->path[0..c->depth) upwards: a trust anchor that
 * signed its top ends it; else each sent certificate that did, and is a
 * CA that may, is pushed and the search goes on.  Returns 1 (a valid
 * path), 0 (none this way), -2 (budget spent).
 */
static int
build(struct chain *c, struct chain_result *r)
{
	const struct x509_info *top = at(c, c->depth - 1);
	size_t d = c->depth, i;
	enum chain_err e;
	int pass, found = 0, s, limit = c->o->max_depth;

	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < c->nta; i++) {
			const struct chain_anchor *a = &c->ta[i];

			if (a->subject_len != top->issuer.len ||
			    memcmp(a->subject, top->issuer.p, a->subject_len) ||
			    x509_parse(a->der, a->len, &c->cand) < 0 ||
			    kid_match(&c->cand, top) == pass)
				continue;
			s = signed_by(c, &c->cand, d, 1, r);
			if (s == -2)
				return -2;
			found |= s == 0 || r->wrong_key != (int)d;
			if (s < 0)
				continue;
			if ((e = ca_check(c, &c->cand, d, 1, r)) != CHAIN_OK) {
				fail(r, e, 2 * (int)d, d, &c->cand, 1);
				continue;
			}
			return 1;
		}
	}
	if (limit < 0)
		limit = CHAIN_DEPTH;
	for (pass = 0; pass < 2; pass++) {
		for (i = 1; i < c->nsent; i++) {
			const struct x509_info *x = &c->sent[i];

			if (!c->sent_ok[i] ||
			    !span_eq(&x->subject, &top->issuer) ||
			    kid_match(x, top) == pass || in_path(c, x))
				continue;
			if (counted(c, d, x) > (size_t)limit ||
			    d > CHAIN_DEPTH) {
				r->count = limit;
				fail(r, CHAIN_TOO_DEEP, 2 * (int)d, d, x, 0);
				continue;
			}
			s = signed_by(c, x, d, 0, r);
			if (s == -2)
				return -2;
			found |= s == 0 || r->wrong_key != (int)d;
			if (s < 0)
				continue;
			c->path[d] = (int)i;
			c->depth = d + 1;
			if ((e = ca_check(c, x, d, 0, r)) != CHAIN_OK) {
				fail(r, e, 2 * (int)d, d, x, 0);
			} else if ((s = build(c, r)) != 0) {
				return s;
			}
			c->depth = d;
		}
	}
	if (!found)
		fail(r, CHAIN_UNKNOWN_ISSUER, 2 * (int)d - 1, d - 1, top, 0);
	return 0;
}

/* The OID an extension's failure names. */
static void
set_oid(struct chain_result *r)
{
	if (r->err == CHAIN_DUP_EXT)
		r->oid = r->cert.dup;
	if (r->err == CHAIN_CRIT_EXT)
		r->oid = r->cert.crit;
	if (r->err == CHAIN_MISCRIT)
		r->oid = r->cert.miscrit;
}

/* Whether the leaf is itself a trust anchor (the same bytes). */
static int
leaf_trusted(const struct chain *c, const struct chain_der *leaf)
{
	size_t i;

	for (i = 0; i < c->nta; i++)
		if (c->ta[i].len == leaf->len &&
		    !memcmp(c->ta[i].der, leaf->p, leaf->len))
			return 1;
	return 0;
}

enum chain_err
chain_verify(struct chain *c, const struct chain_der *sent, size_t n,
	     const struct chain_anchor *ta, size_t nta,
	     const struct chain_opts *o, struct chain_result *r)
{
	const struct x509_info *leaf = &c->sent[0];
	enum chain_err e;
	size_t i;

	memset(r, 0, sizeof(*r));
	r->sent = sent;
	r->nsent = n;
	r->host = o->host;
	memcpy(r->now, o->now, sizeof(r->now));
	c->o = o;
	c->ta = ta;
	c->nta = nta;
	c->sig_checks = 0;
	c->nc_checks = CHAIN_NC_CHECKS;
	if (!n)
		return r->err = CHAIN_EMPTY;
	c->nsent = n < CHAIN_SENT ? n : CHAIN_SENT;
	for (i = 0; i < c->nsent; i++)
		c->sent_ok[i] =
		    x509_parse(sent[i].p, sent[i].len, &c->sent[i]) == 0;
	if (!c->sent_ok[0]) {
		r->field = c->sent[0].bad;
		return r->err = CHAIN_MALFORMED;
	}
	r->leaf = *leaf;
	r->cert = *leaf;
	r->err = cert_check(leaf, o->now, 0);
	if (r->err == CHAIN_OK && o->host && !x509_matches(leaf, o->host))
		r->err = CHAIN_NAME_MISMATCH;
	if (r->err == CHAIN_OK)
		r->err = key_check(leaf);
	if (r->err == CHAIN_OK && !eku_allows(leaf, o->eku))
		r->err = CHAIN_EKU;
	if (r->err == CHAIN_OK && leaf->has_ku && (leaf->ku & o->ku) != o->ku)
		r->err = CHAIN_KU_LEAF;
	if (r->err == CHAIN_OK && leaf->has_nc && !leaf->is_ca)
		r->err = CHAIN_NC_IN_LEAF;
	if (r->err != CHAIN_OK) {
		set_oid(r);
		return r->err;
	}
	if (leaf_trusted(c, &sent[0]))
		return CHAIN_OK;
	c->path[0] = 0;
	c->depth = 1;
	if (build(c, r) == 1) {
		r->err = CHAIN_OK;
		return CHAIN_OK;
	}
	e = r->err;
	set_oid(r);
	/* A sent certificate that did not parse, and no path: say so. */
	for (i = 1; e == CHAIN_UNKNOWN_ISSUER && i < c->nsent; i++)
		if (!c->sent_ok[i] &&
		    span_eq(&c->sent[i].subject, &r->cert.issuer)) {
			r->cert = c->sent[i];
			r->depth = -1;
			r->field = c->sent[i].bad;
			return r->err = CHAIN_MALFORMED;
		}
	return e;
}

/* The certificate r concerns: "the server's certificate (CN=a)", ... */
static void
who_text(const struct chain_result *r, struct buf *b)
{
	if (r->depth == 0) {
		buf_str(b, "the server's certificate (");
		x509_cn_text(&r->cert, b);
		buf_str(b, ")");
		return;
	}
	if (r->depth < 0) {
		buf_str(b, "a certificate sent");
		return;
	}
	if (r->anchor) {
		buf_str(b, "the root ");
		x509_cn_text(&r->cert, b);
		return;
	}
	buf_str(b, "intermediate ");
	buf_u64(b, (uint64_t)r->depth);
	buf_str(b, " (");
	x509_cn_text(&r->cert, b);
	buf_str(b, ")");
}

static const char *const sig_names[] = {
	[X509_SIG_OTHER] = "an unknown algorithm",
	[X509_SIG_RSA_SHA256] = "RSA with SHA-256",
	[X509_SIG_RSA_SHA384] = "RSA with SHA-384",
	[X509_SIG_RSA_SHA512] = "RSA with SHA-512",
	[X509_SIG_ECDSA_SHA256] = "ECDSA with SHA-256",
	[X509_SIG_ECDSA_SHA384] = "ECDSA with SHA-384",
	[X509_SIG_ECDSA_SHA512] = "ECDSA with SHA-512",
	[X509_SIG_RSA_SHA1] = "RSA with SHA-1 (insecure)",
	[X509_SIG_ECDSA_SHA1] = "ECDSA with SHA-1 (insecure)",
	[X509_SIG_RSA_PSS] = "RSA-PSS",
	[X509_SIG_ED25519] = "Ed25519",
};

/* A GeneralName as "DNS:a.test", "IP:10.0.0.1", "DirName", ... */
static void
name_text(const struct x509_name *nm, struct buf *b)
{
	switch (nm->type) {
	case X509_GN_DNS:
		buf_str(b, "DNS:");
		break;
	case X509_GN_EMAIL:
		buf_str(b, "email:");
		break;
	case X509_GN_URI:
		buf_str(b, "URI:");
		break;
	case X509_GN_IP:
		buf_str(b, "IP:");
		ipaddr_text(nm->p, nm->len, b);
		return;
	case X509_GN_DIR:
		buf_str(b, "its subject name");
		return;
	default:
		buf_str(b, "a name of type ");
		buf_u64(b, nm->type);
		return;
	}
	x509_safe_text(nm->p, nm->len > 128 ? 128 : nm->len, b);
}

/* What an EKU allows: "clientAuth", "clientAuth and others", ... */
static void
eku_text(unsigned eku, struct buf *b)
{
	const char *sep = "";

	if (eku & X509_EKU_SERVER) {
		buf_str(b, "serverAuth");
		sep = ", ";
	}
	if (eku & X509_EKU_CLIENT) {
		buf_str(b, sep);
		buf_str(b, "clientAuth");
		sep = ", ";
	}
	if (eku & X509_EKU_OTHER) {
		buf_str(b, sep);
		buf_str(b, "other purposes");
	}
}

static const char *const key_names[] = {
	[0] = "a key of an algorithm",
	[X509_KEY_RSA] = "an RSA key",
	[X509_KEY_EC] = "an EC key on a curve",
	[X509_KEY_ED25519] = "an Ed25519 key",
	[X509_KEY_RSA_PSS] = "an RSA-PSS key",
};

void
chain_text(const struct chain_result *r, struct buf *b)
{
	const struct x509_info *x = &r->cert;
	struct x509_info s;
	size_t i;

	switch (r->err) {
	case CHAIN_OK:
		buf_str(b, "verified");
		return;
	case CHAIN_EMPTY:
		buf_str(b, "the server sent no certificate");
		return;
	case CHAIN_NAME_MISMATCH:
		buf_str(b, "name mismatch: the certificate is for ");
		x509_names_text(x, b);
		buf_str(b, ", not ");
		buf_str(b, r->host);
		return;
	case CHAIN_UNKNOWN_ISSUER:
		buf_str(b, "certificate signed by an unknown authority: no "
			   "path to a trusted root from ");
		who_text(r, b);
		buf_str(b, ", issued by ");
		if (x->icn) {
			buf_str(b, "CN=");
			x509_safe_text(x->icn, x->icnlen > 64 ? 64 : x->icnlen,
				       b);
		} else {
			buf_str(b, "a name without CN");
		}
		buf_str(b, " (");
		buf_u64(b, r->nsent);
		buf_str(b, r->nsent == 1 ? " certificate sent: "
					 : " certificates sent: ");
		for (i = 0; i < r->nsent && i < 6; i++) {
			buf_str(b, i ? ", " : "");
			if (x509_parse(r->sent[i].p, r->sent[i].len, &s) < 0)
				buf_str(b, "unreadable");
			else
				x509_cn_text(&s, b);
		}
		buf_str(b, r->nsent > 6 ? ", ...)" : ")");
		if (r->wrong_key == r->depth + 1) {
			buf_str(b, "; ");
			x509_cn_text(&r->issuer, b);
			buf_str(b, " has that name but another key");
		}
		return;
	case CHAIN_TOO_MUCH_WORK:
		buf_str(b, "no path to a trusted root found within ");
		buf_u64(b, CHAIN_SIG_CHECKS);
		buf_str(b, " signature checks");
		return;
	default:
		break;
	}
	who_text(r, b);
	switch (r->err) {
	case CHAIN_MALFORMED:
		buf_str(b, " is malformed: ");
		buf_str(b, r->field ? r->field : "its DER");
		buf_str(b, " does not parse");
		return;
	case CHAIN_DUP_EXT:
	case CHAIN_CRIT_EXT:
		buf_str(b, r->err == CHAIN_DUP_EXT
			       ? " has a duplicate extension "
			       : " has an unknown critical extension ");
		x509_oid_text(r->oid.p, r->oid.len, b);
		return;
	case CHAIN_EXPIRED:
	case CHAIN_NOT_YET_VALID:
		buf_str(b, r->err == CHAIN_EXPIRED ? " expired on "
						   : " is not valid before ");
		x509_date_text(
		    r->err == CHAIN_EXPIRED ? x->not_after : x->not_before, b);
		buf_str(b, " (now ");
		x509_date_text(r->now, b);
		buf_str(b, ")");
		return;
	case CHAIN_NOT_CA:
		buf_str(b, " is not a CA (basicConstraints without cA)");
		return;
	case CHAIN_KU_CERT_SIGN:
		buf_str(b, ": keyUsage does not allow keyCertSign");
		return;
	case CHAIN_KU_LEAF:
		buf_str(b, ": keyUsage does not allow digitalSignature (an "
			   "ECDHE handshake needs it)");
		return;
	case CHAIN_EKU:
		buf_str(b, ": extendedKeyUsage does not allow serverAuth (it "
			   "allows ");
		eku_text(x->eku, b);
		buf_str(b, ")");
		return;
	case CHAIN_PATHLEN:
		buf_str(b, ": path length exceeded (pathLenConstraint ");
		buf_u64(b, (uint64_t)x->pathlen);
		buf_str(b, ", ");
		buf_u64(b, (uint64_t)r->count);
		buf_str(b, " intermediates below it)");
		return;
	case CHAIN_NC_EXCLUDED:
	case CHAIN_NC_NOT_PERMITTED:
	case CHAIN_NC_BAD_NAME:
		buf_str(b, r->err == CHAIN_NC_EXCLUDED ? ": name constraints "
							 "exclude "
			   : r->err == CHAIN_NC_NOT_PERMITTED
			       ? ": name constraints do not permit "
			       : ": name constraints cannot judge ");
		name_text(&r->name, b);
		if (r->name_depth) {
			buf_str(b, " of intermediate ");
			buf_u64(b, (uint64_t)r->name_depth);
		}
		return;
	case CHAIN_SIG_MISMATCH:
		buf_str(b, ": its two signature algorithm fields differ");
		return;
	case CHAIN_SIG_ALG:
		buf_str(b, " is signed with ");
		buf_str(b, sig_names[x->sig_alg]);
		buf_str(b, ", which this build does not verify (RSA PKCS#1 or "
			   "ECDSA with SHA-256, -384 or -512)");
		return;
	case CHAIN_BAD_SIGNATURE:
		buf_str(b, ": its signature does not verify with the key of "
			   "its issuer ");
		x509_cn_text(&r->issuer, b);
		return;
	case CHAIN_KEY_UNSUPPORTED:
		if (x->key.type == X509_KEY_RSA) {
			buf_str(b, " has an RSA key of ");
			buf_u64(b, x->key.bits);
			buf_str(b, " bits (over 4096: BearSSL verifies none "
				   "larger)");
			return;
		}
		buf_str(b, " has ");
		buf_str(b, key_names[x->key.type]);
		buf_str(b, " this build does not use (RSA, or ECDSA on P-256, "
			   "P-384 or P-521)");
		return;
	case CHAIN_KEY_WEAK:
		buf_str(b, " has an RSA key of ");
		buf_u64(b, x->key.bits);
		buf_str(b, " bits (under 2048: too weak)");
		return;
	case CHAIN_NC_TOO_MUCH:
		buf_str(b, ": name constraints against names over ");
		buf_u64(b, CHAIN_NC_CHECKS);
		buf_str(b, " times (refused, as Go does)");
		return;
	case CHAIN_NC_IN_LEAF:
		buf_str(b, " has nameConstraints but is no CA (RFC 5280 "
			   "4.2.1.10)");
		return;
	case CHAIN_MISCRIT:
		buf_str(b, " marks extension ");
		x509_oid_text(r->oid.p, r->oid.len, b);
		buf_str(b, x->miscrit.len == 3 && x->miscrit.p[2] == 0x24
			       ? " (policyConstraints) not critical"
			       : " critical");
		buf_str(b, ", which RFC 5280 forbids");
		return;
	case CHAIN_SERIAL:
		buf_str(b, " has a serial number that is ");
		buf_str(b, x->serial.p[0] & 0x80 ? "negative"
			   : x->serial.len > 20	 ? "over 20 bytes"
						 : "zero");
		buf_str(b, " (RFC 5280 4.1.2.2)");
		return;
	case CHAIN_SAN_NOT_CRIT:
		buf_str(b, " has an empty subject and a subjectAltName not "
			   "marked critical (RFC 5280 4.2.1.6)");
		return;
	case CHAIN_KU_NOT_CA:
		buf_str(b, ": keyUsage allows keyCertSign but it is no CA");
		return;
	case CHAIN_NO_SKI:
		buf_str(b, " is a CA without subjectKeyIdentifier (RFC 5280 "
			   "4.2.1.2)");
		return;
	case CHAIN_NO_AKI:
		buf_str(b, " has no authorityKeyIdentifier (RFC 5280 4.2.1.1)");
		return;
	case CHAIN_EMPTY_SUBJECT:
		buf_str(b, " is a CA with an empty subject (RFC 5280 4.1.2.6)");
		return;
	case CHAIN_TOO_DEEP:
		buf_str(b, ": no path to a trusted root within ");
		buf_u64(b, (uint64_t)r->count);
		buf_str(b, " intermediates");
		return;
	default:
		buf_str(b, ": refused");
	}
}
