/*
 * wire: 32-bit big-endian integers as HTTP/2 frames, the gRPC message
 * prefix and PostgreSQL messages carry them.  Header-only and pure.
 */
#ifndef HC_WIRE_H
#define HC_WIRE_H

#include <stdint.h>

/* The 32 bits at p, most significant byte first (a reserved top bit is
 * kept: the caller masks it). */
static inline uint32_t
wire_get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static inline void
wire_put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

#endif
