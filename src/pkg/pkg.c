/* Reading packages: libzip does the zip work, but its view is not trusted
 * alone. The central directory is also walked here over the raw bytes, because
 * libzip silently turns NUL bytes in names into spaces and keeps duplicate
 * names when not asked to check consistency. */
#include "pkg/pkg.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "pkg/pkg_internal.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fileio.h"

#define MIB (1024ull * 1024ull)

static const char *const HINT_DAMAGED =
    "tệp bị hỏng hoặc không do một chương trình văn phòng tạo ra: mở nó bằng Word hay "
    "LibreOffice rồi lưu lại thành .docx hoặc .odt";

void vb_pkg_limits_default(vb_pkg_limits *l) {
  l->max_total = 512 * MIB;
  l->max_entry = 256 * MIB;
  l->max_entries = 10000;
  l->max_ratio = 200;
  l->error_code = VB_ETEMPLATE;
}

/* ---- entry names ---- */

/* Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
 * Returns the length of the sequence at s, or 0 if it is invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n) {
  unsigned c = s[0];
  if (c < 0x80) return 1;
  size_t len;
  unsigned cp, min;
  if (c >= 0xC2 && c <= 0xDF)
    len = 2, cp = c & 0x1F, min = 0x80;
  else if (c >= 0xE0 && c <= 0xEF)
    len = 3, cp = c & 0x0F, min = 0x800;
  else if (c >= 0xF0 && c <= 0xF4)
    len = 4, cp = c & 0x07, min = 0x10000;
  else
    return 0;
  if (n < len) return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

const char *vb_pkg_name_problem(const char *name, size_t len) {
  const unsigned char *s = (const unsigned char *)name;
  if (len == 0) return "có tên rỗng";
  for (size_t i = 0; i < len;) {
    if (s[i] == 0) return "có byte NUL trong tên";
    if (s[i] < 0x20 || s[i] == 0x7F) return "có ký tự điều khiển trong tên";
    if (s[i] == '\\') return "có dấu gạch ngược trong tên (đường dẫn trong zip dùng '/')";
    size_t k = utf8_seq(s + i, len - i);
    if (k == 0) return "có tên không phải UTF-8 hợp lệ";
    i += k;
  }
  if (s[0] == '/') return "có tên là một đường dẫn tuyệt đối";
  if (len >= 2 && s[1] == ':' && ((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z'))
    return "có tên bắt đầu bằng ký tự ổ đĩa";
  /* Segments between slashes; one trailing slash marks a directory entry. */
  size_t start = 0;
  for (size_t i = 0; i <= len; i++) {
    if (i < len && s[i] != '/') continue;
    size_t seg = i - start;
    if (seg == 0 && i < len) return "có đoạn đường dẫn rỗng ('//') trong tên";
    if (seg == 2 && s[start] == '.' && s[start + 1] == '.')
      return "có đoạn đường dẫn '..' trong tên (có thể ghi ra ngoài thư mục)";
    if (seg == 1 && s[start] == '.') return "có đoạn đường dẫn '.' trong tên";
    start = i + 1;
  }
  return NULL;
}

void vb_pkg_put_name(vb_buf *b, const char *name, size_t len) {
  const unsigned char *s = (const unsigned char *)name;
  vb_buf_putc(b, '"');
  for (size_t i = 0; i < len;) {
    size_t k = s[i] >= 0x20 && s[i] != 0x7F && s[i] != '"' ? utf8_seq(s + i, len - i) : 0;
    if (k == 0) {
      vb_buf_printf(b, "\\x%02X", s[i]);
      i++;
    } else {
      vb_buf_put(b, s + i, k);
      i += k;
    }
  }
  vb_buf_putc(b, '"');
}

/* ASCII case folding only: OPC part names compare case-insensitively, and two
 * names differing only in case collide when unpacked on Windows or macOS. */
static int name_cmp_fold(const char *a, size_t alen, const char *b, size_t blen) {
  size_t n = alen < blen ? alen : blen;
  for (size_t i = 0; i < n; i++) {
    int ca = (unsigned char)a[i], cb = (unsigned char)b[i];
    if (ca >= 'A' && ca <= 'Z') ca += 32;
    if (cb >= 'A' && cb <= 'Z') cb += 32;
    if (ca != cb) return ca - cb;
  }
  return alen < blen ? -1 : alen > blen;
}

/* ---- the package ---- */

typedef struct raw_name {
  const char *s; /* into the package bytes, not NUL-terminated */
  size_t len;
} raw_name;

struct vb_pkg {
  zip_t *za;
  char *owned; /* the file's bytes when opened from a file */
  char *display;
  vb_pkg_limits lim;
  size_t n;
  const char **names;         /* libzip's copies, NUL-terminated; equal to the raw names */
  unsigned long long *sizes;  /* declared uncompressed */
  unsigned long long *csizes; /* compressed */
  int *methods;
  /* libzip's archive is not safe to use from two threads: every use of za
   * after opening holds the lock (a template is rendered by many threads). */
  pthread_mutex_t lock;
  vb_pkg_raw **raw; /* per entry, made by vb_pkg__raw */
};

static uint32_t rd16(const unsigned char *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }
static uint32_t rd32(const unsigned char *p) { return rd16(p) | rd16(p + 2) << 16; }
static uint64_t rd64(const unsigned char *p) { return rd32(p) | (uint64_t)rd32(p + 4) << 32; }

/* Walk the central directory over the raw bytes and return the entry names.
 * Only what libzip cannot tell us is needed here, so anything unexpected just
 * fails (-1) and the caller reports the archive as corrupt. */
static int raw_names(const unsigned char *data, size_t len, size_t expect, raw_name *out) {
  if (len < 22) return -1;
  size_t eocd = SIZE_MAX;
  size_t lowest = len > 22 + 65535 ? len - 22 - 65535 : 0;
  for (size_t i = len - 22 + 1; i-- > lowest;) {
    if (rd32(data + i) == 0x06054b50 && i + 22 + rd16(data + i + 20) == len) {
      eocd = i;
      break;
    }
  }
  if (eocd == SIZE_MAX) return -1;
  uint64_t count = rd16(data + eocd + 10);
  uint64_t cd_off = rd32(data + eocd + 16);
  if (count == 0xFFFF || cd_off == 0xFFFFFFFF || rd32(data + eocd + 12) == 0xFFFFFFFF) {
    /* Zip64: the locator sits just before the end record. */
    if (eocd < 20 || rd32(data + eocd - 20) != 0x07064b50) return -1;
    uint64_t z = rd64(data + eocd - 20 + 8);
    if (z > len || len - z < 56 || rd32(data + z) != 0x06064b50) return -1;
    count = rd64(data + z + 32);
    cd_off = rd64(data + z + 48);
  }
  if (count != expect) return -1;
  uint64_t pos = cd_off;
  for (size_t i = 0; i < expect; i++) {
    if (pos > len || len - pos < 46 || rd32(data + pos) != 0x02014b50) return -1;
    uint64_t nlen = rd16(data + pos + 28);
    uint64_t next = pos + 46 + nlen + rd16(data + pos + 30) + rd16(data + pos + 32);
    if (next > len) return -1;
    out[i].s = (const char *)data + pos + 46;
    out[i].len = (size_t)nlen;
    pos = next;
  }
  return 0;
}

static void pkg_error(vb_pkg *p, vb_diags *d, const char *rule, const char *where, const char *hint,
                      const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static void pkg_error(vb_pkg *p, vb_diags *d, const char *rule, const char *where, const char *hint,
                      const char *fmt, ...) {
  vb_buf b = VB_BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  vb_buf_vprintf(&b, fmt, ap);
  va_end(ap);
  vb_error_rule(d, p->lim.error_code, rule, p->display, where, hint, "%s", vb_buf_cstr(&b));
  vb_buf_free(&b);
}

static void open_error(vb_pkg *p, vb_diags *d, int zerr) {
  switch (zerr) {
  case ZIP_ER_NOZIP:
    pkg_error(p, d, "pkg.not-zip", NULL,
              "đưa chính tệp .docx hay .odt; tệp .doc, .rtf hay tệp đổi tên sẽ không dùng được: "
              "mở nó bằng Word hay LibreOffice rồi lưu thành .docx hoặc .odt",
              "không phải gói DOCX/ODT (không phải tệp zip)");
    break;
  case ZIP_ER_MULTIDISK:
    pkg_error(p, d, "pkg.split", NULL, "ghép các phần lại thành một tệp",
              "là tệp zip bị chia thành nhiều phần");
    break;
  case ZIP_ER_MEMORY:
    pkg_error(p, d, "pkg.memory", NULL, "dùng tệp nhỏ hơn, hoặc chạy trên máy nhiều bộ nhớ hơn",
              "quá lớn, không đủ bộ nhớ để mở");
    break;
  default: {
    zip_error_t ze;
    zip_error_init_with_code(&ze, zerr);
    pkg_error(p, d, "pkg.damaged", NULL, HINT_DAMAGED, "là tệp zip bị cắt cụt hoặc bị hỏng (%s)",
              zip_error_strerror(&ze));
    zip_error_fini(&ze);
  }
  }
}

static char *where_entry(size_t i, const char *name, size_t len) {
  vb_buf b = VB_BUF_INIT;
  vb_buf_printf(&b, "entry %zu ", i + 1);
  vb_pkg_put_name(&b, name, len);
  return vb_buf_detach(&b, NULL);
}

typedef struct sort_item {
  const raw_name *name;
  size_t index;
} sort_item;

static int sort_item_cmp(const void *a, const void *b) {
  const sort_item *x = a, *y = b;
  int c = name_cmp_fold(x->name->s, x->name->len, y->name->s, y->name->len);
  return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* Every check on the directory; 0 if the package may be used. */
static int check_entries(vb_pkg *p, const unsigned char *data, size_t len, vb_diags *d) {
  zip_int64_t n64 = zip_get_num_entries(p->za, 0);
  if (n64 < 0) n64 = 0;
  if ((unsigned long long)n64 > p->lim.max_entries) {
    pkg_error(p, d, "pkg.too-many-entries", NULL,
              "một mẫu văn bản có vài chục phần, không phải hàng nghìn: xem lại tệp",
              "có quá nhiều mục: %lld, tối đa %u", (long long)n64, p->lim.max_entries);
    return -1;
  }
  size_t n = (size_t)n64;
  raw_name *raw = vb_xcalloc(n ? n : 1, sizeof(*raw));
  int rc = -1;
  if (raw_names(data, len, n, raw) != 0) {
    pkg_error(p, d, "pkg.damaged", NULL, HINT_DAMAGED,
              "là tệp zip bị hỏng (không đọc được danh mục trung tâm)");
    goto out;
  }
  p->n = n;
  p->names = vb_xcalloc(n ? n : 1, sizeof(*p->names));
  p->sizes = vb_xcalloc(n ? n : 1, sizeof(*p->sizes));
  p->csizes = vb_xcalloc(n ? n : 1, sizeof(*p->csizes));
  p->methods = vb_xcalloc(n ? n : 1, sizeof(*p->methods));
  unsigned long long total = 0;
  for (size_t i = 0; i < n; i++) {
    char *where = where_entry(i, raw[i].s, raw[i].len);
    const char *problem = vb_pkg_name_problem(raw[i].s, raw[i].len);
    zip_stat_t st;
    zip_stat_init(&st);
    const char *zname = zip_get_name(p->za, i, ZIP_FL_ENC_RAW);
    if (problem) {
      vb_buf b = VB_BUF_INIT;
      vb_pkg_put_name(&b, raw[i].s, raw[i].len);
      pkg_error(p, d, "pkg.bad-name", where,
                "gói có tên như vậy có thể là tấn công hoặc đã hỏng: đừng dùng nó", "mục %s %s",
                vb_buf_cstr(&b), problem);
      vb_buf_free(&b);
    } else if (!zname || strlen(zname) != raw[i].len || memcmp(zname, raw[i].s, raw[i].len) != 0 ||
               zip_stat_index(p->za, i, ZIP_FL_ENC_RAW, &st) != 0) {
      pkg_error(p, d, "pkg.damaged", where, HINT_DAMAGED,
                "là tệp zip bị hỏng (không đọc được mục %zu)", i + 1);
    } else if (st.encryption_method != ZIP_EM_NONE) {
      pkg_error(p, d, "pkg.encrypted", where, "mở nó rồi lưu lại không đặt mật khẩu",
                "được mã hoá (có mật khẩu); vanban không đọc được tệp có mật khẩu");
    } else if (st.comp_method != ZIP_CM_STORE && st.comp_method != ZIP_CM_DEFLATE) {
      pkg_error(
          p, d, "pkg.compression", where, "lưu lại bằng Word hay LibreOffice, vốn chỉ dùng deflate",
          "dùng phương pháp nén %d; chỉ đọc được store (0) và deflate (8)", (int)st.comp_method);
    } else if (st.size > p->lim.max_entry) {
      pkg_error(p, d, "pkg.too-large", where,
                "xem có đúng tệp không; giới hạn này chống bom zip (zip bomb)",
                "khai %llu byte khi giải nén, tối đa cho một mục là %llu",
                (unsigned long long)st.size, p->lim.max_entry);
    } else if (st.size > MIB && p->lim.max_ratio && st.size / p->lim.max_ratio > st.comp_size) {
      pkg_error(p, d, "pkg.ratio", where,
                "tệp này giống bom zip (zip bomb); xem lại tệp từ đâu đến",
                "nén %llu byte vào %llu, vượt tỉ lệ cho phép %u:1", (unsigned long long)st.size,
                (unsigned long long)st.comp_size, p->lim.max_ratio);
    } else {
      p->names[i] = zname;
      p->sizes[i] = st.size;
      p->csizes[i] = st.comp_size;
      p->methods[i] = st.comp_method;
      total += st.size;
    }
    free(where);
    /* A hostile archive can have thousands of bad entries: the first few say enough. */
    if (vb_diags_errors(d) >= 20 && i + 1 < n) {
      pkg_error(p, d, "pkg.bad-entries", NULL,
                "gói có nhiều mục hỏng như vậy là tấn công hoặc hỏng nặng",
                "dừng kiểm tra sau 20 mục hỏng (gói có %zu mục)", n);
      break;
    }
  }
  if (vb_diags_errors(d) > 0) goto out; /* d is open_common's own list: only our errors */
  if (total > p->lim.max_total) {
    pkg_error(p, d, "pkg.too-large", NULL,
              "xem có đúng tệp không; giới hạn này chống bom zip (zip bomb)",
              "khai tổng cộng %llu byte khi giải nén, tối đa là %llu", total, p->lim.max_total);
    goto out;
  }
  /* Duplicates: sort by case-folded name, then neighbours tell. */
  sort_item *items = vb_xmalloc((n ? n : 1) * sizeof(*items));
  for (size_t i = 0; i < n; i++)
    items[i] = (sort_item){&raw[i], i};
  qsort(items, n, sizeof(*items), sort_item_cmp);
  int dup = 0;
  for (size_t i = 1; i < n && !dup; i++) {
    const raw_name *a = items[i - 1].name, *b = items[i].name;
    if (name_cmp_fold(a->s, a->len, b->s, b->len) != 0) continue;
    dup = 1;
    vb_buf nb = VB_BUF_INIT, ob = VB_BUF_INIT;
    vb_pkg_put_name(&nb, b->s, b->len);
    vb_pkg_put_name(&ob, a->s, a->len);
    char *where = where_entry(items[i].index, b->s, b->len);
    int exact = a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
    pkg_error(p, d, "pkg.duplicate", where,
              "gói có tên trùng nhau có thể là tấn công hoặc đã hỏng: đừng dùng nó",
              exact ? "mục %s có hai lần (cũng là mục %zu)"
                    : "mục %s chỉ khác mục %zu %s ở chữ hoa, chữ thường",
              vb_buf_cstr(&nb), items[i - 1].index + 1, exact ? "" : vb_buf_cstr(&ob));
    free(where);
    vb_buf_free(&nb);
    vb_buf_free(&ob);
  }
  free(items);
  rc = dup ? -1 : 0;
out:
  free(raw);
  return rc;
}

static vb_pkg *open_common(const void *data, size_t len, char *owned, const char *display,
                           const vb_pkg_limits *lim, vb_diags *d) {
  vb_pkg *p = vb_xcalloc(1, sizeof(*p));
  pthread_mutex_init(&p->lock, NULL);
  p->owned = owned;
  p->display = vb_xstrdup(display ? display : "(package)");
  if (lim)
    p->lim = *lim;
  else
    vb_pkg_limits_default(&p->lim);
  /* The error list may already hold unrelated errors; judge only ours. */
  vb_diags *mine = vb_diags_new();
  if (len == 0) {
    pkg_error(p, mine, "pkg.empty", NULL, "đưa chính tệp .docx hay .odt",
              "là tệp rỗng (0 byte), không phải gói DOCX/ODT");
    goto fail;
  }
  /* Consistency checking (local headers against the directory) first; libzip
   * then refuses duplicates without naming them, so on failure open again
   * without it and let check_entries find the precise reason. */
  int zerr = 0;
  for (int pass = 0; pass < 2 && !p->za; pass++) {
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    if (src) {
      p->za = zip_open_from_source(src, ZIP_RDONLY | (pass == 0 ? ZIP_CHECKCONS : 0), &ze);
      if (!p->za) zip_source_free(src);
    }
    if (!p->za && pass == 0) zerr = zip_error_code_zip(&ze);
    zip_error_fini(&ze);
    if (zerr != ZIP_ER_INCONS && zerr != ZIP_ER_EXISTS) break;
  }
  if (!p->za) {
    /* A local header at the start but no end record: a cut-off download or copy,
     * which "not a zip" would describe wrongly. */
    if (zerr == ZIP_ER_NOZIP && len >= 4 && memcmp(data, "PK\3\4", 4) == 0) zerr = ZIP_ER_EOF;
    open_error(p, mine, zerr);
    goto fail;
  }
  if (check_entries(p, data, len, mine) != 0) goto fail;
  if (zerr != 0) { /* our checks found nothing, but libzip's did */
    open_error(p, mine, zerr);
    goto fail;
  }
  vb_diags_free(mine);
  return p;
fail:
  vb_diags_move(d, mine);
  vb_diags_free(mine);
  vb_pkg_free(p);
  return NULL;
}

vb_pkg *vb_pkg_open_memory(const void *data, size_t len, const char *display_name,
                           const vb_pkg_limits *lim, vb_diags *d) {
  return open_common(data, len, NULL, display_name, lim, d);
}

vb_pkg *vb_pkg_open_file(const char *path, const vb_pkg_limits *lim, vb_diags *d) {
  vb_pkg_limits l;
  if (lim)
    l = *lim;
  else
    vb_pkg_limits_default(&l);
  /* Entries can be stored, and headers add a little: allow the total plus 1/16
   * plus 1 MiB of compressed file, saturating instead of overflowing. */
  unsigned long long max = l.max_total + (l.max_total >> 4) + MIB;
  if (max < l.max_total || max > SIZE_MAX - 2) max = SIZE_MAX - 2;
  char *data;
  size_t len;
  if (vb_read_file(path, (size_t)max, &data, &len, d) != 0) return NULL;
  return open_common(data, len, data, path, &l, d);
}

size_t vb_pkg_count(const vb_pkg *p) { return p ? p->n : 0; }

const char *vb_pkg_name(const vb_pkg *p, size_t i) { return p && i < p->n ? p->names[i] : NULL; }

long vb_pkg_find(const vb_pkg *p, const char *name) {
  if (!p || !name) return -1;
  pthread_mutex_lock((pthread_mutex_t *)&p->lock);
  zip_int64_t i = zip_name_locate(p->za, name, ZIP_FL_ENC_RAW);
  pthread_mutex_unlock((pthread_mutex_t *)&p->lock);
  /* The hash lookup has no length: re-check the match exactly. */
  if (i < 0 || (size_t)i >= p->n || strcmp(p->names[i], name) != 0) return -1;
  return (long)i;
}

unsigned long long vb_pkg_size(const vb_pkg *p, size_t i) {
  return p && i < p->n ? p->sizes[i] : 0;
}

const char *vb_pkg_display_name(const vb_pkg *p) { return p ? p->display : NULL; }

int vb_pkg_read(vb_pkg *p, size_t i, char **data, size_t *len, vb_diags *d) {
  *data = NULL;
  *len = 0;
  if (!p || i >= p->n) {
    /* A caller's bug, never caused by input. */
    vb_error_rule(d, VB_EINTERNAL, "pkg.index", p ? p->display : NULL, NULL,
                  "đây là lỗi của vanban: xin báo lại", "vb_pkg_read: gói không có mục số %zu", i);
    return -1;
  }
  char *where = where_entry(i, p->names[i], strlen(p->names[i]));
  unsigned long long declared = p->sizes[i];
  pthread_mutex_lock(&p->lock);
  zip_file_t *zf = zip_fopen_index(p->za, i, 0);
  if (!zf) {
    pkg_error(p, d, "pkg.damaged", where, HINT_DAMAGED, "không mở được mục này: %s",
              zip_strerror(p->za));
    pthread_mutex_unlock(&p->lock);
    free(where);
    return -1;
  }
  /* declared <= max_entry was checked at open, so this allocation is bounded;
   * one byte more is requested to catch an entry longer than declared. */
  size_t want = (size_t)declared + 1;
  char *buf = vb_xmalloc(want + 1);
  size_t got = 0;
  int rc = 0;
  while (got < want) {
    zip_int64_t r = zip_fread(zf, buf + got, want - got);
    if (r < 0) {
      pkg_error(p, d, "pkg.damaged", where, HINT_DAMAGED, "không giải nén được mục này: %s",
                zip_error_strerror(zip_file_get_error(zf)));
      rc = -1;
      break;
    }
    if (r == 0) break;
    got += (size_t)r;
  }
  zip_fclose(zf);
  pthread_mutex_unlock(&p->lock);
  if (rc == 0 && got != declared) {
    pkg_error(p, d, got > declared ? "pkg.ratio" : "pkg.damaged", where,
              got > declared ? "tệp này giống bom zip (zip bomb); xem lại tệp từ đâu đến"
                             : HINT_DAMAGED,
              got > declared ? "giải nén ra nhiều hơn %llu byte mà đầu mục khai"
                             : "giải nén ra ít hơn %llu byte mà đầu mục khai",
              declared);
    rc = -1;
  }
  free(where);
  if (rc != 0) {
    free(buf);
    return -1;
  }
  buf[got] = '\0';
  *data = buf;
  *len = got;
  return 0;
}

void vb_pkg_free(vb_pkg *p) {
  if (!p) return;
  for (size_t i = 0; p->raw && i < p->n; i++)
    if (p->raw[i]) {
      free((void *)p->raw[i]->data);
      free(p->raw[i]);
    }
  free(p->raw);
  pthread_mutex_destroy(&p->lock);
  if (p->za) zip_discard(p->za);
  free(p->owned);
  free(p->display);
  free(p->names);
  free(p->sizes);
  free(p->csizes);
  free(p->methods);
  free(p);
}

/* ---- accessors for the writer (pkg_internal.h) ---- */

int vb_pkg__method(const vb_pkg *p, size_t i) { return p->methods[i]; }

/* Read the stored bytes (ZIP_FL_COMPRESSED: no inflating) with the lock held. */
static vb_pkg_raw *read_raw(vb_pkg *p, size_t i, vb_diags *d) {
  zip_stat_t st;
  zip_stat_init(&st);
  unsigned long long clen = p->csizes[i];
  zip_file_t *zf = NULL;
  if (zip_stat_index(p->za, i, ZIP_FL_ENC_RAW, &st) != 0 || !(st.valid & ZIP_STAT_CRC) ||
      clen > SIZE_MAX - 1 || !(zf = zip_fopen_index(p->za, i, ZIP_FL_COMPRESSED))) {
    char *where = where_entry(i, p->names[i], strlen(p->names[i]));
    pkg_error(p, d, "pkg.damaged", where, HINT_DAMAGED, "không đọc được mục này: %s",
              zip_strerror(p->za));
    free(where);
    return NULL;
  }
  unsigned char *buf = vb_xmalloc(clen ? (size_t)clen : 1);
  size_t got = 0;
  zip_int64_t r = 0;
  while (got < clen && (r = zip_fread(zf, buf + got, clen - got)) > 0)
    got += (size_t)r;
  zip_fclose(zf);
  if (got != clen) {
    char *where = where_entry(i, p->names[i], strlen(p->names[i]));
    pkg_error(p, d, "pkg.damaged", where, HINT_DAMAGED, "mục này ngắn hơn %llu byte đã lưu", clen);
    free(where);
    free(buf);
    return NULL;
  }
  vb_pkg_raw *raw = vb_xcalloc(1, sizeof *raw);
  *raw = (vb_pkg_raw){buf, got, p->sizes[i], st.crc, p->methods[i], {0}};
  zip_file_attributes_init(&raw->attributes);
  zip_source_t *zs = zip_source_zip(p->za, p->za, i, ZIP_FL_COMPRESSED, 0, -1);
  if (zs && zip_source_get_file_attributes(zs, &raw->attributes) != 0)
    zip_file_attributes_init(&raw->attributes);
  if (zs) zip_source_free(zs);
  return raw;
}

const vb_pkg_raw *vb_pkg__raw(vb_pkg *p, size_t i, vb_diags *d) {
  if (!p || i >= p->n) return NULL;
  pthread_mutex_lock(&p->lock);
  if (!p->raw) p->raw = vb_xcalloc(p->n ? p->n : 1, sizeof *p->raw);
  if (!p->raw[i]) p->raw[i] = read_raw(p, i, d);
  const vb_pkg_raw *raw = p->raw[i];
  pthread_mutex_unlock(&p->lock);
  return raw;
}
