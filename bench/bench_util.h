/* bench_util.h - clocks and medians the benchmarks share. */
#ifndef BENCH_UTIL_H
#define BENCH_UTIL_H
#include <stdlib.h>
#include <time.h>

static inline double bench_clock(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Wall seconds. */
static inline double now(void) {
  return bench_clock(CLOCK_MONOTONIC);
}

/* This thread's CPU seconds: time while other processes run is not
 * counted, which takes much noise out of a shared machine. */
static inline double cpu_now(void) {
  return bench_clock(CLOCK_THREAD_CPUTIME_ID);
}

static inline int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* The median of v[0..n) (sorts v). */
static inline double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp_double);
  return v[n / 2];
}
#endif
