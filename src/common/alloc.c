/* alloc.c - the one door for heap memory (zstd: "no function shall ever
 * allocate on heap directly"), so a test build can fail the n-th allocation
 * and prove every failure path is handled. */
#include <stdlib.h>
#include <string.h>

#include "wn_common.h"

#ifdef WINNOW_FAULT_INJECTION
#include <stdatomic.h>
static _Atomic long fail_countdown; /* test hook only: never in releases */
void wn_alloc_fail_after(long n) {
  atomic_store(&fail_countdown, n);
}
long wn_alloc_fail_pending(void) {
  return atomic_load(&fail_countdown);
}
static int should_fail(void) {
  long v = atomic_load(&fail_countdown);
  while (v > 0) {
    if (atomic_compare_exchange_weak(&fail_countdown, &v, v - 1))
      return v == 1;
  }
  return 0;
}
#else
void wn_alloc_fail_after(long n) {
  (void)n;
}
long wn_alloc_fail_pending(void) {
  return 0;
}
static inline int should_fail(void) {
  return 0;
}
#endif

void *wn_malloc(size_t n) {
  if (should_fail())
    return NULL;
  return malloc(n ? n : 1);
}

void *wn_calloc(size_t n, size_t size) {
  if (should_fail())
    return NULL;
  return calloc(n ? n : 1, size ? size : 1);
}

void *wn_realloc(void *p, size_t n) {
  if (should_fail())
    return NULL;
  return realloc(p, n ? n : 1);
}

void wn_free(void *p) {
  free(p);
}

void winnow_free(void *p) {
  wn_free(p);
}

char *wn_strndup(const char *s, size_t n) {
  char *d = wn_malloc(n + 1);
  if (!d)
    return NULL;
  memcpy(d, s, n);
  d[n] = '\0';
  return d;
}
