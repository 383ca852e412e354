#include <string.h>

#include "../../lib/num.h"
#include "ipaddr.h"

/* A dotted IPv4 address into out[4]; 1 or 0. */
static int
ip4(const char *s, uint8_t out[4])
{
	unsigned v;
	int k, d;

	for (k = 0; k < 4; k++) {
		if (k && *s++ != '.')
			return 0;
		for (v = 0, d = 0; *s >= '0' && *s <= '9' && d < 4; s++, d++)
			v = v * 10 + (unsigned)(*s - '0');
		if (!d || d > 3 || v > 255 || (d > 1 && s[-d] == '0'))
			return 0;
		out[k] = (uint8_t)v;
	}
	return *s == '\0';
}

/* An IPv6 address (RFC 4291 text, "::" and a dotted tail) into out[16]. */
static int
ip6(const char *s, uint8_t out[16])
{
	uint8_t w[16];
	int n = 0, gap = -1, d, v, k;

	if (s[0] == ':' && s[1] == ':') {
		gap = 0;
		s += 2;
	}
	while (*s && n < 16) {
		if (n + 4 <= 16 && strchr(s, '.') && !strchr(s, ':')) {
			if (!ip4(s, w + n))
				return 0;
			n += 4;
			s += strlen(s);
			break;
		}
		for (v = 0, d = 0;
		     num_hexdigit((unsigned char)*s) >= 0 && d < 5; s++, d++)
			v = v << 4 | num_hexdigit((unsigned char)*s);
		if (!d || d > 4)
			return 0;
		w[n++] = (uint8_t)(v >> 8);
		w[n++] = (uint8_t)v;
		if (*s == ':' && s[1] == ':') {
			if (gap >= 0)
				return 0;
			gap = n;
			s += 2;
		} else if (*s == ':') {
			s++;
			if (!*s)
				return 0;
		}
	}
	if (*s || (gap < 0 && n != 16) || (gap >= 0 && n > 14))
		return 0;
	if (gap < 0) {
		memcpy(out, w, 16);
		return 1;
	}
	memset(out, 0, 16);
	memcpy(out, w, (size_t)gap);
	k = n - gap;
	memcpy(out + 16 - k, w + gap, (size_t)k);
	return 1;
}

int
ipaddr_parse(const char *s, uint8_t out[16])
{
	if (ip4(s, out))
		return 4;
	return strchr(s, ':') && ip6(s, out) ? 16 : 0;
}

void
ipaddr_text(const uint8_t *a, size_t n, struct buf *b)
{
	static const char hex[] = "0123456789abcdef";
	int g, best = -1, blen = 0, run, k, started;
	unsigned v;
	char c;

	if (n == 4) {
		for (g = 0; g < 4; g++) {
			if (g)
				buf_str(b, ".");
			buf_u64(b, a[g]);
		}
		return;
	}
	if (n != 16) {
		buf_str(b, "?");
		return;
	}
	for (g = 0; g < 8; g += run ? run : 1) {
		for (run = 0;
		     g + run < 8 && !a[2 * (g + run)] && !a[2 * (g + run) + 1];
		     run++)
			;
		if (run > blen && run >= 2) {
			best = g;
			blen = run;
		}
	}
	for (g = 0; g < 8; g++) {
		if (g == best) {
			buf_str(b, "::");
			g += blen - 1;
			continue;
		}
		if (g && g != best + blen)
			buf_str(b, ":");
		v = (unsigned)a[2 * g] << 8 | a[2 * g + 1];
		for (k = 12, started = 0; k >= 0; k -= 4) {
			if (!started && k && !(v >> k & 15))
				continue;
			started = 1;
			c = hex[v >> k & 15];
			buf_mem(b, &c, 1);
		}
	}
}
