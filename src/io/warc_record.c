/* warc_record.c - what a framed WARC record means: its named fields (WARC
 * 1.1 §5), the HTTP message of a response (§6.3), delivery, skipping by
 * type, and the counters. Framing is warc.c's business. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "wn_warc_int.h"

static const char *const TYPE_NAME[WN_WARC_TYPE_COUNT_] = {
    "none",     "warcinfo", "response",   "resource",     "request",
    "metadata", "revisit",  "conversion", "continuation", "other"};

static const char *const ERR_NAME[WN_WARC_E_COUNT_] = {
    "ok",
    "empty",
    "garbage",
    "gzip-truncated",
    "gzip-corrupt",
    "zstd-truncated",
    "zstd-corrupt",
    "member-garbage",
    "version",
    "content-length-missing",
    "content-length-nonnumeric",
    "content-length-overflow",
    "content-length-too-short",
    "content-length-too-long",
    "truncated",
    "line-too-long",
    "too-many-headers",
    "header-newline",
    "header-bytes",
    "http",
    "chunked",
    "encoding-lie",
    "payload-corrupt",
    "unsupported",
    "record-too-big",
    "bomb",
    "nomem",
};

const char *wn_warc_type_name(wn_warc_type t) {
  return (unsigned)t < WN_WARC_TYPE_COUNT_ ? TYPE_NAME[t] : "other";
}

const char *wn_warc_err_name(wn_warc_err e) {
  return (unsigned)e < WN_WARC_E_COUNT_ ? ERR_NAME[e] : "unknown";
}

/* ------------------------------------------------------------------------ */
/* Life cycle                                                                */
/* ------------------------------------------------------------------------ */

/* Caps past these are no caps at all. Clamping keeps the sizes computed
 * from them (max_record + 1, and products of max_line and max_headers)
 * from overflowing: a buffer capped at SIZE_MAX was given no room at all
 * (wn_buf_reserve clamps its capacity to max + 1) and then written. */
#define CLAMP_RECORD (SIZE_MAX / 16)
#define CLAMP_LINE ((size_t)1 << 24)
#define CLAMP_HEADERS ((size_t)1 << 16)

static size_t cap_or(size_t v, size_t dflt, size_t clamp) {
  return v ? WN_MIN(v, clamp) : dflt;
}

static wn_warc_config defaults(const wn_warc_config *cfg) {
  wn_warc_config c = cfg ? *cfg : (wn_warc_config){0};
  c.max_record = cap_or(c.max_record, WN_WARC_DEFAULT_MAX_RECORD, CLAMP_RECORD);
  c.max_line = cap_or(c.max_line, WN_WARC_DEFAULT_MAX_LINE, CLAMP_LINE);
  c.max_headers = cap_or(c.max_headers, WN_WARC_DEFAULT_MAX_HEADERS, CLAMP_HEADERS);
  c.want = c.want ? c.want : ~0u;
  return c;
}

/* Bytes of one member a record may take: the block cap plus its header. */
static uint64_t member_budget(const wn_warc_config *c) {
  return (uint64_t)c->max_record + (uint64_t)(c->max_line + 2) * (c->max_headers + 2) + 4;
}

wn_warc *wn_warc_new(const wn_warc_config *cfg) {
  wn_warc *w = wn_calloc(1, sizeof *w);
  if (!w)
    return NULL;
  w->cfg = defaults(cfg);
  cur_rec *c = &w->cur;
  wn_buf_init(&c->line, WN_MAX(w->cfg.max_line, WN_WARC_LINE_FLOOR) + 2);
  wn_buf_init(&c->hbuf, (w->cfg.max_line + 2) * (w->cfg.max_headers + 1));
  wn_buf_init(&c->block, w->cfg.max_record);
  wn_buf_init(&w->replay, 0);
  /* a folded HTTP value may be as long as the header section: never cut */
  wn_buf_init(&w->strs, 6 * (w->cfg.max_line + 2) * (w->cfg.max_headers + 1));
  wn_http_dec_init(&w->dec, w->cfg.max_record);
  w->g = wn_gzm_new(member_budget(&w->cfg));
  c->hoff = wn_calloc(w->cfg.max_headers, sizeof *c->hoff);
  w->hdrs = wn_calloc(w->cfg.max_headers, sizeof *w->hdrs);
  w->http_hdrs = wn_calloc(w->cfg.max_headers, sizeof *w->http_hdrs);
  if (!w->g || !c->hoff || !w->hdrs || !w->http_hdrs) {
    wn_warc_free(w);
    return NULL;
  }
  w->st = R_START;
  return w;
}

void wn_warc_free(wn_warc *w) {
  if (!w)
    return;
  wn_buf_free(&w->cur.line);
  wn_buf_free(&w->cur.hbuf);
  wn_buf_free(&w->cur.block);
  wn_buf_free(&w->replay);
  wn_buf_free(&w->strs);
  wn_http_dec_free(&w->dec);
  wn_gzm_free(w->g);
  wn_free(w->cur.hoff);
  wn_free(w->hdrs);
  wn_free(w->http_hdrs);
  wn_free(w);
}

/* Forget the current record; its buffers keep their memory (and their
 * bytes, which the delivered record may still point at). */
void wn_warc_cur_reset(wn_warc *w) {
  cur_rec *c = &w->cur;
  c->active = 0;
  c->off = c->uoff = c->cl = c->left = c->block_uoff = 0;
  c->version = 0;
  c->type = WN_WARC_OTHER;
  wn_buf_clear(&c->line);
  wn_buf_clear(&c->hbuf);
  wn_buf_clear(&c->block);
  c->n_hdr = 0;
  c->skip_block = c->block_done = 0;
  c->last = '\n';
  c->trail_n = c->trail_ends = c->trail_cr = 0;
  c->lf_only = 0;
  c->err = WN_WARC_OK;
  c->err_off = 0;
  c->errmsg[0] = '\0';
}

void wn_warc_set_err(wn_warc *w, wn_warc_err e, uint64_t off, const char *fmt, ...) {
  cur_rec *c = &w->cur;
  if (c->err != WN_WARC_OK)
    return;
  c->err = e;
  c->err_off = off;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(c->errmsg, sizeof c->errmsg, fmt, ap);
  va_end(ap);
}

/* ------------------------------------------------------------------------ */
/* Named fields                                                              */
/* ------------------------------------------------------------------------ */

/* The value of the first field called name, or NULL. */
static const char *field(const wn_warc *w, const char *name, size_t *len) {
  const cur_rec *c = &w->cur;
  for (size_t i = 0; i < c->n_hdr; i++) {
    const char *n = c->hbuf.p + c->hoff[i].name;
    if (wn_scan_ieq(n, c->hoff[i].value - c->hoff[i].name - 1, name)) {
      *len = c->hoff[i].value_len;
      return c->hbuf.p + c->hoff[i].value;
    }
  }
  return NULL;
}

static wn_warc_type type_of(const char *v, size_t n) {
  for (int t = WN_WARC_WARCINFO; t < WN_WARC_OTHER; t++)
    if (v && wn_scan_ieq(v, n, TYPE_NAME[t]))
      return (wn_warc_type)t;
  return WN_WARC_OTHER;
}

wn_warc_err wn_warc_fields(wn_warc *w, char *msg, size_t msglen) {
  cur_rec *c = &w->cur;
  size_t tn = 0, ln = 0;
  const char *t = field(w, "WARC-Type", &tn);
  const char *l = field(w, "Content-Length", &ln);
  c->type = type_of(t, tn);
  if (!l) { /* WARC 1.1 §5.3: mandatory */
    snprintf(msg, msglen, "no Content-Length");
    return WN_WARC_E_CL_MISSING;
  }
  wn_scan_rc rc = wn_scan_u64(l, ln, &c->cl);
  if (rc != WN_SCAN_OK) {
    snprintf(msg, msglen, "Content-Length \"%.*s\" %s", (int)WN_MIN(ln, (size_t)40), l,
             rc == WN_SCAN_OVERFLOW ? "overflows 64 bits" : "is not a decimal number");
    return rc == WN_SCAN_OVERFLOW ? WN_WARC_E_CL_OVERFLOW : WN_WARC_E_CL_NONNUMERIC;
  }
  c->left = c->cl;
  if (c->cl > w->cfg.max_record) {
    wn_warc_set_err(w, WN_WARC_E_RECORD_TOO_BIG, c->off,
                    "block of %" PRIu64 " bytes is over the cap of %zu", c->cl, w->cfg.max_record);
    c->skip_block = 1;
  }
  return WN_WARC_OK;
}

/* ------------------------------------------------------------------------ */
/* HTTP                                                                      */
/* ------------------------------------------------------------------------ */

/* Copy an HTTP field value into strs, folds made SP; returns its offset. */
static size_t keep_str(wn_warc *w, const wn_hdr *h) {
  size_t at = w->strs.len;
  for (size_t i = 0; h && i < h->value_len; i++) {
    char ch = h->value[i];
    if (wn_buf_addc(&w->strs, ch == '\r' || ch == '\n' ? ' ' : ch) != WINNOW_OK) {
      w->nomem = 1; /* the cap holds any header section: only memory fails */
      break;
    }
  }
  if (wn_buf_addc(&w->strs, '\0') != WINNOW_OK)
    w->nomem = 1;
  return at;
}

static int is_http_response(const wn_warc *w, const wn_warc_record *r) {
  return r->type == WN_WARC_RESPONSE && !w->cfg.no_http && r->block &&
         wn_scan_iprefix(r->content_type, strlen(r->content_type), "application/http");
}

/* The fields a consumer needs, NUL-terminated in strs. */
static void http_strings(wn_warc *w, wn_warc_record *r, const wn_http_msg *m) {
  static const char *const NAMES[6] = {"Content-Type",
                                       "Content-Encoding",
                                       "Transfer-Encoding",
                                       "X-Crawler-Content-Encoding",
                                       "X-Crawler-Transfer-Encoding",
                                       NULL};
  size_t at[5];
  wn_buf_clear(&w->strs);
  for (int i = 0; NAMES[i]; i++)
    at[i] = keep_str(w, wn_scan_find(m->hdrs, m->n_hdrs, NAMES[i]));
  const char *base = w->strs.p ? w->strs.p : "";
  r->http_content_type = w->strs.p ? base + at[0] : "";
  r->http_content_encoding = w->strs.p ? base + at[1] : "";
  r->http_transfer_encoding = w->strs.p ? base + at[2] : "";
  r->crawler_content_encoding = w->strs.p ? base + at[3] : "";
  r->crawler_transfer_encoding = w->strs.p ? base + at[4] : "";
  w->charset[0] = '\0';
  wn_scan_param(r->http_content_type, strlen(r->http_content_type), "charset", w->charset,
                sizeof w->charset);
  r->http_charset = w->charset;
}

static void http(wn_warc *w, wn_warc_record *r) {
  cur_rec *c = &w->cur;
  char msg[192];
  wn_http_limits lim = {w->cfg.max_line, w->cfg.max_headers, w->cfg.max_record};
  wn_http_msg m = {.hdrs = w->http_hdrs};
  r->payload = NULL;
  r->payload_len = 0;
  wn_warc_err e = wn_http_parse(r->block, r->block_len, &lim, &m, msg, sizeof msg);
  if (e == WN_WARC_OK) {
    r->http_status = m.status;
    r->http_headers = m.hdrs;
    r->n_http_headers = m.n_hdrs;
    http_strings(w, r, &m);
    e = wn_http_decode(&w->dec, &m, r->truncated[0] != '\0', &r->payload, &r->payload_len,
                       &r->http_decoded, msg, sizeof msg);
  }
  if (e != WN_WARC_OK)
    wn_warc_set_err(w, e, c->off, "%s", msg);
}

/* ------------------------------------------------------------------------ */
/* Delivery                                                                  */
/* ------------------------------------------------------------------------ */

static const char *str_field(const wn_warc *w, const char *name) {
  size_t n;
  const char *v = field(w, name, &n);
  return v ? v : "";
}

static void headers(wn_warc *w, wn_warc_record *r) {
  const cur_rec *c = &w->cur;
  for (size_t i = 0; i < c->n_hdr; i++) {
    const hdr_off *o = &c->hoff[i];
    w->hdrs[i] =
        (wn_hdr){c->hbuf.p + o->name, o->value - o->name - 1, c->hbuf.p + o->value, o->value_len};
  }
  r->headers = w->hdrs;
  r->n_headers = c->n_hdr;
  r->id = str_field(w, "WARC-Record-ID");
  r->target_uri = str_field(w, "WARC-Target-URI");
  r->date = str_field(w, "WARC-Date");
  r->content_type = str_field(w, "Content-Type");
  r->truncated = str_field(w, "WARC-Truncated");
}

/* A record with every string field "" (never NULL: callers print them). */
static wn_warc_record blank_record(void) {
  return (wn_warc_record){.id = "",
                          .target_uri = "",
                          .date = "",
                          .content_type = "",
                          .truncated = "",
                          .http_content_type = "",
                          .http_charset = "",
                          .http_content_encoding = "",
                          .http_transfer_encoding = "",
                          .crawler_content_encoding = "",
                          .crawler_transfer_encoding = "",
                          .errmsg = ""};
}

static void base_record(wn_warc *w, wn_warc_record *r) {
  const cur_rec *c = &w->cur;
  *r = blank_record();
  r->index = w->n_events + 1;
  r->offset = c->off;
  r->uoffset = c->uoff;
  r->type = c->type;
  r->version = c->version;
  r->content_length = c->cl;
  r->lf_only = c->lf_only;
  headers(w, r);
  if (c->block_done && !c->skip_block) {
    r->block = c->block.p ? c->block.p : "";
    r->block_len = c->block.len;
    r->payload = r->block;
    r->payload_len = r->block_len;
  }
}

static int wanted(const wn_warc *w, wn_warc_type t) {
  return (w->cfg.want >> t) & 1u;
}

void wn_warc_emit(wn_warc *w) {
  cur_rec *c = &w->cur;
  wn_warc_record *r = &w->rec;
  if (c->hbuf.len && wn_buf_nul(&c->hbuf) != WINNOW_OK)
    w->nomem = 1;
  base_record(w, r);
  int deliver = c->err != WN_WARC_OK || wanted(w, r->type);
  if (deliver && c->err == WN_WARC_OK && is_http_response(w, r))
    http(w, r);
  r->err = c->err;
  r->err_offset = c->err_off;
  snprintf(w->evmsg, sizeof w->evmsg, "%s", c->errmsg); /* cur is reset below */
  r->errmsg = w->evmsg;
  w->stats.records++;
  w->stats.by_type[r->type]++;
  w->stats.lf_only_lines += c->lf_only;
  if (c->err != WN_WARC_OK)
    w->stats.errors[c->err]++;
  if (!deliver)
    w->stats.skipped[r->type]++;
  w->have = deliver;
  w->n_events += (uint64_t)deliver;
  wn_warc_cur_reset(w);
}

void wn_warc_emit_none(wn_warc *w, wn_warc_err e, uint64_t off, const char *msg) {
  snprintf(w->evmsg, sizeof w->evmsg, "%s", msg);
  w->rec = blank_record();
  w->rec.index = ++w->n_events;
  w->rec.offset = off;
  w->rec.type = WN_WARC_NONE;
  w->rec.err = e;
  w->rec.err_offset = off;
  w->rec.errmsg = w->evmsg;
  w->stats.errors[e]++;
  w->have = 1;
}

void wn_warc_get_stats(const wn_warc *w, wn_warc_stats *out) {
  *out = w->stats;
  out->bytes_in = wn_gzm_bytes_in(w->g);
  out->bytes_out = wn_gzm_bytes_out(w->g);
  out->members = wn_gzm_members(w->g);
}

wn_gzm_kind wn_warc_container(const wn_warc *w) {
  return wn_gzm_get_kind(w->g);
}
