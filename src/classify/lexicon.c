/* lexicon.c - one Hyperscan pass over the whole document; hits are then
 * dealt to blocks by offset. Latin terms match only on ASCII word
 * boundaries (checked here: literal mode has no \b). */
#include <hs/hs.h>
#include <stdlib.h>
#include <string.h>

#include "wn_classify.h"

#define MAX_HITS ((size_t)1 << 20) /* per document; more is noise */

typedef struct scan_ctx {
  const winnow_model *m;
  wn_classify_scratch *s;
  const unsigned char *text;
  size_t len;
  int nomem;
} scan_ctx;

static int is_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static int on_match(unsigned int id, unsigned long long from, unsigned long long to,
                    unsigned int flags, void *user) {
  (void)from;
  (void)flags;
  scan_ctx *c = user;
  size_t start = (size_t)to - c->m->pat_len[id];
  if (c->m->pat_latin[id]) {
    if ((start > 0 && is_alnum(c->text[start - 1])) || (to < c->len && is_alnum(c->text[to])))
      return 0;
  }
  wn_classify_scratch *s = c->s;
  if (s->n_hits == s->cap_hits) {
    if (s->cap_hits >= MAX_HITS)
      return 1; /* stop scanning: enough evidence */
    size_t cap = s->cap_hits ? s->cap_hits * 2 : 256;
    wn_hit *h = wn_realloc(s->hits, cap * sizeof *h);
    if (!h) {
      c->nomem = 1;
      return 1;
    }
    s->hits = h;
    s->cap_hits = cap;
  }
  s->hits[s->n_hits++] = (wn_hit){(uint32_t)start, (uint32_t)to, c->m->pat_cat[id]};
  return 0;
}

static int hit_cmp(const void *a, const void *b) {
  const wn_hit *x = a, *y = b;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1; /* longer first */
  return x->cat - y->cat;
}

/* Code points of the union of the chrome-category hits [h, h+n) that end
 * by end (hits are sorted by start). */
static uint32_t chrome_cover(const char *text, const wn_hit *h, size_t n, uint32_t end) {
  uint32_t cover = 0, until = 0;
  for (size_t i = 0; i < n; i++) {
    if (h[i].cat > WINNOW_LEX_CHROME_LAST || h[i].end > end)
      continue;
    uint32_t a = WN_MAX(h[i].start, until);
    if (h[i].end > a) {
      cover += (uint32_t)wn_utf8_count(text + a, h[i].end - a);
      until = h[i].end;
    }
  }
  return cover;
}

winnow_status wn_lexicon_scan(const winnow_model *m, wn_classify_scratch *s, wn_docb *d) {
  s->n_hits = 0;
  if (!m->db || d->pub.text_len == 0)
    return WINNOW_OK;
  scan_ctx c = {m, s, (const unsigned char *)d->pub.text, d->pub.text_len, 0};
  hs_error_t e = hs_scan(m->db, d->pub.text, (unsigned)d->pub.text_len, 0, s->hs, on_match, &c);
  if (c.nomem)
    return WINNOW_ERR_NOMEM;
  if (e != HS_SUCCESS && e != HS_SCAN_TERMINATED)
    return WINNOW_ERR_INTERNAL;
  if (s->n_hits == 0)
    return WINNOW_OK; /* features were zeroed: no lexicon evidence */
  qsort(s->hits, s->n_hits, sizeof *s->hits, hit_cmp);
  size_t h = 0;
  for (size_t i = 0; i < d->pub.n_blocks; i++) {
    winnow_block *b = &d->blocks[i];
    while (h < s->n_hits && s->hits[h].start < b->start)
      h++;
    size_t first = h, k = h;
    for (; k < s->n_hits && s->hits[k].start < b->end; k++) {
      if (s->hits[k].end > b->end)
        continue;
      if (b->f.lex[s->hits[k].cat] < UINT16_MAX)
        b->f.lex[s->hits[k].cat]++;
    }
    b->f.lex_cover = chrome_cover(d->pub.text, s->hits + first, k - first, b->end);
    h = k;
  }
  return WINNOW_OK;
}

/* First hit starting at or after pos (hits are sorted by start). */
const wn_hit *wn_hit_from(const wn_classify_scratch *s, uint32_t pos) {
  size_t lo = 0, hi = s->n_hits;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (s->hits[mid].start < pos)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < s->n_hits ? &s->hits[lo] : NULL;
}
