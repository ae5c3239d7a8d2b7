/* What the DOCX chart part and the ODT chart object both write about a
 * chart's numbers: the value as stored (a percent chart stores fractions,
 * 0.586 for 58.6%, so that Word's and LibreOffice's percent formats show
 * 58,6%), in the C locale's notation with as few digits as give it back,
 * and the colours of the series. Private to src/fmt. */
#ifndef VB_FMT_CHART_VALUES_H
#define VB_FMT_CHART_VALUES_H
#include <math.h>
#include <stdio.h>

#include "fmt/inline.h"
#include "util/buf.h"

/* The stored value of v (NaN: the caller writes a gap). */
static inline double vb_chart_stored(const vb_chart *c, double v) {
  return c->percent ? v / 100 : v;
}

/* x with '.' as the decimal mark, whatever the process's locale. */
static inline void vb_chart_put_number(vb_buf *out, double x) {
  char tmp[40];
  snprintf(tmp, sizeof tmp, "%.15g", x == 0 ? 0.0 : x); /* no "-0" */
  for (char *p = tmp; *p; p++)
    if (*p == ',') *p = '.';
  vb_buf_puts(out, tmp);
}

/* Series colours (RGB hex): blue bars, a red target, then others. */
static inline const char *vb_chart_colour(const vb_chart *c, size_t s) {
  static const char *const bars[] = {"2E75B6", "70AD47", "ED7D31", "7030A0",
                                     "FFC000", "5B9BD5", "A5A5A5", "264478"};
  if (c->series[s].as_line) return "C00000";
  size_t k = 0;
  for (size_t i = 0; i < s; i++)
    k += !c->series[i].as_line;
  return bars[k % (sizeof bars / sizeof bars[0])];
}

#endif
