#!/usr/bin/env bash
# docker/examples/compose.yaml for real: docker-compose 1.29 (Debian's)
# against podman's Docker API (podman system service), then podman-compose,
# with the example's own images replaced by local ones through its
# ${..._IMAGE} and ${DB_BASE} variables: a PostgreSQL from Debian's archive
# (mmdebstrap, cached in build/) that starts slowly, and FROM scratch
# worker and api images with init, healthcheck and busybox.
#
# Podman without systemd runs no health check by itself: this test runs
# "podman healthcheck run" for each service at its interval, as a daemon
# would, and logs when each first turns healthy.  The assertion is the
# one compose promises: the api starts only after db and worker are
# healthy.  Prints "N passed, N failed".
set -u
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
sh "$ROOT/tests/deps.sh" e2e >/dev/null || exit 1
P=(podman --runtime runc)
EX=$ROOT/docker/examples
PROJ=hce2e
export DB_BASE=localhost/init-hc-pgbase:test DB_IMAGE=localhost/init-hc-db:test
export WORKER_IMAGE=localhost/init-hc-worker:test API_IMAGE=localhost/init-hc-api:test
# Podman's defaults here: crun cannot run (hybrid cgroups) and rlimits
# cannot be raised, for the API service and the CLI alike.
cat >containers.conf <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=4096:4096"]
[engine]
runtime = "runc"
CONF
export CONTAINERS_CONF=$TMP/containers.conf
SVC_PID=
# The project's containers and network, as a run killed before its
# cleanup may have left them too.
remove_project() {
	rm_labelled "com.docker.compose.project=$PROJ" "io.podman.compose.project=$PROJ"
	"${P[@]}" network rm -f "${PROJ}_default" >/dev/null 2>&1
}
cleanup() {
	[ -n "$SVC_PID" ] && kill "$SVC_PID" 2>/dev/null
	kill "${PIDS[@]}" 2>/dev/null
	remove_project
	rm -rf "$TMP"
}
trap cleanup EXIT
remove_project
PIDS=()

echo "# images"
# init-healthcheck, as docker/Dockerfile builds it (offline, local base).
official_image localhost/init-healthcheck:latest
expect "init-healthcheck from docker/Dockerfile" "$RC" 0
# The database base: Debian's PostgreSQL, started after a 3 s pause.
debian_image localhost/init-hc-debian-pg:12 "$ROOT/build/debian-12-postgresql.tar" \
	postgresql-15 || not_ok "the Debian PostgreSQL image"
compose_fixtures localhost/init-hc-debian-pg:12
run "${P[@]}" build --network none -t "$DB_BASE" pgbase
expect "the PostgreSQL base" "$RC" 0
for i in "$WORKER_IMAGE" "$API_IMAGE"; do
	run "${P[@]}" build --format docker --network none -t "$i" app
	expect "image $i" "$RC" 0
done

# drive NAME...: what a daemon would do, "podman healthcheck run" on each
# container at its own interval (the first one interval after the start),
# logging "T NAME healthy" the first time each is healthy; stops when all
# are.
drive() {
	local n now
	declare -A next=() every=() seen=()
	for n in "$@"; do
		every[$n]=$("${P[@]}" inspect "$n" --format '{{.Config.Healthcheck.Interval}}')
		every[$n]=$(awk -v v="${every[$n]}" 'BEGIN{print (v ~ /^[0-9]+$/) ? v / 1e9 : v + 0}')
		next[$n]=$(awk "BEGIN{printf \"%.3f\", $(started "$n") + ${every[$n]}}")
	done
	while [ "${#seen[@]}" -lt "$#" ]; do
		now=$(date +%s.%N)
		for n in "$@"; do
			[ -n "${seen[$n]:-}" ] && continue
			awk "BEGIN{exit !($now >= ${next[$n]})}" || continue
			next[$n]=$(awk "BEGIN{printf \"%.3f\", ${next[$n]} + ${every[$n]}}")
			echo "$(date +%s.%N) $n run" >>drive.log
			if "${P[@]}" healthcheck run "$n" >>drive.log 2>&1; then
				seen[$n]=1
				echo "$(date +%s.%N) $n healthy" >>health.log
			fi
		done
		sleep 0.2
	done
}
started() { date -d "$("${P[@]}" inspect "$1" --format '{{.State.StartedAt}}' | sed 's/ [A-Z]*$//; s/ +0000//')" +%s.%N; }
healthy_at() { awk -v n="$1" '$2 == n {print $1}' health.log; }
later() { awk "BEGIN{exit !($1 > $2)}"; }

echo "# docker-compose $(docker-compose version --short) against podman system service"
echo "# (podman runs no health check without systemd: this test runs 'podman healthcheck run')"
SOCK=$TMP/podman.sock
"${P[@]}" system service --time=0 "unix://$SOCK" >service.log 2>&1 &
SVC_PID=$!
wait_for test -S "$SOCK" || not_ok "podman system service"
export DOCKER_HOST=unix://$SOCK
: >health.log
cd "$EX" || exit 1
DC=(docker-compose -p "$PROJ" -f compose.yaml)
run "${DC[@]}" build
expect "docker-compose build (db.Dockerfile, no dockerfile_inline)" "$RC" 0
"${DC[@]}" up -d >"$TMP/up.log" 2>&1 &
UP=$!
PIDS+=($UP)
cd "$TMP" || exit 1
running() { [ "$("${P[@]}" inspect "$1" --format '{{.State.Running}}' 2>/dev/null)" = true ]; }
T=60 wait_for running "${PROJ}_db_1"
T=60 wait_for running "${PROJ}_worker_1"
drive "${PROJ}_db_1" "${PROJ}_worker_1" &
PIDS+=($!)
T=120 timeout 120 tail --pid="$UP" -f /dev/null
wait "$UP"
expect "docker-compose up -d returns 0 once the api is started" "$?" 0
db=$(healthy_at "${PROJ}_db_1") worker=$(healthy_at "${PROJ}_worker_1")
if "${P[@]}" container exists "${PROJ}_api_1"; then
	api=$(started "${PROJ}_api_1")
	later "$api" "${db:-9e9}" && later "$api" "${worker:-9e9}" &&
		ok "the api started after db and worker were healthy (db +$(awk "BEGIN{printf \"%.1f\", $api - $db}") s, worker +$(awk "BEGIN{printf \"%.1f\", $api - $worker}") s)" ||
		not_ok "the api started at $api, db healthy at [$db], worker at [$worker]"
	dbstart=$(started "${PROJ}_db_1")
	later "$db" "$(awk "BEGIN{printf \"%.3f\", $dbstart + 3}")" &&
		ok "db was not healthy before its server ran (a 3 s pause)" ||
		not_ok "db healthy at $db, started at $dbstart"
	wait_for "${P[@]}" healthcheck run "${PROJ}_api_1" &&
		ok "the api's own HEALTHCHECK line (\$\${PORT:-8080}) passes" ||
		not_ok "the api's healthcheck: $("${P[@]}" healthcheck run "${PROJ}_api_1" 2>&1)"
	expect "the worker (uid 10001) turned healthy: its heartbeat in the tmpfs /tmp is fresh" \
		"$([ -n "$worker" ] && "${P[@]}" exec "${PROJ}_worker_1" /healthcheck -q file:///tmp/heartbeat?max-age=5s && echo yes)" yes
else
	not_ok "no api container: $(tail -5 up.log)"
	grep -v systemd drive.log | tail -20
fi
t0=$(date +%s.%N)
(cd "$EX" && "${DC[@]}" down -t 10 >"$TMP/down.log" 2>&1)
expect "docker-compose down" "$?" 0
secs_between "... in well under the 10 s grace (init forwards SIGTERM)" \
	"$(since "$t0")" 0 8
kill "$SVC_PID" 2>/dev/null
SVC_PID=
unset DOCKER_HOST

echo "# podman-compose $(podman-compose version 2>/dev/null | awk '/podman-compose/ {print $NF}')"
cd "$EX" || exit 1
PC=(podman-compose -p "$PROJ" -f compose.yaml)
run "${PC[@]}" up -d
expect "podman-compose up -d (no crash on the file)" "$RC" 0
cd "$TMP" || exit 1
c=$("${P[@]}" ps -q --filter "label=io.podman.compose.project=$PROJ" | wc -l)
expect "... three containers running" "$c" 3
apic=$("${P[@]}" ps --format '{{.Names}}' --filter "label=io.podman.compose.project=$PROJ" | grep api)
wait_for sh -c "podman --runtime runc logs $apic 2>&1 | grep -q ." 
T=40 timeout 40 sh -c "until podman --runtime runc exec $apic /healthcheck http://localhost:8080/healthz >/dev/null 2>&1; do sleep 0.5; done"
expect "... and the api, started by init after its --wait-cmd, answers on 8080" "$?" 0
(cd "$EX" && "${PC[@]}" down -t 10 >"$TMP/pcdown.log" 2>&1)
expect "podman-compose down" "$?" 0
summary
