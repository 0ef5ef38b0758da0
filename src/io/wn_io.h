/* wn_io.h - internal helpers of the readers. */
#ifndef WN_IO_H
#define WN_IO_H

#include <string.h>

#include "../common/wn_common.h"

/* ---- HTML sniffing (html_sniff.c) ---- */

/* 1 when bytes look like HTML by the WHATWG MIME Sniffing Standard, §7.1
 * "Rules for identifying an unknown MIME type" (the HTML rows of its
 * table): within the first 1445 bytes, optional leading white space (09 0A
 * 0C 0D 20), then case-insensitively "<!DOCTYPE HTML", "<HTML", "<HEAD",
 * "<SCRIPT", "<IFRAME", "<H1", "<DIV", "<FONT", "<TABLE", "<A", "<STYLE",
 * "<TITLE", "<B", "<BODY", "<BR", "<P" or "<!--", each followed by a
 * tag-terminating byte (20 or 3E). One deviation: a leading UTF-8 BOM is
 * skipped (the spec's table never sees one because its caller checks BOMs
 * first, and saved pages often start with one). 0 otherwise. */
int wn_looks_like_html(const char *bytes, size_t n);

/* Bytes the markup rules look at. More than WHATWG's 1445: a crawler's
 * wrapper or a long <script> at the head can push a page's first element
 * tags past those; 4 KiB still holds the head of any page. */
#define WN_SNIFF_BYTES ((size_t)4096)

/* 1 when markup dominates bytes though wn_looks_like_html says no, by the
 * tags of known HTML elements (link, meta, script, div, p, span, table,
 * li, img, h1-h6, section, article, ...; see html_sniff.c) in the first
 * WN_SNIFF_BYTES, after a BOM and white space:
 *  - input that opens with '<' and is XML (an "<?xml" declaration, or a
 *    first tag that declares xmlns): an html tag or an HTML doctype
 *    (XHTML; a feed or an SVG image is not HTML);
 *  - other input that opens with '<': an html, head or body tag or an HTML
 *    doctype anywhere, a first tag that is a known element, or two known
 *    tags after it (a crawler's wrapper);
 *  - input that opens with '{' or '[' (JSON): never;
 *  - any other: 12 known tags that take a fifth of the bytes (a page cut
 *    at its head).
 * Comments, CDATA sections and processing instructions do not count;
 * title, link and source (names RSS and Atom use) count only as a first
 * tag. */
int wn_markup_is_html(const char *bytes, size_t n);

/* Is s[0..n) exactly one valid JSON value (RFC 8259), white space around
 * allowed? Strict where cJSON is lenient. */
int wn_json_strict(const char *s, size_t n);

/* ---- members of an object (json_members.c) ----
 * Only for text cJSON accepted as JSON: brackets balance, strings end. */

/* One member: offsets into the object's text. */
typedef struct wn_json_member {
  size_t start;            /* its name's opening quote */
  size_t key, key_len;     /* the name inside its quotes, escapes as written */
  size_t value, value_end; /* the value's text */
} wn_json_member;

/* The value of the 4 hex digits at s (of which left bytes are there), or
 * -1: the XXXX of a \\uXXXX escape. */
long wn_json_hex4(const char *s, size_t left);
/* Index of the first byte from i that is not white space (up to 0x20). */
size_t wn_json_skip_ws(const char *s, size_t i, size_t n);
/* How many objects and arrays are open at s[at] (strings skipped): for
 * any text, so that where cJSON stopped can be told a nesting cap. */
size_t wn_json_depth_at(const char *s, size_t at);
/* The text at s[*pos] (after white space) opens an object (bracket '{')
 * or an array ('['): 1, and *pos is at its first member; 0 otherwise. */
int wn_json_open(const char *s, size_t n, size_t *pos, char bracket);
/* The next member of the object into *m and 1, or 0 at its end. */
int wn_json_member_next(const char *s, size_t n, size_t *pos, wn_json_member *m);
/* The next element of the array: its span s[*vs..*ve) and 1, or 0 at its
 * end. */
int wn_json_element_next(const char *s, size_t n, size_t *pos, size_t *vs, size_t *ve);
/* The content of a JSON string s[0..n) (without its quotes) with its
 * escapes undone, as UTF-8, into out; "\\u0000" gives a NUL byte, a lone
 * surrogate U+FFFD. Returns the length, never more than n. */
size_t wn_json_unescape(const char *s, size_t n, char *out);
/* m's name, escapes undone, equals name (which has none). */
int wn_json_key_is(const char *s, const wn_json_member *m, const char *name);

/* A set of the names of an object's members, escapes undone (so "title"
 * and "\u0074itle" are one), for keeping the first of repeated names in
 * time linear in the members. s is the object's text. */
typedef struct wn_json_keys {
  const char *s;
  struct wn_json_slot *slot;
  size_t cap, n;
} wn_json_keys;

void wn_json_keys_init(wn_json_keys *k, const char *s);
void wn_json_keys_free(wn_json_keys *k);
/* Put m's name in the set; *added is 1 when it was not in yet. */
winnow_status wn_json_keys_add(wn_json_keys *k, const wn_json_member *m, int *added);
/* m is the member whose name was added first (wn_json_keys_add). */
int wn_json_keys_is_first(const wn_json_keys *k, const wn_json_member *m);

#endif
