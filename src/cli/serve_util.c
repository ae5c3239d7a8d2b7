/* `vanban serve`: growable buffers, JSON text for answers, and the private
 * temporary directories a request's files live in while it is answered. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/serve.h"

static void sb_grow(serve_buf *b, size_t n) {
  if (b->len + n + 1 <= b->cap) return;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < b->len + n + 1)
    cap *= 2;
  char *p = realloc(b->data, cap);
  if (!p) abort();
  b->data = p;
  b->cap = cap;
}

void sb_put(serve_buf *b, const void *p, size_t n) {
  sb_grow(b, n);
  if (n) memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void sb_puts(serve_buf *b, const char *s) { sb_put(b, s, strlen(s)); }

void sb_printf(serve_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  sb_grow(b, (size_t)n);
  va_start(ap, fmt);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

void sb_json_str(serve_buf *b, const char *s) {
  if (!s) {
    sb_puts(b, "null");
    return;
  }
  sb_put(b, "\"", 1);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\')
      sb_printf(b, "\\%c", *p);
    else if (*p == '\n')
      sb_puts(b, "\\n");
    else if (*p < 0x20)
      sb_printf(b, "\\u%04x", *p);
    else if (*p == '<') /* never "</script>" or a tag in an answer */
      sb_puts(b, "\\u003c");
    else
      sb_put(b, p, 1);
  }
  sb_put(b, "\"", 1);
}

void sb_base64(serve_buf *b, const void *data, size_t n) {
  static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const unsigned char *p = data;
  sb_grow(b, (n + 2) / 3 * 4);
  for (size_t i = 0; i < n; i += 3) {
    unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) |
                 (i + 2 < n ? p[i + 2] : 0);
    char q[4] = {abc[v >> 18 & 63], abc[v >> 12 & 63], i + 1 < n ? abc[v >> 6 & 63] : '=',
                 i + 2 < n ? abc[v & 63] : '='};
    sb_put(b, q, 4);
  }
}

void sb_free(serve_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

void sb_json_diags(serve_buf *b, const vb_diags *d) {
  sb_puts(b, "[");
  for (size_t i = 0; d && i < vb_diags_count(d); i++) {
    const vb_diag *g = vb_diags_get(d, i);
    sb_puts(b, i ? ",{\"level\":" : "{\"level\":");
    sb_json_str(b, g->severity == VB_SEV_ERROR ? "error" : "warning");
    sb_puts(b, ",\"where\":");
    sb_json_str(b, g->where);
    /* The JSON path a page can put the message next to: where starts with it. */
    sb_puts(b, ",\"json_path\":");
    if (g->where && g->where[0] == '$') {
      size_t n = strcspn(g->where, " ");
      char *jp = strndup(g->where, n);
      sb_json_str(b, jp);
      free(jp);
    } else {
      sb_puts(b, "null");
    }
    sb_puts(b, ",\"message\":");
    sb_json_str(b, g->message);
    sb_puts(b, ",\"hint\":");
    sb_json_str(b, g->hint);
    sb_puts(b, ",\"rule\":");
    sb_json_str(b, g->rule);
    sb_puts(b, ",\"text\":");
    sb_json_str(b, vb_diag_text(g));
    sb_puts(b, "}");
  }
  sb_puts(b, "]");
}

int serve_tmpdir_new(char *out, size_t outlen) {
  const char *tmp = getenv("TMPDIR");
  if (!tmp || !*tmp) tmp = "/tmp";
  if ((size_t)snprintf(out, outlen, "%s/vanban-serve-XXXXXX", tmp) >= outlen) return -1;
  return mkdtemp(out) ? 0 : -1; /* mkdtemp makes it 0700 */
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  (void)st, (void)flag, (void)ftw;
  remove(path);
  return 0;
}

void serve_tmpdir_remove(const char *path) {
  if (path && *path) nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

int serve_tmp_write(const char *dir, const char *name, const void *p, size_t n, char *path,
                    size_t pathlen) {
  if ((size_t)snprintf(path, pathlen, "%s/%s", dir, name) >= pathlen) return -1;
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
  if (fd < 0) return -1;
  const char *c = p;
  while (n) {
    ssize_t w = write(fd, c, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      close(fd);
      return -1;
    }
    c += w;
    n -= (size_t)w;
  }
  return close(fd);
}

int serve_read_file(const char *path, size_t max, serve_buf *out) {
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
    if (out->len + n > max) {
      fclose(f);
      return -1;
    }
    sb_put(out, chunk, n);
  }
  int err = ferror(f);
  fclose(f);
  return err ? -1 : 0;
}
