/* binary.c - bytes that are no text although a record says text or HTML:
 * images, PDFs, archives and compressed data served under a wrong
 * Content-Type, or random bytes. Cleaning them would only produce a page of
 * U+FFFD and mojibake, so winnow_clean_bytes refuses them (class
 * WINNOW_EC_BINARY).
 *
 * Two tests, both on the raw bytes before any conversion:
 *   1. a known file signature at offset 0;
 *   2. control characters that text never holds (NUL, C0 controls other
 *      than BS, TAB, LF, VT, FF, CR, SO, SI and ESC - ESC and SO/SI belong
 *      to the ISO-2022 encodings) in the first WN_BINARY_SAMPLE bytes after
 *      the BOM: binary when there are at least BINARY_MIN of them and they
 *      are more than 1 in BINARY_RATIO of the sample. Random bytes hold
 *      about 9% of such bytes; a page with a few stray NULs holds far fewer
 *      than 3%, and is read (the NULs become U+FFFD).
 * UTF-16 text has a NUL in every ASCII-range code unit, so when the
 * charset decision says UTF-16 (by BOM, label or NUL pattern) test 2 counts
 * code units instead of bytes: control code units, U+FFFE/U+FFFF and
 * unpaired surrogates. */
#include <string.h>

#include "wn_ctx.h"

#define BINARY_MIN 8    /* fewer control characters than this: text */
#define BINARY_RATIO 32 /* ... or at most one in this many */

typedef struct magic {
  const char *sig;
  unsigned char len; /* bytes of sig, at offset 0 */
  const char *what;
} magic;

static const magic MAGICS[] = {
    {"%PDF-", 5, "a PDF document"},
    {"\x89PNG\r\n\x1a\n", 8, "a PNG image"},
    {"GIF87a", 6, "a GIF image"},
    {"GIF89a", 6, "a GIF image"},
    {"\xFF\xD8\xFF", 3, "a JPEG image"},
    {"RIFF", 4, NULL}, /* with a form type: see riff_form */
    {"wOFF", 4, "a WOFF font"},
    {"wOF2", 4, "a WOFF2 font"},
    {"PK\x03\x04", 4, "a ZIP archive"},
    {"PK\x05\x06", 4, "a ZIP archive"},
    {"\x1F\x8B", 2, "gzip data"},
    {"\x28\xB5\x2F\xFD", 4, "a zstd frame"},
    {"\xFD"
     "7zXZ\x00",
     6, "xz data"},
    {"7z\xBC\xAF\x27\x1C", 6, "a 7-Zip archive"},
    {"Rar!\x1A\x07", 6, "a RAR archive"},
    {"\x7F"
     "ELF",
     4, "an ELF executable"},
    {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, "an OLE2 document"},
    {"\x1A\x45\xDF\xA3", 4, "a Matroska/WebM file"},
    {"OggS\x00", 5, "an Ogg file"},
};

/* The form types of RIFF files seen on the web, at offset 8. */
static const char *riff_form(const char *bytes, size_t n) {
  if (n < 12)
    return NULL;
  if (!memcmp(bytes + 8, "WEBP", 4))
    return "a WebP image";
  if (!memcmp(bytes + 8, "WAVE", 4))
    return "a WAV file";
  if (!memcmp(bytes + 8, "AVI ", 4))
    return "an AVI file";
  return NULL;
}

int wn_binary_magic(const char *bytes, size_t n, const char **what) {
  for (size_t i = 0; i < WN_ARRAY_LEN(MAGICS); i++) {
    const magic *m = &MAGICS[i];
    if (n >= m->len && !memcmp(bytes, m->sig, m->len)) {
      *what = m->what ? m->what : riff_form(bytes, n);
      if (*what)
        return 1;
    }
  }
  /* ISO base media (MP4, HEIF, AVIF): a big-endian box size, then "ftyp" */
  if (n >= 12 && !bytes[0] && !bytes[1] && !memcmp(bytes + 4, "ftyp", 4)) {
    *what = "an ISO media file (MP4, HEIF)";
    return 1;
  }
  /* bzip2: "BZh", a block size digit, then the block magic 31 41 59 26 53 59 */
  if (n >= 10 && !memcmp(bytes, "BZh", 3) && bytes[3] >= '1' && bytes[3] <= '9' &&
      !memcmp(bytes + 4, "1AY&SY", 6)) {
    *what = "bzip2 data";
    return 1;
  }
  return 0;
}

/* A control character no text holds. */
static int bad_control(uint32_t u) {
  return u < 0x08 || (u >= 0x10 && u < 0x20 && u != 0x1B);
}

static size_t count_bytes(const unsigned char *s, size_t n) {
  size_t bad = 0;
  for (size_t i = 0; i < n; i++)
    bad += bad_control(s[i]);
  return bad;
}

/* Bad code units of UTF-16 (be: big endian) in s[0..n), n even. */
static size_t count_units(const unsigned char *s, size_t n, int be) {
  size_t bad = 0, units = n / 2;
  int high = 0; /* the previous unit was a high surrogate */
  for (size_t i = 0; i < units; i++) {
    uint32_t u =
        be ? (uint32_t)s[2 * i] << 8 | s[2 * i + 1] : (uint32_t)s[2 * i + 1] << 8 | s[2 * i];
    int is_high = u >= 0xD800 && u < 0xDC00, is_low = u >= 0xDC00 && u < 0xE000;
    if (high && !is_low)
      bad++; /* the high surrogate before stood alone */
    if ((is_low && !high) || bad_control(u) || u == 0xFFFE || u == 0xFFFF)
      bad++;
    high = is_high;
  }
  /* a high surrogate at the end of the sample may be cut from its pair */
  return bad;
}

int wn_looks_binary(const char *bytes, size_t n, const wn_charset_decision *d, char *why,
                    size_t whylen) {
  size_t skip = WN_MIN(d->bom_len, n);
  const unsigned char *s = (const unsigned char *)bytes + skip;
  size_t len = WN_MIN(n - skip, (size_t)WN_BINARY_SAMPLE), bad, all;
  int utf16 = (d->enc->flags & WN_ENCF_UTF16) != 0;
  if (utf16) {
    all = len / 2;
    bad = count_units(s, len & ~(size_t)1, d->enc->id == WN_ENC_UTF16BE);
  } else {
    all = len;
    bad = count_bytes(s, len);
  }
  if (bad < BINARY_MIN || bad * BINARY_RATIO <= all)
    return 0;
  wn_fmt(why, whylen,
         "the bytes are no text: %zu of the first %zu %s are NULs or control characters "
         "(read as %s)",
         bad, all, utf16 ? "UTF-16 code units" : "bytes", d->name);
  return 1;
}
