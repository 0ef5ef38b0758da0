/* reader.c - input records from plain text files and JSONL, streamed.
 *
 * The reader never holds more than one record plus one read chunk: a JSONL
 * line longer than the record cap is skipped chunk by chunk without being
 * buffered, and a text file over the cap is drained the same way. Every
 * pointer a record carries is owned here and released at the next call.
 *
 * JSONL lines go to cJSON, whose strings are NUL-terminated: before parsing,
 * each line is copied with NULs made impossible (a "\u0000" escape becomes
 * "\ufffd", a raw NUL byte becomes U+FFFD), so text_len = strlen() is the
 * true length. Lone UTF-16 surrogate escapes, which cJSON rejects, become
 * "\ufffd" too: one bad escape should not cost a whole document. */
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

#define CHUNK ((size_t)128 * 1024)             /* one read(2) */
#define DEFAULT_MAX ((size_t)64 * 1024 * 1024) /* record cap when 0 */
#define MAX_SAFE_INT 9007199254740992.0        /* 2^53: exact in a double */

static const char BOM[] = "\xEF\xBB\xBF";
#define BOM_LEN (sizeof BOM - 1)

struct winnow_reader {
  int fd;
  int close_fd; /* 0 for standard input: not ours to close */
  char *path;   /* the name records carry as source */
  char *msg;    /* run-level error, "" when none */
  size_t msg_cap;
  winnow_format format; /* AUTO until the first bytes are seen */
  size_t max;           /* record cap, bytes */
  wn_buf in;            /* unconsumed input is in.p[pos, in.len) */
  size_t pos, scan;     /* scan: where the search for '\n' resumes */
  uint64_t in_off;      /* input offset of in.p[0] */
  uint64_t line;        /* JSONL lines taken, blank ones included */
  int eof;
  winnow_status state; /* OK while reading, then END or a sticky error */
  /* what the current record points into */
  wn_buf work;  /* the JSONL line as handed to cJSON */
  wn_buf idb;   /* an id the reader had to write */
  wn_buf metab; /* metadata cJSON had to re-print (not strict JSON) */
  cJSON *root;
  char recerr[160];
};

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

static winnow_status io_fail(winnow_reader *r, int e) {
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

/* One read(2) of up to CHUNK bytes; sets eof at the end of input. */
static winnow_status fill(winnow_reader *r) {
  compact(r);
  winnow_status st = wn_buf_reserve(&r->in, CHUNK);
  if (st != WINNOW_OK)
    return st == WINNOW_ERR_LIMIT ? WINNOW_ERR_INTERNAL : st;
  for (;;) {
    ssize_t n = read(r->fd, r->in.p + r->in.len, CHUNK);
    if (n >= 0) {
      r->eof = n == 0;
      r->in.len += (size_t)n;
      return WINNOW_OK;
    }
    if (errno != EINTR)
      return io_fail(r, errno);
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

static int is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* AUTO: JSONL when the first byte that is not white space (after a UTF-8
 * BOM) is '{', else TEXT. Consumes nothing. A white-space prefix as long as
 * the record cap means TEXT: the record will report the cap. */
static winnow_status sniff(winnow_reader *r) {
  winnow_status st;
  while (r->in.len < BOM_LEN && !r->eof)
    if ((st = fill(r)) != WINNOW_OK)
      return st;
  size_t i = has_bom(r->in.p, r->in.len) ? BOM_LEN : 0;
  for (;;) {
    while (i < r->in.len && is_space(r->in.p[i]))
      i++;
    if (i < r->in.len) {
      r->format = r->in.p[i] == '{' ? WINNOW_FORMAT_JSONL : WINNOW_FORMAT_TEXT;
      return WINNOW_OK;
    }
    if (r->eof || r->in.len >= r->max) {
      r->format = WINNOW_FORMAT_TEXT;
      return WINNOW_OK;
    }
    if ((st = fill(r)) != WINNOW_OK)
      return st;
  }
}

/* ------------------------------------------------------------------------ */
/* Records                                                                   */
/* ------------------------------------------------------------------------ */

static void begin_record(winnow_reader *r, winnow_record *rec, uint64_t index, uint64_t off) {
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

/* A malformed record: still a record, with an empty text. */
__attribute__((format(printf, 4, 5))) static winnow_status
record_error(winnow_reader *r, winnow_record *rec, winnow_errclass ec, const char *fmt, ...) {
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
/* TEXT: the whole input is one record                                       */
/* ------------------------------------------------------------------------ */

/* Read and forget the rest of the input, so a pipe writer is not cut off. */
static winnow_status drain(winnow_reader *r) {
  while (!r->eof) {
    r->pos = r->scan = r->in.len;
    winnow_status st = fill(r);
    if (st != WINNOW_OK)
      return st;
  }
  return WINNOW_OK;
}

static winnow_status next_text(winnow_reader *r, winnow_record *rec) {
  winnow_status st;
  while (!r->eof && r->in.len <= r->max)
    if ((st = fill(r)) != WINNOW_OK)
      return st;
  r->state = WINNOW_END; /* the one record is out */
  begin_record(r, rec, 1, 0);
  rec->id = r->path;
  if (r->in.len > r->max) {
    if ((st = drain(r)) != WINNOW_OK)
      return st;
    return record_error(r, rec, WINNOW_EC_RECORD_TOO_BIG,
                        "text is larger than the record cap of %zu bytes", r->max);
  }
  if ((st = wn_buf_nul(&r->in)) != WINNOW_OK)
    return st;
  rec->text = r->in.p ? r->in.p : "";
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
    winnow_status st = fill(r);
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
    winnow_status st = fill(r);
    if (st != WINNOW_OK)
      return st;
  }
}

/* ------------------------------------------------------------------------ */
/* JSONL: making a line safe for cJSON                                       */
/* ------------------------------------------------------------------------ */

static int hexval(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* The value of the 4 hex digits at s, or -1. */
static long hex4(const char *s) {
  long v = 0;
  for (int i = 0; i < 4; i++) {
    int d = hexval(s[i]);
    if (d < 0)
      return -1;
    v = v * 16 + d;
  }
  return v;
}

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
  long v = k == 2 && s[i + 1] == 'u' && i + 6 <= n ? hex4(s + i + 2) : -1;
  if (v >= 0)
    k = 6;
  if (is_high(v) && i + 12 <= n && s[i + 6] == '\\' && s[i + 7] == 'u' && is_low(hex4(s + i + 8)))
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

/* Copy the line to r->work, NUL-free and NUL-terminated. */
static winnow_status sanitise_line(winnow_reader *r, const char *s, size_t n) {
  wn_buf_clear(&r->work);
  winnow_status st = wn_buf_reserve(&r->work, n + 2 * count_nul(s, n));
  if (st != WINNOW_OK)
    return st;
  char *out = r->work.p;
  size_t o = 0;
  for (size_t i = 0; i < n;) {
    if (s[i] == '\\') {
      size_t k = copy_escape(s, i, n, out + o);
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
/* Only run on text cJSON accepted, so brackets balance and strings end.
 * White space is what cJSON skips: any byte up to 0x20. */

static int is_ws(char c) {
  return (unsigned char)c <= 0x20;
}

static size_t skip_ws(const char *s, size_t i, size_t n) {
  while (i < n && is_ws(s[i]))
    i++;
  return i;
}

/* s[i] is '"': the index just past the closing quote. */
static size_t skip_string(const char *s, size_t i, size_t n) {
  for (i++; i < n; i++) {
    if (s[i] == '\\')
      i++;
    else if (s[i] == '"')
      return i + 1;
  }
  return n;
}

/* The index just past the value that starts at s[i]. */
static size_t skip_value(const char *s, size_t i, size_t n) {
  size_t depth = 0;
  while (i < n) {
    char c = s[i];
    if (c == '"') {
      i = skip_string(s, i, n);
      if (depth == 0)
        return i;
      continue;
    }
    if (c == '{' || c == '[') {
      depth++;
    } else if (c == '}' || c == ']') {
      if (depth <= 1)
        return depth ? i + 1 : i;
      depth--;
    } else if (depth == 0 && (c == ',' || is_ws(c))) {
      return i;
    }
    i++;
  }
  return n;
}

/* Span of the first top-level member named key (written without escapes),
 * as cJSON_GetObjectItemCaseSensitive finds the first one. */
static int raw_member(const char *s, size_t n, const char *key, size_t *vs, size_t *ve) {
  size_t klen = strlen(key);
  size_t i = skip_ws(s, has_bom(s, n) ? BOM_LEN : 0, n);
  if (i >= n || s[i] != '{')
    return 0;
  i = skip_ws(s, i + 1, n);
  while (i < n && s[i] == '"') {
    size_t k = i + 1, e = skip_string(s, i, n);
    i = skip_ws(s, e, n);
    if (i >= n)
      return 0;
    size_t v = i = skip_ws(s, i + 1, n); /* past the ':' */
    i = skip_value(s, i, n);
    if (e == k + klen + 1 && memcmp(s + k, key, klen) == 0) {
      *vs = v;
      *ve = i;
      return 1;
    }
    i = skip_ws(s, i, n);
    if (i < n && s[i] == ',')
      i = skip_ws(s, i + 1, n);
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

/* The error position is a byte offset in the input line (record.offset +
 * K is the byte in the input), so it is only given when the copy cJSON saw
 * has the line's layout, i.e. no raw NUL was widened. */
static winnow_status invalid_json(winnow_reader *r, winnow_record *rec, const char *end, size_t n,
                                  size_t skipped) {
  if (!end || r->work.len != n)
    return record_error(r, rec, WINNOW_EC_INVALID_JSON, "line %" PRIu64 ": invalid JSON",
                        rec->index);
  return record_error(r, rec, WINNOW_EC_INVALID_JSON, "line %" PRIu64 ": invalid JSON at byte %zu",
                      rec->index, (size_t)(end - r->work.p) + skipped);
}

static winnow_status json_record(winnow_reader *r, winnow_record *rec, const char *s, size_t n,
                                 size_t skipped) {
  winnow_status st = sanitise_line(r, s, n);
  if (st != WINNOW_OK)
    return st;
  const char *end = NULL;
  r->root = cJSON_ParseWithLengthOpts(r->work.p, r->work.len, &end, 0);
  if (!r->root || skip_ws(r->work.p, (size_t)(end - r->work.p), r->work.len) != r->work.len)
    return invalid_json(r, rec, end, n, skipped);
  if (!cJSON_IsObject(r->root))
    return record_error(r, rec, WINNOW_EC_INVALID_JSON, "line %" PRIu64 ": not a JSON object",
                        rec->index);
  if ((st = set_id(r, rec)) != WINNOW_OK || (st = set_meta(r, rec)) != WINNOW_OK)
    return st;
  const cJSON *t = cJSON_GetObjectItemCaseSensitive(r->root, "text");
  if (!cJSON_IsString(t))
    return record_error(r, rec, WINNOW_EC_JSON_NO_TEXT,
                        "line %" PRIu64 ": no string field \"text\"", rec->index);
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
    begin_record(r, rec, ++r->line, l.off);
    if (l.too_long || l.len > r->max)
      return record_error(r, rec, WINNOW_EC_RECORD_TOO_BIG,
                          "line %" PRIu64 ": longer than the record cap of %zu bytes", rec->index,
                          r->max);
    const char *s = r->in.p + l.start;
    size_t skipped = l.off == 0 && has_bom(s, l.len) ? BOM_LEN : 0;
    if (!is_blank(s + skipped, l.len - skipped))
      return json_record(r, rec, s + skipped, l.len - skipped, skipped);
  }
}

/* ------------------------------------------------------------------------ */
/* Public API                                                                */
/* ------------------------------------------------------------------------ */

static winnow_reader *reader_new(const char *path, winnow_format format, size_t max) {
  winnow_reader *r = wn_calloc(1, sizeof *r);
  if (!r)
    return NULL;
  size_t plen = strlen(path);
  max = max ? WN_MIN(max, SIZE_MAX / 8) : DEFAULT_MAX; /* no overflow below */
  r->fd = -1;
  r->format = format;
  r->max = max;
  r->path = wn_strndup(path, plen);
  r->msg_cap = plen + 160;
  r->msg = wn_calloc(1, r->msg_cap);
  wn_buf_init(&r->in, max + 1 + CHUNK);
  wn_buf_init(&r->work, 3 * max); /* a line of raw NULs triples */
  wn_buf_init(&r->idb, max + plen + 32);
  wn_buf_init(&r->metab, max * 6 + 64); /* escapes grow up to 6x */
  if (!r->path || !r->msg) {
    winnow_reader_free(r);
    return NULL;
  }
  return r;
}

/* A directory opens but cannot be read: refuse it here, so it is an input
 * that cannot be opened rather than a failure in the middle of a run. */
static int open_file(const char *path) {
  int fd;
  do
    fd = open(path, O_RDONLY | O_CLOEXEC);
  while (fd < 0 && errno == EINTR);
  struct stat sb;
  if (fd >= 0 && fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode)) {
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

winnow_status winnow_reader_open(const char *path, winnow_format format, size_t max_record_bytes,
                                 winnow_reader **out, char *err, size_t errlen) {
  if (out)
    *out = NULL;
  if (!path || !out) {
    set_err(err, errlen, "winnow_reader_open: path and out must be given");
    return WINNOW_ERR_ARG;
  }
  if ((unsigned)format >= WINNOW_FORMAT_COUNT_) {
    set_err(err, errlen, "winnow_reader_open: unknown format %d", (int)format);
    return WINNOW_ERR_ARG;
  }
  winnow_reader *r = reader_new(path, format, max_record_bytes);
  if (!r) {
    set_err(err, errlen, "%s: out of memory", path);
    return WINNOW_ERR_NOMEM;
  }
  winnow_status st = open_input(r, err, errlen);
  if (st != WINNOW_OK) {
    winnow_reader_free(r);
    return st;
  }
  *out = r;
  return WINNOW_OK;
}

/* The input is done with: give its buffers back early. */
static void finish(winnow_reader *r, winnow_status st) {
  r->state = st;
  wn_buf_free(&r->in);
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
    st = sniff(r);
  if (st == WINNOW_OK)
    st = r->format == WINNOW_FORMAT_TEXT ? next_text(r, rec) : next_jsonl(r, rec);
  if (st != WINNOW_OK) {
    *rec = (winnow_record){0};
    finish(r, st);
  }
  return st;
}

const char *winnow_reader_errmsg(const winnow_reader *r) {
  return r && r->msg ? r->msg : "";
}

void winnow_reader_free(winnow_reader *r) {
  if (!r)
    return;
  release_record(r);
  if (r->close_fd)
    close(r->fd);
  wn_buf_free(&r->in);
  wn_buf_free(&r->work);
  wn_buf_free(&r->idb);
  wn_buf_free(&r->metab);
  wn_free(r->path);
  wn_free(r->msg);
  wn_free(r);
}

/* (Stubs: implemented in the issue #3 wiring.) */
winnow_status winnow_reader_open_cfg(const char *path, const winnow_reader_config *cfg,
                                     winnow_reader **out, char *err, size_t errlen) {
  return winnow_reader_open(path, cfg ? cfg->format : WINNOW_FORMAT_AUTO,
                            cfg ? cfg->max_record_bytes : 0, out, err, errlen);
}

winnow_status winnow_reader_open_fd(int fd, const char *name, const winnow_reader_config *cfg,
                                    winnow_reader **out, char *err, size_t errlen) {
  (void)fd;
  (void)name;
  (void)cfg;
  (void)out;
  set_err(err, errlen, "not yet");
  return WINNOW_ERR_UNSUPPORTED;
}

uint64_t winnow_reader_bytes(const winnow_reader *r) {
  return r ? r->in_off + r->in.len : 0;
}
