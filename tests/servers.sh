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
