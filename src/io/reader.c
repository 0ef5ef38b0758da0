/* reader.c - input records, streamed: opening an input, the read buffer,
 * plain text and HTML files (the whole input is one record) and JSONL (one
 * record per line). WARC input is reader_warc.c's, the choice of format
 * for AUTO reader_sniff.c's.
 *
 * The reader never holds more than one record plus one read chunk: a JSONL
 * line longer than the record cap is skipped chunk by chunk without being
 * buffered, and a text file over the cap is drained the same way. Every
 * pointer a record carries is owned here and released at the next call.
 *
 * JSONL lines go to cJSON, whose strings are NUL-terminated: before parsing,
 * each line is copied with NULs made impossible (a "\u0000" escape becomes
 * "\ufffd", a raw NUL byte becomes U+FFFD). Lone UTF-16 surrogate escapes,
 * which cJSON rejects, become "\ufffd" too: one bad escape should not cost
 * a whole document. When a line held NULs, its text is decoded again from
 * the line with them kept (text_with_nuls), so that cleaning replaces and
 * counts them as it does a text file's. */
#if !defined(_GNU_SOURCE) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L /* read(2), open(2) flags, strerror_r */
#endif
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "wn_io.h"
#include "wn_reader.h"

#define CHUNK WN_READER_CHUNK
/* The first read(2) asks for READ_FIRST bytes, each next one for twice as
 * many up to CHUNK: a short input never gets a CHUNK-sized buffer (a
 * 256 KiB allocation per reader was most of the cost of a short file under
 * ASan), a long one reads CHUNK at a time from its fourth read on. A read
 * that returns less (a pipe, the end) does not grow the next one. */
#define READ_FIRST ((size_t)16 * 1024)
#define DEFAULT_MAX ((size_t)64 * 1024 * 1024) /* record cap when 0 */
#define MAX_SAFE_INT 9007199254740992.0        /* 2^53: exact in a double */

static const char BOM[] = "\xEF\xBB\xBF";
#define BOM_LEN (sizeof BOM - 1)

/* One JSONL line in r->in, '\n' and a trailing '\r' excluded. */
typedef struct line {
  size_t start, len;
  uint64_t off; /* input offset of the line start */
  int too_long; /* over the cap: skipped, start/len are meaningless */
} line;

/* ------------------------------------------------------------------------ */
/* Messages                                                                  */
/* ------------------------------------------------------------------------ */

/* glibc gives the GNU strerror_r under _GNU_SOURCE and the XSI one
 * otherwise; pick by return type so both builds compile (strerror itself is
 * not thread-safe). */
static const char *err_gnu(char *s, char *buf) {
  (void)buf;
  return s;
}
static const char *err_xsi(int rc, char *buf) {
  return rc == 0 ? buf : "unknown error";
}
static const char *errstr(int e, char *buf, size_t n) {
  return _Generic(strerror_r(e, buf, n), char *: err_gnu, int: err_xsi)(
      strerror_r(e, buf, n), buf);
}

__attribute__((format(printf, 3, 4))) static void set_err(char *err, size_t errlen, const char *fmt,
                                                          ...) {
  if (!err || errlen == 0)
    return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, errlen, fmt, ap);
  va_end(ap);
}

winnow_status wn_reader_io_fail(winnow_reader *r, int e) {
  char buf[128];
  set_err(r->msg, r->msg_cap, "%s: %s", r->path, errstr(e, buf, sizeof buf));
  return WINNOW_ERR_IO;
}

/* ------------------------------------------------------------------------ */
/* Input buffer                                                              */
/* ------------------------------------------------------------------------ */

/* Drop consumed bytes so the buffer only ever holds the pending record. */
static void compact(winnow_reader *r) {
  if (r->pos == 0)
    return;
  size_t keep = r->in.len - r->pos;
  if (keep)
    memmove(r->in.p, r->in.p + r->pos, keep);
  r->in.len = keep;
  r->in_off += r->pos;
  r->scan -= r->pos;
  r->pos = 0;
}

winnow_status wn_reader_fill(winnow_reader *r) {
  compact(r);
  size_t want = r->read_size ? r->read_size : READ_FIRST;
  winnow_status st = wn_buf_reserve(&r->in, want);
  if (st != WINNOW_OK)
    return st == WINNOW_ERR_LIMIT ? WINNOW_ERR_INTERNAL : st;
  for (;;) {
    ssize_t n = read(r->fd, r->in.p + r->in.len, want);
    if (n >= 0) {
      r->read_size = (size_t)n == want ? WN_MIN(2 * want, CHUNK) : want;
      r->eof = n == 0;
      r->in.len += (size_t)n;
      r->nread += (uint64_t)n;
      return WINNOW_OK;
    }
    if (errno != EINTR)
      return wn_reader_io_fail(r, errno);
  }
}

/* The next '\n' at or after scan, or NULL; never rescans a byte. */
static const char *find_nl(winnow_reader *r) {
  if (r->scan >= r->in.len)
    return NULL;
  const char *nl = memchr(r->in.p + r->scan, '\n', r->in.len - r->scan);
  r->scan = nl ? (size_t)(nl - r->in.p) : r->in.len;
  return nl;
}

static int has_bom(const char *s, size_t n) {
  return n >= BOM_LEN && memcmp(s, BOM, BOM_LEN) == 0;
}

/* ------------------------------------------------------------------------ */
/* Records                                                                   */
/* ------------------------------------------------------------------------ */

void wn_reader_begin(winnow_reader *r, winnow_record *rec, uint64_t index, uint64_t off) {
  *rec = (winnow_record){
      .source = r->path, .index = index, .offset = off, .status = WINNOW_OK, .text = ""};
}

static winnow_status default_id(winnow_reader *r, winnow_record *rec) {
  wn_buf_clear(&r->idb);
  winnow_status st = wn_buf_printf(&r->idb, "%s:%" PRIu64, r->path, rec->index);
  if (st == WINNOW_OK)
    st = wn_buf_nul(&r->idb);
  if (st == WINNOW_OK)
    rec->id = r->idb.p;
  return st;
}

winnow_status wn_reader_record_error(winnow_reader *r, winnow_record *rec, winnow_errclass ec,
                                     const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(r->recerr, sizeof r->recerr, fmt, ap);
  va_end(ap);
  rec->status = winnow_errclass_status(ec);
  rec->err_class = ec;
  rec->error = r->recerr;
  rec->text = "";
  rec->text_len = 0;
  return rec->id ? WINNOW_OK : default_id(r, rec);
}

static void release_record(winnow_reader *r) {
  cJSON_Delete(r->root);
  r->root = NULL;
}

/* ------------------------------------------------------------------------ */
/* TEXT and HTML: the whole input is one record                              */
/* ------------------------------------------------------------------------ */

/* Read and forget the rest of the input, so a pipe writer is not cut off. */
static winnow_status drain(winnow_reader *r) {
  while (!r->eof) {
    r->pos = r->scan = r->in.len;
    winnow_status st = wn_reader_fill(r);
    if (st != WINNOW_OK)
      return st;
  }
  return WINNOW_OK;
}

/* The bytes as they are: no charset repair here (winnow_clean_record
 * decides the charset of PLAIN and HTML content). */
static winnow_status next_whole(winnow_reader *r, winnow_record *rec) {
  int html = r->format == WINNOW_FORMAT_HTML;
  winnow_status st;
  while (!r->eof && r->in.len <= r->max)
    if ((st = wn_reader_fill(r)) != WINNOW_OK)
      return st;
  r->state = WINNOW_END; /* the one record is out */
  wn_reader_begin(r, rec, 1, 0);
  rec->id = r->path;
  rec->content = html ? WINNOW_CONTENT_HTML : WINNOW_CONTENT_PLAIN;
  if (r->in.len > r->max) {
    if ((st = drain(r)) != WINNOW_OK)
      return st;
    return wn_reader_record_error(r, rec, WINNOW_EC_RECORD_TOO_BIG,
                                  "%s is larger than the record cap of %zu bytes",
                                  html ? "page" : "text", r->max);
  }
  if (r->in.len == 0)
    return wn_reader_record_error(r, rec, WINNOW_EC_EMPTY_INPUT, "the input is empty");
  if ((st = wn_buf_nul(&r->in)) != WINNOW_OK)
    return st;
  rec->text = r->in.p;
  rec->text_len = r->in.len;
  return WINNOW_OK;
}

/* ------------------------------------------------------------------------ */
/* JSONL: line splitting                                                     */
/* ------------------------------------------------------------------------ */

static void set_line(winnow_reader *r, line *l, size_t end) {
  l->start = r->pos;
  l->len = end - r->pos;
  l->off = r->in_off + r->pos;
  l->too_long = 0;
  if (l->len && r->in.p[l->start + l->len - 1] == '\r')
    l->len--;
}

/* The pending line is over the cap: forget it as it streams past. */
static winnow_status skip_long_line(winnow_reader *r, line *l) {
  *l = (line){.off = r->in_off + r->pos, .too_long = 1};
  for (;;) {
    r->pos = r->scan = r->in.len; /* all of it is inside the long line */
    if (r->eof)
      return WINNOW_OK;
    winnow_status st = wn_reader_fill(r);
    if (st != WINNOW_OK)
      return st;
    const char *nl = find_nl(r);
    if (nl) {
      r->pos = r->scan = (size_t)(nl - r->in.p) + 1;
      return WINNOW_OK;
    }
  }
}

static winnow_status take_line(winnow_reader *r, line *l) {
  for (;;) {
    const char *nl = find_nl(r);
    size_t pending = r->in.len - r->pos;
    if (nl || (r->eof && pending)) {
      size_t end = nl ? (size_t)(nl - r->in.p) : r->in.len;
      set_line(r, l, end);
      r->pos = r->scan = nl ? end + 1 : end;
      return WINNOW_OK;
    }
    if (r->eof)
      return WINNOW_END;
    if (pending > r->max + 1) /* + 1: room for a '\r' before the '\n' */
      return skip_long_line(r, l);
    winnow_status st = wn_reader_fill(r);
    if (st != WINNOW_OK)
      return st;
  }
}

/* ------------------------------------------------------------------------ */
/* JSONL: making a line safe for cJSON                                       */
/* ------------------------------------------------------------------------ */

static int is_high(long v) {
  return v >= 0xD800 && v <= 0xDBFF;
}
static int is_low(long v) {
  return v >= 0xDC00 && v <= 0xDFFF;
}

/* s[i] is a backslash that starts an escape (scanning left to right
 * consumes "\\" pairs whole, so an escaped backslash never starts one).
 * Copies the escape to out, same length, and returns that length. */
static size_t copy_escape(const char *s, size_t i, size_t n, char *out) {
  size_t k = i + 1 < n && s[i + 1] != '\0' ? 2 : 1;
  long v = k == 2 && s[i + 1] == 'u' && i + 6 <= n ? wn_json_hex4(s + i + 2, 4) : -1;
  if (v >= 0)
    k = 6;
  if (is_high(v) && i + 12 <= n && s[i + 6] == '\\' && s[i + 7] == 'u' &&
      is_low(wn_json_hex4(s + i + 8, 4)))
    k = 12; /* a well-formed surrogate pair */
  memcpy(out, s + i, k);
  if (v == 0 || (k == 6 && (is_high(v) || is_low(v))))
    memcpy(out, "\\ufffd", 6);
  return k;
}

static size_t count_nul(const char *s, size_t n) {
  size_t c = 0;
  const char *end = s + n;
  while (s < end && (s = memchr(s, '\0', (size_t)(end - s))) != NULL) {
    c++;
    s++;
  }
  return c;
}

/* Copy the line to r->work, NUL-free and NUL-terminated; *nuls counts the
 * NULs made U+FFFD (raw or "\u0000"). */
static winnow_status sanitise_line(winnow_reader *r, const char *s, size_t n, size_t *nuls) {
  wn_buf_clear(&r->work);
  size_t raw = count_nul(s, n);
  winnow_status st = wn_buf_reserve(&r->work, n + 2 * raw);
  if (st != WINNOW_OK)
    return st;
  char *out = r->work.p;
  size_t o = 0;
  *nuls = raw;
  for (size_t i = 0; i < n;) {
    if (s[i] == '\\') {
      size_t k = copy_escape(s, i, n, out + o);
      *nuls += k == 6 && memcmp(s + i + 2, "0000", 4) == 0;
      i += k;
      o += k;
    } else if (s[i] == '\0') {
      memcpy(out + o, "\xEF\xBF\xBD", 3);
      o += 3;
      i++;
    } else {
      out[o++] = s[i++];
    }
  }
  r->work.len = o;
  return wn_buf_nul(&r->work);
}

/* ------------------------------------------------------------------------ */
/* JSONL: the raw text of a top-level member                                 */
/* ------------------------------------------------------------------------ */

/* Span of the first top-level member named key, as
 * cJSON_GetObjectItemCaseSensitive finds the first one (a name written
 * with escapes, "\u0069d", is the same name). Only run on text cJSON
 * accepted. */
static int raw_member(const char *s, size_t n, const char *key, size_t *vs, size_t *ve) {
  size_t i = has_bom(s, n) ? BOM_LEN : 0;
  wn_json_member m;
  if (!wn_json_open(s, n, &i, '{'))
    return 0;
  while (wn_json_member_next(s, n, &i, &m))
    if (wn_json_key_is(s, &m, key)) {
      *vs = m.value;
      *ve = m.value_end;
      return 1;
    }
  return 0;
}

/* ------------------------------------------------------------------------ */
/* JSONL: from a parsed line to a record                                     */
/* ------------------------------------------------------------------------ */

/* Safe integers print without ".0"; any other number keeps its input text,
 * so a 20-digit id is not rounded through a double. */
static winnow_status number_id(winnow_reader *r, winnow_record *rec, double v) {
  size_t a, b;
  winnow_status st;
  wn_buf_clear(&r->idb);
  if (v >= -MAX_SAFE_INT && v <= MAX_SAFE_INT && v == (double)(long long)v)
    st = wn_buf_printf(&r->idb, "%lld", (long long)v);
  else if (raw_member(r->work.p, r->work.len, "id", &a, &b))
    st = wn_buf_add(&r->idb, r->work.p + a, b - a);
  else
    st = wn_buf_printf(&r->idb, "%.17g", v);
  if (st == WINNOW_OK)
    st = wn_buf_nul(&r->idb);
  if (st == WINNOW_OK)
    rec->id = r->idb.p;
  return st;
}

static winnow_status set_id(winnow_reader *r, winnow_record *rec) {
  const cJSON *id = cJSON_GetObjectItemCaseSensitive(r->root, "id");
  if (cJSON_IsString(id)) {
    rec->id = id->valuestring;
    return WINNOW_OK;
  }
  if (cJSON_IsNumber(id))
    return number_id(r, rec, id->valuedouble);
  return default_id(r, rec);
}

/* The input's own text of the "metadata" object passes through, so numbers
 * are not rounded through a double (cJSON re-printing would turn
 * 12345678901234567890 into 1.2345678901234567e+19) - when it is strict
 * JSON. What only cJSON's leniency accepted (01, 1., raw control bytes) is
 * re-printed by cJSON, so the output stays valid JSON. */
static winnow_status set_meta(winnow_reader *r, winnow_record *rec) {
  const cJSON *m = cJSON_GetObjectItemCaseSensitive(r->root, "metadata");
  size_t a, b;
  if (!cJSON_IsObject(m))
    return WINNOW_OK;
  if (raw_member(r->work.p, r->work.len, "metadata", &a, &b) &&
      wn_json_strict(r->work.p + a, b - a)) {
    rec->meta_json = r->work.p + a;
    rec->meta_json_len = b - a;
    return WINNOW_OK;
  }
  char *printed = cJSON_PrintUnformatted(m);
  if (!printed)
    return WINNOW_ERR_NOMEM;
  wn_buf_clear(&r->metab);
  winnow_status st = wn_buf_adds(&r->metab, printed);
  cJSON_free(printed);
  if (st != WINNOW_OK)
    return st;
  rec->meta_json = r->metab.p;
  rec->meta_json_len = r->metab.len;
  return WINNOW_OK;
}

/* cJSON stopped at an object or array that would open one level more
 * than its nesting cap (CJSON_NESTING_LIMIT, counting the line's own
 * object: 1000 in Debian's build), not at bad syntax. */
static int too_deep(const winnow_reader *r, const char *end) {
  if (!end || end < r->work.p || end >= r->work.p + r->work.len || (*end != '{' && *end != '['))
    return 0;
  return wn_json_depth_at(r->work.p, (size_t)(end - r->work.p)) >= CJSON_NESTING_LIMIT;
}

/* The error position is a byte offset in the input line (record.offset +
 * K is the byte in the input), so it is only given when the copy cJSON saw
 * has the line's layout, i.e. no raw NUL was widened. */
static winnow_status invalid_json(winnow_reader *r, winnow_record *rec, const char *end, size_t n,
                                  size_t skipped) {
  if (too_deep(r, end))
    return wn_reader_record_error(r, rec, WINNOW_EC_JSON_TOO_DEEP,
                                  "line %" PRIu64 ": JSON nested deeper than %d levels", rec->index,
                                  CJSON_NESTING_LIMIT);
  if (!end || r->work.len != n)
    return wn_reader_record_error(r, rec, WINNOW_EC_INVALID_JSON, "line %" PRIu64 ": invalid JSON",
                                  rec->index);
  return wn_reader_record_error(r, rec, WINNOW_EC_INVALID_JSON,
                                "line %" PRIu64 ": invalid JSON at byte %zu", rec->index,
                                (size_t)(end - r->work.p) + skipped);
}

/* The line held NULs, which cJSON could not see: the text is decoded again
 * from the line itself, its NULs kept, so that cleaning makes them U+FFFD
 * and counts them in repairs, as in a text file. The first "text" member
 * is the one cJSON found. */
static winnow_status text_with_nuls(winnow_reader *r, winnow_record *rec, const char *s, size_t n) {
  size_t a, b;
  if (!raw_member(s, n, "text", &a, &b) || b - a < 2 || s[a] != '"')
    return WINNOW_ERR_INTERNAL; /* cJSON found a string there */
  wn_buf_clear(&r->textb);
  winnow_status st = wn_buf_reserve(&r->textb, b - a);
  if (st != WINNOW_OK)
    return st;
  r->textb.len = wn_json_unescape(s + a + 1, b - a - 2, r->textb.p);
  rec->text = r->textb.p;
  rec->text_len = r->textb.len;
  return WINNOW_OK;
}

static winnow_status json_record(winnow_reader *r, winnow_record *rec, const char *s, size_t n,
                                 size_t skipped) {
  size_t nuls;
  winnow_status st = sanitise_line(r, s, n, &nuls);
  if (st != WINNOW_OK)
    return st;
  const char *end = NULL;
  r->root = cJSON_ParseWithLengthOpts(r->work.p, r->work.len, &end, 0);
  if (!r->root || wn_json_skip_ws(r->work.p, (size_t)(end - r->work.p), r->work.len) != r->work.len)
    return invalid_json(r, rec, end, n, skipped);
  if (!cJSON_IsObject(r->root))
    return wn_reader_record_error(r, rec, WINNOW_EC_INVALID_JSON,
                                  "line %" PRIu64 ": not a JSON object", rec->index);
  if ((st = set_id(r, rec)) != WINNOW_OK || (st = set_meta(r, rec)) != WINNOW_OK)
    return st;
  const cJSON *t = cJSON_GetObjectItemCaseSensitive(r->root, "text");
  if (!cJSON_IsString(t))
    return wn_reader_record_error(r, rec, WINNOW_EC_JSON_NO_TEXT,
                                  "line %" PRIu64 ": no string field \"text\"", rec->index);
  if (nuls)
    return text_with_nuls(r, rec, s, n);
  rec->text = t->valuestring;
  rec->text_len = strlen(t->valuestring);
  return WINNOW_OK;
}

/* JSON white space only: not a record, though it counts as a line. */
static int is_blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
      return 0;
  return 1;
}

static winnow_status next_jsonl(winnow_reader *r, winnow_record *rec) {
  for (;;) {
    line l;
    winnow_status st = take_line(r, &l);
    if (st != WINNOW_OK)
      return st;
    wn_reader_begin(r, rec, ++r->line, l.off);
    if (l.too_long || l.len > r->max)
      return wn_reader_record_error(r, rec, WINNOW_EC_RECORD_TOO_BIG,
                                    "line %" PRIu64 ": longer than the record cap of %zu bytes",
                                    rec->index, r->max);
    const char *s = r->in.p + l.start;
    size_t skipped = l.off == 0 && has_bom(s, l.len) ? BOM_LEN : 0;
    if (!is_blank(s + skipped, l.len - skipped))
      return json_record(r, rec, s + skipped, l.len - skipped, skipped);
  }
}

/* ------------------------------------------------------------------------ */
/* Public API                                                                */
/* ------------------------------------------------------------------------ */

#define DEFAULT_MAX_LINE ((size_t)8 << 10)
#define DEFAULT_MAX_HEADERS ((size_t)256)
/* Caps past these are taken as these: no size computed below overflows. */
#define MAX_MAX_LINE ((size_t)16 << 20)
#define MAX_MAX_HEADERS ((size_t)1 << 16)

static size_t cap_or(size_t v, size_t dflt, size_t hi) {
  return v ? WN_MIN(v, hi) : dflt;
}

static winnow_reader *reader_new(const char *path, const winnow_reader_config *cfg) {
  winnow_reader *r = wn_calloc(1, sizeof *r);
  if (!r)
    return NULL;
  size_t plen = strlen(path);
  size_t max = cap_or(cfg->max_record_bytes, DEFAULT_MAX, SIZE_MAX / 8); /* no overflow below */
  r->fd = -1;
  r->format = cfg->format;
  r->max = max;
  r->max_line = cap_or(cfg->max_header_line, DEFAULT_MAX_LINE, MAX_MAX_LINE);
  r->max_headers = cap_or(cfg->max_headers, DEFAULT_MAX_HEADERS, MAX_MAX_HEADERS);
  size_t header_bytes = (r->max_line + 2) * (r->max_headers + 1); /* a WARC-Record-ID fits */
  r->path = wn_strndup(path, plen);
  r->msg_cap = plen + 160;
  r->msg = wn_calloc(1, r->msg_cap);
  wn_buf_init(&r->in, WN_MAX(max, WN_READER_SNIFF) + 1 + CHUNK);
  wn_buf_init(&r->work, 3 * max); /* a line of raw NULs triples */
  wn_buf_init(&r->idb, WN_MAX(max, header_bytes) + plen + 32);
  wn_buf_init(&r->metab, max * 6 + 64); /* escapes grow up to 6x */
  wn_buf_init(&r->textb, max + 1);      /* a decoded string is never longer */
  if (!r->path || !r->msg) {
    winnow_reader_free(r);
    return NULL;
  }
  return r;
}

static int is_dir(int fd) {
  struct stat sb;
  return fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* A directory opens but cannot be read: refuse it here, so it is an input
 * that cannot be opened rather than a failure in the middle of a run. */
static int open_file(const char *path) {
  int fd;
  do
    fd = open(path, O_RDONLY | O_CLOEXEC);
  while (fd < 0 && errno == EINTR);
  if (fd >= 0 && is_dir(fd)) {
    close(fd);
    errno = EISDIR;
    return -1;
  }
  return fd;
}

static winnow_status open_input(winnow_reader *r, char *err, size_t errlen) {
  if (strcmp(r->path, "-") == 0) {
    r->fd = 0;
    return WINNOW_OK;
  }
  r->fd = open_file(r->path);
  if (r->fd < 0) {
    char buf[128];
    set_err(err, errlen, "%s: %s", r->path, errstr(errno, buf, sizeof buf));
    return WINNOW_ERR_IO;
  }
  r->close_fd = 1;
  return WINNOW_OK;
}

/* fd < 0: open path ("-": standard input); else read fd, named path. */
static winnow_status open_reader(const char *fn, const char *path, int fd,
                                 const winnow_reader_config *cfg, winnow_reader **out, char *err,
                                 size_t errlen) {
  static const winnow_reader_config defaults = {.format = WINNOW_FORMAT_AUTO};
  if (out)
    *out = NULL;
  if (!path || !out) {
    set_err(err, errlen, "%s: %s and out must be given", fn, fd < 0 ? "path" : "name");
    return WINNOW_ERR_ARG;
  }
  cfg = cfg ? cfg : &defaults;
  if ((unsigned)cfg->format >= WINNOW_FORMAT_COUNT_) {
    set_err(err, errlen, "%s: unknown format %d", fn, (int)cfg->format);
    return WINNOW_ERR_ARG;
  }
  winnow_reader *r = reader_new(path, cfg);
  if (!r) {
    set_err(err, errlen, "%s: out of memory", path);
    return WINNOW_ERR_NOMEM;
  }
  winnow_status st = WINNOW_OK;
  if (fd < 0) {
    st = open_input(r, err, errlen);
  } else if (is_dir(fd)) {
    char buf[128];
    set_err(err, errlen, "%s: %s", path, errstr(EISDIR, buf, sizeof buf));
    st = WINNOW_ERR_IO;
  } else {
    r->fd = fd; /* the caller's: never closed here */
  }
  if (st != WINNOW_OK) {
    winnow_reader_free(r);
    return st;
  }
  *out = r;
  return WINNOW_OK;
}

winnow_status winnow_reader_open_cfg(const char *path, const winnow_reader_config *cfg,
                                     winnow_reader **out, char *err, size_t errlen) {
  return open_reader("winnow_reader_open_cfg", path, -1, cfg, out, err, errlen);
}

winnow_status winnow_reader_open_fd(int fd, const char *name, const winnow_reader_config *cfg,
                                    winnow_reader **out, char *err, size_t errlen) {
  if (fd < 0) {
    if (out)
      *out = NULL;
    set_err(err, errlen, "winnow_reader_open_fd: bad file descriptor %d", fd);
    return WINNOW_ERR_ARG;
  }
  return open_reader("winnow_reader_open_fd", name, fd, cfg, out, err, errlen);
}

winnow_status winnow_reader_open(const char *path, winnow_format format, size_t max_record_bytes,
                                 winnow_reader **out, char *err, size_t errlen) {
  winnow_reader_config cfg = {.format = format, .max_record_bytes = max_record_bytes};
  return open_reader("winnow_reader_open", path, -1, &cfg, out, err, errlen);
}

/* The input is done with: give its buffers back early. */
static void finish(winnow_reader *r, winnow_status st) {
  r->state = st;
  wn_buf_free(&r->in);
  wn_reader_warc_free(r);
  if (st != WINNOW_END && st != WINNOW_ERR_IO)
    set_err(r->msg, r->msg_cap, "%s: %s", r->path, winnow_status_str(st));
}

winnow_status winnow_reader_next(winnow_reader *r, winnow_record *rec) {
  if (!r || !rec)
    return WINNOW_ERR_ARG;
  *rec = (winnow_record){0};
  release_record(r);
  if (r->state != WINNOW_OK)
    return r->state;
  winnow_status st = WINNOW_OK;
  if (r->format == WINNOW_FORMAT_AUTO)
    st = wn_reader_sniff(r);
  if (st == WINNOW_OK) {
    switch (r->format) {
    case WINNOW_FORMAT_TEXT:
    case WINNOW_FORMAT_HTML: st = next_whole(r, rec); break;
    case WINNOW_FORMAT_WARC: st = wn_reader_next_warc(r, rec); break;
    default: st = next_jsonl(r, rec); break;
    }
  }
  if (st != WINNOW_OK) {
    *rec = (winnow_record){0};
    finish(r, st);
  }
  return st;
}

const char *winnow_reader_errmsg(const winnow_reader *r) {
  return r && r->msg ? r->msg : "";
}

uint64_t winnow_reader_bytes(const winnow_reader *r) {
  return r ? r->nread + wn_reader_warc_bytes(r) : 0;
}

void winnow_reader_free(winnow_reader *r) {
  if (!r)
    return;
  release_record(r);
  wn_reader_warc_free(r);
  if (r->close_fd)
    close(r->fd);
  wn_buf_free(&r->in);
  wn_buf_free(&r->work);
  wn_buf_free(&r->idb);
  wn_buf_free(&r->metab);
  wn_buf_free(&r->textb);
  wn_free(r->path);
  wn_free(r->msg);
  wn_free(r);
}
