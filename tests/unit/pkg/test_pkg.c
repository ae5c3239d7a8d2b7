/* Package reading and writing: zips are built here, by hand (raw structures,
 * for what libzip refuses to write) or with libzip, and every check looks at
 * names, bytes and messages. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "pkg/pkg.h"
#include "test.h"
#include "util/buf.h"

/* ---- helpers ---- */

static uint32_t crc32_of(const void *data, size_t len) {
  const unsigned char *p = data;
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < len; i++) {
    c ^= p[i];
    for (int k = 0; k < 8; k++)
      c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
  }
  return ~c;
}

static uint32_t rd16(const unsigned char *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }
static uint32_t rd32(const unsigned char *p) { return rd16(p) | rd16(p + 2) << 16; }

static void put16(vb_buf *b, uint32_t v) {
  unsigned char x[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
  vb_buf_put(b, x, 2);
}
static void put32(vb_buf *b, uint32_t v) {
  put16(b, v & 0xFFFF);
  put16(b, v >> 16);
}

/* One entry of a hand-made zip. usize/crc are taken as given when raw is set
 * (to lie in headers or carry foreign compressed bytes), else computed. */
typedef struct hz_entry {
  const char *name;
  size_t nlen; /* 0: strlen(name) */
  const void *data;
  size_t len;
  int method;
  int raw;
  uint32_t usize, crc;
} hz_entry;

static char *hz_build(const hz_entry *e, size_t n, size_t *out_len) {
  vb_buf b = VB_BUF_INIT;
  uint32_t *offs = calloc(n + 1, sizeof(*offs));
  for (int pass = 0; pass < 2; pass++) {
    size_t cd_start = b.len;
    for (size_t i = 0; i < n; i++) {
      size_t nlen = e[i].nlen ? e[i].nlen : strlen(e[i].name);
      uint32_t crc = e[i].raw ? e[i].crc : crc32_of(e[i].data, e[i].len);
      uint32_t usize = e[i].raw ? e[i].usize : (uint32_t)e[i].len;
      if (pass == 0) {
        offs[i] = (uint32_t)b.len;
        put32(&b, 0x04034b50);
      } else {
        put32(&b, 0x02014b50);
        put16(&b, 0x031E);
      }
      put16(&b, 20);
      put16(&b, 0);
      put16(&b, (uint32_t)e[i].method);
      put16(&b, 0);
      put16(&b, 0x21);
      put32(&b, crc);
      put32(&b, (uint32_t)e[i].len);
      put32(&b, usize);
      put16(&b, (uint32_t)nlen);
      put16(&b, 0);
      if (pass == 1) {
        put16(&b, 0);
        put16(&b, 0);
        put16(&b, 0);
        put32(&b, 0);
        put32(&b, offs[i]);
      }
      vb_buf_put(&b, e[i].name, nlen);
      if (pass == 0) vb_buf_put(&b, e[i].data, e[i].len);
    }
    if (pass == 1) {
      uint32_t cd_size = (uint32_t)(b.len - cd_start);
      put32(&b, 0x06054b50);
      put16(&b, 0);
      put16(&b, 0);
      put16(&b, (uint32_t)n);
      put16(&b, (uint32_t)n);
      put32(&b, cd_size);
      put32(&b, (uint32_t)cd_start);
      put16(&b, 0);
    }
  }
  free(offs);
  return vb_buf_detach(&b, out_len);
}

/* Build with libzip into memory. */
typedef struct lz_entry {
  const char *name;
  const char *data;
  int method;
  int encrypt;
} lz_entry;

static char *lz_read_back(zip_source_t *src, size_t *out_len) {
  zip_stat_t st;
  zip_stat_init(&st);
  zip_source_stat(src, &st);
  char *out = malloc(st.size + 1);
  zip_source_open(src);
  zip_int64_t r = zip_source_read(src, out, st.size);
  zip_source_close(src);
  zip_source_free(src);
  *out_len = r < 0 ? 0 : (size_t)r;
  return out;
}

static char *lz_build(const lz_entry *e, size_t n, size_t *out_len) {
  zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, NULL);
  zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
  zip_source_keep(src);
  for (size_t i = 0; i < n; i++) {
    zip_source_t *s = zip_source_buffer(za, e[i].data, strlen(e[i].data), 0);
    zip_int64_t idx = zip_file_add(za, e[i].name, s, ZIP_FL_ENC_UTF_8);
    zip_set_file_compression(za, (zip_uint64_t)idx, e[i].method, 0);
    if (e[i].encrypt) zip_file_set_encryption(za, (zip_uint64_t)idx, ZIP_EM_TRAD_PKWARE, "secret");
  }
  zip_close(za);
  return lz_read_back(src, out_len);
}

/* A source of n zero bytes that never exists in memory. */
typedef struct zeros {
  zip_uint64_t size, pos;
} zeros;

static zip_int64_t zeros_cb(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd) {
  zeros *z = ud;
  switch (cmd) {
  case ZIP_SOURCE_OPEN: z->pos = 0; return 0;
  case ZIP_SOURCE_READ: {
    zip_uint64_t n = z->size - z->pos < len ? z->size - z->pos : len;
    memset(data, 0, n);
    z->pos += n;
    return (zip_int64_t)n;
  }
  case ZIP_SOURCE_CLOSE:
  case ZIP_SOURCE_FREE: return 0;
  case ZIP_SOURCE_STAT: {
    zip_stat_t *st = data;
    zip_stat_init(st);
    st->valid |= ZIP_STAT_SIZE;
    st->size = z->size;
    return sizeof(*st);
  }
  case ZIP_SOURCE_ERROR: return zip_error_to_data(NULL, data, len);
  case ZIP_SOURCE_SUPPORTS:
    return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                          ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
  default: return -1;
  }
}

/* The raw deflate stream of `size` zeros, made by libzip. */
static char *deflated_zeros(zip_uint64_t size, size_t *clen) {
  zeros z = {size, 0};
  zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, NULL);
  zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
  zip_source_keep(src);
  zip_source_t *s = zip_source_function(za, zeros_cb, &z);
  zip_int64_t idx = zip_file_add(za, "zeros", s, 0);
  zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 1);
  zip_close(za);
  size_t zlen;
  char *zip = lz_read_back(src, &zlen);
  zip_source_t *rs = zip_source_buffer_create(zip, zlen, 0, NULL);
  za = zip_open_from_source(rs, ZIP_RDONLY, NULL);
  zip_stat_t st;
  zip_stat_index(za, 0, 0, &st);
  char *out = malloc(st.comp_size);
  zip_file_t *zf = zip_fopen_index(za, 0, ZIP_FL_COMPRESSED);
  zip_int64_t r = zip_fread(zf, out, st.comp_size);
  zip_fclose(zf);
  zip_discard(za);
  free(zip);
  *clen = r < 0 ? 0 : (size_t)r;
  return out;
}

static const char *first_message(vb_diags *d) {
  const vb_diag *g = vb_diags_get(d, 0);
  if (g && getenv("VB_TEST_VERBOSE")) fprintf(stderr, "[diag] %s\n", vb_diag_text(g));
  return g ? g->message : "(no diagnostic)";
}

/* Open a hand-made zip of one entry and return the first error (or NULL). */
static void expect_refused(const hz_entry *e, size_t n, const vb_pkg_limits *lim,
                           const char *want) {
  size_t len;
  char *zip = hz_build(e, n, &len);
  vb_diags *d = vb_diags_new();
  vb_pkg *p = vb_pkg_open_memory(zip, len, "evil.docx", lim, d);
  CHECK(p == NULL);
  CHECK_CONTAINS(first_message(d), want);
  const vb_diag *g = vb_diags_get(d, 0);
  CHECK(g && g->code == (lim ? lim->error_code : VB_ETEMPLATE));
  CHECK_STR(g ? g->file : NULL, "evil.docx");
  CHECK(g && g->hint && *g->hint);
  vb_pkg_free(p);
  vb_diags_free(d);
  free(zip);
}

/* ---- zip structure inspection ---- */

typedef struct zinfo {
  int ok;
  size_t n;
  char first_local[64];
  char first_central[64];
  int first_method;
  int all_extra_zero, all_time_epoch, same_made_by, data_descriptor, comment_len;
  int attrs_ok; /* 0100644 for files, 040755 for directories, as Unix attributes */
  uint32_t made_by;
} zinfo;

static zinfo inspect(const unsigned char *z, size_t len) {
  zinfo info = {0};
  info.all_extra_zero = info.all_time_epoch = info.same_made_by = info.attrs_ok = 1;
  size_t pos = 0, i = 0;
  while (pos + 30 <= len && rd32(z + pos) == 0x04034b50) {
    uint32_t flags = rd16(z + pos + 6), method = rd16(z + pos + 8);
    uint32_t csize = rd32(z + pos + 18), nlen = rd16(z + pos + 26), xlen = rd16(z + pos + 28);
    if (i == 0) {
      snprintf(info.first_local, sizeof(info.first_local), "%.*s", (int)nlen, z + pos + 30);
      info.first_method = (int)method;
    }
    if (xlen) info.all_extra_zero = 0;
    if (rd16(z + pos + 10) != 0 || rd16(z + pos + 12) != 0x21) info.all_time_epoch = 0;
    if (flags & 8) info.data_descriptor = 1;
    pos += 30 + nlen + xlen + csize;
    i++;
  }
  info.n = i;
  size_t c = 0;
  while (pos + 46 <= len && rd32(z + pos) == 0x02014b50) {
    uint32_t nlen = rd16(z + pos + 28), xlen = rd16(z + pos + 30), clen = rd16(z + pos + 32);
    if (c == 0) {
      snprintf(info.first_central, sizeof(info.first_central), "%.*s", (int)nlen, z + pos + 46);
      info.made_by = rd16(z + pos + 4);
    } else if (rd16(z + pos + 4) != info.made_by) {
      info.same_made_by = 0;
    }
    if (xlen || clen) info.all_extra_zero = 0;
    int is_dir = nlen > 0 && z[pos + 46 + nlen - 1] == '/';
    if (rd32(z + pos + 38) != (is_dir ? 040755u : 0100644u) << 16) info.attrs_ok = 0;
    if (rd16(z + pos + 12) != 0 || rd16(z + pos + 14) != 0x21) info.all_time_epoch = 0;
    pos += 46 + nlen + xlen + clen;
    c++;
  }
  if (pos + 22 <= len && rd32(z + pos) == 0x06054b50) {
    info.comment_len = (int)rd16(z + pos + 20);
    info.ok = c == i && pos + 22 + (size_t)info.comment_len == len;
  }
  return info;
}

static char *read_entry(vb_pkg *p, const char *name, size_t *len, vb_diags *d) {
  long i = vb_pkg_find(p, name);
  char *data = NULL;
  *len = 0;
  if (i < 0 || vb_pkg_read(p, (size_t)i, &data, len, d) != 0) return NULL;
  return data;
}

/* ---- tests ---- */

static const char DOC_XML[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<w:document xmlns:w=\"urn:w\"><w:body><w:p>"
    "<w:r><w:t>Xin chào Hà Nội</w:t></w:r></w:p></w:body></w:document>";

static void test_round_trip(void) {
  vb_pkg_writer *w = vb_pkg_writer_new(-1);
  vb_pkg_writer_add(w, "[Content_Types].xml", "<Types/>", 8, 0);
  vb_pkg_writer_add(w, "word/document.xml", DOC_XML, strlen(DOC_XML), 0);
  vb_pkg_writer_add_owned(w, "word/media/ảnh.bin", vb_xstrdup("\x01\x02\x03"), 3, 1);
  vb_pkg_writer_add(w, "empty.txt", "", 0, 0);
  vb_diags *d = vb_diags_new();
  void *zip;
  size_t len;
  CHECK(vb_pkg_writer_finish_memory(w, &zip, &len, d) == 0);
  vb_pkg_writer_free(w);
  vb_pkg *p = vb_pkg_open_memory(zip, len, "rt.docx", NULL, d);
  CHECK(p != NULL);
  CHECK(vb_diags_count(d) == 0);
  if (p) {
    CHECK(vb_pkg_count(p) == 4);
    CHECK_STR(vb_pkg_name(p, 0), "[Content_Types].xml");
    CHECK_STR(vb_pkg_name(p, 1), "word/document.xml");
    CHECK_STR(vb_pkg_name(p, 2), "word/media/ảnh.bin");
    CHECK_STR(vb_pkg_name(p, 3), "empty.txt");
    CHECK(vb_pkg_name(p, 4) == NULL);
    CHECK(vb_pkg_find(p, "word/document.xml") == 1);
    CHECK(vb_pkg_find(p, "word/media/ảnh.bin") == 2);
    CHECK(vb_pkg_find(p, "WORD/document.xml") == -1);
    CHECK(vb_pkg_find(p, "word/document") == -1);
    CHECK(vb_pkg_size(p, 1) == strlen(DOC_XML));
    CHECK_STR(vb_pkg_display_name(p), "rt.docx");
    size_t n;
    char *s = read_entry(p, "word/document.xml", &n, d);
    CHECK(s && n == strlen(DOC_XML) && memcmp(s, DOC_XML, n) == 0 && s[n] == '\0');
    free(s);
    s = read_entry(p, "word/media/ảnh.bin", &n, d);
    CHECK(s && n == 3 && memcmp(s, "\x01\x02\x03", 3) == 0);
    free(s);
    s = read_entry(p, "empty.txt", &n, d);
    CHECK(s && n == 0 && s[0] == '\0');
    free(s);
    CHECK(vb_pkg_read(p, 9, &s, &n, d) == -1 && s == NULL);
  }
  zinfo zi = inspect(zip, len);
  CHECK(zi.ok && zi.n == 4);
  CHECK(zi.all_extra_zero);
  CHECK(zi.all_time_epoch);
  CHECK(zi.same_made_by && (zi.made_by >> 8) == 3); /* Unix */
  CHECK(!zi.data_descriptor);
  CHECK(zi.comment_len == 0);
  CHECK(zi.attrs_ok);
  vb_pkg_free(p);
  free(zip);
  vb_diags_free(d);
}

static void test_evil_names(void) {
  struct {
    const char *name;
    size_t nlen;
    const char *want;
  } cases[] = {
      {"../evil", 0, "đoạn đường dẫn '..'"},
      {"word/../../evil", 0, "đoạn đường dẫn '..'"},
      {"/abs", 0, "đường dẫn tuyệt đối"},
      {"a\\b", 0, "dấu gạch ngược"},
      {"a\0b", 3, "byte NUL"},
      {"a\x01.xml", 0, "ký tự điều khiển"},
      {"a\x7F.xml", 0, "ký tự điều khiển"},
      {"bad\xFF.xml", 0, "không phải UTF-8 hợp lệ"},
      {"over\xC0\xAF.xml", 0, "không phải UTF-8 hợp lệ"},
      {"sur\xED\xA0\x80.xml", 0, "không phải UTF-8 hợp lệ"},
      {"C:/x", 0, "ký tự ổ đĩa"},
      {"a//b", 0, "đoạn đường dẫn rỗng"},
      {"./a", 0, "đoạn đường dẫn '.'"},
  };
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    hz_entry e[2] = {{"ok.xml", 0, "<a/>", 4, 0, 0, 0, 0},
                     {cases[i].name, cases[i].nlen, "x", 1, 0, 0, 0, 0}};
    expect_refused(e, 2, NULL, cases[i].want);
  }
  /* The message quotes the name, with unprintable bytes escaped. */
  hz_entry e[1] = {{"../evil", 0, "x", 1, 0, 0, 0, 0}};
  expect_refused(e, 1, NULL, "mục \"../evil\" có đoạn đường dẫn '..'");
  hz_entry e2[1] = {{"a\0b", 3, "x", 1, 0, 0, 0, 0}};
  expect_refused(e2, 1, NULL, "mục \"a\\x00b\"");
  /* The caller's error code is used. */
  vb_pkg_limits lim;
  vb_pkg_limits_default(&lim);
  lim.error_code = VB_EDATA;
  expect_refused(e, 1, &lim, "'..'");
  /* Thousands of bad names give a bounded number of messages. */
  hz_entry many[30];
  char mnames[30][16];
  for (int i = 0; i < 30; i++) {
    snprintf(mnames[i], sizeof(mnames[i]), "../x%d", i);
    many[i] = (hz_entry){mnames[i], 0, "x", 1, 0, 0, 0, 0};
  }
  size_t mlen;
  char *mzip = hz_build(many, 30, &mlen);
  vb_diags *md = vb_diags_new();
  CHECK(vb_pkg_open_memory(mzip, mlen, "many.docx", NULL, md) == NULL);
  CHECK(vb_diags_errors(md) == 21);
  const vb_diag *last = vb_diags_get(md, 20);
  CHECK_STR(last ? last->message : NULL, "dừng kiểm tra sau 20 mục hỏng (gói có 30 mục)");
  vb_diags_free(md);
  free(mzip);
  /* Legitimate names pass: directories, dots inside names, Vietnamese. */
  hz_entry good[3] = {{"Configurations2/", 0, "", 0, 0, 0, 0, 0},
                      {"a..b/.hidden.xml", 0, "<a/>", 4, 0, 0, 0, 0},
                      {"Pictures/Ảnh đẹp.png", 0, "x", 1, 0, 0, 0, 0}};
  size_t len;
  char *zip = hz_build(good, 3, &len);
  vb_diags *d = vb_diags_new();
  vb_pkg *p = vb_pkg_open_memory(zip, len, "good.odt", NULL, d);
  CHECK(p && vb_pkg_count(p) == 3 && vb_diags_count(d) == 0);
  CHECK(p && vb_pkg_find(p, "Pictures/Ảnh đẹp.png") == 2);
  vb_pkg_free(p);
  vb_diags_free(d);
  free(zip);
}

static void test_duplicates(void) {
  hz_entry e[3] = {{"word/document.xml", 0, "<a/>", 4, 0, 0, 0, 0},
                   {"x.xml", 0, "<x/>", 4, 0, 0, 0, 0},
                   {"word/document.xml", 0, "<b/>", 4, 0, 0, 0, 0}};
  expect_refused(e, 3, NULL, "mục \"word/document.xml\" có hai lần (cũng là mục 1)");
  hz_entry c[2] = {{"word/Document.xml", 0, "<a/>", 4, 0, 0, 0, 0},
                   {"word/document.xml", 0, "<b/>", 4, 0, 0, 0, 0}};
  expect_refused(c, 2, NULL, "ở chữ hoa, chữ thường");
}

static void test_limits(void) {
  hz_entry e[11];
  char names[11][8];
  for (int i = 0; i < 11; i++) {
    snprintf(names[i], sizeof(names[i]), "f%d", i);
    e[i] = (hz_entry){names[i], 0, "0123456789abcdef", 16, 0, 0, 0, 0};
  }
  vb_pkg_limits lim;
  vb_pkg_limits_default(&lim);
  lim.max_entries = 10;
  expect_refused(e, 11, &lim, "có quá nhiều mục: 11, tối đa 10");
  vb_pkg_limits_default(&lim);
  lim.max_total = 100;
  expect_refused(e, 11, &lim, "khai tổng cộng 176 byte khi giải nén, tối đa là 100");
  vb_pkg_limits_default(&lim);
  lim.max_entry = 15;
  expect_refused(e, 1, &lim, "khai 16 byte khi giải nén, tối đa cho một mục là 15");
  /* Exactly at the limits is fine. */
  vb_pkg_limits_default(&lim);
  lim.max_entries = 11;
  lim.max_total = 176;
  lim.max_entry = 16;
  size_t len;
  char *zip = hz_build(e, 11, &len);
  vb_diags *d = vb_diags_new();
  vb_pkg *p = vb_pkg_open_memory(zip, len, "limits.docx", &lim, d);
  CHECK(p && vb_pkg_count(p) == 11);
  vb_pkg_free(p);
  vb_diags_free(d);
  free(zip);
}

static void test_zip_bomb(void) {
  const zip_uint64_t big = 300ull * 1024 * 1024;
  size_t clen;
  char *deflated = deflated_zeros(big, &clen);
  CHECK(clen > 0 && clen < big / 200);
  /* Honest headers: refused at open from the declared size. */
  hz_entry honest = {"word/document.xml", 0, deflated, clen, 8, 1, (uint32_t)big, 0};
  expect_refused(&honest, 1, NULL,
                 "khai 314572800 byte khi giải nén, tối đa cho một mục là 268435456");
  vb_pkg_limits lim;
  vb_pkg_limits_default(&lim);
  lim.max_entry = lim.max_total = 1ull << 30;
  expect_refused(&honest, 1, &lim, "vượt tỉ lệ cho phép 200:1");
  /* Lying headers: 1000 bytes declared. Opening succeeds (nothing is known
   * yet); reading stops right after byte 1000 instead of inflating 300 MiB. */
  hz_entry liar = {"word/document.xml", 0, deflated, clen, 8, 1, 1000, 0};
  size_t len;
  char *zip = hz_build(&liar, 1, &len);
  vb_diags *d = vb_diags_new();
  vb_pkg *p = vb_pkg_open_memory(zip, len, "bomb.docx", NULL, d);
  CHECK(p != NULL);
  if (p) {
    char *data = (char *)1;
    size_t n = 1;
    CHECK(vb_pkg_read(p, 0, &data, &n, d) == -1);
    CHECK(data == NULL && n == 0);
    CHECK_CONTAINS(first_message(d), "giải nén ra nhiều hơn 1000 byte mà đầu mục khai");
    const vb_diag *g = vb_diags_get(d, 0);
    CHECK_STR(g ? g->where : NULL, "entry 1 \"word/document.xml\"");
  }
  vb_pkg_free(p);
  vb_diags_free(d);
  free(zip);
  free(deflated);
}

static void test_encrypted_and_methods(void) {
  lz_entry e[2] = {{"content.xml", "<a/>", ZIP_CM_DEFLATE, 0},
                   {"secret.xml", "<b>hidden</b>", ZIP_CM_DEFLATE, 1}};
  size_t len;
  char *zip = lz_build(e, 2, &len);
  vb_diags *d = vb_diags_new();
  vb_pkg *p = vb_pkg_open_memory(zip, len, "locked.docx", NULL, d);
  CHECK(p == NULL);
  CHECK_CONTAINS(first_message(d),
                 "được mã hoá (có mật khẩu); vanban không đọc được tệp có mật khẩu");
  const vb_diag *g = vb_diags_get(d, 0);
  CHECK_STR(g ? g->where : NULL, "entry 2 \"secret.xml\"");
  vb_pkg_free(p);
  vb_diags_free(d);
  free(zip);

  hz_entry bz = {"word/document.xml", 0, "BZh9xxxx", 8, 12, 1, 100, 0};
  expect_refused(&bz, 1, NULL, "dùng phương pháp nén 12; chỉ đọc được store (0) và deflate (8)");
}

static void test_not_a_zip(void) {
  const char *text = "Kính gửi: Ủy ban nhân dân xã\nThis is a text file, not a package.\n";
  vb_diags *d = vb_diags_new();
  vb_pkg *p = vb_pkg_open_memory(text, strlen(text), "notes.docx", NULL, d);
  CHECK(p == NULL);
  CHECK_CONTAINS(first_message(d), "không phải gói DOCX/ODT (không phải tệp zip)");
  const vb_diag *g = vb_diags_get(d, 0);
  CHECK(g && g->code == VB_ETEMPLATE && g->hint != NULL);
  vb_diags_clear(d);

  p = vb_pkg_open_memory("", 0, "empty.docx", NULL, d);
  CHECK(p == NULL);
  CHECK_CONTAINS(first_message(d), "là tệp rỗng (0 byte)");
  vb_diags_clear(d);

  /* Truncated: a real zip without its last bytes. */
  lz_entry e[1] = {{"content.xml", "<a>some content here</a>", ZIP_CM_DEFLATE, 0}};
  size_t len;
  char *zip = lz_build(e, 1, &len);
  p = vb_pkg_open_memory(zip, len - 10, "cut.odt", NULL, d);
  CHECK(p == NULL);
  CHECK(vb_diags_errors(d) == 1);
  CHECK_CONTAINS(first_message(d), "là tệp zip bị cắt cụt hoặc bị hỏng");
  vb_diags_clear(d);
  /* Corrupt the central directory's copy of the name: local and central disagree. */
  char *bad = malloc(len);
  memcpy(bad, zip, len);
  for (size_t i = len - 22; i-- > 0;) {
    if (rd32((unsigned char *)bad + i) == 0x02014b50) {
      bad[i + 46] = 'C'; /* "content.xml" -> "Content.xml" */
      break;
    }
  }
  p = vb_pkg_open_memory(bad, len, "mismatch.odt", NULL, d);
  CHECK(p == NULL);
  CHECK_CONTAINS(first_message(d), "bị hỏng");
  vb_diags_clear(d);
  free(bad);
  free(zip);

  /* From a file: a missing file is an I/O error, a text file a template error. */
  p = vb_pkg_open_file(VB_BINARY_DIR "/no-such-template.docx", NULL, d);
  CHECK(p == NULL);
  g = vb_diags_get(d, 0);
  CHECK(g && g->code == VB_EIO);
  CHECK_STR(g ? g->file : NULL, VB_BINARY_DIR "/no-such-template.docx");
  vb_diags_clear(d);
  p = vb_pkg_open_file(VB_SOURCE_DIR "/CMakeLists.txt", NULL, d);
  CHECK(p == NULL);
  CHECK_CONTAINS(first_message(d), "không phải tệp zip");
  vb_diags_free(d);
}

static void *build_sample(size_t *len, int level) {
  vb_pkg_writer *w = vb_pkg_writer_new(level);
  vb_pkg_writer_add(w, "mimetype", "application/vnd.oasis.opendocument.text", 39, 1);
  vb_pkg_writer_add(w, "content.xml", DOC_XML, strlen(DOC_XML), 0);
  vb_pkg_writer_add(w, "styles.xml", DOC_XML, strlen(DOC_XML), 0);
  vb_pkg_writer_add(w, "Pictures/", "", 0, 0);
  vb_diags *d = vb_diags_new();
  void *out = NULL;
  CHECK(vb_pkg_writer_finish_memory(w, &out, len, d) == 0);
  vb_pkg_writer_free(w);
  vb_diags_free(d);
  return out;
}

static void test_determinism(void) {
  size_t l1, l2, l3;
  void *a = build_sample(&l1, -1);
  void *b = build_sample(&l2, -1);
  CHECK(a && b && l1 == l2 && memcmp(a, b, l1) == 0);
  void *c = build_sample(&l3, 1); /* another level: still a valid, deterministic zip */
  zinfo zi = inspect(c, l3);
  CHECK(zi.ok && zi.n == 4 && zi.all_extra_zero && zi.all_time_epoch && zi.attrs_ok);
  /* Independent of the time zone: libzip converts DOS times through local time. */
  const char *old_tz = getenv("TZ");
  char *saved = old_tz ? vb_xstrdup(old_tz) : NULL;
  setenv("TZ", "Asia/Ho_Chi_Minh", 1);
  size_t l4;
  void *e = build_sample(&l4, -1);
  CHECK(e && l4 == l1 && memcmp(a, e, l1) == 0);
  if (saved)
    setenv("TZ", saved, 1);
  else
    unsetenv("TZ");
  free(saved);
  free(a);
  free(b);
  free(c);
  free(e);
  /* A writer with no entries still gives a valid (empty) zip. */
  vb_pkg_writer *w = vb_pkg_writer_new(-1);
  vb_diags *d = vb_diags_new();
  void *z;
  size_t zl;
  CHECK(vb_pkg_writer_finish_memory(w, &z, &zl, d) == 0 && zl == 22);
  vb_pkg_writer_free(w);
  free(z);
  /* Duplicate or unsafe names are caller bugs, reported at finish. */
  w = vb_pkg_writer_new(-1);
  vb_pkg_writer_add(w, "a.xml", "1", 1, 0);
  vb_pkg_writer_add(w, "a.xml", "2", 1, 0);
  CHECK(vb_pkg_writer_finish_memory(w, &z, &zl, d) == -1 && z == NULL);
  CHECK_CONTAINS(first_message(d), "mục \"a.xml\" được thêm hai lần");
  CHECK(vb_diags_status(d) == VB_EINTERNAL);
  vb_pkg_writer_free(w);
  vb_diags_clear(d);
  w = vb_pkg_writer_new(-1);
  vb_pkg_writer_add(w, "../x.xml", "1", 1, 0);
  CHECK(vb_pkg_writer_finish_memory(w, &z, &zl, d) == -1);
  CHECK_CONTAINS(first_message(d), "đoạn đường dẫn '..'");
  vb_pkg_writer_free(w);
  vb_diags_free(d);
}

static void test_mimetype_first(void) {
  size_t len;
  unsigned char *z = build_sample(&len, -1);
  zinfo zi = inspect(z, len);
  CHECK_STR(zi.first_local, "mimetype");
  CHECK_STR(zi.first_central, "mimetype");
  CHECK(zi.first_method == 0);
  CHECK(rd16(z + 28) == 0); /* first local header: extra field length */
  CHECK(memcmp(z + 30, "mimetype", 8) == 0);
  CHECK(memcmp(z + 38, "application/vnd.oasis.opendocument.text", 39) == 0);
  free(z);
  /* Added last and deflated: the writer still puts it first, stored. */
  vb_pkg_writer *w = vb_pkg_writer_new(-1);
  vb_pkg_writer_add(w, "content.xml", DOC_XML, strlen(DOC_XML), 0);
  vb_pkg_writer_add(w, "mimetype", "application/vnd.oasis.opendocument.text", 39, 0);
  vb_diags *d = vb_diags_new();
  void *out;
  CHECK(vb_pkg_writer_finish_memory(w, &out, &len, d) == 0);
  zi = inspect(out, len);
  CHECK_STR(zi.first_local, "mimetype");
  CHECK(zi.first_method == 0 && zi.all_extra_zero);
  vb_pkg_writer_free(w);
  /* And a raw copy of a deflated mimetype is stored too. */
  lz_entry e[2] = {{"content.xml", DOC_XML, ZIP_CM_DEFLATE, 0},
                   {"mimetype", "application/vnd.oasis.opendocument.text", ZIP_CM_DEFLATE, 0}};
  size_t sl;
  char *srczip = lz_build(e, 2, &sl);
  vb_pkg *src = vb_pkg_open_memory(srczip, sl, "sloppy.odt", NULL, d);
  CHECK(src != NULL);
  void *out2 = NULL;
  if (src) {
    w = vb_pkg_writer_new(-1);
    vb_pkg_writer_copy_raw(w, src, 0);
    vb_pkg_writer_copy_raw(w, src, 1);
    CHECK(vb_pkg_writer_finish_memory(w, &out2, &len, d) == 0);
    zi = inspect(out2, len);
    CHECK_STR(zi.first_local, "mimetype");
    CHECK(zi.first_method == 0 && zi.all_extra_zero);
    vb_pkg_writer_free(w);
  }
  vb_pkg_free(src);
  free(out2);
  free(srczip);
  free(out);
  vb_diags_free(d);
}

/* Compressed bytes of entry i, read with libzip directly. */
static char *compressed_bytes(const void *zip, size_t len, const char *name, size_t *clen,
                              int *method) {
  zip_source_t *s = zip_source_buffer_create(zip, len, 0, NULL);
  zip_t *za = zip_open_from_source(s, ZIP_RDONLY, NULL);
  if (!za) {
    zip_source_free(s);
    return NULL;
  }
  zip_int64_t i = zip_name_locate(za, name, 0);
  zip_stat_t st;
  char *out = NULL;
  if (i >= 0 && zip_stat_index(za, (zip_uint64_t)i, 0, &st) == 0) {
    out = malloc(st.comp_size + 1);
    zip_file_t *zf = zip_fopen_index(za, (zip_uint64_t)i, ZIP_FL_COMPRESSED);
    zip_int64_t r = zf ? zip_fread(zf, out, st.comp_size) : -1;
    if (zf) zip_fclose(zf);
    *clen = r < 0 ? 0 : (size_t)r;
    *method = st.comp_method;
  }
  zip_discard(za);
  return out;
}

static void test_raw_copy(void) {
  /* The source: a deflated entry (with libzip's own level, which this
   * writer's default would not reproduce), a stored one, and one whose
   * "deflate" bytes are garbage with a made-up CRC. Inflating the garbage would
   * fail, so copying it proves that nothing is inflated or deflated again. */
  char big[4000];
  for (size_t i = 0; i < sizeof(big); i++)
    big[i] = "Hà Nội, ngày 1 tháng 1 "[i % 27];
  big[sizeof(big) - 1] = '\0';
  size_t dlen;
  char *deflated = deflated_zeros(2000, &dlen);
  char garbage[64];
  for (size_t i = 0; i < sizeof(garbage); i++)
    garbage[i] = (char)(0xFF - i);
  hz_entry e[4] = {{"word/document.xml", 0, deflated, dlen, 8, 1, 2000, 0},
                   {"word/media/image1.png", 0, big, sizeof(big), 0, 0, 0, 0},
                   {"word/garbage.bin", 0, garbage, sizeof(garbage), 8, 1, 5000, 0x12345678},
                   {"word/styles.xml", 0, big, sizeof(big), 0, 0, 0, 0}};
  /* Fix the CRC of the zeros entry, so reading it back is a real check. */
  char *zeros2000 = calloc(1, 2000);
  e[0].crc = crc32_of(zeros2000, 2000);
  size_t slen;
  char *srczip = hz_build(e, 4, &slen);
  vb_diags *d = vb_diags_new();
  vb_pkg *src = vb_pkg_open_memory(srczip, slen, "src.docx", NULL, d);
  CHECK(src != NULL);
  if (!src) goto out;
  vb_pkg_writer *w = vb_pkg_writer_new(9);
  vb_pkg_writer_copy_raw(w, src, 0);
  vb_pkg_writer_copy_raw(w, src, 1);
  vb_pkg_writer_copy_raw(w, src, 2);
  vb_pkg_writer_add(w, "word/new.xml", DOC_XML, strlen(DOC_XML), 0);
  void *out;
  size_t olen;
  CHECK(vb_pkg_writer_finish_memory(w, &out, &olen, d) == 0);
  vb_pkg_writer_free(w);
  const char *names[3] = {"word/document.xml", "word/media/image1.png", "word/garbage.bin"};
  for (int i = 0; i < 3; i++) {
    size_t a, b;
    int ma = -1, mb = -2;
    char *ca = compressed_bytes(srczip, slen, names[i], &a, &ma);
    char *cb = compressed_bytes(out, olen, names[i], &b, &mb);
    CHECK(ca && cb && a == b && a > 0 && memcmp(ca, cb, a) == 0);
    CHECK(ma == mb);
    free(ca);
    free(cb);
  }
  zinfo zi = inspect(out, olen);
  CHECK(zi.ok && zi.n == 4 && zi.all_extra_zero && zi.all_time_epoch && zi.same_made_by);
  CHECK(zi.attrs_ok);
  vb_pkg *p = vb_pkg_open_memory(out, olen, "out.docx", NULL, d);
  CHECK(p != NULL);
  if (p) {
    size_t n;
    char *s = read_entry(p, "word/document.xml", &n, d);
    CHECK(s && n == 2000 && memcmp(s, zeros2000, 2000) == 0);
    free(s);
    s = read_entry(p, "word/media/image1.png", &n, d);
    CHECK(s && n == sizeof(big) && memcmp(s, big, n) == 0);
    free(s);
    CHECK(vb_diags_count(d) == 0);
    /* The garbage was copied, never inflated: reading it now fails. */
    s = read_entry(p, "word/garbage.bin", &n, d);
    CHECK(s == NULL);
    CHECK_CONTAINS(first_message(d), "không giải nén được mục này");
    vb_pkg_free(p);
  }
  free(out);
out:
  vb_pkg_free(src);
  vb_diags_free(d);
  free(srczip);
  free(deflated);
  free(zeros2000);
}

static void test_finish_file(void) {
  char path[] = VB_BINARY_DIR "/test_pkg_out.odt";
  vb_pkg_writer *w = vb_pkg_writer_new(-1);
  vb_pkg_writer_add(w, "mimetype", "application/vnd.oasis.opendocument.text", 39, 1);
  vb_pkg_writer_add(w, "content.xml", DOC_XML, strlen(DOC_XML), 0);
  vb_diags *d = vb_diags_new();
  CHECK(vb_pkg_writer_finish_file(w, path, d) == 0);
  vb_pkg_writer_free(w);
  vb_pkg *p = vb_pkg_open_file(path, NULL, d);
  CHECK(p && vb_pkg_count(p) == 2);
  CHECK_STR(vb_pkg_display_name(p), path);
  vb_pkg_free(p);
  remove(path);
  w = vb_pkg_writer_new(-1);
  vb_pkg_writer_add(w, "content.xml", DOC_XML, strlen(DOC_XML), 0);
  CHECK(vb_pkg_writer_finish_file(w, VB_BINARY_DIR "/no/such/dir/out.odt", d) == -1);
  CHECK(vb_diags_status(d) == VB_EIO);
  vb_pkg_writer_free(w);
  vb_diags_free(d);
}

/* For tests/e2e/test_pkg_odt.sh: a minimal ODF 1.3 text document, written,
 * read back and raw-copied into path with the mimetype added last, so that
 * check-odt judges what the writer's reordering and raw copies produce. */
static const char ODT_CONTENT[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.3\">"
    "<office:body><office:text><text:p>Xin chào Hà Nội</text:p></office:text></office:body>"
    "</office:document-content>";
static const char ODT_STYLES[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<office:document-styles xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "office:version=\"1.3\"/>";
static const char ODT_MANIFEST[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" "
    "manifest:version=\"1.3\">"
    "<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\" "
    "manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
    "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
    "<manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/>"
    "</manifest:manifest>";

static int write_odt(const char *path) {
  vb_diags *d = vb_diags_new();
  vb_pkg_writer *w = vb_pkg_writer_new(-1);
  vb_pkg_writer_add(w, "mimetype", "application/vnd.oasis.opendocument.text", 39, 1);
  vb_pkg_writer_add(w, "META-INF/manifest.xml", ODT_MANIFEST, strlen(ODT_MANIFEST), 0);
  vb_pkg_writer_add(w, "content.xml", ODT_CONTENT, strlen(ODT_CONTENT), 0);
  vb_pkg_writer_add(w, "styles.xml", ODT_STYLES, strlen(ODT_STYLES), 0);
  void *first = NULL;
  size_t len;
  int rc = vb_pkg_writer_finish_memory(w, &first, &len, d);
  vb_pkg_writer_free(w);
  vb_pkg *p = rc == 0 ? vb_pkg_open_memory(first, len, "first.odt", NULL, d) : NULL;
  if (p) {
    w = vb_pkg_writer_new(-1);
    for (size_t i = vb_pkg_count(p); i-- > 0;)
      vb_pkg_writer_copy_raw(w, p, i);
    rc = vb_pkg_writer_finish_file(w, path, d);
    vb_pkg_writer_free(w);
  } else {
    rc = -1;
  }
  for (size_t i = 0; i < vb_diags_count(d); i++)
    fprintf(stderr, "%s\n", vb_diag_text(vb_diags_get(d, i)));
  vb_pkg_free(p);
  free(first);
  vb_diags_free(d);
  return rc == 0 ? 0 : 1;
}

int main(int argc, char **argv) {
  if (argc == 3 && strcmp(argv[1], "--write-odt") == 0) return write_odt(argv[2]);
  test_round_trip();
  test_evil_names();
  test_duplicates();
  test_limits();
  test_zip_bomb();
  test_encrypted_and_methods();
  test_not_a_zip();
  test_determinism();
  test_mimetype_first();
  test_raw_copy();
  test_finish_file();
  TEST_MAIN_END();
}
