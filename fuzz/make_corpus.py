#!/usr/bin/python3
"""Write the seed inputs of the fuzz targets (fuzz/corpus/<target>/seed-*
for clean, reader, warc, html, decode and page) and their libFuzzer dictionaries
(fuzz/dict/).

Run from anywhere: python3 fuzz/make_corpus.py. Only files named seed-* are
written; the other files in the corpus directories (inputs the fuzzers found,
named fuzzed-*, and reproducers of fixed bugs, named crash-*) are left alone.
Seeds are small and each reaches a different corner: chrome, link farms,
metadata lines, invalid UTF-8, NULs, separators, nesting, odd JSON escapes,
the record cap (fuzz_reader.c uses 4096 bytes). The warc, html, decode and page
seeds start with the header bytes their targets read (feed sizes, caps,
flags: see the comment at the top of each fuzz_<target>.c); WARC records
are built with tests/warc/gen_warc.py's helpers.

The dictionaries are generated too: libFuzzer only takes printable ASCII
between the quotes, so every UTF-8 token is written as \\xNN escapes with the
readable form in a comment. clean.dict also takes the first terms of every
lexicon in data/lexicon/: the library matches them with Hyperscan, which is
not instrumented, so coverage feedback alone would never find them.
"""
import gzip
import json
import os
import shutil
import struct
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "warc"))
import gen_warc as gw  # noqa: E402  (record, http_response, chunked, gz, ...)

CAP = 4096  # MAX_RECORD in fuzz_reader.c

ZH_HANS_NEWS = """\
首页 | 新闻 | 财经 | 体育 | 娱乐 | 科技 | 视频
当前位置：首页 > 新闻 > 社会
城西片区12月8日临时停水 供水公司设两个送水点
2024-11-20 09:58　来源：城西日报　作者：李明
分享到：微信 微博 QQ空间
字号：大 中 小
因城西路供水主管道迁改施工，城西供水公司定于12月8日8:00至20:00对城西片区实行临时停水。
停水范围包括城西花园、纺织新村、滨河小区等12个小区，请相关用户提前做好储水准备。
施工期间将在城西花园、纺织新村设置两个临时送水点，恢复供水初期水质可能略显浑浊，放水片刻即可正常使用。
澳门赌场 | 在线博彩 | 体育博彩 | 网上赌场 | 真人百家乐 | 彩票平台 | 六合彩开奖 | 足球投注
责任编辑：王芳
相关阅读
上一篇：市区新增三条公交线路
下一篇：城东公园改造完工
版权所有 © 2024 城西日报社　京ICP备12345678号
返回顶部
"""

ZH_HANT_NEWS = """\
首頁 ｜ 即時 ｜ 政治 ｜ 社會 ｜ 地方 ｜ 生活
首頁 > 地方 > 高雄
港邊舊倉庫變身兒童科學館 下月開幕
記者 黃志明／高雄報導
2024-12-02 11:36
來源:中央社
已複製連結
閒置近二十年的高雄港邊舊倉庫，經過三年整修後，將以兒童科學館的新面貌在下個月正式開幕。
館內最受矚目的是一座長約十二公尺的港口模型水道，孩子可以操作閘門和小型貨櫃船。
線上娛樂城、百家樂、運彩投注、老虎機、體育博彩、真人視訊、免費試玩、優惠活動
延伸閱讀
"""

EN_NEWS = """\
Home > World > Europe
Sign in | Subscribe | Newsletters
Harbour warehouse reopens as a children's science museum
By Jane Smith, Staff Reporter
Updated Nov 20, 2024 9:58 a.m.
Share on Facebook  Share on X  Email  Print
A warehouse that stood empty for nearly twenty years reopens next month as a science museum for children. The city spent three years restoring it.
Its best-known exhibit is a twelve-metre model harbour where children can work the lock gates and sail small container ships.
Read more: City adds three bus routes
Advertisement
Copyright (c) 2024 The Harbour Times. All rights reserved.
Back to top
"""

JA_NEWS = """\
ホーム > 社会 > 地域
港の倉庫が子ども科学館に　来月開館
2024年11月20日 09時58分
シェア ツイート
約二十年使われていなかった港の倉庫が、三年の改修を経て来月子ども科学館として開館する。
関連記事
"""

KO_NEWS = """\
홈 > 사회 > 지역
항구 창고, 어린이 과학관으로 새단장
입력 2024.11.20 09:58
기자 김민수
20년 가까이 비어 있던 항구 창고가 3년간의 보수를 거쳐 다음 달 어린이 과학관으로 문을 연다.
공유하기 | 인쇄 | 글자크기
"""

META_LINES = """\
发布时间：2024-11-20 09:58:07
发布日期：2024年11月20日
时间：2024/11/20 9:58
日期：20 November 2024
Posted: 2024-11-20T09:58
來源：聯合報
来源: 新华社
作者：张三 李四
责任编辑：王五
编辑：赵六
Author: John Smith
Source: Reuters
Editor: Mary Jones
"""

SPAM_RUN = "\n".join([
    "正文第一段讲述本市公共交通的变化，以及市民对新线路的看法和建议。",
    "澳门赌场官方网站",
    "在线博彩注册送彩金",
    "真人百家乐平台推荐",
    "体育投注最新赔率",
    "六合彩开奖结果查询",
    "网上赌场免费试玩",
    "正文第二段介绍了线路调整的时间表，新线路将于下月起试运行。",
]) + "\n"

DUNHAO_FARM = ("最新电影、在线观看、免费下载、高清资源、百家乐、博彩、赌场、"
               "彩票、成人视频、色情网站、盗版软件、破解版、代开发票、刷单兼职\n")

SEPARATORS = "|·•›»>/_丨｜、"


def clean_seeds():
    seeds = {
        "zh-hans-news-chrome-linkfarm.txt": ZH_HANS_NEWS.encode(),
        "zh-hant-news.txt": ZH_HANT_NEWS.encode(),
        "en-news-chrome.txt": EN_NEWS.encode(),
        "ja-news-crlf.txt": JA_NEWS.replace("\n", "\r\n").encode(),
        "ko-news.txt": KO_NEWS.encode(),
        "meta-lines.txt": META_LINES.encode(),
        "spam-run.txt": SPAM_RUN.encode(),
        "dunhao-farm.txt": DUNHAO_FARM.encode(),
        "empty.txt": b"",
        "invalid-utf8.txt": (
            "标题\n".encode() + b"bad \xff\xfe bytes\n"
            + b"cut \xe4\xb8 off\n" + b"overlong \xc0\xaf \xe0\x80\xaf\n"
            + b"surrogate \xed\xa0\x80 \xed\xbf\xbf\n"
            + b"too big \xf4\x90\x80\x80 \xf5\x80\x80\x80\n"
            + b"lone continuation \x80\x80\xbf\n" + "正文。\n".encode()
            + b"\xe6\x96"),
        "nul-bytes.txt": (b"\x00title\x00\n\x00\x00\x00\n"
                          + "正文\x00内容。\n".encode() + b"end\x00"),
        "separators-long-line.txt": (
            " | ".join(["首页"] + ["栏目"] * 40) + "\n"
            + "".join(SEPARATORS[i % len(SEPARATORS)] for i in range(3000)) + "\n"
            ).encode(),
        "pipes-only.txt": "|\n||\n｜\n| | |\n丨丨\n\n|\n".encode(),
        "brackets-deep.txt": (
            "(" * 600 + "[" * 300 + "【" * 200 + "《" * 100 + "text"
            + "》" * 100 + "】" * 200 + "]" * 300 + ")" * 600 + "\n"
            + "((((((((((((((((((((\n" + ")))))))\n").encode(),
        "whitespace-only.txt": (
            " \t\r\n\u3000\u3000\n\u00a0\n\u2003\u2029\n\r\n\f\v\n\n  \n").encode(),
        "controls-bom.txt": (
            "\ufeff標題\n\x01\x02\x1b[31mred\x1b[0m\x7f\n"
            "tab\tinside\tline\nlone\rcarriage\r\n"
            "zero\u200bwidth\u200djoiner\u2028line separator\n").encode(),
        "cyrillic-mixed.txt": (
            "Главная > Новости\nВ городе открылся музей науки для детей. "
            "Exhibits in English too. 也有中文。\nПоделиться\n").encode(),
        "long-prose-one-line.txt": (
            ("闲置近二十年的港边旧仓库，经过三年整修后，将以儿童科学馆的新面貌在下个月正式开幕。"
             * 30)).encode(),
        "many-short-lines.txt": "".join(
            f"第{i}条\n" + ("\n" if i % 7 == 0 else "") for i in range(300)).encode(),
    }
    return seeds


def jl(obj):
    return json.dumps(obj, ensure_ascii=False).encode()


def reader_seeds():
    lines_ok = b"\n".join([
        jl({"id": "zh-1", "text": ZH_HANS_NEWS,
            "metadata": {"url": "https://example.com/a", "lang": "zh"}}),
        jl({"id": 42, "text": EN_NEWS}),
        jl({"text": "no id here", "metadata": {"title": "given title", "date": "2020-01-01"}}),
    ]) + b"\n"
    escapes = b"\n".join([
        b'{"id":"nul","text":"a\\u0000b"}',
        b'{"id":"lone-high","text":"x\\ud800y"}',
        b'{"id":"lone-low","text":"x\\udc00y"}',
        b'{"id":"pair","text":"\\ud83d\\ude00 ok"}',
        b'{"id":"high-then-high","text":"\\ud800\\ud800"}',
        b'{"id":"escaped-backslash","text":"\\\\u0000 is text"}',
        b'{"id":"slash","text":"a\\/b\\b\\f\\n\\r\\t\\"q\\""}',
        b'{"id":"short-u","text":"\\u12"}',
        b'{"id":"trailing-backslash","text":"abc\\',
        b'{"id":"upper-hex","text":"\\uD83D\\uDE00\\uFFFD\\uFEFF"}',
        b'{"id":"\\u0000id","text":"nul in id"}',
        b'{"id":"k","text":"t","metadata":{"k\\u0000":"\\ud800"}}',
    ]) + b"\n"
    invalid = b"\n".join([
        b"not json at all",
        b"[1,2,3]",
        b'{"text": 5}',
        b'{"id": "x"}',
        b'{"text":"ok"} trailing',
        b'{"text":"a","text":"b"}',
        b'{"text":"unterminated',
        b"{",
        b"}",
        b'{"text":"nested","metadata":{"a":{"b":[1,{"c":null}]},"d":true,"e":1e999}}',
        b'{"metadata":"not an object","text":"m"}',
        b'"just a string"',
        b"null",
    ]) + b"\n"
    ids = b"\n".join([
        b'{"id":12345678901234567890,"text":"big id"}',
        b'{"id":1e300,"text":"huge"}',
        b'{"id":-0,"text":"minus zero"}',
        b'{"id":1.5,"text":"fraction"}',
        b'{"id":9007199254740993,"text":"2^53+1"}',
        b'{"id":-9007199254740992,"text":"-2^53"}',
        b'{"id":true,"text":"bool id"}',
        b'{"id":null,"text":"null id"}',
        b'{ "id" : 7 , "text" : "spaced" }',
    ]) + b"\n"
    long_line = (jl({"id": "long", "text": "长" * (CAP // 3 + 10)}) + b"\n"
                 + jl({"id": "after", "text": "short line after a long one"}) + b"\n")
    deep = (b'{"text":"deep","metadata":{"a":' + b"[" * 1200 + b"]" * 1200 + b"}}\n"
            + b'{"text":"less deep","metadata":{"a":' + b"[" * 900 + b"]" * 900 + b"}}\n")
    seeds = {
        "docs.jsonl": lines_ok,
        "odd-escapes.jsonl": escapes,
        "raw-nul.jsonl": b'{"id":"raw","text":"a\x00b\x00\x00c"}\n{"text":"\x00"}\n',
        "bom-crlf-blank.jsonl": (b"\xef\xbb\xbf" + b'{"text":"first"}\r\n\r\n   \t\n'
                                 + b'{"text":"second"}\r\n\r\r\n{"text":"third"}'),
        "invalid-lines.jsonl": invalid,
        "number-ids.jsonl": ids,
        "long-line-over-cap.jsonl": long_line,
        "deep-metadata.jsonl": deep,
        "plain.txt": EN_NEWS.encode(),
        "text-over-cap.txt": ("正文内容。" * (CAP // 15 + 50)).encode(),
        "ws-prefix.jsonl": b" \t\r\n\n  " + b'{"text":"after white space"}\n',
        "empty.jsonl": b"",
        "only-newlines.jsonl": b"\n\n\r\n\n",
        "metadata-override.jsonl": b"\n".join([
            jl({"text": ZH_HANT_NEWS, "metadata": {"title": "t", "source": "s", "x": [1, 2]}}),
            b'{"text":"dup","metadata":{"a":1,"a":2,"":"empty key"}}',
            b'{"text":"empty meta","metadata":{}}',
        ]) + b"\n",
        "invalid-utf8-strings.jsonl": (b'{"id":"\xff\xfe","text":"bad \xc0\xaf utf8",'
                                       b'"metadata":{"k":"\xed\xa0\x80"}}\n'),
        "text-with-brace.txt": b"{ this looks like JSON but is not\nsecond line\n",
        "bom-only.txt": b"\xef\xbb\xbf",
    }
    return seeds


# ---- warc, html, decode -------------------------------------------------

WARC_CAP = 64 << 10  # MAX_RECORD in fuzz_warc.c

# A real brotli stream of a small page (the one in tests/unit/test_warc.c).
BR_HTML = bytes.fromhex(
    "1b640030c46d6cbe1c471cade90b822282" "0d387039b20d8689" "16dc318e5ff8f381"
    "361f66a4a18704fb" "0826dd23aef2e6bb" "4e118d318258a501")


def rid(n):
    return b"<urn:uuid:00000000-0000-0000-0000-%012d>" % n


def page(title, body):
    return (b"<!doctype html><html><head><title>" + title + b"</title></head><body><p>"
            + body + b"</p></body></html>")


def resp(n, headers, body, status=b"HTTP/1.1 200 OK", ctype=b"application/http;msgtype=response",
         extra=()):
    block = gw.http_response(headers, body, status=status)
    return gw.record([(b"WARC-Type", b"response"), (b"WARC-Record-ID", rid(n)),
                      (b"WARC-Target-URI", b"https://fuzz.example/%d" % n)] + list(extra)
                     + [(b"Content-Type", ctype)], block)


def simple(n, body=b"plain text body\r\n"):
    return gw.record([(b"WARC-Type", b"resource"), (b"WARC-Record-ID", rid(n)),
                      (b"Content-Type", b"text/plain")], body)


def cc_like():
    """warcinfo, request, response, metadata: a Common Crawl quadruple."""
    html = page(b"CC", b"Common Crawl stores bodies decoded. " * 4)
    return [
        gw.record([(b"WARC-Type", b"warcinfo"), (b"WARC-Record-ID", rid(1)),
                   (b"Content-Type", b"application/warc-fields")],
                  b"software: fuzz\r\nformat: WARC File Format 1.1\r\n"),
        gw.record([(b"WARC-Type", b"request"), (b"WARC-Record-ID", rid(2)),
                   (b"Content-Type", b"application/http;msgtype=request")],
                  b"GET / HTTP/1.1\r\nHost: fuzz.example\r\n\r\n"),
        resp(3, [(b"Content-Type", b"text/html; charset=UTF-8"),
                 (b"X-Crawler-Content-Encoding", b"gzip"),
                 (b"X-Crawler-Content-Length", b"123")], html),
        gw.record([(b"WARC-Type", b"metadata"), (b"WARC-Record-ID", rid(4)),
                   (b"Content-Type", b"application/warc-fields")],
                  b"fetchTimeMs: 12\r\ncharset-detected: UTF-8\r\n"),
    ]


def zstd_frames(recs):
    if not shutil.which("zstd"):
        return None
    return b"".join(gw.zstd(r) for r in recs)


def warc_seeds():
    html = page(b"Payload", b"Encoded bodies: chunked, gzip, deflate, br, zstd. " * 6)
    cc = cc_like()
    coded = [
        resp(11, [(b"Content-Type", b"text/html; charset=utf-8"),
                  (b"Transfer-Encoding", b"chunked"), (b"Content-Encoding", b"gzip")],
             gw.chunked(gw.gz(html))),
        resp(12, [(b"Content-Encoding", b"deflate")], zlib.compress(html)),
        resp(13, [(b"Content-Encoding", b"deflate")], gw.raw_deflate(html)),
        resp(14, [(b"Content-Encoding", b"x-gzip, identity")], gw.gz(html)),
        resp(15, [(b"Content-Encoding", b"br")], gw.brotli_stored(html[:300])),
        resp(16, [(b"Content-Encoding", b"br")], BR_HTML),
        resp(17, [(b"Transfer-Encoding", b"chunked")], gw.chunked(html, (1, 16, 300))
             + b"X-Trailer: yes\r\n\r\n"),
    ]
    bad_http = [
        resp(21, [(b"Transfer-Encoding", b"chunked")], b"zz\r\nnot chunked\r\n0\r\n\r\n"),
        resp(22, [(b"Content-Encoding", b"gzip")], html[:200]),  # a lie
        resp(23, [(b"Content-Encoding", b"gzip")], gw.gz(html)[:30] + b"\xff" * 20),
        resp(24, [], b"body", status=b"HTTX/1.1 200 OK"),
        resp(25, [(b"Content-Encoding", b"compress")], b"\x1f\x9d\x90abc"),
        resp(26, [(b"Transfer-Encoding", b"chunked")], b"10\r\nonly eight\r\n"),
        resp(27, [(b"Content-Encoding", b"gzip, gzip")], gw.gz(gw.gz(html[:100]))),
        resp(28, [(b"Content-Encoding", b"br")], b"no brotli here"),
        resp(29, [(b"Transfer-Encoding", b"chunked")], b"5\r\nabc", extra=[
            (b"WARC-Truncated", b"length")]),
        resp(30, [(b"Content-Type", b"text/html"), (b"X-Folded", b"a"), (b" b", b"c")], b"x"),
        resp(31, [(b"Content-Type", b"text/html")], b"", status=b"HTTP/1.1 204 No Content"),
    ]
    framing = [
        simple(41),
        gw.record([(b"WARC-Type", b"resource"), (b"WARC-Record-ID", rid(42))], b"x" * 40,
                  cl=b"60"),  # too long: runs into the next record
        simple(43),
        gw.record([(b"WARC-Type", b"resource"), (b"WARC-Record-ID", rid(44))], b"y" * 40,
                  cl=b"20"),  # too short
        gw.record([(b"WARC-Type", b"resource"), (b"WARC-Record-ID", rid(45))], b"z", cl=False),
        gw.record([(b"WARC-Type", b"resource"), (b"WARC-Record-ID", rid(46))], b"z", cl=b"1x"),
        gw.record([(b"WARC-Type", b"resource"), (b"WARC-Record-ID", rid(47))], b"z",
                  cl=b"99999999999999999999999"),
        simple(48),
    ]
    odd_lines = [
        gw.record([(b"WARC-Type", b"resource"), (b"WARC-Record-ID", rid(51)),
                   (b"X-Fold", b"first"), (b" \tsecond", b"part")], b"lf", eol=b"\n"),
        gw.record([(b"WARC-Type", b"resource"), (b"WARC-Record-ID", rid(52))], b"v10",
                  version=b"WARC/1.0"),
        gw.record([(b"WARC-Type", b"resource"), (b"WARC-Record-ID", rid(53))], b"v2",
                  version=b"WARC/2.0"),
        gw.record([(b"WARC-Type", b"resource"), (b"WARC-Record-ID", rid(54)),
                   (b"X-Bad", b"ctl\x01byte \xc3\x28")], b"bytes"),
        gw.record([(b"WARC-Type", b"resource"), (b"WARC-Record-ID", rid(55)),
                   (b"X-Long", b"l" * 600)], b"long line"),
        gw.record([(b"WARC-Type", b"resource"), (b"WARC-Record-ID", rid(56))]
                  + [(b"X-H%d" % i, b"v") for i in range(30)], b"many headers"),
        b"\r\n\r\n" + simple(57),
    ]
    zeros = bytes(200 << 10)
    bombs = [
        simple(61),
        resp(62, [(b"Content-Encoding", b"gzip")], gw.gz(zeros)),  # payload bomb
        simple(63),
    ]
    big = gw.record([(b"WARC-Type", b"resource"), (b"WARC-Record-ID", rid(64))], zeros)
    seeds = {
        "plain-cc.warc": b"\x05\x03" + b"".join(cc),
        "plain-cc-want-responses.warc": b"\x85\x40" + b"".join(cc),
        "plain-cc-no-http.warc": b"\x48\x00" + b"".join(cc),
        "gz-members-cc.warc.gz": b"\x01\x00" + b"".join(gw.gz(r) for r in cc),
        "gz-whole-cc.warc.gz": b"\x3f\x10" + gw.gz(b"".join(cc)),
        "plain-coded-payloads.warc": b"\x07\x20" + b"".join(coded),
        "gz-coded-payloads.warc.gz": b"\x0d\x02" + b"".join(gw.gz(r) for r in coded),
        "plain-bad-http.warc": b"\x02\x05" + b"".join(bad_http),
        "plain-framing-errors.warc": b"\x00\x01" + b"".join(framing),
        "gz-framing-errors.warc.gz": b"\x09\x09" + b"".join(gw.gz(r) for r in framing),
        "plain-odd-lines.warc": b"\x11\x07" + b"".join(odd_lines),
        "plain-garbage-lead.warc": b"\x04\x04" + b"not a warc\r\n" + b"".join(cc[:2]),
        "gz-garbage-between.warc.gz": (b"\x06\x06" + gw.gz(cc[0]) + b"\x00\x00JUNK"
                                       + gw.gz(cc[1])),
        "gz-truncated-end.warc.gz": b"\x03\x02" + gw.gz(cc[0]) + gw.gz(cc[2])[:-9],
        "gz-corrupt-mid.warc.gz": (b"\x0f\x01" + gw.gz(cc[0])
                                   + gw.gz(cc[2])[:40] + b"\xff" * 8 + gw.gz(cc[2])[48:]
                                   + gw.gz(cc[3])),
        "gz-payload-bomb.warc.gz": b"\x20\x30" + b"".join(gw.gz(r) for r in bombs),
        "gz-record-too-big.warc.gz": b"\x21\x31" + gw.gz(simple(60)) + gw.gz(big),
        "plain-truncated.warc": b"\x08\x08" + cc[0] + cc[2][:150],
        "empty.warc": b"\x01\x01",
        "noise.bin": b"\x13\x11" + bytes((i * 97 + 13) & 0xFF for i in range(700)),
    }
    zs = zstd_frames(cc)
    if zs is not None:
        seeds["zstd-frames-cc.warc.zst"] = b"\x05\x05" + zs
        seeds["zstd-truncated.warc.zst"] = b"\x02\x02" + zs[:-7]
        seeds["zstd-skippable.warc.zst"] = (b"\x03\x03" + b"\x50\x2a\x4d\x18"
                                            + (4).to_bytes(4, "little") + b"skip" + zs)
    else:
        print("make_corpus.py: no zstd command, zstd seeds not written", file=sys.stderr)
    for name, data in seeds.items():
        assert len(data) <= 8192, (name, len(data))
    return seeds


def html_seeds():
    # header: nesting cap 2 + (h0 & 63), title cap 8 << (h0 >> 6), output
    # cap 32 + 32 * h1, second pass fed in 1 + h2 byte pieces
    roomy = b"\x7f\xff\x00"  # depth 65, title 16, output 8192, feed 1
    seeds = {
        "article.html": roomy + (
            b"<!doctype html><html><head><title>  A   title\n</title>"
            b"<style>p{}</style><script>var s='</p>';</script></head><body>"
            b"<nav><ul><li><a href=/>Home</a></li><li><a href=/n>News</a></li></ul></nav>"
            b"<article><h1>Heading</h1><p>First <b>bold</b> paragraph.<br>Line two."
            b"<br><br>After two breaks.</p><p>Second&nbsp;paragraph &amp; entity.</p>"
            b"<table><tr><td>a</td><td>b</td></tr><tr><th>c</th><td><p>d</p></td></tr></table>"
            b"<pre>\n  keep\r\n\n\n  spaces  </pre><noscript>hidden</noscript>"
            b"<template><p>hidden</p></template><svg><text>label</text></svg>"
            b"</article><footer>Footer</footer></body></html>"),
        "deep-nesting.html": b"\x06\x40\x07" + b"<div>" * 400 + b"deep" + b"</div>" * 400,
        "deep-inline.html": b"\x0a\x40\x03" + b"<b><i>" * 300 + b"x",
        "stray-end-tags.html": (b"\x3f\x80\x10" + b"<div>" * 40 + b"</x></y></p>" * 200
                                + b"text"),
        "meta-charset.html": roomy + (
            b'<html><head><meta charset="gb2312"><meta http-equiv="Content-Type" '
            b'content="text/html; charset=big5"><title>\xe6\xa0\x87\xe9\xa2\x98</title>'
            b"</head><body><p>\xe6\xad\xa3\xe6\x96\x87\xe3\x80\x82</p></body></html>"),
        "invalid-utf8-nul.html": roomy + (
            b"\xef\xbb\xbf<p>bad \xff\xfe bytes \xe4\xb8</p><p>nul\x00inside</p>"
            b"<title>t\x00\xc0\xaf</title>\xe6\x96"),
        "after-html.html": roomy + (
            b"<html><body><p>inside</p></body></html>\n<p>after html</p>"
            b"<html><body>second document</body></html>  \n"),
        "output-cap.html": b"\x3f\x00\x05" + b"<p>" + b"words and more words " * 30 + b"</p>",
        "long-title.html": b"\x00\x10\x02" + (
            b"<title>" + "长标题".encode() * 20 + b"</title><p>body</p>"),
        "lists-and-breaks.html": roomy + (
            b"<ul><li>one<p>para in item</p></li><li>two<br><br>three</li></ul>"
            b"<dl><dt>term</dt><dd>def</dd></dl><select><option>o1<option>o2</select>"
            b"<p>a<br>b<br><br><br>c</p><hr><listing>\r\nlisting\r\n</listing>"
            b"<xmp><b>raw</b></xmp><plaintext>rest </p> is text"),
        "script-cut.html": b"\x3f\xff\x0c" + (
            b"<script>if (a < b) document.write('</scr' + 'ipt>');</script>"
            b"<p>after script</p><style>/* </style */</style><p>after style</p>"),
        "comments-cdata.html": roomy + (
            b"<!-- comment <p>not text</p> --><p>a<!-- x -->b</p><![CDATA[cdata]]>"
            b"<?pi ?><!DOCTYPE x><p>&#x41;&#65;&#0;&#xD800;&#x110000;&notanentity;</p>"),
        # the pre-pass (src/html/html_prepass.c): a tag over the attribute
        # cap, an unclosed title, leading end tags, tokenizer corners
        "many-attributes.html": roomy + (
            b"<p" + b"".join(b" a%d=v" % i for i in range(300)) + b">text</p>"),
        "unclosed-title.html": roomy + b"<title>T<p>body</p><title>again\nline<b>x",
        "leading-end-tags.html": roomy + b"<!-- c --></div></td></ p><p>text",
        "tokenizer-corners.html": roomy + (
            b"<!DOCTYPE html PUBLIC \"a>b\" 'c>d'><!-- a --!><!---><p>x--><!x <b>y</b>"
            b"<?pi a>b?><? z<script>a</scriptx>b</SCRIPT ><p a=\"q>\"b='r' c=s/ d\fe/>t"
            b"<p \"bogus> </p junk='>'>u"),
        "empty.html": b"\x00\x00\x00",
        "whitespace.html": roomy + b" \t\r\n\xc2\xa0&nbsp;\xe3\x80\x80<p> </p>\n",
    }
    return seeds


def page_seeds():
    # header: h0 bits 0-2 Content-Type (0 none, 1 text/html, 2 utf-8, 3 gbk,
    # 4 big5, 5 shift_jis, 6 windows-1252, 7 utf-16le), bit 3 as a record;
    # h1 == 0xFF repeats the page 2^(h0 >> 4) times (up to 1 MiB)
    article = (
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>高雄港舊倉庫變身兒童科學館"
        "</title></head><body><nav><a href=/>首页</a> › <a href=/news>新闻</a></nav>"
        "<article><h1>高雄港舊倉庫變身兒童科學館</h1><p>記者 王小明／高雄報導</p>"
        "<p>閒置近二十年的高雄港邊舊倉庫，經過三年整修後，將以兒童科學館的新面貌開放。</p>"
        "<p>館方表示，展區以海洋與港口為主題，預計每年吸引三十萬人次參觀。</p></article>"
        "<aside><ul><li>相关阅读</li><li>分享到：微信 微博</li></ul></aside>"
        "<footer>版权所有 © 2024 京ICP备12345678号</footer></body></html>").encode()
    en = (b"<html><head><title>Harbour museum</title></head><body><div class=menu>Home | News"
          b" | Sport</div><p>By Jane Doe</p><p>The old warehouse by the harbour opens next "
          b"month as a children's science museum, after three years of work.</p>"
          b"<p>Copyright (c) 2024. All rights reserved.</p></body></html>")
    seeds = {
        "article-zh.html": b"\x00\x00" + article,
        "article-zh-record.html": b"\x0a\x00" + article,
        "gbk-http.html": b"\x03\x00" + ("<p>" + "这是一个完整的句子，有逗号也有句号。" * 8
                                          + "</p>").encode("gbk"),
        "big5-meta.html": b"\x00\x00" + b'<meta charset="big5"><p>'
                          + ("正體中文的段落，有標點。" * 6).encode("big5") + b"</p>",
        "sjis-http-utf8-bom.html": b"\x05\x00" + b"\xef\xbb\xbf<p>"
                                   + "日本語の文章です。".encode() * 6 + b"</p>",
        "utf16le.html": b"\x07\x00" + b"\xff\xfe" + "<p>UTF-16 page text.</p>".encode("utf-16le"),
        "binary.html": b"\x00\x00" + bytes(range(256)),
        "empty.html": b"\x00\x00",
        "spam-after-html.html": b"\x01\x00" + en + "\n<p>澳门赌场 在线博彩 百家乐 六合彩</p>".encode(),
    }
    return seeds


def page_big_seeds():
    # pages of 18 KiB to 1 MiB by repetition (h1 == 0xFF): slow under ASan
    # (about a second per MiB), so apart from corpus/page: replayed by ctest,
    # given to campaigns, left out of the smoke run
    en = (b"<html><head><title>Harbour museum</title></head><body><div class=menu>Home | News"
          b" | Sport</div><p>By Jane Doe</p><p>The old warehouse by the harbour opens next "
          b"month as a children's science museum, after three years of work.</p>"
          b"<p>Copyright (c) 2024. All rights reserved.</p></body></html>")
    return {
        "article-en-x64.html": b"\x61\xff" + en,
        # a 1 MiB page of paragraphs (whole documents repeated are slow in
        # libxml2: each one after </html> gets a parser of its own)
        "paragraphs-1mib.html": b"\xf9\xff" + b"<p>The old warehouse by the harbour opens "
                                b"next month as a <b>science museum</b>.</p>\n",
        "deep-x4096.html": b"\xc0\xff" + b"<div><span>",
        "attrs-x1024.html": b"\xa0\xff" + b"<p a=1 b=2 c=3 d=4 e=5 f=6 g=7 h=8>x",
    }


def decode_seeds():
    # header: bit 0 HTML, bit 1 a Content-Type line follows, bits 2-7 k:
    # output cap 16 * k bytes (0: 1 MiB)
    zh = "北京时间今天上午，记者从有关部门获悉，相关工作正在有序推进。"
    seeds = {
        "utf8-plain.txt": b"\x00" + "naïve café 中文 テキスト\n".encode(),
        "utf8-bom.txt": b"\x00" + b"\xef\xbb\xbf" + "BOM text 正文".encode(),
        "utf16le-bom.txt": b"\x00" + b"\xff\xfe" + "UTF-16 LE 正文".encode("utf-16-le"),
        "utf16be-nobom.txt": b"\x00" + "UTF-16 BE no BOM text".encode("utf-16-be"),
        "gbk-http-label.txt": b"\x02" + b"text/plain; charset=GBK\n" + zh.encode("gbk"),
        "gbk-meta.html": (b"\x01" + b'<html><head><meta charset="gb2312"></head><body>'
                          + zh.encode("gbk") + b"\x80</body></html>"),
        "big5-http-quoted.html": (b"\x03" + b'text/html; charset="big5"\n<p>'
                                  + "繁體中文的正文內容。".encode("big5") + b"</p>"),
        "sjis-undeclared.txt": b"\x00" + "日本語のテキストです。カタカナも。".encode("shift_jis"),
        "eucjp-meta.html": (b"\x01" + b'<meta http-equiv="content-type" '
                            b'content="text/html;charset=euc-jp">'
                            + "日本語のテキスト".encode("euc_jp")),
        "iso2022jp.txt": (b"\x02" + b"text/plain; charset=iso-2022-jp\n"
                          + "日本語テキスト、そして ASCII".encode("iso2022_jp")
                          + b"\x1b$B"),  # ends in the JIS shift state
        "euckr.txt": b"\x00" + "한국어 텍스트입니다. 기사 본문.".encode("euc_kr"),
        "cp1251-label-lie.txt": (b"\x02" + b"text/plain; charset=utf-8\n"
                                 + "Русский текст в кодировке 1251.".encode("cp1251")),
        "koi8r.txt": b"\x00" + "Русский текст в кодировке KOI8-R.".encode("koi8_r"),
        "latin1-label.txt": (b"\x02" + b"text/plain; charset=latin1\n"
                             + "Français, déjà vu, garçon.".encode("latin-1")),
        "unknown-label.txt": b"\x02" + b"text/plain; charset=x-unknown-thing\nplain",
        "replacement-label.txt": b"\x02" + b"text/html; charset=iso-2022-kr\nabc",
        "nuls-and-cap.txt": b"\x04" + b"a\x00b\x00\x00" + "长".encode() * 20,
        "invalid-utf8.txt": b"\x00" + b"ok \xff\xfe \xed\xa0\x80 \xc0\xaf \xf4\x90\x80\x80 \xe4\xb8",
        "gb18030-4byte.txt": (b"\x02" + b"text/plain; charset=gb18030\n"
                              + "emoji 😀 and 中文".encode("gb18030")),
        "meta-after-1024.html": b"\x01" + b"<!--" + b"x" * 1100 + b'--><meta charset="big5">',
        "empty.txt": b"\x00",
        "utf16-odd.txt": b"\x00" + b"\xfe\xff\x00a\x00",
    }
    return seeds


# ---- dictionaries -------------------------------------------------------

CLEAN_TOKENS = [
    # separators and punctuation the features count
    "|", " | ", "｜", "丨", "、", "·", "•", "›", "»", "> ", " > ", " / ", "_", "・",
    "，", "。", "！", "？", "…", "：", ": ", "；", "(", ")", "【", "】", "《", "》",
    "「", "」", "\u3000", "\u00a0", "\u200b", "\ufeff", "\r\n", "\n\n", "\n",
    # bytes the repair step replaces
    b"\x00", b"\xff", b"\xed\xa0\x80", b"\xe4\xb8", b"\xc0\xaf", b"\xf4\x90\x80\x80",
    # UI words (chrome)
    "首页", "当前位置：", "分享到：", "字号：大 中 小", "返回顶部", "相关阅读", "上一篇：",
    "下一篇：", "版权所有 ©", "京ICP备12345678号", "登录", "注册", "评论", "广告",
    "Home > ", "Share", "Print", "Subscribe", "Sign in", "Advertisement", "Read more",
    "Copyright (c) 2024", "All rights reserved.", "ホーム", "홈", "공유하기",
    # metadata lines and date shapes
    "來源:", "来源：", "责任编辑：", "编辑：", "作者：", "记者 ", "发布时间：", "By ",
    "Source: ", "Author: ", "2024-11-20 09:58", "2024-11-20", "2024/11/20 9:58",
    "2024年11月20日", "09:58:07", "2024.11.20", "Nov 20, 2024", "20 November 2024",
    "2024-11-20T09:58",
    # spam vocabulary and sentence shapes
    "澳门赌场", "在线博彩", "百家乐", "六合彩", "在线观看", "免费下载", "代开发票",
    "casino", "poker", "porn", "这是一个完整的句子，有逗号也有句号。",
    "This is a complete sentence, with a comma and a full stop.",
]

READER_TOKENS = [
    '{"text":', '{"id":', '"id":', '"text":', '"metadata":{', '"metadata":',
    '"title":', '"date":', '"source":', "\\u0000", "\\ud800", "\\udc00",
    "\\ud83d\\ude00", "\\uFFFD", "\\\\", '\\"', "\\n", "\\/", "{", "}",
    "[", "]", ",", ":", '""', "null", "true", "false", "1e999", "-0",
    "12345678901234567890", "9007199254740993", "1.5", "\n", "\r\n", "\r",
    "\ufeff", b"\x00", b"\xff", " \t", '{"text":"a"}\n', '{"id":1,"text":"x","metadata":{}}\n',
]


WARC_TOKENS = [
    "WARC/1.1\r\n", "WARC/1.0\r\n", "WARC/1.", "WARC-Type: ", "response", "request",
    "warcinfo", "metadata", "resource", "revisit", "conversion", "continuation",
    "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n",
    "WARC-Target-URI: ", "WARC-Date: ", "WARC-Truncated: length\r\n", "Content-Length: ",
    "Content-Type: application/http;msgtype=response\r\n", "Content-Type: ",
    "\r\n\r\n", "\r\n", "\n", " \t", ": ",
    "HTTP/1.1 200 OK\r\n", "HTTP/1.0 404 Not Found\r\n", "Transfer-Encoding: chunked\r\n",
    "Content-Encoding: ", "gzip", "x-gzip", "deflate", "br", "zstd", "identity", "chunked",
    "X-Crawler-Content-Encoding: gzip\r\n", "text/html; charset=utf-8", "charset=",
    "0\r\n\r\n", "ffffffffffffffff\r\n", "18446744073709551616",
    b"\x1f\x8b\x08\x00", b"\x28\xb5\x2f\xfd", b"\x50\x2a\x4d\x18", b"\x5d\x2a\x4d\x18",
    b"\x78\x9c", b"\x00", b"\xff",
]

HTML_TOKENS = [
    "<html>", "</html>", "<head>", "</head>", "<body>", "</body>", "<title>", "</title>",
    "<p>", "</p>", "<div>", "</div>", "<br>", "<br/>", "<pre>", "</pre>", "<li>", "<ul>",
    "</ul>", "<table>", "<tr>", "<td>", "<th>", "</td>", "<a href=x>", "</a>", "<script>",
    "</script>", "<style>", "</style>", "<noscript>", "<template>", "<svg>", "</svg>",
    "<listing>", "<xmp>", "<plaintext>", "<select>", "<option>", "<dl>", "<dt>", "<dd>",
    "<!--", "-->", "<!DOCTYPE html>", "<![CDATA[", "]]>", "<?", "</", "<meta charset=\"gbk\">",
    "&nbsp;", "&amp;", "&#0;", "&#x10FFFF;", "&lt;", "\u00a0", "\u3000", "\ufeff",
    "\r\n", "\t", b"\x00", b"\xff", b"\xe4\xb8",
]

DECODE_TOKENS = [
    "text/html; charset=", "charset=", "\"", "utf-8", "gbk", "gb2312", "gb18030", "big5",
    "shift_jis", "euc-jp", "iso-2022-jp", "euc-kr", "windows-1251", "koi8-r", "latin1",
    "utf-16le", "utf-16be", "x-user-defined", "iso-2022-kr", "<meta charset=",
    "<meta http-equiv=\"content-type\" content=\"text/html; charset=", "<!--", "-->",
    b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x1b$B", b"\x1b(B", b"\x00",
    b"\x80", b"\x81\x30\x81\x30", b"\xa4\x40", b"\x82\xa0",
]


def dict_escape(tok):
    """A token (str, or bytes for invalid UTF-8) as libFuzzer wants it:
    printable ASCII in quotes, everything else as \\xNN."""
    raw = tok if isinstance(tok, bytes) else tok.encode("utf-8")
    out = []
    for b in raw:
        if b in b'"\\':
            out.append("\\" + chr(b))
        elif 0x20 <= b < 0x7F:
            out.append(chr(b))
        else:
            out.append("\\x%02X" % b)
    return '"' + "".join(out) + '"'


def lexicon_terms(per_category=6):
    d = os.path.join(HERE, "..", "data", "lexicon")
    terms = []
    for name in sorted(os.listdir(d)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(d, name), encoding="utf-8") as f:
            words = [w.strip() for w in f if w.strip() and not w.startswith("#")]
        # a few from the start (Chinese) and the end (English) of each file
        picks = words[:per_category // 2] + words[-(per_category - per_category // 2):]
        terms += [(name[:-4], w) for w in dict.fromkeys(picks)]
    return terms


def write_dict(name, header, tokens):
    d = os.path.join(HERE, "dict")
    os.makedirs(d, exist_ok=True)
    lines = ["# " + line for line in header.splitlines()]
    lines.append("# generated by fuzz/make_corpus.py, do not edit")
    seen = set()
    for label, tok in tokens:
        esc = dict_escape(tok)
        if esc in seen:
            continue
        seen.add(esc)
        shown = tok if isinstance(tok, str) and tok.isprintable() else repr(tok)
        lines.append("# %s: %s" % (label, shown) if label else "# " + shown)
        lines.append(esc)
    with open(os.path.join(d, name), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{d}/{name}: {len(seen)} tokens")


# ---- recovery ------------------------------------------------------------

RECOVERY_BOXES = ("plain", "gz-members", "gz-whole", "zst-frames", "zst-whole")
RECOVERY_WHAT = ("lie", "header", "trailer", "cut")


def recovery_seeds():
    """fuzz_recovery.c: 8 header bytes (container, K, which record, what and
    cap and feed size, a parameter), then body seed bytes. Each container
    with each corruption, both caps; each of the nine lies (p % 9) in the
    plain and whole-gzip containers."""
    seeds = {}
    for box, bname in enumerate(RECOVERY_BOXES):
        for what, wname in enumerate(RECOVERY_WHAT):
            for cap in (0, 1):
                k = 5 + 11 * what + 3 * box  # records: 7 .. 45 (K = 2 + d[1] % 31)
                d3 = what | cap << 2 | ((box + what) % 32) << 3
                p = 0x01020304 * (1 + box + 5 * what) + cap
                head = struct.pack("<BBBBI", box, k, (k + box) // 2, d3, p)
                seeds[f"{bname}-{wname}-cap{cap}"] = head + bytes(range(box * 16, box * 16 + 16))
    for lie in range(9):
        for box in (0, 2):
            d3 = 0 | 1 << 2 | lie << 3  # the 1 KiB cap
            p = lie + 9 * (37 + 100 * lie)
            head = struct.pack("<BBBBI", box, 28, 3, d3, p)
            seeds[f"lie{lie}-{RECOVERY_BOXES[box]}"] = head + b"lie%d" % lie
    return seeds


def write(target, seeds):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    for name, data in sorted(seeds.items()):
        assert len(data) <= 8192, name
        with open(os.path.join(d, "seed-" + name), "wb") as f:
            f.write(data)
    print(f"{d}: {len(seeds)} seeds")


def main():
    write("clean", clean_seeds())
    write("reader", reader_seeds())
    write("warc", warc_seeds())
    write("html", html_seeds())
    write("decode", decode_seeds())
    write("page", page_seeds())
    write("page-big", page_big_seeds())
    write("recovery", recovery_seeds())
    write_dict("clean.dict", "Tokens for fuzz_clean: separators, UI words, metadata lines,\n"
               "date shapes, spam vocabulary, lexicon terms, bytes the repair replaces.",
               [("", t) for t in CLEAN_TOKENS] + lexicon_terms())
    write_dict("reader.dict", "Tokens for fuzz_reader: JSONL structure, escapes, ids.",
               [("", t) for t in READER_TOKENS])
    write_dict("warc.dict", "Tokens for fuzz_warc: WARC and HTTP framing, codings, magics.",
               [("", t) for t in WARC_TOKENS])
    write_dict("html.dict", "Tokens for fuzz_html: tags the text pass treats specially.",
               [("", t) for t in HTML_TOKENS])
    write_dict("decode.dict", "Tokens for fuzz_decode: charset labels, BOMs, legacy bytes.",
               [("", t) for t in DECODE_TOKENS])
    write_dict("page.dict", "Tokens for fuzz_page: markup, charset labels, page vocabulary.",
               [("", t) for t in HTML_TOKENS + DECODE_TOKENS + CLEAN_TOKENS])
    return 0


if __name__ == "__main__":
    sys.exit(main())
