/*
 * wn_decode.h - charset decision and conversion to UTF-8.
 *
 * Web pages arrive in many charsets, often labelled wrongly. libxml2 trusts
 * a wrong <meta charset>, stops at the first conversion error and truncates
 * at a NUL (the project's research notes, "Traps seen"), so winnow decides the
 * charset itself and hands every later stage valid, NUL-free UTF-8:
 *
 *   wn_charset_decide   BOM -> HTTP Content-Type charset -> <meta> prescan
 *                       (HTML only) -> detection (BOM-less UTF-16, valid
 *                       UTF-8, uchardet) -> default, then a sanity check
 *                       of the label against the bytes.
 *   wn_to_utf8          the conversion: every invalid or truncated sequence
 *                       and every NUL becomes U+FFFD and conversion goes on.
 *
 * Names follow the WHATWG Encoding Standard (§4.2 "Names and labels"); the
 * bytes are decoded with glibc iconv under a name chosen for each encoding
 * (gbk -> GB18030, big5 -> BIG5-HKSCS, Shift_JIS -> CP932, EUC-KR -> CP949,
 * the supersets browsers use). Depends on src/common only.
 */
#ifndef WN_DECODE_H
#define WN_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../common/wn_common.h"

/* ---- encodings -------------------------------------------------------- */
/* The encodings winnow decodes: the WHATWG set minus "replacement" and
 * "x-user-defined" (both mapped as described in charset_labels.c). */
typedef enum wn_enc_id {
  WN_ENC_UTF8 = 0,
  WN_ENC_UTF16LE,
  WN_ENC_UTF16BE,
  WN_ENC_GBK,
  WN_ENC_GB18030,
  WN_ENC_BIG5,
  WN_ENC_SHIFT_JIS,
  WN_ENC_EUC_JP,
  WN_ENC_ISO2022JP,
  WN_ENC_EUC_KR,
  WN_ENC_IBM866,
  WN_ENC_ISO8859_2,
  WN_ENC_ISO8859_3,
  WN_ENC_ISO8859_4,
  WN_ENC_ISO8859_5,
  WN_ENC_ISO8859_6,
  WN_ENC_ISO8859_7,
  WN_ENC_ISO8859_8,
  WN_ENC_ISO8859_8I,
  WN_ENC_ISO8859_10,
  WN_ENC_ISO8859_13,
  WN_ENC_ISO8859_14,
  WN_ENC_ISO8859_15,
  WN_ENC_ISO8859_16,
  WN_ENC_KOI8R,
  WN_ENC_KOI8U,
  WN_ENC_MACINTOSH,
  WN_ENC_WINDOWS874,
  WN_ENC_WINDOWS1250,
  WN_ENC_WINDOWS1251,
  WN_ENC_WINDOWS1252,
  WN_ENC_WINDOWS1253,
  WN_ENC_WINDOWS1254,
  WN_ENC_WINDOWS1255,
  WN_ENC_WINDOWS1256,
  WN_ENC_WINDOWS1257,
  WN_ENC_WINDOWS1258,
  WN_ENC_MAC_CYRILLIC,
  WN_ENC_COUNT_
} wn_enc_id;

enum {
  WN_ENCF_MULTIBYTE = 1, /* CJK double-byte and variable-width legacy */
  WN_ENCF_UTF16 = 2,     /* not ASCII-compatible; 2-byte code units */
  WN_ENCF_STATEFUL = 4,  /* escape sequences switch state (ISO-2022-JP) */
  WN_ENCF_GB = 8,        /* the GB family: byte 0x80 is U+20AC (WHATWG §10.2.1) */
  WN_ENCF_LATIN = 16     /* single-byte, Latin script: accents are isolated bytes */
};

typedef struct wn_encoding {
  wn_enc_id id;
  const char *name;  /* WHATWG name, e.g. "GBK", "Shift_JIS", "windows-1252" */
  const char *iconv; /* glibc iconv name; NULL for UTF-8 (wn_utf8_repair) */
  unsigned flags;    /* WN_ENCF_* */
} wn_encoding;

/* The encoding of an id. Static storage; NULL for an id out of range. */
const wn_encoding *wn_encoding_get(wn_enc_id id);
/* WHATWG "get an encoding" (Encoding Standard §4.2): trim ASCII white
 * space, lower-case, look up the label table. NULL for an unknown label,
 * for "replacement" labels (iso-2022-kr, hz-gb-2312, ...) and for labels
 * longer than any in the table. */
const wn_encoding *wn_encoding_for_label(const char *label, size_t n);
/* The encoding a uchardet answer names ("GB18030", "UHC", "SHIFT_JIS",
 * "MAC-CYRILLIC", ...); NULL for "", "ASCII" and charsets we do not decode
 * (EUC-TW, ISO-2022-CN, IBM855, VISCII, ...). */
const wn_encoding *wn_encoding_for_uchardet(const char *name);

/* ---- labels found in the input ------------------------------------------ */
#define WN_LABEL_MAX 48 /* longest label kept, NUL included; longer is cut */

/* The charset parameter of an HTTP Content-Type value (WHATWG MIME Sniffing
 * §4.4 "parse a MIME type": parameters after ';', names case-insensitive,
 * values optionally quoted with backslash escapes; the first charset
 * parameter wins). Copies the raw value into label (NUL-terminated, "" when
 * none) and returns its encoding, or NULL when absent or unknown. */
const wn_encoding *wn_http_charset(const char *content_type, char label[WN_LABEL_MAX]);

/* WHATWG HTML §13.2.3.2 "prescan a byte stream to determine its encoding"
 * over the first 1024 bytes: <meta charset> and <meta http-equiv=
 * "content-type" content="...charset=...">, comments and other tags
 * skipped, attributes parsed as the spec's "get an attribute". The label is
 * copied into label ("" when none). Returns the encoding (UTF-16 labels
 * become UTF-8, as the spec says), or NULL. */
const wn_encoding *wn_prescan(const char *bytes, size_t n, char label[WN_LABEL_MAX]);

/* ---- the decision ---------------------------------------------------------- */
typedef enum wn_charset_source {
  WN_CS_NONE = 0,       /* only as label_source: no label was found */
  WN_CS_BOM = 1,        /* byte order mark */
  WN_CS_HTTP = 2,       /* HTTP Content-Type charset */
  WN_CS_META = 3,       /* <meta> prescan */
  WN_CS_DETECTED = 4,   /* UTF-16 by its NULs, valid UTF-8, or uchardet */
  WN_CS_DEFAULT = 5,    /* nothing better: UTF-8 if valid, else windows-1252 */
  WN_CS_OVERRIDDEN = 6, /* a label the bytes contradict was replaced */
  WN_CS_COUNT_ = 7
} wn_charset_source;

/* "bom", "http", "meta", "detected", "default", "label_overridden"; "" for
 * WN_CS_NONE. Static storage. */
const char *wn_charset_source_str(wn_charset_source s);

typedef struct wn_charset_decision {
  const wn_encoding *enc;   /* never NULL after wn_charset_decide */
  const char *name;         /* enc->name, for metadata.charset */
  const char *iconv_name;   /* enc->iconv: NULL means UTF-8 repair */
  wn_charset_source source; /* for metadata.charset_source */
  size_t bom_len;           /* bytes of BOM to skip (0, 2 or 3) */
  /* The label the input carried (HTTP wins over <meta>), whether or not it
   * was used: with source OVERRIDDEN it is the label the bytes
   * contradicted; with DETECTED/DEFAULT it was unknown ("charset=foo"). */
  char label[WN_LABEL_MAX];       /* as written, "" when none */
  wn_charset_source label_source; /* WN_CS_HTTP, WN_CS_META or WN_CS_NONE */
  const wn_encoding *label_enc;   /* the label's encoding, NULL if unknown */
} wn_charset_decision;

/* Bytes the sanity check inspects (uchardet sees 16 KiB of them, from just
 * before the first non-ASCII byte); conversion is not bounded by it. */
#define WN_DECODE_SNIFF_BYTES (64u * 1024u)

/* A small cache of iconv descriptors and one detector, so a thread does not
 * open them per document. Owned by the caller (one per thread, e.g. in a
 * context); zero-initialise with wn_decode_cache_init. Not thread-safe. */
#define WN_DECODE_CACHE_SLOTS 4
typedef struct wn_decode_cache {
  struct {
    const wn_encoding *enc;
    void *cd; /* iconv_t */
  } slot[WN_DECODE_CACHE_SLOTS];
  unsigned next;  /* slot to evict next (round robin) */
  void *detector; /* uchardet_t, created on first use */
} wn_decode_cache;

void wn_decode_cache_init(wn_decode_cache *c);
/* Closes what the cache holds; accepts NULL; the cache is reusable after. */
void wn_decode_cache_free(wn_decode_cache *c);
/* An iconv_t (as void *) decoding e to UTF-8, in its initial state; owned
 * by the cache. WINNOW_ERR_UNSUPPORTED when iconv lacks e. */
winnow_status wn_decode_cache_cd(wn_decode_cache *c, const wn_encoding *e, void **cd);
/* The cache's uchardet_t (as void *), reset; created on first use. */
winnow_status wn_decode_cache_detector(wn_decode_cache *c, void **ud);

/* Decide the charset of n bytes. http_content_type (the Content-Type header
 * value) may be NULL; is_html enables the <meta> prescan. Always fills *out
 * (windows-1252 or UTF-8 at worst) and returns WINNOW_OK, or
 * WINNOW_ERR_NOMEM when the detector or the sanity check's trial
 * conversion could not get memory (*out is still filled then, from what
 * was known). cache may be NULL (a temporary one is used). */
winnow_status wn_charset_decide_cached(wn_decode_cache *cache, const char *bytes, size_t n,
                                       const char *http_content_type, int is_html,
                                       wn_charset_decision *out);
winnow_status wn_charset_decide(const char *bytes, size_t n, const char *http_content_type,
                                int is_html, wn_charset_decision *out);

/* Convert n bytes in the charset d decided (its BOM is skipped) to UTF-8,
 * APPENDED to out and NUL-terminated. Invalid and truncated sequences and
 * NULs become U+FFFD; *n_replaced (may be NULL) counts them. Returns
 * WINNOW_ERR_LIMIT when the output would pass out->max (out then holds the
 * output converted so far, cut at a character boundary), WINNOW_ERR_NOMEM,
 * WINNOW_ERR_UNSUPPORTED when iconv cannot open the decoder, else
 * WINNOW_OK. cache may be NULL (one iconv_t is opened for the call). */
winnow_status wn_to_utf8_cached(wn_decode_cache *cache, const char *bytes, size_t n,
                                const wn_charset_decision *d, wn_buf *out, uint32_t *n_replaced);
winnow_status wn_to_utf8(const char *bytes, size_t n, const wn_charset_decision *d, wn_buf *out,
                         uint32_t *n_replaced);

/* ---- shared with the sanity check (exposed for tests) ------------------------ */
/* UTF-8 shape of a prefix: multibyte sequences that are valid and maximal
 * ill-formed subparts (WHATWG §4.1 counting). When truncated is true a
 * sequence cut by the end of the prefix is not counted as invalid. */
typedef struct wn_utf8_shape {
  size_t multibyte; /* valid sequences of 2-4 bytes */
  size_t invalid;   /* ill-formed subparts */
  size_t nul;       /* NUL bytes */
  size_t high;      /* bytes >= 0x80 seen */
} wn_utf8_shape;
void wn_utf8_shape_of(const char *s, size_t n, bool truncated, wn_utf8_shape *out);

#endif /* WN_DECODE_H */
