/*
 * mysql: the MySQL/MariaDB client/server protocol as far as a readiness
 * check goes: packets and the server's greeting (a protocol-10 handshake
 * or an ERR packet).  Nothing is sent: the greeting alone says whether
 * the server accepts connections, as mysqladmin ping's first step does.
 * Pure.
 */
#ifndef HC_MYSQL_H
#define HC_MYSQL_H

#include <stddef.h>
#include <stdint.h>

#define MYSQL_EBAD  (-1) /* not a MySQL packet or greeting */
#define MYSQL_EMORE (-2) /* a valid prefix: need more bytes */
#define MYSQL_ELONG (-3) /* a packet longer than MYSQL_PACKET_MAX */

#define MYSQL_PACKET_MAX 4096

struct mysql_packet {
	uint8_t seq;
	const uint8_t *p; /* the payload, inside the input */
	size_t len;
};

struct mysql_greeting {
	int error;	     /* an ERR packet, not a handshake */
	const char *version; /* NUL-terminated, inside the input */
	uint16_t code;	     /* ERR: error code */
	char state[6];	     /* ERR: SQLSTATE, or "" */
	const char *text;    /* ERR: message, inside the input */
	size_t text_len;
};

/*
 * One packet (3-byte length, sequence id, payload) at b[0..n).  Returns
 * the bytes it took, MYSQL_EMORE or MYSQL_ELONG.
 */
int mysql_packet(const uint8_t *b, size_t n, struct mysql_packet *pk);

/*
 * The first packet a server sends: a HandshakeV10 (protocol byte 10 and
 * a NUL-terminated version, MariaDB's "5.5.5-" prefix taken off; the
 * rest is not read) or an ERR packet (code, "#" SQLSTATE if present,
 * text).  Returns 0 or MYSQL_EBAD.
 */
int mysql_greeting(const struct mysql_packet *pk, struct mysql_greeting *g);

#endif
