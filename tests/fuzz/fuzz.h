/*
 * Shared by the fuzz targets: the libFuzzer entry point, and a copy of the
 * input as a NUL-terminated string for the parsers that take one.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input up to its first NUL, as a malloc'd string (exact size, so
 * that ASan sees a read past its end). */
static inline char *
fuzz_str(const uint8_t *d, size_t n)
{
	size_t len = strnlen((const char *)d, n);
	char *s = malloc(len + 1);

	if (s) {
		memcpy(s, d, len);
		s[len] = '\0';
	}
	return s;
}

/* An exact-size heap copy of d[0..n), for parsers that take a length
 * (one zero byte, never read, for an empty input). */
static inline uint8_t *
fuzz_dup(const uint8_t *d, size_t n)
{
	uint8_t *p = malloc(n ? n : 1);

	if (p && n)
		memcpy(p, d, n);
	else if (p)
		p[0] = 0;
	return p;
}

/* Abort unless the n bytes at f (NULL: none) lie within the len at p:
 * what a parser handed back points into its input. */
static inline void
fuzz_inside(const uint8_t *f, size_t n, const uint8_t *p, size_t len)
{
	if (f && (f < p || f + n > p + len))
		abort();
}

#endif
