/* render.c - documents out: one JSON line (doc/FORMATS.md), or a
 * human-readable report for --explain. */
#include <cjson/cJSON.h>
#include <string.h>

#include "wn_ctx.h"

#define TRY(x)                                                                                     \
  do {                                                                                             \
    winnow_status st_ = (x);                                                                       \
    if (st_ != WINNOW_OK)                                                                          \
      return st_;                                                                                  \
  } while (0)

/* Append untrusted bytes (an input's id or metadata) as valid UTF-8: the
 * output must be valid JSON whatever came in. As a JSON string when quote. */
static winnow_status add_valid(wn_buf *b, const char *s, size_t n, int quote) {
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

static winnow_status str_field(wn_buf *b, int *first, const char *k, const char *v,
                               const cJSON *in) {
  if (!v || (in && cJSON_GetObjectItemCaseSensitive(in, k)))
    return WINNOW_OK; /* the input's own value passes through instead */
  TRY(key(b, first, k));
  return wn_buf_json_str(b, v, strlen(v));
}

/* Our metadata first, then the input's members (which win on a clash). */
static winnow_status metadata(wn_buf *b, const winnow_doc *d, const winnow_record *rec) {
  cJSON *in = NULL;
  if (rec && rec->meta_json && rec->meta_json_len > 2)
    in = cJSON_ParseWithLength(rec->meta_json, rec->meta_json_len);
  int first = 1;
  winnow_status st = wn_buf_addc(b, '{');
  const winnow_meta *m = &d->meta;
  const char *vals[] = {m->title,  m->date,
                        m->source, m->author,
                        m->editor, d->script ? winnow_script_str((winnow_script)d->script) : NULL};
  const char *keys[] = {"title", "date", "source", "author", "editor", "script"};
  for (size_t i = 0; i < WN_ARRAY_LEN(keys) && st == WINNOW_OK; i++)
    st = str_field(b, &first, keys[i], vals[i], in);
  if (st == WINNOW_OK && in && cJSON_IsObject(in) && in->child) {
    /* the input's own text minus its braces, bytes made valid UTF-8 */
    if (!first)
      st = wn_buf_addc(b, ',');
    if (st == WINNOW_OK)
      st = add_valid(b, rec->meta_json + 1, rec->meta_json_len - 2, 0);
  }
  cJSON_Delete(in);
  return st == WINNOW_OK ? wn_buf_addc(b, '}') : st;
}

static winnow_status spam(wn_buf *b, const winnow_doc *d) {
  TRY(wn_buf_printf(b, "\"spam\":{\"injected\":%s,\"kinds\":[", d->spam_kinds ? "true" : "false"));
  int first = 1;
  for (uint32_t bit = 1; bit; bit <<= 1) {
    const char *name = (d->spam_kinds & bit) ? winnow_spam_kind_str(bit) : NULL;
    if (!name)
      continue;
    if (!first)
      TRY(wn_buf_addc(b, ','));
    first = 0;
    TRY(wn_buf_json_str(b, name, strlen(name)));
  }
  return wn_buf_adds(b, "]}");
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

static winnow_status explain_head(wn_buf *b, const winnow_doc *d, const winnow_record *rec) {
  const winnow_meta *m = &d->meta;
  TRY(wn_buf_printf(b, "=== %s  (%zu blocks, script %s)\n", rec && rec->id ? rec->id : "",
                    d->n_blocks, winnow_script_str((winnow_script)d->script)));
  const char *keys[] = {"title", "date", "source", "author", "editor"};
  const char *vals[] = {m->title, m->date, m->source, m->author, m->editor};
  for (size_t i = 0; i < WN_ARRAY_LEN(keys); i++)
    if (vals[i])
      TRY(wn_buf_printf(b, "    %-7s %s\n", keys[i], vals[i]));
  TRY(wn_buf_adds(b, "    spam    "));
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
