#!/usr/bin/env bash
# x509-limbo's SERVER testcases served live: each case's peer certificate,
# key and intermediates by openssl s_server on loopback, judged by
# bin/healthcheck, by curl (OpenSSL) and by Go's client
# (tests/x509/matrix.go -dial), each against the case's trusted
# certificates and name, on the real clock.  Counts each one's right
# verdicts (the case's expected result); fails when healthcheck is right
# less often than either.  Cases that cannot be served (no key, no name,
# a certificate s_server will not load) are counted apart.
set -u
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
HC=$ROOT/bin/healthcheck
LIMBO=${LIMBO:-$ROOT/../shared/x509-limbo/limbo.json}
trap 'kill "${PIDS[@]}" 2>/dev/null; rm -rf "$TMP"' EXIT
[ -f "$LIMBO" ] || { not_ok "x509-limbo: $LIMBO is missing"; summary; exit 1; }
go_build matrix "$ROOT/tests/x509/matrix.go" || { summary; exit 1; }
python3 "$ROOT/tests/x509/limbo.py" --serve "$LIMBO" cases
right_hc=0 right_curl=0 right_go=0 served=0 unserved=0
wrong=""
while read -r n id expect kind name; do
	d=cases/$n
	port=$(free_port)
	args=(-cert "$d/cert.pem" -key "$d/key.pem")
	[ -s "$d/chain.pem" ] && args+=(-cert_chain "$d/chain.pem")
	openssl s_server -quiet -www -accept "127.0.0.1:$port" "${args[@]}" \
		</dev/null >"$d/server.log" 2>&1 &
	PIDS=($!)
	up=0
	for _ in $(seq 50); do
		if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then up=1; break; fi
		kill -0 "${PIDS[0]}" 2>/dev/null || break
		sleep 0.05
	done
	if [ $up = 0 ]; then
		unserved=$((unserved + 1))
		kill "${PIDS[@]}" 2>/dev/null; wait 2>/dev/null
		continue
	fi
	served=$((served + 1))
	want=1; [ "$expect" = SUCCESS ] && want=0
	"$HC" -t 3s --cacert "$d/ca.pem" --servername "$name" \
		"https://127.0.0.1:$port/" >"$d/hc.out" 2>&1
	r=$?; [ $r -gt 0 ] && r=1
	[ $r = $want ] && right_hc=$((right_hc + 1)) || wrong="$wrong $id"
	curl -s -o /dev/null --max-time 5 --cacert "$d/ca.pem" \
		--connect-to "$name:443:127.0.0.1:$port" "https://$(
			[ "$kind" = IP ] && [[ $name == *:* ]] && echo "[$name]" || echo "$name")/"
	r=$?; [ $r -gt 0 ] && r=1
	[ $r = $want ] && right_curl=$((right_curl + 1))
	"$ROOT/build/go/matrix" -dial "$port" "$d/ca.pem" "$name" >/dev/null 2>&1
	r=$?; [ $r -gt 0 ] && r=1
	[ $r = $want ] && right_go=$((right_go + 1))
	kill "${PIDS[@]}" 2>/dev/null; wait 2>/dev/null
done <cases/cases
echo "# limbo live: $served SERVER cases served ($unserved not: s_server refused them)"
echo "# right: healthcheck $right_hc, curl (OpenSSL) $right_curl, Go $right_go"
echo "# healthcheck wrong on:$wrong"
[ $served -gt 150 ] && ok "most SERVER cases served ($served)" || not_ok "only $served cases served"
[ $right_hc -ge $right_curl ] && ok "healthcheck right at least as often as curl ($right_hc >= $right_curl)" ||
	not_ok "healthcheck right less often than curl ($right_hc < $right_curl)"
[ $right_hc -ge $right_go ] && ok "healthcheck right at least as often as Go ($right_hc >= $right_go)" ||
	not_ok "healthcheck right less often than Go ($right_hc < $right_go)"
summary
