/* vbbench: the benchmark driver (never a test; see bench/README.md).
 *
 *   vbbench render [-n N] [-w W] [-j THREADS] [--raw] [-o OUT] TEMPLATE DATA.json
 *       Open and compile TEMPLATE once, load DATA once, render it N times in
 *       process (vb_render_memory) after W warm-up renders; print the median
 *       and minimum ms/doc, docs/s, the output size and the peak RSS. With
 *       -j T, T threads render N documents each from the one compiled
 *       template and the one loaded data (as `vanban batch` shares them);
 *       docs/s is then the total over the wall time.
 *       wall_ms and cpu_ms cover the renders (all threads): cpu/wall near T
 *       means T cores were busy; on a loaded machine docs/s alone cannot show it.
 *   vbbench exec [-n N] -- COMMAND [ARGS...]
 *       Run COMMAND N times (after one warm-up run); print the median and
 *       minimum wall time, the median CPU time (user + system, stable on a
 *       loaded machine) and the largest peak RSS of the child (wait4).
 *
 * Output is one line of key=value pairs, read by bench/run. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "vanban.h"

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* CPU time (user + system) of the whole process, all threads. */
static double cpu_ms(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec * 1e3 + ru.ru_utime.tv_usec / 1e3 + ru.ru_stime.tv_sec * 1e3 +
         ru.ru_stime.tv_usec / 1e3;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double median(double *v, size_t n) {
  qsort(v, n, sizeof(double), cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void print_diags(vb_diags *d) {
  for (size_t i = 0; i < vb_diags_count(d); i++) {
    const vb_diag *g = vb_diags_get(d, i);
    if (g->severity == VB_SEV_ERROR) fprintf(stderr, "vbbench: %s\n", vb_diag_text(g));
  }
}

static void *read_all(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "vbbench: %s: %s\n", path, strerror(errno));
    exit(3);
  }
  size_t cap = 1 << 16, n = 0;
  char *p = malloc(cap);
  for (;;) {
    if (n == cap) p = realloc(p, cap *= 2);
    size_t r = fread(p + n, 1, cap - n, f);
    if (r == 0) break;
    n += r;
  }
  fclose(f);
  *len = n;
  return p;
}

typedef struct job {
  const vb_template *t;
  const vb_data *data;
  int n, warm;
  double *times;
  size_t out_len;
  void *keep; /* last output, kept when asked */
  int want_keep;
  int failed;
  unsigned rflags; /* render flags (--no-marks) */
} job;

static void *run_job(void *arg) {
  job *j = arg;
  vb_diags *d = vb_diags_new();
  const vb_template *t = j->t;
  for (int i = 0; i < j->warm + j->n; i++) {
    void *out = NULL;
    size_t len = 0;
    double t0 = now_ms();
    vb_status st = vb_render_memory(t, j->data, j->rflags, &out, &len, d);
    double t1 = now_ms();
    if (st != VB_OK) {
      print_diags(d);
      j->failed = 1;
      break;
    }
    if (i >= j->warm) j->times[i - j->warm] = t1 - t0;
    j->out_len = len;
    if (j->want_keep && i == j->warm + j->n - 1)
      j->keep = out;
    else
      free(out);
  }
  vb_diags_free(d);
  return NULL;
}

static int cmd_render(int argc, char **argv) {
  int n = 50, warm = -1, threads = 1;
  unsigned dflags = 0, rflags = 0;
  const char *out = NULL, *tpl = NULL, *datap = NULL;
  for (int i = 0; i < argc; i++) {
    if (!strcmp(argv[i], "-n") && i + 1 < argc)
      n = atoi(argv[++i]);
    else if (!strcmp(argv[i], "-w") && i + 1 < argc)
      warm = atoi(argv[++i]);
    else if (!strcmp(argv[i], "-j") && i + 1 < argc)
      threads = atoi(argv[++i]);
    else if (!strcmp(argv[i], "-o") && i + 1 < argc)
      out = argv[++i];
    else if (!strcmp(argv[i], "--raw"))
      dflags |= VB_DATA_RAW;
    else if (!strcmp(argv[i], "--no-marks"))
      rflags |= VB_RENDER_NO_MARKS;
    else if (!tpl)
      tpl = argv[i];
    else if (!datap)
      datap = argv[i];
    else
      return 4;
  }
  if (!tpl || !datap || n < 1 || threads < 1) return 4;
  if (warm < 0) warm = n < 5 ? 1 : 5;

  size_t tlen;
  void *tbytes = read_all(tpl, &tlen);
  vb_diags *d = vb_diags_new();

  /* Compile cost (once per template) and data load cost (once per unit). */
  double t0 = now_ms();
  vb_template *t = vb_template_open_memory(tbytes, tlen, tpl, 0, d);
  double compile_ms = now_ms() - t0;
  if (!t) {
    print_diags(d);
    return 2;
  }
  t0 = now_ms();
  vb_data *data = vb_data_load_file(datap, dflags, d);
  double load_ms = now_ms() - t0;
  if (!data) {
    print_diags(d);
    return 1;
  }

  job *jobs = calloc((size_t)threads, sizeof(job));
  pthread_t *tids = calloc((size_t)threads, sizeof(pthread_t));
  for (int k = 0; k < threads; k++) {
    jobs[k] =
        (job){t, data,  n, warm, calloc((size_t)n, sizeof(double)), 0, NULL, k == 0 && out != NULL,
              0, rflags};
  }
  double w0 = now_ms(), c0 = cpu_ms();
  if (threads == 1)
    run_job(&jobs[0]);
  else
    for (int k = 0; k < threads; k++)
      pthread_create(&tids[k], NULL, run_job, &jobs[k]);
  if (threads > 1)
    for (int k = 0; k < threads; k++)
      pthread_join(tids[k], NULL);
  double wall = now_ms() - w0, cpu = cpu_ms() - c0;
  for (int k = 0; k < threads; k++)
    if (jobs[k].failed) return 1;

  double *all = calloc((size_t)n * threads, sizeof(double));
  double sum = 0;
  for (int k = 0; k < threads; k++)
    for (int i = 0; i < n; i++)
      all[k * n + i] = jobs[k].times[i], sum += jobs[k].times[i];
  double med = median(all, (size_t)n * threads);
  double mn = all[0];
  /* With threads, throughput counts warm-up renders too (they run concurrently). */
  double docs_s = threads == 1 ? 1000.0 / med : 1000.0 * threads * (n + warm) / wall;
  if (out) {
    FILE *f = fopen(out, "wb");
    if (!f || fwrite(jobs[0].keep, 1, jobs[0].out_len, f) != jobs[0].out_len || fclose(f) != 0) {
      fprintf(stderr, "vbbench: cannot write %s\n", out);
      return 3;
    }
  }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("median_ms=%.4f min_ms=%.4f mean_ms=%.4f docs_s=%.1f n=%d threads=%d compile_ms=%.3f "
         "load_ms=%.3f bytes=%zu maxrss_kb=%ld wall_ms=%.1f cpu_ms=%.1f\n",
         med, mn, sum / ((double)n * threads), docs_s, n, threads, compile_ms, load_ms,
         jobs[0].out_len, ru.ru_maxrss, wall, cpu);
  for (int k = 0; k < threads; k++)
    free(jobs[k].times), free(jobs[k].keep);
  free(all);
  free(jobs);
  free(tids);
  vb_template_free(t);
  vb_data_free(data);
  vb_diags_free(d);
  free(tbytes);
  return 0;
}

static int cmd_exec(int argc, char **argv) {
  int n = 20, i = 0;
  for (; i < argc; i++) {
    if (!strcmp(argv[i], "-n") && i + 1 < argc)
      n = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--")) {
      i++;
      break;
    } else
      break;
  }
  if (i >= argc || n < 1) return 4;
  char **cmd = argv + i;
  double *times = calloc((size_t)n, sizeof(double));
  double *cpus = calloc((size_t)n, sizeof(double));
  long maxrss = 0;
  for (int k = -1; k < n; k++) {
    double t0 = now_ms();
    pid_t pid = fork();
    if (pid == 0) {
      execvp(cmd[0], cmd);
      _exit(127);
    }
    int status;
    struct rusage ru;
    if (pid < 0 || wait4(pid, &status, 0, &ru) < 0) return 5;
    double t = now_ms() - t0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      fprintf(stderr, "vbbench: %s exited with status %d\n", cmd[0],
              WIFEXITED(status) ? WEXITSTATUS(status) : -1);
      return 1;
    }
    if (k >= 0) {
      times[k] = t;
      cpus[k] = ru.ru_utime.tv_sec * 1e3 + ru.ru_utime.tv_usec / 1e3 + ru.ru_stime.tv_sec * 1e3 +
                ru.ru_stime.tv_usec / 1e3;
    }
    if (ru.ru_maxrss > maxrss) maxrss = ru.ru_maxrss;
  }
  double med = median(times, (size_t)n);
  double cpu = median(cpus, (size_t)n);
  printf("median_ms=%.3f min_ms=%.3f cpu_ms=%.3f n=%d maxrss_kb=%ld\n", med, times[0], cpu, n,
         maxrss);
  free(times);
  free(cpus);
  return 0;
}

int main(int argc, char **argv) {
  int rc = 4;
  if (argc >= 2 && !strcmp(argv[1], "render"))
    rc = cmd_render(argc - 2, argv + 2);
  else if (argc >= 2 && !strcmp(argv[1], "exec"))
    rc = cmd_exec(argc - 2, argv + 2);
  if (rc == 4)
    fputs("usage: vbbench render [-n N] [-w W] [-j THREADS] [--raw] [-o OUT] TEMPLATE DATA.json\n"
          "       vbbench exec [-n N] -- COMMAND [ARGS...]\n",
          stderr);
  return rc;
}
