/* The format layer on its own: recognising a package, which parts hold text,
 * the range-id scan, how a value's text is spelled, docxtpl's cell markers
 * through the constructor table (no template compiler here), and the marks
 * that `vanban update` reads and rewrites — for DOCX and ODT, asserting on the
 * XML. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/document.h"
#include "fmt/marks.h"
#include "test.h"
#include "util/diag.h"
#include "xml/xml.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define XMLNS_W "xmlns:w=\"" W_NS "\""
#define XMLNS_ODT                                                                                  \
  "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "                             \
  "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""

/* A package with these entries (name, content, name, content, …, NULL). */
static vb_pkg *package(vb_diags *d, void **zip, ...) {
  vb_pkg_writer *w = vb_pkg_writer_new(-1);
  va_list ap;
  va_start(ap, zip);
  const char *name;
  while ((name = va_arg(ap, const char *)) != NULL) {
    const char *content = va_arg(ap, const char *);
    vb_pkg_writer_add(w, name, content, strlen(content), 0);
  }
  va_end(ap);
  size_t len;
  vb_pkg_writer_finish_memory(w, zip, &len, d);
  vb_pkg_writer_free(w);
  return vb_pkg_open_memory(*zip, len, "t", NULL, d);
}

static const vb_doc_format *detect(vb_diags *d, vb_pkg *p) {
  const vb_doc_format *f = NULL;
  CHECK(vb_doc_format_detect(p, &f, d) == 0);
  return f;
}

static void test_detect(vb_diags *d) {
  void *zip;
  vb_pkg *p =
      package(d, &zip, "[Content_Types].xml", "<Types/>", "word/document.xml", "<x/>", NULL);
  CHECK(detect(d, p) == &vb_doc_docx);
  vb_pkg_free(p);
  free(zip);
  p = package(d, &zip, "mimetype", "application/vnd.oasis.opendocument.text", "content.xml", "<x/>",
              NULL);
  CHECK(detect(d, p) == &vb_doc_odt);
  vb_pkg_free(p);
  free(zip);
  /* A spreadsheet, and a DOCX with an ODF mimetype: neither. */
  p = package(d, &zip, "mimetype", "application/vnd.oasis.opendocument.spreadsheet", "content.xml",
              "<x/>", NULL);
  CHECK(detect(d, p) == NULL);
  vb_pkg_free(p);
  free(zip);
  p = package(d, &zip, "mimetype", "application/vnd.oasis.opendocument.spreadsheet",
              "[Content_Types].xml", "<Types/>", "word/document.xml", "<x/>", NULL);
  CHECK(detect(d, p) == NULL);
  vb_pkg_free(p);
  free(zip);
  CHECK(vb_diags_count(d) == 0);
  CHECK(vb_doc_format_of(VB_FORMAT_DOCX) == &vb_doc_docx);
  CHECK(vb_doc_format_of(VB_FORMAT_ODT) == &vb_doc_odt);
  CHECK(vb_doc_docx.text == &vb_format_docx && vb_doc_odt.text == &vb_format_odt);
}

static void test_parts(void) {
  const vb_doc_format *x = &vb_doc_docx, *o = &vb_doc_odt;
  CHECK(x->is_text_part("word/document.xml"));
  CHECK(x->is_text_part("word/header1.xml") && x->is_text_part("word/footer12.xml"));
  CHECK(x->is_text_part("word/footnotes.xml") && x->is_text_part("word/endnotes.xml"));
  CHECK(!x->is_text_part("word/styles.xml") && !x->is_text_part("word/comments.xml"));
  CHECK(!x->is_text_part("word/sub/header1.xml") && !x->is_text_part("header1.xml"));
  CHECK(!x->is_text_part("word/header1.xml.rels") && !x->is_text_part("content.xml"));
  CHECK(o->is_text_part("content.xml") && o->is_text_part("styles.xml"));
  CHECK(!o->is_text_part("meta.xml") && !o->is_text_part("word/document.xml"));
  CHECK(vb_doc_is_template_part(x, "docProps/core.xml") && !vb_doc_is_template_part(x, "meta.xml"));
  CHECK(vb_doc_is_template_part(o, "meta.xml") && vb_doc_is_template_part(o, "content.xml"));
  CHECK_STR(o->stored_part, "mimetype");
  CHECK(x->stored_part == NULL);
}

/* Marks are numbered above every id the template's ranges use. */
static void test_mark_ids(void) {
  const char *doc = "<w:bookmarkStart w:id=\"41\" w:name=\"x\"/><w:bookmarkEnd w:id = '41'/>"
                    "<w:comment id=\"7\"/><w:t>id=\"900\" is text, width=\"5000\" no id</w:t>";
  unsigned next = vb_doc_docx.next_mark_id("word/document.xml", doc, strlen(doc), 1);
  CHECK(next == 42); /* "id=\"900\"" inside text has no space or ':' before it */
  CHECK(vb_doc_docx.next_mark_id("word/comments.xml", "<w:c w:id=\"99\"/>", 16, next) == 100);
  CHECK(vb_doc_docx.next_mark_id("word/styles.xml", "<w:c w:id=\"99\"/>", 16, 5) == 5);
  CHECK(vb_doc_docx.next_mark_id("word/document.xml", "<a w:id=\"99999999999\"/>", 24, 1) ==
        0x7f000000u);
  CHECK(vb_doc_odt.next_mark_id == NULL);
}

static void test_write_text(void) {
  vb_buf b = VB_BUF_INIT;
  vb_format_docx.write_text(&b, "w", "a<b & c\nd\te", 12);
  CHECK_STR(vb_buf_cstr(&b), "a&lt;b &amp; c</w:t><w:br/><w:t xml:space=\"preserve\">d</w:t>"
                             "<w:tab/><w:t xml:space=\"preserve\">e");
  vb_buf_clear(&b);
  vb_format_odt.write_text(&b, "text", " a  b\tc ", 8);
  CHECK_STR(vb_buf_cstr(&b), "<text:s/>a <text:s/>b<text:tab/>c<text:s/>");
  vb_buf_clear(&b);
  vb_format_odt.write_text(&b, "text", "x   y", 5);
  CHECK_STR(vb_buf_cstr(&b), "x <text:s text:c=\"2\"/>y");
  vb_buf_free(&b);
}

/* --- cell markers through the constructor table ---------------------------- */

typedef struct calls {
  vb_buf log;
} calls;
struct vb_mk {
  calls c;
};

static int fake_attr(vb_mk *m, xmlNode *elem, xmlNs *ns, const char *name, const char *src) {
  vb_buf_printf(&m->c.log, "attr %s@%s=%s;", (const char *)elem->name, name, src);
  return 0;
}
static xmlNode *fake_block(vb_mk *m, const char *word, const char *cond) {
  vb_buf_printf(&m->c.log, "block %s %s;", word, cond ? cond : "-");
  return xmlNewNode(NULL, (const xmlChar *)"block");
}
static void fake_rename(vb_mk *m, xmlNode *elem, const char *cond, const char *alt) {
  vb_buf_printf(&m->c.log, "rename %s unless %s to %s;", (const char *)elem->name, cond, alt);
}
static void fake_wrap(vb_mk *m, xmlNode *under, const char *cond) {
  vb_buf_printf(&m->c.log, "wrap %s if %s;", (const char *)under->name, cond);
}
static const vb_mk_ops fake_ops = {fake_attr, fake_block, fake_rename, fake_wrap};

static xmlDoc *parse(const char *xml) {
  return vb_xml_parse(xml, strlen(xml), "t", "part", VB_EINTERNAL, NULL);
}

static void test_cell_markers(void) {
  xmlDoc *doc = parse("<w:tbl " XMLNS_W "><w:tr><w:tc><w:tcPr><w:vAlign w:val=\"top\"/></w:tcPr>"
                      "<w:p/></w:tc></w:tr></w:tbl>");
  xmlNode *tc = xmlDocGetRootElement(doc)->children->children;
  vb_mk m = {{VB_BUF_INIT}};
  const char *err = NULL;
  CHECK(vb_format_docx.cell_marker(&fake_ops, &m, tc, VB_MK_COLSPAN, "n", &err) == 0);
  CHECK(vb_format_docx.cell_marker(&fake_ops, &m, tc, VB_MK_VM, NULL, &err) == 0);
  CHECK_STR(vb_buf_cstr(&m.c.log), "attr gridSpan@val=n;attr vMerge@val=\"restart\" if loop.first "
                                   "else \"continue\";wrap tc if loop.first;");
  /* The properties are in schema order: gridSpan, vMerge before vAlign. */
  xmlNode *pr = tc->children;
  CHECK_STR((const char *)pr->children->name, "gridSpan");
  CHECK_STR((const char *)pr->children->next->name, "vMerge");
  CHECK_STR((const char *)pr->last->name, "vAlign");
  xmlFreeDoc(doc);
  vb_buf_clear(&m.c.log);
  /* ODT: no cellbg (the background lives in a style), vm covers the cell. */
  doc =
      parse("<table:table-cell xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"/>");
  xmlNode *cell = xmlDocGetRootElement(doc);
  CHECK(vb_format_odt.cell_marker(&fake_ops, &m, cell, VB_MK_CELLBG, "c", &err) == -1);
  CHECK_CONTAINS(err, "mẫu ODT không hỗ trợ cellbg");
  CHECK(vb_format_odt.cell_marker(&fake_ops, &m, cell, VB_MK_VM, NULL, &err) == 0);
  CHECK_STR(vb_buf_cstr(&m.c.log), "attr table-cell@number-rows-spanned=loop.length;rename "
                                   "table-cell unless loop.first to covered-table-cell;wrap "
                                   "table-cell if loop.first;");
  xmlFreeDoc(doc);
  vb_buf_free(&m.c.log);
}

/* --- marks in an edited document ----------------------------------------- */

static char *dump(xmlDoc *doc) {
  xmlBufferPtr b = xmlBufferCreate();
  xmlNodeDump(b, doc, xmlDocGetRootElement(doc), 0, 0);
  char *s = vb_xstrdup((const char *)xmlBufferContent(b));
  xmlBufferFree(b);
  return s;
}

static void test_docx_marks(void) {
  xmlDoc *doc = parse(
      "<w:body " XMLNS_W "><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Tổng: </w:t></w:r>"
      "<w:bookmarkStart w:id=\"5\" w:name=\"_vb1_a_x\"/><w:r><w:rPr><w:b/></w:rPr><w:t>1.2</w:t>"
      "<w:tab/><w:t>50</w:t></w:r><w:bookmarkEnd w:id=\"5\"/>"
      "<w:bookmarkStart w:id=\"6\" w:name=\"other\"/><w:bookmarkEnd w:id=\"6\"/></w:p>"
      "<w:p><w:bookmarkStart w:id=\"7\" w:name=\"_vb2_a_y\"/><w:r><w:t>x</w:t></w:r>"
      "<w:bookmarkEnd w:id=\"7\"/></w:p><w:p><w:bookmarkStart w:id=\"8\" w:name=\"_vb3_a_z\"/>"
      "<w:bookmarkEnd w:id=\"8\"/></w:p></w:body>");
  vb_part_marks *m = vb_marks_read(&vb_format_docx, doc, "_vb");
  CHECK(vb_marks_count(m) == 3); /* "other" is not one of ours */
  CHECK_STR(vb_marks_name(m, 0), "_vb1_a_x");
  CHECK(vb_marks_has_end(m, 0));
  vb_buf t = VB_BUF_INIT;
  vb_marks_text(m, 0, &t);
  CHECK_STR(vb_buf_cstr(&t), "1.2\t50");
  vb_buf_clear(&t);
  CHECK(vb_marks_text_before(m, 0, &t) == 0);
  CHECK_STR(vb_buf_cstr(&t), "Tổng: ");
  /* A new value with a line break: the first w:t keeps its run and place. */
  vb_marks_set_text(m, 0, "7\n8", 0);
  vb_marks_rename(m, 0, "_vb1_a_new");
  vb_buf_clear(&t);
  vb_marks_text(m, 0, &t);
  CHECK_STR(vb_buf_cstr(&t), "7\n8");
  /* An empty range gets a run of its own. */
  vb_marks_set_text(m, 2, "z", 0);
  char *xml = dump(doc);
  CHECK_CONTAINS(xml, "<w:bookmarkStart w:id=\"5\" w:name=\"_vb1_a_new\"/><w:r><w:rPr><w:b/>"
                      "</w:rPr><w:t xml:space=\"preserve\">7</w:t><w:br/>"
                      "<w:t xml:space=\"preserve\">8</w:t></w:r><w:bookmarkEnd w:id=\"5\"/>");
  CHECK_CONTAINS(xml, "<w:bookmarkStart w:id=\"8\" w:name=\"_vb3_a_z\"/><w:r>"
                      "<w:t xml:space=\"preserve\">z</w:t></w:r><w:bookmarkEnd w:id=\"8\"/>");
  CHECK_CONTAINS(xml, "w:name=\"other\""); /* untouched */
  free(xml);
  vb_marks_free(m);
  xmlFreeDoc(doc);
  vb_buf_free(&t);
}

/* LibreOffice moved a mark one character into its paragraph: rewriting from
 * the paragraph's start puts the mark back before the value. */
static void test_moved_mark(void) {
  xmlDoc *doc = parse("<w:body " XMLNS_W "><w:p><w:r><w:t>4</w:t></w:r>"
                      "<w:bookmarkStart w:id=\"1\" w:name=\"_vb1_a_x\"/><w:r><w:t>2</w:t></w:r>"
                      "<w:bookmarkEnd w:id=\"1\"/></w:p></w:body>");
  vb_part_marks *m = vb_marks_read(&vb_format_docx, doc, "_vb");
  vb_buf t = VB_BUF_INIT;
  CHECK(vb_marks_text_before(m, 0, &t) == 0);
  CHECK_STR(vb_buf_cstr(&t), "4");
  vb_marks_set_text(m, 0, "43", 1);
  char *xml = dump(doc);
  CHECK_CONTAINS(xml, "<w:p><w:bookmarkStart w:id=\"1\" w:name=\"_vb1_a_x\"/><w:r>"
                      "<w:t xml:space=\"preserve\">43</w:t></w:r><w:r/><w:bookmarkEnd");
  free(xml);
  vb_marks_free(m);
  xmlFreeDoc(doc);
  vb_buf_free(&t);
}

/* LibreOffice saves an empty DOCX bookmark as a start with no end followed
 * by the range: one mark, the stray start taken out of the part. */
static void test_doubled_start(void) {
  xmlDoc *doc = parse("<w:body " XMLNS_W "><w:p><w:r/><w:bookmarkStart w:id=\"135\" "
                      "w:name=\"_vb2_a_x\"/><w:bookmarkStart w:id=\"136\" w:name=\"_vb2_a_x\"/>"
                      "<w:bookmarkEnd w:id=\"136\"/></w:p><w:p><w:bookmarkStart w:id=\"9\" "
                      "w:name=\"_vb3_a_y\"/></w:p></w:body>");
  vb_part_marks *m = vb_marks_read(&vb_format_docx, doc, "_vb");
  CHECK(vb_marks_count(m) == 2);
  CHECK_STR(vb_marks_name(m, 0), "_vb2_a_x");
  CHECK(vb_marks_has_end(m, 0));
  CHECK(!vb_marks_has_end(m, 1)); /* a start alone, not doubled: kept */
  vb_marks_set_text(m, 0, "5", 0);
  char *xml = dump(doc);
  CHECK(strstr(xml, "w:id=\"135\"") == NULL);
  CHECK_CONTAINS(xml, "<w:bookmarkStart w:id=\"136\" w:name=\"_vb2_a_x\"/><w:r>"
                      "<w:t xml:space=\"preserve\">5</w:t></w:r><w:bookmarkEnd w:id=\"136\"/>");
  CHECK_CONTAINS(xml, "w:id=\"9\"");
  free(xml);
  vb_marks_free(m);
  xmlFreeDoc(doc);
}

/* A value Word left inside a wider mark (its run joined to the template's
 * text before it, the end after the paragraph mark): narrowed to the
 * value, the runs cut with their properties, then rewritten. */
static void test_narrow_docx(void) {
  xmlDoc *doc =
      parse("<w:body " XMLNS_W "><w:p><w:bookmarkStart w:id=\"3\" w:name=\"_vb1_a_x\"/>"
            "<w:r w:rsidR=\"00A1\"><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">Chỉ tiêu đạt: "
            "05/12</w:t><w:tab/><w:t>xong</w:t></w:r><w:proofErr w:type=\"spellEnd\"/></w:p>"
            "<w:p><w:bookmarkEnd w:id=\"3\"/><w:r><w:t>Sau</w:t></w:r></w:p></w:body>");
  vb_part_marks *m = vb_marks_read(&vb_format_docx, doc, "_vb");
  vb_buf t = VB_BUF_INIT;
  vb_marks_text(m, 0, &t);
  CHECK_STR(vb_buf_cstr(&t), "Chỉ tiêu đạt: 05/12\txong\n");
  size_t from = strlen("Chỉ tiêu đạt: "), to = t.len - strlen("\txong\n");
  CHECK(vb_marks_narrow(m, 0, from, to) == 0);
  vb_buf_clear(&t);
  vb_marks_text(m, 0, &t);
  CHECK_STR(vb_buf_cstr(&t), "05/12");
  vb_marks_set_text(m, 0, "06/12", 0);
  char *xml = dump(doc);
  CHECK_CONTAINS(xml, "<w:p><w:r w:rsidR=\"00A1\"><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">"
                      "Chỉ tiêu đạt: </w:t></w:r><w:bookmarkStart w:id=\"3\" w:name=\"_vb1_a_x\"/>"
                      "<w:r w:rsidR=\"00A1\"><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">06/12"
                      "</w:t></w:r><w:bookmarkEnd w:id=\"3\"/><w:r w:rsidR=\"00A1\"><w:rPr><w:b/>"
                      "</w:rPr><w:tab/><w:t>xong</w:t></w:r><w:proofErr w:type=\"spellEnd\"/></w:p>"
                      "<w:p><w:r><w:t>Sau</w:t></w:r></w:p>");
  CHECK(strstr(strstr(xml, "xmlns:w") + 1, "xmlns:w") == NULL); /* declared once */
  free(xml);
  /* A cut that is not in text (inside a paragraph break) changes nothing. */
  vb_marks_free(m);
  xmlFreeDoc(doc);
  doc = parse("<w:body " XMLNS_W "><w:p><w:bookmarkStart w:id=\"3\" w:name=\"_vb1_a_x\"/>"
              "<w:r><w:t>ab</w:t></w:r></w:p><w:p><w:r><w:t>cd</w:t></w:r>"
              "<w:bookmarkEnd w:id=\"3\"/></w:p></w:body>");
  m = vb_marks_read(&vb_format_docx, doc, "_vb");
  CHECK(vb_marks_narrow(m, 0, 2, 4) == -1); /* "\nc": starts at the break */
  CHECK(vb_marks_narrow(m, 0, 0, 0) == -1);
  vb_buf_clear(&t);
  vb_marks_text(m, 0, &t);
  CHECK_STR(vb_buf_cstr(&t), "ab\ncd");
  vb_marks_free(m);
  xmlFreeDoc(doc);
  vb_buf_free(&t);
}

static void test_narrow_odt(void) {
  xmlDoc *doc = parse("<office:text " XMLNS_ODT "><text:p><text:bookmark-start "
                      "text:name=\"_vb1_a_x\"/>Tỷ lệ 25%<text:span> (rà soát)</text:span>"
                      "<text:bookmark-end text:name=\"_vb1_a_x\"/></text:p></office:text>");
  vb_part_marks *m = vb_marks_read(&vb_format_odt, doc, "_vb");
  CHECK(vb_marks_narrow(m, 0, strlen("Tỷ lệ "), strlen("Tỷ lệ 25%")) == 0);
  vb_buf t = VB_BUF_INIT;
  vb_marks_text(m, 0, &t);
  CHECK_STR(vb_buf_cstr(&t), "25%");
  vb_marks_set_text(m, 0, "31%", 0);
  char *xml = dump(doc);
  CHECK_CONTAINS(xml, "<text:p>Tỷ lệ <text:bookmark-start text:name=\"_vb1_a_x\"/>31%"
                      "<text:bookmark-end text:name=\"_vb1_a_x\"/><text:span> (rà soát)"
                      "</text:span></text:p>");
  free(xml);
  vb_marks_free(m);
  xmlFreeDoc(doc);
  vb_buf_free(&t);
}

/* Places for messages: table, row, cell and paragraph in document order. */
static void test_where(void) {
  xmlDoc *doc = parse("<w:body " XMLNS_W "><w:p/><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr>"
                      "<w:tr><w:tc><w:p/></w:tc><w:tc><w:p/><w:p><w:r><w:t>x</w:t></w:r></w:p>"
                      "</w:tc></w:tr></w:tbl><w:p><w:r><w:t>y</w:t></w:r></w:p></w:body>");
  xmlNode *x = NULL, *y = NULL;
  for (xmlNode *n = xmlDocGetRootElement(doc); n;) {
    if (n->type == XML_TEXT_NODE) {
      if (!strcmp((const char *)n->content, "x")) x = n;
      if (!strcmp((const char *)n->content, "y")) y = n;
    }
    if (n->children) {
      n = n->children;
      continue;
    }
    while (n && !n->next)
      n = n->parent;
    if (n) n = n->next;
  }
  vb_buf b = VB_BUF_INIT;
  vb_marks_where(&vb_format_docx, x, &b);
  CHECK_STR(vb_buf_cstr(&b), "bảng 1, hàng 2, ô 2, đoạn 5");
  vb_buf_clear(&b);
  vb_marks_where(&vb_format_docx, y, &b);
  CHECK_STR(vb_buf_cstr(&b), "đoạn 6");
  vb_buf_free(&b);
  xmlFreeDoc(doc);
}

static void test_odt_marks(void) {
  xmlDoc *doc = parse("<office:text " XMLNS_ODT "><text:p>Tỷ lệ <text:bookmark-start "
                      "text:name=\"_vb1_a_x\"/>25<text:s text:c=\"2\"/>%<text:bookmark-end "
                      "text:name=\"_vb1_a_x\"/>.</text:p><text:p><text:bookmark "
                      "text:name=\"_vb2_a_y\"/></text:p></office:text>");
  vb_part_marks *m = vb_marks_read(&vb_format_odt, doc, "_vb");
  CHECK(vb_marks_count(m) == 2);
  CHECK(vb_marks_has_end(m, 0) && !vb_marks_has_end(m, 1));
  vb_buf t = VB_BUF_INIT;
  vb_marks_text(m, 0, &t);
  CHECK_STR(vb_buf_cstr(&t), "25  %");
  vb_marks_set_text(m, 0, "31,4 %", 0);
  vb_marks_rename(m, 0, "_vb1_a_n");
  /* The point an empty value left becomes a range around the new value. */
  vb_marks_set_text(m, 1, "a  b", 0);
  vb_marks_rename(m, 1, "_vb2_a_n");
  char *xml = dump(doc);
  CHECK_CONTAINS(xml, "Tỷ lệ <text:bookmark-start text:name=\"_vb1_a_n\"/>31,4 %"
                      "<text:bookmark-end text:name=\"_vb1_a_n\"/>.");
  CHECK_CONTAINS(xml, "<text:bookmark-start text:name=\"_vb2_a_n\"/>a<text:s text:c=\"2\"/>b"
                      "<text:bookmark-end text:name=\"_vb2_a_n\"/>");
  CHECK(!strstr(xml, "<text:bookmark "));
  free(xml);
  vb_marks_free(m);
  xmlFreeDoc(doc);
  vb_buf_free(&t);
  /* Document properties have no marks. */
  CHECK(vb_marks_read(&vb_format_props, NULL, "_vb") == NULL);
}

/* LibreOffice writes w:sectPr first in w:pPr; an updated part has it last. */
static void test_tidy(void) {
  xmlDoc *doc = parse("<w:body " XMLNS_W "><w:p><w:pPr><w:sectPr/><w:jc w:val=\"center\"/>"
                      "</w:pPr></w:p></w:body>");
  vb_marks_tidy(&vb_format_docx, doc);
  char *xml = dump(doc);
  CHECK_CONTAINS(xml, "<w:pPr><w:jc w:val=\"center\"/><w:sectPr/></w:pPr>");
  free(xml);
  xmlFreeDoc(doc);
}

/* Table grid repair: a grid that already fits its widest row is left alone,
 * and with keep_unchanged its bytes too (update's traced render relies on
 * that); a grid short of a column gets one. */
static void test_fix_tables(void) {
  const char *fits = "<w:document xmlns:w=\"" VB_NS_W "\"><w:body><w:tbl>"
                     "<w:tblGrid><w:gridCol w:w=\"100\"/><w:gridCol w:w=\"100\"/></w:tblGrid>"
                     "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p/></w:tc></w:tr>"
                     "<w:tr><w:tc><w:p/></w:tc><w:tc><w:p></w:p></w:tc></w:tr>"
                     "</w:tbl></w:body></w:document>";
  vb_buf b = VB_BUF_INIT;
  vb_buf_puts(&b, fits);
  CHECK(vb_format_docx.fix_tables(&b, 1) == 0);
  CHECK_STR(vb_buf_cstr(&b), fits);
  CHECK(vb_format_docx.fix_tables(&b, 0) == 0);
  CHECK(strstr(vb_buf_cstr(&b), "<?xml") != NULL); /* written again */
  b.len = 0;
  vb_buf_puts(&b, "<w:document xmlns:w=\"" VB_NS_W "\"><w:body><w:tbl>"
                  "<w:tblGrid><w:gridCol w:w=\"200\"/></w:tblGrid>"
                  "<w:tr><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>"
                  "</w:tbl></w:body></w:document>");
  CHECK(vb_format_docx.fix_tables(&b, 1) == 1);
  CHECK(strstr(vb_buf_cstr(&b), "<w:gridCol w:w=\"100\"/><w:gridCol w:w=\"100\"/>") != NULL);
  const char *odt_fits = "<o xmlns:table=\"" VB_NS_TABLE "\"><table:table>"
                         "<table:table-column table:number-columns-repeated=\"2\"/>"
                         "<table:table-row><table:table-cell/><table:table-cell/></table:table-row>"
                         "</table:table></o>";
  b.len = 0;
  vb_buf_puts(&b, odt_fits);
  CHECK(vb_format_odt.fix_tables(&b, 1) == 0);
  CHECK_STR(vb_buf_cstr(&b), odt_fits);
  b.len = 0;
  vb_buf_puts(&b, "<o xmlns:table=\"" VB_NS_TABLE "\"><table:table><table:table-column/>"
                  "<table:table-row><table:table-cell/><table:table-cell/></table:table-row>"
                  "</table:table></o>");
  CHECK(vb_format_odt.fix_tables(&b, 1) == 1);
  CHECK(strstr(vb_buf_cstr(&b), "number-columns-repeated=\"2\"") != NULL);
  /* The scan that spares the tree must see what the tree would: a nested
   * table short of a column inside a table that fits; a span that widens a
   * row past its grid; ODT rows in a header group, columns in a group,
   * covered cells repeated. */
  b.len = 0;
  vb_buf_puts(&b, "<w:document xmlns:w=\"" VB_NS_W "\"><w:body><w:tbl>"
                  "<w:tblGrid><w:gridCol w:w=\"300\"/></w:tblGrid>"
                  "<w:tr><w:tc><w:tbl><w:tblGrid><w:gridCol w:w=\"100\"/></w:tblGrid>"
                  "<w:tr><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr>"
                  "</w:tbl></w:body></w:document>");
  CHECK(vb_format_docx.fix_tables(&b, 1) == 1);
  CHECK(strstr(vb_buf_cstr(&b), "<w:gridCol w:w=\"300\"/></w:tblGrid>") != NULL);
  CHECK(strstr(vb_buf_cstr(&b), "<w:gridCol w:w=\"50\"/><w:gridCol w:w=\"50\"/>") != NULL);
  b.len = 0;
  vb_buf_puts(&b, "<w:document xmlns:w=\"" VB_NS_W "\"><w:body><w:tbl>"
                  "<w:tblGrid><w:gridCol w:w=\"100\"/><w:gridCol w:w=\"100\"/></w:tblGrid>"
                  "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p/></w:tc>"
                  "<w:tc><w:p/></w:tc></w:tr></w:tbl></w:body></w:document>");
  CHECK(vb_format_docx.fix_tables(&b, 1) == 1);
  b.len = 0;
  vb_buf_puts(&b, "<o xmlns:table=\"" VB_NS_TABLE "\"><table:table>"
                  "<table:table-column-group><table:table-column/></table:table-column-group>"
                  "<table:table-header-rows><table:table-row><table:table-cell/>"
                  "<table:covered-table-cell table:number-columns-repeated=\"2\"/>"
                  "</table:table-row></table:table-header-rows>"
                  "<table:table-row><table:table-cell/></table:table-row>"
                  "</table:table></o>");
  CHECK(vb_format_odt.fix_tables(&b, 1) == 1);
  CHECK(strstr(vb_buf_cstr(&b), "number-columns-repeated=\"3\"") != NULL);
  const char *odt_group_fits =
      "<o xmlns:table=\"" VB_NS_TABLE "\"><table:table>"
      "<table:table-header-columns><table:table-column/></table:table-header-columns>"
      "<table:table-column/>"
      "<table:table-rows><table:table-row><table:table-cell/><table:table-cell/>"
      "</table:table-row></table:table-rows></table:table></o>";
  b.len = 0;
  vb_buf_puts(&b, odt_group_fits);
  CHECK(vb_format_odt.fix_tables(&b, 1) == 0);
  CHECK_STR(vb_buf_cstr(&b), odt_group_fits);
  vb_buf_free(&b);
}

int main(void) {
  vb_diags *d = vb_diags_new();
  test_detect(d);
  test_parts();
  test_mark_ids();
  test_write_text();
  test_cell_markers();
  test_docx_marks();
  test_moved_mark();
  test_doubled_start();
  test_narrow_docx();
  test_narrow_odt();
  test_where();
  test_odt_marks();
  test_tidy();
  test_fix_tables();
  for (size_t i = 0; i < vb_diags_count(d); i++)
    fprintf(stderr, "%s\n", vb_diag_text(vb_diags_get(d, i)));
  vb_diags_free(d);
  TEST_MAIN_END();
}
