/*
 * winnow.h - the one public header of libwinnow.
 *
 * winnow reads web captures and already-extracted page text and returns the
 * text a reader came for: every input becomes a document of blocks, every
 * block is labelled content, chrome or spam with a reason, and the content
 * blocks are assembled into clean text with metadata.
 *
 * Objects and threads
 *   winnow_model   immutable rules and lexicons; load once, share between
 *                  threads, free after every context using it is freed.
 *   winnow_ctx     scratch space and the per-document arena; use one context
 *                  per thread. Everything a context returns is valid until
 *                  the next call on that context that takes a document.
 *   winnow_reader  a stream of input records (plain text files, JSONL).
 *
 * Errors
 *   Every function that can fail returns a winnow_status. Codes are pinned:
 *   they never change meaning and are never reused. winnow_status_str()
 *   names a code; winnow_ctx_errmsg() gives the detail of the last error on
 *   a context. The library never prints and never aborts; a malformed record
 *   is reported on the record, and reading goes on.
 */
#ifndef WINNOW_H
#define WINNOW_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(WINNOW_BUILDING) && defined(__GNUC__)
#define WINNOW_API __attribute__((visibility("default")))
#else
#define WINNOW_API
#endif

#define WINNOW_VERSION_MAJOR 0
#define WINNOW_VERSION_MINOR 1
#define WINNOW_VERSION_PATCH 0
#define WINNOW_VERSION_STRING "0.1.0"

/* The library's version string, e.g. "0.1.0". Static storage. */
WINNOW_API const char *winnow_version(void);

/* ------------------------------------------------------------------------ */
/* Status codes (pinned: never renumbered, never reused)                    */
/* ------------------------------------------------------------------------ */
typedef enum winnow_status {
  WINNOW_OK = 0,
  WINNOW_END = 1,              /* a reader has no more records */
  WINNOW_ERR_NOMEM = 2,        /* an allocation failed */
  WINNOW_ERR_ARG = 3,          /* a bad argument or parameter value */
  WINNOW_ERR_LIMIT = 4,        /* a cap was reached; the message names it */
  WINNOW_ERR_IO = 5,           /* reading or writing a file failed */
  WINNOW_ERR_JSON = 6,         /* a JSONL line is not a JSON object */
  WINNOW_ERR_JSON_TEXT = 7,    /* a JSONL object has no string "text" */
  WINNOW_ERR_MODEL = 8,        /* rule or lexicon data is malformed */
  WINNOW_ERR_PLATFORM = 9,     /* the CPU lacks what a dependency needs */
  WINNOW_ERR_INTERNAL = 10,    /* a bug: please report it */
  WINNOW_ERR_UNSUPPORTED = 11, /* a format or feature not supported */
  WINNOW_STATUS_COUNT_ = 12    /* not a status: the number of codes */
} winnow_status;

/* Name of a status, e.g. "limit reached". Static storage; never NULL. */
WINNOW_API const char *winnow_status_str(winnow_status s);
/* Short machine name of a status, e.g. "limit". Static storage. */
WINNOW_API const char *winnow_status_name(winnow_status s);

/* Free a buffer the library returned with the note "free with winnow_free".
 * Accepts NULL. */
WINNOW_API void winnow_free(void *p);

/* ------------------------------------------------------------------------ */
/* Labels, reasons, scripts, lexicon categories (all pinned)                */
/* ------------------------------------------------------------------------ */
typedef enum winnow_label {
  WINNOW_LABEL_CONTENT = 0,
  WINNOW_LABEL_CHROME = 1, /* site furniture, and metadata lines */
  WINNOW_LABEL_SPAM = 2    /* injected spam */
} winnow_label;
WINNOW_API const char *winnow_label_str(winnow_label l);

/* Why a block got its label. The text of a reason is winnow_reason_str();
 * a block may carry a detail string saying more. */
typedef enum winnow_reason {
  WINNOW_REASON_NONE = 0,
  WINNOW_REASON_PROSE = 1,        /* content: sentence-shaped text */
  WINNOW_REASON_TITLE = 2,        /* content: the article title */
  WINNOW_REASON_IN_BODY = 3,      /* content: short line inside the article */
  WINNOW_REASON_ALL_SHORT = 4,    /* content: page made of short lines */
  WINNOW_REASON_LEXICON = 10,     /* chrome: UI vocabulary */
  WINNOW_REASON_BREADCRUMB = 11,  /* chrome: "Home > Section >" */
  WINNOW_REASON_NAV_LIST = 12,    /* chrome: short items joined by separators */
  WINNOW_REASON_CHROME_ZONE = 13, /* chrome: short line among chrome lines */
  WINNOW_REASON_DECORATION = 14,  /* chrome: symbols only, outside the body */
  WINNOW_REASON_COPYRIGHT = 15,   /* chrome: copyright notice */
  WINNOW_REASON_META_DATE = 20,   /* metadata line: date */
  WINNOW_REASON_META_SOURCE = 21, /* metadata line: source */
  WINNOW_REASON_META_AUTHOR = 22, /* metadata line: author */
  WINNOW_REASON_META_EDITOR = 23, /* metadata line: editor */
  WINNOW_REASON_LINK_FARM = 30,   /* spam: link-farm list in one block */
  WINNOW_REASON_SPAM_RUN = 31,    /* spam: run of short spam-title lines */
  WINNOW_REASON_COUNT_ = 32
} winnow_reason;
WINNOW_API const char *winnow_reason_str(winnow_reason r);

typedef enum winnow_script {
  WINNOW_SCRIPT_UNKNOWN = 0,
  WINNOW_SCRIPT_HANS = 1, /* Han, Simplified */
  WINNOW_SCRIPT_HANT = 2, /* Han, Traditional */
  WINNOW_SCRIPT_HAN = 3,  /* Han, no Simplified/Traditional evidence */
  WINNOW_SCRIPT_JPAN = 4, /* Japanese: kana present */
  WINNOW_SCRIPT_KORE = 5, /* Hangul */
  WINNOW_SCRIPT_LATN = 6,
  WINNOW_SCRIPT_CYRL = 7,
  WINNOW_SCRIPT_OTHER = 8,
  WINNOW_SCRIPT_COUNT_ = 9
} winnow_script;
/* BCP 47-style name: "zh-Hans", "zh-Hant", "Hani", "Jpan", "Kore", "Latn",
 * "Cyrl", "Zyyy" (other), "Zzzz" (unknown). Static storage. */
WINNOW_API const char *winnow_script_str(winnow_script s);

/* Lexicon categories; data/lexicon/<name>.txt holds each one's terms. */
typedef enum winnow_lexcat {
  WINNOW_LEX_SHARE = 0,
  WINNOW_LEX_PRINT,
  WINNOW_LEX_FONT,
  WINNOW_LEX_NAV,
  WINNOW_LEX_TOP,
  WINNOW_LEX_COPYRIGHT,
  WINNOW_LEX_ICP,
  WINNOW_LEX_LOGIN,
  WINNOW_LEX_RELATED,
  WINNOW_LEX_COMMENT,
  WINNOW_LEX_AD,
  WINNOW_LEX_SUBSCRIBE,
  WINNOW_LEX_LEGAL,
  WINNOW_LEX_MISC_UI,
  WINNOW_LEX_META_DATE,
  WINNOW_LEX_META_SOURCE,
  WINNOW_LEX_META_AUTHOR,
  WINNOW_LEX_META_EDITOR,
  WINNOW_LEX_ADULT,
  WINNOW_LEX_GAMBLING,
  WINNOW_LEX_PIRACY,
  WINNOW_LEX_FRAUD,
  WINNOW_LEX_COUNT_
} winnow_lexcat;
#define WINNOW_LEX_CHROME_LAST WINNOW_LEX_MISC_UI
#define WINNOW_LEX_SPAM_FIRST WINNOW_LEX_ADULT
/* The category's file name without ".txt", e.g. "share". Static storage. */
WINNOW_API const char *winnow_lexcat_str(winnow_lexcat c);

/* Kinds of injected spam found in a document (bit flags). */
enum {
  WINNOW_SPAM_LINK_FARM = 1u << 0, /* list of link titles */
  WINNOW_SPAM_ADULT = 1u << 1,
  WINNOW_SPAM_GAMBLING = 1u << 2,
  WINNOW_SPAM_PIRACY = 1u << 3,
  WINNOW_SPAM_FRAUD = 1u << 4,
  WINNOW_SPAM_SCRIPT_MISMATCH = 1u << 5 /* script differs from the page's */
};
/* Name of one spam kind bit, e.g. "link-farm"; NULL for an unknown bit. */
WINNOW_API const char *winnow_spam_kind_str(uint32_t bit);

/* ------------------------------------------------------------------------ */
/* Documents of blocks                                                       */
/* ------------------------------------------------------------------------ */

/* Features of one block. Every front end fills the same fields, so the
 * classifier does not care where a block came from. Counts are in code
 * points of the block's trimmed text. */
typedef struct winnow_features {
  uint32_t n_cp;                   /* code points, leading/trailing white space excluded */
  uint32_t n_space;                /* white space inside the block */
  uint32_t n_han;                  /* Han ideographs */
  uint32_t n_hans;                 /* ... of which Simplified-only forms */
  uint32_t n_hant;                 /* ... of which Traditional-only forms */
  uint32_t n_kana;                 /* Hiragana and Katakana */
  uint32_t n_hangul;               /* Hangul syllables and jamo */
  uint32_t n_latin;                /* Latin letters */
  uint32_t n_cyrl;                 /* Cyrillic letters */
  uint32_t n_other;                /* letters of other scripts */
  uint32_t n_digit;                /* decimal digits (any width) */
  uint32_t n_punct;                /* punctuation, separators included */
  uint32_t n_symbol;               /* other symbols */
  uint32_t n_sent_end;             /* sentence-final marks: . ! ? 。！？… */
  uint32_t n_comma;                /* clause marks: , ; : ， 、 ； ： */
  uint32_t n_sep;                  /* item separators (| · • › » > / _ 丨 etc.) */
  uint32_t n_items;                /* items when split at separators (>= 1) */
  uint32_t max_item;               /* code points of the longest item */
  uint32_t n_words;                /* words: Latin/Cyrillic runs, plus one per CJK char */
  uint32_t link_cp;                /* code points inside links (HTML; 0 for text) */
  uint32_t lex_cover;              /* code points covered by chrome-lexicon hits */
  uint32_t spam_items;             /* items holding at least one spam-lexicon hit */
  uint32_t n_items_loose;          /* items when commas, 、 and (in CJK) spaces
                                      also separate; set for spam candidates */
  uint32_t spam_items_loose;       /* ... of which with a spam-lexicon hit */
  uint32_t n_tokens;               /* white-space/bracket separated tokens */
  uint32_t max_token;              /* code points of the longest token */
  uint16_t lex[WINNOW_LEX_COUNT_]; /* hits per lexicon category */
  uint32_t sep_cp;                 /* the most frequent separator (a code point), or 0 */
  uint8_t script;                  /* winnow_script of the block */
  uint8_t ends_sentence;           /* last visible char is sentence-final */
  uint8_t ends_colon;              /* last visible char is ':' or '：' */
  uint8_t ends_punct;              /* last visible char ends a sentence or a clause */
  uint8_t blank_before;            /* a blank line (or the document start) precedes */
  uint8_t blank_after;             /* a blank line (or the document end) follows */
} winnow_features;

typedef struct winnow_block {
  uint32_t start, end;       /* byte span of the trimmed text in doc->text */
  uint32_t cp_start, cp_end; /* the same span in code points */
  uint32_t para;             /* paragraph number (blank-line separated) */
  uint8_t label;             /* winnow_label */
  uint8_t reason;            /* winnow_reason */
  const char *detail;        /* more about the reason, or NULL */
  winnow_features f;
} winnow_block;

/* Metadata the classifier found. Strings are NUL-terminated UTF-8 owned by
 * the context, or NULL when not found. date is ISO 8601 ("2024-11-20",
 * "2024-11-20T09:58" or "2024-11-20T09:58:07"). */
typedef struct winnow_meta {
  const char *title;
  const char *date;
  const char *source;
  const char *author;
  const char *editor;
} winnow_meta;

typedef struct winnow_doc {
  const char *text; /* the input as valid UTF-8 (repaired), NUL-ended */
  size_t text_len;  /* bytes, excluding the terminating NUL */
  size_t text_cp;   /* code points */
  const winnow_block *blocks;
  size_t n_blocks;
  winnow_meta meta;
  const char *clean; /* assembled clean text, NUL-terminated */
  size_t clean_len;
  uint32_t spam_kinds;     /* WINNOW_SPAM_* bits; 0 = no injected spam */
  uint8_t script;          /* winnow_script of the content */
  uint32_t n_invalid_utf8; /* invalid byte sequences replaced by U+FFFD */
  uint32_t n_nul;          /* NUL characters replaced by U+FFFD */
  uint32_t n_title_block;  /* index of the title block, or UINT32_MAX */
} winnow_doc;

/* ------------------------------------------------------------------------ */
/* Model and context                                                         */
/* ------------------------------------------------------------------------ */
typedef struct winnow_model winnow_model;
typedef struct winnow_ctx winnow_ctx;

/* Load the model built into the library (data/ of the source tree, embedded
 * at build time). On success *out owns a model: free with
 * winnow_model_free. On failure *out is NULL and, when err is not NULL and
 * errlen > 0, err holds a message. Thread-safe. */
WINNOW_API winnow_status winnow_model_load(winnow_model **out, char *err, size_t errlen);
/* The same, reading data files from a directory laid out like data/
 * (lexicon/<category>.txt, rules.conf) instead of the built-in copy. */
WINNOW_API winnow_status winnow_model_load_dir(const char *dir, winnow_model **out, char *err,
                                               size_t errlen);
/* Accepts NULL. No context using the model may be alive. */
WINNOW_API void winnow_model_free(winnow_model *m);

/* A new context over a model; NULL when out of memory or when m is NULL.
 * The model must outlive the context. */
WINNOW_API winnow_ctx *winnow_ctx_create(const winnow_model *m);
/* Accepts NULL. Frees everything the context returned. */
WINNOW_API void winnow_ctx_free(winnow_ctx *c);
/* Detail of the last error on this context; "" when none. Valid until the
 * next call on the context. */
WINNOW_API const char *winnow_ctx_errmsg(const winnow_ctx *c);

/* Integer parameters of a context. */
typedef enum winnow_param {
  WINNOW_P_MAX_DOC_BYTES = 0, /* largest document accepted, bytes */
  WINNOW_P_MAX_BLOCKS = 1,    /* most blocks in one document */
  WINNOW_P_COUNT_ = 2
} winnow_param;
WINNOW_API winnow_status winnow_ctx_set(winnow_ctx *c, winnow_param p, int64_t value);
WINNOW_API int64_t winnow_ctx_get(const winnow_ctx *c, winnow_param p);
/* The accepted range and default of a parameter. */
WINNOW_API winnow_status winnow_param_bounds(winnow_param p, int64_t *lo, int64_t *hi,
                                             int64_t *dflt);

/* ------------------------------------------------------------------------ */
/* Cleaning                                                                  */
/* ------------------------------------------------------------------------ */

/* Clean one document of already-extracted text (no HTML). text need not be
 * valid UTF-8 or NUL-free: invalid bytes and NULs are replaced by U+FFFD and
 * counted. On success *out points to a document owned by the context, valid
 * until the next winnow_clean_* call on it. On failure (WINNOW_ERR_LIMIT for
 * a document over WINNOW_P_MAX_DOC_BYTES, WINNOW_ERR_NOMEM) *out is NULL and
 * winnow_ctx_errmsg() says why; the context stays usable. */
WINNOW_API winnow_status winnow_clean_text(winnow_ctx *c, const char *text, size_t len,
                                           const winnow_doc **out);

/* ------------------------------------------------------------------------ */
/* Records and readers                                                       */
/* ------------------------------------------------------------------------ */
typedef enum winnow_format {
  WINNOW_FORMAT_AUTO = 0,  /* sniff: JSONL when the first non-white-space
                              byte (after a UTF-8 BOM) is '{' */
  WINNOW_FORMAT_TEXT = 1,  /* the whole input is one document */
  WINNOW_FORMAT_JSONL = 2, /* one JSON object per line, field "text" */
  WINNOW_FORMAT_COUNT_ = 3
} winnow_format;

/* One input record. Pointers are owned by the reader and valid until the
 * next winnow_reader_next call on it. */
typedef struct winnow_record {
  const char *source;   /* the input's name ("-" for stdin) */
  uint64_t index;       /* record number in the input, from 1; for JSONL
                           the line number (blank lines count) */
  uint64_t offset;      /* byte offset of the record in the input */
  winnow_status status; /* WINNOW_OK, or why this record is malformed */
  const char *error;    /* detail when status != OK, else NULL */
  const char *id;       /* record id (NUL-terminated); "<source>:<line>"
                           when a JSONL line has none */
  const char *text;     /* document text (may hold NULs: use text_len) */
  size_t text_len;
  const char *meta_json; /* the input's own text of its "metadata" object
                            (not NUL-terminated: use meta_json_len), or
                            NULL */
  size_t meta_json_len;
} winnow_record;

typedef struct winnow_reader winnow_reader;

/* Open a reader on a file ("-" = standard input). max_record_bytes caps one
 * record (a longer JSONL line or text file is reported as a record with
 * status WINNOW_ERR_LIMIT, and reading goes on). On failure *out is NULL
 * and err, when given, holds a message. */
WINNOW_API winnow_status winnow_reader_open(const char *path, winnow_format format,
                                            size_t max_record_bytes, winnow_reader **out, char *err,
                                            size_t errlen);
/* Next record: WINNOW_OK with *rec filled (check rec->status: a malformed
 * record is still a record, with text "" and an error message), WINNOW_END
 * at the end, or WINNOW_ERR_IO / WINNOW_ERR_NOMEM when the input cannot be
 * read further (winnow_reader_errmsg says why). Errors stick: later calls
 * return the same error. A directory fails already at winnow_reader_open. */
WINNOW_API winnow_status winnow_reader_next(winnow_reader *r, winnow_record *rec);
/* Detail of the reader's last run-level error, "" when none. */
WINNOW_API const char *winnow_reader_errmsg(const winnow_reader *r);
WINNOW_API void winnow_reader_free(winnow_reader *r);

/* ------------------------------------------------------------------------ */
/* Output                                                                    */
/* ------------------------------------------------------------------------ */

/* Render a cleaned document as one JSON line (with '\n'): id, text,
 * metadata, spam, removed (see doc/FORMATS.md). rec supplies id and
 * the input metadata to pass through; it may be NULL (id "" then). *out is
 * owned by the context, valid until the next call on it. */
WINNOW_API winnow_status winnow_doc_json(winnow_ctx *c, const winnow_doc *d,
                                         const winnow_record *rec, const char **out, size_t *len);

/* Render a document as a human-readable report: one line per block with its
 * label, reason and text. Same ownership as winnow_doc_json. */
WINNOW_API winnow_status winnow_doc_explain(winnow_ctx *c, const winnow_doc *d,
                                            const winnow_record *rec, const char **out,
                                            size_t *len);

/* ------------------------------------------------------------------------ */
/* Pipeline: readers -> worker threads -> ordered writer                    */
/* ------------------------------------------------------------------------ */
typedef enum winnow_output {
  WINNOW_OUTPUT_JSONL = 0,
  WINNOW_OUTPUT_EXPLAIN = 1,
  WINNOW_OUTPUT_TEXT = 2 /* the clean text only, documents separated by
                            a blank line */
} winnow_output;

typedef struct winnow_stats {
  uint64_t records;                      /* records read */
  uint64_t written;                      /* documents written */
  uint64_t errors[WINNOW_STATUS_COUNT_]; /* records in error, by status */
  uint64_t spam;                         /* written documents flagged spam */
  uint64_t bytes_in;                     /* input text bytes */
} winnow_stats;

/* Called for every record in error, in input order, from the thread that
 * called winnow_run. */
typedef void (*winnow_error_fn)(void *user, const winnow_record *rec, winnow_status st,
                                const char *msg);

typedef struct winnow_run_config {
  const char *const *inputs; /* paths; "-" = stdin */
  size_t n_inputs;
  winnow_format format;
  winnow_output output;
  int out_fd;               /* where documents go */
  int threads;              /* 0 = one per core */
  size_t max_record_bytes;  /* 0 = default (64 MiB): cap of one record */
  size_t max_doc_bytes;     /* 0 = default: WINNOW_P_MAX_DOC_BYTES */
  size_t max_blocks;        /* 0 = default: WINNOW_P_MAX_BLOCKS */
  size_t batch_bytes;       /* 0 = default (32 MiB): memory bound */
  winnow_error_fn on_error; /* may be NULL */
  void *user;
} winnow_run_config;

/* Read every input, clean every record on cfg->threads threads, write the
 * results to cfg->out_fd in input order, and count everything in *stats:
 * records = written + sum(errors). Returns WINNOW_OK when all records were
 * accounted for (errors on records are not a failure of the run), or the
 * run-level error (an input that cannot be opened is counted as an error
 * record of status WINNOW_ERR_IO and the run goes on). */
WINNOW_API winnow_status winnow_run(const winnow_model *m, const winnow_run_config *cfg,
                                    winnow_stats *stats);

#ifdef __cplusplus
}
#endif
#endif /* WINNOW_H */
