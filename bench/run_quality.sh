#!/bin/sh
# Extraction quality on ../shared/bench's labelled pages: winnow's own HTML
# path (winnow clean --format html) and the text path (a Python dump of the
# visible text, then winnow clean), with the uncleaned dump measured in the
# same run as the reference.
#   bench/run_quality.sh [dataset...]   (default: cwce-zh magichtml-zh-article scrapinghub)
set -eu
cd "$(dirname "$0")/.."
H=../shared/bench/harness
D=../shared/bench/data
OUT=${OUT:-build/quality}
sets=${*:-cwce-zh magichtml-zh-article scrapinghub}
for ds in $sets; do
  /usr/bin/python3 $H/wx_run.py --dataset $D/$ds --name winnow-html --cmd bench/html_path_extract.sh --out $OUT/$ds >/dev/null
  /usr/bin/python3 $H/wx_run.py --dataset $D/$ds --name winnow-text --cmd bench/text_path_extract.sh --out $OUT/$ds >/dev/null
  /usr/bin/python3 $H/wx_run.py --dataset $D/$ds --name text-dump --cmd bench/text_dump_only.sh --out $OUT/$ds >/dev/null
  /usr/bin/python3 $H/wx_eval.py --dataset $D/$ds --metrics shingle,cjklcs \
    --pred winnow-html=$OUT/$ds/winnow-html.jsonl --pred winnow-text=$OUT/$ds/winnow-text.jsonl --pred text-dump=$OUT/$ds/text-dump.jsonl
done
