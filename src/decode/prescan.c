/* prescan.c - charset labels in the input: the HTTP Content-Type charset
 * parameter (WHATWG MIME Sniffing §4.4) and the HTML <meta> prescan (WHATWG
 * HTML §13.2.3.2 "prescan a byte stream to determine its encoding"), step
 * by step as the spec writes them, so pages decode the way browsers decode
 * them. */
#include <string.h>
#include <strings.h>

#include "wn_decode.h"

#define PRESCAN_LIMIT 1024 /* §13.2.3.2: the prescan looks at 1024 bytes */

/* HTTP white space (Fetch §2.2): TAB, SPACE; ASCII white space adds LF, FF,
 * CR (Infra §4.5); the prescan's set is the latter. */
static bool is_ws(unsigned char c) {
  return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

static bool is_alpha(unsigned char c) {
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static unsigned char lower(unsigned char c) {
  return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static void keep_label(char label[WN_LABEL_MAX], const char *s, size_t n) {
  n = WN_MIN(n, (size_t)WN_LABEL_MAX - 1);
  memcpy(label, s, n);
  label[n] = '\0';
}

/* ---- HTTP Content-Type ---------------------------------------------------- */

/* A parameter value at *p: a quoted string (backslash escapes) or a token up
 * to ';' (MIME Sniffing §4.4 steps 11.8-11.9). Copied into val. */
static size_t param_value(const char **p, char *val, size_t cap) {
  const char *s = *p;
  size_t n = 0;
  if (*s == '"') {
    for (s++; *s && *s != '"'; s++) {
      if (*s == '\\' && s[1])
        s++;
      if (n + 1 < cap)
        val[n++] = *s;
    }
    while (*s && *s != ';') /* anything after the closing quote is dropped */
      s++;
  } else {
    for (; *s && *s != ';'; s++)
      if (n + 1 < cap)
        val[n++] = *s;
    while (n && (val[n - 1] == ' ' || val[n - 1] == '\t'))
      n--;
  }
  *p = s;
  val[n] = '\0';
  return n;
}

/* Is the parameter name at *p (up to '=' or ';') "charset"? Advances past
 * the name and the '=' when there is one. */
static bool param_is_charset(const char **p) {
  const char *s = *p;
  while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
    s++;
  const char *name = s;
  while (*s && *s != '=' && *s != ';')
    s++;
  bool hit = s - name == 7 && !strncasecmp(name, "charset", 7) && *s == '=';
  *p = *s == '=' ? s + 1 : s;
  return hit;
}

const wn_encoding *wn_http_charset(const char *content_type, char label[WN_LABEL_MAX]) {
  label[0] = '\0';
  const char *p = content_type ? strchr(content_type, ';') : NULL;
  char val[WN_LABEL_MAX * 2];
  while (p && *p == ';') {
    p++;
    bool hit = param_is_charset(&p);
    size_t n = param_value(&p, val, sizeof val);
    if (hit && n) { /* §4.4: the first charset parameter wins */
      keep_label(label, val, n);
      return wn_encoding_for_label(val, n);
    }
  }
  return NULL;
}

/* ---- <meta content="...; charset=..."> -------------------------------------- */

/* HTML "algorithm for extracting a character encoding from a meta element"
 * (§2.x, #algorithm-for-extracting-a-character-encoding-from-a-meta-element).
 * Returns the label's span in s, or false. */
static bool meta_content_charset(const char *s, size_t n, size_t *start, size_t *len) {
  size_t pos = 0;
  for (;;) {
    /* step 2: the next "charset", case-insensitively */
    while (pos + 7 <= n && strncasecmp(s + pos, "charset", 7))
      pos++;
    if (pos + 7 > n)
      return false;
    pos += 7;
    while (pos < n && is_ws((unsigned char)s[pos])) /* step 3 */
      pos++;
    if (pos < n && s[pos] == '=') /* step 4: else loop from here */
      break;
  }
  pos++;
  while (pos < n && is_ws((unsigned char)s[pos])) /* step 5 */
    pos++;
  if (pos >= n)
    return false;
  if (s[pos] == '"' || s[pos] == '\'') { /* step 6: quoted, must close */
    const char *q = memchr(s + pos + 1, s[pos], n - pos - 1);
    if (!q)
      return false;
    *start = pos + 1;
    *len = (size_t)(q - s) - pos - 1;
    return true;
  }
  size_t e = pos;
  while (e < n && !is_ws((unsigned char)s[e]) && s[e] != ';')
    e++;
  *start = pos;
  *len = e - pos;
  return true;
}

/* ---- the prescan proper ---------------------------------------------------------- */

typedef struct scan {
  const unsigned char *s;
  size_t pos, end;
} scan;

#define ATTR_MAX PRESCAN_LIMIT /* nothing inside the window is ever cut */

typedef struct attr {
  char name[ATTR_MAX], value[ATTR_MAX];
  size_t nlen, vlen;
} attr;

static void attr_put(char *buf, size_t *len, unsigned char c) {
  if (*len + 1 < ATTR_MAX)
    buf[(*len)++] = (char)lower(c);
}

/* "get an attribute", steps 6-10: the value after '='. False when the
 * input ends first (the prescan then fails). */
static bool attr_value(scan *sc, attr *a) {
  while (sc->pos < sc->end && is_ws(sc->s[sc->pos]))
    sc->pos++;
  if (sc->pos >= sc->end)
    return false;
  unsigned char c = sc->s[sc->pos];
  if (c == '"' || c == '\'') { /* step 7: quoted; upper case is lowered */
    for (sc->pos++; sc->pos < sc->end; sc->pos++) {
      if (sc->s[sc->pos] == c) {
        sc->pos++;
        return true;
      }
      attr_put(a->value, &a->vlen, sc->s[sc->pos]);
    }
    return false;
  }
  if (c == '>') /* step 7: empty value, '>' stays for the caller */
    return true;
  for (; sc->pos < sc->end; sc->pos++) { /* step 8: unquoted */
    c = sc->s[sc->pos];
    if (is_ws(c) || c == '>')
      return true;
    attr_put(a->value, &a->vlen, c);
  }
  return false;
}

/* "get an attribute" steps 1-5 (the name). Returns 1 with an attribute, 0
 * at '>' (no more attributes), -1 when the input ends. */
static int get_attr(scan *sc, attr *a) {
  a->nlen = a->vlen = 0;
  while (sc->pos < sc->end && (is_ws(sc->s[sc->pos]) || sc->s[sc->pos] == '/'))
    sc->pos++;
  if (sc->pos >= sc->end)
    return -1;
  if (sc->s[sc->pos] == '>')
    return 0;
  for (; sc->pos < sc->end; sc->pos++) {
    unsigned char c = sc->s[sc->pos];
    if (c == '=' && a->nlen) {
      sc->pos++;
      return attr_value(sc, a) ? 1 : -1;
    }
    if (is_ws(c))
      break;
    if (c == '/' || c == '>')
      return 1; /* name with an empty value; '/' or '>' is read next */
    attr_put(a->name, &a->nlen, c);
  }
  while (sc->pos < sc->end && is_ws(sc->s[sc->pos])) /* step 5: spaces */
    sc->pos++;
  if (sc->pos >= sc->end)
    return -1;
  if (sc->s[sc->pos] != '=')
    return 1;
  sc->pos++;
  return attr_value(sc, a) ? 1 : -1;
}

/* What one <meta> tag says, accumulated as in §13.2.3.2 steps 2-7. */
typedef struct meta_state {
  bool seen_http_equiv, seen_content, seen_charset; /* the attribute list */
  bool got_pragma;
  int need_pragma; /* -1 null, 0 false, 1 true */
  const wn_encoding *charset;
  char label[WN_LABEL_MAX];
} meta_state;

static bool attr_is(const attr *a, const char *name) {
  return a->nlen == strlen(name) && !memcmp(a->name, name, a->nlen);
}

static void meta_charset_attr(meta_state *m, const attr *a) {
  const wn_encoding *e = wn_encoding_for_label(a->value, a->vlen);
  m->seen_charset = true;
  m->charset = e;
  keep_label(m->label, a->value, a->vlen);
  m->need_pragma = 0;
}

static void meta_content_attr(meta_state *m, const attr *a) {
  size_t st, len;
  m->seen_content = true;
  if (m->charset || !meta_content_charset(a->value, a->vlen, &st, &len))
    return;
  const wn_encoding *e = wn_encoding_for_label(a->value + st, len);
  if (!e)
    return;
  m->charset = e;
  keep_label(m->label, a->value + st, len);
  m->need_pragma = 1;
}

/* Step 6 of the <meta> branch for one attribute, duplicates ignored. */
static void meta_attr(meta_state *m, const attr *a) {
  if (attr_is(a, "http-equiv") && !m->seen_http_equiv) {
    m->seen_http_equiv = true;
    m->got_pragma = a->vlen == 12 && !memcmp(a->value, "content-type", 12);
  } else if (attr_is(a, "content") && !m->seen_content) {
    meta_content_attr(m, a);
  } else if (attr_is(a, "charset") && !m->seen_charset) {
    meta_charset_attr(m, a);
  }
}

/* The <meta> branch; sc->pos is just past "<meta" and its space or '/'.
 * Returns the encoding the tag declares, or NULL (scanning goes on). Sets
 * *eof when the input ended inside the tag. */
static const wn_encoding *meta_tag(scan *sc, char label[WN_LABEL_MAX], bool *eof) {
  meta_state m = {.need_pragma = -1};
  attr a;
  int r;
  while ((r = get_attr(sc, &a)) == 1)
    meta_attr(&m, &a);
  if (r < 0) {
    *eof = true;
    return NULL;
  }
  /* step 8 "Processing" */
  if (m.need_pragma < 0 || (m.need_pragma == 1 && !m.got_pragma) || !m.charset)
    return NULL;
  keep_label(label, m.label, strlen(m.label));
  if (m.charset->flags & WN_ENCF_UTF16) /* step 9: a UTF-16 label means UTF-8 */
    return wn_encoding_get(WN_ENC_UTF8);
  return m.charset;
}

static bool starts_ci(const scan *sc, const char *lit) {
  size_t n = strlen(lit);
  return sc->end - sc->pos >= n && !strncasecmp((const char *)sc->s + sc->pos, lit, n);
}

/* Advance past the first '>' at or after pos; false at the end. */
static bool skip_past_gt(scan *sc) {
  const void *gt = memchr(sc->s + sc->pos, '>', sc->end - sc->pos);
  if (!gt)
    return false;
  sc->pos = (size_t)((const unsigned char *)gt - sc->s) + 1;
  return true;
}

/* "<!--": to the first '>' preceded by "--" after the '<' (so "<!-->" ends
 * the comment too, as the spec allows). */
static bool skip_comment(scan *sc) {
  for (size_t i = sc->pos + 2; i + 2 < sc->end; i++) {
    if (sc->s[i] == '-' && sc->s[i + 1] == '-' && sc->s[i + 2] == '>') {
      sc->pos = i + 3;
      return true;
    }
  }
  return false;
}

/* "<" letter or "</" letter: skip the name, then every attribute. */
static bool skip_tag(scan *sc) {
  while (sc->pos < sc->end && !is_ws(sc->s[sc->pos]) && sc->s[sc->pos] != '>')
    sc->pos++;
  attr a;
  int r;
  while ((r = get_attr(sc, &a)) == 1)
    ;
  if (r < 0)
    return false;
  sc->pos++; /* the '>' */
  return true;
}

/* One step of the prescan loop at a '<'. Returns the encoding when found;
 * sets *stop when the input ends (the prescan then fails, per spec). */
static const wn_encoding *at_lt(scan *sc, char label[WN_LABEL_MAX], bool *stop) {
  size_t left = sc->end - sc->pos;
  const unsigned char *p = sc->s + sc->pos;
  if (starts_ci(sc, "<!--")) {
    *stop = !skip_comment(sc);
  } else if (starts_ci(sc, "<meta") && left > 5 && (is_ws(p[5]) || p[5] == '/')) {
    sc->pos += 6;
    return meta_tag(sc, label, stop);
  } else if ((left > 1 && is_alpha(p[1])) || (left > 2 && p[1] == '/' && is_alpha(p[2]))) {
    sc->pos += 1 + (p[1] == '/');
    *stop = !skip_tag(sc);
  } else if (left > 1 && (p[1] == '!' || p[1] == '/' || p[1] == '?')) {
    *stop = !skip_past_gt(sc);
  } else {
    sc->pos++;
  }
  return NULL;
}

const wn_encoding *wn_prescan(const char *bytes, size_t n, char label[WN_LABEL_MAX]) {
  scan sc = {(const unsigned char *)bytes, 0, WN_MIN(n, (size_t)PRESCAN_LIMIT)};
  label[0] = '\0';
  bool stop = false;
  while (!stop && sc.pos < sc.end) {
    const void *lt = memchr(sc.s + sc.pos, '<', sc.end - sc.pos);
    if (!lt)
      break;
    sc.pos = (size_t)((const unsigned char *)lt - sc.s);
    const wn_encoding *e = at_lt(&sc, label, &stop);
    if (e)
      return e;
  }
  label[0] = '\0';
  return NULL;
}
