/* assemble.c - the clean text: content blocks in order, lines of one
 * paragraph joined by a newline, paragraphs by a blank line. */
#include <string.h>

#include "wn_classify.h"

winnow_status wn_assemble(wn_docb *d) {
  size_t need = 1;
  for (size_t i = 0; i < d->pub.n_blocks; i++)
    if (d->blocks[i].label == WINNOW_LABEL_CONTENT)
      need += d->blocks[i].end - d->blocks[i].start + 2;
  char *out = wn_arena_alloc(d->arena, need);
  if (!out)
    return WINNOW_ERR_NOMEM;
  size_t len = 0;
  const winnow_block *prev = NULL;
  for (size_t i = 0; i < d->pub.n_blocks; i++) {
    const winnow_block *b = &d->blocks[i];
    if (b->label != WINNOW_LABEL_CONTENT)
      continue;
    if (prev) {
      int same_para = prev == b - 1 && prev->para == b->para;
      out[len++] = '\n';
      if (!same_para)
        out[len++] = '\n';
    }
    memcpy(out + len, d->pub.text + b->start, b->end - b->start);
    len += b->end - b->start;
    prev = b;
  }
  out[len] = '\0';
  d->pub.clean = out;
  d->pub.clean_len = len;
  return WINNOW_OK;
}
