#!/usr/bin/env bash
# The kubelet's verdict on every case of tests/kubelet/cases.txt, from the
# oracle (tests/kubelet/oracle.go: the kubelet's HTTP probe rules with Go's
# standard library), beside bin/healthcheck's on the same raw local server
# (tests/kubelet/rawserver.py); then the same table over TLS, beside
# bin/healthcheck's (BearSSL) and bin/healthcheck-curl's (every http://
# of a case becomes https://, and both skip the certificate check, as the
# kubelet does).  Fails on any
# verdict that differs, except the deliberate differences of
# tests/kubelet/differences.txt, which must still differ (a fixed one is
# taken off the list).  With KUBELET_OUT=FILE writes the tables of results
# (tests/kubelet/results.md is committed from such a run).  Prints "N
# passed, N failed".
set -u
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
K=$ROOT/tests/kubelet
HC=$ROOT/bin/healthcheck
OUT_MD=${KUBELET_OUT:-$TMP/results.md}
case $OUT_MD in /*) ;; *) OUT_MD=$ROOT/$OUT_MD ;; esac
trap 'kill "${PIDS[@]}" 2>/dev/null; rm -rf "$TMP"' EXIT

go_build oracle "$K/oracle.go" || { summary; exit 1; }
O=$ROOT/build/go/oracle

openssl req -x509 -newkey rsa:2048 -nodes -keyout tls.key -out tls.crt \
	-days 2 -subj /CN=127.0.0.1 >/dev/null 2>&1 || { echo "not ok - openssl"; exit 1; }

declare -A DIFF
while IFS='|' read -r name why; do
	name=$(echo "$name" | sed 's/ *$//')
	[ -n "$name" ] && DIFF[$name]=$(echo "$why" | sed 's/^ *//')
done < <(grep -v '^#' "$K/differences.txt")

# Two more servers for the redirects between schemes, the same in every
# pass: $HTTPU is http://127.0.0.1:PORT of a plain one, $HTTPSU
# https://127.0.0.1:PORT of a TLS one.  The kubelet never verifies a
# probe's certificate: -k for both in every pass.
python3 "$K/rawserver.py" "$TMP/X.port" >>"$TMP/servers.log" 2>&1 &
PIDS+=($!)
python3 "$K/rawserver.py" --tls tls.crt tls.key "$TMP/Y.port" >>"$TMP/servers.log" 2>&1 &
PIDS+=($!)
wait_for test -s "$TMP/X.port" && wait_for test -s "$TMP/Y.port" ||
	{ not_ok "the scheme servers did not start"; summary; exit 1; }
HTTPU=http://127.0.0.1:$(cat "$TMP/X.port") HTTPSU=https://127.0.0.1:$(cat "$TMP/Y.port")

# one MODE: http (bin/healthcheck), tls (bin/healthcheck, BearSSL) or
# tls-curl (bin/healthcheck-curl), every http:// of a case read as
# https:// in the last two; appends its table to $TMP/tables.
one() {
	local mode=$1 hc tlsarg=() k=(-k) sc=http agree=0 total=0 rows=() d
	local name args ko kr ho hr kv hv mark pf qf
	hc=$HC
	if [ "$mode" != http ]; then
		tlsarg=(--tls tls.crt tls.key) sc=https
	fi
	[ "$mode" = tls-curl ] && hc=$ROOT/bin/healthcheck-curl
	pf=$TMP/$mode.P.port qf=$TMP/$mode.Q.port
	python3 "$K/rawserver.py" "${tlsarg[@]}" "$pf" "$qf" >>"$TMP/servers.log" 2>&1 &
	PIDS+=($!)
	wait_for test -s "$qf" || { not_ok "rawserver ($mode) did not start"; return; }
	P=$(cat "$pf") Q=$(cat "$qf") U=$sc://127.0.0.1:$P
	while IFS='|' read -r name args; do
		name=$(echo "$name" | sed 's/ *$//')
		args=${args# }
		[ -z "$name" ] && continue
		a=$(echo "$args" | sed "s|\\\$U|$U|g; s|\\\$P|$P|g; s|\\\$Q|$Q|g")
		[ "$mode" != http ] && a=$(echo "$a" | sed 's|[hH][tT][tT][pP]://|https://|g')
		a=$(echo "$a" | sed "s|\\\$HTTPSU|$HTTPSU|g; s|\\\$HTTPU|$HTTPU|g")
		eval "set -- $a"
		ko=$("$O" "${k[@]}" -t 800ms "$@" 2>&1); kr=$?
		ho=$("$hc" "${k[@]}" -t 800ms "$@" 2>&1); hr=$?
		total=$((total + 1))
		kv=$([ $kr = 0 ] && echo healthy || echo unhealthy)
		hv=$([ $hr = 0 ] && echo healthy || echo unhealthy)
		d=${DIFF[$mode: $name]:-${DIFF[$name]:-}}
		if [ "$kv" = "$hv" ]; then
			agree=$((agree + 1)) mark=same
			if [ -n "$d" ]; then
				not_ok "kubelet $mode: '$name' is listed as a deliberate difference but agrees now: take it off differences.txt"
			else
				ok "kubelet $mode: $name: $kv"
			fi
		elif [ -n "$d" ]; then
			mark="deliberate: $d"
			ok "kubelet $mode: $name: $hv where the kubelet says $kv (deliberate)"
		else
			mark="**differs**"
			not_ok "kubelet $mode: $name: healthcheck $hv, kubelet $kv
	args:        $args
	kubelet:     $ko
	healthcheck: $ho"
		fi
		rows+=("| $name | \`$(echo "$args" | sed 's/|/\\|/g')\` | $kv | $hv | $mark |")
	done < <(grep -v '^#' "$K/cases.txt")
	{
		echo
		if [ "$mode" = tls ]; then
			echo "## Over TLS: bin/healthcheck -k (BearSSL), the oracle with the kubelet's TLS"
		elif [ "$mode" = tls-curl ]; then
			echo "## Over TLS: bin/healthcheck-curl -k, the oracle with the kubelet's TLS"
		else
			echo "## HTTP: bin/healthcheck"
		fi
		echo
		echo "**$agree of $total agree**; the rest are deliberate differences."
		echo
		echo "| case | arguments | kubelet | healthcheck | |"
		echo "|---|---|---|---|---|"
		printf '%s\n' "${rows[@]}"
	} >>"$TMP/tables"
	echo "# $mode: $agree of $total agree"
}

: >"$TMP/tables"
one http
one tls
if [ -x "$ROOT/bin/healthcheck-curl" ]; then
	one tls-curl
else
	not_ok "bin/healthcheck-curl is built (make bin/healthcheck-curl)"
fi
{
	echo "# healthcheck beside the kubelet's HTTP probe"
	echo
	echo "Written by \`tests/kubelet/run.sh\` (part of \`make test\`): every case of"
	echo "[cases.txt](cases.txt) judged by the oracle ([oracle.go](oracle.go), the kubelet's"
	echo "rules with Go's standard library, $(go version | awk '{print $3}')) and by"
	echo "healthcheck, both with an 800 ms deadline, against [rawserver.py](rawserver.py) on"
	echo "loopback: once in the clear with \`bin/healthcheck\`, then over TLS with"
	echo "\`bin/healthcheck -k\` (BearSSL) and with \`bin/healthcheck-curl -k\` (every \`http://\`"
	echo "of a case read as \`https://\`; \`\$HTTPU\` and \`\$HTTPSU\` stay a plain and a TLS server). \`\$U\`"
	echo "is the server's address, \`\$P\` its port and \`\$Q\` a second port of the same host."
	echo "The deliberate differences, with their reasons, are in [differences.txt](differences.txt)."
	cat "$TMP/tables"
} >"$OUT_MD"
summary
