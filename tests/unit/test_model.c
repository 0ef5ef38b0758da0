/* Unit tests of how the model is loaded: the image built with the library
 * is what winnow_model_load reads, it holds the same model as a compile at
 * run time (rules, pattern tables, the same hits and the same cleaned
 * documents), and an image Hyperscan or this build refuses falls back to
 * that compile. */
#include <glob.h>
#include <stdlib.h>

#include "check.h"
#include "check_alloc.h"
#include "classify/wn_classify.h"

/* Offsets in Hyperscan's serialised header (src/database.h of Hyperscan:
 * u32 magic, u32 version, u32 length, u64 platform, u32 crc32). */
#define HS_AT_VERSION 4
#define HS_AT_PLATFORM 12
#define HS_HEAD 32
/* Offset of rules_sig in model_image.c's head (magic[8], then u32
 * rules_size, n_patterns, hs_len). */
#define IMG_AT_RULES_SIG 20

typedef struct text {
  char *p;
  size_t n;
} text;

static text docs[64];
static size_t n_docs;

static void add_doc(const char *p, size_t n) {
  if (n_docs < WN_ARRAY_LEN(docs) && (docs[n_docs].p = malloc(n + 1))) {
    memcpy(docs[n_docs].p, p, n);
    docs[n_docs++].n = n;
  }
}

/* The bundled samples, the golden pages and a few lines of mixed scripts
 * and cases (caseless Latin terms, both Han variants). */
static void load_docs(void) {
  static const char *inline_docs[] = {
      "SHARE THIS: Facebook | Twitter | LOGIN | Sign In | Subscribe now\n",
      "分享到：微信 微博 QQ空間 | 登錄 | 註冊 | 相关阅读 | 相關閱讀 | 責任編輯：王明\n",
      "網上賭場 真人百家樂 网上赌场 真人百家乐 Copyright © 2024 All rights reserved\n"};
  glob_t g;
  if (glob("samples/*.txt", 0, NULL, &g) == 0 &&
      glob("tests/golden/pages/*.page", GLOB_APPEND, NULL, &g) == 0)
    for (size_t i = 0; i < g.gl_pathc; i++) {
      size_t n;
      char *p = check_slurp(g.gl_pathv[i], &n);
      if (p)
        add_doc(p, n);
      free(p);
    }
  globfree(&g);
  for (size_t i = 0; i < WN_ARRAY_LEN(inline_docs); i++)
    add_doc(inline_docs[i], strlen(inline_docs[i]));
}

typedef struct hits {
  wn_classify_scratch s;
  int ok;
} hits;

/* Every lexicon hit on t as the classifier gets them (wn_lexicon_scan:
 * word boundaries checked, sorted), with no blocks to deal them to. */
static void scan(const winnow_model *m, const text *t, hits *h) {
  wn_docb d = {0};
  d.pub.text = t->p;
  d.pub.text_len = t->n;
  h->ok = wn_scratch_init(&h->s, m) == WINNOW_OK && wn_lexicon_scan(m, &h->s, &d) == WINNOW_OK;
  CHECK(h->ok);
}

static int same_hits(const hits *a, const hits *b) {
  const wn_classify_scratch *x = &a->s, *y = &b->s;
  if (!a->ok || !b->ok || x->n_hits != y->n_hits)
    return 0;
  for (size_t i = 0; i < x->n_hits; i++)
    if (x->hits[i].start != y->hits[i].start || x->hits[i].end != y->hits[i].end ||
        x->hits[i].cat != y->hits[i].cat)
      return 0; /* field by field: the struct has padding */
  return 1;
}

/* The cleaned document as JSON, malloc'd. */
static char *clean_json(const winnow_model *m, const text *t) {
  winnow_ctx *c = winnow_ctx_create(m);
  const winnow_doc *d;
  const char *json = NULL;
  size_t len = 0;
  char *out = NULL;
  if (c && winnow_clean_text(c, t->p, t->n, &d) == WINNOW_OK &&
      winnow_doc_json(c, d, NULL, &json, &len) == WINNOW_OK && (out = malloc(len + 1))) {
    memcpy(out, json, len);
    out[len] = '\0';
  }
  winnow_ctx_free(c);
  return out;
}

/* a and b hold the same model: rules, tables, hits and cleaned output. */
static void same_model(const winnow_model *a, const winnow_model *b) {
  hits ha, hb;
  CHECK(!memcmp(&a->rules, &b->rules, sizeof a->rules));
  CHECK(a->n_patterns == b->n_patterns && a->n_patterns > 1000);
  if (a->n_patterns != b->n_patterns)
    return;
  CHECK(!memcmp(a->pat_cat, b->pat_cat, a->n_patterns));
  CHECK(!memcmp(a->pat_latin, b->pat_latin, a->n_patterns));
  CHECK(!memcmp(a->pat_len, b->pat_len, a->n_patterns * sizeof *a->pat_len));
  size_t total = 0, differ = 0, json_differ = 0;
  for (size_t i = 0; i < n_docs; i++) {
    scan(a, &docs[i], &ha);
    scan(b, &docs[i], &hb);
    total += ha.s.n_hits;
    differ += !same_hits(&ha, &hb);
    wn_scratch_free(&ha.s);
    wn_scratch_free(&hb.s);
    char *ja = clean_json(a, &docs[i]), *jb = clean_json(b, &docs[i]);
    json_differ += !ja || !jb || strcmp(ja, jb);

    free(ja);
    free(jb);
  }
  CHECK(n_docs > 40);
  CHECK(total > 500); /* the documents do hit the lexicons */
  CHECK(differ == 0);
  CHECK(json_differ == 0);
}

static const wn_data_file *image(void) {
  return wn_image_files_count && wn_image_files[0].len ? &wn_image_files[0] : NULL;
}

static void test_image_is_loaded(const winnow_model *compiled) {
  char err[256];
  winnow_model *m = NULL;
  CHECK(image() != NULL); /* this build could make one */
  CHECK(winnow_model_load(&m, err, sizeof err) == WINNOW_OK);
  if (!m)
    return;
  CHECK(m->from_image == 1);
  CHECK(compiled->from_image == 0);
  same_model(m, compiled);
  winnow_model_free(m);
}

/* The image as written from a model compiled for any x86-64 now matches
 * the one the build embedded: same length, same tables. */
static void test_image_round_trip(const winnow_model *compiled) {
  char err[256];
  winnow_model *g = NULL;
  CHECK(wn_model_load_how(&g, WN_MODEL_GENERIC, NULL, 0, err, sizeof err) == WINNOW_OK);
  if (!g)
    return;
  wn_buf b;
  wn_buf_init(&b, (size_t)64 << 20);
  CHECK(wn_model_image_write(g, &b) == WINNOW_OK);
  const wn_data_file *img = image();
  size_t at = wn_model_image_hs_at((const unsigned char *)b.p, b.len);
  CHECK(at > 0 && img && at == wn_model_image_hs_at(img->data, img->len));
  CHECK(img && !memcmp(b.p, img->data, at)); /* head, rules, tables */
  winnow_model *r = NULL;
  CHECK(wn_model_load_how(&r, WN_MODEL_AUTO, (const unsigned char *)b.p, b.len, err, sizeof err) ==
        WINNOW_OK);
  CHECK(r && r->from_image);
  if (r)
    same_model(r, compiled);
  winnow_model_free(r);
  winnow_model_free(g);
  wn_buf_free(&b);
}

/* img with one change must be refused by the reader with a message saying
 * why, and loaded by AUTO through a compile giving the same model. */
static void refused(const unsigned char *img, size_t len, const char *why,
                    const winnow_model *compiled) {
  char err[256] = "";
  winnow_model *r = wn_calloc(1, sizeof *r);
  CHECK(wn_model_image_read(r, img, len, err, sizeof err) == WINNOW_ERR_MODEL);
  if (!strstr(err, why))
    fprintf(stderr, "refusal said \"%s\", want \"%s\"\n", err, why);
  CHECK(strstr(err, why) != NULL);
  winnow_model_free(r);
  winnow_model *m = NULL;
  CHECK(wn_model_load_how(&m, WN_MODEL_AUTO, img, len, err, sizeof err) == WINNOW_OK);
  if (!m)
    return;
  CHECK(m->from_image == 0);
  CHECK(err[0] == '\0');
  same_model(m, compiled);
  winnow_model_free(m);
}

static void test_refused_image_falls_back(const winnow_model *compiled) {
  const wn_data_file *img = image();
  if (!img)
    return;
  size_t at = wn_model_image_hs_at(img->data, img->len), len = img->len;
  unsigned char *bad = malloc(len);
  if (!bad || !at)
    return;
  uint64_t all = UINT64_MAX;
  /* a database for CPU features no CPU has */
  memcpy(bad, img->data, len);
  memcpy(bad + at + HS_AT_PLATFORM, &all, sizeof all);
  refused(bad, len, "CPU features", compiled);
  /* written by another Hyperscan */
  memcpy(bad, img->data, len);
  bad[at + HS_AT_VERSION] ^= 0x55;
  refused(bad, len, "another Hyperscan version", compiled);
  /* one bytecode byte changed: the CRC fails */
  memcpy(bad, img->data, len);
  bad[at + HS_HEAD + (len - at - HS_HEAD) / 2] ^= 1;
  refused(bad, len, "corrupt", compiled);
  /* not this build's layout, or cut short */
  memcpy(bad, img->data, len);
  bad[7] ^= 1;
  refused(bad, len, "not an image of this build", compiled);
  refused(img->data, len - 1, "not an image of this build", compiled);
  /* written with another list of rules (rules.def) of the same size */
  memcpy(bad, img->data, len);
  bad[IMG_AT_RULES_SIG] ^= 1;
  refused(bad, len, "not an image of this build", compiled);
  /* an impossible pattern table */
  memcpy(bad, img->data, len);
  memset(bad + at - 4, 0, 4); /* the last pattern's length: 0 */
  refused(bad, len, "bad pattern table", compiled);
  free(bad);
}

/* Every allocation of an image load fails once: NOMEM, nothing leaked. */
static void test_alloc_failures(void) {
  if (!check_fault_injection())
    return;
  int nomem = 0, ok = 0;
  for (long n = 1; n <= 20; n++) {
    char err[256];
    winnow_model *m = NULL;
    wn_alloc_fail_after(n);
    winnow_status st = winnow_model_load(&m, err, sizeof err);
    wn_alloc_fail_after(0);
    CHECK(st == WINNOW_OK || st == WINNOW_ERR_NOMEM);
    CHECK((st == WINNOW_OK) == (m != NULL));
    nomem += st == WINNOW_ERR_NOMEM;
    ok += st == WINNOW_OK;
    winnow_model_free(m);
  }
  CHECK(nomem > 0 && ok > 0);
}

int main(void) {
  char err[256];
  winnow_model *compiled;
  if (wn_model_load_how(&compiled, WN_MODEL_COMPILE, NULL, 0, err, sizeof err) != WINNOW_OK) {
    fprintf(stderr, "model: %s\n", err);
    return 1;
  }
  load_docs();
  test_image_is_loaded(compiled);
  test_image_round_trip(compiled);
  test_refused_image_falls_back(compiled);
  test_alloc_failures();
  winnow_model_free(compiled);
  for (size_t i = 0; i < n_docs; i++)
    free(docs[i].p);
  return check_done("model");
}
