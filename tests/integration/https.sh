#!/usr/bin/env bash
# HTTPS against nginx on loopback, with certificates made here by openssl,
# through both TLS builds: bin/healthcheck (static, BearSSL) and
# bin/healthcheck-curl (libcurl as the transport).  A private CA; IPv4 and
# IPv6 SANs; expired and not yet valid; a name mismatch, then
# --servername; a chain with an intermediate; RSA 2048 and 4096, ECDSA
# P-256 and P-384; a client certificate required, with and without one;
# a TLS 1.3-only server; a trust store hidden as in a scratch image;
# redirects between http and https; and bin/healthcheck-notls, the build
# without TLS.  Prints "N passed, N failed".
set -u
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/servers.sh"
HC=$ROOT/bin/healthcheck
CURL=$ROOT/bin/healthcheck-curl
NOTLS=$ROOT/bin/healthcheck-notls
cd "$TMP" || exit 1
trap 'kill "${PIDS[@]}" 2>/dev/null; nginx_stop "$TMP/ngx"; rm -rf "$TMP"' EXIT

echo "# certificates"
EC=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
q() { "$@" >/dev/null 2>&1 || { echo "not ok - openssl: $*"; exit 1; }; }
q openssl req -x509 "${EC[@]}" -keyout ca.key -out ca.crt -days 3 -subj /CN=test-ca
csr() {	# NAME CN [KEYARGS...]
	local n=$1 cn=$2
	shift 2
	[ $# -gt 0 ] || set -- "${EC[@]}"
	q openssl req "$@" -nodes -keyout "$n.key" -out "$n.csr" -subj "/CN=$cn"
}
sign() {	# NAME SAN [CA]
	q openssl x509 -req -in "$1.csr" -CA "${3:-ca}.crt" -CAkey "${3:-ca}.key" \
		-CAcreateserial -out "$1.crt" -days 3 \
		-extfile <(printf 'subjectAltName=%s' "$2")
}
csr srv localhost && sign srv "DNS:localhost,IP:127.0.0.1,IP:::1"
csr other other.test && sign other "DNS:other.test,DNS:*.wild.test"
csr client probe && sign client "DNS:probe"
csr clrsa probe -newkey rsa:2048 && sign clrsa "DNS:probe"
q openssl pkey -in client.key -out client-trad.key -traditional
csr rsa2048 localhost -newkey rsa:2048 && sign rsa2048 "DNS:localhost,IP:127.0.0.1"
csr rsa4096 localhost -newkey rsa:4096 && sign rsa4096 "DNS:localhost,IP:127.0.0.1"
csr p384 localhost -newkey ec -pkeyopt ec_paramgen_curve:secp384r1 && sign p384 "DNS:localhost,IP:127.0.0.1"
# A chain: root -> intermediate -> leaf; the server sends leaf + intermediate.
csr inter test-intermediate
q openssl x509 -req -in inter.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out inter.crt \
	-days 3 -extfile <(printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign')
csr leaf localhost && sign leaf "DNS:localhost,IP:127.0.0.1" inter
cat leaf.crt inter.crt >leaf-chain.crt
q openssl req -x509 "${EC[@]}" -keyout self.key -out self.crt -days 3 -subj /CN=localhost \
	-addext "subjectAltName=DNS:localhost,IP:127.0.0.1"
csr exp localhost
csr future localhost
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
unique_subject = no
[p]
commonName = supplied
CNF
q openssl ca -batch -config ca.cnf -cert ca.crt -keyfile ca.key -in exp.csr -out exp.crt \
	-startdate 20200101000000Z -enddate 20200102000000Z -notext \
	-extfile <(printf 'subjectAltName=DNS:localhost,IP:127.0.0.1')
q openssl ca -batch -config ca.cnf -cert ca.crt -keyfile ca.key -in future.csr -out future.crt \
	-startdate 20990101000000Z -enddate 20990102000000Z -notext \
	-extfile <(printf 'subjectAltName=DNS:localhost,IP:127.0.0.1')
ok "made a CA, an intermediate, and server, client, RSA, P-384, expired and future certificates"

declare -A PORT
for n in h2 h1 self other exp future mtls rsa2048 rsa4096 p384 chain tls13 plain; do
	PORT[$n]=$(free_port)
done
srv() {	# NAME CERT EXTRA-LISTEN EXTRA
	cat <<S
	server {
		listen 127.0.0.1:${PORT[$1]} ssl $3;
		$( [ "$1" = h1 ] && echo "listen [::1]:${PORT[$1]} ssl;" )
		ssl_certificate $TMP/$2.crt;
		ssl_certificate_key $TMP/${5:-$2}.key;
		${4:-}
		location = /ok { return 200 "status: green\\n"; }
		location = /down { return 503 "down\\n"; }
		location = /same { return 302 /ok; }
		location = /loop { return 302 /loop; }
		location = /to-http { return 302 http://127.0.0.1:${PORT[plain]}/ok; }
	}
S
}
nginx_start "$TMP/ngx" "
$(srv h2 srv http2)
$(srv h1 srv "")
$(srv self self "")
$(srv other other "")
$(srv exp exp "")
$(srv future future "")
$(srv mtls srv "" "ssl_client_certificate $TMP/ca.crt; ssl_verify_client on;")
$(srv rsa2048 rsa2048 "")
$(srv rsa4096 rsa4096 "")
$(srv p384 p384 "")
$(srv chain leaf-chain "" "" leaf)
$(srv tls13 srv "" "ssl_protocols TLSv1.3;")
	server { listen 127.0.0.1:${PORT[plain]};
		location = /ok { return 200 \"plain\\n\"; }
		location = /to-https { return 301 https://127.0.0.1:${PORT[h1]}/ok; }
		location = /to-https-down { return 301 https://127.0.0.1:${PORT[h1]}/down; }
		location = /to-https-dead { return 301 https://127.0.0.1:9/ok; }
	}" || exit 1
wait_for bash -c "echo >/dev/tcp/127.0.0.1/${PORT[plain]}" 2>/dev/null
P=${PORT[plain]}

# both BUILD-NAME HC: the checks whose verdicts both TLS builds share.
both() {
	local b=$1 hc=$2 u
	h() { run "$hc" "$@"; }
	echo "# verification ($b)"
	u=https://127.0.0.1:${PORT[h2]}
	h "$u/ok"
	expect "$b: a private CA is not trusted by default: exit 1" "$RC" 1
	expect_match "$b: ... the tls phase named" "$OUT" "^unhealthy: $u/ok: tls: .*(certificate|issuer)"
	h --cacert ca.crt -v "$u/ok"
	expect "$b: --cacert: healthy" "$RC" 0
	expect_match "$b: ... over HTTP/1.1 from a server that offers h2" "$ERR" "response: HTTP/1.1 200"
	h --cacert ca.crt "https://localhost:${PORT[h1]}/ok"
	expect "$b: by name (DNS SAN)" "$RC" 0
	h --cacert ca.crt "https://127.0.0.1:${PORT[h1]}/ok"
	expect "$b: by IPv4 address (IP SAN)" "$RC" 0
	h --cacert ca.crt "https://[::1]:${PORT[h1]}/ok"
	expect "$b: by IPv6 address (IP SAN)" "$RC" 0
	h "https://127.0.0.1:${PORT[self]}/ok"
	expect "$b: self-signed: refused when verified" "$RC" 1
	h -k "https://127.0.0.1:${PORT[self]}/ok"
	expect "$b: self-signed: -k accepts it (the kubelet's way)" "$RC" 0
	h --cacert self.crt "https://127.0.0.1:${PORT[self]}/ok"
	expect "$b: self-signed: --cacert with the certificate itself" "$RC" 0
	h --cacert ca.crt "https://127.0.0.1:${PORT[other]}/ok"
	expect "$b: name mismatch: refused" "$RC" 1
	expect_match "$b: ... saying so" "$OUT" "tls: .*(other.test|match|name)"
	h --cacert ca.crt --servername other.test "https://127.0.0.1:${PORT[other]}/ok"
	expect "$b: --servername other.test fixes the mismatch" "$RC" 0
	h --cacert ca.crt --servername a.wild.test "https://127.0.0.1:${PORT[other]}/ok"
	expect "$b: a wildcard SAN covers one label" "$RC" 0
	h --cacert ca.crt --servername a.b.wild.test "https://127.0.0.1:${PORT[other]}/ok"
	expect "$b: ... and not two" "$RC" 1
	h --cacert ca.crt "https://127.0.0.1:${PORT[exp]}/ok"
	expect "$b: expired: refused" "$RC" 1
	expect_match "$b: ... saying so" "$OUT" "tls: .*expired"
	h --cacert ca.crt "https://127.0.0.1:${PORT[future]}/ok"
	expect "$b: not yet valid: refused" "$RC" 1
	h --cacert ca.crt "https://127.0.0.1:${PORT[chain]}/ok"
	expect "$b: a chain with an intermediate sent by the server" "$RC" 0
	h --cacert inter.crt "https://127.0.0.1:${PORT[chain]}/ok"
	expect "$b: ... or the intermediate alone as the anchor (as curl)" "$RC" 0
	h --cacert other.crt "https://127.0.0.1:${PORT[chain]}/ok"
	expect "$b: ... and not another certificate" "$RC" 1
	for k in rsa2048 rsa4096 p384; do
		h --cacert ca.crt "https://127.0.0.1:${PORT[$k]}/ok"
		expect "$b: a $k server certificate" "$RC" 0
	done
	h --cacert ca.crt "https://127.0.0.1:${PORT[mtls]}/ok"
	expect "$b: mTLS without a client certificate: unhealthy" "$RC" 1
	for c in "client.crt client.key" "client.crt client-trad.key" "clrsa.crt clrsa.key"; do
		set -- $c
		h --cacert ca.crt --cert "$1" --key "$2" "https://127.0.0.1:${PORT[mtls]}/ok"
		expect "$b: mTLS with --cert $1 --key $2: healthy" "$RC" 0
	done

	echo "# the HTTP rules over TLS ($b)"
	h --cacert ca.crt "$u/down"
	expect_match "$b: 503" "$OUT" "status 503 \(expected 200-399\)"
	h --cacert ca.crt --expect-body green "$u/ok"
	expect "$b: --expect-body over TLS" "$RC" 0
	h --cacert ca.crt --expect-body blue "$u/ok"
	expect "$b: --expect-body missing" "$RC" 1
	h --cacert ca.crt "$u/same"
	expect_match "$b: same-host redirect followed" "$OUT" "status 200"
	h --cacert ca.crt "$u/loop"
	expect_match "$b: redirect loop" "$OUT" "stopped after 10 redirects"
	h --cacert ca.crt "$u/to-http"
	expect "$b: https -> http on the same host: refused (no downgrade)" "$RC" 1
	expect_match "$b: ... saying so" "$OUT" \
		"status 302, redirect from https to http refused \(no downgrade"
	h --cacert ca.crt --no-follow "$u/to-http"
	expect "$b: ... --no-follow judges the 302 itself" "$RC" 0
	h --cacert ca.crt "http://127.0.0.1:$P/to-https"
	expect "$b: http -> https on the same host: followed, healthy" "$RC" 0
	h --cacert ca.crt "http://127.0.0.1:$P/to-https-down"
	expect_match "$b: ... the https side's 503 judged" "$OUT" "status 503"
	h --cacert ca.crt "http://127.0.0.1:$P/to-https-dead"
	expect_match "$b: ... nothing listens there: unhealthy" "$OUT" "^unhealthy: .*connect"
	h "http://127.0.0.1:$P/to-https"
	expect "$b: ... with the same trust as a direct https target" "$RC" 1
	env https_proxy=http://127.0.0.1:1 HTTPS_PROXY=http://127.0.0.1:1 all_proxy=http://127.0.0.1:1 \
		"$hc" --cacert ca.crt "$u/ok" >/dev/null
	expect "$b: proxy variables are ignored" "$?" 0
	serve "S$b" python3 "$ROOT/tests/helpers/silent.py" accept "$TMP/S$b.port"
	local s="S$b"
	h -t 300ms -k "https://127.0.0.1:${!s}/"
	expect_match "$b: a TLS peer that never answers: timeout, on time" "$OUT" \
		"timeout during tls after (29[0-9]|3[0-9][0-9])\.[0-9] ms"
	h "http://127.0.0.1:$P/ok"
	expect "$b: http:// keeps the plain transport" "$RC" 0
}

both static "$HC"
both libcurl "$CURL"

echo "# the static build's own lines"
h() { run "$HC" "$@"; }
run env -u SSL_CERT_FILE "$HC" "https://127.0.0.1:${PORT[h2]}/ok"
expect_match "unknown authority named, with the way out" "$OUT" \
	"tls: certificate signed by an unknown authority: no path to a trusted root from the server's certificate \(CN=localhost\), issued by CN=test-ca \(1 certificate sent: CN=localhost\); not in the CA file \(--cacert FILE, or -k\)"
h --cacert ca.crt "https://127.0.0.1:${PORT[other]}/ok"
expect_match "a mismatch says what the certificate is for" "$OUT" \
	"tls: name mismatch: the certificate is for DNS:other.test, DNS:\*.wild.test, not 127.0.0.1 \(--servername"
h --cacert ca.crt "https://127.0.0.1:${PORT[exp]}/ok"
expect_match "expired: the certificate and the date" "$OUT" "tls: the server's certificate \(CN=localhost\) expired on 2020-01-02 \(now 20[0-9-]+\)"
h --cacert ca.crt "https://127.0.0.1:${PORT[future]}/ok"
expect_match "not yet valid: the certificate and the date" "$OUT" "tls: the server's certificate \(CN=localhost\) is not valid before 2099-01-01"
# http:// to a port that speaks TLS: OpenSSL's server closes at once.
SP=$(free_port)
openssl s_server -quiet -www -accept "127.0.0.1:$SP" -cert rsa2048.crt -key rsa2048.key \
	</dev/null >/dev/null 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$SP") 2>/dev/null && break; sleep 0.05; done
h "http://127.0.0.1:$SP/ok"
expect_match "http:// to a TLS port: the line says what it may be" "$RC $OUT" \
	"^1 unhealthy: http://127.0.0.1:$SP/ok: receive: connection closed before any answer \(a TLS port\? then https://\) after"
h -v --cacert ca.crt "https://127.0.0.1:${PORT[tls13]}/ok"
expect "a TLS 1.3-only server: healthy" "$RC" 0
expect_match "... -v names the version and the suite" "$ERR" \
	"tls: TLS 1.3 with 127.0.0.1, TLS_AES_[0-9]+_GCM_SHA[0-9]+, X25519"
run "$CURL" --cacert ca.crt "https://127.0.0.1:${PORT[tls13]}/ok"
expect "... the libcurl build speaks TLS 1.3" "$RC" 0
h --cacert ca.crt "https://127.0.0.1:${PORT[mtls]}/ok"
expect_match "mTLS: the line says the server asked for a client certificate" "$OUT" \
	"the server asked for a client certificate and got none: --cert FILE --key FILE"
h --cacert ca.crt --cert client.crt "https://127.0.0.1:${PORT[mtls]}/ok"
expect_match "--cert without --key: refused up front" "$ERR" "--cert and --key go together"
h --cacert ca.crt --cert client.crt --key client.crt "https://127.0.0.1:${PORT[mtls]}/ok"
expect_match "a --key without a key says so" "$OUT" "tls: --key client.crt: no RSA or EC private key"
q openssl pkey -in client.key -aes256 -passout pass:x -out enc.key
h --cacert ca.crt --cert client.crt --key enc.key "https://127.0.0.1:${PORT[mtls]}/ok"
expect_match "an encrypted key says so" "$OUT" "tls: --key enc.key: .*encrypted key"
h --cacert /nonexistent "https://127.0.0.1:${PORT[h1]}/ok"
expect_match "a missing --cacert is named" "$OUT" "tls: --cacert /nonexistent: No such file or directory"
h --cacert ca.key "https://127.0.0.1:${PORT[h1]}/ok"
expect_match "a --cacert without a certificate is named" "$OUT" "tls: --cacert ca.key: no certificate in it"
SSL_CERT_FILE=$TMP/ca.crt run "$HC" "https://localhost:${PORT[h1]}/ok"
expect "SSL_CERT_FILE is the trust store" "$RC" 0
SSL_CERT_FILE=$TMP/nothing run "$HC" "https://localhost:${PORT[h1]}/ok"
expect_match "... named when it is missing" "$OUT" "tls: SSL_CERT_FILE $TMP/nothing: No such file"
HEALTHCHECK_CACERT=$TMP/ca.crt run "$HC" "https://localhost:${PORT[h1]}/ok"
expect "HEALTHCHECK_CACERT too" "$RC" 0
cat /etc/ssl/certs/ca-certificates.crt ca.crt >bundle.pem 2>/dev/null || cp ca.crt bundle.pem
h --cacert bundle.pem "https://localhost:${PORT[h1]}/ok"
expect "a system-sized bundle with the CA in it" "$RC" 0
# A scratch image: no /etc/ssl, no /etc/pki (tmpfs over them, in a
# private mount namespace).
scratch() { env -u SSL_CERT_FILE unshare --mount sh -c 'for d in /etc/ssl /etc/pki; do [ -d $d ] && mount -t tmpfs none $d; done; exec "$@"' sh "$@"; }
run scratch "$HC" "https://localhost:${PORT[h1]}/ok"
expect "no trust store at all: exit 1" "$RC" 1
expect_match "... one line naming --cacert and -k" "$OUT" \
	"^unhealthy: https://localhost:${PORT[h1]}/ok: tls: no CA certificates to verify the server .*--cacert FILE, or -k to skip verification after"
run scratch "$HC" --cacert "$TMP/ca.crt" "https://localhost:${PORT[h1]}/ok"
expect "... --cacert is enough there" "$RC" 0
h -V
expect_match "-V names the TLS library" "$OUT" "^healthcheck [0-9.]+ \(TLS 1.3 and 1.2: BearSSL\)$"

echo "# the libcurl build's own"
# libcurl is loaded at the first https:// target, not at start.
LD_DEBUG=files "$CURL" "http://127.0.0.1:$P/ok" >/dev/null 2>ld.log
expect "an http:// probe never loads libcurl" "$(grep -c 'file=libcurl' ld.log)" 0
LD_DEBUG=files "$CURL" --cacert ca.crt "https://127.0.0.1:${PORT[h1]}/ok" >/dev/null 2>ld.log
expect_match "an https:// probe does" "$(grep 'file=libcurl' ld.log | head -1)" "file=libcurl\.so\.4"
# Where libcurl is missing (/dev/null bound over it in a private mount
# namespace): every other target still works, https:// says why in a line.
LIBCURL=$(ldconfig -p | awk '/libcurl\.so\.4 .*x86-64/ {print $NF; exit}')
nolib() { unshare --mount sh -c 'mount --bind /dev/null "$0" && exec "$@"' "$LIBCURL" "$CURL" "$@"; }
run nolib "http://127.0.0.1:$P/ok"
expect "without libcurl: http:// still healthy" "$RC" 0
run nolib --cacert ca.crt "https://127.0.0.1:${PORT[h1]}/ok"
expect "without libcurl: https:// exits 1" "$RC" 1
expect_match "... with one line naming the library" "$OUT" \
	"^unhealthy: https://127.0.0.1:${PORT[h1]}/ok: libcurl: cannot load libcurl\.so\.4 \(https needs it: install libcurl4\) after [0-9.]+ ms$"
run "$CURL" -V
expect "-V names the build" "$OUT" "healthcheck $VERSION (libcurl)"

echo "# the build without TLS (make TLS=off)"
size=$(stat -c %s "$NOTLS")
if [ "$size" -le 98304 ]; then ok "bin/healthcheck-notls is at most 96 KiB ($size B)"
else not_ok "bin/healthcheck-notls is $size B, over 96 KiB"; fi
run "$NOTLS" "http://127.0.0.1:$P/ok"
expect "no TLS: http:// healthy" "$RC" 0
run "$NOTLS" "https://localhost/"
expect "no TLS: https:// refused up front, exit 1" "$RC" 1
expect "... one line naming the builds that have it" "$ERR" \
	"healthcheck: fatal: target 'https://localhost/': HTTPS needs a TLS build (make, or make WITH_CURL=1)"
run "$NOTLS" "grpcs://localhost:443"
expect "no TLS: grpcs:// refused the same way" "$RC" 1
run "$NOTLS" "http://127.0.0.1:$P/to-https"
expect_match "no TLS: a redirect to https is not followed, and says why" "$OUT" \
	"status 301, redirect to https not followed \(no TLS in this build\)"
run "$NOTLS" -V
expect "no TLS: -V" "$OUT" "healthcheck $VERSION"
summary
