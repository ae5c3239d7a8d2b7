/* Group rows in a sheet's table: "I | Chính quyền số", "1 | Kinh tế số" or
 * "I. CHÍNH QUYỀN SỐ" across the table start a group (nhom_chi_tieu's
 * groups, an appendix's "nhom"); the rows below them are its items. */
#include <stdio.h>
#include <string.h>

#include "model/sheet_internal.h"
#include "util/diag.h"

const char *mdl_sheet_id(const vb_table_reader *t, const vb_cell *c) {
  char tmp[64];
  if (c->type == VB_CELL_NUMBER) {
    snprintf(tmp, sizeof tmp, "%.15g", c->num);
    return vb_arena_strdup(t->a, tmp);
  }
  const char *s = vb_table_text(t, c);
  size_t n = strlen(s);
  while (n && s[n - 1] == '.')
    n--;
  return vb_arena_strndup(t->a, s, n);
}

static int roman_value(const char *s) {
  static const char *const r[] = {"I",    "II",  "III",  "IV",    "V",   "VI",   "VII",
                                  "VIII", "IX",  "X",    "XI",    "XII", "XIII", "XIV",
                                  "XV",   "XVI", "XVII", "XVIII", "XIX", "XX",   NULL};
  for (int i = 0; r[i]; i++)
    if (!strcmp(s, r[i])) return i + 1;
  return 0;
}
static int all_digits(const char *s) {
  if (!*s) return 0;
  for (const char *p = s; *p; p++)
    if (*p < '0' || *p > '9') return 0;
  return 1;
}

/* A group's number: an integer without a dot, a Roman numeral or one letter. */
static int group_number(const char *s) {
  if (roman_value(s)) return 1;
  if (s[0] && !s[1] && ((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z'))) return 1;
  if (!*s) return 0;
  for (const char *p = s; *p; p++)
    if (*p < '0' || *p > '9') return 0;
  return 1;
}

vb_value *vb_model_sheet_rows(vb_arena *a, const vb_sheet *s, vb_model_table kind,
                              const vb_table_cols *m, const char *book_path, int *grouped,
                              vb_diags *d) {
  vb_table_reader x = {.a = a, .s = s, .cols = m, .book = book_path, .d = d};
  if (kind == VB_MODEL_TABLE_SCORES) {
    *grouped = 1;
    return mdl_sheet_scores(&x, NULL);
  }
  uint32_t first = m->header_row == UINT32_MAX ? 0 : m->header_row + 1;
  uint32_t last_col = 0;
  for (size_t i = 0; i < m->nfields; i++)
    if (m->col[i] > last_col) last_col = m->col[i];
  vb_value *groups = vb_val_arr(a), *loose = vb_val_arr(a);
  groups->src = loose->src = s->name;
  vb_value *cur = NULL; /* the current group's list */
  int ngroups = 0;
  long ma_col = vb_table_col(m, "ma");
  /* A list of documents with no column but STT and the title ("STT | Tên
   * văn bản", or the title alone) numbers its documents 1, 2, 3: there an
   * Arabic number with a name is a document, and so is a lone title when
   * the list has no STT column. Its groups are numbered I, II or A, B. */
  int narrow = kind == VB_MODEL_TABLE_DOCUMENTS;
  for (size_t i = 0; narrow && i < m->nfields; i++)
    narrow = !strcmp(m->field[i], "ma") || !strcmp(m->field[i], "trich_yeu");
  for (size_t i = vb_sheet_row_index(s, first); i < s->nrows; i++) {
    const vb_srow *r = &s->rows[i];
    uint32_t row = r->row;
    /* Group rows: one filled cell (the name), or a group number in the TT
     * column and one other filled cell. */
    uint32_t filled = 0, other_col = 0;
    const vb_cell *ma_cell = NULL, *other = NULL;
    for (uint32_t k = 0; k < r->n; k++) {
      if (!vb_cell_filled(&r->cells[k])) continue;
      filled++;
      if ((long)r->cells[k].col == ma_col)
        ma_cell = &r->cells[k];
      else if (!other)
        other = &r->cells[k], other_col = r->cells[k].col;
    }
    if (!filled || vb_row_is_numbering(r)) continue;
    const char *ma = ma_cell ? mdl_sheet_id(&x, ma_cell) : NULL;
    const char *group_name = NULL;
    int is_group = other && other->type == VB_CELL_TEXT &&
                   ((filled == 1 && !ma_cell && !(narrow && ma_col < 0)) ||
                    (filled == 2 && ma && group_number(ma) && !(narrow && all_digits(ma))));
    if (is_group) {
      group_name = vb_table_text(&x, other);
    } else if (filled == 1 && ma_cell && ma_cell->type == VB_CELL_TEXT && strchr(ma, ' ')) {
      /* "I. CHÍNH QUYỀN SỐ" written across the table from the TT column. */
      const char *sp = strchr(ma, ' ');
      size_t n = (size_t)(sp - ma);
      while (n && ma[n - 1] == '.')
        n--;
      const char *num = vb_arena_strndup(a, ma, n);
      is_group = 1;
      other_col = (uint32_t)ma_col;
      if (group_number(num)) {
        group_name = sp + 1;
        while (*group_name == ' ')
          group_name++;
        ma = num;
      } else {
        group_name = ma;
        ma = NULL;
      }
    }
    if (is_group) {
      ngroups++;
      vb_value *g = vb_val_obj(a);
      g->src = vb_cellref_name(a, s->name, row, other_col);
      if (kind == VB_MODEL_TABLE_INDICATORS) {
        char num[16];
        int rv = ma ? roman_value(ma) : 0;
        snprintf(num, sizeof num, "%d", rv ? rv : ngroups);
        vb_value *mv = vb_val_strz(a, ma && !rv ? ma : num);
        mv->src = ma_cell ? vb_cellref_name(a, s->name, row, (uint32_t)ma_col) : g->src;
        vb_obj_set(a, g, "ma", mv);
      }
      /* The number as the sheet writes it ("I", "1", "A"), for init to
       * number the appendix's groups alike; "_" keys are comments to the model. */
      if (ma) {
        vb_value *so = vb_val_strz(a, ma);
        so->src = g->src;
        vb_obj_set(a, g, "_so", so);
      }
      vb_value *ten = vb_val_strz(a, group_name);
      ten->src = g->src;
      vb_obj_set(a, g, "ten", ten);
      cur = vb_val_arr(a);
      cur->src = g->src;
      vb_obj_set(a, g, kind == VB_MODEL_TABLE_INDICATORS ? "chi_tieu" : "dong", cur);
      vb_arr_push(a, groups, g);
      continue;
    }
    vb_value *item = kind == VB_MODEL_TABLE_INDICATORS ? mdl_sheet_indicator(&x, row, last_col)
                                                       : mdl_sheet_document(&x, row);
    if (cur) {
      vb_arr_push(a, cur, item);
    } else if (kind == VB_MODEL_TABLE_DOCUMENTS) {
      vb_arr_push(a, loose, item);
    } else {
      vb_error_rule(
          d, VB_EDATA, "sheet.groups", book_path, vb_cellref_name(a, s->name, row, 0),
          "thêm một dòng nhóm phía trên, ví dụ \"1 | Chính quyền số\" (chỉ ghi số thứ tự và "
          "tên nhóm)",
          "chỉ tiêu ở dòng %u nằm trước dòng nhóm đầu tiên", row + 1);
      x.errors++;
    }
  }
  if (kind == VB_MODEL_TABLE_DOCUMENTS && loose->u.arr.len && ngroups) {
    vb_error_rule(d, VB_EDATA, "sheet.groups", book_path, loose->u.arr.items[0]->src,
                  "thêm một dòng nhóm phía trên, hoặc bỏ hết các dòng nhóm",
                  "văn bản nằm trước dòng nhóm đầu tiên");
    x.errors++;
  }
  if (x.errors) return NULL;
  *grouped = kind == VB_MODEL_TABLE_INDICATORS || ngroups > 0;
  return *grouped ? groups : loose;
}
