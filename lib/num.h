/*
 * num: bounded parsing of decimal integers and durations, in the manner of
 * OpenBSD's strtonum: the whole string must be consumed, signs and blanks
 * are refused, and the value must lie in the range the caller gives.
 */
#ifndef LIB_NUM_H
#define LIB_NUM_H

#include <stddef.h>
#include <stdint.h>

#define NUM_ESYNTAX (-1) /* not a number of the expected form */
#define NUM_ERANGE  (-2) /* a number, but outside [min, max] */

/* The longest duration accepted: it fits an int of milliseconds. */
#define NUM_DURATION_MAX_MS 2147483647u

/*
 * Parse the decimal digits of s into *out when min <= value <= max.
 * Returns 0, NUM_ESYNTAX or NUM_ERANGE; *out is untouched on error.
 */
int num_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out);

/*
 * Parse a duration into milliseconds: one or more NUMBER UNIT pairs
 * ("250ms", "10s", "1m30s", "1.5h"), UNIT one of ms, s, m, h; a lone
 * NUMBER with no unit means seconds.  Fractions below a millisecond are
 * dropped.  Returns 0, NUM_ESYNTAX or NUM_ERANGE (over
 * NUM_DURATION_MAX_MS); *ms is untouched on error.
 */
int num_duration(const char *s, uint64_t *ms);

/* The value 0..15 of the hex digit c (either case), or -1. */
int num_hexdigit(int c);

/*
 * Whether the n bytes at s spell name, which is in capitals, in any case
 * ("sigterm", "Net_Raw"): the names numbers go by (signals,
 * capabilities).
 */
int num_upper_eq(const char *s, size_t n, const char *name);

#endif
