/*
 * siglat N: signal forwarding latency through the init above.  A sender
 * child sends SIGUSR1 to our parent (the init under test) N times; the
 * init forwards it to us; we note the time from send to receipt.  One
 * signal in flight at a time (acknowledged through a pipe).  Prints the
 * median and the 99th percentile in microseconds.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int
cmp(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 10000, i, ack[2];
	volatile long long *sent;
	long long *lat;
	pid_t init = getppid(), s;
	sigset_t set;
	char c = 1;

	sent = mmap(NULL, sizeof(*sent), PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	lat = calloc((size_t)n, sizeof(*lat));
	if (sent == MAP_FAILED || !lat || pipe(ack) < 0)
		return 2;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	s = fork();
	if (s == 0) {
		for (i = 0; i < n; i++) {
			*sent = now_ns();
			kill(init, SIGUSR1);
			if (read(ack[0], &c, 1) != 1)
				_exit(1);
		}
		_exit(0);
	}
	for (i = 0; i < n; i++) {
		int sig;

		sigwait(&set, &sig);
		lat[i] = now_ns() - *sent;
		if (write(ack[1], &c, 1) != 1)
			return 1;
	}
	waitpid(s, NULL, 0);
	qsort(lat, (size_t)n, sizeof(*lat), cmp);
	printf("siglat %d median_us %.1f p99_us %.1f\n", n,
	       lat[n / 2] / 1000.0, lat[n * 99 / 100] / 1000.0);
	return 0;
}
