/* The body as a flat list of blocks {kieu, so, text}: mo_dau, the section
 * tree (noi_dung for BÁO CÁO, ket_luan for THÔNG BÁO) with its numbers, the
 * inserted indicator groups and ket_thuc (nd30-layout.md 3.8). */
#include <string.h>

#include "data/emphasis.h"
#include "model/model_internal.h"
#include "vi/vi.h"

/* BÁO CÁO: I. → 1. → 1.1. → a); THÔNG BÁO conclusions: 1. → 1.1. → a). */
static const mdl_level ladder_bao_cao[] = {MDL_LA_MA, MDL_SO, MDL_SO_CON, MDL_CHU};
static const mdl_level ladder_thong_bao[] = {MDL_SO, MDL_SO_CON, MDL_CHU};

static const char *const section_keys[] = {"tieu_de", "noi_dung", NULL};
static const char *const item_kinds[] = {"tieu_de", "chi_tieu", "gach", "cong",
                                         "nghieng", "bieu_do",  NULL};

const char *mdl_level_kieu(mdl_level lv) {
  static const char *const kieu[] = {"la_ma", "so", "so_con", "chu"};
  return kieu[lv];
}

const char *mdl_number(vb_model *m, mdl_level lv, const char *parent_so, int n) {
  vb_buf b = VB_BUF_INIT;
  switch (lv) {
  case MDL_LA_MA:
    vi_roman(&b, n);
    vb_buf_putc(&b, '.');
    break;
  case MDL_SO: vb_buf_printf(&b, "%d.", n); break;
  case MDL_SO_CON: vb_buf_printf(&b, "%s%d.", parent_so ? parent_so : "", n); break;
  case MDL_CHU:
    vi_letter(&b, n);
    vb_buf_putc(&b, ')');
    break;
  }
  return mdl_take(m, &b);
}

typedef struct walker {
  vb_model *m;
  vb_value *out;
  const mdl_level *ladder;
  size_t levels;
} walker;

static void items(walker *w, const vb_value *list, const char *path, size_t depth,
                  const char *parent_so, int body);

/* A THÔNG BÁO's conclusion is often one paragraph that runs on after its
 * number ("2. Giải pháp thực hiện: Giao …"): only its lead-in is bold — the
 * words up to the first colon, or what the writer marked bold — not the
 * whole paragraph as a heading would be. A sentence without a colon keeps
 * only its number bold. NULL for a heading ("Về hạ tầng số"). */
static const char *run_in(vb_model *m, const char *title) {
  size_t n = title ? strlen(title) : 0;
  if (!n) return NULL;
  if (vb_emphasis_may_have(title, n)) return title; /* the writer's own lead */
  const char *colon = strchr(title, ':');
  if (colon && colon > title && colon[1] == ' ' && colon[2])
    return mdl_printf(m, "**%.*s**%s", (int)(colon + 1 - title), title, colon + 1);
  if (strchr(".!?;", title[n - 1])) return title;
  return NULL;
}

static void section(walker *w, vb_value *s, const char *path, size_t depth, const char *parent_so,
                    int *n) {
  vb_model *m = w->m;
  mdl_check_keys(m, s, path, section_keys);
  if (depth >= w->levels) {
    mdl_report(m, "du-lieu.cau-truc", path, s,
               "gộp bớt cấp mục hoặc dùng {\"gach\": …} cho các ý nhỏ",
               "mục lồng quá sâu: văn bản này chỉ có %zu cấp đánh số", w->levels);
    return;
  }
  const char *title = mdl_req_str(m, s, path, "tieu_de");
  mdl_check_emphasis(m, mdl_key(m, path, "tieu_de"), vb_obj_get(s, "tieu_de"));
  const char *so = mdl_number(m, w->ladder[depth], parent_so, ++*n);
  vb_value *tv = vb_obj_get(s, "tieu_de");
  if (title) title = mdl_cite(m, mdl_trim(m, title), mdl_key(m, path, "tieu_de"), tv);
  mdl_level lv = w->ladder[depth];
  const char *lead = m->thong_bao && (lv == MDL_SO || lv == MDL_SO_CON) ? run_in(m, title) : NULL;
  mdl_block_text(m, w->out, lead ? "muc_dan" : mdl_level_kieu(lv), so,
                 lead    ? lead
                 : title ? title
                         : "",
                 tv);
  vb_value *sub = vb_obj_get(s, "noi_dung");
  if (sub) items(w, sub, mdl_key(m, path, "noi_dung"), depth + 1, so, 1);
}

static void insert_groups(walker *w, vb_value *it, const char *path, size_t depth,
                          const char *parent_so, int *n) {
  vb_model *m = w->m;
  vb_value *ref = vb_obj_get(it, "chi_tieu");
  const char *rpath = mdl_key(m, path, "chi_tieu");
  mdl_check_keys(m, it, path, (const char *const[]){"chi_tieu", NULL});
  const char *ma = ref->kind == VB_STR   ? mdl_trim(m, ref->u.str.s)
                   : ref->kind == VB_NUM ? mdl_printf(m, "%.15g", ref->u.num)
                                         : NULL;
  if (!ma) {
    mdl_report(m, "du-lieu.kieu", rpath, ref, "ghi mã nhóm (\"2\") hoặc \"*\" cho mọi nhóm",
               "cần mã nhóm chỉ tiêu, gặp %s", vb_vkind_name(ref->kind));
    return;
  }
  if (depth + 3 > w->levels) { /* the indicators need a numbered level above a) */
    mdl_report(m, "du-lieu.cau-truc", path, it, "chèn nhóm chỉ tiêu ở cấp mục cao hơn",
               "không đủ cấp đánh số để chèn nhóm chỉ tiêu ở đây (nhóm, chỉ tiêu và a), b), c))");
    return;
  }
  const mdl_group *g = NULL;
  size_t from = 0, to = m->ngroups;
  if (strcmp(ma, "*") != 0) {
    g = mdl_find_group(m, ma);
    if (!g) {
      mdl_report(m, "du-lieu.cau-truc", rpath, ref,
                 "dùng mã của một nhóm trong nhom_chi_tieu, hoặc \"*\"",
                 "không có nhóm chỉ tiêu mã \"%s\"", ma);
      return;
    }
    from = (size_t)(g - m->groups), to = from + 1;
  } else if (m->ngroups == 0) {
    mdl_report(m, "du-lieu.bo-qua", rpath, ref, "thêm nhom_chi_tieu hoặc bỏ mục này",
               "không có nhóm chỉ tiêu nào để chèn");
  }
  for (size_t i = from; i < to; i++) {
    const char *so = mdl_number(m, w->ladder[depth], parent_so, ++*n);
    mdl_group_blocks(m, w->out, &m->groups[i], w->ladder[depth], w->ladder[depth + 1], so);
  }
}

/* {"bieu_do": "*"}: a chart of each group's share of met indicators;
 * {"bieu_do": "2"}: group 2's indicators' rates against their rate targets.
 * A block {kieu: "bieu_do", text: its title, du_lieu: the groups or the
 * group's indicators}, which the shipped templates draw with the bieu_do
 * filter. */
static void chart_block(walker *w, vb_value *it, const char *path) {
  vb_model *m = w->m;
  mdl_check_keys(m, it, path, (const char *const[]){"bieu_do", "tieu_de", NULL});
  vb_value *ref = vb_obj_get(it, "bieu_do");
  const char *rpath = mdl_key(m, path, "bieu_do");
  const char *ma = ref->kind == VB_STR   ? mdl_trim(m, ref->u.str.s)
                   : ref->kind == VB_NUM ? mdl_printf(m, "%.15g", ref->u.num)
                                         : NULL;
  if (!ma) {
    mdl_report(m, "du-lieu.kieu", rpath, ref,
               "ghi \"*\" (tỷ lệ đạt của mọi nhóm) hoặc mã một nhóm (\"2\")",
               "cần mã nhóm chỉ tiêu, gặp %s", vb_vkind_name(ref->kind));
    return;
  }
  if (m->ngroups == 0) {
    mdl_report(m, "du-lieu.bo-qua", rpath, ref, "thêm nhom_chi_tieu hoặc bỏ mục này",
               "không có nhóm chỉ tiêu nào để vẽ biểu đồ");
    return;
  }
  const char *title = mdl_opt_str(m, it, path, "tieu_de");
  vb_value *data;
  if (!strcmp(ma, "*")) {
    data = vb_obj_get(m->root, "nhom_chi_tieu");
    if (!title) title = "Tỷ lệ chỉ tiêu đạt theo nhóm";
  } else {
    const mdl_group *g = mdl_find_group(m, ma);
    if (!g) {
      mdl_report(m, "du-lieu.cau-truc", rpath, ref,
                 "dùng mã của một nhóm trong nhom_chi_tieu, hoặc \"*\"",
                 "không có nhóm chỉ tiêu mã \"%s\"", ma);
      return;
    }
    data = vb_obj_get(g->v, "chi_tieu");
    if (!title) title = mdl_printf(m, "Kết quả các chỉ tiêu %s", g->ten ? g->ten : ma);
  }
  if (!data) return;
  vb_value *b = mdl_block_text(m, w->out, "bieu_do", "", mdl_plain(m, mdl_trim(m, title)), ref);
  vb_obj_set(m->a, b, "du_lieu", data);
}

static void items(walker *w, const vb_value *list, const char *path, size_t depth,
                  const char *parent_so, int body) {
  vb_model *m = w->m;
  if (list->kind == VB_NULL) return;
  if (list->kind == VB_STR) {
    mdl_check_emphasis(m, path, list);
    if (!mdl_blank(list->u.str.s))
      mdl_block_text(m, w->out, "doan", "", mdl_cite(m, mdl_trim(m, list->u.str.s), path, list),
                     list);
    return;
  }
  if (list->kind != VB_ARR) {
    mdl_report(m, "du-lieu.kieu", path, list, "viết một danh sách các đoạn và mục [ … ]",
               "cần một danh sách, gặp %s", vb_vkind_name(list->kind));
    return;
  }
  int n = 0; /* numbered children so far */
  for (size_t i = 0; i < list->u.arr.len; i++) {
    vb_value *it = list->u.arr.items[i];
    const char *ipath = mdl_idx(m, path, i);
    if (it->kind == VB_STR) {
      mdl_check_emphasis(m, ipath, it);
      if (!mdl_blank(it->u.str.s))
        mdl_block_text(m, w->out, "doan", "", mdl_cite(m, mdl_trim(m, it->u.str.s), ipath, it), it);
      continue;
    }
    if (it->kind != VB_OBJ) {
      mdl_report(m, "du-lieu.cau-truc", ipath, it,
                 "mỗi mục là một chuỗi (đoạn văn) hoặc một đối tượng", "mục không hợp lệ: %s",
                 vb_vkind_name(it->kind));
      continue;
    }
    if (vb_obj_get(it, "bieu_do")) {
      chart_block(w, it, ipath);
      continue;
    }
    int numbered = vb_obj_get(it, "tieu_de") || vb_obj_get(it, "chi_tieu");
    if (numbered && !body) {
      mdl_report(m, "du-lieu.cau-truc", ipath, it,
                 "đặt mục có số trong noi_dung (BÁO CÁO) hoặc ket_luan (THÔNG BÁO)",
                 "mục đánh số không dùng được ở đây");
      continue;
    }
    if (vb_obj_get(it, "tieu_de")) {
      section(w, it, ipath, depth, parent_so, &n);
    } else if (vb_obj_get(it, "chi_tieu")) {
      insert_groups(w, it, ipath, depth, parent_so, &n);
    } else {
      static const char *const kinds[][3] = {
          {"gach", "gach", "-"}, {"cong", "cong", "+"}, {"nghieng", "nghieng", ""}};
      size_t k = 0;
      while (k < 3 && !vb_obj_get(it, kinds[k][0]))
        k++;
      if (k == 3 || it->u.obj.len != 1) {
        const char *first = it->u.obj.len ? it->u.obj.items[0].key : "";
        const char *guess = mdl_did_you_mean(first, item_kinds);
        mdl_report(m, "du-lieu.cau-truc", ipath, it,
                   guess ? mdl_printf(m, "có phải là \"%s\"?", guess)
                         : "dùng một chuỗi, {\"tieu_de\", \"noi_dung\"}, {\"gach\"}, {\"cong\"}, "
                           "{\"nghieng\"}, {\"chi_tieu\"} hoặc {\"bieu_do\"}",
                   "mục không hợp lệ%s%s", *first ? ": " : "", first);
        continue;
      }
      vb_value *t = vb_obj_get(it, kinds[k][0]);
      if (t->kind != VB_STR) {
        mdl_report(m, "du-lieu.kieu", mdl_key(m, ipath, kinds[k][0]), t,
                   "ghi nội dung là một chuỗi", "cần một chuỗi, gặp %s", vb_vkind_name(t->kind));
        continue;
      }
      mdl_check_emphasis(m, mdl_key(m, ipath, kinds[k][0]), t);
      const char *text = mdl_cite(m, mdl_trim(m, t->u.str.s), mdl_key(m, ipath, kinds[k][0]), t);
      mdl_block_text(m, w->out, kinds[k][1], kinds[k][2], text, t);
    }
  }
}

void mdl_content_blocks(vb_model *m, vb_value *out, const vb_value *list, const char *path) {
  walker w = {m, out, m->thong_bao ? ladder_thong_bao : ladder_bao_cao, m->thong_bao ? 3 : 4};
  items(&w, list, path, 0, NULL, 1);
}

void mdl_sections(vb_model *m) {
  walker w = {m, vb_val_arr(m->a), m->thong_bao ? ladder_thong_bao : ladder_bao_cao,
              m->thong_bao ? 3 : 4};
  vb_obj_set(m->a, m->root, "khoi", w.out);
  vb_value *mo_dau = vb_obj_get(m->root, "mo_dau");
  mdl_block_scope(m, "md", NULL);
  if (mo_dau) items(&w, mo_dau, "$.mo_dau", 0, NULL, 0);
  mdl_block_scope(m, "s", NULL);

  const char *key = m->thong_bao ? "ket_luan" : "noi_dung";
  const char *other = m->thong_bao ? "noi_dung" : "ket_luan";
  if (vb_obj_get(m->root, other))
    mdl_report(m, "du-lieu.bo-qua", mdl_printf(m, "$.%s", other), vb_obj_get(m->root, other),
               m->thong_bao ? "THÔNG BÁO ghi các điểm kết luận trong ket_luan"
                            : "BÁO CÁO ghi nội dung trong noi_dung",
               "%s không dùng cho %s; phần này bị bỏ qua", other,
               m->thong_bao ? "THÔNG BÁO" : "BÁO CÁO");
  vb_value *body = vb_obj_get(m->root, key);
  const char *bpath = mdl_printf(m, "$.%s", key);
  if (!body || (body->kind == VB_ARR && body->u.arr.len == 0))
    mdl_report(m, "du-lieu.cau-truc", bpath, body ? body : m->root,
               m->thong_bao ? "ghi các điểm kết luận trong ket_luan"
                            : "ghi nội dung báo cáo trong noi_dung",
               "thiếu phần nội dung chính (%s)", key);
  else
    items(&w, body, bpath, 0, NULL, 1);

  vb_value *ket_thuc = vb_obj_get(m->root, "ket_thuc");
  size_t before = w.out->u.arr.len;
  mdl_block_scope(m, "kt", NULL);
  if (ket_thuc) items(&w, ket_thuc, "$.ket_thuc", 0, NULL, 0);
  if (w.out->u.arr.len > before)
    mdl_set_str(m, w.out->u.arr.items[w.out->u.arr.len - 1], "kieu", "ket");
  mdl_end_mark(m, w.out);
}
