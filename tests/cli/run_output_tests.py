#!/usr/bin/env python3
"""Tests of what winnow leaves behind: the output and --stats files when a
run is refused, killed, or its output dies, and the run's peak memory.

Usage (from the repository root, as ctest runs it):
    python3 tests/cli/run_output_tests.py --winnow build/winnow [--no-rss] [-k NAME]

Each test is a function in TESTS; it works in its own temporary directory.
--no-rss skips the peak-memory test (sanitizer builds, whose shadow memory
and quarantine make RSS meaningless). A test that cannot run here (no root
for a small tmpfs) says SKIP. Prints one line per failure and closes with
"cli_output: N passed, N failed, N skipped"; exits 1 if any test failed.
"""
import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_cli_tests import Failure, check, short  # noqa: E402 (the CLI suite's helpers)

WINNOW = None
TIMEOUT = 20

# The peak RSS the memory test allows, in MiB. The bound of README
# "Security" and doc/ARCHITECTURE.md "Memory bounds": at most about 10 times
# the larger of the batch (32 MiB) and the largest record, plus 0.5 MiB per
# thread, whatever -j is. For 12 MiB documents at -j 48 that run measures
# 160-195 MiB; before the bound (every context kept the buffers of the
# largest document it had cleaned) it took 590-720 MiB.
RSS_BOUND_MIB = 320


class Skip(Exception):
    pass


def write(d, name, data):
    path = os.path.join(d, name)
    with open(path, "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def read(path):
    with open(path, "rb") as f:
        return f.read()


def run(args, cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, timeout=TIMEOUT):
    try:
        p = subprocess.run([WINNOW] + list(args), stdin=stdin, stdout=stdout,
                           stderr=subprocess.PIPE, cwd=cwd, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise Failure(f"timed out after {timeout}s: winnow {' '.join(args)}")
    check(p.returncode >= 0, f"killed by signal {-p.returncode}: {short(p.stderr)}")
    return p


PARA = ("The old stone bridge over the river reopened to traffic on Tuesday after two years "
        "of careful repairs, city officials said, and residents gathered for the opening. ")


def page(i, n=40):
    """A text page of about n * 170 bytes: one title, n paragraphs."""
    return f"Bridge number {i} reopens\n\n" + "\n\n".join(f"{PARA}({i}.{k})" for k in range(n))


def stats_ok(path):
    """The --stats file: valid JSON whose totals add up."""
    st = json.loads(read(path).decode("utf-8"))
    errs, drops = sum(st["errors"].values()), sum(st["dropped"].values())
    check(st["records_seen"] == st["written"] + errs + drops, f"identity broken: {st}")
    return st


def whole_jsonl(data, where):
    """data is whole JSON lines only; returns how many."""
    check(data == b"" or data.endswith(b"\n"), f"{where}: a partial last line: ...{short(data[-80:])}")
    lines = data.decode("utf-8").split("\n")[:-1] if data else []
    for i, l in enumerate(lines):
        try:
            json.loads(l)
        except ValueError:
            raise Failure(f"{where}: line {i + 1} is not JSON: {short(l)}")
    return len(lines)


# ---------------------------------------------------------------------------
# Two options naming one file (issue 7, item 3)
# ---------------------------------------------------------------------------


def refused(tmp, args, names, keep, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL):
    """winnow args must fail with status 1 before touching anything: the
    message names every string of names, the files of keep {name: bytes}
    are unchanged."""
    r = run(args, tmp, stdout=stdout, stdin=stdin)
    err = r.stderr.decode()
    check(r.returncode == 1, f"winnow {' '.join(args)}: exit {r.returncode}, stderr {short(err)}")
    for n in names:
        check(n in err, f"winnow {' '.join(args)}: message does not name {n!r}: {short(err)}")
    check(len(err.strip().splitlines()) == 1, f"winnow {' '.join(args)}: {short(err)}")
    for name, want in keep.items():
        got = read(os.path.join(tmp, name))
        check(got == want, f"winnow {' '.join(args)}: {name} changed to {short(got)}")


def t_same_file_refused(tmp):
    a = page(1).encode()
    write(tmp, "a.txt", a)
    old = b'{"id":"old output"}\n'
    write(tmp, "x.jsonl", old)
    # --stats and --output: the same name, two spellings, a hard link
    refused(tmp, ["clean", "--stats", "x.jsonl", "-o", "x.jsonl", "a.txt"],
            ["x.jsonl", "--stats", "--output"], {"x.jsonl": old, "a.txt": a})
    refused(tmp, ["clean", "--stats", "./x.jsonl", "-o", "x.jsonl", "a.txt"],
            ["x.jsonl", "--stats", "--output"], {"x.jsonl": old, "a.txt": a})
    os.link(os.path.join(tmp, "x.jsonl"), os.path.join(tmp, "hard.json"))
    refused(tmp, ["clean", "--stats", "hard.json", "-o", "x.jsonl", "a.txt"],
            ["hard.json", "--stats", "--output"], {"x.jsonl": old, "a.txt": a})
    # neither exists yet: the second must not be created either
    refused(tmp, ["clean", "--stats", "new.json", "-o", "./new.json", "a.txt"],
            ["new.json", "--stats", "--output"], {"a.txt": a})
    check(not os.path.exists(os.path.join(tmp, "new.json")), "new.json was left behind")
    # an input and --stats, an input and --output through a hard link
    refused(tmp, ["clean", "--stats", "./a.txt", "a.txt"], ["a.txt", "--stats", "input"],
            {"a.txt": a})
    os.link(os.path.join(tmp, "a.txt"), os.path.join(tmp, "a-link.txt"))
    refused(tmp, ["clean", "-o", "a-link.txt", "a.txt"], ["a-link.txt", "--output", "input"],
            {"a.txt": a})
    # standard output appended to an input, standard input read from the output
    with open(os.path.join(tmp, "a.txt"), "ab") as out:
        refused(tmp, ["clean", "a.txt"], ["a.txt", "standard output", "input"], {"a.txt": a},
                stdout=out)
    with open(os.path.join(tmp, "x.jsonl"), "rb") as inp:
        refused(tmp, ["clean", "-o", "x.jsonl"], ["x.jsonl", "--output", "standard input"],
                {"x.jsonl": old}, stdin=inp)
    with open(os.path.join(tmp, "a.txt"), "ab") as out:
        refused(tmp, ["clean", "--stats", "a.txt", "x.jsonl"],
                ["a.txt", "--stats", "standard output"], {"a.txt": a}, stdout=out)
    # not a conflict: two inputs, or a device for both
    r = run(["clean", "-q", "-o", "/dev/null", "--stats", "s.json", "a.txt", "a.txt"], tmp)
    check(r.returncode == 0, f"two inputs of one file: exit {r.returncode}: {short(r.stderr)}")


# ---------------------------------------------------------------------------
# --stats written atomically (item 4)
# ---------------------------------------------------------------------------


def t_stats_atomic(tmp):
    """No --stats file while the run goes on, none when it is killed, the
    old one kept; after a run, the new one and no temporary file."""
    old = b'{"old": "statistics"}\n'
    write(tmp, "old.json", old)
    for name in ("new.json", "old.json"):
        p = subprocess.Popen([WINNOW, "clean", "-q", "--stats", name, "-o", "out.jsonl", "-"],
                             stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, cwd=tmp)
        try:
            p.stdin.write(page(1).encode())
            p.stdin.flush()
            time.sleep(0.5)  # the run is under way, waiting for more input
            check(p.poll() is None, "exited early")
            if name == "new.json":
                check(not os.path.exists(os.path.join(tmp, name)),
                      "--stats file exists while the run goes on")
        finally:
            p.kill()
            p.wait()
            p.stdin.close()
            p.stderr.close()
        if name == "new.json":
            check(not os.path.exists(os.path.join(tmp, name)), "a killed run left a --stats file")
        else:
            check(read(os.path.join(tmp, name)) == old, "a killed run changed the old --stats")
    # temporary files of killed runs may be named anything but the real one;
    # a finished run replaces the file and leaves no new entry
    before = set(os.listdir(tmp))
    write(tmp, "a.txt", page(2))
    r = run(["clean", "-q", "--stats", "old.json", "-o", "out.jsonl", "a.txt"], tmp)
    check(r.returncode == 0, f"exit {r.returncode}: {short(r.stderr)}")
    st = stats_ok(os.path.join(tmp, "old.json"))
    check(st["written"] == 1, f"stats {st}")
    left = set(os.listdir(tmp)) - before - {"a.txt"}
    check(not left, f"left behind: {sorted(left)}")
    # through a symbolic link: the link stays, its target is replaced
    os.symlink("old.json", os.path.join(tmp, "link.json"))
    r = run(["clean", "-q", "--stats", "link.json", "-o", "out.jsonl", "a.txt", "a.txt"], tmp)
    check(r.returncode == 0, f"exit {r.returncode}: {short(r.stderr)}")
    check(os.path.islink(os.path.join(tmp, "link.json")), "the link was replaced by a file")
    check(stats_ok(os.path.join(tmp, "old.json"))["written"] == 2, "the link's target not updated")
    # a stats file that cannot be made fails at once, before any output
    r = run(["clean", "--stats", "nodir/s.json", "-o", "o2.jsonl", "a.txt"], tmp)
    check(r.returncode == 1 and "nodir/s.json" in r.stderr.decode(),
          f"exit {r.returncode}: {short(r.stderr)}")
    check(not os.path.exists(os.path.join(tmp, "o2.jsonl")) or
          read(os.path.join(tmp, "o2.jsonl")) == b"", "documents written before the failure")


# ---------------------------------------------------------------------------
# Disk full: whole lines only (item 4), one message, the run stops (item 8)
# ---------------------------------------------------------------------------


def small_tmpfs(tmp, kib):
    d = os.path.join(tmp, "full")
    os.mkdir(d)
    if os.geteuid() != 0:
        raise Skip("not root: cannot mount a small tmpfs")
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kib}k", "tmpfs", d],
                       stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise Skip(f"cannot mount a tmpfs: {short(p.stderr)}")
    return d


def t_disk_full(tmp):
    d = small_tmpfs(tmp, 64)
    try:
        # 60 documents of about 7 KB of JSON each: the 64 KiB fill up half-way
        docs = "".join(json.dumps({"id": f"d{i}", "text": page(i)}) + "\n" for i in range(60))
        write(tmp, "in.jsonl", docs)
        r = run(["clean", "--stats", "st.json", "-o", os.path.join(d, "out.jsonl"), "in.jsonl"], tmp)
        err = r.stderr.decode()
        check(r.returncode == 1, f"exit {r.returncode} on a full disk: {short(err)}")
        n = whole_jsonl(read(os.path.join(d, "out.jsonl")), "full disk")
        check(0 < n < 60, f"{n} whole lines on a 64 KiB disk")
        reports = [l for l in err.splitlines() if ": output: " in l]
        check(len(reports) == 1 and "No space left on device" in reports[0],
              f"want one output report naming ENOSPC: {short(err, 1000)}")
        check(len(err.splitlines()) <= 3, f"an error storm: {short(err, 1000)}")
        st = stats_ok(os.path.join(tmp, "st.json"))
        check(st["written"] == n, f"stats written {st['written']}, {n} lines in the file")
        check(st["errors"].get("output", 0) == st["records_seen"] - n,
              f"output errors {st['errors']} for {st['records_seen']} read, {n} written")
    finally:
        subprocess.run(["umount", d])


def t_dead_output_stops(tmp):
    """Output to /dev/full: one report, the run stops reading (a second input
    far past two batches is never read), --stats accounts for what was
    read."""
    docs = "".join(json.dumps({"id": f"d{i}", "text": f"Line {i} of a document."}) + "\n"
                   for i in range(30000))
    write(tmp, "a.jsonl", docs)
    write(tmp, "b.jsonl", docs)
    r = run(["clean", "--stats", "st.json", "-o", "/dev/full", "a.jsonl", "b.jsonl"], tmp)
    err = r.stderr.decode()
    check(r.returncode == 1, f"exit {r.returncode}: {short(err)}")
    reports = [l for l in err.splitlines() if ": output: " in l]
    check(len(reports) == 1, f"{len(reports)} output reports: {short(err, 1000)}")
    check(len(err.splitlines()) <= 3, f"an error storm: {short(err, 1000)}")
    st = stats_ok(os.path.join(tmp, "st.json"))
    check(st["written"] == 0, f"stats {st}")
    check(st["errors"].get("output") == st["records_seen"], f"errors {st['errors']}")
    check(st["records_seen"] < 30000, f"{st['records_seen']} records read after the output died")
    check([f["path"] for f in st["files"]] == ["a.jsonl"], f"files {st['files']}")


def endless_stdin(p, stop):
    """Feed p an endless JSONL stream until stop is set or the pipe closes."""
    line = (json.dumps({"text": page(0, 3)}) + "\n").encode()
    chunk = line * 64
    try:
        while not stop.is_set():
            p.stdin.write(chunk)
    except (BrokenPipeError, ValueError, OSError):
        pass


def t_head_stops(tmp):
    """`winnow clean endless | head -1`: with SIGPIPE ignored (EPIPE), the
    run ends quickly, exit 1, one message; with SIGPIPE at its default, it
    dies of it quickly."""
    for ignore in (True, False):
        pre = (lambda: signal.signal(signal.SIGPIPE, signal.SIG_IGN)) if ignore else None
        p = subprocess.Popen([WINNOW, "clean", "-f", "jsonl", "-"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp,
                             preexec_fn=pre)
        stop = threading.Event()
        feeder = threading.Thread(target=endless_stdin, args=(p, stop), daemon=True)
        feeder.start()
        first = p.stdout.readline()
        p.stdout.close()  # head -1 exits
        t0 = time.monotonic()
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
            raise Failure(f"SIGPIPE {'ignored' if ignore else 'default'}: still running 10 s "
                          "after its reader left")
        finally:
            stop.set()
        took = time.monotonic() - t0
        err = p.stderr.read().decode()
        p.stderr.close()
        try:
            p.stdin.close()
        except OSError:
            pass
        check(json.loads(first), "no first line")
        check(took < 5, f"took {took:.1f} s to stop")
        if ignore:
            check(p.returncode == 1, f"exit {p.returncode}: {short(err)}")
            check("Broken pipe" in err and len(err.splitlines()) <= 3,
                  f"want one message naming the broken pipe: {short(err, 1000)}")
        else:
            check(p.returncode == -signal.SIGPIPE, f"exit {p.returncode}: {short(err)}")


# ---------------------------------------------------------------------------
# Peak memory at a high -j with large records (item 8)
# ---------------------------------------------------------------------------


def t_peak_rss(tmp, no_rss):
    if no_rss:
        raise Skip("--no-rss")
    d = os.path.join(tmp, "big")
    os.mkdir(d)
    body = "".join(f"{PARA}({k})\n\n" for k in range(400)).encode()
    for i in range(12):  # 12 documents of 12 MiB, under --max-doc-bytes (16 MiB)
        with open(os.path.join(d, f"p{i:02d}.txt"), "wb") as f:
            f.write(f"Bridge {i}\n\n".encode() + body * ((12 << 20) // len(body)))
    t0 = time.monotonic()
    p = subprocess.Popen([WINNOW, "clean", "-q", "-j", "48", "--stats", "st.json", "-o",
                          "/dev/null", "big"], cwd=tmp, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    took = time.monotonic() - t0
    check(p.returncode == 0, f"exit {p.returncode}: {short(err)}")
    st = stats_ok(os.path.join(tmp, "st.json"))
    check(st["written"] == 12, f"stats {st}")
    peak = ru.ru_maxrss / 1024  # KiB on Linux
    print(f"  t_peak_rss: {peak:.0f} MiB peak at -j 48 (bound {RSS_BOUND_MIB}), {took:.1f} s")
    check(peak <= RSS_BOUND_MIB, f"peak RSS {peak:.0f} MiB > {RSS_BOUND_MIB} MiB at -j 48")


TESTS = [t_same_file_refused, t_stats_atomic, t_disk_full, t_dead_output_stops, t_head_stops,
         t_peak_rss]


def main():
    global WINNOW
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--winnow", required=True)
    ap.add_argument("--no-rss", action="store_true")
    ap.add_argument("-k", metavar="NAME")
    args = ap.parse_args()
    WINNOW = os.path.abspath(args.winnow)
    passed = failed = skipped = 0
    for t in TESTS:
        if args.k and args.k not in t.__name__:
            continue
        with tempfile.TemporaryDirectory(prefix="winnow-out-") as tmp:
            try:
                t(tmp, args.no_rss) if t is t_peak_rss else t(tmp)
                passed += 1
            except Skip as e:
                skipped += 1
                print(f"SKIP {t.__name__}: {e}")
            except Failure as e:
                failed += 1
                print(f"FAIL {t.__name__}: {e}")
            except Exception:
                failed += 1
                tb = traceback.format_exc().strip().splitlines()
                print(f"FAIL {t.__name__}: exception: {tb[-1]} ({tb[-3].strip()})")
    print(f"cli_output: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
