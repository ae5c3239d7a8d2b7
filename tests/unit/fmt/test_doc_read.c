/* Reading documents into the proofreading view (fmt/docx_read.c,
 * fmt/odt_read.c): properties resolved through styles, tables, sections
 * with their margins, headers and PAGE fields, drawn lines, text boxes, and
 * text that is not shown left out, the document's "_vanban_ignore"
 * property. Both formats give the same view of the same content. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fmt/doc.h"
#include "pkg/pkg.h"
#include "test.h"

#define W                                                                                          \
  "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "                      \
  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "               \
  "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "                             \
  "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\""

static char *write_pkg(const char *const *entries) {
  vb_pkg_writer *w = vb_pkg_writer_new(-1);
  for (size_t i = 0; entries[i]; i += 2)
    vb_pkg_writer_add(w, entries[i], entries[i + 1], strlen(entries[i + 1]), 0);
  char tmpl[] = "/tmp/vb-docread-XXXXXX";
  int fd = mkstemp(tmpl);
  close(fd);
  vb_diags *d = vb_diags_new();
  CHECK(vb_pkg_writer_finish_file(w, tmpl, d) == 0);
  vb_pkg_writer_free(w);
  vb_diags_free(d);
  return strdup(tmpl);
}

static const vb_doc_para *find(const vb_doc *doc, const char *prefix) {
  for (size_t i = 0; i < doc->npara; i++)
    if (!strncmp(doc->paras[i].text, prefix, strlen(prefix))) return &doc->paras[i];
  return NULL;
}

static void test_docx(void) {
  static const char *const entries[] = {
      "[Content_Types].xml",
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>",
      "_rels/.rels",
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"r1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>",
      "word/_rels/document.xml.rels",
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"s\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships/styles\" Target=\"styles.xml\"/>"
      "<Relationship Id=\"t\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships/theme\" Target=\"theme/theme1.xml\"/>"
      "<Relationship Id=\"h1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships/header\" Target=\"header1.xml\"/></Relationships>",
      "word/theme/theme1.xml",
      "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><a:themeElements>"
      "<a:fontScheme><a:majorFont><a:latin typeface=\"Cambria\"/></a:majorFont><a:minorFont>"
      "<a:latin typeface=\"Calibri\"/></a:minorFont></a:fontScheme></a:themeElements></a:theme>",
      "word/styles.xml",
      "<w:styles " W "><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme=\"minorHAnsi\" "
      "w:hAnsiTheme=\"minorHAnsi\"/><w:sz w:val=\"22\"/></w:rPr></w:rPrDefault></w:docDefaults>"
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
      "w:val=\"Normal\"/>"
      "<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\"/><w:sz "
      "w:val=\"28\"/>"
      "</w:rPr></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Body\"><w:name w:val=\"Body text\"/>"
      "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:before=\"120\"/><w:ind "
      "w:firstLine=\"720\"/>"
      "<w:jc w:val=\"both\"/></w:pPr></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Head\"><w:name w:val=\"Head\"/>"
      "<w:basedOn w:val=\"Body\"/><w:rPr><w:b/></w:rPr></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Theme\"><w:name w:val=\"Theme\"/>"
      "<w:rPr><w:rFonts w:asciiTheme=\"majorHAnsi\" w:hAnsiTheme=\"majorHAnsi\"/></w:rPr></w:style>"
      "</w:styles>",
      "word/header1.xml",
      "<w:hdr " W "><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:fldChar "
      "w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar "
      "w:fldCharType=\"separate\"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar "
      "w:fldCharType=\"end\"/></w:r></w:p></w:hdr>",
      "word/document.xml",
      "<w:document " W "><w:body>"
      "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>UBND</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>QH"
      "</w:t></w:r></w:p><w:p><w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\"/></w:pBdr>"
      "</w:pPr></w:p></w:tc></w:tr></w:tbl>"
      "<w:p><w:pPr><w:pStyle w:val=\"Head\"/></w:pPr><w:r><w:t>Heading</w:t></w:r></w:p>"
      "<w:p><w:pPr><w:pStyle w:val=\"Body\"/></w:pPr><w:r><w:t xml:space=\"preserve\">Body </w:t>"
      "</w:r><w:r><w:rPr><w:sz w:val=\"24\"/><w:i/></w:rPr><w:t>small</w:t></w:r><w:del><w:r>"
      "<w:delText>gone</w:delText></w:r></w:del><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t>"
      "</w:r><w:r><w:tab/><w:t>tab</w:t><w:br/><w:t>line</w:t></w:r><w:hyperlink><w:r><w:t> link"
      "</w:t></w:r></w:hyperlink></w:p>"
      "<w:p><w:pPr><w:pStyle w:val=\"Theme\"/><w:sectPr><w:headerReference w:type=\"default\" "
      "r:id=\"h1\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"850\" "
      "w:bottom=\"1134\" w:left=\"1701\" w:header=\"567\" w:footer=\"567\"/><w:titlePg/></w:sectPr>"
      "</w:pPr><w:r><w:t>Themed</w:t></w:r><w:r><w:drawing>"
      "<wps:wsp><a:prstGeom "
      "prst=\"line\"/><wps:txbx><w:txbxContent><w:p><w:r><w:t>Boxed</w:t></w:r>"
      "</w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing></w:r></w:p>"
      "<w:p><w:r><w:t>Second section</w:t></w:r></w:p>"
      "<w:sectPr><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/><w:pgMar "
      "w:top=\"1134\" "
      "w:right=\"850\" w:bottom=\"850\" w:left=\"1701\"/><w:pgNumType w:start=\"1\"/></w:sectPr>"
      "</w:body></w:document>",
      NULL};
  char *path = write_pkg(entries);
  vb_diags *d = vb_diags_new();
  vb_doc *doc = vb_doc_read(path, d);
  CHECK(doc != NULL);
  if (!doc) {
    for (size_t i = 0; i < vb_diags_count(d); i++)
      fprintf(stderr, "%s\n", vb_diag_text(vb_diags_get(d, i)));
    goto out;
  }
  CHECK(doc->kind == VB_FORMAT_DOCX);
  const vb_doc_para *p = find(doc, "UBND");
  CHECK(p && p->table == 1 && p->row == 1 && p->cell == 1 && p->number == 0);
  p = find(doc, "QH");
  CHECK(p && p->cell == 2);
  CHECK(p && p[1].border_bottom && p[1].len == 0);
  p = find(doc, "Heading");
  vb_doc_props pr;
  CHECK(p && p->number == 1 && p->align == VB_ALIGN_JUSTIFY && p->ind_first == 720 &&
        p->space_before == 120);
  if (p) {
    vb_doc_range_props(p, 0, p->len, &pr);
    CHECK(pr.all_bold && pr.size_min == 28 && pr.font && !strcmp(pr.font, "Times New Roman"));
    CHECK_STR(p->style, "Head");
  }
  p = find(doc, "Body ");
  CHECK_STR(p ? p->text : NULL, "Body small\ttab\nline link");
  if (p) {
    vb_doc_range_props(p, 5, 5, &pr);
    CHECK(pr.size_min == 24 && pr.size_max == 24 && pr.all_italic && !pr.any_bold);
    vb_doc_range_props(p, 0, p->len, &pr);
    CHECK(pr.size_min == 24 && pr.size_max == 28 && !pr.all_italic && pr.any_italic);
  }
  p = find(doc, "Themed");
  CHECK(p && p->line_shape);
  if (p) {
    vb_doc_range_props(p, 0, p->len, &pr);
    CHECK_STR(pr.font, "Cambria");
  }
  p = find(doc, "Boxed");
  CHECK(p && p->in_frame);
  CHECK(doc->nsections == 2);
  if (doc->nsections == 2) {
    const vb_doc_section *s = &doc->sections[0];
    CHECK(s->page_w == 11906 && s->m_top == 1134 && s->m_left == 1701 && s->m_right == 850);
    CHECK(s->title_page && s->header_default >= 0 && s->header_first < 0);
    CHECK(s->header_default >= 0 && doc->parts[s->header_default].page_field);
    s = &doc->sections[1];
    CHECK(s->landscape && s->page_start == 1 && s->m_bottom == 850);
    /* not named again: the previous section's header goes on */
    CHECK(s->header_default == doc->sections[0].header_default && !s->title_page);
    p = find(doc, "Second");
    CHECK(p && p->section == 1);
  }
  CHECK(doc->nbody < doc->npara); /* the header's paragraph comes after the body */
  p = find(doc, "2");
  CHECK(p && p->area == VB_AREA_HEADER && p->align == VB_ALIGN_CENTER);
out:
  vb_doc_free(doc);
  vb_diags_free(d);
  unlink(path);
  free(path);
}

#define O                                                                                          \
  "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "                             \
  "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "                               \
  "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "                                 \
  "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "                               \
  "xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" "                              \
  "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" "                      \
  "xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" "                        \
  "office:version=\"1.3\""

static void test_odt(void) {
  static const char *const entries[] = {
      "mimetype",
      "application/vnd.oasis.opendocument.text",
      "styles.xml",
      "<office:document-styles " O "><office:font-face-decls><style:font-face style:name=\"TNR\" "
      "svg:font-family=\"'Times New Roman'\"/></office:font-face-decls><office:styles>"
      "<style:default-style style:family=\"paragraph\"><style:text-properties "
      "style:font-name=\"TNR\" "
      "fo:font-size=\"14pt\"/></style:default-style>"
      "<style:style style:name=\"Standard\" style:family=\"paragraph\"/>"
      "<style:style style:name=\"Body\" style:family=\"paragraph\" "
      "style:parent-style-name=\"Standard\">"
      "<style:paragraph-properties fo:text-align=\"justify\" fo:text-indent=\"1.27cm\" "
      "fo:margin-top=\"6pt\"/></style:style>"
      "<style:style style:name=\"Rule\" style:family=\"paragraph\"><style:paragraph-properties "
      "fo:border-bottom=\"0.5pt solid #000000\"/></style:style>"
      "</office:styles><office:automatic-styles>"
      "<style:page-layout style:name=\"pm1\"><style:page-layout-properties fo:page-width=\"210mm\" "
      "fo:page-height=\"297mm\" fo:margin-top=\"10mm\" fo:margin-bottom=\"20mm\" "
      "fo:margin-left=\"30mm\" fo:margin-right=\"15mm\"/><style:header-style>"
      "<style:header-footer-properties "
      "fo:min-height=\"10mm\"/></style:header-style></style:page-layout>"
      "<style:page-layout style:name=\"pm2\"><style:page-layout-properties fo:page-width=\"210mm\" "
      "fo:page-height=\"297mm\" fo:margin-top=\"20mm\" fo:margin-bottom=\"20mm\" "
      "fo:margin-left=\"30mm\" fo:margin-right=\"15mm\"/></style:page-layout>"
      "<style:style style:name=\"MP\" style:family=\"paragraph\"><style:paragraph-properties "
      "fo:text-align=\"center\"/></style:style>"
      "</office:automatic-styles><office:master-styles>"
      "<style:master-page style:name=\"Standard\" style:page-layout-name=\"pm1\"><style:header>"
      "<text:p "
      "text:style-name=\"MP\"><text:page-number>2</text:page-number></text:p></style:header>"
      "</style:master-page><style:master-page style:name=\"First\" style:page-layout-name=\"pm2\" "
      "style:next-style-name=\"Standard\"/></office:master-styles></office:document-styles>",
      "content.xml",
      "<office:document-content " O "><office:automatic-styles>"
      "<style:style style:name=\"T\" style:family=\"table\" style:master-page-name=\"First\"/>"
      "<style:style style:name=\"P1\" style:family=\"paragraph\" style:parent-style-name=\"Body\">"
      "<style:text-properties fo:font-weight=\"bold\"/></style:style>"
      "<style:style style:name=\"S1\" style:family=\"text\"><style:text-properties "
      "fo:font-size=\"12pt\" fo:font-style=\"italic\"/></style:style>"
      "<style:style style:name=\"PB\" style:family=\"paragraph\" style:parent-style-name=\"Body\" "
      "style:master-page-name=\"Standard\"><style:paragraph-properties style:page-number=\"1\"/>"
      "</style:style>"
      "</office:automatic-styles><office:body><office:text>"
      "<table:table table:style-name=\"T\"><table:table-row><table:table-cell><text:p>UBND</text:p>"
      "</table:table-cell><table:table-cell><text:p>QH</text:p><text:p text:style-name=\"Rule\"/>"
      "</table:table-cell></table:table-row></table:table>"
      "<text:h text:style-name=\"P1\">Heading</text:h>"
      "<text:p text:style-name=\"Body\">Body <text:span text:style-name=\"S1\">small</text:span>"
      "<text:tab/>tab<text:line-break/>line<text:a> link</text:a><office:annotation><text:p>note"
      "</text:p></office:annotation></text:p>"
      "<text:p text:style-name=\"Body\">Themed<draw:frame><draw:text-box><text:p>Boxed</text:p>"
      "</draw:text-box></draw:frame><draw:line/></text:p>"
      "<text:list><text:list-item><text:p>- item<text:s text:c=\"2\"/>x</text:p></text:list-item>"
      "</text:list>"
      "<text:p text:style-name=\"PB\">Second section</text:p>"
      "</office:text></office:body></office:document-content>",
      NULL};
  char *path = write_pkg(entries);
  vb_diags *d = vb_diags_new();
  vb_doc *doc = vb_doc_read(path, d);
  CHECK(doc != NULL);
  if (!doc) {
    for (size_t i = 0; i < vb_diags_count(d); i++)
      fprintf(stderr, "%s\n", vb_diag_text(vb_diags_get(d, i)));
    goto out;
  }
  CHECK(doc->kind == VB_FORMAT_ODT);
  const vb_doc_para *p = find(doc, "UBND");
  CHECK(p && p->table == 1 && p->row == 1 && p->cell == 1);
  p = find(doc, "QH");
  CHECK(p && p[1].border_bottom);
  p = find(doc, "Heading");
  vb_doc_props pr;
  CHECK(p && p->number == 1 && p->align == VB_ALIGN_JUSTIFY && p->ind_first == 720 &&
        p->space_before == 120);
  if (p) {
    vb_doc_range_props(p, 0, p->len, &pr);
    CHECK(pr.all_bold && pr.size_min == 28 && pr.font && !strcmp(pr.font, "Times New Roman"));
  }
  p = find(doc, "Body ");
  CHECK_STR(p ? p->text : NULL, "Body small\ttab\nline link");
  if (p) {
    vb_doc_range_props(p, 5, 5, &pr);
    CHECK(pr.size_min == 24 && pr.all_italic);
  }
  p = find(doc, "Themed");
  CHECK(p && p->line_shape);
  p = find(doc, "Boxed");
  CHECK(p && p->in_frame);
  p = find(doc, "- item");
  CHECK_STR(p ? p->text : NULL, "- item  x");
  CHECK(p && p->list);
  CHECK(doc->ncomments == 1 && !strcmp(doc->comments[0].text, "note"));
  CHECK(doc->nsections == 2);
  if (doc->nsections == 2) {
    const vb_doc_section *s = &doc->sections[0];
    /* the first page: "First" (no header), then "Standard" with the number */
    CHECK(s->m_top == 1134 && s->m_left == 1701 && s->m_right == 850 && s->page_w == 11906);
    CHECK(s->title_page && s->header_first < 0 && s->header_default >= 0);
    CHECK(s->header_default >= 0 && doc->parts[s->header_default].page_field);
    s = &doc->sections[1];
    CHECK(s->page_start == 1 && s->m_top == 1134); /* 10 mm + a 10 mm header */
    p = find(doc, "Second");
    CHECK(p && p->section == 1);
  }
out:
  vb_doc_free(doc);
  vb_diags_free(d);
  unlink(path);
  free(path);
}

/* A document's own exceptions: the custom property "_vanban_ignore". */
static void test_ignore_property(void) {
  static const char *const docx[] = {
      "[Content_Types].xml",
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>",
      "_rels/.rels",
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"r1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships/officeDocument\" Target=\"word/document.xml\"/>"
      "<Relationship Id=\"r2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships/custom-properties\" Target=\"docProps/custom.xml\"/></Relationships>",
      "word/document.xml",
      "<w:document " W "><w:body><w:p><w:r><w:t>Nội dung</w:t></w:r></w:p></w:body></w:document>",
      "docProps/custom.xml",
      "<Properties "
      "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" "
      "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
      "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"2\" name=\"Khác\">"
      "<vt:lpwstr>x</vt:lpwstr></property>"
      "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"3\" "
      "name=\"_vanban_ignore\"><vt:lpwstr>the-thuc.luu, so-lieu</vt:lpwstr></property>"
      "</Properties>",
      NULL};
  static const char *const odt[] = {
      "mimetype",
      "application/vnd.oasis.opendocument.text",
      "content.xml",
      "<office:document-content " O "><office:body><office:text><text:p>Nội dung</text:p>"
      "</office:text></office:body></office:document-content>",
      "meta.xml",
      "<office:document-meta xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\"><office:meta>"
      "<meta:user-defined meta:name=\"Khác\">x</meta:user-defined>"
      "<meta:user-defined meta:name=\"_vanban_ignore\">the-thuc.luu, so-lieu</meta:user-defined>"
      "</office:meta></office:document-meta>",
      NULL};
  const char *const *cases[] = {docx, odt};
  for (int i = 0; i < 2; i++) {
    char *path = write_pkg(cases[i]);
    vb_diags *d = vb_diags_new();
    vb_doc *doc = vb_doc_read(path, d);
    CHECK(doc != NULL);
    CHECK_STR(doc ? doc->ignore : NULL, "the-thuc.luu, so-lieu");
    vb_doc_free(doc);
    vb_diags_free(d);
    unlink(path);
    free(path);
  }
}

static void test_refusals(void) {
  static const char *const no_main[] = {
      "[Content_Types].xml",
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>", NULL};
  static const char *const sheet[] = {"mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                                      "content.xml", "<x/>", NULL};
  const char *const *cases[] = {no_main, sheet};
  const char *want[] = {"không phải văn bản Word", "không phải văn bản: loại"};
  for (int i = 0; i < 2; i++) {
    char *path = write_pkg(cases[i]);
    vb_diags *d = vb_diags_new();
    vb_doc *doc = vb_doc_read(path, d);
    CHECK(doc == NULL && vb_diags_errors(d) >= 1);
    CHECK_CONTAINS(vb_diags_count(d) ? vb_diags_get(d, 0)->message : "", want[i]);
    vb_diags_free(d);
    unlink(path);
    free(path);
  }
}

int main(void) {
  test_docx();
  test_odt();
  test_ignore_property();
  test_refusals();
  TEST_MAIN_END();
}
