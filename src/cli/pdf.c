/* PDF conversion through LibreOffice headless. See pdf.h. */
#include "cli/pdf.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "vanban.h"

#define MISSING_MSG                                                                                \
  "--pdf needs LibreOffice (soffice), which was not found on PATH; install it with: "              \
  "apt-get install libreoffice-writer-nogui (or set VANBAN_SOFFICE to the soffice program)"

#define CHUNK_MAX 200

const char *cli_pdf_missing_message(void) { return MISSING_MSG; }

static int executable(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISREG(st.st_mode) && access(p, X_OK) == 0;
}

int cli_pdf_find_soffice(char *out, size_t outlen) {
  const char *env = getenv("VANBAN_SOFFICE");
  if (env && *env) {
    if (!executable(env)) return -1;
    snprintf(out, outlen, "%s", env);
    return 0;
  }
  const char *path = getenv("PATH");
  static const char *const names[] = {"soffice", "libreoffice"};
  for (int k = 0; k < 2 && path; k++) {
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

void cli_pdf_path(const char *doc, char *out, size_t outlen) {
  const char *slash = strrchr(doc, '/');
  const char *dot = strrchr(doc, '.');
  size_t n = (dot && (!slash || dot > slash)) ? (size_t)(dot - doc) : strlen(doc);
  snprintf(out, outlen, "%.*s.pdf", (int)n, doc);
}

static void say(const cli_pdf_hooks *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(const cli_pdf_hooks *h, const char *fmt, ...) {
  char line[8192];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  if (h && h->say)
    h->say(h->ud, line);
  else
    fprintf(stderr, "%s\n", line);
}

/* rm -rf of a directory we created (no symlinks followed). */
static void remove_tree(const char *path) {
  DIR *dir = opendir(path);
  if (dir) {
    struct dirent *e;
    while ((e = readdir(dir))) {
      if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
      size_t n = strlen(path) + strlen(e->d_name) + 2;
      char *child = malloc(n);
      if (!child) abort();
      snprintf(child, n, "%s/%s", path, e->d_name);
      struct stat st;
      if (lstat(child, &st) == 0 && S_ISDIR(st.st_mode))
        remove_tree(child);
      else
        unlink(child);
      free(child);
    }
    closedir(dir);
  }
  rmdir(path);
}

/* file:// URL of an absolute path, percent-encoding what URLs cannot hold. */
static void file_url(const char *path, char *out, size_t outlen) {
  size_t j = (size_t)snprintf(out, outlen, "file://");
  for (const unsigned char *p = (const unsigned char *)path; *p && j + 4 < outlen; p++) {
    if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
        strchr("/-._~", *p))
      out[j++] = (char)*p;
    else
      j += (size_t)snprintf(out + j, outlen - j, "%%%02X", *p);
  }
  out[j] = '\0';
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

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Run argv with output to log; wait up to timeout seconds, calling tick now
 * and then. Returns the exit status, -1 on failure to run, -2 on timeout. */
static int run(char **argv, const char *log, double timeout, void (*tick)(void *), void *ud) {
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    setpgid(0, 0);
    int in = open("/dev/null", O_RDONLY);
    int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in >= 0) dup2(in, 0);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
    }
    execv(argv[0], argv);
    _exit(127);
  }
  setpgid(pid, pid);
  double deadline = now() + timeout;
  for (;;) {
    int status;
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) {
      kill(-pid, SIGKILL); /* any helper it left behind */
      return WIFEXITED(status) ? WEXITSTATUS(status)
                               : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    }
    if (r < 0 && errno != EINTR) return -1;
    if (now() > deadline) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      return -2;
    }
    if (tick) tick(ud);
    struct timespec ts = {0, 100 * 1000 * 1000};
    nanosleep(&ts, NULL);
  }
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

typedef struct tick_ctx {
  const cli_pdf_hooks *h;
  const char *staging;
  size_t before;
} tick_ctx;

static void tick(void *ud) {
  tick_ctx *t = ud;
  if (t->h && t->h->done) t->h->done(t->h->ud, t->before + count_pdfs(t->staging));
}

static const char *base_of(const char *p) {
  const char *s = strrchr(p, '/');
  return s ? s + 1 : p;
}

static size_t dir_len(const char *p) {
  const char *s = strrchr(p, '/');
  return s ? (size_t)(s - p) : 0;
}

static const char *ext_of(const char *p) {
  const char *b = base_of(p), *dot = strrchr(b, '.');
  return dot ? dot + 1 : "";
}

/* Convert one chunk: idx[0..m) index files, all in one directory with one
 * extension and distinct names. */
static int convert_chunk(const char *soffice, const char *profile_url, const char *tmp,
                         const char *const *files, const size_t *idx, size_t m, int *ok,
                         size_t before, const cli_pdf_hooks *h) {
  const char *first = files[idx[0]];
  size_t dl = dir_len(first);
  char dir[4096], staging[4200], log[4200];
  if (strchr(first, '/'))
    snprintf(dir, sizeof dir, "%.*s", (int)(dl ? dl : 1), dl ? first : "/");
  else
    snprintf(dir, sizeof dir, ".");
  snprintf(staging, sizeof staging, "%s/.vanban-pdf.XXXXXX", dir);
  if (!mkdtemp(staging)) {
    say(h, "vanban: %s: cannot create a staging directory for the PDFs: %s", dir, strerror(errno));
    return -1;
  }
  snprintf(log, sizeof log, "%s/soffice.log", tmp);
  const char *ext = ext_of(first);
  char infilter[64];
  snprintf(infilter, sizeof infilter, "--infilter=%s",
           !strcmp(ext, "odt") ? "writer8" : "MS Word 2007 XML");
  char env[13100];
  snprintf(env, sizeof env, "-env:UserInstallation=%s", profile_url);
  size_t argc = 0;
  char **argv = calloc(m + 16, sizeof(char *));
  if (!argv) abort();
  argv[argc++] = (char *)soffice;
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
  const char *tenv = getenv("VANBAN_PDF_TIMEOUT");
  double timeout = tenv && atof(tenv) > 0 ? atof(tenv) : 120.0 + 10.0 * (double)m;
  tick_ctx tc = {h, staging, before};
  int rc = run(argv, log, timeout, tick, &tc);
  free(argv);
  int failed = 0;
  if (rc == -2)
    say(h, "vanban: LibreOffice did not finish within %.0f s (set VANBAN_PDF_TIMEOUT)", timeout);
  else if (rc == -1)
    say(h, "vanban: could not run %s: %s", soffice, strerror(errno));
  for (size_t i = 0; i < m; i++) {
    const char *doc = files[idx[i]];
    char pdf[4200], staged[8400];
    cli_pdf_path(base_of(doc), pdf, sizeof pdf);
    snprintf(staged, sizeof staged, "%s/%s", staging, pdf);
    cli_pdf_path(doc, pdf, sizeof pdf);
    struct stat st;
    if (stat(staged, &st) == 0 && st.st_size > 0 && rename(staged, pdf) == 0) {
      ok[idx[i]] = 1;
    } else {
      if (!failed && rc >= 0)
        say(h, "vanban: LibreOffice (exit %d) did not convert every document:", rc);
      if (!failed) log_tail(h, log);
      say(h, "vanban: %s: no PDF was produced (LibreOffice could not open or convert it)", doc);
      failed = 1;
    }
  }
  remove_tree(staging);
  return failed ? -1 : 0;
}

int cli_pdf_convert(const char *const *files, size_t n, int *ok, const cli_pdf_hooks *h) {
  for (size_t i = 0; i < n; i++)
    ok[i] = 0;
  if (!n) return 0;
  char soffice[4096];
  if (cli_pdf_find_soffice(soffice, sizeof soffice) != 0) {
    say(h, "vanban: %s", MISSING_MSG);
    return VB_EIO;
  }
  const char *tmpdir = getenv("TMPDIR");
  char tmp[4096];
  snprintf(tmp, sizeof tmp, "%s/vanban-lo.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
  if (!mkdtemp(tmp)) {
    say(h, "vanban: cannot create a LibreOffice profile directory in %s: %s",
        tmpdir && *tmpdir ? tmpdir : "/tmp", strerror(errno));
    return VB_EIO;
  }
  char profile[4200], url[13000];
  snprintf(profile, sizeof profile, "%s/profile", tmp);
  file_url(profile, url, sizeof url);
  const char *cenv = getenv("VANBAN_PDF_CHUNK");
  /* LibreOffice (7.4, through oosplash) silently ignores command-line
   * arguments past about 256: of 260 files given, 244 are converted and it
   * still exits 0. Chunks stay well below that. */
  size_t chunk = cenv && atoi(cenv) > 0 ? (size_t)atoi(cenv) : CHUNK_MAX;
  if (chunk > CHUNK_MAX) chunk = CHUNK_MAX;
  /* Group by (directory, extension) in order of first appearance; a second
   * document with the same PDF name goes to a later chunk. */
  int *taken = calloc(n, sizeof(int));
  size_t *idx = calloc(n, sizeof(size_t));
  if (!taken || !idx) abort();
  size_t done = 0;
  int failed = 0;
  for (size_t s = 0; s < n; s++) {
    if (taken[s]) continue;
    size_t m = 0;
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
    if (convert_chunk(soffice, url, tmp, files, idx, m, ok, done, h) != 0) failed = 1;
    done += m;
    if (h && h->done) h->done(h->ud, done);
  }
  free(taken);
  free(idx);
  remove_tree(tmp);
  return failed ? VB_EIO : 0;
}
