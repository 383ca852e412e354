/*
 * The floor for an HTTP probe: connect to 127.0.0.1:PORT, send a fixed
 * GET, read the status line, exit 0 on 2xx/3xx.  No names, no deadline, no
 * redirects, no checks.  Static.  usage: floor_probe PORT [PATH]
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	char req[256], buf[64];
	int fd, n;

	if (argc < 2)
		return 2;
	sa.sin_port = htons((unsigned short)atoi(argv[1]));
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return 1;
	n = snprintf(req, sizeof(req),
		     "GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close"
		     "\r\n\r\n", argc > 2 ? argv[2] : "/");
	if (write(fd, req, (size_t)n) != n)
		return 1;
	n = (int)read(fd, buf, sizeof(buf) - 1);
	if (n < 12)
		return 1;
	return buf[9] == '2' || buf[9] == '3' ? 0 : 1;
}
