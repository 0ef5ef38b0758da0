/* wn_ctx.h - the context behind winnow_ctx: one per thread. */
#ifndef WN_CTX_H
#define WN_CTX_H

#include "../classify/wn_classify.h"

struct winnow_ctx {
  const winnow_model *model;
  int64_t params[WINNOW_P_COUNT_];
  wn_arena arena;              /* per-document: blocks, strings */
  wn_buf text;                 /* the repaired input text */
  wn_buf out;                  /* rendered output */
  wn_classify_scratch scratch; /* Hyperscan scratch, hit list */
  wn_docb doc;
  char errmsg[256];
  winnow_errclass errclass; /* of the last error */
};

/* Record the last error: its class, message (NULL: the status's text) and
 * status (returned). */
winnow_status wn_ctx_fail(winnow_ctx *c, winnow_status st, const char *msg);
winnow_status wn_ctx_failc(winnow_ctx *c, winnow_errclass ec, const char *msg);
winnow_status wn_ctx_classify(winnow_ctx *c);

#endif
