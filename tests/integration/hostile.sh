#!/usr/bin/env bash
# healthcheck against HTTP and gRPC peers that misbehave on purpose: every
# one must end with exit 1, a one-line reason, within the deadline (500 ms)
# + 100 ms, and a peak RSS under 1 MiB (VmHWM at exit, tests/helpers/maxrss.c).
set -u
. "$(dirname "$0")/../lib.sh"
HC=$ROOT/bin/healthcheck
cd "$TMP" || exit 1
trap 'kill "${PIDS[@]}" 2>/dev/null; rm -rf "$TMP"' EXIT
MAXRSS=$ROOT/bin/helpers/maxrss
N=0

# hostile NAME WANT [OPTION...] TARGET: WANT is an ERE for the reason.
hostile() {
	local name=$1 want=$2 rss target
	shift 2
	target=${*: -1}
	N=$((N + 1))
	run "$MAXRSS" "$HC" -t 500ms "$@"
	rss=$(echo "$ERR" | awk '/^maxrss/{print $2}')
	expect "$name: exit 1" "$RC" 1
	expect_match "$name: one line naming it" "$OUT" \
		"^unhealthy: $(printf %s "$target" | sed 's/[][?.*+^$()|{}\\]/\\&/g'): $want after [0-9.]+ ms$"
	secs_between "$name: within the deadline (500 ms)" "$SECS" 0 0.8
	if [ -n "$rss" ] && [ "$rss" -lt 1024 ]; then ok "$name: peak RSS $rss kB < 1 MiB"
	else not_ok "$name: peak RSS [$rss] kB"; fi
}

echo "# HTTP/1.x"
serve P python3 "$ROOT/tests/helpers/httpd.py" "$TMP/P.port"
serve Q python3 "$ROOT/tests/helpers/httpd.py" "$TMP/Q.port"
serve SB python3 "$ROOT/tests/helpers/silent.py" backlog "$TMP/SB.port"
serve SA python3 "$ROOT/tests/helpers/silent.py" accept "$TMP/SA.port"
U=http://127.0.0.1:$P
hostile "never accepts (full backlog)" "timeout during connect" "http://127.0.0.1:$SB/"
hostile "accepts and never answers" "timeout during receive" "http://127.0.0.1:$SA/"
hostile "drips one byte a second" "timeout during receive" "$U/drip-1s"
hostile "1 MB status line" "receive: response head over 16 KiB" "$U/huge-status"
hostile "1 MB header" "receive: response head over 16 KiB" "$U/huge-header"
hostile "100,000 header lines" "receive: response head over 16 KiB" "$U/many-headers"
hostile "endless 100 Continue" "receive: response head over 16 KiB" "$U/interim-flood"
hostile "head without its blank line, held open" "timeout during receive" "$U/no-blank-line"
hostile "CR without LF, then close" \
	"receive: connection closed before the end of the response head" "$U/cr-only"
hostile "closes mid-header" \
	"receive: connection closed before the end of the response head" "$U/close-mid-header"
hostile "HTTP/0.9 reply" "receive: not an HTTP/1.x response" "$U/http09"
hostile "status code 2x0" "receive: not an HTTP/1.x response" "$U/bad-status"
hostile "status code 1000" "receive: not an HTTP/1.x response" "$U/status-1000"
hostile "status code 099" "receive: not an HTTP/1.x response" "$U/status-099"
hostile "Content-Length longer than the body, held open" "timeout during body" \
	--expect-body marker "$U/cl-short-held"
hostile "Content-Length shorter than the body" "body: 'marker' not in the first 5 bytes" \
	--expect-body marker "$U/cl-long"
hostile "negative Content-Length" "receive: not an HTTP/1.x response \\(a Content-Length that is not a number\\)" "$U/cl-negative"
hostile "Content-Length of 20 digits" "receive: not an HTTP/1.x response \\(a Content-Length over 2\\^56\\)" "$U/cl-huge"
hostile "Content-Length and chunked together" "body: bad chunked encoding" \
	--expect-body marker "$U/cl-te"
hostile "chunk size that overflows" "body: bad chunked encoding" --expect-body marker "$U/chunk-overflow"
hostile "endless chunked stream" "body: 'marker' not in the first 10240 bytes" \
	--expect-body marker "$U/chunk-infinite"
hostile "RST mid-body" "receive: Connection reset by peer" --expect-body marker "$U/rst-mid-body"
hostile "redirect loop" "status 302: stopped after 10 redirects" "$U/loop"
# The kubelet compares hostnames, not ports: another port is followed,
# here to a peer that never answers.
hostile "redirect to another port, silent there" "timeout during receive" \
	"$U/to?http://127.0.0.1:$SA/ok"
# A followed redirect would reach a healthy 200: --expect-status 200 shows
# that none of these is followed.
hostile "redirect to another host name" \
	"status 302 \(expected 200\), redirect to another host not followed" \
	--expect-status 200 "$U/to?http://localhost:$P/ok"
# To https on the same host: followed, with TLS, to a plain server there.
hostile "redirect to https, a plain server there" \
	"tls: handshake: not a TLS server \(it answered in clear text, '<!DOC\.\.\.': http:// there\?\)" \
	--expect-status 200 "$U/to?https://127.0.0.1:$P/ok"

echo "# gRPC"
while IFS='|' read -r mode want; do
	serve "G_$mode" python3 "$ROOT/tests/helpers/h2_hostile.py" "$mode" "$TMP/G_$mode.port"
	port=$(cat "$TMP/G_$mode.port")
	hostile "$mode" "$want" "grpc://127.0.0.1:$port"
done <<'CASES'
http1|receive: not an HTTP/2 server \(it answered HTTP/1.x\)
goaway|receive: GOAWAY before the call, code 11
rst|receive: stream reset by the server, code 2
settings|timeout during (send|receive)
ping|timeout during (send|receive)
table|receive: HPACK table size update over 4096
continuation|receive: header block over 16 KiB
huffman|receive: bad HPACK header block
oversize|receive: response message over 4 KiB
longer|receive: bad HealthCheckResponse message
notrailers|receive: no grpc-status in the trailers
bigframe|receive: frame over 16 KiB
drip|timeout during receive
CASES
echo "# databases"
for proto in pg redis mysql; do
	scheme=$proto
	[ "$proto" = pg ] && scheme=postgres
	case $proto in
	pg) what="a PostgreSQL answer" ;;
	redis) what="a Redis reply" ;;
	mysql) what="a MySQL greeting" ;;
	esac
	while IFS='|' read -r mode want; do
		serve "D_${proto}_$mode" python3 "$ROOT/tests/helpers/db_hostile.py" \
			"$proto" "$mode" "$TMP/D_${proto}_$mode.port"
		port=$(cat "$TMP/D_${proto}_$mode.port")
		hostile "$proto $mode" "${want//WHAT/$what}" "$scheme://127.0.0.1:$port"
	done <<'CASES'
silent|timeout during receive
drip|timeout during receive
huge|receive: not WHAT \(length out of bounds\)
garbage|receive: not WHAT
close|receive: connection closed mid-answer
CASES
done
echo "# TLS"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
	-keyout tls.key -out tls.crt -days 2 -subj /CN=localhost \
	-addext "subjectAltName=DNS:localhost,IP:127.0.0.1" >/dev/null 2>&1
while IFS='|' read -r mode want; do
	serve "T_$mode" python3 "$ROOT/tests/helpers/tls_hostile.py" "$mode" tls.crt tls.key \
		"$TMP/T_$mode.port"
	hostile "tls $mode" "$want" --cacert tls.crt "https://127.0.0.1:$(cat "$TMP/T_$mode.port")/"
done <<'CASES'
garbage|tls: handshake: not a TLS server \(its answer is not a TLS record\)
stall|timeout during tls
bigchain|tls: (bad certificate|certificate chain too large).*
alert|tls: handshake: the server sent alert internal_error
closenotify|body: connection closed after 5 of 100 bytes
truncated|receive: connection closed before the end of the response head
CASES
# A renegotiation asked for after the handshake (openssl s_server's R
# command): refused; the probe ends within its deadline.
RP=$(free_port)
mkfifo reneg.in
openssl s_server -tls1_2 -accept "127.0.0.1:$RP" -cert tls.crt -key tls.key \
	<reneg.in >reneg.log 2>&1 &
PIDS+=($!)
exec 7>reneg.in
wait_for bash -c "echo >/dev/tcp/127.0.0.1/$RP" 2>/dev/null
( sleep 0.2; echo R >&7 ) &
hostile "tls renegotiation request" \
	"(tls: the server ended the connection with alert handshake_failure .*renegotiation.*|timeout during receive)" \
	--cacert tls.crt "https://127.0.0.1:$RP/"
exec 7>&-
echo "# $N hostile peers"
summary
