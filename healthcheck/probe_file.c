/*
 * Heartbeat files: healthy when the file exists and, with max-age, was
 * modified within that time (by the wall clock, as mtime is).  A file
 * from the future counts as fresh.
 */
#include <errno.h>
#include <sys/stat.h>
#include <time.h>

#include "probe.h"

static void
buf_secs(struct buf *b, uint64_t ms)
{
	buf_u64(b, ms / 1000);
	buf_str(b, ".");
	buf_u64(b, ms % 1000 / 100);
	buf_str(b, " s");
}

int
probe_file(struct probe *p, const struct target *t)
{
	struct timespec now;
	struct stat st;
	int64_t age_ms;

	p->phase = "stat";
	if (stat(t->path, &st) < 0) {
		buf_str(p->msg, "stat: ");
		buf_str(p->msg, msg_errstr(errno));
		return -1;
	}
	clock_gettime(CLOCK_REALTIME, &now);
	age_ms = ((int64_t)now.tv_sec - (int64_t)st.st_mtim.tv_sec) * 1000 +
		 ((int64_t)now.tv_nsec - (int64_t)st.st_mtim.tv_nsec) / 1000000;
	if (age_ms < 0)
		age_ms = 0;
	buf_str(p->msg, "modified ");
	buf_secs(p->msg, (uint64_t)age_ms);
	buf_str(p->msg, " ago");
	if (t->max_age_ms && (uint64_t)age_ms > t->max_age_ms) {
		buf_str(p->msg, " (max-age ");
		buf_secs(p->msg, t->max_age_ms);
		buf_str(p->msg, ")");
		return -1;
	}
	return 0;
}
