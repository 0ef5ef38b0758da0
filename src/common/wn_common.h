/*
 * wn_common.h - internal foundation shared by every stage: the one door for
 * memory, per-document arenas, capped buffers, UTF-8 and character classes.
 * Depends on nothing else in src/.
 */
#ifndef WN_COMMON_H
#define WN_COMMON_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "winnow.h"

#define WN_MIN(a, b) ((a) < (b) ? (a) : (b))
#define WN_MAX(a, b) ((a) > (b) ? (a) : (b))
#define WN_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- memory: every allocation in the library goes through these ---- */
void *wn_malloc(size_t n);
void *wn_calloc(size_t n, size_t size);
void *wn_realloc(void *p, size_t n);
void wn_free(void *p);
char *wn_strndup(const char *s, size_t n);
/* Test hook: make the n-th allocation from now fail (0 = never). Only in
 * builds with WINNOW_FAULT_INJECTION; a no-op otherwise. */
void wn_alloc_fail_after(long n);
/* Test hook: allocations still to come before the failure asked for takes
 * place (0 once it did, or when none was asked for, or in other builds).
 * wn_alloc_fail_after(LONG_MAX) then counts allocations. */
long wn_alloc_fail_pending(void);

/* ---- arena: bump allocation for one document, reset between documents ---- */
typedef struct wn_arena_chunk wn_arena_chunk;
typedef struct wn_arena {
  wn_arena_chunk *head; /* current chunk; older ones follow ->next */
  size_t used;          /* bytes used in head */
  size_t total;         /* bytes held in all chunks */
  size_t cap;           /* most bytes the arena may hold */
  int failed;           /* an allocation gave NULL since the last reset */
} wn_arena;

void wn_arena_init(wn_arena *a, size_t cap);
/* NULL when out of memory or over the cap (and failed is set: a caller
 * that can go on without the bytes still fails the document at its end).
 * Memory is 16-byte aligned. */
void *wn_arena_alloc(wn_arena *a, size_t n);
void *wn_arena_calloc(wn_arena *a, size_t n);
char *wn_arena_strndup(wn_arena *a, const char *s, size_t n);
/* Forget every allocation; keeps the largest chunk for reuse. */
void wn_arena_reset(wn_arena *a);
void wn_arena_free(wn_arena *a);

/* ---- capped growable buffer ---- */
typedef struct wn_buf {
  char *p;
  size_t len, cap, max; /* max: the cap this buffer may never exceed */
} wn_buf;

void wn_buf_init(wn_buf *b, size_t max);
void wn_buf_free(wn_buf *b);
static inline void wn_buf_clear(wn_buf *b) {
  b->len = 0;
}
/* Make room for n more bytes. WINNOW_ERR_LIMIT past max, ERR_NOMEM. */
winnow_status wn_buf_reserve(wn_buf *b, size_t n);
winnow_status wn_buf_add(wn_buf *b, const void *p, size_t n);
winnow_status wn_buf_addc(wn_buf *b, char c);
winnow_status wn_buf_adds(wn_buf *b, const char *s);
winnow_status wn_buf_printf(wn_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* NUL-terminate without counting the NUL in len. */
winnow_status wn_buf_nul(wn_buf *b);
/* Append s as a JSON string literal, quotes included. s must be valid
 * UTF-8; control characters are escaped, the rest is copied. */
winnow_status wn_buf_json_str(wn_buf *b, const char *s, size_t n);

/* ---- UTF-8 ---- */
/* Copy src to out as valid UTF-8: each maximal invalid subsequence becomes
 * U+FFFD (WHATWG "decode" replacement), NUL becomes U+FFFD. Counts what it
 * replaced. out is NUL-terminated. */
winnow_status wn_utf8_repair(const char *src, size_t len, wn_buf *out, uint32_t *n_invalid,
                             uint32_t *n_nul);
/* Decode one code point from valid UTF-8 at s (s < end); returns its length
 * in bytes. */
static inline int wn_utf8_next(const unsigned char *s, const unsigned char *end, uint32_t *cp) {
  unsigned c = s[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  if (c < 0xE0 && s + 1 < end) {
    *cp = ((c & 0x1Fu) << 6) | (s[1] & 0x3Fu);
    return 2;
  }
  if (c < 0xF0 && s + 2 < end) {
    *cp = ((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
    return 3;
  }
  if (s + 3 < end) {
    *cp = ((c & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
    return 4;
  }
  *cp = 0xFFFD;
  return 1;
}
/* Length of the valid UTF-8 sequence at s (s[0] >= 0x80, left bytes
 * available), or 0 with *bad = the length of its maximal ill-formed subpart
 * (*bad == left when the input ended inside the sequence). */
size_t wn_utf8_seq(const unsigned char *s, size_t left, size_t *bad);
/* Encode cp into out (4 bytes room); returns bytes written. */
int wn_utf8_put(char *out, uint32_t cp);
/* Code points in valid UTF-8. */
size_t wn_utf8_count(const char *s, size_t n);

/* ---- character classes ---- */
enum {
  WN_CC_OTHER = 0,
  WN_CC_SPACE,
  WN_CC_HAN,
  WN_CC_KANA,
  WN_CC_HANGUL,
  WN_CC_LATIN,
  WN_CC_CYRL,
  WN_CC_LETTER, /* letters of other scripts */
  WN_CC_DIGIT,
  WN_CC_PUNCT,
  WN_CC_SYMBOL
};
/* Flags that refine WN_CC_PUNCT / WN_CC_SYMBOL. */
enum {
  WN_CF_SENT_END = 1, /* . ! ? 。 ！ ？ … */
  WN_CF_COMMA = 2,    /* , ; : ， 、 ； ： */
  WN_CF_SEP = 4,      /* item separator: | · • › » > / _ 丨 ｜ ¦ ‖ */
  WN_CF_OPEN = 8,     /* opening bracket or quote */
  WN_CF_CLOSE = 16,   /* closing bracket or quote */
  WN_CF_COLON = 32    /* : ： */
};
/* O(1) for the BMP (a table generated at build time), ranges beyond. */
extern const uint16_t wn_bmp_info[65536];
int wn_char_class_slow(uint32_t cp);
int wn_char_flags_slow(uint32_t cp);
static inline int wn_char_class(uint32_t cp) {
  return cp < 0x10000 ? wn_bmp_info[cp] & 15 : wn_char_class_slow(cp);
}
static inline int wn_char_flags(uint32_t cp) {
  return cp < 0x10000 ? (wn_bmp_info[cp] >> 4) & 63 : wn_char_flags_slow(cp);
}

/* Simplified/Traditional evidence of one Han character, from OpenCC's
 * installed dictionaries (table generated at build time). */
enum { WN_HAN_NEUTRAL = 0, WN_HAN_SIMP_ONLY = 1, WN_HAN_TRAD_ONLY = 2 };
int wn_han_variant(uint32_t cp);
/* Character-level conversions (first candidate of OpenCC's character
 * dictionaries); cp itself when there is none. */
uint32_t wn_han_t2s(uint32_t cp);
uint32_t wn_han_s2t(uint32_t cp);

/* ---- small string helpers ---- */
/* snprintf into a fixed buffer that never overflows; returns buf. */
char *wn_fmt(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* ---- data files embedded at build time (tools/embed_data.c) ---- */
typedef struct wn_data_file {
  const char *name;
  const unsigned char *data;
  size_t len;
} wn_data_file;

#endif /* WN_COMMON_H */
