#!/bin/sh
# The pure half's contract (healthcheck/proto/): its files include only
# lib/, their own folder and the C headers of bytes and strings, and
# their objects need no symbol but lib/'s buffers and numbers and the
# string functions (no system call, no stdio, no allocation).  Prints
# "N passed, N failed".
cd "$(dirname "$0")/../.." || exit 1
CC=${HOSTCC:-cc}
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
pass=0 fail=0
for f in healthcheck/proto/*.c healthcheck/proto/*.h; do
	bad=$(grep -h '^#include' "$f" | grep -v \
	    -e '^#include "\.\./\.\./lib/\(msg\|num\)\.h"$' \
	    -e '^#include "[a-z0-9_]*\.h"$' \
	    -e '^#include <\(string\|strings\|stddef\|stdint\)\.h>$')
	if [ -z "$bad" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "not ok - $f includes what the pure half may not: $bad"
	fi
done
allowed='buf_init buf_mem buf_str buf_u64 buf_find num_duration num_hexdigit num_u64
memchr memcmp memcpy memmem memmove memset strchr strcmp strcspn strlen
strncasecmp strcasecmp strncmp strspn strstr strrchr'
for f in healthcheck/proto/*.c; do
	o=$d/$(basename "$f" .c).o
	$CC -std=c99 -O2 -D_POSIX_C_SOURCE=200809L -DVERSION='"t"' -c "$f" -o "$o" ||
		{ fail=$((fail + 1)); echo "not ok - $f compiles"; }
done
nm --defined-only "$d"/*.o | awk '$2 ~ /^[TDRBC]$/ {print $3}' | sort -u >"$d/own"
for o in "$d"/*.o; do
	extra=$(nm -u "$o" | awk '{print $2}' | grep -vxFf "$d/own" |
	    grep -vxF "$(printf '%s\n' $allowed)" | tr '\n' ' ')
	if [ -z "$extra" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "not ok - healthcheck/proto/$(basename "$o" .o).c needs $extra"
	fi
done
echo "purity: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
