/* Deterministic zip output through libzip, into a memory buffer source.
 * libzip writes no extra fields for entries it creates (names are marked UTF-8
 * through the general-purpose flag, not the 0x7075 field), takes times and
 * attributes from what is set here, and never adds a comment; the unit tests
 * check the resulting bytes for all of that. */
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "pkg/deflate.h"
#include "pkg/pkg.h"
#include "pkg/pkg_internal.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fileio.h"

/* 1980-01-01 00:00:00, the DOS epoch: the earliest time a zip can hold. */
#define DOS_TIME 0x0000
#define DOS_DATE ((0 << 9) | (1 << 5) | 1)

typedef struct wentry {
  char *name;
  char *data; /* owned; NULL for a raw copy */
  size_t len;
  int store;
  vb_pkg *src; /* raw copy from here */
  size_t src_index;
  /* Compressed here, handed to libzip as is (see deflate.h). */
  int packed;
  vb_deflated z;
  /* What a packed entry or a raw copy hands to libzip: its stored bytes (z's,
   * or the source package's, which are shared and only read) and their
   * headers' facts. */
  vb_pkg_raw stored;
  size_t read_pos;
  zip_error_t zerr;
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

/* A directory entry: its name ends with a slash. */
static int is_dir_name(const char *name) {
  size_t n = strlen(name);
  return n > 0 && name[n - 1] == '/';
}

static wentry *push(vb_pkg_writer *w, const char *name) {
  if (w->n == w->cap) {
    w->cap = w->cap ? w->cap * 2 : 32;
    w->e = vb_xrealloc(w->e, w->cap * sizeof(*w->e));
  }
  wentry *e = &w->e[w->n++];
  memset(e, 0, sizeof(*e));
  zip_error_init(&e->zerr);
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

void vb_pkg_writer_add_deflated(vb_pkg_writer *w, const char *name, vb_deflated *z) {
  wentry *e = push(w, name);
  e->packed = 1;
  e->z = *z;
  memset(z, 0, sizeof(*z));
}

void vb_pkg_writer_copy_raw(vb_pkg_writer *w, vb_pkg *src, size_t index) {
  const char *name = vb_pkg_name(src, index);
  wentry *e = push(w, name ? name : "");
  e->src = src;
  e->src_index = index;
}

size_t vb_pkg_writer_count(const vb_pkg_writer *w) { return w->n; }

void vb_pkg_writer_replace_owned(vb_pkg_writer *w, size_t index, void *data, size_t len,
                                 int store) {
  wentry *e = &w->e[index];
  free(e->data);
  free(e->z.data);
  memset(&e->z, 0, sizeof e->z);
  e->packed = 0;
  e->src = NULL;
  e->data = data ? data : vb_xmalloc(1);
  e->len = len;
  e->store = store;
}

void vb_pkg_writer_free(vb_pkg_writer *w) {
  if (!w) return;
  for (size_t i = 0; i < w->n; i++) {
    free(w->e[i].name);
    free(w->e[i].data);
    free(w->e[i].z.data);
  }
  free(w->e);
  free(w);
}

/* The bytes of an archive with no entries: just the end record. libzip
 * deletes the output instead of writing this. */
static const unsigned char EMPTY_ZIP[22] = {0x50, 0x4b, 0x05, 0x06};

/* Nothing in the input can make the writer fail (names and parts were checked
 * when read): these are vanban's bugs, worded for the user who reports them;
 * libzip's own reason stays as libzip gives it. */
static const char *const HINT_BUG = "đây là lỗi của vanban: xin báo lại";

static int internal_error(vb_diags *d, const char *what, const char *name, zip_t *za) {
  vb_error_rule(d, VB_EINTERNAL, "pkg.write", NULL, name ? name : NULL, HINT_BUG,
                "không ghi được gói: %s: %s", what, za ? zip_strerror(za) : "lỗi không rõ");
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

/* A libzip source giving stored bytes and saying how they are stored:
 * libzip then writes them as they are, with the size and CRC stated here.
 * Each entry reads with its own position, so many writers can copy the same
 * template's bytes at once (libzip's own zip_source_zip would read through
 * the template's archive, which is not safe to share between threads). */
static zip_int64_t stored_source(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd) {
  wentry *e = ud;
  switch (cmd) {
  case ZIP_SOURCE_OPEN: e->read_pos = 0; return 0;
  case ZIP_SOURCE_READ: {
    size_t n = e->stored.len - e->read_pos;
    if (n > len) n = (size_t)len;
    if (n) memcpy(data, e->stored.data + e->read_pos, n);
    e->read_pos += n;
    return (zip_int64_t)n;
  }
  case ZIP_SOURCE_CLOSE: return 0;
  case ZIP_SOURCE_STAT: {
    zip_stat_t *st = data;
    zip_stat_init(st);
    st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC;
    st->size = e->stored.size;
    st->comp_size = e->stored.len;
    st->comp_method = (zip_uint16_t)e->stored.method;
    st->crc = e->stored.crc;
    return sizeof(*st);
  }
  case ZIP_SOURCE_GET_FILE_ATTRIBUTES:
    if (len < sizeof(zip_file_attributes_t)) {
      zip_error_set(&e->zerr, ZIP_ER_INVAL, 0);
      return -1;
    }
    memcpy(data, &e->stored.attributes, sizeof(zip_file_attributes_t));
    return sizeof(zip_file_attributes_t);
  case ZIP_SOURCE_ERROR: return zip_error_to_data(&e->zerr, data, len);
  case ZIP_SOURCE_FREE: return 0;
  case ZIP_SOURCE_SUPPORTS:
    /* A raw copy keeps its attributes, as libzip's own copy does. */
    if (e->src)
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                            ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
                                            ZIP_SOURCE_GET_FILE_ATTRIBUTES, -1);
    return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                          ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
  default: zip_error_set(&e->zerr, ZIP_ER_OPNOTSUPP, 0); return -1;
  }
}

static int add_entry(zip_t *za, wentry *e, int level, vb_diags *d) {
  const char *problem = vb_pkg_name_problem(e->name, strlen(e->name));
  if (problem) {
    vb_buf b = VB_BUF_INIT;
    vb_pkg_put_name(&b, e->name, strlen(e->name));
    vb_error_rule(d, VB_EINTERNAL, "pkg.write", NULL, NULL, HINT_BUG,
                  "không ghi được gói: mục %s %s", vb_buf_cstr(&b), problem);
    vb_buf_free(&b);
    return -1;
  }
  zip_source_t *zs;
  if (e->src) {
    const vb_pkg_raw *raw = vb_pkg__raw(e->src, e->src_index, d);
    if (!raw) return -1;
    e->stored = *raw;
    zs = zip_source_function(za, stored_source, e);
  } else if (e->packed) {
    e->stored = (vb_pkg_raw){e->z.data, e->z.len, e->z.size, e->z.crc, ZIP_CM_DEFLATE, {0}};
    zs = zip_source_function(za, stored_source, e);
  } else
    zs = zip_source_buffer(za, e->data, e->len, 0);
  if (!zs) return internal_error(d, "không tạo được nguồn dữ liệu", e->name, za);
  zip_int64_t idx = zip_file_add(za, e->name, zs, ZIP_FL_ENC_UTF_8);
  if (idx < 0) {
    zip_source_free(zs);
    if (zip_error_code_zip(zip_get_error(za)) == ZIP_ER_EXISTS) {
      vb_error_rule(d, VB_EINTERNAL, "pkg.write", NULL, NULL, HINT_BUG,
                    "không ghi được gói: mục \"%s\" được thêm hai lần", e->name);
      return -1;
    }
    return internal_error(d, "không thêm được mục", e->name, za);
  }
  /* For a raw copy the method must be named, or libzip would deflate a stored
   * entry; naming the source's own method means "copy as is". */
  int is_dir = is_dir_name(e->name);
  zip_int32_t method = ZIP_CM_DEFLATE;
  if (e->src)
    method = vb_pkg__method(e->src, e->src_index);
  else if (e->store || is_dir)
    method = ZIP_CM_STORE;
  zip_uint32_t attr = (is_dir ? 040755u : 0100644u) << 16;
  zip_uint32_t lvl = method == ZIP_CM_DEFLATE && !e->src && !e->packed ? (zip_uint32_t)level : 0;
  if (zip_set_file_compression(za, (zip_uint64_t)idx, method, lvl) != 0 ||
      zip_file_set_dostime(za, (zip_uint64_t)idx, DOS_TIME, DOS_DATE, 0) != 0 ||
      zip_file_set_external_attributes(za, (zip_uint64_t)idx, 0, ZIP_OPSYS_UNIX, attr) != 0)
    return internal_error(d, "không đặt được thuộc tính của mục", e->name, za);
  return 0;
}

int vb_pkg_writer_finish_memory(vb_pkg_writer *w, void **out, size_t *out_len, vb_diags *d) {
  *out = NULL;
  *out_len = 0;
  if (w->finished) {
    vb_error_rule(d, VB_EINTERNAL, "pkg.write", NULL, NULL, HINT_BUG,
                  "vb_pkg_writer được kết thúc hai lần");
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
  /* Every entry to deflate is compressed here, not by libzip (deflate.h). */
  for (size_t i = 0; i < w->n; i++) {
    wentry *e = &w->e[i];
    if (e->src || e->packed || e->store || is_dir_name(e->name)) continue;
    if (vb_deflate_buffer(e->data, e->len, w->level, &e->z) != 0)
      return internal_error(d, "không nén được", e->name, NULL);
    e->packed = 1;
    free(e->data);
    e->data = NULL;
  }
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *buf = zip_source_buffer_create(NULL, 0, 0, &ze);
  zip_t *za = buf ? zip_open_from_source(buf, ZIP_TRUNCATE, &ze) : NULL;
  if (!za) {
    vb_error_rule(d, VB_EINTERNAL, "pkg.write", NULL, NULL, HINT_BUG,
                  "không tạo được gói trong bộ nhớ: %s", zip_error_strerror(&ze));
    zip_error_fini(&ze);
    if (buf) zip_source_free(buf);
    return -1;
  }
  zip_error_fini(&ze);
  zip_source_keep(buf); /* survive zip_close, to be read back */
  int rc = 0;
  for (size_t i = 0; i < w->n && rc == 0; i++)
    rc = add_entry(za, &w->e[i], w->level, d);
  if (rc != 0) {
    zip_discard(za);
    zip_source_free(buf);
    return -1;
  }
  if (zip_close(za) != 0) {
    internal_error(d, "không hoàn tất được tệp zip", NULL, za);
    zip_discard(za);
    zip_source_free(buf);
    return -1;
  }
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_source_stat(buf, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || zip_source_open(buf) != 0) {
    vb_error_rule(d, VB_EINTERNAL, "pkg.write", NULL, NULL, HINT_BUG,
                  "không đọc lại được gói vừa ghi: %s", zip_error_strerror(zip_source_error(buf)));
    zip_source_free(buf);
    return -1;
  }
  char *data = vb_xmalloc(st.size ? st.size : 1);
  zip_int64_t r = zip_source_read(buf, data, st.size);
  zip_source_close(buf);
  zip_source_free(buf);
  if (r < 0 || (zip_uint64_t)r != st.size) {
    free(data);
    vb_error_rule(d, VB_EINTERNAL, "pkg.write", NULL, NULL, HINT_BUG,
                  "không đọc lại được gói vừa ghi: thiếu byte");
    return -1;
  }
  *out = data;
  *out_len = (size_t)st.size;
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
