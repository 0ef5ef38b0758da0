/* Unit tests of src/html: the plain DOM-to-text pass over libxml2 (layout,
 * hidden content, title, entities, <pre>, lists, tables, a lying <meta
 * charset>, broken markup, deep nesting, big pages and the caps, silence on
 * stderr, chunk invariance) and the WHATWG HTML sniffer. Fixture pages are
 * in tests/html/ (run from the source directory, as ctest does). */
#include <fcntl.h>
#include <libxml/globals.h>
#include <libxml/xmlerror.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "common/wn_common.h"
#include "html/wn_html.h"

#define FFFD "\xEF\xBF\xBD"

/* ---- helpers ------------------------------------------------------------------ */

static wn_buf g_out, g_title;
static wn_html_info g_info;

/* Convert with a feed size (0 = default) and a 64 MiB output cap. */
static winnow_status conv_feed(const char *html, size_t n, size_t feed) {
  wn_html_opts o = {.title = &g_title, .feed = feed};
  wn_buf_free(&g_out);
  wn_buf_init(&g_out, (size_t)64 << 20);
  winnow_status st = wn_html_to_text(html, n, &o, &g_out, &g_info);
  return st;
}

/* The text of a NUL-terminated page ("" for none). */
static const char *text_of(const char *html) {
  if (conv_feed(html, strlen(html), 0) != WINNOW_OK)
    return "(error)";
  return g_out.p ? g_out.p : "";
}

static char *slurp(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  wn_buf b;
  wn_buf_init(&b, (size_t)16 << 20);
  char tmp[65536];
  size_t k;
  while ((k = fread(tmp, 1, sizeof tmp, f)) > 0)
    if (wn_buf_add(&b, tmp, k) != WINNOW_OK)
      break;
  fclose(f);
  wn_buf_nul(&b);
  *n = b.len;
  return b.p;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* A page of `copies` repetitions of piece (with %d = index) in a buffer. */
static void repeat(wn_buf *b, const char *head, const char *piece, long copies, const char *tail) {
  wn_buf_init(b, (size_t)256 << 20);
  wn_buf_adds(b, head);
  for (long i = 0; i < copies; i++)
    wn_buf_printf(b, piece, (int)i);
  wn_buf_adds(b, tail);
  wn_buf_nul(b);
}

/* ---- layout ------------------------------------------------------------------- */

static void test_blocks(void) {
  CHECK_STR(text_of("<p>a</p><p>b</p>"), "a\n\nb");
  CHECK_STR(text_of("<div>one<div>two</div>three</div>"), "one\n\ntwo\n\nthree");
  CHECK_STR(text_of("<h1>T</h1>text<br>next<br><br>para"), "T\n\ntext\nnext\n\npara");
  CHECK_STR(text_of("<p>x <b>bold</b>   <i>it</i>\n end </p>"), "x bold it end");
  CHECK_STR(text_of("<div>a</div><div></div><div> </div><div>b</div>"), "a\n\nb");
  CHECK_STR(text_of("<section><header>h</header><article>a</article><footer>f</footer></section>"),
            "h\n\na\n\nf");
  CHECK_STR(text_of("<blockquote>q</blockquote><nav>n</nav><aside>s</aside><figure><img>"
                    "<figcaption>cap</figcaption></figure>"),
            "q\n\nn\n\ns\n\ncap");
  /* NBSP and U+3000 collapse like ASCII white space: no "&nbsp;" lines */
  CHECK_STR(text_of("<p>a&nbsp;</p><p>&nbsp;</p><p>\xE3\x80\x80\xE3\x80\x80"
                    "b c&nbsp;&nbsp;d</p>"),
            "a\n\nb c d");
  CHECK_STR(text_of("   \n "), "");
  CHECK_STR(text_of(""), "");
  CHECK_STR(text_of("just text"), "just text");
  CHECK_STR(text_of("<p>a <textarea>t  a\n b</textarea> c"), "a\nt a b\nc");
  CHECK_STR(text_of("<select><option>one<option>two</select>"), "one\ntwo");
}

static void test_hidden(void) {
  CHECK_STR(text_of("<head><style>p{}</style><script>var x='<p>no</p>';</script>"
                    "<meta charset=utf-8></head><body><p>yes</p><script>if (a<b) {}</script>"
                    "<style>.x{}</style>after</body>"),
            "yes\n\nafter");
  CHECK_STR(text_of("<svg><title>svgt</title><text>drawn</text></svg><p>x</p>"
                    "<template><p>tpl</p></template><noscript>ns</noscript>"
                    "<noembed>ne</noembed><noframes>nf</noframes><datalist><option>dl</datalist>y"),
            "x\n\ny");
  /* text in <head> goes to the body, as browsers do (libxml2 closes head) */
  CHECK_STR(text_of("<head><title>T</title>headtext<meta x></head><body>b"), "headtext\n\nb");
  /* comments, processing instructions */
  CHECK_STR(text_of("<p>a<!-- c -->b<?php echo 1; ?>c</p><!-- unterminated <p>x"), "abc");
  /* the rest of the page after an unterminated script is script */
  CHECK_STR(text_of("<p>a</p><script>var x = \"<p>no</p>\"; unterminated"), "a");
}

static void test_title(void) {
  CHECK_STR(text_of("<title>\n  A   title\t here </title><p>body</p><title>second</title>"),
            "body");
  CHECK_STR(g_title.p, "A title here");
  CHECK(g_info.has_title == 1 && g_info.title_cut == 0);
  CHECK_STR(text_of("<p>no title</p>"), "no title");
  CHECK_STR(g_title.p, "");
  CHECK(g_info.has_title == 0);
  CHECK_STR(text_of("<svg><title>icon</title></svg><title>real</title>x"), "x");
  CHECK_STR(g_title.p, "real");
  CHECK_STR(text_of("<title>&amp; &#x4E2D; <b>b</b></title>"), "");
  CHECK_STR(g_title.p, "& \xE4\xB8\xAD b");
  CHECK_STR(text_of("<title></title>x"), "x");
  CHECK(g_info.has_title == 1 && g_title.p && g_title.p[0] == 0);
  /* cut at a character boundary when the title buffer is full */
  wn_buf small;
  wn_buf_init(&small, 8);
  wn_html_opts o = {.title = &small};
  wn_buf out;
  wn_buf_init(&out, 1 << 20);
  const char *p = "<title>\xE4\xB8\xAD\xE6\x96\x87\xE6\xA0\x87\xE9\xA2\x98</title><p>t</p>";
  wn_html_info info;
  CHECK(wn_html_to_text(p, strlen(p), &o, &out, &info) == WINNOW_OK);
  CHECK_STR(small.p, "\xE4\xB8\xAD\xE6\x96\x87");
  CHECK(info.title_cut == 1);
  CHECK_STR(out.p, "t");
  /* no title buffer: found, not kept */
  wn_buf_clear(&out);
  CHECK(wn_html_to_text(p, strlen(p), NULL, &out, &info) == WINNOW_OK && info.has_title);
  wn_buf_free(&small);
  wn_buf_free(&out);
}

static void test_entities(void) {
  CHECK_STR(text_of("just &amp; &lt;b&gt; &#x4E2D;&#25991; &copy; &quot;q&quot; &foo; &nbsp;x"),
            "just & <b> \xE4\xB8\xAD\xE6\x96\x87 \xC2\xA9 \"q\" &foo; x");
  CHECK_STR(text_of("<p>&eacute;t&eacute; &euro;5 &#128512;</p>"), "\xC3\xA9t\xC3\xA9 \xE2\x82\xAC"
                                                                   "5 \xF0\x9F\x98\x80");
}

static void test_pre(void) {
  CHECK_STR(text_of("<p>x</p><pre>\r\n  x\r\n\ty\n\n\nz\n</pre><p>after</p>"),
            "x\n\n  x\n\ty\n\nz\n\nafter");
  CHECK_STR(text_of("<pre>\nint main(void) {\n    return 0;\n}\n</pre>"),
            "int main(void) {\n    return 0;\n}");
  CHECK_STR(text_of("<pre>a <b>b</b>  c\rd</pre>"), "a b  c\nd");
  CHECK_STR(text_of("<xmp>\n  kept</xmp>"), "  kept");
}

static void test_lists(void) {
  /* a list is one paragraph of lines, nested lists included */
  CHECK_STR(
      text_of("<p>before</p><ul><li>a<ul><li>b<li>b2</ul><li>c<p>in item</p></ul><p>after</p>"),
      "before\n\na\nb\nb2\nc\nin item\n\nafter");
  CHECK_STR(text_of("<ol><li><div><a href=/>Home</a></div></li><li><div>News</div></li></ol>"),
            "Home\nNews");
  CHECK_STR(text_of("<dl><dt>term<dd>def<dt>t2<dd>d2</dl>x"), "term\ndef\nt2\nd2\n\nx");
}

static void test_tables(void) {
  /* cells are TAB-separated, rows are lines, the table is a paragraph */
  CHECK_STR(text_of("<p>t</p><table><caption>Cap</caption><tr><th>N<th>A<tr><td>x<td><td>y"
                    "</table><p>after</p>"),
            "t\n\nCap\nN\tA\nx\ty\n\nafter");
  CHECK_STR(text_of("<table><thead><tr><td>h1</td><td>h2</td></tr></thead><tbody><tr><td>a b"
                    "</td><td> c </td></tr></tbody></table>"),
            "h1\th2\na b\tc");
  /* a cell with blocks of its own breaks the row */
  CHECK_STR(text_of("<table><tr><td><div>x</div></td><td>y</td></tr></table>"), "x\n\ny");
}

static void test_links_and_counts(void) {
  CHECK_STR(text_of("<p>see <a href=x>this link</a> now</p>"), "see this link now");
  CHECK(g_info.text_bytes == 17);
  CHECK(g_info.link_text_bytes == 9);
  CHECK(g_info.elements == 4); /* html and body (implied), p, a */
  CHECK(g_info.max_depth == 4);
  CHECK_STR(text_of("<ul><li><a>one</a><li><a>two two</a></ul><p>x y</p>"), "one\ntwo two\n\nx y");
  CHECK(g_info.text_bytes == 3 + 7 + 3);
  CHECK(g_info.link_text_bytes == 3 + 7);
}

/* ---- charsets and bytes ------------------------------------------------------- */

/* libxml2 2.9.14 would switch to gb2312 at the <meta> and stop at the first
 * byte that does not convert: the page is UTF-8 and must come out whole. */
static void test_lying_meta(void) {
  const char *page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
                     "charset=gb2312\"><meta charset=\"gb2312\"><title>\xE6\xA0\x87\xE9\xA2\x98"
                     "</title></head><body><p>\xE4\xB8\xAD\xE6\x96\x87\xE5\x86\x85\xE5\xAE\xB9"
                     "</p><p>\xE7\xAC\xAC\xE4\xBA\x8C\xE6\xAE\xB5</p></body></html>";
  CHECK_STR(text_of(page), "\xE4\xB8\xAD\xE6\x96\x87\xE5\x86\x85\xE5\xAE\xB9\n\n"
                           "\xE7\xAC\xAC\xE4\xBA\x8C\xE6\xAE\xB5");
  CHECK_STR(g_title.p, "\xE6\xA0\x87\xE9\xA2\x98");
  size_t n;
  char *f = slurp("tests/html/meta_gb2312.html", &n);
  CHECK(f != NULL);
  if (!f)
    return;
  CHECK(conv_feed(f, n, 0) == WINNOW_OK);
  CHECK_STR(g_title.p, "中国新闻网：页面声明 gb2312 但实为 UTF-8");
  CHECK(g_out.p && strstr(g_out.p, "北京时间十一月二十日\n\n这一页的字节是 UTF-8"));
  CHECK(g_out.p && strstr(g_out.p, "繁體字也要保留：臺灣、香港。日本語のかなも。한국어도."));
  CHECK(g_info.repaired == 0);
  wn_free(f);
  /* other declarations the parser must not act on either */
  CHECK_STR(text_of("<meta charset=\"utf-16le\"><p>\xC3\xA9t\xC3\xA9</p>"), "\xC3\xA9t\xC3\xA9");
  CHECK_STR(text_of("<meta charset=\"x-no-such-charset\"><p>\xC3\xA9</p>"), "\xC3\xA9");
  CHECK_STR(text_of("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><p>\xC3\xA9</p>"), "\xC3\xA9");
}

/* NULs and invalid UTF-8 are not supposed to arrive; they are repaired. */
static void test_bad_bytes(void) {
  const char page[] = "<p>before\0after</p><p>x\xFF\xFEy</p>";
  CHECK(conv_feed(page, sizeof page - 1, 0) == WINNOW_OK);
  CHECK_STR(g_out.p, "before" FFFD "after\n\nx" FFFD FFFD "y");
  CHECK(g_info.repaired == 3);
  CHECK_STR(text_of("\xEF\xBB\xBF<p>bom</p>"), "bom");
  CHECK(g_info.repaired == 0);
  const char cut[] = "<p>\xE4\xB8"; /* a sequence cut by the end */
  CHECK(conv_feed(cut, sizeof cut - 1, 0) == WINNOW_OK);
  CHECK_STR(g_out.p, FFFD);
}

static void test_args(void) {
  wn_buf out;
  wn_buf_init(&out, 100);
  CHECK(wn_html_to_text(NULL, 5, NULL, &out, NULL) == WINNOW_ERR_ARG);
  CHECK(wn_html_to_text("x", 1, NULL, NULL, NULL) == WINNOW_ERR_ARG);
  CHECK(wn_html_to_text(NULL, 0, NULL, &out, NULL) == WINNOW_OK && out.len == 0);
  CHECK(wn_html_to_text("<p>x</p>", 8, NULL, &out, NULL) == WINNOW_OK);
  CHECK(out.len == 1 && out.p[1] == 0);
  /* appends */
  CHECK(wn_html_to_text("<p>y</p>", 8, NULL, &out, NULL) == WINNOW_OK);
  CHECK_STR(out.p, "xy");
  wn_buf_free(&out);
}

/* ---- broken markup ------------------------------------------------------------ */

static void test_broken(void) {
  CHECK_STR(text_of("<p>a<p>b</div>c</span><div>d"), "a\n\nbc\n\nd");
  CHECK_STR(text_of("<p>a <p>nested p</p> tail</p>"), "a\n\nnested p\n\ntail");
  CHECK_STR(text_of("<div><p>unclosed\n<p>second <b>bold <i>both</b> italic?</i></div></div>x"),
            "unclosed\n\nsecond bold both italic?\n\nx");
  CHECK_STR(text_of("<ul><li>one<li>two</ul></li></ul>after"), "one\ntwo\n\nafter");
  CHECK_STR(text_of("<a href=x>open <p>after link"), "open\n\nafter link");
  /* content after </html>: browsers put it in the body, and so do we */
  CHECK_STR(text_of("<html><body><p>one</p></body></html>\n<!-- c --><p>two</p></html>"
                    "<html><head><title>t2</title></head><body>three</body></html>  "),
            "one\n\ntwo\n\nthree");
  CHECK_STR(g_title.p, "t2");
  size_t n, m;
  char *f = slurp("tests/html/broken.html", &n), *want = slurp("tests/html/broken.txt", &m);
  CHECK(f && want);
  if (f && want) {
    while (m && want[m - 1] == '\n')
      want[--m] = 0;
    CHECK(conv_feed(f, n, 0) == WINNOW_OK);
    CHECK_STR(g_out.p, want);
    CHECK(g_info.errors > 0);
  }
  wn_free(f);
  wn_free(want);
}

static void test_fixture_article(void) {
  size_t n, m;
  char *f = slurp("tests/html/article.html", &n), *want = slurp("tests/html/article.txt", &m);
  CHECK(f && want);
  if (f && want) {
    while (m && want[m - 1] == '\n')
      want[--m] = 0;
    CHECK(conv_feed(f, n, 0) == WINNOW_OK);
    CHECK_STR(g_out.p, want);
    CHECK_STR(g_title.p, "新华网 — 测试 文章");
    CHECK(g_info.link_text_bytes > 0 && g_info.link_text_bytes < g_info.text_bytes);
  }
  wn_free(f);
  wn_free(want);
}

/* ---- depth, size and caps ----------------------------------------------------- */

static void test_deep(void) {
  wn_buf p;
  repeat(&p, "<html><body>", "<div>", 10000, "deep text");
  for (int i = 0; i < 10000; i++)
    wn_buf_adds(&p, "</div>");
  wn_buf_adds(&p, "<p>after</p></body></html>");
  double t0 = now();
  CHECK(conv_feed(p.p, p.len, 0) == WINNOW_OK);
  CHECK_STR(g_out.p, "deep text\n\nafter");
  CHECK(g_info.max_depth >= 10000);
  wn_buf_free(&p);
  /* never closed, inline and block */
  repeat(&p, "<body>", "<span>s%d ", 10000, "end");
  CHECK(conv_feed(p.p, p.len, 0) == WINNOW_OK);
  CHECK(g_out.p && strstr(g_out.p, "s0 s1 ") == g_out.p && strstr(g_out.p, "s9999 end"));
  wn_buf_free(&p);
  repeat(&p, "<body>", "<div><b>%d", 10000, "");
  CHECK(conv_feed(p.p, p.len, 0) == WINNOW_OK);
  CHECK(g_out.p && strstr(g_out.p, "\n\n9999") && g_info.max_depth >= 20000);
  wn_buf_free(&p);
  CHECK(now() - t0 < 10.0);
}

static void test_depth_cap(void) {
  wn_buf p, out;
  repeat(&p, "<body>", "<div>d%d", 200, "");
  wn_buf_init(&out, 1 << 20);
  wn_html_opts o = {.max_depth = 100};
  wn_html_info info;
  CHECK(wn_html_to_text(p.p, p.len, &o, &out, &info) == WINNOW_ERR_LIMIT);
  CHECK(info.limit == WN_HTML_LIMIT_DEPTH && info.limit_name != NULL);
  /* html and body hold two levels: d0..d97 are in, d98 is not */
  CHECK(out.p && strstr(out.p, "d0\n\nd1\n\n") == out.p && strstr(out.p, "\n\nd97"));
  CHECK(out.p && !strstr(out.p, "d98"));
  wn_buf_free(&out);
  wn_buf_free(&p);
}

/* libxml2 scans its element stack for each stray end tag: deep + many
 * stray end tags is quadratic, so the work is capped. */
static void test_work_cap(void) {
  wn_buf p;
  repeat(&p, "<body>", "<div>", 10000, "t");
  for (int i = 0; i < 300000; i++)
    wn_buf_adds(&p, "</x>");
  double t0 = now();
  winnow_status st = conv_feed(p.p, p.len, 0);
  double dt = now() - t0;
  CHECK(st == WINNOW_ERR_LIMIT && g_info.limit == WN_HTML_LIMIT_WORK);
  CHECK_STR(g_out.p, "t");
  CHECK(dt < 5.0);
  wn_buf_free(&p);
  /* a merely messy page is far from it */
  CHECK(conv_feed("<div><p>a</span></i></b></p></div>", 35, 0) == WINNOW_OK);
}

static void test_big_page(void) {
  wn_buf p;
  long n = 200000; /* > 20 MiB */
  repeat(&p, "<html><head><title>big</title></head><body>",
         "<div class=\"c\"><p>Paragraph %d: lorem ipsum dolor sit amet, <a href=\"/x\">a link"
         "</a> and more text.</p></div>\n",
         n, "</body></html>");
  CHECK(p.len > (size_t)20 << 20);
  double t0 = now();
  CHECK(conv_feed(p.p, p.len, 0) == WINNOW_OK);
  double dt = now() - t0;
  size_t paras = 1; /* (no strstr loop: ASan's strstr takes strlen each call) */
  for (size_t i = 0; i + 1 < g_out.len; i++)
    paras += g_out.p[i] == '\n' && g_out.p[i + 1] == '\n';
  CHECK(paras == (size_t)n);
  CHECK(g_info.link_text_bytes == (uint64_t)n * 6);
  CHECK(g_info.text_bytes == g_out.len - 2 * (paras - 1));
  CHECK(dt < 20.0);
  /* the same page over a 1 MiB cap: LIMIT, and the text so far is a
   * prefix of the whole text ending with a whole piece */
  wn_buf small;
  wn_buf_init(&small, 1 << 20);
  wn_html_info info;
  CHECK(wn_html_to_text(p.p, p.len, NULL, &small, &info) == WINNOW_ERR_LIMIT);
  CHECK(info.limit == WN_HTML_LIMIT_OUTPUT && info.limit_name != NULL);
  CHECK(small.len <= (size_t)1 << 20 && small.len > (size_t)1 << 19);
  CHECK(small.len < g_out.len && !memcmp(small.p, g_out.p, small.len));
  CHECK(small.p[small.len] == 0);
  wn_buf_free(&small);
  wn_buf_free(&p);
}

/* ---- silence ------------------------------------------------------------------ */

static int host_generic_calls, host_structured_calls;
static void host_generic(void *ctx, const char *msg, ...) {
  (void)ctx;
  (void)msg;
  host_generic_calls++;
}
static void host_structured(void *ctx, xmlErrorPtr e) {
  (void)ctx;
  (void)e;
  host_structured_calls++;
}

static void noisy_pages(void) {
  static const char *const pages[] = {
      "<meta charset=gb2312><p>\xE4\xB8\xAD\xE6\x96\x87</p>",
      "<meta http-equiv=Content-Type content='text/html; charset=ebcdic'><p>x</p>",
      "<p>a</div></span><b><i></b></i><p <<>>< &bogus; &#0; &#xD800; &#99999999;</table>",
      "<html><body></body></html>trailing<html><body><body><head>",
      "<p>x\xFF\xC0\x80</p>",
      "<!DOCTYPE html PUBLIC \"bad><p>\x01\x02\x1F text</p><![CDATA[x]]><?pi",
  };
  for (size_t i = 0; i < WN_ARRAY_LEN(pages); i++)
    conv_feed(pages[i], strlen(pages[i]), 0);
  conv_feed("x\0y<p>", 6, 0);
  size_t n;
  char *f = slurp("tests/html/broken.html", &n);
  if (f)
    conv_feed(f, n, 1);
  wn_free(f);
}

static void test_silence(void) {
  fflush(stderr);
  FILE *tf = check_tmpdir("html") ? fopen(check_tmppath("stderr.txt"), "w+") : NULL;
  CHECK(tf != NULL);
  if (!tf)
    return;
  int saved = dup(2);
  dup2(fileno(tf), 2);
  noisy_pages();
  xmlSetGenericErrorFunc(NULL, host_generic); /* a host program's handlers */
  xmlSetStructuredErrorFunc(NULL, host_structured);
  noisy_pages();
  int restored = xmlGenericError == host_generic && xmlStructuredError == host_structured;
  xmlSetGenericErrorFunc(NULL, NULL);
  xmlSetStructuredErrorFunc(NULL, NULL);
  fflush(stderr);
  dup2(saved, 2);
  close(saved);
  fseek(tf, 0, SEEK_END);
  long size = ftell(tf);
  fclose(tf);
  check_tmpdir_remove();
  CHECK(size == 0);
  CHECK(restored);
  CHECK(host_generic_calls == 0 && host_structured_calls == 0);
}

/* ---- chunk invariance --------------------------------------------------------- */

typedef struct snap {
  char *text;
  char *title;
  uint64_t text_bytes, link_bytes, elements;
  uint32_t depth;
} snap;

static void take(snap *s) {
  s->text = wn_strndup(g_out.p ? g_out.p : "", g_out.len);
  s->title = wn_strndup(g_title.p ? g_title.p : "", g_title.len);
  s->text_bytes = g_info.text_bytes;
  s->link_bytes = g_info.link_text_bytes;
  s->elements = g_info.elements;
  s->depth = g_info.max_depth;
}

static int same(const snap *a, const snap *b) {
  return !strcmp(a->text, b->text) && !strcmp(a->title, b->title) &&
         a->text_bytes == b->text_bytes && a->link_bytes == b->link_bytes &&
         a->elements == b->elements && a->depth == b->depth;
}

static void check_invariant(const char *page, size_t n, const char *what) {
  static const size_t FEEDS[] = {1, 7, 4096};
  snap ref, got;
  conv_feed(page, n, 0);
  take(&ref);
  for (size_t k = 0; k < WN_ARRAY_LEN(FEEDS); k++) {
    conv_feed(page, n, FEEDS[k]);
    take(&got);
    int ok = same(&ref, &got);
    CHECK(ok);
    if (!ok)
      fprintf(stderr, "  chunk variance: %s, feed %zu\n", what, FEEDS[k]);
    wn_free(got.text);
    wn_free(got.title);
  }
  wn_free(ref.text);
  wn_free(ref.title);
}

static void test_chunks(void) {
  static const char *const files[] = {"tests/html/article.html", "tests/html/broken.html",
                                      "tests/html/meta_gb2312.html"};
  for (size_t i = 0; i < WN_ARRAY_LEN(files); i++) {
    size_t n;
    char *f = slurp(files[i], &n);
    CHECK(f != NULL);
    if (f)
      check_invariant(f, n, files[i]);
    wn_free(f);
  }
  /* scripts whose end tag lands on chunk ends, with "</" and CJK inside:
   * a cut in "</scrip|t>" once swallowed the rest of a page */
  wn_buf p;
  repeat(&p, "<html><body>",
         "<script>var a = \"</div>\xE6\xB1\x89\xE5\xAD\x97\"; if (a<b) {}</script>"
         "<p>p%d &amp; \xE4\xB8\xAD\xE6\x96\x87</p><style>a</style>\r\n<pre>\r\nx\r\ny</pre>",
         300, "</body></html><p>after html</p>");
  check_invariant(p.p, p.len, "scripts");
  CHECK(conv_feed(p.p, p.len, 7) == WINNOW_OK && g_out.p && strstr(g_out.p, "p299 & ") &&
        strstr(g_out.p, "after html") && !strstr(g_out.p, "var a"));
  wn_buf_free(&p);
  const char *small[] = {
      "<p>a</p><pre>\r\n\r\nb\r\n</pre>",
      "x &amp;&lt;&#x4E2D; <br><br>y",
      "<title> t  i </title><table><tr><td>1<td>2</table>",
      "<p>one</p></html><p>two</p></html><p>three",
  };
  for (size_t i = 0; i < WN_ARRAY_LEN(small); i++)
    check_invariant(small[i], strlen(small[i]), small[i]);
}

/* ---- allocation failures ------------------------------------------------------ */

/* With WINNOW_FAULT_INJECTION every k-th allocation of ours fails in turn:
 * only OK or NOMEM, never a crash (libxml2's own allocations are not ours). */
static void test_alloc_failures(void) {
  const char page[] = "<title>t</title><p>a\0b</p><p>c</p>";
  for (long k = 1; k <= 10; k++) {
    wn_buf out, title;
    wn_buf_init(&out, 1 << 20);
    wn_buf_init(&title, 100);
    wn_html_opts o = {.title = &title};
    wn_alloc_fail_after(k);
    winnow_status st = wn_html_to_text(page, sizeof page - 1, &o, &out, NULL);
    wn_alloc_fail_after(0);
    CHECK(st == WINNOW_OK || st == WINNOW_ERR_NOMEM);
    wn_buf_free(&out);
    wn_buf_free(&title);
  }
}

int main(void) {
  wn_buf_init(&g_out, 1);
  wn_buf_init(&g_title, 4096);
  test_blocks();
  test_hidden();
  test_title();
  test_entities();
  test_pre();
  test_lists();
  test_tables();
  test_links_and_counts();
  test_lying_meta();
  test_bad_bytes();
  test_args();
  test_broken();
  test_fixture_article();
  test_deep();
  test_depth_cap();
  test_work_cap();
  test_big_page();
  test_silence();
  test_chunks();
  test_alloc_failures();
  wn_buf_free(&g_out);
  wn_buf_free(&g_title);
  return check_done("html");
}
