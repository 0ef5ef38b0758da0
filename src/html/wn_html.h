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

#define WN_HTML_MAX_DEPTH 65536u            /* default nesting cap */
#define WN_HTML_FEED ((size_t)INT_MAX - 64) /* bytes per htmlParseChunk call: a whole page */

typedef struct wn_html_opts {
  wn_buf *title;    /* gets the first <title>, white space collapsed and
                       trimmed, NUL-terminated; cleared first. A title
                       longer than the buffer's cap is cut at a character
                       boundary (info->title_cut), not an error. NULL: not
                       kept. */
  size_t max_depth; /* nesting cap (elements open at once); 0 = default */
  size_t feed;      /* bytes per parser call (about: see chunk_end in
                       html_parse.c); 0 = WN_HTML_FEED, the whole page in
                       one call. A test hook: smaller feeds give the same
                       text on well-formed markup, but libxml2 2.9.14's
                       push parser can read malformed markup differently
                       at a cut (a script's stray end tag, an abrupt
                       comment, the page's last character; reproducers in
                       fuzz/corpus/html/feed-*), so pages are never cut. */
} wn_html_opts;

/* Which cap stopped the pass (WINNOW_ERR_LIMIT). */
typedef enum wn_html_limit {
  WN_HTML_LIMIT_NONE = 0,
  WN_HTML_LIMIT_OUTPUT, /* out->max reached */
  WN_HTML_LIMIT_DEPTH,  /* more than max_depth elements open */
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
  uint32_t max_depth;       /* deepest nesting seen */
  uint8_t has_title;        /* a <title> was found (it may be empty) */
  uint8_t title_cut;        /* the title did not fit in opts->title */
  uint8_t limit;            /* wn_html_limit when WINNOW_ERR_LIMIT */
  const char *limit_name;   /* the cap's name, static storage, or NULL */
} wn_html_info;

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
