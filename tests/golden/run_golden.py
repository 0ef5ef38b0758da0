#!/usr/bin/env python3
"""Golden tests: every tests/golden/pages/*.page through the winnow command.

A .page file is a tagged page (see tests/golden/README.md): each line's tag
says what must happen to it (T title, C content, X chrome, M metadata line,
S spam) and #! headers give the expected metadata and spam flag. Two checks
per page:
  1. the tags: kept lines are whole lines of the output text, removed lines
     are not, the title opens the text, metadata and spam flag match;
  2. the exact output, against expected/<name>.json (regenerate on purpose
     with --update after reading the diff).
Prints one line per failure and closes with "golden: N passed, N failed".
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def parse_page(path):
    headers, lines = {}, []
    with open(path, encoding="utf-8") as f:
        for raw in f.read().split("\n"):
            if raw.startswith("#!"):
                key, _, val = raw[2:].partition(":")
                headers[key.strip()] = val.strip()
            elif raw.strip() == "":
                lines.append(("", ""))
            else:
                tag, sep, text = raw.partition("|")
                if not sep or tag not in ("T", "C", "X", "M", "S"):
                    raise ValueError(f"{path}: untagged line: {raw[:40]!r}")
                lines.append((tag, text))
    while lines and lines[-1] == ("", ""):
        lines.pop()
    return headers, lines


def check_page(name, headers, lines, out):
    errs = []
    text_lines = {l.strip() for l in out["text"].split("\n")}
    meta = out["metadata"]
    for tag, text in lines:
        t = text.strip()
        if not t:
            continue
        if tag in ("T", "C") and t not in text_lines:
            errs.append(f"kept line lost ({tag}): {t[:50]}")
        if tag in ("X", "M", "S") and t in text_lines:
            errs.append(f"removed line kept ({tag}): {t[:50]}")
    titles = [t.strip() for tag, t in lines if tag == "T"]
    if titles and not out["text"].startswith(titles[0]):
        errs.append("text does not open with the title")
    for key in ("title", "date", "source", "author", "editor"):
        if key in headers and meta.get(key) != headers[key]:
            errs.append(f"metadata.{key} = {meta.get(key)!r}, want {headers[key]!r}")
    want_spam = headers.get("spam", "false") == "true"
    if out["spam"]["injected"] != want_spam:
        errs.append(f"spam.injected = {out['spam']['injected']}, want {want_spam}")
    return errs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--winnow", required=True)
    ap.add_argument("--update", action="store_true", help="rewrite expected/*.json")
    args = ap.parse_args()
    pages_dir = os.path.join(HERE, "pages")
    exp_dir = os.path.join(HERE, "expected")
    names = sorted(n[:-5] for n in os.listdir(pages_dir) if n.endswith(".page"))
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        pages, paths = {}, []
        for n in names:
            headers, lines = parse_page(os.path.join(pages_dir, n + ".page"))
            pages[n] = (headers, lines)
            p = os.path.join(tmp, n + ".txt")
            with open(p, "w", encoding="utf-8") as f:
                f.write("\n".join(t for _, t in lines) + "\n")
            paths.append(p)
        res = subprocess.run([args.winnow, "clean", "-q", "--format", "text"] + paths,
                             capture_output=True, timeout=120)
        if res.returncode != 0:
            print(f"golden: winnow exited {res.returncode}: {res.stderr.decode()[:500]}")
            print("golden: 0 passed, 1 failed")
            return 1
        outs = [json.loads(l) for l in res.stdout.decode().splitlines()]
        if len(outs) != len(names):
            print(f"golden: {len(outs)} documents out for {len(names)} pages")
            print("golden: 0 passed, 1 failed")
            return 1
        for n, out in zip(names, outs):
            out["id"] = n
            errs = check_page(n, *pages[n], out)
            exp_path = os.path.join(exp_dir, n + ".json")
            rendered = json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
            if args.update:
                os.makedirs(exp_dir, exist_ok=True)
                with open(exp_path, "w", encoding="utf-8") as f:
                    f.write(rendered)
            elif not os.path.exists(exp_path):
                errs.append("no expected/" + n + ".json (run with --update)")
            elif open(exp_path, encoding="utf-8").read() != rendered:
                errs.append("output differs from expected/" + n + ".json")
            if errs:
                failed += 1
                for e in errs:
                    print(f"FAIL {n}: {e}")
            else:
                passed += 1
    print(f"golden: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
