/*
 * https_off: HTTPS in the static build, which has no TLS.  The Makefile
 * links this file, or probe_https.c in the libcurl build (make
 * WITH_CURL=1); main.c refuses a https:// target up front with the text
 * below, so probe_https() here is never reached by a valid run.
 */
#include "probe.h"

const char *const probe_https_missing =
    "HTTPS needs the libcurl build (make WITH_CURL=1)";
const char probe_https_build[] = "";

int
probe_https(struct probe *p, const struct target *t)
{
	(void)t;
	return probe_fail(p, "https: ", probe_https_missing, NULL);
}
