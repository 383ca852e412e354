#include <string.h>

#include "msg.h"
#include "opt.h"
#include "sys.h"

int
opt_next(const struct opt *opts, size_t n, int argc, char **argv,
	 struct opt_iter *it, char **val)
{
	struct buf b;
	char *a, *eq;
	size_t k;

	*val = NULL;
	buf_init(&b, it->origin, sizeof(it->origin));
	if (it->cluster && *it->cluster) {
		a = it->cluster;
	} else {
		it->cluster = NULL;
		if (it->dashdash || it->i >= argc || argv[it->i][0] != '-' ||
		    !argv[it->i][1])
			return OPT_DONE;
		a = argv[it->i++];
		if (!strcmp(a, "--")) {
			it->dashdash = 1;
			return OPT_DONE;
		}
		if (a[1] == '-') {
			eq = sys_chr(a, '=');
			buf_mem(&b, a, (size_t)(eq - a));
			for (k = 0; k < n; k++)
				if (!strcmp(opts[k].lng, it->origin + 2))
					break;
			if (k == n)
				return OPT_EUNKNOWN;
			if (*eq && !opts[k].has_arg)
				return OPT_ENOVALUE;
			*val = *eq ? eq + 1 : NULL;
			goto value;
		}
		a++;
	}
	buf_mem(&b, "-", 1);
	buf_mem(&b, a, 1);
	for (k = 0; k < n; k++)
		if (opts[k].shrt == *a)
			break;
	if (k == n)
		return OPT_EUNKNOWN;
	it->cluster = a + 1;
	if (opts[k].has_arg && *it->cluster) {
		*val = it->cluster;
		it->cluster = NULL;
	}
value:
	if (opts[k].has_arg && !*val) {
		if (it->i >= argc)
			return OPT_ENEEDS;
		*val = argv[it->i++];
	}
	return (int)k;
}

int
opt_bool(const char *v)
{
	static const char *const words[] = { "0", "false", "no",  "off",
					     "1", "true",  "yes", "on" };
	size_t i;

	for (i = 0; i < 8; i++)
		if (!strcmp(v, words[i]))
			return i >= 4;
	return -1;
}
