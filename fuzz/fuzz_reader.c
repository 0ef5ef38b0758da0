/* fuzz_reader.c - fuzz target for the record reader (src/io/reader.c).
 *
 * The input bytes are a whole input file. They are put in a memfd and read
 * back through winnow_reader_open("/proc/self/fd/N") in every format (AUTO,
 * TEXT, JSONL, WARC, HTML) with a small record cap, so the cap paths are
 * reachable with small inputs. Every record is checked against
 * include/winnow.h.
 *
 * Streaming: the reader asks read(2) for 128 KiB at a time, so a file under
 * that size would always arrive in one piece. This target is linked with
 * -Wl,--wrap=read: __wrap_read below passes reads through, except in a
 * second round where it hands out a few bytes per call, as a pipe may.
 * The records of both rounds must be the same (chunk invariance, as cmark's
 * and zstd's streaming fuzzers check).
 *
 * Each record of the AUTO pass that is OK and not dropped is also cleaned
 * (winnow_clean_record: charset decision and the HTML pass for WARC and
 * HTML records) and rendered with the record (id, WARC fields and
 * "metadata" pass through to the JSON line), and the line is held to
 * RFC 8259 and parsed back with cJSON. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "fuzz_common.h"

#define MAX_RECORD 4096 /* the record cap under test */
#define MAX_READS 64    /* most read(2) calls of a streaming pass */

/* ---- read(2) in small pieces, on demand --------------------------------- */

static size_t read_limit; /* 0: pass reads through unchanged */

ssize_t __real_read(int fd, void *buf, size_t n);
ssize_t __wrap_read(int fd, void *buf, size_t n);
ssize_t __wrap_read(int fd, void *buf, size_t n) {
  if (read_limit && n > read_limit)
    n = read_limit;
  return __real_read(fd, buf, n);
}

/* ---- the input as a file ------------------------------------------------ */

static int input_fd = -1;
static char input_path[64];

static void write_input(const uint8_t *data, size_t size) {
  if (input_fd < 0) {
    input_fd = memfd_create("fuzz_reader", MFD_CLOEXEC);
    if (input_fd < 0) { /* no memfd: an unlinked temporary file will do */
      char tmpl[] = "/tmp/fuzz_reader.XXXXXX";
      input_fd = mkstemp(tmpl);
      FUZZ_CHECK(input_fd >= 0);
      unlink(tmpl);
    }
    snprintf(input_path, sizeof input_path, "/proc/self/fd/%d", input_fd);
  }
  FUZZ_CHECK(ftruncate(input_fd, 0) == 0);
  size_t done = 0;
  while (done < size) {
    ssize_t n = pwrite(input_fd, data + done, size - done, (off_t)done);
    if (n < 0 && errno == EINTR)
      continue;
    FUZZ_CHECK(n > 0);
    done += (size_t)n;
  }
}

/* ---- cleaning a record --------------------------------------------------- */

static uint64_t mix(uint64_t h, const void *p, size_t n);

/* The record's id and metadata reach the JSON line; it must still parse,
 * keep the id, and carry every input metadata member. The status and the
 * line are mixed into *jh. */
static void clean_and_render(winnow_ctx *c, const winnow_record *rec, uint64_t *jh) {
  const winnow_doc *d = NULL;
  winnow_status st = winnow_clean_record(c, rec, &d);
  *jh = mix(*jh, &st, sizeof st);
  if (st != WINNOW_OK) { /* bytes that are no text, or a cap: a named class */
    winnow_errclass ec = winnow_ctx_errclass(c);
    FUZZ_CHECK(d == NULL && ec != WINNOW_EC_NONE && winnow_errclass_status(ec) == st);
    FUZZ_CHECK(st == WINNOW_ERR_FORMAT || st == WINNOW_ERR_LIMIT || st == WINNOW_ERR_UNSUPPORTED);
    return;
  }
  const char *out = NULL;
  size_t len = 0;
  FUZZ_OK(winnow_doc_json(c, d, rec, &out, &len));
  *jh = mix(*jh, out, len);
  FUZZ_CHECK(len > 0 && out[len - 1] == '\n' && strlen(out) == len);
  for (size_t i = 0; i + 1 < len; i++) /* one line */
    FUZZ_CHECK(out[i] != '\n');
  size_t at;
  if (!fuzz_json_strict(out, len, &at)) {
    fprintf(stderr, "fuzz_reader: winnow_doc_json broke RFC 8259 at byte %zu:\n%s", at, out);
    abort();
  }
  FUZZ_CHECK(fuzz_utf8_valid(out, len)); /* id and metadata are repaired too */
  int id_valid = fuzz_utf8_valid(rec->id, strlen(rec->id));
  int meta_valid = !rec->meta_json || fuzz_utf8_valid(rec->meta_json, rec->meta_json_len);
  const char *end = NULL;
  cJSON *root = cJSON_ParseWithLengthOpts(out, len, &end, 0);
  if (!root) {
    fprintf(stderr, "fuzz_reader: winnow_doc_json gave invalid JSON:\n%s", out);
    abort();
  }
  FUZZ_CHECK(end == out + len - 1);
  const cJSON *id = cJSON_GetObjectItemCaseSensitive(root, "id");
  FUZZ_CHECK(cJSON_IsString(id) && (!id_valid || strcmp(id->valuestring, rec->id) == 0));
  const cJSON *meta = cJSON_GetObjectItemCaseSensitive(root, "metadata");
  FUZZ_CHECK(cJSON_IsObject(meta));
  if (rec->meta_json && meta_valid) {
    cJSON *in = cJSON_ParseWithLength(rec->meta_json, rec->meta_json_len);
    FUZZ_CHECK(cJSON_IsObject(in));
    for (const cJSON *m = in->child; m; m = m->next)
      FUZZ_CHECK(cJSON_HasObjectItem(meta, m->string));
    cJSON_Delete(in);
  }
  FUZZ_OK(winnow_doc_explain(c, d, rec, &out, &len));
  FUZZ_CHECK(len > 0 && out[len - 1] == '\n' && strlen(out) == len);
  cJSON_Delete(root);
}

/* The same under a failing allocation: NOMEM is an answer too (*nomem). */
static void clean_faulting(winnow_ctx *c, const winnow_record *rec, uint64_t *jh, int *nomem) {
  const winnow_doc *d = NULL;
  winnow_status st = winnow_clean_record(c, rec, &d);
  const char *out = NULL;
  size_t len = 0;
  if (st == WINNOW_OK)
    st = winnow_doc_json(c, d, rec, &out, &len);
  if (st == WINNOW_OK)
    *jh = mix(*jh, &st, sizeof st), *jh = mix(*jh, out, len);
  else if (st != WINNOW_ERR_NOMEM)
    *jh = mix(*jh, &st, sizeof st);
  if (st == WINNOW_OK)
    st = winnow_doc_explain(c, d, rec, &out, &len);
  *nomem |= st == WINNOW_ERR_NOMEM;
}

/* ---- reading ------------------------------------------------------------ */

/* FNV-1a over everything a record says, to compare two reads. */
static uint64_t mix(uint64_t h, const void *p, size_t n) {
  const unsigned char *s = p;
  for (size_t i = 0; i < n; i++)
    h = (h ^ s[i]) * 0x100000001b3ull;
  return h;
}

static uint64_t record_hash(uint64_t h, const winnow_record *rec) {
  h = mix(h, &rec->index, sizeof rec->index);
  h = mix(h, &rec->offset, sizeof rec->offset);
  h = mix(h, &rec->status, sizeof rec->status);
  h = mix(h, &rec->err_class, sizeof rec->err_class);
  h = mix(h, &rec->drop, sizeof rec->drop);
  h = mix(h, &rec->type, sizeof rec->type);
  h = mix(h, &rec->content, sizeof rec->content);
  h = mix(h, &rec->warnings, sizeof rec->warnings);
  h = mix(h, &rec->http_status, sizeof rec->http_status);
  h = mix(h, rec->id, strlen(rec->id) + 1);
  if (rec->url)
    h = mix(h, rec->url, strlen(rec->url) + 1);
  if (rec->content_type)
    h = mix(h, rec->content_type, strlen(rec->content_type) + 1);
  h = mix(h, &rec->text_len, sizeof rec->text_len);
  h = mix(h, rec->text, rec->text_len);
  if (rec->error)
    h = mix(h, rec->error, strlen(rec->error) + 1);
  if (rec->meta_json)
    h = mix(h, rec->meta_json, rec->meta_json_len);
  return h;
}

typedef struct pass {
  winnow_format format; /* as asked for */
  int clean;            /* also clean and render OK records */
  winnow_ctx *ctx;      /* ... on this context (NULL: the long-lived one) */
  int faulting;         /* an allocation may fail: NOMEM is an answer */
  int nomem;            /* ... and was given, for the run or a record */
  uint64_t hash;        /* of all records, in order */
  uint64_t jhash;       /* of the cleaning statuses and JSON lines */
  size_t n;             /* records */
  winnow_status last;   /* END, or the run-level error */
} pass;

static void check_record(const pass *p, const winnow_record *rec, const winnow_record *prev,
                         const uint8_t *data, size_t size, size_t nul_bytes) {
  FUZZ_CHECK(rec->source != NULL && strcmp(rec->source, input_path) == 0);
  FUZZ_CHECK(rec->id != NULL && rec->text != NULL);
  FUZZ_CHECK(rec->index >= 1 && rec->offset <= size);
  if (prev) {
    FUZZ_CHECK(rec->index > prev->index);
    /* records of one gzip member or zstd frame share its offset */
    FUZZ_CHECK(p->format == WINNOW_FORMAT_WARC || p->format == WINNOW_FORMAT_AUTO
                   ? rec->offset >= prev->offset
                   : rec->offset > prev->offset);
  }
  /* The cap is on input bytes; the reader documents one widening: a raw
   * NUL byte inside a JSONL string becomes U+FFFD (3 bytes). */
  FUZZ_CHECK(rec->text_len <= MAX_RECORD + 2 * nul_bytes);
  FUZZ_CHECK((unsigned)rec->content < WINNOW_CONTENT_COUNT_);
  FUZZ_CHECK((unsigned)rec->drop < WINNOW_DROP_COUNT_ && (unsigned)rec->type < WINNOW_REC_COUNT_);
  FUZZ_CHECK(rec->warnings < (1u << WINNOW_WARN_COUNT_));
  if (rec->status == WINNOW_OK) {
    FUZZ_CHECK(rec->error == NULL && rec->err_class == WINNOW_EC_NONE);
  } else {
    FUZZ_CHECK(rec->err_class != WINNOW_EC_NONE && (unsigned)rec->err_class < WINNOW_EC_COUNT_);
    FUZZ_CHECK(winnow_errclass_status(rec->err_class) == rec->status);
    FUZZ_CHECK(rec->drop == WINNOW_DROP_NONE);
    FUZZ_CHECK(rec->error != NULL && rec->error[0] != '\0');
    FUZZ_CHECK(rec->text_len == 0);
  }
  if (rec->drop != WINNOW_DROP_NONE)
    FUZZ_CHECK(rec->text_len == 0);
  if (p->format != WINNOW_FORMAT_WARC && p->format != WINNOW_FORMAT_AUTO)
    FUZZ_CHECK(rec->type == WINNOW_REC_NONE && rec->url == NULL && rec->http_status == 0);
  if (rec->meta_json) {
    FUZZ_CHECK(rec->meta_json_len >= 2); /* "{}" at least */
    cJSON *m = cJSON_ParseWithLength(rec->meta_json, rec->meta_json_len);
    FUZZ_CHECK(cJSON_IsObject(m));
    cJSON_Delete(m);
  }
  if (p->format == WINNOW_FORMAT_TEXT || p->format == WINNOW_FORMAT_HTML) {
    /* the whole input, byte for byte */
    FUZZ_CHECK(rec->index == 1 && rec->offset == 0);
    FUZZ_CHECK(strcmp(rec->id, input_path) == 0);
    FUZZ_CHECK(rec->content ==
               (p->format == WINNOW_FORMAT_TEXT ? WINNOW_CONTENT_PLAIN : WINNOW_CONTENT_HTML));
    if (size == 0)
      FUZZ_CHECK(rec->err_class == WINNOW_EC_EMPTY_INPUT);
    else if (size <= MAX_RECORD)
      FUZZ_CHECK(rec->status == WINNOW_OK && rec->text_len == size &&
                 memcmp(rec->text, data, size) == 0);
    else
      FUZZ_CHECK(rec->err_class == WINNOW_EC_RECORD_TOO_BIG);
  }
  if (p->format == WINNOW_FORMAT_WARC && rec->status == WINNOW_OK && !rec->drop)
    FUZZ_CHECK(rec->type == WINNOW_REC_RESPONSE || rec->type == WINNOW_REC_RESOURCE ||
               rec->type == WINNOW_REC_CONVERSION);
  if (p->format == WINNOW_FORMAT_JSONL) {
    FUZZ_CHECK(rec->content == WINNOW_CONTENT_TEXT);
    /* NULs only from NULs of the input (raw, or "\u0000"), kept for
     * cleaning to replace and count */
    if (memchr(rec->text, '\0', rec->text_len))
      FUZZ_CHECK(nul_bytes > 0 || memmem(data, size, "\\u0000", 6) != NULL);
    FUZZ_CHECK(rec->offset < size);
    FUZZ_CHECK(rec->offset == 0 || data[rec->offset - 1] == '\n'); /* a line start */
    if (rec->status == WINNOW_OK && nul_bytes == 0)
      FUZZ_CHECK(rec->text_len <= MAX_RECORD);
  }
}

static void run_pass(pass *p, const uint8_t *data, size_t size, size_t nul_bytes) {
  winnow_reader *r = NULL;
  char err[256] = "";
  p->hash = p->jhash = 0xcbf29ce484222325ull;
  p->n = 0;
  winnow_status st = winnow_reader_open(input_path, p->format, MAX_RECORD, &r, err, sizeof err);
  if (p->faulting && st == WINNOW_ERR_NOMEM) {
    FUZZ_CHECK(r == NULL);
    p->nomem = 1;
    return;
  }
  FUZZ_OK(st);
  FUZZ_CHECK(r != NULL);
  winnow_ctx *c = p->ctx ? p->ctx : fuzz_ctx("fuzz_reader");
  winnow_record rec, prev;
  while ((st = winnow_reader_next(r, &rec)) == WINNOW_OK) {
    check_record(p, &rec, p->n ? &prev : NULL, data, size, nul_bytes);
    p->nomem |= rec.err_class == WINNOW_EC_NOMEM;
    p->hash = record_hash(p->hash, &rec);
    p->n++;
    FUZZ_CHECK(p->n <= size + 1); /* a record needs at least a line */
    if (p->clean && rec.status == WINNOW_OK && rec.drop == WINNOW_DROP_NONE) {
      if (p->faulting)
        clean_faulting(c, &rec, &p->jhash, &p->nomem);
      else
        clean_and_render(c, &rec, &p->jhash);
    }
    prev = rec; /* only numbers are compared: pointers die at the next call */
  }
  p->last = st;
  if (p->faulting && st == WINNOW_ERR_NOMEM)
    p->nomem = 1;
  else
    FUZZ_CHECK(st == WINNOW_END);                /* a memfd never fails to read */
  FUZZ_CHECK(winnow_reader_next(r, &rec) == st); /* and it stays there */
  winnow_reader_free(r);
}

/* The AUTO pass with cleaning again, on a context of its own: the same
 * records and lines as on the long-lived one; then with one allocation
 * failing (fuzz_common.h): NOMEM somewhere, or the same again. */
static void fault_passes(const pass *auto_pass, const uint8_t *data, size_t size,
                         size_t nul_bytes) {
  fuzz_count_begin();
  winnow_ctx *c = winnow_ctx_create(fuzz_model("fuzz_reader"));
  FUZZ_CHECK(c != NULL);
  pass ref = {.format = WINNOW_FORMAT_AUTO, .clean = 1, .ctx = c};
  run_pass(&ref, data, size, nul_bytes);
  winnow_ctx_free(c);
  long allocs = fuzz_count_end();
  FUZZ_CHECK(ref.n == auto_pass->n && ref.hash == auto_pass->hash);
  FUZZ_CHECK(ref.jhash == auto_pass->jhash);
  if (!fuzz_fail_begin(data, size, allocs))
    return;
  pass f = {.format = WINNOW_FORMAT_AUTO, .clean = 1, .faulting = 1};
  f.ctx = winnow_ctx_create(fuzz_model("fuzz_reader"));
  if (f.ctx)
    run_pass(&f, data, size, nul_bytes);
  else
    f.nomem = 1;
  winnow_ctx_free(f.ctx);
  int fired = fuzz_fail_end();
  FUZZ_CHECK(!f.nomem || fired);
  if (!f.nomem)
    FUZZ_CHECK(f.n == ref.n && f.hash == ref.hash && f.jhash == ref.jhash);
}

/* Length of the white-space prefix (after a UTF-8 BOM): AUTO's choice is
 * exact when it is below the cap (see reader_sniff.c). */
static size_t space_prefix(const uint8_t *data, size_t size) {
  size_t i = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  while (i < size && (data[i] == ' ' || (data[i] >= '\t' && data[i] <= '\r')))
    i++;
  return i;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  write_input(data, size);
  size_t nul_bytes = fuzz_count_byte(data, size, 0);
  /* read sizes for the streaming round: tiny ones for small inputs only,
   * at most MAX_READS reads per pass (a 4 KiB input read a byte at a time
   * in five formats took most of the run's time) */
  static const size_t chunks[] = {1, 2, 7, 61, 509};
  size_t chunk = chunks[size % 5];
  if (chunk <= size / MAX_READS)
    chunk = size / MAX_READS + 1;

  pass whole[WINNOW_FORMAT_COUNT_], piece[WINNOW_FORMAT_COUNT_];
  for (int f = 0; f < WINNOW_FORMAT_COUNT_; f++) {
    read_limit = 0;
    /* records are cleaned as the format AUTO chose (which reads them as
     * one of the explicit formats does): cleaning every format's records
     * took a third of the time and mostly cleaned a file as the wrong kind */
    whole[f] = (pass){.format = (winnow_format)f, .clean = f == WINNOW_FORMAT_AUTO};
    run_pass(&whole[f], data, size, nul_bytes);
    read_limit = chunk;
    piece[f] = (pass){.format = (winnow_format)f};
    run_pass(&piece[f], data, size, nul_bytes);
    read_limit = 0;
  }

  /* a white-space prefix as long as the cap means TEXT when the cap is
   * reached before the first other byte is read, which depends on read
   * sizes; below the cap the choice is exact */
  int exact = space_prefix(data, size) < MAX_RECORD;
  for (int f = 0; f < WINNOW_FORMAT_COUNT_; f++) {
    if (f == WINNOW_FORMAT_AUTO && !exact)
      continue;
    FUZZ_CHECK(whole[f].n == piece[f].n && whole[f].hash == piece[f].hash);
  }
  if (exact) { /* AUTO reads the input exactly as one of the formats */
    int same = 0;
    for (int f = WINNOW_FORMAT_TEXT; f < WINNOW_FORMAT_COUNT_; f++)
      same |= whole[WINNOW_FORMAT_AUTO].hash == whole[f].hash;
    FUZZ_CHECK(same);
  }
  if (fuzz_faults_for(data, size))
    fault_passes(&whole[WINNOW_FORMAT_AUTO], data, size, nul_bytes);
  return 0;
}
