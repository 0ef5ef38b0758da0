/* wn_gzmember_codec.h - one streaming interface over the decompressors the
 * readers use: ISA-L for gzip / zlib / raw deflate, libzstd, and libbrotli
 * when the build has it (WINNOW_HAVE_BROTLI). Used for WARC containers
 * (gzmember.c) and for HTTP Content-Encoding (http_decode.c). */
#ifndef WN_GZMEMBER_CODEC_H
#define WN_GZMEMBER_CODEC_H

#include <stddef.h>
#include <stdint.h>

typedef enum wn_codec_kind {
  WN_CODEC_GZIP = 0, /* one gzip member (RFC 1952), CRC32 and ISIZE checked */
  WN_CODEC_ZLIB,     /* zlib stream (RFC 1950), Adler-32 checked */
  WN_CODEC_DEFLATE,  /* raw deflate (RFC 1951) */
  WN_CODEC_ZSTD,     /* one zstd frame (RFC 8878), or a skippable frame */
  WN_CODEC_BR        /* brotli (RFC 7932) */
} wn_codec_kind;

typedef enum wn_codec_rc {
  WN_CODEC_MORE = 0, /* give more input or more output room */
  WN_CODEC_END,      /* the member / frame / stream is complete */
  WN_CODEC_FAIL,     /* invalid data: *why says what */
  WN_CODEC_NOMEM     /* the library could not allocate: not the data's fault */
} wn_codec_rc;

typedef struct wn_codec wn_codec;

/* NULL when out of memory, or for WN_CODEC_BR in a build without brotli. */
wn_codec *wn_codec_new(wn_codec_kind k);
void wn_codec_free(wn_codec *c); /* accepts NULL */
/* Forget the current stream; the next bytes start a new one. */
void wn_codec_reset(wn_codec *c);
/* Decode from in[0..*in_n) into out[0..*out_n); on return *in_n and *out_n
 * hold the bytes consumed and produced. After END, the bytes past the
 * member are not consumed. */
wn_codec_rc wn_codec_run(wn_codec *c, const void *in, size_t *in_n, void *out, size_t *out_n,
                         const char **why);
/* WN_CODEC_ZSTD: decode every later frame with this dictionary (copied).
 * WN_CODEC_END when loaded, WN_CODEC_FAIL when it is no dictionary,
 * WN_CODEC_NOMEM. */
wn_codec_rc wn_codec_zstd_dict(wn_codec *c, const void *dict, size_t n);
/* This build can decode brotli. */
int wn_codec_have_brotli(void);

#endif
