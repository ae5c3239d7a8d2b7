/* Appendices: numbers, titles, the reference line, the document list and the
 * indicator table; duplicate numbers and bad rows. */
#include "fixtures/model/model_test.h"
#include "test.h"
#include "vi/vi.h"

#define NBSP6 "\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0"

/* Rows of a table as "N|stt|a|b|c" lines (N for group rows, - for the others). */
static char *rows_text(const vb_value *table, const char *const *cols) {
  vb_buf b = VB_BUF_INIT;
  const vb_value *rows = mt_get(table, "dong");
  for (size_t i = 0; rows && i < rows->u.arr.len; i++) {
    const vb_value *r = rows->u.arr.items[i];
    vb_buf_puts(&b, mt_get(r, "nhom")->u.b ? "N" : "-");
    for (size_t c = 0; cols[c]; c++)
      vb_buf_printf(&b, "|%s", mt_str(r, cols[c]));
    vb_buf_putc(&b, '\n');
  }
  vb_buf_cstr(&b);
  return vb_buf_detach(&b, NULL);
}

static void test_fixture_appendices(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *v = mt_build_file(a, d, "bao-cao.json", 0);
  CHECK(v != NULL);
  CHECK_STR(mt_str(v, "phu_luc[0].so_hieu"), "Phụ lục I");
  CHECK_STR(mt_str(v, "phu_luc[1].so_hieu"), "Phụ lục II");
  CHECK_STR(mt_str(v, "phu_luc[0].tieu_de"), "DANH MỤC CÁC VĂN BẢN VỀ CHUYỂN ĐỔI SỐ");
  CHECK_STR(mt_str(v, "phu_luc[0].kem_theo"), "(Kèm theo Báo cáo số" NBSP6 "/BC-UBND ngày" NBSP6
                                              "tháng 6 năm 2024 của UBND xã Hà Tân)");
  CHECK(mt_get(v, "phu_luc[0].khoi")->u.arr.len == 0);
  CHECK(mt_get(v, "phu_luc[0].bang_chi_tieu")->kind == VB_NULL);
  CHECK(mt_get(v, "phu_luc[0].bang_giao_viec")->kind == VB_NULL);
  static const char *const doc_cols[] = {"stt", "trich_yeu", "so_ky_hieu", "ngay", NULL};
  char *t = rows_text(mt_get(v, "phu_luc[0].bang_van_ban"), doc_cols);
  CHECK_STR(t, "N|I|Báo cáo||\n"
               "-|1|Số liệu về tổ chức bộ máy về chuyển đổi số|10/BC-UBND|23/01/2024\n"
               "-|2|Kết quả thực hiện các chỉ tiêu chuyển đổi số năm 2023|351/BC-UBND|21/12/2023\n"
               "N|II|Quyết định||\n"
               "-|1|Về việc kiện toàn Ban chỉ đạo chuyển đổi số|55/QĐ-UBND|08/05/2024\n");
  free(t);
  static const char *const ind_cols[] = {"stt",     "ten",      "don_vi", "chi_tieu",
                                         "ket_qua", "danh_gia", NULL};
  t = rows_text(mt_get(v, "phu_luc[1].bang_chi_tieu"), ind_cols);
  CHECK_STR(t, "N|I|Chính quyền số||||\n"
               "-|1.1|Tiêu chí số 1.1||||Đạt\n"
               "-|1.3|Văn bản ký số|%|≥ 100%|533/533 (100%)|Đạt\n"
               "N|II|Xã hội số||||\n"
               "-|3.2|Tiêu chí số 3.2|%|≥ 80%|2.335/3.986 (58,6%)|Chưa đạt\n"
               "-|3.4|Tiêu chí số 3.4|%|≥ 70%|2.865/3.986 (71,9%)|Đạt\n"
               "-|3.10|Tiêu chí số 3.10|%|≥ 40%|1.058/3.986 (26,5%)|Chưa đạt\n"
               "-|3.11|Tiêu chí số 3.11|lớp|≥ 1 lớp|2 lớp|Đạt\n");
  free(t);
  /* Rows are known by their group's or indicator's code, not their place. */
  CHECK_STR(mt_str(v, "phu_luc[1].bang_chi_tieu.dong[0].id"), "g1");
  CHECK_STR(mt_str(v, "phu_luc[1].bang_chi_tieu.dong[4].id"), "ct3.2");
  vb_diags_clear(d);
  v = mt_build_file(a, d, "bao-cao.json", VB_MODEL_ISSUED);
  CHECK_STR(mt_str(v, "phu_luc[1].kem_theo"),
            "(Kèm theo Báo cáo số 10/BC-UBND ngày 20 tháng 6 năm 2024 của UBND xã Hà Tân)");
  vb_diags_free(d);
  vb_arena_free(a);
}

#define BC_HEAD                                                                                    \
  "{\"loai\": \"bao-cao\", \"van_ban\": {\"co_quan_ban_hanh\": \"Ủy ban nhân dân\\nxã A\",\n" \
  "\"ky_hieu\": \"BC-UBND\", \"so\": 7, \"dia_danh\": \"A\", \"ngay\": \"2024-03-01\", "           \
  "\"trich_yeu\": \"T\", \"ten_loai\": \"BÁO CÁO\",\n"                                           \
  "\"noi_nhan\": [\"Y\"], \"luu\": \"VP\", \"ky\": {\"ho_ten\": \"Z\", \"dong\": [\"Chủ "        \
  "tịch\"]}},\n"                                                                                 \
  "\"noi_dung\": [\"Chi tiết tại Phụ lục.\"],\n"

static void test_single_and_explicit_numbers(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *v = mt_build(a, d,
                         BC_HEAD "\"phu_luc\": [{\"tieu_de\": \"Danh mục\", \"dong\": [\n"
                                 " {\"trich_yeu\": \"Kế hoạch năm\", \"so_ky_hieu\": "
                                 "\"62/KH-UBND\", \"ngay\": \"10/4/2024\"}]}]}",
                         0, NULL);
  CHECK(v != NULL && vb_diags_count(d) == 0);
  mt_dump_diags(d);
  CHECK_STR(mt_str(v, "phu_luc[0].so_hieu"), "Phụ lục");
  CHECK_STR(mt_str(v, "phu_luc[0].kieu"), "van_ban");
  /* ten_co_quan defaults to the issuing agency on one line; ten_loai in sentence case */
  CHECK_STR(mt_str(v, "phu_luc[0].kem_theo"),
            "(Kèm theo Báo cáo số 07/BC-UBND ngày 01 tháng 3 năm 2024 của Ủy ban nhân dân xã A)");
  CHECK_STR(mt_str(v, "phu_luc[0].bang_van_ban.dong[0].ngay"), "10/04/2024");
  CHECK_STR(mt_str(v, "phu_luc[0].bang_van_ban.dong[0].stt"), "1");

  vb_diags_clear(d);
  v = mt_build(
      a, d,
      BC_HEAD
      "\"phu_luc\": [{\"so\": 1, \"tieu_de\": \"A\", \"kieu\": \"van_ban\", \"dong\": []},\n"
      " {\"so\": \"2\", \"tieu_de\": \"B\", \"kieu\": \"van_ban\", \"dong\": []}]}",
      0, NULL);
  CHECK(v != NULL);
  CHECK_STR(mt_str(v, "phu_luc[0].so_hieu"), "Phụ lục 1");
  CHECK_STR(mt_str(v, "phu_luc[1].so_hieu"), "Phụ lục 2");
  vb_diags_free(d);
  vb_arena_free(a);
}

static void test_appendix_errors(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  CHECK(mt_build(a, d,
                 BC_HEAD "\"phu_luc\": [{\"so\": \"I\", \"tieu_de\": \"A\", \"kieu\": \"van_ban\", "
                         "\"dong\": []},\n"
                         " {\"so\": \"I\", \"tieu_de\": \"B\", \"kieu\": \"chi_tieu\"},\n"
                         " {\"tieu_de\": \"\", \"kieu\": \"bang\"},\n"
                         " {\"tieu_de\": \"D\", \"nhom\": [{\"ten\": \"Báo cáo\", \"dong\": "
                         "[{\"trich_yeu\": \"X\","
                         " \"ngay\": \"32/01/2024\"}]}]}]}",
                 0, NULL) == NULL);
  const vb_diag *x = mt_diag(d, "số phụ lục \"I\" trùng");
  CHECK_STR(x ? x->message : NULL, "số phụ lục \"I\" trùng với $.phu_luc[0].so (line 5:20)");
  CHECK_STR(x ? x->where : NULL, "$.phu_luc[1].so (line 6:9)");
  x = mt_diag(d, "phụ lục chỉ tiêu nhưng không có nhom_chi_tieu");
  CHECK_STR(x ? x->where : NULL, "$.phu_luc[1].kieu (line 6:38)");
  x = mt_diag(d, "trường bắt buộc tieu_de đang để trống");
  CHECK_STR(x ? x->where : NULL, "$.phu_luc[2].tieu_de (line 7:14)");
  x = mt_diag(d, "kiểu phụ lục không hợp lệ: bang");
  CHECK_STR(x ? x->where : NULL, "$.phu_luc[2].kieu (line 7:26)");
  x = mt_diag(d, "ngày không hợp lệ: 32/01/2024");
  CHECK_STR(x ? x->where : NULL, "$.phu_luc[3].nhom[0].dong[0].ngay (line 8:83)");
  CHECK(vb_diags_count(d) == 5);
  mt_dump_diags(vb_diags_count(d) == 5 ? NULL : d);
  vb_diags_free(d);
  vb_arena_free(a);
}

int main(void) {
  test_fixture_appendices();
  test_single_and_explicit_numbers();
  test_appendix_errors();
  vi_cleanup();
  TEST_MAIN_END();
}
