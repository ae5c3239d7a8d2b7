/* A score sheet's rows (THÔNG BÁO's bang_diem): each row below the header is
 * an index ("1 | Chỉ số nhận thức số | 100 | 84") or one of its
 * sub-criteria ("1.3 | Văn bản điều hành … | 20 | 4 | VHTT | ghi chú"), told
 * apart by the shape of their number: the deepest numbering on the sheet
 * (1.1, or 1 under I) is the sub-criteria's, the one above it the indices';
 * rows numbered above that (I above 1 above 1.1) and rows without a number
 * ("Tổng cộng") are headings the model has no place for, left out and named
 * to init. "bang_diem" may be a reference to such a sheet. */
#include <string.h>

#include "model/sheet_internal.h"
#include "util/diag.h"

static int roman(const char *s, size_t n) {
  if (!n) return 0;
  for (size_t i = 0; i < n; i++)
    if (!strchr("IVX", s[i])) return 0;
  return 1;
}
static int digits(const char *s, size_t n) {
  if (!n) return 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9') return 0;
  return 1;
}

/* The depth of a number: "I", "A" 0; "1" 1; "1.3" 2, "I.1" 1 (a part per
 * dot below its first); -1 when it is not a number. */
static int depth(const char *id) {
  const char *dot = strchr(id, '.');
  size_t n = dot ? (size_t)(dot - id) : strlen(id);
  int level;
  if (digits(id, n))
    level = 1;
  else if (roman(id, n) ||
           (n == 1 && ((id[0] >= 'A' && id[0] <= 'Z') || (id[0] >= 'a' && id[0] <= 'z'))))
    level = 0;
  else
    return -1;
  while (dot) {
    const char *p = dot + 1, *next = strchr(p, '.');
    size_t k = next ? (size_t)(next - p) : strlen(p);
    if (!digits(p, k)) return -1;
    level++;
    dot = next;
  }
  return level;
}

/* A row's number and, when the number cell also holds the name ("I. NHẬN
 * THỨC SỐ", "1.3 Văn bản …"), that name. */
typedef struct row_id {
  const char *ma, *name;
  int level;
} row_id;

static row_id read_id(vb_table_reader *x, uint32_t row) {
  row_id r = {NULL, NULL, -1};
  const vb_cell *c = vb_table_cell(x, row, "ma");
  if (!c) return r;
  const char *ma = mdl_sheet_id(x, c);
  const char *sp = c->type == VB_CELL_TEXT ? strchr(ma, ' ') : NULL;
  if (sp) {
    size_t n = (size_t)(sp - ma);
    while (n && ma[n - 1] == '.')
      n--;
    const char *num = vb_arena_strndup(x->a, ma, n);
    if (depth(num) < 0) return r;
    r.name = sp + 1;
    while (*r.name == ' ')
      r.name++;
    ma = num;
  }
  r.ma = ma;
  r.level = depth(ma);
  if (r.level < 0) r.ma = r.name = NULL;
  return r;
}

/* A score or a maximum: a number, not a date, not a percentage. NULL (an
 * error at the cell) when it is not one. */
static vb_value *points(vb_table_reader *x, uint32_t row, const char *field, const vb_cell *c) {
  const char *what = !strcmp(field, "toi_da") ? "điểm tối đa" : "điểm";
  double v;
  int pct;
  if (c->type == VB_CELL_DATE || vb_cell_number(c, &v, &pct) != 0) {
    vb_table_cell_error(x, row, field, c, "ghi điểm bằng số, ví dụ 4 hoặc 2,72", what);
    return NULL;
  }
  if (pct) {
    vb_table_cell_error(x, row, field, c,
                        "điểm là số điểm, không phải tỷ lệ: bỏ định dạng Phần trăm (%) của ô "
                        "rồi gõ lại số điểm",
                        what);
    return NULL;
  }
  return vb_table_num(x, row, field, v);
}

/* The cell of the first of two fields the row fills. */
static const char *either(const vb_table_reader *x, uint32_t row, const char *a, const char *b,
                          const vb_cell **c) {
  if ((*c = vb_table_cell(x, row, a))) return a;
  if ((*c = vb_table_cell(x, row, b))) return b;
  return NULL;
}

static void set_text(vb_table_reader *x, vb_value *o, uint32_t row, const char *key,
                     const char *field, const vb_cell *c) {
  vb_obj_set(x->a, o, key, vb_table_str(x, row, field, vb_table_text(x, c)));
}

static vb_value *row_object(vb_table_reader *x, uint32_t row, uint32_t last_col) {
  vb_value *o = vb_val_obj(x->a);
  vb_buf b = VB_BUF_INIT;
  vb_buf_printf(&b, "%s!A%u:", x->s->name, row + 1);
  vb_col_name(last_col, &b);
  vb_buf_printf(&b, "%u", row + 1);
  o->src = vb_arena_strndup(x->a, b.data, b.len);
  vb_buf_free(&b);
  return o;
}

/* The row's name: its own column, else the other text column, else what
 * followed the number in the number cell. */
static void name_of(vb_table_reader *x, vb_value *o, uint32_t row, const row_id *id,
                    const char *key, const char *own, const char *other) {
  const vb_cell *c;
  const char *f = either(x, row, own, other, &c);
  if (f)
    set_text(x, o, row, key, f, c);
  else if (id->name)
    vb_obj_set(x->a, o, key, vb_table_str(x, row, "ma", id->name));
}

static void score_fields(vb_table_reader *x, vb_value *o, uint32_t row, const char *score_key) {
  const vb_cell *c;
  /* The appraised score when the sheet keeps both; the self-assessed one
   * when it is all there is. */
  const char *f = vb_table_col(x->cols, "diem") >= 0
                      ? (c = vb_table_cell(x, row, "diem"), "diem")
                      : (c = vb_table_cell(x, row, "tu_cham"), "tu_cham");
  vb_value *v;
  if (c && (v = points(x, row, f, c))) vb_obj_set(x->a, o, score_key, v);
  if ((c = vb_table_cell(x, row, "toi_da")) && (v = points(x, row, "toi_da", c)))
    vb_obj_set(x->a, o, "toi_da", v);
}

vb_value *mdl_sheet_scores(vb_table_reader *x, vb_buf *skipped) {
  const vb_sheet *s = x->s;
  const vb_table_cols *m = x->cols;
  uint32_t first = m->header_row == UINT32_MAX ? 0 : m->header_row + 1;
  uint32_t last_col = 0;
  for (size_t i = 0; i < m->nfields; i++)
    if (m->col[i] > last_col) last_col = m->col[i];
  vb_value *list = vb_val_arr(x->a);
  list->src = s->name;
  if (vb_table_col(m, "ma") < 0) {
    vb_error_rule(
        x->d, VB_EDATA, "sheet.scores", x->book, s->name,
        "bảng điểm cần cột số thứ tự (STT): 1, 2 cho chỉ số và 1.1, 1.2 cho tiêu chí thành "
        "phần; đặt tiêu đề STT cho cột đó hoặc thêm \"ma\" vào \"cot\"",
        "trang \"%s\": không thấy cột số thứ tự của bảng điểm", s->name);
    x->errors++;
    return NULL;
  }
  /* The depths used: the deepest is the sub-criteria's, the one above the
   * indices'. */
  int used[8] = {0};
  size_t start = vb_sheet_row_index(s, first);
  for (size_t i = start; i < s->nrows; i++) {
    row_id id = read_id(x, s->rows[i].row);
    if (id.level >= 0 && id.level < 8) used[id.level] = 1;
  }
  int sub = -1, index = -1;
  for (int l = 7; l >= 0 && index < 0; l--)
    if (used[l]) {
      if (sub < 0)
        sub = l;
      else
        index = l;
    }
  if (index < 0) {
    vb_error_rule(
        x->d, VB_EDATA, "sheet.scores", x->book, s->name,
        "đánh số chỉ số 1, 2, 3 (hoặc I, II) và tiêu chí thành phần của nó 1.1, 1.2 (hoặc 1, "
        "2) ở cột STT",
        "trang \"%s\": bảng điểm cần dòng chỉ số và dòng tiêu chí thành phần, đánh số hai "
        "cấp",
        s->name);
    x->errors++;
    return NULL;
  }
  vb_value *cur = NULL;
  for (size_t i = start; i < s->nrows; i++) {
    const vb_srow *r = &s->rows[i];
    uint32_t row = r->row;
    int filled = 0;
    for (uint32_t k = 0; k < r->n; k++)
      filled |= vb_cell_filled(&r->cells[k]);
    if (!filled || vb_row_is_numbering(r)) continue;
    row_id id = read_id(x, row);
    if (id.level != sub && id.level != index) {
      if (skipped) {
        /* named by its text: the name, else what the number cell holds */
        const vb_cell *c = NULL;
        long ma_col = vb_table_col(m, "ma");
        for (int pass = 0; pass < 2 && !c; pass++)
          for (uint32_t k = 0; k < r->n && !c; k++)
            if (vb_cell_filled(&r->cells[k]) && r->cells[k].type == VB_CELL_TEXT &&
                (pass || (long)r->cells[k].col != ma_col))
              c = &r->cells[k];
        vb_buf_printf(skipped, "  dòng %u%s%s%s: bỏ qua, %s\n", row + 1, c ? " \"" : "",
                      c ? vb_table_text(x, c) : "", c ? "\"" : "",
                      id.level < 0 ? "không có số thứ tự của chỉ số hay tiêu chí"
                                   : "dòng nhóm trên chỉ số (bảng điểm có hai cấp: chỉ số và "
                                     "tiêu chí thành phần)");
      }
      continue;
    }
    vb_value *o = row_object(x, row, last_col);
    vb_obj_set(x->a, o, "ma", vb_table_str(x, row, "ma", id.ma));
    if (id.level == index) {
      name_of(x, o, row, &id, "ten", "ten", "noi_dung");
      score_fields(x, o, row, "tong");
      cur = vb_val_arr(x->a);
      cur->src = o->src;
      vb_obj_set(x->a, o, "tieu_chi", cur);
      vb_arr_push(x->a, list, o);
      continue;
    }
    if (!cur) {
      vb_error_rule(x->d, VB_EDATA, "sheet.scores", x->book,
                    vb_cellref_name(x->a, s->name, row, (uint32_t)vb_table_col(m, "ma")),
                    "thêm dòng chỉ số phía trên, ví dụ \"1 | Chỉ số nhận thức số | 100\"",
                    "tiêu chí %s ở dòng %u nằm trước dòng chỉ số đầu tiên", id.ma, row + 1);
      x->errors++;
      continue;
    }
    name_of(x, o, row, &id, "noi_dung", "noi_dung", "ten");
    score_fields(x, o, row, "diem");
    const vb_cell *c;
    vb_value *v;
    if ((c = vb_table_cell(x, row, "don_vi"))) set_text(x, o, row, "don_vi", "don_vi", c);
    if ((c = vb_table_cell(x, row, "thoi_han")) && (v = vb_table_date(x, row, "thoi_han", c)))
      vb_obj_set(x->a, o, "thoi_han", v);
    if ((c = vb_table_cell(x, row, "ghi_chu"))) set_text(x, o, row, "ghi_chu", "ghi_chu", c);
    vb_arr_push(x->a, cur, o);
  }
  return x->errors ? NULL : list;
}

int mdl_sheet_resolve_scores(vb_arena *a, vb_sheet_sources *src, vb_value *root,
                             const char *data_name, vb_diags *d) {
  vb_value *bd = vb_obj_get(root, "bang_diem");
  if (!bd || bd->kind != VB_OBJ || !vb_obj_get(bd, "source")) return 0;
  int rc = mdl_sheet_ref_keys(bd, "$.bang_diem", data_name, d);
  int grouped;
  vb_value *list =
      rc ? NULL : mdl_sheet_load(a, src, bd, VB_MODEL_TABLE_SCORES, "$.bang_diem", &grouped, d);
  if (!list) return -1;
  vb_value *sheet = vb_val_obj(a);
  sheet->src = bd->src;
  vb_obj_set(a, sheet, "chi_so", list);
  vb_obj_set(a, root, "bang_diem", sheet);
  return 0;
}
