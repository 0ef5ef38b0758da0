/* http_decode.c - undo the codings of a stored HTTP body: chunked transfer
 * coding (RFC 9112 §7.1), then the content codings in the reverse of the
 * order they were applied (RFC 9110 §8.4). Every decoder writes into a
 * buffer capped at max_body + 1 bytes, so a decompression bomb stops at
 * the cap inside the decoding loop, whatever the input claims. */
#include <string.h>

#include "wn_http.h"

#define STEP ((size_t)256 << 10) /* output room offered per decoder call */
#define MAX_CODINGS 8            /* a longer Content-Encoding list is refused */

typedef struct job {
  wn_http_dec *d;
  int truncated_ok;
  char *msg;
  size_t msglen;
} job;

#define fail(j, e, ...) wn_http_fail((j)->msg, (j)->msglen, (e), __VA_ARGS__)

void wn_http_dec_init(wn_http_dec *d, size_t max_body) {
  memset(d, 0, sizeof *d);
  d->max_body = max_body;
  wn_buf_init(&d->a, max_body + 1);
  wn_buf_init(&d->b, max_body + 1);
}

void wn_http_dec_free(wn_http_dec *d) {
  wn_buf_free(&d->a);
  wn_buf_free(&d->b);
  for (size_t i = 0; i < WN_ARRAY_LEN(d->codec); i++)
    wn_codec_free(d->codec[i]);
}

/* ------------------------------------------------------------------------ */
/* Chunked (RFC 9112 §7.1)                                                   */
/* ------------------------------------------------------------------------ */

/* Past a CRLF (or bare LF) at s[*i]; 0 when there is none. */
static int take_eol(const char *s, size_t n, size_t *i) {
  if (*i < n && s[*i] == '\r')
    (*i)++;
  if (*i < n && s[*i] == '\n') {
    (*i)++;
    return 1;
  }
  return 0;
}

/* chunk-size [ chunk-ext ] CRLF: the size, and *i past the line. */
static wn_warc_err chunk_size(job *j, const char *s, size_t n, size_t *i, uint64_t *size) {
  size_t used;
  if (wn_scan_hex_u64(s + *i, n - *i, size, &used) != WN_SCAN_OK)
    return fail(j, WN_WARC_E_CHUNKED, "chunk size at body offset %zu is not a hex number", *i);
  *i += used;
  size_t eol = wn_scan_eol(s + *i, n - *i);
  if (eol == 0)
    return fail(j, WN_WARC_E_CHUNKED, "chunk size line at body offset %zu does not end", *i);
  char c = s[*i];
  if (c != ';' && c != ' ' && c != '\t' && c != '\r' && c != '\n') /* chunk-ext or BWS */
    return fail(j, WN_WARC_E_CHUNKED, "junk after chunk size at body offset %zu", *i);
  *i += eol;
  return WN_WARC_OK;
}

/* trailer-section CRLF after the last chunk: field lines up to an empty
 * one. A body that stops right after the last chunk is accepted. */
static void skip_trailers(const char *s, size_t n, size_t i) {
  while (i < n) {
    size_t eol = wn_scan_eol(s + i, n - i);
    if (eol == 0 || eol <= 2)
      return;
    i += eol;
  }
}

static wn_warc_err dechunk(job *j, const char *s, size_t n, wn_buf *out) {
  size_t i = 0;
  wn_buf_clear(out);
  for (;;) {
    uint64_t size;
    if (i >= n && j->truncated_ok)
      return WN_WARC_OK;
    wn_warc_err e = chunk_size(j, s, n, &i, &size);
    if (e != WN_WARC_OK)
      return e;
    if (size == 0) {
      skip_trailers(s, n, i);
      return WN_WARC_OK;
    }
    if (size > n - i && !j->truncated_ok)
      return fail(j, WN_WARC_E_CHUNKED, "chunk of %llu bytes runs past the end of the body",
                  (unsigned long long)size);
    size_t k = (size_t)WN_MIN(size, (uint64_t)(n - i));
    if (wn_buf_add(out, s + i, k) != WINNOW_OK) /* never the cap: k <= n <= max_body */
      return fail(j, WN_WARC_E_NOMEM, "out of memory dechunking the body");
    i += k;
    if (!take_eol(s, n, &i) && !(i >= n && j->truncated_ok))
      return fail(j, WN_WARC_E_CHUNKED, "chunk data not followed by CRLF at body offset %zu", i);
  }
}

/* ------------------------------------------------------------------------ */
/* Content codings                                                           */
/* ------------------------------------------------------------------------ */

static wn_codec *codec_for(wn_http_dec *d, wn_codec_kind k) {
  if (!d->codec[k])
    d->codec[k] = wn_codec_new(k);
  else
    wn_codec_reset(d->codec[k]);
  return d->codec[k];
}

/* RFC 1950 §2.2: CM = 8, CINFO <= 7, and the header is a multiple of 31. */
static int zlib_header(const unsigned char *p, size_t n) {
  return n >= 2 && (p[0] & 0x0F) == 8 && (p[0] >> 4) <= 7 && ((p[0] << 8) | p[1]) % 31 == 0;
}

static int gzip_start(const unsigned char *p, size_t n) {
  return n >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

static int zstd_start(const unsigned char *p, size_t n) {
  return n >= 4 && p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd;
}

/* Another gzip member or zstd frame follows (RFC 1952 §2.2 allows a series
 * of members; trailing bytes that start none are ignored, as browsers do). */
static int next_part(wn_codec_kind k, const unsigned char *p, size_t n) {
  return k == WN_CODEC_GZIP ? gzip_start(p, n) : k == WN_CODEC_ZSTD ? zstd_start(p, n) : 0;
}

/* Room for the next decoder call; 0 when the buffer is at its cap. */
static size_t out_room(wn_buf *out) {
  size_t room = WN_MIN(STEP, out->max - out->len);
  return room && wn_buf_reserve(out, room) == WINNOW_OK ? room : 0;
}

/* Run codec c over s[0..n) into out, member after member. */
static wn_warc_err run(job *j, wn_codec *c, wn_codec_kind k, const char *s, size_t n, wn_buf *out) {
  size_t i = 0;
  wn_buf_clear(out);
  for (;;) {
    size_t in_n = n - i, out_n = out_room(out);
    const char *why;
    if (out_n == 0) /* not the cap: that is caught below, one byte past it */
      return fail(j, WN_WARC_E_NOMEM, "out of memory decoding the body");
    wn_codec_rc rc = wn_codec_run(c, s + i, &in_n, out->p + out->len, &out_n, &why);
    i += in_n;
    out->len += out_n;
    if (out->len > j->d->max_body)
      return fail(j, WN_WARC_E_BOMB, "decoded body over the cap of %zu bytes", j->d->max_body);
    if (rc == WN_CODEC_NOMEM)
      return fail(j, WN_WARC_E_NOMEM, "out of memory decoding the body");
    if (rc == WN_CODEC_FAIL)
      return fail(j, WN_WARC_E_PAYLOAD_CORRUPT, "encoded body does not decode: %s", why);
    if (rc == WN_CODEC_END && !next_part(k, (const unsigned char *)s + i, n - i))
      return WN_WARC_OK;
    if (rc == WN_CODEC_END)
      wn_codec_reset(c);
    else if (!in_n && !out_n)
      return j->truncated_ok ? WN_WARC_OK
                             : fail(j, WN_WARC_E_PAYLOAD_CORRUPT, "encoded body is truncated");
  }
}

/* Which decoder a content-coding name asks for; -1 for identity, -2 for a
 * coding this reader does not know. */
static int coding_kind(const char *name, size_t n) {
  if (wn_scan_ieq(name, n, "gzip") || wn_scan_ieq(name, n, "x-gzip"))
    return WN_CODEC_GZIP;
  if (wn_scan_ieq(name, n, "deflate"))
    return WN_CODEC_ZLIB;
  if (wn_scan_ieq(name, n, "zstd"))
    return WN_CODEC_ZSTD;
  if (wn_scan_ieq(name, n, "br"))
    return WN_CODEC_BR;
  return wn_scan_ieq(name, n, "identity") ? -1 : -2;
}

/* Check the bytes are in the coding the header names, before decoding. */
static wn_warc_err check_magic(job *j, int k, const unsigned char *p, size_t n) {
  if (k == WN_CODEC_GZIP && !gzip_start(p, n))
    return fail(j, WN_WARC_E_ENCODING_LIE, "Content-Encoding gzip, but the body is not gzip");
  if (k == WN_CODEC_ZSTD && !zstd_start(p, n))
    return fail(j, WN_WARC_E_ENCODING_LIE, "Content-Encoding zstd, but the body is not zstd");
  if (k == WN_CODEC_BR && !wn_codec_have_brotli())
    return fail(j, WN_WARC_E_UNSUPPORTED, "Content-Encoding br: brotli is not built in");
  return WN_WARC_OK;
}

/* "deflate" is the zlib format (RFC 9110 §8.4.1.2), but servers also send
 * raw deflate; neither decoding is a lie detected. */
static wn_warc_err undo_deflate(job *j, const char *s, size_t n, wn_buf *out) {
  int zlib = zlib_header((const unsigned char *)s, n);
  wn_codec *c = codec_for(j->d, zlib ? WN_CODEC_ZLIB : WN_CODEC_DEFLATE);
  if (c && zlib)
    return run(j, c, WN_CODEC_ZLIB, s, n, out);
  if (!c)
    return fail(j, WN_WARC_E_NOMEM, "out of memory");
  wn_warc_err e = run(j, c, WN_CODEC_DEFLATE, s, n, out);
  if (e == WN_WARC_E_PAYLOAD_CORRUPT)
    return fail(j, WN_WARC_E_ENCODING_LIE,
                "Content-Encoding deflate, but the body is neither zlib nor deflate");
  return e;
}

static wn_warc_err undo_one(job *j, int k, const char *s, size_t n, wn_buf *out) {
  if (n == 0) { /* HEAD, 204 and 304 responses carry none */
    wn_buf_clear(out);
    return WN_WARC_OK;
  }
  wn_warc_err e = check_magic(j, k, (const unsigned char *)s, n);
  if (e != WN_WARC_OK)
    return e;
  if (k == WN_CODEC_ZLIB)
    return undo_deflate(j, s, n, out);
  wn_codec *c = codec_for(j->d, (wn_codec_kind)k);
  if (!c)
    return fail(j, WN_WARC_E_NOMEM, "out of memory");
  return run(j, c, (wn_codec_kind)k, s, n, out);
}

/* The codings of a list, in order of application. */
static wn_warc_err coding_list(job *j, const wn_hdr *h, int *kinds, size_t *nk) {
  const char *item;
  size_t len, pos = 0;
  *nk = 0;
  while (h && wn_scan_list_next(h->value, h->value_len, &pos, &item, &len)) {
    int k = coding_kind(item, len);
    if (k == -2)
      return fail(j, WN_WARC_E_UNSUPPORTED, "unknown coding \"%.*s\"", (int)WN_MIN(len, 40), item);
    if (k == -1)
      continue;
    if (*nk == MAX_CODINGS)
      return fail(j, WN_WARC_E_UNSUPPORTED, "more than %d codings", MAX_CODINGS);
    kinds[(*nk)++] = k;
  }
  return WN_WARC_OK;
}

/* Transfer-Encoding: the last coding must be chunked (RFC 9112 §6.1);
 * codings before it are undone like content codings. */
static wn_warc_err transfer_codings(job *j, const wn_hdr *te, int *kinds, size_t *nk,
                                    int *chunked) {
  const char *item, *last = NULL;
  size_t len, last_len = 0, pos = 0;
  *chunked = 0;
  *nk = 0;
  while (te && wn_scan_list_next(te->value, te->value_len, &pos, &item, &len)) {
    if (last && !wn_scan_ieq(last, last_len, "identity")) {
      int k = coding_kind(last, last_len);
      if (k < 0 || *nk == MAX_CODINGS)
        return fail(j, WN_WARC_E_UNSUPPORTED, "unsupported transfer coding");
      kinds[(*nk)++] = k;
    }
    last = item;
    last_len = len;
  }
  *chunked = last && wn_scan_ieq(last, last_len, "chunked");
  if (last && !*chunked && !wn_scan_ieq(last, last_len, "identity"))
    return fail(j, WN_WARC_E_UNSUPPORTED, "transfer coding other than chunked last");
  return WN_WARC_OK;
}

/* Apply the decoders of kinds[] last-first, alternating buffers. */
static wn_warc_err undo_list(job *j, const int *kinds, size_t nk, const char **s, size_t *n) {
  for (size_t i = nk; i-- > 0;) {
    wn_buf *out = *s == j->d->a.p ? &j->d->b : &j->d->a;
    wn_warc_err e = undo_one(j, kinds[i], *s, *n, out);
    if (e != WN_WARC_OK)
      return e;
    *s = out->p ? out->p : "";
    *n = out->len;
  }
  return WN_WARC_OK;
}

wn_warc_err wn_http_decode(wn_http_dec *d, const wn_http_msg *m, int truncated_ok, const char **out,
                           size_t *out_len, uint32_t *done, char *msg, size_t msglen) {
  job j = {d, truncated_ok, msg, msglen};
  int te[MAX_CODINGS], ce[MAX_CODINGS], chunked;
  size_t nte, nce;
  const char *s = m->body;
  size_t n = m->body_len;
  *out = s;
  *out_len = n;
  *done = 0;
  wn_warc_err e = transfer_codings(&j, wn_scan_find(m->hdrs, m->n_hdrs, "Transfer-Encoding"), te,
                                   &nte, &chunked);
  if (e == WN_WARC_OK)
    e = coding_list(&j, wn_scan_find(m->hdrs, m->n_hdrs, "Content-Encoding"), ce, &nce);
  if (e == WN_WARC_OK && chunked && (e = dechunk(&j, s, n, &d->a)) == WN_WARC_OK) {
    s = d->a.p ? d->a.p : "";
    n = d->a.len;
    *done |= WN_HTTP_DECHUNKED;
  }
  if (e == WN_WARC_OK && (e = undo_list(&j, te, nte, &s, &n)) == WN_WARC_OK)
    e = undo_list(&j, ce, nce, &s, &n);
  if (e != WN_WARC_OK)
    return e;
  *done |= nte + nce ? WN_HTTP_DECODED : 0;
  *out = s;
  *out_len = n;
  return WN_WARC_OK;
}
