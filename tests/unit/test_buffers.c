/* test_buffers.c - input buffers start small and grow with the input up
 * to their cap, so a short input does not pay for the cap (a fixed 4 MiB
 * container buffer and a 256 KiB read buffer per reader made every short
 * input slow, under ASan above all), and a long one is still read in
 * bounded memory: the container layer (src/io/wn_gzmember.h) and the
 * record reader's read buffer (src/io/wn_reader.h). */
#include <stdint.h>

#include "check.h"
#include "check_alloc.h"
#include "io/wn_gzmember.h"
#include "io/wn_reader.h"

#define FIRST_MAX ((size_t)64 << 10) /* the first buffer, at most */
#define CAP ((size_t)4 << 20)        /* the buffer's cap (IN_CAP) */

/* Deterministic bytes that never start a gzip member or zstd frame. */
static unsigned char byte_at(uint64_t i) {
  uint64_t x = (i + 1) * 0x9E3779B97F4A7C15ull;
  return (unsigned char)('a' + (x >> 59));
}

/* Push up to n bytes of the stream from offset *at; returns the room given. */
static size_t push(wn_gzm *g, uint64_t *at, uint64_t total) {
  size_t room = 0;
  char *dst = wn_gzm_room(g, &room);
  if (!dst)
    return 0;
  size_t k = (size_t)(total - *at < room ? total - *at : room);
  for (size_t i = 0; i < k; i++)
    dst[i] = (char)byte_at(*at + i);
  wn_gzm_commit(g, k);
  *at += k;
  if (*at == total)
    wn_gzm_finish(g);
  return room;
}

static void test_first_room_small(void) {
  wn_gzm *g = wn_gzm_new(0);
  size_t room = 0;
  CHECK(g && wn_gzm_room(g, &room) != NULL);
  CHECK(room > 0 && room <= FIRST_MAX);
  wn_gzm_free(g);
}

/* 10 MiB of plain input, consumed as it comes: every byte arrives in order
 * and the room offered never passes the cap. */
static void test_long_input_bounded(void) {
  const uint64_t total = (uint64_t)10 << 20;
  wn_gzm *g = wn_gzm_new(0);
  uint64_t in = 0, out = 0;
  size_t max_room = 0;
  int bad = 0;
  for (int guard = 0; guard < 100000 && !bad; guard++) {
    wn_gzm_span sp;
    wn_gzm_ev ev = wn_gzm_pull(g, 1, &sp);
    if (ev == WN_GZM_EOF)
      break;
    if (ev == WN_GZM_NEED_INPUT) {
      size_t room = push(g, &in, total);
      bad |= room == 0;
      max_room = room > max_room ? room : max_room;
      continue;
    }
    bad |= ev != WN_GZM_DATA;
    for (size_t i = 0; !bad && i < sp.n; i++)
      bad |= (unsigned char)sp.p[i] != byte_at(out + i);
    out += sp.n;
    wn_gzm_consume(g, sp.n);
  }
  CHECK(!bad);
  CHECK(in == total && out == total);
  CHECK(max_room > 0 && max_room <= CAP);
  wn_gzm_free(g);
}

/* A consumer that wants 3 MiB at once gets them: the buffer grows past
 * its first size, and no further than the cap. */
static void test_grows_for_consumer(void) {
  const uint64_t total = (uint64_t)6 << 20;
  const size_t want = (size_t)3 << 20;
  wn_gzm *g = wn_gzm_new(0);
  uint64_t in = 0;
  size_t max_room = 0;
  wn_gzm_ev ev = WN_GZM_NEED_INPUT;
  wn_gzm_span sp = {0};
  for (int guard = 0; guard < 1000 && ev == WN_GZM_NEED_INPUT; guard++) {
    ev = wn_gzm_pull(g, want, &sp);
    if (ev == WN_GZM_NEED_INPUT) {
      size_t room = push(g, &in, total);
      CHECK(room > 0);
      max_room = room > max_room ? room : max_room;
    }
  }
  CHECK(ev == WN_GZM_DATA && sp.n >= want);
  CHECK(max_room <= CAP);
  wn_gzm_free(g);
}

/* A failed growth is reported (NULL), and the stream keeps its bytes. */
static void test_grow_nomem(void) {
  if (!check_fault_injection())
    return;
  wn_gzm *g = wn_gzm_new(0);
  size_t room = 0;
  wn_alloc_fail_after(1);
  CHECK(wn_gzm_room(g, &room) == NULL && room == 0);
  wn_alloc_fail_after(0);
  char *dst = wn_gzm_room(g, &room);
  CHECK(dst != NULL && room > 0);
  if (dst) {
    memcpy(dst, "WARC", 4);
    wn_gzm_commit(g, 4);
  }
  wn_gzm_finish(g);
  wn_gzm_span sp;
  CHECK(wn_gzm_pull(g, 1, &sp) == WN_GZM_DATA && sp.n == 4 && memcmp(sp.p, "WARC", 4) == 0);
  wn_gzm_free(g);
}

/* A reader's buffer for a short file stays small; a long file is read
 * whole, in reads that grow. */
static void test_reader_buffer(void) {
  const char *dir = check_tmpdir("buffers");
  CHECK(dir != NULL);
  if (!dir)
    return;
  const char *small = check_tmppath("small.txt"), *big = check_tmppath("big.txt");
  FILE *f = fopen(small, "wb");
  CHECK(f && fputs("a short document\n", f) >= 0 && fclose(f) == 0);
  const size_t big_n = (size_t)3 << 20;
  f = fopen(big, "wb");
  for (size_t i = 0; f && i < big_n; i++)
    fputc(byte_at(i), f);
  CHECK(f && fclose(f) == 0);

  winnow_reader *r = NULL;
  winnow_record rec;
  char err[256];
  CHECK(winnow_reader_open(small, WINNOW_FORMAT_TEXT, 0, &r, err, sizeof err) == WINNOW_OK);
  CHECK(r && winnow_reader_next(r, &rec) == WINNOW_OK && rec.text_len == 17);
  CHECK(r && r->in.cap <= (size_t)64 << 10);
  winnow_reader_free(r);

  r = NULL;
  CHECK(winnow_reader_open(big, WINNOW_FORMAT_TEXT, 0, &r, err, sizeof err) == WINNOW_OK);
  CHECK(r && winnow_reader_next(r, &rec) == WINNOW_OK && rec.text_len == big_n);
  int same = r && rec.text_len == big_n;
  for (size_t i = 0; same && i < big_n; i++)
    same = (unsigned char)rec.text[i] == byte_at(i);
  CHECK(same);
  winnow_reader_free(r);
}

int main(void) {
  test_first_room_small();
  test_reader_buffer();
  test_long_input_bounded();
  test_grows_for_consumer();
  test_grow_nomem();
  return check_done("test_buffers");
}
