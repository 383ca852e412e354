/*
 * probe: what the probes share.  A probe does I/O under one deadline and
 * writes what happened into p->msg, the text after "URL: " on the output
 * line: "status 200", "connect: Connection refused (127.0.0.1:8080)",
 * "timeout during receive".  Each returns 0 (healthy) or -1.  Nothing in
 * healthcheck/ calls up into main.c or run.c: the config and the state
 * come down as parameters.
 */
#ifndef HC_PROBE_H
#define HC_PROBE_H

#include <stddef.h>
#include <stdint.h>

#include "transport/stream.h"

#define HC_BODY_MAX  10240 /* body bytes read for --expect-body */
#define HC_HEAD_MAX  16384 /* a response head larger than this fails */
#define HC_REDIRECTS 10

/*
 * The probes, one a scheme (run.c dispatches by target kind).  Each does
 * its I/O under p->deadline_us and returns 0 (healthy) or -1, with what
 * happened in p->msg.  probe_http serves http:// and https://.
 */
int probe_tcp(struct probe *p, const struct target *t);
int probe_unix(struct probe *p, const struct target *t);
int probe_file(struct probe *p, const struct target *t);
int probe_http(struct probe *p, const struct target *t);
int probe_grpc(struct probe *p, const struct target *t);
int probe_postgres(struct probe *p, const struct target *t);
int probe_redis(struct probe *p, const struct target *t);
int probe_mysql(struct probe *p, const struct target *t);

/*
 * The driver (run.c): every target in order, again every interval until
 * --wait has passed, under the deadline and its watchdog; prints the one
 * output line.  Returns the exit status, 0 or 1.
 */
int run_probes(const struct hc_config *c);

#endif
