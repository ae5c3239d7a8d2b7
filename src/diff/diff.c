/* Comparing two computed documents (the model's views of OLD and NEW data):
 * every changed figure and what follows from it — the assessment it flips,
 * the group summary it moves, the index total it changes. Works on views,
 * not on the JSON, so a change is reported the way the document prints it. */
#include "diff/diff.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data/value.h"
#include "util/buf.h"
#include "vi/vi.h"

typedef struct differ {
  vb_arena *a;
  vb_value *changes; /* array of change objects */
} differ;

static const char *str_of(const vb_value *obj, const char *key) {
  const vb_value *v = vb_obj_get(obj, key);
  return v && v->kind == VB_STR ? v->u.str.s : NULL;
}

static int num_of(const vb_value *obj, const char *key, double *out) {
  const vb_value *v = vb_obj_get(obj, key);
  if (!v || v->kind != VB_NUM) return 0;
  *out = v->u.num;
  return 1;
}

static int same_str(const char *a, const char *b) {
  return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static const vb_value *arr_of(const vb_value *obj, const char *key) {
  const vb_value *v = vb_obj_get(obj, key);
  return v && v->kind == VB_ARR ? v : NULL;
}

/* "2.335/3.986 (58,6%)": the result as printed, with the rate at one fixed
 * decimal so that 63% and 63,0% do not look like different precision. */
static void figure(const vb_value *ind, vb_buf *out) {
  const char *kq = str_of(ind, "ket_qua_text");
  double rate;
  if (kq && *kq) vb_buf_puts(out, kq);
  if (num_of(ind, "ty_le", &rate)) {
    vb_buf_puts(out, kq && *kq ? " (" : "");
    vi_format_percent_fixed(out, rate, 1);
    vb_buf_puts(out, kq && *kq ? ")" : "");
  }
  if (out->len == 0) vb_buf_puts(out, "—");
}

/* A change: its kind, code, the Vietnamese line, and for the comparison
 * table what changed (muc) and what follows from it (he_qua, or NULL). */
static vb_value *change(differ *df, const char *kind, const char *ma, vb_buf *line, const char *muc,
                        const char *he_qua) {
  vb_value *c = vb_val_obj(df->a);
  vb_obj_set(df->a, c, "loai", vb_val_strz(df->a, kind));
  if (ma) vb_obj_set(df->a, c, "ma", vb_val_strz(df->a, ma));
  vb_obj_set(df->a, c, "dong", vb_val_str(df->a, vb_buf_cstr(line), line->len));
  vb_obj_set(df->a, c, "muc", vb_val_strz(df->a, muc));
  vb_obj_set(df->a, c, "he_qua",
             he_qua && *he_qua ? vb_val_strz(df->a, he_qua) : vb_val_null(df->a));
  vb_arr_push(df->a, df->changes, c);
  return c;
}

static void set_pair(differ *df, vb_value *c, const char *key, const char *before,
                     const char *after) {
  vb_value *p = vb_val_obj(df->a);
  vb_obj_set(df->a, p, "truoc", before ? vb_val_strz(df->a, before) : vb_val_null(df->a));
  vb_obj_set(df->a, p, "sau", after ? vb_val_strz(df->a, after) : vb_val_null(df->a));
  vb_obj_set(df->a, c, key, p);
}

/* --- indicators and groups ------------------------------------------------ */

typedef struct found {
  const vb_value *ind, *group;
} found;

static const vb_value *find_group(const vb_value *view, const char *ma);

/* The indicator with id ma: within the group with id group_ma when the view
 * has that group (ids need to be unique only within a group: a report may
 * number 1, 2, 3 under each), else in any group. */
static found find_indicator_in(const vb_value *view, const char *group_ma, const char *ma) {
  found f = {0};
  const vb_value *only = group_ma ? find_group(view, group_ma) : NULL;
  const vb_value *groups = arr_of(view, "nhom_chi_tieu");
  for (size_t g = 0; groups && g < groups->u.arr.len; g++) {
    if (only && groups->u.arr.items[g] != only) continue;
    const vb_value *inds = arr_of(groups->u.arr.items[g], "chi_tieu");
    for (size_t i = 0; inds && i < inds->u.arr.len; i++) {
      if (same_str(str_of(inds->u.arr.items[i], "ma"), ma)) {
        f.ind = inds->u.arr.items[i];
        f.group = groups->u.arr.items[g];
        return f;
      }
    }
  }
  return f;
}

static const vb_value *find_group(const vb_value *view, const char *ma) {
  const vb_value *groups = arr_of(view, "nhom_chi_tieu");
  for (size_t g = 0; groups && g < groups->u.arr.len; g++)
    if (same_str(str_of(groups->u.arr.items[g], "ma"), ma)) return groups->u.arr.items[g];
  return NULL;
}

static void group_count(const vb_value *g, vb_buf *out) {
  double dat = 0, n = 0;
  num_of(g, "so_dat", &dat);
  num_of(g, "so_chi_tieu", &n);
  vb_buf_printf(out, "%.0f/%.0f", dat, n);
}

/* "nhóm Xã hội số: 5/12 → 6/12 đạt" when the group's summary moved. */
static int group_moved(const vb_value *go, const vb_value *gn, vb_buf *out) {
  vb_buf a = VB_BUF_INIT, b = VB_BUF_INIT;
  if (go)
    group_count(go, &a);
  else
    vb_buf_puts(&a, "0/0");
  if (gn)
    group_count(gn, &b);
  else
    vb_buf_puts(&b, "0/0");
  int moved = strcmp(vb_buf_cstr(&a), vb_buf_cstr(&b)) != 0;
  if (moved) {
    const char *ten = str_of(gn ? gn : go, "ten");
    vb_buf_printf(out, "nhóm %s: %s → %s đạt", ten ? ten : "?", vb_buf_cstr(&a), vb_buf_cstr(&b));
  }
  vb_buf_free(&a);
  vb_buf_free(&b);
  return moved;
}

/* One indicator's change, kept until its group is complete so that the
 * group's knock-on is told on the line that caused it. */
typedef struct pending {
  vb_buf line, he_qua;
  const char *kind, *ma, *muc, *yeu_cau;
  const char *before, *after, *dg_before, *dg_after;
  int cause; /* the assessment flipped, or the indicator came or went */
} pending;

static void flush_group(differ *df, pending *p, size_t n, const vb_value *go, const vb_value *gn) {
  vb_buf knock = VB_BUF_INIT;
  int moved = group_moved(go, gn, &knock);
  size_t at = n;
  for (size_t i = 0; i < n && moved && at == n; i++)
    if (p[i].cause) at = i;
  for (size_t i = 0; i < n; i++) {
    if (i == at) {
      vb_buf_printf(&p[i].line, "; %s", vb_buf_cstr(&knock));
      vb_buf_printf(&p[i].he_qua, "%s%s", p[i].he_qua.len ? "; " : "", vb_buf_cstr(&knock));
    }
    vb_value *c = change(df, p[i].kind, p[i].ma, &p[i].line, p[i].muc, vb_buf_cstr(&p[i].he_qua));
    if (p[i].yeu_cau) vb_obj_set(df->a, c, "yeu_cau", vb_val_strz(df->a, p[i].yeu_cau));
    set_pair(df, c, "ket_qua", p[i].before, p[i].after);
    set_pair(df, c, "danh_gia", p[i].dg_before, p[i].dg_after);
    vb_buf_free(&p[i].line);
    vb_buf_free(&p[i].he_qua);
  }
  if (moved && at == n) {
    const vb_value *g = gn ? gn : go;
    vb_buf line = VB_BUF_INIT, muc = VB_BUF_INIT, a = VB_BUF_INIT, b = VB_BUF_INIT;
    vb_buf_printf(&line, "N%s", vb_buf_cstr(&knock) + 1); /* "nhóm" → "Nhóm" */
    vb_buf_printf(&muc, "Nhóm %s", str_of(g, "ten") ? str_of(g, "ten") : "?");
    if (go) group_count(go, &a);
    if (gn) group_count(gn, &b);
    vb_value *c = change(df, "nhom", str_of(g, "ma"), &line, vb_buf_cstr(&muc), NULL);
    set_pair(df, c, "so_dat", go ? vb_buf_cstr(&a) : NULL, gn ? vb_buf_cstr(&b) : NULL);
    vb_buf_free(&line);
    vb_buf_free(&muc);
    vb_buf_free(&a);
    vb_buf_free(&b);
  }
  vb_buf_free(&knock);
}

static const char *muc_of(differ *df, const char *what, const char *ma) {
  vb_buf b = VB_BUF_INIT;
  vb_buf_printf(&b, "%s %s", what, ma ? ma : "?");
  const char *r = vb_arena_strndup(df->a, vb_buf_cstr(&b), b.len);
  vb_buf_free(&b);
  return r;
}

static const char *figure_str(differ *df, const vb_value *ind) {
  vb_buf b = VB_BUF_INIT;
  figure(ind, &b);
  const char *r = vb_arena_strndup(df->a, vb_buf_cstr(&b), b.len);
  vb_buf_free(&b);
  return r;
}

static void diff_group(differ *df, const vb_value *old, const vb_value *nw, const vb_value *go,
                       const vb_value *gn) {
  const vb_value *inds_new = arr_of(gn, "chi_tieu"), *inds_old = arr_of(go, "chi_tieu");
  size_t cap = (inds_new ? inds_new->u.arr.len : 0) + (inds_old ? inds_old->u.arr.len : 0) + 1;
  pending *p = vb_xcalloc(cap, sizeof(pending));
  size_t n = 0;
  for (size_t i = 0; inds_new && i < inds_new->u.arr.len; i++) {
    const vb_value *in = inds_new->u.arr.items[i];
    const char *ma = str_of(in, "ma");
    const vb_value *io = find_indicator_in(old, str_of(go ? go : gn, "ma"), ma).ind;
    const char *fb = figure_str(df, in), *dg_new = str_of(in, "danh_gia");
    pending *e = &p[n];
    if (!io) {
      vb_buf_printf(&e->line, "Thêm tiêu chí %s: %s; đánh giá: %s", ma ? ma : "?", fb,
                    dg_new ? dg_new : "—");
      vb_buf_printf(&e->he_qua, "đánh giá: %s", dg_new ? dg_new : "—");
      *e = (pending){e->line,
                     e->he_qua,
                     "them_chi_tieu",
                     ma,
                     muc_of(df, "Thêm tiêu chí", ma),
                     str_of(in, "yeu_cau"),
                     NULL,
                     fb,
                     NULL,
                     dg_new,
                     1};
      n++;
      continue;
    }
    const char *fa = figure_str(df, io), *dg_old = str_of(io, "danh_gia");
    int fig = strcmp(fa, fb) != 0, dg = !same_str(dg_old, dg_new);
    if (!fig && !dg) continue;
    vb_buf_printf(&e->line, "Tiêu chí %s: ", ma ? ma : "?");
    if (fig)
      vb_buf_printf(&e->line, "%s → %s", fa, fb);
    else
      vb_buf_puts(&e->line, fb);
    if (dg) {
      vb_buf_printf(&e->line, "; đánh giá: %s → %s", dg_old ? dg_old : "—", dg_new ? dg_new : "—");
      vb_buf_printf(&e->he_qua, "đánh giá: %s → %s", dg_old ? dg_old : "—", dg_new ? dg_new : "—");
    }
    *e = (pending){
        e->line, e->he_qua, "chi_tieu", ma, muc_of(df, "Tiêu chí", ma), str_of(in, "yeu_cau"), fa,
        fb,      dg_old,    dg_new,     dg};
    n++;
  }
  for (size_t i = 0; inds_old && i < inds_old->u.arr.len; i++) {
    const vb_value *io = inds_old->u.arr.items[i];
    const char *ma = str_of(io, "ma");
    if (find_indicator_in(nw, str_of(gn ? gn : go, "ma"), ma).ind) continue;
    pending *e = &p[n];
    vb_buf_printf(&e->line, "Bỏ tiêu chí %s", ma ? ma : "?");
    *e = (pending){e->line,
                   e->he_qua,
                   "bo_chi_tieu",
                   ma,
                   muc_of(df, "Bỏ tiêu chí", ma),
                   str_of(io, "yeu_cau"),
                   figure_str(df, io),
                   NULL,
                   str_of(io, "danh_gia"),
                   NULL,
                   1};
    n++;
  }
  flush_group(df, p, n, go, gn);
  free(p);
}

static void diff_indicators(differ *df, const vb_value *old, const vb_value *nw) {
  const vb_value *groups = arr_of(nw, "nhom_chi_tieu");
  for (size_t g = 0; groups && g < groups->u.arr.len; g++) {
    const vb_value *gn = groups->u.arr.items[g];
    diff_group(df, old, nw, find_group(old, str_of(gn, "ma")), gn);
  }
  /* Groups that exist only in the old document. */
  const vb_value *ogroups = arr_of(old, "nhom_chi_tieu");
  for (size_t g = 0; ogroups && g < ogroups->u.arr.len; g++) {
    const vb_value *go = ogroups->u.arr.items[g];
    if (!find_group(nw, str_of(go, "ma"))) diff_group(df, old, nw, go, NULL);
  }
}

/* --- THÔNG BÁO score sheet -------------------------------------------------- */

static const vb_value *find_index(const vb_value *view, const char *ma) {
  const vb_value *sheet = vb_obj_get(view, "bang_diem");
  const vb_value *idx = arr_of(sheet, "chi_so");
  for (size_t i = 0; idx && i < idx->u.arr.len; i++)
    if (same_str(str_of(idx->u.arr.items[i], "ma"), ma)) return idx->u.arr.items[i];
  return NULL;
}

static const vb_value *find_sub(const vb_value *index, const char *ma) {
  const vb_value *subs = arr_of(index, "tieu_chi");
  for (size_t i = 0; subs && i < subs->u.arr.len; i++)
    if (same_str(str_of(subs->u.arr.items[i], "ma"), ma)) return subs->u.arr.items[i];
  return NULL;
}

static void score_text(const vb_value *sub, vb_buf *out) {
  const char *d = str_of(sub, "diem_text"), *m = str_of(sub, "toi_da_text");
  vb_buf_printf(out, "%s/%s", d ? d : "?", m ? m : "?");
}

static void diff_scores(differ *df, const vb_value *old, const vb_value *nw) {
  const vb_value *idx = arr_of(vb_obj_get(nw, "bang_diem"), "chi_so");
  for (size_t i = 0; idx && i < idx->u.arr.len; i++) {
    const vb_value *in = idx->u.arr.items[i];
    const vb_value *io = find_index(old, str_of(in, "ma"));
    const vb_value *subs = arr_of(in, "tieu_chi");
    vb_buf total = VB_BUF_INIT;
    const char *to = io ? str_of(io, "tong_text") : NULL, *tn = str_of(in, "tong_text");
    const char *mx = str_of(in, "toi_da_text");
    if (!same_str(to, tn))
      vb_buf_printf(&total, "%s: %s/%s → %s/%s điểm", str_of(in, "ten") ? str_of(in, "ten") : "?",
                    to ? to : "—", mx ? mx : "?", tn ? tn : "—", mx ? mx : "?");
    int told = 0;
    for (size_t k = 0; subs && k < subs->u.arr.len; k++) {
      const vb_value *sn = subs->u.arr.items[k];
      const vb_value *so = io ? find_sub(io, str_of(sn, "ma")) : NULL;
      vb_buf a = VB_BUF_INIT, b = VB_BUF_INIT, line = VB_BUF_INIT;
      score_text(sn, &b);
      if (so) score_text(so, &a);
      if (!so || strcmp(vb_buf_cstr(&a), vb_buf_cstr(&b)) != 0) {
        vb_buf_printf(&line, "Mục %s: %s → %s điểm", str_of(sn, "ma") ? str_of(sn, "ma") : "?",
                      so ? vb_buf_cstr(&a) : "—", vb_buf_cstr(&b));
        const char *he_qua = NULL;
        if (total.len && !told) {
          vb_buf_printf(&line, "; %s", vb_buf_cstr(&total));
          he_qua = vb_buf_cstr(&total);
          told = 1;
        }
        vb_value *c = change(df, "diem", str_of(sn, "ma"), &line,
                             muc_of(df, "Mục", str_of(sn, "ma")), he_qua);
        set_pair(df, c, "diem", so ? vb_buf_cstr(&a) : NULL, vb_buf_cstr(&b));
      }
      vb_buf_free(&a);
      vb_buf_free(&b);
      vb_buf_free(&line);
    }
    if (total.len && !told) {
      vb_buf line = VB_BUF_INIT, a = VB_BUF_INIT, b = VB_BUF_INIT;
      vb_buf_puts(&line, vb_buf_cstr(&total));
      vb_buf_printf(&a, "%s/%s", to ? to : "—", mx ? mx : "?");
      vb_buf_printf(&b, "%s/%s", tn ? tn : "—", mx ? mx : "?");
      vb_value *c = change(df, "chi_so", str_of(in, "ma"), &line,
                           str_of(in, "ten") ? str_of(in, "ten") : "?", NULL);
      set_pair(df, c, "tong", vb_buf_cstr(&a), vb_buf_cstr(&b));
      vb_buf_free(&line);
      vb_buf_free(&a);
      vb_buf_free(&b);
    }
    vb_buf_free(&total);
  }
}

/* --- document metadata and text ------------------------------------------- */

/* Every string under v (paragraphs, titles, bullets), depth first. */
static void collect_text(vb_arena *a, const vb_value *v, vb_value *out) {
  if (!v) return;
  if (v->kind == VB_STR) vb_arr_push(a, out, (vb_value *)v);
  if (v->kind == VB_ARR)
    for (size_t i = 0; i < v->u.arr.len; i++)
      collect_text(a, v->u.arr.items[i], out);
  if (v->kind == VB_OBJ)
    for (size_t i = 0; i < v->u.obj.len; i++)
      if (strcmp(v->u.obj.items[i].key, "chi_tieu") != 0)
        collect_text(a, v->u.obj.items[i].val, out);
}

/* How many strings of `b` have no equal partner in `a` (each partner used
 * once); *first gets the first such string. */
static void count_missing(const vb_value *a, const vb_value *b, size_t *n, const char **first) {
  unsigned char *used = vb_xcalloc(a->u.arr.len + 1, 1);
  for (size_t i = 0; i < b->u.arr.len; i++) {
    const char *s = b->u.arr.items[i]->u.str.s;
    size_t k = 0;
    while (k < a->u.arr.len && (used[k] || strcmp(a->u.arr.items[k]->u.str.s, s) != 0))
      k++;
    if (k < a->u.arr.len) {
      used[k] = 1;
    } else {
      ++*n;
      if (first && !*first) *first = s;
    }
  }
  free(used);
}

static void diff_meta(differ *df, const vb_value *old, const vb_value *nw) {
  static const struct {
    const char *key, *label;
  } fields[] = {{"so_ky_hieu", "Số, ký hiệu"},
                {"dia_danh_ngay", "Địa danh, ngày"},
                {"trich_yeu", "Trích yếu"},
                {"co_quan_ban_hanh", "Cơ quan ban hành"},
                {"co_quan_chu_quan", "Cơ quan chủ quản"},
                {"ky_ho_ten", "Người ký"},
                {"kinh_gui_mot", "Kính gửi"}};
  const vb_value *vo = vb_obj_get(old, "van_ban"), *vn = vb_obj_get(nw, "van_ban");
  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
    const char *a = str_of(vo, fields[i].key), *b = str_of(vn, fields[i].key);
    if (same_str(a, b)) continue;
    vb_buf line = VB_BUF_INIT;
    vb_buf_printf(&line, "%s: %s → %s", fields[i].label, a ? a : "—", b ? b : "—");
    vb_value *c = change(df, "van_ban", fields[i].key, &line, fields[i].label, NULL);
    set_pair(df, c, "gia_tri", a, b);
    vb_buf_free(&line);
  }
  /* The narrative a person wrote (not the indicator blocks, whose figures
   * are reported above): paragraphs added and removed, as a multiset so an
   * inserted paragraph does not make every later one look changed. */
  vb_value *to = vb_val_arr(df->a), *tn = vb_val_arr(df->a);
  static const char *const parts[] = {"mo_dau", "noi_dung", "ket_luan", "ket_thuc", NULL};
  for (int k = 0; parts[k]; k++) {
    collect_text(df->a, vb_obj_get(old, parts[k]), to);
    collect_text(df->a, vb_obj_get(nw, parts[k]), tn);
  }
  size_t added = 0, removed = 0;
  const char *first = NULL;
  count_missing(to, tn, &added, &first);
  count_missing(tn, to, &removed, first ? NULL : &first);
  if (added || removed) {
    vb_buf line = VB_BUF_INIT;
    vb_buf_printf(&line, "Nội dung: %zu đoạn mới hoặc sửa, %zu đoạn bỏ hoặc sửa", added, removed);
    if (first) {
      size_t len = strlen(first);
      size_t cut = len < 60 ? len : 60; /* quote ~60 bytes, not cutting a character */
      while (cut < len && ((unsigned char)first[cut] & 0xC0) == 0x80)
        cut++;
      vb_buf_printf(&line, ", đầu tiên: \"%.*s%s\"", (int)cut, first, cut < len ? "…" : "");
    }
    change(df, "noi_dung", NULL, &line, "Nội dung", vb_buf_cstr(&line) + strlen("Nội dung: "));
    vb_buf_free(&line);
  }
}

vb_value *vb_diff_views(vb_arena *a, const vb_value *old_view, const vb_value *new_view) {
  differ df = {a, vb_val_arr(a)};
  diff_meta(&df, old_view, new_view);
  diff_indicators(&df, old_view, new_view);
  diff_scores(&df, old_view, new_view);
  return df.changes;
}

void vb_diff_text(const vb_value *changes, vb_buf *out) {
  for (size_t i = 0; changes && i < changes->u.arr.len; i++) {
    const char *line = str_of(changes->u.arr.items[i], "dong");
    if (line) vb_buf_printf(out, "%s\n", line);
  }
}
