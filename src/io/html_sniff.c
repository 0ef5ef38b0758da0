/* html_sniff.c - does a byte stream look like HTML?
 *
 * wn_looks_like_html: WHATWG MIME Sniffing Standard §7.1 "Identifying a
 * resource with an unknown MIME type", the text/html rows of its table:
 * the pattern mask is DF for letters (ASCII case-insensitive) and FF
 * otherwise, leading white space bytes are ignored, and every pattern ends
 * with a tag-terminating byte (20 or 3E).
 *
 * wn_markup_is_html: what that table misses, markup-dominated input whose
 * first tag is none of its patterns: a crawler's wrapper (<text id=...>),
 * a page that opens with <link>, <meta>, <span>, <ul>..., a page cut at its
 * head. It counts the tags of HTML elements (the table below) in the first
 * WN_SNIFF_BYTES. */
#include <stdlib.h>
#include <string.h>

#include "wn_io.h"
#include "wn_scan.h"

/* "Reading the resource header": sniffing looks at most at 1445 bytes. */
#define RESOURCE_HEADER 1445u

static const char *const PATTERNS[] = {
    "<!DOCTYPE HTML", "<HTML", "<HEAD",  "<SCRIPT", "<IFRAME", "<H1",   "<DIV", "<FONT",
    "<TABLE",         "<A",    "<STYLE", "<TITLE",  "<B",      "<BODY", "<BR",  "<P",
    "<!--",
};

/* §7.1 "whitespace bytes" for these rows: 09 0A 0C 0D 20. */
static int is_ws_byte(unsigned char c) {
  return c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D || c == 0x20;
}

/* Pattern p at s, ASCII letters compared case-insensitively, then a
 * tag-terminating byte. */
static int matches(const unsigned char *s, size_t n, const char *p) {
  size_t k = strlen(p);
  if (n <= k)
    return 0;
  for (size_t i = 0; i < k; i++) {
    unsigned char c = s[i], want = (unsigned char)p[i];
    if (want >= 'A' && want <= 'Z')
      c &= 0xDF; /* the spec's mask */
    if (c != want)
      return 0;
  }
  return s[k] == 0x20 || s[k] == 0x3E;
}

int wn_looks_like_html(const char *bytes, size_t n) {
  if (!bytes)
    return 0;
  const unsigned char *s = (const unsigned char *)bytes;
  n = WN_MIN(n, RESOURCE_HEADER);
  size_t i = 0;
  if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
    i = 3; /* a UTF-8 BOM: see wn_io.h */
  while (i < n && is_ws_byte(s[i]))
    i++;
  for (size_t k = 0; k < WN_ARRAY_LEN(PATTERNS); k++)
    if (matches(s + i, n - i, PATTERNS[k]))
      return 1;
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Markup that the WHATWG table does not recognise                           */
/* ------------------------------------------------------------------------ */

/* Input that opens with a tag the table below does not know (a wrapper)
 * is HTML when this many tags of known elements follow it: one could be a
 * stray word in angle brackets, two rarely are. */
#define WRAPPED_MIN_TAGS 2
/* Input that does not open with markup (a page cut at its head) is HTML
 * only when markup dominates it: this many known tags in the sniffed
 * bytes, far more than prose that mentions a tag or two, and taking at
 * least 1/DENSE_SHARE of them (code and Markdown with an HTML table or
 * template in them hold many tags too, but mostly other text: on 2,400
 * Debian .py, .md and .txt files these two took 12, against 58% of
 * benchmark pages cut at a random point in their text). */
#define DENSE_MIN_TAGS 12
#define DENSE_SHARE 5
/* Longest element name of the table. */
#define NAME_MAX_LEN 10

/* HTML elements (WHATWG HTML §4, and the obsolete ones old pages use),
 * lower case, in strcmp order for bsearch. */
static const char *const ELEMENTS[] = {
    "a",        "abbr",    "address",  "area",       "article",    "aside",  "audio",
    "b",        "base",    "big",      "blockquote", "body",       "br",     "button",
    "canvas",   "caption", "center",   "cite",       "code",       "col",    "colgroup",
    "dd",       "del",     "details",  "dfn",        "dialog",     "div",    "dl",
    "dt",       "em",      "embed",    "fieldset",   "figcaption", "figure", "font",
    "footer",   "form",    "frame",    "frameset",   "h1",         "h2",     "h3",
    "h4",       "h5",      "h6",       "head",       "header",     "hr",     "html",
    "i",        "iframe",  "img",      "input",      "ins",        "kbd",    "label",
    "legend",   "li",      "link",     "main",       "map",        "mark",   "marquee",
    "menu",     "meta",    "nav",      "nobr",       "noscript",   "object", "ol",
    "optgroup", "option",  "p",        "param",      "picture",    "pre",    "q",
    "s",        "samp",    "script",   "section",    "select",     "small",  "source",
    "span",     "strike",  "strong",   "style",      "sub",        "sup",    "table",
    "tbody",    "td",      "template", "textarea",   "tfoot",      "th",     "thead",
    "time",     "title",   "tr",       "tt",         "u",          "ul",     "var",
    "video",    "wbr",
};

/* Names XML vocabularies use too (RSS and Atom: <title>, <link>,
 * <source>): a first tag, but not counted as evidence. */
static int shared_with_xml(const char *name) {
  return !strcmp(name, "title") || !strcmp(name, "link") || !strcmp(name, "source");
}

static int cmp_name(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int is_element(const char *name) {
  return bsearch(&name, ELEMENTS, WN_ARRAY_LEN(ELEMENTS), sizeof *ELEMENTS, cmp_name) != NULL;
}

static int is_alpha(unsigned char c) {
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

enum { HEAD_BODY = 1, HTML_OR_DOCTYPE = 2 };

typedef struct markup {
  size_t known;     /* tags of known elements, shared names not counted */
  size_t tag_bytes; /* their bytes, '<' to '>' */
  int first;        /* the first tag: 0 none yet, 1 a known element, 2 another */
  int first_xmlns;  /* the first tag declares an XML namespace */
  int html_root;    /* HEAD_BODY, HTML_OR_DOCTYPE: the tags seen */
} markup;

/* Index just past the first occurrence of lit at or after i, or n. */
static size_t past(const char *s, size_t i, size_t n, const char *lit) {
  size_t k = strlen(lit);
  for (; i + k <= n; i++)
    if (memcmp(s + i, lit, k) == 0)
      return i + k;
  return n;
}

/* The tag at s[i] == '<' ("<name" or "</name", then white space, '>' or
 * '/', or the end of the bytes): its lower-case name into name, and the
 * index after the name; 0 when it is no tag. */
static size_t tag_name(const char *s, size_t i, size_t n, char name[NAME_MAX_LEN + 2]) {
  size_t j = i + 1 + (i + 1 < n && s[i + 1] == '/'), k = 0;
  if (j >= n || !is_alpha((unsigned char)s[j]))
    return 0;
  for (; j < n && (is_alpha((unsigned char)s[j]) || (s[j] >= '0' && s[j] <= '9')); j++)
    if (k <= NAME_MAX_LEN)
      name[k++] = (char)(s[j] | 0x20);
  name[k] = '\0';
  if (j < n && !is_ws_byte((unsigned char)s[j]) && s[j] != '>' && s[j] != '/')
    return 0;
  return j;
}

/* The tag at s[at], its name ending at s[end]. */
static void one_tag(markup *m, const char *s, size_t at, size_t end, size_t n, const char *name) {
  int known = is_element(name);
  size_t close = past(s, end, n, ">");
  if (!m->first) {
    m->first = known ? 1 : 2;
    for (size_t j = end; j + 5 <= close && !m->first_xmlns; j++)
      m->first_xmlns = wn_scan_iprefix(s + j, close - j, "xmlns");
  }
  if (known && !shared_with_xml(name)) {
    m->known++;
    m->tag_bytes += close - at;
  }
  if (!strcmp(name, "html"))
    m->html_root |= HTML_OR_DOCTYPE;
  else if (!strcmp(name, "head") || !strcmp(name, "body"))
    m->html_root |= HEAD_BODY;
}

/* Tags in s[0..n); comments, CDATA sections and processing instructions
 * are skipped whole (a feed's CDATA may hold a page). */
static markup scan_markup(const char *s, size_t n) {
  markup m = {0};
  char name[NAME_MAX_LEN + 2];
  for (size_t i = 0; i < n;) {
    const char *lt = memchr(s + i, '<', n - i);
    if (!lt)
      break;
    i = (size_t)(lt - s);
    size_t end;
    if (wn_scan_iprefix(s + i, n - i, "<!doctype html")) {
      m.html_root |= HTML_OR_DOCTYPE;
      i += 14;
    } else if (wn_scan_iprefix(s + i, n - i, "<!--")) {
      i = past(s, i + 4, n, "-->");
    } else if (wn_scan_iprefix(s + i, n - i, "<![CDATA[")) {
      i = past(s, i + 9, n, "]]>");
    } else if (wn_scan_iprefix(s + i, n - i, "<?")) {
      m.first = m.first ? m.first : 2;
      i = past(s, i + 2, n, ">");
    } else if ((end = tag_name(s, i, n, name)) != 0) {
      one_tag(&m, s, i, end, n, name);
      i = end;
    } else {
      i++;
    }
  }
  return m;
}

int wn_markup_is_html(const char *bytes, size_t n) {
  if (!bytes)
    return 0;
  n = WN_MIN(n, WN_SNIFF_BYTES);
  size_t i = n >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  while (i < n && is_ws_byte((unsigned char)bytes[i]))
    i++;
  if (i >= n || bytes[i] == '{' || bytes[i] == '[')
    return 0; /* nothing, or JSON */
  markup m = scan_markup(bytes + i, n - i);
  if (bytes[i] != '<')
    return m.known >= DENSE_MIN_TAGS && m.tag_bytes * DENSE_SHARE >= n - i;
  if (m.first_xmlns || wn_scan_iprefix(bytes + i, n - i, "<?xml"))
    return (m.html_root & HTML_OR_DOCTYPE) != 0; /* XHTML, not a feed or an SVG image */
  return m.html_root || m.first == 1 || m.known >= WRAPPED_MIN_TAGS;
}
