/* clean_bytes.c - bytes of any charset and content to a cleaned document.
 * (Stub: implemented in the issue #3 wiring.) */
#include "wn_ctx.h"

winnow_status winnow_clean_bytes(winnow_ctx *c, winnow_content content, const char *bytes,
                                 size_t len, const char *content_type, const winnow_doc **out) {
  (void)content;
  (void)content_type;
  return winnow_clean_text(c, bytes, len, out);
}

winnow_status winnow_clean_record(winnow_ctx *c, const winnow_record *rec, const winnow_doc **out) {
  if (!c || !rec || !out || rec->status != WINNOW_OK || rec->drop != WINNOW_DROP_NONE)
    return WINNOW_ERR_ARG;
  if (rec->content == WINNOW_CONTENT_TEXT)
    return winnow_clean_text(c, rec->text, rec->text_len, out);
  return winnow_clean_bytes(c, rec->content, rec->text, rec->text_len, rec->content_type, out);
}
