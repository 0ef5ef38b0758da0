/* wn_warc.h - streaming WARC record reader (WARC 1.0 and 1.1, ISO
 * 28500:2017), internal to the library.
 *
 * Containers: plain .warc, .warc.gz with one gzip member per record or
 * members spanning records (a whole-file gzip), and .warc.zst (frames, with
 * the IIPC WARC-zstd dictionary frame when the file opens with one);
 * sniffed from the first bytes (1f 8b, 28 b5 2f fd / 5? 2a 4d 18, anything
 * else is read as plain). In compressed input a complete record is held
 * back until its member verifies (CRC32 / zstd checksum), so a record whose
 * member fails is delivered with that error, not as good.
 *
 * Use: push input with wn_warc_feed (or let wn_warc_next_fd read a file
 * descriptor), pull events with wn_warc_next:
 *
 *     while (len) {
 *       size_t k = wn_warc_feed(w, p, len);   (takes what fits)
 *       p += k, len -= k;
 *       while (wn_warc_next(w, &rec) == WINNOW_OK) use(&rec);
 *     }
 *     wn_warc_finish(w);
 *     while (wn_warc_next(w, &rec) == WINNOW_OK) use(&rec);
 *
 * Chunk invariance: the events depend only on the bytes, never on how they
 * were cut into feeds.
 *
 * Events: every record read is either delivered (err == WN_WARC_OK),
 * skipped (a type not asked for: counted in stats, not delivered), or
 * delivered as an error (err != OK: its fields are filled as far as they
 * were read). Input that is no record (garbage, a failed gzip member that
 * held no record start, a bomb between records) is delivered as an error
 * event with type WN_WARC_NONE. After an error, reading resynchronises at
 * the next gzip member / zstd frame or at the next line starting with
 * "WARC/1.", so a bad record costs only itself.
 *
 * Threads: one reader per thread; readers share nothing. */
#ifndef WN_WARC_H
#define WN_WARC_H

#include <stddef.h>
#include <stdint.h>

#include "../common/wn_common.h"
#include "wn_gzmember.h"
#include "wn_http.h" /* WN_HTTP_DECHUNKED, WN_HTTP_DECODED */
#include "wn_scan.h"
#include "wn_warc_err.h"

/* WARC-Type (WARC 1.1 §6). */
typedef enum wn_warc_type {
  WN_WARC_NONE = 0, /* not a record: an error event about the input */
  WN_WARC_WARCINFO,
  WN_WARC_RESPONSE,
  WN_WARC_RESOURCE,
  WN_WARC_REQUEST,
  WN_WARC_METADATA,
  WN_WARC_REVISIT,
  WN_WARC_CONVERSION,
  WN_WARC_CONTINUATION,
  WN_WARC_OTHER, /* a WARC-Type this reader does not know, or none */
  WN_WARC_TYPE_COUNT_
} wn_warc_type;

/* "response", "warcinfo", ...; "none" and "other" for the two extras. */
const char *wn_warc_type_name(wn_warc_type t);

#define WN_WARC_DEFAULT_MAX_RECORD ((size_t)64 << 20) /* 64 MiB */
#define WN_WARC_DEFAULT_MAX_LINE ((size_t)8 << 10)    /* 8 KiB */
#define WN_WARC_DEFAULT_MAX_HEADERS 256

typedef struct wn_warc_config {
  size_t max_record;  /* 0 = 64 MiB: most bytes of one record's block, of
                         its decoded HTTP payload, and (compressed input) of
                         one member decompressed after a record start */
  size_t max_line;    /* 0 = 8 KiB: longest WARC or HTTP header line */
  size_t max_headers; /* 0 = 256: most WARC, and most HTTP, header fields */
  uint32_t want;      /* types to deliver: bits 1u << wn_warc_type; 0 = all */
  int no_http;        /* 1: do not parse HTTP in response records */
} wn_warc_config;

typedef struct wn_warc_record {
  uint64_t index;    /* records and error events delivered so far, from 1 */
  uint64_t offset;   /* where it starts in the input: the byte offset in a
                        plain file, else the offset of the gzip member or
                        zstd frame holding its first byte (what a CDX
                        index records) */
  uint64_t uoffset;  /* offset of its first byte in the decompressed stream
                        as read (bytes a failed member gave out included) */
  wn_warc_type type; /* WN_WARC_NONE for an error event that is no record */
  int version;       /* 10 or 11; 0 when not read */
  /* WARC named fields (WARC 1.1 §5), NUL-terminated, "" when absent */
  const char *id;           /* WARC-Record-ID */
  const char *target_uri;   /* WARC-Target-URI */
  const char *date;         /* WARC-Date */
  const char *content_type; /* Content-Type of the block */
  const char *truncated;    /* WARC-Truncated (why the block was cut) */
  uint64_t content_length;
  const wn_hdr *headers; /* every field in order (names and values NUL-terminated) */
  size_t n_headers;
  uint32_t lf_only;  /* header and trailer lines that ended in LF alone */
  const char *block; /* the block as stored; NULL unless it was read whole
                        (a record in error may still have it) */
  size_t block_len;
  /* HTTP (response records of Content-Type application/http) */
  int http_status;            /* 0 when not parsed */
  const wn_hdr *http_headers; /* spans into block */
  size_t n_http_headers;
  const char *http_content_type;     /* "" when absent; folds become SP */
  const char *http_charset;          /* charset parameter of it, or "" */
  const char *http_content_encoding; /* as still in force, or "" */
  const char *http_transfer_encoding;
  const char *crawler_content_encoding; /* X-Crawler-Content-Encoding: the
                                           original, already undone */
  const char *crawler_transfer_encoding;
  uint32_t http_decoded; /* WN_HTTP_DECHUNKED | WN_HTTP_DECODED */
  /* The document: the decoded HTTP body for a parsed response, else the
   * block. On an HTTP error, the body as stored (or NULL). */
  const char *payload;
  size_t payload_len;
  /* Malformation */
  wn_warc_err err;
  uint64_t err_offset; /* input offset the error is about */
  const char *errmsg;  /* "" when OK */
} wn_warc_record;

typedef struct wn_warc_stats {
  uint64_t records;                      /* records seen: delivered, skipped or in error */
  uint64_t by_type[WN_WARC_TYPE_COUNT_]; /* records seen, by type */
  uint64_t skipped[WN_WARC_TYPE_COUNT_]; /* ... of them not delivered (type not wanted) */
  uint64_t errors[WN_WARC_E_COUNT_];     /* error events, by class */
  uint64_t lf_only_lines;                /* lines ended by LF alone */
  uint64_t bytes_in, bytes_out;          /* input bytes, decompressed bytes */
  uint64_t members;                      /* gzip members / zstd frames */
} wn_warc_stats;

typedef struct wn_warc wn_warc;

/* A reader; cfg may be NULL for the defaults. NULL when out of memory. */
wn_warc *wn_warc_new(const wn_warc_config *cfg);
void wn_warc_free(wn_warc *w); /* accepts NULL */

/* Offer input; returns how much was taken (possibly less than len, never 0
 * when wn_warc_next last returned WINNOW_END and len > 0; 0 after finish or
 * when out of memory). */
size_t wn_warc_feed(wn_warc *w, const void *data, size_t len);
/* No more input. */
void wn_warc_finish(wn_warc *w);

/* The next event: WINNOW_OK with *rec filled (pointers valid until the
 * next call on w), WINNOW_END when input is needed (or, after finish, at
 * the end), WINNOW_ERR_NOMEM when the reader cannot go on (sticky). */
winnow_status wn_warc_next(wn_warc *w, wn_warc_record *rec);

/* Read fd (not closed) to its end, feeding w: WINNOW_OK with *rec,
 * WINNOW_END at the end, WINNOW_ERR_IO (errno kept) or WINNOW_ERR_NOMEM. */
winnow_status wn_warc_next_fd(wn_warc *w, int fd, wn_warc_record *rec);

void wn_warc_get_stats(const wn_warc *w, wn_warc_stats *out);
wn_gzm_kind wn_warc_container(const wn_warc *w);

#endif
