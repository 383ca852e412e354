#!/bin/sh
# Install the Debian packages a make target needs, or print the exact
# apt-get line when that is not possible (not root, no apt-get).
#   sh tests/deps.sh build|test|bench|e2e
set -u
need=""
want() {	# want COMMAND PACKAGE
	command -v "$1" >/dev/null 2>&1 || need="$need $2"
}
case "${1:-build}" in
build)	want musl-gcc musl-tools ;;
test)	want musl-gcc musl-tools; want cc gcc; want unshare util-linux
	want script bsdutils; want python3 python3; want setpriv util-linux
	want pgrep procps; want readelf binutils; want nsenter util-linux
	want node nodejs; want npm npm; want openssl openssl; want clang clang
	want clang-format clang-format
	want curl-config libcurl4-openssl-dev
	want nginx nginx-light; want socat socat; want strace strace
	want podman podman; want runc runc
	want tini tini; want dumb-init dumb-init; want catatonit catatonit
	[ -x /bin/busybox ] && file -L /bin/busybox 2>/dev/null |
		grep -q 'statically linked' || need="$need busybox-static file" ;;
e2e)	want podman podman; want runc runc ;;
bench)	want hyperfine hyperfine; want tini tini
	[ -x /usr/bin/tini-static ] || need="$need tini"
	want dumb-init dumb-init; want catatonit catatonit
	want curl curl; want wget wget; want busybox busybox-static
	want nginx nginx-light; want gnuplot gnuplot-nox ;;
esac
[ -z "$need" ] && exit 0
# shellcheck disable=SC2086
set -- $(printf '%s\n' $need | sort -u)
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps: installing $*" >&2
	export DEBIAN_FRONTEND=noninteractive
	{ apt-get install -y -qq "$@" || { apt-get update -qq &&
	    apt-get install -y -qq "$@"; }; } >/dev/null || {
		echo "deps: failed: apt-get install -y $*" >&2; exit 1; }
	exit 0
fi
echo "deps: missing packages; run as root: apt-get install -y $*" >&2
exit 1
