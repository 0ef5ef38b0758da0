/* Unit tests of winnow_run across batch sizes and thread counts: the
 * output, the order of the error and file reports and every file's stats
 * must be the same whether a batch holds one record or all of them, with
 * 1 to 4 worker threads; batches that hold the tail of one file and the
 * head of the next, files whose records are all dropped, inputs that
 * cannot be read, a walked directory of more files than the pipeline keeps
 * waiting. Builds with WINNOW_FAULT_INJECTION also fail the n-th
 * allocation of a run: it must end in OK or NOMEM with every record
 * accounted for. */
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>

#include "check.h"
#include "check_alloc.h"
#include "common/wn_common.h"

static winnow_model *model;

static const char PAGE_EN[] =
    "Old Bridge Reopens After Two Years of Repairs\n\n"
    "The old stone bridge over the river reopened to traffic on Tuesday after two years of "
    "careful repairs, city officials said.\n"
    "Engineers replaced the worn supports and restored the original railings, which had been "
    "damaged by floods in 2021.\n"
    "Residents who had to take a long detour during the works welcomed the news.\n";

/* ---- a growing string ------------------------------------------------------ */

typedef struct sbuf {
  char *p;
  size_t len, cap;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t cap = (b->len + n + 1) * 2;
    char *p = realloc(b->p, cap);
    if (!p)
      abort();
    b->p = p;
    b->cap = cap;
  }
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
}

static void sb_printf(sbuf *b, const char *fmt, ...) {
  char tmp[1024];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  sb_add(b, tmp, n < 0 ? 0 : (size_t)n >= sizeof tmp ? sizeof tmp - 1 : (size_t)n);
}

static void sb_free(sbuf *b) {
  free(b->p);
  memset(b, 0, sizeof *b);
}

static void put_file(const char *path, const char *data, size_t n) {
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(data, 1, n, f) != n || fclose(f) != 0) {
    perror(path);
    exit(1);
  }
}

/* ---- the inputs --------------------------------------------------------------- */

#define MANY_FILES 1100 /* more than the pipeline keeps waiting (1024) */

static char dir[512];
static char paths[16][600];
static const char *inputs[16];
static size_t n_inputs;

static const char *input(const char *fmt, const char *name) {
  snprintf(paths[n_inputs], sizeof paths[0], fmt, dir, name);
  inputs[n_inputs] = paths[n_inputs];
  return inputs[n_inputs++];
}

/* JSONL of n records: documents of many sizes, records with no content,
 * lines in error. */
static void make_jsonl(const char *path, int n, int seed) {
  sbuf b = {0};
  for (int i = 0; i < n; i++) {
    int k = (i + seed) % 7;
    if (k == 0)
      sb_printf(&b,
                "{\"id\":\"s%d-%d\",\"text\":\"Record %d of file %d. A short paragraph of "
                "plain text. It has two sentences.\"}\n",
                seed, i, i, seed);
    else if (k == 1)
      sb_printf(&b, "{\"id\":\"bad%d\", broken\n", i); /* invalid-json */
    else if (k == 2)
      sb_printf(&b, "{\"id\":\"nt%d\",\"title\":\"no text\"}\n", i); /* json-no-text */
    else if (k == 3)
      sb_printf(&b, "{\"id\":\"e%d\",\"text\":\"   \"}\n", i); /* no-content */
    else {
      sb_printf(&b, "{\"id\":\"p%d-%d\",\"metadata\":{\"i\":%d},\"text\":\"", seed, i, i);
      int reps = 1 + (i * 7 + seed) % 5;
      for (int r = 0; r < reps; r++)
        for (const char *p = PAGE_EN; *p; p++)
          sb_add(&b, *p == '\n' ? "\\n" : p, *p == '\n' ? 2 : 1);
      sb_printf(&b, "Line %d.\"}\n", i);
    }
  }
  put_file(path, b.p ? b.p : "", b.len);
  sb_free(&b);
}

static int make_inputs(void) {
  const char *tmp = check_tmpdir("pipeline");
  if (!tmp)
    return 0;
  snprintf(dir, sizeof dir, "%s", tmp);
  char p[700];
  make_jsonl(input("%s/%s", "a.jsonl"), 40, 1);
  input("%s/%s", "missing.jsonl"); /* cannot be opened: one io error */
  put_file(input("%s/%s", "empty.jsonl"), "", 0);
  make_jsonl(input("%s/%s", "one.jsonl"), 1, 0);
  put_file(input("%s/%s", "page.txt"), PAGE_EN, sizeof PAGE_EN - 1);
  inputs[n_inputs++] = "samples/crawl.warc.gz"; /* records the reader drops */
  sbuf bad = {0};
  for (int i = 0; i < 30; i++)
    sb_printf(&bad, "{\"id\":%d,\n", i);
  put_file(input("%s/%s", "bad.jsonl"), bad.p, bad.len);
  sb_free(&bad);
  snprintf(p, sizeof p, "%s/tree", dir);
  mkdir(p, 0700);
  for (int i = 0; i < 6; i++) {
    char name[64];
    snprintf(name, sizeof name, "tree/f%d.jsonl", i);
    make_jsonl(input("%s/%s", name), 3 + i * 11, i);
    n_inputs--; /* walked below, not named */
  }
  input("%s/%s", "tree");
  snprintf(p, sizeof p, "%s/many", dir);
  mkdir(p, 0700);
  for (int i = 0; i < MANY_FILES; i++) {
    snprintf(p, sizeof p, "%s/many/m%04d.jsonl", dir, i);
    if (i % 3 == 0)
      put_file(p, "", 0); /* no record at all */
    else
      make_jsonl(p, 1, i % 7);
  }
  input("%s/%s", "many");
  make_jsonl(input("%s/%s", "z.jsonl"), 25, 4);
  return 1;
}

/* ---- one run -------------------------------------------------------------------- */

typedef struct replog {
  sbuf text;        /* the error and file reports, in order */
  winnow_stats sum; /* the files' stats added up */
  size_t files;
  int identity_ok;
} replog;

static void add_stats(winnow_stats *t, const winnow_stats *s) {
  t->records += s->records;
  t->written += s->written;
  for (int i = 0; i < WINNOW_EC_COUNT_; i++)
    t->errors[i] += s->errors[i];
  for (int i = 0; i < WINNOW_DROP_COUNT_; i++)
    t->dropped[i] += s->dropped[i];
  t->spam += s->spam;
  t->bytes_in += s->bytes_in;
  t->inputs += s->inputs;
}

static uint64_t settled(const winnow_stats *s) {
  uint64_t n = s->written;
  for (int i = 0; i < WINNOW_EC_COUNT_; i++)
    n += s->errors[i];
  for (int i = 0; i < WINNOW_DROP_COUNT_; i++)
    n += s->dropped[i];
  return n;
}

static void on_error(void *user, const winnow_record *rec, winnow_errclass ec, const char *msg) {
  replog *l = user;
  sb_printf(&l->text, "E %s %llu %s %s\n", rec->source ? rec->source : "",
            (unsigned long long)rec->index, winnow_errclass_str(ec), msg);
}

static void on_input(void *user, const char *path, const winnow_stats *st) {
  replog *l = user;
  sb_printf(&l->text, "F %s %llu %llu", path, (unsigned long long)st->records,
            (unsigned long long)st->written);
  for (int i = 0; i < WINNOW_EC_COUNT_; i++)
    sb_printf(&l->text, " %llu", (unsigned long long)st->errors[i]);
  for (int i = 0; i < WINNOW_DROP_COUNT_; i++)
    sb_printf(&l->text, " %llu", (unsigned long long)st->dropped[i]);
  sb_printf(&l->text, " %llu\n", (unsigned long long)st->bytes_in);
  if (settled(st) != st->records || st->errors[WINNOW_EC_INTERNAL])
    l->identity_ok = 0;
  add_stats(&l->sum, st);
  l->files++;
}

typedef struct result {
  winnow_status st;
  winnow_stats total;
  sbuf out;
  replog log;
} result;

static void result_free(result *r) {
  sb_free(&r->out);
  sb_free(&r->log.text);
}

static void do_run(result *res, int threads, size_t batch_bytes) {
  memset(res, 0, sizeof *res);
  res->log.identity_ok = 1;
  char out_path[700];
  snprintf(out_path, sizeof out_path, "%s/out.jsonl", dir);
  int fd = open(out_path, O_RDWR | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) {
    perror(out_path);
    exit(1);
  }
  winnow_run_config cfg = {.inputs = inputs,
                           .n_inputs = n_inputs,
                           .out_fd = fd,
                           .threads = threads,
                           .batch_bytes = batch_bytes,
                           .on_error = on_error,
                           .on_input = on_input,
                           .user = &res->log};
  res->st = winnow_run(model, &cfg, &res->total);
  lseek(fd, 0, SEEK_SET);
  char buf[65536];
  ssize_t k;
  while ((k = read(fd, buf, sizeof buf)) > 0)
    sb_add(&res->out, buf, (size_t)k);
  close(fd);
}

static int same_stats(const winnow_stats *a, const winnow_stats *b) {
  if (a->records != b->records || a->written != b->written || a->spam != b->spam ||
      a->bytes_in != b->bytes_in || a->inputs != b->inputs)
    return 0;
  return !memcmp(a->errors, b->errors, sizeof a->errors) &&
         !memcmp(a->dropped, b->dropped, sizeof a->dropped);
}

static void test_batches_and_threads(void) {
  result ref;
  do_run(&ref, 1, 0);
  CHECK(ref.st == WINNOW_OK);
  CHECK(ref.log.identity_ok);
  CHECK(settled(&ref.total) == ref.total.records);
  CHECK(ref.total.errors[WINNOW_EC_INTERNAL] == 0);
  CHECK(same_stats(&ref.log.sum, &ref.total));
  /* every file reported once: the named ones, the tree's, the many */
  CHECK(ref.log.files == n_inputs - 2 + 6 + MANY_FILES);
  CHECK(ref.total.written > 100 && ref.total.errors[WINNOW_EC_IO] == 1);
  CHECK(ref.total.errors[WINNOW_EC_INVALID_JSON] > 30);
  CHECK(ref.total.dropped[WINNOW_DROP_NO_CONTENT] > 0);
  CHECK(ref.total.dropped[WINNOW_DROP_RECORD_TYPE] > 0);
  /* the reports come in input order: a.jsonl first, z.jsonl last */
  char first[700];
  snprintf(first, sizeof first, "F %s ", inputs[0]);
  const char *f1 = ref.log.text.p ? strstr(ref.log.text.p, "F ") : NULL;
  CHECK(f1 && !strncmp(f1, first, strlen(first)));
  const char *last = ref.log.text.p ? strrchr(ref.log.text.p, 'F') : NULL;
  CHECK(last && strstr(last, "z.jsonl") != NULL);

  static const size_t BATCHES[] = {1, 300, 2000, 20000, 0};
  int runs = 0, differ = 0;
  for (size_t bi = 0; bi < sizeof BATCHES / sizeof BATCHES[0]; bi++)
    for (int threads = 1; threads <= 4; threads++) {
      result r;
      do_run(&r, threads, BATCHES[bi]);
      int same = r.st == WINNOW_OK && r.out.len == ref.out.len &&
                 (!r.out.len || !memcmp(r.out.p, ref.out.p, r.out.len)) &&
                 r.log.text.len == ref.log.text.len &&
                 (!r.log.text.len || !memcmp(r.log.text.p, ref.log.text.p, r.log.text.len)) &&
                 same_stats(&r.total, &ref.total) && r.log.identity_ok;
      CHECK(same);
      if (!same) {
        differ++;
        fprintf(stderr, "batch_bytes %zu, %d threads: differs from the reference\n", BATCHES[bi],
                threads);
        fprintf(stderr, "  status %d, output %zu/%zu bytes, reports %zu/%zu bytes, identity %d\n",
                (int)r.st, r.out.len, ref.out.len, r.log.text.len, ref.log.text.len,
                r.log.identity_ok);
        if (getenv("WINNOW_TEST_DUMP")) {
          put_file("/tmp/winnow-pipeline-ref.out", ref.out.p, ref.out.len);
          put_file("/tmp/winnow-pipeline-ref.log", ref.log.text.p, ref.log.text.len);
          put_file("/tmp/winnow-pipeline-got.out", r.out.p, r.out.len);
          put_file("/tmp/winnow-pipeline-got.log", r.log.text.p, r.log.text.len);
        }
      }
      runs++;
      result_free(&r);
    }
  printf("batches and threads: %d runs, %d differ\n", runs, differ);
  result_free(&ref);
}

/* The n-th allocation of a run fails: the run ends in OK (the failure
 * became a record's error) or NOMEM (the run stopped, after writing what
 * it had read), with every file it reported accounted for. */
static void test_alloc_failures(void) {
  const char *const small[] = {inputs[0], inputs[3], inputs[4], inputs[5]};
  int ok = 0, nomem = 0;
  for (long n = 1; n <= 3000; n += n < 400 ? 1 : 37) {
    replog l = {.identity_ok = 1};
    char out_path[700];
    snprintf(out_path, sizeof out_path, "%s/fail.jsonl", dir);
    int fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
      break;
    winnow_run_config cfg = {.inputs = small,
                             .n_inputs = 4,
                             .out_fd = fd,
                             .threads = 1 + (int)(n % 3),
                             .batch_bytes = n % 2 ? 1 : 3000,
                             .on_error = on_error,
                             .on_input = on_input,
                             .user = &l};
    winnow_stats total;
    wn_alloc_fail_after(n);
    winnow_status st = winnow_run(model, &cfg, &total);
    wn_alloc_fail_after(0);
    close(fd);
    CHECK(st == WINNOW_OK || st == WINNOW_ERR_NOMEM);
    CHECK(l.identity_ok);
    CHECK(settled(&total) == total.records);
    CHECK(same_stats(&l.sum, &total));
    if (st == WINNOW_OK) {
      ok++;
      CHECK(l.files == 4);
    } else {
      nomem++;
    }
    sb_free(&l.text);
  }
  CHECK(ok > 0);
  printf("allocation failures: %d runs ended in NOMEM, %d in OK\n", nomem, ok);
}

int main(void) {
  char err[256];
  if (winnow_model_load(&model, err, sizeof err) != WINNOW_OK) {
    fprintf(stderr, "model: %s\n", err);
    return 1;
  }
  if (!make_inputs())
    return 1;
  test_batches_and_threads();
  if (check_fault_injection())
    test_alloc_failures();
  winnow_model_free(model);
  return check_done("pipeline");
}
