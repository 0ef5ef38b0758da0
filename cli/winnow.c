/* winnow.c - the winnow command. It sees only include/winnow.h. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "winnow.h"

static const char USAGE[] =
    "usage: winnow clean [options] [FILE|DIR...]\n"
    "       winnow extract [options] [FILE|DIR...]\n"
    "       winnow --version | --help\n"
    "\n"
    "Clean web captures and page text: keep the title and the article, move\n"
    "date, source, author and editor lines into metadata, drop site chrome and\n"
    "injected spam, and say what was removed and why. 'winnow extract' is\n"
    "'winnow clean --text --quiet': only the clean text of each document.\n"
    "\n"
    "inputs (read in the order given; with no FILE, or when FILE is -, read\n"
    "standard input):\n"
    "  WARC, WET, WAT   web archives (WARC 1.0/1.1), plain, gzip (.warc.gz, one\n"
    "                   member per record or one for the file) or zstd\n"
    "                   (.warc.zst): one document per HTML or text response,\n"
    "                   resource or conversion (WET) record; requests, metadata\n"
    "                   (WAT), revisits, images, redirects... are counted as\n"
    "                   dropped with their reason\n"
    "  HTML             a page saved as a file: one document\n"
    "  text             a plain text file in any charset: one document\n"
    "  JSONL            one JSON object per line with a \"text\" field and\n"
    "                   optional \"id\" and \"metadata\": one document per line\n"
    "  DIR              every file below it, as if named one by one, in byte\n"
    "                   order of the names; hidden entries (.name), links to\n"
    "                   directories, FIFOs and devices are skipped\n"
    "With --format auto each file is sniffed on its own: gzip or zstd magic or\n"
    "\"WARC/1.\" -> warc; HTML markup or an .htm/.html/.xhtml name -> html; a\n"
    "first non-blank byte '{' -> jsonl; anything else -> text.\n"
    "\n"
    "options:\n"
    "  -f, --format FMT      input format: auto (default), warc, html, text,\n"
    "                        jsonl\n"
    "  -e, --explain         a human-readable report: every block with its\n"
    "                        label and reason (every document, even empty)\n"
    "  -t, --text            write only the clean text of each document\n"
    "  -o, --output FILE     write to FILE instead of standard output\n"
    "  -j, --threads N       worker threads (default: one per core)\n"
    "      --max-doc-bytes N     largest document cleaned (default 16777216)\n"
    "      --max-record-bytes N  largest input record, and largest decompressed\n"
    "                            or decoded form of one (default 67108864)\n"
    "      --max-header-line N   longest WARC or HTTP header line (default 8192)\n"
    "      --max-headers N       most fields in one WARC or HTTP header\n"
    "                            (default 256)\n"
    "      --max-blocks N        most blocks in one document (default 200000)\n"
    "      --stats FILE      write run statistics as JSON to FILE: totals and\n"
    "                        one entry per input file\n"
    "  -q, --quiet           no summary line on standard error\n"
    "  -h, --help            this text\n"
    "  -V, --version         the version\n"
    "\n"
    "Output (default): one JSON object per document: id, text, metadata,\n"
    "spam {injected, kinds}, removed [{label, reason, detail, start, end}].\n"
    "Every record read is written, dropped (not an error: a record holding no\n"
    "document, or a document with no content left) or reported on standard\n"
    "error with its error class (after 1000 messages the rest are only\n"
    "counted); the summary line accounts for all of them:\n"
    "  winnow: R read, W written (S with spam), D dropped, E errors (...)\n";

/* glibc raises its mmap threshold to the size of each large block freed
 * (up to 32 MiB), after which large buffers come from its per-thread
 * arenas and stay there when freed: at -j 48 the buffers the library gives
 * back after a large document would stay resident. A fixed threshold keeps
 * every buffer of this size or more in its own mapping, returned to the
 * system when freed. */
#define MMAP_THRESHOLD_BYTES (1 << 20)

typedef struct cli {
  winnow_run_config cfg;
  const char *out_path;
  const char *stats_path;
  char *stats_target; /* the regular file --stats replaces at the end (a
                         link resolved), or NULL: write to stats instead */
  mode_t stats_mode;  /* the permissions it gets */
  FILE *stats;        /* a --stats that is no regular file, opened before */
  FILE *files;        /* per-file entries, kept until the totals are known */
  unsigned long n_files;
  int files_failed; /* writing an entry failed */
  char *mem;        /* the spool in memory, when there is no temporary file */
  size_t mem_len;
  int spool_in_mem;
  int quiet;
  unsigned long errors_shown;
} cli;

/* ------------------------------------------------------------------------ */
/* Messages                                                                  */
/* ------------------------------------------------------------------------ */

/* A string from the input on one line of stderr: control bytes become '?'. */
static void put_clean(const char *s, FILE *f) {
  for (; *s; s++)
    fputc((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s, f);
}

static void on_error(void *user, const winnow_record *rec, winnow_errclass ec, const char *msg) {
  cli *c = user;
  if (c->errors_shown++ >= 1000) {
    if (c->errors_shown == 1001)
      fprintf(stderr, "winnow: more errors follow; counted in the summary\n");
    return;
  }
  const char *src = rec->source ? rec->source : "-";
  fputs("winnow: ", stderr);
  put_clean(src, stderr);
  fprintf(stderr, ": record %llu", (unsigned long long)rec->index);
  if (rec->id && *rec->id && strcmp(rec->id, src) != 0) {
    fputs(" (id ", stderr);
    put_clean(rec->id, stderr);
    fputc(')', stderr);
  }
  if (rec->index) /* record 0 is the input itself: no offset */
    fprintf(stderr, " at offset %llu", (unsigned long long)rec->offset);
  fprintf(stderr, ": %s: ", winnow_errclass_str(ec));
  put_clean(msg && *msg ? msg : winnow_errclass_str(ec), stderr);
  fputc('\n', stderr);
}

/* ------------------------------------------------------------------------ */
/* Statistics                                                                */
/* ------------------------------------------------------------------------ */

static uint64_t sum(const uint64_t *v, int n) {
  uint64_t s = 0;
  for (int i = 0; i < n; i++)
    s += v[i];
  return s;
}

static const char *errclass_name(int i) {
  return winnow_errclass_str((winnow_errclass)i);
}
static const char *drop_name(int i) {
  return winnow_drop_str((winnow_drop)i);
}
static const char *rectype_name(int i) {
  return winnow_rectype_str((winnow_rectype)i);
}
static const char *warn_name(int i) {
  const char *s = winnow_warn_str(1u << i);
  return s ? s : "unknown";
}

/* "name n, name n" of the non-zero counts; returns how many. */
static int list_counts(FILE *f, const uint64_t *v, int n, const char *(*name)(int)) {
  int k = 0;
  for (int i = 0; i < n; i++)
    if (v[i])
      fprintf(f, "%s%s %llu", k++ ? ", " : "", name(i), (unsigned long long)v[i]);
  return k;
}

/* winnow: R read, W written (S with spam), D dropped, E errors (CLASS n,
 * ...); dropped (REASON n, ...) */
static void summary(FILE *f, const winnow_stats *st) {
  uint64_t errs = sum(st->errors, WINNOW_EC_COUNT_), drops = sum(st->dropped, WINNOW_DROP_COUNT_);
  fprintf(f, "winnow: %llu read, %llu written (%llu with spam), %llu dropped, %llu errors",
          (unsigned long long)st->records, (unsigned long long)st->written,
          (unsigned long long)st->spam, (unsigned long long)drops, (unsigned long long)errs);
  if (errs) {
    fputs(" (", f);
    list_counts(f, st->errors, WINNOW_EC_COUNT_, errclass_name);
    fputc(')', f);
  }
  if (drops) {
    fputs("; dropped (", f);
    list_counts(f, st->dropped, WINNOW_DROP_COUNT_, drop_name);
    fputc(')', f);
  }
  fputc('\n', f);
}

/* A JSON string of bytes that may be anything: control characters escaped,
 * invalid UTF-8 replaced by U+FFFD, so the file stays valid JSON. */
static void json_str(FILE *f, const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  fputc('"', f);
  while (*p) {
    unsigned c = *p;
    if (c == '"' || c == '\\') {
      fputc('\\', f);
      fputc((int)c, f);
      p++;
    } else if (c < 0x20 || c == 0x7f) {
      fprintf(f, "\\u%04x", c);
      p++;
    } else if (c < 0x80) {
      fputc((int)c, f);
      p++;
    } else {
      /* a well-formed sequence (RFC 3629), else one U+FFFD per byte */
      int n = c >= 0xC2 && c <= 0xDF   ? 2
              : c >= 0xE0 && c <= 0xEF ? 3
              : c >= 0xF0 && c <= 0xF4 ? 4
                                       : 0;
      int ok = n > 0;
      for (int i = 1; ok && i < n; i++)
        ok = (p[i] & 0xC0) == 0x80;
      if (ok && n == 3)
        ok = !(c == 0xE0 && p[1] < 0xA0) && !(c == 0xED && p[1] > 0x9F);
      if (ok && n == 4)
        ok = !(c == 0xF0 && p[1] < 0x90) && !(c == 0xF4 && p[1] > 0x8F);
      if (ok) {
        fwrite(p, 1, (size_t)n, f);
        p += n;
      } else {
        fputs("\xEF\xBF\xBD", f);
        p++;
      }
    }
  }
  fputc('"', f);
}

static void json_map(FILE *f, const char *key, const uint64_t *v, int n, const char *(*name)(int)) {
  fprintf(f, ",\"%s\":{", key);
  int k = 0;
  for (int i = 0; i < n; i++)
    if (v[i]) {
      fprintf(f, "%s", k++ ? "," : "");
      json_str(f, name(i));
      fprintf(f, ":%llu", (unsigned long long)v[i]);
    }
  fputc('}', f);
}

/* The keys of one winnow_stats, without the braces. */
static void json_stats(FILE *f, const winnow_stats *st) {
  fprintf(f, "\"records_seen\":%llu,\"written\":%llu,\"spam\":%llu",
          (unsigned long long)st->records, (unsigned long long)st->written,
          (unsigned long long)st->spam);
  json_map(f, "dropped", st->dropped, WINNOW_DROP_COUNT_, drop_name);
  json_map(f, "errors", st->errors, WINNOW_EC_COUNT_, errclass_name);
  json_map(f, "skipped", st->skipped, WINNOW_REC_COUNT_, rectype_name);
  json_map(f, "warnings", st->warnings, WINNOW_WARN_COUNT_, warn_name);
  fprintf(f, ",\"bytes_in\":%llu,\"inputs\":%llu", (unsigned long long)st->bytes_in,
          (unsigned long long)st->inputs);
}

static void on_input(void *user, const char *path, const winnow_stats *st) {
  cli *c = user;
  if (!c->files)
    return;
  fputs(c->n_files++ ? ",\n{\"path\":" : "\n{\"path\":", c->files);
  json_str(c->files, path);
  fputc(',', c->files);
  json_stats(c->files, st);
  fputc('}', c->files);
  if (ferror(c->files))
    c->files_failed = 1;
}

/* Totals first, then "files" copied from the spool; f is closed. */
static int put_stats(cli *c, FILE *f, const winnow_stats *st) {
  fputc('{', f);
  json_stats(f, st);
  fputs(",\"files\":[", f);
  int ok = !c->files_failed && fflush(c->files) == 0;
  if (ok && c->spool_in_mem) { /* a memory stream cannot be read back */
    ok = fwrite(c->mem, 1, c->mem_len, f) == c->mem_len;
  } else if (ok && fseek(c->files, 0, SEEK_SET) == 0) {
    char buf[65536];
    size_t n;
    while (ok && (n = fread(buf, 1, sizeof buf, c->files)) > 0)
      ok = fwrite(buf, 1, n, f) == n;
    ok = ok && !ferror(c->files);
  } else {
    ok = 0;
  }
  fputs(c->n_files ? "\n]}\n" : "]}\n", f);
  fclose(c->files);
  c->files = NULL;
  free(c->mem);
  c->mem = NULL;
  if (fflush(f) != 0 || ferror(f))
    ok = 0;
  if (ok && c->stats_target && fsync(fileno(f)) != 0)
    ok = 0;
  if (fclose(f) != 0)
    ok = 0;
  return ok;
}

/* A temporary file beside path (".NAME.XXXXXX" in its directory), open
 * for writing; NULL when it cannot be made. *tmp gets its name (free it). */
static int make_temp(const char *path, char **tmp) {
  const char *slash = strrchr(path, '/');
  size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
  size_t n = strlen(path) + 16;
  if (!(*tmp = malloc(n)))
    return -1;
  snprintf(*tmp, n, "%.*s.%s.XXXXXX", (int)dir, path, path + dir);
  int fd = mkostemp(*tmp, O_CLOEXEC);
  if (fd < 0) {
    int e = errno;
    free(*tmp);
    *tmp = NULL;
    errno = e;
  }
  return fd;
}

/* The --stats file appears whole or not at all: written to a temporary
 * file in its directory, synced, then renamed over it. A run that dies
 * before leaves the old file (or none). */
static int write_stats(cli *c, const winnow_stats *st) {
  int ok, e = 0;
  if (!c->stats_target) {
    ok = put_stats(c, c->stats, st);
    e = errno;
    c->stats = NULL;
  } else {
    char *tmp = NULL;
    int fd = make_temp(c->stats_target, &tmp);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
      e = errno;
      if (fd >= 0)
        close(fd);
      ok = 0;
    } else {
      ok = fchmod(fd, c->stats_mode) == 0 && put_stats(c, f, st);
      e = errno;
      ok = ok && rename(tmp, c->stats_target) == 0;
      if (!ok && !e)
        e = errno;
    }
    if (tmp && !ok)
      unlink(tmp);
    free(tmp);
  }
  if (!ok)
    fprintf(stderr, "winnow: %s: cannot write the statistics: %s\n", c->stats_path,
            strerror(e ? e : EIO));
  return ok;
}

/* ------------------------------------------------------------------------ */
/* Arguments                                                                 */
/* ------------------------------------------------------------------------ */

static int parse_size(const char *s, size_t *out) {
  char *end;
  errno = 0;
  if (*s == '-' || *s == '+')
    return 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || *end || end == s || v == 0 || v > SIZE_MAX)
    return 0;
  *out = (size_t)v;
  return 1;
}

static int usage_error(const char *msg) {
  fprintf(stderr, "winnow: %s\nTry 'winnow --help'.\n", msg);
  return 2;
}

/* A size option checked against the library's own bounds of parameter p. */
static int param_arg(const char *arg, winnow_param p, const char *name, size_t *out) {
  int64_t lo, hi;
  winnow_param_bounds(p, &lo, &hi, NULL);
  if (!parse_size(arg, out) || (int64_t)*out < lo || (int64_t)*out > hi) {
    char msg[128];
    snprintf(msg, sizeof msg, "%s takes %lld to %lld", name, (long long)lo, (long long)hi);
    usage_error(msg);
    return 0;
  }
  return 1;
}

static int size_arg(const char *arg, const char *name, size_t *out) {
  if (parse_size(arg, out))
    return 1;
  char msg[128];
  snprintf(msg, sizeof msg, "%s takes a whole number of at least 1", name);
  usage_error(msg);
  return 0;
}

static int parse_format(const char *s, winnow_format *out) {
  static const struct {
    const char *name;
    winnow_format f;
  } F[] = {{"auto", WINNOW_FORMAT_AUTO},
           {"warc", WINNOW_FORMAT_WARC},
           {"html", WINNOW_FORMAT_HTML},
           {"text", WINNOW_FORMAT_TEXT},
           {"jsonl", WINNOW_FORMAT_JSONL}};
  for (size_t i = 0; i < sizeof F / sizeof F[0]; i++)
    if (!strcmp(s, F[i].name)) {
      *out = F[i].f;
      return 1;
    }
  return 0;
}

enum {
  OPT_MAX_DOC = 256,
  OPT_MAX_RECORD,
  OPT_STATS,
  OPT_MAX_BLOCKS,
  OPT_MAX_HEADER_LINE,
  OPT_MAX_HEADERS
};

static int parse_args(cli *c, int argc, char **argv) {
  static const struct option LONG[] = {
      {"format", required_argument, 0, 'f'},
      {"explain", no_argument, 0, 'e'},
      {"text", no_argument, 0, 't'},
      {"output", required_argument, 0, 'o'},
      {"threads", required_argument, 0, 'j'},
      {"max-doc-bytes", required_argument, 0, OPT_MAX_DOC},
      {"max-record-bytes", required_argument, 0, OPT_MAX_RECORD},
      {"max-blocks", required_argument, 0, OPT_MAX_BLOCKS},
      {"max-header-line", required_argument, 0, OPT_MAX_HEADER_LINE},
      {"max-headers", required_argument, 0, OPT_MAX_HEADERS},
      {"stats", required_argument, 0, OPT_STATS},
      {"quiet", no_argument, 0, 'q'},
      {"help", no_argument, 0, 'h'},
      {"version", no_argument, 0, 'V'},
      {0, 0, 0, 0}};
  int opt;
  size_t n;
  opterr = 0; /* our own message, with the command's name */
  while ((opt = getopt_long(argc, argv, "f:eto:j:qhV", LONG, NULL)) != -1) {
    switch (opt) {
    case 'f':
      if (!parse_format(optarg, &c->cfg.format))
        return usage_error("--format takes auto, warc, html, text or jsonl");
      break;
    case 'e': c->cfg.output = WINNOW_OUTPUT_EXPLAIN; break;
    case 't': c->cfg.output = WINNOW_OUTPUT_TEXT; break;
    case 'o': c->out_path = optarg; break;
    case 'j':
      if (!parse_size(optarg, &n) || n > 256)
        return usage_error("--threads takes 1 to 256");
      c->cfg.threads = (int)n;
      break;
    case OPT_MAX_DOC:
      if (!param_arg(optarg, WINNOW_P_MAX_DOC_BYTES, "--max-doc-bytes", &c->cfg.max_doc_bytes))
        return 2;
      break;
    case OPT_MAX_BLOCKS:
      if (!param_arg(optarg, WINNOW_P_MAX_BLOCKS, "--max-blocks", &c->cfg.max_blocks))
        return 2;
      break;
    case OPT_MAX_RECORD:
      if (!size_arg(optarg, "--max-record-bytes", &c->cfg.max_record_bytes))
        return 2;
      break;
    case OPT_MAX_HEADER_LINE:
      if (!size_arg(optarg, "--max-header-line", &c->cfg.max_header_line))
        return 2;
      break;
    case OPT_MAX_HEADERS:
      if (!size_arg(optarg, "--max-headers", &c->cfg.max_headers))
        return 2;
      break;
    case OPT_STATS: c->stats_path = optarg; break;
    case 'q': c->quiet = 1; break;
    case 'h': fputs(USAGE, stdout); exit(0);
    case 'V': printf("winnow %s\n", winnow_version()); exit(0);
    default: return usage_error("unknown option or missing argument");
    }
  }
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Files                                                                     */
/* ------------------------------------------------------------------------ */

/* The identity of a file, to tell when two names (or descriptors) are one
 * file: a different spelling, a hard link, a link, a redirection. */
typedef struct fid {
  int ok; /* the file exists */
  dev_t dev;
  ino_t ino;
  mode_t mode;
} fid;

static fid fid_of(int r, const struct stat *sb) {
  fid f = {0};
  if (r == 0) {
    f.ok = 1;
    f.dev = sb->st_dev;
    f.ino = sb->st_ino;
    f.mode = sb->st_mode;
  }
  return f;
}
static fid path_id(const char *path) {
  struct stat sb;
  return fid_of(stat(path, &sb), &sb);
}
static fid fd_id(int fd) {
  struct stat sb;
  return fid_of(fstat(fd, &sb), &sb);
}

/* Two files the run both reads and writes, or writes twice, are one file:
 * not a device (-o /dev/null --stats /dev/null is fine), not a directory. */
static int same_file(fid a, fid b) {
  return a.ok && b.ok && a.dev == b.dev && a.ino == b.ino && !S_ISCHR(a.mode) && !S_ISDIR(a.mode);
}

static int clash(const char *path, const char *what, const char *other, const char *input) {
  fprintf(stderr, "winnow: %s: %s and %s%s are the same file\n", path, what, other,
          input ? input : "");
  return 1;
}

/* Refuse a run in which two of the inputs named, the output (-o, or
 * standard output) and the --stats file are one file (by device and
 * inode): an output truncated before its input is read, statistics
 * written over the documents, a run reading what it appends. An input
 * inside a walked directory is caught by the library (it is not read). */
static int check_clashes(const cli *c, fid out, fid stats) {
  const char *out_name = c->out_path ? "--output" : "standard output";
  static const char *const STDIN_ONLY[] = {"-"};
  const char *const *in = c->cfg.n_inputs ? c->cfg.inputs : STDIN_ONLY;
  size_t n = c->cfg.n_inputs ? c->cfg.n_inputs : 1;
  for (size_t i = 0; i < n; i++) {
    int is_stdin = !strcmp(in[i], "-");
    fid f = is_stdin ? fd_id(0) : path_id(in[i]);
    if (!S_ISREG(f.mode))
      continue;
    const char *other = is_stdin ? "standard input" : "the input ";
    const char *name = is_stdin ? NULL : in[i];
    if (same_file(out, f))
      return clash(c->out_path ? c->out_path : in[i], out_name, other, name);
    if (same_file(stats, f))
      return clash(c->stats_path, "--stats", other, name);
  }
  if (same_file(stats, out))
    return clash(c->stats_path, "--stats", c->out_path ? "--output " : out_name, c->out_path);
  return 0;
}

/* Where --stats goes: a regular file (or none yet) is replaced at the end
 * (write_stats), through a link to its target; anything else (a device, a
 * FIFO) is opened now and written in place. A directory that cannot take
 * the temporary file fails now, before any output. */
static int prepare_stats(cli *c, fid stats) {
  if (stats.ok && !S_ISREG(stats.mode)) {
    if (!(c->stats = fopen(c->stats_path, "w"))) {
      fprintf(stderr, "winnow: %s: %s\n", c->stats_path, strerror(errno));
      return 1;
    }
    return 0;
  }
  c->stats_target = stats.ok ? realpath(c->stats_path, NULL) : strdup(c->stats_path);
  if (!c->stats_target) {
    fprintf(stderr, "winnow: %s: %s\n", c->stats_path, strerror(errno));
    return 1;
  }
  if (stats.ok) {
    c->stats_mode = stats.mode & 07777;
  } else {
    mode_t um = umask(0); /* no thread is running yet */
    umask(um);
    c->stats_mode = 0666 & ~um;
  }
  char *tmp;
  int fd = make_temp(c->stats_target, &tmp);
  if (fd < 0) {
    fprintf(stderr, "winnow: %s: cannot create the statistics file: %s\n", c->stats_path,
            strerror(errno));
    return 1;
  }
  close(fd);
  unlink(tmp);
  free(tmp);
  return 0;
}

/* Open -o: truncated only once it is known not to be another file of the
 * run; a file made here is removed again when it turns out to be the
 * --stats file under another name. */
static int open_output(cli *c) {
  int created = 1;
  int fd = open(c->out_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0 && errno == EEXIST) {
    created = 0;
    fd = open(c->out_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  }
  if (fd < 0) {
    fprintf(stderr, "winnow: %s: %s\n", c->out_path, strerror(errno));
    return 1;
  }
  if (created && c->stats_path && same_file(fd_id(fd), path_id(c->stats_path))) {
    close(fd);
    unlink(c->out_path);
    return clash(c->stats_path, "--stats", "--output ", c->out_path);
  }
  c->cfg.out_fd = fd;
  return 0;
}

/* Check and open -o and --stats once the arguments are known to be good,
 * and before the run, so a bad path fails at once rather than after it. */
static int open_files(cli *c) {
  fid out = c->out_path ? path_id(c->out_path) : fd_id(1);
  fid stats = c->stats_path ? path_id(c->stats_path) : (fid){0};
  if (check_clashes(c, out, stats))
    return 1;
  if (c->stats_path && prepare_stats(c, stats))
    return 1;
  if (c->out_path && open_output(c))
    return 1;
  if (c->stats_path) {
    /* the per-file entries wait in a spool: memory stays bounded */
    if (!(c->files = tmpfile())) {
      c->spool_in_mem = 1;
      if (!(c->files = open_memstream(&c->mem, &c->mem_len))) {
        fprintf(stderr, "winnow: %s: no temporary file for the statistics: %s\n", c->stats_path,
                strerror(errno));
        return 1;
      }
    }
  }
  return 0;
}

/* Open the files, run, write the statistics; the exit status. */
static int run_files(cli *c) {
  if (open_files(c) != 0)
    return 1;
  char err[512];
  winnow_model *m;
  winnow_status st = winnow_model_load(&m, err, sizeof err);
  if (st != WINNOW_OK) {
    fprintf(stderr, "winnow: cannot load the model: %s: %s\n", winnow_status_str(st), err);
    return 1;
  }
  winnow_stats stats;
  st = winnow_run(m, &c->cfg, &stats);
  winnow_model_free(m);
  if (!c->quiet)
    summary(stderr, &stats);
  if (c->stats_path && !write_stats(c, &stats))
    return 1;
  if (st != WINNOW_OK && stats.errors[WINNOW_EC_OUTPUT]) {
    fprintf(stderr,
            "winnow: run stopped: the output failed; %llu documents read were not written\n",
            (unsigned long long)stats.errors[WINNOW_EC_OUTPUT]);
    return 1;
  }
  if (st != WINNOW_OK) {
    fprintf(stderr, "winnow: run failed: %s\n", winnow_status_str(st));
    return 1;
  }
  return 0;
}

/* extract: the clean text only, no summary (options may still override) */
static int clean(int argc, char **argv, int extract) {
#ifdef M_MMAP_THRESHOLD
  mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES);
#endif
  cli c = {.cfg = {.out_fd = 1, .format = WINNOW_FORMAT_AUTO}};
  if (extract) {
    c.cfg.output = WINNOW_OUTPUT_TEXT;
    c.quiet = 1;
  }
  c.cfg.on_error = on_error;
  c.cfg.on_input = on_input;
  c.cfg.user = &c;
  int rc = parse_args(&c, argc, argv);
  if (rc)
    return rc;
  c.cfg.inputs = (const char *const *)argv + optind;
  c.cfg.n_inputs = (size_t)(argc - optind);
  rc = run_files(&c);
  free(c.stats_target);
  return rc;
}

int main(int argc, char **argv) {
  if (argc >= 2 && !strcmp(argv[1], "clean"))
    return clean(argc - 1, argv + 1, 0);
  if (argc >= 2 && !strcmp(argv[1], "extract"))
    return clean(argc - 1, argv + 1, 1);
  if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
    fputs(USAGE, stdout);
    return 0;
  }
  if (argc >= 2 && (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V"))) {
    printf("winnow %s\n", winnow_version());
    return 0;
  }
  return usage_error(argc < 2 ? "no command given" : "unknown command");
}
