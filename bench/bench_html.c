/* bench_html.c - MB/s of wn_html_to_text over a set of pages, against a
 * bare libxml2 SAX parse (same push parser, same options, 64 KiB chunks,
 * empty callbacks) measured in the same run, and the pass again with its
 * per-line DOM records (opts.lines), rounds interleaved; median of
 * the rounds. A benchmark, never a test; built as build/bench/bench_html.
 *
 *   build/bench/bench_html [rounds] ../shared/bench/data/scrapinghub/html/PAGES.html
 */
#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "html/wn_html.h"

typedef struct page {
  char *p;
  size_t n;
} page;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int load(const char *path, page *pg) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return -1;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  pg->p = malloc((size_t)n + 1);
  pg->n = fread(pg->p, 1, (size_t)n, f);
  fclose(f);
  return 0;
}

static void bare_parse(const page *pg) {
  htmlSAXHandler sax;
  memset(&sax, 0, sizeof sax);
  htmlParserCtxtPtr c = htmlCreatePushParserCtxt(&sax, NULL, NULL, 0, NULL, XML_CHAR_ENCODING_UTF8);
  htmlCtxtUseOptions(c, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                            HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC |
                            XML_PARSE_HUGE);
  for (size_t i = 0; i < pg->n; i += 65536)
    htmlParseChunk(c, pg->p + i, (int)(pg->n - i < 65536 ? pg->n - i : 65536), 0);
  htmlParseChunk(c, NULL, 0, 1);
  htmlFreeParserCtxt(c);
}

/* lines: NULL, or a buffer for the per-line DOM records (wn_dom_line) */
static size_t ours(const page *pg, wn_buf *out, wn_buf *title, wn_buf *lines) {
  wn_html_opts o = {.title = title, .lines = lines};
  wn_buf_clear(out);
  wn_html_to_text(pg->p, pg->n, &o, out, NULL);
  return out->len;
}

static int cmp_d(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 7;
  if (rounds < 1 || argc < 3) {
    fprintf(stderr, "usage: bench_html ROUNDS PAGE.html...\n");
    return 2;
  }
  int np = argc - 2;
  page *pg = calloc((size_t)np, sizeof *pg);
  size_t total = 0, text = 0;
  for (int i = 0; i < np; i++)
    if (load(argv[i + 2], &pg[i]) == 0)
      total += pg[i].n;
  xmlInitParser();
  wn_buf out, title, lines;
  wn_buf_init(&out, (size_t)1 << 30);
  wn_buf_init(&title, 4096);
  wn_buf_init(&lines, (size_t)1 << 30);
  double *tb = calloc((size_t)rounds, sizeof *tb), *tw = calloc((size_t)rounds, sizeof *tw);
  double *td = calloc((size_t)rounds, sizeof *td);
  for (int r = 0; r < rounds; r++) {
    double t0 = now();
    for (int i = 0; i < np; i++)
      bare_parse(&pg[i]);
    double t1 = now();
    text = 0;
    for (int i = 0; i < np; i++)
      text += ours(&pg[i], &out, &title, NULL);
    double t2 = now();
    for (int i = 0; i < np; i++)
      ours(&pg[i], &out, &title, &lines);
    double t3 = now();
    tb[r] = t1 - t0;
    tw[r] = t2 - t1;
    td[r] = t3 - t2;
  }
  qsort(tb, (size_t)rounds, sizeof *tb, cmp_d);
  qsort(tw, (size_t)rounds, sizeof *tw, cmp_d);
  qsort(td, (size_t)rounds, sizeof *td, cmp_d);
  double mb = (double)total / 1e6, b = tb[rounds / 2], w = tw[rounds / 2], x = td[rounds / 2];
  printf("pages %d, %.1f MB, text out %.1f%% of input\n", np, mb, 100.0 * (double)text / total);
  printf("bare libxml2 SAX parse : %7.1f MB/s (median of %d)\n", mb / b, rounds);
  printf("wn_html_to_text        : %7.1f MB/s\n", mb / w);
  printf("ratio (ours / bare)    : %.2f\n", b / w);
  printf("... with line records  : %7.1f MB/s, ratio %.2f\n", mb / x, b / x);
  return 0;
}
