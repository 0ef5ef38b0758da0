/* wn_scan.h - bounded scanning of header text, shared by the WARC reader
 * (WARC 1.1 §4 named fields) and the HTTP parser (RFC 9112 §5, RFC 9110
 * §5.6), so one set of rules, one fuzz target and one place to fix.
 *
 * Every function takes an explicit length, reads nothing past it and needs
 * no NUL terminator. None allocates. */
#ifndef WN_SCAN_H
#define WN_SCAN_H

#include <stddef.h>
#include <stdint.h>

typedef enum wn_scan_rc {
  WN_SCAN_OK = 0,
  WN_SCAN_EMPTY,      /* nothing but white space */
  WN_SCAN_NOT_NUMBER, /* a byte that is not a digit of the base */
  WN_SCAN_OVERFLOW,   /* the number does not fit in 64 bits */
  WN_SCAN_NO_COLON,   /* a header line without ':' */
  WN_SCAN_BAD_NAME,   /* an empty field name or a byte outside token */
  WN_SCAN_CTL,        /* a control byte (NUL, bare CR, LF, DEL...) in a value */
  WN_SCAN_UTF8        /* invalid UTF-8 in a value */
} wn_scan_rc;

/* One header field: spans into the caller's text, not NUL-terminated
 * unless the caller made them so. */
typedef struct wn_hdr {
  const char *name;
  size_t name_len;
  const char *value;
  size_t value_len;
} wn_hdr;

/* Index just past the first '\n' of s[0..n), or 0 when there is none. */
size_t wn_scan_eol(const char *s, size_t n);

/* Length of a line without its terminator: "\r\n" or a bare "\n" (which
 * sets *lf_only). n counts the '\n'. */
size_t wn_scan_chomp(const char *s, size_t n, int *lf_only);

/* Trim optional white space (SP, HT: RFC 9110 §5.6.3) at both ends. */
size_t wn_scan_trim(const char **s, size_t n);

/* Split "name: value" (line without terminator). The name must be a token
 * (RFC 9110 §5.6.2) directly followed by ':' (RFC 9112 §5.1); the value is
 * trimmed. Value bytes are not checked: see wn_scan_value. */
wn_scan_rc wn_scan_header(const char *line, size_t n, wn_hdr *h);

/* Check a field value: HT and bytes 0x20-0x7E are fine; other controls are
 * WN_SCAN_CTL. With utf8, bytes >= 0x80 must form valid UTF-8 (WARC 1.1 §4
 * allows UTF-8 in values); without, they pass as obs-text (RFC 9110 §5.5). */
wn_scan_rc wn_scan_value(const char *v, size_t n, int utf8);

/* Decimal digits only (after trimming white space) into *out. */
wn_scan_rc wn_scan_u64(const char *s, size_t n, uint64_t *out);

/* Leading hex digits into *out; *used = digits read (none is
 * WN_SCAN_NOT_NUMBER). For chunk sizes (RFC 9112 §7.1). */
wn_scan_rc wn_scan_hex_u64(const char *s, size_t n, uint64_t *out, size_t *used);

/* s[0..n) equals the literal lit, ASCII case-insensitively. */
int wn_scan_ieq(const char *s, size_t n, const char *lit);
/* s[0..n) starts with lit, ASCII case-insensitively. */
int wn_scan_iprefix(const char *s, size_t n, const char *lit);

/* The first field named name (case-insensitive), or NULL. */
const wn_hdr *wn_scan_find(const wn_hdr *h, size_t n, const char *name);

/* Iterate a comma-separated list (RFC 9110 §5.6.1): returns 1 with the
 * next non-empty trimmed element in *item / *len and advances *pos, 0 at
 * the end. */
int wn_scan_list_next(const char *s, size_t n, size_t *pos, const char **item, size_t *len);

/* The value of parameter name of a media type such as
 * "text/html; charset=\"UTF-8\"" (RFC 9110 §5.6.6, quotes and quoted-pair
 * undone), copied NUL-terminated into out (truncated to cap - 1 bytes).
 * Returns 1 when found. */
int wn_scan_param(const char *s, size_t n, const char *name, char *out, size_t cap);

/* s[0..n) is valid UTF-8 (no overlongs, surrogates or code points past
 * U+10FFFF). */
int wn_scan_utf8_valid(const char *s, size_t n);

#endif
