/* render.c - documents out: one JSON line (doc/FORMATS.md), or a
 * human-readable report for --explain. */
#include <cjson/cJSON.h>
#include <string.h>

#include "../io/wn_io.h"
#include "wn_ctx.h"

#define TRY(x)                                                                                     \
  do {                                                                                             \
    winnow_status st_ = (x);                                                                       \
    if (st_ != WINNOW_OK)                                                                          \
      return st_;                                                                                  \
  } while (0)

/* Is s[0..n) valid UTF-8 without NULs? */
static int valid_utf8(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0; i < n;) {
    size_t bad, k;
    if (u[i] && u[i] < 0x80)
      i++;
    else if (u[i] && (k = wn_utf8_seq(u + i, n - i, &bad)) != 0)
      i += k;
    else
      return 0;
  }
  return 1;
}

/* Append untrusted bytes (an input's id or metadata, WARC and HTTP header
 * values) as valid UTF-8: the output must be valid JSON whatever came in.
 * As a JSON string when quote. Valid input is copied as it is. */
static winnow_status add_valid(wn_buf *b, const char *s, size_t n, int quote) {
  if (valid_utf8(s, n))
    return quote ? wn_buf_json_str(b, s, n) : wn_buf_add(b, s, n);
  wn_buf tmp;
  uint32_t inv, nul;
  wn_buf_init(&tmp, n * 3 + 16);
  winnow_status st = wn_utf8_repair(s, n, &tmp, &inv, &nul);
  if (st == WINNOW_OK)
    st = quote ? wn_buf_json_str(b, tmp.p, tmp.len) : wn_buf_add(b, tmp.p, tmp.len);
  wn_buf_free(&tmp);
  return st;
}

static winnow_status key(wn_buf *b, int *first, const char *k) {
  if (!*first)
    TRY(wn_buf_addc(b, ','));
  *first = 0;
  TRY(wn_buf_json_str(b, k, strlen(k)));
  return wn_buf_addc(b, ':');
}

/* The keys winnow writes in the output's metadata, in order. */
typedef enum field_kind {
  F_STR,      /* a string winnow made: valid UTF-8 */
  F_INPUT,    /* a string from the input (a WARC or HTTP header): made valid */
  F_NUM,      /* an integer, written when > 0 */
  F_WARNINGS, /* warning bits, written as an array of names when not 0 */
} field_kind;

typedef struct field {
  const char *key;
  field_kind kind;
  const char *str;
  int64_t num;
} field;

#define N_FIELDS 18

static void fields_of(const winnow_doc *d, const winnow_record *rec, field f[N_FIELDS]) {
  const winnow_meta *m = &d->meta;
  static const winnow_record none;
  if (!rec)
    rec = &none;
  const char *script = d->script ? winnow_script_str((winnow_script)d->script) : NULL;
  const char *type = rec->type != WINNOW_REC_NONE ? winnow_rectype_str(rec->type) : NULL;
  size_t n = 0;
  f[n++] = (field){"title", F_STR, m->title, 0};
  f[n++] = (field){"date", F_STR, m->date, 0};
  f[n++] = (field){"source", F_STR, m->source, 0};
  f[n++] = (field){"author", F_STR, m->author, 0};
  f[n++] = (field){"editor", F_STR, m->editor, 0};
  f[n++] = (field){"sitename", F_STR, d->sitename, 0};
  f[n++] = (field){"description", F_STR, d->description, 0};
  f[n++] = (field){"lang", F_STR, d->lang, 0};
  f[n++] = (field){"canonical_url", F_STR, d->canonical_url, 0};
  f[n++] = (field){"script", F_STR, script, 0};
  f[n++] = (field){"url", F_INPUT, rec->url, 0};
  f[n++] = (field){"warc_date", F_INPUT, rec->date, 0};
  f[n++] = (field){"warc_type", F_STR, type, 0};
  f[n++] = (field){"content_type", F_INPUT, rec->content_type, 0};
  f[n++] = (field){"http_status", F_NUM, NULL, rec->http_status};
  f[n++] = (field){"charset", F_STR, d->charset, 0};
  f[n++] = (field){"charset_source", F_STR, d->charset_source, 0};
  f[n++] = (field){"warnings", F_WARNINGS, NULL, (int64_t)(d->warnings | rec->warnings)};
}

static int field_present(const field *f) {
  return (f->kind == F_STR || f->kind == F_INPUT) ? f->str != NULL : f->num > 0;
}

/* A JSON array of the names of the bits set (warnings, spam kinds), in
 * bit order; bits without a name are left out. */
static winnow_status bit_names(wn_buf *b, uint32_t bits, const char *(*name_of)(uint32_t)) {
  TRY(wn_buf_addc(b, '['));
  int first = 1;
  for (uint32_t bit = 1; bit; bit <<= 1) {
    const char *name = (bits & bit) ? name_of(bit) : NULL;
    if (!name)
      continue;
    if (!first)
      TRY(wn_buf_addc(b, ','));
    first = 0;
    TRY(wn_buf_json_str(b, name, strlen(name)));
  }
  return wn_buf_addc(b, ']');
}

static winnow_status field_value(wn_buf *b, const field *f) {
  switch (f->kind) {
  case F_STR: return wn_buf_json_str(b, f->str, strlen(f->str));
  case F_INPUT: return add_valid(b, f->str, strlen(f->str), 1);
  case F_NUM: return wn_buf_printf(b, "%lld", (long long)f->num);
  case F_WARNINGS: return bit_names(b, (uint32_t)f->num, winnow_warn_str);
  }
  return WINNOW_ERR_INTERNAL;
}

/* An array of strings only. */
static int strings_array(const char *s, size_t i, size_t n) {
  size_t vs, ve;
  if (!wn_json_open(s, n, &i, '['))
    return 0;
  while (wn_json_element_next(s, n, &i, &vs, &ve))
    if (s[vs] != '"')
      return 0;
  return i < n && s[i] == ']';
}

/* Does the input's value at m have the type the output gives key f? */
static int fits(const field *f, const char *s, const wn_json_member *m) {
  char c = s[m->value];
  switch (f->kind) {
  case F_STR:
  case F_INPUT: return c == '"';
  case F_NUM: return c == '-' || (c >= '0' && c <= '9');
  case F_WARNINGS: return strings_array(s, m->value, m->value_end);
  }
  return 0;
}

/* What the input's metadata does to winnow's key i. */
enum { IN_NONE, IN_WINS, IN_DROPPED };

/* The input's members, the first of each name only (doc/FORMATS.md), as
 * their own text: first the set of names, with which of winnow's keys the
 * input gives, and with which type; then (write_input) the members. */
typedef struct input_meta {
  const char *s;
  size_t n;
  wn_json_keys keys;
  int state[N_FIELDS];
  int n_dropped;
} input_meta;

static winnow_status scan_input(input_meta *in, const field f[N_FIELDS]) {
  size_t pos = 0;
  wn_json_member m;
  wn_json_open(in->s, in->n, &pos, '{');
  while (wn_json_member_next(in->s, in->n, &pos, &m)) {
    int added;
    winnow_status st = wn_json_keys_add(&in->keys, &m, &added);
    if (st != WINNOW_OK)
      return st;
    for (size_t i = 0; added && i < N_FIELDS; i++)
      if (wn_json_key_is(in->s, &m, f[i].key)) {
        in->state[i] = fits(&f[i], in->s, &m) ? IN_WINS : IN_DROPPED;
        in->n_dropped += in->state[i] == IN_DROPPED;
        break;
      }
  }
  return WINNOW_OK;
}

/* An input member that gives one of winnow's keys a value of another type. */
static int dropped(const input_meta *in, const field f[N_FIELDS], const wn_json_member *m) {
  for (size_t i = 0; in->n_dropped && i < N_FIELDS; i++)
    if (in->state[i] == IN_DROPPED && wn_json_key_is(in->s, m, f[i].key))
      return 1;
  return 0;
}

/* The members, bytes made valid UTF-8. */
static winnow_status write_input(wn_buf *b, int *first, const input_meta *in,
                                 const field f[N_FIELDS]) {
  size_t pos = 0;
  wn_json_member m;
  wn_json_open(in->s, in->n, &pos, '{');
  while (wn_json_member_next(in->s, in->n, &pos, &m)) {
    if (!wn_json_keys_is_first(&in->keys, &m) || dropped(in, f, &m))
      continue;
    if (!*first)
      TRY(wn_buf_addc(b, ','));
    *first = 0;
    TRY(add_valid(b, in->s + m.start, m.value_end - m.start, 0));
  }
  return WINNOW_OK;
}

/* Our metadata first, then the input's members, which win on a clash (a
 * key the input gives is not written by us) when their type is the one
 * the output gives that key; one of another type is left out. The input's
 * metadata is parsed (cJSON, which checks it) only when the record has
 * some. */
static winnow_status metadata(wn_buf *b, const winnow_doc *d, const winnow_record *rec) {
  input_meta in = {0};
  cJSON *parsed = NULL;
  if (rec && rec->meta_json && rec->meta_json_len > 2)
    parsed = cJSON_ParseWithLength(rec->meta_json, rec->meta_json_len);
  int have = cJSON_IsObject(parsed);
  cJSON_Delete(parsed);
  field f[N_FIELDS];
  fields_of(d, rec, f);
  winnow_status st = WINNOW_OK;
  if (have) {
    in.s = rec->meta_json;
    in.n = rec->meta_json_len;
    wn_json_keys_init(&in.keys, in.s);
    st = scan_input(&in, f);
  }
  int first = 1;
  if (st == WINNOW_OK)
    st = wn_buf_addc(b, '{');
  for (size_t i = 0; i < N_FIELDS && st == WINNOW_OK; i++) {
    if (!field_present(&f[i]) || in.state[i] == IN_WINS)
      continue;
    st = key(b, &first, f[i].key);
    if (st == WINNOW_OK)
      st = field_value(b, &f[i]);
  }
  if (st == WINNOW_OK && have)
    st = write_input(b, &first, &in, f);
  wn_json_keys_free(&in.keys);
  return st == WINNOW_OK ? wn_buf_addc(b, '}') : st;
}

static winnow_status spam(wn_buf *b, const winnow_doc *d) {
  TRY(wn_buf_printf(b, "\"spam\":{\"injected\":%s,\"kinds\":", d->spam_kinds ? "true" : "false"));
  TRY(bit_names(b, d->spam_kinds, winnow_spam_kind_str));
  return wn_buf_addc(b, '}');
}

static winnow_status removed(wn_buf *b, const winnow_doc *d) {
  TRY(wn_buf_adds(b, "\"removed\":["));
  int first = 1;
  for (size_t i = 0; i < d->n_blocks; i++) {
    const winnow_block *k = &d->blocks[i];
    if (k->label == WINNOW_LABEL_CONTENT)
      continue;
    TRY(wn_buf_printf(b, "%s{\"label\":\"%s\",\"reason\":\"%s\"", first ? "" : ",",
                      winnow_label_str((winnow_label)k->label),
                      winnow_reason_str((winnow_reason)k->reason)));
    first = 0;
    if (k->detail) {
      TRY(wn_buf_adds(b, ",\"detail\":"));
      TRY(wn_buf_json_str(b, k->detail, strlen(k->detail)));
    }
    TRY(wn_buf_printf(b, ",\"start\":%u,\"end\":%u}", k->cp_start, k->cp_end));
  }
  return wn_buf_addc(b, ']');
}

static winnow_status render_json(wn_buf *b, const winnow_doc *d, const winnow_record *rec) {
  const char *id = rec && rec->id ? rec->id : "";
  TRY(wn_buf_adds(b, "{\"id\":"));
  TRY(add_valid(b, id, strlen(id), 1));
  TRY(wn_buf_adds(b, ",\"text\":"));
  TRY(wn_buf_json_str(b, d->clean, d->clean_len));
  TRY(wn_buf_adds(b, ",\"metadata\":"));
  TRY(metadata(b, d, rec));
  TRY(wn_buf_addc(b, ','));
  TRY(spam(b, d));
  TRY(wn_buf_addc(b, ','));
  TRY(removed(b, d));
  if (d->n_invalid_utf8 || d->n_nul)
    TRY(wn_buf_printf(b, ",\"repairs\":{\"invalid_utf8\":%u,\"nul\":%u}", d->n_invalid_utf8,
                      d->n_nul));
  return wn_buf_adds(b, "}\n");
}

static winnow_status finish(winnow_ctx *c, winnow_status st, const char **out, size_t *len) {
  if (st != WINNOW_OK)
    return wn_ctx_fail(c, st, "output does not fit its buffer");
  *out = c->out.p;
  *len = c->out.len;
  return wn_buf_nul(&c->out);
}

winnow_status winnow_doc_json(winnow_ctx *c, const winnow_doc *d, const winnow_record *rec,
                              const char **out, size_t *len) {
  if (!c || !d || !out || !len)
    return WINNOW_ERR_ARG;
  wn_buf_clear(&c->out);
  return finish(c, render_json(&c->out, d, rec), out, len);
}

/* At most max code points of s, with "…" when cut; newlines shown as ⏎. */
static winnow_status excerpt(wn_buf *b, const char *s, size_t n, size_t max) {
  size_t cps = 0, i = 0;
  while (i < n && cps < max) {
    size_t j = i + 1;
    while (j < n && ((unsigned char)s[j] & 0xC0) == 0x80)
      j++;
    TRY(s[i] == '\n' ? wn_buf_adds(b, "\xE2\x8F\x8E") : wn_buf_add(b, s + i, j - i));
    i = j;
    cps++;
  }
  return i < n ? wn_buf_adds(b, "\xE2\x80\xA6") : WINNOW_OK;
}

/* A field's value as plain text, for the report. */
static winnow_status field_text(wn_buf *b, const field *f) {
  switch (f->kind) {
  case F_STR: return wn_buf_adds(b, f->str);
  case F_INPUT: return add_valid(b, f->str, strlen(f->str), 0);
  case F_NUM: return wn_buf_printf(b, "%lld", (long long)f->num);
  case F_WARNINGS:
    for (uint32_t bit = 1, first = 1; bit; bit <<= 1)
      if (((uint32_t)f->num & bit) && winnow_warn_str(bit)) {
        TRY(wn_buf_printf(b, "%s%s", first ? "" : ", ", winnow_warn_str(bit)));
        first = 0;
      }
    return WINNOW_OK;
  }
  return WINNOW_ERR_INTERNAL;
}

static winnow_status explain_head(wn_buf *b, const winnow_doc *d, const winnow_record *rec) {
  TRY(wn_buf_printf(b, "=== %s  (%zu blocks, script %s)\n", rec && rec->id ? rec->id : "",
                    d->n_blocks, winnow_script_str((winnow_script)d->script)));
  field f[N_FIELDS];
  fields_of(d, rec, f);
  int shown[N_FIELDS], width = 7; /* keys in a column as wide as the longest shown */
  for (size_t i = 0; i < N_FIELDS; i++) {
    shown[i] = field_present(&f[i]) && strcmp(f[i].key, "script"); /* script: on the head line */
    if (shown[i])
      width = WN_MAX(width, (int)strlen(f[i].key));
  }
  for (size_t i = 0; i < N_FIELDS; i++) {
    if (!shown[i])
      continue;
    TRY(wn_buf_printf(b, "    %-*s ", width, f[i].key));
    TRY(field_text(b, &f[i]));
    TRY(wn_buf_addc(b, '\n'));
  }
  TRY(wn_buf_printf(b, "    %-*s ", width, "spam"));
  if (!d->spam_kinds)
    TRY(wn_buf_adds(b, "none"));
  for (uint32_t bit = 1, first = 1; bit; bit <<= 1)
    if ((d->spam_kinds & bit) && winnow_spam_kind_str(bit)) {
      TRY(wn_buf_printf(b, "%s%s", first ? "" : ", ", winnow_spam_kind_str(bit)));
      first = 0;
    }
  return wn_buf_addc(b, '\n');
}

static winnow_status render_explain(wn_buf *b, const winnow_doc *d, const winnow_record *rec) {
  TRY(explain_head(b, d, rec));
  for (size_t i = 0; i < d->n_blocks; i++) {
    const winnow_block *k = &d->blocks[i];
    char why[96];
    wn_fmt(why, sizeof why, "%s%s%s%s", winnow_reason_str((winnow_reason)k->reason),
           k->detail ? " (" : "", k->detail ? k->detail : "", k->detail ? ")" : "");
    TRY(wn_buf_printf(b, "%4zu %-7s %-28.28s | ", i + 1, winnow_label_str((winnow_label)k->label),
                      why));
    TRY(excerpt(b, d->text + k->start, k->end - k->start, 60));
    TRY(wn_buf_addc(b, '\n'));
  }
  return wn_buf_addc(b, '\n');
}

winnow_status winnow_doc_explain(winnow_ctx *c, const winnow_doc *d, const winnow_record *rec,
                                 const char **out, size_t *len) {
  if (!c || !d || !out || !len)
    return WINNOW_ERR_ARG;
  wn_buf_clear(&c->out);
  return finish(c, render_explain(&c->out, d, rec), out, len);
}
