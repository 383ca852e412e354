/*
 * tls_curl: the TLS transport of the libcurl build (make WITH_CURL=1).
 * libcurl only connects and does the TLS handshake (CURLOPT_CONNECT_ONLY)
 * and then carries bytes (curl_easy_send and curl_easy_recv): the
 * request, the head, the body, the redirects and every verdict are the
 * HTTP engine's (probe_http.c), the same code as over a plain socket, so
 * both builds judge an answer by one set of rules.  ALPN offers
 * http/1.1 only, as the engine speaks it.  Proxies are switched off
 * explicitly (CURLOPT_NOPROXY "*"), certificates are verified unless
 * --insecure, the deadline bounds the handshake (CURLOPT_TIMEOUT_MS) and
 * every wait after it (poll on the socket).
 *
 * With CURL_DLOPEN (the default of make WITH_CURL=1) libcurl is loaded at
 * the first https:// target, not at start: http, tcp, unix, grpc and file
 * probes do not pay for loading libcurl and OpenSSL, and still work where
 * libcurl is missing.  Without it (static builds) libcurl is linked in.
 */
#define _GNU_SOURCE
#include <curl/curl.h>
#include <poll.h>
#include <string.h>
#ifdef CURL_DLOPEN
#include <dlfcn.h>
#endif

#include "../../lib/io.h"
#include "stream.h"

const char *const tls_missing = NULL;
const char tls_build[] = " (libcurl)";
const char *const tls_license = NULL;

#define CURL_SONAME "libcurl.so.4"

/* The libcurl calls we make, each through this table. */
static struct {
	CURLcode (*global_init)(long);
	CURL *(*init)(void);
	void (*reset)(CURL *);
	CURLcode (*setopt)(CURL *, CURLoption, ...);
	CURLcode (*perform)(CURL *);
	CURLcode (*getinfo)(CURL *, CURLINFO, ...);
	void (*cleanup)(CURL *);
	const char *(*strerror)(CURLcode);
	struct curl_slist *(*append)(struct curl_slist *, const char *);
	void (*free_all)(struct curl_slist *);
	CURLcode (*send)(CURL *, const void *, size_t, size_t *);
	CURLcode (*recv)(CURL *, void *, size_t, size_t *);
} cu;

/* Fill cu; 0 when libcurl is there, -1 (with the message) when not. */
static int
curl_load(struct probe *p)
{
#ifdef CURL_DLOPEN
	void *lib;

	if (cu.init)
		return 0;
	lib = dlopen(CURL_SONAME, RTLD_NOW | RTLD_LOCAL);
	/* POSIX's way to store a dlsym() result in a function pointer. */
#define LOAD(f, name) (*(void **)&cu.f = dlsym(lib, name))
	if (!lib || !LOAD(global_init, "curl_global_init") ||
	    !LOAD(reset, "curl_easy_reset") ||
	    !LOAD(setopt, "curl_easy_setopt") ||
	    !LOAD(perform, "curl_easy_perform") ||
	    !LOAD(getinfo, "curl_easy_getinfo") ||
	    !LOAD(cleanup, "curl_easy_cleanup") ||
	    !LOAD(strerror, "curl_easy_strerror") ||
	    !LOAD(append, "curl_slist_append") ||
	    !LOAD(free_all, "curl_slist_free_all") ||
	    !LOAD(send, "curl_easy_send") || !LOAD(recv, "curl_easy_recv") ||
	    !LOAD(init, "curl_easy_init")) {
#undef LOAD
		cu.init = NULL;
		buf_str(p->msg, "libcurl: cannot load " CURL_SONAME
				" (https needs it: install libcurl4)");
		return -1;
	}
#else
	cu.global_init = curl_global_init;
	cu.init = curl_easy_init;
	cu.reset = curl_easy_reset;
	cu.setopt = curl_easy_setopt;
	cu.perform = curl_easy_perform;
	cu.getinfo = curl_easy_getinfo;
	cu.cleanup = curl_easy_cleanup;
	cu.strerror = curl_easy_strerror;
	cu.append = curl_slist_append;
	cu.free_all = curl_slist_free_all;
	cu.send = curl_easy_send;
	cu.recv = curl_easy_recv;
	(void)p;
#endif
	return 0;
}

/*
 * One TLS stream (the engine holds one at a time): the handle, the
 * --servername mapping, the error text and the phase of the handshake.
 */
struct tls {
	struct probe *p;
	CURL *h;
	struct curl_slist *ct;
	char errbuf[CURL_ERROR_SIZE];
};

/* libcurl's trace tells the phase: connected, then the TLS handshake. */
static int
on_debug(CURL *h, curl_infotype type, char *data, size_t n, void *arg)
{
	struct tls *s = arg;

	(void)h;
	if (type == CURLINFO_TEXT && n > 12 &&
	    !memcmp(data, "Connected to", 12))
		s->p->phase = "tls";
	return 0;
}

static void
url_of(const struct target *t, const char *host, char *out, size_t cap)
{
	int v6 = strchr(host, ':') != NULL; /* t's, or an IPv6 --servername */
	struct buf b;

	buf_init(&b, out, cap);
	buf_str(&b, "https://");
	buf_str(&b, v6 ? "[" : "");
	buf_str(&b, host);
	buf_str(&b, v6 ? "]" : "");
	buf_str(&b, ":");
	buf_u64(&b, t->port);
	buf_str(&b, "/");
}

static int
fail_curl(struct probe *p, CURLcode rc, const char *errbuf)
{
	const char *phase = p->phase;

	if (rc == CURLE_OPERATION_TIMEDOUT)
		return probe_fail(p, "timeout during ", phase, NULL);
	if (rc == CURLE_PEER_FAILED_VERIFICATION ||
	    rc == CURLE_SSL_CONNECT_ERROR || rc == CURLE_SSL_CERTPROBLEM ||
	    rc == CURLE_SSL_CACERT_BADFILE)
		phase = "tls";
	return probe_fail(p,
			  rc == CURLE_COULDNT_RESOLVE_HOST ? "resolve" : phase,
			  ": ", *errbuf ? errbuf : cu.strerror(rc), NULL);
}

/*
 * Connect to t and finish the handshake: no proxy, no connection kept,
 * HTTP/1.1 by ALPN, the TLS options, SNI and verification as
 * --servername when given (the connection still goes to t).
 */
static int
tls_open(struct probe *p, const struct target *t, struct conn *c)
{
	/* Static: one stream at a time, and the handle outlives a call. */
	static struct tls s;
	const struct hc_config *cfg = p->cfg;
	char url[sizeof(t->host) + 32], connect_to[600];
	uint64_t now = io_now_us();
	curl_socket_t fd = CURL_SOCKET_BAD;
	long left;
	struct buf b;
	CURLcode rc;

	c->fd = -1;
	c->tls = NULL;
	c->note = NULL;
	p->phase = "connect";
	if (curl_load(p) < 0)
		return -1;
	if (cu.global_init(CURL_GLOBAL_DEFAULT) || !(s.h = cu.init()))
		return probe_fail(p, "libcurl: cannot start", NULL);
	c->tls = &s;
	s.p = p;
	s.ct = NULL;
	s.errbuf[0] = '\0';
	left = now < p->deadline_us ? (long)((p->deadline_us - now) / 1000) : 0;
	if (left <= 0)
		return probe_fail(p, "timeout during connect", NULL);
	if (cfg->servername) {
		url_of(t, cfg->servername, url, sizeof(url));
		buf_init(&b, connect_to, sizeof(connect_to));
		buf_str(&b, strchr(cfg->servername, ':') ? "[" : "");
		buf_str(&b, cfg->servername);
		buf_str(&b, strchr(cfg->servername, ':') ? "]:" : ":");
		buf_u64(&b, t->port);
		buf_str(&b, t->host_v6 ? ":[" : ":");
		buf_str(&b, t->host);
		buf_str(&b, t->host_v6 ? "]:" : ":");
		buf_u64(&b, t->port);
		s.ct = cu.append(NULL, connect_to);
		cu.setopt(s.h, CURLOPT_CONNECT_TO, s.ct);
	} else {
		url_of(t, t->host, url, sizeof(url));
	}
	cu.setopt(s.h, CURLOPT_URL, url);
	cu.setopt(s.h, CURLOPT_CONNECT_ONLY, 1L);
	cu.setopt(s.h, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
	cu.setopt(s.h, CURLOPT_NOPROXY, "*");
	cu.setopt(s.h, CURLOPT_PROXY, "");
	cu.setopt(s.h, CURLOPT_NOSIGNAL, 1L);
	cu.setopt(s.h, CURLOPT_FRESH_CONNECT, 1L);
	cu.setopt(s.h, CURLOPT_TIMEOUT_MS, left);
	cu.setopt(s.h, CURLOPT_ERRORBUFFER, s.errbuf);
	cu.setopt(s.h, CURLOPT_DEBUGFUNCTION, on_debug);
	cu.setopt(s.h, CURLOPT_DEBUGDATA, &s);
	cu.setopt(s.h, CURLOPT_VERBOSE, 1L);
	if (cfg->unix_socket)
		cu.setopt(s.h, CURLOPT_UNIX_SOCKET_PATH, cfg->unix_socket);
	cu.setopt(s.h, CURLOPT_SSL_VERIFYPEER, cfg->insecure ? 0L : 1L);
	cu.setopt(s.h, CURLOPT_SSL_VERIFYHOST, cfg->insecure ? 0L : 2L);
	if (cfg->cacert)
		cu.setopt(s.h, CURLOPT_CAINFO, cfg->cacert);
	if (cfg->cert)
		cu.setopt(s.h, CURLOPT_SSLCERT, cfg->cert);
	if (cfg->key)
		cu.setopt(s.h, CURLOPT_SSLKEY, cfg->key);
	rc = cu.perform(s.h);
	if (rc != CURLE_OK)
		return fail_curl(p, rc, s.errbuf);
	if (cu.getinfo(s.h, CURLINFO_ACTIVESOCKET, &fd) != CURLE_OK ||
	    fd == CURL_SOCKET_BAD)
		return probe_fail(p, "tls: libcurl gave no socket", NULL);
	c->fd = (int)fd;
	return 0;
}

static int
tls_send(struct probe *p, struct conn *c, const char *b, size_t n)
{
	struct tls *s = c->tls;
	const char *was = p->phase;
	size_t sent;
	CURLcode rc;

	p->phase = "send";
	while (n) {
		rc = cu.send(s->h, b, n, &sent);
		if (rc == CURLE_OK) {
			b += sent;
			n -= sent;
		} else if (rc != CURLE_AGAIN) {
			return probe_fail(p, "send: ", cu.strerror(rc), NULL);
		} else if (net_wait(p, c->fd, POLLOUT) < 0) {
			return -1;
		}
	}
	p->phase = was;
	return 0;
}

static long
tls_recv(struct probe *p, struct conn *c, char *b, size_t n)
{
	struct tls *s = c->tls;
	size_t got;
	CURLcode rc;

	for (;;) {
		rc = cu.recv(s->h, b, n, &got);
		if (rc == CURLE_OK)
			return (long)got;
		if (rc != CURLE_AGAIN)
			return probe_fail(p, "receive: ", cu.strerror(rc),
					  NULL);
		if (net_wait(p, c->fd, POLLIN) < 0)
			return -1;
	}
}

static void
tls_close(struct conn *c)
{
	struct tls *s = c->tls;

	if (s) {
		cu.cleanup(s->h); /* closes the socket too */
		cu.free_all(s->ct);
		s->h = NULL;
		s->ct = NULL;
	}
	c->tls = NULL;
	c->fd = -1;
}

static const struct transport curl_tls = { tls_open, tls_send, tls_recv,
					   tls_close };
const struct transport *const tls_transport = &curl_tls;
