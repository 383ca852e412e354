# Shared by tests/lib.sh and bench/run.sh: a free port and one way to
# start nginx.  Sourced; defines functions only.

# free_port: a TCP port on 127.0.0.1 that nothing listens on right now.
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# nginx_start DIR SERVER_BLOCKS: nginx as root with its prefix, pid and
# logs in DIR and the given server { } blocks as its http block; returns
# 1 with the error log when it does not start.  nginx_stop DIR ends it.
nginx_start() {
	local dir=$1
	shift
	mkdir -p "$dir/logs" "$dir/html"
	cat >"$dir/nginx.conf" <<NGX
daemon on;
user root;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/error.log;
events { worker_connections 256; }
http {
	access_log off;
$*
}
NGX
	nginx -p "$dir" -c nginx.conf 2>/dev/null || {
		echo "not ok - nginx did not start:"
		cat "$dir/logs/error.log"
		return 1
	}
}
nginx_stop() { nginx -p "$1" -c nginx.conf -s stop 2>/dev/null; }

# Database servers from Debian in a directory of their own, on loopback.
# pg_init DIR: a cluster in DIR/data owned by nobody (postgres will not run
# as root), password "pw" for postgres, scram.  pg_ctl_in DIR ARGS... runs
# pg_ctl on it as nobody; PGBIN is the newest installed server.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
pg_init() {
	mkdir -p "$1" && chown nobody "$1" && echo pw >"$1/pw" && chown nobody "$1/pw"
	as_nobody "$PGBIN/initdb" -D "$1/data" -A scram-sha-256 --pwfile="$1/pw" \
		-U postgres >"$1/initdb.log" 2>&1 || { cat "$1/initdb.log"; return 1; }
}
pg_ctl_in() { local d=$1; shift; as_nobody "$PGBIN/pg_ctl" -D "$d/data" "$@"; }
# pg_start DIR PORT [-W] [postgres options]: logs to DIR/log, socket in DIR.
pg_start() {
	local d=$1 port=$2 wait=-w
	shift 2
	[ "${1:-}" = -W ] && { wait=-W; shift; }
	pg_ctl_in "$d" -l "$d/log" $wait -o "-p $port -k $d -c listen_addresses=127.0.0.1 $*" \
		start >/dev/null
}
# db_stop DIR: end at once whatever pg_start DIR/pg, redis_start DIR/rd and
# mariadb_start DIR/my left running (for an EXIT trap).
db_stop() {
	local f
	[ -f "$1/pg/data/postmaster.pid" ] &&
		pg_ctl_in "$1/pg" -m immediate stop >/dev/null 2>&1
	for f in "$1"/rd/*.pid "$1"/my/pid; do
		[ -f "$f" ] && kill -9 "$(head -1 "$f")" 2>/dev/null
	done
	return 0
}
# redis_start DIR NAME PORT ARGS...: daemonized, pid in DIR/NAME.pid.
redis_start() {
	local d=$1 name=$2 port=$3
	shift 3
	mkdir -p "$d"
	redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no \
		--dir "$d" --dbfilename "$name.rdb" --pidfile "$d/$name.pid" \
		--logfile "$d/$name.log" --daemonize yes "$@"
}
# mariadb_start DIR PORT ARGS...: a fresh data directory on first use (only
# root@localhost, by unix socket), the socket DIR/sock, pid DIR/pid.
mariadb_start() {
	local d=$1 port=$2
	shift 2
	mkdir -p "$d"
	[ -d "$d/data" ] || mariadb-install-db --no-defaults --datadir="$d/data" \
		--user=root --auth-root-authentication-method=socket --skip-test-db \
		>"$d/install.log" 2>&1 || { cat "$d/install.log"; return 1; }
	mariadbd --no-defaults --datadir="$d/data" --user=root --socket="$d/sock" \
		--port="$port" --bind-address=127.0.0.1 --skip-name-resolve --skip-log-bin \
		--innodb-buffer-pool-size=16M --log-error="$d/err.log" --pid-file="$d/pid" \
		"$@" >>"$d/stderr" 2>&1 &
}
