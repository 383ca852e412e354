/*
 * proto/tls13 and tls/rec13 against RFC 8448's traces (tests/unit/
 * rfc8448.h): the simple 1-RTT handshake's every secret, key, IV and
 * Finished, its messages parsed, its records opened and sealed to the
 * RFC's very bytes; the HelloRetryRequest trace's transcript
 * (message_hash) and handshake secrets; then our own ClientHello, every
 * prefix of each server message against an unmapped page, and the
 * ServerHello's refusals one by one.
 */
#define _GNU_SOURCE /* memmem */
#include <bearssl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../healthcheck/proto/tls13.h"
#include "../../healthcheck/proto/x509.h"
#include "../../healthcheck/transport/p256.h"
#include "../../healthcheck/transport/rec13.h"
#include "../../healthcheck/transport/sig.h"
#include "rfc8448.h"
#include "t.h"

/* The hex at s, decoded into a buffer of its own; its length in *n. */
static uint8_t *
hex(const char *s, size_t *n)
{
	size_t len = strlen(s) / 2, i;
	uint8_t *b = malloc(len + 1);
	unsigned v;

	for (i = 0; i < len; i++) {
		sscanf(s + 2 * i, "%2x", &v);
		b[i] = (uint8_t)v;
	}
	if (n)
		*n = len;
	return b;
}

static int
same(const uint8_t *got, const char *want_hex)
{
	size_t n;
	uint8_t *w = hex(want_hex, &n);
	int eq = !memcmp(got, w, n);

	free(w);
	return eq;
}

/* SHA-256 of the concatenated handshake messages (hex, NULL-ended). */
static void
transcript(uint8_t *out, ...)
{
	br_sha256_context c;
	const char *m;
	va_list ap;

	br_sha256_init(&c);
	va_start(ap, out);
	while ((m = va_arg(ap, const char *))) {
		size_t n;
		uint8_t *b = hex(m, &n);

		br_sha256_update(&c, b, n);
		free(b);
	}
	va_end(ap);
	br_sha256_out(&c, out);
}

static void
one_rtt(void)
{
	const struct tls13_hash *h = rec13_hash(TLS13_AES_128_GCM_SHA256);
	struct tls13_secrets s;
	uint8_t ecdhe[32], th[32], key[16], iv[12], fin[32];
	uint8_t *priv = hex(R8448_CLIENT_PRIV, NULL);
	uint8_t *pub = hex(R8448_SERVER_PUB, NULL);

	/* X25519 as the transport does it (BearSSL's ec_all_m31). */
	memcpy(ecdhe, pub, 32);
	T_CHECK(br_ec_all_m31.mul(ecdhe, 32, priv, 32, BR_EC_curve25519) == 1,
		"x25519");
	T_CHECK(same(ecdhe, R8448_ECDHE), "the x25519 shared secret");
	free(priv);
	free(pub);

	transcript(th, R8448_CH, R8448_SH, NULL);
	T_CHECK(same(th, R8448_HS_HASH), "Transcript-Hash(CH, SH)");
	tls13_handshake_secrets(h, ecdhe, 32, th, &s);
	T_CHECK(same(s.handshake, R8448_HS), "handshake secret");
	T_CHECK(same(s.c_hs, R8448_C_HS), "client_handshake_traffic_secret");
	T_CHECK(same(s.s_hs, R8448_S_HS), "server_handshake_traffic_secret");
	T_CHECK(same(s.master, R8448_MASTER), "master secret");
	tls13_traffic_keys(h, s.s_hs, 16, key, iv);
	T_CHECK(same(key, R8448_S_HS_KEY) && same(iv, R8448_S_HS_IV),
		"server handshake key and IV");
	tls13_traffic_keys(h, s.c_hs, 16, key, iv);
	T_CHECK(same(key, R8448_C_HS_KEY) && same(iv, R8448_C_HS_IV),
		"client handshake key and IV");

	transcript(th, R8448_CH, R8448_SH, R8448_EE, R8448_CERT, R8448_CV,
		   NULL);
	tls13_finished(h, s.s_hs, th, fin);
	T_CHECK(same(fin, R8448_S_FINISHED), "server Finished");
	transcript(th, R8448_CH, R8448_SH, R8448_EE, R8448_CERT, R8448_CV,
		   R8448_SFIN, NULL);
	T_CHECK(same(th, R8448_AP_HASH), "Transcript-Hash(CH..server Fin)");
	tls13_finished(h, s.c_hs, th, fin);
	T_CHECK(same(fin, R8448_C_FINISHED), "client Finished");
	tls13_app_secrets(h, th, &s);
	T_CHECK(same(s.c_ap, R8448_C_AP), "client_application_traffic_secret");
	T_CHECK(same(s.s_ap, R8448_S_AP), "server_application_traffic_secret");
	tls13_traffic_keys(h, s.s_ap, 16, key, iv);
	T_CHECK(same(key, R8448_S_AP_KEY) && same(iv, R8448_S_AP_IV),
		"server application key and IV");
	tls13_traffic_keys(h, s.c_ap, 16, key, iv);
	T_CHECK(same(key, R8448_C_AP_KEY) && same(iv, R8448_C_AP_IV),
		"client application key and IV");
}

/* The records of the 1-RTT trace, opened and sealed. */
static void
records(void)
{
	const struct tls13_hash *h = rec13_hash(TLS13_AES_128_GCM_SHA256);
	struct rec13 s_hs, c_hs, s_ap, c_ap;
	uint8_t *sec, *rec, *want, out[800], type;
	size_t n, wn, mn;
	long got;
	int i;

	(void)h;
	sec = hex(R8448_S_HS, NULL);
	rec13_keys(&s_hs, TLS13_AES_128_GCM_SHA256, sec);
	free(sec);
	sec = hex(R8448_C_HS, NULL);
	rec13_keys(&c_hs, TLS13_AES_128_GCM_SHA256, sec);
	free(sec);
	sec = hex(R8448_S_AP, NULL);
	rec13_keys(&s_ap, TLS13_AES_128_GCM_SHA256, sec);
	free(sec);
	sec = hex(R8448_C_AP, NULL);
	rec13_keys(&c_ap, TLS13_AES_128_GCM_SHA256, sec);
	free(sec);

	/* The server's flight: EE, Certificate, CertificateVerify,
	 * Finished, in one record. */
	rec = hex(R8448_FLIGHT_REC, &n);
	got = rec13_open(&s_hs, rec, n - 5, &type);
	want = malloc(1000);
	wn = 0;
	{
		const char *m[] = { R8448_EE, R8448_CERT, R8448_CV,
				    R8448_SFIN };

		for (i = 0; i < 4; i++) {
			uint8_t *b = hex(m[i], &mn);

			memcpy(want + wn, b, mn);
			wn += mn;
			free(b);
		}
	}
	T_CHECK(got == (long)wn && type == 22 && !memcmp(rec + 5, want, wn),
		"the server's flight opens to EE..Finished (%ld)", got);
	free(rec);

	/* A changed byte: the tag does not verify. */
	rec = hex(R8448_NST_REC, &n);
	rec[40] ^= 1;
	s_ap.seq = 0;
	T_CHECK(rec13_open(&s_ap, rec, n - 5, &type) == REC13_EMAC,
		"a flipped bit fails the tag");
	free(rec);
	rec = hex(R8448_NST_REC, &n);
	s_ap.seq = 0;
	got = rec13_open(&s_ap, rec, n - 5, &type);
	T_CHECK(got > 0 && type == 22 && rec[5] == TLS13_NEW_SESSION_TICKET,
		"NewSessionTicket under the application keys");
	free(rec);
	rec = hex(R8448_S_APP_REC, &n);
	got = rec13_open(&s_ap, rec, n - 5, &type);
	for (i = 0; i < 50 && got == 50; i++)
		if (rec[5 + i] != i)
			break;
	T_CHECK(got == 50 && type == 23 && i == 50,
		"the server's application data: 0..49");
	free(rec);
	rec = hex(R8448_S_ALERT_REC, &n);
	got = rec13_open(&s_ap, rec, n - 5, &type);
	T_CHECK(got == 2 && type == 21 && rec[5] == 1 && rec[6] == 0,
		"the server's close_notify");
	free(rec);

	/* Ours, byte for byte the RFC's. */
	sec = hex(R8448_CFIN, &mn);
	n = rec13_seal(&c_hs, 22, sec, mn, out);
	free(sec);
	T_CHECK(n == 58 && same(out, R8448_CFIN_REC), "client Finished sealed");
	for (i = 0; i < 50; i++)
		want[i] = (uint8_t)i;
	n = rec13_seal(&c_ap, 23, want, 50, out);
	T_CHECK(n == 72 && same(out, R8448_C_APP_REC),
		"client application data sealed");
	n = rec13_seal(&c_ap, 21, (const uint8_t *)"\1\0", 2, out);
	T_CHECK(n == 24 && same(out, R8448_C_ALERT_REC),
		"client close_notify sealed");
	free(want);

	/* Headers. */
	T_CHECK(tls13_record_header((const uint8_t *)"\x17\x03\x03\x41\x00", 0,
				    &type, &n) == 0 &&
		    n == 16640,
		"2^14 + 256 ciphertext");
	T_CHECK(tls13_record_header((const uint8_t *)"\x17\x03\x03\x41\x01", 0,
				    &type, &n) == TLS13_EOVERFLOW,
		"one more: record_overflow");
	T_CHECK(tls13_record_header((const uint8_t *)"\x16\x03\x01\x40\x01", 1,
				    &type, &n) == TLS13_EOVERFLOW,
		"a plain record over 2^14");
	T_CHECK(tls13_record_header((const uint8_t *)"\x18\x03\x03\x00\x01", 0,
				    &type, &n) == TLS13_EDECODE,
		"type 24");
	T_CHECK(tls13_record_header((const uint8_t *)"HTTP/", 0, &type, &n) ==
		    TLS13_EDECODE,
		"clear text");
	T_CHECK(tls13_inner((const uint8_t *)"\0\0\0", 3, &type) ==
		    TLS13_EDECODE,
		"all padding");
}

/* The handshake messages of the trace, read. */
static void
messages(void)
{
	struct tls13_server_hello sh;
	struct tls13_cert certs[TLS13_SENT];
	size_t n, k, nk, ns;
	uint8_t *m;
	const uint8_t *sig, *alpn;
	uint16_t scheme;
	int rc;

	m = hex(R8448_SH, &n);
	rc = tls13_server_hello(m + 4, n - 4, NULL, 0, &sh);
	T_CHECK(rc == 0 && !sh.hrr && sh.version == 0x0304 &&
		    sh.suite == TLS13_AES_128_GCM_SHA256 &&
		    sh.group == TLS13_X25519 && sh.share_len == 32 &&
		    same(sh.share, R8448_SERVER_PUB),
		"ServerHello (%d)", rc);
	/* Cut short: refused, or (cut after the compression byte, where
	 * extensions are optional) read as a TLS 1.2 answer, never 1.3. */
	for (k = 4; k < n; k++) {
		rc =
		    tls13_server_hello((uint8_t *)t_guard((char *)m + 4, k - 4),
				       k - 4, NULL, 0, &sh);
		T_CHECK(rc < 0 || (k == 42 && rc == 0 && sh.version == 0x0303),
			"ServerHello cut at %zu (%d)", k, rc);
	}
	free(m);

	m = hex(R8448_EE, &n);
	T_CHECK(tls13_encrypted_extensions(m + 4, n - 4, NULL, &alpn, &k) ==
		    TLS13_EEXTENSION,
		"EE with record_size_limit, which we do not offer");
	/* Without it: supported_groups and server_name, fine. */
	m[5] = 0x1c;
	memmove(m + 4 + 2 + 24, m + 4 + 2 + 30, 4);
	T_CHECK(tls13_encrypted_extensions(m + 4, 2 + 28, NULL, &alpn, &k) ==
			0 &&
		    !alpn,
		"EE without it");
	free(m);
	{
		static const uint8_t ee[] = { 0, 9, 0, 16,  0,	5,
					      0, 3, 2, 'h', '2' };

		T_CHECK(tls13_encrypted_extensions(ee, 11, "h2", &alpn, &k) ==
				0 &&
			    k == 2 && !memcmp(alpn, "h2", 2),
			"EE: ALPN h2");
		T_CHECK(tls13_encrypted_extensions(ee, 11, "http/1.1", &alpn,
						   &k) == TLS13_EILLEGAL,
			"EE: ALPN we did not offer");
		T_CHECK(tls13_encrypted_extensions(ee, 11, NULL, &alpn, &k) ==
			    TLS13_EILLEGAL,
			"EE: ALPN when none was offered");
	}

	m = hex(R8448_CERT, &n);
	rc = tls13_certificate(m + 4, n - 4, certs, &nk, &ns);
	T_CHECK(rc == 0 && nk == 1 && ns == 1 && certs[0].len == 0x1b0 &&
		    certs[0].p[0] == 0x30,
		"Certificate: one, 432 bytes");
	for (k = 4; k < n; k++)
		T_CHECK(
		    tls13_certificate((uint8_t *)t_guard((char *)m + 4, k - 4),
				      k - 4, certs, &nk, &ns) < 0,
		    "Certificate cut at %zu", k);
	free(m);

	m = hex(R8448_CV, &n);
	rc = tls13_certificate_verify(m + 4, n - 4, &scheme, &sig, &k);
	T_CHECK(rc == 0 && scheme == 0x0804 && k == 128,
		"CertificateVerify: rsa_pss_rsae_sha256, 128 bytes");
	/* The RSA-PSS signature, over the transcript through Certificate,
	 * by the certificate's key (transport/sig.c). */
	{
		uint8_t th[32], content[200], *cm, bad[128];
		struct x509_info x;
		size_t cn;

		cm = hex(R8448_CERT, &cn);
		T_CHECK(x509_parse(cm + 11, cn - 11 - 2, &x) == 0 &&
			    x.key.type == X509_KEY_RSA,
			"the RFC's certificate parses");
		transcript(th, R8448_CH, R8448_SH, R8448_EE, R8448_CERT, NULL);
		cn = tls13_verify_content(1, th, 32, content);
		T_CHECK(cn == 130, "the signed content: 130 bytes");
		T_CHECK(sig_verify13(&x.key, scheme, content, cn, sig, k) ==
			    CHAIN_SIG_OK,
			"the RFC's RSA-PSS CertificateVerify verifies");
		memcpy(bad, sig, 128);
		bad[60] ^= 0x10;
		T_CHECK(sig_verify13(&x.key, scheme, content, cn, bad, k) ==
			    CHAIN_SIG_BAD,
			"one bit changed: refused");
		content[100] ^= 1;
		T_CHECK(sig_verify13(&x.key, scheme, content, cn, sig, k) ==
			    CHAIN_SIG_BAD,
			"another transcript: refused");
		T_CHECK(sig_verify13(&x.key, 0x0403, content, cn, sig, k) ==
			    CHAIN_SIG_UNSUPPORTED,
			"an ECDSA scheme with an RSA key");
		T_CHECK(sig_verify13(&x.key, 0x0401, content, cn, sig, k) ==
			    CHAIN_SIG_UNSUPPORTED,
			"PKCS#1 v1.5, which 1.3 forbids here");
		free(cm);
	}
	free(m);
}

/* RFC 8448 5: the HelloRetryRequest, and the transcript through it. */
static void
retry(void)
{
	const struct tls13_hash *h = rec13_hash(TLS13_AES_128_GCM_SHA256);
	struct tls13_server_hello sh;
	struct tls13_secrets s;
	br_sha256_context c;
	uint8_t mh[4 + 32], th[32], *m, *ecdhe;
	size_t n;
	int rc;

	m = hex(R8448_HRR, &n);
	rc = tls13_server_hello(m + 4, n - 4, NULL, 0, &sh);
	T_CHECK(rc == 0 && sh.hrr && sh.group == TLS13_SECP256R1 &&
		    sh.cookie_len == 0x72 && !sh.share,
		"HelloRetryRequest: secp256r1 and a cookie (%d)", rc);
	free(m);
	m = hex(R8448_HRR_SH, &n);
	rc = tls13_server_hello(m + 4, n - 4, NULL, 0, &sh);
	T_CHECK(rc == 0 && !sh.hrr && sh.group == TLS13_SECP256R1 &&
		    sh.share_len == 65,
		"the ServerHello after it");
	free(m);

	/* message_hash: the first ClientHello replaced by its hash. */
	m = hex(R8448_HRR_CH1, &n);
	mh[0] = TLS13_MESSAGE_HASH;
	mh[1] = mh[2] = 0;
	mh[3] = 32;
	h->digest(m, n, mh + 4);
	free(m);
	br_sha256_init(&c);
	br_sha256_update(&c, mh, sizeof(mh));
	m = hex(R8448_HRR, &n);
	br_sha256_update(&c, m, n);
	free(m);
	m = hex(R8448_HRR_CH2, &n);
	br_sha256_update(&c, m, n);
	free(m);
	m = hex(R8448_HRR_SH, &n);
	br_sha256_update(&c, m, n);
	free(m);
	br_sha256_out(&c, th);
	T_CHECK(same(th, R8448_HRR_HELLO_HASH), "the transcript through HRR");
	ecdhe = hex(R8448_HRR_ECDHE, &n);
	tls13_handshake_secrets(h, ecdhe, n, th, &s);
	free(ecdhe);
	T_CHECK(same(s.handshake, R8448_HRR_HS) &&
		    same(s.c_hs, R8448_HRR_C_HS) &&
		    same(s.s_hs, R8448_HRR_S_HS),
		"the handshake secrets after HRR");
}

/* Our ClientHello: well formed, and refused into too small a buffer. */
static void
hello(void)
{
	uint8_t out[1024], rnd[32] = { 1 }, sid[32] = { 2 }, pub[65] = { 4 };
	struct tls13_hello h = {
		rnd,
		sid,
		32,
		"example.com",
		"h2",
		{ { TLS13_X25519, pub, 32 }, { TLS13_SECP256R1, pub, 65 } },
		2,
		NULL,
		0
	};
	long n = tls13_client_hello(&h, out, sizeof(out));

	T_CHECK(n > 0 && out[0] == 1 &&
		    (long)((size_t)out[1] << 16 | (size_t)out[2] << 8 |
			   out[3]) == n - 4,
		"ClientHello: its length field");
	T_CHECK(memmem(out, (size_t)n, "\x00\x2b\x00\x05\x04\x03\x04\x03\x03",
		       9) != NULL,
		"supported_versions 1.3, 1.2");
	T_CHECK(memmem(out, (size_t)n, "\x00\x10\x00\x05\x00\x03\x02h2", 9),
		"ALPN h2");
	T_CHECK(memmem(out, (size_t)n,
		       "\x00\x00\x00\x10\x00\x0e\x00\x00\x0b"
		       "example.com",
		       20),
		"SNI");
	T_CHECK(tls13_client_hello(&h, out, (size_t)n - 1) == TLS13_ESPACE,
		"one byte short: refused");
}

/* A ServerHello of ours, changed one way at a time. */
static void
refusals(void)
{
	static const uint8_t sid[32] = { 7 };
	uint8_t b[200];
	struct tls13_server_hello sh;
	size_t n = 0, exts;

#define BYTE(v) (b[n++] = (uint8_t)(v))
#define U16(v)	(BYTE((v) >> 8), BYTE(v))
	/* legacy_version, random, session id echo, suite, compression */
#define HEAD(suite)                                                            \
	do {                                                                   \
		n = 0;                                                         \
		U16(0x0303);                                                   \
		memset(b + n, 0x55, 32);                                       \
		n += 32;                                                       \
		BYTE(32);                                                      \
		memcpy(b + n, sid, 32);                                        \
		n += 32;                                                       \
		U16(suite);                                                    \
		BYTE(0);                                                       \
		exts = n;                                                      \
		U16(0);                                                        \
	} while (0)
#define END()                                                                  \
	(b[exts] = (uint8_t)((n - exts - 2) >> 8),                             \
	 b[exts + 1] = (uint8_t)(n - exts - 2))
#define SV(v) (U16(43), U16(2), U16(v))
#define KS()                                                                   \
	(U16(51), U16(36), U16(0x1d), U16(32), memset(b + n, 9, 32), n += 32)

	HEAD(0x1301);
	SV(0x0304);
	KS();
	END();
	T_CHECK(tls13_server_hello(b, n, sid, 32, &sh) == 0, "a good one");
	T_CHECK(tls13_server_hello(b, n, sid, 31, &sh) == TLS13_EILLEGAL,
		"another session id");
	HEAD(0x1304);
	SV(0x0304);
	KS();
	END();
	T_CHECK(tls13_server_hello(b, n, sid, 32, &sh) == TLS13_EILLEGAL,
		"a suite not offered");
	HEAD(0x1301);
	SV(0x0303);
	KS();
	END();
	T_CHECK(tls13_server_hello(b, n, sid, 32, &sh) == TLS13_EILLEGAL,
		"supported_versions saying 1.2");
	HEAD(0x1301);
	SV(0x0304);
	END();
	T_CHECK(tls13_server_hello(b, n, sid, 32, &sh) == TLS13_EILLEGAL,
		"no key share");
	HEAD(0x1301);
	SV(0x0304);
	KS();
	U16(0x1234);
	U16(0);
	END();
	T_CHECK(tls13_server_hello(b, n, sid, 32, &sh) == TLS13_EEXTENSION,
		"an extension not offered");
	HEAD(0x1301);
	SV(0x0304);
	SV(0x0304);
	KS();
	END();
	T_CHECK(tls13_server_hello(b, n, sid, 32, &sh) == TLS13_EDECODE,
		"an extension twice");
	HEAD(0x1301);
	SV(0x0304);
	U16(51);
	U16(36);
	U16(0x1e);
	U16(32);
	memset(b + n, 9, 32);
	n += 32;
	END();
	T_CHECK(tls13_server_hello(b, n, sid, 32, &sh) == TLS13_EILLEGAL,
		"a group not offered (x448)");
	/* An HRR that changes nothing. */
	HEAD(0x1301);
	memcpy(b + 2,
	       "\xcf\x21\xad\x74\xe5\x9a\x61\x11\xbe\x1d\x8c\x02\x1e\x65\xb8"
	       "\x91\xc2\xa2\x11\x16\x7a\xbb\x8c\x5e\x07\x9e\x09\xe2\xc8\xa8"
	       "\x33\x9c",
	       32);
	SV(0x0304);
	END();
	T_CHECK(tls13_server_hello(b, n, sid, 32, &sh) == TLS13_EILLEGAL,
		"an HRR asking for nothing");
	/* TLS 1.2 answers: parsed for the fallback, with the sentinel. */
	HEAD(0xc02f);
	U16(0xff01);
	U16(1);
	BYTE(0);
	END();
	T_CHECK(tls13_server_hello(b, n, sid, 32, &sh) == 0 &&
		    sh.version == 0x0303 && !sh.downgrade,
		"a 1.2 answer");
	memcpy(b + 2 + 24, "DOWNGRD\x01", 8);
	T_CHECK(tls13_server_hello(b, n, sid, 32, &sh) == 0 &&
		    sh.downgrade == 1,
		"a 1.2 answer with the downgrade sentinel");
}

/*
 * transport/p256.c against BearSSL's ECDSA on P-256: 300 random keys,
 * hashes and signatures (SHA-256 and SHA-384 lengths), each verified by
 * both; then the same with a changed bit in the hash, r, s or the key,
 * and r or s of 0 or n, each refused by both.
 */
static void
p256(void)
{
	br_hmac_drbg_context rng;
	int i, agree = 0, good = 0, bad = 0, n = 300;

	br_hmac_drbg_init(&rng, &br_sha256_vtable, "p256 test", 9);
	for (i = 0; i < n; i++) {
		uint8_t kbuf[BR_EC_KBUF_PRIV_MAX_SIZE],
		    pbuf[BR_EC_KBUF_PUB_MAX_SIZE];
		uint8_t hash[48], sig[64], raw[64], der[80], q[65];
		br_ec_private_key sk;
		br_ec_public_key pk;
		size_t hl = i % 2 ? 48 : 32, sl, dl;
		int ours, theirs, k;

		br_ec_keygen(&rng.vtable, &br_ec_all_m31, &sk, kbuf,
			     BR_EC_secp256r1);
		br_ec_compute_pub(&br_ec_all_m31, &pk, pbuf, &sk);
		br_hmac_drbg_generate(&rng, hash, hl);
		sl = br_ecdsa_i31_sign_raw(&br_ec_all_m31,
					   hl == 32 ? &br_sha256_vtable
						    : &br_sha384_vtable,
					   hash, &sk, sig);
		good += sl == 64 && p256_verify(pk.q, pk.qlen, hash, hl, sig,
						sig + 32) == 1;
		memcpy(der, sig, 64);
		dl = br_ecdsa_raw_to_asn1(der, 64);
		good +=
		    p256_vrfy_asn1(&br_ec_all_m31, hash, hl, &pk, der, dl) == 1;
		/* One change, four ways. */
		for (k = 0; k < 4; k++) {
			memcpy(raw, sig, 64);
			memcpy(q, pk.q, 65);
			if (k == 0)
				hash[i % 32] ^= 1;
			else if (k == 1)
				raw[i % 32] ^= 0x40;
			else if (k == 2)
				raw[32 + i % 32] ^= 0x08;
			else
				q[1 + i % 64] ^= 1;
			ours = p256_verify(q, 65, hash, hl, raw, raw + 32);
			{
				br_ec_public_key p2 = { BR_EC_secp256r1, q,
							65 };

				theirs = (int)br_ecdsa_i31_vrfy_raw(
				    &br_ec_all_m31, hash, hl, &p2, raw, 64);
			}
			agree += ours == theirs;
			bad += ours == 0;
			if (k == 0)
				hash[i % 32] ^= 1;
		}
	}
	T_CHECK(good == 2 * n, "p256: %d of %d right signatures verified", good,
		2 * n);
	T_CHECK(bad == 4 * n && agree == 4 * n,
		"p256: changed ones refused (%d of %d), as BearSSL (%d)", bad,
		4 * n, agree);
	{
		static const uint8_t nb[32] = {
			0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00,
			0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
			0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84,
			0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
		};
		uint8_t zero[32] = { 0 }, h[32] = { 1 }, q[65] = { 4 };

		T_CHECK(!p256_verify(q, 65, h, 32, zero, nb) &&
			    !p256_verify(q, 65, h, 32, nb, nb),
			"p256: r or s of 0 or n refused");
	}
}

int
main(void)
{
	p256();
	one_rtt();
	records();
	messages();
	retry();
	hello();
	refusals();
	return t_done("tls13");
}
