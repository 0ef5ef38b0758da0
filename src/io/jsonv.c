/* jsonv.c - a strict JSON validator (RFC 8259 §2-§7), so that text we pass
 * through from an input is valid JSON in our output. cJSON is lenient (it
 * takes 01, 1., raw control characters in strings): a value it accepted is
 * passed on verbatim only when this check agrees. Bounded depth; no
 * allocation. */
#include "wn_io.h"

#define MAX_DEPTH 256

typedef struct jv {
  const unsigned char *s;
  size_t i, n;
} jv;

static void ws(jv *j) {
  while (j->i < j->n &&
         (j->s[j->i] == ' ' || j->s[j->i] == '\t' || j->s[j->i] == '\n' || j->s[j->i] == '\r'))
    j->i++;
}

static int lit(jv *j, const char *w, size_t len) {
  if (j->n - j->i < len)
    return 0;
  for (size_t k = 0; k < len; k++)
    if (j->s[j->i + k] != (unsigned char)w[k])
      return 0;
  j->i += len;
  return 1;
}

static int digits(jv *j) {
  size_t start = j->i;
  while (j->i < j->n && j->s[j->i] >= '0' && j->s[j->i] <= '9')
    j->i++;
  return j->i > start;
}

/* §6: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
static int number(jv *j) {
  if (j->s[j->i] == '-')
    j->i++;
  if (j->i < j->n && j->s[j->i] == '0')
    j->i++;
  else if (!digits(j))
    return 0;
  if (j->i < j->n && j->s[j->i] == '.') {
    j->i++;
    if (!digits(j))
      return 0;
  }
  if (j->i < j->n && (j->s[j->i] == 'e' || j->s[j->i] == 'E')) {
    j->i++;
    if (j->i < j->n && (j->s[j->i] == '+' || j->s[j->i] == '-'))
      j->i++;
    if (!digits(j))
      return 0;
  }
  return 1;
}

static int hex4(jv *j) {
  for (int k = 0; k < 4; k++, j->i++) {
    unsigned char c = j->i < j->n ? j->s[j->i] : 0;
    if (!((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')))
      return 0;
  }
  return 1;
}

/* §7: no raw control characters; only the listed escapes. */
static int string(jv *j) {
  j->i++; /* the opening quote */
  while (j->i < j->n) {
    unsigned char c = j->s[j->i++];
    if (c == '"')
      return 1;
    if (c < 0x20)
      return 0;
    if (c != '\\')
      continue;
    if (j->i >= j->n)
      return 0;
    c = j->s[j->i++];
    if (c == 'u') {
      if (!hex4(j))
        return 0;
    } else if (!strchr("\"\\/bfnrt", c)) {
      return 0;
    }
  }
  return 0;
}

static int value(jv *j, int depth);

static int members(jv *j, int depth, int object) {
  unsigned char close = object ? '}' : ']';
  j->i++;
  ws(j);
  if (j->i < j->n && j->s[j->i] == close) {
    j->i++;
    return 1;
  }
  for (;;) {
    if (object) {
      if (j->i >= j->n || j->s[j->i] != '"' || !string(j))
        return 0;
      ws(j);
      if (j->i >= j->n || j->s[j->i++] != ':')
        return 0;
    }
    if (!value(j, depth + 1))
      return 0;
    ws(j);
    if (j->i >= j->n)
      return 0;
    unsigned char c = j->s[j->i++];
    if (c == close)
      return 1;
    if (c != ',')
      return 0;
    ws(j);
  }
}

static int value(jv *j, int depth) {
  ws(j);
  if (j->i >= j->n || depth > MAX_DEPTH)
    return 0;
  switch (j->s[j->i]) {
  case '{': return members(j, depth, 1);
  case '[': return members(j, depth, 0);
  case '"': return string(j);
  case 't': return lit(j, "true", 4);
  case 'f': return lit(j, "false", 5);
  case 'n': return lit(j, "null", 4);
  default: return number(j);
  }
}

int wn_json_strict(const char *s, size_t n) {
  jv j = {(const unsigned char *)s, 0, n};
  if (!value(&j, 0))
    return 0;
  ws(&j);
  return j.i == n;
}
