# The two static binaries, their tests and the demo.  See README.md.
VERSION   = 0.1.0
CC        = musl-gcc
HOSTCC    = cc
CFLAGS    = -std=c99 -Os -fno-pie -Wall -Wextra -Wshadow -Wno-unused-parameter \
	    -ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables \
	    -fno-stack-protector -D_POSIX_C_SOURCE=200809L -DVERSION=\"$(VERSION)\"
LDFLAGS   = -static -no-pie -s -Wl,--gc-sections -Wl,-z,noseparate-code -Wl,-z,norelro \
	    -Wl,--build-id=none -Wl,-z,max-page-size=4096
SANFLAGS  = -std=c99 -g -O1 -Wall -Wextra -Wno-unused-parameter \
	    -fsanitize=address,undefined -fno-sanitize-recover=all \
	    -D_DEFAULT_SOURCE \
	    -DVERSION=\"$(VERSION)\"
PREFIX    = /usr/local
DESTDIR   =

LIB_SRC   = lib/msg.c lib/num.c lib/io.c lib/opt.c
INIT_SRC  = init/main.c init/loop.c init/spawn.c init/sig.c init/user.c
HC_SRC    = healthcheck/main.c healthcheck/target.c healthcheck/expand.c \
	    healthcheck/http1.c healthcheck/probe_net.c healthcheck/probe_http.c \
	    healthcheck/probe_file.c healthcheck/probe_grpc.c healthcheck/h2.c \
	    healthcheck/hpack.c healthcheck/huffman.c healthcheck/grpc.c
HELPERS   = bin/helpers/sigrecv bin/helpers/orphans bin/helpers/tiocsti \
	    bin/helpers/maxrss bin/helpers/sigstorm \
	    bin/helpers/ids bin/helpers/sigstate

# make WITH_CURL=1: also bin/healthcheck-curl (https:// through libcurl,
# for glibc images), installed as healthcheck.  It loads libcurl.so.4 with
# dlopen() at the first https:// target; CURL_DLOPEN= links libcurl in
# instead (static builds: docker/Dockerfile.curl-alpine).
WITH_CURL =
CURL_BIN  = $(if $(WITH_CURL),bin/healthcheck-curl)
CURL_DLOPEN = 1
CURL_LIBS = $(if $(CURL_DLOPEN),-ldl,-lcurl)

all: bin/init bin/healthcheck $(CURL_BIN)

bin/init: $(INIT_SRC) $(LIB_SRC) init/*.h lib/*.h bin/sstrip | deps
	$(CC) $(CFLAGS) -o $@ $(INIT_SRC) $(LIB_SRC) $(LDFLAGS) \
	    -Wl,--sort-section=name
	bin/sstrip $@

bin/healthcheck: $(HC_SRC) $(LIB_SRC) healthcheck/*.h lib/*.h bin/sstrip | deps
	$(CC) $(CFLAGS) -o $@ $(HC_SRC) $(LIB_SRC) $(LDFLAGS)
	bin/sstrip $@

bin/healthcheck-curl: $(HC_SRC) healthcheck/probe_https.c $(LIB_SRC) \
	    healthcheck/*.h lib/*.h
	@mkdir -p bin
	$(HOSTCC) -std=c99 -O2 -Wall -Wextra -Wno-unused-parameter \
	    -D_POSIX_C_SOURCE=200809L -DVERSION=\"$(VERSION)\" -DWITH_CURL \
	    $(if $(CURL_DLOPEN),-DCURL_DLOPEN) \
	    -o $@ $(HC_SRC) healthcheck/probe_https.c $(LIB_SRC) \
	    $(CURL_LIBS)

bin/sstrip: tools/sstrip.c
	@mkdir -p bin
	$(HOSTCC) -O2 -Wall -o $@ tools/sstrip.c

bin/helpers/%: tests/helpers/%.c | deps
	@mkdir -p bin/helpers
	$(CC) -std=c99 -O2 -Wall -D_GNU_SOURCE -o $@ $< -static

bin/unit/%: tests/unit/%.c $(LIB_SRC) init/*.c init/*.h healthcheck/*.c \
	    healthcheck/*.h lib/*.h
	@mkdir -p bin/unit
	$(HOSTCC) $(SANFLAGS) -o $@ $< $(LIB_SRC) $(UNIT_EXTRA)

bin/unit/test_num: UNIT_EXTRA =
bin/unit/test_sig: UNIT_EXTRA = init/sig.c
bin/unit/test_user: UNIT_EXTRA = init/user.c
bin/unit/test_target: UNIT_EXTRA = healthcheck/target.c
bin/unit/test_expand: UNIT_EXTRA = healthcheck/expand.c
bin/unit/test_http1: UNIT_EXTRA = healthcheck/http1.c
bin/unit/test_hpack: UNIT_EXTRA = healthcheck/hpack.c healthcheck/huffman.c \
	healthcheck/h2.c
bin/unit/test_h2: UNIT_EXTRA = healthcheck/h2.c healthcheck/grpc.c

UNITS = bin/unit/test_num bin/unit/test_sig bin/unit/test_user \
	bin/unit/test_target bin/unit/test_expand bin/unit/test_http1 \
	bin/unit/test_hpack bin/unit/test_h2

# One fuzz target per parser (tests/fuzz/), with the sources it needs.
FUZZERS        = num sig user target expand http1 h2 hpack huffman
FUZZ_SRC_num   = lib/num.c
FUZZ_SRC_sig   = init/sig.c lib/num.c
FUZZ_SRC_user  = init/user.c
FUZZ_SRC_target = healthcheck/target.c lib/num.c
FUZZ_SRC_expand = healthcheck/expand.c
FUZZ_SRC_http1 = healthcheck/http1.c
FUZZ_SRC_h2    = healthcheck/h2.c healthcheck/grpc.c
FUZZ_SRC_hpack = healthcheck/hpack.c healthcheck/huffman.c
FUZZ_SRC_huffman = healthcheck/huffman.c
FUZZ_SECONDS   = 60
REPLAYS        = $(FUZZERS:%=bin/replay/%)

bin/replay/%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h \
	    $(LIB_SRC) init/*.c healthcheck/*.c
	@mkdir -p bin/replay
	$(HOSTCC) $(SANFLAGS) -o $@ tests/fuzz/fuzz_$*.c tests/fuzz/replay.c \
	    $(FUZZ_SRC_$*)

bin/fuzz/%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(LIB_SRC) init/*.c \
	    healthcheck/*.c
	@mkdir -p bin/fuzz
	clang -g -O1 -fsanitize=fuzzer,address,undefined \
	    -fno-sanitize-recover=undefined -D_DEFAULT_SOURCE \
	    -DVERSION=\"$(VERSION)\" -o $@ tests/fuzz/fuzz_$*.c $(FUZZ_SRC_$*)

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

integration: bin/init bin/healthcheck $(HELPERS)
	@bash tests/integration/init.sh
	@bash tests/integration/healthcheck.sh
	@bash tests/integration/grpc.sh

test: deps-test all bin/healthcheck-curl $(UNITS) $(HELPERS) $(REPLAYS)
	@bash tests/run.sh $(UNITS)

bench: all
	@bash bench/run.sh

e2e: all $(HELPERS)
	@bash tests/e2e/podman.sh

demo: bin/init bin/helpers/orphans
	@bash tests/demo.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man8
	install -m 755 bin/init $(DESTDIR)$(PREFIX)/bin/init
	install -d $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(if $(WITH_CURL),bin/healthcheck-curl,bin/healthcheck) \
	    $(DESTDIR)$(PREFIX)/bin/healthcheck
	install -m 644 init/init.8 $(DESTDIR)$(PREFIX)/share/man/man8/init.8
	install -m 644 healthcheck/healthcheck.1 \
	    $(DESTDIR)$(PREFIX)/share/man/man1/healthcheck.1

format-check:
	clang-format --dry-run --Werror init/*.c init/*.h lib/*.c lib/*.h \
	    healthcheck/*.c healthcheck/*.h

clean:
	rm -rf bin

.PHONY: all deps deps-test unit integration e2e bench fuzz fuzz-replay test demo install format-check clean
