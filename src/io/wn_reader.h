/* wn_reader.h - the record reader's state, shared by reader.c (opening,
 * the input buffer, TEXT, HTML and JSONL records), reader_sniff.c (which
 * format an AUTO input is) and reader_warc.c (WARC events as records).
 * Nothing outside these files includes it. */
#ifndef WN_READER_H
#define WN_READER_H

#include <cjson/cJSON.h>

#include "../common/wn_common.h"
#include "wn_io.h"
#include "wn_warc.h"

#define WN_READER_CHUNK ((size_t)128 * 1024) /* the largest read(2) */
#define WN_READER_SNIFF WN_SNIFF_BYTES       /* bytes AUTO looks at (wn_io.h) */

struct winnow_reader {
  int fd;
  int close_fd; /* 0 for standard input and winnow_reader_open_fd */
  char *path;   /* the name records carry as source */
  char *msg;    /* run-level error, "" when none */
  size_t msg_cap;
  winnow_format format; /* AUTO until the first bytes are seen */
  size_t max;           /* record cap, bytes */
  size_t max_line;      /* WARC / HTTP header line cap */
  size_t max_headers;   /* WARC / HTTP header count cap */
  wn_buf in;            /* unconsumed input is in.p[pos, in.len) */
  size_t pos, scan;     /* scan: where the search for '\n' resumes */
  uint64_t in_off;      /* input offset of in.p[0] */
  uint64_t nread;       /* bytes read(2) into in */
  size_t read_size;     /* asked of the next read(2) (0: the first) */
  uint64_t line;        /* JSONL lines taken, blank ones included */
  int eof;
  winnow_status state; /* OK while reading, then END or a sticky error */
  /* WARC: the record layer, fed first what in holds, then the fd */
  wn_warc *warc;
  uint64_t fed;        /* bytes of in handed to warc */
  uint64_t warc_bytes; /* input bytes warc had taken when it was freed */
  /* what the current record points into */
  wn_buf work;  /* the JSONL line as handed to cJSON */
  wn_buf idb;   /* an id the reader had to write */
  wn_buf metab; /* metadata cJSON had to re-print (not strict JSON) */
  wn_buf textb; /* a JSONL text decoded with its NULs (text_with_nuls) */
  cJSON *root;
  char recerr[640];
};

/* reader.c */
/* One read(2) of up to WN_READER_CHUNK bytes into in (fewer for the first
 * few: see reader.c); sets eof at the end
 * of input. WINNOW_ERR_IO with the message set on failure. */
winnow_status wn_reader_fill(winnow_reader *r);
/* Run-level I/O error e: sets the message, returns WINNOW_ERR_IO. */
winnow_status wn_reader_io_fail(winnow_reader *r, int e);
/* A fresh record of this input. */
void wn_reader_begin(winnow_reader *r, winnow_record *rec, uint64_t index, uint64_t off);
/* A malformed record: still a record, with an empty text; rec->id must be
 * set (or NULL: "<source>:<index>"). */
__attribute__((format(printf, 4, 5))) winnow_status wn_reader_record_error(winnow_reader *r,
                                                                           winnow_record *rec,
                                                                           winnow_errclass ec,
                                                                           const char *fmt, ...);

/* reader_sniff.c */
/* AUTO: decide r->format from the first bytes, consuming nothing. */
winnow_status wn_reader_sniff(winnow_reader *r);

/* reader_warc.c */
/* The next WARC event as a record; WINNOW_END at the end, WINNOW_ERR_IO /
 * WINNOW_ERR_NOMEM when reading cannot go on. */
winnow_status wn_reader_next_warc(winnow_reader *r, winnow_record *rec);
/* Release the WARC layer (keeps its byte count for winnow_reader_bytes). */
void wn_reader_warc_free(winnow_reader *r);
/* Input bytes read so far. */
uint64_t wn_reader_warc_bytes(const winnow_reader *r);

#endif
