/* wn_gzmember.h - the byte stream under a WARC file: plain bytes, a run of
 * gzip members (RFC 1952 §2.2: a gzip file is a series of members), or a
 * run of zstd frames (RFC 8878 §3), sniffed from the first bytes.
 *
 * Input is pushed (wn_gzm_room / wn_gzm_commit / wn_gzm_finish); the
 * decompressed bytes are pulled member by member (wn_gzm_pull /
 * wn_gzm_consume). A member that fails is reported once and decoding
 * resumes at the next member header found after the failed member's start,
 * so one bad member costs only the records inside it. What is delivered
 * depends only on the input bytes, never on how they were cut into pushes.
 *
 * Caps: at most `budget` decompressed bytes of one member are delivered
 * after the last wn_gzm_mark (a record start); the byte after that makes
 * the member a bomb: reported, and the rest of it is never inflated. */
#ifndef WN_GZMEMBER_H
#define WN_GZMEMBER_H

#include <stddef.h>
#include <stdint.h>

#include "wn_warc_err.h"

typedef enum wn_gzm_kind {
  WN_GZM_UNKNOWN = 0, /* not sniffed yet */
  WN_GZM_PLAIN,
  WN_GZM_GZIP,
  WN_GZM_ZSTD
} wn_gzm_kind;

typedef enum wn_gzm_ev {
  WN_GZM_DATA = 0,   /* *span holds decompressed bytes of the current member */
  WN_GZM_MEMBER_END, /* the member ended and verified; next data starts a member */
  WN_GZM_ERROR,      /* a failed member or garbage: wn_gzm_error(); next data
                        starts a member */
  WN_GZM_NEED_INPUT, /* push more input, or finish */
  WN_GZM_EOF,        /* finished, and everything was delivered */
  WN_GZM_NOMEM       /* an allocation failed; the stream cannot go on */
} wn_gzm_ev;

typedef struct wn_gzm_span {
  const char *p;       /* owned by the stream; valid until the next call */
  size_t n;            /* >= 1 */
  uint64_t member_off; /* input offset of the member (plain input: of p[0]) */
  uint64_t uoff;       /* offset of p[0] in the decompressed stream */
  int member_start;    /* p[0] is the first byte of its member */
  int member_last;     /* p[n-1] is the member's last byte: MEMBER_END or ERROR follows */
} wn_gzm_span;

typedef struct wn_gzm_error {
  wn_warc_err cls; /* a container class, or WN_WARC_E_BOMB */
  uint64_t off;    /* input offset of the failed member, or of the garbage */
  char msg[128];
} wn_gzm_error;

typedef struct wn_gzm wn_gzm;

/* A stream whose members may deliver budget bytes after a mark (0: no
 * cap). NULL when out of memory. */
wn_gzm *wn_gzm_new(uint64_t budget);
void wn_gzm_free(wn_gzm *g); /* accepts NULL */

/* Where the next input bytes go: up to *room of them (never 0 after a pull
 * returned NEED_INPUT); then wn_gzm_commit(g, n). NULL when out of memory. */
char *wn_gzm_room(wn_gzm *g, size_t *room);
void wn_gzm_commit(wn_gzm *g, size_t n);
/* No more input will come. */
void wn_gzm_finish(wn_gzm *g);

/* The next event. DATA is given once at least `min` bytes of the member are
 * ready (fewer only when the member has no more: span->member_last). The
 * bytes stay until consumed: pulling again without consuming gives them
 * again, with more after them when min asks for more. */
wn_gzm_ev wn_gzm_pull(wn_gzm *g, size_t min, wn_gzm_span *span);
/* The first n bytes of the last DATA span are used up. */
void wn_gzm_consume(wn_gzm *g, size_t n);
/* A record starts at the next unconsumed byte: the member budget counts
 * from here. */
void wn_gzm_mark(wn_gzm *g);

const wn_gzm_error *wn_gzm_last_error(const wn_gzm *g);
wn_gzm_kind wn_gzm_get_kind(const wn_gzm *g);
uint64_t wn_gzm_bytes_in(const wn_gzm *g);  /* input bytes committed */
uint64_t wn_gzm_bytes_out(const wn_gzm *g); /* decompressed bytes consumed */
uint64_t wn_gzm_members(const wn_gzm *g);   /* members started */

#endif
