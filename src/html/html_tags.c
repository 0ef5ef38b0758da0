/* html_tags.c - which elements break lines, which hide their content.
 * Blocks are the elements WHATWG HTML §15 "Rendering" gives display: block
 * or list-item ("Flow content", "Sections and headings", "Lists"), table
 * rows, and the block set of bench/html_to_text.py (option, form, ...).
 * Hidden are the elements "Hidden elements" gives display: none (head,
 * script, style, template, datalist, noembed, noframes; noscript under
 * "@media (scripting)"), plus svg, whose text is drawing labels. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "wn_html_int.h"

/* Every element that is not inline, by class: the break it asks for (at
 * start and at end) and its TAG_* bits. An element is in one class only. */
static const struct {
  wn_html_tag tag;
  const char *names; /* separated by one space */
} CLASSES[] = {
    {{BRK_PARA, 0},
     "address article aside blockquote center details dialog div fieldset figcaption figure "
     "footer form h1 h2 h3 h4 h5 h6 header hgroup hr main nav p search section table"},
    {{BRK_LINE, 0}, "caption legend optgroup option select summary tbody textarea tfoot thead tr"},
    {{BRK_PARA, TAG_LIST}, "dir dl menu ol ul"},
    {{BRK_LINE, TAG_LIST}, "dd dt li"},
    {{BRK_PARA, TAG_PRE}, "listing plaintext pre xmp"},
    {{BRK_NONE, TAG_SKIP}, "datalist noembed noframes noscript script style svg template"},
    {{BRK_NONE, TAG_CELL}, "td th"},
    {{BRK_NONE, TAG_LINK}, "a"},
    {{BRK_LINE, TAG_BR}, "br"},
    {{BRK_NONE, TAG_HEAD}, "head"},
    {{BRK_NONE, TAG_TITLE}, "title"},
};

/* The names of CLASSES, sorted (strcmp order) for bsearch; built once. */
typedef struct tag_entry {
  const char *name; /* into CLASSES: not NUL-terminated */
  size_t len;
  wn_html_tag tag;
} tag_entry;

static tag_entry INDEX[80];
static size_t n_index;
static pthread_once_t index_once = PTHREAD_ONCE_INIT;

static int cmp_entries(const void *a, const void *b) {
  const tag_entry *x = a, *y = b;
  int c = memcmp(x->name, y->name, WN_MIN(x->len, y->len));
  return c ? c : (x->len > y->len) - (x->len < y->len);
}

static void build_index(void) {
  for (size_t k = 0; k < WN_ARRAY_LEN(CLASSES); k++) {
    for (const char *p = CLASSES[k].names; *p && n_index < WN_ARRAY_LEN(INDEX);) {
      size_t len = strcspn(p, " ");
      INDEX[n_index++] = (tag_entry){p, len, CLASSES[k].tag};
      p += len + (p[len] == ' ');
    }
  }
  qsort(INDEX, n_index, sizeof INDEX[0], cmp_entries);
}

/* A NUL-terminated name against an entry, in strcmp order. */
static int cmp_key(const void *key, const void *e) {
  const char *k = key;
  const tag_entry *t = e;
  int c = strncmp(k, t->name, t->len);
  return c ? c : k[t->len] != '\0';
}

wn_html_tag wn_html_tag_of(const char *name) {
  static const wn_html_tag inline_tag = {BRK_NONE, 0};
  if (!name)
    return inline_tag;
  pthread_once(&index_once, build_index);
  const tag_entry *e = bsearch(name, INDEX, n_index, sizeof INDEX[0], cmp_key);
  return e ? e->tag : inline_tag;
}
