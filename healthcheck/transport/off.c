/*
 * tls_off: the build without TLS (make TLS=off).  The Makefile links this
 * file, or a TLS transport (tls_bearssl.c, the default; tls_curl.c: make
 * WITH_CURL=1); main.c refuses https:// and grpcs:// targets up front
 * with the text below, and the HTTP engine does not follow a redirect to
 * https:// here.
 */
#include "stream.h"

const struct transport *const tls_transport = NULL;
const char *const tls_missing =
    "HTTPS needs a TLS build (make, or make WITH_CURL=1)";
const char tls_build[] = "";
const char *const tls_license = NULL;
