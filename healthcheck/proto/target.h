/*
 * target: the TARGET arguments of healthcheck, parsed without I/O.
 *
 *   http://HOST[:PORT][/PATH][?QUERY]   https://...   (HOST: name, IPv4,
 *   tcp://HOST:PORT                                    or [IPv6])
 *   grpc://HOST[:PORT][/SERVICE]                       (PORT needed but
 *                                                      over a unix socket)
 *   grpcs://HOST[:PORT][/SERVICE]                      (over TLS; 443)
 *   unix:///PATH
 *   file:///PATH[?max-age=DURATION]
 *   postgres://[USER[:PASSWORD]@]HOST[:PORT][/DB][?...]  (also postgresql)
 *   redis://[[USER]:PASSWORD@]HOST[:PORT][/N]
 *   mysql://[USER[:PASSWORD]@]HOST[:PORT][/DB]            (also mariadb)
 *
 * USER and PASSWORD are percent-decoded; the last '@' before any '?' or
 * '#' ends them, so a password from ${VAR} may hold '@' and '/' (not '?'
 * or '#', which need %3F and %23).  Only redis:// ever sends a
 * password; the others parse it so that a DATABASE_URL can be given as
 * it is, and drop it.  postgres:// ignores a query (?sslmode=...).
 *
 * Control bytes, spaces and NUL are refused everywhere, so nothing a
 * target says can split a request line or header.
 */
#ifndef HC_TARGET_H
#define HC_TARGET_H

#include <stddef.h>
#include <stdint.h>

#define TARGET_ESCHEME (-1) /* no "scheme://" or an unknown scheme */
#define TARGET_EHOST   (-2) /* bad host: bytes, brackets, userinfo */
#define TARGET_EPORT   (-3) /* port missing where needed, or not 1..65535 */
#define TARGET_EBYTE   (-4) /* control byte, space or DEL */
#define TARGET_ELONG   (-5) /* longer than the fields below */
#define TARGET_EPATH   (-6) /* path missing, relative, or not allowed */
#define TARGET_EQUERY  (-7) /* file: query other than max-age=DURATION */
#define TARGET_EUSER   (-8) /* bad USER:PASSWORD@ (escape, NUL, no ':') */

enum target_kind {
	TARGET_HTTP,
	TARGET_HTTPS,
	TARGET_TCP,
	TARGET_UNIX,
	TARGET_FILE,
	TARGET_GRPC,
	TARGET_POSTGRES,
	TARGET_REDIS,
	TARGET_MYSQL,
	TARGET_GRPCS,
	TARGET_NKINDS /* how many kinds: a new one goes above */
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
	char user[128];	     /* decoded; "" when not given; for http(s),
				only from a redirect's userinfo */
	char password[256];  /* decoded; redis only, else always "" */
	int has_password;    /* redis: a PASSWORD was given (maybe "") */
};

/* Parse url into *t.  Returns 0 or a TARGET_E* code. */
int target_parse(const char *url, struct target *t);

/*
 * Replace the password in url (parsed into t) in place with "***",
 * whatever its length (a shorter mask would show it), for every line
 * that shows the target: a password from ${VAR} must not reach a health
 * log.  url has cap bytes of room, its NUL included: 3 more than its
 * length are always enough.  Returns 0, or TARGET_ELONG (url unchanged)
 * when they are not there.
 */
int target_redact(char *url, size_t cap, const struct target *t);

/*
 * Percent-decode s[0..n) into dst (cap bytes, NUL-terminated): userinfo
 * of a target or of a redirect's Location.  Returns 0, TARGET_ELONG, or
 * TARGET_EUSER for a bad escape or the escape of a control byte (NUL,
 * CR, LF, DEL...: the text goes in a name or a header, never a line).
 */
int target_unescape(char *dst, size_t cap, const char *s, size_t n);

/* A short English reason for a TARGET_E* code. */
const char *target_strerror(int rc);

#endif
