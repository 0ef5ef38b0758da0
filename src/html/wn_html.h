/*
 * wn_html.h - the plain DOM-to-text pass: HTML -> the text front end's
 * input (issue #3: "an HTML document may go through a plain DOM-to-text pass
 * (libxml2) into the text front end; keep that seam clean").
 *
 * The seam: wn_html_to_text() turns one UTF-8 page into lines of text, one
 * per block element, with a blank line between paragraphs, which
 * wn_text_blocks() reads like any text dump. The real HTML front end will
 * replace this pass by producing blocks directly; nothing else in the tree
 * depends on how the text is made.
 *
 * Layout of the text (the shape of bench/html_to_text.py, plus paragraphs):
 *   - white space collapses to one space inside a line and is trimmed at
 *     line ends: WHATWG Infra "ASCII whitespace" (what CSS collapses) and
 *     also NBSP, U+3000 and the other Unicode spaces, as the Python dumper
 *     (str.split) and the text front end's trim do, so an "&nbsp;" line is
 *     no line at all rather than a paragraph break;
 *   - a paragraph break ("\n\n") around p, div, h1-h6, section, article,
 *     header, footer, nav, aside, main, blockquote, pre, table, ul/ol/dl,
 *     form, figure, figcaption, address, hr and friends;
 *   - a line break ("\n") around li, dd, dt, tr, option, caption, and for
 *     <br>; two <br> in a row make a paragraph break (how br-formatted
 *     pages separate paragraphs); inside a list (ul/ol/dl/menu, li/dd/dt)
 *     every paragraph break is a line break, so a list is one paragraph;
 *   - table cells on one row are separated by a TAB, not " | ": a TAB is
 *     white space to the classifier's features, while '|' is an item
 *     separator (n_sep, NAV_LIST) that would make every data row look like
 *     a navigation bar; a cell with blocks of its own breaks its row;
 *   - <pre>, <listing>, <xmp> keep their white space and newlines (CR LF and
 *     CR become LF; the LF right after the start tag is dropped, WHATWG HTML
 *     §13.2.6.4.7 "in body", start tag "pre"; blank lines inside count as
 *     one, and none is left at the end);
 *   - script, style, noscript, template, svg and head content is dropped;
 *     the first <title> outside svg/template goes to opts->title, never to
 *     the text;
 *   - content after </html> is kept, as browsers keep it (libxml2 would
 *     end the parse there; see parse() in html_parse.c);
 *   - no line break before the first line or after the last.
 *
 * Input: UTF-8 without NULs (the decode stage guarantees it). Anything else
 * is still safe: invalid sequences and NULs are replaced by U+FFFD before
 * parsing (libxml2 would switch to Latin-1 at the first bad byte and stop at
 * a NUL) and counted in info->repaired. A UTF-8 BOM is skipped.
 *
 * Thread safety: one call per thread at a time on separate buffers; the
 * thread's libxml2 error handlers are swapped for silent ones during the
 * call and restored before it returns.
 */
#ifndef WN_HTML_H
#define WN_HTML_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "../common/wn_common.h"
#include "../common/wn_dom.h"
#include "../meta/wn_meta.h"

/* Default nesting cap: elements open at once that keep their layout;
 * deeper ones are flattened (their text kept in the flow, their breaks one
 * space; info->flattened counts them), never an error. */
#define WN_HTML_MAX_DEPTH 65536u
/* Caps on one start tag, enforced before libxml2 sees it (html_prepass.c):
 * libxml2 2.9.14 compares each attribute's name with all those before it,
 * so a tag costs the square of its attributes (10,000 took 0.5 s, 100,000
 * 24 s). Real tags carry a few dozen at most (framework data-* and aria-*
 * included); 256 keeps every real one whole, and bounds the check to
 * 256 x the page's attributes (a million attributes in 256-attribute tags:
 * about 0.4 s). The bytes: nothing winnow reads from an attribute needs
 * more than a few KiB, the largest real values are data: URIs of inline
 * images (a 2 MiB picture is 2.7 MiB of base64), and libxml2 copies every
 * value while parsing; 4 MiB keeps those and bounds that copy. The
 * attributes past either cap are left out (info->attrs_cut). */
#define WN_HTML_MAX_ATTRS 256u
#define WN_HTML_MAX_ATTR_BYTES ((size_t)4 << 20)
/* Distinct element and attribute names in one page (html_prepass.c):
 * libxml2 2.9.14 keeps every name in a dictionary whose hash table stops
 * growing at 4608 buckets, so a lookup costs a walk along a chain of
 * names / 4608 entries (a million distinct names: 13 s). Real pages use a
 * few hundred (every HTML element and attribute, framework ones included,
 * are under 2,000); at 8192 a chain is about two entries. Only pages with
 * more than WN_HTML_NAME_SCAN names in all (about a megabyte of markup)
 * are tracked: below it the dictionary cannot get slow (65536 lookups of
 * at most as many names walk about 15 ms of chains). */
#define WN_HTML_MAX_NAMES 8192u
#define WN_HTML_NAME_SCAN 65536u
/* A <title> never closed ends before the next tag; with none within this
 * many bytes, at the first line end, or here (html_prepass.c). Titles run
 * to a few hundred bytes; the page keeps WN_CTX_TITLE_MAX (2048) of one. */
#define WN_HTML_TITLE_SCAN 2048u
#define WN_HTML_FEED ((size_t)INT_MAX - 64) /* bytes per htmlParseChunk call: a whole page */

typedef struct wn_html_opts {
  wn_buf *title;      /* gets the first <title>, white space collapsed and
                         trimmed, NUL-terminated; cleared first. A title
                         longer than the buffer's cap is cut at a character
                         boundary (info->title_cut), not an error. NULL: not
                         kept. */
  size_t max_depth;   /* nesting cap (elements open at once); 0 = default */
  size_t feed;        /* bytes per parser call (about: see chunk_end in
                         html_parse.c); 0 = WN_HTML_FEED, the whole page in
                         one call. A test hook: smaller feeds give the same
                         text on well-formed markup, but libxml2 2.9.14's
                         push parser can read malformed markup differently
                         at a cut (a script's stray end tag, an abrupt
                         comment, the page's last character; reproducers in
                         fuzz/corpus/html/feed-*), so pages are never cut. */
  uint8_t raw;        /* a test hook: 1 = no pre-pass (html_prepass.c),
                         libxml2 reads the page as given */
  wn_page_meta *meta; /* gets what the page says of itself: every start
                         tag goes to wn_pm_element, and, with jsonld,
                         every JSON-LD script to wn_pm_jsonld (src/meta).
                         Not reset here. NULL: not collected. */
  wn_buf *jsonld;     /* scratch for one JSON-LD script body; a body over
                         its cap is counted in meta->jsonld_skipped */
  wn_buf *lines;      /* gets one wn_dom_line (src/common/wn_dom.h) per
                         line of out, in order: where it starts and what
                         the DOM says of its text (roles, class/id
                         categories, visibility, link code points, links,
                         innermost block tag). Cleared first; when it
                         cannot hold them all, info->lines_cut is set and
                         its records are not to be used. NULL: not kept. */
} wn_html_opts;

/* Which cap stopped the pass (WINNOW_ERR_LIMIT). */
typedef enum wn_html_limit {
  WN_HTML_LIMIT_NONE = 0,
  WN_HTML_LIMIT_OUTPUT, /* out->max reached */
  WN_HTML_LIMIT_DEPTH,  /* no longer returned: deeper elements are flattened */
  WN_HTML_LIMIT_WORK    /* malformed markup deep in the tree: libxml2 scans
                           its whole element stack for every stray end tag,
                           so errors x depth is capped (see html_parse.c) */
} wn_html_limit;

typedef struct wn_html_info {
  uint64_t elements;        /* start tags reported (implied ones included) */
  uint64_t errors;          /* parser errors and warnings (counted silently) */
  uint64_t text_bytes;      /* bytes of text written to out, line breaks and
                               cell TABs excluded */
  uint64_t link_text_bytes; /* ... of which inside <a> */
  uint64_t repaired;        /* invalid UTF-8 sequences and NULs replaced */
  uint64_t flattened;       /* elements deeper than the nesting cap */
  uint64_t attrs_cut;       /* attributes left out of tags over a cap */
  uint64_t tags_cut;        /* start tags written again (attributes left out, references escaped) */
  uint64_t tags_dropped;    /* start and end tags, PIs and doctypes of a
                               name past WN_HTML_MAX_NAMES, left out */
  uint64_t entities_escaped; /* "&name" past that cap written "&amp;name"
                                (the same text) */
  uint64_t titles_closed;    /* unclosed <title>s given an end (html_prepass.c) */
  uint64_t end_tags_dropped; /* end tags before any start tag or text, left
                               out (libxml2 would end the parse there) */
  uint32_t max_depth;        /* deepest nesting seen */
  uint8_t has_title;         /* a <title> was found (it may be empty) */
  uint8_t title_cut;         /* the title did not fit in opts->title */
  uint8_t limit;             /* wn_html_limit when WINNOW_ERR_LIMIT */
  uint8_t lines_cut;         /* opts->lines reached its cap: its records are
                                incomplete (running out of memory for them
                                is WINNOW_ERR_NOMEM, as for the text) */
  const char *limit_name;    /* the cap's name, static storage, or NULL */
} wn_html_info;

/* The class/id lexicon (data/dom/attr.txt, html_dom.c): its entries, and
 * in *bad (may be NULL) how many of its lines it could not read. */
size_t wn_html_dom_lexicon(size_t *bad);
/* WN_DOM_ATTR_* categories of a class or id value v[0..n): split into
 * tokens at non-letters and camelCase humps, lower-cased, each matched
 * against the lexicon (exactly, or by a "word*" prefix entry); the token
 * after "has", "no", "is", "with", "without" in one class name is a state
 * of the page and not matched. */
unsigned wn_html_dom_attr_cats(const char *v, size_t n);

/* Append the visible text of the HTML page utf8[0..n) to out (see the
 * layout above) and NUL-terminate it (the NUL is not counted in out->len).
 * opts may be NULL (defaults, no title); info may be NULL.
 *
 * Returns WINNOW_OK; WINNOW_ERR_LIMIT when a cap stopped the pass (info->limit
 * says which; the text written so far stays in out, whole pieces only);
 * WINNOW_ERR_NOMEM (out keeps what was written); WINNOW_ERR_ARG for a NULL
 * out or utf8 with n > 0; WINNOW_ERR_UNSUPPORTED when the installed libxml2
 * cannot be told to ignore <meta charset>. Never prints. */
winnow_status wn_html_to_text(const char *utf8, size_t n, const wn_html_opts *opts, wn_buf *out,
                              wn_html_info *info);

/* Initialise libxml2 once per process (xmlInitParser, which is not safe to
 * race: libxml2 2.9 sets up its globals lazily, and two threads parsing
 * their first page at once both did it, one leaking a mutex). Safe from any
 * thread and cheap after the first call; wn_html_to_text calls it, and so
 * does winnow_ctx_create, so the thread that makes the contexts sets libxml2
 * up before any worker thread parses. */
void wn_html_init(void);

#endif /* WN_HTML_H */
