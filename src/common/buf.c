/* buf.c - growable byte buffers that cannot be created without a cap (as
 * curl's dynbuf): reaching the cap is a WINNOW_ERR_LIMIT, never a silent
 * cut. */
#include <stdio.h>
#include <string.h>

#include "wn_common.h"

void wn_buf_init(wn_buf *b, size_t max) {
  b->p = NULL;
  b->len = b->cap = 0;
  b->max = max < SIZE_MAX ? max : SIZE_MAX - 1; /* so max + 1 (the spare byte) cannot wrap */
}

void wn_buf_free(wn_buf *b) {
  wn_free(b->p);
  b->p = NULL;
  b->len = b->cap = 0;
}

winnow_status wn_buf_reserve(wn_buf *b, size_t n) {
  /* one spare byte so wn_buf_nul never needs to grow past max */
  if (n > b->max || b->len > b->max - n)
    return WINNOW_ERR_LIMIT;
  size_t need = b->len + n + 1;
  if (need <= b->cap)
    return WINNOW_OK;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < need)
    cap = cap > SIZE_MAX / 2 ? need : cap * 2;
  if (cap > b->max + 1)
    cap = b->max + 1;
  char *p = wn_realloc(b->p, cap);
  if (!p)
    return WINNOW_ERR_NOMEM;
  b->p = p;
  b->cap = cap;
  return WINNOW_OK;
}

winnow_status wn_buf_add(wn_buf *b, const void *p, size_t n) {
  winnow_status st = wn_buf_reserve(b, n);
  if (st != WINNOW_OK)
    return st;
  if (n)
    memcpy(b->p + b->len, p, n);
  b->len += n;
  return WINNOW_OK;
}

winnow_status wn_buf_addc(wn_buf *b, char c) {
  return wn_buf_add(b, &c, 1);
}

winnow_status wn_buf_adds(wn_buf *b, const char *s) {
  return wn_buf_add(b, s, strlen(s));
}

winnow_status wn_buf_printf(wn_buf *b, const char *fmt, ...) {
  char small[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0)
    return WINNOW_ERR_INTERNAL;
  if ((size_t)n < sizeof small)
    return wn_buf_add(b, small, (size_t)n);
  winnow_status st = wn_buf_reserve(b, (size_t)n);
  if (st != WINNOW_OK)
    return st;
  va_start(ap, fmt);
  vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
  return WINNOW_OK;
}

winnow_status wn_buf_nul(wn_buf *b) {
  winnow_status st = wn_buf_reserve(b, 0);
  if (st != WINNOW_OK)
    return st;
  b->p[b->len] = '\0';
  return WINNOW_OK;
}

winnow_status wn_buf_json_str(wn_buf *b, const char *s, size_t n) {
  static const char hex[] = "0123456789abcdef";
  winnow_status st = wn_buf_reserve(b, n + 2);
  if (st != WINNOW_OK)
    return st;
  b->p[b->len++] = '"';
  size_t run = 0; /* start of the pending run of plain bytes */
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c != '"' && c != '\\')
      continue;
    if ((st = wn_buf_add(b, s + run, i - run)) != WINNOW_OK)
      return st;
    run = i + 1;
    char esc[6] = {'\\', 0, 0, 0, 0, 0};
    size_t k = 2;
    switch (c) {
    case '"': esc[1] = '"'; break;
    case '\\': esc[1] = '\\'; break;
    case '\n': esc[1] = 'n'; break;
    case '\r': esc[1] = 'r'; break;
    case '\t': esc[1] = 't'; break;
    default:
      esc[1] = 'u';
      esc[2] = '0';
      esc[3] = '0';
      esc[4] = hex[c >> 4];
      esc[5] = hex[c & 15];
      k = 6;
    }
    if ((st = wn_buf_add(b, esc, k)) != WINNOW_OK)
      return st;
  }
  if ((st = wn_buf_add(b, s + run, n - run)) != WINNOW_OK)
    return st;
  return wn_buf_addc(b, '"');
}

char *wn_fmt(char *buf, size_t n, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, n, fmt, ap);
  va_end(ap);
  return buf;
}
