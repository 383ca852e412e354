#!/usr/bin/env bash
# healthcheck's postgres://, redis:// and mysql:// against the real servers
# from Debian, each in a temporary directory on loopback ports, with the
# peers' own readiness tools (pg_isready, redis-cli, mysqladmin) run on the
# same state as an oracle: where they tell ready from not ready, our exit
# status must agree.
set -u
. "$(dirname "$0")/../lib.sh"
HC=$ROOT/bin/healthcheck
cd "$TMP" || exit 1
chmod 755 "$TMP"
cleanup() {
	db_stop "$TMP"
	kill -9 "${PIDS[@]}" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT
PIDS=()

# agree DESC WANT_RC ORACLE_RC: our exit status (RC) is WANT_RC, and the
# peer's tool says the same about readiness.
agree() {
	expect "$1: exit $2" "$RC" "$2"
	if [ "$(( $3 != 0 ))" = "$2" ]; then ok "$1: the peer's tool agrees ($3)"
	else not_ok "$1: the peer's tool exits $3"; fi
}

echo "# PostgreSQL ($PGBIN)"
pg_init "$TMP/pg" || not_ok "initdb"
printf 'host all refused 127.0.0.1/32 reject\n' >pg/hba
cat pg/data/pg_hba.conf >>pg/hba
cp pg/hba pg/data/pg_hba.conf
PGP=$(free_port)
pg_stop() { pg_ctl_in "$TMP/pg" -m fast stop >/dev/null 2>&1; }
# Started without waiting, probed at once: --wait carries it through its
# start-up (refused, then 57P03 or accepting).
pg_start "$TMP/pg" "$PGP" -W
run "$HC" -v --wait 30s --interval 20ms "postgres://127.0.0.1:$PGP"
expect "while starting: --wait ends healthy" "$RC" 0
expect_match "... accepting connections" "$OUT" \
	"^healthy: postgres://127.0.0.1:$PGP: accepting connections \(authentication: SASL\) after"
pg_isready -q -h 127.0.0.1 -p "$PGP"; agree "running, scram" 0 $?
run "$HC" --unix-socket "$TMP/pg" "postgres://localhost:$PGP/postgres"
expect_match "--unix-socket DIR (.s.PGSQL.PORT in it)" "$OUT" "accepting connections"
run env PGDIR="$TMP/pg" "$HC" --unix-socket '${PGDIR}/.s.PGSQL.'"$PGP" "postgres://app:pw@db/app"
expect_match "--unix-socket FILE from \${PGDIR}, password not shown" "$OUT" \
	"^healthy: postgres://app:\*\*\*@db/app: accepting connections"
run "$HC" "postgres://refused@127.0.0.1:$PGP"
expect_match "an error other than 57P03 is a server that is up" "$OUT" \
	'^healthy: .*: accepting connections \(FATAL 28000: pg_hba.conf rejects connection .*\) after'
pg_isready -q -h 127.0.0.1 -p "$PGP" -U refused; agree "rejected by pg_hba" 0 $?
for i in $(seq 20); do "$HC" -q "postgres://127.0.0.1:$PGP"; done
expect "20 probes leave no line in the server's log" \
	"$(grep -cE 'incomplete startup|unexpected EOF|could not receive' pg/log)" 0
pg_stop
run "$HC" "postgres://127.0.0.1:$PGP"
expect_match "stopped: connection refused" "$OUT" "connect: Connection refused"
pg_isready -q -h 127.0.0.1 -p "$PGP"; agree "stopped" 1 $?
# A standby without hot_standby never accepts connections: 57P03.
touch pg/data/standby.signal && chown nobody pg/data/standby.signal
pg_start "$TMP/pg" "$PGP" -c hot_standby=off
run "$HC" "postgres://127.0.0.1:$PGP"
expect_match "standby, hot_standby off: rejecting, with the server's words" "$OUT" \
	"^unhealthy: postgres://127.0.0.1:$PGP: rejecting connections: FATAL 57P03: the database system is not accepting connections after"
pg_isready -q -h 127.0.0.1 -p "$PGP"; agree "standby" 1 $?
run "$HC" --wait 300ms --interval 100ms "postgres://127.0.0.1:$PGP"
expect_match "... --wait gives up on it" "$OUT" "gave up after [0-9]+ tries$"
pg_stop
rm -f pg/data/standby.signal

echo "# Redis ($(redis-server --version | awk '{print $3}'))"
RP=$(free_port)
redis() {	# redis NAME PORT ARGS...
	redis_start "$TMP/rd" "$@" || not_ok "redis $1"
	wait_for redis-cli -p "$2" ping >/dev/null
}
redis plain "$RP" --enable-debug-command local
run "$HC" "redis://127.0.0.1:$RP"
expect "PONG" "$OUT" "${OUT%%: PONG after*}: PONG after${OUT##*: PONG after}"
[ "$(redis-cli -p "$RP" ping)" = PONG ]; agree "running" 0 $?
redis-cli -p "$RP" config set busy-reply-threshold 50 >/dev/null
redis-cli -p "$RP" eval 'while true do end' 0 >/dev/null 2>&1 &
sleep 0.3
run "$HC" "redis://127.0.0.1:$RP"
expect_match "a script running: BUSY" "$OUT" "^unhealthy: redis://127.0.0.1:$RP: BUSY Redis is busy running a script"
[ "$(redis-cli -p "$RP" ping 2>&1)" = PONG ]; agree "busy" 1 $?
redis-cli -p "$RP" script kill >/dev/null
redis-cli -p "$RP" debug populate 100000 >/dev/null
redis-cli -p "$RP" save >/dev/null
cp rd/plain.rdb rd/big.rdb
redis-cli -p "$RP" shutdown nosave >/dev/null 2>&1
# A dataset that loads slowly (key-load-delay: microseconds a key), with
# events served while it loads.
RL=$(free_port)
redis_start "$TMP/rd" big "$RL" --key-load-delay 50 \
	--loading-process-events-interval-bytes 1024
wait_for sh -c "redis-cli -p $RL ping 2>&1 | grep -q LOADING" ||
	not_ok "redis-server did not start loading big.rdb"
run "$HC" "redis://127.0.0.1:$RL"
expect_match "loading its dataset: LOADING" "$OUT" \
	"^unhealthy: redis://127.0.0.1:$RL: LOADING Redis is loading the dataset in memory after"
[ "$(redis-cli -p "$RL" ping 2>&1)" = PONG ]; agree "loading" 1 $?
run "$HC" -v --wait 60s --interval 100ms "redis://127.0.0.1:$RL"
expect_match "... --wait sees it through the load" "$OUT" "^healthy: redis://127.0.0.1:$RL: PONG after"
redis-cli -p "$RL" shutdown nosave >/dev/null 2>&1
# A replica whose master is gone, told not to serve stale data.
RM=$(free_port)
redis replica "$RM" --replicaof 127.0.0.1 "$(free_port)" --replica-serve-stale-data no
run "$HC" "redis://127.0.0.1:$RM"
expect_match "replica, master down: MASTERDOWN" "$OUT" "^unhealthy: redis://127.0.0.1:$RM: MASTERDOWN "
redis-cli -p "$RM" shutdown nosave >/dev/null 2>&1
# requirepass, and an ACL user.
RA=$(free_port)
PW='p@ss:w/rd'
redis auth "$RA" --requirepass "$PW"
redis-cli -p "$RA" --no-auth-warning -a "$PW" acl setuser app on '>apppw' '~*' '+@all' >/dev/null
run "$HC" "redis://127.0.0.1:$RA"
expect_match "no password given: up, with a note" "$OUT" \
	"^healthy: redis://127.0.0.1:$RA: up, no password given \(NOAUTH Authentication required.\)"
run env REDIS_PASSWORD="$PW" "$HC" "redis://:\${REDIS_PASSWORD}@127.0.0.1:$RA"
expect_match "password from \${REDIS_PASSWORD} ('@', ':' and '/' in it): PONG" "$OUT" \
	"^healthy: redis://:\*\*\*@127.0.0.1:$RA: PONG"
case "$OUT$ERR" in *"$PW"*|*apppw*) not_ok "the password is in the output" ;;
*) ok "the password is not in the output" ;; esac
run env HEALTHCHECK_TARGET="redis://app:apppw@127.0.0.1:$RA" HEALTHCHECK_TIMEOUT=2s "$HC"
expect_match "HEALTHCHECK_TARGET and HEALTHCHECK_TIMEOUT, like every target" "$OUT" \
	"^healthy: redis://app:\*\*\*@127.0.0.1:$RA: PONG"
run "$HC" -v "redis://app:apppw@127.0.0.1:$RA/0"
expect_match "ACL user: PONG" "$OUT" "^healthy: redis://app:\*\*\*@127.0.0.1:$RA/0: PONG"
case "$OUT$ERR" in *apppw*) not_ok "-v shows the password" ;; *) ok "-v does not show the password" ;; esac
run "$HC" "redis://:wrong@127.0.0.1:$RA"
expect_match "wrong password: AUTH fails, unhealthy" "$OUT" \
	"^unhealthy: redis://:\*\*\*@127.0.0.1:$RA: AUTH: WRONGPASS "
# The password from a file, as a Docker or Kubernetes secret holds it.
printf '%s\n' "$PW" >pw.secret
chmod 400 pw.secret
run "$HC" -v --password-file pw.secret "redis://127.0.0.1:$RA"
expect_match "--password-file (a trailing newline): PONG" "$OUT" "^healthy: redis://127.0.0.1:$RA: PONG"
case "$OUT$ERR" in *"$PW"*) not_ok "--password-file: the password is in the output" ;;
*) ok "--password-file: the password is not in the output, -v included" ;; esac
run env HEALTHCHECK_PASSWORD_FILE="$TMP/pw.secret" "$HC" "redis://127.0.0.1:$RA"
expect_match "HEALTHCHECK_PASSWORD_FILE: PONG" "$OUT" "^healthy: redis://127.0.0.1:$RA: PONG"
run "$HC" --password-file pw.secret "redis://:wrong@127.0.0.1:$RA"
expect_match "... a password in the URL is used before the file" "$OUT" "AUTH: WRONGPASS"
run "$HC" --password-file "$TMP/no-such" "redis://127.0.0.1:$RA"
expect "a missing --password-file: exit 1" "$RC" 1
expect "... one line naming it" "$ERR" \
	"healthcheck: fatal: --password-file $TMP/no-such: No such file or directory"
printf 'a\tb\n' >pw.bad
run "$HC" --password-file pw.bad "redis://127.0.0.1:$RA"
expect "a control byte in it: exit 1, the password not shown" "$RC $ERR" \
	"1 healthcheck: fatal: --password-file 'pw.bad': a NUL or control byte in the password"
redis-cli -p "$RA" --no-auth-warning -a "$PW" shutdown nosave >/dev/null 2>&1

echo "# MariaDB ($(mariadbd --version | awk '{print $3}'))"
mkdir -p my
MP=$(free_port)
my_start() { mariadb_start "$TMP/my" "$MP" "$@" || not_ok "mariadb"; }
my_start
run "$HC" --wait 30s --interval 20ms --unix-socket "$TMP/my/sock" mysql://localhost
expect_match "over its unix socket, through start-up: the greeting" "$OUT" \
	"^healthy: mysql://localhost: greeting from [0-9.]+-MariaDB[^ ]* \(protocol 10\) after"
# Only root@localhost exists: 127.0.0.1 gets error 1130 as its greeting.
run "$HC" "mysql://127.0.0.1:$MP"
expect_match "host not allowed: the ERR greeting, unhealthy" "$OUT" \
	"^unhealthy: mysql://127.0.0.1:$MP: error 1130: Host '127.0.0.1' is not allowed to connect"
mysqladmin --no-defaults -h 127.0.0.1 -P "$MP" ping >/dev/null 2>&1; agree "host not allowed" 1 $?
mariadb --no-defaults -S "$TMP/my/sock" -e "CREATE USER 'app'@'%' IDENTIFIED BY 'x'"
run "$HC" "mysql://127.0.0.1:$MP"
expect_match "over TCP: the greeting" "$OUT" "^healthy: mysql://127.0.0.1:$MP: greeting from"
mysqladmin --no-defaults -h 127.0.0.1 -P "$MP" ping >/dev/null 2>&1; agree "running" 0 $?
kill "$(cat my/pid)"
wait_for sh -c "! kill -0 $(cat my/pid) 2>/dev/null"
run "$HC" "mysql://127.0.0.1:$MP"
expect_match "stopped: connection refused" "$OUT" "connect: Connection refused"
mysqladmin --no-defaults -h 127.0.0.1 -P "$MP" ping >/dev/null 2>&1; agree "stopped" 1 $?
summary
