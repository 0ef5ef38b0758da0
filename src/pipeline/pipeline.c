/* pipeline.c - readers -> worker threads -> ordered writer.
 *
 * Inputs are read in order (a directory is walked, see walk.c). Records
 * that hold a document, and records in error, are copied into a batch of
 * bounded size. There are two batches: while the worker threads (one per
 * context, created once per run; each takes the next record from an atomic
 * counter) clean one, the calling thread reads the next into the other.
 * When the batch being read is full, the calling thread waits for the
 * workers, hands them the full batch, then writes the cleaned one in input
 * order. Output order, and the order of the error reports, is therefore the
 * input order whatever the thread count, and memory is bounded by two
 * batches (and what the contexts keep, trimmed after each document).
 * Records a reader marks drop are only counted: their text is never
 * copied.
 *
 * Output: documents are written whole, a group per writev; when a write
 * fails the output is cut back to the last whole document (a regular
 * file), the one document is reported, the rest read are counted as
 * output errors, and nothing more is read or cleaned (out_dead).
 *
 * Accounting: every input file has a winnow_stats of its own. A record is
 * counted in records when it is read, and in exactly one of written,
 * dropped[] or errors[] when it is settled (at read time for a dropped
 * record, when its batch is flushed otherwise). A file is reported to
 * on_input once it is read to its end and all its records are flushed; its
 * counts are then checked (records = written + sum(dropped) + sum(errors))
 * and added to the run's total. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "wn_pipeline.h"

#define DEFAULT_BATCH_BYTES ((size_t)32 << 20)
#define MAX_BATCH_RECORDS 4096
/* Files opened since the batch being read was begun: past this many it is
 * handed to the workers (and the batch before it written), so a tree of
 * many files whose records are all dropped stays small: at most about
 * twice this many files wait to be reported. */
#define MAX_PENDING_FILES 1024
/* A slot keeps buffers up to this size from one batch to the next. */
#define SLOT_KEEP_BYTES ((size_t)1 << 20)
/* After each document a worker's context keeps its buffers only up to the
 * batch bytes shared out among the workers (at least this), so the
 * buffers all idle contexts keep add up to a few batches whatever -j is,
 * not -j times the largest document (issue 7: 1.3 GB at -j 48 with 40 MiB
 * records). Below this size a document's buffers are always kept. */
#define CTX_KEEP_MIN ((size_t)64 << 10)
/* The writer hands the kernel whole documents only, gathered (writev) up to
 * this many bytes or OUT_GROUP_IOV documents per call (a larger document
 * goes alone): few system calls, and every write(2) asked for ends at the
 * end of a document, so a failure can be cut back to the last whole one. */
#define OUT_GROUP_BYTES ((size_t)1 << 20)
#define OUT_GROUP_IOV 64

typedef struct infile {
  struct infile *next;
  winnow_stats st;
  size_t pending; /* its records in the batch, not yet flushed */
  int closed;     /* read to its end (or it could not be read) */
  char path[];
} infile;

enum { OUT_WRITE = 0, OUT_NO_CONTENT, OUT_ERROR };

typedef struct slot {
  winnow_record rec; /* pointers into data */
  wn_buf data;       /* the record's strings and text, copied from the reader */
  wn_buf out;        /* the rendered document */
  infile *file;
  int outcome;        /* OUT_* */
  winnow_errclass ec; /* its class when outcome is OUT_ERROR */
  const char *msg;    /* the error's message: msgbuf or the record's error */
  uint32_t warnings;  /* of the record and of the cleaned document */
  int spam;
  int quiet; /* an error counted but not reported (after the output died) */
  char msgbuf[512];
} slot;

typedef struct batch {
  slot *slots;
  size_t n_slots, cap_slots;
  size_t used;         /* bytes copied into the batch */
  _Atomic size_t next; /* the next slot a worker takes */
} batch;

typedef struct worker worker;

typedef struct run {
  const winnow_model *m;
  const winnow_run_config *cfg;
  winnow_stats *total;
  winnow_reader_config rcfg;
  worker *w;
  int nw;
  batch b[2];
  batch *fill;       /* the batch being read into (calling thread only) */
  batch *busy;       /* the batch handed to the workers, or NULL */
  size_t batch_cap;  /* the bound of one batch's bytes */
  size_t ctx_keep;   /* what a context keeps after a document (CTX_KEEP_MIN) */
  size_t fill_files; /* files opened since fill was begun */
  /* The workers: threads started once (n_threads of nw; none if no thread
   * could be started, and then the calling thread cleans). mu guards job,
   * gen, active and quit. */
  pthread_mutex_t mu;
  pthread_cond_t go, done;
  int sync_ok;       /* mu, go and done are initialised */
  int threads_tried; /* the threads were started (or could not be) */
  int n_threads;
  batch *job;        /* the batch of generation gen */
  unsigned long gen; /* how many batches were handed to the workers */
  int active;        /* workers still cleaning job */
  int quit;
  infile *head, *tail; /* files not yet reported, in input order */
  size_t n_files;
  /* The output failed: nothing more is written, read or cleaned. Set by
   * the calling thread, read by the workers too. */
  atomic_int out_dead;
  int out_is_file; /* out_fd is a regular file: never read it as an input */
  dev_t out_dev;
  ino_t out_ino;
} run;

struct worker {
  run *r;
  winnow_ctx *c;
  pthread_t th;
  unsigned long seen; /* the last generation it cleaned */
};

/* ------------------------------------------------------------------------ */
/* Counting                                                                  */
/* ------------------------------------------------------------------------ */

static void add_stats(winnow_stats *t, const winnow_stats *s) {
  t->records += s->records;
  t->written += s->written;
  for (int i = 0; i < WINNOW_EC_COUNT_; i++)
    t->errors[i] += s->errors[i];
  for (int i = 0; i < WINNOW_DROP_COUNT_; i++)
    t->dropped[i] += s->dropped[i];
  for (int i = 0; i < WINNOW_REC_COUNT_; i++)
    t->skipped[i] += s->skipped[i];
  for (int i = 0; i < WINNOW_WARN_COUNT_; i++)
    t->warnings[i] += s->warnings[i];
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

static void count_warnings(winnow_stats *s, uint32_t w) {
  for (int i = 0; i < WINNOW_WARN_COUNT_; i++)
    if (w & (1u << i))
      s->warnings[i]++;
}

static winnow_errclass class_of_status(winnow_status st) {
  switch (st) {
  case WINNOW_ERR_NOMEM: return WINNOW_EC_NOMEM;
  case WINNOW_ERR_IO: return WINNOW_EC_IO;
  case WINNOW_ERR_JSON: return WINNOW_EC_INVALID_JSON;
  case WINNOW_ERR_JSON_TEXT: return WINNOW_EC_JSON_NO_TEXT;
  default: return WINNOW_EC_INTERNAL; /* a record in error must name its class */
  }
}

static winnow_errclass valid_class(winnow_errclass ec, winnow_status st) {
  if (ec == WINNOW_EC_NONE)
    return class_of_status(st);
  return (unsigned)ec < WINNOW_EC_COUNT_ ? ec : WINNOW_EC_INTERNAL;
}

static void report_error(run *r, const winnow_record *rec, winnow_errclass ec, const char *msg) {
  if (r->cfg->on_error)
    r->cfg->on_error(r->cfg->user, rec, ec, msg ? msg : winnow_errclass_str(ec));
}

/* The identity records = written + sum(dropped) + sum(errors) is what the
 * run promises: a file that breaks it is a bug, counted as an internal
 * error (and reported) rather than left silent. */
static void check_identity(run *r, infile *f) {
  uint64_t n = settled(&f->st);
  if (n == f->st.records)
    return;
  char msg[256];
  wn_fmt(msg, sizeof msg,
         "accounting mismatch: %llu records read, %llu written, dropped or in error",
         (unsigned long long)f->st.records, (unsigned long long)n);
  if (n < f->st.records) {
    f->st.errors[WINNOW_EC_INTERNAL] += f->st.records - n;
  } else {
    f->st.errors[WINNOW_EC_INTERNAL]++;
    f->st.records = n + 1;
  }
  winnow_record rec = {.source = f->path,
                       .id = f->path,
                       .status = WINNOW_ERR_INTERNAL,
                       .err_class = WINNOW_EC_INTERNAL,
                       .error = msg,
                       .text = ""};
  report_error(r, &rec, WINNOW_EC_INTERNAL, msg);
}

/* Report every file at the head of the queue that is read and flushed. */
static void emit_files(run *r) {
  while (r->head && r->head->closed && r->head->pending == 0) {
    infile *f = r->head;
    check_identity(r, f);
    if (r->cfg->on_input)
      r->cfg->on_input(r->cfg->user, f->path, &f->st);
    add_stats(r->total, &f->st);
    r->head = f->next;
    if (!r->head)
      r->tail = NULL;
    r->n_files--;
    wn_free(f);
  }
}

static infile *new_infile(run *r, const char *path) {
  size_t n = strlen(path);
  infile *f = wn_calloc(1, sizeof *f + n + 1);
  if (!f)
    return NULL;
  memcpy(f->path, path, n + 1);
  if (r->tail)
    r->tail->next = f;
  else
    r->head = f;
  r->tail = f;
  r->n_files++;
  r->fill_files++;
  return f;
}

/* ------------------------------------------------------------------------ */
/* Slots                                                                     */
/* ------------------------------------------------------------------------ */

static size_t slen(const char *s) {
  return s ? strlen(s) + 1 : 0;
}

static char *put_str(char **p, const char *s, size_t n) {
  if (!n)
    return NULL;
  char *at = *p;
  memcpy(at, s, n);
  *p += n;
  return at;
}

/* The bytes a record takes in a slot. */
static size_t record_bytes(const winnow_record *r) {
  return slen(r->source ? r->source : "") + slen(r->id ? r->id : "") + slen(r->error) +
         slen(r->url) + slen(r->date) + slen(r->content_type) + r->text_len + r->meta_json_len + 1;
}

/* Copy what the record points to (valid only until the reader's next call)
 * into the slot. */
static winnow_status copy_record(slot *s, const winnow_record *r) {
  const char *src = r->source ? r->source : "";
  const char *id = r->id ? r->id : "";
  size_t ls = strlen(src) + 1, li = strlen(id) + 1, le = slen(r->error), lu = slen(r->url),
         ld = slen(r->date), lc = slen(r->content_type);
  size_t need = record_bytes(r);
  wn_buf_clear(&s->data);
  winnow_status st = wn_buf_reserve(&s->data, need);
  if (st != WINNOW_OK)
    return st;
  s->rec = *r;
  char *p = s->data.p;
  s->rec.source = put_str(&p, src, ls);
  s->rec.id = put_str(&p, id, li);
  s->rec.error = put_str(&p, r->error, le);
  s->rec.url = put_str(&p, r->url, lu);
  s->rec.date = put_str(&p, r->date, ld);
  s->rec.content_type = put_str(&p, r->content_type, lc);
  s->rec.meta_json = r->meta_json ? put_str(&p, r->meta_json, r->meta_json_len) : NULL;
  if (!r->meta_json_len && r->meta_json)
    s->rec.meta_json = p; /* an empty but present metadata text */
  s->rec.text = p;
  if (r->text_len)
    memcpy(p, r->text, r->text_len);
  p[r->text_len] = '\0';
  s->data.len = need;
  return WINNOW_OK;
}

/* The next free slot of the batch, or NULL when out of memory. */
static slot *next_slot(batch *b) {
  if (b->n_slots == b->cap_slots) {
    size_t cap = b->cap_slots ? b->cap_slots * 2 : 64;
    slot *v = wn_realloc(b->slots, cap * sizeof *v);
    if (!v)
      return NULL;
    for (size_t i = b->cap_slots; i < cap; i++) {
      memset(&v[i], 0, sizeof v[i]);
      wn_buf_init(&v[i].data, SIZE_MAX / 2);
      wn_buf_init(&v[i].out, SIZE_MAX / 2);
    }
    b->slots = v;
    b->cap_slots = cap;
  }
  slot *s = &b->slots[b->n_slots];
  s->file = NULL;
  s->outcome = OUT_WRITE;
  s->ec = WINNOW_EC_NONE;
  s->msg = NULL;
  s->msgbuf[0] = '\0';
  s->warnings = 0;
  s->spam = 0;
  s->quiet = 0;
  return s;
}

/* ------------------------------------------------------------------------ */
/* Workers                                                                   */
/* ------------------------------------------------------------------------ */

static void fail_slot(slot *s, winnow_errclass ec, const char *msg) {
  s->outcome = OUT_ERROR;
  s->ec = ec;
  wn_fmt(s->msgbuf, sizeof s->msgbuf, "%s", msg && *msg ? msg : winnow_errclass_str(ec));
  s->msg = s->msgbuf;
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
  if (st != WINNOW_OK) {
    char msg[128];
    wn_fmt(msg, sizeof msg, "cannot render the document: %s", winnow_status_str(st));
    fail_slot(s, class_of_status(st), msg);
    return;
  }
  s->spam = d->spam_kinds != 0;
}

static void process(winnow_ctx *c, run *r, slot *s) {
  if (s->rec.status != WINNOW_OK) {
    s->outcome = OUT_ERROR;
    s->ec = valid_class(s->rec.err_class, s->rec.status);
    s->msg = s->rec.error && *s->rec.error ? s->rec.error : winnow_status_str(s->rec.status);
    return;
  }
  if (atomic_load(&r->out_dead)) {
    s->out.len = 0; /* not cleaned: the writer counts it as not written */
    return;
  }
  const winnow_doc *d;
  winnow_status st = winnow_clean_record(c, &s->rec, &d);
  if (st != WINNOW_OK) {
    fail_slot(s, valid_class(winnow_ctx_errclass(c), st), winnow_ctx_errmsg(c));
    return;
  }
  s->warnings = s->rec.warnings | d->warnings;
  if (d->clean_len == 0 && r->cfg->output != WINNOW_OUTPUT_EXPLAIN) {
    s->outcome = OUT_NO_CONTENT; /* --explain reports every document */
    return;
  }
  render(c, d, s, r->cfg->output);
}

/* Clean slots of b until none is left. */
static void clean_batch(winnow_ctx *c, run *r, batch *b) {
  for (;;) {
    size_t i = atomic_fetch_add(&b->next, 1);
    if (i >= b->n_slots)
      return;
    process(c, r, &b->slots[i]);
    winnow_ctx_trim(c, r->ctx_keep);
  }
}

/* A worker thread: cleans each batch handed out (each generation), then
 * says so, until told to quit. */
static void *work(void *arg) {
  worker *w = arg;
  run *r = w->r;
  pthread_mutex_lock(&r->mu);
  for (;;) {
    while (!r->quit && r->gen == w->seen)
      pthread_cond_wait(&r->go, &r->mu);
    if (r->quit)
      break;
    w->seen = r->gen;
    batch *b = r->job;
    pthread_mutex_unlock(&r->mu);
    clean_batch(w->c, r, b);
    pthread_mutex_lock(&r->mu);
    if (--r->active == 0)
      pthread_cond_signal(&r->done);
  }
  pthread_mutex_unlock(&r->mu);
  return NULL;
}

/* Start the worker threads, once per run. Those that cannot be started
 * are done without; with none, the calling thread cleans. */
static void start_threads(run *r) {
  r->threads_tried = 1;
  if (!r->sync_ok)
    return;
  while (r->n_threads < r->nw) {
    worker *w = &r->w[r->n_threads];
    w->seen = r->gen;
    if (pthread_create(&w->th, NULL, work, w) != 0)
      break;
    r->n_threads++;
  }
}

static void stop_threads(run *r) {
  if (!r->n_threads)
    return;
  pthread_mutex_lock(&r->mu);
  r->quit = 1;
  pthread_cond_broadcast(&r->go);
  pthread_mutex_unlock(&r->mu);
  for (int i = 0; i < r->n_threads; i++)
    pthread_join(r->w[i].th, NULL);
  r->n_threads = 0;
}

/* Hand b to the workers (no batch is with them). */
static void hand_out(run *r, batch *b) {
  if (!r->threads_tried)
    start_threads(r);
  atomic_store(&b->next, 0);
  r->busy = b;
  if (!r->n_threads) {
    clean_batch(r->w[0].c, r, b);
    return;
  }
  pthread_mutex_lock(&r->mu);
  r->job = b;
  r->active = r->n_threads;
  r->gen++;
  pthread_cond_broadcast(&r->go);
  pthread_mutex_unlock(&r->mu);
}

/* Wait until the workers have cleaned the batch they hold; return it (NULL
 * when they hold none). */
static batch *take_back(run *r) {
  batch *b = r->busy;
  if (b && r->n_threads) {
    pthread_mutex_lock(&r->mu);
    while (r->active > 0)
      pthread_cond_wait(&r->done, &r->mu);
    pthread_mutex_unlock(&r->mu);
  }
  r->busy = NULL;
  return b;
}

/* ------------------------------------------------------------------------ */
/* The ordered writer                                                        */
/* ------------------------------------------------------------------------ */

/* Write the cnt buffers of iov (changed on the way); *done gets the bytes
 * written. 0 and errno set when the output fails. */
static int write_iov(int fd, struct iovec *iov, int cnt, size_t *done) {
  *done = 0;
  while (cnt > 0) {
    ssize_t k = writev(fd, iov, cnt);
    if (k < 0 && errno == EINTR)
      continue;
    if (k <= 0) {
      if (k == 0)
        errno = EIO;
      return 0;
    }
    *done += (size_t)k;
    size_t left = (size_t)k;
    while (cnt > 0 && left >= iov->iov_len) {
      left -= iov->iov_len;
      iov++;
      cnt--;
    }
    if (cnt > 0) {
      iov->iov_base = (char *)iov->iov_base + left;
      iov->iov_len -= left;
    }
  }
  return 1;
}

static int to_write(const slot *s) {
  return s->outcome == OUT_WRITE && s->out.len > 0;
}

/* The output failed with errno e after the first partial bytes of a
 * document: in a regular file they are cut off, so the file ends with the
 * last whole document. msg says what happened and what was done. */
static void cut_back(run *r, int e, size_t partial, char *msg, size_t cap) {
  const char *how = "";
  char buf[128];
  if (partial && r->out_is_file) {
    off_t end = lseek(r->cfg->out_fd, 0, SEEK_CUR);
    if (end >= (off_t)partial && ftruncate(r->cfg->out_fd, end - (off_t)partial) == 0) {
      how = "; the output is cut back to its last whole document";
    } else {
      wn_fmt(buf, sizeof buf, "; its last %zu bytes are part of a document (cannot cut them: %s)",
             partial, strerror(errno));
      how = buf;
    }
  }
  wn_fmt(msg, cap, "cannot write the output: %s%s; the run stops", strerror(e), how);
}

/* Once the output has failed, the documents after the one that failed are
 * counted as output errors without a report each: one message says it. */
static void unwritten(batch *b, size_t from, size_t to) {
  for (size_t k = from; k < to; k++)
    if (b->slots[k].outcome == OUT_WRITE) {
      fail_slot(&b->slots[k], WINNOW_EC_OUTPUT, "not written: the output failed earlier");
      b->slots[k].quiet = 1;
    }
}

/* Write the documents of b->slots[i..j) as one group and return j: at
 * least one slot, at most OUT_GROUP_IOV documents or OUT_GROUP_BYTES. A
 * document not wholly written becomes an output error. */
static size_t write_group(run *r, batch *b, size_t i) {
  struct iovec iov[OUT_GROUP_IOV];
  int cnt = 0;
  size_t total = 0, j = i;
  for (; j < b->n_slots && cnt < OUT_GROUP_IOV; j++) {
    slot *s = &b->slots[j];
    if (!to_write(s))
      continue;
    if (cnt && total + s->out.len > OUT_GROUP_BYTES)
      break;
    iov[cnt].iov_base = s->out.p;
    iov[cnt].iov_len = s->out.len;
    cnt++;
    total += s->out.len;
  }
  if (atomic_load(&r->out_dead)) {
    unwritten(b, i, j);
    return j;
  }
  size_t done;
  if (!cnt || write_iov(r->cfg->out_fd, iov, cnt, &done))
    return j;
  int e = errno;
  size_t k = i, whole = 0;
  for (; k < j; k++) /* the first document not wholly written */
    if (to_write(&b->slots[k])) {
      if (whole + b->slots[k].out.len > done)
        break;
      whole += b->slots[k].out.len;
    }
  char msg[sizeof b->slots[k].msgbuf];
  cut_back(r, e, done - whole, msg, sizeof msg);
  fail_slot(&b->slots[k], WINNOW_EC_OUTPUT, msg);
  unwritten(b, k + 1, j);
  atomic_store(&r->out_dead, 1);
  return j;
}

static void settle(run *r, slot *s) {
  winnow_stats *fs = &s->file->st;
  switch (s->outcome) {
  case OUT_WRITE:
    fs->written++;
    fs->spam += (uint64_t)s->spam;
    count_warnings(fs, s->warnings);
    break;
  case OUT_NO_CONTENT:
    fs->dropped[WINNOW_DROP_NO_CONTENT]++;
    count_warnings(fs, s->warnings);
    break;
  default:
    fs->errors[s->ec]++;
    if (!s->quiet)
      report_error(r, &s->rec, s->ec, s->msg);
    break;
  }
  s->file->pending--;
}

/* Write and account for b in order. A file is reported as soon as its last
 * record is settled, before the next file's errors: the reports interleave
 * the same way whatever the batch size. */
static void flush_batch(run *r, batch *b) {
  for (size_t i = 0; i < b->n_slots;) {
    size_t j = write_group(r, b, i);
    for (; i < j; i++) {
      slot *s = &b->slots[i];
      settle(r, s);
      if (s->file->pending == 0)
        emit_files(r);
      /* a big record's buffers are not kept for the next batch */
      if (s->data.cap > SLOT_KEEP_BYTES)
        wn_buf_free(&s->data);
      if (s->out.cap > SLOT_KEEP_BYTES)
        wn_buf_free(&s->out);
    }
  }
  b->n_slots = 0;
  b->used = 0;
}

/* The batch being read is done: wait for the workers to clean the batch
 * before it, hand them this one (if it holds anything), write and account
 * for the cleaned one while they work, and report the files it finished.
 * Reading then goes on into the batch just written. */
static void submit(run *r) {
  batch *done = take_back(r);
  batch *full = r->fill;
  if (full->n_slots) {
    hand_out(r, full);
    r->fill = full == &r->b[0] ? &r->b[1] : &r->b[0];
  }
  if (done)
    flush_batch(r, done);
  r->fill_files = 0;
  emit_files(r);
}

/* Clean, write and account for everything read so far. */
static void drain(run *r) {
  submit(r); /* the batch being read goes to the workers */
  submit(r); /* and is written */
}

/* ------------------------------------------------------------------------ */
/* Reading                                                                   */
/* ------------------------------------------------------------------------ */

/* Put a record (a document, or a record in error) in the batch. When no
 * memory can be had for it even after flushing the batch, it is settled at
 * once: as the error it is, or as a nomem error. */
static void add_record(run *r, infile *f, const winnow_record *rec) {
  for (int attempt = 0; attempt < 2; attempt++) {
    batch *b = r->fill;
    slot *s = next_slot(b);
    if (s && copy_record(s, rec) == WINNOW_OK) {
      s->file = f;
      f->pending++;
      b->n_slots++;
      b->used += s->data.len + sizeof *s;
      return;
    }
    if (b->n_slots == 0 && !r->busy)
      break;
    drain(r); /* frees big buffers; the batches go out in order */
  }
  drain(r); /* whatever is pending goes first: order */
  winnow_errclass ec;
  const char *msg;
  char buf[160];
  if (rec->status != WINNOW_OK) {
    ec = valid_class(rec->err_class, rec->status);
    msg = rec->error;
  } else {
    ec = WINNOW_EC_NOMEM;
    wn_fmt(buf, sizeof buf, "no memory to hold the record (%zu bytes)", rec->text_len);
    msg = buf;
  }
  f->st.errors[ec]++;
  report_error(r, rec, ec, msg);
}

/* One record in error that the pipeline itself found (an input that cannot
 * be opened or read further, an entry of a directory that cannot be read). */
static void add_error(run *r, infile *f, uint64_t index, uint64_t offset, winnow_errclass ec,
                      const char *msg) {
  winnow_record rec = {.source = f->path,
                       .id = f->path,
                       .index = index,
                       .offset = offset,
                       .status = winnow_errclass_status(ec),
                       .err_class = ec,
                       .error = msg,
                       .text = ""};
  f->st.records++;
  add_record(r, f, &rec);
}

static void close_file(run *r, infile *f) {
  f->closed = 1;
  if (r->fill_files > MAX_PENDING_FILES)
    submit(r);
  else
    emit_files(r);
}

static infile *open_infile(run *r, const char *path) {
  infile *f = new_infile(r, path);
  if (!f) {
    drain(r); /* reports and frees the files waiting */
    f = new_infile(r, path);
  }
  return f;
}

/* A record a reader marks drop: counted, never copied. A reason that does
 * not exist is a bug, reported as an internal error in its place. */
static void add_dropped(run *r, infile *f, const winnow_record *rec) {
  winnow_stats *s = &f->st;
  if ((unsigned)rec->drop < WINNOW_DROP_COUNT_) {
    s->dropped[rec->drop]++;
    if (rec->drop == WINNOW_DROP_RECORD_TYPE)
      s->skipped[(unsigned)rec->type < WINNOW_REC_COUNT_ ? rec->type : WINNOW_REC_OTHER]++;
    return;
  }
  char msg[64];
  wn_fmt(msg, sizeof msg, "unknown drop reason %d", (int)rec->drop);
  winnow_record bad = *rec;
  bad.status = WINNOW_ERR_INTERNAL;
  bad.err_class = WINNOW_EC_INTERNAL;
  bad.error = msg;
  bad.text = "";
  bad.text_len = 0;
  bad.meta_json = NULL;
  bad.meta_json_len = 0;
  add_record(r, f, &bad);
}

/* A leaf of the walk: its message buffer is on the stack once. Once the
 * output has died, nothing more is read: WINNOW_ERR_IO stops the walk and
 * the run. */
static winnow_status read_file(run *r, const char *path) {
  if (atomic_load(&r->out_dead))
    return WINNOW_ERR_IO;
  infile *f = open_infile(r, path);
  if (!f)
    return WINNOW_ERR_NOMEM;
  char msg[PATH_MAX + 512];
  struct stat sb;
  if (r->out_is_file && strcmp(path, "-") != 0 && stat(path, &sb) == 0 && sb.st_dev == r->out_dev &&
      sb.st_ino == r->out_ino) {
    wn_fmt(msg, sizeof msg, "%s: is the output file; not read", path);
    add_error(r, f, 0, 0, WINNOW_EC_IO, msg);
    close_file(r, f);
    return WINNOW_OK;
  }
  winnow_reader *rd;
  winnow_status st = winnow_reader_open_cfg(path, &r->rcfg, &rd, msg, sizeof msg);
  if (st != WINNOW_OK) {
    add_error(r, f, 0, 0, st == WINNOW_ERR_NOMEM ? WINNOW_EC_NOMEM : WINNOW_EC_IO, msg);
    close_file(r, f);
    return WINNOW_OK;
  }
  f->st.inputs = 1;
  winnow_record rec;
  uint64_t bytes = 0, last_index = 0, b;
  while (!atomic_load(&r->out_dead) && (st = winnow_reader_next(rd, &rec)) == WINNOW_OK) {
    if ((b = winnow_reader_bytes(rd)) > bytes)
      bytes = b;
    last_index = rec.index;
    f->st.records++;
    if (rec.status == WINNOW_OK && rec.drop != WINNOW_DROP_NONE) {
      add_dropped(r, f, &rec);
      continue;
    }
    /* a batch holds at most batch_cap bytes, or one record larger */
    if (r->fill->n_slots && r->fill->used + record_bytes(&rec) + sizeof(slot) > r->batch_cap)
      submit(r);
    add_record(r, f, &rec);
    if (r->fill->used >= r->batch_cap || r->fill->n_slots >= MAX_BATCH_RECORDS)
      submit(r);
  }
  if ((b = winnow_reader_bytes(rd)) > bytes)
    bytes = b;
  f->st.bytes_in = bytes;
  if (st != WINNOW_END && st != WINNOW_OK) {
    const char *e = winnow_reader_errmsg(rd);
    wn_fmt(msg, sizeof msg, "%s", *e ? e : winnow_status_str(st));
    add_error(r, f, last_index + 1, bytes, st == WINNOW_ERR_NOMEM ? WINNOW_EC_NOMEM : WINNOW_EC_IO,
              msg);
  }
  winnow_reader_free(rd);
  close_file(r, f);
  return atomic_load(&r->out_dead) ? WINNOW_ERR_IO : WINNOW_OK;
}

static winnow_status walk_file(void *user, const char *path) {
  return read_file(user, path);
}

/* An entry of a walked directory that cannot be read: an input of its own
 * with one record in error. */
static winnow_status walk_error(void *user, const char *path, winnow_errclass ec, const char *msg) {
  run *r = user;
  if (atomic_load(&r->out_dead))
    return WINNOW_ERR_IO;
  infile *f = open_infile(r, path);
  if (!f)
    return WINNOW_ERR_NOMEM;
  add_error(r, f, 0, 0, ec, msg);
  close_file(r, f);
  return WINNOW_OK;
}

static winnow_status read_input(run *r, const char *path) {
  struct stat sb;
  if (strcmp(path, "-") != 0 && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
    wn_walk_ops ops = {.file = walk_file, .error = walk_error, .user = r};
    return wn_walk(path, &ops);
  }
  return read_file(r, path);
}

/* ------------------------------------------------------------------------ */
/* The run                                                                   */
/* ------------------------------------------------------------------------ */

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

static void free_run(run *r) {
  stop_threads(r);
  if (r->sync_ok) {
    pthread_cond_destroy(&r->done);
    pthread_cond_destroy(&r->go);
    pthread_mutex_destroy(&r->mu);
  }
  for (int i = 0; r->w && i < r->nw; i++)
    winnow_ctx_free(r->w[i].c);
  wn_free(r->w);
  for (int k = 0; k < 2; k++) {
    batch *b = &r->b[k];
    for (size_t i = 0; i < b->cap_slots; i++) {
      wn_buf_free(&b->slots[i].data);
      wn_buf_free(&b->slots[i].out);
    }
    wn_free(b->slots);
  }
  while (r->head) { /* only after a failure of the run */
    infile *f = r->head;
    r->head = f->next;
    wn_free(f);
  }
}

winnow_status winnow_run(const winnow_model *m, const winnow_run_config *cfg, winnow_stats *stats) {
  if (stats)
    memset(stats, 0, sizeof *stats);
  if (!m || !cfg || !stats || (cfg->n_inputs && !cfg->inputs) ||
      (unsigned)cfg->format >= WINNOW_FORMAT_COUNT_ || (unsigned)cfg->output > WINNOW_OUTPUT_TEXT)
    return WINNOW_ERR_ARG;
  run r = {.m = m,
           .cfg = cfg,
           .total = stats,
           .nw = thread_count(cfg),
           .batch_cap = cfg->batch_bytes ? cfg->batch_bytes : DEFAULT_BATCH_BYTES,
           .rcfg = {.format = cfg->format,
                    .max_record_bytes = cfg->max_record_bytes,
                    .max_header_line = cfg->max_header_line,
                    .max_headers = cfg->max_headers}};
  struct stat sb;
  if (fstat(cfg->out_fd, &sb) == 0 && S_ISREG(sb.st_mode)) {
    r.out_is_file = 1;
    r.out_dev = sb.st_dev;
    r.out_ino = sb.st_ino;
  }
  r.ctx_keep = WN_MAX(r.batch_cap / (size_t)r.nw, CTX_KEEP_MIN);
  r.fill = &r.b[0];
  if (pthread_mutex_init(&r.mu, NULL) == 0) {
    if (pthread_cond_init(&r.go, NULL) == 0) {
      if (pthread_cond_init(&r.done, NULL) == 0)
        r.sync_ok = 1;
      else
        pthread_cond_destroy(&r.go);
    }
    if (!r.sync_ok)
      pthread_mutex_destroy(&r.mu);
  }
  r.w = wn_calloc((size_t)r.nw, sizeof *r.w);
  winnow_status st = r.w ? WINNOW_OK : WINNOW_ERR_NOMEM;
  for (int i = 0; i < r.nw && st == WINNOW_OK; i++) {
    r.w[i].r = &r;
    r.w[i].c = winnow_ctx_create(m);
    st = r.w[i].c ? set_params(r.w[i].c, cfg) : WINNOW_ERR_NOMEM;
  }
  static const char *const STDIN_ONLY[] = {"-"};
  const char *const *inputs = cfg->n_inputs ? cfg->inputs : STDIN_ONLY;
  size_t n_inputs = cfg->n_inputs ? cfg->n_inputs : 1;
  for (size_t i = 0; i < n_inputs && st == WINNOW_OK; i++)
    st = read_input(&r, inputs[i]);
  if (r.w && r.w[r.nw - 1].c) /* what was read is written and counted, failure or not */
    drain(&r);
  if (st == WINNOW_OK && atomic_load(&r.out_dead))
    st = WINNOW_ERR_IO;
  free_run(&r);
  return st;
}
