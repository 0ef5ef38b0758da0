/* http.c - status line and header section of a stored HTTP/1.x response
 * (RFC 9112 §2.1: start-line *( field-line CRLF ) CRLF [ message-body ]).
 * Lines may end in a bare LF (RFC 9112 §2.2 lets a recipient accept it);
 * they are counted. Everything stays in the caller's buffer: fields are
 * spans into it. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "wn_http.h"

typedef struct cursor {
  const char *p;
  size_t n, pos;
  const wn_http_limits *lim;
  wn_http_msg *m;
  char *msg;
  size_t msglen;
} cursor;

wn_warc_err wn_http_fail(char *msg, size_t msglen, wn_warc_err e, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, msglen, fmt, ap);
  va_end(ap);
  return e;
}

#define fail(c, e, ...) wn_http_fail((c)->msg, (c)->msglen, (e), __VA_ARGS__)

/* The next line into *s / *len (terminator removed). */
static wn_warc_err next_line(cursor *c, const char **s, size_t *len) {
  size_t left = c->n - c->pos;
  size_t look = WN_MIN(left, c->lim->max_line + 2); /* + "\r\n" */
  size_t end = wn_scan_eol(c->p + c->pos, look);
  if (end == 0 && left > c->lim->max_line + 1)
    return fail(c, WN_WARC_E_LINE_TOO_LONG, "HTTP header line over %zu bytes", c->lim->max_line);
  if (end == 0)
    return fail(c, WN_WARC_E_HTTP, "HTTP header section does not end");
  int lf;
  *s = c->p + c->pos;
  *len = wn_scan_chomp(*s, end, &lf);
  if (*len > c->lim->max_line)
    return fail(c, WN_WARC_E_LINE_TOO_LONG, "HTTP header line over %zu bytes", c->lim->max_line);
  c->m->lf_only += (uint32_t)lf;
  c->pos += end;
  return WN_WARC_OK;
}

static int is_digit(char ch) {
  return ch >= '0' && ch <= '9';
}

/* RFC 9112 §4: HTTP-version SP 3DIGIT [ SP reason-phrase ]; the version is
 * taken loosely ("HTTP/2" occurs in archives). */
static wn_warc_err status_line(cursor *c) {
  const char *s;
  size_t n, i = 5;
  wn_warc_err e = next_line(c, &s, &n);
  if (e != WN_WARC_OK)
    return e;
  if (n < 5 || memcmp(s, "HTTP/", 5) != 0)
    return fail(c, WN_WARC_E_HTTP, "no HTTP status line");
  while (i < n && (is_digit(s[i]) || s[i] == '.'))
    i++;
  if (i == 5 || n < i + 4 || s[i] != ' ' || !is_digit(s[i + 1]) || !is_digit(s[i + 2]) ||
      !is_digit(s[i + 3]) || (n > i + 4 && s[i + 4] != ' '))
    return fail(c, WN_WARC_E_HTTP, "malformed HTTP status line");
  c->m->status = (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
  if (c->m->status < 100)
    return fail(c, WN_WARC_E_HTTP, "HTTP status %d out of range", c->m->status);
  return WN_WARC_OK;
}

/* obs-fold (RFC 9112 §5.2): the line continues the previous value. The
 * span grows over the fold; whoever copies the value turns it into SP. */
static wn_warc_err fold(cursor *c, const char *s, size_t n) {
  if (c->m->n_hdrs == 0)
    return fail(c, WN_WARC_E_HTTP, "HTTP header section starts with a continuation line");
  wn_hdr *h = &c->m->hdrs[c->m->n_hdrs - 1];
  h->value_len = (size_t)(s + n - h->value);
  return WN_WARC_OK;
}

static wn_warc_err field_line(cursor *c, const char *s, size_t n) {
  if (s[0] == ' ' || s[0] == '\t')
    return fold(c, s, n);
  if (c->m->n_hdrs >= c->lim->max_headers)
    return fail(c, WN_WARC_E_TOO_MANY_HEADERS, "more than %zu HTTP header fields",
                c->lim->max_headers);
  wn_hdr *h = &c->m->hdrs[c->m->n_hdrs];
  wn_scan_rc rc = wn_scan_header(s, n, h);
  if (rc != WN_SCAN_OK)
    return fail(c, WN_WARC_E_HTTP, "HTTP header line %zu is not \"name: value\"", c->m->n_hdrs + 1);
  if (wn_scan_value(h->value, h->value_len, 0) != WN_SCAN_OK)
    return fail(c, WN_WARC_E_HEADER_BYTES, "control byte in HTTP header %.*s",
                (int)WN_MIN(h->name_len, 64), h->name);
  c->m->n_hdrs++;
  return WN_WARC_OK;
}

wn_warc_err wn_http_parse(const char *p, size_t n, const wn_http_limits *lim, wn_http_msg *m,
                          char *msg, size_t msglen) {
  cursor c = {p, n, 0, lim, m, msg, msglen};
  m->status = 0;
  m->n_hdrs = 0;
  m->lf_only = 0;
  m->body = NULL;
  m->body_len = 0;
  wn_warc_err e = status_line(&c);
  for (;;) {
    const char *s;
    size_t len;
    if (e != WN_WARC_OK || (e = next_line(&c, &s, &len)) != WN_WARC_OK)
      return e;
    if (len == 0)
      break;
    e = field_line(&c, s, len);
  }
  m->body = p + c.pos;
  m->body_len = n - c.pos;
  return WN_WARC_OK;
}
