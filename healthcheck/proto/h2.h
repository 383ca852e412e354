/*
 * h2: HTTP/2 frame headers and payloads (RFC 9113 4.1, 6), packed and
 * unpacked without I/O.
 */
#ifndef HC_H2_H
#define HC_H2_H

#include <stddef.h>
#include <stdint.h>

#define H2_EBAD (-1) /* malformed: padding longer than payload... */

#define H2_HEADER    9
#define H2_MAX_FRAME 16384 /* SETTINGS_MAX_FRAME_SIZE we keep */

enum {
	H2_DATA,
	H2_HEADERS,
	H2_PRIORITY,
	H2_RST_STREAM,
	H2_SETTINGS,
	H2_PUSH_PROMISE,
	H2_PING,
	H2_GOAWAY,
	H2_WINDOW_UPDATE,
	H2_CONTINUATION
};

#define H2_END_STREAM  0x1
#define H2_ACK	       0x1
#define H2_END_HEADERS 0x4
#define H2_PADDED      0x8
#define H2_PRIORITY_F  0x20

#define H2_PREFACE "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"

struct h2_frame {
	uint32_t len;
	uint8_t type;
	uint8_t flags;
	uint32_t stream;
};

/* Read the 9-byte header at p. */
void h2_frame_get(const uint8_t *p, struct h2_frame *f);

/* Write a 9-byte header at p. */
void h2_frame_put(uint8_t *p, uint32_t len, uint8_t type, uint8_t flags,
		  uint32_t stream);

/*
 * The data of a DATA or HEADERS payload without its padding and priority
 * fields: sets *data and *n.  Returns 0 or H2_EBAD.
 */
int h2_payload(const struct h2_frame *f, const uint8_t *p, const uint8_t **data,
	       size_t *n);

#endif
