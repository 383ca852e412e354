#!/usr/bin/env bash
# Kubernetes for real: the pods of docker/examples/k8s run through
# containerd's CRI, the API the kubelet calls, and probed as the kubelet
# probes them (tests/k8s/cri.js says how, and what it checks).
#   tests/k8s/cri.sh            every manifest (make test)
#   tests/k8s/cri.sh --measure  only the CPU of one probe, exec against
#                               httpGet on --health-listen (make bench)
# A private containerd (Debian 12's 1.6, a docker.io dependency) with its
# own root, state, socket and runc root in a temp dir: the CRI plugin with
# disable_cgroup (this host's hybrid cgroups), restrict_oom_score_adj, the
# native snapshotter, an empty CNI dir (pods use the node's network), and
# a FROM scratch pause image holding Debian's static catatonit -P.  The
# images are FROM scratch archives written by oci_image.py and imported
# with ctr.  The CRI's api.proto is Debian 13's, fetched pinned
# (tools/deb13.sh).  containerd is stopped by its pid, the shims go with
# their containers, what is left mounted under the temp dir is unmounted.
# Fails loudly when containerd cannot start.  Prints "N passed, N failed".
set -u
. "$(dirname "$0")/../lib.sh"
sh "$ROOT/tests/deps.sh" cri >/dev/null || exit 1
sh "$ROOT/tests/grpc-deps.sh" || exit 1
API=$ROOT/build/cri-api
[ -f "$API/PACKAGES" ] || echo "golang-github-kubernetes-cri-api-dev 0.32.3-1 634610347b36362eb4614eb98c494cb9363d5d873da99806ba2b181460a93b20" |
	sh "$ROOT/tools/deb13.sh" "$API" all || exit 1
# gogoproto's options are Go's business: the loader needs the messages.
grep -v gogo "$API/usr/share/gocode/src/k8s.io/cri-api/pkg/apis/runtime/v1/api.proto" >"$TMP/api.proto"

D=$TMP/c
mkdir -p "$D/cni-conf" "$D/cni-bin" "$D/logs"
CPID=
cleanup() {
	if [ -n "$CPID" ]; then
		kill "$CPID" 2>/dev/null
		for _ in $(seq 100); do kill -0 "$CPID" 2>/dev/null || break; sleep 0.1; done
		kill -KILL "$CPID" 2>/dev/null
	fi
	# Shims of this containerd's (a killed suite may leave them).
	pkill -KILL -f "containerd-shim.*$D/containerd.sock" 2>/dev/null
	awk -v d="$D" 'index($2, d) == 1 {print $2}' /proc/mounts | sort -r |
		while read -r m; do umount -l "$m" 2>/dev/null; done
	rm -rf "$TMP"
}
trap cleanup EXIT

cat >"$D/config.toml" <<TOML
version = 2
root = "$D/root"
state = "$D/state"
[grpc]
  address = "$D/containerd.sock"
[ttrpc]
  address = "$D/containerd.sock.ttrpc"
[plugins."io.containerd.internal.v1.opt"]
  path = "$D/opt"
[plugins."io.containerd.grpc.v1.cri"]
  disable_cgroup = true
  restrict_oom_score_adj = true
  disable_apparmor = true
  sandbox_image = "localhost/pause:hc"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "$D/cni-bin"
    conf_dir = "$D/cni-conf"
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "native"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        BinaryName = "runc"
        Root = "$D/runc"
TOML
containerd --config "$D/config.toml" >"$D/log" 2>&1 &
CPID=$!
CTR=(ctr -a "$D/containerd.sock" -n k8s.io)
daemon_up "a private containerd starts" "$D/log" "${CTR[@]}" version
ok "a private containerd $(containerd --version | awk '{print $3}') with the CRI plugin on $D/containerd.sock"

echo "# images"
img() {	# img NAME ITEM...
	python3 "$ROOT/tests/k8s/oci_image.py" "$D/img.tar" "$@" &&
		"${CTR[@]}" images import --snapshotter native "$D/img.tar" >/dev/null
}
if img localhost/pause:hc --entrypoint '["/catatonit","-P"]' /catatonit=/usr/bin/catatonit &&
   img docker.io/example/api:latest /init="$ROOT/bin/init" /healthcheck="$ROOT/bin/healthcheck" \
	/api="$H/podapp" /app="$H/podapp" /sidecar="$H/podapp" run/ run/app/ tmp/ &&
   img localhost/init-healthcheck:hc --entrypoint '["/init","--"]' \
	/init="$ROOT/bin/init" /healthcheck="$ROOT/bin/healthcheck" &&
   img localhost/stock:hc /app="$H/podapp" &&
   rm "$D/img.tar"; then
	ok "FROM scratch images imported: pause (catatonit -P), the app with init and healthcheck, init-healthcheck, a stock app alone"
else
	not_ok "images imported"
	summary
	exit 1
fi

go_build probe_get "$ROOT/tests/k8s/probe_get.go" || { summary; exit 1; }
export PROBE_GET=$ROOT/build/go/probe_get HEALTHCHECK=$ROOT/bin/healthcheck
python3 -c 'import json, sys, yaml
print(json.dumps({f: yaml.safe_load(open(f)) for f in sys.argv[1:]}))' \
	"$ROOT"/docker/examples/k8s/*.yaml >"$D/manifests.json"
node "$ROOT/tests/k8s/cri.js" "$D/containerd.sock" "$TMP/api.proto" "$D" "$D/manifests.json" ${1:-} | tee "$D/out"
while read -r l; do
	case $l in
	"ok - "*) PASS=$((PASS + 1)) ;;
	"not ok - "*) FAIL=$((FAIL + 1)) ;;
	esac
done <"$D/out"
grep -q '^# cri.js: ' "$D/out" || not_ok "the CRI client ended without its summary"
left=$(pgrep -f "containerd-shim.*$D/containerd.sock" | wc -l)
expect "every pod removed: no shim left" "$left" 0
summary
