/* test_faults.c - a failed allocation is never silent: each allocation of
 * cleaning a sample page (a fresh context: create, clean, render) fails
 * once in turn (the fault-injection build, make check-asan), and each run
 * must end in NOMEM or give exactly the line of a run without failures. A
 * stage that went on without a string it could not allocate (a byline
 * field, the title) used to return a document that silently lacked it. */
#include "check.h"
#include "check_alloc.h"
#include "winnow.h"

#define MAX_FAIL 200 /* more than one run allocates */

static winnow_model *model;

static char *slurp(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  char *buf = malloc(1 << 20);
  *n = buf ? fread(buf, 1, 1 << 20, f) : 0;
  fclose(f);
  return buf;
}

/* Clean and render on a fresh context; the line (malloc'd) or NULL, and
 * the status. */
static winnow_status clean_once(const char *text, size_t n, char **line) {
  *line = NULL;
  winnow_ctx *c = winnow_ctx_create(model);
  if (!c)
    return WINNOW_ERR_NOMEM;
  const winnow_doc *d = NULL;
  const char *out = NULL;
  size_t len = 0;
  winnow_status st = winnow_clean_text(c, text, n, &d);
  if (st == WINNOW_OK)
    st = winnow_doc_json(c, d, NULL, &out, &len);
  if (st == WINNOW_OK && (*line = malloc(len + 1)) != NULL)
    memcpy(*line, out, len + 1);
  winnow_ctx_free(c);
  return st;
}

static void test_sample(const char *path) {
  size_t n = 0;
  char *text = slurp(path, &n);
  CHECK(text != NULL && n > 0);
  char *want = NULL;
  CHECK(text && clean_once(text, n, &want) == WINNOW_OK && want);
  int silent = 0, nomem = 0;
  for (long k = 1; want && k <= MAX_FAIL; k++) {
    char *got = NULL;
    wn_alloc_fail_after(k);
    winnow_status st = clean_once(text, n, &got);
    wn_alloc_fail_after(0);
    nomem += st == WINNOW_ERR_NOMEM;
    if (st != WINNOW_ERR_NOMEM && !(st == WINNOW_OK && got && strcmp(got, want) == 0)) {
      silent++;
      fprintf(stderr, "%s: allocation %ld failing gave %s and another line\n", path, k,
              winnow_status_name(st));
    }
    free(got);
  }
  CHECK(silent == 0);
  CHECK(nomem > 0);
  free(want);
  free(text);
}

int main(void) {
  char err[256];
  if (winnow_model_load(&model, err, sizeof err) != WINNOW_OK) {
    printf("test_faults: cannot load the model: %s\n", err);
    return 1;
  }
  if (check_fault_injection()) {
    test_sample("samples/news-zh-hant.txt");
    test_sample("samples/news-zh-hans.txt");
    test_sample("samples/news-en.txt");
    /* found by fuzz_clean: the arena's second chunk is asked for by a
     * byline field, which went missing */
    test_sample("fuzz/corpus/clean/crash-fault-metaline-silent.txt");
  } else {
    printf("test_faults: no fault injection in this build (WINNOW_FAULT_INJECTION)\n");
  }
  winnow_model_free(model);
  return check_done("test_faults");
}
