/*
 * tls: the static build's TLS transport (see tls.h): TLS 1.3 first, TLS
 * 1.2 on a second connection for a server that answered 1.2, and what
 * the two share: the trust store and name, the chain check and its
 * words, the alerts' names.
 */
#include <string.h>
#include <time.h>

#include "../proto/x509.h"
#include "sig.h"
#include "tls.h"

const char *const tls_missing = NULL;
const char tls_build[] = " (TLS 1.3 and 1.2: BearSSL)";
const char *const tls_license =
    "  BearSSL: Copyright (c) 2016-2018 Thomas Pornin.\n";

const char tls_wants_cert[] =
    "the server wants a client certificate (--cert FILE --key FILE)";
const char tls_no_common[] =
    "no cipher suite or group in common (alert handshake_failure; this "
    "build offers TLS 1.3 with AES-GCM or ChaCha20-Poly1305 and TLS 1.2 "
    "ECDHE with AES-GCM, on X25519, P-256, P-384 or P-521)";

int
tls_prepare(struct probe *p, const struct target *t, struct store **st,
	    const char **name)
{
	/* The store lives for the run; the name for the stream. */
	static struct store store;
	/* Without a trailing dot: RFC 6066 forbids it in the SNI (Go's
	 * servers refuse it), and names are matched without it. */
	static char text[256];
	const char *want = p->cfg->servername ? p->cfg->servername : t->host;
	size_t len = strlen(want);

	if (len && want[len - 1] == '.')
		len--;
	if (len >= sizeof(text))
		return probe_fail(p, "tls: the server name is over 255 bytes",
				  NULL);
	memcpy(text, want, len);
	text[len] = '\0';
	*name = text;
	*st = &store;
	return store_load(p, &store);
}

int
tls_is_ip(const char *host)
{
	return strchr(host, ':') || strspn(host, "0123456789.") == strlen(host);
}

enum chain_err
tls_verify(struct chain *ch, const struct chain_der *sent, size_t n,
	   const struct store *st, const char *name, struct chain_result *res)
{
	struct chain_opts o;

	memset(&o, 0, sizeof(o));
	o.host = name;
	x509_time_text((uint64_t)time(NULL), o.now);
	o.eku = X509_EKU_SERVER;
	o.ku = X509_KU_DIGITAL_SIGNATURE; /* the server's key signs */
	o.max_depth = -1;
	o.crypto = &tls_sig;
	return chain_verify(ch, sent, n, st->ta, st->nta, &o, res);
}

int
tls_say_chain(struct probe *p, const struct chain_result *res)
{
	probe_fail(p, "tls: ", NULL);
	chain_text(res, p->msg);
	if (res->err == CHAIN_NAME_MISMATCH)
		buf_str(p->msg, " (--servername NAME checks another name)");
	if (res->err == CHAIN_UNKNOWN_ISSUER) {
		buf_str(p->msg, "; not in ");
		buf_str(p->msg, p->cfg->cacert ? "--cacert" : "the CA file");
		buf_str(p->msg, " (--cacert FILE, or -k)");
	}
	return -1;
}

/* TLS alerts (RFC 8446 6): the ones a probe meets. */
const char *
tls_alert_name(unsigned a)
{
	static const struct {
		unsigned char code;
		const char *name;
	} names[] = {
		{ 0, "close_notify" },
		{ 10, "unexpected_message" },
		{ 20, "bad_record_mac" },
		{ 22, "record_overflow" },
		{ 40, "handshake_failure" },
		{ 42, "bad_certificate" },
		{ 43, "unsupported_certificate" },
		{ 44, "certificate_revoked" },
		{ 45, "certificate_expired" },
		{ 46, "certificate_unknown" },
		{ 47, "illegal_parameter" },
		{ 48, "unknown_ca" },
		{ 49, "access_denied" },
		{ 50, "decode_error" },
		{ 51, "decrypt_error" },
		{ 70, "protocol_version" },
		{ 71, "insufficient_security" },
		{ 80, "internal_error" },
		{ 86, "inappropriate_fallback" },
		{ 90, "user_canceled" },
		{ 109, "missing_extension" },
		{ 110, "unsupported_extension" },
		{ 112, "unrecognized_name" },
		{ 116, "certificate_required" },
		{ 120, "no_application_protocol" },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (names[i].code == a)
			return names[i].name;
	return "an alert";
}

static int
tls_open(struct probe *p, const struct target *t, struct conn *c)
{
	struct store *st;
	const char *name;
	int r;

	c->fd = -1;
	c->tls = NULL;
	c->note = NULL;
	if (tls_prepare(p, t, &st, &name) < 0)
		return -1;
	r = tls13_open(p, t, c, st, name);
	c->v13 = r != TLS_FALLBACK;
	if (r != TLS_FALLBACK)
		return r;
	/* A 1.2 server: again, with the 1.2 engine (nothing of it was
	 * trusted yet: no certificate is seen before this point); its
	 * answer must not carry the 1.3 downgrade sentinel (tls12.c). */
	probe_detail(p, "tls: no TLS 1.3 (", c->note ? "alert " : "",
		     c->note ? c->note : "the server closed",
		     "): connecting again with TLS 1.2", NULL);
	net_plain.close(c);
	return tls12_open(p, t, c, st, name);
}

static int
tls_send(struct probe *p, struct conn *c, const char *b, size_t n)
{
	return c->v13 ? tls13_send(p, c, b, n) : tls12_send(p, c, b, n);
}

static long
tls_recv(struct probe *p, struct conn *c, char *b, size_t n)
{
	return c->v13 ? tls13_recv(p, c, b, n) : tls12_recv(p, c, b, n);
}

static void
tls_close(struct conn *c)
{
	net_plain.close(c); /* no close_notify: the kubelet's way too */
	c->tls = NULL;	    /* c->note stays for the verdict */
}

static const struct transport both = { tls_open, tls_send, tls_recv,
				       tls_close };
const struct transport *const tls_transport = &both;
