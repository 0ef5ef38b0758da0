/* html_sniff.c - does a byte stream look like HTML? WHATWG MIME Sniffing
 * Standard §7.1 "Identifying a resource with an unknown MIME type", the
 * text/html rows of its table: the pattern mask is DF for letters (ASCII
 * case-insensitive) and FF otherwise, leading white space bytes are
 * ignored, and every pattern ends with a tag-terminating byte (20 or 3E). */
#include <string.h>

#include "wn_io.h"

/* "Reading the resource header": sniffing looks at most at 1445 bytes. */
#define RESOURCE_HEADER 1445u

static const char *const PATTERNS[] = {
    "<!DOCTYPE HTML", "<HTML", "<HEAD",  "<SCRIPT", "<IFRAME", "<H1",   "<DIV", "<FONT",
    "<TABLE",         "<A",    "<STYLE", "<TITLE",  "<B",      "<BODY", "<BR",  "<P",
    "<!--",
};

/* §7.1 "whitespace bytes" for these rows: 09 0A 0C 0D 20. */
static int is_ws_byte(unsigned char c) {
  return c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D || c == 0x20;
}

/* Pattern p at s, ASCII letters compared case-insensitively, then a
 * tag-terminating byte. */
static int matches(const unsigned char *s, size_t n, const char *p) {
  size_t k = strlen(p);
  if (n <= k)
    return 0;
  for (size_t i = 0; i < k; i++) {
    unsigned char c = s[i], want = (unsigned char)p[i];
    if (want >= 'A' && want <= 'Z')
      c &= 0xDF; /* the spec's mask */
    if (c != want)
      return 0;
  }
  return s[k] == 0x20 || s[k] == 0x3E;
}

int wn_looks_like_html(const char *bytes, size_t n) {
  if (!bytes)
    return 0;
  const unsigned char *s = (const unsigned char *)bytes;
  n = WN_MIN(n, RESOURCE_HEADER);
  size_t i = 0;
  if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
    i = 3; /* a UTF-8 BOM: see wn_io.h */
  while (i < n && is_ws_byte(s[i]))
    i++;
  for (size_t k = 0; k < WN_ARRAY_LEN(PATTERNS); k++)
    if (matches(s + i, n - i, PATTERNS[k]))
      return 1;
  return 0;
}
