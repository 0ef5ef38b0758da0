#!/usr/bin/python3
"""gen_warc.py [--cli] OUTDIR - write a WARC test corpus (standard library only).

Without --cli: the corpus of the WARC layer's unit test (tests/unit/test_warc.c).

Golden files: the record examples of the WARC 1.1 specification (Annex C /
§6, typed in by hand; the spec's "[binary data]" placeholders become
deterministic bytes, Content-Length is computed), in every container; a
Common-Crawl-shaped archive (decoded bodies, X-Crawler- headers) and its
WET; a raw-payload archive (chunked, gzip, deflate, zstd, br bodies).

Malformed files: one per error class of src/io/wn_warc_err.h.

Next to some files, NAME.payload.K holds the expected payload of the K-th
record (from 1), for the C test to compare byte for byte.

With --cli: the corpus of the command-line test (tests/warc/run_warc_cli.py):
a Common Crawl WARC (warcinfo, then request/response/metadata per capture,
bodies stored decoded) of article pages in English, Simplified Chinese
(GBK), Traditional Chinese (Big5, labelled only in HTTP), Japanese
(Shift_JIS), Russian (windows-1251) and German, with a text file, a
redirect, a 404, an image and a PDF among them; its WET and WAT; a
raw-payload WARC (wget style: chunked, gzip, deflate bodies as sent); each
plain, .gz (a member per record) and .zst (a frame per record). Then one
small file per malformed class (bad_*), per warning (warn_*), per charset
trap (cs_*), the drop reasons (drop_*), the caps (cap_*), bombs over the
default 64 MiB record cap in gzip, brotli and zstd payloads and containers
(bomb_*), and .corpus.json (hidden, so a directory walk skips it) listing
what the archives hold.

zstd files are written only when the zstd command is installed. Everything
is deterministic: the same bytes on every run.
"""
import base64
import gzip
import hashlib
import json
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import uuid
import zlib

CRLF = b"\r\n"
HAVE_ZSTD = shutil.which("zstd") is not None


def record(fields, block, version=b"WARC/1.1", eol=CRLF, cl=None, trailer=None):
    """One WARC record: version line, fields, empty line, block, CRLF CRLF.

    fields is a list of (name, value) byte pairs; Content-Length is added
    last unless cl says otherwise (cl=False: no Content-Length at all)."""
    out = [version, eol]
    for name, value in fields:
        out += [name, b": ", value, eol]
    if cl is not False:
        out += [b"Content-Length: ", str(len(block)).encode() if cl is None else cl, eol]
    out += [eol, block, trailer if trailer is not None else eol + eol]
    return b"".join(out)


def http_response(headers, body, status=b"HTTP/1.1 200 OK", eol=CRLF):
    out = [status, eol]
    for name, value in headers:
        out += [name, b": ", value, eol]
    return b"".join(out + [eol, body])


def chunked(data, sizes=(7, 100, 1000)):
    """RFC 9112 §7.1 framing, chunk sizes cycling through sizes."""
    out, i, k = [], 0, 0
    while i < len(data):
        n = sizes[k % len(sizes)]
        piece = data[i:i + n]
        out += [b"%x" % len(piece), CRLF, piece, CRLF]
        i += n
        k += 1
    return b"".join(out + [b"0", CRLF, CRLF])


def gz(data):
    return gzip.compress(data, compresslevel=6, mtime=0)


def raw_deflate(data):
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def zstd(data):
    return subprocess.run(["zstd", "-q", "-c", "-3"], input=data, stdout=subprocess.PIPE,
                          check=True).stdout


def brotli_stored(data):
    """A brotli stream (RFC 7932) made of uncompressed meta-blocks, built by
    hand: the standard library has no brotli encoder."""
    out = bytearray()
    bits, nbits = 0, 0

    def put(value, n):
        nonlocal bits, nbits
        bits |= value << nbits
        nbits += n
        while nbits >= 8:
            out.append(bits & 0xFF)
            bits >>= 8
            nbits -= 8

    def flush_to_byte():
        nonlocal bits, nbits
        if nbits:
            out.append(bits & 0xFF)
            bits, nbits = 0, 0

    put(0, 1)  # WBITS: 16
    for i in range(0, len(data), 65536):
        piece = data[i:i + 65536]
        put(0, 1)  # ISLAST = 0
        put(0, 2)  # MNIBBLES = 4
        put(len(piece) - 1, 16)  # MLEN - 1
        put(1, 1)  # ISUNCOMPRESSED
        flush_to_byte()
        out += piece
    put(1, 1)  # ISLAST
    put(1, 1)  # ISLASTEMPTY
    flush_to_byte()
    return bytes(out)


def binary(n, seed):
    """Deterministic bytes standing in for the spec's binary payloads."""
    r = random.Random(seed)
    return bytes(r.getrandbits(8) for _ in range(n))


def text(n, seed, words=b"lorem ipsum dolor sit amet winnow archive record payload".split()):
    r = random.Random(seed)
    out = []
    size = 0
    while size < n:
        w = r.choice(words)
        out.append(w)
        size += len(w) + 1
    return b" ".join(out)[:n]


# ---------------------------------------------------------------------------
# Golden: the WARC 1.1 specification's examples
# ---------------------------------------------------------------------------

JPEG = binary(1662, 1)
NEOIMG = binary(934, 2)

WARCINFO_BODY = (b"software: Heritrix/1.12.0 http://crawler.archive.org\r\n"
                 b"hostname: crawling017.archive.org\r\n"
                 b"ip: 207.241.227.234\r\n"
                 b"isPartOf: testcrawl-20050708\r\n"
                 b"description: testcrawl with WARC output\r\n"
                 b"operator: IA_Admin\r\n"
                 b"http-header-user-agent:\r\n"
                 b" Mozilla/5.0 (compatible; heritrix/1.4.0 +http://crawler.archive.org)\r\n"
                 b"format: WARC file version 1.1\r\n"
                 b"conformsTo:\r\n"
                 b" http://www.archive.org/documents/WarcFileFormat-1.1.html\r\n")

REQUEST_BODY = (b"GET /images/logoc.jpg HTTP/1.0\r\n"
                b"User-Agent: Mozilla/5.0 (compatible; heritrix/1.10.0)\r\n"
                b"From: stack@example.org\r\n"
                b"Connection: close\r\n"
                b"Referer: http://www.archive.org/\r\n"
                b"Host: www.archive.org\r\n"
                b"Cookie: PHPSESSID=009d7bb11022f80605aa87e18224d824\r\n\r\n")

RESPONSE_BODY = http_response([(b"Date", b"Tue, 19 Sep 2016 17:18:40 GMT"),
                               (b"Server", b"Apache/2.0.54 (Ubuntu)"),
                               (b"Last-Modified", b"Mon, 16 Jun 2013 22:28:51 GMT"),
                               (b"ETag", b"\"3e45-67e-2ed02ec0\""),
                               (b"Accept-Ranges", b"bytes"),
                               (b"Content-Length", b"1662"),
                               (b"Connection", b"close"),
                               (b"Content-Type", b"image/jpeg")], JPEG)

REVISIT_BODY = (b"HTTP/1.x 200 OK\r\n"
                b"Date: Tue, 19 Sep 2016 17:18:40 GMT\r\n"
                b"Server: Apache/2.0.54 (Ubuntu)\r\n"
                b"Last-Modified: Mon, 16 Jun 2013 22:28:51 GMT\r\n"
                b"ETag: \"3e45-67e-2ed02ec0\"\r\n"
                b"Accept-Ranges: bytes\r\n"
                b"Content-Length: 1662\r\n"
                b"Connection: close\r\n"
                b"Content-Type: image/jpeg\r\n\r\n")

METADATA_BODY = b"via: http://www.archive.org/\r\nhopsFromSeed: E\r\nfetchTimeMs: 565\r\n"

URI = b"http://www.archive.org/images/logoc.jpg"


def spec_records():
    """(record bytes, expected payload) in the order of WARC 1.1 §6."""
    return [
        (record([(b"WARC-Type", b"warcinfo"),
                 (b"WARC-Date", b"2016-09-19T17:20:14Z"),
                 (b"WARC-Record-ID", b"<urn:uuid:d7ae5c10-e6b3-4d27-967d-34780c58ba39>"),
                 (b"Content-Type", b"application/warc-fields")], WARCINFO_BODY), WARCINFO_BODY),
        (record([(b"WARC-Type", b"request"),
                 (b"WARC-Target-URI", URI),
                 (b"WARC-Warcinfo-ID", b"<urn:uuid:d7ae5c10-e6b3-4d27-967d-34780c58ba39>"),
                 (b"WARC-Date", b"2016-09-19T17:20:24Z"),
                 (b"WARC-Record-ID", b"<urn:uuid:4885803b-eebd-4b27-a090-144450c11594>"),
                 (b"Content-Type", b"application/http;msgtype=request"),
                 (b"WARC-Concurrent-To", b"<urn:uuid:92283950-ef2f-4d72-b224-f54c6ec90bb0>")],
                REQUEST_BODY), REQUEST_BODY),
        (record([(b"WARC-Type", b"response"),
                 (b"WARC-Target-URI", URI),
                 (b"WARC-Date", b"2016-09-19T17:20:24Z"),
                 (b"WARC-Block-Digest", b"sha1:UZY6ND6CCHXETFVJD2MSS7ZENMWF7KQ2"),
                 (b"WARC-Payload-Digest", b"sha1:CCHXETFVJD2MUZY6ND6SS7ZENMWF7KQ2"),
                 (b"WARC-IP-Address", b"207.241.233.58"),
                 (b"WARC-Record-ID", b"<urn:uuid:92283950-ef2f-4d72-b224-f54c6ec90bb0>"),
                 (b"Content-Type", b"application/http;msgtype=response"),
                 (b"WARC-Identified-Payload-Type", b"image/jpeg")], RESPONSE_BODY), JPEG),
        (record([(b"WARC-Type", b"resource"),
                 (b"WARC-Target-URI", b"file://var/www/htdoc/images/logoc.jpg"),
                 (b"WARC-Date", b"2016-09-19T17:20:24Z"),
                 (b"WARC-Record-ID", b"<urn:uuid:23200706-de3e-3c61-a131-g65d7fd80cc1>"),
                 (b"Content-Type", b"image/jpeg"),
                 (b"WARC-Payload-Digest", b"sha1:CCHXETFVJD2MUZY6ND6SS7ZENMWF7KQ2"),
                 (b"WARC-Block-Digest", b"sha1:CCHXETFVJD2MUZY6ND6SS7ZENMWF7KQ2")], JPEG), JPEG),
        (record([(b"WARC-Type", b"metadata"),
                 (b"WARC-Target-URI", URI),
                 (b"WARC-Date", b"2016-09-19T17:20:24Z"),
                 (b"WARC-Record-ID", b"<urn:uuid:16da6da0-bcdc-49c3-927e-57494593b943>"),
                 (b"WARC-Concurrent-To", b"<urn:uuid:92283950-ef2f-4d72-b224-f54c6ec90bb0>"),
                 (b"Content-Type", b"application/warc-fields"),
                 (b"WARC-Block-Digest", b"sha1:VXT4AF5BBZVHDYKNC2CSM8TEAWDB6CH8")],
                METADATA_BODY), METADATA_BODY),
        (record([(b"WARC-Type", b"revisit"),
                 (b"WARC-Target-URI", URI),
                 (b"WARC-Date", b"2017-06-23T12:43:35Z"),
                 (b"WARC-Profile",
                  b"http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"),
                 (b"WARC-Record-ID", b"<urn:uuid:a9c51e3e-0221-11e7-bf66-0242ac120005>"),
                 (b"WARC-Refers-To", b"<urn:uuid:92283950-ef2f-4d72-b224-f54c6ec90bb0>"),
                 (b"WARC-Payload-Digest", b"sha1:CCHXETFVJD2MUZY6ND6SS7ZENMWF7KQ2"),
                 (b"WARC-Truncated", b"length"),
                 (b"Content-Type", b"message/http")], REVISIT_BODY), REVISIT_BODY),
        (record([(b"WARC-Type", b"conversion"),
                 (b"WARC-Target-URI", URI),
                 (b"WARC-Date", b"2016-09-19T19:00:40Z"),
                 (b"WARC-Record-ID", b"<urn:uuid:e7c9eff8-f5bc-4aeb-b3d2-9d3df99afb30>"),
                 (b"WARC-Refers-To", b"<urn:uuid:92283950-ef2f-4d72-b224-f54c6ec90bb0>"),
                 (b"WARC-Block-Digest", b"sha1:XQMRY75YY42ZWC6JAT6KNXKD37F7MOEK"),
                 (b"Content-Type", b"image/neoimg")], NEOIMG), NEOIMG),
        (record([(b"WARC-Type", b"continuation"),
                 (b"WARC-Target-URI", URI),
                 (b"WARC-Date", b"2016-09-19T18:03:53Z"),
                 (b"WARC-Record-ID", b"<urn:uuid:70653950-a77f-b212-e434-7a7c6ec909ef>"),
                 (b"WARC-Segment-Origin-ID", b"<urn:uuid:39509228-ae2f-11b2-763a-aa4c6ec90bb0>"),
                 (b"WARC-Segment-Number", b"2"),
                 (b"WARC-Segment-Total-Length", b"1902"),
                 (b"WARC-Identified-Payload-Type", b"image/jpeg")], JPEG[:22]), JPEG[:22]),
    ]


# ---------------------------------------------------------------------------
# Golden: Common Crawl and raw-payload layouts
# ---------------------------------------------------------------------------

HTML_ZH = ("<html><head><meta charset=\"gbk\"><title>新闻</title></head><body>"
           "<p>北京时间今天上午，记者从有关部门获悉，相关工作正在有序推进。</p>"
           "</body></html>").encode("gbk")
HTML_EN = (b"<!doctype html><html><head><title>News</title></head><body>"
           + b"<p>" + text(3000, 7) + b"</p></body></html>")


def warc10(rtype, rid, uri, ctype, block, extra=()):
    fields = [(b"WARC-Type", rtype), (b"WARC-Date", b"2024-02-20T10:11:12Z"),
              (b"WARC-Record-ID", rid)]
    if uri:
        fields.append((b"WARC-Target-URI", uri))
    fields += list(extra) + [(b"Content-Type", ctype)]
    return record(fields, block, version=b"WARC/1.0")


def cc_records():
    """Common Crawl: bodies stored decoded, original headers renamed."""
    info = b"software: test\r\nformat: WARC File Format 1.0\r\n"
    req = b"GET /news/1.html HTTP/1.1\r\nHost: news.example.cn\r\n\r\n"
    resp = http_response([(b"Date", b"Tue, 20 Feb 2024 10:11:12 GMT"),
                          (b"Content-Type", b"text/html; charset=GBK"),
                          (b"X-Crawler-Content-Encoding", b"gzip"),
                          (b"X-Crawler-Transfer-Encoding", b"chunked"),
                          (b"Content-Length", str(len(HTML_ZH)).encode()),
                          (b"X-Crawler-Content-Length", b"211")], HTML_ZH)
    meta = b"fetchTimeMs: 120\r\ncharset-detected: GB2312\r\n"
    return [
        (warc10(b"warcinfo", b"<urn:uuid:00000000-0000-0000-0000-000000000001>", None,
                b"application/warc-fields", info), info),
        (warc10(b"request", b"<urn:uuid:00000000-0000-0000-0000-000000000002>",
                b"https://news.example.cn/news/1.html", b"application/http; msgtype=request",
                req), req),
        (warc10(b"response", b"<urn:uuid:00000000-0000-0000-0000-000000000003>",
                b"https://news.example.cn/news/1.html", b"application/http; msgtype=response",
                resp, [(b"WARC-IP-Address", b"10.0.0.1"),
                       (b"WARC-Identified-Payload-Type", b"text/html")]), HTML_ZH),
        (warc10(b"metadata", b"<urn:uuid:00000000-0000-0000-0000-000000000004>",
                b"https://news.example.cn/news/1.html", b"application/warc-fields", meta), meta),
    ]


def wet_records():
    body = "北京时间今天上午，记者从有关部门获悉。\nSecond line.\n".encode()
    return [(warc10(b"conversion", b"<urn:uuid:00000000-0000-0000-0000-0000000000e1>",
                    b"https://news.example.cn/news/1.html", b"text/plain", body,
                    [(b"WARC-Refers-To", b"<urn:uuid:00000000-0000-0000-0000-000000000003>"),
                     (b"WARC-Identified-Content-Language", b"zho")]), body)]


def raw_response(rid, headers, body, uri=b"https://raw.example.org/"):
    block = http_response(headers, body)
    return record([(b"WARC-Type", b"response"), (b"WARC-Date", b"2024-03-01T00:00:00Z"),
                   (b"WARC-Record-ID", rid), (b"WARC-Target-URI", uri),
                   (b"Content-Type", b"application/http;msgtype=response")], block)


def rid(n):
    return b"<urn:uuid:00000000-0000-0000-0000-%012d>" % n


def raw_records():
    """Wire bytes as crawlers without decoding store them."""
    html = HTML_EN
    recs = [
        (raw_response(rid(101), [(b"Content-Type", b"text/html; charset=utf-8"),
                                 (b"Transfer-Encoding", b"chunked"),
                                 (b"Content-Encoding", b"gzip")], chunked(gz(html))), html),
        (raw_response(rid(102), [(b"Content-Type", b"text/html"),
                                 (b"Content-Encoding", b"deflate")], zlib.compress(html)), html),
        (raw_response(rid(103), [(b"Content-Type", b"text/html"),
                                 (b"Content-Encoding", b"deflate")], raw_deflate(html)), html),
        (raw_response(rid(104), [(b"Content-Type", b"text/html"),
                                 (b"Transfer-Encoding", b"chunked")], chunked(html)), html),
        (raw_response(rid(105), [(b"Content-Type", b"text/html; charset=\"ISO-8859-1\""),
                                 (b"Content-Encoding", b"x-gzip")], gz(html)), html),
        (raw_response(rid(106), [(b"Content-Type", b"text/html"),
                                 (b"Content-Encoding", b"br")], brotli_stored(html)), html),
    ]
    if HAVE_ZSTD:
        recs.append((raw_response(rid(107), [(b"Content-Type", b"text/html"),
                                             (b"Content-Encoding", b"zstd")], zstd(html)), html))
    return recs


# ---------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------

def write(out, name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


def write_payloads(out, name, recs):
    for k, (_, payload) in enumerate(recs, 1):
        write(out, "%s.payload.%d" % (name, k), payload)


def write_all_containers(out, stem, recs):
    """stem.warc, stem.warc.gz (member per record), stem_whole.warc.gz,
    and the zstd versions."""
    raw = [r for r, _ in recs]
    write(out, stem + ".warc", b"".join(raw))
    write(out, stem + ".warc.gz", b"".join(gz(r) for r in raw))
    write(out, stem + "_whole.warc.gz", gz(b"".join(raw)))
    names = [stem + ".warc", stem + ".warc.gz", stem + "_whole.warc.gz"]
    if HAVE_ZSTD:
        write(out, stem + ".warc.zst", b"".join(zstd(r) for r in raw))
        write(out, stem + "_whole.warc.zst", zstd(b"".join(raw)))
        names += [stem + ".warc.zst", stem + "_whole.warc.zst"]
    for n in names:
        write_payloads(out, n, recs)


def simple(n, body=None):
    """A small resource record with id rid(n)."""
    body = body if body is not None else text(200 + 37 * n, n)
    return record([(b"WARC-Type", b"resource"), (b"WARC-Date", b"2024-01-01T00:00:00Z"),
                   (b"WARC-Record-ID", rid(n)),
                   (b"WARC-Target-URI", b"http://example.com/%d" % n),
                   (b"Content-Type", b"text/plain")], body)


def five(bad=None, index=3):
    """Records 1..5 with record `index` replaced by bad."""
    return [bad if (i == index and bad is not None) else simple(i) for i in range(1, 6)]


# ---------------------------------------------------------------------------
# Lying Content-Lengths (both corpora)
# ---------------------------------------------------------------------------

# kind: Content-Length of the liar from (its real block length, the plain
# file's length). "over" is over the 8 KiB cap the tests read with and
# inside the file; "end" runs past the end of the file.
LIES = [
    ("under", lambda real, total: b"%d" % (real + 2000)),
    ("over", lambda real, total: b"%d" % (real + 20000)),
    ("end", lambda real, total: b"%d" % (total + 1000)),
    ("mb", lambda real, total: b"1048576"),
    ("2p63", lambda real, total: b"9223372036854775808"),
    ("2p64", lambda real, total: b"18446744073709551616"),
    ("huge", lambda real, total: b"99999999999999999999999"),
    ("neg", lambda real, total: b"-20"),
    ("nonnum", lambda real, total: b"lots"),
    ("empty", lambda real, total: b""),
    ("short", lambda real, total: b"%d" % (real - 10)),
]
LIE_BEFORE = 2   # honest records before the liar (ids 1, 2); the liar is 3
LIE_AFTER = 30   # honest records after it (ids 4 .. 33)
LIE_MANY = 2000  # honest records behind the liar of the lie_many files


def lie_containers(out, stem, recs):
    """stem.warc, stem.warc.gz (member per record), stem_whole.warc.gz,
    stem.warc.zst (frame per record), stem_whole.warc.zst (one frame)."""
    write(out, stem + ".warc", b"".join(recs))
    write(out, stem + ".warc.gz", b"".join(gz(r) for r in recs))
    write(out, stem + "_whole.warc.gz", gz(b"".join(recs)))
    if HAVE_ZSTD:
        write(out, stem + ".warc.zst", b"".join(zstd(r) for r in recs))
        write(out, stem + "_whole.warc.zst", zstd(b"".join(recs)))


def lie_files(out, honest, liar, real, small=None):
    """lie_KIND.* for each kind of LIES: honest(1..2), liar(3, cl),
    honest(4..33); lie_many*: the 2^63 liar then LIE_MANY honest records.
    honest(n) is record n; liar(n, cl) record n with Content-Length cl,
    whose block is real bytes long; small(n), if given, is record n of
    lie_many (default honest)."""
    before = [honest(n) for n in range(1, LIE_BEFORE + 1)]
    after = [honest(n) for n in range(LIE_BEFORE + 2, LIE_BEFORE + 2 + LIE_AFTER)]
    total = sum(map(len, before + after)) + len(liar(LIE_BEFORE + 1, b"%d" % real))
    write(out, "lie_none.warc", b"".join(before + after))
    for kind, cl in LIES:
        recs = before + [liar(LIE_BEFORE + 1, cl(real, total))] + after
        lie_containers(out, "lie_" + kind, recs)
    small = small or honest
    many = [liar(1, b"9223372036854775808")] + [small(n) for n in range(2, LIE_MANY + 2)]
    write(out, "lie_many.warc", b"".join(many))
    write(out, "lie_many_whole.warc.gz", gz(b"".join(many)))


# ---------------------------------------------------------------------------
# Malformed corpus
# ---------------------------------------------------------------------------

def malformed_gzip(out):
    big = simple(3, text(20000, 33))
    members = [gz(r) for r in five(big)]
    # the input ends inside the last member
    last = gz(simple(5, text(20000, 55)))
    write(out, "trunc_end.warc.gz", b"".join(members[:4]) + last[:len(last) // 2])
    # member 3 cut in half, members 4 and 5 follow
    m = list(members)
    m[2] = m[2][:len(m[2]) // 2]
    write(out, "trunc_mid.warc.gz", b"".join(m))
    # member 3 with its deflate data damaged
    m = list(members)
    d = bytearray(m[2])
    for i in range(len(d) // 2, len(d) // 2 + 16):
        d[i] ^= 0x5A
    m[2] = bytes(d)
    write(out, "corrupt_mid.warc.gz", b"".join(m))
    # member 3 with a wrong CRC32 in its trailer: the data decodes fine
    m = list(members)
    d = bytearray(m[2])
    d[-8] ^= 0xFF
    m[2] = bytes(d)
    write(out, "crc_mid.warc.gz", b"".join(m))
    # junk between members 2 and 3
    write(out, "garbage_between.warc.gz",
          b"".join(members[:2]) + b"\x00\x00JUNK between members\n" + b"".join(members[2:]))
    # the record in member 2 claims 40 bytes more than it has
    bad = simple(2)
    bad = bad.replace(b"Content-Length: %d" % (len(text(200 + 74, 2))),
                      b"Content-Length: %d" % (len(text(200 + 74, 2)) + 40))
    write(out, "cl_too_long.warc.gz", b"".join(gz(r) for r in five(bad, 2)))


def cl_variant(n, value):
    body = text(200 + 37 * n, n)
    return record([(b"WARC-Type", b"resource"), (b"WARC-Date", b"2024-01-01T00:00:00Z"),
                   (b"WARC-Record-ID", rid(n)), (b"Content-Type", b"text/plain")], body, cl=value)


def malformed_framing(out):
    body3 = text(200 + 37 * 3, 3)
    write(out, "cl_missing.warc", b"".join(five(cl_variant(3, False))))
    write(out, "cl_nonnumeric.warc", b"".join(five(cl_variant(3, b"12a"))))
    write(out, "cl_overflow.warc", b"".join(five(cl_variant(3, b"99999999999999999999999"))))
    write(out, "cl_too_short.warc",
          b"".join(five(cl_variant(3, str(len(body3) - 10).encode()))))
    write(out, "cl_too_long.warc", b"".join(five(cl_variant(3, str(len(body3) + 50).encode()))))
    # ends 3 bytes into record 4's version line ("\r\n\r\nWAR" swallowed)
    write(out, "cl_into_version.warc",
          b"".join(five(cl_variant(3, str(len(body3) + 7).encode()))))
    write(out, "cl_too_long_end.warc",
          b"".join(five()[:4]) + cl_variant(5, str(len(text(200 + 37 * 5, 5)) + 50).encode()))
    lf = [record([(b"WARC-Type", b"resource"), (b"WARC-Record-ID", rid(n)),
                  (b"Content-Type", b"text/plain")], b"line one\nline two\n", eol=b"\n")
          for n in (1, 2)]
    write(out, "lf_only.warc", b"".join(lf))
    nl = record([(b"WARC-Type", b"resource"), (b"WARC-Record-ID", rid(3)),
                 (b"WARC-Target-URI", b"http://example.com/a\nb"),
                 (b"Content-Type", b"text/plain")], b"x" * 10)
    write(out, "header_newline.warc", b"".join(five(nl)))
    nul = record([(b"WARC-Type", b"resource"), (b"WARC-Record-ID", rid(3)),
                  (b"WARC-Target-URI", b"http://example.com/\x00\x01"),
                  (b"Content-Type", b"text/plain")], b"x" * 10)
    write(out, "header_bytes.warc", b"".join(five(nul)))
    bad_utf8 = record([(b"WARC-Type", b"resource"), (b"WARC-Record-ID", rid(3)),
                       (b"WARC-Target-URI", b"http://example.com/\xc3\x28"),
                       (b"Content-Type", b"text/plain")], b"x" * 10)
    write(out, "header_utf8.warc", b"".join(five(bad_utf8)))
    v2 = simple(3).replace(b"WARC/1.1", b"WARC/2.0", 1)
    write(out, "version.warc", b"".join(five(v2)))
    v018 = simple(3).replace(b"WARC/1.1", b"WARC/0.18", 1)
    write(out, "version_018.warc", b"".join(five(v018)))
    longl = record([(b"WARC-Type", b"resource"), (b"WARC-Record-ID", rid(3)),
                    (b"X-Long", b"a" * 10000)], b"x" * 10)
    write(out, "line_too_long.warc", b"".join(five(longl)))
    many = record([(b"WARC-Type", b"resource"), (b"WARC-Record-ID", rid(3))]
                  + [(b"X-H%d" % i, b"v") for i in range(300)], b"x" * 10)
    write(out, "too_many_headers.warc", b"".join(five(many)))
    write(out, "garbage_lead.warc", b"this is not a warc\r\nnor this\r\n" + b"".join(five()))
    write(out, "empty.warc", b"")
    # a writer died inside record 3's header (after two lines), and inside
    # its block (after a line of it); record 4 follows at a line start
    three = simple(3, text(300, 3)[:150] + b"\n" + text(300, 3)[150:])
    cut = [five()[:2], five()[3:]]
    head = three[:three.index(b"\r\n", three.index(b"WARC-Date")) + 2]
    write(out, "cut_header.warc", b"".join(cut[0]) + head + b"".join(cut[1]))
    write(out, "cut_block.warc", b"".join(cut[0]) + three[:three.index(b"\n", three.index(
        b"\r\n\r\n") + 4) + 1] + b"".join(cut[1]))
    r = random.Random(1234)
    noise = bytes([0x42]) + bytes(r.getrandbits(8) for _ in range(65535))
    write(out, "noise.bin", noise)


def malformed_http(out):
    html = HTML_EN
    recs = [
        simple(1),
        raw_response(rid(2), [(b"Transfer-Encoding", b"chunked")],
                     b"zz\r\nnot chunked at all\r\n0\r\n\r\n"),
        raw_response(rid(3), [(b"Content-Encoding", b"gzip")], html),
        raw_response(rid(4), [(b"Content-Encoding", b"gzip")],
                     gz(html)[:20] + b"\xff" * 40 + gz(html)[60:]),
        record([(b"WARC-Type", b"response"), (b"WARC-Record-ID", rid(5)),
                (b"Content-Type", b"application/http;msgtype=response")],
               b"HTTX/1.1 200 OK\r\n\r\nbody"),
        raw_response(rid(6), [(b"Content-Encoding", b"compress")], b"\x1f\x9d\x90abc"),
        raw_response(rid(7), [(b"Transfer-Encoding", b"chunked")],
                     b"10\r\nonly eight\r\n"),
        simple(8),
    ]
    write(out, "http_bad.warc", b"".join(recs))


def zeros_gz(n):
    """gzip member of n zero bytes, streamed (n may be large)."""
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1 << 20)
    parts = []
    left = n
    while left:
        k = min(left, len(block))
        parts.append(c.compress(block[:k]))
        left -= k
    parts.append(c.flush())
    return b"".join(parts)


BOMB = 200 * 1024 * 1024


def malformed_bombs(out):
    head = (b"WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: " + rid(2)
            + b"\r\nContent-Type: application/octet-stream\r\nContent-Length: %d\r\n\r\n" % BOMB)
    # container bomb: one member holding a 200 MB record of zeros
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    body = [c.compress(head)]
    zero = bytes(1 << 20)
    for _ in range(BOMB >> 20):
        body.append(c.compress(zero))
    body.append(c.compress(b"\r\n\r\n"))
    body.append(c.flush())
    bomb = b"".join(body)
    write(out, "bomb.warc.gz", gz(simple(1)) + bomb + gz(simple(3)))
    # a short honest record, and then the same member goes on with 200 MB of zeros
    liar = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [liar.compress(simple(2))]
    for _ in range(BOMB >> 20):
        parts.append(liar.compress(zero))
    parts.append(liar.flush())
    write(out, "bomb_tail.warc.gz", gz(simple(1)) + b"".join(parts) + gz(simple(3)))
    # payload bomb: Content-Encoding gzip of 200 MB of zeros
    pb = raw_response(rid(2), [(b"Content-Encoding", b"gzip")], zeros_gz(BOMB))
    write(out, "payload_bomb.warc", simple(1) + pb + simple(3))
    if HAVE_ZSTD:
        zb = subprocess.run(["zstd", "-q", "-c", "-3"], input=head + bytes(BOMB) + b"\r\n\r\n",
                            stdout=subprocess.PIPE, check=True).stdout
        write(out, "bomb.warc.zst", zstd(simple(1)) + zb + zstd(simple(3)))
        zp = subprocess.run(["zstd", "-q", "-c", "-3"], input=bytes(BOMB),
                            stdout=subprocess.PIPE, check=True).stdout
        pz = raw_response(rid(2), [(b"Content-Encoding", b"zstd")], zp)
        write(out, "payload_bomb_zstd.warc", simple(1) + pz + simple(3))


def malformed_zstd(out):
    if not HAVE_ZSTD:
        return
    frames = [zstd(r) for r in five(simple(3, text(20000, 33)))]
    last = zstd(simple(5, text(20000, 55)))
    write(out, "zstd_trunc_end.warc.zst", b"".join(frames[:4]) + last[:len(last) // 2])
    m = list(frames)
    d = bytearray(m[2])
    for i in range(len(d) // 2, len(d) // 2 + 16):
        d[i] ^= 0x5A
    m[2] = bytes(d)
    write(out, "zstd_corrupt_mid.warc.zst", b"".join(m))
    m = list(frames)
    m[2] = m[2][:len(m[2]) // 2]
    write(out, "zstd_trunc_mid.warc.zst", b"".join(m))
    write(out, "zstd_garbage_between.warc.zst",
          b"".join(frames[:2]) + b"JUNK\n" + b"".join(frames[2:]))


def skippable_dict(content):
    """The WARC-zstd dictionary frame: skippable magic 0x184D2A5D, size."""
    return b"\x5d\x2a\x4d\x18" + struct.pack("<I", len(content)) + content


def zstd_dict_files(out):
    """IIPC WARC-zstd: a dictionary frame first, then frames compressed with it."""
    if not HAVE_ZSTD:
        return
    recs = [simple(n, text(3000, 100 + n)) for n in range(1, 41)]
    with tempfile.TemporaryDirectory() as tmp:
        names = []
        for i, r in enumerate(recs):
            names.append(os.path.join(tmp, "s%02d" % i))
            write(tmp, names[-1], r)
        dictfile = os.path.join(tmp, "dict")
        subprocess.run(["zstd", "-q", "--train", "--maxdict=8192", "-o", dictfile] + names,
                       check=True, stdout=subprocess.DEVNULL)
        with open(dictfile, "rb") as f:
            d = f.read()
        frames = [subprocess.run(["zstd", "-q", "-c", "-3", "-D", dictfile], input=r,
                                 stdout=subprocess.PIPE, check=True).stdout for r in recs[:5]]
    write(out, "dict.warc.zst", skippable_dict(d) + b"".join(frames))
    write(out, "dictz.warc.zst", skippable_dict(zstd(d)) + b"".join(frames))
    write(out, "dict_missing.warc.zst", b"".join(frames))


# ===========================================================================
# The command-line corpus (gen_warc.py --cli OUTDIR), read by
# tests/warc/run_warc_cli.py through `winnow clean`
# ===========================================================================
#
# Real-shaped archives (Common Crawl and raw-payload layouts, their WET and
# WAT, each plain / .gz / .zst) built from the article pages below, and one
# small file per malformed class whose good records hold prose that the
# cleaner keeps, so "written" is predictable. The sentences are written
# for this corpus.

PAGES = {
    "en": {
        "lang": "en", "site": "Harbour Gazette", "host": "www.harbourgazette.example",
        "path": "/news/local/2024/03/18/lighthouse-restored.html",
        "title": "Volunteers Restore a Century-Old Lighthouse on the North Coast",
        "nav": ["Home", "News", "Local", "Business", "Sport", "Weather", "Contact"],
        "crumbs": ["Home", "News", "Local"],
        "byline": "By Margaret Olsen | March 18, 2024",
        "paras": [
            "For more than a decade the lighthouse at Carrick Point stood dark, its lamp removed "
            "and its windows boarded against the winter storms. This spring a group of forty "
            "volunteers finished a three-year effort to bring the tower back to working order.",
            "The work began in 2021, when a retired engineer named Thomas Reilly climbed the "
            "spiral staircase and found that most of the iron frame was still sound. He wrote to "
            "the county council, which agreed to lend the building to a charity for a symbolic "
            "rent of one pound a year.",
            "Volunteers scraped away layers of paint, replaced rotten window frames and rebuilt "
            "the gallery railing by hand. A local foundry cast new brackets from drawings found "
            "in the national archive, and a glazier from the town donated the glass for the "
            "lantern room.",
            "The restored light was switched on for the first time last Saturday evening, "
            "watched by several hundred people gathered on the cliffs. It will not be used for "
            "navigation, but the charity plans to open the tower to visitors on weekends from May "
            "to September.",
            "Reilly said the project had taught him how much a small community can achieve when "
            "people share their skills. The charity is now raising money to repair the keeper's "
            "cottage, which it hopes to turn into a small museum about the history of the coast.",
        ],
        "share": "Share this article: Facebook Twitter Email",
        "related_head": "Related articles",
        "related": ["Harbour wall repairs delayed until autumn",
                    "Ferry timetable changes for the summer season",
                    "New cycle path opens along the bay"],
        "footer": ["About us | Advertise | Privacy policy | Terms of use | Contact",
                   "\u00a9 2024 Harbour Gazette. All rights reserved."],
    },
    "zh_hans": {
        "lang": "zh-CN", "site": "南湖日报", "host": "news.nanhu.example.cn",
        "path": "/edu/2024-03/15/content_4417.htm",
        "title": "山区小学建起新图书馆 孩子们有了读书的好去处",
        "nav": ["首页", "新闻", "本地", "教育", "财经", "体育", "专题"],
        "crumbs": ["首页", "教育", "正文"],
        "byline": "2024-03-15 09:30 来源：南湖日报 作者：王丽",
        "paras": [
            "位于县城西北部山区的青石小学，今年春季开学时迎来了一座崭新的图书馆。这座图书馆由一间闲置的"
            "教室改建而成，书架上摆放着五千多册适合小学生阅读的图书。",
            "学校校长刘建国介绍，过去学校只有几个装书的纸箱，孩子们想借书非常困难。去年秋天，县教育局和"
            "几家企业共同出资，对教室进行了改造，还添置了桌椅、台灯和空调。",
            "图书馆开放以来，每天午休和放学后都有很多学生来这里看书。四年级学生小芳说，她最喜欢科普类的"
            "图书，已经借阅了十几本，还学会了自己做读书笔记。",
            "为了让图书馆长期运转下去，学校安排了两名老师负责管理，并组织高年级学生担任小小图书管理员。"
            "学校还计划每学期举办一次读书节，邀请家长和孩子一起参加阅读活动。",
            "县教育局表示，今年还将在另外六所山区学校建设类似的图书馆，争取让更多农村孩子享受到丰富的"
            "阅读资源。",
        ],
        "tail": "责任编辑：陈明",
        "share": "分享到：微信 微博 QQ空间",
        "related_head": "相关阅读",
        "related": ["县城新建三座公园将于五月开放", "全市中小学开展春季安全教育",
                    "南湖镇举办农民丰收节"],
        "footer": ["关于我们 | 联系我们 | 广告服务 | 网站地图",
                   "版权所有 2024 南湖日报社 未经授权禁止转载"],
    },
    "zh_hant": {
        "lang": "zh-TW", "site": "港都新聞網", "host": "www.gangdu.example.tw",
        "path": "/news/local/20240312/tea-shop.aspx",
        "title": "老街茶行傳承三代 年輕店主用新方法推廣傳統好茶",
        "nav": ["首頁", "即時", "地方", "生活", "財經", "影音"],
        "crumbs": ["首頁", "地方", "台南"],
        "byline": "2024-03-12 14:20 記者 林志明／台南報導",
        "paras": [
            "在台南老街經營了七十多年的福興茶行，最近由第三代的年輕店主接手。二十八歲的陳怡君從小在茶香"
            "中長大，大學畢業後曾在台北的設計公司工作，去年決定回到家鄉繼承家業。",
            "陳怡君說，祖父當年從山上挑茶下來販賣，父親則把生意做到了全台各地。她希望在保留傳統製茶手藝"
            "的同時，讓更多年輕人認識台灣的好茶。",
            "她重新設計了茶葉的包裝，並在店內開設品茶課程，教客人如何分辨不同產區和季節的茶葉。每到週末，"
            "課程的名額總是很快就被預訂一空。",
            "茶行的老顧客表示，雖然店裡多了不少新鮮的想法，但茶的味道還是和以前一樣好。陳怡君的父親也說，"
            "看到女兒願意回來，他感到非常欣慰。",
            "陳怡君計畫明年與附近的茶農合作，推出小量生產的季節限定茶，讓消費者能夠直接認識種茶的人和土地。",
        ],
        "tail": "（編輯：黃美玲）",
        "share": "分享：Facebook Line 複製連結",
        "related_head": "延伸閱讀",
        "related": ["台南古蹟夜間開放 吸引大批遊客", "在地小農市集週末登場",
                    "老屋改建咖啡館成為新景點"],
        "footer": ["關於我們 | 聯絡我們 | 隱私權政策", "Copyright 2024 港都新聞網 版權所有"],
    },
    "ja": {
        "lang": "ja", "site": "みなと新聞", "host": "www.minato-shimbun.example.jp",
        "path": "/local/20240310/library.html",
        "title": "商店街に小さな図書室　住民が本を持ち寄り交流の場に",
        "nav": ["ホーム", "ニュース", "地域", "経済", "スポーツ", "天気"],
        "crumbs": ["ホーム", "地域", "暮らし"],
        "byline": "2024年3月10日 10:15",
        "paras": [
            "駅前の商店街で、空き店舗を利用した小さな図書室が今月オープンした。地域の住民が読み終えた本を"
            "持ち寄り、誰でも自由に借りられる仕組みで、開設から二週間で約八百冊が集まった。",
            "図書室を運営するのは、商店街の店主や近くに住む学生などでつくるボランティア団体だ。代表の山田"
            "さんは、買い物のついでに立ち寄ってもらい、人と人が話すきっかけになればうれしいと話す。",
            "平日の午後には、学校帰りの子どもたちが宿題をしたり、高齢者が新聞を読んだりする姿が見られる。"
            "週末には絵本の読み聞かせ会も開かれ、親子連れでにぎわっている。",
            "団体は今後、地元の歴史に関する資料を集めたコーナーを設けるほか、商店街の各店で本を返却できる"
            "ようにする計画だという。",
        ],
        "share": "この記事をシェアする Twitter Facebook LINE",
        "related_head": "関連記事",
        "related": ["市内の公園で桜の開花始まる", "駅前再開発の説明会を開催",
                    "地元高校生が商店街の地図を作成"],
        "footer": ["会社概要 | お問い合わせ | 個人情報の取り扱い",
                   "Copyright 2024 みなと新聞社 無断転載を禁じます"],
    },
    "ru": {
        "lang": "ru", "site": "Северный вестник", "host": "vestnik-sever.example.ru",
        "path": "/gorod/2024/03/12/lipy-v-parke/",
        "title": "В городском парке высадили двести молодых лип",
        "nav": ["Главная", "Новости", "Город", "Экономика", "Спорт", "Культура"],
        "crumbs": ["Главная", "Новости", "Город"],
        "byline": "12 марта 2024 года",
        "paras": [
            "В субботу жители нескольких районов города собрались в центральном парке, чтобы "
            "вместе "
            "высадить двести молодых лип. Акцию организовали местные экологи при поддержке "
            "городской "
            "администрации.",
            "Саженцы были выращены в питомнике за городом и привезены в парк накануне. Каждое "
            "дерево "
            "получило табличку с именем семьи или школьного класса, который взял над ним шефство.",
            "По словам организаторов, старые деревья в парке были посажены более шестидесяти "
            "лет назад, "
            "и многие из них уже нуждаются в замене. Новые липы должны вырасти достаточно "
            "большими через "
            "десять или пятнадцать лет.",
            "Следующая акция запланирована на осень: экологи хотят высадить кустарники вдоль "
            "набережной "
            "и установить там скамейки для отдыха.",
        ],
        "share": "Поделиться: ВКонтакте Одноклассники Telegram",
        "related_head": "Читайте также",
        "related": ["В городе открылась новая библиотека", "Ремонт моста завершат к лету",
                    "Школьники победили на олимпиаде по физике"],
        "footer": ["О редакции | Реклама | Контакты",
                   "\u00a9 2024 Северный вестник. Все права защищены."],
    },
    "de": {
        "lang": "de", "site": "Leipziger Stadtbote", "host": "www.stadtbote.example.de",
        "path": "/lokales/verkehr/neue-fahrradbruecke-eroeffnet",
        "title": "Neue Fahrradbrücke verbindet zwei Stadtteile über den Fluss",
        "nav": ["Startseite", "Nachrichten", "Lokales", "Wirtschaft", "Sport", "Kultur"],
        "crumbs": ["Startseite", "Lokales", "Verkehr"],
        "byline": "Von Julia Becker | 8. März 2024",
        "paras": [
            "Nach fast zwei Jahren Bauzeit ist die neue Fahrradbrücke über die Elster am Freitag "
            "feierlich eröffnet worden. Die schlanke Stahlkonstruktion verbindet die beiden "
            "Stadtteile "
            "Lindenau und Plagwitz und verkürzt den Weg für Radfahrer um mehr als einen Kilometer.",
            "Die Baukosten lagen bei rund vier Millionen Euro, von denen das Land einen großen "
            "Teil "
            "übernommen hat. Der Oberbürgermeister sprach bei der Eröffnung von einem "
            "wichtigen Schritt "
            "für den umweltfreundlichen Verkehr in der Stadt.",
            "Viele Anwohner waren schon am ersten Tag mit dem Rad unterwegs und lobten die breiten "
            "Fahrspuren und die gute Beleuchtung. Eine Rentnerin sagte, sie könne nun endlich "
            "sicher "
            "zum Markt auf der anderen Seite fahren.",
            "Im Sommer soll ein Radweg entlang des Ufers folgen, der die Brücke mit dem "
            "bestehenden "
            "Netz im Süden der Stadt verbindet.",
        ],
        "share": "Artikel teilen: Facebook Twitter E-Mail",
        "related_head": "Mehr zum Thema",
        "related": ["Neue Buslinie fährt ab April", "Parkhaus am Bahnhof wird saniert",
                    "Stadt plant weitere Radwege"],
        "footer": ["Impressum | Datenschutz | Kontakt", "\u00a9 2024 Leipziger Stadtbote"],
    },
    "xhtml": {
        "lang": "en", "site": "Valley Courier", "host": "www.valleycourier.example",
        "path": "/community/library-hours.xhtml",
        "title": "Library Extends Opening Hours for the Exam Season",
        "nav": ["Home", "Community", "Schools", "Events", "Contact"],
        "crumbs": ["Home", "Community"],
        "byline": "By Daniel Price | April 2, 2024",
        "paras": [
            "The central library will stay open until ten in the evening from the middle of April "
            "until the end of June, so that students have a quiet place to revise for their exams.",
            "The longer hours were requested by the students' union, which collected more than "
            "eight "
            "hundred signatures last winter. Two extra staff members will be hired for the evening "
            "shifts, paid for by the county's education fund.",
            "The library will also reserve its upstairs reading room for group study on weekday "
            "afternoons, and it will lend laptops to students who do not have one at home.",
        ],
        "share": "Share: Facebook Twitter",
        "related_head": "More community news",
        "related": ["Swimming pool reopens after repairs", "Farmers market moves to the square"],
        "footer": ["About | Contact | Privacy", "\u00a9 2024 Valley Courier"],
    },
}

# The text file among the captures (a text/plain response).
BULLETIN = (
    "Notice of planned water supply works\n\n"
    "The water company will replace an old main under Station Road between 20 and 24 March. "
    "Homes on the eastern side of the road may have low water pressure during the day.\n\n"
    "Drinking water will be available from a tanker parked outside the library. Residents who "
    "need help carrying water can call the council helpline, which is open from eight in the "
    "morning until six in the evening.\n\n"
    "The company apologises for the disruption and thanks residents for their patience while "
    "the work is carried out.\n")

# Good records of the malformed files: resource text/plain, kept whole by
# the cleaner.
GOOD_TEXTS = [
    "The town council approved a plan on Monday to plant three hundred trees along the main "
    "road. Work will start in the autumn and should be finished before the end of the year.\n\n"
    "Residents were asked to suggest which species should be planted, and most of them chose "
    "native oaks and limes.\n",
    "A small bakery in the old market has won a regional prize for its rye bread. The owner "
    "said the recipe came from her grandmother and has not changed in fifty years.\n\n"
    "The prize includes a week of training at a cookery school, which she plans to share with "
    "her two apprentices.\n",
    "Heavy rain caused the river to rise by almost a metre overnight, but the new flood "
    "barriers held. Engineers will inspect the banks again on Friday before the footpath is "
    "reopened.\n\nThe weather service expects drier conditions for the rest of the week.\n",
    "The city library will lend musical instruments from next month, starting with guitars, "
    "violins and keyboards. Members can borrow an instrument for up to four weeks at no "
    "charge.\n\nThe scheme is funded by a local music shop, which will also repair the "
    "instruments when needed.\n",
    "Students at the technical college have built a solar-powered boat that will take part in "
    "a race on the lake in June. The boat weighs less than eighty kilograms and can reach a "
    "speed of twelve knots.\n\nTheir teacher said the project taught them more about "
    "electricity than any textbook could.\n",
    "A new bus route will connect the hospital with the railway station from the first of "
    "April. Buses will run every twenty minutes during the day and every hour in the "
    "evening.\n\nThe transport office said the route was planned after a survey of patients "
    "and staff.\n",
    "The annual book fair returned to the exhibition hall this weekend with more than two "
    "hundred publishers. The organisers counted nearly twelve thousand visitors on the first "
    "day alone.\n\nChildren's books and local history titles were among the best sellers.\n",
    "Fishermen in the harbour reported the best catch of mackerel in ten years this week. "
    "Prices at the morning auction fell by a third as boats returned with full holds.\n\n"
    "Restaurants along the quay added mackerel dishes to their menus for the weekend.\n",
]


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def page_html(p, meta=None, xhtml=False):
    """The page as an HTML string: head with scripts and styles, header and
    navigation, breadcrumb, the article, share bar, related links, footer,
    cookie notice. meta: the <meta> charset declaration to write, or None."""
    out = []
    if xhtml:
        out.append('<?xml version="1.0" encoding="UTF-8"?>\n'
                   '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
                   '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
                   '<html xmlns="http://www.w3.org/1999/xhtml" lang="%s" xml:lang="%s">\n'
                   % (p["lang"], p["lang"]))
    else:
        out.append('<!DOCTYPE html>\n<html lang="%s">\n' % p["lang"])
    out.append("<head>\n")
    if isinstance(meta, tuple):
        out.append('<meta http-equiv="Content-Type" content="text/html; charset=%s" />\n'
                   % meta[1])
    elif meta:
        out.append('<meta charset="%s" />\n' % meta)
    out.append("<title>%s - %s</title>\n" % (esc(p["title"]), esc(p["site"])))
    out.append('<meta name="viewport" content="width=device-width, initial-scale=1" />\n'
               '<link rel="stylesheet" href="/static/css/site.css" />\n'
               "<script>window.dataLayer = window.dataLayer || [];"
               "function gtag(){dataLayer.push(arguments);}gtag('js', new Date());</script>\n"
               "<style>body{font-family:sans-serif;margin:0}.nav li{display:inline;"
               "padding:0 8px}</style>\n</head>\n<body>\n")
    out.append('<header><div class="logo"><a href="/">%s</a></div>\n<nav><ul class="nav">'
               % esc(p["site"]))
    out += ['<li><a href="/%d/">%s</a></li>' % (i, esc(n)) for i, n in enumerate(p["nav"])]
    out.append("</ul></nav></header>\n")
    crumbs = ' &gt; '.join('<a href="/c%d/">%s</a>' % (i, esc(c))
                           for i, c in enumerate(p["crumbs"]))
    out.append('<div class="breadcrumb">%s</div>\n' % crumbs)
    out.append('<main><article>\n<h1>%s</h1>\n<p class="byline">%s</p>\n'
               % (esc(p["title"]), esc(p["byline"])))
    out += ["<p>%s</p>\n" % esc(t) for t in p["paras"]]
    if p.get("tail"):
        out.append('<p class="editor">%s</p>\n' % esc(p["tail"]))
    out.append('<div class="share">%s</div>\n</article>\n' % esc(p["share"]))
    out.append('<aside class="related"><h3>%s</h3><ul>' % esc(p["related_head"]))
    out += ['<li><a href="/r/%d.html">%s</a></li>' % (i, esc(t))
            for i, t in enumerate(p["related"])]
    out.append("</ul></aside></main>\n<footer>\n")
    out += ["<p>%s</p>\n" % esc(f) for f in p["footer"]]
    out.append("</footer>\n<script src=\"/static/js/app.js\"></script>\n</body>\n</html>\n")
    return "".join(out)


def page_text(p):
    """The page's visible text, one line per block, as Common Crawl's WET
    extractor writes it: the title first, chrome included."""
    lines = ["%s - %s" % (p["title"], p["site"]), p["site"], "\n".join(p["nav"]),
             " > ".join(p["crumbs"]), p["title"], p["byline"]] + p["paras"]
    if p.get("tail"):
        lines.append(p["tail"])
    lines += [p["share"], p["related_head"]] + p["related"] + p["footer"]
    return "\n".join(lines) + "\n"


def sha1_b32(data):
    return b"sha1:" + base64.b32encode(hashlib.sha1(data).digest())


CC_NS = uuid.UUID("6f0b9a52-2d43-4d0e-9a0b-3c1fd06c5a11")


def cc_id(*parts):
    """A deterministic record id: <urn:uuid:...> from the name parts."""
    return b"<urn:uuid:%s>" % str(uuid.uuid5(CC_NS, "/".join(parts))).encode()


def bare(rid_bytes):
    """The id as winnow writes it: no angle brackets."""
    return rid_bytes.decode().strip("<>")


def http_date(day, hms):
    return ("%s, %02d Mar 2024 %s GMT" % (["Fri", "Sat", "Sun", "Mon", "Tue", "Wed", "Thu"]
                                         [day % 7], day, hms)).encode()


# Each capture of the Common Crawl archive: what the server sent and how.
#   key:     a page of PAGES (an HTML document) or a special body
#   ctype:   the HTTP Content-Type
#   meta:    the <meta> to write: None, a label (<meta charset>), or
#            ("http-equiv", label)
#   enc:     the charset the page's bytes are in
#   wire:    (Content-Encoding, Transfer-Encoding) the server used
#   expect:  (charset, charset_source) winnow must report, or the drop
CC_CAPTURES = [
    {"key": "en", "ctype": b"text/html; charset=UTF-8", "meta": "utf-8", "enc": "utf-8",
     "wire": (b"gzip", b"chunked"), "expect": ("UTF-8", "http")},
    {"key": "zh_hans", "ctype": b"text/html; charset=GBK", "meta": None, "enc": "gbk",
     "wire": (b"gzip", None), "expect": ("GBK", "http")},
    {"key": "zh_hant", "ctype": b"text/html; charset=big5", "meta": None, "enc": "big5",
     "wire": (b"deflate", b"chunked"), "expect": ("Big5", "http")},
    {"key": "redirect", "status": b"HTTP/1.1 301 Moved Permanently", "ctype":
     b"text/html; charset=iso-8859-1", "drop": "http-status"},
    {"key": "ja", "ctype": b"text/html", "meta": "Shift_JIS", "enc": "shift_jis",
     "wire": (b"br", None), "expect": ("Shift_JIS", "meta")},
    {"key": "image", "ctype": b"image/jpeg", "drop": "content-type"},
    {"key": "ru", "ctype": b"text/html; charset=windows-1251", "meta": None,
     "enc": "cp1251", "wire": (None, b"chunked"), "expect": ("windows-1251", "http")},
    {"key": "notfound", "status": b"HTTP/1.1 404 Not Found", "ctype": b"text/html; charset=utf-8",
     "drop": "http-status"},
    {"key": "de", "ctype": b"text/html", "meta": None, "enc": "utf-8",
     "wire": (b"gzip", b"chunked"), "expect": ("UTF-8", "detected")},
    {"key": "pdf", "ctype": b"application/pdf", "drop": "content-type"},
    {"key": "bulletin", "ctype": b"text/plain; charset=utf-8", "enc": "utf-8",
     "wire": (None, None), "expect": ("UTF-8", "http")},
]

REDIRECT_BODY = (b'<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n'
                 b"<title>301 Moved Permanently</title>\n</head><body>\n<h1>Moved "
                 b"Permanently</h1>\n"
                 b'<p>The document has moved <a href="https://www.harbourgazette.example/news/">'
                 b"here</a>.</p>\n</body></html>\n")
NOTFOUND_BODY = ("<!DOCTYPE html><html><head><title>Page not found</title></head><body>"
                 "<h1>Sorry, we could not find that page</h1><p>The article you were looking "
                 "for may have been moved or deleted. Please use the search box or return to "
                 "the front page to find more news from our region.</p></body></html>").encode()


def fake_jpeg(n, seed):
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + \
        binary(n, seed) + b"\xff\xd9"


def fake_pdf(n, seed):
    return (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            + b"2 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % n
            + zlib.compress(binary(n, seed)) + b"\nendstream\nendobj\n%%EOF\n")


def cc_url(c):
    if c["key"] in PAGES:
        p = PAGES[c["key"]]
        return ("https://%s%s" % (p["host"], p["path"])).encode()
    return {"redirect": b"https://www.harbourgazette.example/news",
            "image": b"https://www.harbourgazette.example/static/img/lighthouse-2024.jpg",
            "notfound": b"https://news.nanhu.example.cn/edu/2023-11/old_page.htm",
            "pdf": b"https://www.stadtbote.example.de/media/verkehrsplan-2024.pdf",
            "bulletin": b"https://www.harbourgazette.example/notices/water-supply.txt"}[c["key"]]


def capture_body(c):
    """The decoded HTTP body of a capture."""
    k = c["key"]
    if k in PAGES:
        return page_html(PAGES[k], meta=c.get("meta"), xhtml=(k == "xhtml")).encode(c["enc"])
    return {"redirect": REDIRECT_BODY, "notfound": NOTFOUND_BODY,
            "image": fake_jpeg(6000, 71), "pdf": fake_pdf(4000, 72),
            "bulletin": BULLETIN.encode()}[k]


CC_DATE0 = 18  # day of March 2024 of the crawl
CC_WARCINFO_ID = cc_id("cc", "warcinfo")
CC_FILENAME = b"CC-MAIN-20240318061244-20240318091244-00042.warc.gz"


def cc_warcinfo():
    body = (b"isPartOf: CC-MAIN-2024-12\r\n"
            b"publisher: Common Crawl\r\n"
            b"description: Wide crawl of the web for March 2024 (winnow test corpus)\r\n"
            b"operator: Common Crawl Admin (info@commoncrawl.org)\r\n"
            b"hostname: ip-10-67-70-115.ec2.internal\r\n"
            b"software: Apache Nutch 1.19 (modified, https://github.com/commoncrawl/nutch/)\r\n"
            b"robots: checked via crawler-commons 1.5-SNAPSHOT "
            b"(https://github.com/crawler-commons/crawler-commons)\r\n"
            b"format: WARC File Format 1.1\r\n"
            b"conformsTo: https://iipc.github.io/warc-specifications/specifications/"
            b"warc-format/warc-1.1/\r\n")
    return record([(b"WARC-Type", b"warcinfo"), (b"WARC-Date", b"2024-03-18T06:12:44Z"),
                   (b"WARC-Filename", CC_FILENAME), (b"WARC-Record-ID", CC_WARCINFO_ID),
                   (b"Content-Type", b"application/warc-fields")], body)


def cc_date(i):
    return b"2024-03-18T06:%02d:%02dZ" % (13 + i, (7 * i + 11) % 60)


def raw_date(i):
    return b"2024-04-02T08:%02d:%02dZ" % (1 + i, (13 * i + 5) % 60)


def cc_triple(i, c):
    """request, response, metadata of capture i, Common Crawl style: the body
    is stored decoded, the headers that no longer hold are renamed
    X-Crawler-*, Content-Length is the decoded length."""
    url = cc_url(c)
    date = cc_date(i)
    req_id, resp_id, meta_id = (cc_id("cc", str(i), t) for t in ("request", "response", "meta"))
    ip = b"203.0.113.%d" % (10 + i)
    host = url.split(b"/")[2]
    path = b"/" + url.split(b"/", 3)[3]
    req = (b"GET %s HTTP/1.1\r\nUser-Agent: CCBot/2.0 (https://commoncrawl.org/faq/)\r\n"
           b"Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
           b"Accept-Language: en-US,en;q=0.5\r\nIf-Modified-Since: Mon, 04 Mar 2024 10:00:00 "
           b"GMT\r\n"
           b"Accept-Encoding: br,gzip\r\nHost: %s\r\nConnection: Keep-Alive\r\n\r\n" % (path, host))
    body = capture_body(c)
    hdrs = [(b"Date", http_date(CC_DATE0, b"06:%02d:%02d" % (13 + i, (7 * i + 11) % 60))),
            (b"Server", b"nginx/1.24.0"), (b"Content-Type", c["ctype"])]
    ce, te = c.get("wire", (None, None))
    if ce:
        wire = {b"gzip": gz, b"deflate": zlib.compress, b"br": brotli_stored}[ce](body)
        hdrs.append((b"X-Crawler-Content-Encoding", ce))
    else:
        wire = body
    if te:
        hdrs.append((b"X-Crawler-Transfer-Encoding", te))
    else:
        hdrs.append((b"X-Crawler-Content-Length", str(len(wire)).encode()))
    hdrs.append((b"Content-Length", str(len(body)).encode()))
    if c["key"] == "redirect":
        hdrs.append((b"Location", b"https://www.harbourgazette.example/news/"))
    hdrs += [(b"Vary", b"Accept-Encoding"), (b"Cache-Control", b"max-age=300"),
             (b"Set-Cookie", b"sid=%d; Path=/; HttpOnly" % (900 + i))]
    block = http_response(hdrs, body, status=c.get("status", b"HTTP/1.1 200 OK"))
    ident = {"image": b"image/jpeg", "pdf": b"application/pdf",
             "bulletin": b"text/plain"}.get(c["key"], b"text/html")
    common = [(b"WARC-Date", date)]
    request = record([(b"WARC-Type", b"request")] + common +
                     [(b"WARC-Record-ID", req_id),
                      (b"Content-Type", b"application/http; msgtype=request"),
                      (b"WARC-Warcinfo-ID", CC_WARCINFO_ID), (b"WARC-IP-Address", ip),
                      (b"WARC-Target-URI", url)], req)
    response = record([(b"WARC-Type", b"response")] + common +
                      [(b"WARC-Record-ID", resp_id),
                       (b"Content-Type", b"application/http; msgtype=response"),
                       (b"WARC-Warcinfo-ID", CC_WARCINFO_ID), (b"WARC-Concurrent-To", req_id),
                       (b"WARC-IP-Address", ip), (b"WARC-Target-URI", url),
                       (b"WARC-Protocol", b"http/1.1"), (b"WARC-Payload-Digest", sha1_b32(body)),
                       (b"WARC-Block-Digest", sha1_b32(block)),
                       (b"WARC-Identified-Payload-Type", ident)], block)
    fields = b"fetchTimeMs: %d\r\n" % (120 + 37 * i)
    if "enc" in c and c["key"] in PAGES:
        fields += b"charset-detected: %s\r\n" % c["enc"].upper().encode()
        fields += (b'languages-cld2: {"reliable":true,"text-bytes":%d,"languages":[{"code":"%s",'
                   b'"text-covered":0.97,"score":981.0}]}\r\n'
                   % (len(body) // 2, PAGES[c["key"]]["lang"][:2].encode()))
    metadata = record([(b"WARC-Type", b"metadata")] + common +
                      [(b"WARC-Record-ID", meta_id),
                       (b"Content-Type", b"application/warc-fields"),
                       (b"WARC-Warcinfo-ID", CC_WARCINFO_ID),
                       (b"WARC-Concurrent-To", resp_id), (b"WARC-Target-URI", url)], fields)
    return request, response, metadata


def cc_archive():
    """The Common Crawl WARC as a list of records."""
    recs = [cc_warcinfo()]
    for i, c in enumerate(CC_CAPTURES):
        recs += cc_triple(i, c)
    return recs


def cc_wet():
    """The WET of the Common Crawl WARC: warcinfo, then one conversion record
    (the page's text, UTF-8) per HTML or text capture that got a 200."""
    info = (b"Software-Info: ia-web-commons.1.1.10-SNAPSHOT-20240221111417\r\n"
            b"Extracted-Date: Tue, 19 Mar 2024 02:11:35 GMT\r\n"
            b"robots: checked via crawler-commons 1.5-SNAPSHOT\r\n"
            b"isPartOf: CC-MAIN-2024-12\r\noperator: Common Crawl Admin (info@commoncrawl.org)\r\n"
            b"description: Wide crawl of the web for March 2024 (winnow test corpus)\r\n"
            b"publisher: Common Crawl\r\n")
    recs = [record([(b"WARC-Type", b"warcinfo"), (b"WARC-Date", b"2024-03-19T02:11:35Z"),
                    (b"WARC-Filename", CC_FILENAME.replace(b".warc.gz", b".warc.wet.gz")),
                    (b"WARC-Record-ID", cc_id("wet", "warcinfo")),
                    (b"Content-Type", b"application/warc-fields")], info, version=b"WARC/1.0")]
    for i, c in enumerate(CC_CAPTURES):
        if "expect" not in c:
            continue
        txt = page_text(PAGES[c["key"]]) if c["key"] in PAGES else BULLETIN
        block = txt.encode("utf-8")
        lang = {"en": b"eng", "zh-CN": b"zho", "zh-TW": b"zho", "ja": b"jpn", "ru": b"rus",
                "de": b"deu"}.get(PAGES[c["key"]]["lang"] if c["key"] in PAGES else "en")
        recs.append(record([(b"WARC-Type", b"conversion"), (b"WARC-Target-URI", cc_url(c)),
                            (b"WARC-Date", cc_date(i)),
                            (b"WARC-Record-ID", cc_id("wet", str(i))),
                            (b"WARC-Refers-To", cc_id("cc", str(i), "response")),
                            (b"WARC-Block-Digest", sha1_b32(block)),
                            (b"WARC-Identified-Content-Language", lang),
                            (b"Content-Type", b"text/plain")], block, version=b"WARC/1.0"))
    return recs


def cc_wat(cc_recs):
    """The WAT: warcinfo, then one metadata record of JSON per record of the
    WARC (the JSON envelope Common Crawl's WAT files use)."""
    info = (b"Software-Info: ia-web-commons.1.1.10-SNAPSHOT-20240221111417\r\n"
            b"Extracted-Date: Tue, 19 Mar 2024 02:11:35 GMT\r\n"
            b"isPartOf: CC-MAIN-2024-12\r\npublisher: Common Crawl\r\n")
    recs = [record([(b"WARC-Type", b"warcinfo"), (b"WARC-Date", b"2024-03-19T02:11:35Z"),
                    (b"WARC-Filename", CC_FILENAME.replace(b".warc.gz", b".warc.wat.gz")),
                    (b"WARC-Record-ID", cc_id("wat", "warcinfo")),
                    (b"Content-Type", b"application/warc-fields")], info, version=b"WARC/1.0")]
    offset = 0
    for k, r in enumerate(cc_recs):
        head, _, block = r.partition(b"\r\n\r\n")
        fields = {}
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b": ")
            fields[name.decode()] = value.decode()
        member = gz(r)
        env = {"Format": "WARC", "WARC-Header-Length": str(len(head) + 4),
               "Block-Digest": sha1_b32(block[:-4]).decode(),
               "Actual-Content-Length": fields.get("Content-Length", "0"),
               "WARC-Header-Metadata": fields}
        if fields.get("WARC-Type") == "response":
            status = block.split(b"\r\n", 1)[0].decode("latin-1").split(" ", 2)
            env["Payload-Metadata"] = {
                "Actual-Content-Type": "application/http; msgtype=response",
                "HTTP-Response-Metadata": {
                    "Response-Message": {"Version": status[0], "Status": status[1],
                                         "Reason": status[2]},
                    "Headers-Length": str(block.find(b"\r\n\r\n") + 4),
                    "Entity-Length": str(len(block) - block.find(b"\r\n\r\n") - 8)}}
        doc = {"Container": {"Filename": CC_FILENAME.decode(), "Compressed": True,
                             "Offset": str(offset), "Gzip-Metadata": {
                                 "Deflate-Length": str(len(member) - 18),
                                 "Header-Length": "10", "Footer-Length": "8",
                                 "Inflated-Length": str(len(r)),
                                 "Inflated-CRC": str(zlib.crc32(r))}},
               "Envelope": env}
        offset += len(member)
        body = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
        recs.append(record([(b"WARC-Type", b"metadata"),
                            (b"WARC-Target-URI", fields.get("WARC-Target-URI", "").encode()
                             or CC_FILENAME),
                            (b"WARC-Date", b"2024-03-19T02:11:%02dZ" % (36 + k % 20)),
                            (b"WARC-Record-ID", cc_id("wat", str(k))),
                            (b"WARC-Refers-To", fields["WARC-Record-ID"].encode()),
                            (b"Content-Type", b"application/json")], body, version=b"WARC/1.0"))
    return recs


# The raw-payload archive: bytes as they came off the wire (a wget-style
# WARC/1.1: request and response pairs, encodings still applied, headers
# untouched), ending with a metadata record.
RAW_CAPTURES = [
    {"key": "en", "ctype": b"text/html; charset=utf-8", "meta": "utf-8", "enc": "utf-8",
     "wire": (b"gzip", b"chunked"), "expect": ("UTF-8", "http")},
    {"key": "zh_hans", "ctype": b"text/html; charset=gbk", "meta": "gbk", "enc": "gbk",
     "wire": (b"gzip", b"chunked"), "expect": ("GBK", "http")},
    {"key": "zh_hant", "ctype": b"text/html; charset=Big5", "meta": None, "enc": "big5",
     "wire": (b"deflate", None), "expect": ("Big5", "http")},
    {"key": "ja", "ctype": b"text/html", "meta": ("http-equiv", "Shift_JIS"),
     "enc": "shift_jis",
     "wire": (None, b"chunked"), "expect": ("Shift_JIS", "meta")},
    {"key": "ru", "ctype": b"text/html; charset=windows-1251", "meta": None, "enc": "cp1251",
     "wire": (b"x-gzip", None), "expect": ("windows-1251", "http")},
    {"key": "de", "ctype": b"text/html", "meta": None, "enc": "utf-8",
     "wire": (b"deflate-raw", b"chunked"), "expect": ("UTF-8", "detected")},
    {"key": "xhtml", "ctype": b"application/xhtml+xml; charset=utf-8", "meta": None,
     "enc": "utf-8", "wire": (b"gzip", None), "expect": ("UTF-8", "http")},
]


def raw_url(c):
    p = PAGES[c["key"]]
    return ("http://%s%s" % (p["host"], p["path"])).encode()


def raw_archive():
    info = (b"software: Wget/1.21.3 (linux-gnu)\r\nformat: WARC File Format 1.1\r\n"
            b"conformsTo: http://bibnum.bnf.fr/WARC/WARC_ISO_28500_version1-1_latestdraft.pdf\r\n"
            b"robots: classic\r\nwget-arguments: \"--warc-file=raw\" \"-i\" \"urls.txt\"\r\n")
    info_id = cc_id("raw", "warcinfo")
    recs = [record([(b"WARC-Type", b"warcinfo"), (b"WARC-Record-ID", info_id),
                    (b"WARC-Filename", b"raw.warc.gz"), (b"WARC-Date", b"2024-04-02T08:00:00Z"),
                    (b"Content-Type", b"application/warc-fields")], info)]
    for i, c in enumerate(RAW_CAPTURES):
        url = raw_url(c)
        host = url.split(b"/")[2]
        date = raw_date(i)
        req_id, resp_id = cc_id("raw", str(i), "request"), cc_id("raw", str(i), "response")
        req = (b"GET /%s HTTP/1.1\r\nUser-Agent: Wget/1.21.3\r\nAccept: */*\r\n"
               b"Accept-Encoding: identity, gzip, deflate\r\nHost: %s\r\nConnection: "
               b"Keep-Alive\r\n\r\n"
               % (url.split(b"/", 3)[3], host))
        body = capture_body(c)
        ce, te = c["wire"]
        coded = {None: lambda b: b, b"gzip": gz, b"x-gzip": gz, b"deflate": zlib.compress,
                 b"deflate-raw": raw_deflate}[ce](body)
        hdrs = [(b"Date", http_date(2, b"08:%02d:00" % (1 + i))), (b"Server", b"Apache/2.4.57"),
                (b"Content-Type", c["ctype"])]
        if ce:
            hdrs.append((b"Content-Encoding", b"deflate" if ce == b"deflate-raw" else ce))
        if te:
            hdrs.append((b"Transfer-Encoding", te))
            wire = chunked(coded, sizes=(1000, 7, 333))
        else:
            hdrs.append((b"Content-Length", str(len(coded)).encode()))
            wire = coded
        hdrs += [(b"Vary", b"Accept-Encoding"), (b"Connection", b"Keep-Alive")]
        block = http_response(hdrs, wire)
        recs.append(record([(b"WARC-Type", b"request"), (b"WARC-Target-URI", url),
                            (b"Content-Type", b"application/http;msgtype=request"),
                            (b"WARC-Date", date), (b"WARC-Record-ID", req_id),
                            (b"WARC-Warcinfo-ID", info_id),
                            (b"WARC-Block-Digest", sha1_b32(req))], req))
        recs.append(record([(b"WARC-Type", b"response"), (b"WARC-Record-ID", resp_id),
                            (b"WARC-Warcinfo-ID", info_id), (b"WARC-Concurrent-To", req_id),
                            (b"WARC-Target-URI", url), (b"WARC-Date", date),
                            (b"WARC-Block-Digest", sha1_b32(block)),
                            (b"WARC-Payload-Digest", sha1_b32(body)),
                            (b"Content-Type", b"application/http;msgtype=response")], block))
    log = b"".join(b"--2024-04-02 08:%02d:00--  %s\r\n" % (1 + i, raw_url(c))
                   for i, c in enumerate(RAW_CAPTURES))
    recs.append(record([(b"WARC-Type", b"metadata"), (b"WARC-Record-ID", cc_id("raw", "log")),
                        (b"WARC-Warcinfo-ID", info_id), (b"WARC-Date", b"2024-04-02T08:09:00Z"),
                        (b"WARC-Target-URI", b"metadata://gnu.org/software/wget/warc/wget.log"),
                        (b"Content-Type", b"text/plain")], log))
    return recs


def containers(out, stem, recs, zst=True, whole=False):
    """stem (plain), stem.gz (a member per record), stem.zst (a frame per
    record); stem_whole.gz: one member for the file."""
    write(out, stem, b"".join(recs))
    write(out, stem + ".gz", b"".join(gz(r) for r in recs))
    if whole:
        base = stem[:-5] if stem.endswith(".warc") else stem
        write(out, base + "_whole.warc.gz", gz(b"".join(recs)))
    if zst and HAVE_ZSTD:
        write(out, stem + ".zst", b"".join(zstd(r) for r in recs))


# ---------------------------------------------------------------------------
# Malformed, warning, drop, cap and bomb files of the command-line corpus
# ---------------------------------------------------------------------------

def good(n, eol=CRLF, extra=()):
    """Resource record n (id rid(n)): text/plain prose the cleaner keeps."""
    body = GOOD_TEXTS[(n - 1) % len(GOOD_TEXTS)].encode()
    return record([(b"WARC-Type", b"resource"), (b"WARC-Date", b"2024-05-01T12:00:%02dZ" % n),
                   (b"WARC-Record-ID", rid(n)),
                   (b"WARC-Target-URI", b"http://example.com/good/%d" % n)] + list(extra)
                  + [(b"Content-Type", b"text/plain")], body, eol=eol)


def lorem(n, size):
    """A big record n that is never written (the one a malformed file breaks)."""
    return record([(b"WARC-Type", b"resource"), (b"WARC-Date", b"2024-05-01T12:00:%02dZ" % n),
                   (b"WARC-Record-ID", rid(n)),
                   (b"WARC-Target-URI", b"http://example.com/big/%d" % n),
                   (b"Content-Type", b"text/plain")], text(size, 1000 + n))


def good5(bad=None, index=3):
    """Good records 1..5, record `index` replaced by bad."""
    return [bad if (i == index and bad is not None) else good(i) for i in range(1, 6)]


def small_page(n, xhtml=False):
    """A short HTML article (UTF-8, labelled by <meta>) made of GOOD_TEXTS[n]."""
    paras = GOOD_TEXTS[(n - 1) % len(GOOD_TEXTS)].strip().split("\n\n")
    title = "Local news item %d" % n
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
            if xhtml else "<!DOCTYPE html>\n<html>")
    return (head + '<head><meta charset="utf-8" /><title>%s</title></head><body>\n'
            '<nav><a href="/">Home</a> | <a href="/news/">News</a> | <a href="/sport/">Sport</a> '
            '| <a href="/contact/">Contact</a></nav>\n<h1>%s</h1>\n%s\n'
            "<footer>\u00a9 2024 Example Town News</footer>\n</body></html>\n"
            % (title, title, "\n".join("<p>%s</p>" % esc(p) for p in paras))).encode()


def resp(n, headers, body, status=b"HTTP/1.1 200 OK", extra=()):
    """Response record n (id rid(n)) holding an HTTP message."""
    return record([(b"WARC-Type", b"response"), (b"WARC-Date", b"2024-05-01T12:01:%02dZ" % n),
                   (b"WARC-Record-ID", rid(n)),
                   (b"WARC-Target-URI", b"http://example.com/page/%d" % n)] + list(extra)
                  + [(b"Content-Type", b"application/http; msgtype=response")],
                  http_response(headers, body, status=status))


def html_resp(n, body, ctype=b"text/html; charset=utf-8", more=(), status=b"HTTP/1.1 200 OK"):
    return resp(n, [(b"Content-Type", ctype)] + list(more)
                + [(b"Content-Length", str(len(body)).encode())], body, status=status)


def flip(member, at=None, n=16):
    """The member with n bytes from its middle (or from at) XORed."""
    d = bytearray(member)
    at = len(d) // 2 if at is None else at
    for i in range(at, at + n):
        d[i] ^= 0x5A
    return bytes(d)


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x00\xc8\x08\x06\x00\x00\x00"


def cli_containers(out):
    """Truncated and corrupt gzip members / zstd frames at the end and in the
    middle, garbage between them."""
    bad3 = [gz(r) for r in good5(lorem(3, 20000))]
    bad5 = [gz(r) for r in good5(lorem(5, 20000), 5)]
    ok = [gz(r) for r in good5()]
    write(out, "bad_gz_trunc_end.warc.gz", b"".join(bad5[:4]) + bad5[4][:len(bad5[4]) // 2])
    write(out, "bad_gz_trunc_mid.warc.gz",
          b"".join(bad3[:2]) + bad3[2][:len(bad3[2]) // 2] + b"".join(bad3[3:]))
    write(out, "bad_gz_corrupt_mid.warc.gz",
          b"".join(bad3[:2]) + flip(bad3[2]) + b"".join(bad3[3:]))
    write(out, "bad_gz_corrupt_end.warc.gz", b"".join(bad5[:4]) + flip(bad5[4]))
    write(out, "bad_gz_crc_mid.warc.gz",
          b"".join(ok[:2]) + flip(ok[2], len(ok[2]) - 8, 1) + b"".join(ok[3:]))
    write(out, "bad_gz_garbage_between.warc.gz",
          b"".join(ok[:2]) + b"\x00\x00JUNK between members\n" + b"".join(ok[2:]))
    # record 2 claims 40 bytes more than its member holds
    two = good(2)
    body2 = GOOD_TEXTS[1].encode()
    two = two.replace(b"Content-Length: %d" % len(body2), b"Content-Length: %d" % (len(body2) + 40))
    write(out, "bad_gz_cl_too_long.warc.gz", b"".join(gz(r) for r in good5(two, 2)))
    if not HAVE_ZSTD:
        return
    bad3 = [zstd(r) for r in good5(lorem(3, 20000))]
    bad5 = [zstd(r) for r in good5(lorem(5, 20000), 5)]
    ok = [zstd(r) for r in good5()]
    write(out, "bad_zst_trunc_end.warc.zst", b"".join(bad5[:4]) + bad5[4][:len(bad5[4]) // 2])
    write(out, "bad_zst_trunc_mid.warc.zst",
          b"".join(bad3[:2]) + bad3[2][:len(bad3[2]) // 2] + b"".join(bad3[3:]))
    write(out, "bad_zst_corrupt_mid.warc.zst",
          b"".join(bad3[:2]) + flip(bad3[2]) + b"".join(bad3[3:]))
    write(out, "bad_zst_corrupt_end.warc.zst", b"".join(bad5[:4]) + flip(bad5[4]))
    write(out, "bad_zst_garbage_between.warc.zst",
          b"".join(ok[:2]) + b"JUNK between frames\n" + b"".join(ok[2:]))


def with_cl(n, value):
    """Good record n with its Content-Length value replaced (False: none)."""
    body = GOOD_TEXTS[(n - 1) % len(GOOD_TEXTS)].encode()
    return record([(b"WARC-Type", b"resource"), (b"WARC-Date", b"2024-05-01T12:00:%02dZ" % n),
                   (b"WARC-Record-ID", rid(n)),
                   (b"WARC-Target-URI", b"http://example.com/good/%d" % n),
                   (b"Content-Type", b"text/plain")], body, cl=value)


def cli_framing(out):
    n3 = len(GOOD_TEXTS[2].encode())
    n5 = len(GOOD_TEXTS[4].encode())
    write(out, "bad_cl_missing.warc", b"".join(good5(with_cl(3, False))))
    write(out, "bad_cl_nonnumeric.warc", b"".join(good5(with_cl(3, b"12a"))))
    write(out, "bad_cl_overflow.warc", b"".join(good5(with_cl(3, b"99999999999999999999999"))))
    write(out, "bad_cl_too_short.warc", b"".join(good5(with_cl(3, b"%d" % (n3 - 10)))))
    write(out, "bad_cl_too_long.warc", b"".join(good5(with_cl(3, b"%d" % (n3 + 50)))))
    write(out, "bad_warc_truncated.warc",
          b"".join(good5()[:4]) + with_cl(5, b"%d" % (n5 + 50)))
    write(out, "bad_warc_truncated_head.warc",
          b"".join(good5()[:4]) + b"WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uu")

    def field(name, value):
        return record([(b"WARC-Type", b"resource"), (b"WARC-Date", b"2024-05-01T12:00:03Z"),
                       (b"WARC-Record-ID", rid(3)), (name, value),
                       (b"Content-Type", b"text/plain")], GOOD_TEXTS[2].encode())
    write(out, "bad_header_newline.warc",
          b"".join(good5(field(b"WARC-Target-URI", b"http://example.com/a\nb/c"))))
    write(out, "bad_header_ctl.warc",
          b"".join(good5(field(b"WARC-Target-URI", b"http://example.com/\x00\x01"))))
    write(out, "bad_header_utf8.warc",
          b"".join(good5(field(b"WARC-Target-URI", b"http://example.com/\xc3\x28"))))
    write(out, "bad_version.warc", b"".join(good5(good(3).replace(b"WARC/1.1", b"WARC/2.0", 1))))
    write(out, "bad_version_018.warc",
          b"".join(good5(good(3).replace(b"WARC/1.1", b"WARC/0.18", 1))))
    write(out, "bad_line_too_long.warc", b"".join(good5(field(b"X-Long", b"a" * 10000))))
    many = record([(b"WARC-Type", b"resource"), (b"WARC-Record-ID", rid(3))]
                  + [(b"X-H%d" % i, b"v") for i in range(300)]
                  + [(b"Content-Type", b"text/plain")], GOOD_TEXTS[2].encode())
    write(out, "bad_too_many_headers.warc", b"".join(good5(many)))
    write(out, "bad_garbage_lead.warc", b"this is not a warc\r\nnor this\r\n" + b"".join(good5()))
    g = good5()
    write(out, "bad_garbage_mid.warc",
          b"".join(g[:2]) + b"some stray lines\r\nthat are no record\r\n" + b"".join(g[2:]))
    write(out, "bad_empty.warc", b"")
    r = random.Random(4321)
    write(out, "bad_noise.bin", b"\x42" + bytes(r.getrandbits(8) for _ in range(32767)))
    # warnings only: every record is written
    write(out, "warn_lf_only.warc", b"".join(good(n, eol=b"\n") for n in range(1, 6)))
    write(out, "warn_truncated.warc",
          b"".join(good5(good(3, extra=[(b"WARC-Truncated", b"length")]))))


def cli_http(out):
    html = small_page(3)
    write(out, "bad_chunked.warc", b"".join(good5(resp(
        3, [(b"Content-Type", b"text/html"), (b"Transfer-Encoding", b"chunked")],
        b"zz\r\nnot chunked at all\r\n0\r\n\r\n"))))
    write(out, "bad_chunked_short.warc", b"".join(good5(resp(
        3, [(b"Content-Type", b"text/html"), (b"Transfer-Encoding", b"chunked")],
        b"40\r\nthis chunk is shorter than it says\r\n"))))
    write(out, "bad_http.warc", b"".join(good5(record(
        [(b"WARC-Type", b"response"), (b"WARC-Record-ID", rid(3)),
         (b"WARC-Target-URI", b"http://example.com/page/3"),
         (b"Content-Type", b"application/http; msgtype=response")],
        b"HTTX/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html))))
    z = gz(html)
    write(out, "bad_payload_corrupt.warc", b"".join(good5(resp(
        3, [(b"Content-Type", b"text/html"), (b"Content-Encoding", b"gzip")],
        z[:20] + b"\xff" * 40 + z[60:]))))
    write(out, "bad_unsupported.warc", b"".join(good5(resp(
        3, [(b"Content-Type", b"text/html"), (b"Content-Encoding", b"compress")],
        b"\x1f\x9d\x90" + binary(300, 5)))))
    # Content-Encoding gzip over bytes that are no gzip: binary -> error,
    # text -> read as stored with a warning
    write(out, "bad_encoding_lie.warc", b"".join(good5(resp(
        3, [(b"Content-Type", b"text/html"), (b"Content-Encoding", b"gzip")],
        PNG + binary(3000, 6)))))
    write(out, "warn_encoding_lie.warc", b"".join(good5(resp(
        3, [(b"Content-Type", b"text/html; charset=utf-8"), (b"Content-Encoding", b"gzip")],
        html))))
    # bytes that are no text under a text label
    write(out, "bad_binary.warc", b"".join(good5(html_resp(3, PNG + binary(4000, 7)))))
    write(out, "bad_binary_text.warc", b"".join(good5(record(
        [(b"WARC-Type", b"resource"), (b"WARC-Record-ID", rid(3)),
         (b"WARC-Target-URI", b"http://example.com/notes.txt"),
         (b"Content-Type", b"text/plain")], gz(text(6000, 8))))))
    write(out, "bad_binary.html", PNG + binary(5000, 9))


def cli_charset(out):
    zh = PAGES["zh_hans"]
    # <meta> says UTF-8, the bytes are GBK; then HTTP says UTF-8
    write(out, "cs_mislabel.warc",
          html_resp(1, page_html(zh, meta="utf-8").encode("gbk"), ctype=b"text/html")
          + html_resp(2, page_html(zh, meta=None).encode("gbk"),
                      ctype=b"text/html; charset=utf-8"))
    # UTF-8 with two stray bytes: still UTF-8, repaired
    page = page_html(zh, meta="utf-8").encode()
    p2 = PAGES["zh_hans"]["paras"][1].encode()
    p4 = PAGES["zh_hans"]["paras"][3].encode()
    page = page.replace(p2, p2[:30] + b"\xff" + p2[30:]).replace(p4, p4[:60] + b"\xfe" + p4[60:])
    write(out, "cs_invalid_utf8.warc", html_resp(1, page))
    # NUL bytes inside the article
    en = page_html(PAGES["en"], meta="utf-8").encode()
    e1 = PAGES["en"]["paras"][0].encode()
    e3 = PAGES["en"]["paras"][2].encode()
    en = en.replace(e1, e1[:40] + b"\x00" + e1[40:]).replace(e3, e3[:50] + b"\x00" + e3[50:])
    write(out, "cs_nul.warc", html_resp(1, en))
    # UTF-8 behind a server default of ISO-8859-1
    write(out, "cs_latin1_label.warc",
          html_resp(1, page_html(PAGES["de"]).encode(), ctype=b"text/html; charset=ISO-8859-1"))


def plain_rec(n, rtype, ctype, body, extra=()):
    fields = [(b"WARC-Type", rtype)] if rtype else []
    return record(fields + [(b"WARC-Date", b"2024-05-01T12:02:%02dZ" % n),
                            (b"WARC-Record-ID", rid(n)),
                            (b"WARC-Target-URI", b"http://example.com/t/%d" % n)] + list(extra)
                  + [(b"Content-Type", ctype)], body)


def cli_drops(out):
    page = small_page(6)
    recs = [
        plain_rec(1, b"warcinfo", b"application/warc-fields",
                  b"software: winnow-test\r\nformat: WARC File Format 1.1\r\n"),
        plain_rec(2, b"request", b"application/http; msgtype=request",
                  b"GET /t/3 HTTP/1.1\r\nHost: example.com\r\n\r\n"),
        html_resp(3, small_page(1)),
        plain_rec(4, b"metadata", b"application/warc-fields", b"fetchTimeMs: 87\r\n"),
        plain_rec(5, b"revisit", b"message/http",
                  b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
                  [(b"WARC-Profile",
                    b"http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"),
                   (b"WARC-Refers-To", rid(3))]),
        plain_rec(6, b"resource", b"text/html", small_page(2)),
        plain_rec(7, b"resource", b"application/xhtml+xml", small_page(3, xhtml=True)),
        plain_rec(8, b"conversion", b"text/plain", GOOD_TEXTS[3].encode()),
        plain_rec(9, b"continuation", b"application/http; msgtype=response", b"tail of a body",
                  [(b"WARC-Segment-Origin-ID", rid(3)), (b"WARC-Segment-Number", b"2")]),
        plain_rec(10, b"x-experimental", b"text/plain", GOOD_TEXTS[4].encode()),
        plain_rec(11, b"resource", b"text/plain", GOOD_TEXTS[5].encode()),
        plain_rec(12, None, b"text/plain", GOOD_TEXTS[6].encode()),
    ]
    write(out, "drop_types.warc", b"".join(recs))
    recs = [
        good(1),
        html_resp(2, b"<html><body><h1>Not Found</h1><p>The page you asked for is not here. "
                     b"Please try the search box at the top of the page.</p></body></html>",
                  status=b"HTTP/1.1 404 Not Found"),
        html_resp(3, REDIRECT_BODY, status=b"HTTP/1.1 301 Moved Permanently",
                  more=[(b"Location", b"http://example.com/new")]),
        html_resp(4, small_page(4), status=b"HTTP/1.1 500 Internal Server Error"),
        html_resp(5, PNG + binary(2000, 10), ctype=b"image/png"),
        html_resp(6, fake_pdf(2000, 11), ctype=b"application/pdf"),
        html_resp(7, b"function f(a){return a*2}\nwindow.onload=function(){f(1)};\n",
                  ctype=b"application/javascript"),
        html_resp(8, b""),
        plain_rec(9, b"resource", b"text/plain", b""),
        html_resp(10, b"<!DOCTYPE html><html><head><title></title></head><body>\n  \n"
                      b"<div> </div>\n</body></html>\n"),
        html_resp(11, page),
    ]
    write(out, "drop_payloads.warc", b"".join(recs))


def cli_caps(out):
    big = "\n\n".join(GOOD_TEXTS * 8).encode()
    html = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Week in review</title>"
            "</head><body><h1>Week in review</h1>\n"
            + "\n".join("<p>%s</p>" % esc(t.strip().replace("\n\n", " ")) for t in GOOD_TEXTS * 8)
            + "\n</body></html>\n").encode()
    write(out, "cap_sizes.warc", good(1) + plain_rec(2, b"resource", b"text/plain", big)
          + resp(3, [(b"Content-Type", b"text/html; charset=utf-8"),
                     (b"Content-Encoding", b"gzip")], gz(html)) + good(4))
    page = small_page(4)
    write(out, "cap_line.warc", b"".join(
        good5(good(3, extra=[(b"X-Crawler-Note", b"n" * 300)]))[:3]
        + [html_resp(4, page, more=[(b"Set-Cookie", b"session=" + b"c" * 300 + b"; Path=/")]),
           good(5)]))
    write(out, "cap_headers.warc", b"".join(
        good5(good(3, extra=[(b"X-Meta-%d" % k, b"value %d" % k) for k in range(30)]))[:3]
        + [html_resp(4, page, more=[(b"X-Http-%d" % k, b"value %d" % k) for k in range(30)]),
           good(5)]))


# ---------------------------------------------------------------------------
# Bombs: over the default record cap (64 MiB)
# ---------------------------------------------------------------------------

CLI_BOMB = 96 << 20


def brotli_zeros(n):
    """A brotli stream (RFC 7932) of n zero bytes, n a multiple of 2^24: per
    meta-block of 2^24 bytes, one command (insert 4 literals, copy 2^24 - 4
    bytes from distance 4) under one-symbol prefix codes, which cost no bits
    per symbol. About 13 bytes per 16 MiB. Built by hand: the standard
    library has no brotli encoder."""
    assert n % (1 << 24) == 0
    out = bytearray()
    acc, nbits = 0, 0

    def put(v, k):
        nonlocal acc, nbits
        acc |= v << nbits
        nbits += k
        while nbits >= 8:
            out.append(acc & 0xFF)
            acc >>= 8
            nbits -= 8

    put(0, 1)  # WBITS = 16
    mlen = 1 << 24
    for _ in range(n // mlen):
        put(0, 1)  # ISLAST = 0
        put(2, 2)  # MNIBBLES = 6
        put(mlen - 1, 24)
        put(0, 1)  # ISUNCOMPRESSED = 0
        put(0, 3)  # NBLTYPESL, NBLTYPESI, NBLTYPESD = 1
        put(0, 2)  # NPOSTFIX = 0
        put(0, 4)  # NDIRECT = 0
        put(0, 2)  # context mode of the one literal block type
        put(0, 2)  # NTREESL = 1, NTREESD = 1
        # three simple prefix codes (HSKIP 1) of one symbol each (NSYM - 1 = 0):
        put(1, 2)
        put(0, 2)
        put(0, 8)  # literals: 0x00
        put(1, 2)
        put(0, 2)
        put(423, 10)  # insert&copy: insert code 4 (4 bytes), copy code 23
        put(1, 2)
        put(0, 2)
        put(0, 6)  # distances: code 0, the last distance (4 at the start)
        put(mlen - 4 - 2118, 24)            # copy length extra bits (code 23: 2118 + 24 bits)
    put(1, 1)  # ISLAST
    put(1, 1)  # ISLASTEMPTY
    if nbits:
        out.append(acc & 0xFF)
    return bytes(out)


def zeros_zstd(n):
    return subprocess.run(["zstd", "-q", "-c", "-3"], input=bytes(n), stdout=subprocess.PIPE,
                          check=True).stdout


def cli_bombs(out):
    head = (b"WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: " + rid(2)
            + b"\r\nWARC-Target-URI: http://example.com/zeros.bin"
            + b"\r\nContent-Type: application/octet-stream"
            + b"\r\nContent-Length: %d\r\n\r\n" % CLI_BOMB)
    g1, g3 = good(1), good(3)
    ctype = (b"Content-Type", b"text/html; charset=utf-8")
    write(out, "bomb_gzip.warc",
          g1 + resp(2, [ctype, (b"Content-Encoding", b"gzip")], zeros_gz(CLI_BOMB)) + g3)
    write(out, "bomb_br.warc",
          g1 + resp(2, [ctype, (b"Content-Encoding", b"br")], brotli_zeros(CLI_BOMB)) + g3)
    # a small brotli page: tells the test whether brotli is built in
    write(out, "probe_br.warc", resp(1, [ctype, (b"Content-Encoding", b"br")],
                                     brotli_stored(small_page(1))))
    # a record of 96 MiB of zeros in one gzip member
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [c.compress(head)]
    zero = bytes(1 << 20)
    for _ in range(CLI_BOMB >> 20):
        parts.append(c.compress(zero))
    parts += [c.compress(b"\r\n\r\n"), c.flush()]
    write(out, "bomb_record.warc.gz", gz(g1) + b"".join(parts) + gz(g3))
    # record 2 is honest, and its member goes on with 96 MiB of zeros
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [c.compress(good(2))]
    for _ in range(CLI_BOMB >> 20):
        parts.append(c.compress(zero))
    parts.append(c.flush())
    write(out, "bomb_member.warc.gz", gz(g1) + b"".join(parts) + gz(g3))
    if HAVE_ZSTD:
        write(out, "bomb_zstd.warc",
              g1 + resp(2, [ctype, (b"Content-Encoding", b"zstd")], zeros_zstd(CLI_BOMB)) + g3)
        frame = subprocess.run(["zstd", "-q", "-c", "-3"],
                               input=head + bytes(CLI_BOMB) + b"\r\n\r\n",
                               stdout=subprocess.PIPE, check=True).stdout
        write(out, "bomb_frame.warc.zst", zstd(g1) + frame + zstd(g3))


def cli_other(out):
    """JSONL with invalid lines; an HTML file and a text file."""
    lines = [json.dumps({"id": "j1", "text": GOOD_TEXTS[0]}),
             '{"id": "j2", "text": "unterminated',
             "not json at all",
             json.dumps({"id": "j4", "body": "no text field"}),
             "[1, 2, 3]",
             "",
             json.dumps({"id": "j7", "text": 42}),
             json.dumps({"id": "j8", "text": GOOD_TEXTS[1], "metadata": {"source": "test"}})]
    write(out, "bad_lines.jsonl", ("\n".join(lines) + "\n").encode())
    write(out, "page_big5.html", page_html(PAGES["zh_hant"], meta="big5").encode("big5"))
    write(out, "note.txt", BULLETIN.encode())


def write_cli(out):
    """The command-line corpus, and .corpus.json (hidden: a directory walk
    skips it) saying what was written."""
    cc = cc_archive()
    containers(out, "cc.warc", cc, whole=True)
    containers(out, "cc.warc.wet", cc_wet())
    containers(out, "cc.warc.wat", cc_wat(cc))
    containers(out, "raw.warc", raw_archive(), whole=True)
    cli_containers(out)
    cli_framing(out)
    cli_http(out)
    cli_charset(out)
    cli_drops(out)
    cli_caps(out)
    cli_other(out)
    cli_bombs(out)
    # in a hidden directory: one run reads them all, and the corpus
    # directory's own run (t_directory) skips them
    lies = os.path.join(out, ".lies")
    os.makedirs(lies, exist_ok=True)
    lie_files(lies, good, with_cl, len(GOOD_TEXTS[LIE_BEFORE % len(GOOD_TEXTS)].encode()))
    info = {"have_zstd": HAVE_ZSTD,
            "cc": [{"url": cc_url(c).decode(), "id": bare(cc_id("cc", str(i), "response")),
                    "date": cc_date(i).decode(), "ctype": c["ctype"].decode(), "key": c["key"],
                    "expect": c.get("expect"), "drop": c.get("drop")}
                   for i, c in enumerate(CC_CAPTURES)],
            "raw": [{"url": raw_url(c).decode(), "id": bare(cc_id("raw", str(i), "response")),
                     "date": raw_date(i).decode(), "ctype": c["ctype"].decode(),
                     "key": c["key"], "expect": c.get("expect")}
                    for i, c in enumerate(RAW_CAPTURES)],
            "wet": [{"url": cc_url(c).decode(), "id": bare(cc_id("wet", str(i))),
                     "date": cc_date(i).decode(), "key": c["key"],
                     "non_ascii": max((page_text(PAGES[c["key"]]) if c["key"] in PAGES
                                       else BULLETIN).encode()) >= 0x80}
                    for i, c in enumerate(CC_CAPTURES) if "expect" in c],
            "pages": {k: {"title": p["title"], "paras": p["paras"], "share": p["share"],
                          "related": p["related"], "footer": p["footer"], "nav": p["nav"]}
                      for k, p in PAGES.items()},
            "bulletin": BULLETIN,
            "good": GOOD_TEXTS,
            "lies": {"kinds": [k for k, _ in LIES], "before": LIE_BEFORE, "after": LIE_AFTER,
                     "many": LIE_MANY}}
    write(out, ".corpus.json", json.dumps(info, ensure_ascii=False, indent=1).encode())


def main():
    args = sys.argv[1:]
    cli = args[:1] == ["--cli"]
    if cli:
        args = args[1:]
    if len(args) != 1:
        sys.exit("usage: gen_warc.py [--cli] OUTDIR")
    out = args[0]
    os.makedirs(out, exist_ok=True)
    if cli:
        write_cli(out)
        return
    write_all_containers(out, "spec", spec_records())
    v10 = [(r.replace(b"WARC/1.1", b"WARC/1.0", 1), p) for r, p in spec_records()[:2]]
    # WARC 1.0 §5 lets a field value continue on lines starting with white space
    folded = record([(b"WARC-Type", b"resource"), (b"WARC-Record-ID", rid(9)),
                     (b"X-Note", b"first part\r\n   second part"),
                     (b"Content-Type", b"text/plain")], b"folded", version=b"WARC/1.0")
    v10.append((folded, b"folded"))
    write(out, "spec10.warc", b"".join(r for r, _ in v10))
    write_payloads(out, "spec10.warc", v10)
    cc = cc_records()
    write(out, "cc.warc.gz", b"".join(gz(r) for r, _ in cc))
    write_payloads(out, "cc.warc.gz", cc)
    wet = wet_records()
    write(out, "cc.warc.wet.gz", b"".join(gz(r) for r, _ in wet))
    write_payloads(out, "cc.warc.wet.gz", wet)
    raw = raw_records()
    write(out, "raw.warc.gz", b"".join(gz(r) for r, _ in raw))
    write_payloads(out, "raw.warc.gz", raw)
    malformed_gzip(out)
    malformed_framing(out)
    malformed_http(out)
    malformed_zstd(out)
    zstd_dict_files(out)
    malformed_bombs(out)
    lie_files(out, simple, cl_variant, len(text(200 + 37 * (LIE_BEFORE + 1), LIE_BEFORE + 1)),
              lambda n: simple(n, text(100 + n % 50, n)))
    write(out, "HAVE_ZSTD", b"1" if HAVE_ZSTD else b"0")


if __name__ == "__main__":
    main()
