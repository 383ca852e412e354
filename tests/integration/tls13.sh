#!/usr/bin/env bash
# TLS 1.3 in the static build (transport/tls13.c) against the stacks
# users run, on loopback, each with TLS 1.3 only: openssl s_server, nginx,
# Go's crypto/tls, Node's tls, gnutls-serv; ECDSA (P-256, P-384) and RSA
# certificates (the server signs with RSA-PSS); each suite; X25519, and
# HelloRetryRequest to P-256, P-384 and P-521; client certificates (ECDSA,
# and RSA, which we sign with PSS); grpcs:// against grpc-js over TLS 1.3;
# TLS 1.2-only servers still healthy, over a second connection; then
# hostile TLS 1.3 peers (tests/helpers/tls13_hostile.py), each unhealthy
# within the deadline + 100 ms with a bounded peak RSS.  -v names the
# version, the suite and the group in every case.
# Prints "N passed, N failed".
set -u
. "$(dirname "$0")/../lib.sh"
HC=$ROOT/bin/healthcheck
PY=/usr/bin/python3 # Debian's, with python3-cryptography
cd "$TMP" || exit 1
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null; nginx_stop "$TMP/ngx"; rm -rf "$TMP"' EXIT
sh "$ROOT/tests/grpc-deps.sh" >/dev/null 2>&1 || true

echo "# certificates"
q() { "$@" >/dev/null 2>&1 || { echo "not ok - openssl: $*"; exit 1; }; }
EC=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1)
q openssl req -x509 "${EC[@]}" -nodes -keyout ca.key -out ca.crt -days 3 -subj /CN=tls13-ca
mk() {	# NAME CN SAN KEYARGS...
	local n=$1 cn=$2 san=$3
	shift 3
	q openssl req "$@" -nodes -keyout "$n.key" -out "$n.csr" -subj "/CN=$cn"
	q openssl x509 -req -in "$n.csr" -CA ca.crt -CAkey ca.key -CAcreateserial \
		-out "$n.crt" -days 3 -extfile <(printf 'subjectAltName=%s' "$san")
}
mk ec localhost "DNS:localhost,IP:127.0.0.1" "${EC[@]}"
mk rsa localhost "DNS:localhost,IP:127.0.0.1" -newkey rsa:2048
mk p384 localhost "DNS:localhost,IP:127.0.0.1" -newkey ec -pkeyopt ec_paramgen_curve:secp384r1
mk client probe "DNS:probe" "${EC[@]}"
mk clrsa probe "DNS:probe" -newkey rsa:2048
ok "a CA, ECDSA P-256, P-384 and RSA 2048 servers, ECDSA and RSA clients"

declare -A PORT
up() {	# NAME: wait (5 s) for PORT[NAME] to accept
	local _
	for _ in $(seq 100); do
		(exec 3<>"/dev/tcp/127.0.0.1/${PORT[$1]}") 2>/dev/null && return 0
		sleep 0.05
	done
	not_ok "$1: the server listens on ${PORT[$1]}"
	return 1
}
# by_portfile NAME FILE: the port a server wrote, once it is there.
by_portfile() {
	local _
	for _ in $(seq 200); do [ -s "$2" ] && break; sleep 0.05; done
	PORT[$1]=$(cat "$2" 2>/dev/null)
}
ossl() {	# NAME ARGS...: openssl s_server on a port of its own
	local n=$1
	shift
	PORT[$n]=$(free_port)
	openssl s_server -quiet -www -accept "127.0.0.1:${PORT[$n]}" "$@" \
		</dev/null >"$n.log" 2>&1 &
	PIDS+=($!)
}
ossl o-ec -tls1_3 -cert ec.crt -key ec.key
ossl o-rsa -tls1_3 -cert rsa.crt -key rsa.key
ossl o-p384 -tls1_3 -cert p384.crt -key p384.key
ossl o-aes128 -tls1_3 -cert ec.crt -key ec.key -ciphersuites TLS_AES_128_GCM_SHA256
ossl o-aes256 -tls1_3 -cert ec.crt -key ec.key -ciphersuites TLS_AES_256_GCM_SHA384
ossl o-chacha -tls1_3 -cert ec.crt -key ec.key -ciphersuites TLS_CHACHA20_POLY1305_SHA256
ossl o-p256 -tls1_3 -cert ec.crt -key ec.key -groups P-256
ossl o-p384g -tls1_3 -cert ec.crt -key ec.key -groups P-384
ossl o-p521g -tls1_3 -cert rsa.crt -key rsa.key -groups P-521
ossl o-mtls -tls1_3 -cert ec.crt -key ec.key -Verify 1 -CAfile ca.crt
ossl o-12 -tls1_2 -cert ec.crt -key ec.key
ossl o-both -cert ec.crt -key ec.key
ossl o-12rsa -tls1_2 -cert rsa.crt -key rsa.key
PORT[g-ec]=$(free_port)
PORT[g-rsa]=$(free_port)
PORT[g-12]=$(free_port)
for g in "g-ec ec NORMAL:-VERS-ALL:+VERS-TLS1.3" "g-rsa rsa NORMAL:-VERS-ALL:+VERS-TLS1.3" \
	"g-12 ec NORMAL:-VERS-ALL:+VERS-TLS1.2"; do
	set -- $g
	gnutls-serv --http --quiet -p "${PORT[$1]}" --x509certfile "$2.crt" --x509keyfile "$2.key" \
		--priority "$3" </dev/null >"$1.log" 2>&1 &
	PIDS+=($!)
done
for n in n13-ec n13-rsa n12; do PORT[$n]=$(free_port); done
nginx_start "$TMP/ngx" "
	server { listen 127.0.0.1:${PORT[n13-ec]} ssl; ssl_protocols TLSv1.3;
		ssl_certificate $TMP/ec.crt; ssl_certificate_key $TMP/ec.key;
		location / { return 200 \"ok\\n\"; } }
	server { listen 127.0.0.1:${PORT[n13-rsa]} ssl; ssl_protocols TLSv1.3;
		ssl_certificate $TMP/rsa.crt; ssl_certificate_key $TMP/rsa.key;
		location / { return 200 \"ok\\n\"; } }
	server { listen 127.0.0.1:${PORT[n12]} ssl; ssl_protocols TLSv1.2;
		ssl_certificate $TMP/ec.crt; ssl_certificate_key $TMP/ec.key;
		location / { return 200 \"ok\\n\"; } }" || not_ok "nginx starts"
if go_build tls_server "$ROOT/tests/helpers/tls_server.go"; then
	for g in "go-ec ec 1.3 1.3" "go-rsa rsa 1.3 1.3" "go-p256 ec 1.3 1.3 P256" \
		"go-12 rsa 1.2 1.2" "go-mtls ec 1.3 1.3 '' ca.crt"; do
		eval "set -- $g"
		"$ROOT/build/go/tls_server" -cert "$2.crt" -key "$2.key" -min "$3" -max "$4" \
			-curves "${5:-}" -clientca "${6:-}" -portfile "$1.port" 2>"$1.log" &
		PIDS+=($!)
	done
fi
for g in "js-ec ec TLSv1.3 TLSv1.3" "js-rsa rsa TLSv1.3 TLSv1.3" "js-p384 ec TLSv1.3 TLSv1.3 P-384" \
	"js-12 ec TLSv1.2 TLSv1.2"; do
	set -- $g
	node "$ROOT/tests/helpers/tls_server.js" "$1.port" "$2.crt" "$2.key" "$3" "$4" ${5:-} \
		>"$1.log" 2>&1 &
	PIDS+=($!)
done
GRPC_TLS_CERT=ec.crt GRPC_TLS_KEY=ec.key node "$ROOT/tests/helpers/grpc_server.js" health grpc.port \
	>grpc.log 2>&1 &
PIDS+=($!)
for n in go-ec go-rsa go-p256 go-12 go-mtls js-ec js-rsa js-p384 js-12 grpc; do
	by_portfile "$n" "$n.port"
done
for n in "${!PORT[@]}"; do up "$n"; done

# probe NAME ARGS...: healthcheck -v over https at PORT[NAME]; OUT, ERR, RC.
probe() {
	local n=$1
	shift
	run "$HC" -v --cacert ca.crt "$@" "https://localhost:${PORT[$n]}/"
}
# v13 NAME WHAT REGEX [ARGS...]: healthy over TLS 1.3, -v matching REGEX.
v13() {
	local n=$1 what=$2 re=$3
	shift 3
	local line
	probe "$n" "$@"
	line=$(echo "$ERR" | grep -o 'tls: TLS 1\.3 with .*')
	if [ "$RC" = 0 ] && [[ $line =~ ^tls:\ TLS\ 1\.3\ with\ localhost,\ $re ]] &&
		! [[ $ERR =~ "connecting again" ]]; then
		ok "$n: $what: healthy over ${line#tls: }"
	else
		not_ok "$n: $what: want TLS 1.3, /$re/: rc $RC: $OUT | $(echo "$ERR" | grep tls: | tr '\n' ' ')"
	fi
}
v12() {
	local n=$1 what=$2
	shift 2
	probe "$n" "$@"
	if [ "$RC" = 0 ] && [[ $ERR =~ "no TLS 1.3 (alert "[a-z_]+"): connecting again with TLS 1.2" ]] &&
		[[ $ERR =~ "TLS 1.2 (the server has no 1.3)" ]]; then
		ok "$n: $what: healthy over TLS 1.2, on a second connection"
	else
		not_ok "$n: $what: want TLS 1.2: rc $RC: $OUT | $(echo "$ERR" | grep tls: | tr '\n' ' ')"
	fi
}

echo "# openssl s_server -tls1_3"
v13 o-ec "ECDSA P-256" "TLS_AES_(128|256)_GCM_SHA(256|384), X25519"
v13 o-rsa "RSA 2048 (RSA-PSS CertificateVerify)" "TLS_AES_.*, X25519"
v13 o-p384 "ECDSA P-384" "TLS_AES_.*, X25519"
v13 o-aes128 "TLS_AES_128_GCM_SHA256 only" "TLS_AES_128_GCM_SHA256, X25519"
v13 o-aes256 "TLS_AES_256_GCM_SHA384 only" "TLS_AES_256_GCM_SHA384, X25519"
v13 o-chacha "TLS_CHACHA20_POLY1305_SHA256 only" "TLS_CHACHA20_POLY1305_SHA256, X25519"
v13 o-p256 "P-256 only: HelloRetryRequest" "TLS_AES_.*, P-256"
expect_match "... -v names the retry" "$ERR" "HelloRetryRequest: the server wants P-256"
v13 o-p384g "P-384 only: HelloRetryRequest" "TLS_AES_.*, P-384"
v13 o-p521g "P-521 only, RSA: HelloRetryRequest" "TLS_AES_.*, P-521"
v13 o-mtls "mTLS, an ECDSA client certificate" "TLS_AES_.*" --cert client.crt --key client.key
v13 o-mtls "mTLS, an RSA client certificate (signed with PSS)" "TLS_AES_.*" --cert clrsa.crt --key clrsa.key
probe o-mtls
expect "mTLS without --cert: unhealthy" "$RC" 1
expect_match "... the line says why" "$OUT" "client certificate.*--cert FILE --key FILE"

echo "# nginx ssl_protocols TLSv1.3"
v13 n13-ec "ECDSA" "TLS_AES_.*, X25519"
v13 n13-rsa "RSA" "TLS_AES_.*, X25519"
echo "# Go crypto/tls, MinVersion TLS 1.3"
v13 go-ec "ECDSA" "TLS_AES_128_GCM_SHA256, X25519"
v13 go-rsa "RSA" "TLS_AES_128_GCM_SHA256, X25519"
v13 go-p256 "CurvePreferences P-256: HelloRetryRequest" "TLS_AES_.*, P-256"
v13 go-mtls "mTLS, RequireAndVerifyClientCert, RSA client (PSS)" "TLS_AES_.*" --cert clrsa.crt --key clrsa.key
echo "# Node tls, minVersion TLSv1.3"
v13 js-ec "ECDSA" "TLS_AES_.*, X25519"
v13 js-rsa "RSA" "TLS_AES_.*, X25519"
v13 js-p384 "ecdhCurve P-384: HelloRetryRequest" "TLS_AES_.*, P-384"
echo "# gnutls-serv, +VERS-TLS1.3 only"
v13 g-ec "ECDSA" "TLS_AES_.*, X25519"
v13 g-rsa "RSA" "TLS_AES_.*, X25519"
echo "# grpcs:// against grpc-js over TLS 1.3"
run "$HC" -v --cacert ca.crt "grpcs://localhost:${PORT[grpc]}"
expect "grpcs: SERVING" "$RC" 0
expect_match "... over TLS 1.3 with ALPN h2" "$ERR" "TLS 1.3 with localhost, TLS_AES_.*, ALPN h2"
echo "# TLS 1.2-only servers"
v12 o-12 "openssl -tls1_2, ECDSA"
expect_match "... its key exchange on X25519, first in our 1.2 hello (not P-256, BearSSL's order)" \
	"$ERR" "TLS 1.2 \(the server has no 1.3\) with localhost, X25519"
v12 o-12rsa "openssl -tls1_2, RSA"
v12 n12 "nginx TLSv1.2"
v12 go-12 "Go MaxVersion 1.2"
v12 js-12 "Node maxVersion TLSv1.2"
v12 g-12 "gnutls +VERS-TLS1.2"
echo "# no fallback once a certificate was seen"
run "$HC" -v --cacert ca.crt --servername other.test "https://localhost:${PORT[o-ec]}/"
expect_match "a certificate refused under 1.3 (another name) is unhealthy" "$RC $OUT" \
	"^1 unhealthy: .*tls: .*other.test"
expect "... and never retried over 1.2" "$(echo "$ERR" | grep -c 'connecting again')" 0

echo "# hostile TLS 1.3 peers"
# hostile MODE WHAT REGEX: against tls13_hostile.py MODE, with -t 1s:
# unhealthy (healthy for the control, MODE good), its line matching REGEX,
# in under 1.1 s, with a peak RSS under 2 MiB.
hostile() {
	local pf=$TMP/h-$1.port t0 ms kb want=1
	[ "$1" = good ] && want=0
	"$PY" "$ROOT/tests/helpers/tls13_hostile.py" "$1" ec.crt ec.key "$pf" >"h-$1.log" 2>&1 &
	PIDS+=($!)
	for _ in $(seq 200); do [ -s "$pf" ] && break; sleep 0.05; done
	t0=$(date +%s%N)
	OUT=$("$ROOT/bin/helpers/maxrss" "$HC" -t 1s --cacert ca.crt \
		"https://localhost:$(cat "$pf")/" 2>"h-$1.err")
	RC=$?
	ms=$(( ($(date +%s%N) - t0) / 1000000 ))
	kb=$(grep -o '[0-9]*' "h-$1.err" | tail -1)
	if [ "$RC" = "$want" ] && [[ $OUT =~ $3 ]] && [ "$ms" -lt 1100 ] && [ "${kb:-99999}" -lt 2048 ]; then
		ok "$2: exit $RC in $ms ms, peak RSS $kb KiB: ${OUT#*: }"
	else
		not_ok "$2: rc $RC in $ms ms, $kb KiB: $OUT ($(cat "h-$1.err"))"
	fi
}
if "$PY" -c 'import cryptography' 2>/dev/null; then
	hostile good "a right server (the control)" "^healthy: "
	hostile finished "a wrong Finished" "Finished does not verify"
	hostile cv "a CertificateVerify over another transcript" "CertificateVerify does not verify"
	hostile big "a record over 2^14 bytes" "a record over 16 KiB"
	hostile suite "a ServerHello choosing a suite not offered" "ServerHello: a value it was not offered"
	hostile group "a share of a group we sent none for" "a group we sent no share for"
	hostile hrr2 "a HelloRetryRequest twice" "a second HelloRetryRequest"
	hostile keyupdate "KeyUpdates without end" "more than 64 KeyUpdates"
	hostile truncated "a truncated record, then silence" "timeout during tls after 10[0-9][0-9]"
	hostile garbage "garbage after the ServerHello" "handshake: the server sent"
	hostile downgrade "a TLS 1.2 answer with the downgrade sentinel" "downgrade sentinel"
	UPSTREAM=${PORT[o-both]} hostile mitm \
		"an alert forged in the way of a 1.3 server, then its true 1.2 answer (the sentinel)" \
		"speaks TLS 1.3 .*downgrade sentinel.* refused"
	hostile silent "a server that never answers" "timeout during tls"
else
	not_ok "python3-cryptography for the hostile peers (apt-get install python3-cryptography)"
fi
summary
