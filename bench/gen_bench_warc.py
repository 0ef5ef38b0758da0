#!/usr/bin/python3
"""gen_bench_warc.py [--synthetic] OUT_STEM [MB] - write a Common-Crawl-shaped archive for
bench/bench_reader.c: OUT_STEM.warc (plain) and OUT_STEM.warc.gz (one gzip
member per record, zlib level 6 as Common Crawl writes them). The .warc.zst
(one zstd frame per record) is made from the plain file by
`bench_reader --make-zst`.

Shape (Common Crawl's crawl WARCs): a warcinfo record, then per URL a
request, a response and a metadata record. Responses carry HTTP headers as
CC stores them (body decoded, X-Crawler-Content-Encoding /
X-Crawler-Content-Length), and an HTML page of 3 KB to 120 KB (log-uniform
sizes); a few are redirects and 404s. The pages are the real ones of
../shared/bench/data/*/html (English and Chinese news, blogs, forums), each
cut to its drawn size at a tag, so the markup and text compress as real
pages do; without that directory (or with --synthetic) they are made up:
English or Chinese text in paragraphs among navigation, CSS and scripts
(which compress less well than real pages: about 2.7x against 4x). MB
(default 160) is the size of the plain file, about. Deterministic: the
same bytes on every run, given the same pages.

Standard library only; reuses tests/warc/gen_warc.py's record framing.
"""
import gzip
import math
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "warc"))
import gen_warc as gw  # noqa: E402

R = random.Random(20241120)
LETTERS = "etaoinshrdlucmfwypvbgkjqxz"


def make_vocab(n):
    words = set()
    while len(words) < n:
        k = max(1, min(12, int(R.expovariate(1 / 5.0)) + 1))
        words.add("".join(R.choice(LETTERS[:18] if R.random() < 0.8 else LETTERS) for _ in range(k)))
    words = sorted(words)
    R.shuffle(words)
    return words


VOCAB = make_vocab(4000)
ZIPF = [1.0 / (i + 1) ** 1.1 for i in range(len(VOCAB))]
HANZI = [chr(c) for c in range(0x4E00, 0x4E00 + 3500)]
HANZI_W = [1.0 / (i + 1) ** 0.8 for i in range(len(HANZI))]


def en_paragraph():
    n = R.randint(25, 160)
    words = R.choices(VOCAB, weights=ZIPF, k=n)
    out, cap = [], True
    for i, w in enumerate(words):
        out.append(w.capitalize() if cap else w)
        cap = False
        r = R.random()
        if r < 0.07 or i == n - 1:
            out[-1] += "."
            cap = True
        elif r < 0.14:
            out[-1] += ","
    return " ".join(out)


def zh_paragraph():
    n = R.randint(40, 300)
    chars = R.choices(HANZI, weights=HANZI_W, k=n)
    for i in range(R.randint(8, 20), n, R.randint(8, 20)):
        chars[i] = "，" if R.random() < 0.7 else "。"
    return "".join(chars) + "。"


# pools: pages draw paragraphs from them (a page rarely repeats one, so
# each gzip member compresses like real text, not like a repeated string)
EN_POOL = [en_paragraph() for _ in range(6000)]
ZH_POOL = [zh_paragraph() for _ in range(2500)]


def nav(k):
    items = "".join('<li class="menu__item"><a class="menu__link" href="/%s/" title="%s">%s</a>'
                    "</li>" % (w, w.capitalize(), w.capitalize())
                    for w in R.sample(VOCAB[:300], k))
    return '<nav class="menu menu--main" role="navigation"><ul class="menu__list">%s</ul></nav>' % items


def css():
    rules = []
    for _ in range(R.randint(20, 80)):
        sel = ".%s-%s" % (R.choice(VOCAB[:200]), R.choice(["item", "link", "title", "box", "wrap"]))
        props = ";".join("%s:%s" % (R.choice(["margin", "padding", "color", "font-size",
                                               "line-height", "display", "border"]),
                                    R.choice(["0", "1px solid #ddd", "#333", "14px", "1.5",
                                              "block", "none", "0 auto", "inline-block"]))
                         for _ in range(R.randint(1, 6)))
        rules.append("%s{%s}" % (sel, props))
    return "<style>%s</style>" % "".join(rules)


def script():
    body = ";".join("var %s=%d;function %s(a){return a+%s}" % (
        R.choice(VOCAB), R.randint(0, 99999), R.choice(VOCAB), R.choice(VOCAB))
        for _ in range(R.randint(3, 30)))
    return "<script>%s</script>" % body


def html_page(size, zh):
    pool = ZH_POOL if zh else EN_POOL
    title = pool[R.randrange(len(pool))][:40]
    head = ('<!DOCTYPE html><html lang="%s"><head><meta charset="utf-8"><title>%s</title>'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<link rel="stylesheet" href="/static/css/main.min.css">%s%s</head>'
            '<body class="page page--article">'
            % ("zh" if zh else "en", title, css(), script()))
    parts = [head, '<header class="top">', nav(R.randint(5, 15)), "</header>",
             '<div class="main"><article><h1>%s</h1>' % title]
    n = len(head)
    while n < size:
        r = R.random()
        if r < 0.75:
            p = ('<div class="article__paragraph"><p class="text text--body">%s</p></div>'
                 % pool[R.randrange(len(pool))])
        elif r < 0.85:
            p = ('<div class="related__item"><a class="related__link" rel="noopener" '
                 'href="https://www.example.com/articles/%d.html">%s</a></div>'
                 % (R.randint(1, 10 ** 6), pool[R.randrange(len(pool))][:60]))
        elif r < 0.95:
            p = '<div class="side">%s</div>' % nav(R.randint(3, 10))
        else:
            p = script()
        parts.append(p)
        n += len(p.encode())
    parts.append("</article></div><footer>&copy; 2024 %s</footer></body></html>" % title[:20])
    return "".join(parts).encode()


PAGES_GLOB = os.path.join(HERE, "..", "..", "shared", "bench", "data", "*", "html", "*.html")
PAGES = []


def load_pages():
    import glob
    for path in sorted(glob.glob(PAGES_GLOB)):
        with open(path, "rb") as f:
            data = f.read()
        if len(data) >= 2000:
            PAGES.append(data)


def real_page(size):
    page = PAGES[R.randrange(len(PAGES))]
    if len(page) <= size:
        return page
    cut = page.rfind(b"<", 0, size)
    return page[:cut if cut > size // 2 else size] + b"</body></html>"


def uuid(n):
    return b"<urn:uuid:%08x-0000-4000-8000-%012x>" % (n & 0xFFFFFFFF, n)


def fields(rtype, n, uri, date, ctype, extra=()):
    return ([(b"WARC-Type", rtype), (b"WARC-Date", date), (b"WARC-Record-ID", uuid(n)),
             (b"Content-Type", ctype)] + list(extra)
            + ([(b"WARC-Target-URI", uri)] if uri else []))


def url_records(i):
    host = "%s.%s.%s" % (R.choice(VOCAB), R.choice(VOCAB), R.choice(["com", "org", "cn", "net"]))
    uri = ("https://%s/%s/%d.html" % (host, R.choice(VOCAB), i)).encode()
    date = b"2024-11-%02dT%02d:%02d:%02dZ" % (R.randint(1, 28), R.randint(0, 23),
                                               R.randint(0, 59), R.randint(0, 59))
    ip = b"%d.%d.%d.%d" % tuple(R.randint(1, 254) for _ in range(4))
    path = b"/" + uri.split(b"/", 3)[3]
    req = (b"GET " + path + b" HTTP/1.1\r\n"
           b"User-Agent: CCBot/2.0 (https://commoncrawl.org/faq/)\r\n"
           b"Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
           b"Accept-Language: en-US,en;q=0.5\r\nAccept-Encoding: br,gzip\r\n"
           b"Host: " + host.encode() + b"\r\nConnection: Keep-Alive\r\n\r\n")
    r = R.random()
    if r < 0.05:
        status, body, ctype = b"HTTP/1.1 301 Moved Permanently", b"", b"text/html"
    elif r < 0.09:
        status, body, ctype = b"HTTP/1.1 404 Not Found", b"<html><body>Not found</body></html>", b"text/html"
    else:
        zh = R.random() < 0.3
        size = int(math.exp(R.uniform(math.log(3000), math.log(120000))))
        status = b"HTTP/1.1 200 OK"
        body = real_page(size) if PAGES else html_page(size, zh)
        ctype = b"text/html; charset=UTF-8"
    hdrs = [(b"Date", b"Wed, 20 Nov 2024 09:58:07 GMT"), (b"Server", b"nginx"),
            (b"Content-Type", ctype), (b"X-Crawler-Content-Length", b"%d" % (len(body) // 4)),
            (b"Content-Length", b"%d" % len(body)), (b"Vary", b"Accept-Encoding"),
            (b"X-Crawler-Content-Encoding", b"gzip"), (b"Cache-Control", b"max-age=600"),
            (b"Set-Cookie", b"sid=%x; Path=/; HttpOnly" % R.getrandbits(64))]
    if status.startswith(b"HTTP/1.1 301"):
        hdrs.append((b"Location", uri + b"?r=1"))
    resp = gw.http_response(hdrs, body, status=status)
    n = 3 * i
    concurrent = [(b"WARC-Concurrent-To", uuid(n + 1))]
    digest = [(b"WARC-Block-Digest", b"sha1:%032X" % R.getrandbits(128))]
    recs = [
        gw.record(fields(b"request", n, uri, date, b"application/http; msgtype=request",
                         [(b"WARC-Warcinfo-ID", uuid(0)), (b"WARC-IP-Address", ip)] + digest), req,
                  version=b"WARC/1.0"),
        gw.record(fields(b"response", n + 1, uri, date, b"application/http; msgtype=response",
                         [(b"WARC-Warcinfo-ID", uuid(0)), (b"WARC-IP-Address", ip)] + digest
                         + [(b"WARC-Payload-Digest", b"sha1:%032X" % R.getrandbits(128)),
                            (b"WARC-Identified-Payload-Type", b"text/html")]),
                  resp, version=b"WARC/1.0"),
        gw.record(fields(b"metadata", n + 2, uri, date, b"application/warc-fields",
                         concurrent),
                  b"fetchTimeMs: %d\r\ncharset-detected: UTF-8\r\nlanguages-cld2: "
                  b'{"reliable":true,"languages":[{"code":"en","score":99}]}\r\n'
                  % R.randint(5, 3000), version=b"WARC/1.0"),
    ]
    return recs


def main():
    args = sys.argv[1:]
    synthetic = "--synthetic" in args
    args = [a for a in args if a != "--synthetic"]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    stem = args[0]
    target = int(float(args[1]) * 1e6) if len(args) > 1 else 160 * 10 ** 6
    if not synthetic:
        load_pages()
    info = gw.record(fields(b"warcinfo", 0, None, b"2024-11-20T00:00:00Z",
                            b"application/warc-fields"),
                     b"software: gen_bench_warc.py\r\nformat: WARC File Format 1.0\r\n"
                     b"operator: winnow bench\r\n", version=b"WARC/1.0")
    n = total = 0
    with open(stem + ".warc.tmp", "wb") as plain, open(stem + ".warc.gz.tmp", "wb") as gz:
        recs, i = [info], 0
        while True:
            for rec in recs:
                plain.write(rec)
                gz.write(gzip.compress(rec, compresslevel=6, mtime=0))
                total += len(rec)
                n += 1
            if total >= target:
                break
            i += 1
            recs = url_records(i)
    os.replace(stem + ".warc.tmp", stem + ".warc")
    os.replace(stem + ".warc.gz.tmp", stem + ".warc.gz")
    print("%s.warc: %d records, %.1f MB (%s pages); .warc.gz %.1f MB"
          % (stem, n, total / 1e6, "%d real" % len(PAGES) if PAGES else "synthetic",
             os.path.getsize(stem + ".warc.gz") / 1e6))
    return 0


if __name__ == "__main__":
    sys.exit(main())
