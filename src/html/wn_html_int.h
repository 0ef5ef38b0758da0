/* wn_html_int.h - shared by the files of src/html only: element classes
 * (html_tags.c) and the text walk driven by libxml2's SAX events
 * (html_walk.c, html_parse.c). */
#ifndef WN_HTML_INT_H
#define WN_HTML_INT_H

#include <stdbool.h>

#include "wn_html.h"

/* What a break between blocks asks for; a stronger one wins. */
enum {
  BRK_NONE = 0,
  BRK_SPACE, /* collapsed white space */
  BRK_CELL,  /* next cell of a table row: TAB */
  BRK_LINE,  /* "\n" */
  BRK_PARA   /* "\n\n" */
};

/* Element classes (bits). Elements not in the table are inline. */
enum {
  TAG_SKIP = 1u << 0,  /* content dropped: script, style, noscript, ... */
  TAG_HEAD = 1u << 1,  /* head: dropped, but its <title> is kept */
  TAG_TITLE = 1u << 2, /* title: to info, not to the text */
  TAG_LINK = 1u << 3,  /* a: its text counts as link text */
  TAG_PRE = 1u << 4,   /* white space kept */
  TAG_CELL = 1u << 5,  /* td, th: TAB between cells */
  TAG_LIST = 1u << 6,  /* ul, ol, dl, menu, li, dd, dt: breaks inside are lines */
  TAG_BR = 1u << 7     /* br: a line, two in a row a paragraph */
};

typedef struct wn_html_tag {
  uint8_t brk;   /* BRK_NONE, BRK_LINE or BRK_PARA, at start and at end */
  uint8_t flags; /* TAG_* */
} wn_html_tag;

/* The class of a lower-case element name (libxml2 lower-cases HTML names,
 * htmlParseHTMLName). Unknown names are inline: {0, 0}. */
wn_html_tag wn_html_tag_of(const char *name);

/* What the open elements say about the text inside the innermost one
 * (html_dom.c): inherited roles and class/id categories, the innermost
 * block's wn_dom_tag and heading level. */
typedef struct wn_html_frame {
  uint32_t roles; /* WN_DOM_* */
  uint16_t attr;  /* WN_DOM_ATTR_* */
  uint8_t tag;    /* wn_dom_tag */
  uint8_t level;  /* 1-6 inside h1-h6 */
} wn_html_frame;

/* Frames kept (one per open element): deeper elements share the frame at
 * this depth, so they inherit their ancestors' roles but add none of
 * their own. Real pages nest a few dozen deep; 256 frames are 2 KiB. */
#define WN_HTML_DOM_DEPTH 256u

/* The frame of an element: parent's, plus the element's tag, ARIA role,
 * class and id tokens, and visibility (hidden, aria-hidden="true", an
 * inline display:none or visibility:hidden). name lower case; atts as
 * libxml2 gives them (name, value pairs, NULL-terminated; may be NULL). */
wn_html_frame wn_html_dom_frame(const wn_html_frame *parent, const char *name,
                                const char *const *atts);

/* State of one pass. The counters replace an element stack: libxml2
 * reports every start tag with a matching end (it closes implied and
 * misnested elements itself), so memory stays O(1) at any depth. */
typedef struct wn_html_walk {
  wn_buf *out;
  wn_buf *title;
  wn_html_info *info;
  void *ctxt;       /* the htmlParserCtxtPtr, to stop it */
  winnow_status st; /* first failure; callbacks do nothing after it */
  size_t max_depth;
  uint64_t work, work_cap; /* see html_parse.c, on_error() */
  size_t html_end;         /* where the document's last element closed, or 0 */
  uint32_t depth;
  uint32_t skip, head, title_open, link, pre, list; /* open elements by class */
  uint8_t pending;                                  /* BRK_* waiting for the next text */
  uint8_t brs;      /* <br> (or newlines in <pre>) since the last text */
  bool any_text;    /* something written to out */
  bool space_link;  /* the pending space was seen inside <a> */
  bool title_on;    /* inside the first title */
  bool title_done;  /* the first title has ended */
  bool title_space; /* white space waiting inside the title */
  bool pre_lf;      /* drop the LF right after <pre> */
  bool pre_cr;      /* the last byte in a pre was CR */
  bool ld_on;       /* inside a JSON-LD script (opts->jsonld) */
  bool ld_over;     /* ... whose body went over the scratch's cap */
  wn_page_meta *meta;
  wn_buf *ld;
  wn_buf *lines; /* opts->lines: a wn_dom_line per output line, or NULL */
  bool line_new; /* the next text starts a line */
  bool a_new;    /* an <a> opened whose text has not started yet */
  wn_html_frame dom[WN_HTML_DOM_DEPTH + 1]; /* [depth]; [0] is the document */
} wn_html_walk;

/* The pass before libxml2 (html_prepass.c): when a tag of s[0..n) needs
 * rewriting, the page is rewritten into fix and *s, *n point at it; else
 * neither moves and fix is not touched. Counts in info. OK, NOMEM, LIMIT
 * (a page too big to rewrite in size_t). */
winnow_status wn_html_prepass(const char **s, size_t *n, wn_buf *fix, wn_html_info *info);

/* SAX callbacks (void *u is the walk). */
void wn_html_on_start(void *u, const unsigned char *name, const unsigned char **atts);
void wn_html_on_end(void *u, const unsigned char *name);
void wn_html_on_text(void *u, const unsigned char *s, int len);
/* Script and style content (libxml2's cdataBlock): kept only for JSON-LD. */
void wn_html_on_raw(void *u, const unsigned char *s, int len);
/* After the parse, whatever stopped it: end a <title> that got no end
 * event (a cap stopped the pass inside it, or the page ends in "<"). */
void wn_html_walk_finish(wn_html_walk *w);
/* Stop the parser with status st (and, for a limit, its name). */
void wn_html_stop(wn_html_walk *w, winnow_status st, wn_html_limit lim);

#endif /* WN_HTML_INT_H */
