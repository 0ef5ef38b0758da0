/* Unit tests of src/html: the plain DOM-to-text pass over libxml2 (layout,
 * hidden content, title, entities, <pre>, lists, tables, a lying <meta
 * charset>, broken markup, deep nesting, big pages and the caps, silence on
 * stderr, chunk invariance) and the WHATWG HTML sniffer. Fixture pages are
 * in tests/html/ (run from the source directory, as ctest does). */
#include <fcntl.h>
#include <libxml/HTMLparser.h>
#include <libxml/globals.h>
#include <libxml/xmlerror.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "common/wn_common.h"
#include "html/wn_html.h"
#include "html/wn_html_int.h"

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

/* ---- what the DOM says of each line ------------------------------------------- */

static unsigned cats(const char *v) {
  return wn_html_dom_attr_cats(v, strlen(v));
}

static void test_attr_tokens(void) {
  size_t bad = 1;
  CHECK(wn_html_dom_lexicon(&bad) > 100);
  CHECK(bad == 0); /* every line of data/dom/attr.txt reads */
  CHECK(cats("nav") == WN_DOM_ATTR_NAV);
  CHECK(cats("article-nav") & WN_DOM_ATTR_NAV); /* split at '-' */
  CHECK(cats("article-nav") & WN_DOM_ATTR_CONTENT);
  CHECK(cats("siteNavigation") & WN_DOM_ATTR_NAV); /* camelCase, prefix entry */
  CHECK(cats("main_navbar2") & WN_DOM_ATTR_NAV);   /* '_' and digits */
  CHECK(cats("FOOTER") == WN_DOM_ATTR_FOOTER);     /* case */
  CHECK(cats("shareBar") == WN_DOM_ATTR_SHARE);
  CHECK(cats("bdshare_t") & WN_DOM_ATTR_SHARE); /* pinyin sites */
  CHECK(cats("pinglun-list") == WN_DOM_ATTR_COMMENT);
  CHECK(cats("xiangguan") == WN_DOM_ATTR_RELATED);
  CHECK(cats("youqinglianjie") == WN_DOM_ATTR_RELATED);
  CHECK(cats("fenxiang") == WN_DOM_ATTR_SHARE);
  CHECK(cats("dibu") == WN_DOM_ATTR_FOOTER);
  CHECK(cats("daohang") == WN_DOM_ATTR_NAV);
  CHECK(cats("guanggao") == WN_DOM_ATTR_AD);
  CHECK(cats("tuijian") == WN_DOM_ATTR_RELATED);
  CHECK(cats("ad-slot") & WN_DOM_ATTR_AD);
  CHECK(cats("cookie-consent") == WN_DOM_ATTR_COOKIE);
  CHECK(cats("breadcrumbs") == WN_DOM_ATTR_CRUMB);
  CHECK(cats("newsletter-signup") == WN_DOM_ATTR_LOGIN);
  CHECK(cats("post comments") == (WN_DOM_ATTR_CONTENT | WN_DOM_ATTR_COMMENT)); /* two classes */
  /* whole tokens only, unless the entry is a prefix */
  CHECK(cats("address") == 0);
  CHECK(cats("add") == 0);
  CHECK(cats("navy") == 0);
  CHECK(cats("football") == 0);
  CHECK(cats("header-adjacent") == WN_DOM_ATTR_HEADER);
  /* a state of the page, not a region */
  CHECK(cats("has-sidebar") == 0);
  CHECK(cats("no-comments") == 0);
  CHECK(cats("has-sidebar sidebar") == WN_DOM_ATTR_SIDEBAR);
  CHECK(cats("entry-content") == (WN_DOM_ATTR_CONTENT | WN_DOM_ATTR_MAIN));
  CHECK(cats("a-d x") == 0); /* one-letter tokens: random ids */
  CHECK(cats("") == 0);
  CHECK(cats("---") == 0);
  CHECK(cats("averyveryverylongclassnamewithoutanyboundaries") == 0);
  CHECK(cats("navigationandmanymorelettersthanatoken") == WN_DOM_ATTR_NAV);
}

static wn_buf g_lines;

/* Convert html keeping the line records; returns how many. */
static size_t lines_of(const char *html) {
  wn_html_opts o = {.lines = &g_lines};
  wn_buf_free(&g_out);
  wn_buf_init(&g_out, (size_t)1 << 20);
  if (wn_html_to_text(html, strlen(html), &o, &g_out, &g_info) != WINNOW_OK)
    return 0;
  return g_lines.len / sizeof(wn_dom_line);
}

static const wn_dom_line *line_at(size_t i) {
  return (const wn_dom_line *)(const void *)g_lines.p + i;
}

static void test_dom_lines(void) {
  wn_buf_init(&g_lines, (size_t)1 << 20);
  /* one record per line, at the line's first byte */
  CHECK(lines_of("<h2>Head</h2><p>one <a href=x>two</a> three</p><ul><li><a>x</a></li></ul>") == 3);
  CHECK_STR(g_out.p, "Head\n\none two three\n\nx");
  CHECK(line_at(0)->start == 0 && line_at(1)->start == 6 && line_at(2)->start == 21);
  CHECK(line_at(0)->f.tag == WN_DT_HEADING && line_at(0)->f.level == 2);
  CHECK(line_at(0)->f.roles & WN_DOM_HEADING);
  CHECK(line_at(1)->f.tag == WN_DT_P && line_at(1)->f.level == 0);
  CHECK(line_at(1)->f.link_cp == 3 && line_at(1)->f.n_links == 1);
  CHECK(!(line_at(1)->f.roles & WN_DOM_A)); /* not all of it is link text */
  CHECK(line_at(2)->f.tag == WN_DT_LI &&
        (line_at(2)->f.roles & (WN_DOM_LI | WN_DOM_A)) == (WN_DOM_LI | WN_DOM_A));
  CHECK(line_at(2)->f.link_cp == 1 && line_at(2)->f.n_links == 1);
  /* a space inside a link is link text; two links */
  CHECK(lines_of("<p><a>a b</a> <a>c</a> d</p>") == 1);
  CHECK(line_at(0)->f.link_cp == 4 && line_at(0)->f.n_links == 2);
  CHECK(lines_of("<p><a><img></a>text <a>c</a></p>") == 1); /* an empty link counts no link */
  CHECK(line_at(0)->f.n_links == 1);
  /* roles from tags and ARIA, categories from class and id, shared by all the text */
  CHECK(lines_of(
            "<nav><a>x</a></nav><div role=contentinfo>c</div><aside>s</aside>"
            "<div id=site-footer><p class=copy>f</p></div><main><article><p>m</p></article></main>"
            "<div class=share>s <span class=nav>n</span></div><form><label>l</label></form>") == 7);
  CHECK(line_at(0)->f.roles & WN_DOM_NAV);
  CHECK(line_at(1)->f.roles & WN_DOM_FOOTER);
  CHECK(line_at(2)->f.roles & WN_DOM_ASIDE);
  CHECK(line_at(3)->f.attr == WN_DOM_ATTR_FOOTER && line_at(3)->f.tag == WN_DT_P);
  CHECK((line_at(4)->f.roles & (WN_DOM_MAIN | WN_DOM_ARTICLE)) == (WN_DOM_MAIN | WN_DOM_ARTICLE));
  CHECK(line_at(5)->f.attr == WN_DOM_ATTR_SHARE); /* "n" alone is under nav too: not all */
  CHECK((line_at(6)->f.roles & (WN_DOM_FORM | WN_DOM_BUTTON)) == (WN_DOM_FORM | WN_DOM_BUTTON));
  /* the main area ends its wrappers' chrome categories, not its own or its roles */
  CHECK(lines_of("<div class='l-sidebar-fixed'><div class=entry-content><p>a</p></div>"
                 "<div class='sidebar-content'><p>b</p></div></div>"
                 "<aside><div class=content>c</div></aside>"
                 "<div class=related><div class=content>d</div></div>") == 4);
  CHECK(line_at(0)->f.attr == (WN_DOM_ATTR_CONTENT | WN_DOM_ATTR_MAIN));
  CHECK(line_at(1)->f.attr == (WN_DOM_ATTR_SIDEBAR | WN_DOM_ATTR_MAIN));
  CHECK(line_at(2)->f.attr == WN_DOM_ATTR_MAIN && (line_at(2)->f.roles & WN_DOM_ASIDE));
  CHECK(line_at(3)->f.attr == (WN_DOM_ATTR_RELATED | WN_DOM_ATTR_MAIN));
  /* body classes describe the page */
  CHECK(lines_of("<body class=sidebar><p>x</p></body>") == 1 && line_at(0)->f.attr == 0);
  /* visibility */
  CHECK(lines_of("<p hidden>a</p><p aria-hidden=TRUE>b</p><p aria-hidden=false>c</p>"
                 "<div style='color:red; DISPLAY : none !important'><p>d</p></div>"
                 "<p style='visibility:hidden'>e</p><p style='display:block'>f</p>"
                 "<p>g <span hidden>h</span></p>") == 7);
  CHECK(line_at(0)->f.roles & WN_DOM_HIDDEN);
  CHECK(line_at(1)->f.roles & WN_DOM_HIDDEN);
  CHECK(!(line_at(2)->f.roles & WN_DOM_HIDDEN));
  CHECK(line_at(3)->f.roles & WN_DOM_HIDDEN);
  CHECK(line_at(4)->f.roles & WN_DOM_HIDDEN);
  CHECK(!(line_at(5)->f.roles & WN_DOM_HIDDEN));
  CHECK(!(line_at(6)->f.roles & WN_DOM_HIDDEN)); /* only part of the line is hidden */
  /* flags: pre, code, quote, figure, cell */
  CHECK(lines_of("<pre><code>a\nb</code></pre><blockquote>q</blockquote><figure><figcaption>c"
                 "</figcaption></figure><table><tr><td>x</td><td>y</td></tr></table>") == 5);
  CHECK((line_at(1)->f.roles & (WN_DOM_PRE | WN_DOM_CODE)) == (WN_DOM_PRE | WN_DOM_CODE));
  CHECK(line_at(1)->f.tag == WN_DT_PRE && line_at(1)->start == 2);
  CHECK(line_at(2)->f.roles & WN_DOM_QUOTE);
  CHECK(line_at(3)->f.tag == WN_DT_FIGCAPTION && (line_at(3)->f.roles & WN_DOM_FIGURE));
  CHECK(line_at(4)->f.tag == WN_DT_CELL && (line_at(4)->f.roles & WN_DOM_CELL));
  /* past the frame cap, elements inherit their ancestors' roles */
  wn_buf deep;
  repeat(&deep, "<nav>", "<div class=share>", (long)WN_HTML_DOM_DEPTH + 50,
         "<span hidden>x</span>");
  wn_html_opts o = {.lines = &g_lines};
  wn_buf_free(&g_out);
  wn_buf_init(&g_out, (size_t)1 << 20);
  CHECK(wn_html_to_text(deep.p, deep.len, &o, &g_out, &g_info) == WINNOW_OK);
  CHECK(g_lines.len == sizeof(wn_dom_line));
  CHECK(line_at(0)->f.roles & WN_DOM_NAV && line_at(0)->f.attr == WN_DOM_ATTR_SHARE);
  CHECK(!(line_at(0)->f.roles & WN_DOM_HIDDEN));
  wn_buf_free(&deep);
  /* a records buffer too small: said, not silent */
  wn_buf small;
  wn_buf_init(&small, sizeof(wn_dom_line));
  wn_html_opts o2 = {.lines = &small};
  CHECK(wn_html_to_text("<p>a</p><p>b</p>", 16, &o2, &g_out, &g_info) == WINNOW_OK);
  CHECK(g_info.lines_cut == 1);
  CHECK(lines_of("<p>a</p>") == 1 && g_info.lines_cut == 0);
  wn_buf_free(&small);
  wn_buf_free(&g_lines);
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

/* Past the nesting cap elements are flattened: their text is kept in the
 * flow (one space for their breaks), what they hide stays hidden, and the
 * pass goes on (it used to stop with WN_HTML_LIMIT_DEPTH and lose the
 * page). */
static void test_depth_cap(void) {
  wn_buf p, out;
  repeat(&p, "<body>", "<div>d%d", 200, "<script>hidden()</script><noscript>no</noscript>");
  wn_buf_adds(&p, "<p>deep <a href=x>link</a></p></body><p>after</p>");
  wn_buf_init(&out, 1 << 20);
  wn_html_opts o = {.max_depth = 100};
  wn_html_info info;
  CHECK(wn_html_to_text(p.p, p.len, &o, &out, &info) == WINNOW_OK);
  CHECK(info.limit == WN_HTML_LIMIT_NONE && info.limit_name == NULL);
  /* html and body hold two levels: d0..d97 open within the cap, d98 on
   * (and script, noscript, p, a) are past it: one run of words */
  CHECK(out.p && strstr(out.p, "d0\n\nd1\n\n") == out.p && strstr(out.p, "\n\nd96\n\nd97 d98 d99"));
  CHECK(out.p && strstr(out.p, "d198 d199 deep link\n\nafter"));
  CHECK(out.p && !strstr(out.p, "hidden") && !strstr(out.p, "no"));
  CHECK(info.flattened == 102 + 4 && info.max_depth == 204);
  CHECK(info.link_text_bytes == 4);
  wn_buf_free(&out);
  wn_buf_free(&p);
  /* 100,000 nested elements (over the default cap of 65536): text kept */
  repeat(&p, "", "<div>", 100000, "Deep text is kept.");
  double t0 = now();
  CHECK(conv_feed(p.p, p.len, 0) == WINNOW_OK);
  CHECK_STR(g_out.p, "Deep text is kept.");
  CHECK(g_info.flattened == 100000 + 2 - WN_HTML_MAX_DEPTH);
  CHECK(now() - t0 < 5.0);
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

/* ---- the pre-pass (html_prepass.c) ------------------------------------------- */

/* k attributes " a0 a1 ..." appended to b. */
static void add_attrs(wn_buf *b, long from, long k) {
  for (long i = from; i < from + k; i++)
    wn_buf_printf(b, " a%ld", i);
}

/* The page after the pre-pass (a copy, NUL-terminated), with its counts. */
static char *prepassed(const char *page, size_t n, size_t *out_n, wn_html_info *info) {
  wn_buf fix = {0};
  const char *s = page;
  memset(info, 0, sizeof *info);
  winnow_status st = wn_html_prepass(&s, &n, &fix, info);
  CHECK(st == WINNOW_OK);
  CHECK((s == page) == (fix.p == NULL)); /* nothing copied unless changed */
  char *r = wn_strndup(s, n);
  *out_n = n;
  wn_buf_free(&fix);
  return r;
}

/* The most attributes libxml2 reports on one start tag of a page, parsed
 * as html_parse.c parses it (push parser, one chunk, same options). */
static int g_max_atts;
static void count_atts(void *u, const xmlChar *name, const xmlChar **atts) {
  (void)u;
  (void)name;
  int k = 0;
  while (atts && atts[2 * k])
    k++;
  if (k > g_max_atts)
    g_max_atts = k;
}
static void quiet(void *u, xmlErrorPtr e) {
  (void)u;
  (void)e;
}
static int libxml2_max_atts(const char *page, size_t n) {
  htmlSAXHandler sax = {.startElement = count_atts, .initialized = XML_SAX2_MAGIC, .serror = quiet};
  htmlParserCtxtPtr c = htmlCreatePushParserCtxt(&sax, NULL, NULL, 0, NULL, XML_CHAR_ENCODING_UTF8);
  htmlCtxtUseOptions(c, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                            HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC |
                            XML_PARSE_HUGE);
  g_max_atts = 0;
  htmlParseChunk(c, page, (int)n, 0);
  htmlParseChunk(c, NULL, 0, 1);
  htmlFreeParserCtxt(c);
  return g_max_atts;
}

static void test_prepass_caps(void) {
  wn_buf p, want;
  wn_html_info info;
  size_t n;
  /* one tag of 1000 attributes: the first 256 kept, the text whole */
  wn_buf_init(&p, 1 << 20);
  wn_buf_adds(&p, "<p>before</p><div");
  add_attrs(&p, 0, 1000);
  wn_buf_adds(&p, ">after the tag</div>");
  wn_buf_init(&want, 1 << 20);
  wn_buf_adds(&want, "<p>before</p><div");
  add_attrs(&want, 0, WN_HTML_MAX_ATTRS);
  wn_buf_adds(&want, ">after the tag</div>");
  wn_buf_nul(&want);
  char *r = prepassed(p.p, p.len, &n, &info);
  CHECK_STR(r, want.p);
  CHECK(info.attrs_cut == 1000 - WN_HTML_MAX_ATTRS && info.tags_cut == 1);
  wn_free(r);
  CHECK(conv_feed(p.p, p.len, 0) == WINNOW_OK);
  CHECK_STR(g_out.p, "before\n\nafter the tag");
  CHECK(g_info.attrs_cut == 1000 - WN_HTML_MAX_ATTRS && g_info.tags_cut == 1);
  /* at the cap nothing is copied; one over, one is cut */
  r = prepassed(want.p, want.len, &n, &info);
  CHECK(info.tags_cut == 0 && info.attrs_cut == 0 && n == want.len);
  wn_free(r);
  wn_buf_clear(&p);
  wn_buf_adds(&p, "<br");
  add_attrs(&p, 0, WN_HTML_MAX_ATTRS + 1);
  wn_buf_adds(&p, "/>x");
  r = prepassed(p.p, p.len, &n, &info);
  CHECK(info.attrs_cut == 1 && n > 3 && !memcmp(r + n - 3, "/>x", 3));
  wn_free(r);
  /* bytes: a value over the cap is left out, smaller ones after it kept */
  wn_buf_free(&p);
  wn_buf_init(&p, (size_t)16 << 20);
  wn_buf_adds(&p, "<img id=a src=\"data:image/png;base64,");
  for (size_t i = 0; i < (WN_HTML_MAX_ATTR_BYTES >> 10) + 1; i++)
    wn_buf_printf(&p, "%01024d", 0);
  wn_buf_adds(&p, "\" alt='x y' class=c>text after");
  r = prepassed(p.p, p.len, &n, &info);
  CHECK_STR(r, "<img id=a alt='x y' class=c>text after");
  CHECK(info.attrs_cut == 1 && info.tags_cut == 1);
  wn_free(r);
  /* a name of 30,000 letters is 300 names of 100 to libxml2 */
  wn_buf_clear(&p);
  wn_buf_adds(&p, "<p ");
  for (int i = 0; i < 30000; i++) /* 300 distinct names: two base-26 digits, then z */
    wn_buf_addc(&p, (char)(i % 100 > 1 ? 'z' : 'a' + (i % 100 ? i / 100 / 26 : i / 100 % 26)));
  wn_buf_adds(&p, " id=x>t");
  r = prepassed(p.p, p.len, &n, &info);
  CHECK(info.attrs_cut == 300 - WN_HTML_MAX_ATTRS + 1);
  CHECK(libxml2_max_atts(r, n) == (int)WN_HTML_MAX_ATTRS);
  wn_free(r);
  /* a page with nothing to change is not copied */
  const char *fine = "<html><head><title>t</title></head><body><p a=1 b='2'>x</p></body></html>";
  r = prepassed(fine, strlen(fine), &n, &info);
  CHECK_STR(r, fine);
  wn_free(r);
  wn_buf_free(&p);
  wn_buf_free(&want);
}

/* The quadratic cases: without the pre-pass 200,000 attributes on one tag
 * took minutes. */
static void test_prepass_speed(void) {
  wn_buf p;
  wn_buf_init(&p, (size_t)64 << 20);
  wn_buf_adds(&p, "<p");
  add_attrs(&p, 0, 200000);
  wn_buf_adds(&p, ">Tail sentence.</p>");
  double t0 = now();
  CHECK(conv_feed(p.p, p.len, 0) == WINNOW_OK);
  CHECK_STR(g_out.p, "Tail sentence.");
  CHECK(g_info.attrs_cut == 200000 - WN_HTML_MAX_ATTRS);
  /* the same number spread over tags just over the cap */
  wn_buf_clear(&p);
  for (long i = 0; i < 200000; i += WN_HTML_MAX_ATTRS + 1) {
    wn_buf_adds(&p, "<span");
    add_attrs(&p, i, WN_HTML_MAX_ATTRS + 1);
    wn_buf_adds(&p, ">w</span>");
  }
  CHECK(conv_feed(p.p, p.len, 0) == WINNOW_OK);
  CHECK(g_info.tags_cut == 200000 / (WN_HTML_MAX_ATTRS + 1) + 1);
  CHECK(g_out.len == g_info.tags_cut); /* "www..." */
  CHECK(now() - t0 < 5.0);
  wn_buf_free(&p);
}

/* The names of the page libxml2 keeps in its dictionary, after the
 * pre-pass. */
static size_t dict_names(const char *page, size_t n) {
  wn_html_info info;
  size_t m;
  char *r = prepassed(page, n, &m, &info);
  htmlSAXHandler sax = {.initialized = XML_SAX2_MAGIC, .serror = quiet};
  htmlParserCtxtPtr c = htmlCreatePushParserCtxt(&sax, NULL, NULL, 0, NULL, XML_CHAR_ENCODING_UTF8);
  htmlCtxtUseOptions(c, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                            HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE);
  htmlParseChunk(c, r, (int)m, 0);
  htmlParseChunk(c, NULL, 0, 1);
  size_t k = (size_t)xmlDictSize(c->dict);
  htmlFreeParserCtxt(c);
  wn_free(r);
  return k;
}

/* libxml2's dictionary slows down with every distinct name (its table
 * stops growing): past WN_HTML_MAX_NAMES new names are left out. */
static void test_prepass_names(void) {
  wn_buf p;
  /* 100,000 tags of one distinct attribute each: "p" and 8191 of them */
  repeat(&p, "", "<p a%d>w", 100000, "");
  double t0 = now();
  CHECK(conv_feed(p.p, p.len, 0) == WINNOW_OK);
  CHECK(g_info.attrs_cut == 100000 - (WN_HTML_MAX_NAMES - 1) && g_info.tags_dropped == 0);
  CHECK(dict_names(p.p, p.len) <= WN_HTML_MAX_NAMES + 16);
  wn_buf_free(&p);
  /* distinct custom elements: their tags go, their text stays */
  repeat(&p, "<body>", "<x%d>w", 100000, "<table><tr><td>a<td>b</table>");
  CHECK(conv_feed(p.p, p.len, 0) == WINNOW_OK);
  CHECK(g_info.tags_dropped == 100000 - (WN_HTML_MAX_NAMES - 1));
  CHECK(g_out.len == 100000 + 5 && !memcmp(g_out.p + 100000, "\n\na\tb", 5)); /* known ones pass */
  CHECK(dict_names(p.p, p.len) <= WN_HTML_MAX_NAMES + 16);
  wn_buf_free(&p);
  wn_buf_init(&p, (size_t)16 << 20);
  for (int i = 0; i < 100000; i++)
    wn_buf_printf(&p, "<x%d>w</x%d>", i, i);
  CHECK(conv_feed(p.p, p.len, 0) == WINNOW_OK);
  CHECK(g_info.tags_dropped == 2 * (100000 - WN_HTML_MAX_NAMES) && g_out.len == 100000);
  CHECK(now() - t0 < 5.0);
  wn_buf_free(&p);
  /* entity references of distinct names, in text and in values: written
   * "&amp;name" past the cap, the same text; PIs of distinct names go */
  wn_buf_init(&p, (size_t)16 << 20);
  for (int i = 0; i < 100000; i++)
    wn_buf_printf(&p, "<a title='&t%d;'>&e%d;</a><?p%d x>", i, i, i);
  wn_buf_adds(&p, "&copy;&amp;");
  CHECK(conv_feed(p.p, p.len, 0) == WINNOW_OK);
  CHECK(g_info.entities_escaped > 2 * (100000 - WN_HTML_MAX_NAMES) - 10);
  CHECK(g_info.tags_dropped > 100000 - WN_HTML_MAX_NAMES - 10);
  CHECK(g_out.p && !strncmp(g_out.p, "&e0;&e1;", 8) && strstr(g_out.p, "&e99999;\xC2\xA9&"));
  CHECK(dict_names(p.p, p.len) <= WN_HTML_MAX_NAMES + 16);
  wn_buf_free(&p);
  /* under WN_HTML_NAME_SCAN names in all nothing is tracked */
  repeat(&p, "", "<x%d>w", WN_HTML_NAME_SCAN - 16, "");
  CHECK(conv_feed(p.p, p.len, 0) == WINNOW_OK && g_info.tags_dropped == 0);
  wn_buf_free(&p);
}

/* Where the pre-pass sees a start tag, libxml2 must see one, and the other
 * way round: a tag over the cap after each construct of libxml2's
 * tokenizer is cut exactly when libxml2 reads it as a tag, and after the
 * pre-pass libxml2 never sees more than the cap. */
#define OVER (WN_HTML_MAX_ATTRS + 44)

static int agrees(const char *prefix, size_t plen) {
  wn_buf p;
  wn_buf_init(&p, 1 << 20);
  wn_buf_add(&p, prefix, plen);
  wn_buf_adds(&p, "<p");
  add_attrs(&p, 0, OVER);
  wn_buf_adds(&p, ">tail");
  int before = libxml2_max_atts(p.p, p.len);
  wn_html_info info;
  size_t n;
  char *r = prepassed(p.p, p.len, &n, &info);
  int after = libxml2_max_atts(r, n);
  wn_free(r);
  wn_buf_free(&p);
  return after <= (int)WN_HTML_MAX_ATTRS &&
         (before > (int)WN_HTML_MAX_ATTRS) == (info.tags_cut > 0);
}

static void test_prepass_tokens(void) {
  static const char *const prefixes[] = {
      "",
      "x",
      "<!-- c -->",
      "<!-- <p a b> -->",
      "<!-- x --!>",
      "<!--->",
      "<!---->",
      "<!-- open ",
      "<!-- a -- b --->",
      "<!x ",
      "<!x <b>",
      "<!DOCTYPE html>",
      "<!doctype html PUBLIC \"a>b\" \"c>d\">",
      "<!DOCTYPE html SYSTEM 'x>y'>",
      "<!DOCTYPE html \"a>b\">",
      "<!DOCTYPE html PUBLIC \"open",
      "<?xml version=\"1.0\"?>",
      "<?pi a>b?>",
      "<? ",
      "x<?",
      "x</p>",
      "x</p junk=\"a>b\">",
      "x</ p>",
      "x</",
      "x</p",
      "<script>if (a<b) x = \"</p>\";</script>",
      "<script>",
      "<script></scriptx>",
      "<SCRIPT>a</Script >",
      "<style>p{}</style>",
      "<style>",
      "<script/>",
      "<script a=\"</script>\">",
      "<script>a</script",
      "<textarea>",
      "<title>t</title>",
      "<p a=\"open>",
      "<p a='x>'>",
      "<p \"bogus>",
      "<p a=b/>",
      "<p/>",
      "<p/a/b>",
      "< p>",
      "<3",
      "a < b",
      "<![CDATA[",
      "<p a=1\fb=2>",
      "<p a=\"1\"b=2>",
      "<p =x y>",
      "<p a = 'b' c>",
      "x<p a=",
      "x<p a",
      "<p a=\"x\" ",
      "x<b",
      "<svg><style>",
      "<xmp>",
      "<plaintext>",
      "<noscript>",
      "<iframe>",
      "x<!-->",
      "x&lt;",
  };
  for (size_t i = 0; i < WN_ARRAY_LEN(prefixes); i++) {
    int ok = agrees(prefixes[i], strlen(prefixes[i]));
    CHECK(ok);
    if (!ok)
      fprintf(stderr, "  pre-pass and libxml2 disagree after: %s\n", prefixes[i]);
  }
  /* a tag name of 150 bytes: its last 50 are an attribute to libxml2 */
  char longname[200] = "<";
  memset(longname + 1, 'p', 150);
  memcpy(longname + 151, " a=1>", 6);
  CHECK(agrees(longname, strlen(longname)));
}

/* The same over random markup soup (a fixed seed): pieces of every
 * construct above, in any order. */
static void test_prepass_random(void) {
  static const char *const bits[] = {
      "<",       ">",        "/",       "/>",     "!",     "-",        "--",        "-->",
      "--!>",    "?",        "\"",      "'",      "=",     " ",        "\n",        "\f",
      "a",       "p",        "x1",      "script", "style", "title",    "DOCTYPE",   "PUBLIC",
      "SYSTEM",  "&amp;",    "<!--",    "</",     "<p ",   "<script>", "</script>", "</SCRIPT ",
      "<style>", "</style>", "<title>", "<!",     "<?",    "<b a=",    "</p",       "0",
  };
  uint32_t seed = 12345;
  char page[2048];
  int bad = 0;
  for (int round = 0; round < 1500; round++) {
    size_t n = 0;
    page[n++] = 'x'; /* past libxml2's prolog: see test_leading_end_tags */
    seed = seed * 1103515245u + 12345u;
    int pieces = 1 + (int)(seed >> 16) % 40;
    for (int k = 0; k < pieces; k++) {
      seed = seed * 1103515245u + 12345u;
      const char *b = bits[(seed >> 16) % WN_ARRAY_LEN(bits)];
      size_t len = strlen(b);
      memcpy(page + n, b, len);
      n += len;
    }
    if (!agrees(page, n) && bad++ < 5)
      fprintf(stderr, "  pre-pass and libxml2 disagree after: %.*s\n", (int)n, page);
  }
  CHECK(bad == 0);
}

/* libxml2 nests everything after a <title> that never closes in the
 * title: the page had no text. */
static void test_unclosed_title(void) {
  CHECK_STR(text_of("<title>My page<p>The body.</p><div>More.</div>"), "The body.\n\nMore.");
  CHECK_STR(g_title.p, "My page");
  CHECK(g_info.titles_closed == 1);
  CHECK_STR(text_of("<html><head><title>T\n<meta name=a></head><body><p>b</p>"), "b");
  CHECK_STR(g_title.p, "T");
  CHECK_STR(text_of("<title>Foo</titel><p>body"), "body");
  CHECK_STR(g_title.p, "Foo");
  CHECK_STR(text_of("<TITLE>a <title>b <p>c"), "c");
  CHECK_STR(g_title.p, "a");
  /* no tag after it: the title is its first line */
  CHECK_STR(text_of("<title>\n  Line one\n body text without tags"), "body text without tags");
  CHECK_STR(g_title.p, "Line one");
  /* no tag, no line end: WN_HTML_TITLE_SCAN bytes, on a character boundary */
  wn_buf p;
  repeat(&p, "<title>", "\xE4\xB8\xAD", 700, "");
  CHECK(conv_feed(p.p, p.len, 0) == WINNOW_OK);
  CHECK(g_title.len == WN_HTML_TITLE_SCAN / 3 * 3 && g_out.len == 700 * 3 - g_title.len);
  wn_buf_free(&p);
  /* closed titles are left alone, whatever they hold */
  CHECK_STR(text_of("<title>T</title><p>b"), "b");
  CHECK(g_info.titles_closed == 0);
  CHECK_STR(text_of("<title>a<b>b</b></title>c"), "c");
  CHECK_STR(g_title.p, "ab");
  CHECK(g_info.titles_closed == 0);
  CHECK_STR(text_of("<title/><p>b"), "b");
  CHECK_STR(text_of("<title>T</title\n<p>b"), "b");
  CHECK(g_info.titles_closed == 0);
  /* a later unclosed one (a stray title in the body) closes too */
  CHECK_STR(text_of("<title>T</title><p>a</p><title>again<p>b</p><p>c"), "a\n\nb\n\nc");
  CHECK(g_info.titles_closed == 1);
  /* each byte is looked at about once: 100,000 unclosed titles */
  repeat(&p, "", "<title>t%d", 100000, "<p>end");
  double t0 = now();
  CHECK(conv_feed(p.p, p.len, 0) == WINNOW_OK);
  CHECK(g_info.titles_closed == 100000 && now() - t0 < 5.0);
  CHECK_STR(g_out.p, "end");
  wn_buf_free(&p);
}

/* libxml2 2.9.14 ends the parse at an end tag before any start tag or text
 * (a capture cut in the middle of a page): such end tags are left out. */
static void test_leading_end_tags(void) {
  CHECK_STR(text_of("</div></td></tr>\n<p>hello</p>"), "hello");
  CHECK(g_info.end_tags_dropped == 3);
  CHECK_STR(text_of("<?xml version=\"1.0\"?>\n<!-- c --><!DOCTYPE html>\n</div><p>a</p>"), "a");
  CHECK_STR(text_of("</ p><p>a"), "p>\n\na");
  CHECK_STR(text_of("<p>one</p></html>\n</div><p>two</p>"), "one\n\ntwo");
  CHECK(g_info.end_tags_dropped == 1);
  /* after a start tag or text they are libxml2's to ignore */
  CHECK_STR(text_of("x</div><p>y"), "x\n\ny");
  CHECK(g_info.end_tags_dropped == 0);
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
  test_attr_tokens();
  test_dom_lines();
  test_lying_meta();
  test_bad_bytes();
  test_args();
  test_broken();
  test_fixture_article();
  test_deep();
  test_depth_cap();
  test_work_cap();
  test_big_page();
  test_prepass_caps();
  test_prepass_speed();
  test_prepass_names();
  test_prepass_tokens();
  test_prepass_random();
  test_unclosed_title();
  test_leading_end_tags();
  test_silence();
  test_chunks();
  test_alloc_failures();
  wn_buf_free(&g_out);
  wn_buf_free(&g_title);
  return check_done("html");
}
