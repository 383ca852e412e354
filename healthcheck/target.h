/*
 * target: the TARGET arguments of healthcheck, parsed without I/O.
 *
 *   http://HOST[:PORT][/PATH][?QUERY]   https://...   (HOST: name, IPv4,
 *   tcp://HOST:PORT                                    or [IPv6])
 *   grpc://HOST[:PORT][/SERVICE]                       (PORT needed but
 *                                                      over a unix socket)
 *   unix:///PATH
 *   file:///PATH[?max-age=DURATION]
 *
 * Control bytes, spaces and NUL are refused everywhere, so nothing a
 * target says can split a request line or header.
 */
#ifndef HC_TARGET_H
#define HC_TARGET_H

#include <stdint.h>

#define TARGET_ESCHEME (-1) /* no "scheme://" or an unknown scheme */
#define TARGET_EHOST   (-2) /* bad host: bytes, brackets, userinfo */
#define TARGET_EPORT   (-3) /* port missing where needed, or not 1..65535 */
#define TARGET_EBYTE   (-4) /* control byte, space or DEL */
#define TARGET_ELONG   (-5) /* longer than the fields below */
#define TARGET_EPATH   (-6) /* path missing, relative, or not allowed */
#define TARGET_EQUERY  (-7) /* file: query other than max-age=DURATION */

enum target_kind {
	TARGET_HTTP,
	TARGET_HTTPS,
	TARGET_TCP,
	TARGET_UNIX,
	TARGET_FILE,
	TARGET_GRPC
};

struct target {
	enum target_kind kind;
	char host[256]; /* no brackets; "localhost" when empty */
	int host_v6;	/* the host was an [IPv6] literal */
	uint16_t port;	/* explicit, or 80/443 for http/https */
	int port_given;
	char path[2048];     /* request target ("/x?y"), the file path, or
				the gRPC service (no leading '/') */
	uint64_t max_age_ms; /* file: 0 = any age */
};

/* Parse url into *t.  Returns 0 or a TARGET_E* code. */
int target_parse(const char *url, struct target *t);

/* A short English reason for a TARGET_E* code. */
const char *target_strerror(int rc);

#endif
