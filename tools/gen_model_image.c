/* gen_model_image.c - build-time generator: compiles the data embedded in
 * the library (the same code winnow_model_load falls back to) for any
 * x86-64 Hyperscan runs on and writes the model image the library embeds
 * and loads instead of compiling at start-up.
 *
 *   gen_model_image OUT.img
 *
 * On a build machine Hyperscan cannot run on, OUT.img is left empty: the
 * library then compiles its lexicons when a model is loaded. */
#include <stdio.h>

#include "classify/wn_classify.h"

/* The library's image table (image_embed.c) is made from this program's
 * output, so this program has none. */
const wn_data_file wn_image_files[1] = {{0, 0, 0}};
const size_t wn_image_files_count = 0;

static int write_out(const char *path, const wn_buf *b) {
  FILE *f = fopen(path, "wb");
  if (!f || (b->len && fwrite(b->p, 1, b->len, f) != b->len) || fclose(f) != 0) {
    perror(path);
    return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: gen_model_image OUT.img\n");
    return 2;
  }
  char err[512];
  winnow_model *m;
  winnow_status st = wn_model_load_how(&m, WN_MODEL_GENERIC, NULL, 0, err, sizeof err);
  wn_buf b;
  wn_buf_init(&b, (size_t)256 << 20);
  if (st == WINNOW_ERR_PLATFORM) {
    fprintf(stderr, "gen_model_image: %s; the library will compile its lexicons at load\n", err);
  } else if (st != WINNOW_OK) {
    fprintf(stderr, "gen_model_image: %s: %s\n", winnow_status_str(st), err);
    return 1;
  } else if ((st = wn_model_image_write(m, &b)) != WINNOW_OK) {
    fprintf(stderr, "gen_model_image: cannot serialise the model: %s\n", winnow_status_str(st));
    winnow_model_free(m);
    wn_buf_free(&b);
    return 1;
  }
  winnow_model_free(m);
  int rc = write_out(argv[1], &b);
  wn_buf_free(&b);
  return rc;
}
