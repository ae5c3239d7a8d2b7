/* A document list's rows (an appendix of kieu "van_ban": the documents an
 * office issued), and "phu_luc" entries that are references to such a
 * table. */
#include <string.h>

#include "model/sheet_internal.h"
#include "util/diag.h"

vb_value *mdl_sheet_document(vb_table_reader *x, uint32_t row) {
  vb_value *o = vb_val_obj(x->a);
  o->src = vb_cellref_name(x->a, x->s->name, row, 0);
  static const char *const text_fields[] = {"trich_yeu", "so_ky_hieu", "co_quan", "ghi_chu", NULL};
  const vb_cell *c;
  for (int i = 0; text_fields[i]; i++)
    if ((c = vb_table_cell(x, row, text_fields[i])))
      vb_obj_set(x->a, o, text_fields[i],
                 vb_table_str(x, row, text_fields[i], vb_table_text(x, c)));
  if ((c = vb_table_cell(x, row, "ngay"))) {
    vb_value *v = vb_table_date(x, row, "ngay", c);
    if (v) vb_obj_set(x->a, o, "ngay", v);
  }
  return o;
}

int mdl_sheet_resolve_appendices(vb_arena *a, vb_sheet_sources *src, vb_value *root,
                                 const char *data_name, vb_diags *d) {
  int rc = 0;
  vb_value *pl = vb_obj_get(root, "phu_luc");
  for (size_t i = 0; pl && pl->kind == VB_ARR && i < pl->u.arr.len; i++) {
    vb_value *p = pl->u.arr.items[i];
    if (p->kind != VB_OBJ || !vb_obj_get(p, "source")) continue;
    vb_buf path = VB_BUF_INIT;
    vb_buf_printf(&path, "$.phu_luc[%zu]", i);
    const vb_value *kieu = vb_obj_get(p, "kieu");
    if (kieu && !(kieu->kind == VB_STR && !strcmp(kieu->u.str.s, "van_ban"))) {
      vb_error_rule(d, VB_EDATA, "sheet.appendix", data_name, path.data,
                    "phụ lục chỉ tiêu được tạo từ nhom_chi_tieu: ghi source ở đó",
                    "\"source\" chỉ dùng cho phụ lục có kieu \"van_ban\"");
      rc = -1;
    } else if (vb_obj_get(p, "nhom") || vb_obj_get(p, "dong")) {
      vb_error_rule(d, VB_EDATA, "sheet.appendix", data_name, path.data,
                    "giữ lại hoặc các dòng, hoặc source",
                    "phụ lục có \"source\" không thể liệt kê thêm \"nhom\" hay \"dong\"");
      rc = -1;
    } else {
      int grouped = 0;
      vb_value *list = mdl_sheet_load(a, src, p, VB_MODEL_TABLE_DOCUMENTS, path.data, &grouped, d);
      if (!list) {
        rc = -1;
      } else {
        /* The appendix without the reference's keys, plus the rows. */
        vb_value *np = vb_val_obj(a);
        np->line = p->line, np->col = p->col, np->src = p->src;
        for (size_t k = 0; k < p->u.obj.len; k++)
          if (!vb_sheet_ref_key(p->u.obj.items[k].key))
            vb_obj_set(a, np, p->u.obj.items[k].key, p->u.obj.items[k].val);
        if (!kieu) vb_obj_set(a, np, "kieu", vb_val_strz(a, "van_ban"));
        vb_obj_set(a, np, grouped ? "nhom" : "dong", list);
        pl->u.arr.items[i] = np;
      }
    }
    vb_buf_free(&path);
  }
  return rc;
}
