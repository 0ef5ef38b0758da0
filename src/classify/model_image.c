/* model_image.c - the model as bytes: rule thresholds, pattern tables and
 * the serialised Hyperscan database, so winnow_model_load can skip the
 * lexicon compile (about 70 ms) and copy a database built with the
 * library instead (tools/gen_model_image.c).
 *
 * Layout (native byte order: an image is read only by the build that wrote
 * it): the head below, then pat_cat[n], pat_latin[n], pat_len[n] (uint32)
 * and the hs_serialize_database bytes. Hyperscan checks its own part: the
 * version of the library, the CPU features it was compiled for and a CRC
 * of the bytecode; a refused image is an error the caller falls back from. */
#include <hs/hs.h>
#include <stdlib.h>
#include <string.h>

#include "wn_classify.h"

#define IMAGE_MAGIC "WNIMAGE2" /* bump the digit when the layout changes */

/* The rule names of rules.def in order: wn_rules is copied as bytes, so an
 * image is tied to the list it was written with (a rule renamed or moved
 * keeps sizeof(wn_rules) but changes this). */
static const char RULE_NAMES[] =
#define WN_RULE(name, unit, doc) #name " "
#include "rules.def"
#undef WN_RULE
    ;

/* FNV-1a of the rule names. */
static uint32_t rules_sig(void) {
  uint32_t h = 2166136261u;
  for (const char *p = RULE_NAMES; *p; p++)
    h = (h ^ (unsigned char)*p) * 16777619u;
  return h;
}

typedef struct image_head {
  char magic[8];
  uint32_t rules_size; /* sizeof(wn_rules) of the writer */
  uint32_t n_patterns;
  uint32_t hs_len;
  uint32_t rules_sig; /* rules_sig() of the writer */
} image_head;

static size_t tables_size(size_t n) {
  return n * (2 + sizeof(uint32_t));
}

size_t wn_model_image_hs_at(const unsigned char *img, size_t len) {
  image_head h;
  if (!img || len < sizeof h + sizeof(wn_rules))
    return 0;
  memcpy(&h, img, sizeof h);
  size_t at = sizeof h + sizeof(wn_rules) + tables_size(h.n_patterns);
  if (memcmp(h.magic, IMAGE_MAGIC, sizeof h.magic) || h.rules_size != sizeof(wn_rules) ||
      h.rules_sig != rules_sig() || h.n_patterns == 0 || at > len || len - at != h.hs_len)
    return 0;
  return at;
}

winnow_status wn_model_image_write(const winnow_model *m, wn_buf *out) {
  char *hs = NULL;
  size_t hs_len = 0;
  if (!m->db || hs_serialize_database(m->db, &hs, &hs_len) != HS_SUCCESS)
    return m->db ? WINNOW_ERR_NOMEM : WINNOW_ERR_MODEL;
  image_head h = {IMAGE_MAGIC, sizeof(wn_rules), m->n_patterns, (uint32_t)hs_len, rules_sig()};
  size_t n = m->n_patterns;
  winnow_status st = wn_buf_add(out, &h, sizeof h);
  if (st == WINNOW_OK)
    st = wn_buf_add(out, &m->rules, sizeof m->rules);
  if (st == WINNOW_OK)
    st = wn_buf_add(out, m->pat_cat, n);
  if (st == WINNOW_OK)
    st = wn_buf_add(out, m->pat_latin, n);
  if (st == WINNOW_OK)
    st = wn_buf_add(out, m->pat_len, n * sizeof *m->pat_len);
  if (st == WINNOW_OK)
    st = wn_buf_add(out, hs, hs_len);
  free(hs); /* hs_serialize_database allocates with the default (misc) allocator */
  return st;
}

/* Copy the pattern tables out of the image and check them. */
static winnow_status read_tables(winnow_model *m, const unsigned char *p, size_t n, char *err,
                                 size_t errlen) {
  m->pat_cat = wn_malloc(n);
  m->pat_latin = wn_malloc(n);
  m->pat_len = wn_malloc(n * sizeof *m->pat_len);
  if (!m->pat_cat || !m->pat_latin || !m->pat_len)
    return WINNOW_ERR_NOMEM;
  memcpy(m->pat_cat, p, n);
  memcpy(m->pat_latin, p + n, n);
  memcpy(m->pat_len, p + 2 * n, n * sizeof *m->pat_len);
  for (size_t i = 0; i < n; i++)
    if (m->pat_cat[i] >= WINNOW_LEX_COUNT_ || m->pat_latin[i] > 1 || m->pat_len[i] == 0) {
      wn_fmt(err, errlen, "model image: bad pattern table entry %zu", i);
      return WINNOW_ERR_MODEL;
    }
  m->n_patterns = (unsigned)n;
  return WINNOW_OK;
}

static const char *hs_refusal(hs_error_t e) {
  switch (e) {
  case HS_DB_VERSION_ERROR: return "written by another Hyperscan version";
  case HS_DB_PLATFORM_ERROR: return "compiled for CPU features this one lacks";
  case HS_NOMEM: return "out of memory";
  default: return "corrupt";
  }
}

/* hs_deserialize_database checks the version, the platform and the CRC of
 * the bytecode itself. */
static winnow_status read_db(winnow_model *m, const unsigned char *p, size_t len, char *err,
                             size_t errlen) {
  hs_error_t e = hs_deserialize_database((const char *)p, len, &m->db);
  if (e == HS_SUCCESS)
    return WINNOW_OK;
  wn_fmt(err, errlen, "model image: Hyperscan refused its database (%s)", hs_refusal(e));
  return e == HS_NOMEM ? WINNOW_ERR_NOMEM : WINNOW_ERR_MODEL;
}

winnow_status wn_model_image_read(winnow_model *m, const unsigned char *img, size_t len, char *err,
                                  size_t errlen) {
  size_t at = wn_model_image_hs_at(img, len);
  if (!at) {
    wn_fmt(err, errlen, "model image: not an image of this build");
    return WINNOW_ERR_MODEL;
  }
  image_head h;
  memcpy(&h, img, sizeof h);
  memcpy(&m->rules, img + sizeof h, sizeof m->rules);
  winnow_status st = read_tables(m, img + sizeof h + sizeof m->rules, h.n_patterns, err, errlen);
  if (st == WINNOW_OK)
    st = read_db(m, img + at, h.hs_len, err, errlen);
  return st;
}
