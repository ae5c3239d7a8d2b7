/* Shards and the batch manifest (src/batch): a key's shard is fixed by its
 * SHA-256 alone; manifest lines written and read back, later lines over
 * earlier, a new render forgetting the old PDF, a line cut by a crash and a
 * missing file ignored. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch/manifest.h"
#include "batch/units.h"
#include "test.h"
#include "util/diag.h"
#include "util/fileio.h"

static void test_shards(void) {
  /* The same numbers as python3 -c "int.from_bytes(hashlib.sha256(k).digest()[:8], 'big') % n". */
  CHECK(vb_units_shard("XA01.docx", 3) == 1);
  CHECK(vb_units_shard("XA02.docx", 3) == 1);
  CHECK(vb_units_shard("a/b.docx", 3) == 0);
  CHECK(vb_units_shard("XA01.docx", 16) == 12);
  CHECK(vb_units_shard("XA02.docx", 1000) == 325);
  CHECK(vb_units_shard("XA02.docx", 1) == 0);
  /* Spread: 3,000 keys over 3 shards, none far from a third. */
  size_t count[3] = {0};
  char key[32];
  for (int i = 0; i < 3000; i++) {
    snprintf(key, sizeof key, "XA%04d.docx", i);
    count[vb_units_shard(key, 3)]++;
  }
  for (int k = 0; k < 3; k++)
    CHECK(count[k] > 900 && count[k] < 1100);
  CHECK(vb_units_base_len("out/{ma}.docx") == 4);
  CHECK(vb_units_base_len("/srv/a/b/{ma}/bc.docx") == 9);
  CHECK(vb_units_base_len("{ma}/bc.docx") == 0);
  CHECK(vb_units_base_len("out/all.docx") == 4);
}

static void test_lines(void) {
  char path[] = "/tmp/vb-manifest-test.XXXXXX";
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  close(fd);
  vb_buf b = VB_BUF_INIT;
  vb_manifest_line_head(&b, 3, 0, 2, 2, "out/{ma}.docx");
  const char *w[] = {"$.a: \"quoted\"\nand a new line"};
  vb_manifest_line_unit(&b, "A.docx", 1, "đơn vị 1 (A)", "in1", "A.docx", "sha-a", w, 1, NULL);
  vb_manifest_line_unit(&b, "B.docx", 2, "đơn vị 2 (B)", "in2", "B.docx", NULL, NULL, 0, "bad data");
  vb_manifest_line_pdf(&b, "A.docx", "A.pdf", "pdf-a", NULL);
  /* B rendered again: its error is gone. */
  vb_manifest_line_unit(&b, "B.docx", 2, "đơn vị 2 (B)", "in2", "B.docx", "sha-b", NULL, 0, NULL);
  vb_manifest_line_pdf(&b, "B.docx", "B.pdf", NULL, "LibreOffice did not convert it");
  /* A rendered again: the old PDF is forgotten. */
  vb_manifest_line_unit(&b, "A.docx", 1, "đơn vị 1 (A)", "in1b", "A.docx", "sha-a2", NULL, 0, NULL);
  vb_buf_puts(&b, "{\"key\":\"C.docx\",\"sha256\":\"cut"); /* a crash mid-line */
  vb_diags *d = vb_diags_new();
  CHECK(vb_write_file_atomic(path, b.data, b.len, d) == 0);
  CHECK_CONTAINS(b.data, "\"warnings\":[\"$.a: \\\"quoted\\\"\\nand a new line\"]");
  CHECK_CONTAINS(b.data, "\"error\":\"bad data\"");

  vb_manifest m = {0};
  CHECK(vb_manifest_read(&m, path, d) == 0);
  CHECK(m.n == 2);
  CHECK(m.bad_lines == 1);
  const vb_manifest_rec *a = vb_manifest_find(&m, "A.docx");
  const vb_manifest_rec *c = vb_manifest_find(&m, "B.docx");
  CHECK(a && c);
  CHECK(!vb_manifest_find(&m, "C.docx"));
  if (a && c) {
    CHECK_STR(a->sha256, "sha-a2");
    CHECK_STR(a->input, "in1b");
    CHECK(a->pdf_sha256 == NULL && a->pdf == NULL);
    CHECK(a->warnings && a->warnings->u.arr.len == 0);
    CHECK_STR(c->sha256, "sha-b");
    CHECK(c->error == NULL);
    CHECK_STR(c->pdf_error, "LibreOffice did not convert it");
    CHECK_STR(c->label, "đơn vị 2 (B)");
    /* The combined line reads back as the same record. */
    vb_buf one = VB_BUF_INIT;
    vb_manifest_line_rec(&one, c);
    vb_manifest_line_rec(&one, a);
    char p2[] = "/tmp/vb-manifest-test2.XXXXXX";
    int fd2 = mkstemp(p2);
    CHECK(fd2 >= 0);
    close(fd2);
    CHECK(vb_write_file_atomic(p2, one.data, one.len, d) == 0);
    vb_manifest m2 = {0};
    CHECK(vb_manifest_read(&m2, p2, d) == 0);
    const vb_manifest_rec *c2 = vb_manifest_find(&m2, "B.docx");
    CHECK(m2.n == 2 && c2 && c2->pdf_error && !strcmp(c2->pdf_error, c->pdf_error));
    CHECK(c2 && c2->sha256 && !strcmp(c2->sha256, "sha-b"));
    vb_manifest_free(&m2);
    vb_buf_free(&one);
    unlink(p2);
  }
  /* A second file merged over the first. */
  vb_buf_clear(&b);
  vb_manifest_line_unit(&b, "C.docx", 3, "đơn vị 3 (C)", "in3", "C.docx", "sha-c", NULL, 0, NULL);
  char p3[] = "/tmp/vb-manifest-test3.XXXXXX";
  int fd3 = mkstemp(p3);
  CHECK(fd3 >= 0);
  close(fd3);
  CHECK(vb_write_file_atomic(p3, b.data, b.len, d) == 0);
  CHECK(vb_manifest_read(&m, p3, d) == 0);
  CHECK(m.n == 3 && vb_manifest_find(&m, "C.docx") && vb_manifest_find(&m, "A.docx"));
  /* Many keys: the index grows. */
  for (int i = 0; i < 500; i++) {
    vb_buf_clear(&b);
    char key[32];
    snprintf(key, sizeof key, "K%d.docx", i);
    vb_manifest_line_unit(&b, key, (size_t)i, "u", "in", key, "s", NULL, 0, NULL);
    CHECK(vb_write_file_replace(p3, b.data, b.len, d) == 0);
    CHECK(vb_manifest_read(&m, p3, d) == 0);
  }
  CHECK(m.n == 503 && vb_manifest_find(&m, "K0.docx") && vb_manifest_find(&m, "K499.docx"));
  unlink(p3);
  unlink(path);
  vb_manifest m3 = {0};
  CHECK(vb_manifest_read(&m3, path, d) == 0 && m3.n == 0); /* no file: nothing */
  vb_manifest_free(&m3);
  vb_manifest_free(&m);
  vb_buf_free(&b);
  vb_diags_free(d);
}

int main(void) {
  test_shards();
  test_lines();
  TEST_MAIN_END();
}
