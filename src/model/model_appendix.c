/* Appendices (phu_luc): their numbers, titles and reference lines
 * (nd30-layout.md 4), the citations of them in the text (@phu_luc:id), and
 * their content by kind — a list of documents, an indicator table, a free
 * table, free text, or the THÔNG BÁO assignment annex. The tables are built
 * in model_appendix_tables.c. */
#include <string.h>

#include "model/model_internal.h"
#include "vi/vi.h"

static const char *const appendix_keys[] = {
    "so",           "id",      "tieu_de",  "kieu",        "nhom",
    "dong",         "dau",     "cot",      "cac_cot",     "tieu_de_cot",
    "danh_so_nhom", "danh_so", "noi_dung", "don_vi_tinh", "nhom_chi_tieu",
    "hien_nhom",    "huong",   "trang",    NULL};

#define CITE "@phu_luc:"

static int id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

/* danh_so_phu_luc, written as the first number looks: "I", "1" or "01". */
static const char *numbering_style(vb_model *m) {
  vb_value *v = vb_obj_get(m->root, "danh_so_phu_luc");
  if (!v || v->kind == VB_NULL) return NULL;
  const char *s = v->kind == VB_STR ? mdl_trim(m, v->u.str.s) : NULL;
  if (s && (!strcmp(s, "I") || !strcmp(s, "1") || !strcmp(s, "01"))) return s;
  mdl_report(m, "du-lieu.phu-luc", "$.danh_so_phu_luc", v,
             "ghi số của phụ lục đầu tiên theo kiểu muốn dùng: \"I\" (I, II, III), \"1\" (1, 2, "
             "3) hoặc \"01\" (01, 02, 03)",
             "kiểu đánh số phụ lục không hợp lệ");
  return NULL;
}

static const char *number_in_style(vb_model *m, const char *style, int n) {
  if (!strcmp(style, "1")) return mdl_printf(m, "%d", n);
  if (!strcmp(style, "01")) return mdl_printf(m, "%02d", n);
  vb_buf b = VB_BUF_INIT;
  vi_roman(&b, n);
  return mdl_take(m, &b);
}

void mdl_appendix_numbers(vb_model *m) {
  vb_value *list = vb_obj_get(m->root, "phu_luc");
  if (!list || list->kind != VB_ARR) return;
  size_t n = list->u.arr.len;
  const char *style = numbering_style(m);
  m->appendices = vb_arena_alloc(m->a, (n + 1) * sizeof(mdl_appendix));
  m->nappendices = n;
  for (size_t i = 0; i < n; i++) {
    vb_value *pl = list->u.arr.items[i];
    mdl_appendix *ap = &m->appendices[i];
    *ap = (mdl_appendix){.path = mdl_idx(m, "$.phu_luc", i), .v = pl, .so = ""};
    if (pl->kind != VB_OBJ) continue;
    /* The number: as given (checked for duplicates), else by position; a
     * single appendix has none unless a style asks for one (ND30 Phụ lục I,
     * III.1: appendices are numbered when there are several). */
    vb_value *sv = vb_obj_get(pl, "so");
    const char *spath = mdl_key(m, ap->path, "so");
    if (sv && sv->kind == VB_STR && !mdl_blank(sv->u.str.s))
      ap->so = mdl_trim(m, sv->u.str.s), ap->explicit_so = 1;
    else if (sv && sv->kind == VB_NUM)
      ap->so = mdl_printf(m, "%.15g", sv->u.num), ap->explicit_so = 1;
    else if (sv && sv->kind != VB_NULL)
      mdl_report(m, "du-lieu.phu-luc", spath, sv,
                 "ghi số phụ lục (\"I\", \"II\" hoặc 1, 2) hoặc bỏ trống",
                 "số phụ lục không hợp lệ");
    if (!ap->explicit_so && (n > 1 || style))
      ap->so = number_in_style(m, style ? style : "I", (int)i + 1);
    for (size_t k = 0; k < i && ap->explicit_so; k++)
      if (m->appendices[k].explicit_so && !strcmp(m->appendices[k].so, ap->so))
        mdl_report(m, "du-lieu.trung-ma", spath, sv,
                   "đánh số phụ lục khác nhau, hoặc bỏ \"so\" để tự đánh số",
                   "số phụ lục \"%s\" trùng với %s", ap->so,
                   mdl_where(m, mdl_key(m, m->appendices[k].path, "so"),
                             vb_obj_get(m->appendices[k].v, "so")));
    ap->cite = *ap->so ? mdl_printf(m, "Phụ lục %s", ap->so) : "Phụ lục";
    /* The id that text cites it by. */
    vb_value *iv = vb_obj_get(pl, "id");
    if (!iv || iv->kind == VB_NULL) continue;
    const char *ipath = mdl_key(m, ap->path, "id");
    const char *id = iv->kind == VB_STR ? mdl_trim(m, iv->u.str.s) : NULL;
    int ok = id && *id;
    for (const char *p = id; ok && *p; p++)
      ok = id_char(*p);
    if (!ok) {
      mdl_report(m, "du-lieu.phu-luc", ipath, iv,
                 "ghi mã bằng chữ không dấu, chữ số, \"-\" hoặc \"_\" (ví dụ \"van-ban\"), để "
                 "dẫn chiếu bằng @phu_luc:van-ban",
                 "mã phụ lục không hợp lệ");
      continue;
    }
    for (size_t k = 0; k < i; k++)
      if (m->appendices[k].id && !strcmp(m->appendices[k].id, id))
        mdl_report(m, "du-lieu.trung-ma", ipath, iv, "mỗi phụ lục một mã riêng",
                   "mã phụ lục \"%s\" trùng với %s", id,
                   mdl_where(m, mdl_key(m, m->appendices[k].path, "id"),
                             vb_obj_get(m->appendices[k].v, "id")));
    ap->id = id;
  }
}

const char *mdl_cite(vb_model *m, const char *s, const char *path, const vb_value *at) {
  if (!s || !strchr(s, '@') || !strstr(s, CITE)) return s;
  vb_buf out = VB_BUF_INIT;
  const char *p = s, *hit;
  while ((hit = strstr(p, CITE)) != NULL) {
    /* "@@phu_luc:" is the words themselves. */
    if (hit > p && hit[-1] == '@') {
      vb_buf_put(&out, p, (size_t)(hit - p) - 1);
      vb_buf_puts(&out, CITE);
      p = hit + strlen(CITE);
      continue;
    }
    vb_buf_put(&out, p, (size_t)(hit - p));
    const char *id = hit + strlen(CITE);
    size_t n = 0;
    while (id_char(id[n]))
      n++;
    /* A trailing "-" belongs to the sentence ("… @phu_luc:a-b - …"). */
    while (n && id[n - 1] == '-')
      n--;
    m->citations_used = 1;
    size_t k = 0;
    while (k < m->nappendices && !(m->appendices[k].id && strlen(m->appendices[k].id) == n &&
                                   !strncmp(m->appendices[k].id, id, n)))
      k++;
    if (k == m->nappendices) {
      const char **ids = vb_arena_alloc(m->a, (m->nappendices + 1) * sizeof(char *));
      size_t ni = 0;
      vb_buf list = VB_BUF_INIT;
      for (size_t j = 0; j < m->nappendices; j++)
        if (m->appendices[j].id) {
          ids[ni++] = m->appendices[j].id;
          vb_buf_printf(&list, "%s%s", list.len ? ", " : "", m->appendices[j].id);
        }
      ids[ni] = NULL;
      const char *name = vb_arena_strndup(m->a, id, n);
      const char *guess = n ? mdl_did_you_mean(name, ids) : NULL;
      const char *known = ni ? mdl_take(m, &list) : NULL;
      vb_buf_free(&list);
      mdl_report(m, "du-lieu.dan-chieu", path, at,
                 guess   ? mdl_printf(m, "có phải là \"@phu_luc:%s\"?", guess)
                 : known ? mdl_printf(m, "các phụ lục có mã: %s", known)
                         : "đặt \"id\" cho phụ lục được dẫn chiếu, ví dụ \"id\": \"van-ban\"; viết "
                           "@@phu_luc: nếu muốn in nguyên chữ",
                 n ? "dẫn chiếu đến phụ lục không có: @phu_luc:%s"
                   : "thiếu mã phụ lục sau @phu_luc:%s",
                 name);
      vb_buf_puts(&out, hit);
      vb_buf_free(&out);
      return s;
    }
    m->appendices[k].cited = 1;
    vb_buf_puts(&out, m->appendices[k].cite);
    p = id + n;
  }
  vb_buf_puts(&out, p);
  return mdl_take(m, &out);
}

/* "(Kèm theo Báo cáo số 10/BC-UBND ngày 20 tháng 6 năm 2024 của UBND xã Hà Tân)"; in drafts
 * the number and the day are blanks of NO-BREAK SPACES. */
static const char *reference(vb_model *m) { return mdl_printf(m, "(Kèm theo %s)", m->tham_chieu); }

/* The kind an appendix declares, or the one its members imply. */
static const char *kind_of(vb_model *m, vb_value *pl, const char *path) {
  const char *kieu = mdl_opt_str(m, pl, path, "kieu");
  if (kieu) return mdl_trim(m, kieu);
  if (vb_obj_get(pl, "nhom") || (vb_obj_get(pl, "dong") && !vb_obj_get(pl, "dau")))
    return "van_ban";
  if (vb_obj_get(pl, "dau") || vb_obj_get(pl, "dong")) return "bang";
  if (vb_obj_get(pl, "noi_dung")) return "noi_dung";
  mdl_report(m, "du-lieu.thieu-truong", mdl_key(m, path, "kieu"), pl,
             "ghi \"kieu\": \"van_ban\" (danh mục văn bản), \"chi_tieu\" (bảng chỉ tiêu), \"bang\" "
             "(bảng tự do), \"noi_dung\" (văn bản) hoặc \"giao_viec\" (THÔNG BÁO)",
             "thiếu kiểu phụ lục (kieu)");
  return NULL;
}

/* The widest table (columns) an appendix prints on portrait pages when its
 * data does not say how they stand (nd30-layout.md 4: "landscape section
 * when there are more than about 7 columns"). */
#define MDL_PORTRAIT_MAX_COLS 7

/* How the data says the pages stand: huong, or trang (the name the
 * request for the feature used, "trang": "ngang"), whose key *key gets. */
static vb_value *orientation_given(vb_value *pl, const char **key) {
  vb_value *v = vb_obj_get(pl, "huong");
  *key = "huong";
  if (!v || v->kind == VB_NULL) {
    vb_value *t = vb_obj_get(pl, "trang");
    if (t && t->kind != VB_NULL) v = t, *key = "trang";
  }
  return v && v->kind != VB_NULL ? v : NULL;
}

static int mdl_orientation_given(vb_value *pl) {
  const char *key;
  return orientation_given(pl, &key) != NULL;
}

/* huong (or trang): how its pages stand, "doc" (portrait, the default) or
 * "ngang" (landscape: a table too wide for a portrait page;
 * nd30-layout.md 4). */
static const char *orientation(vb_model *m, vb_value *pl, const char *path) {
  const char *key;
  vb_value *v = orientation_given(pl, &key);
  vb_value *h = vb_obj_get(pl, "huong"), *t = vb_obj_get(pl, "trang");
  if (h && t && h->kind != VB_NULL && t->kind != VB_NULL)
    mdl_report(m, "du-lieu.phu-luc", mdl_key(m, path, "trang"), t,
               "bỏ \"trang\": nó là tên khác của \"huong\"",
               "phụ lục ghi hướng trang hai lần (huong và trang)");
  if (!v) return "doc";
  const char *s = v->kind == VB_STR ? mdl_trim(m, v->u.str.s) : NULL;
  if (s && !strcmp(s, "ngang")) return "ngang";
  if (s && (!strcmp(s, "doc") || !strcmp(s, "dọc"))) return "doc";
  mdl_report(m, "du-lieu.phu-luc", mdl_key(m, path, key), v,
             "ghi \"ngang\" cho phụ lục in trên trang nằm ngang (bảng nhiều cột), hoặc bỏ trống "
             "(trang dọc)",
             "hướng trang của phụ lục không hợp lệ");
  return "doc";
}

void mdl_appendices(vb_model *m) {
  vb_value *list = mdl_opt_arr(m, m->root, "$", "phu_luc");
  if (!list) {
    /* Templates loop over phu_luc: a document without appendices has an
     * empty list, not a missing field. */
    if (!vb_obj_get(m->root, "phu_luc")) vb_obj_set(m->a, m->root, "phu_luc", vb_val_arr(m->a));
    return;
  }
  const char *word = m->thong_bao ? "PHỤ LỤC" : "Phụ lục";
  for (size_t i = 0; i < list->u.arr.len; i++) {
    vb_value *pl = list->u.arr.items[i];
    const mdl_appendix *ap = &m->appendices[i];
    const char *path = ap->path;
    if (pl->kind != VB_OBJ) {
      mdl_report(m, "du-lieu.kieu", path, pl, "mỗi phụ lục là {\"tieu_de\", \"kieu\", …}",
                 "phụ lục không phải đối tượng");
      continue;
    }
    mdl_check_keys(m, pl, path, appendix_keys);
    mdl_set_str(m, pl, "so", ap->so);
    mdl_set_str(m, pl, "so_hieu", *ap->so ? mdl_printf(m, "%s %s", word, ap->so) : word);
    mdl_set_str(m, pl, "trich_dan", ap->cite);
    const char *td = mdl_req_str(m, pl, path, "tieu_de");
    mdl_set_str(m, pl, "tieu_de", td ? mdl_upper(m, mdl_trim(m, td)) : "");
    mdl_set_str(m, pl, "kem_theo", reference(m));
    int huong_given = mdl_orientation_given(pl);
    mdl_set_str(m, pl, "huong", orientation(m, pl, path));

    const char *kieu = kind_of(m, pl, path);
    vb_value *khoi = vb_val_arr(m->a);
    vb_value *bang = NULL, *bang_van_ban = NULL, *bang_chi_tieu = NULL, *bang_giao_viec = NULL;
    /* Text before the table, or the whole of a free-text appendix. */
    vb_value *text = vb_obj_get(pl, "noi_dung");
    const char *outer = m->block_scope;
    mdl_block_scope(m, "pl", mdl_printf(m, "%zu", i + 1));
    if (text && text->kind != VB_NULL && kieu && strcmp(kieu, "giao_viec") != 0)
      mdl_content_blocks(m, khoi, text, mdl_key(m, path, "noi_dung"));
    m->block_scope = outer;
    if (!kieu) {
      /* reported by kind_of */
    } else if (strcmp(kieu, "van_ban") == 0) {
      bang = mdl_doc_table(m, pl, path, &bang_van_ban);
    } else if (strcmp(kieu, "chi_tieu") == 0) {
      bang = mdl_indicator_table(m, pl, path);
      bang_chi_tieu = mdl_legacy_indicator_table(m);
    } else if (strcmp(kieu, "bang") == 0) {
      bang = mdl_free_table(m, pl, path);
    } else if (strcmp(kieu, "noi_dung") == 0) {
      if (!text || text->kind == VB_NULL)
        mdl_report(m, "du-lieu.phu-luc", mdl_key(m, path, "noi_dung"), pl,
                   "ghi nội dung phụ lục như nội dung báo cáo: \"noi_dung\": [\"…\", {\"tieu_de\": "
                   "…, \"noi_dung\": [ … ]}]",
                   "phụ lục văn bản không có nội dung (noi_dung)");
      /* Its content ends as the decree wants every appendix's to (nd30-layout.md 4). */
      mdl_end_mark(m, khoi);
    } else if (strcmp(kieu, "giao_viec") == 0) {
      if (!m->has_scores)
        mdl_report(m, "du-lieu.phu-luc", mdl_key(m, path, "kieu"), vb_obj_get(pl, "kieu"),
                   "thêm bang_diem, hoặc đổi kiểu phụ lục",
                   "phụ lục giao việc nhưng không có bang_diem");
      mdl_assign_blocks(m, khoi);
      bang_giao_viec = mdl_assign_table(m);
      bang = mdl_assign_generic(m, bang_giao_viec, pl, path);
      /* "./." ends the appendix's text (nd30-layout.md 4), never the text
       * in front of its table: a table that follows ends the appendix, as
       * the other tables do, without the mark. */
      const vb_value *rows = bang ? vb_obj_get(bang, "dong") : NULL;
      if (!rows || rows->kind != VB_ARR || rows->u.arr.len == 0) mdl_end_mark(m, khoi);
    } else {
      static const char *const kinds[] = {"van_ban",  "chi_tieu",  "bang",
                                          "noi_dung", "giao_viec", NULL};
      const char *guess = mdl_did_you_mean(kieu, kinds);
      mdl_report(m, "du-lieu.phu-luc", mdl_key(m, path, "kieu"), vb_obj_get(pl, "kieu"),
                 guess
                     ? mdl_printf(m, "có phải là \"%s\"?", guess)
                     : "dùng \"van_ban\", \"chi_tieu\", \"bang\", \"noi_dung\" hoặc \"giao_viec\"",
                 "kiểu phụ lục không hợp lệ: %s", kieu);
    }
    if (kieu) mdl_set_str(m, pl, "kieu", kieu);
    vb_obj_set(m->a, pl, "khoi", khoi);
    vb_obj_set(m->a, pl, "bang", bang ? bang : vb_val_null(m->a));
    vb_obj_set(m->a, pl, "bang_van_ban", bang_van_ban ? bang_van_ban : vb_val_null(m->a));
    vb_obj_set(m->a, pl, "bang_chi_tieu", bang_chi_tieu ? bang_chi_tieu : vb_val_null(m->a));
    vb_obj_set(m->a, pl, "bang_giao_viec", bang_giao_viec ? bang_giao_viec : vb_val_null(m->a));
    /* A table of more columns than a portrait page holds readably turns
     * its appendix's pages unless the data says how they stand. */
    const vb_value *cols = bang ? vb_obj_get(bang, "so_cot") : NULL;
    if (!huong_given && cols && cols->kind == VB_NUM && cols->u.num > MDL_PORTRAIT_MAX_COLS)
      mdl_set_str(m, pl, "huong", "ngang");
  }
  /* ND30 (Phụ lục I, III.1): the text refers to every appendix. Where the
   * writer cites appendices by id, one with an id that nothing cites is
   * likely forgotten. */
  for (size_t i = 0; m->citations_used && i < m->nappendices; i++) {
    const mdl_appendix *ap = &m->appendices[i];
    if (ap->id && !ap->cited)
      mdl_report(m, "du-lieu.chua-dan-chieu", mdl_key(m, ap->path, "id"), vb_obj_get(ap->v, "id"),
                 mdl_printf(m, "nhắc đến phụ lục trong nội dung bằng @phu_luc:%s", ap->id),
                 "không đoạn nào dẫn chiếu đến %s (mã \"%s\")", ap->cite, ap->id);
  }
}
