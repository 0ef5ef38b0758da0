/* fuzz_warc.c - fuzz target for the streaming WARC layer (src/io/wn_warc.h:
 * containers, record framing, HTTP parsing and decoding).
 *
 * Input: two header bytes, then the bytes of a WARC file (plain, gzip or
 * zstd: the layer sniffs them).
 *   h[0]  bits 0-5: first feed size (1..64); bit 6: no_http; bit 7: deliver
 *         only response and conversion records (the rest is skipped)
 *   h[1]  second feed size, 1 + h[1] * 17 (1..4336)
 * The file is fed in pieces of the two sizes alternately, draining events
 * after every feed, then again in one piece. Caps are small (record 64 KiB,
 * line 512 bytes, 24 headers) so their paths are reachable with small
 * inputs.
 *
 * Checks, per event: type and err in range, an event that is no record is
 * an error, index counts events, every string field is non-NULL and
 * NUL-terminated, errmsg is "" exactly when err is OK, header spans lie in
 * their buffers, a payload that was not decoded lies inside the block, a
 * decoded one is within the cap, every byte of block and payload is read
 * (so ASan sees an overread), offsets lie in the input. At the end: END
 * sticks, stats.records = record events + skipped, the error counts match
 * the error events, bytes_in is the input size. And chunk invariance
 * (wn_warc.h): both feedings give the same events, compared by a hash over
 * (type, err, id, offsets, status, payload) of each. */
#include <string.h>

#include "fuzz_common.h"
#include "io/wn_warc.h"

#define MAX_RECORD ((size_t)64 << 10)
#define MAX_LINE 512
#define MAX_HEADERS 24

typedef struct pass {
  uint64_t n, records, errors, hash;
  uint64_t ohash;     /* the same without the bytes of error events (fault_run) */
  uint64_t last_uoff; /* of the last record event */
  size_t size;
} pass;

static uint64_t mix_u64(uint64_t h, uint64_t v) {
  return fuzz_mix(h, &v, sizeof v);
}

/* A NUL-terminated string: strlen reads it all. */
static void check_str(const char *s) {
  FUZZ_CHECK(s != NULL);
  (void)strlen(s);
}

static int inside(const char *p, size_t n, const char *base, size_t len) {
  return p >= base && n <= len && (size_t)(p - base) <= len - n;
}

static void check_headers(const wn_warc_record *r) {
  FUZZ_CHECK(r->n_headers <= MAX_HEADERS);
  FUZZ_CHECK(r->n_headers == 0 || r->headers != NULL);
  for (size_t i = 0; i < r->n_headers; i++) {
    const wn_hdr *h = &r->headers[i];
    FUZZ_CHECK(h->name_len > 0 && h->name[h->name_len] == '\0');
    FUZZ_CHECK(h->value[h->value_len] == '\0');
  }
  FUZZ_CHECK(r->n_http_headers <= MAX_HEADERS);
  for (size_t i = 0; i < r->n_http_headers; i++) { /* spans into the block */
    const wn_hdr *h = &r->http_headers[i];
    FUZZ_CHECK(r->block != NULL);
    FUZZ_CHECK(inside(h->name, h->name_len, r->block, r->block_len));
    FUZZ_CHECK(inside(h->value, h->value_len, r->block, r->block_len));
  }
}

static void check_event(pass *ps, const wn_warc_record *r) {
  FUZZ_CHECK((unsigned)r->type < WN_WARC_TYPE_COUNT_);
  FUZZ_CHECK((unsigned)r->err < WN_WARC_E_COUNT_);
  FUZZ_CHECK(r->type != WN_WARC_NONE || r->err != WN_WARC_OK);
  FUZZ_CHECK(r->index == ps->n + 1);
  FUZZ_CHECK(r->version == 0 || r->version == 10 || r->version == 11);
  const char *strs[] = {r->id,
                        r->target_uri,
                        r->date,
                        r->content_type,
                        r->truncated,
                        r->http_content_type,
                        r->http_charset,
                        r->http_content_encoding,
                        r->http_transfer_encoding,
                        r->crawler_content_encoding,
                        r->crawler_transfer_encoding,
                        r->errmsg};
  for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
    check_str(strs[i]);
  FUZZ_CHECK((r->err == WN_WARC_OK) == (r->errmsg[0] == '\0'));
  check_headers(r);
  FUZZ_CHECK(r->offset <= ps->size && r->err_offset <= ps->size);
  FUZZ_CHECK((r->http_decoded & ~(uint32_t)(WN_HTTP_DECHUNKED | WN_HTTP_DECODED)) == 0);
  if (r->block) {
    FUZZ_CHECK(r->block_len <= MAX_RECORD);
    FUZZ_CHECK(r->err != WN_WARC_OK || r->block_len == r->content_length);
  } else {
    FUZZ_CHECK(r->block_len == 0);
  }
  FUZZ_CHECK(r->payload || r->payload_len == 0);
  if (r->payload && !r->http_decoded && r->block)
    FUZZ_CHECK(inside(r->payload, r->payload_len, r->block, r->block_len));
  FUZZ_CHECK(r->payload_len <= MAX_RECORD);
  if (r->type != WN_WARC_NONE) {
    FUZZ_CHECK(r->uoffset >= ps->last_uoff); /* records come in stream order */
    ps->last_uoff = r->uoffset;
    ps->records++;
  }
  ps->errors += r->err != WN_WARC_OK;
  ps->n++;
  uint64_t e = 0xcbf29ce484222325ull; /* what the event is */
  e = mix_u64(e, (uint64_t)r->type << 32 | (uint64_t)r->err);
  e = fuzz_mix(e, r->id, strlen(r->id) + 1);
  e = mix_u64(e, r->offset);
  e = mix_u64(e, r->uoffset);
  e = mix_u64(e, r->err_offset);
  uint64_t f = mix_u64(e, (uint64_t)r->http_status << 32 | r->http_decoded); /* and holds */
  f = mix_u64(f, r->block_len);
  f = fuzz_mix(f, r->block, r->block_len);
  f = mix_u64(f, r->payload_len);
  f = fuzz_mix(f, r->payload, r->payload_len);
  ps->hash = mix_u64(ps->hash, f);
  /* an error event whose bytes a failed allocation dropped is no loss */
  ps->ohash = mix_u64(ps->ohash, r->err == WN_WARC_OK ? f : e);
}

static void drain(wn_warc *w, pass *ps) {
  wn_warc_record rec;
  winnow_status st;
  while ((st = wn_warc_next(w, &rec)) == WINNOW_OK)
    check_event(ps, &rec);
  FUZZ_CHECK(st == WINNOW_END);
}

/* Feed data in pieces of sizes a and b in turn (a == 0: whole). */
static pass run(const wn_warc_config *cfg, const uint8_t *data, size_t size, size_t a, size_t b) {
  pass ps = {.size = size};
  wn_warc *w = wn_warc_new(cfg);
  FUZZ_CHECK(w != NULL);
  for (size_t i = 0, k = 0; i < size; k++) {
    size_t want = a ? WN_MIN(k % 2 ? b : a, size - i) : size - i;
    size_t took = wn_warc_feed(w, data + i, want);
    FUZZ_CHECK(took > 0 && took <= want); /* drained to END: it must take */
    i += took;
    drain(w, &ps);
  }
  wn_warc_finish(w);
  FUZZ_CHECK(wn_warc_feed(w, "x", 1) == 0);
  drain(w, &ps);
  wn_warc_record rec;
  FUZZ_CHECK(wn_warc_next(w, &rec) == WINNOW_END); /* END sticks */

  wn_warc_stats st;
  wn_warc_get_stats(w, &st);
  uint64_t skipped = 0, by_type = 0, errors = 0;
  for (int t = 0; t < WN_WARC_TYPE_COUNT_; t++) {
    skipped += st.skipped[t];
    by_type += st.by_type[t];
    FUZZ_CHECK(st.skipped[t] <= st.by_type[t]);
  }
  for (int e = 0; e < WN_WARC_E_COUNT_; e++)
    errors += st.errors[e];
  FUZZ_CHECK(st.skipped[WN_WARC_NONE] == 0 && st.by_type[WN_WARC_NONE] == 0);
  FUZZ_CHECK(st.records == ps.records + skipped);
  FUZZ_CHECK(st.records == by_type);
  FUZZ_CHECK(st.errors[WN_WARC_OK] == 0);
  FUZZ_CHECK(errors == ps.errors);
  FUZZ_CHECK(st.bytes_in == size);
  FUZZ_CHECK(size > 0 || (ps.n == 1 && st.errors[WN_WARC_E_EMPTY] == 1)); /* "empty" */
  wn_warc_free(w);
  return ps;
}

/* Events until END; under a failing allocation (fault) also NOMEM, which
 * sets *nomem. */
static void drain_faulting(wn_warc *w, pass *ps, int *nomem) {
  wn_warc_record rec;
  winnow_status st;
  while ((st = wn_warc_next(w, &rec)) == WINNOW_OK) {
    check_event(ps, &rec);
    *nomem |= rec.err == WN_WARC_E_NOMEM;
  }
  if (st == WINNOW_ERR_NOMEM)
    *nomem = 1;
  else
    FUZZ_CHECK(st == WINNOW_END);
}

/* The whole feed again with one allocation failing (fuzz_common.h):
 * wn_warc_new may give NULL, a feed may take nothing, wn_warc_next may
 * give NOMEM or an event of class NOMEM; without any of these, the events
 * are those of a normal run (but for the bytes of error events, which an
 * event that failed for another reason first may drop). */
static void fault_run(const wn_warc_config *cfg, const uint8_t *data, size_t size,
                      const pass *whole) {
  if (!fuzz_faults_for(data, size))
    return;
  fuzz_count_begin();
  pass ref = run(cfg, data, size, 0, 0);
  long allocs = fuzz_count_end();
  FUZZ_CHECK(ref.n == whole->n && ref.hash == whole->hash);
  if (!fuzz_fail_begin(data, size, allocs))
    return;
  pass ps = {.size = size};
  int nomem = 0;
  wn_warc *w = wn_warc_new(cfg);
  nomem = w == NULL;
  for (size_t i = 0; w && !nomem && i < size;) {
    size_t took = wn_warc_feed(w, data + i, size - i);
    nomem = took == 0;
    i += took;
    drain_faulting(w, &ps, &nomem);
  }
  if (w && !nomem) {
    wn_warc_finish(w);
    drain_faulting(w, &ps, &nomem);
  }
  wn_warc_free(w);
  int fired = fuzz_fail_end();
  FUZZ_CHECK(!nomem || fired);
  if (!nomem)
    FUZZ_CHECK(ps.n == ref.n && ps.ohash == ref.ohash);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 2)
    return 0;
  wn_warc_config cfg = {.max_record = MAX_RECORD, .max_line = MAX_LINE, .max_headers = MAX_HEADERS};
  cfg.no_http = (data[0] >> 6) & 1;
  if (data[0] & 0x80)
    cfg.want = 1u << WN_WARC_RESPONSE | 1u << WN_WARC_CONVERSION;
  size_t a = 1 + (data[0] & 0x3f), b = 1 + (size_t)data[1] * 17;
  pass cut = run(&cfg, data + 2, size - 2, a, b);
  pass whole = run(&cfg, data + 2, size - 2, 0, 0);
  FUZZ_CHECK(cut.n == whole.n);
  FUZZ_CHECK(cut.hash == whole.hash);
  fault_run(&cfg, data + 2, size - 2, &whole);
  return 0;
}
