/* van_ban: the header, the addressees, Nơi nhận and the signature block
 * (ND 30/2020 Phụ lục I, II.1-II.9; nd30-layout.md 3.3, 3.4, 3.9-3.11). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/model_internal.h"
#include "vi/vi.h"

static const char *const van_ban_keys[] = {"co_quan_chu_quan",
                                           "co_quan_ban_hanh",
                                           "ten_co_quan",
                                           "so",
                                           "ky_hieu",
                                           "dia_danh",
                                           "ngay",
                                           "du_thao",
                                           "ten_loai",
                                           "trich_yeu",
                                           "kinh_gui",
                                           "noi_nhan",
                                           "luu",
                                           "ky",
                                           "anh_dau",
                                           NULL};
static const char *const ky_keys[] = {"dong", "ho_ten", "anh_chu_ky", NULL};

/* A list item without the "- " the writer may have typed and the ";" or "." at the end. */
static const char *list_item(vb_model *m, const char *s) {
  char *t = mdl_trim(m, s);
  if (t[0] == '-' || t[0] == '+') t = mdl_trim(m, t + 1);
  size_t n = strlen(t);
  while (n > 0 && strchr(";.,", t[n - 1]))
    n--;
  t[n] = '\0';
  return mdl_trim(m, t);
}

/* The strings of a list member (a lone string counts as a list of one). Each
 * element must be a non-blank string; returns the count, items in *out. */
static size_t string_list(vb_model *m, const vb_value *obj, const char *path, const char *key,
                          const char ***out, const vb_value **at) {
  vb_value *v = vb_obj_get(obj, key);
  *out = NULL;
  *at = v;
  if (!v || v->kind == VB_NULL) return 0;
  const char *lpath = mdl_key(m, path, key);
  if (v->kind == VB_STR) {
    if (mdl_blank(v->u.str.s)) return 0;
    *out = vb_arena_alloc(m->a, sizeof(char *));
    (*out)[0] = list_item(m, v->u.str.s);
    return 1;
  }
  if (v->kind != VB_ARR) {
    mdl_report(m, "du-lieu.kieu", lpath, v, "viết một danh sách chuỗi [\"…\", \"…\"]",
               "cần một danh sách, gặp %s", vb_vkind_name(v->kind));
    return 0;
  }
  size_t n = 0;
  *out = vb_arena_alloc(m->a, (v->u.arr.len + 1) * sizeof(char *));
  for (size_t i = 0; i < v->u.arr.len; i++) {
    vb_value *it = v->u.arr.items[i];
    if (it->kind != VB_STR || mdl_blank(it->u.str.s)) {
      mdl_report(m, "du-lieu.kieu", mdl_idx(m, lpath, i), it, "mỗi dòng là một chuỗi có nội dung",
                 it->kind == VB_STR ? "dòng trống trong danh sách %s"
                                    : "dòng của %s không phải chuỗi",
                 key);
      continue;
    }
    (*out)[n++] = list_item(m, it->u.str.s);
  }
  return n;
}

static int starts_with_nhu_tren(vb_model *m, const char *s) {
  vb_buf b = VB_BUF_INIT;
  vi_lower(&b, s);
  int yes = strncmp(vb_buf_cstr(&b), "như trên", strlen("như trên")) == 0;
  vb_buf_free(&b);
  return yes;
}

static void number_and_date(vb_model *m, vb_value *vb, const char *path, const char *ky_hieu,
                            int du_thao) {
  int issued = !du_thao || (m->flags & VB_MODEL_ISSUED);
  /* Số: the number, 01-09 with a leading zero. */
  const char *so = NULL;
  vb_value *sv = vb_obj_get(vb, "so");
  if (sv && sv->kind != VB_NULL) {
    if (sv->kind != VB_NUM || sv->u.num != floor(sv->u.num) || sv->u.num < 1 || sv->u.num > 1e7)
      mdl_report(m, "du-lieu.so", mdl_key(m, path, "so"), sv,
                 "ghi số văn bản là số nguyên dương, hoặc null khi chưa có số",
                 "số văn bản không hợp lệ");
    else
      so = mdl_printf(m, "%02.0f", sv->u.num);
  }
  if ((m->flags & VB_MODEL_ISSUED) && !so)
    mdl_report(m, "du-lieu.ban-hanh", mdl_key(m, path, "so"), sv ? sv : vb,
               "điền van_ban.so trước khi ban hành", "văn bản ban hành nhưng chưa có số");
  if (!issued) so = NULL;
  if (ky_hieu) {
    if (strpbrk(ky_hieu, " \t"))
      mdl_report(m, "du-lieu.ky-hieu", mdl_key(m, path, "ky_hieu"), vb_obj_get(vb, "ky_hieu"),
                 "viết ký hiệu liền, các nhóm nối bằng \"-\" (BC-UBND)",
                 "ký hiệu \"%s\" có khoảng trắng", ky_hieu);
    m->so_ngan = so ? mdl_printf(m, "%s/%s", so, ky_hieu) : mdl_printf(m, MDL_BLANK "/%s", ky_hieu);
    mdl_set_str(m, vb, "so_ky_hieu",
                so ? mdl_printf(m, "Số: %s", m->so_ngan) : mdl_printf(m, "Số:%s", m->so_ngan));
  }
  /* Địa danh, ngày … tháng … năm … */
  vb_value *nv = vb_obj_get(vb, "ngay");
  const char *ngay = mdl_req_str(m, vb, path, "ngay");
  const char *dia_danh = mdl_req_str(m, vb, path, "dia_danh");
  int y, mo, d;
  if (!ngay) return;
  if (vi_parse_date(ngay, &y, &mo, &d) != 0) {
    mdl_report(m, "du-lieu.ngay", mdl_key(m, path, "ngay"), nv,
               "viết ngày dạng 2024-06-20 (hoặc 2024-06 khi chưa biết ngày)",
               "ngày không hợp lệ: %s", ngay);
    return;
  }
  if ((m->flags & VB_MODEL_ISSUED) && d == 0)
    mdl_report(m, "du-lieu.ban-hanh", mdl_key(m, path, "ngay"), nv, "ghi đủ ngày ban hành",
               "văn bản ban hành nhưng chưa có ngày");
  m->ngay_y = y, m->ngay_m = mo, m->ngay_d = d;
  vb_buf b = VB_BUF_INIT;
  vi_format_date_long(&b, y, mo, issued ? d : 0);
  m->ngay_dai = mdl_take(m, &b);
  if (dia_danh)
    mdl_set_str(m, vb, "dia_danh_ngay",
                mdl_printf(m, "%s, %s", mdl_trim(m, dia_danh), m->ngay_dai));
}

static void addressees(vb_model *m, vb_value *vb, const char *path) {
  const char **kg;
  const vb_value *kg_at;
  size_t nkg = string_list(m, vb, path, "kinh_gui", &kg, &kg_at);
  vb_value *dong = vb_val_arr(m->a);
  if (m->thong_bao && nkg) {
    mdl_report(m, "du-lieu.kinh-gui", mdl_key(m, path, "kinh_gui"), kg_at,
               "xóa kinh_gui; ghi nơi nhận trong noi_nhan", "THÔNG BÁO không có phần \"Kính gửi\"");
    nkg = 0;
  }
  m->has_kinh_gui = nkg > 0;
  mdl_set_str(m, vb, "kinh_gui_mot", nkg == 1 ? kg[0] : "");
  for (size_t i = 0; nkg > 1 && i < nkg; i++) {
    const char *line = mdl_printf(m, "- %s%s", kg[i], i + 1 < nkg ? ";" : ".");
    vb_arr_push(m->a, dong, vb_val_strz(m->a, line));
  }
  vb_obj_set(m->a, vb, "kinh_gui_dong", dong);

  /* Nơi nhận: "- X;" lines, then "- Lưu: VT, …." */
  const char **nn;
  const vb_value *nn_at;
  size_t nnn = string_list(m, vb, path, "noi_nhan", &nn, &nn_at);
  if (nnn == 0 && (!nn_at || nn_at->kind == VB_NULL || nn_at->kind == VB_STR ||
                   (nn_at->kind == VB_ARR && nn_at->u.arr.len == 0)))
    mdl_report(m, "du-lieu.thieu-truong", mdl_key(m, path, "noi_nhan"), nn_at ? nn_at : vb,
               "liệt kê nơi nhận, mỗi nơi một dòng (không cần \"- \" và \";\")",
               "thiếu nơi nhận (noi_nhan)");
  const char *luu = mdl_req_str(m, vb, path, "luu");
  vb_value *nn_dong = vb_val_arr(m->a);
  for (size_t i = 0; i < nnn; i++)
    vb_arr_push(m->a, nn_dong, vb_val_strz(m->a, mdl_printf(m, "- %s;", nn[i])));
  if (luu) {
    const char *l = list_item(m, luu);
    if (strncmp(l, "Lưu:", strlen("Lưu:")) == 0) l = mdl_trim(m, l + strlen("Lưu:"));
    vb_arr_push(m->a, nn_dong, vb_val_strz(m->a, mdl_printf(m, "- Lưu: %s.", l)));
  }
  vb_obj_set(m->a, vb, "noi_nhan_dong", nn_dong);
  if (nnn && m->has_kinh_gui && !starts_with_nhu_tren(m, nn[0]))
    mdl_report(m, "du-lieu.nhu-tren", mdl_idx(m, mdl_key(m, path, "noi_nhan"), 0),
               nn_at->kind == VB_ARR ? nn_at->u.arr.items[0] : nn_at,
               "thêm \"Như trên\" làm dòng đầu của noi_nhan",
               "văn bản có \"Kính gửi\" nên dòng đầu của Nơi nhận phải là \"- Như trên;\"");
  if (nnn && !m->has_kinh_gui && starts_with_nhu_tren(m, nn[0]))
    mdl_report(m, "du-lieu.nhu-tren", mdl_idx(m, mdl_key(m, path, "noi_nhan"), 0),
               nn_at->kind == VB_ARR ? nn_at->u.arr.items[0] : nn_at,
               "ghi rõ nơi nhận, hoặc thêm kinh_gui",
               "\"Như trên\" chỉ dùng khi văn bản có \"Kính gửi\"");
}

/* Authority prefix at the start of an upper-cased signature line: its length
 * including the dot ("KT." -> 3), or 0. */
static size_t prefix_len(const char *s) {
  static const char *const prefixes[] = {"TUQ.", "TM.", "KT.", "TL.", "Q.", NULL};
  for (size_t i = 0; prefixes[i]; i++)
    if (strncmp(s, prefixes[i], strlen(prefixes[i])) == 0) return strlen(prefixes[i]);
  return 0;
}

/* Check the stack of authority prefixes (nd30-layout.md 3.11): TM.→KT.,
 * TL.→KT. or a single prefix, above the signer's own title. */
static void check_stack(vb_model *m, const char *dpath, const vb_value *dv, char **lines,
                        size_t n) {
  const char *pre[8];
  size_t np = 0, title_seen = 0;
  for (size_t i = 0; i < n; i++) {
    size_t k = prefix_len(lines[i]);
    const char *at = mdl_idx(m, dpath, i);
    const vb_value *av = dv->u.arr.items[i];
    if (!k) {
      title_seen = 1;
      continue;
    }
    if (title_seen) {
      mdl_report(m, "du-lieu.chu-ky", at, av,
                 "đặt các dòng TM./KT./TL./TUQ. lên trên chức vụ của người ký",
                 "dòng quyền hạn \"%s\" đứng sau chức vụ", lines[i]);
      return;
    }
    if (np > 0 && strcmp(pre[np - 1], "TUQ.") == 0) {
      mdl_report(m, "du-lieu.chu-ky", at, av,
                 "người được ủy quyền ký trực tiếp, không ủy quyền tiếp",
                 "thẩm quyền ký \"TUQ.\" không được giao tiếp cho người khác (%s)", lines[i]);
      return;
    }
    pre[np++] = vb_arena_strndup(m->a, lines[i], k);
    if (np == 2 && !((strcmp(pre[0], "TM.") == 0 || strcmp(pre[0], "TL.") == 0) &&
                     strcmp(pre[1], "KT.") == 0)) {
      mdl_report(m, "du-lieu.chu-ky", at, av,
                 "các cách ghép hợp lệ: TM. rồi KT., TL. rồi KT., hoặc một tiền tố",
                 "không ghép được \"%s\" sau \"%s\"", pre[1], pre[0]);
      return;
    }
    if (np > 2) {
      mdl_report(m, "du-lieu.chu-ky", at, av,
                 "các cách ghép hợp lệ: TM. rồi KT., TL. rồi KT., hoặc một tiền tố",
                 "quá nhiều dòng quyền hạn ký");
      return;
    }
  }
  if (np && !title_seen && strcmp(pre[np - 1], "Q.") != 0)
    mdl_report(m, "du-lieu.chu-ky", mdl_idx(m, dpath, n - 1), dv->u.arr.items[n - 1],
               "thêm dòng chức vụ của người ký (ví dụ \"Phó Chủ tịch\")",
               "thiếu chức vụ của người ký sau dòng \"%s\"", lines[n - 1]);
}

/* The signature's height and the seal's diameter the shipped templates
 * draw when the data gives none (docs/pictures.md): a handwritten signature
 * fits the four blank lines (about 23 mm) between the title and the name;
 * the seal of a commune-level People's Committee is 35 mm across (larger
 * units' 36-42 mm are given in the data). */
#define SIGNATURE_HEIGHT_MM 18.0
#define SEAL_DIAMETER_MM 35.0

/* A length in millimetres: a number, or "38mm", "3,8cm"; -1 when it is
 * neither. */
static double length_mm(const vb_value *v) {
  if (v->kind == VB_NUM) return v->u.num;
  if (v->kind != VB_STR || v->u.str.len == 0 || v->u.str.len > 30) return -1;
  char tmp[32];
  memcpy(tmp, v->u.str.s, v->u.str.len);
  tmp[v->u.str.len] = '\0';
  for (char *p = tmp; *p; p++)
    if (*p == ',') *p = '.';
  char *end;
  double x = strtod(tmp, &end);
  if (end == tmp) return -1;
  while (*end == ' ')
    end++;
  if (!strcmp(end, "cm")) return x * 10;
  return !strcmp(end, "mm") || !*end ? x : -1;
}

/* A picture of the signature block (key of obj): a path or data: URI, or
 * {"tep": …, size_key: …}. The view gets at view_key the string as the data
 * wrote it (its place kept, for the picture's messages) or "", and at
 * view_key + "_" + size_key its size in mm (dflt when not given). */
static void block_picture(vb_model *m, vb_value *vb, const vb_value *obj, const char *path,
                          const char *key, const char *view_key, const char *size_key, double dflt,
                          double lo, double hi) {
  const vb_value *v = obj ? vb_obj_get(obj, key) : NULL;
  const char *at = mdl_key(m, path, key);
  const vb_value *file = v, *size = NULL;
  if (v && v->kind == VB_OBJ) {
    const char *const keys[3] = {"tep", size_key, NULL};
    mdl_check_keys(m, v, at, keys);
    file = vb_obj_get(v, "tep");
    size = vb_obj_get(v, size_key);
    if (!file)
      mdl_report(m, "du-lieu.thieu-truong", mdl_key(m, at, "tep"), v,
                 "ghi tên tệp ảnh PNG: {\"tep\": \"anh.png\"}", "thiếu tên tệp ảnh (tep)");
  }
  if (file && file->kind != VB_STR && file->kind != VB_NULL) {
    mdl_report(m, "du-lieu.kieu", v == file ? at : mdl_key(m, at, "tep"), file,
               "ghi tên tệp ảnh PNG (đường dẫn tính từ thư mục của tệp dữ liệu) hoặc một data: URI",
               "ảnh phải là một chuỗi");
    file = NULL;
  }
  double mm = dflt;
  if (size && size->kind != VB_NULL) {
    mm = length_mm(size);
    if (!(mm >= lo && mm <= hi)) {
      mdl_report(m, "du-lieu.kieu", mdl_key(m, at, size_key), size,
                 mdl_printf(m, "ghi một số milimét từ %g đến %g, chẳng hạn %g hoặc \"%gmm\"", lo,
                            hi, dflt, dflt),
                 "kích thước ảnh không đọc được hoặc ngoài khoảng");
      mm = dflt;
    }
  }
  vb_obj_set(m->a, vb, view_key,
             file && file->kind == VB_STR ? (vb_value *)file : vb_val_strz(m->a, ""));
  vb_obj_set(m->a, vb, mdl_printf(m, "%s_%s", view_key, size_key), vb_val_num(m->a, mm));
}

static void signature(vb_model *m, vb_value *vb, const char *path) {
  vb_value *ky = mdl_opt_obj(m, vb, path, "ky");
  const char *kpath = mdl_key(m, path, "ky");
  if (!ky) {
    if (!vb_obj_get(vb, "ky"))
      mdl_report(m, "du-lieu.thieu-truong", kpath, vb,
                 "thêm \"ky\": {\"dong\": [\"KT. Chủ tịch\", \"Phó Chủ tịch\"], \"ho_ten\": \"…\"}",
                 "thiếu phần ký (ky)");
    return;
  }
  mdl_check_keys(m, ky, kpath, ky_keys);
  block_picture(m, vb, ky, kpath, "anh_chu_ky", "anh_chu_ky", "cao", SIGNATURE_HEIGHT_MM, 5, 40);
  const char *ho_ten = mdl_req_str(m, ky, kpath, "ho_ten");
  mdl_set_str(m, vb, "ky_ho_ten", ho_ten ? mdl_trim(m, ho_ten) : "");
  vb_value *dv = mdl_opt_arr(m, ky, kpath, "dong");
  const char *dpath = mdl_key(m, kpath, "dong");
  vb_value *out = vb_val_arr(m->a);
  vb_obj_set(m->a, vb, "ky_dong", out);
  if (!dv || dv->u.arr.len == 0) {
    if (!vb_obj_get(ky, "dong") || dv)
      mdl_report(m, "du-lieu.thieu-truong", dpath, dv ? dv : ky,
                 "ghi quyền hạn và chức vụ người ký, mỗi cấp một dòng",
                 "thiếu chức vụ người ký (ky.dong)");
    return;
  }
  size_t n = dv->u.arr.len;
  char **lines = vb_arena_alloc(m->a, n * sizeof(char *));
  for (size_t i = 0; i < n; i++) {
    vb_value *it = dv->u.arr.items[i];
    if (it->kind != VB_STR || mdl_blank(it->u.str.s)) {
      mdl_report(m, "du-lieu.kieu", mdl_idx(m, dpath, i), it, "mỗi dòng là một chuỗi có nội dung",
                 "dòng chức vụ trống hoặc không phải chuỗi");
      return;
    }
    char *up = mdl_upper(m, mdl_trim(m, it->u.str.s));
    size_t k = prefix_len(up);
    if (k) up = mdl_printf(m, "%.*s %s", (int)k, up, mdl_trim(m, up + k));
    lines[i] = up;
    vb_arr_push(m->a, out, vb_val_strz(m->a, up));
  }
  check_stack(m, dpath, dv, lines, n);
}

void mdl_meta(vb_model *m) {
  const char *path = "$.van_ban";
  vb_value *vb = mdl_opt_obj(m, m->root, "$", "van_ban");
  if (!vb) {
    if (!vb_obj_get(m->root, "van_ban"))
      mdl_report(m, "du-lieu.thieu-truong", path, m->root,
                 "thêm \"van_ban\": { … } (xem docs/data-model.md)",
                 "thiếu thông tin văn bản (van_ban)");
    vb = vb_val_obj(m->a);
    vb_obj_set(m->a, m->root, "van_ban", vb);
  }
  mdl_check_keys(m, vb, path, van_ban_keys);

  const char *chu_quan = mdl_opt_str(m, vb, path, "co_quan_chu_quan");
  mdl_set_str(m, vb, "co_quan_chu_quan", chu_quan ? mdl_upper(m, mdl_trim(m, chu_quan)) : "");
  const char *ban_hanh = mdl_req_str(m, vb, path, "co_quan_ban_hanh");
  const char *ten = mdl_opt_str(m, vb, path, "ten_co_quan");
  if (ban_hanh) {
    ban_hanh = mdl_trim(m, ban_hanh);
    mdl_set_str(m, vb, "co_quan_ban_hanh", mdl_upper(m, ban_hanh));
  }
  if (!mdl_blank(ten)) {
    m->ten_co_quan = mdl_trim(m, ten);
  } else if (ban_hanh) {
    char *one = vb_arena_strdup(m->a, ban_hanh);
    for (char *p = one; *p; p++)
      if (*p == '\n') *p = ' ';
    m->ten_co_quan = one;
  }
  mdl_set_str(m, vb, "ten_co_quan", m->ten_co_quan);

  const char *ten_loai = mdl_opt_str(m, vb, path, "ten_loai");
  if (mdl_blank(ten_loai)) ten_loai = m->thong_bao ? "Thông báo" : "Báo cáo";
  m->ten_loai_cau = mdl_sentence(m, mdl_trim(m, ten_loai));
  mdl_set_str(m, vb, "ten_loai", mdl_upper(m, m->ten_loai_cau));

  const char *ky_hieu = mdl_req_str(m, vb, path, "ky_hieu");
  int du_thao = mdl_opt_bool(m, vb, path, "du_thao");
  number_and_date(m, vb, path, ky_hieu ? mdl_trim(m, ky_hieu) : NULL, du_thao);
  if (!m->so_ngan) m->so_ngan = MDL_BLANK "/";
  if (!m->ngay_dai) m->ngay_dai = "";
  if (!m->ten_co_quan) m->ten_co_quan = "";
  /* How an appendix or a comparison table names the document. */
  int blank = strncmp(m->so_ngan, MDL_BLANK, strlen(MDL_BLANK)) == 0;
  m->tham_chieu = mdl_printf(m, "%s số%s%s %s của %s", m->ten_loai_cau, blank ? "" : " ",
                             m->so_ngan, m->ngay_dai, mdl_places(m, m->ten_co_quan));
  mdl_set_str(m, vb, "tham_chieu", m->tham_chieu);
  const char *trich_yeu = mdl_req_str(m, vb, path, "trich_yeu");
  if (trich_yeu) mdl_set_str(m, vb, "trich_yeu", mdl_trim(m, trich_yeu));
  addressees(m, vb, path);
  /* The pictures first: the view's anh_dau replaces the data's. */
  vb_value *ky = vb_obj_get(vb, "ky");
  if (!ky || ky->kind != VB_OBJ) {
    vb_obj_set(m->a, vb, "anh_chu_ky", vb_val_strz(m->a, ""));
    vb_obj_set(m->a, vb, "anh_chu_ky_cao", vb_val_num(m->a, SIGNATURE_HEIGHT_MM));
  }
  block_picture(m, vb, vb, path, "anh_dau", "anh_dau", "rong", SEAL_DIAMETER_MM, 15, 60);
  signature(m, vb, path);
}
