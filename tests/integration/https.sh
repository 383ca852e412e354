#!/usr/bin/env bash
# HTTPS through the libcurl build (bin/healthcheck-curl) against nginx on
# loopback, with certificates made here by openssl: a private CA, a
# self-signed certificate, a name mismatch, an expired one, client
# certificates, a server with and without h2.  Prints "N passed, N failed".
set -u
. "$(dirname "$0")/../lib.sh"
HC=$ROOT/bin/healthcheck-curl
cd "$TMP" || exit 1
trap 'kill "${PIDS[@]}" 2>/dev/null; nginx_stop "$TMP/ngx"; rm -rf "$TMP"' EXIT

echo "# certificates"
EC=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
q() { "$@" >/dev/null 2>&1 || { echo "not ok - openssl: $*"; exit 1; }; }
q openssl req -x509 "${EC[@]}" -keyout ca.key -out ca.crt -days 3 -subj /CN=test-ca
csr() { q openssl req "${EC[@]}" -keyout "$1.key" -out "$1.csr" -subj "/CN=$2"; }
sign() { q openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial \
	-out "$1.crt" -days 3 -extfile <(printf 'subjectAltName=%s' "$2"); }
csr srv localhost && sign srv "DNS:localhost,IP:127.0.0.1"
csr other other.test && sign other "DNS:other.test"
csr client probe && sign client "DNS:probe"
q openssl req -x509 "${EC[@]}" -keyout self.key -out self.crt -days 3 -subj /CN=localhost \
	-addext "subjectAltName=DNS:localhost,IP:127.0.0.1"
csr exp localhost
printf '01\n' >serial
: >index.txt
cat >ca.cnf <<'CNF'
[ca]
default_ca = d
[d]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = p
copy_extensions = copy
[p]
commonName = supplied
CNF
q openssl ca -batch -config ca.cnf -cert ca.crt -keyfile ca.key -in exp.csr -out exp.crt \
	-startdate 20200101000000Z -enddate 20200102000000Z -notext
ok "made a CA, server, self-signed, mismatched, expired and client certificates"

PA=$(free_port) PF=$(free_port) PB=$(free_port) PC=$(free_port)
PD=$(free_port) PE=$(free_port) PH=$(free_port)
srv() {	# PORT CERT EXTRA-LISTEN EXTRA
	cat <<S
	server {
		listen 127.0.0.1:$1 ssl $3;
		ssl_certificate $TMP/$2.crt;
		ssl_certificate_key $TMP/$2.key;
		${4:-}
		location = /ok { return 200 "status: green\\n"; }
		location = /down { return 503 "down\\n"; }
		location = /same { return 302 /ok; }
		location = /loop { return 302 /loop; }
		location = /to-http { return 302 http://127.0.0.1:$PH/ok; }
	}
S
}
nginx_start "$TMP/ngx" "
$(srv "$PA" srv http2)
$(srv "$PF" srv "")
$(srv "$PB" self "")
$(srv "$PC" other "")
$(srv "$PD" exp "")
$(srv "$PE" srv "" "ssl_client_certificate $TMP/ca.crt; ssl_verify_client on;")
	server { listen 127.0.0.1:$PH; location = /ok { return 200 \"plain\\n\"; } }" || exit 1
wait_for bash -c "echo >/dev/tcp/127.0.0.1/$PE" 2>/dev/null

hc() { run "$HC" "$@"; }
echo "# verification"
hc "https://127.0.0.1:$PA/ok"
expect "a private CA is not trusted by default: exit 1" "$RC" 1
expect_match "... tls phase named" "$OUT" "^unhealthy: https://127.0.0.1:$PA/ok: tls: .*certificate"
hc --cacert ca.crt -v "https://127.0.0.1:$PA/ok"
expect "--cacert: healthy" "$RC" 0
# libcurl is only the transport: ALPN offers http/1.1, and the engine
# speaks it to a server that also offers h2.
expect_match "... over HTTP/1.1 from a server that offers h2" "$ERR" "response: HTTP/1.1 200"
hc --cacert ca.crt -v "https://localhost:$PF/ok"
expect "HTTP/1.1 over TLS, by name" "$RC" 0
expect_match "... HTTP/1.1" "$ERR" "response: HTTP/1.1 200"
hc "https://127.0.0.1:$PB/ok"
expect "self-signed: refused when verified" "$RC" 1
hc -k "https://127.0.0.1:$PB/ok"
expect "self-signed: -k accepts it (the kubelet's way)" "$RC" 0
hc --cacert self.crt "https://127.0.0.1:$PB/ok"
expect "self-signed: --cacert with the certificate itself" "$RC" 0
hc --cacert ca.crt "https://127.0.0.1:$PC/ok"
expect "name mismatch: refused" "$RC" 1
expect_match "... saying so" "$OUT" "tls: .*(other.test|match|name)"
hc --cacert ca.crt --servername other.test "https://127.0.0.1:$PC/ok"
expect "--servername other.test fixes the mismatch" "$RC" 0
hc --cacert ca.crt "https://127.0.0.1:$PD/ok"
expect "expired: refused" "$RC" 1
expect_match "... saying so" "$OUT" "tls: .*expired"
hc --cacert ca.crt "https://127.0.0.1:$PE/ok"
expect "mTLS without a client certificate: unhealthy" "$RC" 1
hc --cacert ca.crt --cert client.crt --key client.key "https://127.0.0.1:$PE/ok"
expect "mTLS with --cert/--key: healthy" "$RC" 0

echo "# the HTTP rules"
hc --cacert ca.crt "https://127.0.0.1:$PA/down"
expect_match "503" "$OUT" "status 503 \(expected 200-399\)"
hc --cacert ca.crt --expect-body green "https://127.0.0.1:$PA/ok"
expect "--expect-body over TLS" "$RC" 0
hc --cacert ca.crt --expect-body blue "https://127.0.0.1:$PA/ok"
expect "--expect-body missing" "$RC" 1
hc --cacert ca.crt "https://127.0.0.1:$PA/same"
expect_match "same-host redirect followed" "$OUT" "status 200"
hc --cacert ca.crt "https://127.0.0.1:$PA/loop"
expect_match "redirect loop" "$OUT" "stopped after 10 redirects"
hc --cacert ca.crt "https://127.0.0.1:$PA/to-http"
expect_match "https -> http on the same host: not followed" "$OUT" \
	"status 302, redirect to http not followed \(no downgrade\)"
env https_proxy=http://127.0.0.1:1 HTTPS_PROXY=http://127.0.0.1:1 all_proxy=http://127.0.0.1:1 \
	"$HC" --cacert ca.crt "https://127.0.0.1:$PA/ok" >/dev/null
expect "proxy variables are ignored" "$?" 0
serve S python3 "$ROOT/tests/helpers/silent.py" accept "$TMP/S.port"
hc -t 300ms -k "https://127.0.0.1:$S/"
expect_match "a TLS peer that never answers: timeout, on time" "$OUT" "timeout during tls after (29[0-9]|3[0-9][0-9])\.[0-9] ms"
hc "http://127.0.0.1:$PH/ok"
expect "http:// keeps our own client in the libcurl build" "$RC" 0
# libcurl is loaded at the first https:// target, not at start.
LD_DEBUG=files "$HC" "http://127.0.0.1:$PH/ok" >/dev/null 2>ld.log
expect "an http:// probe never loads libcurl" "$(grep -c 'file=libcurl' ld.log)" 0
LD_DEBUG=files "$HC" --cacert ca.crt "https://127.0.0.1:$PA/ok" >/dev/null 2>ld.log
expect_match "an https:// probe does" "$(grep 'file=libcurl' ld.log | head -1)" "file=libcurl\.so\.4"
# Where libcurl is missing (/dev/null bound over it in a private mount
# namespace): every other target still works, https:// says why in a line.
LIBCURL=$(ldconfig -p | awk '/libcurl\.so\.4 .*x86-64/ {print $NF; exit}')
nolib() { unshare --mount sh -c 'mount --bind /dev/null "$0" && exec "$@"' "$LIBCURL" "$HC" "$@"; }
run nolib "http://127.0.0.1:$PH/ok"
expect "without libcurl: http:// still healthy" "$RC" 0
run nolib --cacert ca.crt "https://127.0.0.1:$PA/ok"
expect "without libcurl: https:// exits 1" "$RC" 1
expect_match "... with one line naming the library" "$OUT" \
	"^unhealthy: https://127.0.0.1:$PA/ok: libcurl: cannot load libcurl\.so\.4 \(https needs it: install libcurl4\) after [0-9.]+ ms$"
hc -V
expect "-V names the build" "$OUT" "healthcheck $(sed -n 's/^VERSION *= *//p' "$ROOT/Makefile") (libcurl)"
summary
