/* Unit tests of src/common: UTF-8 repair, capped buffers, JSON strings,
 * arenas, character classes, Han variants. */
#include <stdlib.h>

#include "check.h"
#include "common/wn_common.h"

static const char *repair(const char *in, size_t n, uint32_t *inv, uint32_t *nul, wn_buf *b) {
  wn_buf_clear(b);
  CHECK(wn_utf8_repair(in, n, b, inv, nul) == WINNOW_OK);
  return b->p;
}

static void test_utf8(void) {
  wn_buf b;
  uint32_t inv, nul;
  wn_buf_init(&b, 1 << 20);
  CHECK_STR(repair("plain ascii", 11, &inv, &nul, &b), "plain ascii");
  CHECK(inv == 0 && nul == 0);
  CHECK_STR(repair("中文", 6, &inv, &nul, &b), "中文");
  /* one U+FFFD per maximal subpart (WHATWG): E4 B8 is a truncated 3-byte */
  CHECK_STR(repair("a\xE4\xB8z", 4, &inv, &nul, &b), "a\xEF\xBF\xBDz");
  CHECK(inv == 1);
  CHECK_STR(repair("\xFF\xFE", 2, &inv, &nul, &b), "\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(inv == 2);
  CHECK_STR(repair("\xED\xA0\x80", 3, &inv, &nul, &b), /* surrogate: 3 subparts */
            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK_STR(repair("\xC0\xAF", 2, &inv, &nul, &b), "\xEF\xBF\xBD\xEF\xBF\xBD"); /* overlong */
  CHECK_STR(repair("x\0y", 3, &inv, &nul, &b), "x\xEF\xBF\xBDy");
  CHECK(nul == 1 && inv == 0);
  CHECK_STR(repair("0123456789abcdef\xF0\x9F\x98\x80", 20, &inv, &nul, &b),
            "0123456789abcdef\xF0\x9F\x98\x80");
  CHECK(wn_utf8_count("a中\xF0\x9F\x98\x80", 8) == 3);
  char enc[4];
  CHECK(wn_utf8_put(enc, 0x4E2D) == 3 && !memcmp(enc, "中", 3));
  CHECK(wn_utf8_put(enc, 0x1F600) == 4);
  wn_buf_free(&b);
}

static void test_buf(void) {
  wn_buf b;
  wn_buf_init(&b, 8);
  CHECK(wn_buf_adds(&b, "12345678") == WINNOW_OK);
  CHECK(wn_buf_addc(&b, '9') == WINNOW_ERR_LIMIT); /* the cap holds */
  CHECK(b.len == 8);
  CHECK(wn_buf_nul(&b) == WINNOW_OK && !strcmp(b.p, "12345678"));
  wn_buf_free(&b);
  wn_buf_init(&b, 1024);
  CHECK(wn_buf_json_str(&b, "a\"b\\c\n\x01", 7) == WINNOW_OK);
  wn_buf_nul(&b);
  CHECK_STR(b.p, "\"a\\\"b\\\\c\\n\\u0001\"");
  wn_buf_clear(&b);
  CHECK(wn_buf_printf(&b, "%d-%s", 42, "x") == WINNOW_OK && b.len == 4);
  wn_buf_free(&b);
  /* "no cap": the spare byte for the NUL must not wrap max + 1 to 0 */
  wn_buf_init(&b, SIZE_MAX);
  CHECK(wn_buf_adds(&b, "abc") == WINNOW_OK && wn_buf_nul(&b) == WINNOW_OK);
  CHECK(b.cap >= 4 && !strcmp(b.p, "abc"));
  CHECK(wn_buf_reserve(&b, SIZE_MAX - 2) == WINNOW_ERR_LIMIT); /* len + n past max */
  wn_buf_free(&b);
}

static void test_arena(void) {
  wn_arena a;
  wn_arena_init(&a, 1 << 20);
  char *p = wn_arena_alloc(&a, 10);
  CHECK(p && ((uintptr_t)p & 15) == 0);
  CHECK(wn_arena_alloc(&a, 2 << 20) == NULL); /* over the cap */
  char *big = wn_arena_alloc(&a, 200000);
  CHECK(big != NULL);
  CHECK_STR(wn_arena_strndup(&a, "hello", 3), "hel");
  wn_arena_reset(&a);
  CHECK(a.total > 0 && a.used == 0); /* keeps a chunk for reuse */
  CHECK(wn_arena_calloc(&a, 64) != NULL);
  wn_arena_free(&a);
}

static void test_chars(void) {
  CHECK(wn_char_class('a') == WN_CC_LATIN);
  CHECK(wn_char_class(0x4E2D) == WN_CC_HAN);
  CHECK(wn_char_class(0x3042) == WN_CC_KANA);
  CHECK(wn_char_class(0xAC00) == WN_CC_HANGUL);
  CHECK(wn_char_class(0x3000) == WN_CC_SPACE);
  CHECK(wn_char_class(0x0416) == WN_CC_CYRL);
  CHECK(wn_char_class(0xFF10) == WN_CC_DIGIT);
  CHECK(wn_char_flags(0x3002) & WN_CF_SENT_END);
  CHECK(wn_char_flags(0xFF0C) & WN_CF_COMMA);
  CHECK(wn_char_flags('|') & WN_CF_SEP);
  CHECK(wn_char_flags(0x3010) & WN_CF_OPEN);
  CHECK(wn_char_flags(0xFF1A) & WN_CF_COLON);
}

static void test_hanchar(void) {
  CHECK(wn_han_variant(0x570B) == WN_HAN_TRAD_ONLY); /* 國 */
  CHECK(wn_han_variant(0x56FD) == WN_HAN_SIMP_ONLY); /* 国 */
  CHECK(wn_han_variant(0x4E2D) == WN_HAN_NEUTRAL);   /* 中 */
  CHECK(wn_han_variant(0x540E) == WN_HAN_NEUTRAL);   /* 后: also Traditional */
  CHECK(wn_han_t2s(0x570B) == 0x56FD);
  CHECK(wn_han_s2t(0x56FD) == 0x570B);
  CHECK(wn_han_t2s('a') == 'a');
}

int main(void) {
  test_utf8();
  test_buf();
  test_arena();
  test_chars();
  test_hanchar();
  return check_done("common");
}
