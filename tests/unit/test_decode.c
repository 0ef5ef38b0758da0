/* Unit tests of src/decode: labels, the HTTP and <meta> prescan, the
 * charset decision with its sanity check, and conversion to UTF-8 with
 * replacement, NULs, truncation and the output cap. The multi-charset page
 * set is written by tests/decode/gen_pages.py into a temporary directory. */
#include <iconv.h>
#include <stdlib.h>
#include <strings.h>
#include <unistd.h>

#include "check.h"
#include "common/wn_common.h"
#include "decode/wn_decode.h"

#define FFFD "\xEF\xBF\xBD"

/* ---- helpers ----------------------------------------------------------------- */

static const char *label_name(const char *label) {
  const wn_encoding *e = wn_encoding_for_label(label, strlen(label));
  return e ? e->name : NULL;
}

static const char *prescan_name(const char *html) {
  char label[WN_LABEL_MAX];
  const wn_encoding *e = wn_prescan(html, strlen(html), label);
  return e ? e->name : NULL;
}

static const char *http_name(const char *ct) {
  char label[WN_LABEL_MAX];
  const wn_encoding *e = wn_http_charset(ct, label);
  return e ? e->name : NULL;
}

/* Convert n bytes as the encoding called label; returns out's text. */
static const char *conv_as(const char *label, const char *s, size_t n, wn_buf *out, uint32_t *repl,
                           winnow_status *st) {
  wn_charset_decision d = {0};
  d.enc = wn_encoding_for_label(label, strlen(label));
  d.name = d.enc->name;
  d.iconv_name = d.enc->iconv;
  wn_buf_clear(out);
  *st = wn_to_utf8(s, n, &d, out, repl);
  return out->p ? out->p : "";
}

static bool valid_text(const wn_buf *b) {
  wn_utf8_shape sh;
  wn_utf8_shape_of(b->p, b->len, false, &sh);
  return sh.invalid == 0 && sh.nul == 0 && b->p[b->len] == '\0';
}

static const char *decide_name(const char *bytes, size_t n, const char *ct, int is_html,
                               wn_charset_source *src) {
  wn_charset_decision d;
  CHECK(wn_charset_decide(bytes, n, ct, is_html, &d) == WINNOW_OK);
  *src = d.source;
  return d.name;
}

/* ---- labels ---------------------------------------------------------------------- */

static void test_labels(void) {
  CHECK_STR(label_name(" GB2312 "), "GBK");
  CHECK_STR(label_name("x-gbk"), "GBK");
  CHECK_STR(label_name("gb18030"), "gb18030");
  CHECK_STR(label_name("big5-hkscs"), "Big5");
  CHECK_STR(label_name("windows-31j"), "Shift_JIS");
  CHECK_STR(label_name("MS932"), "Shift_JIS");
  CHECK_STR(label_name("sjis"), "Shift_JIS");
  CHECK_STR(label_name("ks_c_5601-1987"), "EUC-KR");
  CHECK_STR(label_name("latin1"), "windows-1252"); /* WHATWG: Latin-1 is 1252 */
  CHECK_STR(label_name("US-ASCII"), "windows-1252");
  CHECK_STR(label_name("iso-8859-9"), "windows-1254");
  CHECK_STR(label_name("koi8-u"), "KOI8-U");
  CHECK_STR(label_name("utf-16"), "UTF-16LE");
  CHECK_STR(label_name("unicode-1-1-utf-8"), "UTF-8");
  CHECK(label_name("iso-2022-kr") == NULL); /* "replacement": left to detection */
  CHECK(label_name("utf 8") == NULL);
  CHECK(label_name("") == NULL);
  CHECK(label_name("gbk-with-a-label-longer-than-any-in-the-encoding-table") == NULL);
  CHECK(wn_encoding_for_label("gbk\0junk", 8) == NULL);
  CHECK_STR(wn_encoding_for_uchardet("UHC")->name, "EUC-KR");
  CHECK_STR(wn_encoding_for_uchardet("SHIFT_JIS")->name, "Shift_JIS");
  CHECK(wn_encoding_for_uchardet("ASCII") == NULL);
  CHECK(wn_encoding_for_uchardet("EUC-TW") == NULL);
  CHECK(wn_encoding_for_uchardet("") == NULL);
  /* every encoding: its own name is a label of it, and iconv can open it */
  for (int id = 0; id < WN_ENC_COUNT_; id++) {
    const wn_encoding *e = wn_encoding_get((wn_enc_id)id);
    CHECK(e && (int)e->id == id);
    CHECK(wn_encoding_for_label(e->name, strlen(e->name)) == e);
    if (e->iconv) {
      iconv_t cd = iconv_open("UTF-8", e->iconv);
      CHECK(cd != (iconv_t)-1);
      if (cd != (iconv_t)-1)
        iconv_close(cd);
    }
  }
  CHECK(wn_encoding_get(WN_ENC_COUNT_) == NULL);
}

/* ---- HTTP Content-Type ---------------------------------------------------------------- */

static void test_http(void) {
  char label[WN_LABEL_MAX];
  CHECK_STR(http_name("text/html; charset=gbk"), "GBK");
  CHECK_STR(http_name("text/html;charset=\"Big5\""), "Big5");
  CHECK_STR(http_name("text/html; CHARSET=Shift_JIS"), "Shift_JIS");
  CHECK_STR(http_name("text/html; q=\"a;b\"; charset=euc-kr"), "EUC-KR");
  CHECK_STR(http_name("text/html; charset=utf-8; charset=gbk"), "UTF-8"); /* first wins */
  CHECK_STR(http_name("text/html; charset=; charset=gbk"), "GBK");        /* empty is skipped */
  CHECK_STR(http_name("text/html; charset=\"g\\bk\""), "GBK");            /* quoted-pair */
  CHECK_STR(http_name("text/html; charset=koi8-r  "), "KOI8-R");
  CHECK(http_name("text/html") == NULL);
  CHECK(http_name("text/html; xcharset=gbk") == NULL);
  CHECK(http_name(NULL) == NULL);
  CHECK(wn_http_charset("text/html; charset=x-klingon", label) == NULL);
  CHECK_STR(label, "x-klingon"); /* kept for metadata even when unknown */
  CHECK(wn_http_charset("text/html", label) == NULL);
  CHECK_STR(label, "");
}

/* ---- the <meta> prescan (HTML §13.2.3.2) ------------------------------------------------- */

static void test_prescan_basic(void) {
  CHECK_STR(prescan_name("<meta charset=\"gbk\">"), "GBK");
  CHECK_STR(prescan_name("<meta charset='Shift_JIS'>"), "Shift_JIS");
  CHECK_STR(prescan_name("<meta charset=euc-kr>"), "EUC-KR");
  CHECK_STR(prescan_name("<META CHARSET = \" koi8-r \" >"), "KOI8-R");
  CHECK_STR(prescan_name("<meta/charset=big5 />"), "Big5");
  CHECK(prescan_name("<meta/charset=big5/>") == NULL); /* the value is "big5/" */
  CHECK_STR(prescan_name("<meta\tcharset=gb2312>"), "GBK");
  CHECK_STR(prescan_name("<meta http-equiv=\"Content-Type\" content=\"text/html; "
                         "charset=windows-1251\">"),
            "windows-1251");
  CHECK_STR(prescan_name("<meta content='text/html;charset=\"big5\"' HTTP-EQUIV=content-type>"),
            "Big5");
  CHECK_STR(prescan_name("<meta http-equiv=content-type content=\"charset = gbk;x\">"), "GBK");
  CHECK_STR(prescan_name("<meta charset=\"utf-16le\">"), "UTF-8"); /* step 9 */
  CHECK_STR(prescan_name("<meta charset=\"x-user-defined\">"), "windows-1252");
  char label[WN_LABEL_MAX];
  const char *upper = "<meta charset=\"GB2312\">";
  CHECK(wn_prescan(upper, strlen(upper), label) != NULL);
  CHECK_STR(label, "gb2312"); /* the prescan lower-cases attribute values */
}

static void test_prescan_skips(void) {
  /* a <meta> inside a comment is not one; "<!-->" closes a comment */
  CHECK(prescan_name("<!-- <meta charset=\"gbk\"> -->") == NULL);
  CHECK_STR(prescan_name("<!-- <meta charset=gbk> --><meta charset=big5>"), "Big5");
  CHECK_STR(prescan_name("<!--><meta charset=big5>"), "Big5");
  CHECK(prescan_name("<!-- no end <meta charset=big5>") == NULL);
  /* inside another tag's attribute value: attributes are parsed properly */
  CHECK(prescan_name("<div title=\"<meta charset=gbk>\">x</div>") == NULL);
  CHECK(prescan_name("<div title='a>b' data-x=\"<meta charset=gbk>\">") == NULL);
  CHECK_STR(prescan_name("<div title='a>b'><meta charset=gbk>"), "GBK");
  CHECK(prescan_name("<?xml encoding=\"gbk\"?>") == NULL);
  CHECK(prescan_name("<!DOCTYPE html charset=gbk>") == NULL);
  CHECK(prescan_name("<metacharset=gbk>") == NULL);
  CHECK(prescan_name("<xmeta charset=gbk>") == NULL);
  /* content= without http-equiv=content-type, and the reverse */
  CHECK(prescan_name("<meta name=x content=\"text/html; charset=gbk\">") == NULL);
  CHECK(prescan_name("<meta http-equiv=refresh content=\"0; charset=gbk\">") == NULL);
  CHECK(prescan_name("<meta http-equiv=content-type content=\"charset='gbk\">") == NULL);
  /* an unknown label fails that <meta> only; the first of duplicates counts */
  CHECK_STR(prescan_name("<meta charset=klingon><meta charset=gbk>"), "GBK");
  CHECK_STR(prescan_name("<meta charset=gbk charset=big5>"), "GBK");
  /* charset= wins over content= in the same tag, whatever the order */
  CHECK_STR(prescan_name("<meta http-equiv=content-type content=\"charset=big5\" charset=gbk>"),
            "GBK");
  CHECK(prescan_name("<meta charset=\"gbk") == NULL); /* the input ends inside */
}

static void test_prescan_1024(void) {
  char page[2048], label[WN_LABEL_MAX];
  const char *m = "<meta charset=gbk>";
  size_t ml = strlen(m);
  memset(page, ' ', sizeof page);
  memcpy(page + 1024 - ml, m, ml); /* ends at the last byte scanned */
  CHECK(wn_prescan(page, sizeof page, label) != NULL);
  memset(page, ' ', sizeof page);
  memcpy(page + 1010, m, ml); /* straddles byte 1024 */
  CHECK(wn_prescan(page, sizeof page, label) == NULL);
  memset(page, ' ', sizeof page);
  memcpy(page + 1100, m, ml); /* wholly after it */
  CHECK(wn_prescan(page, sizeof page, label) == NULL);
  wn_charset_source src;
  CHECK(strcmp(decide_name(page, sizeof page, NULL, 1, &src), "GBK") != 0);
}

/* ---- the decision ------------------------------------------------------------------------- */

static void test_decide_order(void) {
  wn_charset_source src;
  /* BOM beats HTTP, HTTP beats <meta>, <meta> only for HTML */
  CHECK_STR(decide_name("\xEF\xBB\xBF<meta charset=gbk>", 21, "text/html; charset=big5", 1, &src),
            "UTF-8");
  CHECK(src == WN_CS_BOM);
  CHECK_STR(decide_name("\xFF\xFE<\0p\0", 6, NULL, 1, &src), "UTF-16LE");
  CHECK(src == WN_CS_BOM);
  CHECK_STR(decide_name("\xFE\xFF\0<\0p", 6, NULL, 1, &src), "UTF-16BE");
  const char *page = "<meta charset=gbk><p>\xD6\xD0\xCE\xC4</p>";
  CHECK_STR(decide_name(page, strlen(page), "text/html; charset=GB18030", 1, &src), "gb18030");
  CHECK(src == WN_CS_HTTP);
  CHECK_STR(decide_name(page, strlen(page), NULL, 1, &src), "GBK");
  CHECK(src == WN_CS_META);
  CHECK_STR(decide_name(page, strlen(page), "text/html; charset=klingon", 1, &src), "GBK");
  CHECK(src == WN_CS_META);                       /* an unknown HTTP label is ignored */
  decide_name(page, strlen(page), NULL, 0, &src); /* not HTML: no prescan */
  CHECK(src != WN_CS_META);
  /* UTF-16 without a BOM, told apart by where its NULs sit */
  CHECK_STR(decide_name("<\0p\0>\0-Na\0", 10, NULL, 1, &src), "UTF-16LE");
  CHECK(src == WN_CS_DETECTED);
  CHECK_STR(decide_name("\0<\0p\0>N-\0a", 10, NULL, 1, &src), "UTF-16BE");
  CHECK_STR(decide_name("\0<\0p\0>N-\0a", 10, "text/html; charset=utf-16", 1, &src), "UTF-16BE");
  CHECK(src == WN_CS_OVERRIDDEN);
  CHECK_STR(decide_name("\0\0\0\0\x7F"
                        "ELF\0\0\0\0\0\1\0\0",
                        16, NULL, 0, &src),
            "UTF-8");
  CHECK_STR(decide_name("", 0, NULL, 1, &src), "UTF-8");
  CHECK(src == WN_CS_DEFAULT);
  CHECK_STR(decide_name("caf\xE9", 4, NULL, 0, &src), "windows-1252");
  CHECK(src == WN_CS_DEFAULT || src == WN_CS_DETECTED);
}

static void test_decide_sanity(void) {
  wn_charset_decision d;
  /* HTTP says UTF-16 but there is no NUL: ASCII-compatible bytes */
  const char *ascii = "<html><body>plain words</body></html>";
  CHECK(wn_charset_decide(ascii, strlen(ascii), "text/html; charset=utf-16", 1, &d) == WINNOW_OK);
  CHECK_STR(d.name, "UTF-8");
  CHECK(d.source == WN_CS_OVERRIDDEN && d.label_source == WN_CS_HTTP);
  CHECK_STR(d.label, "utf-16");
  CHECK(d.label_enc && d.label_enc->id == WN_ENC_UTF16LE);
  /* a UTF-8 page with one stray Latin-1 byte among much UTF-8 stays UTF-8 */
  const char *mixed = "<meta charset=utf-8><p>中文中文中文中文中文 caf\xE9</p>";
  CHECK(wn_charset_decide(mixed, strlen(mixed), NULL, 1, &d) == WINNOW_OK);
  CHECK_STR(d.name, "UTF-8");
  CHECK(d.source == WN_CS_META);
  /* English labelled UTF-8 with one Latin-1 byte: windows-1252 */
  const char *latin = "<meta charset=utf-8><p>The caf\xE9 opens at nine.</p>";
  CHECK(wn_charset_decide(latin, strlen(latin), NULL, 1, &d) == WINNOW_OK);
  CHECK_STR(d.name, "windows-1252");
  CHECK(d.source == WN_CS_OVERRIDDEN);
  CHECK_STR(d.label, "utf-8");
  /* labelled legacy, all ASCII: the label stands */
  CHECK(wn_charset_decide(ascii, strlen(ascii), "text/html; charset=gbk", 1, &d) == WINNOW_OK);
  CHECK_STR(d.name, "GBK");
  CHECK(d.source == WN_CS_HTTP);
  /* the same with a cache, which holds the detector across calls */
  wn_decode_cache c;
  wn_decode_cache_init(&c);
  for (int i = 0; i < 3; i++) {
    CHECK(wn_charset_decide_cached(&c, latin, strlen(latin), NULL, 1, &d) == WINNOW_OK);
    CHECK_STR(d.name, "windows-1252");
  }
  wn_decode_cache_free(&c);
  wn_decode_cache_free(NULL);
  CHECK_STR(wn_charset_source_str(WN_CS_OVERRIDDEN), "label_overridden");
  CHECK_STR(wn_charset_source_str(WN_CS_COUNT_), "");
}

/* ---- conversion ------------------------------------------------------------------------------ */

static void test_convert_errors(void) {
  wn_buf b;
  uint32_t r;
  winnow_status st;
  wn_buf_init(&b, 1 << 20);
  /* invalid bytes in the middle of GBK: replaced, conversion goes on; an
   * ASCII byte after a bad lead is itself (WHATWG "restore") */
  CHECK_STR(conv_as("gbk",
                    "\xD6\xD0\xFF"
                    "abc\x81 \xCE\xC4",
                    10, &b, &r, &st),
            "中" FFFD "abc" FFFD " 文");
  CHECK(st == WINNOW_OK && r == 2);
  CHECK_STR(conv_as("gbk", "\x80", 1, &b, &r, &st), "€"); /* WHATWG gb18030 decoder */
  CHECK_STR(conv_as("gb18030", "\x81\x39\xEE\x39", 4, &b, &r, &st), "㐀");
  CHECK_STR(conv_as("gb18030",
                    "\x81\x33"
                    "ab",
                    4, &b, &r, &st),
            FFFD "3ab");
  CHECK(r == 1);
  /* Shift_JIS trail bytes in the ASCII range (ソ = 83 5C, 表 = 95 5C) */
  CHECK_STR(conv_as("shift_jis", "\x83\x5C\x95\x5C\\x", 6, &b, &r, &st), "ソ表\\x");
  CHECK(r == 0);
  CHECK_STR(conv_as("big5",
                    "\xA4\x40\xA4"
                    "0",
                    4, &b, &r, &st),
            "一" FFFD "0");
  /* NULs: in ASCII runs, inside iconv segments, in UTF-16 */
  CHECK_STR(conv_as("gbk", "\xD6\xD0\0\xCE\xC4", 5, &b, &r, &st), "中" FFFD "文");
  CHECK(r == 1);
  CHECK_STR(conv_as("gbk", "a\0b\0\0c", 6, &b, &r, &st), "a" FFFD "b" FFFD FFFD "c");
  CHECK(r == 3);
  CHECK_STR(conv_as("euc-kr", "\xC7\xD1\0", 3, &b, &r, &st), "한" FFFD);
  CHECK_STR(conv_as("utf-16le", "\x2D\x4E\0\0a\0", 6, &b, &r, &st), "中" FFFD "a");
  CHECK(r == 1 && valid_text(&b));
  CHECK_STR(conv_as("utf-8", "x\0y", 3, &b, &r, &st), "x" FFFD "y");
  CHECK(r == 1);
  /* ISO-2022-JP: stateful, no fast path; an unknown escape is replaced */
  const char *jis = "a\x1B$BF|K\\\x1B(Bz";
  CHECK_STR(conv_as("iso-2022-jp", jis, strlen(jis), &b, &r, &st), "a日本z");
  CHECK(r == 0 && st == WINNOW_OK);
  /* windows-1252's five undefined bytes: U+FFFD here (WHATWG: C1 controls) */
  CHECK_STR(conv_as("windows-1252", "\x80\x81\x9C", 3, &b, &r, &st), "€" FFFD "œ");
  wn_buf_free(&b);
}

static void test_convert_truncated(void) {
  wn_buf b;
  uint32_t r;
  winnow_status st;
  wn_buf_init(&b, 1 << 20);
  CHECK_STR(conv_as("gbk", "\xD6\xD0\xCE", 3, &b, &r, &st), "中" FFFD);
  CHECK(st == WINNOW_OK && r == 1);
  CHECK_STR(conv_as("gb18030", "a\x81\x39\xEF", 4, &b, &r, &st), "a" FFFD);
  CHECK(r == 1);
  CHECK_STR(conv_as("euc-jp", "\xC5\xEC\x8F\xA1", 4, &b, &r, &st), "東" FFFD);
  CHECK(r == 1);
  CHECK_STR(conv_as("shift_jis", "\x93\x8C\x82", 3, &b, &r, &st), "東" FFFD);
  CHECK_STR(conv_as("utf-16be", "\x4E\x2D\x4E", 3, &b, &r, &st), "中" FFFD);
  CHECK_STR(conv_as("utf-16le", "\x3D\xD8", 2, &b, &r, &st), FFFD); /* lone surrogate */
  CHECK(r == 1);
  CHECK_STR(conv_as("utf-8", "\xE4\xB8\xAD\xE4\xB8", 5, &b, &r, &st), "中" FFFD);
  CHECK(r == 1);
  wn_buf_free(&b);
}

static void test_convert_cap(void) {
  wn_buf b;
  uint32_t r;
  winnow_status st;
  wn_buf_init(&b, 10);
  const char *gbk6 = "\xD6\xD0\xCE\xC4\xD6\xD0\xCE\xC4\xD6\xD0\xCE\xC4"; /* 中文 x3 */
  conv_as("gbk", gbk6, 12, &b, &r, &st);
  CHECK(st == WINNOW_ERR_LIMIT);
  CHECK(b.len <= 10 && valid_text(&b)); /* cut at a character boundary */
  CHECK_STR(b.p, "中文中");
  conv_as("gbk", "\xD6\xD0\xCE\xC4", 4, &b, &r, &st);
  CHECK(st == WINNOW_OK && b.len == 6);
  conv_as("windows-1252", "abcdefghijkl", 12, &b, &r, &st);
  CHECK(st == WINNOW_ERR_LIMIT && b.len <= 10);
  conv_as("utf-16le", "a\0b\0c\0d\0e\0f\0g\0h\0i\0j\0k\0", 22, &b, &r, &st);
  CHECK(st == WINNOW_ERR_LIMIT && b.len == 10 && valid_text(&b));
  conv_as("gbk", "\xD6\xD0\0\0\0\0", 6, &b, &r, &st); /* U+FFFD x4 passes the cap */
  CHECK(st == WINNOW_ERR_LIMIT && b.len <= 10 && valid_text(&b));
  conv_as("utf-8", "0123456789abc", 13, &b, &r, &st);
  CHECK(st == WINNOW_ERR_LIMIT && b.len <= 10);
  wn_buf_free(&b);
  /* appends to what out already holds */
  wn_buf_init(&b, 100);
  wn_buf_adds(&b, "x:");
  wn_charset_decision d;
  CHECK(wn_charset_decide("\xFF\xFE\x2D\x4E", 4, NULL, 0, &d) == WINNOW_OK);
  CHECK(wn_to_utf8("\xFF\xFE\x2D\x4E", 4, &d, &b, NULL) == WINNOW_OK);
  CHECK_STR(b.p, "x:中"); /* and the BOM is skipped */
  CHECK(wn_to_utf8(NULL, 3, &d, &b, NULL) == WINNOW_ERR_ARG);
  wn_buf_free(&b);
}

/* Errors spread through a long GBK text: every one replaced, none lost. */
static void test_convert_long(void) {
  wn_buf in, out;
  wn_buf_init(&in, 1 << 20);
  wn_buf_init(&out, 1 << 22);
  for (int i = 0; i < 5000; i++)
    wn_buf_adds(&in, i % 10 == 9 ? "\xD6\xD0\xFF\x81 " : "\xD6\xD0\xCE\xC4 ab");
  winnow_status st;
  uint32_t r;
  conv_as("gbk", in.p, in.len, &out, &r, &st);
  CHECK(st == WINNOW_OK && r == 1000 && valid_text(&out));
  CHECK(wn_utf8_count(out.p, out.len) == 4500 * 5 + 500 * 4);
  wn_buf_free(&in);
  wn_buf_free(&out);
}

/* Fail the k-th allocation for every k (with WINNOW_FAULT_INJECTION; a
 * no-op otherwise): only OK or NOMEM, a decision always filled, valid
 * output on OK. iconv's and uchardet's own allocations are not ours. */
static void test_alloc_failures(void) {
  const char *page = "<meta charset=gbk><p>\xD6\xD0\xCE\xC4\xFF\0</p>";
  size_t n = strlen(page) + 6;
  for (long k = 1; k <= 12; k++) {
    wn_charset_decision d;
    wn_buf b;
    wn_buf_init(&b, 1 << 20);
    wn_alloc_fail_after(k);
    winnow_status s1 = wn_charset_decide(page, n, NULL, 1, &d);
    winnow_status s2 = wn_to_utf8(page, n, &d, &b, NULL);
    wn_alloc_fail_after(0);
    CHECK((s1 == WINNOW_OK || s1 == WINNOW_ERR_NOMEM) && d.enc != NULL);
    CHECK(s2 == WINNOW_OK || s2 == WINNOW_ERR_NOMEM);
    CHECK(s2 != WINNOW_OK || valid_text(&b));
    wn_buf_free(&b);
  }
}

/* ---- the generated multi-charset page set -------------------------------------------------------
 */

/* dir/name+suffix into path; false when it does not fit. */
static bool page_path(char *path, size_t n, const char *dir, const char *name, const char *suffix) {
  int k = snprintf(path, n, "%s/%s%s", dir, name, suffix);
  return k > 0 && (size_t)k < n;
}

/* Every line of NAME.expected.txt occurs in the converted text. */
static int missing_lines(const char *dir, const char *name, const char *text) {
  char path[512];
  size_t n;
  char *exp =
      page_path(path, sizeof path, dir, name, ".expected.txt") ? check_slurp(path, &n) : NULL;
  if (!exp)
    return -1;
  int missing = 0;
  for (char *line = strtok(exp, "\n"); line; line = strtok(NULL, "\n")) {
    if (!strstr(text, line)) {
      fprintf(stderr, "  %s: missing \"%s\"\n", name, line);
      missing++;
    }
  }
  free(exp);
  return missing;
}

typedef struct page_case {
  char name[64], http[128], charset[32], source[32], label[64];
} page_case;

static void check_page(const char *dir, const page_case *pc, wn_decode_cache *cache) {
  char path[512];
  size_t n;
  char *bytes = page_path(path, sizeof path, dir, pc->name, ".html") ? check_slurp(path, &n) : NULL;
  CHECK(bytes != NULL);
  if (!bytes)
    return;
  const char *ct = strcmp(pc->http, "-") ? pc->http : NULL;
  wn_charset_decision d;
  CHECK(wn_charset_decide_cached(cache, bytes, n, ct, 1, &d) == WINNOW_OK);
  const char *src = wn_charset_source_str(d.source);
  bool ok = !strcmp(d.name, pc->charset) && !strcmp(src, pc->source) &&
            !strcasecmp(strcmp(pc->label, "-") ? pc->label : "", d.label);
  CHECK(ok);
  if (!ok)
    fprintf(stderr, "  %s: got %s/%s label \"%s\", want %s/%s label \"%s\"\n", pc->name, d.name,
            src, d.label, pc->charset, pc->source, pc->label);
  wn_buf out, out2;
  wn_buf_init(&out, 1 << 20);
  wn_buf_init(&out2, 1 << 20);
  uint32_t r = 99, r2 = 99;
  CHECK(wn_to_utf8_cached(cache, bytes, n, &d, &out, &r) == WINNOW_OK);
  CHECK(wn_to_utf8(bytes, n, &d, &out2, &r2) == WINNOW_OK); /* no cache: same result */
  CHECK(out.len == out2.len && !memcmp(out.p, out2.p, out.len) && r == r2);
  CHECK(r == 0 && valid_text(&out));
  CHECK(missing_lines(dir, pc->name, out.p) == 0);
  wn_buf_free(&out);
  wn_buf_free(&out2);
  free(bytes);
}

static int read_manifest(const char *dir, page_case *cases, int max) {
  char path[512];
  FILE *f = page_path(path, sizeof path, dir, "manifest", ".tsv") ? fopen(path, "r") : NULL;
  if (!f)
    return 0;
  char line[512];
  int k = 0;
  while (k < max && fgets(line, sizeof line, f)) {
    page_case *pc = &cases[k];
    if (line[0] != '#' && sscanf(line, "%63[^\t]\t%127[^\t]\t%31[^\t]\t%31[^\t]\t%63[^\t\n]",
                                 pc->name, pc->http, pc->charset, pc->source, pc->label) == 5)
      k++;
  }
  fclose(f);
  return k;
}

static void test_pages(void) {
  const char *dir = check_tmpdir("decode");
  CHECK(dir != NULL);
  if (!dir)
    return;
  char cmd[sizeof check_tmp + 64];
  snprintf(cmd, sizeof cmd, "/usr/bin/python3 tests/decode/gen_pages.py %s", dir);
  CHECK(system(cmd) == 0);
  static page_case cases[128];
  int n = read_manifest(dir, cases, 128);
  CHECK(n >= 30);        /* the generator wrote its set */
  wn_decode_cache cache; /* one cache for all: more encodings than slots */
  wn_decode_cache_init(&cache);
  for (int i = 0; i < n; i++)
    check_page(dir, &cases[i], &cache);
  wn_decode_cache_free(&cache);
  check_tmpdir_remove();
}

static void test_shape(void) {
  wn_utf8_shape sh;
  wn_utf8_shape_of("a中\xFF\xE4\xB8", 7, false, &sh);
  CHECK(sh.multibyte == 1 && sh.invalid == 2 && sh.high == 6);
  wn_utf8_shape_of("a中\xE4\xB8", 6, true, &sh); /* cut by the prefix's end */
  CHECK(sh.multibyte == 1 && sh.invalid == 0);
  wn_utf8_shape_of("\xC0\xAF\0", 3, false, &sh);
  CHECK(sh.invalid == 2 && sh.nul == 1);
}

int main(void) {
  test_labels();
  test_http();
  test_prescan_basic();
  test_prescan_skips();
  test_prescan_1024();
  test_decide_order();
  test_decide_sanity();
  test_convert_errors();
  test_convert_truncated();
  test_convert_cap();
  test_convert_long();
  test_shape();
  test_alloc_failures();
  test_pages();
  return check_done("decode");
}
