# Netral — build, run, test, bench.
#   make            build build/netral
#   make run        install missing packages, build, serve on http://127.0.0.1:8080
#   make test       install what tests need, build, run every test
#   make bench      benchmarks (figures as ratios to same-run baselines)
#   make SANITIZE=address,undefined test   the same under sanitizers
#   make fuzz FUZZ_SECONDS=N   libFuzzer targets (clang) from tests/fuzz/, N seconds each
SHELL := /bin/bash
CC ?= gcc
ifeq ($(CC),cc)
CC := gcc
endif
BUILD ?= build
SANITIZE ?=
PKGS := libmicrohttpd jansson libsodium libhs sqlite3 xlsxwriter libpq zlib

# Debian packages the project needs (make deps installs the missing ones).
DEB_BUILD := build-essential pkg-config libmicrohttpd-dev libjansson-dev libsodium-dev \
             libhyperscan-dev libsqlite3-dev libxlsxwriter-dev libpq-dev libcmocka-dev sqlite3 zlib1g-dev
DEB_TEST  := $(DEB_BUILD) curl postgresql nodejs npm chromium clang libclang-rt-14-dev
DEB_BENCH := $(DEB_BUILD) wrk

# -Wconversion is left out: libmicrohttpd, jansson and sqlite mix size_t/int/uint64
# in their APIs and the casts it would demand hide more than they reveal.
WARN := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wvla -Wstrict-prototypes -Wno-unused-parameter
CFLAGS ?= -O2 -g
ALL_CFLAGS := -std=c11 -D_GNU_SOURCE -pthread $(WARN) $(CFLAGS) -Isrc \
              $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lmicrohttpd -ljansson -lsodium -lhs -lsqlite3 -lxlsxwriter -lpq -lz) -lstdc++ -lm -pthread
ifneq ($(SANITIZE),)
ALL_CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=$(SANITIZE)
endif

SRCS := $(shell find src -name '*.c' ! -name main.c | sort)
OBJS := $(SRCS:%.c=$(BUILD)/%.o)
ASM  := $(shell find src -name '*.S' | sort)
AOBJS := $(ASM:%.S=$(BUILD)/%.o)
UNIT_SRCS := $(sort $(wildcard tests/unit/*_test.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
# Files embedded into the binary (see src/core/assets.S).
ASSET_FILES := $(shell find data -type f 2>/dev/null | sort)

.PHONY: all run test bench clean deps deps-test deps-bench lint unit e2e browser fuzz fuzz-build fuzz-smoke soak
all: $(BUILD)/netral

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC $<"
	@$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/%.o: %.S $(ASSET_FILES)
	@mkdir -p $(dir $@)
	$(CC) -c $< -o $@

$(BUILD)/libnetral.a: $(OBJS) $(AOBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/netral: $(BUILD)/src/main.o $(BUILD)/libnetral.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libnetral.a
	@mkdir -p $(dir $@)
	@echo "  LD $@"
	@$(CC) $(ALL_CFLAGS) -Itests -o $@ $< $(BUILD)/libnetral.a $(LDFLAGS) $(LDLIBS) -lcmocka

deps:
	@bash scripts/deps.sh $(DEB_BUILD)
deps-test:
	@bash scripts/deps.sh $(DEB_TEST)
deps-bench:
	@bash scripts/deps.sh $(DEB_BENCH)

run: deps all
	@mkdir -p var
	./$(BUILD)/netral serve

lint:
	@bash scripts/lint.sh

unit: $(UNIT_BINS)

test: deps-test
	@$(MAKE) --no-print-directory all unit
	@bash tests/run.sh $(BUILD)

bench: deps-bench
	@$(MAKE) --no-print-directory all CFLAGS="-O2 -g -DNDEBUG"
	@bash bench/run.sh $(BUILD)

soak: all
	CRASH_ROUNDS=20 CRASH_WORKERS=8 bash tests/crash/crash_test.sh

# libFuzzer targets: the library is rebuilt with clang and coverage hooks under
# $(BUILD)/fuzz, each tests/fuzz/fuzz_*.c links against it (only the objects it
# needs are pulled from the archive). Runs start from the committed corpus in
# tests/fuzz/corpus/<target>/; new inputs go to $(BUILD)/fuzz/corpus/, crashes
# to $(BUILD)/fuzz/crash-<target>-*. fuzz-smoke (part of make test): replay the
# corpus, then fuzz each target for FUZZ_SMOKE_SECONDS.
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 3
FUZZ_NAMES := $(patsubst tests/fuzz/%.c,%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
fuzz-build:
	@command -v clang >/dev/null || { echo "clang tidak ada: apt-get install clang libclang-rt-14-dev"; exit 1; }
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/fuzz CC=clang SANITIZE=fuzzer-no-link,address,undefined \
	  CFLAGS="-O1 -g -Wno-format-nonliteral" $(FUZZ_NAMES:%=$(BUILD)/fuzz/bin/%)

$(BUILD)/bin/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_app.h $(BUILD)/libnetral.a
	@mkdir -p $(dir $@)
	@echo "  FUZZ $@"
	@$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -Itests/fuzz -o $@ $< $(BUILD)/libnetral.a $(LDLIBS)

fuzz: fuzz-build
	@bash tests/fuzz/run.sh $(BUILD)/fuzz $(FUZZ_SECONDS)

fuzz-smoke: fuzz-build
	@bash tests/fuzz/run.sh $(BUILD)/fuzz $(FUZZ_SMOKE_SECONDS)

clean:
	rm -rf $(BUILD)

-include $(OBJS:.o=.d) $(BUILD)/src/main.d
