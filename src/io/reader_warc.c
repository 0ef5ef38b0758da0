/* reader_warc.c - WARC, WET and WAT input (plain, gzip, zstd) as records.
 *
 * The WARC layer (wn_warc.h) is fed first the bytes the format sniffer
 * read, then the file descriptor; every event it delivers becomes exactly
 * one record, in order, so the records depend only on the input bytes,
 * never on how read(2) cut them.
 *
 * A record is in error (status, err_class, a message), dropped (drop: no
 * document in it: a request, an image, a redirect), or a document whose
 * text is the payload: the decoded HTTP body of a response, else the
 * block. Pointers point into the WARC layer's buffers, valid until its
 * next event, i.e. the next winnow_reader_next. */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "wn_io.h"
#include "wn_reader.h"

#define LIE_LOOK ((size_t)4096)  /* bytes an encoding lie is checked for binary */
#define TEXT_LOOK ((size_t)1024) /* bytes an unlabelled payload is sniffed in */
#define ID_IN_MSG 200            /* most id bytes quoted in an error message */

/* winnow_rectype is wn_warc_type, pinned. */
_Static_assert((int)WINNOW_REC_NONE == (int)WN_WARC_NONE &&
                   (int)WINNOW_REC_WARCINFO == (int)WN_WARC_WARCINFO &&
                   (int)WINNOW_REC_RESPONSE == (int)WN_WARC_RESPONSE &&
                   (int)WINNOW_REC_RESOURCE == (int)WN_WARC_RESOURCE &&
                   (int)WINNOW_REC_REQUEST == (int)WN_WARC_REQUEST &&
                   (int)WINNOW_REC_METADATA == (int)WN_WARC_METADATA &&
                   (int)WINNOW_REC_REVISIT == (int)WN_WARC_REVISIT &&
                   (int)WINNOW_REC_CONVERSION == (int)WN_WARC_CONVERSION &&
                   (int)WINNOW_REC_CONTINUATION == (int)WN_WARC_CONTINUATION &&
                   (int)WINNOW_REC_OTHER == (int)WN_WARC_OTHER &&
                   (int)WINNOW_REC_COUNT_ == (int)WN_WARC_TYPE_COUNT_,
               "winnow_rectype and wn_warc_type must stay in the same order");

/* A new class in wn_warc_err.h needs a row below. */
_Static_assert(WN_WARC_E_COUNT_ == 27, "map the new wn_warc_err class in ERRCLASS");

static const winnow_errclass ERRCLASS[WN_WARC_E_COUNT_] = {
    [WN_WARC_OK] = WINNOW_EC_NONE,
    [WN_WARC_E_EMPTY] = WINNOW_EC_EMPTY_INPUT,
    [WN_WARC_E_GARBAGE] = WINNOW_EC_GARBAGE,
    [WN_WARC_E_GZIP_TRUNCATED] = WINNOW_EC_GZIP_TRUNCATED,
    [WN_WARC_E_GZIP_CORRUPT] = WINNOW_EC_GZIP_CORRUPT,
    [WN_WARC_E_ZSTD_TRUNCATED] = WINNOW_EC_ZSTD_TRUNCATED,
    [WN_WARC_E_ZSTD_CORRUPT] = WINNOW_EC_ZSTD_CORRUPT,
    [WN_WARC_E_MEMBER_GARBAGE] = WINNOW_EC_MEMBER_GARBAGE,
    [WN_WARC_E_VERSION] = WINNOW_EC_WARC_VERSION,
    [WN_WARC_E_CL_MISSING] = WINNOW_EC_CL_MISSING,
    [WN_WARC_E_CL_NONNUMERIC] = WINNOW_EC_CL_NONNUMERIC,
    [WN_WARC_E_CL_OVERFLOW] = WINNOW_EC_CL_OVERFLOW,
    [WN_WARC_E_CL_TOO_SHORT] = WINNOW_EC_CL_TOO_SHORT,
    [WN_WARC_E_CL_TOO_LONG] = WINNOW_EC_CL_TOO_LONG,
    [WN_WARC_E_TRUNCATED] = WINNOW_EC_WARC_TRUNCATED,
    [WN_WARC_E_LINE_TOO_LONG] = WINNOW_EC_HEADER_LINE_TOO_LONG,
    [WN_WARC_E_TOO_MANY_HEADERS] = WINNOW_EC_TOO_MANY_HEADERS,
    [WN_WARC_E_HEADER_NEWLINE] = WINNOW_EC_HEADER_NEWLINE,
    [WN_WARC_E_HEADER_BYTES] = WINNOW_EC_HEADER_BYTES,
    [WN_WARC_E_HTTP] = WINNOW_EC_HTTP,
    [WN_WARC_E_CHUNKED] = WINNOW_EC_CHUNKED,
    [WN_WARC_E_ENCODING_LIE] = WINNOW_EC_ENCODING_LIE,
    [WN_WARC_E_PAYLOAD_CORRUPT] = WINNOW_EC_PAYLOAD_CORRUPT,
    [WN_WARC_E_UNSUPPORTED] = WINNOW_EC_UNSUPPORTED_ENCODING,
    [WN_WARC_E_RECORD_TOO_BIG] = WINNOW_EC_RECORD_TOO_BIG,
    [WN_WARC_E_BOMB] = WINNOW_EC_BOMB,
    [WN_WARC_E_NOMEM] = WINNOW_EC_NOMEM,
};

static winnow_errclass errclass(wn_warc_err e) {
  winnow_errclass ec = (unsigned)e < WN_WARC_E_COUNT_ ? ERRCLASS[e] : WINNOW_EC_NONE;
  return ec != WINNOW_EC_NONE ? ec : WINNOW_EC_INTERNAL; /* e is an error */
}

/* ------------------------------------------------------------------------ */
/* Feeding the WARC layer                                                    */
/* ------------------------------------------------------------------------ */

static winnow_status start(winnow_reader *r) {
  wn_warc_config cfg = {
      .max_record = r->max, .max_line = r->max_line, .max_headers = r->max_headers};
  r->warc = wn_warc_new(&cfg);
  return r->warc ? WINNOW_OK : WINNOW_ERR_NOMEM;
}

/* The next event. The bytes the sniffer read go first; once they are all
 * taken the layer reads the fd itself, straight into its own buffer. */
static winnow_status next_event(winnow_reader *r, wn_warc_record *wr) {
  while (r->pos < r->in.len) {
    winnow_status st = wn_warc_next(r->warc, wr);
    if (st != WINNOW_END)
      return st;
    size_t k = wn_warc_feed(r->warc, r->in.p + r->pos, r->in.len - r->pos);
    if (k == 0) /* after an END it takes something unless out of memory */
      return WINNOW_ERR_NOMEM;
    r->pos += k;
    r->fed += k;
    if (r->pos == r->in.len) { /* the sniffed bytes are all in */
      wn_buf_free(&r->in);
      r->pos = r->scan = 0;
      if (r->eof)
        wn_warc_finish(r->warc);
    }
  }
  winnow_status st = wn_warc_next_fd(r->warc, r->fd, wr);
  if (st == WINNOW_ERR_IO)
    return wn_reader_io_fail(r, errno);
  return st;
}

void wn_reader_warc_free(winnow_reader *r) {
  if (!r->warc)
    return;
  r->warc_bytes = wn_reader_warc_bytes(r);
  wn_warc_free(r->warc);
  r->warc = NULL;
}

uint64_t wn_reader_warc_bytes(const winnow_reader *r) {
  if (!r->warc)
    return r->warc_bytes;
  wn_warc_stats s;
  wn_warc_get_stats(r->warc, &s);
  return s.bytes_in - r->fed; /* what it read from the fd itself */
}

/* ------------------------------------------------------------------------ */
/* Fields                                                                    */
/* ------------------------------------------------------------------------ */

static const char *or_null(const char *s) {
  return s && *s ? s : NULL;
}

/* WARC-Record-ID without its <...>, or "<source>:<offset>" (*known 0). */
static winnow_status set_id(winnow_reader *r, const wn_warc_record *wr, winnow_record *rec,
                            int *known) {
  const char *id = wr->id ? wr->id : "";
  size_t n = strlen(id);
  if (n >= 2 && id[0] == '<' && id[n - 1] == '>') {
    id++;
    n -= 2;
  }
  *known = n != 0;
  wn_buf_clear(&r->idb);
  winnow_status st =
      n ? wn_buf_add(&r->idb, id, n) : wn_buf_printf(&r->idb, "%s:%" PRIu64, r->path, wr->offset);
  if (st == WINNOW_OK)
    st = wn_buf_nul(&r->idb);
  if (st == WINNOW_OK)
    rec->id = r->idb.p;
  return st;
}

/* The media type of a Content-Type value is lit (parameters ignored). */
static int media_is(const char *ct, const char *lit) {
  const char *semi = strchr(ct, ';');
  size_t n = semi ? (size_t)(semi - ct) : strlen(ct);
  n = wn_scan_trim(&ct, n);
  return wn_scan_ieq(ct, n, lit);
}

static int has_compressed_magic(const unsigned char *s, size_t n) {
  if (n >= 2 && s[0] == 0x1F && s[1] == 0x8B)
    return 1; /* gzip */
  if (n >= 4 && s[0] == 0x28 && s[1] == 0xB5 && s[2] == 0x2F && s[3] == 0xFD)
    return 1; /* zstd */
  if (n >= 2 && (s[0] & 0x0F) == 8 && (s[0] >> 4) <= 7 && ((s[0] << 8) | s[1]) % 31 == 0)
    return 1; /* zlib (RFC 1950 §2.2) */
  if (n >= 3 && memcmp(s, "BZh", 3) == 0)
    return 1; /* bzip2 */
  return n >= 6 && memcmp(s,
                          "\xFD"
                          "7zXZ\0",
                          6) == 0; /* xz */
}

/* An encoding lie on a body that is text after all: read it as stored. */
static int lie_is_text(const wn_warc_record *wr) {
  if (wr->err != WN_WARC_E_ENCODING_LIE || wr->type != WN_WARC_RESPONSE || !wr->payload ||
      wr->payload_len == 0)
    return 0;
  size_t n = WN_MIN(wr->payload_len, LIE_LOOK);
  return !memchr(wr->payload, '\0', n) &&
         !has_compressed_magic((const unsigned char *)wr->payload, n);
}

/* No NUL in the first KiB, and at least 90% of it printable (bytes >= 0x80
 * count: they are text in some charset). */
static int looks_like_text(const char *p, size_t n) {
  n = WN_MIN(n, TEXT_LOOK);
  size_t bad = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    if (c == 0)
      return 0;
    bad += (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F;
  }
  return bad * 10 <= n;
}

/* ------------------------------------------------------------------------ */
/* Records                                                                   */
/* ------------------------------------------------------------------------ */

static winnow_status drop(winnow_record *rec, winnow_drop why) {
  rec->drop = why;
  rec->text = "";
  rec->text_len = 0;
  return WINNOW_OK;
}

/* A record in error: the class, and where and what. */
static winnow_status error_record(winnow_reader *r, const wn_warc_record *wr, winnow_record *rec,
                                  int id_known) {
  winnow_errclass ec = errclass(wr->err);
  const char *detail = wr->errmsg && *wr->errmsg ? wr->errmsg : winnow_errclass_str(ec);
  if (id_known)
    return wn_reader_record_error(r, rec, ec, "offset %" PRIu64 " (record %.*s): %s",
                                  wr->err_offset, ID_IN_MSG, rec->id, detail);
  return wn_reader_record_error(r, rec, ec, "offset %" PRIu64 ": %s", wr->err_offset, detail);
}

/* What a good record holds: a document (content says how to read it), or
 * a drop reason. */
static winnow_status document(winnow_record *rec, const wn_warc_record *wr) {
  const char *p = wr->payload ? wr->payload : "";
  size_t n = wr->payload ? wr->payload_len : 0;
  switch (wr->type) {
  case WN_WARC_RESPONSE:
  case WN_WARC_RESOURCE: break;
  case WN_WARC_CONVERSION: /* WET: the text of a page */
    if (n == 0)
      return drop(rec, WINNOW_DROP_EMPTY);
    rec->text = p;
    rec->text_len = n;
    return WINNOW_OK;
  default: return drop(rec, WINNOW_DROP_RECORD_TYPE);
  }
  if (wr->http_status && (wr->http_status < 200 || wr->http_status > 299))
    return drop(rec, WINNOW_DROP_HTTP_STATUS);
  if (n == 0)
    return drop(rec, WINNOW_DROP_EMPTY);
  const char *ct = rec->content_type;
  if (!ct) { /* no label: look at the bytes */
    if (wn_looks_like_html(p, n) || wn_markup_is_html(p, n))
      rec->content = WINNOW_CONTENT_HTML;
    else if (!looks_like_text(p, n))
      return drop(rec, WINNOW_DROP_CONTENT_TYPE);
  } else if (media_is(ct, "text/html") || media_is(ct, "application/xhtml+xml")) {
    rec->content = WINNOW_CONTENT_HTML;
  } else if (!media_is(ct, "text/plain")) {
    return drop(rec, WINNOW_DROP_CONTENT_TYPE);
  }
  rec->text = p;
  rec->text_len = n;
  return WINNOW_OK;
}

static winnow_status to_record(winnow_reader *r, const wn_warc_record *wr, winnow_record *rec) {
  wn_reader_begin(r, rec, wr->index, wr->offset);
  rec->content = WINNOW_CONTENT_PLAIN;
  rec->type = (winnow_rectype)wr->type;
  rec->url = or_null(wr->target_uri);
  rec->date = or_null(wr->date);
  rec->http_status = wr->http_status;
  /* a parsed HTTP message labels the payload; the WARC field labels it
   * as application/http then */
  rec->content_type = or_null(wr->http_status ? wr->http_content_type : wr->content_type);
  if (wr->lf_only)
    rec->warnings |= WINNOW_WARN_LF_ONLY;
  if (wr->truncated && *wr->truncated)
    rec->warnings |= WINNOW_WARN_TRUNCATED;
  int id_known;
  winnow_status st = set_id(r, wr, rec, &id_known);
  if (st != WINNOW_OK)
    return st;
  if (wr->err == WN_WARC_OK)
    return document(rec, wr);
  if (lie_is_text(wr)) {
    rec->warnings |= WINNOW_WARN_ENCODING_LIE;
    return document(rec, wr);
  }
  return error_record(r, wr, rec, id_known);
}

winnow_status wn_reader_next_warc(winnow_reader *r, winnow_record *rec) {
  winnow_status st = r->warc ? WINNOW_OK : start(r);
  wn_warc_record wr;
  if (st == WINNOW_OK)
    st = next_event(r, &wr);
  if (st != WINNOW_OK)
    return st;
  return to_record(r, &wr, rec);
}
