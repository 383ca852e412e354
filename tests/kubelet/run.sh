#!/usr/bin/env bash
# The kubelet's verdict on every case of tests/kubelet/cases.txt, from the
# oracle (tests/kubelet/oracle.go: the kubelet's HTTP probe rules with Go's
# standard library), beside bin/healthcheck's on the same raw local server
# (tests/kubelet/rawserver.py).  Fails on any verdict that differs, except
# the deliberate differences of tests/kubelet/differences.txt, which must
# still differ (a fixed one is taken off the list).  With KUBELET_OUT=FILE
# writes the table of results (tests/kubelet/results.md is committed from
# such a run).  Prints "N passed, N failed".
set -u
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
K=$ROOT/tests/kubelet
HC=$ROOT/bin/healthcheck
OUT_MD=${KUBELET_OUT:-$TMP/results.md}
case $OUT_MD in /*) ;; *) OUT_MD=$ROOT/$OUT_MD ;; esac
command -v go >/dev/null || { echo "not ok - go is missing (apt-get install golang-go)"; exit 1; }
trap 'kill "${PIDS[@]}" 2>/dev/null; rm -rf "$TMP"' EXIT

# Standard library only, no module, nothing fetched; the cache in build/.
mkdir -p "$ROOT/build/kubelet"
if ! GOCACHE=$ROOT/build/kubelet/gocache GO111MODULE=off GOPATH=$ROOT/build/kubelet/gopath \
	go build -o "$ROOT/build/kubelet/oracle" "$K/oracle.go" 2>build.log; then
	not_ok "the oracle builds: $(cat build.log)"
	summary
	exit 1
fi
O=$ROOT/build/kubelet/oracle

python3 "$K/rawserver.py" "$TMP/P.port" "$TMP/Q.port" >>"$TMP/servers.log" 2>&1 &
PIDS+=($!)
wait_for test -s "$TMP/Q.port" || { echo "not ok - rawserver did not start"; exit 1; }
P=$(cat "$TMP/P.port") Q=$(cat "$TMP/Q.port") U=http://127.0.0.1:$P

declare -A DIFF
while IFS='|' read -r name why; do
	name=$(echo "$name" | sed 's/ *$//')
	[ -n "$name" ] && DIFF[$name]=$(echo "$why" | sed 's/^ *//')
done < <(grep -v '^#' "$K/differences.txt")

rows=() agree=0 total=0
while IFS='|' read -r name args; do
	name=$(echo "$name" | sed 's/ *$//')
	args=${args# }
	[ -z "$name" ] && continue
	eval "set -- $(echo "$args" | sed "s|\\\$U|$U|g; s|\\\$P|$P|g; s|\\\$Q|$Q|g")"
	ko=$("$O" -t 800ms "$@" 2>&1); kr=$?
	ho=$("$HC" -t 800ms "$@" 2>&1); hr=$?
	total=$((total + 1))
	kv=$([ $kr = 0 ] && echo healthy || echo unhealthy)
	hv=$([ $hr = 0 ] && echo healthy || echo unhealthy)
	if [ "$kv" = "$hv" ]; then
		agree=$((agree + 1)) mark=same
		if [ -n "${DIFF[$name]:-}" ]; then
			not_ok "kubelet: '$name' is listed as a deliberate difference but agrees now: take it off differences.txt"
		else
			ok "kubelet: $name: $kv"
		fi
	elif [ -n "${DIFF[$name]:-}" ]; then
		mark="deliberate: ${DIFF[$name]}"
		ok "kubelet: $name: $hv where the kubelet says $kv (deliberate: ${DIFF[$name]})"
	else
		mark="**differs**"
		not_ok "kubelet: $name: healthcheck $hv, kubelet $kv
	args:        $args
	kubelet:     $ko
	healthcheck: $ho"
	fi
	rows+=("| $name | \`$(echo "$args" | sed 's/|/\\|/g')\` | $kv | $hv | $mark |")
done < <(grep -v '^#' "$K/cases.txt")

{
	echo "# healthcheck beside the kubelet's HTTP probe"
	echo
	echo "Written by \`tests/kubelet/run.sh\` (part of \`make test\`): every case of"
	echo "[cases.txt](cases.txt) judged by the oracle ([oracle.go](oracle.go), the kubelet's"
	echo "rules with Go's standard library, $(go version | awk '{print $3}')) and by"
	echo "\`bin/healthcheck\`, both with an 800 ms deadline, against"
	echo "[rawserver.py](rawserver.py) on loopback. \`\$U\` is its address, \`\$P\` its"
	echo "port and \`\$Q\` a second port of the same host."
	echo
	echo "**$agree of $total agree**; the rest are the deliberate differences of"
	echo "[differences.txt](differences.txt)."
	echo
	echo "| case | arguments | kubelet | healthcheck | |"
	echo "|---|---|---|---|---|"
	printf '%s\n' "${rows[@]}"
} >"$OUT_MD"
echo "# $agree of $total agree"
summary
