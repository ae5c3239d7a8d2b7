/* PDF conversion through LibreOffice headless. See pdf.h. */
#include "cli/pdf.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "cli/soffice.h"
#include "vanban.h"

#define MISSING_MSG "làm PDF cần LibreOffice (soffice), mà không tìm thấy nó trên PATH"
#define MISSING_HINT                                                                                         \
  "cài bằng: apt-get install libreoffice-writer-nogui (hoặc đặt VANBAN_SOFFICE là đường dẫn " \
  "tới chương trình soffice)"

#define CHUNK_MAX 200

const char *cli_pdf_missing_message(void) { return MISSING_MSG; }
const char *cli_pdf_missing_hint(void) { return MISSING_HINT; }

static int executable(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISREG(st.st_mode) && access(p, X_OK) == 0;
}

/* A program: $env when set (it must be executable), else the first of
 * names[0..n) on $PATH. 0 found (path in out), -1 not. */
static int find_program(const char *env_name, const char *const *names, int nnames, char *out,
                        size_t outlen) {
  const char *env = getenv(env_name);
  if (env && *env) {
    if (!executable(env)) return -1;
    snprintf(out, outlen, "%s", env);
    return 0;
  }
  const char *path = getenv("PATH");
  for (int k = 0; k < nnames && path; k++) {
    for (const char *p = path; *p;) {
      size_t n = strcspn(p, ":");
      if (n) {
        snprintf(out, outlen, "%.*s/%s", (int)n, p, names[k]);
        if (executable(out)) return 0;
      }
      p += n;
      if (*p == ':') p++;
    }
  }
  return -1;
}

int cli_pdf_find_soffice(char *out, size_t outlen) {
  static const char *const names[] = {"soffice", "libreoffice"};
  return find_program("VANBAN_SOFFICE", names, 2, out, outlen);
}

void cli_pdf_path(const char *doc, char *out, size_t outlen) {
  const char *slash = strrchr(doc, '/');
  const char *dot = strrchr(doc, '.');
  size_t n = (dot && (!slash || dot > slash)) ? (size_t)(dot - doc) : strlen(doc);
  snprintf(out, outlen, "%.*s.pdf", (int)n, doc);
}

static void say(const cli_pdf_hooks *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static pthread_mutex_t say_lock = PTHREAD_MUTEX_INITIALIZER;

static void say(const cli_pdf_hooks *h, const char *fmt, ...) {
  char line[8192];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  pthread_mutex_lock(&say_lock);
  if (h && h->say)
    h->say(h->ud, line);
  else
    fprintf(stderr, "%s\n", line);
  pthread_mutex_unlock(&say_lock);
}

/* A directory of one run's work (a staging directory for PDFs, a profile
 * directory) is locked by the process that made it, through a ".lock" file
 * held with flock for as long as the directory is used. A run that was
 * killed (kill -9, a node lost) leaves the directory behind with its lock
 * free, so the next run in the same place can tell it from a directory
 * another run — another shard writing to the same folder — is using. */
#define LOCK_NAME ".lock"
/* A directory younger than this is left alone even with its lock free: the
 * run that made it may not have taken the lock yet. */
#define STALE_AFTER_S 120

/* mkdtemp(tmpl) and lock it; returns the lock's descriptor (kept open, close
 * it after removing the directory) or -1 with errno set. */
static int make_locked_dir(char *tmpl) {
  if (!mkdtemp(tmpl)) return -1;
  char lock[4400];
  snprintf(lock, sizeof lock, "%s/" LOCK_NAME, tmpl);
  int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0 || flock(fd, LOCK_EX) != 0) {
    int e = errno;
    if (fd >= 0) close(fd);
    cli_remove_tree(tmpl);
    errno = e;
    return -1;
  }
  return fd;
}

/* Remove the directories named prefix* in dir that a run killed before it
 * could clean up left behind: old enough, and whose lock is free (or that
 * have no lock file at all). Returns how many were removed. */
static size_t sweep_stale_dirs(const char *dir, const char *prefix) {
  DIR *d = opendir(dir);
  if (!d) return 0;
  size_t removed = 0, pl = strlen(prefix);
  time_t now_s = time(NULL);
  struct dirent *e;
  while ((e = readdir(d))) {
    if (strncmp(e->d_name, prefix, pl) || !e->d_name[pl]) continue;
    char path[4400], lock[4500];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    struct stat st;
    if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != geteuid() ||
        now_s - st.st_mtime < STALE_AFTER_S)
      continue;
    snprintf(lock, sizeof lock, "%s/" LOCK_NAME, path);
    int fd = open(lock, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0 && errno != ENOENT) continue;
    if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) != 0) {
      close(fd); /* in use by a run that is still going */
      continue;
    }
    cli_remove_tree(path);
    if (fd >= 0) close(fd);
    removed++;
  }
  closedir(d);
  return removed;
}

static size_t count_pdfs(const char *dir) {
  size_t n = 0;
  DIR *d = opendir(dir);
  if (!d) return 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    size_t l = strlen(e->d_name);
    if (l > 4 && !strcmp(e->d_name + l - 4, ".pdf")) n++;
  }
  closedir(d);
  return n;
}

/* What LibreOffice said, without its "convert A -> B" progress lines. */
static void log_tail(const cli_pdf_hooks *h, const char *log) {
  FILE *f = fopen(log, "r");
  if (!f) return;
  char line[1024];
  int shown = 0;
  while (fgets(line, sizeof line, f) && shown < 12) {
    line[strcspn(line, "\n")] = '\0';
    if (*line && strncmp(line, "convert ", 8) != 0 && !strstr(line, "javaldx")) {
      say(h, "  soffice: %s", line);
      shown++;
    }
  }
  fclose(f);
}

/* The conversion's shared state: workers take chunks from a queue, each
 * with a LibreOffice and a profile of its own. */
typedef struct pdf_run {
  const char *soffice, *tmp;
  const char *const *files;
  int *ok;
  const cli_pdf_hooks *h;
  pthread_mutex_t lock; /* the queue, the counts and the hooks */
  size_t **chunks, *chunk_len, nchunks, next;
  size_t done;   /* documents whose chunk has finished */
  size_t active; /* PDFs staged by running chunks (their sum, for progress) */
  int failed;
  int stopped; /* the hooks' cancelled() said so */
} pdf_run;

/* Has the caller asked to stop? Remembered once asked. */
static int stop_wanted(pdf_run *r) {
  pthread_mutex_lock(&r->lock);
  int stop = r->stopped;
  pthread_mutex_unlock(&r->lock);
  if (!stop && r->h && r->h->cancelled) {
    pthread_mutex_lock(&say_lock);
    stop = r->h->cancelled(r->h->ud) != 0;
    pthread_mutex_unlock(&say_lock);
    if (stop) {
      pthread_mutex_lock(&r->lock);
      r->stopped = 1;
      pthread_mutex_unlock(&r->lock);
    }
  }
  return stop;
}

typedef struct tick_ctx {
  pdf_run *r;
  const char *staging;
  size_t staged; /* this chunk's share of r->active */
} tick_ctx;

static void report_done(pdf_run *r, size_t done) {
  if (!r->h || !r->h->done) return;
  pthread_mutex_lock(&say_lock);
  r->h->done(r->h->ud, done);
  pthread_mutex_unlock(&say_lock);
}

static size_t tick(void *ud) {
  tick_ctx *t = ud;
  if (stop_wanted(t->r)) return CLI_RUN_STOP;
  size_t now_staged = count_pdfs(t->staging);
  pthread_mutex_lock(&t->r->lock);
  t->r->active += now_staged - t->staged;
  t->staged = now_staged;
  size_t done = t->r->done + t->r->active;
  pthread_mutex_unlock(&t->r->lock);
  report_done(t->r, done);
  return now_staged;
}

static const char *base_of(const char *p) {
  const char *s = strrchr(p, '/');
  return s ? s + 1 : p;
}

static size_t dir_len(const char *p) {
  const char *s = strrchr(p, '/');
  return s ? (size_t)(s - p) : 0;
}

/* The directory a document is in ("." for a bare name). */
static void dir_of(const char *p, char *out, size_t outlen) {
  size_t dl = dir_len(p);
  if (strchr(p, '/'))
    snprintf(out, outlen, "%.*s", (int)(dl ? dl : 1), dl ? p : "/");
  else
    snprintf(out, outlen, ".");
}

static const char *ext_of(const char *p) {
  const char *b = base_of(p), *dot = strrchr(b, '.');
  return dot ? dot + 1 : "";
}

/* Convert one chunk with a fresh LibreOffice: idx[0..m) index files, all
 * in one directory with one extension and distinct names. Sets ok[] for
 * each PDF put in place; returns how the process ended (cli_run()). last: the
 * documents still missing are reported as failed (else the caller retries). */
static int convert_chunk(pdf_run *r, const char *profile_url, const char *logdir, const size_t *idx,
                         size_t m, int last) {
  const cli_pdf_hooks *h = r->h;
  const char *const *files = r->files;
  const char *first = files[idx[0]];
  char dir[4096], staging[4200], log[4400]; /* logdir: a worker's folder, under 4300 bytes */
  dir_of(first, dir, sizeof dir);
  snprintf(staging, sizeof staging, "%s/.vanban-pdf.XXXXXX", dir);
  int staging_lock = make_locked_dir(staging);
  if (staging_lock < 0) {
    say(h,
        "vanban: %s: lỗi: không tạo được thư mục tạm cho các PDF: %s [pdf.dir]\n"
        "  gợi ý: kiểm tra quyền ghi và chỗ trống trong thư mục này",
        dir, strerror(errno));
    return -1;
  }
  snprintf(log, sizeof log, "%s/soffice.log", logdir);
  const char *ext = ext_of(first);
  char infilter[64];
  snprintf(infilter, sizeof infilter, "--infilter=%s",
           !strcmp(ext, "odt") ? "writer8" : "MS Word 2007 XML");
  char env[13100];
  snprintf(env, sizeof env, "-env:UserInstallation=%s", profile_url);
  size_t argc = 0;
  char **argv = calloc(m + 16, sizeof(char *));
  if (!argv) abort();
  argv[argc++] = (char *)r->soffice;
  argv[argc++] = "--headless";
  argv[argc++] = "--invisible";
  argv[argc++] = "--norestore";
  argv[argc++] = "--nologo";
  argv[argc++] = "--nodefault";
  argv[argc++] = "--nolockcheck";
  argv[argc++] = env;
  argv[argc++] = infilter;
  argv[argc++] = "--convert-to";
  argv[argc++] = "pdf:writer_pdf_Export";
  argv[argc++] = "--outdir";
  argv[argc++] = staging;
  for (size_t i = 0; i < m; i++)
    argv[argc++] = (char *)files[idx[i]];
  argv[argc] = NULL;
  const char *tenv = getenv("VANBAN_PDF_TIMEOUT"), *senv = getenv("VANBAN_PDF_STALL");
  double timeout = tenv && atof(tenv) > 0 ? atof(tenv) : 120.0 + 10.0 * (double)m;
  double stall = senv && atof(senv) > 0 ? atof(senv) : 300.0;
  tick_ctx tc = {r, staging, 0};
  int rc = cli_run(argv, log, timeout, stall, tick, &tc);
  free(argv);
  if (rc == -4) { /* stopped: nothing of this chunk is kept */
    cli_remove_tree(staging);
    close(staging_lock);
    pthread_mutex_lock(&r->lock);
    r->active -= tc.staged;
    pthread_mutex_unlock(&r->lock);
    return rc;
  }
  size_t missing = 0;
  for (size_t i = 0; i < m; i++) {
    const char *doc = files[idx[i]];
    char pdf[4200], staged[8400];
    cli_pdf_path(base_of(doc), pdf, sizeof pdf);
    snprintf(staged, sizeof staged, "%s/%s", staging, pdf);
    cli_pdf_path(doc, pdf, sizeof pdf);
    struct stat st;
    if (stat(staged, &st) == 0 && st.st_size > 0 && rename(staged, pdf) == 0)
      r->ok[idx[i]] = 1;
    else
      missing++;
  }
  cli_remove_tree(staging);
  close(staging_lock);
  pthread_mutex_lock(&r->lock);
  r->active -= tc.staged;
  pthread_mutex_unlock(&r->lock);
  if (!missing) return rc;
  if (rc == -2)
    say(h,
        "vanban: lỗi: LibreOffice chưa xong sau %.0f giây, đã dừng nó [pdf.timeout]\n"
        "  gợi ý: đặt VANBAN_PDF_TIMEOUT (số giây) lớn hơn",
        timeout);
  else if (rc == -3)
    say(h,
        "vanban: lỗi: LibreOffice không làm thêm PDF nào trong %.0f giây: bị treo, đã dừng nó "
        "[pdf.stall]\n"
        "  gợi ý: VANBAN_PDF_STALL đặt số giây chờ",
        stall);
  else if (rc == -1)
    say(h,
        "vanban: lỗi: không chạy được %s: %s [pdf.soffice]\n"
        "  gợi ý: kiểm tra LibreOffice, hoặc đặt VANBAN_SOFFICE là đường dẫn tới soffice",
        r->soffice, strerror(errno));
  else
    say(h, "vanban: LibreOffice (mã thoát %d) không chuyển được %zu trong %zu văn bản:", rc,
        missing, m);
  log_tail(h, log);
  if (!last) {
    say(h, "vanban: chuyển lại %zu văn bản đó một lần nữa, bằng một LibreOffice mới", missing);
    return rc;
  }
  for (size_t i = 0; i < m; i++)
    if (!r->ok[idx[i]])
      say(h,
          "vanban: %s: lỗi: không có PDF (LibreOffice không mở hoặc không chuyển được văn "
          "bản này) [pdf.convert]\n"
          "  gợi ý: mở văn bản bằng LibreOffice để xem lỗi; các dòng soffice ở trên nói lý do",
          files[idx[i]]);
  return rc;
}

/* One worker: its own profile; chunks from the queue; the documents a
 * chunk's LibreOffice left without a PDF (it crashed, hung or failed them)
 * go once more through a new LibreOffice with a new profile. */
typedef struct pdf_worker {
  pdf_run *r;
  size_t k;
} pdf_worker;

static void *pdf_worker_main(void *arg) {
  pdf_worker *w = arg;
  pdf_run *r = w->r;
  char dir[4300], profile[4400], url[13000];
  snprintf(dir, sizeof dir, "%s/worker-%zu", r->tmp, w->k);
  mkdir(dir, 0700);
  for (int attempt = 0;; attempt++) {
    pthread_mutex_lock(&r->lock);
    size_t c = r->next < r->nchunks ? r->next++ : r->nchunks;
    pthread_mutex_unlock(&r->lock);
    if (c >= r->nchunks || stop_wanted(r)) break;
    size_t *idx = r->chunks[c], m = r->chunk_len[c];
    snprintf(profile, sizeof profile, "%s/profile", dir);
    cli_file_url(profile, url, sizeof url);
    convert_chunk(r, url, dir, idx, m, 0);
    size_t again = 0;
    for (size_t i = 0; i < m; i++)
      if (!r->ok[idx[i]]) idx[again++] = idx[i];
    if (again && !stop_wanted(r)) {
      /* The profile may be what broke it: the retry gets a new one. */
      snprintf(profile, sizeof profile, "%s/profile-retry-%d", dir, attempt);
      cli_file_url(profile, url, sizeof url);
      convert_chunk(r, url, dir, idx, again, 1);
    }
    int failed = 0;
    for (size_t i = 0; i < again; i++)
      failed |= !r->ok[idx[i]];
    pthread_mutex_lock(&r->lock);
    r->done += m;
    if (failed) r->failed = 1;
    size_t done = r->done + r->active;
    pthread_mutex_unlock(&r->lock);
    report_done(r, done);
  }
  return NULL;
}

size_t cli_pdf_sweep(const char *const *files, size_t n) {
  size_t removed = 0, ndirs = 0;
  char **dirs = NULL;
  for (size_t i = 0; i < n; i++) {
    char dir[4096];
    dir_of(files[i], dir, sizeof dir);
    int seen = 0;
    for (size_t k = ndirs; k > 0 && !seen; k--)
      seen = !strcmp(dirs[k - 1], dir);
    if (seen) continue;
    char **grown = realloc(dirs, (ndirs + 1) * sizeof *dirs);
    if (!grown || !(grown[ndirs] = strdup(dir))) abort();
    dirs = grown, ndirs++;
    removed += sweep_stale_dirs(dir, ".vanban-pdf.");
  }
  for (size_t k = 0; k < ndirs; k++)
    free(dirs[k]);
  free(dirs);
  return removed;
}

int cli_pdf_convert(const char *const *files, size_t n, int *ok, const cli_pdf_hooks *h) {
  return cli_pdf_convert_jobs(files, n, ok, 1, h);
}

int cli_pdf_convert_jobs(const char *const *files, size_t n, int *ok, size_t jobs,
                         const cli_pdf_hooks *h) {
  for (size_t i = 0; i < n; i++)
    ok[i] = 0;
  if (!n) return 0;
  char soffice[4096];
  if (cli_pdf_find_soffice(soffice, sizeof soffice) != 0) {
    say(h, "vanban: lỗi: %s [pdf.soffice]\n  gợi ý: %s", MISSING_MSG, MISSING_HINT);
    return VB_EIO;
  }
  const char *tmpdir = getenv("TMPDIR");
  char tmp[4096];
  const char *tmproot = tmpdir && *tmpdir ? tmpdir : "/tmp";
  sweep_stale_dirs(tmproot, "vanban-lo.");
  snprintf(tmp, sizeof tmp, "%s/vanban-lo.XXXXXX", tmproot);
  int tmp_lock = make_locked_dir(tmp);
  if (tmp_lock < 0) {
    say(h,
        "vanban: lỗi: không tạo được thư mục hồ sơ LibreOffice trong %s: %s [pdf.dir]\n"
        "  gợi ý: kiểm tra quyền ghi, hoặc đặt TMPDIR là thư mục khác",
        tmpdir && *tmpdir ? tmpdir : "/tmp", strerror(errno));
    return VB_EIO;
  }
  if (jobs < 1) jobs = 1;
  const char *cenv = getenv("VANBAN_PDF_CHUNK");
  /* LibreOffice (7.4, through oosplash) silently ignores command-line
   * arguments past about 256: of 260 files given, 244 are converted and it
   * still exits 0. Chunks stay well below that, and small enough that every
   * worker gets some. */
  size_t chunk = cenv && atoi(cenv) > 0 ? (size_t)atoi(cenv) : CHUNK_MAX;
  if (chunk > CHUNK_MAX) chunk = CHUNK_MAX;
  if (jobs > 1 && chunk > (n + jobs - 1) / jobs) chunk = (n + jobs - 1) / jobs;
  /* Group by (directory, extension) in order of first appearance; a second
   * document with the same PDF name goes to a later chunk. */
  pdf_run r = {.soffice = soffice, .tmp = tmp, .files = files, .ok = ok, .h = h};
  pthread_mutex_init(&r.lock, NULL);
  r.chunks = calloc(n, sizeof(size_t *));
  r.chunk_len = calloc(n, sizeof(size_t));
  int *taken = calloc(n, sizeof(int));
  if (!taken || !r.chunks || !r.chunk_len) abort();
  for (size_t s = 0; s < n; s++) {
    if (taken[s]) continue;
    size_t m = 0;
    size_t *idx = calloc(chunk, sizeof(size_t));
    if (!idx) abort();
    size_t dl = dir_len(files[s]);
    const char *ext = ext_of(files[s]);
    for (size_t i = s; i < n && m < chunk; i++) {
      if (taken[i] || dir_len(files[i]) != dl || strncmp(files[i], files[s], dl) ||
          strcmp(ext_of(files[i]), ext))
        continue;
      char a[4200], b[4200];
      cli_pdf_path(base_of(files[i]), a, sizeof a);
      int dup = 0;
      for (size_t k = 0; k < m && !dup; k++) {
        cli_pdf_path(base_of(files[idx[k]]), b, sizeof b);
        dup = !strcmp(a, b);
      }
      if (dup) continue;
      taken[i] = 1;
      idx[m++] = i;
    }
    r.chunks[r.nchunks] = idx;
    r.chunk_len[r.nchunks++] = m;
  }
  /* Staging directories a killed run left next to the documents go before
   * new ones are made there. */
  cli_pdf_sweep(files, n);
  if (jobs > r.nchunks) jobs = r.nchunks;
  pdf_worker *w = calloc(jobs, sizeof *w);
  pthread_t *th = calloc(jobs, sizeof *th);
  if (!w || !th) abort();
  size_t started = 0;
  for (size_t k = 0; k < jobs; k++) {
    w[k] = (pdf_worker){&r, k};
    if (jobs > 1 && pthread_create(&th[k], NULL, pdf_worker_main, &w[k]) == 0) started++;
  }
  if (!started) pdf_worker_main(&w[0]);
  for (size_t k = 0; k < started; k++)
    pthread_join(th[k], NULL);
  for (size_t c = 0; c < r.nchunks; c++)
    free(r.chunks[c]);
  free(r.chunks);
  free(r.chunk_len);
  free(taken);
  free(w);
  free(th);
  pthread_mutex_destroy(&r.lock);
  cli_remove_tree(tmp);
  close(tmp_lock);
  return r.failed || r.stopped ? VB_EIO : 0;
}

int cli_pdf_find_pdftoppm(char *out, size_t outlen) {
  static const char *const names[] = {"pdftoppm"};
  return find_program("VANBAN_PDFTOPPM", names, 1, out, outlen);
}

int cli_pdf_page_images(const char *pdf, const char *prefix, int dpi, int max_pages) {
  char tool[4096], res[16], last[16], log[4200];
  if (cli_pdf_find_pdftoppm(tool, sizeof tool) != 0) return -1;
  snprintf(res, sizeof res, "%d", dpi);
  snprintf(last, sizeof last, "%d", max_pages);
  snprintf(log, sizeof log, "%s.log", prefix);
  char *argv[] = {tool, "-png", "-r", res, "-l", last, (char *)pdf, (char *)prefix, NULL};
  /* A report's pages at a screen's resolution take well under a second
   * each; a PDF that takes a minute is not one vanban made. */
  int rc = cli_run(argv, log, 60.0, 0, NULL, NULL);
  unlink(log);
  return rc == 0 ? 0 : -2;
}
