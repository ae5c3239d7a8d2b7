/* Data trees → JSON text. One writer for every JSON vanban prints (diff
 * --json, batch output names, init), so that they agree on strings and
 * numbers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/json.h"

void vb_json_write_string(vb_buf *out, const char *s, size_t len) {
  vb_buf_putc(out, '"');
  size_t run = 0; /* bytes copied as they are, written in one go */
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    vb_buf_put(out, s + run, i - run);
    run = i + 1;
    switch (c) {
    case '"': vb_buf_puts(out, "\\\""); break;
    case '\\': vb_buf_puts(out, "\\\\"); break;
    case '\n': vb_buf_puts(out, "\\n"); break;
    case '\t': vb_buf_puts(out, "\\t"); break;
    case '\r': vb_buf_puts(out, "\\r"); break;
    case '\b': vb_buf_puts(out, "\\b"); break;
    case '\f': vb_buf_puts(out, "\\f"); break;
    default: vb_buf_printf(out, "\\u%04x", c);
    }
  }
  vb_buf_put(out, s + run, len - run);
  vb_buf_putc(out, '"');
}

void vb_json_write_number(vb_buf *out, double x) {
  if (!isfinite(x)) {
    /* JSON has no NaN or infinity; null is what JSON.stringify writes. */
    vb_buf_puts(out, "null");
  } else {
    vb_num_to_text(x, out);
  }
}

void vb_json_write(vb_buf *out, const vb_value *v, vb_json_layout layout) {
  int lines = layout == VB_JSON_LIST_LINES;
  switch (v->kind) {
  case VB_NULL: vb_buf_puts(out, "null"); return;
  case VB_BOOL: vb_buf_puts(out, v->u.b ? "true" : "false"); return;
  case VB_NUM: vb_json_write_number(out, v->u.num); return;
  case VB_STR: vb_json_write_string(out, v->u.str.s, v->u.str.len); return;
  case VB_EXT: /* made by template filters, never in data read from a file */
    vb_json_write_string(out, v->u.ext.p->s, v->u.ext.p->len);
    return;
  case VB_ARR:
    vb_buf_putc(out, '[');
    for (size_t i = 0; i < v->u.arr.len; i++) {
      if (lines)
        vb_buf_puts(out, i ? ",\n  " : "\n  ");
      else if (i)
        vb_buf_putc(out, ',');
      vb_json_write(out, v->u.arr.items[i], layout);
    }
    if (lines && v->u.arr.len) vb_buf_putc(out, '\n');
    vb_buf_putc(out, ']');
    return;
  case VB_OBJ:
    vb_buf_putc(out, '{');
    for (size_t i = 0; i < v->u.obj.len; i++) {
      const char *key = v->u.obj.items[i].key;
      if (i) vb_buf_puts(out, lines ? ", " : ",");
      vb_json_write_string(out, key, strlen(key));
      vb_buf_puts(out, lines ? ": " : ":");
      vb_json_write(out, v->u.obj.items[i].val, layout);
    }
    vb_buf_putc(out, '}');
    return;
  }
}
