/* wn_text.h - the text front end: already-extracted text -> blocks. */
#ifndef WN_TEXT_H
#define WN_TEXT_H

#include "../common/wn_common.h"

/* Split valid UTF-8 text into one block per non-blank line, trimmed of white
 * space, with paragraph numbers (blank-line separated) and blank_before /
 * blank_after set. The array is allocated in the arena. WINNOW_ERR_LIMIT
 * when there are more than max_blocks lines. */
winnow_status wn_text_blocks(const char *text, size_t len, wn_arena *a, size_t max_blocks,
                             winnow_block **out, size_t *n);

#endif
