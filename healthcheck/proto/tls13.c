/*
 * tls13: see tls13.h.  Every length is checked against what is left
 * before it is used; a message is read whole or refused, never in part.
 */
#include <string.h>

#include "tls13.h"

/* Extension types (RFC 8446 4.2, RFC 7301, RFC 5746, RFC 8422). */
enum {
	EXT_SERVER_NAME = 0,
	EXT_SUPPORTED_GROUPS = 10,
	EXT_EC_POINT_FORMATS = 11,
	EXT_SIGNATURE_ALGORITHMS = 13,
	EXT_ALPN = 16,
	EXT_PRE_SHARED_KEY = 41,
	EXT_EARLY_DATA = 42,
	EXT_SUPPORTED_VERSIONS = 43,
	EXT_COOKIE = 44,
	EXT_PSK_MODES = 45,
	EXT_KEY_SHARE = 51,
	EXT_RENEGOTIATION_INFO = 0xff01,
};

/* SHA-256("HelloRetryRequest"): the random of a HelloRetryRequest. */
static const uint8_t hrr_random[32] = {
	0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c,
	0x02, 0x1e, 0x65, 0xb8, 0x91, 0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb,
	0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
};

/*
 * The 1.3 suites only: a server that speaks nothing newer than 1.2 finds
 * no suite and says so at once (handshake_failure), before it signs
 * anything, and the caller connects again with its 1.2 engine.
 */
static const uint16_t suites[] = { TLS13_AES_128_GCM_SHA256,
				   TLS13_AES_256_GCM_SHA384,
				   TLS13_CHACHA20_POLY1305_SHA256 };
static const uint16_t groups[] = { TLS13_X25519, TLS13_SECP256R1,
				   TLS13_SECP384R1, TLS13_SECP521R1 };
/*
 * ECDSA with its curve's hash, RSA-PSS (rsae), then PKCS#1 v1.5, which
 * TLS 1.3 allows for certificates only (and 1.2 for everything).
 */
static const uint16_t schemes[] = { 0x0403, 0x0503, 0x0603, 0x0804, 0x0805,
				    0x0806, 0x0401, 0x0501, 0x0601 };

/* --- Writing: a cursor that refuses to pass the end. --- */

struct out {
	uint8_t *p;
	size_t len, cap;
	int full;
};

static void
put(struct out *o, const void *b, size_t n)
{
	if (o->full || n > o->cap - o->len) {
		o->full = 1;
		return;
	}
	memcpy(o->p + o->len, b, n);
	o->len += n;
}

static void
put8(struct out *o, unsigned v)
{
	uint8_t b = (uint8_t)v;

	put(o, &b, 1);
}

static void
put16(struct out *o, unsigned v)
{
	put8(o, v >> 8);
	put8(o, v);
}

/* Open a length field of n bytes; close() fills it. */
static size_t
open_len(struct out *o, int n)
{
	size_t at = o->len;

	while (n--)
		put8(o, 0);
	return at;
}

static void
close_len(struct out *o, size_t at, int n)
{
	size_t v = o->len - at - (size_t)n;

	if (o->full)
		return;
	while (n--) {
		o->p[at + (size_t)n] = (uint8_t)v;
		v >>= 8;
	}
}

static void
put_list16(struct out *o, const uint16_t *v, size_t n)
{
	size_t i;

	put16(o, (unsigned)(2 * n));
	for (i = 0; i < n; i++)
		put16(o, v[i]);
}

long
tls13_client_hello(const struct tls13_hello *h, uint8_t *buf, size_t cap)
{
	struct out o = { buf, 0, cap, 0 };
	size_t msg, exts, ext, list;
	int i;

	put8(&o, TLS13_CLIENT_HELLO);
	msg = open_len(&o, 3);
	put16(&o, 0x0303);
	put(&o, h->random, 32);
	put8(&o, (unsigned)h->session_id_len);
	put(&o, h->session_id, h->session_id_len);
	put_list16(&o, suites, sizeof(suites) / sizeof(*suites));
	put16(&o, 0x0100); /* one compression method: null */
	exts = open_len(&o, 2);
	if (h->sni) {
		put16(&o, EXT_SERVER_NAME);
		ext = open_len(&o, 2);
		list = open_len(&o, 2);
		put8(&o, 0); /* host_name */
		put16(&o, (unsigned)strlen(h->sni));
		put(&o, h->sni, strlen(h->sni));
		close_len(&o, list, 2);
		close_len(&o, ext, 2);
	}
	put16(&o, EXT_SUPPORTED_VERSIONS);
	put16(&o, 5);
	put8(&o, 4);
	put16(&o, 0x0304);
	put16(&o, 0x0303);
	put16(&o, EXT_SUPPORTED_GROUPS);
	put16(&o, 2 + 2 * sizeof(groups) / sizeof(*groups));
	put_list16(&o, groups, sizeof(groups) / sizeof(*groups));
	put16(&o, EXT_SIGNATURE_ALGORITHMS);
	put16(&o, 2 + 2 * sizeof(schemes) / sizeof(*schemes));
	put_list16(&o, schemes, sizeof(schemes) / sizeof(*schemes));
	put16(&o, EXT_KEY_SHARE);
	ext = open_len(&o, 2);
	list = open_len(&o, 2);
	for (i = 0; i < h->nshares; i++) {
		put16(&o, h->shares[i].group);
		put16(&o, (unsigned)h->shares[i].len);
		put(&o, h->shares[i].pub, h->shares[i].len);
	}
	close_len(&o, list, 2);
	close_len(&o, ext, 2);
	if (h->cookie) {
		put16(&o, EXT_COOKIE);
		put16(&o, (unsigned)h->cookie_len + 2);
		put16(&o, (unsigned)h->cookie_len);
		put(&o, h->cookie, h->cookie_len);
	}
	if (h->alpn) {
		size_t n = strlen(h->alpn);

		put16(&o, EXT_ALPN);
		put16(&o, (unsigned)n + 3);
		put16(&o, (unsigned)n + 1);
		put8(&o, (unsigned)n);
		put(&o, h->alpn, n);
	}
	close_len(&o, exts, 2);
	close_len(&o, msg, 3);
	return o.full ? TLS13_ESPACE : (long)o.len;
}

/* --- Reading: a cursor that fails once past the end. --- */

struct in {
	const uint8_t *p;
	size_t left;
	int bad;
};

static const uint8_t *
take(struct in *r, size_t n)
{
	const uint8_t *p = r->p;

	if (r->bad || n > r->left) {
		r->bad = 1;
		return NULL;
	}
	r->p += n;
	r->left -= n;
	return p;
}

static unsigned
get8(struct in *r)
{
	const uint8_t *p = take(r, 1);

	return p ? p[0] : 0;
}

static unsigned
get16(struct in *r)
{
	const uint8_t *p = take(r, 2);

	return p ? (unsigned)p[0] << 8 | p[1] : 0;
}

static size_t
get24(struct in *r)
{
	const uint8_t *p = take(r, 3);

	return p ? (size_t)p[0] << 16 | (size_t)p[1] << 8 | p[2] : 0;
}

/* A sub-cursor over a vector whose length field is n bytes. */
static struct in
vec(struct in *r, int n)
{
	struct in v = { NULL, 0, 0 };
	size_t len = n == 1 ? get8(r) : n == 2 ? get16(r) : get24(r);

	v.p = take(r, len);
	v.left = len;
	v.bad = r->bad;
	return v;
}

static int
offered(const uint16_t *v, size_t n, unsigned x)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] == x)
			return 1;
	return 0;
}

/*
 * The next extension of a list: its type, its body in *body; 0 at the
 * list's end, 1 for one, TLS13_EDECODE for a bad one or a type seen
 * before (seen holds 64 bits of small types, enough to tell repeats of
 * every type we know).
 */
static int
next_ext(struct in *list, unsigned *type, struct in *body, uint64_t *seen)
{
	unsigned bit;

	if (!list->left)
		return list->bad ? TLS13_EDECODE : 0;
	*type = get16(list);
	*body = vec(list, 2);
	if (list->bad)
		return TLS13_EDECODE;
	bit = *type == EXT_RENEGOTIATION_INFO ? 63 : *type < 63 ? *type : 62;
	if (bit != 62 && (*seen >> bit & 1))
		return TLS13_EDECODE;
	*seen |= (uint64_t)1 << bit;
	return 1;
}

int
tls13_server_hello(const uint8_t *b, size_t n, const uint8_t *session_id,
		   size_t sid_len, struct tls13_server_hello *sh)
{
	struct in r = { b, n, 0 }, sid, exts, e;
	const uint8_t *random;
	uint64_t seen = 0;
	unsigned type;
	int rc, other = 0;

	memset(sh, 0, sizeof(*sh));
	sh->version = (uint16_t)get16(&r);
	random = take(&r, 32);
	sid = vec(&r, 1);
	sh->suite = (uint16_t)get16(&r);
	if (get8(&r) != 0 && !r.bad)
		return TLS13_EILLEGAL; /* compression */
	exts = r.left ? vec(&r, 2) : r;
	if (r.bad || r.left)
		return TLS13_EDECODE;
	sh->hrr = !memcmp(random, hrr_random, 32);
	while ((rc = next_ext(&exts, &type, &e, &seen)) == 1) {
		if (type == EXT_SUPPORTED_VERSIONS) {
			sh->version = (uint16_t)get16(&e);
		} else if (type == EXT_KEY_SHARE) {
			sh->group = (uint16_t)get16(&e);
			if (!sh->hrr) {
				struct in k = vec(&e, 2);

				sh->share = k.p;
				sh->share_len = k.left;
				if (!k.left && !e.bad)
					return TLS13_EILLEGAL;
			}
		} else if (type == EXT_COOKIE && sh->hrr) {
			struct in c = vec(&e, 2);

			sh->cookie = c.p;
			sh->cookie_len = c.left;
			if (!c.left && !e.bad)
				return TLS13_EDECODE;
		} else {
			/* A 1.2 answer's extensions (renegotiation_info, point
			 * formats, extended master secret...): not read; for
			 * 1.3, below, none may be there. */
			other = 1;
			e.left = 0;
		}
		if (e.bad || e.left)
			return TLS13_EDECODE;
	}
	if (rc < 0)
		return rc;
	if (sh->version != 0x0304) {
		static const uint8_t down[7] = { 'D', 'O', 'W', 'N',
						 'G', 'R', 'D' };

		if (sh->version != 0x0303 || seen >> EXT_SUPPORTED_VERSIONS & 1)
			return TLS13_EILLEGAL; /* 1.3's field, not 1.3 */
		if (!memcmp(random + 24, down, 7) && random[31] <= 1)
			sh->downgrade = 2 - random[31];
		return 0;
	}
	/* TLS 1.3: what we offered, and only what belongs in it. */
	if (other)
		return TLS13_EEXTENSION;
	if (sid.left != sid_len ||
	    (sid_len && memcmp(sid.p, session_id, sid_len)) ||
	    sh->suite < TLS13_AES_128_GCM_SHA256 ||
	    sh->suite > TLS13_CHACHA20_POLY1305_SHA256 ||
	    (sh->group &&
	     !offered(groups, sizeof(groups) / sizeof(*groups), sh->group)))
		return TLS13_EILLEGAL;
	/* No PSK: a share is a must; a retry must ask for a change. */
	if (!sh->hrr ? !(seen >> EXT_KEY_SHARE & 1) : !sh->group && !sh->cookie)
		return TLS13_EILLEGAL;
	return 0;
}

int
tls13_encrypted_extensions(const uint8_t *b, size_t n, const char *alpn_offered,
			   const uint8_t **alpn, size_t *alpn_len)
{
	struct in r = { b, n, 0 }, exts = vec(&r, 2), e;
	uint64_t seen = 0;
	unsigned type;
	int rc;

	*alpn = NULL;
	*alpn_len = 0;
	if (r.bad || r.left)
		return TLS13_EDECODE;
	while ((rc = next_ext(&exts, &type, &e, &seen)) == 1) {
		switch (type) {
		case EXT_ALPN: {
			struct in list = vec(&e, 2), p = vec(&list, 1);

			if (list.bad || list.left || !p.left)
				return TLS13_EDECODE;
			if (!alpn_offered || p.left != strlen(alpn_offered) ||
			    memcmp(p.p, alpn_offered, p.left))
				return TLS13_EILLEGAL;
			*alpn = p.p;
			*alpn_len = p.left;
			break;
		}
		case EXT_SERVER_NAME:	   /* empty: the name was used */
		case EXT_SUPPORTED_GROUPS: /* the server's preference */
			e.left = 0;
			break;
		case EXT_EC_POINT_FORMATS:
		case EXT_SIGNATURE_ALGORITHMS:
		case EXT_PRE_SHARED_KEY:
		case EXT_SUPPORTED_VERSIONS:
		case EXT_COOKIE:
		case EXT_PSK_MODES:
		case EXT_KEY_SHARE:
		case EXT_RENEGOTIATION_INFO:
			return TLS13_EILLEGAL; /* known, not in this message */
		default:
			return TLS13_EEXTENSION; /* not offered */
		}
		if (e.bad || e.left)
			return TLS13_EDECODE;
	}
	return rc;
}

int
tls13_certificate(const uint8_t *b, size_t n, struct tls13_cert *certs,
		  size_t *nkept, size_t *nsent)
{
	struct in r = { b, n, 0 }, ctx = vec(&r, 1), list = vec(&r, 3);

	*nkept = *nsent = 0;
	if (r.bad || r.left || list.bad)
		return TLS13_EDECODE;
	if (ctx.left)
		return TLS13_EILLEGAL;
	while (list.left) {
		struct in cert = vec(&list, 3), ext = vec(&list, 2);

		/* Entry extensions (OCSP, SCT) are not asked for: read,
		 * not used. */
		(void)ext;
		if (list.bad || !cert.left)
			return TLS13_EDECODE;
		if (*nkept < TLS13_SENT) {
			certs[*nkept].p = cert.p;
			certs[*nkept].len = cert.left;
			++*nkept;
		}
		++*nsent;
	}
	return 0;
}

int
tls13_certificate_verify(const uint8_t *b, size_t n, uint16_t *scheme,
			 const uint8_t **sig, size_t *sig_len)
{
	struct in r = { b, n, 0 }, s;

	*scheme = (uint16_t)get16(&r);
	s = vec(&r, 2);
	if (r.bad || r.left || !s.left)
		return TLS13_EDECODE;
	*sig = s.p;
	*sig_len = s.left;
	return 0;
}

int
tls13_certificate_request(const uint8_t *b, size_t n, const uint8_t **ctx,
			  size_t *ctx_len, const uint8_t **list,
			  size_t *nschemes)
{
	struct in r = { b, n, 0 }, c = vec(&r, 1), exts = vec(&r, 2), e;
	uint64_t seen = 0;
	unsigned type;
	int rc;

	*ctx = c.p;
	*ctx_len = c.left;
	*list = NULL;
	*nschemes = 0;
	if (r.bad || r.left)
		return TLS13_EDECODE;
	while ((rc = next_ext(&exts, &type, &e, &seen)) == 1) {
		if (type == EXT_SIGNATURE_ALGORITHMS) {
			struct in s = vec(&e, 2);

			if (e.bad || e.left || s.left < 2 || s.left % 2)
				return TLS13_EDECODE;
			*list = s.p;
			*nschemes = s.left / 2;
		}
	}
	if (rc < 0)
		return rc;
	return *list ? 0 : TLS13_EDECODE; /* RFC 8446 4.3.2: a must */
}

size_t
tls13_verify_content(int server, const uint8_t *th, size_t hlen, uint8_t *out)
{
	static const char ctx[] = "TLS 1.3, server CertificateVerify";

	memset(out, 0x20, 64);
	memcpy(out + 64, ctx, sizeof(ctx)); /* with its NUL: the zero byte */
	if (!server)
		memcpy(out + 64 + 9, "client", 6);
	memcpy(out + 64 + sizeof(ctx), th, hlen);
	return 64 + sizeof(ctx) + hlen;
}

int
tls13_record_header(const uint8_t *b, int plain, uint8_t *type, size_t *len)
{
	*type = b[0];
	*len = (size_t)b[3] << 8 | b[4];
	if (b[0] < 20 || b[0] > 23 || b[1] != 3)
		return TLS13_EDECODE;
	if (*len > (plain ? 16384u : 16384u + 256))
		return TLS13_EOVERFLOW;
	return 0;
}

long
tls13_inner(const uint8_t *b, size_t n, uint8_t *type)
{
	while (n && !b[n - 1])
		n--;
	if (!n)
		return TLS13_EDECODE;
	*type = b[--n];
	return n > 16384 ? TLS13_EOVERFLOW : (long)n;
}

/* --- The key schedule. --- */

void
tls13_extract(const struct tls13_hash *h, const uint8_t *salt, size_t salt_len,
	      const uint8_t *ikm, size_t ikm_len, uint8_t *out)
{
	h->hmac(salt, salt_len, ikm, ikm_len, out);
}

void
tls13_expand_label(const struct tls13_hash *h, const uint8_t *secret,
		   const char *label, const uint8_t *ctx, size_t ctx_len,
		   uint8_t *out, size_t len)
{
	/* T(i) = HMAC(secret, T(i-1) | HkdfLabel | i) (RFC 5869 2.3);
	 * HkdfLabel: length, "tls13 " label, context, each with its
	 * length. */
	uint8_t in[TLS13_HASH_MAX + 2 + 1 + 255 + 1 + 255 + 1];
	uint8_t t[TLS13_HASH_MAX];
	size_t l = strlen(label), k = 0, m, done = 0;
	unsigned i;

	for (i = 1; done < len; i++) {
		m = 0;
		if (i > 1) {
			memcpy(in, t, h->len);
			m = h->len;
		}
		in[m++] = (uint8_t)(len >> 8);
		in[m++] = (uint8_t)len;
		in[m++] = (uint8_t)(6 + l);
		memcpy(in + m, "tls13 ", 6);
		memcpy(in + m + 6, label, l);
		m += 6 + l;
		in[m++] = (uint8_t)ctx_len;
		if (ctx_len)
			memcpy(in + m, ctx, ctx_len);
		m += ctx_len;
		in[m++] = (uint8_t)i;
		h->hmac(secret, h->len, in, m, t);
		k = len - done < h->len ? len - done : h->len;
		memcpy(out + done, t, k);
		done += k;
	}
}

/* Derive-Secret(secret, label, "") : the label over the empty hash. */
static void
derived(const struct tls13_hash *h, const uint8_t *secret, uint8_t *out)
{
	uint8_t empty[TLS13_HASH_MAX];

	h->digest((const uint8_t *)"", 0, empty);
	tls13_expand_label(h, secret, "derived", empty, h->len, out, h->len);
}

void
tls13_handshake_secrets(const struct tls13_hash *h, const uint8_t *ecdhe,
			size_t ecdhe_len, const uint8_t *th,
			struct tls13_secrets *s)
{
	static const uint8_t zeros[TLS13_HASH_MAX];
	uint8_t early[TLS13_HASH_MAX], salt[TLS13_HASH_MAX];

	tls13_extract(h, zeros, h->len, zeros, h->len, early);
	derived(h, early, salt);
	tls13_extract(h, salt, h->len, ecdhe, ecdhe_len, s->handshake);
	tls13_expand_label(h, s->handshake, "c hs traffic", th, h->len, s->c_hs,
			   h->len);
	tls13_expand_label(h, s->handshake, "s hs traffic", th, h->len, s->s_hs,
			   h->len);
	derived(h, s->handshake, salt);
	tls13_extract(h, salt, h->len, zeros, h->len, s->master);
}

void
tls13_app_secrets(const struct tls13_hash *h, const uint8_t *th,
		  struct tls13_secrets *s)
{
	tls13_expand_label(h, s->master, "c ap traffic", th, h->len, s->c_ap,
			   h->len);
	tls13_expand_label(h, s->master, "s ap traffic", th, h->len, s->s_ap,
			   h->len);
}

void
tls13_traffic_keys(const struct tls13_hash *h, const uint8_t *secret,
		   size_t key_len, uint8_t *key, uint8_t *iv)
{
	tls13_expand_label(h, secret, "key", NULL, 0, key, key_len);
	tls13_expand_label(h, secret, "iv", NULL, 0, iv, 12);
}

void
tls13_finished(const struct tls13_hash *h, const uint8_t *secret,
	       const uint8_t *th, uint8_t *out)
{
	uint8_t key[TLS13_HASH_MAX];

	tls13_expand_label(h, secret, "finished", NULL, 0, key, h->len);
	h->hmac(key, h->len, th, h->len, out);
}

void
tls13_next_secret(const struct tls13_hash *h, uint8_t *secret)
{
	uint8_t next[TLS13_HASH_MAX];

	tls13_expand_label(h, secret, "traffic upd", NULL, 0, next, h->len);
	memcpy(secret, next, h->len);
}

const char *
tls13_strerror(int err)
{
	switch (err) {
	case TLS13_EDECODE:
		return "a message that does not parse";
	case TLS13_EILLEGAL:
		return "a value it was not offered";
	case TLS13_EEXTENSION:
		return "an extension it was not offered";
	case TLS13_ESPACE:
		return "more than this client keeps";
	case TLS13_EOVERFLOW:
		return "a record over 16 KiB";
	}
	return "an error";
}
