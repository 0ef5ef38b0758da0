/* charset_labels.c - the encodings winnow decodes and their labels, from the
 * WHATWG Encoding Standard §4.2 "Names and labels" (typed in from the
 * spec's table; labels are ASCII lower case there and here).
 *
 * Two deliberate departures, both for extracting text rather than for
 * rendering: the "replacement" labels (iso-2022-kr, hz-gb-2312,
 * iso-2022-cn, csiso2022kr, iso-2022-cn-ext) decode a page to one U+FFFD
 * in a browser, to stop cross-site scripting through stateful encodings;
 * here they count as unknown, so detection gets a chance. "x-user-defined"
 * maps bytes to the Private Use Area in browsers; here it is windows-1252,
 * as the HTML prescan itself does (§13.2.3.2). */
#include <string.h>

#include "wn_decode.h"

/* iconv names: the supersets browsers decode with (WHATWG §10-§12): GBK as
 * GB18030, Big5 with HKSCS, Shift_JIS as Microsoft's CP932, EUC-JP with the
 * NEC/IBM rows (EUC-JP-MS), EUC-KR as Microsoft's CP949 (UHC). */
static const wn_encoding ENCODINGS[WN_ENC_COUNT_] = {
    {WN_ENC_UTF8, "UTF-8", NULL, 0},
    {WN_ENC_UTF16LE, "UTF-16LE", "UTF-16LE", WN_ENCF_UTF16},
    {WN_ENC_UTF16BE, "UTF-16BE", "UTF-16BE", WN_ENCF_UTF16},
    {WN_ENC_GBK, "GBK", "GB18030", WN_ENCF_MULTIBYTE | WN_ENCF_GB},
    {WN_ENC_GB18030, "gb18030", "GB18030", WN_ENCF_MULTIBYTE | WN_ENCF_GB},
    {WN_ENC_BIG5, "Big5", "BIG5-HKSCS", WN_ENCF_MULTIBYTE},
    {WN_ENC_SHIFT_JIS, "Shift_JIS", "CP932", WN_ENCF_MULTIBYTE},
    {WN_ENC_EUC_JP, "EUC-JP", "EUC-JP-MS", WN_ENCF_MULTIBYTE},
    {WN_ENC_ISO2022JP, "ISO-2022-JP", "ISO-2022-JP", WN_ENCF_MULTIBYTE | WN_ENCF_STATEFUL},
    {WN_ENC_EUC_KR, "EUC-KR", "CP949", WN_ENCF_MULTIBYTE},
    {WN_ENC_IBM866, "IBM866", "IBM866", 0},
    {WN_ENC_ISO8859_2, "ISO-8859-2", "ISO-8859-2", WN_ENCF_LATIN},
    {WN_ENC_ISO8859_3, "ISO-8859-3", "ISO-8859-3", WN_ENCF_LATIN},
    {WN_ENC_ISO8859_4, "ISO-8859-4", "ISO-8859-4", WN_ENCF_LATIN},
    {WN_ENC_ISO8859_5, "ISO-8859-5", "ISO-8859-5", 0},
    {WN_ENC_ISO8859_6, "ISO-8859-6", "ISO-8859-6", 0},
    {WN_ENC_ISO8859_7, "ISO-8859-7", "ISO-8859-7", 0},
    {WN_ENC_ISO8859_8, "ISO-8859-8", "ISO-8859-8", 0},
    {WN_ENC_ISO8859_8I, "ISO-8859-8-I", "ISO-8859-8", 0},
    {WN_ENC_ISO8859_10, "ISO-8859-10", "ISO-8859-10", WN_ENCF_LATIN},
    {WN_ENC_ISO8859_13, "ISO-8859-13", "ISO-8859-13", WN_ENCF_LATIN},
    {WN_ENC_ISO8859_14, "ISO-8859-14", "ISO-8859-14", WN_ENCF_LATIN},
    {WN_ENC_ISO8859_15, "ISO-8859-15", "ISO-8859-15", WN_ENCF_LATIN},
    {WN_ENC_ISO8859_16, "ISO-8859-16", "ISO-8859-16", WN_ENCF_LATIN},
    {WN_ENC_KOI8R, "KOI8-R", "KOI8-R", 0},
    {WN_ENC_KOI8U, "KOI8-U", "KOI8-RU", 0}, /* WHATWG's KOI8-U has ў/Ў at AE/BE */
    {WN_ENC_MACINTOSH, "macintosh", "MACINTOSH", WN_ENCF_LATIN},
    {WN_ENC_WINDOWS874, "windows-874", "WINDOWS-874", 0},
    {WN_ENC_WINDOWS1250, "windows-1250", "WINDOWS-1250", WN_ENCF_LATIN},
    {WN_ENC_WINDOWS1251, "windows-1251", "WINDOWS-1251", 0},
    {WN_ENC_WINDOWS1252, "windows-1252", "WINDOWS-1252", WN_ENCF_LATIN},
    {WN_ENC_WINDOWS1253, "windows-1253", "WINDOWS-1253", 0},
    {WN_ENC_WINDOWS1254, "windows-1254", "WINDOWS-1254", WN_ENCF_LATIN},
    {WN_ENC_WINDOWS1255, "windows-1255", "WINDOWS-1255", 0},
    {WN_ENC_WINDOWS1256, "windows-1256", "WINDOWS-1256", 0},
    {WN_ENC_WINDOWS1257, "windows-1257", "WINDOWS-1257", WN_ENCF_LATIN},
    {WN_ENC_WINDOWS1258, "windows-1258", "WINDOWS-1258", WN_ENCF_LATIN},
    {WN_ENC_MAC_CYRILLIC, "x-mac-cyrillic", "MAC-CYRILLIC", 0},
};

/* Encoding Standard §4.2, one row per encoding, labels separated by one
 * space. Latin-1 and US-ASCII labels are windows-1252 there, on purpose. */
static const struct {
  wn_enc_id id;
  const char *labels;
} LABELS[] = {
    {WN_ENC_UTF8, "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8"},
    {WN_ENC_IBM866, "866 cp866 csibm866 ibm866"},
    {WN_ENC_ISO8859_2,
     "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 iso_8859-2:1987 l2 latin2"},
    {WN_ENC_ISO8859_3,
     "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 iso_8859-3:1988 l3 latin3"},
    {WN_ENC_ISO8859_4,
     "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 iso_8859-4:1988 l4 latin4"},
    {WN_ENC_ISO8859_5, "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 "
                       "iso_8859-5 iso_8859-5:1988"},
    {WN_ENC_ISO8859_6, "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 "
                       "iso-8859-6 iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 "
                       "iso_8859-6 iso_8859-6:1987"},
    {WN_ENC_ISO8859_7, "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 "
                       "iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek"},
    {WN_ENC_ISO8859_8, "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 "
                       "iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 visual"},
    {WN_ENC_ISO8859_8I, "csiso88598i iso-8859-8-i logical"},
    {WN_ENC_ISO8859_10, "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6"},
    {WN_ENC_ISO8859_13, "iso-8859-13 iso8859-13 iso885913"},
    {WN_ENC_ISO8859_14, "iso-8859-14 iso8859-14 iso885914"},
    {WN_ENC_ISO8859_15, "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9"},
    {WN_ENC_ISO8859_16, "iso-8859-16"},
    {WN_ENC_KOI8R, "cskoi8r koi koi8 koi8-r koi8_r"},
    {WN_ENC_KOI8U, "koi8-ru koi8-u"},
    {WN_ENC_MACINTOSH, "csmacintosh mac macintosh x-mac-roman"},
    {WN_ENC_WINDOWS874, "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874"},
    {WN_ENC_WINDOWS1250, "cp1250 windows-1250 x-cp1250"},
    {WN_ENC_WINDOWS1251, "cp1251 windows-1251 x-cp1251"},
    {WN_ENC_WINDOWS1252, "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 "
                         "iso-ir-100 iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 "
                         "us-ascii windows-1252 x-cp1252 x-user-defined"},
    {WN_ENC_WINDOWS1253, "cp1253 windows-1253 x-cp1253"},
    {WN_ENC_WINDOWS1254, "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 "
                         "iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254"},
    {WN_ENC_WINDOWS1255, "cp1255 windows-1255 x-cp1255"},
    {WN_ENC_WINDOWS1256, "cp1256 windows-1256 x-cp1256"},
    {WN_ENC_WINDOWS1257, "cp1257 windows-1257 x-cp1257"},
    {WN_ENC_WINDOWS1258, "cp1258 windows-1258 x-cp1258"},
    {WN_ENC_MAC_CYRILLIC, "x-mac-cyrillic x-mac-ukrainian"},
    {WN_ENC_GBK, "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk"},
    {WN_ENC_GB18030, "gb18030"},
    {WN_ENC_BIG5, "big5 big5-hkscs cn-big5 csbig5 x-x-big5"},
    {WN_ENC_EUC_JP, "cseucpkdfmtjapanese euc-jp x-euc-jp"},
    {WN_ENC_ISO2022JP, "csiso2022jp iso-2022-jp"},
    {WN_ENC_SHIFT_JIS, "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis"},
    {WN_ENC_EUC_KR, "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 "
                    "ks_c_5601-1989 ksc5601 ksc_5601 windows-949"},
    {WN_ENC_UTF16BE, "unicodefffe utf-16be"},
    {WN_ENC_UTF16LE, "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le"},
};

const wn_encoding *wn_encoding_get(wn_enc_id id) {
  return (unsigned)id < WN_ENC_COUNT_ ? &ENCODINGS[id] : NULL;
}

/* Infra §4.5 "ASCII whitespace": TAB, LF, FF, CR, SPACE. */
static bool ascii_ws(unsigned char c) {
  return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

/* Is key (k bytes, lower case) one of the space-separated words in list? */
static bool in_list(const char *list, const char *key, size_t k) {
  for (const char *p = list; *p;) {
    const char *e = strchr(p, ' ');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    if (len == k && !memcmp(p, key, k))
      return true;
    p += len + (e != NULL);
  }
  return false;
}

const wn_encoding *wn_encoding_for_label(const char *label, size_t n) {
  while (n && ascii_ws((unsigned char)label[0]))
    label++, n--;
  while (n && ascii_ws((unsigned char)label[n - 1]))
    n--;
  char key[WN_LABEL_MAX];
  if (n == 0 || n >= sizeof key)
    return NULL;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)label[i];
    key[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  for (size_t i = 0; i < WN_ARRAY_LEN(LABELS); i++)
    if (in_list(LABELS[i].labels, key, n))
      return &ENCODINGS[LABELS[i].id];
  return NULL;
}

/* uchardet 0.0.7 names that are not WHATWG labels, and those that are but
 * mean something else in a detector's answer. */
const wn_encoding *wn_encoding_for_uchardet(const char *name) {
  static const struct {
    const char *name;
    wn_enc_id id;
  } extra[] = {
      {"UHC", WN_ENC_EUC_KR},
      {"MAC-CYRILLIC", WN_ENC_MAC_CYRILLIC},
  };
  if (!name || !*name || !strcmp(name, "ASCII"))
    return NULL; /* no evidence either way: the default decides */
  for (size_t i = 0; i < WN_ARRAY_LEN(extra); i++)
    if (!strcmp(name, extra[i].name))
      return &ENCODINGS[extra[i].id];
  return wn_encoding_for_label(name, strlen(name));
}
