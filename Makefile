# goro: build, run, test, sanitizers, benchmarks.  `make help` lists targets.

CC      ?= cc
BUILD   ?= build
OPT     ?= -O2
SAN     ?=
GEN     := $(BUILD)/gen

PKG_LIBS := $(shell pkg-config --libs bdw-gc 2>/dev/null || echo -lgc)
CPPFLAGS := -DGC_THREADS -D_GNU_SOURCE -Isrc -Iruntime -Istdlib -I$(GEN)
CFLAGS_COMMON := -std=gnu11 -g $(OPT) -fno-strict-aliasing -MMD -MP $(SAN)
WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wno-unused-parameter -Werror $(XWARN)
# lemon's template trips these; generated code only.
GENWARN := -Wall -Wno-unused-variable -Wno-unused-parameter -Wno-unused-but-set-variable
# gcc's flow warnings misfire on sanitizer-instrumented code
SANWARN := -Wno-format-truncation -Wno-maybe-uninitialized -Wno-null-dereference
LDLIBS  := $(PKG_LIBS) -lgmp -lreadline -lm -lpthread
LDFLAGS += $(SAN)

SRCS    := $(wildcard src/*.c runtime/*.c stdlib/*.c)
OBJS    := $(SRCS:%.c=$(BUILD)/%.o) $(GEN)/lexer.o $(GEN)/parser.o
LIBOBJS := $(filter-out $(BUILD)/src/cli.o,$(OBJS))

UNIT_SRCS := $(wildcard tests/unit/*.c)
UNIT_BIN  := $(BUILD)/unit-tests

.PHONY: all run test unit lang asan ubsan tsan stress bench help deps deps-test clean
.DELETE_ON_ERROR:

all: deps goro

# copy then rename, so a running ./goro is replaced rather than overwritten
goro: $(BUILD)/goro
	@cp $(BUILD)/goro goro.tmp && mv -f goro.tmp goro

# `make V=1` shows the commands.
Q := $(if $(V),,@)

$(BUILD)/goro: $(OBJS)
	@echo "  LD    $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

$(BUILD)/%.o: %.c $(GEN)/parser.h
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS_COMMON) $(WARN) -c $< -o $@

$(GEN)/parser.c $(GEN)/parser.h: grammar/parser.y | deps
	@mkdir -p $(GEN)
	@echo "  LEMON $<"
	$(Q)lemon -c -q -d$(GEN) grammar/parser.y

$(GEN)/lexer.c: grammar/lexer.re | deps
	@mkdir -p $(GEN)
	@echo "  RE2C  $<"
	$(Q)re2c -W -Werror -8 --no-generation-date --no-version \
	     -I /usr/share/re2c/stdlib -o $@ $<

$(GEN)/%.o: $(GEN)/%.c $(GEN)/parser.h
	@echo "  CC    $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS_COMMON) $(GENWARN) -c $< -o $@

deps:
	@sh scripts/deps.sh

deps-test:
	@sh scripts/deps.sh test

run: all ## build and start the REPL
	./goro

# ---------------------------------------------------------------- tests

$(UNIT_BIN): $(UNIT_SRCS) tests/unit/unit.h tests/unit/lockfree_cases.h $(LIBOBJS)
	@echo "  CC    tests/unit -> $@"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS_COMMON) -Wall -Wextra -Wno-unused-parameter -no-pie \
	    -o $@ $(UNIT_SRCS) $(LIBOBJS) -lcriterion $(LDLIBS)

unit: deps-test $(UNIT_BIN)
	$(UNIT_BIN) --jobs 2 --tap=$(BUILD)/unit.tap

lang: all
	sh tests/run.sh ./goro

# every program test at one P and at four
test: deps-test all $(UNIT_BIN)
	$(UNIT_BIN) --jobs 2 --tap=$(BUILD)/unit.tap
	GOMAXPROCS=1 sh tests/run.sh ./goro
	GOMAXPROCS=4 sh tests/run.sh ./goro

# the program suite at 1, 2, 4 and 8 P's, with random preemption and with
# a stressed collector, several rounds (tests/stress.sh)
stress: all
	sh tests/stress.sh ./goro

# the Boehm-free lock-free pieces of the runtime under ThreadSanitizer
TSAN_SRCS := tests/tsan/main.c runtime/runq.c runtime/note.c runtime/lock.c
tsan: deps-test
	@mkdir -p $(BUILD)/tsan
	$(CC) -std=gnu11 -g -O1 -D_GNU_SOURCE -Iruntime -fsanitize=thread -Wall -Wextra \
	    -o $(BUILD)/tsan/lockfree-tests $(TSAN_SRCS) -lpthread
	TSAN_OPTIONS=halt_on_error=1 $(BUILD)/tsan/lockfree-tests

asan: deps-test
	$(MAKE) BUILD=build/asan OPT="-O1 -fno-omit-frame-pointer" XWARN="$(SANWARN)" \
	    SAN="-fsanitize=address,undefined" build/asan/goro
	ASAN_OPTIONS=detect_stack_use_after_return=0:detect_leaks=0 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	    sh tests/run.sh build/asan/goro

ubsan: deps-test
	$(MAKE) BUILD=build/ubsan OPT="-O1 -fno-omit-frame-pointer" XWARN="$(SANWARN)" \
	    SAN="-fsanitize=undefined -fno-sanitize-recover=undefined" build/ubsan/goro
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 sh tests/run.sh build/ubsan/goro

bench: all
	sh bench/run.sh ./goro

clean:
	rm -rf build goro

help:
	@echo "goro make targets:"
	@echo "  make          build ./goro (installs missing Debian packages first)"
	@echo "  make run      build and start the REPL"
	@echo "  make test     build and run every test: Criterion unit tests, then tests/lang,"
	@echo "                the samples, the REPL sessions and the bad-input corpus at"
	@echo "                GOMAXPROCS=1 and at GOMAXPROCS=4"
	@echo "  make unit     Criterion unit tests only"
	@echo "  make lang     goro program tests only"
	@echo "  make stress   the program tests at GOMAXPROCS=1,2,4,8 with random preemption"
	@echo "                (GORO_STRESS_SCHED) and a stressed collector (GORO_STRESS_GC)"
	@echo "  make tsan     the lock-free run queue, notes and locks under ThreadSanitizer"
	@echo "  make asan     the program tests under AddressSanitizer + UBSan"
	@echo "  make ubsan    the program tests under UndefinedBehaviorSanitizer"
	@echo "  make bench    run bench/ (concurrent ones at GOMAXPROCS=1 and 2) and print"
	@echo "                wall time, peak memory and the comparison with Go"
	@echo "  make clean    remove build outputs"

-include $(OBJS:.o=.d)
