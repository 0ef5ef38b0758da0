/* to_utf8.c - conversion to UTF-8 that never stops early.
 *
 * glibc iconv stops at the first invalid sequence (EILSEQ) or at a sequence
 * cut by the end of the input (EINVAL); libxml2 stops there too and loses
 * the rest of the page. Here each error becomes U+FFFD and conversion
 * resumes after the offending byte (a 2-byte code unit for UTF-16), as the
 * WHATWG Encoding Standard's decoders do in "replacement" error mode (§4.1
 * "decode"). NULs become U+FFFD too, so later stages may use C strings.
 *
 * ASCII-compatible encodings take a fast path: runs of ASCII are copied,
 * and only the runs holding non-ASCII bytes go through iconv. */
#include <errno.h>
#include <iconv.h>
#include <string.h>

#include "wn_decode.h"

static const char REPL[3] = {(char)0xEF, (char)0xBF, (char)0xBD}; /* U+FFFD */
static const char EURO[3] = {(char)0xE2, (char)0x82, (char)0xAC}; /* U+20AC */

typedef struct conv {
  iconv_t cd;
  const wn_encoding *enc;
  wn_buf *out;
  uint32_t repl; /* U+FFFD written */
} conv;

/* ---- pieces of output ------------------------------------------------------------------ */

static winnow_status put_repl(conv *c) {
  c->repl++;
  return wn_buf_add(c->out, REPL, 3);
}

/* Replace the NULs iconv produced in out[from..len) by U+FFFD. Past the
 * cap, the output is cut at the first NUL. */
static winnow_status fix_nuls(conv *c, size_t from) {
  wn_buf *b = c->out;
  size_t k = 0;
  if (from >= b->len)
    return WINNOW_OK; /* nothing converted (b->p may still be NULL) */
  for (const char *p = b->p + from; (p = memchr(p, 0, (size_t)(b->p + b->len - p))); p++)
    k++;
  if (!k)
    return WINNOW_OK;
  winnow_status st = wn_buf_reserve(b, 2 * k);
  if (st != WINNOW_OK) {
    b->len = (size_t)((char *)memchr(b->p + from, 0, b->len - from) - b->p);
    return st;
  }
  c->repl += (uint32_t)k;
  size_t src = b->len, dst = b->len + 2 * k;
  b->len = dst;
  while (src > from) { /* right to left, so nothing is overwritten unread */
    char ch = b->p[--src];
    if (ch)
      b->p[--dst] = ch;
    else
      memcpy(b->p + (dst -= 3), REPL, 3);
  }
  return WINNOW_OK;
}

/* iconv stopped at an invalid sequence: one U+FFFD, skip one unit and go
 * on (an ASCII byte after a bad lead byte is then read as itself, as the
 * WHATWG decoders "restore" it). The GB decoders map the single byte 0x80
 * to U+20AC (WHATWG §10.2.1 gb18030 decoder), which glibc rejects. */
static winnow_status on_invalid(conv *c, char **in, size_t *left) {
  size_t unit = (c->enc->flags & WN_ENCF_UTF16) ? 2 : 1;
  unit = WN_MIN(unit, *left);
  winnow_status st;
  if ((c->enc->flags & WN_ENCF_GB) && (unsigned char)**in == 0x80)
    st = wn_buf_add(c->out, EURO, 3);
  else
    st = put_repl(c);
  *in += unit;
  *left -= unit;
  return st;
}

/* iconv stopped at a sequence cut by the end of its input. At the end of
 * the whole input that is one truncated character: one U+FFFD (WHATWG
 * decoders' end-of-queue error). At the end of a fast-path segment it is
 * a GB18030 4-byte prefix broken by ASCII (81 33 then "ab"): the bytes
 * after the lead are read again as characters, as WHATWG "restores" them. */
static winnow_status on_truncated(conv *c, char **in, size_t *left, bool at_end) {
  if (!at_end)
    return on_invalid(c, in, left);
  *in += *left;
  *left = 0;
  return put_repl(c);
}

/* iconv ran out of output space: grow by about the input left (GBK and
 * Big5 grow by half into UTF-8; 16 spare bytes always hold the next
 * character, so every E2BIG is followed by progress). LIMIT when the cap
 * leaves no more room. */
static winnow_status grow(conv *c, size_t in_left) {
  wn_buf *b = c->out;
  size_t room = b->max - b->len;
  size_t free_now = b->cap ? b->cap - 1 - b->len : 0;
  if (free_now >= room)
    return WINNOW_ERR_LIMIT;
  size_t want = in_left > SIZE_MAX / 4 ? room : in_left + in_left / 2 + 16;
  return wn_buf_reserve(b, WN_MIN(want, room));
}

/* One iconv call over the buffer's free space; *err holds errno or 0. */
static void iconv_step(conv *c, char **in, size_t *left, int *err) {
  wn_buf *b = c->out;
  char *op = b->p + b->len;
  size_t room = WN_MIN(b->cap - 1 - b->len, b->max - b->len); /* 1 for the NUL */
  size_t ol = room;
  *err = iconv(c->cd, in, left, &op, &ol) == (size_t)-1 ? errno : 0;
  b->len += room - ol;
}

/* Convert a whole segment through iconv, replacing errors; at_end when the
 * segment ends the input. */
static winnow_status run_iconv(conv *c, const char *seg, size_t n, bool at_end) {
  char *in = (char *)seg; /* iconv's prototype is not const-correct */
  size_t left = n, from = c->out->len;
  winnow_status st = WINNOW_OK;
  while (left && st == WINNOW_OK) {
    int err = E2BIG;
    if (c->out->p)
      iconv_step(c, &in, &left, &err);
    if (err == E2BIG)
      st = grow(c, left);
    else if (err == EILSEQ)
      st = on_invalid(c, &in, &left);
    else if (err == EINVAL)
      st = on_truncated(c, &in, &left, at_end);
    else if (err)
      st = WINNOW_ERR_INTERNAL;
  }
  winnow_status nul_st = fix_nuls(c, from);
  return st != WINNOW_OK ? st : nul_st;
}

/* ---- the ASCII fast path ---------------------------------------------------------------- */

/* Bytes before the first one that is >= 0x80 or NUL. */
static size_t plain_ascii(const unsigned char *s, size_t n) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    if ((w & 0x8080808080808080ull) || ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull))
      break;
  }
  while (i < n && s[i] && s[i] < 0x80)
    i++;
  return i;
}

/* Length of a segment that starts at a non-ASCII byte and ends where the
 * next character surely starts: after the first of two ASCII bytes in a
 * row. In every ASCII-compatible WHATWG encoding an ASCII-range byte inside
 * a character is its last byte (GBK/Big5/Shift_JIS trails) or is followed
 * by a non-ASCII byte (GB18030's 4-byte form), so two in a row mean the
 * second starts a character. */
static size_t non_ascii_segment(const unsigned char *s, size_t n) {
  size_t i = 1;
  /* eight bytes at a time, stepping seven so pairs across words are seen:
   * a = high bit set for each ASCII byte, a & (a >> 8) for each ASCII pair
   * (little or big endian alike, as only "any pair" is asked) */
  for (; i + 8 <= n; i += 7) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    uint64_t a = ~w & 0x8080808080808080ull;
    if (a & (a >> 8))
      break;
  }
  for (; i + 1 < n; i++)
    if (s[i] < 0x80 && s[i + 1] < 0x80)
      return i + 1;
  return n;
}

static winnow_status copy_ascii(conv *c, const unsigned char *s, size_t n, size_t *used) {
  size_t k = plain_ascii(s, n);
  winnow_status st = wn_buf_add(c->out, s, k);
  while (st == WINNOW_OK && k < n && s[k] == 0) {
    st = put_repl(c);
    size_t more = ++k < n ? plain_ascii(s + k, n - k) : 0;
    if (st == WINNOW_OK)
      st = wn_buf_add(c->out, s + k, more);
    k += more;
  }
  *used = k;
  return st;
}

static winnow_status convert_ascii_compatible(conv *c, const unsigned char *s, size_t n) {
  size_t i = 0;
  winnow_status st = WINNOW_OK;
  while (i < n && st == WINNOW_OK) {
    size_t k;
    st = copy_ascii(c, s + i, n - i, &k);
    i += k;
    if (st != WINNOW_OK || i >= n)
      break;
    k = non_ascii_segment(s + i, n - i);
    st = run_iconv(c, (const char *)s + i, k, i + k == n);
    i += k;
  }
  return st;
}

/* ---- entry points ------------------------------------------------------------------------- */

static winnow_status convert(conv *c, const char *bytes, size_t n) {
  if (c->enc->flags & (WN_ENCF_UTF16 | WN_ENCF_STATEFUL))
    return run_iconv(c, bytes, n, true);
  return convert_ascii_compatible(c, (const unsigned char *)bytes, n);
}

winnow_status wn_to_utf8_cached(wn_decode_cache *cache, const char *bytes, size_t n,
                                const wn_charset_decision *d, wn_buf *out, uint32_t *n_replaced) {
  if (!cache)
    return wn_to_utf8(bytes, n, d, out, n_replaced);
  if (n_replaced)
    *n_replaced = 0;
  if (!d || !d->enc || !out || (!bytes && n))
    return WINNOW_ERR_ARG;
  size_t skip = WN_MIN(d->bom_len, n);
  bytes = n ? bytes + skip : "", n -= skip;
  conv c = {.enc = d->enc, .out = out};
  void *cd = NULL;
  winnow_status st;
  if (!d->enc->iconv) {
    uint32_t nul = 0;
    st = wn_utf8_repair(bytes, n, out, &c.repl, &nul);
    c.repl += nul;
  } else if ((st = wn_decode_cache_cd(cache, d->enc, &cd)) == WINNOW_OK) {
    c.cd = (iconv_t)cd;
    st = convert(&c, bytes, n);
  }
  if (n_replaced)
    *n_replaced = c.repl;
  winnow_status nul_st = wn_buf_nul(out);
  return st != WINNOW_OK ? st : nul_st;
}

winnow_status wn_to_utf8(const char *bytes, size_t n, const wn_charset_decision *d, wn_buf *out,
                         uint32_t *n_replaced) {
  wn_decode_cache c;
  wn_decode_cache_init(&c);
  winnow_status st = wn_to_utf8_cached(&c, bytes, n, d, out, n_replaced);
  wn_decode_cache_free(&c);
  return st;
}
