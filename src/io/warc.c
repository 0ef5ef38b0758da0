/* warc.c - WARC record framing over the decompressed byte stream.
 *
 * A record is (WARC 1.1 §4): version line, named fields, an empty line,
 * Content-Length bytes of block, then CRLF CRLF. Lines may end in a bare
 * LF (accepted, counted). The machine below reads byte spans pulled from
 * the container layer (wn_gzmember.h) and keeps no pointer into them, so
 * its result cannot depend on how the input was cut.
 *
 * Recovery, by what the trailer after the block looks like:
 *  - CRLF CRLF: the record is good (a block may hold whole WARC records:
 *    an archived .warc file; a trailer in place is trusted).
 *  - anything else, and the block holds a record start: the Content-Length
 *    was too long and swallowed the records after it; they are read again
 *    from the FIRST record start in the block (the replay buffer), so each
 *    of them is read as a record, and the liar is one content-length-too-
 *    long error.
 *  - anything else: the Content-Length was too short; skip to the next
 *    line starting "WARC/1." (from a record start cut by the block's end,
 *    if any).
 *
 * Lying lengths. A record start inside a block is a line that is exactly
 * "WARC/1.0" or "WARC/1.1" (what the version line accepts), followed by
 * the first byte of a field name (cand_scan); payload text rarely is one.
 * The block of a record under the record cap is held whole, so the first
 * record start in it is at hand. A block over the cap is not held: it is
 * counted past as it streams, and only from its first record start on are
 * its bytes held, at most max_record of them (memory stays bounded by the
 * cap, as for any record). Then:
 *  - the claimed end comes with a good trailer: a legitimately oversized
 *    record, one record-too-big error, and the held bytes are dropped;
 *  - the claimed end comes without one: as above, content-length-too-long,
 *    and the held bytes are read again;
 *  - the input (or, in compressed input, the record's member) ends, or
 *    the member fails, before the claimed end: the held bytes are read
 *    again (content-length-too-long, or the container's class);
 *  - the held bytes reach the cap before the claimed end: the "huge but
 *    honest" hypothesis is given up there, the record is one
 *    record-too-big error and reading goes on from its first record start
 *    (the held bytes, then the stream). A huge honest record that embeds
 *    WARC records thus yields those records, and its own tail is resynced
 *    over; a huge record with no record start inside is skipped as before.
 * Every replay starts at a record start after the current record's, and
 * holds at most max_record + 4 bytes, so recovery ends and stays bounded.
 * In compressed input the member cap (wn_gzm_mark) restarts at the first
 * record start held, so holding never turns into a decompression bomb.
 *
 * In compressed input a member boundary is strong evidence too: a record
 * cut by a member end, where the next member starts "WARC/1.", is cut (and
 * record starts before the cut are read again). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "wn_warc_int.h"

static const char MAGIC[] = "WARC/1.";
#define MAGIC_LEN (sizeof MAGIC - 1)

static int compressed(const wn_warc *w) {
  return wn_gzm_get_kind(w->g) != WN_GZM_PLAIN;
}

/* Input offset of byte i of the current span: exact in plain input, the
 * member's offset otherwise. */
static uint64_t here(const wn_warc *w, size_t i) {
  return compressed(w) ? w->sp.member_off : w->sp.member_off + i;
}

/* ------------------------------------------------------------------------ */
/* The byte source: replayed bytes first, then the container                 */
/* ------------------------------------------------------------------------ */

static wn_gzm_ev source(wn_warc *w, size_t min) {
  if (w->rpos < w->replay.len) {
    w->sp = (wn_gzm_span){.p = w->replay.p + w->rpos,
                          .n = w->replay.len - w->rpos,
                          .member_off = w->replay_moff,
                          .uoff = w->replay_uoff + w->rpos};
    if (!compressed(w))
      w->sp.member_off = w->sp.uoff;
    return WN_GZM_DATA;
  }
  return wn_gzm_pull(w->g, min, &w->sp);
}

static void eat(wn_warc *w, size_t n) {
  if (w->rpos < w->replay.len) {
    w->rpos += n;
    if (w->rpos == w->replay.len)
      w->rpos = w->replay.len = 0;
  } else {
    wn_gzm_consume(w->g, n);
  }
}

/* Read again, before everything not yet read: a[0..an) then b[0..bn),
 * which start at decompressed offset uoff. */
static void replay(wn_warc *w, const char *a, size_t an, const char *b, size_t bn, uint64_t uoff) {
  wn_buf nb;
  size_t rest = w->replay.len - w->rpos;
  if (rest == 0) { /* nothing of it left: its memory is reused (a and b lie elsewhere) */
    wn_buf_clear(&w->replay);
    w->replay.max = WN_MAX(w->replay.max, an + bn + 1);
    if (wn_buf_add(&w->replay, a, an) != WINNOW_OK || wn_buf_add(&w->replay, b, bn) != WINNOW_OK)
      w->nomem = 1;
  } else {
    wn_buf_init(&nb, an + bn + rest + 1);
    if (wn_buf_add(&nb, a, an) != WINNOW_OK || wn_buf_add(&nb, b, bn) != WINNOW_OK ||
        wn_buf_add(&nb, w->replay.p + w->rpos, rest) != WINNOW_OK) {
      wn_buf_free(&nb);
      w->nomem = 1;
      return;
    }
    wn_buf_free(&w->replay);
    w->replay = nb;
  }
  w->rpos = 0;
  w->replay_uoff = uoff;
  w->replay_moff = w->sp.member_off;
}

/* ------------------------------------------------------------------------ */
/* Failing a record                                                          */
/* ------------------------------------------------------------------------ */

/* Deliver the current record (or, when none has started, an event) with
 * error e, and skip to the next "WARC/1." line; m: see wn_warc.m. */
__attribute__((format(printf, 5, 6))) static void fail(wn_warc *w, wn_warc_err e, uint64_t off,
                                                       int m, const char *fmt, ...) {
  char msg[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (w->cur.active) {
    wn_warc_set_err(w, e, off, "%s", msg);
    wn_warc_emit(w);
  } else {
    wn_warc_emit_none(w, e, off, msg);
  }
  w->st = R_RESYNC;
  w->m = m;
}

/* ------------------------------------------------------------------------ */
/* Lines                                                                     */
/* ------------------------------------------------------------------------ */

/* Collect the current line into cur.line. Returns bytes used; *done when a
 * whole line is in; *too_long when it is over the cap. */
static size_t collect(wn_warc *w, int *done, int *too_long) {
  wn_buf *l = &w->cur.line;
  size_t cap = w->cfg.max_line + 2; /* + "\r\n" */
  /* a resync puts "WARC/1." in first: under a tiny cap it is over already */
  size_t room = l->len < cap ? cap - l->len : 0;
  size_t look = WN_MIN(w->sp.n, room), eol = wn_scan_eol(w->sp.p, look);
  size_t take = eol ? eol : look;
  *done = eol != 0;
  *too_long = !eol && look == room;
  if (*too_long)
    return 0;
  if (wn_buf_add(l, w->sp.p, take) != WINNOW_OK)
    w->nomem = 1;
  return take;
}

/* The line without its terminator; counts a bare-LF ending. */
static size_t line_content(wn_warc *w) {
  int lf;
  size_t n = wn_scan_chomp(w->cur.line.p, w->cur.line.len, &lf);
  w->cur.lf_only += (uint32_t)lf;
  if (n > w->cfg.max_line)
    return SIZE_MAX;
  return n;
}

/* ------------------------------------------------------------------------ */
/* R_START and R_VERSION                                                     */
/* ------------------------------------------------------------------------ */

static void begin_record(wn_warc *w, uint64_t off, uint64_t uoff) {
  wn_warc_cur_reset(w);
  w->cur.active = 1;
  w->cur.off = off;
  w->cur.uoff = uoff;
  w->st = R_VERSION;
  wn_gzm_mark(w->g);
}

/* Blank lines between records are tolerated (writers add extra CRLFs). */
static size_t on_start(wn_warc *w) {
  size_t i = 0;
  while (i < w->sp.n && (w->sp.p[i] == '\r' || w->sp.p[i] == '\n'))
    i++;
  if (i < w->sp.n) {
    eat(w, i);
    begin_record(w, here(w, i), w->sp.uoff + i);
    return 0;
  }
  return i;
}

/* The line so far cannot be "WARC/...": not a record. */
static int not_warc(const wn_buf *l, const char *p, size_t n) {
  size_t have = WN_MIN(l->len, (size_t)5);
  if (have && memcmp(l->p, "WARC/", have) != 0)
    return 1;
  for (size_t i = 0; have + i < 5 && i < n; i++)
    if (p[i] != "WARC/"[have + i])
      return 1;
  return 0;
}

/* "WARC/1.0" or "WARC/1.1" (WARC 1.1 §4: the version line is "WARC/1.1";
 * 1.0 is read too). */
static int is_version(const char *s, size_t n) {
  return n == 8 && memcmp(s, MAGIC, MAGIC_LEN) == 0 && (s[7] == '0' || s[7] == '1');
}

static void version_line(wn_warc *w) {
  size_t n = line_content(w);
  const char *s = w->cur.line.p;
  if (n == SIZE_MAX) {
    fail(w, WN_WARC_E_LINE_TOO_LONG, w->cur.off, 0, "version line over %zu bytes", w->cfg.max_line);
    return;
  }
  if (is_version(s, n)) {
    w->cur.version = s[7] == '0' ? 10 : 11;
    w->st = R_HEADERS;
    wn_buf_clear(&w->cur.line);
    return;
  }
  fail(w, WN_WARC_E_VERSION, w->cur.off, 0, "unsupported version line \"%.*s\"",
       (int)WN_MIN(n, (size_t)40), s);
}

static size_t on_version(wn_warc *w) {
  if (not_warc(&w->cur.line, w->sp.p, w->sp.n)) {
    w->cur.active = 0;
    fail(w, WN_WARC_E_GARBAGE, w->cur.off, -1, "bytes at offset %" PRIu64 " are no WARC record",
         w->cur.off);
    return 0;
  }
  int done, too_long;
  size_t used = collect(w, &done, &too_long);
  if (too_long)
    fail(w, WN_WARC_E_LINE_TOO_LONG, w->cur.off, -1, "version line over %zu bytes",
         w->cfg.max_line);
  else if (done) {
    eat(w, used);
    version_line(w);
    return 0;
  }
  return used;
}

/* ------------------------------------------------------------------------ */
/* R_HEADERS                                                                 */
/* ------------------------------------------------------------------------ */

/* Append s and a NUL to the field text. Its cap holds max_headers lines of
 * max_line bytes; folded values can go past that: a too-long header. */
static winnow_status add_str(wn_warc *w, const char *s, size_t n) {
  winnow_status st = wn_buf_add(&w->cur.hbuf, s, n);
  if (st == WINNOW_OK)
    st = wn_buf_addc(&w->cur.hbuf, '\0');
  if (st == WINNOW_ERR_NOMEM)
    w->nomem = 1;
  return st;
}

/* A line starting with SP or HT continues the previous value (the LWS of
 * WARC 1.0 §5 / 1.1 §4 named-field grammar); it is joined with one SP. */
static winnow_status fold_line(wn_warc *w, const char *s, size_t n) {
  cur_rec *c = &w->cur;
  n = wn_scan_trim(&s, n);
  c->hbuf.len--; /* the value's NUL, which is the last byte */
  winnow_status st = wn_buf_addc(&c->hbuf, ' ');
  if (st == WINNOW_OK)
    st = add_str(w, s, n);
  if (st == WINNOW_OK)
    c->hoff[c->n_hdr - 1].value_len += 1 + n;
  return st;
}

static winnow_status store_field(wn_warc *w, const wn_hdr *h) {
  cur_rec *c = &w->cur;
  hdr_off *o = &c->hoff[c->n_hdr];
  o->name = c->hbuf.len;
  o->value = o->name + h->name_len + 1;
  o->value_len = h->value_len;
  winnow_status st = add_str(w, h->name, h->name_len);
  if (st == WINNOW_OK)
    st = add_str(w, h->value, h->value_len);
  c->n_hdr += st == WINNOW_OK;
  return st;
}

static void too_long(wn_warc *w, winnow_status st) {
  if (st == WINNOW_ERR_LIMIT)
    fail(w, WN_WARC_E_LINE_TOO_LONG, w->cur.off, 0, "header section over %zu bytes",
         w->cur.hbuf.max);
}

static void field_line(wn_warc *w, const char *s, size_t n) {
  uint64_t off = w->cur.off;
  wn_hdr h;
  if ((s[0] == ' ' || s[0] == '\t') && w->cur.n_hdr > 0) {
    too_long(w, fold_line(w, s, n));
    return;
  }
  if (w->cur.n_hdr >= w->cfg.max_headers) {
    fail(w, WN_WARC_E_TOO_MANY_HEADERS, off, 0, "more than %zu header fields", w->cfg.max_headers);
    return;
  }
  wn_scan_rc rc = wn_scan_header(s, n, &h);
  if (rc == WN_SCAN_NO_COLON)
    fail(w, WN_WARC_E_HEADER_NEWLINE, off, 0,
         "header line %zu has no ':' (a raw newline inside a field value?)", w->cur.n_hdr + 1);
  else if (rc != WN_SCAN_OK)
    fail(w, WN_WARC_E_HEADER_BYTES, off, 0, "header line %zu has a malformed field name",
         w->cur.n_hdr + 1);
  else {
    /* the line is framed, only its value is bad: flag the record, read on */
    if (wn_scan_value(h.value, h.value_len, 1) != WN_SCAN_OK)
      wn_warc_set_err(w, WN_WARC_E_HEADER_BYTES, off,
                      "control byte or invalid UTF-8 in field \"%.*s\"",
                      (int)WN_MIN(h.name_len, (size_t)64), h.name);
    too_long(w, store_field(w, &h));
  }
}

/* The empty line: on to the block, unless the fields say it cannot be
 * framed (no usable Content-Length). */
static void end_of_headers(wn_warc *w, size_t used) {
  char msg[192];
  wn_warc_err e = wn_warc_fields(w, msg, sizeof msg);
  if (e != WN_WARC_OK) {
    fail(w, e, w->cur.off, 0, "%s", msg);
    return;
  }
  w->cur.block_uoff = w->cur.held_uoff = w->sp.uoff + used;
  w->st = w->cur.left ? R_BLOCK : R_TRAILER;
}

/* A version line among the fields: the record was cut inside its header
 * and the next one starts here (a writer that died mid-record). */
static void cut_in_header(wn_warc *w, size_t used) {
  cur_rec *c = &w->cur;
  const wn_buf *l = &c->line;
  c->lf_only -= l->len < 2 || l->p[l->len - 2] != '\r'; /* counted again when read again */
  replay(w, l->p, l->len, "", 0, w->sp.uoff + used - l->len);
  fail(w, WN_WARC_E_TRUNCATED, c->off, 0, "record cut inside its header by the next record");
  w->st = R_START;
}

static size_t on_headers(wn_warc *w) {
  int done, too_long;
  size_t used = collect(w, &done, &too_long);
  if (too_long) {
    fail(w, WN_WARC_E_LINE_TOO_LONG, w->cur.off, -1, "header line over %zu bytes", w->cfg.max_line);
    return 0;
  }
  if (!done)
    return used;
  eat(w, used);
  size_t n = line_content(w);
  if (n == SIZE_MAX)
    fail(w, WN_WARC_E_LINE_TOO_LONG, w->cur.off, 0, "header line over %zu bytes", w->cfg.max_line);
  else if (n == 0)
    end_of_headers(w, used);
  else if (is_version(w->cur.line.p, n))
    cut_in_header(w, used);
  else
    field_line(w, w->cur.line.p, n);
  wn_buf_clear(&w->cur.line);
  return 0;
}

/* ------------------------------------------------------------------------ */
/* R_BLOCK and R_TRAILER                                                     */
/* ------------------------------------------------------------------------ */

/* A record start inside a block, the evidence that a Content-Length lied
 * (see the file comment): at a line start, "WARC/1.0" or "WARC/1.1", its
 * line end (CRLF or LF), then the first byte of a field name (a token
 * character, RFC 9110 §5.6.2, as WARC 1.1 §4 names fields). CAND_LEN: the
 * longest match; the matcher keeps the bytes it matched in cur.cbuf. */
#define CAND_LEN 11

static int tchar(unsigned char b) {
  return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') ||
         (b > ' ' && b < 0x7f && strchr("!#$%&'*+-.^_`|~", b));
}

/* One byte at a line start or in a match; 1 when a match is complete. */
static int cand_step(cur_rec *c, char b) {
  int ok, next = c->cm + 1;
  switch (c->cm) {
  case 7: ok = b == '0' || b == '1'; break;
  case 8:
    ok = b == '\r' || b == '\n';
    next = b == '\r' ? 9 : 10;
    break;
  case 9: ok = b == '\n'; break;
  case 10: ok = tchar((unsigned char)b); break;
  default: ok = b == MAGIC[c->cm]; break;
  }
  if (!ok) {
    c->cm = b == '\n' ? 0 : -1;
    c->cn = 0;
    return 0;
  }
  c->cbuf[c->cn++] = b;
  c->cm = next;
  return c->cm == CAND_LEN;
}

/* Mid-line: where the next line that may open a record start begins in
 * p[0..n] ("\nWARC/1." found, or the last line start among the last bytes,
 * where a match may go on in the next span; n when p ends in LF), or
 * SIZE_MAX when no line starts there. */
static size_t next_line_start(const char *p, size_t n) {
  static const char NL_MAGIC[] = "\nWARC/1.";
  const char *m = memmem(p, n, NL_MAGIC, sizeof NL_MAGIC - 1);
  if (m)
    return (size_t)(m - p) + 1;
  size_t tail = WN_MIN(n, sizeof NL_MAGIC - 2);
  const char *nl = memrchr(p + n - tail, '\n', tail);
  return nl ? (size_t)(nl - p) + 1 : SIZE_MAX;
}

/* Match p[0..n); returns how many bytes were looked at: n, or up to and
 * including the byte that completed a record start. */
static size_t cand_scan(cur_rec *c, const char *p, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (c->cm < 0) {
      size_t at = next_line_start(p + i, n - i);
      if (at == SIZE_MAX)
        return n;
      c->cm = c->cn = 0;
      i += at;
      if (i == n)
        return n;
    }
    if (cand_step(c, p[i]))
      return i + 1;
  }
  return n;
}

/* Keep k block bytes (the whole block under the cap, or the bytes from a
 * record start on while holding). */
static void hold(wn_warc *w, const char *p, size_t k) {
  cur_rec *c = &w->cur;
  if (wn_buf_add(&c->block, p, k) == WINNOW_OK)
    return;
  if (c->err != WN_WARC_OK) { /* the record names another error: the */
    w->nomem = 1;             /* reader fails rather than lose the NOMEM */
    return;                   /* and the records the block may hold */
  }
  wn_warc_set_err(w, WN_WARC_E_NOMEM, c->off, "out of memory holding the block");
  c->skip_block = 1;
  c->over_cap = c->holding = c->cand = 0; /* nothing left to replay */
}

/* The matcher just completed a record start at the end of the k bytes
 * taken. Under the cap the block holds it already; over it, holding
 * starts here, and the member cap (wn_gzm_mark) counts from here so that
 * the held bytes can never make a decompression bomb. */
static void found_start(wn_warc *w, size_t k) {
  cur_rec *c = &w->cur;
  c->scan = 0;
  if (c->skip_block && !c->over_cap)
    return; /* out of memory: nothing kept */
  c->cand = 1;
  if (!c->over_cap) {
    c->cand_at = c->block.len - (size_t)c->cn;
    return;
  }
  c->holding = 1;
  c->held_uoff = w->sp.uoff + k - (size_t)c->cn;
  c->cand_at = 0;
  wn_buf_clear(&c->block);
  hold(w, c->cbuf, (size_t)c->cn);
  if (w->rpos >= w->replay.len)
    wn_gzm_mark(w->g);
}

/* The Content-Length is not believed: deliver the record with error e
 * (replacing the cap's error) and read again from the first record start
 * in its block, the bytes after the block (trail) included. */
__attribute__((format(printf, 4, 5))) static void recover(wn_warc *w, wn_warc_err e, uint64_t off,
                                                          const char *fmt, ...) {
  cur_rec *c = &w->cur;
  char msg[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  replay(w, c->block.p + c->cand_at, c->block.len - c->cand_at, c->trail, (size_t)c->trail_n,
         c->held_uoff + c->cand_at);
  c->err = WN_WARC_OK; /* this is the cause now */
  fail(w, e, off, 0, "%s", msg);
  w->st = R_START;
}

/* Bytes from the record start to where recover() reads again. */
static uint64_t cand_in_block(const cur_rec *c) {
  return c->held_uoff + c->cand_at - c->block_uoff;
}

/* Over the cap, max_record bytes held from a record start inside the
 * block, and the block goes on: stop waiting for the claimed end. */
static void give_up(wn_warc *w) {
  cur_rec *c = &w->cur;
  recover(w, WN_WARC_E_RECORD_TOO_BIG, c->off,
          "block of %" PRIu64 " bytes is over the cap of %zu; a record starts %" PRIu64
          " bytes into it: read on from there",
          c->cl, w->cfg.max_record, cand_in_block(c));
}

static size_t on_block(wn_warc *w) {
  cur_rec *c = &w->cur;
  size_t k = (size_t)WN_MIN((uint64_t)w->sp.n, c->left);
  if (c->holding) {
    size_t room = w->cfg.max_record - c->block.len;
    if (room == 0) {
      give_up(w);
      return 0;
    }
    k = WN_MIN(k, room);
  } else if (c->scan) {
    k = cand_scan(c, w->sp.p, k);
  }
  if (!c->skip_block || c->holding)
    hold(w, w->sp.p, k);
  if (k)
    c->last = w->sp.p[k - 1];
  c->left -= k;
  if (c->left == 0)
    w->st = R_TRAILER;
  if (c->scan && c->cm == CAND_LEN) {
    eat(w, k); /* before found_start marks the member */
    found_start(w, k);
    return 0;
  }
  return k;
}

/* No record start in the block. A partial one at its end (the claimed end
 * fell a few bytes into the next record's version line) is read again
 * with the trail; otherwise the Content-Length was too short. Either way,
 * resync from there. */
static void short_block(wn_warc *w, size_t at) {
  cur_rec *c = &w->cur;
  int part = c->scan && c->cm > 0;
  int line_start = part || (c->trail_n ? c->trail[c->trail_n - 1] == '\n' : c->last == '\n');
  size_t pn = part ? (size_t)c->cn : 0;
  replay(w, c->cbuf, pn, c->trail, (size_t)c->trail_n, c->block_uoff + c->cl - pn);
  if (part)
    fail(w, WN_WARC_E_CL_TOO_LONG, here(w, at), 0,
         "Content-Length %" PRIu64 " runs a few bytes into the next record", c->cl);
  else
    fail(w, WN_WARC_E_CL_TOO_SHORT, here(w, at), line_start ? 0 : -1,
         "block goes on past Content-Length %" PRIu64, c->cl);
}

/* The bytes after the block are not CRLF CRLF (see the file comment). */
static void trailer_mismatch(wn_warc *w, size_t at) {
  cur_rec *c = &w->cur;
  if (c->cand)
    recover(w, WN_WARC_E_CL_TOO_LONG, here(w, at),
            "Content-Length %" PRIu64 " runs into the record %" PRIu64 " bytes into its block",
            c->cl, cand_in_block(c));
  else
    short_block(w, at);
}

static void complete(wn_warc *w) {
  if (compressed(w)) {
    w->st = R_HOLD;
    return;
  }
  wn_warc_emit(w); /* nothing left to verify */
  w->st = R_START;
}

static size_t on_trailer(wn_warc *w) {
  cur_rec *c = &w->cur;
  for (size_t i = 0; i < w->sp.n; i++) {
    char b = w->sp.p[i];
    if (b == '\r' && !c->trail_cr) {
      c->trail_cr = 1;
    } else if (b == '\n') {
      c->lf_only += !c->trail_cr;
      c->trail_cr = 0;
      c->trail_ends++;
    } else {
      eat(w, i);
      trailer_mismatch(w, i);
      return 0;
    }
    c->trail[c->trail_n++] = b;
    if (c->trail_ends == 2) {
      eat(w, i + 1);
      c->block_done = 1;
      complete(w);
      return 0;
    }
  }
  return w->sp.n;
}

/* ------------------------------------------------------------------------ */
/* R_RESYNC and R_HOLD                                                       */
/* ------------------------------------------------------------------------ */

static size_t on_resync(wn_warc *w) {
  const char *p = w->sp.p;
  size_t n = w->sp.n;
  for (size_t i = 0; i < n; i++) {
    if (w->m < 0) {
      const char *nl = memchr(p + i, '\n', n - i);
      if (!nl)
        return n;
      i = (size_t)(nl - p);
      w->m = 0;
      continue;
    }
    if (p[i] != MAGIC[w->m]) {
      w->m = p[i] == '\n' ? 0 : -1;
      continue;
    }
    if (w->m == 0) {
      w->m_off = here(w, i);
      w->m_uoff = w->sp.uoff + i;
    }
    if (++w->m == (int)MAGIC_LEN) {
      eat(w, i + 1);
      begin_record(w, w->m_off, w->m_uoff);
      if (wn_buf_add(&w->cur.line, MAGIC, MAGIC_LEN) != WINNOW_OK)
        w->nomem = 1;
      return 0;
    }
  }
  return n;
}

/* A complete record waits for its member's end (checksums); the next
 * record in the same member (members spanning records) releases it too. */
static size_t on_hold(wn_warc *w) {
  size_t i = 0;
  while (i < w->sp.n && (w->sp.p[i] == '\r' || w->sp.p[i] == '\n'))
    i++;
  if (i == w->sp.n)
    return i;
  eat(w, i);
  wn_warc_emit(w);
  w->st = R_START;
  return 0;
}

/* A member ended inside this record, and the next member starts a record:
 * this record was cut there. */
static int cut_at_boundary(wn_warc *w) {
  w->boundary = 0;
  if (w->sp.n < MAGIC_LEN || memcmp(w->sp.p, MAGIC, MAGIC_LEN) != 0)
    return 0;
  int in_block = w->st == R_BLOCK || w->st == R_TRAILER;
  if (in_block && w->cur.cand) {
    recover(w, WN_WARC_E_CL_TOO_LONG, w->cur.off,
            "Content-Length %" PRIu64 " runs past the end of the record's member, into the"
            " record %" PRIu64 " bytes into its block",
            w->cur.cl, cand_in_block(&w->cur));
    return 1;
  }
  fail(w, in_block ? WN_WARC_E_CL_TOO_LONG : WN_WARC_E_TRUNCATED, w->cur.off, 0,
       in_block ? "Content-Length runs past the end of the record's member"
                : "record ends with its member inside the header");
  w->st = R_START;
  return 1;
}

/* ------------------------------------------------------------------------ */
/* Events of the container                                                   */
/* ------------------------------------------------------------------------ */

static void on_data(wn_warc *w) {
  if (w->boundary && w->sp.member_start && w->rpos >= w->replay.len && cut_at_boundary(w))
    return;
  size_t used = 0;
  switch (w->st) {
  case R_START: used = on_start(w); break;
  case R_VERSION: used = on_version(w); break;
  case R_HEADERS: used = on_headers(w); break;
  case R_BLOCK: used = on_block(w); break;
  case R_TRAILER: used = on_trailer(w); break;
  case R_RESYNC: used = on_resync(w); break;
  case R_HOLD: used = on_hold(w); break;
  }
  if (used)
    eat(w, used);
}

static void on_member_end(wn_warc *w) {
  if (w->st == R_HOLD) {
    wn_warc_emit(w);
    w->st = R_START;
  } else if (w->st == R_RESYNC && w->m < 0) {
    w->m = 0; /* a member starts at a line start */
  } else if (w->cur.active) {
    w->boundary = 1;
  }
}

/* The block being read (or its trailer) holds a record start. */
static int in_block_with_start(const wn_warc *w) {
  return w->cur.active && w->cur.cand && (w->st == R_BLOCK || w->st == R_TRAILER);
}

/* A failed member, garbage between members, or a bomb: the record it
 * holds is lost; the next bytes start a new member. */
static void on_container_error(wn_warc *w) {
  const wn_gzm_error *e = wn_gzm_last_error(w->g);
  if (in_block_with_start(w)) {
    recover(w, e->cls, e->off, "%s", e->msg);
  } else if (w->st == R_HOLD || w->cur.active) {
    if (w->cur.err != WN_WARC_E_RECORD_TOO_BIG) /* a known cause stays the cause */
      w->cur.err = WN_WARC_OK;
    wn_warc_set_err(w, e->cls, e->off, "%s", e->msg);
    wn_warc_emit(w);
  } else {
    wn_warc_emit_none(w, e->cls, e->off, e->msg);
  }
  w->st = R_START;
  w->boundary = 0;
}

static void on_eof(wn_warc *w) {
  if (in_block_with_start(w)) { /* read the held bytes again first */
    recover(w, WN_WARC_E_CL_TOO_LONG, w->cur.off,
            "Content-Length %" PRIu64 " runs past the end of the input, over the record %" PRIu64
            " bytes into its block",
            w->cur.cl, cand_in_block(&w->cur));
    return;
  }
  w->eof_seen = 1;
  if (wn_gzm_bytes_in(w->g) == 0) {
    wn_warc_emit_none(w, WN_WARC_E_EMPTY, 0, "the input is empty");
  } else if (wn_gzm_bytes_out(w->g) == 0 && w->n_events == 0 && w->stats.records == 0) {
    /* compressed members that hold nothing, and no error said so */
    wn_warc_emit_none(w, WN_WARC_E_EMPTY, 0, "the input decompresses to nothing");
  } else if (w->st == R_HOLD) {
    wn_warc_emit(w);
  } else if (w->cur.active) {
    wn_warc_set_err(w, WN_WARC_E_TRUNCATED, w->cur.off, "the input ends inside the record");
    wn_warc_emit(w);
  }
  w->st = R_START;
}

/* ------------------------------------------------------------------------ */
/* Public entry points                                                       */
/* ------------------------------------------------------------------------ */

static size_t want_bytes(const wn_warc *w) {
  return w->boundary ? MAGIC_LEN : 1;
}

winnow_status wn_warc_next(wn_warc *w, wn_warc_record *rec) {
  while (!w->nomem) {
    if (w->have) {
      w->have = 0;
      *rec = w->rec;
      return WINNOW_OK;
    }
    if (w->eof_seen)
      return WINNOW_END;
    switch (source(w, want_bytes(w))) {
    case WN_GZM_DATA: on_data(w); break;
    case WN_GZM_MEMBER_END: on_member_end(w); break;
    case WN_GZM_ERROR: on_container_error(w); break;
    case WN_GZM_NEED_INPUT: return WINNOW_END;
    case WN_GZM_EOF: on_eof(w); break;
    case WN_GZM_NOMEM: w->nomem = 1; break;
    }
  }
  return WINNOW_ERR_NOMEM;
}

size_t wn_warc_feed(wn_warc *w, const void *data, size_t len) {
  size_t room;
  if (w->finished || w->nomem)
    return 0;
  char *dst = wn_gzm_room(w->g, &room);
  if (!dst) {
    w->nomem = 1;
    return 0;
  }
  size_t k = WN_MIN(room, len);
  memcpy(dst, data, k);
  wn_gzm_commit(w->g, k);
  return k;
}

void wn_warc_finish(wn_warc *w) {
  w->finished = 1;
  wn_gzm_finish(w->g);
}

/* One read(2) straight into the container's buffer. */
static winnow_status read_some(wn_warc *w, int fd) {
  size_t room;
  char *dst = wn_gzm_room(w->g, &room);
  if (!dst)
    return WINNOW_ERR_NOMEM;
  if (room == 0) /* wn_gzm_room promises room after NEED_INPUT */
    return WINNOW_ERR_INTERNAL;
  for (;;) {
    ssize_t n = read(fd, dst, WN_MIN(room, (size_t)1 << 20));
    if (n > 0)
      wn_gzm_commit(w->g, (size_t)n);
    if (n == 0)
      wn_warc_finish(w);
    if (n >= 0)
      return WINNOW_OK;
    if (errno != EINTR)
      return WINNOW_ERR_IO;
  }
}

winnow_status wn_warc_next_fd(wn_warc *w, int fd, wn_warc_record *rec) {
  for (;;) {
    winnow_status st = wn_warc_next(w, rec);
    if (st != WINNOW_END || w->finished)
      return st;
    if ((st = read_some(w, fd)) != WINNOW_OK)
      return st;
  }
}
