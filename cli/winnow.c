/* winnow.c - the winnow command. It sees only include/winnow.h. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "winnow.h"

static const char USAGE[] =
    "usage: winnow clean [options] [FILE...]\n"
    "       winnow --version | --help\n"
    "\n"
    "Clean page text: keep the title and the article, move date, source,\n"
    "author and editor lines into metadata, drop site chrome and injected\n"
    "spam, and say what was removed and why. With no FILE, or when FILE is\n"
    "-, read standard input. A plain text file is one document; JSONL input\n"
    "(one object per line with a \"text\" field, optional \"id\" and\n"
    "\"metadata\") gives one document per line.\n"
    "\n"
    "options:\n"
    "  -f, --format FMT      input format: auto (default), text, jsonl\n"
    "  -e, --explain         a human-readable report: every block with its\n"
    "                        label and reason\n"
    "  -t, --text            write only the clean text of each document\n"
    "  -o, --output FILE     write to FILE instead of standard output\n"
    "  -j, --threads N       worker threads (default: one per core)\n"
    "      --max-doc-bytes N largest document accepted (default 16777216)\n"
    "      --max-record-bytes N  largest input record read (default 67108864)\n"
    "      --max-blocks N    most lines in one document (default 200000)\n"
    "      --stats FILE      write run statistics as JSON to FILE\n"
    "  -q, --quiet           no summary line on standard error\n"
    "  -h, --help            this text\n"
    "  -V, --version         the version\n"
    "\n"
    "Output (default): one JSON object per document: id, text, metadata,\n"
    "spam {injected, kinds}, removed [{label, reason, detail, start, end}].\n"
    "Every record read is written or reported on standard error with its\n"
    "reason (after 1000 messages the rest are only counted); the summary\n"
    "line accounts for all of them.\n";

typedef struct cli {
  winnow_run_config cfg;
  const char *out_path;
  const char *stats_path;
  int quiet;
  unsigned long errors_shown;
} cli;

static void on_error(void *user, const winnow_record *rec, winnow_errclass ec, const char *msg) {
  cli *c = user;
  if (c->errors_shown++ >= 1000) {
    if (c->errors_shown == 1001)
      fprintf(stderr, "winnow: more errors follow; counted in the summary\n");
    return;
  }
  if (rec->index)
    fprintf(stderr, "winnow: %s: record %llu", rec->source ? rec->source : "-",
            (unsigned long long)rec->index);
  else
    fprintf(stderr, "winnow: %s: input", rec->source ? rec->source : "-");
  if (rec->id && *rec->id && strcmp(rec->id, rec->source ? rec->source : ""))
    fprintf(stderr, " (id %s)", rec->id);
  fprintf(stderr, ": %s: %s\n", winnow_errclass_str(ec), msg ? msg : winnow_errclass_str(ec));
}

static int parse_size(const char *s, size_t *out) {
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || *end || end == s || v == 0)
    return 0;
  *out = (size_t)v;
  return 1;
}

static void summary(FILE *f, const winnow_stats *st, int json) {
  uint64_t errs = 0;
  for (int i = 0; i < WINNOW_EC_COUNT_; i++)
    errs += st->errors[i];
  if (json)
    fprintf(f, "{\"records_seen\":%llu,\"written\":%llu,\"spam\":%llu,\"dropped\":{},\"errors\":{",
            (unsigned long long)st->records, (unsigned long long)st->written,
            (unsigned long long)st->spam);
  else
    fprintf(f, "winnow: %llu read, %llu written (%llu with spam), %llu errors",
            (unsigned long long)st->records, (unsigned long long)st->written,
            (unsigned long long)st->spam, (unsigned long long)errs);
  int first = 1;
  for (int i = 0; i < WINNOW_EC_COUNT_; i++) {
    if (!st->errors[i])
      continue;
    const char *name = winnow_errclass_str((winnow_errclass)i);
    if (json)
      fprintf(f, "%s\"%s\":%llu", first ? "" : ",", name, (unsigned long long)st->errors[i]);
    else
      fprintf(f, "%s%s %llu", first ? " (" : ", ", name, (unsigned long long)st->errors[i]);
    first = 0;
  }
  fputs(json ? "}}\n" : (first ? "\n" : ")\n"), f);
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

static int parse_args(cli *c, int argc, char **argv) {
  static const struct option LONG[] = {{"format", required_argument, 0, 'f'},
                                       {"explain", no_argument, 0, 'e'},
                                       {"text", no_argument, 0, 't'},
                                       {"output", required_argument, 0, 'o'},
                                       {"threads", required_argument, 0, 'j'},
                                       {"max-doc-bytes", required_argument, 0, 1},
                                       {"max-record-bytes", required_argument, 0, 2},
                                       {"max-blocks", required_argument, 0, 4},
                                       {"stats", required_argument, 0, 3},
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
      if (!strcmp(optarg, "auto"))
        c->cfg.format = WINNOW_FORMAT_AUTO;
      else if (!strcmp(optarg, "text"))
        c->cfg.format = WINNOW_FORMAT_TEXT;
      else if (!strcmp(optarg, "jsonl"))
        c->cfg.format = WINNOW_FORMAT_JSONL;
      else
        return usage_error("--format takes auto, text or jsonl");
      break;
    case 'e': c->cfg.output = WINNOW_OUTPUT_EXPLAIN; break;
    case 't': c->cfg.output = WINNOW_OUTPUT_TEXT; break;
    case 'o': c->out_path = optarg; break;
    case 'j':
      if (!parse_size(optarg, &n) || n > 256)
        return usage_error("--threads takes 1 to 256");
      c->cfg.threads = (int)n;
      break;
    case 1:
      if (!param_arg(optarg, WINNOW_P_MAX_DOC_BYTES, "--max-doc-bytes", &c->cfg.max_doc_bytes))
        return 2;
      break;
    case 4:
      if (!param_arg(optarg, WINNOW_P_MAX_BLOCKS, "--max-blocks", &c->cfg.max_blocks))
        return 2;
      break;
    case 2:
      if (!parse_size(optarg, &c->cfg.max_record_bytes))
        return usage_error("bad --max-record-bytes");
      break;
    case 3: c->stats_path = optarg; break;
    case 'q': c->quiet = 1; break;
    case 'h': fputs(USAGE, stdout); exit(0);
    case 'V': printf("winnow %s\n", winnow_version()); exit(0);
    default: return usage_error("unknown option or missing argument");
    }
  }
  return 0;
}

static int write_stats(const char *path, const winnow_stats *st) {
  FILE *f = fopen(path, "w");
  if (!f) {
    fprintf(stderr, "winnow: %s: %s\n", path, strerror(errno));
    return 0;
  }
  summary(f, st, 1);
  return fclose(f) == 0;
}

/* Open -o only once the arguments are known to be good, and never over one
 * of the inputs (truncating it before it is read). */
static int open_output(cli *c) {
  if (!c->out_path)
    return 0;
  struct stat out, in;
  if (stat(c->out_path, &out) == 0)
    for (size_t i = 0; i < c->cfg.n_inputs; i++)
      if (stat(c->cfg.inputs[i], &in) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
        fprintf(stderr, "winnow: %s: the output file is also an input\n", c->out_path);
        return 1;
      }
  c->cfg.out_fd = open(c->out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (c->cfg.out_fd < 0) {
    fprintf(stderr, "winnow: %s: %s\n", c->out_path, strerror(errno));
    return 1;
  }
  return 0;
}

static int clean(int argc, char **argv) {
  cli c = {.cfg = {.out_fd = 1, .format = WINNOW_FORMAT_AUTO}};
  c.cfg.on_error = on_error;
  c.cfg.user = &c;
  int rc = parse_args(&c, argc, argv);
  if (rc)
    return rc;
  c.cfg.inputs = (const char *const *)argv + optind;
  c.cfg.n_inputs = (size_t)(argc - optind);
  if ((rc = open_output(&c)) != 0)
    return rc;
  char err[512];
  winnow_model *m;
  winnow_status st = winnow_model_load(&m, err, sizeof err);
  if (st != WINNOW_OK) {
    fprintf(stderr, "winnow: cannot load the model: %s: %s\n", winnow_status_str(st), err);
    return 1;
  }
  winnow_stats stats;
  st = winnow_run(m, &c.cfg, &stats);
  winnow_model_free(m);
  if (!c.quiet)
    summary(stderr, &stats, 0);
  if (c.stats_path && !write_stats(c.stats_path, &stats))
    return 1;
  if (st != WINNOW_OK) {
    fprintf(stderr, "winnow: run failed: %s\n", winnow_status_str(st));
    return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc >= 2 && !strcmp(argv[1], "clean"))
    return clean(argc - 1, argv + 1);
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
