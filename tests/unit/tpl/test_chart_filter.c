/* The `bieu_do` filter through whole renders: DOCX and ODT packages built
 * here get a chart part (word/charts/vb-chartN.xml, its relationship and
 * content type; "Object N/" with its manifest entries) whose cached values
 * are the data's, from the model's groups, indicators with a target line,
 * or series written out — and every refusal, with its rule id and nothing
 * rendered. */
#include <stdlib.h>
#include <string.h>

#include "api/internal.h"
#include "data/json.h"
#include "pkg/pkg.h"
#include "rendered.h"
#include "test.h"
#include "tpl/rich.h"
#include "util/buf.h"
#include "util/diag.h"

/* --- tests ---------------------------------------------------------------------------- */

static const char groups_json[] =
    "{\"nhom\": [{\"ma\": \"1\", \"ten\": \"Chính quyền số\", \"ty_le_dat\": 58.6},"
    " {\"ma\": \"2\", \"ten\": \"Kinh tế số\", \"ty_le_dat\": 100},"
    " {\"ma\": \"3\", \"ten\": \"Xã hội số\", \"ty_le_dat\": 41.66666666666667}],"
    " \"ct\": [{\"ma\": \"3.1\", \"ten\": \"Dài\", \"ty_le\": 95.5, \"muc_tieu_ty_le\": 90},"
    " {\"ma\": \"3.2\", \"ten\": \"Dài\", \"ty_le\": null, \"muc_tieu_ty_le\": 80}]}";

static void test_docx_groups(void) {
  vb_diags *d = vb_diags_new();
  vb_template *t = docx_template("<w:p><w:r><w:t>{{ nhom | bieu_do(tieu_de=\"Tỷ lệ đạt\") "
                                 "}}</w:t></w:r></w:p><w:p><w:r><w:t>{{ ct | "
                                 "bieu_do(muc_tieu=\"muc_tieu_ty_le\", rong=\"120mm\", "
                                 "cao=\"6cm\") }}</w:t></w:r></w:p>",
                                 d);
  rendered r = {0};
  CHECK(t && render(t, groups_json, "word/charts/vb-chart1.xml", "word/document.xml", &r, d) == 0);
  print_diags(d);
  CHECK_CONTAINS(r.names, "word/charts/vb-chart1.xml\n");
  CHECK_CONTAINS(r.names, "word/charts/vb-chart2.xml\n");
  CHECK_CONTAINS(r.names, "word/_rels/document.xml.rels\n");
  /* The group chart: names as categories, rates as fractions, 58,6%. */
  CHECK_CONTAINS(r.part, "<c:pt idx=\"0\"><c:v>Chính quyền số</c:v></c:pt>");
  CHECK_CONTAINS(r.part, "<c:pt idx=\"0\"><c:v>0.586</c:v></c:pt>");
  CHECK_CONTAINS(r.part, "<c:pt idx=\"2\"><c:v>0.416666666666667</c:v></c:pt>");
  CHECK_CONTAINS(r.part, "formatCode=\"[$-42A]0.0%\"");
  CHECK_CONTAINS(r.part, "<a:t>Tỷ lệ đạt</a:t>");
  CHECK_CONTAINS(r.part, "<c:tx><c:v>Tỷ lệ chỉ tiêu đạt</c:v></c:tx>");
  CHECK(count(r.part, "<c:ser>") == 1);
  /* The drawing: a c:chart naming the relationship, at its size. */
  CHECK(count(r.part2, "<c:chart ") == 2);
  CHECK_CONTAINS(r.part2, "r:id=\"rIdVb1\"");
  CHECK_CONTAINS(r.part2, "<wp:extent cx=\"5760000\" cy=\"2880000\"/>"); /* 160 × 80 mm */
  CHECK_CONTAINS(r.part2, "<wp:extent cx=\"4320000\" cy=\"2160000\"/>"); /* 120 × 60 mm */
  CHECK_CONTAINS(r.part2, "name=\"Biểu đồ 1\"");
  rendered_free(&r);
  CHECK(render(t, groups_json, "word/_rels/document.xml.rels", "[Content_Types].xml", &r, d) == 0);
  CHECK_CONTAINS(r.part, "Id=\"rIdVb1\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
                         "2006/relationships/chart\" Target=\"charts/vb-chart1.xml\"");
  CHECK_CONTAINS(r.part, "Target=\"charts/vb-chart2.xml\"");
  CHECK_CONTAINS(r.part2, "<Override PartName=\"/word/charts/vb-chart1.xml\" "
                          "ContentType=\"application/"
                          "vnd.openxmlformats-officedocument.drawingml.chart+xml\"/>");
  rendered_free(&r);
  /* Indicators: their numbers as categories, the target as a line, a gap
   * for the one without a rate. */
  CHECK(render(t, groups_json, "word/charts/vb-chart2.xml", NULL, &r, d) == 0);
  CHECK_CONTAINS(r.part, "<c:v>3.1</c:v>");
  CHECK(strstr(r.part ? r.part : "", "<c:v>Dài</c:v>") == NULL);
  CHECK_CONTAINS(r.part, "<c:lineChart>");
  CHECK_CONTAINS(r.part, "<c:tx><c:v>Chỉ tiêu</c:v></c:tx>");
  CHECK_CONTAINS(r.part, "<c:pt idx=\"1\"><c:v>0.8</c:v></c:pt>");
  CHECK_CONTAINS(r.part, "<c:pt idx=\"0\"><c:v>0.955</c:v></c:pt>");
  /* The category (once per series) and the target; no rate. */
  CHECK(count(r.part, "<c:pt idx=\"1\"><c:v>") == 3);
  rendered_free(&r);
  vb_template_free(t);
  vb_diags_free(d);
}

static void test_docx_explicit_and_bytes(void) {
  vb_diags *d = vb_diags_new();
  vb_template *t = docx_template(
      "<w:p><w:r><w:t>{{ so_lieu | bieu_do(kieu=\"thanh\", so_le=0) }}</w:t></w:r></w:p>", d);
  static const char json[] =
      "{\"so_lieu\": {\"nhan\": [\"2023\", \"2024\"], \"chuoi\": [{\"ten\": \"Hồ sơ\", "
      "\"gia_tri\": [2335, \"3.986\"]}]}}";
  rendered r = {0}, r2 = {0};
  CHECK(t && render(t, json, "word/charts/vb-chart1.xml", NULL, &r, d) == 0);
  print_diags(d);
  CHECK_CONTAINS(r.part, "<c:barDir val=\"bar\"/>");
  CHECK_CONTAINS(r.part, "<c:pt idx=\"1\"><c:v>3986</c:v></c:pt>");
  CHECK_CONTAINS(r.part, "formatCode=\"[$-42A]#,##0\"");
  CHECK(render(t, json, "word/charts/vb-chart1.xml", NULL, &r2, d) == 0);
  CHECK_STR(r.part, r2.part);
  rendered_free(&r);
  rendered_free(&r2);
  vb_template_free(t);
  vb_diags_free(d);
}

static void test_odt_object(void) {
  vb_diags *d = vb_diags_new();
  vb_template *t = odt_template(
      "<text:p>{{ nhom | bieu_do(tieu_de=\"Tỷ lệ đạt\") }}</text:p>"
      "<text:p>{{ ct | bieu_do(muc_tieu=\"muc_tieu_ty_le\", kieu=\"duong\") }}</text:p>",
      d);
  rendered r = {0};
  CHECK(t && render(t, groups_json, "META-INF/manifest.xml", "content.xml", &r, d) == 0);
  print_diags(d);
  CHECK_CONTAINS(r.names, "Object 1/content.xml\nObject 1/styles.xml\n");
  CHECK_CONTAINS(r.names, "Object 2/content.xml\n");
  CHECK_CONTAINS(r.part, "manifest:full-path=\"Object 1/\" manifest:version=\"1.3\" "
                         "manifest:media-type=\"application/vnd.oasis.opendocument.chart\"");
  CHECK_CONTAINS(r.part, "manifest:full-path=\"Object 1/content.xml\" "
                         "manifest:media-type=\"text/xml\"");
  CHECK_CONTAINS(r.part, "manifest:full-path=\"Object 2/styles.xml\"");
  CHECK_CONTAINS(r.part2, "<draw:object xlink:href=\"./Object 1\"");
  CHECK_CONTAINS(r.part2, "svg:width=\"160.000mm\" svg:height=\"80.000mm\"");
  rendered_free(&r);
  CHECK(render(t, groups_json, "Object 1/content.xml", "Object 2/content.xml", &r, d) == 0);
  CHECK_CONTAINS(r.part, "office:value=\"0.586\"");
  CHECK_CONTAINS(r.part, "<text:p>Kinh tế số</text:p>");
  CHECK_CONTAINS(r.part, "number:language=\"vi\"");
  CHECK_CONTAINS(r.part2, "chart:class=\"chart:line\"");
  CHECK_CONTAINS(r.part2, "office:value=\"0.9\"");
  rendered_free(&r);
  vb_template_free(t);
  vb_diags_free(d);
}

/* The first error's text, after rendering `json` with a template whose
 * body is `body`. */
static char *refusal(const char *body, const char *json) {
  vb_diags *d = vb_diags_new();
  vb_template *t = !strncmp(body, "<text:", 6) ? odt_template(body, d) : docx_template(body, d);
  rendered r = {0};
  char *msg = NULL;
  if (t && render(t, json, NULL, NULL, &r, d) != 0 && vb_diags_count(d))
    msg = vb_xstrdup(vb_diag_text(vb_diags_get(d, 0)));
  else if (!t && vb_diags_count(d))
    msg = vb_xstrdup(vb_diag_text(vb_diags_get(d, 0)));
  rendered_free(&r);
  vb_template_free(t);
  vb_diags_free(d);
  return msg ? msg : vb_xstrdup("(rendered)");
}

#define P(tag) "<w:p><w:r><w:t>" tag "</w:t></w:r></w:p>"

static void check_refused(const char *body, const char *json, const char *rule, const char *what) {
  char *msg = refusal(body, json);
  CHECK_CONTAINS(msg, rule);
  CHECK_CONTAINS(msg, what);
  free(msg);
}

static void test_refusals(void) {
  check_refused(P("{{ nhom | bieu_do(kieu=\"tron\") }}"), groups_json, "[chart.bad-kind]",
                "không có kiểu biểu đồ \"tron\"");
  check_refused(
      P("{{ x | bieu_do }}"),
      "{\"x\": {\"nhan\": [\"a\", \"b\"], \"chuoi\": [{\"ten\": \"S\", \"gia_tri\": [1]}]}}",
      "[chart.length-mismatch]", "chuỗi \"S\" (data.json, dòng 1, cột 62) có 1 giá trị nhưng có 2 nhãn");
  check_refused(P("{{ x | bieu_do }}"),
                "{\"x\": {\"nhan\": [\"a\"], \"chuoi\": [{\"ten\": \"S\", \"gia_tri\": [null]}]}}",
                "[chart.no-numbers]", "\"S\" không có số liệu nào để vẽ");
  check_refused(P("{{ x | bieu_do }}"), "{\"x\": [{\"ten\": \"a\", \"ty_le\": \"nhiều\"}]}",
                "[chart.not-number]", "giá trị thứ 1 của \"ty_le\" (data.json, dòng 1, cột 30)");
  check_refused(P("{{ x | bieu_do }}"), "{\"x\": [{\"ten\": \"a\", \"so\": 3}]}",
                "[chart.no-numbers]", "không biết vẽ trường nào");
  check_refused(P("{{ x | bieu_do }}"), "{\"x\": []}", "[chart.empty]", "danh sách rỗng");
  check_refused(P("{{ x | bieu_do }}"), "{\"x\": 58.6}", "[chart.bad-value]",
                "cần một danh sách hoặc một đối tượng số liệu");
  check_refused(P("{{ nhom | bieu_do(rong=\"rộng\") }}"), groups_json, "[chart.bad-size]",
                "rong phải là một độ dài");
  check_refused(P("{{ nhom | bieu_do(so_le=9) }}"), groups_json, "[chart.bad-decimals]", "so_le");
  /* Where no drawing may stand: the document's title (its properties). */
  vb_diags *d = vb_diags_new();
  static const char core[] =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><cp:coreProperties "
      "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{{ nhom | bieu_do "
      "}}</dc:title></cp:coreProperties>";
  static const char ct[] =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default "
      "Extension=\"xml\" ContentType=\"application/xml\"/><Override "
      "PartName=\"/word/document.xml\" ContentType=\"application/"
      "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
  const char *names[] = {"[Content_Types].xml", "word/document.xml", "docProps/core.xml"};
  const char *parts[] = {ct,
                         "<?xml version=\"1.0\"?><w:document " W_NS
                         "><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>",
                         core};
  vb_template *t = template_of(names, parts, 3, "t.docx", d);
  rendered r = {0};
  CHECK(t && render(t, groups_json, NULL, NULL, &r, d) != 0);
  const char *msg = vb_diags_count(d) ? vb_diag_text(vb_diags_get(d, 0)) : "";
  CHECK_CONTAINS(msg, "không đặt được biểu đồ ở chỗ này");
  CHECK_CONTAINS(msg, "[chart.not-in-text]");
  rendered_free(&r);
  vb_template_free(t);
  vb_diags_free(d);
}

int main(void) {
  test_docx_groups();
  test_docx_explicit_and_bytes();
  test_odt_object();
  test_refusals();
  TEST_MAIN_END();
}
