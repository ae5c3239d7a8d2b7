/* Indicator groups (nhom_chi_tieu): rates, assessments and group summaries,
 * the checks on them, and the blocks a group prints when a section inserts
 * it. The assessment rule is in docs/data-model.md ("Assessment rule"). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/model_internal.h"
#include "vi/vi.h"

static const char *const group_keys[] = {"ma", "ten", "tom_tat", "chi_tieu", NULL};
const char *const mdl_indicator_keys[] = {"ma",
                                          "ten",
                                          "yeu_cau",
                                          "don_vi",
                                          "muc_tieu",
                                          "ket_qua",
                                          "thuyet_minh",
                                          "minh_chung",
                                          "danh_gia",
                                          "ly_do",
                                          "khong_hoan_thanh",
                                          "ghi_chu",
                                          "kho_khan",
                                          "don_vi_thuc_hien",
                                          NULL};
static const char *const summary_keys[] = {"dat", "dang_trien_khai", "khong_hoan_thanh", "ty_le",
                                           NULL};

/* ---- one indicator -------------------------------------------------------------- */

typedef struct fill_vars {
  const char *names[5];
  const char *values[5]; /* NULL when the figure does not exist for this result */
  int quiet;             /* the figures are already reported wrong: no error for a missing one */
} fill_vars;

/* Replace {{ name }} in s; NULL (with an error) on an unknown or missing name. */
static const char *fill(vb_model *m, const char *s, const char *path, const vb_value *at,
                        const fill_vars *fv) {
  if (!strstr(s, "{{")) return s;
  vb_buf out = VB_BUF_INIT;
  const char *p = s;
  const char *open;
  while ((open = strstr(p, "{{")) != NULL) {
    vb_buf_put(&out, p, (size_t)(open - p));
    const char *close = strstr(open + 2, "}}");
    if (!close) {
      mdl_report(m, "du-lieu.cho-so-lieu", path, at, "đóng bằng }}", "thiếu \"}}\" sau \"{{\"");
      vb_buf_free(&out);
      return NULL;
    }
    const char *a = open + 2, *b = close;
    while (a < b && *a == ' ')
      a++;
    while (b > a && b[-1] == ' ')
      b--;
    size_t k = 0;
    while (k < 5 && !(strlen(fv->names[k]) == (size_t)(b - a) &&
                      strncmp(fv->names[k], a, (size_t)(b - a)) == 0))
      k++;
    if (k == 5) {
      mdl_report(m, "du-lieu.cho-so-lieu", path, at,
                 "dùng một trong: {{ ket_qua }}, {{ ty_le }}, {{ tu }}, {{ mau }}, {{ muc_tieu }}",
                 "không biết \"{{ %.*s }}\"", (int)(b - a), a);
      vb_buf_free(&out);
      return NULL;
    }
    if (!fv->values[k] && fv->quiet) {
      p = close + 2;
      continue;
    }
    if (!fv->values[k]) {
      mdl_report(m, "du-lieu.cho-so-lieu", path, at,
                 "bỏ chỗ này hoặc bổ sung số liệu tương ứng trong ket_qua/muc_tieu",
                 "\"{{ %s }}\" không có giá trị: chỉ tiêu không có số liệu này", fv->names[k]);
      vb_buf_free(&out);
      return NULL;
    }
    vb_buf_puts(&out, fv->values[k]);
    p = close + 2;
  }
  vb_buf_puts(&out, p);
  return mdl_take(m, &out);
}

/* A list of non-blank strings (placeholders filled when fv is given), stored back into the
 * view; NULL when absent. */
static vb_value *text_list(vb_model *m, vb_value *ind, const char *path, const char *key,
                           const fill_vars *fv) {
  vb_value *v = vb_obj_get(ind, key);
  const char *lpath = mdl_key(m, path, key);
  if (!v || v->kind == VB_NULL) return NULL;
  if (v->kind == VB_STR) {
    vb_value *arr = vb_val_arr(m->a);
    vb_arr_push(m->a, arr, v);
    vb_obj_set(m->a, ind, key, arr);
    v = arr;
  }
  if (v->kind != VB_ARR) {
    mdl_report(m, "du-lieu.kieu", lpath, v, "viết một danh sách đoạn văn [\"…\", \"…\"]",
               "cần một danh sách, gặp %s", vb_vkind_name(v->kind));
    return NULL;
  }
  for (size_t i = 0; i < v->u.arr.len; i++) {
    vb_value *it = v->u.arr.items[i];
    const char *ipath = mdl_idx(m, lpath, i);
    if (it->kind != VB_STR) {
      mdl_report(m, "du-lieu.kieu", ipath, it, "mỗi đoạn là một chuỗi",
                 "đoạn văn không phải chuỗi");
      v->u.arr.items[i] = vb_val_strz(m->a, "");
      continue;
    }
    mdl_check_emphasis(m, ipath, it); /* narrative: printed with dinh_dang */
    const char *t = fv ? fill(m, it->u.str.s, ipath, it, fv) : it->u.str.s;
    if (!t) continue;
    vb_value *nv = vb_val_strz(m->a, mdl_cite(m, mdl_trim(m, t), ipath, it));
    nv->line = it->line, nv->col = it->col, nv->src = it->src;
    v->u.arr.items[i] = nv;
  }
  return v;
}

static const char *manual_assessment(vb_model *m, const vb_value *ind, const char *path) {
  const char *s = mdl_opt_str(m, ind, path, "danh_gia");
  if (mdl_blank(s)) return NULL;
  vb_buf b = VB_BUF_INIT;
  vi_lower(&b, mdl_trim(m, s));
  const char *low = mdl_take(m, &b);
  size_t n = strlen(low);
  if (n && low[n - 1] == '.') n--;
  if (strncmp(low, "đạt", n) == 0 && n == strlen("đạt")) return "Đạt";
  if ((strncmp(low, "chưa đạt", n) == 0 && n == strlen("chưa đạt")) ||
      (strncmp(low, "không đạt", n) == 0 && n == strlen("không đạt")))
    return "Chưa đạt";
  mdl_report(m, "du-lieu.can-danh-gia", mdl_key(m, path, "danh_gia"), vb_obj_get(ind, "danh_gia"),
             "ghi \"Đạt\" hoặc \"Chưa đạt\"; lý do ghi riêng trong ly_do",
             "đánh giá không hợp lệ: \"%s\"", s);
  return NULL;
}

/* The figures behind a computed assessment, for messages: "2.215/3.986 = 55,6%". */
static const char *figures(vb_model *m, const mdl_result *r, const mdl_indicator *it) {
  if (r->kind == MDL_R_FRACTION) return mdl_printf(m, "%s = %s", it->ket_qua_text, it->ty_le_text);
  return it->ket_qua_text;
}

static const char *opt_text(vb_model *m, const vb_value *v, const char *path, const char *key) {
  const char *s = mdl_opt_str(m, v, path, key);
  return mdl_blank(s) ? "" : mdl_trim(m, s);
}

/* The result as printed: typed text as typed; the object forms in Vietnamese figures. */
static const char *result_text(vb_model *m, const mdl_result *r, const mdl_target *t,
                               const char *don_vi) {
  if (r->text) return r->text;
  int unit = !mdl_blank(don_vi) && strcmp(don_vi, "%") != 0;
  switch (r->kind) {
  case MDL_R_FRACTION: return mdl_printf(m, "%s/%s", mdl_num(m, r->tu, 2), mdl_num(m, r->mau, 2));
  case MDL_R_VALUE:
    return t->kind == MDL_T_RATE || (!unit && !mdl_blank(don_vi))
               ? mdl_printf(m, "%s%%", mdl_num(m, r->value, 2))
           : unit ? mdl_printf(m, "%s %s", mdl_num(m, r->value, 2), don_vi)
                  : mdl_num(m, r->value, 2);
  case MDL_R_YESNO: return r->yes ? "Có" : "Không";
  default: return "";
  }
}

/* s is "<figure>" or "<figure> <unit>" (the figure written as mdl_num writes it). */
static int figure_in_unit(vb_model *m, const char *s, double x, const char *unit) {
  const char *num = mdl_num(m, x, 2);
  size_t n = strlen(num);
  if (strncmp(s, num, n) != 0) return 0;
  return s[n] == '\0' || (*unit && s[n] == ' ' && strcmp(s + n + 1, unit) == 0);
}

/* The result as the body states it, with its target beside it. A count
 * against a plan of the same unit reads as the share of the plan done
 * ("132/150 hộ (88%)"); any other target is named after the result
 * ("95,5%, chỉ tiêu ≥ 90%", "Đã triển khai, chỉ tiêu: Triển khai sử dụng"),
 * so the reader sees both without the table. */
static const char *result_line(vb_model *m, const mdl_indicator *it, const mdl_target *t,
                               const mdl_result *r) {
  if (!*it->ket_qua_text) return "";
  if (!*it->muc_tieu_text) return it->ket_qua_bang;
  const char *unit = strcmp(it->don_vi, "%") == 0 ? "" : it->don_vi;
  int plan = t->kind == MDL_T_COUNT && t->op && (!strcmp(t->op, ">=") || !strcmp(t->op, ">")) &&
             t->value > 0 && r->kind == MDL_R_VALUE && !r->percent && r->value >= 0 &&
             r->value <= t->value;
  const char *target = t->text; /* "150", "150 hộ", "≥ 150 hộ" */
  if (t->sym && !strncmp(target, t->sym, strlen(t->sym)) && target[strlen(t->sym)] == ' ')
    target += strlen(t->sym) + 1;
  if (plan && figure_in_unit(m, target, t->value, unit) &&
      (!r->text || figure_in_unit(m, r->text, r->value, unit)))
    return mdl_printf(m, "%s/%s%s%s (%s)", mdl_num(m, r->value, 2), mdl_num(m, t->value, 2),
                      *unit ? " " : "", unit, mdl_percent(m, r->value / t->value * 100));
  /* "chỉ tiêu ≥ 90%", "chỉ tiêu 100%"; a target in words after a colon. */
  unsigned char c0 = (unsigned char)it->muc_tieu_text[0];
  int figure = (c0 >= '0' && c0 <= '9') || strchr("<>=", c0) ||
               !strncmp(it->muc_tieu_text, "≥", strlen("≥")) ||
               !strncmp(it->muc_tieu_text, "≤", strlen("≤"));
  /* A count typed bare ("3") is stated with its unit ("3 lớp"). */
  const char *res = it->ket_qua_bang;
  if (r->kind == MDL_R_VALUE && !r->percent && *unit && r->text &&
      strcmp(r->text, mdl_num(m, r->value, 2)) == 0)
    res = mdl_printf(m, "%s %s", r->text, unit);
  return mdl_printf(m, "%s, chỉ tiêu%s %s", res, figure ? "" : ":", it->muc_tieu_text);
}

/* What the figures say: 1 met, 0 not met, -1 they cannot decide, -2 they
 * cannot be compared (reported). */
static int computed_assessment(vb_model *m, const mdl_target *t, const mdl_result *r,
                               const vb_value *v, const char *path) {
  int number_target = t->kind == MDL_T_RATE || t->kind == MDL_T_COUNT;
  int number_result = r->kind == MDL_R_FRACTION || r->kind == MDL_R_VALUE || r->kind == MDL_R_BOUND;
  /* A percentage typed as the result of a count target compares nothing. */
  int pct_mismatch = r->percent && t->kind == MDL_T_COUNT;
  if ((t->kind == MDL_T_YESNO && number_result) || (number_target && r->kind == MDL_R_YESNO) ||
      (number_target && pct_mismatch)) {
    mdl_report(m, "du-lieu.ket-qua", mdl_key(m, path, "ket_qua"), vb_obj_get(v, "ket_qua"),
               "ghi kết quả cùng dạng với mục tiêu (tỷ lệ: tu/mau hoặc phần trăm; số lượng: một "
               "số; có/không: co)",
               "kết quả không so được với mục tiêu %s", t->text);
    return -2;
  }
  if (t->kind == MDL_T_RATE && r->kind == MDL_R_FRACTION)
    return mdl_holds(t->op, mdl_cmp_num(r->tu * 100, t->value * r->mau));
  if (t->kind == MDL_T_RATE && r->kind == MDL_R_VALUE)
    return mdl_holds(t->op, mdl_cmp_num(r->value, t->value));
  if (t->kind == MDL_T_COUNT && (r->kind == MDL_R_VALUE || r->kind == MDL_R_FRACTION))
    return mdl_holds(t->op, mdl_cmp_num(r->kind == MDL_R_VALUE ? r->value : r->tu, t->value));
  if (number_target && r->kind == MDL_R_BOUND)
    return mdl_bound_meets(r->op, r->value, t->op, t->value);
  if (t->kind == MDL_T_YESNO && r->kind == MDL_R_YESNO) return r->yes;
  return -1;
}

static void indicator(vb_model *m, mdl_indicator *it, vb_value *v, const char *path, int *state) {
  it->v = v;
  it->path = path;
  mdl_check_keys(m, v, path, m->indicator_keys ? m->indicator_keys : mdl_indicator_keys);
  it->ma = mdl_req_ma(m, v, path);
  it->key = it->ma;
  const char *ten = mdl_opt_str(m, v, path, "ten");
  it->ten_given = mdl_blank(ten) ? NULL : mdl_trim(m, ten);
  it->ten = it->ten_given ? it->ten_given : mdl_printf(m, "Tiêu chí số %s", it->ma ? it->ma : "");
  mdl_set_str(m, v, "ten", it->ten);
  /* Required where it is printed ("a) Yêu cầu tiêu chí: …" when the group
   * is inserted in the body: mdl_check_assessments); an appendix table names
   * the indicator by ten. */
  vb_value *ycv = vb_obj_get(v, "yeu_cau");
  const char *yc = mdl_opt_str(m, v, path, "yeu_cau");
  it->yeu_cau = mdl_blank(yc) ? "" : mdl_trim(m, yc);
  it->no_yeu_cau = mdl_blank(yc) && !(ycv && ycv->kind != VB_NULL && ycv->kind != VB_STR);
  it->don_vi = opt_text(m, v, path, "don_vi");
  it->ghi_chu = opt_text(m, v, path, "ghi_chu");
  it->kho_khan = opt_text(m, v, path, "kho_khan");
  it->don_vi_thuc_hien = opt_text(m, v, path, "don_vi_thuc_hien");
  mdl_target t;
  mdl_result r;
  int bad = mdl_parse_target(m, v, path, it->don_vi, &t) | mdl_parse_result(m, v, path, &r);

  /* The rate: from a fraction, a percentage typed as the result, or a value
   * measured against a rate target. */
  double rate = NAN;
  if (!bad && r.kind == MDL_R_FRACTION) {
    rate = r.tu / r.mau * 100;
    /* A part larger than its whole: an error (a draft prints the rate
     * computed from the figures given, never a typed one). */
    if (r.tu > r.mau)
      mdl_report(m, "du-lieu.vuot-100", mdl_key(m, path, "ket_qua"), vb_obj_get(v, "ket_qua"),
                 "kiểm tra lại tử số và mẫu số (có thể gõ thừa hoặc nhầm chữ số)",
                 "tỷ lệ %s/%s = %s vượt quá 100%%: tử số lớn hơn mẫu số",
                 mdl_printf(m, "%.15g", r.tu), mdl_printf(m, "%.15g", r.mau),
                 mdl_percent(m, r.tu / r.mau * 100));
  }
  if (!bad && r.kind == MDL_R_VALUE && (t.kind == MDL_T_RATE || r.percent)) {
    rate = r.value;
    /* A draft prints the figure as given. */
    vb_value *kq = vb_obj_get(v, "ket_qua");
    int typed = kq->kind == VB_STR;
    if ((rate < 0 || rate > 100) &&
        mdl_report(m, rate < 0 ? "du-lieu.so-am" : "du-lieu.vuot-100",
                   typed ? mdl_key(m, path, "ket_qua")
                         : mdl_key(m, mdl_key(m, path, "ket_qua"), "gia_tri"),
                   typed ? kq : vb_obj_get(kq, "gia_tri"), "ghi tỷ lệ theo phần trăm, từ 0 đến 100",
                   "tỷ lệ %s%% nằm ngoài 0–100%%", mdl_num(m, rate, 2)))
      bad = -1;
  }
  it->ty_le_text = isnan(rate) || bad ? "" : mdl_percent(m, rate);
  it->ket_qua_text = bad ? "" : result_text(m, &r, &t, it->don_vi);
  it->ket_qua_bang = r.kind == MDL_R_FRACTION && !bad
                         ? mdl_printf(m, "%s (%s)", it->ket_qua_text, it->ty_le_text)
                         : it->ket_qua_text;
  it->muc_tieu_text = bad ? "" : t.text;
  it->ket_qua_dong = bad ? "" : result_line(m, it, &t, &r);

  int computed = bad ? -1 : computed_assessment(m, &t, &r, v, path);
  if (computed == -2) bad = -1, computed = -1;
  const char *manual = manual_assessment(m, v, path);
  const char *dg = computed < 0 ? manual : computed ? "Đạt" : "Chưa đạt";
  /* The figures decide: the document prints the computed assessment (and
   * counts it in the group summary); the contradicting manual one is
   * reported so the officer can fix the data or the figures. */
  if (manual && computed >= 0 && strcmp(manual, dg) != 0)
    mdl_report(
        m, "du-lieu.danh-gia", mdl_key(m, path, "danh_gia"), vb_obj_get(v, "danh_gia"),
        computed
            ? "sửa danh_gia thành \"Đạt\" hoặc kiểm tra lại số liệu"
            : "sửa danh_gia thành \"Chưa đạt\" (lý do ghi trong ly_do) hoặc kiểm tra lại số liệu",
        "đánh giá \"%s\" mâu thuẫn với số liệu: %s, mục tiêu %s; văn bản ghi \"%s\" theo số liệu",
        manual, figures(m, &r, it), it->muc_tieu_text, dg);
  /* Without an assessment the indicator is still fine where none is
   * printed (a table without a Đánh giá column); mdl_check_assessments
   * reports it where one is. */
  it->no_assessment = !dg && !bad && it->ma;
  it->danh_gia = dg ? dg : "";
  it->dat = dg && strcmp(dg, "Đạt") == 0;
  const char *ly_do = mdl_opt_str(m, v, path, "ly_do");
  it->ly_do = mdl_blank(ly_do) ? NULL : mdl_trim(m, ly_do);
  int kht = mdl_opt_bool(m, v, path, "khong_hoan_thanh");
  if (kht && it->dat)
    mdl_report(m, "du-lieu.danh-gia", mdl_key(m, path, "khong_hoan_thanh"),
               vb_obj_get(v, "khong_hoan_thanh"), "bỏ khong_hoan_thanh hoặc sửa đánh giá",
               "chỉ tiêu đã đạt nhưng được đánh dấu không hoàn thành; tính là đạt");
  *state = it->dat ? 0 : kht ? 2 : 1;

  int fraction = r.kind == MDL_R_FRACTION && !bad;
  fill_vars fv = {{"ket_qua", "ty_le", "tu", "mau", "muc_tieu"},
                  {*it->ket_qua_text ? it->ket_qua_text : NULL,
                   *it->ty_le_text ? it->ty_le_text : NULL, fraction ? mdl_num(m, r.tu, 2) : NULL,
                   fraction ? mdl_num(m, r.mau, 2) : NULL,
                   *it->muc_tieu_text ? it->muc_tieu_text : NULL},
                  bad != 0};
  it->thuyet_minh = text_list(m, v, path, "thuyet_minh", &fv);
  it->minh_chung = text_list(m, v, path, "minh_chung", NULL);

  if (isnan(rate) || bad)
    vb_obj_set(m->a, v, "ty_le", vb_val_null(m->a));
  else
    mdl_set_num(m, v, "ty_le", rate);
  mdl_set_str(m, v, "ty_le_text", it->ty_le_text);
  mdl_set_str(m, v, "ket_qua_text", it->ket_qua_text);
  mdl_set_str(m, v, "muc_tieu_text", it->muc_tieu_text);
  /* A rate target as a number, for a chart's target line (bieu_do). */
  if (!bad && t.kind == MDL_T_RATE)
    mdl_set_num(m, v, "muc_tieu_ty_le", t.value);
  else
    vb_obj_set(m->a, v, "muc_tieu_ty_le", vb_val_null(m->a));
  mdl_set_str(m, v, "danh_gia_tinh", computed < 0 ? "" : computed ? "Đạt" : "Chưa đạt");
  mdl_set_str(m, v, "danh_gia", it->danh_gia);
  mdl_set_bool(m, v, "dat", it->dat);
  static const char *const states[] = {"dat", "dang_trien_khai", "khong_hoan_thanh"};
  mdl_set_str(m, v, "trang_thai", states[*state]);
}

/* ---- groups --------------------------------------------------------------------- */

/* A given tom_tat is never printed: it is compared with what the figures give. */
static void check_summary(vb_model *m, const mdl_group *g, const vb_value *gv, int reliable) {
  vb_value *tt = mdl_opt_obj(m, gv, g->path, "tom_tat");
  if (!tt) return;
  const char *tpath = mdl_key(m, g->path, "tom_tat");
  mdl_check_keys(m, tt, tpath, summary_keys);
  static const char *const keys[] = {"dat", "dang_trien_khai", "khong_hoan_thanh"};
  static const char *const words[] = {"đạt", "đang triển khai", "không hoàn thành"};
  const int have[] = {g->so_dat, g->so_dang_trien_khai, g->so_khong_hoan_thanh};
  double given[3] = {0, 0, 0};
  int got[3], all = 1;
  const char *hint = "tom_tat chỉ để đối chiếu: văn bản in số tính từ các chỉ tiêu; sửa tom_tat "
                     "hoặc số liệu của chỉ tiêu";
  for (int i = 0; i < 3; i++) {
    got[i] = mdl_opt_num(m, tt, tpath, keys[i], &given[i]);
    all &= got[i] == 1;
  }
  double sum = given[0] + given[1] + given[2];
  if (all && mdl_cmp_num(sum, (double)g->n) != 0) {
    mdl_report(
        m, "du-lieu.tom-tat", tpath, tt, hint,
        "tóm tắt không khớp: %s đạt + %s đang triển khai + %s không hoàn thành = %s chỉ tiêu, "
        "nhưng nhóm \"%s\" có %zu chỉ tiêu (tính từ số liệu: %d đạt, %d đang triển khai, %d "
        "không hoàn thành)",
        mdl_num(m, given[0], 2), mdl_num(m, given[1], 2), mdl_num(m, given[2], 2),
        mdl_num(m, sum, 2), g->ten, g->n, have[0], have[1], have[2]);
  } else if (reliable) {
    for (int i = 0; i < 3; i++)
      if (got[i] == 1 && mdl_cmp_num(given[i], have[i]) != 0)
        mdl_report(m, "du-lieu.tom-tat", mdl_key(m, tpath, keys[i]), vb_obj_get(tt, keys[i]), hint,
                   "tóm tắt ghi %s chỉ tiêu %s nhưng số liệu cho %d/%zu", mdl_num(m, given[i], 2),
                   words[i], have[i], g->n);
  }
  double tl;
  if (mdl_opt_num(m, tt, tpath, "ty_le", &tl) == 1 && g->n && reliable) {
    const char *given_text = mdl_percent(m, tl);
    const char *have_text = mdl_percent(m, 100.0 * g->so_dat / (double)g->n);
    if (strcmp(given_text, have_text) != 0)
      mdl_report(m, "du-lieu.tom-tat", mdl_key(m, tpath, "ty_le"), vb_obj_get(tt, "ty_le"), hint,
                 "tóm tắt ghi tỷ lệ đạt %s nhưng %d/%zu = %s", given_text, g->so_dat, g->n,
                 have_text);
  }
}

typedef struct seen_id {
  const char *ma, *path;
  const vb_value *v;
} seen_id;

static void check_duplicate(vb_model *m, seen_id *seen, size_t *n, const char *ma, const char *path,
                            const vb_value *v, const char *what) {
  if (!ma) return;
  for (size_t i = 0; i < *n; i++)
    if (strcmp(seen[i].ma, ma) == 0) {
      mdl_report(m, "du-lieu.trung-ma", mdl_key(m, path, "ma"), vb_obj_get(v, "ma"),
                 "mỗi mã chỉ dùng một lần", "mã %s \"%s\" trùng với %s", what, ma,
                 mdl_where(m, seen[i].path, seen[i].v));
      return;
    }
  seen[*n].ma = ma, seen[*n].path = path, seen[*n].v = v;
  (*n)++;
}

static void group(vb_model *m, mdl_group *g, vb_value *gv, const char *path) {
  g->v = gv;
  g->path = path;
  mdl_check_keys(m, gv, path, group_keys);
  g->ma = mdl_req_ma(m, gv, path);
  const char *ten = mdl_req_str(m, gv, path, "ten");
  g->ten = ten ? mdl_trim(m, ten) : "";
  vb_value *list = mdl_opt_arr(m, gv, path, "chi_tieu");
  const char *lpath = mdl_key(m, path, "chi_tieu");
  if (!list || list->u.arr.len == 0) {
    if (!vb_obj_get(gv, "chi_tieu") || list)
      mdl_report(m, "du-lieu.cau-truc", lpath, list ? list : gv, "liệt kê các chỉ tiêu của nhóm",
                 "nhóm chỉ tiêu không có chỉ tiêu nào");
    return;
  }
  size_t errors_before = m->errors;
  g->n = list->u.arr.len;
  g->items = vb_arena_alloc(m->a, g->n * sizeof(mdl_indicator));
  for (size_t i = 0; i < g->n; i++) {
    vb_value *iv = list->u.arr.items[i];
    const char *ipath = mdl_idx(m, lpath, i);
    int state = 1;
    if (iv->kind != VB_OBJ) {
      mdl_report(m, "du-lieu.kieu", ipath, iv,
                 "mỗi chỉ tiêu là một đối tượng { \"ma\": …, \"yeu_cau\": … }",
                 "chỉ tiêu không phải đối tượng");
      g->items[i].v = vb_val_obj(m->a);
      g->items[i].path = ipath;
      g->items[i].ma = g->items[i].ten = g->items[i].yeu_cau = g->items[i].don_vi = "";
      g->items[i].ket_qua_text = g->items[i].ty_le_text = g->items[i].ket_qua_bang = "";
      g->items[i].muc_tieu_text = g->items[i].danh_gia = g->items[i].ket_qua_dong = "";
      continue;
    }
    indicator(m, &g->items[i], iv, ipath, &state);
    if (state == 0) g->so_dat++;
    if (state == 1) g->so_dang_trien_khai++;
    if (state == 2) g->so_khong_hoan_thanh++;
  }
  double pct = 100.0 * g->so_dat / (double)g->n;
  const char *pct_text = mdl_percent(m, pct);
  g->tom_tat[0] = mdl_printf(m, "Chỉ tiêu đạt: %s/%s chỉ tiêu, đạt %s", mdl_count(m, g->so_dat),
                             mdl_count(m, (int)g->n), pct_text);
  g->tom_tat[1] =
      mdl_printf(m, "Chỉ tiêu đang triển khai: %s", mdl_count(m, g->so_dang_trien_khai));
  g->tom_tat[2] =
      mdl_printf(m, "Chỉ tiêu không hoàn thành: %s", mdl_count(m, g->so_khong_hoan_thanh));
  mdl_set_num(m, gv, "so_dat", g->so_dat);
  mdl_set_num(m, gv, "so_dang_trien_khai", g->so_dang_trien_khai);
  mdl_set_num(m, gv, "so_khong_hoan_thanh", g->so_khong_hoan_thanh);
  mdl_set_num(m, gv, "so_chi_tieu", (double)g->n);
  mdl_set_num(m, gv, "ty_le_dat", pct);
  mdl_set_str(m, gv, "ty_le_dat_text", pct_text);
  vb_value *lines = vb_val_arr(m->a);
  for (int i = 0; i < 3; i++)
    vb_arr_push(m->a, lines, vb_val_strz(m->a, g->tom_tat[i]));
  vb_obj_set(m->a, gv, "tom_tat_dong", lines);
  /* After a wrong figure, or without an assessment, the computed counts are
   * not reliable: compare only the total. */
  int unknown = 0;
  for (size_t i = 0; i < g->n; i++)
    unknown |= g->items[i].no_assessment;
  check_summary(m, g, gv, m->errors == errors_before && !unknown);
}

/* ---- indicator ids -------------------------------------------------------------- */

typedef struct id_ref {
  mdl_indicator *it;
  size_t group, item;
} id_ref;

static int by_ma(const void *a, const void *b) {
  const id_ref *x = a, *y = b;
  int c = strcmp(x->it->ma, y->it->ma);
  if (c) return c;
  return x->group != y->group ? (x->group < y->group ? -1 : 1) : (x->item < y->item ? -1 : 1);
}

/* An indicator's id needs to be unique only within its group (a report may
 * number 1, 2, 3 under each group): a repeated id in one group is an error.
 * An id that other groups use too is known as "<group>/<id>" wherever an
 * identity must be unique (the ids of blocks and table rows). Sorted, not
 * compared pairwise: a sheet may hold thousands of indicators. */
static void check_ids(vb_model *m) {
  size_t n = 0;
  for (size_t g = 0; g < m->ngroups; g++)
    n += m->groups[g].n;
  id_ref *refs = vb_arena_alloc(m->a, (n + 1) * sizeof(id_ref));
  n = 0;
  for (size_t g = 0; g < m->ngroups; g++)
    for (size_t i = 0; i < m->groups[g].n; i++)
      if (m->groups[g].items[i].ma && *m->groups[g].items[i].ma)
        refs[n++] = (id_ref){&m->groups[g].items[i], g, i};
  qsort(refs, n, sizeof *refs, by_ma);
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    while (j < n && strcmp(refs[j].it->ma, refs[i].it->ma) == 0)
      j++;
    int other_groups = refs[j - 1].group != refs[i].group;
    for (size_t k = i; k < j; k++) {
      if (k > i && refs[k].group == refs[k - 1].group) {
        mdl_indicator *it = refs[k].it, *first = refs[k - 1].it;
        mdl_report(m, "du-lieu.trung-ma", mdl_key(m, it->path, "ma"), vb_obj_get(it->v, "ma"),
                   "mỗi mã chỉ dùng một lần trong một nhóm (các nhóm khác nhau có thể dùng lại "
                   "mã 1, 2, 3…)",
                   "mã chỉ tiêu \"%s\" trùng với %s trong cùng nhóm", it->ma,
                   mdl_where(m, first->path, first->v));
      }
      if (other_groups) {
        const mdl_group *g = &m->groups[refs[k].group];
        refs[k].it->key = mdl_printf(m, "%s/%s", g->ma ? g->ma : "", refs[k].it->ma);
      }
    }
    i = j;
  }
}

void mdl_indicators(vb_model *m) {
  vb_value *list = mdl_opt_arr(m, m->root, "$", "nhom_chi_tieu");
  if (!list) return;
  seen_id *gids = vb_arena_alloc(m->a, (list->u.arr.len + 1) * sizeof(seen_id));
  size_t ngids = 0;
  m->groups = vb_arena_alloc(m->a, (list->u.arr.len + 1) * sizeof(mdl_group));
  for (size_t i = 0; i < list->u.arr.len; i++) {
    vb_value *gv = list->u.arr.items[i];
    const char *gpath = mdl_idx(m, "$.nhom_chi_tieu", i);
    if (gv->kind != VB_OBJ) {
      mdl_report(m, "du-lieu.kieu", gpath, gv,
                 "mỗi nhóm là một đối tượng {\"ma\", \"ten\", \"chi_tieu\"}",
                 "nhóm chỉ tiêu không phải đối tượng");
      continue;
    }
    mdl_group *g = &m->groups[m->ngroups++];
    group(m, g, gv, gpath);
    check_duplicate(m, gids, &ngids, g->ma, gpath, gv, "nhóm");
  }
  check_ids(m);
}

void mdl_check_assessments(vb_model *m) {
  for (size_t g = 0; g < m->ngroups; g++) {
    for (size_t i = 0; m->groups[g].in_body && i < m->groups[g].n; i++) {
      const mdl_indicator *it = &m->groups[g].items[i];
      if (!it->no_yeu_cau || !it->v) continue;
      vb_value *yv = vb_obj_get(it->v, "yeu_cau");
      mdl_report(m, "du-lieu.thieu-truong", mdl_key(m, it->path, "yeu_cau"), yv ? yv : it->v,
                 "điền yêu cầu của chỉ tiêu: nhóm được chèn vào nội dung in \"a) Yêu cầu tiêu "
                 "chí: …\"",
                 yv ? "trường bắt buộc yeu_cau đang để trống" : "thiếu trường bắt buộc yeu_cau");
    }
    if (!m->groups[g].assessed) continue;
    for (size_t i = 0; i < m->groups[g].n; i++) {
      const mdl_indicator *it = &m->groups[g].items[i];
      if (!it->no_assessment) continue;
      mdl_report(m, "du-lieu.can-danh-gia", mdl_key(m, it->path, "danh_gia"), it->v,
                 "ghi \"danh_gia\": \"Đạt\" hoặc \"Chưa đạt\", hoặc thêm muc_tieu và ket_qua dạng "
                 "số (đánh giá được in trong văn bản hoặc trong cột Đánh giá của phụ lục)",
                 "số liệu không đủ để tự đánh giá: cần đánh giá thủ công (danh_gia)");
    }
  }
}

const mdl_group *mdl_find_group(const vb_model *m, const char *ma) {
  for (size_t i = 0; i < m->ngroups; i++)
    if (m->groups[i].ma && strcmp(m->groups[i].ma, ma) == 0) return &m->groups[i];
  return NULL;
}

/* ---- blocks --------------------------------------------------------------------- */

void mdl_group_blocks(vb_model *m, vb_value *out, mdl_group *g, mdl_level lv, mdl_level sub,
                      const char *so) {
  const char *outer = m->block_scope;
  g->assessed = 1; /* the body prints "c) Đánh giá" and the summary */
  g->in_body = 1;  /* and "a) Yêu cầu tiêu chí" */
  mdl_block_scope(m, "g", g->ma);
  mdl_block(m, out, mdl_level_kieu(lv), so, g->ten);
  for (int i = 0; i < 3; i++)
    mdl_block(m, out, "gach", "-", g->tom_tat[i]);
  mdl_block(m, out, "doan", "", "Cụ thể, kết quả đạt như sau:");
  for (size_t k = 0; k < g->n; k++) {
    const mdl_indicator *it = &g->items[k];
    mdl_block_scope(m, "ct", it->key);
    size_t first = out->u.arr.len;
    /* Headed by its name; the default name ("Tiêu chí số 1.1", as reports
     * without names write it) when the data gives none. */
    mdl_block(m, out, mdl_level_kieu(sub), mdl_number(m, sub, so, (int)k + 1),
              it->ten_given ? it->ten_given : mdl_printf(m, "Tiêu chí số %s", it->ma));
    mdl_block(m, out, "chu", mdl_number(m, MDL_CHU, NULL, 1),
              mdl_printf(m, "Yêu cầu tiêu chí: %s", it->yeu_cau));
    int has_text = it->thuyet_minh && it->thuyet_minh->u.arr.len > 0;
    mdl_block(m, out, "chu", mdl_number(m, MDL_CHU, NULL, 2),
              has_text || !*it->ket_qua_dong ? "Kết quả:"
                                             : mdl_printf(m, "Kết quả: %s.", it->ket_qua_dong));
    for (size_t i = 0; has_text && i < it->thuyet_minh->u.arr.len; i++)
      mdl_block_text(m, out, "doan", "", it->thuyet_minh->u.arr.items[i]->u.str.s,
                     it->thuyet_minh->u.arr.items[i]);
    if (*it->ghi_chu) {
      int ends = strchr(".!?;:", it->ghi_chu[strlen(it->ghi_chu) - 1]) != NULL;
      mdl_block(m, out, "doan", "", mdl_printf(m, "Ghi chú: %s%s", it->ghi_chu, ends ? "" : "."));
    }
    if (it->minh_chung) { /* present, even empty: the seeds print a bare heading */
      mdl_block(m, out, "nghieng", "", mdl_printf(m, "(%s. Tài liệu minh chứng kèm theo)", it->ma));
      for (size_t i = 0; i < it->minh_chung->u.arr.len; i++)
        mdl_block_text(m, out, "doan", "", it->minh_chung->u.arr.items[i]->u.str.s,
                       it->minh_chung->u.arr.items[i]);
    }
    mdl_block(m, out, "chu", mdl_number(m, MDL_CHU, NULL, 3),
              it->ly_do ? mdl_printf(m, "Đánh giá: %s (%s).", it->danh_gia, it->ly_do)
                        : mdl_printf(m, "Đánh giá: %s.", it->danh_gia));
    /* One indicator on one page: each of its lines keeps with the next. */
    for (size_t i = first; i + 1 < out->u.arr.len; i++)
      mdl_set_bool(m, out->u.arr.items[i], "giu", 1);
  }
  m->block_scope = outer;
}
