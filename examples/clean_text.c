/* clean_text.c - clean one text file with libwinnow and print its JSON line.
 *
 *   cc -Iinclude examples/clean_text.c build/libwinnow.so -o clean_text
 *   LD_LIBRARY_PATH=build ./clean_text samples/news-en.txt
 */
#include <stdio.h>
#include <stdlib.h>

#include "winnow.h"

int main(int argc, char **argv) {
  FILE *f = argc == 2 ? fopen(argv[1], "rb") : NULL;
  if (!f) {
    fprintf(stderr, argc == 2 ? "cannot open %s\n" : "usage: clean_text FILE\n", argv[1]);
    return 2;
  }
  char *text = NULL, *grown;
  size_t len = 0, cap = 0, n;
  do { /* read the whole file */
    if (len == cap && !(grown = realloc(text, cap = cap ? 2 * cap : 65536)))
      return 1;
    text = grown;
    len += n = fread(text + len, 1, cap - len, f);
  } while (n > 0);
  fclose(f);

  char err[256];
  winnow_model *model; /* immutable: load once, share between threads */
  winnow_status st = winnow_model_load(&model, err, sizeof err);
  if (st != WINNOW_OK) {
    fprintf(stderr, "cannot load the model: %s: %s\n", winnow_status_str(st), err);
    return 1;
  }
  winnow_ctx *ctx = winnow_ctx_create(model); /* one per thread */
  winnow_record rec = {.id = argv[1]};        /* gives the output its id */
  const winnow_doc *doc;                      /* owned by ctx */
  const char *json;                           /* owned by ctx */
  size_t json_len;
  st = ctx ? winnow_clean_text(ctx, text, len, &doc) : WINNOW_ERR_NOMEM;
  if (st == WINNOW_OK)
    st = winnow_doc_json(ctx, doc, &rec, &json, &json_len);
  if (st == WINNOW_OK)
    fwrite(json, 1, json_len, stdout);
  else
    fprintf(stderr, "%s: %s: %s\n", argv[1], winnow_status_str(st), winnow_ctx_errmsg(ctx));
  winnow_ctx_free(ctx); /* every context before its model */
  winnow_model_free(model);
  free(text);
  return st == WINNOW_OK ? 0 : 1;
}
