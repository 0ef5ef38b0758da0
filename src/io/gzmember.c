/* gzmember.c - plain bytes, gzip members or zstd frames, pulled member by
 * member (see wn_gzmember.h).
 *
 * Resynchronisation. A member that fails (invalid data, checksum, the input
 * ending inside it) is reported once, then the input is scanned again from
 * the byte after that member's header for the next member header: a member
 * cut short in the middle of a file is followed by the next member, whose
 * bytes the decoder already swallowed as garbage, so the scan has to look
 * back. For that the input buffer keeps the current member's bytes (at most
 * RETAIN of them). A header found by scanning is taken for a member and
 * any failure of it is reported: a false match (3 magic bytes and 3 zero
 * flag bits by chance, about once in 2^27 scanned bytes) costs one extra
 * error event, where passing failures over silently would lose real
 * corrupt members from the accounting.
 *
 * Determinism. Every decision is taken at a byte position of the input or
 * of the consumer, never at the end of a push, so any cutting of the input
 * gives the same events. In particular the bomb cap is judged where the
 * consumer stands (its marks move the cap), not where decoding got ahead. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "../common/wn_common.h"
#include "wn_gzmember.h"
#include "wn_gzmember_codec.h"

/* The input buffer starts at IN_FIRST bytes and doubles whenever it is
 * three quarters full, up to IN_CAP; only then are consumed bytes dropped
 * (compact_in) to make room. A small input never costs the whole cap (a
 * 4 MiB allocation per reader made short inputs slow, under ASan most of
 * all), a long one reaches the cap after a few doublings. */
#define IN_FIRST ((size_t)64 << 10)
#define IN_CAP ((size_t)4 << 20)
#define RETAIN ((size_t)1 << 20)        /* member bytes kept for a rescan */
#define OUT_CAP ((size_t)256 << 10)     /* decompressed bytes per decoder call */
#define QUANTUM ((uint64_t)64 << 10)    /* decoder input is cut at multiples of this */
#define MAGIC_LEN 4                     /* bytes needed to recognise a header */
#define DICT_MAX ((size_t)2 << 20)      /* largest WARC-zstd dictionary frame */
#define DICT_OUT_MAX ((size_t)16 << 20) /* ... and its content, decompressed */

typedef enum mstate {
  M_SNIFF,    /* kind not known yet */
  M_BOUNDARY, /* a member header should start at pos */
  M_IN,       /* decoding a member (plain: passing bytes through) */
  M_SCAN,     /* looking for the next member header */
  M_SKIP,     /* passing over a frame up to skip_to (a dictionary frame too big to load) */
  M_DONE
} mstate;

typedef struct report {
  int pending;
  wn_gzm_error e;
} report;

struct wn_gzm {
  wn_gzm_kind kind;
  mstate ms;
  wn_codec *codec;
  int nomem;
  /* input: in[pos] is the next byte to decode; in_base is in[0]'s offset */
  char *in;
  size_t in_cap, in_len, pos;
  uint64_t in_base;
  int eof;
  /* decompressed bytes of the current member not consumed yet */
  char *out;
  size_t ostart, olen;
  uint64_t ucons; /* decompressed bytes consumed, all members */
  /* the current member */
  uint64_t member_off, member_out, mark; /* member_out, mark: member-relative */
  int confirmed;                         /* produced a byte or ended cleanly */
  int ended;                             /* decoded to its end: MEMBER_END next */
  int scan_garbage;                      /* scanning past garbage, not a failure */
  uint64_t garbage_off;
  report pre;  /* reported before the next member's bytes */
  report post; /* reported after the current member's bytes */
  wn_gzm_error last;
  uint64_t budget, bytes_in, members;
  int dict_done;    /* the WARC-zstd dictionary frame is read (or cannot come) */
  uint64_t skip_to; /* M_SKIP: input offset where the next frame should start */
};

/* ------------------------------------------------------------------------ */
/* Magic numbers                                                             */
/* ------------------------------------------------------------------------ */

/* RFC 1952 §2.3.1: ID1 ID2 CM=8 (deflate), FLG with reserved bits 5-7 zero. */
static int gzip_magic(const unsigned char *p) {
  return p[0] == 0x1f && p[1] == 0x8b && p[2] == 8 && (p[3] & 0xE0) == 0;
}

/* RFC 8878 §3.1.1: 0xFD2FB528 little-endian. */
static int zstd_magic(const unsigned char *p) {
  return p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd;
}

/* RFC 8878 §3.1.2: skippable frames, 0x184D2A5?. */
static int zstd_skippable(const unsigned char *p) {
  return (p[0] & 0xF0) == 0x50 && p[1] == 0x2a && p[2] == 0x4d && p[3] == 0x18;
}

/* Starts a member where one is expected. */
static int member_magic(const wn_gzm *g, const unsigned char *p) {
  return g->kind == WN_GZM_GZIP ? gzip_magic(p) : zstd_magic(p) || zstd_skippable(p);
}

/* Worth trying as a member when scanning (a skippable frame holds no
 * records, so it is no place to resume). */
static int candidate(const wn_gzm *g, const unsigned char *p) {
  return g->kind == WN_GZM_GZIP ? gzip_magic(p) : zstd_magic(p);
}

static const char *kind_name(const wn_gzm *g) {
  return g->kind == WN_GZM_GZIP ? "gzip member" : "zstd frame";
}

/* ------------------------------------------------------------------------ */
/* Life cycle and input                                                      */
/* ------------------------------------------------------------------------ */

wn_gzm *wn_gzm_new(uint64_t budget) {
  wn_gzm *g = wn_calloc(1, sizeof *g);
  if (!g)
    return NULL;
  g->budget = budget;
  return g;
}

void wn_gzm_free(wn_gzm *g) {
  if (!g)
    return;
  wn_codec_free(g->codec);
  wn_free(g->in);
  wn_free(g->out);
  wn_free(g);
}

static uint64_t abs_pos(const wn_gzm *g) {
  return g->in_base + g->pos;
}

/* Drop input nothing can need again: all consumed bytes, except while
 * decoding a member, whose last RETAIN bytes a rescan may need. */
static void compact_in(wn_gzm *g) {
  size_t keep = g->pos;
  if (g->ms == M_IN && g->kind != WN_GZM_PLAIN) {
    uint64_t from = abs_pos(g) > RETAIN ? abs_pos(g) - RETAIN : 0;
    from = WN_MAX(from, g->member_off);
    keep = from > g->in_base ? (size_t)(from - g->in_base) : 0;
  }
  if (keep == 0)
    return;
  memmove(g->in, g->in + keep, g->in_len - keep);
  g->in_len -= keep;
  g->pos -= keep;
  g->in_base += keep;
}

/* Double the input buffer (the first one: IN_FIRST bytes). 0: no memory. */
static int grow_in(wn_gzm *g) {
  size_t cap = g->in_cap ? WN_MIN(2 * g->in_cap, IN_CAP) : IN_FIRST;
  char *p = wn_realloc(g->in, cap);
  if (!p)
    return 0;
  g->in = p;
  g->in_cap = cap;
  return 1;
}

char *wn_gzm_room(wn_gzm *g, size_t *room) {
  *room = 0;
  if (!g->in || g->in_cap - g->in_len < g->in_cap / 4) {
    if (g->in_cap < IN_CAP) {
      if (!grow_in(g))
        return NULL;
    } else {
      compact_in(g);
    }
  }
  *room = g->in_cap - g->in_len;
  return g->in + g->in_len;
}

void wn_gzm_commit(wn_gzm *g, size_t n) {
  g->in_len += n;
  g->bytes_in += n;
}

void wn_gzm_finish(wn_gzm *g) {
  g->eof = 1;
}

/* ------------------------------------------------------------------------ */
/* Reports                                                                   */
/* ------------------------------------------------------------------------ */

__attribute__((format(printf, 5, 6))) static void
report_set(report *r, wn_warc_err cls, uint64_t off, int replace, const char *fmt, ...) {
  if (r->pending && !replace)
    return;
  r->pending = 1;
  r->e.cls = cls;
  r->e.off = off;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(r->e.msg, sizeof r->e.msg, fmt, ap);
  va_end(ap);
}

/* The garbage run ends at abs offset end (a member or the end of input). */
static void garbage_done(wn_gzm *g, report *r, uint64_t end) {
  if (!g->scan_garbage)
    return;
  g->scan_garbage = 0;
  report_set(r, WN_WARC_E_MEMBER_GARBAGE, g->garbage_off, 0,
             "%" PRIu64 " bytes between members start no %s", end - g->garbage_off, kind_name(g));
}

/* ------------------------------------------------------------------------ */
/* Members                                                                   */
/* ------------------------------------------------------------------------ */

static void start_member(wn_gzm *g, size_t at) {
  g->pos = at;
  g->member_off = abs_pos(g);
  g->member_out = g->mark = 0;
  g->ended = g->confirmed = 0;
  wn_codec_reset(g->codec);
  g->ms = M_IN;
}

/* The member is real: it produced a byte or ended cleanly. */
static void member_confirmed(wn_gzm *g) {
  if (g->confirmed)
    return;
  g->confirmed = 1;
  g->members++;
  garbage_done(g, &g->pre, g->member_off);
}

/* Where a look back over a failed member starts: just after its header,
 * or RETAIN bytes before where decoding stopped. compact_in always keeps
 * these bytes, and the place depends on positions only, never on when the
 * buffer happened to be compacted. */
static uint64_t look_back_from(const wn_gzm *g) {
  uint64_t at = abs_pos(g);
  return WN_MAX(g->member_off + 1, at > RETAIN ? at - RETAIN : 0);
}

/* Scan again from just after the failed member's header. */
static void rescan_after(wn_gzm *g, uint64_t from) {
  g->pos = (size_t)WN_MIN(from - g->in_base, (uint64_t)g->in_len);
  g->ms = M_SCAN;
}

static size_t find_candidate(const wn_gzm *g, const unsigned char *p, size_t n, int *whole);

/* A member header among the bytes the failed member consumed: the member
 * was cut short there and the next one begins (the decoder read on into
 * it, and usually failed later). Only the retained bytes are searched. */
static int cut_short(const wn_gzm *g) {
  uint64_t from = look_back_from(g);
  if (from >= abs_pos(g))
    return 0;
  size_t start = (size_t)(from - g->in_base);
  int whole; /* only headers wholly before pos: the bytes after may not be here yet */
  find_candidate(g, (const unsigned char *)g->in + start, g->pos - start, &whole);
  return whole;
}

static void member_failed(wn_gzm *g, int at_eof, const char *why) {
  uint64_t off = g->member_off;
  /* garbage before it, if it was found by scanning past garbage, comes first */
  garbage_done(g, &g->pre, off);
  int cut = !at_eof && cut_short(g), truncated = at_eof || cut;
  wn_warc_err cls = g->kind == WN_GZM_GZIP
                        ? (truncated ? WN_WARC_E_GZIP_TRUNCATED : WN_WARC_E_GZIP_CORRUPT)
                        : (truncated ? WN_WARC_E_ZSTD_TRUNCATED : WN_WARC_E_ZSTD_CORRUPT);
  report_set(&g->post, cls, off, 1, "%s at offset %" PRIu64 ": %s", kind_name(g), off,
             at_eof ? "the input ends inside it"
             : cut  ? "cut short, the next member starts inside it"
                    : why);
  rescan_after(g, look_back_from(g));
}

/* The consumer wants bytes past the cap: the member is a bomb. Its rest is
 * never inflated; scanning goes on from where decoding stopped. */
static void member_bomb(wn_gzm *g) {
  report_set(&g->post, WN_WARC_E_BOMB, g->member_off, 1,
             "%s at offset %" PRIu64 " inflates past the cap of %" PRIu64
             " bytes after a record start",
             kind_name(g), g->member_off, g->budget);
  g->ostart = g->olen = 0;
  g->ended = 0;
  g->ms = M_SCAN;
}

static void compact_out(wn_gzm *g) {
  if (g->ostart == 0)
    return;
  memmove(g->out, g->out + g->ostart, g->olen - g->ostart);
  g->olen -= g->ostart;
  g->ostart = 0;
}

/* Most member bytes that may be decoded: the cap plus one, the byte that
 * tells a member at the cap from a bomb. */
static uint64_t decode_limit(const wn_gzm *g) {
  return g->budget ? g->mark + g->budget + 1 : UINT64_MAX;
}

/* How much input the next decoder call gets: up to the next multiple of
 * QUANTUM (or the end of input), and nothing until that much is here
 * (SIZE_MAX). A decoder that meets bad data gives out more or fewer bytes
 * before it notices depending on how its input was cut; cutting it always
 * at the same offsets keeps the output independent of the pushes. */
static size_t decoder_input(const wn_gzm *g) {
  uint64_t at = abs_pos(g), end = (at / QUANTUM + 1) * QUANTUM;
  uint64_t have = g->in_base + g->in_len;
  if (have >= end)
    return (size_t)(end - at);
  return g->eof ? (size_t)(have - at) : SIZE_MAX;
}

/* One decoder call. Returns 1 on progress, 0 when it needs input. */
static int decode(wn_gzm *g) {
  if (!g->out && !(g->out = wn_malloc(OUT_CAP))) {
    g->nomem = 1;
    return 0;
  }
  size_t in_n = decoder_input(g);
  if (in_n == SIZE_MAX)
    return 0;
  compact_out(g);
  size_t room = OUT_CAP - g->olen;
  room = (size_t)WN_MIN((uint64_t)room, decode_limit(g) - g->member_out);
  size_t out_n = room;
  const char *why;
  wn_codec_rc rc = wn_codec_run(g->codec, g->in + g->pos, &in_n, g->out + g->olen, &out_n, &why);
  g->pos += in_n;
  g->olen += out_n;
  g->member_out += out_n;
  if (out_n || rc == WN_CODEC_END)
    member_confirmed(g);
  if (rc == WN_CODEC_NOMEM) {
    g->nomem = 1;
    return 0;
  }
  if (rc == WN_CODEC_END)
    g->ended = 1;
  else if (rc == WN_CODEC_FAIL)
    member_failed(g, 0, why);
  else if (!in_n && !out_n && g->eof)
    member_failed(g, 1, "");
  else
    return in_n || out_n;
  return 1;
}

/* ------------------------------------------------------------------------ */
/* States between members                                                    */
/* ------------------------------------------------------------------------ */

static int sniff(wn_gzm *g) {
  size_t n = g->in_len - g->pos;
  if (n < MAGIC_LEN && !g->eof)
    return 0;
  g->kind = WN_GZM_PLAIN;
  if (n == 0) { /* an empty input (no buffer was ever made) */
    g->ms = M_IN;
    return 1;
  }
  const unsigned char *p = (const unsigned char *)g->in + g->pos;
  if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b)
    g->kind = WN_GZM_GZIP;
  else if (n >= MAGIC_LEN && (zstd_magic(p) || zstd_skippable(p)))
    g->kind = WN_GZM_ZSTD;
  g->ms = g->kind == WN_GZM_PLAIN ? M_IN : M_BOUNDARY;
  if (g->kind == WN_GZM_PLAIN)
    return 1;
  g->codec = wn_codec_new(g->kind == WN_GZM_GZIP ? WN_CODEC_GZIP : WN_CODEC_ZSTD);
  g->nomem = g->codec == NULL;
  return !g->nomem;
}

/* WARC-zstd (IIPC "WARC zstd" spec): the file may open with a skippable
 * frame of magic 0x184D2A5D holding the dictionary of every frame after
 * it, raw or itself zstd-compressed. */
static int dict_magic(const unsigned char *p) {
  return p[0] == 0x5D && p[1] == 0x2A && p[2] == 0x4D && p[3] == 0x18;
}

static uint32_t le32(const unsigned char *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The dictionary, decompressed when it is a zstd frame itself: END when
 * loaded, FAIL when bad, NOMEM. */
static wn_codec_rc load_dict(wn_gzm *g, const char *d, size_t n) {
  if (n < MAGIC_LEN || !zstd_magic((const unsigned char *)d))
    return wn_codec_zstd_dict(g->codec, d, n);
  wn_buf out;
  wn_buf_init(&out, DICT_OUT_MAX);
  size_t in_n = n, out_n = DICT_OUT_MAX;
  const char *why;
  wn_codec_rc rc = wn_buf_reserve(&out, DICT_OUT_MAX) == WINNOW_OK
                       ? wn_codec_run(g->codec, d, &in_n, out.p, &out_n, &why)
                       : WN_CODEC_NOMEM;
  if (rc == WN_CODEC_END)
    rc = wn_codec_zstd_dict(g->codec, out.p, out_n);
  else if (rc == WN_CODEC_MORE)
    rc = WN_CODEC_FAIL; /* a dictionary frame that does not end */
  wn_buf_free(&out);
  return rc;
}

static int dict_frame(wn_gzm *g) {
  size_t n = g->in_len - g->pos;
  const unsigned char *p = (const unsigned char *)g->in + g->pos;
  uint32_t size = n >= 8 ? le32(p + 4) : 0;
  if ((n < 8 || n - 8 < size) && size <= DICT_MAX && !g->eof)
    return 0;
  g->dict_done = 1;
  wn_codec_rc rc = n >= 8 && size <= DICT_MAX && n - 8 >= size
                       ? load_dict(g, g->in + g->pos + 8, size)
                       : WN_CODEC_FAIL;
  if (rc == WN_CODEC_NOMEM) {
    g->nomem = 1;
    return 0;
  }
  if (rc != WN_CODEC_END)
    report_set(&g->post, WN_WARC_E_ZSTD_CORRUPT, abs_pos(g), 1,
               "zstd dictionary frame at offset %" PRIu64 " is cut, too big or invalid",
               abs_pos(g));
  if (n >= 8 && n - 8 >= size) { /* whole: skip it; its frames will fail one by one */
    g->pos += 8 + size;
    return 1;
  }
  if (size > DICT_MAX) { /* never held whole: pass over it as it comes */
    g->skip_to = abs_pos(g) + 8 + size;
    g->ms = M_SKIP;
    return 1;
  }
  g->ms = M_SCAN; /* cut by the end of the input (eof: all of it is here) */
  g->pos = g->in_len;
  return 1;
}

/* Pass over input up to skip_to, then expect a frame there. */
static int skip(wn_gzm *g) {
  uint64_t have = g->in_base + g->in_len;
  if (have >= g->skip_to) {
    g->pos = (size_t)(g->skip_to - g->in_base);
    g->ms = M_BOUNDARY;
    return 1;
  }
  int moved = g->pos < g->in_len;
  g->pos = g->in_len;
  if (g->eof) /* the frame runs past the end; it was reported */
    g->ms = M_DONE;
  return moved || g->eof;
}

static int boundary(wn_gzm *g) {
  size_t n = g->in_len - g->pos;
  if (n < MAGIC_LEN && !g->eof)
    return 0;
  if (n == 0) {
    g->ms = M_DONE;
    return 1;
  }
  const unsigned char *p = (const unsigned char *)g->in + g->pos;
  if (g->kind == WN_GZM_ZSTD && !g->dict_done && n >= MAGIC_LEN && dict_magic(p))
    return dict_frame(g);
  g->dict_done = 1; /* only before the first frame */
  if (n >= MAGIC_LEN && member_magic(g, p)) {
    start_member(g, g->pos);
    return 1;
  }
  g->scan_garbage = 1;
  g->garbage_off = abs_pos(g);
  g->ms = M_SCAN;
  return 1;
}

/* Index of the first header candidate in p[0..n), or of the first place
 * one could start but runs past n (*whole = 0), or n. */
static size_t find_candidate(const wn_gzm *g, const unsigned char *p, size_t n, int *whole) {
  unsigned char first = g->kind == WN_GZM_GZIP ? 0x1f : 0x28;
  *whole = 0;
  for (size_t i = 0; i < n; i++) {
    const unsigned char *q = memchr(p + i, first, n - i);
    if (!q)
      return n;
    i = (size_t)(q - p);
    if (n - i < MAGIC_LEN)
      return i;
    if (candidate(g, q)) {
      *whole = 1;
      return i;
    }
  }
  return n;
}

static int scan(wn_gzm *g) {
  int whole;
  const unsigned char *p = (const unsigned char *)g->in + g->pos;
  size_t i = find_candidate(g, p, g->in_len - g->pos, &whole);
  if (whole) {
    start_member(g, g->pos + i);
    return 1;
  }
  if (!g->eof) {
    int moved = i > 0;
    g->pos += i;
    return moved;
  }
  g->pos = g->in_len;
  garbage_done(g, &g->post, abs_pos(g));
  g->ms = M_DONE;
  return 1;
}

/* One step of work; 0 when nothing can happen without more input. */
static int advance(wn_gzm *g) {
  switch (g->ms) {
  case M_SNIFF: return sniff(g);
  case M_BOUNDARY: return boundary(g);
  case M_IN: return decode(g);
  case M_SCAN: return scan(g);
  case M_SKIP: return skip(g);
  case M_DONE: return 0;
  }
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Pulling                                                                   */
/* ------------------------------------------------------------------------ */

static wn_gzm_ev give_error(wn_gzm *g, report *r) {
  r->pending = 0;
  g->last = r->e;
  return WN_GZM_ERROR;
}

static wn_gzm_ev pull_plain(wn_gzm *g, size_t min, wn_gzm_span *span) {
  size_t avail = g->in_len - g->pos;
  if (avail == 0 || (avail < min && !g->eof))
    return avail == 0 && g->eof ? WN_GZM_EOF : WN_GZM_NEED_INPUT;
  *span = (wn_gzm_span){.p = g->in + g->pos,
                        .n = avail,
                        .member_off = abs_pos(g),
                        .uoff = abs_pos(g),
                        .member_start = abs_pos(g) == 0,
                        .member_last = g->eof};
  return WN_GZM_DATA;
}

/* Decoded bytes the consumer may see: up to the cap after its mark. */
static size_t visible(const wn_gzm *g) {
  size_t n = g->olen - g->ostart;
  if (!g->budget)
    return n;
  uint64_t at = g->member_out - n; /* member offset of out[ostart] */
  uint64_t lim = g->mark + g->budget;
  return at >= lim ? 0 : (size_t)WN_MIN((uint64_t)n, lim - at);
}

static wn_gzm_ev give_data(wn_gzm *g, size_t n, int last, wn_gzm_span *span) {
  *span = (wn_gzm_span){.p = g->out + g->ostart,
                        .n = n,
                        .member_off = g->member_off,
                        .uoff = g->ucons,
                        .member_start = g->member_out - (g->olen - g->ostart) == 0,
                        .member_last = last};
  return WN_GZM_DATA;
}

wn_gzm_ev wn_gzm_pull(wn_gzm *g, size_t min, wn_gzm_span *span) {
  min = WN_MAX(min, (size_t)1);
  for (;;) {
    if (g->nomem)
      return WN_GZM_NOMEM;
    if (g->kind == WN_GZM_PLAIN)
      return pull_plain(g, min, span);
    if (g->pre.pending)
      return give_error(g, &g->pre);
    size_t vis = visible(g);
    int over = vis < g->olen - g->ostart; /* decoded past the cap */
    int last = g->ended || g->post.pending || over;
    if (vis >= min || (vis && last))
      return give_data(g, vis, last, span);
    if (over)
      member_bomb(g);
    if (g->post.pending)
      return give_error(g, &g->post);
    if (g->ended) {
      g->ended = 0;
      g->ms = M_BOUNDARY;
      return WN_GZM_MEMBER_END;
    }
    if (!advance(g))
      return g->nomem ? WN_GZM_NOMEM : g->ms == M_DONE ? WN_GZM_EOF : WN_GZM_NEED_INPUT;
  }
}

void wn_gzm_consume(wn_gzm *g, size_t n) {
  if (g->kind == WN_GZM_PLAIN)
    g->pos += n;
  else
    g->ostart += n;
  g->ucons += n;
}

void wn_gzm_mark(wn_gzm *g) {
  if (g->kind != WN_GZM_PLAIN)
    g->mark = g->member_out - (g->olen - g->ostart);
}

const wn_gzm_error *wn_gzm_last_error(const wn_gzm *g) {
  return &g->last;
}

wn_gzm_kind wn_gzm_get_kind(const wn_gzm *g) {
  return g->kind;
}

uint64_t wn_gzm_bytes_in(const wn_gzm *g) {
  return g->bytes_in;
}

uint64_t wn_gzm_bytes_out(const wn_gzm *g) {
  return g->ucons;
}

uint64_t wn_gzm_members(const wn_gzm *g) {
  return g->members;
}
