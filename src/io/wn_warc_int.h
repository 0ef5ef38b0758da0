/* wn_warc_int.h - the reader's state, shared by warc.c (framing: the state
 * machine over the decompressed bytes) and warc_record.c (what a record
 * means: its fields, its HTTP message, delivery and counting). Nothing
 * outside these two files includes it. */
#ifndef WN_WARC_INT_H
#define WN_WARC_INT_H

#include "wn_http.h"
#include "wn_warc.h"

typedef enum rstate {
  R_START,   /* between records: blank lines, then a version line */
  R_VERSION, /* reading the version line */
  R_HEADERS, /* reading named fields */
  R_BLOCK,   /* Content-Length bytes of block */
  R_TRAILER, /* the CRLF CRLF after the block (WARC 1.1 §4) */
  R_RESYNC,  /* skipping to the next line that starts "WARC/1." */
  R_HOLD     /* complete; waiting to see its gzip member / zstd frame verify */
} rstate;

/* The line buffer holds at least this much whatever max_line says: a resync
 * stores the "WARC/1." it matched before the line's length is checked, and
 * a cap below that must give line-too-long, not a failed append (which
 * reads as out of memory and ends the run). The cap itself is checked
 * against max_line (warc.c, collect and line_content). */
#define WN_WARC_LINE_FLOOR ((size_t)8)

typedef struct hdr_off {
  size_t name, value, value_len; /* offsets into cur.hbuf */
} hdr_off;

/* The record being read. */
typedef struct cur_rec {
  int active;         /* its first byte has been read */
  uint64_t off, uoff; /* see wn_warc_record */
  int version;
  wn_warc_type type;
  wn_buf line;   /* the line being collected */
  wn_buf hbuf;   /* field names and values, each NUL-terminated */
  hdr_off *hoff; /* max_headers entries */
  size_t n_hdr;
  uint64_t cl, left; /* Content-Length, block bytes still to come */
  int skip_block;    /* over the cap: counted past, not kept */
  wn_buf block;
  int block_done;      /* block and trailer read: the block is whole */
  uint64_t block_uoff; /* decompressed offset of block[0] */
  char last;           /* last block byte seen */
  int trail_n, trail_ends, trail_cr;
  char trail[4];
  uint32_t lf_only;
  wn_warc_err err; /* first error wins */
  uint64_t err_off;
  char errmsg[256];
} cur_rec;

struct wn_warc {
  wn_warc_config cfg;
  wn_gzm *g;
  rstate st;
  int nomem, eof_seen, finished;
  /* bytes to read again before the stream's (see warc.c, too_long) */
  wn_buf replay;
  size_t rpos;
  uint64_t replay_uoff, replay_moff;
  /* the span being read */
  wn_gzm_span sp;
  int m; /* R_RESYNC: bytes of "WARC/1." matched at a line start, -1 mid-line */
  uint64_t m_off, m_uoff;
  int boundary; /* a member ended inside the current record */
  cur_rec cur;
  /* the event to deliver */
  int have;
  wn_warc_record rec;
  uint64_t n_events;
  wn_hdr *hdrs;      /* rec.headers */
  wn_hdr *http_hdrs; /* rec.http_headers */
  wn_http_dec dec;
  wn_buf strs; /* HTTP strings of rec */
  char charset[64];
  char evmsg[256]; /* errmsg of an event that is no record */
  wn_warc_stats stats;
};

/* warc_record.c */
/* Interpret the fields once the empty line is read: type and length. An
 * error means the block cannot be framed; a record over the cap is not an
 * error here (it is marked, and its block skipped). */
wn_warc_err wn_warc_fields(wn_warc *w, char *msg, size_t msglen);
/* Deliver (or skip) the current record, and forget it. */
void wn_warc_emit(wn_warc *w);
/* Deliver an error event that is no record. */
void wn_warc_emit_none(wn_warc *w, wn_warc_err e, uint64_t off, const char *msg);
/* Set the current record's error unless it has one. */
__attribute__((format(printf, 4, 5))) void wn_warc_set_err(wn_warc *w, wn_warc_err e, uint64_t off,
                                                           const char *fmt, ...);
void wn_warc_cur_reset(wn_warc *w);

#endif
