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
 * The element at *p (before end), definite lengths up to 4 bytes; *p
 * moves past it.  Returns 0 or X509_EBAD.
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
		if (k == 0 || k > 4 || (size_t)(end - *p) < k)
			return X509_EBAD;
		for (; k; k--)
			len = len << 8 | *(*p)++;
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
		if (tlv_want(&p, end, 0x31, &set) < 0)
			return X509_EBAD;
		for (q = set.v, qe = set.v + set.len; q < qe;) {
			if (tlv_want(&q, qe, 0x30, &atv) < 0)
				return X509_EBAD;
			r = atv.v;
			if (tlv_want(&r, atv.v + atv.len, 0x06, &oid) < 0 ||
			    tlv_next(&r, atv.v + atv.len, &val) < 0)
				return X509_EBAD;
			if (!x->cn && oid.len == sizeof(cn_oid) &&
			    !memcmp(oid.v, cn_oid, sizeof(cn_oid))) {
				x->cn = val.v;
				x->cnlen = val.len;
			}
		}
	}
	return 0;
}

/* The GeneralNames of a subjectAltName value. */
static int
get_san(const struct tlv *octets, struct x509_info *x)
{
	const uint8_t *p = octets->v, *end = octets->v + octets->len, *q;
	struct tlv seq, gn;

	if (tlv_want(&p, end, 0x30, &seq) < 0 || p != end)
		return X509_EBAD;
	x->has_san = 1;
	for (q = seq.v; q < seq.v + seq.len;) {
		if (tlv_next(&q, seq.v + seq.len, &gn) < 0)
			return X509_EBAD;
		if (gn.tag != 0x82 && gn.tag != 0x87)
			continue; /* email, URI, directory names... */
		if (x->nnames == X509_NAMES) {
			x->more++;
			continue;
		}
		x->names[x->nnames].type = gn.tag & 0x1f;
		x->names[x->nnames].p = gn.v;
		x->names[x->nnames++].len = gn.len;
	}
	return 0;
}

/* basicConstraints: SEQUENCE { cA BOOLEAN DEFAULT FALSE, ... } */
static int
get_ca(const struct tlv *octets, struct x509_info *x)
{
	const uint8_t *p = octets->v, *end = p + octets->len;
	struct tlv seq, b;

	if (tlv_want(&p, end, 0x30, &seq) < 0 || p != end)
		return X509_EBAD;
	p = seq.v;
	if (p < seq.v + seq.len && tlv_next(&p, seq.v + seq.len, &b) == 0 &&
	    b.tag == 0x01 && b.len == 1)
		x->is_ca = b.v[0] != 0;
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

/* subjectPublicKeyInfo: RSA (n, e) or EC (curve, point). */
static int
get_key(const struct tlv *spki, struct x509_key *k)
{
	static const uint8_t rsa[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7,
				       0x0d, 0x01, 0x01, 0x01 };
	static const uint8_t ec[] = {
		0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01
	};
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

	if (tlv_want(&p, end, 0x30, &alg) < 0 ||
	    tlv_want(&p, end, 0x03, &bits) < 0 || p != end || !bits.len ||
	    bits.v[0] != 0)
		return X509_EBAD;
	q = alg.v;
	if (tlv_want(&q, alg.v + alg.len, 0x06, &oid) < 0)
		return X509_EBAD;
	if (oid.len == sizeof(rsa) && !memcmp(oid.v, rsa, sizeof(rsa))) {
		q = bits.v + 1;
		if (tlv_want(&q, bits.v + bits.len, 0x30, &seq) < 0)
			return X509_EBAD;
		q = seq.v;
		if (tlv_want(&q, seq.v + seq.len, 0x02, &n) < 0 ||
		    tlv_want(&q, seq.v + seq.len, 0x02, &e) < 0 || !n.len ||
		    !e.len)
			return X509_EBAD;
		k->type = X509_KEY_RSA;
		unsigned_of(&n, &k->n, &k->nlen);
		unsigned_of(&e, &k->e, &k->elen);
		return 0;
	}
	if (oid.len != sizeof(ec) || memcmp(oid.v, ec, sizeof(ec)))
		return 0; /* another algorithm: not read */
	if (tlv_want(&q, alg.v + alg.len, 0x06, &param) < 0)
		return 0; /* explicit parameters: not read */
	for (i = 0; i < sizeof(curves) / sizeof(curves[0]); i++) {
		if (param.len != curves[i].len ||
		    memcmp(param.v, curves[i].oid, param.len))
			continue;
		k->type = X509_KEY_EC;
		k->curve = curves[i].id;
		k->n = bits.v + 1;
		k->nlen = bits.len - 1;
	}
	return 0;
}

static int
get_extensions(const struct tlv *explicit3, struct x509_info *x)
{
	static const uint8_t san_oid[] = { 0x55, 0x1d, 0x11 };
	static const uint8_t bc_oid[] = { 0x55, 0x1d, 0x13 };
	const uint8_t *p = explicit3->v, *end = p + explicit3->len, *q, *qe;
	struct tlv seq, ext, oid, t;

	if (tlv_want(&p, end, 0x30, &seq) < 0 || p != end)
		return X509_EBAD;
	for (p = seq.v, end = seq.v + seq.len; p < end;) {
		if (tlv_want(&p, end, 0x30, &ext) < 0)
			return X509_EBAD;
		q = ext.v;
		qe = ext.v + ext.len;
		if (tlv_want(&q, qe, 0x06, &oid) < 0 ||
		    tlv_next(&q, qe, &t) < 0)
			return X509_EBAD;
		if (t.tag == 0x01 && tlv_next(&q, qe, &t) < 0)
			return X509_EBAD; /* critical */
		if (t.tag != 0x04 || q != qe)
			return X509_EBAD;
		if (oid.len == sizeof(san_oid) &&
		    !memcmp(oid.v, san_oid, sizeof(san_oid)) &&
		    get_san(&t, x) < 0)
			return X509_EBAD;
		if (oid.len == sizeof(bc_oid) &&
		    !memcmp(oid.v, bc_oid, sizeof(bc_oid)) && get_ca(&t, x) < 0)
			return X509_EBAD;
	}
	return 0;
}

int
x509_parse(const uint8_t *der, size_t n, struct x509_info *x)
{
	const uint8_t *p = der, *end = der + n, *q, *qe, *subj;
	struct tlv cert, tbs, t, validity, tb, ta;

	memset(x, 0, sizeof(*x));
	if (tlv_want(&p, end, 0x30, &cert) < 0)
		return X509_EBAD;
	p = cert.v;
	if (tlv_want(&p, cert.v + cert.len, 0x30, &tbs) < 0)
		return X509_EBAD;
	q = tbs.v;
	qe = tbs.v + tbs.len;
	if (tlv_next(&q, qe, &t) < 0)
		return X509_EBAD;
	if (t.tag == 0xa0 && tlv_next(&q, qe, &t) < 0) /* version */
		return X509_EBAD;
	if (t.tag != 0x02 ||			   /* serialNumber */
	    tlv_want(&q, qe, 0x30, &t) < 0 ||	   /* signature */
	    tlv_want(&q, qe, 0x30, &t) < 0 ||	   /* issuer */
	    tlv_want(&q, qe, 0x30, &validity) < 0) /* validity */
		return X509_EBAD;
	subj = q;
	if (tlv_want(&q, qe, 0x30, &t) < 0 || get_cn(&t, x) < 0) /* subject */
		return X509_EBAD;
	x->subject = subj;
	x->subject_len = (size_t)(q - subj);
	p = validity.v;
	if (tlv_next(&p, validity.v + validity.len, &tb) < 0 ||
	    tlv_next(&p, validity.v + validity.len, &ta) < 0 ||
	    get_time(&tb, x->not_before) < 0 || get_time(&ta, x->not_after) < 0)
		return X509_EBAD;
	if (tlv_want(&q, qe, 0x30, &t) < 0 || get_key(&t, &x->key) < 0)
		return X509_EBAD; /* subjectPublicKeyInfo */
	while (q < qe) {
		if (tlv_next(&q, qe, &t) < 0)
			return X509_EBAD;
		if (t.tag == 0xa3 && get_extensions(&t, x) < 0)
			return X509_EBAD;
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
	uint8_t a[16];
	size_t alen = (size_t)ipaddr_parse(host, a), i;

	for (i = 0; i < x->nnames; i++) {
		const struct x509_name *nm = &x->names[i];

		if (alen && nm->type == 7 && nm->len == alen &&
		    !memcmp(nm->p, a, alen))
			return 1;
		if (!alen && nm->type == 2 &&
		    x509_dns_matches((const char *)nm->p, nm->len, host))
			return 1;
	}
	return 0;
}

/* Bytes as text, control bytes and non-ASCII as '?'. */
static void
put_safe(struct buf *b, const uint8_t *p, size_t n)
{
	size_t i;
	char c;

	for (i = 0; i < n; i++) {
		c = p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i] : '?';
		buf_mem(b, &c, 1);
	}
}

void
x509_names_text(const struct x509_info *x, struct buf *b)
{
	size_t i;

	if (!x->nnames) {
		buf_str(b, x->has_san ? "no DNS or IP subjectAltName"
				      : "no subjectAltName");
		if (x->cn) {
			buf_str(b, " (CN=");
			put_safe(b, x->cn, x->cnlen);
			buf_str(b, ", not used for matching)");
		}
		return;
	}
	for (i = 0; i < x->nnames; i++) {
		buf_str(b, i ? ", " : "");
		buf_str(b, x->names[i].type == 2 ? "DNS:" : "IP:");
		if (x->names[i].type == 2)
			put_safe(b, x->names[i].p, x->names[i].len);
		else
			ipaddr_text(x->names[i].p, x->names[i].len, b);
	}
	if (x->more) {
		buf_str(b, " (and ");
		buf_u64(b, x->more);
		buf_str(b, " more)");
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
