/* html_walk.c - libxml2 SAX events -> lines of text. Breaks are not
 * written when a block starts or ends but remembered (the strongest wins)
 * and written just before the next text, so empty elements, white space
 * between blocks and the document's ends leave no blank lines. */
#include <string.h>

#include "wn_html_int.h"

/* WHATWG Infra "ASCII whitespace": TAB, LF, FF, CR, SPACE. */
static inline bool is_ws(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* Bytes of the white space character at s[i], or 0. Besides ASCII white
 * space (what CSS collapses), the Unicode spaces Python's str.split() and
 * the text front end's trim treat as white space: U+0085, U+00A0, U+1680,
 * U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000. Collapsing them
 * keeps "&nbsp;"-only lines from becoming blank lines (paragraph breaks). */
static size_t space_at(const char *str, size_t i, size_t n) {
  const unsigned char *s = (const unsigned char *)str + i;
  size_t left = n - i;
  if (s[0] < 0x80)
    return is_ws(s[0]);
  if (s[0] == 0xC2)
    return left >= 2 && (s[1] == 0x85 || s[1] == 0xA0) ? 2 : 0;
  if (left < 3 || s[0] < 0xE1 || s[0] > 0xE3)
    return 0;
  uint32_t c = (uint32_t)s[0] << 16 | (uint32_t)s[1] << 8 | s[2];
  return c == 0xE19A80 || (c >= 0xE28080 && c <= 0xE2808A) || c == 0xE280A8 || c == 0xE280A9 ||
                 c == 0xE280AF || c == 0xE2819F || c == 0xE38080
             ? 3
             : 0;
}

static void put(wn_html_walk *w, const char *s, size_t n) {
  winnow_status st = wn_buf_add(w->out, s, n);
  if (st != WINNOW_OK)
    wn_html_stop(w, st, st == WINNOW_ERR_LIMIT ? WN_HTML_LIMIT_OUTPUT : WN_HTML_LIMIT_NONE);
}

static void count_text(wn_html_walk *w, size_t n, bool link) {
  w->info->text_bytes += n;
  if (link)
    w->info->link_text_bytes += n;
}

/* Ask for a break before the next text. Inside a list every paragraph
 * break is a line break, so the whole list is one paragraph. */
static void want(wn_html_walk *w, int brk) {
  if (brk == BRK_PARA && w->list)
    brk = BRK_LINE;
  if (brk == BRK_SPACE) /* link text if seen inside <a> and written there */
    w->space_link = (w->pending < BRK_SPACE || w->space_link) && w->link;
  if (brk > w->pending)
    w->pending = (uint8_t)brk;
}

/* <br> or a newline in <pre>: a line break; two in a row, a blank line
 * (how br-formatted pages separate paragraphs). */
static void line_break(wn_html_walk *w) {
  want(w, w->brs ? BRK_PARA : BRK_LINE);
  if (w->brs < UINT8_MAX)
    w->brs++;
}

/* ---- what the DOM says of each line (opts->lines) ---- */

static const wn_html_frame *frame(const wn_html_walk *w) {
  return &w->dom[WN_MIN(w->depth, WN_HTML_DOM_DEPTH)];
}

static uint32_t count_cp(const char *s, size_t n) {
  uint32_t k = 0;
  for (size_t i = 0; i < n; i++)
    k += ((unsigned char)s[i] & 0xC0) != 0x80;
  return k;
}

static wn_dom_line *last_line(const wn_html_walk *w) {
  return (wn_dom_line *)(void *)(w->lines->p + w->lines->len - sizeof(wn_dom_line));
}

/* A new line starts with this text: its record takes the innermost
 * element's frame. */
static bool line_open(wn_html_walk *w) {
  const wn_html_frame *fr = frame(w);
  wn_dom_line l = {.start = (uint32_t)w->out->len,
                   .f = {.roles = fr->roles,
                         .attr = fr->attr,
                         .tag = fr->tag,
                         .level = fr->level,
                         .depth = (uint16_t)WN_MIN(w->depth, UINT16_MAX)}};
  winnow_status st = wn_buf_add(w->lines, &l, sizeof l);
  if (st == WINNOW_ERR_LIMIT) {
    w->info->lines_cut = 1; /* the page goes on without records */
    return false;
  }
  if (st != WINNOW_OK) {
    wn_html_stop(w, st, WN_HTML_LIMIT_NONE);
    return false;
  }
  w->line_new = false;
  return true;
}

static void add_link_cp(wn_html_walk *w, uint32_t cp) {
  if (w->lines && !w->info->lines_cut && w->lines->len)
    last_line(w)->f.link_cp += cp;
}

/* Text s[0..n) is about to go out at the end of out: its line keeps the
 * roles and categories all its text shares, and counts its link text. */
static void note_text(wn_html_walk *w, const char *s, size_t n) {
  if (!w->lines || w->info->lines_cut)
    return;
  if (w->line_new) {
    if (!line_open(w))
      return;
  } else {
    wn_dom_line *l = last_line(w);
    l->f.roles &= frame(w)->roles;
    l->f.attr &= frame(w)->attr;
  }
  if (!w->link)
    return;
  wn_dom_line *l = last_line(w);
  l->f.link_cp += count_cp(s, n);
  if (w->a_new && l->f.n_links < UINT16_MAX)
    l->f.n_links++;
  w->a_new = false;
}

/* Write the pending break; nothing before the document's first text. */
static void flush_break(wn_html_walk *w) {
  static const char *const SEP[] = {"", " ", "\t", "\n", "\n\n"};
  int brk = w->pending;
  w->pending = BRK_NONE;
  w->brs = 0;
  if (!w->any_text || brk == BRK_NONE)
    return;
  put(w, SEP[brk], brk == BRK_PARA ? 2 : 1);
  if (brk >= BRK_LINE)
    w->line_new = true;
  if (brk == BRK_SPACE && !w->st) {
    count_text(w, 1, w->space_link && w->link);
    if (w->space_link && w->link)
      add_link_cp(w, 1);
  }
}

static void put_text(wn_html_walk *w, const char *s, size_t n) {
  flush_break(w);
  if (w->st)
    return;
  note_text(w, s, n);
  put(w, s, n);
  if (w->st)
    return;
  w->any_text = true;
  count_text(w, n, w->link > 0);
}

/* Ordinary flow: white space runs collapse to one pending space. */
static void flow_text(wn_html_walk *w, const char *s, size_t n) {
  size_t i = 0;
  while (i < n && !w->st) {
    size_t j = i, k;
    if (space_at(s, i, n)) {
      while (j < n && (k = space_at(s, j, n)) > 0)
        j += k;
      want(w, BRK_SPACE);
    } else {
      while (j < n && !space_at(s, j, n))
        j++;
      put_text(w, s + i, j - i);
    }
    i = j;
  }
}

/* A CR, LF or CR LF inside <pre> (split CR LF pairs included) asks for a
 * line break, a second one in a row for a blank line: like <br>, so a
 * newline before </pre> leaves no empty line behind. */
static void pre_newline(wn_html_walk *w, char c) {
  bool second_of_crlf = c == '\n' && w->pre_cr;
  w->pre_cr = c == '\r';
  if (second_of_crlf)
    return;
  if (w->pre_lf) { /* WHATWG §13.2.6.4.7: the LF after <pre> is ignored */
    w->pre_lf = false;
    return;
  }
  line_break(w);
}

static bool all_ws(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!is_ws((unsigned char)s[i]))
      return false;
  return true;
}

/* <pre>: white space kept, newlines normalised to LF. */
static void pre_text(wn_html_walk *w, const char *s, size_t n) {
  size_t i = 0;
  while (i < n && !w->st) {
    if (s[i] == '\n' || s[i] == '\r') {
      pre_newline(w, s[i++]);
      continue;
    }
    size_t j = i;
    while (j < n && s[j] != '\n' && s[j] != '\r')
      j++;
    w->pre_lf = w->pre_cr = false;
    if (w->any_text || !all_ws(s + i, j - i))
      put_text(w, s + i, j - i);
    i = j;
  }
}

/* Append to the title; cut at a character boundary when it does not fit. */
static void title_add(wn_html_walk *w, const char *s, size_t n) {
  wn_buf *t = w->title;
  if (!t || w->info->title_cut)
    return;
  winnow_status st = wn_buf_add(t, s, n);
  if (st == WINNOW_OK)
    return;
  if (st != WINNOW_ERR_LIMIT) {
    wn_html_stop(w, st, WN_HTML_LIMIT_NONE);
    return;
  }
  size_t k = t->max > t->len ? WN_MIN(t->max - t->len, n) : 0;
  while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
    k--; /* s[k] starts the first character left out */
  if (k && wn_buf_add(t, s, k) != WINNOW_OK)
    k = 0;
  w->info->title_cut = 1;
}

static void title_text(wn_html_walk *w, const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    size_t j = i, k;
    if (space_at(s, i, n)) {
      while (j < n && (k = space_at(s, j, n)) > 0)
        j += k;
      w->title_space = w->title && w->title->len > 0;
    } else {
      while (j < n && !space_at(s, j, n))
        j++;
      if (w->title_space)
        title_add(w, " ", 1);
      w->title_space = false;
      title_add(w, s + i, j - i);
    }
    i = j;
  }
}

/* ---- what the page says of itself (src/meta) ---- */

/* <script type="application/ld+json">, the type in any case. */
static bool jsonld_script(const unsigned char **atts) {
  static const char TYPE[] = "application/ld+json";
  for (size_t i = 0; atts && atts[i]; i += 2) {
    const char *v = (const char *)atts[i + 1];
    if (strcmp((const char *)atts[i], "type") || !v)
      continue;
    size_t k = 0;
    while (v[k] && TYPE[k] && (v[k] | (v[k] >= 'A' && v[k] <= 'Z' ? 0x20 : 0)) == TYPE[k])
      k++;
    return !TYPE[k] && !v[k];
  }
  return false;
}

static void meta_start(wn_html_walk *w, const unsigned char *name, const unsigned char **atts) {
  wn_pm_element(w->meta, (const char *)name, (const char *const *)atts);
  if (w->ld && !strcmp((const char *)name, "script") && jsonld_script(atts)) {
    wn_buf_clear(w->ld);
    w->ld_on = true;
    w->ld_over = false;
  }
}

static void meta_end(wn_html_walk *w, const unsigned char *name) {
  if (!w->ld_on || strcmp((const char *)name, "script"))
    return;
  w->ld_on = false;
  if (w->ld_over)
    w->meta->jsonld_skipped++;
  else
    wn_pm_jsonld(w->meta, w->ld->p, w->ld->len);
}

void wn_html_on_raw(void *u, const unsigned char *s, int len) {
  wn_html_walk *w = u;
  if (w->ld_on && !w->ld_over && len > 0 && wn_buf_add(w->ld, s, (size_t)len) != WINNOW_OK)
    w->ld_over = true;
}

void wn_html_on_text(void *u, const unsigned char *s, int len) {
  wn_html_walk *w = u;
  if (w->st || len <= 0)
    return;
  if (w->title_open) {
    if (w->title_on)
      title_text(w, (const char *)s, (size_t)len);
    return;
  }
  if (w->skip || w->head)
    return;
  if (w->pre)
    pre_text(w, (const char *)s, (size_t)len);
  else
    flow_text(w, (const char *)s, (size_t)len);
}

static void bump(uint32_t *c, int d) {
  if (d > 0)
    (*c)++;
  else if (*c)
    (*c)--;
}

/* Open (d = +1) or close (d = -1) an element of classes f. */
static void count_classes(wn_html_walk *w, unsigned f, int d) {
  if (f & TAG_SKIP)
    bump(&w->skip, d);
  if (f & TAG_HEAD)
    bump(&w->head, d);
  if (f & TAG_TITLE)
    bump(&w->title_open, d);
  if (f & TAG_LINK)
    bump(&w->link, d);
  if (f & TAG_PRE)
    bump(&w->pre, d);
  if (f & TAG_LIST)
    bump(&w->list, d);
}

/* The first <title> outside svg/template is the page's title. */
static void title_start(wn_html_walk *w) {
  if (w->title_done || w->title_open || w->skip)
    return;
  w->title_on = true;
  w->info->has_title = 1;
  if (w->title)
    wn_buf_clear(w->title);
}

static void title_end(wn_html_walk *w) {
  if (w->title_open || !w->title_on)
    return;
  w->title_on = false;
  w->title_done = true;
  if (!w->title)
    return;
  if (w->title->len && w->title->p[w->title->len - 1] == ' ')
    w->title->len--; /* a cut title may end with the space before a word */
  if (wn_buf_nul(w->title) != WINNOW_OK)
    w->info->title_cut = 1;
}

void wn_html_walk_finish(wn_html_walk *w) {
  w->title_open = 0;
  title_end(w);
}

/* An element deeper than the nesting cap is flattened: it still hides
 * what it hides (script, head, title...) and its link text still counts,
 * but it makes no layout: its breaks are one space, so its words stay
 * apart and its text stays in the flow (issue #8, "no silent cuts"). */
static wn_html_tag class_at(const wn_html_walk *w, const unsigned char *name) {
  wn_html_tag t = wn_html_tag_of((const char *)name);
  if (w->depth <= w->max_depth)
    return t;
  t.brk = t.brk || (t.flags & (TAG_BR | TAG_CELL)) ? BRK_SPACE : BRK_NONE;
  t.flags &= TAG_SKIP | TAG_HEAD | TAG_TITLE | TAG_LINK;
  return t;
}

void wn_html_on_start(void *u, const unsigned char *name, const unsigned char **atts) {
  wn_html_walk *w = u;
  if (w->st)
    return;
  if (w->meta)
    meta_start(w, name, atts);
  w->info->elements++;
  if (++w->depth > w->info->max_depth)
    w->info->max_depth = w->depth;
  if (w->depth > w->max_depth)
    w->info->flattened++;
  wn_html_tag t = class_at(w, name);
  if (w->lines && w->depth <= WN_HTML_DOM_DEPTH)
    w->dom[w->depth] =
        wn_html_dom_frame(&w->dom[w->depth - 1], (const char *)name, (const char *const *)atts);
  if (t.flags & TAG_LINK)
    w->a_new = true;
  if (t.flags & TAG_BR) {
    line_break(w);
  } else if (t.brk) {
    want(w, t.brk); /* before the list count: a top-level list is a paragraph */
  }
  if (t.flags & TAG_CELL)
    want(w, BRK_CELL);
  if (t.flags & TAG_TITLE)
    title_start(w);
  if (t.flags)
    count_classes(w, t.flags, +1);
  w->pre_lf = (t.flags & TAG_PRE) != 0; /* only the LF right after <pre> */
  w->pre_cr = false;                    /* CR, tag, LF are two newlines */
}

void wn_html_on_end(void *u, const unsigned char *name) {
  wn_html_walk *w = u;
  if (w->st)
    return;
  if (w->ld_on)
    meta_end(w, name);
  wn_html_tag t = class_at(w, name); /* the depth it was opened at */
  if (w->depth)
    w->depth--;
  if (t.flags)
    count_classes(w, t.flags, -1);
  if (t.flags & TAG_LINK)
    w->a_new = false; /* an <a> without text is no link of any line */
  w->pre_lf = w->pre_cr = false;
  if (t.flags & TAG_TITLE)
    title_end(w);
  if (t.brk && !(t.flags & TAG_BR)) /* br made its break at the start */
    want(w, t.brk);
}
