/* wn_warc_err.h - classes of malformed input found by the WARC reader and
 * the layers under it (gzip members / zstd frames, HTTP payloads). Each
 * malformed record or stretch of input is reported once with one class.
 * Internal: the public API maps these to pinned codes later, so the order
 * here may still change. */
#ifndef WN_WARC_ERR_H
#define WN_WARC_ERR_H

typedef enum wn_warc_err {
  WN_WARC_OK = 0,
  /* the input as a whole */
  WN_WARC_E_EMPTY,   /* zero-byte input */
  WN_WARC_E_GARBAGE, /* bytes where a record should start that are no "WARC/" line */
  /* containers */
  WN_WARC_E_GZIP_TRUNCATED, /* the input ends inside a gzip member */
  WN_WARC_E_GZIP_CORRUPT,   /* bad gzip header, invalid deflate data, CRC or ISIZE mismatch */
  WN_WARC_E_ZSTD_TRUNCATED, /* the input ends inside a zstd frame */
  WN_WARC_E_ZSTD_CORRUPT,   /* invalid zstd frame (or one needing too much memory) */
  WN_WARC_E_MEMBER_GARBAGE, /* bytes between gzip members / zstd frames that start none */
  /* WARC framing (WARC 1.1 §4-5) */
  WN_WARC_E_VERSION,          /* a version line other than WARC/1.0 or WARC/1.1 */
  WN_WARC_E_CL_MISSING,       /* no Content-Length */
  WN_WARC_E_CL_NONNUMERIC,    /* Content-Length is not a decimal number */
  WN_WARC_E_CL_OVERFLOW,      /* Content-Length does not fit in 64 bits */
  WN_WARC_E_CL_TOO_SHORT,     /* the block goes on past Content-Length */
  WN_WARC_E_CL_TOO_LONG,      /* Content-Length runs into the next record */
  WN_WARC_E_TRUNCATED,        /* the input ends inside a record */
  WN_WARC_E_LINE_TOO_LONG,    /* a header line over the line cap */
  WN_WARC_E_TOO_MANY_HEADERS, /* more header lines than the count cap */
  WN_WARC_E_HEADER_NEWLINE,   /* a raw newline in a header value: a line neither field nor fold */
  WN_WARC_E_HEADER_BYTES,     /* a control byte or invalid UTF-8 in a header */
  /* the HTTP message in the block (RFC 9112) */
  WN_WARC_E_HTTP,            /* malformed status line or header section */
  WN_WARC_E_CHUNKED,         /* bad chunked framing (RFC 9112 §7.1) */
  WN_WARC_E_ENCODING_LIE,    /* Content-Encoding names a coding the bytes are not in */
  WN_WARC_E_PAYLOAD_CORRUPT, /* an encoded payload that does not decode */
  WN_WARC_E_UNSUPPORTED,     /* a coding the reader cannot undo (br without libbrotli, ...) */
  /* caps */
  WN_WARC_E_RECORD_TOO_BIG, /* Content-Length over the record cap: the block is skipped */
  WN_WARC_E_BOMB,           /* decompressed bytes over the cap (member, frame or payload) */
  /* not the input's fault */
  WN_WARC_E_NOMEM, /* an allocation for this record failed; reading goes on */
  WN_WARC_E_COUNT_
} wn_warc_err;

/* Short stable name, e.g. "gzip-truncated". Static storage. */
const char *wn_warc_err_name(wn_warc_err e);

#endif
