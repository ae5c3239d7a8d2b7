/* Targets and results as officers write them: typed strings printed as
 * typed, comparisons only when written, text targets and results, bounds
 * ("> 90%"), the assessment computed where the figures decide, required
 * only where it is printed; indicator ids unique within their group. */
#include "fixtures/model/model_test.h"
#include "test.h"
#include "vi/vi.h"

#define HEAD                                                                                       \
  "{\"loai\": \"bao-cao\", \"van_ban\": {\"co_quan_ban_hanh\": \"UBND xã A\", \"ky_hieu\": "      \
  "\"BC-UBND\", \"so\": 7, \"dia_danh\": \"A\", \"ngay\": \"2024-12-20\", \"trich_yeu\": \"T\", "  \
  "\"noi_nhan\": [\"Y\"], \"luu\": \"VP\", \"ky\": {\"ho_ten\": \"Z\", \"dong\": [\"Chủ "        \
  "tịch\"]}},\n"

/* One group "1" of the given indicators; body is the noi_dung. */
static vb_value *one_group(vb_arena *a, vb_diags *d, const char *body, const char *indicators,
                           const char *tail) {
  vb_buf b = VB_BUF_INIT;
  vb_buf_printf(&b,
                HEAD "\"noi_dung\": %s,\n\"nhom_chi_tieu\": [{\"ma\": \"1\", \"ten\": \"Nhóm\", "
                     "\"chi_tieu\": [\n%s]}]%s}",
                body, indicators, tail);
  vb_value *v = mt_build(a, d, vb_buf_cstr(&b), 0, NULL);
  vb_buf_free(&b);
  return v;
}

static const char *field(const vb_value *v, size_t i, const char *key) {
  char path[128];
  snprintf(path, sizeof path, "nhom_chi_tieu[0].chi_tieu[%zu].%s", i, key);
  return mt_str(v, path);
}

static void test_typed_targets(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *v = one_group(
      a, d, "[\"Đoạn.\"]",
      "{\"ma\": \"1\", \"yeu_cau\": \"A\", \"muc_tieu\": \"≥ 100%\", \"ket_qua\": \"40/40\"},\n"
      "{\"ma\": \"2\", \"yeu_cau\": \"B\", \"muc_tieu\": \"100%\", \"ket_qua\": \"98/100\"},\n"
      "{\"ma\": \"3\", \"yeu_cau\": \"C\", \"muc_tieu\": \"≤ 3 ngày\", \"ket_qua\": \"2\"},\n"
      "{\"ma\": \"4\", \"yeu_cau\": \"D\", \"muc_tieu\": \"≤ 3 ngày\", \"ket_qua\": \"4\"},\n"
      "{\"ma\": \"5\", \"yeu_cau\": \"E\", \"muc_tieu\": \"Triển khai sử dụng\", \"ket_qua\": "
      "\"Đã triển khai\", \"danh_gia\": \"Đạt\"},\n"
      "{\"ma\": \"6\", \"yeu_cau\": \"F\", \"muc_tieu\": \"trên 90%\", \"ket_qua\": \"88%\"},\n"
      "{\"ma\": \"7\", \"yeu_cau\": \"G\", \"muc_tieu\": \"Có\", \"ket_qua\": \"Có\"},\n"
      "{\"ma\": \"8\", \"yeu_cau\": \"H\", \"muc_tieu\": {\"kieu\": \"ty_le\", \"gia_tri\": 70}, "
      "\"ket_qua\": {\"tu\": 7, \"mau\": 10}},\n"
      "{\"ma\": \"9\", \"yeu_cau\": \"I\", \"muc_tieu\": {\"kieu\": \"ty_le\", \"gia_tri\": 70, "
      "\"so_sanh\": \">=\"}, \"ket_qua\": {\"tu\": 6, \"mau\": 10}},\n"
      "{\"ma\": \"10\", \"yeu_cau\": \"J\", \"muc_tieu\": {\"kieu\": \"so_luong\", \"gia_tri\": "
      "5, \"van_ban\": \"Tối thiểu 05 lớp\"}, \"ket_qua\": {\"gia_tri\": 6}}",
      "");
  CHECK(v != NULL);
  mt_dump_diags(v ? NULL : d);
  /* Printed as typed; no "≥" added to a plain number. */
  static const char *const texts[] = {
      "≥ 100%",   "100%", "≤ 3 ngày", "≤ 3 ngày", "Triển khai sử dụng",
      "trên 90%", "Có",   "70%",      "≥ 70%",    "Tối thiểu 05 lớp"};
  static const char *const assessed[] = {"Đạt",      "Chưa đạt", "Đạt", "Chưa đạt", "",
                                         "Chưa đạt", "Đạt",      "Đạt", "Chưa đạt", "Đạt"};
  for (size_t i = 0; v && i < 10; i++) {
    CHECK_STR(field(v, i, "muc_tieu_text"), texts[i]);
    CHECK_STR(field(v, i, "danh_gia_tinh"), assessed[i]);
  }
  CHECK_STR(field(v, 4, "danh_gia"), "Đạt"); /* the data's own, the figures cannot decide */
  CHECK_STR(field(v, 4, "ket_qua_text"), "Đã triển khai");
  CHECK_STR(field(v, 5, "ty_le_text"), "88%");
  CHECK_STR(field(v, 1, "ket_qua_text"), "98/100");
  CHECK_STR(field(v, 1, "ty_le_text"), "98%");
  vb_diags_free(d);
  vb_arena_free(a);
}

static void test_bounds(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *v = one_group(
      a, d, "[\"Đoạn.\"]",
      "{\"ma\": \"1\", \"yeu_cau\": \"A\", \"muc_tieu\": \"≥ 90%\", \"ket_qua\": \"> 90%\"},\n"
      "{\"ma\": \"2\", \"yeu_cau\": \"B\", \"muc_tieu\": \"≥ 90%\", \"ket_qua\": \"< 80%\"},\n"
      "{\"ma\": \"3\", \"yeu_cau\": \"C\", \"muc_tieu\": \"≥ 95%\", \"ket_qua\": \"> 90%\", "
      "\"danh_gia\": \"Chưa đạt\"},\n"
      "{\"ma\": \"4\", \"yeu_cau\": \"D\", \"muc_tieu\": \"> 90%\", \"ket_qua\": \"≥ 90%\", "
      "\"danh_gia\": \"Đạt\"}",
      "");
  CHECK(v != NULL);
  mt_dump_diags(v ? NULL : d);
  CHECK_STR(field(v, 0, "danh_gia_tinh"), "Đạt");
  CHECK_STR(field(v, 0, "ket_qua_text"), "> 90%");
  CHECK_STR(field(v, 0, "ty_le_text"), "");
  CHECK_STR(field(v, 1, "danh_gia_tinh"), "Chưa đạt");
  CHECK_STR(field(v, 2, "danh_gia_tinh"), ""); /* 90 < x vs ≥ 95: cannot tell */
  CHECK_STR(field(v, 2, "danh_gia"), "Chưa đạt");
  CHECK_STR(field(v, 3, "danh_gia_tinh"), ""); /* x = 90 would not be > 90 */
  CHECK(vb_diags_count(d) == 0);
  vb_diags_free(d);
  vb_arena_free(a);
}

/* Without an assessment the data is fine until one is printed: the body
 * (its group inserted) or an appendix table with a Đánh giá column. */
static void test_assessment_only_where_printed(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  static const char ind[] =
      "{\"ma\": \"1\", \"yeu_cau\": \"A\", \"muc_tieu\": \"Cung cấp đầy đủ thông tin theo quy "
      "định\", \"ket_qua\": \"Đã cung cấp\"}";
  vb_value *v = one_group(a, d, "[\"Đoạn.\"]", ind,
                          ",\n\"phu_luc\": [{\"tieu_de\": \"Bảng\", \"kieu\": \"chi_tieu\", "
                          "\"cac_cot\": [\"stt\", \"ten\", \"chi_tieu\", \"ket_qua\"]}]");
  CHECK(v != NULL && vb_diags_count(d) == 0);
  mt_dump_diags(d);
  CHECK_STR(field(v, 0, "danh_gia"), "");

  vb_diags_clear(d);
  CHECK(one_group(a, d, "[\"Đoạn.\"]", ind,
                  ",\n\"phu_luc\": [{\"tieu_de\": \"Bảng\", \"kieu\": \"chi_tieu\"}]") == NULL);
  const vb_diag *x = mt_diag(d, "cần đánh giá thủ công");
  CHECK_STR(x ? x->where : NULL, "$.nhom_chi_tieu[0].chi_tieu[0].danh_gia (dòng 4, cột 1)");
  CHECK(vb_diags_count(d) == 1);

  vb_diags_clear(d);
  CHECK(one_group(a, d, "[{\"tieu_de\": \"Kết quả\", \"noi_dung\": [{\"chi_tieu\": \"1\"}]}]", ind,
                  "") == NULL);
  CHECK(mt_diag(d, "cần đánh giá thủ công") != NULL);

  /* The requirement text likewise: an appendix names the indicator by ten;
   * the body prints "a) Yêu cầu tiêu chí: …". */
  static const char no_req[] = "{\"ma\": \"1\", \"ten\": \"Hộ dùng nước sạch\", \"muc_tieu\": "
                               "\"150\", \"ket_qua\": \"132\"}";
  vb_diags_clear(d);
  v = one_group(a, d, "[\"Đoạn.\"]", no_req,
                ",\n\"phu_luc\": [{\"tieu_de\": \"Bảng\", \"kieu\": \"chi_tieu\"}]");
  CHECK(v != NULL && vb_diags_count(d) == 0);
  mt_dump_diags(d);
  vb_diags_clear(d);
  CHECK(one_group(a, d, "[{\"tieu_de\": \"Kết quả\", \"noi_dung\": [{\"chi_tieu\": \"1\"}]}]",
                  no_req, "") == NULL);
  x = mt_diag(d, "thiếu trường bắt buộc yeu_cau");
  CHECK_STR(x ? x->where : NULL, "$.nhom_chi_tieu[0].chi_tieu[0].yeu_cau (dòng 4, cột 1)");
  CHECK(vb_diags_count(d) == 1);
  vb_diags_free(d);
  vb_arena_free(a);
}

static void test_refusals(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  CHECK(one_group(
            a, d, "[\"Đoạn.\"]",
            "{\"ma\": \"1\", \"yeu_cau\": \"A\", \"muc_tieu\": \"≥ 5 lớp\", \"ket_qua\": "
            "\"80%\"},\n"
            "{\"ma\": \"2\", \"yeu_cau\": \"B\", \"muc_tieu\": \"120%\"},\n"
            "{\"ma\": \"3\", \"yeu_cau\": \"C\", \"ket_qua\": \"5/0\", \"danh_gia\": \"Đạt\"},\n"
            "{\"ma\": \"1\", \"yeu_cau\": \"D\", \"danh_gia\": \"Đạt\"},\n"
            "{\"ma\": \"5\", \"yeu_cau\": \"E\", \"muc_tieu\": \"≥ 7,0,0%\", \"ket_qua\": "
            "\"2.33.5\", \"danh_gia\": \"Đạt\"}",
            "") == NULL);
  const vb_diag *x = mt_diag(d, "không so được");
  CHECK_STR(x ? x->message : NULL, "kết quả không so được với mục tiêu ≥ 5 lớp");
  x = mt_diag(d, "nằm ngoài");
  CHECK_STR(x ? x->message : NULL, "mục tiêu tỷ lệ 120% nằm ngoài 0–100%");
  CHECK_STR(x ? x->where : NULL, "$.nhom_chi_tieu[0].chi_tieu[1].muc_tieu (dòng 5, cột 41)");
  x = mt_diag(d, "mẫu số bằng 0");
  CHECK_STR(x ? x->where : NULL, "$.nhom_chi_tieu[0].chi_tieu[2].ket_qua (dòng 6, cột 40)");
  x = mt_diag(d, "trùng");
  CHECK_STR(x ? x->message : NULL,
            "mã chỉ tiêu \"1\" trùng với $.nhom_chi_tieu[0].chi_tieu[0] (dòng 4, cột 1) trong cùng "
            "nhóm");
  /* Text that looks like a figure but is none is a typing error, not words. */
  x = mt_diag(d, "không đọc được mục tiêu");
  CHECK_STR(x ? x->message : NULL, "không đọc được mục tiêu \"≥ 7,0,0%\"");
  CHECK_STR(x ? x->where : NULL, "$.nhom_chi_tieu[0].chi_tieu[4].muc_tieu (dòng 8, cột 41)");
  x = mt_diag(d, "không đọc được kết quả");
  CHECK_STR(x ? x->message : NULL, "không đọc được kết quả \"2.33.5\"");
  CHECK(vb_diags_count(d) == 6);
  mt_dump_diags(vb_diags_count(d) == 6 ? NULL : d);
  vb_diags_free(d);
  vb_arena_free(a);
}

/* 1, 2 under each group: valid; the ids of blocks and rows stay unique. */
static void test_ids_per_group(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *v = mt_build(
      a, d,
      HEAD "\"noi_dung\": [{\"tieu_de\": \"Kết quả\", \"noi_dung\": [{\"chi_tieu\": \"*\"}]}],\n"
           "\"nhom_chi_tieu\": [{\"ma\": \"1\", \"ten\": \"G1\", \"chi_tieu\": ["
           "{\"ma\": \"1\", \"yeu_cau\": \"A\", \"danh_gia\": \"Đạt\"}, {\"ma\": \"2\", "
           "\"yeu_cau\": \"B\", \"danh_gia\": \"Đạt\"}]},\n"
           "{\"ma\": \"2\", \"ten\": \"G2\", \"chi_tieu\": [{\"ma\": \"1\", \"yeu_cau\": "
           "\"C\", \"danh_gia\": \"Đạt\"}, {\"ma\": \"3\", \"yeu_cau\": \"D\", "
           "\"danh_gia\": \"Đạt\"}]}],\n"
           "\"phu_luc\": [{\"tieu_de\": \"B\", \"kieu\": \"chi_tieu\"}]}",
      0, NULL);
  CHECK(v != NULL && vb_diags_count(d) == 0);
  mt_dump_diags(d);
  /* Body blocks: the repeated id is known by its group; a unique one by itself. */
  const vb_value *k = mt_get(v, "khoi");
  int g1 = 0, g2 = 0, three = 0;
  for (size_t i = 0; k && i < k->u.arr.len; i++) {
    const char *id = mt_str(k->u.arr.items[i], "id");
    g1 += !strcmp(id, "ct1/1.1"), g2 += !strcmp(id, "ct2/1.1"), three += !strcmp(id, "ct3.1");
  }
  CHECK(g1 == 1 && g2 == 1 && three == 1);
  CHECK_STR(mt_str(v, "phu_luc[0].bang.dong[1].id"), "ct1/1");
  CHECK_STR(mt_str(v, "phu_luc[0].bang.dong[4].id"), "ct2/1");
  CHECK_STR(mt_str(v, "phu_luc[0].bang.dong[5].id"), "ct3");
  vb_diags_free(d);
  vb_arena_free(a);
}

int main(void) {
  test_typed_targets();
  test_bounds();
  test_assessment_only_where_printed();
  test_refusals();
  test_ids_per_group();
  vi_cleanup();
  TEST_MAIN_END();
}
