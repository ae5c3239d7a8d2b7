/* The rows of a table as typed values: text, lines, numbers, dates, each
 * value carrying its cell ("Phụ lục 02!E7") so that the model's messages
 * point at the cell to fix, and each cell that cannot be read as what its
 * field needs reported at that cell. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sheet/table.h"
#include "util/diag.h"
#include "vi/vi.h"

static int blank_text(const char *t) {
  for (; *t; t++)
    if (!strchr(" \t\r\n", *t) && !((unsigned char)t[0] == 0xC2 && (unsigned char)t[1] == 0xA0))
      return 0;
  return 1;
}

int vb_cell_filled(const vb_cell *c) {
  return c->type != VB_CELL_EMPTY && !(c->type == VB_CELL_TEXT && blank_text(c->text));
}

const vb_cell *vb_table_cell(const vb_table_reader *t, uint32_t row, const char *field) {
  long c = vb_table_col(t->cols, field);
  if (c < 0) return NULL;
  const vb_cell *cell = vb_sheet_cell(t->s, row, (uint32_t)c);
  if (cell && cell->type == VB_CELL_TEXT && blank_text(cell->text)) return NULL;
  return cell;
}

vb_value *vb_table_at(const vb_table_reader *t, vb_value *v, uint32_t row, const char *field) {
  v->src = vb_cellref_name(t->a, t->s->name, row, (uint32_t)vb_table_col(t->cols, field));
  return v;
}

void vb_table_cell_error(vb_table_reader *t, uint32_t row, const char *field, const vb_cell *c,
                         const char *hint, const char *what) {
  vb_buf found = VB_BUF_INIT;
  vb_cell_display(c, &found);
  const char *where =
      vb_cellref_name(t->a, t->s->name, row, (uint32_t)vb_table_col(t->cols, field));
  if (c->type == VB_CELL_DATE) {
    /* The usual cause: the spreadsheet turned "6/6" or "1/2" into a date. */
    vb_buf h = VB_BUF_INIT;
    vb_buf_printf(&h,
                  "bảng tính tự đổi những gì gõ như \"6/6\" thành ngày tháng: chọn ô, đặt định "
                  "dạng Văn bản (Text) rồi gõ lại; %s",
                  hint);
    vb_error_rule(t->d, VB_EDATA, "sheet.date-cell", t->book, where, vb_buf_cstr(&h),
                  "không đọc được %s (%s) từ ô có \"%s\": ô định dạng ngày tháng", what, field,
                  vb_buf_cstr(&found));
    vb_buf_free(&h);
  } else {
    vb_error_rule(t->d, VB_EDATA, "sheet.cell", t->book, where, hint,
                  "không đọc được %s (%s) từ ô có \"%s\"", what, field, vb_buf_cstr(&found));
  }
  vb_buf_free(&found);
  t->errors++;
}

const char *vb_table_text(const vb_table_reader *t, const vb_cell *c) {
  vb_buf b = VB_BUF_INIT;
  vb_cell_display(c, &b);
  size_t s = 0, e = b.len;
  while (s < e && strchr(" \t\r\n", b.data[s]))
    s++;
  while (e > s && strchr(" \t\r\n", b.data[e - 1]))
    e--;
  const char *r = vb_arena_strndup(t->a, b.data ? b.data + s : "", e - s);
  vb_buf_free(&b);
  return r;
}

vb_value *vb_table_str(vb_table_reader *t, uint32_t row, const char *field, const char *text) {
  return vb_table_at(t, vb_val_strz(t->a, text), row, field);
}

vb_value *vb_table_lines(vb_table_reader *t, uint32_t row, const char *field, const vb_cell *c) {
  vb_value *arr = vb_table_at(t, vb_val_arr(t->a), row, field);
  const char *s = vb_table_text(t, c);
  /* A lone dash says "none" on purpose: the model prints the evidence
   * heading for "minh_chung": [] but not when it is absent (an empty cell). */
  if (!strcmp(s, "-") || !strcmp(s, "–") || !strcmp(s, "—")) return arr;
  while (*s) {
    const char *nl = strchr(s, '\n');
    size_t n = nl ? (size_t)(nl - s) : strlen(s);
    size_t b = 0, e = n;
    while (b < e && strchr(" \t\r", s[b]))
      b++;
    while (e > b && strchr(" \t\r", s[e - 1]))
      e--;
    if (e > b) vb_arr_push(t->a, arr, vb_table_at(t, vb_val_str(t->a, s + b, e - b), row, field));
    s += n + (nl ? 1 : 0);
  }
  return arr;
}

int vb_cell_number(const vb_cell *c, double *v, int *pct) {
  if (c->type == VB_CELL_NUMBER) {
    *pct = (c->flags & VB_CELL_PERCENT) != 0;
    *v = *pct ? c->num * 100 : c->num;
    return 0;
  }
  if (c->type == VB_CELL_TEXT) return vb_vi_number(c->text, v, pct);
  return -1;
}

/* At most 10 decimals: what a person typed, not the binary fraction's tail. */
static double tidy(double v) { return round(v * 1e10) / 1e10; }

vb_value *vb_table_num(vb_table_reader *t, uint32_t row, const char *field, double v) {
  return vb_table_at(t, vb_val_num(t->a, tidy(v)), row, field);
}

vb_value *vb_table_number(vb_table_reader *t, uint32_t row, const char *field, const vb_cell *c) {
  double v;
  int pct;
  if (vb_cell_number(c, &v, &pct) != 0) {
    vb_table_cell_error(t, row, field, c, "ghi một số, ví dụ 2.335", "số");
    return NULL;
  }
  return vb_table_num(t, row, field, v);
}

vb_value *vb_table_date(vb_table_reader *t, uint32_t row, const char *field, const vb_cell *c) {
  int y, m, d;
  if (c->type == VB_CELL_DATE) return vb_table_str(t, row, field, c->text);
  /* A date typed as text is checked and kept as typed ("18/6/2024"): the
   * model prints it so, as it prints a date typed in JSON. */
  if (c->type == VB_CELL_TEXT && vi_parse_date(vb_table_text(t, c), &y, &m, &d) == 0)
    return vb_table_str(t, row, field, vb_table_text(t, c));
  vb_table_cell_error(t, row, field, c,
                      c->type == VB_CELL_NUMBER
                          ? "định dạng ô là ngày (Format Cells → Date) hoặc ghi 18/06/2024"
                          : "ghi ngày dạng 18/06/2024",
                      "ngày");
  return NULL;
}

size_t vb_sheet_row_index(const vb_sheet *s, uint32_t row) {
  size_t lo = 0, hi = s->nrows;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (s->rows[mid].row < row)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

int vb_row_is_numbering(const vb_srow *r) {
  int n = 0;
  double expect = 1;
  for (uint32_t i = 0; i < r->n; i++) {
    const vb_cell *c = &r->cells[i];
    if (!vb_cell_filled(c)) continue;
    double v;
    if (c->type == VB_CELL_NUMBER)
      v = c->num;
    else if (c->type == VB_CELL_TEXT) {
      const char *t = c->text;
      char *end;
      while (*t == ' ' || *t == '(')
        t++;
      v = strtod(t, &end);
      while (*end == ' ' || *end == ')')
        end++;
      if (end == t || *end) return 0;
    } else
      return 0;
    if (v != expect) return 0;
    expect++, n++;
  }
  return n >= 3;
}
