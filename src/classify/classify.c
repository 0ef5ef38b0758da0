/* classify.c - label every block content, chrome or spam, with a reason.
 *
 * Order of the rules, strongest evidence first:
 *   1. link-farm lists (spam.c), judged against the page's script; on
 *      HTML pages, then, blocks the page hides and link-dense blocks of
 *      regions it marks as chrome (nav, footer, aside, class "share"...);
 *   2. shapes: metadata lines, copyright notices, breadcrumbs, nav lists,
 *      blocks mostly made of UI vocabulary;
 *   3. prose: sentence-shaped blocks; the first and last prose block bound
 *      the article body (body.c finds, trims and extends it);
 *   4. runs of short spam titles (spam.c);
 *   5. what is left is decided by position: inside the body it is content
 *      (headings, short paragraphs), above it the title is sought, outside it
 *      chrome. A page without prose (a poem, a list) keeps its longest
 *      stretch of short lines.
 */
#include <string.h>

#include "classify_int.h"

static int list_shaped(const wn_rules *r, const winnow_features *f) {
  return (int)f->n_items >= r->list_min_items &&
         (int)(wn_units(f) / f->n_items) <= r->list_max_avg_item;
}

static int is_prose(const wn_rules *r, const winnow_features *f) {
  int units = (int)wn_units(f);
  if (list_shaped(r, f))
    return 0;
  /* a sentence ends it, or it holds several: headlines ("A: B, C") do not */
  if (units >= r->prose_units && (f->ends_sentence || f->n_sent_end >= 2) && !f->ends_colon)
    return 1;
  return units >= r->prose_bare_units;
}

/* The chrome category with the most hits, for the reason detail. */
static const char *top_chrome(const winnow_features *f) {
  int best = 0;
  for (int c = 1; c <= WINNOW_LEX_CHROME_LAST; c++)
    if (f->lex[c] > f->lex[best])
      best = c;
  return winnow_lexcat_str((winnow_lexcat)best);
}

static void page_script(const wn_rules *r, wn_docb *d) {
  winnow_features sum = {0}, all = {0};
  for (size_t i = 0; i < d->pub.n_blocks; i++) {
    const winnow_features *f = &d->blocks[i].f;
    winnow_features *t = is_prose(r, f) ? &sum : &all;
    t->n_han += f->n_han;
    t->n_hans += f->n_hans;
    t->n_hant += f->n_hant;
    t->n_kana += f->n_kana;
    t->n_hangul += f->n_hangul;
    t->n_latin += f->n_latin;
    t->n_cyrl += f->n_cyrl;
    t->n_other += f->n_other;
  }
  winnow_script s = wn_script_of(&sum);
  d->pub.script = (uint8_t)(s != WINNOW_SCRIPT_UNKNOWN ? s : wn_script_of(&all));
}

static int has_copyright_sign(const wn_docb *d, const winnow_block *b) {
  const char *p = d->pub.text + b->start;
  size_t n = b->end - b->start;
  return memmem(p, n, "\xC2\xA9", 2) != NULL;
}

static int breadcrumb(const wn_rules *r, const winnow_features *f) {
  uint32_t s = f->sep_cp;
  int arrow =
      s == '>' || s == 0x203A || s == 0xBB || s == 0x2192 || s == '/' || s == 0xFF1E || s == 0xFF0F;
  int strong = s != '/' && s != 0xFF0F; /* '/' also joins tags and names */
  int items = (int)f->n_items;
  return arrow && items >= r->crumb_min_items && items <= r->crumb_max_items &&
         (int)f->max_item <= r->crumb_max_item && !f->ends_sentence &&
         (f->lex[WINNOW_LEX_NAV] || items >= r->crumb_slash_items || strong);
}

/* "上一篇：…", "Tags: …", "字号：大 中 小": a line opened by UI vocabulary
 * and a colon is a labelled widget, whatever follows. Returns the category
 * or -1. */
static int ui_key_prefix(const wn_classify_scratch *s, const wn_docb *d, const winnow_block *b) {
  const unsigned char *t = (const unsigned char *)d->pub.text;
  uint32_t a = b->start;
  uint32_t cp;
  int n = wn_utf8_next(t + a, t + b->end, &cp);
  if (wn_char_flags(cp) & WN_CF_OPEN)
    a += (uint32_t)n;
  const wn_hit *h = wn_hit_from(s, a);
  for (; h && h < s->hits + s->n_hits && h->start == a; h++) {
    if (h->cat > WINNOW_LEX_CHROME_LAST || h->end >= b->end)
      continue;
    uint32_t p = h->end;
    while (p < b->end && t[p] == ' ')
      p++;
    if (p >= b->end)
      continue;
    wn_utf8_next(t + p, t + b->end, &cp);
    if ((wn_char_flags(cp) & WN_CF_COLON) || cp == '|' || cp == 0xFF5C)
      return h->cat;
  }
  return -1;
}

static void merge_meta(winnow_meta *dst, const wn_meta_fields *src) {
  if (!dst->date)
    dst->date = src->date;
  if (!dst->source)
    dst->source = src->source;
  if (!dst->author)
    dst->author = src->author;
  if (!dst->editor)
    dst->editor = src->editor;
}

/* Region roles and class/id categories where link text is chrome. */
#define CHROME_ROLES (WN_DOM_NAV | WN_DOM_ASIDE | WN_DOM_FOOTER | WN_DOM_DIALOG)
/* Mostly link text, in a region the page marks as chrome: prose with a
 * link or two, or a chrome token on a wrapper of the article, is not. */
static int link_dense_region(const wn_rules *r, const winnow_features *f, const wn_dom_feat *x) {
  uint32_t link = WN_MIN(x->link_cp, f->n_cp);
  return f->n_cp && (int)x->n_links >= r->region_min_links &&
         (uint64_t)link * 100 >= (uint64_t)r->region_link_pct * f->n_cp &&
         ((x->roles & CHROME_ROLES) || (x->attr & WN_DOM_ATTR_CHROME));
}

/* Stage 1b (HTML pages): what the page's structure says. */
static void label_dom(const wn_rules *r, wn_docb *d) {
  for (size_t i = 0; d->dom && i < d->pub.n_blocks; i++) {
    winnow_block *b = &d->blocks[i];
    const wn_dom_feat *x = &d->dom[i];
    if (!WN_UNDECIDED(b))
      continue;
    if (x->roles & WN_DOM_HIDDEN)
      wn_set_label(b, WINNOW_LABEL_CHROME, WINNOW_REASON_HIDDEN, NULL);
    else if (link_dense_region(r, &b->f, x))
      wn_set_label(b, WINNOW_LABEL_CHROME, WINNOW_REASON_LINK_DENSE, NULL);
  }
}

/* Stage 2 and 3: shapes, then prose. */
static void label_shapes(const winnow_model *m, const wn_classify_scratch *s, wn_docb *d) {
  const wn_rules *r = &m->rules;
  for (size_t i = 0; i < d->pub.n_blocks; i++) {
    winnow_block *b = &d->blocks[i];
    const winnow_features *f = &b->f;
    wn_meta_fields mf;
    int cat;
    if (!WN_UNDECIDED(b))
      continue;
    if (wn_metaline_parse(m, s, d, b, &mf)) {
      wn_set_label(b, WINNOW_LABEL_CHROME, mf.reason, NULL);
      merge_meta(&d->pub.meta, &mf);
    } else if ((f->lex[WINNOW_LEX_COPYRIGHT] || f->lex[WINNOW_LEX_ICP] ||
                has_copyright_sign(d, b)) &&
               (int)wn_units(f) <= r->copyright_max_units) {
      wn_set_label(b, WINNOW_LABEL_CHROME, WINNOW_REASON_COPYRIGHT, NULL);
    } else if ((int)wn_units(f) <= r->title_max_units && (cat = ui_key_prefix(s, d, b)) >= 0) {
      wn_set_label(b, WINNOW_LABEL_CHROME, WINNOW_REASON_LEXICON,
                   winnow_lexcat_str((winnow_lexcat)cat));
    } else if (breadcrumb(r, f)) {
      wn_set_label(b, WINNOW_LABEL_CHROME, WINNOW_REASON_BREADCRUMB, NULL);
    } else if ((int)f->n_items >= r->nav_min_items && (int)f->max_item <= r->nav_max_item &&
               f->n_sent_end <= 1) {
      wn_set_label(b, WINNOW_LABEL_CHROME, WINNOW_REASON_NAV_LIST, NULL);
    } else if ((int)(f->lex_cover * 100 / wn_letters(f)) >= r->lex_cover_in) {
      wn_set_label(b, WINNOW_LABEL_CHROME, WINNOW_REASON_LEXICON, top_chrome(f));
    } else if (is_prose(r, f)) {
      wn_set_label(b, WINNOW_LABEL_CONTENT, WINNOW_REASON_PROSE, NULL);
    }
  }
}

/* Weaker UI-vocabulary evidence, for short lines outside the body. */
static void label_weak_lexicon(const wn_rules *r, wn_docb *d, int32_t first, int32_t last) {
  for (int32_t i = 0; i < (int32_t)d->pub.n_blocks; i++) {
    winnow_block *b = &d->blocks[i];
    const winnow_features *f = &b->f;
    if (!WN_UNDECIDED(b) || (i > first && i < last))
      continue;
    int tokens =
        (int)f->n_tokens >= r->toggle_min_tokens && (int)f->max_token <= r->toggle_max_token;
    if (!wn_chrome_hits(f) && !tokens)
      continue;
    int cover = (int)(f->lex_cover * 100 / wn_letters(f));
    if (tokens && (int)wn_letters(f) <= r->toggle_max_letters && !f->ends_sentence) {
      wn_set_label(b, WINNOW_LABEL_CHROME, WINNOW_REASON_NAV_LIST, "toggle");
      continue;
    }
    if (cover >= r->lex_cover_out || ((int)wn_units(f) <= r->lex_tiny_units && !f->ends_sentence))
      wn_set_label(b, WINNOW_LABEL_CHROME, WINNOW_REASON_LEXICON, top_chrome(f));
  }
}

int wn_title_like(const wn_rules *r, const winnow_block *b) {
  const winnow_features *f = &b->f;
  int units = (int)wn_units(f);
  int open = b->label == WINNOW_LABEL_CONTENT &&
             (b->reason == WINNOW_REASON_NONE || b->reason == WINNOW_REASON_PROSE);
  return open && units >= r->title_min_units && units <= r->title_max_units && !f->ends_colon &&
         (f->n_sent_end == 0 || !f->ends_sentence) && (int)f->n_items <= r->title_max_items &&
         wn_letters(f) > 1;
}

/* The title: the top body line when metadata follows it; else a title-like
 * line in the few blocks above the body, preferring one that metadata
 * follows, else the nearest. */
static int32_t find_title(const wn_rules *r, wn_docb *d, int32_t top, int32_t prose) {
  int32_t n = (int32_t)d->pub.n_blocks, nearest = -1;
  if (wn_title_like(r, &d->blocks[top]) && top + 1 < n && wn_is_meta(&d->blocks[top + 1]))
    return top;
  /* chrome lines (share bars, toolbars) do not count against the window */
  for (int32_t i = top - 1, seen = 0; i >= 0 && seen < r->title_window && top - i <= r->title_reach;
       i--) {
    winnow_block *b = &d->blocks[i];
    if (b->label == WINNOW_LABEL_SPAM)
      break;
    seen += b->label == WINNOW_LABEL_CONTENT;
    if (!wn_title_like(r, b)) /* undecided, or a long headline read as prose */
      continue;
    if (i + 1 < n && wn_is_meta(&d->blocks[i + 1]))
      return i;
    if (nearest < 0)
      nearest = i;
  }
  /* a headline that opens the page, above its first paragraph */
  if (nearest < 0 && top < prose && wn_title_like(r, &d->blocks[top]) &&
      !d->blocks[top].f.ends_punct)
    return top;
  return nearest;
}

/* Undecided lines: content inside [top, last], chrome outside; above the
 * top, content while no chrome intervenes unless a title closes the
 * article's head. */
static void resolve(wn_docb *d, int32_t top, int32_t last, int titled, winnow_reason in_body) {
  int32_t n = (int32_t)d->pub.n_blocks;
  for (int32_t i = top; i <= last; i++)
    if (WN_UNDECIDED(&d->blocks[i]))
      wn_set_label(&d->blocks[i], WINNOW_LABEL_CONTENT, in_body, NULL);
  int zone = titled;
  for (int32_t i = top - 1; i >= 0; i--) {
    winnow_block *b = &d->blocks[i];
    if (!WN_UNDECIDED(b)) {
      zone |= b->label != WINNOW_LABEL_CONTENT;
      continue;
    }
    wn_set_label(b, zone ? WINNOW_LABEL_CHROME : WINNOW_LABEL_CONTENT,
                 zone ? WINNOW_REASON_CHROME_ZONE : in_body, NULL);
  }
  for (int32_t i = last + 1; i < n; i++)
    if (WN_UNDECIDED(&d->blocks[i]))
      wn_set_label(&d->blocks[i], WINNOW_LABEL_CHROME, WINNOW_REASON_CHROME_ZONE, NULL);
}

/* A page without prose: its longest stretch of undecided lines (metadata
 * lines do not break a stretch) is the body. */
static void longest_stretch(wn_docb *d, int32_t *first, int32_t *last) {
  int32_t n = (int32_t)d->pub.n_blocks, best_units = 0; /* words, not symbols */
  *first = *last = -1;
  for (int32_t i = 0; i < n;) {
    int32_t units = 0, a = -1, e = -1, j = i;
    for (; j < n && (WN_UNDECIDED(&d->blocks[j]) || wn_is_meta(&d->blocks[j])); j++) {
      if (!WN_UNDECIDED(&d->blocks[j]))
        continue;
      units += (int32_t)wn_units(&d->blocks[j].f);
      a = a < 0 ? j : a;
      e = j;
    }
    if (a >= 0 && units > best_units) {
      best_units = units;
      *first = a;
      *last = e;
    }
    i = j > i ? j : i + 1;
  }
}

static int headline(const wn_rules *r, const winnow_block *b) {
  return WN_UNDECIDED(b) && !b->f.ends_punct && (int)wn_units(&b->f) <= r->title_max_units;
}

#define RANK_MAX_DIGITS 3 /* a ranking number of a sidebar list: 1 to 999 */

/* "3 南州马拉松报名…": a ranking number, a space, the item. */
static int numbered_item(const wn_docb *d, const winnow_block *b) {
  const char *t = d->pub.text + b->start;
  size_t n = b->end - b->start, i = 0;
  while (i < n && i < RANK_MAX_DIGITS && t[i] >= '0' && t[i] <= '9')
    i++;
  return i > 0 && i < n && t[i] == ' ';
}

/* Under a related-links or ranking heading inside the body, the headline
 * lines that follow (no closing punctuation) are the sidebar's, not the
 * article's. */
static void heading_lists(const wn_rules *r, wn_docb *d, int32_t top, int32_t last) {
  const char *related = winnow_lexcat_str(WINNOW_LEX_RELATED);
  const char *nav = winnow_lexcat_str(WINNOW_LEX_NAV);
  for (int32_t i = top; i < last; i++) {
    const winnow_block *h = &d->blocks[i];
    if (h->reason != WINNOW_REASON_LEXICON || (h->detail != related && h->detail != nav))
      continue;
    int numbered = 0;
    for (int32_t k = i + 1; k <= last; k++) {
      winnow_block *b = &d->blocks[k];
      if (!headline(r, b))
        break;
      numbered |= numbered_item(d, b);
      wn_set_label(b, WINNOW_LABEL_CHROME, WINNOW_REASON_CHROME_ZONE, "list under a links heading");
    }
    /* a numbered sidebar list goes on between the paragraphs of a
     * two-column page: its later items are the same list */
    for (int32_t k = i + 1; numbered && k <= last; k++)
      if (headline(r, &d->blocks[k]) && numbered_item(d, &d->blocks[k]))
        wn_set_label(&d->blocks[k], WINNOW_LABEL_CHROME, WINNOW_REASON_CHROME_ZONE,
                     "list under a links heading");
  }
}

static void set_title(wn_docb *d, int32_t t) {
  winnow_block *b = &d->blocks[t];
  wn_set_label(b, WINNOW_LABEL_CONTENT, WINNOW_REASON_TITLE, NULL);
  d->pub.n_title_block = (uint32_t)t;
  d->pub.meta.title = wn_arena_strndup(d->arena, d->pub.text + b->start, b->end - b->start);
}

winnow_status wn_classify(const winnow_model *m, wn_classify_scratch *s, wn_docb *d) {
  const wn_rules *r = &m->rules;
  d->pub.n_title_block = UINT32_MAX;
  if (d->pub.n_blocks == 0)
    return WINNOW_OK;
  page_script(r, d);
  wn_spam_farms(m, d);
  label_dom(r, d);
  label_shapes(m, s, d);
  int32_t first, last;
  wn_body_bounds(r, d, &first, &last);
  wn_body_trim(r, d, &first, &last);
  wn_spam_runs(m, d, first, last);
  label_weak_lexicon(r, d, first, last);
  int all_short = first < 0;
  if (all_short)
    longest_stretch(d, &first, &last);
  if (first < 0) { /* no article: what is left is symbols or stray words */
    for (size_t i = 0; i < d->pub.n_blocks; i++)
      if (WN_UNDECIDED(&d->blocks[i]))
        wn_set_label(&d->blocks[i], WINNOW_LABEL_CHROME,
                     d->blocks[i].f.n_words ? WINNOW_REASON_CHROME_ZONE : WINNOW_REASON_DECORATION,
                     NULL);
    return WINNOW_OK;
  }
  int32_t prose = first;
  if (!all_short)
    wn_body_extend(r, d, &first, &last);
  int32_t title = find_title(r, d, first, all_short ? first : prose);
  if (title < 0 && all_short && last > first && wn_title_like(r, &d->blocks[first]))
    title = first;
  if (title >= 0)
    set_title(d, title);
  heading_lists(r, d, first, last);
  resolve(d, title >= 0 && title < first ? title + 1 : first, last, title >= 0,
          all_short ? WINNOW_REASON_ALL_SHORT : WINNOW_REASON_IN_BODY);
  return WINNOW_OK;
}
