/* metaline.c - recognise metadata lines: "来源：人民日报", "【责任编辑：X】",
 * "By Jane Doe | November 3, 2024", "2024-11-20 09:58", "입력 2024.11.03".
 * A line is metadata when it is short and made of fields (key + value, or a
 * bare date) with little else left over. Keys come from the meta_* lexicon
 * categories, so the vocabulary lives in data/, not here. */
#include <string.h>

#include "wn_classify.h"

typedef struct span {
  uint32_t a, b; /* byte offsets in the document text */
} span;

static uint32_t cp_at(const char *text, uint32_t pos, uint32_t end, int *len) {
  uint32_t cp = 0;
  *len = wn_utf8_next((const unsigned char *)text + pos, (const unsigned char *)text + end, &cp);
  return cp;
}

static int is_space_cp(uint32_t cp) {
  return wn_char_class(cp) == WN_CC_SPACE;
}

/* Spaces, brackets, colons, separators and commas around a value: "Fiona
 * Reilly ·" is a name and a dangling separator. */
static int trimmable(uint32_t cp) {
  return is_space_cp(cp) || cp == '-' || cp == ',' || cp == 0xFF0C ||
         (wn_char_flags(cp) & (WN_CF_OPEN | WN_CF_CLOSE | WN_CF_COLON | WN_CF_SEP));
}

static span trim(const char *text, span s) {
  int len;
  while (s.a < s.b && trimmable(cp_at(text, s.a, s.b, &len)))
    s.a += (uint32_t)len;
  while (s.b > s.a) {
    uint32_t p = s.b - 1;
    while (p > s.a && ((unsigned char)text[p] & 0xC0) == 0x80)
      p--;
    if (!trimmable(cp_at(text, p, s.b, &len)))
      break;
    s.b = p;
  }
  return s;
}

/* Where a field value ends: a separator, a run of 2+ spaces, a bracket
 * close, or the start of the next key. */
static uint32_t value_end(const char *text, uint32_t a, uint32_t b, uint32_t next_key) {
  uint32_t stop = WN_MIN(b, next_key), prev = 0;
  int len;
  for (uint32_t p = a; p < stop; p += (uint32_t)len) {
    uint32_t cp = cp_at(text, p, stop, &len);
    if (cp == '|' || cp == 0xFF5C || cp == 0x4E28 || (wn_char_flags(cp) & WN_CF_CLOSE))
      return p;
    if (is_space_cp(cp) && is_space_cp(prev) && p > a)
      return p;
    if (cp == 0x3000)
      return p;
    prev = cp;
  }
  return stop;
}

typedef struct key_hit {
  uint32_t start, end;
  int cat;
} key_hit;

/* Meta-key hits in [a, b) that start a field, longest first at a position,
 * overlapping ones dropped. */
static size_t collect_keys(const wn_classify_scratch *s, const char *text, uint32_t a, uint32_t b,
                           key_hit *out, size_t max) {
  size_t n = 0;
  uint32_t until = 0;
  if (s->n_hits == 0)
    return 0;
  const wn_hit *h = wn_hit_from(s, a), *stop = s->hits + s->n_hits;
  for (; h && h < stop && h->start < b && n < max; h++) {
    if (h->end > b || h->cat < WINNOW_LEX_META_DATE || h->cat > WINNOW_LEX_META_EDITOR ||
        h->start < until)
      continue;
    if (h->start > a) { /* must follow a space, separator or bracket */
      uint32_t p = h->start - 1;
      while (p > a && ((unsigned char)text[p] & 0xC0) == 0x80)
        p--;
      int len;
      uint32_t cp = cp_at(text, p, h->start, &len);
      if (!is_space_cp(cp) &&
          !(wn_char_flags(cp) & (WN_CF_SEP | WN_CF_OPEN | WN_CF_CLOSE | WN_CF_COMMA)))
        continue;
    }
    out[n++] = (key_hit){h->start, h->end, h->cat};
    until = h->end;
  }
  return n;
}

/* A Chinese personal name: a surname of one or two characters and a given
 * name of one or two. */
#define NAME_MIN_HAN 2
#define NAME_MAX_HAN 4

/* A name of Han characters at p, then the end, a space or a slash: a
 * Chinese name written straight after its label. */
static int glued_name(const char *text, uint32_t p, uint32_t b) {
  int len, n = 0;
  while (p < b && n <= NAME_MAX_HAN) {
    uint32_t cp = cp_at(text, p, b, &len);
    if (wn_char_class(cp) != WN_CC_HAN)
      return n >= NAME_MIN_HAN && (is_space_cp(cp) || cp == '/' || cp == 0xFF0F);
    n++;
    p += (uint32_t)len;
  }
  return p >= b && n >= NAME_MIN_HAN && n <= NAME_MAX_HAN;
}

/* After a key: ':' '：' '/' '／' or '|' (then the value), or a space; a
 * glued name when the key opens the line. Returns where the value starts,
 * or 0 for no field. */
static uint32_t after_key(const char *text, const key_hit *k, uint32_t b, int at_line_start) {
  uint32_t p = k->end;
  int len, spaces = 0;
  while (p < b && is_space_cp(cp_at(text, p, b, &len))) {
    p += (uint32_t)len;
    spaces = 1;
  }
  if (p >= b)
    return 0;
  uint32_t cp = cp_at(text, p, b, &len);
  if ((wn_char_flags(cp) & WN_CF_COLON) || cp == '/' || cp == 0xFF0F || cp == '|' || cp == 0xFF5C)
    return p + (uint32_t)len;
  /* "记者 孙悦", "By Jane Doe": a space suffices at a field start (which
   * collect_keys already required) */
  if (spaces)
    return p;
  /* "記者林佳蓉／台中報導": a name glued to a key opening the line */
  return at_line_start && glued_name(text, p, b) ? p : 0;
}

/* A final '.' after a value longer than this ends a sentence; up to it, an
 * abbreviation ("Jr.", "Inc."). */
#define ABBREV_MAX_BYTES 4

/* A value that holds a sentence mark is speech, not a name ("记者：您修表
 *多少年了？"). */
static int sentence_like(const char *text, span v) {
  int len;
  for (uint32_t p = v.a; p < v.b; p += (uint32_t)len) {
    uint32_t cp = cp_at(text, p, v.b, &len);
    if (cp == 0x3002 || cp == 0xFF1F || cp == 0xFF01 || cp == 0xFF0C || cp == '?' || cp == '!' ||
        (cp == '.' && p + 1 == v.b && v.b - v.a > ABBREV_MAX_BYTES))
      return 1;
  }
  return 0;
}

static const char *dup_span(wn_docb *d, span v) {
  return wn_arena_strndup(d->arena, d->pub.text + v.a, v.b - v.a);
}

static int set_field(const wn_rules *r, wn_docb *d, wn_meta_fields *out, int cat, span v) {
  const char *text = d->pub.text;
  size_t cps = wn_utf8_count(text + v.a, v.b - v.a);
  if (v.b <= v.a || cps > (size_t)r->meta_max_value_cp || sentence_like(text, v))
    return 0;
  if (cat == WINNOW_LEX_META_AUTHOR && text[v.a] >= 'a' && text[v.a] <= 'z')
    return 0;                          /* "by the way": English names are capitalised */
  if (cat == WINNOW_LEX_META_AUTHOR) { /* "林怡君/台中報導": the name only */
    for (uint32_t p = v.a; p < v.b; p++)
      if (text[p] == '/' || (v.b - p >= 3 && !memcmp(text + p, "\xEF\xBC\x8F", 3))) {
        v.b = p;
        break;
      }
    v = trim(text, v);
    if (v.b <= v.a)
      return 0;
  }
  const char **slot = cat == WINNOW_LEX_META_SOURCE   ? &out->source
                      : cat == WINNOW_LEX_META_AUTHOR ? &out->author
                                                      : &out->editor;
  if (!*slot)
    *slot = dup_span(d, v);
  return 1;
}

/* Letters and digits in [a, b) not inside any covered span. */
static uint32_t leftover(const char *text, uint32_t a, uint32_t b, const span *cov, size_t ncov,
                         uint32_t *total) {
  uint32_t left = 0, all = 0;
  int len;
  for (uint32_t p = a; p < b; p += (uint32_t)len) {
    uint32_t cp = cp_at(text, p, b, &len);
    int cls = wn_char_class(cp);
    if (cls == WN_CC_SPACE || cls == WN_CC_PUNCT || cls == WN_CC_SYMBOL)
      continue;
    all++;
    int in = 0;
    for (size_t i = 0; i < ncov && !in; i++)
      in = p >= cov[i].a && p < cov[i].b;
    left += !in;
  }
  *total = all;
  return left;
}

static int parse_date(wn_docb *d, wn_meta_fields *out, span v, span *got) {
  char iso[24];
  size_t ds, de;
  if (!wn_date_find(d->pub.text + v.a, v.b - v.a, iso, &ds, &de))
    return 0;
  if (!out->date)
    out->date = wn_arena_strndup(d->arena, iso, strlen(iso));
  got->a = v.a + (uint32_t)ds;
  got->b = v.a + (uint32_t)de;
  return 1;
}

int wn_metaline_parse(const winnow_model *m, const wn_classify_scratch *s, wn_docb *d,
                      const winnow_block *b, wn_meta_fields *out) {
  const winnow_features *f = &b->f;
  memset(out, 0, sizeof *out);
  /* abbreviations ("Jan.", "a.m.") put dots in dates: only many marks
   * make a line a sentence */
  if ((int)wn_units(f) > m->rules.meta_max_units ||
      (int)f->n_sent_end > m->rules.meta_max_sent_marks)
    return 0;
  const char *text = d->pub.text;
  span line = trim(text, (span){b->start, b->end});
  key_hit keys[8];
  size_t nk = collect_keys(s, text, line.a, line.b, keys, WN_ARRAY_LEN(keys));
  span cov[20];
  size_t ncov = 0;
  int fields = 0, lead_key = 0;
  for (size_t i = 0; i < nk; i++) {
    uint32_t vstart = after_key(text, &keys[i], line.b, keys[i].start == line.a);
    if (!vstart)
      continue;
    uint32_t next = i + 1 < nk ? keys[i + 1].start : line.b;
    if (sentence_like(text, (span){vstart, line.b}) && keys[i].cat != WINNOW_LEX_META_DATE)
      continue; /* "记者：您觉得……？" is a question, not a byline */
    span v = trim(text, (span){vstart, value_end(text, vstart, line.b, next)});
    int ok = keys[i].cat == WINNOW_LEX_META_DATE ? parse_date(d, out, v, &v)
                                                 : set_field(&m->rules, d, out, keys[i].cat, v);
    if (!ok)
      continue;
    if (!out->reason || keys[i].start == line.a)
      out->reason = (winnow_reason)(WINNOW_REASON_META_DATE + (keys[i].cat - WINNOW_LEX_META_DATE));
    lead_key |= keys[i].start == line.a;
    cov[ncov++] = (span){keys[i].start, keys[i].end};
    cov[ncov++] = v;
    fields++;
  }
  /* a key closing the line names what stands before it ("김민준 기자") */
  if (!fields && nk && keys[nk - 1].end == line.b && keys[nk - 1].start > line.a &&
      keys[nk - 1].cat != WINNOW_LEX_META_DATE) {
    span v = trim(text, (span){nk > 1 ? keys[nk - 2].end : line.a, keys[nk - 1].start});
    if (set_field(&m->rules, d, out, keys[nk - 1].cat, v)) {
      out->reason =
          (winnow_reason)(WINNOW_REASON_META_DATE + (keys[nk - 1].cat - WINNOW_LEX_META_DATE));
      cov[ncov++] = (span){keys[nk - 1].start, keys[nk - 1].end};
      cov[ncov++] = v;
      fields++;
    }
  }
  /* bare dates anywhere in the line */
  span rest = line, got;
  while (ncov < WN_ARRAY_LEN(cov) && rest.a < rest.b && parse_date(d, out, rest, &got)) {
    cov[ncov++] = got;
    rest.a = got.b;
    if (!out->reason)
      out->reason = WINNOW_REASON_META_DATE;
    fields++;
  }
  if (!fields)
    return 0;
  uint32_t total, left = leftover(text, line.a, line.b, cov, ncov, &total);
  /* weekday names and the like may remain; a sentence may not */
  return lead_key || (uint64_t)left * 100 <= (uint64_t)total * (uint64_t)m->rules.meta_max_left_pct;
}
