/*
 * stream: what the transports (this folder) offer the probes and need
 * from them.  A transport is a byte stream to a target under a probe's
 * deadline: a plain socket (net.c) or TLS (tls.c: 1.3 and 1.2 over
 * BearSSL; curl.c; off.c).  The probes (../probe_*.c) include this
 * through ../probe.h; nothing here includes anything above it: the
 * probe's state and its config come down as parameters, and what a
 * transport says goes into the probe's message (probe_fail, probe.c).
 */
#ifndef HC_STREAM_H
#define HC_STREAM_H

#include <stddef.h>
#include <stdint.h>

#include "../../lib/msg.h"
#include "../proto/http.h"
#include "../proto/target.h"

#define HC_TARGETS 16

/* Everything main.c read from argv and the environment, targets too. */
struct hc_config {
	uint64_t timeout_ms;
	uint64_t wait_ms; /* 0: one attempt */
	uint64_t interval_ms;
	struct http_opts http; /* -X, -H, --host, --expect-*: the HTTP rules */
	int no_follow;
	const char *unix_socket;
	int verbose;
	int quiet;
	int insecure; /* TLS: -k */
	const char *cacert, *cert, *key, *servername;
	const char *urls[HC_TARGETS]; /* as given, for the output line */
	struct target targets[HC_TARGETS];
	int ntargets;
};

/*
 * One probe of one target: what it was handed and where it is.  phase
 * names the step in progress ("resolve", "connect", "send", "receive",
 * "body"...) for a timeout message; the SIGALRM watchdog of run.c reads
 * it (and url, start_us) when a call that has no deadline of its own,
 * name resolution, outlives the run.
 */
struct probe {
	const struct hc_config *cfg;
	const char *url;
	uint64_t start_us;
	uint64_t deadline_us;
	const char *volatile phase;
	struct buf *msg;
};

/*
 * Replace p->msg with the NULL-terminated strings; returns -1, so that a
 * probe can say "return probe_fail(p, "receive: ", why, NULL);".
 */
int probe_fail(struct probe *p, const char *s, ...) __attribute__((sentinel));

/* Append the NULL-terminated strings to p->msg. */
void probe_say(struct probe *p, const char *s, ...) __attribute__((sentinel));

/* A line of detail on stderr with -v ("healthcheck: " and the strings). */
void probe_detail(const struct probe *p, const char *s, ...)
    __attribute__((sentinel));

/*
 * Sockets under p's deadline (net.c).  Connect a stream socket: to every
 * address host resolves to, in order, each with an equal share of the
 * time left; or to a unix socket path.  Returns the descriptor, or -1
 * with p->msg set.
 */
int net_connect(struct probe *p, const char *host, uint16_t port);
int net_connect_unix(struct probe *p, const char *path);

/* Send all of b; 0, or -1 with p->msg set.  p->phase is "send" meanwhile. */
int net_send(struct probe *p, int fd, const char *b, size_t n);

/*
 * Receive up to n bytes; 0 at EOF, -1 with p->msg set ("timeout during"
 * p->phase at the deadline).
 */
long net_recv(struct probe *p, int fd, char *b, size_t n);

/*
 * Wait until fd has one of events (POLLIN, POLLOUT), up to the deadline:
 * 0, or -1 with p->msg set ("timeout during" p->phase).  For a transport
 * whose library does the reads and writes.
 */
int net_wait(struct probe *p, int fd, short events);

/* "127.0.0.1:80" or "[::1]:80" for a socket address. */
void net_addr_text(const void *sockaddr, char *out, size_t cap);

/*
 * A byte stream to a target under p's deadline, over which the HTTP
 * engine (probe_http.c) is written once: a plain socket (net.c,
 * net_plain) or a TLS stream (tls_transport).  open connects to t (or
 * to --unix-socket) and does what the stream needs before bytes flow (a
 * TLS handshake); send sends all; recv returns up to n bytes, 0 at the
 * end of the stream.  Each returns -1 with p->msg set and keeps p->phase
 * current for the watchdog.  close is always safe after open, failed or
 * not.
 */
struct conn {
	int fd;		  /* -1 when closed */
	void *tls;	  /* the TLS transport's own state */
	int v13;	  /* TLS: 1.3 (else 1.2) */
	const char *note; /* what an unhealthy line should add, or NULL */
};

struct transport {
	int (*open)(struct probe *p, const struct target *t, struct conn *c);
	int (*send)(struct probe *p, struct conn *c, const char *b, size_t n);
	long (*recv)(struct probe *p, struct conn *c, char *b, size_t n);
	void (*close)(struct conn *c);
};

extern const struct transport net_plain;

/*
 * TLS, chosen by the Makefile at link time (no #ifdef): tls_curl.c in
 * the libcurl build, tls_off.c where there is none.  tls_transport is
 * NULL where the build has no TLS, and tls_missing then says why an
 * https:// target is refused; tls_build is added to the -V line
 * (" (libcurl)").
 */
extern const struct transport *const tls_transport;
extern const char *const tls_missing;
extern const char tls_build[];
/* The copyright of a TLS library linked in, for --license; NULL: none. */
extern const char *const tls_license;

/* The socket errors' texts, for msg_errs_more (net.c). */
extern const struct msg_errs net_errs;

#endif
