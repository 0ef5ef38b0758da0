#!/usr/bin/env python3
"""Pathological inputs with a time limit (as cmark's pathological_tests.py):
each generated document must be cleaned, or refused with a named limit,
within LIMIT seconds, without a crash. Closes with
"pathological: N passed, N failed"."""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

LIMIT = 10.0
SPAM = "国产精品免费视频"
CASES = {
    # ~200k short lines, each a UI-vocabulary hit (quadratic scans show here)
    "many_ui_lines": ("分享分享分享分享分享\n" * 200000, "ok"),
    # one 4 MB line of separators and spam words: one block, 300k items
    "one_huge_farm_line": (("| " + SPAM) * 300000 + "\n", "ok"),
    # 1 MB of bare separators, no letters at all
    "only_separators": ("|" * (1 << 20) + "\n", "ok"),
    # deep brackets and quotes
    "deep_brackets": ("【" * 200000 + "文" + "】" * 200000 + "\n", "ok"),
    # a date on every line: the date scanner on every metadata candidate
    "dates_everywhere": ("2024-11-20 09:58 来源：某报 作者：某人\n" * 100000, "ok"),
    # many meta keys in one line
    "keys_in_one_line": ("来源：" * 100000 + "\n", "ok"),
    # 300k lines: over the default max-blocks cap of 200000
    "too_many_lines": ("a\n" * 300000, "limit"),
    # prose paragraphs separated by chrome, 20k of them: segment merging
    "alternating_segments": (("这是一个完整的句子，用来测试正文段落的识别。\n分享到：\n") * 20000, "ok"),
    # long runs of short spam-title lines
    "spam_title_run": ((SPAM + "\n") * 100000, "ok"),
    # invalid UTF-8 everywhere
    "invalid_utf8": ("\udcff" * 1000000, "ok"),
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--winnow", required=True)
    args = ap.parse_args()
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, (text, want) in CASES.items():
            path = os.path.join(tmp, name + ".txt")
            with open(path, "wb") as f:
                f.write(text.encode("utf-8", "surrogateescape"))
            t = time.monotonic()
            try:
                res = subprocess.run([args.winnow, "clean", "-q", path], capture_output=True,
                                     timeout=LIMIT * 3)
            except subprocess.TimeoutExpired:
                print(f"FAIL {name}: no answer in {LIMIT * 3:.0f} s")
                failed += 1
                continue
            dt = time.monotonic() - t
            errs = []
            if res.returncode != 0:
                errs.append(f"exit {res.returncode}: {res.stderr.decode()[-300:]}")
            elif dt > LIMIT:
                errs.append(f"took {dt:.1f} s (limit {LIMIT:.0f} s)")
            elif want == "ok":
                lines = res.stdout.decode().splitlines()
                if len(lines) != 1 or "text" not in json.loads(lines[0]):
                    errs.append("no document written")
            elif want == "limit" and b": limit:" not in res.stderr:
                errs.append("expected a named limit error, got: " + res.stderr.decode()[:200])
            for e in errs:
                print(f"FAIL {name}: {e}")
            failed += bool(errs)
            passed += not errs
            print(f"  {name}: {dt:.2f} s")
    print(f"pathological: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
