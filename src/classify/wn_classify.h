/*
 * wn_classify.h - the model (rules + lexicons), block features, the
 * classifier, metadata lines and spam detection. Works on winnow_doc blocks
 * whatever front end produced them.
 */
#ifndef WN_CLASSIFY_H
#define WN_CLASSIFY_H

#include "../common/wn_common.h"
#include "../common/wn_dom.h"

/* Thresholds of the rules: the fields are the list of rules.def (name,
 * unit, meaning), the values those of data/rules.conf ("name = integer").
 * A "unit" is wn_units(): one Han or kana character, two for a word. */
typedef struct wn_rules {
#define WN_RULE(name, unit, doc) int name;
#include "rules.def"
#undef WN_RULE
} wn_rules;

/* One lexicon hit, byte offsets into the document text. */
typedef struct wn_hit {
  uint32_t start, end;
  uint8_t cat;
} wn_hit;

struct hs_database;
struct hs_scratch;
struct winnow_model {
  struct hs_database *db;   /* Hyperscan literal database of every term */
  struct hs_scratch *proto; /* scratch for db, cloned by every context */
  uint8_t *pat_cat;         /* pattern id -> winnow_lexcat */
  uint8_t *pat_latin;       /* pattern id -> needs ASCII word boundaries */
  uint32_t *pat_len;        /* pattern id -> length in bytes */
  unsigned n_patterns;
  wn_rules rules;
  uint8_t from_image; /* read from the build's image, not compiled here */
};

/* Per-context state of the classifier (scratch, hit list). */
typedef struct wn_classify_scratch {
  struct hs_scratch *hs;
  wn_hit *hits;
  size_t n_hits, cap_hits;
} wn_classify_scratch;

/* The document under construction, shared by the stages of one context. */
typedef struct wn_docb {
  winnow_doc pub;         /* what the caller sees */
  winnow_block *blocks;   /* == pub.blocks, writable */
  const wn_dom_feat *dom; /* per block, what the DOM says of it (HTML
                             front end); NULL for text input */
  wn_arena *arena;
} wn_docb;

/* Files embedded at build time (tools/embed_data.c): data_embed.c holds
 * data/ (rules.conf, lexicon/NAME.txt); image_embed.c the model image
 * "model.img" of tools/gen_model_image.c (empty when the build machine
 * could not run Hyperscan). */
extern const wn_data_file wn_data_files[];
extern const size_t wn_data_files_count;
extern const wn_data_file wn_image_files[];
extern const size_t wn_image_files_count;

/* model.c */
/* Parse data files (rules.conf, lexicon/NAME.txt) and compile the lexicons:
 * for this CPU, or for any x86-64 Hyperscan runs on when generic is set. */
winnow_status wn_model_build(winnow_model *m, const char *const *names, const char *const *texts,
                             const size_t *lens, size_t n, int generic, char *err, size_t errlen);
/* Where a model loaded from the data embedded in the library gets its
 * lexicon database. */
typedef enum wn_model_how {
  WN_MODEL_AUTO,    /* from the image img; compile for this CPU when refused */
  WN_MODEL_COMPILE, /* compile for this CPU (what AUTO falls back to) */
  WN_MODEL_GENERIC  /* compile for any x86-64 (what the build's image holds) */
} wn_model_how;
/* winnow_model_load with the choice made by the caller (tests, benchmarks,
 * tools/gen_model_image.c); img is ignored unless how is WN_MODEL_AUTO. */
winnow_status wn_model_load_how(winnow_model **out, wn_model_how how, const unsigned char *img,
                                size_t img_len, char *err, size_t errlen);
winnow_status wn_scratch_init(wn_classify_scratch *s, const winnow_model *m);
void wn_scratch_free(wn_classify_scratch *s);

/* model_image.c: the model as bytes (rules, pattern tables, serialised
 * Hyperscan database), written at build time and read by the same build. */
winnow_status wn_model_image_write(const winnow_model *m, wn_buf *out);
/* Fill a blank model from an image. WINNOW_ERR_MODEL when the image is not
 * this build's or Hyperscan refuses its database (err says why); the model
 * may then hold part of it: free or clear it. */
winnow_status wn_model_image_read(winnow_model *m, const unsigned char *img, size_t len, char *err,
                                  size_t errlen);
/* Offset of the Hyperscan database in an image; 0 when img is not one. */
size_t wn_model_image_hs_at(const unsigned char *img, size_t len);

/* lexicon.c: scan the document once and fill per-block lexicon features.
 * On return s->hits holds every hit sorted by start (may be none). */
winnow_status wn_lexicon_scan(const winnow_model *m, wn_classify_scratch *s, wn_docb *d);

/* First hit starting at or after pos, or NULL (binary search). */
const wn_hit *wn_hit_from(const wn_classify_scratch *s, uint32_t pos);

/* features.c: character features of every block (and code point spans). */
void wn_features_compute(wn_docb *d);
winnow_script wn_script_of(const winnow_features *f);
/* "Units" of a block, the length every rule measures in: one per Han or
 * kana character, two per word of a script that spaces its words. */
static inline uint32_t wn_units(const winnow_features *f) {
  uint32_t cjk = f->n_han + f->n_kana;
  return cjk + 2 * (f->n_words - cjk); /* a word weighs ~2 CJK characters */
}
/* Is cp (between prev and next, 0 at block edges) an item separator? */
int wn_is_sep(uint32_t prev, uint32_t cp, uint32_t next);

/* metaline.c */
typedef struct wn_meta_fields {
  const char *date;                     /* ISO 8601 string (arena) or NULL */
  const char *source, *author, *editor; /* values (arena) or NULL */
  winnow_reason reason;                 /* the main kind of the line */
} wn_meta_fields;
/* Is block b a metadata line? Fills *out when it is (returns 1). */
int wn_metaline_parse(const winnow_model *m, const wn_classify_scratch *s, wn_docb *d,
                      const winnow_block *b, wn_meta_fields *out);
/* Find a date in text[0..n): fills iso (>= 20 bytes) and the span; 1 when
 * found. Exposed for unit tests. */
int wn_date_find(const char *text, size_t n, char *iso, size_t *start, size_t *end);

/* spam.c */
/* Label link-farm blocks spam (needs d->pub.script). */
void wn_spam_farms(const winnow_model *m, wn_docb *d);
/* Label runs of short spam-title lines among undecided blocks; a run
 * inside [body_first, body_last] needs stronger evidence. */
void wn_spam_runs(const winnow_model *m, wn_docb *d, int32_t body_first, int32_t body_last);
/* Count items of block b holding a spam-lexicon hit (hits sorted). */
void wn_spam_count_items(const wn_classify_scratch *s, wn_docb *d);

/* classify.c: label every block, fill metadata, assemble the clean text. */
winnow_status wn_classify(const winnow_model *m, wn_classify_scratch *s, wn_docb *d);

/* assemble.c */
winnow_status wn_assemble(wn_docb *d);

#endif /* WN_CLASSIFY_H */
