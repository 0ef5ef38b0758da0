/* arena.c - per-document bump allocator. Chunks grow geometrically; reset
 * keeps the largest chunk so a steady stream of documents allocates nothing.
 * Freed space is poisoned for ASan (as lexbor's mraw and zstd's cwksp do),
 * so a pointer kept across documents is caught. */
#include <string.h>

#include "wn_common.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WN_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define WN_ASAN 1
#endif
#ifdef WN_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

struct wn_arena_chunk {
  wn_arena_chunk *next;
  size_t size; /* usable bytes in data */
  _Alignas(16) unsigned char data[];
};

#define ARENA_MIN_CHUNK ((size_t)64 * 1024)

void wn_arena_init(wn_arena *a, size_t cap) {
  memset(a, 0, sizeof *a);
  a->cap = cap;
}

static int add_chunk(wn_arena *a, size_t need) {
  size_t size = a->head ? a->head->size * 2 : ARENA_MIN_CHUNK;
  if (size < need)
    size = need;
  if (a->total + size > a->cap) {
    if (a->total + need > a->cap)
      return 0;
    size = a->cap - a->total;
  }
  wn_arena_chunk *c = wn_malloc(sizeof *c + size);
  if (!c)
    return 0;
  c->next = a->head;
  c->size = size;
  POISON(c->data, size);
  a->head = c;
  a->used = 0;
  a->total += size;
  return 1;
}

void *wn_arena_alloc(wn_arena *a, size_t n) {
  size_t need = (n + 15) & ~(size_t)15;
  if (need < n || ((!a->head || a->head->size - a->used < need) && !add_chunk(a, need))) {
    a->failed = 1;
    return NULL;
  }
  void *p = a->head->data + a->used;
  a->used += need;
  UNPOISON(p, n);
  return p;
}

void *wn_arena_calloc(wn_arena *a, size_t n) {
  void *p = wn_arena_alloc(a, n);
  if (p)
    memset(p, 0, n);
  return p;
}

char *wn_arena_strndup(wn_arena *a, const char *s, size_t n) {
  char *d = wn_arena_alloc(a, n + 1);
  if (!d)
    return NULL;
  memcpy(d, s, n);
  d[n] = '\0';
  return d;
}

void wn_arena_reset(wn_arena *a) {
  a->failed = 0;
  wn_arena_chunk *keep = a->head; /* the newest chunk is the largest */
  if (!keep)
    return;
  wn_arena_chunk *c = keep->next;
  while (c) {
    wn_arena_chunk *next = c->next;
    wn_free(c);
    c = next;
  }
  keep->next = NULL;
  POISON(keep->data, keep->size);
  a->used = 0;
  a->total = keep->size;
}

void wn_arena_free(wn_arena *a) {
  wn_arena_chunk *c = a->head;
  while (c) {
    wn_arena_chunk *next = c->next;
    wn_free(c);
    c = next;
  }
  a->head = NULL;
  a->used = a->total = 0;
}
