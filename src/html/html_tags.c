/* html_tags.c - which elements break lines, which hide their content.
 * Blocks are the elements WHATWG HTML §15 "Rendering" gives display: block
 * or list-item ("Flow content", "Sections and headings", "Lists"), table
 * rows, and the block set of bench/html_to_text.py (option, form, ...).
 * Hidden are the elements "Hidden elements" gives display: none (head,
 * script, style, template, datalist, noembed, noframes; noscript under
 * "@media (scripting)"), plus svg, whose text is drawing labels. */
#include <stdlib.h>
#include <string.h>

#include "wn_html_int.h"

typedef struct tag_entry {
  const char *name;
  wn_html_tag tag;
} tag_entry;

#define PARA(n)                                                                                    \
  {                                                                                                \
    n, {                                                                                           \
      BRK_PARA, 0                                                                                  \
    }                                                                                              \
  }
#define LINE(n)                                                                                    \
  {                                                                                                \
    n, {                                                                                           \
      BRK_LINE, 0                                                                                  \
    }                                                                                              \
  }
#define FLAG(n, b, f)                                                                              \
  {                                                                                                \
    n, {                                                                                           \
      b, f                                                                                         \
    }                                                                                              \
  }

/* Sorted by name (strcmp) for bsearch. */
static const tag_entry TAGS[] = {
    FLAG("a", BRK_NONE, TAG_LINK),
    PARA("address"),
    PARA("article"),
    PARA("aside"),
    PARA("blockquote"),
    FLAG("br", BRK_LINE, TAG_BR),
    LINE("caption"),
    PARA("center"),
    FLAG("datalist", BRK_NONE, TAG_SKIP),
    FLAG("dd", BRK_LINE, TAG_LIST),
    PARA("details"),
    PARA("dialog"),
    FLAG("dir", BRK_PARA, TAG_LIST),
    PARA("div"),
    FLAG("dl", BRK_PARA, TAG_LIST),
    FLAG("dt", BRK_LINE, TAG_LIST),
    PARA("fieldset"),
    PARA("figcaption"),
    PARA("figure"),
    PARA("footer"),
    PARA("form"),
    PARA("h1"),
    PARA("h2"),
    PARA("h3"),
    PARA("h4"),
    PARA("h5"),
    PARA("h6"),
    FLAG("head", BRK_NONE, TAG_HEAD),
    PARA("header"),
    PARA("hgroup"),
    PARA("hr"),
    LINE("legend"),
    FLAG("li", BRK_LINE, TAG_LIST),
    FLAG("listing", BRK_PARA, TAG_PRE),
    PARA("main"),
    FLAG("menu", BRK_PARA, TAG_LIST),
    PARA("nav"),
    FLAG("noembed", BRK_NONE, TAG_SKIP),
    FLAG("noframes", BRK_NONE, TAG_SKIP),
    FLAG("noscript", BRK_NONE, TAG_SKIP),
    FLAG("ol", BRK_PARA, TAG_LIST),
    LINE("optgroup"),
    LINE("option"),
    PARA("p"),
    FLAG("plaintext", BRK_PARA, TAG_PRE),
    FLAG("pre", BRK_PARA, TAG_PRE),
    FLAG("script", BRK_NONE, TAG_SKIP),
    PARA("search"),
    PARA("section"),
    LINE("select"),
    FLAG("style", BRK_NONE, TAG_SKIP),
    LINE("summary"),
    FLAG("svg", BRK_NONE, TAG_SKIP),
    PARA("table"),
    LINE("tbody"),
    FLAG("td", BRK_NONE, TAG_CELL),
    FLAG("template", BRK_NONE, TAG_SKIP),
    LINE("textarea"),
    LINE("tfoot"),
    FLAG("th", BRK_NONE, TAG_CELL),
    LINE("thead"),
    FLAG("title", BRK_NONE, TAG_TITLE),
    LINE("tr"),
    FLAG("ul", BRK_PARA, TAG_LIST),
    FLAG("xmp", BRK_PARA, TAG_PRE),
};

static int cmp_entry(const void *key, const void *e) {
  return strcmp((const char *)key, ((const tag_entry *)e)->name);
}

wn_html_tag wn_html_tag_of(const char *name) {
  static const wn_html_tag inline_tag = {BRK_NONE, 0};
  if (!name)
    return inline_tag;
  const tag_entry *e = bsearch(name, TAGS, WN_ARRAY_LEN(TAGS), sizeof TAGS[0], cmp_entry);
  return e ? e->tag : inline_tag;
}
