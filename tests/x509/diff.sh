#!/usr/bin/env bash
# healthcheck's verdict on certificate chains beside Go's and OpenSSL's,
# over real TLS: tests/x509/matrix.go makes every chain of its matrix
# (names, dates, basic and name constraints, key usage and EKU, order,
# algorithms, long SAN lists, anchors), serves each on loopback with Go's
# crypto/tls and judges it with Go's client; curl (OpenSSL) and
# bin/healthcheck judge the same server, and so does
# bin/healthcheck-curl, which must say what curl says (its verification is
# OpenSSL's).  Where Go and OpenSSL agree,
# healthcheck's verdict must be theirs; where they part, the matrix
# states our choice and healthcheck must make it.  Every refusal is one
# line that is not "malformed, or not supported".  With X509_OUT=FILE
# writes the table (tests/x509/results.md is committed from such a run).
# Prints "N passed, N failed".
set -u
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
HC=$ROOT/bin/healthcheck
HCC=$ROOT/bin/healthcheck-curl
OUT_MD=${X509_OUT:-$TMP/results.md}
case $OUT_MD in /*) ;; *) OUT_MD=$ROOT/$OUT_MD ;; esac
command -v curl >/dev/null || { echo "not ok - curl is missing"; exit 1; }
trap 'exec 3>&- 2>/dev/null; kill "${PIDS[@]}" 2>/dev/null; rm -rf "$TMP"' EXIT

go_build matrix "$ROOT/tests/x509/matrix.go" || { summary; exit 1; }
# A v1 root, which Go cannot make: openssl's x509 -req without extensions.
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	-keyout v1.key -subj /CN=v1-root -out v1.csr >/dev/null 2>&1 &&
	openssl x509 -req -in v1.csr -signkey v1.key -out v1.crt -days 2 \
	>/dev/null 2>&1 || { not_ok "openssl makes a v1 root"; summary; exit 1; }
mkdir m
# The matrix serves until its standard input (our fd 3) closes.
exec 3> >("$ROOT/build/go/matrix" m v1.crt v1.key)
PIDS=($!)
for _ in $(seq 200); do
	grep -q '^ready$' m/manifest 2>/dev/null && break
	sleep 0.1
done
grep -q '^ready$' m/manifest 2>/dev/null || { not_ok "the matrix serves"; summary; exit 1; }

{
	echo "| case | Go | OpenSSL (curl) | healthcheck | healthcheck's line |"
	echo "|---|---|---|---|---|"
} >"$OUT_MD"
n=0 parted=0
while IFS='|' read -r name port host gov goerr choice; do
	[ "$name" = ready ] && break
	n=$((n + 1))
	bare=${host%.}
	# Where curl goes: every name is served on 127.0.0.1.
	to=(--resolve "$bare:$port:127.0.0.1" --resolve "$host:$port:127.0.0.1")
	if [[ $host =~ ^[0-9.]+$ ]]; then
		url="https://$host:$port/"
		hcargs=("$url")
	elif [[ $host == *:* ]]; then
		url="https://[$host]:$port/"
		to=(--connect-to "[$host]:$port:127.0.0.1:$port")
		hcargs=(--servername "$host" "https://127.0.0.1:$port/")
	else
		url="https://$host:$port/"
		hcargs=(--servername "$host" "https://127.0.0.1:$port/")
	fi
	if curl -s -o /dev/null --max-time 5 --cacert "m/$name.pem" "${to[@]}" "$url"; then
		ssl=ok
	else
		ssl=fail
	fi
	out=$("$HC" -t 3s --cacert "m/$name.pem" "${hcargs[@]}" 2>&1)
	[ $? -eq 0 ] && hc=ok || hc=fail
	line=$(echo "$out" | sed -n 's/^unhealthy: [^ ]*: //p' | sed 's/ after [0-9.]* ms$//')
	if [ -x "$HCC" ]; then
		"$HCC" -t 3s --cacert "m/$name.pem" "${hcargs[@]}" >/dev/null 2>&1
		[ $? -eq 0 ] && hcc=ok || hcc=fail
		expect "$name: the libcurl build says what curl says" "$hcc" "$ssl"
	fi
	[ "$gov" = "$ssl" ] || parted=$((parted + 1))
	if [ -n "$choice" ]; then
		expect "$name: Go says $gov, OpenSSL $ssl; our choice: $choice" "$hc" "${choice%%:*}"
	elif [ "$gov" = "$ssl" ]; then
		expect "$name: Go and OpenSSL say $gov, and so does healthcheck${line:+ ($line)}" "$hc" "$gov"
	else
		not_ok "$name: Go says $gov, OpenSSL $ssl: the matrix states no choice (healthcheck: $hc)"
	fi
	if [ "$hc" = fail ]; then
		case $line in
		*"malformed, or"* | *"not supported)"* | "") not_ok "$name: a vague line: $out" ;;
		*) ok "$name: one line naming the cause" ;;
		esac
	fi
	echo "| $name | $gov | $ssl | $hc${choice:+ (${choice#*: })} | ${line//|//} |" >>"$OUT_MD"
done <m/manifest
echo "# $n chains; Go and OpenSSL part on $parted; our stated choices: $(grep -c '|[a-z]*:' m/manifest)"
summary
