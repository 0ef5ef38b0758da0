/* regression_driver.c - main() for a fuzz target built without libFuzzer,
 * after zstd's tests/fuzz/regression_driver.c: runs LLVMFuzzerTestOneInput
 * once on every file named on the command line, descending into
 * directories (in sorted order, so runs are repeatable). CI replays the
 * corpus with it as an ordinary test.
 *
 *   fuzz_clean_replay [-v] FILE|DIR...
 *
 * Exit status: 0 when every input ran, 1 when an input could not be read
 * or none was found, 2 on bad usage. A broken invariant aborts the process
 * and a sanitizer report ends it; either way the input that was running is
 * named first. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

static const char *running; /* the input under test, for the handler */
static int verbose;
static size_t n_run, n_bad;

static void say(const char *s) {
  if (write(STDERR_FILENO, s, strlen(s)) < 0)
    return;
}

/* Only async-signal-safe calls: name the input, then die of the signal. */
static void on_fatal(int sig) {
  if (running) {
    say("\nregression_driver: crashed on input: ");
    say(running);
    say("\n");
  }
  signal(sig, SIG_DFL);
  raise(sig);
}

/* A sanitizer's report ends in _exit(), not a signal: ask it to call us
 * first. Weak, so builds without a sanitizer runtime link too. */
extern void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

static void on_sanitizer_death(void) {
  if (running) {
    say("regression_driver: sanitizer report on input: ");
    say(running);
    say("\n");
  }
}

static int read_file(const char *path, uint8_t **out, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return -1;
  size_t cap = 4096, n = 0;
  uint8_t *buf = malloc(cap);
  while (buf) {
    n += fread(buf + n, 1, cap - n, f);
    if (n < cap)
      break;
    uint8_t *grown = realloc(buf, cap *= 2);
    if (!grown)
      free(buf);
    buf = grown;
  }
  int bad = !buf || ferror(f);
  fclose(f);
  if (bad) {
    free(buf);
    return -1;
  }
  *out = buf;
  *len = n;
  return 0;
}

static void run_file(const char *path) {
  uint8_t *data;
  size_t len;
  if (read_file(path, &data, &len) != 0) {
    fprintf(stderr, "regression_driver: cannot read %s: %s\n", path, strerror(errno));
    n_bad++;
    return;
  }
  if (verbose)
    fprintf(stderr, "running %s (%zu bytes)\n", path, len);
  running = path;
  /* a copy of exactly len bytes, so ASan sees reads past the end */
  uint8_t *exact = malloc(len ? len : 1);
  if (!exact) {
    fprintf(stderr, "regression_driver: out of memory for %s\n", path);
    exit(1);
  }
  memcpy(exact, data, len);
  free(data);
  LLVMFuzzerTestOneInput(exact, len);
  free(exact);
  running = NULL;
  n_run++;
}

static void run_path(const char *path);

static void run_dir(const char *dir) {
  struct dirent **names;
  int n = scandir(dir, &names, NULL, alphasort);
  if (n < 0) {
    fprintf(stderr, "regression_driver: cannot list %s: %s\n", dir, strerror(errno));
    n_bad++;
    return;
  }
  for (int i = 0; i < n; i++) {
    const char *name = names[i]->d_name;
    if (name[0] != '.') { /* ".", "..", and hidden files such as .gitkeep */
      size_t len = strlen(dir) + strlen(name) + 2;
      char *sub = malloc(len);
      if (!sub)
        exit(1);
      snprintf(sub, len, "%s/%s", dir, name);
      run_path(sub);
      free(sub);
    }
    free(names[i]);
  }
  free(names);
}

static void run_path(const char *path) {
  struct stat sb;
  if (stat(path, &sb) != 0) {
    fprintf(stderr, "regression_driver: %s: %s\n", path, strerror(errno));
    n_bad++;
  } else if (S_ISDIR(sb.st_mode)) {
    run_dir(path);
  } else {
    run_file(path);
  }
}

int main(int argc, char **argv) {
  int first = 1;
  if (argc > 1 && strcmp(argv[1], "-v") == 0) {
    verbose = 1;
    first = 2;
  }
  if (first >= argc) {
    fprintf(stderr, "usage: %s [-v] FILE|DIR...\n", argv[0]);
    return 2;
  }
  signal(SIGABRT, on_fatal);
  if (__sanitizer_set_death_callback)
    __sanitizer_set_death_callback(on_sanitizer_death);
#if !SANITIZED /* leave faults to the sanitizer, whose report says more */
  signal(SIGSEGV, on_fatal);
  signal(SIGBUS, on_fatal);
  signal(SIGFPE, on_fatal);
  signal(SIGILL, on_fatal);
#endif
  for (int i = first; i < argc; i++)
    run_path(argv[i]);
  printf("%s: ran %zu inputs, %zu unreadable\n", argv[0], n_run, n_bad);
  if (n_run == 0)
    fprintf(stderr, "regression_driver: no inputs found\n");
  return n_bad || n_run == 0 ? 1 : 0;
}
