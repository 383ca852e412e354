#!/usr/bin/env bash
# End-to-end: bin/init and bin/healthcheck in a real OCI runtime (podman
# with runc), in FROM scratch images built here from the static binaries,
# busybox-static and small static helpers.  Fails loudly when podman
# cannot run: CI must not pass by skipping.  Prints "N passed, N failed".
set -u
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
P=(podman --runtime runc)
# Every container this script makes carries LABEL, by which it removes
# them at exit, and at the start what a run killed before its cleanup left.
LABEL=init-hc-e2e
RUNF=(--label "$LABEL" --ulimit nofile=20000:20000 --ulimit nproc=4096:4096 --network none)
IMG=localhost/init-hc-e2e:test
BARE=localhost/init-hc-e2e-bare:test
cleanup() { rm_labelled "$LABEL"; nginx_stop "$TMP/ngx" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
rm_labelled "$LABEL"

echo "# images"
BB=$(command -v busybox)
file -L "$BB" | grep -q 'statically linked' || { echo "not ok - busybox is not static: apt-get install busybox-static"; exit 1; }
mkdir -p ctx/bin ctx/www/cgi-bin ctx/tmp ctx/marks
cp "$ROOT/bin/init" "$ROOT/bin/healthcheck" "$H/ids" "$H/orphans" ctx/
cp "$BB" ctx/bin/busybox
for a in sh sleep httpd rm touch cat kill ls echo true; do ln -s busybox "ctx/bin/$a"; done
echo ok >ctx/www/healthz
printf '#!/bin/sh\nsleep 3\nprintf "Content-Type: text/plain\\r\\n\\r\\nslow\\n"\n' >ctx/www/cgi-bin/slow
chmod +x ctx/www/cgi-bin/slow
cat >ctx/app.sh <<'APP'
# The app: busybox httpd on 8080 in the foreground, as the main process.
exec httpd -f -p 127.0.0.1:8080 -h /www
APP
cat >ctx/Containerfile <<'CF'
FROM scratch
COPY . /
ENV PATH=/bin
ENTRYPOINT ["/init", "--"]
CMD ["/bin/sh", "/app.sh"]
CF
cat >ctx/Containerfile.bare <<'CF'
FROM scratch
COPY . /
ENV PATH=/bin
CMD ["/bin/sh", "/app.sh"]
CF
# The image's own HEALTHCHECK: kept only with --format docker.
HIMG=localhost/init-hc-e2e-health:test
cat ctx/Containerfile - >ctx/Containerfile.health <<'CF'
HEALTHCHECK --interval=1h --retries=1 CMD ["/healthcheck", "http://127.0.0.1:8080/healthz"]
CF
if ! "${P[@]}" build -q -t "$IMG" -f ctx/Containerfile ctx >build.log 2>&1 ||
   ! "${P[@]}" build -q -t "$BARE" -f ctx/Containerfile.bare ctx >>build.log 2>&1 ||
   ! "${P[@]}" build -q --format docker -t "$HIMG" -f ctx/Containerfile.health ctx >>build.log 2>&1 ||
   ! "${P[@]}" build -q -t "$HIMG-oci" -f ctx/Containerfile.health ctx >>build.log 2>&1; then
	not_ok "podman build works here (podman + runc needed; see build.log)"
	cat build.log
	summary
	exit 1
fi
ok "podman build of FROM scratch images"
expect_match "the image built with --format docker has its HEALTHCHECK" \
	"$("${P[@]}" image inspect "$HIMG" --format '{{.HealthCheck}}')" "/healthcheck http://127.0.0.1:8080/healthz"
expect "... the OCI build (podman's default) dropped it, as README warns" \
	"$("${P[@]}" image inspect "$HIMG-oci" --format '{{.HealthCheck}}')" "<nil>"

prun() { "${P[@]}" run "${RUNF[@]}" "$@"; }
# health_log NAME: the outputs of NAME's health checks, '|' after each
# (podman 4 names the field Health, older ones Healthcheck).
health_log() {
	"${P[@]}" inspect -f '{{range .State.Health.Log}}{{.Output}}|{{end}}' "$1" 2>/dev/null ||
		"${P[@]}" inspect -f '{{range .State.Healthcheck.Log}}{{.Output}}|{{end}}' "$1"
}

echo "# 1. podman stop"
prun -d --name stop-init "$IMG" >/dev/null
wait_for "${P[@]}" exec stop-init /healthcheck -q http://127.0.0.1:8080/healthz
t0=$(date +%s.%N)
"${P[@]}" stop stop-init >/dev/null 2>&1
t1=$(date +%s.%N)
with=$(awk "BEGIN{printf \"%.2f\", $t1 - $t0}")
prun -d --name stop-bare "$BARE" >/dev/null
wait_for "${P[@]}" exec stop-bare /healthcheck -q http://127.0.0.1:8080/healthz
t0=$(date +%s.%N)
"${P[@]}" stop stop-bare >/dev/null 2>&1
t1=$(date +%s.%N)
without=$(awk "BEGIN{printf \"%.2f\", $t1 - $t0}")
echo "  podman stop: ${with}s with init, ${without}s with the app as PID 1"
secs_between "stop with init is prompt (goal 0.2 s)" "$with" 0 3
secs_between "the same app as PID 1 ignores TERM until the 10 s kill" "$without" 8 13
expect "exit status of the stopped app: 128+TERM" \
	"$("${P[@]}" inspect -f '{{.State.ExitCode}}' stop-init)" 143

echo "# 2. exit codes"
run prun --rm "$IMG" /bin/sh -c 'exit 7'
expect "the app's exit code" "$RC" 7
run prun --rm "$IMG" /bin/sh -c 'kill -USR1 $$'
expect "128+N for death by signal N" "$RC" 138
run prun --rm "$IMG" /no/such/app
expect "127 for a missing command" "$RC" 127
expect_match "... with init's one line" "$ERR" "init: fatal: unable to exec /no/such/app: No such file or directory"

echo "# 3. zombies"
run prun --rm "$IMG" /bin/sh -c '/orphans 100 && ls /proc | grep -c "^[0-9]" '
expect_match "100 orphans reaped, none left (read in /proc)" "$OUT" "orphans: 100 created, 0 left"
# A real cgroup pids limit: 1,000 orphans that linger 20 ms each, never
# more than 16 tasks at once.  Forks are refused at the limit and only get
# through again as init reaps, so the storm ends only if init keeps reaping.
run prun --rm --pids-limit 16 "$IMG" /bin/sh -c \
	'cat /sys/fs/cgroup/pids.max /sys/fs/cgroup/pids/pids.max 2>/dev/null; exec /orphans 1000 20'
expect "the container runs under pids.max 16" "$(echo "$OUT" | head -1)" 16
expect_match "1,000 orphans against the pids limit: all reaped, none left" "$OUT" \
	"orphans: 1000 created, 0 left"
expect_match "... and the limit was hit (forks refused)" "$OUT" "; [1-9][0-9]* forks refused$"
expect "... the container exits 0" "$RC" 0
echo "  $(echo "$OUT" | tail -1)"
# A fork bomb that fills the limit and holds it: the shell dies on the
# refused fork (busybox sh: exit 2); init drains the 14 sleepers it left.
run prun --rm --pids-limit 16 -e INIT_VERBOSE=1 -e INIT_GRACE=2s "$IMG" \
	/bin/sh -c 'while :; do sleep 1000 & done'
expect "a fork bomb at the pids limit: init exits with the main status" "$RC" 2
expect_match "... after draining what it left" "$(echo "$ERR" | grep -c "reaped pid")" "^1[0-9]$"
secs_between "... at once, not at the grace" "$SECS" 0 1.9

echo "# 4. drain"
run prun --rm -v "$TMP/ctx/marks:/marks:z" "$IMG" /bin/sh -c \
	'setsid sh -c "trap \"echo ran >/marks/trap; exit 0\" TERM; while :; do sleep 0.1; done" & sleep 0.3; exit 0'
expect "container exit status" "$RC" 0
expect "a daemonised helper's TERM trap ran before the container ended" \
	"$(cat ctx/marks/trap 2>/dev/null)" ran

echo "# 5. podman healthcheck (the image's own HEALTHCHECK)"
prun -d --name health "$HIMG" >/dev/null 2>&1
wait_for "${P[@]}" exec health /healthcheck -q tcp://127.0.0.1:8080
"${P[@]}" healthcheck run health >/dev/null 2>&1
expect "podman healthcheck run: healthy" "$?" 0
"${P[@]}" exec health rm /www/healthz
"${P[@]}" healthcheck run health >/dev/null 2>&1
expect "unhealthy after the app's status flips" "$?" 1
log=$(health_log health)
expect_match "our one line in the health log" "$log" \
	"unhealthy: http://127.0.0.1:8080/healthz: status 404 \(expected 200-399\) after [0-9.]+ ms"
expect "status in podman inspect" "$("${P[@]}" inspect -f '{{.State.Health.Status}}' health 2>/dev/null ||
	"${P[@]}" inspect -f '{{.State.Healthcheck.Status}}' health)" unhealthy

echo "# 6. user drop"
Z=0000000000000000
run prun --rm "$IMG" /init -u 1000:1000 -- /ids
expect_match "init -u 1000:1000: ids, groups and no capabilities" "$OUT" \
	"^uid=1000,1000,1000 gid=1000,1000,1000 groups=1000 cap=$Z/$Z/$Z/$Z nnp=0 home=/$"
run prun --rm --user 1000:1000 "$IMG" /ids
expect_match "podman --user 1000:1000 then init" "$OUT" \
	"^uid=1000,1000,1000 gid=1000,1000,1000 groups=1000 cap=$Z/$Z/$Z/$Z "
run prun --rm "$IMG" /init -u nobody -- /ids
expect "an unknown user (no /etc/passwd in the image): 125" "$RC" 125
run prun --rm "$IMG" /init -u 1000 --no-new-privs -- /ids
expect_match "--no-new-privs" "$OUT" " nnp=1 "
# The bounding set is kept by default, as Docker and gosu keep it; it only
# bounds what a setuid or file-capability program could regain.
run prun --rm "$IMG" /init -u 1000 -- /ids bnd
expect_match "-u keeps the runtime's bounding set" "$OUT" "^bnd=0*[1-9a-f][0-9a-f]*$"
run prun --rm "$IMG" /init -u 1000 --clear-bounding -- /ids bnd
expect "--clear-bounding empties it" "$OUT" "bnd=$Z"
run prun --rm -e INIT_CLEAR_BOUNDING=1 "$IMG" /ids bnd
expect "INIT_CLEAR_BOUNDING=1, root child: empty too" "$OUT" "bnd=$Z"
run prun --rm --user 1000 "$IMG" /init --clear-bounding -- /ids bnd
expect_match "--clear-bounding as non-root: 122, naming CAP_SETPCAP" "$RC $ERR" \
	"^122 init: fatal: unable to clear the capability bounding set \(it needs CAP_SETPCAP\): Operation not permitted$"

echo "# 7. --init-path"
prun -d --name initpath --init --init-path "$ROOT/bin/init" "$BARE" >/dev/null
wait_for "${P[@]}" exec initpath /healthcheck -q tcp://127.0.0.1:8080
expect_match "PID 1 is our init at podman's init path" \
	"$("${P[@]}" exec initpath cat /proc/1/cmdline | tr '\0' ' ')" "^/run/podman-init -- "
t0=$(date +%s.%N)
"${P[@]}" stop initpath >/dev/null 2>&1
t1=$(date +%s.%N)
secs_between "... and podman stop is prompt" "$(awk "BEGIN{printf \"%.9f\", $t1 - $t0}")" 0 3
run prun --rm --init --init-path "$ROOT/bin/init" "$BARE" /orphans 50
expect_match "... and reaps" "$OUT" "orphans: 50 created, 0 left"

echo "# 8. healthcheck timeout"
prun -d --name slow --health-cmd '["/healthcheck","-t","500ms","http://127.0.0.1:8080/cgi-bin/slow"]' \
	--health-timeout 2s --health-interval 1h "$IMG" >/dev/null 2>&1
wait_for "${P[@]}" exec slow /healthcheck -q tcp://127.0.0.1:8080
"${P[@]}" healthcheck run slow >/dev/null 2>&1
expect "a slow endpoint is unhealthy" "$?" 1
log=$("${P[@]}" inspect -f '{{range .State.Health.Log}}{{.Output}}|{{end}}' slow 2>/dev/null ||
	"${P[@]}" inspect -f '{{range .State.Healthcheck.Log}}{{.Output}}|{{end}}' slow)
expect_match "our line names the timeout instead of a silent kill" "$log" \
	"unhealthy: http://127.0.0.1:8080/cgi-bin/slow: timeout during receive after $(ms_from 500) ms"
echo "# 9. --wait-cmd and --health-cmd"
prun -d --name waiter "$IMG" /init --wait-cmd "/healthcheck -q tcp://127.0.0.1:9090" \
	--wait-interval 200ms -- /bin/sh -c 'echo main started; exec httpd -f -p 127.0.0.1:8080 -h /www' >/dev/null
sleep 1.5
expect "the main command has not started while the dependency is down" \
	"$("${P[@]}" logs waiter 2>&1 | grep -c 'main started')" 0
"${P[@]}" exec waiter httpd -p 127.0.0.1:9090 -h /www
wait_for sh -c "${P[*]} logs waiter 2>&1 | grep -q 'main started'"
expect "... and starts once it is up" "$("${P[@]}" logs waiter 2>&1 | grep -c 'main started')" 1
prun -d --name watchdog "$IMG" /init --health-cmd "/healthcheck -q http://127.0.0.1:8080/healthz" \
	--health-interval 300ms --health-retries 2 -- /bin/sh /app.sh >/dev/null
wait_for "${P[@]}" exec watchdog /healthcheck -q http://127.0.0.1:8080/healthz
"${P[@]}" exec watchdog rm /www/healthz
expect "an app that turns unhealthy is stopped: the container exits 123" \
	"$(timeout 20 "${P[@]}" wait watchdog 2>/dev/null)" 123
expect_match "... with init's line in the logs" "$("${P[@]}" logs watchdog 2>&1)" \
	"init: --health-cmd failed 2 times in a row: sending SIGTERM to the main child"
echo "# 10. multi-arch release image (docker/image.sh), arm64 under emulation"
MA=localhost/init-hc-e2e-multi:test
if [ ! -f "$ROOT/dist/SHA256SUMS" ]; then
	not_ok "dist/ from make release is there"
elif ! sh "$ROOT/docker/image.sh" "$MA" >image.log 2>&1; then
	not_ok "docker/image.sh builds the manifest list: $(tail -3 image.log)"
else
	expect "the manifest list has nine platforms" \
		"$("${P[@]}" manifest inspect "$MA" | python3 -c 'import json,sys; print(" ".join(sorted(m["platform"]["architecture"] + m["platform"].get("variant", "") for m in json.load(sys.stdin)["manifests"])))')" \
		"386 amd64 arm64 armv5 armv7 mips64le ppc64le riscv64 s390x"
	expect "the arm64 image says arm64" \
		"$("${P[@]}" image inspect "$MA-arm64" --format '{{.Architecture}}')" arm64
	run prun --rm --platform linux/arm64 "$MA-arm64"
	expect "arm64: ENTRYPOINT init runs CMD healthcheck -V" "$RC:$(echo "$OUT" | grep -v systemd)" \
		"0:healthcheck $VERSION (TLS 1.3 and 1.2: BearSSL)"
	run prun --rm --platform linux/arm64 "$MA-arm64" /healthcheck -t 300ms tcp://127.0.0.1:9
	expect "arm64: an unhealthy probe's 1 comes through init" "$RC" 1
	expect_match "arm64: ... with its line" "$OUT" "^unhealthy: tcp://127.0.0.1:9: connect: Connection refused"
	prun -d --name multi-arm64 --platform linux/arm64 "$MA-arm64" \
		/healthcheck --wait 60s -t 200ms tcp://127.0.0.1:9 >/dev/null
	sleep 1
	t0=$(date +%s.%N)
	"${P[@]}" stop -t 10 multi-arm64 >/dev/null 2>&1
	t1=$(date +%s.%N)
	secs_between "arm64: podman stop: init forwards TERM under emulation" \
		"$(awk "BEGIN{printf \"%.9f\", $t1 - $t0}")" 0 3
	expect "arm64: exit status 1 (the probe, interrupted)" \
		"$("${P[@]}" inspect multi-arm64 --format '{{.State.ExitCode}}')" 1
	"${P[@]}" manifest rm "$MA" >/dev/null 2>&1
	for a in amd64 arm64 armhf armel i386 mips64el ppc64le s390x riscv64; do
		"${P[@]}" rmi -f "$MA-$a" >/dev/null 2>&1
	done
fi

echo "# 11. docker/Dockerfile, offline, from a local Debian base (mmdebstrap)"
# The base (Debian 12 minbase with the build tools) is made once from
# Debian's archive and kept (official_image, tests/lib.sh).
OFF=localhost/init-healthcheck:latest
official_image "$OFF"
expect "docker/Dockerfile builds with --network none from the local base" "$RC" 0
expect_match "... after the unit tests passed in the build stage" "$OUT" \
	"mysql: [0-9]+ passed, 0 failed"
run prun --rm --entrypoint /healthcheck "$OFF" -V
expect "... the FROM scratch image runs its healthcheck (static)" "$OUT" \
	"healthcheck $VERSION (TLS 1.3 and 1.2: BearSSL)"
run prun --rm "$OFF" /init -V
expect "... and init as ENTRYPOINT runs init -V" "$OUT" \
	"init version $VERSION - git.$COMMIT"
c=$("${P[@]}" create --label "$LABEL" "$OFF")
"${P[@]}" cp "$c:/init" off-init >/dev/null 2>&1
"${P[@]}" cp "$c:/healthcheck" off-hc >/dev/null 2>&1
"${P[@]}" rm "$c" >/dev/null 2>&1
expect "... its binaries are byte-identical to this tree's make all (fresh, not copied in)" \
	"$(cmp off-init "$ROOT/bin/init" && cmp off-hc "$ROOT/bin/healthcheck" && echo same)" same
# Kept: tests/e2e/compose.sh uses it again in this run (official_image).

echo "# 12. https from a FROM scratch image: its HEALTHCHECK, verified"
# The static build verifies with a CA file copied to the path a Debian
# image has (/etc/ssl/certs/ca-certificates.crt): no --cacert in the
# HEALTHCHECK.  nginx serves TLS on the host's loopback; the container
# shares it (--network host).
mkdir -p tctx/etc/ssl/certs tls-www
cp -a ctx/. tctx/
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout tca.key \
	-out tca.crt -days 3 -subj /CN=e2e-ca >/dev/null 2>&1
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout tsrv.key \
	-out tsrv.csr -subj /CN=localhost >/dev/null 2>&1
openssl x509 -req -in tsrv.csr -CA tca.crt -CAkey tca.key -CAcreateserial -out tsrv.crt -days 3 \
	-extfile <(printf 'subjectAltName=DNS:localhost') >/dev/null 2>&1
cp tca.crt tctx/etc/ssl/certs/ca-certificates.crt
echo ok >tls-www/healthz
TP=$(free_port)
nginx_start "$TMP/ngx" "server { listen 127.0.0.1:$TP ssl; ssl_certificate $TMP/tsrv.crt;
	ssl_certificate_key $TMP/tsrv.key; root $TMP/tls-www; }" || not_ok "nginx start"
wait_for bash -c "echo >/dev/tcp/127.0.0.1/$TP" 2>/dev/null
TIMG=localhost/init-hc-e2e-tls:test
cat ctx/Containerfile - >tctx/Containerfile <<CF
HEALTHCHECK --interval=1h --retries=1 CMD ["/healthcheck", "https://localhost:$TP/healthz"]
CF
"${P[@]}" build -q --format docker -t "$TIMG" -f tctx/Containerfile tctx >build.log 2>&1 ||
	{ not_ok "podman build of the TLS image"; cat build.log; }
"${P[@]}" run -d "${RUNF[@]:0:${#RUNF[@]}-2}" --network host --name tlshealth "$TIMG" \
	/bin/sleep 3600 >/dev/null 2>&1
wait_for "${P[@]}" exec tlshealth /bin/true
"${P[@]}" healthcheck run tlshealth >/dev/null 2>&1
expect "podman healthcheck run over https: healthy" "$?" 0
rm tls-www/healthz
"${P[@]}" healthcheck run tlshealth >/dev/null 2>&1
expect "... unhealthy once the endpoint answers 404" "$?" 1
log=$(health_log tlshealth)
expect_match "... our line in the health log" "$log" \
	"healthy: https://localhost:$TP/healthz: status 200 after [0-9.]+ ms.*unhealthy: https://localhost:$TP/healthz: status 404 \(expected 200-399\)"
run "${P[@]}" exec tlshealth /healthcheck "https://127.0.0.1:$TP/healthz"
expect_match "... by address, the certificate's names are shown" "$OUT" \
	"tls: name mismatch: the certificate is for DNS:localhost, not 127.0.0.1"
"${P[@]}" rm -f -t 0 tlshealth >/dev/null 2>&1
"${P[@]}" rmi -f "$TIMG" >/dev/null 2>&1
nginx_stop "$TMP/ngx"

summary
