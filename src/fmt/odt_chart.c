/* The ODT chart object (ODF 1.3 Part 3, 11). No filter makes a chart yet:
 * these are the entries the package additions call. */
#include <stdlib.h>
#include <string.h>

#include "fmt/odt_internal.h"

char *vb_odt_chart_content(const vb_chart *c, size_t *len) {
  (void)c;
  *len = 0;
  return strdup("");
}

char *vb_odt_chart_styles(const vb_chart *c, size_t *len) {
  (void)c;
  *len = 0;
  return strdup("");
}
