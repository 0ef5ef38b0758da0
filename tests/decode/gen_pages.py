#!/usr/bin/python3
"""gen_pages.py - write the multi-charset HTML test set for src/decode.

Usage: /usr/bin/python3 tests/decode/gen_pages.py OUTDIR

Writes, for every page NAME:
  OUTDIR/NAME.html          the page's bytes, in the page's own charset
  OUTDIR/NAME.expected.txt  UTF-8 lines, each of which the converted page
                            must contain
and OUTDIR/manifest.tsv, one page a line:
  NAME <TAB> http-content-type or "-" <TAB> charset <TAB> source <TAB> label
where charset is the WHATWG Encoding Standard's name (§4.2) of the decision,
source one of bom, http, meta, detected, default, label_overridden, and
label the label the page carries as written ("-" when none or when a BOM
decided).

Standard library codecs only; the text is written here by hand, so the set
needs no downloads and regenerates byte-identically.
"""
import os
import sys

# ---- text, written for these tests ---------------------------------------
ZH_HANS = [
    "北京时间昨天晚上，国家统计局发布了最新的经济数据。数据显示，今年前三个季度"
    "国内生产总值同比增长百分之五点二，消费和投资保持稳定增长。",
    "专家表示，随着一系列稳增长政策的落地见效，经济运行总体回升向好，但仍需关注"
    "外部环境的不确定性。",
    "记者在北京、上海和广州等地的商场看到，周末前来购物的市民明显增多，餐饮和"
    "电影等服务消费也十分活跃。",
]
# Characters only GB18030 has (4-byte sequences, one with ASCII-digit bytes
# inside: U+3400 is 81 39 EF 30), plus a supplementary-plane emoji.
ZH_GB18030_EXTRA = "扩展字符测试：㐀䶮和表情😀都应该正确显示。"
ZH_HANT = [
    "臺灣的夏天非常炎熱，許多民眾選擇到海邊或山區避暑。氣象局提醒，午後容易出現"
    "雷陣雨，外出時請記得攜帶雨具。",
    "這個週末，臺北市政府將在河濱公園舉辦音樂節，歡迎全家大小一起參加，現場還有"
    "各種美食攤位與手工藝品展覽。",
    "許多遊客表示，這裡的風景優美，交通方便，是值得再來一次的好地方。",
]
ZH_HKSCS_EXTRA = "香港茶餐廳的奶茶好好飲㗎，大家都鍾意。"  # 㗎 is HKSCS-only
JA = [
    "東京では今日、桜の花が満開になりました。多くの人々が公園に集まり、花見を"
    "楽しんでいます。気象庁によると、今週末まで見頃が続く見込みです。",
    "ひらがなとカタカナ、そして漢字を使った文章のテストです。ソフトウェアの表示"
    "が正しいかどうか確認してください。",
    "駅前の商店街では、地元の特産品を使ったお弁当や和菓子が販売され、観光客に"
    "人気を集めています。",
]
JA_CP932_EXTRA = "第①章と第②章を読んでください。"  # NEC row 13: CP932 only
KO = [
    "서울의 날씨는 오늘 맑고 따뜻하겠습니다. 오후에는 기온이 이십오 도까지 "
    "올라가겠으며, 저녁부터는 구름이 많아지겠습니다.",
    "한국어 문장을 이용한 문자 인코딩 시험입니다. 주말에는 많은 시민들이 한강 "
    "공원에서 산책과 자전거 타기를 즐겼습니다.",
    "전문가들은 당분간 일교차가 크겠으니 건강 관리에 유의해야 한다고 말했습니다.",
]
KO_CP949_EXTRA = "똠양꿍은 맛있는 태국 음식입니다."  # 똠 is outside KS X 1001
FR = [
    "Le château de Versailles a accueilli cet été plus de huit millions de "
    "visiteurs. « C'est une œuvre exceptionnelle », a déclaré la conservatrice, "
    "qui prévoit déjà une nouvelle exposition consacrée à l'époque de Louis XIV.",
    "Le billet d'entrée coûte désormais 21 € pour les adultes ; l'accès reste "
    "gratuit pour les moins de dix-huit ans et les étudiants européens.",
]
DE = [
    "Die Straßenbahn fährt künftig auch am Wochenende öfter. Der Bürgermeister "
    "erklärte, dass die Änderungen für alle Fahrgäste gelten und die Preise "
    "gleich bleiben.",
    "Außerdem sollen die Haltestellen bis zum nächsten Frühjahr barrierefrei "
    "umgebaut werden, wofür die Stadt über zwölf Millionen Euro ausgibt.",
]
RU = [
    "Сегодня в Москве прошла большая выставка современного искусства. "
    "Организаторы сообщили, что её посетили более десяти тысяч человек.",
    "Погода в выходные будет тёплой и солнечной, а в начале следующей недели "
    "синоптики обещают небольшие дожди и усиление ветра.",
    "Жители города с удовольствием гуляли по набережной и паркам, "
    "фотографировали цветы и отдыхали с детьми.",
]
EN = [
    "The quick brown fox jumps over the lazy dog while the council debates "
    "the new library opening hours for the winter season.",
]


def html(paras, head_extra="", title="Test page"):
    body = "\n".join("<p>%s</p>" % p for p in paras)
    return ("<!DOCTYPE html>\n<html>\n<head>\n%s<title>%s</title>\n</head>\n"
            "<body>\n<div class=\"article\">\n%s\n</div>\n</body>\n</html>\n"
            % (head_extra, title, body))


def meta(label):
    return '<meta charset="%s">\n' % label


def http_equiv(label):
    return ('<meta http-equiv="Content-Type" content="text/html; '
            'charset=%s">\n' % label)


# (name, paragraphs, python codec, head, http content type, charset, source,
#  prefix bytes)
PAGES = [
    # correctly labelled with <meta charset>
    ("gbk_meta", ZH_HANS, "gbk", meta("gbk"), None, "GBK", "meta"),
    ("gb18030_meta", ZH_HANS + [ZH_GB18030_EXTRA], "gb18030", meta("GB18030"),
     None, "gb18030", "meta"),
    ("big5_meta", ZH_HANT, "big5", meta("big5"), None, "Big5", "meta"),
    ("sjis_meta", JA + [JA_CP932_EXTRA], "cp932", meta("Shift_JIS"), None,
     "Shift_JIS", "meta"),
    ("eucjp_meta", JA, "euc_jp", meta("EUC-JP"), None, "EUC-JP", "meta"),
    ("euckr_meta", KO, "euc_kr", meta("euc-kr"), None, "EUC-KR", "meta"),
    ("cp1252_fr_meta", FR, "cp1252", meta("iso-8859-1"), None,
     "windows-1252", "meta"),  # latin1 label -> windows-1252 (œ and € decode)
    ("cp1251_meta", RU, "cp1251", meta("windows-1251"), None, "windows-1251",
     "meta"),
    # labelled with http-equiv (attributes in other orders and quoting)
    ("gb2312_httpequiv", ZH_HANS, "gbk", http_equiv("gb2312"), None, "GBK",
     "meta"),
    ("big5hkscs_httpequiv", ZH_HANT + [ZH_HKSCS_EXTRA], "big5hkscs",
     "<meta content='text/html; charset=big5-hkscs' http-equiv=content-type>\n",
     None, "Big5", "meta"),
    ("sjis_httpequiv", JA, "cp932",
     '<META HTTP-EQUIV="Content-Type" CONTENT="text/html;charset=x-sjis">\n',
     None, "Shift_JIS", "meta"),
    ("ksc_httpequiv", KO + [KO_CP949_EXTRA], "cp949",
     http_equiv("ks_c_5601-1987"), None, "EUC-KR", "meta"),
    ("koi8r_httpequiv", RU, "koi8_r", http_equiv("koi8-r"), None, "KOI8-R",
     "meta"),
    ("cp1252_de_httpequiv", DE, "cp1252", http_equiv("windows-1252"), None,
     "windows-1252", "meta"),
    # labelled by the HTTP header (which wins over <meta>)
    ("sjis_http", JA, "cp932", "", "text/html; charset=\"Shift_JIS\"",
     "Shift_JIS", "http"),
    ("gbk_http_over_meta", ZH_HANS, "gbk", meta("utf-8"),
     "text/html;charset=GBK", "GBK", "http"),
    ("koi8r_http", RU, "koi8_r", "", "text/html; charset=koi8-r", "KOI8-R",
     "http"),
    # unlabelled: detected
    ("gbk_plain", ZH_HANS, "gbk", "", None, "gb18030", "detected"),
    ("big5_plain", ZH_HANT, "big5", "", None, "Big5", "detected"),
    ("sjis_plain", JA, "cp932", "", None, "Shift_JIS", "detected"),
    ("eucjp_plain", JA, "euc_jp", "", None, "EUC-JP", "detected"),
    ("euckr_plain", KO, "euc_kr", "", None, "EUC-KR", "detected"),
    ("cp1251_plain", RU, "cp1251", "", None, "windows-1251", "detected"),
    ("koi8r_plain", RU, "koi8_r", "", None, "KOI8-R", "detected"),
    ("cp1252_fr_plain", FR, "cp1252", "", None, "windows-1252", "detected"),
    ("utf8_plain", ZH_HANS + RU, "utf-8", "", None, "UTF-8", "detected"),
    ("ascii_plain", EN, "ascii", "", None, "UTF-8", "default"),
    # byte order marks win over every label
    ("utf16le_bom", ZH_HANS + JA, "utf-16-le", meta("gbk"), None, "UTF-16LE",
     "bom", b"\xff\xfe"),
    ("utf16be_bom", KO + RU, "utf-16-be", "", None, "UTF-16BE", "bom",
     b"\xfe\xff"),
    ("utf8_bom", ZH_HANT + FR, "utf-8", meta("windows-1252"), None, "UTF-8",
     "bom", b"\xef\xbb\xbf"),
    # mislabelled: the sanity check overrides the label
    ("gbk_as_utf8", ZH_HANS, "gbk", meta("utf-8"), None, "gb18030",
     "label_overridden"),
    ("utf8_as_gb2312", ZH_HANS, "utf-8", http_equiv("gb2312"), None, "UTF-8",
     "label_overridden"),
    ("cp1252_as_utf8", FR, "cp1252", meta("utf-8"), None, "windows-1252",
     "label_overridden"),
    ("utf8_as_latin1_http", DE + RU, "utf-8", "", "text/html; charset=ISO-8859-1",
     "UTF-8", "label_overridden"),
    # Big5 read as EUC-JP breaks on every trail byte below 0x80
    ("big5_as_eucjp", ZH_HANT, "big5", meta("euc-jp"), None, "Big5",
     "label_overridden"),
]


def label_of(head, http, source):
    """The label as written: HTTP's charset wins over <meta>'s."""
    if source == "bom":
        return "-"
    for text in (http or "", head):
        low = text.lower()
        k = low.find("charset=")
        if k >= 0:
            v = text[k + 8:].lstrip("\"'")
            end = min([i for i in (v.find(c) for c in "\"'>;") if i >= 0]
                      + [len(v)])
            return v[:end]
    return "-"


def write_page(outdir, page):
    name, paras, codec, head, http, charset, source = page[:7]
    prefix = page[7] if len(page) > 7 else b""
    data = prefix + html(paras, head).encode(codec)
    with open(os.path.join(outdir, name + ".html"), "wb") as f:
        f.write(data)
    with open(os.path.join(outdir, name + ".expected.txt"), "w",
              encoding="utf-8", newline="\n") as f:
        for p in paras:
            f.write(p + "\n")
    return "%s\t%s\t%s\t%s\t%s\n" % (name, http or "-", charset, source,
                                   label_of(head, http, source))


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: gen_pages.py OUTDIR\n")
        return 2
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    lines = [write_page(outdir, p) for p in PAGES]
    with open(os.path.join(outdir, "manifest.tsv"), "w", encoding="utf-8",
              newline="\n") as f:
        f.write("# name\thttp-content-type\tcharset\tsource\tlabel\n")
        f.writelines(lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
