/* context.c - the per-thread context and winnow_clean_text: repair the
 * input, split it into blocks, classify, assemble. winnow_clean_bytes
 * (clean_bytes.c) shares the back end, wn_ctx_clean_utf8. Everything lives
 * in the context's arena and buffers and is reused for the next document. */
#include <string.h>

#include "../classify/wn_classify.h"
#include "../html/wn_html.h"
#include "../text/wn_text.h"
#include "wn_ctx.h"

static const struct {
  int64_t lo, hi, dflt;
} PARAMS[WINNOW_P_COUNT_] = {
    [WINNOW_P_MAX_DOC_BYTES] = {1, (int64_t)1 << 30, (int64_t)16 << 20},
    [WINNOW_P_MAX_BLOCKS] = {1, 10000000, 200000},
};

winnow_status winnow_param_bounds(winnow_param p, int64_t *lo, int64_t *hi, int64_t *dflt) {
  if ((unsigned)p >= WINNOW_P_COUNT_)
    return WINNOW_ERR_ARG;
  if (lo)
    *lo = PARAMS[p].lo;
  if (hi)
    *hi = PARAMS[p].hi;
  if (dflt)
    *dflt = PARAMS[p].dflt;
  return WINNOW_OK;
}

winnow_ctx *winnow_ctx_create(const winnow_model *m) {
  if (!m)
    return NULL;
  wn_html_init();
  winnow_ctx *c = wn_calloc(1, sizeof *c);
  if (!c)
    return NULL;
  c->model = m;
  for (int p = 0; p < WINNOW_P_COUNT_; p++)
    c->params[p] = PARAMS[p].dflt;
  wn_arena_init(&c->arena, (size_t)2 << 30);
  wn_buf_init(&c->text, (size_t)PARAMS[WINNOW_P_MAX_DOC_BYTES].hi * 3 + 16);
  wn_buf_init(&c->page, (size_t)PARAMS[WINNOW_P_MAX_DOC_BYTES].hi * 4);
  wn_buf_init(&c->title, WN_CTX_TITLE_MAX);
  wn_buf_init(&c->jsonld, WN_PM_JSONLD_MAX);
  wn_buf_init(&c->lines, 0); /* its cap is set per page (clean_bytes.c) */
  wn_buf_init(&c->out, (size_t)1 << 31);
  wn_decode_cache_init(&c->decode);
  if (wn_scratch_init(&c->scratch, m) != WINNOW_OK) {
    winnow_ctx_free(c);
    return NULL;
  }
  return c;
}

void winnow_ctx_free(winnow_ctx *c) {
  if (!c)
    return;
  wn_arena_free(&c->arena);
  wn_buf_free(&c->text);
  wn_buf_free(&c->page);
  wn_buf_free(&c->title);
  wn_buf_free(&c->jsonld);
  wn_buf_free(&c->lines);
  wn_buf_free(&c->out);
  wn_scratch_free(&c->scratch);
  wn_decode_cache_free(&c->decode);
  wn_free(c);
}

static int trim_buf(wn_buf *b, size_t keep) {
  if (b->cap <= keep)
    return 0;
  wn_buf_free(b);
  return 1;
}

void winnow_ctx_trim(winnow_ctx *c, size_t keep_bytes) {
  if (!c)
    return;
  int freed = trim_buf(&c->text, keep_bytes);
  freed |= trim_buf(&c->page, keep_bytes);
  freed |= trim_buf(&c->lines, keep_bytes);
  freed |= trim_buf(&c->out, keep_bytes);
  if (c->arena.total > keep_bytes) {
    wn_arena_free(&c->arena);
    freed = 1;
  }
  wn_classify_scratch *s = &c->scratch;
  if (s->cap_hits > keep_bytes / sizeof *s->hits) {
    wn_free(s->hits);
    s->hits = NULL;
    s->n_hits = s->cap_hits = 0;
    freed = 1;
  }
  if (freed)
    wn_ctx_begin(c); /* the last document pointed into what was freed */
}

const char *winnow_ctx_errmsg(const winnow_ctx *c) {
  return c ? c->errmsg : "";
}

winnow_status winnow_ctx_set(winnow_ctx *c, winnow_param p, int64_t value) {
  if (!c || (unsigned)p >= WINNOW_P_COUNT_ || value < PARAMS[p].lo || value > PARAMS[p].hi)
    return WINNOW_ERR_ARG;
  c->params[p] = value;
  return WINNOW_OK;
}

int64_t winnow_ctx_get(const winnow_ctx *c, winnow_param p) {
  if (!c || (unsigned)p >= WINNOW_P_COUNT_)
    return -1;
  return c->params[p];
}

winnow_status wn_ctx_fail(winnow_ctx *c, winnow_status st, const char *msg) {
  wn_fmt(c->errmsg, sizeof c->errmsg, "%s", msg ? msg : winnow_status_str(st));
  c->errclass = st == WINNOW_ERR_NOMEM ? WINNOW_EC_NOMEM : WINNOW_EC_INTERNAL;
  return st;
}

winnow_status wn_ctx_failc(winnow_ctx *c, winnow_errclass ec, const char *msg) {
  winnow_status st = winnow_errclass_status(ec);
  wn_ctx_fail(c, st, msg);
  c->errclass = ec;
  return st;
}

winnow_errclass winnow_ctx_errclass(const winnow_ctx *c) {
  return c ? c->errclass : WINNOW_EC_NONE;
}

void wn_ctx_begin(winnow_ctx *c) {
  wn_arena_reset(&c->arena);
  memset(&c->doc, 0, sizeof c->doc);
  c->doc.arena = &c->arena;
  c->doc.pub.n_title_block = UINT32_MAX;
  wn_pm_reset(&c->pm);
  c->errmsg[0] = '\0';
  c->errclass = WINNOW_EC_NONE;
}

/* The input as valid UTF-8 in c->text: each invalid sequence and each NUL
 * becomes U+FFFD (up to three bytes for one, hence the buffer's cap). */
static winnow_status repair(winnow_ctx *c, const char *text, size_t len) {
  if (len > (uint64_t)c->params[WINNOW_P_MAX_DOC_BYTES]) {
    char msg[160];
    wn_fmt(msg, sizeof msg, "document of %zu bytes is over the cap of %lld bytes (max-doc-bytes)",
           len, (long long)c->params[WINNOW_P_MAX_DOC_BYTES]);
    return wn_ctx_failc(c, WINNOW_EC_DOC_TOO_BIG, msg);
  }
  wn_buf_clear(&c->text);
  c->text.max = (size_t)PARAMS[WINNOW_P_MAX_DOC_BYTES].hi * 3 + 16;
  uint32_t inv = 0, nul = 0;
  winnow_status st = wn_utf8_repair(text ? text : "", len, &c->text, &inv, &nul);
  if (st != WINNOW_OK)
    return wn_ctx_fail(c, st, "cannot hold the repaired text");
  c->doc.pub.n_invalid_utf8 = inv;
  c->doc.pub.n_nul = nul;
  return WINNOW_OK;
}

winnow_status wn_ctx_classify(winnow_ctx *c) {
  wn_docb *d = &c->doc;
  wn_features_compute(d);
  winnow_status st = wn_lexicon_scan(c->model, &c->scratch, d);
  if (st == WINNOW_OK) {
    wn_spam_count_items(&c->scratch, d); /* with or without hits: lists */
    st = wn_classify(c->model, &c->scratch, d);
  }
  if (st == WINNOW_OK)
    st = wn_assemble(d);
  /* a stage that went on without an arena string (a title, a byline
   * field, a detail) would give a document that silently lacks it */
  if (st == WINNOW_OK && c->arena.failed)
    st = WINNOW_ERR_NOMEM;
  return st == WINNOW_OK ? st : wn_ctx_fail(c, st, NULL);
}

winnow_status wn_ctx_text_blocks(winnow_ctx *c, const char *text, size_t len) {
  c->doc.pub.text = text;
  c->doc.pub.text_len = len;
  c->doc.pub.text_cp = wn_utf8_count(text, len);
  winnow_block *blocks;
  size_t n;
  winnow_status st =
      wn_text_blocks(text, len, &c->arena, (size_t)c->params[WINNOW_P_MAX_BLOCKS], &blocks, &n);
  if (st == WINNOW_ERR_LIMIT) {
    char msg[160];
    wn_fmt(msg, sizeof msg, "document has more than %lld lines (max-blocks)",
           (long long)c->params[WINNOW_P_MAX_BLOCKS]);
    return wn_ctx_failc(c, WINNOW_EC_TOO_MANY_BLOCKS, msg);
  }
  if (st != WINNOW_OK)
    return wn_ctx_fail(c, st, NULL);
  c->doc.blocks = blocks;
  c->doc.pub.blocks = blocks;
  c->doc.pub.n_blocks = n;
  return WINNOW_OK;
}

winnow_status wn_ctx_finish(winnow_ctx *c, const winnow_doc **out) {
  winnow_status st = wn_ctx_classify(c);
  if (st == WINNOW_OK)
    *out = &c->doc.pub;
  return st;
}

winnow_status wn_ctx_clean_utf8(winnow_ctx *c, const char *text, size_t len,
                                const winnow_doc **out) {
  winnow_status st = wn_ctx_text_blocks(c, text, len);
  return st == WINNOW_OK ? wn_ctx_finish(c, out) : st;
}

winnow_status winnow_clean_text(winnow_ctx *c, const char *text, size_t len,
                                const winnow_doc **out) {
  if (!c || !out || (!text && len))
    return WINNOW_ERR_ARG;
  *out = NULL;
  wn_ctx_begin(c);
  winnow_status st = repair(c, text, len);
  if (st != WINNOW_OK)
    return st;
  return wn_ctx_clean_utf8(c, c->text.p, c->text.len, out);
}
