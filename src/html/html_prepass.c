/* html_prepass.c - one linear scan of the page before libxml2 sees it. It
 * rewrites the few places libxml2 2.9.14 would misread badly, and copies
 * nothing when there are none (the usual page):
 *   - a start tag with more than WN_HTML_MAX_ATTRS attributes, or more than
 *     WN_HTML_MAX_ATTR_BYTES of them: htmlParseStartTag compares each
 *     attribute's name with every one before it (100,000 attributes on one
 *     tag took 24 s), and copies every value. The attributes past the caps
 *     are left out of the tag; the page's text is untouched;
 *   - a <title> never closed: libxml2 does not read a title as RCDATA, it
 *     nests whatever follows in it, so the whole page became title. A
 *     </title> goes where a reader would see the title end (title_close);
 *   - more than WN_HTML_MAX_NAMES distinct names in the page (elements,
 *     attributes, entity references, PI targets, doctypes): libxml2 keeps
 *     every name in a dictionary whose hash table stops growing at 4608
 *     buckets, so each lookup walks a chain that grows with the names (a
 *     million distinct attribute names, one per tag, took 13 s; a million
 *     "&eN;" 46 s). Past the cap, attributes of a new name are left out,
 *     start and end tags of a new name libxml2 does not know (htmlTagLookup)
 *     too, their text kept, PIs and doctypes of a new name too, and an
 *     unknown reference "&name" is written "&amp;name" (the text libxml2
 *     makes of it anyway). Pages with fewer than WN_HTML_NAME_SCAN names
 *     cannot get there and are not tracked (no set, no hashing);
 *   - an end tag before any start tag or text (a page cut from the middle of
 *     a capture: "</div></div><p>..."): libxml2 2.9.14 ends the parse there
 *     and loses the page. Such end tags close nothing: they are left out.
 *
 * The scan follows libxml2 2.9.14's HTML tokenizer (htmlParseTryOrFinish
 * and what it calls; each rule below was checked against the installed
 * library, see test_prepass_* in tests/unit/test_html.c), not WHATWG's: what
 * matters is what libxml2 will do with the bytes.
 *   - "<" + ASCII letter: a start tag; "</" + ASCII letter: an end tag, to
 *     the next '>' (quotes mean nothing there); "</" + anything else: the
 *     two bytes are dropped, text goes on;
 *   - "<!--": a comment, to the first "-->" or "--!>" after it (none: the
 *     rest of the page); "<!DOCTYPE" (any case): to the next '>' after its
 *     quoted PUBLIC / SYSTEM literals; any other "<!", and "<" + anything
 *     else: text;
 *   - "<?" + a name: a processing instruction, to the next '>'; "<?" alone:
 *     the two bytes are dropped;
 *   - only script and style are raw text (textarea, title, xmp, plaintext
 *     are parsed as markup): their content runs to the end tag whose name
 *     is theirs; "</scriptx>" inside a script is skipped and the script
 *     goes on.
 * A start tag: a name of at most XML_NAME_MAX bytes, then attributes. An
 * attribute is a name (a letter, '_', ':' or '.', then letters, digits and
 * ":_.-", at most XML_NAME_MAX bytes: a longer run is several attributes),
 * then optionally blanks, '=', blanks and a value: quoted (to the closing
 * quote, or the end of the page) or unquoted (to a blank or '>'). Anything
 * else up to a blank, '>' or "/>" is skipped and is no attribute. Blanks
 * are space, TAB, LF and CR (IS_BLANK_CH; not FF). The tag ends at '>', at
 * "/>" or at the end of the page. */
#include <string.h>

#include <libxml/HTMLparser.h>

#include "../io/wn_scan.h"
#include "wn_html_int.h"

/* libxml2 2.9.14 reads at most this many bytes of one name
 * (HTML_PARSER_BUFFER_SIZE in htmlParseHTMLName); the rest of a longer run
 * of name bytes is read as more attributes. */
#define XML_NAME_MAX 100u

typedef struct prepass {
  const char *s;
  size_t n;
  wn_buf *fix;      /* the rewritten page, from the first change on */
  size_t copied;    /* s[0..copied) has been dealt with */
  bool changed;     /* fix is in use */
  bool prolog;      /* only blanks, comments, doctypes and PIs so far */
  winnow_status st; /* first failure */
  wn_html_info *info;
  size_t title_seen; /* the last "</title" found ends here (0: none yet) */
  size_t no_close;   /* no "</title" at or after this offset (n + 1: unknown) */
  uint64_t names;    /* names libxml2 would look up in its dictionary */
  uint64_t *set;     /* hashes of the distinct names (tracking pass only) */
  size_t in_set;
} prepass;

/* Slots of the name set: a power of two, at most half full. */
#define SET_SLOTS (2u * WN_HTML_MAX_NAMES)

static inline bool blank(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
static inline bool alpha(unsigned char c) {
  return (unsigned)((c | 0x20) - 'a') < 26u;
}

/* Name bytes (libxml2 2.9.14's htmlParseHTMLName): names start with a
 * letter, '_', ':' or '.', and go on with digits and '-' too. */
enum { C_START = 1, C_NAME = 2, C_L = 3 };
static const unsigned char CLS[256] = {
    ['-'] = C_NAME, ['.'] = C_L,    ['0'] = C_NAME, ['1'] = C_NAME, ['2'] = C_NAME, ['3'] = C_NAME,
    ['4'] = C_NAME, ['5'] = C_NAME, ['6'] = C_NAME, ['7'] = C_NAME, ['8'] = C_NAME, ['9'] = C_NAME,
    [':'] = C_L,    ['_'] = C_L,    ['A'] = C_L,    ['B'] = C_L,    ['C'] = C_L,    ['D'] = C_L,
    ['E'] = C_L,    ['F'] = C_L,    ['G'] = C_L,    ['H'] = C_L,    ['I'] = C_L,    ['J'] = C_L,
    ['K'] = C_L,    ['L'] = C_L,    ['M'] = C_L,    ['N'] = C_L,    ['O'] = C_L,    ['P'] = C_L,
    ['Q'] = C_L,    ['R'] = C_L,    ['S'] = C_L,    ['T'] = C_L,    ['U'] = C_L,    ['V'] = C_L,
    ['W'] = C_L,    ['X'] = C_L,    ['Y'] = C_L,    ['Z'] = C_L,    ['a'] = C_L,    ['b'] = C_L,
    ['c'] = C_L,    ['d'] = C_L,    ['e'] = C_L,    ['f'] = C_L,    ['g'] = C_L,    ['h'] = C_L,
    ['i'] = C_L,    ['j'] = C_L,    ['k'] = C_L,    ['l'] = C_L,    ['m'] = C_L,    ['n'] = C_L,
    ['o'] = C_L,    ['p'] = C_L,    ['q'] = C_L,    ['r'] = C_L,    ['s'] = C_L,    ['t'] = C_L,
    ['u'] = C_L,    ['v'] = C_L,    ['w'] = C_L,    ['x'] = C_L,    ['y'] = C_L,    ['z'] = C_L,
};

static inline bool name_start(unsigned char c) {
  return CLS[c] & C_START;
}
static inline bool name_char(unsigned char c) {
  return CLS[c] & C_NAME;
}

static size_t skip_blanks(const char *s, size_t n, size_t i) {
  while (i < n && blank((unsigned char)s[i]))
    i++;
  return i;
}

/* Just past the next '>' at or after i, or n. */
static size_t past_gt(const char *s, size_t n, size_t i) {
  const char *gt = i < n ? memchr(s + i, '>', n - i) : NULL;
  return gt ? (size_t)(gt - s) + 1 : n;
}

/* Just past the quoted literal at i (or the end of the page when it never
 * closes); i itself when s[i] is no quote. */
static size_t past_quoted(const char *s, size_t n, size_t i) {
  if (i >= n || (s[i] != '"' && s[i] != '\''))
    return i;
  const char *q = memchr(s + i + 1, s[i], n - i - 1);
  return q ? (size_t)(q - s) + 1 : n;
}

/* End of the name run at i, at most XML_NAME_MAX bytes. */
static size_t name_end(const char *s, size_t n, size_t i) {
  size_t k = i, lim = n - i > XML_NAME_MAX ? i + XML_NAME_MAX : n;
  while (k < lim && name_char((unsigned char)s[k]))
    k++;
  return k;
}

/* ---- edits ---- */
/* Copy what is not yet dealt with up to at, then leave s[at..to) out. */
static void cut(prepass *p, size_t at, size_t to) {
  if (p->st)
    return;
  if (!p->changed) {
    p->changed = true;
    wn_buf_init(p->fix, p->n * 3 + 64); /* see wn_html_prepass */
  }
  p->st = wn_buf_add(p->fix, p->s + p->copied, at - p->copied);
  p->copied = to;
}

static void put(prepass *p, const char *t, size_t k) {
  if (!p->st)
    p->st = wn_buf_add(p->fix, t, k);
}

/* ---- start tags ---- */
typedef struct attr {
  size_t at, end; /* its bytes */
  bool real;      /* an attribute to libxml2 (else skipped bytes) */
} attr;

/* The next attribute of a start tag from *j, as htmlParseStartTag reads it.
 * False at the end of the tag: *j is then just past it, and *term holds its
 * terminator ("", ">" or "/>"). */
static bool next_attr(const char *s, size_t n, size_t *j, attr *a, const char **term) {
  size_t i = skip_blanks(s, n, *j);
  *term = i < n && s[i] == '>' ? ">" : i + 1 < n && s[i] == '/' && s[i + 1] == '>' ? "/>" : NULL;
  if (i >= n || *term) {
    *j = i >= n ? n : i + strlen(*term);
    if (!*term)
      *term = "";
    return false;
  }
  a->at = i;
  a->real = name_start((unsigned char)s[i]);
  if (a->real) {
    i = name_end(s, n, i);
    size_t v = skip_blanks(s, n, i);
    if (v < n && s[v] == '=') {
      v = skip_blanks(s, n, v + 1);
      i = past_quoted(s, n, v);
      if (i == v)
        while (i < n && !blank((unsigned char)s[i]) && s[i] != '>')
          i++;
    }
  } else { /* skipped up to a blank, '>' or "/>" */
    while (i < n && !blank((unsigned char)s[i]) && s[i] != '>' &&
           !(s[i] == '/' && i + 1 < n && s[i + 1] == '>'))
      i++;
  }
  a->end = i;
  *j = i;
  return true;
}

/* ---- names ---- */
/* FNV-1a of the name with ASCII letters folded (libxml2 lower-cases HTML
 * names); never 0, the empty slot. */
static uint64_t name_hash(const char *s, size_t n, bool fold) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    h = (h ^ (fold && c >= 'A' && c <= 'Z' ? c | 0x20u : c)) * 0x100000001b3ull;
  }
  return h | 1u;
}

/* What a name is to libxml2: HTML names (htmlParseHTMLName) are
 * lower-cased, the others (htmlParseName: entity references, PI targets,
 * doctype names) kept as they are. */
enum { N_ATTR, N_ELEMENT, N_ENTITY, N_OTHER };

/* An element or entity name libxml2 knows (in its dictionary once). */
static bool known(int kind, const char *s, size_t n) {
  char name[XML_NAME_MAX + 1];
  if ((kind != N_ELEMENT && kind != N_ENTITY) || n > XML_NAME_MAX)
    return false;
  for (size_t i = 0; i < n; i++)
    name[i] = (char)(kind == N_ELEMENT && s[i] >= 'A' && s[i] <= 'Z' ? s[i] | 0x20 : s[i]);
  name[n] = 0;
  if (kind == N_ELEMENT)
    return htmlTagLookup((const xmlChar *)name) != NULL;
  return htmlEntityLookup((const xmlChar *)name) != NULL;
}

/* May this name reach libxml2's dictionary? Yes unless the page is
 * tracked, the set is full and the name new; a name libxml2 knows always
 * may. */
static bool name_ok(prepass *p, const char *s, size_t n, int kind) {
  p->names++;
  if (!p->set)
    return true;
  uint64_t h = name_hash(s, n, kind <= N_ELEMENT);
  size_t i = (size_t)h & (SET_SLOTS - 1);
  while (p->set[i] && p->set[i] != h)
    i = (i + 1) & (SET_SLOTS - 1);
  if (p->set[i])
    return true;
  if (p->in_set < WN_HTML_MAX_NAMES) {
    p->set[i] = h;
    p->in_set++;
    return true;
  }
  return known(kind, s, n);
}

/* End of the name htmlParseName reads at i (i itself when none): XML name
 * bytes, every non-ASCII byte taken for one (more than libxml2 takes: the
 * safe side, names only look more distinct). */
static size_t xml_name_end(const char *s, size_t n, size_t i) {
  unsigned char c = i < n ? (unsigned char)s[i] : 0;
  if (!name_start(c) && c < 0x80)
    return i;
  while (i < n && (name_char((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80))
    i++;
  return i;
}

/* The entity references in s[i..end) (text, or an attribute value): each
 * "&name" whose name may not go on is written "&amp;name" (libxml2 writes
 * an unknown reference out as it is, so the text is the same), when
 * emit; returns how many there are. Only in the tracking pass. */
static size_t entities(prepass *p, size_t i, size_t end, bool emit) {
  size_t bad = 0;
  for (const char *amp; p->set && i < end && (amp = memchr(p->s + i, '&', end - i));) {
    size_t at = (size_t)(amp - p->s), k = xml_name_end(p->s, end, at + 1);
    i = k > at + 1 ? k : at + 1;
    if (k == at + 1 || name_ok(p, p->s + at + 1, k - at - 1, N_ENTITY))
      continue;
    bad++;
    if (emit) {
      cut(p, at + 1, at + 1);
      put(p, "amp;", 4);
      p->info->entities_escaped++;
    }
  }
  return bad;
}

/* ---- attributes ---- */
/* Whether attribute a still fits in the caps after kept / bytes. */
static bool fits(const attr *a, size_t kept, size_t bytes) {
  return kept < WN_HTML_MAX_ATTRS && a->end - a->at <= WN_HTML_MAX_ATTR_BYTES - bytes;
}

/* The attributes of the tag from `from`: the first ones, up to
 * WN_HTML_MAX_ATTRS of them and WN_HTML_MAX_ATTR_BYTES in all (one too big
 * is left out, smaller ones after it may still fit), of names that may go
 * on. With emit, the tag is written again with those; the same decisions
 * come out both times (the names kept the first time are in the set).
 * Returns whether any was left out; *end is where the tag ends, *term its
 * terminator. */
static bool attrs_pass(prepass *p, size_t from, bool emit, size_t *end, const char **term) {
  size_t j = from, kept = 0, bytes = 0;
  bool cut_any = false;
  attr a;
  while (next_attr(p->s, p->n, &j, &a, term)) {
    if (!a.real)
      continue;
    size_t len = a.end - a.at;
    if (!fits(&a, kept, bytes) ||
        !name_ok(p, p->s + a.at, name_end(p->s, p->n, a.at) - a.at, N_ATTR)) {
      cut_any = true;
      p->info->attrs_cut += emit;
      continue;
    }
    kept++;
    bytes += len;
    if (emit) {
      put(p, " ", 1);
      p->copied = a.at; /* the value's bad references are written anew */
      entities(p, a.at, a.end, true);
      cut(p, a.end, a.end);
    } else if (p->set && entities(p, a.at, a.end, false)) {
      cut_any = true;
    }
  }
  *end = j;
  return cut_any;
}

/* Where the tag whose attributes start at from ends. */
static size_t tag_end(const char *s, size_t n, size_t from, const char **term) {
  attr a;
  while (next_attr(s, n, &from, &a, term))
    ;
  return from;
}

/* ---- raw text, comments, declarations ---- */
/* From i inside a script or style element (name[0..len)): just past the end
 * tag that closes it, or n (htmlParseScript stops at "</" + its name, in
 * any case; htmlParseEndTag then ignores an end tag of another name). */
static size_t raw_end(prepass *p, size_t i, const char *name, size_t len) {
  const char *s = p->s;
  size_t n = p->n;
  for (;;) {
    const char *lt = i < n ? memchr(s + i, '<', n - i) : NULL;
    if (!lt)
      return n;
    i = (size_t)(lt - s);
    if (i + 1 >= n || s[i + 1] != '/' || !wn_scan_iprefix(s + i + 2, n - i - 2, name)) {
      i++;
      continue;
    }
    size_t at = i, k = name_end(s, n, at + 2);
    i = past_gt(s, n, k);
    if (k - (at + 2) == len)
      return i;
    if (!name_ok(p, s + at + 2, k - at - 2, N_ELEMENT))
      cut(p, at, i); /* an end tag libxml2 reads and ignores */
  }
}

/* From i just past "<!--": just past the comment (htmlParseComment ends it
 * at "-->" or "--!>"), or n. */
static size_t comment_end(const char *s, size_t n, size_t i) {
  for (;;) {
    const char *d = i < n ? memmem(s + i, n - i, "--", 2) : NULL;
    if (!d)
      return n;
    size_t k = (size_t)(d - s) + 2;
    if (k < n && s[k] == '>')
      return k + 1;
    if (k + 1 < n && s[k] == '!' && s[k + 1] == '>')
      return k + 2;
    i = k - 1; /* "--->": the second '-' may open the "--" that ends it */
  }
}

/* From i just past "<!DOCTYPE": just past the declaration
 * (htmlParseDocTypeDecl: a name, PUBLIC or SYSTEM literals, then bytes up
 * to '>'). */
static size_t doctype_end(const char *s, size_t n, size_t i) {
  i = skip_blanks(s, n, i);
  while (i < n && (name_char((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80))
    i++;
  i = skip_blanks(s, n, i);
  bool pub = wn_scan_iprefix(s + i, n - i, "PUBLIC");
  if (pub || wn_scan_iprefix(s + i, n - i, "SYSTEM")) {
    i = past_quoted(s, n, skip_blanks(s, n, i + 6));
    if (pub)
      i = past_quoted(s, n, skip_blanks(s, n, i));
  }
  return past_gt(s, n, i);
}

/* ---- <title> ---- */
/* Whether some "</title" end tag starts at or after i; remembers what it
 * found, so that every byte is looked at once per page. */
static bool title_closed(prepass *p, size_t i) {
  if (i < p->title_seen)
    return true;
  if (i >= p->no_close)
    return false;
  const char *s = p->s;
  size_t n = p->n;
  for (size_t k = i;;) {
    const char *lt = k < n ? memchr(s + k, '<', n - k) : NULL;
    if (!lt) {
      p->no_close = i;
      return false;
    }
    k = (size_t)(lt - s) + 1;
    if (k < n && s[k] == '/' && wn_scan_iprefix(s + k + 1, n - k - 1, "title") &&
        (k + 6 >= n || !name_char((unsigned char)s[k + 6]))) {
      p->title_seen = k + 6;
      return true;
    }
  }
}

/* Where a title that starts at i and is never closed ends: before the
 * first tag after it (what ends it in lxml's tree, and where the page's
 * <head> goes on); with no tag within WN_HTML_TITLE_SCAN bytes, at the
 * first line end after its text; with none either, at that byte cap (on a
 * character boundary). */
static size_t title_end_at(const char *s, size_t n, size_t i) {
  size_t lim = n - i > WN_HTML_TITLE_SCAN ? i + WN_HTML_TITLE_SCAN : n, eol = 0;
  bool text = false;
  for (size_t k = i; k < lim; k++) {
    unsigned char c = (unsigned char)s[k];
    if (c == '<' && k + 1 < n &&
        (alpha((unsigned char)s[k + 1]) || s[k + 1] == '/' || s[k + 1] == '!' || s[k + 1] == '?'))
      return k;
    if ((c == '\n' || c == '\r') && text && !eol)
      eol = k;
    text = text || !blank(c);
  }
  if (eol || lim == n)
    return eol ? eol : n;
  while (lim > i && ((unsigned char)s[lim] & 0xC0) == 0x80)
    lim--;
  return lim;
}

static void close_title(prepass *p, size_t after_tag) {
  if (title_closed(p, after_tag))
    return;
  size_t at = title_end_at(p->s, p->n, after_tag);
  cut(p, at, at);
  put(p, "</title>", 8);
  p->info->titles_closed++;
}

/* ---- the scan ---- */
/* A start tag at lt ("<" + letter): just past it, or past the raw text of a
 * script or style it opens. */
static size_t start_tag(prepass *p, size_t lt) {
  const char *s = p->s;
  size_t n = p->n, name = lt + 1, from = name_end(s, n, name), end;
  const char *term;
  p->prolog = false;
  if (!name_ok(p, s + name, from - name, N_ELEMENT)) {
    end = tag_end(s, n, from, &term);
    cut(p, lt, end);
    p->info->tags_dropped++;
    return end;
  }
  if (attrs_pass(p, from, false, &end, &term)) {
    cut(p, from, from);
    attrs_pass(p, from, true, &end, &term);
    put(p, term, strlen(term));
    p->copied = end;
    p->info->tags_cut++;
  }
  size_t len = from - name;
  if (term[0] == '/' || (len != 5 && len != 6))
    return end; /* "<title/>", "<script/>": closed already; or no such name */
  if (wn_scan_ieq(s + name, len, "title"))
    close_title(p, end);
  else if (wn_scan_ieq(s + name, len, "script") || wn_scan_ieq(s + name, len, "style"))
    return raw_end(p, end, len == 6 ? "script" : "style", len);
  return end;
}

/* "</" at lt: just past it. Before any start tag or text, or of a name
 * past the name cap, left out. */
static size_t end_tag(prepass *p, size_t lt) {
  const char *s = p->s;
  size_t n = p->n, end = lt + 2;
  bool html = false, ok = true;
  if (end < n && alpha((unsigned char)s[end])) {
    size_t k = name_end(s, n, end);
    html = wn_scan_ieq(s + end, k - end, "html");
    ok = name_ok(p, s + end, k - end, N_ELEMENT);
    end = past_gt(s, n, k);
  }
  if (p->prolog || !ok) {
    cut(p, lt, end);
    if (p->prolog)
      p->info->end_tags_dropped++;
    else
      p->info->tags_dropped++;
  }
  if (html)
    p->prolog = true; /* the rest goes to a new parser (html_parse.c) */
  return end;
}

/* Markup at lt (a '<'): just past it. */
static size_t markup(prepass *p, size_t lt) {
  const char *s = p->s;
  size_t n = p->n, rest = n - lt;
  unsigned char c = rest > 1 ? (unsigned char)s[lt + 1] : 0;
  if (alpha(c))
    return start_tag(p, lt);
  if (c == '/')
    return end_tag(p, lt);
  if (c == '!' && rest >= 4 && s[lt + 2] == '-' && s[lt + 3] == '-')
    return comment_end(s, n, lt + 4);
  size_t name = lt + 2, k = 0, end = 0;
  if (c == '!' && wn_scan_iprefix(s + lt + 2, rest - 2, "DOCTYPE")) {
    name = skip_blanks(s, n, lt + 9);
    end = doctype_end(s, n, lt + 9);
  } else if (c == '?' && (k = xml_name_end(s, n, name)) > name) {
    end = past_gt(s, n, k);
  }
  if (end) { /* a doctype or PI: nothing to the text; its name to libxml2 */
    k = k ? k : xml_name_end(s, n, name);
    if (k > name && !name_ok(p, s + name, k - name, N_OTHER)) {
      cut(p, lt, end);
      p->info->tags_dropped++;
    }
    return end;
  }
  p->prolog = false; /* "<" as text, or "<?" dropped and text after it */
  return c == '?' ? lt + 2 : lt + 1;
}

static bool all_blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!blank((unsigned char)s[i]))
      return false;
  return true;
}

static winnow_status scan(prepass *p) {
  for (size_t i = 0; i < p->n && p->st == WINNOW_OK;) {
    const char *lt = memchr(p->s + i, '<', p->n - i);
    size_t at = lt ? (size_t)(lt - p->s) : p->n;
    if (p->prolog && !all_blank(p->s + i, at - i))
      p->prolog = false;
    if (p->set)
      entities(p, i, at, true);
    i = lt ? markup(p, at) : p->n;
  }
  if (p->changed && p->st == WINNOW_OK)
    cut(p, p->n, p->n);
  return p->st;
}

/* The fix buffer holds at most 3 n + 64 bytes: a rewritten tag is at most
 * twice its size (one space per attribute kept, each at least one byte,
 * and at least one left out), and each </title> put in (8 bytes) follows a
 * <title (6 or more). */
winnow_status wn_html_prepass(const char **s, size_t *n, wn_buf *fix, wn_html_info *info) {
  if (*n > (SIZE_MAX - 64) / 3)
    return WINNOW_ERR_LIMIT;
  wn_html_info before = *info;
  prepass p = {.s = *s, .n = *n, .fix = fix, .prolog = true, .info = info, .no_close = *n + 1};
  winnow_status st = scan(&p);
  for (const char *a = *s, *end = *s + *n; (a = memchr(a, '&', (size_t)(end - a))); a++)
    p.names++; /* entity references: names too (counted, not parsed) */
  if (st == WINNOW_OK && p.names > WN_HTML_NAME_SCAN) { /* again, tracking the names */
    wn_buf_free(fix);
    *info = before;
    p = (prepass){.s = *s, .n = *n, .fix = fix, .prolog = true, .info = info, .no_close = *n + 1};
    p.set = wn_calloc(SET_SLOTS, sizeof *p.set);
    st = p.set ? scan(&p) : WINNOW_ERR_NOMEM;
    wn_free(p.set);
  }
  if (st == WINNOW_OK && p.changed) {
    *s = fix->p;
    *n = fix->len;
  }
  return st;
}
