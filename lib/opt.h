/*
 * opt: command-line options for both binaries, smaller than getopt_long
 * and without its stdio.  Short options cluster ("-vw", "-e3"), long ones
 * take "--name=value" or "--name value"; "--" ends the options.  Parsing
 * stops at the first non-option; the caller decides whether to go on.
 */
#ifndef LIB_OPT_H
#define LIB_OPT_H

#include <stddef.h>

#define OPT_DONE     (-1) /* no more options: argv[it->i] is an operand */
#define OPT_EUNKNOWN (-2) /* it->origin names the unknown option */
#define OPT_ENEEDS   (-3) /* it->origin needs a value and has none */
#define OPT_ENOVALUE (-4) /* "--flag=x" for an option without value */

struct opt {
	char shrt; /* 0: long only */
	char has_arg;
	int id;
	const char *lng;
};

struct opt_iter {
	int i;		 /* next argv index; start at 1 */
	char *cluster;	 /* rest of a "-abc" being read */
	int dashdash;	 /* "--" was seen */
	char origin[64]; /* "-x" or "--name" of the last option */
};

/*
 * The next option: returns its index in opts and sets *val (NULL for a
 * flag), or one of the OPT_ codes above.
 */
int opt_next(const struct opt *opts, size_t n, int argc, char **argv,
	     struct opt_iter *it, char **val);

/*
 * A boolean variable's value: 1 for "1", "true", "yes", "on"; 0 for "0",
 * "false", "no", "off"; -1 for anything else.
 */
int opt_bool(const char *v);

#endif
