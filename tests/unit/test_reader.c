/* test_reader.c - the record reader (src/io/reader.c) through the public
 * API: format sniffing, TEXT and JSONL records, malformed lines, caps,
 * streaming across read chunks, and I/O errors. Prints one line per failed
 * check and a summary; exits non-zero on any failure. */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/common/wn_common.h"

static int n_pass, n_fail;
static char tmpdir[] = "/tmp/winnow-reader-XXXXXX";
static char made[64][512]; /* files to remove at the end */
static int n_made;

static void check(int ok, const char *what, int line) {
  if (ok) {
    n_pass++;
    return;
  }
  n_fail++;
  printf("FAIL test_reader.c:%d: %s\n", line, what);
}
#define CHECK(c) check(!!(c), #c, __LINE__)
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
  check_end(r);
  winnow_reader_free(r);

  p = MAKE("empty.txt", "");
  r = open_ok(p, WINNOW_FORMAT_AUTO, 0);
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(rec.status == WINNOW_OK && rec.text != NULL && rec.text_len == 0);
  CHECK(STR_IS(rec.id, p) && rec.index == 1);
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
  CHECK(rec.status == WINNOW_OK && TEXT_IS(rec, "a\xEF\xBF\xBDz"));
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(TEXT_IS(rec, "a\\u0000z")); /* an escaped backslash: literal */
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(TEXT_IS(rec, "a\\\xEF\xBF\xBDz"));
  /* a surrogate pair is kept, lone surrogates are not */
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(rec.status == WINNOW_OK && TEXT_IS(rec, "x\xF0\x9F\x98\x80y\xEF\xBF\xBDz\xEF\xBF\xBD"));
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK); /* \U is not an escape */
  CHECK(rec.status == WINNOW_ERR_JSON);
  check_end(r);
  winnow_reader_free(r);

  static const char raw[] = "{\"text\":\"a\0z\"}\n";
  p = make_file("rawnul.jsonl", raw, sizeof raw - 1);
  r = open_ok(p, WINNOW_FORMAT_JSONL, 0);
  CHECK(winnow_reader_next(r, &rec) == WINNOW_OK);
  CHECK(rec.status == WINNOW_OK && TEXT_IS(rec, "a\xEF\xBF\xBDz"));
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

int main(void) {
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
  test_line_cap();
  test_stream();
  test_stdin();
  test_errors();
  test_read_error();
  for (int i = 0; i < n_made; i++)
    remove(made[i]);
  rmdir(tmpdir);
  printf("reader: %d passed, %d failed\n", n_pass, n_fail);
  return n_fail != 0;
}
