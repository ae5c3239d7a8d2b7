/* Indicator groups (nhom_chi_tieu): rates, assessments and group summaries,
 * the checks on them, and the blocks a group prints when a section inserts
 * it. The assessment rule is in docs/data-model.md ("Assessment rule"). */
#include <math.h>
#include <string.h>

#include "model/model_internal.h"
#include "vi/vi.h"

static const char *const group_keys[] = {"ma", "ten", "tom_tat", "chi_tieu", NULL};
static const char *const indicator_keys[] = {
    "ma",          "ten",        "yeu_cau",  "don_vi", "muc_tieu",         "ket_qua",
    "thuyet_minh", "minh_chung", "danh_gia", "ly_do",  "khong_hoan_thanh", NULL};
static const char *const target_keys[] = {"kieu", "gia_tri", "so_sanh", NULL};
static const char *const result_keys[] = {"tu", "mau", "gia_tri", "co", "van_ban", NULL};
static const char *const summary_keys[] = {"dat", "dang_trien_khai", "khong_hoan_thanh", "ty_le",
                                           NULL};

typedef enum { T_NONE, T_RATE, T_COUNT, T_YESNO } target_kind;
typedef enum { R_NONE, R_FRACTION, R_VALUE, R_YESNO, R_TEXT } result_kind;

typedef struct target {
  target_kind kind;
  double value;
  const char *op; /* ">=", ">", "<=", "<", "=" */
  const char *sym;
} target;

typedef struct result {
  result_kind kind;
  double tu, mau, value;
  int yes;
  const char *text;
} result;

/* ---- target and result ---------------------------------------------------------- */

static const char *const ops[][2] = {{">=", "≥"}, {">", ">"}, {"<=", "≤"}, {"<", "<"}, {"=", "="}};

static int parse_target(vb_model *m, const vb_value *ind, const char *path, target *t) {
  t->kind = T_NONE;
  vb_value *mt = mdl_opt_obj(m, ind, path, "muc_tieu");
  if (!mt)
    return vb_obj_get(ind, "muc_tieu") && vb_obj_get(ind, "muc_tieu")->kind != VB_NULL ? -1 : 0;
  const char *mpath = mdl_key(m, path, "muc_tieu");
  mdl_check_keys(m, mt, mpath, target_keys);
  const char *kieu = mdl_req_str(m, mt, mpath, "kieu");
  if (!kieu) return -1;
  if (strcmp(kieu, "ty_le") == 0) {
    t->kind = T_RATE;
  } else if (strcmp(kieu, "so_luong") == 0) {
    t->kind = T_COUNT;
  } else if (strcmp(kieu, "co_khong") == 0) {
    t->kind = T_YESNO;
    return 0;
  } else {
    mdl_error(m, mdl_key(m, mpath, "kieu"), vb_obj_get(mt, "kieu"),
              "dùng \"ty_le\", \"so_luong\" hoặc \"co_khong\"", "kiểu mục tiêu không hợp lệ: %s",
              kieu);
    return -1;
  }
  int got = mdl_opt_num(m, mt, mpath, "gia_tri", &t->value);
  if (got == 0)
    mdl_error(m, mdl_key(m, mpath, "gia_tri"), mt, "ghi giá trị mục tiêu, ví dụ \"gia_tri\": 70",
              "thiếu giá trị mục tiêu (gia_tri)");
  if (got != 1) return -1;
  if (t->kind == T_RATE && (t->value < 0 || t->value > 100)) {
    mdl_error(m, mdl_key(m, mpath, "gia_tri"), vb_obj_get(mt, "gia_tri"),
              "mục tiêu tỷ lệ ghi theo phần trăm, từ 0 đến 100",
              "mục tiêu tỷ lệ %s%% nằm ngoài 0–100%%", mdl_num(m, t->value, 2));
    return -1;
  }
  const char *op = mdl_opt_str(m, mt, mpath, "so_sanh");
  t->op = ops[0][0], t->sym = ops[0][1];
  if (op) {
    size_t i = 0;
    while (i < sizeof ops / sizeof ops[0] && strcmp(op, ops[i][0]) != 0 &&
           strcmp(op, ops[i][1]) != 0)
      i++;
    if (i == sizeof ops / sizeof ops[0]) {
      mdl_error(m, mdl_key(m, mpath, "so_sanh"), vb_obj_get(mt, "so_sanh"),
                "dùng \">=\", \">\", \"<=\", \"<\" hoặc \"=\"", "phép so sánh không hợp lệ: %s",
                op);
      return -1;
    }
    t->op = ops[i][0], t->sym = ops[i][1];
  }
  return 0;
}

static int parse_result(vb_model *m, const vb_value *ind, const char *path, result *r) {
  r->kind = R_NONE;
  vb_value *kq = mdl_opt_obj(m, ind, path, "ket_qua");
  if (!kq)
    return vb_obj_get(ind, "ket_qua") && vb_obj_get(ind, "ket_qua")->kind != VB_NULL ? -1 : 0;
  const char *kpath = mdl_key(m, path, "ket_qua");
  mdl_check_keys(m, kq, kpath, result_keys);
  int has_tu = vb_obj_get(kq, "tu") != NULL, has_mau = vb_obj_get(kq, "mau") != NULL;
  int has_val = vb_obj_get(kq, "gia_tri") != NULL, has_co = vb_obj_get(kq, "co") != NULL;
  int has_text = vb_obj_get(kq, "van_ban") != NULL;
  int forms = (has_tu || has_mau) + has_val + has_co + has_text;
  if (forms != 1) {
    mdl_error(m, kpath, kq,
              "dùng đúng một dạng: {\"tu\", \"mau\"}, {\"gia_tri\"}, {\"co\"} hoặc {\"van_ban\"}",
              forms ? "kết quả ghi lẫn nhiều dạng" : "kết quả trống");
    return -1;
  }
  if (has_tu || has_mau) {
    r->kind = R_FRACTION;
    int a = mdl_opt_num(m, kq, kpath, "tu", &r->tu), b = mdl_opt_num(m, kq, kpath, "mau", &r->mau);
    if (a == 0 || b == 0)
      mdl_error(m, mdl_key(m, kpath, a == 0 ? "tu" : "mau"), kq,
                "ghi cả tử số (tu) và mẫu số (mau)", "thiếu %s",
                a == 0 ? "tử số (tu)" : "mẫu số (mau)");
    if (a != 1 || b != 1) return -1;
    if (r->tu < 0 || r->mau < 0) {
      mdl_error(m, kpath, kq, "sửa số liệu", "tử số và mẫu số không được âm");
      return -1;
    }
    if (r->mau == 0) {
      mdl_error(m, mdl_key(m, kpath, "mau"), vb_obj_get(kq, "mau"),
                "sửa mẫu số, hoặc ghi kết quả dạng {\"van_ban\": \"…\"} nếu chưa có số liệu",
                "mẫu số bằng 0: không tính được tỷ lệ %s/0", mdl_num(m, r->tu, 2));
      return -1;
    }
    /* A warning, not an error: the document still shows the rate computed
     * from the figures given (never a typed one), and check points here. */
    if (r->tu > r->mau)
      mdl_warn(m, kpath, kq, "kiểm tra lại tử số và mẫu số (có thể gõ thừa hoặc nhầm chữ số)",
               "tỷ lệ %s/%s = %s vượt quá 100%%: tử số lớn hơn mẫu số",
               mdl_printf(m, "%.15g", r->tu), mdl_printf(m, "%.15g", r->mau),
               mdl_percent(m, r->tu / r->mau * 100));
  } else if (has_val) {
    r->kind = R_VALUE;
    if (mdl_opt_num(m, kq, kpath, "gia_tri", &r->value) != 1) return -1;
  } else if (has_co) {
    r->kind = R_YESNO;
    vb_value *c = vb_obj_get(kq, "co");
    if (c->kind != VB_BOOL) {
      mdl_error(m, mdl_key(m, kpath, "co"), c, "ghi true hoặc false", "cần true hoặc false");
      return -1;
    }
    r->yes = c->u.b;
  } else {
    r->kind = R_TEXT;
    r->text = mdl_req_str(m, kq, kpath, "van_ban");
    if (!r->text) return -1;
    r->text = mdl_trim(m, r->text);
  }
  return 0;
}

/* a <=> b for figures that may carry rounding noise. */
static int cmp_num(double a, double b) {
  double tol = 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
  return a < b - tol ? -1 : a > b + tol;
}

static int holds(const char *op, int c) {
  if (strcmp(op, ">=") == 0) return c >= 0;
  if (strcmp(op, ">") == 0) return c > 0;
  if (strcmp(op, "<=") == 0) return c <= 0;
  if (strcmp(op, "<") == 0) return c < 0;
  return c == 0;
}

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
      mdl_error(m, path, at, "đóng bằng }}", "thiếu \"}}\" sau \"{{\"");
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
      mdl_error(m, path, at,
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
      mdl_error(m, path, at, "bỏ chỗ này hoặc bổ sung số liệu tương ứng trong ket_qua/muc_tieu",
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
    mdl_error(m, lpath, v, "viết một danh sách đoạn văn [\"…\", \"…\"]",
              "cần một danh sách, gặp %s", vb_vkind_name(v->kind));
    return NULL;
  }
  for (size_t i = 0; i < v->u.arr.len; i++) {
    vb_value *it = v->u.arr.items[i];
    const char *ipath = mdl_idx(m, lpath, i);
    if (it->kind != VB_STR) {
      mdl_error(m, ipath, it, "mỗi đoạn là một chuỗi", "đoạn văn không phải chuỗi");
      v->u.arr.items[i] = vb_val_strz(m->a, "");
      continue;
    }
    const char *t = fv ? fill(m, it->u.str.s, ipath, it, fv) : it->u.str.s;
    if (!t) continue;
    vb_value *nv = vb_val_strz(m->a, mdl_trim(m, t));
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
  mdl_error(m, mdl_key(m, path, "danh_gia"), vb_obj_get(ind, "danh_gia"),
            "ghi \"Đạt\" hoặc \"Chưa đạt\"; lý do ghi riêng trong ly_do",
            "đánh giá không hợp lệ: \"%s\"", s);
  return NULL;
}

/* The figures behind a computed assessment, for messages: "2.215/3.986 = 55,6%". */
static const char *figures(vb_model *m, const result *r, const mdl_indicator *it) {
  if (r->kind == R_FRACTION) return mdl_printf(m, "%s = %s", it->ket_qua_text, it->ty_le_text);
  return it->ket_qua_text;
}

static void indicator(vb_model *m, mdl_indicator *it, vb_value *v, const char *path, int *state) {
  it->v = v;
  it->path = path;
  mdl_check_keys(m, v, path, indicator_keys);
  it->ma = mdl_req_ma(m, v, path);
  const char *ten = mdl_opt_str(m, v, path, "ten");
  it->ten =
      !mdl_blank(ten) ? mdl_trim(m, ten) : mdl_printf(m, "Tiêu chí số %s", it->ma ? it->ma : "");
  mdl_set_str(m, v, "ten", it->ten);
  const char *yc = mdl_req_str(m, v, path, "yeu_cau");
  it->yeu_cau = yc ? mdl_trim(m, yc) : "";
  const char *dv = mdl_opt_str(m, v, path, "don_vi");
  it->don_vi = dv ? mdl_trim(m, dv) : "";
  target t;
  result r;
  int bad = parse_target(m, v, path, &t) | parse_result(m, v, path, &r);

  /* Texts. */
  double rate = NAN;
  if (!bad && r.kind == R_FRACTION) rate = r.tu / r.mau * 100;
  if (!bad && r.kind == R_VALUE && t.kind == T_RATE) {
    rate = r.value;
    if (rate < 0 || rate > 100) {
      mdl_error(m, mdl_key(m, mdl_key(m, path, "ket_qua"), "gia_tri"),
                vb_obj_get(vb_obj_get(v, "ket_qua"), "gia_tri"),
                "ghi tỷ lệ theo phần trăm, từ 0 đến 100", "tỷ lệ %s%% nằm ngoài 0–100%%",
                mdl_num(m, rate, 2));
      bad = -1;
    }
  }
  it->ty_le_text = isnan(rate) || bad ? "" : mdl_percent(m, rate);
  it->ket_qua_text = "";
  if (!bad) {
    int unit = !mdl_blank(it->don_vi) && strcmp(it->don_vi, "%") != 0;
    switch (r.kind) {
    case R_FRACTION:
      it->ket_qua_text = mdl_printf(m, "%s/%s", mdl_num(m, r.tu, 2), mdl_num(m, r.mau, 2));
      break;
    case R_VALUE:
      it->ket_qua_text = t.kind == T_RATE || (!unit && !mdl_blank(it->don_vi))
                             ? mdl_printf(m, "%s%%", mdl_num(m, r.value, 2))
                         : unit ? mdl_printf(m, "%s %s", mdl_num(m, r.value, 2), it->don_vi)
                                : mdl_num(m, r.value, 2);
      break;
    case R_YESNO: it->ket_qua_text = r.yes ? "Có" : "Không"; break;
    case R_TEXT: it->ket_qua_text = r.text; break;
    case R_NONE: break;
    }
  }
  it->ket_qua_bang = r.kind == R_FRACTION && !bad
                         ? mdl_printf(m, "%s (%s)", it->ket_qua_text, it->ty_le_text)
                         : it->ket_qua_text;
  it->muc_tieu_text = "";
  if (!bad && t.kind == T_RATE)
    it->muc_tieu_text = mdl_printf(m, "%s %s%%", t.sym, mdl_num(m, t.value, 2));
  if (!bad && t.kind == T_COUNT)
    it->muc_tieu_text = mdl_blank(it->don_vi) || strcmp(it->don_vi, "%") == 0
                            ? mdl_printf(m, "%s %s", t.sym, mdl_num(m, t.value, 2))
                            : mdl_printf(m, "%s %s %s", t.sym, mdl_num(m, t.value, 2), it->don_vi);
  if (!bad && t.kind == T_YESNO) it->muc_tieu_text = "Có";

  /* The computed assessment: -1 when the figures cannot decide. */
  int computed = -1;
  if (!bad) {
    if (t.kind == T_RATE && r.kind == R_FRACTION)
      computed = holds(t.op, cmp_num(r.tu * 100, t.value * r.mau));
    else if (t.kind == T_RATE && r.kind == R_VALUE)
      computed = holds(t.op, cmp_num(r.value, t.value));
    else if (t.kind == T_COUNT && (r.kind == R_VALUE || r.kind == R_FRACTION))
      computed = holds(t.op, cmp_num(r.kind == R_VALUE ? r.value : r.tu, t.value));
    else if (t.kind == T_YESNO && r.kind == R_YESNO)
      computed = r.yes;
    else if ((t.kind == T_YESNO && (r.kind == R_FRACTION || r.kind == R_VALUE)) ||
             ((t.kind == T_RATE || t.kind == T_COUNT) && r.kind == R_YESNO)) {
      mdl_error(m, mdl_key(m, path, "ket_qua"), vb_obj_get(v, "ket_qua"),
                "ghi kết quả cùng dạng với mục tiêu (tỷ lệ: tu/mau hoặc gia_tri; có/không: co)",
                "kết quả không so được với mục tiêu %s", it->muc_tieu_text);
      bad = -1;
    }
  }
  const char *manual = manual_assessment(m, v, path);
  const char *dg = computed < 0 ? manual : computed ? "Đạt" : "Chưa đạt";
  /* The figures decide: the document prints the computed assessment (and
   * counts it in the group summary); the contradicting manual one is
   * reported so the officer can fix the data or the figures. */
  if (manual && computed >= 0 && strcmp(manual, dg) != 0)
    mdl_warn(
        m, mdl_key(m, path, "danh_gia"), vb_obj_get(v, "danh_gia"),
        computed
            ? "sửa danh_gia thành \"Đạt\" hoặc kiểm tra lại số liệu"
            : "sửa danh_gia thành \"Chưa đạt\" (lý do ghi trong ly_do) hoặc kiểm tra lại số liệu",
        "đánh giá \"%s\" mâu thuẫn với số liệu: %s, mục tiêu %s; văn bản ghi \"%s\" theo số liệu",
        manual, figures(m, &r, it), it->muc_tieu_text, dg);
  if (!dg && !bad && it->ma)
    mdl_error(m, mdl_key(m, path, "danh_gia"), v,
              "ghi \"danh_gia\": \"Đạt\" hoặc \"Chưa đạt\", hoặc thêm muc_tieu và ket_qua dạng số",
              "số liệu không đủ để tự đánh giá: cần đánh giá thủ công (danh_gia)");
  it->danh_gia = dg ? dg : "";
  it->dat = dg && strcmp(dg, "Đạt") == 0;
  const char *ly_do = mdl_opt_str(m, v, path, "ly_do");
  it->ly_do = mdl_blank(ly_do) ? NULL : mdl_trim(m, ly_do);
  int kht = mdl_opt_bool(m, v, path, "khong_hoan_thanh");
  if (kht && it->dat)
    mdl_warn(m, mdl_key(m, path, "khong_hoan_thanh"), vb_obj_get(v, "khong_hoan_thanh"),
             "bỏ khong_hoan_thanh hoặc sửa đánh giá",
             "chỉ tiêu đã đạt nhưng được đánh dấu không hoàn thành; tính là đạt");
  *state = it->dat ? 0 : kht ? 2 : 1;

  fill_vars fv = {{"ket_qua", "ty_le", "tu", "mau", "muc_tieu"},
                  {*it->ket_qua_text ? it->ket_qua_text : NULL,
                   *it->ty_le_text ? it->ty_le_text : NULL,
                   r.kind == R_FRACTION && !bad ? mdl_num(m, r.tu, 2) : NULL,
                   r.kind == R_FRACTION && !bad ? mdl_num(m, r.mau, 2) : NULL,
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
  if (all && cmp_num(sum, (double)g->n) != 0) {
    mdl_warn(m, tpath, tt, hint,
             "tóm tắt không khớp: %s đạt + %s đang triển khai + %s không hoàn thành = %s chỉ tiêu, "
             "nhưng nhóm \"%s\" có %zu chỉ tiêu (tính từ số liệu: %d đạt, %d đang triển khai, %d "
             "không hoàn thành)",
             mdl_num(m, given[0], 2), mdl_num(m, given[1], 2), mdl_num(m, given[2], 2),
             mdl_num(m, sum, 2), g->ten, g->n, have[0], have[1], have[2]);
  } else if (reliable) {
    for (int i = 0; i < 3; i++)
      if (got[i] == 1 && cmp_num(given[i], have[i]) != 0)
        mdl_warn(m, mdl_key(m, tpath, keys[i]), vb_obj_get(tt, keys[i]), hint,
                 "tóm tắt ghi %s chỉ tiêu %s nhưng số liệu cho %d/%zu", mdl_num(m, given[i], 2),
                 words[i], have[i], g->n);
  }
  double tl;
  if (mdl_opt_num(m, tt, tpath, "ty_le", &tl) == 1 && g->n && reliable) {
    const char *given_text = mdl_percent(m, tl);
    const char *have_text = mdl_percent(m, 100.0 * g->so_dat / (double)g->n);
    if (strcmp(given_text, have_text) != 0)
      mdl_warn(m, mdl_key(m, tpath, "ty_le"), vb_obj_get(tt, "ty_le"), hint,
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
      mdl_error(m, mdl_key(m, path, "ma"), vb_obj_get(v, "ma"), "mỗi mã chỉ dùng một lần",
                "mã %s \"%s\" trùng với %s", what, ma, mdl_where(m, seen[i].path, seen[i].v));
      return;
    }
  seen[*n].ma = ma, seen[*n].path = path, seen[*n].v = v;
  (*n)++;
}

static void group(vb_model *m, mdl_group *g, vb_value *gv, const char *path, seen_id *ids,
                  size_t *nids) {
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
      mdl_error(m, lpath, list ? list : gv, "liệt kê các chỉ tiêu của nhóm",
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
      mdl_error(m, ipath, iv, "mỗi chỉ tiêu là một đối tượng { \"ma\": …, \"yeu_cau\": … }",
                "chỉ tiêu không phải đối tượng");
      g->items[i].v = vb_val_obj(m->a);
      g->items[i].path = ipath;
      g->items[i].ma = g->items[i].ten = g->items[i].yeu_cau = g->items[i].don_vi = "";
      g->items[i].ket_qua_text = g->items[i].ty_le_text = g->items[i].ket_qua_bang = "";
      g->items[i].muc_tieu_text = g->items[i].danh_gia = "";
      continue;
    }
    indicator(m, &g->items[i], iv, ipath, &state);
    check_duplicate(m, ids, nids, g->items[i].ma, ipath, iv, "chỉ tiêu");
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
  /* After a wrong figure the computed counts are not reliable: compare only the total. */
  check_summary(m, g, gv, m->errors == errors_before);
}

void mdl_indicators(vb_model *m) {
  vb_value *list = mdl_opt_arr(m, m->root, "$", "nhom_chi_tieu");
  if (!list) return;
  size_t total = 0;
  for (size_t i = 0; i < list->u.arr.len; i++) {
    vb_value *c = vb_obj_get(list->u.arr.items[i], "chi_tieu");
    if (c && c->kind == VB_ARR) total += c->u.arr.len;
  }
  seen_id *ids = vb_arena_alloc(m->a, (total + 1) * sizeof(seen_id));
  seen_id *gids = vb_arena_alloc(m->a, (list->u.arr.len + 1) * sizeof(seen_id));
  size_t nids = 0, ngids = 0;
  m->groups = vb_arena_alloc(m->a, (list->u.arr.len + 1) * sizeof(mdl_group));
  for (size_t i = 0; i < list->u.arr.len; i++) {
    vb_value *gv = list->u.arr.items[i];
    const char *gpath = mdl_idx(m, "$.nhom_chi_tieu", i);
    if (gv->kind != VB_OBJ) {
      mdl_error(m, gpath, gv, "mỗi nhóm là một đối tượng {\"ma\", \"ten\", \"chi_tieu\"}",
                "nhóm chỉ tiêu không phải đối tượng");
      continue;
    }
    mdl_group *g = &m->groups[m->ngroups++];
    group(m, g, gv, gpath, ids, &nids);
    check_duplicate(m, gids, &ngids, g->ma, gpath, gv, "nhóm");
  }
}

const mdl_group *mdl_find_group(const vb_model *m, const char *ma) {
  for (size_t i = 0; i < m->ngroups; i++)
    if (m->groups[i].ma && strcmp(m->groups[i].ma, ma) == 0) return &m->groups[i];
  return NULL;
}

/* ---- blocks --------------------------------------------------------------------- */

void mdl_group_blocks(vb_model *m, vb_value *out, const mdl_group *g, mdl_level lv, mdl_level sub,
                      const char *so) {
  const char *outer = m->block_scope;
  mdl_block_scope(m, "g", g->ma);
  mdl_block(m, out, mdl_level_kieu(lv), so, g->ten);
  for (int i = 0; i < 3; i++)
    mdl_block(m, out, "gach", "-", g->tom_tat[i]);
  mdl_block(m, out, "doan", "", "Cụ thể, kết quả đạt như sau:");
  for (size_t k = 0; k < g->n; k++) {
    const mdl_indicator *it = &g->items[k];
    mdl_block_scope(m, "ct", it->ma);
    mdl_block(m, out, mdl_level_kieu(sub), mdl_number(m, sub, so, (int)k + 1),
              mdl_printf(m, "Tiêu chí số %s", it->ma));
    mdl_block(m, out, "chu", mdl_number(m, MDL_CHU, NULL, 1),
              mdl_printf(m, "Yêu cầu tiêu chí: %s", it->yeu_cau));
    int has_text = it->thuyet_minh && it->thuyet_minh->u.arr.len > 0;
    mdl_block(m, out, "chu", mdl_number(m, MDL_CHU, NULL, 2),
              has_text || !*it->ket_qua_bang ? "Kết quả:"
                                             : mdl_printf(m, "Kết quả: %s.", it->ket_qua_bang));
    for (size_t i = 0; has_text && i < it->thuyet_minh->u.arr.len; i++)
      mdl_block_from(mdl_block(m, out, "doan", "", it->thuyet_minh->u.arr.items[i]->u.str.s),
                     it->thuyet_minh->u.arr.items[i]);
    if (it->minh_chung) { /* present, even empty: the seeds print a bare heading */
      mdl_block(m, out, "nghieng", "", mdl_printf(m, "(%s. Tài liệu minh chứng kèm theo)", it->ma));
      for (size_t i = 0; i < it->minh_chung->u.arr.len; i++)
        mdl_block_from(mdl_block(m, out, "doan", "", it->minh_chung->u.arr.items[i]->u.str.s),
                       it->minh_chung->u.arr.items[i]);
    }
    mdl_block(m, out, "chu", mdl_number(m, MDL_CHU, NULL, 3),
              it->ly_do ? mdl_printf(m, "Đánh giá: %s (%s).", it->danh_gia, it->ly_do)
                        : mdl_printf(m, "Đánh giá: %s.", it->danh_gia));
  }
  m->block_scope = outer;
}
