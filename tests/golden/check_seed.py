#!/usr/bin/env python3
"""The sample page of ../shared/seeds through winnow, checked against
seed_000.labels: what each line of the page must become, by line number.
No word of the page is written here or in the labels: the expectations are
derived from the page's own lines. Skips (exit 77) when the seed is absent."""
import argparse
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = os.path.join(HERE, "..", "..", "..", "shared", "seeds", "000_dda7eeaabc76e5cb.txt")


def load_labels():
    labels = {}
    for raw in open(os.path.join(HERE, "seed_000.labels"), encoding="utf-8"):
        raw = raw.split("#")[0].split()
        if not raw:
            continue
        lo, _, hi = raw[0].partition("-")
        for n in range(int(lo), int(hi or lo) + 1):
            labels[n] = raw[1:]
    return labels


def iso_of(line):
    m = re.search(r"(\d{4})-(\d{1,2})-(\d{1,2})\s+(\d{1,2}):(\d{2})", line)
    return m and "%s-%02d-%02dT%02d:%s" % (m[1], int(m[2]), int(m[3]), int(m[4]), m[5])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--winnow", required=True)
    args = ap.parse_args()
    if not os.path.exists(SEED):
        print("seed: skipped, no ../shared/seeds page")
        return 77
    lines = open(SEED, encoding="utf-8").read().split("\n")
    res = subprocess.run([args.winnow, "clean", "-q", SEED], capture_output=True, timeout=60)
    out = json.loads(res.stdout)
    text = out["text"]
    kept = {l.strip() for l in text.split("\n")}
    errs = []
    for n, lab in load_labels().items():
        t = lines[n - 1].strip()
        tag = lab[0]
        if not t:
            continue
        if tag in ("T", "C") and t not in kept:
            errs.append(f"line {n}: article line lost")
        if tag in ("X", "M", "S") and t in kept:
            errs.append(f"line {n}: {tag} line kept")
        if tag == "T":
            if not text.startswith(t):
                errs.append("text does not open with the title")
            if out["metadata"].get("title") != t:
                errs.append("metadata.title is not the title line")
        if tag == "M":
            key = lab[1]
            val = out["metadata"].get(key)
            if key == "date":
                if val != iso_of(t):
                    errs.append(f"metadata.date = {val!r}, want {iso_of(t)!r}")
            elif not val or val not in t or len(val) >= len(t):
                errs.append(f"metadata.{key} = {val!r}: not the value of line {n}")
        if tag == "S":
            for item in re.split(r"[|:]", t)[1:]:
                if item.strip() and item.strip() in text:
                    errs.append(f"spam title left in text: line {n}")
                    break
    if not out["spam"]["injected"] or "link-farm" not in out["spam"]["kinds"]:
        errs.append(f"spam not flagged as a link farm: {out['spam']}")
    for e in errs:
        print("FAIL seed:", e)
    print(f"seed: {0 if errs else 1} passed, {1 if errs else 0} failed")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
