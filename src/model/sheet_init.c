/* The data file `vanban init` writes from a workbook an office already
 * keeps: every sheet that holds an indicator table, a list of documents or a
 * score sheet is recognised by its headers and mapped (not copied: the file
 * refers to the sheets, so later changes reach every render). A BÁO CÁO: the
 * indicator table becomes nhom_chi_tieu and an appendix of kieu chi_tieu with
 * the sheet's columns in the sheet's order, under the sheet's own headings
 * and group numbering; each list of documents an appendix of kieu van_ban. A
 * THÔNG BÁO (a workbook holding a score sheet, or asked for): the score
 * sheet becomes bang_diem and the assignment annex (kieu giao_viec) computed
 * from it. The body cites each appendix by id. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/json.h"
#include "model/sheet_internal.h"
#include "util/diag.h"
#include "vi/vi.h"

static void json_str(vb_buf *b, const char *s) { vb_json_write_string(b, s, strlen(s)); }

/* A header cell's text on one line, as the data file's "cot" names it. */
static void header_text(const vb_sheet *s, uint32_t row, uint32_t col, vb_buf *out) {
  vb_buf raw = VB_BUF_INIT;
  vb_cell_display(vb_sheet_cell_merged(s, row, col), &raw);
  const char *p = vb_buf_cstr(&raw);
  int blank = 0;
  for (; *p; p++) {
    if (*p == '\n' || *p == '\r' || *p == ' ' || *p == '\t') {
      blank = out->len > 0;
      continue;
    }
    if (blank) vb_buf_putc(out, ' ');
    blank = 0;
    vb_buf_putc(out, *p);
  }
  vb_buf_free(&raw);
}

/* The title above a table: the only filled cell of a row above the header
 * ("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU …", merged across), or NULL. */
static char *title_above(const vb_sheet *s, uint32_t header_top) {
  for (size_t i = 0; i < s->nrows && s->rows[i].row < header_top; i++) {
    const vb_srow *r = &s->rows[i];
    const vb_cell *only = NULL;
    int n = 0;
    for (uint32_t k = 0; k < r->n; k++)
      if (vb_cell_filled(&r->cells[k])) n++, only = &r->cells[k];
    if (n == 1 && only->type == VB_CELL_TEXT) {
      vb_buf b = VB_BUF_INIT;
      header_text(s, r->row, only->col, &b);
      return vb_buf_detach(&b, NULL);
    }
  }
  return NULL;
}

/* What a sheet holds, judged by its headers: a score sheet has a maximum
 * and a score column; an indicator table a target or a result column; a
 * list of documents a title column. */
typedef enum { SHEET_OTHER, SHEET_INDICATORS, SHEET_DOCUMENTS, SHEET_SCORES } sheet_kind;

static sheet_kind classify(const vb_sheet *s, vb_table_cols *ind, vb_table_cols *doc,
                           vb_table_cols *sc, const char *book_path) {
  vb_diags *quiet = vb_diags_new();
  int sc_ok =
      vb_model_sheet_columns(s, VB_MODEL_TABLE_SCORES, NULL, 0, sc, book_path, s->name, quiet) == 0;
  if (sc_ok && vb_table_col(sc, "toi_da") >= 0 &&
      (vb_table_col(sc, "diem") >= 0 || vb_table_col(sc, "tu_cham") >= 0)) {
    vb_diags_free(quiet);
    return SHEET_SCORES;
  }
  int ind_ok = vb_model_sheet_columns(s, VB_MODEL_TABLE_INDICATORS, NULL, 0, ind, book_path,
                                      s->name, quiet) == 0;
  int doc_ok = vb_model_sheet_columns(s, VB_MODEL_TABLE_DOCUMENTS, NULL, 0, doc, book_path, s->name,
                                      quiet) == 0;
  vb_diags_free(quiet);
  if (ind_ok && (vb_table_col(ind, "muc_tieu") >= 0 || vb_table_col(ind, "ket_qua") >= 0 ||
                 vb_table_col(ind, "tu") >= 0))
    return SHEET_INDICATORS;
  if (doc_ok && vb_table_col(doc, "trich_yeu") >= 0) return SHEET_DOCUMENTS;
  return SHEET_OTHER;
}

/* The appendix column an indicator field is shown in, or NULL. */
static const char *column_of(const vb_table_cols *m, const char *field) {
  static const char *const map[][2] = {{"ma", "stt"},
                                       {"ten", "ten"},
                                       {"don_vi", "don_vi"},
                                       {"muc_tieu", "chi_tieu"},
                                       {"ket_qua", "ket_qua"},
                                       {"tu", "ket_qua"},
                                       {"danh_gia", "danh_gia"},
                                       {"ghi_chu", "ghi_chu"},
                                       {"kho_khan", "kho_khan"},
                                       {"don_vi_thuc_hien", "don_vi_thuc_hien"},
                                       {NULL, NULL}};
  if (!strcmp(field, "yeu_cau")) return vb_table_col(m, "ten") >= 0 ? "yeu_cau" : "noi_dung";
  for (size_t i = 0; map[i][0]; i++)
    if (!strcmp(map[i][0], field)) return map[i][1];
  return NULL;
}

/* The "cot" object of a reference: each field's header as the sheet writes it. */
static void cot_object(vb_buf *j, const vb_sheet *s, const vb_table_cols *m, const char *indent) {
  vb_buf_puts(j, "{");
  for (size_t i = 0; i < m->nfields; i++) {
    vb_buf h = VB_BUF_INIT;
    header_text(s, m->header_row, m->col[i], &h);
    vb_buf_printf(j, "%s\n%s  \"%s\": ", i ? "," : "", indent, m->field[i]);
    json_str(j, vb_buf_cstr(&h));
    vb_buf_free(&h);
  }
  vb_buf_printf(j, "\n%s}", indent);
}

/* What each field is, in the column report. */
static const char *field_meaning(vb_model_table kind, const char *f) {
  static const char *const ind[][2] = {
      {"ma", "số thứ tự, mã chỉ tiêu"},
      {"ten", "tên chỉ tiêu"},
      {"yeu_cau", "yêu cầu, nội dung chỉ tiêu"},
      {"don_vi", "đơn vị tính"},
      {"muc_tieu", "mục tiêu, kế hoạch, chỉ tiêu giao"},
      {"ket_qua", "kết quả thực hiện"},
      {"tu", "tử số của kết quả"},
      {"mau", "mẫu số của kết quả"},
      {"ty_le", "tỷ lệ: chỉ để đối chiếu, văn bản in tỷ lệ tính từ số liệu"},
      {"thuyet_minh", "thuyết minh"},
      {"minh_chung", "tài liệu minh chứng"},
      {"danh_gia", "đánh giá; số liệu quyết định khi đủ"},
      {"ly_do", "lý do"},
      {"khong_hoan_thanh", "không hoàn thành, có/không"},
      {"ghi_chu", "ghi chú, in ở cột Ghi chú của phụ lục"},
      {"kho_khan", "khó khăn, vướng mắc"},
      {"don_vi_thuc_hien", "đơn vị thực hiện"},
      {NULL, NULL}};
  static const char *const sc[][2] = {
      {"ma", "số thứ tự: 1, 2 là chỉ số, 1.1, 1.2 là tiêu chí thành phần"},
      {"ten", "tên chỉ số"},
      {"noi_dung", "chỉ số, tiêu chí thành phần"},
      {"toi_da", "điểm tối đa"},
      {"diem", "điểm đạt được"},
      {"tu_cham", "điểm tự chấm: dùng khi bảng không có cột điểm thẩm định, đạt được"},
      {"don_vi", "đơn vị chịu trách nhiệm khắc phục"},
      {"thoi_han", "thời hạn khắc phục"},
      {"ghi_chu", "ghi chú, in ở phụ lục giao trách nhiệm"},
      {NULL, NULL}};
  static const char *const doc[][2] = {{"ma", "số thứ tự, vanban tự đánh số"},
                                       {"trich_yeu", "trích yếu, tên văn bản"},
                                       {"so_ky_hieu", "số, ký hiệu"},
                                       {"ngay", "ngày ban hành"},
                                       {"co_quan", "cơ quan ban hành"},
                                       {"ghi_chu", "ghi chú"},
                                       {NULL, NULL}};
  const char *const(*t)[2] = kind == VB_MODEL_TABLE_INDICATORS ? ind
                             : kind == VB_MODEL_TABLE_SCORES   ? sc
                                                               : doc;
  for (size_t i = 0; t[i][0]; i++)
    if (!strcmp(t[i][0], f)) return t[i][1];
  return "";
}

/* Does any row below the header have something in column col? */
static int column_has_data(const vb_sheet *s, const vb_table_cols *m, uint32_t col) {
  for (size_t i = 0; i < s->nrows; i++)
    if (s->rows[i].row > m->header_row) {
      const vb_cell *c = vb_sheet_cell(s, s->rows[i].row, col);
      if (c && vb_cell_filled(c)) return 1;
    }
  return 0;
}

/* Every column of the table: the field it was mapped to, or why it was
 * left out and the line of "cot" that would take it in. */
static void column_report(vb_buf *out, const vb_sheet *s, const vb_table_cols *m,
                          vb_model_table kind, const char *ref) {
  const vb_table_field *fields = vb_model_sheet_fields(kind);
  for (uint32_t c = 0; c <= s->max_col; c++) {
    vb_buf h = VB_BUF_INIT, col = VB_BUF_INIT;
    vb_table_header_text(s, m, c, &h);
    const char *head = vb_buf_cstr(&h);
    if (!*head && !column_has_data(s, m, c)) {
      vb_buf_free(&h);
      continue;
    }
    vb_col_name(c, &col);
    vb_buf_printf(out, "  cột %s \"%s\" → ", vb_buf_cstr(&col), head);
    const char *mapped = NULL;
    for (size_t i = 0; i < m->nfields && !mapped; i++)
      if (m->col[i] == c) mapped = m->field[i];
    const char *named = *head ? vb_table_field_named(fields, head) : NULL;
    if (mapped) {
      vb_buf_printf(out, "%s: %s\n", mapped, field_meaning(kind, mapped));
    } else if (!*head) {
      vb_buf_printf(out,
                    "bỏ qua: cột không có tiêu đề; để dùng, đặt tiêu đề cho cột hoặc thêm vào "
                    "\"cot\" của %s dòng \"<trường>\": \"%s\"\n",
                    ref, vb_buf_cstr(&col));
    } else if (named) {
      vb_buf first = VB_BUF_INIT;
      vb_col_name((uint32_t)vb_table_col(m, named), &first);
      vb_buf_printf(out, "bỏ qua: %s đã lấy từ cột %s\n", named, vb_buf_cstr(&first));
      vb_buf_free(&first);
    } else {
      const char *names[VB_TABLE_MAX_FIELDS + 1];
      size_t n = 0;
      for (; fields[n].field && n < VB_TABLE_MAX_FIELDS; n++)
        names[n] = fields[n].field;
      names[n] = NULL;
      /* a field whose usual header is close to it: "Ket qua" → ket_qua */
      const char *guess = NULL;
      for (size_t f = 0; fields[f].field && !guess; f++)
        if (vi_suggest(head, fields[f].headers)) guess = fields[f].field;
      if (guess)
        vb_buf_printf(out,
                      "bỏ qua: tiêu đề không quen; nếu là %s (%s), thêm vào \"cot\" của %s dòng "
                      "\"%s\": \"%s\"\n",
                      guess, field_meaning(kind, guess), ref, guess, head);
      else
        vb_buf_printf(out,
                      "bỏ qua: tiêu đề không quen; để dùng, thêm vào \"cot\" của %s dòng "
                      "\"<trường>\": \"%s\" (các trường: ",
                      ref, head);
      for (size_t k = 0; !guess && k < n; k++)
        vb_buf_printf(out, "%s%s", k ? ", " : "", names[k]);
      if (!guess) vb_buf_puts(out, ")\n");
    }
    vb_buf_free(&h), vb_buf_free(&col);
  }
}

/* The fields an indicator table or a score sheet is read for that no column
 * gave: what the document loses, and the exact line of "cot" that takes a
 * column in (the column's header when one column was left out, else a
 * placeholder). */
static void missing_report(vb_buf *out, const vb_sheet *s, const vb_table_cols *m,
                           vb_model_table kind) {
  const vb_table_field *fields = vb_model_sheet_fields(kind);
  vb_buf only = VB_BUF_INIT;
  int nleft = 0;
  for (uint32_t c = 0; c <= s->max_col; c++) {
    vb_buf h = VB_BUF_INIT;
    vb_table_header_text(s, m, c, &h);
    int mapped = 0;
    for (size_t i = 0; i < m->nfields; i++)
      mapped |= m->col[i] == c;
    if (h.len && !mapped && !vb_table_field_named(fields, vb_buf_cstr(&h))) {
      nleft++;
      vb_buf_clear(&only);
      vb_buf_puts(&only, vb_buf_cstr(&h));
    }
    vb_buf_free(&h);
  }
  static const char *const want[][3] = {
      {"muc_tieu", NULL, "không so được kết quả với mục tiêu: đánh giá lấy từ cột Đánh giá"},
      {"ket_qua", "tu", "không có kết quả để in và đánh giá"},
      {"ten", "yeu_cau", "chỉ tiêu mang tên \"Tiêu chí số …\""},
      {NULL, NULL, NULL}};
  static const char *const want_scores[][3] = {
      {"ma", NULL, "không phân biệt được dòng chỉ số với dòng tiêu chí thành phần"},
      {"noi_dung", "ten", "phụ lục không có tên chỉ số và tiêu chí"},
      {"don_vi", NULL,
       "tiêu chí chưa đạt điểm tối đa không giao được cho ai (thiếu đơn vị phụ trách là lỗi)"},
      {NULL, NULL, NULL}};
  int scores = kind == VB_MODEL_TABLE_SCORES;
  for (size_t w = 0; (scores ? want_scores : want)[w][0]; w++) {
    const char *const *f = (scores ? want_scores : want)[w];
    if (vb_table_col(m, f[0]) >= 0 || (f[1] && vb_table_col(m, f[1]) >= 0)) continue;
    const char *head = nleft == 1 ? vb_buf_cstr(&only) : "<tiêu đề của cột>";
    if (scores) {
      vb_buf_printf(out,
                    "  không thấy cột %s (%s): %s; nếu bảng có cột này, thêm vào \"cot\" của "
                    "bang_diem dòng \"%s\": \"%s\"\n",
                    f[0], field_meaning(kind, f[0]), f[2], f[0], head);
      continue;
    }
    vb_buf_printf(out,
                  "  không thấy cột %s (%s): %s; nếu bảng có cột này, thêm vào \"cot\" của "
                  "nhom_chi_tieu dòng \"%s\": \"%s\" và, để in nó, vào \"cac_cot\" của phụ "
                  "lục chi-tieu {\"cot\": \"%s\", \"tieu_de\": \"%s\"}\n",
                  want[w][0], field_meaning(VB_MODEL_TABLE_INDICATORS, want[w][0]), want[w][2],
                  want[w][0], head, column_of(m, want[w][0]), head);
  }
  vb_buf_free(&only);
}

/* danh_so_nhom as the sheet numbers its groups: "I", "1", "A" or "". */
static const char *group_style(const vb_value *groups) {
  const vb_value *so =
      groups && groups->u.arr.len ? vb_obj_get(groups->u.arr.items[0], "_so") : NULL;
  if (!so || so->kind != VB_STR || !*so->u.str.s) return "";
  const char *t = so->u.str.s;
  if (t[0] >= '0' && t[0] <= '9') return "1";
  if (strspn(t, "IVX") == strlen(t)) return "I";
  return "A";
}

/* One sheet's reference: "source" (the workbook as the data file names it,
 * and the sheet), the header row and the columns. */
static void reference(vb_buf *j, const char *book_ref, const vb_sheet *s, const vb_table_cols *m,
                      const char *indent) {
  vb_buf ref = VB_BUF_INIT;
  vb_buf_printf(&ref, "%s#%s", book_ref, s->name);
  vb_buf_printf(j, "\"source\": ");
  json_str(j, vb_buf_cstr(&ref));
  vb_buf_printf(j, ",\n%s\"dong_tieu_de\": %u,\n%s\"cot\": ", indent, m->header_row + 1, indent);
  cot_object(j, s, m, indent);
  vb_buf_free(&ref);
}

/* The van_ban every skeleton starts with: what to fill in is "…". */
static void van_ban(vb_buf *json, const char *ky_hieu, const char *trich_yeu, const char *kinh_gui,
                    const char *noi_nhan, const char *today) {
  vb_buf_printf(
      json,
      "  \"van_ban\": {\n"
      "    \"co_quan_chu_quan\": \"UBND huyện …\",\n"
      "    \"co_quan_ban_hanh\": \"Ủy ban nhân dân\\nxã …\",\n"
      "    \"ten_co_quan\": \"UBND xã …\",\n"
      "    \"so\": null,\n"
      "    \"ky_hieu\": \"%s\",\n"
      "    \"dia_danh\": \"…\",\n"
      "    \"ngay\": \"%.7s\",\n"
      "    \"du_thao\": true,\n"
      "    \"trich_yeu\": \"%s\",\n"
      "%s"
      "    \"noi_nhan\": [%s],\n"
      "    \"luu\": \"VT\",\n"
      "    \"ky\": {\"dong\": [\"TM. Ủy ban nhân dân\", \"Chủ tịch\"], \"ho_ten\": \"…\"}\n"
      "  },\n",
      ky_hieu, today, trich_yeu, kinh_gui, noi_nhan);
}

/* Count a score sheet's indices, sub-criteria and those below their maximum. */
static void count_scores(const vb_value *indices, size_t *nidx, size_t *ncrit, size_t *nbelow) {
  *nidx = indices->u.arr.len, *ncrit = *nbelow = 0;
  for (size_t i = 0; i < indices->u.arr.len; i++) {
    const vb_value *tc = vb_obj_get(indices->u.arr.items[i], "tieu_chi");
    for (size_t k = 0; tc && k < tc->u.arr.len; k++) {
      const vb_value *diem = vb_obj_get(tc->u.arr.items[k], "diem");
      const vb_value *max = vb_obj_get(tc->u.arr.items[k], "toi_da");
      (*ncrit)++;
      if (diem && max && diem->u.num < max->u.num) (*nbelow)++;
    }
  }
}

/* The THÔNG BÁO kết luận: the score sheet as bang_diem, and the annex that
 * assigns the sub-criteria below their maximum to their units. The meeting
 * is dated today (to correct) since a date cannot be a placeholder. */
static void thong_bao_json(vb_buf *json, const char *book_ref, const vb_sheet *s,
                           const vb_table_cols *cols, const char *today) {
  vb_buf_puts(json, "{\n  \"loai\": \"thong-bao\",\n");
  van_ban(json, "TB-UBND", "Kết luận của … tại Hội nghị …", "", "\"Các đơn vị liên quan\"", today);
  vb_buf_printf(json,
                "  \"cuoc_hop\": {\n"
                "    \"ngay\": \"%.10s\",\n"
                "    \"ten\": \"Hội nghị …\",\n"
                "    \"chu_tri\": {\"ho_ten\": \"…\", \"chuc_vu\": \"Chủ tịch UBND xã\"}\n"
                "  },\n"
                "  \"ket_luan\": [\n"
                "    {\"tieu_de\": \"Giao trách nhiệm cho các đơn vị tham mưu khắc phục các tiêu "
                "chí thành phần chưa đạt điểm tối đa (chi tiết tại @phu_luc:giao-viec).\", "
                "\"noi_dung\": []}\n"
                "  ],\n"
                "  \"ket_thuc\": [\"Trên đây là Thông báo kết luận …\"],\n"
                "  \"bang_diem\": {\n    ",
                today);
  reference(json, book_ref, s, cols, "    ");
  vb_buf_puts(json,
              "\n  },\n"
              "  \"phu_luc\": [\n"
              "    {\n"
              "      \"id\": \"giao-viec\",\n"
              "      \"kieu\": \"giao_viec\",\n"
              "      \"tieu_de\": \"Kết quả đánh giá các tiêu chí thành phần chưa đạt điểm tối đa "
              "và giao trách nhiệm tham mưu khắc phục\"\n"
              "    }\n"
              "  ]\n}\n");
}

int vb_model_init_json(vb_arena *a, vb_book *b, const char *sheet_name, vb_model_init_kind want,
                       const char *book_ref, const char *today, vb_buf *json, vb_buf *summary,
                       vb_diags *d) {
  const char *book_path = b->path;
  size_t first = 0, last = b->nsheets;
  if (sheet_name && *sheet_name) {
    vb_sheet *one = vb_book_sheet(b, sheet_name, d);
    if (!one) return -1;
    for (first = 0; b->sheets[first] != one; first++) {
    }
    last = first + 1;
  }
  /* What each sheet holds, and so what the document is: a THÔNG BÁO when
   * the sheets hold a score sheet and nothing a BÁO CÁO is made of; asked
   * for when they hold both. */
  sheet_kind *kinds = vb_arena_alloc(a, (b->nsheets + 1) * sizeof(sheet_kind));
  vb_table_cols *ic_of = vb_arena_alloc(a, (b->nsheets + 1) * sizeof(vb_table_cols));
  vb_table_cols *dc_of = vb_arena_alloc(a, (b->nsheets + 1) * sizeof(vb_table_cols));
  vb_table_cols *sc_of = vb_arena_alloc(a, (b->nsheets + 1) * sizeof(vb_table_cols));
  const vb_sheet *score_sheet = NULL, *report_sheet = NULL;
  for (size_t i = first; i < last; i++) {
    kinds[i] = classify(b->sheets[i], &ic_of[i], &dc_of[i], &sc_of[i], book_path);
    if (kinds[i] == SHEET_SCORES && !score_sheet) score_sheet = b->sheets[i];
    if ((kinds[i] == SHEET_INDICATORS || kinds[i] == SHEET_DOCUMENTS) && !report_sheet)
      report_sheet = b->sheets[i];
  }
  if (want == VB_MODEL_INIT_AUTO && score_sheet && report_sheet) {
    vb_error_rule(d, VB_EDATA, "init.loai", book_path, NULL,
                  "chọn loại văn bản: --loai thong-bao (dùng bảng điểm) hoặc --loai bao-cao "
                  "(dùng bảng chỉ tiêu, danh mục văn bản); hoặc chọn một trang bằng --sheet",
                  "không rõ loại văn bản: trang \"%s\" là bảng điểm (thông báo kết luận), trang "
                  "\"%s\" là bảng của báo cáo",
                  score_sheet->name, report_sheet->name);
    return -1;
  }
  if (want == VB_MODEL_INIT_THONG_BAO || (want == VB_MODEL_INIT_AUTO && score_sheet)) {
    const vb_sheet *used = NULL;
    vb_table_cols cols;
    int bad = 0;
    for (size_t i = first; i < last; i++) {
      const vb_sheet *s = b->sheets[i];
      if (kinds[i] != SHEET_SCORES) {
        vb_buf_printf(summary, "%s, trang \"%s\": %s\n", book_path, s->name,
                      kinds[i] == SHEET_OTHER ? "không có bảng điểm"
                                              : "không phải bảng điểm, không dùng trong thông báo");
        continue;
      }
      if (used) {
        vb_buf_printf(summary,
                      "%s, trang \"%s\": bảng điểm thứ hai, không dùng (một thông báo có một "
                      "bang_diem; chọn trang bằng --sheet)\n",
                      book_path, s->name);
        continue;
      }
      vb_table_reader x = {.a = a, .s = s, .cols = &sc_of[i], .book = book_path, .d = d};
      vb_buf skipped = VB_BUF_INIT;
      vb_value *indices = mdl_sheet_scores(&x, &skipped);
      vb_buf_printf(summary, "%s, trang \"%s\": bảng điểm (thông báo kết luận), dòng tiêu đề %u",
                    book_path, s->name, sc_of[i].header_row + 1);
      if (indices) {
        size_t ni, nc, nb;
        count_scores(indices, &ni, &nc, &nb);
        vb_buf_printf(summary,
                      ", %zu chỉ số, %zu tiêu chí thành phần, %zu tiêu chí chưa đạt điểm tối "
                      "đa\n",
                      ni, nc, nb);
      } else {
        vb_buf_puts(summary, ", có ô không đọc được (xem các lỗi bên dưới)\n");
        bad = 1;
      }
      column_report(summary, s, &sc_of[i], VB_MODEL_TABLE_SCORES, "bang_diem");
      missing_report(summary, s, &sc_of[i], VB_MODEL_TABLE_SCORES);
      vb_buf_puts(summary, vb_buf_cstr(&skipped));
      vb_buf_free(&skipped);
      used = s, cols = sc_of[i];
    }
    if (bad) return -1;
    if (!used) {
      vb_error_rule(d, VB_EDATA, "init.no-score-sheet", book_path,
                    sheet_name && *sheet_name ? sheet_name : NULL,
                    "bảng điểm cần dòng tiêu đề có STT, Chỉ số / Tiêu chí, Điểm tối đa và Điểm "
                    "(docs/spreadsheets.md)",
                    "không trang nào là bảng điểm");
      return -1;
    }
    thong_bao_json(json, book_ref, used, &cols, today);
    return 0;
  }
  /* Which sheets hold what. */
  const vb_sheet *ind_sheet = NULL;
  vb_table_cols ind_cols;
  vb_value *groups = NULL;
  size_t ndocs = 0;
  const vb_sheet **doc_sheets = vb_arena_alloc(a, (b->nsheets + 1) * sizeof(vb_sheet *));
  vb_table_cols *doc_cols = vb_arena_alloc(a, (b->nsheets + 1) * sizeof(vb_table_cols));
  int bad = 0;
  for (size_t i = first; i < last; i++) {
    const vb_sheet *s = b->sheets[i];
    vb_table_cols ic = ic_of[i], dc = dc_of[i];
    sheet_kind k = kinds[i];
    int grouped;
    if (k == SHEET_INDICATORS && !ind_sheet) {
      vb_value *rows =
          vb_model_sheet_rows(a, s, VB_MODEL_TABLE_INDICATORS, &ic, book_path, &grouped, d);
      if (!rows) {
        bad = 1;
        vb_buf_printf(summary,
                      "%s, trang \"%s\": bảng chỉ tiêu, dòng tiêu đề %u, có ô không đọc được "
                      "(xem các lỗi bên dưới)\n",
                      book_path, s->name, ic.header_row + 1);
        column_report(summary, s, &ic, VB_MODEL_TABLE_INDICATORS, "nhom_chi_tieu");
        missing_report(summary, s, &ic, VB_MODEL_TABLE_INDICATORS);
        continue;
      }
      ind_sheet = s, ind_cols = ic, groups = rows;
      size_t n = 0;
      for (size_t g = 0; g < rows->u.arr.len; g++)
        n += vb_obj_get(rows->u.arr.items[g], "chi_tieu")->u.arr.len;
      vb_buf_printf(summary,
                    "%s, trang \"%s\": bảng chỉ tiêu, dòng tiêu đề %u, %zu nhóm, %zu chỉ tiêu\n",
                    book_path, s->name, ic.header_row + 1, rows->u.arr.len, n);
      column_report(summary, s, &ic, VB_MODEL_TABLE_INDICATORS, "nhom_chi_tieu");
      missing_report(summary, s, &ic, VB_MODEL_TABLE_INDICATORS);
    } else if (k == SHEET_DOCUMENTS || k == SHEET_INDICATORS) {
      if (k == SHEET_INDICATORS) {
        vb_buf_printf(summary,
                      "%s, trang \"%s\": bảng chỉ tiêu thứ hai, không dùng (một báo cáo có một "
                      "nhom_chi_tieu; chọn trang bằng --sheet)\n",
                      book_path, s->name);
        continue;
      }
      vb_value *rows =
          vb_model_sheet_rows(a, s, VB_MODEL_TABLE_DOCUMENTS, &dc, book_path, &grouped, d);
      size_t n = 0;
      for (size_t g = 0; rows && g < rows->u.arr.len; g++)
        n += grouped ? vb_obj_get(rows->u.arr.items[g], "dong")->u.arr.len : 1;
      vb_buf_printf(summary, "%s, trang \"%s\": danh mục văn bản, dòng tiêu đề %u", book_path,
                    s->name, dc.header_row + 1);
      if (!rows)
        vb_buf_puts(summary, ", có ô không đọc được (xem các lỗi bên dưới)");
      else
        vb_buf_printf(summary, ", %zu văn bản", n);
      if (rows && grouped) vb_buf_printf(summary, " trong %zu nhóm", rows->u.arr.len);
      vb_buf_putc(summary, '\n');
      {
        vb_buf ref = VB_BUF_INIT;
        vb_buf_printf(&ref, "phụ lục lấy từ trang \"%s\"", s->name);
        column_report(summary, s, &dc, VB_MODEL_TABLE_DOCUMENTS, vb_buf_cstr(&ref));
        vb_buf_free(&ref);
      }
      if (!rows) {
        bad = 1;
        continue;
      }
      doc_sheets[ndocs] = s, doc_cols[ndocs++] = dc;
    } else if (k == SHEET_SCORES) {
      vb_buf_printf(summary,
                    "%s, trang \"%s\": bảng điểm, không dùng trong báo cáo (dùng --loai "
                    "thong-bao)\n",
                    book_path, s->name);
    } else {
      vb_buf_printf(summary, "%s, trang \"%s\": không có bảng chỉ tiêu hay danh mục văn bản\n",
                    book_path, s->name);
    }
  }
  if (bad) return -1;
  if (!ind_sheet && !ndocs) {
    vb_error_rule(d, VB_EDATA, "sheet.no-table", book_path,
                  sheet_name && *sheet_name ? sheet_name : NULL,
                  "bảng chỉ tiêu cần một dòng tiêu đề có TT, Tên chỉ tiêu hoặc Nội dung, và Chỉ "
                  "tiêu giao hoặc Kết quả; danh sách văn bản cần tiêu đề Trích yếu hoặc Tên văn "
                  "bản (docs/spreadsheets.md)",
                  "không trang nào chứa bảng chỉ tiêu hay danh sách văn bản");
    return -1;
  }

  /* The data file. */
  vb_buf_puts(json, "{\n  \"loai\": \"bao-cao\",\n");
  van_ban(json, "BC-UBND", "Kết quả thực hiện …", "    \"kinh_gui\": [\"UBND huyện …\"],\n",
          "\"Như trên\"", today);
  vb_buf_puts(json, "  \"noi_dung\": [\n");
  /* The ids the body cites the appendices by. */
  const char **ids = vb_arena_alloc(a, (ndocs + 2) * sizeof(char *));
  size_t nids = 0;
  if (ind_sheet) ids[nids++] = "chi-tieu";
  for (size_t i = 0; i < ndocs; i++) {
    char id[32];
    snprintf(id, sizeof id, "van-ban-%zu", i + 1);
    ids[nids++] = ndocs == 1 ? "van-ban" : vb_arena_strdup(a, id);
  }
  size_t at = 0;
  if (ind_sheet)
    vb_buf_printf(json,
                  "    {\"tieu_de\": \"Kết quả thực hiện các chỉ tiêu\", \"noi_dung\": "
                  "[\"Kết quả thực hiện các chỉ tiêu tại @phu_luc:%s.\"]}%s\n",
                  ids[at++], ndocs ? "," : "");
  for (size_t i = 0; i < ndocs; i++)
    vb_buf_printf(json,
                  "    {\"tieu_de\": \"Công tác chỉ đạo, điều hành\", \"noi_dung\": [\"Các văn bản "
                  "đã ban hành tại @phu_luc:%s.\"]}%s\n",
                  ids[at++], i + 1 < ndocs ? "," : "");
  vb_buf_puts(json, "  ],\n  \"ket_thuc\": [\"Trên đây là báo cáo …\"],\n");
  if (ind_sheet) {
    vb_buf_puts(json, "  \"nhom_chi_tieu\": {\n    ");
    reference(json, book_ref, ind_sheet, &ind_cols, "    ");
    vb_buf_puts(json, "\n  },\n");
  }
  vb_buf_puts(json, "  \"phu_luc\": [\n");
  at = 0;
  if (ind_sheet) {
    char *title = title_above(ind_sheet, ind_cols.header_top);
    vb_buf_printf(json,
                  "    {\n      \"id\": \"%s\",\n      \"kieu\": \"chi_tieu\",\n"
                  "      \"tieu_de\": ",
                  ids[at++]);
    json_str(json, title ? title : "Kết quả thực hiện các chỉ tiêu");
    free(title);
    vb_buf_printf(json,
                  ",\n      \"danh_so_nhom\": \"%s\",\n      \"danh_so\": \"%s\",\n"
                  "      \"cac_cot\": [",
                  group_style(groups), vb_table_col(&ind_cols, "ma") >= 0 ? "ma" : "theo_nhom");
    /* The sheet's columns in the sheet's order, under its own headings. */
    int result_done = 0, first_col = 1;
    for (uint32_t c = 0; c <= ind_sheet->max_col; c++)
      for (size_t i = 0; i < ind_cols.nfields; i++) {
        if (ind_cols.col[i] != c) continue;
        const char *name = column_of(&ind_cols, ind_cols.field[i]);
        if (!name) continue;
        int from_parts = !strcmp(ind_cols.field[i], "tu") || !strcmp(ind_cols.field[i], "mau");
        if (!strcmp(name, "ket_qua") && result_done++) continue;
        if (!strcmp(ind_cols.field[i], "mau")) continue;
        vb_buf_printf(json, "%s\n        {\"cot\": \"%s\"", first_col ? "" : ",", name);
        first_col = 0;
        if (!from_parts && strcmp(name, "stt")) {
          vb_buf h = VB_BUF_INIT;
          header_text(ind_sheet, ind_cols.header_row, c, &h);
          vb_buf_puts(json, ", \"tieu_de\": ");
          json_str(json, vb_buf_cstr(&h));
          vb_buf_free(&h);
        }
        vb_buf_putc(json, '}');
      }
    vb_buf_printf(json, "\n      ]\n    }%s\n", ndocs ? "," : "");
  }
  for (size_t i = 0; i < ndocs; i++) {
    const vb_sheet *s = doc_sheets[i];
    char *title = title_above(s, doc_cols[i].header_top);
    vb_buf_printf(json,
                  "    {\n      \"id\": \"%s\",\n      \"kieu\": \"van_ban\",\n"
                  "      \"tieu_de\": ",
                  ids[at++]);
    json_str(json, title ? title : "Danh mục văn bản");
    free(title);
    /* The headings as the sheet writes them (STT is numbered by vanban). */
    vb_buf_puts(json, ",\n      \"tieu_de_cot\": {");
    int n = 0;
    for (size_t k = 0; k < doc_cols[i].nfields; k++) {
      if (!strcmp(doc_cols[i].field[k], "ma")) continue;
      vb_buf h = VB_BUF_INIT;
      header_text(s, doc_cols[i].header_row, doc_cols[i].col[k], &h);
      vb_buf_printf(json, "%s\"%s\": ", n++ ? ", " : "", doc_cols[i].field[k]);
      json_str(json, vb_buf_cstr(&h));
      vb_buf_free(&h);
    }
    vb_buf_puts(json, "},\n      ");
    reference(json, book_ref, s, &doc_cols[i], "      ");
    vb_buf_printf(json, "\n    }%s\n", i + 1 < ndocs ? "," : "");
  }
  vb_buf_puts(json, "  ]\n}\n");
  return 0;
}
