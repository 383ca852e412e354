#include "num.h"

int
num_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	int big = 0;

	if (!*s)
		return NUM_ESYNTAX;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return NUM_ESYNTAX;
		if (v > (UINT64_MAX - (uint64_t)(*s - '0')) / 10)
			big = 1;
		else
			v = v * 10 + (uint64_t)(*s - '0');
	}
	if (big || v < min || v > max)
		return NUM_ERANGE;
	*out = v;
	return 0;
}

/*
 * Scale factor of the unit at *s, in milliseconds, advancing *s past it;
 * 0 when no unit is there.
 */
static uint64_t
unit_ms(const char **s)
{
	const char *p = *s;

	if (p[0] == 'm' && p[1] == 's') {
		*s = p + 2;
		return 1;
	}
	if (p[0] == 's') {
		*s = p + 1;
		return 1000;
	}
	if (p[0] == 'm') {
		*s = p + 1;
		return 60000;
	}
	if (p[0] == 'h') {
		*s = p + 1;
		return 3600000;
	}
	return 0;
}

int
num_duration(const char *s, uint64_t *ms)
{
	const uint64_t cap = NUM_DURATION_MAX_MS;
	uint64_t total = 0, whole, frac, fdiv, scale, part;
	int big = 0, pairs = 0;

	if (!*s)
		return NUM_ESYNTAX;
	while (*s) {
		whole = 0;
		frac = 0;
		fdiv = 1;
		if (*s < '0' || *s > '9')
			return NUM_ESYNTAX;
		for (; *s >= '0' && *s <= '9'; s++) {
			if (whole > cap)
				big = 1;
			else
				whole = whole * 10 + (uint64_t)(*s - '0');
		}
		if (*s == '.') {
			s++;
			if (*s < '0' || *s > '9')
				return NUM_ESYNTAX;
			/* Six digits: enough below a ms of hours. */
			for (; *s >= '0' && *s <= '9'; s++) {
				if (fdiv < 1000000) {
					frac = frac * 10 + (uint64_t)(*s - '0');
					fdiv *= 10;
				}
			}
		}
		scale = unit_ms(&s);
		if (!scale) {
			if (*s || pairs)
				return NUM_ESYNTAX;
			scale = 1000; /* a bare number is seconds */
		}
		pairs++;
		if (big || whole > cap)
			return NUM_ERANGE;
		part = whole * scale + frac * scale / fdiv;
		if (part > cap || total + part > cap)
			big = 1;
		else
			total += part;
	}
	if (big)
		return NUM_ERANGE;
	*ms = total;
	return 0;
}

int
num_hexdigit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int
num_upper_eq(const char *s, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i]) != name[i])
			return 0;
	return !name[n];
}
