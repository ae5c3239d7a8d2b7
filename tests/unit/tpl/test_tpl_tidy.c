/* What an office program stores in a template that the rendered document
 * must not keep (vb_format.tidy_template): LibreOffice's soft page breaks in
 * an ODT (one between the rows of a row loop would be repeated, or left
 * where a table may not hold it) and the w:sectPr it writes first in a
 * DOCX paragraph's w:pPr. */
#include <stdlib.h>
#include <string.h>

#include "fragment.h"
#include "test.h"

/* The whole rendered main part. */
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
  for (size_t i = 0; !xml && i < vb_diags_count(d); i++)
    fprintf(stderr, "%s\n", vb_diag_text(vb_diags_get(d, i)));
  vb_data_free(data);
  vb_template_free(t);
  vb_diags_free(d);
  return xml;
}

static void test_odt_soft_page_breaks(void) {
  char *xml =
      render_part(1,
                  "<text:p>A<text:soft-page-break/>B</text:p>"
                  "<table:table><table:table-column/>"
                  "<table:table-row><table:table-cell><text:p>Tên</text:p></table:table-cell>"
                  "</table:table-row><text:soft-page-break/>"
                  "<table:table-row><table:table-cell><text:p>{% for x in ds %}</text:p>"
                  "</table:table-cell></table:table-row><text:soft-page-break/>"
                  "<table:table-row><table:table-cell><text:p>{{ x }}</text:p>"
                  "</table:table-cell></table:table-row><text:soft-page-break/>"
                  "<table:table-row><table:table-cell><text:p>{% endfor %}</text:p>"
                  "</table:table-cell></table:table-row></table:table>",
                  "{\"ds\": [1, 2, 3]}");
  CHECK(xml != NULL);
  if (xml) {
    CHECK(strstr(xml, "soft-page-break") == NULL);
    CHECK_CONTAINS(xml, "<text:p>AB</text:p>");
    CHECK_CONTAINS(xml, "<text:p>3</text:p>");
  }
  free(xml);
}

static void test_docx_sectpr_first(void) {
  char *xml = render_part(0,
                          "<w:p><w:pPr><w:sectPr><w:type w:val=\"nextPage\"/></w:sectPr>"
                          "<w:pStyle w:val=\"Ngat\"/><w:rPr/></w:pPr></w:p>"
                          "<w:p><w:r><w:t>{{ x }}</w:t></w:r></w:p>",
                          "{\"x\": 1}");
  CHECK(xml != NULL);
  if (xml)
    CHECK_CONTAINS(xml, "<w:pPr><w:pStyle w:val=\"Ngat\"/><w:rPr/><w:sectPr><w:type "
                        "w:val=\"nextPage\"/></w:sectPr></w:pPr>");
  free(xml);
}

int main(void) {
  test_odt_soft_page_breaks();
  test_docx_sectpr_first();
  TEST_MAIN_END();
}
