/* hanchar.c - Simplified/Traditional evidence and character conversion for
 * single Han characters, over tables generated at build time from OpenCC's
 * installed dictionaries (tools/gen_hanchar.c). Phrase-level conversion is
 * a separate stage; this is what features and lexicon variants need. */
#include "wn_common.h"

#include "hanchar_table.inc"

static int in_set(const uint32_t *v, size_t n, uint32_t cp) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (v[mid] == cp)
      return 1;
    if (v[mid] < cp)
      lo = mid + 1;
    else
      hi = mid;
  }
  return 0;
}

static uint32_t map(const uint32_t (*v)[2], size_t n, uint32_t cp) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (v[mid][0] == cp)
      return v[mid][1];
    if (v[mid][0] < cp)
      lo = mid + 1;
    else
      hi = mid;
  }
  return cp;
}

int wn_han_variant(uint32_t cp) {
  if (cp < 0x10000)
    return wn_bmp_info[cp] >> 10;
  if (in_set(TRAD_ONLY, WN_ARRAY_LEN(TRAD_ONLY), cp))
    return WN_HAN_TRAD_ONLY;
  if (in_set(SIMP_ONLY, WN_ARRAY_LEN(SIMP_ONLY), cp))
    return WN_HAN_SIMP_ONLY;
  return WN_HAN_NEUTRAL;
}

uint32_t wn_han_t2s(uint32_t cp) {
  return map(T2S, WN_ARRAY_LEN(T2S), cp);
}
uint32_t wn_han_s2t(uint32_t cp) {
  return map(S2T, WN_ARRAY_LEN(S2T), cp);
}
