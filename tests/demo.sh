#!/usr/bin/env bash
# make demo, the story in about 5 s once built: init as PID 1 of a fresh pid
# namespace, running a small app that leaves orphans and has a worker with
# a TERM trap, then a SIGTERM and the graceful, reported stop; healthcheck
# probing an app (healthy, then unhealthy with the line naming why);
# --wait-cmd holding an app until its dependency answers; --health-cmd
# stopping an app that stays unhealthy (exit 123).  Each step checks that
# it did what it says; the first that did not ends the demo with exit 1
# and a line naming it.  Needs only the build's packages and busybox's
# httpd (tests/deps.sh demo); leaves nothing running.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1
sh tests/deps.sh demo || exit 1
D=$(mktemp -d)
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$D"' EXIT
STEP=0
step() { STEP=$((STEP + 1)); echo; echo "== $STEP. $*"; }
# ok COND-EXIT WHAT: the step did what it says, or the demo ends here.
ok() {
	if [ "$1" -eq 0 ]; then
		echo "   ok: $2"
	else
		echo "demo: step $STEP failed: $2" >&2
		exit 1
	fi
}
# A TCP port on 127.0.0.1 that nothing answers on (bash alone).
port() {
	local p
	while :; do
		p=$((20000 + RANDOM % 40000))
		(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
	done
}
# until_up PORT: wait (5 s at most) for something to accept there.
until_up() {
	local _
	for _ in $(seq 100); do
		(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
		sleep 0.05
	done
	return 1
}
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

cat >"$D/app.sh" <<APP
echo "app: started as pid \$\$ (its parent, init, is pid \$PPID)"
$ROOT/bin/helpers/orphans 20 | sed 's/^/app: /'
( trap 'echo "worker: SIGTERM, flushing and exiting"; exit 0' TERM
  while :; do sleep 0.1; done ) &
setsid sh -c 'trap "echo daemon: SIGTERM, bye; exit 0" TERM; while :; do sleep 0.1; done' &
trap 'echo "app: SIGTERM, exiting with 0"; exit 0' TERM
while :; do sleep 0.1; done
APP

step "bin/init ($(wc -c <bin/init) bytes, static) as PID 1 of a new pid namespace"
echo "\$ unshare --pid --fork --mount-proc bin/init -v -- sh app.sh"
timeout -s KILL 30 unshare --pid --fork --kill-child --mount-proc \
	bin/init -v -- sh "$D/app.sh" >"$D/init.out" 2>&1 &
bg=$!
PIDS+=("$bg")
kid() { cat /proc/"$1"/task/*/children 2>/dev/null | tr -d ' '; }
ns_init=
for _ in $(seq 100); do
	ns_init=$(kid "$(kid "$bg")")
	[ -n "$ns_init" ] && grep -q "orphans" "$D/init.out" 2>/dev/null &&
		nsenter -t "$ns_init" -p -m ps -o args 2>/dev/null | grep -q "sh -c trap" && break
	sleep 0.05
done
sed 's/^/   /' "$D/init.out"
echo "   the namespace now (ps inside it):"
nsenter -t "$ns_init" -p -m ps -o pid,ppid,stat,args 2>/dev/null | sed 's/^/   /'
nsenter -t "$ns_init" -p -m ps -o pid=,comm= 2>/dev/null | grep -q '^ *1 init$'
ok $? "init is PID 1, the app and its worker and daemon run under it"
echo "   docker stop sends SIGTERM to PID 1:"
t0=$(date +%s%N)
kill -TERM "$ns_init"
wait "$bg"
rc=$?
took=$(ms "$t0")
sed 's/^/   /' "$D/init.out" | sed -n '/SIGTERM/,$p' | grep -v "^   app: orphan" | head -20
echo "   stopped in $took ms, exit status $rc"
[ "$rc" -eq 0 ] && [ "$took" -lt 5000 ] &&
	grep -q "worker: SIGTERM, flushing" "$D/init.out" &&
	grep -q "daemon: SIGTERM, bye" "$D/init.out" &&
	grep -q "app: SIGTERM, exiting with 0" "$D/init.out"
ok $? "every process ran its TERM trap, the app's status (0) is init's, well under docker's 10 s"

# healthcheck, the other half: an app (busybox httpd) probed from outside.
BB=$(command -v busybox)
P1=$(port)
mkdir -p "$D/www"
echo ok >"$D/www/healthz"
step "bin/healthcheck ($(wc -c <bin/healthcheck) bytes, static): one line, exit 0 or 1"
"$BB" httpd -f -p "127.0.0.1:$P1" -h "$D/www" &
PIDS+=($!)
until_up "$P1"
ok $? "busybox httpd, the app, listens on $P1"
# probe TARGET RC GLOB WHAT [NOTE]: healthcheck TARGET as shown, its line
# and exit status, both checked.
probe() {
	echo "\$ ${5:-}healthcheck $1"
	out=$(bin/healthcheck "$1")
	rc=$?
	echo "   $out"
	echo "   exit $rc"
	# shellcheck disable=SC2053
	[ "$rc" -eq "$2" ] && [[ $out == $3 ]]
	ok $? "$4"
}
probe "http://127.0.0.1:$P1/healthz" 0 "healthy: *status 200 after *" "healthy, exit 0"
rm "$D/www/healthz"
probe "http://127.0.0.1:$P1/healthz" 1 "unhealthy: *status 404 (expected 200-399)*" \
	"unhealthy, exit 1, the line says why (404)" "rm healthz; "
P2=$(port)
probe "tcp://127.0.0.1:$P2" 1 "*connect: Connection refused*" \
	"unhealthy, exit 1: connection refused (nothing listens there)"

step "--wait-cmd: the app starts only once its dependency answers (it comes up after 1.5 s)"
( sleep 1.5; exec "$BB" httpd -f -p "127.0.0.1:$P2" -h "$D/www" ) &
PIDS+=($!)
echo "\$ init --wait-cmd 'healthcheck -q tcp://127.0.0.1:$P2' --wait-interval 500ms -- sh -c 'echo app: up'"
t0=$(date +%s%N)
out=$(timeout -s KILL 30 bin/init --wait-cmd "$ROOT/bin/healthcheck -q tcp://127.0.0.1:$P2" \
	--wait-interval 500ms -- sh -c 'echo app: up' 2>&1)
rc=$?
took=$(ms "$t0")
echo "$out" | sed 's/^/   /'
echo "   the app started after $took ms, exit $rc"
[ "$rc" -eq 0 ] && [ "$(echo "$out" | tail -1)" = "app: up" ] && [ "$took" -ge 1400 ] &&
	[ "$(echo "$out" | grep -c "^unhealthy: tcp://127.0.0.1:$P2: connect: Connection refused")" -ge 2 ]
ok $? "the app ran once its dependency answered, not before (each refused try said so)"

step "--health-cmd: init stops an app that stays unhealthy (exit 123: a restart policy brings it back)"
kill "${PIDS[@]}" 2>/dev/null
wait 2>/dev/null
PIDS=()
P3=$(port)
echo ok >"$D/www/healthz"
( sleep 1.5; rm -f "$D/www/healthz"; echo "   (demo: healthz removed at 1.5 s)" ) &
PIDS+=($!)
echo "\$ init --health-cmd 'healthcheck -q http://127.0.0.1:$P3/healthz' --health-interval 300ms --health-retries 2 --health-start-period 500ms -- busybox httpd -f -p 127.0.0.1:$P3 ..."
t0=$(date +%s%N)
timeout -s KILL 30 bin/init --health-cmd "$ROOT/bin/healthcheck -q http://127.0.0.1:$P3/healthz" \
	--health-interval 300ms --health-retries 2 --health-start-period 500ms \
	-- "$BB" httpd -f -p "127.0.0.1:$P3" -h "$D/www" 2>"$D/health.err"
rc=$?
took=$(ms "$t0")
sed 's/^/   /' "$D/health.err"
echo "   exit $rc after $took ms"
[ "$rc" -eq 123 ] && [ "$took" -ge 1500 ] &&
	grep -q "^init: --health-cmd failed 2 times in a row: sending SIGTERM to the main child$" "$D/health.err"
ok $? "healthy while healthz was there, then stopped after 2 failed checks, exit 123"

kill "${PIDS[@]}" 2>/dev/null
wait 2>/dev/null
PIDS=()
echo
echo "demo: all $STEP steps did what they said"
