# secpolgen - product security governance documents from one profile.
#
#   make demo     install missing Debian packages, build, write out/ from examples/
#   make check    install missing Debian packages, build, run every test
#                 (then again under ASan+UBSan, then under valgrind);
#                 UPDATE=1 rewrites golden files
#   make bench    install missing Debian packages (pandoc, python3-docxtpl
#                 too), build, time secpolgen against them (bench/README.md)
#   make install  PREFIX=/usr/local DESTDIR=
#
# Variables a user may set: CC, CFLAGS, LDFLAGS, PKG_CONFIG, PREFIX, DESTDIR,
# SANITIZER (e.g. address,undefined: builds into its own folder).

PKG_CONFIG ?= pkg-config
PREFIX     ?= /usr/local
DESTDIR    ?=
CFLAGS     ?= -O2 -g
SANITIZER  ?=
VERSION    := 0.1.0

BINDIR  := $(PREFIX)/bin
DATADIR := $(PREFIX)/share/secpolgen
MANDIR  := $(PREFIX)/share/man

PKGS := libxml-2.0 libzip libpcre2-8
WARN := -Wall -Wextra -pedantic -Wstrict-prototypes -Wmissing-prototypes \
        -Wshadow -Wwrite-strings -Wvla
ifdef WERROR
WARN += -Werror
endif

comma := ,
ifeq ($(SANITIZER),)
BUILD := build
SANFLAGS :=
SAN_GATE = @:
SAN_GATE_CMD = true
else
BUILD := build/san-$(subst $(comma),-,$(SANITIZER))
SANFLAGS := -fsanitize=$(SANITIZER) -fno-omit-frame-pointer -fno-sanitize-recover=all
# The gate (tests/tools/sanitizer-gate.sh): a sanitizer's report ends the
# process with 86, a status no test expects (1 is bad input); worker
# processes pass it on, and run the leak check before they leave
# (base/parallel.c). AddressSanitizer's and LeakSanitizer's reports are
# also kept in $(SANLOG), one file a process; UndefinedBehaviorSanitizer,
# in gcc's combined runtime, writes only to stderr, which the test
# scripts read. After each test script the gate fails on any report.
SANLOG := $(abspath $(BUILD))/sanitizer-reports
SAN_EXIT := 86
SANFLAGS += -DSECPOLGEN_SANITIZER_EXIT=$(SAN_EXIT)
export ASAN_OPTIONS := detect_leaks=1:exitcode=$(SAN_EXIT):log_path=$(SANLOG)/report
export UBSAN_OPTIONS := print_stacktrace=1:halt_on_error=1:exitcode=$(SAN_EXIT)
export SECPOLGEN_SANITIZER_EXIT := $(SAN_EXIT)
SAN_GATE_CMD = sh tests/tools/sanitizer-gate.sh $(SANLOG)
SAN_GATE = @$(SAN_GATE_CMD)
endif

PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS))
PKG_LIBS   = $(shell $(PKG_CONFIG) --libs $(PKGS)) -lm -pthread
CHECK_CFLAGS = $(shell $(PKG_CONFIG) --cflags check)
CHECK_LIBS   = $(shell $(PKG_CONFIG) --libs check)

ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) $(SANFLAGS) \
             -Igenerator -I$(BUILD) $(PKG_CFLAGS) $(CFLAGS) -MMD -MP
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)

# Quiet by default ("CC generator/doc.c"); V=1 shows whole commands.
ifeq ($(V),1)
Q_CC =
Q_AR =
Q_LD =
else
Q_CC = @echo "  CC    $<";
Q_AR = @echo "  AR    $@";
Q_LD = @echo "  LD    $@";
endif

# generator/ holds one folder a stage of the pipeline (generator/README.md).
LIB_SRC  := $(filter-out generator/cmd/main.c,$(wildcard generator/*/*.c generator/*/*/*.c))
LIB_OBJ  := $(LIB_SRC:generator/%.c=$(BUILD)/obj/%.o)
MAIN_OBJ := $(BUILD)/obj/cmd/main.o
TEST_SRC := $(wildcard tests/check_*.c)
TEST_OBJ := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%.o)

BIN  := $(BUILD)/secpolgen
LIB  := $(BUILD)/libsecpolgen.a
TBIN := $(BUILD)/check_secpolgen

.PHONY: FORCE all deps demo check test test-layers test-unit test-e2e test-valgrind stress lint-locales \
        install uninstall clean bench

all: $(BIN)

# The version and the installed data folder, rewritten only when they
# change, so that `make install PREFIX=…` rebuilds what depends on them.
$(BUILD)/config.h: FORCE | $(BUILD)/obj
	@printf '#define SECPOLGEN_VERSION "%s"\n#define SECPOLGEN_DATADIR "%s"\n' \
	  '$(VERSION)' '$(DATADIR)' >$@.new
	@cmp -s $@.new $@ && rm -f $@.new || mv -f $@.new $@

$(BUILD)/obj/cmd/main.o: $(BUILD)/config.h

$(BUILD)/obj/%.o: generator/%.c | $(BUILD)/obj
	@mkdir -p $(@D)
	$(Q_CC)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%.o: tests/%.c | $(BUILD)/tests
	$(Q_CC)$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) \
	  -DTEST_SRCDIR='"$(CURDIR)"' -c -o $@ $<

$(BUILD)/obj $(BUILD)/tests:
	mkdir -p $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	$(Q_AR)$(AR) rcs $@ $^

$(BIN): $(MAIN_OBJ) $(LIB)
	$(Q_LD)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(TBIN): $(TEST_OBJ) $(LIB)
	$(Q_LD)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(PKG_LIBS)

# Installs the Debian packages the build and the tests need, when missing.
deps:
	@sh tests/install-deps.sh

demo: deps
	@$(MAKE) --no-print-directory all
	@$(BIN) build -o out
	@echo "Open them from $(CURDIR)/out/ (HTML in a browser, DOCX in Word or LibreOffice)."

# The same tests three times: plain with -Werror, under ASan+UBSan, and
# the plain build under valgrind (NO_SANITIZE=1, NO_VALGRIND=1 skip those).
check:
	@SECPOLGEN_CHECK_DEPS=1 sh tests/install-deps.sh
	@$(MAKE) --no-print-directory stress WERROR=1
	@$(MAKE) --no-print-directory test WERROR=1
ifeq ($(SANITIZER),)
ifneq ($(NO_SANITIZE),1)
	@$(MAKE) --no-print-directory test WERROR=1 SANITIZER=address,undefined
endif
ifneq ($(NO_VALGRIND),1)
	@$(MAKE) --no-print-directory test-valgrind WERROR=1
endif
endif

# The output folder under stress: builds racing into one folder, and a
# build killed at many points of rendering and the commit (tests/stress.sh;
# STRESS_ROUNDS, STRESS_POINTS). Part of make check, on the plain build.
stress: $(BIN)
	@echo "== stress: races and kills ($(BUILD))"
	@sh tests/stress.sh $(BIN)

# valgrind's memcheck on the program's commands, good and bad input, then
# on the unit tests in one process; any report fails (tests/valgrind.sh).
test-valgrind: $(TBIN) $(BIN)
	@echo "== valgrind ($(BUILD))"
	@sh tests/valgrind.sh $(BIN) $(TBIN)

# The unit tests run last: their Check summary line closes the output.
test: test-layers lint-locales test-e2e fuzz-replay test-unit

# The stage folders of generator/ include only downwards (generator/README.md).
test-layers:
	@echo "== include layers"
	@sh tests/layers.sh

test-unit: $(TBIN) $(BIN)
	@echo "== unit tests ($(BUILD))"
	$(SAN_GATE) --clear
	@UPDATE=$(UPDATE) $(TBIN) >$(BUILD)/unit.log 2>&1; st=$$?; \
	  $(SAN_GATE_CMD) "unit tests" $(BUILD)/unit.log; gate=$$?; \
	  cat $(BUILD)/unit.log; [ $$gate -eq 0 ] || exit 1; exit $$st

lint-locales: $(BIN)
	@echo "== locale lint ($(BUILD))"
	$(SAN_GATE) --clear
	@SECPOLGEN_DATADIR=$(CURDIR) $(BIN) lint-locales
	$(SAN_GATE) "locale lint"

test-e2e: $(BIN)
	@echo "== end-to-end tests ($(BUILD))"
	$(SAN_GATE) --clear
	@UPDATE=$(UPDATE) sh tests/e2e.sh $(BIN)
	$(SAN_GATE) "end-to-end tests"
	@echo "== init: the questionnaire, answered from files ($(BUILD))"
	@sh tests/init/init.sh $(BIN)
	$(SAN_GATE) "init tests"
	@echo "== hostile inputs and faults ($(BUILD))"
	@sh tests/hostile.sh $(BIN)
	$(SAN_GATE) "hostile tests"
	@if [ -f tests/consumers.sh ]; then \
	  echo "== real consumers: LibreOffice and Chromium ($(BUILD))"; \
	  sh tests/consumers.sh $(BIN); fi
	$(SAN_GATE) "consumer tests"

# The benchmark (bench/README.md): the program as `all` builds it, without
# sanitizer, timed against pandoc and python3-docxtpl on the same machine.
bench:
	@SECPOLGEN_BENCH_DEPS=1 sh tests/install-deps.sh
	@$(MAKE) --no-print-directory all SANITIZER=
	@sh bench/run.sh build/secpolgen

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/policy-templates/partials \
	  $(DESTDIR)$(DATADIR)/locales $(DESTDIR)$(DATADIR)/examples \
	  $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/secpolgen
	install -m 644 policy-templates/*.mustache policy-templates/*.rng \
	  $(wildcard policy-templates/*.xml) $(DESTDIR)$(DATADIR)/policy-templates/
	install -m 644 policy-templates/partials/*.mustache \
	  $(DESTDIR)$(DATADIR)/policy-templates/partials/
	install -m 644 locales/*.xlf locales/terms.tbx $(DESTDIR)$(DATADIR)/locales/
	install -m 644 examples/profile.xml $(DESTDIR)$(DATADIR)/examples/
	install -d $(DESTDIR)$(DATADIR)/examples/records
	install -m 644 examples/records/*.xml $(DESTDIR)$(DATADIR)/examples/records/
	install -d $(DESTDIR)$(DATADIR)/examples/advisories
	install -m 644 examples/advisories/*.xml $(DESTDIR)$(DATADIR)/examples/advisories/
	install -m 644 generator/secpolgen.1 $(DESTDIR)$(MANDIR)/man1/secpolgen.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/secpolgen $(DESTDIR)$(MANDIR)/man1/secpolgen.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build

include fuzz/Makefile.inc

-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d) $(TEST_OBJ:.o=.d)
