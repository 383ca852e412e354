/*
 * orphans N [LINGER_MS]: leave N orphans to the init above, then report
 * how many of them are still zombies.  Each orphan is a grandchild whose
 * parent exits at once; the orphan itself exits after LINGER_MS (default
 * 0), so it becomes init's to reap.  A fork refused (a pids limit) is
 * counted and tried again 1 ms later, for up to 60 s: under a limit, the
 * storm only gets through if the init keeps reaping.  The report waits (up to 10 s) until
 * no zombie child of our parent is left and says how long that took,
 * and how much CPU time our parent (the init) spent meanwhile (from
 * the creation of the first orphan); exit 0
 * when none is left, 1 otherwise.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Zombies (and, with all, any process) whose parent is ppid. */
static int
count_children(pid_t ppid, int all)
{
	char path[300], buf[512], *p, state;
	struct dirent *d;
	int n = 0, fd_ok, pp;
	FILE *f;
	DIR *dir = opendir("/proc");

	if (!dir)
		return -1;
	while ((d = readdir(dir))) {
		if (d->d_name[0] < '0' || d->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", d->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		fd_ok = fgets(buf, sizeof(buf), f) != NULL;
		fclose(f);
		p = fd_ok ? strrchr(buf, ')') : NULL;
		if (!p || sscanf(p + 1, " %c %d", &state, &pp) != 2)
			continue;
		if (pp == ppid && (all || state == 'Z') && atoi(d->d_name) != getpid())
			n++;
	}
	closedir(dir);
	return n;
}

/*
 * CPU time of pid in microseconds: the scheduler's own count in
 * /proc/PID/schedstat (nanoseconds), else utime + stime from
 * /proc/PID/stat (clock ticks, 10 ms steps); -1 when unreadable.
 */
static long
cpu_us(pid_t pid)
{
	char path[64], buf[1024], *p;
	unsigned long long ns;
	unsigned long ut, st;
	FILE *f;
	int ok;

	snprintf(path, sizeof(path), "/proc/%d/schedstat", (int)pid);
	f = fopen(path, "r");
	if (f) {
		ok = fscanf(f, "%llu", &ns) == 1;
		fclose(f);
		if (ok)
			return (long)(ns / 1000);
	}
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	ok = fgets(buf, sizeof(buf), f) != NULL;
	fclose(f);
	p = ok ? strrchr(buf, ')') : NULL;
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u "
			 "%lu %lu", &ut, &st) != 2)
		return -1;
	return (long)((ut + st) * 1000000 / (unsigned long)sysconf(_SC_CLK_TCK));
}

int
main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 100;
	int linger = argc > 2 ? atoi(argv[2]) : 0;
	pid_t init = getppid(), p;
	long t0, t1, c0 = cpu_us(init);
	int i, z, st, refused = 0;

	t0 = now_ms();
	for (i = 0; i < n && now_ms() - t0 < 60000; i++) {
		p = fork();
		if (p == 0) {
			p = fork();
			if (p == 0) {
				if (linger)
					usleep((useconds_t)linger * 1000);
				_exit(0);
			}
			_exit(p < 0);
		}
		if (p < 0 || (waitpid(p, &st, 0) == p && st != 0)) {
			refused++;
			i--;
			usleep(1000);
		}
	}
	n = i;
	t0 = now_ms();
	do {
		/* Orphans still lingering are not zombies yet: count both. */
		z = count_children(init, linger > 0);
		if (z == 0)
			break;
		usleep(2000);
	} while (now_ms() - t0 < 10000 + linger);
	t1 = now_ms();
	printf("orphans: %d created, %d left after %ld ms; init cpu %.1f ms; "
	       "%d forks refused\n", n, z, t1 - t0,
	       (double)(cpu_us(init) - c0) / 1000, refused);
	return z == 0 ? 0 : 1;
}
