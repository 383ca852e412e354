#!/bin/sh
# docker/image.sh [NAME]: the multi-architecture release image, a FROM
# scratch image per architecture of dist/ (make release) joined in one
# manifest list NAME (default localhost/init-healthcheck:VERSION), each
# also tagged NAME-ARCH.  Push the list with
# `podman manifest push --all NAME docker://REGISTRY/NAME`.
set -eu
cd "$(dirname "$0")/.."
v=$(sed -n 's/^VERSION *= *//p' Makefile)
name=${1:-localhost/init-healthcheck:$v}
[ -f dist/SHA256SUMS ] || { echo "image: no dist/: run make release" >&2; exit 1; }
(cd dist && sha256sum -c --quiet SHA256SUMS) ||
	{ echo "image: dist/ does not match its SHA256SUMS" >&2; exit 1; }
podman manifest rm "$name" >/dev/null 2>&1 || true
podman manifest create "$name" >/dev/null
for a in amd64 arm64 armhf armel i386 ppc64le s390x; do
	case $a in
	armhf) p=linux/arm/v7 ;;
	armel) p=linux/arm/v5 ;;
	i386) p=linux/386 ;;
	*) p=linux/$a ;;
	esac
	podman build -q --format docker --platform "$p" --build-arg ARCH="$a" \
		-t "$name-$a" --manifest "$name" \
		-f docker/release.Containerfile dist >/dev/null
done
echo "$name"
