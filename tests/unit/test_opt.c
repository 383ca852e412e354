/*
 * lib/opt: short clusters, attached and separate values, --name=value,
 * "--", the first operand ending the options, and every error code with
 * the origin it names.
 */
#include <stdint.h>

#include "../../lib/msg.h"
#include "../../lib/opt.h"
#include "t.h"

static const struct opt opts[] = {
	{ 'v', 0, 'v', "verbose" },
	{ 't', 1, 't', "timeout" },
	{ 0, 1, 'h', "host" },
	{ 0, 0, 'n', "no-follow" },
};
#define NOPTS (sizeof(opts) / sizeof(opts[0]))

/*
 * Each case: argv (NULL-terminated, argv[0] implied) and what the
 * options parse into, one "id=value" or "id" or "!code origin" a call,
 * then "@N": the index of the first operand.
 */
static const struct {
	const char *argv[6];
	const char *want;
} cases[] = {
	{ { "-v", NULL }, "v @2" },
	{ { "-vt5", NULL }, "v t=5 @2" },
	{ { "-t", "5", "x", NULL }, "t=5 @3" },
	{ { "--timeout=1s", "x", NULL }, "t=1s @2" },
	{ { "--timeout", "1s", NULL }, "t=1s @3" },
	{ { "--timeout=", NULL }, "t= @2" },
	{ { "--host", "--verbose", NULL }, "h=--verbose @3" },
	{ { "--no-follow", "-v", NULL }, "n v @3" },
	{ { "x", "-v", NULL }, "@1" },
	{ { "-", "-v", NULL }, "@1" },
	{ { "--", "-v", NULL }, "@2" },
	{ { "-v", "--", "--", NULL }, "v @3" },
	{ { "-x", NULL }, "!unknown -x" },
	{ { "-vx", NULL }, "v !unknown -x" },
	{ { "--nope", NULL }, "!unknown --nope" },
	{ { "--nope=1", NULL }, "!unknown --nope" },
	{ { "--verb", NULL }, "!unknown --verb" },
	{ { "-t", NULL }, "!needs -t" },
	{ { "--host", NULL }, "!needs --host" },
	{ { "--verbose=1", NULL }, "!novalue --verbose" },
	{ { "--no-follow=", NULL }, "!novalue --no-follow" },
};

static void
run(size_t ci)
{
	char *argv[8] = { "prog" };
	struct opt_iter it = { 1, NULL, 0, "" };
	char got[256], id[2] = { 0, 0 }, *val;
	struct buf b;
	int argc = 1, k;

	while (cases[ci].argv[argc - 1])
		argv[argc] = (char *)cases[ci].argv[argc - 1], argc++;
	buf_init(&b, got, sizeof(got));
	for (;;) {
		k = opt_next(opts, NOPTS, argc, argv, &it, &val);
		if (b.len)
			buf_str(&b, " ");
		if (k == OPT_DONE) {
			buf_str(&b, "@");
			buf_u64(&b, (uint64_t)it.i);
			break;
		}
		if (k < 0) {
			buf_str(&b, k == OPT_EUNKNOWN	? "!unknown "
				    : k == OPT_ENEEDS	? "!needs "
				    : k == OPT_ENOVALUE ? "!novalue "
							: "!? ");
			buf_str(&b, it.origin);
			break;
		}
		id[0] = (char)opts[k].id;
		buf_str(&b, id);
		if (val) {
			buf_str(&b, "=");
			buf_str(&b, val);
		}
	}
	T_CHECK(!strcmp(got, cases[ci].want), "case %zu: got '%s', want '%s'",
		ci, got, cases[ci].want);
}

int
main(void)
{
	static const struct {
		const char *v;
		int want;
	} bools[] = {
		{ "1", 1 },  { "true", 1 },  { "yes", 1 }, { "on", 1 },
		{ "0", 0 },  { "false", 0 }, { "no", 0 },  { "off", 0 },
		{ "", -1 },  { "TRUE", -1 }, { "2", -1 },  { "on ", -1 },
		{ "y", -1 }, { "of", -1 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run(i);
	for (i = 0; i < sizeof(bools) / sizeof(bools[0]); i++)
		T_CHECK(opt_bool(bools[i].v) == bools[i].want,
			"opt_bool('%s') = %d", bools[i].v,
			opt_bool(bools[i].v));
	return t_done("opt");
}
