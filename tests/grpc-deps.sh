#!/bin/sh
# Install the real gRPC health server the tests run (npm: @grpc/grpc-js and
# grpc-health-check) under build/grpc, once: later runs are offline.
set -eu
cd "$(dirname "$0")/.."
m=build/grpc/node_modules
[ -d "$m/@grpc/grpc-js" ] && [ -d "$m/grpc-health-check" ] && exit 0
command -v npm >/dev/null 2>&1 || {
	echo "grpc-deps: npm is missing; as root: apt-get install -y nodejs npm" >&2
	exit 1
}
mkdir -p build/grpc
cd build/grpc
[ -f package.json ] || echo '{"private": true}' >package.json
npm install --no-audit --no-fund --loglevel=error \
	@grpc/grpc-js@1 grpc-health-check@2 >&2
