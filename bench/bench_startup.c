/* bench_startup.c - start-up cost of winnow, as ratios to references
 * measured in the same run (benchmarks are never timed tests).
 *
 *   bench_startup [-n RUNS] [-w WINNOW] [-b OTHER_WINNOW]
 *
 * Processes, interleaved RUNS times each: /bin/true; `winnow --version` (a
 * process that links the library and its dependencies but loads no model);
 * `winnow extract -` on a one-line HTML page; with -b, the same extract by
 * another build (e.g. one from before the model image). In this process:
 * loading the model from the image built with the library against
 * compiling its lexicons (what every load cost before the image, and what
 * a load falls back to when Hyperscan refuses the image), and creating a
 * context.
 * Prints medians in ms and their ratios. */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench_util.h"
#include "classify/wn_classify.h"

#ifndef WINNOW_CLI
#define WINNOW_CLI "build/winnow"
#endif
#define MAX_RUNS 999
#define COMPILE_RUNS 5 /* a compile takes ~70 ms: fewer rounds suffice */

extern char **environ;

static const char PAGE[] = "<html><body><p>One line of text on a page.</p></body></html>\n";

/* Seconds to run argv to its end with stdin from fd in and stdout to
 * /dev/null; -1 when it could not start or failed. */
static double run(char *const *argv, int in) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, in, 0);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  lseek(in, 0, SEEK_SET);
  pid_t pid;
  int status = -1;
  double t = now();
  if (posix_spawn(&pid, argv[0], &fa, NULL, argv, environ) == 0)
    waitpid(pid, &status, 0);
  t = now() - t;
  posix_spawn_file_actions_destroy(&fa);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? t : -1;
}

static int page_fd(void) {
  char path[] = "/tmp/bench_startup.XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0)
    return -1;
  unlink(path);
  if (write(fd, PAGE, sizeof PAGE - 1) != (ssize_t)(sizeof PAGE - 1)) {
    close(fd);
    return -1;
  }
  return fd;
}

static int processes(const char *winnow, const char *other, int runs) {
  char *argvs[4][4] = {{"/bin/true", NULL},
                       {(char *)winnow, "--version", NULL},
                       {(char *)winnow, "extract", "-", NULL},
                       {(char *)other, "extract", "-", NULL}};
  static double t[4][MAX_RUNS];
  int fd = page_fd(), n = other ? 4 : 3;
  for (int r = 0; r < runs && fd >= 0; r++)
    for (int k = 0; k < n; k++)
      if ((t[k][r] = run(argvs[k], fd)) < 0) {
        fprintf(stderr, "bench_startup: cannot run %s\n", argvs[k][0]);
        close(fd);
        return 1;
      }
  if (fd < 0)
    return 1;
  close(fd);
  double tt = median(t[0], runs), tv = median(t[1], runs), te = median(t[2], runs);
  printf("processes: %d runs each (median)\n", runs);
  printf("  /bin/true                        %8.2f ms  1.00\n", tt * 1e3);
  printf("  winnow --version (no model)      %8.2f ms  %5.2f\n", tv * 1e3, tv / tt);
  printf("  winnow extract - (one-line page) %8.2f ms  %5.2f  (%.2f x --version, +%.2f ms)\n",
         te * 1e3, te / tt, te / tv, (te - tv) * 1e3);
  if (other) {
    double to = median(t[3], runs);
    printf("  other build's extract -          %8.2f ms  %5.2f  (%.2f x --version, +%.2f ms)\n",
           to * 1e3, to / tt, to / tv, (to - tv) * 1e3);
  }
  return 0;
}

/* Seconds for one model load made as how says, and one context on it. */
static double load(wn_model_how how, double *ctx_s) {
  winnow_model *m;
  char err[256];
  double t = now();
  winnow_status st = how == WN_MODEL_AUTO ? winnow_model_load(&m, err, sizeof err)
                                          : wn_model_load_how(&m, how, NULL, 0, err, sizeof err);
  t = now() - t;
  if (st != WINNOW_OK) {
    fprintf(stderr, "bench_startup: model: %s\n", err);
    return -1;
  }
  int from_image = m->from_image;
  double c = now();
  winnow_ctx *ctx = winnow_ctx_create(m);
  *ctx_s = now() - c;
  winnow_ctx_free(ctx);
  winnow_model_free(m);
  if (how == WN_MODEL_AUTO && !from_image)
    fprintf(stderr, "bench_startup: the library's image was refused: this is a compile\n");
  return ctx ? t : -1;
}

static int in_process(int runs) {
  static double img[MAX_RUNS], ctx[MAX_RUNS];
  double comp[COMPILE_RUNS], unused;
  int nc = runs < COMPILE_RUNS ? runs : COMPILE_RUNS;
  for (int r = 0; r < runs; r++)
    if ((img[r] = load(WN_MODEL_AUTO, &ctx[r])) < 0 ||
        (r < nc && (comp[r] = load(WN_MODEL_COMPILE, &unused)) < 0))
      return 1;
  double ti = median(img, runs), tc = median(comp, nc), tx = median(ctx, runs);
  printf("in process: %d image loads, %d compiles (median)\n", runs, nc);
  printf("  model load, compiling the lexicons   %8.3f ms  1.000\n", tc * 1e3);
  printf("  model load, the library's image      %8.3f ms  %.4f\n", ti * 1e3, ti / tc);
  printf("  winnow_ctx_create                    %8.1f us\n", tx * 1e6);
  return 0;
}

int main(int argc, char **argv) {
  int runs = 50;
  const char *winnow = WINNOW_CLI, *other = NULL;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!strcmp(argv[i], "-n"))
      runs = atoi(argv[i + 1]);
    else if (!strcmp(argv[i], "-w"))
      winnow = argv[i + 1];
    else if (!strcmp(argv[i], "-b"))
      other = argv[i + 1];
  }
  if (runs < 1 || runs > MAX_RUNS || argc % 2 == 0) {
    fprintf(stderr, "usage: bench_startup [-n RUNS] [-w WINNOW] [-b OTHER_WINNOW]\n");
    return 2;
  }
  return processes(winnow, other, runs) || in_process(runs);
}
