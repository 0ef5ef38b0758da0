/* walk.c - the files of a directory tree, in a deterministic order.
 *
 * Each level is listed whole, its hidden entries left out, sorted by strcmp
 * (byte order, whatever the locale) and closed before its entries are
 * visited, so a deep tree holds one listing per level and no open
 * directories. Symbolic links to directories are not followed: no loops. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "wn_pipeline.h"

#define WN_STR_(x) #x
#define WN_STR(x) WN_STR_(x)

typedef struct listing {
  char **names;
  size_t n, cap;
} listing;

static void listing_free(listing *l) {
  for (size_t i = 0; i < l->n; i++)
    wn_free(l->names[i]);
  wn_free(l->names);
  *l = (listing){0};
}

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* 0, or an errno value (ENOMEM when an allocation failed). */
static int list_dir(const char *dir, listing *l) {
  *l = (listing){0};
  DIR *d = opendir(dir);
  if (!d)
    return errno ? errno : EIO;
  int err = 0;
  for (;;) {
    errno = 0;
    struct dirent *e = readdir(d);
    if (!e) {
      err = errno;
      break;
    }
    if (e->d_name[0] == '.') /* hidden, and "." and ".." */
      continue;
    if (l->n == l->cap) {
      size_t cap = l->cap ? l->cap * 2 : 32;
      char **v = wn_realloc(l->names, cap * sizeof *v);
      if (!v) {
        err = ENOMEM;
        break;
      }
      l->names = v;
      l->cap = cap;
    }
    if (!(l->names[l->n] = wn_strndup(e->d_name, strlen(e->d_name)))) {
      err = ENOMEM;
      break;
    }
    l->n++;
  }
  closedir(d);
  if (err) {
    listing_free(l);
    return err;
  }
  if (l->n > 1)
    qsort(l->names, l->n, sizeof *l->names, cmp_names);
  return 0;
}

static const char *err_gnu(const char *r, char *buf) {
  (void)buf;
  return r;
}
static const char *err_xsi(int r, char *buf) {
  return r == 0 ? buf : "unknown error";
}
static const char *errstr(int e, char *buf, size_t n) {
  return _Generic(strerror_r(e, buf, n), char *: err_gnu, int: err_xsi)(strerror_r(e, buf, n),
                                                                         buf);
}

/* Messages name the path in full: a leaf call, so its big buffer is never
 * on the stack more than once. */
static winnow_status report(const wn_walk_ops *ops, const char *path, int e, const char *what) {
  char ebuf[128], msg[PATH_MAX + 256];
  if (e)
    wn_fmt(msg, sizeof msg, "%s: %s%s", path, what, errstr(e, ebuf, sizeof ebuf));
  else
    wn_fmt(msg, sizeof msg, "%s: %s", path, what);
  return ops->error(ops->user, path, e == ENOMEM ? WINNOW_EC_NOMEM : WINNOW_EC_IO, msg);
}

/* dir + "/" + name, without doubling a trailing slash of dir. */
static char *join(const char *dir, const char *name) {
  size_t ld = strlen(dir), ln = strlen(name);
  int slash = ld > 0 && dir[ld - 1] != '/';
  char *p = wn_malloc(ld + (size_t)slash + ln + 1);
  if (!p)
    return NULL;
  memcpy(p, dir, ld);
  if (slash)
    p[ld] = '/';
  memcpy(p + ld + (size_t)slash, name, ln + 1);
  return p;
}

static winnow_status walk(const char *dir, const wn_walk_ops *ops, int depth) {
  if (depth > WN_WALK_MAX_DEPTH)
    return report(ops, dir, 0,
                  "directories nested deeper than " WN_STR(WN_WALK_MAX_DEPTH) " levels; not read");
  listing l;
  int e = list_dir(dir, &l);
  if (e)
    return report(ops, dir, e, "cannot list the directory: ");
  winnow_status st = WINNOW_OK;
  for (size_t i = 0; i < l.n && st == WINNOW_OK; i++) {
    char *path = join(dir, l.names[i]);
    if (!path) {
      st = report(ops, dir, ENOMEM, "");
      continue;
    }
    struct stat sb;
    if (lstat(path, &sb) != 0) {
      st = report(ops, path, errno, "");
    } else if (S_ISLNK(sb.st_mode)) {
      if (stat(path, &sb) != 0)
        st = report(ops, path, errno, "symbolic link to nothing: ");
      else if (S_ISREG(sb.st_mode))
        st = ops->file(ops->user, path);
      /* a link to a directory is not followed; other targets are skipped */
    } else if (S_ISDIR(sb.st_mode)) {
      st = walk(path, ops, depth + 1);
    } else if (S_ISREG(sb.st_mode)) {
      st = ops->file(ops->user, path);
    }
    /* FIFOs, sockets, devices: not captures, and a FIFO could block */
    wn_free(path);
  }
  listing_free(&l);
  return st;
}

winnow_status wn_walk(const char *dir, const wn_walk_ops *ops) {
  if (!dir || !ops || !ops->file || !ops->error)
    return WINNOW_ERR_ARG;
  return walk(dir, ops, 0);
}
