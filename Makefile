# Thin wrapper over CMake. 'make' leaves the command at build/winnow.
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
PREFIX ?= /usr/local
CMAKE_FLAGS ?=

.PHONY: all deps build run check check-asan fuzz-smoke test install clean format bench

all: build

deps:
	@sh tools/deps.sh

$(BUILD)/Makefile:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=$(PREFIX) $(CMAKE_FLAGS)

build: $(BUILD)/Makefile
	cmake --build $(BUILD) -j $(JOBS)

# The main job on the bundled samples: clean them and show the result.
run: deps build
	@echo "== winnow clean --explain samples/news-zh-hant.txt"
	@$(BUILD)/winnow clean --explain samples/news-zh-hant.txt
	@echo "== winnow clean samples/*.txt samples/docs.jsonl > build/samples.jsonl"
	@$(BUILD)/winnow clean samples/*.txt samples/docs.jsonl > $(BUILD)/samples.jsonl
	@echo "== clean text of each sample:"
	@$(BUILD)/winnow clean --text -q samples/*.txt samples/docs.jsonl
	@echo "== winnow clean --stats build/crawl-stats.json samples/crawl.warc.gz > build/crawl.jsonl"
	@$(BUILD)/winnow clean --stats $(BUILD)/crawl-stats.json samples/crawl.warc.gz > $(BUILD)/crawl.jsonl
	@echo "== url, charset and title of each document written:"
	@/usr/bin/python3 -c 'import json,sys; [print(d["metadata"].get("url"), d["metadata"].get("charset"), d["metadata"].get("charset_source"), "|", d["metadata"].get("title")) for d in map(json.loads, open(sys.argv[1]))]' $(BUILD)/crawl.jsonl
	@echo "== build/crawl-stats.json:"
	@head -1 $(BUILD)/crawl-stats.json

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# clang: its UBSan also checks pointer arithmetic (NULL + 0) that gcc's misses.
# The same build makes the libFuzzer binaries; their smoke runs (label
# fuzz-smoke, see doc/FUZZING.md) are among its tests.
ASAN_CONFIG = CC=clang cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DWINNOW_SANITIZE=ON \
	-DWINNOW_FAULT_INJECTION=ON -DWINNOW_LIBFUZZER=ON
ASAN_ENV = ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1

check-asan: deps
	$(ASAN_CONFIG)
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && $(ASAN_ENV) ctest --output-on-failure -j $(JOBS)

# Only the short libFuzzer run of every fuzz target (also part of check-asan).
fuzz-smoke: deps
	$(ASAN_CONFIG)
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && $(ASAN_ENV) ctest --output-on-failure -j $(JOBS) -L fuzz-smoke

# Every test, in the release build and under ASan+UBSan.
check: deps
	$(MAKE) test
	$(MAKE) check-asan

# Honours PREFIX (also written into libwinnow.pc) and DESTDIR (staging).
install: deps
	cmake -S . -B $(BUILD) -DCMAKE_INSTALL_PREFIX=$(PREFIX)
	cmake --build $(BUILD) -j $(JOBS)
	DESTDIR=$(DESTDIR) cmake --install $(BUILD)

format:
	clang-format -i include/*.h src/*/*.c src/*/*.h cli/*.c tools/*.c tests/unit/*.[ch] bench/*.c fuzz/*.c fuzz/*.h examples/*.c

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)

# Speed and quality benchmarks (not tests): see doc/BENCHMARKS.md.
bench: build
	bench/run_speed.sh
	bench/run_quality.sh
