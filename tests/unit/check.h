/* check.h - the smallest test harness: CHECK records a failure with its
 * line and goes on; check_done prints "<suite>: N passed, N failed";
 * check_tmpdir gives the program a temporary directory for its files. */
#ifndef CHECK_H
#define CHECK_H
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* The whole file at path, NUL-terminated, malloc'd (free it); NULL when it
 * cannot be read (*len is then 0). */
static inline char *check_slurp(const char *path, size_t *len) {
  *len = 0;
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *p = n >= 0 ? malloc((size_t)n + 1) : NULL;
  *len = p ? fread(p, 1, (size_t)n, f) : 0;
  if (p)
    p[*len] = '\0';
  fclose(f);
  return p;
}

/* ---- a temporary directory ------------------------------------------------
 * check_tmpdir("warc") makes $TMPDIR/winnow-warc-XXXXXX (/tmp without
 * TMPDIR) on its first call and returns it on every call (NULL when it
 * cannot be made); it is removed with everything in it by
 * check_tmpdir_remove, or at exit. check_tmppath(name) is a file in it
 * (the last 8 paths stay valid). */
static char check_tmp[512];

static inline int check_rm_entry(const char *path, const struct stat *sb, int type,
                                 struct FTW *ftw) {
  (void)sb, (void)type, (void)ftw;
  remove(path); /* on failure go on: remove what can be removed */
  return 0;
}

static inline void check_tmpdir_remove(void) {
  if (check_tmp[0] && nftw(check_tmp, check_rm_entry, 16, FTW_DEPTH | FTW_PHYS) != 0)
    fprintf(stderr, "could not remove %s\n", check_tmp);
  check_tmp[0] = '\0';
}

static inline const char *check_tmpdir(const char *suite) {
  if (check_tmp[0])
    return check_tmp;
  const char *base = getenv("TMPDIR");
  snprintf(check_tmp, sizeof check_tmp, "%s/winnow-%s-XXXXXX", base && *base ? base : "/tmp",
           suite);
  if (!mkdtemp(check_tmp)) {
    perror(check_tmp);
    check_tmp[0] = '\0';
    return NULL;
  }
  static int registered;
  if (!registered++)
    atexit(check_tmpdir_remove);
  return check_tmp;
}

static inline const char *check_tmppath(const char *name) {
  static char paths[8][sizeof check_tmp + 256];
  static unsigned k;
  char *p = paths[k++ % 8];
  snprintf(p, sizeof paths[0], "%s/%s", check_tmp, name);
  return p;
}
#endif
