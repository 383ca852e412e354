/*
 * license: what --license prints in both binaries: the project's MIT
 * licence and the copyright of every library linked into the static
 * binary (musl, and BearSSL where the TLS build has it), each under the
 * same MIT terms, printed once; THIRD_PARTY (installed beside the
 * binaries) has the full notices.
 */
#ifndef LIB_LICENSE_H
#define LIB_LICENSE_H

/*
 * Write the licences to standard output; extra is one more library's
 * copyright line (NULL: none), e.g. BearSSL's.
 */
void license_print(const char *extra);

#endif
