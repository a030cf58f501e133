# samverka — one Makefile, pkg-config for every library.
#   make            build build/samverka
#   make run        install what is missing, build, create samverka.db (demo) if absent, serve :8080
#   make test       install what the tests need, run every suite, print "N passed, N failed"
#   make bench      throughput against nginx; the progress engine; imports against sqlite3;
#                   a 1,000,000-observation database on SQLite and PostgreSQL; 10,000 against
#                   100,000 series (bench/README.md)
#   make soak       1,000,000 mixed requests against one server, SQLite and PostgreSQL
#                   (tests/soak/README.md)
#   make SAN=1      AddressSanitizer + UBSan build with clang (build/san)
#   make TSAN=1     ThreadSanitizer build with clang (build/tsan)
#   make fuzz       build the libFuzzer targets (build/fuzz) and run each for FUZZ_SECONDS
#   make lint       cppcheck, clang-format check, banned functions
#   make tidy       clang-tidy with the checks in .clang-tidy

PKGS     = libmicrohttpd sqlite3 libpq jansson libsodium libcmark libcurl nettle libarchive
CC      ?= cc
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wno-missing-field-initializers -Wformat=2 -Wvla -fstack-protector-strong -pthread \
           -Isrc -Ibuild/gen $(shell pkg-config --cflags $(PKGS))
LDLIBS  += $(shell pkg-config --libs $(PKGS)) -lcsv -lstemmer -pthread -lm
# Sanitizer and fuzzing builds: clang, each in its own directory so that they never
# mix objects with the plain build. float-cast-overflow is not part of UBSan's
# default set (and GCC does not check it): it is asked for by name.
SAN_FLAGS  = -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all
ifdef SAN
BUILD    = build/san
CC       = clang
CFLAGS  += -O1 -fno-omit-frame-pointer $(SAN_FLAGS)
LDFLAGS += $(SAN_FLAGS)
else ifdef TSAN
BUILD    = build/tsan
CC       = clang
CFLAGS  += -O1 -fno-omit-frame-pointer -fsanitize=thread
LDFLAGS += -fsanitize=thread
else ifdef FUZZ
# the library objects carry libFuzzer's coverage instrumentation; only the
# targets in fuzz/ link libFuzzer's main
BUILD    = build/fuzz
CC       = clang
CFLAGS  += -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link $(SAN_FLAGS)
LDFLAGS += -fsanitize=fuzzer $(SAN_FLAGS)
else
BUILD    = build
endif
ifdef WERROR
CFLAGS  += -Werror
endif

LOCALEDIR = $(CURDIR)/build/locale
CFLAGS  += -DSAMVERKA_LOCALEDIR='"$(LOCALEDIR)"'

CORE_SRC   = $(wildcard src/core/*.c)
DB_SRC     = $(wildcard src/db/*.c)
DOMAIN_SRC = $(wildcard src/domain/*.c)
WEB_SRC    = $(wildcard src/web/*.c)
HTTP_SRC   = $(wildcard src/http/*.c)
CLI_SRC    = $(wildcard src/cli/*.c)
LIB_SRC    = $(CORE_SRC) $(DB_SRC) $(DOMAIN_SRC) $(WEB_SRC) $(HTTP_SRC)
EMBED      = $(sort $(wildcard src/db/migrations/*.sql)) data/sdg/sdg_framework_en.csv \
             data/sdg/sdg_goals_sv.csv data/se/counties.csv data/se/municipalities.csv \
             data/se/scb_sni2007.csv data/passwords/john-password.lst \
             data/passwords/swedish.lst static/style.css \
             $(sort $(wildcard data/demo/*.csv)) $(sort $(wildcard data/demo/observations/*.csv))

LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/embedded.o
CLI_OBJ  = $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
DEPS     = $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)

UNIT_SRC = $(wildcard tests/unit/*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

FUZZ_SRC = $(wildcard fuzz/fuzz_*.c)
FUZZ_BIN = $(FUZZ_SRC:fuzz/%.c=build/fuzz/%)
FUZZ_SECONDS ?= 60

PO       = $(wildcard po/*.po)
MO       = $(PO:po/%.po=build/locale/%/LC_MESSAGES/samverka.mo)

.PHONY: all run test check units integration browser bench soak corpus lint tidy print-cflags format clean deps pot fuzz fuzzers
all: $(BUILD)/samverka $(MO)

$(BUILD)/samverka: $(LIB_OBJ) $(CLI_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

build/gen/embedded.c: $(EMBED) scripts/embed.sh
	@mkdir -p build/gen
	scripts/embed.sh $@ $(EMBED)

$(BUILD)/obj/gen/embedded.o: build/gen/embedded.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

build/locale/%/LC_MESSAGES/samverka.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c tests/unit/tap.h tests/unit/both.h $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(LIB_OBJ) $(LDLIBS)

units: $(UNIT_BIN)

# libFuzzer targets (fuzz/README.md): `make fuzzers` builds them, `make fuzz` also runs them
ifdef FUZZ
build/fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Ifuzz $(LDFLAGS) -o $@ $< $(LIB_OBJ) $(LDLIBS)

fuzzers: $(FUZZ_BIN) $(MO)
else
fuzzers:
	@$(MAKE) --no-print-directory FUZZ=1 SAN= TSAN= fuzzers
endif

# the TSan test's load generator: a plain build (it is the server that is under test)
build/tsan/hammer: tests/tsan/hammer.c
	@mkdir -p $(dir $@)
	cc -O2 -g -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wshadow -Wvla -pthread -o $@ $<

# replay the seeds, then fuzz each target FUZZ_SECONDS; the working corpus grows in build/fuzz/corpus
fuzz:
	@scripts/deps.sh test
	@$(MAKE) --no-print-directory fuzzers
	@FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_WORK=build/fuzz/corpus fuzz/run.sh

deps:
	scripts/deps.sh build

run:
	@scripts/deps.sh build
	@$(MAKE) --no-print-directory all
	@test -f samverka.db || ./build/samverka init --db samverka.db --demo
	./build/samverka serve --db samverka.db --listen 127.0.0.1:8080

check: all $(UNIT_BIN)
	@tests/run-unit.sh $(UNIT_BIN)

# Every build the suites need, each with its own flags (SAN/TSAN/FUZZ given to make test
# itself do not leak into the others); in parallel unless make was given -j already.
TEST_J = $(if $(findstring -j,$(MAKEFLAGS)),,-j$(shell nproc))
test:
	@scripts/deps.sh test
	@$(MAKE) --no-print-directory $(TEST_J) SAN= TSAN= FUZZ= all units
	@$(MAKE) --no-print-directory $(TEST_J) SAN=1 TSAN= FUZZ= all units
	@$(MAKE) --no-print-directory $(TEST_J) SAN= TSAN=1 FUZZ= all build/tsan/hammer
	@$(MAKE) --no-print-directory $(TEST_J) SAN= TSAN= FUZZ=1 fuzzers
	@BUILD=build tests/run-all.sh

build/bench/assess: bench/assess.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_OBJ) $(LDLIBS)

build/bench/network: bench/network.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_OBJ) $(LDLIBS)

bench:
	@scripts/deps.sh test
	@$(MAKE) --no-print-directory all build/bench/assess build/bench/network
	@bench/run.sh
	@bench/scale.sh
	@bench/series.sh
	@bench/network.sh

# make soak: 1,000,000 mixed requests at 8 connections against one server, on SQLite and
# on PostgreSQL (tests/soak/README.md); SOAK_REQUESTS, SOAK_CONNS, SOAK_BACKENDS override.
# The load client needs no project library.
$(BUILD)/soak/soak: tests/soak/soak.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $<

soak:
	@scripts/deps.sh test
	@$(MAKE) --no-print-directory all $(BUILD)/soak/soak
	@BUILD=$(BUILD) tests/soak/run.sh

# make corpus: real Open SDG data files imported and shown (tests/corpus/README.md); also a
# suite of make test
corpus: all
	@BUILD=$(BUILD) tests/corpus/run.sh

# the refusal helpers' message arguments are msgids too: req_refuse (web/route.h) says them
# in the request's language, whoever wrote them (domain/write.h, settings_invalid); so are
# the import's diagnostics and notices, which its formatting functions say through gettext
# (domain/tidycsv.c, import.c; TIDY_FORMULA_PERIOD in tidycsv.h, marked gettext_noop)
POT_KEYWORDS = -k_ -kN_ -kC_:1c,2 -kngettext:1,2 -kreq_refuse:4 -kreq_invalid:3 \
               -kreq_refuse_at:4 -kweb_error:4 -kwrite_refuse:3 -kwrite_refuse_item:4 \
               -ksettings_invalid:4 -kM_REFUSE:2 \
               -ktidy_refuse:3 -ktidy_fail:5 -kimport_set_err:5 -kimport_scan_err:6 \
               -kimport_result_notice:4
pot:
	xgettext --from-code=UTF-8 $(POT_KEYWORDS) -o po/samverka.pot src/web/*.c src/domain/*.c \
	    src/domain/tidycsv.h src/http/*.c
	for p in $(PO); do msgmerge -q --no-fuzzy-matching --update --backup=none $$p po/samverka.pot; done

lint:
	@scripts/lint.sh

# clang-tidy with the checks in .clang-tidy (scripts/tidy.sh; a suite of make test)
tidy: build/gen/embedded.c
	@scripts/tidy.sh

# the flags every object is compiled with, for tools that parse the sources (tidy.sh)
print-cflags:
	@echo $(CFLAGS)

format:
	clang-format -i src/*/*.c src/*/*.h tests/unit/*.c

clean:
	rm -rf build

-include $(DEPS)
