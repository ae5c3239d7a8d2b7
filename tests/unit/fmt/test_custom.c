/* Custom document properties through the format tables (record_custom,
 * read_custom): made when a package has none, added to a part that has others
 * (its bytes kept), rewritten when they say something else, left alone when
 * they say the same; the DOCX content type and relationship added once; the
 * ODT manifest listing meta.xml. Asserts on the XML. */
#include <stdlib.h>
#include <string.h>

#include "fmt/document.h"
#include "test.h"
#include "util/diag.h"

static const vb_custom_prop props[2] = {{"vanban.template", "bao-cao.docx"},
                                        {"vanban.version", "0.1.0"}};

/* record_custom on one part; returns its result, the bytes in *out (malloc'd). */
static int record(const vb_doc_format *f, const char *part, const char *xml, char **out,
                  const vb_custom_prop *p, size_t n) {
  vb_diags *d = vb_diags_new();
  vb_buf b = VB_BUF_INIT;
  int rc = f->record_custom(part, xml, xml ? strlen(xml) : 0, p, n, &b, d);
  vb_buf_cstr(&b);
  *out = vb_buf_detach(&b, NULL);
  vb_diags_free(d);
  return rc;
}

static char *read_custom(const vb_doc_format *f, const char *xml, const char *name) {
  return f->read_custom(xml, strlen(xml), name);
}

static void test_docx(void) {
  const vb_doc_format *f = vb_doc_format_of(VB_FORMAT_DOCX);
  CHECK_STR(f->custom_parts[0], "docProps/custom.xml");
  char *out = NULL;
  /* made */
  CHECK(record(f, "docProps/custom.xml", NULL, &out, props, 2) == 1);
  CHECK_CONTAINS(out, "name=\"vanban.template\"><vt:lpwstr>bao-cao.docx</vt:lpwstr>");
  CHECK_CONTAINS(out, "pid=\"2\"");
  CHECK_CONTAINS(out, "pid=\"3\"");
  char *v = read_custom(f, out, "vanban.version");
  CHECK_STR(v, "0.1.0");
  free(v);
  CHECK(read_custom(f, out, "other") == NULL);
  /* the same values: nothing to do */
  char *again = NULL;
  CHECK(record(f, "docProps/custom.xml", out, &again, props, 2) == 0);
  free(again);
  /* other values: rewritten */
  const vb_custom_prop newer[2] = {{"vanban.template", "mau.docx"}, {"vanban.version", "0.2.0"}};
  CHECK(record(f, "docProps/custom.xml", out, &again, newer, 2) == 1);
  v = read_custom(f, again, "vanban.template");
  CHECK_STR(v, "mau.docx");
  free(v);
  CHECK(strstr(again, "bao-cao.docx") == NULL);
  free(again);
  free(out);
  /* added after a person's own property, keeping its bytes */
  const char *theirs =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Properties "
      "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" "
      "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"><property "
      "fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"7\" name=\"Người soạn\"><vt:lpwstr>"
      "Hà</vt:lpwstr></property></Properties>";
  CHECK(record(f, "docProps/custom.xml", theirs, &out, props, 2) == 1);
  CHECK(strncmp(out, theirs, strlen(theirs) - strlen("</Properties>")) == 0);
  CHECK_CONTAINS(out, "pid=\"8\" name=\"vanban.template\"");
  free(out);
  /* content type and relationship, once */
  const char *types = "<?xml version=\"1.0\"?><Types "
                      "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                      "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
  CHECK(record(f, "[Content_Types].xml", types, &out, props, 2) == 1);
  CHECK_CONTAINS(out, "<Override PartName=\"/docProps/custom.xml\" ContentType=\"application/"
                      "vnd.openxmlformats-officedocument.custom-properties+xml\"/></Types>");
  CHECK(record(f, "[Content_Types].xml", out, &again, props, 2) == 0);
  free(again);
  free(out);
  const char *rels = "<?xml version=\"1.0\"?><Relationships "
                     "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                     "<Relationship Id=\"rIdVanban1\" Type=\"x\" Target=\"y\"/></Relationships>";
  CHECK(record(f, "_rels/.rels", rels, &out, props, 2) == 1);
  CHECK_CONTAINS(out, "Id=\"rIdVanban2\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
                      "2006/relationships/custom-properties\" Target=\"docProps/custom.xml\"");
  CHECK(record(f, "_rels/.rels", out, &again, props, 2) == 0);
  free(again);
  free(out);
  CHECK(record(f, "word/document.xml", "<x/>", &out, props, 2) == 0);
  free(out);
}

static void test_odt(void) {
  const vb_doc_format *f = vb_doc_format_of(VB_FORMAT_ODT);
  CHECK_STR(f->custom_parts[0], "meta.xml");
  const char *meta = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-meta "
                     "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                     "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" "
                     "office:version=\"1.3\"><office:meta><meta:generator>LibreOffice&apos;s"
                     "</meta:generator></office:meta></office:document-meta>";
  char *out = NULL, *again = NULL;
  CHECK(record(f, "meta.xml", meta, &out, props, 2) == 1);
  CHECK_CONTAINS(out, "<meta:generator>LibreOffice&apos;s</meta:generator>"); /* bytes kept */
  CHECK_CONTAINS(out, "<meta:user-defined meta:name=\"vanban.template\">bao-cao.docx"
                      "</meta:user-defined>");
  char *v = read_custom(f, out, "vanban.version");
  CHECK_STR(v, "0.1.0");
  free(v);
  CHECK(record(f, "meta.xml", out, &again, props, 2) == 0);
  free(again);
  const vb_custom_prop newer[2] = {{"vanban.template", "mau.odt"}, {"vanban.version", "0.2.0"}};
  CHECK(record(f, "meta.xml", out, &again, newer, 2) == 1);
  v = read_custom(f, again, "vanban.version");
  CHECK_STR(v, "0.2.0");
  free(v);
  free(again);
  free(out);
  /* no meta.xml: made, and listed in the manifest */
  CHECK(record(f, "meta.xml", NULL, &out, props, 2) == 1);
  CHECK_CONTAINS(out, "office:version=\"1.3\"");
  v = read_custom(f, out, "vanban.template");
  CHECK_STR(v, "bao-cao.docx");
  free(v);
  free(out);
  const char *manifest =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest "
      "xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" "
      "manifest:version=\"1.3\"><manifest:file-entry manifest:full-path=\"/\" "
      "manifest:media-type=\"application/vnd.oasis.opendocument.text\"/></manifest:manifest>";
  CHECK(record(f, "META-INF/manifest.xml", manifest, &out, props, 2) == 1);
  CHECK_CONTAINS(out, "<manifest:file-entry manifest:full-path=\"meta.xml\" "
                      "manifest:media-type=\"text/xml\"/></manifest:manifest>");
  CHECK(record(f, "META-INF/manifest.xml", out, &again, props, 2) == 0);
  free(again);
  free(out);
}

int main(void) {
  test_docx();
  test_odt();
  TEST_MAIN_END();
}
