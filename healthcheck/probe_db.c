/*
 * postgres://, redis:// and mysql://: is the database ready, by its own
 * protocol (pg.c, resp.c, mysql.c), under the one deadline.  A TCP accept
 * is not readiness: each server accepts while it starts, loads or refuses,
 * and says so only in its protocol.
 *
 *   postgres  the StartupMessage; an authentication request or any error
 *	       but 57P03 is "accepting connections" (pg_isready's rule),
 *	       57P03 is "rejecting connections".  No password is sent.
 *   redis     [AUTH,] PING; +PONG is healthy; an error is not, but
 *	       NOAUTH when no password was given (the server is up).
 *   mysql     the greeting: a protocol-10 handshake is healthy (what
 *	       mysqladmin ping calls alive), an ERR packet is not.  Nothing
 *	       is sent.
 */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../lib/io.h"
#include "proto/mysql.h"
#include "proto/pg.h"
#include "probe.h"
#include "proto/resp.h"

/*
 * The target's server: over --unix-socket when given; for postgres a
 * directory there is a socket directory, as libpq's host=/dir is, and
 * the socket is DIR/.s.PGSQL.PORT.
 */
static int
connect_db(struct probe *p, const struct target *t)
{
	const char *s = p->cfg->unix_socket;
	char path[256];
	struct stat st;
	struct buf b;

	if (!s)
		return net_connect(p, t->host, t->port);
	if (t->kind == TARGET_POSTGRES && stat(s, &st) == 0 &&
	    S_ISDIR(st.st_mode)) {
		buf_init(&b, path, sizeof(path) - 1);
		buf_str(&b, s);
		buf_str(&b, "/.s.PGSQL.");
		buf_u64(&b, t->port);
		path[b.len] = '\0';
		s = path;
	}
	return net_connect_unix(p, s);
}

/*
 * More of an answer into b[*have..cap): -1 with p->msg set at EOF, on a
 * full buffer or an error.
 */
static int
more(struct probe *p, int fd, void *b, size_t cap, size_t *have)
{
	long got;

	if (*have == cap)
		return probe_fail(p, "receive: answer too long", NULL);
	got = net_recv(p, fd, (char *)b + *have, cap - *have);
	if (got < 0)
		return -1;
	if (got == 0)
		return probe_fail(p,
				  *have ? "receive: connection closed "
					  "mid-answer"
					: "no response: connection closed",
				  NULL);
	*have += (size_t)got;
	return 0;
}

/* The parser refused the answer; too_long: for its length. */
static int
not_protocol(struct probe *p, const char *what, int too_long)
{
	return probe_fail(p, "receive: not ", what,
			  too_long ? " (length out of bounds)" : "", NULL);
}

int
probe_postgres(struct probe *p, const struct target *t)
{
	uint8_t b[PG_MSG_MAX + 64];
	const char *user = *t->user ? t->user : "postgres";
	struct pg_reply r;
	size_t have = 0;
	long n;
	int fd, rc;

	n = pg_startup(user, *t->path ? t->path : user, b, sizeof(b));
	if (n < 0)
		return probe_fail(p, "user and database too long", NULL);
	fd = connect_db(p, t);
	if (fd < 0)
		return -1;
	if (net_send(p, fd, (const char *)b, (size_t)n) < 0)
		goto fail;
	p->phase = "receive";
	while ((rc = pg_parse(b, have, &r)) == PG_EMORE)
		if (more(p, fd, b, sizeof(b), &have) < 0)
			goto fail;
	close(fd);
	if (rc < 0)
		return not_protocol(p, "a PostgreSQL answer", rc == PG_ELONG);
	if (r.type == 'E' && !strcmp(r.code, PG_CANNOT_CONNECT_NOW))
		return probe_fail(p, "rejecting connections: ", r.severity, " ",
				  r.code, ": ", r.message, NULL);
	if (r.type == 'R')
		probe_say(p, "accepting connections (authentication: ",
			  pg_auth_name(r.auth), ")", NULL);
	else
		probe_say(p, "accepting connections (", r.severity, " ", r.code,
			  ": ", r.message, ")", NULL);
	return 0;
fail:
	close(fd);
	return -1;
}

/* The next reply line at b[*used..*have), receiving as needed. */
static int
next_line(struct probe *p, int fd, char *b, size_t cap, size_t *have,
	  size_t *used, struct resp_line *r)
{
	int rc;

	while ((rc = resp_line(b + *used, *have - *used, r)) == RESP_EMORE) {
		memmove(b, b + *used, *have - *used);
		*have -= *used;
		*used = 0;
		if (more(p, fd, b, cap, have) < 0)
			return -1;
	}
	if (rc < 0)
		return not_protocol(p, "a Redis reply", rc == RESP_ELONG);
	*used += (size_t)rc;
	return 0;
}

static int
redis_error(struct probe *p, const char *what, const struct resp_line *r)
{
	probe_fail(p, what, NULL);
	if (r->type != '-')
		buf_str(p->msg, "unexpected reply ");
	buf_mem(p->msg, r->text - (r->type != '-'), r->len + (r->type != '-'));
	return -1;
}

int
probe_redis(struct probe *p, const struct target *t)
{
	char b[2 * RESP_LINE_MAX];
	const char *auth[] = { "AUTH", t->user, t->password, NULL };
	const char *ping[] = { "PING", NULL };
	struct resp_line r;
	size_t have = 0, used = 0;
	int fd;

	if (!*t->user) {
		auth[1] = t->password;
		auth[2] = NULL;
	}
	if (t->has_password && resp_command(auth, b, sizeof(b), &have) < 0)
		return probe_fail(p, "user and password too long", NULL);
	resp_command(ping, b, sizeof(b), &have);
	fd = connect_db(p, t);
	if (fd < 0)
		return -1;
	if (net_send(p, fd, b, have) < 0)
		goto fail;
	p->phase = "receive";
	have = 0;
	if (t->has_password) {
		if (next_line(p, fd, b, sizeof(b), &have, &used, &r) < 0)
			goto fail;
		if (r.type != '+') {
			redis_error(p, "AUTH: ", &r);
			goto fail;
		}
	}
	if (next_line(p, fd, b, sizeof(b), &have, &used, &r) < 0)
		goto fail;
	close(fd);
	if (r.type == '+' && r.len == 4 && !memcmp(r.text, "PONG", 4)) {
		buf_str(p->msg, "PONG");
		return 0;
	}
	if (r.type == '-' && resp_word(&r, "NOAUTH") && !t->has_password) {
		buf_str(p->msg, "up, no password given (");
		buf_mem(p->msg, r.text, r.len);
		buf_str(p->msg, ")");
		return 0;
	}
	return redis_error(p, "", &r);
fail:
	close(fd);
	return -1;
}

int
probe_mysql(struct probe *p, const struct target *t)
{
	uint8_t b[MYSQL_PACKET_MAX + 8];
	struct mysql_greeting g;
	struct mysql_packet pk;
	size_t have = 0;
	int fd, rc;

	fd = connect_db(p, t);
	if (fd < 0)
		return -1;
	p->phase = "receive";
	while ((rc = mysql_packet(b, have, &pk)) == MYSQL_EMORE)
		if (more(p, fd, b, sizeof(b), &have) < 0)
			goto fail;
	if (rc < 0 || mysql_greeting(&pk, &g) < 0) {
		not_protocol(p, "a MySQL greeting", rc == MYSQL_ELONG);
		goto fail;
	}
	if (g.error) {
		probe_fail(p, "error ", NULL);
		buf_u64(p->msg, g.code);
		if (*g.state)
			probe_say(p, " (", g.state, ")", NULL);
		buf_str(p->msg, ": ");
		buf_mem(p->msg, g.text, g.text_len);
		goto fail;
	}
	close(fd);
	probe_say(p, "greeting from ", g.version, " (protocol 10)", NULL);
	return 0;
fail:
	close(fd);
	return -1;
}
