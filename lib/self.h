/*
 * self: what both binaries say and do about themselves, the shipped
 * artifact: --license prints the licences it carries (the project's MIT
 * licence and the copyright of every library linked into the static
 * binary, musl, and BearSSL where the TLS build has it, each under the
 * same MIT terms, printed once; THIRD_PARTY, installed beside the
 * binaries, has the full notices), and --install puts a copy of the
 * running binary into a directory (an initContainer filling an emptyDir
 * for a pod whose image has no cp).
 */
#ifndef LIB_SELF_H
#define LIB_SELF_H

#include "msg.h"

/*
 * Write the licences to standard output; extra is one more library's
 * copyright line (NULL: none), e.g. BearSSL's.
 */
void self_license(const char *extra);

/*
 * --install: copy the running binary (/proc/self/exe) to dir/name,
 * written to dir/.name.new, fsync'd, mode 0755, renamed over dir/name,
 * the directory fsync'd; then "name: installed dir/name (N bytes)" on
 * standard output and exit 0.  Else one line and exit fail: a dir that
 * is missing or not a directory (errno's words), on a read-only mount,
 * or on a noexec one (where a copy could not run); a failed read or
 * write (errno's words).
 */
_Noreturn void self_install(const char *dir, const char *name, int fail);

#endif
