#include <string.h>
#include <strings.h>

#include "ipaddr.h"
#include "x509.h"

/* One DER element: its tag, and its contents v[0..len). */
struct tlv {
	uint8_t tag;
	const uint8_t *v;
	size_t len;
};

/*
 * The element at *p (before end), definite lengths of up to 4 bytes in
 * their shortest form (DER); *p moves past it.  Returns 0 or X509_EBAD.
 */
static int
tlv_next(const uint8_t **p, const uint8_t *end, struct tlv *t)
{
	size_t len = 0, k, n;

	if (end - *p < 2)
		return X509_EBAD;
	t->tag = (*p)[0];
	if ((t->tag & 0x1f) == 0x1f)
		return X509_EBAD; /* high tag numbers: none in what we read */
	n = (*p)[1];
	*p += 2;
	if (n & 0x80) {
		k = n & 0x7f;
		if (k == 0 || k > 4 || (size_t)(end - *p) < k || !**p)
			return X509_EBAD;
		for (; k; k--)
			len = len << 8 | *(*p)++;
		if (len < 0x80)
			return X509_EBAD;
	} else {
		len = n;
	}
	if (len > (size_t)(end - *p))
		return X509_EBAD;
	t->v = *p;
	t->len = len;
	*p += len;
	return 0;
}

/* The element at *p, which must have tag; 0 or X509_EBAD. */
static int
tlv_want(const uint8_t **p, const uint8_t *end, uint8_t tag, struct tlv *t)
{
	if (tlv_next(p, end, t) < 0 || t->tag != tag)
		return X509_EBAD;
	return 0;
}

/* Whether the OID t is the one in o[0..n). */
static int
oid_is(const struct tlv *t, const uint8_t *o, size_t n)
{
	return t->len == n && !memcmp(t->v, o, n);
}

#define OID_IS(t, o) oid_is((t), (o), sizeof(o))

/* Fails the parse naming field. */
static int
bad(struct x509_info *x, const char *field)
{
	x->bad = field;
	return X509_EBAD;
}

static int
digits(const uint8_t *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* UTCTime or GeneralizedTime, seconds and 'Z' required, into out[15]. */
static int
get_time(const struct tlv *t, char out[15])
{
	if (t->tag == 0x17 && t->len == 13 && digits(t->v, 12) &&
	    t->v[12] == 'Z') {
		out[0] = t->v[0] < '5' ? '2' : '1';
		out[1] = t->v[0] < '5' ? '0' : '9';
		memcpy(out + 2, t->v, 12);
	} else if (t->tag == 0x18 && t->len == 15 && digits(t->v, 14) &&
		   t->v[14] == 'Z') {
		memcpy(out, t->v, 14);
	} else {
		return X509_EBAD;
	}
	out[14] = '\0';
	/* Month 01-12, day 01-31, hour 00-23, minute and second 00-59. */
	if (memcmp(out + 4, "01", 2) < 0 || memcmp(out + 4, "12", 2) > 0 ||
	    memcmp(out + 6, "01", 2) < 0 || memcmp(out + 6, "31", 2) > 0 ||
	    memcmp(out + 8, "23", 2) > 0 || out[10] > '5' || out[12] > '5')
		return X509_EBAD;
	return 0;
}

/* The first CN (2.5.4.3) of a Name's contents. */
static int
get_cn(const struct tlv *name, struct x509_info *x)
{
	static const uint8_t cn_oid[] = { 0x55, 0x04, 0x03 };
	const uint8_t *p = name->v, *end = name->v + name->len, *q, *qe, *r;
	struct tlv set, atv, oid, val;

	while (p < end) {
		if (tlv_want(&p, end, 0x31, &set) < 0 || !set.len)
			return X509_EBAD;
		for (q = set.v, qe = set.v + set.len; q < qe;) {
			if (tlv_want(&q, qe, 0x30, &atv) < 0)
				return X509_EBAD;
			r = atv.v;
			if (tlv_want(&r, atv.v + atv.len, 0x06, &oid) < 0 ||
			    tlv_next(&r, atv.v + atv.len, &val) < 0 ||
			    r != atv.v + atv.len)
				return X509_EBAD;
			if (!x->cn && OID_IS(&oid, cn_oid)) {
				x->cn = val.v;
				x->cnlen = val.len;
			}
		}
	}
	return 0;
}

int
x509_name_next(const uint8_t **p, const uint8_t *end, struct x509_name *nm)
{
	struct tlv gn;

	if (*p >= end)
		return 0;
	if (tlv_next(p, end, &gn) < 0)
		return X509_EBAD;
	nm->type = gn.tag & 0x1f;
	nm->p = gn.v;
	nm->len = gn.len;
	/* Context tags; directoryName is EXPLICIT (a Name inside). */
	if ((gn.tag & 0xc0) != 0x80)
		return X509_EBAD;
	if (nm->type == X509_GN_DIR) {
		const uint8_t *q = gn.v;
		struct tlv name;

		if (gn.tag != 0xa4 ||
		    tlv_want(&q, gn.v + gn.len, 0x30, &name) < 0 ||
		    q != gn.v + gn.len)
			return X509_EBAD;
		return 1;
	}
	if (nm->type == X509_GN_EMAIL || nm->type == X509_GN_DNS ||
	    nm->type == X509_GN_URI || nm->type == X509_GN_IP)
		return gn.tag & 0x20 ? X509_EBAD : 1;
	return 1;
}

/*
 * subjectAltName: GeneralNames, at least one, each well formed (an IP
 * address of 4 or 16 bytes, names without NUL).
 */
static int
get_san(const struct tlv *octets, struct x509_info *x)
{
	const uint8_t *p = octets->v, *end = octets->v + octets->len, *q;
	struct tlv seq;
	struct x509_name nm;
	int r;

	if (tlv_want(&p, end, 0x30, &seq) < 0 || p != end || !seq.len)
		return X509_EBAD;
	x->has_san = 1;
	x->san.p = seq.v;
	x->san.len = seq.len;
	for (q = seq.v; (r = x509_name_next(&q, seq.v + seq.len, &nm)) > 0;) {
		if (nm.type == X509_GN_IP && nm.len != 4 && nm.len != 16)
			return X509_EBAD;
		if ((nm.type == X509_GN_DNS || nm.type == X509_GN_EMAIL ||
		     nm.type == X509_GN_URI) &&
		    memchr(nm.p, '\0', nm.len))
			return X509_EBAD;
	}
	return r;
}

/*
 * A non-negative INTEGER that fits a long (larger ones are LONG_MAX-ish:
 * a path length of 2^31 or more is no limit); -1 when malformed.
 */
static long
small_uint(const struct tlv *t)
{
	long v = 0;
	size_t i;

	if (t->tag != 0x02 || !t->len || t->v[0] & 0x80 ||
	    (t->len > 1 && !t->v[0] && !(t->v[1] & 0x80)))
		return -1;
	for (i = 0; i < t->len; i++)
		v = v > 0x7fffff ? 0x7fffffff : v << 8 | t->v[i];
	return v;
}

/* basicConstraints: SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLen ... } */
static int
get_bc(const struct tlv *octets, struct x509_info *x)
{
	const uint8_t *p = octets->v, *end = p + octets->len, *se;
	struct tlv seq, t;

	if (tlv_want(&p, end, 0x30, &seq) < 0 || p != end)
		return X509_EBAD;
	x->has_bc = 1;
	p = seq.v;
	se = seq.v + seq.len;
	if (p < se && p[0] == 0x01) {
		if (tlv_next(&p, se, &t) < 0 || t.len != 1)
			return X509_EBAD;
		x->is_ca = t.v[0] != 0;
	}
	if (p < se) {
		if (tlv_next(&p, se, &t) < 0 ||
		    (x->pathlen = small_uint(&t)) < 0)
			return X509_EBAD;
	}
	return p == se ? 0 : X509_EBAD;
}

/* keyUsage: a BIT STRING, named bit i kept as bit i. */
static int
get_ku(const struct tlv *octets, struct x509_info *x)
{
	const uint8_t *p = octets->v, *end = p + octets->len;
	struct tlv bits;
	size_t i;

	if (tlv_want(&p, end, 0x03, &bits) < 0 || p != end || !bits.len ||
	    bits.v[0] > 7 || (bits.len == 1 && bits.v[0]))
		return X509_EBAD;
	x->has_ku = 1;
	for (i = 0; i + 1 < bits.len && i < 2; i++) {
		unsigned b = bits.v[i + 1], k;

		for (k = 0; k < 8; k++)
			if (b & (0x80u >> k))
				x->ku |= 1u << (i * 8 + k);
	}
	return 0;
}

/* extendedKeyUsage: SEQUENCE SIZE (1..MAX) OF OID. */
static int
get_eku(const struct tlv *octets, struct x509_info *x)
{
	static const uint8_t kp[] = {
		0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03
	};
	static const uint8_t any[] = { 0x55, 0x1d, 0x25, 0x00 };
	const uint8_t *p = octets->v, *end = p + octets->len;
	struct tlv seq, oid;

	if (tlv_want(&p, end, 0x30, &seq) < 0 || p != end || !seq.len)
		return X509_EBAD;
	for (p = seq.v; p < seq.v + seq.len;) {
		if (tlv_want(&p, seq.v + seq.len, 0x06, &oid) < 0 || !oid.len)
			return X509_EBAD;
		if (oid.len == sizeof(kp) + 1 &&
		    !memcmp(oid.v, kp, sizeof(kp)) &&
		    (oid.v[7] == 1 || oid.v[7] == 2))
			x->eku |=
			    oid.v[7] == 1 ? X509_EKU_SERVER : X509_EKU_CLIENT;
		else if (OID_IS(&oid, any))
			x->eku |= X509_EKU_ANY;
		else
			x->eku |= X509_EKU_OTHER;
	}
	return 0;
}

/*
 * GeneralSubtrees' contents: each a SEQUENCE { base GeneralName,
 * minimum [0] 0 (absent), no maximum } (RFC 5280 4.2.1.10).
 */
static int
check_subtrees(const struct tlv *t)
{
	const uint8_t *p = t->v, *end = p + t->len, *q;
	struct tlv st;
	struct x509_name nm;

	if (!t->len)
		return X509_EBAD;
	while (p < end) {
		if (tlv_want(&p, end, 0x30, &st) < 0)
			return X509_EBAD;
		q = st.v;
		if (x509_name_next(&q, st.v + st.len, &nm) != 1 ||
		    q != st.v + st.len)
			return X509_EBAD;
		if (nm.type == X509_GN_IP && nm.len != 8 && nm.len != 32)
			return X509_EBAD;
	}
	return 0;
}

/* nameConstraints: SEQUENCE { permitted [0], excluded [1] }, not empty. */
static int
get_nc(const struct tlv *octets, struct x509_info *x)
{
	const uint8_t *p = octets->v, *end = p + octets->len, *se;
	struct tlv seq, t;

	if (tlv_want(&p, end, 0x30, &seq) < 0 || p != end || !seq.len)
		return X509_EBAD;
	x->has_nc = 1;
	p = seq.v;
	se = seq.v + seq.len;
	if (p < se && p[0] == 0xa0) {
		if (tlv_next(&p, se, &t) < 0 || check_subtrees(&t) < 0)
			return X509_EBAD;
		x->permitted.p = t.v;
		x->permitted.len = t.len;
	}
	if (p < se && p[0] == 0xa1) {
		if (tlv_next(&p, se, &t) < 0 || check_subtrees(&t) < 0)
			return X509_EBAD;
		x->excluded.p = t.v;
		x->excluded.len = t.len;
	}
	return p == se ? 0 : X509_EBAD;
}

/* subjectKeyIdentifier: an OCTET STRING. */
static int
get_ski(const struct tlv *octets, struct x509_info *x)
{
	const uint8_t *p = octets->v, *end = p + octets->len;
	struct tlv id;

	if (tlv_want(&p, end, 0x04, &id) < 0 || p != end)
		return X509_EBAD;
	x->ski.p = id.v;
	x->ski.len = id.len;
	return 0;
}

/* authorityKeyIdentifier: SEQUENCE { keyIdentifier [0] OPTIONAL, ... } */
static int
get_aki(const struct tlv *octets, struct x509_info *x)
{
	const uint8_t *p = octets->v, *end = p + octets->len;
	struct tlv seq, id;

	if (tlv_want(&p, end, 0x30, &seq) < 0 || p != end)
		return X509_EBAD;
	p = seq.v;
	while (p < seq.v + seq.len) {
		if (tlv_next(&p, seq.v + seq.len, &id) < 0)
			return X509_EBAD;
		if (id.tag == 0x80) {
			x->aki.p = id.v;
			x->aki.len = id.len;
		}
	}
	return 0;
}

/*
 * authorityInfoAccess: SEQUENCE SIZE (1..MAX) OF AccessDescription
 * { accessMethod OID, accessLocation GeneralName }.
 */
static int
get_aia(const struct tlv *octets, struct x509_info *x)
{
	const uint8_t *p = octets->v, *end = p + octets->len, *q;
	struct tlv seq, ad, oid;
	struct x509_name nm;

	(void)x;
	if (tlv_want(&p, end, 0x30, &seq) < 0 || p != end || !seq.len)
		return X509_EBAD;
	for (p = seq.v; p < seq.v + seq.len;) {
		if (tlv_want(&p, seq.v + seq.len, 0x30, &ad) < 0)
			return X509_EBAD;
		q = ad.v;
		if (tlv_want(&q, ad.v + ad.len, 0x06, &oid) < 0 ||
		    x509_name_next(&q, ad.v + ad.len, &nm) != 1 ||
		    q != ad.v + ad.len)
			return X509_EBAD;
	}
	return 0;
}

/* An extension this parser reads, and what reads it. */
struct ext {
	uint8_t oid[8];
	size_t len;
	int (*get)(const struct tlv *octets, struct x509_info *x);
	const char *name;
	int crit; /* RFC 5280: 1 MUST be critical, -1 MUST NOT, 0 either */
};

/* certificatePolicies, CRL distribution points:
 * known (a critical one is not "unknown"), their contents not used. */
static int
get_none(const struct tlv *octets, struct x509_info *x)
{
	(void)octets;
	(void)x;
	return 0;
}

static const struct ext exts[] = {
	{ { 0x55, 0x1d, 0x11 }, 3, get_san, "subjectAltName", 0 },
	{ { 0x55, 0x1d, 0x13 }, 3, get_bc, "basicConstraints", 0 },
	{ { 0x55, 0x1d, 0x0f }, 3, get_ku, "keyUsage", 0 },
	{ { 0x55, 0x1d, 0x25 }, 3, get_eku, "extendedKeyUsage", 0 },
	{ { 0x55, 0x1d, 0x1e }, 3, get_nc, "nameConstraints", 0 },
	{ { 0x55, 0x1d, 0x0e }, 3, get_ski, "subjectKeyIdentifier", -1 },
	{ { 0x55, 0x1d, 0x23 }, 3, get_aki, "authorityKeyIdentifier", -1 },
	{ { 0x55, 0x1d, 0x20 }, 3, get_none, "certificatePolicies", 0 },
	{ { 0x55, 0x1d, 0x1f }, 3, get_none, "cRLDistributionPoints", 0 },
	{ { 0x55, 0x1d, 0x24 }, 3, get_none, "policyConstraints", 1 },
	{ { 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x01, 0x01 },
	  8,
	  get_aia,
	  "authorityInfoAccess",
	  -1 },
};

/* Whether the OID of an extension before at in [start, at) equals oid. */
static int
seen_before(const uint8_t *start, const uint8_t *at, const struct tlv *oid)
{
	const uint8_t *p = start, *q;
	struct tlv ext, o;

	while (p < at) {
		if (tlv_want(&p, at, 0x30, &ext) < 0)
			return 0;
		q = ext.v;
		if (tlv_want(&q, ext.v + ext.len, 0x06, &o) < 0)
			return 0;
		if (o.len == oid->len && !memcmp(o.v, oid->v, o.len))
			return 1;
	}
	return 0;
}

static int
get_extensions(const struct tlv *explicit3, struct x509_info *x)
{
	const uint8_t *p = explicit3->v, *end = p + explicit3->len, *q, *qe,
		      *at;
	struct tlv seq, ext, oid, t;
	size_t i;
	int crit;

	if (tlv_want(&p, end, 0x30, &seq) < 0 || p != end || !seq.len)
		return bad(x, "extensions");
	for (p = seq.v, end = seq.v + seq.len; p < end;) {
		at = p;
		if (tlv_want(&p, end, 0x30, &ext) < 0)
			return bad(x, "extensions");
		q = ext.v;
		qe = ext.v + ext.len;
		crit = 0;
		if (tlv_want(&q, qe, 0x06, &oid) < 0 || !oid.len ||
		    tlv_next(&q, qe, &t) < 0)
			return bad(x, "extensions");
		if (t.tag == 0x01) {
			if (t.len != 1)
				return bad(x, "extensions");
			crit = t.v[0] != 0;
			if (tlv_next(&q, qe, &t) < 0)
				return bad(x, "extensions");
		}
		if (t.tag != 0x04 || q != qe)
			return bad(x, "extensions");
		if (!x->dup.p && seen_before(seq.v, at, &oid)) {
			x->dup.p = oid.v;
			x->dup.len = oid.len;
		}
		for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
			if (oid_is(&oid, exts[i].oid, exts[i].len))
				break;
		if (i == sizeof(exts) / sizeof(exts[0])) {
			if (crit && !x->crit.p) {
				x->crit.p = oid.v;
				x->crit.len = oid.len;
			}
			continue;
		}
		if (exts[i].get(&t, x) < 0)
			return bad(x, exts[i].name);
		if (!x->miscrit.p && exts[i].crit &&
		    (exts[i].crit > 0) != crit) {
			x->miscrit.p = oid.v;
			x->miscrit.len = oid.len;
		}
		if (exts[i].get == get_san)
			x->san_critical = crit;
	}
	return 0;
}

/* An INTEGER's magnitude: its leading zero bytes taken off. */
static void
unsigned_of(const struct tlv *t, const uint8_t **p, size_t *n)
{
	*p = t->v;
	*n = t->len;
	while (*n > 1 && !**p) {
		(*p)++;
		(*n)--;
	}
}

static const uint8_t oid_rsa[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7,
				   0x0d, 0x01, 0x01, 0x01 };
static const uint8_t oid_pss[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7,
				   0x0d, 0x01, 0x01, 0x0a };
static const uint8_t oid_ec[] = { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01 };
static const uint8_t oid_ed25519[] = { 0x2b, 0x65, 0x70 };

/* subjectPublicKeyInfo: RSA (n, e) or EC (curve, point); others named. */
static int
get_key(const struct tlv *spki, struct x509_key *k)
{
	static const struct {
		uint8_t oid[8];
		size_t len;
		int id;
	} curves[] = {
		{ { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07 }, 8, 23 },
		{ { 0x2b, 0x81, 0x04, 0x00, 0x22 }, 5, 24 },
		{ { 0x2b, 0x81, 0x04, 0x00, 0x23 }, 5, 25 },
	};
	const uint8_t *p = spki->v, *end = p + spki->len, *q;
	struct tlv alg, oid, param, bits, seq, n, e;
	size_t i;
	unsigned top;

	if (tlv_want(&p, end, 0x30, &alg) < 0 ||
	    tlv_want(&p, end, 0x03, &bits) < 0 || p != end || !bits.len ||
	    bits.v[0] != 0)
		return X509_EBAD;
	q = alg.v;
	if (tlv_want(&q, alg.v + alg.len, 0x06, &oid) < 0)
		return X509_EBAD;
	if (OID_IS(&oid, oid_rsa)) {
		q = bits.v + 1;
		if (tlv_want(&q, bits.v + bits.len, 0x30, &seq) < 0)
			return X509_EBAD;
		q = seq.v;
		if (tlv_want(&q, seq.v + seq.len, 0x02, &n) < 0 ||
		    tlv_want(&q, seq.v + seq.len, 0x02, &e) < 0 || !n.len ||
		    !e.len || n.v[0] & 0x80 || e.v[0] & 0x80)
			return X509_EBAD;
		k->type = X509_KEY_RSA;
		unsigned_of(&n, &k->n, &k->nlen);
		unsigned_of(&e, &k->e, &k->elen);
		for (top = k->n[0], k->bits = (unsigned)k->nlen * 8;
		     k->bits && !(top & 0x80); top <<= 1)
			k->bits--;
		return 0;
	}
	if (OID_IS(&oid, oid_pss))
		k->type = X509_KEY_RSA_PSS;
	if (OID_IS(&oid, oid_ed25519))
		k->type = X509_KEY_ED25519;
	if (!OID_IS(&oid, oid_ec))
		return 0; /* another algorithm: not read */
	k->type = X509_KEY_EC;
	if (tlv_want(&q, alg.v + alg.len, 0x06, &param) < 0)
		return 0; /* explicit parameters: not read */
	for (i = 0; i < sizeof(curves) / sizeof(curves[0]); i++) {
		if (param.len != curves[i].len ||
		    memcmp(param.v, curves[i].oid, param.len))
			continue;
		k->curve = curves[i].id;
		k->n = bits.v + 1;
		k->nlen = bits.len - 1;
	}
	return 0;
}

/* An AlgorithmIdentifier's algorithm, for signatureAlgorithm. */
static enum x509_sig
sig_alg_of(const struct tlv *alg)
{
	static const struct {
		uint8_t oid[9];
		size_t len;
		enum x509_sig alg;
	} algs[] = {
		{ { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b },
		  9,
		  X509_SIG_RSA_SHA256 },
		{ { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c },
		  9,
		  X509_SIG_RSA_SHA384 },
		{ { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0d },
		  9,
		  X509_SIG_RSA_SHA512 },
		{ { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x05 },
		  9,
		  X509_SIG_RSA_SHA1 },
		{ { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a },
		  9,
		  X509_SIG_RSA_PSS },
		{ { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02 },
		  8,
		  X509_SIG_ECDSA_SHA256 },
		{ { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03 },
		  8,
		  X509_SIG_ECDSA_SHA384 },
		{ { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x04 },
		  8,
		  X509_SIG_ECDSA_SHA512 },
		{ { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x01 },
		  7,
		  X509_SIG_ECDSA_SHA1 },
		{ { 0x2b, 0x65, 0x70 }, 3, X509_SIG_ED25519 },
	};
	const uint8_t *p = alg->v;
	struct tlv oid;
	size_t i;

	if (tlv_want(&p, alg->v + alg->len, 0x06, &oid) < 0)
		return X509_SIG_OTHER;
	for (i = 0; i < sizeof(algs) / sizeof(algs[0]); i++)
		if (oid_is(&oid, algs[i].oid, algs[i].len))
			return algs[i].alg;
	return X509_SIG_OTHER;
}

static void
span(struct x509_span *s, const uint8_t *from, const uint8_t *to)
{
	s->p = from;
	s->len = (size_t)(to - from);
}

int
x509_parse(const uint8_t *der, size_t n, struct x509_info *x)
{
	const uint8_t *p = der, *end = der + n, *q, *qe, *at;
	struct tlv cert, tbs, t, validity, tb, ta, alg, bits;

	memset(x, 0, sizeof(*x));
	x->pathlen = -1;
	x->version = 1;
	if (tlv_want(&p, end, 0x30, &cert) < 0 || p != end)
		return bad(x, "certificate");
	p = cert.v;
	at = p;
	if (tlv_want(&p, cert.v + cert.len, 0x30, &tbs) < 0)
		return bad(x, "tbsCertificate");
	span(&x->tbs, at, p);
	at = p;
	if (tlv_want(&p, cert.v + cert.len, 0x30, &alg) < 0)
		return bad(x, "signatureAlgorithm");
	span(&x->sigalg, at, p);
	x->sig_alg = sig_alg_of(&alg);
	if (tlv_want(&p, cert.v + cert.len, 0x03, &bits) < 0 || !bits.len ||
	    bits.v[0] || p != cert.v + cert.len)
		return bad(x, "signatureValue");
	x->sig.p = bits.v + 1;
	x->sig.len = bits.len - 1;
	q = tbs.v;
	qe = tbs.v + tbs.len;
	if (tlv_next(&q, qe, &t) < 0)
		return bad(x, "tbsCertificate");
	if (t.tag == 0xa0) { /* version */
		const uint8_t *v = t.v;
		struct tlv ver;

		if (tlv_want(&v, t.v + t.len, 0x02, &ver) < 0 ||
		    v != t.v + t.len || ver.len != 1 || ver.v[0] > 2)
			return bad(x, "version");
		x->version = ver.v[0] + 1;
		if (tlv_next(&q, qe, &t) < 0)
			return bad(x, "serialNumber");
	}
	if (t.tag != 0x02 || !t.len)
		return bad(x, "serialNumber");
	x->serial.p = t.v;
	x->serial.len = t.len;
	at = q;
	if (tlv_want(&q, qe, 0x30, &t) < 0)
		return bad(x, "signature");
	span(&x->inner, at, q);
	at = q;
	if (tlv_want(&q, qe, 0x30, &t) < 0 || get_cn(&t, x) < 0)
		return bad(x, "issuer");
	span(&x->issuer, at, q);
	x->icn = x->cn;
	x->icnlen = x->cnlen;
	x->cn = NULL;
	x->cnlen = 0;
	if (tlv_want(&q, qe, 0x30, &validity) < 0)
		return bad(x, "validity");
	at = q;
	if (tlv_want(&q, qe, 0x30, &t) < 0 || get_cn(&t, x) < 0)
		return bad(x, "subject");
	span(&x->subject, at, q);
	p = validity.v;
	if (tlv_next(&p, validity.v + validity.len, &tb) < 0 ||
	    tlv_next(&p, validity.v + validity.len, &ta) < 0 ||
	    p != validity.v + validity.len ||
	    get_time(&tb, x->not_before) < 0 || get_time(&ta, x->not_after) < 0)
		return bad(x, "validity");
	at = q;
	if (tlv_want(&q, qe, 0x30, &t) < 0 || get_key(&t, &x->key) < 0)
		return bad(x, "subjectPublicKeyInfo");
	span(&x->spki, at, q);
	while (q < qe) {
		if (tlv_next(&q, qe, &t) < 0)
			return bad(x, "tbsCertificate");
		if (t.tag == 0xa3) {
			if (x->version != 3)
				return bad(x, "extensions (not version 3)");
			if (get_extensions(&t, x) < 0)
				return X509_EBAD;
		} else if (t.tag != 0x81 && t.tag != 0x82) {
			return bad(x, "tbsCertificate");
		}
	}
	return 0;
}

int
x509_dns_matches(const char *p, size_t n, const char *host)
{
	size_t h = strlen(host), i, dots = 0;
	const char *dot;

	if (n && p[n - 1] == '.')
		n--;
	if (h && host[h - 1] == '.')
		h--;
	if (!n || !h || memchr(p, '\0', n))
		return 0;
	if (p[0] != '*')
		return n == h && !memchr(p, '*', n) && !strncasecmp(p, host, n);
	/* "*.rest": one whole label, at least two labels after it. */
	if (n < 3 || p[1] != '.' || memchr(p + 1, '*', n - 1))
		return 0;
	for (i = 2; i < n; i++)
		dots += p[i] == '.';
	if (dots < 1 || p[2] == '.' || p[n - 1] == '.')
		return 0;
	dot = memchr(host, '.', h);
	if (!dot || dot == host)
		return 0;
	return (size_t)(host + h - dot) == n - 1 &&
	       !strncasecmp(dot, p + 1, n - 1);
}

int
x509_matches(const struct x509_info *x, const char *host)
{
	const uint8_t *p = x->san.p, *end = p ? p + x->san.len : p;
	struct x509_name nm;
	uint8_t a[16];
	size_t alen = (size_t)ipaddr_parse(host, a);

	while (x509_name_next(&p, end, &nm) > 0) {
		if (alen && nm.type == X509_GN_IP && nm.len == alen &&
		    !memcmp(nm.p, a, alen))
			return 1;
		if (!alen && nm.type == X509_GN_DNS &&
		    x509_dns_matches((const char *)nm.p, nm.len, host))
			return 1;
	}
	return 0;
}

void
x509_safe_text(const uint8_t *p, size_t n, struct buf *b)
{
	size_t i;
	char c;

	for (i = 0; i < n; i++) {
		c = p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i] : '?';
		buf_mem(b, &c, 1);
	}
}

void
x509_cn_text(const struct x509_info *x, struct buf *b)
{
	if (!x->cn) {
		buf_str(b, "no CN");
		return;
	}
	buf_str(b, "CN=");
	x509_safe_text(x->cn, x->cnlen > 64 ? 64 : x->cnlen, b);
}

void
x509_names_text(const struct x509_info *x, struct buf *b)
{
	const uint8_t *p = x->san.p, *end = p ? p + x->san.len : p;
	struct x509_name nm;
	size_t shown = 0, more = 0;

	while (x509_name_next(&p, end, &nm) > 0) {
		if (nm.type != X509_GN_DNS && nm.type != X509_GN_IP)
			continue; /* email, URI, directory names... */
		if (shown == X509_SHOWN) {
			more++;
			continue;
		}
		buf_str(b, shown++ ? ", " : "");
		buf_str(b, nm.type == X509_GN_DNS ? "DNS:" : "IP:");
		if (nm.type == X509_GN_DNS)
			x509_safe_text(nm.p, nm.len, b);
		else
			ipaddr_text(nm.p, nm.len, b);
	}
	if (more) {
		buf_str(b, " (and ");
		buf_u64(b, more);
		buf_str(b, " more not shown)");
	}
	if (shown)
		return;
	buf_str(b, x->has_san ? "no DNS or IP subjectAltName"
			      : "no subjectAltName");
	if (x->cn) {
		buf_str(b, " (CN=");
		x509_safe_text(x->cn, x->cnlen, b);
		buf_str(b, ", not used for matching)");
	}
}

void
x509_oid_text(const uint8_t *p, size_t n, struct buf *b)
{
	uint64_t v = 0;
	size_t i;
	int first = 1;

	for (i = 0; i < n; i++) {
		if (v >> 56)
			break; /* an arc over 2^56: the text stops here */
		v = v << 7 | (p[i] & 0x7f);
		if (p[i] & 0x80)
			continue;
		if (first) {
			buf_u64(b, v < 40 ? 0 : v < 80 ? 1 : 2);
			v -= v < 40 ? 0 : v < 80 ? 40 : 80;
			first = 0;
		}
		buf_str(b, ".");
		buf_u64(b, v);
		v = 0;
	}
}

void
x509_time_text(uint64_t t, char out[15])
{
	uint64_t days = t / 86400, s = t % 86400, y, era, doe, yoe, doy, mp;
	unsigned m, d, v[6];
	int i, k;

	/* Days to a civil date (proleptic Gregorian), from 1970-01-01. */
	days += 719468;
	era = days / 146097;
	doe = days - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	y += m <= 2;
	if (y > 9999)
		y = 9999;
	v[0] = (unsigned)y;
	v[1] = m;
	v[2] = d;
	v[3] = (unsigned)(s / 3600);
	v[4] = (unsigned)(s / 60 % 60);
	v[5] = (unsigned)(s % 60);
	for (i = 0, k = 0; i < 6; i++) {
		int w = i ? 2 : 4, j;

		for (j = w - 1; j >= 0; j--, v[i] /= 10)
			out[k + j] = (char)('0' + v[i] % 10);
		k += w;
	}
	out[14] = '\0';
}

void
x509_date_text(const char t[15], struct buf *b)
{
	buf_mem(b, t, 4);
	buf_str(b, "-");
	buf_mem(b, t + 4, 2);
	buf_str(b, "-");
	buf_mem(b, t + 6, 2);
}
