/* html_parse.c - drives libxml2's HTML push parser (SAX only: no tree, so
 * memory stays near the page's size) over one page, with the traps of
 * libxml2 2.9.14 closed:
 *   - a <meta charset> would switch the decoder (htmlCheckEncodingDirect)
 *     and the parser stops at the first byte that does not convert:
 *     HTML_PARSE_IGNORE_ENC, with the input already UTF-8 (UTF8 given to
 *     htmlCreatePushParserCtxt, which then has no encoder);
 *   - a NUL ends the document and an invalid UTF-8 byte switches the rest
 *     to Latin-1 (htmlCurrentChar): both are replaced by U+FFFD first;
 *   - errors go to stderr through the thread's generic handler when the
 *     parser has no handler of its own: a per-parser serror counts them,
 *     and the thread's handlers are silenced for the call;
 *   - lengths are int: the page goes in chunks of about 64 KiB, cut where
 *     the push parser cannot misread them (chunk_end);
 *   - nesting: the SAX parser has no depth limit of its own (xmlParserMaxDepth
 *     guards tree building only), XML_PARSE_HUGE lifts its other fixed
 *     limits, and our own counters bound depth and the work of malformed
 *     deep markup. */
#include <limits.h>
#include <pthread.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "wn_html_int.h"

/* Budget of libxml2 element-stack scans on error paths: htmlParseEndTag
 * looks for a stray end tag's name in the whole stack (nameTab) before
 * reporting "Unexpected end tag", and htmlParseStartTag walks it for every
 * misplaced <body>. 10,000 open <div> and 200,000 stray </x> took 1.8 s.
 * Real pages spend a few thousand units; the cap is ~0.1 s of scanning. */
#define WORK_BASE (64u << 20)
#define WORK_PER_BYTE 16u

static const char *const LIMIT_NAMES[] = {NULL, "html text output bytes", "html nesting depth",
                                          "html parser work (errors x depth)"};

void wn_html_stop(wn_html_walk *w, winnow_status st, wn_html_limit lim) {
  if (w->st != WINNOW_OK)
    return;
  w->st = st;
  if (st == WINNOW_ERR_LIMIT) {
    w->info->limit = (uint8_t)lim;
    w->info->limit_name = LIMIT_NAMES[lim];
  }
  if (w->ctxt)
    xmlStopParser(w->ctxt);
}

/* The parser's own error channel (used when sax->initialized is
 * XML_SAX2_MAGIC, error.c __xmlRaiseError): count, never print. */
static void on_error(void *u, xmlErrorPtr e) {
  wn_html_walk *w = u;
  htmlParserCtxtPtr c = w->ctxt;
  w->info->errors++;
  bool scans = e && (e->code == XML_ERR_TAG_NAME_MISMATCH || e->code == XML_HTML_STRUCURE_ERROR);
  w->work += scans && c && c->nameNr > 0 ? (uint64_t)c->nameNr : 1u;
  if (w->work > w->work_cap)
    wn_html_stop(w, WINNOW_ERR_LIMIT, WN_HTML_LIMIT_WORK);
}

/* End events; notes where the last open element (html) closed, as a byte
 * offset into what this parser was fed (input is UTF-8: bytes in = bytes
 * seen; xmlParserInputShrink adds what it drops to input->consumed). */
static void on_end(void *u, const xmlChar *name) {
  wn_html_walk *w = u;
  wn_html_on_end(u, name);
  htmlParserCtxtPtr c = w->ctxt;
  if (w->depth || w->html_end || !c || !c->input || !c->input->cur || w->st != WINNOW_OK)
    return;
  size_t off = (size_t)c->input->consumed + (size_t)(c->input->cur - c->input->base);
  w->html_end = off ? off : 1; /* progress even if libxml2 says 0 */
}

static const htmlSAXHandler SAX = {
    .startElement = wn_html_on_start,
    .endElement = on_end,
    .characters = wn_html_on_text,
    /* white space libxml2 deems ignorable (areBlanks: also at the end of a
     * pushed chunk) still separates words */
    .ignorableWhitespace = wn_html_on_text,
    .cdataBlock = wn_html_on_raw,
    .initialized = XML_SAX2_MAGIC,
    .serror = on_error,
};

enum {
  PARSE_OPTS = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
               HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE
};

/* ---- the thread's error handlers, silenced for the call ---- */
typedef struct err_save {
  xmlGenericErrorFunc generic;
  void *generic_ctx;
  xmlStructuredErrorFunc structured;
  void *structured_ctx;
} err_save;

static void silent(void *ctx, const char *msg, ...) {
  (void)ctx;
  (void)msg;
}

static void hush(err_save *s, wn_html_walk *w) {
  s->generic = xmlGenericError;
  s->generic_ctx = xmlGenericErrorContext;
  s->structured = xmlStructuredError;
  s->structured_ctx = xmlStructuredErrorContext;
  xmlSetGenericErrorFunc(NULL, silent);
  xmlSetStructuredErrorFunc(w, on_error); /* errors raised without a parser */
}

static void unhush(const err_save *s) {
  xmlSetGenericErrorFunc(s->generic_ctx, s->generic);
  xmlSetStructuredErrorFunc(s->structured_ctx, s->structured);
}

/* ---- input ---- */
/* 1 when s[0..n) is valid UTF-8 without NUL (the decode stage's promise). */
static bool clean_utf8(const char *src, size_t n) {
  const unsigned char *s = (const unsigned char *)src;
  size_t i = 0;
  while (i < n) {
    while (i + 8 <= n) { /* ASCII without NUL, eight bytes at a time */
      uint64_t v;
      memcpy(&v, s + i, 8);
      if ((v & 0x8080808080808080ull) || ((v - 0x0101010101010101ull) & ~v & 0x8080808080808080ull))
        break;
      i += 8;
    }
    if (i >= n)
      break;
    size_t bad = 0, k = s[i] >= 0x80 ? wn_utf8_seq(s + i, n - i, &bad) : s[i] != 0;
    if (!k)
      return false;
    i += k;
  }
  return true;
}

/* Point *s, *n at parseable input: BOM skipped, repaired into fix when
 * needed. */
static winnow_status prepare(const char **s, size_t *n, wn_buf *fix, wn_html_info *info) {
  if (*n >= 3 && !memcmp(*s, "\xEF\xBB\xBF", 3)) {
    *s += 3;
    *n -= 3;
  }
  if (clean_utf8(*s, *n))
    return WINNOW_OK;
  if (*n > (SIZE_MAX - 1) / 3)
    return WINNOW_ERR_LIMIT;
  wn_buf_init(fix, *n * 3 + 1); /* each bad byte -> 3-byte U+FFFD */
  uint32_t inv = 0, nul = 0;
  winnow_status st = wn_utf8_repair(*s, *n, fix, &inv, &nul);
  if (st != WINNOW_OK)
    return st;
  info->repaired = (uint64_t)inv + nul;
  *s = fix->p;
  *n = fix->len;
  return WINNOW_OK;
}

/* ---- the parse ---- */
static winnow_status new_parser(wn_html_walk *w, htmlParserCtxtPtr *out) {
  htmlParserCtxtPtr c =
      htmlCreatePushParserCtxt((htmlSAXHandlerPtr)&SAX, w, NULL, 0, NULL, XML_CHAR_ENCODING_UTF8);
  *out = c;
  if (!c)
    return WINNOW_ERR_NOMEM;
  /* before any byte is parsed: a <meta> seen earlier would switch already */
  int unhandled = htmlCtxtUseOptions(c, PARSE_OPTS);
  if (unhandled & HTML_PARSE_IGNORE_ENC)
    return WINNOW_ERR_UNSUPPORTED;
  w->ctxt = c;
  return WINNOW_OK;
}

/* Where the chunk that starts at i ends: about step bytes on, moved so
 * that libxml2 2.9.14's push parser sees the same thing whatever the step:
 *   - never within CUT_GUARD bytes after a '<', unless right before the
 *     next '<': htmlParseTryOrFinish enters htmlParseScript once "</" and
 *     one more byte are in, and in recovery mode htmlParseScript compares
 *     the element name against bytes that may not have arrived: a cut in
 *     "</scrip|t>" made the rest of a real page script content;
 *   - never inside a UTF-8 sequence: htmlParseScript reads to the end of
 *     what it has, and htmlCurrentChar takes a cut sequence for bad UTF-8
 *     and switches the rest of the page to Latin-1. */
#define CUT_GUARD 16u

static size_t chunk_end(const char *s, size_t i, size_t n, size_t step) {
  size_t cut = n - i > step ? i + step : n;
  for (int pass = 0; pass < 2 && cut < n && s[cut] != '<'; pass++) {
    size_t from = cut - i > CUT_GUARD ? cut - CUT_GUARD : i;
    const char *lt = memrchr(s + from, '<', cut - from);
    if (!lt)
      break;
    if (lt > s + i)
      return (size_t)(lt - s);          /* the chunk ends just before that '<' */
    cut = WN_MIN(n, i + CUT_GUARD + 1); /* '<' opens the chunk: take more */
  }
  while (cut < n && ((unsigned char)s[cut] & 0xC0) == 0x80)
    cut++;
  return cut;
}

/* The first chunk of every document after the page's first, doubled
 * after each chunk up to the caller's step. libxml2 copies each chunk
 * into its own buffer, so feeding the whole rest to every new parser made
 * a page of many small concatenated documents quadratic (4 MiB of 3 KB
 * documents: 18 s); this way a document of d bytes costs O(d + FOLLOW_STEP).
 * The page's first document still goes in one call, as malformed markup
 * reads the same only without cuts (wn_html_opts.feed). */
#define FOLLOW_STEP ((size_t)64 << 10)

/* Feed one document; returns where its <html> element closed when that
 * was before the end (the rest needs a new parser), else n. grow: start
 * with FOLLOW_STEP bytes and double. */
static size_t feed(htmlParserCtxtPtr c, wn_html_walk *w, const char *s, size_t n, size_t step,
                   bool grow) {
  size_t cur = grow ? WN_MIN(step, FOLLOW_STEP) : step;
  w->html_end = 0;
  for (size_t i = 0, e; i < n && w->st == WINNOW_OK; i = e) {
    e = chunk_end(s, i, n, cur);
    htmlParseChunk(c, s + i, (int)(e - i), 0);
    if (w->html_end)
      return w->html_end;
    cur = cur > step / 2 ? step : cur * 2;
  }
  if (w->st == WINNOW_OK)
    htmlParseChunk(c, NULL, 0, 1); /* closes what is open: end events */
  return n;
}

/* htmlParseChunk takes an int; chunk_end may add CUT_GUARD + 3 bytes. */
static size_t feed_step(const wn_html_opts *o) {
  if (!o || !o->feed)
    return WN_HTML_FEED;
  return WN_MIN(o->feed, (size_t)INT_MAX - 64);
}

static void walk_init(wn_html_walk *w, const wn_html_opts *o, wn_buf *out, wn_html_info *info,
                      size_t n) {
  memset(w, 0, sizeof *w);
  w->out = out;
  w->title = o ? o->title : NULL;
  w->meta = o ? o->meta : NULL;
  w->ld = w->meta && o->jsonld ? o->jsonld : NULL;
  w->info = info;
  w->lines = o ? o->lines : NULL;
  w->line_new = true;
  if (w->lines)
    wn_buf_clear(w->lines);
  w->max_depth = o && o->max_depth ? o->max_depth : WN_HTML_MAX_DEPTH;
  w->work_cap = WORK_BASE + (uint64_t)n * WORK_PER_BYTE;
  if (w->title) {
    wn_buf_clear(w->title);
    winnow_status st = wn_buf_nul(w->title);
    if (st == WINNOW_ERR_NOMEM) /* not a cut title: the page fails */
      w->st = st;
    else if (st != WINNOW_OK)
      info->title_cut = 1;
  }
}

static bool only_space(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\n' && s[i] != '\r' && s[i] != '\t' && s[i] != '\f')
      return false;
  return true;
}

/* One parser per document in the page. After </html> closes every element,
 * libxml2 2.9.14 moves to the epilog (htmlParseEndTag: nameNr == 0) and ends
 * the parse at the first text or tag that follows, where browsers put it in
 * the body (WHATWG §13.2.6.4.21 "after after body"): pages concatenated by
 * CMSs, and spam injected after </html>. So the rest goes to a new parser,
 * through the same walk. */
static winnow_status parse(wn_html_walk *w, const char *s, size_t n, size_t step) {
  err_save saved;
  hush(&saved, w);
  winnow_status st = WINNOW_OK;
  for (size_t at = 0, used; at < n && st == WINNOW_OK; at += used) {
    htmlParserCtxtPtr c = NULL;
    st = new_parser(w, &c);
    used = st == WINNOW_OK ? feed(c, w, s + at, n - at, step, at > 0) : 0;
    used = WN_MIN(used, n - at);
    if (st == WINNOW_OK)
      st = w->st;
    w->ctxt = NULL;
    if (c)
      htmlFreeParserCtxt(c);
    if (only_space(s + at + used, n - at - used))
      break; /* the usual end: white space after </html> */
  }
  unhush(&saved);
  return st;
}

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

void wn_html_init(void) {
  pthread_once(&xml_once, xmlInitParser);
}

winnow_status wn_html_to_text(const char *utf8, size_t n, const wn_html_opts *opts, wn_buf *out,
                              wn_html_info *info) {
  wn_html_init();
  wn_html_info spare;
  if (!info)
    info = &spare;
  memset(info, 0, sizeof *info);
  if (!out || (!utf8 && n))
    return WINNOW_ERR_ARG;
  wn_html_walk w;
  walk_init(&w, opts, out, info, n);
  wn_buf fix = {0}, fix2 = {0};
  const char *s = n ? utf8 : "";
  winnow_status st = w.st != WINNOW_OK ? w.st : prepare(&s, &n, &fix, info);
  if (st == WINNOW_OK && !(opts && opts->raw))
    st = wn_html_prepass(&s, &n, &fix2, info);
  if (fix2.p)
    wn_buf_free(&fix); /* the page is in fix2 now */
  if (st == WINNOW_OK)
    st = parse(&w, s, n, feed_step(opts));
  wn_html_walk_finish(&w);
  wn_buf_free(&fix);
  wn_buf_free(&fix2);
  winnow_status nul = wn_buf_nul(out); /* fits: wn_buf keeps a spare byte */
  return st != WINNOW_OK ? st : nul;
}
