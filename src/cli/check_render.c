/* check --render: see check_render.h. */
#include "cli/check_render.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/pdf.h"

static int find_on_path(const char *name, char *out, size_t outlen) {
  const char *path = getenv("PATH");
  for (const char *p = path; p && *p;) {
    size_t n = strcspn(p, ":");
    if (n) {
      snprintf(out, outlen, "%.*s/%s", (int)n, p, name);
      if (access(out, X_OK) == 0) return 0;
    }
    p += n;
    if (*p == ':') p++;
  }
  return -1;
}

static int copy_file(const char *from, const char *to) {
  FILE *in = fopen(from, "rb");
  if (!in) return -1;
  FILE *out = fopen(to, "wb");
  if (!out) {
    fclose(in);
    return -1;
  }
  char buf[65536];
  size_t n;
  int rc = 0;
  while ((n = fread(buf, 1, sizeof buf, in)) > 0)
    if (fwrite(buf, 1, n, out) != n) rc = -1;
  if (ferror(in)) rc = -1;
  fclose(in);
  if (fclose(out) != 0) rc = -1;
  return rc;
}

static void remove_dir(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) return;
  struct dirent *e;
  char p[4096];
  while ((e = readdir(d)) != NULL) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
    struct stat st;
    if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
      remove_dir(p);
    else
      unlink(p);
  }
  closedir(d);
  rmdir(dir);
}

static int run_pdftotext(const char *exe, const char *pdf, const char *txt) {
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
      dup2(null, 0);
      dup2(null, 1);
      dup2(null, 2);
    }
    execl(exe, exe, "-enc", "UTF-8", pdf, txt, (char *)NULL);
    _exit(127);
  }
  int status;
  if (waitpid(pid, &status, 0) < 0) return -1;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

int cli_render_pages(const char *doc, char **text, size_t *len) {
  *text = NULL;
  *len = 0;
  char soffice[4096], pdftotext[4096];
  if (cli_pdf_find_soffice(soffice, sizeof soffice) != 0) {
    cli_error(NULL, "pdf.soffice", cli_pdf_missing_hint(),
              "check --render cần LibreOffice (soffice), mà không tìm thấy nó trên PATH");
    return -1;
  }
  if (find_on_path("pdftotext", pdftotext, sizeof pdftotext) != 0) {
    cli_error(NULL, "pdf.pdftotext", "cài bằng: apt-get install poppler-utils",
              "check --render cần pdftotext, mà không tìm thấy nó trên PATH");
    return -1;
  }
  const char *tmp = getenv("TMPDIR");
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/vanban-check.XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(dir)) {
    cli_error(NULL, "pdf.dir", "kiểm tra quyền ghi, hoặc đặt TMPDIR là thư mục khác",
              "check --render: không tạo được thư mục tạm trong %s: %s", tmp && *tmp ? tmp : "/tmp",
              strerror(errno));
    return -1;
  }
  const char *ext = cli_ext(doc);
  char copy[4200], pdf[4200], txt[4200];
  snprintf(copy, sizeof copy, "%s/doc.%s", dir, ext);
  snprintf(pdf, sizeof pdf, "%s/doc.pdf", dir);
  snprintf(txt, sizeof txt, "%s/doc.txt", dir);
  int rc = -1;
  if (copy_file(doc, copy) != 0) {
    cli_error(doc, "pdf.dir", "kiểm tra quyền ghi và chỗ trống của thư mục tạm (TMPDIR)",
              "không chép được văn bản sang thư mục tạm cho --render");
    goto out;
  }
  const char *files[1] = {copy};
  int ok[1] = {0};
  if (cli_pdf_convert(files, 1, ok, NULL) != 0 || !ok[0]) {
    cli_error(doc, "pdf.convert", "mở văn bản bằng LibreOffice để xem lỗi",
              "LibreOffice không chuyển được văn bản sang PDF; không hiện được các trang");
    goto out;
  }
  if (run_pdftotext(pdftotext, pdf, txt) != 0) {
    cli_error(doc, "pdf.pdftotext", "kiểm tra pdftotext (gói poppler-utils)",
              "pdftotext không đọc được PDF; không hiện được các trang");
    goto out;
  }
  FILE *f = fopen(txt, "rb");
  if (!f) goto out;
  size_t cap = 65536, n = 0;
  char *buf = malloc(cap);
  size_t k;
  while (buf && (k = fread(buf + n, 1, cap - n - 1, f)) > 0) {
    n += k;
    if (n + 1 == cap) {
      char *nb = realloc(buf, cap * 2);
      if (!nb) break;
      buf = nb;
      cap *= 2;
    }
  }
  fclose(f);
  if (buf) {
    buf[n] = 0;
    *text = buf;
    *len = n;
    rc = 0;
  }
out:
  remove_dir(dir);
  return rc;
}
