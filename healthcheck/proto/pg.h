/*
 * pg: the two PostgreSQL protocol 3.0 messages of a readiness check, the
 * client's StartupMessage and the server's first answer, with no I/O (the
 * rule of libpq's PQping, which pg_isready prints: an authentication
 * request or any error but SQLSTATE 57P03 means the server accepts
 * connections).  Pure.
 */
#ifndef HC_PG_H
#define HC_PG_H

#include <stddef.h>
#include <stdint.h>

#define PG_EBAD	 (-1) /* not a PostgreSQL answer */
#define PG_EMORE (-2) /* a valid prefix: need more bytes */
#define PG_ELONG (-3) /* does not fit, or a length field out of range */

#define PG_MSG_MAX 8192 /* the longest answer read (libpq: 30000) */

/* SQLSTATE cannot_connect_now: starting up, shutting down, recovering. */
#define PG_CANNOT_CONNECT_NOW "57P03"

struct pg_reply {
	char type;     /* 'R' authentication request, 'E' error */
	uint32_t auth; /* R: 0 trust, 3 password, 5 md5, 10 SASL, ... */
	/* E: the S, C and M fields, NUL-terminated inside the input; ""
	 * when absent. */
	const char *severity, *code, *message;
};

/*
 * A StartupMessage for protocol 3.0 (no SSLRequest, no password) with
 * user, database and application_name "healthcheck", into out.  Returns
 * its length or PG_ELONG.
 */
long pg_startup(const char *user, const char *database, uint8_t *out,
		size_t cap);

/*
 * The server's first message at b[0..n): an 'R' of 8..2000 bytes or an
 * 'E' of at most PG_MSG_MAX whose fields are NUL-terminated.  Returns the
 * bytes it took, PG_EMORE, PG_EBAD (another type, a malformed body) or
 * PG_ELONG (a length out of those bounds).
 */
int pg_parse(const uint8_t *b, size_t n, struct pg_reply *r);

/* "trust", "password", "md5", "SASL", ... for an 'R' code; "other". */
const char *pg_auth_name(uint32_t auth);

#endif
