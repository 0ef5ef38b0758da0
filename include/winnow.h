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
 *   winnow_reader  a stream of input records: WARC/WET/WAT archives (plain,
 *                  gzip, zstd), HTML files, plain text files, JSONL.
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
  WINNOW_ERR_FORMAT = 12,      /* a malformed input record: its
                                  winnow_errclass says how */
  WINNOW_STATUS_COUNT_ = 13    /* not a status: the number of codes */
} winnow_status;

/* Name of a status, e.g. "limit reached". Static storage; never NULL. */
WINNOW_API const char *winnow_status_str(winnow_status s);
/* Short machine name of a status, e.g. "limit". Static storage. */
WINNOW_API const char *winnow_status_name(winnow_status s);

/* Why a record is in error: finer than a status, one class per kind of
 * malformed input or failure (pinned: never renumbered, never reused). Every
 * record a run reads ends written, dropped with a winnow_drop reason, or in
 * error with one of these. */
typedef enum winnow_errclass {
  WINNOW_EC_NONE = 0,
  WINNOW_EC_IO = 1,                    /* "io": an input cannot be opened or read further */
  WINNOW_EC_NOMEM = 2,                 /* "nomem": no memory for this record */
  WINNOW_EC_INTERNAL = 3,              /* "internal": a bug */
  WINNOW_EC_OUTPUT = 4,                /* "output": the document could not be written */
  WINNOW_EC_INVALID_JSON = 5,          /* "invalid-json": a JSONL line that is no JSON object */
  WINNOW_EC_JSON_NO_TEXT = 6,          /* "json-no-text": no string field "text" */
  WINNOW_EC_RECORD_TOO_BIG = 7,        /* "record-too-big": over max_record_bytes */
  WINNOW_EC_DOC_TOO_BIG = 8,           /* "doc-too-big": text over WINNOW_P_MAX_DOC_BYTES */
  WINNOW_EC_TOO_MANY_BLOCKS = 9,       /* "too-many-blocks": over WINNOW_P_MAX_BLOCKS */
  WINNOW_EC_EMPTY_INPUT = 10,          /* "empty-input": a zero-byte input (not JSONL) */
  WINNOW_EC_GARBAGE = 11,              /* "garbage": bytes where a WARC record should start */
  WINNOW_EC_GZIP_TRUNCATED = 12,       /* "gzip-truncated": input ends inside a gzip member */
  WINNOW_EC_GZIP_CORRUPT = 13,         /* "gzip-corrupt": bad header, deflate data, CRC, size */
  WINNOW_EC_ZSTD_TRUNCATED = 14,       /* "zstd-truncated" */
  WINNOW_EC_ZSTD_CORRUPT = 15,         /* "zstd-corrupt" */
  WINNOW_EC_MEMBER_GARBAGE = 16,       /* "member-garbage": bytes between members/frames */
  WINNOW_EC_WARC_VERSION = 17,         /* "warc-version": not WARC/1.0 or WARC/1.1 */
  WINNOW_EC_CL_MISSING = 18,           /* "content-length-missing" */
  WINNOW_EC_CL_NONNUMERIC = 19,        /* "content-length-nonnumeric" */
  WINNOW_EC_CL_OVERFLOW = 20,          /* "content-length-overflow" */
  WINNOW_EC_CL_TOO_SHORT = 21,         /* "content-length-too-short": the block goes on */
  WINNOW_EC_CL_TOO_LONG = 22,          /* "content-length-too-long": runs into the next record */
  WINNOW_EC_WARC_TRUNCATED = 23,       /* "warc-truncated": input ends inside a record */
  WINNOW_EC_HEADER_LINE_TOO_LONG = 24, /* "header-line-too-long": over max_header_line */
  WINNOW_EC_TOO_MANY_HEADERS = 25,     /* "too-many-headers": over max_headers */
  WINNOW_EC_HEADER_NEWLINE = 26,       /* "header-newline": a raw newline in a header value */
  WINNOW_EC_HEADER_BYTES = 27,         /* "header-bytes": control bytes or invalid UTF-8 */
  WINNOW_EC_HTTP = 28,                 /* "http-malformed": bad status line or HTTP headers */
  WINNOW_EC_CHUNKED = 29,              /* "chunked-framing": bad Transfer-Encoding: chunked */
  WINNOW_EC_ENCODING_LIE = 30,         /* "encoding-lie": Content-Encoding names a coding the
                                          bytes are not in, and they are no text either */
  WINNOW_EC_PAYLOAD_CORRUPT = 31,      /* "payload-corrupt": an encoded payload that fails */
  WINNOW_EC_UNSUPPORTED_ENCODING = 32, /* "unsupported-encoding": a coding we cannot undo */
  WINNOW_EC_BOMB = 33,                 /* "decompression-bomb": decoded bytes over the cap */
  WINNOW_EC_BINARY = 34,               /* "binary-payload": bytes that are no text under a
                                          text or HTML label */
  WINNOW_EC_HTML_LIMIT = 35,           /* "html-too-deep": markup nesting or error work
                                          over the HTML pass's caps */
  WINNOW_EC_JSON_TOO_DEEP = 36,        /* "json-too-deep": a JSONL line nested deeper than
                                          the JSON parser's cap (1000 levels) */
  WINNOW_EC_COUNT_ = 37
} winnow_errclass;
/* Short stable name, e.g. "gzip-truncated". Static storage; never NULL. */
WINNOW_API const char *winnow_errclass_str(winnow_errclass e);
/* The status a record of that class carries (e.g. WINNOW_ERR_FORMAT). */
WINNOW_API winnow_status winnow_errclass_status(winnow_errclass e);

/* Why a record that is no error was not written (pinned). */
typedef enum winnow_drop {
  WINNOW_DROP_NONE = 0,
  WINNOW_DROP_RECORD_TYPE = 1,  /* "record-type": a WARC record that holds no document
                                   (warcinfo, request, metadata, revisit, ...); the
                                   stats' skipped[] break it down by type */
  WINNOW_DROP_CONTENT_TYPE = 2, /* "content-type": a payload that is not HTML or text
                                   (images, PDF, scripts, JSON, ...) */
  WINNOW_DROP_HTTP_STATUS = 3,  /* "http-status": an HTTP status outside 200-299 */
  WINNOW_DROP_EMPTY = 4,        /* "empty-payload": a response or document of no bytes */
  WINNOW_DROP_NO_CONTENT = 5,   /* "no-content": nothing was left after cleaning */
  WINNOW_DROP_COUNT_ = 6
} winnow_drop;
WINNOW_API const char *winnow_drop_str(winnow_drop d);

/* WARC-Type of a record (WARC 1.1 §6); NONE for input that is no WARC. */
typedef enum winnow_rectype {
  WINNOW_REC_NONE = 0, /* "none": a text, HTML or JSONL record, or WARC
                          input that is no record (garbage) */
  WINNOW_REC_WARCINFO = 1,
  WINNOW_REC_RESPONSE = 2,
  WINNOW_REC_RESOURCE = 3,
  WINNOW_REC_REQUEST = 4,
  WINNOW_REC_METADATA = 5,
  WINNOW_REC_REVISIT = 6,
  WINNOW_REC_CONVERSION = 7,
  WINNOW_REC_CONTINUATION = 8,
  WINNOW_REC_OTHER = 9, /* "other": a WARC-Type unknown to winnow, or none */
  WINNOW_REC_COUNT_ = 10
} winnow_rectype;
/* "response", "warcinfo", ..., "none", "other". Static storage. */
WINNOW_API const char *winnow_rectype_str(winnow_rectype t);

/* Defects a record was read in spite of (bit flags): it is still a
 * document, and the stats count each. */
enum {
  WINNOW_WARN_LF_ONLY = 1u << 0,       /* "lf-only": header lines ended by LF alone */
  WINNOW_WARN_ENCODING_LIE = 1u << 1,  /* "encoding-lie": Content-Encoding named a coding
                                          the payload was not in; read as stored */
  WINNOW_WARN_TRUNCATED = 1u << 2,     /* "warc-truncated-header": WARC-Truncated says the
                                          crawler cut the capture */
  WINNOW_WARN_CHARSET_LABEL = 1u << 3, /* "charset-overridden": the declared charset was
                                          contradicted by the bytes and replaced */
  WINNOW_WARN_REPAIRED = 1u << 4,      /* "repaired": invalid bytes or NULs became U+FFFD */
  WINNOW_WARN_HTML_CUT = 1u << 5,      /* "html-markup-cut": markup over the HTML pass's
                                          caps (attributes of one tag, distinct names in
                                          the page) was left out; the text is whole */
  WINNOW_WARN_HTML_FLAT = 1u << 6,     /* "html-depth-flattened": elements nested deeper
                                          than the HTML pass's cap were read as plain
                                          text runs (their text kept, no breaks) */
  WINNOW_WARN_COUNT_ = 7               /* not a flag: the number of warning bits */
};
/* Name of one warning bit, e.g. "lf-only"; NULL for an unknown bit. */
WINNOW_API const char *winnow_warn_str(uint32_t bit);

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
  WINNOW_REASON_HIDDEN = 16,      /* chrome: inside an element the page hides (HTML) */
  WINNOW_REASON_LINK_DENSE = 17,  /* chrome: mostly link text in a nav, footer, aside
                                     or chrome-classed region (HTML) */
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
  uint32_t max_item;               /* units (wn_units) of the longest item */
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
  /* Where the text came from (winnow_clean_bytes / winnow_clean_record). */
  uint8_t content;            /* winnow_content of the input */
  const char *charset;        /* charset the bytes were decoded from, WHATWG name
                                 ("UTF-8", "GBK", "Big5", "windows-1252"), or NULL
                                 for WINNOW_CONTENT_TEXT */
  const char *charset_source; /* how it was decided: "bom", "http", "meta",
                                 "detected", "default", "label_overridden"; or NULL */
  const char *html_title;     /* the page's <title>, white space collapsed, or NULL */
  uint32_t warnings;          /* WINNOW_WARN_* bits found while decoding */
  /* What an HTML page says of itself (<meta>, JSON-LD, <html lang>,
   * <link rel=canonical>; doc/FORMATS.md lists the sources): NULL when it
   * says nothing, and for other inputs. meta.title, meta.date and
   * meta.author take the page's values first as well. */
  const char *sitename;      /* og:site_name, the JSON-LD publisher */
  const char *description;   /* meta description, og:description */
  const char *lang;          /* <html lang>, as the page claims it: a hint */
  const char *canonical_url; /* <link rel=canonical>, og:url */
  const char *keywords;      /* meta keywords: never part of the text */
} winnow_doc;

/* ------------------------------------------------------------------------ */
/* Model and context                                                         */
/* ------------------------------------------------------------------------ */
typedef struct winnow_model winnow_model;
typedef struct winnow_ctx winnow_ctx;

/* Load the model built into the library (data/ of the source tree, compiled
 * and embedded at build time: about 0.2 ms). When the Hyperscan the process
 * runs with refuses the embedded database (another libhs version), the
 * embedded data is compiled instead, with the same result (about 70 ms).
 * On success *out owns a model: free with winnow_model_free. On failure
 * *out is NULL and, when err is not NULL and errlen > 0, err holds a
 * message. Thread-safe. */
WINNOW_API winnow_status winnow_model_load(winnow_model **out, char *err, size_t errlen);
/* The same, reading data files from a directory laid out like data/
 * (lexicon/<category>.txt, rules.conf) instead of the built-in copy; these
 * are always compiled (about 70 ms for the shipped data). */
WINNOW_API winnow_status winnow_model_load_dir(const char *dir, winnow_model **out, char *err,
                                               size_t errlen);
/* Accepts NULL. No context using the model may be alive. */
WINNOW_API void winnow_model_free(winnow_model *m);

/* A new context over a model; NULL when out of memory or when m is NULL.
 * The model must outlive the context. */
WINNOW_API winnow_ctx *winnow_ctx_create(const winnow_model *m);
/* Accepts NULL. Frees everything the context returned. */
WINNOW_API void winnow_ctx_free(winnow_ctx *c);
/* Accepts NULL. A context keeps the buffers of the largest document it has
 * cleaned, so the next one allocates nothing; this frees each of them
 * (text, page, arena, output, lexicon hits) that is larger than keep_bytes
 * (0: all). The last document and outputs the context returned become
 * invalid. For callers that keep many contexts alive while large documents
 * are rare: winnow_run calls it after every document. */
WINNOW_API void winnow_ctx_trim(winnow_ctx *c, size_t keep_bytes);
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

/* What the bytes of an input are. */
typedef enum winnow_content {
  WINNOW_CONTENT_TEXT = 0,  /* already-extracted text, UTF-8 expected (JSONL
                               "text"): invalid bytes are repaired */
  WINNOW_CONTENT_PLAIN = 1, /* plain text bytes in any charset (a text file, a
                               WET conversion record, a text/plain response) */
  WINNOW_CONTENT_HTML = 2,  /* an HTML page's bytes in any charset */
  WINNOW_CONTENT_COUNT_ = 3
} winnow_content;

/* Clean bytes of any content: the charset is decided (BOM, the charset of
 * content_type - an HTTP Content-Type value, may be NULL -, <meta> for
 * HTML, then detection) and the bytes converted to UTF-8; HTML goes through
 * the HTML pass to text; then as winnow_clean_text. doc->charset,
 * charset_source, html_title and warnings say what was found. Fails with
 * WINNOW_ERR_FORMAT for bytes that are no text (winnow_ctx_errclass:
 * WINNOW_EC_BINARY), WINNOW_ERR_LIMIT for caps. Same ownership as
 * winnow_clean_text. */
WINNOW_API winnow_status winnow_clean_bytes(winnow_ctx *c, winnow_content content,
                                            const char *bytes, size_t len, const char *content_type,
                                            const winnow_doc **out);
/* The class of the last error on this context (WINNOW_EC_NONE when none). */
WINNOW_API winnow_errclass winnow_ctx_errclass(const winnow_ctx *c);

/* ------------------------------------------------------------------------ */
/* Records and readers                                                       */
/* ------------------------------------------------------------------------ */
typedef enum winnow_format {
  WINNOW_FORMAT_AUTO = 0,  /* sniff (see doc/FORMATS.md): gzip or zstd magic
                              or "WARC/1." -> WARC; HTML by the WHATWG
                              sniffing rules or an .htm/.html/.xhtml name ->
                              HTML; first non-white-space byte '{' -> JSONL;
                              else TEXT */
  WINNOW_FORMAT_TEXT = 1,  /* the whole input is one document */
  WINNOW_FORMAT_JSONL = 2, /* one JSON object per line, field "text" */
  WINNOW_FORMAT_WARC = 3,  /* WARC 1.0/1.1, WET, WAT: plain, gzip, zstd */
  WINNOW_FORMAT_HTML = 4,  /* the whole input is one HTML page */
  WINNOW_FORMAT_COUNT_ = 5
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
  /* What the record is (all formats) */
  winnow_content content;    /* how to read text: TEXT for JSONL, PLAIN for
                                a text file or WET record, HTML for a page */
  winnow_errclass err_class; /* why status != WINNOW_OK; NONE when OK */
  winnow_drop drop;          /* != NONE: a record that holds no document (a
                                request, an image, a redirect): counted, not
                                cleaned; text is "" */
  winnow_rectype type;       /* WARC-Type; NONE outside WARC */
  uint32_t warnings;         /* WINNOW_WARN_* bits found by the reader */
  /* WARC and HTTP fields (NULL / 0 when absent) */
  const char *url;          /* WARC-Target-URI */
  const char *date;         /* WARC-Date */
  const char *content_type; /* the payload's Content-Type: HTTP header of a
                               response, else the WARC record's */
  int http_status;          /* HTTP status of a response, 0 when none */
} winnow_record;

typedef struct winnow_reader winnow_reader;

/* Caps and format of a reader; zero fields take the defaults. */
typedef struct winnow_reader_config {
  winnow_format format;
  size_t max_record_bytes; /* 0 = 64 MiB: one record as stored, and every
                              decompressed or decoded form of it (gzip
                              member, zstd frame, HTTP Content-Encoding) */
  size_t max_header_line;  /* 0 = 8 KiB: longest WARC or HTTP header line */
  size_t max_headers;      /* 0 = 256: most WARC (and HTTP) header fields */
} winnow_reader_config;

/* Open a reader on a file ("-" = standard input) with cfg (NULL: defaults,
 * format AUTO). Same contract as winnow_reader_open. */
WINNOW_API winnow_status winnow_reader_open_cfg(const char *path, const winnow_reader_config *cfg,
                                                winnow_reader **out, char *err, size_t errlen);
/* Open a reader on a file descriptor, read to its end and not closed; name
 * is what records carry as source. */
WINNOW_API winnow_status winnow_reader_open_fd(int fd, const char *name,
                                               const winnow_reader_config *cfg, winnow_reader **out,
                                               char *err, size_t errlen);
/* Bytes read from the input so far (compressed bytes for compressed
 * input). */
WINNOW_API uint64_t winnow_reader_bytes(const winnow_reader *r);

/* Open a reader on a file ("-" = standard input). max_record_bytes caps one
 * record (a longer JSONL line or text file is reported as a record with
 * status WINNOW_ERR_LIMIT, and reading goes on). On failure *out is NULL
 * and err, when given, holds a message. */
WINNOW_API winnow_status winnow_reader_open(const char *path, winnow_format format,
                                            size_t max_record_bytes, winnow_reader **out, char *err,
                                            size_t errlen);
/* Next record: WINNOW_OK with *rec filled (check rec->status: a malformed
 * record is still a record, with text "" and an error message; check
 * rec->drop: a record holding no document is still a record), WINNOW_END
 * at the end, or WINNOW_ERR_IO / WINNOW_ERR_NOMEM when the input cannot be
 * read further (winnow_reader_errmsg says why). Errors stick: later calls
 * return the same error. A directory fails already at winnow_reader_open. */
WINNOW_API winnow_status winnow_reader_next(winnow_reader *r, winnow_record *rec);
/* Detail of the reader's last run-level error, "" when none. */
WINNOW_API const char *winnow_reader_errmsg(const winnow_reader *r);
WINNOW_API void winnow_reader_free(winnow_reader *r);

/* Clean one record as its content says (winnow_clean_text for TEXT,
 * winnow_clean_bytes with rec->content_type for PLAIN and HTML). A record
 * with status != OK or drop != NONE is refused with WINNOW_ERR_ARG. */
WINNOW_API winnow_status winnow_clean_record(winnow_ctx *c, const winnow_record *rec,
                                             const winnow_doc **out);

/* ------------------------------------------------------------------------ */
/* Output                                                                    */
/* ------------------------------------------------------------------------ */

/* Render a cleaned document as one JSON line (with '\n'): id, text,
 * metadata, spam, removed (see doc/FORMATS.md). rec supplies id, its WARC
 * fields (url, warc_date, content_type, http_status, warc_type) and the
 * input metadata to pass through; it may be NULL (id "" then). *out is
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

/* records = written + sum(dropped) + sum(errors), always. */
typedef struct winnow_stats {
  uint64_t records;                      /* records seen */
  uint64_t written;                      /* documents written */
  uint64_t errors[WINNOW_EC_COUNT_];     /* records in error, by class */
  uint64_t dropped[WINNOW_DROP_COUNT_];  /* records not written, by reason */
  uint64_t skipped[WINNOW_REC_COUNT_];   /* dropped[RECORD_TYPE], by WARC-Type */
  uint64_t warnings[WINNOW_WARN_COUNT_]; /* records read in spite of a defect,
                                            by bit number */
  uint64_t spam;                         /* written documents flagged spam */
  uint64_t bytes_in;                     /* input bytes read */
  uint64_t inputs;                       /* input files read (directories
                                            count their files) */
} winnow_stats;

/* Called for every record in error, in input order, from the thread that
 * called winnow_run. */
typedef void (*winnow_error_fn)(void *user, const winnow_record *rec, winnow_errclass ec,
                                const char *msg);
/* Called after each input file with that file's own stats, in order, from
 * the thread that called winnow_run: once the file's last record is
 * written or counted, after the errors of its records and before those of
 * the next file. */
typedef void (*winnow_input_fn)(void *user, const char *path, const winnow_stats *file_stats);

typedef struct winnow_run_config {
  const char *const *inputs; /* paths; "-" = stdin; a directory is walked
                                recursively, its files in byte order of
                                their names (hidden ones skipped) */
  size_t n_inputs;
  winnow_format format;
  winnow_output output;
  int out_fd;               /* where documents go */
  int threads;              /* cleaning threads, 0 = one per core; the
                               calling thread reads and writes */
  size_t max_record_bytes;  /* 0 = default (64 MiB): cap of one record */
  size_t max_header_line;   /* 0 = default (8 KiB) */
  size_t max_headers;       /* 0 = default (256) */
  size_t max_doc_bytes;     /* 0 = default: WINNOW_P_MAX_DOC_BYTES */
  size_t max_blocks;        /* 0 = default: WINNOW_P_MAX_BLOCKS */
  size_t batch_bytes;       /* 0 = default (32 MiB): records held in one
                               batch (or one larger record); two batches
                               are held (one being cleaned, the next being
                               read), and after each document a context
                               keeps buffers up to batch_bytes / threads
                               (at least 64 KiB): memory does not grow
                               with threads */
  winnow_error_fn on_error; /* may be NULL */
  winnow_input_fn on_input; /* may be NULL */
  void *user;
} winnow_run_config;

/* Read every input, clean every record on cfg->threads threads, write the
 * results to cfg->out_fd in input order, and count everything in *stats:
 * records = written + sum(dropped) + sum(errors). Records a reader marks
 * drop are counted, not cleaned; a cleaned document with no content left is
 * dropped as WINNOW_DROP_NO_CONTENT (except in WINNOW_OUTPUT_EXPLAIN, which
 * reports every document). Returns WINNOW_OK when all records were
 * accounted for (errors on records are not a failure of the run), or the
 * run-level error (an input that cannot be opened is counted as an error
 * record of class WINNOW_EC_IO and the run goes on). */
WINNOW_API winnow_status winnow_run(const winnow_model *m, const winnow_run_config *cfg,
                                    winnow_stats *stats);

#ifdef __cplusplus
}
#endif
#endif /* WINNOW_H */
