/*
 * expand: ${NAME} and ${NAME:-default} in an argument, from an
 * environment array, because exec-form HEALTHCHECK has no shell.  Pure.
 *
 * ${NAME} is the value or empty; ${NAME:-default} is the default when NAME
 * is unset or empty (the default is taken literally, no nesting).  NAME is
 * [A-Za-z_][A-Za-z0-9_]*.  A '$' not followed by '{' is kept as it is.
 */
#ifndef HC_EXPAND_H
#define HC_EXPAND_H

#include <stddef.h>

#define EXPAND_ESYNTAX (-1) /* "${" without "}", or a bad NAME */
#define EXPAND_ELONG   (-2) /* the result does not fit cap - 1 bytes */

/*
 * Expand in into out (NUL-terminated).  env is a NULL-terminated array of
 * "NAME=value".  Returns the length of the result, or an EXPAND_E* code.
 */
int expand_vars(const char *in, char *out, size_t cap, char *const *env);

#endif
