/* spam.c - injected link farms. Two shapes of the same thing: one block of
 * many short titles joined by separators ("a| b| c| ..."), or a run of
 * short lines, one title each. Either is spam when enough of its items carry
 * spam vocabulary (adult, gambling, piracy, black-market services), or when
 * a long list is written in the other Chinese script than the page. The
 * vocabulary alone never condemns prose: only list-shaped text is judged. */
#include <stdio.h>
#include <string.h>

#include "wn_classify.h"

static int any_spam(const winnow_features *f) {
  for (int c = WINNOW_LEX_SPAM_FIRST; c < WINNOW_LEX_COUNT_; c++)
    if (f->lex[c])
      return 1;
  return 0;
}

/* Loose separators split lists written without bars: "a、b、c", "a，b",
 * "a_b", and in CJK text a plain space ("日韩视频 国产精品"). Only used on
 * blocks without sentence marks, where they cannot be cutting prose. */
static int loose_sep(uint32_t prev, uint32_t cp, uint32_t next, int cjk) {
  if (cp == 0x3001 || cp == 0xFF0C || cp == ',' || cp == ';' || cp == 0xFF1B || cp == '\t')
    return 1;
  if (cp == '_')
    return prev && next && prev != ' ' && next != ' ';
  return cjk && cp == ' ';
}

typedef struct item_count {
  uint32_t items, spam;
} item_count;

/* Split block b into items (strict separators, plus loose ones when asked)
 * and count the items holding a spam hit. Hits are sorted by start. */
static item_count count_items(const wn_classify_scratch *s, size_t h, const char *text,
                              const winnow_block *b, int loose, int cjk) {
  item_count c = {0, 0};
  const unsigned char *p = (const unsigned char *)text + b->start;
  const unsigned char *end = (const unsigned char *)text + b->end;
  uint32_t prev = 0, cp = 0, next = 0, letters = 0;
  int hit = 0;
  if (p < end)
    p += wn_utf8_next(p, end, &cp);
  while (cp) {
    uint32_t here = (uint32_t)(p - (const unsigned char *)text);
    next = 0;
    const unsigned char *q = p;
    if (q < end)
      q += wn_utf8_next(q, end, &next);
    for (; h < s->n_hits && s->hits[h].start < here; h++)
      hit |= s->hits[h].cat >= WINNOW_LEX_SPAM_FIRST;
    if (wn_is_sep(prev, cp, next) || (loose && loose_sep(prev, cp, next, cjk))) {
      c.items += letters > 0;
      c.spam += letters > 0 && hit;
      letters = 0;
      hit = 0;
    } else if (wn_char_class(cp) != WN_CC_SPACE) {
      letters++;
    }
    prev = cp;
    cp = next;
    p = q;
  }
  for (; h < s->n_hits && s->hits[h].start < b->end; h++)
    hit |= s->hits[h].cat >= WINNOW_LEX_SPAM_FIRST;
  c.items += letters > 0;
  c.spam += letters > 0 && hit;
  return c;
}

static int cjk_script(int script) {
  return script == WINNOW_SCRIPT_HANS || script == WINNOW_SCRIPT_HANT ||
         script == WINNOW_SCRIPT_HAN || script == WINNOW_SCRIPT_JPAN;
}

/* Count the items of each block that holds spam vocabulary. */
void wn_spam_count_items(const wn_classify_scratch *s, wn_docb *d) {
  size_t h = 0;
  for (size_t i = 0; i < d->pub.n_blocks; i++) {
    winnow_block *b = &d->blocks[i];
    while (h < s->n_hits && s->hits[h].start < b->start)
      h++;
    int spam = any_spam(&b->f);
    if (spam)
      b->f.spam_items = count_items(s, h, d->pub.text, b, 0, 0).spam;
    /* loose items matter for a list: spam words, or Han text that may be in
     * the other script than the page; never for a block with sentences */
    if (b->f.n_sent_end == 0 && (spam || cjk_script(b->f.script))) {
      item_count c = count_items(s, h, d->pub.text, b, 1, cjk_script(b->f.script));
      b->f.n_items_loose = c.items;
      b->f.spam_items_loose = c.spam;
    }
  }
}

static int opposite_han(winnow_script a, winnow_script b) {
  return (a == WINNOW_SCRIPT_HANS && b == WINNOW_SCRIPT_HANT) ||
         (a == WINNOW_SCRIPT_HANT && b == WINNOW_SCRIPT_HANS);
}

/* Spam kinds of a block's vocabulary, as WINNOW_SPAM_* bits. */
static uint32_t vocab_kinds(const winnow_features *f) {
  uint32_t k = 0;
  k |= f->lex[WINNOW_LEX_ADULT] ? WINNOW_SPAM_ADULT : 0;
  k |= f->lex[WINNOW_LEX_GAMBLING] ? WINNOW_SPAM_GAMBLING : 0;
  k |= f->lex[WINNOW_LEX_PIRACY] ? WINNOW_SPAM_PIRACY : 0;
  k |= f->lex[WINNOW_LEX_FRAUD] ? WINNOW_SPAM_FRAUD : 0;
  return k;
}

static void vocab_detail(char *buf, size_t n, const uint32_t *counts) {
  size_t used = 0;
  buf[0] = '\0';
  for (int c = WINNOW_LEX_SPAM_FIRST; c < WINNOW_LEX_COUNT_; c++) {
    if (!counts[c - WINNOW_LEX_SPAM_FIRST] || used >= n)
      continue;
    int w = snprintf(buf + used, n - used, "%s%s %u", used ? ", " : "",
                     winnow_lexcat_str((winnow_lexcat)c), counts[c - WINNOW_LEX_SPAM_FIRST]);
    used += w > 0 ? (size_t)w : 0;
  }
}

static void mark(wn_docb *d, winnow_block *b, winnow_reason r, const char *detail) {
  b->label = WINNOW_LABEL_SPAM;
  b->reason = (uint8_t)r;
  b->detail = wn_arena_strndup(d->arena, detail, strlen(detail));
}

static void sep_name(char *out, uint32_t sep) {
  if (!sep) {
    strcpy(out, "none");
    return;
  }
  out[0] = '\'';
  int n = wn_utf8_put(out + 1, sep);
  out[1 + n] = '\'';
  out[2 + n] = '\0';
}

/* One block holding a list of link titles. */
static int farm_block(const winnow_model *m, wn_docb *d, winnow_block *b) {
  const wn_rules *r = &m->rules;
  const winnow_features *f = &b->f;
  uint32_t items = f->n_items, spam = f->spam_items;
  if ((int)items < r->farm_min_items && f->n_items_loose > items) {
    items = f->n_items_loose;
    spam = f->spam_items_loose;
  }
  if ((int)items < r->farm_min_items || (int)(wn_units(f) / items) > r->farm_max_avg_item)
    return 0;
  int vocab =
      (int)spam * 100 >= r->farm_min_spam_pct * (int)items && (int)spam >= r->farm_min_spam_items;
  int mismatch = opposite_han((winnow_script)f->script, (winnow_script)d->pub.script);
  if (!vocab && !(mismatch && (int)items >= r->farm_mismatch_items))
    return 0;
  uint32_t counts[WINNOW_LEX_COUNT_ - WINNOW_LEX_SPAM_FIRST];
  for (int c = WINNOW_LEX_SPAM_FIRST; c < WINNOW_LEX_COUNT_; c++)
    counts[c - WINNOW_LEX_SPAM_FIRST] = f->lex[c];
  char voc[128], sep[12], detail[320];
  vocab_detail(voc, sizeof voc, counts);
  sep_name(sep, f->sep_cp);
  snprintf(detail, sizeof detail, "%u items joined by %s, %u with spam terms%s%s%s%s", items,
           items == f->n_items ? sep : "commas or spaces", spam, voc[0] ? " (" : "", voc,
           voc[0] ? ")" : "", mismatch ? "; script differs from the page" : "");
  mark(d, b, WINNOW_REASON_LINK_FARM, detail);
  d->pub.spam_kinds |=
      WINNOW_SPAM_LINK_FARM | vocab_kinds(f) | (mismatch ? WINNOW_SPAM_SCRIPT_MISMATCH : 0);
  return 1;
}

static int run_candidate(const wn_rules *r, const winnow_block *b) {
  return b->label == WINNOW_LABEL_CONTENT && b->reason == WINNOW_REASON_NONE &&
         (int)wn_units(&b->f) <= r->run_max_units && b->f.n_sent_end <= 1;
}

/* Lines [a, e) are short candidates; judge them as one list of titles. */
static void judge_run(const winnow_model *m, wn_docb *d, size_t a, size_t e, int in_body) {
  const wn_rules *r = &m->rules;
  size_t first = SIZE_MAX, last = 0, hits = 0, mism = 0;
  uint32_t counts[WINNOW_LEX_COUNT_ - WINNOW_LEX_SPAM_FIRST] = {0};
  for (size_t i = a; i < e; i++) {
    const winnow_features *f = &d->blocks[i].f;
    int spam = any_spam(f);
    int mm = opposite_han((winnow_script)f->script, (winnow_script)d->pub.script);
    hits += spam;
    mism += mm;
    if (spam || mm) {
      first = WN_MIN(first, i);
      last = i;
    }
    for (int c = WINNOW_LEX_SPAM_FIRST; c < WINNOW_LEX_COUNT_; c++)
      counts[c - WINNOW_LEX_SPAM_FIRST] += f->lex[c] ? 1 : 0;
  }
  size_t n = e - a;
  int pct = in_body ? r->run_in_body_pct : r->run_min_spam_pct;
  int by_vocab = hits * 100 >= (size_t)pct * n && hits >= (size_t)r->run_min_spam_lines;
  int by_script =
      !in_body && mism * 100 >= (size_t)r->run_mismatch_pct * n && (int)n >= r->farm_mismatch_items;
  if (first == SIZE_MAX || (!by_vocab && !by_script))
    return;
  char voc[128], detail[320];
  vocab_detail(voc, sizeof voc, counts);
  snprintf(detail, sizeof detail, "run of %zu short lines, %zu with spam terms%s%s%s%s",
           last - first + 1, hits, voc[0] ? " (" : "", voc, voc[0] ? ")" : "",
           mism * 2 > n ? "; script differs from the page" : "");
  for (size_t i = first; i <= last; i++) {
    mark(d, &d->blocks[i], WINNOW_REASON_SPAM_RUN, detail);
    d->pub.spam_kinds |= vocab_kinds(&d->blocks[i].f);
  }
  d->pub.spam_kinds |= WINNOW_SPAM_LINK_FARM | (mism * 2 > n ? WINNOW_SPAM_SCRIPT_MISMATCH : 0);
}

void wn_spam_farms(const winnow_model *m, wn_docb *d) {
  for (size_t i = 0; i < d->pub.n_blocks; i++)
    farm_block(m, d, &d->blocks[i]);
}

void wn_spam_runs(const winnow_model *m, wn_docb *d, int32_t body_first, int32_t body_last) {
  size_t n = d->pub.n_blocks;
  for (size_t i = 0; i < n;) {
    if (!run_candidate(&m->rules, &d->blocks[i])) {
      i++;
      continue;
    }
    size_t e = i;
    while (e < n && run_candidate(&m->rules, &d->blocks[e]))
      e++;
    if ((int)(e - i) >= m->rules.run_min_lines) {
      int in_body = (int32_t)i > body_first && (int32_t)e <= body_last;
      judge_run(m, d, i, e, in_body);
    }
    i = e;
  }
}
