/* textfe.c - the text front end. A line is the natural block of extracted
 * text: crawlers' text dumps put one DOM block per line, and a blank line
 * marks a paragraph break. Lines are trimmed of white space (ASCII, NBSP,
 * U+3000 and friends), so indentation does not change features. */
#include <string.h>

#include "wn_text.h"

static size_t line_end(const char *s, size_t i, size_t len) {
  const char *nl = memchr(s + i, '\n', len - i);
  return nl ? (size_t)(nl - s) : len;
}

/* Trim white space code points from both ends of [*a, *b). */
static void trim(const char *s, size_t *a, size_t *b) {
  while (*a < *b) {
    uint32_t cp;
    int n = wn_utf8_next((const unsigned char *)s + *a, (const unsigned char *)s + *b, &cp);
    if (wn_char_class(cp) != WN_CC_SPACE)
      break;
    *a += (size_t)n;
  }
  while (*b > *a) {
    size_t p = *b - 1;
    while (p > *a && ((unsigned char)s[p] & 0xC0) == 0x80)
      p--;
    uint32_t cp;
    wn_utf8_next((const unsigned char *)s + p, (const unsigned char *)s + *b, &cp);
    if (wn_char_class(cp) != WN_CC_SPACE)
      break;
    *b = p;
  }
}

static size_t count_lines(const char *s, size_t len) {
  size_t n = 0;
  for (size_t i = 0; i < len; i = line_end(s, i, len) + 1)
    n++;
  return n;
}

winnow_status wn_text_blocks(const char *text, size_t len, wn_arena *a, size_t max_blocks,
                             winnow_block **out, size_t *n) {
  size_t lines = count_lines(text, len);
  *out = NULL;
  *n = 0;
  if (lines == 0)
    return WINNOW_OK;
  winnow_block *v = wn_arena_alloc(a, WN_MIN(lines, max_blocks + 1) * sizeof *v);
  if (!v)
    return WINNOW_ERR_NOMEM;
  size_t k = 0;
  uint32_t para = 0;
  int blank = 1; /* the document start counts as a blank line */
  for (size_t i = 0; i < len;) {
    size_t e = line_end(text, i, len), s0 = i, s1 = e;
    trim(text, &s0, &s1);
    i = e + 1;
    if (s0 == s1) {
      if (k && !blank)
        v[k - 1].f.blank_after = 1;
      para += !blank && k;
      blank = 1;
      continue;
    }
    if (k == max_blocks)
      return WINNOW_ERR_LIMIT;
    memset(&v[k], 0, sizeof v[k]);
    v[k].start = (uint32_t)s0;
    v[k].end = (uint32_t)s1;
    v[k].para = para;
    v[k].f.blank_before = (uint8_t)blank;
    blank = 0;
    k++;
  }
  if (k)
    v[k - 1].f.blank_after = 1;
  *out = v;
  *n = k;
  return WINNOW_OK;
}
