#!/usr/bin/env bash
# End-to-end under Docker Engine (Debian's docker.io 20.10), the runtime
# most users have.  A private dockerd on its own socket (vfs storage, no
# bridge, no iptables: --network none and host only), whose daemon.json
# sets "init-path" to bin/init, so that `docker run --init` runs ours, as
# a user configures it.  Docker's own health runner runs every
# HEALTHCHECK here (podman without systemd runs none).  The daemon is
# stopped by its pid and everything it made goes with its data root.
# Fails loudly when dockerd cannot start: CI must not pass by skipping.
# Prints "N passed, N failed".
set -u
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
sh "$ROOT/tests/deps.sh" docker >/dev/null || exit 1
# Debian's client, of the daemon's own version (a newer one may be first
# on PATH).
DK=/usr/bin/docker
[ -x "$DK" ] || DK=docker
D=$TMP/d
export DOCKER_HOST=unix://$D/docker.sock
# The legacy builder, as 20.10 without buildx has it.
export DOCKER_BUILDKIT=0
DPID=
cleanup() {
	if [ -n "$DPID" ]; then
		# shellcheck disable=SC2046
		"$DK" rm -f $("$DK" ps -aq) >/dev/null 2>&1
		kill "$DPID" 2>/dev/null
		for _ in $(seq 150); do kill -0 "$DPID" 2>/dev/null || break; sleep 0.1; done
		kill -KILL "$DPID" 2>/dev/null
	fi
	# What a killed daemon may leave mounted under its roots.
	awk -v d="$D" 'index($2, d) == 1 {print $2}' /proc/mounts | sort -r |
		while read -r m; do umount -l "$m" 2>/dev/null; done
	rm -rf "$TMP"
}
trap cleanup EXIT

echo "# the daemon"
mkdir -p "$D"
printf '{ "init-path": "%s" }\n' "$ROOT/bin/init" >"$D/daemon.json"
dockerd --config-file "$D/daemon.json" --data-root "$D/root" --exec-root "$D/exec" \
	-H "$DOCKER_HOST" --pidfile "$D/docker.pid" --iptables=false --ip-masq=false \
	--bridge=none --storage-driver=vfs >"$D/log" 2>&1 &
DPID=$!
daemon_up "a private dockerd starts (docker.io)" "$D/log" "$DK" info
ok "a private dockerd $("$DK" version -f '{{.Server.Version}}') on $D/docker.sock"
expect "docker info shows our init's commit (daemon.json init-path; -V in tini's shape)" \
	"$("$DK" info -f '{{.InitCommit.ID}}')" "$COMMIT"
expect "... and dockerd logged no failure to parse it" \
	"$(grep -c 'failed to parse' "$D/log")" 0

echo "# images"
BB=$(command -v busybox)
mkdir -p ctx/bin ctx/www/cgi-bin noshell
cp "$ROOT/bin/init" "$ROOT/bin/healthcheck" "$H/ids" "$H/orphans" ctx/
cp "$BB" ctx/bin/busybox
for a in sh sleep httpd rm touch cat kill ls echo true tr; do ln -s busybox "ctx/bin/$a"; done
echo ok >ctx/www/healthz
printf '#!/bin/sh\nsleep 3\nprintf "Content-Type: text/plain\\r\\n\\r\\nslow\\n"\n' >ctx/www/cgi-bin/slow
chmod +x ctx/www/cgi-bin/slow
cat >ctx/Dockerfile <<'CF'
FROM scratch
COPY . /
ENV PATH=/bin
HEALTHCHECK --interval=1s --timeout=5s --retries=2 CMD ["/healthcheck", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["/init", "--"]
CMD ["httpd", "-f", "-p", "127.0.0.1:8080", "-h", "/www"]
CF
# The same app with no init and no health check: PID 1 is httpd.
sed -e '/^ENTRYPOINT/d' -e '/^HEALTHCHECK/d' ctx/Dockerfile >ctx/Dockerfile.bare
# No shell at all, as FROM scratch images are.
cp "$ROOT/bin/init" "$ROOT/bin/healthcheck" noshell/
printf 'FROM scratch\nCOPY . /\nENTRYPOINT ["/init", "--"]\nCMD ["/healthcheck", "--wait", "1h", "--interval", "1h", "tcp://127.0.0.1:1"]\n' \
	>noshell/Dockerfile
IMG=init-hc-e2e:test BARE=init-hc-e2e-bare:test NOSH=init-hc-e2e-nosh:test
if ! "$DK" build -q -t "$IMG" ctx >build.log 2>&1 ||
   ! "$DK" build -q -t "$BARE" -f ctx/Dockerfile.bare ctx >>build.log 2>&1 ||
   ! "$DK" build -q -t "$NOSH" noshell >>build.log 2>&1; then
	not_ok "docker build of FROM scratch images (see build.log)"
	cat build.log
	summary
	exit 1
fi
ok "docker build (legacy builder) of FROM scratch images"
expect_match "docker keeps the HEALTHCHECK (no --format needed)" \
	"$("$DK" image inspect -f '{{json .Config.Healthcheck.Test}}' "$IMG")" \
	'\["CMD","/healthcheck","http://127.0.0.1:8080/healthz"\]'

drun() { "$DK" run --network none "$@"; }
# fenced LANG EXT: each ```LANG block of the README and of docs/, as
# printed, in readmeN.EXT (N counts that language's blocks).
fenced() {
	awk -v lang="$1" -v ext="$2" '
		$0 == "```" lang {n++; f = sprintf("readme%d.%s", n, ext); inb = 1; next}
		/^```/ {inb = 0; next}
		inb {print > f}' "$ROOT/README.md" "$ROOT"/docs/*.md
}
status() { "$DK" inspect -f '{{.State.Health.Status}}' "$1" 2>/dev/null; }
health_log() { "$DK" inspect -f '{{range .State.Health.Log}}{{.ExitCode}} {{.Output}}|{{end}}' "$1"; }
# until_status NAME WANT SECS: wait for Docker's runner to say WANT.
until_status() {
	local _
	for _ in $(seq $(($3 * 10))); do
		[ "$(status "$1")" = "$2" ] && return 0
		sleep 0.1
	done
	return 1
}

echo "# Docker's health runner"
drun -d --name health "$IMG" >/dev/null
until_status health healthy 15
expect "the image's HEALTHCHECK: healthy" "$(status health)" healthy
expect_match "... with our line, exit 0" "$(health_log health)" \
	"^0 healthy: http://127.0.0.1:8080/healthz: status 200 after [0-9.]+ ms"
"$DK" exec health rm /www/healthz
until_status health unhealthy 15
expect "after the app's status flips: unhealthy (2 retries)" "$(status health)" unhealthy
expect_match "... our one line names why, exit 1 (never 2, which Docker reserves)" \
	"$(health_log health)" \
	"\|1 unhealthy: http://127.0.0.1:8080/healthz: status 404 \(expected 200-399\) after [0-9.]+ ms"
# --start-period: failures in it do not count; the app is ready at 2 s.
drun -d --name start2 --health-start-period 5s --health-retries 1 --health-interval 500ms \
	--health-cmd '/healthcheck http://127.0.0.1:8080/ready' \
	"$IMG" /bin/sh -c '(sleep 2; echo ok >/www/ready) & exec httpd -f -p 127.0.0.1:8080 -h /www' >/dev/null
sleep 1.5
expect "--health-start-period: failing checks in it leave the container starting" \
	"$(status start2)" starting
expect_match "... they did run and fail (404)" "$(health_log start2)" "^1 unhealthy: .*status 404"
until_status start2 healthy 10
expect "... then healthy once the app is, never unhealthy" "$(status start2)" healthy
# Our deadline fires before Docker's --timeout: a line, not a kill.
drun -d --name slow --health-timeout 3s --health-interval 1s --health-retries 1 \
	--health-cmd '/healthcheck -t 500ms http://127.0.0.1:8080/cgi-bin/slow' "$IMG" >/dev/null
until_status slow unhealthy 15
expect_match "a slow endpoint: our 500 ms deadline names the phase (Docker's 3 s timeout never fires)" \
	"$(health_log slow)" "^1 unhealthy: http://127.0.0.1:8080/cgi-bin/slow: timeout during receive after $(ms_from 500) ms"
# CMD-SHELL in an image without a shell: the exact error the README quotes.
drun -d --name noshell --health-cmd '/healthcheck tcp://127.0.0.1:1' --health-interval 1s \
	--health-retries 1 "$NOSH" >/dev/null
until_status noshell unhealthy 15
expect_match "docker run --health-cmd (CMD-SHELL) in a FROM scratch image: Docker's error, as the README quotes it" \
	"$(health_log noshell)" 'exec: "/bin/sh": stat /bin/sh: no such file or directory'
"$DK" rm -f health start2 slow noshell >/dev/null

echo "# docker stop, exit codes"
drun -d --name stop-init "$IMG" >/dev/null
wait_for "$DK" exec stop-init /healthcheck -q http://127.0.0.1:8080/healthz
t0=$(date +%s.%N)
"$DK" stop stop-init >/dev/null
with=$(since "$t0" 2)
drun -d --name stop-bare "$BARE" >/dev/null
wait_for "$DK" exec stop-bare /healthcheck -q http://127.0.0.1:8080/healthz
t0=$(date +%s.%N)
"$DK" stop -t 3 stop-bare >/dev/null
without=$(since "$t0" 2)
echo "  docker stop: ${with}s with init, ${without}s (-t 3) with httpd as PID 1"
secs_between "docker stop with init is prompt" "$with" 0 2.5
secs_between "control: httpd as PID 1 ignores TERM until docker's kill" "$without" 2.9 6
expect "the stopped app's exit code: 128+TERM" \
	"$("$DK" inspect -f '{{.State.ExitCode}}' stop-init)" 143
run drun --rm "$IMG" /bin/sh -c 'exit 7'
expect "the app's exit code" "$RC" 7
run drun --rm "$IMG" /bin/sh -c 'kill -USR1 $$'
expect "128+N for death by signal N" "$RC" 138
run drun --rm "$IMG" /no/such/app
expect "127 and init's one line for a missing command" "$RC:$ERR" \
	"127:init: fatal: unable to exec /no/such/app: No such file or directory"
# A stop asked from outside: the runtime's -t bounds the drain, not init.
# It runs in the background while the next sections do (checked below).
drun -d --name deaf "$IMG" /bin/sh -c \
	"(trap '' TERM; exec sleep 1000) & trap 'exit 5' TERM; while :; do sleep 0.1; done" >/dev/null
sleep 0.5
(
	t0=$(date +%s.%N)
	"$DK" stop -t 7 deaf >/dev/null
	since "$t0" >deaf.secs
) &
deaf=$!

echo "# a stop delay and a secret from a file, under Docker"
drun -d --name delay -e INIT_STOP_DELAY=2s "$IMG" >/dev/null
wait_for "$DK" exec delay /healthcheck -q http://127.0.0.1:8080/healthz
t0=$(date +%s.%N)
"$DK" stop delay >/dev/null
secs_between "INIT_STOP_DELAY=2s: docker stop's TERM is held 2 s, then the app stops" \
	"$(since "$t0")" 1.9 4
expect "... with the app's own status" "$("$DK" inspect -f '{{.State.ExitCode}}' delay)" 143
printf 's3cret\n' >secret
chmod 400 secret
run drun --rm -v "$TMP/secret:/run/secrets/db:ro" -e DB_PASSWORD_FILE=/run/secrets/db \
	-e INIT_FILE_ENV=DB_PASSWORD -e INIT_USER=1000 "$IMG" /bin/sh -c \
	'echo "$(cat /proc/self/status | grep -c "^Uid:.*1000") ${DB_PASSWORD} ${DB_PASSWORD_FILE:-unset}"; cat /run/secrets/db 2>&1 | grep -c denied'
expect "a 0400 secret mounted as Docker mounts them: the non-root app gets DB_PASSWORD, not the file" \
	"$OUT" "1 s3cret unset
1"

echo "# --health-cmd and a restart policy"
# The README's way to try the autoheal: fail the check from inside.
"$DK" run -d --network none --name autoheal --restart on-failure --entrypoint /init "$IMG" \
	--health-cmd '/healthcheck -q http://127.0.0.1:8080/healthz' --health-interval 300ms \
	--health-retries 2 -- httpd -f -p 127.0.0.1:8080 -h /www >/dev/null
wait_for "$DK" exec autoheal /healthcheck -q http://127.0.0.1:8080/healthz
"$DK" exec autoheal rm /www/healthz
for _ in $(seq 100); do
	[ "$("$DK" inspect -f '{{.RestartCount}}' autoheal)" -ge 1 ] && break
	sleep 0.1
done
expect "docker exec rm healthz: init stops the app (123), restart: on-failure brings it back" \
	"$("$DK" inspect -f '{{.RestartCount}}' autoheal | sed 's/^[1-9][0-9]*$/restarted/')" restarted
expect_match "... docker logs has init's line, and no healthy: line from the passing checks (-q)" \
	"$("$DK" logs autoheal 2>&1 | grep -c '^healthy:') $("$DK" logs autoheal 2>&1 | grep -m1 'health-cmd')" \
	"^0 init: --health-cmd failed 2 times in a row: sending SIGTERM to the main child$"
"$DK" rm -f autoheal >/dev/null
"$DK" run -d --network none --name killed --restart on-failure "$IMG" >/dev/null
wait_for "$DK" exec killed /healthcheck -q http://127.0.0.1:8080/healthz
"$DK" kill -s TERM killed >/dev/null
sleep 2
expect "docker kill -s TERM: exited 143, marked stopped by hand, never restarted" \
	"$("$DK" inspect -f '{{.State.Status}} {{.State.ExitCode}} {{.RestartCount}}' killed)" "exited 143 0"

echo "# docker run --init (init-path in daemon.json)"
run drun --rm --init "$BARE" /bin/sh -c 'tr "\0" " " </proc/1/cmdline'
expect_match "PID 1 is our init at Docker's init path" "$OUT" "^/sbin/docker-init -- /bin/sh "
run drun --rm --init "$BARE" /orphans 50
expect_match "... it reaps: 50 orphans, none left" "$OUT" "orphans: 50 created, 0 left"
run drun --rm --init "$BARE" /bin/sh -c 'exit 3'
expect "... exit codes pass through" "$RC" 3
run drun --rm --init "$BARE" /sbin/docker-init -V
expect "... its version, as Docker parses it" "$OUT" "init version $VERSION - git.$COMMIT"
drun -d --name initstop --init "$BARE" >/dev/null
wait_for "$DK" exec initstop /healthcheck -q http://127.0.0.1:8080/healthz
t0=$(date +%s.%N)
"$DK" stop initstop >/dev/null
secs_between "... and docker stop is prompt" "$(since "$t0")" 0 2.5

wait "$deaf"
secs_between "docker stop -t 7, a TERM-deaf helper: init waits for docker's kill, not its own 5 s" \
	"$(cat deaf.secs)" 6.8 10
expect "... and the exit status is Docker's kill of PID 1" \
	"$("$DK" inspect -f '{{.State.ExitCode}}' deaf)" 137

echo "# --read-only --cap-drop ALL --security-opt no-new-privileges"
SEC=(--read-only --cap-drop ALL --security-opt no-new-privileges)
Z=0000000000000000
run drun --rm "${SEC[@]}" "$IMG" /init -u 1000 -- /ids
expect "init -u without CAP_SETUID/SETGID: 122, and the line says what to add" "$RC:$ERR" \
	"122:init: fatal: unable to set groups: Operation not permitted (it needs CAP_SETUID and CAP_SETGID: --cap-add SETUID --cap-add SETGID, or the runtime's --user)"
run drun --rm "${SEC[@]}" --cap-add SETUID --cap-add SETGID "$IMG" /init -u 1000 -- /ids
expect_match "... with them added: dropped, no capability, no_new_privs" "$OUT" \
	"^uid=1000,1000,1000 gid=1000,1000,1000 groups=1000 cap=$Z/$Z/$Z/$Z nnp=1 "
run drun --rm "${SEC[@]}" --user 1000:1000 "$IMG" /ids
expect_match "... or Docker's own --user, init then unprivileged" "$OUT" \
	"^uid=1000,1000,1000 gid=1000,1000,1000 groups=1000 cap=$Z/$Z/$Z/$Z nnp=1 "
drun -d --name locked "${SEC[@]}" --user 1000:1000 "$IMG" >/dev/null
until_status locked healthy 15
expect "... the locked-down container goes healthy (Docker's runner)" "$(status locked)" healthy
# moby #8460: a non-root server on port 80.  Docker 20.10 sets
# ip_unprivileged_port_start to 0 in a container's own network namespace,
# where any user may bind port 80; the kernel's default, 1024, is what
# the host network, Kubernetes and other runtimes keep: set it here.
SEC+=(--sysctl net.ipv4.ip_unprivileged_port_start=1024)
run drun --rm --user 1000 "$IMG" /bin/sh -c 'httpd -p 127.0.0.1:80 -h /www && echo bound'
expect "Docker's default: any user binds port 80 in the container's network" "$OUT" bound
run drun --rm "${SEC[@]}" --cap-add SETUID --cap-add SETGID --cap-add NET_BIND_SERVICE \
	"$IMG" /init -u 1000 --keep-cap NET_BIND_SERVICE -- /bin/sh -c \
	'httpd -p 127.0.0.1:80 -h /www && /healthcheck http://127.0.0.1:80/healthz && /ids'
expect_match "--keep-cap NET_BIND_SERVICE: a non-root httpd serves port 80" "$OUT" \
	"^healthy: http://127.0.0.1:80/healthz"
expect_match "... holding exactly that capability, ambient too" "$OUT" \
	"uid=1000,1000,1000 .* cap=0000000000000400/0000000000000400/0000000000000400/0000000000000400 nnp=1 "
run drun --rm "${SEC[@]}" --user 1000 --cap-add NET_BIND_SERVICE "$IMG" /bin/sh -c \
	'httpd -p 127.0.0.1:80 -h /www 2>&1; echo rc=$?'
expect_match "control: docker run --user --cap-add NET_BIND_SERVICE alone cannot" "$OUT" \
	"Permission denied"
run drun --rm "${SEC[@]}" --cap-add SETUID --cap-add SETGID "$IMG" /init -u 1000 \
	--keep-cap NET_BIND_SERVICE -- true
expect "--keep-cap of a capability Docker dropped: 122 and one line" "$RC:$ERR" \
	"122:init: fatal: --keep-cap: CAP_NET_BIND_SERVICE is not in the bounding set (add it: --cap-add NET_BIND_SERVICE)"

echo "# docker/Dockerfile and the README's Dockerfiles, as printed"
BASE=init-hc-debian-build:12
if ! debian_tar "$ROOT/build/debian-12-build-tls.tar" \
	make,gcc,libc6-dev,musl-tools,binutils,libbearssl-dev >base.log; then
	not_ok "the Debian build base (mmdebstrap): $(cat base.log)"
else
	"$DK" import "$ROOT/build/debian-12-build-tls.tar" "$BASE" >/dev/null
	run "$DK" build --network none --build-arg BASE="$BASE" --build-arg COMMIT="$COMMIT" \
		-f "$ROOT/docker/Dockerfile" -t init-healthcheck "$ROOT"
	expect "docker build -f docker/Dockerfile, offline from a local Debian base" "$RC" 0
	expect_match "... the unit tests ran in the build stage" "$OUT" "mysql: [0-9]+ passed, 0 failed"
	c=$("$DK" create init-healthcheck)
	"$DK" cp "$c:/init" off-init && "$DK" cp "$c:/healthcheck" off-hc
	"$DK" rm "$c" >/dev/null
	expect "... its binaries are byte-identical to make all's" \
		"$(cmp off-init "$ROOT/bin/init" && cmp off-hc "$ROOT/bin/healthcheck" && echo same)" same
	run drun --rm init-healthcheck /init -V
	expect "... init -V in it" "$OUT" "init version $VERSION - git.$COMMIT"
	# Every whole Dockerfile of the README (one that has a FROM line),
	# extracted and built exactly as printed.
	fenced dockerfile Dockerfile
	"$DK" tag init-healthcheck tools
	for f in readme*.Dockerfile; do
		grep -q '^FROM ' "$f" || continue
		mkdir -p "rctx.$f"
		cp "$H/orphans" "rctx.$f/app"
		echo "a CA file" >"rctx.$f/ca.crt"
		run "$DK" build -q -f "$f" -t "readme:${f%.Dockerfile}" "rctx.$f"
		expect "README's $(grep -m1 '^FROM ' "$f") Dockerfile builds as printed" "$RC:$ERR" 0:
		expect_match "... its HEALTHCHECK is kept" \
			"$("$DK" image inspect -f '{{json .Config.Healthcheck.Test}}' "readme:${f%.Dockerfile}")" \
			'"/healthcheck"'
	done
	# distroless.Dockerfile's base comes from gcr.io, which no registry here
	# serves: a local stand-in of that name (its /etc/passwd with nonroot,
	# 65532, as distroless has) lets the file build as printed, and run.
	mkdir -p ex.distroless/base/etc
	printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' \
		>ex.distroless/base/etc/passwd
	printf 'root:x:0:\nnonroot:x:65532:\n' >ex.distroless/base/etc/group
	printf 'FROM scratch\nCOPY . /\n' >ex.distroless/base/Dockerfile
	"$DK" build -q -t gcr.io/distroless/static-debian12 ex.distroless/base >/dev/null
	cp "$ROOT/docker/examples/distroless.Dockerfile" ex.distroless/
	cp "$H/ids" ex.distroless/app
	run "$DK" build -q -f ex.distroless/distroless.Dockerfile -t ex:distroless ex.distroless
	expect "docker/examples/distroless.Dockerfile builds as printed (on a stand-in base)" "$RC:$ERR" 0:
	run drun --rm ex:distroless
	expect_match "... and init drops to the image's nonroot user by name" "$OUT" \
		"^uid=65532,65532,65532 gid=65532,65532,65532 groups=65532 cap=$Z/$Z/$Z/$Z "
	# The README's whole compose files (a services: block), as printed.
	fenced yaml yaml
	for f in readme*.yaml; do
		grep -q '^services:' "$f" || continue
		run docker-compose -f "$f" config -q
		expect "README's compose file ($f) is valid for docker-compose as printed" "$RC:$ERR" 0:
	done
	for f in scratch-app db; do
		mkdir -p "ex.$f"
		cp "$ROOT/docker/examples/$f.Dockerfile" "ex.$f/"
		cp "$H/orphans" "ex.$f/app"
		run "$DK" build -q --build-arg DB_BASE="$BASE" -f "ex.$f/$f.Dockerfile" -t "ex:$f" "ex.$f"
		expect "docker/examples/$f.Dockerfile builds as printed" "$RC:$ERR" 0:
	done
fi

echo "# docker-compose $(docker-compose version --short) on dockerd: service_healthy, Docker running the checks"
# docker/examples/compose.yaml as it is, its images replaced through its
# own variables: a Debian PostgreSQL that starts after a 3 s pause, and
# FROM scratch worker and api images (init, healthcheck, busybox).
PROJ=hce2edk
export DB_BASE=init-hc-pgbase:test DB_IMAGE=init-hc-db:test
export WORKER_IMAGE=init-hc-worker:test API_IMAGE=init-hc-api:test
if "$DK" image inspect init-healthcheck >/dev/null 2>&1 &&
   debian_tar "$ROOT/build/debian-12-postgresql.tar" postgresql-15 >base.log; then
	"$DK" import "$ROOT/build/debian-12-postgresql.tar" init-hc-debian-pg:12 >/dev/null
	compose_fixtures init-hc-debian-pg:12
	"$DK" build -q -t "$DB_BASE" pgbase >/dev/null && "$DK" build -q -t "$WORKER_IMAGE" app >/dev/null &&
		"$DK" tag "$WORKER_IMAGE" "$API_IMAGE"
	DC=(docker-compose -p "$PROJ" -f "$ROOT/docker/examples/compose.yaml")
	run "${DC[@]}" build
	expect "docker-compose build (db.Dockerfile)" "$RC" 0
	t0=$(date +%s)
	run timeout 120 "${DC[@]}" up -d
	expect "docker-compose up -d returns once the api is started" "$RC" 0
	t1=$(date +%s)
	"$DK" events --since "$t0" --until "$((t1 + 1))" --filter event=health_status \
		--format '{{.Time}} {{.Actor.Attributes.name}} {{.Status}}' >events.log
	first() { awk -v n="${PROJ}_$1_1" '$2 == n && /healthy$/ && !/unhealthy/ {print $1; exit}' events.log; }
	started() { date -d "$("$DK" inspect -f '{{.State.StartedAt}}' "${PROJ}_$1_1")" +%s.%N; }
	db=$(first db) worker=$(first worker)
	api=$(started api)
	# Event times are whole seconds: the api must start no earlier.
	awk "BEGIN{exit !(${db:-9e9} <= $api && ${worker:-9e9} <= $api && ${db:-9e9} >= $(started db) + 3)}" &&
		ok "the api started after Docker found db (after its 3 s pause) and worker healthy" ||
		not_ok "the api started at $api; db healthy at [$db], worker at [$worker]: $(cat events.log)"
	until_status "${PROJ}_api_1" healthy 20
	expect "the api's own check (\$\${PORT:-8080}) turns healthy under Docker's runner" \
		"$(status "${PROJ}_api_1")" healthy
	expect "... no healthy: line of --wait-cmd in docker logs (-q), the api's log is clean" \
		"$("$DK" logs "${PROJ}_api_1" 2>&1 | grep -c '^healthy:')" 0
	t0=$(date +%s.%N)
	run "${DC[@]}" down -t 10
	expect "docker-compose down" "$RC" 0
	secs_between "... in well under the 10 s (init forwards SIGTERM)" \
		"$(since "$t0" 3)" 0 8
else
	not_ok "the compose images: $(cat base.log)"
fi
echo "# the release images under Docker (docker/image.sh, ENGINE=docker)"
if [ ! -f "$ROOT/dist/SHA256SUMS" ]; then
	not_ok "dist/ from make release is there"
elif ! ENGINE=docker PATH="$(dirname "$DK"):$PATH" sh "$ROOT/docker/image.sh" rel:test >image.log 2>&1; then
	not_ok "ENGINE=docker docker/image.sh loads one image per architecture: $(tail -3 image.log)"
else
	expect "one command loads nine images, each of its own platform" \
		"$(for a in amd64 arm64 armhf armel i386 mips64el ppc64le s390x riscv64; do
			"$DK" image inspect -f '{{.Architecture}}{{.Variant}}' "rel:test-$a"; done | tr '\n' ' ')" \
		"amd64 arm64v8 armv7 armv5 386 mips64le ppc64le s390x riscv64 "
	run drun --rm rel:test-amd64
	expect "amd64: ENTRYPOINT init runs CMD healthcheck -V" "$RC:$OUT" \
		"0:healthcheck $VERSION (TLS 1.3 and 1.2: BearSSL)"
	run drun --rm --platform linux/arm64 rel:test-arm64 /init -V
	expect "arm64 under emulation: init -V" "$RC:$OUT" "0:init version $VERSION - git.$COMMIT"
fi

summary
