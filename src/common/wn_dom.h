/* wn_dom.h - what the DOM says about a line of an HTML page's text: filled
 * by the HTML pass (src/html), one record per output line, and attached by
 * the context to the block that line became (wn_docb.dom, NULL for text
 * input). Internal: no part of the public block layout. */
#ifndef WN_DOM_H
#define WN_DOM_H

#include <stdint.h>

/* Roles of the element and its ancestors (wn_dom_feat.roles), from tags
 * and ARIA roles. A line's bits are those every piece of its text has. */
enum {
  WN_DOM_A = 1u << 0,       /* inside <a> */
  WN_DOM_HEADER = 1u << 1,  /* header, role=banner */
  WN_DOM_NAV = 1u << 2,     /* nav, role=navigation / menu / menubar */
  WN_DOM_ASIDE = 1u << 3,   /* aside, role=complementary */
  WN_DOM_FOOTER = 1u << 4,  /* footer, role=contentinfo */
  WN_DOM_MAIN = 1u << 5,    /* main, role=main */
  WN_DOM_ARTICLE = 1u << 6, /* article, role=article */
  WN_DOM_FORM = 1u << 7,    /* form, role=form / search */
  WN_DOM_DIALOG = 1u << 8,  /* dialog, role=dialog / alertdialog / alert */
  WN_DOM_HIDDEN = 1u << 9,  /* hidden, aria-hidden="true", display:none, visibility:hidden */
  WN_DOM_LI = 1u << 10,     /* li, dd, dt */
  WN_DOM_CELL = 1u << 11,   /* td, th */
  WN_DOM_PRE = 1u << 12,    /* pre, listing, xmp, plaintext */
  WN_DOM_CODE = 1u << 13,   /* code, kbd, samp */
  WN_DOM_QUOTE = 1u << 14,  /* blockquote, q */
  WN_DOM_FIGURE = 1u << 15, /* figure, figcaption */
  WN_DOM_BUTTON = 1u << 16, /* button, select, option, label, role=button */
  WN_DOM_HEADING = 1u << 17 /* h1-h6 (wn_dom_feat.level says which) */
};

/* Categories of class and id tokens (wn_dom_feat.attr), from
 * data/dom/attr.txt; the order of its [sections] is this order. */
enum {
  WN_DOM_ATTR_NAV = 1u << 0,
  WN_DOM_ATTR_FOOTER = 1u << 1,
  WN_DOM_ATTR_SHARE = 1u << 2,
  WN_DOM_ATTR_COMMENT = 1u << 3,
  WN_DOM_ATTR_RELATED = 1u << 4,
  WN_DOM_ATTR_SIDEBAR = 1u << 5,
  WN_DOM_ATTR_AD = 1u << 6,
  WN_DOM_ATTR_CRUMB = 1u << 7,
  WN_DOM_ATTR_COOKIE = 1u << 8,
  WN_DOM_ATTR_LOGIN = 1u << 9,
  WN_DOM_ATTR_HEADER = 1u << 10,
/* the chrome ones: what an element marked MAIN without any of them ends */
#define WN_DOM_ATTR_CHROME ((1u << 11) - 1)
  WN_DOM_ATTR_CONTENT = 1u << 11, /* article, post, entry: an article or a teaser of one */
  WN_DOM_ATTR_MAIN = 1u << 12,    /* the main content area ("entry-content") */
  WN_DOM_ATTR_COUNT_ = 13
};

/* The innermost block element of a line (wn_dom_feat.tag). */
typedef enum wn_dom_tag {
  WN_DT_NONE = 0, /* text outside any block element (body, html) */
  WN_DT_P,
  WN_DT_DIV, /* div, section, center and other generic blocks */
  WN_DT_HEADING,
  WN_DT_LI,
  WN_DT_CELL,
  WN_DT_ROW, /* tr, caption */
  WN_DT_PRE,
  WN_DT_QUOTE,
  WN_DT_FIGCAPTION,
  WN_DT_LIST, /* ul, ol, dl, menu: text directly inside */
  WN_DT_TABLE,
  WN_DT_FORM,       /* form, fieldset, legend, option, select, textarea */
  WN_DT_SECTIONING, /* article, aside, nav, header, footer, main */
  WN_DT_ADDRESS,
  WN_DT_COUNT_
} wn_dom_tag;

typedef struct wn_dom_feat {
  uint32_t roles;   /* WN_DOM_* shared by all the line's text */
  uint16_t attr;    /* WN_DOM_ATTR_* shared by all the line's text */
  uint8_t tag;      /* wn_dom_tag of the line's first text */
  uint8_t level;    /* heading level 1-6, or 0 */
  uint32_t link_cp; /* code points of link text on the line */
  uint16_t n_links; /* <a> elements whose text starts on the line (capped) */
  uint16_t depth;   /* element depth at the line's first text (capped) */
} wn_dom_feat;

/* One output line of the HTML pass: it starts at byte start of the text. */
typedef struct wn_dom_line {
  uint32_t start;
  wn_dom_feat f;
} wn_dom_line;

#endif /* WN_DOM_H */
