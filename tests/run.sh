#!/usr/bin/env bash
# make test: every suite, then one closing line with the totals.
set -u
cd "$(dirname "$0")/.." || exit 1
log=$(mktemp)
trap 'rm -f "$log"' EXIT
rc=0
for suite in "sh tests/unit/run.sh $*" "bash tests/integration/init.sh" \
	"bash tests/integration/healthcheck.sh" "bash tests/integration/grpc.sh" \
	"bash tests/integration/https.sh" \
	"bash tests/e2e/podman.sh"; do
	$suite 2>&1 | tee -a "$log"
	[ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
done
awk '/^[a-z0-9]*:? ?[0-9]+ passed, [0-9]+ failed$/ {
	for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i }
} END { printf "all: %d passed, %d failed\n", p, f }' "$log"
exit $rc
