/* Unit tests of winnow_clean_bytes and winnow_clean_record: the charset
 * set of tests/charset (the generator must reproduce the committed files;
 * every page must give its charset, the way it was decided, its <title> and
 * every article paragraph), binary payloads, stray NULs, the HTML pass's
 * caps, the document caps, the record contract, and allocation failures at
 * every point (builds with WINNOW_FAULT_INJECTION). Run from the repository
 * root (ctest does). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "check_alloc.h"
#include "api/wn_ctx.h"
#include "common/wn_common.h"

#define CHARSET_DIR "tests/charset/pages"

static winnow_model *model;

/* ---- the charset set ------------------------------------------------------ */

static void test_generator(void) {
  int rc = system("/usr/bin/python3 tests/charset/gen_charset.py --check " CHARSET_DIR);
  CHECK(rc == 0);
}

/* Split s at '\n' in place; up to max fields. */
static size_t split(char *s, char sep, char **f, size_t max) {
  size_t n = 0;
  while (n < max) {
    f[n++] = s;
    char *e = strchr(s, sep);
    if (!e)
      break;
    *e = '\0';
    s = e + 1;
  }
  return n;
}

/* One page of the manifest: clean it, check what was decided and that the
 * clean text holds every paragraph. Returns 1 when it was read. */
static int check_page(winnow_ctx *c, char *line) {
  char *f[6];
  if (split(line, '\t', f, 6) != 6)
    return 0;
  const char *name = f[0], *file = f[1], *ctype = strcmp(f[3], "-") ? f[3] : NULL;
  winnow_content content = !strcmp(f[2], "html") ? WINNOW_CONTENT_HTML : WINNOW_CONTENT_PLAIN;
  char path[256];
  size_t len, elen;
  snprintf(path, sizeof path, CHARSET_DIR "/%s", file);
  char *bytes = check_slurp(path, &len);
  snprintf(path, sizeof path, CHARSET_DIR "/%s.expected.txt", name);
  char *expected = check_slurp(path, &elen);
  CHECK(bytes && expected);
  if (!bytes || !expected) {
    free(bytes);
    free(expected);
    return 0;
  }
  const winnow_doc *d = NULL;
  winnow_status st = winnow_clean_bytes(c, content, bytes, len, ctype, &d);
  CHECK(st == WINNOW_OK && d);
  if (st != WINNOW_OK || !d) {
    fprintf(stderr, "  %s: %s (%s)\n", name, winnow_status_str(st), winnow_ctx_errmsg(c));
    free(bytes);
    free(expected);
    return 1;
  }
  int bad = check_fail;
  CHECK_STR(d->charset, f[4]);
  CHECK_STR(d->charset_source, f[5]);
  CHECK(d->content == content);
  CHECK(winnow_ctx_errclass(c) == WINNOW_EC_NONE);
  /* a mislabelled page carries the warning, and only that one */
  uint32_t want_warn = !strcmp(f[5], "label_overridden") ? WINNOW_WARN_CHARSET_LABEL : 0;
  CHECK(d->warnings == want_warn);
  CHECK(d->n_invalid_utf8 == 0 && d->n_nul == 0);
  char *lines[16];
  size_t n = split(expected, '\n', lines, 16);
  if (content == WINNOW_CONTENT_HTML) {
    CHECK_STR(d->html_title, lines[0]);
    CHECK(d->meta.title != NULL);
  } else {
    CHECK(d->html_title == NULL);
  }
  size_t paras = 0;
  for (size_t i = 1; i < n; i++) {
    if (!lines[i][0])
      continue;
    paras++;
    CHECK(strstr(d->clean, lines[i]) != NULL);
  }
  CHECK(paras >= 3);
  /* the same bytes as a record */
  winnow_record rec = {.status = WINNOW_OK,
                       .content = content,
                       .text = bytes,
                       .text_len = len,
                       .content_type = ctype};
  const winnow_doc *d2 = NULL;
  CHECK(winnow_clean_record(c, &rec, &d2) == WINNOW_OK && d2);
  if (d2)
    CHECK_STR(d2->charset, f[4]);
  if (check_fail != bad)
    fprintf(stderr, "  ^ in page %s\n", name);
  free(bytes);
  free(expected);
  return 1;
}

static void test_charset_set(void) {
  size_t len;
  char *manifest = check_slurp(CHARSET_DIR "/manifest.tsv", &len);
  CHECK(manifest != NULL);
  if (!manifest)
    return;
  winnow_ctx *c = winnow_ctx_create(model);
  char *lines[64];
  size_t n = split(manifest, '\n', lines, 64), pages = 0;
  for (size_t i = 0; i < n; i++)
    if (lines[i][0])
      pages += (size_t)check_page(c, lines[i]);
  CHECK(pages >= 20);
  printf("charset set: %zu pages\n", pages);
  winnow_ctx_free(c);
  free(manifest);
}

/* ---- binary payloads ---------------------------------------------------------- */

static void expect_binary(winnow_ctx *c, const char *what, const char *bytes, size_t len,
                          const char *ctype) {
  for (int k = WINNOW_CONTENT_PLAIN; k <= WINNOW_CONTENT_HTML; k++) {
    const winnow_doc *d = (const winnow_doc *)1;
    winnow_status st = winnow_clean_bytes(c, (winnow_content)k, bytes, len, ctype, &d);
    CHECK(st == WINNOW_ERR_FORMAT);
    CHECK(d == NULL);
    CHECK(winnow_ctx_errclass(c) == WINNOW_EC_BINARY);
    CHECK(strstr(winnow_ctx_errmsg(c), "bytes are") != NULL);
    if (st != WINNOW_ERR_FORMAT || winnow_ctx_errclass(c) != WINNOW_EC_BINARY)
      fprintf(stderr, "  ^ %s as %d: %s\n", what, k, winnow_ctx_errmsg(c));
  }
}

static const char ARTICLE[] =
    "<html><head><title>Harbour lights</title></head><body>\n"
    "<p>The harbour authority switched on the new lights along the east pier last night, "
    "and fishermen said the entrance is now much easier to find in fog.</p>\n"
    "<p>The lamps use a fifth of the power of the old ones and can be dimmed during the "
    "nesting season of the terns that breed on the breakwater.</p>\n"
    "</body></html>\n";

static uint32_t lcg(uint32_t *s) {
  *s = *s * 1664525u + 1013904223u;
  return *s >> 24;
}

static void test_binary(void) {
  winnow_ctx *c = winnow_ctx_create(model);
  static char buf[8192];
  /* signatures, followed by text-looking bytes: the signature decides */
  static const struct {
    const char *what, *sig;
    size_t len;
  } sigs[] = {
      {"png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16},
      {"pdf", "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", 15},
      {"gif", "GIF89a", 6},
      {"jpeg", "\xFF\xD8\xFF\xE0\0\x10JFIF", 10},
      {"zip", "PK\x03\x04\x14\0", 6},
      {"gzip", "\x1F\x8B\x08\0", 4},
      {"zstd", "\x28\xB5\x2F\xFD", 4},
      {"webp", "RIFF\x24\0\0\0WEBPVP8 ", 16},
      {"mp4",
       "\0\0\0\x18"
       "ftypmp42",
       12},
  };
  for (size_t i = 0; i < WN_ARRAY_LEN(sigs); i++) {
    memcpy(buf, sigs[i].sig, sigs[i].len);
    memset(buf + sigs[i].len, 'a', 200);
    expect_binary(c, sigs[i].what, buf, sigs[i].len + 200, "text/html");
  }
  /* a PNG labelled as UTF-8 HTML */
  memcpy(buf, sigs[0].sig, 16);
  expect_binary(c, "png utf-8", buf, 16, "text/html; charset=utf-8");
  /* random bytes */
  uint32_t seed = 12345;
  for (size_t i = 0; i < sizeof buf; i++)
    buf[i] = (char)lcg(&seed);
  buf[0] = 'x'; /* no accidental signature or BOM */
  expect_binary(c, "random", buf, sizeof buf, NULL);
  expect_binary(c, "random latin1", buf, sizeof buf, "text/html; charset=iso-8859-1");
  /* a page of mostly NULs after a little markup */
  memset(buf, 0, sizeof buf);
  memcpy(buf, "<html><body><p>x</p>", 20);
  expect_binary(c, "nuls", buf, sizeof buf, NULL);
  /* ... labelled UTF-16 by HTTP: NUL code units are no text either */
  expect_binary(c, "nuls utf-16", buf, sizeof buf, "text/html; charset=utf-16le");
  /* C0 controls without NULs */
  for (size_t i = 0; i < 2048; i++)
    buf[i] = (char)(i % 3 ? 'a' + i % 26 : 0x01 + i % 7);
  expect_binary(c, "controls", buf, 2048, NULL);
  /* the context stays usable */
  const winnow_doc *d;
  CHECK(winnow_clean_bytes(c, WINNOW_CONTENT_HTML, ARTICLE, sizeof ARTICLE - 1, NULL, &d) ==
        WINNOW_OK);
  CHECK(winnow_ctx_errclass(c) == WINNOW_EC_NONE && !winnow_ctx_errmsg(c)[0]);
  CHECK(strstr(d->clean, "harbour authority") != NULL);
  winnow_ctx_free(c);
}

/* Text that is not binary: stray NULs, ESC sequences, UTF-16 without BOM,
 * short inputs, and a form feed or two. */
static void test_not_binary(void) {
  winnow_ctx *c = winnow_ctx_create(model);
  const winnow_doc *d;
  /* an HTML page with a few stray NULs: read, NULs become U+FFFD */
  char page[sizeof ARTICLE];
  memcpy(page, ARTICLE, sizeof ARTICLE);
  size_t len = sizeof ARTICLE - 1;
  const char *at = strstr(page, "fishermen");
  page[at - page - 1] = '\0';
  page[len - 3] = '\0';
  page[60] = '\0';
  winnow_status st = winnow_clean_bytes(c, WINNOW_CONTENT_HTML, page, len, NULL, &d);
  CHECK(st == WINNOW_OK);
  if (st == WINNOW_OK) {
    CHECK(d->warnings & WINNOW_WARN_REPAIRED);
    CHECK(d->n_nul == 3 && d->n_invalid_utf8 == 0);
    CHECK(strstr(d->clean, "\xEF\xBF\xBD"
                           "fishermen") != NULL);
    CHECK_STR(d->charset, "UTF-8");
  }
  /* the same as plain text */
  st = winnow_clean_bytes(c, WINNOW_CONTENT_PLAIN, page, len, "text/plain", &d);
  CHECK(st == WINNOW_OK && (d->warnings & WINNOW_WARN_REPAIRED));
  /* 7 NULs in a short input are still below the minimum */
  char small[120];
  memset(small, 'w', sizeof small);
  for (int i = 0; i < 7; i++)
    small[10 + 15 * i] = '\0';
  CHECK(winnow_clean_bytes(c, WINNOW_CONTENT_PLAIN, small, sizeof small, NULL, &d) == WINNOW_OK);
  CHECK(d && d->n_nul == 7);
  /* invalid UTF-8 under a UTF-8 label: repaired, counted, warned */
  static const char bad[] =
      "<p>Caf\xC3\xA9 cr\xC3\xA8me, cr\xC3\xAApe, na\xC3\xAFve, d\xC3\xA9j\xC3\xA0 "
      "vu, fa\xC3\xA7"
      "ade, \xC3\xA9t\xC3\xA9: caf\xC3 au lait \xFF.</p>";
  st = winnow_clean_bytes(c, WINNOW_CONTENT_HTML, bad, sizeof bad - 1, "text/html; charset=utf-8",
                          &d);
  CHECK(st == WINNOW_OK && d->n_invalid_utf8 == 2 && (d->warnings & WINNOW_WARN_REPAIRED));
  CHECK(st == WINNOW_OK && !strcmp(d->charset_source, "http"));
  /* ISO-2022-JP: ESC sequences are text */
  static const char jis[] = "<p>\x1B$B$3$s$K$A$O\x1B(B hello \x1B$B@$3&\x1B(B</p>";
  st = winnow_clean_bytes(c, WINNOW_CONTENT_HTML, jis, sizeof jis - 1,
                          "text/html; charset=iso-2022-jp", &d);
  CHECK(st == WINNOW_OK);
  if (st == WINNOW_OK) {
    CHECK_STR(d->charset, "ISO-2022-JP");
    CHECK(strstr(d->clean, "こんにちは hello 世界") != NULL);
  }
  /* UTF-16LE without a BOM: the NUL pattern says UTF-16, so no binary */
  char u16[2 * sizeof ARTICLE];
  for (size_t i = 0; i < sizeof ARTICLE - 1; i++) {
    u16[2 * i] = ARTICLE[i];
    u16[2 * i + 1] = 0;
  }
  st = winnow_clean_bytes(c, WINNOW_CONTENT_HTML, u16, 2 * (sizeof ARTICLE - 1), NULL, &d);
  CHECK(st == WINNOW_OK);
  if (st == WINNOW_OK) {
    CHECK_STR(d->charset, "UTF-16LE");
    CHECK_STR(d->charset_source, "detected");
    CHECK_STR(d->html_title, "Harbour lights");
    CHECK(strstr(d->clean, "nesting season") != NULL);
  }
  /* empty and tiny inputs */
  CHECK(winnow_clean_bytes(c, WINNOW_CONTENT_HTML, NULL, 0, NULL, &d) == WINNOW_OK);
  CHECK(d && d->clean_len == 0 && d->html_title == NULL);
  CHECK(winnow_clean_bytes(c, WINNOW_CONTENT_PLAIN, "", 0, NULL, &d) == WINNOW_OK);
  CHECK(winnow_clean_bytes(c, WINNOW_CONTENT_PLAIN, "\0", 1, NULL, &d) == WINNOW_OK);
  CHECK(winnow_clean_bytes(c, WINNOW_CONTENT_HTML, "\xFF\xFE", 2, NULL, &d) == WINNOW_OK);
  CHECK(winnow_clean_bytes(c, WINNOW_CONTENT_HTML, "\xFF\xFE<", 3, NULL, &d) == WINNOW_OK);
  winnow_ctx_free(c);
}

/* ---- the title ----------------------------------------------------------------- */

static void test_title(void) {
  winnow_ctx *c = winnow_ctx_create(model);
  const winnow_doc *d;
  /* no heading: the classifier finds no title, the <title> is the fallback */
  static const char notitle[] =
      "<title>\n  Quiet   streets\tafter the storm </title>\n"
      "<p>Residents spent the morning clearing branches from the roads after the storm "
      "brought down dozens of trees across the old town overnight.</p>\n"
      "<p>Power was restored to most homes by noon, the utility company said, and schools "
      "will open again on Monday as planned.</p>\n";
  CHECK(winnow_clean_bytes(c, WINNOW_CONTENT_HTML, notitle, sizeof notitle - 1, NULL, &d) ==
        WINNOW_OK);
  CHECK_STR(d->html_title, "Quiet streets after the storm");
  CHECK_STR(d->meta.title, "Quiet streets after the storm");
  CHECK(d->n_title_block == UINT32_MAX); /* the fallback: no block is the title */
  /* a heading the classifier takes wins over <title> */
  static const char heading[] =
      "<title>Site name | Section</title><h1>Volunteers restore the old lighthouse</h1>\n"
      "<p>A group of volunteers has spent three summers repairing the lighthouse on the "
      "northern headland, replacing rotten timber and repainting the tower.</p>\n"
      "<p>The lamp room will open to visitors in August, and the group hopes to raise "
      "enough money to restore the keeper's cottage next year.</p>\n";
  CHECK(winnow_clean_bytes(c, WINNOW_CONTENT_HTML, heading, sizeof heading - 1, NULL, &d) ==
        WINNOW_OK);
  CHECK_STR(d->html_title, "Site name | Section");
  CHECK_STR(d->meta.title, "Volunteers restore the old lighthouse");
  /* an empty <title> is no title */
  static const char empty[] = "<title> \n </title><p>Just one line of text here.</p>";
  CHECK(winnow_clean_bytes(c, WINNOW_CONTENT_HTML, empty, sizeof empty - 1, NULL, &d) == WINNOW_OK);
  CHECK(d->html_title == NULL);
  /* the JSON line has it */
  const char *out;
  size_t len;
  CHECK(winnow_clean_bytes(c, WINNOW_CONTENT_HTML, notitle, sizeof notitle - 1, NULL, &d) ==
        WINNOW_OK);
  CHECK(winnow_doc_json(c, d, NULL, &out, &len) == WINNOW_OK);
  CHECK(strstr(out, "\"title\":\"Quiet streets after the storm\"") != NULL);
  CHECK(strstr(out, "\"charset\":\"UTF-8\",\"charset_source\":\"default\"") != NULL);
  winnow_ctx_free(c);
}

/* Each block of an HTML page gets the DOM record of its line: link code
 * points reach winnow_features.link_cp; text input has none. */
static void test_dom_blocks(void) {
  winnow_ctx *c = winnow_ctx_create(model);
  const winnow_doc *d;
  static const char page[] =
      "<ul><li><a href=/>Home</a></li><li><a href=/n>News today</a></li></ul>\n"
      "<p>Residents spent the <a href=/m>whole morning</a> clearing branches from the roads "
      "after the storm brought down dozens of trees.</p><p>No links here.</p>";
  CHECK(winnow_clean_bytes(c, WINNOW_CONTENT_HTML, page, sizeof page - 1, NULL, &d) == WINNOW_OK);
  CHECK(d->n_blocks == 4);
  if (d->n_blocks == 4) {
    CHECK(d->blocks[0].f.link_cp == 4);
    CHECK(d->blocks[1].f.link_cp == 10);
    CHECK(d->blocks[2].f.link_cp == 13);
    CHECK(d->blocks[3].f.link_cp == 0);
  }
  CHECK(c->doc.dom != NULL);
  if (c->doc.dom && d->n_blocks == 4) {
    CHECK(c->doc.dom[0].tag == WN_DT_LI && c->doc.dom[0].n_links == 1);
    CHECK(c->doc.dom[2].tag == WN_DT_P && c->doc.dom[2].n_links == 1);
  }
  static const char text[] = "<a href=x>not a link</a> in a text file\n";
  CHECK(winnow_clean_bytes(c, WINNOW_CONTENT_PLAIN, text, sizeof text - 1, NULL, &d) == WINNOW_OK);
  CHECK(c->doc.dom == NULL && d->n_blocks == 1 && d->blocks[0].f.link_cp == 0);
  winnow_ctx_free(c);
}

/* ---- caps ------------------------------------------------------------------------- */

static void test_html_limit(void) {
  winnow_ctx *c = winnow_ctx_create(model);
  size_t depth = 70000, len = 0;
  char *deep = malloc(depth * 5 + 300000 * 4 + 64);
  for (size_t i = 0; i < depth; i++) {
    memcpy(deep + len, "<div>", 5);
    len += 5;
  }
  memcpy(deep + len, "text", 4);
  len += 4;
  /* past the nesting cap: flattened, the text kept, a warning */
  const winnow_doc *d = NULL;
  winnow_status st = winnow_clean_bytes(c, WINNOW_CONTENT_HTML, deep, len, NULL, &d);
  CHECK(st == WINNOW_OK && d && (d->warnings & WINNOW_WARN_HTML_FLAT));
  CHECK(st == WINNOW_OK && d && d->text && strstr(d->text, "text"));
  /* stray end tags deep down: over the parser's work cap, an error */
  for (size_t i = 0; i < 300000; i++) {
    memcpy(deep + len, "</x>", 4);
    len += 4;
  }
  d = (const winnow_doc *)1;
  st = winnow_clean_bytes(c, WINNOW_CONTENT_HTML, deep, len, NULL, &d);
  CHECK(st == WINNOW_ERR_LIMIT && d == NULL);
  CHECK(winnow_ctx_errclass(c) == WINNOW_EC_HTML_LIMIT);
  CHECK(strstr(winnow_ctx_errmsg(c), "HTML") != NULL);
  /* as plain text it is just text */
  CHECK(winnow_clean_bytes(c, WINNOW_CONTENT_PLAIN, deep, len, NULL, &d) == WINNOW_OK);
  CHECK(winnow_clean_bytes(c, WINNOW_CONTENT_HTML, ARTICLE, sizeof ARTICLE - 1, NULL, &d) ==
        WINNOW_OK);
  free(deep);
  winnow_ctx_free(c);
}

static void expect_too_big(winnow_ctx *c, winnow_content k, const char *s, size_t n,
                           const char *ctype, const char *why) {
  const winnow_doc *d = (const winnow_doc *)1;
  winnow_status st = winnow_clean_bytes(c, k, s, n, ctype, &d);
  CHECK(st == WINNOW_ERR_LIMIT && d == NULL);
  CHECK(winnow_ctx_errclass(c) == WINNOW_EC_DOC_TOO_BIG);
  CHECK(strstr(winnow_ctx_errmsg(c), "max-doc-bytes") != NULL);
  if (st != WINNOW_ERR_LIMIT || winnow_ctx_errclass(c) != WINNOW_EC_DOC_TOO_BIG)
    fprintf(stderr, "  ^ %s: %s\n", why, winnow_ctx_errmsg(c));
}

static void expect_ok(winnow_ctx *c, winnow_content k, const char *s, size_t n, const char *ctype,
                      const char *why) {
  const winnow_doc *d = NULL;
  winnow_status st = winnow_clean_bytes(c, k, s, n, ctype, &d);
  CHECK(st == WINNOW_OK && d);
  if (st != WINNOW_OK)
    fprintf(stderr, "  ^ %s: %s\n", why, winnow_ctx_errmsg(c));
}

static void test_caps(void) {
  winnow_ctx *c = winnow_ctx_create(model);
  const int64_t m = 1000;
  CHECK(winnow_ctx_set(c, WINNOW_P_MAX_DOC_BYTES, m) == WINNOW_OK);
  static char buf[8192];
  /* raw bytes over 4 x M, whatever they hold */
  memset(buf, 'a', sizeof buf);
  expect_too_big(c, WINNOW_CONTENT_HTML, buf, 4 * m + 1, NULL, "raw html");
  expect_too_big(c, WINNOW_CONTENT_PLAIN, buf, 4 * m + 1, NULL, "raw plain");
  /* plain text: its UTF-8 at most M, exactly M is fine */
  expect_ok(c, WINNOW_CONTENT_PLAIN, buf, (size_t)m, NULL, "plain of M bytes");
  expect_too_big(c, WINNOW_CONTENT_PLAIN, buf, (size_t)m + 1, NULL, "plain of M+1 bytes");
  /* GBK plain text of 700 bytes (350 characters) is 1050 bytes of UTF-8 */
  for (size_t i = 0; i < 700; i += 2)
    memcpy(buf + i, "\xD6\xD0", 2); /* 中 */
  expect_too_big(c, WINNOW_CONTENT_PLAIN, buf, 700, "text/plain; charset=gbk", "gbk plain");
  expect_ok(c, WINNOW_CONTENT_PLAIN, buf, 600, "text/plain; charset=gbk", "gbk plain 900");
  /* HTML: 3000 bytes of markup around 500 bytes of text are fine */
  size_t len = 0;
  for (int i = 0; i < 100; i++)
    len += (size_t)snprintf(buf + len, sizeof buf - len, "<div class=\"c%02d\">word%02d</div>", i,
                            i % 100);
  CHECK(len > 2500 && len < 4 * (size_t)m);
  expect_ok(c, WINNOW_CONTENT_HTML, buf, len, NULL, "markup-heavy page");
  /* ... but its text over M is not */
  memset(buf, 'a', 2000);
  memcpy(buf, "<p>", 3);
  expect_too_big(c, WINNOW_CONTENT_HTML, buf, 2000, NULL, "html text over M");
  /* the page in UTF-8 over 4 x M: 3600 bytes of GBK become 5400 */
  for (size_t i = 0; i < 3600; i += 2)
    memcpy(buf + i, "\xD6\xD0", 2);
  memcpy(buf, "<b>", 3);
  memcpy(buf + 3597, "<p>", 3);
  expect_too_big(c, WINNOW_CONTENT_HTML, buf, 3600, "text/html; charset=gbk", "page utf-8");
  /* too many blocks is its own class */
  CHECK(winnow_ctx_set(c, WINNOW_P_MAX_BLOCKS, 1) == WINNOW_OK);
  const winnow_doc *d;
  CHECK(winnow_clean_bytes(c, WINNOW_CONTENT_HTML, ARTICLE, sizeof ARTICLE - 1, NULL, &d) ==
        WINNOW_ERR_LIMIT);
  CHECK(winnow_ctx_errclass(c) == WINNOW_EC_TOO_MANY_BLOCKS);
  CHECK(winnow_ctx_set(c, WINNOW_P_MAX_BLOCKS, 1000) == WINNOW_OK);
  CHECK(winnow_clean_bytes(c, WINNOW_CONTENT_HTML, ARTICLE, sizeof ARTICLE - 1, NULL, &d) ==
        WINNOW_OK);
  winnow_ctx_free(c);
}

/* ---- arguments and records -------------------------------------------------------- */

static void test_record(void) {
  winnow_ctx *c = winnow_ctx_create(model);
  const winnow_doc *d;
  CHECK(winnow_clean_bytes(NULL, WINNOW_CONTENT_HTML, "x", 1, NULL, &d) == WINNOW_ERR_ARG);
  CHECK(winnow_clean_bytes(c, WINNOW_CONTENT_HTML, NULL, 1, NULL, &d) == WINNOW_ERR_ARG);
  CHECK(winnow_clean_bytes(c, WINNOW_CONTENT_HTML, "x", 1, NULL, NULL) == WINNOW_ERR_ARG);
  CHECK(winnow_clean_bytes(c, WINNOW_CONTENT_COUNT_, "x", 1, NULL, &d) == WINNOW_ERR_ARG);
  /* TEXT is winnow_clean_text: no charset, repairs counted the same way */
  static const char text[] = "Some text\xFF with a bad byte, long enough to be read as prose.";
  CHECK(winnow_clean_bytes(c, WINNOW_CONTENT_TEXT, text, sizeof text - 1, NULL, &d) == WINNOW_OK);
  CHECK(d->charset == NULL && d->charset_source == NULL && d->content == WINNOW_CONTENT_TEXT);
  CHECK(d->n_invalid_utf8 == 1);
  char *clean1 = strdup(d->clean);
  CHECK(winnow_clean_text(c, text, sizeof text - 1, &d) == WINNOW_OK);
  CHECK_STR(d->clean, clean1);
  free(clean1);
  /* the record contract */
  winnow_record rec = {.status = WINNOW_OK,
                       .content = WINNOW_CONTENT_HTML,
                       .text = ARTICLE,
                       .text_len = sizeof ARTICLE - 1,
                       .content_type = "text/html; charset=windows-1252"};
  CHECK(winnow_clean_record(c, &rec, &d) == WINNOW_OK);
  CHECK_STR(d->charset, "windows-1252");
  CHECK_STR(d->charset_source, "http");
  CHECK_STR(d->html_title, "Harbour lights");
  rec.content = WINNOW_CONTENT_PLAIN;
  CHECK(winnow_clean_record(c, &rec, &d) == WINNOW_OK);
  CHECK(d->html_title == NULL && strstr(d->clean, "<p>") != NULL);
  rec.content = WINNOW_CONTENT_TEXT;
  CHECK(winnow_clean_record(c, &rec, &d) == WINNOW_OK);
  CHECK(d->charset == NULL);
  rec.drop = WINNOW_DROP_CONTENT_TYPE;
  CHECK(winnow_clean_record(c, &rec, &d) == WINNOW_ERR_ARG);
  rec.drop = WINNOW_DROP_NONE;
  rec.status = WINNOW_ERR_FORMAT;
  CHECK(winnow_clean_record(c, &rec, &d) == WINNOW_ERR_ARG);
  CHECK(winnow_clean_record(c, NULL, &d) == WINNOW_ERR_ARG);
  winnow_ctx_free(c);
}

/* ---- allocation failures ------------------------------------------------------------ */

/* Each allocation of a clean_bytes call (and its JSON line) fails once: the
 * call ends in OK or NOMEM (class nomem), never crashes, and the same
 * context then cleans the page as if nothing had happened. */
static void sweep(const char *what, winnow_content k, const char *bytes, size_t len,
                  const char *ctype) {
  winnow_ctx *c = winnow_ctx_create(model);
  const winnow_doc *d;
  CHECK(winnow_clean_bytes(c, k, bytes, len, ctype, &d) == WINNOW_OK);
  char *want = strdup(d->clean);
  int nomem = 0, ok = 0, bad = check_fail;
  for (long n = 1; n <= 120; n++) {
    winnow_ctx_free(c); /* a fresh context: nothing cached yet */
    c = winnow_ctx_create(model);
    wn_alloc_fail_after(n);
    winnow_status st = winnow_clean_bytes(c, k, bytes, len, ctype, &d);
    const char *out;
    size_t olen;
    if (st == WINNOW_OK)
      st = winnow_doc_json(c, d, NULL, &out, &olen);
    wn_alloc_fail_after(0);
    CHECK(st == WINNOW_OK || st == WINNOW_ERR_NOMEM);
    if (st == WINNOW_ERR_NOMEM)
      CHECK(winnow_ctx_errclass(c) == WINNOW_EC_NOMEM);
    nomem += st == WINNOW_ERR_NOMEM;
    ok += st == WINNOW_OK;
    st = winnow_clean_bytes(c, k, bytes, len, ctype, &d);
    CHECK(st == WINNOW_OK && !strcmp(d->clean, want));
  }
  CHECK(ok > 0 && nomem > 0);
  if (check_fail != bad)
    fprintf(stderr, "  ^ in sweep %s\n", what);
  printf("allocation failures (%s): %d runs ended in NOMEM, %d in OK\n", what, nomem, ok);
  free(want);
  winnow_ctx_free(c);
}

static void test_alloc_failures(void) {
  if (!check_fault_injection()) {
    printf("allocation failures: not tested (a build without WINNOW_FAULT_INJECTION)\n");
    return;
  }
  size_t len;
  char *gbk = check_slurp(CHARSET_DIR "/gbk_labelled_utf8.html", &len);
  CHECK(gbk != NULL);
  if (gbk)
    sweep("gbk page", WINNOW_CONTENT_HTML, gbk, len, NULL);
  free(gbk);
  char *u16 = check_slurp(CHARSET_DIR "/utf16le_bom.html", &len);
  CHECK(u16 != NULL);
  if (u16)
    sweep("utf-16 page", WINNOW_CONTENT_HTML, u16, len, NULL);
  free(u16);
  char *plain = check_slurp(CHARSET_DIR "/plain_gbk.txt", &len);
  CHECK(plain != NULL);
  if (plain)
    sweep("gbk text", WINNOW_CONTENT_PLAIN, plain, len, "text/plain");
  free(plain);
}

int main(void) {
  char err[256];
  if (winnow_model_load(&model, err, sizeof err) != WINNOW_OK) {
    fprintf(stderr, "model: %s\n", err);
    return 1;
  }
  test_generator();
  test_charset_set();
  test_binary();
  test_not_binary();
  test_title();
  test_dom_blocks();
  test_html_limit();
  test_caps();
  test_record();
  test_alloc_failures();
  winnow_model_free(model);
  return check_done("clean_bytes");
}
