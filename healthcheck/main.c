/*
 * healthcheck: argv and environment -> one struct hc_config (targets
 * included) -> run_probes() (run.c) -> exit 0 (healthy) or 1 (anything
 * else, bad arguments included; never 2, which Docker reserves).  This
 * file only parses: a bad argument dies here with one line and exit 1.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "../lib/io.h"
#include "../lib/self.h"
#include "../lib/msg.h"
#include "../lib/num.h"
#include "../lib/opt.h"
#include "proto/expand.h"
#include "proto/http.h"
#include "probe.h"
#include "proto/target.h"

extern char **environ;

#define EXIT_UNHEALTHY 1
#define ARENA	       16384

#define USAGE                                                                  \
	"usage: healthcheck [-kqvhV] [-t duration] [-H 'name: value'] "        \
	"[-X method] [--host name] [--expect-status list] [--expect-body "     \
	"text] "                                                               \
	"[--no-follow] [--unix-socket path] [--wait duration] "                \
	"[--interval duration] [--password-file file] target ...\n"

enum {
	O_HOST = 256,
	O_STATUS,
	O_BODY,
	O_NOFOLLOW,
	O_UNIX,
	O_WAIT,
	O_INTERVAL,
	O_TARGET,
	O_CACERT,
	O_CERT,
	O_KEY,
	O_SERVERNAME,
	O_PASSFILE,
	O_LICENSE,
	O_INSTALL
};

static const struct opt opts[] = {
	{ 't', 1, 't', "timeout" },
	{ 'H', 1, 'H', "header" },
	{ 'X', 1, 'X', "method" },
	{ 0, 1, O_HOST, "host" },
	{ 0, 1, O_STATUS, "expect-status" },
	{ 0, 1, O_BODY, "expect-body" },
	{ 0, 0, O_NOFOLLOW, "no-follow" },
	{ 0, 1, O_UNIX, "unix-socket" },
	{ 0, 1, O_WAIT, "wait" },
	{ 0, 1, O_INTERVAL, "interval" },
	{ 'k', 0, 'k', "insecure" },
	{ 0, 1, O_CACERT, "cacert" },
	{ 0, 1, O_CERT, "cert" },
	{ 0, 1, O_KEY, "key" },
	{ 0, 1, O_SERVERNAME, "servername" },
	{ 0, 1, O_PASSFILE, "password-file" },
	{ 'v', 0, 'v', "verbose" },
	{ 'q', 0, 'q', "quiet" },
	{ 'h', 0, 'h', "help" },
	{ 'V', 0, 'V', "version" },
	{ 0, 0, O_LICENSE, "license" },
	{ 0, 1, O_INSTALL, "install" },
};
#define NOPTS (sizeof(opts) / sizeof(opts[0]))

static const struct {
	const char *name;
	int opt;
} envopts[] = {
	{ "HEALTHCHECK_TIMEOUT", 't' },
	{ "HEALTHCHECK_HEADER", 'H' },
	{ "HEALTHCHECK_METHOD", 'X' },
	{ "HEALTHCHECK_HOST", O_HOST },
	{ "HEALTHCHECK_EXPECT_STATUS", O_STATUS },
	{ "HEALTHCHECK_EXPECT_BODY", O_BODY },
	{ "HEALTHCHECK_NO_FOLLOW", O_NOFOLLOW },
	{ "HEALTHCHECK_UNIX_SOCKET", O_UNIX },
	{ "HEALTHCHECK_WAIT", O_WAIT },
	{ "HEALTHCHECK_INTERVAL", O_INTERVAL },
	{ "HEALTHCHECK_VERBOSE", 'v' },
	{ "HEALTHCHECK_QUIET", 'q' },
	{ "HEALTHCHECK_TARGET", O_TARGET },
	{ "HEALTHCHECK_INSECURE", 'k' },
	{ "HEALTHCHECK_CACERT", O_CACERT },
	{ "HEALTHCHECK_CERT", O_CERT },
	{ "HEALTHCHECK_KEY", O_KEY },
	{ "HEALTHCHECK_SERVERNAME", O_SERVERNAME },
	{ "HEALTHCHECK_PASSWORD_FILE", O_PASSFILE },
};

/*
 * What parsing works on: the config it fills, and the arena that holds
 * every string it made (a ${VAR} expanded, a line cut out of
 * HEALTHCHECK_HEADER or HEALTHCHECK_TARGET), so the environment is never
 * written to.  main() owns it; nothing else in healthcheck sees it.
 */
struct parse {
	struct hc_config *cfg;
	const char *passfile; /* --password-file */
	size_t env_headers;   /* of cfg->http.headers, from HEALTHCHECK_HEADER
				 (they come first) */
	char arena[ARENA];
	size_t used;
};

static void
usage_help(void)
{
	static const char help[] = USAGE
	    "Probe each target; exit 0 when all are healthy, 1 otherwise.\n"
	    "  http[s]://HOST[:PORT]/PATH  tcp://HOST:PORT  unix:///PATH  "
	    "file:///PATH[?max-age=30s]\n"
	    "  grpc://HOST:PORT[/SERVICE]  grpcs://...  (grpc.health.v1 over "
	    "HTTP/2, TLS)\n"
	    "  postgres://[USER@]HOST[:PORT][/DB]  mysql://HOST[:PORT]  "
	    "(readiness)\n"
	    "  redis://[[USER]:PASSWORD@]HOST[:PORT]  (PING, after AUTH with "
	    "a password)\n"
	    "  --password-file FILE  the password of redis:// targets "
	    "without one\n"
	    "  -t DUR  deadline for the run (800ms)  -H 'N: v' add/replace "
	    "('N:' removes)\n"
	    "  -X METHOD (GET)  --host NAME  --expect-status 200-399  "
	    "--expect-body TEXT\n"
	    "  --no-follow  --wait DUR  --interval DUR (1s)\n"
	    "  --unix-socket PATH  http, grpc and the databases over it\n"
	    "  -k  --cacert FILE  --cert FILE  --key FILE  --servername NAME  "
	    "(TLS)\n"
	    "  -v  detail on stderr  -q  quiet when healthy  -h  help  -V  "
	    "version\n"
	    "  --license  the licences of this program and what it links in\n"
	    "  --install DIR  a copy of healthcheck as DIR/healthcheck\n"
	    "${NAME} and ${NAME:-default} are expanded; options also come "
	    "from HEALTHCHECK_*.\n";

	io_write_all(1, help, sizeof(help) - 1);
	_exit(0);
}

static _Noreturn void
bad(const char *origin, const char *value, const char *why)
{
	msg_die_arg(EXIT_UNHEALTHY, origin, value, why);
}

static int
token(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') ||
		      strchr("!#$%&'*+-.^_`|~", *s)))
			return 0;
	return 1;
}

/* No CR, LF or other control byte but tab: nothing can split a header. */
static int
clean(const char *s)
{
	for (; *s; s++)
		if (((unsigned char)*s < 0x20 && *s != '\t') || *s == 0x7f)
			return 0;
	return 1;
}

/*
 * A copy of s[0..n) in the arena, with spare bytes of room after its NUL:
 * for a piece cut out of a variable (the environment stays as it was: a
 * /proc/self/environ reader, or getenv() after us, sees what was set),
 * or a URL to be redacted in place.
 */
static char *
keep(struct parse *ps, const char *origin, const char *s, size_t n,
     size_t spare)
{
	char *out = ps->arena + ps->used;

	if (n + spare >= sizeof(ps->arena) - ps->used)
		bad(origin, s, "too long");
	memcpy(out, s, n);
	memset(out + n, 0, spare + 1);
	ps->used += n + spare + 1;
	return out;
}

static void
add_target(struct parse *ps, char *url)
{
	struct hc_config *cfg = ps->cfg;
	int rc;

	if (cfg->ntargets == HC_TARGETS)
		bad("target", url, "more than 16 targets");
	rc = target_parse(url, &cfg->targets[cfg->ntargets]);
	if (rc < 0)
		bad("target", url, target_strerror(rc));
	if ((cfg->targets[cfg->ntargets].kind == TARGET_HTTPS ||
	     cfg->targets[cfg->ntargets].kind == TARGET_GRPCS) &&
	    !tls_transport)
		bad("target", url, tls_missing);
	/* The URL as shown: the password masked, in room of its own. */
	url = keep(ps, "target", url, strlen(url), 3);
	target_redact(url, strlen(url) + 4, &cfg->targets[cfg->ntargets]);
	cfg->urls[cfg->ntargets++] = url;
}

static void
apply(struct parse *ps, int id, const char *val, const char *origin)
{
	struct hc_config *cfg = ps->cfg;
	struct http_opts *h = &cfg->http;
	char name[128];
	uint64_t ms;
	size_t n, k;
	int rc;

	switch (id) {
	case 't':
	case O_WAIT:
	case O_INTERVAL:
		rc = num_duration(val, &ms);
		if (rc < 0 || (id == 't' && ms == 0))
			bad(origin, val,
			    rc == NUM_ERANGE
				? "duration too long"
				: "not a duration like 500ms, 2s or 1m");
		if (id == 't')
			cfg->timeout_ms = ms;
		else if (id == O_WAIT)
			cfg->wait_ms = ms;
		else
			cfg->interval_ms = ms;
		break;
	case 'H':
		n = strcspn(val, ":");
		if (!val[n] || n >= sizeof(name))
			bad(origin, val, "not 'Name: value'");
		memcpy(name, val, n);
		name[n] = '\0';
		if (!token(name) || !clean(val))
			bad(origin, val,
			    "bad header name, or a control byte (CR, LF)");
		/* The command line wins over the environment (ps->env_headers
		 * is 0 until HEALTHCHECK_HEADER has been read). */
		for (k = 0; k < ps->env_headers;) {
			if (!http_header_is(h->headers[k], val)) {
				k++;
				continue;
			}
			memmove(h->headers + k, h->headers + k + 1,
				(h->nheaders - k - 1) * sizeof(h->headers[0]));
			h->nheaders--;
			ps->env_headers--;
		}
		if (h->nheaders == HTTP_HEADERS)
			bad(origin, val, "more than 32 headers");
		h->headers[h->nheaders++] = val;
		break;
	case 'X':
		if (!token(val) || strlen(val) > 32)
			bad(origin, val, "not an HTTP method token");
		h->method = val;
		break;
	case O_HOST:
		if (!*val || !clean(val) || strchr(val, ' '))
			bad(origin, val, "not a host name");
		h->host = val;
		break;
	case O_STATUS:
		if (http1_parse_ranges(val, &h->expect) < 0)
			bad(origin, val,
			    "not a status list like 200-299,418 (100..999)");
		h->expect_text = val;
		break;
	case O_BODY:
		if (!*val)
			bad(origin, val, "empty");
		h->expect_body = val;
		break;
	case O_UNIX:
		if (!*val || !clean(val))
			bad(origin, val, "not a socket path");
		cfg->unix_socket = val;
		break;
	case O_NOFOLLOW:
		cfg->no_follow = 1;
		break;
	case 'v':
		cfg->verbose = 1;
		break;
	case 'q':
		cfg->quiet = 1;
		break;
	case 'k':
		cfg->insecure = 1;
		break;
	case O_CACERT:
	case O_CERT:
	case O_KEY:
	case O_SERVERNAME:
	case O_PASSFILE:
		if (!*val || !clean(val))
			bad(origin, val, "empty or a control byte");
		if (id == O_PASSFILE)
			ps->passfile = val;
		else if (id == O_CACERT)
			cfg->cacert = val;
		else if (id == O_CERT)
			cfg->cert = val;
		else if (id == O_KEY)
			cfg->key = val;
		else
			cfg->servername = val;
		break;
	}
}

static int
env_bool(const char *name, const char *v)
{
	int b = opt_bool(v);

	if (b < 0)
		bad(name, v, "not a boolean (1/0, true/false, yes/no, on/off)");
	return b;
}

/* Expand ${...} in s into the arena; dies on bad syntax or no room. */
static char *
expand(struct parse *ps, const char *origin, const char *s)
{
	char *out = ps->arena + ps->used;
	int n;

	n = expand_vars(s, out, sizeof(ps->arena) - ps->used, environ);
	if (n == EXPAND_ESYNTAX)
		bad(origin, s, "bad ${NAME} or ${NAME:-default}");
	if (n < 0)
		bad(origin, s, "too long after expansion");
	ps->used += (size_t)n + 1;
	return out;
}

/* Options from HEALTHCHECK_* first; the command line overrides them. */
static void
parse_env(struct parse *ps)
{
	const char *v, *p;
	size_t i, n;
	int id;

	for (i = 0; i < sizeof(envopts) / sizeof(envopts[0]); i++) {
		v = getenv(envopts[i].name);
		id = envopts[i].opt;
		if (!v || !*v)
			continue;
		if (id == O_NOFOLLOW || id == 'v' || id == 'q' || id == 'k') {
			if (env_bool(envopts[i].name, v))
				apply(ps, id, NULL, envopts[i].name);
		} else if (id != O_TARGET && id != 'H') {
			apply(ps, id, v, envopts[i].name);
		}
	}
	/* HEALTHCHECK_HEADER holds one header a line. */
	for (v = getenv("HEALTHCHECK_HEADER"); v && *v; v = p + (*p != '\0')) {
		n = strcspn(v, "\n");
		p = v + n;
		apply(ps, 'H', keep(ps, "HEALTHCHECK_HEADER", v, n, 0),
		      "HEALTHCHECK_HEADER");
	}
	ps->env_headers = ps->cfg->http.nheaders;
}

/* The command line: options and targets, which may mix. */
static void
parse_args(struct parse *ps, int argc, char **argv)
{
	struct opt_iter it = { 1, NULL, 0, "" };
	char *val;
	int k;

	for (;;) {
		k = opt_next(opts, NOPTS, argc, argv, &it, &val);
		if (k == OPT_DONE) {
			/* "--" ends options. */
			if (it.i >= argc)
				break;
			if (it.dashdash) {
				while (it.i < argc)
					add_target(ps, expand(ps, "target",
							      argv[it.i++]));
				break;
			}
			add_target(ps, expand(ps, "target", argv[it.i++]));
			continue;
		}
		if (k == OPT_EUNKNOWN)
			msg_die(EXIT_UNHEALTHY, "unknown option ", it.origin,
				" (see healthcheck -h)", NULL);
		if (k < 0)
			msg_die(EXIT_UNHEALTHY, "option ", it.origin,
				k == OPT_ENEEDS ? " needs a value"
						: " takes no value",
				NULL);
		if (opts[k].id == 'h')
			usage_help();
		if (opts[k].id == O_LICENSE) {
			self_license(tls_license);
			_exit(0);
		}
		if (opts[k].id == O_INSTALL)
			self_install(val, "healthcheck", EXIT_UNHEALTHY);
		if (opts[k].id == 'V') {
			char ver[64];
			struct buf b;

			buf_init(&b, ver, sizeof(ver));
			buf_str(&b, "healthcheck " VERSION);
			buf_str(&b, tls_build);
			buf_str(&b, "\n");
			io_write_all(1, b.p, b.len);
			_exit(0);
		}
		apply(ps, opts[k].id, val ? expand(ps, it.origin, val) : NULL,
		      it.origin);
	}
}

/*
 * --password-file: the password of every target that sends one
 * (redis://) and has none in its URL, read from the file with its
 * trailing newlines removed, as a Docker or Kubernetes secret holds it.
 * Without one, HEALTHCHECK_PASSWORD (what init --file-env makes of
 * HEALTHCHECK_PASSWORD_FILE).  A file that cannot be read, or over 255
 * bytes, or with a control byte inside, ends the run here with one line
 * naming it (exit 1); the password itself is never shown.
 */
static void
password_file(struct parse *ps)
{
	struct hc_config *cfg = ps->cfg;
	char pw[sizeof(cfg->targets[0].password) + 1];
	const char *origin = "--password-file", *what = ps->passfile, *v;
	long n;
	int k;

	if (ps->passfile) {
		n = io_read_file(ps->passfile, pw, sizeof(pw));
	} else {
		v = getenv("HEALTHCHECK_PASSWORD");
		if (!v || !*v)
			return;
		origin = "HEALTHCHECK_PASSWORD";
		what = "***";
		n = (long)strnlen(v, sizeof(pw));
		memcpy(pw, v, (size_t)n);
	}
	if (n < 0)
		msg_die_sys(EXIT_UNHEALTHY, "--password-file ", ps->passfile,
			    NULL);
	while (n && (pw[n - 1] == '\n' || pw[n - 1] == '\r'))
		n--;
	if ((size_t)n >= sizeof(pw) - 1)
		bad(origin, what, "over 255 bytes");
	pw[n] = '\0';
	if (strlen(pw) != (size_t)n || !clean(pw) || strchr(pw, '\t'))
		bad(origin, what, "a NUL or control byte in the password");
	for (k = 0; k < cfg->ntargets; k++) {
		if (cfg->targets[k].kind != TARGET_REDIS ||
		    cfg->targets[k].has_password)
			continue;
		memcpy(cfg->targets[k].password, pw, (size_t)n + 1);
		cfg->targets[k].has_password = 1;
	}
}

static void
parse(struct parse *ps, int argc, char **argv)
{
	struct hc_config *cfg = ps->cfg;
	const char *v;
	size_t i;
	int k;

	cfg->timeout_ms = 800;
	cfg->interval_ms = 1000;
	cfg->http.method = "GET";
	http1_parse_ranges("200-399", &cfg->http.expect);
	cfg->http.expect_text = "200-399";
	parse_env(ps);
	parse_args(ps, argc, argv);
	/* HEALTHCHECK_TARGET: targets separated by spaces. */
	if (!cfg->ntargets && (v = getenv("HEALTHCHECK_TARGET")) && *v) {
		for (v += strspn(v, " "); *v; v += i, v += strspn(v, " ")) {
			i = strcspn(v, " ");
			add_target(ps, expand(ps, "HEALTHCHECK_TARGET",
					      keep(ps, "HEALTHCHECK_TARGET", v,
						   i, 0)));
		}
	}
	if (!cfg->ntargets)
		msg_die(EXIT_UNHEALTHY, "no target given (see healthcheck -h)",
			NULL);
	password_file(ps);
	if (!cfg->cert != !cfg->key)
		bad(cfg->cert ? "--cert" : "--key",
		    cfg->cert ? cfg->cert : cfg->key,
		    "--cert and --key go together (mTLS)");
	for (k = 0; k < cfg->ntargets; k++)
		if (cfg->targets[k].kind == TARGET_GRPC &&
		    !cfg->targets[k].port_given && !cfg->unix_socket)
			bad("target", cfg->urls[k],
			    "grpc:// needs a port (or --unix-socket)");
}

int
main(int argc, char **argv)
{
	/* Static: 16 parsed targets (43 KiB) and the 16 KiB arena live as
	 * long as the run; off the stack. */
	static struct hc_config cfg;
	static struct parse ps;

	msg_prog = "healthcheck";
	msg_errs_more = &net_errs;
	ps.cfg = &cfg;
	parse(&ps, argc, argv);
	return run_probes(&cfg);
}
