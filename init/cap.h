/*
 * cap: capability names as capabilities(7) spells them, for --keep-cap.
 * Pure: no I/O.
 */
#ifndef INIT_CAP_H
#define INIT_CAP_H

#include <stdint.h>

#define CAP_EBAD (-1) /* an item names no capability */

/* The highest capability this table names (CAP_CHECKPOINT_RESTORE). */
#define CAP_KNOWN_LAST 40

/*
 * A comma-separated list of names, any case, with or without "CAP_"
 * ("net_bind_service,CAP_CHOWN") into *mask, bit N for capability N.
 * Returns 0, or CAP_EBAD for an empty list, an empty item or an unknown
 * name (*mask is then undefined).
 */
int cap_parse(const char *list, uint64_t *mask);

/* "NET_BIND_SERVICE" for 10; "?" out of 0..CAP_KNOWN_LAST. */
const char *cap_name(int cap);

#endif
