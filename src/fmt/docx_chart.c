/* The DOCX chart part (DrawingML chart, ECMA-376 Part 1, 21.2): a c:chartSpace
 * whose series hold their categories and values as literals (c:strLit,
 * c:numLit), so that Word and LibreOffice draw it from the part alone. No
 * workbook is embedded: Word shows the chart and lets it be restyled, and
 * asks for the data source only when one edits the numbers.
 *
 * Numbers are formatted in Vietnamese by the format code's locale prefix
 * [$-42A] (LCID 0x042A, vi-VN): 58,6% and 2.335,5 whatever the reader's
 * locale. Columns and bars are a c:barChart; series marked as_line (a
 * target) a c:lineChart with markers over the columns, on the same axes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/chart_values.h"
#include "fmt/docx_internal.h"

#define AX_CAT 500000001u
#define AX_VAL 500000002u
#define FONT "Times New Roman"

static void put_esc(vb_buf *out, const char *s) { vb_buf_put_xml_escaped(out, s, strlen(s)); }

/* "[$-42A]0.0%" for a percent chart with one decimal, "[$-42A]#,##0.0" for
 * numbers. */
static void format_code(vb_buf *out, const vb_chart *c, int decimals) {
  vb_buf_puts(out, "[$-42A]");
  vb_buf_puts(out, c->percent ? "0" : "#,##0");
  if (decimals > 0) {
    vb_buf_putc(out, '.');
    for (int i = 0; i < decimals; i++)
      vb_buf_putc(out, '0');
  }
  if (c->percent) vb_buf_putc(out, '%');
}

static void put_num_fmt(vb_buf *out, const vb_chart *c, int decimals) {
  vb_buf_puts(out, "<c:numFmt formatCode=\"");
  vb_buf b = VB_BUF_INIT;
  format_code(&b, c, decimals);
  put_esc(out, vb_buf_cstr(&b));
  vb_buf_free(&b);
  vb_buf_puts(out, "\" sourceLinked=\"0\"/>");
}

/* Text properties: the document's font, at `hundredths` of a point. */
static void put_tx_pr(vb_buf *out, int hundredths, int bold) {
  vb_buf_printf(out,
                "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"%d\" b=\"%d\">"
                "<a:solidFill><a:srgbClr val=\"000000\"/></a:solidFill>"
                "<a:latin typeface=\"" FONT "\"/><a:cs typeface=\"" FONT "\"/></a:defRPr></a:pPr>"
                "<a:endParaRPr lang=\"vi-VN\"/></a:p></c:txPr>",
                hundredths, bold);
}

static void put_title(vb_buf *out, const char *title) {
  vb_buf_puts(out,
              "<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"1200\" "
              "b=\"1\"/></a:pPr><a:r><a:rPr lang=\"vi-VN\" sz=\"1200\" b=\"1\"><a:latin "
              "typeface=\"" FONT "\"/><a:cs typeface=\"" FONT "\"/></a:rPr><a:t>");
  put_esc(out, title);
  vb_buf_puts(out, "</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/></c:title>");
}

static void put_categories(vb_buf *out, const vb_chart *c) {
  vb_buf_printf(out, "<c:cat><c:strLit><c:ptCount val=\"%zu\"/>", c->ncat);
  for (size_t i = 0; i < c->ncat; i++) {
    vb_buf_printf(out, "<c:pt idx=\"%zu\"><c:v>", i);
    put_esc(out, c->cats[i]);
    vb_buf_puts(out, "</c:v></c:pt>");
  }
  vb_buf_puts(out, "</c:strLit></c:cat>");
}

/* The values; a missing one (NaN) has no c:pt: a gap. */
static void put_values(vb_buf *out, const vb_chart *c, const vb_chart_series *s) {
  vb_buf_puts(out, "<c:val><c:numLit><c:formatCode>");
  vb_buf b = VB_BUF_INIT;
  format_code(&b, c, c->decimals);
  put_esc(out, vb_buf_cstr(&b));
  vb_buf_free(&b);
  vb_buf_printf(out, "</c:formatCode><c:ptCount val=\"%zu\"/>", c->ncat);
  for (size_t i = 0; i < c->ncat; i++) {
    if (isnan(s->values[i])) continue;
    vb_buf_printf(out, "<c:pt idx=\"%zu\"><c:v>", i);
    vb_chart_put_number(out, vb_chart_stored(c, s->values[i]));
    vb_buf_puts(out, "</c:v></c:pt>");
  }
  vb_buf_puts(out, "</c:numLit></c:val>");
}

/* Every value written on its bar or point, in the chart's number format. */
static void put_labels(vb_buf *out, const vb_chart *c, int above) {
  vb_buf_puts(out, "<c:dLbls>");
  put_num_fmt(out, c, c->decimals);
  vb_buf_puts(out, "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>");
  put_tx_pr(out, 1000, 0);
  vb_buf_printf(out,
                "<c:dLblPos val=\"%s\"/><c:showLegendKey val=\"0\"/><c:showVal val=\"1\"/>"
                "<c:showCatName val=\"0\"/><c:showSerName val=\"0\"/><c:showPercent val=\"0\"/>"
                "<c:showBubbleSize val=\"0\"/></c:dLbls>",
                above ? "t" : "outEnd");
}

static void put_series_head(vb_buf *out, const vb_chart *c, size_t s) {
  vb_buf_printf(out, "<c:ser><c:idx val=\"%zu\"/><c:order val=\"%zu\"/><c:tx><c:v>", s, s);
  put_esc(out, c->series[s].name);
  vb_buf_puts(out, "</c:v></c:tx>");
}

static void put_bar_series(vb_buf *out, const vb_chart *c, size_t s) {
  put_series_head(out, c, s);
  vb_buf_printf(out, "<c:spPr><a:solidFill><a:srgbClr val=\"%s\"/></a:solidFill></c:spPr>",
                vb_chart_colour(c, s));
  vb_buf_puts(out, "<c:invertIfNegative val=\"0\"/>");
  put_labels(out, c, 0);
  put_categories(out, c);
  put_values(out, c, &c->series[s]);
  vb_buf_puts(out, "</c:ser>");
}

/* A line with markers; a target (as_line over columns) is a dashed line
 * whose values are not labelled (the axis and the markers tell them). */
static void put_line_series(vb_buf *out, const vb_chart *c, size_t s) {
  const char *rgb = vb_chart_colour(c, s);
  int target = c->series[s].as_line;
  put_series_head(out, c, s);
  vb_buf_printf(out,
                "<c:spPr><a:ln w=\"28575\" cap=\"rnd\"><a:solidFill><a:srgbClr val=\"%s\"/>"
                "</a:solidFill>%s<a:round/></a:ln></c:spPr>",
                rgb, target ? "<a:prstDash val=\"dash\"/>" : "");
  vb_buf_printf(out,
                "<c:marker><c:symbol val=\"%s\"/><c:size val=\"%d\"/><c:spPr><a:solidFill>"
                "<a:srgbClr val=\"%s\"/></a:solidFill><a:ln><a:solidFill><a:srgbClr val=\"%s\"/>"
                "</a:solidFill></a:ln></c:spPr></c:marker>",
                target ? "diamond" : "circle", target ? 8 : 6, rgb, rgb);
  if (!target) put_labels(out, c, 1);
  put_categories(out, c);
  put_values(out, c, &c->series[s]);
  vb_buf_puts(out, "<c:smooth val=\"0\"/></c:ser>");
}

static void put_axis_ids(vb_buf *out) {
  vb_buf_printf(out, "<c:axId val=\"%u\"/><c:axId val=\"%u\"/>", AX_CAT, AX_VAL);
}

static void put_axes(vb_buf *out, const vb_chart *c) {
  int horizontal = c->kind == VB_CHART_BAR;
  vb_buf_printf(out,
                "<c:catAx><c:axId val=\"%u\"/><c:scaling><c:orientation val=\"%s\"/></c:scaling>"
                "<c:delete val=\"0\"/><c:axPos val=\"%s\"/>"
                "<c:numFmt formatCode=\"General\" sourceLinked=\"0\"/>"
                "<c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/>"
                "<c:tickLblPos val=\"nextTo\"/>",
                AX_CAT, horizontal ? "maxMin" : "minMax", horizontal ? "l" : "b");
  put_tx_pr(out, 1000, 0);
  vb_buf_printf(out,
                "<c:crossAx val=\"%u\"/><c:crosses val=\"autoZero\"/><c:auto val=\"1\"/>"
                "<c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/><c:noMultiLvlLbl val=\"0\"/>"
                "</c:catAx>",
                AX_VAL);
  vb_buf_printf(out, "<c:valAx><c:axId val=\"%u\"/><c:scaling><c:orientation val=\"minMax\"/>",
                AX_VAL);
  if (!isnan(c->axis_max)) {
    vb_buf_puts(out, "<c:max val=\"");
    vb_chart_put_number(out, vb_chart_stored(c, c->axis_max));
    vb_buf_puts(out, "\"/>");
  }
  vb_buf_printf(out,
                "<c:min val=\"0\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"%s\"/>"
                "<c:majorGridlines><c:spPr><a:ln w=\"6350\"><a:solidFill><a:srgbClr "
                "val=\"D9D9D9\"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>",
                horizontal ? "b" : "l");
  put_num_fmt(out, c, 0);
  vb_buf_puts(out, "<c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/>"
                   "<c:tickLblPos val=\"nextTo\"/>");
  put_tx_pr(out, 1000, 0);
  vb_buf_printf(out, "<c:crossAx val=\"%u\"/><c:crosses val=\"autoZero\"/>", AX_CAT);
  vb_buf_puts(out, "<c:crossBetween val=\"between\"/>");
  if (c->percent && !isnan(c->axis_max)) vb_buf_puts(out, "<c:majorUnit val=\"0.2\"/>");
  vb_buf_puts(out, "</c:valAx>");
}

char *vb_docx_chart_part(const vb_chart *c, size_t *len) {
  vb_buf out = VB_BUF_INIT;
  vb_buf_puts(&out, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                    "<c:chartSpace xmlns:c=\"" VB_NS_C "\" xmlns:a=\"" VB_NS_A
                    "\" xmlns:r=\"" VB_NS_R "\"><c:date1904 val=\"0\"/><c:lang val=\"vi-VN\"/>"
                    "<c:roundedCorners val=\"0\"/><c:chart>");
  int titled = c->title && *c->title;
  if (titled) put_title(&out, c->title);
  vb_buf_printf(&out, "<c:autoTitleDeleted val=\"%d\"/><c:plotArea><c:layout/>", !titled);
  /* Columns with a target line: the bars, then the lines over them. A
   * horizontal bar chart draws every series as bars (a line cannot run
   * across horizontal bars), a line chart every series as a line. */
  int lines_over = c->kind == VB_CHART_COLUMN;
  size_t nbars = 0, nlines = 0;
  for (size_t s = 0; s < c->nseries; s++) {
    int line = c->kind == VB_CHART_LINE || (lines_over && c->series[s].as_line);
    line ? nlines++ : nbars++;
  }
  if (nbars) {
    vb_buf_printf(&out,
                  "<c:barChart><c:barDir val=\"%s\"/><c:grouping val=\"clustered\"/>"
                  "<c:varyColors val=\"0\"/>",
                  c->kind == VB_CHART_BAR ? "bar" : "col");
    for (size_t s = 0; s < c->nseries; s++)
      if (!(c->kind == VB_CHART_LINE || (lines_over && c->series[s].as_line)))
        put_bar_series(&out, c, s);
    vb_buf_puts(&out, "<c:gapWidth val=\"80\"/>");
    if (nbars > 1) vb_buf_puts(&out, "<c:overlap val=\"-10\"/>");
    put_axis_ids(&out);
    vb_buf_puts(&out, "</c:barChart>");
  }
  if (nlines) {
    vb_buf_puts(&out, "<c:lineChart><c:grouping val=\"standard\"/><c:varyColors val=\"0\"/>");
    for (size_t s = 0; s < c->nseries; s++)
      if (c->kind == VB_CHART_LINE || (lines_over && c->series[s].as_line))
        put_line_series(&out, c, s);
    vb_buf_puts(&out, "<c:marker val=\"1\"/>");
    put_axis_ids(&out);
    vb_buf_puts(&out, "</c:lineChart>");
  }
  put_axes(&out, c);
  vb_buf_puts(&out, "</c:plotArea>");
  if (c->nseries > 1) {
    vb_buf_puts(&out, "<c:legend><c:legendPos val=\"b\"/><c:overlay val=\"0\"/>");
    put_tx_pr(&out, 1000, 0);
    vb_buf_puts(&out, "</c:legend>");
  }
  vb_buf_puts(&out, "<c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart>"
                    "<c:spPr><a:solidFill><a:srgbClr val=\"FFFFFF\"/></a:solidFill><a:ln>"
                    "<a:noFill/></a:ln></c:spPr>");
  put_tx_pr(&out, 1000, 0);
  vb_buf_puts(&out, "</c:chartSpace>");
  return vb_buf_detach(&out, len);
}
