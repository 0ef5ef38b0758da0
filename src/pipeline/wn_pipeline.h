/* wn_pipeline.h - internals of the pipeline shared between its files. */
#ifndef WN_PIPELINE_H
#define WN_PIPELINE_H

#include "../common/wn_common.h"

/* What a directory walk found, in order. Each callback returns WINNOW_OK to
 * go on; any other status stops the walk and is returned by wn_walk. */
typedef struct wn_walk_ops {
  /* A regular file (or a symbolic link to one) to read. */
  winnow_status (*file)(void *user, const char *path);
  /* An entry that cannot be read: a directory that cannot be listed, a
   * dangling symbolic link, ... ec is WINNOW_EC_IO or WINNOW_EC_NOMEM; msg
   * names the path. */
  winnow_status (*error)(void *user, const char *path, winnow_errclass ec, const char *msg);
  void *user;
} wn_walk_ops;

/* Deepest directory nesting walked; a deeper directory is an error entry. */
#define WN_WALK_MAX_DEPTH 512

/* Walk the directory dir recursively: regular files in byte order of their
 * names (strcmp), directories entered where they sort, entries whose name
 * starts with '.' skipped, symbolic links to directories not followed,
 * FIFOs, sockets and devices skipped. Memory: one sorted listing per level
 * of the current path; no directory is held open while its entries are
 * visited. */
winnow_status wn_walk(const char *dir, const wn_walk_ops *ops);

#endif /* WN_PIPELINE_H */
