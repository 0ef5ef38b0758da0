/* classify_int.h - shared by classify.c (the order of the rules) and body.c
 * (where the article body lies) only: block predicates and labelling. */
#ifndef WN_CLASSIFY_INT_H
#define WN_CLASSIFY_INT_H

#include "wn_classify.h"

/* Not labelled yet: the first label a rule gives a block wins. */
#define WN_UNDECIDED(b) ((b)->label == WINNOW_LABEL_CONTENT && (b)->reason == WINNOW_REASON_NONE)

static inline void wn_set_label(winnow_block *b, winnow_label l, winnow_reason r,
                                const char *detail) {
  b->label = (uint8_t)l;
  b->reason = (uint8_t)r;
  b->detail = detail;
}

/* Code points that are not space, punctuation or symbols; at least 1, to
 * divide by. */
static inline uint32_t wn_letters(const winnow_features *f) {
  uint32_t v = f->n_cp - f->n_space - f->n_punct - f->n_symbol;
  return v ? v : 1;
}

/* Hits of UI-vocabulary (chrome) categories. */
static inline int wn_chrome_hits(const winnow_features *f) {
  int n = 0;
  for (int c = 0; c <= WINNOW_LEX_CHROME_LAST; c++)
    n += f->lex[c];
  return n;
}

static inline int wn_is_meta(const winnow_block *b) {
  return b->reason >= WINNOW_REASON_META_DATE && b->reason <= WINNOW_REASON_META_EDITOR;
}

/* classify.c: could block b be the title (by length and shape)? */
int wn_title_like(const wn_rules *r, const winnow_block *b);

/* body.c, in the order wn_classify calls them. [*first, *last] is the body
 * (first and last prose block), both -1 when there is none. */
/* The body by prose weight; prose outside it becomes chrome-zone. */
void wn_body_bounds(const wn_rules *r, wn_docb *d, int32_t *first, int32_t *last);
/* UI sentences at its edges become chrome; the body shrinks past them. */
void wn_body_trim(const wn_rules *r, wn_docb *d, int32_t *first, int32_t *last);
/* Grow it over the short lines around it that belong to the article. */
void wn_body_extend(const wn_rules *r, const wn_docb *d, int32_t *first, int32_t *last);

#endif /* WN_CLASSIFY_INT_H */
