/* wn_http.h - the HTTP/1.x response stored in a WARC response record
 * (WARC 1.1 §6.3: "application/http;msgtype=response"): status line and
 * header section (RFC 9112 §4-5), and the body with transfer and content
 * codings undone when it is still encoded (RFC 9112 §7, RFC 9110 §8.4).
 *
 * Crawlers differ: Common Crawl stores the body decoded and renames the
 * headers that no longer hold (Content-Encoding, Transfer-Encoding,
 * Content-Length) with an "X-Crawler-" prefix; others store the bytes as
 * they came off the wire. Decoding follows the headers that are left, and
 * checks the bytes first: a "gzip" body without the gzip magic is a lie. */
#ifndef WN_HTTP_H
#define WN_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "../common/wn_common.h"
#include "wn_gzmember_codec.h"
#include "wn_scan.h"
#include "wn_warc_err.h"

typedef struct wn_http_limits {
  size_t max_line;    /* longest status or header line, terminator excluded */
  size_t max_headers; /* most header fields */
  size_t max_body;    /* most decoded body bytes */
} wn_http_limits;

typedef struct wn_http_msg {
  int status;   /* status code, 100-999 */
  wn_hdr *hdrs; /* caller's array of max_headers entries, spans into the message */
  size_t n_hdrs;
  const char *body; /* the body as stored: after the empty line */
  size_t body_len;
  uint32_t lf_only; /* lines ended by a bare LF */
} wn_http_msg;

/* Parse the response in p[0..n). m->hdrs must point to lim->max_headers
 * entries. On failure returns the class and writes a message. */
wn_warc_err wn_http_parse(const char *p, size_t n, const wn_http_limits *lim, wn_http_msg *m,
                          char *msg, size_t msglen);

/* Write the message of a failure into msg (msglen bytes, truncated to
 * fit) and return e: the error exit of the parser and the decoder. */
__attribute__((format(printf, 4, 5))) wn_warc_err wn_http_fail(char *msg, size_t msglen,
                                                               wn_warc_err e, const char *fmt, ...);

/* What wn_http_decode undid (bit flags). */
enum { WN_HTTP_DECHUNKED = 1u, WN_HTTP_DECODED = 2u };

/* Scratch space and decoders, reused from one body to the next. */
typedef struct wn_http_dec {
  wn_buf a, b;        /* capped at max_body + 1: the extra byte tells a bomb */
  wn_codec *codec[5]; /* by wn_codec_kind, created on first use */
  size_t max_body;
} wn_http_dec;

void wn_http_dec_init(wn_http_dec *d, size_t max_body);
void wn_http_dec_free(wn_http_dec *d);

/* Undo Transfer-Encoding: chunked and the Content-Encoding list of m
 * (still present under their own names). *out / *out_len get the payload:
 * m->body itself when nothing was encoded, else bytes owned by d valid
 * until the next call. With truncated_ok (the record carries
 * WARC-Truncated) a body that ends early is decoded as far as it goes. On
 * failure *out is the body as stored. */
wn_warc_err wn_http_decode(wn_http_dec *d, const wn_http_msg *m, int truncated_ok, const char **out,
                           size_t *out_len, uint32_t *done, char *msg, size_t msglen);

#endif
