#!/usr/bin/python3
"""gen_charset.py - the multi-charset page set of winnow_clean_bytes.

Usage:
  /usr/bin/python3 tests/charset/gen_charset.py OUTDIR       write the set
  /usr/bin/python3 tests/charset/gen_charset.py --check DIR  exit 1 unless DIR
                                                             holds exactly what
                                                             would be written

For every input NAME it writes:
  NAME.html or NAME.txt   the bytes, in the input's own charset
  NAME.expected.txt       UTF-8: line 1 the <title> winnow must report ("" for
                          plain text), then one line per article paragraph that
                          the clean text must contain
and manifest.tsv, one input a line, TAB-separated:
  NAME  FILE  CONTENT  HTTP-CONTENT-TYPE  CHARSET  SOURCE
CONTENT is "html" or "plain"; HTTP-CONTENT-TYPE is "-" when there is none;
CHARSET the WHATWG Encoding Standard name of the charset winnow must decide;
SOURCE how: bom, http, meta, detected, default or label_overridden.

The sentences were written for this set. Only standard-library codecs are
used and the output does not depend on the machine, so the committed files
are reproduced byte for byte (test_clean_bytes runs --check).
"""
import os
import sys

# ---- articles ----------------------------------------------------------------
# Each: title, headline, paragraphs, navigation words, footer line.

ZH_HANS = {
    "title": "山区小镇开通首条公交线路 - 青禾日报",
    "h1": "山区小镇开通首条公交线路",
    "paras": [
        "本报讯 经过半年的筹备，位于县城西北的青禾镇本周一正式开通了第一条公交线路，"
        "全程二十六公里，沿途设有十四个站点，每天往返八个班次。",
        "镇政府负责人介绍，过去村民进城看病、购物大多依靠摩托车或者搭乘私人面包车，"
        "遇到雨雪天气出行十分不便，新线路开通后票价统一为三元，老年人可以免费乘坐。",
        "首班车上，不少老人带着自家种的蔬菜和鸡蛋去县城的集市出售，他们笑着说，"
        "以后再也不用天不亮就起床赶路了。",
    ],
    "nav": ["首页", "本地新闻", "社会", "图片"],
    "footer": "版权所有 青禾日报社 未经许可不得转载",
}

# Characters outside GBK: a CJK Extension A ideograph, one from Extension B
# (a 4-byte GB18030 sequence) and an emoji.
ZH_GB18030_PARA = (
    "编者按：本文还收录了几个罕见字，例如“㐂”“𠀋”，以及一个笑脸符号😊，"
    "用来检验四字节编码的文字能否完整保留下来。"
)

ZH_HANT = {
    "title": "茶園迎來春茶採收季 - 山嵐新聞網",
    "h1": "茶園迎來春茶採收季",
    "paras": [
        "【記者林雅婷／南投報導】清明節前後，南投鹿谷一帶的茶園進入春茶採收的高峰，"
        "清晨山間雲霧繚繞，採茶工人背著竹簍在茶行之間忙碌地摘取嫩芽。",
        "茶農表示，今年冬天雨量充足，氣溫也比往年穩定，茶葉的香氣和口感都相當出色，"
        "預計產量可以比去年增加將近兩成，價格則維持平穩。",
        "為了吸引年輕族群，部分茶廠開放民眾預約體驗製茶過程，從萎凋、炒菁到揉捻，"
        "讓遊客親手完成一包屬於自己的烏龍茶。",
    ],
    "nav": ["首頁", "地方", "生活", "旅遊"],
    "footer": "山嵐新聞網 版權所有",
}

JA = {
    "title": "離島を結ぶ新しいフェリーが就航 | みなと新報",
    "h1": "離島を結ぶ新しいフェリーが就航",
    "paras": [
        "県の南部にある三つの島と本土の港を結ぶ新しいフェリーが、今月から運航を始めました。"
        "これまでより所要時間が二十分ほど短くなり、一日六便が行き来します。",
        "船内には車いすのまま利用できる客室や、小さな子ども連れの家族のための授乳室が"
        "設けられ、島に住むお年寄りからも乗りやすくなったと喜ぶ声が聞かれました。",
        "運航会社によりますと、夏休みの期間は臨時便を増やす予定で、観光客の増加による"
        "地元の商店や民宿への経済効果も期待されています。",
    ],
    "nav": ["トップ", "地域", "経済", "写真"],
    "footer": "みなと新報社 無断転載を禁じます",
}

KO = {
    "title": "전통시장에 청년 상인들이 모인다 - 한빛일보",
    "h1": "전통시장에 청년 상인들이 모인다",
    "paras": [
        "오래된 전통시장 골목에 최근 젊은 상인들이 운영하는 작은 가게들이 하나둘 문을 열면서 "
        "주말마다 시장을 찾는 방문객이 눈에 띄게 늘고 있습니다.",
        "시장 상인회는 빈 점포를 저렴한 임대료로 청년들에게 빌려주고, 간판과 조명을 새로 "
        "바꾸는 사업을 구청과 함께 진행해 왔다고 설명했습니다.",
        "이곳에서 수제 과자 가게를 운영하는 한 상인은 손님들이 떡집과 반찬 가게에도 함께 "
        "들르면서 시장 전체에 활기가 돌아왔다고 말했습니다.",
    ],
    "nav": ["홈", "사회", "경제", "지역"],
    "footer": "한빛일보 무단 전재 및 재배포 금지",
}

FR_DE = {
    "title": "Le marché couvert rouvre ses portes – Gazette du Rhône",
    "h1": "Le marché couvert rouvre ses portes",
    "paras": [
        "Après dix-huit mois de travaux, le marché couvert de la place Sainte-Claire a "
        "rouvert ce samedi. Les étals de fromages, de poissons et de légumes ont retrouvé "
        "leur place sous la grande verrière restaurée, pour un coût total de 4,2 millions d’euros.",
        "« Nous avons gardé l’âme du lieu tout en améliorant l’isolation et l’éclairage », "
        "explique l’architecte chargée du chantier, qui a dû remplacer près de trois cents "
        "vitres abîmées par la grêle.",
        "Auf Deutsch: Die Händler zeigten sich über die Rückkehr sehr erfreut. Viele Stammkunden "
        "kamen schon früh am Morgen, um Brot, Käse und frisches Gemüse zu kaufen; der Preis "
        "für ein Kilo Äpfel lag bei 2,50 €.",
    ],
    "nav": ["Accueil", "Ville", "Culture", "Sports"],
    "footer": "© Gazette du Rhône – tous droits réservés",
}

RU = {
    "title": "В городском парке открылась новая библиотека — Вечерний вестник",
    "h1": "В городском парке открылась новая библиотека",
    "paras": [
        "В субботу в центральном парке города открылась небольшая библиотека под открытым "
        "небом. Книги стоят на деревянных полках под навесом, и любой посетитель может взять "
        "их почитать прямо на скамейке у пруда.",
        "По словам организаторов, большую часть книг принесли сами жители: за две недели "
        "собрали более полутора тысяч томов, от детских сказок до учебников по истории и "
        "сборников стихов.",
        "Летом в библиотеке будут проходить чтения для детей и встречи с местными писателями, "
        "а зимой полки перенесут в тёплый павильон рядом с катком.",
    ],
    "nav": ["Главная", "Город", "Культура", "Спорт"],
    "footer": "© Вечерний вестник, все права защищены",
}

PL_CS = {
    "title": "Nowy most łączy oba brzegi rzeki - Głos Regionu",
    "h1": "Nowy most łączy oba brzegi rzeki",
    "paras": [
        "W czwartek oddano do użytku nowy most pieszo-rowerowy, który łączy stare miasto z "
        "osiedlem po drugiej stronie rzeki. Przeprawa ma sto dwadzieścia metrów długości i "
        "jest oświetlona przez całą noc.",
        "Mieszkańcy chwalą inwestycję, bo dotąd musieli nadkładać prawie dwa kilometry drogi. "
        "Zimą most będzie odśnieżany jako jeden z pierwszych w mieście, zapewniają urzędnicy.",
        "Česky: Nový most přes řeku byl otevřen ve čtvrtek odpoledne. Obyvatelé se na něj "
        "těšili několik let, protože cesta do města jim dosud trvala téměř půl hodiny.",
    ],
    "nav": ["Strona główna", "Region", "Kultura", "Sport"],
    "footer": "Głos Regionu, wszelkie prawa zastrzeżone",
}

MIXED = {
    "title": "Ein Fest der Sprachen · 多语言节 · Праздник языков",
    "h1": "Ein Fest der Sprachen",
    "paras": [
        "Am Wochenende feierte die Stadtbibliothek ihr Sprachenfest mit Lesungen in mehr als "
        "zwanzig Sprachen, von Arabisch bis Walisisch, und mit einem Büchertausch im Innenhof.",
        "来自各国的志愿者用自己的母语朗读童话故事，孩子们围坐在地毯上，听得十分入神，"
        "活动结束后还一起学习写简单的汉字。",
        "Гости праздника могли попробовать угощения разных стран и записаться на бесплатные "
        "курсы иностранных языков, которые начнутся осенью.",
    ],
    "nav": ["Start", "Programm", "Kontakt"],
    "footer": "Stadtbibliothek – Impressum",
}

ES_ZH = {
    "title": "La ciudad estrena un carril bici junto al río",
    "h1": "La ciudad estrena un carril bici junto al río",
    "paras": [
        "El nuevo carril bici, de casi siete kilómetros, recorre la orilla del río desde el "
        "puerto hasta el parque de la Alameda y ya lo usan cada mañana cientos de vecinos "
        "que van a trabajar o a estudiar.",
        "El ayuntamiento ha plantado más de mil árboles a lo largo del trayecto y ha "
        "instalado fuentes de agua potable y aparcamientos seguros cada quinientos metros.",
        "沿河新建的自行车道全长将近七公里，市民骑车上班只要二十分钟，周末还有不少家庭带着孩子来这里骑行。",
    ],
    "nav": ["Inicio", "Ciudad", "Deportes"],
    "footer": "© Diario del Puerto",
}

# ---- pages ---------------------------------------------------------------------

META_CHARSET = '<meta charset="{}">'
META_HTTP_EQUIV = '<meta http-equiv="Content-Type" content="text/html; charset={}">'


def page(art, head_extra=""):
    nav = " | ".join('<a href="/s{}">{}</a>'.format(i, w) for i, w in enumerate(art["nav"]))
    paras = "\n".join("<p>{}</p>".format(p) for p in art["paras"])
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n{head}<title>{title}</title>\n"
        '<meta name="viewport" content="width=device-width">\n'
        "<style>body {{ font-family: serif; }} .nav a {{ margin: 0 4px; }}</style>\n"
        "</head>\n<body>\n"
        '<div class="nav">{nav}</div>\n'
        "<article>\n<h1>{h1}</h1>\n{paras}\n</article>\n"
        '<div class="footer">{footer}</div>\n'
        "<script>var views = 0; if (views < 1) {{ views++; }}</script>\n"
        "</body>\n</html>\n"
    ).format(head=head_extra + "\n" if head_extra else "", title=art["title"],
             nav=nav, h1=art["h1"], paras=paras, footer=art["footer"])


def with_para(art, extra):
    out = dict(art)
    out["paras"] = art["paras"] + [extra]
    return out


def plain(art):
    return art["h1"] + "\n\n" + "\n\n".join(art["paras"]) + "\n"


# name, content, file bytes maker, codec, BOM, HTTP content type, charset, source, article
# The codec is Python's; (charset, source) is what winnow must decide.
def inputs():
    gb = with_para(ZH_HANS, ZH_GB18030_PARA)
    return [
        # labelled correctly by <meta>
        ("gbk_meta", "html", page(ZH_HANS, META_CHARSET.format("gbk")), "gbk", b"", None,
         "GBK", "meta", ZH_HANS),
        ("gb18030_meta", "html", page(gb, META_CHARSET.format("GB18030")), "gb18030", b"", None,
         "gb18030", "meta", gb),
        ("big5_meta", "html", page(ZH_HANT, META_CHARSET.format("big5")), "big5", b"", None,
         "Big5", "meta", ZH_HANT),
        ("shift_jis_meta", "html", page(JA, META_HTTP_EQUIV.format("Shift_JIS")), "shift_jis",
         b"", None, "Shift_JIS", "meta", JA),
        ("euc_kr_meta", "html", page(KO, META_CHARSET.format("euc-kr")), "euc_kr", b"", None,
         "EUC-KR", "meta", KO),
        ("windows_1252_meta", "html", page(FR_DE, META_CHARSET.format("windows-1252")), "cp1252",
         b"", None, "windows-1252", "meta", FR_DE),
        ("iso_8859_2_meta", "html", page(PL_CS, META_HTTP_EQUIV.format("ISO-8859-2")),
         "iso8859_2", b"", None, "ISO-8859-2", "meta", PL_CS),
        # labelled by HTTP only
        ("euc_jp_http", "html", page(JA), "euc_jp", b"", "text/html; charset=EUC-JP", "EUC-JP",
         "http", JA),
        ("windows_1251_http", "html", page(RU), "cp1251", b"", "text/html;charset=windows-1251",
         "windows-1251", "http", RU),
        ("big5_http_over_meta", "html", page(ZH_HANT, META_CHARSET.format("utf-8")), "big5", b"",
         'text/html; charset="Big5"', "Big5", "http", ZH_HANT),
        # byte order marks (the BOM wins over any label)
        ("utf16le_bom", "html", page(MIXED, META_CHARSET.format("utf-16")), "utf-16-le",
         b"\xff\xfe", None, "UTF-16LE", "bom", MIXED),
        ("utf8_bom", "html", page(ES_ZH, META_CHARSET.format("windows-1252")), "utf-8",
         b"\xef\xbb\xbf", "text/html; charset=iso-8859-1", "UTF-8", "bom", ES_ZH),
        # mislabelled
        ("gbk_labelled_utf8", "html", page(ZH_HANS, META_CHARSET.format("utf-8")), "gbk", b"",
         None, "gb18030", "label_overridden", ZH_HANS),
        ("utf8_labelled_latin1", "html", page(FR_DE, META_CHARSET.format("ISO-8859-1")), "utf-8",
         b"", None, "UTF-8", "label_overridden", FR_DE),
        ("utf8_http_latin1", "html", page(RU), "utf-8", b"", "text/html; charset=ISO-8859-1",
         "UTF-8", "label_overridden", RU),
        # no label at all
        ("gbk_unlabelled", "html", page(ZH_HANS), "gbk", b"", None, "gb18030", "detected",
         ZH_HANS),
        ("shift_jis_unlabelled", "html", page(JA), "shift_jis", b"", "text/html", "Shift_JIS",
         "detected", JA),
        ("utf8_unlabelled", "html", page(MIXED), "utf-8", b"", None, "UTF-8", "detected", MIXED),
        # plain text
        ("plain_gbk", "plain", plain(ZH_HANS), "gbk", b"", "text/plain", "gb18030", "detected",
         ZH_HANS),
        ("plain_windows_1251_http", "plain", plain(RU), "cp1251", b"",
         "text/plain; charset=windows-1251", "windows-1251", "http", RU),
    ]


def render_all():
    """{file name: bytes} of the whole set."""
    files = {}
    manifest = []
    for name, content, text, codec, bom, ctype, charset, source, art in inputs():
        fname = name + (".html" if content == "html" else ".txt")
        files[fname] = bom + text.encode(codec)  # strict: every character must fit
        title = art["title"] if content == "html" else ""
        files[name + ".expected.txt"] = (title + "\n" + "\n".join(art["paras"]) + "\n").encode()
        manifest.append("\t".join([name, fname, content, ctype or "-", charset, source]))
    files["manifest.tsv"] = ("\n".join(manifest) + "\n").encode()
    return files


def main(argv):
    if len(argv) == 3 and argv[1] == "--check":
        files, bad = render_all(), 0
        present = set(os.listdir(argv[2]))
        for f in sorted(present - set(files)):
            print("unexpected file", f)
            bad += 1
        for f, data in sorted(files.items()):
            try:
                with open(os.path.join(argv[2], f), "rb") as fh:
                    same = fh.read() == data
            except OSError:
                same = False
            if not same:
                print("differs from the generator:", f)
                bad += 1
        return 1 if bad else 0
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    os.makedirs(argv[1], exist_ok=True)
    for f, data in render_all().items():
        with open(os.path.join(argv[1], f), "wb") as fh:
            fh.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
