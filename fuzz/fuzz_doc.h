/* fuzz_doc.h - checks of a cleaned document and its renderings against
 * what include/winnow.h and doc/FORMATS.md promise, shared by the targets
 * that clean (fuzz_clean, fuzz_page). A broken promise is an abort(). The
 * JSON line is held to RFC 8259 and parsed back with cJSON, an
 * implementation independent of src/api/render.c. */
#ifndef FUZZ_DOC_H
#define FUZZ_DOC_H

#include <string.h>

#include <cjson/cJSON.h>

#include "fuzz_common.h"

/* The repaired text: NUL-terminated, NUL-free, valid UTF-8, code points
 * counted right. */
static void check_doc_text(const winnow_doc *d) {
  FUZZ_CHECK(d->text != NULL);
  FUZZ_CHECK(d->text[d->text_len] == '\0');
  FUZZ_CHECK(strlen(d->text) == d->text_len); /* every NUL was replaced */
  FUZZ_CHECK(fuzz_utf8_valid(d->text, d->text_len));
  size_t cps = 0;
  for (size_t i = 0; i < d->text_len; i++)
    cps += ((unsigned char)d->text[i] & 0xC0) != 0x80;
  FUZZ_CHECK(d->text_cp == cps);
}

static int is_cont(const char *text, size_t i) {
  return ((unsigned char)text[i] & 0xC0) == 0x80;
}

static void check_block(const winnow_doc *d, const winnow_block *b) {
  FUZZ_CHECK(b->start <= b->end && b->end <= d->text_len);
  FUZZ_CHECK(b->cp_start <= b->cp_end && b->cp_end <= d->text_cp);
  FUZZ_CHECK(b->label < 3);
  FUZZ_CHECK(b->reason < WINNOW_REASON_COUNT_);
  FUZZ_CHECK(b->f.script < WINNOW_SCRIPT_COUNT_);
  FUZZ_CHECK(b->f.n_cp == b->cp_end - b->cp_start); /* the span is trimmed */
  FUZZ_CHECK(b->f.n_items >= 1);
  FUZZ_CHECK(b->start == d->text_len || !is_cont(d->text, b->start));
  FUZZ_CHECK(b->end == d->text_len || !is_cont(d->text, b->end));
  FUZZ_CHECK(memchr(d->text + b->start, '\n', b->end - b->start) == NULL); /* one line */
  if (b->detail)
    FUZZ_CHECK(fuzz_utf8_valid(b->detail, strlen(b->detail)));
}

static void check_blocks(const winnow_doc *d) {
  FUZZ_CHECK(d->n_blocks == 0 || d->blocks != NULL);
  size_t pos = 0, cps = 0; /* code points counted up to byte pos */
  for (size_t i = 0; i < d->n_blocks; i++) {
    const winnow_block *b = &d->blocks[i];
    check_block(d, b);
    FUZZ_CHECK(b->start >= pos); /* in order, no overlap */
    if (i) {
      FUZZ_CHECK(b->cp_start >= d->blocks[i - 1].cp_end);
      FUZZ_CHECK(b->para >= d->blocks[i - 1].para);
    }
    for (; pos < b->start; pos++)
      cps += !is_cont(d->text, pos);
    FUZZ_CHECK(b->cp_start == cps);
    for (; pos < b->end; pos++)
      cps += !is_cont(d->text, pos);
    FUZZ_CHECK(b->cp_end == cps);
  }
}

/* An ISO 8601 date as winnow.h documents: "YYYY-MM-DD", optionally followed
 * by "THH:MM" and ":SS". */
static int iso_date(const char *s) {
  static const char *const shapes[] = {"dddd-dd-dd", "dddd-dd-ddTdd:dd", "dddd-dd-ddTdd:dd:dd"};
  for (size_t k = 0; k < sizeof shapes / sizeof shapes[0]; k++) {
    const char *p = shapes[k];
    size_t i = 0;
    for (; p[i] && s[i]; i++)
      if (p[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != p[i])
        break;
    if (!p[i] && !s[i])
      return 1;
  }
  return 0;
}

static void check_meta(const winnow_doc *d) {
  const winnow_meta *m = &d->meta;
  const char *v[] = {m->title, m->date, m->source, m->author, m->editor};
  for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
    if (v[i])
      FUZZ_CHECK(fuzz_utf8_valid(v[i], strlen(v[i])));
  if (m->date)
    FUZZ_CHECK(iso_date(m->date));
  FUZZ_CHECK(d->n_title_block == UINT32_MAX || d->n_title_block < d->n_blocks);
  FUZZ_CHECK(d->script < WINNOW_SCRIPT_COUNT_);
  FUZZ_CHECK((d->spam_kinds & ~(uint32_t)0x3F) == 0); /* only the bits winnow.h names */
}

static void check_clean(const winnow_doc *d) {
  FUZZ_CHECK(d->clean != NULL);
  FUZZ_CHECK(strlen(d->clean) == d->clean_len);
  FUZZ_CHECK(d->clean_len <= d->text_len + 2 * d->n_blocks);
  FUZZ_CHECK(fuzz_utf8_valid(d->clean, d->clean_len));
  size_t content = 0; /* bytes of content blocks: all of them are in clean */
  for (size_t i = 0; i < d->n_blocks; i++)
    if (d->blocks[i].label == WINNOW_LABEL_CONTENT)
      content += d->blocks[i].end - d->blocks[i].start;
  FUZZ_CHECK(d->clean_len >= content);
}

/* ---- the renderings ---------------------------------------------------- */

static size_t n_removed(const winnow_doc *d) {
  size_t n = 0;
  for (size_t i = 0; i < d->n_blocks; i++)
    n += d->blocks[i].label != WINNOW_LABEL_CONTENT;
  return n;
}

static void check_removed(const winnow_doc *d, const cJSON *removed) {
  FUZZ_CHECK(cJSON_IsArray(removed));
  FUZZ_CHECK((size_t)cJSON_GetArraySize(removed) == n_removed(d));
  const cJSON *e = removed->child;
  for (size_t i = 0; i < d->n_blocks; i++) {
    const winnow_block *b = &d->blocks[i];
    if (b->label == WINNOW_LABEL_CONTENT)
      continue;
    FUZZ_CHECK(e != NULL);
    const cJSON *label = cJSON_GetObjectItemCaseSensitive(e, "label");
    const cJSON *start = cJSON_GetObjectItemCaseSensitive(e, "start");
    const cJSON *end = cJSON_GetObjectItemCaseSensitive(e, "end");
    FUZZ_CHECK(cJSON_IsString(label) &&
               strcmp(label->valuestring, winnow_label_str((winnow_label)b->label)) == 0);
    FUZZ_CHECK(cJSON_IsNumber(start) && start->valuedouble == b->cp_start);
    FUZZ_CHECK(cJSON_IsNumber(end) && end->valuedouble == b->cp_end);
    e = e->next;
  }
}

/* The JSON line of d, rendered with a record of this id ("" without one). */
static void check_json(const winnow_doc *d, const char *id_want, const char *out, size_t len) {
  FUZZ_CHECK(out != NULL && len > 0);
  FUZZ_CHECK(out[len - 1] == '\n' && out[len] == '\0');
  FUZZ_CHECK(strlen(out) == len);
  FUZZ_CHECK(fuzz_utf8_valid(out, len));
  for (size_t i = 0; i + 1 < len; i++) /* one line: control characters escaped */
    FUZZ_CHECK((unsigned char)out[i] >= 0x20);
  size_t at;
  if (!fuzz_json_strict(out, len, &at)) {
    fprintf(stderr, "winnow_doc_json broke RFC 8259 at byte %zu:\n%s", at, out);
    abort();
  }
  const char *end = NULL;
  cJSON *root = cJSON_ParseWithLengthOpts(out, len, &end, 0);
  if (!root) {
    fprintf(stderr, "winnow_doc_json gave invalid JSON:\n%s", out);
    abort();
  }
  FUZZ_CHECK(end == out + len - 1); /* nothing after the object but '\n' */
  FUZZ_CHECK(cJSON_IsObject(root));
  const cJSON *id = cJSON_GetObjectItemCaseSensitive(root, "id");
  const cJSON *text = cJSON_GetObjectItemCaseSensitive(root, "text");
  FUZZ_CHECK(cJSON_IsString(id) && strcmp(id->valuestring, id_want) == 0);
  FUZZ_CHECK(cJSON_IsString(text) && strcmp(text->valuestring, d->clean) == 0);
  FUZZ_CHECK(cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(root, "metadata")));
  FUZZ_CHECK(cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(root, "spam")));
  check_removed(d, cJSON_GetObjectItemCaseSensitive(root, "removed"));
  int repaired = d->n_invalid_utf8 || d->n_nul;
  FUZZ_CHECK(repaired == cJSON_HasObjectItem(root, "repairs"));
  cJSON_Delete(root);
}

static void check_explain(const char *out, size_t len) {
  FUZZ_CHECK(out != NULL && len > 0);
  FUZZ_CHECK(out[len - 1] == '\n' && out[len] == '\0');
  FUZZ_CHECK(strlen(out) == len);
  FUZZ_CHECK(fuzz_utf8_valid(out, len));
}

/* Everything of a cleaned document, its JSON line (with a record of id
 * id_want, or none: "") and its explain report. */
static void check_doc(winnow_ctx *c, const winnow_doc *d, const winnow_record *rec,
                      const char *id_want) {
  check_doc_text(d);
  check_blocks(d);
  check_meta(d);
  check_clean(d);
  const char *out = NULL;
  size_t len = 0;
  FUZZ_OK(winnow_doc_json(c, d, rec, &out, &len));
  check_json(d, id_want, out, len);
  FUZZ_OK(winnow_doc_explain(c, d, rec, &out, &len));
  check_explain(out, len);
}

/* ---- fault runs (fuzz_common.h) ------------------------------------------ */

typedef struct fuzz_bytes {
  const uint8_t *p;
  size_t n;
} fuzz_bytes;

/* How a target cleans its input (arg) on a context. */
typedef winnow_status (*fuzz_clean_fn)(winnow_ctx *c, const void *arg, const winnow_doc **d);

/* d's JSON line (rendered with rec), copied with malloc. */
static char *fuzz_json_copy(winnow_ctx *c, const winnow_doc *d, const winnow_record *rec,
                            size_t *len) {
  const char *out = NULL;
  FUZZ_OK(winnow_doc_json(c, d, rec, &out, len));
  char *copy = malloc(*len + 1);
  FUZZ_CHECK(copy != NULL);
  memcpy(copy, out, *len + 1);
  return copy;
}

/* Clean, render and explain on a context of its own; the status, and the
 * JSON line in *json (malloc'd) when OK. */
static winnow_status fuzz_clean_fresh(fuzz_clean_fn clean, const void *arg,
                                      const winnow_record *rec, char **json, size_t *json_len) {
  winnow_ctx *c = winnow_ctx_create(fuzz_model("fuzz"));
  if (!c)
    return WINNOW_ERR_NOMEM;
  const winnow_doc *d = NULL;
  const char *out = NULL;
  size_t len = 0;
  winnow_status st = clean(c, arg, &d);
  if (st == WINNOW_OK)
    st = winnow_doc_json(c, d, rec, &out, &len);
  if (st == WINNOW_OK) {
    *json = malloc(len + 1);
    FUZZ_CHECK(*json != NULL);
    memcpy(*json, out, len + 1);
    *json_len = len;
  }
  if (st == WINNOW_OK)
    st = winnow_doc_explain(c, d, rec, &out, &len);
  winnow_ctx_free(c);
  return st;
}

/* For one input in FUZZ_FAULT_EVERY (data picks): a fresh context gives
 * the line json the long-lived one gave; then again with one of its
 * allocations failing: NOMEM, or the same line. */
static void fuzz_clean_faults(fuzz_clean_fn clean, const void *arg, const winnow_record *rec,
                              const uint8_t *data, size_t size, const char *json, size_t json_len) {
  if (!fuzz_faults_for(data, size))
    return;
  char *ref = NULL;
  size_t ref_len = 0;
  fuzz_count_begin();
  winnow_status st = fuzz_clean_fresh(clean, arg, rec, &ref, &ref_len);
  long allocs = fuzz_count_end();
  FUZZ_OK(st);
  FUZZ_CHECK(ref_len == json_len && memcmp(ref, json, json_len) == 0);
  free(ref);
  if (!fuzz_fail_begin(data, size, allocs))
    return;
  char *got = NULL;
  size_t got_len = 0;
  st = fuzz_clean_fresh(clean, arg, rec, &got, &got_len);
  int fired = fuzz_fail_end();
  FUZZ_CHECK(st == WINNOW_OK || (st == WINNOW_ERR_NOMEM && fired));
  FUZZ_CHECK(st != WINNOW_OK || (got_len == json_len && memcmp(got, json, json_len) == 0));
  free(got);
}

#endif
