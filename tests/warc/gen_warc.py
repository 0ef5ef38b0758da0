#!/usr/bin/python3
"""gen_warc.py OUTDIR - write the WARC test corpus (standard library only).

Golden files: the record examples of the WARC 1.1 specification (Annex C /
§6, typed in by hand; the spec's "[binary data]" placeholders become
deterministic bytes, Content-Length is computed), in every container; a
Common-Crawl-shaped archive (decoded bodies, X-Crawler- headers) and its
WET; a raw-payload archive (chunked, gzip, deflate, zstd, br bodies).

Malformed files: one per error class of src/io/wn_warc_err.h.

Next to some files, NAME.payload.K holds the expected payload of the K-th
record (from 1), for the C test to compare byte for byte. zstd files are
written only when the zstd command is installed. Everything is
deterministic: the same bytes on every run.
"""
import gzip
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
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


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gen_warc.py OUTDIR")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
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
    write(out, "HAVE_ZSTD", b"1" if HAVE_ZSTD else b"0")


if __name__ == "__main__":
    main()
