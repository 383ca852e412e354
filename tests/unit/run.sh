#!/bin/sh
# Run each unit test binary; each prints "N passed, N failed" itself.
rc=0
for t in "$@"; do
	"$t" || rc=1
done
exit $rc
