/*
 * p256: ECDSA verification on P-256 (FIPS 186-4 6.4) for 64-bit
 * machines: Montgomery arithmetic on four 64-bit limbs, Jacobian
 * points, u1*G + u2*Q by Shamir's simultaneous double-and-add.
 * Verification handles public data only (the key, the signature, the
 * hash), so none of it needs to be constant-time: this is some thirty
 * times fewer instructions than BearSSL 0.6's constant-time m31 code,
 * which a probe's handshake spent two thirds of its time in.  Where the
 * compiler has no 128-bit integers (32-bit machines), BearSSL's code
 * does it.  Checked against BearSSL's on random keys, hashes and
 * signatures, right and wrong (tests/unit/test_tls13.c).
 */
#include <string.h>

#include "p256.h"

#ifdef __SIZEOF_INT128__

/* The inner loops at full speed: the rest of the build is for size. */
#pragma GCC optimize("O2", "unroll-loops")

typedef unsigned __int128 u128;
typedef uint64_t fe[4]; /* little-endian limbs */

static const fe P = { 0xffffffffffffffffu, 0x00000000ffffffffu, 0,
		      0xffffffff00000001u };
static const fe N = { 0xf3b9cac2fc632551u, 0xbce6faada7179e84u,
		      0xffffffffffffffffu, 0xffffffff00000000u };

/* A modulus and what Montgomery arithmetic needs of it. */
struct mod {
	const uint64_t *m;
	uint64_t minv; /* -m^-1 mod 2^64 */
	fe r2;	       /* 2^512 mod m */
	fe one;	       /* 2^256 mod m: 1 in Montgomery form */
};

static int
geq(const uint64_t *a, const uint64_t *b)
{
	int i;

	for (i = 3; i >= 0; i--)
		if (a[i] != b[i])
			return a[i] > b[i];
	return 1;
}

/* r = a - b over 4 limbs; the borrow out. */
static uint64_t
sub4(uint64_t *r, const uint64_t *a, const uint64_t *b)
{
	uint64_t borrow = 0;
	int i;

	for (i = 0; i < 4; i++) {
		u128 d = (u128)a[i] - b[i] - borrow;

		r[i] = (uint64_t)d;
		borrow = (uint64_t)(d >> 64) & 1;
	}
	return borrow;
}

static uint64_t
add4(uint64_t *r, const uint64_t *a, const uint64_t *b)
{
	u128 c = 0;
	int i;

	for (i = 0; i < 4; i++) {
		c += (u128)a[i] + b[i];
		r[i] = (uint64_t)c;
		c >>= 64;
	}
	return (uint64_t)c;
}

static void
fadd(const struct mod *md, uint64_t *r, const uint64_t *a, const uint64_t *b)
{
	fe t;

	if (add4(r, a, b) || geq(r, md->m)) {
		sub4(t, r, md->m);
		memcpy(r, t, sizeof(t));
	}
}

static void
fsub(const struct mod *md, uint64_t *r, const uint64_t *a, const uint64_t *b)
{
	fe t;

	if (sub4(r, a, b)) {
		add4(t, r, md->m);
		memcpy(r, t, sizeof(t));
	}
}

/* r = a * b / 2^256 mod m (CIOS), for a, b < m. */
static void
fmul(const struct mod *md, uint64_t *r, const uint64_t *a, const uint64_t *b)
{
	const uint64_t *m = md->m;
	uint64_t t[6] = { 0 }, q, s[4];
	u128 c;
	int i, j;

	for (i = 0; i < 4; i++) {
		c = 0;
		for (j = 0; j < 4; j++) {
			c += (u128)a[j] * b[i] + t[j];
			t[j] = (uint64_t)c;
			c >>= 64;
		}
		c += t[4];
		t[4] = (uint64_t)c;
		t[5] = (uint64_t)(c >> 64);
		q = t[0] * md->minv;
		c = ((u128)q * m[0] + t[0]) >> 64;
		for (j = 1; j < 4; j++) {
			c += (u128)q * m[j] + t[j];
			t[j - 1] = (uint64_t)c;
			c >>= 64;
		}
		c += t[4];
		t[3] = (uint64_t)c;
		t[4] = t[5] + (uint64_t)(c >> 64);
	}
	if (t[4] || geq(t, m)) {
		sub4(s, t, m);
		memcpy(r, s, sizeof(s));
	} else {
		memcpy(r, t, 4 * sizeof(*t));
	}
}

static void
mod_init(struct mod *md, const uint64_t *m)
{
	uint64_t x = 1;
	int i;

	md->m = m;
	for (i = 0; i < 6; i++) /* Newton: x = m^-1 mod 2^64 */
		x *= 2 - m[0] * x;
	md->minv = 0 - x;
	/* 2^256 mod m = 2^256 - m (m > 2^255), then 256 doublings. */
	memset(md->one, 0, sizeof(md->one));
	sub4(md->one, md->one, m);
	memcpy(md->r2, md->one, sizeof(md->r2));
	for (i = 0; i < 256; i++)
		fadd(md, md->r2, md->r2, md->r2);
}

static void
to_mont(const struct mod *md, uint64_t *r, const uint64_t *a)
{
	fmul(md, r, a, md->r2);
}

/* r = a^e (Montgomery form in and out), e over 4 limbs. */
static void
fpow(const struct mod *md, uint64_t *r, const uint64_t *a, const uint64_t *e)
{
	fe x;
	int i;

	memcpy(x, md->one, sizeof(x));
	for (i = 255; i >= 0; i--) {
		fmul(md, x, x, x);
		if (e[i / 64] >> (i % 64) & 1)
			fmul(md, x, x, a);
	}
	memcpy(r, x, sizeof(x));
}

static void
from_bytes(uint64_t *r, const uint8_t *b)
{
	int i, k;

	for (i = 0; i < 4; i++) {
		r[3 - i] = 0;
		for (k = 0; k < 8; k++)
			r[3 - i] = r[3 - i] << 8 | b[8 * i + k];
	}
}

static int
is_zero(const uint64_t *a)
{
	return !(a[0] | a[1] | a[2] | a[3]);
}

/* Jacobian points, coordinates in Montgomery form; Z = 0: infinity. */
struct pt {
	fe x, y, z;
};

static void
dbl(const struct mod *f, struct pt *r, const struct pt *p)
{
	fe delta, gamma, beta, alpha, t, u;

	if (is_zero(p->z) || is_zero(p->y)) {
		memset(r, 0, sizeof(*r));
		return;
	}
	fmul(f, delta, p->z, p->z);
	fmul(f, gamma, p->y, p->y);
	fmul(f, beta, p->x, gamma);
	fsub(f, t, p->x, delta);
	fadd(f, u, p->x, delta);
	fmul(f, alpha, t, u);
	fadd(f, t, alpha, alpha);
	fadd(f, alpha, alpha, t); /* 3 (X - delta)(X + delta) */
	fadd(f, t, p->y, p->z);
	fmul(f, t, t, t);
	fsub(f, t, t, gamma);
	fsub(f, r->z, t, delta);
	fadd(f, u, beta, beta);
	fadd(f, u, u, u); /* 4 beta */
	fmul(f, t, alpha, alpha);
	fsub(f, t, t, u);
	fsub(f, r->x, t, u); /* alpha^2 - 8 beta */
	fsub(f, u, u, r->x);
	fmul(f, u, alpha, u);
	fmul(f, t, gamma, gamma);
	fadd(f, t, t, t);
	fadd(f, t, t, t);
	fadd(f, t, t, t); /* 8 gamma^2 */
	fsub(f, r->y, u, t);
}

static void
add(const struct mod *f, struct pt *r, const struct pt *p, const struct pt *q)
{
	fe z1z1, z2z2, u1, u2, s1, s2, h, rr, h2, h3, t;

	if (is_zero(p->z)) {
		*r = *q;
		return;
	}
	if (is_zero(q->z)) {
		*r = *p;
		return;
	}
	fmul(f, z1z1, p->z, p->z);
	fmul(f, z2z2, q->z, q->z);
	fmul(f, u1, p->x, z2z2);
	fmul(f, u2, q->x, z1z1);
	fmul(f, s1, p->y, q->z);
	fmul(f, s1, s1, z2z2);
	fmul(f, s2, q->y, p->z);
	fmul(f, s2, s2, z1z1);
	fsub(f, h, u2, u1);
	fsub(f, rr, s2, s1);
	if (is_zero(h)) {
		if (is_zero(rr))
			dbl(f, r, p);
		else
			memset(r, 0, sizeof(*r));
		return;
	}
	fmul(f, h2, h, h);
	fmul(f, h3, h, h2);
	fmul(f, u1, u1, h2); /* U1 H^2 */
	fmul(f, t, rr, rr);
	fsub(f, t, t, h3);
	fsub(f, t, t, u1);
	fsub(f, t, t, u1);
	fsub(f, u2, u1, t);
	fmul(f, u2, rr, u2);
	fmul(f, s1, s1, h3);
	fsub(f, r->y, u2, s1);
	memcpy(r->x, t, sizeof(t));
	fmul(f, t, p->z, q->z);
	fmul(f, r->z, h, t);
}

int
p256_verify(const uint8_t *q, size_t qlen, const uint8_t *hash, size_t hlen,
	    const uint8_t *sig_r, const uint8_t *sig_s)
{
	static const uint8_t b_bytes[32] = {
		0x5a, 0xc6, 0x35, 0xd8, 0xaa, 0x3a, 0x93, 0xe7,
		0xb3, 0xeb, 0xbd, 0x55, 0x76, 0x98, 0x86, 0xbc,
		0x65, 0x1d, 0x06, 0xb0, 0xcc, 0x53, 0xb0, 0xf6,
		0x3b, 0xce, 0x3c, 0x3e, 0x27, 0xd2, 0x60, 0x4b,
	};
	static const uint8_t g_bytes[64] = {
		0x6b, 0x17, 0xd1, 0xf2, 0xe1, 0x2c, 0x42, 0x47, 0xf8, 0xbc,
		0xe6, 0xe5, 0x63, 0xa4, 0x40, 0xf2, 0x77, 0x03, 0x7d, 0x81,
		0x2d, 0xeb, 0x33, 0xa0, 0xf4, 0xa1, 0x39, 0x45, 0xd8, 0x98,
		0xc2, 0x96, 0x4f, 0xe3, 0x42, 0xe2, 0xfe, 0x1a, 0x7f, 0x9b,
		0x8e, 0xe7, 0xeb, 0x4a, 0x7c, 0x0f, 0x9e, 0x16, 0x2b, 0xce,
		0x33, 0x57, 0x6b, 0x31, 0x5e, 0xce, 0xcb, 0xb6, 0x40, 0x68,
		0x37, 0xbf, 0x51, 0xf5,
	};
	struct mod fp, fn;
	struct pt g, qq, gq, acc, *table[4];
	fe r, s, e, w, u1, u2, t, x3, b, pm2, nm2;
	uint8_t hb[32];
	int i;

	if (qlen != 65 || q[0] != 4)
		return 0;
	mod_init(&fp, P);
	mod_init(&fn, N);
	from_bytes(r, sig_r);
	from_bytes(s, sig_s);
	if (is_zero(r) || is_zero(s) || geq(r, N) || geq(s, N))
		return 0;
	/* Q: on the curve, y^2 = x^3 - 3x + b, coordinates below p. */
	from_bytes(qq.x, q + 1);
	from_bytes(qq.y, q + 33);
	if (geq(qq.x, P) || geq(qq.y, P))
		return 0;
	to_mont(&fp, qq.x, qq.x);
	to_mont(&fp, qq.y, qq.y);
	memcpy(qq.z, fp.one, sizeof(fe));
	from_bytes(b, b_bytes);
	to_mont(&fp, b, b);
	fmul(&fp, t, qq.x, qq.x);
	fmul(&fp, x3, t, qq.x);
	fsub(&fp, x3, x3, qq.x);
	fsub(&fp, x3, x3, qq.x);
	fsub(&fp, x3, x3, qq.x);
	fadd(&fp, x3, x3, b);
	fmul(&fp, t, qq.y, qq.y);
	if (memcmp(t, x3, sizeof(fe)))
		return 0;
	/* e: the hash's leftmost 256 bits, below n. */
	memset(hb, 0, sizeof(hb));
	if (hlen >= 32)
		memcpy(hb, hash, 32);
	else
		memcpy(hb + 32 - hlen, hash, hlen);
	from_bytes(e, hb);
	if (geq(e, N))
		sub4(e, e, N);
	/* w = s^-1 (Montgomery form, n - 2 as the exponent); u1 = e w,
	 * u2 = r w (a Montgomery product with one plain factor: plain). */
	memset(nm2, 0, sizeof(nm2));
	nm2[0] = 2;
	sub4(nm2, N, nm2);
	to_mont(&fn, w, s);
	fpow(&fn, w, w, nm2);
	fmul(&fn, u1, e, w);
	fmul(&fn, u2, r, w);
	/* u1 G + u2 Q. */
	from_bytes(g.x, g_bytes);
	from_bytes(g.y, g_bytes + 32);
	to_mont(&fp, g.x, g.x);
	to_mont(&fp, g.y, g.y);
	memcpy(g.z, fp.one, sizeof(fe));
	add(&fp, &gq, &g, &qq);
	table[0] = NULL;
	table[1] = &g;
	table[2] = &qq;
	table[3] = &gq;
	memset(&acc, 0, sizeof(acc));
	for (i = 255; i >= 0; i--) {
		int k = (int)(u1[i / 64] >> (i % 64) & 1) |
			(int)(u2[i / 64] >> (i % 64) & 1) << 1;

		dbl(&fp, &acc, &acc);
		if (k)
			add(&fp, &acc, &acc, table[k]);
	}
	if (is_zero(acc.z))
		return 0;
	/* x = X / Z^2, back from Montgomery form; then x mod n == r. */
	memset(pm2, 0, sizeof(pm2));
	pm2[0] = 2;
	sub4(pm2, P, pm2);
	fmul(&fp, t, acc.z, acc.z);
	fpow(&fp, t, t, pm2);
	fmul(&fp, t, acc.x, t);
	memset(w, 0, sizeof(w));
	w[0] = 1;
	fmul(&fp, t, t, w);
	if (geq(t, N))
		sub4(t, t, N);
	return !memcmp(t, r, sizeof(fe));
}

#else

int
p256_verify(const uint8_t *q, size_t qlen, const uint8_t *hash, size_t hlen,
	    const uint8_t *sig_r, const uint8_t *sig_s)
{
	br_ec_public_key pk = { BR_EC_secp256r1, (unsigned char *)q, qlen };
	uint8_t raw[64];

	memcpy(raw, sig_r, 32);
	memcpy(raw + 32, sig_s, 32);
	return (int)br_ecdsa_i31_vrfy_raw(&p256_ec, hash, hlen, &pk, raw, 64);
}

#endif

/*
 * The EC code for everything else, private keys included (constant
 * time): X25519 by BearSSL's m31, the NIST curves by its generic i31.
 * BearSSL's own aggregate adds an m31 P-256 of 8 KiB, whose speed went to
 * verification, now done above; what is left for P-256 is a key share
 * after a HelloRetryRequest, a 1.2 server that picks it, or signing
 * with a P-256 client key.
 */
static const br_ec_impl *
pick(int curve)
{
	return curve == BR_EC_curve25519 ? &br_ec_c25519_m31 : &br_ec_prime_i31;
}

static const unsigned char *
ec_generator(int curve, size_t *len)
{
	return pick(curve)->generator(curve, len);
}

static const unsigned char *
ec_order(int curve, size_t *len)
{
	return pick(curve)->order(curve, len);
}

static size_t
ec_xoff(int curve, size_t *len)
{
	return pick(curve)->xoff(curve, len);
}

static uint32_t
ec_mul(unsigned char *g, size_t glen, const unsigned char *x, size_t xlen,
       int curve)
{
	return pick(curve)->mul(g, glen, x, xlen, curve);
}

static size_t
ec_mulgen(unsigned char *r, const unsigned char *x, size_t xlen, int curve)
{
	return pick(curve)->mulgen(r, x, xlen, curve);
}

static uint32_t
ec_muladd(unsigned char *a, const unsigned char *b, size_t len,
	  const unsigned char *x, size_t xlen, const unsigned char *y,
	  size_t ylen, int curve)
{
	return pick(curve)->muladd(a, b, len, x, xlen, y, ylen, curve);
}

const br_ec_impl p256_ec = {
	(uint32_t)1 << BR_EC_secp256r1 | (uint32_t)1 << BR_EC_secp384r1 |
	    (uint32_t)1 << BR_EC_secp521r1 | (uint32_t)1 << BR_EC_curve25519,
	ec_generator,
	ec_order,
	ec_xoff,
	ec_mul,
	ec_mulgen,
	ec_muladd,
};

uint32_t
p256_vrfy_asn1(const br_ec_impl *impl, const void *hash, size_t hash_len,
	       const br_ec_public_key *pk, const void *sig, size_t sig_len)
{
	uint8_t raw[160], rs[64];
	size_t n, half;

	if (pk->curve != BR_EC_secp256r1)
		return br_ecdsa_i31_vrfy_asn1(impl, hash, hash_len, pk, sig,
					      sig_len);
	if (sig_len > sizeof(raw))
		return 0;
	memcpy(raw, sig, sig_len);
	n = br_ecdsa_asn1_to_raw(raw, sig_len);
	if (!n || n % 2 || n > 64)
		return 0;
	half = n / 2;
	memset(rs, 0, sizeof(rs));
	memcpy(rs + 32 - half, raw, half);
	memcpy(rs + 64 - half, raw + half, half);
	return (uint32_t)p256_verify(pk->q, pk->qlen, hash, hash_len, rs,
				     rs + 32);
}
