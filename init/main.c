/*
 * init: reads the environment and argv into one struct init_config, then
 * runs the setup in order: --file-env (fileenv.c), --user (privdrop.c),
 * --wait-cmd (deps.c), the main command (spawn.c) and loop_run(), which
 * never returns.  A bad option dies here with one line and 125
 * (INIT_EXIT_USAGE), before anything has been started.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "../lib/io.h"
#include "../lib/self.h"
#include "../lib/msg.h"
#include "../lib/num.h"
#include "../lib/opt.h"
#include "../lib/sys.h"
#include "cap.h"
#include "init.h"
#include "privdrop.h"
#include "user.h"

extern char **environ;

/* The options are listed below it, and in init(8)'s synopsis. */
#define USAGE "usage: init [options] [--] command [arg ...]\n"

/* Docker's parse of an init-path's --version wants this shape. */
#define VERSION_LINE "init version " VERSION " - git." COMMIT "\n"

enum {
	OPT_GRACE = 256,
	OPT_NNP,
	OPT_BOUNDING,
	OPT_WAIT_CMD,
	OPT_WAIT_TIMEOUT,
	OPT_WAIT_INTERVAL,
	OPT_HEALTH_CMD,
	OPT_HEALTH_INTERVAL,
	OPT_HEALTH_TIMEOUT,
	OPT_HEALTH_RETRIES,
	OPT_HEALTH_START,
	OPT_HEALTH_LISTEN,
	OPT_LICENSE,
	OPT_INSTALL,
	OPT_KEEP_CAP,
	OPT_STOP_DELAY,
	OPT_FILE_ENV
};

/*
 * Options stop at the first non-option: "init ls -la" runs "ls -la".
 * Every option but the last two also reads INIT_ and its long name in
 * capitals, '-' as '_' (--wait-cmd: INIT_WAIT_CMD); env first, argv
 * wins.  --keep-caps is there for INIT_KEEP_CAPS, the documented name.
 */
static const struct opt opts[] = {
	{ 's', 0, 's', "subreaper" },
	{ 'g', 0, 'g', "pgroup" },
	{ 'c', 0, 'c', "single-child" },
	{ 'e', 1, 'e', "remap-exit" },
	{ 'p', 1, 'p', "pdeathsig" },
	{ 'r', 1, 'r', "rewrite" },
	{ 'v', 0, 'v', "verbose" },
	{ 'w', 0, 'w', "warn-reap" },
	{ 'u', 1, 'u', "user" },
	{ 0, 1, OPT_GRACE, "grace" },
	{ 0, 0, OPT_NNP, "no-new-privs" },
	{ 0, 0, OPT_BOUNDING, "clear-bounding" },
	{ 0, 1, OPT_KEEP_CAP, "keep-cap" },
	{ 0, 1, OPT_KEEP_CAP, "keep-caps" },
	{ 0, 1, OPT_STOP_DELAY, "stop-delay" },
	{ 0, 1, OPT_FILE_ENV, "file-env" },
	{ 0, 1, OPT_WAIT_CMD, "wait-cmd" },
	{ 0, 1, OPT_WAIT_TIMEOUT, "wait-timeout" },
	{ 0, 1, OPT_WAIT_INTERVAL, "wait-interval" },
	{ 0, 1, OPT_HEALTH_CMD, "health-cmd" },
	{ 0, 1, OPT_HEALTH_INTERVAL, "health-interval" },
	{ 0, 1, OPT_HEALTH_TIMEOUT, "health-timeout" },
	{ 0, 1, OPT_HEALTH_RETRIES, "health-retries" },
	{ 0, 1, OPT_HEALTH_START, "health-start-period" },
	{ 0, 1, OPT_HEALTH_LISTEN, "health-listen" },
	/* The last four are not read from the environment (apply_env). */
	{ 0, 1, OPT_INSTALL, "install" },
	{ 0, 0, OPT_LICENSE, "license" },
	{ 'h', 0, 'h', "help" },
	{ 'V', 0, 'V', "version" },
};
#define NOPTS (sizeof(opts) / sizeof(opts[0]))

static void
usage_help(void)
{
	static const char help[] = USAGE
	    "  -c  no own group  -g  signal the child's group  -s  accepted\n"
	    "  -e CODE  exit CODE becomes 0   -p SIG  parent-death signal\n"
	    "  -r FROM:TO  forward FROM as TO, 0 drops  -u USER[:GROUP]  run "
	    "as USER\n"
	    "  --grace DUR  then SIGKILL the rest (5s; none after a stop "
	    "from outside)\n"
	    "  --stop-delay DUR  hold the first SIGTERM  --file-env X,Y  "
	    "X_FILE=path sets X\n"
	    "  --keep-cap CAPS  USER keeps them  --no-new-privs  "
	    "--clear-bounding\n"
	    "  --wait-cmd CMD  until it succeeds (--wait-timeout, "
	    "--wait-interval)\n"
	    "  --health-cmd CMD  stop on failures (--health-interval, "
	    "--health-timeout,\n"
	    "    --health-retries, --health-start-period)\n"
	    "  --health-listen ADDR:PORT  its verdict over HTTP (200, 503)\n"
	    "  -v  log events  -w  log reaped zombies  -h  help  -V  version\n"
	    "  --license  licences  --install DIR  copy init to DIR/init\n"
	    "Env: INIT_<OPTION>. Exit: the child's, 128+signal; 122 system, "
	    "123 unhealthy,\n124 wait timeout, 125 usage, 126 cannot exec, "
	    "127 not found. See init(8).\n";

	io_write_all(1, help, sizeof(help) - 1);
	_exit(0);
}

static _Noreturn void
bad_value(const char *origin, const char *value, const char *why)
{
	msg_die_arg(INIT_EXIT_USAGE, origin, value, why);
}

/* The length of the run of blanks at p, or (blank 0) of non-blanks. */
static size_t
blanks(const char *p, int blank)
{
	size_t n = 0;

	while (p[n] && (p[n] == ' ' || p[n] == '\t' || p[n] == '\n') == blank)
		n++;
	return n;
}

/*
 * Split a command on blanks into a NULL-terminated argv kept in a static
 * arena (no shell, no quoting: documented in init.8).
 */
static char **
split_cmd(const char *origin, const char *cmd, const char **text)
{
	/* Static: the words outlive the call (the config points into them),
	 * and only --wait-cmd and --health-cmd runs touch them. */
	static char arena[8192] INIT_COLD;
	static char *words[(INIT_CMDS + 1) * (INIT_ARGS + 1)] INIT_COLD;
	static size_t used, nwords;
	char **argv = words + nwords, *p;
	size_t n = strlen(cmd) + 1, k = 0;

	if (2 * n > sizeof(arena) - used)
		bad_value(origin, cmd, "too long");
	*text = memcpy(arena + used, cmd, n);
	p = memcpy(arena + used + n, cmd, n);
	used += 2 * n;
	for (;;) {
		p += blanks(p, 1);
		if (!*p)
			break;
		if (k == INIT_ARGS ||
		    nwords + k + 1 >= sizeof(words) / sizeof(words[0]))
			bad_value(origin, cmd, "more than 32 words");
		argv[k++] = p;
		p += blanks(p, 0);
		if (*p)
			*p++ = '\0';
	}
	if (!k)
		bad_value(origin, cmd, "empty command");
	argv[k] = NULL;
	nwords += k + 1;
	return argv;
}

static uint64_t
duration(const char *origin, const char *arg)
{
	uint64_t v;
	int rc = num_duration(arg, &v);

	if (rc < 0)
		bad_value(origin, arg,
			  rc == NUM_ERANGE
			      ? "duration too long"
			      : "not a duration like 250ms, 10s or 1m");
	return v;
}

/* Apply one option (from argv or env) with its argument. */
static void
apply(struct init_config *c, int opt, const char *arg, const char *origin)
{
	uint64_t v;
	int from, to, rc;

	switch (opt) {
	case 's':
		break;
	case 'g':
		c->pgroup = 1;
		break;
	case 'c':
		c->single_child = 1;
		break;
	case 'v':
		c->verbose = 1;
		break;
	case 'w':
		c->warn_reap = 1;
		break;
	case OPT_NNP:
		c->no_new_privs = 1;
		break;
	case OPT_BOUNDING:
		c->clear_bounding = 1;
		break;
	case 'e':
		if (num_u64(arg, 0, 255, &v) < 0)
			bad_value(origin, arg, "not an exit code 0..255");
		c->remap[v] = 1;
		break;
	case 'p':
		rc = sig_parse(arg, 0);
		if (rc < 0)
			bad_value(
			    origin, arg,
			    "not a signal name or number 1.." SIG_LAST_TEXT);
		c->pdeathsig = rc;
		break;
	case 'r':
		if (sig_parse_rewrite(arg, &from, &to) < 0)
			bad_value(origin, arg,
				  "not FROM:TO signal names or numbers "
				  "(TO may be 0)");
		c->rewrite[from] = (unsigned char)to;
		break;
	case 'u':
		c->user = arg;
		break;
	case OPT_GRACE:
		c->grace_ms = duration(origin, arg);
		c->grace_set = 1;
		break;
	case OPT_STOP_DELAY:
		c->stop_delay_ms = duration(origin, arg);
		break;
	case OPT_HEALTH_LISTEN:
		c->health_listen = arg;
		break;
	case OPT_FILE_ENV:
		if (fileenv_check(arg) < 0)
			bad_value(origin, arg,
				  "not variable names (NAME,NAME; * for every "
				  "*_FILE)");
		c->file_env = arg;
		break;
	case OPT_KEEP_CAP:
		if (cap_parse(arg, &c->keep_caps) < 0)
			bad_value(origin, arg,
				  "not capability names (capabilities(7))");
		break;
	case OPT_WAIT_CMD:
		if (c->nwait == INIT_CMDS)
			bad_value(origin, arg, "more than 8 --wait-cmd");
		c->wait_cmd[c->nwait] =
		    split_cmd(origin, arg, &c->wait_text[c->nwait]);
		c->nwait++;
		break;
	case OPT_WAIT_TIMEOUT:
		c->wait_timeout_ms = duration(origin, arg);
		break;
	case OPT_WAIT_INTERVAL:
		c->wait_interval_ms = duration(origin, arg);
		break;
	case OPT_HEALTH_CMD:
		c->health_cmd = split_cmd(origin, arg, &c->health_text);
		break;
	case OPT_HEALTH_INTERVAL:
		c->health_interval_ms = duration(origin, arg);
		if (!c->health_interval_ms)
			bad_value(origin, arg, "must be above 0");
		break;
	case OPT_HEALTH_TIMEOUT:
		c->health_timeout_ms = duration(origin, arg);
		if (!c->health_timeout_ms)
			bad_value(origin, arg, "must be above 0");
		break;
	case OPT_HEALTH_START:
		c->health_start_ms = duration(origin, arg);
		break;
	case OPT_HEALTH_RETRIES:
		if (num_u64(arg, 1, 1000, &v) < 0)
			bad_value(origin, arg, "not a count 1..1000");
		c->health_retries = (unsigned)v;
		c->health_retries_set = 1;
		break;
	}
}

static int
env_bool(const char *name, const char *v)
{
	int b = opt_bool(v);

	if (b < 0)
		bad_value(name, v,
			  "not a boolean (1/0, true/false, yes/no, on/off)");
	return b;
}

/*
 * The environment, option by option.  Lists: -e and -r take
 * "143,130" and "TERM:QUIT,INT:0", --wait-cmd one command a line; blank
 * items are skipped.  A flag takes a boolean.
 */
static void
apply_env(struct init_config *c)
{
	char name[32] = "INIT_", item[256];
	const char *v, *p, *end;
	size_t k, i, n;
	int id, sep;

	for (k = 0; k < NOPTS - 4; k++) {
		id = opts[k].id;
		for (i = 0; opts[k].lng[i]; i++)
			name[5 + i] = opts[k].lng[i] == '-'
					  ? '_'
					  : (char)(opts[k].lng[i] & ~0x20);
		name[5 + i] = '\0';
		v = sys_getenv(name);
		if (!v || !*v)
			continue;
		if (!opts[k].has_arg) {
			if (env_bool(name, v))
				apply(c, id, NULL, name);
			continue;
		}
		sep = id == 'e' || id == 'r' ? ','
		      : id == OPT_WAIT_CMD   ? '\n'
					     : 0;
		if (!sep) {
			apply(c, id, v, name);
			continue;
		}
		for (p = v; *p; p = *end ? end + 1 : end) {
			for (end = p; *end && *end != sep; end++)
				;
			n = (size_t)(end - p);
			if (n >= sizeof(item))
				bad_value(name, v, "item too long");
			memcpy(item, p, n);
			item[n] = '\0';
			if (item[blanks(item, 1)])
				apply(c, id, item, name);
		}
	}
}

static void
parse_args(struct init_config *c, int argc, char **argv)
{
	struct opt_iter it = { 1, NULL, 0, "" };
	char *val;
	int k;

	for (k = 1; k <= SIG_LAST; k++)
		c->rewrite[k] = (unsigned char)k;
	c->grace_ms = 5000;
	c->wait_timeout_ms = 60000;
	c->wait_interval_ms = 1000;
	c->health_interval_ms = 30000;
	c->health_timeout_ms = 30000;
	c->health_retries = 3;
	apply_env(c);
	while ((k = opt_next(opts, NOPTS, argc, argv, &it, &val)) != OPT_DONE) {
		if (k == OPT_EUNKNOWN)
			msg_die(INIT_EXIT_USAGE, "unknown option ", it.origin,
				" (see init -h)", NULL);
		if (k < 0)
			msg_die(INIT_EXIT_USAGE, "option ", it.origin,
				k == OPT_ENEEDS ? " needs a value"
						: " takes no value",
				NULL);
		if (opts[k].id == 'h')
			usage_help();
		if (opts[k].id == 'V') {
			io_write_all(1, VERSION_LINE, sizeof(VERSION_LINE) - 1);
			_exit(0);
		}
		if (opts[k].id == OPT_LICENSE) {
			self_license(NULL);
			_exit(0);
		}
		if (opts[k].id == OPT_INSTALL)
			self_install(val, "init", INIT_EXIT_USAGE);
		apply(c, opts[k].id, val, it.origin);
	}
	if (it.i >= argc)
		msg_die(INIT_EXIT_USAGE, "no command given (see init -h)",
			NULL);
	c->argv = argv + it.i;
}

int
main(int argc, char **argv)
{
	/* Static: the config lives as long as init; off the stack that the
	 * main child never shares, and the credentials cold (--user only). */
	static struct init_config c;
	static struct user_creds cr INIT_COLD;
	int isolate = 0, foreground;
	pid_t pg;
	char n1[24];
	struct buf b;
	pid_t pid;

	msg_prog = "init";
	parse_args(&c, argc, argv);
	if (c.user)
		privdrop_resolve(c.user, &cr);
	if (c.keep_caps && (!c.user || !cr.uid))
		msg_die(INIT_EXIT_USAGE, "--keep-cap needs --user, not root",
			NULL);
	if (c.file_env)
		fileenv_load(c.file_env);
	if (c.health_listen && !c.health_cmd)
		msg_die(INIT_EXIT_USAGE, "--health-listen needs --health-cmd",
			NULL);

	c.self = getpid();
	if (c.self != 1 && sys_prctl(PR_SET_CHILD_SUBREAPER, 1, 0) < 0)
		msg_warn_sys("unable to become a subreaper", NULL);
	if (c.user)
		isolate = getuid() != cr.uid && spawn_shared_tty();
	spawn_setup(c.user ? cr.home : NULL, isolate);
	/* Signals are blocked now (a SIGIO would end init), and the drop
	 * is still ahead (a port under 1024). */
	c.listen_fd = c.health_listen ? listen_open(c.health_listen) : -1;
	if (c.listen_fd == -1 && c.health_listen)
		bad_value("--health-listen", c.health_listen,
			  "not ADDR:PORT (a.b.c.d:PORT, :PORT, [::]:PORT)");
	if (c.listen_fd == -2 && errno == EADDRINUSE)
		msg_die(INIT_EXIT_SYS, "--health-listen ", c.health_listen,
			": unable to listen: Address in use", NULL);
	if (c.listen_fd == -2)
		msg_die_sys(INIT_EXIT_SYS, "--health-listen ", c.health_listen,
			    ": unable to listen", NULL);
	if (c.clear_bounding)
		privdrop_bounding(c.keep_caps);
	if (c.user)
		privdrop_apply(c.user, &cr, c.keep_caps);
	if (c.no_new_privs && sys_prctl(PR_SET_NO_NEW_PRIVS, 1, 0) < 0)
		msg_die_sys(INIT_EXIT_SYS, "unable to set no_new_privs", NULL);
	if (c.pdeathsig &&
	    sys_prctl(PR_SET_PDEATHSIG, (unsigned long)c.pdeathsig, 0) < 0)
		msg_die_sys(INIT_EXIT_SYS,
			    "unable to set the parent-death signal", NULL);
	if (c.nwait)
		deps_wait(&c);
	foreground = sys_tty(0, TIOCGPGRP, &pg) == 0 && pg == getpgrp();
	pid = spawn(c.argv, c.single_child ? SPAWN_SAME_GROUP
			    : foreground   ? SPAWN_FOREGROUND
					   : SPAWN_OWN_GROUP);
	if (pid < 0)
		msg_die_sys(INIT_EXIT_SYS, "unable to fork", NULL);
	spawn_tidy(c.listen_fd);
	if (c.verbose) {
		buf_init(&b, n1, sizeof(n1));
		buf_u64(&b, (uint64_t)pid);
		msg_warn("spawned ", c.argv[0], " as pid ", n1,
			 c.self == 1 ? " (init is pid 1)"
				     : " (init is a subreaper)",
			 NULL);
	}
	loop_run(&c, pid);
}
