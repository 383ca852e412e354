/*
 * HTTPS through libcurl (make WITH_CURL=1): the same rules as the HTTP
 * probe, with TLS.  libcurl does the request; redirects, the deadline,
 * the body limit and the messages stay ours.  Proxies are switched off
 * explicitly (CURLOPT_NOPROXY "*"), certificates are verified unless
 * --insecure, and a redirect from https to http is never followed: a probe
 * does not downgrade to cleartext.
 */
#define _GNU_SOURCE
#include <curl/curl.h>
#include <string.h>
#include <strings.h>

#include "../lib/io.h"
#include "probe.h"

struct sink {
	char buf[HC_BODY_MAX];
	size_t len;
	int want_body;
	int stopped;		/* we ended the transfer on purpose */
	const char *phase;	/* connect, tls, receive */
	char location[HTTP1_LOCATION_MAX];
};

/* libcurl's trace tells the phase: connected, TLS done, request sent. */
static int
on_debug(CURL *h, curl_infotype type, char *data, size_t n, void *arg)
{
	struct sink *s = arg;

	(void)h;
	if (type == CURLINFO_TEXT && n > 12 && !memcmp(data, "Connected to", 12))
		s->phase = "tls";
	else if (type == CURLINFO_HEADER_OUT)
		s->phase = "receive";
	probe_phase = s->phase;	/* for the SIGALRM watchdog's line */
	return 0;
}

/* Keep the Location of the last response; headers arrive a line a call. */
static size_t
on_header(char *p, size_t size, size_t n, void *arg)
{
	struct sink *s = arg;
	size_t len = size * n, v;

	if (len > 5 && !memcmp(p, "HTTP/", 5))
		s->location[0] = '\0';
	if (len > 9 && !strncasecmp(p, "location:", 9)) {
		for (v = 9; v < len && (p[v] == ' ' || p[v] == '\t'); v++)
			;
		while (len > v && (p[len - 1] == '\r' || p[len - 1] == '\n' ||
				   p[len - 1] == ' '))
			len--;
		if (len - v < sizeof(s->location)) {
			memcpy(s->location, p + v, len - v);
			s->location[len - v] = '\0';
		}
	}
	return size * n;
}

static size_t
on_body(char *p, size_t size, size_t n, void *arg)
{
	struct sink *s = arg;
	size_t len = size * n, room = sizeof(s->buf) - s->len;

	if (!s->want_body || !room) {
		s->stopped = 1;
		return 0;	/* enough: end the transfer */
	}
	if (len > room)
		len = room;
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

static int
fail_curl(struct probe *p, const char *phase, CURLcode rc, const char *errbuf)
{
	p->msg->len = 0;
	if (rc == CURLE_OPERATION_TIMEDOUT) {
		buf_str(p->msg, "timeout during ");
		buf_str(p->msg, phase);
		return -1;
	}
	if (rc == CURLE_PEER_FAILED_VERIFICATION ||
	    rc == CURLE_SSL_CONNECT_ERROR || rc == CURLE_SSL_CERTPROBLEM ||
	    rc == CURLE_SSL_CACERT_BADFILE)
		phase = "tls";
	buf_str(p->msg, rc == CURLE_COULDNT_RESOLVE_HOST ? "resolve" : phase);
	buf_str(p->msg, ": ");
	buf_str(p->msg, *errbuf ? errbuf : curl_easy_strerror(rc));
	return -1;
}

int
probe_https(struct probe *p, const struct target *t0)
{
	const struct hc_config *c = p->cfg;
	static struct target t, nt;
	static struct sink sink;
	char url[sizeof(t.path) + 300], connect_to[600], errbuf[CURL_ERROR_SIZE];
	char hostbuf[300], tmp[sizeof(t.path)];
	struct curl_slist *hdr = NULL, *ct = NULL;
	uint64_t now;
	long status = 0, left;
	CURLcode rc;
	size_t k;
	int hops, ok = 1;
	CURL *h;

	if (curl_global_init(CURL_GLOBAL_DEFAULT) || !(h = curl_easy_init())) {
		buf_str(p->msg, "libcurl: cannot start");
		return -1;
	}
	for (k = 0; k < c->nheaders; k++)
		hdr = curl_slist_append(hdr, c->headers[k]);
	if (c->host) {
		memcpy(hostbuf, "Host: ", 6);
		strncpy(hostbuf + 6, c->host, sizeof(hostbuf) - 7);
		hostbuf[sizeof(hostbuf) - 1] = '\0';
		hdr = curl_slist_append(hdr, hostbuf);
	}
	t = *t0;
	probe_phase = "connect";
	for (hops = 0;; hops++) {
		now = io_now_us();
		left = now < p->deadline_us
			       ? (long)((p->deadline_us - now) / 1000) : 0;
		if (left <= 0) {
			p->msg->len = 0;
			buf_str(p->msg, "timeout during connect");
			goto out_fail;
		}
		curl_easy_reset(h);
		sink.len = 0;
		sink.want_body = c->expect_body != NULL;
		sink.stopped = 0;
		sink.phase = "connect";
		sink.location[0] = '\0';
		errbuf[0] = '\0';
		if (c->servername) {
			/* Verify and send SNI as NAME, connect to the target. */
			url_of(&t, c->servername, url, sizeof(url));
			snprintf(connect_to, sizeof(connect_to), "%s:%u:%s%s%s:%u",
				 c->servername, t.port, t.host_v6 ? "[" : "",
				 t.host, t.host_v6 ? "]" : "", t.port);
			curl_slist_free_all(ct);
			ct = curl_slist_append(NULL, connect_to);
			curl_easy_setopt(h, CURLOPT_CONNECT_TO, ct);
		} else {
			url_of(&t, t.host, url, sizeof(url));
		}
		curl_easy_setopt(h, CURLOPT_URL, url);
		curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
		curl_easy_setopt(h, CURLOPT_PROXY, "");
		curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
		curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, left);
		curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
		curl_easy_setopt(h, CURLOPT_USERAGENT, "healthcheck/" VERSION);
		curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
		curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
		curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
		curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
		curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
		curl_easy_setopt(h, CURLOPT_HEADERDATA, &sink);
		curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, on_debug);
		curl_easy_setopt(h, CURLOPT_DEBUGDATA, &sink);
		curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);
		if (!strcmp(c->method, "HEAD"))
			curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
		else if (strcmp(c->method, "GET"))
			curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, c->method);
		curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, c->insecure ? 0L : 1L);
		curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, c->insecure ? 0L : 2L);
		if (c->cacert)
			curl_easy_setopt(h, CURLOPT_CAINFO, c->cacert);
		if (c->cert)
			curl_easy_setopt(h, CURLOPT_SSLCERT, c->cert);
		if (c->key)
			curl_easy_setopt(h, CURLOPT_SSLKEY, c->key);
		rc = curl_easy_perform(h);
		if (rc != CURLE_OK && !(rc == CURLE_WRITE_ERROR && sink.stopped)) {
			fail_curl(p, sink.phase, rc, errbuf);
			goto out_fail;
		}
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
		if (c->verbose) {
			long v = 0;
			char num[16];
			struct buf nb;

			curl_easy_getinfo(h, CURLINFO_HTTP_VERSION, &v);
			buf_init(&nb, num, sizeof(num));
			buf_u64(&nb, (uint64_t)status);
			probe_detail(p, "response: ",
				     v == CURL_HTTP_VERSION_2_0 ? "HTTP/2" : "HTTP/1.1",
				     " ", num, NULL);
		}
		if (status >= 300 && status < 400 && sink.location[0] &&
		    !c->no_follow) {
			ok = http_redirect_path(&t, sink.location, tmp,
						sizeof(tmp));
			if (ok == 1) {
				if (hops == HC_REDIRECTS) {
					p->msg->len = 0;
					buf_str(p->msg, "status ");
					buf_u64(p->msg, (uint64_t)status);
					buf_str(p->msg, ": more than 10 redirects");
					goto out_fail;
				}
				probe_detail(p, "redirect to ", tmp, NULL);
				memcpy(t.path, tmp, sizeof(t.path));
				continue;
			}
			if (ok == 0 && target_parse(sink.location, &nt) == 0 &&
			    nt.kind == TARGET_HTTP && !strcasecmp(nt.host, t.host))
				ok = -2;
		}
		break;
	}
	if (http_judge_status(p, (int)status, ok) < 0 ||
	    (c->expect_body && http_judge_body(p, sink.buf, sink.len) < 0))
		goto out_fail;
	curl_slist_free_all(hdr);
	curl_slist_free_all(ct);
	curl_easy_cleanup(h);
	return 0;
out_fail:
	curl_slist_free_all(hdr);
	curl_slist_free_all(ct);
	curl_easy_cleanup(h);
	return -1;
}
