/* chars.c - character classes and punctuation roles. A compact subset of
 * UAX #24 (scripts) and the Unicode general categories: enough to count
 * scripts, letters, digits and punctuation in a block; ranges are sorted for
 * binary search, ASCII has its own table. */
#include "wn_common.h"

#include "chars_ranges.h"

static int ascii_class(uint32_t c) {
  if (c == ' ' || (c >= 9 && c <= 13))
    return WN_CC_SPACE;
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
    return WN_CC_LATIN;
  if (c >= '0' && c <= '9')
    return WN_CC_DIGIT;
  if (c < 0x20 || c == 0x7F)
    return WN_CC_OTHER;
  switch (c) {
  case '$':
  case '+':
  case '<':
  case '=':
  case '^':
  case '`':
  case '~': return WN_CC_SYMBOL;
  default: return WN_CC_PUNCT;
  }
}

static int ascii_flags(uint32_t c) {
  switch (c) {
  case '.':
  case '!':
  case '?': return WN_CF_SENT_END;
  case ',':
  case ';': return WN_CF_COMMA;
  case ':': return WN_CF_COMMA | WN_CF_COLON;
  case '|':
  case '>':
  case '/':
  case '_': return WN_CF_SEP;
  case '(':
  case '[':
  case '{': return WN_CF_OPEN;
  case ')':
  case ']':
  case '}': return WN_CF_CLOSE;
  default: return 0;
  }
}

/* The generator calls these for every BMP code point; at run time the
 * BMP comes from the flattened table (hanchar.c) and only astral planes
 * reach the ranges. */
int wn_char_class_slow(uint32_t cp) {
  if (cp < 0x80)
    return ascii_class(cp);
  const range *r = wn_range_find(cp);
  return r ? r->cls : WN_CC_OTHER;
}

int wn_char_flags_slow(uint32_t cp) {
  if (cp < 0x80)
    return ascii_flags(cp);
  const range *r = wn_range_find(cp);
  return r ? r->flags : 0;
}
