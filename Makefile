# The two static binaries, their tests and the demo.  See README.md.
VERSION   = 0.1.0
# The commit built, for init -V: Docker parses "init version X -
# git.COMMIT" (docker info's "init version", dockerd's log).
COMMIT   := $(or $(shell git rev-parse --short=7 HEAD 2>/dev/null),unknown)
CC        = musl-gcc
HOSTCC    = cc
# The project's flags.  CFLAGS and LDFLAGS given to make add to them
# (make CFLAGS=-g): they are not the place for the project's own.
PCFLAGS   = -std=c99 -Os -fno-pie -Wall -Wextra -Wshadow -Wno-unused-parameter \
	    -ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables \
	    -fno-stack-protector -D_POSIX_C_SOURCE=200809L -DVERSION=\"$(VERSION)\" \
	    -ffile-prefix-map=$(CURDIR)=.
PLDFLAGS  = -static -no-pie -s -Wl,--gc-sections -Wl,-z,noseparate-code -Wl,-z,norelro \
	    -Wl,--build-id=none -Wl,-z,max-page-size=$(PAGE) -Wl,-z,common-page-size=64
CFLAGS    =
LDFLAGS   =
# The size budgets (docs/benchmarks.md: init 32 KiB, healthcheck 200
# KiB on amd64): no jump tables, no inlining for its own sake, no
# caller-saved spills, no sibling calls, no shrink-wrapping, no
# loop-header copies (560 B of init together), and on x86 no SSE
# registers (260 B: struct copies and zeroing in general registers;
# neither program has floating point).  They cost nothing measurable in
# programs that mostly wait; BearSSL's code is built by Debian.
SIZE_CFLAGS = -fno-jump-tables -fno-inline-functions-called-once \
	    -fno-caller-saves -fno-optimize-sibling-calls -fno-shrink-wrap \
	    -fno-tree-ch \
	    $(if $(filter x86_64-% i686-% i386-%,$(shell $(CC) -dumpmachine)),-mgeneral-regs-only)
INIT_CFLAGS = $(SIZE_CFLAGS)
# healthcheck's modules as one program (link-time optimisation, one
# partition: 2.3 KiB).
HC_CFLAGS = $(SIZE_CFLAGS) -flto=1 -flto-partition=one
# Largest page size the binaries must load on (64 KiB kernels exist for
# arm64 and ppc64le; make release sets it per architecture).
PAGE      = 4096
# Where the two binaries go (make release builds each architecture in
# build/release/ARCH).
O         = bin
SANFLAGS  = -std=c99 -g -O1 -Wall -Wextra -Wno-unused-parameter \
	    -fsanitize=address,undefined -fno-sanitize-recover=all \
	    -D_DEFAULT_SOURCE \
	    -DVERSION=\"$(VERSION)\"
PREFIX    = /usr/local
DESTDIR   =

LIB_SRC   = lib/msg.c lib/num.c lib/io.c lib/opt.c lib/self.c
INIT_SRC  = init/main.c init/deps.c init/loop.c init/spawn.c init/sig.c \
	    init/user.c init/cap.c init/privdrop.c init/fileenv.c init/listen.c
# healthcheck is three layers (docs/architecture.md): proto/, the pure
# modules (no I/O, no system call, fuzzed); transport/, the byte streams
# (a plain socket, TLS); and the probes over them.
# Each module is listed once; its unit test and fuzz target link only it,
# what it names below, and lib/.
PROTO     = target expand http http1 h2 hpack huffman grpc healthcall pem x509 \
	    chain ipaddr pg resp mysql tls13
PROTO_SRC = $(PROTO:%=healthcheck/proto/%.c)
# The I/O half.  Both builds; the TLS transport is a link-time choice (no
# #ifdef): transport/off.c in the smallest build, transport/curl.c in the
# libcurl one.
T         = healthcheck/transport/
HC_IO_SRC = healthcheck/main.c healthcheck/run.c healthcheck/probe.c \
	    $(T)net.c healthcheck/probe_sock.c healthcheck/probe_http.c \
	    healthcheck/probe_file.c healthcheck/probe_grpc.c \
	    healthcheck/probe_db.c
HC_SRC    = $(HC_IO_SRC) $(PROTO_SRC)
# TLS in the static build, a link-time choice: bearssl (the default:
# https:// and grpcs:// through Debian's libbearssl-dev, linked in) or
# off (no TLS, the smallest build: make TLS=off).  TRIPLE names the
# Debian multiarch directory of the architecture built for, SYSROOT where
# its /usr is (empty: the host's).
TLS       = bearssl
TRIPLE    = $(shell $(HOSTCC) -dumpmachine)
SYSROOT   =
TLS_SRC_bearssl = $(T)tls.c $(T)tls13.c $(T)rec13.c $(T)tls12.c $(T)store.c \
		  $(T)sig.c $(T)p256.c $(T)chk.c
TLS_LIB_bearssl = $(SYSROOT)/usr/lib/$(TRIPLE)/libbearssl.a
TLS_INC_bearssl = -I$(SYSROOT)/usr/include/bearssl
TLS_SRC_off = $(T)off.c
HELPERS   = bin/helpers/sigrecv bin/helpers/orphans bin/helpers/tiocsti \
	    bin/helpers/maxrss bin/helpers/sigstorm \
	    bin/helpers/ids bin/helpers/sigstate bin/helpers/podapp

# make WITH_CURL=1: also bin/healthcheck-curl (https:// through libcurl,
# for glibc images), installed as healthcheck.  It loads libcurl.so.4 with
# dlopen() at the first https:// target; CURL_DLOPEN= links libcurl in
# instead (static builds: docker/Dockerfile.curl-alpine).
WITH_CURL =
CURL_BIN  = $(if $(WITH_CURL),bin/healthcheck-curl)
CURL_DLOPEN = 1
CURL_LIBS = $(if $(CURL_DLOPEN),-ldl,-lcurl)

all: bin/init bin/healthcheck $(CURL_BIN)

# Changes only when the commit does, so that init is rebuilt for a new one.
build/commit: FORCE
	@mkdir -p build
	@echo $(COMMIT) | cmp -s - $@ || echo $(COMMIT) >$@
FORCE:

$(O)/init: $(INIT_SRC) $(LIB_SRC) init/*.h lib/*.h bin/sstrip build/commit | deps
	@mkdir -p $(O)
	$(CC) $(PCFLAGS) $(INIT_CFLAGS) -DCOMMIT=\"$(COMMIT)\" $(CFLAGS) -o $@ $(INIT_SRC) $(LIB_SRC) $(PLDFLAGS) \
	    $(LDFLAGS) -Wl,--sort-section=name
	bin/sstrip $@

$(O)/healthcheck: $(HC_SRC) $(TLS_SRC_$(TLS)) $(LIB_SRC) healthcheck/*.h \
	    healthcheck/proto/*.h $(T)*.h lib/*.h bin/sstrip | deps
	@mkdir -p $(O)
	$(CC) $(PCFLAGS) $(HC_CFLAGS) $(TLS_INC_$(TLS)) $(CFLAGS) -o $@ $(HC_SRC) \
	    $(TLS_SRC_$(TLS)) $(LIB_SRC) $(TLS_LIB_$(TLS)) $(PLDFLAGS) \
	    $(LDFLAGS)

# The build without TLS, kept tested (make test): under 96 KiB.
bin/healthcheck-notls: $(HC_SRC) $(T)off.c $(LIB_SRC) \
	    healthcheck/*.h healthcheck/proto/*.h $(T)*.h lib/*.h bin/sstrip | deps
	@$(MAKE) -s --no-print-directory TLS=off O=build/notls \
	    build/notls/healthcheck
	cp build/notls/healthcheck $@
	bin/sstrip $@

# Static binaries for every architecture Debian 12 ships musl for, with
# Debian's cross compilers and that architecture's musl-dev (its
# musl-gcc.specs); tests/deps.sh release installs them.  riscv64 has no
# musl-dev in Debian 12: its musl and BearSSL come from Debian 13, pinned
# and unpacked into build/sysroot-riscv64 (tools/sysroot.sh), with Debian
# 12's cross compiler.
ARCHES         = amd64 arm64 armhf armel i386 mips64el ppc64le s390x riscv64
GNU_amd64      = x86_64-linux-gnu
MUSL_amd64     = x86_64-linux-musl
GNU_arm64      = aarch64-linux-gnu
MUSL_arm64     = aarch64-linux-musl
PAGE_arm64     = 65536
GNU_armhf      = arm-linux-gnueabihf
MUSL_armhf     = arm-linux-musleabihf
GNU_armel      = arm-linux-gnueabi
MUSL_armel     = arm-linux-musleabi
# MIPS numbers its signals its own way and has 128 (init/sig.h).
GNU_mips64el   = mips64el-linux-gnuabi64
MUSL_mips64el  = mips64el-linux-musl
PAGE_mips64el  = 65536
# Debian's multiarch directory (libbearssl.a), where it is not the musl
# triple with gnu for musl.
MULTI_mips64el = mips64el-linux-gnuabi64
GNU_i386       = i686-linux-gnu
MUSL_i386      = i386-linux-musl
GNU_ppc64le    = powerpc64le-linux-gnu
MUSL_ppc64le   = powerpc64le-linux-musl
PAGE_ppc64le   = 65536
GNU_s390x      = s390x-linux-gnu
MUSL_s390x     = s390x-linux-musl
GNU_riscv64    = riscv64-linux-gnu
MUSL_riscv64   = riscv64-linux-musl
SYSROOT_riscv64 = $(CURDIR)/build/sysroot-riscv64
cross_cc       = $(GNU_$(1))-gcc -specs $(if $(SYSROOT_$(1)),$(SYSROOT_$(1)),/usr/lib/$(MUSL_$(1)))/musl-gcc.specs
# Debian's multiarch directory of an architecture (libbearssl.a's).
multi          = $(or $(MULTI_$(1)),$(subst musl,gnu,$(MUSL_$(1))))

# make release SIGN_KEY=ID: dist/SHA256SUMS.asc too, a detached gpg
# signature by that key.  Beside the binaries, dist/ holds an SPDX 2.3
# SBOM per binary and one in-toto SLSA provenance statement
# (tools/sbom.py), reproducible like the binaries.
SIGN_KEY  =

release: bin/sstrip
	@sh tests/deps.sh release
	@$(foreach a,$(ARCHES),$(if $(SYSROOT_$(a)),sh tools/sysroot.sh $(SYSROOT_$(a)) &&)) true
	@rm -rf dist build/release
	@mkdir -p dist
	@$(foreach a,$(ARCHES),$(MAKE) -s --no-print-directory \
	    O=build/release/$(a) PAGE=$(or $(PAGE_$(a)),4096) \
	    TRIPLE=$(call multi,$(a)) \
	    SYSROOT=$(SYSROOT_$(a)) \
	    CC="$(call cross_cc,$(a))" \
	    build/release/$(a)/init build/release/$(a)/healthcheck && \
	    cp build/release/$(a)/init dist/init-$(a) && \
	    cp build/release/$(a)/healthcheck dist/healthcheck-$(a) &&) true
	@cp LICENSE THIRD_PARTY dist/
	@python3 tools/sbom.py dist $(foreach a,$(ARCHES),$(a):$(GNU_$(a)):$(MUSL_$(a)):$(call multi,$(a)):$(SYSROOT_$(a)))
	@cd dist && sha256sum init-* healthcheck-* provenance.intoto.json \
	    LICENSE THIRD_PARTY >SHA256SUMS
	@if [ -n "$(SIGN_KEY)" ]; then \
	    gpg --batch --yes --local-user "$(SIGN_KEY)" --armor --detach-sign \
		--output dist/SHA256SUMS.asc dist/SHA256SUMS && \
	    echo "dist/SHA256SUMS.asc: signed by $(SIGN_KEY)"; fi
	@cat dist/SHA256SUMS

bin/healthcheck-curl: $(HC_SRC) $(T)curl.c $(LIB_SRC) \
	    healthcheck/*.h healthcheck/proto/*.h $(T)*.h lib/*.h
	@mkdir -p bin
	$(HOSTCC) -std=c99 -O2 -Wall -Wextra -Wno-unused-parameter \
	    -D_POSIX_C_SOURCE=200809L -DVERSION=\"$(VERSION)\" \
	    $(if $(CURL_DLOPEN),-DCURL_DLOPEN) \
	    -o $@ $(HC_SRC) $(T)curl.c $(LIB_SRC) \
	    $(CURL_LIBS)

bin/sstrip: tools/sstrip.c
	@mkdir -p bin
	$(HOSTCC) -O2 -Wall -o $@ tools/sstrip.c

bin/helpers/%: tests/helpers/%.c | deps
	@mkdir -p bin/helpers
	$(CC) -std=c99 -O2 -Wall -D_GNU_SOURCE -o $@ $< -static

# A unit test builds from its own file, lib/ and what UNIT_SRC_<test>
# names, and depends on nothing else (-MMD: the headers it includes):
# editing pg.c rebuilds test_pg alone.
.SECONDEXPANSION:
bin/unit/%: tests/unit/%.c $(LIB_SRC) $$(UNIT_SRC_$$*) | deps
	@mkdir -p bin/unit
	$(HOSTCC) $(SANFLAGS) $(UNIT_INC_$*) -o $@ $< $(LIB_SRC) $(UNIT_SRC_$*) \
	    $(UNIT_LIB_$*)
	@mkdir -p build/dep
	@$(HOSTCC) $(SANFLAGS) $(UNIT_INC_$*) -MM -MP -MT $@ $< $(LIB_SRC) \
	    $(UNIT_SRC_$*) >build/dep/$(subst /,_,$@).d

P = healthcheck/proto/
# What each unit test links besides lib/.
UNIT_SRC_test_num    =
UNIT_SRC_test_opt    =
UNIT_SRC_test_msg    =
UNIT_SRC_test_sig    = init/sig.c
UNIT_SRC_test_user   = init/user.c
UNIT_SRC_test_cap    = init/cap.c
UNIT_SRC_test_target = $(P)target.c
UNIT_SRC_test_expand = $(P)expand.c
UNIT_SRC_test_http1  = $(P)http1.c
UNIT_SRC_test_hpack  = $(P)hpack.c $(P)huffman.c $(P)h2.c
UNIT_SRC_test_h2     = $(P)h2.c $(P)grpc.c
UNIT_SRC_test_http   = $(P)http.c $(P)http1.c $(P)target.c
UNIT_SRC_test_healthcall = $(P)healthcall.c $(P)http.c $(P)http1.c \
	$(P)target.c $(P)h2.c $(P)hpack.c $(P)huffman.c $(P)grpc.c
UNIT_SRC_test_x509   = $(P)x509.c $(P)ipaddr.c
# The path validator, with BearSSL's primitives for its signatures (the
# host's libbearssl, under the sanitizers like the rest).
UNIT_SRC_test_chain  = $(P)chain.c $(P)x509.c $(P)ipaddr.c $(T)sig.c $(T)p256.c
UNIT_INC_test_chain  = $(TLS_INC_bearssl)
UNIT_LIB_test_chain  = -lbearssl
UNIT_SRC_test_limbo  = $(UNIT_SRC_test_chain)
UNIT_INC_test_limbo  = $(TLS_INC_bearssl)
UNIT_LIB_test_limbo  = -lbearssl
UNIT_SRC_test_tls13  = $(P)tls13.c $(P)x509.c $(P)ipaddr.c $(T)rec13.c $(T)sig.c \
		       $(T)p256.c
UNIT_INC_test_tls13  = $(TLS_INC_bearssl)
UNIT_LIB_test_tls13  = -lbearssl
UNIT_SRC_test_pem    = $(P)pem.c
UNIT_SRC_test_ipaddr = $(P)ipaddr.c
UNIT_SRC_test_pg     = $(P)pg.c
UNIT_SRC_test_resp   = $(P)resp.c
UNIT_SRC_test_mysql  = $(P)mysql.c

UNIT_NAMES = test_num test_opt test_msg test_sig test_user test_cap test_target \
	test_expand test_http1 test_hpack test_h2 test_http test_healthcall \
	test_x509 test_pem test_ipaddr test_pg test_resp test_mysql
# x509-limbo's testcases, as test_limbo reads them (tests/x509/limbo.py):
# from ../shared/x509-limbo, beside the checkout.  make test requires it;
# make unit runs test_limbo where it is (not in docker/Dockerfile's build).
LIMBO = ../shared/x509-limbo/limbo.json
# The validator's tests link BearSSL: the host's only (see xunit-%).
TLS_UNITS = test_chain test_tls13 $(if $(wildcard $(LIMBO)),test_limbo)
UNITS = $(UNIT_NAMES:%=bin/unit/%) $(TLS_UNITS:%=bin/unit/%)

build/limbo.txt: $(LIMBO) tests/x509/limbo.py
	@mkdir -p build
	python3 tests/x509/limbo.py $(LIMBO) >$@.tmp && mv $@.tmp $@
bin/unit/test_limbo: build/limbo.txt

# The unit tests built for another architecture (make xunit-arm64 ...):
# static musl, no sanitizers, but 32-bit and big-endian; tests/arch runs
# them under qemu-user.  build/unit/ARCH/.built: the same, once per
# change of a source (make test builds them all first, two at a time).
build/unit/%/.built: tests/unit/*.c tests/unit/*.h $(LIB_SRC) lib/*.h init/*.c \
	    init/*.h healthcheck/proto/*.c healthcheck/proto/*.h
	@$(MAKE) -s --no-print-directory xunit-$* && touch $@

# Stripped (-s): Debian 12's riscv64 ld (binutils 2.40) crashes on the
# symbols of Debian 13's riscv64 libc.a otherwise.
xunit-%:
	@mkdir -p build/unit/$*
	@$(foreach t,$(UNIT_NAMES),$(call cross_cc,$*) -std=c99 -O1 -Wall \
	    -D_DEFAULT_SOURCE -DVERSION=\"$(VERSION)\" -static -s \
	    -o build/unit/$*/$(t) tests/unit/$(t).c $(LIB_SRC) \
	    $(UNIT_SRC_$(t)) &&) true

# One fuzz target per parser (tests/fuzz/), with the sources it needs.
FUZZERS        = num sig user target expand http1 h2 hpack huffman http \
	healthcall x509 chain pem pg resp mysql tls13
FUZZ_SRC_num   = lib/num.c
FUZZ_SRC_sig   = init/sig.c lib/num.c
FUZZ_SRC_user  = init/user.c
FUZZ_SRC_target = $(P)target.c lib/num.c lib/msg.c lib/io.c
FUZZ_SRC_expand = $(P)expand.c lib/msg.c lib/io.c lib/num.c
FUZZ_SRC_http1 = $(P)http1.c lib/num.c
FUZZ_SRC_h2    = $(P)h2.c $(P)grpc.c lib/num.c
FUZZ_SRC_hpack = $(P)hpack.c $(P)huffman.c
FUZZ_SRC_huffman = $(P)huffman.c
FUZZ_SRC_healthcall = $(UNIT_SRC_test_healthcall) $(LIB_SRC)
FUZZ_SRC_http  = $(UNIT_SRC_test_http) $(LIB_SRC)
FUZZ_SRC_x509  = $(P)x509.c $(P)ipaddr.c lib/msg.c lib/io.c lib/num.c
FUZZ_SRC_chain = $(UNIT_SRC_test_chain) lib/msg.c lib/io.c lib/num.c
FUZZ_FLAGS_chain = $(TLS_INC_bearssl) -lbearssl
FUZZ_SRC_pem   = $(P)pem.c
FUZZ_SRC_pg    = $(P)pg.c
FUZZ_SRC_resp  = $(P)resp.c lib/msg.c lib/io.c
FUZZ_SRC_mysql = $(P)mysql.c
FUZZ_SRC_tls13 = $(P)tls13.c
FUZZ_SECONDS   = 60
REPLAYS        = $(FUZZERS:%=bin/replay/%)

bin/replay/%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $$(FUZZ_SRC_$$*)
	@mkdir -p bin/replay
	$(HOSTCC) $(SANFLAGS) -o $@ tests/fuzz/fuzz_$*.c tests/fuzz/replay.c \
	    $(FUZZ_SRC_$*) $(FUZZ_FLAGS_$*)
	@mkdir -p build/dep
	@$(HOSTCC) $(SANFLAGS) $(TLS_INC_bearssl) -MM -MP -MT $@ \
	    tests/fuzz/fuzz_$*.c tests/fuzz/replay.c $(FUZZ_SRC_$*) \
	    >build/dep/$(subst /,_,$@).d

bin/fuzz/%: tests/fuzz/fuzz_%.c $$(FUZZ_SRC_$$*)
	@mkdir -p bin/fuzz
	clang -g -O1 -fsanitize=fuzzer,address,undefined \
	    -fno-sanitize-recover=undefined -D_DEFAULT_SOURCE \
	    -DVERSION=\"$(VERSION)\" -o $@ tests/fuzz/fuzz_$*.c $(FUZZ_SRC_$*) \
	    $(FUZZ_FLAGS_$*)
	@mkdir -p build/dep
	@clang -D_DEFAULT_SOURCE -DVERSION=\"$(VERSION)\" $(TLS_INC_bearssl) \
	    -MM -MP -MT $@ tests/fuzz/fuzz_$*.c $(FUZZ_SRC_$*) \
	    >build/dep/$(subst /,_,$@).d

# Dependency files live apart: bin/ holds only what runs.
-include $(wildcard build/dep/*.d)

# Feed the whole corpus to every parser (part of make test).
fuzz-replay: $(REPLAYS)
	@for t in $(FUZZERS); do bin/replay/$$t tests/fuzz/corpus/$$t || exit 1; done

# Fuzz each target for FUZZ_SECONDS; new inputs go to build/fuzz/<t>.
fuzz: $(FUZZERS:%=bin/fuzz/%)
	@for t in $(FUZZERS); do mkdir -p build/fuzz/$$t; \
	    d=; [ -f tests/fuzz/$$t.dict ] && d=-dict=tests/fuzz/$$t.dict; \
	    bin/fuzz/$$t $$d -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	        build/fuzz/$$t tests/fuzz/corpus/$$t 2>&1 | tail -12 || exit 1; \
	done

deps:
	@sh tests/deps.sh build

deps-test:
	@sh tests/deps.sh test

unit: $(UNITS)
	@sh tests/unit/run.sh $(UNITS)

# The validator alone, its limbo score per group (-v: every wrong case).
limbo: bin/unit/test_limbo
	@bin/unit/test_limbo -v

# Every script of tests/integration/ (the list is the folder, as in make
# test), with the closing totals line.
integration: deps-test all bin/healthcheck-curl bin/healthcheck-notls \
	    $(HELPERS)
	@bash tests/run.sh --integration

# Everything the suites run is built first, two jobs at a time (the
# machines have two cores): the release, the unit tests, the replays and
# the fuzzers of the smoke run.
test: deps-test
	@[ -f $(LIMBO) ] || { echo "make test: $(LIMBO) (x509-limbo) is missing" >&2; exit 1; }
	@$(MAKE) -j2 --no-print-directory -s all release bin/healthcheck-curl \
	    bin/healthcheck-notls $(UNITS) $(HELPERS) $(REPLAYS) \
	    $(FUZZERS:%=bin/fuzz/%)
	@$(MAKE) -j2 --no-print-directory -s $(ARCHES:%=build/unit/%/.built)
	@bash tests/run.sh $(UNITS)

bench: all
	@bash bench/run.sh

e2e: all $(HELPERS)
	@bash tests/e2e/podman.sh && bash tests/e2e/docker.sh

# The story in about 20 s, each step checked (tests/demo.sh); needs only
# the build's packages and busybox (tests/deps.sh demo).
demo: bin/init bin/healthcheck bin/helpers/orphans
	@bash tests/demo.sh

# On a host, init is installed as container-init: as "init" in root's PATH
# it would shadow the system's init ("init 6" would run it).  Inside an
# image it stays /init, as the README shows.
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man8
	install -m 755 bin/init $(DESTDIR)$(PREFIX)/bin/container-init
	install -d $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(if $(WITH_CURL),bin/healthcheck-curl,bin/healthcheck) \
	    $(DESTDIR)$(PREFIX)/bin/healthcheck
	install -m 644 init/init.8 \
	    $(DESTDIR)$(PREFIX)/share/man/man8/container-init.8
	install -m 644 healthcheck/healthcheck.1 \
	    $(DESTDIR)$(PREFIX)/share/man/man1/healthcheck.1
	install -d $(DESTDIR)$(PREFIX)/share/doc/init-healthcheck
	install -m 644 LICENSE THIRD_PARTY \
	    $(DESTDIR)$(PREFIX)/share/doc/init-healthcheck

format-check:
	clang-format --dry-run --Werror init/*.c init/*.h lib/*.c lib/*.h \
	    healthcheck/*.c healthcheck/*.h healthcheck/proto/*.c healthcheck/transport/*.[ch] \
	    healthcheck/proto/*.h

clean:
	rm -rf bin build/release build/notls dist

.PHONY: release all deps deps-test unit integration e2e bench fuzz fuzz-replay test demo install format-check clean
