#!/usr/bin/env bash
# healthcheck against gRPC peers that misbehave on purpose: every one must
# end with exit 1, a one-line reason, within the deadline + 100 ms, and a
# peak RSS under 1 MiB (VmHWM at exit, tests/helpers/maxrss.c).
set -u
. "$(dirname "$0")/../lib.sh"
HC=$ROOT/bin/healthcheck
cd "$TMP" || exit 1
trap 'kill "${PIDS[@]}" 2>/dev/null; rm -rf "$TMP"' EXIT
MAXRSS=$ROOT/bin/helpers/maxrss
while IFS='|' read -r mode want; do
	serve "P_$mode" python3 "$ROOT/tests/helpers/h2_hostile.py" "$mode" "$TMP/P_$mode.port"
	port=$(cat "$TMP/P_$mode.port")
	run "$MAXRSS" "$HC" -t 500ms "grpc://127.0.0.1:$port"
	rss=$(echo "$ERR" | awk '/^maxrss/{print $2}')
	expect "$mode: exit 1" "$RC" 1
	expect_match "$mode: one line naming it" "$OUT" "^unhealthy: grpc://127.0.0.1:$port: $want after [0-9.]+ ms$"
	secs_between "$mode: within the deadline + 100 ms" "$SECS" 0 0.6
	if [ -n "$rss" ] && [ "$rss" -lt 1024 ]; then ok "$mode: peak RSS $rss kB < 1 MiB"
	else not_ok "$mode: peak RSS [$rss] kB"; fi
done <<'CASES'
goaway|receive: GOAWAY before the call, code 11
rst|receive: stream reset by the server, code 2
settings|timeout during (send|receive)
ping|timeout during (send|receive)
table|receive: HPACK table size update over 4096
continuation|receive: header block over 16 KiB
huffman|receive: bad HPACK header block
oversize|receive: response message over 4 KiB
notrailers|receive: no grpc-status in the trailers
bigframe|receive: frame over 16 KiB
drip|timeout during receive
CASES
summary
