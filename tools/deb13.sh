#!/bin/sh
# tools/deb13.sh DIR ARCH <PINS: Debian 13 packages that Debian 12 does
# not have (or not in the version needed), fetched and unpacked into DIR,
# never installed.  PINS has a line per package: NAME VERSION SHA256.
# Each .deb is fetched by name and pinned version with a private apt
# configuration (the host's sources and state are not touched), checked
# against its sha256, and unpacked with dpkg-deb; DIR/PACKAGES then holds
# the names and versions (for the SBOM).  The same pins give the same
# bytes.  When Debian 13 moves on and a pinned version leaves its suite,
# this fails with one line: update the pins.  ARCH is a Debian
# architecture, or all for architecture-independent packages.
# Used by tools/sysroot.sh (riscv64's musl and BearSSL) and
# tests/k8s/cri.sh (the CRI's api.proto).
set -eu
dir=$1 arch=$2
pins=$(cat)
tmp=$dir.tmp
rm -rf "$tmp"
mkdir -p "$tmp/apt/lists/partial" "$tmp/apt/cache/archives/partial" "$tmp/debs"
# The host's own Debian mirror (the archive that serves its bookworm),
# with the trixie suite.
mirror=$(apt-get indextargets --format '$(REPO_URI) $(CODENAME)' 2>/dev/null |
	awk '$2 == "bookworm" {print $1; exit}')
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${mirror:-http://deb.debian.org/debian/} trixie main" \
	>"$tmp/apt/sources.list"
index=$arch
[ "$arch" = all ] && index=$(dpkg --print-architecture)
apt() {
	"$@" -q -o Dir::Etc::SourceList="$tmp/apt/sources.list" \
		-o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists="$tmp/apt/lists" \
		-o Dir::Cache="$tmp/apt/cache" -o Dir::State::status=/dev/null \
		-o APT::Architecture="$index" -o APT::Architectures::="$index" \
		-o APT::Sandbox::User=root
}
apt apt-get update >"$tmp/apt.log" 2>&1 ||
	{ echo "deb13: apt-get update of Debian 13 ($arch) failed: $(tail -1 "$tmp/apt.log")" >&2; exit 1; }
echo "$pins" | while read -r name version sum; do
	(cd "$tmp/debs" && apt apt-get download "$name:$arch=$version") >>"$tmp/apt.log" 2>&1 ||
		{ echo "deb13: $name:$arch=$version is no longer in Debian 13: update the pins" >&2; exit 1; }
	f=$(ls "$tmp/debs/${name}_"*)
	echo "$sum  $f" | sha256sum --check --quiet ||
		{ echo "deb13: $f does not match its pinned sha256" >&2; exit 1; }
	dpkg-deb -x "$f" "$tmp"
	rm "$f"
	echo "$name:$arch $version" >>"$tmp/PACKAGES"
done
rm -rf "$tmp/apt" "$tmp/debs" "$tmp/apt.log"
rm -rf "$dir"
mv "$tmp" "$dir"
