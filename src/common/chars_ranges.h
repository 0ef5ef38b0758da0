/* chars_ranges.h - the code point ranges behind wn_char_class and
 * wn_char_flags: a compact subset of UAX #24 scripts and the general
 * categories. Shared by chars.c (code points past the BMP) and by the
 * build-time generator tools/gen_hanchar.c, which flattens the BMP into a
 * lookup table. Sorted, non-overlapping; anything absent is WN_CC_OTHER. */
#ifndef WN_CHARS_RANGES_H
#define WN_CHARS_RANGES_H

typedef struct range {
  uint32_t lo, hi;
  uint8_t cls, flags;
} range;

static const range RANGES[] = {
    {0x80, 0x84, WN_CC_OTHER, 0},
    {0x85, 0x85, WN_CC_SPACE, 0},
    {0xA0, 0xA0, WN_CC_SPACE, 0},
    {0xA1, 0xA1, WN_CC_PUNCT, 0},
    {0xA2, 0xA5, WN_CC_SYMBOL, 0},
    {0xA6, 0xA6, WN_CC_SYMBOL, WN_CF_SEP},
    {0xA7, 0xAA, WN_CC_SYMBOL, 0},
    {0xAB, 0xAB, WN_CC_PUNCT, WN_CF_OPEN},
    {0xAC, 0xB6, WN_CC_SYMBOL, 0},
    {0xB7, 0xB7, WN_CC_PUNCT, WN_CF_SEP},
    {0xB8, 0xBA, WN_CC_SYMBOL, 0},
    {0xBB, 0xBB, WN_CC_PUNCT, WN_CF_CLOSE | WN_CF_SEP},
    {0xBC, 0xBE, WN_CC_SYMBOL, 0},
    {0xBF, 0xBF, WN_CC_PUNCT, 0},
    {0xC0, 0xD6, WN_CC_LATIN, 0},
    {0xD7, 0xD7, WN_CC_SYMBOL, 0},
    {0xD8, 0xF6, WN_CC_LATIN, 0},
    {0xF7, 0xF7, WN_CC_SYMBOL, 0},
    {0xF8, 0x24F, WN_CC_LATIN, 0},
    {0x250, 0x2FF, WN_CC_LETTER, 0},
    {0x300, 0x36F, WN_CC_OTHER, 0}, /* combining marks */
    {0x370, 0x3FF, WN_CC_LETTER, 0},
    {0x400, 0x52F, WN_CC_CYRL, 0},
    {0x530, 0x1DFF, WN_CC_LETTER, 0},
    {0x1E00, 0x1EFF, WN_CC_LATIN, 0},
    {0x1F00, 0x1FFF, WN_CC_LETTER, 0},
    {0x2000, 0x200B, WN_CC_SPACE, 0},
    {0x200C, 0x200F, WN_CC_OTHER, 0},
    {0x2010, 0x2015, WN_CC_PUNCT, 0},
    {0x2016, 0x2016, WN_CC_PUNCT, WN_CF_SEP},
    {0x2017, 0x2017, WN_CC_PUNCT, 0},
    {0x2018, 0x2018, WN_CC_PUNCT, WN_CF_OPEN},
    {0x2019, 0x2019, WN_CC_PUNCT, WN_CF_CLOSE},
    {0x201A, 0x201B, WN_CC_PUNCT, 0},
    {0x201C, 0x201C, WN_CC_PUNCT, WN_CF_OPEN},
    {0x201D, 0x201D, WN_CC_PUNCT, WN_CF_CLOSE},
    {0x201E, 0x2021, WN_CC_PUNCT, 0},
    {0x2022, 0x2022, WN_CC_PUNCT, WN_CF_SEP},
    {0x2023, 0x2025, WN_CC_PUNCT, 0},
    {0x2026, 0x2026, WN_CC_PUNCT, WN_CF_SENT_END},
    {0x2027, 0x2027, WN_CC_PUNCT, WN_CF_SEP},
    {0x2028, 0x2029, WN_CC_SPACE, 0},
    {0x202A, 0x202E, WN_CC_OTHER, 0},
    {0x202F, 0x202F, WN_CC_SPACE, 0},
    {0x2030, 0x2039, WN_CC_PUNCT, 0},
    {0x203A, 0x203A, WN_CC_PUNCT, WN_CF_SEP},
    {0x203B, 0x203B, WN_CC_SYMBOL, 0},
    {0x203C, 0x203C, WN_CC_PUNCT, WN_CF_SENT_END},
    {0x203D, 0x205E, WN_CC_PUNCT, 0},
    {0x205F, 0x205F, WN_CC_SPACE, 0},
    {0x2060, 0x206F, WN_CC_OTHER, 0},
    {0x2070, 0x218F, WN_CC_SYMBOL, 0},
    {0x2190, 0x2191, WN_CC_SYMBOL, 0},
    {0x2192, 0x2192, WN_CC_SYMBOL, WN_CF_SEP},
    {0x2193, 0x2218, WN_CC_SYMBOL, 0},
    {0x2219, 0x2219, WN_CC_SYMBOL, WN_CF_SEP},
    {0x221A, 0x2222, WN_CC_SYMBOL, 0},
    {0x2223, 0x2223, WN_CC_SYMBOL, WN_CF_SEP},
    {0x2224, 0x245F, WN_CC_SYMBOL, 0},
    {0x2460, 0x24FF, WN_CC_DIGIT, 0}, /* circled numbers */
    {0x2500, 0x25A9, WN_CC_SYMBOL, 0},
    {0x25AA, 0x25AA, WN_CC_SYMBOL, WN_CF_SEP},
    {0x25AB, 0x2BFF, WN_CC_SYMBOL, 0},
    {0x2C00, 0x2DFF, WN_CC_LETTER, 0},
    {0x2E00, 0x2E7F, WN_CC_PUNCT, 0},
    {0x2E80, 0x2FDF, WN_CC_HAN, 0}, /* radicals */
    {0x3000, 0x3000, WN_CC_SPACE, 0},
    {0x3001, 0x3001, WN_CC_PUNCT, WN_CF_COMMA},
    {0x3002, 0x3002, WN_CC_PUNCT, WN_CF_SENT_END},
    {0x3003, 0x3004, WN_CC_PUNCT, 0},
    {0x3005, 0x3005, WN_CC_HAN, 0},
    {0x3006, 0x3006, WN_CC_PUNCT, 0},
    {0x3007, 0x3007, WN_CC_HAN, 0},
    {0x3008, 0x3008, WN_CC_PUNCT, WN_CF_OPEN},
    {0x3009, 0x3009, WN_CC_PUNCT, WN_CF_CLOSE},
    {0x300A, 0x300A, WN_CC_PUNCT, WN_CF_OPEN},
    {0x300B, 0x300B, WN_CC_PUNCT, WN_CF_CLOSE},
    {0x300C, 0x300C, WN_CC_PUNCT, WN_CF_OPEN},
    {0x300D, 0x300D, WN_CC_PUNCT, WN_CF_CLOSE},
    {0x300E, 0x300E, WN_CC_PUNCT, WN_CF_OPEN},
    {0x300F, 0x300F, WN_CC_PUNCT, WN_CF_CLOSE},
    {0x3010, 0x3010, WN_CC_PUNCT, WN_CF_OPEN},
    {0x3011, 0x3011, WN_CC_PUNCT, WN_CF_CLOSE},
    {0x3012, 0x3013, WN_CC_SYMBOL, 0},
    {0x3014, 0x3014, WN_CC_PUNCT, WN_CF_OPEN},
    {0x3015, 0x3015, WN_CC_PUNCT, WN_CF_CLOSE},
    {0x3016, 0x303F, WN_CC_PUNCT, 0},
    {0x3040, 0x30FA, WN_CC_KANA, 0},
    {0x30FB, 0x30FB, WN_CC_PUNCT, WN_CF_SEP},
    {0x30FC, 0x30FF, WN_CC_KANA, 0},
    {0x3100, 0x312F, WN_CC_LETTER, 0}, /* bopomofo */
    {0x3130, 0x318F, WN_CC_HANGUL, 0},
    {0x3190, 0x31EF, WN_CC_LETTER, 0},
    {0x31F0, 0x31FF, WN_CC_KANA, 0},
    {0x3200, 0x33FF, WN_CC_SYMBOL, 0},
    {0x3400, 0x4DBF, WN_CC_HAN, 0},
    {0x4DC0, 0x4DFF, WN_CC_SYMBOL, 0},
    {0x4E00, 0x4E27, WN_CC_HAN, 0},
    {0x4E28, 0x4E28, WN_CC_PUNCT, WN_CF_SEP}, /* 丨 used as a bar */
    {0x4E29, 0x9FFF, WN_CC_HAN, 0},
    {0xA000, 0xABFF, WN_CC_LETTER, 0},
    {0xAC00, 0xD7AF, WN_CC_HANGUL, 0},
    {0xD7B0, 0xD7FF, WN_CC_HANGUL, 0},
    {0xF900, 0xFAFF, WN_CC_HAN, 0},
    {0xFB00, 0xFDFF, WN_CC_LETTER, 0},
    {0xFE30, 0xFE30, WN_CC_PUNCT, 0},
    {0xFE31, 0xFE31, WN_CC_PUNCT, WN_CF_SEP},
    {0xFE32, 0xFE4F, WN_CC_PUNCT, 0},
    {0xFE50, 0xFE6F, WN_CC_PUNCT, 0},
    {0xFE70, 0xFEFE, WN_CC_LETTER, 0},
    {0xFEFF, 0xFEFF, WN_CC_SPACE, 0},
    {0xFF01, 0xFF01, WN_CC_PUNCT, WN_CF_SENT_END},
    {0xFF02, 0xFF07, WN_CC_PUNCT, 0},
    {0xFF08, 0xFF08, WN_CC_PUNCT, WN_CF_OPEN},
    {0xFF09, 0xFF09, WN_CC_PUNCT, WN_CF_CLOSE},
    {0xFF0A, 0xFF0B, WN_CC_PUNCT, 0},
    {0xFF0C, 0xFF0C, WN_CC_PUNCT, WN_CF_COMMA},
    {0xFF0D, 0xFF0D, WN_CC_PUNCT, 0},
    {0xFF0E, 0xFF0E, WN_CC_PUNCT, WN_CF_SENT_END},
    {0xFF0F, 0xFF0F, WN_CC_PUNCT, WN_CF_SEP},
    {0xFF10, 0xFF19, WN_CC_DIGIT, 0},
    {0xFF1A, 0xFF1A, WN_CC_PUNCT, WN_CF_COMMA | WN_CF_COLON},
    {0xFF1B, 0xFF1B, WN_CC_PUNCT, WN_CF_COMMA},
    {0xFF1C, 0xFF1D, WN_CC_PUNCT, 0},
    {0xFF1E, 0xFF1E, WN_CC_PUNCT, WN_CF_SEP},
    {0xFF1F, 0xFF1F, WN_CC_PUNCT, WN_CF_SENT_END},
    {0xFF20, 0xFF20, WN_CC_PUNCT, 0},
    {0xFF21, 0xFF3A, WN_CC_LATIN, 0},
    {0xFF3B, 0xFF3E, WN_CC_PUNCT, 0},
    {0xFF3F, 0xFF3F, WN_CC_PUNCT, WN_CF_SEP},
    {0xFF40, 0xFF40, WN_CC_PUNCT, 0},
    {0xFF41, 0xFF5A, WN_CC_LATIN, 0},
    {0xFF5B, 0xFF5B, WN_CC_PUNCT, WN_CF_OPEN},
    {0xFF5C, 0xFF5C, WN_CC_PUNCT, WN_CF_SEP},
    {0xFF5D, 0xFF5D, WN_CC_PUNCT, WN_CF_CLOSE},
    {0xFF5E, 0xFF60, WN_CC_PUNCT, 0},
    {0xFF61, 0xFF61, WN_CC_PUNCT, WN_CF_SENT_END},
    {0xFF62, 0xFF65, WN_CC_PUNCT, 0},
    {0xFF66, 0xFF9F, WN_CC_KANA, 0},
    {0xFFA0, 0xFFDC, WN_CC_HANGUL, 0},
    {0xFFE0, 0xFFEE, WN_CC_SYMBOL, 0},
    {0xFFFD, 0xFFFD, WN_CC_SYMBOL, 0},
    {0x10000, 0x1EFFF, WN_CC_LETTER, 0},
    {0x1F000, 0x1FAFF, WN_CC_SYMBOL, 0}, /* emoji and pictographs */
    {0x20000, 0x3134F, WN_CC_HAN, 0},
};

static const range *wn_range_find(uint32_t cp) {
  size_t lo = 0, hi = sizeof RANGES / sizeof RANGES[0];
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (cp < RANGES[mid].lo)
      hi = mid;
    else if (cp > RANGES[mid].hi)
      lo = mid + 1;
    else
      return &RANGES[mid];
  }
  return NULL;
}

#endif
