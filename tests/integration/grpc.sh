#!/usr/bin/env bash
# gRPC health checks of bin/healthcheck against a real grpc-js health
# server (tests/helpers/grpc_server.js), a server without the health
# service, a plain HTTP/1.1 server, a peer that never answers and a unix
# socket; then grpcs:// against the same server over TLS and mTLS (the
# static build, BearSSL, with ALPN h2).  Prints "N passed, N failed";
# exits 1 on any failure.
set -u
. "$(dirname "$0")/../lib.sh"
HC=$ROOT/bin/healthcheck
cd "$TMP" || exit 1
sh "$ROOT/tests/grpc-deps.sh" || { echo "not ok - grpc-deps"; exit 1; }
trap 'kill "${PIDS[@]}" 2>/dev/null; rm -rf "$TMP"' EXIT
serve G node "$ROOT/tests/helpers/grpc_server.js" health "$TMP/G.port" "$TMP/grpc.sock"
serve N node "$ROOT/tests/helpers/grpc_server.js" nohealth "$TMP/N.port"
serve P python3 "$ROOT/tests/helpers/httpd.py" "$TMP/P.port"
serve S python3 "$ROOT/tests/helpers/silent.py" accept "$TMP/S.port"

hc() { run "$HC" "$@"; }
hc "grpc://127.0.0.1:$G"
expect "server health SERVING: exit 0" "$RC" 0
expect_match "... message" "$OUT" "^healthy: grpc://127.0.0.1:$G: SERVING after [0-9.]+ ms$"
hc "grpc://127.0.0.1:$G/svc.ok"
expect "service SERVING" "$RC" 0
hc "grpc://127.0.0.1:$G/svc.down"
expect "service NOT_SERVING: exit 1" "$RC" 1
expect_match "... message" "$OUT" "^unhealthy: grpc://127.0.0.1:$G/svc.down: NOT_SERVING after"
hc "grpc://127.0.0.1:$G/svc.nosuch"
expect "unknown service: exit 1" "$RC" 1
expect_match "... message" "$OUT" "service 'svc.nosuch' not found \(grpc-status 5 NOT_FOUND\)"
hc "grpc://127.0.0.1:$G/svc.flip"
expect "flip: SERVING before" "$RC" 0
kill -USR1 "$G_PID"
sleep 0.3
hc "grpc://127.0.0.1:$G/svc.flip"
expect "flip: NOT_SERVING after the server flips it" "$RC" 1
expect_match "... message" "$OUT" "NOT_SERVING"
hc "grpc://127.0.0.1:$N"
expect "no health service: exit 1" "$RC" 1
expect_match "... message" "$OUT" "server has no health service \(grpc-status 12 UNIMPLEMENTED\)"
hc "grpc://127.0.0.1:$P"
expect "python3 http.server: exit 1" "$RC" 1
expect_match "... message" "$OUT" "receive: not an HTTP/2 server \(no SETTINGS first\)"
H1=$(free_port)
# It stays open after its answer: closing with the request unread would
# reset the connection, and the reset can overtake the answer.
socat TCP-LISTEN:"$H1",bind=127.0.0.1,reuseaddr,fork \
	SYSTEM:"printf 'HTTP/1.1 400 Bad Request\\r\\nContent-Length: 0\\r\\n\\r\\n'; sleep 2" >/dev/null 2>&1 &
PIDS+=($!)
wait_for bash -c "echo >/dev/tcp/127.0.0.1/$H1" 2>/dev/null
hc "grpc://127.0.0.1:$H1"
expect "an HTTP/1.1 server: exit 1" "$RC" 1
expect_match "... message" "$OUT" "receive: not an HTTP/2 server \(it answered HTTP/1.x\)"
hc -t 300ms "grpc://127.0.0.1:$S"
expect_match "accepts and never answers: timeout" "$OUT" "timeout during receive after"
secs_between "... within the deadline" "$SECS" 0.29 0.6
hc grpc://127.0.0.1:1
expect_match "refused" "$OUT" "connect: Connection refused"
hc --unix-socket "$TMP/grpc.sock" grpc://localhost/svc.ok
expect "over a unix socket" "$RC" 0
hc --unix-socket "$TMP/grpc.sock" grpc://localhost/svc.down
expect "over a unix socket: NOT_SERVING" "$RC" 1
hc grpc://localhost/svc.ok
expect "grpc:// without a port nor --unix-socket is an error" "$RC" 1
hc -H "x-probe: 1" "grpc://127.0.0.1:$G" "tcp://127.0.0.1:$G"
expect "-H metadata and a second target" "$RC" 0
hc "grpc://[::1]:1"
expect_match "IPv6 literal" "$OUT" "connect: Connection refused \(\[::1\]:1\)"

echo "# grpcs://"
EC=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
openssl req -x509 "${EC[@]}" -keyout ca.key -out ca.crt -days 3 -subj /CN=grpc-ca >/dev/null 2>&1
openssl req -x509 "${EC[@]}" -keyout other.key -out other.crt -days 3 -subj /CN=other-ca >/dev/null 2>&1
for n in srv client; do
	openssl req "${EC[@]}" -keyout $n.key -out $n.csr -subj /CN=$n >/dev/null 2>&1
	openssl x509 -req -in $n.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out $n.crt -days 3 \
		-extfile <(printf 'subjectAltName=DNS:localhost,IP:127.0.0.1') >/dev/null 2>&1
done
GRPC_TLS_CERT=srv.crt GRPC_TLS_KEY=srv.key serve T node "$ROOT/tests/helpers/grpc_server.js" health "$TMP/T.port"
GRPC_TLS_CERT=srv.crt GRPC_TLS_KEY=srv.key GRPC_TLS_CA=ca.crt \
	serve M node "$ROOT/tests/helpers/grpc_server.js" health "$TMP/M.port"
hc --cacert ca.crt "grpcs://127.0.0.1:$T"
expect "grpcs: SERVING" "$RC" 0
expect_match "... message" "$OUT" "^healthy: grpcs://127.0.0.1:$T: SERVING after"
hc --cacert ca.crt "grpcs://localhost:$T/svc.down"
expect_match "grpcs: NOT_SERVING" "$RC $OUT" "^1 unhealthy: .*: NOT_SERVING after"
hc --cacert ca.crt "grpcs://localhost:$T/svc.nosuch"
expect_match "grpcs: unknown service" "$RC $OUT" "^1 .*service 'svc.nosuch' not found"
hc --cacert other.crt "grpcs://localhost:$T"
expect_match "grpcs: the wrong CA" "$RC $OUT" "^1 .*tls: certificate signed by an unknown authority"
hc -k "grpcs://localhost:$T"
expect "grpcs: -k" "$RC" 0
hc --cacert ca.crt "grpc://127.0.0.1:$T"
expect "grpc:// to a TLS server: exit 1" "$RC" 1
hc --cacert ca.crt "grpcs://127.0.0.1:$G"
expect_match "grpcs:// to a cleartext server: exit 1, not TLS" "$RC $OUT" "^1 .*tls: handshake: "
hc --cacert ca.crt "grpcs://127.0.0.1:$M"
expect_match "mTLS without a client certificate: says so" "$RC $OUT" \
	"^1 .*tls: (handshake: )?the server wants a client certificate \(--cert FILE --key FILE\)"
hc --cacert ca.crt --cert client.crt --key client.key "grpcs://127.0.0.1:$M/svc.ok"
expect "mTLS with --cert and --key: SERVING" "$RC" 0
hc --cacert ca.crt --cert client.crt --key client.key "grpcs://127.0.0.1:$M/svc.down"
expect "mTLS: NOT_SERVING" "$RC" 1
# A TLS server that does not choose h2 by ALPN: nginx with plain https.
PN=$(free_port)
. "$ROOT/tests/servers.sh"
nginx_start "$TMP/ngx" "server { listen 127.0.0.1:$PN ssl; ssl_certificate $TMP/srv.crt;
	ssl_certificate_key $TMP/srv.key; location / { return 200; } }" || exit 1
trap 'kill "${PIDS[@]}" 2>/dev/null; nginx_stop "$TMP/ngx"; rm -rf "$TMP"' EXIT
wait_for bash -c "echo >/dev/tcp/127.0.0.1/$PN" 2>/dev/null
hc --cacert ca.crt "grpcs://127.0.0.1:$PN"
expect_match "a server that does not speak h2: one line naming ALPN" "$RC $OUT" "^1 .*tls: .*ALPN h2"
summary
