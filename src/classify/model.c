/* model.c - the immutable model: rule thresholds and lexicons compiled into
 * one Hyperscan literal database. Built once, shared read-only by every
 * context. Chinese terms are written once in the data files; the
 * character-level Simplified/Traditional variant of each is added here.
 * The build runs this same code (tools/gen_model_image.c) and embeds the
 * result as an image, which winnow_model_load reads instead of compiling. */
#include <errno.h>
#include <hs/hs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wn_classify.h"

/* The names the loader accepts: the list of rules.def. */
#define RULE_MAX 100000 /* largest value of a rule (rules.def, doc/FORMATS.md) */
static const struct {
  const char *name;
  size_t off;
} RULE_FIELDS[] = {
#define WN_RULE(name, unit, doc) {#name, offsetof(wn_rules, name)},
#include "rules.def"
#undef WN_RULE
};

typedef struct term {
  const char *p; /* points into a data text or into the variant pool */
  uint32_t len;
  uint8_t cat, latin;
  uint8_t exact; /* "=TERM" in a lexicon file: match the case as written */
} term;

typedef struct term_vec {
  term *v;
  size_t n, cap;
  wn_buf pool; /* bytes of generated variants */
} term_vec;

static int push_term(term_vec *tv, const char *p, size_t len, int cat) {
  if (tv->n == tv->cap) {
    size_t cap = tv->cap ? tv->cap * 2 : 1024;
    term *v = wn_realloc(tv->v, cap * sizeof *v);
    if (!v)
      return 0;
    tv->v = v;
    tv->cap = cap;
  }
  int latin = 0;
  for (size_t i = 0; i < len; i++)
    if (((unsigned char)p[i] | 0x20) >= 'a' && ((unsigned char)p[i] | 0x20) <= 'z')
      latin = 1;
  tv->v[tv->n++] = (term){p, (uint32_t)len, (uint8_t)cat, (uint8_t)latin, 0};
  return 1;
}

/* Append the char-by-char conversion of p to the pool; returns 1 when it
 * differs from p, 0 when nothing changed, -1 when memory ran out. */
static int convert(wn_buf *pool, const char *p, size_t len, int to_simp) {
  size_t off = pool->len;
  int changed = 0;
  const unsigned char *s = (const unsigned char *)p, *end = s + len;
  while (s < end) {
    uint32_t cp, to;
    s += wn_utf8_next(s, end, &cp);
    to = to_simp ? wn_han_t2s(cp) : wn_han_s2t(cp);
    changed |= to != cp;
    char enc[4];
    if (wn_buf_add(pool, enc, (size_t)wn_utf8_put(enc, to)) != WINNOW_OK)
      return -1;
  }
  if (!changed)
    pool->len = off;
  return changed;
}

/* Parse one lexicon file: a term per line, '#' comments. Terms are trimmed;
 * they must be valid UTF-8. Latin terms match any case unless written
 * "=TERM" ("=LINE", the messenger, is not "line"). */
/* The next line of a data file from *pos, trimmed of white space, as
 * [*a, *b); 0 at the end of the text. */
static int data_line(const char *text, size_t len, size_t *pos, size_t *a, size_t *b) {
  if (*pos >= len)
    return 0;
  size_t j = *pos;
  while (j < len && text[j] != '\n')
    j++;
  *a = *pos;
  *b = j;
  *pos = j + 1;
  while (*a < *b && (text[*a] == ' ' || text[*a] == '\t' || text[*a] == '\r'))
    (*a)++;
  while (*b > *a && (text[*b - 1] == ' ' || text[*b - 1] == '\t' || text[*b - 1] == '\r'))
    (*b)--;
  return 1;
}

static int valid_utf8(const char *s, size_t n) {
  uint32_t inv = 0, nul = 0;
  wn_buf chk;
  wn_buf_init(&chk, n + 16);
  winnow_status st = wn_utf8_repair(s, n, &chk, &inv, &nul);
  wn_buf_free(&chk);
  return st == WINNOW_OK && !inv && !nul;
}

static winnow_status parse_lexicon(term_vec *tv, const char *text, size_t len, int cat,
                                   const char *name, char *err, size_t errlen) {
  size_t pos = 0, line = 0, a, b;
  while (data_line(text, len, &pos, &a, &b)) {
    line++;
    if (a == b || text[a] == '#')
      continue;
    if (!valid_utf8(text + a, b - a)) {
      wn_fmt(err, errlen, "lexicon %s line %zu: invalid UTF-8", name, line);
      return WINNOW_ERR_MODEL;
    }
    int exact = text[a] == '=' && b - a > 1;
    if (!push_term(tv, text + a + exact, b - a - (size_t)exact, cat))
      return WINNOW_ERR_NOMEM;
    tv->v[tv->n - 1].exact = (uint8_t)exact;
  }
  return WINNOW_OK;
}

/* Add the Simplified and Traditional character variants of every term.
 * Variants are converted into the pool first and pushed once the pool no
 * longer moves. */
static winnow_status add_variants(term_vec *tv) {
  size_t n = tv->n;
  size_t *ends = wn_malloc(n * 2 * sizeof *ends); /* pool end per variant */
  if (!ends)
    return WINNOW_ERR_NOMEM;
  for (size_t i = 0; i < 2 * n; i++) {
    size_t before = tv->pool.len;
    int r = convert(&tv->pool, tv->v[i / 2].p, tv->v[i / 2].len, (int)(i & 1));
    if (r < 0) {
      wn_free(ends);
      return WINNOW_ERR_NOMEM;
    }
    ends[i] = r ? tv->pool.len : before;
  }
  size_t start = 0;
  winnow_status st = WINNOW_OK;
  for (size_t i = 0; i < 2 * n && st == WINNOW_OK; i++) {
    if (ends[i] > start && !push_term(tv, tv->pool.p + start, ends[i] - start, tv->v[i / 2].cat))
      st = WINNOW_ERR_NOMEM;
    start = ends[i];
  }
  wn_free(ends);
  return st;
}

static int term_cmp(const void *a, const void *b) {
  const term *x = a, *y = b;
  if (x->cat != y->cat)
    return x->cat - y->cat;
  if (x->len != y->len)
    return x->len < y->len ? -1 : 1;
  return memcmp(x->p, y->p, x->len);
}

/* For the image built with the library: Hyperscan's baseline (SSSE3, no
 * AVX2/AVX-512 engines), which every CPU it runs on accepts. */
static const hs_platform_info_t GENERIC_X86_64 = {HS_TUNE_FAMILY_GENERIC, 0, 0, 0};

static winnow_status compile(winnow_model *m, term_vec *tv, int generic, char *err, size_t errlen) {
  if (tv->n > 1)
    qsort(tv->v, tv->n, sizeof *tv->v, term_cmp);
  size_t u = 0;
  for (size_t i = 0; i < tv->n; i++)
    if (u == 0 || term_cmp(&tv->v[u - 1], &tv->v[i]) != 0)
      tv->v[u++] = tv->v[i];
  tv->n = u;
  if (u == 0)
    return WINNOW_OK; /* no lexicon: scanning finds nothing */
  const char **exprs = wn_malloc(u * sizeof *exprs);
  unsigned *flags = wn_malloc(u * sizeof *flags), *ids = wn_malloc(u * sizeof *ids);
  size_t *lens = wn_malloc(u * sizeof *lens);
  m->pat_cat = wn_malloc(u);
  m->pat_latin = wn_malloc(u);
  m->pat_len = wn_malloc(u * sizeof *m->pat_len);
  winnow_status st = WINNOW_ERR_NOMEM;
  if (exprs && flags && ids && lens && m->pat_cat && m->pat_latin && m->pat_len) {
    for (size_t i = 0; i < u; i++) {
      exprs[i] = tv->v[i].p;
      lens[i] = tv->v[i].len;
      ids[i] = (unsigned)i;
      flags[i] = tv->v[i].latin && !tv->v[i].exact ? HS_FLAG_CASELESS : 0;
      m->pat_cat[i] = tv->v[i].cat;
      m->pat_latin[i] = tv->v[i].latin;
      m->pat_len[i] = tv->v[i].len;
    }
    hs_compile_error_t *ce = NULL;
    if (hs_compile_lit_multi(exprs, flags, ids, lens, (unsigned)u, HS_MODE_BLOCK,
                             generic ? &GENERIC_X86_64 : NULL, &m->db, &ce) != HS_SUCCESS) {
      wn_fmt(err, errlen, "lexicon compile: %s", ce && ce->message ? ce->message : "failed");
      hs_free_compile_error(ce);
      st = WINNOW_ERR_MODEL;
    } else {
      m->n_patterns = (unsigned)u;
      st = WINNOW_OK;
    }
  }
  wn_free(exprs);
  wn_free(flags);
  wn_free(ids);
  wn_free(lens);
  return st;
}

static winnow_status parse_rules(wn_rules *r, const char *text, size_t len, char *err,
                                 size_t errlen) {
  unsigned char seen[WN_ARRAY_LEN(RULE_FIELDS)] = {0};
  size_t pos = 0, line = 0, a, b;
  while (data_line(text, len, &pos, &a, &b)) {
    line++;
    char buf[160];
    size_t n = WN_MIN(b - a, sizeof buf - 1);
    memcpy(buf, text + a, n);
    buf[n] = '\0';
    char *hash = strchr(buf, '#');
    if (hash)
      *hash = '\0';
    char key[64];
    long val;
    char extra;
    if (sscanf(buf, " %63[a-z_] = %ld %c", key, &val, &extra) != 2) {
      if (strspn(buf, " \t\r") == strlen(buf))
        continue;
      wn_fmt(err, errlen, "rules.conf line %zu: expected 'name = integer'", line);
      return WINNOW_ERR_MODEL;
    }
    size_t k = 0;
    while (k < WN_ARRAY_LEN(RULE_FIELDS) && strcmp(RULE_FIELDS[k].name, key))
      k++;
    if (k == WN_ARRAY_LEN(RULE_FIELDS) || val < 0 || val > RULE_MAX) {
      wn_fmt(err, errlen, "rules.conf line %zu: unknown rule or bad value '%s'", line, key);
      return WINNOW_ERR_MODEL;
    }
    *(int *)((char *)r + RULE_FIELDS[k].off) = (int)val;
    seen[k] = 1;
  }
  for (size_t k = 0; k < WN_ARRAY_LEN(RULE_FIELDS); k++)
    if (!seen[k]) {
      wn_fmt(err, errlen, "rules.conf: rule '%s' is missing", RULE_FIELDS[k].name);
      return WINNOW_ERR_MODEL;
    }
  return WINNOW_OK;
}

winnow_status wn_model_build(winnow_model *m, const char *const *names, const char *const *texts,
                             const size_t *lens, size_t n, int generic, char *err, size_t errlen) {
  term_vec tv = {0};
  wn_buf_init(&tv.pool, (size_t)64 << 20);
  winnow_status st = WINNOW_OK;
  int have_rules = 0;
  for (size_t i = 0; i < n && st == WINNOW_OK; i++) {
    if (!strcmp(names[i], "rules.conf")) {
      st = parse_rules(&m->rules, texts[i], lens[i], err, errlen);
      have_rules = 1;
      continue;
    }
    for (int c = 0; c < WINNOW_LEX_COUNT_; c++) {
      char want[64];
      wn_fmt(want, sizeof want, "lexicon/%s.txt", winnow_lexcat_str((winnow_lexcat)c));
      if (!strcmp(names[i], want))
        st = parse_lexicon(&tv, texts[i], lens[i], c, names[i], err, errlen);
    }
  }
  if (st == WINNOW_OK && !have_rules) {
    wn_fmt(err, errlen, "rules.conf is missing");
    st = WINNOW_ERR_MODEL;
  }
  if (st == WINNOW_OK)
    st = add_variants(&tv);
  if (st == WINNOW_OK)
    st = compile(m, &tv, generic, err, errlen);
  wn_free(tv.v);
  wn_buf_free(&tv.pool);
  return st;
}

static winnow_status check_platform(char *err, size_t errlen) {
  if (hs_valid_platform() != HS_SUCCESS) {
    wn_fmt(err, errlen, "Hyperscan needs SSSE3/SSE4.2, which this CPU lacks");
    return WINNOW_ERR_PLATFORM;
  }
  return WINNOW_OK;
}

/* The start both loaders share: arguments, the CPU, a blank model. err may
 * be NULL (messages are then dropped: wn_fmt writes nothing at size 0). */
static winnow_status begin_load(winnow_model **out, int args_ok, char *err, size_t errlen,
                                winnow_model **m) {
  if (err && errlen)
    err[0] = '\0';
  if (!out || !args_ok)
    return WINNOW_ERR_ARG;
  *out = NULL;
  winnow_status st = check_platform(err, err ? errlen : 0);
  if (st != WINNOW_OK)
    return st;
  *m = wn_calloc(1, sizeof **m);
  return *m ? WINNOW_OK : WINNOW_ERR_NOMEM;
}

/* The scratch every context clones: hs_alloc_scratch checks the CRC of
 * the whole database (~0.1 ms), hs_clone_scratch copies 2 KB. */
static winnow_status finish_load(winnow_model *m, winnow_status st, winnow_model **out) {
  if (st == WINNOW_OK && m->db && hs_alloc_scratch(m->db, &m->proto) != HS_SUCCESS)
    st = WINNOW_ERR_NOMEM;
  if (st != WINNOW_OK) {
    winnow_model_free(m);
    return st;
  }
  *out = m;
  return WINNOW_OK;
}

/* Compile the data files embedded in the library. */
static winnow_status build_embedded(winnow_model *m, int generic, char *err, size_t errlen) {
  size_t n = wn_data_files_count;
  const char **names = wn_malloc(n * sizeof *names);
  const char **texts = wn_malloc(n * sizeof *texts);
  size_t *lens = wn_malloc(n * sizeof *lens);
  winnow_status st = WINNOW_ERR_NOMEM;
  if (names && texts && lens) {
    for (size_t i = 0; i < n; i++) {
      names[i] = wn_data_files[i].name;
      texts[i] = (const char *)wn_data_files[i].data;
      lens[i] = wn_data_files[i].len;
    }
    st = wn_model_build(m, names, texts, lens, n, generic, err, errlen);
  }
  wn_free(names);
  wn_free(texts);
  wn_free(lens);
  return st;
}

/* Free what a model holds and blank it (NULL-safe parts). */
static void model_clear(winnow_model *m) {
  hs_free_scratch(m->proto);
  hs_free_database(m->db);
  wn_free(m->pat_cat);
  wn_free(m->pat_latin);
  wn_free(m->pat_len);
  memset(m, 0, sizeof *m);
}

winnow_status wn_model_load_how(winnow_model **out, wn_model_how how, const unsigned char *img,
                                size_t img_len, char *err, size_t errlen) {
  if (!err)
    errlen = 0;
  winnow_model *m;
  winnow_status st = begin_load(out, 1, err, errlen, &m);
  if (st != WINNOW_OK)
    return st;
  if (how == WN_MODEL_AUTO && img_len > 0) {
    st = wn_model_image_read(m, img, img_len, err, errlen);
    if (st == WINNOW_OK || st == WINNOW_ERR_NOMEM) {
      m->from_image = st == WINNOW_OK;
      return finish_load(m, st, out);
    }
    model_clear(m); /* refused (another Hyperscan, another CPU): compile */
    if (errlen)
      err[0] = '\0';
  }
  st = build_embedded(m, how == WN_MODEL_GENERIC, err, errlen);
  return finish_load(m, st, out);
}

winnow_status winnow_model_load(winnow_model **out, char *err, size_t errlen) {
  const wn_data_file *img = wn_image_files_count ? &wn_image_files[0] : NULL;
  return wn_model_load_how(out, WN_MODEL_AUTO, img ? img->data : NULL, img ? img->len : 0, err,
                           errlen);
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  wn_buf b;
  wn_buf_init(&b, (size_t)64 << 20);
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
    if (wn_buf_add(&b, chunk, n) != WINNOW_OK) {
      wn_buf_free(&b);
      fclose(f);
      return NULL;
    }
  fclose(f);
  if (wn_buf_nul(&b) != WINNOW_OK) {
    wn_buf_free(&b);
    return NULL;
  }
  *len = b.len;
  return b.p;
}

winnow_status winnow_model_load_dir(const char *dir, winnow_model **out, char *err, size_t errlen) {
  if (!err)
    errlen = 0;
  winnow_model *m;
  winnow_status st = begin_load(out, dir != NULL, err, errlen, &m);
  if (st != WINNOW_OK)
    return st;
  enum { N = WINNOW_LEX_COUNT_ + 1 };
  char names[N][64];
  const char *np[N], *tp[N] = {0};
  size_t lens[N], n = 0;
  wn_fmt(names[n++], 64, "rules.conf");
  for (int c = 0; c < WINNOW_LEX_COUNT_; c++)
    wn_fmt(names[n++], 64, "lexicon/%s.txt", winnow_lexcat_str((winnow_lexcat)c));
  for (size_t i = 0; i < n && st == WINNOW_OK; i++) {
    char path[4096];
    wn_fmt(path, sizeof path, "%s/%s", dir, names[i]);
    np[i] = names[i];
    tp[i] = read_file(path, &lens[i]);
    if (!tp[i]) {
      wn_fmt(err, errlen, "%s: %s", path, strerror(errno ? errno : EIO));
      st = WINNOW_ERR_MODEL;
    }
  }
  if (st == WINNOW_OK)
    st = wn_model_build(m, np, tp, lens, n, 0, err, errlen);
  for (size_t i = 0; i < n; i++)
    wn_free((void *)tp[i]);
  return finish_load(m, st, out);
}

void winnow_model_free(winnow_model *m) {
  if (!m)
    return;
  model_clear(m);
  wn_free(m);
}

winnow_status wn_scratch_init(wn_classify_scratch *s, const winnow_model *m) {
  memset(s, 0, sizeof *s);
  if (m->proto && hs_clone_scratch(m->proto, &s->hs) != HS_SUCCESS)
    return WINNOW_ERR_NOMEM;
  return WINNOW_OK;
}

void wn_scratch_free(wn_classify_scratch *s) {
  hs_free_scratch(s->hs);
  wn_free(s->hits);
  memset(s, 0, sizeof *s);
}
