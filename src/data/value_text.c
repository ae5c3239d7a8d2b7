/* A value's text as templates print it (and as diff shows a number). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "data/value.h"

void vb_num_to_text(double x, vb_buf *out) {
  if (isfinite(x) && x == floor(x) && fabs(x) < 1e15) {
    /* Whole numbers are most of what tables print: no printf. */
    char digits[24];
    int k = 0;
    unsigned long long ux = (unsigned long long)fabs(x);
    do
      digits[k++] = (char)('0' + ux % 10);
    while ((ux /= 10) != 0);
    if (x < 0) vb_buf_putc(out, '-');
    while (k)
      vb_buf_putc(out, digits[--k]);
    return;
  }
  /* Shortest text that reads back as the same double (like Python's repr). */
  char tmp[40];
  for (int prec = 1; prec <= 17; prec++) {
    snprintf(tmp, sizeof tmp, "%.*g", prec, x);
    if (strtod(tmp, NULL) == x) break;
  }
  vb_buf_puts(out, tmp);
}

void vb_value_to_text(const vb_value *v, vb_buf *out) {
  if (!v) return;
  switch (v->kind) {
  case VB_NULL: return;
  case VB_BOOL: vb_buf_puts(out, v->u.b ? "true" : "false"); return;
  case VB_NUM: vb_num_to_text(v->u.num, out); return;
  case VB_STR: vb_buf_put(out, v->u.str.s, v->u.str.len); return;
  case VB_EXT: vb_buf_put(out, v->u.ext.p->s, v->u.ext.p->len); return;
  case VB_ARR:
    vb_buf_putc(out, '[');
    for (size_t i = 0; i < v->u.arr.len; i++) {
      if (i) vb_buf_puts(out, ", ");
      const vb_value *x = v->u.arr.items[i];
      if (x->kind == VB_STR) vb_buf_putc(out, '"');
      vb_value_to_text(x, out);
      if (x->kind == VB_STR) vb_buf_putc(out, '"');
      if (x->kind == VB_NULL) vb_buf_puts(out, "null");
    }
    vb_buf_putc(out, ']');
    return;
  case VB_OBJ:
    vb_buf_putc(out, '{');
    for (size_t i = 0; i < v->u.obj.len; i++) {
      const vb_value *x = v->u.obj.items[i].val;
      vb_buf_printf(out, "%s\"%s\": ", i ? ", " : "", v->u.obj.items[i].key);
      if (x->kind == VB_STR) vb_buf_putc(out, '"');
      vb_value_to_text(x, out);
      if (x->kind == VB_STR) vb_buf_putc(out, '"');
      if (x->kind == VB_NULL) vb_buf_puts(out, "null");
    }
    vb_buf_putc(out, '}');
    return;
  }
}
