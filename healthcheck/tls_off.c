/*
 * tls_off: the build without TLS.  The Makefile links this file, or a
 * TLS transport (tls_curl.c: make WITH_CURL=1); main.c refuses a
 * https:// target up front with the text below, and the HTTP engine does
 * not follow a redirect to https:// here.
 */
#include "probe.h"

const struct transport *const tls_transport = NULL;
const char *const tls_missing =
    "HTTPS needs the libcurl build (make WITH_CURL=1)";
const char tls_build[] = "";
