/* reader_sniff.c - which format an input of WINNOW_FORMAT_AUTO is, from
 * its first bytes and its name (winnow.h, doc/FORMATS.md):
 *
 *   gzip magic 1f 8b, zstd magic 28 b5 2f fd or a zstd skippable frame
 *   (5? 2a 4d 18), or "WARC/1." at the start         -> WARC
 *   HTML by the WHATWG sniffing rules, or a name ending
 *   .htm / .html / .xhtml (any case), or markup the
 *   tags of known HTML elements dominate
 *   (wn_markup_is_html)                               -> HTML
 *   first byte that is not white space, after an
 *   optional UTF-8 BOM, is '{'                        -> JSONL
 *   anything else, and an empty input                 -> TEXT
 *
 * Nothing is consumed: the bytes read stay in r->in for the format's
 * reader. The decision depends only on the bytes, never on how read(2)
 * cut them: the rules look only once every byte they could look at is in
 * (see enough()), and the white-space scan for '{' looks at a fixed
 * number of bytes. No more is read than that, so a JSONL stream on a pipe
 * gets its first record as soon as its first line is in. */
#include <string.h>

#include "wn_io.h"
#include "wn_reader.h"
#include "wn_scan.h"

static const char BOM[] = "\xEF\xBB\xBF";
#define BOM_LEN (sizeof BOM - 1)

static int is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int compressed_magic(const unsigned char *s, size_t n) {
  if (n >= 2 && s[0] == 0x1F && s[1] == 0x8B)
    return 1; /* gzip (RFC 1952 §2.3.1) */
  if (n >= 4 && s[0] == 0x28 && s[1] == 0xB5 && s[2] == 0x2F && s[3] == 0xFD)
    return 1; /* zstd frame (RFC 8878 §3.1.1) */
  return n >= 4 && (s[0] & 0xF0) == 0x50 && s[1] == 0x2A && s[2] == 0x4D && s[3] == 0x18;
  /* zstd skippable frame (RFC 8878 §3.1.2): the WARC-zstd dictionary */
}

/* The name ends in ext, ASCII case-insensitively. */
static int ends_with(const char *name, const char *ext) {
  size_t n = strlen(name), k = strlen(ext);
  return n >= k && wn_scan_ieq(name + n - k, k, ext);
}

static int html_name(const char *name) {
  return ends_with(name, ".htm") || ends_with(name, ".html") || ends_with(name, ".xhtml");
}

/* JSONL when the first byte that is not white space (after a BOM) is '{'.
 * The scan looks at most at WN_MAX(cap, WN_READER_SNIFF) bytes: a longer
 * white-space prefix means TEXT (whose record will report the cap). */
static winnow_status jsonl_or_text(winnow_reader *r) {
  size_t limit = WN_MAX(r->max, WN_READER_SNIFF);
  size_t i = r->in.len >= BOM_LEN && memcmp(r->in.p, BOM, BOM_LEN) == 0 ? BOM_LEN : 0;
  for (;;) {
    size_t end = WN_MIN(r->in.len, limit);
    while (i < end && is_space(r->in.p[i]))
      i++;
    if (i < end) {
      r->format = r->in.p[i] == '{' ? WINNOW_FORMAT_JSONL : WINNOW_FORMAT_TEXT;
      return WINNOW_OK;
    }
    if (r->eof || r->in.len >= limit) {
      r->format = WINNOW_FORMAT_TEXT;
      return WINNOW_OK;
    }
    winnow_status st = wn_reader_fill(r);
    if (st != WINNOW_OK)
      return st;
  }
}

/* wn_looks_like_html's white space (WHATWG MIME Sniffing §7.1). */
static int is_html_ws(char c) {
  return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

/* Are the bytes in enough to decide as if all WN_READER_SNIFF were? The
 * magic numbers need 7 bytes; the HTML rules look past leading white
 * space at every tag in the sniffed bytes (wn_markup_is_html), so all of
 * them must be in, unless the first other byte is '{' or '[': JSON, which
 * no HTML rule takes (so a JSONL stream's first record comes as soon as
 * its line is in). */
static int enough(const winnow_reader *r) {
  if (r->eof || r->in.len >= WN_READER_SNIFF)
    return 1;
  size_t n = r->in.len, i = n >= BOM_LEN && memcmp(r->in.p, BOM, BOM_LEN) == 0 ? BOM_LEN : 0;
  if (n < 7)
    return 0;
  while (i < n && is_html_ws(r->in.p[i]))
    i++;
  return i < n && (r->in.p[i] == '{' || r->in.p[i] == '[');
}

winnow_status wn_reader_sniff(winnow_reader *r) {
  while (!enough(r)) {
    winnow_status st = wn_reader_fill(r);
    if (st != WINNOW_OK)
      return st;
  }
  const char *s = r->in.p ? r->in.p : "";
  size_t n = WN_MIN(r->in.len, WN_READER_SNIFF);
  if (compressed_magic((const unsigned char *)s, n) || (n >= 7 && memcmp(s, "WARC/1.", 7) == 0))
    r->format = WINNOW_FORMAT_WARC;
  else if (wn_looks_like_html(s, n) || html_name(r->path) || wn_markup_is_html(s, n))
    r->format = WINNOW_FORMAT_HTML;
  else
    return jsonl_or_text(r);
  return WINNOW_OK;
}
