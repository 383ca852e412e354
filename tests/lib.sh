# Shared by the test scripts: counters, assertions and ways to run init.
# Every assertion prints one line; summary prints "N passed, N failed".
PASS=0
FAIL=0
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
H=$ROOT/bin/helpers
# The version and commit the binaries name (-V), as the Makefile has them.
VERSION=$(sed -n 's/^VERSION *= *//p' "$ROOT/Makefile")
COMMIT=$(git -C "$ROOT" rev-parse --short=7 HEAD)
. "$ROOT/tests/servers.sh"

ok() { PASS=$((PASS + 1)); echo "ok - $*"; }
not_ok() { FAIL=$((FAIL + 1)); echo "not ok - $*"; }

# expect DESC GOT WANT
expect() {
	if [ "$2" == "$3" ]; then ok "$1"; else not_ok "$1: got [$2], want [$3]"; fi
}

# expect_match DESC GOT REGEX
expect_match() {
	if [[ $2 =~ $3 ]]; then ok "$1"; else not_ok "$1: [$2] !~ /$3/"; fi
}

# run CMD...: sets OUT, ERR, RC (and SECS, wall seconds) without failing.
run() {
	local t0 t1
	t0=$(date +%s.%N)
	OUT=$("$@" 2>"$TMP/.err")
	RC=$?
	t1=$(date +%s.%N)
	ERR=$(cat "$TMP/.err")
	SECS=$(echo "$t1 - $t0" | bc -l 2>/dev/null || awk "BEGIN{print $t1 - $t0}")
}

# secs_between DESC SECS LO HI.  HI leaves a loaded machine a few hundred
# ms past a deadline (CI saw a 70 ms sleep overrun): it catches a hang or
# a missed deadline, not a slow scheduler.
secs_between() {
	if awk "BEGIN{exit !($2 >= $3 && $2 <= $4)}"; then
		ok "$1 (${2%???????}s)"
	else
		not_ok "$1: took $2 s, want $3..$4"
	fi
}

# since T0 [DECIMALS]: the seconds from T0 (date +%s.%N) to now.
since() { awk "BEGIN{printf \"%.${2:-9}f\", $(date +%s.%N) - $1}"; }

# ms_from N: a regex for a time in ms that healthcheck prints ("512.3"),
# N or later; N is a multiple of 100 below 1000.  A deadline fires on
# time or late (a loaded machine), never early: no upper bound here.
ms_from() {
	local d=$(($1 / 100))
	echo "($d[0-9][0-9]|$([ "$d" -lt 9 ] && echo "[$((d + 1))-9][0-9][0-9]|")[1-9][0-9]{3,})\.[0-9]"
}

# Two commands (not functions, so that they work under exec, script(1)
# and sigstate): ns runs its arguments as PID 1 of a fresh pid namespace,
# sub as a plain child (init becomes a subreaper); both under a hard
# outer deadline of T seconds.
mkdir -p "$TMP/bin"
cat >"$TMP/bin/ns" <<'NS'
#!/bin/sh
exec timeout -s KILL "${T:-30}" unshare --pid --fork --kill-child --mount-proc "$@"
NS
cat >"$TMP/bin/sub" <<'SUB'
#!/bin/sh
exec timeout -s KILL "${T:-30}" "$@"
SUB
chmod +x "$TMP/bin/ns" "$TMP/bin/sub"
PATH=$TMP/bin:$PATH

kids() { cat /proc/"$1"/task/*/children 2>/dev/null | tr " " "\n" | grep .; }

# in_etc PASSWD GROUP CMD...: CMD with /etc a tmpfs holding just those
# files ("-" leaves one out), in a private mount namespace.
in_etc() {
	local pw=$1 gr=$2
	shift 2
	unshare --mount bash -c '
		mount -t tmpfs tmpfs /etc || exit 99
		[ "$0" = - ] || cp "$0" /etc/passwd
		[ "$1" = - ] || cp "$1" /etc/group
		shift; exec "$@"' "$pw" "$gr" "$@"
}

# wait_for CMD...: retry CMD for up to 5 s.
wait_for() {
	local i
	for i in $(seq 250); do "$@" && return 0; sleep 0.02; done
	return 1
}

# start MODE ARGS...: run "MODE bin/init ARGS" in the background; sets BG
# (the outer pid) and INIT (init's pid as this shell sees it).
start() {
	local mode=$1 p i
	shift
	"$mode" "$ROOT/bin/init" "$@" &
	BG=$!
	INIT=
	for i in $(seq 250); do
		p=$BG
		[ "$mode" = ns ] && p=$(kids "$p" | awk '{print $1}')
		[ -n "$p" ] && p=$(kids "$p" | awk '{print $1}')
		if [ -n "$p" ] && [ "$(cat /proc/"$p"/comm 2>/dev/null)" = init ]; then
			INIT=$p
			return 0
		fi
		sleep 0.02
	done
	echo "start: init did not appear" >&2
	return 1
}

# serve VAR CMD...: start a server in the background that writes its port
# to $TMP/VAR.port (a path its arguments name); set VAR to the port and
# VAR_PID to its pid, and remember it in PIDS for the caller's cleanup.
PIDS=()
serve() {
	local var=$1
	shift
	"$@" >>"$TMP/servers.log" 2>&1 &
	PIDS+=($!)
	printf -v "${var}_PID" %s $!
	wait_for test -s "$TMP/$var.port" || { echo "server $var did not start"; cat "$TMP/servers.log"; exit 1; }
	printf -v "$var" %s "$(cat "$TMP/$var.port")"
}

summary() {
	echo "$PASS passed, $FAIL failed"
	[ "$FAIL" -eq 0 ]
}

# debian_image IMAGE TAR PACKAGES: a Debian 12 minbase image with the
# comma-separated PACKAGES from Debian's archive, made with mmdebstrap once
# and kept, as TAR (under build/) and as IMAGE.  Returns 1 with the end of
# mmdebstrap's log when it cannot.
debian_image() {
	podman image exists "$1" && return 0
	debian_tar "$2" "$3" || return 1
	podman import "$2" "$1" >/dev/null
}

# debian_tar TAR PACKAGES: the tar of debian_image alone (made once, kept).
# Two suites may make the same one at once (docker.sh runs beside the
# podman ones): each writes its own file and renames it into place.
debian_tar() {
	[ -s "$1" ] && return 0
	mkdir -p "$(dirname "$1")"
	mmdebstrap --variant=minbase --format=tar --include="$2" bookworm \
		"$1.$$.tmp" >"$TMP/mmdebstrap.log" 2>&1 && mv "$1.$$.tmp" "$1" || {
		rm -f "$1.$$.tmp"; tail -3 "$TMP/mmdebstrap.log"; return 1; }
}

# compose_fixtures BASE: what docker/examples/compose.yaml runs on, in
# the current directory, each with its Dockerfile: pgbase/, Debian's
# PostgreSQL (the image BASE) started after a 3 s pause, and app/, the
# FROM scratch worker and api (init, healthcheck, busybox for their
# scripts; the worker's first heartbeat comes after 4 s).
compose_fixtures() {
	local a
	mkdir -p pgbase app/bin app/www
	cat >pgbase/start.sh <<'SH'
set -e
as="setpriv --reuid=postgres --regid=postgres --init-groups"
install -d -o postgres -g postgres /tmp/pg /var/run/postgresql
$as /usr/lib/postgresql/15/bin/initdb -D /tmp/pg/data -A trust -U postgres >/dev/null
sleep 3
exec $as /usr/lib/postgresql/15/bin/postgres -D /tmp/pg/data -c listen_addresses='*'
SH
	printf 'FROM %s\nCOPY start.sh /start.sh\nENTRYPOINT ["/bin/sh", "/start.sh"]\n' "$1" \
		>pgbase/Dockerfile
	cp "$ROOT/bin/init" "$ROOT/bin/healthcheck" app/
	cp "$(command -v busybox)" app/bin/busybox
	for a in sh sleep touch httpd; do ln -s busybox "app/bin/$a"; done
	printf '#!/bin/sh\nsleep 4\nwhile :; do touch "$2"; sleep 1; done\n' >app/worker
	printf '#!/bin/sh\nexec httpd -f -p "0.0.0.0:$PORT" -h /www\n' >app/api
	chmod +x app/worker app/api
	echo ok >app/www/healthz
	printf 'FROM scratch\nCOPY . /\nENV PATH=/bin\n' >app/Dockerfile
}

# rm_labelled KEY=VALUE...: removes every container, in any state, that
# carries one of these labels.
rm_labelled() {
	local l c
	for l; do
		for c in $(podman ps -aq --filter "label=$l" 2>/dev/null); do
			podman --runtime runc rm -f -t 0 "$c" >/dev/null 2>&1
		done
	done
}

# official_image IMAGE: docker/Dockerfile built as IMAGE with no network,
# from a local base with the build tools; sets OUT and RC as run does.
# --layers=false: no layer cache, so every build really runs the build
# stage (its unit tests, its static check) and leaves no dangling
# intermediate images; a cached build printed none of it (CI, stop 19).
# Within one make test (TEST_RUN_ID, tests/run.sh), an image this run
# built already is used again: podman.sh builds it, compose.sh reuses it.
official_image() {
	local deb=localhost/init-hc-debian-tls:12
	if [ -n "${TEST_RUN_ID:-}" ] && [ "$(podman image inspect -f \
		'{{index .Labels "init-hc-run"}}' "$1" 2>/dev/null)" = "$TEST_RUN_ID" ]; then
		OUT="$1: built earlier in this run" RC=0
		return
	fi
	debian_image "$deb" "$ROOT/build/debian-12-build-tls.tar" \
		make,gcc,libc6-dev,musl-tools,binutils,libbearssl-dev >"$TMP/.base" ||
		{ OUT="base image: $(cat "$TMP/.base")"; RC=1; return; }
	run podman --runtime runc build --layers=false --format docker --network none \
		--label init-hc-run="${TEST_RUN_ID:-none}" --build-arg BASE="$deb" --build-arg COMMIT="$COMMIT" \
		-f "$ROOT/docker/Dockerfile" -t "$1" "$ROOT"
}

# daemon_up WHAT LOG CMD...: wait (30 s at most) until CMD succeeds; else
# a "not ok" line, the end of LOG, the summary and exit 1: CI must not
# pass by skipping a daemon that did not start.
daemon_up() {
	local what=$1 log=$2 _
	shift 2
	for _ in $(seq 300); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
	not_ok "$what (see its log)"
	tail -20 "$log"
	summary
	exit 1
}

# go_build NAME SRC: a test's Go program (standard library only, no
# module, nothing fetched) into build/go/NAME, its cache in build/go;
# on failure a "not ok" line with the compiler's words, and 1.
go_build() {
	command -v go >/dev/null || { not_ok "go is missing (apt-get install golang-go)"; return 1; }
	mkdir -p "$ROOT/build/go"
	GOCACHE=$ROOT/build/go/cache GO111MODULE=off GOPATH=$ROOT/build/go/path \
		go build -o "$ROOT/build/go/$1" "$2" 2>"$TMP/go-build.log" && return 0
	not_ok "$2 builds: $(cat "$TMP/go-build.log")"
	return 1
}
