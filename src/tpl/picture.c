/* The `hinh` filter: a value naming a picture (a path relative to the data
 * file, or a data: URI; or an object {"tep": …, "rong": …, …}) becomes a
 * picture of the size asked for, read and checked once per template through
 * the media cache. Every refusal names the picture as the data wrote it,
 * where the data wrote it, and why. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "tpl/filters.h"
#include "tpl/rich.h"
#include "util/buf.h"

/* hinh(rong, cao, mo_ta, noi, x, y, sau_chu, giua) */
const char *const vb_params_hinh[] = {"rong", "cao",     "mo_ta", "noi", "x",
                                      "y",    "sau_chu", "giua",  "lop", NULL};
enum { P_RONG, P_CAO, P_MO_TA, P_NOI, P_X, P_Y, P_SAU, P_GIUA, P_LOP, P_N };

/* Pictures the cache keeps at most, in bytes: past this, a render keeps its
 * own copy of a new picture (a batch of units with a logo each must not
 * grow the process without end). */
#define CACHE_MAX_BYTES (64u * 1024 * 1024)

/* --- the cache ------------------------------------------------------------ */

typedef struct file_key {
  char *path;
  dev_t dev;
  ino_t ino;
  off_t size;
  struct timespec mtime;
  vb_media_item *item;
} file_key;

struct vb_media_cache {
  pthread_mutex_t mu;
  file_key *files;
  size_t nfiles, fcap;
  vb_media_item **items;
  size_t nitems, icap;
  size_t bytes;
};

vb_media_cache *vb_media_cache_new(void) {
  vb_media_cache *c = vb_xcalloc(1, sizeof *c);
  pthread_mutex_init(&c->mu, NULL);
  return c;
}

void vb_media_cache_free(vb_media_cache *c) {
  if (!c) return;
  for (size_t i = 0; i < c->nfiles; i++)
    free(c->files[i].path);
  for (size_t i = 0; i < c->nitems; i++) {
    free(c->items[i]->bytes);
    free(c->items[i]);
  }
  free(c->files);
  free(c->items);
  pthread_mutex_destroy(&c->mu);
  free(c);
}

static vb_media_item *by_bytes(vb_media_cache *c, unsigned long crc, const unsigned char *b,
                               size_t len) {
  for (size_t i = 0; i < c->nitems; i++) {
    vb_media_item *it = c->items[i];
    if (it->crc == crc && it->len == len && memcmp(it->bytes, b, len) == 0) return it;
  }
  return NULL;
}

static unsigned long crc_of(const unsigned char *b, size_t len) {
  unsigned long crc = crc32(0L, Z_NULL, 0);
  while (len) { /* zlib takes at most a uInt at a time */
    uInt n = len > 0x40000000u ? 0x40000000u : (uInt)len;
    crc = crc32(crc, b, n);
    b += n;
    len -= n;
  }
  return crc;
}

/* The checked item for these bytes (taken: freed here or kept). Decoded
 * outside the lock: a slow picture does not hold other threads up. */
static vb_media_error item_for(vb_eval *ev, unsigned char *bytes, size_t len,
                               const vb_media_item **out) {
  const vb_rich_env *env = ev->rich;
  vb_media_cache *c = env->cache;
  unsigned long crc = crc_of(bytes, len);
  pthread_mutex_lock(&c->mu);
  vb_media_item *hit = by_bytes(c, crc, bytes, len);
  pthread_mutex_unlock(&c->mu);
  if (hit) {
    free(bytes);
    *out = hit;
    return VB_MEDIA_OK;
  }
  vb_media_info info;
  vb_media_error e = vb_media_check(bytes, len, &info);
  if (e != VB_MEDIA_OK) {
    free(bytes);
    return e;
  }
  vb_media_item *it = vb_xcalloc(1, sizeof *it);
  it->bytes = bytes;
  it->len = len;
  it->info = info;
  it->crc = crc;
  pthread_mutex_lock(&c->mu);
  hit = by_bytes(c, crc, bytes, len); /* another thread may have added it meanwhile */
  if (!hit && c->bytes + len <= CACHE_MAX_BYTES) {
    if (c->nitems == c->icap) {
      c->icap = c->icap ? c->icap * 2 : 8;
      c->items = vb_xrealloc(c->items, c->icap * sizeof *c->items);
    }
    c->items[c->nitems++] = it;
    c->bytes += len;
    hit = it;
    it = NULL;
  }
  pthread_mutex_unlock(&c->mu);
  if (it && !hit) {
    /* Over the cache's budget: the render keeps its own copy, in the arena
     * that lives as long as the render (not the one rewound per item). */
    vb_media_item *own = vb_arena_alloc(env->keep, sizeof *own);
    *own = *it;
    own->bytes = vb_arena_alloc_raw(env->keep, len, 1);
    memcpy(own->bytes, bytes, len);
    hit = own;
  }
  if (it) {
    free(it->bytes);
    free(it);
  }
  *out = hit;
  return VB_MEDIA_OK;
}

/* A file: by its identity when this template has read it before. */
static vb_media_error file_item(vb_eval *ev, const char *path, const vb_media_item **out) {
  vb_media_cache *c = ev->rich->cache;
  struct stat st;
  if (stat(path, &st) != 0) return errno == ENOENT ? VB_MEDIA_E_MISSING : VB_MEDIA_E_UNREADABLE;
  if (!S_ISREG(st.st_mode)) return VB_MEDIA_E_UNREADABLE;
  pthread_mutex_lock(&c->mu);
  for (size_t i = 0; i < c->nfiles; i++) {
    file_key *k = &c->files[i];
    if (k->dev == st.st_dev && k->ino == st.st_ino && k->size == st.st_size &&
        k->mtime.tv_sec == st.st_mtim.tv_sec && k->mtime.tv_nsec == st.st_mtim.tv_nsec &&
        strcmp(k->path, path) == 0) {
      *out = k->item;
      pthread_mutex_unlock(&c->mu);
      return VB_MEDIA_OK;
    }
  }
  pthread_mutex_unlock(&c->mu);
  unsigned char *bytes;
  size_t len;
  vb_media_error e = vb_media_read(path, &bytes, &len);
  if (e != VB_MEDIA_OK) return e;
  e = item_for(ev, bytes, len, out);
  if (e != VB_MEDIA_OK) return e;
  pthread_mutex_lock(&c->mu);
  int cached = 0;
  for (size_t i = 0; i < c->nitems && !cached; i++)
    cached = c->items[i] == *out;
  if (cached) {
    if (c->nfiles == c->fcap) {
      c->fcap = c->fcap ? c->fcap * 2 : 8;
      c->files = vb_xrealloc(c->files, c->fcap * sizeof *c->files);
    }
    file_key *k = &c->files[c->nfiles++];
    k->path = vb_xstrdup(path);
    k->dev = st.st_dev;
    k->ino = st.st_ino;
    k->size = st.st_size;
    k->mtime = st.st_mtim;
    k->item = (vb_media_item *)*out;
  }
  pthread_mutex_unlock(&c->mu);
  return VB_MEDIA_OK;
}

/* --- messages --------------------------------------------------------------- */

/* Why a picture is refused: the rule id, what is wrong (after "ảnh 'x'
 * (where)") and what to do. */
typedef struct refusal {
  const char *rule, *why, *hint;
} refusal;

static refusal refusal_of(vb_media_error e) {
  switch (e) {
  case VB_MEDIA_E_FORMAT:
    return (refusal){"picture.not-picture", "không phải ảnh PNG hay JPEG (dù tên tệp ghi gì)",
                     "lưu ảnh thành PNG hoặc JPEG (chẳng hạn bằng một trình sửa ảnh) rồi ghi tên "
                     "tệp đó vào dữ liệu"};
  case VB_MEDIA_E_CORRUPT:
    return (refusal){"picture.broken", "bị hỏng hoặc bị cắt cụt: bộ giải mã ảnh không đọc hết được",
                     "mở ảnh bằng một trình xem ảnh để kiểm tra, rồi chép hoặc lưu lại tệp"};
  case VB_MEDIA_E_PIXELS:
    return (refusal){"picture.too-many-pixels",
                     "có quá nhiều điểm ảnh (tối đa 40 triệu, mỗi chiều tối đa 20.000)",
                     "thu nhỏ ảnh trước khi đưa vào văn bản"};
  case VB_MEDIA_E_SIZE:
    return (refusal){"picture.too-large", "quá lớn (tối đa 20 MB)",
                     "thu nhỏ ảnh, hoặc lưu nó thành JPEG, trước khi đưa vào văn bản"};
  case VB_MEDIA_E_MISSING:
    return (refusal){"picture.missing", "không có",
                     "kiểm tra tên tệp: đường dẫn tính từ thư mục của tệp dữ liệu"};
  case VB_MEDIA_E_UNREADABLE:
    return (refusal){"picture.unreadable",
                     "không đọc được (là một thư mục, hoặc không có quyền đọc)",
                     "ghi vào dữ liệu tên một tệp ảnh mà bạn đọc được"};
  case VB_MEDIA_E_OUTSIDE:
    return (refusal){"picture.outside-folder", "nằm ngoài thư mục của tệp dữ liệu",
                     "chép ảnh vào thư mục của tệp dữ liệu, hoặc render với "
                     "--allow-outside-pictures nếu dữ liệu này đáng tin"};
  case VB_MEDIA_E_URI:
    return (refusal){"picture.bad-uri", "không phải một data: URI hợp lệ",
                     "viết data:image/png;base64, rồi nội dung ảnh mã hoá base64"};
  case VB_MEDIA_E_EMPTY:
    return (refusal){"picture.empty", "là tệp rỗng", "ghi vào dữ liệu tên một tệp ảnh có nội dung"};
  case VB_MEDIA_OK: break;
  }
  return (refusal){"picture.unusable", "không dùng được", NULL};
}

/* "ảnh 'logo.png' (data.json, dòng 4, cột 12) không có": the picture as the
 * data names it (a data: URI by its start), where, and why. */
static int refuse(vb_eval *ev, const vb_value *named, const char *ref, size_t ref_len,
                  vb_media_error e) {
  refusal r = refusal_of(e);
  vb_buf m = VB_BUF_INIT;
  vb_buf_puts(&m, "ảnh '");
  if (vb_media_is_data_uri(ref, ref_len) && ref_len > 40) {
    vb_buf_put(&m, ref, 32);
    vb_buf_puts(&m, "…");
  } else {
    vb_buf_put(&m, ref, ref_len);
  }
  vb_buf_puts(&m, "'");
  /* The field that names it, as the data has it ("van_ban.ky.anh_chu_ky"):
   * the tag may read it under another name (a view's). */
  vb_buf path = VB_BUF_INIT;
  if (named && ev->root && vb_value_path(ev->root, named, &path) && path.len > 2 &&
      !strncmp(path.data, "$.", 2))
    vb_buf_printf(&m, " (%s", path.data + 2);
  const char *open = path.len > 2 ? ", " : " (";
  if (named && named->line)
    vb_buf_printf(&m, "%s%s, dòng %u, cột %u)", open, named->src ? named->src : "dữ liệu",
                  named->line, (unsigned)named->col);
  else if (named && named->src)
    vb_buf_printf(&m, "%s%s)", open, named->src);
  else if (path.len > 2)
    vb_buf_puts(&m, ")");
  vb_buf_free(&path);
  vb_buf_printf(&m, " %s", r.why);
  int rc = vb_filter_fail_rule(ev, r.rule, r.hint, vb_buf_cstr(&m));
  vb_buf_free(&m);
  return rc;
}

/* --- sizes ------------------------------------------------------------------ */

int vb_rich_length(const vb_value *v, long long *out) {
  *out = 0;
  if (!v || v->kind == VB_NULL) return 0;
  double x;
  if (v->kind == VB_NUM) {
    x = v->u.num * VB_EMU_PER_MM;
  } else if (v->kind == VB_STR) {
    char tmp[64];
    size_t n = v->u.str.len < sizeof tmp - 1 ? v->u.str.len : sizeof tmp - 1;
    memcpy(tmp, v->u.str.s, n);
    tmp[n] = '\0';
    for (char *p = tmp; *p; p++)
      if (*p == ',') *p = '.';
    char *end;
    errno = 0;
    x = strtod(tmp, &end);
    if (end == tmp || errno) return -1;
    while (*end == ' ')
      end++;
    double unit = !strcmp(end, "mm") || !*end ? VB_EMU_PER_MM
                  : !strcmp(end, "cm")        ? 10 * VB_EMU_PER_MM
                  : !strcmp(end, "pt")        ? VB_EMU_PER_INCH / 72.0
                  : !strcmp(end, "in")        ? VB_EMU_PER_INCH
                                              : 0;
    if (!unit) return -1;
    x *= unit;
  } else {
    return -1;
  }
  if (!isfinite(x) || fabs(x) > 2000.0 * VB_EMU_PER_MM) return -1;
  *out = llround(x);
  return 0;
}

static const vb_value *member(const vb_value *obj, const char *key) {
  return obj && obj->kind == VB_OBJ ? vb_obj_get(obj, key) : NULL;
}

/* An argument, else the same field of the object form. */
static const vb_value *opt(vb_value **args, size_t n, size_t i, const vb_value *obj,
                           const char *key) {
  if (i < n && args[i] && args[i]->kind != VB_NULL) return args[i];
  return member(obj, key);
}

static int fail_arg(vb_eval *ev, const char *name) {
  vb_buf m = VB_BUF_INIT;
  vb_buf_printf(&m, "hinh: %s phải là một độ dài, tối đa 2 m", name);
  int r = vb_filter_fail_rule(ev, "picture.bad-size",
                              "viết chẳng hạn \"30mm\", \"3cm\", \"85pt\", hoặc một số milimét",
                              vb_buf_cstr(&m));
  vb_buf_free(&m);
  return r;
}

int vb_filter_picture(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  if (!in) {
    *out = NULL; /* a missing path is reported as such, or empty with --lenient */
    return 0;
  }
  /* No picture: nothing is placed (a signature block without a signature). */
  const vb_value *obj = in->kind == VB_OBJ ? in : NULL;
  const vb_value *named = obj ? vb_obj_get(obj, "tep") : in;
  if (!named || named->kind == VB_NULL || (named->kind == VB_STR && named->u.str.len == 0)) {
    *out = vb_val_strz(ev->a, "");
    return 0;
  }
  if (named->kind != VB_STR)
    return vb_filter_fail_rule(ev, "picture.bad-value",
                               "ghi vào dữ liệu tên tệp ảnh (\"logo.png\"), một data: URI, hoặc "
                               "{\"tep\": \"logo.png\", …}",
                               "hinh cần đường dẫn tới một ảnh, một data: URI, hoặc một đối tượng "
                               "có \"tep\"");
  if (!ev->rich)
    return vb_filter_fail_rule(ev, "picture.not-in-text",
                               "đặt thẻ {{ … | hinh }} trong phần chữ của một đoạn văn",
                               "chỉ đặt được ảnh vào phần chữ của văn bản");
  const vb_rich_env *env = ev->rich;
  const char *ref = named->u.str.s;
  size_t ref_len = named->u.str.len;
  const vb_media_item *item = NULL;
  vb_media_error e;
  if (vb_media_is_data_uri(ref, ref_len)) {
    unsigned char *bytes;
    size_t len;
    e = vb_media_decode_uri(ref, ref_len, &bytes, &len);
    if (e == VB_MEDIA_OK) e = item_for(ev, bytes, len, &item);
  } else {
    char *path = NULL;
    e = vb_media_resolve(ref, env->base_dir, env->allow_outside, &path);
    if (e == VB_MEDIA_OK) e = file_item(ev, path, &item);
    free(path);
  }
  if (e != VB_MEDIA_OK) return refuse(ev, named, ref, ref_len, e);

  long long w, h;
  if (vb_rich_length(opt(args, n, P_RONG, obj, "rong"), &w) != 0 || w < 0)
    return fail_arg(ev, "rong (chiều rộng)");
  if (vb_rich_length(opt(args, n, P_CAO, obj, "cao"), &h) != 0 || h < 0)
    return fail_arg(ev, "cao (chiều cao)");
  const vb_media_info *mi = &item->info;
  if (!w && !h) {
    /* Its own size at the resolution it states (96 dpi when it states
     * none, as Word and LibreOffice assume), no wider than the text. */
    double dx = mi->dpi_x > 1 ? mi->dpi_x : 96, dy = mi->dpi_y > 1 ? mi->dpi_y : 96;
    w = llround(mi->width / dx * VB_EMU_PER_INCH);
    h = llround(mi->height / dy * VB_EMU_PER_INCH);
    if (env->text_width > 0 && w > env->text_width) {
      h = llround((double)h * (double)env->text_width / (double)w);
      w = env->text_width;
    }
  } else if (!h) {
    h = llround((double)w * mi->height / mi->width);
  } else if (!w) {
    w = llround((double)h * mi->width / mi->height);
  }
  if (w < 1) w = 1;
  if (h < 1) h = 1;

  vb_rich_picture *p = vb_arena_alloc(ev->a, sizeof *p);
  p->text.s = "";
  p->text.len = 0;
  p->item = item;
  p->place.cx = w;
  p->place.cy = h;
  const vb_value *d = opt(args, n, P_MO_TA, obj, "mo_ta");
  p->place.descr = d && d->kind == VB_STR ? vb_arena_strdup(ev->a, d->u.str.s) : "";
  p->place.floating = vb_val_truthy(opt(args, n, P_NOI, obj, "noi"));
  if (p->place.floating) {
    long long x, y; /* offsets may be negative */
    if (vb_rich_length(opt(args, n, P_X, obj, "x"), &x) != 0) return fail_arg(ev, "x");
    if (vb_rich_length(opt(args, n, P_Y, obj, "y"), &y) != 0) return fail_arg(ev, "y");
    p->place.x = x;
    p->place.y = y;
    p->place.behind = vb_val_truthy(opt(args, n, P_SAU, obj, "sau_chu"));
    p->place.center = vb_val_truthy(opt(args, n, P_GIUA, obj, "giua"));
    const vb_value *z = opt(args, n, P_LOP, obj, "lop");
    p->place.z =
        z && z->kind == VB_NUM && z->u.num >= 0 && z->u.num < 1000 ? (unsigned)z->u.num : 0;
  }
  *out = vb_val_ext(ev->a, VB_RICH_PICTURE, &p->text);
  return 0;
}
