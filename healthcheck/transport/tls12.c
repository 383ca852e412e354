/*
 * tls12: TLS 1.2 for the servers that speak nothing newer (tls.c comes
 * here only after such a server's ServerHello), over BearSSL's engine
 * (Debian's libbearssl-dev, linked in; no allocation, constant-time
 * code).  ECDHE (P-256, P-384, P-521) and AES-GCM, RSA or ECDSA
 * certificates; the deadline bounds every byte of the handshake, since
 * the engine is driven here over net.c's sockets (no blocking call of
 * BearSSL's own).
 *
 * Verification is ours: the X.509 class handed to the engine only
 * collects the certificates the server sent, and at their end hands them
 * to the path validator (proto/chain.c) with the trust anchors as whole
 * certificates (tls_store.c: --cacert, SSL_CERT_FILE or the system
 * bundle), the name, the real clock and the purpose (serverAuth; the
 * leaf's keyUsage must allow the ECDHE signature).  BearSSL stays for the
 * handshake and the signature primitives (tls_sig.c).  -k skips the
 * check, as the kubelet's HTTPS probe does.  Every failure is one line
 * naming the TLS phase and the cause, never a bare number.
 */
#define _GNU_SOURCE
#include <bearssl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "../../lib/io.h"
#include "stream.h"
#include "../proto/chain.h"
#include "../proto/x509.h"
#include "p256.h"
#include "sig.h"
#include "store.h"
#include "tls.h"

#define SENT_BUF (64 << 10) /* the certificates the server sent */

/*
 * The X.509 class the TLS engine is given: it keeps the certificates as
 * they come (CHAIN_SENT of them, 64 KiB in all; more are counted, not
 * kept), and at the chain's end runs the validator, or with -k only
 * reads the server's key.
 */
struct xwrap {
	const br_x509_class *vtable;
	const char *name; /* the name to check; NULL: none */
	int insecure;
	const struct store *st;
	unsigned char buf[SENT_BUF];
	size_t used;
	struct chain_der certs[CHAIN_SENT];
	size_t nkept, nsent;
	int keeping;  /* the certificate being sent is kept */
	unsigned err; /* what end_chain said, BR_ERR_X509_* */
	struct chain ch;
	struct chain_result res;
	br_x509_pkey key; /* the server's, pointing into buf */
	unsigned usages;
};

/* The X.509 collector's methods (see struct xwrap). */
static void
xw_start_chain(const br_x509_class **ctx, const char *server_name)
{
	struct xwrap *x = (struct xwrap *)(void *)ctx;

	(void)server_name; /* ours is x->name */
	x->used = x->nkept = x->nsent = 0;
	x->keeping = 0;
	x->err = 0;
}

static void
xw_start_cert(const br_x509_class **ctx, uint32_t len)
{
	struct xwrap *x = (struct xwrap *)(void *)ctx;

	x->nsent++;
	x->keeping = x->nkept < CHAIN_SENT && len <= sizeof(x->buf) - x->used;
	if (x->keeping) {
		x->certs[x->nkept].p = x->buf + x->used;
		x->certs[x->nkept].len = len;
	}
}

static void
xw_append(const br_x509_class **ctx, const unsigned char *b, size_t n)
{
	struct xwrap *x = (struct xwrap *)(void *)ctx;
	size_t room = (size_t)(x->certs[x->nkept].p - x->buf) +
		      x->certs[x->nkept].len - x->used;

	if (!x->keeping)
		return;
	if (n > room)
		n = room; /* more than the length said: the engine refuses */
	memcpy(x->buf + x->used, b, n);
	x->used += n;
}

static void
xw_end_cert(const br_x509_class **ctx)
{
	struct xwrap *x = (struct xwrap *)(void *)ctx;

	if (x->keeping)
		x->nkept++;
	x->keeping = 0;
}

/* The server's key from its certificate, for the key exchange. */
static unsigned
take_key(struct xwrap *x, const struct x509_info *ee)
{
	if (ee->key.type == X509_KEY_RSA) {
		x->key.key_type = BR_KEYTYPE_RSA;
		x->key.key.rsa.n = (unsigned char *)ee->key.n;
		x->key.key.rsa.nlen = ee->key.nlen;
		x->key.key.rsa.e = (unsigned char *)ee->key.e;
		x->key.key.rsa.elen = ee->key.elen;
	} else if (ee->key.type == X509_KEY_EC && ee->key.curve) {
		x->key.key_type = BR_KEYTYPE_EC;
		x->key.key.ec.curve = ee->key.curve;
		x->key.key.ec.q = (unsigned char *)ee->key.n;
		x->key.key.ec.qlen = ee->key.nlen;
	} else {
		return x->err = BR_ERR_X509_UNSUPPORTED;
	}
	x->usages = BR_KEYTYPE_KEYX | BR_KEYTYPE_SIGN;
	if (ee->has_ku)
		x->usages =
		    (ee->ku & X509_KU_DIGITAL_SIGNATURE ? BR_KEYTYPE_SIGN : 0) |
		    (ee->ku & X509_KU_KEY_ENCIPHERMENT ? BR_KEYTYPE_KEYX : 0);
	return 0;
}

static unsigned
xw_end_chain(const br_x509_class **ctx)
{
	struct xwrap *x = (struct xwrap *)(void *)ctx;
	struct x509_info ee;

	if (!x->nsent) {
		memset(&x->res, 0, sizeof(x->res));
		x->res.err = CHAIN_EMPTY; /* "the server sent no certificate" */
		return x->err = BR_ERR_X509_NOT_TRUSTED;
	}
	if (!x->nkept || x->certs[0].p != x->buf)
		return x->err = BR_ERR_X509_LIMIT_EXCEEDED;
	if (x->insecure) {
		if (x509_parse(x->certs[0].p, x->certs[0].len, &ee) < 0)
			return x->err = BR_ERR_X509_UNSUPPORTED;
		return take_key(x, &ee);
	}
	if (tls_verify(&x->ch, x->certs, x->nkept, x->st, x->name, &x->res) !=
	    CHAIN_OK)
		return x->err = BR_ERR_X509_NOT_TRUSTED;
	return take_key(x, &x->res.leaf);
}

static const br_x509_pkey *
xw_get_pkey(const br_x509_class *const *ctx, unsigned *usages)
{
	struct xwrap *x = (struct xwrap *)(void *)ctx;

	if (usages)
		*usages = x->usages;
	return &x->key;
}

static const br_x509_class xw_vtable = {
	sizeof(struct xwrap), xw_start_chain, xw_start_cert, xw_append,
	xw_end_cert,	      xw_end_chain,   xw_get_pkey,
};

/* A client certificate class that has none, and notes that one was asked. */
struct nocert {
	const br_ssl_client_certificate_class *vtable;
	int asked;
};

/* One TLS stream: the engine, its buffer, and what it said. */
struct tls {
	br_ssl_client_context cc;
	struct xwrap xw;
	struct nocert nc;
	unsigned char iobuf[BR_SSL_BUFSIZE_BIDI];
	int fd;
	int io_failed; /* the socket failed: p->msg already says how */
	int eof;       /* the stream ended (close_notify, or TCP EOF) */
	int handshake_done;
	int hello_sent;
};

/* The no-certificate class: remembers that the server asked for one. */
static void
nc_start_name_list(const br_ssl_client_certificate_class **pctx)
{
	((struct nocert *)(void *)pctx)->asked = 1;
}

static void
nc_name(const br_ssl_client_certificate_class **pctx, size_t len)
{
	(void)pctx;
	(void)len;
}

static void
nc_append(const br_ssl_client_certificate_class **pctx, const unsigned char *d,
	  size_t len)
{
	(void)pctx;
	(void)d;
	(void)len;
}

static void
nc_end(const br_ssl_client_certificate_class **pctx)
{
	(void)pctx;
}

static void
nc_choose(const br_ssl_client_certificate_class **pctx,
	  const br_ssl_client_context *cc, uint32_t auth_types,
	  br_ssl_client_certificate *choices)
{
	(void)pctx;
	(void)cc;
	(void)auth_types;
	memset(choices, 0, sizeof(*choices));
}

static const br_ssl_client_certificate_class nc_vtable = {
	sizeof(struct nocert),
	nc_start_name_list,
	nc_name,
	nc_append,
	nc_end,
	nc_end,
	nc_choose,
	NULL,
	NULL,
};

/*
 * The suites offered: ECDHE with AES-GCM, the ones every TLS 1.2 server
 * of the last decade takes (Mozilla's "intermediate" list starts with
 * them); ChaCha20 would cost 4 KiB for servers that take these too.
 */
static const uint16_t suites[] = {
	BR_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
	BR_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
	BR_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
	BR_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
};

static void
setup(struct tls *s, struct store *st, const struct hc_config *c,
      const char *name, const char *alpn)
{
	br_ssl_client_context *cc = &s->cc;
	br_ssl_engine_context *e = &cc->eng;
	struct xwrap *x = &s->xw;
	/* Static: the engine keeps a pointer to the list. */
	static const char *protos[1];
	unsigned char seed[32];

	br_ssl_client_zero(cc);
	br_ssl_engine_set_versions(e, BR_TLS12, BR_TLS12);
	br_ssl_engine_set_suites(e, suites, sizeof(suites) / sizeof(*suites));
	/*
	 * One implementation of each, the portable constant-time ones,
	 * chosen for size (BearSSL's defaults link several and pick one at
	 * run time): a handshake takes about a millisecond either way.
	 */
	br_ssl_engine_set_ec(e, &p256_ec);
	br_ssl_engine_set_rsavrfy(e, br_rsa_i31_pkcs1_vrfy);
	br_ssl_engine_set_ecdsa(e, p256_vrfy_asn1);
	br_ssl_engine_set_hash(e, br_sha256_ID, &br_sha256_vtable);
	br_ssl_engine_set_hash(e, br_sha384_ID, &br_sha384_vtable);
	br_ssl_engine_set_hash(e, br_sha512_ID, &br_sha512_vtable);
	br_ssl_engine_set_prf_sha256(e, &br_tls12_sha256_prf);
	br_ssl_engine_set_prf_sha384(e, &br_tls12_sha384_prf);
	br_ssl_engine_set_gcm(e, &br_sslrec_in_gcm_vtable,
			      &br_sslrec_out_gcm_vtable);
	br_ssl_engine_set_aes_ctr(e, &br_aes_ct64_ctr_vtable);
	br_ssl_engine_set_ghash(e, br_ghash_ctmul64);

	x->vtable = &xw_vtable;
	x->insecure = c->insecure;
	x->name = name;
	x->st = st;
	br_ssl_engine_set_x509(e, &x->vtable);

	s->nc.vtable = &nc_vtable;
	s->nc.asked = 0;
	if (st->nchain && br_skey_decoder_key_type(&st->key) == BR_KEYTYPE_RSA)
		br_ssl_client_set_single_rsa(cc, st->chain, st->nchain,
					     br_skey_decoder_get_rsa(&st->key),
					     br_rsa_i31_pkcs1_sign);
	else if (st->nchain)
		br_ssl_client_set_single_ec(cc, st->chain, st->nchain,
					    br_skey_decoder_get_ec(&st->key),
					    BR_KEYTYPE_SIGN, BR_KEYTYPE_EC,
					    &p256_ec, br_ecdsa_i31_sign_asn1);
	else
		br_ssl_client_set_client_certificate(cc, &s->nc.vtable);

	br_ssl_engine_set_buffer(e, s->iobuf, sizeof(s->iobuf), 1);
	br_ssl_engine_add_flags(e, BR_OPT_NO_RENEGOTIATION);
	protos[0] = alpn;
	br_ssl_engine_set_protocol_names(e, protos, 1);
	/* The kernel's entropy, whatever the image has in /dev. */
	if (getrandom(seed, sizeof(seed), 0) == (ssize_t)sizeof(seed))
		br_ssl_engine_inject_entropy(e, seed, sizeof(seed));
}

/* Short names of BearSSL's engine errors a 1.2 server can cause, for the
 * words of a failure (the rest are said by number). */
static const char *const engine_errs[] = {
	[BR_ERR_UNSUPPORTED_VERSION] = "a TLS version other than 1.2",
	[BR_ERR_BAD_VERSION] = "a record with a bad version",
	[BR_ERR_BAD_LENGTH] = "a record with a bad length",
	[BR_ERR_TOO_LARGE] = "a record over 16 KiB",
	[BR_ERR_BAD_MAC] = "a record that fails its MAC",
	[BR_ERR_UNKNOWN_TYPE] = "a record of unknown type",
	[BR_ERR_UNEXPECTED] = "an unexpected message",
	[BR_ERR_BAD_ALERT] = "a bad alert",
	[BR_ERR_BAD_HANDSHAKE] = "a bad handshake message",
	[BR_ERR_BAD_CIPHER_SUITE] = "a cipher suite it was not offered",
	[BR_ERR_EXTRA_EXTENSION] = "an extension it was not offered",
	[BR_ERR_LIMIT_EXCEEDED] = "more than the engine takes",
	[BR_ERR_BAD_FINISHED] = "a bad Finished",
	[BR_ERR_INVALID_ALGORITHM] = "an algorithm it was not offered",
	[BR_ERR_BAD_SIGNATURE] = "a bad signature",
	[BR_ERR_WRONG_KEY_USAGE] = "a key not usable for it",
};

/* The words for a failed chain or name check (x->err). */
static void
say_x509(struct probe *p, struct xwrap *x)
{
	probe_fail(p, "tls: ", NULL);
	switch (x->err) {
	case BR_ERR_X509_NOT_TRUSTED:
		tls_say_chain(p, &x->res);
		return;
	case BR_ERR_X509_LIMIT_EXCEEDED:
		buf_str(p->msg, "certificate chain too large (the server's "
				"own over 64 KiB)");
		return;
	}
	buf_str(p->msg, "the server's certificate has a key this build "
			"cannot use (RSA, or ECDSA on P-256, P-384 or P-521)");
}

/*
 * The socket failed (EPIPE, a reset) right after the handshake: a server
 * that refused our client certificate (or lack of one) sent an alert
 * first, which may wait unread.  Feed what is already there to the
 * engine, without waiting.  Returns 0 when the cause is the handshake's
 * after all: an alert, or a client certificate asked for and not given
 * (the server may close without a word); else -1, p->msg as net.c left
 * it.
 */
static int
salvage(struct probe *p, struct tls *s)
{
	br_ssl_engine_context *e = &s->cc.eng;
	unsigned char *b;
	ssize_t got;
	size_t n;

	while (br_ssl_engine_current_state(e) & BR_SSL_RECVREC) {
		b = br_ssl_engine_recvrec_buf(e, &n);
		got = recv(s->fd, b, n, MSG_DONTWAIT);
		if (got <= 0)
			break;
		br_ssl_engine_recvrec_ack(e, (size_t)got);
	}
	if (!(br_ssl_engine_last_error(e) & BR_ERR_RECV_FATAL_ALERT) &&
	    !(s->nc.asked && !p->cfg->cert))
		return -1;
	s->io_failed = 0;
	s->handshake_done = 0; /* the refusal ended the handshake */
	return 0;
}

/* The words for a fatal alert a from the server; in names the phase. */
static int
say_alert(struct probe *p, struct tls *s, const char *in, unsigned a)
{
	if (a == 70)
		return probe_fail(p, "tls: ", in,
				  "the server refused TLS 1.3 and TLS 1.2 "
				  "(alert protocol_version)",
				  NULL);
	if (s->nc.asked && !p->cfg->cert && (a == 40 || a == 42 || a == 116))
		return probe_fail(p, "tls: ", in, tls_wants_cert, "; alert ",
				  tls_alert_name(a), NULL);
	if (a == 40 && s->handshake_done)
		return probe_fail(p,
				  "tls: the server ended the connection "
				  "with alert handshake_failure (after "
				  "a renegotiation, which this build "
				  "refuses?)",
				  NULL);
	if (a == 40)
		return probe_fail(p, "tls: ", in, tls_no_common, NULL);
	if (a == 120)
		return probe_fail(p, "tls: ", in, "the server refused ALPN ",
				  s->cc.eng.protocol_names[0],
				  " (alert no_application_protocol)", NULL);
	return probe_fail(
	    p, "tls: ", in, "the server sent alert ", tls_alert_name(a),
	    (p->cfg->cert && (a == 42 || a == 48)) ? " (about our --cert)" : "",
	    NULL);
}

/* The words for a closed engine: why the handshake or stream failed. */
static int
say_error(struct probe *p, struct tls *s)
{
	int err = br_ssl_engine_last_error(&s->cc.eng);
	const char *in = s->handshake_done ? "" : "handshake: ";

	if (s->io_failed && salvage(p, s) < 0)
		return -1; /* net.c said it: a timeout, a reset */
	/* Asked for a certificate, we had none, and it ended: that is why,
	 * whatever the server said (an alert, or nothing). */
	if (!s->handshake_done && s->nc.asked && !p->cfg->cert)
		return probe_fail(p, "tls: handshake: ", tls_wants_cert, NULL);
	if (err >= BR_ERR_X509_OK && err < BR_ERR_RECV_FATAL_ALERT &&
	    s->xw.err) {
		say_x509(p, &s->xw);
		return -1;
	}
	if (err & BR_ERR_RECV_FATAL_ALERT)
		return say_alert(p, s, in, (unsigned)err & 0xff);
	if (err & BR_ERR_SEND_FATAL_ALERT)
		err = BR_ERR_BAD_HANDSHAKE;
	if (err > 0 &&
	    (size_t)err < sizeof(engine_errs) / sizeof(*engine_errs) &&
	    engine_errs[err])
		return probe_fail(
		    p, "tls: ", in, "the peer sent ", engine_errs[err],
		    s->handshake_done ? "" : " (not a TLS 1.2 server?)", NULL);
	probe_fail(p, "tls: ", in, "failed (BearSSL error ", NULL);
	buf_u64(p->msg, (uint64_t)err);
	buf_str(p->msg, ")");
	return -1;
}

/*
 * X25519 first in the hello's supported_groups.  BearSSL lists them by
 * id, P-256 first, and OpenSSL's servers take the client's order: the
 * key exchange then runs on P-256, which costs this build (BearSSL's
 * constant-time i31 code; its 8 KiB m31 P-256 is not linked) five times
 * what X25519 does.  The list keeps every group (a P-256 certificate
 * needs P-256 there); the hello's bytes change, so the handshake hash is
 * fed them again (the hello is the first message: the hash holds nothing
 * else yet).  rec is the first record, which holds the whole hello.
 */
static void
prefer_x25519(br_ssl_engine_context *e, unsigned char *rec, size_t n)
{
	unsigned char *m = rec + 5, *p, *end, *ids;
	size_t len, k, i, nid;

	if (n < 9 || rec[0] != 22 || m[0] != 1)
		return;
	len = (size_t)m[1] << 16 | (size_t)m[2] << 8 | m[3];
	if (9 + len > n || len < 38)
		return;
	end = m + 4 + len;
	p = m + 4 + 2 + 32;
	p += 1 + p[0]; /* session id */
	if (p + 2 > end)
		return;
	p += 2 + ((size_t)p[0] << 8 | p[1]); /* suites */
	if (p + 1 > end)
		return;
	p += 1 + p[0]; /* compression */
	if (p + 2 > end)
		return;
	p += 2;
	while (p + 4 <= end) {
		k = (size_t)p[2] << 8 | p[3];
		if (p + 4 + k > end)
			return;
		if (p[0] == 0 && p[1] == 10 && k >= 2) {
			ids = p + 6;
			nid = ((size_t)p[4] << 8 | p[5]) / 2;
			if (6 + 2 * nid > 4 + k)
				return;
			for (i = 0; i < nid; i++)
				if (ids[2 * i] == 0 && ids[2 * i + 1] == 29)
					break;
			if (i == nid || i == 0)
				return;
			memmove(ids + 2, ids, 2 * i);
			ids[0] = 0;
			ids[1] = 29;
			br_multihash_init(&e->mhash);
			br_multihash_update(&e->mhash, m, 4 + len);
			return;
		}
		p += 4 + k;
	}
}

/*
 * Drive the engine until its state has a bit of want: records out to
 * the socket and in from it.  Returns 0; -1 when the engine closed (or
 * the socket failed: s->io_failed), -2 at the end of the TCP stream.
 */
static int
run(struct probe *p, struct tls *s, unsigned want)
{
	br_ssl_engine_context *e = &s->cc.eng;
	unsigned char *b;
	unsigned st;
	size_t n;
	long got;

	for (;;) {
		st = br_ssl_engine_current_state(e);
		if (st & BR_SSL_CLOSED)
			return -1;
		if (st & BR_SSL_SENDREC) {
			b = br_ssl_engine_sendrec_buf(e, &n);
			if (!s->hello_sent) {
				s->hello_sent = 1;
				prefer_x25519(e, b, n);
			}
			if (net_send(p, s->fd, (const char *)b, n) < 0) {
				s->io_failed = 1;
				return -1;
			}
			br_ssl_engine_sendrec_ack(e, n);
			continue;
		}
		if (st & want)
			return 0;
		if (st & BR_SSL_RECVAPP) {
			/* Data where none is read: not in our exchanges. */
			return probe_fail(p, "tls: data before the request",
					  NULL);
		}
		if (st & BR_SSL_RECVREC) {
			b = br_ssl_engine_recvrec_buf(e, &n);
			got = net_recv(p, s->fd, (char *)b, n);
			if (got < 0) {
				s->io_failed = 1;
				return -1;
			}
			if (got == 0)
				return -2;
			br_ssl_engine_recvrec_ack(e, (size_t)got);
			continue;
		}
		br_ssl_engine_flush(e, 0);
	}
}

/*
 * Connect to t, or to --unix-socket, and finish the handshake, with SNI
 * (not for an IP literal) and name checked.  ALPN: h2 for grpcs://,
 * which must be chosen; http/1.1 otherwise, which the server may ignore.
 */
int
tls12_open(struct probe *p, const struct target *t, struct conn *c,
	   struct store *st, const char *name)
{
	/* Static: 40 KiB of engine and buffers, one stream at a time. */
	static struct tls s;
	const char *alpn = t->kind == TARGET_GRPCS ? "h2" : "http/1.1";
	const char *got;
	int r;

	c->fd = -1;
	c->tls = NULL;
	c->note = NULL;
	if (net_plain.open(p, t, c) < 0)
		return -1;
	/*
	 * The handshake's flights leave in several writes; with Nagle the
	 * second waits for the server's delayed ACK (40 ms on Linux).
	 */
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &(int){ 1 }, sizeof(int));
	setup(&s, st, p->cfg, name, alpn);
	s.fd = c->fd;
	s.io_failed = s.eof = s.handshake_done = s.hello_sent = 0;
	c->tls = &s;
	p->phase = "tls";
	if (!br_ssl_client_reset(&s.cc, tls_is_ip(name) ? NULL : name, 0))
		return say_error(p, &s);
	r = run(p, &s, BR_SSL_SENDAPP);
	if (r == -2)
		return probe_fail(p,
				  "tls: handshake: connection closed by the "
				  "server (not a TLS server?)",
				  NULL);
	if (r < 0)
		return say_error(p, &s);
	s.handshake_done = 1;
	/* RFC 8446 4.1.3: a 1.3 server that answers a 1.2 hello says so in
	 * its random.  We came here because our 1.3 hello was refused:
	 * that server could have taken it (someone in the way?). */
	if (!memcmp(s.cc.eng.server_random + 24, "DOWNGRD", 7) &&
	    s.cc.eng.server_random[31] <= 1)
		return probe_fail(
		    p,
		    "tls: handshake: the server speaks TLS 1.3 "
		    "(its TLS 1.2 answer carries the downgrade "
		    "sentinel) but our TLS 1.3 hello was refused: "
		    "refused",
		    NULL);
	if (s.nc.asked)
		c->note = "the server asked for a client certificate and got "
			  "none: --cert FILE --key FILE";
	got = br_ssl_engine_get_selected_protocol(&s.cc.eng);
	if (t->kind == TARGET_GRPCS && (!got || strcmp(got, "h2")))
		return probe_fail(p,
				  "tls: the server did not choose HTTP/2 "
				  "(ALPN h2): not a gRPC server over TLS",
				  NULL);
	{
		int curve = br_ssl_engine_get_ecdhe_curve(&s.cc.eng);

		probe_detail(
		    p, "tls: TLS 1.2 (the server has no 1.3) with ", name,
		    curve == BR_EC_curve25519  ? ", X25519"
		    : curve == BR_EC_secp256r1 ? ", P-256"
		    : curve == BR_EC_secp384r1 ? ", P-384"
					       : ", P-521",
		    got ? ", ALPN " : ", no ALPN", got ? got : "", NULL);
	}
	return 0;
}

int
tls12_send(struct probe *p, struct conn *c, const char *b, size_t n)
{
	struct tls *s = c->tls;
	br_ssl_engine_context *e = &s->cc.eng;
	const char *was = p->phase;
	unsigned char *w;
	size_t room;

	p->phase = "send";
	while (n) {
		if (run(p, s, BR_SSL_SENDAPP) < 0)
			return say_error(p, s);
		w = br_ssl_engine_sendapp_buf(e, &room);
		if (room > n)
			room = n;
		memcpy(w, b, room);
		br_ssl_engine_sendapp_ack(e, room);
		b += room;
		n -= room;
	}
	br_ssl_engine_flush(e, 0);
	if (run(p, s, BR_SSL_SENDAPP | BR_SSL_RECVAPP) < 0)
		return say_error(p, s);
	p->phase = was;
	return 0;
}

/*
 * Up to n bytes of application data; 0 at the end of the stream: the
 * server's close_notify, or the TCP stream's end (a body cut short is
 * then the engine's verdict, as over a plain socket).
 */
long
tls12_recv(struct probe *p, struct conn *c, char *b, size_t n)
{
	struct tls *s = c->tls;
	br_ssl_engine_context *e = &s->cc.eng;
	unsigned char *r;
	size_t have;
	int rc;

	if (s->eof)
		return 0;
	rc = run(p, s, BR_SSL_RECVAPP);
	if (rc == -2 || (rc == -1 && !s->io_failed &&
			 br_ssl_engine_last_error(e) == BR_ERR_OK)) {
		s->eof = 1;
		return 0;
	}
	if (rc < 0)
		return say_error(p, s);
	r = br_ssl_engine_recvapp_buf(e, &have);
	if (have > n)
		have = n;
	memcpy(b, r, have);
	br_ssl_engine_recvapp_ack(e, have);
	return (long)have;
}
