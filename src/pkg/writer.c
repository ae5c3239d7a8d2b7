/* Deterministic zip output, written here directly into one growing buffer:
 * local header, data, and the central directory at the end. No extra fields
 * (non-ASCII names are marked UTF-8 through general-purpose bit 11), no data
 * descriptors, no comment, DOS epoch times, fixed version-made-by and
 * attributes; the unit tests check the resulting bytes for all of that.
 *
 * Generated parts are deflated straight into the output buffer (zlib, or
 * libdeflate when built with VB_HAVE_LIBDEFLATE: the same format, about twice
 * as fast at the same level); raw copies are read from the source archive
 * with libzip as their compressed bytes, never inflated. Nothing is buffered
 * twice: the finished zip is the buffer itself. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include <zlib.h>
#ifdef VB_HAVE_LIBDEFLATE
#include <libdeflate.h>
#endif

#include "pkg/pkg.h"
#include "pkg/pkg_internal.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fileio.h"

/* 1980-01-01 00:00:00, the DOS epoch: the earliest time a zip can hold. */
#define DOS_TIME 0x0000
#define DOS_DATE ((0 << 9) | (1 << 5) | 1)
#define MADE_BY ((3u << 8) | 63u) /* Unix, spec 6.3 (as libzip wrote it) */

typedef struct wentry {
  char *name;
  char *data; /* owned; NULL for a raw copy */
  size_t len;
  int store;
  vb_pkg *src; /* raw copy from here */
  size_t src_index;
} wentry;

struct vb_pkg_writer {
  int level;
  wentry *e;
  size_t n, cap;
  int finished;
};

vb_pkg_writer *vb_pkg_writer_new(int deflate_level) {
  vb_pkg_writer *w = vb_xcalloc(1, sizeof(*w));
  w->level = deflate_level >= 1 && deflate_level <= 9 ? deflate_level : 6;
  return w;
}

static wentry *push(vb_pkg_writer *w, const char *name) {
  if (w->n == w->cap) {
    w->cap = w->cap ? w->cap * 2 : 32;
    w->e = vb_xrealloc(w->e, w->cap * sizeof(*w->e));
  }
  wentry *e = &w->e[w->n++];
  memset(e, 0, sizeof(*e));
  e->name = vb_xstrdup(name);
  return e;
}

void vb_pkg_writer_add_owned(vb_pkg_writer *w, const char *name, void *data, size_t len,
                             int store) {
  wentry *e = push(w, name);
  e->data = data ? data : vb_xmalloc(1);
  e->len = len;
  e->store = store;
}

void vb_pkg_writer_add(vb_pkg_writer *w, const char *name, const void *data, size_t len,
                       int store) {
  char *copy = vb_xmalloc(len ? len : 1);
  if (len) memcpy(copy, data, len);
  vb_pkg_writer_add_owned(w, name, copy, len, store);
}

void vb_pkg_writer_copy_raw(vb_pkg_writer *w, vb_pkg *src, size_t index) {
  const char *name = vb_pkg_name(src, index);
  wentry *e = push(w, name ? name : "");
  e->src = src;
  e->src_index = index;
}

void vb_pkg_writer_free(vb_pkg_writer *w) {
  if (!w) return;
  for (size_t i = 0; i < w->n; i++) {
    free(w->e[i].name);
    free(w->e[i].data);
  }
  free(w->e);
  free(w);
}

/* The bytes of an archive with no entries: just the end record. */
static const unsigned char EMPTY_ZIP[22] = {0x50, 0x4b, 0x05, 0x06};

static int internal_error(vb_diags *d, const char *name, const char *what) {
  vb_error(d, VB_EINTERNAL, NULL, name, "this is a bug in vanban: please report it",
           "cannot write the package: %s", what);
  return -1;
}

/* ODF: "mimetype" must be first and stored. A raw copy of a deflated one (a
 * sloppy template) is inflated here so that the rule holds whatever the caller
 * copied. */
static int fix_mimetype(vb_pkg_writer *w, vb_diags *d) {
  size_t at = w->n;
  for (size_t i = 0; i < w->n; i++)
    if (strcmp(w->e[i].name, "mimetype") == 0) at = i;
  if (at == w->n) return 0;
  wentry *e = &w->e[at];
  if (e->src && vb_pkg__method(e->src, e->src_index) != ZIP_CM_STORE) {
    char *data;
    size_t len;
    if (vb_pkg_read(e->src, e->src_index, &data, &len, d) != 0) return -1;
    e->data = data;
    e->len = len;
    e->src = NULL;
  }
  if (!e->src) e->store = 1;
  wentry m = *e;
  memmove(&w->e[1], &w->e[0], at * sizeof(*w->e));
  w->e[0] = m;
  return 0;
}

static void put16(unsigned char *p, unsigned v) {
  p[0] = (unsigned char)(v & 0xff);
  p[1] = (unsigned char)((v >> 8) & 0xff);
}

static void put32(unsigned char *p, uint32_t v) {
  put16(p, v & 0xffff);
  put16(p + 2, v >> 16);
}

static unsigned char *reserve(vb_buf *b, size_t n) {
  vb_buf_grow(b, n);
  unsigned char *p = (unsigned char *)b->data + b->len;
  b->len += n;
  return p;
}

/* What the central directory needs to know about one written entry. */
typedef struct written {
  uint32_t crc, csize, usize, offset;
  unsigned method, flags, version;
} written;

static unsigned gp_flags(const char *name, unsigned method, int level) {
  unsigned f = 0;
  for (const unsigned char *s = (const unsigned char *)name; *s; s++)
    if (*s >= 0x80) {
      f |= 1u << 11; /* UTF-8 name */
      break;
    }
  if (method == ZIP_CM_DEFLATE && level >= 0) {
    if (level >= 8) f |= 2; /* maximum */
    else if (level == 2) f |= 4; /* fast */
    else if (level == 1) f |= 6; /* super fast */
  }
  return f;
}

#ifndef VB_HAVE_LIBDEFLATE
/* Deflate src into out (appended). Returns 0, or -1 when zlib fails. */
static int deflate_into(vb_pkg_writer *w, z_stream *zs, int *zs_ready, vb_buf *out,
                        const char *src, size_t len) {
  if (!*zs_ready) {
    memset(zs, 0, sizeof(*zs));
    if (deflateInit2(zs, w->level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) return -1;
    *zs_ready = 1;
  } else if (deflateReset(zs) != Z_OK) {
    return -1;
  }
  zs->next_in = (Bytef *)src;
  size_t left = len;
  /* XML deflates to well under a quarter; grow by doubling when it does not. */
  vb_buf_grow(out, len / 4 + 1024);
  for (;;) {
    uInt in_now = left > (1u << 30) ? (1u << 30) : (uInt)left;
    zs->avail_in = in_now;
    size_t room = out->cap - out->len - 1;
    if (room == 0) {
      vb_buf_grow(out, out->cap);
      room = out->cap - out->len - 1;
    }
    uInt out_now = room > (1u << 30) ? (1u << 30) : (uInt)room;
    zs->next_out = (Bytef *)out->data + out->len;
    zs->avail_out = out_now;
    int rc = deflate(zs, in_now == left ? Z_FINISH : Z_NO_FLUSH);
    out->len += out_now - zs->avail_out;
    left -= in_now - zs->avail_in;
    if (rc == Z_STREAM_END) return 0;
    if (rc != Z_OK && rc != Z_BUF_ERROR) return -1;
  }
}
#else
static int deflate_into(vb_pkg_writer *w, struct libdeflate_compressor **c, int *unused,
                        vb_buf *out, const char *src, size_t len) {
  (void)unused;
  if (!*c) *c = libdeflate_alloc_compressor(w->level);
  if (!*c) return -1;
  size_t bound = libdeflate_deflate_compress_bound(*c, len);
  vb_buf_grow(out, bound); /* untouched pages of the bound are never resident */
  size_t n = libdeflate_deflate_compress(*c, src, len, out->data + out->len, bound);
  if (n == 0) return -1;
  out->len += n;
  return 0;
}
#endif

static uint32_t crc_of(const char *p, size_t len) {
#ifdef VB_HAVE_LIBDEFLATE
  return libdeflate_crc32(0, p, len);
#else
  uLong crc = crc32(0L, Z_NULL, 0);
  while (len > 0) {
    uInt n = len > (1u << 30) ? (1u << 30) : (uInt)len;
    crc = crc32(crc, (const Bytef *)p, n);
    p += n;
    len -= n;
  }
  return (uint32_t)crc;
#endif
}

static int finish_into(vb_pkg_writer *w, vb_buf *out, vb_diags *d) {
  written *wr = vb_xcalloc(w->n, sizeof(written));
  int rc = 0;
#ifdef VB_HAVE_LIBDEFLATE
  struct libdeflate_compressor *zs = NULL;
#else
  z_stream zs;
#endif
  int zs_ready = 0;
  /* Names first: every problem is reported before any byte is written. */
  for (size_t i = 0; i < w->n && rc == 0; i++) {
    const wentry *e = &w->e[i];
    const char *problem = vb_pkg_name_problem(e->name, strlen(e->name));
    if (problem) {
      vb_buf b = VB_BUF_INIT;
      vb_pkg_put_name(&b, e->name, strlen(e->name));
      vb_error(d, VB_EINTERNAL, NULL, NULL, "this is a bug in vanban: please report it",
               "cannot write the package: entry %s %s", vb_buf_cstr(&b), problem);
      vb_buf_free(&b);
      rc = -1;
    }
    for (size_t k = 0; k < i && rc == 0; k++)
      if (strcmp(w->e[k].name, e->name) == 0) {
        vb_error(d, VB_EINTERNAL, NULL, NULL, "this is a bug in vanban: please report it",
                 "cannot write the package: entry \"%s\" was added twice", e->name);
        rc = -1;
      }
  }
  for (size_t i = 0; i < w->n && rc == 0; i++) {
    const wentry *e = &w->e[i];
    size_t nlen = strlen(e->name);
    int is_dir = nlen > 0 && e->name[nlen - 1] == '/';
    written *x = &wr[i];
    if (out->len > 0xfffffffful - 30 - nlen) {
      rc = internal_error(d, e->name, "the package is larger than 4 GiB (no zip64)");
      break;
    }
    x->offset = (uint32_t)out->len;
    unsigned char *lh = reserve(out, 30 + nlen);
    memcpy(lh + 30, e->name, nlen);
    size_t data_at = out->len;
    uint64_t usize;
    if (e->src) {
      zip_t *za = vb_pkg__zip(e->src);
      zip_stat_t st;
      zip_stat_init(&st);
      if (zip_stat_index(za, e->src_index, 0, &st) != 0 ||
          (st.valid & (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_CRC)) !=
              (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_CRC)) {
        rc = internal_error(d, e->name, "cannot read the source entry");
        break;
      }
      zip_file_t *zf = zip_fopen_index(za, e->src_index, ZIP_FL_COMPRESSED);
      if (!zf) {
        rc = internal_error(d, e->name, "cannot open the source entry");
        break;
      }
      vb_buf_grow(out, (size_t)st.comp_size);
      zip_int64_t r = st.comp_size ? zip_fread(zf, out->data + out->len, st.comp_size) : 0;
      zip_fclose(zf);
      if (r < 0 || (zip_uint64_t)r != st.comp_size) {
        rc = internal_error(d, e->name, "short read from the source entry");
        break;
      }
      out->len += (size_t)r;
      x->method = (unsigned)vb_pkg__method(e->src, e->src_index);
      x->crc = st.crc;
      usize = st.size;
    } else {
      usize = e->len;
      x->crc = crc_of(e->data, e->len);
      if (e->store || is_dir || e->len == 0) {
        x->method = ZIP_CM_STORE;
        if (e->len) memcpy(reserve(out, e->len), e->data, e->len);
      } else {
        x->method = ZIP_CM_DEFLATE;
        if (deflate_into(w, &zs, &zs_ready, out, e->data, e->len) != 0) {
          rc = internal_error(d, e->name, "deflate failed");
          break;
        }
      }
    }
    size_t csize = out->len - data_at;
    if (usize > 0xfffffffful || csize > 0xfffffffful) {
      rc = internal_error(d, e->name, "an entry is larger than 4 GiB (no zip64)");
      break;
    }
    x->csize = (uint32_t)csize;
    x->usize = (uint32_t)usize;
    x->flags = gp_flags(e->name, x->method, e->src ? -1 : w->level);
    x->version = x->method == ZIP_CM_DEFLATE || is_dir ? 20 : 10;
    lh = (unsigned char *)out->data + x->offset; /* the buffer may have moved */
    put32(lh, 0x04034b50);
    put16(lh + 4, x->version);
    put16(lh + 6, x->flags);
    put16(lh + 8, x->method);
    put16(lh + 10, DOS_TIME);
    put16(lh + 12, DOS_DATE);
    put32(lh + 14, x->crc);
    put32(lh + 18, x->csize);
    put32(lh + 22, x->usize);
    put16(lh + 26, (unsigned)nlen);
    put16(lh + 28, 0);
  }
#ifdef VB_HAVE_LIBDEFLATE
  if (zs) libdeflate_free_compressor(zs);
#else
  if (zs_ready) deflateEnd(&zs);
#endif
  if (rc == 0) {
    size_t cd_at = out->len;
    for (size_t i = 0; i < w->n; i++) {
      const wentry *e = &w->e[i];
      const written *x = &wr[i];
      size_t nlen = strlen(e->name);
      int is_dir = nlen > 0 && e->name[nlen - 1] == '/';
      unsigned char *c = reserve(out, 46 + nlen);
      put32(c, 0x02014b50);
      put16(c + 4, MADE_BY);
      put16(c + 6, x->version);
      put16(c + 8, x->flags);
      put16(c + 10, x->method);
      put16(c + 12, DOS_TIME);
      put16(c + 14, DOS_DATE);
      put32(c + 16, x->crc);
      put32(c + 20, x->csize);
      put32(c + 24, x->usize);
      put16(c + 28, (unsigned)nlen);
      put16(c + 30, 0); /* extra */
      put16(c + 32, 0); /* comment */
      put16(c + 34, 0); /* disk */
      put16(c + 36, 0); /* internal attributes */
      put32(c + 38, (uint32_t)(is_dir ? 040755u : 0100644u) << 16);
      put32(c + 42, x->offset);
      memcpy(c + 46, e->name, nlen);
    }
    size_t cd_len = out->len - cd_at;
    if (w->n > 0xffff || out->len > 0xfffffffful) {
      rc = internal_error(d, NULL, "too many entries or too large (no zip64)");
    } else {
      unsigned char *end = reserve(out, 22);
      memset(end, 0, 22);
      put32(end, 0x06054b50);
      put16(end + 8, (unsigned)w->n);
      put16(end + 10, (unsigned)w->n);
      put32(end + 12, (uint32_t)cd_len);
      put32(end + 16, (uint32_t)cd_at);
    }
  }
  free(wr);
  return rc;
}

int vb_pkg_writer_finish_memory(vb_pkg_writer *w, void **out, size_t *out_len, vb_diags *d) {
  *out = NULL;
  *out_len = 0;
  if (w->finished) {
    vb_error(d, VB_EINTERNAL, NULL, NULL, "this is a bug in vanban: please report it",
             "vb_pkg_writer finished twice");
    return -1;
  }
  w->finished = 1;
  if (fix_mimetype(w, d) != 0) return -1;
  if (w->n == 0) {
    *out = vb_xmalloc(sizeof(EMPTY_ZIP));
    memcpy(*out, EMPTY_ZIP, sizeof(EMPTY_ZIP));
    *out_len = sizeof(EMPTY_ZIP);
    return 0;
  }
  vb_buf b = VB_BUF_INIT;
  if (finish_into(w, &b, d) != 0) {
    vb_buf_free(&b);
    return -1;
  }
  *out = vb_buf_detach(&b, out_len);
  return 0;
}

int vb_pkg_writer_finish_file(vb_pkg_writer *w, const char *path, vb_diags *d) {
  void *data;
  size_t len;
  if (vb_pkg_writer_finish_memory(w, &data, &len, d) != 0) return -1;
  int rc = vb_write_file_atomic(path, data, len, d);
  free(data);
  return rc;
}
