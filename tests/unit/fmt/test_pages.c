/* Landscape pages (fmt/pages.h) through the format tables: a DOCX page mark
 * turns the section it stands in (the one closed by the next w:sectPr), not
 * the ones before or after, widens its full-width table and leaves narrow
 * ones; two marks in one section turn it once; a part without a mark keeps
 * its bytes. ODT: the marked paragraph gets a style naming the landscape
 * master page, the table after it a widened style, the page styles part the
 * landscape master pages and page layouts. Lengths with units. */
#include <stdlib.h>
#include <string.h>

#include "fmt/document.h"
#include "fmt/pages.h"
#include "test.h"

#define MARK "<vbp:ngang xmlns:vbp=\"" VB_NS_PAGE "\"/>"
#define MARK_AGAIN "<w:p>" MARK "</w:p>" /* a second mark in the same section */
#define SECT(w, h)                                                                                 \
  "<w:sectPr><w:pgSz w:w=\"" w "\" w:h=\"" h "\"/><w:pgMar w:top=\"1134\" w:right=\"850\" "        \
  "w:bottom=\"1134\" w:left=\"1701\"/></w:sectPr>"
#define TABLE(width)                                                                               \
  "<w:tbl><w:tblPr><w:tblW w:w=\"" width "\" w:type=\"dxa\"/></w:tblPr><w:tblGrid><w:gridCol "     \
  "w:w=\"" width "\"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w=\"" width "\" "                   \
  "w:type=\"dxa\"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>"

static char *fix(const vb_format *f, const char *xml, int *rc, vb_page_ctx *pc) {
  vb_buf b = VB_BUF_INIT;
  vb_buf_puts(&b, xml);
  *rc = f->fix_pages(&b, pc);
  vb_buf_cstr(&b);
  return vb_buf_detach(&b, NULL);
}

static void test_docx(void) {
  const vb_format *f = vb_doc_format_of(VB_FORMAT_DOCX)->text;
  vb_page_ctx pc = {0};
  int rc;
  const char *doc =
      "<w:document xmlns:w=\"" VB_NS_W "\"><w:body>"
      "<w:p><w:r><w:t>body</w:t></w:r></w:p>"
      "<w:p><w:pPr>" SECT(
          "11906",
          "16838") "</w:pPr></w:p>"
                   "<w:p>" MARK "<w:r><w:t>Phụ lục I</w:t></w:r></w:p>" MARK_AGAIN TABLE("9355")
                       TABLE("3000") "<w:p><w:pPr>" SECT(
                           "11906",
                           "16838") "</w:pPr></w:p>"
                                    "<w:p><w:r><w:t>Phụ lục II</w:t></w:r></w:p>" TABLE("9355")
                                        SECT("11906", "16838") "</w:body></w:document>";
  char *out = fix(f, doc, &rc, &pc);
  CHECK(rc == 1);
  CHECK(strstr(out, "ngang") == NULL);
  /* only the second section (the first appendix) turns */
  const char *first = strstr(out, "<w:pgSz");
  CHECK_CONTAINS(first, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>");
  const char *second = strstr(first + 1, "<w:pgSz");
  CHECK(second &&
        strncmp(second, "<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>", 53) == 0);
  const char *third = strstr(second + 1, "<w:pgSz");
  CHECK(third && strncmp(third, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>", 32) == 0);
  CHECK(strstr(third + 1, "<w:pgSz") == NULL);
  /* the full-width table of the turned section widens to 16838-1701-850 */
  CHECK_CONTAINS(out, "<w:tblW w:w=\"14287\" w:type=\"dxa\"/>");
  CHECK_CONTAINS(out, "<w:gridCol w:w=\"14287\"/>");
  CHECK_CONTAINS(out, "<w:tcW w:w=\"14287\" w:type=\"dxa\"/>");
  /* the narrow one and the next appendix's keep theirs */
  CHECK_CONTAINS(out, "<w:tblW w:w=\"3000\" w:type=\"dxa\"/>");
  CHECK_CONTAINS(second, "<w:tblW w:w=\"9355\" w:type=\"dxa\"/>");
  free(out);

  /* no mark: the bytes stay */
  const char *plain = "<w:document xmlns:w=\"" VB_NS_W
                      "\"><w:body><w:p/>" SECT("11906", "16838") "</w:body></w:document>";
  out = fix(f, plain, &rc, &pc);
  CHECK(rc == 0);
  CHECK_STR(out, plain);
  free(out);
  CHECK(pc.nturned == 0);
}

static void test_odt(void) {
  const vb_doc_format *df = vb_doc_format_of(VB_FORMAT_ODT);
  const char *styles =
      "<office:document-styles xmlns:office=\"" VB_NS_OFFICE "\" "
      "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
      "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\">"
      "<office:styles><style:style style:name=\"So\" style:family=\"paragraph\" "
      "style:master-page-name=\"Dau\"/></office:styles>"
      "<office:automatic-styles><style:page-layout style:name=\"L\"><style:page-layout-properties "
      "fo:page-width=\"21cm\" fo:page-height=\"297mm\" style:print-orientation=\"portrait\" "
      "fo:margin-left=\"30mm\" fo:margin-right=\"15mm\"/></style:page-layout>"
      "</office:automatic-styles><office:master-styles>"
      "<style:master-page style:name=\"Dau\" style:display-name=\"Đầu\" "
      "style:page-layout-name=\"L\" style:next-style-name=\"Standard\"/>"
      "<style:master-page style:name=\"Standard\" style:page-layout-name=\"L\"/>"
      "</office:master-styles></office:document-styles>";
  vb_page_ctx pc = {.styles = styles, .styles_len = strlen(styles)};
  const char *content =
      "<office:document-content xmlns:office=\"" VB_NS_OFFICE "\" xmlns:text=\"" VB_NS_TEXT "\" "
      "xmlns:table=\"" VB_NS_TABLE "\" "
      "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\">"
      "<office:automatic-styles><style:style style:name=\"B\" style:family=\"table\">"
      "<style:table-properties style:width=\"165mm\"/></style:style>"
      "<style:style style:name=\"B.A\" style:family=\"table-column\">"
      "<style:table-column-properties style:column-width=\"3mm\"/></style:style>"
      "</office:automatic-styles><office:body><office:text>"
      "<text:p text:style-name=\"So\">" MARK "Phụ lục I</text:p>"
      "<table:table table:style-name=\"B\"><table:table-column table:style-name=\"B.A\"/>"
      "</table:table><text:p text:style-name=\"So\">Phụ lục II</text:p>"
      "<table:table table:style-name=\"B\"><table:table-column table:style-name=\"B.A\"/>"
      "</table:table></office:text></office:body></office:document-content>";
  int rc;
  char *out = fix(df->text, content, &rc, &pc);
  CHECK(rc == 1);
  CHECK(strstr(out, "ngang") == NULL);
  CHECK_CONTAINS(out, "<style:style style:name=\"VB_Ngang_So\" style:family=\"paragraph\" "
                      "style:parent-style-name=\"So\" style:master-page-name=\"VB_Ngang_Dau\"/>");
  CHECK_CONTAINS(out, "<text:p text:style-name=\"VB_Ngang_So\">Phụ lục I</text:p>");
  CHECK_CONTAINS(out, "<text:p text:style-name=\"So\">Phụ lục II</text:p>");
  CHECK_CONTAINS(out, "<style:table-properties style:width=\"252.00mm\"/>");
  CHECK_CONTAINS(out, "<style:table-column-properties style:column-width=\"4.58mm\"/>");
  /* the first table only: the second follows a paragraph starting its own pages */
  const char *t1 = strstr(out, "<table:table ");
  CHECK(t1 && strncmp(t1, "<table:table table:style-name=\"VB_Ngang_B\">", 43) == 0);
  const char *t2 = t1 ? strstr(t1 + 1, "<table:table ") : NULL;
  CHECK(t2 && strncmp(t2, "<table:table table:style-name=\"B\">", 34) == 0);
  free(out);
  CHECK(pc.nturned == 1 && !strcmp(pc.turned[0], "Dau"));

  vb_buf sb = VB_BUF_INIT;
  vb_buf_puts(&sb, styles);
  CHECK(df->turn_styles(&sb, &pc) == 1);
  const char *s = vb_buf_cstr(&sb);
  CHECK_CONTAINS(s, "<style:master-page style:name=\"VB_Ngang_Dau\" "
                    "style:page-layout-name=\"VB_Ngang_L\" "
                    "style:next-style-name=\"VB_Ngang_Standard\"/>");
  CHECK_CONTAINS(s, "<style:master-page style:name=\"VB_Ngang_Standard\" "
                    "style:page-layout-name=\"VB_Ngang_L\"/>");
  CHECK_CONTAINS(s, "<style:page-layout style:name=\"VB_Ngang_L\"><style:page-layout-properties "
                    "fo:page-width=\"297mm\" fo:page-height=\"21cm\" "
                    "style:print-orientation=\"landscape\"");
  vb_buf_free(&sb);
  vb_page_ctx_free(&pc);
}

static void test_lengths(void) {
  CHECK(vb_page_length_mm("210mm") == 210);
  CHECK(vb_page_length_mm("21cm") == 210);
  CHECK(vb_page_length_mm("1in") == 25.4);
  CHECK(vb_page_length_mm("72pt") > 25.39 && vb_page_length_mm("72pt") < 25.41);
  CHECK(vb_page_length_mm("12") == -1);
  CHECK(vb_page_length_mm("mm") == -1);
  CHECK(vb_page_length_mm(NULL) == -1);
}

int main(void) {
  test_docx();
  test_odt();
  test_lengths();
  TEST_MAIN_END();
}
