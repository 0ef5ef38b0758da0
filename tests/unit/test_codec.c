/* test_codec.c - an allocation that fails inside zstd or brotli
 * (src/io/wn_gzmember_codec.h) is reported as out of memory, never as
 * corrupt data: a record lost to a full heap must not be counted as a bad
 * file. Every allocation of a decoder's life fails once in turn (the
 * fault-injection build, make check-asan); each run ends in the right
 * bytes or in WN_CODEC_NOMEM (NULL from wn_codec_new). */
#include <zstd.h>

#include "check.h"
#include "check_alloc.h"
#include "io/wn_gzmember_codec.h"

static const char TEXT[] = "hello, codec; hello, codec; hello, codec";

/* A brotli stream (RFC 7932) of "hello" in one uncompressed meta-block:
 * WBITS 16, ISLAST 0, MNIBBLES 4, MLEN-1 = 4, ISUNCOMPRESSED; then ISLAST,
 * ISLASTEMPTY. */
static const unsigned char BR_HELLO[] = {0x40, 0x00, 0x10, 'h', 'e', 'l', 'l', 'o', 0x03};

typedef struct outcome {
  int ok, nomem, other;
} outcome;

/* Decode in[0..n) with a fresh codec of kind k, the fail-th allocation
 * failing (0: none). */
static void decode_once(wn_codec_kind k, const void *in, size_t n, const char *want, size_t want_n,
                        long fail, outcome *o) {
  wn_alloc_fail_after(fail);
  wn_codec *c = wn_codec_new(k);
  if (!c) {
    wn_alloc_fail_after(0);
    o->nomem++;
    return;
  }
  char out[256];
  size_t in_n = n, out_n = sizeof out;
  const char *why = "";
  wn_codec_rc rc = wn_codec_run(c, in, &in_n, out, &out_n, &why);
  wn_alloc_fail_after(0);
  if (rc == WN_CODEC_END && out_n == want_n && memcmp(out, want, want_n) == 0)
    o->ok++;
  else if (rc == WN_CODEC_NOMEM)
    o->nomem++;
  else {
    o->other++;
    fprintf(stderr, "codec %d, allocation %ld failing: rc %d (%s)\n", (int)k, fail, (int)rc, why);
  }
  wn_codec_free(c);
}

static void sweep(wn_codec_kind k, const void *in, size_t n, const char *want, size_t want_n) {
  outcome o = {0};
  decode_once(k, in, n, want, want_n, 0, &o);
  CHECK(o.ok == 1); /* the stream is right */
  if (!check_fault_injection())
    return;
  o = (outcome){0};
  for (long fail = 1; fail <= 40; fail++)
    decode_once(k, in, n, want, want_n, fail, &o);
  CHECK(o.other == 0);
  CHECK(o.nomem > 0); /* some allocation was hit */
}

static void test_zstd_nomem(void) {
  char frame[256];
  size_t n = ZSTD_compress(frame, sizeof frame, TEXT, sizeof TEXT - 1, 3);
  CHECK(!ZSTD_isError(n));
  if (!ZSTD_isError(n))
    sweep(WN_CODEC_ZSTD, frame, n, TEXT, sizeof TEXT - 1);
}

static void test_brotli_nomem(void) {
  if (wn_codec_have_brotli())
    sweep(WN_CODEC_BR, BR_HELLO, sizeof BR_HELLO, "hello", 5);
}

int main(void) {
  test_zstd_nomem();
  test_brotli_nomem();
  return check_done("test_codec");
}
