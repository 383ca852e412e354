/*
 * tls13: a TLS 1.3 client (RFC 8446) over BearSSL's primitives: X25519
 * and the NIST curves (ec_all_m31), the suites' AEADs and hashes
 * (rec13.c), the messages and the key schedule (proto/tls13.c), the
 * chain through the path validator (tls.c), the CertificateVerify
 * signature (sig.c).  Driven over net.c's sockets, every byte under the
 * probe's deadline; one stream at a time, its state static, no
 * allocation.
 *
 * The handshake: a ClientHello with an X25519 share (P-256, P-384 and
 * P-521 offered: a server that wants one asks with a HelloRetryRequest,
 * once), then the server's flight (EncryptedExtensions, a
 * CertificateRequest perhaps, Certificate, CertificateVerify, Finished),
 * each checked as it comes, then ours: a ChangeCipherSpec for
 * middleboxes (we send a session id, RFC 8446 D.4), our Certificate and
 * CertificateVerify when asked (--cert, --key; an empty Certificate
 * without them), Finished.  After it: NewSessionTicket read and dropped
 * (no resumption in a one-shot probe), KeyUpdate honoured (64 at most),
 * close_notify the end of the stream.  The hello offers the 1.3 suites
 * only: a server of TLS 1.2 refuses it at once (handshake_failure or
 * protocol_version, before it signs anything), and that is answered
 * with TLS_FALLBACK (a 1.2 ServerHello too, unless its random says a
 * TLS 1.3 server was made to downgrade).
 */
#define _GNU_SOURCE
#include <bearssl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stddef.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>

#include "../proto/tls13.h"
#include "../proto/x509.h"
#include "p256.h"
#include "rec13.h"
#include "sig.h"
#include "tls.h"

#define HS_MAX	    (64 << 10) /* a handshake message, at most */
#define KEY_UPDATES 64	       /* honoured in one stream */
#define REC_MAX	    (16384 + 256)

struct t13 {
	int fd;
	struct rec13 rd, wr; /* the server's protection, ours */
	int rd_on, wr_on;
	size_t off, len; /* the plaintext of the record read: rec + 5 */
	uint8_t type;	 /* its content type */
	size_t hs_len;	 /* handshake bytes waiting in hs */
	/* The transcript, under the suite's hash. */
	br_hash_compat_context th;
	const br_hash_class *thc;
	const struct tls13_hash *h;
	uint16_t suite;
	struct tls13_secrets s;
	int eof, updates;
	int asked; /* the server asked for a client certificate */
	char alpn[16];
	size_t nsent;
	/* Not cleared for a new stream: the buffers. */
	uint8_t rec[5 + REC_MAX];
	uint8_t hs[4 + HS_MAX];
	uint8_t certs[HS_MAX]; /* the server's, copied out of hs */
	struct chain_der sent[TLS13_SENT];
	struct chain ch;
	struct chain_result res;
};
static struct t13 S;

/* --- Words. --- */

static int
fail(struct probe *p, const char *what, const char *why)
{
	return probe_fail(p, "tls: handshake: ", what, why, NULL);
}

static int
bad(struct probe *p, const char *what, int err)
{
	return fail(p, what, tls13_strerror(err));
}

/* --- Records. --- */

/* Exactly n bytes from the socket: 0, -1 (p->msg set) or -2 at EOF. */
static int
recv_all(struct probe *p, struct t13 *s, uint8_t *b, size_t n)
{
	long got;

	while (n) {
		got = net_recv(p, s->fd, (char *)b, n);
		if (got < 0)
			return -1;
		if (got == 0)
			return -2;
		b += got;
		n -= (size_t)got;
	}
	return 0;
}

/* The words for a peer that does not speak TLS at all. */
static int
not_tls(struct probe *p, const uint8_t *h)
{
	char text[6];
	int i, clear = 1;

	for (i = 0; i < 5; i++) {
		clear &= h[i] >= 0x20 && h[i] < 0x7f;
		text[i] = (char)h[i];
	}
	text[5] = '\0';
	if (!clear)
		return fail(p,
			    "not a TLS server (its answer is not a TLS "
			    "record)",
			    "");
	return probe_fail(p,
			  "tls: handshake: not a TLS server (it answered in "
			  "clear text, '",
			  text, "...': http:// there?)", NULL);
}

/*
 * The next record into s->rec, unprotected when the server's keys are
 * on: 0, -1 with p->msg set, -2 at the end of the stream.  A
 * ChangeCipherSpec during the handshake is dropped (RFC 8446 5).
 */
static int
read_record(struct probe *p, struct t13 *s, int handshake)
{
	size_t n;
	long got;
	int r;

	for (;;) {
		r = recv_all(p, s, s->rec, 5);
		if (r == -2 && handshake == 2)
			return -2; /* the first record: the caller decides */
		if (r == -2 && handshake && !s->rd_on)
			return fail(p,
				    "connection closed by the server (not a "
				    "TLS server?)",
				    "");
		if (r < 0)
			return r;
		r = tls13_record_header(s->rec, !s->rd_on, &s->type, &n);
		if (r == TLS13_EDECODE && !s->rd_on && handshake)
			return not_tls(p, s->rec);
		if (r < 0)
			return bad(p, "the server sent ", r);
		r = recv_all(p, s, s->rec + 5, n);
		if (r == -2)
			return fail(p,
				    "the server closed in the middle of a "
				    "record",
				    "");
		if (r < 0)
			return r;
		if (s->type == 20) {
			if (!handshake || n != 1 || s->rec[5] != 1)
				return fail(p,
					    "the server sent an unexpected "
					    "ChangeCipherSpec",
					    "");
			continue;
		}
		if (!s->rd_on) {
			if (s->type == 23)
				return fail(p,
					    "the server sent data before "
					    "its keys",
					    "");
			s->off = 0;
			s->len = n;
			return 0;
		}
		if (s->type != 23)
			return fail(p,
				    "the server sent a record in clear "
				    "after its keys",
				    "");
		got = rec13_open(&s->rd, s->rec, n, &s->type);
		if (got == REC13_EMAC)
			return fail(p,
				    "a record that fails its "
				    "authentication (bad_record_mac)",
				    "");
		if (got < 0)
			return bad(p, "the server sent ", (int)got);
		if (s->type == 23 && handshake)
			return fail(p,
				    "the server sent data before its "
				    "Finished",
				    "");
		s->off = 0;
		s->len = (size_t)got;
		return 0;
	}
}

/* Send our records (already framed) in one write. */
static int
send_raw(struct probe *p, struct t13 *s, const uint8_t *b, size_t n)
{
	return net_send(p, s->fd, (const char *)b, n);
}

/* The words for an alert record's two bytes. */
static int
say_alert(struct probe *p, struct t13 *s, const char *in)
{
	unsigned a = s->len - s->off >= 2 ? s->rec[5 + s->off + 1] : 256;

	if (a == 116 || (!p->cfg->cert && s->asked && (a == 40 || a == 42)))
		return probe_fail(p, "tls: ", in, tls_wants_cert, "; alert ",
				  tls_alert_name(a), NULL);
	if (a == 40)
		return probe_fail(p, "tls: ", in, tls_no_common, NULL);
	if (a == 120)
		return probe_fail(p, "tls: ", in, "the server refused ALPN ",
				  s->alpn, " (alert no_application_protocol)",
				  NULL);
	return probe_fail(
	    p, "tls: ", in, "the server sent alert ", tls_alert_name(a),
	    (p->cfg->cert && (a == 42 || a == 48)) ? " (about our --cert)" : "",
	    NULL);
}

/*
 * The next whole handshake message: its type, body and length (the
 * 4-byte header before body), hashed into the transcript unless
 * no_hash.  0, or -1 with p->msg set.
 */
static int
next_message(struct probe *p, struct t13 *s, int handshake, uint8_t *type,
	     const uint8_t **body, size_t *len)
{
	size_t want = 0, take;
	int r;

	for (;;) {
		if (s->hs_len >= 4) {
			want = (size_t)s->hs[1] << 16 | (size_t)s->hs[2] << 8 |
			       s->hs[3];
			if (want > HS_MAX)
				return fail(p,
					    "a handshake message over 64 "
					    "KiB",
					    "");
			if (s->hs_len >= 4 + want)
				break;
		}
		if (s->off == s->len) {
			r = read_record(p, s, handshake);
			if (r == -2)
				return fail(
				    p, "connection closed by the server", "");
			if (r < 0)
				return -1;
			if (s->type == 22 && s->len == 0)
				return fail(
				    p,
				    "the server sent an empty handshake "
				    "record",
				    "");
		}
		if (s->type == 21)
			return say_alert(p, s, handshake ? "handshake: " : "");
		if (s->type != 22)
			return fail(p, "the server sent an unexpected record",
				    "");
		take = s->len - s->off;
		if (take > sizeof(s->hs) - s->hs_len)
			take = sizeof(s->hs) - s->hs_len;
		memcpy(s->hs + s->hs_len, s->rec + 5 + s->off, take);
		s->hs_len += take;
		s->off += take;
	}
	*type = s->hs[0];
	*body = s->hs + 4;
	*len = want;
	return 0;
}

/* Drop the message just read from s->hs (after it was used). */
static void
consume(struct t13 *s, size_t len)
{
	memmove(s->hs, s->hs + 4 + len, s->hs_len - 4 - len);
	s->hs_len -= 4 + len;
}

static void
hash_msg(struct t13 *s, const uint8_t *m, size_t n)
{
	s->thc->update(&s->th.vtable, m, n);
}

static void
th_now(struct t13 *s, uint8_t *out)
{
	s->thc->out(&s->th.vtable, out);
}

/* --- Key exchange. --- */

struct share {
	int curve; /* BearSSL's: BR_EC_curve25519, BR_EC_secp256r1... */
	uint8_t priv[66];
	size_t priv_len;
	uint8_t pub[133];
	size_t pub_len;
};

static int
curve_of(uint16_t group)
{
	switch (group) {
	case TLS13_X25519:
		return BR_EC_curve25519;
	case TLS13_SECP256R1:
		return BR_EC_secp256r1;
	case TLS13_SECP384R1:
		return BR_EC_secp384r1;
	case TLS13_SECP521R1:
		return BR_EC_secp521r1;
	}
	return 0;
}

/* A key pair on curve, from the kernel's entropy; 0 or -1. */
static int
keypair(struct share *k, int curve)
{
	const br_ec_impl *ec = &p256_ec;
	br_hmac_drbg_context rng;
	br_ec_private_key sk;
	uint8_t seed[48];

	k->curve = curve;
	if (getrandom(seed, sizeof(seed), 0) != (ssize_t)sizeof(seed))
		return -1;
	br_hmac_drbg_init(&rng, &br_sha256_vtable, seed, sizeof(seed));
	k->priv_len = br_ec_keygen(&rng.vtable, ec, &sk, k->priv, curve);
	if (!k->priv_len)
		return -1;
	k->pub_len = ec->mulgen(k->pub, k->priv, k->priv_len, curve);
	return k->pub_len ? 0 : -1;
}

/* The shared secret with the server's public value; its length, or 0
 * for a value that is not a point of the curve (or X25519's zero). */
static size_t
shared(const struct share *k, const uint8_t *peer, size_t n, uint8_t *out)
{
	const br_ec_impl *ec = &p256_ec;
	uint8_t pt[133];
	size_t xoff, xlen, i;
	unsigned any = 0;

	if (n != k->pub_len || n > sizeof(pt))
		return 0;
	memcpy(pt, peer, n);
	if (!ec->mul(pt, n, k->priv, k->priv_len, k->curve))
		return 0;
	xoff = ec->xoff(k->curve, &xlen);
	memcpy(out, pt + xoff, xlen);
	for (i = 0; i < xlen; i++)
		any |= out[i];
	return any ? xlen : 0;
}

/* --- Our messages. --- */

static size_t
fail0(struct probe *p, const char *what)
{
	fail(p, what, "");
	return 0;
}

/* Handshake bytes of ours, already in the transcript: protected in
 * records of 2^14 at most and sent, with pre in front (pre: a
 * ChangeCipherSpec, or nothing). */
static int
seal_send(struct probe *p, struct t13 *s, const uint8_t *m, size_t n,
	  const uint8_t *pre, size_t npre)
{
	static uint8_t out[6 + 2 * REC_MAX];
	size_t used = 0, chunk;

	memcpy(out, pre, npre);
	used = npre;
	while (n) {
		chunk = n > 16384 ? 16384 : n;
		used += rec13_seal(&s->wr, 22, m, chunk, out + used);
		if (used > sizeof(out) - REC_MAX - 6) {
			if (send_raw(p, s, out, used) < 0)
				return -1;
			used = 0;
		}
		m += chunk;
		n -= chunk;
	}
	return send_raw(p, s, out, used);
}

/* A handshake message of ours: hashed, then sealed and sent. */
static int
send_message(struct probe *p, struct t13 *s, const uint8_t *m, size_t n,
	     const uint8_t *pre, size_t npre)
{
	hash_msg(s, m, n);
	return seal_send(p, s, m, n, pre, npre);
}

/*
 * Our Certificate (the --cert chain, or none) and, with a key, our
 * CertificateVerify under the first scheme of the server's list our key
 * can make.  Into out; its length, or 0 with p->msg set.
 */
static size_t
client_auth(struct probe *p, struct t13 *s, const struct store *st,
	    const uint8_t *ctx, size_t ctx_len, const uint8_t *schemes,
	    size_t nschemes, uint8_t *out, size_t cap)
{
	size_t n = 0, list, i, len, scheme = 0;
	uint8_t th[TLS13_HASH_MAX], content[200], seed[64];

	out[n++] = TLS13_CERTIFICATE;
	n += 3;
	out[n++] = (uint8_t)ctx_len;
	memcpy(out + n, ctx, ctx_len);
	n += ctx_len;
	list = n;
	n += 3;
	for (i = 0; i < st->nchain; i++) {
		len = st->chain[i].data_len;
		if (n + 3 + len + 2 > cap / 2)
			return fail0(p, "--cert's chain is too large");
		out[n++] = (uint8_t)(len >> 16);
		out[n++] = (uint8_t)(len >> 8);
		out[n++] = (uint8_t)len;
		memcpy(out + n, st->chain[i].data, len);
		n += len;
		out[n++] = 0;
		out[n++] = 0;
	}
	len = n - list - 3;
	out[list] = (uint8_t)(len >> 16);
	out[list + 1] = (uint8_t)(len >> 8);
	out[list + 2] = (uint8_t)len;
	len = n - 4;
	out[1] = (uint8_t)(len >> 16);
	out[2] = (uint8_t)(len >> 8);
	out[3] = (uint8_t)len;
	if (!st->nchain) {
		hash_msg(s, out, n);
		return n;
	}
	for (i = 0; i < nschemes && !scheme; i++) {
		unsigned sc =
		    (unsigned)schemes[2 * i] << 8 | schemes[2 * i + 1];
		int type = br_skey_decoder_key_type(&st->key);

		if ((type == BR_KEYTYPE_EC && (sc >> 8) <= 6 &&
		     (sc & 0xff) == 3) ||
		    (type == BR_KEYTYPE_RSA && sc >= 0x0804 && sc <= 0x0806))
			scheme = sc;
	}
	hash_msg(s, out, n);
	if (!scheme)
		return fail0(p, "the server takes no signature our --key can "
				"make");
	th_now(s, th);
	len = tls13_verify_content(0, th, s->h->len, content);
	if (getrandom(seed, sizeof(seed), 0) != (ssize_t)sizeof(seed))
		return fail0(p, "no entropy");
	i = n;
	out[n++] = TLS13_CERTIFICATE_VERIFY;
	n += 3;
	out[n++] = (uint8_t)(scheme >> 8);
	out[n++] = (uint8_t)scheme;
	len = sig_sign13(&st->key, (unsigned)scheme, content, len, seed,
			 out + n + 2, cap - n - 2);
	if (!len)
		return fail0(p, "our --key could not sign");
	out[n++] = (uint8_t)(len >> 8);
	out[n++] = (uint8_t)len;
	n += len;
	len = n - i - 4;
	out[i + 1] = 0;
	out[i + 2] = (uint8_t)(len >> 8);
	out[i + 3] = (uint8_t)len;
	hash_msg(s, out + i, n - i);
	return n;
}

/* --- The handshake. --- */

/* A plaintext record of ours around one handshake message. */
static int
send_plain(struct probe *p, struct t13 *s, const uint8_t *m, size_t n,
	   unsigned version)
{
	static uint8_t out[5 + 2048];

	out[0] = 22;
	out[1] = 3;
	out[2] = (uint8_t)version;
	out[3] = (uint8_t)(n >> 8);
	out[4] = (uint8_t)n;
	memcpy(out + 5, m, n);
	return send_raw(p, s, out, 5 + n);
}

/* The words for a bad server signature or Finished, and others. */
static int
verify_server(struct probe *p, struct t13 *s, const struct store *st,
	      const char *name)
{
	uint8_t type, th[TLS13_HASH_MAX], content[200], fin[TLS13_HASH_MAX];
	const uint8_t *b, *sig;
	struct tls13_cert certs[TLS13_SENT];
	size_t n, nk, ns, i, used = 0, cl;
	uint16_t scheme;
	int r;
	struct x509_info leaf;

	/* Certificate */
	if (next_message(p, s, 1, &type, &b, &n) < 0)
		return -1;
	if (type != TLS13_CERTIFICATE)
		return fail(p,
			    "the server sent no Certificate (a PSK-only "
			    "server?)",
			    "");
	if ((r = tls13_certificate(b, n, certs, &nk, &ns)) < 0)
		return bad(p, "Certificate: ", r);
	if (!ns)
		return probe_fail(p, "tls: the server sent no certificate",
				  NULL);
	for (i = 0; i < nk; i++) {
		memcpy(s->certs + used, certs[i].p, certs[i].len);
		s->sent[i].p = s->certs + used;
		s->sent[i].len = certs[i].len;
		used += certs[i].len;
	}
	s->nsent = nk;
	hash_msg(s, s->hs, 4 + n);
	consume(s, n);
	if (p->cfg->insecure) {
		if (x509_parse(s->sent[0].p, s->sent[0].len, &leaf) < 0)
			return probe_fail(p,
					  "tls: the server's certificate "
					  "does not parse",
					  NULL);
	} else {
		if (tls_verify(&s->ch, s->sent, s->nsent, st, name, &s->res) !=
		    CHAIN_OK)
			return tls_say_chain(p, &s->res);
		leaf = s->res.leaf;
	}
	/* CertificateVerify: the server's key signed the transcript. */
	th_now(s, th);
	if (next_message(p, s, 1, &type, &b, &n) < 0)
		return -1;
	if (type != TLS13_CERTIFICATE_VERIFY)
		return fail(p, "the server sent no CertificateVerify", "");
	if ((r = tls13_certificate_verify(b, n, &scheme, &sig, &ns)) < 0)
		return bad(p, "CertificateVerify: ", r);
	cl = tls13_verify_content(1, th, s->h->len, content);
	r = sig_verify13(&leaf.key, scheme, content, cl, sig, ns);
	if (r == CHAIN_SIG_UNSUPPORTED)
		return fail(p,
			    "the server signed with a scheme we did not "
			    "offer or its key cannot make",
			    "");
	if (r != CHAIN_SIG_OK)
		return fail(p,
			    "the server's CertificateVerify does not "
			    "verify (a signature over another transcript, "
			    "or by another key)",
			    "");
	hash_msg(s, s->hs, 4 + n);
	consume(s, n);
	/* Finished */
	th_now(s, th);
	if (next_message(p, s, 1, &type, &b, &n) < 0)
		return -1;
	if (type != TLS13_FINISHED)
		return fail(p, "the server sent no Finished", "");
	tls13_finished(s->h, s->s.s_hs, th, fin);
	if (n != s->h->len || memcmp(fin, b, n))
		return fail(p,
			    "the server's Finished does not verify (bad "
			    "Finished)",
			    "");
	hash_msg(s, s->hs, 4 + n);
	consume(s, n);
	if (s->hs_len || s->off != s->len)
		return fail(p,
			    "the server sent more after its Finished, in "
			    "its record",
			    "");
	return 0;
}

int
tls13_open(struct probe *p, const struct target *t, struct conn *c,
	   struct store *st, const char *name)
{
	struct t13 *s = &S;
	static uint8_t ch[2048], ch1_hash[4 + TLS13_HASH_MAX];
	static const uint8_t ccs[6] = { 20, 3, 3, 0, 1, 1 };
	uint8_t rnd[64], type, th[TLS13_HASH_MAX], secret[66];
	const uint8_t *b, *alpn, *req_ctx = NULL, *req_schemes = NULL;
	struct tls13_hello hello;
	struct tls13_server_hello sh;
	struct share k;
	size_t n, sl, alen, req_ctx_len = 0, nreq = 0;
	long chn;
	int r, retried = 0;

	memset(s, 0, offsetof(struct t13, rec));
	s->fd = -1;
	c->fd = -1;
	c->tls = NULL;
	c->note = NULL;
	if (net_plain.open(p, t, c) < 0)
		return -1;
	s->fd = c->fd;
	c->tls = s;
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &(int){ 1 }, sizeof(int));
	p->phase = "tls";
	if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd) ||
	    keypair(&k, BR_EC_curve25519) < 0)
		return fail(p, "no entropy", "");
	memset(&hello, 0, sizeof(hello));
	hello.random = rnd;
	hello.session_id = rnd + 32;
	hello.session_id_len = 32;
	hello.sni = tls_is_ip(name) ? NULL : name;
	hello.alpn = t->kind == TARGET_GRPCS ? "h2" : "http/1.1";
	strcpy(s->alpn, hello.alpn);
	hello.shares[0].group = TLS13_X25519;
	hello.shares[0].pub = k.pub;
	hello.shares[0].len = k.pub_len;
	hello.nshares = 1;
again:
	chn = tls13_client_hello(&hello, ch, sizeof(ch));
	if (chn < 0)
		return bad(p, "ClientHello: ", (int)chn);
	if (send_plain(p, s, ch, (size_t)chn, retried ? 3 : 1) < 0)
		return -1;
	if (!retried) {
		/* A 1.2-only server finds no suite in our hello: an alert
		 * at once (or, from an old one, the end of the stream). */
		r = read_record(p, s, 2);
		if (r == -2)
			return TLS_FALLBACK;
		if (r < 0)
			return -1;
		if (s->type == 21 && s->len >= 2 &&
		    (s->rec[6] == 40 || s->rec[6] == 70 || s->rec[6] == 71)) {
			c->note = tls_alert_name(s->rec[6]);
			return TLS_FALLBACK;
		}
	}
	if (next_message(p, s, 1, &type, &b, &n) < 0)
		return -1;
	if (type != TLS13_SERVER_HELLO)
		return fail(p,
			    "the server's first message is not a "
			    "ServerHello",
			    "");
	if ((r = tls13_server_hello(b, n, rnd + 32, 32, &sh)) < 0)
		return bad(p, "ServerHello: ", r);
	if (sh.version != 0x0304) {
		if (retried)
			return fail(p,
				    "the server went to TLS 1.2 after its "
				    "HelloRetryRequest",
				    "");
		if (sh.downgrade)
			return fail(p,
				    "the server answered TLS 1.2 with the "
				    "TLS 1.3 downgrade sentinel (a 1.3 "
				    "server made to downgrade: refused)",
				    "");
		return TLS_FALLBACK;
	}
	if (!s->thc) {
		s->suite = sh.suite;
		s->h = rec13_hash(sh.suite);
		s->thc =
		    s->h->len == 32 ? &br_sha256_vtable : &br_sha384_vtable;
		s->thc->init(&s->th.vtable);
	} else if (sh.suite != s->suite) {
		return fail(p,
			    "the server changed its suite after its "
			    "HelloRetryRequest",
			    "");
	}
	if (sh.hrr) {
		if (retried)
			return fail(p, "a second HelloRetryRequest", "");
		if (sh.group == TLS13_X25519)
			return fail(p,
				    "a HelloRetryRequest for the share we "
				    "sent",
				    "");
		/* message_hash(ClientHello1), then the HRR. */
		ch1_hash[0] = TLS13_MESSAGE_HASH;
		ch1_hash[1] = ch1_hash[2] = 0;
		ch1_hash[3] = (uint8_t)s->h->len;
		s->h->digest(ch, (size_t)chn, ch1_hash + 4);
		hash_msg(s, ch1_hash, 4 + s->h->len);
		hash_msg(s, s->hs, 4 + n);
		if (sh.group && keypair(&k, curve_of(sh.group)) < 0)
			return fail(p, "no entropy", "");
		if (sh.group) {
			hello.shares[0].group = sh.group;
			hello.shares[0].pub = k.pub;
			hello.shares[0].len = k.pub_len;
		}
		/* The cookie lives in s->hs: copy it before it goes. */
		if (sh.cookie) {
			static uint8_t cookie[HS_MAX];

			memcpy(cookie, sh.cookie, sh.cookie_len);
			hello.cookie = cookie;
			hello.cookie_len = sh.cookie_len;
		}
		consume(s, n);
		retried = 1;
		probe_detail(p, "tls: HelloRetryRequest: the server wants ",
			     sh.group == TLS13_SECP256R1   ? "P-256"
			     : sh.group == TLS13_SECP384R1 ? "P-384"
			     : sh.group == TLS13_SECP521R1 ? "P-521"
							   : "a cookie",
			     NULL);
		goto again;
	}
	if (retried && sh.group != hello.shares[0].group)
		return fail(p,
			    "the server's share is not of the group it "
			    "asked for",
			    "");
	if (sh.group != hello.shares[0].group)
		return fail(p,
			    "the server's share is of a group we sent no "
			    "share for",
			    "");
	hash_msg(s, ch, (size_t)chn);
	hash_msg(s, s->hs, 4 + n);
	sl = shared(&k, sh.share, sh.share_len, secret);
	consume(s, n);
	if (s->hs_len || s->off != s->len)
		return fail(p,
			    "the server's ServerHello record carries more "
			    "(a key change inside a record)",
			    "");
	if (!sl)
		return fail(p,
			    "the server's key share is not a point of its "
			    "group",
			    "");
	th_now(s, th);
	tls13_handshake_secrets(s->h, secret, sl, th, &s->s);
	rec13_keys(&s->rd, s->suite, s->s.s_hs);
	rec13_keys(&s->wr, s->suite, s->s.c_hs);
	s->rd_on = 1;

	/* EncryptedExtensions */
	if (next_message(p, s, 1, &type, &b, &n) < 0)
		return -1;
	if (type != TLS13_ENCRYPTED_EXTENSIONS)
		return fail(p, "the server sent no EncryptedExtensions", "");
	if ((r = tls13_encrypted_extensions(b, n, hello.alpn, &alpn, &alen)) <
	    0)
		return bad(p, "EncryptedExtensions: ", r);
	if (t->kind == TARGET_GRPCS && !alpn)
		return probe_fail(p,
				  "tls: the server did not choose HTTP/2 "
				  "(ALPN h2): not a gRPC server over TLS",
				  NULL);
	hash_msg(s, s->hs, 4 + n);
	consume(s, n);
	/* CertificateRequest, perhaps */
	if (next_message(p, s, 1, &type, &b, &n) < 0)
		return -1;
	if (type == TLS13_CERTIFICATE_REQUEST) {
		static uint8_t req[HS_MAX];

		if ((r = tls13_certificate_request(b, n, &req_ctx, &req_ctx_len,
						   &req_schemes, &nreq)) < 0)
			return bad(p, "CertificateRequest: ", r);
		memcpy(req, b, n); /* its fields, kept past s->hs */
		req_ctx = req + (req_ctx - b);
		req_schemes = req + (req_schemes - b);
		s->asked = 1;
		hash_msg(s, s->hs, 4 + n);
		consume(s, n);
	}
	if (verify_server(p, s, st, name) < 0)
		return -1;
	th_now(s, th);
	tls13_app_secrets(s->h, th, &s->s);
	/* Ours: a ChangeCipherSpec, Certificate and CertificateVerify when
	 * asked, Finished. */
	if (s->asked) {
		static uint8_t auth[HS_MAX];
		size_t an = client_auth(p, s, st, req_ctx, req_ctx_len,
					req_schemes, nreq, auth, sizeof(auth));

		/* client_auth put them in the transcript. */
		if (!an || seal_send(p, s, auth, an, ccs, 6) < 0)
			return -1;
	}
	{
		uint8_t fin[4 + TLS13_HASH_MAX];

		fin[0] = TLS13_FINISHED;
		fin[1] = fin[2] = 0;
		fin[3] = (uint8_t)s->h->len;
		th_now(s, th);
		tls13_finished(s->h, s->s.c_hs, th, fin + 4);
		if (send_message(p, s, fin, 4 + s->h->len,
				 s->asked ? NULL : ccs, s->asked ? 0 : 6) < 0)
			return -1;
	}
	rec13_keys(&s->rd, s->suite, s->s.s_ap);
	rec13_keys(&s->wr, s->suite, s->s.c_ap);
	s->wr_on = 1;
	if (s->asked && !p->cfg->cert)
		c->note = "the server asked for a client certificate and got "
			  "none: --cert FILE --key FILE";
	probe_detail(p, "tls: TLS 1.3 with ", name, ", ",
		     s->suite == TLS13_AES_128_GCM_SHA256
			 ? "TLS_AES_128_GCM_SHA256"
		     : s->suite == TLS13_AES_256_GCM_SHA384
			 ? "TLS_AES_256_GCM_SHA384"
			 : "TLS_CHACHA20_POLY1305_SHA256",
		     k.curve == BR_EC_curve25519  ? ", X25519"
		     : k.curve == BR_EC_secp256r1 ? ", P-256"
		     : k.curve == BR_EC_secp384r1 ? ", P-384"
						  : ", P-521",
		     alpn ? ", ALPN " : ", no ALPN", alpn ? s->alpn : "", NULL);
	return 0;
}

int
tls13_send(struct probe *p, struct conn *c, const char *b, size_t n)
{
	static uint8_t out[5 + 16384 + 1 + REC13_TAG];
	struct t13 *s = c->tls;
	const char *was = p->phase;
	size_t chunk;

	p->phase = "send";
	while (n) {
		chunk = n > 16384 ? 16384 : n;
		if (send_raw(p, s, out,
			     rec13_seal(&s->wr, 23, (const uint8_t *)b, chunk,
					out)) < 0)
			return -1;
		b += chunk;
		n -= chunk;
	}
	p->phase = was;
	return 0;
}

/* A handshake message after the handshake: NewSessionTicket (dropped)
 * or KeyUpdate (honoured); 0 or -1. */
static int
post_handshake(struct probe *p, struct t13 *s)
{
	uint8_t type;
	const uint8_t *b;
	size_t n;

	if (next_message(p, s, 0, &type, &b, &n) < 0)
		return -1;
	if (type == TLS13_KEY_UPDATE) {
		if (n != 1 || b[0] > 1)
			return probe_fail(p, "tls: a bad KeyUpdate", NULL);
		if (++s->updates > KEY_UPDATES)
			return probe_fail(p,
					  "tls: more than 64 KeyUpdates "
					  "from the server",
					  NULL);
		if (s->hs_len > 4 + n || s->off != s->len)
			return probe_fail(p,
					  "tls: a KeyUpdate not at the end "
					  "of its record",
					  NULL);
		tls13_next_secret(s->h, s->s.s_ap);
		rec13_keys(&s->rd, s->suite, s->s.s_ap);
		if (b[0] == 1) { /* update_requested: ours too */
			static const uint8_t ku[5] = { TLS13_KEY_UPDATE, 0, 0,
						       1, 0 };
			uint8_t out[5 + 5 + 1 + REC13_TAG];

			if (send_raw(p, s, out,
				     rec13_seal(&s->wr, 22, ku, 5, out)) < 0)
				return -1;
			tls13_next_secret(s->h, s->s.c_ap);
			rec13_keys(&s->wr, s->suite, s->s.c_ap);
		}
	} else if (type != TLS13_NEW_SESSION_TICKET) {
		return probe_fail(p,
				  "tls: the server sent an unexpected "
				  "handshake message",
				  NULL);
	}
	consume(s, n);
	return 0;
}

long
tls13_recv(struct probe *p, struct conn *c, char *b, size_t n)
{
	struct t13 *s = c->tls;
	size_t have;
	int r;

	for (;;) {
		if (s->eof)
			return 0;
		if (s->hs_len || (s->off < s->len && s->type == 22)) {
			if (post_handshake(p, s) < 0)
				return -1;
			continue;
		}
		if (s->off < s->len && s->type == 23)
			break;
		r = read_record(p, s, 0);
		if (r == -2) { /* the TCP stream's end: as over plain TCP */
			s->eof = 1;
			return 0;
		}
		if (r < 0)
			return -1;
		if (s->type == 21) {
			if (s->len - s->off >= 2 &&
			    s->rec[5 + s->off + 1] == 0) {
				s->eof = 1; /* close_notify */
				return 0;
			}
			return say_alert(p, s, "");
		}
		if (s->type != 22 && s->type != 23)
			return probe_fail(p,
					  "tls: the server sent an "
					  "unexpected record",
					  NULL);
	}
	have = s->len - s->off;
	if (have > n)
		have = n;
	memcpy(b, s->rec + 5 + s->off, have);
	s->off += have;
	return (long)have;
}
