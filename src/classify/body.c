/* body.c - where the article body lies. Blocks not labelled chrome or
 * spam form segments; the segment with the most prose is the body, joined
 * with neighbouring segments that carry a fair share of prose across a
 * short chrome gap (wn_body_bounds). UI sentences at its edges are cut
 * (wn_body_trim); short lines that belong to it are then added
 * (wn_body_extend), across a toolbar when the article goes on past it.
 * classify.c calls these in its order of rules. */
#include "classify_int.h"

static int barrier(const winnow_block *b) {
  return b->label != WINNOW_LABEL_CONTENT;
}

static uint32_t prose_units(const winnow_block *b) {
  return b->reason == WINNOW_REASON_PROSE ? wn_units(&b->f) : 0;
}

/* Prose weight of the segment (run of non-chrome blocks) around i, and its
 * bounds. */
static uint32_t segment(const wn_docb *d, int32_t i, int32_t *a, int32_t *e) {
  int32_t n = (int32_t)d->pub.n_blocks;
  uint32_t w = 0;
  *a = *e = i;
  while (*a > 0 && !barrier(&d->blocks[*a - 1]))
    (*a)--;
  while (*e + 1 < n && !barrier(&d->blocks[*e + 1]))
    (*e)++;
  for (int32_t k = *a; k <= *e; k++)
    w += prose_units(&d->blocks[k]);
  return w;
}

/* Chrome an HTML page marks itself (hidden, a link list of a nav or
 * related box): a run of such lines with one reason is one region. */
static int dom_chrome(const winnow_block *b) {
  return b->reason == WINNOW_REASON_HIDDEN || b->reason == WINNOW_REASON_LINK_DENSE;
}

/* Next segment from i going dir, past the chrome gap; its weight, or 0.
 * The gap counts chrome lines, and a run of lines of one region (an inline
 * related-stories box) as one. */
static uint32_t neighbour(const wn_docb *d, int32_t i, int dir, int32_t *a, int32_t *e,
                          int32_t *gap) {
  int32_t n = (int32_t)d->pub.n_blocks, k = i + dir;
  *gap = 0;
  const winnow_block *prev = NULL;
  while (k >= 0 && k < n && barrier(&d->blocks[k])) {
    const winnow_block *b = &d->blocks[k];
    if (b->label == WINNOW_LABEL_SPAM)
      return 0; /* injected spam ends the article */
    k += dir;
    *gap += !(prev && dom_chrome(b) && b->reason == prev->reason);
    prev = b;
  }
  if (k < 0 || k >= n)
    return 0;
  return segment(d, k, a, e);
}

/* Does a neighbour of prose weight w, gap chrome lines away, join a body
 * of weight body? */
static int absorbs(const wn_rules *r, uint32_t body, uint32_t w, int32_t gap) {
  uint64_t pct = (uint64_t)w * 100;
  return w > 0 && ((gap <= r->absorb_near_gap && pct >= (uint64_t)r->absorb_near_pct * body) ||
                   (gap <= r->absorb_far_gap && pct >= (uint64_t)r->absorb_far_pct * body));
}

/* The article body: the segment of blocks between chrome with the most
 * prose, joined with neighbouring segments that carry a fair share of prose
 * across a short chrome gap (an ad line inside an article). Prose left
 * outside - a cookie notice, summaries of related stories - is chrome. */
void wn_body_bounds(const wn_rules *r, wn_docb *d, int32_t *first, int32_t *last) {
  int32_t n = (int32_t)d->pub.n_blocks, a, e, best_a = -1, best_e = -1;
  uint32_t best = 0;
  *first = *last = -1;
  for (int32_t i = 0; i < n; i = e + 1) {
    while (i < n && barrier(&d->blocks[i]))
      i++;
    if (i >= n)
      break;
    uint32_t w = segment(d, i, &a, &e);
    if (w > best) {
      best = w;
      best_a = a;
      best_e = e;
    }
  }
  if (!best)
    return;
  uint32_t body = best, w;
  int32_t gap;
  while ((w = neighbour(d, best_a, -1, &a, &e, &gap)) && absorbs(r, body, w, gap)) {
    best_a = a;
    body += w;
  }
  while ((w = neighbour(d, best_e, 1, &a, &e, &gap)) && absorbs(r, body, w, gap)) {
    best_e = e;
    body += w;
  }
  for (int32_t i = 0; i < n; i++) {
    if (d->blocks[i].reason != WINNOW_REASON_PROSE)
      continue;
    if (i < best_a || i > best_e) {
      if (i + 1 < n && wn_is_meta(&d->blocks[i + 1]) && wn_title_like(r, &d->blocks[i]))
        continue; /* a long headline above its byline: find_title decides */
      wn_set_label(&d->blocks[i], WINNOW_LABEL_CHROME, WINNOW_REASON_CHROME_ZONE,
                   "prose outside the body");
      continue;
    }
    *first = *first < 0 ? i : *first;
    *last = i;
  }
}

/* A sentence of UI talk ("Sign up for our newsletter…", a cookie notice)
 * rather than of the article: several UI terms covering a fair share. */
static int ui_sentence(const wn_rules *r, const winnow_features *f) {
  return wn_chrome_hits(f) >= r->ui_sentence_hits &&
         (int)(f->lex_cover * 100 / wn_letters(f)) >= r->ui_sentence_pct;
}

static int32_t prev_prose(const wn_docb *d, int32_t i, int32_t stop, int dir) {
  for (i += dir; i != stop + dir; i += dir)
    if (d->blocks[i].reason == WINNOW_REASON_PROSE)
      return i;
  return -1;
}

/* Such sentences at the edges of the body are chrome; the body shrinks to
 * the prose inside them. Inside the body they stay (an article may talk
 * about newsletters). */
void wn_body_trim(const wn_rules *r, wn_docb *d, int32_t *first, int32_t *last) {
  while (*first >= 0 && *first <= *last && ui_sentence(r, &d->blocks[*last].f)) {
    wn_set_label(&d->blocks[*last], WINNOW_LABEL_CHROME, WINNOW_REASON_LEXICON, "ui-sentence");
    *last = *first == *last ? -1 : prev_prose(d, *last, *first, -1);
  }
  while (*last >= 0 && *first <= *last && ui_sentence(r, &d->blocks[*first].f)) {
    wn_set_label(&d->blocks[*first], WINNOW_LABEL_CHROME, WINNOW_REASON_LEXICON, "ui-sentence");
    *first = *first == *last ? -1 : prev_prose(d, *first, *last, 1);
  }
  if (*first < 0 || *last < 0)
    *first = *last = -1;
}

/* An undecided line that ends like a sentence or a clause (poem lines,
 * notes, answers) rather than like a headline. */
static int punctuated(const winnow_block *b) {
  return WN_UNDECIDED(b) && b->f.ends_punct;
}

static int plain_chrome(const winnow_block *b) {
  return b->label == WINNOW_LABEL_CHROME && !wn_is_meta(b);
}

/* Past at most resume_max_chrome chrome lines from i (stepping by dir),
 * are there resume_min_lines or more punctuated short lines? Then the
 * chrome interrupts the article (a toolbar between a poem and its notes)
 * rather than ending it. */
static int32_t resume_after_chrome(const wn_rules *r, const winnow_doc *d, int32_t i, int dir) {
  int32_t n = (int32_t)d->n_blocks, j = i, k, cnt = 0;
  while (j >= 0 && j < n && plain_chrome(&d->blocks[j]) && (j - i) * dir < r->resume_max_chrome)
    j += dir;
  if (j == i)
    return -1;
  for (k = j; k >= 0 && k < n && punctuated(&d->blocks[k]); k += dir)
    cnt++;
  return cnt >= r->resume_min_lines ? j : -1;
}

/* Grow the body from the prose bounds over short lines that belong to it. */
void wn_body_extend(const wn_rules *r, const wn_docb *d, int32_t *first, int32_t *last) {
  int32_t n = (int32_t)d->pub.n_blocks, i = *first - 1, bare = 0;
  while (i >= 0) {
    if (WN_UNDECIDED(&d->blocks[i])) {
      *first = i--;
      continue;
    }
    int32_t j = resume_after_chrome(r, &d->pub, i, -1);
    if (j < 0)
      break;
    i = j;
  }
  for (i = *last + 1; i < n;) {
    const winnow_block *b = &d->blocks[i];
    if (punctuated(b) || (WN_UNDECIDED(b) && bare++ < r->tail_lines && wn_letters(&b->f) > 1)) {
      *last = i++;
      continue;
    }
    if (WN_UNDECIDED(b))
      break;
    int32_t j = resume_after_chrome(r, &d->pub, i, 1);
    if (j < 0)
      break;
    i = j;
  }
}
