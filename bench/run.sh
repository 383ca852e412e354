#!/usr/bin/env bash
# make bench: init and healthcheck side by side with the peers, in one run
# on this machine, reported as ratios to peers measured in the same run.
# A benchmark, not a test: it never fails on a number.  Writes
# bench/results.md and bench/chart.svg.
set -u
cd "$(dirname "$0")/.." || exit 1
ROOT=$PWD
. tests/servers.sh
sh tests/deps.sh bench || exit 1
sh tests/grpc-deps.sh || exit 1
make -s all bin/healthcheck-notls bin/helpers/orphans bin/helpers/maxrss >/dev/null || exit 1
B=$ROOT/build/bench
mkdir -p "$B"
for p in floor_init floor_probe true siglat; do
	musl-gcc -static -O2 -o "$B/$p" "bench/$p.c" || exit 1
done
TMP=$(mktemp -d)
PIDS=()
cleanup() {
	kill "${PIDS[@]}" 2>/dev/null
	nginx_stop "$TMP/ngx"
	nginx_stop "$TMP/ngxs"
	db_stop "$TMP/db"
	rm -rf "$TMP"
}
trap cleanup EXIT
RUNS=${BENCH_RUNS:-300}
OUT=bench/results.md
R=$TMP/rows
: >"$R"

say() { echo "$*" >&2; }
# hyperfine mean in ms of one command (no shell)
hmean() {
	hyperfine -N --warmup 20 --runs "$RUNS" --export-json "$TMP/h.json" "$1" >/dev/null 2>&1
	python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.3f %.3f" % (r["mean"]*1000, r["median"]*1000))' "$TMP/h.json"
}
# the median of 20 peak RSS (kB) of one command (no shell)
median_rss() {
	for i in $(seq 20); do
		# shellcheck disable=SC2086
		"$ROOT/bin/helpers/maxrss" $1 2>&1 >/dev/null | awk '/^maxrss/{print $2}'
	done | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'
}
ratio() { awk "BEGIN{ if ($2 > 0) printf \"%.2f\", $1 / $2; else print \"-\" }"; }
size_with_libs() {	# bytes of the file and of every shared library it loads
	local f=$1 total
	total=$(stat -c %s "$(readlink -f "$f")")
	for l in $(ldd "$f" 2>/dev/null | awk '/=>/ {print $3} /^\t\/lib/ {print $1}'); do
		[ -f "$l" ] && total=$((total + $(stat -c %s "$(readlink -f "$l")")))
	done
	echo "$total"
}
is_static() { readelf -l "$1" 2>/dev/null | grep -q INTERP && echo no || echo yes; }
# X as PID 1 of a fresh pid namespace.  An array, not only a function: a
# function run with & is a subshell, one more process above timeout.
NS1=(timeout -s KILL 120 unshare --pid --fork --kill-child --mount-proc)
ns1() { "${NS1[@]}" "$@"; }

declare -A INIT=(
	[init]="$ROOT/bin/init --"
	[tini]="/usr/bin/tini --"
	[tini-static]="/usr/bin/tini-static --"
	[dumb-init]="/usr/bin/dumb-init"
	[catatonit]="/usr/bin/catatonit --"
	[floor]="$B/floor_init"
)
INITS="init tini tini-static dumb-init catatonit floor"
bin_of() { echo "${INIT[$1]}" | awk '{print $1}'; }

say "# init: sizes"
for k in $INITS; do
	echo "size $k $(stat -c %s "$(bin_of "$k")") $(is_static "$(bin_of "$k")")" >>"$R"
done

say "# init: idle RSS and wakeups (all at once, 10 s)"
declare -A IPID
for k in $INITS; do
	# shellcheck disable=SC2086
	"${NS1[@]}" ${INIT[$k]} sleep 100 &
	PIDS+=($!)
	IPID[$k]=$!
done
sleep 1.5
declare -A V0
for k in $INITS; do
	u=$(cat /proc/"${IPID[$k]}"/task/*/children | awk '{print $1}')	# timeout -> unshare
	p=$(cat /proc/"$u"/task/*/children | awk '{print $1}')		# unshare -> init
	# Measure the init itself, never a wrapper: its exe must be X's file.
	if [ "$(readlink -f /proc/"$p"/exe)" != "$(readlink -f "$(bin_of "$k")")" ]; then
		say "bench: could not find the $k process under unshare"
		p=0
	fi
	IPID[$k]=$p
	V0[$k]=$(awk '/^voluntary_ctxt_switches/{print $2}' /proc/"$p"/status)
done
sleep 10
for k in $INITS; do
	p=${IPID[$k]}
	if [ "$p" = 0 ]; then
		echo "idle $k - - -" >>"$R"
		continue
	fi
	v1=$(awk '/^voluntary_ctxt_switches/{print $2}' /proc/"$p"/status)
	priv=$(awk '/^Private_(Clean|Dirty):/{s+=$2} END{print s}' /proc/"$p"/smaps_rollup)
	pss=$(awk '/^Pss:/{print $2}' /proc/"$p"/smaps_rollup)
	echo "idle $k $priv $pss $((v1 - V0[$k]))" >>"$R"
done
kill "${PIDS[@]}" 2>/dev/null
wait 2>/dev/null
PIDS=()

say "# init: spawn overhead"
for k in $INITS; do
	echo "spawn $k $(hmean "${INIT[$k]} $B/true")" >>"$R"
done
echo "spawn direct $(hmean "$B/true")" >>"$R"

say "# init: signal latency (10,000 SIGUSR1) and orphan storm (10,000)"
for k in init tini tini-static dumb-init catatonit; do
	# shellcheck disable=SC2086
	l=$(ns1 ${INIT[$k]} "$B/siglat" 10000 2>/dev/null | awk '/^siglat/{print $4, $6}')
	echo "siglat $k ${l:-- -}" >>"$R"
	# Five storms; the median of each figure (CPU from schedstat, in ns).
	for r in 1 2 3 4 5; do
		# shellcheck disable=SC2086
		ns1 ${INIT[$k]} "$ROOT/bin/helpers/orphans" 10000 2>/dev/null |
			sed -n 's/.*created, \([0-9]*\) left after \([0-9]*\) ms; init cpu \(-\?[0-9.]*\) ms.*/\1 \2 \3/p'
	done >"$TMP/orp"
	o=$(for f in 1 2 3; do awk -v f=$f '{print $f}' "$TMP/orp" | sort -g | sed -n 3p; done | tr '\n' ' ')
	echo "orphans $k ${o:-- - -}" >>"$R"
done

say "# healthcheck: probes against nginx"
NP=$(free_port)
nginx_start "$TMP/ngx" "server { listen 127.0.0.1:$NP; listen unix:$TMP/ngx/http.sock; root $TMP/ngx/html; }" || exit 1
echo ok >"$TMP/ngx/html/index.html"
sleep 0.5
U=http://127.0.0.1:$NP/
declare -A PROBE=(
	[healthcheck]="$ROOT/bin/healthcheck $U"
	[curl]="/usr/bin/curl -fsS -o /dev/null $U"
	[wget]="/usr/bin/wget -q --spider $U"
	[busybox-wget]="/bin/busybox wget -q --spider $U"
	[floor]="$B/floor_probe $NP"
)
PROBES="healthcheck curl wget busybox-wget floor"
for k in $PROBES; do
	b=$(echo "${PROBE[$k]}" | awk '{print $1}')
	echo "psize $k $(size_with_libs "$b") $(is_static "$b")" >>"$R"
	t=$(hmean "${PROBE[$k]}")
	echo "probe $k $t $(median_rss "${PROBE[$k]}")" >>"$R"
done
node tests/helpers/grpc_server.js health "$TMP/g.port" >/dev/null 2>&1 &
PIDS+=($!)
for i in $(seq 100); do [ -s "$TMP/g.port" ] && break; sleep 0.05; done
GP=$(cat "$TMP/g.port")
echo "other hc-tcp $(hmean "$ROOT/bin/healthcheck tcp://127.0.0.1:$NP")" >>"$R"
echo "other hc-unix $(hmean "$ROOT/bin/healthcheck unix://$TMP/ngx/http.sock")" >>"$R"
echo "other hc-http-unix $(hmean "$ROOT/bin/healthcheck --unix-socket $TMP/ngx/http.sock http://localhost/")" >>"$R"
echo "other curl-http-unix $(hmean "/usr/bin/curl -fsS -o /dev/null --unix-socket $TMP/ngx/http.sock http://localhost/")" >>"$R"
echo "other hc-grpc $(hmean "$ROOT/bin/healthcheck grpc://127.0.0.1:$GP")" >>"$R"
echo "psize healthcheck-notls $(stat -c %s "$ROOT/bin/healthcheck-notls") yes" >>"$R"

say "# healthcheck: https against nginx (TLS 1.3 and 1.2; ECDSA P-256 and RSA 2048; a root, an intermediate and a leaf), beside curl"
EC=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
openssl req -x509 "${EC[@]}" -keyout "$TMP/ca.key" -out "$TMP/ca.crt" -days 2 \
	-subj /CN=bench-ca >/dev/null 2>&1
for k in ecdsa rsa; do
	if [ $k = ecdsa ]; then ka=("${EC[@]}"); else ka=(-newkey rsa:2048 -nodes); fi
	openssl req "${ka[@]}" -keyout "$TMP/$k.key" -out "$TMP/$k.csr" -subj /CN=localhost \
		>/dev/null 2>&1
	openssl x509 -req -in "$TMP/$k.csr" -CA "$TMP/ca.crt" -CAkey "$TMP/ca.key" \
		-CAcreateserial -out "$TMP/$k.crt" -days 2 \
		-extfile <(printf 'subjectAltName=DNS:localhost,IP:127.0.0.1') >/dev/null 2>&1
done
# A 3-certificate chain: the server sends its own and an intermediate's.
openssl req "${EC[@]}" -keyout "$TMP/int.key" -out "$TMP/int.csr" -subj /CN=bench-int \
	>/dev/null 2>&1
openssl x509 -req -in "$TMP/int.csr" -CA "$TMP/ca.crt" -CAkey "$TMP/ca.key" \
	-CAcreateserial -out "$TMP/int.crt" -days 2 \
	-extfile <(printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=keyCertSign') >/dev/null 2>&1
openssl x509 -req -in "$TMP/ecdsa.csr" -CA "$TMP/int.crt" -CAkey "$TMP/int.key" \
	-CAcreateserial -out "$TMP/leaf3.crt" -days 2 \
	-extfile <(printf 'subjectAltName=DNS:localhost,IP:127.0.0.1') >/dev/null 2>&1
cat "$TMP/leaf3.crt" "$TMP/int.crt" >"$TMP/chain3.crt"
SE=$(free_port) SR=$(free_port) SC=$(free_port) SE2=$(free_port) SR2=$(free_port)
nginx_start "$TMP/ngxs" "
	server { listen 127.0.0.1:$SE ssl; ssl_protocols TLSv1.2 TLSv1.3;
		ssl_certificate $TMP/ecdsa.crt; ssl_certificate_key $TMP/ecdsa.key;
		root $TMP/ngx/html; }
	server { listen 127.0.0.1:$SR ssl; ssl_protocols TLSv1.2 TLSv1.3;
		ssl_certificate $TMP/rsa.crt; ssl_certificate_key $TMP/rsa.key;
		root $TMP/ngx/html; }
	server { listen 127.0.0.1:$SC ssl; ssl_protocols TLSv1.2 TLSv1.3;
		ssl_certificate $TMP/chain3.crt; ssl_certificate_key $TMP/ecdsa.key;
		root $TMP/ngx/html; }
	server { listen 127.0.0.1:$SE2 ssl; ssl_protocols TLSv1.2;
		ssl_certificate $TMP/ecdsa.crt; ssl_certificate_key $TMP/ecdsa.key;
		root $TMP/ngx/html; }
	server { listen 127.0.0.1:$SR2 ssl; ssl_protocols TLSv1.2;
		ssl_certificate $TMP/rsa.crt; ssl_certificate_key $TMP/rsa.key;
		root $TMP/ngx/html; }" || exit 1
sleep 0.5
# nginx 1.22 speaks TLS 1.3 only when told (its default ends at 1.2): the
# first three take 1.2 and 1.3 (both clients use 1.3), the last two 1.2
# only (healthcheck then connects twice: transport/tls.c).  Timed in
# alternating pairs (bench/pairs.py): the median of each side, and the
# median of the per-pair ratios, wall and CPU.
for k in ecdsa rsa chain3 ecdsa-12 rsa-12; do
	case $k in ecdsa) port=$SE ;; rsa) port=$SR ;; chain3) port=$SC ;;
		ecdsa-12) port=$SE2 ;; *) port=$SR2 ;; esac
	hc="$ROOT/bin/healthcheck --cacert $TMP/ca.crt https://127.0.0.1:$port/"
	cu="/usr/bin/curl -fsS -o /dev/null --cacert $TMP/ca.crt https://127.0.0.1:$port/"
	# shellcheck disable=SC2086
	t=$(python3 "$ROOT/bench/pairs.py" "$RUNS" -- $hc -- $cu)
	echo "tls $k $t $(median_rss "$hc") $(median_rss "$cu")" >>"$R"
done
nginx_stop "$TMP/ngxs"

say "# healthcheck: databases against their own readiness tools"
DB=$TMP/db
mkdir -p "$DB" && chmod 755 "$TMP"
PGP=$(free_port) RDP=$(free_port) MYP=$(free_port)
pg_init "$DB/pg" && pg_start "$DB/pg" "$PGP" || exit 1
redis_start "$DB/rd" bench "$RDP" || exit 1
mariadb_start "$DB/my" "$MYP" || exit 1
PIDS+=($!)
for i in $(seq 300); do [ -S "$DB/my/sock" ] && break; sleep 0.05; done
declare -A DBP=(
	[hc-postgres]="$ROOT/bin/healthcheck postgres://127.0.0.1:$PGP"
	[pg_isready]="$PGBIN/pg_isready -q -h 127.0.0.1 -p $PGP"
	[pg_isready-wrapper]="$(command -v pg_isready) -q -h 127.0.0.1 -p $PGP"
	[hc-redis]="$ROOT/bin/healthcheck redis://127.0.0.1:$RDP"
	[redis-cli]="$(command -v redis-cli) -p $RDP ping"
	[hc-mysql]="$ROOT/bin/healthcheck --unix-socket $DB/my/sock mysql://localhost"
	[mysqladmin]="$(command -v mysqladmin) --no-defaults -S $DB/my/sock ping"
)
for k in hc-postgres pg_isready pg_isready-wrapper hc-redis redis-cli hc-mysql \
	mysqladmin; do
	b=$(echo "${DBP[$k]}" | awk '{print $1}')
	echo "db $k $(hmean "${DBP[$k]}") $(size_with_libs "$b")" >>"$R"
done
db_stop "$DB"

say "# Kubernetes: one probe's CPU through containerd's CRI (tests/k8s/cri.sh --measure)"
m=$(bash tests/k8s/cri.sh --measure 2>&1 | awk '$2 == "cri-measure-raw" {print $3, $4, $5, $6, $7}')
echo "k8s cri ${m:-- - - - -}" >>"$R"

say "# writing $OUT"
python3 bench/report.py "$R" "$RUNS" >"$OUT"
cp "$R" bench/raw.txt
if command -v gnuplot >/dev/null; then
	awk '$1=="spawn" && $2!="direct" {print $2, $4} ' "$R" >"$TMP/spawn.dat"
	awk '$1=="probe" {print $2, $4}' "$R" >"$TMP/probe.dat"
	gnuplot <<GP
set terminal svg size 900,360 font "sans,11" background rgb "white"
set output "bench/chart.svg"
set multiplot layout 1,2 title "median wall time per run, ms (lower is better), $(date -u +%F)"
set style fill solid 0.8
set boxwidth 0.6
set yrange [0:*]
set offsets 0, 0, graph 0.08, 0
unset key
set xtics rotate by -30
set title "spawn: X -- static true"
plot "$TMP/spawn.dat" using 0:2:xtic(1) with boxes lc rgb "#4477aa"
set title "HTTP probe of a local nginx"
plot "$TMP/probe.dat" using 0:2:xtic(1) with boxes lc rgb "#cc6677"
unset multiplot
GP
fi
cat "$OUT"
