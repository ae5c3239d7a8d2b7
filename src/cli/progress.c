/* Progress display for `vanban batch`. See progress.h. */
#include "cli/progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct cli_progress {
  int mode; /* 0 bar, 1 plain, 2 quiet, 3 JSON lines */
  size_t total, done;
  char phase[32]; /* the JSON lines' "phase": "render", "render 1/4", "pdf" */
  char label[48]; /* the bar's name for it, in Vietnamese */
  double start, last_draw;
  int drawn;
};

void cli_vi_decimal(char *out, size_t n, double v, int frac) {
  /* printf's C locale gives the digits; a Vietnamese reader expects a comma
   * before the decimals, as in the library's figures (41,7%). Thousands are
   * not grouped: these are counts of seconds and documents, not figures. */
  snprintf(out, n, "%.*f", frac, v);
  char *dot = strchr(out, '.');
  if (dot) *dot = ',';
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

cli_progress *cli_progress_new(size_t total, int mode, const char *phase, const char *label) {
  cli_progress *p = calloc(1, sizeof *p);
  if (!p) abort();
  if (mode == CLI_PROGRESS_AUTO) {
    const char *env = getenv("VANBAN_PROGRESS");
    int tty = isatty(STDERR_FILENO) && !(env && !strcmp(env, "plain"));
    if (env && !strcmp(env, "bar")) tty = 1;
    mode = tty ? 0 : CLI_PROGRESS_PLAIN;
  }
  p->mode = mode;
  p->total = total;
  snprintf(p->phase, sizeof p->phase, "%s", phase ? phase : "");
  snprintf(p->label, sizeof p->label, "%s", label ? label : "");
  p->start = now();
  return p;
}

static void clear(cli_progress *p) {
  if (p->mode == 0 && p->drawn) {
    fputs("\r\033[K", stderr);
    p->drawn = 0;
  }
}

static void fmt_time(char *out, size_t n, double s) {
  if (s < 0) s = 0;
  long t = (long)(s + 0.5);
  if (t >= 3600)
    snprintf(out, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
  else
    snprintf(out, n, "%ld:%02ld", t / 60, t % 60);
}

static void json_line(cli_progress *p, int force) {
  double t = now();
  if (!force && t - p->last_draw < 0.5 && p->done < p->total) return;
  p->last_draw = t;
  double el = t - p->start, rate = el > 0 ? (double)p->done / el : 0;
  double eta = p->done >= p->total ? 0 : rate > 0 ? (double)(p->total - p->done) / rate : -1;
  fprintf(stderr, "{\"phase\":\"%s\",\"done\":%zu,\"total\":%zu,\"elapsed_s\":%.1f,\"rate\":%.1f,",
          p->phase, p->done, p->total, el, rate);
  if (eta < 0)
    fputs("\"eta_s\":null}\n", stderr);
  else
    fprintf(stderr, "\"eta_s\":%.1f}\n", eta);
  fflush(stderr);
}

static void draw(cli_progress *p, int force) {
  if (p->mode == CLI_PROGRESS_JSON) json_line(p, force);
  if (p->mode != 0) return;
  double t = now();
  if (!force && p->drawn && t - p->last_draw < 0.1 && p->done < p->total) return;
  p->last_draw = t;
  double el = t - p->start;
  double rate = el > 0 ? (double)p->done / el : 0;
  enum { W = 24 };
  char bar[W + 1];
  size_t fill = p->total ? p->done * W / p->total : W;
  for (size_t i = 0; i < W; i++)
    bar[i] = i < fill ? '#' : '.';
  bar[W] = '\0';
  char eta[32] = "--:--";
  if (p->done && p->done < p->total && rate > 0)
    fmt_time(eta, sizeof eta, (double)(p->total - p->done) / rate);
  else if (p->done >= p->total)
    fmt_time(eta, sizeof eta, 0);
  char per_second[32];
  cli_vi_decimal(per_second, sizeof per_second, rate, 1);
  fprintf(stderr, "\r\033[K%s [%s] %zu/%zu  %s văn bản/giây  còn %s", p->label, bar, p->done,
          p->total, per_second, eta);
  fflush(stderr);
  p->drawn = 1;
}

void cli_progress_item(cli_progress *p, const char *label, const char *status) {
  p->done++;
  if (p->mode == CLI_PROGRESS_PLAIN) {
    printf("%zu/%zu %s %s\n", p->done, p->total, label, status);
    fflush(stdout);
  }
  draw(p, 0);
}

void cli_progress_print(cli_progress *p, const char *line) {
  clear(p);
  fprintf(stderr, "%s\n", line);
  if (p->mode == 0) draw(p, 1);
}

void cli_progress_total(cli_progress *p, size_t total) { p->total = total; }

void cli_progress_phase(cli_progress *p, const char *phase, const char *label, size_t total) {
  clear(p);
  snprintf(p->phase, sizeof p->phase, "%s", phase);
  snprintf(p->label, sizeof p->label, "%s", label);
  p->total = total;
  p->done = 0;
  p->start = now();
  draw(p, 1);
}

void cli_progress_set(cli_progress *p, size_t done) {
  p->done = done;
  draw(p, 1);
}

double cli_progress_finish(cli_progress *p) {
  if (p->mode == CLI_PROGRESS_JSON) json_line(p, 1);
  clear(p);
  return now() - p->start;
}

void cli_progress_free(cli_progress *p) { free(p); }
