/* fuzz_common.h - helpers shared by the fuzz targets: the check macro that
 * turns a broken invariant into an abort() (which libFuzzer and the replay
 * driver both report as a failure), and a strict UTF-8 validator written
 * independently of src/common/utf8.c so the two can disagree. */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "winnow.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* 1 in the libFuzzer binaries (fuzz/CMakeLists.txt), 0 in the replay ones. */
#ifndef FUZZ_LIBFUZZER
#define FUZZ_LIBFUZZER 0
#endif

/* abort() rather than assert(): the check must survive -DNDEBUG builds. */
#define FUZZ_CHECK(cond)                                                                           \
  do {                                                                                             \
    if (!(cond)) {                                                                                 \
      fprintf(stderr, "%s:%d: invariant violated: %s\n", __FILE__, __LINE__, #cond);               \
      abort();                                                                                     \
    }                                                                                              \
  } while (0)

/* A library call that must not fail on any input: show its status first. */
#define FUZZ_OK(call)                                                                              \
  do {                                                                                             \
    winnow_status st_ = (call);                                                                    \
    if (st_ != WINNOW_OK) {                                                                        \
      fprintf(stderr, "%s:%d: %s returned %s\n", __FILE__, __LINE__, #call,                        \
              winnow_status_name(st_));                                                            \
      abort();                                                                                     \
    }                                                                                              \
  } while (0)

/* One model (immutable, shared) for the whole run, loaded on first use:
 * never per input (compiling the Hyperscan database is the slow part of a
 * start). who names the target in a failure. */
static inline winnow_model *fuzz_model(const char *who) {
  static winnow_model *model;
  if (model)
    return model;
  char err[256] = "";
  if (winnow_model_load(&model, err, sizeof err) != WINNOW_OK) {
    fprintf(stderr, "%s: cannot load the model: %s\n", who, err);
    abort();
  }
  return model;
}

/* One context for the whole run, as in a worker thread of the pipeline:
 * that also checks that nothing of one input leaks into the next. */
static inline winnow_ctx *fuzz_ctx(const char *who) {
  static winnow_ctx *c;
  if (c)
    return c;
  c = winnow_ctx_create(fuzz_model(who));
  FUZZ_CHECK(c != NULL);
  return c;
}

/* ---- fault injection -----------------------------------------------------
 * In a build with WINNOW_FAULT_INJECTION (the libFuzzer build and make
 * check-asan) a target runs its input as usual, then (one input in
 * FUZZ_FAULT_EVERY) once more on fresh state while counting the library's
 * allocations (wn_malloc and friends, src/common/alloc.c), and again with
 * one of them failing, picked by a hash of the input, so
 * libFuzzer's mutations move the failure around. The second run must end
 * in NOMEM (or the record-level equivalent), or, when the failure had no
 * effect, give the result of the first run; no leak (LeakSanitizer) and no
 * crash either way. The hooks are the library's test hooks (wn_common.h),
 * declared here so the public-API targets need no internal header. */
void wn_alloc_fail_after(long n);
long wn_alloc_fail_pending(void);

/* One input in FUZZ_FAULT_EVERY (by its hash) gets the fault runs. They
 * need contexts of their own (a long-lived one has its buffers and
 * allocates almost nothing) and cost about four cleanings: on every input
 * they made the targets four times slower, on one in four clean, reader
 * and page still ran at only about 750 inputs per CPU second. */
#define FUZZ_FAULT_EVERY 8

/* FNV-1a: h updated with p[0..n). */
static inline uint64_t fuzz_mix(uint64_t h, const void *p, size_t n) {
  const unsigned char *s = p;
  for (size_t i = 0; i < n; i++)
    h = (h ^ s[i]) * 0x100000001b3ull;
  return h;
}

static inline uint64_t fuzz_hash(const uint8_t *data, size_t size) {
  return fuzz_mix(0xcbf29ce484222325ull, data, size);
}

/* Whether this build can fail an allocation on demand (and
 * FUZZ_NO_FAULTS is not set in the environment: the smoke run sets it for
 * a target with an open finding of its fault runs, see doc/FUZZING.md). */
static inline int fuzz_faults(void) {
  static int known, can;
  if (!known && getenv("FUZZ_NO_FAULTS")) {
    known = 1;
    can = 0;
  } else if (!known) {
    wn_alloc_fail_after(LONG_MAX);
    can = wn_alloc_fail_pending() == LONG_MAX;
    wn_alloc_fail_after(0);
    known = 1;
  }
  return can;
}

/* Whether this input gets the fault runs. */
static inline int fuzz_faults_for(const uint8_t *data, size_t size) {
  return fuzz_faults() && fuzz_hash(data, size) % FUZZ_FAULT_EVERY == 0;
}

/* Count the allocations from here to fuzz_count_end. */
static inline void fuzz_count_begin(void) {
  if (fuzz_faults())
    wn_alloc_fail_after(LONG_MAX);
}

static inline long fuzz_count_end(void) {
  long n = fuzz_faults() ? LONG_MAX - wn_alloc_fail_pending() : 0;
  wn_alloc_fail_after(0);
  return n;
}

/* Arm the failure of allocation 1 + hash(input) % count (count: what
 * fuzz_count_end said). 0, and nothing armed, when there is nothing to
 * fail. */
static inline long fuzz_fail_begin(const uint8_t *data, size_t size, long count) {
  if (!fuzz_faults() || count <= 0)
    return 0;
  long n = 1 + (long)(fuzz_hash(data, size) / FUZZ_FAULT_EVERY % (uint64_t)count);
  wn_alloc_fail_after(n);
  return n;
}

/* Disarm; whether the armed allocation did fail. */
static inline int fuzz_fail_end(void) {
  int fired = wn_alloc_fail_pending() == 0;
  wn_alloc_fail_after(0);
  return fired;
}

/* RFC 3629 well-formed UTF-8 (no surrogates, no overlongs, <= U+10FFFF). */
static inline int fuzz_utf8_valid(const char *str, size_t n) {
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0;
  while (i < n) {
    unsigned c = s[i];
    size_t k;
    uint32_t cp, min;
    if (c < 0x80) {
      i++;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      k = 1, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      k = 2, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      k = 3, cp = c & 0x07, min = 0x10000;
    } else {
      return 0;
    }
    if (n - i <= k)
      return 0;
    for (size_t j = 1; j <= k; j++) {
      if ((s[i + j] & 0xC0) != 0x80)
        return 0;
      cp = cp << 6 | (s[i + j] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return 0;
    i += k + 1;
  }
  return 1;
}

/* ---- strict JSON (RFC 8259) ---------------------------------------------
 * cJSON is lenient: it takes any byte <= 0x20 as white space, raw control
 * characters inside strings, and numbers such as "+1", "01" or ".5". A
 * consumer in another language may not, so output is also held to the RFC
 * by this small validator. Recursion is capped at FUZZ_JSON_DEPTH. */
#define FUZZ_JSON_DEPTH 4096

typedef struct fuzz_json {
  const unsigned char *s;
  size_t i, n;
} fuzz_json;

static inline void fuzz_json_ws(fuzz_json *j) {
  while (j->i < j->n &&
         (j->s[j->i] == ' ' || j->s[j->i] == '\t' || j->s[j->i] == '\n' || j->s[j->i] == '\r'))
    j->i++;
}

static inline int fuzz_json_lit(fuzz_json *j, const char *lit) {
  size_t k = 0;
  while (lit[k] && j->i + k < j->n && j->s[j->i + k] == (unsigned char)lit[k])
    k++;
  if (lit[k])
    return 0;
  j->i += k;
  return 1;
}

static inline int fuzz_json_digits(fuzz_json *j) {
  size_t start = j->i;
  while (j->i < j->n && j->s[j->i] >= '0' && j->s[j->i] <= '9')
    j->i++;
  return j->i > start;
}

static inline int fuzz_json_number(fuzz_json *j) {
  if (j->i < j->n && j->s[j->i] == '-')
    j->i++;
  if (j->i < j->n && j->s[j->i] == '0')
    j->i++;
  else if (!fuzz_json_digits(j))
    return 0;
  if (j->i < j->n && j->s[j->i] == '.') {
    j->i++;
    if (!fuzz_json_digits(j))
      return 0;
  }
  if (j->i < j->n && (j->s[j->i] == 'e' || j->s[j->i] == 'E')) {
    j->i++;
    if (j->i < j->n && (j->s[j->i] == '+' || j->s[j->i] == '-'))
      j->i++;
    if (!fuzz_json_digits(j))
      return 0;
  }
  return 1;
}

static inline int fuzz_json_hex4(fuzz_json *j) {
  for (int k = 0; k < 4; k++, j->i++) {
    unsigned c = j->i < j->n ? j->s[j->i] : 0;
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
      return 0;
  }
  return 1;
}

/* j->s[j->i] is '"'. */
static inline int fuzz_json_string(fuzz_json *j) {
  for (j->i++; j->i < j->n; j->i++) {
    unsigned c = j->s[j->i];
    if (c == '"') {
      j->i++;
      return 1;
    }
    if (c < 0x20)
      return 0;
    if (c != '\\')
      continue;
    if (++j->i >= j->n)
      return 0;
    c = j->s[j->i];
    if (c == 'u') {
      j->i++;
      if (!fuzz_json_hex4(j))
        return 0;
      j->i--;
    } else if (!strchr("\"\\/bfnrt", (int)c) || c == 0) {
      return 0;
    }
  }
  return 0;
}

static inline int fuzz_json_value(fuzz_json *j, int depth) {
  if (depth > FUZZ_JSON_DEPTH)
    return 0;
  fuzz_json_ws(j);
  if (j->i >= j->n)
    return 0;
  unsigned c = j->s[j->i];
  if (c == '"')
    return fuzz_json_string(j);
  if (c == '{' || c == '[') {
    unsigned close = c == '{' ? '}' : ']';
    j->i++;
    fuzz_json_ws(j);
    if (j->i < j->n && j->s[j->i] == close) {
      j->i++;
      return 1;
    }
    for (;;) {
      if (c == '{') {
        fuzz_json_ws(j);
        if (j->i >= j->n || j->s[j->i] != '"' || !fuzz_json_string(j))
          return 0;
        fuzz_json_ws(j);
        if (j->i >= j->n || j->s[j->i++] != ':')
          return 0;
      }
      if (!fuzz_json_value(j, depth + 1))
        return 0;
      fuzz_json_ws(j);
      if (j->i >= j->n)
        return 0;
      if (j->s[j->i] == close) {
        j->i++;
        return 1;
      }
      if (j->s[j->i++] != ',')
        return 0;
    }
  }
  if (c == 't')
    return fuzz_json_lit(j, "true");
  if (c == 'f')
    return fuzz_json_lit(j, "false");
  if (c == 'n')
    return fuzz_json_lit(j, "null");
  return fuzz_json_number(j);
}

/* Is s[0, n) exactly one JSON text by the grammar of RFC 8259 §2-7, white
 * space around it allowed? On failure *at is the byte offset where it
 * broke. UTF-8 (§8.1) is fuzz_utf8_valid's business. */
static inline int fuzz_json_strict(const char *s, size_t n, size_t *at) {
  fuzz_json j = {(const unsigned char *)s, 0, n};
  int ok = fuzz_json_value(&j, 0);
  if (ok) {
    fuzz_json_ws(&j);
    ok = j.i == n;
  }
  if (at)
    *at = j.i;
  return ok;
}

static inline size_t fuzz_count_byte(const uint8_t *s, size_t n, uint8_t b) {
  size_t c = 0;
  for (size_t i = 0; i < n; i++)
    c += s[i] == b;
  return c;
}

#endif
