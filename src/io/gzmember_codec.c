/* gzmember_codec.c - ISA-L, libzstd and (optionally) libbrotli behind one
 * streaming call (see wn_gzmember_codec.h). Every allocation of the
 * libraries goes through wn_malloc (zstd and brotli take allocators; ISA-L
 * keeps its whole state in a struct we allocate). */
#define ZSTD_STATIC_LINKING_ONLY /* ZSTD_createDCtx_advanced: custom allocator */
#include <isa-l/igzip_lib.h>
#include <string.h>
#include <zstd.h>
#include <zstd_errors.h>
#ifdef WINNOW_HAVE_BROTLI
#include <brotli/decode.h>
#endif

#include "../common/wn_common.h"
#include "wn_gzmember_codec.h"

/* ISA-L lengths are 32-bit: feed it at most this much per call. */
#define ISAL_STEP ((size_t)1 << 30)
/* Largest zstd window accepted (2^27 = 128 MiB, zstd's own default for
 * streaming): a frame asking for more is refused, not allocated. */
#define ZSTD_WINDOW_LOG_MAX 27

struct wn_codec {
  wn_codec_kind kind;
  struct inflate_state *isal;
  ZSTD_DCtx *zstd;
#ifdef WINNOW_HAVE_BROTLI
  BrotliDecoderState *br;
#endif
};

static void *zalloc(void *opaque, size_t n) {
  (void)opaque;
  return wn_malloc(n);
}
static void zfree(void *opaque, void *p) {
  (void)opaque;
  wn_free(p);
}

int wn_codec_have_brotli(void) {
#ifdef WINNOW_HAVE_BROTLI
  return 1;
#else
  return 0;
#endif
}

/* isal_inflate_reset clears crc_flag: the wrapper must be set again after
 * every reset or the next member is read as raw deflate (perf-limits.md). */
static void isal_start(wn_codec *c) {
  isal_inflate_reset(c->isal);
  c->isal->crc_flag = c->kind == WN_CODEC_GZIP   ? ISAL_GZIP
                      : c->kind == WN_CODEC_ZLIB ? ISAL_ZLIB
                                                 : ISAL_DEFLATE;
}

static int open_backend(wn_codec *c) {
  switch (c->kind) {
  case WN_CODEC_GZIP:
  case WN_CODEC_ZLIB:
  case WN_CODEC_DEFLATE:
    /* zeroed: on a distance too far back, ISA-L 2.30 has already copied
     * bytes of its window (inside the state) to the output when it reports
     * ISAL_INVALID_LOOKBACK; from malloc they were whatever the heap held,
     * and a corrupt member's events differed from run to run (fuzz_warc,
     * test_warc: test_gzip_bad_distance) */
    if (!(c->isal = wn_calloc(1, sizeof *c->isal)))
      return 0;
    isal_inflate_init(c->isal);
    isal_start(c);
    return 1;
  case WN_CODEC_ZSTD:
    c->zstd = ZSTD_createDCtx_advanced((ZSTD_customMem){zalloc, zfree, NULL});
    return c->zstd &&
           !ZSTD_isError(ZSTD_DCtx_setParameter(c->zstd, ZSTD_d_windowLogMax, ZSTD_WINDOW_LOG_MAX));
  case WN_CODEC_BR:
#ifdef WINNOW_HAVE_BROTLI
    c->br = BrotliDecoderCreateInstance(zalloc, zfree, NULL);
    return c->br != NULL;
#else
    return 0;
#endif
  }
  return 0;
}

wn_codec *wn_codec_new(wn_codec_kind k) {
  wn_codec *c = wn_calloc(1, sizeof *c);
  if (!c)
    return NULL;
  c->kind = k;
  if (!open_backend(c)) {
    wn_codec_free(c);
    return NULL;
  }
  return c;
}

void wn_codec_free(wn_codec *c) {
  if (!c)
    return;
  wn_free(c->isal);
  ZSTD_freeDCtx(c->zstd);
#ifdef WINNOW_HAVE_BROTLI
  if (c->br)
    BrotliDecoderDestroyInstance(c->br);
#endif
  wn_free(c);
}

void wn_codec_reset(wn_codec *c) {
  if (c->isal)
    isal_start(c);
  if (c->zstd)
    ZSTD_DCtx_reset(c->zstd, ZSTD_reset_session_only);
#ifdef WINNOW_HAVE_BROTLI
  if (c->br) {
    BrotliDecoderDestroyInstance(c->br);
    c->br = BrotliDecoderCreateInstance(zalloc, zfree, NULL);
  }
#endif
}

/* A zstd error code as a result. */
static wn_codec_rc zstd_rc(size_t rc) {
  if (!ZSTD_isError(rc))
    return WN_CODEC_END;
  return ZSTD_getErrorCode(rc) == ZSTD_error_memory_allocation ? WN_CODEC_NOMEM : WN_CODEC_FAIL;
}

wn_codec_rc wn_codec_zstd_dict(wn_codec *c, const void *dict, size_t n) {
  if (!c->zstd)
    return WN_CODEC_FAIL;
  ZSTD_DCtx_reset(c->zstd, ZSTD_reset_session_only); /* loading needs a fresh session */
  return zstd_rc(ZSTD_DCtx_loadDictionary(c->zstd, dict, n));
}

static const char *isal_why(int rc) {
  switch (rc) {
  case ISAL_INVALID_BLOCK: return "invalid deflate block";
  case ISAL_INVALID_SYMBOL: return "invalid deflate symbol";
  case ISAL_INVALID_LOOKBACK: return "invalid deflate distance";
  case ISAL_INVALID_WRAPPER: return "invalid gzip/zlib header";
  case ISAL_UNSUPPORTED_METHOD: return "compression method is not deflate";
  case ISAL_INCORRECT_CHECKSUM: return "checksum mismatch";
  case ISAL_NEED_DICT: return "zlib stream needs a preset dictionary";
  default: return "invalid deflate data";
  }
}

static wn_codec_rc run_isal(wn_codec *c, const void *in, size_t *in_n, void *out, size_t *out_n,
                            const char **why) {
  struct inflate_state *s = c->isal;
  s->next_in = (uint8_t *)(uintptr_t)in; /* ISA-L never writes its input */
  s->avail_in = (uint32_t)WN_MIN(*in_n, ISAL_STEP);
  s->next_out = out;
  s->avail_out = (uint32_t)WN_MIN(*out_n, ISAL_STEP);
  int rc = isal_inflate(s);
  *in_n = (size_t)(s->next_in - (const uint8_t *)in);
  *out_n = (size_t)(s->next_out - (uint8_t *)out);
  if (rc < 0 || rc == ISAL_NEED_DICT) {
    *why = isal_why(rc);
    return WN_CODEC_FAIL;
  }
  return s->block_state == ISAL_BLOCK_FINISH ? WN_CODEC_END : WN_CODEC_MORE;
}

static wn_codec_rc run_zstd(wn_codec *c, const void *in, size_t *in_n, void *out, size_t *out_n,
                            const char **why) {
  ZSTD_inBuffer ib = {in, *in_n, 0};
  ZSTD_outBuffer ob = {out, *out_n, 0};
  size_t rc = ZSTD_decompressStream(c->zstd, &ob, &ib);
  *in_n = ib.pos;
  *out_n = ob.pos;
  if (ZSTD_isError(rc)) {
    *why = ZSTD_getErrorName(rc);
    return zstd_rc(rc);
  }
  /* 0: the frame is decoded and fully flushed (zstd.h, ZSTD_decompressStream) */
  return rc == 0 ? WN_CODEC_END : WN_CODEC_MORE;
}

#ifdef WINNOW_HAVE_BROTLI
static wn_codec_rc run_br(wn_codec *c, const void *in, size_t *in_n, void *out, size_t *out_n,
                          const char **why) {
  size_t ai = *in_n, ao = *out_n;
  const uint8_t *ni = in;
  uint8_t *no = out;
  if (!c->br) { /* wn_codec_reset could not make a new instance */
    *in_n = *out_n = 0;
    *why = "out of memory";
    return WN_CODEC_NOMEM;
  }
  BrotliDecoderResult r = BrotliDecoderDecompressStream(c->br, &ai, &ni, &ao, &no, NULL);
  *in_n -= ai;
  *out_n -= ao;
  if (r == BROTLI_DECODER_RESULT_ERROR) {
    BrotliDecoderErrorCode e = BrotliDecoderGetErrorCode(c->br);
    *why = BrotliDecoderErrorString(e);
    /* decode.h: the _ERROR_ALLOC_* codes, -21 to -30, are failed allocations */
    return e <= BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MODES &&
                   e >= BROTLI_DECODER_ERROR_ALLOC_BLOCK_TYPE_TREES
               ? WN_CODEC_NOMEM
               : WN_CODEC_FAIL;
  }
  return r == BROTLI_DECODER_RESULT_SUCCESS ? WN_CODEC_END : WN_CODEC_MORE;
}
#endif

wn_codec_rc wn_codec_run(wn_codec *c, const void *in, size_t *in_n, void *out, size_t *out_n,
                         const char **why) {
  *why = "";
  if (c->isal)
    return run_isal(c, in, in_n, out, out_n, why);
  if (c->zstd)
    return run_zstd(c, in, in_n, out, out_n, why);
#ifdef WINNOW_HAVE_BROTLI
  return run_br(c, in, in_n, out, out_n, why);
#else
  *in_n = *out_n = 0;
  *why = "brotli is not built in";
  return WN_CODEC_FAIL;
#endif
}
