#!/bin/sh
# Speed of a full clean as a ratio to the text front end alone, same run.
# Corpus: visible-text dumps of ../shared/bench pages (English, Chinese).
# Options go to bench_clean (-c: also the lexicon scan, image vs this CPU).
set -eu
cd "$(dirname "$0")/.."
T=${TMPDIR:-/tmp}/winnow-textcorpus
for s in scrapinghub cwce-zh magichtml-zh-article magichtml-zh-forum; do
  [ -d "$T/$s" ] || /usr/bin/python3 bench/html_to_text.py "$T/$s" ../shared/bench/data/$s/html/*.html
done
build/bench/bench_clean -n "${MB:-30}" -r "${RUNS:-5}" "$@" "$T"/*/*.txt
