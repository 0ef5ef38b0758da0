/* features.c - character features of blocks: script counts, punctuation
 * roles, separator-joined items, units. One pass over each block's bytes,
 * no allocation. */
#include <string.h>

#include "wn_classify.h"

static int is_space(uint32_t cp) {
  return wn_char_class(cp) == WN_CC_SPACE;
}

/* Is cp, between prev and next (0 at the block edges), an item separator?
 * Bars and bullets always are; '>', '/', '_', '·' and '・' only when a space
 * or a block edge touches them, since inside words they are not ("a/b",
 * "列夫·托尔斯泰", "1/2"). */
int wn_is_sep(uint32_t prev, uint32_t cp, uint32_t next) {
  if (!(wn_char_flags(cp) & WN_CF_SEP))
    return 0;
  switch (cp) {
  case '>':
  case '/':
  case '_':
  case 0xB7:
  case 0x30FB:
  case 0x2027: return prev == 0 || next == 0 || is_space(prev) || is_space(next);
  default: return 1;
  }
}

winnow_script wn_script_of(const winnow_features *f) {
  uint32_t cjk = f->n_han + f->n_kana + f->n_hangul;
  uint32_t alpha = f->n_latin + f->n_cyrl + f->n_other;
  if (cjk == 0 && alpha == 0)
    return WINNOW_SCRIPT_UNKNOWN;
  if (cjk * 2 >= alpha / 3 + 1 && cjk > 0) {
    if (f->n_hangul > f->n_han)
      return WINNOW_SCRIPT_KORE;
    if (f->n_kana > 0 && f->n_kana * 10 >= cjk)
      return WINNOW_SCRIPT_JPAN;
    if (f->n_hant > 2 * f->n_hans)
      return WINNOW_SCRIPT_HANT;
    if (f->n_hans > 2 * f->n_hant)
      return WINNOW_SCRIPT_HANS;
    return WINNOW_SCRIPT_HAN;
  }
  if (f->n_latin >= f->n_cyrl && f->n_latin >= f->n_other)
    return WINNOW_SCRIPT_LATN;
  if (f->n_cyrl >= f->n_other)
    return WINNOW_SCRIPT_CYRL;
  return WINNOW_SCRIPT_OTHER;
}

typedef struct walk {
  winnow_features *f;
  uint32_t item_units; /* units of the current item */
  int in_word;         /* inside an alphabetic/digit run */
  uint32_t last_vis;   /* last non-space code point */
  uint32_t last_core;  /* last non-space, non-closing code point */
  uint32_t sep_cps[4], sep_counts[4];
  uint32_t token_cp; /* code points of the current token */
} walk;

static void end_token(walk *w) {
  if (w->token_cp) {
    w->f->n_tokens++;
    if (w->token_cp > w->f->max_token)
      w->f->max_token = w->token_cp;
  }
  w->token_cp = 0;
}

static void end_item(walk *w) {
  if (w->item_units) {
    w->f->n_items++;
    if (w->item_units > w->f->max_item)
      w->f->max_item = w->item_units;
  }
  w->item_units = 0;
}

static void note_sep(walk *w, uint32_t cp) {
  for (int i = 0; i < 4; i++) {
    if (w->sep_counts[i] == 0 || w->sep_cps[i] == cp) {
      w->sep_cps[i] = cp;
      w->sep_counts[i]++;
      return;
    }
  }
}

static void count_cp(walk *w, uint32_t prev, uint32_t cp, uint32_t next) {
  winnow_features *f = w->f;
  int cls = wn_char_class(cp), fl = wn_char_flags(cp);
  int wordish = cls == WN_CC_LATIN || cls == WN_CC_CYRL || cls == WN_CC_LETTER ||
                cls == WN_CC_DIGIT || cls == WN_CC_HANGUL; /* Korean spaces its words */
  if (wordish && !w->in_word) {
    f->n_words++;
    w->item_units += 2; /* a word weighs about two CJK characters */
  }
  w->in_word = wordish || (w->in_word && (cp == '\'' || cp == 0x2019 || cp == '-'));
  if (cls == WN_CC_SPACE || (fl & (WN_CF_OPEN | WN_CF_CLOSE)))
    end_token(w);
  else
    w->token_cp++;
  switch (cls) {
  case WN_CC_SPACE: f->n_space++; return;
  case WN_CC_HAN: {
    f->n_han++;
    f->n_words++;
    w->item_units++;
    int v = wn_han_variant(cp);
    f->n_hans += v == WN_HAN_SIMP_ONLY;
    f->n_hant += v == WN_HAN_TRAD_ONLY;
    break;
  }
  case WN_CC_KANA:
    f->n_kana++;
    f->n_words++;
    w->item_units++;
    break;
  case WN_CC_HANGUL: f->n_hangul++; break;
  case WN_CC_LATIN: f->n_latin++; break;
  case WN_CC_CYRL: f->n_cyrl++; break;
  case WN_CC_LETTER: f->n_other++; break;
  case WN_CC_DIGIT: f->n_digit++; break;
  case WN_CC_PUNCT: f->n_punct++; break;
  case WN_CC_SYMBOL: f->n_symbol++; break;
  default: break;
  }
  f->n_sent_end += (fl & WN_CF_SENT_END) != 0;
  f->n_comma += (fl & WN_CF_COMMA) != 0;
  if ((fl & WN_CF_SEP) && wn_is_sep(prev, cp, next)) {
    f->n_sep++;
    note_sep(w, cp);
    end_item(w);
  }
  w->last_vis = cp;
  if (!(fl & WN_CF_CLOSE))
    w->last_core = cp;
}

static void block_features(const char *text, winnow_block *b) {
  winnow_features *f = &b->f;
  uint8_t bb = f->blank_before, ba = f->blank_after;
  uint32_t link = f->link_cp;
  memset(f, 0, sizeof *f);
  f->blank_before = bb;
  f->blank_after = ba;
  f->link_cp = link;
  walk w = {.f = f};
  const unsigned char *s = (const unsigned char *)text + b->start;
  const unsigned char *end = (const unsigned char *)text + b->end;
  uint32_t prev = 0, cp = 0, next = 0;
  if (s < end)
    s += wn_utf8_next(s, end, &cp);
  while (cp) {
    next = 0;
    if (s < end)
      s += wn_utf8_next(s, end, &next);
    f->n_cp++;
    count_cp(&w, prev, cp, next);
    prev = cp;
    cp = next;
  }
  end_item(&w);
  end_token(&w);
  if (f->n_items == 0)
    f->n_items = 1;
  uint32_t best = 0;
  for (int i = 0; i < 4; i++)
    if (w.sep_counts[i] > best) {
      best = w.sep_counts[i];
      f->sep_cp = w.sep_cps[i];
    }
  f->ends_sentence = (wn_char_flags(w.last_core) & WN_CF_SENT_END) != 0;
  f->ends_colon = (wn_char_flags(w.last_vis) & WN_CF_COLON) != 0;
  f->ends_punct = (wn_char_flags(w.last_core) & (WN_CF_SENT_END | WN_CF_COMMA)) != 0;
  f->script = (uint8_t)wn_script_of(f);
}

void wn_features_compute(wn_docb *d) {
  const char *text = d->pub.text;
  uint32_t pos = 0, cps = 0;
  for (size_t i = 0; i < d->pub.n_blocks; i++) {
    winnow_block *b = &d->blocks[i];
    cps += (uint32_t)wn_utf8_count(text + pos, b->start - pos);
    b->cp_start = cps;
    cps += (uint32_t)wn_utf8_count(text + b->start, b->end - b->start);
    b->cp_end = cps;
    pos = b->end;
    block_features(text, b);
  }
}
