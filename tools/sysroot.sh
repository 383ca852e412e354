#!/bin/sh
# tools/sysroot.sh DIR: musl and BearSSL for riscv64, which Debian 12 does
# not ship, from the Debian 13 suite, unpacked into DIR and not installed.
#
# Installing them beside Debian 12 cannot work: they are Multi-Arch: same
# packages whose runtime halves (musl, and libc6 under libbearssl0) must
# have the very version of the host's amd64 ones.  So the three .deb files
# are fetched by pinned version and sha256 and unpacked (tools/deb13.sh).
# DIR then holds musl-gcc.specs (Debian's, its paths moved into DIR) and
# PACKAGES, the names and versions for the SBOM.
set -eu
dir=$(mkdir -p "$(dirname "$1")" && cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -f "$dir/PACKAGES" ] && exit 0
arch=riscv64
pins="musl-dev 1.2.5-3.1~deb13u1 1666931c146dd7fec5902c7ecfbf0c8566528362c922a1cfa4ed91c6d3bc97ce
musl 1.2.5-3.1~deb13u1 cf37655ccee8fb3726f33c27929e61a792d9051c46af7d1883ed1f4d3363e784
libbearssl-dev 0.6+dfsg.1-4 632ad920e17ed9386b56c598cf48c19b8a2f59f1c99ced194138010c628ea055"
echo "$pins" | sh "$(dirname "$0")/deb13.sh" "$dir.tmp" "$arch"
sed "s|/usr/|$dir/usr/|g" \
	"$dir.tmp/usr/lib/$arch-linux-musl/musl-gcc.specs" >"$dir.tmp/musl-gcc.specs"
rm -rf "$dir"
mv "$dir.tmp" "$dir"
