#include <string.h>

#include "mysql.h"

int
mysql_packet(const uint8_t *b, size_t n, struct mysql_packet *pk)
{
	size_t len;

	if (n < 3)
		return MYSQL_EMORE;
	len = (size_t)b[0] | (size_t)b[1] << 8 | (size_t)b[2] << 16;
	if (len > MYSQL_PACKET_MAX)
		return MYSQL_ELONG;
	if (n < 4 + len)
		return MYSQL_EMORE;
	pk->seq = b[3];
	pk->p = b + 4;
	pk->len = len;
	return (int)(4 + len);
}

static int
greeting_err(const uint8_t *p, size_t n, struct mysql_greeting *g)
{
	if (n < 3)
		return MYSQL_EBAD;
	g->error = 1;
	g->code = (uint16_t)(p[1] | p[2] << 8);
	p += 3;
	n -= 3;
	if (n >= 6 && p[0] == '#') {
		memcpy(g->state, p + 1, 5);
		p += 6;
		n -= 6;
	}
	g->text = (const char *)p;
	g->text_len = n;
	return 0;
}

int
mysql_greeting(const struct mysql_packet *pk, struct mysql_greeting *g)
{
	const uint8_t *p = pk->p;

	memset(g, 0, sizeof(*g));
	g->version = "";
	if (pk->len && p[0] == 0xff)
		return greeting_err(p, pk->len, g);
	/* Protocol 10, then the server version up to a NUL; the rest
	 * (thread id, scramble, capabilities) is a login's business. */
	if (pk->len < 2 || p[0] != 10 || !memchr(p + 1, '\0', pk->len - 1))
		return MYSQL_EBAD;
	g->version = (const char *)p + 1;
	if (!strncmp(g->version, "5.5.5-", 6) && g->version[6])
		g->version += 6;
	return 0;
}
