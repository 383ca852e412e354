/*
 * ipaddr: IPv4 and IPv6 addresses as text and back, without libc's
 * inet_ntop and inet_pton (inet_ntop pulls snprintf into a static
 * binary: about 10 KiB).  Pure.
 */
#ifndef HC_IPADDR_H
#define HC_IPADDR_H

#include <stddef.h>
#include <stdint.h>

#include "../../lib/msg.h"

/*
 * s as an address into out: 4 bytes for dotted IPv4 (no leading zeros,
 * as Go reads it), 16 for IPv6 (RFC 4291 2.2 text, "::" and a dotted
 * tail, no brackets, no zone).  Returns 4, 16, or 0 for anything else.
 */
int ipaddr_parse(const char *s, uint8_t out[16]);

/*
 * a[0..n) (n 4 or 16) as text, appended to b: dotted IPv4; IPv6 in RFC
 * 5952 form (lower-case hex, no leading zeros, the longest run of two or
 * more zero groups as "::", the first of equals).  Other lengths append
 * "?".
 */
void ipaddr_text(const uint8_t *a, size_t n, struct buf *b);

#endif
