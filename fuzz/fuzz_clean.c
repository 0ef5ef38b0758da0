/* fuzz_clean.c - fuzz target for winnow_clean_text and the two renderers.
 *
 * The input bytes are one document of extracted text (any bytes: invalid
 * UTF-8 and NULs are part of the contract). The document, its JSON line and
 * its explain report are checked against what include/winnow.h promises;
 * any broken promise is an abort(). The JSON line is parsed back with cJSON,
 * an implementation independent of src/api/render.c.
 *
 * One model (immutable, shared) and one context live for the whole run, as
 * in a worker thread of the pipeline: that also checks that nothing of one
 * document leaks into the next. */
#include "fuzz_doc.h"

/* ---- the document ------------------------------------------------------ */

/* What a text input promises beyond check_doc: NULs and bad bytes counted,
 * valid input passed through. */
static void check_text(const winnow_doc *d, const uint8_t *data, size_t size) {
  FUZZ_CHECK(d->n_nul == fuzz_count_byte(data, size, 0));
  if (d->n_nul == 0 && fuzz_utf8_valid((const char *)data, size)) {
    /* valid input is passed through untouched */
    FUZZ_CHECK(d->n_invalid_utf8 == 0);
    FUZZ_CHECK(d->text_len == size && memcmp(d->text, data, size) == 0);
  } else {
    FUZZ_CHECK(d->n_invalid_utf8 + d->n_nul > 0);
  }
}

/* Clean and render on a context of its own (NULL: none could be made);
 * the status, and the JSON line in *json (malloc'd) when OK. */
static winnow_status clean_fresh(const uint8_t *data, size_t size, char **json, size_t *json_len) {
  winnow_ctx *c = winnow_ctx_create(fuzz_model("fuzz_clean"));
  if (!c)
    return WINNOW_ERR_NOMEM;
  const winnow_doc *d = NULL;
  const char *out = NULL;
  size_t len = 0;
  winnow_status st = winnow_clean_text(c, (const char *)data, size, &d);
  if (st == WINNOW_OK)
    st = winnow_doc_json(c, d, NULL, &out, &len);
  if (st == WINNOW_OK && json) {
    *json = malloc(len + 1);
    FUZZ_CHECK(*json != NULL);
    memcpy(*json, out, len + 1);
    *json_len = len;
  }
  if (st == WINNOW_OK)
    st = winnow_doc_explain(c, d, NULL, &out, &len);
  winnow_ctx_free(c);
  return st;
}

/* A fresh context gives the line the long-lived one gave; then again with
 * one of its allocations failing (fuzz_common.h): NOMEM, or the same line. */
static void clean_failing(const uint8_t *data, size_t size, const char *json, size_t json_len) {
  if (!fuzz_faults_for(data, size))
    return;
  char *ref = NULL;
  size_t ref_len = 0;
  fuzz_count_begin();
  winnow_status st = clean_fresh(data, size, &ref, &ref_len);
  long allocs = fuzz_count_end();
  FUZZ_OK(st);
  FUZZ_CHECK(ref_len == json_len && memcmp(ref, json, json_len) == 0);
  free(ref);
  if (!fuzz_fail_begin(data, size, allocs))
    return;
  char *got = NULL;
  size_t got_len = 0;
  st = clean_fresh(data, size, &got, &got_len);
  int fired = fuzz_fail_end();
  FUZZ_CHECK(st == WINNOW_OK || (st == WINNOW_ERR_NOMEM && fired));
  FUZZ_CHECK(st != WINNOW_OK || (got_len == json_len && memcmp(got, json, json_len) == 0));
  free(got);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  winnow_ctx *c = fuzz_ctx("fuzz_clean");
  const winnow_doc *d = NULL;
  winnow_status st = winnow_clean_text(c, (const char *)data, size, &d);
  if (st == WINNOW_ERR_LIMIT) { /* only for a replayed file over a cap */
    FUZZ_CHECK(d == NULL && winnow_ctx_errmsg(c)[0] != '\0');
    return 0;
  }
  FUZZ_OK(st);
  FUZZ_CHECK(d != NULL);
  check_text(d, data, size);
  check_doc(c, d, NULL, "");
  const char *out = NULL;
  size_t len = 0;
  FUZZ_OK(winnow_doc_json(c, d, NULL, &out, &len));
  char *json = malloc(len + 1);
  FUZZ_CHECK(json != NULL);
  memcpy(json, out, len + 1);
  clean_failing(data, size, json, len);
  free(json);
  return 0;
}
