/* {{ x | dinh_dang }} through the library, on the XML: DOCX runs copy the
 * template run's properties with w:b/w:i put at their schema place (an old
 * w:b w:val="0" replaced), no empty run is left before a value that starts
 * emphasised; ODT spans use automatic styles made once per part, under
 * fixed names, renamed when the template already has the name for something
 * else, in office:automatic-styles made where the schema puts it. */
#include <stdlib.h>
#include <string.h>

#include "fragment.h"
#include "test.h"

static char *render_body(int odt, const char *body, const char *json, unsigned flags) {
  vb_diags *d = vb_diags_new();
  vb_template *t = frag_template(odt, body, d);
  vb_data *data = t ? vb_data_load_memory(json, strlen(json), "d.json", VB_DATA_RAW, d) : NULL;
  char *out = data ? frag_render(odt, t, data, flags, d) : NULL;
  if (!out)
    for (size_t i = 0; i < vb_diags_count(d); i++)
      fprintf(stderr, "%s\n", vb_diag_text(vb_diags_get(d, i)));
  vb_data_free(data);
  vb_template_free(t);
  vb_diags_free(d);
  return out;
}

/* The whole rendered main part (for ODT's automatic styles). */
static char *render_part(int odt, const char *body, const char *json) {
  vb_diags *d = vb_diags_new();
  vb_template *t = frag_template(odt, body, d);
  vb_data *data = t ? vb_data_load_memory(json, strlen(json), "d.json", VB_DATA_RAW, d) : NULL;
  char *xml = NULL;
  void *pkg;
  size_t len;
  if (data && vb_render_memory(t, data, VB_RENDER_NO_MARKS, &pkg, &len, d) == VB_OK) {
    xml = frag_main_part(odt, pkg, len, d);
    free(pkg);
  }
  vb_data_free(data);
  vb_template_free(t);
  vb_diags_free(d);
  return xml;
}

static void test_docx_runs(void) {
  /* The run's colour and size stay; an old w:b w:val="0" is replaced; w:b
   * and w:i go before w:color, as CT_RPr orders them. */
  char *b = render_body(0,
                        "<w:p><w:r><w:rPr><w:rFonts w:ascii=\"Arial\"/><w:b w:val=\"0\"/>"
                        "<w:color w:val=\"FF0000\"/><w:sz w:val=\"26\"/></w:rPr>"
                        "<w:t>Kết quả: {{ p | dinh_dang }}.</w:t></w:r></w:p>",
                        "{\"p\": \"**đạt** và *vượt*\"}", VB_RENDER_NO_MARKS);
  const char *plain = "<w:rPr><w:rFonts w:ascii=\"Arial\"/><w:b w:val=\"0\"/><w:color "
                      "w:val=\"FF0000\"/><w:sz w:val=\"26\"/></w:rPr>";
  vb_buf want = VB_BUF_INIT;
  vb_buf_printf(&want,
                "<w:p><w:r>%s<w:t xml:space=\"preserve\">Kết quả: </w:t></w:r>"
                "<w:r><w:rPr><w:rFonts w:ascii=\"Arial\"/><w:b/><w:bCs/><w:color "
                "w:val=\"FF0000\"/><w:sz w:val=\"26\"/></w:rPr><w:t "
                "xml:space=\"preserve\">đạt</w:t></w:r>"
                "<w:r>%s<w:t xml:space=\"preserve\"> và </w:t></w:r>"
                "<w:r><w:rPr><w:rFonts w:ascii=\"Arial\"/><w:b w:val=\"0\"/><w:i/><w:iCs/><w:color "
                "w:val=\"FF0000\"/><w:sz w:val=\"26\"/></w:rPr><w:t "
                "xml:space=\"preserve\">vượt</w:t></w:r>"
                "<w:r>%s<w:t xml:space=\"preserve\">.</w:t></w:r></w:p>",
                plain, plain, plain);
  CHECK_STR(b, want.data);
  vb_buf_free(&want);
  free(b);

  /* A value that starts emphasised: the template's run opening is taken
   * back, not left empty; a run without properties gets them. With marks,
   * the bookmark stands before the first run. */
  b = render_body(0, "<w:p><w:r><w:t>{{ p | dinh_dang }}</w:t></w:r></w:p>",
                  "{\"p\": \"*Ứng dụng:* xong\"}", VB_RENDER_NO_MARKS);
  CHECK_STR(b, "<w:p><w:r><w:rPr><w:i/><w:iCs/></w:rPr><w:t xml:space=\"preserve\">Ứng "
               "dụng:</w:t></w:r><w:r><w:t xml:space=\"preserve\"> xong</w:t></w:r></w:p>");
  free(b);
  b = render_body(0, "<w:p><w:r><w:t>{{ p | dinh_dang }}</w:t></w:r></w:p>",
                  "{\"p\": \"*Ứng dụng:* xong\"}", 0);
  CHECK(b && strncmp(b, "<w:p><w:bookmarkStart w:id=\"", 28) == 0);
  CHECK_CONTAINS(b, "/><w:r><w:rPr><w:i/><w:iCs/></w:rPr><w:t xml:space=\"preserve\">Ứng");
  CHECK_CONTAINS(b, "> xong</w:t></w:r><w:bookmarkEnd ");
  free(b);

  /* In a hyperlink, the runs go inside the link. */
  b = render_body(0,
                  "<w:p><w:hyperlink w:anchor=\"x\"><w:r><w:t>{{ p | dinh_dang "
                  "}}</w:t></w:r></w:hyperlink></w:p>",
                  "{\"p\": \"**a**b\"}", VB_RENDER_NO_MARKS);
  CHECK_STR(b, "<w:p><w:hyperlink w:anchor=\"x\"><w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t "
               "xml:space=\"preserve\">a</w:t></w:r><w:r><w:t "
               "xml:space=\"preserve\">b</w:t></w:r></w:hyperlink></w:p>");
  free(b);
}

static void test_odt_spans(void) {
  /* Automatic styles are made (with the style: and fo: namespaces) before
   * office:body; the value's span keeps the template's span around it. */
  char *x = render_part(1, "<text:p><text:span>A {{ p | dinh_dang }}</text:span></text:p>",
                        "{\"p\": \"**đạt**, *vượt*, ***cả hai***\"}");
  CHECK_CONTAINS(x, "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
                    "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\"");
  CHECK_CONTAINS(x, "<office:automatic-styles><style:style style:name=\"VB_Dam\" "
                    "style:family=\"text\"><style:text-properties fo:font-weight=\"bold\" "
                    "style:font-weight-asian=\"bold\" "
                    "style:font-weight-complex=\"bold\"/></style:style><style:style "
                    "style:name=\"VB_Nghieng\" style:family=\"text\">");
  CHECK_CONTAINS(x, "</office:automatic-styles><office:body>");
  CHECK_CONTAINS(
      x, "<text:p><text:span>A <text:span text:style-name=\"VB_Dam\">đạt</text:span>,<text:s/>"
         "<text:span text:style-name=\"VB_Nghieng\">vượt</text:span>,<text:s/><text:span "
         "text:style-name=\"VB_DamNghieng\">cả hai</text:span></text:span></text:p>");
  free(x);

  /* Two values in a part share the styles; a template that already has a
   * text style VB_Dam of its own keeps it, and ours is VB_Dam2. */
  x = render_part(1, "<text:p>{{ p | dinh_dang }}</text:p><text:p>{{ q | dinh_dang }}</text:p>",
                  "{\"p\": \"**a**\", \"q\": \"**b**\"}");
  const char *first = x ? strstr(x, "style:name=\"VB_Dam\"") : NULL;
  CHECK(first && !strstr(first + 1, "style:name=\"VB_Dam\""));
  free(x);
}

static void test_odt_name_taken(void) {
  vb_diags *d = vb_diags_new();
  /* A content.xml of our own, with a VB_Dam that is red, not bold. */
  const char *content =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content " FRAG_ODF_NS
      " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
      "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" "
      "office:version=\"1.3\"><office:automatic-styles><style:style style:name=\"VB_Dam\" "
      "style:family=\"text\"><style:text-properties "
      "fo:color=\"#ff0000\"/></style:style></office:automatic-styles><office:body><office:text>"
      "<text:p>{{ p | dinh_dang }}</text:p></office:text></office:body></office:document-content>";
  vb_pkg_writer *w = vb_pkg_writer_new(-1);
  static const char mime[] = "application/vnd.oasis.opendocument.text";
  vb_pkg_writer_add(w, "mimetype", mime, strlen(mime), 1);
  vb_pkg_writer_add(w, "content.xml", content, strlen(content), 0);
  void *zip;
  size_t len;
  CHECK(vb_pkg_writer_finish_memory(w, &zip, &len, d) == 0);
  vb_pkg_writer_free(w);
  vb_template *t = vb_template_open_memory(zip, len, "t.odt", 0, d);
  free(zip);
  const char *json = "{\"p\": \"**a**\"}";
  vb_data *data = vb_data_load_memory(json, strlen(json), "d.json", VB_DATA_RAW, d);
  void *pkg = NULL;
  CHECK(t && data && vb_render_memory(t, data, VB_RENDER_NO_MARKS, &pkg, &len, d) == VB_OK);
  char *x = pkg ? frag_main_part(1, pkg, len, d) : NULL;
  CHECK_CONTAINS(x,
                 "<style:style style:name=\"VB_Dam\" style:family=\"text\"><style:text-properties "
                 "fo:color=\"#ff0000\"/></style:style><style:style style:name=\"VB_Dam2\"");
  CHECK_CONTAINS(x, "<text:span text:style-name=\"VB_Dam2\">a</text:span>");
  free(x);
  free(pkg);
  vb_data_free(data);
  vb_template_free(t);
  vb_diags_free(d);
}

int main(void) {
  test_docx_runs();
  test_odt_spans();
  test_odt_name_taken();
  TEST_MAIN_END();
}
