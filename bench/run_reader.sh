#!/bin/sh
# Speed of reading a WARC archive as a ratio to bare decompression of the
# same file, measured in the same run (bench/bench_reader.c; doc/BENCHMARKS.md,
# "Reader"). The archive is generated once, deterministically, next to
# TMPDIR: MB (default 160) of Common-Crawl-shaped records as .warc, .warc.gz
# (a gzip member per record) and .warc.zst (a zstd frame per record).
#   MB=160 ROUNDS=5 bench/run_reader.sh
set -eu
cd "$(dirname "$0")/.."
MB=${MB:-160}
S=${TMPDIR:-/tmp}/winnow-bench-warc-$MB
[ -f "$S.warc.gz" ] || /usr/bin/python3 bench/gen_bench_warc.py "$S" "$MB"
[ -f "$S.warc.zst" ] || build/bench/bench_reader --make-zst "$S.warc" "$S.warc.zst"
build/bench/bench_reader -r "${ROUNDS:-5}" "$S"
