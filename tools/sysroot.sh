#!/bin/sh
# tools/sysroot.sh DIR: musl and BearSSL for riscv64, which Debian 12 does
# not ship, from the Debian 13 suite, unpacked into DIR and not installed.
#
# Installing them beside Debian 12 cannot work: they are Multi-Arch: same
# packages whose runtime halves (musl, and libc6 under libbearssl0) must
# have the very version of the host's amd64 ones.  So the three .deb files
# are fetched by name and pinned version with a private apt configuration
# (the host's sources and state are not touched), checked against the
# sha256 below, and unpacked with dpkg-deb.  DIR then holds
# musl-gcc.specs (Debian's, its paths moved into DIR) and PACKAGES, the
# names and versions for the SBOM.  The same pins give the same bytes: the
# build stays reproducible.  When Debian 13 moves on and a pinned version
# leaves its suite, this fails with one line: update the pins.
set -eu
dir=$(mkdir -p "$(dirname "$1")" && cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -f "$dir/PACKAGES" ] && exit 0
arch=riscv64
pins="musl-dev 1.2.5-3.1~deb13u1 1666931c146dd7fec5902c7ecfbf0c8566528362c922a1cfa4ed91c6d3bc97ce
musl 1.2.5-3.1~deb13u1 cf37655ccee8fb3726f33c27929e61a792d9051c46af7d1883ed1f4d3363e784
libbearssl-dev 0.6+dfsg.1-4 632ad920e17ed9386b56c598cf48c19b8a2f59f1c99ced194138010c628ea055"
tmp=$dir.tmp
rm -rf "$tmp"
mkdir -p "$tmp/apt/lists/partial" "$tmp/apt/cache/archives/partial" "$tmp/debs"
# The host's own Debian mirror (the archive that serves its bookworm),
# with the trixie suite.
mirror=$(apt-get indextargets --format '$(REPO_URI) $(CODENAME)' 2>/dev/null |
	awk '$2 == "bookworm" {print $1; exit}')
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${mirror:-http://deb.debian.org/debian/} trixie main" \
	>"$tmp/apt/sources.list"
apt() {
	"$@" -q -o Dir::Etc::SourceList="$tmp/apt/sources.list" \
		-o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists="$tmp/apt/lists" \
		-o Dir::Cache="$tmp/apt/cache" -o Dir::State::status=/dev/null \
		-o APT::Architecture="$arch" -o APT::Architectures::="$arch" \
		-o APT::Sandbox::User=root
}
apt apt-get update >"$tmp/apt.log" 2>&1 ||
	{ echo "sysroot: apt-get update of Debian 13 ($arch) failed: $(tail -1 "$tmp/apt.log")" >&2; exit 1; }
echo "$pins" | while read -r name version sum; do
	(cd "$tmp/debs" && apt apt-get download "$name:$arch=$version") >>"$tmp/apt.log" 2>&1 ||
		{ echo "sysroot: $name:$arch=$version is no longer in Debian 13: update the pins in $0" >&2; exit 1; }
	f=$(ls "$tmp/debs/${name}_"*)
	echo "$sum  $f" | sha256sum --check --quiet ||
		{ echo "sysroot: $f does not match its pinned sha256" >&2; exit 1; }
	dpkg-deb -x "$f" "$tmp"
	rm "$f"
	echo "$name:$arch $version" >>"$tmp/PACKAGES.tmp"
done
sed "s|/usr/|$dir/usr/|g" \
	"$tmp/usr/lib/$arch-linux-musl/musl-gcc.specs" >"$tmp/musl-gcc.specs"
rm -rf "$tmp/apt" "$tmp/debs"
mv "$tmp/PACKAGES.tmp" "$tmp/PACKAGES"
rm -rf "$dir"
mv "$tmp" "$dir"
