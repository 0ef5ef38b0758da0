/* test_reader.c - the record reader (src/io/reader*.c) through the public
 * API: format sniffing, TEXT, HTML and JSONL records, WARC records (every
 * field, every drop reason, the error classes, encoding-lie recovery),
 * malformed lines, caps, streaming across read chunks and pipe writes,
 * I/O errors and allocation failures. Prints one line per failed check and
 * a summary; exits non-zero on any failure. */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <isa-l/igzip_lib.h>
#include <zstd.h>

#include "../../src/common/wn_common.h"
#include "check.h"

static char tmpdir[] = "/tmp/winnow-reader-XXXXXX";
static char made[128][512]; /* files to remove at the end */
static int n_made;

#define TEXT_IS(rec, lit)                                                                          \
  ((rec).text_len == sizeof(lit) - 1 && memcmp((rec).text, lit, sizeof(lit) - 1) == 0)
#define STR_IS(s, lit) ((s) && strcmp((s), lit) == 0)

/* A file in the temporary directory holding n bytes of data. */
static const char *make_file(const char *name, const void *data, size_t n) {
  char *path = made[n_made++];
  snprintf(path, sizeof made[0], "%s/%s", tmpdir, name);
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(data, 1, n, f) != n) {
    printf("FAIL: cannot write %s\n", path);
    exit(2);
  }
  fclose(f);
  return path;
}
#define MAKE(name, lit) make_file(name, lit, sizeof(lit) - 1)

static winnow_reader *open_ok(const char *path, winnow_format f, size_t max) {
  winnow_reader *r = NULL;
  char err[512] = "";
  winnow_status st = winnow_reader_open(path, f, max, &r, err, sizeof err);
  if (st != WINNOW_OK)
    printf("FAIL: open %s: %s\n", path, err);
  CHECK(st == WINNOW_OK && r != NULL);
  return r;
}

/* The reader is at its end, and stays there. */
static void check_end(winnow_reader *r) {
  winnow_record rec;
  CHECK(winnow_reader_next(r, &rec) == WINNOW_END);
  CHECK(winnow_reader_next(r, &rec) == WINNOW_END);
}

static void test_sniff(void) {
  winnow_record rec;
  const char *p = MAKE("sniff.jsonl", "\xEF\xBB\xBF \n\t{\"text\":\"hi\"}\n");
  winnow_reader *r = open_ok(p, WINNOW_FORMAT_AUTO, 0);
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(rec.status == WINNOW_OK && TEXT_IS(rec, "hi"));
  CHECK(rec.index == 2 && rec.offset == 5);
  check_end(r);
  winnow_reader_free(r);

  p = MAKE("sniff.txt", "  hello {\"text\":\"hi\"}\n");
  r = open_ok(p, WINNOW_FORMAT_AUTO, 0);
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(rec.status == WINNOW_OK && STR_IS(rec.id, p) && STR_IS(rec.source, p));
  CHECK(TEXT_IS(rec, "  hello {\"text\":\"hi\"}\n"));
  CHECK(rec.index == 1 && rec.offset == 0 && rec.meta_json == NULL);
  check_end(r);
  winnow_reader_free(r);
}

static void test_text(void) {
  winnow_record rec;
  static const char bytes[] = "a\0b\xff\xc3(\n\0";
  const char *p = make_file("bin.txt", bytes, sizeof bytes - 1);
  winnow_reader *r = open_ok(p, WINNOW_FORMAT_TEXT, 0);
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(rec.status == WINNOW_OK && rec.error == NULL);
  CHECK(rec.text_len == sizeof bytes - 1 && memcmp(rec.text, bytes, sizeof bytes - 1) == 0);
  CHECK(rec.content == WINNOW_CONTENT_PLAIN && rec.type == WINNOW_REC_NONE);
  CHECK(rec.err_class == WINNOW_EC_NONE && rec.drop == WINNOW_DROP_NONE);
  CHECK(rec.url == NULL && rec.content_type == NULL && rec.http_status == 0);
  check_end(r);
  winnow_reader_free(r);

  /* JSON-looking text read as TEXT on request */
  p = MAKE("forced.txt", "{\"text\":\"x\"}\n");
  r = open_ok(p, WINNOW_FORMAT_TEXT, 0);
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(TEXT_IS(rec, "{\"text\":\"x\"}\n"));
  check_end(r);
  winnow_reader_free(r);
}

static void test_text_cap(void) {
  winnow_record rec;
  size_t n = 1000 * 1000; /* spans several read chunks */
  char *big = malloc(n);
  memset(big, 'x', n);
  const char *p = make_file("big.txt", big, n);
  free(big);
  winnow_reader *r = open_ok(p, WINNOW_FORMAT_TEXT, 1000);
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(rec.status == WINNOW_ERR_LIMIT && rec.text_len == 0);
  CHECK(STR_IS(rec.error, "text is larger than the record cap of 1000 bytes"));
  check_end(r);
  winnow_reader_free(r);

  r = open_ok(p, WINNOW_FORMAT_TEXT, n); /* exactly at the cap: fine */
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(rec.status == WINNOW_OK && rec.text_len == n);
  winnow_reader_free(r);
}

static void test_ids(void) {
  winnow_record rec;
  const char *p = MAKE("ids.jsonl", "{\"id\":\"doc-1\",\"text\":\"a\"}\n"
                                    "{\"id\":42,\"text\":\"b\"}\n"
                                    "{\"text\":\"c\"}\n"
                                    "{\"id\":-7.0,\"text\":\"d\"}\n"
                                    "{\"id\":1.5,\"text\":\"e\"}\n"
                                    "{\"x\":{\"id\":[1]},\"id\": 12345678901234567890 ,"
                                    "\"text\":\"f\"}\n"
                                    "{\"id\":true,\"text\":\"g\"}\n"
                                    "{\"id\":\"\",\"text\":\"h\"}\n");
  static const char *const want[] = {"doc-1", "42", NULL, "-7", "1.5", "12345678901234567890",
                                     NULL,    ""};
  char dflt[600];
  winnow_reader *r = open_ok(p, WINNOW_FORMAT_JSONL, 0);
  for (int i = 0; i < 8; i++) {
    CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
    CHECK(rec.status == WINNOW_OK && rec.text_len == 1 && rec.text[0] == 'a' + i);
    snprintf(dflt, sizeof dflt, "%s:%d", p, i + 1);
    CHECK(STR_IS(rec.id, want[i] ? want[i] : dflt));
    if (!STR_IS(rec.id, want[i] ? want[i] : dflt))
      printf("  line %d: id \"%s\"\n", i + 1, rec.id ? rec.id : "(null)");
  }
  check_end(r);
  winnow_reader_free(r);
}

static void test_metadata(void) {
  winnow_record rec;
  const char *p =
      MAKE("meta.jsonl", "{\"text\":\"a\",\"metadata\":{ \"url\" : \"http://x/\\u00e9\","
                         " \"n\": [1, true, null] }}\n"
                         "{\"text\":\"b\",\"metadata\":\"not an object\"}\n");
  winnow_reader *r = open_ok(p, WINNOW_FORMAT_AUTO, 0);
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  static const char want[] = /* the input's own text, numbers untouched */
      "{ \"url\" : \"http://x/\\u00e9\", \"n\": [1, true, null] }";
  CHECK(rec.meta_json_len == sizeof want - 1 && !memcmp(rec.meta_json, want, sizeof want - 1));
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(rec.status == WINNOW_OK && rec.meta_json == NULL && rec.meta_json_len == 0);
  check_end(r);
  winnow_reader_free(r);
}

/* Blank lines, CRLF, offsets and a last line without '\n'. */
static void test_lines(void) {
  winnow_record rec;
  const char *p = MAKE("lines.jsonl", "{\"text\":\"one\"}\r\n"
                                      "\r\n"
                                      "   \t \n"
                                      "{\"text\":\"two\\r\"}\r\n"
                                      "\n"
                                      "{\"text\":\"three\"}");
  winnow_reader *r = open_ok(p, WINNOW_FORMAT_JSONL, 0);
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(TEXT_IS(rec, "one") && rec.index == 1 && rec.offset == 0);
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(TEXT_IS(rec, "two\r") && rec.index == 4 && rec.offset == 24);
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(TEXT_IS(rec, "three") && rec.index == 6 && rec.offset == 43);
  CHECK(rec.status == WINNOW_OK && STR_IS(rec.source, p));
  check_end(r);
  winnow_reader_free(r);
}

static void test_nul_escapes(void) {
  winnow_record rec;
  const char *p = MAKE("nul.jsonl", "{\"text\":\"a\\u0000z\"}\n"
                                    "{\"text\":\"a\\\\u0000z\"}\n"
                                    "{\"text\":\"a\\\\\\u0000z\"}\n"
                                    "{\"text\":\"x\\ud83d\\ude00y\\uD800z\\udc00\"}\n"
                                    "{\"text\":\"\\U0000\\u000A\"}\n");
  winnow_reader *r = open_ok(p, WINNOW_FORMAT_JSONL, 0);
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  /* the text keeps its NULs (cleaning replaces and counts them) */
  CHECK(rec.status == WINNOW_OK && TEXT_IS(rec, "a\0z"));
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(TEXT_IS(rec, "a\\u0000z")); /* an escaped backslash: literal */
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(TEXT_IS(rec, "a\\\0z"));
  /* a surrogate pair is kept, lone surrogates are not */
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(rec.status == WINNOW_OK && TEXT_IS(rec, "x\xF0\x9F\x98\x80y\xEF\xBF\xBDz\xEF\xBF\xBD"));
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK); /* \U is not an escape */
  CHECK(rec.status == WINNOW_ERR_JSON);
  check_end(r);
  winnow_reader_free(r);

  /* raw NULs too, with the escapes around them undone; the metadata's
   * NULs are U+FFFD (it is passed on as JSON text) */
  static const char raw[] = "{\"id\":\"i\\u0000\",\"metadata\":{\"k\":\"\0\"},"
                            "\"text\":\"a\0z\\n\\ud83d\\ude00\\ud800\\u0000\"}\n";
  p = make_file("rawnul.jsonl", raw, sizeof raw - 1);
  r = open_ok(p, WINNOW_FORMAT_JSONL, 0);
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(rec.status == WINNOW_OK && TEXT_IS(rec, "a\0z\n\xF0\x9F\x98\x80\xEF\xBF\xBD\0"));
  CHECK(STR_IS(rec.id, "i\xEF\xBF\xBD"));
  static const char meta[] = "{\"k\":\"\xEF\xBF\xBD\"}";
  CHECK(rec.meta_json_len == sizeof meta - 1 && memcmp(rec.meta_json, meta, sizeof meta - 1) == 0);
  check_end(r);
  winnow_reader_free(r);
}

static void test_bad_lines(void) {
  winnow_record rec;
  const char *p = MAKE("bad.jsonl", "{\"text\": x}\n"
                                    "{\"text\":\"ok1\"}\n"
                                    "[1,2]\n"
                                    "{\"id\":\"n\",\"title\":\"no text\"}\n"
                                    "{\"text\":5}\n"
                                    "{\"text\":\"a\"} trailing\n"
                                    "{\"text\":\"ok2\"}\n");
  winnow_reader *r = open_ok(p, WINNOW_FORMAT_AUTO, 0);
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(rec.status == WINNOW_ERR_JSON && rec.text_len == 0);
  CHECK(STR_IS(rec.error, "line 1: invalid JSON at byte 9"));
  char dflt[600];
  snprintf(dflt, sizeof dflt, "%s:1", p);
  CHECK(STR_IS(rec.id, dflt));
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(rec.status == WINNOW_OK && TEXT_IS(rec, "ok1") && rec.index == 2);
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(rec.status == WINNOW_ERR_JSON);
  CHECK(STR_IS(rec.error, "line 3: not a JSON object"));
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(rec.status == WINNOW_ERR_JSON_TEXT && STR_IS(rec.id, "n"));
  CHECK(STR_IS(rec.error, "line 4: no string field \"text\""));
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(rec.status == WINNOW_ERR_JSON_TEXT);
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(rec.status == WINNOW_ERR_JSON && rec.index == 6);
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(rec.status == WINNOW_OK && TEXT_IS(rec, "ok2") && rec.index == 7);
  check_end(r);
  winnow_reader_free(r);
}

/* One line: {"id":"<id>",<pre>: <n> times open, <mid>, n times close, <post>}. */
static size_t deep_line(char *out, const char *id, const char *pre, const char *open, int n,
                        const char *mid, const char *close, const char *post) {
  size_t o = (size_t)sprintf(out, "{\"id\":\"%s\",%s:", id, pre);
  for (int i = 0; i < n; i++)
    o += (size_t)sprintf(out + o, "%s", open);
  o += (size_t)sprintf(out + o, "%s", mid);
  for (int i = 0; i < n; i++)
    o += (size_t)sprintf(out + o, "%s", close);
  return o + (size_t)sprintf(out + o, "%s}\n", post);
}

/* Nesting past cJSON's cap (1000 levels with the line's own object) is its
 * own class, not invalid-json, where it sits: in a line without "text", in
 * "metadata", in a member winnow does not read. One level less is read. */
static void test_deep_json(void) {
  static char buf[64000];
  size_t n = 0;
  n += deep_line(buf + n, "a", "\"m\"", "[", 1000, "", "]", "");
  n += deep_line(buf + n, "b", "\"text\":\"t\",\"metadata\"", "{\"k\":", 1000, "1", "}", "");
  n += deep_line(buf + n, "c", "\"x\"", "[{\"a\":", 600, "0", "}]", ",\"text\":\"t\"");
  n += deep_line(buf + n, "d", "\"metadata\"", "{\"k\":", 998, "1", "}", ",\"text\":\"t\"");
  n += deep_line(buf + n, "e", "\"s\":\"[[[[[[\",\"m\"", "[", 998, "", "]", ",\"text\":\"t\"");
  n += deep_line(buf + n, "f", "\"m\"", "[", 100, "x", "]", "");
  const char *p = make_file("deep.jsonl", buf, n);
  winnow_reader *r = open_ok(p, WINNOW_FORMAT_JSONL, 0);
  winnow_record rec;
  static const winnow_errclass want[6] = {WINNOW_EC_JSON_TOO_DEEP, WINNOW_EC_JSON_TOO_DEEP,
                                          WINNOW_EC_JSON_TOO_DEEP, WINNOW_EC_NONE,
                                          WINNOW_EC_NONE,          WINNOW_EC_INVALID_JSON};
  for (int i = 0; i < 6; i++) {
    CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
    if (rec.err_class != want[i])
      printf("  deep line %d: %s\n", i + 1, winnow_errclass_str(rec.err_class));
    CHECK(rec.err_class == want[i]);
    CHECK(want[i] != WINNOW_EC_JSON_TOO_DEEP ||
          (rec.status == WINNOW_ERR_LIMIT && strstr(rec.error, "deeper than 1000") != NULL));
  }
  check_end(r);
  winnow_reader_free(r);
}

/* A line over the cap is skipped without buffering it, whether it fits in
 * one read chunk or spans many. */
static void test_line_cap(void) {
  winnow_record rec;
  size_t longn = 700 * 1000;
  size_t n = longn + 200;
  char *data = malloc(n);
  size_t o = (size_t)sprintf(data, "{\"text\":\"%s\"}\n", "0123456789012345");
  size_t long_off = o;
  o += (size_t)sprintf(data + o, "{\"text\":\"");
  memset(data + o, 'x', longn);
  o += longn;
  size_t next_off = o + 3;
  o += (size_t)sprintf(data + o, "\"}\n{\"text\":\"ok\"}\n{\"text\":\"%s\"}",
                       "this one is too long");
  const char *p = make_file("cap.jsonl", data, o);
  free(data);
  winnow_reader *r = open_ok(p, WINNOW_FORMAT_JSONL, 30);
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(rec.status == WINNOW_OK && TEXT_IS(rec, "0123456789012345"));
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(rec.status == WINNOW_ERR_LIMIT && rec.index == 2 && rec.offset == long_off &&
        rec.text_len == 0);
  CHECK(STR_IS(rec.error, "line 2: longer than the record cap of 30 bytes"));
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(rec.status == WINNOW_OK && TEXT_IS(rec, "ok") && rec.index == 3 && rec.offset == next_off);
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(rec.status == WINNOW_ERR_LIMIT && rec.index == 4);
  check_end(r);
  winnow_reader_free(r);

  /* the cap counts the line without its "\r\n" */
  p = MAKE("crcap.jsonl", "{\"text\":\"abc\"}\r\n{\"text\":\"abcd\"}\r\n");
  r = open_ok(p, WINNOW_FORMAT_JSONL, 14);
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(rec.status == WINNOW_OK && TEXT_IS(rec, "abc"));
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(rec.status == WINNOW_ERR_LIMIT && rec.offset == 16);
  check_end(r);
  winnow_reader_free(r);
}

/* Many records across read-chunk boundaries: none lost, offsets exact. */
static void test_stream(void) {
  enum { N = 20000 };
  size_t cap = (size_t)N * 64, o = 0;
  char *data = malloc(cap);
  size_t *offs = malloc(N * sizeof *offs);
  for (int i = 0; i < N; i++) {
    offs[i] = o;
    o += (size_t)sprintf(data + o, "{\"id\":%d,\"text\":\"record %d\"}%s\n", i, i,
                         i % 3 ? "" : "\r");
  }
  const char *p = make_file("stream.jsonl", data, o);
  winnow_reader *r = open_ok(p, WINNOW_FORMAT_AUTO, 0);
  winnow_record rec;
  int good = 0;
  char want[64];
  for (int i = 0; i < N; i++) {
    if (winnow_reader_next(r, &rec) != WINNOW_OK)
      break;
    snprintf(want, sizeof want, "record %d", i);
    good += rec.status == WINNOW_OK && rec.offset == offs[i] && rec.index == (uint64_t)i + 1 &&
            strcmp(rec.text, want) == 0 && rec.text_len == strlen(want) && atoi(rec.id) == i;
  }
  CHECK(good == N);
  check_end(r);
  winnow_reader_free(r);
  free(data);
  free(offs);
}

static void test_stdin(void) {
  const char *p = MAKE("stdin.jsonl", "{\"text\":\"from stdin\"}\n{}\n");
  int saved = dup(0);
  int fd = open(p, O_RDONLY);
  dup2(fd, 0);
  close(fd);
  winnow_reader *r = open_ok("-", WINNOW_FORMAT_AUTO, 0);
  winnow_record rec;
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(TEXT_IS(rec, "from stdin") && STR_IS(rec.source, "-"));
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(rec.status == WINNOW_ERR_JSON_TEXT && STR_IS(rec.id, "-:2"));
  check_end(r);
  winnow_reader_free(r);
  dup2(saved, 0); /* the reader must not have closed fd 0 */
  close(saved);
}

static void test_errors(void) {
  winnow_reader *r = (winnow_reader *)1;
  char err[512] = "";
  char path[600];
  snprintf(path, sizeof path, "%s/does-not-exist", tmpdir);
  CHECK(winnow_reader_open(path, WINNOW_FORMAT_AUTO, 0, &r, err, sizeof err) == WINNOW_ERR_IO);
  CHECK(r == NULL);
  char want[700];
  snprintf(want, sizeof want, "%s: No such file or directory", path);
  CHECK(strcmp(err, want) == 0);

  CHECK(winnow_reader_open(path, WINNOW_FORMAT_AUTO, 0, NULL, err, sizeof err) == WINNOW_ERR_ARG);
  CHECK(winnow_reader_open(NULL, WINNOW_FORMAT_AUTO, 0, &r, NULL, 0) == WINNOW_ERR_ARG);
  CHECK(winnow_reader_open(path, (winnow_format)7, 0, &r, err, sizeof err) == WINNOW_ERR_ARG);
  CHECK(winnow_reader_next(NULL, NULL) == WINNOW_ERR_ARG);
  CHECK(*winnow_reader_errmsg(NULL) == '\0');
  winnow_reader_free(NULL);

  /* a directory is an input that cannot be opened */
  CHECK(winnow_reader_open(tmpdir, WINNOW_FORMAT_AUTO, 0, &r, err, sizeof err) == WINNOW_ERR_IO);
  snprintf(want, sizeof want, "%s: Is a directory", tmpdir);
  CHECK(r == NULL && strcmp(err, want) == 0);
}

/* A read error after a successful open is a run-level error, and sticks.
 * Reading /proc/self/mem at offset 0 (never mapped) fails with EIO. */
static void test_read_error(void) {
  winnow_reader *r = NULL;
  if (winnow_reader_open("/proc/self/mem", WINNOW_FORMAT_AUTO, 0, &r, NULL, 0) != WINNOW_OK)
    return; /* not Linux: nothing to test with */
  CHECK(*winnow_reader_errmsg(r) == '\0');
  winnow_record rec;
  CHECK(winnow_reader_next(r, &rec) == WINNOW_ERR_IO);
  CHECK(strcmp(winnow_reader_errmsg(r), "/proc/self/mem: Input/output error") == 0);
  CHECK(winnow_reader_next(r, &rec) == WINNOW_ERR_IO);
  winnow_reader_free(r);
}

/* ------------------------------------------------------------------------ */
/* Building inputs                                                           */
/* ------------------------------------------------------------------------ */

typedef struct sb {
  char *p;
  size_t n, cap;
} sb;

static void sb_add(sb *b, const void *p, size_t n) {
  if (b->n + n + 1 > b->cap) {
    b->cap = (b->n + n + 1) * 2;
    b->p = realloc(b->p, b->cap);
  }
  memcpy(b->p + b->n, p, n);
  b->n += n;
  b->p[b->n] = '\0';
}

__attribute__((format(printf, 2, 3))) static void sb_addf(sb *b, const char *fmt, ...) {
  char tmp[8192];
  va_list ap;
  va_start(ap, fmt);
  int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  sb_add(b, tmp, (size_t)k);
}

/* WARC named fields; NULL ones are left out. id is the uuid part. */
static const char *fields(const char *type, const char *id, const char *uri, const char *ctype) {
  static char buf[4][1024];
  static int k;
  char *f = buf[k++ % 4];
  size_t o = 0;
  if (type)
    o += (size_t)snprintf(f + o, 1024 - o, "WARC-Type: %s\r\n", type);
  if (id)
    o += (size_t)snprintf(f + o, 1024 - o, "WARC-Record-ID: <urn:uuid:%s>\r\n", id);
  o += (size_t)snprintf(f + o, 1024 - o, "WARC-Date: 2024-05-01T08:00:00Z\r\n");
  if (uri)
    o += (size_t)snprintf(f + o, 1024 - o, "WARC-Target-URI: %s\r\n", uri);
  if (ctype)
    snprintf(f + o, 1024 - o, "Content-Type: %s\r\n", ctype);
  return f;
}

/* One WARC/1.1 record; returns its offset. */
static uint64_t warc(sb *b, const char *flds, const void *block, size_t n) {
  uint64_t off = b->n;
  sb_addf(b, "WARC/1.1\r\n%sContent-Length: %zu\r\n\r\n", flds, n);
  sb_add(b, block, n);
  sb_add(b, "\r\n\r\n", 4);
  return off;
}
#define WARC_S(b, flds, lit) warc(b, flds, lit, sizeof(lit) - 1)

/* A response record holding an HTTP message; returns its offset. */
static uint64_t response(sb *b, const char *id, int status, const char *headers, const void *body,
                         size_t n) {
  sb http = {0};
  sb_addf(&http, "HTTP/1.1 %d X\r\n%s\r\n", status, headers);
  sb_add(&http, body, n);
  uint64_t off =
      warc(b, fields("response", id, "http://example.com/", "application/http;msgtype=response"),
           http.p, http.n);
  free(http.p);
  return off;
}
#define RESPONSE_S(b, id, status, headers, lit)                                                    \
  response(b, id, status, headers, lit, sizeof(lit) - 1)

/* One gzip member of p[0..n), by ISA-L. */
static void gz_member(sb *out, const void *p, size_t n) {
  size_t cap = n + n / 2 + 1024;
  unsigned char *buf = malloc(cap);
  struct isal_zstream s;
  isal_deflate_stateless_init(&s);
  s.gzip_flag = IGZIP_GZIP;
  s.next_in = (uint8_t *)(uintptr_t)p;
  s.avail_in = (uint32_t)n;
  s.next_out = buf;
  s.avail_out = (uint32_t)cap;
  s.end_of_stream = 1;
  if (isal_deflate_stateless(&s) != COMP_OK) {
    printf("FAIL: isal_deflate_stateless\n");
    exit(2);
  }
  sb_add(out, buf, s.total_out);
  free(buf);
}

static void zstd_frame(sb *out, const void *p, size_t n) {
  size_t cap = ZSTD_compressBound(n);
  char *buf = malloc(cap);
  size_t k = ZSTD_compress(buf, cap, p, n, 3);
  if (ZSTD_isError(k)) {
    printf("FAIL: ZSTD_compress\n");
    exit(2);
  }
  sb_add(out, buf, k);
  free(buf);
}

/* Some text for record n: a few hundred bytes, different per record. */
static void filler(sb *b, int n, size_t len) {
  static const char *const words[] = {"lorem", "ipsum", "dolor", "sit", "amet", "winnow"};
  size_t start = b->n;
  for (unsigned i = 0; b->n - start < len; i++)
    sb_addf(b, "%s ", words[(i * 7 + (unsigned)n) % 6]);
}

/* A resource record of len bytes of plain text with id "r-<n>". */
static void text_resource_len(sb *b, int n, size_t len) {
  char id[32], uri[64];
  sb body = {0};
  filler(&body, n, len);
  snprintf(id, sizeof id, "r-%d", n);
  snprintf(uri, sizeof uri, "http://example.com/%d", n);
  warc(b, fields("resource", id, uri, "text/plain"), body.p, body.n);
  free(body.p);
}

static void text_resource(sb *b, int n) {
  text_resource_len(b, n, 300 + 37 * (size_t)n);
}

/* ------------------------------------------------------------------------ */
/* Reading records back                                                      */
/* ------------------------------------------------------------------------ */

static winnow_reader *open_cfg_ok(const char *path, winnow_format f, size_t max) {
  winnow_reader *r = NULL;
  char err[512] = "";
  winnow_reader_config cfg = {.format = f, .max_record_bytes = max};
  winnow_status st = winnow_reader_open_cfg(path, &cfg, &r, err, sizeof err);
  if (st != WINNOW_OK)
    printf("FAIL: open %s: %s\n", path, err);
  CHECK(st == WINNOW_OK && r != NULL);
  return r;
}

/* Everything a record says, as one line of text. */
static void describe(sb *out, const winnow_record *rec) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < rec->text_len; i++)
    h = (h ^ (unsigned char)rec->text[i]) * 1099511628211ull;
  sb_addf(out,
          "%" PRIu64 " %" PRIu64 " id=%s st=%d ec=%s drop=%s type=%s content=%d warn=%u url=%s "
          "date=%s ct=%s http=%d len=%zu hash=%016" PRIx64 " err=%s\n",
          rec->index, rec->offset, rec->id ? rec->id : "(null)", rec->status,
          winnow_errclass_str(rec->err_class), winnow_drop_str(rec->drop),
          winnow_rectype_str(rec->type), rec->content, rec->warnings,
          rec->url ? rec->url : "(null)", rec->date ? rec->date : "(null)",
          rec->content_type ? rec->content_type : "(null)", rec->http_status, rec->text_len, h,
          rec->error ? rec->error : "(null)");
}

/* Read r to its end: every record described; *last = the final status. */
static char *read_all(winnow_reader *r, winnow_status *last, int *n) {
  sb out = {0};
  winnow_record rec;
  winnow_status st;
  sb_add(&out, "", 0);
  *n = 0;
  while ((st = winnow_reader_next(r, &rec)) == WINNOW_OK) {
    describe(&out, &rec);
    ++*n;
  }
  *last = st;
  return out.p;
}

/* The records of a file read in format f, as a list to look at. */
typedef struct recs {
  winnow_record r[64];
  char *text[64];
  char id[64][600], url[64][128], ctype[64][128], err[64][900];
  int n;
  winnow_status last;
} recs;

static char *keep(char *dst, size_t cap, const char *s) {
  if (!s)
    return NULL;
  snprintf(dst, cap, "%s", s);
  return dst;
}

static void read_recs(const char *path, const winnow_reader_config *cfg, recs *out) {
  winnow_reader *r = NULL;
  memset(out, 0, sizeof *out);
  char err[512];
  if (winnow_reader_open_cfg(path, cfg, &r, err, sizeof err) != WINNOW_OK) {
    printf("FAIL: open %s: %s\n", path, err);
    CHECK(0);
    return;
  }
  winnow_record rec;
  while (out->n < 64 && (out->last = winnow_reader_next(r, &rec)) == WINNOW_OK) {
    int i = out->n++;
    out->r[i] = rec;
    out->text[i] = malloc(rec.text_len + 1);
    memcpy(out->text[i], rec.text, rec.text_len);
    out->text[i][rec.text_len] = '\0';
    out->r[i].text = out->text[i];
    out->r[i].id = keep(out->id[i], sizeof out->id[i], rec.id);
    out->r[i].url = keep(out->url[i], sizeof out->url[i], rec.url);
    out->r[i].content_type = keep(out->ctype[i], sizeof out->ctype[i], rec.content_type);
    out->r[i].error = keep(out->err[i], sizeof out->err[i], rec.error);
    out->r[i].date = rec.date ? "(date)" : NULL;
    out->r[i].source = NULL;
    out->r[i].meta_json = NULL;
  }
  winnow_reader_free(r);
}

static void recs_free(recs *rs) {
  for (int i = 0; i < rs->n; i++)
    free(rs->text[i]);
}

static const char *file_of(const char *name, const sb *b) {
  return make_file(name, b->p, b->n);
}

/* ------------------------------------------------------------------------ */
/* Sniffing                                                                  */
/* ------------------------------------------------------------------------ */

/* The format AUTO picked, told by the first record. */
static winnow_format sniffed_as(const char *path) {
  winnow_reader *r = open_cfg_ok(path, WINNOW_FORMAT_AUTO, 0);
  winnow_record rec;
  winnow_format f = WINNOW_FORMAT_COUNT_;
  winnow_status st = winnow_reader_next(r, &rec);
  if (st == WINNOW_END)
    f = WINNOW_FORMAT_JSONL; /* only JSONL may hold no record */
  else if (st == WINNOW_OK && (rec.type != WINNOW_REC_NONE || !STR_IS(rec.id, path)))
    f = rec.content == WINNOW_CONTENT_TEXT ? WINNOW_FORMAT_JSONL : WINNOW_FORMAT_WARC;
  else if (st == WINNOW_OK)
    f = rec.content == WINNOW_CONTENT_HTML ? WINNOW_FORMAT_HTML : WINNOW_FORMAT_TEXT;
  winnow_reader_free(r);
  return f;
}

static void test_sniff_formats(void) {
  sb w = {0};
  text_resource(&w, 1);
  CHECK(sniffed_as(file_of("plain.dat", &w)) == WINNOW_FORMAT_WARC);
  sb g = {0};
  gz_member(&g, w.p, w.n);
  CHECK(sniffed_as(file_of("gz.dat", &g)) == WINNOW_FORMAT_WARC);
  sb z = {0};
  zstd_frame(&z, w.p, w.n);
  CHECK(sniffed_as(file_of("zst.dat", &z)) == WINNOW_FORMAT_WARC);
  /* a skippable frame first (as the WARC-zstd dictionary is) */
  sb zs = {0};
  sb_add(&zs,
         "\x5D\x2A\x4D\x18\x04\x00\x00\x00"
         "abcd",
         12);
  sb_add(&zs, z.p, z.n);
  CHECK(sniffed_as(file_of("zskip.dat", &zs)) == WINNOW_FORMAT_WARC);
  /* gzip that holds no WARC: the WARC layer says garbage */
  sb gt = {0};
  gz_member(&gt, "just some text\n", 15);
  recs rs;
  read_recs(file_of("text.gz", &gt), NULL, &rs);
  CHECK(rs.n == 1 && rs.last == WINNOW_END && rs.r[0].err_class == WINNOW_EC_GARBAGE);
  CHECK(rs.r[0].type == WINNOW_REC_NONE && rs.r[0].status == WINNOW_ERR_FORMAT);
  recs_free(&rs);

  CHECK(sniffed_as(MAKE("page.txt", "\n  <!DOCTYPE html><title>x</title>")) == WINNOW_FORMAT_HTML);
  CHECK(sniffed_as(MAKE("bom.txt", "\xEF\xBB\xBF<p>para")) == WINNOW_FORMAT_HTML);
  CHECK(sniffed_as(MAKE("page.HTML", "no markup at all")) == WINNOW_FORMAT_HTML);
  CHECK(sniffed_as(MAKE("page.htm", "no markup")) == WINNOW_FORMAT_HTML);
  CHECK(sniffed_as(MAKE("page.xHtml", "{\"text\":\"x\"}")) == WINNOW_FORMAT_HTML);
  CHECK(sniffed_as(MAKE("page.html.txt", "words")) == WINNOW_FORMAT_TEXT);
  CHECK(sniffed_as(MAKE("nottag.txt", "<pres>words")) == WINNOW_FORMAT_TEXT);
  /* markup the WHATWG table misses (wn_markup_is_html): a first tag it does
   * not list, a crawler's wrapper before element tags, a page cut at its
   * head; not a feed */
  CHECK(sniffed_as(MAKE("pre.txt", "<pre>words")) == WINNOW_FORMAT_HTML);
  CHECK(sniffed_as(MAKE("link.txt", "<link rel=stylesheet href=a.css>\n<p>x")) ==
        WINNOW_FORMAT_HTML);
  CHECK(sniffed_as(MAKE("wrap2.txt", "<text id=\"u\" encoding=\"gbk\">\n <table><tr><td>x")) ==
        WINNOW_FORMAT_HTML);
  CHECK(sniffed_as(MAKE("rss.txt", "<rss><channel><title>t</title><link>u</link>")) ==
        WINNOW_FORMAT_TEXT);
  CHECK(sniffed_as(MAKE("arr.txt", "[\"<div>\",\"<p>\",\"<b>\"]")) == WINNOW_FORMAT_TEXT);
  sb cut = {0};
  sb_add(&cut, "the end of a sentence.</p>\n", strlen("the end of a sentence.</p>\n"));
  for (int i = 0; i < 14; i++)
    sb_add(&cut, "<li><a href=\"/a.html\">Story</a></li>\n",
           strlen("<li><a href=\"/a.html\">Story</a></li>\n"));
  CHECK(sniffed_as(file_of("cut.txt", &cut)) == WINNOW_FORMAT_HTML);
  /* the decision waits for all the sniffed bytes: a wrapper whose element
   * tags come after 1445 bytes (the WHATWG header) is still seen */
  sb late = {0};
  sb_add(&late, "<text id=\"u\">", strlen("<text id=\"u\">"));
  for (int i = 0; i < 200; i++)
    sb_add(&late, "          ", strlen("          "));
  sb_add(&late, "<div><p>x</p></div>", strlen("<div><p>x</p></div>"));
  CHECK(sniffed_as(file_of("late.dat", &late)) == WINNOW_FORMAT_HTML);
  /* markup opening with another tag, then an html/head/body tag or doctype */
  CHECK(sniffed_as(MAKE("wrap.txt", "<text id=\"u\">\n<HTML lang=zh><p>x")) == WINNOW_FORMAT_HTML);
  CHECK(sniffed_as(MAKE("xml.txt", "<?xml version=\"1.0\"?>\n<!DOCTYPE html><html>")) ==
        WINNOW_FORMAT_HTML);
  CHECK(sniffed_as(MAKE("meta.txt", " <meta charset=gbk><body>")) == WINNOW_FORMAT_HTML);
  CHECK(sniffed_as(MAKE("hdr.txt", "<x><header><bodyguard> <html")) == WINNOW_FORMAT_HTML);
  CHECK(sniffed_as(MAKE("nohtml.txt", "<x><header><bodyguard><heading>")) == WINNOW_FORMAT_TEXT);
  CHECK(sniffed_as(MAKE("prose.txt", "words about <html> tags")) == WINNOW_FORMAT_TEXT);
  CHECK(sniffed_as(MAKE("late.txt", "  WARC/1.1\r\n")) == WINNOW_FORMAT_TEXT);
  CHECK(sniffed_as(MAKE("one.txt", "\x1f")) == WINNOW_FORMAT_TEXT);
  CHECK(sniffed_as(MAKE("j.txt", "\xEF\xBB\xBF\r\n {\"text\":\"x\"}")) == WINNOW_FORMAT_JSONL);

  /* a white-space prefix longer than the sniffed bytes still finds '{' */
  sb ws = {0};
  for (int i = 0; i < 3000; i++)
    sb_add(&ws, " ", 1);
  sb_add(&ws, "{\"text\":\"x\"}\n", 13);
  CHECK(sniffed_as(file_of("ws.jsonl", &ws)) == WINNOW_FORMAT_JSONL);

  /* HTML: the whole file, content HTML, no WARC fields */
  const char *p = MAKE("doc.html", "<html><body><p>Hi</p></body></html>\n");
  read_recs(p, NULL, &rs);
  CHECK(rs.n == 1 && rs.last == WINNOW_END);
  CHECK(rs.r[0].status == WINNOW_OK && rs.r[0].content == WINNOW_CONTENT_HTML);
  CHECK(TEXT_IS(rs.r[0], "<html><body><p>Hi</p></body></html>\n") && STR_IS(rs.r[0].id, p));
  CHECK(rs.r[0].type == WINNOW_REC_NONE && rs.r[0].url == NULL && rs.r[0].content_type == NULL);
  recs_free(&rs);
  winnow_reader_config cfg = {.format = WINNOW_FORMAT_HTML, .max_record_bytes = 10};
  read_recs(p, &cfg, &rs);
  CHECK(rs.n == 1 && rs.r[0].err_class == WINNOW_EC_RECORD_TOO_BIG);
  CHECK(rs.r[0].status == WINNOW_ERR_LIMIT && rs.r[0].content == WINNOW_CONTENT_HTML);
  CHECK(STR_IS(rs.r[0].error, "page is larger than the record cap of 10 bytes"));
  recs_free(&rs);
  /* JSONL records are TEXT */
  read_recs(MAKE("c.jsonl", "{\"text\":\"x\"}\n"), NULL, &rs);
  CHECK(rs.n == 1 && rs.r[0].content == WINNOW_CONTENT_TEXT && rs.r[0].type == WINNOW_REC_NONE);
  recs_free(&rs);
  free(w.p);
  free(g.p);
  free(z.p);
  free(zs.p);
  free(gt.p);
  free(ws.p);
  free(cut.p);
  free(late.p);
}

/* A zero-byte input is one error record, except explicit JSONL: none. */
static void test_zero_bytes(void) {
  const char *p = MAKE("zero", "");
  for (int f = 0; f < WINNOW_FORMAT_COUNT_; f++) {
    winnow_reader_config cfg = {.format = (winnow_format)f};
    recs rs;
    read_recs(p, &cfg, &rs);
    CHECK(rs.last == WINNOW_END);
    if (f == WINNOW_FORMAT_JSONL) {
      CHECK(rs.n == 0);
      continue;
    }
    CHECK(rs.n == 1 && rs.r[0].err_class == WINNOW_EC_EMPTY_INPUT);
    CHECK(rs.r[0].status == WINNOW_ERR_FORMAT && rs.r[0].text_len == 0);
    CHECK(rs.r[0].index == 1 && rs.r[0].offset == 0 && rs.r[0].error && rs.r[0].error[0]);
    char want[600];
    snprintf(want, sizeof want, "%s:0", p);
    CHECK(STR_IS(rs.r[0].id, f == WINNOW_FORMAT_WARC ? want : p));
    recs_free(&rs);
  }
}

/* ------------------------------------------------------------------------ */
/* WARC records                                                              */
/* ------------------------------------------------------------------------ */

static void test_warc_fields(void) {
  sb b = {0};
  uint64_t off[12];
  static const char html[] = "<html><body><p>Hello</p></body></html>";
  off[0] =
      WARC_S(&b, fields("warcinfo", "0001", NULL, "application/warc-fields"), "software: test\r\n");
  off[1] = WARC_S(
      &b, fields("request", "0002", "http://example.com/", "application/http;msgtype=request"),
      "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n");
  off[2] = RESPONSE_S(&b, "0003", 200, "Content-Type: text/html; charset=utf-8\r\n", html);
  off[3] = WARC_S(&b, fields("resource", "0004", "file:///x.txt", "text/plain"), "plain words");
  off[4] = WARC_S(&b, fields("conversion", "0005", "http://example.com/", "text/plain"),
                  "converted text");
  off[5] = WARC_S(&b, fields("metadata", "0006", "http://example.com/", "application/json"),
                  "{\"a\":1}");
  off[6] = WARC_S(&b, fields("revisit", "0007", "http://example.com/", NULL), "");
  off[7] = RESPONSE_S(&b, NULL, 200, "Content-Type: text/plain\r\n", "no id");
  off[8] = WARC_S(&b, fields("continuation", "0009", NULL, NULL), "rest");
  off[9] = WARC_S(&b, fields("frobnicate", "0010", NULL, "text/plain"), "odd");
  off[10] = WARC_S(&b, fields(NULL, "0011", NULL, "text/plain"), "untyped");
  const char *p = file_of("kinds.warc", &b);
  recs rs;
  read_recs(p, NULL, &rs);
  CHECK(rs.n == 11 && rs.last == WINNOW_END);
  for (int i = 0; i < rs.n; i++) {
    CHECK(rs.r[i].index == (uint64_t)i + 1 && rs.r[i].offset == off[i]);
    CHECK(rs.r[i].status == WINNOW_OK && rs.r[i].err_class == WINNOW_EC_NONE &&
          rs.r[i].error == NULL);
    CHECK(rs.r[i].date != NULL);
  }
  static const winnow_rectype types[11] = {
      WINNOW_REC_WARCINFO,     WINNOW_REC_REQUEST,  WINNOW_REC_RESPONSE, WINNOW_REC_RESOURCE,
      WINNOW_REC_CONVERSION,   WINNOW_REC_METADATA, WINNOW_REC_REVISIT,  WINNOW_REC_RESPONSE,
      WINNOW_REC_CONTINUATION, WINNOW_REC_OTHER,    WINNOW_REC_OTHER};
  for (int i = 0; i < rs.n; i++)
    CHECK(rs.r[i].type == types[i]);
  /* warcinfo */
  CHECK(STR_IS(rs.r[0].id, "urn:uuid:0001") && rs.r[0].drop == WINNOW_DROP_RECORD_TYPE);
  CHECK(rs.r[0].url == NULL && STR_IS(rs.r[0].content_type, "application/warc-fields"));
  CHECK(rs.r[0].text_len == 0 && rs.r[0].http_status == 0);
  /* request: not parsed as HTTP, dropped */
  CHECK(STR_IS(rs.r[1].id, "urn:uuid:0002") && rs.r[1].drop == WINNOW_DROP_RECORD_TYPE);
  CHECK(STR_IS(rs.r[1].url, "http://example.com/") && rs.r[1].http_status == 0);
  CHECK(STR_IS(rs.r[1].content_type, "application/http;msgtype=request"));
  /* response */
  CHECK(STR_IS(rs.r[2].id, "urn:uuid:0003") && rs.r[2].drop == WINNOW_DROP_NONE);
  CHECK(STR_IS(rs.r[2].url, "http://example.com/") && rs.r[2].http_status == 200);
  CHECK(STR_IS(rs.r[2].content_type, "text/html; charset=utf-8"));
  CHECK(rs.r[2].content == WINNOW_CONTENT_HTML && TEXT_IS(rs.r[2], html));
  CHECK(rs.r[2].warnings == 0);
  /* resource */
  CHECK(STR_IS(rs.r[3].id, "urn:uuid:0004") && rs.r[3].drop == WINNOW_DROP_NONE);
  CHECK(STR_IS(rs.r[3].url, "file:///x.txt") && STR_IS(rs.r[3].content_type, "text/plain"));
  CHECK(rs.r[3].content == WINNOW_CONTENT_PLAIN && TEXT_IS(rs.r[3], "plain words"));
  CHECK(rs.r[3].http_status == 0);
  /* conversion (WET) */
  CHECK(STR_IS(rs.r[4].id, "urn:uuid:0005") && rs.r[4].drop == WINNOW_DROP_NONE);
  CHECK(rs.r[4].content == WINNOW_CONTENT_PLAIN && TEXT_IS(rs.r[4], "converted text"));
  CHECK(STR_IS(rs.r[4].content_type, "text/plain"));
  /* metadata, revisit, continuation, unknown and missing types */
  for (int i = 5; i < 11; i++)
    CHECK(rs.r[i].drop == (i == 7 ? WINNOW_DROP_NONE : WINNOW_DROP_RECORD_TYPE));
  CHECK(STR_IS(rs.r[5].content_type, "application/json") && rs.r[5].text_len == 0);
  CHECK(rs.r[6].content_type == NULL && STR_IS(rs.r[6].id, "urn:uuid:0007"));
  CHECK(rs.r[8].url == NULL && rs.r[8].content_type == NULL);
  /* a record without WARC-Record-ID: "<source>:<offset>" */
  char want[600];
  snprintf(want, sizeof want, "%s:%" PRIu64, p, off[7]);
  CHECK(STR_IS(rs.r[7].id, want) && TEXT_IS(rs.r[7], "no id"));
  CHECK(rs.r[7].content == WINNOW_CONTENT_PLAIN && STR_IS(rs.r[7].content_type, "text/plain"));
  recs_free(&rs);

  /* the source of every record is the input's name */
  winnow_reader *r = open_cfg_ok(p, WINNOW_FORMAT_WARC, 0);
  winnow_record rec;
  int n = 0, same = 0;
  while (winnow_reader_next(r, &rec) == WINNOW_OK) {
    n++;
    same += STR_IS(rec.source, p);
  }
  CHECK(n == 11 && same == 11);
  CHECK(winnow_reader_bytes(r) == b.n);
  winnow_reader_free(r);
  free(b.p);
}

static void test_warc_drops(void) {
  sb b = {0};
  RESPONSE_S(&b, "d01", 404, "Content-Type: text/html\r\n", "<p>not found</p>");
  RESPONSE_S(&b, "d02", 301, "Location: http://example.com/x\r\n", "");
  RESPONSE_S(&b, "d03", 200, "Content-Type: image/png\r\n", "\x89PNG\r\n\x1a\n....");
  WARC_S(&b, fields("resource", "d04", "http://example.com/a.pdf", "application/pdf"), "%PDF-1.4");
  RESPONSE_S(&b, "d05", 200, "Content-Type: text/html\r\n", "");
  WARC_S(&b, fields("resource", "d06", "http://example.com/", "text/plain"), "");
  WARC_S(&b, fields("conversion", "d07", "http://example.com/", "text/plain"), "");
  RESPONSE_S(&b, "d08", 200, "Server: x\r\n", "<!doctype html><p>sniffed");
  RESPONSE_S(&b, "d09", 200, "Server: x\r\n", "just words\r\nand more words\n");
  RESPONSE_S(&b, "d10", 200, "Server: x\r\n", "bin\0\1\2\3ary");
  WARC_S(&b, fields("resource", "d11", "http://example.com/", NULL), "<html> hi");
  RESPONSE_S(&b, "d12", 200, "Content-Type: TEXT/HTML ; charset=x\r\n", "<p>a");
  RESPONSE_S(&b, "d13", 200, "Content-Type: application/xhtml+xml\r\n", "<p>b");
  WARC_S(&b, fields("resource", "d14", "http://example.com/", "text/plain; charset=gbk"), "c");
  RESPONSE_S(&b, "d15", 200, "Content-Type: text/htmlx\r\n", "<p>d");
  WARC_S(&b, fields("response", "d16", "http://example.com/", "text/html"), "<p>raw</p>");
  RESPONSE_S(&b, "d17", 304, "Content-Type: text/html\r\n", "");
  RESPONSE_S(&b, "d18", 299, "Content-Type: text/plain\r\n", "ok");
  RESPONSE_S(&b, "d19", 200, "Content-Type:\r\n", "\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e");
  WARC_S(&b, fields("resource", "d20", "http://example.com/", "application/json"), "{}");
  /* no label: markup the WHATWG table misses is HTML too (wn_markup_is_html) */
  RESPONSE_S(&b, "d21", 200, "Server: x\r\n", "<text id=u>\n<div><p>wrapped</p></div>");
  recs rs;
  read_recs(file_of("drops.warc", &b), NULL, &rs);
  CHECK(rs.n == 21 && rs.last == WINNOW_END);
  static const struct {
    winnow_drop drop;
    winnow_content content;
    int http;
  } want[21] = {
      {WINNOW_DROP_HTTP_STATUS, WINNOW_CONTENT_PLAIN, 404},
      {WINNOW_DROP_HTTP_STATUS, WINNOW_CONTENT_PLAIN, 301},
      {WINNOW_DROP_CONTENT_TYPE, WINNOW_CONTENT_PLAIN, 200},
      {WINNOW_DROP_CONTENT_TYPE, WINNOW_CONTENT_PLAIN, 0},
      {WINNOW_DROP_EMPTY, WINNOW_CONTENT_PLAIN, 200},
      {WINNOW_DROP_EMPTY, WINNOW_CONTENT_PLAIN, 0},
      {WINNOW_DROP_EMPTY, WINNOW_CONTENT_PLAIN, 0},
      {WINNOW_DROP_NONE, WINNOW_CONTENT_HTML, 200},
      {WINNOW_DROP_NONE, WINNOW_CONTENT_PLAIN, 200},
      {WINNOW_DROP_CONTENT_TYPE, WINNOW_CONTENT_PLAIN, 200},
      {WINNOW_DROP_NONE, WINNOW_CONTENT_HTML, 0},
      {WINNOW_DROP_NONE, WINNOW_CONTENT_HTML, 200},
      {WINNOW_DROP_NONE, WINNOW_CONTENT_HTML, 200},
      {WINNOW_DROP_NONE, WINNOW_CONTENT_PLAIN, 0},
      {WINNOW_DROP_CONTENT_TYPE, WINNOW_CONTENT_PLAIN, 200},
      {WINNOW_DROP_NONE, WINNOW_CONTENT_HTML, 0},
      {WINNOW_DROP_HTTP_STATUS, WINNOW_CONTENT_PLAIN, 304},
      {WINNOW_DROP_NONE, WINNOW_CONTENT_PLAIN, 299},
      {WINNOW_DROP_CONTENT_TYPE, WINNOW_CONTENT_PLAIN, 200},
      {WINNOW_DROP_CONTENT_TYPE, WINNOW_CONTENT_PLAIN, 0},
      {WINNOW_DROP_NONE, WINNOW_CONTENT_HTML, 200},
  };
  for (int i = 0; i < rs.n && i < 21; i++) {
    const winnow_record *r = &rs.r[i];
    int ok = r->status == WINNOW_OK && r->drop == want[i].drop && r->http_status == want[i].http;
    if (want[i].drop == WINNOW_DROP_NONE)
      ok = ok && r->content == want[i].content && r->text_len > 0;
    else
      ok = ok && r->text_len == 0 && r->text && r->text[0] == '\0';
    char id[32];
    snprintf(id, sizeof id, "urn:uuid:d%02d", i + 1);
    ok = ok && STR_IS(r->id, id) && r->type != WINNOW_REC_NONE;
    CHECK(ok);
    if (!ok)
      printf("  record %d: drop %s content %d http %d len %zu\n", i + 1, winnow_drop_str(r->drop),
             r->content, r->http_status, r->text_len);
  }
  CHECK(STR_IS(rs.r[2].content_type, "image/png"));
  CHECK(rs.r[7].content_type == NULL && rs.r[10].content_type == NULL);
  CHECK(STR_IS(rs.r[11].content_type, "TEXT/HTML ; charset=x"));
  CHECK(STR_IS(rs.r[15].content_type, "text/html") && TEXT_IS(rs.r[15], "<p>raw</p>"));
  CHECK(rs.r[18].content_type == NULL); /* an empty header is no type */
  recs_free(&rs);
  free(b.p);
}

static void test_warc_warnings(void) {
  sb b = {0};
  WARC_S(&b,
         "WARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:t1>\r\nWARC-Truncated: length\r\n"
         "Content-Type: text/plain\r\n",
         "cut short");
  sb_add(&b,
         "WARC/1.1\nWARC-Type: resource\nWARC-Record-ID: <urn:uuid:t2>\n"
         "Content-Type: text/plain\nContent-Length: 5\n\nhello\r\n\r\n",
         strlen("WARC/1.1\nWARC-Type: resource\nWARC-Record-ID: <urn:uuid:t2>\n"
                "Content-Type: text/plain\nContent-Length: 5\n\nhello\r\n\r\n"));
  WARC_S(&b, fields("resource", "t3", NULL, "text/plain"), "fine");
  recs rs;
  read_recs(file_of("warn.warc", &b), NULL, &rs);
  CHECK(rs.n == 3);
  CHECK(rs.r[0].status == WINNOW_OK && rs.r[0].warnings == WINNOW_WARN_TRUNCATED);
  CHECK(TEXT_IS(rs.r[0], "cut short"));
  CHECK(rs.r[1].status == WINNOW_OK && rs.r[1].warnings == WINNOW_WARN_LF_ONLY);
  CHECK(TEXT_IS(rs.r[1], "hello") && STR_IS(rs.r[1].id, "urn:uuid:t2"));
  CHECK(rs.r[2].status == WINNOW_OK && rs.r[2].warnings == 0);
  recs_free(&rs);
  free(b.p);
}

/* ------------------------------------------------------------------------ */
/* WARC errors                                                               */
/* ------------------------------------------------------------------------ */

static int has(const char *s, const char *sub) {
  return s && strstr(s, sub) != NULL;
}

static void test_warc_errors(void) {
  /* garbage, then a good record, one without Content-Length, a good one */
  sb b = {0};
  sb_add(&b, "junk line\n", 10);
  uint64_t a_off = WARC_S(&b, fields("resource", "e1", NULL, "text/plain"), "first");
  uint64_t m_off = b.n;
  sb_addf(&b, "WARC/1.1\r\n%s\r\nno length here\r\n\r\n",
          fields("resource", "e2", NULL, "text/plain"));
  WARC_S(&b, fields("resource", "e3", NULL, "text/plain"), "third");
  const char *p = file_of("errs.warc", &b);
  winnow_reader_config cfg = {.format = WINNOW_FORMAT_WARC};
  recs rs;
  read_recs(p, &cfg, &rs);
  CHECK(rs.n == 4 && rs.last == WINNOW_END);
  char want[700];
  snprintf(want, sizeof want, "%s:0", p);
  CHECK(rs.r[0].err_class == WINNOW_EC_GARBAGE && rs.r[0].status == WINNOW_ERR_FORMAT);
  CHECK(rs.r[0].type == WINNOW_REC_NONE && STR_IS(rs.r[0].id, want) && rs.r[0].offset == 0);
  CHECK(rs.r[0].text_len == 0 && rs.r[0].drop == WINNOW_DROP_NONE);
  CHECK(has(rs.r[0].error, "offset 0: ") && !has(rs.r[0].error, "(record"));
  CHECK(rs.r[1].status == WINNOW_OK && TEXT_IS(rs.r[1], "first") && rs.r[1].offset == a_off);
  CHECK(rs.r[2].err_class == WINNOW_EC_CL_MISSING && rs.r[2].status == WINNOW_ERR_FORMAT);
  CHECK(STR_IS(rs.r[2].id, "urn:uuid:e2") && rs.r[2].type == WINNOW_REC_RESOURCE);
  CHECK(rs.r[2].offset == m_off && rs.r[2].text_len == 0);
  snprintf(want, sizeof want, "offset %" PRIu64 " (record urn:uuid:e2): no Content-Length", m_off);
  CHECK(STR_IS(rs.r[2].error, want));
  CHECK(rs.r[3].status == WINNOW_OK && TEXT_IS(rs.r[3], "third"));
  recs_free(&rs);
  free(b.p);

  /* gzip: member 3 of 5 cut in half; the records after it still come */
  sb plain[5] = {{0}}, gz = {0};
  uint64_t moff[5];
  for (int i = 0; i < 5; i++) {
    text_resource_len(&plain[i], i + 1, i == 2 ? 20000 : 300); /* 3: cut after its header */
    sb m = {0};
    gz_member(&m, plain[i].p, plain[i].n);
    moff[i] = gz.n;
    sb_add(&gz, m.p, i == 2 ? m.n / 2 : m.n);
    free(m.p);
  }
  read_recs(file_of("trunc_mid.warc.gz", &gz), NULL, &rs);
  CHECK(rs.n == 5 && rs.last == WINNOW_END);
  for (int i = 0; i < rs.n; i++) {
    char id[32];
    snprintf(id, sizeof id, "urn:uuid:r-%d", i + 1);
    CHECK(STR_IS(rs.r[i].id, id) && rs.r[i].offset == moff[i]);
    if (i == 2)
      continue;
    CHECK(rs.r[i].status == WINNOW_OK && rs.r[i].content == WINNOW_CONTENT_PLAIN);
    /* the block of text_resource(i + 1), after its header */
    const char *body = strstr(plain[i].p, "\r\n\r\n") + 4;
    CHECK(rs.r[i].text_len == plain[i].n - (size_t)(body - plain[i].p) - 4 &&
          memcmp(rs.r[i].text, body, rs.r[i].text_len) == 0);
  }
  CHECK(rs.r[2].err_class == WINNOW_EC_GZIP_TRUNCATED && rs.r[2].status == WINNOW_ERR_FORMAT);
  snprintf(want, sizeof want, "offset %" PRIu64 " (record urn:uuid:r-3): ", moff[2]);
  CHECK(has(rs.r[2].error, want));
  if (!has(rs.r[2].error, want))
    printf("  error: %s\n", rs.r[2].error);
  recs_free(&rs);
  /* and the input ends inside the last member */
  gz.n = moff[4] + 30;
  read_recs(file_of("trunc_end.warc.gz", &gz), NULL, &rs);
  CHECK(rs.n == 5 && rs.r[4].err_class == WINNOW_EC_GZIP_TRUNCATED);
  recs_free(&rs);
  for (int i = 0; i < 5; i++)
    free(plain[i].p);
  free(gz.p);

  /* more classes: version, caps */
  sb c = {0};
  sb_addf(&c, "WARC/1.9\r\nContent-Length: 0\r\n\r\n\r\n\r\n");
  WARC_S(&c,
         fields("resource", "c1", "http://example.com/a-long-uri-over-the-header-line-cap",
                "text/plain"),
         "x");
  WARC_S(&c, fields("resource", "c2", NULL, "text/plain"),
         "a block longer than the record cap of sixty-four bytes, by a few bytes");
  WARC_S(&c,
         "WARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:c3>\r\nA: 1\r\nB: 2\r\nC: 3\r\n"
         "D: 4\r\n",
         "y");
  WARC_S(&c, fields("resource", "c4", NULL, "text/plain"), "good");
  cfg = (winnow_reader_config){.format = WINNOW_FORMAT_AUTO,
                               .max_record_bytes = 64,
                               .max_header_line = 60,
                               .max_headers = 5};
  read_recs(file_of("caps.warc", &c), &cfg, &rs);
  CHECK(rs.n == 5);
  CHECK(rs.r[0].err_class == WINNOW_EC_WARC_VERSION && rs.r[0].status == WINNOW_ERR_FORMAT);
  CHECK(rs.r[1].err_class == WINNOW_EC_HEADER_LINE_TOO_LONG && rs.r[1].status == WINNOW_ERR_LIMIT);
  CHECK(rs.r[2].err_class == WINNOW_EC_RECORD_TOO_BIG && rs.r[2].status == WINNOW_ERR_LIMIT);
  CHECK(STR_IS(rs.r[2].id, "urn:uuid:c2"));
  CHECK(rs.r[3].err_class == WINNOW_EC_TOO_MANY_HEADERS && rs.r[3].status == WINNOW_ERR_LIMIT);
  CHECK(rs.r[4].status == WINNOW_OK && TEXT_IS(rs.r[4], "good"));
  for (int i = 0; i < rs.n; i++)
    if (rs.r[i].status != WINNOW_OK)
      CHECK(winnow_errclass_status(rs.r[i].err_class) == rs.r[i].status && rs.r[i].error);
  recs_free(&rs);
  free(c.p);
}

/* Content-Encoding that the body is not in: text is read as stored,
 * binary stays an error. */
static void test_encoding_lie(void) {
  sb b = {0};
  RESPONSE_S(&b, "l1", 200, "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
             "<html><p>not gzipped at all</p></html>");
  RESPONSE_S(&b, "l2", 200, "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
             "\x01\x02\0binary\0");
  RESPONSE_S(&b, "l3", 200, "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
             "\x28\xb5\x2f\xfd zstd, not gzip");
  RESPONSE_S(&b, "l4", 404, "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", "gone");
  recs rs;
  read_recs(file_of("lie.warc", &b), NULL, &rs);
  CHECK(rs.n == 4);
  CHECK(rs.r[0].status == WINNOW_OK && rs.r[0].err_class == WINNOW_EC_NONE);
  CHECK(rs.r[0].warnings == WINNOW_WARN_ENCODING_LIE && rs.r[0].content == WINNOW_CONTENT_HTML);
  CHECK(TEXT_IS(rs.r[0], "<html><p>not gzipped at all</p></html>") && rs.r[0].error == NULL);
  CHECK(rs.r[1].status == WINNOW_ERR_FORMAT && rs.r[1].err_class == WINNOW_EC_ENCODING_LIE);
  CHECK(rs.r[1].text_len == 0 && has(rs.r[1].error, "(record urn:uuid:l2)"));
  CHECK(rs.r[2].err_class == WINNOW_EC_ENCODING_LIE);
  /* recovered, then dropped for its status like any other */
  CHECK(rs.r[3].status == WINNOW_OK && rs.r[3].drop == WINNOW_DROP_HTTP_STATUS);
  CHECK(rs.r[3].warnings == WINNOW_WARN_ENCODING_LIE);
  recs_free(&rs);
  free(b.p);
}

/* ------------------------------------------------------------------------ */
/* File descriptors, pipes and chunk invariance                              */
/* ------------------------------------------------------------------------ */

typedef struct wjob {
  int fd;
  const char *p;
  size_t n, chunk;
} wjob;

static void *writer(void *arg) {
  wjob *j = arg;
  for (size_t i = 0; i < j->n;) {
    size_t k = j->chunk ? WN_MIN(j->chunk, j->n - i) : j->n - i;
    ssize_t w = write(j->fd, j->p + i, k);
    if (w < 0)
      break;
    i += (size_t)w;
  }
  close(j->fd);
  return NULL;
}

/* The records of data written into a pipe chunk bytes at a time. */
static char *read_pipe(const char *name, const sb *data, size_t chunk, winnow_format f,
                       uint64_t *bytes) {
  int fds[2];
  if (pipe(fds) != 0) {
    perror("pipe");
    exit(2);
  }
  wjob j = {fds[1], data->p, data->n, chunk};
  pthread_t t;
  pthread_create(&t, NULL, writer, &j);
  winnow_reader_config cfg = {.format = f};
  winnow_reader *r = NULL;
  char err[256];
  char *out = NULL;
  if (winnow_reader_open_fd(fds[0], name, &cfg, &r, err, sizeof err) == WINNOW_OK) {
    winnow_status last;
    int n;
    out = read_all(r, &last, &n);
    CHECK(last == WINNOW_END && n > 0);
    *bytes = winnow_reader_bytes(r);
    winnow_reader_free(r);
    CHECK(fcntl(fds[0], F_GETFD) != -1); /* not closed */
  } else {
    CHECK(0);
  }
  close(fds[0]);
  pthread_join(t, NULL);
  return out;
}

static void invariant(const char *name, const sb *data, winnow_format f) {
  static const size_t chunks[] = {0, 1, 7, 4096};
  const char *path = file_of(name, data);
  winnow_reader *r = open_cfg_ok(path, f, 0);
  winnow_status last;
  int n;
  char *want = read_all(r, &last, &n);
  CHECK(winnow_reader_bytes(r) == data->n);
  winnow_reader_free(r);
  for (size_t k = 0; k < WN_ARRAY_LEN(chunks); k++) {
    uint64_t bytes = 0;
    char *got = read_pipe(path, data, chunks[k], f, &bytes);
    int same = got && strcmp(got, want) == 0;
    CHECK(same && bytes == data->n);
    if (!same)
      printf("  %s in %zu-byte writes:\n%s  want:\n%s", name, chunks[k], got ? got : "", want);
    free(got);
  }
  free(want);
}

static void test_chunk_invariance(void) {
  sb w = {0};
  static const char html[] = "<html><body><p>Hello</p></body></html>";
  sb_add(&w, "junk first\n", 11);
  WARC_S(&w, fields("warcinfo", "i1", NULL, "application/warc-fields"), "software: x\r\n");
  RESPONSE_S(&w, "i2", 200, "Content-Type: text/html\r\n", html);
  RESPONSE_S(&w, "i3", 200, "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", html);
  RESPONSE_S(&w, "i4", 404, "Content-Type: text/html\r\n", html);
  RESPONSE_S(&w, "i5", 200, "Content-Type: image/gif\r\n", "GIF89a");
  sb_addf(&w, "WARC/1.1\r\n%s\r\nno length\r\n\r\n", fields("resource", "i6", NULL, "text/plain"));
  for (int i = 7; i < 12; i++)
    text_resource(&w, i);
  WARC_S(&w, fields("conversion", "i12", NULL, "text/plain"), "wet text");
  invariant("inv.warc", &w, WINNOW_FORMAT_WARC);
  sb w2 = {w.p + 11, w.n - 11, 0}; /* without the junk: AUTO sees "WARC/1." */
  invariant("inv_auto.warc", &w2, WINNOW_FORMAT_AUTO);

  sb g = {0}, z = {0};
  for (int i = 0; i < 6; i++) {
    sb one = {0};
    text_resource(&one, i);
    sb m = {0};
    gz_member(&m, one.p, one.n);
    sb_add(&g, m.p, i == 3 ? m.n / 2 : m.n);
    zstd_frame(&z, one.p, one.n);
    free(m.p);
    free(one.p);
  }
  sb_add(&g, "\0\0JUNK", 6);
  invariant("inv.warc.gz", &g, WINNOW_FORMAT_AUTO);
  invariant("inv.warc.zst", &z, WINNOW_FORMAT_AUTO);

  sb j = {0};
  for (int i = 0; i < 40; i++)
    sb_addf(&j, i % 7 ? "{\"id\":%d,\"text\":\"line %d\"}\r\n" : "{\"id\":%d, bad %d\n", i, i);
  invariant("inv.jsonl", &j, WINNOW_FORMAT_AUTO);
  sb t = {0};
  filler(&t, 3, 5000);
  invariant("inv.txt", &t, WINNOW_FORMAT_AUTO);
  sb h = {0};
  sb_add(&h, "   \n", 4);
  for (int i = 0; i < 2000; i++)
    sb_add(&h, " ", 1);
  sb_add(&h, html, sizeof html - 1);
  invariant("inv.txt2", &h, WINNOW_FORMAT_AUTO); /* white space past the sniffed bytes */
  free(w.p);
  free(g.p);
  free(z.p);
  free(j.p);
  free(t.p);
  free(h.p);
}

static void test_open_fd(void) {
  static const char line[] = "{\"text\":\"via fd\"}\n";
  const char *p = MAKE("fd.jsonl", line);
  int fd = open(p, O_RDONLY);
  winnow_reader *r = NULL;
  char err[256];
  CHECK(winnow_reader_open_fd(fd, "my-name", NULL, &r, err, sizeof err) == WINNOW_OK);
  winnow_record rec;
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(TEXT_IS(rec, "via fd") && STR_IS(rec.source, "my-name"));
  check_end(r);
  CHECK(winnow_reader_bytes(r) == sizeof line - 1);
  winnow_reader_free(r);
  CHECK(fcntl(fd, F_GETFD) != -1 && lseek(fd, 0, SEEK_CUR) == (off_t)sizeof line - 1);
  close(fd);
  /* the name decides HTML too */
  fd = open(p, O_RDONLY);
  CHECK(winnow_reader_open_fd(fd, "x.html", NULL, &r, err, sizeof err) == WINNOW_OK);
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK && rec.content == WINNOW_CONTENT_HTML);
  winnow_reader_free(r);
  close(fd);

  r = (winnow_reader *)1;
  CHECK(winnow_reader_open_fd(-1, "x", NULL, &r, err, sizeof err) == WINNOW_ERR_ARG && !r);
  winnow_reader_config bad = {.format = (winnow_format)9};
  CHECK(winnow_reader_open_fd(0, "x", &bad, &r, err, sizeof err) == WINNOW_ERR_ARG && !r);
  CHECK(winnow_reader_open_cfg(p, &bad, &r, err, sizeof err) == WINNOW_ERR_ARG && !r);
  CHECK(winnow_reader_open_cfg(NULL, NULL, &r, err, sizeof err) == WINNOW_ERR_ARG);
  fd = open(tmpdir, O_RDONLY);
  CHECK(winnow_reader_open_fd(fd, "dir", NULL, &r, err, sizeof err) == WINNOW_ERR_IO && !r);
  CHECK(strcmp(err, "dir: Is a directory") == 0);
  close(fd);
  CHECK(winnow_reader_bytes(NULL) == 0);

  /* AUTO reads no more than it needs: a JSONL line on a pipe whose writer
   * has not finished is a record at once (alarm: a hang fails loudly) */
  int fds[2];
  CHECK(pipe(fds) == 0);
  CHECK(write(fds[1], line, sizeof line - 1) == (ssize_t)sizeof line - 1);
  CHECK(winnow_reader_open_fd(fds[0], "pipe", NULL, &r, err, sizeof err) == WINNOW_OK);
  alarm(20);
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK && TEXT_IS(rec, "via fd"));
  alarm(0);
  close(fds[1]);
  check_end(r);
  winnow_reader_free(r);
  close(fds[0]);
}

/* ------------------------------------------------------------------------ */
/* Allocation failures                                                       */
/* ------------------------------------------------------------------------ */

/* Every allocation point fails once: each run ends in END or NOMEM (a
 * record may carry the class nomem), never a crash or a leak. */
static void test_alloc_failures(void) {
  sb w = {0}, g = {0};
  RESPONSE_S(&w, "a1", 200, "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", "<p>lie");
  sb gzbody = {0}, gzb = {0};
  gz_member(&gzbody, "<p>gzipped body</p>", 19);
  response(&w, "a2", 200, "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", gzbody.p,
           gzbody.n);
  text_resource(&w, 3);
  WARC_S(&w, fields("request", "a4", NULL, NULL), "GET / HTTP/1.1\r\n\r\n");
  gz_member(&g, w.p, w.n);
  gz_member(&gzb, "x", 1);
  sb_add(&g, gzb.p, gzb.n / 2);
  const char *paths[] = {file_of("af.warc", &w), file_of("af.warc.gz", &g),
                         MAKE("af.jsonl", "{\"id\":1.5,\"text\":\"a\",\"metadata\":{\"k\":01}}\n"
                                          "{\"text\":\"b\"}\n"),
                         MAKE("af.html", "<p>page"), MAKE("af.txt", "text")};
  int nomem = 0, end = 0, bad = 0;
  for (size_t f = 0; f < WN_ARRAY_LEN(paths); f++) {
    for (long n = 1; n <= 120; n++) {
      wn_alloc_fail_after(n);
      winnow_reader *r = NULL;
      winnow_status st = winnow_reader_open_cfg(paths[f], NULL, &r, NULL, 0);
      if (st == WINNOW_OK) {
        winnow_record rec;
        while ((st = winnow_reader_next(r, &rec)) == WINNOW_OK)
          bad += rec.status != WINNOW_OK && (!rec.error || !rec.id);
        bad += winnow_reader_next(r, &rec) != st; /* sticky */
        winnow_reader_free(r);
      }
      wn_alloc_fail_after(0);
      CHECK(st == WINNOW_END || st == WINNOW_ERR_NOMEM);
      nomem += st == WINNOW_ERR_NOMEM;
      end += st == WINNOW_END;
    }
  }
  CHECK(bad == 0 && end > 0);
  printf("reader allocation failures: %d runs ended in NOMEM, %d at the end\n", nomem, end);
  free(w.p);
  free(g.p);
  free(gzbody.p);
  free(gzb.p);
}

int main(void) {
  signal(SIGPIPE, SIG_IGN); /* a pipe writer must see EPIPE, not die */
  if (!mkdtemp(tmpdir)) {
    perror("mkdtemp");
    return 2;
  }
  test_sniff();
  test_text();
  test_text_cap();
  test_ids();
  test_metadata();
  test_lines();
  test_nul_escapes();
  test_bad_lines();
  test_deep_json();
  test_line_cap();
  test_stream();
  test_stdin();
  test_errors();
  test_read_error();
  test_sniff_formats();
  test_zero_bytes();
  test_warc_fields();
  test_warc_drops();
  test_warc_warnings();
  test_warc_errors();
  test_encoding_lie();
  test_chunk_invariance();
  test_open_fd();
  test_alloc_failures();
  for (int i = 0; i < n_made; i++)
    remove(made[i]);
  rmdir(tmpdir);
  return check_done("reader");
}
