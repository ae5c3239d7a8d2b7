/* An indicator table's rows: each row below the header becomes the very
 * indicator object a JSON file would hold ({ma, ten, yeu_cau, muc_tieu,
 * ket_qua, …}), and "nhom_chi_tieu" may be a reference to such a table. */
#include <math.h>
#include <string.h>

#include "model/sheet_internal.h"
#include "util/diag.h"
#include "vi/vi.h"

/* A text field; "ma" is an id ("1.1", not "1.1."). */
static vb_value *text_value(vb_table_reader *x, uint32_t row, const char *field, const vb_cell *c) {
  const char *t = !strcmp(field, "ma") ? mdl_sheet_id(x, c) : vb_table_text(x, c);
  return vb_table_str(x, row, field, t);
}

/* Text the model reads as a figure: an optional comparison, a number, an
 * optional "%" or unit ("> 90%", "≥ 5"). */
static int typed_figure(const char *s) {
  const char *op;
  double v;
  int pct;
  return mdl_target(s, &op, &v, &pct) == 0;
}

/* A target: a number cell is the figure ("100%" as the cell shows it: no
 * comparison is printed unless typed); text is kept as typed ("≥ 100%", "≤ 3
 * ngày", "Triển khai sử dụng"), the model reads the figure in it; a yes word
 * is a yes/no target. Text that looks like a figure but is none ("7,0,0%")
 * is an error naming the cell. */
static vb_value *target_value(vb_table_reader *x, uint32_t row, const vb_cell *c,
                              const char *don_vi) {
  double v;
  int pct = 0;
  int yn = c->type == VB_CELL_TEXT ? mdl_yesno(c->text) : c->type == VB_CELL_BOOL ? 1 : -1;
  if (yn == 1) {
    vb_value *o = vb_table_at(x, vb_val_obj(x->a), row, "muc_tieu");
    vb_obj_set(x->a, o, "kieu", vb_table_at(x, vb_val_strz(x->a, "co_khong"), row, "muc_tieu"));
    return o;
  }
  if (c->type == VB_CELL_TEXT) {
    const char *op;
    const char *t = vb_table_text(x, c);
    if (vb_vi_looks_numeric(t) && mdl_target(t, &op, &v, &pct) != 0) {
      vb_table_cell_error(x, row, "muc_tieu", c,
                          "ghi mục tiêu dạng \"≥ 70%\", \"> 90%\", \"100%\", \"≤ 3 ngày\", \"Có\" "
                          "hoặc bằng lời (\"Triển khai sử dụng\")",
                          "mục tiêu");
      return NULL;
    }
    return vb_table_str(x, row, "muc_tieu", t);
  }
  if (c->type != VB_CELL_NUMBER) {
    vb_table_cell_error(x, row, "muc_tieu", c,
                        "ghi mục tiêu dạng \"≥ 70%\", \"100%\", \"5\", \"Có\" hoặc bằng lời",
                        "mục tiêu");
    return NULL;
  }
  vb_cell_number(c, &v, &pct);
  int rate = pct || (don_vi && !strcmp(don_vi, "%"));
  vb_value *o = vb_table_at(x, vb_val_obj(x->a), row, "muc_tieu");
  vb_obj_set(x->a, o, "kieu",
             vb_table_at(x, vb_val_strz(x->a, rate ? "ty_le" : "so_luong"), row, "muc_tieu"));
  vb_obj_set(x->a, o, "gia_tri", vb_table_num(x, row, "muc_tieu", v));
  return o;
}
static vb_value *result_value(vb_table_reader *x, uint32_t row, const vb_cell *c) {
  vb_value *o = vb_table_at(x, vb_val_obj(x->a), row, "ket_qua");
  double v, tu, mau;
  int pct;
  if (c->type == VB_CELL_BOOL) {
    vb_obj_set(x->a, o, "co", vb_table_at(x, vb_val_bool(x->a, c->num != 0), row, "ket_qua"));
  } else if (vb_cell_number(c, &v, &pct) == 0) {
    vb_obj_set(x->a, o, "gia_tri", vb_table_num(x, row, "ket_qua", v));
  } else if (c->type == VB_CELL_TEXT && vb_vi_fraction(c->text, &tu, &mau) == 0) {
    vb_obj_set(x->a, o, "tu", vb_table_num(x, row, "ket_qua", tu));
    vb_obj_set(x->a, o, "mau", vb_table_num(x, row, "ket_qua", mau));
  } else if (c->type == VB_CELL_TEXT && mdl_yesno(c->text) >= 0) {
    vb_obj_set(x->a, o, "co",
               vb_table_at(x, vb_val_bool(x->a, mdl_yesno(c->text)), row, "ket_qua"));
  } else if (c->type == VB_CELL_TEXT && (!vb_vi_looks_numeric(c->text) || typed_figure(c->text))) {
    /* Kept as typed: the model reads "> 90%" (a bound), "2 ngày" (a figure
     * with its unit) or words ("Đã triển khai"). */
    return vb_table_str(x, row, "ket_qua", vb_table_text(x, c));
  } else {
    vb_table_cell_error(x, row, "ket_qua", c,
                        "ghi kết quả dạng \"2.335/3.986\", \"58,6%\", \"4\", \"> 90%\", "
                        "\"Có\"/\"Không\" hoặc một câu",
                        "kết quả");
    return NULL;
  }
  return o;
}
static vb_value *bool_field(vb_table_reader *x, uint32_t row, const char *field, const vb_cell *c) {
  int yn = c->type == VB_CELL_BOOL   ? c->num != 0
           : c->type == VB_CELL_TEXT ? mdl_yesno(c->text)
                                     : -1;
  if (yn < 0) {
    vb_table_cell_error(x, row, field, c, "ghi \"Có\" hoặc \"Không\"", "có/không");
    return NULL;
  }
  return vb_table_at(x, vb_val_bool(x->a, yn), row, field);
}
static vb_value *assessment_field(vb_table_reader *x, uint32_t row, const vb_cell *c) {
  if (c->type == VB_CELL_BOOL)
    return vb_table_at(x, vb_val_strz(x->a, mdl_assessment_word(c->num != 0)), row, "danh_gia");
  return text_value(x, row, "danh_gia", c);
}
/* The rate the row's figures give, in percent, or NAN: a fraction (tử số /
 * mẫu số, or "2.335/3.986"), a percentage result, or a result against a
 * planned count (132 of 150 planned). */
static double figures_rate(vb_table_reader *x, uint32_t row, const char *don_vi) {
  const vb_cell *kq = vb_table_cell(x, row, "ket_qua"), *mt = vb_table_cell(x, row, "muc_tieu");
  const vb_cell *tu = vb_table_cell(x, row, "tu"), *mau = vb_table_cell(x, row, "mau");
  double a, b;
  int pa, pb;
  if (tu && mau && vb_cell_number(tu, &a, &pa) == 0 && vb_cell_number(mau, &b, &pb) == 0)
    return b > 0 ? a / b * 100 : NAN;
  if (!kq) return NAN;
  if (kq->type == VB_CELL_TEXT && vb_vi_fraction(kq->text, &a, &b) == 0)
    return b > 0 ? a / b * 100 : NAN;
  if (kq->type == VB_CELL_DATE || vb_cell_number(kq, &a, &pa) != 0) return NAN;
  int rate_unit = don_vi && !strcmp(don_vi, "%");
  if (pa || rate_unit) return a;
  if (mt && vb_cell_number(mt, &b, &pb) == 0 && !pb && b > 0) return a / b * 100;
  return NAN;
}

/* A Tỷ lệ column is not copied (the document prints the rate computed from
 * the figures): it is compared with that rate, and a rate that differs by
 * more than the sheet's rounding is reported at its cell. */
static void check_rate(vb_table_reader *x, uint32_t row, const char *don_vi) {
  const vb_cell *c = vb_table_cell(x, row, "ty_le");
  if (!c) return;
  double v;
  int pct;
  const char *where =
      vb_cellref_name(x->a, x->s->name, row, (uint32_t)vb_table_col(x->cols, "ty_le"));
  if (c->type == VB_CELL_DATE || vb_cell_number(c, &v, &pct) != 0) {
    vb_buf shown = VB_BUF_INIT;
    vb_cell_display(c, &shown);
    vb_warn_rule(x->d, VB_EDATA, "sheet.rate", x->book, where,
                 c->type == VB_CELL_DATE
                     ? "ô đang định dạng ngày tháng: đổi định dạng ô thành Phần trăm (%) rồi gõ lại"
                     : "ghi tỷ lệ dạng \"88%\" hoặc \"88,0\"",
                 "không đọc được tỷ lệ từ ô có \"%s\"%s; bỏ qua khi đối chiếu", vb_buf_cstr(&shown),
                 c->type == VB_CELL_DATE ? " (ô định dạng ngày tháng)" : "");
    vb_buf_free(&shown);
    return;
  }
  double want = figures_rate(x, row, don_vi);
  if (isnan(want)) return;
  /* 0.88 in a cell without the % format is still 88% */
  if (!pct && v <= 1.5 && want > 1.5) v *= 100;
  if (fabs(v - want) <= 0.5) return;
  vb_buf a = VB_BUF_INIT, b = VB_BUF_INIT;
  vi_format_percent(&a, v, 2);
  vi_format_percent(&b, want, 1);
  vb_warn_rule(
      x->d, VB_EDATA, "sheet.rate", x->book, where,
      "văn bản in tỷ lệ tính từ số liệu; kiểm tra lại số liệu hoặc công thức của cột tỷ lệ",
      "tỷ lệ trong bảng %s khác tỷ lệ tính từ số liệu của dòng %s", vb_buf_cstr(&a),
      vb_buf_cstr(&b));
  vb_buf_free(&a), vb_buf_free(&b);
}

vb_value *mdl_sheet_indicator(vb_table_reader *x, uint32_t row, uint32_t last_col) {
  vb_value *o = vb_val_obj(x->a);
  {
    vb_buf b = VB_BUF_INIT;
    vb_buf_printf(&b, "%s!A%u:", x->s->name, row + 1);
    vb_col_name(last_col, &b);
    vb_buf_printf(&b, "%u", row + 1);
    o->src = vb_arena_strndup(x->a, b.data, b.len);
    vb_buf_free(&b);
  }
  static const char *const text_fields[] = {"ma", "ten", "yeu_cau", "don_vi", NULL};
  const vb_cell *c;
  for (int i = 0; text_fields[i]; i++)
    if ((c = vb_table_cell(x, row, text_fields[i])))
      vb_obj_set(x->a, o, text_fields[i], text_value(x, row, text_fields[i], c));
  if ((c = vb_table_cell(x, row, "muc_tieu"))) {
    const vb_cell *dv = vb_table_cell(x, row, "don_vi");
    vb_value *t = target_value(x, row, c, dv ? vb_table_text(x, dv) : NULL);
    if (t) vb_obj_set(x->a, o, "muc_tieu", t);
  }
  const vb_cell *kq = vb_table_cell(x, row, "ket_qua");
  const vb_cell *tu = vb_table_cell(x, row, "tu"), *mau = vb_table_cell(x, row, "mau");
  if (kq && (tu || mau)) {
    vb_table_cell_error(x, row, "ket_qua", kq,
                        "ghi kết quả ở cột kết quả hoặc ở hai cột tử số, mẫu số",
                        "kết quả (đã có tử số/mẫu số)");
  } else if (kq) {
    vb_value *r = result_value(x, row, kq);
    if (r) vb_obj_set(x->a, o, "ket_qua", r);
  } else if (tu || mau) {
    vb_value *r = vb_table_at(x, vb_val_obj(x->a), row, tu ? "tu" : "mau");
    vb_value *a = tu ? vb_table_number(x, row, "tu", tu) : NULL;
    vb_value *b = mau ? vb_table_number(x, row, "mau", mau) : NULL;
    if (a) vb_obj_set(x->a, r, "tu", a);
    if (b) vb_obj_set(x->a, r, "mau", b);
    vb_obj_set(x->a, o, "ket_qua", r);
  }
  if ((c = vb_table_cell(x, row, "thuyet_minh")))
    vb_obj_set(x->a, o, "thuyet_minh", vb_table_lines(x, row, "thuyet_minh", c));
  if ((c = vb_table_cell(x, row, "minh_chung")))
    vb_obj_set(x->a, o, "minh_chung", vb_table_lines(x, row, "minh_chung", c));
  if ((c = vb_table_cell(x, row, "danh_gia")))
    vb_obj_set(x->a, o, "danh_gia", assessment_field(x, row, c));
  if ((c = vb_table_cell(x, row, "ly_do")))
    vb_obj_set(x->a, o, "ly_do", text_value(x, row, "ly_do", c));
  if ((c = vb_table_cell(x, row, "khong_hoan_thanh"))) {
    vb_value *b = bool_field(x, row, "khong_hoan_thanh", c);
    if (b) vb_obj_set(x->a, o, "khong_hoan_thanh", b);
  }
  {
    const vb_cell *dv = vb_table_cell(x, row, "don_vi");
    check_rate(x, row, dv ? vb_table_text(x, dv) : NULL);
  }
  static const char *const notes[] = {"ghi_chu", "kho_khan", "don_vi_thuc_hien", NULL};
  for (int i = 0; notes[i]; i++)
    if ((c = vb_table_cell(x, row, notes[i])))
      vb_obj_set(x->a, o, notes[i], text_value(x, row, notes[i], c));
  return o;
}

int mdl_sheet_resolve_indicators(vb_arena *a, vb_sheet_sources *src, vb_value *root,
                                 const char *data_name, vb_diags *d) {
  vb_value *nct = vb_obj_get(root, "nhom_chi_tieu");
  if (!nct || nct->kind != VB_OBJ || !vb_obj_get(nct, "source")) return 0;
  int rc = mdl_sheet_ref_keys(nct, "$.nhom_chi_tieu", data_name, d);
  int grouped;
  vb_value *list =
      rc ? NULL
         : mdl_sheet_load(a, src, nct, VB_MODEL_TABLE_INDICATORS, "$.nhom_chi_tieu", &grouped, d);
  if (!list) return -1;
  vb_obj_set(a, root, "nhom_chi_tieu", list);
  return 0;
}
