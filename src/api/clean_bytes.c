/* clean_bytes.c - bytes of any charset and content to a cleaned document:
 *
 *   raw cap -> file signature -> charset decision (BOM, HTTP label, <meta>,
 *   detection; src/decode) -> binary check -> conversion to UTF-8 ->
 *   [HTML: the libxml2 pass to text, src/html] -> wn_ctx_clean_utf8
 *
 * Caps, with M = WINNOW_P_MAX_DOC_BYTES: the raw bytes at most 4 M; the
 * text the classifier reads (a PLAIN input converted, or the text of an HTML
 * page) at most M; an HTML page converted to UTF-8 at most 4 M, as markup
 * is most of a page. Every one is WINNOW_EC_DOC_TOO_BIG.
 *
 * The converted text needs no repair (the conversion leaves valid UTF-8
 * without NULs), so it goes to the classifier as it is, from the context's
 * buffers: nothing is copied twice. */
#include <string.h>

#include "../html/wn_html.h"
#include "wn_ctx.h"

#define RAW_FACTOR 4 /* raw bytes, and an HTML page in UTF-8, at most this x M */
/* DOM line records kept per allowed block (max-blocks): a line that
 * becomes no block (white space in a <pre>) still has one; past the cap
 * the page goes without them (and has too many lines to be cleaned). */
#define LINES_PER_BLOCK 2u

static uint64_t max_doc(const winnow_ctx *c) {
  return (uint64_t)c->params[WINNOW_P_MAX_DOC_BYTES];
}

static winnow_status too_big(winnow_ctx *c, const char *what, uint64_t cap) {
  char msg[200];
  wn_fmt(msg, sizeof msg, "%s is over the cap of %llu bytes (max-doc-bytes %lld)", what,
         (unsigned long long)cap, (long long)max_doc(c));
  return wn_ctx_failc(c, WINNOW_EC_DOC_TOO_BIG, msg);
}

/* A status of the decode or HTML stages that is no cap. */
static winnow_status stage_failed(winnow_ctx *c, winnow_status st, const char *stage) {
  char msg[160];
  wn_fmt(msg, sizeof msg, "%s: %s", stage, winnow_status_str(st));
  return wn_ctx_fail(c, st, msg);
}

/* NULs among the bytes (as UTF-16 code units for UTF-16): the conversion
 * counts them among its replacements; the document reports them apart. */
static uint32_t count_nuls(const char *s, size_t n, const wn_encoding *e) {
  uint64_t k = 0;
  if (e->flags & WN_ENCF_UTF16) {
    for (size_t i = 0; i + 1 < n; i += 2)
      k += !s[i] && !s[i + 1];
  } else {
    for (const char *p = s, *end = s + n; (p = memchr(p, 0, (size_t)(end - p))); p++)
      k++;
  }
  return k > UINT32_MAX ? UINT32_MAX : (uint32_t)k;
}

/* Convert to UTF-8 into b (cleared, capped at cap bytes). */
static winnow_status convert(winnow_ctx *c, const char *bytes, size_t len,
                             const wn_charset_decision *d, wn_buf *b, uint64_t cap,
                             const char *what) {
  wn_buf_clear(b);
  b->max = (size_t)cap + 1; /* + 1: the UTF-8 path reserves the input's length + 1 */
  uint32_t repl = 0;
  /* a buffer, even for no bytes: the conversion offsets b->p (NULL + 0 is
   * undefined behaviour) */
  winnow_status st = wn_buf_reserve(b, 0);
  if (st == WINNOW_OK)
    st = wn_to_utf8_cached(&c->decode, bytes, len, d, b, &repl);
  if (st == WINNOW_ERR_LIMIT || (st == WINNOW_OK && b->len > cap))
    return too_big(c, what, cap);
  if (st == WINNOW_ERR_UNSUPPORTED) {
    char msg[160];
    wn_fmt(msg, sizeof msg, "iconv cannot decode %s", d->name);
    return wn_ctx_failc(c, WINNOW_EC_UNSUPPORTED_ENCODING, msg);
  }
  if (st != WINNOW_OK)
    return stage_failed(c, st, "conversion to UTF-8");
  winnow_doc *pub = &c->doc.pub;
  uint32_t nul = repl ? count_nuls(bytes + d->bom_len, len - d->bom_len, d->enc) : 0;
  pub->n_nul = WN_MIN(nul, repl);
  pub->n_invalid_utf8 = repl - pub->n_nul;
  if (repl)
    pub->warnings |= WINNOW_WARN_REPAIRED;
  return WINNOW_OK;
}

/* The HTML pass over the converted page (c->page) into c->text. */
static winnow_status html_text(winnow_ctx *c) {
  wn_buf_clear(&c->text);
  c->text.max = (size_t)max_doc(c);
  c->lines.max = LINES_PER_BLOCK * (size_t)c->params[WINNOW_P_MAX_BLOCKS] * sizeof(wn_dom_line);
  wn_html_opts opts = {
      .title = &c->title, .meta = &c->pm, .jsonld = &c->jsonld, .lines = &c->lines};
  wn_html_info info;
  memset(&info, 0, sizeof info);
  winnow_status st = wn_html_to_text(c->page.p, c->page.len, &opts, &c->text, &info);
  c->dom_ok = st == WINNOW_OK && !info.lines_cut;
  if (st == WINNOW_ERR_LIMIT && info.limit == WN_HTML_LIMIT_OUTPUT)
    return too_big(c, "the text of the HTML page", max_doc(c));
  if (st == WINNOW_ERR_LIMIT) {
    char msg[200];
    wn_fmt(msg, sizeof msg, "HTML pass stopped at its cap: %s (%llu elements, depth %u)",
           info.limit_name ? info.limit_name : "unknown", (unsigned long long)info.elements,
           (unsigned)info.max_depth);
    return wn_ctx_failc(c, WINNOW_EC_HTML_LIMIT, msg);
  }
  if (st != WINNOW_OK)
    return stage_failed(c, st, "HTML pass");
  if (info.repaired) /* not after a conversion; kept should that change */
    c->doc.pub.warnings |= WINNOW_WARN_REPAIRED;
  if (info.attrs_cut || info.tags_dropped || info.entities_escaped)
    c->doc.pub.warnings |= WINNOW_WARN_HTML_CUT;
  if (info.flattened)
    c->doc.pub.warnings |= WINNOW_WARN_HTML_FLAT;
  if (info.has_title && c->title.len)
    c->doc.pub.html_title = c->title.p;
  return WINNOW_OK;
}

/* s[0..n) as a string of the document (arena). */
static const char *doc_str(winnow_ctx *c, const char *s, size_t n, winnow_status *st) {
  char *p = wn_arena_strndup(&c->arena, s, n);
  if (!p)
    *st = WINNOW_ERR_NOMEM;
  return p;
}

/* The title a page states: og:title or the JSON-LD headline, else its
 * <title>, each without the site's name; NULL when that leaves nothing
 * but the site's name (a home page's og:title). */
static const char *stated_title(winnow_ctx *c, const char *site, winnow_status *st) {
  const char *t = wn_pm_get(&c->pm, WN_PM_TITLE);
  if (!t)
    t = c->doc.pub.html_title;
  if (!t)
    return NULL;
  size_t start, n = wn_pm_strip_site(t, strlen(t), site, &start);
  if (!n || (site && strlen(site) == n && !memcmp(site, t + start, n)))
    return NULL;
  return doc_str(c, t + start, n, st);
}

/* After the classifier: what the page says of itself goes to the
 * document. Its title, date and author are the page's own statements, so
 * they win over what the classifier read from the text (a date line in a
 * header can be today's date, a byline can be a photo credit); the
 * classifier's title is kept when the page states none. */
static winnow_status page_meta(winnow_ctx *c) {
  winnow_doc *pub = &c->doc.pub;
  winnow_status st = WINNOW_OK;
  const wn_page_meta *pm = &c->pm;
  pub->sitename = wn_pm_get(pm, WN_PM_SITENAME);
  pub->description = wn_pm_get(pm, WN_PM_DESCRIPTION);
  pub->lang = wn_pm_get(pm, WN_PM_LANG);
  pub->canonical_url = wn_pm_get(pm, WN_PM_CANONICAL);
  pub->keywords = wn_pm_get(pm, WN_PM_KEYWORDS);
  const char *title = stated_title(c, pub->sitename, &st);
  if (title && (wn_pm_get(pm, WN_PM_TITLE) || !pub->meta.title))
    pub->meta.title = title;
  if (wn_pm_get(pm, WN_PM_DATE))
    pub->meta.date = wn_pm_get(pm, WN_PM_DATE);
  if (wn_pm_get(pm, WN_PM_AUTHOR))
    pub->meta.author = wn_pm_get(pm, WN_PM_AUTHOR);
  return st;
}

/* Everything before the classifier; c->text holds the text after. */
static winnow_status decode(winnow_ctx *c, winnow_content content, const char *bytes, size_t len,
                            const char *content_type) {
  uint64_t raw_cap = RAW_FACTOR * max_doc(c);
  if (len > raw_cap) {
    char what[80];
    wn_fmt(what, sizeof what, "input of %zu bytes", len);
    return too_big(c, what, raw_cap);
  }
  const char *sig;
  char why[200];
  if (wn_binary_magic(bytes, len, &sig)) {
    wn_fmt(why, sizeof why, "the bytes are %s, not text (file signature at the start)", sig);
    return wn_ctx_failc(c, WINNOW_EC_BINARY, why);
  }
  int is_html = content == WINNOW_CONTENT_HTML;
  wn_charset_decision d;
  winnow_status st = wn_charset_decide_cached(&c->decode, bytes, len, content_type, is_html, &d);
  if (st != WINNOW_OK)
    return stage_failed(c, st, "charset decision");
  if (wn_looks_binary(bytes, len, &d, why, sizeof why))
    return wn_ctx_failc(c, WINNOW_EC_BINARY, why);
  winnow_doc *pub = &c->doc.pub;
  pub->charset = d.name;
  pub->charset_source = wn_charset_source_str(d.source);
  if (d.source == WN_CS_OVERRIDDEN)
    pub->warnings |= WINNOW_WARN_CHARSET_LABEL;
  if (!is_html)
    return convert(c, bytes, len, &d, &c->text, max_doc(c), "the text in UTF-8");
  st = convert(c, bytes, len, &d, &c->page, raw_cap, "the HTML page in UTF-8");
  return st == WINNOW_OK ? html_text(c) : st;
}

/* Each block of the HTML page's text gets the record of the line it is
 * on (a block is one trimmed line: its start falls in exactly one), and
 * its link code points. */
static winnow_status attach_dom(winnow_ctx *c) {
  wn_docb *d = &c->doc;
  const wn_dom_line *l = (const wn_dom_line *)(const void *)c->lines.p;
  size_t n = c->lines.len / sizeof *l;
  if (!n || !d->pub.n_blocks)
    return WINNOW_OK;
  wn_dom_feat *dom = wn_arena_alloc(&c->arena, d->pub.n_blocks * sizeof *dom);
  if (!dom)
    return wn_ctx_fail(c, WINNOW_ERR_NOMEM, NULL);
  size_t k = 0;
  for (size_t i = 0; i < d->pub.n_blocks; i++) {
    winnow_block *b = &d->blocks[i];
    while (k + 1 < n && l[k + 1].start <= b->start)
      k++;
    dom[i] = l[k].start <= b->start ? l[k].f : (wn_dom_feat){0};
    b->f.link_cp = dom[i].link_cp;
  }
  d->dom = dom;
  return WINNOW_OK;
}

winnow_status winnow_clean_bytes(winnow_ctx *c, winnow_content content, const char *bytes,
                                 size_t len, const char *content_type, const winnow_doc **out) {
  if (!c || !out || (!bytes && len) || (unsigned)content >= WINNOW_CONTENT_COUNT_)
    return WINNOW_ERR_ARG;
  if (content == WINNOW_CONTENT_TEXT)
    return winnow_clean_text(c, bytes, len, out);
  *out = NULL;
  wn_ctx_begin(c);
  c->doc.pub.content = (uint8_t)content;
  c->dom_ok = 0;
  winnow_status st = decode(c, content, bytes ? bytes : "", len, content_type);
  if (st == WINNOW_OK)
    st = wn_ctx_text_blocks(c, c->text.p, c->text.len);
  if (st == WINNOW_OK && c->dom_ok)
    st = attach_dom(c);
  if (st == WINNOW_OK)
    st = wn_ctx_finish(c, out);
  if (st == WINNOW_OK && content == WINNOW_CONTENT_HTML)
    st = page_meta(c);
  return st;
}

winnow_status winnow_clean_record(winnow_ctx *c, const winnow_record *rec, const winnow_doc **out) {
  if (!c || !rec || !out || rec->status != WINNOW_OK || rec->drop != WINNOW_DROP_NONE)
    return WINNOW_ERR_ARG;
  if (rec->content == WINNOW_CONTENT_TEXT)
    return winnow_clean_text(c, rec->text, rec->text_len, out);
  return winnow_clean_bytes(c, rec->content, rec->text, rec->text_len, rec->content_type, out);
}
