/* Entry point of the model: copy the input, run each part's validation and
 * computation in dependency order, and hand back the view. */
#include <string.h>

#include "model/model_internal.h"

static const char *const top_keys[] = {
    "loai",     "van_ban",   "mo_dau", "noi_dung", "ket_luan",        "ket_thuc", "nhom_chi_tieu",
    "cuoc_hop", "bang_diem", "don_vi", "phu_luc",  "danh_so_phu_luc", NULL};

/* The members an indicator may have: the documented ones, and the fields
 * that appendix columns take their cells from. */
static void indicator_keys(vb_model *m) {
  const char **extra = mdl_indicator_column_fields(m);
  if (!extra) return;
  size_t nb = 0, ne = 0;
  while (mdl_indicator_keys[nb])
    nb++;
  while (extra[ne])
    ne++;
  const char **keys = vb_arena_alloc(m->a, (nb + ne + 1) * sizeof(char *));
  memcpy(keys, mdl_indicator_keys, nb * sizeof(char *));
  memcpy(keys + nb, extra, (ne + 1) * sizeof(char *));
  m->indicator_keys = keys;
}

const char *vb_model_template_name(const vb_value *input) {
  const vb_value *v = vb_obj_get(input, "loai");
  if (!v || v->kind != VB_STR) return NULL;
  if (strcmp(v->u.str.s, "bao-cao") == 0) return "bao-cao";
  if (strcmp(v->u.str.s, "thong-bao") == 0) return "thong-bao";
  return NULL;
}

vb_value *vb_model_build(vb_arena *a, const vb_value *input, const char *src_name, unsigned flags,
                         vb_diags *d) {
  vb_model m = {.a = a, .src = src_name, .flags = flags, .d = d};
  if (!input || input->kind != VB_OBJ) {
    mdl_report(&m, "du-lieu.kieu", "$", input,
               "dữ liệu phải là một đối tượng JSON { \"loai\": …, \"van_ban\": … }",
               "dữ liệu không phải một đối tượng");
    return NULL;
  }
  m.ignore = vb_obj_get(input, "_vanban_ignore");
  m.root = vb_val_clone(a, input);
  mdl_tone(&m);
  mdl_check_keys(&m, m.root, "$", top_keys);
  mdl_blanks(&m);

  const char *loai = vb_model_template_name(input);
  if (!loai) {
    vb_value *lv = vb_obj_get(input, "loai");
    mdl_report(&m, "du-lieu.loai", "$.loai", lv ? lv : input,
               "ghi \"loai\": \"bao-cao\" hoặc \"thong-bao\"",
               lv ? "loại văn bản không hợp lệ" : "thiếu loại văn bản (loai)");
  }
  m.thong_bao = loai && strcmp(loai, "thong-bao") == 0;

  mdl_meta(&m);
  /* Appendix numbers first: any text may cite an appendix (@phu_luc:id). */
  mdl_appendix_numbers(&m);
  indicator_keys(&m);
  mdl_indicators(&m);
  mdl_scores(&m);
  mdl_meeting(&m);
  mdl_sections(&m);
  mdl_appendices(&m);
  mdl_check_assessments(&m);
  /* Set after the members were checked: it is the view's, not the input's. */
  mdl_set_bool(&m, m.root, "nhap", (flags & VB_MODEL_DRAFT) != 0);
  return m.errors ? NULL : m.root;
}
