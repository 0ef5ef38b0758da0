/* charset_decide.c - which charset a page is in.
 *
 * The order is the WHATWG HTML "encoding sniffing algorithm" (§13.2.3.2):
 * BOM, then the transport layer's label (HTTP Content-Type), then the
 * <meta> prescan, then "autodetection" (uchardet), then a default. Unlike a
 * browser we then check the label against the bytes, because a crawl is
 * full of pages whose label lies (GBK labelled UTF-8; UTF-8 behind an
 * Apache default of ISO-8859-1) and a wrong decode loses the whole text. */
#include <string.h>
#include <uchardet/uchardet.h>

#include "wn_decode.h"

#define TRIAL_BYTES (16u * 1024u)  /* bytes a legacy label is trial-decoded on */
#define LATIN_EVIDENCE 32          /* non-ASCII bytes needed to trust a Latin variant */
#define DETECT_BYTES (16u * 1024u) /* bytes uchardet sees */
#define DETECT_LEAD 256            /* ASCII context kept before the first non-ASCII byte */

static const char *const SOURCE_NAMES[WN_CS_COUNT_] = {
    "", "bom", "http", "meta", "detected", "default", "label_overridden"};

const char *wn_charset_source_str(wn_charset_source s) {
  return (unsigned)s < WN_CS_COUNT_ ? SOURCE_NAMES[s] : "";
}

static void set_enc(wn_charset_decision *d, wn_enc_id id, wn_charset_source src) {
  d->enc = wn_encoding_get(id);
  d->name = d->enc->name;
  d->iconv_name = d->enc->iconv;
  d->source = src;
}

static void use_enc(wn_charset_decision *d, const wn_encoding *e, wn_charset_source src) {
  set_enc(d, e->id, src);
}

/* WHATWG Encoding §6 "BOM sniff": EF BB BF, FE FF, FF FE. */
static bool bom_sniff(const unsigned char *s, size_t n, wn_charset_decision *d) {
  if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
    set_enc(d, WN_ENC_UTF8, WN_CS_BOM);
    d->bom_len = 3;
  } else if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF) {
    set_enc(d, WN_ENC_UTF16BE, WN_CS_BOM);
    d->bom_len = 2;
  } else if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE) {
    set_enc(d, WN_ENC_UTF16LE, WN_CS_BOM);
    d->bom_len = 2;
  }
  return d->bom_len > 0;
}

/* The label, if any: HTTP first; an unknown HTTP label is ignored (MIME
 * Sniffing §4.4 / HTML §13.2.3.2 step "transport layer") so <meta> may
 * still decide. */
static void find_label(const char *bytes, size_t n, const char *ct, int is_html,
                       wn_charset_decision *d) {
  char lab[WN_LABEL_MAX];
  const wn_encoding *e = wn_http_charset(ct, lab);
  if (lab[0]) {
    memcpy(d->label, lab, sizeof lab);
    d->label_source = WN_CS_HTTP;
    d->label_enc = e;
  }
  if (e || !is_html || !(e = wn_prescan(bytes, n, lab)))
    return;
  memcpy(d->label, lab, sizeof lab);
  d->label_source = WN_CS_META;
  d->label_enc = e;
}

/* ---- evidence from the bytes ------------------------------------------------ */

static size_t sniff_len(size_t n) {
  return WN_MIN(n, (size_t)WN_DECODE_SNIFF_BYTES);
}

static void shape_of(const char *bytes, size_t n, wn_utf8_shape *sh) {
  wn_utf8_shape_of(bytes, sniff_len(n), n > WN_DECODE_SNIFF_BYTES, sh);
}

/* UTF-8 with at most a little damage: no error at all, or four valid
 * multibyte sequences per error (stray bytes in a UTF-8 page are common;
 * GBK read as UTF-8 gives several errors per accidental valid pair). */
static bool utf8_plausible(const wn_utf8_shape *sh) {
  return sh->invalid == 0 || sh->multibyte >= 4 * sh->invalid;
}

/* Offset of the first byte >= 0x80 in s[0..n), or n. */
static size_t first_high(const char *s, size_t n) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    if (w & 0x8080808080808080ull)
      break;
  }
  while (i < n && (unsigned char)s[i] < 0x80)
    i++;
  return i;
}

/* uchardet on a window of DETECT_BYTES that starts just before the first
 * non-ASCII byte: an ASCII <head> of scripts and styles carries no
 * evidence, and uchardet's cost is per byte (about 0.1 ms per 64 KiB when
 * a prober becomes sure early, but 7 MB/s through every prober when none
 * does). NULL when it has no usable answer.
 * With few non-ASCII bytes its pick among Latin single-byte charsets is
 * noise ("caf\xE9" comes back ISO-8859-2): windows-1252 then, the WHATWG
 * default for most locales (HTML §13.2.3.2) and the commonest on the web. */
static const wn_encoding *detect(wn_decode_cache *c, const char *bytes, size_t n, size_t high,
                                 winnow_status *st) {
  void *p = NULL;
  if ((*st = wn_decode_cache_detector(c, &p)) != WINNOW_OK)
    return NULL;
  uchardet_t ud = (uchardet_t)p;
  size_t from = first_high(bytes, sniff_len(n));
  from = from > DETECT_LEAD ? from - DETECT_LEAD : 0;
  if (uchardet_handle_data(ud, bytes + from, WN_MIN(n - from, (size_t)DETECT_BYTES)) != 0) {
    *st = WINNOW_ERR_NOMEM;
    return NULL;
  }
  uchardet_data_end(ud);
  const wn_encoding *e = wn_encoding_for_uchardet(uchardet_get_charset(ud));
  if (e && (e->flags & WN_ENCF_LATIN) && high < LATIN_EVIDENCE)
    e = wn_encoding_get(WN_ENC_WINDOWS1252);
  return e;
}

/* UTF-16 without a BOM, which uchardet 0.0.7 does not report: in the
 * first KiB a quarter of the bytes are NUL and nine in ten of those sit on
 * one parity (the high byte of ASCII-range code units). Binary data has
 * its NULs everywhere. WN_ENC_COUNT_ when it does not look like UTF-16. */
static wn_enc_id sniff_utf16(const char *bytes, size_t n) {
  size_t len = WN_MIN(n, (size_t)1024) & ~(size_t)1, nul[2] = {0, 0};
  for (size_t i = 0; i < len; i++)
    nul[i & 1] += bytes[i] == 0;
  size_t all = nul[0] + nul[1];
  if (len < 4 || all * 4 < len)
    return WN_ENC_COUNT_;
  if (nul[1] * 10 >= all * 9)
    return WN_ENC_UTF16LE;
  return nul[0] * 10 >= all * 9 ? WN_ENC_UTF16BE : WN_ENC_COUNT_;
}

/* No usable label: "autodetection" (§13.2.3.2 step 8), then the default.
 * Valid UTF-8 needs no detector; pure ASCII is UTF-8 by default. */
static winnow_status detect_unlabelled(wn_decode_cache *c, const char *bytes, size_t n,
                                       wn_charset_decision *d) {
  wn_enc_id u16 = sniff_utf16(bytes, n);
  if (u16 != WN_ENC_COUNT_) {
    set_enc(d, u16, WN_CS_DETECTED);
    return WINNOW_OK;
  }
  wn_utf8_shape sh;
  shape_of(bytes, n, &sh);
  if (sh.invalid == 0) {
    set_enc(d, WN_ENC_UTF8, sh.multibyte ? WN_CS_DETECTED : WN_CS_DEFAULT);
    return WINNOW_OK;
  }
  winnow_status st = WINNOW_OK;
  const wn_encoding *e =
      utf8_plausible(&sh) ? wn_encoding_get(WN_ENC_UTF8) : detect(c, bytes, n, sh.high, &st);
  if (e)
    use_enc(d, e, WN_CS_DETECTED);
  else
    set_enc(d, utf8_plausible(&sh) ? WN_ENC_UTF8 : WN_ENC_WINDOWS1252, WN_CS_DEFAULT);
  return st;
}

/* ---- the sanity check --------------------------------------------------------- */

/* Replacements when the first TRIAL_BYTES are decoded as e. */
static winnow_status trial_errors(wn_decode_cache *c, const char *bytes, size_t n,
                                  const wn_encoding *e, uint32_t *errors) {
  wn_charset_decision t = {.enc = e, .name = e->name, .iconv_name = e->iconv};
  size_t len = WN_MIN(n, (size_t)TRIAL_BYTES);
  wn_buf tmp;
  wn_buf_init(&tmp, 4 * len + 16);
  winnow_status st = wn_to_utf8_cached(c, bytes, len, &t, &tmp, errors);
  wn_buf_free(&tmp);
  return st;
}

/* Labelled UTF-8 but not UTF-8: what the detector says, else windows-1252
 * (a Latin page with a few accented bytes is the common case). */
static winnow_status recheck_utf8_label(wn_decode_cache *c, const char *bytes, size_t n,
                                        wn_charset_decision *d) {
  wn_utf8_shape sh;
  shape_of(bytes, n, &sh);
  if (utf8_plausible(&sh))
    return WINNOW_OK;
  winnow_status st = WINNOW_OK;
  const wn_encoding *e = detect(c, bytes, n, sh.high, &st);
  if (e && e->id != WN_ENC_UTF8 && !(e->flags & WN_ENCF_UTF16))
    use_enc(d, e, WN_CS_OVERRIDDEN);
  else
    set_enc(d, WN_ENC_WINDOWS1252, WN_CS_OVERRIDDEN);
  return st;
}

/* Labelled with a legacy multibyte charset that the bytes break often
 * (more than 1 in 50 non-ASCII bytes): take the detector's answer when it
 * decodes the same bytes at least four times more cleanly. */
static winnow_status recheck_cjk_label(wn_decode_cache *c, const char *bytes, size_t n,
                                       const wn_utf8_shape *sh, wn_charset_decision *d) {
  uint32_t bad = 0, alt_bad = 0;
  winnow_status st = trial_errors(c, bytes, n, d->enc, &bad);
  if (st != WINNOW_OK || bad < 3 || (size_t)bad * 50 < WN_MIN(sh->high, (size_t)TRIAL_BYTES))
    return st;
  const wn_encoding *e = detect(c, bytes, n, sh->high, &st);
  if (!e || e == d->enc || (e->flags & WN_ENCF_UTF16) || st != WINNOW_OK)
    return st;
  if ((st = trial_errors(c, bytes, n, e, &alt_bad)) == WINNOW_OK && alt_bad * 4 <= bad)
    use_enc(d, e, WN_CS_OVERRIDDEN);
  return st;
}

/* Labelled legacy: valid UTF-8 with multibyte text is UTF-8 whatever the
 * label says (the chance that GBK or Latin text is valid UTF-8 falls fast
 * with every non-ASCII character). */
static winnow_status recheck_legacy_label(wn_decode_cache *c, const char *bytes, size_t n,
                                          wn_charset_decision *d) {
  wn_utf8_shape sh;
  shape_of(bytes, n, &sh);
  if (sh.invalid == 0 && sh.multibyte > 0) {
    set_enc(d, WN_ENC_UTF8, WN_CS_OVERRIDDEN);
    return WINNOW_OK;
  }
  if (d->enc->flags & WN_ENCF_MULTIBYTE)
    return recheck_cjk_label(c, bytes, n, &sh, d);
  return WINNOW_OK;
}

/* Labelled UTF-16 (HTTP only: the prescan turns UTF-16 into UTF-8). No
 * NUL in the first KiB: ASCII-compatible bytes, so detect instead. NULs
 * on the other parity: the other byte order ("utf-16" means LE). */
static winnow_status recheck_utf16_label(wn_decode_cache *c, const char *bytes, size_t n,
                                         wn_charset_decision *d) {
  wn_enc_id u16 = sniff_utf16(bytes, n);
  if (u16 != WN_ENC_COUNT_ && u16 != d->enc->id)
    set_enc(d, u16, WN_CS_OVERRIDDEN);
  if (n < 2 || memchr(bytes, 0, WN_MIN(n, (size_t)1024)))
    return WINNOW_OK;
  winnow_status st = detect_unlabelled(c, bytes, n, d);
  d->source = WN_CS_OVERRIDDEN;
  return st;
}

static winnow_status sanity_check(wn_decode_cache *c, const char *bytes, size_t n,
                                  wn_charset_decision *d) {
  if (d->enc->id == WN_ENC_UTF8)
    return recheck_utf8_label(c, bytes, n, d);
  if (d->enc->flags & WN_ENCF_UTF16)
    return recheck_utf16_label(c, bytes, n, d);
  return recheck_legacy_label(c, bytes, n, d);
}

/* ---- entry points ---------------------------------------------------------------- */

winnow_status wn_charset_decide_cached(wn_decode_cache *cache, const char *bytes, size_t n,
                                       const char *http_content_type, int is_html,
                                       wn_charset_decision *out) {
  memset(out, 0, sizeof *out);
  if (!cache)
    return wn_charset_decide(bytes, n, http_content_type, is_html, out);
  if (bom_sniff((const unsigned char *)bytes, n, out))
    return WINNOW_OK;
  find_label(bytes, n, http_content_type, is_html, out);
  if (!out->label_enc)
    return detect_unlabelled(cache, bytes, n, out);
  use_enc(out, out->label_enc, out->label_source);
  return sanity_check(cache, bytes, n, out);
}

winnow_status wn_charset_decide(const char *bytes, size_t n, const char *http_content_type,
                                int is_html, wn_charset_decision *out) {
  wn_decode_cache c;
  wn_decode_cache_init(&c);
  winnow_status st = wn_charset_decide_cached(&c, bytes, n, http_content_type, is_html, out);
  wn_decode_cache_free(&c);
  return st;
}
