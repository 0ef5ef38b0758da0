/* fuzz_decode.c - fuzz target for the charset decision and the conversion
 * to UTF-8 (src/decode/wn_decode.h: wn_charset_decide, wn_to_utf8).
 *
 * Input: one header byte, an optional Content-Type line, then the bytes.
 *   h[0]  bit 0: the bytes are HTML (<meta> prescan on); bit 1: a
 *         Content-Type value follows, up to the first '\n' (at most 120
 *         bytes); bits 2-7: k, output cap 16 * k bytes (k = 0: 1 MiB)
 *
 * Checks: the decision names an encoding, a source in range, a BOM no
 * longer than the input, NUL-terminated labels; the conversion returns OK
 * or LIMIT (LIMIT only when the cap is small), its output is NUL-terminated,
 * NUL-free, valid UTF-8 and within the cap; valid NUL-free UTF-8 decided as
 * UTF-8, and plain ASCII in an ASCII-compatible encoding, come out as they
 * went in. One decode cache lives for the whole run, as in a worker thread:
 * the decision and the output must equal those of a fresh, uncached call
 * (an iconv descriptor left in a shift state, or a detector not reset,
 * would show here). */
#include <string.h>

#include "decode/wn_decode.h"
#include "fuzz_common.h"

#define CT_MAX 120
#define BIG_CAP ((size_t)1 << 20)

static wn_decode_cache *cache(void) {
  static wn_decode_cache c;
  static int ready;
  if (!ready) {
    wn_decode_cache_init(&c);
    ready = 1;
  }
  return &c;
}

static int label_ok(const char *label) {
  return memchr(label, '\0', WN_LABEL_MAX) != NULL;
}

static void check_decision(const wn_charset_decision *d, size_t n) {
  FUZZ_CHECK(d->enc != NULL);
  FUZZ_CHECK(wn_encoding_get(d->enc->id) == d->enc);
  FUZZ_CHECK(d->name == d->enc->name && d->iconv_name == d->enc->iconv);
  FUZZ_CHECK(d->source >= WN_CS_BOM && d->source < WN_CS_COUNT_);
  FUZZ_CHECK(d->bom_len == 0 || d->bom_len == 2 || d->bom_len == 3);
  FUZZ_CHECK(d->bom_len <= n);
  FUZZ_CHECK(d->bom_len == 0 || d->source == WN_CS_BOM);
  FUZZ_CHECK(label_ok(d->label));
  FUZZ_CHECK(d->label_source == WN_CS_NONE || d->label_source == WN_CS_HTTP ||
             d->label_source == WN_CS_META);
  FUZZ_CHECK(d->label_source != WN_CS_NONE || d->label[0] == '\0');
  FUZZ_CHECK(d->source != WN_CS_OVERRIDDEN || d->label_enc != NULL);
}

static int same_decision(const wn_charset_decision *a, const wn_charset_decision *b) {
  return a->enc == b->enc && a->source == b->source && a->bom_len == b->bom_len &&
         a->label_source == b->label_source && a->label_enc == b->label_enc &&
         strcmp(a->label, b->label) == 0;
}

static int has_high_or_nul(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)s[i] >= 0x80 || s[i] == 0)
      return 1;
  return 0;
}

static void check_output(const wn_charset_decision *d, winnow_status st, const wn_buf *out,
                         uint32_t repl, const char *bytes, size_t n, size_t cap) {
  FUZZ_CHECK(st == WINNOW_OK || st == WINNOW_ERR_LIMIT);
  FUZZ_CHECK(st == WINNOW_OK || cap < BIG_CAP); /* 1 MiB holds any input's output */
  FUZZ_CHECK(out->len <= cap);
  FUZZ_CHECK(out->len == 0 || out->p != NULL);
  if (!out->p)
    return;
  FUZZ_CHECK(out->p[out->len] == '\0');
  FUZZ_CHECK(memchr(out->p, '\0', out->len) == NULL);
  FUZZ_CHECK(fuzz_utf8_valid(out->p, out->len));
  if (st != WINNOW_OK)
    return;
  const char *body = bytes + d->bom_len;
  size_t len = n - d->bom_len;
  int as_is = !d->enc->iconv ? fuzz_utf8_valid(body, len) && !memchr(body, 0, len)
                             : !(d->enc->flags & (WN_ENCF_UTF16 | WN_ENCF_STATEFUL)) &&
                                   !has_high_or_nul(body, len);
  if (as_is) {
    FUZZ_CHECK(repl == 0);
    FUZZ_CHECK(out->len == len && memcmp(out->p, body, len) == 0);
  }
  if (!d->enc->iconv && len && !as_is)
    FUZZ_CHECK(repl > 0); /* UTF-8 repair replaced something */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  int is_html = data[0] & 1;
  size_t k = data[0] >> 2, cap = k ? 16 * k : BIG_CAP;
  const char *rest = (const char *)data + 1;
  size_t n = size - 1;
  char ct[CT_MAX + 1];
  const char *content_type = NULL;
  if (data[0] & 2) {
    const char *nl = memchr(rest, '\n', WN_MIN(n, (size_t)CT_MAX));
    size_t cl = nl ? (size_t)(nl - rest) : WN_MIN(n, (size_t)CT_MAX);
    memcpy(ct, rest, cl);
    ct[cl] = '\0';
    content_type = ct;
    rest += cl + (nl != NULL);
    n -= cl + (nl != NULL);
  }

  wn_charset_decision d, fresh;
  winnow_status st = wn_charset_decide_cached(cache(), rest, n, content_type, is_html, &d);
  FUZZ_CHECK(st == WINNOW_OK);
  check_decision(&d, n);
  FUZZ_CHECK(wn_charset_decide(rest, n, content_type, is_html, &fresh) == WINNOW_OK);
  FUZZ_CHECK(same_decision(&d, &fresh));

  wn_buf out, out2;
  wn_buf_init(&out, cap);
  wn_buf_init(&out2, cap);
  uint32_t repl = 0, repl2 = 0;
  st = wn_to_utf8_cached(cache(), rest, n, &d, &out, &repl);
  check_output(&d, st, &out, repl, rest, n, cap);
  winnow_status st2 = wn_to_utf8(rest, n, &d, &out2, &repl2);
  FUZZ_CHECK(st2 == st && repl2 == repl);
  FUZZ_CHECK(out.len == out2.len && (out.len == 0 || memcmp(out.p, out2.p, out.len) == 0));
  wn_buf_free(&out);
  wn_buf_free(&out2);
  return 0;
}
