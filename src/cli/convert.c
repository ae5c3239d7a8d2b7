/* A template converted to the other format by LibreOffice, cached by the
 * SHA-256 of its bytes. See convert.h. */
#include "cli/convert.h"

#include <errno.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/pdf.h"
#include "cli/soffice.h"
#include "vanban.h"

/* A template larger than this is not a template (vanban's own package
 * limits are lower). */
#define TEMPLATE_MAX (512u << 20)

int cli_cache_dir(char *out, size_t outlen) {
  const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
  int n;
  if (xdg && xdg[0] == '/')
    n = snprintf(out, outlen, "%s/vanban/templates", xdg);
  else if (home && home[0] == '/')
    n = snprintf(out, outlen, "%s/.cache/vanban/templates", home);
  else
    return -1;
  return n > 0 && (size_t)n < outlen ? 0 : -1;
}

/* mkdir -p, new directories private to the user. */
static int make_dirs(const char *path) {
  char p[4096];
  snprintf(p, sizeof p, "%s", path);
  for (char *s = p + 1; *s; s++) {
    if (*s != '/') continue;
    *s = '\0';
    if (mkdir(p, 0700) != 0 && errno != EEXIST) return -1;
    *s = '/';
  }
  return mkdir(p, 0700) != 0 && errno != EEXIST ? -1 : 0;
}

static int read_all(const char *path, unsigned char **data, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  size_t cap = 1 << 16, n = 0;
  unsigned char *b = malloc(cap);
  for (size_t got; b && (got = fread(b + n, 1, cap - n, f)) > 0;) {
    n += got;
    if (n == cap) {
      if (cap >= TEMPLATE_MAX) {
        free(b);
        b = NULL;
        errno = EFBIG;
        break;
      }
      unsigned char *nb = realloc(b, cap * 2);
      if (!nb) free(b);
      b = nb;
      cap *= 2;
    }
  }
  int err = b && ferror(f);
  fclose(f);
  if (!b || err) {
    free(b);
    return -1;
  }
  *data = b;
  *len = n;
  return 0;
}

static int write_all(const char *path, const unsigned char *data, size_t len) {
  FILE *f = fopen(path, "wb");
  if (!f) return -1;
  size_t put = fwrite(data, 1, len, f);
  return fclose(f) != 0 || put != len ? -1 : 0;
}

/* Copy from into dir as name, atomically (a temporary file, then rename):
 * a reader never sees half a conversion, and two vanban runs converting the
 * same template at once both end with the same whole file. */
static int publish(const char *from, const char *dir, const char *name) {
  unsigned char *data;
  size_t len;
  if (read_all(from, &data, &len) != 0) return -1;
  char tmp[4400], final[4400];
  snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", dir, name);
  snprintf(final, sizeof final, "%s/%s", dir, name);
  int fd = mkstemp(tmp);
  int ok = fd >= 0;
  if (ok) {
    for (size_t off = 0; ok && off < len;) {
      ssize_t w = write(fd, data + off, len - off);
      if (w <= 0) ok = 0;
      off += w > 0 ? (size_t)w : 0;
    }
    ok = close(fd) == 0 && ok && chmod(tmp, 0600) == 0 && rename(tmp, final) == 0;
    if (!ok) unlink(tmp);
  }
  free(data);
  return ok ? 0 : -1;
}

static const char *format_name(const char *ext) { return strcmp(ext, "odt") ? "DOCX" : "ODT"; }

/* What LibreOffice said, for a failed conversion. */
static void show_log(const char *log) {
  FILE *f = fopen(log, "r");
  if (!f) return;
  char line[1024];
  for (int shown = 0; shown < 8 && fgets(line, sizeof line, f);) {
    line[strcspn(line, "\n")] = '\0';
    if (*line && strncmp(line, "convert ", 8) != 0 && !strstr(line, "javaldx")) {
      fprintf(stderr, "  soffice: %s\n", line);
      shown++;
    }
  }
  fclose(f);
}

/* Convert `in` (of format from_ext) into `outdir` as to_ext with soffice. */
static int soffice_convert(const char *soffice, const char *tmp, const char *in,
                           const char *from_ext, const char *to_ext, const char *outdir) {
  char profile[4200], url[13000], env[13100], log[4200], infilter[64], target[64];
  snprintf(profile, sizeof profile, "%s/profile", tmp);
  cli_file_url(profile, url, sizeof url);
  snprintf(env, sizeof env, "-env:UserInstallation=%s", url);
  snprintf(log, sizeof log, "%s/soffice.log", tmp);
  snprintf(infilter, sizeof infilter, "--infilter=%s",
           !strcmp(from_ext, "odt") ? "writer8" : "MS Word 2007 XML");
  snprintf(target, sizeof target, "%s",
           !strcmp(to_ext, "odt") ? "odt:writer8" : "docx:MS Word 2007 XML");
  char *argv[] = {
      (char *)soffice, "--headless", "--invisible", "--norestore",  "--nologo", "--nodefault",
      "--nolockcheck", env,          infilter,      "--convert-to", target,     "--outdir",
      (char *)outdir,  (char *)in,   NULL};
  const char *tenv = getenv("VANBAN_PDF_TIMEOUT");
  double timeout = tenv && atof(tenv) > 0 ? atof(tenv) : 180.0;
  int rc = cli_run(argv, log, timeout, 0, NULL, NULL);
  if (rc == -2)
    cli_error(NULL, "convert.timeout", "đặt VANBAN_PDF_TIMEOUT (số giây) lớn hơn",
              "LibreOffice chưa chuyển xong mẫu sau %.0f giây", timeout);
  else if (rc == -1)
    cli_error(NULL, "convert.soffice",
              "kiểm tra LibreOffice, hoặc đặt VANBAN_SOFFICE là đường dẫn tới soffice",
              "không chạy được %s: %s", soffice, strerror(errno));
  else if (rc != 0)
    show_log(log);
  return rc;
}

int cli_template_in_format(const char *tpl_path, const char *ext, int quiet, char *out,
                           size_t outlen) {
  const char *from = cli_ext(tpl_path);
  unsigned char *data;
  size_t len;
  if (read_all(tpl_path, &data, &len) != 0) {
    cli_error(tpl_path, "file.read", "kiểm tra tên tệp và quyền đọc", "không đọc được mẫu: %s",
              strerror(errno));
    return VB_EIO;
  }
  uint8_t digest[SHA256_DIGEST_SIZE];
  struct sha256_ctx sha;
  sha256_init(&sha);
  sha256_update(&sha, len, data);
  sha256_digest(&sha, sizeof digest, digest);
  char hex[2 * SHA256_DIGEST_SIZE + 1];
  for (size_t i = 0; i < sizeof digest; i++)
    snprintf(hex + 2 * i, 3, "%02x", digest[i]);

  char dir[4096], name[128];
  if (cli_cache_dir(dir, sizeof dir) != 0) {
    free(data);
    cli_error(tpl_path, "convert.cache",
              "đặt HOME (hoặc XDG_CACHE_HOME), hoặc dùng mẫu cùng định dạng với tệp ra",
              "mẫu là %s còn tệp ra là %s: bản chuyển đổi của mẫu được giữ trong "
              "$XDG_CACHE_HOME/vanban hoặc $HOME/.cache/vanban, mà cả hai đều chưa đặt",
              format_name(from), format_name(ext));
    return VB_EIO;
  }
  snprintf(name, sizeof name, "%s.%s", hex, ext);
  int n = snprintf(out, outlen, "%s/%s", dir, name);
  struct stat st;
  if (n > 0 && (size_t)n < outlen && stat(out, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    free(data);
    return 0;
  }

  char soffice[4096];
  if (cli_pdf_find_soffice(soffice, sizeof soffice) != 0) {
    free(data);
    cli_error(tpl_path, "convert.soffice",
              "cài bằng: apt-get install libreoffice-writer-nogui (hoặc đặt VANBAN_SOFFICE là "
              "đường dẫn tới chương trình soffice), hoặc dùng mẫu cùng định dạng với tệp ra",
              "mẫu là %s còn tệp ra là %s: chuyển đổi mẫu cần LibreOffice (soffice), mà không "
              "tìm thấy nó trên PATH; chưa ghi gì",
              format_name(from), format_name(ext));
    return VB_EIO;
  }
  const char *tmpdir = getenv("TMPDIR");
  char tmp[4096], in[4300], outdir[4200], made[4400];
  snprintf(tmp, sizeof tmp, "%s/vanban-convert.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
  if (!mkdtemp(tmp)) {
    free(data);
    cli_error(NULL, "file.write", "kiểm tra quyền ghi, hoặc đặt TMPDIR là thư mục khác",
              "không tạo được thư mục tạm trong %s: %s", tmpdir && *tmpdir ? tmpdir : "/tmp",
              strerror(errno));
    return VB_EIO;
  }
  /* LibreOffice names its output after its input: the input gets the hash
   * as its name, whatever the template's own name holds. */
  snprintf(in, sizeof in, "%s/%s.%s", tmp, hex, from);
  snprintf(outdir, sizeof outdir, "%s/out", tmp);
  snprintf(made, sizeof made, "%s/%s", outdir, name);
  int status = 0;
  if (write_all(in, data, len) != 0) {
    cli_error(in, "file.write", "kiểm tra chỗ trống của thư mục tạm (TMPDIR)", "không ghi được: %s",
              strerror(errno));
    status = VB_EIO;
  } else if (soffice_convert(soffice, tmp, in, from, ext, outdir) != 0 || stat(made, &st) != 0 ||
             st.st_size == 0) {
    char hint[160];
    snprintf(hint, sizeof hint,
             "mở mẫu bằng LibreOffice và tự lưu thành %s, hoặc dùng mẫu cùng định dạng với "
             "tệp ra",
             format_name(ext));
    cli_error(tpl_path, "convert.failed", hint, "LibreOffice không chuyển được mẫu sang %s",
              format_name(ext));
    status = VB_EIO;
  } else if (make_dirs(dir) != 0 || publish(made, dir, name) != 0) {
    cli_error(dir, "convert.cache", "kiểm tra quyền ghi, hoặc đặt XDG_CACHE_HOME là thư mục khác",
              "không giữ được mẫu đã chuyển đổi ở đây: %s", strerror(errno));
    status = VB_EIO;
  } else if (!quiet) {
    fprintf(stderr, "vanban: %s đã được LibreOffice chuyển sang %s, giữ ở %s\n", tpl_path,
            format_name(ext), out);
  }
  free(data);
  cli_remove_tree(tmp);
  return status;
}
