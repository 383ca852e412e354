#!/bin/sh
# docker/image.sh [NAME]: the multi-architecture release image, a FROM
# scratch image per architecture of dist/ (make release) joined in one
# manifest list NAME (default localhost/init-healthcheck:VERSION), each
# also tagged NAME-ARCH.  Push the list with
# `podman manifest push --all NAME docker://REGISTRY/NAME`.
#
# ENGINE=docker (the default when podman is not installed): Docker
# Engine's legacy builder cannot build release.Containerfile for another
# platform ("image ... was found but does not match the specified
# platform"), `docker import --platform` is ignored by 20.10, and Docker
# keeps no manifest list locally.  There each architecture is written as
# an image archive (docker save's format: one layer with the two files and the licences,
# a config naming the platform, ENTRYPOINT and CMD) and loaded with
# `docker load` as NAME-ARCH; push each, then join them with
# `docker manifest create`.  The archives are reproducible: no dates, the
# same bytes from the same dist/.
set -eu
cd "$(dirname "$0")/.."
v=$(sed -n 's/^VERSION *= *//p' Makefile)
name=${1:-localhost/init-healthcheck:$v}
[ -f dist/SHA256SUMS ] || { echo "image: no dist/: run make release" >&2; exit 1; }
(cd dist && sha256sum -c --quiet SHA256SUMS) ||
	{ echo "image: dist/ does not match its SHA256SUMS" >&2; exit 1; }
engine=${ENGINE:-$(command -v podman >/dev/null 2>&1 && echo podman || echo docker)}
if [ "$engine" = podman ]; then
	podman manifest rm "$name" >/dev/null 2>&1 || true
	podman manifest create "$name" >/dev/null
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for a in amd64 arm64 armhf armel i386 mips64el ppc64le s390x riscv64; do
	case $a in
	armhf) p=linux/arm/v7 ;;
	armel) p=linux/arm/v5 ;;
	i386) p=linux/386 ;;
	mips64el) p=linux/mips64le ;;
	*) p=linux/$a ;;
	esac
	if [ "$engine" = podman ]; then
		podman build -q --format docker --platform "$p" --build-arg ARCH="$a" \
			-t "$name-$a" --manifest "$name" \
			-f docker/release.Containerfile dist >/dev/null
		continue
	fi
	doc=usr/share/doc/init-healthcheck
	mkdir -p "$tmp/$a/files/$doc" "$tmp/$a/img"
	cp "dist/init-$a" "$tmp/$a/files/init"
	cp "dist/healthcheck-$a" "$tmp/$a/files/healthcheck"
	cp dist/LICENSE dist/THIRD_PARTY "$tmp/$a/files/$doc/"
	# The binaries 0755, the licences 0644, as release.Containerfile has them.
	tar -C "$tmp/$a/files" --owner=0 --group=0 --numeric-owner --mtime=@0 \
		--mode=0755 -cf "$tmp/$a/layer.tar" init healthcheck
	tar -C "$tmp/$a/files" --owner=0 --group=0 --numeric-owner --mtime=@0 \
		--mode=u=rwX,go=rX -rf "$tmp/$a/layer.tar" usr
	diff=$(sha256sum <"$tmp/$a/layer.tar" | cut -d' ' -f1)
	mkdir "$tmp/$a/img/$diff"
	mv "$tmp/$a/layer.tar" "$tmp/$a/img/$diff/layer.tar"
	arch=${p#linux/}
	variant=${arch#*/}
	[ "$variant" = "$arch" ] && variant=
	arch=${arch%%/*}
	[ "$arch" = arm64 ] && variant=v8
	printf '{"architecture":"%s",%s"os":"linux","config":{"Entrypoint":["/init","--"],"Cmd":["/healthcheck","-V"]},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]},"history":[{"created_by":"docker/image.sh"}]}' \
		"$arch" "${variant:+\"variant\":\"$variant\",}" "$diff" >"$tmp/$a/config.json"
	cid=$(sha256sum <"$tmp/$a/config.json" | cut -d' ' -f1)
	mv "$tmp/$a/config.json" "$tmp/$a/img/$cid.json"
	printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["%s/layer.tar"]}]' \
		"$cid" "$name-$a" "$diff" >"$tmp/$a/img/manifest.json"
	tar -C "$tmp/$a/img" --owner=0 --group=0 --numeric-owner --mtime=@0 \
		-cf "$tmp/$a.tar" .
	docker load -q -i "$tmp/$a.tar" >/dev/null
	echo "$name-$a"
done
[ "$engine" = docker ] || echo "$name"
