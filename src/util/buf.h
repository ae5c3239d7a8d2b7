/* A growable byte buffer: the one string builder used everywhere. Running out
 * of memory aborts (as cmark does), so callers never check appends. */
#ifndef VB_UTIL_BUF_H
#define VB_UTIL_BUF_H
#include <stdarg.h>
#include <stddef.h>

typedef struct vb_buf {
  char *data; /* always NUL-terminated when non-NULL */
  size_t len;
  size_t cap;
} vb_buf;

#define VB_BUF_INIT                                                                                \
  { NULL, 0, 0 }

void vb_buf_grow(vb_buf *b, size_t extra);
void vb_buf_put(vb_buf *b, const void *p, size_t n);
void vb_buf_puts(vb_buf *b, const char *s);
void vb_buf_putc(vb_buf *b, char c);
void vb_buf_printf(vb_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void vb_buf_vprintf(vb_buf *b, const char *fmt, va_list ap);
/* Append s escaped for XML character data or attribute values (& < > " '). */
void vb_buf_put_xml_escaped(vb_buf *b, const char *s, size_t n);
void vb_buf_clear(vb_buf *b);
/* Hand the bytes to the caller (who frees them); the buffer is left empty. */
char *vb_buf_detach(vb_buf *b, size_t *len);
void vb_buf_free(vb_buf *b);
/* Return a valid C string (empty string when nothing was written). */
const char *vb_buf_cstr(vb_buf *b);

/* Allocation helpers that abort on failure. */
void *vb_xmalloc(size_t n);
void *vb_xcalloc(size_t n, size_t size);
void *vb_xrealloc(void *p, size_t n);
char *vb_xstrdup(const char *s);
char *vb_xstrndup(const char *s, size_t n);
char *vb_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
