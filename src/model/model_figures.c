/* Targets (muc_tieu) and results (ket_qua) of an indicator, in the forms
 * officers write them: the structured objects of docs/data-model.md, or a
 * string typed as in a report ("≥ 100%", "≤ 3 ngày", "100%", "132/150",
 * "> 90%", "Triển khai sử dụng"). A typed string is printed as typed; the
 * figure read from it decides the assessment where it can. */
#include <math.h>
#include <string.h>

#include "model/model_internal.h"
#include "sheet/sheet.h"
#include "vi/vi.h"

static const char *const target_keys[] = {"kieu", "gia_tri", "so_sanh", "van_ban", NULL};
static const char *const result_keys[] = {"tu", "mau", "gia_tri", "co", "van_ban", NULL};

static const char *const ops[][2] = {{">=", "≥"}, {">", ">"}, {"<=", "≤"}, {"<", "<"}, {"=", "="}};

/* ---- figures typed as text -------------------------------------------------------- */

static const char *skip_blank(const char *s) {
  for (;;) {
    if (*s == ' ' || *s == '\t' || *s == '\n')
      s++;
    else if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
      s += 2;
    else
      return s;
  }
}

/* "[comparison] number [%] [unit]" as a person types it: "≥ 100%", "trên 90%",
 * "≤ 3 ngày", "100%", "2.335". *op is NULL when no comparison was typed. The
 * unit after the number is not kept: the string is printed as typed. 0 ok, -1
 * not a figure. */
static int typed_figure(const char *s, const char **op, double *value, int *percent) {
  static const struct {
    const char *word, *op;
  } prefixes[] = {{">=", ">="},        {"≥", ">="},         {"=>", ">="},  {"<=", "<="},
                  {"≤", "<="},         {"=<", "<="},        {">", ">"},    {"<", "<"},
                  {"=", "="},          {"trên", ">"},       {"hơn", ">"},  {"dưới", "<"},
                  {"tối thiểu", ">="}, {"ít nhất", ">="},   {"từ", ">="},  {"không dưới", ">="},
                  {"tối đa", "<="},    {"không quá", "<="}, {"đạt", ">="}, {NULL, NULL}};
  vb_buf low = VB_BUF_INIT;
  vi_lower(&low, skip_blank(s));
  const char *p = vb_buf_cstr(&low);
  *op = NULL;
  for (int i = 0; prefixes[i].word; i++) {
    size_t k = strlen(prefixes[i].word);
    if (strncmp(p, prefixes[i].word, k) != 0) continue;
    /* Words need a blank after them ("từ 70%"); symbols need none. */
    if ((unsigned char)prefixes[i].word[0] >= 'a' && p[k] != ' ') continue;
    *op = prefixes[i].op;
    p = skip_blank(p + k);
    break;
  }
  /* The number ends where its characters end; a "%" or a unit may follow. */
  size_t n = 0;
  if (p[n] == '-' || p[n] == '+') n++;
  while ((p[n] >= '0' && p[n] <= '9') || p[n] == '.' || p[n] == ',')
    n++;
  const char *rest = skip_blank(p + n);
  int pct = *rest == '%';
  if (pct) rest = skip_blank(rest + 1);
  /* A unit is a word, not more figures ("1/2", "3 - 5"). */
  int rc = -1;
  if (n > 0 && (!*rest || ((unsigned char)*rest >= 0x80 || (*rest >= 'a' && *rest <= 'z')))) {
    vb_buf num = VB_BUF_INIT;
    vb_buf_put(&num, p, n);
    int ignored;
    rc = vb_vi_number(vb_buf_cstr(&num), value, &ignored);
    vb_buf_free(&num);
    *percent = pct;
  }
  vb_buf_free(&low);
  return rc;
}

/* "có" / "không" (any case, a final "." allowed). 1, 0, or -1. */
static int typed_yes_no(const char *s) {
  vb_buf low = VB_BUF_INIT;
  vi_lower(&low, s);
  size_t n = low.len;
  while (n && low.data[n - 1] == '.')
    n--;
  int r = n == strlen("có") && !strncmp(low.data, "có", n)         ? 1
          : n == strlen("không") && !strncmp(low.data, "không", n) ? 0
                                                                   : -1;
  vb_buf_free(&low);
  return r;
}

static void set_op(mdl_target *t, const char *op) {
  for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
    if (!strcmp(op, ops[i][0]) || !strcmp(op, ops[i][1])) {
      t->op = ops[i][0], t->sym = ops[i][1];
      return;
    }
}

/* ---- targets ---------------------------------------------------------------------- */

static int typed_target(vb_model *m, const vb_value *v, const char *path, const char *don_vi,
                        mdl_target *t) {
  const char *s = mdl_trim(m, v->u.str.s);
  if (!*s) return 0;
  t->text = s;
  const char *op;
  int pct;
  if (typed_figure(s, &op, &t->value, &pct) == 0) {
    t->kind = pct || (don_vi && !strcmp(don_vi, "%")) ? MDL_T_RATE : MDL_T_COUNT;
    set_op(t, op ? op : ">=");
    if (t->kind == MDL_T_RATE && (t->value < 0 || t->value > 100)) {
      mdl_report(m, "du-lieu.ket-qua", path, v, "mục tiêu tỷ lệ ghi theo phần trăm, từ 0 đến 100",
                 "mục tiêu tỷ lệ %s nằm ngoài 0–100%%", s);
      return -1;
    }
    return 0;
  }
  if (vb_vi_looks_numeric(s)) {
    mdl_report(m, "du-lieu.ket-qua", path, v,
               "ghi mục tiêu dạng \"≥ 70%\", \"100%\", \"≤ 3 ngày\", \"Có\" hoặc bằng lời "
               "(\"Triển khai sử dụng\")",
               "không đọc được mục tiêu \"%s\"", s);
    return -1;
  }
  t->kind = typed_yes_no(s) == 1 ? MDL_T_YESNO : MDL_T_TEXT;
  return 0;
}

int mdl_parse_target(vb_model *m, const vb_value *ind, const char *path, const char *don_vi,
                     mdl_target *t) {
  memset(t, 0, sizeof *t);
  t->kind = MDL_T_NONE;
  t->op = ops[0][0], t->sym = ops[0][1];
  t->text = "";
  vb_value *mv = vb_obj_get(ind, "muc_tieu");
  const char *mpath = mdl_key(m, path, "muc_tieu");
  if (!mv || mv->kind == VB_NULL) return 0;
  if (mv->kind == VB_STR) return typed_target(m, mv, mpath, don_vi, t);
  vb_value *mt = mdl_opt_obj(m, ind, path, "muc_tieu");
  if (!mt) return -1;
  mdl_check_keys(m, mt, mpath, target_keys);
  const char *typed = mdl_opt_str(m, mt, mpath, "van_ban");
  const char *kieu = mdl_opt_str(m, mt, mpath, "kieu");
  if (!kieu && !mdl_blank(typed)) {
    t->kind = MDL_T_TEXT;
    t->text = mdl_trim(m, typed);
    return 0;
  }
  kieu = mdl_req_str(m, mt, mpath, "kieu");
  if (!kieu) return -1;
  if (strcmp(kieu, "ty_le") == 0) {
    t->kind = MDL_T_RATE;
  } else if (strcmp(kieu, "so_luong") == 0) {
    t->kind = MDL_T_COUNT;
  } else if (strcmp(kieu, "co_khong") == 0) {
    t->kind = MDL_T_YESNO;
    t->text = mdl_blank(typed) ? "Có" : mdl_trim(m, typed);
    return 0;
  } else if (strcmp(kieu, "van_ban") == 0) {
    t->kind = MDL_T_TEXT;
    t->text = mdl_req_str(m, mt, mpath, "van_ban");
    if (!t->text) return -1;
    t->text = mdl_trim(m, t->text);
    return 0;
  } else {
    mdl_report(m, "du-lieu.ket-qua", mdl_key(m, mpath, "kieu"), vb_obj_get(mt, "kieu"),
               "dùng \"ty_le\", \"so_luong\", \"co_khong\" hoặc \"van_ban\"",
               "kiểu mục tiêu không hợp lệ: %s", kieu);
    return -1;
  }
  int got = mdl_opt_num(m, mt, mpath, "gia_tri", &t->value);
  if (got == 0)
    mdl_report(m, "du-lieu.thieu-truong", mdl_key(m, mpath, "gia_tri"), mt,
               "ghi giá trị mục tiêu, ví dụ \"gia_tri\": 70", "thiếu giá trị mục tiêu (gia_tri)");
  if (got != 1) return -1;
  if (t->kind == MDL_T_RATE && (t->value < 0 || t->value > 100)) {
    mdl_report(m, "du-lieu.ket-qua", mdl_key(m, mpath, "gia_tri"), vb_obj_get(mt, "gia_tri"),
               "mục tiêu tỷ lệ ghi theo phần trăm, từ 0 đến 100",
               "mục tiêu tỷ lệ %s%% nằm ngoài 0–100%%", mdl_num(m, t->value, 2));
    return -1;
  }
  const char *op = mdl_opt_str(m, mt, mpath, "so_sanh");
  if (op) {
    size_t i = 0;
    while (i < sizeof ops / sizeof ops[0] && strcmp(op, ops[i][0]) != 0 &&
           strcmp(op, ops[i][1]) != 0)
      i++;
    if (i == sizeof ops / sizeof ops[0]) {
      mdl_report(m, "du-lieu.ket-qua", mdl_key(m, mpath, "so_sanh"), vb_obj_get(mt, "so_sanh"),
                 "dùng \">=\", \">\", \"<=\", \"<\" hoặc \"=\"", "phép so sánh không hợp lệ: %s",
                 op);
      return -1;
    }
    t->op = ops[i][0], t->sym = ops[i][1];
  }
  /* The comparison is printed only when the data asks for it: "100%" stays
   * "100%" (the assessment still reads it as "at least"). */
  const char *num = mdl_num(m, t->value, 2);
  const char *figure = t->kind == MDL_T_RATE ? mdl_printf(m, "%s%%", num)
                       : mdl_blank(don_vi) || !strcmp(don_vi, "%")
                           ? num
                           : mdl_printf(m, "%s %s", num, don_vi);
  t->text = !mdl_blank(typed) ? mdl_trim(m, typed)
            : op              ? mdl_printf(m, "%s %s", t->sym, figure)
                              : figure;
  return 0;
}

/* ---- results ---------------------------------------------------------------------- */

static int typed_result(vb_model *m, const vb_value *v, const char *path, mdl_result *r) {
  const char *s = mdl_trim(m, v->u.str.s);
  if (!*s) return 0;
  r->text = s;
  const char *op;
  int pct;
  if (vb_vi_fraction(s, &r->tu, &r->mau) == 0) {
    r->kind = MDL_R_FRACTION;
  } else if (typed_figure(s, &op, &r->value, &pct) == 0) {
    r->kind = op ? MDL_R_BOUND : MDL_R_VALUE;
    r->percent = pct;
    r->op = op;
    return 0;
  } else if (vb_vi_looks_numeric(s)) {
    mdl_report(m, "du-lieu.ket-qua", path, v,
               "ghi kết quả dạng \"2.335/3.986\", \"58,6%\", \"4\", \"> 90%\", \"Có\" hoặc một câu",
               "không đọc được kết quả \"%s\"", s);
    return -1;
  } else {
    int yn = typed_yes_no(s);
    r->kind = yn >= 0 ? MDL_R_YESNO : MDL_R_TEXT;
    r->yes = yn == 1;
    return 0;
  }
  if (r->mau == 0) {
    mdl_report(m, "du-lieu.ket-qua", path, v,
               "sửa mẫu số, hoặc ghi kết quả bằng lời nếu chưa có số liệu",
               "mẫu số bằng 0: không tính được tỷ lệ %s", s);
    return -1;
  }
  /* A draft prints the figures as given. */
  if ((r->tu < 0 || r->mau < 0) &&
      mdl_report(m, "du-lieu.so-am", path, v, "sửa số liệu", "tử số và mẫu số không được âm"))
    return -1;
  return 0;
}

int mdl_parse_result(vb_model *m, const vb_value *ind, const char *path, mdl_result *r) {
  memset(r, 0, sizeof *r);
  r->kind = MDL_R_NONE;
  vb_value *kv = vb_obj_get(ind, "ket_qua");
  const char *kpath = mdl_key(m, path, "ket_qua");
  if (!kv || kv->kind == VB_NULL) return 0;
  if (kv->kind == VB_STR) return typed_result(m, kv, kpath, r);
  vb_value *kq = mdl_opt_obj(m, ind, path, "ket_qua");
  if (!kq) return -1;
  mdl_check_keys(m, kq, kpath, result_keys);
  int has_tu = vb_obj_get(kq, "tu") != NULL, has_mau = vb_obj_get(kq, "mau") != NULL;
  int has_val = vb_obj_get(kq, "gia_tri") != NULL, has_co = vb_obj_get(kq, "co") != NULL;
  int has_text = vb_obj_get(kq, "van_ban") != NULL;
  int forms = (has_tu || has_mau) + has_val + has_co + has_text;
  if (forms != 1) {
    mdl_report(m, "du-lieu.ket-qua", kpath, kq,
               "dùng đúng một dạng: {\"tu\", \"mau\"}, {\"gia_tri\"}, {\"co\"} hoặc {\"van_ban\"}",
               forms ? "kết quả ghi lẫn nhiều dạng" : "kết quả trống");
    return -1;
  }
  if (has_tu || has_mau) {
    r->kind = MDL_R_FRACTION;
    int a = mdl_opt_num(m, kq, kpath, "tu", &r->tu), b = mdl_opt_num(m, kq, kpath, "mau", &r->mau);
    if (a == 0 || b == 0)
      mdl_report(m, "du-lieu.thieu-truong", mdl_key(m, kpath, a == 0 ? "tu" : "mau"), kq,
                 "ghi cả tử số (tu) và mẫu số (mau)", "thiếu %s",
                 a == 0 ? "tử số (tu)" : "mẫu số (mau)");
    if (a != 1 || b != 1) return -1;
    if ((r->tu < 0 || r->mau < 0) &&
        mdl_report(m, "du-lieu.so-am", kpath, kq, "sửa số liệu", "tử số và mẫu số không được âm"))
      return -1;
    if (r->mau == 0) {
      mdl_report(m, "du-lieu.ket-qua", mdl_key(m, kpath, "mau"), vb_obj_get(kq, "mau"),
                 "sửa mẫu số, hoặc ghi kết quả dạng {\"van_ban\": \"…\"} nếu chưa có số liệu",
                 "mẫu số bằng 0: không tính được tỷ lệ %s/0", mdl_num(m, r->tu, 2));
      return -1;
    }
  } else if (has_val) {
    r->kind = MDL_R_VALUE;
    if (mdl_opt_num(m, kq, kpath, "gia_tri", &r->value) != 1) return -1;
  } else if (has_co) {
    r->kind = MDL_R_YESNO;
    vb_value *c = vb_obj_get(kq, "co");
    if (c->kind != VB_BOOL) {
      mdl_report(m, "du-lieu.kieu", mdl_key(m, kpath, "co"), c, "ghi true hoặc false",
                 "cần true hoặc false");
      return -1;
    }
    r->yes = c->u.b;
  } else {
    r->kind = MDL_R_TEXT;
    r->text = mdl_req_str(m, kq, kpath, "van_ban");
    if (!r->text) return -1;
    r->text = mdl_trim(m, r->text);
  }
  return 0;
}

/* ---- comparing -------------------------------------------------------------------- */

int mdl_cmp_num(double a, double b) {
  if (isinf(a) || isinf(b)) return a < b ? -1 : a > b;
  double tol = 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
  return a < b - tol ? -1 : a > b + tol;
}

int mdl_holds(const char *op, int c) {
  if (strcmp(op, ">=") == 0) return c >= 0;
  if (strcmp(op, ">") == 0) return c > 0;
  if (strcmp(op, "<=") == 0) return c <= 0;
  if (strcmp(op, "<") == 0) return c < 0;
  return c == 0;
}

/* A set of numbers { x : x op v } as an interval. */
typedef struct interval {
  double lo, hi;
  int lo_open, hi_open;
} interval;

static interval interval_of(const char *op, double v) {
  interval r = {-INFINITY, INFINITY, 1, 1};
  if (!strcmp(op, ">=") || !strcmp(op, ">") || !strcmp(op, "="))
    r.lo = v, r.lo_open = !strcmp(op, ">");
  if (!strcmp(op, "<=") || !strcmp(op, "<") || !strcmp(op, "="))
    r.hi = v, r.hi_open = !strcmp(op, "<");
  return r;
}

/* Does lower bound (a, a_open) start at or after (b, b_open)? */
static int starts_within(double a, int a_open, double b, int b_open) {
  int c = mdl_cmp_num(a, b);
  return c > 0 || (c == 0 && (a_open || !b_open));
}

static int ends_within(double a, int a_open, double b, int b_open) {
  int c = mdl_cmp_num(a, b);
  return c < 0 || (c == 0 && (a_open || !b_open));
}

int mdl_bound_meets(const char *result_op, double result, const char *target_op, double target) {
  interval r = interval_of(result_op, result), t = interval_of(target_op, target);
  if (starts_within(r.lo, r.lo_open, t.lo, t.lo_open) &&
      ends_within(r.hi, r.hi_open, t.hi, t.hi_open))
    return 1;
  int c1 = mdl_cmp_num(r.hi, t.lo), c2 = mdl_cmp_num(r.lo, t.hi);
  if (c1 < 0 || (c1 == 0 && (r.hi_open || t.lo_open)) || c2 > 0 ||
      (c2 == 0 && (r.lo_open || t.hi_open)))
    return 0;
  return -1;
}
