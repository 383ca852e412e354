#include <string.h>

#include "hpack.h"
#include "huffman.h"

static const char *const static_table[62][2] = {
	{ "", "" },
	{ ":authority", "" },
	{ ":method", "GET" },
	{ ":method", "POST" },
	{ ":path", "/" },
	{ ":path", "/index.html" },
	{ ":scheme", "http" },
	{ ":scheme", "https" },
	{ ":status", "200" },
	{ ":status", "204" },
	{ ":status", "206" },
	{ ":status", "304" },
	{ ":status", "400" },
	{ ":status", "404" },
	{ ":status", "500" },
	{ "accept-charset", "" },
	{ "accept-encoding", "gzip, deflate" },
	{ "accept-language", "" },
	{ "accept-ranges", "" },
	{ "accept", "" },
	{ "access-control-allow-origin", "" },
	{ "age", "" },
	{ "allow", "" },
	{ "authorization", "" },
	{ "cache-control", "" },
	{ "content-disposition", "" },
	{ "content-encoding", "" },
	{ "content-language", "" },
	{ "content-length", "" },
	{ "content-location", "" },
	{ "content-range", "" },
	{ "content-type", "" },
	{ "cookie", "" },
	{ "date", "" },
	{ "etag", "" },
	{ "expect", "" },
	{ "expires", "" },
	{ "from", "" },
	{ "host", "" },
	{ "if-match", "" },
	{ "if-modified-since", "" },
	{ "if-none-match", "" },
	{ "if-range", "" },
	{ "if-unmodified-since", "" },
	{ "last-modified", "" },
	{ "link", "" },
	{ "location", "" },
	{ "max-forwards", "" },
	{ "proxy-authenticate", "" },
	{ "proxy-authorization", "" },
	{ "range", "" },
	{ "referer", "" },
	{ "refresh", "" },
	{ "retry-after", "" },
	{ "server", "" },
	{ "set-cookie", "" },
	{ "strict-transport-security", "" },
	{ "transfer-encoding", "" },
	{ "user-agent", "" },
	{ "vary", "" },
	{ "via", "" },
	{ "www-authenticate", "" },
};

void
hpack_init(struct hpack *h)
{
	h->max = HPACK_TABLE_MAX;
	h->size = 0;
	h->used = 0;
	h->n = 0;
}

/* Drop the oldest entries until size + room fits max. */
static void
evict(struct hpack *h, size_t room)
{
	size_t drop;

	while (h->n && h->size + room > h->max) {
		drop = (size_t)h->ent[0].nlen + h->ent[0].vlen;
		memmove(h->data, h->data + drop, h->used - drop);
		memmove(h->ent, h->ent + 1, (h->n - 1) * sizeof(h->ent[0]));
		h->n--;
		h->used -= drop;
		h->size -= drop + 32;
		for (unsigned i = 0; i < h->n; i++)
			h->ent[i].off = (uint16_t)(h->ent[i].off - drop);
	}
}

static void
insert(struct hpack *h, const char *name, size_t nlen, const char *value,
       size_t vlen)
{
	size_t need = nlen + vlen + 32;

	evict(h, need);
	if (need > h->max)
		return; /* too large: the table ends up empty (4.4) */
	h->ent[h->n].off = (uint16_t)h->used;
	h->ent[h->n].nlen = (uint16_t)nlen;
	h->ent[h->n].vlen = (uint16_t)vlen;
	memcpy(h->data + h->used, name, nlen);
	memcpy(h->data + h->used + nlen, value, vlen);
	h->used += nlen + vlen;
	h->size += need;
	h->n++;
}

/*
 * An integer with an N-bit prefix (5.1): HPACK_EBAD when truncated,
 * HPACK_ESIZE above 2^24 (no length, index or table size is that large).
 */
static int
get_int(const uint8_t **p, const uint8_t *end, unsigned prefix, uint32_t *v)
{
	uint32_t max = (1u << prefix) - 1, m = 0;

	if (*p >= end)
		return HPACK_EBAD;
	*v = *(*p)++ & max;
	if (*v < max)
		return 0;
	do {
		if (*p >= end)
			return HPACK_EBAD;
		if (m > 21)
			return HPACK_ESIZE;
		*v += (uint32_t)(**p & 0x7f) << m;
		m += 7;
	} while (*(*p)++ & 0x80);
	return *v > (1u << 24) ? HPACK_ESIZE : 0;
}

/* A string literal (5.2) copied (or Huffman-decoded) into the arena. */
static int
get_str(const uint8_t **p, const uint8_t *end, char *arena, size_t acap,
	size_t *used, const char **s, size_t *len)
{
	uint32_t n;
	long d;
	int huff;

	if (*p >= end)
		return HPACK_EBAD;
	huff = **p & 0x80;
	if (get_int(p, end, 7, &n) < 0 || n > (size_t)(end - *p))
		return HPACK_EBAD;
	*s = arena + *used;
	if (huff) {
		d = huffman_decode(*p, n, arena + *used, acap - *used);
		if (d == HUFFMAN_ELONG)
			return HPACK_ELONG;
		if (d < 0)
			return HPACK_EBAD;
		*len = (size_t)d;
	} else {
		if (n > acap - *used)
			return HPACK_ELONG;
		memcpy(arena + *used, *p, n);
		*len = n;
	}
	*used += *len;
	*p += n;
	return 0;
}

/* Name and value of index i (static 1..61, then dynamic newest first). */
static int
lookup(const struct hpack *h, uint32_t i, const char **name, size_t *nlen,
       const char **value, size_t *vlen)
{
	if (i == 0)
		return HPACK_EBAD;
	if (i <= 61) {
		*name = static_table[i][0];
		*nlen = strlen(*name);
		*value = static_table[i][1];
		*vlen = strlen(*value);
		return 0;
	}
	i -= 62;
	if (i >= h->n)
		return HPACK_EBAD;
	i = h->n - 1 - i;
	*name = h->data + h->ent[i].off;
	*nlen = h->ent[i].nlen;
	*value = *name + *nlen;
	*vlen = h->ent[i].vlen;
	return 0;
}

/* Copy a table string into the arena (the table may change later). */
static int
keep(const char *s, size_t n, char *arena, size_t acap, size_t *used,
     const char **out)
{
	if (n > acap - *used)
		return HPACK_ELONG;
	memcpy(arena + *used, s, n);
	*out = arena + *used;
	*used += n;
	return 0;
}

int
hpack_decode(struct hpack *h, const uint8_t *in, size_t n, char *arena,
	     size_t acap, struct hpack_field *f, size_t fmax, size_t *nf)
{
	const uint8_t *p = in, *end = in + n;
	struct hpack_field x;
	size_t used = 0;
	uint32_t idx;
	int rc, fields_seen = 0;
	unsigned prefix;
	uint8_t b;

	*nf = 0;
	while (p < end) {
		b = *p;
		if (b & 0x80) { /* indexed field */
			if ((rc = get_int(&p, end, 7, &idx) ? HPACK_EBAD : 0) ||
			    (rc = lookup(h, idx, &x.name, &x.nlen, &x.value,
					 &x.vlen)) < 0 ||
			    (rc = keep(x.name, x.nlen, arena, acap, &used,
				       &x.name)) < 0 ||
			    (rc = keep(x.value, x.vlen, arena, acap, &used,
				       &x.value)) < 0)
				return rc;
		} else if ((b & 0xe0) == 0x20) { /* table size update */
			if (fields_seen)
				return HPACK_EBAD; /* only at the start */
			rc = get_int(&p, end, 5, &idx);
			if (rc < 0)
				return rc;
			if (idx > HPACK_TABLE_MAX)
				return HPACK_ESIZE;
			h->max = idx;
			evict(h, 0);
			continue;
		} else { /* literal */
			prefix = (b & 0xc0) == 0x40 ? 6 : 4;
			/* A huge index is just bad. */
			if (get_int(&p, end, prefix, &idx) < 0)
				return HPACK_EBAD;
			if (idx) {
				if ((rc = lookup(h, idx, &x.name, &x.nlen,
						 &x.value, &x.vlen)) < 0 ||
				    (rc = keep(x.name, x.nlen, arena, acap,
					       &used, &x.name)) < 0)
					return rc;
			} else if ((rc = get_str(&p, end, arena, acap, &used,
						 &x.name, &x.nlen)) < 0) {
				return rc;
			}
			if ((rc = get_str(&p, end, arena, acap, &used, &x.value,
					  &x.vlen)) < 0)
				return rc;
			if (prefix == 6)
				insert(h, x.name, x.nlen, x.value, x.vlen);
		}
		fields_seen = 1;
		if (*nf < fmax)
			f[(*nf)++] = x;
	}
	return 0;
}

static int
put_int(uint8_t *out, size_t cap, size_t *len, uint8_t first, unsigned prefix,
	size_t v)
{
	size_t max = (1u << prefix) - 1;

	if (*len == cap)
		return HPACK_ELONG;
	if (v < max) {
		out[(*len)++] = (uint8_t)(first | v);
		return 0;
	}
	out[(*len)++] = (uint8_t)(first | max);
	for (v -= max; v >= 128; v >>= 7) {
		if (*len == cap)
			return HPACK_ELONG;
		out[(*len)++] = (uint8_t)(0x80 | (v & 0x7f));
	}
	if (*len == cap)
		return HPACK_ELONG;
	out[(*len)++] = (uint8_t)v;
	return 0;
}

static int
put_str(uint8_t *out, size_t cap, size_t *len, const char *s)
{
	size_t n = strlen(s);

	if (put_int(out, cap, len, 0, 7, n) < 0 || n > cap - *len)
		return HPACK_ELONG;
	memcpy(out + *len, s, n);
	*len += n;
	return 0;
}

int
hpack_encode(uint8_t *out, size_t cap, size_t *len, unsigned idx,
	     const char *name, const char *value)
{
	size_t l = *len;

	if (put_int(out, cap, &l, 0, 4, idx) < 0 ||
	    (!idx && put_str(out, cap, &l, name) < 0) ||
	    put_str(out, cap, &l, value) < 0)
		return HPACK_ELONG;
	*len = l;
	return 0;
}
