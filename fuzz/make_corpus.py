#!/usr/bin/python3
"""Write the seed inputs of the fuzz targets (fuzz/corpus/clean/seed-*,
fuzz/corpus/reader/seed-*) and their libFuzzer dictionaries (fuzz/dict/).

Run from anywhere: python3 fuzz/make_corpus.py. Only files named seed-* are
written; the other files in the corpus directories (inputs the fuzzers found,
named fuzzed-*, and reproducers of fixed bugs, named crash-*) are left alone.
Seeds are small and each reaches a different corner: chrome, link farms,
metadata lines, invalid UTF-8, NULs, separators, nesting, odd JSON escapes,
the record cap (fuzz_reader.c uses 4096 bytes).

The dictionaries are generated too: libFuzzer only takes printable ASCII
between the quotes, so every UTF-8 token is written as \\xNN escapes with the
readable form in a comment. clean.dict also takes the first terms of every
lexicon in data/lexicon/: the library matches them with Hyperscan, which is
not instrumented, so coverage feedback alone would never find them.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

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
    write_dict("clean.dict", "Tokens for fuzz_clean: separators, UI words, metadata lines,\n"
               "date shapes, spam vocabulary, lexicon terms, bytes the repair replaces.",
               [("", t) for t in CLEAN_TOKENS] + lexicon_terms())
    write_dict("reader.dict", "Tokens for fuzz_reader: JSONL structure, escapes, ids.",
               [("", t) for t in READER_TOKENS])
    return 0


if __name__ == "__main__":
    sys.exit(main())
