#!/usr/bin/env bash
# make demo: init as PID 1 of a fresh pid namespace, running a small app
# that leaves orphans and has a worker with a TERM trap; then a SIGTERM
# and the graceful, reported stop.
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
