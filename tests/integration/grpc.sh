#!/usr/bin/env bash
# gRPC health checks of bin/healthcheck against a real grpc-js health
# server (tests/helpers/grpc_server.js), a server without the health
# service, a plain HTTP/1.1 server, a peer that never answers and a unix
# socket.  Prints "N passed, N failed"; exits 1 on any failure.
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
socat TCP-LISTEN:"$H1",bind=127.0.0.1,reuseaddr,fork \
	SYSTEM:"printf 'HTTP/1.1 400 Bad Request\\r\\nContent-Length: 0\\r\\n\\r\\n'" >/dev/null 2>&1 &
PIDS+=($!)
wait_for bash -c "echo >/dev/tcp/127.0.0.1/$H1" 2>/dev/null
hc "grpc://127.0.0.1:$H1"
expect "an HTTP/1.1 server: exit 1" "$RC" 1
expect_match "... message" "$OUT" "receive: not an HTTP/2 server \(it answered HTTP/1.x\)"
hc -t 300ms "grpc://127.0.0.1:$S"
expect_match "accepts and never answers: timeout" "$OUT" "timeout during receive after"
secs_between "... within the deadline" "$SECS" 0.29 0.45
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
summary
