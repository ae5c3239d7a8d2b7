/* docxtpl's cell markers ({% colspan %}, {% cellbg %}, {% vm %}, {% hm %}),
 * the table grid repair after column loops, and the document properties,
 * on DOCX and ODT packages built here, asserting on the rendered XML. */
#include <stdlib.h>
#include <string.h>

#include "api/internal.h"
#include "data/json.h"
#include "pkg/pkg.h"
#include "test.h"
#include "util/diag.h"

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define ODT_NS                                                                                     \
  "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "                             \
  "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "                                 \
  "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""

static const char content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default "
    "Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";

static vb_template *make_template(int odt, const char *body, const char *core, vb_diags *d) {
  vb_pkg_writer *w = vb_pkg_writer_new(-1);
  char *doc = malloc(strlen(body) + 1024);
  if (odt) {
    static const char mt[] = "application/vnd.oasis.opendocument.text";
    vb_pkg_writer_add(w, "mimetype", mt, strlen(mt), 1);
    sprintf(doc,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content " ODT_NS
            " office:version=\"1.3\"><office:body><office:text>%s</office:text></office:body>"
            "</office:document-content>",
            body);
    vb_pkg_writer_add_owned(w, "content.xml", doc, strlen(doc), 0);
  } else {
    vb_pkg_writer_add(w, "[Content_Types].xml", content_types, strlen(content_types), 0);
    sprintf(doc,
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document " W_NS
            "><w:body>%s<w:sectPr/></w:body></w:document>",
            body);
    vb_pkg_writer_add_owned(w, "word/document.xml", doc, strlen(doc), 0);
  }
  if (core) vb_pkg_writer_add(w, odt ? "meta.xml" : "docProps/core.xml", core, strlen(core), 0);
  void *zip;
  size_t len;
  vb_pkg_writer_finish_memory(w, &zip, &len, d);
  vb_pkg_writer_free(w);
  vb_template *t = vb_template_open_memory(zip, len, odt ? "test.odt" : "test.docx", 0, d);
  free(zip);
  return t;
}

static vb_data *raw_data(const char *json, vb_diags *d) {
  vb_data *data = vb_xcalloc(1, sizeof(vb_data));
  data->name = vb_xstrdup("data.json");
  data->arena = vb_arena_new();
  data->root = vb_json_parse(data->arena, json, strlen(json), "data.json", d);
  return data;
}

static void free_data(vb_data *data) {
  vb_arena_free(data->arena);
  free(data->name);
  free(data);
}

static void print_diags(vb_diags *d) {
  for (size_t i = 0; i < vb_diags_count(d); i++)
    fprintf(stderr, "  %s\n", vb_diag_text(vb_diags_get(d, i)));
}

/* Render and return the named part (malloc'd), or NULL. */
static char *run_part(int odt, const char *body, const char *core, const char *json,
                      const char *part, vb_diags *d) {
  vb_template *t = make_template(odt, body, core, d);
  if (!t) return NULL;
  vb_data *data = raw_data(json, d);
  void *out;
  size_t len;
  char *xml = NULL;
  if (vb_render_memory(t, data, VB_RENDER_NO_MARKS, &out, &len, d) == VB_OK) {
    vb_pkg *p = vb_pkg_open_memory(out, len, "out", NULL, d);
    size_t xlen;
    long i = vb_pkg_find(p, part);
    if (i >= 0) vb_pkg_read(p, (size_t)i, &xml, &xlen, d);
    vb_pkg_free(p);
    free(out);
  }
  vb_template_free(t);
  free_data(data);
  return xml;
}

static char *run_docx(const char *body, const char *json, vb_diags *d) {
  return run_part(0, body, NULL, json, "word/document.xml", d);
}

static int count(const char *hay, const char *needle) {
  int n = 0;
  for (const char *p = hay; p && (p = strstr(p, needle)) != NULL; p += strlen(needle))
    n++;
  return n;
}

#define TC(pr, text) "<w:tc>" pr "<w:p><w:r><w:t>" text "</w:t></w:r></w:p></w:tc>"
#define ROW(cells) "<w:tr>" cells "</w:tr>"
#define GRID2 "<w:tblGrid><w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"3000\"/></w:tblGrid>"

static void test_colspan_cellbg(void) {
  vb_diags *d = vb_diags_new();
  /* The old gridSpan goes, the new one sits after tcW and before shd (schema
   * order); the run that held only the marker is removed. */
  char *xml =
      run_docx("<w:tbl>" GRID2 ROW(
                   "<w:tc><w:tcPr><w:tcW w:w=\"6000\" w:type=\"dxa\"/><w:gridSpan w:val=\"2\"/>"
                   "<w:shd w:val=\"clear\" w:fill=\"auto\"/><w:vAlign w:val=\"top\"/></w:tcPr>"
                   "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{% colspan n + 1 %}</w:t></w:r>"
                   "<w:r><w:t>Title</w:t></w:r></w:p></w:tc>")
                   ROW(TC("", "a") TC("", "b") TC("", "c")) "</w:tbl>",
               "{\"n\": 2}", d);
  print_diags(d);
  CHECK(xml != NULL);
  if (xml) {
    CHECK_CONTAINS(xml, "<w:tcPr><w:tcW w:w=\"6000\" w:type=\"dxa\"/><w:gridSpan w:val=\"3\"/>"
                        "<w:shd w:val=\"clear\" w:fill=\"auto\"/><w:vAlign w:val=\"top\"/></w:tcPr>"
                        "<w:p><w:r><w:t>Title</w:t></w:r></w:p>");
    CHECK(strstr(xml, "<w:b/>") == NULL);
    CHECK(strstr(xml, "colspan") == NULL);
    /* The grid grew to the widest row (3), keeping the table's width. */
    CHECK_CONTAINS(xml, "<w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/><w:gridCol "
                        "w:w=\"2000\"/></w:tblGrid>");
  }
  free(xml);
  /* cellbg: w:shd replaced, before tcMar; a value that needs escaping. */
  xml = run_docx(
      "<w:tbl>" GRID2 ROW(
          "<w:tc><w:tcPr><w:tcW w:w=\"3000\" w:type=\"dxa\"/><w:tcMar/></w:tcPr>"
          "<w:p><w:r><w:t>{% cellbg c %}x</w:t></w:r></w:p></w:tc>" TC("", "y")) "</w:tbl>",
      "{\"c\": \"FF0000\\\"&\"}", d);
  print_diags(d);
  CHECK(xml != NULL);
  if (xml) {
    CHECK_CONTAINS(xml,
                   "<w:tcW w:w=\"3000\" w:type=\"dxa\"/><w:shd w:val=\"clear\" w:color=\"auto\" "
                   "w:fill=\"FF0000&quot;&amp;\"/><w:tcMar/></w:tcPr><w:p><w:r><w:t "
                   "xml:space=\"preserve\">x</w:t>");
    /* No column loop, no colspan: the grid is not touched. */
    CHECK_CONTAINS(xml, GRID2);
  }
  free(xml);
  /* A cell without properties gets them. */
  xml = run_docx("<w:tbl>" GRID2 ROW(TC("", "{% colspan 2 %}z")) "</w:tbl>", "{}", d);
  CHECK(xml != NULL);
  if (xml)
    CHECK_CONTAINS(xml, "<w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t "
                        "xml:space=\"preserve\">z</w:t>");
  free(xml);
  vb_diags_free(d);
}

static void test_hm(void) {
  vb_diags *d = vb_diags_new();
  char *xml = run_docx("<w:tbl>" GRID2 ROW(TC("", "A") TC("", "{%tc for x in xs %}") TC(
                           "<w:tcPr><w:tcW w:w=\"100\" w:type=\"dxa\"/><w:gridSpan "
                           "w:val=\"2\"/><w:tcBorders/></w:tcPr>",
                           "{% hm %}H") TC("", "{%tc endfor %}"))
                           ROW(TC("", "B") TC("", "{%tc for x in xs %}") TC("", "{{ x }}")
                                   TC("", "{%tc endfor %}")) "</w:tbl>",
                       "{\"xs\": [1, 2, 3]}", d);
  print_diags(d);
  CHECK(xml != NULL);
  if (xml) {
    /* One merged cell, old span 2 x 3 iterations; the other row has 3 cells. */
    CHECK(count(xml, ">H<") == 1);
    CHECK_CONTAINS(xml,
                   "<w:tcW w:w=\"100\" w:type=\"dxa\"/><w:gridSpan w:val=\"6\"/><w:tcBorders/>");
    CHECK(count(xml, "<w:gridCol ") == 7);
    CHECK_CONTAINS(xml, ">1<");
    CHECK_CONTAINS(xml, ">3<");
  }
  free(xml);
  /* hm outside a loop is an error at compile time. */
  vb_template *t =
      make_template(0, "<w:tbl>" GRID2 ROW(TC("", "{% hm %}H") TC("", "x")) "</w:tbl>", NULL, d);
  CHECK(t == NULL);
  CHECK(vb_diags_count(d) >= 1);
  if (vb_diags_count(d)) {
    CHECK_CONTAINS(vb_diags_get(d, 0)->message, "không nằm trong vòng lặp");
    CHECK_CONTAINS(vb_diags_get(d, 0)->where, "bảng 1, hàng 1, ô 1");
  }
  vb_diags_clear(d);
  /* A marker outside a table. */
  t = make_template(0, "<w:p><w:r><w:t>{% colspan 2 %}</w:t></w:r></w:p>", NULL, d);
  CHECK(t == NULL);
  if (vb_diags_count(d)) CHECK_CONTAINS(vb_diags_get(d, 0)->message, "không nằm trong ô bảng");
  vb_diags_free(d);
}

static void test_vm(void) {
  vb_diags *d = vb_diags_new();
  char *xml = run_docx(
      "<w:tbl>" GRID2 ROW(TC("", "{%tr for r in rows %}"))
          ROW("<w:tc><w:tcPr><w:tcW w:w=\"3000\" w:type=\"dxa\"/><w:shd w:val=\"clear\"/></w:tcPr>"
              "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t>{{ g }}{% vm %}</w:t></w:r>"
              "<w:r><w:t xml:space=\"preserve\"> more</w:t></w:r></w:p></w:tc>" TC("", "{{ r }}"))
              ROW(TC("", "{%tr endfor %}")) "</w:tbl>",
      "{\"rows\": [\"a\", \"b\", \"c\"], \"g\": \"Group\"}", d);
  print_diags(d);
  CHECK(xml != NULL);
  if (xml) {
    CHECK(count(xml, "<w:vMerge w:val=\"restart\"/>") == 1);
    CHECK(count(xml, "<w:vMerge w:val=\"continue\"/>") == 2);
    CHECK_CONTAINS(xml, "<w:tcW w:w=\"3000\" w:type=\"dxa\"/><w:vMerge w:val=\"restart\"/><w:shd "
                        "w:val=\"clear\"/>");
    /* The text shows once; the continued cells keep an empty paragraph. */
    CHECK(count(xml, "Group") == 1);
    CHECK(count(xml, " more") == 1);
    CHECK(count(xml, "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:p>") == 2);
    CHECK_CONTAINS(xml, ">c<");
  }
  free(xml);
  vb_diags_free(d);
}

static void test_odt(void) {
  vb_diags *d = vb_diags_new();
  /* colspan: the span attribute and one repeated covered cell instead of the old ones. */
  char *xml =
      run_part(1,
               "<table:table><table:table-column table:number-columns-repeated=\"3\"/>"
               "<table:table-row><table:table-cell table:number-columns-spanned=\"2\"><text:p>{% "
               "colspan n %}T</text:p></table:table-cell>"
               "<table:covered-table-cell/><table:table-cell><text:p>z</text:p></"
               "table:table-cell></table:table-row>"
               "<table:table-row><table:table-cell><text:p>{%tr for r in rows "
               "%}</text:p></table:table-cell></table:table-row>"
               "<table:table-row><table:table-cell><text:p>{% vm %}V</text:p></table:table-cell>"
               "<table:table-cell><text:p>{{ r }}</text:p></table:table-cell></table:table-row>"
               "<table:table-row><table:table-cell><text:p>{%tr endfor "
               "%}</text:p></table:table-cell></table:table-row>"
               "</table:table>",
               NULL, "{\"n\": 3, \"rows\": [1, 2]}", "content.xml", d);
  print_diags(d);
  CHECK(xml != NULL);
  if (xml) {
    CHECK_CONTAINS(
        xml,
        "<table:table-cell table:number-columns-spanned=\"3\"><text:p>T</text:p></table:table-cell>"
        "<table:covered-table-cell table:number-columns-repeated=\"2\"/>"
        "<table:table-cell><text:p>z</text:p></table:table-cell>");
    /* vm: the first row's cell spans the loop's rows, the next is covered and empty. */
    CHECK_CONTAINS(
        xml,
        "<table:table-cell table:number-rows-spanned=\"2\"><text:p>V</text:p></table:table-cell>");
    CHECK_CONTAINS(xml, "<table:covered-table-cell><text:p/></table:covered-table-cell>");
    /* The widest row has 4 columns now. */
    CHECK_CONTAINS(xml, "<table:table-column table:number-columns-repeated=\"4\"/>");
  }
  free(xml);
  /* cellbg has no ODT equivalent: a clear error. */
  vb_template *t = make_template(
      1,
      "<table:table><table:table-row><table:table-cell><text:p>{% cellbg 'red' %}x</text:p>"
      "</table:table-cell></table:table-row></table:table>",
      NULL, d);
  CHECK(t == NULL);
  if (vb_diags_count(d)) CHECK_CONTAINS(vb_diags_get(d, 0)->message, "mẫu ODT không hỗ trợ cellbg");
  vb_diags_free(d);
}

static void add_name(void *ud, const char *name) {
  strcat((char *)ud, name);
  strcat((char *)ud, " ");
}

static void test_properties(void) {
  vb_diags *d = vb_diags_new();
  static const char core[] =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><cp:coreProperties "
      "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{{ t }}</dc:title>"
      "<dc:subject>S {{ s }}</dc:subject><cp:keywords>{{ k }}</cp:keywords></cp:coreProperties>";
  char *xml = run_part(0, "<w:p><w:r><w:t>x</w:t></w:r></w:p>", core,
                       "{\"t\": \"A & B\", \"s\": 1}", "docProps/core.xml", d);
  print_diags(d);
  CHECK(xml != NULL);
  if (xml) {
    CHECK_CONTAINS(xml, "<dc:title>A &amp; B</dc:title><dc:subject>S 1</dc:subject>");
    /* Not one of docxtpl's rendered properties: left as written. */
    CHECK_CONTAINS(xml, "<cp:keywords>{{ k }}</cp:keywords>");
  }
  free(xml);
  /* Variables include the properties' and the colspan expression's names. */
  vb_template *t = make_template(
      0, "<w:tbl>" GRID2 ROW(TC("", "{% colspan cols|count %}x") TC("", "y")) "</w:tbl>", core, d);
  CHECK(t != NULL);
  if (t) {
    char names[256] = "";
    size_t n = vb_template_field_count(t);
    int colspan = 0;
    for (size_t i = 0; i < n; i++) {
      vb_field f;
      if (vb_template_field(t, i, &f) == 0 && !strcmp(f.kind, "colspan")) colspan++;
    }
    CHECK(colspan == 1);
    vb_template_variables(t, add_name, names);
    CHECK_STR(names, "cols s t "); /* k: keywords are not rendered */
    vb_template_free(t);
  }
  vb_diags_free(d);
}

static void test_scoped_comments(void) {
  vb_diags *d = vb_diags_new();
  /* {#p #} and {#tr #} remove their paragraph / row, with the text in it. */
  char *xml =
      run_docx("<w:p><w:r><w:t>A</w:t></w:r></w:p><w:p><w:r><w:t>x {#p note #} y</w:t></w:r></w:p>"
               "<w:tbl>" GRID2 ROW(TC("", "{#tr note #}") TC("", "q"))
                   ROW(TC("", "kept") TC("", "k2")) "</w:tbl>",
               "{}", d);
  print_diags(d);
  CHECK(xml != NULL);
  if (xml) {
    CHECK(strstr(xml, "note") == NULL);
    CHECK(strstr(xml, ">x ") == NULL);
    CHECK(strstr(xml, ">q<") == NULL);
    CHECK_CONTAINS(xml, ">A<");
    CHECK_CONTAINS(xml, ">kept<");
    CHECK(count(xml, "<w:tr>") == 1);
  }
  free(xml);
  vb_diags_free(d);
}

static void test_scoped_values(void) {
  vb_diags *d = vb_diags_new();
  /* {{p x }} and {{r x }} with JSON text: the paragraph / run keeps its
   * properties and holds only the value (docxtpl would put RichText there). */
  char *xml = run_docx(
      "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t>a </w:t></w:r>"
      "<w:r><w:rPr><w:b/></w:rPr><w:t>{{p s }}</w:t></w:r><w:r><w:t> b</w:t></w:r></w:p>"
      "<w:p><w:r><w:t>c </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>x {{r s }} y</w:t></w:r></w:p>",
      "{\"s\": \"V\"}", d);
  print_diags(d);
  CHECK(xml != NULL);
  if (xml) {
    CHECK_CONTAINS(xml, "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr>"
                        "<w:t xml:space=\"preserve\">V</w:t></w:r></w:p>");
    CHECK_CONTAINS(xml, "<w:p><w:r><w:t>c </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t "
                        "xml:space=\"preserve\">V</w:t></w:r></w:p>");
  }
  free(xml);
  xml = run_part(1, "<text:p text:style-name=\"P\">a <text:span>{{p s }}</text:span> b</text:p>",
                 NULL, "{\"s\": \"V\"}", "content.xml", d);
  CHECK(xml != NULL);
  if (xml) CHECK_CONTAINS(xml, "<text:p text:style-name=\"P\"><text:span>V</text:span></text:p>");
  free(xml);
  vb_diags_free(d);
}

int main(void) {
  test_scoped_values();
  test_scoped_comments();
  test_colspan_cellbg();
  test_hm();
  test_vm();
  test_odt();
  test_properties();
  TEST_MAIN_END();
}
