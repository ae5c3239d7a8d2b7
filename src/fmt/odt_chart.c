/* The ODT chart object (ODF 1.3 Part 3, 11): a sub-document "Object N/"
 * whose content.xml holds a chart:chart and the table of its data
 * (local-table: categories in the first column, a column per series), so
 * that LibreOffice draws it and edits its numbers in place. A percent
 * chart stores fractions (0.586) shown by a number:percentage-style in
 * Vietnamese (number:language="vi": 58,6%), plain numbers a number-style
 * with grouping (2.335,5). Series marked as_line over columns are lines
 * with markers (a target); a horizontal bar chart draws every series as
 * bars. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/chart_values.h"
#include "fmt/odt_internal.h"

#define FONT "Times New Roman"

#define NS_DECL                                                                                    \
  " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""                             \
  " xmlns:style=\"" VB_NS_STYLE "\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"" \
  " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""                               \
  " xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\""                              \
  " xmlns:fo=\"" VB_NS_FO "\" xmlns:xlink=\"" VB_NS_XLINK "\" xmlns:svg=\"" VB_NS_SVG "\""         \
  " xmlns:chart=\"" VB_NS_CHART "\" xmlns:number=\"" VB_NS_NUMBER "\""

static void put_esc(vb_buf *out, const char *s) { vb_buf_put_xml_escaped(out, s, strlen(s)); }

/* A length in EMU as millimetres, three decimals. */
static void put_mm(vb_buf *out, long long emu) {
  long long um = (emu * 1000 + VB_EMU_PER_MM / 2) / VB_EMU_PER_MM;
  vb_buf_printf(out, "%lld.%03lldmm", um / 1000, um % 1000);
}

/* N<decimals>: the values' style; NAX: the axis' (no decimals). */
static void put_number_style(vb_buf *out, const vb_chart *c, const char *name, int decimals) {
  const char *el = c->percent ? "percentage-style" : "number-style";
  vb_buf_printf(out,
                "<number:%s style:name=\"%s\" number:language=\"vi\" number:country=\"VN\">"
                "<number:number number:decimal-places=\"%d\" number:min-decimal-places=\"%d\" "
                "number:min-integer-digits=\"1\"%s/>",
                el, name, decimals, decimals, c->percent ? "" : " number:grouping=\"true\"");
  if (c->percent) vb_buf_puts(out, "<number:text>%</number:text>");
  vb_buf_printf(out, "</number:%s>", el);
}

static void put_text_props(vb_buf *out, const char *size, int bold) {
  vb_buf_printf(out,
                "<style:text-properties fo:font-family=\"" FONT "\" fo:font-size=\"%s\" "
                "fo:font-weight=\"%s\" fo:color=\"#000000\"/>",
                size, bold ? "bold" : "normal");
}

static int is_line(const vb_chart *c, size_t s) {
  return c->kind == VB_CHART_LINE || (c->kind == VB_CHART_COLUMN && c->series[s].as_line);
}

static void put_series_style(vb_buf *out, const vb_chart *c, size_t s) {
  const char *rgb = vb_chart_colour(c, s);
  int line = is_line(c, s), target = c->series[s].as_line && line;
  vb_buf_printf(out,
                "<style:style style:name=\"ser%zu\" style:family=\"chart\" "
                "style:data-style-name=\"NVAL\"><style:chart-properties "
                "chart:link-data-style-to-source=\"false\" chart:data-label-number=\"%s\"",
                s + 1, target ? "none" : "value");
  if (line)
    vb_buf_printf(out,
                  " chart:symbol-type=\"named-symbol\" chart:symbol-name=\"%s\" "
                  "chart:symbol-width=\"0.25cm\" chart:symbol-height=\"0.25cm\"",
                  target ? "diamond" : "circle");
  else
    vb_buf_puts(out, " chart:label-position=\"outside\"");
  vb_buf_puts(out, "/><style:graphic-properties");
  if (line)
    vb_buf_printf(out, " draw:stroke=\"%s\" svg:stroke-width=\"0.08cm\" svg:stroke-color=\"#%s\"%s",
                  target ? "dash" : "solid", rgb, target ? " draw:stroke-dash=\"vbDash\"" : "");
  else
    vb_buf_puts(out, " draw:stroke=\"none\"");
  vb_buf_printf(out, " draw:fill=\"solid\" draw:fill-color=\"#%s\"/>", rgb);
  put_text_props(out, "10pt", 0);
  vb_buf_puts(out, "</style:style>");
}

/* Table columns are letters: at most MAX_SERIES + 1 of them. */
static char col(size_t i) { return (char)('A' + i); }

char *vb_odt_chart_content(const vb_chart *c, size_t *len) {
  vb_buf out = VB_BUF_INIT;
  int titled = c->title && *c->title;
  int horizontal = c->kind == VB_CHART_BAR;
  vb_buf_puts(&out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content" NS_DECL
                    " office:version=\"1.3\"><office:automatic-styles>");
  put_number_style(&out, c, "NVAL", c->decimals);
  put_number_style(&out, c, "NAX", 0);
  vb_buf_puts(&out, "<style:style style:name=\"chart\" style:family=\"chart\">"
                    "<style:graphic-properties draw:stroke=\"none\" draw:fill=\"solid\" "
                    "draw:fill-color=\"#ffffff\"/>");
  put_text_props(&out, "10pt", 0);
  vb_buf_puts(&out, "</style:style><style:style style:name=\"title\" style:family=\"chart\">");
  put_text_props(&out, "12pt", 1);
  vb_buf_puts(&out, "</style:style><style:style style:name=\"legend\" style:family=\"chart\">");
  put_text_props(&out, "10pt", 0);
  vb_buf_printf(&out,
                "</style:style><style:style style:name=\"plot\" style:family=\"chart\">"
                "<style:chart-properties chart:vertical=\"%s\" chart:gap-width=\"80\" "
                "chart:overlap=\"-10\" chart:include-hidden-cells=\"false\" "
                "chart:treat-empty-cells=\"leave-gap\"/></style:style>",
                horizontal ? "true" : "false");
  vb_buf_printf(&out,
                "<style:style style:name=\"axx\" style:family=\"chart\"><style:chart-properties "
                "chart:display-label=\"true\" chart:reverse-direction=\"%s\"/>",
                horizontal ? "true" : "false");
  put_text_props(&out, "10pt", 0);
  vb_buf_puts(&out, "</style:style><style:style style:name=\"axy\" style:family=\"chart\" "
                    "style:data-style-name=\"NAX\"><style:chart-properties "
                    "chart:display-label=\"true\" chart:link-data-style-to-source=\"false\" "
                    "chart:minimum=\"0\"");
  if (!isnan(c->axis_max)) {
    vb_buf_puts(&out, " chart:maximum=\"");
    vb_chart_put_number(&out, vb_chart_stored(c, c->axis_max));
    vb_buf_puts(&out, "\"");
    if (c->percent) vb_buf_puts(&out, " chart:interval-major=\"0.2\"");
  }
  vb_buf_puts(&out, "/>");
  put_text_props(&out, "10pt", 0);
  vb_buf_puts(&out, "</style:style><style:style style:name=\"grid\" style:family=\"chart\">"
                    "<style:graphic-properties svg:stroke-color=\"#d9d9d9\"/></style:style>");
  for (size_t s = 0; s < c->nseries; s++)
    put_series_style(&out, c, s);
  vb_buf_puts(&out, "</office:automatic-styles><office:body><office:chart>");

  /* The chart's own class is its bars' (or lines'), each series says its own. */
  const char *cls = c->kind == VB_CHART_LINE ? "chart:line" : "chart:bar";
  vb_buf_puts(&out, "<chart:chart svg:width=\"");
  put_mm(&out, c->cx);
  vb_buf_puts(&out, "\" svg:height=\"");
  put_mm(&out, c->cy);
  vb_buf_printf(&out, "\" chart:class=\"%s\" chart:style-name=\"chart\">", cls);
  if (titled) {
    vb_buf_puts(&out, "<chart:title chart:style-name=\"title\"><text:p>");
    put_esc(&out, c->title);
    vb_buf_puts(&out, "</text:p></chart:title>");
  }
  if (c->nseries > 1)
    vb_buf_puts(&out, "<chart:legend chart:legend-position=\"bottom\" "
                      "style:legend-expansion=\"wide\" chart:style-name=\"legend\"/>");
  size_t last = c->ncat + 1; /* rows: a header, then one per category */
  vb_buf_printf(&out,
                "<chart:plot-area chart:style-name=\"plot\" "
                "table:cell-range-address=\"local-table.$A$1:.$%c$%zu\" "
                "chart:data-source-has-labels=\"both\">",
                col(c->nseries), last);
  vb_buf_printf(&out,
                "<chart:axis chart:dimension=\"x\" chart:name=\"primary-x\" "
                "chart:style-name=\"axx\"><chart:categories "
                "table:cell-range-address=\"local-table.$A$2:.$A$%zu\"/></chart:axis>",
                last);
  vb_buf_puts(&out, "<chart:axis chart:dimension=\"y\" chart:name=\"primary-y\" "
                    "chart:style-name=\"axy\"><chart:grid chart:style-name=\"grid\" "
                    "chart:class=\"major\"/></chart:axis>");
  for (size_t s = 0; s < c->nseries; s++) {
    char k = col(s + 1);
    vb_buf_printf(&out,
                  "<chart:series chart:style-name=\"ser%zu\" "
                  "chart:values-cell-range-address=\"local-table.$%c$2:.$%c$%zu\" "
                  "chart:label-cell-address=\"local-table.$%c$1\" chart:class=\"%s\">"
                  "<chart:data-point chart:repeated=\"%zu\"/></chart:series>",
                  s + 1, k, k, last, k, is_line(c, s) ? "chart:line" : "chart:bar", c->ncat);
  }
  vb_buf_puts(&out, "<chart:wall/><chart:floor/></chart:plot-area>");

  /* The data, as LibreOffice keeps it inside the chart. */
  vb_buf_printf(&out,
                "<table:table table:name=\"local-table\"><table:table-header-columns>"
                "<table:table-column/></table:table-header-columns><table:table-columns>"
                "<table:table-column table:number-columns-repeated=\"%zu\"/></table:table-columns>"
                "<table:table-header-rows><table:table-row><table:table-cell><text:p/>"
                "</table:table-cell>",
                c->nseries);
  for (size_t s = 0; s < c->nseries; s++) {
    vb_buf_puts(&out, "<table:table-cell office:value-type=\"string\"><text:p>");
    put_esc(&out, c->series[s].name);
    vb_buf_puts(&out, "</text:p></table:table-cell>");
  }
  vb_buf_puts(&out, "</table:table-row></table:table-header-rows><table:table-rows>");
  for (size_t i = 0; i < c->ncat; i++) {
    vb_buf_puts(&out, "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>");
    put_esc(&out, c->cats[i]);
    vb_buf_puts(&out, "</text:p></table:table-cell>");
    for (size_t s = 0; s < c->nseries; s++) {
      double v = c->series[s].values[i];
      if (isnan(v)) {
        vb_buf_puts(&out, "<table:table-cell/>");
        continue;
      }
      vb_buf b = VB_BUF_INIT;
      vb_chart_put_number(&b, vb_chart_stored(c, v));
      vb_buf_printf(&out,
                    "<table:table-cell office:value-type=\"float\" office:value=\"%s\">"
                    "<text:p>%s</text:p></table:table-cell>",
                    vb_buf_cstr(&b), vb_buf_cstr(&b));
      vb_buf_free(&b);
    }
    vb_buf_puts(&out, "</table:table-row>");
  }
  vb_buf_puts(&out, "</table:table-rows></table:table></chart:chart></office:chart></office:body>"
                    "</office:document-content>");
  return vb_buf_detach(&out, len);
}

/* The dash of a target line, which styles.xml must define by name. */
char *vb_odt_chart_styles(const vb_chart *c, size_t *len) {
  (void)c;
  vb_buf out = VB_BUF_INIT;
  vb_buf_puts(&out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-styles" NS_DECL
                    " office:version=\"1.3\"><office:styles><draw:stroke-dash draw:name=\"vbDash\" "
                    "draw:style=\"rect\" draw:dots1=\"1\" draw:dots1-length=\"0.2cm\" "
                    "draw:distance=\"0.1cm\"/></office:styles></office:document-styles>");
  return vb_buf_detach(&out, len);
}
