/* Atomic writes and bounded reads: every check looks at what is on disk. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"
#include "util/buf.h"
#include "util/fileio.h"

static char dir[512];

static char *path_in(const char *name) { return vb_xasprintf("%s/%s", dir, name); }

/* Names in dir, sorted, joined by spaces: "a b c". */
static char *listing(const char *where) {
  DIR *dp = opendir(where);
  char *names[64];
  size_t n = 0;
  struct dirent *de;
  while (dp && (de = readdir(dp)) && n < 64)
    if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) names[n++] = vb_xstrdup(de->d_name);
  if (dp) closedir(dp);
  for (size_t i = 1; i < n; i++)
    for (size_t k = i; k > 0 && strcmp(names[k - 1], names[k]) > 0; k--) {
      char *t = names[k];
      names[k] = names[k - 1];
      names[k - 1] = t;
    }
  vb_buf b = VB_BUF_INIT;
  for (size_t i = 0; i < n; i++) {
    if (i) vb_buf_putc(&b, ' ');
    vb_buf_puts(&b, names[i]);
    free(names[i]);
  }
  return vb_buf_detach(&b, NULL);
}

static char *slurp(const char *path, size_t *len) {
  char *data;
  vb_diags *d = vb_diags_new();
  if (vb_read_file(path, 1 << 20, &data, len, d) != 0) data = NULL;
  vb_diags_free(d);
  return data;
}

static void test_write_new_and_overwrite(void) {
  vb_diags *d = vb_diags_new();
  char *p = path_in("out.docx");
  CHECK(vb_write_file_atomic(p, "first", 5, d) == 0);
  size_t len;
  char *s = slurp(p, &len);
  CHECK(s && len == 5 && strcmp(s, "first") == 0);
  free(s);
  struct stat st;
  CHECK(stat(p, &st) == 0 && (st.st_mode & 0777) == 0644); /* umask is 022 here */
  /* Overwrite: new content, old permissions kept, no temp file left. */
  chmod(p, 0600);
  CHECK(vb_write_file_atomic(p, "second, longer", 14, d) == 0);
  s = slurp(p, &len);
  CHECK(s && len == 14 && strcmp(s, "second, longer") == 0);
  free(s);
  CHECK(stat(p, &st) == 0 && (st.st_mode & 0777) == 0600);
  char *l = listing(dir);
  CHECK_STR(l, "out.docx");
  free(l);
  /* Empty content is a valid file. */
  CHECK(vb_write_file_atomic(p, "", 0, d) == 0);
  CHECK(stat(p, &st) == 0 && st.st_size == 0);
  CHECK(vb_diags_count(d) == 0);
  unlink(p);
  free(p);
  vb_diags_free(d);
}

static void test_write_failures(void) {
  vb_diags *d = vb_diags_new();
  /* The directory does not exist. */
  char *p = path_in("missing/out.docx");
  CHECK(vb_write_file_atomic(p, "x", 1, d) == -1);
  const vb_diag *g = vb_diags_get(d, 0);
  CHECK(g && g->code == VB_EIO);
  CHECK_STR(g ? g->file : NULL, p);
  CHECK_CONTAINS(g ? g->message : NULL, "không có tệp hay thư mục này");
  CHECK(g && g->hint != NULL);
  free(p);
  vb_diags_clear(d);
  /* The path is a directory (with a file in it): it is left as it was. */
  char *sub = path_in("sub");
  mkdir(sub, 0755);
  char *inner = path_in("sub/keep.txt");
  CHECK(vb_write_file_atomic(inner, "keep", 4, d) == 0);
  CHECK(vb_write_file_atomic(sub, "x", 1, d) == -1);
  g = vb_diags_get(d, 0);
  CHECK(g && g->code == VB_EIO);
  CHECK_CONTAINS(g ? g->message : NULL, "tệp cũ, nếu có, vẫn giữ nguyên");
  char *l = listing(dir);
  CHECK_STR(l, "sub"); /* no temp file left next to it */
  free(l);
  size_t len;
  char *s = slurp(inner, &len);
  CHECK(s && strcmp(s, "keep") == 0);
  free(s);
  vb_diags_clear(d);
  /* An existing file in a read-only directory: cannot even create the temp
   * file, and the file is untouched. (root ignores permissions: skip.) */
  if (geteuid() != 0) {
    chmod(sub, 0555);
    CHECK(vb_write_file_atomic(inner, "new", 3, d) == -1);
    CHECK(vb_diags_status(d) == VB_EIO);
    CHECK_CONTAINS(vb_diags_get(d, 0) ? vb_diags_get(d, 0)->message : NULL, "không có quyền");
    s = slurp(inner, &len);
    CHECK(s && strcmp(s, "keep") == 0);
    free(s);
    chmod(sub, 0755);
    l = listing(sub);
    CHECK_STR(l, "keep.txt");
    free(l);
  }
  unlink(inner);
  rmdir(sub);
  free(inner);
  free(sub);
  vb_diags_free(d);
}

static void test_read(void) {
  vb_diags *d = vb_diags_new();
  char *p = path_in("data.json");
  CHECK(vb_write_file_atomic(p, "{\"a\": 1}", 8, d) == 0);
  char *data;
  size_t len;
  CHECK(vb_read_file(p, 8, &data, &len, d) == 0);
  CHECK(data && len == 8 && strcmp(data, "{\"a\": 1}") == 0);
  free(data);
  CHECK(vb_read_file(p, 7, &data, &len, d) == -1);
  CHECK(data == NULL && len == 0);
  const vb_diag *g = vb_diags_get(d, 0);
  CHECK(g && g->code == VB_EIO);
  CHECK_STR(g ? g->file : NULL, p);
  CHECK_CONTAINS(g ? g->message : NULL, "tệp quá lớn: 8 byte, tối đa 7 byte");
  vb_diags_clear(d);
  CHECK(vb_read_file(dir, 100, &data, &len, d) == -1);
  CHECK_CONTAINS(vb_diags_get(d, 0) ? vb_diags_get(d, 0)->message : NULL, "là một thư mục");
  vb_diags_clear(d);
  char *missing = path_in("nope.json");
  CHECK(vb_read_file(missing, 100, &data, &len, d) == -1);
  CHECK_CONTAINS(vb_diags_get(d, 0) ? vb_diags_get(d, 0)->message : NULL,
                 "không có tệp hay thư mục này");
  unlink(p);
  free(p);
  free(missing);
  vb_diags_free(d);
}

/* The same file in chunks: every byte once, then 0; the limit as in
 * vb_read_file, also for a device whose size says nothing. */
static void test_reader(void) {
  vb_diags *d = vb_diags_new();
  char *p = path_in("chunks.json");
  CHECK(vb_write_file_atomic(p, "0123456789abcdefghij", 20, d) == 0);
  vb_reader r;
  CHECK(vb_reader_open(&r, p, 20, d) == 0);
  CHECK(r.regular && r.size == 20);
  vb_buf got = VB_BUF_INIT;
  char chunk[7];
  long n;
  while ((n = vb_reader_read(&r, chunk, sizeof chunk, d)) > 0)
    vb_buf_put(&got, chunk, (size_t)n);
  CHECK(n == 0 && got.len == 20 && memcmp(got.data, "0123456789abcdefghij", 20) == 0);
  vb_reader_close(&r);
  CHECK(vb_diags_count(d) == 0);
  CHECK(vb_reader_open(&r, p, 19, d) == -1);
  CHECK_CONTAINS(vb_diags_get(d, 0) ? vb_diags_get(d, 0)->message : NULL,
                 "tệp quá lớn: 20 byte, tối đa 19 byte");
  vb_diags_clear(d);
  CHECK(vb_reader_open(&r, "/dev/zero", 100, d) == 0);
  CHECK(!r.regular);
  size_t total = 0;
  while ((n = vb_reader_read(&r, chunk, sizeof chunk, d)) > 0)
    total += (size_t)n;
  CHECK(n == -1 && total <= 100);
  CHECK_CONTAINS(vb_diags_get(d, 0) ? vb_diags_get(d, 0)->message : NULL,
                 "tệp quá lớn: hơn 100 byte");
  vb_reader_close(&r);
  unlink(p);
  free(p);
  vb_buf_free(&got);
  vb_diags_free(d);
}

int main(void) {
  umask(022);
  snprintf(dir, sizeof(dir), "%s/test_fileio.XXXXXX", VB_BINARY_DIR);
  if (!mkdtemp(dir)) {
    perror("mkdtemp");
    return 1;
  }
  test_write_new_and_overwrite();
  test_write_failures();
  test_read();
  test_reader();
  rmdir(dir);
  TEST_MAIN_END();
}
