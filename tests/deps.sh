#!/bin/sh
# Install the Debian packages a make target needs, or print the exact
# apt-get line when that is not possible (not root, no apt-get).
#   sh tests/deps.sh build|demo|test|bench|e2e|docker|cri|release|qemu
set -u
need="" foreign=""
want() {	# want COMMAND PACKAGE
	command -v "$1" >/dev/null 2>&1 || need="$need $2"
}
case "${1:-build}" in
build)	want musl-gcc musl-tools; want cc gcc
	[ -f /usr/include/bearssl/bearssl.h ] || need="$need libbearssl-dev" ;;
demo)	want musl-gcc musl-tools; want cc gcc
	[ -f /usr/include/bearssl/bearssl.h ] || need="$need libbearssl-dev"
	want unshare util-linux; want nsenter util-linux; want ps procps
	want timeout coreutils; want busybox busybox-static ;;
test)	want musl-gcc musl-tools; want cc gcc; want unshare util-linux
	[ -f /usr/include/bearssl/bearssl.h ] || need="$need libbearssl-dev"
	want script bsdutils; want python3 python3; want setpriv util-linux
	want pgrep procps; want readelf binutils; want nsenter util-linux
	want node nodejs; want npm npm; want openssl openssl; want clang clang
	want clang-format clang-format
	want curl-config libcurl4-openssl-dev; want curl curl
	want nginx nginx-light; want socat socat; want strace strace
	want podman podman; want runc runc; want mmdebstrap mmdebstrap
	want docker-compose docker-compose; want podman-compose podman-compose
	want dockerd docker.io
	want tini tini; want dumb-init dumb-init; want catatonit catatonit
	want containerd containerd; want gnutls-serv gnutls-bin
	/usr/bin/python3 -c 'import cryptography' 2>/dev/null ||
		need="$need python3-cryptography"
	want go golang-go
	want redis-server redis-server; want redis-cli redis-tools
	want mariadbd mariadb-server; want mysqladmin mariadb-client
	want pg_isready postgresql-client
	python3 -c 'import yaml' 2>/dev/null || need="$need python3-yaml"
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 ||
		need="$need postgresql"
	[ -x /bin/busybox ] && file -L /bin/busybox 2>/dev/null |
		grep -q 'statically linked' || need="$need busybox-static file" ;;
cri)	want containerd containerd; want ctr containerd; want runc runc; want go golang-go
	want catatonit catatonit; want node nodejs; want npm npm
	want dpkg-deb dpkg; want sha256sum coreutils
	python3 -c 'import yaml' 2>/dev/null || need="$need python3-yaml" ;;
docker)	want dockerd docker.io; want mmdebstrap mmdebstrap
	want docker-compose docker-compose
	[ -x /bin/busybox ] && file -L /bin/busybox 2>/dev/null |
		grep -q 'statically linked' || need="$need busybox-static file" ;;
e2e)	want podman podman; want runc runc; want mmdebstrap mmdebstrap
	want docker-compose docker-compose; want podman-compose podman-compose ;;
release|qemu)
	want gpg gnupg; want python3 python3
	# Debian architecture, GNU triple, musl triple of every release one.
	for t in arm64:aarch64-linux-gnu:aarch64-linux-musl \
	    armhf:arm-linux-gnueabihf:arm-linux-musleabihf \
	    armel:arm-linux-gnueabi:arm-linux-musleabi \
	    i386:i686-linux-gnu:i386-linux-musl \
	    mips64el:mips64el-linux-gnuabi64:mips64el-linux-musl \
	    ppc64el:powerpc64le-linux-gnu:powerpc64le-linux-musl \
	    s390x:s390x-linux-gnu:s390x-linux-musl; do
		deb=${t%%:*} musl=${t##*:} gnu=${t#*:}
		gnu=${gnu%:*}
		want "$gnu-gcc" "gcc-$gnu"
		if [ ! -f "/usr/lib/$musl/musl-gcc.specs" ]; then
			need="$need musl-dev:$deb"
			foreign="$foreign $deb"
		fi
		# Debian's multiarch directory: the musl triple's, with gnu
		# (mips64el's is its GNU triple).
		ma=$(echo "$musl" | sed s/musl/gnu/)
		[ "$deb" = mips64el ] && ma=$gnu
		if [ ! -f "/usr/lib/$ma/libbearssl.a" ]; then
			need="$need libbearssl-dev:$deb"
			foreign="$foreign $deb"
		fi
	done
	# riscv64: Debian 12's cross compiler; musl and BearSSL from Debian
	# 13, unpacked by tools/sysroot.sh (make release), never installed.
	want riscv64-linux-gnu-gcc gcc-riscv64-linux-gnu
	want dpkg-deb dpkg
	want musl-gcc musl-tools; want sha256sum coreutils
	if [ "$1" = qemu ]; then
		want qemu-aarch64-static qemu-user-static
		want update-binfmts binfmt-support
	fi ;;
bench)	want hyperfine hyperfine; want tini tini
	[ -x /usr/bin/tini-static ] || need="$need tini"
	want dumb-init dumb-init; want catatonit catatonit
	want curl curl; want wget wget; want busybox busybox-static
	want nginx nginx-light; want gnuplot gnuplot-nox
	want redis-server redis-server; want redis-cli redis-tools
	want mariadbd mariadb-server; want mysqladmin mariadb-client
	want pg_isready postgresql-client; want setpriv util-linux
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 ||
		need="$need postgresql" ;;
esac
[ -z "$need" ] && exit 0
# shellcheck disable=SC2086
set -- $(printf '%s\n' $need | sort -u)
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps: installing $*" >&2
	export DEBIAN_FRONTEND=noninteractive
	# Servers (redis, mariadb, postgresql) are started by the tests on
	# their own ports; keep their packages from starting them for good.
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
		chmod +x /usr/sbin/policy-rc.d
		trap 'rm -f /usr/sbin/policy-rc.d' EXIT
	fi
	if [ -n "$foreign" ]; then
		for a in $foreign; do dpkg --add-architecture "$a"; done
		# Some index files may fail while a mirror syncs; what the
		# install needs is checked by the install itself.
		apt-get update -qq >/dev/null 2>&1 || true
	fi
	{ apt-get install -y -qq "$@" || { sleep 10; apt-get update -qq || true
	    apt-get install -y -qq "$@"; }; } >/dev/null || {
		echo "deps: failed: apt-get install -y $*" >&2; exit 1; }
	exit 0
fi
[ -n "$foreign" ] && echo "deps: first, as root: for a in$foreign; do dpkg --add-architecture \$a; done; apt-get update" >&2
echo "deps: missing packages; run as root: apt-get install -y $*" >&2
exit 1
