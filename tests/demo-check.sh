#!/usr/bin/env bash
# The front door: make demo in a fresh clone of this commit (no bin/, no
# build/), as a newcomer runs it.  Every step must say it did what it
# says, the demo must end with exit 0 in under 60 s (about 5 s once the
# packages are there), and nothing it started may be left running.  Then
# the same demo with a healthcheck that always answers healthy must fail,
# naming the step: the demo's checks can fail.  Prints "N passed, N
# failed".
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1
trap 'rm -rf "$TMP"' EXIT
git clone -q "$ROOT" fresh 2>clone.err || { not_ok "git clone: $(cat clone.err)"; summary; exit 1; }
t0=$(date +%s.%N)
make -s -C fresh demo >demo.out 2>&1
rc=$?
secs=$(since "$t0" 1)
expect "make demo in a fresh clone: exit 0 (in $secs s)" "$rc" 0
[ $rc = 0 ] || tail -20 demo.out
expect "... every check of every step says it did what it said" "$(grep -c '^   ok: ' demo.out)" 8
expect "... and the end says so" "$(tail -1 demo.out)" "demo: all 4 steps did what they said"
expect "... bin/healthcheck was built for it" "$([ -x fresh/bin/healthcheck ] && echo built)" built
secs_between "... in under a minute" "$secs" 0 60
left=$(pgrep -af "$TMP/fresh/|busybox httpd -f -p 127.0.0.1" | grep -v pgrep)
expect "... nothing it started is left running" "$left" ""
# A healthcheck that says healthy to everything: step 2 must catch it.
mv fresh/bin/healthcheck fresh/bin/healthcheck.real
printf '#!/bin/sh\necho "healthy: $*"\n' >fresh/bin/healthcheck
chmod 755 fresh/bin/healthcheck
touch -r fresh/bin/healthcheck.real fresh/bin/healthcheck
make -s -C fresh demo >bad.out 2>&1
expect "a demo whose healthcheck lies fails (make: exit 2)" "$?" 2
expect_match "... naming the step that did not do what it says" "$(cat bad.out)" \
	"demo: step 2 failed: healthy, exit 0"
summary
