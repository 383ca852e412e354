#include <string.h>

#include "pem.h"

void
pem_init(struct pem *p)
{
	memset(p, 0, sizeof(*p));
}

static int
b64(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* Whether s[0..n) is "-----WORD NAME-----"; the NAME in *name, *nlen. */
static int
boundary(const char *s, size_t n, const char *word, const char **name,
	 size_t *nlen)
{
	size_t w = strlen(word);

	if (n < 10 + w + 1 || memcmp(s, "-----", 5) || memcmp(s + 5, word, w) ||
	    s[5 + w] != ' ' || memcmp(s + n - 5, "-----", 5))
		return 0;
	*name = s + 6 + w;
	*nlen = n - 11 - w;
	return 1;
}

/* A bad line inside an object: the object is dropped, nothing is out. */
static int
bad(struct pem *p, size_t *outlen)
{
	p->in = 0;
	*outlen = 0;
	return PEM_EBAD;
}

int
pem_line(struct pem *p, const char *s, size_t n, uint8_t *out, size_t *outlen)
{
	const char *name;
	size_t nlen, i;
	int v;

	*outlen = 0;
	while (n && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (!p->in) {
		if (boundary(s, n, "END", &name, &nlen))
			return PEM_EBAD;
		if (!boundary(s, n, "BEGIN", &name, &nlen))
			return PEM_NONE;
		if (nlen >= sizeof(p->name))
			return PEM_EBAD;
		memcpy(p->name, name, nlen);
		p->name[nlen] = '\0';
		p->in = 1;
		p->acc = 0;
		p->bits = 0;
		p->pad = 0;
		return PEM_BEGIN;
	}
	if (boundary(s, n, "END", &name, &nlen)) {
		p->in = 0;
		if (nlen != strlen(p->name) || memcmp(name, p->name, nlen) ||
		    p->bits >= 6)
			return PEM_EBAD; /* another name, or a lone sextet */
		return PEM_END;
	}
	if (memchr(s, ':', n))
		return bad(p, outlen); /* RFC 1421 headers: an encrypted key */
	for (i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == '\t')
			continue;
		if (s[i] == '=') {
			p->pad = 1;
			continue;
		}
		v = b64(s[i]);
		if (v < 0 || p->pad)
			return bad(p, outlen);
		p->acc = p->acc << 6 | (uint32_t)v;
		p->bits += 6;
		if (p->bits >= 8) {
			p->bits -= 8;
			out[(*outlen)++] = (uint8_t)(p->acc >> p->bits);
		}
	}
	return *outlen ? PEM_DATA : PEM_NONE;
}
