#!/usr/bin/env bash
# make test: every suite, then one closing line with the totals.
#   tests/run.sh UNIT-BINARY...   everything (make test)
#   tests/run.sh --integration    tests/integration/ only (make integration)
set -u
cd "$(dirname "$0")/.." || exit 1
log=$(mktemp)
# One id per run: an image one suite built, another may use (tests/lib.sh).
TEST_RUN_ID=$(date +%s%N)
export TEST_RUN_ID
rc=0
# One list of the integration suites: the folder itself.
integration=()
for s in tests/integration/*.sh; do integration+=("bash $s"); done
if [ "${1:-}" = --integration ]; then
	suites=("${integration[@]}")
else
	suites=("sh tests/unit/run.sh $*" "sh tests/unit/purity.sh" "${integration[@]}"
		"python3 tests/k8s/validate.py docker/examples/k8s/deployment.yaml docker/examples/k8s/shared-pid.yaml docker/examples/k8s/install.yaml docker/examples/k8s/health-listen.yaml"
		"bash tests/peers/run.sh" "bash tests/arch/run.sh" "bash tests/kubelet/run.sh" "bash tests/k8s/cri.sh"
		"bash tests/x509/diff.sh" "bash tests/x509/limbo-live.sh" "bash tests/demo-check.sh"
		"bash tests/e2e/podman.sh" "bash tests/e2e/compose.sh")
	# Docker Engine's suites mostly wait (their daemons, vfs copies,
	# health intervals): they run one after the other beside the next
	# ones, from the peers (which mostly wait too) on, their output held
	# and printed whole at the end.  Measured: beside the podman suites,
	# which build the same image at the same time, docker.sh took 403 s
	# against 236 s alone.  Debian 12's Engine 20.10, then Debian 13's
	# Engine 26 with Compose v2.
	parallel=("bash tests/e2e/docker.sh" "bash tests/e2e/engine26.sh")
fi
dk_out=$(mktemp)
trap 'rm -f "$log" "$dk_out"' EXIT
for suite in "${suites[@]}"; do
	if [ "$suite" = "bash tests/peers/run.sh" ] && [ -n "${parallel:-}" ]; then
		( r=0
		  for p in "${parallel[@]}"; do
			t=$SECONDS; $p >>"$dk_out" 2>&1 || r=1
			echo "# $p: $((SECONDS - t)) s (beside the others)" >>"$dk_out"
		  done; exit $r ) &
		dk_pid=$!
	fi
	t=$SECONDS
	$suite 2>&1 | tee -a "$log"
	[ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
	echo "# $suite: $((SECONDS - t)) s"
done
if [ -n "${dk_pid:-}" ]; then
	wait "$dk_pid" || rc=1
	tee -a "$log" <"$dk_out"
fi
if [ "${1:-}" = --integration ]; then
	awk '/^[a-z0-9-]*:? ?[0-9]+ passed, [0-9]+ failed$/ {
		for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i }
	} END { printf "integration: %d passed, %d failed\n", p, f }' "$log"
	exit $rc
fi
# The house style (.clang-format), as one check.
if make -s format-check >/dev/null 2>&1; then
	echo "format: 1 passed, 0 failed" | tee -a "$log"
else
	echo "not ok - make format-check: run clang-format -i on the files it names" | tee -a "$log"
	echo "format: 0 passed, 1 failed" | tee -a "$log"; rc=1
fi
# Every fuzz corpus through its parser, under ASan/UBSan.
n=0
for r in bin/replay/*; do
	[ -x "$r" ] || continue
	if "$r" "tests/fuzz/corpus/$(basename "$r")" >/dev/null 2>>"$log.err"; then
		n=$((n + 1))
	else
		echo "not ok - fuzz corpus replay: $r" | tee -a "$log"; rc=1
		cat "$log.err"
	fi
done
echo "fuzz-replay: $n passed, $(( $(ls bin/replay 2>/dev/null | wc -l) - n )) failed" | tee -a "$log"
rm -f "$log.err"

# A short fuzz smoke per target (FUZZ_SMOKE seconds each; 0 skips it),
# new inputs kept out of the tree.
secs=${FUZZ_SMOKE:-1}
if [ "$secs" -gt 0 ]; then
	n=0 bad=0
	for t in $(ls tests/fuzz/fuzz_*.c | sed 's/.*fuzz_\(.*\)\.c/\1/'); do
		d=$(mktemp -d)
		if make -s "bin/fuzz/$t" >/dev/null 2>&1 &&
		   "bin/fuzz/$t" -max_total_time="$secs" -artifact_prefix="$d/" \
			"$d" "tests/fuzz/corpus/$t" >"$d/log" 2>&1; then
			n=$((n + 1))
		else
			bad=$((bad + 1)); rc=1
			echo "not ok - fuzz smoke $t:" | tee -a "$log"; tail -30 "$d/log"
		fi
		rm -rf "$d"
	done
	echo "fuzz-smoke: $n passed, $bad failed" | tee -a "$log"
fi
# The failures again, last, on both streams: a CI log that keeps only a
# part of the output still shows what failed.
if grep -q '^not ok' "$log"; then
	{ echo "# the checks that failed:"; grep '^not ok' "$log" | head -50; } | tee /dev/stderr
fi
awk '/^[a-z0-9-]*:? ?[0-9]+ passed, [0-9]+ failed$/ {
	for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i }
} END { printf "all: %d passed, %d failed\n", p, f }' "$log"
exit $rc
