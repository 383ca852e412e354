/*
 * probe: the two sinks every probe writes to, configured from above
 * (struct probe) and called from below: the failure text and the -v
 * detail lines.  A leaf: it calls nothing of healthcheck's.
 */
#include <stdarg.h>
#include <unistd.h>

#include "../lib/io.h"
#include "probe.h"

static void
say(struct buf *b, const char *s, va_list ap)
{
	for (; s; s = va_arg(ap, const char *))
		buf_str(b, s);
}

void
probe_say(struct probe *p, const char *s, ...)
{
	va_list ap;

	va_start(ap, s);
	say(p->msg, s, ap);
	va_end(ap);
}

int
probe_fail(struct probe *p, const char *s, ...)
{
	va_list ap;

	p->msg->len = 0;
	va_start(ap, s);
	say(p->msg, s, ap);
	va_end(ap);
	return -1;
}

void
probe_detail(const struct probe *p, const char *s, ...)
{
	char mem[514];
	struct buf b;
	va_list ap;

	if (!p->cfg->verbose)
		return;
	buf_init(&b, mem, sizeof(mem) - 1);
	buf_str(&b, "healthcheck: ");
	va_start(ap, s);
	say(&b, s, ap);
	va_end(ap);
	b.p[b.len++] = '\n';
	io_write_all(2, b.p, b.len);
}
