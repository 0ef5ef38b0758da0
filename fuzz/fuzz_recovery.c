/* fuzz_recovery.c - fuzz target for recovery in the streaming WARC layer
 * (src/io/wn_warc.h): one corrupted record among honest ones must cost only
 * itself.
 *
 * The target writes K honest records itself (resource records, ids
 * <urn:uuid:...N>, text bodies that hold single line breaks but never a
 * record start, an empty line or a final line break: so no lie can look
 * like an honest end by accident inside them), corrupts one of them as the
 * input says, puts them in a container and reads them back.
 *
 * Input: eight header bytes, then bytes that seed the bodies.
 *   d[0]  container: % 5 = plain, gzip member per record, one gzip member,
 *         zstd frame per record, one zstd frame
 *   d[1]  K = 2 + d[1] % 31 records
 *   d[2]  the corrupted record: d[2] % K
 *   d[3]  bits 0-1: what is corrupted: its Content-Length (a lie of one of
 *         nine kinds: too long, too short, past the end, 2^63, 2^64 - 1,
 *         over 64 bits, negative, non-numeric, empty), one byte of its
 *         header, its trailer (three bytes replaced, the last LF kept), or
 *         its end (cut at a line boundary: the next record follows at a
 *         line start); bit 2: record cap 1 KiB (lies over the cap, held
 *         bytes reaching it) or 64 KiB; bits 3-7: feed size 1 + 13 * n
 *   d[4..7]  a parameter (little-endian): which lie and by how much, which
 *         byte and its value, the cut
 *
 * Checks: every honest record comes back, in order, with its id and its
 * block byte for byte; at most one error event, and at most one record
 * that is none of the honest ones (the corrupted one, maybe altered); each
 * event is a record counted in records_seen; feeding in pieces gives the
 * same events as feeding whole. A Content-Length that ends exactly where a
 * valid trailer stands (a later record's header end, say) is
 * indistinguishable from a record that holds others (an archived WARC):
 * such inputs get only the generic checks (a cut record's own length
 * counts as such a claim too). A cut inside a line is left out
 * on purpose: the next record's version line then no longer starts a line,
 * and the WARC grammar (and this reader) finds records at line starts.
 *
 * FUZZ_RECOVERY_DUMP=FILE writes the archive (uncompressed) of the input
 * to FILE, for `test_warc --dump FILE`. */
#include <stdio.h>
#include <string.h>
#include <zstd.h>

#include "fuzz_common.h"
#include "io/wn_warc.h"

#define K_MAX 32
#define BODY_MAX 700
#define HDR 8 /* input header bytes */

typedef struct buf {
  char *p;
  size_t n, cap;
} buf;

static void put(buf *b, const void *p, size_t n) {
  if (b->n + n > b->cap) {
    b->cap = (b->n + n) * 2 + 64;
    b->p = realloc(b->p, b->cap);
    FUZZ_CHECK(b->p != NULL);
  }
  if (n)
    memcpy(b->p + b->n, p, n);
  b->n += n;
}

static void puts_(buf *b, const char *s) {
  put(b, s, strlen(s));
}

/* ---- the honest records ------------------------------------------------ */

typedef struct rec {
  char id[64];
  char body[BODY_MAX];
  size_t body_n;
  buf bytes;       /* the record as written (the corrupted one: after corruption) */
  size_t block_at; /* offset of the block in bytes */
} rec;

static uint64_t rng_next(uint64_t *s) {
  *s ^= *s << 13;
  *s ^= *s >> 7;
  *s ^= *s << 17;
  return *s;
}

/* Lower-case words, single LFs between some; never two line ends in a row,
 * never "WARC" (no capitals), never a line break first or last. */
static void make_body(rec *r, uint64_t seed) {
  static const char ALPHA[] = "abcdefghijklmnopqrstuvwxyz0123456789 .,-\n";
  uint64_t s = seed | 1;
  r->body_n = rng_next(&s) % BODY_MAX;
  for (size_t i = 0; i < r->body_n; i++) {
    char ch = ALPHA[rng_next(&s) % (sizeof ALPHA - 1)];
    if (ch == '\n' && (i == 0 || i + 1 == r->body_n || r->body[i - 1] == '\n'))
      ch = 'x';
    r->body[i] = ch;
  }
}

static void make_record(rec *r, unsigned n, const char *cl) {
  char line[160];
  snprintf(r->id, sizeof r->id, "<urn:uuid:00000000-0000-0000-0000-%012u>", n);
  r->bytes.n = 0;
  puts_(&r->bytes, "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: ");
  puts_(&r->bytes, r->id);
  puts_(&r->bytes, "\r\nContent-Type: text/plain\r\n");
  if (cl)
    snprintf(line, sizeof line, "Content-Length: %s\r\n\r\n", cl);
  else
    snprintf(line, sizeof line, "Content-Length: %zu\r\n\r\n", r->body_n);
  puts_(&r->bytes, line);
  r->block_at = r->bytes.n;
  put(&r->bytes, r->body, r->body_n);
  puts_(&r->bytes, "\r\n\r\n");
}

/* ---- corruption ---------------------------------------------------------- */

/* Content-Length lie number p % 9 for a block of real bytes in a plain
 * stream of total bytes; *claim: the number, when it is one. */
static void lie(char *out, size_t cap, uint32_t p, size_t real, size_t total, uint64_t *claim,
                int *numeric) {
  uint32_t k = p % 9, x = p >> 4;
  *numeric = 1;
  if (k == 1 && real == 0)
    k = 0;
  switch (k) {
  case 0: *claim = real + 1 + x % 65536; break;
  case 1: *claim = real - 1 - x % real; break;
  case 8: *claim = total + x % 4096; break;
  default: *numeric = 0; break;
  }
  static const char *const WORDS[9] = {
      "", "", "9223372036854775808", "18446744073709551615", "99999999999999999999999", "-", "lots",
      "", ""};
  if (*numeric)
    snprintf(out, cap, "%llu", (unsigned long long)*claim);
  else if (k == 5)
    snprintf(out, cap, "-%u", x % 1000);
  else
    snprintf(out, cap, "%s", WORDS[k]);
}

/* Two line ends (CRLF or LF) at p[0..n): what the reader takes for a
 * record's trailer. */
static int trailer_at(const char *p, size_t n) {
  size_t i = 0;
  for (int ends = 0; ends < 2; ends++) {
    if (i < n && p[i] == '\r')
      i++;
    if (i >= n || p[i] != '\n')
      return 0;
    i++;
  }
  return 1;
}

/* Replace one header byte (not a digit of the Content-Length value, whose
 * lies are the lie kind's business). */
static void corrupt_header(rec *r, uint32_t p) {
  size_t cl_at = 0;
  for (size_t i = 0; i + 16 <= r->block_at; i++)
    if (memcmp(r->bytes.p + i, "Content-Length: ", 16) == 0)
      cl_at = i + 16;
  size_t at = p % r->block_at;
  if (at >= cl_at && at < r->block_at - 3) /* digits and the CR after them */
    at = at % cl_at;
  r->bytes.p[at] = (char)(p >> 16);
}

static void corrupt_trailer(rec *r, uint32_t p) {
  char *t = r->bytes.p + r->bytes.n - 4;
  t[0] = (char)p;
  t[1] = (char)(p >> 8);
  t[2] = (char)(p >> 16);
}

/* Cut after the (p % count)-th line break (the last one excluded). */
static void corrupt_cut(rec *r, uint32_t p) {
  size_t count = 0;
  for (size_t i = 0; i + 1 < r->bytes.n; i++)
    count += r->bytes.p[i] == '\n';
  size_t want = p % count;
  for (size_t i = 0; i + 1 < r->bytes.n; i++)
    if (r->bytes.p[i] == '\n' && want-- == 0) {
      r->bytes.n = i + 1;
      return;
    }
}

/* ---- containers -------------------------------------------------------- */

static uint32_t crc32_of(const char *p, size_t n) {
  static uint32_t table[256];
  if (!table[1])
    for (uint32_t i = 0; i < 256; i++) {
      uint32_t c = i;
      for (int k = 0; k < 8; k++)
        c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      table[i] = c;
    }
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; i++)
    c = table[(c ^ (unsigned char)p[i]) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

static void put_le32(buf *b, uint32_t v) {
  unsigned char le[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                         (unsigned char)(v >> 24)};
  put(b, le, 4);
}

/* One gzip member (RFC 1952) of stored deflate blocks (RFC 1951 §3.2.4). */
static void put_gzip(buf *b, const char *p, size_t n) {
  static const unsigned char HEAD[10] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff};
  put(b, HEAD, sizeof HEAD);
  size_t i = 0;
  do {
    size_t k = WN_MIN(n - i, (size_t)65535);
    unsigned char h[5] = {(unsigned char)(i + k == n), (unsigned char)k, (unsigned char)(k >> 8),
                          (unsigned char)~k, (unsigned char)(~k >> 8)};
    put(b, h, sizeof h);
    put(b, p + i, k);
    i += k;
  } while (i < n);
  put_le32(b, crc32_of(p, n));
  put_le32(b, (uint32_t)n);
}

static void put_zstd(buf *b, const char *p, size_t n) {
  size_t cap = ZSTD_compressBound(n);
  char *dst = malloc(cap);
  FUZZ_CHECK(dst != NULL);
  size_t k = ZSTD_compress(dst, cap, p, n, 1);
  FUZZ_CHECK(!ZSTD_isError(k));
  put(b, dst, k);
  free(dst);
}

static void put_in(buf *b, int box, const char *p, size_t n) {
  if (box == 1 || box == 2)
    put_gzip(b, p, n);
  else if (box == 3 || box == 4)
    put_zstd(b, p, n);
  else
    put(b, p, n);
}

/* ---- reading back -------------------------------------------------------- */

typedef struct seen {
  size_t n, none, errors, honest, other;
  uint64_t records, hash;
} seen;

static void see(seen *s, const wn_warc_record *r, const rec *recs, size_t k, size_t bad) {
  s->n++;
  s->hash = fuzz_mix(s->hash, r->id, strlen(r->id) + 1);
  s->hash = fuzz_mix(s->hash, &r->err, sizeof r->err);
  s->hash = fuzz_mix(s->hash, &r->uoffset, sizeof r->uoffset);
  s->hash = fuzz_mix(s->hash, r->block, r->block_len);
  s->none += r->type == WN_WARC_NONE;
  if (r->err != WN_WARC_OK) {
    s->errors++;
    return;
  }
  /* the next honest record, or something else */
  size_t want = s->honest + (s->honest >= bad);
  const rec *h = want < k ? &recs[want] : NULL;
  if (h && strcmp(r->id, h->id) == 0 && r->block && r->block_len == h->body_n &&
      memcmp(r->block, h->body, h->body_n) == 0)
    s->honest++;
  else
    s->other++;
}

static seen read_back(const buf *in, size_t piece, size_t cap, const rec *recs, size_t k,
                      size_t bad) {
  wn_warc_config cfg = {.max_record = cap};
  wn_warc *w = wn_warc_new(&cfg);
  FUZZ_CHECK(w != NULL);
  seen s = {0};
  wn_warc_record r;
  winnow_status st;
  for (size_t i = 0; i < in->n;) {
    size_t took = wn_warc_feed(w, in->p + i, WN_MIN(piece, in->n - i));
    FUZZ_CHECK(took > 0);
    i += took;
    while ((st = wn_warc_next(w, &r)) == WINNOW_OK)
      see(&s, &r, recs, k, bad);
    FUZZ_CHECK(st == WINNOW_END);
  }
  wn_warc_finish(w);
  while ((st = wn_warc_next(w, &r)) == WINNOW_OK)
    see(&s, &r, recs, k, bad);
  FUZZ_CHECK(st == WINNOW_END);
  wn_warc_stats stats;
  wn_warc_get_stats(w, &stats);
  s.records = stats.records;
  wn_warc_free(w);
  return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < HDR)
    return 0;
  int box = data[0] % 5;
  size_t k = 2 + data[1] % 31, bad = data[2] % k;
  int what = data[3] & 3;
  size_t cap = data[3] & 4 ? (size_t)1 << 10 : (size_t)64 << 10;
  size_t piece = 1 + (size_t)(data[3] >> 3) * 13;
  uint32_t p = (uint32_t)data[4] | (uint32_t)data[5] << 8 | (uint32_t)data[6] << 16 |
               (uint32_t)data[7] << 24;
  uint64_t seed = fuzz_mix(1469598103934665603ull, data + HDR, size - HDR);

  static rec recs[K_MAX];
  size_t total = 0;
  for (size_t i = 0; i < k; i++) {
    make_body(&recs[i], seed + i * 0x9E3779B97F4A7C15ull);
    make_record(&recs[i], (unsigned)i + 1, NULL);
    total += recs[i].bytes.n;
  }

  /* corrupt recs[bad] */
  rec *r = &recs[bad];
  uint64_t claim = 0;
  int numeric = 0;
  if (what == 0) {
    char cl[64];
    lie(cl, sizeof cl, p, r->body_n, total, &claim, &numeric);
    make_record(r, (unsigned)bad + 1, cl);
  } else if (what == 1) {
    corrupt_header(r, p);
  } else if (what == 2) {
    corrupt_trailer(r, p);
  } else {
    corrupt_cut(r, p);
    numeric = r->bytes.n >= r->block_at; /* its Content-Length now runs on */
    claim = r->body_n;
  }

  buf plain = {0}, in = {0};
  size_t bad_at = 0;
  for (size_t i = 0; i < k; i++) {
    if (i == bad)
      bad_at = plain.n;
    put(&plain, recs[i].bytes.p, recs[i].bytes.n);
    if (box == 0 || box == 1 || box == 3)
      put_in(&in, box, recs[i].bytes.p, recs[i].bytes.n);
  }
  if (box == 2 || box == 4)
    put_in(&in, box, plain.p, plain.n);

  const char *dump = getenv("FUZZ_RECOVERY_DUMP"); /* FILE: the archive, uncompressed */
  FILE *df = dump ? fopen(dump, "wb") : NULL;
  if (df) {
    fwrite(plain.p, 1, plain.n, df);
    fclose(df);
  }

  /* a claimed end at a valid trailer: an archived record, not a lie */
  int checkable = 1;
  if (numeric && claim < plain.n - bad_at - r->block_at) {
    size_t end = bad_at + r->block_at + (size_t)claim;
    checkable = !trailer_at(plain.p + end, plain.n - end);
  }

  seen whole = read_back(&in, in.n, cap, recs, k, bad);
  seen cut = read_back(&in, piece, cap, recs, k, bad);
  FUZZ_CHECK(whole.n == cut.n && whole.hash == cut.hash);
  FUZZ_CHECK(whole.records + whole.none == whole.n); /* records_seen counts every record */
  if (checkable) {
    if (whole.honest != k - 1 || whole.errors > 1 || whole.other > 1)
      fprintf(stderr,
              "fuzz_recovery: box %d, %zu records, #%zu bad (what %d, p %u): %zu of %zu"
              " honest back, %zu errors, %zu others\n",
              box, k, bad + 1, what, p, whole.honest, k - 1, whole.errors, whole.other);
    FUZZ_CHECK(whole.honest == k - 1);
    FUZZ_CHECK(whole.errors <= 1);
    FUZZ_CHECK(whole.other <= 1);
  }
  free(plain.p);
  free(in.p);
  return 0;
}
