#!/usr/bin/env bash
# Integration tests of the static bin/init: as PID 1 in a fresh pid
# namespace (ns) and as a plain subreaper (sub).  Needs root, unshare and
# script(1).  Prints "N passed, N failed"; exits 1 on any failure.
set -u
. "$(dirname "$0")/../lib.sh"
I=$ROOT/bin/init
cd "$TMP" || exit 1

echo "# build"
expect "bin/init is static (no PT_INTERP)" \
	"$(readelf -l "$I" | grep -c INTERP)" 0
run "$I" -h
expect "-h exits 0" "$RC" 0
expect "-h text matches tests/golden/init-help.txt" "$OUT" \
	"$(cat "$ROOT/tests/golden/init-help.txt")"
run "$I" --license
expect_match "--license: the project's MIT licence and musl's copyright (no BearSSL in init)" \
	"$RC $(echo "$OUT" | tr '\n' ' ')" \
	"^0 MIT License: Copyright .* the init \+ healthcheck authors\. The static binaries link in, each under the same terms:   musl libc: Copyright .*Rich Felker, et al\. musl.s other permissive notices: THIRD_PARTY.*Permission is hereby granted.*SOFTWARE\. $"
mkdir -p inst
run "$I" --install "$TMP/inst"
expect "--install DIR: one line, exit 0" "$RC:$OUT" "0:init: installed $TMP/inst/init ($(wc -c <"$I") bytes)"
expect "... the copy is the binary, mode 0755, and runs" \
	"$(cmp "$I" inst/init && stat -c %a inst/init && inst/init -V)" "755
init version $VERSION - git.$COMMIT"
expect "... no temporary file left" "$(ls -A inst)" init
run "$I" --install "$TMP/nonexistent"
expect "--install to a missing directory: 125, one line" "$RC:$ERR" \
	"125:init: fatal: --install $TMP/nonexistent: No such file or directory"
run unshare -m sh -c 'mount -t tmpfs -o noexec tmpfs "$1" && "$2" --install "$1"' sh "$TMP/inst" "$I"
expect "--install to a noexec mount: 125, one line saying why it cannot work" "$RC:$ERR" \
	"125:init: fatal: --install $TMP/inst: a noexec mount (a copy there could not run)"
run unshare -m sh -c 'mount -t tmpfs -o ro tmpfs "$1" && "$2" --install "$1"' sh "$TMP/inst" "$I"
expect "--install to a read-only mount: 125, one line" "$RC:$ERR" \
	"125:init: fatal: --install $TMP/inst: a read-only mount"
run env INIT_INSTALL="$TMP/inst" "$I" -- true
expect "INIT_INSTALL is not read (an action, not a setting): the command runs" "$RC" 0
run "$I" -V
expect "-V prints the version and commit as Docker parses them (tini's shape)" "$OUT" \
	"init version $VERSION - git.$COMMIT"
make -s -C "$ROOT" install DESTDIR="$TMP/stage" PREFIX=/usr/local >/dev/null 2>&1
expect "make install: container-init, never an init that shadows the host's; the licences beside" \
	"$(cd "$TMP/stage" && find . -type f | sort | tr '\n' ' ')" \
	"./usr/local/bin/container-init ./usr/local/bin/healthcheck ./usr/local/share/doc/init-healthcheck/LICENSE ./usr/local/share/doc/init-healthcheck/THIRD_PARTY ./usr/local/share/man/man1/healthcheck.1 ./usr/local/share/man/man8/container-init.8 "

# Idle: measured in the background while the rest runs; "health" is
# init with a --health-cmd whose next check is 30 s away.
for m in ns sub health; do
	(
		if [ "$m" = health ]; then
			start ns --health-cmd true --health-interval 30s -- sleep 13 || exit 1
		else
			start "$m" sleep 13 || exit 1
		fi
		sleep 1
		a=$(awk '/^voluntary_ctxt_switches/{print $2}' /proc/"$INIT"/status)
		sleep 10
		b=$(awk '/^voluntary_ctxt_switches/{print $2}' /proc/"$INIT"/status)
		echo "$((b - a))" >"$TMP/idle.$m"
		kill -KILL "$BG" 2>/dev/null
	) &
done

# A program linked against a loader that is not there (the glibc program
# in a scratch image), and a script whose #! names a missing shell.
printf 'int main(void) { return 0; }\n' >dyn.c
cc -o dynapp dyn.c -Wl,--dynamic-linker=/nonexistent/ld-musl.so.1 ||
	echo "not ok - cc builds the dynapp fixture"
printf '#!/nonexistent/sh -e\necho hi\n' >script.sh
chmod +x script.sh

# send SIG...: once the started init has run 0.3 s, send it SIG, each
# next one 0.2 s later, and wait for it.  Sets RC, and SECS from the first.
send() {
	local t0 s n=0
	sleep 0.3
	t0=$(date +%s.%N)
	for s; do
		[ $((n++)) -eq 0 ] || sleep 0.2
		kill -"$s" "$INIT"
	done
	wait "$BG"
	RC=$?
	SECS=$(since "$t0")
}

for m in ns sub; do
	echo "# exit status ($m)"
	bad=
	for code in $(seq 0 255); do
		"$m" "$I" sh -c "exit $code"
		[ $? -eq "$code" ] || bad="$bad $code"
	done
	expect "$m: exit codes 0..255 pass through" "$bad" ""
	for s in HUP INT QUIT ABRT KILL SEGV TERM USR1; do
		n=$(kill -l "$s")
		run "$m" "$I" -- sh -c "kill -$s \$\$"
		expect "$m: child killed by SIG$s exits 128+$n" "$RC" $((128 + n))
	done
	run "$m" "$I" -e 3 -e 143 -- sh -c 'exit 3'
	expect "$m: -e 3 remaps 3 to 0" "$RC" 0
	run "$m" "$I" -e 3 -e 143 -- sh -c 'kill -TERM $$'
	expect "$m: -e 143 remaps death by SIGTERM to 0" "$RC" 0
	run "$m" "$I" -e 3 -- sh -c 'exit 4'
	expect "$m: -e 3 leaves 4 alone" "$RC" 4
	INIT_REMAP_EXIT=4,5 run "$m" "$I" -- sh -c 'exit 5'
	expect "$m: INIT_REMAP_EXIT=4,5 remaps 5" "$RC" 0

	echo "# exec failures ($m)"
	run "$m" "$I" -- /nonexistent/cmd
	expect "$m: missing command exits 127" "$RC" 127
	expect "$m: missing command message" "$ERR" \
		"init: fatal: unable to exec /nonexistent/cmd: No such file or directory"
	run "$m" "$I" -- no-such-command-anywhere
	expect "$m: command not on PATH exits 127" "$RC" 127
	run "$m" "$I" -- "$TMP/dynapp"
	expect "$m: a program whose ELF interpreter is missing exits 127" "$RC" 127
	expect "$m: ... and the message names the interpreter" "$ERR" \
		"init: fatal: unable to exec $TMP/dynapp: its interpreter /nonexistent/ld-musl.so.1 is missing (a dynamically linked program: build it static, or use a base image with its libc)"
	run env PATH="$TMP:$PATH" "$m" "$I" -- dynapp
	expect "$m: ... found on PATH too" "$ERR" \
		"init: fatal: unable to exec dynapp: its interpreter /nonexistent/ld-musl.so.1 is missing (a dynamically linked program: build it static, or use a base image with its libc)"
	run "$m" "$I" -- "$TMP/script.sh"
	expect "$m: a script whose #! interpreter is missing" "$RC:$ERR" \
		"127:init: fatal: unable to exec $TMP/script.sh: its interpreter /nonexistent/sh is missing (the #! line names it)"
	run "$m" "$I" -- /etc/passwd
	expect "$m: non-executable file exits 126" "$RC" 126
	expect "$m: non-executable message" "$ERR" \
		"init: fatal: unable to exec /etc/passwd: Permission denied"
	run "$m" "$I" -- /
	expect "$m: directory exits 126" "$RC" 126

	echo "# orphans ($m)"
	run "$m" "$I" -- "$H/orphans" 1000
	expect "$m: 1000 orphans, none left a zombie" "$RC" 0
	echo "  $OUT"

	echo "# forwarding ($m)"
	sigs="$(seq 1 64 | grep -vxE '9|17|19' | tr '\n' ' ')"
	nsigs=$(echo $sigs | wc -w)
	rm -f out
	start "$m" -- "$H/sigrecv" "$TMP/out" 1000
	wait_for grep -qs ready out
	want= stops=
	for s in $sigs; do
		kill -"$s" "$INIT"
		wait_for grep -qs "^$s from" out
		want="$want$s;"
		case $s in 20|21|22)
			# The child catches them and runs on: init must not
			# stop alone (the shell would show a stopped job).
			sleep 0.2
			grep -qs '^State:.*T' /proc/"$INIT"/status && stops="$stops$s;"
			;;
		esac
	done
	kill -KILL "$(kids "$INIT")"
	wait "$BG"
	RC=$?
	# In order, each once (the job's CONTs come again after TSTP..TTOU).
	got=$(grep from out | awk '!seen[$1]++ {printf "%s;", $1}')
	expect "$m: every signal 1..64 but KILL, STOP, CHLD reaches the child" "$got" "$want"
	expect "$m: init alive to the end, then 128+KILL" "$RC" 137
	expect "$m: TSTP, TTIN, TTOU caught by the child: init stays running" "$stops" ""
	from=$(grep from out | awk '{print $3}' | sort -u)
	expect "$m: signals come from init" "$from" \
		"$([ "$m" = ns ] && echo 1 || echo "$INIT")"

	rm -f o1 o2
	start "$m" -g -- sh -c "\"$H/sigrecv\" $TMP/o2 1 & exec \"$H/sigrecv\" $TMP/o1 1"
	wait_for grep -qs ready o1 && wait_for grep -qs ready o2
	kill -USR1 "$INIT"
	wait "$BG"
	expect "$m: -g: the child gets USR1" "$(grep -c '^10 from' o1)" 1
	expect "$m: -g: its group gets USR1" "$(grep -c '^10 from' o2)" 1
	rm -f o1 o2
	start "$m" -- sh -c "\"$H/sigrecv\" $TMP/o2 1 & exec \"$H/sigrecv\" $TMP/o1 1"
	wait_for grep -qs ready o1 && wait_for grep -qs ready o2
	kill -USR1 "$INIT"
	wait "$BG"
	expect "$m: without -g only the child gets USR1" \
		"$(grep -c '^10 from' o1)/$(grep -c '^10 from' o2)" 1/0
	expect "$m: the rest is drained with TERM" "$(grep -c '^15 from' o2)" 1

	rm -f out
	start "$m" -r USR1:USR2 -r HUP:0 -- "$H/sigrecv" "$TMP/out" 1
	wait_for grep -qs ready out
	kill -HUP "$INIT"
	sleep 0.1
	kill -USR1 "$INIT"
	wait "$BG"
	expect "$m: -r USR1:USR2 rewrites, -r HUP:0 drops" \
		"$(grep from out | awk '{print $1}')" 12

	echo "# drain ($m)"
	run "$m" "$I" --grace 5s -- sh -c "(trap 'echo trapped >$TMP/trap; exit 0' TERM; while :; do sleep 0.05; done) & sleep 0.3; exit 7"
	expect "$m: status of the main child after the drain" "$RC" 7
	expect "$m: a grandchild's TERM trap runs" "$(cat trap 2>/dev/null)" trapped
	secs_between "$m: drain ends when the last one exits, not at grace" "$SECS" 0 3
	rm -f trap
	run "$m" "$I" --grace 300ms -- sh -c "(trap '' TERM; exec sleep 1000.5) & sleep 0.2; exit 3"
	expect "$m: grace then SIGKILL, main status kept" "$RC" 3
	secs_between "$m: killed at the grace deadline" "$SECS" 0.45 3
	expect "$m: nothing left running" "$(pgrep -fc 'sleep 1000.5')" 0
	expect_match "$m: the SIGKILL is never silent: one line naming pid and command" \
		"$ERR" "^init: SIGKILL to the remaining processes: pid [0-9]+ \(sleep\)$"
	# The issue's repro (a TERM-deaf loop left by a shell), at grace 1s.
	run "$m" "$I" --grace 1s -- sh -c 'sh -c "trap \"\" TERM; while :; do sleep .2; done" & sleep 1; exit 3'
	expect "$m: a TERM-deaf loop: main status kept" "$RC" 3
	expect_match "$m: ... and what was killed is named (sh, perhaps its sleep)" "$ERR" \
		"^init: SIGKILL to the remaining processes: pid [0-9]+ \(sh\)(, pid [0-9]+ \(sleep\))?$"
	run "$m" "$I" --grace 200ms -- sh -c 'for i in $(seq 40); do sh -c "trap \"\" TERM; exec sleep 1000.8" & done; sleep 0.5; exit 0'
	expect_match "$m: 40 processes killed: one bounded line ending in ..." \
		"$(echo "$ERR" | wc -l) $ERR" "^1 init: SIGKILL to the remaining processes: pid [0-9]+ \(sleep\), .* \.\.\.$"
	start "$m" -- sh -c 'trap "" TERM; sleep 1.2; exit 9'
	sleep 0.3
	kill -TERM "$INIT"
	wait "$BG"
	expect "$m: TERM to init goes to the child only; init never kills it" "$?" 9
	run "$m" "$I" -- sh -c "setsid sh -c 'sleep 1000.7' & sleep 0.2; exit 0"
	expect "$m: setsid'd daemon is gone when init exits" "$(pgrep -fc 'sleep 1000.7')" 0

	echo "# --stop-delay ($m)"
	rm -f sd
	start "$m" --stop-delay 1s -- sh -c "trap 'echo term >>$TMP/sd; exit 4' TERM; while :; do sleep 0.05; done"
	sleep 0.3
	t0=$(date +%s.%N)
	kill -TERM "$INIT"
	sleep 0.5
	expect "$m: the first TERM is held" "$(cat sd 2>/dev/null)" ""
	wait "$BG"
	rc=$?
	secs_between "$m: ... for the delay, then forwarded" \
		"$(since "$t0")" 0.95 2.5
	expect "$m: ... once, and the child's status is init's" "$(cat sd 2>/dev/null):$rc" term:4
	rm -f sd
	start "$m" --stop-delay 10s -- sh -c "trap 'echo term >>$TMP/sd; exit 4' TERM; while :; do sleep 0.05; done"
	send TERM TERM
	secs_between "$m: a second TERM forwards at once" "$SECS" 0.1 1.5
	expect "$m: ... one TERM in all" "$(cat sd 2>/dev/null):$RC" term:4
	start "$m" --stop-delay 10s -- sh -c "trap 'exit 6' INT; while :; do sleep 0.05; done"
	send TERM INT
	expect "$m: SIGINT during the hold forwards at once" "$RC" 6
	secs_between "$m: ... promptly" "$SECS" 0.1 1.5
	start "$m" --stop-delay 10s -- sh -c 'sleep 0.8; exit 2'
	send TERM
	expect "$m: the main command exiting during the delay ends it" "$RC" 2
	secs_between "$m: ... at once" "$SECS" 0 1.5
	rm -f sd
	INIT_STOP_DELAY=600ms start "$m" -r TERM:USR1 -- sh -c "trap 'echo usr1 >>$TMP/sd; exit 3' USR1; trap 'exit 9' TERM; while :; do sleep 0.05; done"
	send TERM
	expect "$m: INIT_STOP_DELAY, and the held TERM goes out after -r (as USR1)" "$(cat sd 2>/dev/null):$RC" usr1:3
	secs_between "$m: ... after 600 ms" "$SECS" 0.55 2

	echo "# signal state, cwd, fds ($m)"
	direct=$("$m" grep -E '^Sig(Blk|Ign)' /proc/self/status | tr '\n' ' ')
	run "$m" "$I" -- grep -E '^Sig(Blk|Ign)' /proc/self/status
	expect "$m: child's mask and ignores as init's parent had them" \
		"$(echo "$OUT" | tr '\n' ' ')" "$direct"
	want=$("$H/sigstate" 20,21,22,10 12,13 "$m" grep -E '^Sig(Blk|Ign)' /proc/self/status | tr '\n' ' ')
	run "$H/sigstate" 20,21,22,10 12,13 "$m" "$I" -- grep -E '^Sig(Blk|Ign)' /proc/self/status
	expect "$m: odd inherited mask and ignores reach the child unchanged" \
		"$(echo "$OUT" | tr '\n' ' ')" "$want"
	rm -f out
	"$H/sigstate" - 15 "$m" "$I" -- "$H/sigrecv" "$TMP/out" 1 &
	p=$!
	wait_for grep -qs ready out
	if [ "$m" = ns ]; then
		q=$(kids "$(kids "$p")")
	else
		q=$(kids "$p")
	fi
	kill -TERM "$q"
	wait "$p"
	expect "$m: TERM inherited as ignored is still forwarded" \
		"$(grep -c '^15 from' out)" 1
	mkdir -p cwd
	run bash -c "cd $TMP/cwd && $m $I -- readlink /proc/self/cwd"
	expect "$m: the child keeps the cwd" "$OUT" "$TMP/cwd"
	start "$m" -- sleep 1 7</dev/null 9</dev/null
	sleep 0.3
	c=$(kids "$INIT")
	expect "$m: init keeps only fds 0-2" "$(ls /proc/"$INIT"/fd | sort -n | tr '\n' ' ')" "0 1 2 "
	expect "$m: the child still has fds 7 and 9" \
		"$(ls /proc/"$c"/fd | sort -n | grep -E '^(7|9)$' | tr '\n' ' ')" "7 9 "
	expect "$m: init moved to /" "$(readlink /proc/"$INIT"/cwd)" /
	wait "$BG"

	echo "# terminal ($m)"
	# script(1) runs $SHELL -c; exec keeps init in the terminal's
	# foreground group whichever shell that is (dash forks otherwise,
	# and timeout(1) then moves to a background group of its own).
	run env SHELL=/bin/sh script -qec "exec $m $I -- awk '{print (\$1==\$5 && \$5==\$8) ? \"fg\" : \"bg\"}' /proc/self/stat" /dev/null
	expect "$m: on a tty the child leads the foreground group" "$(echo "$OUT" | tr -d '\r')" fg
	run env SHELL=/bin/sh script -qec "exec $m $I -v -- sh -c 'sleep 0.2; echo done' " /dev/null
	expect "$m: init survives writing from the background" "$(echo "$OUT" | tr -d '\r' | grep -c '^init: exit 0')" 1
done

echo "# argv and env"
run "$I" sh -c 'echo "$@"' sh -v -x --grace
expect "options stop at the first non-option" "$OUT" "-v -x --grace"
run "$I" echo -la
expect "init echo -la runs echo -la" "$OUT" "-la"
run "$I" -vw -- true
expect "clustered flags -vw" "$RC" 0
run "$I" --grace=250ms -e3 -- sh -c 'exit 3'
expect "--name=value and -eVALUE forms" "$RC" 0
for bad in "-x" "--bogus" "--grace" "--grace 5x" "--grace=-1" "-e 256" "-e x" "-p FOO" \
	"-p 0" "-r TERM" "-r FOO:TERM" "-r TERM:99" "-u" "-u nosuchuser" \
	"-u 99999999999" "-u :50" "-u a:b:c" "--verbose=1"; do
	rm -f ran
	# shellcheck disable=SC2086
	run "$I" $bad -- touch "$TMP/ran"
	expect "'init $bad' exits 125" "$RC" 125
	expect "'init $bad': nothing ran, one line" "$([ -e ran ] && echo ran)$(echo "$ERR" | wc -l)" 1
done
expect_match "unknown option message" "$(run "$I" -x true; echo "$ERR")" \
	"^init: fatal: unknown option -x \(see init -h\)$"
run "$I"
expect "no command: 125" "$RC" 125
expect "no command message" "$ERR" "init: fatal: no command given (see init -h)"
for e in "INIT_GRACE=5x" "INIT_VERBOSE=maybe" "INIT_PGROUP=2" "INIT_REMAP_EXIT=1,x" \
	"INIT_REWRITE=TERM" "INIT_USER=nosuchuser" "INIT_PDEATHSIG=99"; do
	run env "$e" "$I" -- true
	expect "$e is an error (125)" "$RC" 125
done
run env INIT_GRACE=5x "$I" -- true
expect "bad env value message" "$ERR" \
	"init: fatal: INIT_GRACE '5x': not a duration like 250ms, 10s or 1m"
run env INIT_VERBOSE=1 INIT_REWRITE=USR1:0 INIT_GRACE= "$I" -- true
expect "INIT_VERBOSE=1 turns -v on" "$(echo "$ERR" | grep -c spawned)" 1
run sub "$I" -v -- sh -c 'kill -HUP $PPID; exec sleep 2'
expect "-v: exit status" "$RC" 129
expect "-v: one line per event" \
	"$(echo "$ERR" | sed -E 's/[0-9]+/N/g')" "init: spawned sh as pid N (init is a subreaper)
init: forwarded SIGHUP to pid N
init: main child N killed by SIGHUP
init: exit N"
run sub "$I" -v -- sh -c 'sleep 0.2 & exit 0'
expect_match "-v: draining, and the reaped process named with its status" "$ERR" \
	"draining: SIGTERM to the remaining processes, grace 5000 ms.*reaped pid [0-9]+ \((sh|sleep)\) killed by SIGTERM"

echo "# parent-death signal"
rm -f out
sh -c "\"$I\" -p USR1 -- \"$H/sigrecv\" $TMP/out 1 & sleep 0.3" 
wait_for grep -qs '^10 from' out
expect "-p USR1: init's parent died, USR1 forwarded" "$(grep -c '^10 from' out)" 1

echo "# --user"
cat >"$TMP/passwd" <<'PW'
root:x:0:0:root:/root:/bin/sh
# a comment line
alice:x:1000:1000:Alice:/home/alice:/bin/sh
bob:x:1001:1001::/home/bob:/bin/sh
nohome:x:1002:1002:::/bin/sh
odd.user-name_:x:1003:1003::/home/odd:/bin/sh
broken:x:notanumber:1:::
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
PW
cat >"$TMP/group" <<'GR'
root:x:0:
alice:x:1000:
bob:x:1001:
wheel:x:10:root,alice
audio:x:29:bob
staff:x:50:alice,bob
nogroup:x:65534:
GR
Z=0000000000000000
while IFS='|' read -r spec want; do
	run in_etc "$TMP/passwd" "$TMP/group" "$I" -u "$spec" -- "$H/ids"
	if [[ $want == 125* ]]; then
		expect "--user '$spec' refused (125)" "$RC" 125
		expect_match "--user '$spec' message" "$ERR" "^init: fatal: --user '.*': ${want#125 }"
	else
		expect "--user '$spec'" "$OUT" "$want"
	fi
done <<TABLE
alice|uid=1000,1000,1000 gid=1000,1000,1000 groups=10,50,1000 cap=$Z/$Z/$Z/$Z nnp=0 home=/home/alice
bob|uid=1001,1001,1001 gid=1001,1001,1001 groups=29,50,1001 cap=$Z/$Z/$Z/$Z nnp=0 home=/home/bob
1000|uid=1000,1000,1000 gid=1000,1000,1000 groups=10,50,1000 cap=$Z/$Z/$Z/$Z nnp=0 home=/home/alice
4242|uid=4242,4242,4242 gid=4242,4242,4242 groups=4242 cap=$Z/$Z/$Z/$Z nnp=0 home=/
alice:staff|uid=1000,1000,1000 gid=50,50,50 groups=10,50 cap=$Z/$Z/$Z/$Z nnp=0 home=/home/alice
alice:4000|uid=1000,1000,1000 gid=4000,4000,4000 groups=10,50,4000 cap=$Z/$Z/$Z/$Z nnp=0 home=/home/alice
1000:50|uid=1000,1000,1000 gid=50,50,50 groups=10,50 cap=$Z/$Z/$Z/$Z nnp=0 home=/home/alice
4242:50|uid=4242,4242,4242 gid=50,50,50 groups=50 cap=$Z/$Z/$Z/$Z nnp=0 home=/
4242:staff|uid=4242,4242,4242 gid=50,50,50 groups=50 cap=$Z/$Z/$Z/$Z nnp=0 home=/
4242:0|uid=4242,4242,4242 gid=0,0,0 groups=0 cap=$Z/$Z/$Z/$Z nnp=0 home=/
nohome|uid=1002,1002,1002 gid=1002,1002,1002 groups=1002 cap=$Z/$Z/$Z/$Z nnp=0 home=/
odd.user-name_|uid=1003,1003,1003 gid=1003,1003,1003 groups=1003 cap=$Z/$Z/$Z/$Z nnp=0 home=/home/odd
nobody:nogroup|uid=65534,65534,65534 gid=65534,65534,65534 groups=65534 cap=$Z/$Z/$Z/$Z nnp=0 home=/nonexistent
2147483647|uid=2147483647,2147483647,2147483647 gid=2147483647,2147483647,2147483647 groups=2147483647 cap=$Z/$Z/$Z/$Z nnp=0 home=/
nosuch|125 no such user in /etc/passwd
broken|125 no such user in /etc/passwd
Alice|125 no such user in /etc/passwd
alice:nosuch|125 no such group in /etc/group
alice:|125 not USER
:50|125 not USER
:|125 not USER
alice:staff:x|125 not USER
2147483648|125 id out of range
4294967295|125 id out of range
99999999999999999999|125 id out of range
1000:4294967296|125 id out of range
-1|125 no such user
al,ice|125 not USER
TABLE
run in_etc "$TMP/passwd" "$TMP/group" "$I" -u root -- "$H/ids"
expect_match "--user root keeps root and its groups" "$OUT" "^uid=0,0,0 gid=0,0,0 groups=0,10 cap=$Z/"
run in_etc "$TMP/passwd" "$TMP/group" "$I" -u alice --no-new-privs -- "$H/ids"
expect_match "--no-new-privs shows in /proc" "$OUT" " nnp=1 "
run in_etc "$TMP/passwd" "$TMP/group" "$I" -u alice --clear-bounding -- "$H/ids" bnd
expect "--clear-bounding: the child's bounding set is empty" "$OUT" "bnd=0000000000000000"
run "$I" -- "$H/ids" bnd
expect_match "without it the bounding set is kept" "$OUT" "^bnd=0*[1-9a-f][0-9a-f]*$"
run setpriv --reuid=65534 --regid=65534 --clear-groups "$I" --clear-bounding -- true
expect "--clear-bounding without CAP_SETPCAP: 122" "$RC" 122
# podman writes a 0600 root-owned /etc/passwd for a USER the image lacks:
# a non-root init says first that it cannot change user at all.
run unshare --mount bash -c 'mount -t tmpfs tmpfs /etc && cp "$1" /etc/passwd &&
	chmod 600 /etc/passwd && exec setpriv --reuid 1000 --regid 1000 --clear-groups "$2" -u alice -- true' \
	sh "$TMP/passwd" "$I"
expect "non-root init, unreadable /etc/passwd: the real cause first (125)" "$RC:$ERR" \
	"125:init: fatal: --user 'alice': init runs as uid 1000, not root, so it cannot change user (and cannot open /etc/passwd): Permission denied"
run in_etc - - "$I" -u alice -- "$H/ids"
expect "no /etc/passwd: a name is refused (125)" "$RC" 125
expect "no /etc/passwd: message" "$ERR" \
	"init: fatal: unable to open /etc/passwd: No such file or directory"
run in_etc - - "$I" -u 1000 -- "$H/ids"
expect "no /etc files: numeric ids still work" "$OUT" \
	"uid=1000,1000,1000 gid=1000,1000,1000 groups=1000 cap=$Z/$Z/$Z/$Z nnp=0 home=/"
run in_etc - - "$I" -u 1000:staff -- "$H/ids"
expect "no /etc/group: a group name is refused (125)" "$RC" 125
printf 'alice:x:1000:1000::/home/alice:/bin/sh' >"$TMP/passwd.nonl"
run in_etc "$TMP/passwd.nonl" - "$I" -u alice -- "$H/ids"
expect "last passwd line without a newline" "$OUT" \
	"uid=1000,1000,1000 gid=1000,1000,1000 groups=1000 cap=$Z/$Z/$Z/$Z nnp=0 home=/home/alice"
run setpriv --groups 4,20,30 "$I" -u 4242 -- "$H/ids"
expect_match "root's extra groups do not leak" "$OUT" " groups=4242 "
run env HOME=/root "$I" -u 4242 -- "$H/ids"
expect_match "HOME is replaced, not inherited" "$OUT" " home=/$"
start sub -u 4242 -- sleep 0.5
sleep 0.2
expect "init itself drops to the user" \
	"$(awk '/^Uid:/{print $2","$3","$4}' /proc/"$INIT"/status)" 4242,4242,4242
wait "$BG"
for m in ns sub; do
	run env SHELL=/bin/sh script -qec "exec $m $I -u 65534 -- $H/tiocsti" /dev/null
	expect "$m: TIOCSTI from the dropped child fails" \
		"$(echo "$OUT" | tr -d '\r')" "tiocsti: refused: Operation not permitted"
done
if [ "$(cat /proc/sys/dev/tty/legacy_tiocsti 2>/dev/null)" = 1 ]; then
	run env SHELL=/bin/sh script -qec "exec setpriv --reuid 65534 --regid 65534 --clear-groups $H/tiocsti" /dev/null
	expect_match "control: the same drop without init can inject (gosu, su-exec)" \
		"$(echo "$OUT" | tr -d '\r')" "tiocsti: injected$"
fi

echo "# --wait-cmd and --health-cmd"
for m in ns sub; do
	rm -f ready started
	( sleep 2; touch "$TMP/ready" ) &
	run "$m" "$I" --wait-cmd "test -e $TMP/ready" --wait-interval 100ms -- \
		sh -c "test -e $TMP/ready && echo after"
	expect "$m: the main command starts after the dependency is ready" "$OUT$RC" after0
	secs_between "$m: ... about 2 s later" "$SECS" 1.9 3.5
	rm -f ran
	run "$m" "$I" --wait-cmd "test -e $TMP/ready" --wait-cmd false \
		--wait-timeout 700ms --wait-interval 100ms -- touch "$TMP/ran"
	expect "$m: a dependency that never comes: 124" "$RC" 124
	expect "$m: ... one line naming it" "$ERR" \
		"init: fatal: --wait-cmd 'false' did not succeed within 700 ms"
	expect "$m: ... and the main command never started" "$([ -e ran ] && echo ran)" ""
	secs_between "$m: ... at the wait deadline" "$SECS" 0.5 1.5
	start "$m" --wait-cmd "sleep 100.25" --wait-timeout 20s -- touch "$TMP/ran"
	sleep 0.3
	kill -TERM "$INIT"
	wait "$BG"
	expect "$m: SIGTERM while waiting ends init with 143 at once" "$?" 143
	expect "$m: ... the waiting command is gone" "$(pgrep -fc 'sleep 100.25')" 0
	touch healthy
	( sleep 1; rm -f "$TMP/healthy" ) &
	run "$m" "$I" --health-cmd "test -e $TMP/healthy" --health-interval 200ms \
		--health-retries 3 -- sh -c "trap 'echo drained >$TMP/drained; exit 0' TERM; while :; do sleep 0.05; done"
	expect "$m: an app that turns unhealthy is stopped: exit 123" "$RC" 123
	expect "$m: ... after a SIGTERM it handled (drained)" "$(cat drained 2>/dev/null)" drained
	expect_match "$m: ... with one line" "$ERR" \
		"^init: --health-cmd failed 3 times in a row: sending SIGTERM to the main child$"
	secs_between "$m: ... after 3 failed checks" "$SECS" 1.2 3.5
	rm -f drained
	run "$m" "$I" --health-cmd "sleep 100.5" --health-timeout 200ms --health-interval 300ms \
		--health-retries 2 -r TERM:USR1 -- sh -c "trap 'exit 0' USR1; while :; do sleep 0.05; done"
	expect "$m: checks that hang are killed at their timeout and fail" "$RC" 123
	expect "$m: ... no check is left behind" "$(pgrep -fc 'sleep 100.5')" 0
	expect "$m: ... the stop signal honours -r TERM:USR1" "$ERR" \
		"init: --health-cmd failed 2 times in a row: sending SIGUSR1 to the main child"
	run "$m" "$I" --health-cmd false --health-interval 100ms --health-retries 1 \
		--health-start-period 1s -- sleep 5
	expect "$m: failures in the start period do not count" "$RC" 123
	secs_between "$m: ... the first counted one is after 1 s" "$SECS" 1 2.5
	run "$m" "$I" --health-cmd true --health-interval 100ms --health-retries 1 -- sh -c 'sleep 1; exit 4'
	expect "$m: passing checks leave the main child alone" "$RC" 4
	rm -f ran
	run "$m" "$I" --wait-cmd "nosuch-dependency-check -q" --wait-interval 100ms -- touch "$TMP/ran"
	expect "$m: a --wait-cmd that is not found: 127 at once" "$RC" 127
	expect "$m: ... one line naming it" "$ERR" \
		"init: fatal: --wait-cmd 'nosuch-dependency-check -q': unable to exec nosuch-dependency-check: No such file or directory"
	expect "$m: ... and the main command never started" "$([ -e ran ] && echo ran)" ""
	secs_between "$m: ... at once, not retried" "$SECS" 0 0.5
	printf 'echo hi\n' >notexec.sh
	chmod 644 notexec.sh
	run "$m" "$I" --wait-cmd "$TMP/notexec.sh" -- true
	expect "$m: a --wait-cmd that cannot be run: 126" "$RC" 126
	expect "$m: ... one line naming it" "$ERR" \
		"init: fatal: --wait-cmd '$TMP/notexec.sh': unable to exec $TMP/notexec.sh: Permission denied"
	run "$m" "$I" --health-cmd "nosuch-check" --health-interval 100ms --health-retries 5 -- sleep 1.2
	expect "$m: a --health-cmd that is not found fails every check: 123" "$RC" 123
	expect "$m: ... one line when it starts failing so, not one per check" "$ERR" \
		"init: --health-cmd 'nosuch-check': unable to exec nosuch-check: No such file or directory (every check fails until it can)
init: --health-cmd failed 5 times in a row: sending SIGTERM to the main child"
done
run "$I" --health-cmd "" -- true
expect "an empty --health-cmd: 125" "$RC" 125
run "$I" --health-retries 0 -- true
expect "--health-retries 0: 125" "$RC" 125
INIT_WAIT_CMD=$'true\ntest -d /' run "$I" -v -- true
expect "INIT_WAIT_CMD: one command a line" "$RC" 0

echo "# --health-listen: the verdict over HTTP, for the kubelet's httpGet"
HCB=$ROOT/bin/healthcheck
# get PORT: the status line and the body of a GET, as curl gives them.
get() { curl -s -m 2 -w ' %{http_code}' "http://127.0.0.1:$1/healthz" 2>&1; }
LP=$(free_port) WP=$(free_port)
mkdir -p www
echo ok >www/healthz
busybox httpd -f -p "127.0.0.1:$WP" -h "$TMP/www" &
WEB=$!
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$WP") 2>/dev/null && break; sleep 0.05; done
for m in ns sub; do
	echo ok >www/healthz
	start "$m" -v --health-cmd "$HCB -q http://127.0.0.1:$WP/healthz" --health-interval 300ms \
		--health-start-period 600ms --health-listen "127.0.0.1:$LP" -- sh -c \
		"trap 'echo usr1 >$TMP/usr1' USR1; while :; do sleep 0.05; done" 2>listen.err
	for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$LP") 2>/dev/null && break; sleep 0.02; done
	expect "$m: before the first verdict: 503 starting" "$(get "$LP")" "starting
 503"
	sleep 0.8
	expect "$m: once a check passed: 200 healthy" "$(get "$LP")" "healthy
 200"
	expect "$m: ... a HEAD gets the head alone" \
		"$(curl -s -m 2 -I "http://127.0.0.1:$LP/" | tr -d '\r' | head -1)" "HTTP/1.1 200 OK"
	expect "$m: ... any path" "$(curl -s -m 2 "http://127.0.0.1:$LP/a/b?c=d")" healthy
	rm www/healthz
	sleep 1
	expect "$m: failing checks: 503 unhealthy" "$(get "$LP")" "unhealthy
 503"
	expect "$m: ... and init does not stop the app: the kubelet decides (no --health-retries)" \
		"$(kill -0 "$INIT" && echo running)" running
	run python3 "$ROOT/tests/helpers/listen_hostile.py" "$LP" flood
	expect_match "$m: 1000 connections held, half a slow loris: the honest probe answered in under 10 ms" \
		"$OUT" "^held 1000 honest HTTP/1.1 503 Service Unavailable [0-9]\.[0-9]$"
	run python3 "$ROOT/tests/helpers/listen_hostile.py" "$LP" longhead
	expect "$m: a head that never ends: 400 at 1 KiB" "$OUT" "HTTP/1.1 400 Bad Request"
	run python3 "$ROOT/tests/helpers/listen_hostile.py" "$LP" garbage
	expect "$m: garbage (a TLS hello): 400" "$OUT" "HTTP/1.1 400 Bad Request"
	rss0=$(awk '/^VmRSS/ {print $2}' "/proc/$INIT/status")
	run python3 "$ROOT/tests/helpers/listen_hostile.py" "$LP" reset 127.0.0.4
	expect "$m: 100 resets mid-answer, then an honest probe: answered" "$OUT" \
		"honest HTTP/1.1 503 Service Unavailable"
	run python3 "$ROOT/tests/helpers/listen_hostile.py" "$LP" flood 127.0.0.5
	expect_match "$m: ... a second flood: answered still" "$OUT" \
		"^held 1000 honest HTTP/1.1 503 Service Unavailable [0-9]\.[0-9]$"
	expect "$m: ... init's RSS did not grow (kB)" \
		"$(awk '/^VmRSS/ {print $2}' "/proc/$INIT/status")" "$rss0"
	kill -USR1 "$INIT"
	for _ in $(seq 50); do [ -s usr1 ] && break; sleep 0.02; done
	expect "$m: ... and init still forwards signals" "$(cat usr1 2>/dev/null)" usr1
	(exec 3<>"/dev/tcp/127.0.0.1/$LP") 2>/dev/null
	expect "$m: a tcpSocket probe connects (it learns only that init listens)" "$?" 0
	kill -TERM "$INIT" 2>/dev/null
	wait "$BG" 2>/dev/null
	expect "$m: -v said each change of the verdict once" \
		"$(grep -- '--health-listen: now' listen.err)" "init: --health-listen: now healthy
init: --health-listen: now unhealthy"
	rm -f usr1
done
echo ok >www/healthz
( sleep 1; rm -f "$TMP/www/healthz" ) &
run "$I" --health-cmd "$HCB -q http://127.0.0.1:$WP/healthz" --health-interval 200ms \
	--health-retries 2 --health-listen ":$LP" -- sleep 10
expect "--health-listen with --health-retries given: init stops the app too (123)" "$RC" 123
kill "$WEB"
run "$I" --health-listen ":$LP" -- true
expect "--health-listen without --health-cmd: 125, one line" "$RC:$ERR" \
	"125:init: fatal: --health-listen needs --health-cmd"
run "$I" --health-cmd true --health-listen "localhost:$LP" -- true
expect "--health-listen with a name: 125, one line saying the shapes" "$RC:$ERR" \
	"125:init: fatal: --health-listen 'localhost:$LP': not ADDR:PORT (a.b.c.d:PORT, :PORT, [::]:PORT)"
LP=$(free_port)
python3 -c 'import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(); time.sleep(5)' "$LP" &
NC=$!
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$LP") 2>/dev/null && break; sleep 0.05; done
run env INIT_HEALTH_LISTEN="127.0.0.1:$LP" "$I" --health-cmd true -- true
expect_match "INIT_HEALTH_LISTEN on a port in use: 122, one line" "$RC:$ERR" \
	"^122:init: fatal: --health-listen 127.0.0.1:$LP: unable to listen: Address in use$"
kill "$NC" 2>/dev/null

echo "# a stop from outside is bounded from outside"
# Both modes at once: each waits past the 5 s default grace.  The main
# command exits on TERM and leaves a TERM-deaf process behind.
deaf="(trap '' TERM; exec sleep 1000.6) & trap 'exit 5' TERM; while :; do sleep 0.05; done"
start ns -- sh -c "$deaf"; bg_ns=$BG init_ns=$INIT
start sub -- sh -c "$deaf"; bg_sub=$BG init_sub=$INIT
sleep 0.3
kill -TERM "$init_ns" "$init_sub"
sleep 6
expect "ns, sub: after docker stop's TERM, no SIGKILL of init's own at 5 s (the runtime's timeout bounds it)" \
	"$(kill -0 "$init_ns" 2>/dev/null && echo ns) $(kill -0 "$init_sub" 2>/dev/null && echo sub)" "ns sub"
expect "... the TERM-deaf process still runs" "$(pgrep -fc '^sleep 1000.6')" 2
kill -TERM "$init_ns" "$init_sub"
wait "$bg_ns"
rc_ns=$?
wait "$bg_sub"
rc_sub=$?
expect "ns, sub: a second stop signal kills the rest at once; main status kept" "$rc_ns $rc_sub" "5 5"
expect "... nothing left" "$(pgrep -fc '^sleep 1000.6')" 0
for m in ns sub; do
	start "$m" --grace 300ms -- sh -c "$deaf"
	send TERM
	secs_between "$m: an explicit --grace still bounds a stop from outside" "$SECS" 0.25 2
	expect "$m: ... main status kept" "$RC" 5
	INIT_GRACE=300ms start "$m" -- sh -c "$deaf"
	send INT
	expect "$m: INIT_GRACE counts as explicit; SIGINT is a stop too (main killed by INT)" "$RC" 130
done
expect "... nothing left" "$(pgrep -fc '^sleep 1000.6')" 0
run sub "$I" -v -- sh -c "sleep 5 & trap 'exit 5' TERM; kill -TERM \$PPID; sleep 0.3"
expect_match "-v says why there is no SIGKILL" "$ERR" \
	"draining: SIGTERM to the remaining processes, no SIGKILL \(stopped from outside, no --grace\)"

echo "# job control"
# Not PID 1, init stops only once its main child has stopped.
start sub -- sleep 3
sleep 0.2
c=$(kids "$INIT")
kill -TSTP "$INIT"
wait_for grep -qs '^State:.*T' /proc/"$INIT"/status
expect "sub: a child that stops on TSTP: it and then init are stopped" \
	"$(awk '/^State:/{print $2}' /proc/"$c"/status) $(awk '/^State:/{print $2}' /proc/"$INIT"/status)" "T T"
kill -CONT "$INIT"
wait_for sh -c "! grep -qs '^State:.*T' /proc/$c/status"
expect "sub: CONT to init continues both" \
	"$(awk '/^State:/{print $2}' /proc/"$c"/status) $(awk '/^State:/{print $2}' /proc/"$INIT"/status)" "S S"
kill -KILL "$INIT" "$c"
wait "$BG" 2>/dev/null

echo "# --file-env"
printf 's3cret\n\n' >secret
chmod 400 secret
printf 'line1\nline2\n' >multi
E=(env -i PATH="$PATH")
for m in ns sub; do
	run "${E[@]}" DB_PASSWORD_FILE="$TMP/secret" "$m" "$I" --file-env DB_PASSWORD -- \
		sh -c 'printf "%s|%s" "$DB_PASSWORD" "${DB_PASSWORD_FILE-unset}"'
	expect "$m: NAME_FILE becomes NAME (trailing newlines gone), NAME_FILE removed" "$OUT" "s3cret|unset"
done
run "${E[@]}" A_FILE="$TMP/multi" INIT_FILE_ENV=X,A "$I" -- sh -c 'printf "%s" "$A"'
expect "INIT_FILE_ENV=X,A; inner newlines kept" "$OUT" "line1
line2"
run "${E[@]}" A_FILE="$TMP/multi" B_FILE="$TMP/secret" "$I" --file-env B -- \
	sh -c 'printf "%s|%s|%s" "${A-unset}" "$A_FILE" "$B"'
expect "only the names given: A_FILE, not listed, stays a path" "$OUT" "unset|$TMP/multi|s3cret"
run "${E[@]}" A_FILE="$TMP/multi" B_FILE="$TMP/secret" "$I" --file-env '*' -- \
	sh -c 'printf "%s|%s" "$A" "$B"'
expect "'*': every *_FILE, as asked (documented with its risk)" "$OUT" "line1
line2|s3cret"
run "${E[@]}" FILE__API_KEY="$TMP/secret" "$I" --file-env DB_PASSWORD -- \
	sh -c 'printf "%s|%s" "$API_KEY" "${FILE__API_KEY-unset}"'
expect "FILE__NAME=path (linuxserver's prefix) under any --file-env" "$OUT" "s3cret|unset"
run "${E[@]}" FILE__API_KEY="$TMP/secret" "$I" -- sh -c 'printf "%s" "${API_KEY-unset}"'
expect "... and not without --file-env" "$OUT" unset
run "${E[@]}" TF_CLI_CONFIG_FILE=/nonexistent/.terraformrc DB_PASSWORD_FILE="$TMP/secret" \
	"$I" --file-env DB_PASSWORD -- sh -c 'printf "%s" "$TF_CLI_CONFIG_FILE"'
expect "an ordinary *_FILE path variable, not listed, is left alone (init starts)" "$RC:$OUT" \
	"0:/nonexistent/.terraformrc"
run "${E[@]}" "$I" --file-env -- true
expect "--file-env without names: 125, one line saying what it takes" "$RC:$ERR" \
	"125:init: fatal: --file-env '--': not variable names (NAME,NAME; * for every *_FILE)"
run "${E[@]}" INIT_FILE_ENV=1 "$I" -- true
expect "INIT_FILE_ENV=1 (the old boolean): 125, never a silent guess" "$RC:$ERR" \
	"125:init: fatal: INIT_FILE_ENV '1': not variable names (NAME,NAME; * for every *_FILE)"
run "${E[@]}" DB_PASSWORD_FILE="$TMP/secret" "$I" --file-env DB_PASSWORD -u 65534 -- \
	sh -c 'printf "%s %s" "$(id -u)" "$DB_PASSWORD"; cat "$0" 2>/dev/null' "$TMP/secret"
expect "a 0400 root secret is read before the drop (the user cannot read it)" "$OUT" "65534 s3cret"
printf '#!/bin/sh\n[ "$DB_PASSWORD" = s3cret ]\n' >checkenv
chmod +x checkenv
run "${E[@]}" DB_PASSWORD_FILE="$TMP/secret" "$I" --file-env DB_PASSWORD --wait-cmd "$TMP/checkenv" \
	--wait-timeout 2s --health-cmd "$TMP/checkenv" --health-interval 100ms --health-retries 1 \
	-- sh -c 'sleep 0.6; exit 0'
expect "--wait-cmd and --health-cmd get the same environment" "$RC" 0
run "${E[@]}" DB_PASSWORD_FILE="$TMP/secret" SSL_CERT_FILE=/etc/ssl/x.pem "$I" --file-env '*' -v -- \
	sh -c 'printf "%s" "$SSL_CERT_FILE"'
expect "SSL_CERT_FILE (a path programs read) is left alone, even under *" "$OUT" /etc/ssl/x.pem
expect "-v never shows a value" "$(echo "$ERR" | grep -c s3cret)" 0
rm -f ran
run "${E[@]}" DB_PASSWORD=x DB_PASSWORD_FILE="$TMP/secret" "$I" --file-env DB_PASSWORD -- touch "$TMP/ran"
expect "NAME and NAME_FILE both set: 125, nothing ran" "$RC$([ -e ran ] && echo ran)" 125
expect "... one line naming both" "$ERR" \
	"init: fatal: --file-env: DB_PASSWORD and DB_PASSWORD_FILE are both set: set only one"
run "${E[@]}" DB_PASSWORD_FILE=/nonexistent/pw "$I" --file-env DB_PASSWORD -- touch "$TMP/ran"
expect "a missing file: 125, nothing ran" "$RC$([ -e ran ] && echo ran)" 125
expect "... one line naming the variable and the file" "$ERR" \
	"init: fatal: --file-env: DB_PASSWORD_FILE: unable to read /nonexistent/pw: No such file or directory"
head -c 65536 /dev/zero | tr '\0' a >max
head -c 65537 /dev/zero | tr '\0' a >over
run "${E[@]}" B_FILE="$TMP/max" "$I" --file-env B -- sh -c 'printf "%s" "$B" | wc -c'
expect "64 KiB exactly is taken" "$RC:$OUT" 0:65536
run "${E[@]}" B_FILE="$TMP/over" "$I" --file-env B -- true
expect "over 64 KiB: 125 and one line" "$RC:$ERR" \
	"125:init: fatal: --file-env: B_FILE: $TMP/over is over 64 KiB"
printf 'pass\0word' >nul
run "${E[@]}" B_FILE="$TMP/nul" "$I" --file-env B -- true
expect "a NUL byte: 125 and one line, no value" "$RC:$ERR" \
	"125:init: fatal: --file-env: B_FILE: $TMP/nul holds a NUL byte"
run "${E[@]}" B_FILE="$TMP" "$I" --file-env B -- true
expect "a directory: 125" "$RC:$ERR" \
	"125:init: fatal: --file-env: B_FILE: unable to read $TMP: Is a directory"
run "${E[@]}" B_FILE="$TMP/secret" "$I" -- sh -c 'printf "%s|%s" "${B-unset}" "$B_FILE"'
expect "without --file-env nothing changes" "$OUT" "unset|$TMP/secret"
run "${E[@]}" INIT_FILE_ENV='A,,B' "$I" -- true
expect "INIT_FILE_ENV='A,,B': 125" "$RC" 125

echo "# --keep-cap"
for m in ns sub; do
	run in_etc "$TMP/passwd" "$TMP/group" "$m" "$I" -u alice --keep-cap NET_BIND_SERVICE -- "$H/ids"
	expect "$m: --keep-cap NET_BIND_SERVICE: exactly it, in all four sets" "$OUT" \
		"uid=1000,1000,1000 gid=1000,1000,1000 groups=10,50,1000 cap=0000000000000400/0000000000000400/0000000000000400/0000000000000400 nnp=0 home=/home/alice"
done
run env INIT_KEEP_CAPS=cap_net_raw,Chown "$I" -u 4242 --no-new-privs -- "$H/ids"
expect "INIT_KEEP_CAPS, any case, with or without CAP_; with --no-new-privs" "$OUT" \
	"uid=4242,4242,4242 gid=4242,4242,4242 groups=4242 cap=0000000000002001/0000000000002001/0000000000002001/0000000000002001 nnp=1 home=/"
run "$I" -u 4242 --keep-cap setuid -- "$H/ids"
expect_match "CAP_SETUID kept on purpose: the way back to root is the user's choice" "$OUT" \
	"^uid=4242,4242,4242 .* cap=0000000000000080/"
bindlow='import socket,errno
s=socket.socket()
try:
    s.bind(("127.0.0.1", 1019)); print("bound")
except OSError as e:
    print("bound" if e.errno == errno.EADDRINUSE else errno.errorcode[e.errno])'
run "$I" -u 65534 --keep-cap net_bind_service -- python3 -c "$bindlow"
expect "a non-root server binds a port below 1024 with NET_BIND_SERVICE" "$OUT" bound
if [ "$(cat /proc/sys/net/ipv4/ip_unprivileged_port_start)" -gt 1019 ]; then
	run "$I" -u 65534 -- python3 -c "$bindlow"
	expect "control: without --keep-cap it cannot (docker run --user --cap-add)" "$OUT" EACCES
fi
run "$I" -u 65534 --keep-cap net_bind_service --clear-bounding -- "$H/ids" bnd
expect "--clear-bounding keeps the kept ones in the bounding set" "$OUT" "bnd=0000000000000400"
for bad in "--keep-cap nosuch" "--keep-cap net_bind_service," "--keep-cap CAP_" "--keep-cap=" "-u root --keep-cap chown" "--keep-cap chown"; do
	rm -f ran
	# shellcheck disable=SC2086
	run "$I" $bad -- touch "$TMP/ran"
	expect "'init $bad' exits 125, nothing ran, one line" \
		"$RC$([ -e ran ] && echo ran) $(echo "$ERR" | wc -l)" "125 1"
done
run "$I" --keep-cap nosuch -u 65534 -- true
expect "unknown capability message" "$ERR" \
	"init: fatal: --keep-cap 'nosuch': not capability names (capabilities(7))"
run setpriv --bounding-set -net_bind_service "$I" -u 65534 --keep-cap net_bind_service -- touch "$TMP/ran"
expect "a capability missing from the bounding set: 122, one line" "$RC:$ERR" \
	"122:init: fatal: --keep-cap: CAP_NET_BIND_SERVICE is not in the bounding set (add it: --cap-add NET_BIND_SERVICE)"
run setpriv --inh-caps=-all --bounding-set=-setuid,-setgid "$I" -u 65534 -- true
expect "no CAP_SETGID (docker run --cap-drop ALL): the line says what to add" "$RC:$ERR" \
	"122:init: fatal: unable to set groups: Operation not permitted (it needs CAP_SETUID and CAP_SETGID: --cap-add SETUID --cap-add SETGID, or the runtime's --user)"

echo "# storms"
for m in ns sub; do
	start "$m" -- sh -c 'trap "" USR1 USR2 HUP WINCH; trap "exit 7" TERM; while :; do sleep 0.05; done'
	sleep 0.3
	run "$H/sigstorm" "$INIT" 100000
	echo "  $OUT"
	t0=$(date +%s.%N)
	wait "$BG"
	rc=$?
	t1=$(date +%s.%N)
	expect "$m: 100,000 signals at init, then TERM: the TERM is not lost" "$rc" 7
	secs_between "$m: ... and init answers it at once" "$(awk "BEGIN{printf \"%.9f\", $t1 - $t0}")" 0 3
done
# No /proc (a tmpfs over it): as a subreaper init cannot list descendants
# and falls back to the main child's process group.
run unshare --mount sh -c "mount -t tmpfs none /proc && exec timeout -s KILL 20 $I --grace 2s -- sh -c 'sleep 1000.9 & exit 5'"
expect "no /proc: init still exits with the main status" "$RC" 5
expect "... and its process group is drained" "$(pgrep -fc 'sleep 1000.9')" 0
# A fork bomb against RLIMIT_NPROC, as a dropped user: init keeps reaping
# and drains what the bomb left.
run timeout -s KILL 60 "$I" -u 65534 --grace 1s -- sh -c \
	'ulimit -u 80; i=0; while [ $i -lt 300 ]; do sleep 1000.3 & i=$((i+1)); done 2>/dev/null; exit 6'
expect "a fork bomb against its nproc limit: init exits with the main status" "$RC" 6
expect "... and nothing of it is left" "$(pgrep -fc 'sleep 1000.3')" 0
secs_between "... promptly" "$SECS" 0 10
run ns "$I" -- "$H/orphans" 10000
expect_match "10,000 orphans: none left a zombie" "$OUT" "orphans: 10000 created, 0 left"
echo "  $OUT"

echo "# idle"
wait
for m in ns sub health; do
	expect "$m: idle init makes 0 voluntary context switches in 10 s" \
		"$(cat "$TMP/idle.$m" 2>/dev/null)" 0
done
summary
