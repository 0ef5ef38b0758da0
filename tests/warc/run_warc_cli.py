#!/usr/bin/env python3
"""End-to-end tests of `winnow clean` on web archives.

Usage (from the repository root, as ctest runs it):
    python3 tests/warc/run_warc_cli.py --winnow build/winnow [-k NAME] [--update] [--keep]

Generates the archive corpus with tests/warc/gen_warc.py --cli into a
temporary directory (real-shaped Common Crawl and raw-payload archives, their
WET and WAT, each plain / .gz / .zst; one small file per malformed class;
bombs; files for the caps) and runs the command on it:

  - every malformed file gives exactly its error classes, its written ids,
    drops, skipped types and warnings, and the accounting identity holds,
    per file and in total (records_seen = written + dropped + errors;
    skipped adds up to dropped["record-type"]);
  - error lines on stderr have the documented shape and agree with --stats;
  - the real-shaped archives match the goldens in tests/warc/expected/
    (--update rewrites them: review them by eye), and each document's id,
    url, http_status, charset and charset_source are checked by hand;
  - WET gives text documents, WAT gives none and no error;
  - plain / .gz / .zst (and a whole-file gzip) give identical output;
  - -j1 and -j2 give byte-identical output;
  - an archive piped to `winnow clean -f warc -` in 1-, 7- and 4096-byte
    writes gives the same output as the file;
  - a directory of all files: totals are the sum of the per-file entries,
    each entry equals that file's own run, output and errors come in order;
  - --max-record-bytes, --max-header-line and --max-headers make counted
    record-too-big / decompression-bomb / header-line-too-long /
    too-many-headers records.

Prints one line per failure and closes with "warc_cli: N passed, N failed";
exits 1 if any test failed (2 if the corpus cannot be generated).
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
GEN = os.path.join(HERE, "gen_warc.py")
EXPECTED = os.path.join(HERE, "expected")
PYTHON = sys.executable or "/usr/bin/python3"

WINNOW = None   # path of the command, from --winnow
ROOT = None     # temporary directory: the command runs here
CORPUS = "corpus"  # the corpus, relative to ROOT (so ids of files are "corpus/NAME")
INFO = None     # .corpus.json written by the generator
UPDATE = False  # --update: rewrite the goldens
TIMEOUT = 120   # seconds per run (bombs under ASan)

ERRCLASSES = {
    "io", "nomem", "internal", "output", "invalid-json", "json-no-text", "record-too-big",
    "doc-too-big", "too-many-blocks", "empty-input", "garbage", "gzip-truncated", "gzip-corrupt",
    "zstd-truncated", "zstd-corrupt", "member-garbage", "warc-version", "content-length-missing",
    "content-length-nonnumeric", "content-length-overflow", "content-length-too-short",
    "content-length-too-long", "warc-truncated", "header-line-too-long", "too-many-headers",
    "header-newline", "header-bytes", "http-malformed", "chunked-framing", "encoding-lie",
    "payload-corrupt", "unsupported-encoding", "decompression-bomb", "binary-payload",
    "html-too-deep", "json-too-deep"}
DROPS = {"record-type", "content-type", "http-status", "empty-payload", "no-content"}
SKIPPED = {"warcinfo", "request", "metadata", "revisit", "continuation", "other"}
WARNINGS = {"lf-only", "encoding-lie", "warc-truncated-header", "charset-overridden", "repaired"}
COUNTS = ("records_seen", "written", "spam", "bytes_in")
MAPS = ("dropped", "errors", "skipped", "warnings")
OUTPUT_KEYS = {"id", "text", "metadata", "spam", "removed"}
ERROR_RE = re.compile(r"^winnow: (?P<src>.+?): record (?P<idx>\d+)(?: \(id (?P<id>.*?)\))? "
                      r"at offset (?P<off>\d+): (?P<cls>[a-z0-9-]+): (?P<msg>.+)$")


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


class Failure(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Failure(msg)


def short(b, n=400):
    s = b.decode("utf-8", "replace") if isinstance(b, bytes) else str(b)
    return s if len(s) <= n else s[:n] + "..."


def uid(n):
    """The output id of record rid(n) of the generator."""
    return "urn:uuid:00000000-0000-0000-0000-%012d" % n


def ids(*ns):
    return [uid(n) for n in ns]


def cpath(name):
    return os.path.join(CORPUS, name)


def exists(name):
    return os.path.exists(os.path.join(ROOT, CORPUS, name))


class Result:
    def __init__(self, args, rc, out, err, stats):
        self.args, self.rc, self.out, self.err, self.stats = args, rc, out, err, stats

    def what(self):
        return "winnow " + " ".join(self.args)

    def docs(self):
        docs = []
        try:
            text = self.out.decode("utf-8")
        except UnicodeDecodeError as e:
            raise Failure(f"{self.what()}: the output is not UTF-8 ({e})")
        for i, line in enumerate(text.split("\n")):
            if line == "":
                continue
            try:
                d = json.loads(line)
            except ValueError as e:
                raise Failure(f"{self.what()}: output line {i + 1} is not JSON ({e}): "
                              f"{short(line)}")
            check(isinstance(d, dict) and OUTPUT_KEYS <= set(d),
                  f"{self.what()}: output line {i + 1} lacks keys {OUTPUT_KEYS}: {short(line)}")
            docs.append(d)
        check(self.out == b"" or self.out.endswith(b"\n"), f"{self.what()}: no final newline")
        return docs

    def error_lines(self):
        """Lines reporting a record in error, parsed; every line that names a
        record must have the documented shape."""
        out = []
        for line in self.err.splitlines():
            if not line.startswith("winnow: ") or ": record " not in line:
                continue
            m = ERROR_RE.match(line)
            check(m, f"{self.what()}: error line not of the form 'winnow: SOURCE: record N "
                     f"(id ID) at offset OFF: CLASS: MESSAGE': {short(line)}")
            out.append(m)
        return out


def run(args, timeout=TIMEOUT):
    """winnow ARGS (ARGS[0] is the subcommand) in ROOT, with --stats."""
    args = list(args)
    st_path = os.path.join(ROOT, "st.json")
    if os.path.exists(st_path):
        os.unlink(st_path)
    full = [args[0], "--stats", st_path] + args[1:]
    try:
        p = subprocess.run([WINNOW] + full, cwd=ROOT, stdin=subprocess.DEVNULL, timeout=timeout,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except subprocess.TimeoutExpired:
        raise Failure(f"timed out after {timeout}s: winnow {' '.join(args)}")
    return finish(args, p.returncode, p.stdout, p.stderr, st_path)


def finish(shown, rc, out, err, st_path):
    """The run's Result; checks the exit status, --stats and its agreement
    with the output and stderr. shown: the arguments to name the run by."""
    what = "winnow " + " ".join(shown)
    err = err.decode("utf-8", "replace")
    check(rc >= 0, f"killed by signal {-rc}: {what}; stderr: {short(err, 1500)}")
    check(rc == 0, f"exit {rc}: {what}; stderr: {short(err, 1500)}")
    check(os.path.exists(st_path), f"{what}: no --stats file written")
    with open(st_path, encoding="utf-8") as f:
        try:
            st = json.load(f)
        except ValueError as e:
            raise Failure(f"{what}: --stats is not JSON: {e}")
    os.unlink(st_path)
    r = Result(shown, rc, out, err, st)
    check_stats(r)
    return r


_cache = {}
_runs = []  # commands run, for the summary


def clean(*args):
    """winnow clean ARGS, each distinct command run once per test run."""
    key = ("clean",) + args
    if key not in _cache:
        _runs.append(key)
        try:
            _cache[key] = run(key)
        except Failure as e:
            _cache[key] = e  # a failed run fails every test that needs it, once
    if isinstance(_cache[key], Failure):
        raise _cache[key]
    return _cache[key]


def nonzero_map(what, m, names):
    check(isinstance(m, dict), f"{what} is not an object: {m!r}")
    for k, v in m.items():
        check(isinstance(v, int) and v > 0, f"{what}[{k!r}] = {v!r}: maps hold only counts > 0")
        check(k in names, f"{what} has an unknown name {k!r}")


def identity(what, s):
    """records_seen = written + sum(dropped) + sum(errors); skipped adds up
    to dropped["record-type"]."""
    for k in COUNTS:
        check(isinstance(s.get(k), int) and s[k] >= 0, f"{what}: {k!r} missing or no count: {s}")
    nonzero_map(what + ".dropped", s.get("dropped"), DROPS)
    nonzero_map(what + ".errors", s.get("errors"), ERRCLASSES)
    nonzero_map(what + ".skipped", s.get("skipped"), SKIPPED)
    nonzero_map(what + ".warnings", s.get("warnings"), WARNINGS)
    d, e = sum(s["dropped"].values()), sum(s["errors"].values())
    check(s["records_seen"] == s["written"] + d + e,
          f"{what}: records_seen {s['records_seen']} != written {s['written']} + dropped {d}"
          f" + errors {e}")
    check(sum(s["skipped"].values()) == s["dropped"].get("record-type", 0),
          f"{what}: skipped {s['skipped']} does not add up to dropped['record-type'] "
          f"{s['dropped'].get('record-type', 0)}")
    check(s["spam"] <= s["written"], f"{what}: spam {s['spam']} > written {s['written']}")


def summed(entries):
    tot = {k: 0 for k in COUNTS}
    tot.update({k: {} for k in MAPS})
    for e in entries:
        for k in COUNTS:
            tot[k] += e[k]
        for k in MAPS:
            for name, n in e[k].items():
                tot[k][name] = tot[k].get(name, 0) + n
    return tot


def core(s):
    """The counts of a stats object or of one file entry, for comparing."""
    return {k: s[k] for k in COUNTS + MAPS}


def check_stats(r):
    """The shape of --stats, the identity in total and per file, and totals
    equal to the sum of the per-file entries."""
    st = r.stats
    what = r.what() + " --stats"
    for k in ("inputs", "files"):
        check(k in st, f"{what} lacks {k!r}: {short(json.dumps(st))}")
    identity(what, st)
    check(isinstance(st["files"], list), f"{what}: 'files' is not a list")
    for i, f in enumerate(st["files"]):
        check(isinstance(f, dict) and isinstance(f.get("path"), str),
              f"{what}: files[{i}] has no path: {f}")
        identity(f"{what} files[{i}] ({f['path']})", f)
    check(st["inputs"] == len(st["files"]),
          f"{what}: inputs {st['inputs']} but {len(st['files'])} file entries")
    tot = summed(st["files"])
    for k in COUNTS + MAPS:
        check(tot[k] == st[k], f"{what}: total {k} {st[k]} != sum of the files' {tot[k]}")
    docs = r.docs()
    check(st["written"] == len(docs), f"{what}: written {st['written']}, {len(docs)} documents out")
    lines = r.error_lines()
    if sum(st["errors"].values()) < 1000:
        by = {}
        for m in lines:
            check(m.group("cls") in ERRCLASSES, f"{what}: unknown class on stderr: {m.group(0)}")
            by[m.group("cls")] = by.get(m.group("cls"), 0) + 1
        check(by == st["errors"], f"{what}: stderr reports {by}, --stats errors {st['errors']}")


def norm(s):
    return " ".join(s.replace("\u3000", " ").split())


# ---------------------------------------------------------------------------
# The malformed, warning, drop and cap files: what each must give
# ---------------------------------------------------------------------------
#
#   file:     corpus file
#   opts:     options before the file (e.g. ["-f", "warc"])
#   errors:   exact error classes (None: not checked)
#   written:  ids of the documents written, in order (None: not checked)
#   dropped, skipped, warnings: exact maps (default {}; None: not checked)
#   err_ids:  ids the error lines must carry, in order (only where the
#             record's id was read before it broke)
#   err_idx:  record numbers of the error lines
#   docs:     per written document, metadata values to check ({key: value
#             or set of values}) and "has": text the document must hold
#   zstd / br: needs the zstd command / depends on brotli

GOOD5 = ids(1, 2, 3, 4, 5)
NO_3 = ids(1, 2, 4, 5)
FIRST4 = ids(1, 2, 3, 4)


def case(file, errors, written, opts=(), **kw):
    c = {"file": file, "opts": list(opts), "errors": errors, "written": written,
         "dropped": {}, "skipped": {}, "warnings": {}}
    c.update(kw)
    return c


def malformed_cases():
    zh, en, de = INFO["pages"]["zh_hans"], INFO["pages"]["en"], INFO["pages"]["de"]
    zh_ok = {"has": zh["paras"]}
    return [
        # gzip members: truncated / corrupt at the end and in the middle, garbage between
        case("bad_gz_trunc_end.warc.gz", {"gzip-truncated": 1}, FIRST4, err_ids=ids(5),
             err_idx=[5]),
        case("bad_gz_trunc_mid.warc.gz", {"gzip-truncated": 1}, NO_3, err_ids=ids(3),
             err_idx=[3]),
        case("bad_gz_corrupt_end.warc.gz", {"gzip-corrupt": 1}, FIRST4, err_idx=[5]),
        case("bad_gz_corrupt_mid.warc.gz", {"gzip-corrupt": 1}, NO_3, err_idx=[3]),
        case("bad_gz_crc_mid.warc.gz", {"gzip-corrupt": 1}, NO_3, err_ids=ids(3), err_idx=[3]),
        case("bad_gz_garbage_between.warc.gz", {"member-garbage": 1}, GOOD5, err_idx=[3]),
        case("bad_gz_cl_too_long.warc.gz", {"content-length-too-long": 1}, ids(1, 3, 4, 5),
             err_ids=ids(2), err_idx=[2]),
        # zstd frames
        case("bad_zst_trunc_end.warc.zst", {"zstd-truncated": 1}, FIRST4, zstd=True, err_idx=[5]),
        case("bad_zst_trunc_mid.warc.zst", {"zstd-truncated": 1}, NO_3, zstd=True, err_idx=[3]),
        case("bad_zst_corrupt_end.warc.zst", {"zstd-corrupt": 1}, FIRST4, zstd=True, err_idx=[5]),
        case("bad_zst_corrupt_mid.warc.zst", {"zstd-corrupt": 1}, NO_3, zstd=True, err_idx=[3]),
        case("bad_zst_garbage_between.warc.zst", {"member-garbage": 1}, GOOD5, zstd=True,
             err_idx=[3]),
        # WARC framing
        case("bad_cl_missing.warc", {"content-length-missing": 1}, NO_3, err_ids=ids(3),
             err_idx=[3], at_record=True),
        case("bad_cl_nonnumeric.warc", {"content-length-nonnumeric": 1}, NO_3, err_ids=ids(3),
             at_record=True),
        case("bad_cl_overflow.warc", {"content-length-overflow": 1}, NO_3, err_ids=ids(3),
             at_record=True),
        case("bad_cl_too_short.warc", {"content-length-too-short": 1}, NO_3, err_ids=ids(3),
             at_record=True),
        case("bad_cl_too_long.warc", {"content-length-too-long": 1}, NO_3, err_ids=ids(3),
             at_record=True),
        case("bad_warc_truncated.warc", {"warc-truncated": 1}, FIRST4, err_ids=ids(5),
             at_record=True),
        case("bad_warc_truncated_head.warc", {"warc-truncated": 1}, FIRST4, at_record=True),
        case("bad_header_newline.warc", {"header-newline": 1}, NO_3, at_record=True),
        case("bad_header_ctl.warc", {"header-bytes": 1}, NO_3, err_ids=ids(3), at_record=True),
        case("bad_header_utf8.warc", {"header-bytes": 1}, NO_3, err_ids=ids(3), at_record=True),
        case("bad_version.warc", {"warc-version": 1}, NO_3, err_idx=[3], at_record=True),
        case("bad_version_018.warc", {"warc-version": 1}, NO_3, at_record=True),
        case("bad_line_too_long.warc", {"header-line-too-long": 1}, NO_3, at_record=True),
        case("bad_too_many_headers.warc", {"too-many-headers": 1}, NO_3, at_record=True),
        case("bad_garbage_lead.warc", {"garbage": 1}, GOOD5, opts=["-f", "warc"], err_idx=[1]),
        case("bad_garbage_mid.warc", {"garbage": 1}, GOOD5, err_idx=[3]),
        case("bad_empty.warc", {"empty-input": 1}, [], opts=["-f", "warc"]),
        case("bad_noise.bin", {"garbage": 1}, [], opts=["-f", "warc"]),
        # sniffed in auto: whatever the format, every record is accounted for
        case("bad_noise.bin", None, None, dropped=None, skipped=None, warnings=None, records=1),
        case("bad_empty.warc", None, None, dropped=None, skipped=None, warnings=None, records=1),
        # HTTP payloads
        case("bad_chunked.warc", {"chunked-framing": 1}, NO_3, err_ids=ids(3)),
        case("bad_chunked_short.warc", {"chunked-framing": 1}, NO_3, err_ids=ids(3)),
        case("bad_http.warc", {"http-malformed": 1}, NO_3, err_ids=ids(3)),
        case("bad_payload_corrupt.warc", {"payload-corrupt": 1}, NO_3, err_ids=ids(3)),
        case("bad_unsupported.warc", {"unsupported-encoding": 1}, NO_3, err_ids=ids(3)),
        case("bad_encoding_lie.warc", {"encoding-lie": 1}, NO_3, err_ids=ids(3)),
        case("warn_encoding_lie.warc", {}, GOOD5, warnings={"encoding-lie": 1}),
        case("bad_binary.warc", {"binary-payload": 1}, NO_3, err_ids=ids(3)),
        case("bad_binary_text.warc", {"binary-payload": 1}, NO_3, err_ids=ids(3)),
        case("bad_binary.html", {"binary-payload": 1}, []),
        # warnings only
        case("warn_lf_only.warc", {}, GOOD5, warnings={"lf-only": 5}),
        case("warn_truncated.warc", {}, GOOD5, warnings={"warc-truncated-header": 1}),
        # charsets
        case("cs_mislabel.warc", {}, ids(1, 2), warnings={"charset-overridden": 2},
             docs=[dict(zh_ok, charset={"GBK", "gb18030"}, charset_source="label_overridden")] * 2),
        case("cs_invalid_utf8.warc", {}, ids(1), warnings={"repaired": 1},
             docs=[{"charset": "UTF-8", "charset_source": "http", "has": [zh["paras"][0]],
                    "has_fffd": True}]),
        case("cs_nul.warc", {}, ids(1), warnings={"repaired": 1},
             docs=[{"charset": "UTF-8", "charset_source": "http", "has": [en["paras"][1]],
                    "has_fffd": True}]),
        case("cs_latin1_label.warc", {}, ids(1), warnings={"charset-overridden": 1},
             docs=[{"charset": "UTF-8", "charset_source": "label_overridden",
                    "has": de["paras"]}]),
        # drops
        case("drop_types.warc", {}, ids(3, 6, 7, 8, 11), dropped={"record-type": 7},
             skipped={"warcinfo": 1, "request": 1, "metadata": 1, "revisit": 1,
                      "continuation": 1, "other": 2},
             docs=[{"warc_type": "response", "http_status": 200}, {"warc_type": "resource"},
                   {"warc_type": "resource"}, {"warc_type": "conversion"},
                   {"warc_type": "resource"}]),
        case("drop_payloads.warc", {}, ids(1, 11),
             dropped={"http-status": 3, "content-type": 3, "empty-payload": 2, "no-content": 1}),
        # other inputs
        case("bad_lines.jsonl", {"invalid-json": 3, "json-no-text": 2}, ["j1", "j8"], records=7,
             err_idx=[2, 3, 4, 5, 7]),
        case("page_big5.html", {}, ["corpus/page_big5.html"],
             docs=[{"charset": "Big5", "charset_source": "meta",
                    "has": INFO["pages"]["zh_hant"]["paras"]}]),
        case("note.txt", {}, ["corpus/note.txt"]),
        # the cap files at the default caps
        case("cap_sizes.warc", {}, ids(1, 2, 3, 4)),
        case("cap_line.warc", {}, GOOD5),
        case("cap_headers.warc", {}, GOOD5),
        # bombs at the default caps (64 MiB): 96 MiB of zeros each
        case("bomb_gzip.warc", {"decompression-bomb": 1}, ids(1, 3), err_ids=ids(2)),
        case("bomb_zstd.warc", {"decompression-bomb": 1}, ids(1, 3), err_ids=ids(2), zstd=True),
        case("bomb_br.warc", "br-bomb", ids(1, 3), err_ids=ids(2)),
        case("bomb_record.warc.gz", {"record-too-big": 1}, ids(1, 3), err_ids=ids(2)),
        case("bomb_frame.warc.zst", {"record-too-big": 1}, ids(1, 3), zstd=True),
        case("bomb_member.warc.gz", {"garbage": 1, "decompression-bomb": 1}, ids(1, 2, 3)),
    ]


def cap_cases():
    return [
        case("cap_sizes.warc", {"record-too-big": 1, "decompression-bomb": 1}, ids(1, 4),
             opts=["--max-record-bytes", "8000"], err_ids=ids(2, 3)),
        case("cap_line.warc", {"header-line-too-long": 2}, ids(1, 2, 5),
             opts=["--max-header-line", "200"], err_idx=[3, 4]),
        case("cap_headers.warc", {"too-many-headers": 2}, ids(1, 2, 5),
             opts=["--max-headers", "20"], err_idx=[3, 4]),
        case("bomb_gzip.warc", {"decompression-bomb": 1}, ids(1, 3),
             opts=["--max-record-bytes", "1048576"]),
        case("bomb_zstd.warc", {"decompression-bomb": 1}, ids(1, 3), zstd=True,
             opts=["--max-record-bytes", "1048576"]),
        case("bomb_br.warc", "br-bomb", ids(1, 3), opts=["--max-record-bytes", "1048576"]),
        case("bomb_record.warc.gz", {"record-too-big": 1}, ids(1, 3),
             opts=["--max-record-bytes", "1048576"]),
        case("bomb_frame.warc.zst", {"record-too-big": 1}, ids(1, 3), zstd=True,
             opts=["--max-record-bytes", "1048576"]),
        case("bomb_member.warc.gz", {"garbage": 1, "decompression-bomb": 1}, ids(1, 2, 3),
             opts=["--max-record-bytes", "1048576"]),
        case("bad_lines.jsonl", {"record-too-big": 2, "invalid-json": 3, "json-no-text": 2}, [],
             opts=["--max-record-bytes", "100"], records=7),
        case("note.txt", {"record-too-big": 1}, [], opts=["--max-record-bytes", "100"]),
    ]


_brotli = None


def brotli_built_in():
    """Whether the command decodes br: probe_br.warc holds one br page."""
    global _brotli
    if _brotli is None:
        r = clean(cpath("probe_br.warc"))
        if r.stats["written"] == 1:
            _brotli = True
        elif r.stats["errors"] == {"unsupported-encoding": 1}:
            _brotli = False
        else:
            raise Failure(f"probe_br.warc: neither written nor unsupported-encoding: {r.stats}")
    return _brotli


def meta_is(what, md, key, want):
    got = md.get(key)
    ok = got in want if isinstance(want, set) else got == want
    check(ok, f"{what}: metadata.{key} = {got!r}, want {want!r}")


def check_case(c):
    if c.get("zstd") and not INFO["have_zstd"]:
        return
    name = c["file"]
    check(exists(name), f"the generator did not write {name}")
    r = clean(*(c["opts"] + [cpath(name)]))
    st = r.stats
    what = f"{' '.join(c['opts'] + [name])}"
    errors = c["errors"]
    if errors == "br-bomb":
        errors = {"decompression-bomb": 1} if brotli_built_in() else {"unsupported-encoding": 1}
    if errors is not None:
        check(st["errors"] == errors, f"{what}: errors {st['errors']}, want {errors}")
    for k in ("dropped", "skipped", "warnings"):
        if c.get(k) is not None:
            check(st[k] == c[k], f"{what}: {k} {st[k]}, want {c[k]}")
    if c.get("records") is not None:
        check(st["records_seen"] == c["records"],
              f"{what}: records_seen {st['records_seen']}, want {c['records']}")
    check(len(st["files"]) == 1 and st["files"][0]["path"] == cpath(name),
          f"{what}: files {[f['path'] for f in st['files']]}, want [{cpath(name)!r}]")
    docs = r.docs()
    if c["written"] is not None:
        got = [d["id"] for d in docs]
        check(got == c["written"], f"{what}: wrote ids {got}, want {c['written']}")
    lines = r.error_lines()
    for m in lines:
        check(m.group("src") == cpath(name),
              f"{what}: error line names {m.group('src')!r}, not {cpath(name)!r}")
    if c.get("err_ids"):
        got = [m.group("id") for m in lines]
        check(got == c["err_ids"], f"{what}: error lines carry ids {got}, want {c['err_ids']}")
    if c.get("err_idx"):
        got = [int(m.group("idx")) for m in lines]
        check(got == c["err_idx"], f"{what}: error lines name records {got}, want {c['err_idx']}")
    if c.get("at_record"):
        # a plain file: the error's offset is where its record starts
        with open(os.path.join(ROOT, CORPUS, name), "rb") as f:
            data = f.read()
        for m in lines:
            off = int(m.group("off"))
            check(data[off:off + 5] == b"WARC/",
                  f"{what}: offset {off} of {m.group(0)!r} is not a record start "
                  f"({data[off:off + 12]!r})")
    for d in docs:
        check(d["text"].strip() != "", f"{what}: document {d['id']} was written with no text")
    for i, want in enumerate(c.get("docs") or []):
        if i >= len(docs):
            break
        d, md = docs[i], docs[i]["metadata"]
        for k, v in want.items():
            if k == "has":
                for s in v:
                    check(norm(s) in norm(d["text"]),
                          f"{what}: document {d['id']} lacks {short(s, 60)!r}: "
                          f"{short(d['text'], 300)}")
            elif k == "has_fffd":
                check("\ufffd" in d["text"], f"{what}: document {d['id']} has no U+FFFD")
            else:
                meta_is(f"{what} {d['id']}", md, k, v)


# ---------------------------------------------------------------------------
# Real-shaped archives
# ---------------------------------------------------------------------------

ARCHIVES = {
    # name: (stem, golden, info key)
    "cc": ("cc.warc", "cc.jsonl", "cc"),
    "raw": ("raw.warc", "raw.jsonl", "raw"),
    "wet": ("cc.warc.wet", "wet.jsonl", "wet"),
    "wat": ("cc.warc.wat", None, None),
}


def variants(stem):
    names = [stem, stem + ".gz", stem + ".zst"]
    if stem.endswith(".warc"):
        names.append(stem[:-5] + "_whole.warc.gz")
    return [n for n in names if exists(n)]


def check_page_text(what, d, key):
    """The article's paragraphs are there, its chrome is not."""
    if key == "bulletin":
        want, gone = [p for p in INFO["bulletin"].split("\n\n") if p.strip()], []
    else:
        p = INFO["pages"][key]
        want = p["paras"]
        gone = [p["share"]] + p["related"] + p["footer"]
    text = norm(d["text"])
    for s in want:
        check(norm(s) in text, f"{what}: {d['id']} lacks the paragraph {short(s, 60)!r}")
    for s in gone:
        check(norm(s) not in text, f"{what}: {d['id']} kept the chrome line {short(s, 60)!r}")


def check_archive_docs(name, r):
    """Hand-written expectations, golden or not."""
    st, docs = r.stats, r.docs()
    check(st["errors"] == {}, f"{name}: errors {st['errors']}")
    check(st["warnings"] == {}, f"{name}: warnings {st['warnings']}")
    if name == "wat":
        check(docs == [], f"wat: {len(docs)} documents written")
        n = 2 + 3 * len(INFO["cc"])  # its warcinfo, then one per record of cc.warc
        check(st["records_seen"] == n and st["dropped"] == {"record-type": n},
              f"wat: all {n} records must be dropped record-type: {core(st)}")
        check(st["skipped"] == {"warcinfo": 1, "metadata": n - 1}, f"wat: skipped {st['skipped']}")
        return
    items = INFO[name]
    if name == "wet":
        want = items
        check(st["dropped"] == {"record-type": 1} and st["skipped"] == {"warcinfo": 1},
              f"wet: dropped {st['dropped']} skipped {st['skipped']}")
    else:
        want = [c for c in items if c.get("expect")]
        n = len(items)
        more = 1 if name == "raw" else 0  # raw ends with wget's log (metadata)
        drops = {"record-type": 1 + (2 if name == "cc" else 1) * n + more}
        for c in items:
            if c.get("drop"):
                drops[c["drop"]] = drops.get(c["drop"], 0) + 1
        skipped = {"warcinfo": 1, "request": n}
        if name == "cc":
            skipped["metadata"] = n
        elif more:
            skipped["metadata"] = more
        check(st["dropped"] == drops, f"{name}: dropped {st['dropped']}, want {drops}")
        check(st["skipped"] == skipped, f"{name}: skipped {st['skipped']}, want {skipped}")
    got = [d["id"] for d in docs]
    check(got == [c["id"] for c in want], f"{name}: ids {got}, want {[c['id'] for c in want]}")
    for d, c in zip(docs, want):
        md, what = d["metadata"], f"{name} {c['key']}"
        for k in ("url", "warc_date", "warc_type", "charset", "charset_source"):
            check(k in md, f"{what}: metadata lacks {k!r}: {sorted(md)}")
        meta_is(what, md, "url", c["url"])
        meta_is(what, md, "warc_date", c["date"])
        if name == "wet":
            meta_is(what, md, "warc_type", "conversion")
            meta_is(what, md, "content_type", "text/plain")
            meta_is(what, md, "charset", "UTF-8")
            meta_is(what, md, "charset_source", "detected" if c["non_ascii"] else "default")
        else:
            meta_is(what, md, "warc_type", "response")
            meta_is(what, md, "http_status", 200)
            meta_is(what, md, "content_type", c["ctype"])
            meta_is(what, md, "charset", c["expect"][0])
            meta_is(what, md, "charset_source", c["expect"][1])
        if c["key"] in INFO["pages"] and name != "wet":
            # which title (the classifier's title block or <title>) is the
            # golden's business; a page with a <title> has one
            check(md.get("title"), f"{what}: no metadata.title")
        check(d["spam"].get("injected") is False, f"{what}: spam {d['spam']}")
        check_page_text(what, d, c["key"])


def golden(name):
    stem, gold, _ = ARCHIVES[name]
    r = clean(cpath(stem + ".gz"))
    path = os.path.join(EXPECTED, gold) if gold else None
    if UPDATE and path:
        os.makedirs(EXPECTED, exist_ok=True)
        with open(path, "wb") as f:
            f.write(r.out)
        print(f"warc_cli: wrote {os.path.relpath(path)} ({len(r.docs())} documents): review it")
    check_archive_docs(name, r)
    if gold is None or UPDATE:
        return
    check(os.path.exists(path), f"no golden {os.path.relpath(path)}: run with --update, "
                                "then review it")
    with open(path, "rb") as f:
        want = f.read()
    if r.out != want:
        got_docs, want_docs = r.docs(), [json.loads(l) for l in want.decode().splitlines() if l]
        for g, w in zip(got_docs, want_docs):
            if g != w:
                keys = sorted(k for k in set(g) | set(w) if g.get(k) != w.get(k))
                detail = ""
                if "text" in keys:
                    gl, wl = g["text"].split("\n"), w["text"].split("\n")
                    k = next((i for i, (a, b) in enumerate(zip(gl, wl)) if a != b),
                             min(len(gl), len(wl)))
                    g1 = gl[k] if k < len(gl) else "(none)"
                    w1 = wl[k] if k < len(wl) else "(none)"
                    detail = (f"; text line {k + 1}: got {short(g1, 120)!r}, "
                              f"golden {short(w1, 120)!r}")
                other = {k: g.get(k) for k in keys if k != "text"}
                raise Failure(f"{name}: output differs from {gold} at {w.get('id')}: keys {keys}"
                              f"{detail}; got {short(json.dumps(other, ensure_ascii=False))}")
        raise Failure(f"{name}: output differs from {gold}: {len(got_docs)} documents, "
                      f"golden has {len(want_docs)} (or the bytes differ)")


def t_golden_cc():
    golden("cc")


def t_golden_raw():
    golden("raw")


def t_golden_wet():
    golden("wet")


def t_wat():
    golden("wat")


def t_containers():
    """The same archive in plain, .gz, .zst and whole-file .gz gives the same
    output and counts (bytes_in aside)."""
    for name, (stem, _, _) in ARCHIVES.items():
        names = variants(stem)
        want = 2 + INFO["have_zstd"] + stem.endswith(".warc")
        check(len(names) == want, f"{name}: {want} container variants expected: {names}")
        base = clean(cpath(names[0]))
        for n in names[1:]:
            r = clean(cpath(n))
            check(r.out == base.out, f"{n}: output differs from {names[0]}")
            a, b = core(base.stats), core(r.stats)
            a.pop("bytes_in")
            b.pop("bytes_in")
            check(a == b, f"{n}: counts {b} differ from {names[0]}'s {a}")
            el = [m.group(0).replace(n, "X") for m in r.error_lines()]
            check(el == [m.group(0).replace(names[0], "X") for m in base.error_lines()],
                  f"{n}: error lines differ from {names[0]}")


# ---------------------------------------------------------------------------
# Threads, feeds, directories
# ---------------------------------------------------------------------------


def t_threads():
    """-j1 and -j2 on the whole corpus: byte-identical output, same counts
    and the same error lines."""
    one = clean("-j", "1", CORPUS)
    two = clean("-j", "2", CORPUS)
    check(one.out == two.out, "-j1 and -j2 outputs differ")
    check(one.stats == two.stats, "-j1 and -j2 --stats differ")
    e1 = [m.group(0) for m in one.error_lines()]
    e2 = [m.group(0) for m in two.error_lines()]
    check(e1 == e2, "-j1 and -j2 error lines differ (order or text)")


def feed(name, chunk, every, pause, opts=("-f", "warc")):
    """Pipe the file to `winnow clean OPTS -` in writes of chunk bytes (0:
    all at once), sleeping pause seconds after every `every` writes."""
    with open(os.path.join(ROOT, CORPUS, name), "rb") as f:
        data = f.read()
    _runs.append(("feed", name, chunk))
    st_path = os.path.join(ROOT, "feed-st.json")
    args = ["clean", "--stats", st_path] + list(opts) + ["-"]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        p = subprocess.Popen([WINNOW] + args, cwd=ROOT, stdin=subprocess.PIPE, stdout=out,
                             stderr=err)
        fd = p.stdin.fileno()
        i = k = 0
        deadline = time.monotonic() + TIMEOUT
        try:
            while i < len(data):
                i += os.write(fd, data[i:i + chunk] if chunk else data[i:])
                k += 1
                if every and k % every == 0:
                    time.sleep(pause)
                if time.monotonic() > deadline:
                    break
        except BrokenPipeError:
            pass
        p.stdin.close()
        try:
            rc = p.wait(timeout=max(1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
            raise Failure(f"timed out feeding {name} in {chunk}-byte writes")
        out.seek(0)
        err.seek(0)
        how = f"{chunk}-byte writes" if chunk else "one write"
        r = finish(["clean"] + list(opts) + [f"- < {name} ({how})"], rc, out.read(), err.read(),
                   st_path)
        check(i == len(data), f"{r.what()}: only {i} of {len(data)} bytes were read")
        return r


def same_as_file(name, r):
    base = clean(cpath(name))  # sniffed as WARC: the run other tests use
    what = r.what()
    check(r.out == base.out, f"{what}: output differs from reading the file "
                             f"({len(r.docs())} vs {len(base.docs())} documents)")
    check(core(r.stats) == core(base.stats), f"{what}: counts {core(r.stats)} differ from the "
                                             f"file's {core(base.stats)}")
    got = [m.group(0).split(": ", 2)[2] for m in r.error_lines()]
    want = [m.group(0).split(": ", 2)[2] for m in base.error_lines()]
    check(got == want, f"{what}: error lines differ from the file's: {got[:3]} vs {want[:3]}")
    check([f["path"] for f in r.stats["files"]] == ["-"],
          f"{what}: files {[f['path'] for f in r.stats['files']]}, want ['-']")


def t_chunked_feed():
    """Standard input in 7- and 4096-byte writes and whole (the full Common
    Crawl archive; raw.warc.zst in 7-byte writes), and 1-byte writes (the
    WET and a file with a truncated member in the middle): the output is
    that of the file."""
    big = "cc.warc.gz"
    for chunk, every in ((0, 0), (4096, 4), (7, 200)):
        same_as_file(big, feed(big, chunk, every, 0.002))
    if INFO["have_zstd"]:
        same_as_file("raw.warc.zst", feed("raw.warc.zst", 7, 200, 0.002))
    for small in ("cc.warc.wet.gz", "bad_gz_trunc_mid.warc.gz"):
        same_as_file(small, feed(small, 1, 500, 0.002))


def corpus_files():
    return sorted(n for n in os.listdir(os.path.join(ROOT, CORPUS)) if not n.startswith("."))


def t_directory():
    """The corpus directory as one input: the per-file entries are the files
    in byte order of their names (the hidden .corpus.json skipped), each
    equal to that file's own run; totals are their sum (check_stats); the
    output and the error lines are the files' own, in order."""
    r = clean("-j", "2", CORPUS)
    names = corpus_files()
    paths = [f["path"] for f in r.stats["files"]]
    check(paths == [cpath(n) for n in names],
          f"directory entries {paths[:5]}... are not the {len(names)} files in name order")
    out, errs = b"", []
    for n, entry in zip(names, r.stats["files"]):
        own = clean(cpath(n))
        check(core(entry) == core(own.stats),
              f"directory entry {n}: {core(entry)} differs from its own run {core(own.stats)}")
        out += own.out
        errs += [m.group(0) for m in own.error_lines()]
    check(r.out == out, "the directory's output is not the files' outputs in order")
    got = [m.group(0) for m in r.error_lines()]
    check(got == errs, "the directory's error lines are not the files' own, in order")
    check(r.stats["inputs"] == len(names), f"inputs {r.stats['inputs']}, {len(names)} files")


def t_malformed():
    failures = []
    for c in malformed_cases():
        try:
            check_case(c)
        except Failure as e:
            failures.append(str(e))
    check(not failures, "\n    ".join([f"{len(failures)} malformed files wrong:"] + failures))


def t_caps():
    failures = []
    for c in cap_cases():
        try:
            check_case(c)
        except Failure as e:
            failures.append(str(e))
    check(not failures, "\n    ".join([f"{len(failures)} cap runs wrong:"] + failures))


def t_jsonl_invalid_lines():
    """Runs on a command without WARC support too."""
    check_case(case("bad_lines.jsonl", {"invalid-json": 3, "json-no-text": 2}, ["j1", "j8"],
                    records=7))


def t_generator_deterministic():
    """A second run of the generator writes the same bytes."""
    other = os.path.join(ROOT, "corpus2")
    p = subprocess.run([PYTHON, GEN, "--cli", other], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    check(p.returncode == 0, f"gen_warc.py --cli failed: {short(p.stderr)}")
    a = sorted(os.listdir(os.path.join(ROOT, CORPUS)))
    check(a == sorted(os.listdir(other)), "the second run wrote other files")
    for n in a:
        with open(os.path.join(ROOT, CORPUS, n), "rb") as f1, open(os.path.join(other, n),
                                                                   "rb") as f2:
            check(f1.read() == f2.read(), f"gen_warc.py --cli: {n} differs between runs")
    shutil.rmtree(other)


def t_sample_archive():
    """samples/crawl.warc.gz (what `make run` reads) is the generator's cc.warc.gz."""
    here = os.path.dirname(os.path.abspath(__file__))
    sample = os.path.join(here, "..", "..", "samples", "crawl.warc.gz")
    with open(sample, "rb") as f1, open(os.path.join(ROOT, CORPUS, "cc.warc.gz"), "rb") as f2:
        check(f1.read() == f2.read(), "samples/crawl.warc.gz differs from gen_warc.py --cli's "
              "cc.warc.gz: copy it over (and look at why it changed)")


TESTS = [
    t_generator_deterministic, t_sample_archive, t_jsonl_invalid_lines,
    t_malformed, t_caps,
    t_golden_cc, t_golden_raw, t_golden_wet, t_wat,
    t_containers, t_chunked_feed, t_threads, t_directory,
]


def generate():
    global INFO
    p = subprocess.run([PYTHON, GEN, "--cli", os.path.join(ROOT, CORPUS)],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        print(f"warc_cli: gen_warc.py --cli failed:\n{p.stderr.decode(errors='replace')}")
        return False
    with open(os.path.join(ROOT, CORPUS, ".corpus.json"), encoding="utf-8") as f:
        INFO = json.load(f)
    return True


def main():
    global WINNOW, ROOT, UPDATE
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--winnow", required=True, help="path of the winnow command")
    ap.add_argument("-k", metavar="NAME", help="run only tests whose name contains NAME")
    ap.add_argument("--update", action="store_true",
                    help="rewrite tests/warc/expected/*.jsonl from this run (review them!)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary corpus directory")
    args = ap.parse_args()
    WINNOW = os.path.abspath(args.winnow)
    UPDATE = args.update
    if not os.access(WINNOW, os.X_OK):
        print(f"warc_cli: {WINNOW} is not an executable")
        print("warc_cli: 0 passed, 1 failed")
        return 1
    ROOT = tempfile.mkdtemp(prefix="winnow-warc-cli-")
    try:
        t0 = time.monotonic()
        if not generate():
            return 2
        passed = failed = 0
        for t in TESTS:
            if args.k and args.k not in t.__name__:
                continue
            if UPDATE and not t.__name__.startswith(("t_golden", "t_wat")):
                continue
            try:
                t()
                passed += 1
            except Failure as e:
                failed += 1
                print(f"FAIL {t.__name__}: {e}")
            except Exception:
                failed += 1
                tb = traceback.format_exc().strip().splitlines()
                print(f"FAIL {t.__name__}: exception: {tb[-1]} "
                      f"({tb[-3].strip() if len(tb) > 2 else ''})")
        print(f"warc_cli: {passed} passed, {failed} failed "
              f"({len(_runs)} runs, {time.monotonic() - t0:.1f}s)")
        return 1 if failed else 0
    finally:
        if args.keep:
            print(f"warc_cli: corpus kept in {ROOT}")
        else:
            shutil.rmtree(ROOT, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
