/* utf8.c - validation with repair. Invalid input is replaced the way the
 * WHATWG Encoding Standard's UTF-8 decoder does (§4.1: one U+FFFD per
 * maximal subpart of an ill-formed sequence), so offsets agree with what a
 * browser would show. */
#include <string.h>

#include "wn_common.h"

static const char REPL[3] = {(char)0xEF, (char)0xBF, (char)0xBD};

/* Length of the valid sequence at s, or 0 when it is ill-formed; *bad gets
 * the length of its maximal subpart (>= 1) in that case. */
size_t wn_utf8_seq(const unsigned char *s, size_t left, size_t *bad) {
  unsigned c = s[0];
  size_t need;
  unsigned lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF)
    need = 1;
  else if (c >= 0xE0 && c <= 0xEF) {
    need = 2;
    if (c == 0xE0)
      lo = 0xA0;
    if (c == 0xED)
      hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3;
    if (c == 0xF0)
      lo = 0x90;
    if (c == 0xF4)
      hi = 0x8F;
  } else {
    *bad = 1;
    return 0;
  }
  size_t i = 1;
  for (; i <= need; i++) {
    if (i >= left || s[i] < lo || s[i] > hi) {
      *bad = i;
      return 0;
    }
    lo = 0x80;
    hi = 0xBF;
  }
  return need + 1;
}

winnow_status wn_utf8_repair(const char *src, size_t len, wn_buf *out, uint32_t *n_invalid,
                             uint32_t *n_nul) {
  const unsigned char *s = (const unsigned char *)src;
  uint32_t inv = 0, nul = 0;
  winnow_status st = wn_buf_reserve(out, len + 1);
  if (st != WINNOW_OK)
    return st;
  size_t i = 0, run = 0;
  while (i < len) {
    /* ASCII fast path, eight bytes at a time */
    while (i + 8 <= len) {
      uint64_t w;
      memcpy(&w, s + i, 8);
      if (w & 0x8080808080808080ull)
        break;
      /* any zero byte? (classic haszero trick) */
      if ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull)
        break;
      i += 8;
    }
    if (i >= len)
      break;
    unsigned c = s[i];
    if (c && c < 0x80) {
      i++;
      continue;
    }
    size_t bad = 0, n = c ? wn_utf8_seq(s + i, len - i, &bad) : 0;
    if (n) {
      i += n;
      continue;
    }
    if (!c) {
      nul++;
      bad = 1;
    } else {
      inv++;
    }
    if ((st = wn_buf_add(out, src + run, i - run)) != WINNOW_OK ||
        (st = wn_buf_add(out, REPL, 3)) != WINNOW_OK)
      return st;
    i += bad;
    run = i;
  }
  if ((st = wn_buf_add(out, src + run, len - run)) != WINNOW_OK)
    return st;
  *n_invalid = inv;
  *n_nul = nul;
  return wn_buf_nul(out);
}

int wn_utf8_put(char *out, uint32_t cp) {
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (cp >> 18));
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

size_t wn_utf8_count(const char *s, size_t n) {
  size_t cps = 0;
  for (size_t i = 0; i < n; i++)
    cps += ((unsigned char)s[i] & 0xC0) != 0x80;
  return cps;
}
