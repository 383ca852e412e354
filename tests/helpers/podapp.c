/* The apps of the CRI suite's pods (tests/k8s/cri.sh), one static binary
 * in a FROM scratch image under three names, as the manifests of
 * docker/examples/k8s call them:
 *   api      HTTP on $API_ADDR (127.0.0.1:8080): /healthz 200 "ok" (500
 *            once /fail was asked, until /heal), /ready 200 "ready";
 *            listens only after $API_DELAY_MS (a slow start for the
 *            startup probe).
 *   app      leaves 5 orphans behind, then the same answers on the unix
 *            socket $APP_SOCK (/run/app/app.sock), or on $API_ADDR if
 *            that is set (install.yaml's stock image).
 *   sidecar  nothing but waiting.
 * Each exits 0 $DRAIN_MS after SIGTERM (a drain), saying so. */
#include <errno.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t term;

static void
on_term(int sig)
{
	term = 1;
}

static void
nap(long ms)
{
	struct timespec ts = {ms / 1000, ms % 1000 * 1000000L};
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR && !term)
		;
}

static long
env_ms(const char *name)
{
	const char *v = getenv(name);
	return v ? atol(v) : 0;
}

static int
listen_on(const char *role)
{
	int fd;
	if (strcmp(role, "app") == 0 && !getenv("API_ADDR")) {
		struct sockaddr_un un = {.sun_family = AF_UNIX};
		const char *p = getenv("APP_SOCK");
		snprintf(un.sun_path, sizeof(un.sun_path), "%s", p ? p : "/run/app/app.sock");
		unlink(un.sun_path);
		fd = socket(AF_UNIX, SOCK_STREAM, 0);
		if (fd < 0 || bind(fd, (struct sockaddr *)&un, sizeof(un)) < 0)
			return -1;
	} else {
		struct sockaddr_in in = {.sin_family = AF_INET};
		char host[64] = "127.0.0.1";
		const char *a = getenv("API_ADDR"), *colon;
		int one = 1;
		in.sin_port = htons(8080);
		if (a && (colon = strrchr(a, ':')) && colon - a < (long)sizeof(host)) {
			memcpy(host, a, colon - a);
			host[colon - a] = 0;
			in.sin_port = htons(atoi(colon + 1));
		}
		inet_pton(AF_INET, host, &in.sin_addr);
		fd = socket(AF_INET, SOCK_STREAM, 0);
		if (fd < 0)
			return -1;
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (bind(fd, (struct sockaddr *)&in, sizeof(in)) < 0)
			return -1;
	}
	return listen(fd, 64) < 0 ? -1 : fd;
}

static void
orphans(void)
{
	for (int i = 0; i < 5; i++) {
		pid_t p = fork();
		if (p == 0) {
			if (fork() == 0) {
				nap(200);
				_exit(0);
			}
			_exit(0);
		}
		if (p > 0)
			waitpid(p, NULL, 0);
	}
}

static void
answer(int c, int *failed)
{
	char req[1024], out[256];
	const char *status = "404 Not Found", *body = "no such path\n";
	ssize_t n = read(c, req, sizeof(req) - 1);
	if (n <= 0)
		return;
	req[n] = 0;
	if (strncmp(req, "GET /healthz ", 13) == 0) {
		status = *failed ? "500 Internal Server Error" : "200 OK";
		body = *failed ? "failing\n" : "ok\n";
	} else if (strncmp(req, "GET /ready ", 11) == 0) {
		status = "200 OK", body = "ready\n";
	} else if (strncmp(req, "GET /fail ", 10) == 0) {
		*failed = 1, status = "200 OK", body = "now failing\n";
	} else if (strncmp(req, "GET /heal ", 10) == 0) {
		*failed = 0, status = "200 OK", body = "healed\n";
	}
	n = snprintf(out, sizeof(out),
	    "HTTP/1.1 %s\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n%s",
	    status, strlen(body), body);
	(void)!write(c, out, n);
}

int
main(int argc, char **argv)
{
	const char *role = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	struct sigaction sa = {.sa_handler = on_term};
	int fd = -1, failed = 0;
	sigaction(SIGTERM, &sa, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("%s: started as pid %d (uid %d)\n", role, (int)getpid(), (int)getuid());
	if (strcmp(role, "sidecar") != 0) {
		if (strcmp(role, "app") == 0)
			orphans();
		nap(env_ms("API_DELAY_MS"));
		if (!term && (fd = listen_on(role)) < 0) {
			printf("%s: cannot listen: %s\n", role, strerror(errno));
			return 1;
		}
	}
	while (!term) {
		struct pollfd p = {fd, POLLIN, 0};
		if (poll(&p, fd >= 0, -1) == 1) {
			int c = accept(fd, NULL, NULL);
			if (c >= 0) {
				answer(c, &failed);
				close(c);
			}
		}
	}
	printf("%s: SIGTERM, draining for %ld ms\n", role, env_ms("DRAIN_MS"));
	nap(env_ms("DRAIN_MS"));
	printf("%s: drained, exiting 0\n", role);
	return 0;
}
