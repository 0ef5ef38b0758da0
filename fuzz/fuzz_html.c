/* fuzz_html.c - fuzz target for the HTML-to-text pass (src/html/wn_html.h,
 * wn_html_to_text over libxml2's SAX push parser).
 *
 * Input: three header bytes, then the page (any bytes: invalid UTF-8 and
 * NULs must be repaired, a BOM skipped).
 *   h[0]  bits 0-5: nesting cap 2..65 (deeper elements are flattened);
 *         bits 6-7: title cap 8, 16, 32, 64
 *   h[1]  output cap 32 + 32 * h[1] bytes (32..8192)
 *   h[2]  feed size of the second pass, 1 + h[2] bytes
 * Small caps, so the limit paths are reached by small inputs.
 *
 * Checks: the status is OK or LIMIT (with info->limit and its name set
 * exactly then); the text is NUL-terminated, NUL-free, valid UTF-8 and
 * within the cap; with OK it has no line break at either end and never
 * more than one blank line in a row; the counters agree with the text; the
 * title is valid UTF-8 within its cap. A second pass over buffers filled
 * with other stale bytes must give the same result (nothing depends on
 * memory the pass did not write). A third pass feeds libxml2 pieces of
 * 1 + h[2] bytes and must keep every invariant; its text may differ on
 * malformed markup (wn_html.h, opts.feed), so it is not compared. */
#include <string.h>

#include "fuzz_common.h"
#include "html/wn_html.h"

typedef struct result {
  winnow_status st;
  wn_buf out, title;
  wn_html_info info;
} result;

static void check_text(const char *p, size_t n, size_t cap) {
  FUZZ_CHECK(n <= cap);
  FUZZ_CHECK(n == 0 || p != NULL);
  if (!p)
    return;
  FUZZ_CHECK(p[n] == '\0');
  FUZZ_CHECK(memchr(p, '\0', n) == NULL);
  FUZZ_CHECK(fuzz_utf8_valid(p, n));
}

static void convert(result *r, const uint8_t *page, size_t n, size_t depth, size_t cap,
                    size_t title_cap, size_t feed, int stale) {
  wn_buf_init(&r->out, cap);
  wn_buf_init(&r->title, title_cap);
  /* buffers full of old bytes, as reused ones are: a missing NUL shows */
  FUZZ_CHECK(wn_buf_reserve(&r->out, cap) == WINNOW_OK);
  FUZZ_CHECK(wn_buf_reserve(&r->title, title_cap) == WINNOW_OK);
  memset(r->out.p, stale, r->out.cap);
  memset(r->title.p, stale, r->title.cap);
  wn_html_opts o = {.title = &r->title, .max_depth = depth, .feed = feed};
  r->st = wn_html_to_text((const char *)page, n, &o, &r->out, &r->info);
  const wn_html_info *i = &r->info;
  FUZZ_CHECK(r->st == WINNOW_OK || r->st == WINNOW_ERR_LIMIT);
  FUZZ_CHECK((r->st == WINNOW_ERR_LIMIT) == (i->limit != WN_HTML_LIMIT_NONE));
  FUZZ_CHECK(i->limit <= WN_HTML_LIMIT_WORK);
  FUZZ_CHECK((i->limit_name != NULL) == (i->limit != WN_HTML_LIMIT_NONE));
  FUZZ_CHECK(i->limit != WN_HTML_LIMIT_DEPTH); /* deeper elements are flattened */
  FUZZ_CHECK((i->flattened > 0) == (i->max_depth > depth));
  check_text(r->out.p, r->out.len, cap);
  FUZZ_CHECK(i->text_bytes <= r->out.len);
  FUZZ_CHECK(i->link_text_bytes <= i->text_bytes);
  if (r->st == WINNOW_OK && r->out.len) {
    const char *p = r->out.p;
    size_t len = r->out.len;
    FUZZ_CHECK(p[0] != '\n' && p[len - 1] != '\n');
    FUZZ_CHECK(memmem(p, len, "\n\n\n", 3) == NULL);
  }
  check_text(r->title.p, r->title.len, title_cap);
  FUZZ_CHECK(i->has_title || r->title.len == 0);
  FUZZ_CHECK(!i->title_cut || i->has_title);
}

static void same(const result *a, const result *b) {
  FUZZ_CHECK(a->st == b->st);
  FUZZ_CHECK(a->info.limit == b->info.limit);
  FUZZ_CHECK(a->out.len == b->out.len);
  FUZZ_CHECK(a->out.len == 0 || memcmp(a->out.p, b->out.p, a->out.len) == 0);
  FUZZ_CHECK(a->title.len == b->title.len);
  FUZZ_CHECK(a->title.len == 0 || memcmp(a->title.p, b->title.p, a->title.len) == 0);
  FUZZ_CHECK(a->info.elements == b->info.elements);
  FUZZ_CHECK(a->info.text_bytes == b->info.text_bytes);
  FUZZ_CHECK(a->info.link_text_bytes == b->info.link_text_bytes);
  FUZZ_CHECK(a->info.repaired == b->info.repaired);
  FUZZ_CHECK(a->info.max_depth == b->info.max_depth);
  FUZZ_CHECK(a->info.has_title == b->info.has_title);
}

static void result_free(result *r) {
  wn_buf_free(&r->out);
  wn_buf_free(&r->title);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 3)
    return 0;
  size_t depth = 2 + (data[0] & 0x3f), title_cap = (size_t)8 << (data[0] >> 6);
  size_t cap = 32 + (size_t)data[1] * 32, feed = 1 + (size_t)data[2];
  result whole, again, cut;
  convert(&whole, data + 3, size - 3, depth, cap, title_cap, 0, 0xA5);
  convert(&again, data + 3, size - 3, depth, cap, title_cap, 0, 0x5A);
  same(&whole, &again);
  convert(&cut, data + 3, size - 3, depth, cap, title_cap, feed, 0xA5);
  result_free(&whole);
  result_free(&again);
  result_free(&cut);
  return 0;
}
