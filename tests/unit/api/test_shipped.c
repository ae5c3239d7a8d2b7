/* The shipped templates compiled into the library: each is the package
 * vb_pack_memory makes from its sources in git (and so the file `vanban pack`
 * writes), opens by name and format without reading a file, and an unknown
 * name is an error that lists the shipped ones. */
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "vanban.h"

static void test_each_is_its_sources_packed(void) {
  size_t n = 0;
  const char *name;
  vb_format_kind fmt;
  const void *bytes;
  size_t len;
  for (; vb_shipped_template(n, &name, &fmt, &bytes, &len) == 0; n++) {
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/templates/%s/%s", VB_SOURCE_DIR, name,
             fmt == VB_FORMAT_ODT ? "odt" : "docx");
    vb_diags *d = vb_diags_new();
    void *packed = NULL;
    size_t plen = 0;
    CHECK(vb_pack_memory(dir, &packed, &plen, d) == VB_OK);
    CHECK(plen == len && packed && memcmp(packed, bytes, len) == 0);
    vb_template *t = vb_template_open_shipped(name, fmt, 0, d);
    CHECK(t != NULL);
    CHECK(vb_template_format(t) == fmt);
    CHECK(vb_template_field_count(t) > 10);
    CHECK(vb_diags_count(d) == 0);
    vb_template_free(t);
    free(packed);
    vb_diags_free(d);
  }
  CHECK(n == 6); /* bao-cao, thong-bao and doi-chieu, DOCX and ODT */
  CHECK(vb_shipped_template(n, NULL, NULL, NULL, NULL) == -1);
}

static void test_unknown_name(void) {
  vb_diags *d = vb_diags_new();
  CHECK(vb_template_open_shipped("cong-van", VB_FORMAT_DOCX, 0, d) == NULL);
  CHECK(vb_diags_errors(d) == 1);
  if (vb_diags_count(d)) {
    const char *text = vb_diag_text(vb_diags_get(d, 0));
    CHECK_CONTAINS(text, "\"cong-van\"");
    CHECK_CONTAINS(text, "bao-cao");
    CHECK_CONTAINS(text, "thong-bao");
    CHECK_CONTAINS(text, "doi-chieu");
  }
  CHECK(vb_template_open_shipped(NULL, VB_FORMAT_ODT, 0, d) == NULL);
  vb_diags_free(d);
}

static void test_pack_errors(void) {
  vb_diags *d = vb_diags_new();
  void *out = (void *)1;
  size_t len = 1;
  CHECK(vb_pack_memory(VB_SOURCE_DIR "/no/such/dir", &out, &len, d) == VB_EUSAGE);
  CHECK(out == NULL && len == 0);
  CHECK(vb_diags_count(d) == 1 &&
        strstr(vb_diag_text(vb_diags_get(d, 0)), "không phải một thư mục"));
  vb_diags_free(d);
}

int main(void) {
  test_each_is_its_sources_packed();
  test_unknown_name();
  test_pack_errors();
  TEST_MAIN_END();
}
