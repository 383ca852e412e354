/*
 * HTTPS through libcurl (make WITH_CURL=1): the same rules as the HTTP
 * probe, with TLS.  libcurl does the request; redirects, the deadline,
 * the body limit and the messages stay ours.  Proxies are switched off
 * explicitly (CURLOPT_NOPROXY "*"), certificates are verified unless
 * --insecure, and a redirect from https to http is never followed: a probe
 * does not downgrade to cleartext.
 *
 * With CURL_DLOPEN (the default of make WITH_CURL=1) libcurl is loaded at
 * the first https:// target, not at start: http, tcp, unix, grpc and file
 * probes do not pay for loading libcurl and OpenSSL, and still work where
 * libcurl is missing.  Without it (static builds) libcurl is linked in.
 */
#define _GNU_SOURCE
#include <curl/curl.h>
#include <string.h>
#include <strings.h>
#ifdef CURL_DLOPEN
#include <dlfcn.h>
#endif

#include "../lib/io.h"
#include "http.h"
#include "probe.h"

const char *const probe_https_missing = NULL;
const char probe_https_build[] = " (libcurl)";

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
	(void)p;
#endif
	return 0;
}

/*
 * What the callbacks saw of one response.  libcurl is more lenient than
 * the kubelet's Go client: the head is checked here against the rules of
 * our own parser (http1.c) and the body read the same way, so that both
 * builds give the kubelet's verdict (tests/kubelet runs both).
 */
struct sink {
	struct probe *p;
	char buf[HC_BODY_MAX];
	size_t len;
	int stopped;	   /* we ended the transfer on purpose: 10 KiB */
	const char *phase; /* connect, tls, receive, body */
	char location[HTTP1_LOCATION_MAX];
	int h1;		 /* the status line said HTTP/1.x */
	int h2;		 /* the connection speaks HTTP/2 (ALPN said h2) */
	int head_done;	 /* the blank line that ends the head came */
	long long cl;	 /* Content-Length, -1 when none */
	int cl_conflict; /* two different Content-Lengths */
	int te_other;	 /* a Transfer-Encoding that is not just chunked */
};

/* libcurl's trace tells the phase: connected, TLS done, request sent. */
static int
on_debug(CURL *h, curl_infotype type, char *data, size_t n, void *arg)
{
	struct sink *s = arg;

	(void)h;
	if (type == CURLINFO_TEXT && n > 12 &&
	    !memcmp(data, "Connected to", 12))
		s->phase = "tls";
	else if (type == CURLINFO_HEADER_OUT)
		s->phase = "receive";
	if (type == CURLINFO_TEXT && n >= 12 &&
	    !strncasecmp(data, "using HTTP/2", 12))
		s->h2 = 1;
	s->p->phase = s->phase; /* for the SIGALRM watchdog's line */
	return 0;
}

/* The value of header line p[0..len) after its name of n bytes, trimmed. */
static size_t
value_of(const char *p, size_t len, size_t n, size_t *v)
{
	for (*v = n; *v < len && (p[*v] == ' ' || p[*v] == '\t'); (*v)++)
		;
	while (len > *v && (p[len - 1] == '\r' || p[len - 1] == '\n' ||
			    p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	return len - *v;
}

/*
 * Headers arrive a line a call, a status line first (again for each
 * interim 1xx): keep the Location, and what the checks after the
 * transfer need.
 */
static size_t
on_header(char *p, size_t size, size_t n, void *arg)
{
	struct sink *s = arg;
	size_t len = size * n, v, vn, i;
	long long cl = 0;

	if (len > 5 && !memcmp(p, "HTTP/", 5)) {
		s->location[0] = '\0';
		s->h1 = len > 7 && !memcmp(p, "HTTP/1.", 7);
		s->head_done = 0;
		s->cl = -1;
		s->cl_conflict = 0;
		s->te_other = 0;
	} else if ((len == 2 && p[0] == '\r') || (len == 1 && p[0] == '\n')) {
		s->head_done = 1;
	} else if (len > 9 && !strncasecmp(p, "location:", 9)) {
		vn = value_of(p, len, 9, &v);
		if (vn < sizeof(s->location)) {
			memcpy(s->location, p + v, vn);
			s->location[vn] = '\0';
		}
	} else if (len > 15 && !strncasecmp(p, "content-length:", 15)) {
		vn = value_of(p, len, 15, &v);
		for (i = 0; i < vn && cl < (1LL << 56); i++)
			cl = cl * 10 + (p[v + i] - '0');
		if (s->cl >= 0 && s->cl != cl)
			s->cl_conflict = 1;
		s->cl = cl;
	} else if (len > 18 && !strncasecmp(p, "transfer-encoding:", 18)) {
		vn = value_of(p, len, 18, &v);
		if (vn != 7 || strncasecmp(p + v, "chunked", 7))
			s->te_other = 1;
	}
	return size * n;
}

static size_t
on_body(char *p, size_t size, size_t n, void *arg)
{
	struct sink *s = arg;
	size_t len = size * n, room = sizeof(s->buf) - s->len;

	s->phase = "body";
	if (len >= room) {
		/* 10 KiB: the rest is not read, as the kubelet reads it. */
		memcpy(s->buf + s->len, p, room);
		s->len += room;
		s->stopped = 1;
		return 0;
	}
	memcpy(s->buf + s->len, p, len);
	s->len += len;
	return size * n;
}

static void
url_of(const struct target *t, const char *host, char *out, size_t cap)
{
	struct buf b;

	buf_init(&b, out, cap);
	buf_str(&b, "https://");
	buf_str(&b, t->host_v6 && host == t->host ? "[" : "");
	buf_str(&b, host);
	buf_str(&b, t->host_v6 && host == t->host ? "]" : "");
	buf_str(&b, ":");
	buf_u64(&b, t->port);
	buf_str(&b, t->path);
}

/*
 * The -H headers for libcurl, with --host as a Host header; without the
 * custom Host at all when with_host is 0 (after an absolute redirect).
 * An empty value is sent empty ("X-A;" in libcurl's terms), but for
 * Accept and User-Agent, which it removes, as the kubelet does.
 */
static struct curl_slist *
headers(const struct hc_config *c, int with_host)
{
	struct curl_slist *l = NULL;
	char line[1100];
	const char *h;
	size_t k, n;

	for (k = 0; k < c->nheaders; k++) {
		h = c->headers[k];
		n = strcspn(h, ":");
		if (http_header_is(h, "Host:") && (!with_host || c->host))
			continue;
		if (http_header_empty(h) && !http_header_removes(h) &&
		    n < 1000) {
			/* libcurl sends "Name;" as an empty header, and takes
			 * "Name:" (the removing ones) as "remove it". */
			memcpy(line, h, n);
			memcpy(line + n, ";", 2);
			l = cu.append(l, line);
			continue;
		}
		l = cu.append(l, h);
	}
	if (!http_header_given(c, "Connection:")) /* no keep-alive */
		l = cu.append(l, "Connection: close");
	if (with_host && c->host && strlen(c->host) < 1000) {
		memcpy(line, "Host: ", 6);
		memcpy(line + 6, c->host, strlen(c->host) + 1);
		l = cu.append(l, line);
	}
	return l;
}

static int
fail_curl(struct probe *p, const char *phase, CURLcode rc, const char *errbuf)
{
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
 * Everything a transfer is told but its URL's connect-to: our deadline,
 * no proxy, no redirect of libcurl's own, no connection kept, the
 * callbacks, the method, the TLS options.
 */
static void
configure(CURL *h, const struct hc_config *c, const char *url,
	  struct curl_slist *hdr, long left_ms, char *errbuf, struct sink *sink)
{
	cu.setopt(h, CURLOPT_URL, url);
	cu.setopt(h, CURLOPT_NOPROXY, "*");
	cu.setopt(h, CURLOPT_PROXY, "");
	cu.setopt(h, CURLOPT_NOSIGNAL, 1L);
	/* The kubelet's transport keeps no connection alive. */
	cu.setopt(h, CURLOPT_FRESH_CONNECT, 1L);
	cu.setopt(h, CURLOPT_FORBID_REUSE, 1L);
	cu.setopt(h, CURLOPT_TIMEOUT_MS, left_ms);
	cu.setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	cu.setopt(h, CURLOPT_USERAGENT, "healthcheck/" VERSION);
	cu.setopt(h, CURLOPT_HTTPHEADER, hdr);
	cu.setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	cu.setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	cu.setopt(h, CURLOPT_WRITEDATA, sink);
	cu.setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	cu.setopt(h, CURLOPT_HEADERDATA, sink);
	cu.setopt(h, CURLOPT_DEBUGFUNCTION, on_debug);
	cu.setopt(h, CURLOPT_DEBUGDATA, sink);
	cu.setopt(h, CURLOPT_VERBOSE, 1L);
	if (!strcmp(c->method, "HEAD"))
		cu.setopt(h, CURLOPT_NOBODY, 1L);
	else if (strcmp(c->method, "GET"))
		cu.setopt(h, CURLOPT_CUSTOMREQUEST, c->method);
	cu.setopt(h, CURLOPT_SSL_VERIFYPEER, c->insecure ? 0L : 1L);
	cu.setopt(h, CURLOPT_SSL_VERIFYHOST, c->insecure ? 0L : 2L);
	if (c->cacert)
		cu.setopt(h, CURLOPT_CAINFO, c->cacert);
	if (c->cert)
		cu.setopt(h, CURLOPT_SSLCERT, c->cert);
	if (c->key)
		cu.setopt(h, CURLOPT_SSLKEY, c->key);
}

int
probe_https(struct probe *p, const struct target *t0)
{
	const struct hc_config *c = p->cfg;
	static struct target t;
	struct target next;
	static struct sink sink;
	char url[sizeof(t.path) + 300], connect_to[600],
	    errbuf[CURL_ERROR_SIZE];

	struct curl_slist *hdr = NULL, *ct = NULL;
	uint64_t now;
	long status = 0, left, version = 0;
	CURLcode rc;
	int hops, ok = HTTP_NONE, keep_host, custom_host = 1;
	CURL *h;

	if (curl_load(p) < 0)
		return -1;
	if (cu.global_init(CURL_GLOBAL_DEFAULT) || !(h = cu.init())) {
		buf_str(p->msg, "libcurl: cannot start");
		return -1;
	}
	hdr = headers(c, 1);
	t = *t0;
	sink.p = p;
	p->phase = "connect";
	for (hops = 0;; hops++) {
		now = io_now_us();
		left = now < p->deadline_us
			   ? (long)((p->deadline_us - now) / 1000)
			   : 0;
		if (left <= 0) {
			probe_fail(p, "timeout during connect", NULL);
			goto out_fail;
		}
		cu.reset(h);
		sink.len = 0;
		sink.stopped = 0;
		sink.h2 = 0;
		sink.phase = "connect";
		sink.location[0] = '\0';
		errbuf[0] = '\0';
		if (c->servername) {
			/* SNI and verification as NAME, connect to target. */
			url_of(&t, c->servername, url, sizeof(url));
			snprintf(connect_to, sizeof(connect_to),
				 "%s:%u:%s%s%s:%u", c->servername, t.port,
				 t.host_v6 ? "[" : "", t.host,
				 t.host_v6 ? "]" : "", t.port);
			cu.free_all(ct);
			ct = cu.append(NULL, connect_to);
			cu.setopt(h, CURLOPT_CONNECT_TO, ct);
		} else {
			url_of(&t, t.host, url, sizeof(url));
		}
		configure(h, c, url, hdr, left, errbuf, &sink);
		rc = cu.perform(h);
		if (rc != CURLE_OK &&
		    !(rc == CURLE_WRITE_ERROR && sink.stopped)) {
			fail_curl(p, sink.phase, rc, errbuf);
			goto out_fail;
		}
		cu.getinfo(h, CURLINFO_RESPONSE_CODE, &status);
		cu.getinfo(h, CURLINFO_HTTP_VERSION, &version);
		if (!sink.head_done || (!sink.h2 && !sink.h1) ||
		    (sink.h2 && version != CURL_HTTP_VERSION_2_0) ||
		    sink.cl_conflict) {
			probe_fail(p, "receive: ",
				   !sink.head_done
				       ? "connection closed before the end of "
					 "the response head"
				       : "not an HTTP/1.x response",
				   NULL);
			goto out_fail;
		}
		if (sink.te_other && !sink.h2) {
			probe_fail(p,
				   "body: Transfer-Encoding other than chunked",
				   NULL);
			goto out_fail;
		}
		if (c->verbose) {
			long v = 0;
			char num[16];
			struct buf nb;

			cu.getinfo(h, CURLINFO_HTTP_VERSION, &v);
			buf_init(&nb, num, sizeof(num));
			buf_u64(&nb, (uint64_t)status);
			probe_detail(p, "response: ",
				     v == CURL_HTTP_VERSION_2_0 ? "HTTP/2"
								: "HTTP/1.1",
				     " ", num, NULL);
		}
		ok = HTTP_NONE;
		if (sink.location[0] && !c->no_follow)
			ok = http_redirect(t0, &t, (int)status, sink.location,
					   &next, &keep_host);
		if (ok == HTTP_EBAD || ok == HTTP_ELONG) {
			probe_fail(p, "redirect: bad Location '", sink.location,
				   "'", NULL);
			goto out_fail;
		}
		if (ok == HTTP_NONE || ok == HTTP_ELSEWHERE)
			break;
		if (hops + 1 == HC_REDIRECTS) {
			probe_fail(p, "status ", NULL);
			buf_u64(p->msg, (uint64_t)status);
			buf_str(p->msg, ": stopped after 10 redirects");
			goto out_fail;
		}
		if (ok == HTTP_DOWNGRADE)
			break; /* deliberate: a probe does not downgrade */
		if (ok == HTTP_ESCHEME || ok == HTTP_EPORT) {
			probe_fail(p, "redirect: ",
				   ok == HTTP_ESCHEME
				       ? "a scheme other than https in '"
				       : "a port out of range in '",
				   sink.location, "'", NULL);
			goto out_fail;
		}
		probe_detail(p, "redirect to ", next.path, NULL);
		if (!keep_host && custom_host) {
			/* Go drops a custom Host on an absolute Location. */
			custom_host = 0;
			cu.free_all(hdr);
			hdr = headers(c, 0);
		}
		t = next;
	}
	if (http_judge_status(c, (int)status, ok, p->msg) < 0 ||
	    (c->expect_body &&
	     http_judge_body(c, sink.buf, sink.len, p->msg) < 0))
		goto out_fail;
	cu.free_all(hdr);
	cu.free_all(ct);
	cu.cleanup(h);
	return 0;
out_fail:
	cu.free_all(hdr);
	cu.free_all(ct);
	cu.cleanup(h);
	return -1;
}
