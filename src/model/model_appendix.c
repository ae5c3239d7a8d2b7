/* Appendices (phu_luc): number, title, reference line and content — a list
 * of documents, the indicator table, or the THÔNG BÁO assignment annex
 * (nd30-layout.md 4). */
#include <string.h>

#include "model/model_internal.h"
#include "vi/vi.h"

static const char *const appendix_keys[] = {"so", "tieu_de", "kieu", "nhom", "dong", NULL};
static const char *const doc_group_keys[] = {"ten", "dong", NULL};
static const char *const doc_row_keys[] = {"trich_yeu", "so_ky_hieu", "ngay", NULL};

static char *roman(vb_model *m, int n) {
  vb_buf b = VB_BUF_INIT;
  vi_roman(&b, n);
  return mdl_take(m, &b);
}

static vb_value *doc_row(vb_model *m, int group, const char *stt, const char *trich_yeu,
                         const char *so_ky_hieu, const char *ngay) {
  vb_value *r = vb_val_obj(m->a);
  mdl_set_bool(m, r, "nhom", group);
  mdl_set_str(m, r, "stt", stt);
  mdl_set_str(m, r, "trich_yeu", trich_yeu);
  mdl_set_str(m, r, "so_ky_hieu", so_ky_hieu);
  mdl_set_str(m, r, "ngay", ngay);
  return r;
}

static void doc_rows(vb_model *m, vb_value *out, vb_value *list, const char *path) {
  for (size_t i = 0; i < list->u.arr.len; i++) {
    vb_value *v = list->u.arr.items[i];
    const char *rpath = mdl_idx(m, path, i);
    if (v->kind != VB_OBJ) {
      mdl_error(m, rpath, v, "mỗi dòng là {\"trich_yeu\", \"so_ky_hieu\", \"ngay\"}",
                "dòng văn bản không phải đối tượng");
      continue;
    }
    mdl_check_keys(m, v, rpath, doc_row_keys);
    const char *ty = mdl_req_str(m, v, rpath, "trich_yeu");
    const char *skh = mdl_opt_str(m, v, rpath, "so_ky_hieu");
    vb_value *nv = vb_obj_get(v, "ngay");
    const char *ngay =
        nv && nv->kind != VB_NULL ? mdl_date_short(m, nv, mdl_key(m, rpath, "ngay")) : "";
    vb_arr_push(m->a, out,
                doc_row(m, 0, mdl_printf(m, "%zu", i + 1), ty ? mdl_trim(m, ty) : "",
                        skh ? mdl_trim(m, skh) : "", ngay ? ngay : ""));
  }
}

static vb_value *doc_table(vb_model *m, vb_value *pl, const char *path) {
  vb_value *table = vb_val_obj(m->a);
  vb_value *rows = vb_val_arr(m->a);
  vb_obj_set(m->a, table, "dong", rows);
  vb_value *groups = mdl_opt_arr(m, pl, path, "nhom");
  vb_value *flat = mdl_opt_arr(m, pl, path, "dong");
  if (!groups && !flat) {
    mdl_error(m, mdl_key(m, path, "nhom"), pl,
              "liệt kê văn bản theo nhóm: \"nhom\": [{\"ten\": \"Báo cáo\", \"dong\": [ … ]}]",
              "phụ lục danh mục văn bản không có văn bản nào");
    return table;
  }
  if (flat) doc_rows(m, rows, flat, mdl_key(m, path, "dong"));
  for (size_t g = 0; groups && g < groups->u.arr.len; g++) {
    vb_value *gv = groups->u.arr.items[g];
    const char *gpath = mdl_idx(m, mdl_key(m, path, "nhom"), g);
    if (gv->kind != VB_OBJ) {
      mdl_error(m, gpath, gv, "mỗi nhóm là {\"ten\", \"dong\"}",
                "nhóm văn bản không phải đối tượng");
      continue;
    }
    mdl_check_keys(m, gv, gpath, doc_group_keys);
    const char *ten = mdl_req_str(m, gv, gpath, "ten");
    vb_arr_push(m->a, rows,
                doc_row(m, 1, roman(m, (int)g + 1), ten ? mdl_trim(m, ten) : "", "", ""));
    vb_value *list = mdl_opt_arr(m, gv, gpath, "dong");
    if (list) doc_rows(m, rows, list, mdl_key(m, gpath, "dong"));
  }
  return table;
}

/* id: the row's identity for `vanban update` (its group's or indicator's
 * code), so that a row added to the table leaves the others' marks alone. */
static vb_value *indicator_row(vb_model *m, const char *id, int group, const char *stt,
                               const char *ten, const mdl_indicator *it) {
  vb_value *r = vb_val_obj(m->a);
  mdl_set_str(m, r, "id", id);
  mdl_set_bool(m, r, "nhom", group);
  mdl_set_str(m, r, "stt", stt);
  mdl_set_str(m, r, "ten", ten);
  mdl_set_str(m, r, "don_vi", it ? it->don_vi : "");
  mdl_set_str(m, r, "chi_tieu", it ? it->muc_tieu_text : "");
  mdl_set_str(m, r, "ket_qua", it ? it->ket_qua_bang : "");
  mdl_set_str(m, r, "danh_gia", it ? it->danh_gia : "");
  return r;
}

static vb_value *indicator_table(vb_model *m, const char *path, const vb_value *pl) {
  vb_value *table = vb_val_obj(m->a);
  vb_value *rows = vb_val_arr(m->a);
  vb_obj_set(m->a, table, "dong", rows);
  if (m->ngroups == 0)
    mdl_error(m, mdl_key(m, path, "kieu"), vb_obj_get(pl, "kieu"),
              "thêm nhom_chi_tieu, hoặc đổi kiểu phụ lục",
              "phụ lục chỉ tiêu nhưng không có nhom_chi_tieu");
  for (size_t g = 0; g < m->ngroups; g++) {
    const mdl_group *gr = &m->groups[g];
    vb_arr_push(
        m->a, rows,
        indicator_row(m, mdl_printf(m, "g%s", gr->ma), 1, roman(m, (int)g + 1), gr->ten, NULL));
    for (size_t i = 0; i < gr->n; i++)
      vb_arr_push(m->a, rows,
                  indicator_row(m, mdl_printf(m, "ct%s", gr->items[i].ma), 0, gr->items[i].ma,
                                gr->items[i].ten, &gr->items[i]));
  }
  return table;
}

/* "(Kèm theo Báo cáo số 10/BC-UBND ngày 20 tháng 6 năm 2024 của UBND xã Hà Tân)"; in drafts
 * the number and the day are blanks of NO-BREAK SPACES. */
static const char *reference(vb_model *m) { return mdl_printf(m, "(Kèm theo %s)", m->tham_chieu); }

typedef struct seen_so {
  const char *so, *path;
  const vb_value *v;
} seen_so;

void mdl_appendices(vb_model *m) {
  vb_value *list = mdl_opt_arr(m, m->root, "$", "phu_luc");
  if (!list) {
    /* Templates loop over phu_luc: a document without appendices has an
     * empty list, not a missing field. */
    if (!vb_obj_get(m->root, "phu_luc")) vb_obj_set(m->a, m->root, "phu_luc", vb_val_arr(m->a));
    return;
  }
  size_t n = list->u.arr.len;
  seen_so *seen = vb_arena_alloc(m->a, (n + 1) * sizeof(seen_so));
  size_t nseen = 0;
  const char *word = m->thong_bao ? "PHỤ LỤC" : "Phụ lục";
  for (size_t i = 0; i < n; i++) {
    vb_value *pl = list->u.arr.items[i];
    const char *path = mdl_idx(m, "$.phu_luc", i);
    if (pl->kind != VB_OBJ) {
      mdl_error(m, path, pl, "mỗi phụ lục là {\"tieu_de\", \"kieu\", …}",
                "phụ lục không phải đối tượng");
      continue;
    }
    mdl_check_keys(m, pl, path, appendix_keys);
    /* Number: explicit (checked for duplicates) or generated. */
    vb_value *sv = vb_obj_get(pl, "so");
    const char *so = NULL;
    if (sv && sv->kind == VB_STR && !mdl_blank(sv->u.str.s))
      so = mdl_trim(m, sv->u.str.s);
    else if (sv && sv->kind == VB_NUM)
      so = mdl_printf(m, "%.15g", sv->u.num);
    else if (sv && sv->kind != VB_NULL)
      mdl_error(m, mdl_key(m, path, "so"), sv,
                "ghi số phụ lục (\"I\", \"II\" hoặc 1, 2) hoặc bỏ trống",
                "số phụ lục không hợp lệ");
    if (so) {
      for (size_t k = 0; k < nseen; k++)
        if (strcmp(seen[k].so, so) == 0)
          mdl_error(m, mdl_key(m, path, "so"), sv,
                    "đánh số phụ lục khác nhau, hoặc bỏ \"so\" để tự đánh số",
                    "số phụ lục \"%s\" trùng với %s", so, mdl_where(m, seen[k].path, seen[k].v));
      seen[nseen].so = so, seen[nseen].path = mdl_key(m, path, "so"), seen[nseen].v = sv;
      nseen++;
    }
    const char *so_hieu = so      ? mdl_printf(m, "%s %s", word, so)
                          : n > 1 ? mdl_printf(m, "%s %s", word, roman(m, (int)i + 1))
                                  : word;
    mdl_set_str(m, pl, "so_hieu", so_hieu);
    const char *td = mdl_req_str(m, pl, path, "tieu_de");
    mdl_set_str(m, pl, "tieu_de", td ? mdl_upper(m, mdl_trim(m, td)) : "");
    mdl_set_str(m, pl, "kem_theo", reference(m));

    const char *kieu = mdl_opt_str(m, pl, path, "kieu");
    if (!kieu && (vb_obj_get(pl, "nhom") || vb_obj_get(pl, "dong"))) kieu = "van_ban";
    vb_value *khoi = vb_val_arr(m->a);
    vb_value *bang_van_ban = vb_val_null(m->a), *bang_chi_tieu = vb_val_null(m->a);
    vb_value *bang_giao_viec = vb_val_null(m->a);
    if (!kieu) {
      mdl_error(m, mdl_key(m, path, "kieu"), pl,
                "ghi \"kieu\": \"van_ban\", \"chi_tieu\" hoặc \"giao_viec\"",
                "thiếu kiểu phụ lục (kieu)");
    } else if (strcmp(kieu, "van_ban") == 0) {
      bang_van_ban = doc_table(m, pl, path);
    } else if (strcmp(kieu, "chi_tieu") == 0) {
      bang_chi_tieu = indicator_table(m, path, pl);
    } else if (strcmp(kieu, "giao_viec") == 0) {
      if (!m->has_scores)
        mdl_error(m, mdl_key(m, path, "kieu"), vb_obj_get(pl, "kieu"),
                  "thêm bang_diem, hoặc đổi kiểu phụ lục",
                  "phụ lục giao việc nhưng không có bang_diem");
      mdl_assign_blocks(m, khoi);
      bang_giao_viec = mdl_assign_table(m);
    } else {
      mdl_error(m, mdl_key(m, path, "kieu"), vb_obj_get(pl, "kieu"),
                "dùng \"van_ban\", \"chi_tieu\" hoặc \"giao_viec\"",
                "kiểu phụ lục không hợp lệ: %s", kieu);
    }
    if (kieu) mdl_set_str(m, pl, "kieu", kieu);
    vb_obj_set(m->a, pl, "khoi", khoi);
    vb_obj_set(m->a, pl, "bang_van_ban", bang_van_ban);
    vb_obj_set(m->a, pl, "bang_chi_tieu", bang_chi_tieu);
    vb_obj_set(m->a, pl, "bang_giao_viec", bang_giao_viec);
  }
}
