#!/bin/sh
# One short libFuzzer run of one target, as ctest's fuzz_<target>_smoke
# (fuzz/CMakeLists.txt; make fuzz-smoke runs them all). Starts from the
# checked-in corpus with the target's dictionary (when there is one), a
# fixed seed and a bounded number of runs, so the same tree makes the same
# inputs; what libFuzzer finds goes to WORKDIR, which starts empty, so the
# tree is never written. Fails on any crash, leak, timeout or broken
# invariant; the reproducer is WORKDIR/crash-* (or leak-*, timeout-*).
# NO_FAULTS=1: without the fault runs (FUZZ_NO_FAULTS, fuzz_common.h).
#   smoke.sh BINARY CORPUS_DIR DICT WORKDIR RUNS SECONDS NO_FAULTS
set -eu
bin=$1 corpus=$2 dict=$3 work=$4 runs=$5 secs=$6
[ "${7:-0}" = 1 ] && export FUZZ_NO_FAULTS=1
rm -rf "$work"
mkdir -p "$work/new"
set -- -seed=1 -runs="$runs" -max_total_time="$secs" -timeout=25 -rss_limit_mb=2560 \
  -max_len=4096 -print_final_stats=1 -artifact_prefix="$work/"
[ -f "$dict" ] && set -- "$@" -dict="$dict"
exec "$bin" "$@" "$work/new" "$corpus"
