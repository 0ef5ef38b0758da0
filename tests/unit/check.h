/* check.h - the smallest test harness: CHECK records a failure with its
 * line and goes on; check_done prints "<suite>: N passed, N failed". */
#ifndef CHECK_H
#define CHECK_H
#include <stdio.h>
#include <string.h>

static int check_pass, check_fail;

#define CHECK(cond)                                                                                \
  do {                                                                                             \
    if (cond)                                                                                      \
      check_pass++;                                                                                \
    else {                                                                                         \
      check_fail++;                                                                                \
      fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                              \
    }                                                                                              \
  } while (0)

#define CHECK_STR(got, want)                                                                       \
  do {                                                                                             \
    const char *g_ = (got), *w_ = (want);                                                          \
    if ((g_ == NULL && w_ == NULL) || (g_ && w_ && !strcmp(g_, w_)))                               \
      check_pass++;                                                                                \
    else {                                                                                         \
      check_fail++;                                                                                \
      fprintf(stderr, "FAIL %s:%d: %s = \"%s\", want \"%s\"\n", __FILE__, __LINE__, #got,          \
              g_ ? g_ : "(null)", w_ ? w_ : "(null)");                                             \
    }                                                                                              \
  } while (0)

static int check_done(const char *suite) {
  printf("%s: %d passed, %d failed\n", suite, check_pass, check_fail);
  return check_fail ? 1 : 0;
}
#endif
