/* scan.c - bounded scanners for header text (see wn_scan.h). The WARC
 * reader and the HTTP parser both go through these, so "what is a header
 * line" is decided once. */
#include <string.h>

#include "wn_scan.h"

static int is_ows(char c) {
  return c == ' ' || c == '\t';
}

static char lower(char c) {
  return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

/* tchar of RFC 9110 §5.6.2: ALPHA, DIGIT and !#$%&'*+-.^_`|~, as bits of
 * two masks (bytes 0-63, 64-127): this runs once per field-name byte. */
static int is_tchar(unsigned char c) {
  static const uint64_t TCHAR[2] = {0x03ff6cfa00000000ull, 0x57ffffffc7fffffeull};
  return c < 128 && (TCHAR[c >> 6] >> (c & 63)) & 1;
}

size_t wn_scan_eol(const char *s, size_t n) {
  const char *nl = n ? memchr(s, '\n', n) : NULL;
  return nl ? (size_t)(nl - s) + 1 : 0;
}

size_t wn_scan_chomp(const char *s, size_t n, int *lf_only) {
  *lf_only = 0;
  if (n == 0 || s[n - 1] != '\n')
    return n;
  n--;
  if (n && s[n - 1] == '\r')
    return n - 1;
  *lf_only = 1;
  return n;
}

size_t wn_scan_trim(const char **s, size_t n) {
  const char *p = *s;
  while (n && is_ows(p[0])) {
    p++;
    n--;
  }
  while (n && is_ows(p[n - 1]))
    n--;
  *s = p;
  return n;
}

wn_scan_rc wn_scan_header(const char *line, size_t n, wn_hdr *h) {
  const char *colon = n ? memchr(line, ':', n) : NULL;
  if (!colon)
    return WN_SCAN_NO_COLON;
  size_t nl = (size_t)(colon - line);
  if (nl == 0)
    return WN_SCAN_BAD_NAME;
  for (size_t i = 0; i < nl; i++)
    if (!is_tchar((unsigned char)line[i]))
      return WN_SCAN_BAD_NAME;
  h->name = line;
  h->name_len = nl;
  h->value = colon + 1;
  h->value_len = wn_scan_trim(&h->value, n - nl - 1);
  return WN_SCAN_OK;
}

/* Length of the run of printable ASCII (0x20-0x7E) that v starts with,
 * counted eight bytes at a time (whole words only): most values are all
 * such bytes, and every header value is scanned. */
static size_t printable_words(const char *v, size_t n) {
  const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w, del;
    memcpy(&w, v + i, 8);
    del = w ^ (ones * 0x7F);
    if (((w - ones * 0x20) & ~w & highs) /* a byte < 0x20 */
        | (w & highs)                    /* a byte >= 0x80 */
        | ((del - ones) & ~del & highs)) /* a 0x7F */
      break;
  }
  return i;
}

wn_scan_rc wn_scan_value(const char *v, size_t n, int utf8) {
  int high = 0;
  for (size_t i = printable_words(v, n); i < n; i++) {
    unsigned char c = (unsigned char)v[i];
    if ((c < 0x20 && c != '\t') || c == 0x7F)
      return WN_SCAN_CTL;
    high |= c >= 0x80;
  }
  return utf8 && high && !wn_scan_utf8_valid(v, n) ? WN_SCAN_UTF8 : WN_SCAN_OK;
}

wn_scan_rc wn_scan_u64(const char *s, size_t n, uint64_t *out) {
  n = wn_scan_trim(&s, n);
  if (n == 0)
    return WN_SCAN_EMPTY;
  uint64_t v = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned d = (unsigned char)s[i] - (unsigned)'0';
    if (d > 9)
      return WN_SCAN_NOT_NUMBER;
    if (v > (UINT64_MAX - d) / 10)
      return WN_SCAN_OVERFLOW;
    v = v * 10 + d;
  }
  *out = v;
  return WN_SCAN_OK;
}

static int hexval(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  c = lower(c);
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

wn_scan_rc wn_scan_hex_u64(const char *s, size_t n, uint64_t *out, size_t *used) {
  uint64_t v = 0;
  size_t i = 0;
  for (; i < n; i++) {
    int d = hexval(s[i]);
    if (d < 0)
      break;
    if (v > (UINT64_MAX >> 4))
      return WN_SCAN_OVERFLOW;
    v = v << 4 | (uint64_t)d;
  }
  *used = i;
  *out = v;
  return i ? WN_SCAN_OK : WN_SCAN_NOT_NUMBER;
}

/* Header lookups call these for every field. */
int wn_scan_iprefix(const char *s, size_t n, const char *lit) {
  for (size_t i = 0; lit[i]; i++)
    if (i >= n || lower(s[i]) != lower(lit[i]))
      return 0;
  return 1;
}

int wn_scan_ieq(const char *s, size_t n, const char *lit) {
  if (strlen(lit) != n) /* most names differ in length: no byte compared */
    return 0;
  for (size_t i = 0; i < n; i++)
    if (lower(s[i]) != lower(lit[i]))
      return 0;
  return 1;
}

const wn_hdr *wn_scan_find(const wn_hdr *h, size_t n, const char *name) {
  for (size_t i = 0; i < n; i++)
    if (wn_scan_ieq(h[i].name, h[i].name_len, name))
      return &h[i];
  return NULL;
}

int wn_scan_list_next(const char *s, size_t n, size_t *pos, const char **item, size_t *len) {
  while (*pos < n) {
    const char *p = s + *pos;
    const char *comma = memchr(p, ',', n - *pos);
    size_t k = comma ? (size_t)(comma - p) : n - *pos;
    *pos += k + (comma != NULL);
    *item = p;
    *len = wn_scan_trim(item, k);
    if (*len)
      return 1;
  }
  return 0;
}

/* Copy a parameter value at s[0..n) (token or quoted-string) to out. */
static void param_value(const char *s, size_t n, char *out, size_t cap) {
  size_t o = 0, i = 0;
  int quoted = n && s[0] == '"';
  for (i = quoted; i < n && o + 1 < cap; i++) {
    char c = s[i];
    if (quoted && c == '"')
      break;
    if (quoted && c == '\\' && i + 1 < n)
      c = s[++i];
    else if (!quoted && (c == ';' || is_ows(c)))
      break;
    out[o++] = c;
  }
  out[o] = '\0';
}

/* Index just past the parameter at s[i] (a quoted value may hold ';'). */
static size_t skip_param(const char *s, size_t n, size_t i) {
  int quoted = 0;
  for (; i < n; i++) {
    if (quoted && s[i] == '\\')
      i++;
    else if (s[i] == '"')
      quoted = !quoted;
    else if (!quoted && s[i] == ';')
      return i + 1;
  }
  return n;
}

int wn_scan_param(const char *s, size_t n, const char *name, char *out, size_t cap) {
  size_t k = strlen(name), i = skip_param(s, n, 0);
  if (cap == 0)
    return 0;
  while (i < n) {
    while (i < n && is_ows(s[i]))
      i++;
    if (n - i > k && s[i + k] == '=' && wn_scan_iprefix(s + i, k, name)) {
      param_value(s + i + k + 1, n - i - k - 1, out, cap);
      return 1;
    }
    i = skip_param(s, n, i);
  }
  return 0;
}

/* Length of the valid UTF-8 sequence at s (Unicode Table 3-7), 0 if none. */
static size_t utf8_seq(const unsigned char *s, size_t n) {
  unsigned c = s[0];
  size_t k = c < 0x80                 ? 1
             : c >= 0xC2 && c <= 0xDF ? 2
             : c >= 0xE0 && c <= 0xEF ? 3
             : c >= 0xF0 && c <= 0xF4 ? 4
                                      : 0;
  if (k == 0 || k > n)
    return 0;
  unsigned lo = 0x80, hi = 0xBF; /* bounds of the second byte */
  if (c == 0xE0)
    lo = 0xA0;
  else if (c == 0xED)
    hi = 0x9F;
  else if (c == 0xF0)
    lo = 0x90;
  else if (c == 0xF4)
    hi = 0x8F;
  if (k > 1 && (s[1] < lo || s[1] > hi))
    return 0;
  for (size_t i = 2; i < k; i++)
    if ((s[i] & 0xC0) != 0x80)
      return 0;
  return k;
}

int wn_scan_utf8_valid(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (i < n) {
    size_t k = utf8_seq(p + i, n - i);
    if (k == 0)
      return 0;
    i += k;
  }
  return 1;
}
