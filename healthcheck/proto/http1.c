#include <string.h>

#include "../../lib/num.h"
#include "http1.h"

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
name_is(const char *p, size_t n, const char *name)
{
	size_t i;

	if (strlen(name) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (lower((unsigned char)p[i]) != name[i])
			return 0;
	return 1;
}

/* tchar of RFC 9110 5.6.2 */
static int
tchar(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || (c && strchr("!#$%&'*+-.^_`|~", c));
}

/* Find the end of the line starting at p; sets *eol_len (1 or 2). */
static const char *
line_end(const char *p, const char *end, size_t *eol_len)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	if (!nl)
		return NULL;
	*eol_len = nl > p && nl[-1] == '\r' ? 2 : 1;
	return nl + 1 - *eol_len;
}

/* A bad header: what is wrong, for the line (a static text). */
static int
bad(struct http1_resp *r, const char *why)
{
	r->why = why;
	return HTTP1_EBAD;
}

static int
parse_header(const char *p, const char *e, struct http1_resp *r)
{
	const char *colon = p, *v, *ve, *last;
	uint64_t cl = 0;
	size_t n;

	while (colon < e && tchar((unsigned char)*colon))
		colon++;
	if (colon == p || colon == e || *colon != ':')
		return bad(r, "a header line that is not 'name: value'");
	for (v = colon + 1; v < e && (*v == ' ' || *v == '\t'); v++)
		;
	for (ve = e; ve > v && (ve[-1] == ' ' || ve[-1] == '\t'); ve--)
		;
	for (last = v; last < ve; last++)
		if ((unsigned char)*last < 0x20 && *last != '\t')
			return bad(r, "a control byte in a header");
	n = (size_t)(colon - p);
	if (name_is(p, n, "content-length")) {
		if (v == ve)
			return bad(r, "an empty Content-Length");
		for (last = v; last < ve; last++) {
			if (*last < '0' || *last > '9')
				return bad(r, "a Content-Length that is not a "
					      "number");
			if (cl > (1ull << 56))
				return bad(r, "a Content-Length over 2^56");
			cl = cl * 10 + (uint64_t)(*last - '0');
		}
		if (r->content_length >= 0 && (uint64_t)r->content_length != cl)
			return bad(r, "two Content-Lengths that disagree");
		r->content_length = (int64_t)cl;
	} else if (name_is(p, n, "transfer-encoding")) {
		/* The final coding decides: "gzip, chunked" is chunked. */
		for (last = ve; last > v && last[-1] != ',' && last[-1] != ' ';
		     last--)
			;
		r->te_other |= r->chunked || last != v;
		r->chunked = name_is(last, (size_t)(ve - last), "chunked");
		r->te_other |= !r->chunked;
	} else if (name_is(p, n, "location")) {
		if ((size_t)(ve - v) >= sizeof(r->location))
			return bad(r, "a Location over 2 KiB");
		memcpy(r->location, v, (size_t)(ve - v));
		r->location[ve - v] = '\0';
		r->has_location = 1;
	} else {
		return 0;
	}
	return 1; /* a header this parser interprets */
}

int
http1_parse_head(const char *buf, size_t len, struct http1_resp *r)
{
	const char *p = buf, *end = buf + len, *e;
	size_t eol, need;
	int last; /* the line above: -1 none, 0 ignored, 1 interpreted */

	memset(r, 0, sizeof(*r));
	r->content_length = -1;
	/* "HTTP/1.x SSS" then SP reason, or nothing */
	need = len < 12 ? len : 12;
	if (memcmp(buf, "HTTP/1.", need < 7 ? need : 7))
		return HTTP1_EBAD;
	if (len > 7 && (buf[7] < '0' || buf[7] > '9'))
		return HTTP1_EBAD;
	if (len > 8 && buf[8] != ' ')
		return HTTP1_EBAD;
	for (size_t i = 9; i < need; i++)
		if (buf[i] < '0' || buf[i] > '9')
			return HTTP1_EBAD;
	e = line_end(p, end, &eol);
	if (!e)
		return HTTP1_EPARTIAL;
	if (e - p < 12 || (e - p > 12 && buf[12] != ' '))
		return HTTP1_EBAD;
	r->minor = buf[7] - '0';
	r->status = (buf[9] - '0') * 100 + (buf[10] - '0') * 10 + buf[11] - '0';
	if (r->status < 100)
		return HTTP1_EBAD;
	for (p = buf + 12; p < e; p++)
		if ((unsigned char)*p < 0x20 && *p != '\t')
			return HTTP1_EBAD;
	p = e + eol;
	for (last = -1;; p = e + eol) {
		e = line_end(p, end, &eol);
		if (!e)
			return HTTP1_EPARTIAL;
		if (e == p)
			return (int)(e + eol - buf);
		if (*p == ' ' || *p == '\t') {
			/*
			 * obs-fold (RFC 9112 5.2): more of the header above,
			 * as Go's client takes it.  Accepted after a header
			 * this parser ignores; after one it reads (a folded
			 * Location, Content-Length...), refused.
			 */
			if (last != 0)
				return bad(r, "a folded Content-Length, "
					      "Transfer-Encoding or Location");
			for (; p < e; p++)
				if ((unsigned char)*p < 0x20 && *p != '\t')
					return bad(
					    r, "a control byte in a header");
			continue;
		}
		last = parse_header(p, e, r);
		if (last < 0)
			return HTTP1_EBAD;
	}
}

enum {
	CH_SIZE,
	CH_EXT,
	CH_SIZE_LF,
	CH_DATA,
	CH_DATA_CR,
	CH_DATA_LF,
	CH_TRAILER,
	CH_TRAILER_LINE,
	CH_DONE
};

long
http1_chunked(struct http1_chunked *c, char *buf, size_t n)
{
	size_t in = 0, out = 0, take;
	int h;

	while (in < n && c->state != CH_DONE) {
		char ch = buf[in];

		switch (c->state) {
		case CH_SIZE:
			h = num_hexdigit((unsigned char)ch);
			if (h < 0) {
				if (!c->digits)
					return HTTP1_EBAD;
				c->state = CH_EXT;
				break;
			}
			if (c->left >> 56)
				return HTTP1_EBAD;
			c->left = c->left * 16 + (uint64_t)h;
			c->digits = 1;
			in++;
			break;
		case CH_EXT:
			in++;
			if (ch == '\n')
				c->state = c->left ? CH_DATA : CH_TRAILER;
			break;
		case CH_DATA:
			take = n - in;
			if (take > c->left)
				take = (size_t)c->left;
			memmove(buf + out, buf + in, take);
			in += take;
			out += take;
			c->left -= take;
			if (!c->left)
				c->state = CH_DATA_CR;
			break;
		case CH_DATA_CR:
			in++;
			if (ch == '\n')
				c->state = CH_SIZE;
			else if (ch == '\r')
				c->state = CH_DATA_LF;
			else
				return HTTP1_EBAD;
			c->digits = 0;
			break;
		case CH_DATA_LF:
			in++;
			if (ch != '\n')
				return HTTP1_EBAD;
			c->state = CH_SIZE;
			c->digits = 0;
			break;
		case CH_TRAILER:
			/* At the start of a trailer line: blank ends it. */
			in++;
			if (ch == '\n')
				c->state = CH_DONE;
			else if (ch != '\r')
				c->state = CH_TRAILER_LINE;
			break;
		case CH_TRAILER_LINE:
			in++;
			if (ch == '\n')
				c->state = CH_TRAILER;
			break;
		}
	}
	if (c->state == CH_DONE)
		c->done = 1;
	return (long)out;
}

int
http1_parse_ranges(const char *s, struct http1_ranges *r)
{
	unsigned v[2];
	int k;

	r->n = 0;
	for (;;) {
		for (k = 0; k < 2; k++) {
			if (*s < '0' || *s > '9')
				return HTTP1_EBAD;
			v[k] = 0;
			while (*s >= '0' && *s <= '9' && v[k] < 1000)
				v[k] = v[k] * 10 + (unsigned)(*s++ - '0');
			if (k == 0 && *s == '-')
				s++;
			else if (k == 0) {
				v[1] = v[0];
				break;
			}
		}
		if (v[0] < 100 || v[1] > 999 || v[0] > v[1] ||
		    r->n == HTTP1_RANGES)
			return HTTP1_EBAD;
		r->lo[r->n] = (uint16_t)v[0];
		r->hi[r->n++] = (uint16_t)v[1];
		if (*s == '\0')
			return 0;
		if (*s++ != ',')
			return HTTP1_EBAD;
	}
}

int
http1_in_ranges(const struct http1_ranges *r, int status)
{
	int i;

	for (i = 0; i < r->n; i++)
		if (status >= r->lo[i] && status <= r->hi[i])
			return 1;
	return 0;
}
