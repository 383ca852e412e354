/*
 * tls: what the static build's TLS transports share (tls.c).  tls.c is
 * the transport the probes get: it speaks TLS 1.3 (tls13.c, our client
 * over BearSSL's primitives) and goes to TLS 1.2 (tls12.c, BearSSL's
 * engine) only when the server answered our ClientHello with a 1.2
 * ServerHello that carries no downgrade sentinel: a second connection,
 * never after a certificate was seen.  Both check the chain with the
 * same validator (proto/chain.c) and say what failed the same way.
 */
#ifndef HC_TLS_H
#define HC_TLS_H

#include "../proto/chain.h"
#include "store.h"
#include "stream.h"

#define TLS_FALLBACK 1 /* tls13_open: the server speaks TLS 1.2 only */

/*
 * The trust store and the name, read once a run: *st loaded (--cacert,
 * SSL_CERT_FILE or the system bundle; --cert, --key), name the server
 * name without a trailing dot (--servername or t's host).  0, or -1
 * with p->msg set.
 */
int tls_prepare(struct probe *p, const struct target *t, struct store **st,
		const char **name);

/* Whether name is an IP literal (no SNI is sent for one). */
int tls_is_ip(const char *name);

/*
 * The server's certificates through the path validator for name, now,
 * for serverAuth with a leaf whose key signs (keyUsage
 * digitalSignature).  CHAIN_OK with the leaf in res->leaf, or the
 * cause in res.
 */
enum chain_err tls_verify(struct chain *ch, const struct chain_der *sent,
			  size_t n, const struct store *st, const char *name,
			  struct chain_result *res);

/* The line for a refused chain: "tls: " and the cause, with a hint. */
int tls_say_chain(struct probe *p, const struct chain_result *res);

/* The words both versions say: a client certificate wanted; no suite
 * or group in common, with what this build offers. */
extern const char tls_wants_cert[], tls_no_common[];

/* A TLS alert's name (RFC 8446 6). */
const char *tls_alert_name(unsigned alert);

/*
 * The 1.3 client (tls13.c): 0, -1 with p->msg set, or TLS_FALLBACK
 * when the server refused our hello at once (c->note names the alert,
 * NULL when it closed) or answered with a TLS 1.2 ServerHello.
 */
int tls13_open(struct probe *p, const struct target *t, struct conn *c,
	       struct store *st, const char *name);
int tls13_send(struct probe *p, struct conn *c, const char *b, size_t n);
long tls13_recv(struct probe *p, struct conn *c, char *b, size_t n);

/* The 1.2 client (tls12.c): 0, or -1 with p->msg set. */
int tls12_open(struct probe *p, const struct target *t, struct conn *c,
	       struct store *st, const char *name);
int tls12_send(struct probe *p, struct conn *c, const char *b, size_t n);
long tls12_recv(struct probe *p, struct conn *c, char *b, size_t n);

#endif
