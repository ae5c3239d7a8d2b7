/* The chart parts on their own: the DOCX c:chartSpace and the ODT chart
 * object's content.xml made from a vb_chart, read back with XPath — the
 * categories and cached values in order, a missing value left out, the
 * Vietnamese number formats (58,6%: [$-42A]0.0% / a percentage-style in vi),
 * a target series as a line over the columns, the title, the axis' top —
 * and the same chart giving the same bytes. */
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/docx_internal.h"
#include "fmt/odt_internal.h"
#include "test.h"

#define NS_C "http://schemas.openxmlformats.org/drawingml/2006/chart"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"

static const char *const cats[] = {"Chính quyền số", "Kinh tế số", "Xã hội số & <số>"};
static const double rates[] = {58.6, NAN, 100};
static const double targets[] = {80, 70, 90};

static vb_chart chart_of(vb_chart_kind kind, int with_target, vb_chart_series *ser) {
  ser[0] = (vb_chart_series){.name = "Tỷ lệ đạt", .values = rates};
  ser[1] = (vb_chart_series){.name = "Chỉ tiêu", .values = targets, .as_line = 1};
  vb_chart c = {.kind = kind,
                .title = "Tỷ lệ chỉ tiêu đạt",
                .cats = cats,
                .ncat = 3,
                .series = ser,
                .nseries = with_target ? 2 : 1,
                .percent = 1,
                .decimals = 1,
                .axis_max = 100,
                .cx = 160 * VB_EMU_PER_MM,
                .cy = 80 * VB_EMU_PER_MM};
  return c;
}

typedef struct parsed {
  xmlDocPtr doc;
  xmlXPathContextPtr x;
} parsed;

static parsed parse(const char *xml, size_t len) {
  parsed p = {0};
  p.doc = xmlReadMemory(xml, (int)len, "chart.xml", NULL, XML_PARSE_NONET);
  CHECK(p.doc != NULL);
  if (!p.doc) return p;
  p.x = xmlXPathNewContext(p.doc);
  xmlXPathRegisterNs(p.x, (const xmlChar *)"c", (const xmlChar *)NS_C);
  xmlXPathRegisterNs(p.x, (const xmlChar *)"a", (const xmlChar *)NS_A);
  xmlXPathRegisterNs(p.x, (const xmlChar *)"chart", (const xmlChar *)VB_NS_CHART);
  xmlXPathRegisterNs(p.x, (const xmlChar *)"number", (const xmlChar *)VB_NS_NUMBER);
  xmlXPathRegisterNs(p.x, (const xmlChar *)"style", (const xmlChar *)VB_NS_STYLE);
  xmlXPathRegisterNs(p.x, (const xmlChar *)"svg", (const xmlChar *)VB_NS_SVG);
  xmlXPathRegisterNs(p.x, (const xmlChar *)"table",
                     (const xmlChar *)"urn:oasis:names:tc:opendocument:xmlns:table:1.0");
  xmlXPathRegisterNs(p.x, (const xmlChar *)"office",
                     (const xmlChar *)"urn:oasis:names:tc:opendocument:xmlns:office:1.0");
  xmlXPathRegisterNs(p.x, (const xmlChar *)"text",
                     (const xmlChar *)"urn:oasis:names:tc:opendocument:xmlns:text:1.0");
  return p;
}

static void parsed_free(parsed *p) {
  if (p->x) xmlXPathFreeContext(p->x);
  if (p->doc) xmlFreeDoc(p->doc);
}

/* The string value of an XPath expression ("" when nothing). */
static char *xs(parsed *p, const char *expr) {
  static char buf[4096];
  buf[0] = '\0';
  if (!p->x) return buf;
  xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)expr, p->x);
  if (!o) return buf;
  xmlChar *s = xmlXPathCastToString(o);
  snprintf(buf, sizeof buf, "%s", s ? (const char *)s : "");
  xmlFree(s);
  xmlXPathFreeObject(o);
  return buf;
}

static double xn(parsed *p, const char *expr) {
  if (!p->x) return NAN;
  xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)expr, p->x);
  double v = o ? xmlXPathCastToNumber(o) : NAN;
  xmlXPathFreeObject(o);
  return v;
}

static void test_docx_columns_with_target(void) {
  vb_chart_series ser[2];
  vb_chart c = chart_of(VB_CHART_COLUMN, 1, ser);
  size_t len;
  char *xml = vb_docx_chart_part(&c, &len);
  parsed p = parse(xml, len);
  CHECK_STR(xs(&p, "/c:chartSpace/c:lang/@val"), "vi-VN");
  CHECK_STR(xs(&p, "//c:title//a:t"), "Tỷ lệ chỉ tiêu đạt");
  CHECK_STR(xs(&p, "//c:barChart/c:barDir/@val"), "col");
  CHECK(xn(&p, "count(//c:barChart/c:ser)") == 1);
  CHECK(xn(&p, "count(//c:lineChart/c:ser)") == 1);
  CHECK_STR(xs(&p, "//c:barChart/c:ser/c:tx/c:v"), "Tỷ lệ đạt");
  CHECK_STR(xs(&p, "//c:lineChart/c:ser/c:tx/c:v"), "Chỉ tiêu");
  /* Categories in order, escaped and read back as written. */
  CHECK(xn(&p, "//c:barChart/c:ser/c:cat/c:strLit/c:ptCount/@val") == 3);
  CHECK_STR(xs(&p, "//c:barChart/c:ser/c:cat//c:pt[@idx='0']/c:v"), "Chính quyền số");
  CHECK_STR(xs(&p, "//c:barChart/c:ser/c:cat//c:pt[@idx='2']/c:v"), "Xã hội số & <số>");
  /* Percentages are stored as fractions; the missing one is a gap. */
  CHECK(xn(&p, "//c:barChart/c:ser/c:val/c:numLit/c:ptCount/@val") == 3);
  CHECK_STR(xs(&p, "//c:barChart/c:ser/c:val//c:pt[@idx='0']/c:v"), "0.586");
  CHECK(xn(&p, "count(//c:barChart/c:ser/c:val//c:pt[@idx='1'])") == 0);
  CHECK_STR(xs(&p, "//c:barChart/c:ser/c:val//c:pt[@idx='2']/c:v"), "1");
  CHECK_STR(xs(&p, "//c:lineChart/c:ser/c:val//c:pt[@idx='1']/c:v"), "0.7");
  /* Vietnamese number formats: values with one decimal, the axis none. */
  CHECK_STR(xs(&p, "//c:barChart/c:ser/c:val/c:numLit/c:formatCode"), "[$-42A]0.0%");
  CHECK_STR(xs(&p, "//c:barChart/c:ser/c:dLbls/c:numFmt/@formatCode"), "[$-42A]0.0%");
  CHECK_STR(xs(&p, "//c:barChart/c:ser/c:dLbls/c:showVal/@val"), "1");
  CHECK_STR(xs(&p, "//c:valAx/c:numFmt/@formatCode"), "[$-42A]0%");
  CHECK_STR(xs(&p, "//c:valAx/c:scaling/c:max/@val"), "1");
  /* The target: a dashed line with markers, on the same axes. */
  CHECK_STR(xs(&p, "//c:lineChart/c:ser/c:spPr/a:ln/a:prstDash/@val"), "dash");
  CHECK_STR(xs(&p, "//c:lineChart/c:ser/c:marker/c:symbol/@val"), "diamond");
  CHECK_STR(xs(&p, "//c:lineChart/c:axId[1]/@val"), xs(&p, "//c:catAx/c:axId/@val"));
  CHECK(xn(&p, "count(//c:legend)") == 1);
  parsed_free(&p);
  /* The same chart, the same bytes. */
  size_t len2;
  char *again = vb_docx_chart_part(&c, &len2);
  CHECK(len == len2 && memcmp(xml, again, len) == 0);
  free(again);
  free(xml);
}

static void test_docx_bars_and_numbers(void) {
  vb_chart_series ser[2];
  vb_chart c = chart_of(VB_CHART_BAR, 1, ser);
  c.percent = 0;
  c.decimals = 0;
  c.axis_max = NAN;
  c.title = "";
  size_t len;
  char *xml = vb_docx_chart_part(&c, &len);
  parsed p = parse(xml, len);
  /* Horizontal bars draw the target as bars too; numbers are grouped. */
  CHECK_STR(xs(&p, "//c:barChart/c:barDir/@val"), "bar");
  CHECK(xn(&p, "count(//c:barChart/c:ser)") == 2);
  CHECK(xn(&p, "count(//c:lineChart)") == 0);
  CHECK_STR(xs(&p, "//c:barChart/c:ser[1]/c:val/c:numLit/c:formatCode"), "[$-42A]#,##0");
  CHECK_STR(xs(&p, "//c:barChart/c:ser[1]/c:val//c:pt[@idx='0']/c:v"), "58.6");
  CHECK(xn(&p, "count(//c:title)") == 0);
  CHECK_STR(xs(&p, "//c:autoTitleDeleted/@val"), "1");
  CHECK(xn(&p, "count(//c:valAx/c:scaling/c:max)") == 0);
  parsed_free(&p);
  free(xml);
}

static void test_odt_object(void) {
  vb_chart_series ser[2];
  vb_chart c = chart_of(VB_CHART_COLUMN, 1, ser);
  size_t len;
  char *xml = vb_odt_chart_content(&c, &len);
  parsed p = parse(xml, len);
  CHECK_STR(xs(&p, "//chart:chart/@chart:class"), "chart:bar");
  CHECK_STR(xs(&p, "//chart:chart/@svg:width"), "160.000mm");
  CHECK_STR(xs(&p, "//chart:title/text:p"), "Tỷ lệ chỉ tiêu đạt");
  CHECK(xn(&p, "count(//chart:series)") == 2);
  CHECK_STR(xs(&p, "//chart:series[1]/@chart:class"), "chart:bar");
  CHECK_STR(xs(&p, "//chart:series[2]/@chart:class"), "chart:line");
  CHECK_STR(xs(&p, "//chart:series[1]/@chart:values-cell-range-address"), "local-table.$B$2:.$B$4");
  CHECK_STR(xs(&p, "//chart:categories/@table:cell-range-address"), "local-table.$A$2:.$A$4");
  /* The local table: the series' names, the categories, the values. */
  CHECK_STR(xs(&p, "//table:table-header-rows/table:table-row/table:table-cell[2]/text:p"),
            "Tỷ lệ đạt");
  CHECK_STR(xs(&p, "//table:table-rows/table:table-row[3]/table:table-cell[1]/text:p"),
            "Xã hội số & <số>");
  CHECK_STR(xs(&p, "//table:table-rows/table:table-row[1]/table:table-cell[2]/@office:value"),
            "0.586");
  CHECK(xn(&p, "count(//table:table-rows/table:table-row[2]/table:table-cell[2]/@office:value)") ==
        0);
  CHECK_STR(xs(&p, "//table:table-rows/table:table-row[2]/table:table-cell[3]/@office:value"),
            "0.7");
  /* 58,6%: a percentage style in Vietnamese, one decimal, for the labels. */
  CHECK_STR(xs(&p, "//number:percentage-style[@style:name='NVAL']/@number:language"), "vi");
  CHECK_STR(xs(&p, "//number:percentage-style[@style:name='NVAL']/number:number/"
                   "@number:decimal-places"),
            "1");
  CHECK_STR(xs(&p, "//style:style[@style:name='ser1']/@style:data-style-name"), "NVAL");
  CHECK_STR(xs(&p, "//style:style[@style:name='ser1']/style:chart-properties/"
                   "@chart:data-label-number"),
            "value");
  CHECK_STR(xs(&p, "//style:style[@style:name='axy']/style:chart-properties/@chart:maximum"), "1");
  parsed_free(&p);
  size_t len2;
  char *again = vb_odt_chart_content(&c, &len2);
  CHECK(len == len2 && memcmp(xml, again, len) == 0);
  free(again);
  free(xml);
  xml = vb_odt_chart_styles(&c, &len);
  p = parse(xml, len);
  CHECK_STR(xs(&p, "name(/*)"), "office:document-styles");
  parsed_free(&p);
  free(xml);
  /* Horizontal bars: the plot area says so. */
  c.kind = VB_CHART_BAR;
  c.percent = 0;
  xml = vb_odt_chart_content(&c, &len);
  p = parse(xml, len);
  CHECK_STR(xs(&p, "//style:style[@style:name='plot']/style:chart-properties/@chart:vertical"),
            "true");
  CHECK_STR(xs(&p, "//number:number-style[@style:name='NVAL']/number:number/@number:grouping"),
            "true");
  CHECK_STR(xs(&p, "//table:table-rows/table:table-row[1]/table:table-cell[2]/@office:value"),
            "58.6");
  parsed_free(&p);
  free(xml);
}

int main(void) {
  test_docx_columns_with_target();
  test_docx_bars_and_numbers();
  test_odt_object();
  TEST_MAIN_END();
}
