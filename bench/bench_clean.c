/* bench_clean.c - speed of a full clean against the text front end alone,
 * measured in the same run (benchmarks are ratios, never timed tests).
 *
 *   bench_clean [-n MB] [-r RUNS] [-c] FILE...
 *
 * The files (plain text pages) are repeated into an in-memory corpus of
 * about MB megabytes. Reference pass: UTF-8 repair + line split (what any
 * cleaner must do). Full pass: winnow_clean_text (features, lexicon scan,
 * classification, metadata, assembly) + winnow_doc_json. Prints the median
 * MB/s of each and their ratio. One thread. With -c, the lexicon scan alone
 * with the library's image (compiled at build time for any x86-64) against
 * a database compiled here for this CPU. */
#include <hs/hs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_util.h"
#include "classify/wn_classify.h"
#include "common/wn_common.h"
#include "text/wn_text.h"

typedef struct doc {
  char *p;
  size_t n;
} doc;

static doc *load(int argc, char **argv, int first, size_t *count) {
  doc *v = calloc((size_t)(argc - first), sizeof *v);
  size_t n = 0;
  for (int i = first; i < argc; i++) {
    FILE *f = fopen(argv[i], "rb");
    if (!f)
      continue;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    v[n].p = malloc((size_t)len + 1);
    v[n].n = fread(v[n].p, 1, (size_t)len, f);
    fclose(f);
    n++;
  }
  *count = n;
  return v;
}

static double pass_front(const doc *v, size_t n, size_t reps) {
  wn_buf b;
  wn_arena a;
  wn_buf_init(&b, (size_t)1 << 30);
  wn_arena_init(&a, (size_t)1 << 30);
  double t = now();
  size_t blocks = 0;
  for (size_t r = 0; r < reps; r++)
    for (size_t i = 0; i < n; i++) {
      uint32_t inv, nul;
      winnow_block *bl;
      size_t nb;
      wn_buf_clear(&b);
      wn_arena_reset(&a);
      wn_utf8_repair(v[i].p, v[i].n, &b, &inv, &nul);
      wn_text_blocks(b.p, b.len, &a, 1000000, &bl, &nb);
      blocks += nb;
    }
  t = now() - t;
  wn_buf_free(&b);
  wn_arena_free(&a);
  return blocks ? t : -1;
}

static double pass_full(winnow_ctx *c, const doc *v, size_t n, size_t reps) {
  double t = now();
  size_t out = 0;
  for (size_t r = 0; r < reps; r++)
    for (size_t i = 0; i < n; i++) {
      const winnow_doc *d;
      const char *json;
      size_t len;
      if (winnow_clean_text(c, v[i].p, v[i].n, &d) == WINNOW_OK &&
          winnow_doc_json(c, d, NULL, &json, &len) == WINNOW_OK)
        out += len;
    }
  t = now() - t;
  return out ? t : -1;
}

static int count_hit(unsigned id, unsigned long long from, unsigned long long to, unsigned flags,
                     void *user) {
  (void)id;
  (void)from;
  (void)to;
  (void)flags;
  ++*(size_t *)user;
  return 0;
}

/* The Hyperscan scan alone (no word-boundary check, no hit list) of each
 * document with database a then b, in this thread's CPU seconds (other
 * processes on a shared machine then cost less noise): t[0], t[1]. */
static int pass_scans(const winnow_model *a, const winnow_model *b, const doc *v, size_t n,
                      size_t reps, double t[2]) {
  const winnow_model *m[2] = {a, b};
  hs_scratch_t *s[2] = {NULL, NULL};
  size_t hits[2] = {0, 0};
  int ok = 1;
  t[0] = t[1] = 0;
  for (int k = 0; k < 2; k++)
    ok &= hs_alloc_scratch(m[k]->db, &s[k]) == HS_SUCCESS;
  for (size_t r = 0; r < reps && ok; r++)
    for (size_t i = 0; i < n; i++)
      for (int j = 0; j < 2; j++) {
        int k = j ^ (int)((i + r) & 1); /* who goes first (cold cache) alternates */
        double c = cpu_now();
        hs_scan(m[k]->db, v[i].p, (unsigned)v[i].n, 0, s[k], count_hit, &hits[k]);
        t[k] += cpu_now() - c;
      }
  for (int k = 0; k < 2; k++)
    hs_free_scratch(s[k]);
  return ok && hits[0] && hits[0] == hits[1];
}

int main(int argc, char **argv) {
  double mb = 50;
  int runs = 5, first = 1, native = 0;
  while (first + 1 < argc && argv[first][0] == '-') {
    if (!strcmp(argv[first], "-c")) {
      native = 1;
      first++;
      continue;
    }
    if (!strcmp(argv[first], "-n"))
      mb = atof(argv[first + 1]);
    else if (!strcmp(argv[first], "-r"))
      runs = atoi(argv[first + 1]);
    first += 2;
  }
  size_t n, total = 0;
  doc *v = load(argc, argv, first, &n);
  for (size_t i = 0; i < n; i++)
    total += v[i].n;
  if (!n || !total || runs < 1 || runs > 99) {
    fprintf(stderr, "usage: bench_clean [-n MB] [-r RUNS] [-c] FILE...\n");
    return 2;
  }
  size_t reps = (size_t)(mb * 1e6 / (double)total) + 1;
  double bytes = (double)total * (double)reps / 1e6;
  char err[256];
  winnow_model *m;
  if (winnow_model_load(&m, err, sizeof err) != WINNOW_OK) {
    fprintf(stderr, "%s\n", err);
    return 1;
  }
  winnow_model *mn = NULL;
  if (native && wn_model_load_how(&mn, WN_MODEL_COMPILE, NULL, 0, err, sizeof err) != WINNOW_OK) {
    fprintf(stderr, "%s\n", err);
    return 1;
  }
  winnow_ctx *c = winnow_ctx_create(m);
  double front[99], full[99], scan[99], scan_native[99];
  for (int r = 0; r < runs; r++) { /* interleaved, so noise hits all */
    front[r] = pass_front(v, n, reps);
    full[r] = pass_full(c, v, n, reps);
    double t[2] = {1, 1};
    if (mn && !pass_scans(m, mn, v, n, reps, t))
      fprintf(stderr, "bench_clean: the two databases disagree\n");
    scan[r] = t[0];
    scan_native[r] = t[1];
  }
  double f = bytes / median(front, runs), g = bytes / median(full, runs);
  printf("corpus: %zu files, %.1f MB per pass, %d runs (median)\n", n, bytes, runs);
  printf("front end only (UTF-8 repair + lines): %8.1f MB/s\n", f);
  printf("full clean + JSON:                     %8.1f MB/s\n", g);
  printf("ratio full/front:                      %8.3f\n", g / f);
  if (mn) {
    double si = bytes / median(scan, runs), sn = bytes / median(scan_native, runs);
    printf("lexicon scan alone, image:             %8.1f MB/s (CPU time)\n", si);
    printf("lexicon scan alone, compiled here:     %8.1f MB/s (CPU time)\n", sn);
    printf("ratio image (%s)/compiled here:  %8.3f\n", m->from_image ? "generic" : "REFUSED",
           si / sn);
  }
  winnow_ctx_free(c);
  winnow_model_free(m);
  winnow_model_free(mn);
  for (size_t i = 0; i < n; i++)
    free(v[i].p);
  free(v);
  return 0;
}
