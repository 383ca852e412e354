/*
 * tls_chk: glibc's checked copies, for Debian's libbearssl.a.  That
 * archive is built for glibc with _FORTIFY_SOURCE, so its objects call
 * __memcpy_chk, __memmove_chk and __memset_chk where the compiler knew
 * the destination's size; musl has none of them.  Each does what glibc's
 * does: refuse (trap) a copy larger than the destination, else the
 * plain copy.  Linked only with BearSSL (make TLS=bearssl).
 */
#include <stddef.h>
#include <string.h>

void *__memcpy_chk(void *d, const void *s, size_t n, size_t dn);
void *__memmove_chk(void *d, const void *s, size_t n, size_t dn);
void *__memset_chk(void *d, int c, size_t n, size_t dn);

void *
__memcpy_chk(void *d, const void *s, size_t n, size_t dn)
{
	if (n > dn)
		__builtin_trap();
	return memcpy(d, s, n);
}

void *
__memmove_chk(void *d, const void *s, size_t n, size_t dn)
{
	if (n > dn)
		__builtin_trap();
	return memmove(d, s, n);
}

void *
__memset_chk(void *d, int c, size_t n, size_t dn)
{
	if (n > dn)
		__builtin_trap();
	return memset(d, c, n);
}
