/* pipeline.c - readers -> worker threads -> ordered writer.
 *
 * Records are read into a batch of bounded size, the batch is cleaned by
 * one thread per context (each takes the next record from an atomic
 * counter), and the results are written in input order. Output order is
 * therefore the input order whatever the thread count, and memory is bounded
 * by the batch size. Every record ends as written or as an error. */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#include "../common/wn_common.h"

#define DEFAULT_RECORD_CAP ((size_t)64 << 20)
#define DEFAULT_BATCH_BYTES ((size_t)32 << 20)
#define MAX_BATCH_RECORDS 4096

typedef struct slot {
  winnow_record rec;  /* pointers into data */
  wn_buf data;        /* source, id, text, meta copied from the reader */
  wn_buf out;         /* the rendered document */
  winnow_status st;   /* outcome */
  winnow_errclass ec; /* its class when st != OK */
  int spam;
  char msg[256];
} slot;

typedef struct run {
  const winnow_model *m;
  const winnow_run_config *cfg;
  winnow_stats *stats;
  slot *slots;
  size_t n_slots, cap_slots;
  _Atomic size_t next;
  int write_failed;
} run;

static winnow_status copy_record(slot *s, const winnow_record *r) {
  const char *src = r->source ? r->source : "";
  const char *id = r->id ? r->id : "";
  size_t ls = strlen(src) + 1, li = strlen(id) + 1, le = r->error ? strlen(r->error) + 1 : 0;
  wn_buf_clear(&s->data);
  winnow_status st = wn_buf_reserve(&s->data, ls + li + le + r->text_len + r->meta_json_len + 2);
  if (st != WINNOW_OK)
    return st;
  s->rec = *r;
  char *p = s->data.p;
  memcpy(p, src, ls);
  s->rec.source = p;
  p += ls;
  memcpy(p, id, li);
  s->rec.id = p;
  p += li;
  if (le) {
    memcpy(p, r->error, le);
    s->rec.error = p;
    p += le;
  }
  if (r->text_len)
    memcpy(p, r->text, r->text_len);
  s->rec.text = p;
  p += r->text_len;
  if (r->meta_json) {
    memcpy(p, r->meta_json, r->meta_json_len);
    s->rec.meta_json = p;
  }
  return WINNOW_OK;
}

static void render(winnow_ctx *c, const winnow_doc *d, slot *s, winnow_output mode) {
  const char *out = NULL;
  size_t len = 0;
  winnow_status st;
  if (mode == WINNOW_OUTPUT_TEXT) {
    out = d->clean;
    len = d->clean_len;
    st = WINNOW_OK;
  } else {
    st = mode == WINNOW_OUTPUT_EXPLAIN ? winnow_doc_explain(c, d, &s->rec, &out, &len)
                                       : winnow_doc_json(c, d, &s->rec, &out, &len);
  }
  wn_buf_clear(&s->out);
  if (st == WINNOW_OK)
    st = wn_buf_add(&s->out, out, len);
  if (st == WINNOW_OK && mode == WINNOW_OUTPUT_TEXT)
    st = wn_buf_adds(&s->out, "\n\n");
  s->st = st;
  s->spam = d->spam_kinds != 0;
  if (st != WINNOW_OK)
    wn_fmt(s->msg, sizeof s->msg, "cannot render: %s", winnow_status_str(st));
}

static void process(winnow_ctx *c, run *r, slot *s) {
  if (s->rec.status != WINNOW_OK) {
    s->st = s->rec.status;
    s->ec = s->rec.err_class;
    wn_fmt(s->msg, sizeof s->msg, "%s", s->rec.error ? s->rec.error : winnow_status_str(s->st));
    return;
  }
  const winnow_doc *d;
  winnow_status st = winnow_clean_text(c, s->rec.text, s->rec.text_len, &d);
  if (st != WINNOW_OK) {
    s->st = st;
    s->ec = winnow_ctx_errclass(c);
    wn_fmt(s->msg, sizeof s->msg, "%s", winnow_ctx_errmsg(c));
    return;
  }
  render(c, d, s, r->cfg->output);
}

typedef struct worker {
  run *r;
  winnow_ctx *c;
  pthread_t th;
} worker;

static void *work(void *arg) {
  worker *w = arg;
  run *r = w->r;
  for (;;) {
    size_t i = atomic_fetch_add(&r->next, 1);
    if (i >= r->n_slots)
      return NULL;
    process(w->c, r, &r->slots[i]);
  }
}

static int write_all(int fd, const char *p, size_t n) {
  while (n) {
    ssize_t k = write(fd, p, n);
    if (k < 0 && errno == EINTR)
      continue;
    if (k <= 0)
      return 0;
    p += k;
    n -= (size_t)k;
  }
  return 1;
}

static void flush_batch(run *r) {
  for (size_t i = 0; i < r->n_slots; i++) {
    slot *s = &r->slots[i];
    if (s->st == WINNOW_OK &&
        (r->write_failed || !write_all(r->cfg->out_fd, s->out.p, s->out.len))) {
      if (!r->write_failed)
        wn_fmt(s->msg, sizeof s->msg, "cannot write the output: %s", strerror(errno));
      else
        wn_fmt(s->msg, sizeof s->msg, "not written: the output failed earlier");
      r->write_failed = 1;
      s->st = WINNOW_ERR_IO;
    }
    if (s->st == WINNOW_OK) {
      r->stats->written++;
      r->stats->spam += (uint64_t)s->spam;
    } else {
      winnow_errclass ec = s->ec                    ? s->ec
                           : s->st == WINNOW_ERR_IO ? WINNOW_EC_OUTPUT
                                                    : WINNOW_EC_INTERNAL;
      r->stats->errors[ec]++;
      if (r->cfg->on_error)
        r->cfg->on_error(r->cfg->user, &s->rec, ec, s->msg);
    }
  }
  r->n_slots = 0;
}

static void run_batch(run *r, worker *w, int nw) {
  if (!r->n_slots)
    return;
  atomic_store(&r->next, 0);
  if (nw == 1 || r->n_slots < 2) {
    work(&w[0]);
  } else {
    int started = 0;
    for (int i = 0; i < nw; i++)
      started += pthread_create(&w[i].th, NULL, work, &w[i]) == 0;
    if (started == 0)
      work(&w[0]); /* no threads to be had: do it here */
    for (int i = 0; i < started; i++)
      pthread_join(w[i].th, NULL);
  }
  flush_batch(r);
}

static slot *next_slot(run *r) {
  if (r->n_slots == r->cap_slots) {
    size_t cap = r->cap_slots ? r->cap_slots * 2 : 64;
    slot *v = wn_realloc(r->slots, cap * sizeof *v);
    if (!v)
      return NULL;
    for (size_t i = r->cap_slots; i < cap; i++) {
      memset(&v[i], 0, sizeof v[i]);
      wn_buf_init(&v[i].data, SIZE_MAX / 2);
      wn_buf_init(&v[i].out, SIZE_MAX / 2);
    }
    r->slots = v;
    r->cap_slots = cap;
  }
  slot *s = &r->slots[r->n_slots++];
  s->st = WINNOW_OK;
  s->ec = WINNOW_EC_NONE;
  s->msg[0] = '\0';
  s->spam = 0;
  return s;
}

/* An input that cannot be opened or read further is one error record. */
static void input_error(run *r, const char *path, uint64_t index, const char *msg) {
  winnow_record rec = {
      .source = path, .index = index, .status = WINNOW_ERR_IO, .error = msg, .id = path};
  r->stats->records++;
  r->stats->errors[WINNOW_EC_IO]++;
  if (r->cfg->on_error)
    r->cfg->on_error(r->cfg->user, &rec, WINNOW_EC_IO, msg);
}

static winnow_status read_input(run *r, worker *w, int nw, const char *path, size_t *bytes) {
  const winnow_run_config *cfg = r->cfg;
  size_t cap = cfg->max_record_bytes ? cfg->max_record_bytes : DEFAULT_RECORD_CAP;
  size_t batch = cfg->batch_bytes ? cfg->batch_bytes : DEFAULT_BATCH_BYTES;
  char err[512];
  winnow_reader *rd;
  if (winnow_reader_open(path, cfg->format, cap, &rd, err, sizeof err) != WINNOW_OK) {
    run_batch(r, w, nw); /* earlier records are reported first */
    *bytes = 0;
    input_error(r, path, 0, err);
    return WINNOW_OK;
  }
  winnow_record rec;
  winnow_status st;
  uint64_t last_index = 0;
  while ((st = winnow_reader_next(rd, &rec)) == WINNOW_OK) {
    slot *s = next_slot(r);
    if (s && copy_record(s, &rec) != WINNOW_OK) {
      r->n_slots--; /* not taken: the record was not counted yet */
      s = NULL;
    }
    if (!s) {
      run_batch(r, w, nw); /* what was read is written before giving up */
      winnow_reader_free(rd);
      return WINNOW_ERR_NOMEM;
    }
    last_index = rec.index;
    r->stats->records++;
    r->stats->bytes_in += rec.text_len;
    *bytes += rec.text_len;
    if (*bytes >= batch || r->n_slots >= MAX_BATCH_RECORDS) {
      run_batch(r, w, nw);
      *bytes = 0;
    }
  }
  if (st != WINNOW_END) {
    run_batch(r, w, nw); /* what was read before the failure goes first */
    *bytes = 0;
    input_error(r, path, last_index + 1, winnow_reader_errmsg(rd));
  }
  winnow_reader_free(rd);
  return WINNOW_OK;
}

static winnow_status set_params(winnow_ctx *c, const winnow_run_config *cfg) {
  winnow_status st = WINNOW_OK;
  if (cfg->max_doc_bytes)
    st = winnow_ctx_set(c, WINNOW_P_MAX_DOC_BYTES, (int64_t)cfg->max_doc_bytes);
  if (st == WINNOW_OK && cfg->max_blocks)
    st = winnow_ctx_set(c, WINNOW_P_MAX_BLOCKS, (int64_t)cfg->max_blocks);
  return st;
}

static int thread_count(const winnow_run_config *cfg) {
  if (cfg->threads > 0)
    return WN_MIN(cfg->threads, 256);
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (int)WN_MIN(n, 256) : 1;
}

static void free_run(run *r, worker *w, int nw) {
  for (int i = 0; i < nw; i++)
    winnow_ctx_free(w[i].c);
  wn_free(w);
  for (size_t i = 0; i < r->cap_slots; i++) {
    wn_buf_free(&r->slots[i].data);
    wn_buf_free(&r->slots[i].out);
  }
  wn_free(r->slots);
}

winnow_status winnow_run(const winnow_model *m, const winnow_run_config *cfg, winnow_stats *stats) {
  if (!m || !cfg || !stats || (cfg->n_inputs && !cfg->inputs))
    return WINNOW_ERR_ARG;
  memset(stats, 0, sizeof *stats);
  int nw = thread_count(cfg);
  run r = {.m = m, .cfg = cfg, .stats = stats};
  worker *w = wn_calloc((size_t)nw, sizeof *w);
  winnow_status st = w ? WINNOW_OK : WINNOW_ERR_NOMEM;
  for (int i = 0; i < nw && st == WINNOW_OK; i++) {
    w[i].r = &r;
    w[i].c = winnow_ctx_create(m);
    if (!w[i].c)
      st = WINNOW_ERR_NOMEM;
    else
      st = set_params(w[i].c, cfg);
  }
  size_t bytes = 0;
  static const char *const STDIN_ONLY[] = {"-"};
  const char *const *inputs = cfg->n_inputs ? cfg->inputs : STDIN_ONLY;
  size_t n_inputs = cfg->n_inputs ? cfg->n_inputs : 1;
  for (size_t i = 0; i < n_inputs && st == WINNOW_OK; i++)
    st = read_input(&r, w, nw, inputs[i], &bytes);
  if (st == WINNOW_OK && r.n_slots)
    run_batch(&r, w, nw);
  if (st == WINNOW_OK && r.write_failed)
    st = WINNOW_ERR_IO;
  if (w)
    free_run(&r, w, nw);
  return st;
}
