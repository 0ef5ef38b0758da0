/* html_dom.c - what an element says about the text inside it: its role
 * (from the tag and an ARIA role), its chrome categories (class and id
 * tokens against data/dom/attr.txt) and whether it is hidden. One call per
 * start tag (wn_html_dom_frame), a pass over its attributes and a small
 * binary search per class or id token: linear in the page. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "wn_html_int.h"

extern const wn_data_file wn_dom_files[];
extern const size_t wn_dom_files_count;

/* ---- elements ---- */

typedef struct dom_el {
  const char *name;
  uint32_t roles;
  uint8_t tag; /* wn_dom_tag when the element is a block; 0 = the parent's */
  uint8_t level;
} dom_el;

/* Sorted by name (strcmp order): bsearch. */
static const dom_el ELEMENTS[] = {
    {"a", WN_DOM_A, 0, 0},
    {"address", 0, WN_DT_ADDRESS, 0},
    {"article", WN_DOM_ARTICLE, WN_DT_SECTIONING, 0},
    {"aside", WN_DOM_ASIDE, WN_DT_SECTIONING, 0},
    {"blockquote", WN_DOM_QUOTE, WN_DT_QUOTE, 0},
    {"button", WN_DOM_BUTTON, 0, 0},
    {"caption", 0, WN_DT_ROW, 0},
    {"center", 0, WN_DT_DIV, 0},
    {"code", WN_DOM_CODE, 0, 0},
    {"dd", WN_DOM_LI, WN_DT_LI, 0},
    {"details", 0, WN_DT_DIV, 0},
    {"dialog", WN_DOM_DIALOG, WN_DT_DIV, 0},
    {"div", 0, WN_DT_DIV, 0},
    {"dl", 0, WN_DT_LIST, 0},
    {"dt", WN_DOM_LI, WN_DT_LI, 0},
    {"fieldset", WN_DOM_FORM, WN_DT_FORM, 0},
    {"figcaption", WN_DOM_FIGURE, WN_DT_FIGCAPTION, 0},
    {"figure", WN_DOM_FIGURE, WN_DT_DIV, 0},
    {"footer", WN_DOM_FOOTER, WN_DT_SECTIONING, 0},
    {"form", WN_DOM_FORM, WN_DT_FORM, 0},
    {"h1", WN_DOM_HEADING, WN_DT_HEADING, 1},
    {"h2", WN_DOM_HEADING, WN_DT_HEADING, 2},
    {"h3", WN_DOM_HEADING, WN_DT_HEADING, 3},
    {"h4", WN_DOM_HEADING, WN_DT_HEADING, 4},
    {"h5", WN_DOM_HEADING, WN_DT_HEADING, 5},
    {"h6", WN_DOM_HEADING, WN_DT_HEADING, 6},
    {"header", WN_DOM_HEADER, WN_DT_SECTIONING, 0},
    {"hgroup", 0, WN_DT_DIV, 0},
    {"kbd", WN_DOM_CODE, 0, 0},
    {"label", WN_DOM_BUTTON, 0, 0},
    {"legend", WN_DOM_FORM, WN_DT_FORM, 0},
    {"li", WN_DOM_LI, WN_DT_LI, 0},
    {"listing", WN_DOM_PRE, WN_DT_PRE, 0},
    {"main", WN_DOM_MAIN, WN_DT_SECTIONING, 0},
    {"menu", 0, WN_DT_LIST, 0},
    {"nav", WN_DOM_NAV, WN_DT_SECTIONING, 0},
    {"ol", 0, WN_DT_LIST, 0},
    {"optgroup", WN_DOM_BUTTON, WN_DT_FORM, 0},
    {"option", WN_DOM_BUTTON, WN_DT_FORM, 0},
    {"p", 0, WN_DT_P, 0},
    {"plaintext", WN_DOM_PRE, WN_DT_PRE, 0},
    {"pre", WN_DOM_PRE, WN_DT_PRE, 0},
    {"q", WN_DOM_QUOTE, 0, 0},
    {"samp", WN_DOM_CODE, 0, 0},
    {"search", WN_DOM_FORM, WN_DT_FORM, 0},
    {"section", 0, WN_DT_DIV, 0},
    {"select", WN_DOM_BUTTON, WN_DT_FORM, 0},
    {"summary", WN_DOM_BUTTON, WN_DT_DIV, 0},
    {"table", 0, WN_DT_TABLE, 0},
    {"tbody", 0, WN_DT_TABLE, 0},
    {"td", WN_DOM_CELL, WN_DT_CELL, 0},
    {"textarea", WN_DOM_FORM, WN_DT_FORM, 0},
    {"tfoot", 0, WN_DT_TABLE, 0},
    {"th", WN_DOM_CELL, WN_DT_CELL, 0},
    {"thead", 0, WN_DT_TABLE, 0},
    {"tr", 0, WN_DT_ROW, 0},
    {"ul", 0, WN_DT_LIST, 0},
    {"xmp", WN_DOM_PRE, WN_DT_PRE, 0},
};

static int cmp_el(const void *key, const void *e) {
  return strcmp(key, ((const dom_el *)e)->name);
}

/* ARIA roles (WAI-ARIA 1.2 landmark, window and widget roles) that say
 * what a region is. */
static const struct {
  const char *name;
  uint32_t roles;
} ARIA[] = {
    {"alert", WN_DOM_DIALOG},       {"alertdialog", WN_DOM_DIALOG}, {"article", WN_DOM_ARTICLE},
    {"banner", WN_DOM_HEADER},      {"button", WN_DOM_BUTTON},      {"complementary", WN_DOM_ASIDE},
    {"contentinfo", WN_DOM_FOOTER}, {"dialog", WN_DOM_DIALOG},      {"form", WN_DOM_FORM},
    {"main", WN_DOM_MAIN},          {"menu", WN_DOM_NAV},           {"menubar", WN_DOM_NAV},
    {"navigation", WN_DOM_NAV},     {"search", WN_DOM_FORM},        {"tablist", WN_DOM_NAV},
};

/* ---- the class and id lexicon ---- */

#define TOK_MAX 24u     /* longest lexicon token, bytes; longer class tokens match prefixes only */
#define LEX_MAX 512u    /* lexicon entries at most */
#define ATTR_TOKENS 64u /* class or id tokens read per attribute: real ones have a few */

/* The [sections] of data/dom/attr.txt, in the order of WN_DOM_ATTR_*. */
static const char *const CATS[] = {
    "nav",   "footer", "share", "comment", "related", "sidebar", "ad",
    "crumb", "cookie", "login", "header",  "content", "main",
};
_Static_assert(WN_ARRAY_LEN(CATS) == WN_DOM_ATTR_COUNT_, "a name per category");

typedef struct lex_entry {
  char tok[TOK_MAX];
  uint8_t len;
  uint8_t prefix; /* "word*": every token that starts with word */
  uint16_t cat;   /* WN_DOM_ATTR_* bit */
} lex_entry;

static lex_entry LEX[LEX_MAX];
static size_t n_lex, lex_bad;
static pthread_once_t lex_once = PTHREAD_ONCE_INIT;

static int tok_cmp(const char *a, size_t na, const char *b, size_t nb) {
  int c = memcmp(a, b, WN_MIN(na, nb));
  return c ? c : (na > nb) - (na < nb);
}

static int cmp_lex(const void *a, const void *b) {
  const lex_entry *x = a, *y = b;
  return tok_cmp(x->tok, x->len, y->tok, y->len);
}

static bool lower_alpha(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] < 'a' || s[i] > 'z')
      return false;
  return n > 0;
}

/* One line of the lexicon: a [section] or a token. */
static void lex_line(const char *s, size_t n, int *cat) {
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\r' || s[n - 1] == '\t'))
    n--;
  if (!n || s[0] == '#')
    return;
  if (s[0] == '[') {
    *cat = -1;
    for (int k = 0; k < WN_DOM_ATTR_COUNT_; k++)
      if (n == strlen(CATS[k]) + 2 && s[n - 1] == ']' && !memcmp(s + 1, CATS[k], n - 2))
        *cat = k;
    lex_bad += *cat < 0;
    return;
  }
  bool prefix = s[n - 1] == '*';
  size_t len = n - prefix;
  if (*cat < 0 || len >= TOK_MAX || !lower_alpha(s, len) || n_lex == LEX_MAX) {
    lex_bad++;
    return;
  }
  lex_entry *e = &LEX[n_lex++];
  memcpy(e->tok, s, len);
  e->len = (uint8_t)len;
  e->prefix = prefix;
  e->cat = (uint16_t)(1u << *cat);
}

static void lex_build(void) {
  for (size_t f = 0; f < wn_dom_files_count; f++) {
    const char *s = (const char *)wn_dom_files[f].data, *end = s + wn_dom_files[f].len;
    int cat = -1;
    while (s && s < end) {
      const char *nl = memchr(s, '\n', (size_t)(end - s));
      size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
      lex_line(s, n, &cat);
      s = nl ? nl + 1 : NULL;
    }
  }
  qsort(LEX, n_lex, sizeof LEX[0], cmp_lex);
}

size_t wn_html_dom_lexicon(size_t *bad) {
  pthread_once(&lex_once, lex_build);
  if (bad)
    *bad = lex_bad;
  return n_lex;
}

/* Categories of one lower-case token: entries equal to it, and prefix
 * entries it starts with; both sort at or before it, among the entries of
 * its first letter. */
static unsigned token_cats(const char *t, size_t n) {
  size_t lo = 0, hi = n_lex; /* first entry > t */
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (tok_cmp(LEX[mid].tok, LEX[mid].len, t, n) <= 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  unsigned cats = 0;
  for (size_t k = lo; k-- > 0 && LEX[k].tok[0] == t[0];) {
    const lex_entry *e = &LEX[k];
    if (e->len == n ? !memcmp(e->tok, t, n) : e->prefix && e->len < n && !memcmp(e->tok, t, e->len))
      cats |= e->cat;
  }
  return cats;
}

static bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
static bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}

/* "has-sidebar", "no-comments", "with-ads": a state of the page, not a
 * region; the token after one of these words in the same class name is
 * not looked up. */
static bool state_word(const char *t, size_t n) {
  return (n == 2 && (!memcmp(t, "no", 2) || !memcmp(t, "is", 2))) ||
         (n == 3 && !memcmp(t, "has", 3)) || (n == 4 && !memcmp(t, "with", 4)) ||
         (n == 7 && !memcmp(t, "without", 7));
}

unsigned wn_html_dom_attr_cats(const char *v, size_t n) {
  pthread_once(&lex_once, lex_build);
  unsigned cats = 0;
  bool skip = false;
  size_t tokens = 0;
  for (size_t i = 0; i < n && tokens < ATTR_TOKENS;) {
    if (!is_upper(v[i]) && !is_lower(v[i])) {
      if (v[i] == ' ' || v[i] == '\t' || v[i] == '\n' || v[i] == '\f' || v[i] == '\r')
        skip = false; /* a new class name */
      i++;
      continue;
    }
    char t[TOK_MAX + 1];
    size_t k = 0, j = i;
    /* one token: an optional capital, then lower case; or a run of
     * capitals ("URLShare": URL, Share) */
    do {
      if (k < sizeof t)
        t[k++] = (char)(v[j] | 0x20);
      j++;
    } while (j < n && (is_lower(v[j]) || (is_upper(v[j]) && is_upper(v[j - 1]) &&
                                          !(j + 1 < n && is_lower(v[j + 1])))));
    tokens++;
    size_t len = j - i;
    if (!skip && len > 1) /* a token longer than TOK_MAX can match prefix entries only */
      cats |= token_cats(t, WN_MIN(len, (size_t)TOK_MAX));
    skip = state_word(t, len);
    i = j;
  }
  return cats;
}

/* ---- visibility ---- */

static bool ieq(const char *a, size_t n, const char *lit) {
  size_t k = 0;
  for (; k < n && lit[k]; k++)
    if ((a[k] | (is_upper(a[k]) ? 0x20 : 0)) != lit[k])
      return false;
  return k == n && !lit[k];
}

static bool css_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* An inline style with display: none or visibility: hidden (any case, any
 * white space, !important allowed). */
static bool style_hides(const char *s) {
  while (*s) {
    const char *colon = strchr(s, ':'), *semi;
    if (!colon)
      return false;
    semi = strchr(colon, ';');
    const char *a = s, *b = colon, *c = colon + 1, *e = semi ? semi : colon + strlen(colon);
    while (a < b && (css_space(*a) || *a == ';'))
      a++;
    while (b > a && css_space(b[-1]))
      b--;
    while (c < e && css_space(*c))
      c++;
    const char *ve = c;
    while (ve < e && !css_space(*ve) && *ve != '!')
      ve++;
    size_t name = (size_t)(b - a), val = (size_t)(ve - c);
    if ((ieq(a, name, "display") && ieq(c, val, "none")) ||
        (ieq(a, name, "visibility") && ieq(c, val, "hidden")))
      return true;
    if (!semi)
      return false;
    s = semi + 1;
  }
  return false;
}

/* The roles an ARIA role attribute names (its first known token). */
static uint32_t aria_roles(const char *v) {
  while (*v) {
    while (css_space(*v))
      v++;
    size_t n = 0;
    while (v[n] && !css_space(v[n]))
      n++;
    for (size_t k = 0; k < WN_ARRAY_LEN(ARIA); k++)
      if (ieq(v, n, ARIA[k].name))
        return ARIA[k].roles;
    v += n;
  }
  return 0;
}

wn_html_frame wn_html_dom_frame(const wn_html_frame *parent, const char *name,
                                const char *const *atts) {
  wn_html_frame f = *parent;
  const dom_el *e =
      name ? bsearch(name, ELEMENTS, WN_ARRAY_LEN(ELEMENTS), sizeof *e, cmp_el) : NULL;
  if (e) {
    f.roles |= e->roles;
    if (e->tag)
      f.tag = e->tag;
    if (e->level)
      f.level = e->level;
  }
  /* html and body classes describe the page ("single-post has-sidebar"),
   * not a region of it */
  bool page = name && (!strcmp(name, "body") || !strcmp(name, "html"));
  unsigned own = 0;
  for (size_t i = 0; atts && atts[i]; i += 2) {
    const char *a = atts[i], *v = atts[i + 1] ? atts[i + 1] : "";
    if (!strcmp(a, "class") || !strcmp(a, "id")) {
      if (!page)
        own |= wn_html_dom_attr_cats(v, strlen(v));
    } else if (!strcmp(a, "role")) {
      f.roles |= aria_roles(v);
    } else if (!strcmp(a, "hidden") || (!strcmp(a, "aria-hidden") && ieq(v, strlen(v), "true")) ||
               (!strcmp(a, "style") && style_hides(v))) {
      f.roles |= WN_DOM_HIDDEN;
    }
  }
  /* the main area inside a layout wrapper named for its sidebar
   * ("l-sidebar-fixed", "content-sidebar-wrap"): the wrapper said where
   * the sidebar sits, not what this is. Other categories stay: a
   * "content" box inside a related rail is a teaser. */
  if ((own & WN_DOM_ATTR_MAIN) && !(own & WN_DOM_ATTR_CHROME))
    f.attr &= (uint16_t)~WN_DOM_ATTR_SIDEBAR;
  f.attr |= (uint16_t)own;
  return f;
}
