/* The comparison table (bảng đối chiếu) that goes out with a corrected
 * document: what vb_diff_views found, one row per change — what changed,
 * the old and the new figure, what follows from it — with the new
 * document's header and signature, as the view a template renders
 * (templates/doi-chieu). */
#include <string.h>

#include "diff/diff.h"
#include "util/buf.h"
#include "vi/vi.h"

static const char *str_of(const vb_value *obj, const char *key) {
  const vb_value *v = vb_obj_get(obj, key);
  return v && v->kind == VB_STR ? v->u.str.s : NULL;
}

static void set_str(vb_arena *a, vb_value *obj, const char *key, const char *s) {
  vb_obj_set(a, obj, key, vb_val_strz(a, s && *s ? s : "—"));
}

/* The pair of a change that holds its old and new figure. */
static const vb_value *figures_of(const vb_value *c) {
  static const char *const keys[] = {"ket_qua", "gia_tri", "diem", "so_dat", "tong", NULL};
  for (int k = 0; keys[k]; k++) {
    const vb_value *p = vb_obj_get(c, keys[k]);
    if (p && p->kind == VB_OBJ) return p;
  }
  return NULL;
}

static vb_value *row(vb_arena *a, const vb_value *c, size_t stt) {
  vb_value *r = vb_val_obj(a);
  vb_buf b = VB_BUF_INIT;
  vb_buf_printf(&b, "%zu", stt);
  set_str(a, r, "stt", vb_buf_cstr(&b));
  vb_buf_clear(&b);
  const char *muc = str_of(c, "muc"), *yeu_cau = str_of(c, "yeu_cau");
  vb_buf_puts(&b, muc ? muc : "");
  if (yeu_cau && *yeu_cau) vb_buf_printf(&b, ": %s", yeu_cau);
  set_str(a, r, "muc", vb_buf_cstr(&b));
  const vb_value *f = figures_of(c);
  const char *unit = strcmp(str_of(c, "loai"), "nhom") == 0 ? " đạt" : "";
  const char *sides[2] = {"truoc", "sau"};
  for (int k = 0; k < 2; k++) {
    const char *v = f ? str_of(f, sides[k]) : NULL;
    vb_buf_clear(&b);
    if (v && *v) vb_buf_printf(&b, "%s%s", v, unit);
    set_str(a, r, sides[k], vb_buf_cstr(&b));
  }
  vb_buf_clear(&b);
  const char *he_qua = str_of(c, "he_qua");
  if (he_qua) vi_capitalize_first(&b, he_qua);
  set_str(a, r, "he_qua", vb_buf_cstr(&b));
  vb_buf_free(&b);
  return r;
}

vb_value *vb_diff_table(vb_arena *a, const vb_value *new_view, const vb_value *changes,
                        int appendix) {
  vb_value *t = vb_val_obj(a);
  vb_obj_set(a, t, "loai", vb_val_strz(a, "doi-chieu"));
  vb_obj_set(a, t, "phu_luc", vb_val_bool(a, appendix));
  const vb_value *vb = vb_obj_get(new_view, "van_ban");
  vb_obj_set(a, t, "van_ban", vb ? (vb_value *)vb : vb_val_obj(a));
  const char *ref = str_of(vb, "tham_chieu");
  vb_buf b = VB_BUF_INIT;
  set_str(a, t, "tieu_de", "BẢNG ĐỐI CHIẾU SỐ LIỆU ĐIỀU CHỈNH");
  vb_buf_printf(&b, "(Kèm theo %s)", ref ? ref : "");
  set_str(a, t, "kem_theo", vb_buf_cstr(&b));
  vb_buf_clear(&b);
  vb_buf_printf(&b, "Số liệu điều chỉnh của %s", ref ? ref : "văn bản");
  set_str(a, t, "trich_yeu", vb_buf_cstr(&b));
  vb_buf_clear(&b);
  size_t n = changes ? changes->u.arr.len : 0;
  if (n)
    vb_buf_printf(&b,
                  "Số liệu của %s được điều chỉnh như sau (%zu mục); các nội dung khác giữ nguyên.",
                  ref ? ref : "văn bản", n);
  else
    vb_buf_printf(&b, "Số liệu của %s không thay đổi.", ref ? ref : "văn bản");
  vb_buf c = VB_BUF_INIT;
  vi_capitalize_first(&c, vb_buf_cstr(&b));
  set_str(a, t, "mo_dau", vb_buf_cstr(&c));
  vb_buf_free(&c);
  vb_buf_free(&b);
  vb_value *rows = vb_val_arr(a);
  for (size_t i = 0; i < n; i++)
    vb_arr_push(a, rows, row(a, changes->u.arr.items[i], i + 1));
  vb_obj_set(a, t, "dong", rows);
  return t;
}
