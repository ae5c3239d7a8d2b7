/* The update layer on its own (no public API): a template compiled by tpl,
 * rendered with marks, the document then edited the way a person would, and
 * vb_update_package given new data — for DOCX and ODT. Asserts that values
 * are found and rewritten, that text a person changed is kept (and replaced
 * with VB_UPDATE_FORCE), that a value with inline emphasis is kept (its
 * pieces cannot be rewritten), that a loop can grow and shrink, and that a document
 * of the other format is refused. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/json.h"
#include "test.h"
#include "tpl/package.h"
#include "update/update.h"
#include "util/diag.h"
#include "util/fileio.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

static char dir[] = "/tmp/vb-test-update.XXXXXX";

typedef struct fmt_case {
  const char *ext;
  const char *part; /* the part with the values */
  const char *names[3], *contents[3];
  const char *lead; /* the template's text before {{ tong }} as rendered */
} fmt_case;

static const fmt_case docx = {
    "docx",
    "word/document.xml",
    {"[Content_Types].xml", "word/document.xml", NULL},
    {"<?xml version=\"1.0\"?><Types "
     "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
     "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"" W_NS
     "\"><w:body><w:p><w:r><w:t>Tổng số: {{ tong }} hộ; tỷ lệ {{ ty_le }}.</w:t></w:r></w:p>"
     "<w:p><w:r><w:t>{%p for x in ds %}</w:t></w:r></w:p><w:p><w:r><w:t>{{ x.ten }}</w:t></w:r>"
     "</w:p><w:p><w:r><w:t>{%p endfor %}</w:t></w:r></w:p>"
     "<w:p><w:r><w:t>{{ ghi_chu | dinh_dang }}</w:t></w:r></w:p>"
     "<w:sectPr/></w:body></w:document>",
     NULL},
    "<w:t xml:space=\"preserve\">Tổng số: </w:t>"};

static const fmt_case odt = {
    "odt",
    "content.xml",
    {"mimetype", "content.xml", "META-INF/manifest.xml"},
    {"application/vnd.oasis.opendocument.text",
     "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content "
     "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
     "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>"
     "<text:p>Tổng số: {{ tong }} hộ; tỷ lệ {{ ty_le }}.</text:p>"
     "<text:p>{%p for x in ds %}</text:p><text:p>{{ x.ten }}</text:p><text:p>{%p endfor %}"
     "</text:p><text:p>{{ ghi_chu | dinh_dang }}</text:p></office:text></office:body>"
     "</office:document-content>",
     "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest "
     "xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"/>"},
    "<text:p>Tổng số: "};

static int compile(const fmt_case *f, vb_tpl_package *tp, vb_diags *d) {
  vb_pkg_writer *w = vb_pkg_writer_new(-1);
  for (int i = 0; i < 3 && f->names[i]; i++)
    vb_pkg_writer_add(w, f->names[i], f->contents[i], strlen(f->contents[i]), i == 0 && f == &odt);
  void *zip;
  size_t len;
  vb_pkg_writer_finish_memory(w, &zip, &len, d);
  vb_pkg_writer_free(w);
  char *path = vb_xasprintf("%s/template.%s", dir, f->ext);
  vb_write_file_atomic(path, zip, len, d);
  free(zip);
  memset(tp, 0, sizeof *tp);
  int rc = vb_tpl_package_compile(tp, vb_pkg_open_file(path, NULL, d), "template", d);
  free(path);
  return rc;
}

static vb_value *data(vb_arena *a, const char *json, vb_diags *d) {
  return vb_json_parse(a, json, strlen(json), "data.json", d);
}

static char *path_of(const fmt_case *f, const char *name) {
  return vb_xasprintf("%s/%s.%s", dir, name, f->ext);
}

/* The values part of the package at path (malloc'd). */
static char *part_of(const fmt_case *f, const char *path, vb_diags *d) {
  vb_pkg *p = vb_pkg_open_file(path, NULL, d);
  if (!p) return NULL;
  char *xml = NULL;
  size_t len;
  long i = vb_pkg_find(p, f->part);
  if (i >= 0) vb_pkg_read(p, (size_t)i, &xml, &len, d);
  vb_pkg_free(p);
  return xml;
}

/* Write the package at `from` to `to` with every `old` in the values part
 * replaced by `new_text` (a person's edit). */
static void edit(const fmt_case *f, const char *from, const char *to, const char *old,
                 const char *new_text, vb_diags *d) {
  vb_pkg *p = vb_pkg_open_file(from, NULL, d);
  vb_pkg_writer *w = vb_pkg_writer_new(-1);
  for (size_t i = 0; p && i < vb_pkg_count(p); i++) {
    const char *name = vb_pkg_name(p, i);
    if (strcmp(name, f->part) != 0) {
      vb_pkg_writer_copy_raw(w, p, i);
      continue;
    }
    char *xml;
    size_t len;
    vb_pkg_read(p, i, &xml, &len, d);
    vb_buf b = VB_BUF_INIT;
    for (const char *s = xml, *hit; *s; s = hit + strlen(old)) {
      hit = strstr(s, old);
      if (!hit) {
        vb_buf_puts(&b, s);
        break;
      }
      vb_buf_put(&b, s, (size_t)(hit - s));
      vb_buf_puts(&b, new_text);
    }
    vb_pkg_writer_add(w, name, b.data, b.len, 0);
    vb_buf_free(&b);
    free(xml);
  }
  vb_pkg_writer_finish_file(w, to, d);
  vb_pkg_writer_free(w);
  vb_pkg_free(p);
}

static size_t warnings(const vb_diags *d) {
  size_t n = 0;
  for (size_t i = 0; i < vb_diags_count(d); i++)
    if (vb_diags_get(d, i)->severity == VB_SEV_WARNING) n++;
  return n;
}

static void test_format(const fmt_case *f) {
  vb_diags *d = vb_diags_new();
  vb_arena *a = vb_arena_new();
  vb_tpl_package tp;
  CHECK(compile(f, &tp, d) == 0);
  CHECK(tp.doc == vb_doc_format_of(!strcmp(f->ext, "odt") ? VB_FORMAT_ODT : VB_FORMAT_DOCX));
  const char *old_json = "{\"tong\": 120, \"ty_le\": \"25 %\", \"ds\": [{\"ten\": \"Hà Tân\"}, "
                         "{\"ten\": \"Hà Bình\"}], \"ghi_chu\": \"*Ghi chú:* cũ\"}";
  const char *new_json = "{\"tong\": 135, \"ty_le\": \"31,4 %\", \"ds\": [{\"ten\": \"Hà Tân\"}, "
                         "{\"ten\": \"Hà Bình 2\"}], \"ghi_chu\": \"*Ghi chú:* cũ\"}";
  vb_pkg_writer *w = vb_tpl_package_render(&tp, data(a, old_json, d), VB_TPL_MARKS, NULL, d);
  char *gen = path_of(f, "gen"), *out = path_of(f, "out"), *hand = path_of(f, "hand");
  CHECK(w && vb_pkg_writer_finish_file(w, gen, d) == 0);
  vb_pkg_writer_free(w);
  char *xml = part_of(f, gen, d);
  CHECK_CONTAINS(xml, "120");
  free(xml);

  /* New data: every value still as vanban wrote it is replaced. */
  CHECK(vb_update_package(&tp, data(a, new_json, d), NULL, gen, out, 0, d) == VB_OK);
  xml = part_of(f, out, d);
  CHECK_CONTAINS(xml, "135");
  CHECK_CONTAINS(xml, "31,4");
  CHECK_CONTAINS(xml, "Hà Bình 2");
  CHECK(xml && !strstr(xml, "120") && !strstr(xml, ">25"));
  CHECK_CONTAINS(xml, "Tổng số: "); /* the template's own text stays */
  free(xml);
  CHECK(vb_diags_errors(d) == 0 && warnings(d) == 0);

  /* A person changed 120 to 125: kept, with a warning; --force replaces it. */
  edit(f, gen, hand, ">120<", ">125<", d);
  CHECK(vb_update_package(&tp, data(a, new_json, d), NULL, hand, out, 0, d) == VB_OK);
  xml = part_of(f, out, d);
  CHECK_CONTAINS(xml, ">125<");
  CHECK_CONTAINS(xml, "31,4");
  free(xml);
  CHECK(warnings(d) == 1);
  CHECK_CONTAINS(vb_diags_count(d) ? vb_diags_get(d, 0)->message : NULL,
                 "giá trị ở đây đã được sửa tay thành \"125\": giữ nguyên; dữ liệu mới ghi");
  CHECK_STR(vb_diags_count(d) ? vb_diags_get(d, 0)->rule : NULL, "update.sua-tay");
  /* the place: the paragraph with its first words, not a template tag */
  CHECK_CONTAINS(vb_diags_count(d) ? vb_diags_get(d, 0)->where : NULL, "(Tổng số: 125");
  CHECK(vb_diags_count(d) && !strstr(vb_diags_get(d, 0)->message, "{{"));
  vb_diags_clear(d);
  CHECK(vb_update_package(&tp, data(a, new_json, d), NULL, hand, out, VB_UPDATE_FORCE, d) == VB_OK);
  xml = part_of(f, out, d);
  CHECK_CONTAINS(xml, "135");
  CHECK(xml && !strstr(xml, ">125<"));
  free(xml);

  /* Word joined the template's text before a value to the value's run, so
   * the mark holds both: the value is found in it and updated, the text
   * goes back outside the mark, and nothing is reported. */
  vb_diags_clear(d);
  char *joined = path_of(f, "joined"), *joined2 = path_of(f, "joined2");
  edit(f, gen, joined, f->lead,
       strcmp(f->ext, "odt") ? "<w:t xml:space=\"preserve\"></w:t>" : "<text:p>", d);
  edit(f, joined, joined2, ">120<", ">Tổng số: 120<", d);
  CHECK(vb_update_package(&tp, data(a, new_json, d), NULL, joined2, out, 0, d) == VB_OK);
  CHECK(vb_diags_count(d) == 0);
  xml = part_of(f, out, d);
  CHECK_CONTAINS(xml, "Tổng số: ");
  CHECK(xml && !strstr(xml, "Tổng số: 135") && strstr(xml, ">135<")); /* outside the mark */
  free(xml);
  /* Words a person typed inside a value's mark, at its edge: the value is
   * edited by hand (kept and reported), as when they typed in its middle. */
  edit(f, gen, joined, ">120<", ">120 (ước tính)<", d);
  CHECK(vb_update_package(&tp, data(a, new_json, d), NULL, joined, out, 0, d) == VB_OK);
  xml = part_of(f, out, d);
  CHECK_CONTAINS(xml, "120 (ước tính)");
  free(xml);
  CHECK(warnings(d) == 1);
  CHECK_CONTAINS(vb_diags_count(d) ? vb_diags_get(d, 0)->message : NULL,
                 "đã được sửa tay thành \"120 (ước tính)\"");
  CHECK_CONTAINS(vb_diags_count(d) ? vb_diags_get(d, 0)->where : NULL,
                 ", đoạn 1 (Tổng số: 120 (ước tính) hộ; tỷ lệ…)");
  free(joined);
  free(joined2);

  /* A value with bold or italic pieces (dinh_dang) that the new data
   * changes: its marks only give the text back, so it is kept, with a
   * warning; the other values are replaced. */
  vb_diags_clear(d);
  CHECK(vb_update_package(&tp,
                          data(a,
                               "{\"tong\": 136, \"ty_le\": \"\", \"ds\": [{\"ten\": \"Hà Tân\"}, "
                               "{\"ten\": \"Hà Bình\"}], \"ghi_chu\": \"*Ghi chú:* mới\"}",
                               d),
                          NULL, gen, out, VB_UPDATE_FORCE, d) == VB_OK);
  xml = part_of(f, out, d);
  CHECK_CONTAINS(xml, "136");
  CHECK_CONTAINS(xml, "Ghi chú:");
  CHECK_CONTAINS(xml, "cũ");
  CHECK(xml && !strstr(xml, "mới"));
  free(xml);
  CHECK(warnings(d) == 1);
  CHECK_CONTAINS(
      vb_diags_count(d) ? vb_diags_get(d, 0)->message : NULL,
      "giá trị ở đây có chữ đậm, nghiêng hay liên kết (dinh_dang, lien_ket) mà update không ghi "
      "lại: giữ "
      "\"Ghi chú: cũ\"; dữ liệu mới ghi \"Ghi chú: mới\"");
  CHECK_CONTAINS(vb_diags_count(d) ? vb_diags_get(d, 0)->where : NULL, ", đoạn ");

  /* The old text has pieces and the new one none: kept too (its first
   * piece's formatting would go to the whole new text). */
  vb_diags_clear(d);
  CHECK(vb_update_package(&tp,
                          data(a,
                               "{\"tong\": 136, \"ty_le\": \"\", \"ds\": [{\"ten\": \"Hà Tân\"}, "
                               "{\"ten\": \"Hà Bình\"}], \"ghi_chu\": \"Ghi chú mới\"}",
                               d),
                          NULL, gen, out, 0, d) == VB_OK);
  xml = part_of(f, out, d);
  CHECK_CONTAINS(xml, "cũ");
  CHECK(xml && !strstr(xml, "mới"));
  free(xml);
  CHECK(warnings(d) == 1);

  /* A formatted value that is plain in the document and in the new data is
   * rewritten like any other; one that the new data makes bold is kept. */
  const char *plain_json = "{\"tong\": 120, \"ty_le\": \"\", \"ds\": [{\"ten\": \"Hà Tân\"}, "
                           "{\"ten\": \"Hà Bình\"}], \"ghi_chu\": \"Ghi chú cũ\"}";
  char *gen_plain = path_of(f, "gen-plain");
  w = vb_tpl_package_render(&tp, data(a, plain_json, d), VB_TPL_MARKS, NULL, d);
  CHECK(w && vb_pkg_writer_finish_file(w, gen_plain, d) == 0);
  vb_pkg_writer_free(w);
  vb_diags_clear(d);
  CHECK(vb_update_package(&tp,
                          data(a,
                               "{\"tong\": 120, \"ty_le\": \"\", \"ds\": [{\"ten\": \"Hà Tân\"}, "
                               "{\"ten\": \"Hà Bình\"}], \"ghi_chu\": \"Ghi chú \\\\* mới\"}",
                               d),
                          NULL, gen_plain, out, 0, d) == VB_OK);
  xml = part_of(f, out, d);
  CHECK_CONTAINS(xml, "Ghi chú * mới");
  CHECK(xml && !strstr(xml, "cũ"));
  free(xml);
  CHECK(vb_diags_errors(d) == 0 && warnings(d) == 0);
  CHECK(vb_update_package(&tp,
                          data(a,
                               "{\"tong\": 120, \"ty_le\": \"\", \"ds\": [{\"ten\": \"Hà Tân\"}, "
                               "{\"ten\": \"Hà Bình\"}], \"ghi_chu\": \"Ghi chú **mới**\"}",
                               d),
                          NULL, gen_plain, out, 0, d) == VB_OK);
  xml = part_of(f, out, d);
  CHECK_CONTAINS(xml, "Ghi chú cũ");
  free(xml);
  CHECK(warnings(d) == 1);
  CHECK_CONTAINS(vb_diags_count(d) ? vb_diags_get(d, 0)->message : NULL,
                 "giữ \"Ghi chú cũ\"; dữ liệu mới ghi \"Ghi chú mới\"");
  if (!strcmp(f->ext, "docx")) {
    /* Word splits a plain value's run in two with the same properties: it
     * still reads as plain and is rewritten; a piece made bold is not. */
    char *split = path_of(f, "split");
    edit(f, gen_plain, split, ">Ghi chú cũ<", ">Gh</w:t></w:r><w:r><w:t>i chú cũ<", d);
    vb_diags_clear(d);
    CHECK(vb_update_package(&tp,
                            data(a,
                                 "{\"tong\": 120, \"ty_le\": \"\", \"ds\": [{\"ten\": \"Hà Tân\"}, "
                                 "{\"ten\": \"Hà Bình\"}], \"ghi_chu\": \"Ghi chú mới\"}",
                                 d),
                            NULL, split, out, 0, d) == VB_OK);
    xml = part_of(f, out, d);
    CHECK_CONTAINS(xml, "Ghi chú mới");
    free(xml);
    CHECK(vb_diags_errors(d) == 0 && warnings(d) == 0);
    edit(f, gen_plain, split, ">Ghi chú cũ<",
         ">Gh</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>i chú cũ<", d);
    vb_diags_clear(d);
    CHECK(vb_update_package(&tp,
                            data(a,
                                 "{\"tong\": 120, \"ty_le\": \"\", \"ds\": [{\"ten\": \"Hà Tân\"}, "
                                 "{\"ten\": \"Hà Bình\"}], \"ghi_chu\": \"Ghi chú mới\"}",
                                 d),
                            NULL, split, out, 0, d) == VB_OK);
    xml = part_of(f, out, d);
    CHECK_CONTAINS(xml, "i chú cũ");
    CHECK(xml && !strstr(xml, "mới"));
    free(xml);
    CHECK(warnings(d) == 1);
    free(split);
  }
  free(gen_plain);

  /* The loop grows: the new item is a copy of its sibling's paragraph, after it. */
  vb_diags_clear(d);
  CHECK(
      vb_update_package(&tp,
                        data(a,
                             "{\"tong\": 1, \"ty_le\": \"\", \"ds\": [{\"ten\": \"a\"}, "
                             "{\"ten\": \"b\"}, {\"ten\": \"c\"}], \"ghi_chu\": \"*Ghi chú:* cũ\"}",
                             d),
                        NULL, gen, out, 0, d) == VB_OK);
  CHECK(vb_diags_errors(d) == 0);
  xml = part_of(f, out, d);
  const char *pa = xml ? strstr(xml, ">a<") : NULL, *pb = pa ? strstr(pa, ">b<") : NULL;
  CHECK(pb && strstr(pb, ">c<"));
  free(xml);
  /* … and shrinks again: the unedited paragraph goes. */
  vb_diags_clear(d);
  CHECK(vb_update_package(&tp,
                          data(a,
                               "{\"tong\": 1, \"ty_le\": \"\", \"ds\": [{\"ten\": \"a\"}], "
                               "\"ghi_chu\": \"*Ghi chú:* cũ\"}",
                               d),
                          NULL, gen, out, 0, d) == VB_OK);
  xml = part_of(f, out, d);
  CHECK(xml && strstr(xml, ">a<") && !strstr(xml, "Hà Bình"));
  free(xml);
  vb_diags_clear(d);

  free(gen);
  free(out);
  free(hand);
  vb_tpl_package_free(&tp);
  vb_arena_free(a);
  vb_diags_free(d);
}

/* A DOCX is not updated with an ODT template. */
static void test_other_format(void) {
  vb_diags *d = vb_diags_new();
  vb_arena *a = vb_arena_new();
  vb_tpl_package tp;
  CHECK(compile(&odt, &tp, d) == 0);
  char *gen = path_of(&docx, "gen"), *out = path_of(&docx, "other");
  CHECK(vb_update_package(&tp,
                          data(a, "{\"tong\": 1, \"ty_le\": 2, \"ds\": [], \"ghi_chu\": \"\"}", d),
                          NULL, gen, out, 0, d) == VB_EUSAGE);
  CHECK_CONTAINS(vb_diags_count(d) ? vb_diags_get(d, 0)->message : NULL,
                 "văn bản là DOCX nhưng mẫu là ODT");
  CHECK(access(out, F_OK) != 0);
  free(gen);
  free(out);
  vb_tpl_package_free(&tp);
  vb_arena_free(a);
  vb_diags_free(d);
}

int main(void) {
  if (!mkdtemp(dir)) return 1;
  test_format(&docx);
  test_format(&odt);
  test_other_format();
  char *cmd = vb_xasprintf("rm -rf '%s'", dir);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
  free(cmd);
  TEST_MAIN_END();
}
