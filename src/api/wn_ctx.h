/* wn_ctx.h - the context behind winnow_ctx: one per thread. */
#ifndef WN_CTX_H
#define WN_CTX_H

#include "../classify/wn_classify.h"
#include "../decode/wn_decode.h"
#include "../meta/wn_meta.h"

#define WN_CTX_TITLE_MAX 2048u /* bytes of the HTML <title> kept */

struct winnow_ctx {
  const winnow_model *model;
  int64_t params[WINNOW_P_COUNT_];
  wn_arena arena;              /* per-document: blocks, strings */
  wn_buf text;                 /* the document text the classifier reads */
  wn_buf page;                 /* an HTML page converted to UTF-8 */
  wn_buf title;                /* the HTML page's <title> */
  wn_buf jsonld;               /* one JSON-LD script of the page */
  wn_buf lines;                /* the HTML pass's wn_dom_line records */
  int dom_ok;                  /* ... are whole: attach them to the blocks */
  wn_page_meta pm;             /* what the page says of itself */
  wn_buf out;                  /* rendered output */
  wn_classify_scratch scratch; /* Hyperscan scratch, hit list */
  wn_decode_cache decode;      /* iconv descriptors and uchardet, reused */
  wn_docb doc;
  char errmsg[256];
  winnow_errclass errclass; /* of the last error */
};

/* Record the last error: its class, message (NULL: the status's text) and
 * status (returned). wn_ctx_fail derives the class from the status
 * (NOMEM -> WINNOW_EC_NOMEM, else WINNOW_EC_INTERNAL). */
winnow_status wn_ctx_fail(winnow_ctx *c, winnow_status st, const char *msg);
winnow_status wn_ctx_failc(winnow_ctx *c, winnow_errclass ec, const char *msg);
winnow_status wn_ctx_classify(winnow_ctx *c);

/* Start a new document: forget the last one and the last error. */
void wn_ctx_begin(winnow_ctx *c);
/* The shared back end of every winnow_clean_*: text[0..len) is valid UTF-8
 * without NULs, NUL-terminated, and stays alive as long as the document
 * (one of the context's buffers). Splits it into blocks, classifies and
 * assembles; *out is set on success only. */
winnow_status wn_ctx_clean_utf8(winnow_ctx *c, const char *text, size_t len,
                                const winnow_doc **out);
/* The same in two halves, for a front end that adds to the blocks:
 * wn_ctx_text_blocks splits the text into the document's blocks (the text
 * front end); wn_ctx_finish classifies, assembles and sets *out. */
winnow_status wn_ctx_text_blocks(winnow_ctx *c, const char *text, size_t len);
winnow_status wn_ctx_finish(winnow_ctx *c, const winnow_doc **out);

/* binary.c: is an input labelled text or HTML no text at all? (The rule
 * is described at the top of binary.c.) wn_binary_magic: 1 when the bytes
 * start with a known file signature, *what naming it. wn_looks_binary: 1
 * when the first WN_BINARY_SAMPLE bytes after the BOM, read as the charset
 * d decided (UTF-16 by code units, anything else by bytes), hold too many
 * control characters; why gets the reason. */
#define WN_BINARY_SAMPLE 4096u
int wn_binary_magic(const char *bytes, size_t n, const char **what);
int wn_looks_binary(const char *bytes, size_t n, const wn_charset_decision *d, char *why,
                    size_t whylen);

#endif
