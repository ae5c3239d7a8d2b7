/* Lists of a data file that are references to a sheet become the sheet's
 * rows before the model checks the data: "nhom_chi_tieu" (an indicator
 * table), "bang_diem" (a score sheet) and each "phu_luc" entry of kieu
 * "van_ban" (a document list). */
#include "model/sheet_internal.h"
#include "util/diag.h"

int mdl_sheet_ref_keys(const vb_value *ref, const char *cfg_path, const char *data_name,
                       vb_diags *d) {
  int rc = 0;
  for (size_t i = 0; i < ref->u.obj.len; i++) {
    const char *k = ref->u.obj.items[i].key;
    if (!vb_sheet_ref_key(k) && k[0] != '_') {
      vb_buf w = VB_BUF_INIT;
      vb_buf_printf(&w, "%s.%s", cfg_path, k);
      vb_error_rule(d, VB_EDATA, "sheet.unknown-key", data_name, w.data,
                    "một tham chiếu bảng tính có các khoá source, cot và dong_tieu_de (khoá bắt "
                    "đầu bằng _ là ghi chú)",
                    "khoá \"%s\" lạ trong một tham chiếu bảng tính", k);
      vb_buf_free(&w);
      rc = -1;
    }
  }
  return rc;
}

vb_value *mdl_sheet_load(vb_arena *a, vb_sheet_sources *src, const vb_value *ref,
                         vb_model_table kind, const char *cfg_path, int *grouped, vb_diags *d) {
  vb_table_cols cols;
  const char *book = NULL;
  const vb_sheet *sh =
      vb_sheet_ref_open(src, ref, vb_model_sheet_fields(kind), cfg_path, &cols, &book, d);
  if (!sh) return NULL;
  vb_value *out = vb_model_sheet_rows(a, sh, kind, &cols, book, grouped, d);
  if (out && out->u.arr.len == 0) {
    vb_error_rule(d, VB_EDATA, "sheet.no-rows", book, sh->name,
                  "xem lại \"dong_tieu_de\" và tên trang",
                  "trang \"%s\" không có dòng nào dưới tiêu đề", sh->name);
    return NULL;
  }
  return out;
}

int vb_model_sheet_resolve(vb_arena *a, vb_value *root, const char *data_name, const char *base,
                           vb_diags *d) {
  if (!root || root->kind != VB_OBJ) return 0;
  vb_sheet_sources *src = vb_sheet_sources_new(data_name, base);
  int rc = mdl_sheet_resolve_indicators(a, src, root, data_name, d);
  if (mdl_sheet_resolve_scores(a, src, root, data_name, d) != 0) rc = -1;
  if (mdl_sheet_resolve_appendices(a, src, root, data_name, d) != 0) rc = -1;
  vb_sheet_sources_free(src);
  return rc;
}
