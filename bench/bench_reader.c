/* bench_reader.c - speed of reading a WARC archive, as a ratio to bare
 * decompression of the same file, measured in the same run.
 *
 * For each container of the same archive (STEM.warc.gz: one gzip member
 * per record; STEM.warc.zst: one zstd frame per record; STEM.warc: plain)
 * three passes over the file, from a file descriptor, one thread:
 *   ref     the reference: bytes out only. gzip: ISA-L isal_inflate member
 *           by member (reset and ISAL_GZIP again after each); zstd:
 *           ZSTD_decompressStream over the frames; plain: read(2)
 *   warc    the WARC layer (src/io/wn_warc.h) delivering every record:
 *           framing, named fields, HTTP status line and headers, payload
 *   reader  the public reader: winnow_reader_open_cfg(format WARC) and
 *           winnow_reader_next; skipped (n/a) when the library does not
 *           read WARC through it yet (UNSUPPORTED, or records that are no
 *           WARC records)
 * Rounds interleave every pass of every container; the median of the
 * rounds is reported as MB/s of the decompressed archive (the same bytes
 * for all three containers) and as a ratio to its container's ref.
 *
 *   bench_reader [-r ROUNDS] [-o PASS] STEM     PASS e.g. "warc.gz/warc": run
 *                                               only that one (for perf)
 *   bench_reader --make-zst STEM.warc STEM.warc.zst   one frame per record
 *
 * A benchmark, never a test. See bench/run_reader.sh and doc/BENCHMARKS.md. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <isa-l/igzip_lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zstd.h>

#include "io/wn_warc.h"
#include "winnow.h"

#define IN_SIZE ((size_t)1 << 20)
#define OUT_SIZE ((size_t)256 << 10)
#define MAX_ROUNDS 64

typedef struct result {
  uint64_t bytes;   /* decompressed bytes (ref), or records' payload bytes */
  uint64_t records; /* records read (0 for ref) */
  uint64_t errors;  /* records in error */
  int skipped;      /* the pass cannot run on this build */
} result;

static unsigned char inbuf[IN_SIZE], outbuf[OUT_SIZE];

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static _Noreturn void fail(const char *path, const char *why) {
  fprintf(stderr, "bench_reader: %s: %s\n", path, why);
  exit(1);
}

static _Noreturn void die(const char *what, const char *path) {
  fprintf(stderr, "bench_reader: %s %s: %s\n", what, path, strerror(errno));
  exit(1);
}

/* One record read. */
static void tally(result *r, int bad, size_t bytes) {
  r->records++;
  r->errors += bad != 0;
  r->bytes += bytes;
}

static int open_or_die(const char *path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    die("cannot open", path);
  return fd;
}

static size_t read_some(int fd, void *p, size_t n) {
  for (;;) {
    ssize_t k = read(fd, p, n);
    if (k >= 0)
      return (size_t)k;
    if (errno != EINTR)
      die("cannot read", "input");
  }
}

/* ---- references ------------------------------------------------------ */

static result ref_plain(const char *path) {
  result r = {0};
  int fd = open_or_die(path);
  size_t k;
  while ((k = read_some(fd, inbuf, IN_SIZE)) > 0)
    r.bytes += k;
  close(fd);
  return r;
}

static result ref_gzip(const char *path) {
  result r = {0};
  int fd = open_or_die(path);
  struct inflate_state s;
  isal_inflate_init(&s);
  s.crc_flag = ISAL_GZIP;
  s.avail_in = 0;
  for (;;) {
    if (s.avail_in == 0) {
      size_t k = read_some(fd, inbuf, IN_SIZE);
      if (k == 0)
        break;
      s.next_in = inbuf;
      s.avail_in = (uint32_t)k;
    }
    s.next_out = outbuf;
    s.avail_out = (uint32_t)OUT_SIZE;
    int rc = isal_inflate(&s);
    r.bytes += OUT_SIZE - s.avail_out;
    if (rc < 0)
      fail(path, "isal_inflate failed");
    if (s.block_state == ISAL_BLOCK_FINISH) { /* the next member */
      uint8_t *next = s.next_in;
      uint32_t left = s.avail_in;
      isal_inflate_reset(&s);
      s.crc_flag = ISAL_GZIP;
      s.next_in = next;
      s.avail_in = left;
    }
  }
  close(fd);
  return r;
}

static result ref_zstd(const char *path) {
  result r = {0};
  int fd = open_or_die(path);
  ZSTD_DCtx *z = ZSTD_createDCtx();
  ZSTD_inBuffer in = {inbuf, 0, 0};
  for (;;) {
    if (in.pos == in.size) {
      in.size = read_some(fd, inbuf, IN_SIZE);
      in.pos = 0;
      if (in.size == 0)
        break;
    }
    ZSTD_outBuffer out = {outbuf, OUT_SIZE, 0};
    size_t rc = ZSTD_decompressStream(z, &out, &in);
    r.bytes += out.pos;
    if (ZSTD_isError(rc))
      fail(path, ZSTD_getErrorName(rc));
  }
  ZSTD_freeDCtx(z);
  close(fd);
  return r;
}

/* ---- the WARC layer and the public reader ------------------------------ */

static result pass_warc(const char *path) {
  result r = {0};
  int fd = open_or_die(path);
  wn_warc *w = wn_warc_new(NULL);
  wn_warc_record rec;
  winnow_status st;
  while ((st = wn_warc_next_fd(w, fd, &rec)) == WINNOW_OK)
    tally(&r, rec.err != WN_WARC_OK, rec.payload_len);
  if (st != WINNOW_END)
    fail(path, winnow_status_str(st));
  wn_warc_free(w);
  close(fd);
  return r;
}

static result pass_reader(const char *path) {
  result r = {0};
  winnow_reader_config cfg = {.format = WINNOW_FORMAT_WARC};
  winnow_reader *rd = NULL;
  char err[256] = "";
  winnow_status st = winnow_reader_open_cfg(path, &cfg, &rd, err, sizeof err);
  if (st == WINNOW_ERR_UNSUPPORTED) {
    r.skipped = 1;
    return r;
  }
  if (st != WINNOW_OK)
    fail(path, err);
  winnow_record rec;
  uint64_t warc = 0;
  while ((st = winnow_reader_next(rd, &rec)) == WINNOW_OK) {
    tally(&r, rec.status != WINNOW_OK, rec.text_len);
    warc += rec.type != WINNOW_REC_NONE;
    if (r.records == 16 && warc == 0) /* not read as WARC on this build */
      break;
  }
  r.skipped = warc == 0 || st == WINNOW_ERR_UNSUPPORTED;
  if (!r.skipped && st != WINNOW_END)
    fail(path, winnow_reader_errmsg(rd));
  winnow_reader_free(rd);
  return r;
}

/* ---- --make-zst -------------------------------------------------------- */

static char *slurp(const char *path, size_t *n) {
  int fd = open_or_die(path);
  struct stat sb;
  if (fstat(fd, &sb) != 0)
    die("cannot stat", path);
  char *p = malloc((size_t)sb.st_size + 1);
  size_t got = 0, k;
  while (p && got < (size_t)sb.st_size && (k = read_some(fd, p + got, (size_t)sb.st_size - got)))
    got += k;
  close(fd);
  if (!p || got != (size_t)sb.st_size)
    die("cannot read", path);
  *n = got;
  return p;
}

static size_t record_offsets(wn_warc *w, const char *path, uint64_t *offs, size_t k) {
  wn_warc_record rec;
  while (wn_warc_next(w, &rec) == WINNOW_OK) {
    if (rec.err != WN_WARC_OK)
      fprintf(stderr, "bench_reader: %s: record at %" PRIu64 ": %s\n", path, rec.offset,
              rec.errmsg);
    else
      offs[k++] = rec.offset;
  }
  return k;
}

/* One zstd frame (level 3, zstd's default) per record of a plain WARC. */
static int make_zst(const char *in, const char *out) {
  size_t n;
  char *data = slurp(in, &n);
  uint64_t *offs = malloc(sizeof *offs * (n / 16 + 2)); /* a record is > 16 bytes */
  size_t k = 0;
  wn_warc *w = wn_warc_new(NULL);
  if (!offs || !w)
    die("out of memory for", in);
  for (size_t i = 0; i < n;) {
    i += wn_warc_feed(w, data + i, n - i);
    k = record_offsets(w, in, offs, k);
  }
  wn_warc_finish(w);
  k = record_offsets(w, in, offs, k);
  wn_warc_free(w);
  offs[k] = n;
  FILE *f = fopen(out, "wb");
  if (!f)
    die("cannot write", out);
  size_t cap = ZSTD_compressBound(n);
  char *z = malloc(cap);
  uint64_t total = 0;
  for (size_t i = 0; i < k; i++) {
    size_t len = ZSTD_compress(z, cap, data + offs[i], (size_t)(offs[i + 1] - offs[i]), 3);
    if (ZSTD_isError(len) || fwrite(z, 1, len, f) != len)
      die("cannot compress into", out);
    total += len;
  }
  if (fclose(f) != 0)
    die("cannot write", out);
  printf("%s: %zu records, %.1f MB -> %.1f MB\n", out, k, n / 1e6, total / 1e6);
  free(z);
  free(offs);
  free(data);
  return 0;
}

/* ---- the run ----------------------------------------------------------- */

enum { REF, WARC, READER, NPASS };
static const char *const PASS_NAME[NPASS] = {"ref", "warc", "reader"};

typedef struct container {
  const char *ext;      /* "warc.gz", ... */
  const char *ref_name; /* what the reference is */
  result (*ref)(const char *path);
  char path[4096];
  double t[NPASS][MAX_ROUNDS];
  result res[NPASS];
} container;

static int cmp_d(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double median(double *v, int n) {
  double s[MAX_ROUNDS];
  memcpy(s, v, sizeof *v * (size_t)n);
  qsort(s, (size_t)n, sizeof *s, cmp_d);
  return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

static result run_pass(container *c, int p) {
  return p == REF ? c->ref(c->path) : p == WARC ? pass_warc(c->path) : pass_reader(c->path);
}

int main(int argc, char **argv) {
  if (argc == 4 && strcmp(argv[1], "--make-zst") == 0)
    return make_zst(argv[2], argv[3]);
  int rounds = 5, opt;
  const char *only = NULL;
  while ((opt = getopt(argc, argv, "r:o:")) != -1) {
    if (opt == 'r')
      rounds = atoi(optarg);
    else if (opt == 'o')
      only = optarg;
    else
      return 2;
  }
  if (optind != argc - 1 || rounds < 1 || rounds > MAX_ROUNDS) {
    fprintf(stderr, "usage: bench_reader [-r ROUNDS] [-o CONTAINER/PASS] STEM\n"
                    "       bench_reader --make-zst STEM.warc STEM.warc.zst\n");
    return 2;
  }
  const char *stem = argv[optind];
  container cs[3] = {{"warc.gz", "ISA-L inflate", ref_gzip, "", {{0}}, {{0}}},
                     {"warc.zst", "zstd decompress", ref_zstd, "", {{0}}, {{0}}},
                     {"warc", "read(2)", ref_plain, "", {{0}}, {{0}}}};
  struct stat sb;
  snprintf(cs[2].path, sizeof cs[2].path, "%s.warc", stem);
  if (stat(cs[2].path, &sb) != 0)
    die("cannot stat", cs[2].path);
  double mb = (double)sb.st_size / 1e6; /* the decompressed archive */
  for (int i = 0; i < 3; i++) {
    snprintf(cs[i].path, sizeof cs[i].path, "%s.%s", stem, cs[i].ext);
    ref_plain(cs[i].path); /* into the page cache */
  }
  for (int r = 0; r < rounds; r++) {
    for (int i = 0; i < 3; i++) {
      for (int p = 0; p < NPASS; p++) {
        char name[64];
        snprintf(name, sizeof name, "%s/%s", cs[i].ext, PASS_NAME[p]);
        if (only && strcmp(only, name) != 0)
          continue;
        double t0 = now();
        cs[i].res[p] = run_pass(&cs[i], p);
        cs[i].t[p][r] = now() - t0;
      }
    }
  }
  printf("archive: %s.{warc,warc.gz,warc.zst}, %.1f MB decompressed; %d rounds, median\n\n", stem,
         mb, rounds);
  printf("| container | pass | MB/s | ratio to ref | records | errors |\n");
  printf("|---|---|---:|---:|---:|---:|\n");
  for (int i = 0; i < 3; i++) {
    double ref_t = median(cs[i].t[REF], rounds);
    for (int p = 0; p < NPASS; p++) {
      char name[64];
      snprintf(name, sizeof name, "%s/%s", cs[i].ext, PASS_NAME[p]);
      if (only && strcmp(only, name) != 0)
        continue;
      const result *res = &cs[i].res[p];
      const char *what = p == REF ? cs[i].ref_name : p == WARC ? "wn_warc" : "winnow_reader";
      if (res->skipped) {
        printf("| .%s | %s | n/a | n/a | (not wired) | |\n", cs[i].ext, what);
        continue;
      }
      double t = median(cs[i].t[p], rounds);
      if (p == REF && res->bytes != (uint64_t)sb.st_size)
        fprintf(stderr, "bench_reader: %s gave %" PRIu64 " bytes, want %lld\n", cs[i].path,
                res->bytes, (long long)sb.st_size);
      char ratio[32] = "-";
      if (!only)
        snprintf(ratio, sizeof ratio, "%.2f", ref_t / t);
      printf("| .%s | %s | %.0f | %s | %" PRIu64 " | %" PRIu64 " |\n", cs[i].ext, what, mb / t,
             ratio, res->records, res->errors);
    }
  }
  return 0;
}
