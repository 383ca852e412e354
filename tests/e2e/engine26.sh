#!/usr/bin/env bash
# The Docker users run today: Docker Engine 26 and Compose v2, Debian 13's
# (docker.io 26.1, docker-cli, docker-compose 2.26), which Debian 12 cannot
# install.  They run from a Debian 13 root made by mmdebstrap from the
# host's own Debian mirror (build/debian-13-docker, made once, its
# versions checked below), entered in a mount namespace of its own with
# pivot_root (not chroot: dockerd and runc need a real root), /proc,
# /sys, /dev, /tmp and this checkout bound in at their paths; the host's
# network.  A private dockerd there (vfs, no bridge, no iptables), whose
# daemon.json sets "init-path" to bin/init.  What it proves: a FROM
# scratch image with HEALTHCHECK --start-interval (Engine 25 and later)
# goes healthy at the start interval, Docker's runner logs our lines and
# sees unhealthy, `docker run --init` runs our init, `docker stop` is
# prompt with init; Compose v2 with start_interval, depends_on
# service_healthy and `up --wait`; the README's and the examples' compose
# files valid for Compose v2.  Everything stops by its pid, nothing stays
# mounted.  Prints "N passed, N failed".
set -u
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
sh "$ROOT/tests/deps.sh" docker >/dev/null || exit 1
R=$ROOT/build/debian-13-docker
D=$TMP/d
HOLDER= DPID=
cleanup() {
	if [ -n "$DPID" ]; then
		# shellcheck disable=SC2046
		dk docker rm -f $(dk docker ps -aq) >/dev/null 2>&1
		kill "$DPID" 2>/dev/null
		for _ in $(seq 150); do kill -0 "$DPID" 2>/dev/null || break; sleep 0.1; done
		kill -KILL "$DPID" 2>/dev/null
	fi
	[ -n "$HOLDER" ] && kill -KILL "$HOLDER" 2>/dev/null
	wait 2>/dev/null
	# What a killed daemon may leave mounted under its roots (the
	# namespace's mounts go with its last process).
	awk -v d="$D" 'index($2, d) == 1 {print $2}' /proc/mounts | sort -r |
		while read -r m; do umount -l "$m" 2>/dev/null; done
	rm -rf "$TMP"
}
trap cleanup EXIT

echo "# Debian 13's Docker, in a root of its own"
# The suite moves: the versions are checked, not fetched by exact name.
WANT_ENGINE=26.1 WANT_COMPOSE=2.26
if [ ! -f "$R/.made" ]; then
	rm -rf "$R" "$R.tar"
	mkdir -p "$(dirname "$R")"
	mirror=$(apt-get indextargets --format '$(REPO_URI) $(CODENAME)' 2>/dev/null |
		awk '$2 == "bookworm" {print $1; exit}')
	if ! mmdebstrap --variant=minbase --include=docker.io,docker-cli,docker-compose \
		trixie "$R.tar" "deb ${mirror:-http://deb.debian.org/debian/} trixie main" \
		>mmdebstrap.log 2>&1; then
		not_ok "mmdebstrap of Debian 13 with docker.io, docker-cli, docker-compose: $(tail -3 mmdebstrap.log)"
		summary
		exit 1
	fi
	mkdir -p "$R" && tar -C "$R" -xf "$R.tar" && rm -f "$R.tar" && touch "$R/.made"
fi
versions=$(awk '/^Package: /{p=$2} /^Version: /{v[p]=$2}
	END{print v["docker.io"], v["docker-cli"], v["docker-compose"]}' "$R/var/lib/dpkg/status")
ok "Debian 13's docker.io, docker-cli, docker-compose: $versions"
# The holder: a process whose mount namespace has the Debian 13 root as /.
mkdir -p "$D"
unshare -m --propagation private sh -c '
	set -e
	r=$1 root=$2
	mount --bind "$r" "$r"
	mount -t proc proc "$r/proc"
	mount --rbind /sys "$r/sys"
	mount --rbind /dev "$r/dev"
	mount --rbind /tmp "$r/tmp"
	case $root in /tmp/*) ;; *) mkdir -p "$r$root"; mount --rbind "$root" "$r$root" ;; esac
	cd "$r"
	mkdir -p .old
	pivot_root . .old
	umount -l /.old
	exec sleep 100000' sh "$R" "$ROOT" 2>holder.err &
HOLDER=$!
disown "$HOLDER" # killed at the end: no job notice
# Inside, paths are the same (the working directory is not: /).
dk() { nsenter -t "$HOLDER" -m -- env DOCKER_HOST="unix://$D/docker.sock" DOCKER_BUILDKIT=0 "$@"; }
# Ready once it is sleep: the pivot is done.
for _ in $(seq 100); do [ "$(cat "/proc/$HOLDER/comm" 2>/dev/null)" = sleep ] && break; sleep 0.05; done
if [ "$(cat "/proc/$HOLDER/comm" 2>/dev/null)" != sleep ]; then
	not_ok "a mount namespace with Debian 13 as its root (pivot_root): $(cat holder.err)"
	summary
	exit 1
fi
expect "entered with unshare -m and pivot_root" \
	"$(dk sh -c '. /etc/os-release; echo $VERSION_CODENAME')" trixie
printf '{ "init-path": "%s" }\n' "$ROOT/bin/init" >"$D/daemon.json"
# nsenter itself, not dk (a function: its & would be a subshell), so
# that $! is the daemon: nsenter execs env, which execs dockerd.
nsenter -t "$HOLDER" -m -- env dockerd --config-file "$D/daemon.json" --data-root "$D/root" \
	--exec-root "$D/exec" -H "unix://$D/docker.sock" --pidfile "$D/docker.pid" \
	--iptables=false --ip-masq=false --bridge=none --storage-driver=vfs >"$D/log" 2>&1 &
DPID=$!
daemon_up "dockerd 26 starts in the Debian 13 root" "$D/log" dk docker info
expect_match "Docker Engine and its client are $WANT_ENGINE" \
	"$(dk docker version -f '{{.Server.Version}} {{.Client.Version}}')" \
	"^${WANT_ENGINE//./\\.}\.[0-9]+[^ ]* ${WANT_ENGINE//./\\.}\.[0-9]+"
expect_match "Compose v2 is $WANT_COMPOSE" "$(dk docker compose version --short)" \
	"^${WANT_COMPOSE//./\\.}\."
expect "docker info shows our init's commit (daemon.json init-path)" \
	"$(dk docker info -f '{{.InitCommit.ID}}')" "$COMMIT"

echo "# a FROM scratch image: HEALTHCHECK --start-interval, Docker's runner"
BB=$(command -v busybox)
mkdir -p ctx/bin ctx/www
cp "$ROOT/bin/init" "$ROOT/bin/healthcheck" ctx/
cp "$BB" ctx/bin/busybox
for a in sh httpd rm cat sleep; do ln -s busybox "ctx/bin/$a"; done
echo ok >ctx/www/healthz
cat >ctx/Dockerfile <<'CF'
FROM scratch
COPY . /
ENV PATH=/bin
HEALTHCHECK --interval=30s --start-period=30s --start-interval=200ms --timeout=5s --retries=2 \
	CMD ["/healthcheck", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["/init", "--"]
CMD ["httpd", "-f", "-p", "127.0.0.1:8080", "-h", "/www"]
CF
IMG=init-hc-e26:test
run dk docker build -q -t "$IMG" "$TMP/ctx"
expect "docker build (Engine 26) of a FROM scratch image" "$RC" 0
[ "$RC" = 0 ] || echo "$ERR"
expect_match "... its HEALTHCHECK has the start interval" \
	"$(dk docker image inspect -f '{{json .Config.Healthcheck}}' "$IMG")" '"StartInterval":200000000'
status() { dk docker inspect -f '{{.State.Health.Status}}' "$1" 2>/dev/null; }
until_status() {	# NAME WANT SECS
	local _
	for _ in $(seq $(($3 * 10))); do [ "$(status "$1")" = "$2" ] && return 0; sleep 0.1; done
	return 1
}
t0=$(date +%s.%N)
dk docker run -d --network host --name web "$IMG" >/dev/null
until_status web healthy 10
secs_between "healthy at the start interval (200ms), not the interval (30s)" "$(since "$t0" 2)" 0 5
expect_match "... Docker's health log holds our line" \
	"$(dk docker inspect -f '{{range .State.Health.Log}}{{.ExitCode}} {{.Output}}|{{end}}' web)" \
	"^0 healthy: http://127.0.0.1:8080/healthz: status 200 after"
t0=$(date +%s.%N)
dk docker stop web >/dev/null
secs_between "docker stop with init as PID 1 is prompt" "$(since "$t0" 2)" 0 2.5
expect "... with httpd's status (init forwards SIGTERM; busybox httpd dies of it)" \
	"$(dk docker inspect -f '{{.State.ExitCode}}' web)" 143
dk docker rm web >/dev/null
# (a start period of 0 is Docker's "unset": the image's 30 s would stay)
dk docker run -d --network host --name sick --health-interval 300ms --health-retries 2 \
	--health-start-period 1ms "$IMG" httpd -f -p 127.0.0.1:8081 -h /www >/dev/null
until_status sick unhealthy 10
expect "a check of a port nothing serves: unhealthy" "$(status sick)" unhealthy
expect_match "... our line in Docker's log" \
	"$(dk docker inspect -f '{{range .State.Health.Log}}{{.ExitCode}} {{.Output}}|{{end}}' sick)" \
	"1 unhealthy: http://127.0.0.1:8080/healthz: connect: Connection refused"
dk docker rm -f sick >/dev/null
expect "docker run --init: PID 1 is docker-init, our init (init-path)" \
	"$(dk docker run --rm --init --network none --entrypoint /bin/cat "$IMG" /proc/1/cmdline |
		tr '\0' ' ')" "/sbin/docker-init -- /bin/cat /proc/1/cmdline "

echo "# Compose v2: start_interval, depends_on service_healthy, up --wait"
mkdir -p proj
cat >proj/compose.yaml <<YML
services:
  web:
    image: $IMG
    network_mode: host
    healthcheck:
      test: ["CMD", "/healthcheck", "http://127.0.0.1:8080/healthz"]
      interval: 30s
      start_period: 30s
      start_interval: 200ms
  app:
    image: $IMG
    network_mode: host
    entrypoint: ["/init", "--wait-cmd", "/healthcheck -q http://127.0.0.1:8080/healthz", "--"]
    command: ["httpd", "-f", "-p", "127.0.0.1:8082", "-h", "/www"]
    depends_on:
      web:
        condition: service_healthy
    healthcheck:
      test: ["CMD", "/healthcheck", "http://127.0.0.1:8082/healthz"]
      interval: 30s
      start_period: 30s
      start_interval: 200ms
YML
t0=$(date +%s.%N)
run dk docker compose -p e26 -f "$TMP/proj/compose.yaml" up -d --wait --wait-timeout 20
expect "docker compose up --wait: 0 once both are healthy" "$RC:$(echo "$ERR" | grep -ci error)" 0:0
secs_between "... within seconds: start_interval, not the 30 s interval" "$(since "$t0" 2)" 0 10
expect "... web and app healthy" \
	"$(dk docker inspect -f '{{.State.Health.Status}}' e26-web-1 e26-app-1 2>&1 | tr '\n' ' ')" \
	"healthy healthy "
t0=$(date +%s.%N)
run dk docker compose -p e26 -f "$TMP/proj/compose.yaml" down -t 10
expect "docker compose down" "$RC" 0
secs_between "... prompt: init forwards SIGTERM" "$(since "$t0" 2)" 0 6
# The README's and the examples' compose files, as printed, for Compose v2.
awk '$0 == "```yaml" {n++; f = sprintf("readme%d.yaml", n); inb = 1; next}
	/^```/ {inb = 0; next} inb {print > f}' "$ROOT/README.md" "$ROOT"/docs/*.md
for f in readme*.yaml "$ROOT/docker/examples/compose.yaml"; do
	grep -q '^services:' "$f" || continue
	run dk docker compose -f "$(cd "$(dirname "$f")" && pwd)/$(basename "$f")" config -q
	expect "$(basename "$f") is valid for Compose v2 as printed" "$RC:$ERR" 0:
done
summary
