/* test_warc.c - the WARC reader (src/io/wn_warc.h) over the corpus that
 * tests/warc/gen_warc.py writes into a temporary directory: the WARC 1.1
 * specification's records in every container, Common Crawl and raw-payload
 * layouts, one malformed file per error class, bombs. Checks records, ids,
 * payload bytes, error classes, offsets, recovery after errors, bounded
 * work on bombs, and that 1-, 7-, 4096-byte and whole feeds give the same
 * events.
 *
 *   test_warc                 run the tests
 *   test_warc --dump FILE [N] print the events of FILE fed in N-byte pieces */
#include <dirent.h>
#include <inttypes.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include "check.h"
#include "io/wn_gzmember_codec.h"
#include "io/wn_warc.h"

static const char *dir; /* check_tmpdir("warc") */
static int have_zstd;

/* ------------------------------------------------------------------------ */
/* Reading a file into a list of events                                      */
/* ------------------------------------------------------------------------ */

typedef struct ev {
  wn_warc_type type;
  wn_warc_err err;
  char id[100], uri[100], date[40], ctype[80], charset[32], cce[32], msg[256];
  uint64_t off, uoff, err_off, cl;
  int version, status;
  uint32_t decoded, lf_only;
  char *block, *payload; /* copies */
  size_t block_len, payload_len, n_headers;
} ev;

typedef struct run {
  ev *e;
  size_t n;
  wn_warc_stats stats;
  winnow_status last;
  char *sum; /* every event as text, for comparing feeds */
} run;

static char *dup_bytes(const char *p, size_t n) {
  if (!p)
    return NULL;
  char *d = malloc(n + 1);
  memcpy(d, p, n);
  d[n] = 0;
  return d;
}

static uint64_t fnv(const char *p, size_t n) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; p && i < n; i++)
    h = (h ^ (unsigned char)p[i]) * 1099511628211ull;
  return h;
}

static void copy_str(char *dst, size_t cap, const char *s) {
  snprintf(dst, cap, "%s", s ? s : "(null)");
}

static void take(run *r, const wn_warc_record *rec) {
  r->e = realloc(r->e, (r->n + 1) * sizeof *r->e);
  ev *e = &r->e[r->n++];
  memset(e, 0, sizeof *e);
  e->type = rec->type;
  e->err = rec->err;
  copy_str(e->id, sizeof e->id, rec->id);
  copy_str(e->uri, sizeof e->uri, rec->target_uri);
  copy_str(e->date, sizeof e->date, rec->date);
  copy_str(e->ctype, sizeof e->ctype, rec->http_content_type);
  copy_str(e->charset, sizeof e->charset, rec->http_charset);
  copy_str(e->cce, sizeof e->cce, rec->crawler_content_encoding);
  copy_str(e->msg, sizeof e->msg, rec->errmsg);
  e->off = rec->offset;
  e->uoff = rec->uoffset;
  e->err_off = rec->err_offset;
  e->cl = rec->content_length;
  e->version = rec->version;
  e->status = rec->http_status;
  e->decoded = rec->http_decoded;
  e->lf_only = rec->lf_only;
  e->n_headers = rec->n_headers;
  e->block = dup_bytes(rec->block, rec->block_len);
  e->block_len = rec->block_len;
  e->payload = dup_bytes(rec->payload, rec->payload_len);
  e->payload_len = rec->payload_len;
}

static void summarise(run *r) {
  size_t cap = 256 * (r->n + 1), len = 0;
  r->sum = malloc(cap);
  r->sum[0] = 0;
  for (size_t i = 0; i < r->n; i++) {
    ev *e = &r->e[i];
    len += (size_t)snprintf(r->sum + len, cap - len,
                            "%d %d %s %s %" PRIu64 " %" PRIu64 " %" PRIu64 " %zu %016" PRIx64
                            " %zu %016" PRIx64 " %d %u %u\n",
                            e->type, e->err, e->id, e->uri, e->off, e->uoff, e->err_off,
                            e->block_len, fnv(e->block, e->block_len), e->payload_len,
                            fnv(e->payload, e->payload_len), e->status, e->decoded, e->lf_only);
  }
  snprintf(r->sum + len, cap - len, "last=%d records=%" PRIu64 "\n", r->last, r->stats.records);
}

static void drain(wn_warc *w, run *r) {
  wn_warc_record rec;
  while ((r->last = wn_warc_next(w, &rec)) == WINNOW_OK)
    take(r, &rec);
}

static char *slurp(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  struct stat sb;
  fstat(fileno(f), &sb);
  char *p = malloc((size_t)sb.st_size + 1);
  *n = fread(p, 1, (size_t)sb.st_size, f);
  fclose(f);
  return p;
}

static const char *path_of(const char *name) {
  return name[0] == '/' || name[0] == '.' ? name : check_tmppath(name);
}

/* Feed data[0..n) in chunk-byte pieces (0: all at once). */
static run read_mem(const char *data, size_t n, size_t chunk, const wn_warc_config *cfg) {
  run r = {0};
  wn_warc *w = wn_warc_new(cfg);
  if (!w) {
    printf("FAIL: out of memory\n");
    exit(2);
  }
  for (size_t i = 0; i < n;) {
    size_t want = chunk ? WN_MIN(chunk, n - i) : n - i;
    size_t k = wn_warc_feed(w, data + i, want);
    i += k;
    drain(w, &r);
    if (k == 0 && r.last != WINNOW_END)
      break; /* the reader failed (out of memory): it takes no more */
  }
  wn_warc_finish(w);
  drain(w, &r);
  wn_warc_get_stats(w, &r.stats);
  wn_warc_free(w);
  summarise(&r);
  return r;
}

static run read_chunked(const char *name, size_t chunk, const wn_warc_config *cfg) {
  size_t n;
  char *data = slurp(path_of(name), &n);
  if (!data) {
    printf("FAIL: cannot read %s\n", name);
    exit(2);
  }
  run r = read_mem(data, n, chunk, cfg);
  free(data);
  return r;
}

static run read_file(const char *name, const wn_warc_config *cfg) {
  return read_chunked(name, 4096, cfg);
}

static void run_free(run *r) {
  for (size_t i = 0; i < r->n; i++) {
    free(r->e[i].block);
    free(r->e[i].payload);
  }
  free(r->e);
  free(r->sum);
  memset(r, 0, sizeof *r);
}

/* The expected payload of record k of file name, written by the generator. */
static int payload_is(const char *name, int k, const ev *e) {
  char pname[256];
  size_t n;
  snprintf(pname, sizeof pname, "%s.payload.%d", name, k);
  char *want = slurp(path_of(pname), &n);
  int ok = want && e->payload && e->payload_len == n && memcmp(want, e->payload, n) == 0;
  if (!ok)
    printf("  payload %d of %s: %zu bytes, want %zu\n", k, name, e->payload_len, want ? n : 0);
  free(want);
  return ok;
}

static void dump(const char *path, size_t chunk) {
  run r = read_chunked(path, chunk, NULL);
  for (size_t i = 0; i < r.n; i++) {
    ev *e = &r.e[i];
    printf("#%zu %s err=%s off=%" PRIu64 " uoff=%" PRIu64 " id=%s uri=%s block=%zu payload=%zu "
           "status=%d decoded=%u lf=%u msg=%s\n",
           i + 1, wn_warc_type_name(e->type), wn_warc_err_name(e->err), e->off, e->uoff, e->id,
           e->uri, e->block_len, e->payload_len, e->status, e->decoded, e->lf_only, e->msg);
  }
  printf("last=%s records=%" PRIu64 " bytes_in=%" PRIu64 " bytes_out=%" PRIu64 " members=%" PRIu64
         "\n",
         winnow_status_name(r.last), r.stats.records, r.stats.bytes_in, r.stats.bytes_out,
         r.stats.members);
  run_free(&r);
}

/* ------------------------------------------------------------------------ */
/* Golden files                                                              */
/* ------------------------------------------------------------------------ */

static const wn_warc_type SPEC_TYPES[8] = {
    WN_WARC_WARCINFO, WN_WARC_REQUEST, WN_WARC_RESPONSE,   WN_WARC_RESOURCE,
    WN_WARC_METADATA, WN_WARC_REVISIT, WN_WARC_CONVERSION, WN_WARC_CONTINUATION};
static const char *const SPEC_IDS[8] = {"<urn:uuid:d7ae5c10-e6b3-4d27-967d-34780c58ba39>",
                                        "<urn:uuid:4885803b-eebd-4b27-a090-144450c11594>",
                                        "<urn:uuid:92283950-ef2f-4d72-b224-f54c6ec90bb0>",
                                        "<urn:uuid:23200706-de3e-3c61-a131-g65d7fd80cc1>",
                                        "<urn:uuid:16da6da0-bcdc-49c3-927e-57494593b943>",
                                        "<urn:uuid:a9c51e3e-0221-11e7-bf66-0242ac120005>",
                                        "<urn:uuid:e7c9eff8-f5bc-4aeb-b3d2-9d3df99afb30>",
                                        "<urn:uuid:70653950-a77f-b212-e434-7a7c6ec909ef>"};

static void check_spec_records(const char *name, const run *r) {
  CHECK(r->n == 8);
  CHECK(r->last == WINNOW_END);
  for (size_t i = 0; i < 8 && i < r->n; i++) {
    const ev *e = &r->e[i];
    CHECK(e->err == WN_WARC_OK);
    CHECK(e->type == SPEC_TYPES[i]);
    CHECK_STR(e->id, SPEC_IDS[i]);
    CHECK(e->version == 11);
    CHECK(payload_is(name, (int)i + 1, e));
  }
  if (r->n < 8)
    return;
  CHECK_STR(r->e[0].uri, "");
  CHECK_STR(r->e[2].uri, "http://www.archive.org/images/logoc.jpg");
  CHECK_STR(r->e[2].date, "2016-09-19T17:20:24Z");
  CHECK(r->e[2].status == 200);
  CHECK_STR(r->e[2].ctype, "image/jpeg");
  CHECK(r->e[2].decoded == 0);
  CHECK(r->e[1].status == 0); /* requests are not parsed as responses */
  CHECK(r->stats.records == 8);
  for (int t = WN_WARC_WARCINFO; t <= WN_WARC_CONTINUATION; t++)
    CHECK(r->stats.by_type[t] == 1);
}

/* Plain: offsets point at each "WARC/1.1" line. */
static void test_spec_plain(void) {
  run r = read_file("spec.warc", NULL);
  check_spec_records("spec.warc", &r);
  size_t n;
  char *data = slurp(path_of("spec.warc"), &n);
  for (size_t i = 0; i < r.n; i++) {
    CHECK(r.e[i].off < n && memcmp(data + r.e[i].off, "WARC/1.1\r\n", 10) == 0);
    CHECK(r.e[i].off == r.e[i].uoff);
  }
  CHECK(r.n && r.e[0].off == 0);
  CHECK(r.stats.bytes_in == n && r.stats.bytes_out == n);
  CHECK(r.stats.lf_only_lines == 0);
  free(data);
  run_free(&r);
}

/* Members and frames: each record's offset is its member's; the
 * decompressed offsets equal the plain file's offsets. */
static void test_spec_compressed(const char *name, int whole, const char *magic) {
  run plain = read_file("spec.warc", NULL), r = read_file(name, NULL);
  check_spec_records(name, &r);
  size_t n;
  char *data = slurp(path_of(name), &n);
  for (size_t i = 0; i < r.n && i < plain.n; i++) {
    CHECK(r.e[i].uoff == plain.e[i].off);
    CHECK(whole ? r.e[i].off == 0 : (i == 0 || r.e[i].off > r.e[i - 1].off));
    CHECK(r.e[i].off < n && memcmp(data + r.e[i].off, magic, 2) == 0);
  }
  CHECK(r.stats.members == (whole ? 1u : 8u));
  CHECK(r.stats.bytes_in == n);
  CHECK(r.stats.bytes_out == plain.stats.bytes_out);
  free(data);
  run_free(&plain);
  run_free(&r);
}

static void test_spec10(void) {
  run r = read_file("spec10.warc", NULL);
  CHECK(r.n == 3);
  for (size_t i = 0; i < r.n; i++) {
    CHECK(r.e[i].err == WN_WARC_OK);
    CHECK(r.e[i].version == 10);
    CHECK(payload_is("spec10.warc", (int)i + 1, &r.e[i]));
  }
  /* the folded X-Note field is joined with one space */
  wn_warc *w = wn_warc_new(NULL);
  size_t n;
  char *data = slurp(path_of("spec10.warc"), &n);
  wn_warc_feed(w, data, n);
  wn_warc_finish(w);
  wn_warc_record rec;
  const char *note = NULL;
  while (wn_warc_next(w, &rec) == WINNOW_OK) {
    const wn_hdr *h = wn_scan_find(rec.headers, rec.n_headers, "X-Note");
    if (h)
      note = strdup(h->value);
  }
  CHECK_STR(note, "first part second part");
  free((void *)note);
  free(data);
  wn_warc_free(w);
  run_free(&r);
}

/* Common Crawl: the body is stored decoded; nothing is decoded again. */
static void test_cc(void) {
  run r = read_file("cc.warc.gz", NULL);
  CHECK(r.n == 4);
  for (size_t i = 0; i < r.n; i++) {
    CHECK(r.e[i].err == WN_WARC_OK);
    CHECK(r.e[i].version == 10);
    CHECK(payload_is("cc.warc.gz", (int)i + 1, &r.e[i]));
  }
  if (r.n == 4) {
    CHECK(r.e[2].type == WN_WARC_RESPONSE);
    CHECK(r.e[2].status == 200);
    CHECK_STR(r.e[2].charset, "GBK");
    CHECK_STR(r.e[2].ctype, "text/html; charset=GBK");
    CHECK_STR(r.e[2].cce, "gzip");
    CHECK(r.e[2].decoded == 0);
    CHECK_STR(r.e[2].uri, "https://news.example.cn/news/1.html");
  }
  run_free(&r);
  /* only responses wanted: the rest is skipped and counted by type */
  wn_warc_config cfg = {.want = 1u << WN_WARC_RESPONSE};
  r = read_file("cc.warc.gz", &cfg);
  CHECK(r.n == 1 && r.e[0].type == WN_WARC_RESPONSE);
  CHECK(r.stats.records == 4);
  CHECK(r.stats.skipped[WN_WARC_WARCINFO] == 1 && r.stats.skipped[WN_WARC_REQUEST] == 1);
  CHECK(r.stats.skipped[WN_WARC_METADATA] == 1 && r.stats.skipped[WN_WARC_RESPONSE] == 0);
  CHECK(r.stats.by_type[WN_WARC_RESPONSE] == 1);
  run_free(&r);
  r = read_file("cc.warc.wet.gz", NULL);
  CHECK(r.n == 1 && r.e[0].type == WN_WARC_CONVERSION && r.e[0].err == WN_WARC_OK);
  CHECK(r.n == 1 && payload_is("cc.warc.wet.gz", 1, &r.e[0]));
  run_free(&r);
}

/* Raw payloads: chunked, gzip, deflate (zlib and raw), x-gzip, br, zstd. */
static void test_raw(void) {
  run r = read_file("raw.warc.gz", NULL);
  size_t want = have_zstd ? 7 : 6;
  CHECK(r.n == want);
  for (size_t i = 0; i < r.n; i++) {
    const ev *e = &r.e[i];
    CHECK(e->status == 200);
    if (i == 5 && !wn_codec_have_brotli()) {
      CHECK(e->err == WN_WARC_E_UNSUPPORTED);
      continue;
    }
    CHECK(e->err == WN_WARC_OK);
    CHECK(payload_is("raw.warc.gz", (int)i + 1, e));
  }
  if (r.n >= 5) {
    CHECK(r.e[0].decoded == (WN_HTTP_DECHUNKED | WN_HTTP_DECODED));
    CHECK(r.e[3].decoded == WN_HTTP_DECHUNKED);
    CHECK(r.e[1].decoded == WN_HTTP_DECODED);
    CHECK_STR(r.e[0].charset, "utf-8");
    CHECK_STR(r.e[4].charset, "ISO-8859-1");
  }
  run_free(&r);
}

/* ------------------------------------------------------------------------ */
/* Malformed files                                                           */
/* ------------------------------------------------------------------------ */

#define ID(n) "<urn:uuid:00000000-0000-0000-0000-00000000000" #n ">"

/* The events are exactly: errs[i] (WN_WARC_OK for a good record) with ids
 * ids[i] (NULL: not checked). */
static void expect(const char *name, size_t n, const wn_warc_err *errs, const char *const *ids) {
  run r = read_file(name, NULL);
  int ok = r.n == n;
  for (size_t i = 0; ok && i < n; i++)
    ok = r.e[i].err == errs[i] && (!ids[i] || strcmp(r.e[i].id, ids[i]) == 0);
  CHECK(ok);
  if (!ok) {
    printf("  %s: got %zu events, want %zu:\n", name, r.n, n);
    for (size_t i = 0; i < r.n; i++)
      printf("    %s %s %s\n", wn_warc_err_name(r.e[i].err), r.e[i].id, r.e[i].msg);
  }
  run_free(&r);
}

/* Five records, the third bad with class e (and id, if known). */
static void expect_third_bad(const char *name, wn_warc_err e, int id_known) {
  const wn_warc_err errs[5] = {0, 0, e, 0, 0};
  const char *const ids[5] = {ID(1), ID(2), id_known ? ID(3) : NULL, ID(4), ID(5)};
  expect(name, 5, errs, ids);
}

static void test_gzip_errors(void) {
  /* a wrong CRC: the record decoded fine but its member does not verify */
  expect_third_bad("crc_mid.warc.gz", WN_WARC_E_GZIP_CORRUPT, 1);
  expect_third_bad("corrupt_mid.warc.gz", WN_WARC_E_GZIP_CORRUPT, 1);
  /* cut in half, with the next member right after: its bytes were read as
   * the rest of member 3; the member header among them shows the cut */
  expect_third_bad("trunc_mid.warc.gz", WN_WARC_E_GZIP_TRUNCATED, 1);
  {
    const wn_warc_err errs[5] = {0, 0, 0, 0, WN_WARC_E_GZIP_TRUNCATED};
    const char *const ids[5] = {ID(1), ID(2), ID(3), ID(4), ID(5)};
    expect("trunc_end.warc.gz", 5, errs, ids);
  }
  {
    const wn_warc_err errs[6] = {0, 0, WN_WARC_E_MEMBER_GARBAGE, 0, 0, 0};
    const char *const ids[6] = {ID(1), ID(2), "", ID(3), ID(4), ID(5)};
    expect("garbage_between.warc.gz", 6, errs, ids);
    run r = read_file("garbage_between.warc.gz", NULL);
    size_t n;
    char *data = slurp(path_of("garbage_between.warc.gz"), &n);
    CHECK(r.n == 6 && r.e[2].type == WN_WARC_NONE && r.e[2].off < n &&
          memcmp(data + r.e[2].off, "\0\0JUNK", 6) == 0);
    free(data);
    run_free(&r);
  }
  {
    const wn_warc_err errs[5] = {0, WN_WARC_E_CL_TOO_LONG, 0, 0, 0};
    const char *const ids[5] = {ID(1), ID(2), ID(3), ID(4), ID(5)};
    expect("cl_too_long.warc.gz", 5, errs, ids);
  }
}

static void test_framing_errors(void) {
  expect_third_bad("cl_missing.warc", WN_WARC_E_CL_MISSING, 1);
  expect_third_bad("cl_nonnumeric.warc", WN_WARC_E_CL_NONNUMERIC, 1);
  expect_third_bad("cl_overflow.warc", WN_WARC_E_CL_OVERFLOW, 1);
  expect_third_bad("cl_too_short.warc", WN_WARC_E_CL_TOO_SHORT, 1);
  expect_third_bad("cl_too_long.warc", WN_WARC_E_CL_TOO_LONG, 1);
  expect_third_bad("header_newline.warc", WN_WARC_E_HEADER_NEWLINE, 0);
  /* a bad byte in a framed field: the record is flagged, not lost */
  expect_third_bad("header_bytes.warc", WN_WARC_E_HEADER_BYTES, 1);
  expect_third_bad("header_utf8.warc", WN_WARC_E_HEADER_BYTES, 1);
  run hb = read_file("header_utf8.warc", NULL);
  CHECK(hb.n == 5 && hb.e[2].block_len == 10 && memcmp(hb.e[2].block, "xxxxxxxxxx", 10) == 0);
  CHECK(hb.n == 5 && hb.e[1].block_len > 0 && hb.e[3].block_len > 0);
  run_free(&hb);
  expect_third_bad("version.warc", WN_WARC_E_VERSION, 0);
  expect_third_bad("version_018.warc", WN_WARC_E_VERSION, 0);
  expect_third_bad("line_too_long.warc", WN_WARC_E_LINE_TOO_LONG, 0);
  expect_third_bad("too_many_headers.warc", WN_WARC_E_TOO_MANY_HEADERS, 0);
  {
    const wn_warc_err errs[5] = {0, 0, 0, 0, WN_WARC_E_TRUNCATED};
    const char *const ids[5] = {ID(1), ID(2), ID(3), ID(4), ID(5)};
    expect("cl_too_long_end.warc", 5, errs, ids);
  }
  {
    const wn_warc_err errs[6] = {WN_WARC_E_GARBAGE, 0, 0, 0, 0, 0};
    const char *const ids[6] = {"", ID(1), ID(2), ID(3), ID(4), ID(5)};
    expect("garbage_lead.warc", 6, errs, ids);
  }
  {
    const wn_warc_err errs[1] = {WN_WARC_E_EMPTY};
    const char *const ids[1] = {""};
    expect("empty.warc", 1, errs, ids);
    expect("noise.bin", 1, (const wn_warc_err[]){WN_WARC_E_GARBAGE}, ids);
  }
  run r = read_file("lf_only.warc", NULL);
  CHECK(r.n == 2 && r.e[0].err == WN_WARC_OK && r.e[1].err == WN_WARC_OK);
  /* version line, 3 fields, Content-Length, the empty line, 2 trailer lines */
  CHECK(r.n == 2 && r.e[0].lf_only == 8 && r.e[1].lf_only == 8);
  CHECK(r.stats.lf_only_lines == 16);
  run_free(&r);
  /* the error offset of a too-short Content-Length is where the block went on */
  r = read_file("cl_too_short.warc", NULL);
  size_t n;
  char *data = slurp(path_of("cl_too_short.warc"), &n);
  CHECK(r.n == 5 && r.e[2].err_off > r.e[2].off && r.e[2].err_off < r.e[3].off);
  CHECK(r.n == 5 && memcmp(data + r.e[3].off, "WARC/1.1", 8) == 0);
  free(data);
  run_free(&r);
}

static void test_http_errors(void) {
  const wn_warc_err errs[8] = {0,
                               WN_WARC_E_CHUNKED,
                               WN_WARC_E_ENCODING_LIE,
                               WN_WARC_E_PAYLOAD_CORRUPT,
                               WN_WARC_E_HTTP,
                               WN_WARC_E_UNSUPPORTED,
                               WN_WARC_E_CHUNKED,
                               0};
  const char *const ids[8] = {ID(1), ID(2), ID(3), ID(4), ID(5), ID(6), ID(7), ID(8)};
  expect("http_bad.warc", 8, errs, ids);
  /* an HTTP error keeps the record's block (the framing was fine) */
  run r = read_file("http_bad.warc", NULL);
  CHECK(r.n == 8 && r.e[2].block_len > 0 && r.e[2].status == 200);
  CHECK(r.n == 8 && r.e[2].payload_len > 0); /* the body as stored */
  run_free(&r);
}

static void test_zstd_errors(void) {
  if (!have_zstd)
    return;
  /* zstd gives a block's bytes only once the whole block checks out, so a
   * frame of one block that fails never showed its record: no id */
  const wn_warc_err errs[5] = {0, 0, 0, 0, WN_WARC_E_ZSTD_TRUNCATED};
  const char *const ids[5] = {ID(1), ID(2), ID(3), ID(4), NULL};
  expect("zstd_trunc_end.warc.zst", 5, errs, ids);
  expect_third_bad("zstd_corrupt_mid.warc.zst", WN_WARC_E_ZSTD_CORRUPT, 0);
  expect_third_bad("zstd_trunc_mid.warc.zst", WN_WARC_E_ZSTD_TRUNCATED, 0);
  const wn_warc_err g[6] = {0, 0, WN_WARC_E_MEMBER_GARBAGE, 0, 0, 0};
  const char *const gid[6] = {ID(1), ID(2), "", ID(3), ID(4), ID(5)};
  expect("zstd_garbage_between.warc.zst", 6, g, gid);
  /* WARC-zstd: a dictionary frame first, raw or itself compressed */
  const wn_warc_err ok5[5] = {0, 0, 0, 0, 0};
  const char *const id5[5] = {ID(1), ID(2), ID(3), ID(4), ID(5)};
  expect("dict.warc.zst", 5, ok5, id5);
  expect("dictz.warc.zst", 5, ok5, id5);
  /* without it every frame fails, and each failure is reported */
  const wn_warc_err bad5[5] = {WN_WARC_E_ZSTD_CORRUPT, WN_WARC_E_ZSTD_CORRUPT,
                               WN_WARC_E_ZSTD_CORRUPT, WN_WARC_E_ZSTD_CORRUPT,
                               WN_WARC_E_ZSTD_CORRUPT};
  const char *const none5[5] = {"", "", "", "", ""};
  expect("dict_missing.warc.zst", 5, bad5, none5);
}

/* ------------------------------------------------------------------------ */
/* Brotli (Content-Encoding: br)                                             */
/* ------------------------------------------------------------------------ */

/* Real brotli streams, made once with libbrotlienc 1.0.9 (the test does not
 * link the encoder):
 *   BrotliEncoderCompress(11, 22, BROTLI_MODE_TEXT, strlen(BR_TEXT), BR_TEXT, ...)
 *   BrotliEncoderCompress(11, 24, BROTLI_MODE_GENERIC, 4 MiB of 'a', ...)
 * (gen_warc.py's br record uses stored meta-blocks only: no Huffman codes,
 * no back references). */
static const char BR_TEXT[] = "<html><head><title>br</title></head><body><p>Brotli body, "
                              "brotli body, brotli body.</p></body></html>";
static const unsigned char BR_HTML[57] = {
    0x1b, 0x64, 0x00, 0x30, 0xc4, 0x6d, 0x6c, 0xbe, 0x1c, 0x47, 0x1c, 0xad, 0xe9, 0x0b, 0x82,
    0x22, 0x82, 0x0d, 0x38, 0x70, 0x39, 0xb2, 0x0d, 0x86, 0x89, 0x16, 0xdc, 0x31, 0x8e, 0x5f,
    0xf8, 0xf3, 0x81, 0x36, 0x1f, 0x66, 0xa4, 0xa1, 0x87, 0x04, 0xfb, 0x08, 0x26, 0xdd, 0x23,
    0xae, 0xf2, 0xe6, 0xbb, 0x4e, 0x11, 0x8d, 0x31, 0x82, 0x58, 0xa5, 0x01};
#define BR_BOMB_LEN ((size_t)4 << 20)
static const unsigned char BR_BOMB[14] = {0x9f, 0xff, 0xff, 0x3f, 0xf8, 0x25, 0xc2,
                                          0xe2, 0xb1, 0x40, 0x20, 0xf7, 0xfe, 0x07};
#define BR_CORRUPT_AT 28 /* BR_HTML with this byte zeroed fails to decode */

/* A record (id ID(n)) holding an HTTP response whose body is body[0..n)
 * with the extra HTTP header lines hdrs (each ending in CRLF); appended to
 * *out. With truncated, the record carries WARC-Truncated: length. */
static void add_response(wn_buf *out, int id, const char *hdrs, const void *body, size_t n,
                         int truncated) {
  char head[512], warc[512];
  int hn =
      snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n%s\r\n", hdrs);
  int wn = snprintf(warc, sizeof warc,
                    "WARC/1.1\r\nWARC-Type: response\r\n"
                    "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012d>\r\n"
                    "WARC-Target-URI: https://br.example.org/%d\r\n%s"
                    "Content-Type: application/http;msgtype=response\r\n"
                    "Content-Length: %zu\r\n\r\n",
                    id, id, truncated ? "WARC-Truncated: length\r\n" : "", (size_t)hn + n);
  CHECK(wn_buf_add(out, warc, (size_t)wn) == WINNOW_OK);
  CHECK(wn_buf_add(out, head, (size_t)hn) == WINNOW_OK);
  CHECK(wn_buf_add(out, body, n) == WINNOW_OK);
  CHECK(wn_buf_add(out, "\r\n\r\n", 4) == WINNOW_OK);
}

/* One br record between two good ones: the br record's event. */
static run br_run(const char *hdrs, const void *body, size_t n, int truncated,
                  const wn_warc_config *cfg) {
  wn_buf b;
  wn_buf_init(&b, (size_t)1 << 30);
  static const char ok[] = "<p>identity</p>";
  add_response(&b, 1, "", ok, sizeof ok - 1, 0);
  add_response(&b, 2, hdrs, body, n, truncated);
  add_response(&b, 3, "", ok, sizeof ok - 1, 0);
  run r = read_mem(b.p, b.len, 0, cfg);
  run by7 = read_mem(b.p, b.len, 7, cfg);
  CHECK(strcmp(r.sum, by7.sum) == 0);
  run_free(&by7);
  wn_buf_free(&b);
  CHECK(r.n == 3 && r.e[0].err == WN_WARC_OK && r.e[2].err == WN_WARC_OK);
  CHECK(r.n == 3 && strcmp(r.e[1].id, ID(2)) == 0);
  return r;
}

static void test_brotli(void) {
  CHECK(wn_codec_have_brotli());
  const wn_warc_config small = {.max_record = (size_t)1 << 20};
  /* a real stream decodes, alone and under chunked transfer coding */
  run r = br_run("Content-Encoding: br\r\n", BR_HTML, sizeof BR_HTML, 0, NULL);
  CHECK(r.n == 3 && r.e[1].err == WN_WARC_OK && r.e[1].decoded == WN_HTTP_DECODED);
  CHECK(r.n == 3 && r.e[1].payload_len == strlen(BR_TEXT) &&
        memcmp(r.e[1].payload, BR_TEXT, strlen(BR_TEXT)) == 0);
  run_free(&r);
  char chunked[256];
  int cn = snprintf(chunked, sizeof chunked, "%zx\r\n", sizeof BR_HTML);
  memcpy(chunked + cn, BR_HTML, sizeof BR_HTML);
  memcpy(chunked + cn + sizeof BR_HTML, "\r\n0\r\n\r\n", 7);
  r = br_run("Transfer-Encoding: chunked\r\nContent-Encoding: br\r\n", chunked,
             (size_t)cn + sizeof BR_HTML + 7, 0, NULL);
  CHECK(r.n == 3 && r.e[1].err == WN_WARC_OK &&
        r.e[1].decoded == (WN_HTTP_DECHUNKED | WN_HTTP_DECODED));
  CHECK(r.n == 3 && r.e[1].payload_len == strlen(BR_TEXT));
  run_free(&r);
  /* 14 bytes that decode to 4 MiB: under the default cap it is a page... */
  r = br_run("Content-Encoding: br\r\n", BR_BOMB, sizeof BR_BOMB, 0, NULL);
  CHECK(r.n == 3 && r.e[1].err == WN_WARC_OK && r.e[1].payload_len == BR_BOMB_LEN);
  CHECK(r.n == 3 && r.e[1].payload[0] == 'a' && r.e[1].payload[BR_BOMB_LEN - 1] == 'a');
  run_free(&r);
  /* ... over a 1 MiB cap a bomb, and the records around it survive */
  r = br_run("Content-Encoding: br\r\n", BR_BOMB, sizeof BR_BOMB, 0, &small);
  CHECK(r.n == 3 && r.e[1].err == WN_WARC_E_BOMB);
  CHECK(r.stats.errors[WN_WARC_E_BOMB] == 1);
  run_free(&r);
  /* a corrupt stream, a cut one, and bytes that are no brotli at all */
  unsigned char bad[sizeof BR_HTML];
  memcpy(bad, BR_HTML, sizeof bad);
  bad[BR_CORRUPT_AT] = 0;
  r = br_run("Content-Encoding: br\r\n", bad, sizeof bad, 0, NULL);
  CHECK(r.n == 3 && r.e[1].err == WN_WARC_E_PAYLOAD_CORRUPT);
  CHECK(r.n == 3 && r.e[1].payload_len == sizeof bad); /* the body as stored */
  run_free(&r);
  r = br_run("Content-Encoding: br\r\n", BR_HTML, 30, 0, NULL);
  CHECK(r.n == 3 && r.e[1].err == WN_WARC_E_PAYLOAD_CORRUPT);
  run_free(&r);
  /* WARC-Truncated: the cut stream is decoded as far as it goes */
  r = br_run("Content-Encoding: br\r\n", BR_HTML, 30, 1, NULL);
  CHECK(r.n == 3 && r.e[1].err == WN_WARC_OK && r.e[1].payload_len < strlen(BR_TEXT) &&
        memcmp(r.e[1].payload, BR_TEXT, r.e[1].payload_len) == 0);
  run_free(&r);
  static const char plain[] = "<html><body>not brotli</body></html>";
  r = br_run("Content-Encoding: br\r\n", plain, sizeof plain - 1, 0, NULL);
  CHECK(r.n == 3 && r.e[1].err == WN_WARC_E_PAYLOAD_CORRUPT);
  run_free(&r);
}

/* ------------------------------------------------------------------------ */
/* A corrupt gzip member gives the same bytes whatever the heap held         */
/* ------------------------------------------------------------------------ */

/* The first 118 bytes of a gzip member fuzz_warc made: a WARC header, then
 * a distance that reaches before the member's start. ISA-L 2.30 writes
 * bytes of its window (in its state struct) to the output before it
 * reports ISAL_INVALID_LOOKBACK; with the state from malloc they were
 * whatever the heap held, so the events of a corrupt member changed from
 * run to run (fuzz_warc: the same input fed in pieces and whole gave
 * different events). The state is now allocated zeroed. */
static const unsigned char BAD_DISTANCE[118] = {
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x0b, 0x77, 0x0c, 0x72, 0xd6,
    0x37, 0xd4, 0x33, 0xe4, 0xe5, 0x0a, 0x07, 0xb2, 0x74, 0x43, 0x2a, 0x0b, 0x52, 0xad, 0x14,
    0xca, 0x13, 0x8b, 0x92, 0x33, 0xf3, 0xd2, 0xf2, 0xa1, 0x82, 0x41, 0xa9, 0xc9, 0xf9, 0x45,
    0x29, 0xba, 0x9e, 0x2e, 0x56, 0x0a, 0x36, 0xa5, 0x45, 0x79, 0x56, 0xa5, 0xa5, 0x99, 0x29,
    0x56, 0x06, 0x50, 0xa0, 0x8b, 0x85, 0x80, 0x02, 0x43, 0x3b, 0x5e, 0x2e, 0xe7, 0xfc, 0xbc,
    0x92, 0xd4, 0xbc, 0x12, 0xa8, 0xc1, 0x89, 0x05, 0x05, 0x39, 0x99, 0xc9, 0x89, 0x25, 0x99,
    0xf9, 0x79, 0xfa, 0x20, 0x4b, 0x74, 0xd3, 0x32, 0x53, 0x73, 0xff, 0x8a, 0x11, 0xca, 0x7c,
    0x52, 0xf3, 0xd2, 0x4b, 0x32, 0xac, 0x14, 0x4c, 0xcc, 0x78, 0xb9, 0x78, 0xb9,
};

/* Inflate BAD_DISTANCE with glibc filling what malloc returns with ~perturb
 * (M_PERTURB; a no-op under ASan, whose malloc fills memory itself). */
static size_t inflate_dirty(int perturb, char *out, size_t cap) {
  mallopt(M_PERTURB, perturb);
  wn_codec *c = wn_codec_new(WN_CODEC_GZIP);
  mallopt(M_PERTURB, 0);
  size_t in_n = sizeof BAD_DISTANCE, out_n = cap;
  const char *why;
  CHECK(c && wn_codec_run(c, BAD_DISTANCE, &in_n, out, &out_n, &why) == WN_CODEC_FAIL);
  wn_codec_free(c);
  return out_n;
}

static void test_gzip_bad_distance(void) {
  char a[4096], b[4096];
  size_t na = inflate_dirty(0x54, a, sizeof a); /* malloc gives 0xAB bytes */
  size_t nb = inflate_dirty(0x01, b, sizeof b); /* ... 0xFE bytes */
  CHECK(na == nb && memcmp(a, b, na) == 0);
  CHECK(memchr(a, 0xAB, na) == NULL && memchr(b, 0xFE, nb) == NULL);
}

/* ------------------------------------------------------------------------ */
/* A WARC-zstd dictionary frame too big to load                              */
/* ------------------------------------------------------------------------ */

/* Every feeding gives the same events, and they are errs[0..n). */
static void expect_mem(const char *what, const char *data, size_t len, size_t n,
                       const wn_warc_err *errs) {
  run whole = read_mem(data, len, 0, NULL);
  int ok = whole.n == n;
  for (size_t i = 0; ok && i < n; i++)
    ok = whole.e[i].err == errs[i];
  CHECK(ok);
  if (!ok)
    printf("  %s: %zu events:\n%s", what, whole.n, whole.sum);
  static const size_t CHUNKS[3] = {7, 61, 4096};
  for (int k = 0; k < 3; k++) {
    run part = read_mem(data, len, CHUNKS[k], NULL);
    CHECK(strcmp(whole.sum, part.sum) == 0);
    if (strcmp(whole.sum, part.sum) != 0)
      printf("  %s: %zu-byte feeds differ:\n--- whole\n%s--- chunked\n%s", what, CHUNKS[k],
             whole.sum, part.sum);
    run_free(&part);
  }
  run_free(&whole);
}

/* The dictionary frame opening a file declares more than the reader loads
 * (2 MiB). It used to be skipped as far as the input buffer happened to
 * reach, and the scan for the next frame started there, so the events
 * depended on the feeds (fuzz_warc). It is passed over by its declared
 * size now: what it holds is never read as frames. */
static void test_zstd_big_dict(void) {
  static const char rec[] = "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: " ID(
      1) "\r\n"
         "Content-Length: 5\r\n\r\nhello\r\n\r\n";
  char frame[256];
  size_t fn = ZSTD_compress(frame, sizeof frame, rec, sizeof rec - 1, 3);
  CHECK(!ZSTD_isError(fn));
  if (ZSTD_isError(fn))
    return;
  uint32_t big = ((uint32_t)2 << 20) + 1;
  size_t len = 8 + big + fn;
  char *f = calloc(1, len);
  memcpy(f, "\x5d\x2a\x4d\x18", 4);
  for (int i = 0; i < 4; i++)
    f[4 + i] = (char)(big >> (8 * i));
  memcpy(f + 8 + 1000, frame, fn); /* inside the dictionary: not a frame */
  memcpy(f + 8 + big, frame, fn);  /* after it: the first frame */
  const wn_warc_err skipped[2] = {WN_WARC_E_ZSTD_CORRUPT, WN_WARC_OK};
  expect_mem("big dictionary, then a frame", f, len, 2, skipped);
  /* the declared size runs past the end of the input */
  const wn_warc_err cut[1] = {WN_WARC_E_ZSTD_CORRUPT};
  expect_mem("big dictionary, cut", f, 8 + 1000 + fn + 200, 1, cut);
  free(f);
}

/* Compressed input that holds nothing: one "empty" event, as a zero-byte
 * input gets, so the input is not passed over in silence. */
static void test_empty_members(void) {
  static const char empty_gz[] = "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03"
                                 "\x03\x00\x00\x00\x00\x00\x00\x00\x00\x00";
  char three[3 * 20];
  for (int i = 0; i < 3; i++)
    memcpy(three + 20 * i, empty_gz, 20);
  const wn_warc_err empty[1] = {WN_WARC_E_EMPTY};
  expect_mem("three empty gzip members", three, sizeof three, 1, empty);
  char frame[64];
  size_t fn = ZSTD_compress(frame, sizeof frame, "", 0, 3);
  CHECK(!ZSTD_isError(fn));
  if (!ZSTD_isError(fn))
    expect_mem("an empty zstd frame", frame, fn, 1, empty);
}

/* ------------------------------------------------------------------------ */
/* Caps at their largest                                                     */
/* ------------------------------------------------------------------------ */

/* SIZE_MAX caps mean no caps. They used to overflow the sizes computed from
 * them: the block buffer, capped at SIZE_MAX, got no room and was written
 * past its end (ASan: heap-buffer-overflow in wn_buf_add from on_block). */
static void test_huge_caps(void) {
  static const char rec[] = "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: " ID(
      1) "\r\n"
         "Content-Type: application/http;msgtype=response\r\n"
         "Content-Length: 56\r\n\r\n"
         "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n"
         "hello world\r\n\r\n";
  const wn_warc_config huge[3] = {{.max_record = SIZE_MAX},
                                  {.max_line = SIZE_MAX, .max_headers = SIZE_MAX},
                                  {SIZE_MAX, SIZE_MAX, SIZE_MAX, 0, 0}};
  for (int i = 0; i < 3; i++) {
    run r = read_mem(rec, sizeof rec - 1, 0, &huge[i]);
    CHECK(r.n == 1 && r.e[0].err == WN_WARC_OK && r.e[0].status == 200);
    CHECK(r.n == 1 && r.e[0].payload_len == 11 && memcmp(r.e[0].payload, "hello world", 11) == 0);
    run_free(&r);
  }
}

/* Caps at their smallest: a header-line cap below the length of
 * "WARC/1." used to end the run with a false out-of-memory error (the
 * resync puts those 7 bytes in the line buffer, capped at max_line + 2).
 * Every record must be read and reported as a too-long line, whatever the
 * cap and however the input is cut. */
static void test_tiny_line_caps(void) {
  static const size_t caps[] = {1, 2, 3, 4, 5, 7, 8, 16};
  static const size_t chunks[] = {1, 7, 0};
  for (size_t i = 0; i < WN_ARRAY_LEN(caps); i++)
    for (size_t k = 0; k < WN_ARRAY_LEN(chunks); k++) {
      wn_warc_config cfg = {.max_line = caps[i]};
      run r = read_chunked("spec.warc", chunks[k], &cfg);
      int all = r.n == 8;
      for (size_t j = 0; j < r.n; j++)
        all &= r.e[j].err == WN_WARC_E_LINE_TOO_LONG;
      if (!all || r.last != WINNOW_END)
        printf("  max_line %zu, chunk %zu: %zu events, last %s\n", caps[i], chunks[k], r.n,
               winnow_status_name(r.last));
      CHECK(all && r.last == WINNOW_END);
      run_free(&r);
    }
}

/* ------------------------------------------------------------------------ */
/* Bombs: the work stops at the cap                                          */
/* ------------------------------------------------------------------------ */

static long max_rss_kb(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

/* Records 1 and 3 survive, the bomb is reported with class e, and no more
 * than limit bytes were decompressed. */
static void check_bomb(const char *name, wn_warc_err e, int bomb_has_id, uint64_t limit,
                       const wn_warc_config *cfg) {
  run r = read_file(name, cfg);
  size_t n = r.n;
  CHECK(n == 3);
  if (n == 3) {
    CHECK(r.e[0].err == WN_WARC_OK && strcmp(r.e[0].id, ID(1)) == 0);
    CHECK(r.e[1].err == e);
    CHECK(!bomb_has_id || strcmp(r.e[1].id, ID(2)) == 0);
    CHECK(r.e[2].err == WN_WARC_OK && strcmp(r.e[2].id, ID(3)) == 0);
  }
  if (n != 3 || r.stats.bytes_out > limit)
    printf("  %s: %zu events, %" PRIu64 " bytes out (limit %" PRIu64 ")\n", name, n,
           r.stats.bytes_out, limit);
  CHECK(r.stats.bytes_out <= limit);
  run_free(&r);
}

static void test_bombs(void) {
  const size_t cap = (size_t)1 << 20;
  wn_warc_config small = {.max_record = cap};
  uint64_t budget = cap + (uint64_t)(WN_WARC_DEFAULT_MAX_LINE + 2) * 258 + 4 + 16384;
  long before = max_rss_kb();
  check_bomb("bomb.warc.gz", WN_WARC_E_RECORD_TOO_BIG, 1, budget, &small);
  /* a short record, and its member goes on with 200 MB of zeros: they are
   * no record (garbage), and the member stops at the cap (bomb) */
  const wn_warc_err tail[5] = {0, 0, WN_WARC_E_GARBAGE, WN_WARC_E_BOMB, 0};
  const char *const tid[5] = {ID(1), ID(2), "", "", ID(3)};
  run r = read_file("bomb_tail.warc.gz", &small);
  int ok = r.n == 5;
  for (size_t i = 0; ok && i < 5; i++)
    ok = r.e[i].err == tail[i] && strcmp(r.e[i].id, tid[i]) == 0;
  CHECK(ok);
  CHECK(r.stats.bytes_out <= budget + 1024);
  run_free(&r);
  /* payload bombs: the decoder's output buffer is capped */
  check_bomb("payload_bomb.warc", WN_WARC_E_BOMB, 1, 1u << 20, &small);
  if (have_zstd) {
    check_bomb("bomb.warc.zst", WN_WARC_E_RECORD_TOO_BIG, 1, budget, &small);
    check_bomb("payload_bomb_zstd.warc", WN_WARC_E_BOMB, 1, 1u << 20, &small);
  }
  /* 200 MB would have been inflated five times over without the caps */
  long grown_mb = (max_rss_kb() - before) / 1024;
  if (grown_mb >= 64)
    printf("  bombs grew the peak RSS by %ld MB\n", grown_mb);
  CHECK(grown_mb < 64);
  /* the default cap (64 MiB) holds too */
  check_bomb("payload_bomb.warc", WN_WARC_E_BOMB, 1, 1u << 20, NULL);
}

/* ------------------------------------------------------------------------ */
/* Chunk invariance                                                          */
/* ------------------------------------------------------------------------ */

static int is_input(const char *name) {
  return strstr(name, ".payload.") == NULL && strcmp(name, "HAVE_ZSTD") != 0;
}

static void test_chunk_invariance(void) {
  DIR *d = opendir(dir);
  struct dirent *de;
  wn_warc_config cfg = {.max_record = (size_t)1 << 20};
  static const size_t CHUNKS[3] = {1, 7, 4096};
  int files = 0;
  while (d && (de = readdir(d)) != NULL) {
    if (de->d_name[0] == '.' || !is_input(de->d_name))
      continue;
    run whole = read_chunked(de->d_name, 0, &cfg);
    for (int k = 0; k < 3; k++) {
      run part = read_chunked(de->d_name, CHUNKS[k], &cfg);
      int same = strcmp(whole.sum, part.sum) == 0;
      CHECK(same);
      if (!same)
        printf("  %s: %zu-byte feeds differ:\n--- whole\n%s--- chunked\n%s", de->d_name, CHUNKS[k],
               whole.sum, part.sum);
      run_free(&part);
    }
    run_free(&whole);
    files++;
  }
  if (d)
    closedir(d);
  CHECK(files >= 40);
}

/* Feeding stops taking bytes when the buffer is full, and takes again
 * after the events are pulled: the loop in wn_warc.h never stalls. */
static void test_feed_backpressure(void) {
  size_t n;
  char *one = slurp(path_of("spec.warc"), &n);
  size_t reps = (6u << 20) / n + 1, total = reps * n;
  char *big = malloc(total);
  for (size_t i = 0; i < reps; i++)
    memcpy(big + i * n, one, n);
  wn_warc *w = wn_warc_new(NULL);
  wn_warc_record rec;
  size_t i = 0, records = 0, stalls = 0;
  while (i < total && stalls < 3) {
    size_t k = wn_warc_feed(w, big + i, total - i);
    stalls = k ? 0 : stalls + 1;
    i += k;
    while (wn_warc_next(w, &rec) == WINNOW_OK)
      records += rec.err == WN_WARC_OK;
  }
  wn_warc_finish(w);
  while (wn_warc_next(w, &rec) == WINNOW_OK)
    records += rec.err == WN_WARC_OK;
  CHECK(i == total);
  CHECK(records == reps * 8);
  wn_warc_free(w);
  free(big);
  free(one);
}

/* ------------------------------------------------------------------------ */
/* Scanners                                                                  */
/* ------------------------------------------------------------------------ */

static void test_scan(void) {
  uint64_t v;
  size_t used;
  CHECK(wn_scan_u64(" 42 ", 4, &v) == WN_SCAN_OK && v == 42);
  CHECK(wn_scan_u64("18446744073709551615", 20, &v) == WN_SCAN_OK && v == UINT64_MAX);
  CHECK(wn_scan_u64("18446744073709551616", 20, &v) == WN_SCAN_OVERFLOW);
  CHECK(wn_scan_u64("-1", 2, &v) == WN_SCAN_NOT_NUMBER);
  CHECK(wn_scan_u64("  ", 2, &v) == WN_SCAN_EMPTY);
  CHECK(wn_scan_hex_u64("1aF;x", 5, &v, &used) == WN_SCAN_OK && v == 0x1af && used == 3);
  CHECK(wn_scan_hex_u64("g", 1, &v, &used) == WN_SCAN_NOT_NUMBER);
  CHECK(wn_scan_hex_u64("11111111111111111", 17, &v, &used) == WN_SCAN_OVERFLOW);
  wn_hdr h;
  CHECK(wn_scan_header("Name:  v a l  ", 14, &h) == WN_SCAN_OK && h.value_len == 5 &&
        memcmp(h.value, "v a l", 5) == 0 && h.name_len == 4);
  CHECK(wn_scan_header("Na me: v", 8, &h) == WN_SCAN_BAD_NAME);
  CHECK(wn_scan_header("no colon", 8, &h) == WN_SCAN_NO_COLON);
  CHECK(wn_scan_value("a\tb", 3, 1) == WN_SCAN_OK);
  CHECK(wn_scan_value("a\rb", 3, 1) == WN_SCAN_CTL);
  CHECK(wn_scan_value("\xc3\xa9", 2, 1) == WN_SCAN_OK);
  CHECK(wn_scan_value("\xc3\x28", 2, 1) == WN_SCAN_UTF8);
  CHECK(wn_scan_value("\xc3\x28", 2, 0) == WN_SCAN_OK);
  CHECK(!wn_scan_utf8_valid("\xed\xa0\x80", 3)); /* a surrogate */
  CHECK(!wn_scan_utf8_valid("\xc0\xaf", 2));     /* overlong */
  char cs[16];
  const char *ct = "text/html; q=\"a;b\"; CharSet=\"utf-8\"";
  CHECK(wn_scan_param(ct, strlen(ct), "charset", cs, sizeof cs) && strcmp(cs, "utf-8") == 0);
  CHECK(!wn_scan_param("text/html", 9, "charset", cs, sizeof cs));
  size_t pos = 0, len;
  const char *item;
  int items = 0;
  while (wn_scan_list_next(" gzip, ,br ", 11, &pos, &item, &len))
    items++;
  CHECK(items == 2);
  int lf;
  CHECK(wn_scan_chomp("ab\r\n", 4, &lf) == 2 && !lf);
  CHECK(wn_scan_chomp("ab\n", 3, &lf) == 2 && lf);
}

/* The field-name and value checks (taken a mask bit / eight bytes at a
 * time) against byte-by-byte rules: every byte value, at every place of a
 * 24-byte value. */
static void test_scan_bytes(void) {
  int bad = 0;
  for (int c = 0; c < 256; c++) {
    int alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    int tchar = alnum || (c && strchr("!#$%&'*+-.^_`|~", c));
    char line[6] = {'a', (char)c, 'b', ':', ' ', 'v'};
    wn_hdr h;
    if (c != ':') /* a ':' ends the name "a" there */
      bad += (wn_scan_header(line, 6, &h) == WN_SCAN_OK) != tchar;
    wn_scan_rc want = (c < 0x20 && c != '\t') || c == 0x7F ? WN_SCAN_CTL
                      : c >= 0x80                          ? WN_SCAN_UTF8 /* a lone byte */
                                                           : WN_SCAN_OK;
    for (size_t at = 0; at < 24; at++) {
      char v[24];
      memset(v, 'x', sizeof v);
      v[at] = (char)c;
      bad += wn_scan_value(v, sizeof v, 1) != want;
      bad += wn_scan_value(v, sizeof v, 0) != (want == WN_SCAN_UTF8 ? WN_SCAN_OK : want);
    }
  }
  CHECK(bad == 0);
  CHECK(wn_scan_value("abcdefg\xc3\xa9xyz", 12, 1) == WN_SCAN_OK); /* across a word */
  CHECK(wn_scan_value("abcdefg\xc3", 8, 1) == WN_SCAN_UTF8);
  CHECK(wn_scan_value("\tabcdefghijklmno", 16, 1) == WN_SCAN_OK);
  CHECK(wn_scan_value("abcdefghijklmno\x7f", 16, 0) == WN_SCAN_CTL);
  CHECK(wn_scan_ieq("Content-TYPE", 12, "content-type") &&
        !wn_scan_ieq("Content-Typ", 11, "content-type"));
  CHECK(!wn_scan_ieq("Content-Types", 13, "content-type") && wn_scan_ieq("", 0, ""));
  CHECK(!wn_scan_ieq("a\0", 2, "a") && !wn_scan_ieq("a", 1, ""));
  CHECK(wn_scan_iprefix("Application/HTTP; x", 19, "application/http"));
  CHECK(!wn_scan_iprefix("application/htt", 15, "application/http") && wn_scan_iprefix("x", 0, ""));
}

/* ------------------------------------------------------------------------ */

static int generate(void) {
  const char *gen = "tests/warc/gen_warc.py";
  char cmd[1200], root[512];
  if (access(gen, R_OK) != 0) { /* not run from the repository root */
    snprintf(root, sizeof root, "%s", __FILE__);
    char *cut = strstr(root, "/tests/unit/");
    if (cut)
      *cut = 0;
    snprintf(cmd, sizeof cmd, "/usr/bin/python3 %s/%s %s", root, gen, dir);
  } else {
    snprintf(cmd, sizeof cmd, "/usr/bin/python3 %s %s", gen, dir);
  }
  return system(cmd);
}

int main(int argc, char **argv) {
  if (argc >= 3 && strcmp(argv[1], "--dump") == 0) {
    dump(argv[2], argc > 3 ? (size_t)atol(argv[3]) : 0);
    return 0;
  }
  if (!(dir = check_tmpdir("warc")) || generate() != 0) {
    printf("test_warc: cannot generate the corpus in %s\n", dir ? dir : "a temporary directory");
    return 2;
  }
  size_t n;
  char *hz = slurp(path_of("HAVE_ZSTD"), &n);
  have_zstd = hz && n && hz[0] == '1';
  free(hz);
  test_scan();
  test_scan_bytes();
  test_bombs(); /* first: it watches the peak RSS */
  test_spec_plain();
  test_spec_compressed("spec.warc.gz", 0, "\x1f\x8b");
  test_spec_compressed("spec_whole.warc.gz", 1, "\x1f\x8b");
  if (have_zstd) {
    test_spec_compressed("spec.warc.zst", 0, "\x28\xb5");
    test_spec_compressed("spec_whole.warc.zst", 1, "\x28\xb5");
  }
  test_spec10();
  test_cc();
  test_raw();
  test_gzip_errors();
  test_framing_errors();
  test_http_errors();
  test_zstd_errors();
  test_brotli();
  test_gzip_bad_distance();
  test_zstd_big_dict();
  test_empty_members();
  test_huge_caps();
  test_tiny_line_caps();
  test_feed_backpressure();
  test_chunk_invariance();
  check_tmpdir_remove();
  return check_done("test_warc");
}
