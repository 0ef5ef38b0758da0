/* fuzz_page.c - fuzz target for whole HTML pages through the path the
 * library really uses: winnow_clean_bytes (or winnow_clean_record with an
 * HTML record) with HTML content, that is charset decision, conversion,
 * the HTML pass, cleaning; then winnow_doc_json and winnow_doc_explain.
 * Only the public API (include/winnow.h): nothing here depends on how
 * src/html does its work.
 *
 * Input: two header bytes, then the page (any bytes).
 *   h[0]  bits 0-2: the Content-Type given (none, text/html, or text/html
 *         with one of six charsets); bit 3: through winnow_clean_record;
 *         bits 4-7: with h[1] == 0xFF, the page is repeated 2^(h[0] >> 4)
 *         times, cut at PAGE_MAX: pages up to 1 MiB from small inputs
 *         (64 KiB under libFuzzer unless FUZZ_PAGE_MAX=bytes is set)
 *   h[1]  0xFF: repeat; anything else: the page once
 * (or give pages up to 1 MiB directly: -max_len=1048576). Big pages are
 * slow under ASan (about a second per MiB), so repetition is kept rare.
 *
 * Checks: the status is OK, or FORMAT / LIMIT / UNSUPPORTED with a class
 * whose status it is; an OK document holds every promise fuzz_clean checks
 * (fuzz_doc.h: text, blocks, metadata, clean text, JSON line, explain),
 * says it came from HTML, names the charset it was decoded from and how it
 * was decided, and its title is valid UTF-8; the JSON line carries the
 * record's id. Cleaning the same page again on the same context gives the
 * same line (nothing of the last page stays behind). Fault runs as in
 * fuzz_clean (fuzz_common.h). */
#include "fuzz_doc.h"

#define PAGE_MAX ((size_t)1 << 20) /* the largest page made by repetition */
/* ... under libFuzzer, unless FUZZ_PAGE_MAX says otherwise: its comparison
 * tracing finds the repetition byte at once, and pages of a MiB (about a
 * second each under ASan) then took most of a run */
#define PAGE_MAX_FUZZING ((size_t)64 << 10)

static size_t page_max(void) {
  static size_t max;
  if (!max) {
    const char *e = getenv("FUZZ_PAGE_MAX");
    max = FUZZ_LIBFUZZER ? PAGE_MAX_FUZZING : PAGE_MAX;
    if (e && atol(e) > 0)
      max = (size_t)atol(e) < PAGE_MAX ? (size_t)atol(e) : PAGE_MAX;
  }
  return max;
}

static const char *const CTYPES[] = {
    NULL,
    "text/html",
    "text/html; charset=utf-8",
    "text/html; charset=gbk",
    "text/html; charset=big5",
    "text/html; charset=shift_jis",
    "text/html; charset=windows-1252",
    "text/html; charset=utf-16le",
};

static const char *const SOURCES[] = {"bom",      "http",    "meta",
                                      "detected", "default", "label_overridden"};

typedef struct page {
  const char *bytes;
  size_t len;
  const char *ctype;
  const winnow_record *rec; /* NULL: winnow_clean_bytes */
} page;

static winnow_status clean(winnow_ctx *c, const void *arg, const winnow_doc **d) {
  const page *pg = arg;
  if (pg->rec)
    return winnow_clean_record(c, pg->rec, d);
  return winnow_clean_bytes(c, WINNOW_CONTENT_HTML, pg->bytes, pg->len, pg->ctype, d);
}

static int known_source(const char *s) {
  for (size_t i = 0; i < sizeof SOURCES / sizeof SOURCES[0]; i++)
    if (strcmp(s, SOURCES[i]) == 0)
      return 1;
  return 0;
}

static void check_page_doc(const winnow_doc *d) {
  FUZZ_CHECK(d->content == WINNOW_CONTENT_HTML);
  FUZZ_CHECK(d->charset != NULL && d->charset[0] != '\0');
  FUZZ_CHECK(d->charset_source != NULL && known_source(d->charset_source));
  if (d->html_title)
    FUZZ_CHECK(fuzz_utf8_valid(d->html_title, strlen(d->html_title)));
  FUZZ_CHECK(d->warnings < (1u << WINNOW_WARN_COUNT_));
}

/* The page the input describes: data itself, or a repetition (malloc'd,
 * *owned set). */
static const char *make_page(const uint8_t *data, size_t size, uint8_t h0, uint8_t h1, size_t *len,
                             char **owned) {
  *owned = NULL;
  *len = size;
  if (h1 != 0xFF || size == 0)
    return (const char *)data;
  size_t times = (size_t)1 << (h0 >> 4), total = size * times;
  if (total / times != size || total > page_max())
    total = page_max();
  char *p = malloc(total ? total : 1);
  FUZZ_CHECK(p != NULL);
  for (size_t at = 0; at < total; at += size)
    memcpy(p + at, data, total - at < size ? total - at : size);
  *owned = p;
  *len = total;
  return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 2)
    return 0;
  winnow_ctx *c = fuzz_ctx("fuzz_page");
  char *owned;
  page pg = {.ctype = CTYPES[data[0] & 7]};
  pg.bytes = make_page(data + 2, size - 2, data[0], data[1], &pg.len, &owned);
  winnow_record rec = {.source = "fuzz",
                       .index = 1,
                       .id = "page-1",
                       .text = pg.bytes,
                       .text_len = pg.len,
                       .type = WINNOW_REC_RESPONSE,
                       .content = WINNOW_CONTENT_HTML,
                       .url = "http://example.com/page",
                       .content_type = pg.ctype,
                       .http_status = 200};
  if (data[0] & 8)
    pg.rec = &rec;

  const winnow_doc *d = NULL;
  winnow_status st = clean(c, &pg, &d);
  if (st != WINNOW_OK) { /* bytes that are no text, or a cap: a named class */
    winnow_errclass ec = winnow_ctx_errclass(c);
    FUZZ_CHECK(d == NULL && ec != WINNOW_EC_NONE && winnow_errclass_status(ec) == st);
    FUZZ_CHECK(st == WINNOW_ERR_FORMAT || st == WINNOW_ERR_LIMIT || st == WINNOW_ERR_UNSUPPORTED);
    FUZZ_CHECK(winnow_ctx_errmsg(c)[0] != '\0');
    free(owned);
    return 0;
  }
  FUZZ_CHECK(d != NULL);
  check_page_doc(d);
  check_doc(c, d, pg.rec, pg.rec ? rec.id : "");
  size_t len;
  char *json = fuzz_json_copy(c, d, pg.rec, &len);

  /* again on the same context: the same line */
  FUZZ_OK(clean(c, &pg, &d));
  size_t len2;
  char *json2 = fuzz_json_copy(c, d, pg.rec, &len2);
  FUZZ_CHECK(len2 == len && memcmp(json2, json, len) == 0);
  free(json2);

  fuzz_clean_faults(clean, &pg, pg.rec, data, size, json, len);
  free(json);
  free(owned);
  return 0;
}
