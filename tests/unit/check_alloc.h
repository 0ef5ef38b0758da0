/* check_alloc.h - for unit tests that sweep allocation failures. */
#ifndef CHECK_ALLOC_H
#define CHECK_ALLOC_H

#include "common/wn_common.h"

/* Whether this build can fail the n-th allocation (WINNOW_FAULT_INJECTION). */
static inline int check_fault_injection(void) {
  wn_alloc_fail_after(1);
  void *p = wn_malloc(1);
  wn_alloc_fail_after(0);
  wn_free(p);
  return p == NULL;
}
#endif
