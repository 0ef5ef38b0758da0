/* utf8_shape.c - how UTF-8-like a prefix is: the evidence the charset
 * decision weighs (valid multibyte sequences against ill-formed ones).
 * Counting follows WHATWG Encoding §4.1 (UTF-8 decoder): one error per
 * maximal subpart, as wn_utf8_repair replaces them. */
#include <string.h>

#include "wn_decode.h"

void wn_utf8_shape_of(const char *src, size_t n, bool truncated, wn_utf8_shape *out) {
  const unsigned char *s = (const unsigned char *)src;
  memset(out, 0, sizeof *out);
  size_t i = 0;
  while (i < n) {
    unsigned c = s[i];
    if (c < 0x80) {
      out->nul += c == 0;
      i++;
      continue;
    }
    size_t bad = 0;
    size_t k = wn_utf8_seq(s + i, n - i, &bad);
    bool cut = !k && bad == n - i; /* ended inside the sequence */
    if (k) {
      out->multibyte++;
      out->high += k;
      i += k;
      continue;
    }
    if (cut && truncated)
      break; /* the rest of the sequence lies past the prefix */
    out->invalid++;
    out->high += bad;
    i += bad;
  }
}
