#include "util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Out of memory is not recoverable for a document generator; say so and stop. */
static void vb_oom(void) {
  fputs("vanban: out of memory\n", stderr);
  abort();
}

void *vb_xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) vb_oom();
  return p;
}

void *vb_xcalloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size ? size : 1);
  if (!p) vb_oom();
  return p;
}

void *vb_xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) vb_oom();
  return q;
}

char *vb_xstrdup(const char *s) { return vb_xstrndup(s, strlen(s)); }

char *vb_xstrndup(const char *s, size_t n) {
  char *p = vb_xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *vb_xasprintf(const char *fmt, ...) {
  vb_buf b = VB_BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  vb_buf_vprintf(&b, fmt, ap);
  va_end(ap);
  return vb_buf_detach(&b, NULL);
}

void vb_buf_grow(vb_buf *b, size_t extra) {
  size_t need = b->len + extra + 1;
  if (need <= b->cap) return;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < need)
    cap *= 2;
  b->data = vb_xrealloc(b->data, cap);
  b->cap = cap;
}

void vb_buf_put(vb_buf *b, const void *p, size_t n) {
  vb_buf_grow(b, n);
  if (n) memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void vb_buf_puts(vb_buf *b, const char *s) { vb_buf_put(b, s, strlen(s)); }

void vb_buf_putc(vb_buf *b, char c) {
  vb_buf_grow(b, 1);
  b->data[b->len++] = c;
  b->data[b->len] = '\0';
}

void vb_buf_vprintf(vb_buf *b, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n < 0) return;
  vb_buf_grow(b, (size_t)n);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  b->len += (size_t)n;
}

void vb_buf_printf(vb_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vb_buf_vprintf(b, fmt, ap);
  va_end(ap);
}

/* Bytes that need an entity; everything else is copied in runs. */
static const unsigned char XML_SPECIAL[256] = {
    ['&'] = 1, ['<'] = 2, ['>'] = 3, ['"'] = 4, ['\''] = 5};

void vb_buf_put_xml_escaped(vb_buf *b, const char *s, size_t n) {
  static const char *const rep[] = {NULL, "&amp;", "&lt;", "&gt;", "&quot;", "&apos;"};
  static const unsigned char rep_len[] = {0, 5, 4, 4, 6, 6};
  const unsigned char *u = (const unsigned char *)s;
  /* Worst case is 6 bytes per input byte; reserve for the common case. */
  vb_buf_grow(b, n);
  size_t start = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned k = XML_SPECIAL[u[i]];
    if (!k) continue;
    vb_buf_grow(b, i - start + rep_len[k]);
    memcpy(b->data + b->len, s + start, i - start);
    b->len += i - start;
    memcpy(b->data + b->len, rep[k], rep_len[k]);
    b->len += rep_len[k];
    start = i + 1;
  }
  vb_buf_put(b, s + start, n - start);
}

void vb_buf_clear(vb_buf *b) {
  b->len = 0;
  if (b->data) b->data[0] = '\0';
}

char *vb_buf_detach(vb_buf *b, size_t *len) {
  if (!b->data) vb_buf_grow(b, 0), b->data[0] = '\0';
  char *p = b->data;
  if (len) *len = b->len;
  b->data = NULL;
  b->len = b->cap = 0;
  return p;
}

void vb_buf_free(vb_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

const char *vb_buf_cstr(vb_buf *b) { return b->data ? b->data : ""; }
