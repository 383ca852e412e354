/*
 * probe: what the probes share.  A probe does I/O under one deadline and
 * writes what happened into p->msg, the text after "URL: " on the output
 * line: "status 200", "connect: Connection refused (127.0.0.1:8080)",
 * "timeout during receive".  Each returns 0 (healthy) or -1.
 */
#ifndef HC_PROBE_H
#define HC_PROBE_H

#include <stddef.h>
#include <stdint.h>

#include "../lib/msg.h"
#include "http1.h"
#include "target.h"

#define HC_HEADERS   32
#define HC_BODY_MAX  10240 /* body bytes read for --expect-body */
#define HC_HEAD_MAX  16384 /* a response head larger than this fails */
#define HC_REDIRECTS 10

struct hc_config {
	uint64_t timeout_ms;
	uint64_t wait_ms; /* 0: one attempt */
	uint64_t interval_ms;
	const char *headers[HC_HEADERS]; /* "Name: value" */
	size_t nheaders;
	const char *method;
	const char *host; /* Host header, or NULL */
	struct http1_ranges expect;
	const char *expect_text; /* as given, for messages */
	const char *expect_body;
	int no_follow;
	const char *unix_socket;
	int verbose;
	int quiet;
	int insecure; /* TLS, libcurl build: -k */
	const char *cacert, *cert, *key, *servername;
};

struct probe {
	const struct hc_config *cfg;
	uint64_t start_us;
	uint64_t deadline_us;
	struct buf *msg;
};

/*
 * The phase in progress, for the timeout message that the SIGALRM
 * watchdog prints when a blocking call (name resolution) outlives the
 * deadline.
 */
extern const char *volatile probe_phase;

/* A line of detail on stderr with -v. */
void probe_detail(const struct probe *p, const char *s, ...)
    __attribute__((sentinel));

/*
 * Connect a stream socket: to every address host resolves to, in order,
 * each with an equal share of the time left; or to a unix socket path.
 * Returns the descriptor, or -1 with p->msg set.
 */
int net_connect(struct probe *p, const char *host, uint16_t port);
int net_connect_unix(struct probe *p, const char *path);

/* Send all of b; 0, or -1 with p->msg set. */
int net_send(struct probe *p, int fd, const char *b, size_t n);

/* Receive up to n bytes; 0 at EOF, -1 with p->msg set. */
long net_recv(struct probe *p, int fd, char *b, size_t n);

/*
 * Where a redirect from cur to loc goes: the same scheme, host and port
 * (returns 1 and fills path), somewhere else (0), or nowhere valid (-1).
 */
int http_redirect_path(const struct target *cur, const char *loc, char *path,
		       size_t cap);

/*
 * The verdict on an HTTP answer, written to p->msg: the status against
 * --expect-status with the redirect note (1 followed or none, 0 another
 * host, -1 bad Location, -2 https to http), then the body against
 * --expect-body.  Each returns 0 (healthy so far) or -1.
 */
int http_judge_status(struct probe *p, int status, int redirect);
int http_judge_body(struct probe *p, const char *body, size_t len);

int probe_tcp(struct probe *p, const struct target *t);
int probe_unix(struct probe *p, const struct target *t);
int probe_file(struct probe *p, const struct target *t);
int probe_http(struct probe *p, const struct target *t);
int probe_grpc(struct probe *p, const struct target *t);
int probe_https(struct probe *p, const struct target *t); /* WITH_CURL */

#endif
