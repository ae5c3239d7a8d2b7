/* THÔNG BÁO score sheet (bang_diem): index totals, the checks on scores,
 * maxima and responsible units, and the assignment annex built from the
 * sub-criteria below their maximum (blocks and a table grouped by unit). */
#include <math.h>
#include <string.h>

#include "model/model_internal.h"
#include "vi/vi.h"

static const char *const sheet_keys[] = {"chi_so", NULL};
static const char *const index_keys[] = {"ma", "ten", "toi_da", "tong", "day_du", "tieu_chi", NULL};
static const char *const criterion_keys[] = {"ma",     "noi_dung", "diem",    "toi_da",
                                             "don_vi", "thoi_han", "ghi_chu", NULL};
static const char *const unit_keys[] = {"ma", "ten", NULL};

/* Scores are compared at the precision they are printed with (2 decimals), so that a
 * sheet never says "10/10" of a sub-criterion it lists as below its maximum. */
static int cmp_score(double a, double b) {
  double x = round(a * 100), y = round(b * 100);
  return x < y ? -1 : x > y;
}

static char *score_text(vb_model *m, double x) { return mdl_num(m, x, 2); }

typedef struct unit_list {
  const char **ma, **ten; /* NULL-terminated */
  size_t n;
} unit_list;

static void load_units(vb_model *m, unit_list *u) {
  u->n = 0;
  u->ma = u->ten = NULL;
  vb_value *list = mdl_opt_arr(m, m->root, "$", "don_vi");
  if (!list) return;
  u->ma = vb_arena_alloc(m->a, (list->u.arr.len + 1) * sizeof(char *));
  u->ten = vb_arena_alloc(m->a, (list->u.arr.len + 1) * sizeof(char *));
  for (size_t i = 0; i < list->u.arr.len; i++) {
    vb_value *v = list->u.arr.items[i];
    const char *path = mdl_idx(m, "$.don_vi", i);
    const char *ma = NULL, *ten = NULL;
    if (v->kind == VB_STR && !mdl_blank(v->u.str.s)) {
      ma = ten = mdl_trim(m, v->u.str.s);
    } else if (v->kind == VB_OBJ) {
      mdl_check_keys(m, v, path, unit_keys);
      ma = mdl_req_str(m, v, path, "ma");
      ten = mdl_opt_str(m, v, path, "ten");
      if (ma) ma = mdl_trim(m, ma);
      ten = mdl_blank(ten) ? ma : mdl_trim(m, ten);
    } else {
      mdl_report(m, "du-lieu.kieu", path, v,
                 "ghi {\"ma\": \"VHTT\", \"ten\": \"công chức VHTT\"} hoặc một chuỗi",
                 "đơn vị không hợp lệ");
    }
    if (!ma) continue;
    for (size_t k = 0; k < u->n; k++)
      if (strcmp(u->ma[k], ma) == 0)
        mdl_report(m, "du-lieu.trung-ma", path, v, "mỗi mã đơn vị chỉ dùng một lần",
                   "mã đơn vị \"%s\" bị trùng", ma);
    u->ma[u->n] = ma;
    u->ten[u->n++] = ten;
  }
}

/* The printed name of the unit written in a sub-criterion; NULL (with an error) if the
 * list of units does not know it. */
static const char *resolve_unit(vb_model *m, const unit_list *u, const char *s, const char *path,
                                const vb_value *at) {
  if (!u->ma) return s;
  for (size_t k = 0; k < u->n; k++)
    if (strcmp(u->ma[k], s) == 0 || strcmp(u->ten[k], s) == 0) return u->ten[k];
  const char *guess = mdl_did_you_mean(s, u->ma);
  mdl_report(m, "du-lieu.don-vi", path, at,
             guess
                 ? mdl_printf(m, "có phải là \"%s\"? Hoặc thêm đơn vị vào danh sách don_vi", guess)
                 : "dùng mã một đơn vị trong danh sách don_vi, hoặc thêm đơn vị đó vào danh sách",
             "đơn vị phụ trách \"%s\" không có trong danh sách don_vi", s);
  return NULL;
}

typedef struct seen_id {
  const char *ma, *path;
  const vb_value *v;
} seen_id;

static void check_duplicate(vb_model *m, seen_id *seen, size_t *n, const char *ma, const char *path,
                            const vb_value *v) {
  if (!ma) return;
  for (size_t i = 0; i < *n; i++)
    if (strcmp(seen[i].ma, ma) == 0) {
      mdl_report(m, "du-lieu.trung-ma", mdl_key(m, path, "ma"), vb_obj_get(v, "ma"),
                 "mỗi mã chỉ dùng một lần", "mã \"%s\" trùng với %s", ma,
                 mdl_where(m, seen[i].path, seen[i].v));
      return;
    }
  seen[*n].ma = ma, seen[*n].path = path, seen[*n].v = v;
  (*n)++;
}

/* A required non-negative number; -1 when missing or wrong. */
static int req_points(vb_model *m, const vb_value *obj, const char *path, const char *key,
                      double *out) {
  int got = mdl_opt_num(m, obj, path, key, out);
  if (got == 0)
    mdl_report(m, "du-lieu.thieu-truong", mdl_key(m, path, key), obj, "ghi số điểm", "thiếu %s",
               strcmp(key, "diem") == 0 ? "điểm (diem)" : "điểm tối đa (toi_da)");
  if (got != 1) return -1;
  if (*out < 0) {
    if (mdl_report(m, "du-lieu.so-am", mdl_key(m, path, key), vb_obj_get(obj, key), "sửa số điểm",
                   "điểm không được âm"))
      return -1;
  }
  return 0;
}

static int criterion(vb_model *m, mdl_criterion *c, vb_value *v, const char *path,
                     const unit_list *units) {
  c->v = v;
  c->path = path;
  mdl_check_keys(m, v, path, criterion_keys);
  c->ma = mdl_req_ma(m, v, path);
  const char *nd = mdl_req_str(m, v, path, "noi_dung");
  if (nd) {
    char *t = mdl_trim(m, nd);
    size_t n = strlen(t);
    while (n > 0 && t[n - 1] == '.')
      t[--n] = '\0';
    c->noi_dung = t;
  } else {
    c->noi_dung = "";
  }
  int bad = req_points(m, v, path, "diem", &c->diem) | req_points(m, v, path, "toi_da", &c->toi_da);
  if (!bad && cmp_score(c->diem, c->toi_da) > 0) {
    if (mdl_report(m, "du-lieu.vuot-toi-da", mdl_key(m, path, "diem"), vb_obj_get(v, "diem"),
                   "kiểm tra lại điểm hoặc điểm tối đa", "điểm %s vượt quá điểm tối đa %s",
                   score_text(m, c->diem), score_text(m, c->toi_da)))
      bad = -1;
  }
  c->diem_text = bad ? "" : score_text(m, c->diem);
  c->toi_da_text = bad ? "" : score_text(m, c->toi_da);
  int below = !bad && cmp_score(c->diem, c->toi_da) < 0;
  const char *dv = mdl_opt_str(m, v, path, "don_vi");
  c->don_vi_ten = NULL;
  if (!mdl_blank(dv))
    c->don_vi_ten = resolve_unit(m, units, mdl_trim(m, dv), mdl_key(m, path, "don_vi"),
                                 vb_obj_get(v, "don_vi"));
  else if (below)
    mdl_report(m, "du-lieu.don-vi", mdl_key(m, path, "don_vi"),
               vb_obj_get(v, "don_vi") ? vb_obj_get(v, "don_vi") : v,
               "giao một đơn vị phụ trách khắc phục (don_vi)",
               "tiêu chí %s chưa đạt điểm tối đa (%s/%s) nhưng chưa có đơn vị phụ trách",
               c->ma ? c->ma : "", c->diem_text, c->toi_da_text);
  vb_value *th = vb_obj_get(v, "thoi_han");
  c->thoi_han_text = "";
  if (th && th->kind != VB_NULL) {
    const char *t = mdl_date_short(m, th, mdl_key(m, path, "thoi_han"));
    if (t) c->thoi_han_text = t;
  }
  const char *gc = mdl_opt_str(m, v, path, "ghi_chu");
  c->ghi_chu = gc ? mdl_trim(m, gc) : "";
  mdl_set_str(m, v, "diem_text", c->diem_text);
  mdl_set_str(m, v, "toi_da_text", c->toi_da_text);
  mdl_set_bool(m, v, "dat_toi_da", !bad && !below);
  mdl_set_str(m, v, "don_vi_ten", c->don_vi_ten ? c->don_vi_ten : "");
  mdl_set_str(m, v, "thoi_han_text", c->thoi_han_text);
  return bad;
}

static void index_total(vb_model *m, mdl_index *x, int bad) {
  double sum = 0, sum_max = 0;
  for (size_t i = 0; i < x->n; i++)
    sum += x->items[i].diem, sum_max += x->items[i].toi_da;
  vb_value *v = x->v;
  int day_du = mdl_opt_bool(m, v, x->path, "day_du");
  const char *hint = "sửa điểm tối đa của chỉ số hoặc của các tiêu chí";
  if (!bad && cmp_score(sum_max, x->toi_da) > 0) {
    if (mdl_report(
            m, "du-lieu.vuot-toi-da", mdl_key(m, x->path, "toi_da"), vb_obj_get(v, "toi_da"), hint,
            "điểm tối đa của các tiêu chí cộng lại (%s) vượt quá điểm tối đa của chỉ số (%s)",
            score_text(m, sum_max), score_text(m, x->toi_da)))
      bad = -1;
  } else if (!bad && day_du && cmp_score(sum_max, x->toi_da) != 0) {
    mdl_report(
        m, "du-lieu.day-du", mdl_key(m, x->path, "toi_da"), vb_obj_get(v, "toi_da"), hint,
        "chỉ số ghi đủ tiêu chí (day_du) nhưng điểm tối đa của chúng cộng lại là %s, khác %s",
        score_text(m, sum_max), score_text(m, x->toi_da));
    bad = -1;
  }
  /* Sub-criteria not listed on the sheet scored their full marks. */
  x->tong_tinh = bad ? 0 : day_du ? sum : sum + (x->toi_da - sum_max);
  x->tong_text = bad ? "" : score_text(m, x->tong_tinh);
  double given;
  if (!bad && mdl_opt_num(m, v, x->path, "tong", &given) == 1 &&
      cmp_score(given, x->tong_tinh) != 0)
    mdl_report(m, "du-lieu.tong-diem", mdl_key(m, x->path, "tong"), vb_obj_get(v, "tong"),
               "tong chỉ để đối chiếu: văn bản in điểm tính được; sửa tong hoặc điểm các tiêu chí",
               "tổng điểm ghi %s nhưng tính được %s: các tiêu chí liệt kê đạt %s/%s điểm%s",
               score_text(m, given), x->tong_text, score_text(m, sum), score_text(m, sum_max),
               day_du || cmp_score(sum_max, x->toi_da) == 0
                   ? ""
                   : mdl_printf(m, ", các tiêu chí không liệt kê (%s điểm) được tính đủ điểm",
                                score_text(m, x->toi_da - sum_max)));
  mdl_set_num(m, v, "tong_tinh", x->tong_tinh);
  mdl_set_str(m, v, "tong_text", x->tong_text);
  mdl_set_str(m, v, "toi_da_text", x->toi_da_text);
}

void mdl_scores(vb_model *m) {
  vb_value *sheet = mdl_opt_obj(m, m->root, "$", "bang_diem");
  unit_list units;
  load_units(m, &units);
  if (!sheet) return;
  m->has_scores = 1;
  mdl_check_keys(m, sheet, "$.bang_diem", sheet_keys);
  vb_value *list = mdl_opt_arr(m, sheet, "$.bang_diem", "chi_so");
  if (!list || list->u.arr.len == 0) {
    mdl_report(m, "du-lieu.cau-truc", "$.bang_diem.chi_so", list ? list : sheet,
               "liệt kê các chỉ số và tiêu chí", "bảng điểm không có chỉ số nào");
    return;
  }
  size_t total = list->u.arr.len;
  for (size_t i = 0; i < list->u.arr.len; i++) {
    vb_value *t = vb_obj_get(list->u.arr.items[i], "tieu_chi");
    if (t && t->kind == VB_ARR) total += t->u.arr.len;
  }
  seen_id *ids = vb_arena_alloc(m->a, total * sizeof(seen_id));
  size_t nids = 0;
  m->indices = vb_arena_alloc(m->a, list->u.arr.len * sizeof(mdl_index));
  double sum = 0, sum_max = 0;
  for (size_t i = 0; i < list->u.arr.len; i++) {
    vb_value *v = list->u.arr.items[i];
    const char *path = mdl_idx(m, "$.bang_diem.chi_so", i);
    if (v->kind != VB_OBJ) {
      mdl_report(m, "du-lieu.kieu", path, v,
                 "mỗi chỉ số là một đối tượng {\"ma\", \"ten\", \"toi_da\", \"tieu_chi\"}",
                 "chỉ số không phải đối tượng");
      continue;
    }
    mdl_index *x = &m->indices[m->nindices++];
    x->v = v;
    x->path = path;
    mdl_check_keys(m, v, path, index_keys);
    x->ma = mdl_req_ma(m, v, path);
    check_duplicate(m, ids, &nids, x->ma, path, v);
    const char *ten = mdl_req_str(m, v, path, "ten");
    x->ten = ten ? mdl_trim(m, ten) : "";
    int bad = req_points(m, v, path, "toi_da", &x->toi_da);
    x->toi_da_text = bad ? "" : score_text(m, x->toi_da);
    vb_value *tc = mdl_opt_arr(m, v, path, "tieu_chi");
    const char *tpath = mdl_key(m, path, "tieu_chi");
    x->n = 0;
    x->items = vb_arena_alloc(m->a, (tc ? tc->u.arr.len : 0) * sizeof(mdl_criterion) + 1);
    for (size_t k = 0; tc && k < tc->u.arr.len; k++) {
      vb_value *cv = tc->u.arr.items[k];
      const char *cpath = mdl_idx(m, tpath, k);
      if (cv->kind != VB_OBJ) {
        mdl_report(m, "du-lieu.kieu", cpath, cv,
                   "mỗi tiêu chí là một đối tượng {\"ma\", \"noi_dung\", \"diem\", \"toi_da\"}",
                   "tiêu chí không phải đối tượng");
        bad = -1;
        continue;
      }
      mdl_criterion *c = &x->items[x->n++];
      c->index = x;
      bad |= criterion(m, c, cv, cpath, &units);
      check_duplicate(m, ids, &nids, c->ma, cpath, cv);
    }
    index_total(m, x, bad);
    sum += x->tong_tinh, sum_max += x->toi_da;
  }
  mdl_set_num(m, sheet, "tong_tinh", sum);
  mdl_set_str(m, sheet, "tong_text", score_text(m, sum));
  mdl_set_str(m, sheet, "toi_da_text", score_text(m, sum_max));
}

/* ---- the assignment annex ------------------------------------------------------- */

/* Stable insertion sort by id (lists are short). */
static void sort_by_ma(const void **items, size_t n, const char *(*ma)(const void *)) {
  for (size_t i = 1; i < n; i++) {
    const void *x = items[i];
    size_t j = i;
    while (j > 0 && mdl_cmp_ma(ma(items[j - 1]), ma(x)) > 0) {
      items[j] = items[j - 1];
      j--;
    }
    items[j] = x;
  }
}

static const char *index_ma(const void *p) {
  const mdl_index *x = p;
  return x->ma ? x->ma : "";
}

static const char *criterion_ma(const void *p) {
  const mdl_criterion *c = p;
  return c->ma ? c->ma : "";
}

static int below_max(const mdl_criterion *c) {
  return *c->diem_text && cmp_score(c->diem, c->toi_da) < 0;
}

void mdl_assign_blocks(vb_model *m, vb_value *out) {
  const void **idx = vb_arena_alloc(m->a, (m->nindices + 1) * sizeof(void *));
  for (size_t i = 0; i < m->nindices; i++)
    idx[i] = &m->indices[i];
  sort_by_ma(idx, m->nindices, index_ma);
  for (size_t i = 0; i < m->nindices; i++) {
    const mdl_index *x = idx[i];
    const void **cs = vb_arena_alloc(m->a, (x->n + 1) * sizeof(void *));
    size_t n = 0;
    for (size_t k = 0; k < x->n; k++)
      if (below_max(&x->items[k])) cs[n++] = &x->items[k];
    if (n == 0) continue;
    sort_by_ma(cs, n, criterion_ma);
    mdl_block_scope(m, "cs", index_ma(x));
    mdl_block(m, out, "so", mdl_printf(m, "%s.", index_ma(x)),
              mdl_printf(m, "%s: đạt %s/%s điểm", x->ten, x->tong_text, x->toi_da_text));
    for (size_t k = 0; k < n; k++) {
      const mdl_criterion *c = cs[k];
      mdl_block(m, out, "gach", "-",
                mdl_printf(m, "Mục %s %s đạt %s/%s điểm.", criterion_ma(c), c->noi_dung,
                           c->diem_text, c->toi_da_text));
      /* The sheet's note on it (what is missing, what to do) under it. */
      if (*c->ghi_chu) {
        int ends = strchr(".!?;:", c->ghi_chu[strlen(c->ghi_chu) - 1]) != NULL;
        mdl_block(m, out, "doan", "", mdl_printf(m, "Ghi chú: %s%s", c->ghi_chu, ends ? "" : "."));
      }
      mdl_block(
          m, out, "doan", "",
          mdl_printf(m, "=> Giao %s tham mưu khắc phục.", c->don_vi_ten ? c->don_vi_ten : "…"));
    }
  }
  if (out->u.arr.len == 0)
    mdl_block(m, out, "doan", "", "Tất cả các tiêu chí đều đạt điểm tối đa.");
}

static vb_value *row(vb_model *m, int group, const char *stt, const char *unit,
                     const mdl_criterion *c) {
  vb_value *r = vb_val_obj(m->a);
  /* Its identity for `vanban update`: the unit, and the criterion. */
  mdl_set_str(m, r, "id",
              c ? mdl_printf(m, "dv%s/%s", unit, criterion_ma(c)) : mdl_printf(m, "dv%s", unit));
  mdl_set_bool(m, r, "nhom", group);
  mdl_set_str(m, r, "stt", stt);
  mdl_set_str(m, r, "don_vi", unit);
  mdl_set_str(m, r, "ma", c ? criterion_ma(c) : "");
  mdl_set_str(m, r, "noi_dung", c ? c->noi_dung : "");
  mdl_set_str(m, r, "chi_so", c ? c->index->ten : "");
  mdl_set_str(m, r, "diem_text", c ? c->diem_text : "");
  mdl_set_str(m, r, "toi_da_text", c ? c->toi_da_text : "");
  mdl_set_str(m, r, "diem", c ? mdl_printf(m, "%s/%s", c->diem_text, c->toi_da_text) : "");
  mdl_set_str(m, r, "thoi_han", c ? c->thoi_han_text : "");
  mdl_set_str(m, r, "ghi_chu", c ? c->ghi_chu : "");
  return r;
}

vb_value *mdl_assign_table(vb_model *m) {
  size_t total = 0;
  for (size_t i = 0; i < m->nindices; i++)
    total += m->indices[i].n;
  const char **units = vb_arena_alloc(m->a, (total + 1) * sizeof(char *));
  const void **cs = vb_arena_alloc(m->a, (total + 1) * sizeof(void *));
  size_t nunits = 0;
  for (size_t i = 0; i < m->nindices; i++)
    for (size_t k = 0; k < m->indices[i].n; k++) {
      const mdl_criterion *c = &m->indices[i].items[k];
      if (!below_max(c) || !c->don_vi_ten) continue;
      size_t u = 0;
      while (u < nunits && strcmp(units[u], c->don_vi_ten) != 0)
        u++;
      if (u == nunits) units[nunits++] = c->don_vi_ten;
    }
  vi_sort(units, nunits);
  vb_value *table = vb_val_obj(m->a);
  vb_value *rows = vb_val_arr(m->a);
  vb_obj_set(m->a, table, "dong", rows);
  for (size_t u = 0; u < nunits; u++) {
    vb_buf roman = VB_BUF_INIT;
    vi_roman(&roman, (int)u + 1);
    vb_arr_push(m->a, rows, row(m, 1, mdl_take(m, &roman), units[u], NULL));
    size_t n = 0;
    for (size_t i = 0; i < m->nindices; i++)
      for (size_t k = 0; k < m->indices[i].n; k++) {
        const mdl_criterion *c = &m->indices[i].items[k];
        if (below_max(c) && c->don_vi_ten && strcmp(c->don_vi_ten, units[u]) == 0) cs[n++] = c;
      }
    sort_by_ma(cs, n, criterion_ma);
    for (size_t k = 0; k < n; k++)
      vb_arr_push(m->a, rows, row(m, 0, mdl_printf(m, "%zu", k + 1), units[u], cs[k]));
  }
  return table;
}
