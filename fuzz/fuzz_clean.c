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

static winnow_status clean(winnow_ctx *c, const void *arg, const winnow_doc **d) {
  const fuzz_bytes *in = arg;
  return winnow_clean_text(c, (const char *)in->p, in->n, d);
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
  size_t len;
  char *json = fuzz_json_copy(c, d, NULL, &len);
  fuzz_bytes in = {data, size};
  fuzz_clean_faults(clean, &in, NULL, data, size, json, len);
  free(json);
  return 0;
}
