/* The tables of appendices, in one shape every template renders the same
 * way (pl.bang, docs/data-model.md "Appendix tables"): columns with widths
 * on a grid of MDL_GRID equal parts of the text width, header rows whose
 * cells span columns and rows, and body rows of cells with an alignment.
 * A document list, an indicator table with chosen columns, a free table and
 * the THÔNG BÁO assignment table all become this shape here. */
#include <math.h>
#include <string.h>

#include "model/model_internal.h"
#include "vi/vi.h"

/* The text width (165 mm) in MDL_GRID parts of 3 mm: few enough for Word's
 * 63 grid columns, fine enough for the widths tables use. */
#define MDL_GRID 55
#define MDL_GRID_MM 3.0
#define MDL_MAX_COLS 20
#define MDL_MAX_HEADER_ROWS 3

/* ---- columns ---------------------------------------------------------------------- */

typedef struct col_def {
  const char *name;   /* as written in cac_cot */
  const char *header; /* default header */
  double mm;          /* default width; 0: shares what the others leave */
  double weight;      /* its share then */
  const char *align;  /* "trai", "giua", "phai" */
  int shown;          /* in the default columns: 1 always, 2 when some row has a value */
} col_def;

static const col_def doc_cols[] = {{"stt", "STT", 12, 0, "giua", 1},
                                   {"trich_yeu", "Trích yếu nội dung", 0, 1, "trai", 1},
                                   {"so_ky_hieu", "Số, ký hiệu", 36, 0, "giua", 2},
                                   {"ngay", "Ngày ban hành", 30, 0, "giua", 2},
                                   {"co_quan", "Cơ quan ban hành", 36, 0, "trai", 2},
                                   {"ghi_chu", "Ghi chú", 24, 0, "trai", 2},
                                   {NULL, NULL, 0, 0, NULL, 0}};

static const col_def indicator_cols[] = {{"stt", "TT", 12, 0, "giua", 1},
                                         {"ten", "Tên chỉ tiêu", 0, 2, "trai", 1},
                                         {"noi_dung", "Nội dung", 0, 2, "trai", 0},
                                         {"yeu_cau", "Yêu cầu", 0, 2, "trai", 0},
                                         {"don_vi", "Đơn vị tính", 18, 0, "giua", 2},
                                         {"chi_tieu", "Chỉ tiêu cụ thể", 24, 0, "giua", 2},
                                         {"ket_qua", "Kết quả đạt được", 24, 0, "giua", 1},
                                         {"ty_le", "Tỷ lệ", 18, 0, "giua", 0},
                                         {"danh_gia", "Đánh giá", 21, 0, "giua", 1},
                                         {"don_vi_thuc_hien", "Đơn vị thực hiện", 27, 0, "trai", 0},
                                         {"ghi_chu", "Ghi chú", 24, 0, "trai", 2},
                                         {"kho_khan", "Khó khăn, vướng mắc", 0, 1.5, "trai", 0},
                                         {NULL, NULL, 0, 0, NULL, 0}};

/* Other names people write for a column. */
static const char *const col_aliases[][2] = {{"muc_tieu", "chi_tieu"},
                                             {"chi_tieu_giao", "chi_tieu"},
                                             {"co_quan_ban_hanh", "co_quan"},
                                             {"kho_khan_vuong_mac", "kho_khan"},
                                             {NULL, NULL}};

typedef struct tcol {
  const char *name;   /* a col_def name, or NULL for a custom field */
  const char *field;  /* the row member printed: name, or the custom field */
  const char *header; /* as printed */
  const char *align;
  double mm, weight;
  int units;
  int width_given; /* "rong" written: the content does not widen it */
} tcol;

static const col_def *find_def(const col_def *defs, const char *name) {
  for (size_t i = 0; defs[i].name; i++)
    if (!strcmp(defs[i].name, name)) return &defs[i];
  for (size_t i = 0; col_aliases[i][0]; i++)
    if (!strcmp(col_aliases[i][0], name)) return find_def(defs, col_aliases[i][1]);
  return NULL;
}

static const char *known_names(vb_model *m, const col_def *defs) {
  vb_buf b = VB_BUF_INIT;
  for (size_t i = 0; defs[i].name; i++)
    vb_buf_printf(&b, "%s%s", i ? ", " : "", defs[i].name);
  return mdl_take(m, &b);
}

static tcol col_from_def(const col_def *d) {
  return (tcol){d->name, d->name, d->header, d->align, d->mm, d->weight, 0, 0};
}

static const char *const colspec_keys[] = {"cot", "truong", "tieu_de", "rong", "can", NULL};

static int parse_align(vb_model *m, const vb_value *obj, const char *path, const char **align) {
  const char *c = mdl_opt_str(m, obj, path, "can");
  if (!c) return 0;
  if (strcmp(c, "trai") && strcmp(c, "giua") && strcmp(c, "phai")) {
    mdl_report(m, "du-lieu.bang", mdl_key(m, path, "can"), vb_obj_get(obj, "can"),
               "dùng \"trai\" (căn trái), \"giua\" (căn giữa) hoặc \"phai\" (căn phải)",
               "cách căn không hợp lệ: %s", c);
    return -1;
  }
  *align = c;
  return 0;
}

static int parse_width(vb_model *m, const vb_value *obj, const char *path, double *mm) {
  double w;
  int got = mdl_opt_num(m, obj, path, "rong", &w);
  if (got < 0) return -1;
  if (got == 0) return 0;
  if (w < 5 || w > 250) {
    mdl_report(m, "du-lieu.bang", mdl_key(m, path, "rong"), vb_obj_get(obj, "rong"),
               "ghi độ rộng cột theo milimét, từ 5 đến 250", "độ rộng cột %s mm không hợp lệ",
               mdl_num(m, w, 1));
    return -1;
  }
  *mm = w;
  return 0;
}

/* One entry of cac_cot: "ket_qua", or {"cot": "ket_qua", "tieu_de": …, "rong": …,
 * "can": …}, or a field of the rows {"truong": "nguon_von", "tieu_de": "Nguồn vốn"}. */
static int parse_colspec(vb_model *m, const vb_value *e, const char *path, const col_def *defs,
                         tcol *out) {
  const char *name = NULL;
  const vb_value *at = e;
  if (e->kind == VB_STR) {
    name = mdl_trim(m, e->u.str.s);
  } else if (e->kind == VB_OBJ) {
    mdl_check_keys(m, e, path, colspec_keys);
    const char *cot = mdl_opt_str(m, e, path, "cot");
    const char *truong = mdl_opt_str(m, e, path, "truong");
    if (!mdl_blank(cot) == !mdl_blank(truong)) {
      mdl_report(m, "du-lieu.bang", path, e,
                 "ghi {\"cot\": \"ket_qua\"} cho một cột có sẵn, hoặc {\"truong\": \"ten_truong\", "
                 "\"tieu_de\": \"…\"} cho cột lấy từ một trường của dữ liệu",
                 "mỗi cột cần đúng một trong \"cot\" hoặc \"truong\"");
      return -1;
    }
    if (!mdl_blank(truong)) {
      const char *h = mdl_req_str(m, e, path, "tieu_de");
      if (!h) return -1;
      *out = (tcol){NULL, mdl_trim(m, truong), mdl_trim(m, h), "trai", 24, 0, 0, 0};
      if (parse_align(m, e, path, &out->align) || parse_width(m, e, path, &out->mm)) return -1;
      out->width_given = vb_obj_get(e, "rong") != NULL;
      return 0;
    }
    name = mdl_trim(m, cot);
    at = vb_obj_get(e, "cot");
  } else {
    mdl_report(m, "du-lieu.bang", path, e,
               "mỗi cột là tên cột (\"ket_qua\") hoặc một đối tượng {\"cot\": …}",
               "cột không hợp lệ");
    return -1;
  }
  const col_def *d = find_def(defs, name);
  if (!d) {
    const char **names = vb_arena_alloc(m->a, 32 * sizeof(char *));
    size_t k = 0;
    for (; defs[k].name && k < 30; k++)
      names[k] = defs[k].name;
    names[k] = NULL;
    const char *guess = mdl_did_you_mean(name, names);
    mdl_report(m, "du-lieu.bang", e->kind == VB_OBJ ? mdl_key(m, path, "cot") : path, at,
               guess ? mdl_printf(m,
                                  "có phải là \"%s\"? Các cột có sẵn: %s; cột khác lấy từ một "
                                  "trường: {\"truong\": …, \"tieu_de\": …}",
                                  guess, known_names(m, defs))
                     : mdl_printf(m,
                                  "các cột có sẵn: %s; cột khác lấy từ một trường: "
                                  "{\"truong\": …, \"tieu_de\": …}",
                                  known_names(m, defs)),
               "không có cột \"%s\"", name);
    return -1;
  }
  *out = col_from_def(d);
  if (e->kind == VB_OBJ) {
    const char *h = mdl_opt_str(m, e, path, "tieu_de");
    if (!mdl_blank(h)) out->header = mdl_trim(m, h);
    if (parse_align(m, e, path, &out->align) || parse_width(m, e, path, &out->mm)) return -1;
    if (vb_obj_get(e, "rong")) out->weight = 0, out->width_given = 1;
  }
  return 0;
}

/* tieu_de_cot: {"chi_tieu": "Chỉ tiêu giao"} — headers changed without listing the columns. */
static void header_overrides(vb_model *m, const vb_value *pl, const char *path, tcol *cols,
                             size_t n) {
  vb_value *h = mdl_opt_obj(m, pl, path, "tieu_de_cot");
  const char *hpath = mdl_key(m, path, "tieu_de_cot");
  for (size_t i = 0; h && i < h->u.obj.len; i++) {
    const char *key = h->u.obj.items[i].key;
    const vb_value *val = h->u.obj.items[i].val;
    if (key[0] == '_') continue;
    size_t k = 0;
    const char *canon = key;
    for (size_t a = 0; col_aliases[a][0]; a++)
      if (!strcmp(col_aliases[a][0], key)) canon = col_aliases[a][1];
    while (k < n && strcmp(cols[k].field, canon) != 0)
      k++;
    if (k == n) {
      vb_buf b = VB_BUF_INIT;
      for (size_t j = 0; j < n; j++)
        vb_buf_printf(&b, "%s%s", j ? ", " : "", cols[j].field);
      mdl_report(m, "du-lieu.bang", mdl_key(m, hpath, key), val,
                 mdl_printf(m, "bảng này có các cột: %s", mdl_take(m, &b)),
                 "không có cột \"%s\" trong bảng để đổi tiêu đề", key);
      continue;
    }
    if (val->kind != VB_STR || mdl_blank(val->u.str.s)) {
      mdl_report(m, "du-lieu.bang", mdl_key(m, hpath, key), val, "ghi tiêu đề cột là một chuỗi",
                 "tiêu đề cột trống hoặc không phải chuỗi");
      continue;
    }
    cols[k].header = mdl_trim(m, val->u.str.s);
  }
}

/* The columns of a document list or an indicator table: cac_cot as written,
 * or the default ones (optional ones only when has_value says a row has a
 * value for them). Returns the count, 0 after an error. */
static size_t choose_columns(vb_model *m, const vb_value *pl, const char *path, const col_def *defs,
                             int (*has_value)(void *, const char *), void *ctx, tcol **out) {
  vb_value *list = mdl_opt_arr(m, pl, path, "cac_cot");
  const char *lpath = mdl_key(m, path, "cac_cot");
  tcol *cols;
  size_t n = 0;
  if (list) {
    cols = vb_arena_alloc(m->a, (list->u.arr.len + 1) * sizeof(tcol));
    int bad = 0;
    for (size_t i = 0; i < list->u.arr.len; i++) {
      const char *cpath = mdl_idx(m, lpath, i);
      if (parse_colspec(m, list->u.arr.items[i], cpath, defs, &cols[n]) != 0) {
        bad = 1;
        continue;
      }
      for (size_t k = 0; k < n; k++)
        if (!strcmp(cols[k].field, cols[n].field)) {
          mdl_report(m, "du-lieu.bang", cpath, list->u.arr.items[i], "mỗi cột chỉ ghi một lần",
                     "cột \"%s\" ghi hai lần", cols[n].field);
          bad = 1;
        }
      n++;
    }
    if (n == 0 && !bad)
      mdl_report(m, "du-lieu.bang", lpath, list,
                 "liệt kê các cột của bảng, ví dụ [\"stt\", \"ten\", \"ket_qua\"]",
                 "danh sách cột trống");
    if (bad || n == 0) return 0;
  } else {
    cols = vb_arena_alloc(m->a, 32 * sizeof(tcol));
    for (size_t i = 0; defs[i].name; i++)
      if (defs[i].shown == 1 || (defs[i].shown == 2 && has_value(ctx, defs[i].name)))
        cols[n++] = col_from_def(&defs[i]);
  }
  header_overrides(m, pl, path, cols, n);
  *out = cols;
  return n;
}

/* Widths in grid parts. Fixed widths as given; the other columns share what
 * is left by weight. With min_share (mm), a share is never narrower than
 * that, the fixed columns giving way (a table of chosen columns keeps its
 * text columns readable). The widths are then scaled to the text width and
 * rounded to parts (largest remainders, each column at least 2 parts). */
static int fit_widths(vb_model *m, tcol *cols, size_t n, double min_share, const char *path,
                      const vb_value *at) {
  if (n > MDL_MAX_COLS) {
    mdl_report(
        m, "du-lieu.bang", path, at,
        mdl_printf(m, "gộp bớt cột hoặc tách thành hai bảng (nhiều nhất %d cột)", MDL_MAX_COLS),
        "bảng có %zu cột, quá nhiều để in trên khổ giấy", n);
    return -1;
  }
  const double total = MDL_GRID * MDL_GRID_MM;
  double fixed = 0, weights = 0, mm[MDL_MAX_COLS];
  size_t nfixed = 0;
  for (size_t i = 0; i < n; i++) {
    if (cols[i].weight <= 0 && cols[i].mm > 0)
      fixed += cols[i].mm, nfixed++;
    else
      weights += cols[i].weight > 0 ? cols[i].weight : 1;
  }
  double room = total - fixed;
  if (weights > 0 && room < weights * min_share)
    room = fmin(weights * min_share, total - 6.0 * (double)nfixed);
  if (room < 0) room = 0;
  double scale = fixed > 0 ? fmax(total - room, 6.0 * (double)nfixed) / fixed : 1;
  double sum_mm = 0;
  for (size_t i = 0; i < n; i++) {
    int flex = !(cols[i].weight <= 0 && cols[i].mm > 0);
    mm[i] = flex ? room * (cols[i].weight > 0 ? cols[i].weight : 1) / weights : cols[i].mm * scale;
    sum_mm += mm[i];
  }
  int sum = 0;
  double rest[MDL_MAX_COLS];
  for (size_t i = 0; i < n; i++) {
    double u = sum_mm > 0 ? mm[i] * MDL_GRID / sum_mm : (double)MDL_GRID / (double)n;
    cols[i].units = (int)floor(u);
    rest[i] = u - floor(u);
    if (cols[i].units < 2) cols[i].units = 2, rest[i] = 0;
    sum += cols[i].units;
  }
  while (sum < MDL_GRID) {
    size_t best = 0;
    for (size_t i = 1; i < n; i++)
      if (rest[i] > rest[best]) best = i;
    cols[best].units++, sum++;
    rest[best] -= 1;
  }
  while (sum > MDL_GRID) {
    size_t widest = 0;
    for (size_t i = 1; i < n; i++)
      if (cols[i].units > cols[widest].units) widest = i;
    cols[widest].units--, sum--;
  }
  return 0;
}

/* ---- widths from the content ------------------------------------------------------ */

/* The width of text in a 13 pt Times New Roman cell, in mm, roughly: digits
 * 2.3, narrow punctuation 1.2, capitals 3, other letters 2.1 (a letter with
 * its tone marks is one character). Enough to tell whether a figure fits. */
static double text_mm(const char *s, size_t n) {
  double w = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if ((c & 0xC0) == 0x80) continue;
    w += c >= '0' && c <= '9'                  ? 2.3
         : strchr(".,:;/() '", c) && c         ? 1.2
         : c == '%'                            ? 3.8
         : (c >= 'A' && c <= 'Z') || c == 0xC4 ? 3.0
         : c >= 0x80 || (c >= 'a' && c <= 'z') ? 2.1
                                               : 2.3;
  }
  return w;
}

typedef struct col_need {
  double word;  /* the longest word, mm */
  double total; /* all the text, mm */
  int cells;
} col_need;

static void measure(col_need *need, const char *text) {
  if (!text || !*text) return;
  need->cells++;
  need->total += text_mm(text, strlen(text));
  for (const char *p = text; *p;) {
    size_t k = strcspn(p, " \n");
    double w = text_mm(p, k);
    if (w > need->word) need->word = w;
    p += k;
    p += strspn(p, " \n");
  }
}

/* A column of default width is widened so that no word of it breaks (up to
 * 40 mm: a figure split over two lines is misread), and one whose text would
 * take more than three lines on average shares the width left like the text
 * columns. Widths written in "rong" stay. 1.5 mm padding each side. */
static void fit_content(tcol *cols, size_t n, const col_need *need) {
  for (size_t k = 0; k < n; k++) {
    tcol *c = &cols[k];
    if (c->width_given || c->weight > 0 || c->mm <= 0 || !need[k].cells) continue;
    /* Whole grid parts, rounded up: the grid must not take back what the word needs. */
    double word = ceil((need[k].word + 3.5) / MDL_GRID_MM) * MDL_GRID_MM;
    if (word > c->mm) c->mm = word > 40 ? 40 : word;
    if (need[k].total / need[k].cells > 3 * (c->mm - 3)) c->weight = 1;
  }
}

/* ---- the generic table ------------------------------------------------------------- */

typedef struct table {
  vb_model *m;
  tcol *cols;
  size_t n;
  vb_value *dau, *dong;
  int has_stt;
} table;

static vb_value *body_cell(vb_model *m, const char *text, int gop, const char *align, int bold) {
  vb_value *c = vb_val_obj(m->a);
  mdl_set_str(m, c, "text", text ? text : "");
  mdl_set_num(m, c, "gop", gop);
  mdl_set_str(m, c, "can", align);
  mdl_set_bool(m, c, "dam", bold);
  /* One word for templates that pick a paragraph style per cell. */
  mdl_set_str(m, c, "kieu", bold ? mdl_printf(m, "dam_%s", align) : align);
  return c;
}

static vb_value *header_cell(vb_model *m, const char *text, int gop, int gop_dong, int tiep) {
  vb_value *c = vb_val_obj(m->a);
  mdl_set_str(m, c, "text", text ? text : "");
  mdl_set_num(m, c, "gop", gop);
  mdl_set_num(m, c, "gop_dong", gop_dong);
  mdl_set_bool(m, c, "tiep", tiep);
  /* A cell covered by the one above spans gop grid parts; formats that
   * write one covered cell per part (ODT) loop over this list. */
  vb_value *luoi = vb_val_arr(m->a);
  for (int i = 0; tiep && i < gop; i++)
    vb_arr_push(m->a, luoi, vb_val_num(m->a, 1));
  vb_obj_set(m->a, c, "luoi", luoi);
  return c;
}

static vb_value *new_row(table *t, const char *id, int group, int bold) {
  vb_model *m = t->m;
  vb_value *r = vb_val_obj(m->a);
  mdl_set_str(m, r, "id", id);
  mdl_set_bool(m, r, "nhom", group);
  mdl_set_bool(m, r, "dam", bold);
  vb_obj_set(m->a, r, "o", vb_val_arr(m->a));
  vb_arr_push(m->a, t->dong, r);
  return r;
}

static void add_cell(table *t, vb_value *row, const char *text, int gop, const char *align,
                     int bold) {
  vb_arr_push(t->m->a, vb_obj_get(row, "o"), body_cell(t->m, text, gop, align, bold));
}

/* One header row: each column's header. */
static void simple_header(table *t) {
  vb_model *m = t->m;
  vb_value *r = vb_val_obj(m->a), *cells = vb_val_arr(m->a);
  vb_obj_set(m->a, r, "o", cells);
  for (size_t i = 0; i < t->n; i++)
    vb_arr_push(m->a, cells, header_cell(m, t->cols[i].header, t->cols[i].units, 1, 0));
  vb_arr_push(m->a, t->dau, r);
}

/* A group row: the group's number under STT, its name across the other
 * columns (bold); without a number or an STT column, the name across all. */
static void group_row(table *t, const char *id, const char *so, const char *name) {
  vb_value *r = new_row(t, id, 1, 1);
  if (t->has_stt && *so) {
    add_cell(t, r, so, t->cols[0].units, "giua", 1);
    add_cell(t, r, name, MDL_GRID - t->cols[0].units, "trai", 1);
  } else {
    add_cell(t, r, *so ? mdl_printf(t->m, "%s. %s", so, name) : name, MDL_GRID, "trai", 1);
  }
}

/* vien: the outer edges of the table a cell lies on ("tren" the top row,
 * "trai" the first column, "tren_trai" both, "" neither). A format that
 * draws each shared border once (ODT cell styles) gives these cells their
 * top or left border; every cell draws its right and bottom ones. */
static void mark_edges(vb_model *m, vb_value *rows, int top_row) {
  for (size_t r = 0; r < rows->u.arr.len; r++) {
    const vb_value *cells = vb_obj_get(rows->u.arr.items[r], "o");
    int col = 0;
    for (size_t i = 0; i < cells->u.arr.len; i++) {
      vb_value *c = cells->u.arr.items[i];
      int top = top_row && r == 0, left = col == 0;
      mdl_set_str(m, c, "vien", top && left ? "tren_trai" : top ? "tren" : left ? "trai" : "");
      col += (int)vb_obj_get(c, "gop")->u.num;
    }
  }
}

static vb_value *table_view(table *t, const vb_value *pl, const char *path) {
  vb_model *m = t->m;
  mark_edges(m, t->dau, 1);
  mark_edges(m, t->dong, t->dau->u.arr.len == 0);
  vb_value *v = vb_val_obj(m->a);
  mdl_set_num(m, v, "so_cot", (double)t->n);
  mdl_set_num(m, v, "luoi", MDL_GRID);
  vb_value *cols = vb_val_arr(m->a);
  for (size_t i = 0; i < t->n; i++) {
    vb_value *c = vb_val_obj(m->a);
    mdl_set_str(m, c, "ten", t->cols[i].name ? t->cols[i].name : "");
    mdl_set_str(m, c, "truong", t->cols[i].field ? t->cols[i].field : "");
    mdl_set_str(m, c, "tieu_de", t->cols[i].header);
    mdl_set_num(m, c, "rong", t->cols[i].units);
    mdl_set_num(m, c, "rong_mm", t->cols[i].units * MDL_GRID_MM);
    mdl_set_str(m, c, "can", t->cols[i].align);
    vb_arr_push(m->a, cols, c);
  }
  vb_obj_set(m->a, v, "cot", cols);
  vb_obj_set(m->a, v, "dau", t->dau);
  vb_obj_set(m->a, v, "dong", t->dong);
  const char *dvt = mdl_opt_str(m, pl, path, "don_vi_tinh");
  const char *line = "";
  if (!mdl_blank(dvt)) {
    dvt = mdl_trim(m, dvt);
    /* "triệu đồng" → "Đơn vị tính: triệu đồng"; a line typed whole is kept. */
    vb_buf low = VB_BUF_INIT;
    vi_lower(&low, dvt);
    int whole = strncmp(vb_buf_cstr(&low), "đơn vị tính", strlen("đơn vị tính")) == 0;
    vb_buf_free(&low);
    line = whole ? dvt : mdl_printf(m, "Đơn vị tính: %s", dvt);
  }
  mdl_set_str(m, v, "don_vi_tinh", line);
  return v;
}

static int start_table(vb_model *m, table *t, tcol *cols, size_t n, double min_share,
                       const char *path, const vb_value *at) {
  *t = (table){m,
               cols,
               n,
               vb_val_arr(m->a),
               vb_val_arr(m->a),
               n > 0 && cols[0].name && !strcmp(cols[0].name, "stt")};
  return fit_widths(m, cols, n, min_share, path, at);
}

/* ---- numbering -------------------------------------------------------------------- */

typedef enum { N_GROUP, N_ALL, N_MA, N_NESTED } item_numbering;

/* danh_so_nhom: written as the first number looks: "I" (I, II, …), "1", "A",
 * or "" for none. */
static int group_style(vb_model *m, const vb_value *pl, const char *path, const char **style) {
  vb_value *v = vb_obj_get(pl, "danh_so_nhom");
  *style = "I";
  if (!v || v->kind == VB_NULL) return 0;
  const char *s = v->kind == VB_STR ? mdl_trim(m, v->u.str.s) : NULL;
  if (s && (!strcmp(s, "I") || !strcmp(s, "1") || !strcmp(s, "A") || !*s)) {
    *style = s;
    return 0;
  }
  mdl_report(m, "du-lieu.bang", mdl_key(m, path, "danh_so_nhom"), v,
             "ghi số đầu tiên theo kiểu muốn dùng: \"I\" (I, II, III), \"1\" (1, 2, 3), \"A\" "
             "(A, B, C) hoặc \"\" (không đánh số nhóm)",
             "kiểu đánh số nhóm không hợp lệ");
  return -1;
}

static const char *group_number(vb_model *m, const char *style, int n) {
  vb_buf b = VB_BUF_INIT;
  if (!strcmp(style, "I"))
    vi_roman(&b, n);
  else if (!strcmp(style, "1"))
    vb_buf_printf(&b, "%d", n);
  else if (!strcmp(style, "A")) {
    vb_buf low = VB_BUF_INIT;
    vi_letter(&low, n);
    vi_upper(&b, vb_buf_cstr(&low));
    vb_buf_free(&low);
  }
  return mdl_take(m, &b);
}

static int item_style(vb_model *m, const vb_value *pl, const char *path, int allow_ma,
                      item_numbering dflt, item_numbering *out) {
  const char *s = mdl_opt_str(m, pl, path, "danh_so");
  *out = dflt;
  if (!s) return 0;
  if (!strcmp(s, "theo_nhom"))
    *out = N_GROUP;
  else if (!strcmp(s, "lien_tuc"))
    *out = N_ALL;
  else if (!strcmp(s, "phan_cap"))
    *out = N_NESTED;
  else if (!strcmp(s, "ma") && allow_ma)
    *out = N_MA;
  else {
    mdl_report(m, "du-lieu.bang", mdl_key(m, path, "danh_so"), vb_obj_get(pl, "danh_so"),
               allow_ma ? "dùng \"theo_nhom\" (1, 2… lại từ đầu mỗi nhóm), \"lien_tuc\", "
                          "\"phan_cap\" (1.1, 1.2…) hoặc \"ma\" (mã của chỉ tiêu)"
                        : "dùng \"theo_nhom\" (1, 2… lại từ đầu mỗi nhóm), \"lien_tuc\" hoặc "
                          "\"phan_cap\" (1.1, 1.2…)",
               "kiểu đánh số dòng không hợp lệ: %s", s);
    return -1;
  }
  return 0;
}

static const char *item_number(vb_model *m, item_numbering st, const char *group_no, int in_group,
                               int overall, const char *ma) {
  switch (st) {
  case N_ALL: return mdl_printf(m, "%d", overall);
  case N_MA: return ma ? ma : "";
  case N_NESTED:
    return *group_no ? mdl_printf(m, "%s.%d", group_no, in_group) : mdl_printf(m, "%d", in_group);
  default: return mdl_printf(m, "%d", in_group);
  }
}

/* ---- a list of documents ----------------------------------------------------------- */

static const char *const doc_group_keys[] = {"ten", "dong", NULL};

/* How many times each document number (so_ky_hieu) and group name occurs in
 * the list: a row is known to `vanban update` by what is unique in it, so
 * that a document added or removed in the middle of a group leaves the
 * other rows' marks alone. */
static void count_member(vb_model *m, vb_value *counts, const vb_value *obj, const char *member) {
  const vb_value *v = obj && obj->kind == VB_OBJ ? vb_obj_get(obj, member) : NULL;
  if (!v || v->kind != VB_STR || mdl_blank(v->u.str.s)) return;
  const char *k = mdl_trim(m, v->u.str.s);
  vb_value *c = vb_obj_get(counts, k);
  vb_obj_set(m->a, counts, k, vb_val_num(m->a, c ? c->u.num + 1 : 1));
}

static void count_docs(vb_model *m, vb_value *counts, const vb_value *list) {
  for (size_t i = 0; list && list->kind == VB_ARR && i < list->u.arr.len; i++)
    count_member(m, counts, list->u.arr.items[i], "so_ky_hieu");
}

/* "prefix" + the member's text when it is unique in counts, else fallback. */
static const char *unique_id(vb_model *m, const vb_value *counts, const vb_value *obj,
                             const char *member, const char *prefix, const char *fallback) {
  const vb_value *v = obj && obj->kind == VB_OBJ ? vb_obj_get(obj, member) : NULL;
  if (!v || v->kind != VB_STR || mdl_blank(v->u.str.s)) return fallback;
  const char *k = mdl_trim(m, v->u.str.s);
  const vb_value *c = vb_obj_get(counts, k);
  return c && c->u.num == 1 ? mdl_printf(m, "%s%s", prefix, k) : fallback;
}

typedef struct doc_ctx {
  vb_model *m;
  const vb_value *pl;
  const char **custom; /* fields named by "truong" columns, NULL-terminated */
  vb_value *numbers;   /* so_ky_hieu → how many rows have it */
  vb_value *names;     /* group name → how many groups have it */
} doc_ctx;

static int doc_rows_have(const vb_value *list, const char *field) {
  for (size_t i = 0; list && list->kind == VB_ARR && i < list->u.arr.len; i++) {
    const vb_value *r = list->u.arr.items[i];
    const vb_value *v = r->kind == VB_OBJ ? vb_obj_get(r, field) : NULL;
    if (v && v->kind != VB_NULL && !(v->kind == VB_STR && mdl_blank(v->u.str.s))) return 1;
  }
  return 0;
}

static int doc_has(void *p, const char *field) {
  doc_ctx *c = p;
  if (doc_rows_have(vb_obj_get(c->pl, "dong"), field)) return 1;
  const vb_value *groups = vb_obj_get(c->pl, "nhom");
  for (size_t g = 0; groups && groups->kind == VB_ARR && g < groups->u.arr.len; g++) {
    const vb_value *gv = groups->u.arr.items[g];
    if (gv->kind == VB_OBJ && doc_rows_have(vb_obj_get(gv, "dong"), field)) return 1;
  }
  return 0;
}

/* A cell's text from a member: strings trimmed, numbers in Vietnamese figures. */
static const char *member_text(vb_model *m, const vb_value *obj, const char *path,
                               const char *key) {
  const vb_value *v = vb_obj_get(obj, key);
  if (!v || v->kind == VB_NULL) return "";
  if (v->kind == VB_STR) return mdl_cite(m, mdl_trim(m, v->u.str.s), mdl_key(m, path, key), v);
  if (v->kind == VB_NUM) return mdl_num(m, v->u.num, 2);
  mdl_report(m, "du-lieu.kieu", mdl_key(m, path, key), v, "ghi nội dung ô là một chuỗi hoặc một số",
             "cần một chuỗi hoặc một số, gặp %s", vb_vkind_name(v->kind));
  return "";
}

/* A document's date: checked; "18/6/2024" printed as typed, "2024-06-18" as
 * "18/06/2024"; a date after the report's own is suspicious. */
static const char *doc_date(vb_model *m, const vb_value *v, const char *path) {
  if (!v || v->kind == VB_NULL || (v->kind == VB_STR && mdl_blank(v->u.str.s))) return "";
  const char *formatted = mdl_date_short(m, v, path);
  if (!formatted) return "";
  const char *s = mdl_trim(m, v->u.str.s);
  int y, mo, d;
  vi_parse_date(s, &y, &mo, &d);
  if (m->ngay_y && (y > m->ngay_y || (y == m->ngay_y && mo > m->ngay_m) ||
                    (y == m->ngay_y && mo == m->ngay_m && m->ngay_d && d > m->ngay_d)))
    mdl_report(m, "du-lieu.ngay-sau", path, v,
               "kiểm tra lại ngày ban hành (văn bản được nêu phải ban hành trước)",
               "ngày %s sau ngày của văn bản này", s);
  return strchr(s, '/') ? s : formatted;
}

static void doc_rows(doc_ctx *c, table *t, vb_value *legacy, const vb_value *list, const char *path,
                     const char *group_no, const char *gid, item_numbering st, int *overall) {
  vb_model *m = c->m;
  size_t nk = 0;
  while (c->custom[nk])
    nk++;
  static const char *const base[] = {"trich_yeu", "so_ky_hieu", "ngay", "co_quan", "ghi_chu"};
  const char **keys = vb_arena_alloc(m->a, (nk + 6) * sizeof(char *));
  for (size_t k = 0; k < 5; k++)
    keys[k] = base[k];
  for (size_t k = 0; k < nk; k++)
    keys[5 + k] = c->custom[k];
  keys[5 + nk] = NULL;
  for (size_t i = 0; i < list->u.arr.len; i++) {
    vb_value *v = list->u.arr.items[i];
    const char *rpath = mdl_idx(m, path, i);
    if (v->kind != VB_OBJ) {
      mdl_report(m, "du-lieu.kieu", rpath, v,
                 "mỗi dòng là {\"trich_yeu\", \"so_ky_hieu\", \"ngay\"}",
                 "dòng văn bản không phải đối tượng");
      continue;
    }
    mdl_check_keys(m, v, rpath, keys);
    mdl_req_str(m, v, rpath, "trich_yeu");
    /* Dates are checked whether the table shows them or not. */
    const char *ngay = doc_date(m, vb_obj_get(v, "ngay"), mdl_key(m, rpath, "ngay"));
    ++*overall;
    const char *stt = item_number(m, st, group_no, (int)i + 1, *overall, NULL);
    vb_value *row = new_row(
        t, unique_id(m, c->numbers, v, "so_ky_hieu", "vb:", mdl_printf(m, "%s.%zu", gid, i + 1)), 0,
        0);
    for (size_t k = 0; k < t->n; k++) {
      const tcol *col = &t->cols[k];
      const char *text = col->name && !strcmp(col->name, "stt") ? stt
                         : col->name && !strcmp(col->name, "ngay")
                             ? ngay
                             : member_text(m, v, rpath, col->field);
      add_cell(t, row, text, col->units, col->align, 0);
    }
    /* The list as it was before tables had chosen columns (for one's own templates). */
    vb_value *lr = vb_val_obj(m->a);
    mdl_set_bool(m, lr, "nhom", 0);
    mdl_set_str(m, lr, "stt", stt);
    static const char *const fields[] = {"trich_yeu", "so_ky_hieu", "co_quan", "ghi_chu"};
    for (size_t k = 0; k < 4; k++) {
      const vb_value *f = vb_obj_get(v, fields[k]);
      mdl_set_str(m, lr, fields[k], f && f->kind == VB_STR ? mdl_trim(m, f->u.str.s) : "");
    }
    mdl_set_str(m, lr, "ngay", ngay);
    vb_arr_push(m->a, legacy, lr);
  }
}

/* Fields named by "truong" columns. */
static const char **custom_fields(vb_model *m, const tcol *cols, size_t n) {
  const char **f = vb_arena_alloc(m->a, (n + 1) * sizeof(char *));
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (!cols[i].name) f[k++] = cols[i].field;
  f[k] = NULL;
  return f;
}

vb_value *mdl_doc_table(vb_model *m, vb_value *pl, const char *path, vb_value **legacy_out) {
  vb_value *groups = mdl_opt_arr(m, pl, path, "nhom");
  vb_value *flat = mdl_opt_arr(m, pl, path, "dong");
  vb_value *legacy = vb_val_obj(m->a), *lrows = vb_val_arr(m->a);
  vb_obj_set(m->a, legacy, "dong", lrows);
  *legacy_out = legacy;
  if (!groups && !flat) {
    mdl_report(m, "du-lieu.phu-luc", mdl_key(m, path, "nhom"), pl,
               "liệt kê văn bản theo nhóm: \"nhom\": [{\"ten\": \"Báo cáo\", \"dong\": [ … ]}], "
               "hoặc không chia nhóm: \"dong\": [ … ]",
               "phụ lục danh mục văn bản không có văn bản nào");
    return NULL;
  }
  doc_ctx c = {m, pl, NULL, vb_val_obj(m->a), vb_val_obj(m->a)};
  count_docs(m, c.numbers, flat);
  for (size_t g = 0; groups && g < groups->u.arr.len; g++) {
    count_docs(m, c.numbers, vb_obj_get(groups->u.arr.items[g], "dong"));
    count_member(m, c.names, groups->u.arr.items[g], "ten");
  }
  tcol *cols;
  size_t n = choose_columns(m, pl, path, doc_cols, doc_has, &c, &cols);
  const char *gstyle;
  item_numbering st;
  if (group_style(m, pl, path, &gstyle) | item_style(m, pl, path, 0, N_GROUP, &st)) return NULL;
  table t;
  if (!n || start_table(m, &t, cols, n, 15, mdl_key(m, path, "cac_cot"), pl) != 0) return NULL;
  c.custom = custom_fields(m, cols, n);
  simple_header(&t);
  int overall = 0;
  if (flat) doc_rows(&c, &t, lrows, flat, mdl_key(m, path, "dong"), "", "d", st, &overall);
  for (size_t g = 0; groups && g < groups->u.arr.len; g++) {
    vb_value *gv = groups->u.arr.items[g];
    const char *gpath = mdl_idx(m, mdl_key(m, path, "nhom"), g);
    if (gv->kind != VB_OBJ) {
      mdl_report(m, "du-lieu.kieu", gpath, gv, "mỗi nhóm là {\"ten\", \"dong\"}",
                 "nhóm văn bản không phải đối tượng");
      continue;
    }
    mdl_check_keys(m, gv, gpath, doc_group_keys);
    const char *ten = mdl_req_str(m, gv, gpath, "ten");
    ten = ten ? mdl_cite(m, mdl_trim(m, ten), mdl_key(m, gpath, "ten"), vb_obj_get(gv, "ten")) : "";
    const char *no = group_number(m, gstyle, (int)g + 1);
    const char *gid = mdl_printf(m, "n%zu", g + 1);
    group_row(&t, unique_id(m, c.names, gv, "ten", "n:", gid), no, ten);
    vb_value *lr = vb_val_obj(m->a);
    mdl_set_bool(m, lr, "nhom", 1);
    mdl_set_str(m, lr, "stt", no);
    mdl_set_str(m, lr, "trich_yeu", ten);
    mdl_set_str(m, lr, "so_ky_hieu", "");
    mdl_set_str(m, lr, "co_quan", "");
    mdl_set_str(m, lr, "ghi_chu", "");
    mdl_set_str(m, lr, "ngay", "");
    vb_arr_push(m->a, lrows, lr);
    vb_value *list = mdl_opt_arr(m, gv, gpath, "dong");
    if (list) doc_rows(&c, &t, lrows, list, mdl_key(m, gpath, "dong"), no, gid, st, &overall);
  }
  return table_view(&t, pl, path);
}

/* ---- an indicator table ------------------------------------------------------------- */

typedef struct ind_ctx {
  vb_model *m;
  const mdl_group **groups;
  size_t n;
} ind_ctx;

static const char *indicator_field(const mdl_indicator *it, const char *name) {
  if (!strcmp(name, "don_vi")) return it->don_vi;
  if (!strcmp(name, "chi_tieu")) return it->muc_tieu_text;
  if (!strcmp(name, "ghi_chu")) return it->ghi_chu;
  return NULL;
}

static int ind_has(void *p, const char *name) {
  ind_ctx *c = p;
  for (size_t g = 0; g < c->n; g++)
    for (size_t i = 0; i < c->groups[g]->n; i++) {
      const char *s = indicator_field(&c->groups[g]->items[i], name);
      if (s && *s) return 1;
    }
  return 0;
}

static const char *indicator_cell(vb_model *m, const tcol *col, const mdl_indicator *it,
                                  int has_rate_col) {
  if (!col->name) {
    const vb_value *v = vb_obj_get(it->v, col->field);
    if (!v || v->kind == VB_NULL) return "";
    if (v->kind == VB_STR) return mdl_trim(m, v->u.str.s);
    if (v->kind == VB_NUM) return mdl_num(m, v->u.num, 2);
    if (v->kind == VB_BOOL) return v->u.b ? "Có" : "Không";
    return "";
  }
  const char *n = col->name;
  if (!strcmp(n, "ten") || !strcmp(n, "noi_dung"))
    return it->ten_given ? it->ten_given : *it->yeu_cau ? it->yeu_cau : it->ten;
  if (!strcmp(n, "yeu_cau")) return it->yeu_cau;
  if (!strcmp(n, "don_vi")) return it->don_vi;
  if (!strcmp(n, "chi_tieu")) return it->muc_tieu_text;
  if (!strcmp(n, "ket_qua")) return has_rate_col ? it->ket_qua_text : it->ket_qua_bang;
  if (!strcmp(n, "ty_le")) return it->ty_le_text;
  if (!strcmp(n, "danh_gia")) return it->danh_gia;
  if (!strcmp(n, "don_vi_thuc_hien")) return it->don_vi_thuc_hien;
  if (!strcmp(n, "ghi_chu")) return it->ghi_chu;
  if (!strcmp(n, "kho_khan")) return it->kho_khan;
  return "";
}

/* nhom_chi_tieu of the appendix: the groups it shows, by id (all when absent). */
static size_t shown_groups(vb_model *m, const vb_value *pl, const char *path,
                           const mdl_group ***out) {
  vb_value *list = mdl_opt_arr(m, pl, path, "nhom_chi_tieu");
  const mdl_group **g =
      vb_arena_alloc(m->a, (m->ngroups + (list ? list->u.arr.len : 0) + 1) * sizeof(mdl_group *));
  size_t n = 0;
  if (!list) {
    for (size_t i = 0; i < m->ngroups; i++)
      g[n++] = &m->groups[i];
  } else {
    const char *lpath = mdl_key(m, path, "nhom_chi_tieu");
    for (size_t i = 0; i < list->u.arr.len; i++) {
      const vb_value *v = list->u.arr.items[i];
      const char *ma = v->kind == VB_STR   ? mdl_trim(m, v->u.str.s)
                       : v->kind == VB_NUM ? mdl_printf(m, "%.15g", v->u.num)
                                           : NULL;
      const mdl_group *found = ma ? mdl_find_group(m, ma) : NULL;
      if (!found) {
        mdl_report(m, "du-lieu.cau-truc", mdl_idx(m, lpath, i), v,
                   "ghi mã của một nhóm trong nhom_chi_tieu", "không có nhóm chỉ tiêu mã \"%s\"",
                   ma ? ma : "?");
        continue;
      }
      g[n++] = found;
    }
  }
  *out = g;
  return n;
}

vb_value *mdl_indicator_table(vb_model *m, vb_value *pl, const char *path) {
  if (m->ngroups == 0) {
    mdl_report(m, "du-lieu.phu-luc", mdl_key(m, path, "kieu"), vb_obj_get(pl, "kieu"),
               "thêm nhom_chi_tieu, hoặc đổi kiểu phụ lục",
               "phụ lục chỉ tiêu nhưng không có nhom_chi_tieu");
    return NULL;
  }
  ind_ctx c = {m, NULL, 0};
  c.n = shown_groups(m, pl, path, &c.groups);
  tcol *cols;
  size_t n = choose_columns(m, pl, path, indicator_cols, ind_has, &c, &cols);
  const char *gstyle;
  item_numbering st;
  if (group_style(m, pl, path, &gstyle) | item_style(m, pl, path, 1, N_MA, &st)) return NULL;
  int show_groups = 1;
  vb_value *hn = vb_obj_get(pl, "hien_nhom");
  if (hn && hn->kind != VB_NULL) show_groups = mdl_opt_bool(m, pl, path, "hien_nhom");
  int has_rate = 0, has_assessment = 0;
  for (size_t k = 0; k < n; k++) {
    has_rate |= cols[k].name && !strcmp(cols[k].name, "ty_le");
    has_assessment |= cols[k].name && !strcmp(cols[k].name, "danh_gia");
  }
  col_need *need = vb_arena_alloc(m->a, (n + 1) * sizeof(col_need));
  memset(need, 0, (n + 1) * sizeof(col_need));
  for (size_t g = 0; g < c.n; g++)
    for (size_t i = 0; i < c.groups[g]->n; i++)
      for (size_t k = 0; k < n; k++)
        if (!cols[k].name || strcmp(cols[k].name, "stt"))
          measure(&need[k], indicator_cell(m, &cols[k], &c.groups[g]->items[i], has_rate));
  fit_content(cols, n, need);
  table t;
  if (!n || start_table(m, &t, cols, n, 15, mdl_key(m, path, "cac_cot"), pl) != 0) return NULL;
  simple_header(&t);
  int overall = 0;
  for (size_t g = 0; g < c.n; g++) {
    mdl_group *gr = (mdl_group *)c.groups[g];
    if (has_assessment) gr->assessed = 1;
    const char *no = show_groups ? group_number(m, gstyle, (int)g + 1) : "";
    if (show_groups) group_row(&t, mdl_printf(m, "g%s", gr->ma ? gr->ma : ""), no, gr->ten);
    for (size_t i = 0; i < gr->n; i++) {
      const mdl_indicator *it = &gr->items[i];
      overall++;
      const char *stt = item_number(m, st, no, (int)i + 1, overall, it->ma);
      vb_value *row = new_row(&t, mdl_printf(m, "ct%s", it->key ? it->key : ""), 0, 0);
      for (size_t k = 0; k < n; k++) {
        const tcol *col = &cols[k];
        const char *text =
            col->name && !strcmp(col->name, "stt") ? stt : indicator_cell(m, col, it, has_rate);
        add_cell(&t, row, text ? text : "", col->units, col->align, 0);
      }
    }
  }
  return table_view(&t, pl, path);
}

/* ---- a free table --------------------------------------------------------------- */

static const char *const free_col_keys[] = {"rong", "can", NULL};
static const char *const free_cell_keys[] = {"van_ban", "gop_cot", "gop_dong", "dam", "can", NULL};
static const char *const free_row_keys[] = {"o", "dam", NULL};

typedef struct fcell {
  const vb_value *v;
  const char *path, *text, *align;
  int span, rows, bold;
} fcell;

/* A cell: a string, a number, null, or {"van_ban", "gop_cot", "gop_dong", "dam", "can"}. */
static int free_cell(vb_model *m, const vb_value *v, const char *path, int header, fcell *c) {
  *c = (fcell){v, path, "", NULL, 1, 1, 0};
  if (v->kind == VB_NULL) return 0;
  if (v->kind == VB_STR) {
    c->text = mdl_cite(m, mdl_trim(m, v->u.str.s), path, v);
    return 0;
  }
  if (v->kind == VB_NUM) {
    c->text = mdl_num(m, v->u.num, 2);
    return 0;
  }
  if (v->kind != VB_OBJ) {
    mdl_report(m, "du-lieu.bang", path, v,
               "mỗi ô là một chuỗi, một số, hoặc {\"van_ban\": …, \"gop_cot\": 2}",
               "ô không hợp lệ");
    return -1;
  }
  mdl_check_keys(m, v, path, free_cell_keys);
  c->text = member_text(m, v, path, "van_ban");
  double x;
  int got = mdl_opt_num(m, v, path, "gop_cot", &x);
  if (got < 0) return -1;
  if (got == 1) {
    if (x < 1 || x != floor(x) || x > MDL_MAX_COLS) {
      mdl_report(m, "du-lieu.bang", mdl_key(m, path, "gop_cot"), vb_obj_get(v, "gop_cot"),
                 "ghi số cột ô này chiếm, một số nguyên từ 1", "gop_cot không hợp lệ");
      return -1;
    }
    c->span = (int)x;
  }
  got = mdl_opt_num(m, v, path, "gop_dong", &x);
  if (got < 0) return -1;
  if (got == 1) {
    if (!header) {
      mdl_report(m, "du-lieu.bang", mdl_key(m, path, "gop_dong"), vb_obj_get(v, "gop_dong"),
                 "chỉ ô tiêu đề (dau) mới gộp được nhiều dòng",
                 "gop_dong chỉ dùng trong dòng tiêu đề");
      return -1;
    }
    if (x < 1 || x != floor(x) || x > MDL_MAX_HEADER_ROWS) {
      mdl_report(m, "du-lieu.bang", mdl_key(m, path, "gop_dong"), vb_obj_get(v, "gop_dong"),
                 mdl_printf(m, "ghi số dòng tiêu đề ô này chiếm, từ 1 đến %d", MDL_MAX_HEADER_ROWS),
                 "gop_dong không hợp lệ");
      return -1;
    }
    c->rows = (int)x;
  }
  c->bold = mdl_opt_bool(m, v, path, "dam");
  if (parse_align(m, v, path, &c->align)) return -1;
  return 0;
}

/* A row: a list of cells, or {"o": [cells], "dam": true}. */
static const vb_value *free_row(vb_model *m, const vb_value *v, const char *path, int *bold,
                                const char **cells_path) {
  *bold = 0;
  *cells_path = path;
  if (v->kind == VB_ARR) return v;
  if (v->kind == VB_OBJ) {
    mdl_check_keys(m, v, path, free_row_keys);
    *bold = mdl_opt_bool(m, v, path, "dam");
    *cells_path = mdl_key(m, path, "o");
    vb_value *o = mdl_opt_arr(m, v, path, "o");
    if (o) return o;
    if (!vb_obj_get(v, "o"))
      mdl_report(m, "du-lieu.bang", path, v,
                 "ghi các ô của dòng: {\"o\": [\"…\", \"…\"], \"dam\": true}",
                 "dòng không có ô nào (o)");
    return NULL;
  }
  mdl_report(m, "du-lieu.bang", path, v,
             "mỗi dòng là một danh sách ô [\"…\", \"…\"] hoặc {\"o\": [ … ]}", "dòng không hợp lệ");
  return NULL;
}

static int numeric_text(const char *s) {
  int digits = 0;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p >= '0' && *p <= '9')
      digits++;
    else if (!strchr(" .,%/+-", *p))
      return 0;
  }
  return digits > 0;
}

static size_t text_chars(const char *s) {
  size_t n = 0;
  for (; *s; s++)
    n += ((unsigned char)*s & 0xC0) != 0x80;
  return n;
}

vb_value *mdl_free_table(vb_model *m, vb_value *pl, const char *path) {
  vb_value *head = mdl_opt_arr(m, pl, path, "dau");
  vb_value *body = mdl_opt_arr(m, pl, path, "dong");
  const char *hpath = mdl_key(m, path, "dau"), *bpath = mdl_key(m, path, "dong");
  /* A table prints its header on every page it runs over (nd30-layout.md 4). */
  if (!head || head->u.arr.len == 0) {
    mdl_report(m, "du-lieu.bang", hpath, head ? (const vb_value *)head : pl,
               "ghi dòng tiêu đề trong \"dau\": [[\"STT\", \"Nội dung\"]] và các dòng trong "
               "\"dong\": [[\"1\", \"…\"]]",
               "bảng không có dòng tiêu đề (dau)");
    return NULL;
  }
  size_t nh = head->u.arr.len;
  if (nh > MDL_MAX_HEADER_ROWS) {
    mdl_report(m, "du-lieu.bang", hpath, head,
               mdl_printf(m, "dùng nhiều nhất %d dòng tiêu đề", MDL_MAX_HEADER_ROWS),
               "bảng có %zu dòng tiêu đề", nh);
    return NULL;
  }
  /* The header rows, cells placed on the columns left free by the cells
   * above that span rows. */
  size_t ncols = 0;
  fcell **hc = vb_arena_alloc(m->a, (nh + 1) * sizeof(fcell *));
  size_t *hn = vb_arena_alloc(m->a, (nh + 1) * sizeof(size_t));
  int bad = 0;
  for (size_t r = 0; r < nh; r++) {
    int rb;
    const char *cpath;
    const vb_value *cells = free_row(m, head->u.arr.items[r], mdl_idx(m, hpath, r), &rb, &cpath);
    hn[r] = 0;
    if (!cells) {
      bad = 1;
      continue;
    }
    hc[r] = vb_arena_alloc(m->a, (cells->u.arr.len + 1) * sizeof(fcell));
    for (size_t i = 0; i < cells->u.arr.len; i++)
      if (free_cell(m, cells->u.arr.items[i], mdl_idx(m, cpath, i), 1, &hc[r][hn[r]++]) != 0)
        bad = 1;
  }
  if (bad) return NULL;
  for (size_t i = 0; i < hn[0]; i++)
    ncols += (size_t)hc[0][i].span;
  if (ncols == 0 || ncols > MDL_MAX_COLS) {
    mdl_report(m, "du-lieu.bang", hpath, head,
               mdl_printf(m, "bảng cần từ 1 đến %d cột", MDL_MAX_COLS), "bảng có %zu cột", ncols);
    return NULL;
  }
  /* owner[r][c]: the header cell covering column c of row r. */
  fcell ***owner = vb_arena_alloc(m->a, (nh + 1) * sizeof(fcell **));
  int **first = vb_arena_alloc(m->a, (nh + 1) * sizeof(int *));
  for (size_t r = 0; r < nh; r++) {
    owner[r] = vb_arena_alloc(m->a, ncols * sizeof(fcell *));
    first[r] = vb_arena_alloc(m->a, ncols * sizeof(int));
    memset(owner[r], 0, ncols * sizeof(fcell *));
    memset(first[r], 0, ncols * sizeof(int));
  }
  for (size_t r = 0; r < nh && !bad; r++) {
    size_t col = 0;
    for (size_t i = 0; i < hn[r]; i++) {
      fcell *c = &hc[r][i];
      while (col < ncols && owner[r][col])
        col++;
      if (col + (size_t)c->span > ncols) {
        mdl_report(m, "du-lieu.bang", c->path, c->v,
                   "mỗi dòng tiêu đề phải phủ đúng các cột của dòng đầu (tính cả ô gộp từ dòng "
                   "trên)",
                   "dòng tiêu đề %zu vượt quá %zu cột của bảng", r + 1, ncols);
        bad = 1;
        break;
      }
      if (r + (size_t)c->rows > nh) {
        mdl_report(m, "du-lieu.bang", mdl_key(m, c->path, "gop_dong"), c->v,
                   "ô chỉ gộp được các dòng tiêu đề bên dưới nó",
                   "ô gộp %d dòng nhưng bảng chỉ có %zu dòng tiêu đề", c->rows, nh);
        bad = 1;
        break;
      }
      for (size_t rr = r; rr < r + (size_t)c->rows; rr++)
        for (size_t k = col; k < col + (size_t)c->span; k++) {
          if (owner[rr][k]) {
            mdl_report(m, "du-lieu.bang", c->path, c->v,
                       "kiểm tra gop_cot và gop_dong của các ô tiêu đề",
                       "ô tiêu đề chồng lên một ô đã gộp");
            bad = 1;
          }
          owner[rr][k] = c;
        }
      first[r][col] = 1;
      col += (size_t)c->span;
    }
    for (size_t k = 0; k < ncols && !bad; k++)
      if (!owner[r][k]) {
        mdl_report(m, "du-lieu.bang", mdl_idx(m, hpath, r), head->u.arr.items[r],
                   "mỗi dòng tiêu đề phải phủ đúng các cột của dòng đầu (tính cả ô gộp từ dòng "
                   "trên)",
                   "dòng tiêu đề %zu thiếu ô ở cột %zu", r + 1, k + 1);
        bad = 1;
      }
  }
  if (bad) return NULL;

  /* Columns: widths and alignment as given in cot, otherwise from the content. */
  tcol *cols = vb_arena_alloc(m->a, (ncols + 1) * sizeof(tcol));
  vb_value *spec = mdl_opt_arr(m, pl, path, "cot");
  const char *spath = mdl_key(m, path, "cot");
  if (spec && spec->u.arr.len != ncols) {
    mdl_report(m, "du-lieu.bang", spath, spec,
               mdl_printf(m, "ghi đúng %zu cột, mỗi cột {\"rong\": …, \"can\": …}", ncols),
               "cot có %zu cột nhưng bảng có %zu cột", spec->u.arr.len, ncols);
    return NULL;
  }
  for (size_t k = 0; k < ncols; k++) {
    const char *header = "";
    for (size_t r = 0; r < nh; r++)
      if (owner[r][k]->span == 1) header = owner[r][k]->text;
    if (!*header && nh) header = owner[0][k]->text;
    /* Content decides: numbers centred, a narrow STT column, text shares by length. */
    size_t chars = 0, cells = 0;
    int numeric = 1;
    for (size_t i = 0; body && i < body->u.arr.len; i++) {
      const vb_value *row = body->u.arr.items[i];
      const vb_value *o = row->kind == VB_ARR ? row : vb_obj_get(row, "o");
      const vb_value *cv = o && o->kind == VB_ARR && k < o->u.arr.len ? o->u.arr.items[k] : NULL;
      const vb_value *tv = cv && cv->kind == VB_OBJ ? vb_obj_get(cv, "van_ban") : cv;
      if (!tv || (tv->kind != VB_STR && tv->kind != VB_NUM)) continue;
      const char *s = tv->kind == VB_STR ? tv->u.str.s : "0";
      if (!*s) continue;
      cells++, chars += text_chars(s);
      numeric &= tv->kind == VB_NUM || numeric_text(s);
    }
    int stt = !strcmp(header, "STT") || !strcmp(header, "TT") || !strcmp(header, "Số TT");
    double avg = cells ? (double)chars / (double)cells : 8;
    /* Shares grow with the text's length, damped: a long text column is
     * wider than a column of figures, not ten times wider. */
    cols[k] = (tcol){NULL,
                     "",
                     header,
                     stt || (cells && numeric) ? "giua" : "trai",
                     stt ? 12 : 0,
                     stt ? 0 : sqrt(fmin(fmax(avg, 3), 60)),
                     0,
                     0};
    if (spec) {
      const vb_value *sv = spec->u.arr.items[k];
      const char *cpath = mdl_idx(m, spath, k);
      if (sv->kind != VB_OBJ) {
        mdl_report(m, "du-lieu.bang", cpath, sv, "mỗi cột là {\"rong\": 30, \"can\": \"giua\"}",
                   "cột không hợp lệ");
        return NULL;
      }
      mdl_check_keys(m, sv, cpath, free_col_keys);
      double mm = 0;
      if (parse_width(m, sv, cpath, &mm) || parse_align(m, sv, cpath, &cols[k].align)) return NULL;
      if (mm > 0) cols[k].mm = mm, cols[k].weight = 0;
    }
  }
  table t;
  if (start_table(m, &t, cols, ncols, 0, path, pl) != 0) return NULL;
  t.has_stt = 0;

  /* The header rows in the view: a covered place is a "tiep" cell. */
  for (size_t r = 0; r < nh; r++) {
    vb_value *row = vb_val_obj(m->a), *cells = vb_val_arr(m->a);
    vb_obj_set(m->a, row, "o", cells);
    for (size_t k = 0; k < ncols;) {
      fcell *c = owner[r][k];
      size_t from = k;
      int units = 0;
      while (k < ncols && owner[r][k] == c && k < from + (size_t)c->span)
        units += cols[k++].units;
      int covered = !first[r][from];
      vb_arr_push(m->a, cells,
                  header_cell(m, covered ? "" : c->text, units, covered ? 0 : c->rows, covered));
    }
    vb_arr_push(m->a, t.dau, row);
  }
  /* The body rows. */
  for (size_t i = 0; body && i < body->u.arr.len; i++) {
    int rb;
    const char *cpath, *rpath = mdl_idx(m, bpath, i);
    const vb_value *cells = free_row(m, body->u.arr.items[i], rpath, &rb, &cpath);
    if (!cells) continue;
    vb_value *row = new_row(&t, mdl_printf(m, "r%zu", i + 1), 0, rb);
    size_t k = 0;
    for (size_t j = 0; j < cells->u.arr.len; j++) {
      fcell c;
      if (free_cell(m, cells->u.arr.items[j], mdl_idx(m, cpath, j), 0, &c) != 0) continue;
      if (k + (size_t)c.span > ncols) {
        mdl_report(m, "du-lieu.bang", c.path, c.v,
                   mdl_printf(m, "mỗi dòng có đúng %zu cột (tính cả gop_cot)", ncols),
                   "dòng %zu vượt quá %zu cột của bảng", i + 1, ncols);
        break;
      }
      int units = 0;
      for (size_t x = k; x < k + (size_t)c.span; x++)
        units += cols[x].units;
      add_cell(&t, row, c.text, units, c.align ? c.align : cols[k].align, rb || c.bold);
      k += (size_t)c.span;
    }
    if (k < ncols && cells->u.arr.len)
      mdl_report(
          m, "du-lieu.bang", rpath, body->u.arr.items[i],
          mdl_printf(m, "mỗi dòng có đúng %zu cột (tính cả gop_cot); để trống thì ghi \"\"", ncols),
          "dòng %zu có %zu cột, bảng có %zu cột", i + 1, k, ncols);
  }
  return table_view(&t, pl, path);
}

/* ---- the THÔNG BÁO assignment table ----------------------------------------------- */

vb_value *mdl_assign_generic(vb_model *m, const vb_value *legacy, vb_value *pl, const char *path) {
  static const col_def assign_cols[] = {{"stt", "STT", 12, 0, "giua", 1},
                                        {"don_vi", "Đơn vị tham mưu", 30, 0, "trai", 1},
                                        {"ma", "Mục", 15, 0, "giua", 1},
                                        {"noi_dung", "Nội dung", 66, 0, "trai", 1},
                                        {"diem", "Điểm đạt", 18, 0, "giua", 1},
                                        {"thoi_han", "Thời hạn", 24, 0, "giua", 1},
                                        {NULL, NULL, 0, 0, NULL, 0}};
  tcol cols[6];
  for (size_t i = 0; i < 6; i++)
    cols[i] = col_from_def(&assign_cols[i]);
  header_overrides(m, pl, path, cols, 6);
  table t;
  if (start_table(m, &t, cols, 6, 0, path, pl) != 0) return NULL;
  simple_header(&t);
  const vb_value *rows = vb_obj_get(legacy, "dong");
  for (size_t i = 0; rows && i < rows->u.arr.len; i++) {
    const vb_value *r = rows->u.arr.items[i];
    const vb_value *g = vb_obj_get(r, "nhom");
    const char *unit = vb_obj_get(r, "don_vi")->u.str.s;
    const char *stt = vb_obj_get(r, "stt")->u.str.s;
    if (g && g->u.b) {
      group_row(&t, mdl_printf(m, "dv%s", unit), stt, unit);
      continue;
    }
    const char *ma = vb_obj_get(r, "ma")->u.str.s;
    vb_value *row = new_row(&t, mdl_printf(m, "dv%s/%s", unit, ma), 0, 0);
    for (size_t k = 0; k < 6; k++) {
      const vb_value *f = vb_obj_get(r, cols[k].field);
      add_cell(&t, row, f && f->kind == VB_STR ? f->u.str.s : "", cols[k].units, cols[k].align, 0);
    }
  }
  return table_view(&t, pl, path);
}

const char **mdl_indicator_column_fields(vb_model *m) {
  const vb_value *list = vb_obj_get(m->root, "phu_luc");
  size_t cap = 0;
  for (size_t i = 0; list && list->kind == VB_ARR && i < list->u.arr.len; i++) {
    const vb_value *cc = vb_obj_get(list->u.arr.items[i], "cac_cot");
    if (cc && cc->kind == VB_ARR) cap += cc->u.arr.len;
  }
  if (!cap) return NULL;
  const char **f = vb_arena_alloc(m->a, (cap + 1) * sizeof(char *));
  size_t n = 0;
  for (size_t i = 0; i < list->u.arr.len; i++) {
    const vb_value *pl = list->u.arr.items[i];
    const vb_value *kieu = vb_obj_get(pl, "kieu"), *cc = vb_obj_get(pl, "cac_cot");
    if (!kieu || kieu->kind != VB_STR || strcmp(kieu->u.str.s, "chi_tieu") || !cc ||
        cc->kind != VB_ARR)
      continue;
    for (size_t k = 0; k < cc->u.arr.len; k++) {
      const vb_value *t = vb_obj_get(cc->u.arr.items[k], "truong");
      if (t && t->kind == VB_STR && !mdl_blank(t->u.str.s)) f[n++] = mdl_trim(m, t->u.str.s);
    }
  }
  f[n] = NULL;
  return f;
}

/* bang_chi_tieu as it was before tables had chosen columns: every group (a
 * Roman number), every indicator under its id (for one's own templates). */
vb_value *mdl_legacy_indicator_table(vb_model *m) {
  vb_value *out = vb_val_obj(m->a);
  vb_value *rows = vb_val_arr(m->a);
  vb_obj_set(m->a, out, "dong", rows);
  for (size_t g = 0; g < m->ngroups; g++) {
    const mdl_group *gr = &m->groups[g];
    for (size_t i = 0; i <= gr->n; i++) {
      const mdl_indicator *it = i ? &gr->items[i - 1] : NULL;
      vb_value *r = vb_val_obj(m->a);
      mdl_set_str(m, r, "id",
                  it ? mdl_printf(m, "ct%s", it->key ? it->key : "")
                     : mdl_printf(m, "g%s", gr->ma ? gr->ma : ""));
      mdl_set_bool(m, r, "nhom", !it);
      mdl_set_str(m, r, "stt", it ? it->ma : group_number(m, "I", (int)g + 1));
      mdl_set_str(m, r, "ten", it ? it->ten : gr->ten);
      mdl_set_str(m, r, "don_vi", it ? it->don_vi : "");
      mdl_set_str(m, r, "chi_tieu", it ? it->muc_tieu_text : "");
      mdl_set_str(m, r, "ket_qua", it ? it->ket_qua_bang : "");
      mdl_set_str(m, r, "danh_gia", it ? it->danh_gia : "");
      vb_arr_push(m->a, rows, r);
    }
  }
  return out;
}
