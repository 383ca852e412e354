#!/usr/bin/env bash
# make demo, the story in under a minute: init as PID 1 of a fresh pid
# namespace, running a small app that leaves orphans and has a worker with
# a TERM trap, then a SIGTERM and the graceful, reported stop; healthcheck
# probing an app (healthy, then unhealthy with the line naming why);
# --wait-cmd holding an app until its dependency answers; --health-cmd
# stopping an app that stays unhealthy (exit 123).
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1
sh tests/deps.sh test || exit 1
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT

cat >"$D/app.sh" <<APP
echo "app: started as pid \$\$ (its parent, init, is pid \$PPID)"
$ROOT/bin/helpers/orphans 20 | sed 's/^/app: /'
( trap 'echo "worker: SIGTERM, flushing and exiting"; exit 0' TERM
  while :; do sleep 0.1; done ) &
setsid sh -c 'trap "echo daemon: SIGTERM, bye; exit 0" TERM; while :; do sleep 0.1; done' &
trap 'echo "app: SIGTERM, exiting with 0"; exit 0' TERM
while :; do sleep 0.1; done
APP

echo "== bin/init ($(wc -c <bin/init) bytes, static) as PID 1 of a new pid namespace"
echo "\$ unshare --pid --fork --mount-proc bin/init -v -- sh app.sh"
timeout -s KILL 30 unshare --pid --fork --kill-child --mount-proc \
	bin/init -v -- sh "$D/app.sh" &
bg=$!
sleep 1
kid() { cat /proc/"$1"/task/*/children | tr -d ' '; }
ns_init=$(kid "$(kid "$bg")")
echo "== the namespace now (ps inside it):"
nsenter -t "$ns_init" -p -m ps -o pid,ppid,stat,args 2>/dev/null |
	sed 's/^/   /'
echo "== docker stop sends SIGTERM to PID 1:"
t0=$(date +%s%N)
kill -TERM "$ns_init"
wait "$bg"
rc=$?
t1=$(date +%s%N)
echo "== stopped in $(( (t1 - t0) / 1000000 )) ms, exit status $rc" \
	"(the app's own status: the TERM traps above ran before the end)"

# healthcheck, the other half: an app (busybox httpd) probed from outside.
BB=$(command -v busybox)
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
P1=$(port) P2=$(port)
mkdir -p "$D/www"
echo ok >"$D/www/healthz"
echo
echo "== bin/healthcheck ($(wc -c <bin/healthcheck) bytes, static): one line, exit 0 or 1"
"$BB" httpd -f -p "127.0.0.1:$P1" -h "$D/www" &
web=$!
sleep 0.3
echo "\$ healthcheck http://127.0.0.1:$P1/healthz"
bin/healthcheck "http://127.0.0.1:$P1/healthz"
echo "  exit $?"
rm "$D/www/healthz"
echo "\$ rm healthz; healthcheck http://127.0.0.1:$P1/healthz"
bin/healthcheck "http://127.0.0.1:$P1/healthz"
echo "  exit $?"
echo "\$ healthcheck tcp://127.0.0.1:$P2   # nothing listens there"
bin/healthcheck "tcp://127.0.0.1:$P2"
echo "  exit $?"
kill "$web"

echo
echo "== --wait-cmd: the app starts only once its dependency answers (it comes up after 1.5 s)"
( sleep 1.5; exec "$BB" httpd -f -p "127.0.0.1:$P2" -h "$D/www" ) &
dep=$!
echo "\$ init --wait-cmd 'healthcheck -q tcp://127.0.0.1:$P2' --wait-interval 500ms -- sh -c 'echo app: up'"
t0=$(date +%s%N)
timeout -s KILL 30 bin/init --wait-cmd "$ROOT/bin/healthcheck -q tcp://127.0.0.1:$P2" \
	--wait-interval 500ms -- sh -c 'echo app: up'
echo "  the app started after $(( ($(date +%s%N) - t0) / 1000000 )) ms"
kill "$dep"

echo
echo "== --health-cmd: init stops an app that stays unhealthy (exit 123: a restart policy brings it back)"
echo ok >"$D/www/healthz"
( sleep 1.5; rm -f "$D/www/healthz"; echo "   (demo: healthz removed at 1.5 s)" ) &
echo "\$ init --health-cmd 'healthcheck -q http://127.0.0.1:$P1/healthz' --health-interval 300ms --health-retries 2 -- busybox httpd -f ..."
timeout -s KILL 30 bin/init --health-cmd "$ROOT/bin/healthcheck -q http://127.0.0.1:$P1/healthz" \
	--health-interval 300ms --health-retries 2 -- "$BB" httpd -f -p "127.0.0.1:$P1" -h "$D/www"
echo "  exit $?"
wait
