#!/usr/bin/env bash
# The same scenarios under tini, dumb-init, catatonit (Debian's packages)
# and our init, as PID 1 of a fresh pid namespace and as a plain child
# (subreaper where the init can be one).  Writes a table of who did what
# to $PEERS_OUT (default: a temporary file; tests/peers/results.md is
# committed from `PEERS_OUT=tests/peers/results.md bash tests/peers/run.sh`).
# The assertions are on our column only: it must equal the best peer
# behaviour or the documented better one (init.8).  The peers' columns
# are measured, never asserted: a peer that changes only changes the table.
set -u
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
OUT_MD=${PEERS_OUT:-$TMP/results.md}
case $OUT_MD in /*) ;; *) OUT_MD=$ROOT/$OUT_MD ;; esac
INITS=${PEERS:-init tini dumb-init catatonit}
JOBCTL=$ROOT/tests/peers/jobctl.py

# argv of each init per mode; tini needs -s to be a subreaper, dumb-init
# cannot be one, catatonit and ours become one by themselves.
argv_of() {	# argv_of INIT MODE
	case $1 in
	init) echo "$ROOT/bin/init --" ;;
	tini) [ "$2" = sub ] && echo "/usr/bin/tini -s --" || echo "/usr/bin/tini --" ;;
	dumb-init) echo "/usr/bin/dumb-init" ;;
	catatonit) echo "/usr/bin/catatonit --" ;;
	esac
}
verbose_of() {	# the flag that makes each one log (catatonit has none)
	case $1 in init) echo -v ;; tini) echo -vvv ;; dumb-init) echo -v ;; *) ;; esac
}
exe_of() { argv_of "$1" ns | awk '{print $1}'; }

# launch INIT MODE CMD...: start in the background; sets BG and IPID (the
# init's pid as this shell sees it), found by its executable.
launch() {
	local who=$1 mode=$2 exe p i
	shift 2
	exe=$(readlink -f "$(exe_of "$who")")
	# shellcheck disable=SC2046
	"$mode" $(argv_of "$who" "$mode") "$@" &
	BG=$!
	IPID=
	for i in $(seq 250); do
		for p in $(kids "$BG") $(kids "$BG" | while read -r q; do kids "$q"; done); do
			if [ "$(readlink /proc/"$p"/exe 2>/dev/null)" = "$exe" ]; then
				IPID=$p
				return 0
			fi
		done
		sleep 0.02
	done
	return 1
}
alive() { [ -d /proc/"$1" ] && ! grep -qs '^State:.*Z' /proc/"$1"/status; }
stopped() { grep -qs '^State:.*T' /proc/"$1"/status; }
# within N CMD...: CMD until it succeeds, for at most N hundredths of a
# second of wall time (not N tries: a try forks, and a loaded machine
# made 40 tries last 1.3 s).  The 10 ms naps are a read that times out
# on a pipe nobody writes to: no sleep(1) forked each time.
exec {NAP}<> <(:)
within() {
	local _w_end=$((${EPOCHREALTIME/./} + $1 * 10000))
	shift
	until "$@"; do
		[ "${EPOCHREALTIME/./}" -lt "$_w_end" ] || return 1
		read -rt 0.01 -u "$NAP"
	done
}
cleanup_run() {	# kill what a run left: the outer wrapper and the receiver
	kill -KILL "$BG" 2>/dev/null
	pkill -KILL -f "$TMP/recv" 2>/dev/null
	wait "$BG" 2>/dev/null
}

BG= IPID=
declare -A R	# R[scenario|mode|init] = what happened

# --- every signal 1..64 but KILL, STOP, CHLD sent to the init -----------
# Per signal: f = the child got it; - = dropped; X = the init died of it;
# f+stop = forwarded and the init stopped with the job (then continued).
SIGS=$(seq 1 64 | grep -vxE '9|17|19')
signals() {	# signals INIT MODE: fills R[sig.N|MODE|INIT]
	local who=$1 mode=$2 s n
	for s in $SIGS; do
		if [ -z "${IPID:-}" ] || ! alive "$IPID"; then
			cleanup_run
			rm -f recv.out
			T=120 launch "$who" "$mode" "$H/sigrecv" "$TMP/recv.out" 1000 || { R[sig.$s|$mode|$who]=nostart; continue; }
			within 300 grep -qs ready recv.out
		fi
		n=$(grep -c "^$s from" recv.out)
		kill -"$s" "$IPID" 2>/dev/null
		# A drop costs the whole window: 0.6 s, some 60 times what a
		# forward to the logging child takes here (under 10 ms).
		if within 60 eval '[ "$(grep -c "^$s from" recv.out)" -gt "$n" ] || ! alive "$IPID"'; then :; fi
		if ! alive "$IPID"; then
			R[sig.$s|$mode|$who]=X
			IPID=
		elif [ "$(grep -c "^$s from" recv.out)" -gt "$n" ]; then
			R[sig.$s|$mode|$who]=f
		else
			R[sig.$s|$mode|$who]=-
		fi
		case $s in 20|21|22) ;; *) continue ;; esac
		if [ -n "$IPID" ] && within 40 stopped "$IPID"; then
			R[sig.$s|$mode|$who]="${R[sig.$s|$mode|$who]}+stop"
			kill -CONT "$IPID"
		fi
	done
	cleanup_run
	IPID=
}

# Summaries of the per-signal letters for the table.
count_f() {	# count_f MODE INIT FROM TO: "forwarded/total" in FROM..TO
	local s f=0 t=0
	for s in $SIGS; do
		[ "$s" -ge "$3" ] && [ "$s" -le "$4" ] || continue
		t=$((t + 1))
		case ${R[sig.$s|$1|$2]} in f*) f=$((f + 1)) ;; esac
	done
	echo "$f/$t"
}
died_of() {	# the signals the init died of, or "none"
	local s l=
	for s in $SIGS; do
		[ "${R[sig.$s|$1|$2]}" = X ] && l="$l $s"
	done
	echo "${l:- none}" | sed 's/^ //'
}
stops_on() {
	local s l=
	for s in $SIGS; do
		case ${R[sig.$s|$1|$2]} in *stop) l="$l $s" ;; esac
	done
	echo "${l:- none}" | sed 's/^ //'
}

# --- SIGPIPE raised by the init's own write to stderr --------------------
# stderr is a pipe whose reader is already gone; the child writes a file
# after 0.5 s if it is still alive.  Python ignores SIGPIPE: reset it.
nopipe() {
	python3 -c 'import os,signal,sys
signal.signal(signal.SIGPIPE, signal.SIG_DFL)
r, w = os.pipe(); os.close(r); os.dup2(w, 2); os.close(w)
os.execvp(sys.argv[1], sys.argv[1:])' "$@"
}
sigpipe() {
	local who=$1 mode=$2 rc
	rm -f alive.txt
	# shellcheck disable=SC2046
	T=5 nopipe "$mode" $(argv_of "$who" "$mode" | sed "s|^\([^ ]*\)|\1 $(verbose_of "$who")|") \
		sh -c "sleep 0.5; echo yes >$TMP/alive.txt" 2>/dev/null
	rc=$?
	if [ -s alive.txt ]; then R[pipe|$mode|$who]="child unharmed ($rc)"
	elif [ "$rc" = 141 ]; then R[pipe|$mode|$who]="child killed by PIPE (141)"
	elif [ "$rc" = 137 ]; then R[pipe|$mode|$who]="hangs (killed at 5 s)"
	else R[pipe|$mode|$who]="child gone ($rc)"; fi
}

# --- exit statuses -------------------------------------------------------
statuses() {
	local who=$1 mode=$2 a b c
	# shellcheck disable=SC2046
	"$mode" $(argv_of "$who" "$mode") sh -c 'exit 3'; a=$?
	# shellcheck disable=SC2046
	"$mode" $(argv_of "$who" "$mode") sh -c 'kill -TERM $$'; b=$?
	# shellcheck disable=SC2046
	"$mode" $(argv_of "$who" "$mode") sh -c 'kill -RTMIN+2 $$'; c=$?
	R[exit|$mode|$who]="$a $b $c"
}

# --- orphans --------------------------------------------------------------
orphans() {
	local who=$1 mode=$2 o
	# shellcheck disable=SC2046
	o=$("$mode" $(argv_of "$who" "$mode") "$H/orphans" 200 2>/dev/null | sed -n 's/.* \([0-9]*\) left after.*/\1/p')
	R[orphans|$mode|$who]="${o:-?} zombies left"
}

# --- TERM to the init while the child ignores TERM -------------------------
termignored() {
	local who=$1 mode=$2 rc t0 t1
	t0=$(date +%s%N)
	launch "$who" "$mode" sh -c 'trap "" TERM; sleep 1.5; exit 9' || { R[termign|$mode|$who]=nostart; return; }
	sleep 0.3
	kill -TERM "$IPID"
	wait "$BG"
	rc=$?
	t1=$(date +%s%N)
	if [ "$rc" = 9 ] && [ $(((t1 - t0) / 1000000)) -ge 1400 ]; then
		R[termign|$mode|$who]="child runs on, exits 9"
	else
		R[termign|$mode|$who]="child ended early ($rc)"
	fi
}

# --- main exits, a grandchild traps TERM -----------------------------------
grandchild() {
	local who=$1 mode=$2 rc
	rm -f trap.txt
	# shellcheck disable=SC2046
	"$mode" $(argv_of "$who" "$mode") sh -c "(trap 'echo ran >$TMP/trap.txt; exit 0' TERM; while :; do sleep 0.05; done; : peers-gc) & sleep 0.3; exit 7"
	rc=$?
	sleep 0.3
	if [ -s trap.txt ]; then R[gc|$mode|$who]="trap ran, exit $rc"
	elif pgrep -f 'peers-gc' >/dev/null; then R[gc|$mode|$who]="left running, exit $rc"
	else R[gc|$mode|$who]="killed unwarned, exit $rc"; fi
	pkill -KILL -f 'peers-gc' 2>/dev/null
}

# --- Ctrl-Z, fg, Ctrl-C with the init as a job of an interactive bash -----
jobctl() {
	local who=$1
	# shellcheck disable=SC2046
	R[job|sub|$who]=$(timeout -s KILL 30 python3 "$JOBCTL" $(argv_of "$who" sub))
}

for who in $INITS; do
	[ -x "$(exe_of "$who")" ] || { echo "peers: $(exe_of "$who") missing (tests/deps.sh test installs it)"; exit 1; }
	for mode in ns sub; do
		echo "# $who ($mode)"
		for f in signals sigpipe statuses orphans termignored grandchild; do
			$f "$who" "$mode"
		done
	done
	jobctl "$who"
done

# --- the table --------------------------------------------------------------
row() {	# row LABEL KEY MODE
	local who line="| $1 |"
	for who in $INITS; do line="$line ${R[$2|$3|$who]} |"; done
	echo "$line"
}
sigrow() {	# sigrow LABEL MODE FUNC ARGS...
	local who line="| $1 |" f=$3 mode=$2
	shift 3
	for who in $INITS; do line="$line $($f "$mode" "$who" "$@") |"; done
	echo "$line"
}
sigword() {	# what happened to signal N: forwarded, dropped, init died
	case ${R[sig.$3|$1|$2]} in
	f) echo forwarded ;; f+stop) echo "forwarded, init stops" ;;
	-) echo dropped ;; X) echo "**init died**" ;; *) echo "${R[sig.$3|$1|$2]}" ;;
	esac
}
{
	echo "# init beside tini, dumb-init and catatonit"
	echo
	echo "Written by \`tests/peers/run.sh\` (part of \`make test\`), which runs every scenario"
	echo "under each init as PID 1 of a fresh pid namespace (pid 1) and as a plain child of"
	echo "the test (sub: a subreaper where the init can be one; tini with \`-s\`). Only the"
	echo "**init** column is asserted; the others are what the Debian 12 packages did"
	echo "($(dpkg-query -W -f '${Package} ${Version}, ' tini dumb-init catatonit 2>/dev/null | sed 's/, $//'))."
	echo
	echo "| scenario | **init** | tini | dumb-init | catatonit |"
	echo "|---|---|---|---|---|"
	for mode in ns sub; do
		m=$([ "$mode" = ns ] && echo "pid 1" || echo sub)
		sigrow "$m: signals 1–31 sent with kill(2) that reach the child" "$mode" count_f 1 31
		for s in 32 33 34; do
			sigrow "$m: signal $s" "$mode" sigword "$s"
		done
		sigrow "$m: signals 35–64 (RTMIN+1…RTMAX) that reach the child" "$mode" count_f 35 64
		sigrow "$m: signals the init died of" "$mode" died_of
		sigrow "$m: signals after which the init stopped itself" "$mode" stops_on
		row "$m: its own SIGPIPE (stderr a pipe with no reader, logging on)" pipe "$mode"
		row "$m: exit status of \`exit 3\`, TERM, RTMIN+2" exit "$mode"
		row "$m: 200 orphans" orphans "$mode"
		row "$m: TERM to the init, the child ignores TERM" termign "$mode"
		row "$m: main exits 7, a grandchild traps TERM" gc "$mode"
	done
	row "sub: Ctrl-Z, fg, Ctrl-C as a job of interactive bash" job sub
	echo
	echo "Signals are sent one at a time to the init; the child (tests/helpers/sigrecv) blocks"
	echo "all 64 and logs each. 9, 17 and 19 are left out (KILL, CHLD, STOP). An init that dies"
	echo "is started again for the next signal. The job-control row drives a real bash on a"
	echo "pseudo-terminal (tests/peers/jobctl.py): ok means the prompt came back on Ctrl-Z and"
	echo "fg then Ctrl-C ended the job; no-prompt means the terminal hung."
} >"$OUT_MD"
cat "$OUT_MD"

# --- our column -----------------------------------------------------------------
echo "# assertions on the init column"
for mode in ns sub; do
	expect "peers $mode: 1..31 reach the child" "$(count_f "$mode" init 1 31)" 28/28
	expect "peers $mode: 32..34 reach the child" \
		"$(sigword "$mode" init 32)/$(sigword "$mode" init 33)/$(sigword "$mode" init 34)" \
		"forwarded/forwarded/forwarded"
	expect "peers $mode: 35..64 reach the child" "$(count_f "$mode" init 35 64)" 30/30
	expect "peers $mode: init dies of no signal" "$(died_of "$mode" init)" none
	expect "peers $mode: init's own SIGPIPE is not forwarded" "${R[pipe|$mode|init]}" "child unharmed (0)"
	expect "peers $mode: exit statuses" "${R[exit|$mode|init]}" "3 143 164"
	expect "peers $mode: orphans reaped" "${R[orphans|$mode|init]}" "0 zombies left"
	expect "peers $mode: TERM to init never kills the child on a timer" "${R[termign|$mode|init]}" "child runs on, exits 9"
	expect "peers $mode: a grandchild's TERM trap runs (drain)" "${R[gc|$mode|init]}" "trap ran, exit 7"
done
expect "peers ns: as PID 1 init never stops itself" "$(stops_on ns init)" none
expect "peers sub: the child catches TSTP, TTIN, TTOU and runs on: init does not stop alone" "$(stops_on sub init)" none
expect "peers sub: Ctrl-Z, fg, Ctrl-C in an interactive bash" "${R[job|sub|init]}" ok
summary
