#!/usr/bin/env python3
"""Pathological inputs with a time limit (as cmark's pathological_tests.py):
each generated document must be cleaned, or refused with a named error
class, within LIMIT seconds, without a crash, and every record must be
accounted for (records_seen = written + sum(dropped) + sum(errors), in the
totals and per file). A cleaned document is written, or dropped as
no-content when nothing is left of it. Generated directory trees (deep,
wide) and archives and pages (a million record starts, resynchronisation on
every line, empty gzip members, many headers, many members, deep and broken
markup) test the reader, the HTML pass and the pipeline the same way. HTML pages
(PAGES) must also keep the text a reader would see, and stay within PAGE_LIMIT
seconds and PEAK_MIB of peak memory (the child's own rusage, from wait4; not
with --sanitized, whose shadow memory and slower code are not the product's).
Closes with "pathological: N passed, N failed"."""
import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

LIMIT = 10.0
PAGE_LIMIT = 5.0  # seconds for one HTML page case (release build)
PEAK_MIB = 512    # peak resident memory of one HTML page case
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
    "too_many_lines": ("a\n" * 300000, "too-many-blocks"),
    # prose paragraphs separated by chrome, 20k of them: segment merging
    "alternating_segments": (("这是一个完整的句子，用来测试正文段落的识别。\n分享到：\n") * 20000, "ok"),
    # long runs of short spam-title lines
    "spam_title_run": ((SPAM + "\n") * 100000, "ok"),
    # invalid UTF-8 everywhere
    "invalid_utf8": ("\udcff" * 1000000, "ok"),
}


def identity(st, where):
    errs, drops = sum(st["errors"].values()), sum(st["dropped"].values())
    if st["records_seen"] != st["written"] + errs + drops:
        return [f"{where}: records_seen {st['records_seen']} != written {st['written']}"
                f" + errors {errs} + dropped {drops}"]
    return []


def accounting(stats_path):
    """Identity in the totals and in every file; the files add up."""
    with open(stats_path, encoding="utf-8") as f:
        st = json.load(f)
    errs = identity(st, "totals")
    for fs in st["files"]:
        errs += identity(fs, fs["path"])
    for k in ("records_seen", "written", "bytes_in", "inputs"):
        if sum(fs[k] for fs in st["files"]) != st[k]:
            errs.append(f"files do not add up to {k}")
    return st, errs


# Each run goes through this launcher, which forks winnow afresh and writes
# its peak resident memory (KiB) to argv[1]: Linux keeps a process's highest
# RSS across execve, and subprocess starts children with vfork, sharing this
# runner's memory, whose peak they would report as their own.
LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as f:
    f.write(str(usage.ru_maxrss))
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"""


def run(winnow, args, tmp, limit=LIMIT):
    """(stats, stdout, stderr, seconds, errors, peak MiB) of one timed run."""
    stats, rss = os.path.join(tmp, "stats.json"), os.path.join(tmp, "rss")
    out_path, err_path = os.path.join(tmp, "out"), os.path.join(tmp, "err")
    t = time.monotonic()
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        proc = subprocess.Popen([sys.executable, "-c", LAUNCHER, rss, winnow, "clean", "-q",
                                 "--stats", stats] + args, stdout=out, stderr=err,
                                start_new_session=True)
        timer = threading.Timer(LIMIT * 3, os.killpg, (proc.pid, 9))
        timer.start()
        proc.wait()
        timer.cancel()
    dt = time.monotonic() - t
    with open(out_path, "rb") as f:
        stdout = f.read()
    with open(err_path, "rb") as f:
        stderr = f.read()
    if dt >= LIMIT * 3:
        return None, b"", b"", dt, [f"no answer in {LIMIT * 3:.0f} s"], 0.0
    with open(rss) as f:
        peak = int(f.read()) / 1024.0
    if proc.returncode != 0:
        return None, stdout, stderr, dt, [f"exit {proc.returncode}: {stderr.decode()[-300:]}"], peak
    st, errs = accounting(stats)
    if dt > limit:
        errs.append(f"took {dt:.1f} s (limit {limit:.0f} s)")
    return st, stdout, stderr, dt, errs, peak


def check_doc(name, text, want, st, out, err):
    """The outcome of one generated document."""
    if want == "ok":
        if st["errors"] or st["records_seen"] != 1:
            return [f"expected the document cleaned, got {st['errors']}: {err.decode()[:200]}"]
        lines = out.decode().splitlines()
        if st["written"] == 1 and (len(lines) != 1 or "text" not in json.loads(lines[0])):
            return ["the document written is not one JSON line"]
        if st["written"] == 0 and (st["dropped"] != {"no-content": 1} or lines):
            return [f"not written and not dropped as no-content: {st['dropped']}"]
        return []
    if st["errors"] != {want: 1} or f": {want}: ".encode() not in err:
        return [f"expected one {want} error, got {st['errors']}: {err.decode()[:200]}"]
    return []


def make_deep(root, depth):
    """A chain of depth nested directories, a file at every 50th level."""
    os.mkdir(root)
    path = root
    for i in range(depth):
        path = os.path.join(path, "d")
        os.mkdir(path)
        if i % 50 == 0:
            with open(os.path.join(path, "page.txt"), "w") as f:
                f.write("A short paragraph of plain text. It has two sentences.\n")


def make_wide(root, n):
    """n small files in one directory, and n empty subdirectories."""
    os.mkdir(root)
    for i in range(n):
        with open(os.path.join(root, f"f{i:05d}.txt"), "w") as f:
            f.write(f"Paragraph {i}. A short paragraph of plain text. It has two sentences.\n")
        if i % 4 == 0:
            os.mkdir(os.path.join(root, f"e{i:05d}"))


def warc_records(n, headers):
    """n resource records, each with `headers` extra header lines."""
    rec = (b"WARC/1.1\r\nWARC-Type: resource\r\nContent-Type: text/plain\r\n"
           + b"X-Extra: value\r\n" * headers + b"Content-Length: 28\r\n\r\n"
           + b"A sentence of plain text. Ok\r\n\r\n")
    return rec * n


def only_errors(st):
    return st["written"] == 0 and not st["dropped"] and sum(st["errors"].values()) == st["records_seen"]


# Archives and pages: (file name, format, bytes, check of the stats)
ARCHIVES = {
    # a million record starts and nothing else: one error event each
    "version_lines": ("v.warc", "warc", b"WARC/1.0\r\n" * 1000000, only_errors),
    # garbage with a would-be record start on every line: resynchronising
    "resync_every_line": ("r.warc", "warc",
                          (b"x" * 90 + b"\nWARC/1.1\r\nX: y\r\n") * 200000, only_errors),
    # 500,000 gzip members that hold nothing: one empty-input event
    "empty_members": ("e.warc.gz", "warc", gzip.compress(b"", mtime=0) * 500000,
                      lambda st: st["errors"] == {"empty-input": 1} and st["records_seen"] == 1),
    # 20,000 records of 250 header lines each
    "many_headers": ("h.warc", "warc", warc_records(20000, 250),
                     lambda st: st["written"] == 20000 and not st["errors"]),
    # 100,000 records, one gzip member each
    "many_members": ("m.warc.gz", "warc",
                     b"".join(gzip.compress(warc_records(1, 0), mtime=0) for _ in range(100000)),
                     lambda st: st["written"] == 100000 and not st["errors"]),
    # a million nested elements: past the HTML pass's nesting cap, flattened
    "deep_divs": ("d.html", "html", b"<div>" * 1000000 + b"text",
                  lambda st: st["written"] == 1 and st["warnings"] == {"html-depth-flattened": 1}),
    # stray end tags deep in a table: libxml2 rescans its stack for each
    "stray_end_tags": ("s.html", "html",
                       b"<table><tr><td>" + b"</b></i></span><a href=x>y" * 300000,
                       lambda st: st["records_seen"] == 1 and
                       (st["written"] == 1 or st["dropped"] == {"no-content": 1}
                        or st["errors"] == {"html-too-deep": 1})),
    # three million line breaks: over the block cap
    "many_br": ("b.html", "html", b"<p>" + b"a<br>" * 3000000,
                lambda st: st["errors"] == {"too-many-blocks": 1}),
}

def attrs(first, n):
    return b"".join(b" a%d" % i for i in range(first, first + n))


def tags_of(size, total, word):
    """total attributes in tags of size attributes, each holding a word."""
    return b"".join(b"<span" + attrs(i, size) + b">" + word + b" </span>"
                    for i in range(0, total, size))


def warned(name):
    return lambda st: st["written"] == 1 and st["warnings"] == {name: 1} and not st["errors"]


def clean_run(st):
    return st["written"] == 1 and not st["warnings"] and not st["errors"]


TAIL = b"<p>The sentence after it is kept as it was.</p>"
HUGE = ["--max-doc-bytes", str(32 << 20), "--max-record-bytes", str(96 << 20)]
# HTML pages, built when run: (bytes, extra args, check of the stats, text
# that must come out)
PAGES = {
    # one start tag with a million attributes (libxml2's duplicate check is
    # quadratic in them: about 40 minutes without the attribute cap)
    "attrs_one_tag": (lambda: b"<p>Before the tag.</p><div" + attrs(0, 1000000) + b">" + TAIL,
                      [], warned("html-markup-cut"),
                      ["Before the tag.", "The sentence after it is kept as it was."]),
    # a million attributes spread over tags just over the cap, and at it
    # (all of distinct names: past the page's cap on names they are cut too)
    "attrs_many_tags": (lambda: tags_of(300, 1000000, b"word") + TAIL, [],
                        warned("html-markup-cut"), ["word word", TAIL[3:-4].decode()]),
    "attrs_at_cap": (lambda: tags_of(256, 1000000, b"word") + TAIL, [], warned("html-markup-cut"),
                     ["word word", TAIL[3:-4].decode()]),
    # a 64 MiB attribute value, with caps that let the page in
    "huge_attribute": (lambda: b"<p>Before the image.</p><img alt=x src=\"data:image/png;base64,"
                       + b"QUFB" * (16 << 20) + b"\">" + TAIL, HUGE, warned("html-markup-cut"),
                       ["Before the image.", TAIL[3:-4].decode()]),
    # ... and with the default caps: refused, named, counted
    "huge_attribute_default_caps": (lambda: b"<img src=\"" + b"QUFB" * (16 << 20) + b"\">" + TAIL,
                                    [], lambda st: st["errors"] == {"record-too-big": 1}, []),
    # a million entities, named and numeric
    "entities_named": (lambda: b"<p>" + b"&amp;" * 1000000 + b"</p>" + TAIL, [], clean_run,
                       ["&&&&", TAIL[3:-4].decode()]),
    "entities_numeric": (lambda: b"<p>" + b"&#20013;&#x6587;" * 500000 + b"</p>" + TAIL, [],
                         clean_run, ["中文中文", TAIL[3:-4].decode()]),
    # a million entity references of distinct names (each a name in
    # libxml2's dictionary, like tag and attribute names: 46 s before)
    "entity_names": (lambda: b"<p>" + b"".join(b"&e%d; " % i for i in range(1000000)) + b"</p>"
                     + TAIL, [], warned("html-markup-cut"), ["&e999999;", TAIL[3:-4].decode()]),
    # 100,000 nested elements: past the nesting cap, flattened, text kept
    "nested_100k": (lambda: b"<div>" * 100000 + b"Deep text is kept." + TAIL, [],
                    warned("html-depth-flattened"),
                    ["Deep text is kept.", TAIL[3:-4].decode()]),
    # 30,000 whole documents end to end (4.5 MB): each after the first goes
    # to a new parser, which was fed the whole rest of the page (18 s)
    "concatenated_docs": (lambda: b"".join(
        b"<html><head><title>Page %d</title></head><body><p>Story number %d is told here in "
        b"one long sentence, so that it reads as prose.</p></body></html>" % (i, i)
        for i in range(30000)), [], clean_run, ["Story number 15000 is", "Story number 29999 is"]),
}


def page_check(ok, keep, st, out, errs):
    """The stats check, then the text that must come out."""
    errs = counts_check(ok, st, errs)
    if st is None or errs or not keep:
        return errs
    text = "".join(json.loads(line).get("text", "") for line in out.decode().splitlines())
    return [f"text lost: {k[:40]!r}" for k in keep if k not in text]


def jsonl_meta(members):
    text = json.dumps("A short paragraph of plain text. It has two sentences.")
    return ('{"text":%s,"metadata":{%s}}\n' % (text, ",".join(members))).encode()


def meta_pairs(out, name):
    """How many members the one document's metadata has, repeats included,
    and how many of them are called name. Objects are built inner first, in
    order: with flat input metadata, the metadata object is the first."""
    objs = []
    json.loads(out, object_pairs_hook=lambda p: objs.append(p) or dict(p))
    return len(objs[0]), sum(1 for k, _ in objs[0] if k == name)


# JSONL lines: (bytes, check of the stats and the output)
JSONL = {
    # 500,000 repeats of one metadata name: written once (the first)
    "meta_repeated_name": (jsonl_meta('"title":"t%d"' % i for i in range(500000)),
                           lambda st, out: st["written"] == 1 and meta_pairs(out, "title")[1] == 1),
    # 500,000 distinct metadata names: every one written
    "meta_distinct_names": (jsonl_meta('"k%d":%d' % (i, i) for i in range(500000)),
                            lambda st, out: st["written"] == 1 and meta_pairs(out, "k1")[0] > 500000),
}

# Trees: (builder, check of the stats)
TREES = {
    # 600 levels: past the walk's nesting cap of 512, which is one io error
    "deep_tree": (lambda root: make_deep(root, 600),
                  lambda st: st["written"] == 11 and st["errors"] == {"io": 1}),
    # 5000 files and 1250 empty directories in one directory
    "wide_tree": (lambda root: make_wide(root, 5000),
                  lambda st: st["written"] == 5000 and st["inputs"] == 5000 and not st["errors"]),
}


def counts_check(ok, st, errs):
    """Add an error when the run went well but the counts are not what ok wants."""
    if st is not None and not errs and not ok(st):
        errs.append(f"unexpected counts: written {st['written']}, dropped {st['dropped']},"
                    f" inputs {st['inputs']}, errors {st['errors']}")
    return errs


def run_pages(winnow, tmp, sanitized, results):
    for name, (build, extra, ok, keep) in PAGES.items():
        path = os.path.join(tmp, name + ".html")
        with open(path, "wb") as f:
            f.write(build())
        st, out, err, dt, errs, peak = run(winnow, extra + ["-f", "html", path], tmp,
                                           LIMIT if sanitized else PAGE_LIMIT)
        errs = page_check(ok, keep, st, out, errs)
        if not sanitized and peak > PEAK_MIB:
            errs.append(f"peak memory {peak:.0f} MiB (limit {PEAK_MIB} MiB)")
        results.append((name, errs, dt, peak))
        os.unlink(path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--winnow", required=True)
    ap.add_argument("--sanitized", action="store_true",
                    help="an ASan/UBSan build: no memory limit, LIMIT for the pages")
    ap.add_argument("-k", metavar="NAME", help="run only cases whose name contains NAME")
    args = ap.parse_args()
    results = []  # (name, errors, seconds, peak MiB)
    pick = (lambda d: {k: v for k, v in d.items() if args.k in k}) if args.k else (lambda d: d)
    with tempfile.TemporaryDirectory() as tmp:
        for name, (text, want) in pick(CASES).items():
            path = os.path.join(tmp, name + ".txt")
            with open(path, "wb") as f:
                f.write(text.encode("utf-8", "surrogateescape"))
            st, out, err, dt, errs, peak = run(args.winnow, [path], tmp)
            if st is not None and not errs:
                errs = check_doc(name, text, want, st, out, err)
            results.append((name, errs, dt, peak))
        for name, (fname, fmt, data, ok) in pick(ARCHIVES).items():
            path = os.path.join(tmp, fname)
            with open(path, "wb") as f:
                f.write(data)
            st, out, err, dt, errs, peak = run(args.winnow, ["-f", fmt, path], tmp)
            results.append((name, counts_check(ok, st, errs), dt, peak))
            os.unlink(path)
        for name, (data, ok) in pick(JSONL).items():
            path = os.path.join(tmp, name + ".jsonl")
            with open(path, "wb") as f:
                f.write(data)
            st, out, err, dt, errs, peak = run(args.winnow, [path], tmp)
            if st is not None and not errs and not ok(st, out):
                errs.append(f"unexpected counts or metadata: {st}, {out[:200]}")
            results.append((name, errs, dt, peak))
            os.unlink(path)
        for name, (build, ok) in pick(TREES).items():
            root = os.path.join(tmp, name)
            build(root)
            st, out, err, dt, errs, peak = run(args.winnow, [root], tmp)
            results.append((name, counts_check(ok, st, errs), dt, peak))
        global PAGES
        PAGES = pick(PAGES)
        run_pages(args.winnow, tmp, args.sanitized, results)
    for name, errs, dt, peak in results:
        for e in errs:
            print(f"FAIL {name}: {e}")
        print(f"  {name}: {dt:.2f} s, {peak:.0f} MiB")
    failed = sum(1 for _, errs, _, _ in results if errs)
    print(f"pathological: {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
