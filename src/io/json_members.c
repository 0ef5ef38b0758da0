/* json_members.c - the members of a JSON object, read from its text: the
 * span of each name and value, names compared with their escapes undone,
 * and a set of names to keep the first of repeated ones in linear time.
 *
 * Only run on text cJSON accepted, so brackets balance and strings end
 * (wn_json_depth_at excepted). White space is what cJSON skips: any byte
 * up to 0x20. */
#include "wn_io.h"

static int is_ws(char c) {
  return (unsigned char)c <= 0x20;
}

size_t wn_json_skip_ws(const char *s, size_t i, size_t n) {
  while (i < n && is_ws(s[i]))
    i++;
  return i;
}

/* s[i] is '"': the index just past the closing quote. */
static size_t skip_string(const char *s, size_t i, size_t n) {
  for (i++; i < n; i++) {
    if (s[i] == '\\')
      i++;
    else if (s[i] == '"')
      return i + 1;
  }
  return n;
}

/* The index just past the value that starts at s[i]. */
static size_t skip_value(const char *s, size_t i, size_t n) {
  size_t depth = 0;
  while (i < n) {
    char c = s[i];
    if (c == '"') {
      i = skip_string(s, i, n);
      if (depth == 0)
        return i;
      continue;
    }
    if (c == '{' || c == '[') {
      depth++;
    } else if (c == '}' || c == ']') {
      if (depth <= 1)
        return depth ? i + 1 : i;
      depth--;
    } else if (depth == 0 && (c == ',' || is_ws(c))) {
      return i;
    }
    i++;
  }
  return n;
}

size_t wn_json_depth_at(const char *s, size_t at) {
  size_t depth = 0;
  for (size_t i = 0; i < at;) {
    char c = s[i];
    if (c == '"') {
      i = skip_string(s, i, at);
      continue;
    }
    if (c == '{' || c == '[')
      depth++;
    else if ((c == '}' || c == ']') && depth)
      depth--;
    i++;
  }
  return depth;
}

int wn_json_open(const char *s, size_t n, size_t *pos, char bracket) {
  size_t i = wn_json_skip_ws(s, *pos, n);
  if (i >= n || s[i] != bracket)
    return 0;
  *pos = wn_json_skip_ws(s, i + 1, n);
  return 1;
}

/* Past the value at *pos and the ',' after it. */
static size_t value_at(const char *s, size_t n, size_t *pos) {
  size_t end = skip_value(s, *pos, n), i = wn_json_skip_ws(s, end, n);
  if (i < n && s[i] == ',')
    i = wn_json_skip_ws(s, i + 1, n);
  *pos = i;
  return end;
}

int wn_json_member_next(const char *s, size_t n, size_t *pos, wn_json_member *m) {
  size_t i = *pos;
  if (i >= n || s[i] != '"')
    return 0;
  size_t e = skip_string(s, i, n);
  m->start = i;
  m->key = i + 1;
  m->key_len = e > i + 1 ? e - i - 2 : 0;
  i = wn_json_skip_ws(s, e, n);
  if (i >= n)
    return 0;
  m->value = i = wn_json_skip_ws(s, i + 1, n); /* past the ':' */
  m->value_end = value_at(s, n, &i);
  *pos = i;
  return 1;
}

int wn_json_element_next(const char *s, size_t n, size_t *pos, size_t *vs, size_t *ve) {
  if (*pos >= n || s[*pos] == ']')
    return 0;
  *vs = *pos;
  *ve = value_at(s, n, pos);
  return *ve > *vs;
}

/* ------------------------------------------------------------------------ */
/* Names with their escapes undone                                           */
/* ------------------------------------------------------------------------ */

long wn_json_hex4(const char *s, size_t left) {
  long v = 0;
  for (size_t k = 0; k < 4; k++) {
    char c = k < left ? s[k] : 0;
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (d < 0)
      return -1;
    v = v * 16 + d;
  }
  return v;
}

/* The bytes s[i..] stand for, as UTF-8, into out (4 bytes room): an
 * escape undone (a surrogate pair joined, a lone surrogate U+FFFD, as the
 * reader makes it), any other byte as it is. Returns the index after. */
static size_t unescape_step(const char *s, size_t i, size_t n, char out[4], size_t *olen) {
  static const char SIMPLE[] = "\"\\/bfnrt", PLAIN[] = "\"\\/\b\f\n\r\t";
  if (s[i] != '\\' || i + 1 >= n) {
    out[0] = s[i];
    *olen = 1;
    return i + 1;
  }
  const char *k = s[i + 1] ? strchr(SIMPLE, s[i + 1]) : NULL;
  if (k) {
    out[0] = PLAIN[k - SIMPLE];
    *olen = 1;
    return i + 2;
  }
  long v = s[i + 1] == 'u' ? wn_json_hex4(s + i + 2, n - i - 2) : -1;
  if (v < 0) { /* not an escape cJSON takes: the bytes as they are */
    out[0] = s[i];
    *olen = 1;
    return i + 1;
  }
  i += 6;
  if (v >= 0xD800 && v <= 0xDBFF && i + 6 <= n && s[i] == '\\' && s[i + 1] == 'u') {
    long lo = wn_json_hex4(s + i + 2, n - i - 2);
    if (lo >= 0xDC00 && lo <= 0xDFFF) {
      v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
      i += 6;
    }
  }
  if (v >= 0xD800 && v <= 0xDFFF)
    v = 0xFFFD;
  *olen = (size_t)wn_utf8_put(out, (uint32_t)v);
  return i;
}

size_t wn_json_unescape(const char *s, size_t n, char *out) {
  size_t o = 0, k;
  for (size_t i = 0; i < n; o += k)
    i = unescape_step(s, i, n, out + o, &k);
  return o;
}

/* FNV-1a over the name's bytes with escapes undone. */
static uint64_t key_hash(const char *s, const wn_json_member *m) {
  uint64_t h = 1469598103934665603ull;
  char b[4];
  size_t k, end = m->key + m->key_len;
  for (size_t i = m->key; i < end;) {
    i = unescape_step(s, i, end, b, &k);
    for (size_t j = 0; j < k; j++)
      h = (h ^ (unsigned char)b[j]) * 1099511628211ull;
  }
  return h;
}

/* A name read byte by byte with its escapes undone. */
typedef struct unesc {
  const char *s;
  size_t i, n;
  char b[4];
  size_t at, len; /* b[at..len) not read yet */
} unesc;

/* The next byte, or -1 at the end. */
static int unesc_byte(unesc *u) {
  if (u->at == u->len) {
    if (u->i >= u->n)
      return -1;
    u->i = unescape_step(u->s, u->i, u->n, u->b, &u->len);
    u->at = 0;
  }
  return (unsigned char)u->b[u->at++];
}

/* Do a[0..an) and b[0..bn), both escaped, name the same thing? Compared
 * byte by byte: one side's escape may stand for several of the other's
 * raw bytes. */
static int same_key(const char *a, size_t an, const char *b, size_t bn) {
  unesc x = {.s = a, .n = an}, y = {.s = b, .n = bn};
  for (;;) {
    int c = unesc_byte(&x);
    if (c != unesc_byte(&y))
      return 0;
    if (c < 0)
      return 1;
  }
}

int wn_json_key_is(const char *s, const wn_json_member *m, const char *name) {
  return same_key(s + m->key, m->key_len, name, strlen(name));
}

/* ------------------------------------------------------------------------ */
/* The set of names                                                          */
/* ------------------------------------------------------------------------ */

struct wn_json_slot {
  uint64_t hash;
  size_t key, key_len; /* of the first member with the name; key_len + 1, 0 = empty */
};

void wn_json_keys_init(wn_json_keys *k, const char *s) {
  *k = (wn_json_keys){.s = s};
}

void wn_json_keys_free(wn_json_keys *k) {
  wn_free(k->slot);
  k->slot = NULL;
  k->cap = k->n = 0;
}

/* The slot of m's name: the one that holds it, or the empty one where it
 * goes. cap is a power of two, never full. */
static struct wn_json_slot *find(const wn_json_keys *k, const wn_json_member *m, uint64_t h) {
  size_t mask = k->cap - 1;
  for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
    struct wn_json_slot *sl = &k->slot[i];
    if (!sl->key_len ||
        (sl->hash == h && same_key(k->s + sl->key, sl->key_len - 1, k->s + m->key, m->key_len)))
      return sl;
  }
}

static winnow_status grow(wn_json_keys *k) {
  size_t cap = k->cap ? k->cap * 2 : 16;
  if (cap > SIZE_MAX / sizeof *k->slot)
    return WINNOW_ERR_NOMEM;
  struct wn_json_slot *old = k->slot, *slot = wn_calloc(cap, sizeof *slot);
  if (!slot)
    return WINNOW_ERR_NOMEM;
  size_t old_cap = k->cap;
  k->slot = slot;
  k->cap = cap;
  for (size_t i = 0; i < old_cap; i++) {
    if (!old[i].key_len)
      continue;
    size_t j = (size_t)old[i].hash & (cap - 1);
    while (slot[j].key_len)
      j = (j + 1) & (cap - 1);
    slot[j] = old[i];
  }
  wn_free(old);
  return WINNOW_OK;
}

winnow_status wn_json_keys_add(wn_json_keys *k, const wn_json_member *m, int *added) {
  *added = 0;
  if (k->n + 1 > k->cap / 2) { /* at most half full: short probes */
    winnow_status st = grow(k);
    if (st != WINNOW_OK)
      return st;
  }
  uint64_t h = key_hash(k->s, m);
  struct wn_json_slot *sl = find(k, m, h);
  if (sl->key_len)
    return WINNOW_OK;
  *sl = (struct wn_json_slot){h, m->key, m->key_len + 1};
  k->n++;
  *added = 1;
  return WINNOW_OK;
}

int wn_json_keys_is_first(const wn_json_keys *k, const wn_json_member *m) {
  if (!k->cap)
    return 0;
  const struct wn_json_slot *sl = find(k, m, key_hash(k->s, m));
  return sl->key_len && sl->key == m->key;
}
