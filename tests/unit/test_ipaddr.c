/*
 * proto/ipaddr: addresses parsed (RFC 4291 text, Go's dotted IPv4: no
 * leading zeros) and written back in RFC 5952 form, which is what
 * inet_ntop writes; every input placed before an unmapped page.
 */
#include <stdint.h>

#include "../../healthcheck/proto/ipaddr.h"
#include "t.h"

static const struct {
	const char *in;
	int len;	  /* 4, 16, or 0: refused */
	const char *text; /* written back */
} cases[] = {
	{ "127.0.0.1", 4, "127.0.0.1" },
	{ "0.0.0.0", 4, "0.0.0.0" },
	{ "255.255.255.255", 4, "255.255.255.255" },
	{ "256.0.0.1", 0, NULL },
	{ "1.2.3", 0, NULL },
	{ "1.2.3.4.5", 0, NULL },
	{ "01.2.3.4", 0, NULL },
	{ "1.2.3.4 ", 0, NULL },
	{ "", 0, NULL },
	{ "::1", 16, "::1" },
	{ "::", 16, "::" },
	{ "1::", 16, "1::" },
	{ "0:0:0:0:0:0:0:1", 16, "::1" },
	{ "2001:DB8:0:0:0:0:2:1", 16, "2001:db8::2:1" },
	{ "2001:db8::1:0:0:1", 16, "2001:db8::1:0:0:1" },
	{ "2001:0:0:1:0:0:0:1", 16, "2001:0:0:1::1" },
	{ "2001:db8:0:1:1:1:1:1", 16, "2001:db8:0:1:1:1:1:1" },
	{ "::ffff:127.0.0.1", 16, "::ffff:7f00:1" },
	{ "fe80::1:2:3:4:5:6", 16, "fe80:0:1:2:3:4:5:6" },
	{ "1:2:3:4:5:6:7:8", 16, "1:2:3:4:5:6:7:8" },
	{ "1:2:3:4:5:6:7:8:9", 0, NULL },
	{ "1:2:3:4:5:6:7", 0, NULL },
	{ "1::2::3", 0, NULL },
	{ "12345::", 0, NULL },
	{ ":1", 0, NULL },
	{ "1:", 0, NULL },
	{ "g::1", 0, NULL },
	{ "[::1]", 0, NULL },
};

int
main(void)
{
	uint8_t a[16];
	char mem[64];
	struct buf b;
	size_t i;
	int n;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		n = ipaddr_parse(t_guard(cases[i].in, strlen(cases[i].in) + 1),
				 a);
		T_CHECK(n == cases[i].len, "'%s': %d", cases[i].in, n);
		if (n <= 0 || !cases[i].text)
			continue;
		buf_init(&b, mem, sizeof(mem));
		ipaddr_text(a, (size_t)n, &b);
		T_CHECK(!strcmp(mem, cases[i].text), "'%s' written '%s'",
			cases[i].in, mem);
	}
	buf_init(&b, mem, sizeof(mem));
	ipaddr_text(a, 5, &b);
	T_CHECK(!strcmp(mem, "?"), "a length of 5");
	return t_done("ipaddr");
}
