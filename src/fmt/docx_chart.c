/* The DOCX chart part (DrawingML chart, ECMA-376 Part 1, 21.2). No filter
 * makes a chart yet: this is the entry the package additions call. */
#include <stdlib.h>
#include <string.h>

#include "fmt/docx_internal.h"

char *vb_docx_chart_part(const vb_chart *c, size_t *len) {
  (void)c;
  *len = 0;
  return strdup("");
}
