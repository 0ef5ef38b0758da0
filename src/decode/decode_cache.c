/* decode_cache.c - the per-thread handles charset work needs: a few iconv
 * descriptors (opening one costs a gconv module lookup) and one uchardet
 * detector. Owned by the caller, never global (STYLE: no mutable globals). */
#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <uchardet/uchardet.h>

#include "wn_decode.h"

void wn_decode_cache_init(wn_decode_cache *c) {
  memset(c, 0, sizeof *c);
}

void wn_decode_cache_free(wn_decode_cache *c) {
  if (!c)
    return;
  for (unsigned i = 0; i < WN_DECODE_CACHE_SLOTS; i++)
    if (c->slot[i].enc)
      iconv_close((iconv_t)c->slot[i].cd);
  if (c->detector)
    uchardet_delete((uchardet_t)c->detector);
  wn_decode_cache_init(c);
}

static winnow_status open_cd(const wn_encoding *e, iconv_t *cd) {
  *cd = iconv_open("UTF-8", e->iconv);
  if (*cd != (iconv_t)-1)
    return WINNOW_OK;
  return errno == ENOMEM ? WINNOW_ERR_NOMEM : WINNOW_ERR_UNSUPPORTED;
}

winnow_status wn_decode_cache_cd(wn_decode_cache *c, const wn_encoding *e, void **out) {
  for (unsigned i = 0; i < WN_DECODE_CACHE_SLOTS; i++) {
    if (c->slot[i].enc == e) {
      iconv((iconv_t)c->slot[i].cd, NULL, NULL, NULL, NULL); /* initial state */
      *out = c->slot[i].cd;
      return WINNOW_OK;
    }
  }
  iconv_t cd;
  winnow_status st = open_cd(e, &cd);
  if (st != WINNOW_OK)
    return st;
  unsigned k = c->next;
  if (c->slot[k].enc)
    iconv_close((iconv_t)c->slot[k].cd);
  c->slot[k].enc = e;
  c->slot[k].cd = cd;
  c->next = (k + 1) % WN_DECODE_CACHE_SLOTS;
  *out = cd;
  return WINNOW_OK;
}

winnow_status wn_decode_cache_detector(wn_decode_cache *c, void **out) {
  if (!c->detector && !(c->detector = uchardet_new()))
    return WINNOW_ERR_NOMEM;
  uchardet_reset((uchardet_t)c->detector);
  *out = c->detector;
  return WINNOW_OK;
}
