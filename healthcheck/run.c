/*
 * run: the driver.  Every target in order, each by the probe of its
 * scheme (one table), again every --interval until --wait has passed; the
 * output line; the deadline and its SIGALRM watchdog.  One process, no
 * fork, one line of at most 512 bytes on stdout; -v adds detail lines on
 * stderr.
 *
 * The deadline covers the whole run.  Sockets poll with the time left;
 * name resolution, which cannot be given a deadline, is covered by the
 * watchdog, which prints the timeout line with the phase of the probe in
 * progress and exits.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "../lib/io.h"
#include "../lib/msg.h"
#include "probe.h"

#define EXIT_UNHEALTHY 1
#define LINE_MAX_OUT   512

/* Dispatch by scheme, indexed by kind: the loop never names a probe. */
static int (*const probes[])(struct probe *, const struct target *) = {
	[TARGET_HTTP] = probe_http,	    [TARGET_HTTPS] = probe_http,
	[TARGET_TCP] = probe_tcp,	    [TARGET_UNIX] = probe_unix,
	[TARGET_FILE] = probe_file,	    [TARGET_GRPC] = probe_grpc,
	[TARGET_POSTGRES] = probe_postgres, [TARGET_REDIS] = probe_redis,
	[TARGET_MYSQL] = probe_mysql,	    [TARGET_GRPCS] = probe_grpc,
};
/* A kind added to enum target_kind without a row here does not compile. */
typedef char probes_cover_every_kind
    [sizeof(probes) / sizeof(probes[0]) == TARGET_NKINDS ? 1 : -1];

/*
 * The probe in progress, for the signal handler: a global because a
 * handler gets no parameter (the only writable global of healthcheck
 * besides the function-scope statics, each of which says why).
 */
static struct probe *volatile current;

/* " after 1.2 ms" */
static void
buf_after(struct buf *b, uint64_t us)
{
	buf_str(b, " after ");
	buf_u64(b, us / 1000);
	buf_str(b, ".");
	buf_u64(b, us % 1000 / 100);
	buf_str(b, " ms");
}

/* Write the line, with control bytes shown as '?', cut at 512 bytes. */
static void
emit(int fd, struct buf *line)
{
	size_t i;

	if (line->len > LINE_MAX_OUT)
		line->len = LINE_MAX_OUT;
	for (i = 0; i < line->len; i++)
		if ((unsigned char)line->p[i] < 0x20 || line->p[i] == 0x7f)
			line->p[i] = '?';
	line->p[line->len++] = '\n';
	io_write_all(fd, line->p, line->len);
	line->len--;
}

/*
 * SIGALRM (the deadline), SIGTERM, SIGINT: the line for the probe in
 * progress, then exit 1.  Only async-signal-safe calls.
 */
static void
on_signal(int sig)
{
	char mem[LINE_MAX_OUT + 2];
	struct probe *p = current;
	struct buf b;

	buf_init(&b, mem, sizeof(mem) - 1);
	buf_str(&b, "unhealthy: ");
	buf_str(&b, p ? p->url : "");
	if (sig == SIGALRM) {
		buf_str(&b, ": timeout during ");
		buf_str(&b, p ? (const char *)p->phase : "start");
	} else {
		buf_str(&b, sig == SIGTERM ? ": interrupted by SIGTERM"
					   : ": interrupted by SIGINT");
	}
	buf_after(&b, p ? io_now_us() - p->start_us : 0);
	emit(1, &b);
	_exit(EXIT_UNHEALTHY);
}

/* One pass over every target; fills line; 0 when all are healthy. */
static int
attempt(const struct hc_config *c, uint64_t deadline_us, struct buf *line)
{
	/* Static: the watchdog may read the last probe after it returned. */
	static char mem[LINE_MAX_OUT + 2];
	static struct probe p;
	static struct buf msg;
	int i, rc = 0;

	line->len = 0;
	buf_str(line, "healthy: ");
	for (i = 0; i < c->ntargets; i++) {
		buf_init(&msg, mem, sizeof(mem));
		p.cfg = c;
		p.url = c->urls[i];
		p.msg = &msg;
		p.phase = "start";
		p.start_us = io_now_us();
		p.deadline_us = deadline_us;
		current = &p;
		rc = probes[c->targets[i].kind](&p, &c->targets[i]);
		if (rc < 0) {
			line->len = 0;
			buf_str(line, "unhealthy: ");
		} else if (i) {
			buf_str(line, "; ");
		}
		buf_str(line, c->urls[i]);
		buf_str(line, ": ");
		buf_mem(line, msg.p, msg.len);
		buf_after(line, io_now_us() - p.start_us);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int
run_probes(const struct hc_config *c)
{
	char mem[LINE_MAX_OUT + 2];
	struct itimerval itv;
	struct sigaction sa;
	struct timespec ts;
	uint64_t start, window, end, now, next, left;
	unsigned tries = 0, slot;
	struct buf line;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigfillset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	/*
	 * --wait: tries at start, start + interval, ... and one at the end
	 * of the window, each with its own -t: the run ends by wait + -t.
	 */
	start = io_now_us();
	window = start + c->wait_ms * 1000;
	end = window + c->timeout_ms * 1000;
	/*
	 * The watchdog is for calls that have no deadline of their own (name
	 * resolution); 20 ms after the end, so that a socket's own timeout
	 * at the very end writes the line, with the tries counted.
	 */
	memset(&itv, 0, sizeof(itv));
	left = end - start + 20000;
	itv.it_value.tv_sec = (time_t)(left / 1000000);
	itv.it_value.tv_usec = (suseconds_t)(left % 1000000);
	setitimer(ITIMER_REAL, &itv, NULL);

	buf_init(&line, mem, sizeof(mem) - 1);
	for (slot = 0;;) {
		now = io_now_us();
		tries++;
		next = now + c->timeout_ms * 1000;
		if (attempt(c, next < end ? next : end, &line) == 0) {
			if (!c->quiet)
				emit(1, &line);
			return 0;
		}
		now = io_now_us();
		if (!c->wait_ms || now >= window)
			break;
		if (c->interval_ms) {
			do
				next = start + ++slot * c->interval_ms * 1000;
			while (next <= now);
		} else {
			next = now;
		}
		if (next > window)
			next = window;
		if (c->verbose)
			emit(2, &line);
		ts.tv_sec = (time_t)((next - now) / 1000000);
		ts.tv_nsec = (long)((next - now) % 1000000) * 1000;
		while (nanosleep(&ts, &ts) < 0)
			;
	}
	if (c->wait_ms) {
		buf_str(&line, "; gave up after ");
		buf_u64(&line, tries);
		buf_str(&line, tries == 1 ? " try" : " tries");
	}
	emit(1, &line);
	return EXIT_UNHEALTHY;
}
