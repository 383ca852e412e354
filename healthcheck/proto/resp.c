#include <string.h>

#include "../../lib/msg.h"
#include "resp.h"

/* "<c><decimal>\r\n" appended at out[*n], within cap. */
static int
header(char c, size_t v, char *out, size_t cap, size_t *n)
{
	char mem[24];
	struct buf b;

	buf_init(&b, mem, sizeof(mem));
	buf_mem(&b, &c, 1);
	buf_u64(&b, v);
	buf_str(&b, "\r\n");
	if (*n + b.len > cap)
		return RESP_ELONG;
	memcpy(out + *n, b.p, b.len);
	*n += b.len;
	return 0;
}

int
resp_command(const char *const *argv, char *out, size_t cap, size_t *n)
{
	size_t at = *n, argc, i, len;

	for (argc = 0; argv[argc]; argc++)
		;
	if (header('*', argc, out, cap, &at) < 0)
		return RESP_ELONG;
	for (i = 0; i < argc; i++) {
		len = strlen(argv[i]);
		if (header('$', len, out, cap, &at) < 0 || at + len + 2 > cap)
			return RESP_ELONG;
		memcpy(out + at, argv[i], len);
		memcpy(out + at + len, "\r\n", 2);
		at += len + 2;
	}
	*n = at;
	return 0;
}

int
resp_line(const char *b, size_t n, struct resp_line *r)
{
	/* The whole line, CRLF included, fits in RESP_LINE_MAX bytes. */
	size_t max = n < RESP_LINE_MAX - 1 ? n : RESP_LINE_MAX - 1;
	const char *cr;

	memset(r, 0, sizeof(*r));
	if (n && (!b[0] || !strchr("+-:$*", b[0])))
		return RESP_EBAD;
	cr = memchr(b, '\r', max);
	if (memchr(b, '\n', cr ? (size_t)(cr - b) : max))
		return RESP_EBAD;
	if (!cr)
		return n >= RESP_LINE_MAX - 1 ? RESP_ELONG : RESP_EMORE;
	if (cr + 1 == b + n)
		return RESP_EMORE;
	if (cr[1] != '\n')
		return RESP_EBAD;
	r->type = b[0];
	r->text = b + 1;
	r->len = (size_t)(cr - b) - 1;
	return (int)(cr - b) + 2;
}

int
resp_word(const struct resp_line *r, const char *w)
{
	size_t n = strlen(w);

	return r->len >= n && !memcmp(r->text, w, n) &&
	       (r->len == n || r->text[n] == ' ');
}
