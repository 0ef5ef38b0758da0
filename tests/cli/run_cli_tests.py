#!/usr/bin/env python3
"""Command-line tests of winnow: the `winnow` command driven through subprocess.

Usage (from the repository root, as ctest runs it):
    python3 tests/cli/run_cli_tests.py --winnow build/winnow [-k NAME]

Every test is a function in TESTS below; it runs the command on small pages
written inline here (never on files outside its temporary directory), checks
what came out, and leaves nothing behind. Prints one line per failure and
closes with "cli: N passed, N failed"; exits 1 if any test failed.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import traceback
import zlib

WINNOW = None  # path of the command, from --winnow
TIMEOUT = 10   # seconds per run
BIG_TIMEOUT = 30

# ---------------------------------------------------------------------------
# Test pages
# ---------------------------------------------------------------------------

PAGE_ZH = """首页 > 新闻 > 国内
城市公园改造工程正式完工
2024-11-20 09:58:07 来源：新华社 作者：张伟

经过一年多的施工，市中心的城市公园改造工程于本周正式完工，公园新增了步道、儿童游乐区和大片的绿地，市民反映良好。
负责该项目的工程师表示，改造过程中保留了原有的古树，并对排水系统进行了全面升级，以应对夏季的强降雨。
许多附近居民在周末带着孩子前来游玩，他们认为新的公园让社区生活更加丰富，也为老人提供了锻炼的场所。

分享到：微信 微博 QQ空间
澳门赌场|在线真人百家乐|成人视频|日本成人电影|网上赌球|六合彩开奖|色情小说|老虎机游戏|成人直播|皇冠体育博彩|av在线观看|午夜福利视频
责任编辑：李明
"""
ZH_TITLE = "城市公园改造工程正式完工"
ZH_BODY = [
    "经过一年多的施工，市中心的城市公园改造工程于本周正式完工，公园新增了步道、儿童游乐区和大片的绿地，市民反映良好。",
    "负责该项目的工程师表示，改造过程中保留了原有的古树，并对排水系统进行了全面升级，以应对夏季的强降雨。",
    "许多附近居民在周末带着孩子前来游玩，他们认为新的公园让社区生活更加丰富，也为老人提供了锻炼的场所。",
]
ZH_SHARE = "分享到：微信 微博 QQ空间"
ZH_SPAM = ("澳门赌场|在线真人百家乐|成人视频|日本成人电影|网上赌球|六合彩开奖|色情小说|"
           "老虎机游戏|成人直播|皇冠体育博彩|av在线观看|午夜福利视频")

PAGE_EN = """Home > World > Europe
Old Bridge Reopens After Two Years of Repairs
By Anna Smith | Published November 20, 2024

The old stone bridge over the river reopened to traffic on Tuesday after two years of careful repairs, city officials said.
Engineers replaced the worn supports and restored the original railings, which had been damaged by floods in 2021.
Residents who had to take a long detour during the works welcomed the news and gathered on the bridge for the opening.

Share this article: Facebook Twitter Email
free porn videos|online casino bonus|live sex cams|sports betting odds|xxx movies|poker online real money|adult dating|slot machines free|hot teen porn|baccarat casino|roulette online|escort girls
Copyright 2024 Example News. All rights reserved.
"""
EN_TITLE = "Old Bridge Reopens After Two Years of Repairs"
EN_BODY = [
    "The old stone bridge over the river reopened to traffic on Tuesday after two years of careful repairs, city officials said.",
    "Engineers replaced the worn supports and restored the original railings, which had been damaged by floods in 2021.",
    "Residents who had to take a long detour during the works welcomed the news and gathered on the bridge for the opening.",
]
EN_SHARE = "Share this article: Facebook Twitter Email"
EN_SPAM = PAGE_EN.split("\n")[9]

SHORT = "A short paragraph of plain text. It has two sentences."

OUTPUT_KEYS = {"id", "text", "metadata", "spam", "removed"}
SUMMARY_RE = re.compile(
    r"^winnow: (\d+) read, (\d+) written \((\d+) with spam\), (\d+) dropped, (\d+) errors"
    r"(?: \(([^)]*)\))?(?:; dropped \(([^)]*)\))?$")
# winnow: SOURCE: record N (id X) at offset K: CLASS: MESSAGE
ERROR_RE = re.compile(
    r"^winnow: (.+?): record (\d+)(?: \(id (.*?)\))?(?: at offset (\d+))?: ([a-z0-9-]+): (.*)$")

# The names of winnow_errclass_str, winnow_drop_str, winnow_rectype_str and
# winnow_warn_str (include/winnow.h).
ERROR_CLASSES = {
    "io", "nomem", "internal", "output", "invalid-json", "json-no-text", "record-too-big",
    "doc-too-big", "too-many-blocks", "empty-input", "garbage", "gzip-truncated",
    "gzip-corrupt", "zstd-truncated", "zstd-corrupt", "member-garbage", "warc-version",
    "content-length-missing", "content-length-nonnumeric", "content-length-overflow",
    "content-length-too-short", "content-length-too-long", "warc-truncated",
    "header-line-too-long", "too-many-headers", "header-newline", "header-bytes",
    "http-malformed", "chunked-framing", "encoding-lie", "payload-corrupt",
    "unsupported-encoding", "decompression-bomb", "binary-payload", "html-too-deep",
    "json-too-deep"}
DROP_REASONS = {"record-type", "content-type", "http-status", "empty-payload", "no-content"}
RECORD_TYPES = {"none", "warcinfo", "response", "resource", "request", "metadata", "revisit",
                "conversion", "continuation", "other"}
WARNINGS = {"lf-only", "encoding-lie", "warc-truncated-header", "charset-overridden", "repaired",
            "html-markup-cut", "html-depth-flattened"}
STATS_MAPS = {"dropped": DROP_REASONS, "errors": ERROR_CLASSES, "skipped": RECORD_TYPES,
              "warnings": WARNINGS}
STATS_NUMS = ("records_seen", "written", "spam", "bytes_in", "inputs")
STATS_KEYS = set(STATS_NUMS) | set(STATS_MAPS)

# Tests that wait on other branches (see the module's docstring).
# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


class Failure(Exception):
    pass


def check(cond, msg):
    """Fail the current test with msg unless cond holds."""
    if not cond:
        raise Failure(msg)


def short(b, n=300):
    s = b.decode("utf-8", "replace") if isinstance(b, bytes) else str(b)
    return s if len(s) <= n else s[:n] + "..."


class Result:
    def __init__(self, rc, out, err):
        self.rc, self.out, self.err = rc, out, err  # out: bytes, err: str

    def lines(self):
        return self.out.decode("utf-8").splitlines()

    def docs(self):
        """stdout as JSON lines, each checked to be one JSON object."""
        docs = []
        for i, line in enumerate(self.out.decode("utf-8").split("\n")):
            if line == "":
                continue
            try:
                d = json.loads(line)
            except ValueError as e:
                raise Failure(f"output line {i + 1} is not JSON ({e}): {short(line)}")
            check(isinstance(d, dict), f"output line {i + 1} is not an object")
            docs.append(d)
        check(self.out == b"" or self.out.endswith(b"\n"), "output does not end with a newline")
        return docs

    def doc(self):
        docs = self.docs()
        check(len(docs) == 1, f"expected one document, got {len(docs)}; stderr: {short(self.err)}")
        return docs[0]


def run(args, stdin=None, cwd=None, timeout=TIMEOUT):
    """Run winnow with args; stdin is bytes or an open file (or None: empty)."""
    kw = {"stdin": stdin} if hasattr(stdin, "read") else {
        "input": stdin if stdin is not None else b""}
    try:
        p = subprocess.run([WINNOW] + list(args), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, cwd=cwd, timeout=timeout, **kw)
    except subprocess.TimeoutExpired:
        raise Failure(f"timed out after {timeout}s: winnow {' '.join(args)}")
    check(p.returncode >= 0, f"killed by signal {-p.returncode}: winnow {' '.join(args)}; "
          f"stderr: {short(p.stderr)}")
    return Result(p.returncode, p.stdout, p.stderr.decode("utf-8", "replace"))


def write(d, name, data):
    path = os.path.join(d, name)
    with open(path, "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def jsonl(*objs):
    return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs)


class Summary:
    def __init__(self, m):
        self.read, self.written, self.spam, self.dropped, self.errors = (
            int(m.group(i)) for i in range(1, 6))
        self.by_error, self.by_drop = self._counts(m.group(6)), self._counts(m.group(7))

    @staticmethod
    def _counts(text):
        by = {}
        for part in (text or "").split(", ") if text else []:
            name, _, n = part.rpartition(" ")
            by[name] = int(n)
        return by

    def __getitem__(self, k):  # summary(r)[:2] == (read, written)
        return (self.read, self.written, self.spam, self.dropped, self.errors)[k]

    def __repr__(self):
        return (f"Summary(read={self.read}, written={self.written}, spam={self.spam}, "
                f"dropped={self.dropped} {self.by_drop}, errors={self.errors} {self.by_error})")


def summary(r):
    """The stderr summary line."""
    lines = [l for l in r.err.splitlines() if SUMMARY_RE.match(l)]
    check(len(lines) == 1, f"expected one summary line on stderr, got {len(lines)}: {short(r.err)}")
    return Summary(SUMMARY_RE.match(lines[0]))


def check_stats_obj(st, where):
    """One stats object (the totals or a file's): keys, types, non-zero map
    entries with known names, and the identity."""
    want = STATS_KEYS | ({"path"} if where != "totals" else {"files"})
    check(set(st) == want, f"{where}: keys {sorted(st)}, want {sorted(want)}")
    for k in STATS_NUMS:
        check(isinstance(st[k], int) and st[k] >= 0, f"{where}: {k} = {st[k]!r}")
    for k, names in STATS_MAPS.items():
        check(isinstance(st[k], dict), f"{where}: {k} is not an object")
        for name, n in st[k].items():
            check(name in names, f"{where}: {k} has the unknown name {name!r}")
            check(isinstance(n, int) and n > 0, f"{where}: {k}[{name!r}] = {n!r} (only non-zero)")
    errs, dropped = sum(st["errors"].values()), sum(st["dropped"].values())
    check(st["records_seen"] == st["written"] + errs + dropped,
          f"{where}: records_seen {st['records_seen']} != written {st['written']} + errors {errs}"
          f" + dropped {dropped}")
    check(sum(st["skipped"].values()) == st["dropped"].get("record-type", 0),
          f"{where}: skipped {st['skipped']} does not break down dropped[record-type]")
    check(st["spam"] <= st["written"], f"{where}: spam {st['spam']} > written {st['written']}")
    check(st["inputs"] <= len(st.get("files", [None])),
          f"{where}: inputs {st['inputs']} > files")


def stats_of(path):
    """The --stats file, checked: totals, per-file entries, and that the
    files add up to the totals."""
    with open(path, encoding="utf-8") as f:
        st = json.load(f)
    check(isinstance(st, dict) and isinstance(st.get("files"), list), f"--stats: {st}")
    check_stats_obj(st, "totals")
    for i, fs in enumerate(st["files"]):
        check(isinstance(fs, dict) and isinstance(fs.get("path"), str), f"files[{i}]: {fs}")
        check_stats_obj(fs, f"files[{i}] ({fs['path']})")
    for k in STATS_NUMS:
        total = sum(fs[k] for fs in st["files"])
        check(total == st[k], f"files add up to {k} {total}, the totals say {st[k]}")
    for k in STATS_MAPS:
        total = {}
        for fs in st["files"]:
            for name, n in fs[k].items():
                total[name] = total.get(name, 0) + n
        check(total == st[k], f"files add up to {k} {total}, the totals say {st[k]}")
    return st


def accounting(r, stats_path, docs):
    """The accounting identity, in the stats file and the summary line.
    docs: the documents written (a list, or their number)."""
    st = stats_of(stats_path)
    errs = sum(st["errors"].values())
    dropped = sum(st["dropped"].values())
    n = docs if isinstance(docs, int) else len(docs)
    check(st["written"] == n, f"stats written {st['written']}, {n} documents out")
    s = summary(r)
    check((s.read, s.written, s.spam, s.dropped, s.errors)
          == (st["records_seen"], st["written"], st["spam"], dropped, errs),
          f"summary {s} disagrees with --stats {st}")
    check(s.by_error == st["errors"], f"summary errors {s.by_error} != --stats errors {st['errors']}")
    check(s.by_drop == st["dropped"], f"summary dropped {s.by_drop} != --stats {st['dropped']}")
    return st


def file_stats(st, path):
    """The "files" entry of path (exactly one)."""
    got = [fs for fs in st["files"] if fs["path"] == path]
    check(len(got) == 1, f"{len(got)} entries for {path!r} in files: {[fs['path'] for fs in st['files']]}")
    return got[0]


def error_lines(r, source=None):
    """stderr lines reporting a record (not the summary)."""
    out = [l for l in r.err.splitlines() if not SUMMARY_RE.match(l)]
    if source is not None:
        out = [l for l in out if l.startswith(f"winnow: {source}:")]
    return out


def check_shape(d, want_id):
    check(OUTPUT_KEYS <= set(d), f"output keys {sorted(d)} lack {sorted(OUTPUT_KEYS - set(d))}")
    check(d["id"] == want_id, f"id {d['id']!r}, want {want_id!r}")
    check(isinstance(d["text"], str), "text is not a string")
    check(isinstance(d["metadata"], dict), "metadata is not an object")
    sp = d["spam"]
    check(isinstance(sp, dict) and isinstance(sp.get("injected"), bool)
          and isinstance(sp.get("kinds"), list), f"bad spam object: {sp}")
    check(sp["injected"] == bool(sp["kinds"]), f"spam.injected disagrees with kinds: {sp}")
    check(isinstance(d["removed"], list), "removed is not a list")
    for e in d["removed"]:
        check({"label", "reason", "start", "end"} <= set(e), f"removed entry lacks keys: {e}")
        check(e["label"] in ("chrome", "spam"), f"removed entry labelled {e['label']!r}")
        check(isinstance(e["start"], int) and isinstance(e["end"], int)
              and 0 <= e["start"] < e["end"], f"bad span in {e}")


def check_offsets(d, text):
    """Every removed span is a whole trimmed line of the input (code points)."""
    lines = {l.strip().lstrip("\ufeff") for l in text.split("\n")} - {""}
    prev = -1
    for e in d["removed"]:
        check(e["end"] <= len(text), f"span {e} past the end ({len(text)} code points)")
        piece = text[e["start"]:e["end"]]
        check(piece in lines, f"text[{e['start']}:{e['end']}] = {piece!r} is not a whole line")
        check(e["start"] > prev, f"removed spans out of order at {e}")
        prev = e["start"]


def removed_text(d, text):
    return {text[e["start"]:e["end"]]: e for e in d["removed"]}


# ---------------------------------------------------------------------------
# 1. Usage
# ---------------------------------------------------------------------------


def t_help(tmp):
    for args in (["--help"], ["-h"], ["clean", "--help"]):
        r = run(args)
        check(r.rc == 0, f"winnow {' '.join(args)}: exit {r.rc}")
        out = r.out.decode()
        check("usage: winnow clean" in out and "--format" in out,
              f"winnow {' '.join(args)}: no usage text: {short(out)}")
        # every option, every input kind and every format name is described
        for word in ("--explain", "--text", "--output", "--threads", "--max-doc-bytes",
                     "--max-record-bytes", "--max-header-line", "--max-headers", "--max-blocks",
                     "--stats", "--quiet", "--version",
                     "WARC", "WET", "WAT", ".gz", ".zst", "HTML", "JSONL", "DIR",
                     "standard input", "hidden", "dropped"):
            check(word in out, f"winnow {' '.join(args)}: help does not mention {word!r}")
        fmt = out[out.index("--format FMT"):].split("\n  -")[0]
        for name in ("auto", "warc", "html", "text", "jsonl"):
            check(re.search(rf"\b{name}\b", fmt), f"--format does not list {name}: {fmt!r}")
        check(max(len(l) for l in out.splitlines()) <= 80, "help lines longer than 80 columns")


def t_version(tmp):
    for args in (["--version"], ["-V"], ["clean", "--version"]):
        r = run(args)
        check(r.rc == 0, f"winnow {' '.join(args)}: exit {r.rc}")
        check(re.fullmatch(r"winnow \d+\.\d+\.\d+\S*\n", r.out.decode()),
              f"winnow {' '.join(args)}: version output {r.out!r}")


def t_usage_errors(tmp):
    page = write(tmp, "p.txt", SHORT)
    cases = [
        ([], "no command"),
        (["frobnicate"], "unknown command"),
        (["clean", "--format", "xml", page], "bad --format"),
        (["clean", "-f", "", page], "empty --format"),
        (["clean", "--threads", "0", page], "--threads 0"),
        (["clean", "-j", "257", page], "-j 257"),
        (["clean", "-j", "two", page], "-j two"),
        (["clean", "--max-doc-bytes", "0", page], "--max-doc-bytes 0"),
        (["clean", "--max-record-bytes", "1k", page], "--max-record-bytes 1k"),
        (["clean", "--format", "warc.gz", page], "--format warc.gz"),
        (["clean", "--format", "HTML", page], "--format HTML (names are lower case)"),
        (["clean", "--max-header-line", "0", page], "--max-header-line 0"),
        (["clean", "--max-header-line", "-5", page], "--max-header-line -5"),
        (["clean", "--max-headers", "many", page], "--max-headers many"),
        (["clean", "--max-headers"], "--max-headers without a value"),
        (["clean", "--stats"], "--stats without a value"),
        (["clean", "--no-such-option", page], "unknown option"),
    ]
    for args, what in cases:
        r = run(args)
        check(r.rc == 2, f"{what}: exit {r.rc}, want 2")
        check(r.err.strip() != "", f"{what}: nothing on stderr")
        check(r.out == b"", f"{what}: wrote to stdout: {short(r.out)}")


# ---------------------------------------------------------------------------
# 2. A plain text file
# ---------------------------------------------------------------------------


def t_text_zh(tmp):
    path = write(tmp, "zh.txt", PAGE_ZH)
    r = run(["clean", path])
    check(r.rc == 0, f"exit {r.rc}: {short(r.err)}")
    d = r.doc()
    check_shape(d, path)
    check_offsets(d, PAGE_ZH)
    out = d["text"].split("\n")
    check(out[0] == ZH_TITLE, f"text does not open with the title: {out[0]!r}")
    for line in ZH_BODY:
        check(line in out, f"body line lost: {line[:20]}")
    for line in (ZH_SHARE, ZH_SPAM, "首页 > 新闻 > 国内"):
        check(line not in d["text"], f"removed line kept: {line[:20]}")
    rm = removed_text(d, PAGE_ZH)
    check(rm.get(ZH_SPAM, {}).get("label") == "spam", f"spam line not removed as spam: {rm.get(ZH_SPAM)}")
    check(rm.get(ZH_SHARE, {}).get("label") == "chrome", f"share line not chrome: {rm.get(ZH_SHARE)}")
    check(d["spam"]["injected"] and "link-farm" in d["spam"]["kinds"], f"spam: {d['spam']}")
    m = d["metadata"]
    check(m.get("title") == ZH_TITLE, f"metadata.title {m.get('title')!r}")
    check(m.get("date", "").startswith("2024-11-20"), f"metadata.date {m.get('date')!r}")
    check("repairs" not in d, "repairs reported on valid input")


def t_text_en(tmp):
    path = write(tmp, "en.txt", PAGE_EN)
    r = run(["clean", "en.txt"], cwd=tmp)
    check(r.rc == 0, f"exit {r.rc}: {short(r.err)}")
    d = r.doc()
    check_shape(d, "en.txt")
    check_offsets(d, PAGE_EN)
    check(d["text"].startswith(EN_TITLE + "\n"), f"text does not open with the title: {short(d['text'], 60)}")
    for line in EN_BODY:
        check(line in d["text"].split("\n"), f"body line lost: {line[:30]}")
    rm = removed_text(d, PAGE_EN)
    check(rm.get(EN_SPAM, {}).get("label") == "spam", "spam line not removed as spam")
    check(EN_SHARE in rm, "share line not removed")
    check(set(os.listdir(tmp)) == {"en.txt"}, f"files appeared in the working directory: {os.listdir(tmp)}")
    check(os.path.isabs(path) and run(["clean", "-q", path]).doc()["id"] == path, "id is not the path given")


def t_offsets_code_points(tmp):
    """Offsets count code points: astral characters, CRLF, a BOM, leading blanks."""
    variants = {
        "astral.txt": "😀🎉 " + PAGE_ZH.replace("分享到", "🙂 分享到"),
        "crlf.txt": PAGE_EN.replace("\n", "\r\n"),
        "bom.txt": "\ufeff" + PAGE_ZH,
        "lead.txt": "\n\n   \n" + PAGE_EN,
    }
    for name, text in variants.items():
        write(tmp, name, text)
        r = run(["clean", "-q", name], cwd=tmp)
        check(r.rc == 0, f"{name}: exit {r.rc}")
        d = r.doc()
        check(len(d["removed"]) >= 3, f"{name}: only {len(d['removed'])} blocks removed")
        # a BOM marks the charset: it is not part of the document's text
        doc_text = text[1:] if text.startswith("\ufeff") else text
        try:
            check_offsets(d, doc_text)
        except Failure as e:
            raise Failure(f"{name}: {e}")


# ---------------------------------------------------------------------------
# 3. Standard input
# ---------------------------------------------------------------------------


def t_stdin(tmp):
    path = write(tmp, "zh.txt", PAGE_ZH)
    want = run(["clean", "-q", path]).doc()
    with open(path, "rb") as f:
        a = run(["clean", "-q"], stdin=f).doc()
    with open(path, "rb") as f:
        b = run(["clean", "-q", "-"], stdin=f).doc()
    for what, d in (("no FILE", a), ("FILE -", b)):
        check(d["id"] == "-", f"{what}: id {d['id']!r}, want '-'")
        check(d["text"] == want["text"], f"{what}: text differs from the file's")
        check(d["removed"] == want["removed"], f"{what}: removed differs from the file's")
        check(d["metadata"] == want["metadata"], f"{what}: metadata differs from the file's")


# ---------------------------------------------------------------------------
# 4. JSONL
# ---------------------------------------------------------------------------


def t_jsonl_ids(tmp):
    write(tmp, "in.jsonl", jsonl(
        {"id": "alpha", "text": SHORT},
        {"id": 42, "text": SHORT},
        {"text": SHORT},
        {"id": 12345678901234567890, "text": SHORT},
        {"id": -7, "text": SHORT},
    ))
    r = run(["clean", "-q", "in.jsonl"], cwd=tmp)
    check(r.rc == 0, f"exit {r.rc}")
    ids = [d["id"] for d in r.docs()]
    want = ["alpha", "42", "in.jsonl:3", "12345678901234567890", "-7"]
    check(ids == want, f"ids {ids}, want {want}")


def t_jsonl_missing_id_stdin(tmp):
    r = run(["clean", "-q", "-"], stdin=jsonl({"text": SHORT}, {"text": SHORT}).encode())
    ids = [d["id"] for d in r.docs()]
    check(ids == ["-:1", "-:2"], f"ids {ids}, want ['-:1', '-:2']")


def t_jsonl_metadata(tmp):
    write(tmp, "in.jsonl", jsonl(
        {"id": "m", "text": PAGE_EN,
         "metadata": {"title": "Input Title", "url": "https://example.org/a", "rank": 3,
                      "tags": ["x", "y"], "nested": {"k": None}}},
        {"id": "n", "text": PAGE_ZH, "metadata": {}},
    ))
    r = run(["clean", "-q", "in.jsonl"], cwd=tmp)
    check(r.rc == 0, f"exit {r.rc}")
    a, b = r.docs()
    m = a["metadata"]
    check(m.get("title") == "Input Title", f"input title did not win: {m.get('title')!r}")
    check(m.get("url") == "https://example.org/a" and m.get("rank") == 3
          and m.get("tags") == ["x", "y"] and m.get("nested") == {"k": None},
          f"input metadata not passed through: {m}")
    check(m.get("author") == "Anna Smith", f"extracted author lost: {m.get('author')!r}")
    check(b["metadata"].get("title") == ZH_TITLE, f"empty input metadata: title {b['metadata'].get('title')!r}")
    check_offsets(a, PAGE_EN)
    check_offsets(b, PAGE_ZH)
    # the output line holds a key once: input keys replace ours, not add to them
    line = r.lines()[0]
    meta_raw = line[line.index('"metadata":'):line.index(',"spam":')]
    check(meta_raw.count('"title":') == 1, f"title twice in {meta_raw}")


def meta_raw_of(line):
    return line[line.index('"metadata":') + 11:line.index(',"spam":')]


def t_jsonl_metadata_duplicates(tmp):
    """A repeated member name is written once, the first kept (as for the
    top-level keys); a name written with escapes is the same name."""
    body = json.dumps(PAGE_EN)
    write(tmp, "d.jsonl",
          '{"id":"d","text":%s,"metadata":{"title":"one","rank":1,"title":"two",'
          '"t\\u0069tle":"three","rank":2,"r\\u0061nk":3,"tags":["x"],"tags":[]}}\n' % body)
    r = run(["clean", "-q", "d.jsonl"], cwd=tmp)
    check(r.rc == 0, f"exit {r.rc}: {short(r.err)}")
    raw = meta_raw_of(r.lines()[0])
    for k in ("title", "rank", "tags"):
        check(raw.count(f'"{k}"') == 1, f"{k} not once in {raw}")
    check("u0069" not in raw and "u0061" not in raw, f"an escaped repeat kept: {raw}")
    m = r.docs()[0]["metadata"]
    check(m["title"] == "one" and m["rank"] == 1 and m["tags"] == ["x"], f"first not kept: {m}")


def t_jsonl_metadata_types(tmp):
    """An input member that gives one of winnow's keys a value of another
    type than the output's is left out, and winnow's own value (if any)
    is written; one of the right type still wins."""
    write(tmp, "t.jsonl", jsonl(
        {"id": "bad", "text": PAGE_EN,
         "metadata": {"title": 7, "author": None, "date": {"y": 1}, "http_status": "200",
                      "warnings": ["lf-only", 3], "url": ["u"], "rank": 5}},
        {"id": "good", "text": PAGE_EN,
         "metadata": {"title": "T", "http_status": 404, "warnings": ["w"], "url": "u"}},
    ))
    r = run(["clean", "-q", "t.jsonl"], cwd=tmp)
    check(r.rc == 0, f"exit {r.rc}: {short(r.err)}")
    bad, good = r.docs()
    m = bad["metadata"]
    check(m.get("title") == EN_TITLE and m.get("author") == "Anna Smith",
          f"winnow's values not written over wrong-typed input: {m}")
    check(m.get("date") == "2024-11-20", f"winnow's date not written: {m}")
    for k in ("http_status", "warnings", "url"):
        check(k not in m, f"wrong-typed input {k} passed through: {m}")
    check(m.get("rank") == 5, f"other input member lost: {m}")
    m = good["metadata"]
    check(m == {**m, "title": "T", "http_status": 404, "warnings": ["w"], "url": "u"},
          f"input of the right type did not win: {m}")
    check(meta_raw_of(r.lines()[1]).count('"title"') == 1, "title twice")


def t_jsonl_blank_lines(tmp):
    text = ("\n" + jsonl({"id": "a", "text": SHORT}) + "   \n\t\n\r\n"
            + json.dumps({"text": SHORT}) + "\r\n\n" + json.dumps({"id": "z", "text": SHORT}))
    write(tmp, "b.jsonl", text)
    r = run(["clean", "--stats", "st.json", "b.jsonl"], cwd=tmp)
    check(r.rc == 0, f"exit {r.rc}")
    docs = r.docs()
    ids = [d["id"] for d in docs]
    check(ids == ["a", "b.jsonl:6", "z"], f"ids {ids}, want ['a', 'b.jsonl:6', 'z']")
    st = accounting(r, os.path.join(tmp, "st.json"), docs)
    check(st["records_seen"] == 3 and not st["errors"], f"blank lines counted: {st}")


def make_many(n):
    objs = []
    for i in range(n):
        k = i % 5
        if k == 0:
            objs.append({"id": f"zh{i}", "text": PAGE_ZH})
        elif k == 1:
            objs.append({"id": i, "text": PAGE_EN, "metadata": {"i": i}})
        elif k == 2:
            objs.append({"text": f"Record {i}. {SHORT}"})
        elif k == 3:
            objs.append({"id": f"cut{i}", "text": PAGE_EN[:150 + i]})
        else:
            objs.append({"id": f"s{i}", "text": "首页 | 新闻 | 体育\n" + PAGE_ZH[: 60 + i % 90]})
    return objs


def t_jsonl_order_threads(tmp):
    objs = make_many(200)
    write(tmp, "many.jsonl", jsonl(*objs))
    r1 = run(["clean", "-j", "1", "many.jsonl"], cwd=tmp)
    r2 = run(["clean", "-j", "2", "many.jsonl"], cwd=tmp)
    r4 = run(["clean", "-j", "4", "many.jsonl"], cwd=tmp)
    for r in (r1, r2, r4):
        check(r.rc == 0, f"exit {r.rc}")
    check(r1.out == r2.out, "-j 1 and -j 2 outputs differ")
    check(r1.out == r4.out, "-j 1 and -j 4 outputs differ")
    docs = r1.docs()
    want = [o["id"] if isinstance(o.get("id"), str) else str(o["id"]) if "id" in o
            else f"many.jsonl:{i + 1}" for i, o in enumerate(objs)]
    got = [d["id"] for d in docs]
    check(got == want, f"output order differs from input order at "
          f"{next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), len(got))}")
    check(summary(r1)[:2] == (200, 200), f"summary: {summary(r1)}")


def t_jsonl_order_batches(tmp):
    """More records than one batch holds: order and identity across batches."""
    objs = [{"id": f"r{i}", "text": f"Record number {i}. {SHORT}"} for i in range(9000)]
    write(tmp, "big.jsonl", jsonl(*objs))
    r1 = run(["clean", "-q", "-j", "1", "big.jsonl"], cwd=tmp)
    r3 = run(["clean", "-q", "-j", "3", "big.jsonl"], cwd=tmp)
    check(r1.out == r3.out, "-j 1 and -j 3 outputs differ")
    got = [json.loads(l)["id"] for l in r1.lines()]
    check(got == [o["id"] for o in objs], "output order differs from input order")


# ---------------------------------------------------------------------------
# 5. Malformed input: the run goes on and every record is accounted for
# ---------------------------------------------------------------------------


def t_invalid_utf8(tmp):
    # UTF-8 with damage: enough valid multibyte text that the charset
    # decision reads it as UTF-8 (four valid sequences per bad one), so the
    # bad bytes are repaired rather than the page read as windows-1252
    accented = ("Les élèves ont visité le pont rénové près de l’école. Ça a "
                "été une journée agréable, très réussie, où chacun a goûté "
                "des crêpes à la crème brûlée et du café. ")
    page = PAGE_EN.replace("\n\n", "\n\n" + accented * 2 + "\n\n", 1)
    data = (b"\xff\xfd " + page.encode().replace(b"Share this", b"\xe4\xb8Share this")
            .replace(b"careful repairs", b"careful \xed\xa0\x80repairs") + b"\xc0")
    write(tmp, "bad.txt", data)
    r = run(["clean", "--stats", "st.json", "bad.txt"], cwd=tmp)
    check(r.rc == 0, f"exit {r.rc}")
    d = r.doc()
    text = data.decode("utf-8", "replace")
    check("\ufffd" in d["text"], "no U+FFFD in the output text")
    rep = d.get("repairs")
    check(isinstance(rep, dict) and rep.get("invalid_utf8", 0) > 0,
          f"repairs.invalid_utf8 missing or 0: {rep}")
    check(rep["invalid_utf8"] == text.count("\ufffd"),
          f"repairs.invalid_utf8 {rep['invalid_utf8']}, input has {text.count(chr(0xfffd))} bad sequences")
    check_offsets(d, text)
    accounting(r, os.path.join(tmp, "st.json"), [d])


def t_nul_bytes(tmp):
    data = ("Hello\x00 world.\x00 " + PAGE_EN).encode()
    write(tmp, "nul.txt", data)
    r = run(["clean", "--stats", "st.json", "nul.txt"], cwd=tmp)
    check(r.rc == 0, f"exit {r.rc}")
    check(b"\x00" not in r.out, "raw NUL in the output")
    d = r.doc()
    check((d.get("repairs") or {}).get("nul") == 2, f"repairs.nul should be 2: {d.get('repairs')}")
    check("\x00" not in d["text"], "NUL in the output text")
    check_offsets(d, data.decode())
    accounting(r, os.path.join(tmp, "st.json"), [d])


def t_jsonl_invalid_lines(tmp):
    lines = [
        json.dumps({"id": "ok1", "text": SHORT}),
        '{"id": "cut", "text": "unterminated',
        "not json at all",
        json.dumps({"id": "ok2", "text": PAGE_EN}),
        "[1, 2, 3]",
        '{"id": "x", "text": "a"} trailing',
        json.dumps({"id": "ok3", "text": SHORT}),
    ]
    write(tmp, "mix.jsonl", "\n".join(lines) + "\n")
    r = run(["clean", "--stats", "st.json", "mix.jsonl"], cwd=tmp)
    check(r.rc == 0, f"exit {r.rc}, want 0 (only records were bad)")
    docs = r.docs()
    check([d["id"] for d in docs] == ["ok1", "ok2", "ok3"], f"ids {[d['id'] for d in docs]}")
    errs = error_lines(r)
    check(len(errs) == 4, f"{len(errs)} error lines on stderr, want 4: {short(r.err, 600)}")
    for line_no, e in zip((2, 3, 5, 6), errs):
        check(e.startswith("winnow: mix.jsonl:") and f"line {line_no}" in e,
              f"error line does not name mix.jsonl and line {line_no}: {e}")
    st = accounting(r, os.path.join(tmp, "st.json"), docs)
    check(st["records_seen"] == 7 and sum(st["errors"].values()) == 4, f"stats {st}")


def t_jsonl_no_text(tmp):
    write(tmp, "nt.jsonl", jsonl({"id": "a", "body": SHORT}, {"id": "b", "text": 5},
                                 {"id": "c", "text": None}, {"id": "d", "text": SHORT}))
    r = run(["clean", "--stats", "st.json", "nt.jsonl"], cwd=tmp)
    check(r.rc == 0, f"exit {r.rc}")
    docs = r.docs()
    check([d["id"] for d in docs] == ["d"], f"ids {[d['id'] for d in docs]}")
    errs = error_lines(r, "nt.jsonl")
    check(len(errs) == 3 and all("text" in e for e in errs), f"errors: {errs}")
    check(all(f"id {i}" in e for i, e in zip("abc", errs)), f"errors do not name the ids: {errs}")
    st = accounting(r, os.path.join(tmp, "st.json"), docs)
    check(st["errors"] == {"json-no-text": 3}, f"errors {st['errors']}")


def t_jsonl_too_deep(tmp):
    """Nesting past the JSON parser's cap is json-too-deep, not
    invalid-json, in a line without text and inside metadata; the lines
    after it are read."""
    lines = ['{"id":"a","m":' + "[" * 1000 + "]" * 1000 + "}",
             '{"id":"b","text":%s,"metadata":{"k":' % json.dumps(SHORT)
             + '{"a":' * 1000 + "1" + "}" * 1000 + "}}",
             json.dumps({"id": "ok", "text": SHORT}),
             '{"id":"c","text":"x","m":[[[x]]]}']
    write(tmp, "deep.jsonl", "\n".join(lines) + "\n")
    r = run(["clean", "--stats", "st.json", "deep.jsonl"], cwd=tmp)
    check(r.rc == 0, f"exit {r.rc}: {short(r.err)}")
    check([d["id"] for d in r.docs()] == ["ok"], f"ids {[d['id'] for d in r.docs()]}")
    st = accounting(r, os.path.join(tmp, "st.json"), r.docs())
    check(st["errors"] == {"json-too-deep": 2, "invalid-json": 1}, f"errors {st['errors']}")
    errs = error_lines(r)
    check(len(errs) == 3 and ": json-too-deep: " in errs[0] and "1000" in errs[0],
          f"error lines: {short(r.err, 600)}")


def t_jsonl_u0000(tmp):
    line = ('{"id":"z","text":"Hello \\u0000 world. %s","metadata":{"k":"a\\u0000b"}}\n' % SHORT
            + '{"id":"y","text":"\\ud800 lone surrogate. %s"}\n' % SHORT)
    write(tmp, "z.jsonl", line)
    r = run(["clean", "--stats", "st.json", "z.jsonl"], cwd=tmp)
    check(r.rc == 0, f"exit {r.rc}")
    check(b"\x00" not in r.out and b"\\u0000" not in r.out, "a NUL reached the output")
    docs = r.docs()
    check([d["id"] for d in docs] == ["z", "y"], f"ids {[d['id'] for d in docs]}")
    check(docs[0]["text"].startswith("Hello \ufffd world."), f"text {docs[0]['text']!r}")
    check("\ufffd" in docs[1]["text"], f"lone surrogate: {docs[1]['text']!r}")
    # NULs of the text are counted in repairs, as in a text file; the
    # metadata's are replaced too, but repairs is about the text
    check((docs[0].get("repairs") or {}).get("nul") == 1, f"repairs: {docs[0].get('repairs')}")
    check("repairs" not in docs[1], f"lone surrogate counted: {docs[1].get('repairs')}")
    accounting(r, os.path.join(tmp, "st.json"), docs)


def t_jsonl_nul_repairs(tmp):
    """Raw NULs and \\u0000 escapes in a JSONL text count like a text
    file's NULs; the text and its offsets are those of the NUL-free text."""
    text = "Hello \x00 raw.\x00 " + PAGE_EN
    esc = json.dumps(text)  # \u0000 escapes
    raw = esc.replace("\\u0000", "\x00")
    write(tmp, "n.jsonl", '{"id":"esc","text":%s}\n{"id":"raw","text":%s}\n'
          '{"id":"both","text":%s,"metadata":{"k":"\\u0000"}}\n'
          % (esc, raw, esc[:-1] + "\x00\\u0000\"")) 
    write(tmp, "n.txt", text)
    r = run(["clean", "--stats", "st.json", "n.jsonl"], cwd=tmp)
    check(r.rc == 0, f"exit {r.rc}: {short(r.err)}")
    check(b"\x00" not in r.out and b"\\u0000" not in r.out, "a NUL reached the output")
    docs = r.docs()
    t = run(["clean", "-q", "n.txt"], cwd=tmp).doc()
    check([d["id"] for d in docs] == ["esc", "raw", "both"], f"ids {[d['id'] for d in docs]}")
    got = [(d.get("repairs") or {}).get("nul") for d in docs]
    check(got == [2, 2, 4], f"repairs.nul {got}, want [2, 2, 4]")
    check(docs[0]["text"] == t["text"] and docs[1]["text"] == t["text"],
          "JSONL text with NULs differs from the same text file's")
    for d in docs:
        check_offsets(d, text.replace("\x00", "\ufffd") + ("\ufffd\ufffd" if d["id"] == "both" else ""))
    accounting(r, os.path.join(tmp, "st.json"), docs)


def t_big_text_file(tmp):
    write(tmp, "a.txt", PAGE_ZH)
    chunk = "The quick brown fox jumps over the lazy dog. " * 1000
    with open(os.path.join(tmp, "huge.txt"), "w") as f:
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            f.write(chunk)
    write(tmp, "b.txt", PAGE_EN)
    r = run(["clean", "--stats", "st.json", "a.txt", "huge.txt", "b.txt"], cwd=tmp,
            timeout=BIG_TIMEOUT)
    check(r.rc == 0, f"exit {r.rc}, want 0")
    docs = r.docs()
    check([d["id"] for d in docs] == ["a.txt", "b.txt"], f"ids {[d['id'] for d in docs]}")
    errs = error_lines(r, "huge.txt")
    check(len(errs) == 1, f"huge.txt errors: {errs}")
    check(": doc-too-big: " in errs[0] and re.search(r"\b16777216\b|max-doc-bytes|cap", errs[0]),
          f"error does not say doc-too-big or name the cap: {errs[0]}")
    st = accounting(r, os.path.join(tmp, "st.json"), docs)
    check(st["errors"] == {"doc-too-big": 1}, f"errors {st['errors']}")


def t_record_cap(tmp):
    write(tmp, "long.jsonl", jsonl({"id": "long", "text": "word " * 400}, {"id": "ok", "text": SHORT}))
    write(tmp, "long.txt", PAGE_EN * 3)
    r = run(["clean", "--max-record-bytes", "1000", "--stats", "st.json", "long.jsonl",
             "long.txt"], cwd=tmp)
    check(r.rc == 0, f"exit {r.rc}")
    docs = r.docs()
    check([d["id"] for d in docs] == ["ok"], f"ids {[d['id'] for d in docs]}")
    for src in ("long.jsonl", "long.txt"):
        errs = error_lines(r, src)
        check(len(errs) == 1 and ": record-too-big: " in errs[0] and "1000" in errs[0],
              f"{src}: want one record-too-big error naming 1000: {errs}")
    st = accounting(r, os.path.join(tmp, "st.json"), docs)
    check(st["errors"] == {"record-too-big": 2}, f"errors {st['errors']}")


def t_max_doc_bytes(tmp):
    write(tmp, "en.txt", PAGE_EN)
    write(tmp, "s.txt", SHORT)
    r = run(["clean", "--max-doc-bytes", "200", "--stats", "st.json", "en.txt", "s.txt"], cwd=tmp)
    check(r.rc == 0, f"exit {r.rc}")
    docs = r.docs()
    check([d["id"] for d in docs] == ["s.txt"], f"ids {[d['id'] for d in docs]}")
    errs = error_lines(r, "en.txt")
    check(len(errs) == 1 and ": doc-too-big: " in errs[0] and "200" in errs[0], f"errors {errs}")
    st = accounting(r, os.path.join(tmp, "st.json"), docs)
    check(st["errors"] == {"doc-too-big": 1}, f"errors {st['errors']}")


def t_missing_input(tmp):
    write(tmp, "a.txt", PAGE_ZH)
    write(tmp, "b.txt", PAGE_EN)
    r = run(["clean", "--stats", "st.json", "a.txt", "nope.txt", "b.txt"], cwd=tmp)
    check(r.rc == 0, f"exit {r.rc}, want 0")
    docs = r.docs()
    check([d["id"] for d in docs] == ["a.txt", "b.txt"], f"ids {[d['id'] for d in docs]}")
    errs = error_lines(r, "nope.txt")
    check(len(errs) == 1 and ": record 0: io: " in errs[0], f"errors for nope.txt: {errs}")
    st = accounting(r, os.path.join(tmp, "st.json"), docs)
    check(st["errors"] == {"io": 1} and st["records_seen"] == 3, f"stats {st}")
    check([fs["path"] for fs in st["files"]] == ["a.txt", "nope.txt", "b.txt"],
          f"files {[fs['path'] for fs in st['files']]}")
    nope = file_stats(st, "nope.txt")
    check(nope["records_seen"] == 1 and nope["errors"] == {"io": 1} and nope["inputs"] == 0
          and nope["bytes_in"] == 0, f"files entry of nope.txt: {nope}")
    check(st["inputs"] == 2, f"inputs {st['inputs']}, want 2 (nope.txt was not read)")


def t_error_order(tmp):
    """Errors are reported in input order, unopenable inputs included."""
    write(tmp, "bad.jsonl", jsonl({"id": "ok", "text": SHORT}) + "{broken\n")
    write(tmp, "c.txt", SHORT)
    r = run(["clean", "bad.jsonl", "nope.txt", "c.txt"], cwd=tmp)
    check(r.rc == 0, f"exit {r.rc}")
    srcs = [e.split(":")[1].strip() for e in error_lines(r)]
    check(srcs == ["bad.jsonl", "nope.txt"], f"errors reported in the order {srcs}, "
          "want ['bad.jsonl', 'nope.txt']")


def t_many_errors(tmp):
    """Past 1000 errors stderr stops listing them; the summary still counts all."""
    write(tmp, "e.jsonl", "{bad\n" * 1100 + jsonl({"id": "last", "text": SHORT}))
    r = run(["clean", "--stats", "st.json", "e.jsonl"], cwd=tmp)
    check(r.rc == 0, f"exit {r.rc}")
    docs = r.docs()
    check([d["id"] for d in docs] == ["last"], "the valid record after the errors was lost")
    check(len(error_lines(r, "e.jsonl")) <= 1000, "more than 1000 errors listed")
    st = accounting(r, os.path.join(tmp, "st.json"), docs)
    check(st["errors"] == {"invalid-json": 1100}, f"errors {st['errors']}")


def t_only_bad_records(tmp):
    """Exit 0 when every record is bad but the run itself worked."""
    write(tmp, "all.jsonl", "{x\n[]\n" + jsonl({"id": 1}))
    r = run(["clean", "--stats", "st.json", "all.jsonl", "gone.txt"], cwd=tmp)
    check(r.rc == 0, f"exit {r.rc}, want 0")
    check(r.out == b"", f"output: {short(r.out)}")
    st = accounting(r, os.path.join(tmp, "st.json"), [])
    check(st["records_seen"] == 4 and st["written"] == 0, f"stats {st}")


def t_quiet(tmp):
    write(tmp, "a.txt", SHORT)
    r = run(["clean", "-q", "a.txt"], cwd=tmp)
    check(r.rc == 0 and r.err == "", f"-q: exit {r.rc}, stderr {short(r.err)}")
    r = run(["clean", "a.txt"], cwd=tmp)
    check(summary(r)[:2] == (1, 1), f"summary {summary(r)}")
    check(r.err == "winnow: 1 read, 1 written (0 with spam), 0 dropped, 0 errors\n",
          f"summary line {r.err!r}")


# ---------------------------------------------------------------------------
# 6. --explain and --text
# ---------------------------------------------------------------------------

BLOCK_RE = re.compile(r"^\s*(\d+)\s+(content|chrome|spam)\s+(\S.*?)\s*\|")


def t_explain(tmp):
    write(tmp, "zh.txt", PAGE_ZH)
    d = run(["clean", "-q", "zh.txt"], cwd=tmp).doc()
    for flag in ("--explain", "-e"):
        r = run(["clean", "-q", flag, "zh.txt"], cwd=tmp)
        check(r.rc == 0, f"{flag}: exit {r.rc}")
        out = r.out.decode()
        check("zh.txt" in out, f"{flag}: report does not name the document")
        blocks = [BLOCK_RE.match(l) for l in out.splitlines()]
        blocks = [m for m in blocks if m]
        nonblank = [l for l in PAGE_ZH.split("\n") if l.strip()]
        check(len(blocks) == len(nonblank), f"{flag}: {len(blocks)} block lines, page has {len(nonblank)}")
        check([int(m.group(1)) for m in blocks] == list(range(1, len(blocks) + 1)),
              f"{flag}: blocks not numbered 1..n")
        removed = [(m.group(2), m.group(3).split()[0]) for m in blocks if m.group(2) != "content"]
        want = [(e["label"], e["reason"]) for e in d["removed"]]
        check(removed == want, f"{flag}: removed blocks {removed}, JSON says {want}")
        check(sum(m.group(2) == "content" for m in blocks) == 4, f"{flag}: content blocks")
        check("spam" in {m.group(2) for m in blocks}, f"{flag}: no spam block")


def t_text_output(tmp):
    write(tmp, "zh.txt", PAGE_ZH)
    write(tmp, "en.txt", PAGE_EN)
    docs = run(["clean", "-q", "zh.txt", "en.txt"], cwd=tmp).docs()
    check(len(docs) == 2 and docs[0]["text"].startswith(ZH_TITLE), f"JSON run gave {len(docs)} documents")
    for flag in ("--text", "-t"):
        r = run(["clean", "-q", flag, "zh.txt", "en.txt"], cwd=tmp)
        check(r.rc == 0, f"{flag}: exit {r.rc}")
        want = "".join(d["text"] + "\n\n" for d in docs)
        check(r.out.decode() == want, f"{flag}: output is not the clean texts: {short(r.out)}")
        check(b'"id"' not in r.out and ZH_SPAM.encode() not in r.out, f"{flag}: not only text")


# ---------------------------------------------------------------------------
# 7-8. Output files, and failures of the run itself
# ---------------------------------------------------------------------------


def t_output_file(tmp):
    write(tmp, "zh.txt", PAGE_ZH)
    want = run(["clean", "-q", "zh.txt"], cwd=tmp).out
    write(tmp, "out.jsonl", "old contents that must go\n" * 100)
    for flag in ("-o", "--output"):
        r = run(["clean", "-q", flag, "out.jsonl", "zh.txt"], cwd=tmp)
        check(r.rc == 0, f"{flag}: exit {r.rc}")
        check(r.out == b"", f"{flag}: wrote to stdout too")
        with open(os.path.join(tmp, "out.jsonl"), "rb") as f:
            got = f.read()
        check(got == want, f"{flag}: file holds {short(got)}")


def t_output_unwritable(tmp):
    write(tmp, "a.txt", SHORT)
    r = run(["clean", "-o", "/nonexistent/dir/x", "a.txt"], cwd=tmp)
    check(r.rc != 0, "exit 0 with an output that cannot be opened")
    check("/nonexistent/dir/x" in r.err, f"message does not name the output: {short(r.err)}")
    check(r.out == b"", "documents went to stdout instead")


def t_stats_unwritable(tmp):
    write(tmp, "a.txt", SHORT)
    r = run(["clean", "--stats", "/nonexistent/dir/s.json", "a.txt"], cwd=tmp)
    check(r.rc != 0, "exit 0 when --stats cannot be written")
    check("/nonexistent/dir/s.json" in r.err, f"message does not name the stats file: {short(r.err)}")


def t_write_failure(tmp):
    if not os.path.exists("/dev/full"):
        raise Failure("/dev/full is missing: cannot test a failing output")
    write(tmp, "a.txt", PAGE_ZH)
    write(tmp, "b.txt", PAGE_EN)
    r = run(["clean", "--stats", "st.json", "-o", "/dev/full", "a.txt", "b.txt"], cwd=tmp)
    check(r.rc not in (0, 2), f"exit {r.rc} when the output cannot be written")
    check(re.search(r"write|space", r.err), f"no write error on stderr: {short(r.err)}")
    st = accounting(r, os.path.join(tmp, "st.json"), [])
    check(st["errors"] == {"output": 2}, f"errors {st['errors']}")
    # one report, for the first document; the second is only counted
    recs = [e for e in error_lines(r) if ERROR_RE.match(e)]
    check(len(recs) == 1 and ": output: " in recs[0] and recs[0].startswith("winnow: a.txt:"),
          f"error lines: {error_lines(r)}")



# ---------------------------------------------------------------------------
# 9. Directories, per-file statistics, dropped documents
# ---------------------------------------------------------------------------


def make_tree(root, files):
    """Write files {relative path: content} under root, in reverse sorted
    order (so the order of creation is not the order expected)."""
    for rel in sorted(files, reverse=True):
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        write(os.path.dirname(path), os.path.basename(path), files[rel])


TREE = {
    "b.txt": PAGE_EN,
    "a.txt": PAGE_ZH,
    "A.txt": SHORT,
    "a10.txt": "Ten. " + SHORT,
    "a2.txt": "Two. " + SHORT,
    "b-2.txt": "Bee two. " + SHORT,
    "sub/z.jsonl": jsonl({"id": "z1", "text": SHORT}, {"id": "z2", "text": PAGE_EN}),
    "sub/deeper/m.txt": "Deep. " + SHORT,
    "\u00e9.txt": "Accent. " + SHORT,
    ".hidden.txt": "Hidden. " + SHORT,
    ".git/config.txt": "Hidden dir. " + SHORT,
    "sub/.cache/x.txt": "Hidden below. " + SHORT,
}
# byte order of the names (strcmp), directories entered where they sort
TREE_ORDER = ["A.txt", "a.txt", "a10.txt", "a2.txt", "b-2.txt", "b.txt", "sub/deeper/m.txt",
              "sub/z.jsonl", "\u00e9.txt"]


def tree_ids(prefix):
    ids = []
    for rel in TREE_ORDER:
        ids += ["z1", "z2"] if rel.endswith(".jsonl") else [prefix + rel]
    return ids


def t_directory_walk(tmp):
    """A directory is walked: nested directories, hidden entries skipped,
    files in byte order of their names, one "files" entry each."""
    root = os.path.join(tmp, "corpus")
    make_tree(root, TREE)
    os.mkdir(os.path.join(root, "empty-dir"))
    r = run(["clean", "--stats", "st.json", "corpus"], cwd=tmp)
    check(r.rc == 0, f"exit {r.rc}: {short(r.err)}")
    docs = r.docs()
    got = [d["id"] for d in docs]
    check(got == tree_ids("corpus/"), f"ids {got}, want {tree_ids('corpus/')}")
    check(error_lines(r) == [], f"errors: {error_lines(r)}")
    st = accounting(r, os.path.join(tmp, "st.json"), docs)
    paths = [fs["path"] for fs in st["files"]]
    check(paths == ["corpus/" + p for p in TREE_ORDER], f"files {paths}")
    check(st["inputs"] == len(TREE_ORDER), f"inputs {st['inputs']}")
    for rel in TREE_ORDER:
        fs = file_stats(st, "corpus/" + rel)
        n = 2 if rel.endswith(".jsonl") else 1
        size = len(TREE[rel].encode())
        check((fs["records_seen"], fs["written"], fs["inputs"], fs["bytes_in"]) == (n, n, 1, size),
              f"files entry of {rel}: {fs} (want {n} records, {size} bytes)")
    check(st["bytes_in"] == sum(len(TREE[p].encode()) for p in TREE_ORDER), f"bytes_in {st['bytes_in']}")
    # the same again, and with a trailing slash: no doubled '/'
    again = run(["clean", "-q", "corpus"], cwd=tmp)
    check(again.out == r.out, "a second run over the same tree gave another output")
    slash = run(["clean", "-q", "corpus/"], cwd=tmp)
    check([d["id"] for d in slash.docs()] == tree_ids("corpus/"),
          f"corpus/: ids {[d['id'] for d in slash.docs()]}")
    # the order of the command line is kept around a directory
    write(tmp, "first.txt", "First. " + SHORT)
    write(tmp, "last.txt", "Last. " + SHORT)
    mixed = run(["clean", "-q", "first.txt", "corpus", "last.txt"], cwd=tmp)
    check([d["id"] for d in mixed.docs()] == ["first.txt"] + tree_ids("corpus/") + ["last.txt"],
          f"mixed: ids {[d['id'] for d in mixed.docs()]}")
    # an absolute path works the same
    absr = run(["clean", "-q", root])
    check([d["id"] for d in absr.docs()] == tree_ids(root + "/"), "absolute path: ids differ")


def t_directory_symlinks(tmp):
    """Links to files are read; links to directories are not followed (no
    loop); a dangling link is one io error naming it."""
    root = os.path.join(tmp, "corpus")
    make_tree(root, {"real.txt": SHORT, "sub/own.txt": "Own. " + SHORT})
    os.symlink("../real.txt", os.path.join(root, "sub", "link.txt"))
    os.symlink("..", os.path.join(root, "sub", "up"))
    os.symlink("nowhere.txt", os.path.join(root, "sub", "gone"))
    r = run(["clean", "--stats", "st.json", "corpus"], cwd=tmp)
    check(r.rc == 0, f"exit {r.rc}: {short(r.err)}")
    docs = r.docs()
    got = [d["id"] for d in docs]
    check(got == ["corpus/real.txt", "corpus/sub/link.txt", "corpus/sub/own.txt"], f"ids {got}")
    errs = error_lines(r)
    check(len(errs) == 1 and errs[0].startswith("winnow: corpus/sub/gone: record 0: io: "),
          f"errors: {errs}")
    st = accounting(r, os.path.join(tmp, "st.json"), docs)
    check([fs["path"] for fs in st["files"]] == ["corpus/real.txt", "corpus/sub/gone",
                                                 "corpus/sub/link.txt", "corpus/sub/own.txt"],
          f"files {[fs['path'] for fs in st['files']]}")
    check(file_stats(st, "corpus/sub/gone")["inputs"] == 0, "a dangling link counted as read")
    # a link to a directory named on the command line is followed, once
    r = run(["clean", "-q", "corpus/sub/up"], cwd=tmp)
    check([d["id"] for d in r.docs()] == ["corpus/sub/up/real.txt", "corpus/sub/up/sub/link.txt",
                                          "corpus/sub/up/sub/own.txt"],
          f"via the link: ids {[d['id'] for d in r.docs()]}")


def t_directory_unreadable(tmp):
    """A directory that cannot be listed is one io error naming it."""
    if os.geteuid() == 0:
        return  # root lists any directory: nothing to test
    root = os.path.join(tmp, "corpus")
    make_tree(root, {"a.txt": SHORT, "locked/x.txt": SHORT, "z.txt": "Zed. " + SHORT})
    locked = os.path.join(root, "locked")
    os.chmod(locked, 0)
    try:
        r = run(["clean", "--stats", "st.json", "corpus"], cwd=tmp)
    finally:
        os.chmod(locked, 0o755)
    check(r.rc == 0, f"exit {r.rc}")
    docs = r.docs()
    check([d["id"] for d in docs] == ["corpus/a.txt", "corpus/z.txt"], f"ids {[d['id'] for d in docs]}")
    errs = error_lines(r)
    check(len(errs) == 1 and errs[0].startswith("winnow: corpus/locked: record 0: io: "),
          f"errors: {errs}")
    st = accounting(r, os.path.join(tmp, "st.json"), docs)
    check(st["errors"] == {"io": 1}, f"errors {st['errors']}")


def t_output_inside_directory(tmp):
    """The output file inside a walked directory is not read back (no
    endless growth): one io error names it."""
    root = os.path.join(tmp, "corpus")
    make_tree(root, {"a.txt": PAGE_EN, "b.txt": PAGE_ZH})
    r = run(["clean", "-o", "corpus/out.jsonl", "corpus"], cwd=tmp)
    check(r.rc == 0, f"exit {r.rc}: {short(r.err)}")
    with open(os.path.join(root, "out.jsonl"), "rb") as f:
        got = [json.loads(l)["id"] for l in f.read().decode().splitlines()]
    check(got == ["corpus/a.txt", "corpus/b.txt"], f"ids {got}")
    errs = error_lines(r)
    check(len(errs) == 1 and errs[0].startswith("winnow: corpus/out.jsonl: record 0: io: ")
          and "output" in errs[0], f"errors: {errs}")
    # the same when standard output is that file
    with open(os.path.join(root, "so.jsonl"), "wb") as out:
        p = subprocess.run([WINNOW, "clean", "corpus"], stdout=out, stderr=subprocess.PIPE,
                           stdin=subprocess.DEVNULL, cwd=tmp, timeout=TIMEOUT)
    check(p.returncode == 0, f"stdout into the tree: exit {p.returncode}")
    check(b"corpus/so.jsonl: record 0: io: " in p.stderr, f"stderr {short(p.stderr)}")


CHROME_ONLY = ("Home | News | Sport | World\nShare this article: Facebook Twitter Email\n"
               "Copyright 2024 Example News. All rights reserved.\n")


def t_no_content_dropped(tmp):
    """A document with nothing left after cleaning is dropped as no-content
    (not an error); --explain still reports it."""
    write(tmp, "chrome.txt", CHROME_ONLY)
    write(tmp, "blank.txt", "\n   \n\t\n")
    write(tmp, "en.txt", PAGE_EN)
    write(tmp, "c.jsonl", jsonl({"id": "c1", "text": CHROME_ONLY}, {"id": "ok", "text": SHORT}))
    names = ["chrome.txt", "blank.txt", "en.txt", "c.jsonl"]
    r = run(["clean", "--stats", "st.json"] + names, cwd=tmp)
    check(r.rc == 0, f"exit {r.rc}")
    docs = r.docs()
    check([d["id"] for d in docs] == ["en.txt", "ok"], f"ids {[d['id'] for d in docs]}")
    check(error_lines(r) == [], f"a dropped document was reported as an error: {error_lines(r)}")
    st = accounting(r, os.path.join(tmp, "st.json"), docs)
    check(st["dropped"] == {"no-content": 3} and st["errors"] == {}, f"stats {st}")
    check(file_stats(st, "chrome.txt")["dropped"] == {"no-content": 1}, "chrome.txt not dropped")
    check(file_stats(st, "c.jsonl")["dropped"] == {"no-content": 1}
          and file_stats(st, "c.jsonl")["written"] == 1, f"c.jsonl: {file_stats(st, 'c.jsonl')}")
    s = summary(r)
    check(s.dropped == 3 and s.by_drop == {"no-content": 3}, f"summary {s}")
    # --text: no blank entry for a dropped document
    t = run(["clean", "-q", "--text"] + names, cwd=tmp)
    check(t.out.decode() == "".join(d["text"] + "\n\n" for d in docs), f"--text: {short(t.out)}")
    # --explain writes every document
    e = run(["clean", "--explain", "--stats", "se.json"] + names, cwd=tmp)
    heads = [l.split()[1] for l in e.out.decode().splitlines() if l.startswith("=== ")]
    check(heads == ["chrome.txt", "blank.txt", "en.txt", "c1", "ok"], f"--explain sections {heads}")
    se = accounting(e, os.path.join(tmp, "se.json"), 5)
    check(se["dropped"] == {}, f"--explain dropped {se['dropped']}")


def t_stats_per_file(tmp):
    """--stats: one entry per input file, in order, adding up to the totals."""
    write(tmp, "a.txt", PAGE_ZH)
    write(tmp, "bad.jsonl", jsonl({"id": "ok", "text": SHORT}) + "{broken\n"
          + jsonl({"id": "nt", "body": 1}))
    write(tmp, "chrome.txt", CHROME_ONLY)
    make_tree(os.path.join(tmp, "d"), {"x.txt": PAGE_EN, "y.jsonl": jsonl({"text": SHORT})})
    args = ["a.txt", "bad.jsonl", "missing.txt", "chrome.txt", "d"]
    r = run(["clean", "--stats", "st.json"] + args, cwd=tmp)
    check(r.rc == 0, f"exit {r.rc}")
    docs = r.docs()
    st = accounting(r, os.path.join(tmp, "st.json"), docs)
    paths = ["a.txt", "bad.jsonl", "missing.txt", "chrome.txt", "d/x.txt", "d/y.jsonl"]
    check([fs["path"] for fs in st["files"]] == paths, f"files {[fs['path'] for fs in st['files']]}")
    want = {
        "a.txt": (1, 1, {}, {}, 1),
        "bad.jsonl": (3, 1, {"invalid-json": 1, "json-no-text": 1}, {}, 1),
        "missing.txt": (1, 0, {"io": 1}, {}, 0),
        "chrome.txt": (1, 0, {}, {"no-content": 1}, 1),
        "d/x.txt": (1, 1, {}, {}, 1),
        "d/y.jsonl": (1, 1, {}, {}, 1),
    }
    for path, (n, w, errs, drops, inputs) in want.items():
        fs = file_stats(st, path)
        got = (fs["records_seen"], fs["written"], fs["errors"], fs["dropped"], fs["inputs"])
        check(got == (n, w, errs, drops, inputs), f"{path}: {got}, want {(n, w, errs, drops, inputs)}")
        size = os.path.getsize(os.path.join(tmp, path)) if inputs else 0
        check(fs["bytes_in"] == size, f"{path}: bytes_in {fs['bytes_in']}, the file has {size}")
    check(file_stats(st, "a.txt")["spam"] == 1, "a.txt: spam not counted")
    check(st["inputs"] == 5 and st["records_seen"] == 8, f"totals {st}")
    # without --stats nothing is written anywhere
    check(not os.path.exists(os.path.join(tmp, "st2.json")), "")


def t_threads_identical(tmp):
    """-j1, -j2 and -j3 give the same output, the same error lines in the
    same order, and the same statistics."""
    root = os.path.join(tmp, "corpus")
    files = dict(TREE)
    files["many.jsonl"] = jsonl(*make_many(300)) + "{bad\n" + jsonl({"id": "nt", "x": 1})
    files["sub/chrome.txt"] = CHROME_ONLY
    files["zz/e.jsonl"] = "{x\n" * 20 + jsonl({"id": "after", "text": SHORT})
    make_tree(root, files)
    outs = []
    for j in ("1", "2", "3"):
        r = run(["clean", "-j", j, "--stats", f"st{j}.json", "corpus", "missing.txt"], cwd=tmp)
        check(r.rc == 0, f"-j {j}: exit {r.rc}")
        with open(os.path.join(tmp, f"st{j}.json"), "rb") as f:
            outs.append((r.out, r.err, f.read()))
        accounting(r, os.path.join(tmp, f"st{j}.json"), r.docs())
    for j, o in zip(("2", "3"), outs[1:]):
        check(o[0] == outs[0][0], f"-j 1 and -j {j}: outputs differ")
        check(o[1] == outs[0][1], f"-j 1 and -j {j}: stderr differs")
        check(o[2] == outs[0][2], f"-j 1 and -j {j}: --stats differ")
    errs = error_lines(Result(0, b"", outs[0][1]))
    check(len(errs) == 23 and all(ERROR_RE.match(e) for e in errs), f"error lines: {errs}")


def t_zero_byte_accounted(tmp):
    """A zero-byte input is accounted for and writes nothing, whichever way
    the reader classes it (see t_zero_byte_input for the contract)."""
    write(tmp, "empty.txt", b"")
    write(tmp, "empty.jsonl", b"")
    write(tmp, "a.txt", SHORT)
    r = run(["clean", "--stats", "st.json", "empty.txt", "a.txt"], cwd=tmp)
    check(r.rc == 0, f"exit {r.rc}")
    docs = r.docs()
    check([d["id"] for d in docs] == ["a.txt"], f"ids {[d['id'] for d in docs]}")
    st = accounting(r, os.path.join(tmp, "st.json"), docs)
    fs = file_stats(st, "empty.txt")
    check(fs["records_seen"] == 1 and fs["written"] == 0 and fs["inputs"] == 1
          and fs["bytes_in"] == 0, f"empty.txt: {fs}")
    check(fs["errors"] in ({"empty-input": 1}, {}) and
          (fs["errors"] or fs["dropped"] == {"no-content": 1}), f"empty.txt: {fs}")
    # JSONL: no line, no record, no error
    r = run(["clean", "--format", "jsonl", "--stats", "sj.json", "empty.jsonl"], cwd=tmp)
    check(r.rc == 0 and r.out == b"", f"empty JSONL: exit {r.rc}, output {short(r.out)}")
    sj = accounting(r, os.path.join(tmp, "sj.json"), 0)
    check((sj["records_seen"], sj["inputs"], sj["errors"]) == (0, 1, {}), f"empty JSONL: {sj}")


def t_zero_byte_input(tmp):
    """The header's contract: a zero-byte input that is not
    JSONL is one record in error of class empty-input (file and stdin)."""
    write(tmp, "empty.txt", b"")
    write(tmp, "a.txt", SHORT)
    r = run(["clean", "--stats", "st.json", "empty.txt", "a.txt"], cwd=tmp)
    check(r.rc == 0, f"exit {r.rc}")
    docs = r.docs()
    st = accounting(r, os.path.join(tmp, "st.json"), docs)
    check(st["errors"] == {"empty-input": 1} and st["dropped"] == {}, f"stats {st}")
    errs = error_lines(r, "empty.txt")
    check(len(errs) == 1 and ERROR_RE.match(errs[0]) and ": empty-input: " in errs[0],
          f"error lines {errs}")
    r = run(["clean", "--stats", "st.json"], stdin=b"", cwd=tmp)
    st = accounting(r, os.path.join(tmp, "st.json"), 0)
    check(st["errors"] == {"empty-input": 1}, f"stdin: {st}")


def t_error_line_format(tmp):
    """winnow: SOURCE: record N (id X) at offset K: CLASS: MESSAGE"""
    l1 = json.dumps({"id": "ok", "text": SHORT})
    l2 = "{broken"
    l3 = json.dumps({"id": "x", "body": 1})
    write(tmp, "bad.jsonl", "\n".join([l1, l2, l3]) + "\n")
    r = run(["clean", "bad.jsonl", "missing.txt"], cwd=tmp)
    check(r.rc == 0, f"exit {r.rc}")
    errs = error_lines(r)
    check(len(errs) == 3, f"error lines {errs}")
    got = []
    for e in errs:
        m = ERROR_RE.match(e)
        check(m, f"error line does not parse: {e}")
        got.append(m.groups()[:5])
    want = [("bad.jsonl", "2", "bad.jsonl:2", str(len(l1) + 1), "invalid-json"),
            ("bad.jsonl", "3", "x", str(len(l1) + len(l2) + 2), "json-no-text"),
            ("missing.txt", "0", None, None, "io")]
    check(got == want, f"error lines {got}, want {want}")
    check("missing.txt" in ERROR_RE.match(errs[2]).group(6), f"message: {errs[2]}")


def t_max_header_options(tmp):
    """The header caps are accepted (text input has no headers)."""
    write(tmp, "a.txt", PAGE_EN)
    r = run(["clean", "-q", "--max-header-line", "100", "--max-headers", "3", "a.txt"], cwd=tmp)
    check(r.rc == 0, f"exit {r.rc}: {short(r.err)}")
    check(r.doc()["id"] == "a.txt", "no document")


PAGE_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Old Bridge Reopens | Example News</title></head>
<body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/europe">Europe</a></nav>
<article>
<h1>%s</h1>
<p>%s</p>
<p>%s</p>
<p>%s</p>
</article>
<footer>Copyright 2024 Example News. All rights reserved.</footer>
</body></html>
""" % (EN_TITLE, *EN_BODY)


def t_format_html(tmp):
    """HTML input: --format html, and --format
    auto by the name or by sniffing the markup."""
    write(tmp, "page.html", PAGE_HTML)
    write(tmp, "page.dat", PAGE_HTML)
    for args in (["--format", "html", "page.html"], ["page.html"], ["page.dat"],
                 ["--format", "html", "-"]):
        stdin = PAGE_HTML.encode() if args[-1] == "-" else None
        r = run(["clean", "--stats", "st.json"] + args, cwd=tmp, stdin=stdin)
        check(r.rc == 0, f"{args}: exit {r.rc}: {short(r.err)}")
        d = r.doc()
        for line in EN_BODY:
            check(line in d["text"], f"{args}: body line lost: {line[:30]}")
        check("<" not in d["text"] and "Copyright" not in d["text"], f"{args}: text {short(d['text'])}")
        accounting(r, os.path.join(tmp, "st.json"), [d])


def t_html_recovery(tmp):
    """Markup libxml2 misreads keeps the text a reader sees: a <title> never
    closed, end tags before the page starts, a tag of 1000 attributes,
    nesting past the cap (the last two with their warnings)."""
    body = "".join(f"<p>{line}</p>" for line in EN_BODY)
    attrs = "".join(f" data-a{i}=x" for i in range(1000))
    pages = {
        "title.html": (f"<html><title>{EN_TITLE}\n{body}</html>", []),
        "cut.html": (f"</div></td></tr></table>\n{body}", []),
        "attrs.html": (f"<div{attrs}>{body}</div>", ["html-markup-cut"]),
        "deep.html": ("<div>" * 70000 + body, ["html-depth-flattened"]),
    }
    for name, (page, warnings) in pages.items():
        write(tmp, name, page)
        r = run(["clean", "--stats", "st.json", name], cwd=tmp)
        check(r.rc == 0, f"{name}: exit {r.rc}: {short(r.err)}")
        d = r.doc()
        for line in EN_BODY:
            check(line in d["text"], f"{name}: body line lost: {line[:30]}")
        check(d["metadata"].get("warnings", []) == warnings,
              f"{name}: warnings {d['metadata'].get('warnings')}")
        st = accounting(r, os.path.join(tmp, "st.json"), [d])
        check(st["warnings"] == {w: 1 for w in warnings}, f"{name}: stats warnings {st['warnings']}")
    r = run(["clean", "title.html"], cwd=tmp)
    check(r.doc()["metadata"].get("title") == EN_TITLE, f"title {r.doc()['metadata'].get('title')}")


def html_removed(tmp, name, page):
    """Clean one HTML page: its text and the removed spans' (reason, text)."""
    write(tmp, name, page)
    r = run(["clean", name], cwd=tmp)
    check(r.rc == 0, f"exit {r.rc}: {short(r.err)}")
    d = r.doc()
    src = run(["clean", "-e", name], cwd=tmp)
    check(src.rc == 0, f"--explain exit {src.rc}")
    return d["text"], [e["reason"] for e in d["removed"]], src.out.decode()


def t_html_hidden(tmp):
    """Text the page hides (hidden, aria-hidden="true", an inline
    display:none or visibility:hidden) is chrome with the reason hidden,
    even sentences inside the article; the article stays whole."""
    hidden = ["Limited offer: buy cheap watches today at our partner store and save a lot.",
              "Everybody who reads this sentence should visit the casino site right away now.",
              "This paragraph is kept for screen readers only and never shows on the page.",
              "A dialog nobody opened still sits in the markup with a long sentence of text."]
    page = ("<!doctype html><html><head><title>t</title></head><body><article>"
            f"<h1>{EN_TITLE}</h1><p>{EN_BODY[0]}</p>"
            f'<div style="color: red; DISPLAY: none !important"><p>{hidden[0]}</p></div>'
            f"<p>{EN_BODY[1]}</p><p hidden>{hidden[1]}</p>"
            f'<p aria-hidden="true">{hidden[2]}</p>'
            f"<p>{EN_BODY[2]}</p>"
            f'<div style="visibility:hidden">{hidden[3]}</div>'
            "</article></body></html>")
    text, reasons, explain = html_removed(tmp, "hidden.html", page)
    for line in EN_BODY:
        check(line in text, f"article line lost: {line[:30]}")
    for line in hidden:
        check(line not in text, f"hidden text kept: {line[:30]}")
    check(reasons.count("hidden") == 4, f"reasons {reasons}")
    check(explain.count(" hidden ") == 4, "--explain does not say hidden")


def t_html_link_regions(tmp):
    """Link lists of regions the page marks as chrome (nav, footer, aside
    elements, ARIA roles, class or id tokens) are chrome (link-dense),
    also inside the article; a paragraph that talks about navigation and
    has a link, and a paragraph in a "related" box that is not link text,
    stay."""
    nav_para = ("The new bridge improves navigation on the river, the harbour office said, "
                'and the <a href="/map">new map</a> shows the channels boats should use.')
    related = ["Council approves budget for the harbour", "Flood defences tested again this week",
               "Ferry timetable changes from Monday"]
    items = "".join(f'<li><a href="/r{i}">{t}</a></li>' for i, t in enumerate(related))
    page = ("<!doctype html><html><head><title>t</title></head><body class=\"has-sidebar\">"
            '<div role="navigation"><a href="/">Home</a> | <a href="/n">News</a> | '
            '<a href="/s">Sport</a></div>'
            f"<main><h1>{EN_TITLE}</h1><p>{EN_BODY[0]}</p>"
            f'<div class="related-posts"><h3><a href="/more">Harbour stories</a></h3><ul>{items}</ul>'
            "<p>Our reporters follow the harbour works every week and write about them.</p></div>"
            f"<p>{nav_para}</p><p>{EN_BODY[1]}</p><p>{EN_BODY[2]}</p>"
            '<div id="pinglun-box"><a href="/c1">Comment</a> <a href="/c2">Reply</a></div>'
            "</main>"
            '<footer><ul><li><a href="/about">About us</a></li><li><a href="/jobs">Jobs</a></li>'
            '<li><a href="/terms">Terms of use</a></li></ul></footer></body></html>')
    text, reasons, _ = html_removed(tmp, "regions.html", page)
    for line in EN_BODY:
        check(line in text, f"article line lost: {line[:30]}")
    check("improves navigation on the river" in text, "the paragraph about navigation was lost")
    check("Our reporters follow" in text, "prose in a related box was lost")
    for t in related + ["Harbour stories", "About us", "Terms of use", "Reply", "Sport"]:
        check(t not in text, f"link list kept: {t}")
    check(reasons.count("link-dense") >= 8, f"reasons {reasons}")


def t_page_meta(tmp):
    """What a page says of itself: og:title (without the site's name) over
    the <title>, the JSON-LD date and author over a date line and a byline
    in the text, og:site_name, the description, <html lang>, the canonical
    link; keywords never reach the text. A page without them keeps what
    the text gives, and its <title> loses the site's name."""
    body = "".join(f"<p>{line}</p>" for line in EN_BODY)
    ld = ('{"@context":"https://schema.org","@type":"NewsArticle",'
          '"headline":"JSON-LD headline","datePublished":"2024-05-06T07:08:09+02:00",'
          '"author":[{"@type":"Person","name":"Ann Reporter"}],'
          '"publisher":{"name":"Publisher Name"}}')
    page = (
        '<!doctype html><html lang="en-GB"><head>'
        f"<title>{EN_TITLE} | River Post</title>"
        f'<meta property="og:title" content="{EN_TITLE} - River Post">'
        '<meta property="og:site_name" content="River Post">'
        '<meta name="description" content="A short summary.">'
        '<meta name="keywords" content="bridge, repairs, zzkeywordzz">'
        '<meta name="author" content="@riverpost">'
        '<link rel="canonical" href="https://river.example/bridge">'
        f'<script type="application/LD+JSON">{ld}</script>'
        "</head><body>"
        f"<h1>{EN_TITLE}</h1><p>By Someone Else</p><p>2021-01-01 10:00</p>{body}"
        "</body></html>")
    write(tmp, "meta.html", page)
    r = run(["clean", "meta.html"], cwd=tmp)
    check(r.rc == 0, f"exit {r.rc}: {short(r.err)}")
    d = r.doc()
    m = d["metadata"]
    want = {"title": EN_TITLE, "date": "2024-05-06T07:08:09+02:00", "author": "Ann Reporter",
            "sitename": "River Post", "description": "A short summary.", "lang": "en-GB",
            "canonical_url": "https://river.example/bridge"}
    for k, v in want.items():
        check(m.get(k) == v, f"metadata {k} = {m.get(k)!r}, want {v!r}")
    check("zzkeywordzz" not in d["text"] and "keywords" not in m, "keywords leaked")
    for line in EN_BODY:
        check(line in d["text"], f"body line lost: {line[:30]}")
    plain = (f"<html><head><title>{EN_TITLE} | River Post</title></head>"
             f"<body>{body}</body></html>")
    write(tmp, "plain.html", plain)
    m = run(["clean", "plain.html"], cwd=tmp).doc()["metadata"]
    check(m.get("title") == EN_TITLE, f"plain title {m.get('title')!r}")
    for k in ("sitename", "description", "lang", "canonical_url"):
        check(k not in m, f"plain page: {k} = {m.get(k)!r}")


def t_extract(tmp):
    """winnow extract = clean --text --quiet; a page wrapped in a crawler's
    own tag is still sniffed as HTML, from a file or from stdin."""
    write(tmp, "page.html", PAGE_HTML)
    want = run(["clean", "--text", "-q", "page.html"], cwd=tmp)
    got = run(["extract", "page.html"], cwd=tmp)
    check(got.rc == 0 and got.out == want.out and got.err == "",
          f"extract differs from clean --text -q: {short(got.out)} / {short(got.err)}")
    wrapped = ('<text id="u1" encoding="utf-8">\n' + PAGE_HTML).encode()
    r = run(["extract"], cwd=tmp, stdin=wrapped)
    check(r.rc == 0, f"exit {r.rc}")
    out = r.out.decode()
    for line in EN_BODY:
        check(line in out, f"wrapped page: body line lost: {line[:30]}")
    check("<" not in out, f"wrapped page read as text: {short(out)}")


def warc_record(wtype, fields, block):
    head = [b"WARC/1.1", b"WARC-Type: " + wtype,
            b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012x>" % zlib.crc32(wtype + block),
            b"WARC-Date: 2024-11-20T09:58:07Z"]
    head += fields + [b"Content-Length: %d" % len(block)]
    return b"\r\n".join(head) + b"\r\n\r\n" + block + b"\r\n\r\n"


def http(status, ctype, body):
    return (b"HTTP/1.1 " + status + b"\r\nContent-Type: " + ctype
            + b"\r\nContent-Length: %d\r\n\r\n" % len(body) + body)


def t_warc_input(tmp):
    """A WARC file: documents from HTML responses, drop
    reasons and skipped types counted, the same through gzip, and the
    header caps."""
    import gzip
    uri = b"WARC-Target-URI: https://example.org/bridge"
    recs = [
        warc_record(b"warcinfo", [b"Content-Type: application/warc-fields"], b"software: test\r\n"),
        warc_record(b"request", [uri, b"Content-Type: application/http;msgtype=request"],
                    b"GET /bridge HTTP/1.1\r\nHost: example.org\r\n\r\n"),
        warc_record(b"response", [uri, b"Content-Type: application/http;msgtype=response"],
                    http(b"200 OK", b"text/html; charset=utf-8", PAGE_HTML.encode())),
        warc_record(b"response", [b"WARC-Target-URI: https://example.org/a.png",
                                  b"Content-Type: application/http;msgtype=response"],
                    http(b"200 OK", b"image/png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))),
        warc_record(b"response", [b"WARC-Target-URI: https://example.org/gone",
                                  b"Content-Type: application/http;msgtype=response"],
                    http(b"404 Not Found", b"text/html", b"<html><body><p>Not found</p></body></html>")),
        warc_record(b"metadata", [uri, b"Content-Type: application/warc-fields"], b"fetchTimeMs: 5\r\n"),
    ]
    write(tmp, "a.warc", b"".join(recs))
    write(tmp, "a.warc.gz", b"".join(gzip.compress(x, mtime=0) for x in recs))
    outs = []
    for name in ("a.warc", "a.warc.gz"):
        r = run(["clean", "--stats", "st.json", name], cwd=tmp)
        check(r.rc == 0, f"{name}: exit {r.rc}: {short(r.err)}")
        d = r.doc()
        for line in EN_BODY:
            check(line in d["text"], f"{name}: body line lost: {line[:30]}")
        st = accounting(r, os.path.join(tmp, "st.json"), [d])
        check(st["records_seen"] == 6 and st["errors"] == {}, f"{name}: {st}")
        check(st["dropped"] == {"record-type": 3, "content-type": 1, "http-status": 1},
              f"{name}: dropped {st['dropped']}")
        check(st["skipped"] == {"warcinfo": 1, "request": 1, "metadata": 1},
              f"{name}: skipped {st['skipped']}")
        check(st["bytes_in"] == os.path.getsize(os.path.join(tmp, name)), f"{name}: bytes_in")
        outs.append(r.out)
    check(outs[0] == outs[1], "a.warc and a.warc.gz give different documents")
    r = run(["clean", "--format", "warc", "--max-headers", "2", "--stats", "st.json", "a.warc"],
            cwd=tmp)
    st = accounting(r, os.path.join(tmp, "st.json"), r.docs())
    check("too-many-headers" in st["errors"], f"--max-headers 2: {st}")
    r = run(["clean", "--max-header-line", "20", "--stats", "st.json", "a.warc"], cwd=tmp)
    st = accounting(r, os.path.join(tmp, "st.json"), r.docs())
    check("header-line-too-long" in st["errors"], f"--max-header-line 20: {st}")
    # caps shorter than "WARC/1." were a false out-of-memory error that ended the run
    for cap in ("1", "2", "3", "8", "16"):
        r = run(["clean", "--max-header-line", cap, "--stats", "st.json", "a.warc"], cwd=tmp)
        st = accounting(r, os.path.join(tmp, "st.json"), r.docs())
        check(st["records_seen"] == 6 and st["errors"] == {"header-line-too-long": 6},
              f"--max-header-line {cap}: {st}")

TESTS = [
    t_help, t_version, t_usage_errors, t_extract,
    t_text_zh, t_text_en, t_offsets_code_points,
    t_stdin,
    t_jsonl_ids, t_jsonl_missing_id_stdin, t_jsonl_metadata, t_jsonl_metadata_duplicates,
    t_jsonl_metadata_types,
    t_jsonl_blank_lines, t_jsonl_order_threads, t_jsonl_order_batches,
    t_invalid_utf8, t_nul_bytes, t_jsonl_invalid_lines, t_jsonl_no_text,
    t_jsonl_u0000, t_jsonl_nul_repairs, t_jsonl_too_deep, t_big_text_file, t_record_cap, t_max_doc_bytes, t_missing_input,
    t_error_order, t_many_errors, t_only_bad_records, t_quiet,
    t_explain, t_text_output,
    t_output_file, t_output_unwritable, t_stats_unwritable, t_write_failure,
    t_directory_walk, t_directory_symlinks, t_directory_unreadable, t_output_inside_directory,
    t_no_content_dropped, t_stats_per_file, t_threads_identical, t_zero_byte_accounted,
    t_zero_byte_input, t_error_line_format, t_max_header_options, t_format_html, t_html_recovery,
    t_page_meta, t_html_hidden, t_html_link_regions,
    t_warc_input,
]


def main():
    global WINNOW
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--winnow", required=True, help="path of the winnow command")
    ap.add_argument("-k", metavar="NAME", help="run only tests whose name contains NAME")
    args = ap.parse_args()
    WINNOW = os.path.abspath(args.winnow)
    if not os.access(WINNOW, os.X_OK):
        print(f"cli: {WINNOW} is not an executable")
        print("cli: 0 passed, 1 failed")
        return 1
    passed = failed = 0
    for t in TESTS:
        if args.k and args.k not in t.__name__:
            continue
        with tempfile.TemporaryDirectory(prefix="winnow-cli-") as tmp:
            try:
                t(tmp)
                err = None
            except Failure as e:
                err = str(e)
            except Exception:
                tb = traceback.format_exc().strip().splitlines()
                err = f"exception: {tb[-1]} ({tb[-3].strip() if len(tb) > 2 else ''})"
        if err is None:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {t.__name__}: {err}")
    print(f"cli: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
