/* Appendices: numbers, titles, the reference line, the document list and the
 * indicator table; duplicate numbers and bad rows. */
#include "fixtures/model/model_test.h"
#include "test.h"

/* A no-break space: place names in generated lines stay on one line. */
#define NB "\xc2\xa0"
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
  CHECK_STR(mt_str(v, "phu_luc[0].kem_theo"),
            "(Kèm theo Báo cáo số" NBSP6 "/BC-UBND ngày" NBSP6 "tháng 6 năm 2024 của UBND" NB
            "xã" NB "Hà" NB "Tân)");
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
               "-|1.3|Văn bản ký số|%|100%|533/533 (100%)|Đạt\n"
               "N|II|Xã hội số||||\n"
               "-|3.2|Tiêu chí số 3.2|%|≥ 80%|2.335/3.986 (58,6%)|Chưa đạt\n"
               "-|3.4|Tiêu chí số 3.4|%|70%|2.865/3.986 (71,9%)|Đạt\n"
               "-|3.10|Tiêu chí số 3.10|%|40%|1.058/3.986 (26,5%)|Chưa đạt\n"
               "-|3.11|Tiêu chí số 3.11|lớp|1 lớp|2 lớp|Đạt\n");
  free(t);
  /* Rows are known by their group's or indicator's code, not their place. */
  CHECK_STR(mt_str(v, "phu_luc[1].bang_chi_tieu.dong[0].id"), "g1");
  CHECK_STR(mt_str(v, "phu_luc[1].bang_chi_tieu.dong[4].id"), "ct3.2");
  vb_diags_clear(d);
  v = mt_build_file(a, d, "bao-cao.json", VB_MODEL_ISSUED);
  CHECK_STR(mt_str(v, "phu_luc[1].kem_theo"),
            "(Kèm theo Báo cáo số 10/BC-UBND ngày 20 tháng 6 năm 2024 của UBND" NB "xã" NB "Hà" NB
            "Tân)");
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

#define BC_HEAD_NO_BODY                                                                            \
  "{\"loai\": \"bao-cao\", \"van_ban\": {\"co_quan_ban_hanh\": \"Ủy ban nhân dân\\nxã A\",\n" \
  "\"ky_hieu\": \"BC-UBND\", \"so\": 7, \"dia_danh\": \"A\", \"ngay\": \"2024-03-01\", "           \
  "\"trich_yeu\": \"T\", \"ten_loai\": \"BÁO CÁO\",\n"                                           \
  "\"noi_nhan\": [\"Y\"], \"luu\": \"VP\", \"ky\": {\"ho_ten\": \"Z\", \"dong\": [\"Chủ "        \
  "tịch\"]}},\n"

static void test_single_and_explicit_numbers(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *v = mt_build(a, d,
                         BC_HEAD "\"phu_luc\": [{\"tieu_de\": \"Danh mục\", \"dong\": [\n"
                                 " {\"trich_yeu\": \"Kế hoạch năm\", \"so_ky_hieu\": "
                                 "\"62/KH-UBND\", \"ngay\": \"10/2/2024\"}]}]}",
                         0, NULL);
  CHECK(v != NULL && vb_diags_count(d) == 0);
  mt_dump_diags(d);
  CHECK_STR(mt_str(v, "phu_luc[0].so_hieu"), "Phụ lục");
  CHECK_STR(mt_str(v, "phu_luc[0].kieu"), "van_ban");
  /* ten_co_quan defaults to the issuing agency on one line; ten_loai in sentence case */
  CHECK_STR(mt_str(v, "phu_luc[0].kem_theo"),
            "(Kèm theo Báo cáo số 07/BC-UBND ngày 01 tháng 3 năm 2024 của Ủy ban nhân dân xã" NB
            "A)");
  /* A date typed as the writer writes it is printed so (checked first). */
  CHECK_STR(mt_str(v, "phu_luc[0].bang_van_ban.dong[0].ngay"), "10/2/2024");
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

/* "trang" is another name of "huong" (the name the request for landscape
 * appendices used); both at once is an error, a bad value names its key. */
static void test_orientation_alias(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *v = mt_build(a, d,
                         BC_HEAD "\"phu_luc\": [{\"tieu_de\": \"A\", \"kieu\": \"van_ban\", "
                                 "\"dong\": [], \"trang\": \"ngang\"},\n"
                                 " {\"tieu_de\": \"B\", \"kieu\": \"van_ban\", \"dong\": [], "
                                 "\"trang\": \"doc\"},\n"
                                 " {\"tieu_de\": \"C\", \"kieu\": \"van_ban\", \"dong\": []}]}",
                         0, NULL);
  CHECK(v != NULL && vb_diags_count(d) == 0);
  mt_dump_diags(d);
  CHECK_STR(mt_str(v, "phu_luc[0].huong"), "ngang");
  CHECK_STR(mt_str(v, "phu_luc[1].huong"), "doc");
  CHECK_STR(mt_str(v, "phu_luc[2].huong"), "doc");

  vb_diags_clear(d);
  CHECK(mt_build(a, d,
                 BC_HEAD "\"phu_luc\": [{\"tieu_de\": \"A\", \"kieu\": \"van_ban\", \"dong\": "
                         "[], \"huong\": \"ngang\", \"trang\": \"ngang\"},\n"
                         " {\"tieu_de\": \"B\", \"kieu\": \"van_ban\", \"dong\": [], "
                         "\"trang\": \"nghieng\"}]}",
                 0, NULL) == NULL);
  const vb_diag *x = mt_diag(d, "phụ lục ghi hướng trang hai lần (huong và trang)");
  CHECK_STR(x ? x->where : NULL, "$.phu_luc[0].trang (dòng 5, cột 88)");
  x = mt_diag(d, "hướng trang của phụ lục không hợp lệ");
  CHECK_STR(x ? x->where : NULL, "$.phu_luc[1].trang (dòng 6, cột 59)");
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
                         " {\"tieu_de\": \"\", \"kieu\": \"bangg\"},\n"
                         " {\"tieu_de\": \"D\", \"nhom\": [{\"ten\": \"Báo cáo\", \"dong\": "
                         "[{\"trich_yeu\": \"X\","
                         " \"ngay\": \"32/01/2024\"}]}]}]}",
                 0, NULL) == NULL);
  const vb_diag *x = mt_diag(d, "số phụ lục \"I\" trùng");
  CHECK_STR(x ? x->message : NULL, "số phụ lục \"I\" trùng với $.phu_luc[0].so (dòng 5, cột 20)");
  CHECK_STR(x ? x->where : NULL, "$.phu_luc[1].so (dòng 6, cột 9)");
  x = mt_diag(d, "phụ lục chỉ tiêu nhưng không có nhom_chi_tieu");
  CHECK_STR(x ? x->where : NULL, "$.phu_luc[1].kieu (dòng 6, cột 38)");
  x = mt_diag(d, "trường bắt buộc tieu_de đang để trống");
  CHECK_STR(x ? x->where : NULL, "$.phu_luc[2].tieu_de (dòng 7, cột 14)");
  x = mt_diag(d, "kiểu phụ lục không hợp lệ: bangg");
  CHECK_STR(x ? x->hint : NULL, "có phải là \"bang\"?");
  CHECK_STR(x ? x->where : NULL, "$.phu_luc[2].kieu (dòng 7, cột 26)");
  x = mt_diag(d, "ngày không hợp lệ: 32/01/2024");
  CHECK_STR(x ? x->where : NULL, "$.phu_luc[3].nhom[0].dong[0].ngay (dòng 8, cột 83)");
  CHECK(vb_diags_count(d) == 5);
  mt_dump_diags(vb_diags_count(d) == 5 ? NULL : d);
  vb_diags_free(d);
  vb_arena_free(a);
}

/* Numbers in the style asked for (01, 02), ids, citations in any text,
 * "@@" for the words themselves, and the free-text appendix. */
static void test_citations(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *v = mt_build(
      a, d,
      BC_HEAD_NO_BODY
      "\"danh_so_phu_luc\": \"01\",\n"
      "\"noi_dung\": [{\"tieu_de\": \"Kết quả (@phu_luc:ds)\", \"noi_dung\": ["
      "\"Chi tiết tại @phu_luc:ds và @phu_luc:bang-1.\", {\"gach\": \"Xem @phu_luc:vb; "
      "viết @@phu_luc:ds\"}]}],\n"
      "\"phu_luc\": [{\"id\": \"ds\", \"tieu_de\": \"A\", \"dong\": [{\"trich_yeu\": \"X\"}]},\n"
      " {\"id\": \"bang-1\", \"tieu_de\": \"B\", \"kieu\": \"bang\", \"dau\": [[\"A\"]], "
      "\"dong\": [[\"Như @phu_luc:ds\"]]},\n"
      " {\"id\": \"vb\", \"tieu_de\": \"C\", \"kieu\": \"noi_dung\", \"noi_dung\": "
      "[{\"tieu_de\": \"Mục một\", \"noi_dung\": [\"Đoạn một.\"]}, \"Đoạn cuối\"]}]}",
      0, NULL);
  CHECK(v != NULL && vb_diags_count(d) == 0);
  mt_dump_diags(d);
  CHECK_STR(mt_str(v, "phu_luc[0].so_hieu"), "Phụ lục 01");
  CHECK_STR(mt_str(v, "phu_luc[2].so"), "03");
  CHECK_STR(mt_str(v, "phu_luc[1].trich_dan"), "Phụ lục 02");
  CHECK_STR(mt_str(v, "khoi[0].text"), "Kết quả (Phụ lục 01)");
  CHECK_STR(mt_str(v, "khoi[1].text"), "Chi tiết tại Phụ lục 01 và Phụ lục 02.");
  CHECK_STR(mt_str(v, "khoi[2].text"), "Xem Phụ lục 03; viết @phu_luc:ds./.");
  CHECK_STR(mt_str(v, "phu_luc[1].bang.dong[0].o[0].text"), "Như Phụ lục 01");
  /* free text: numbered from I. like the body, ends with ./. */
  CHECK_STR(mt_str(v, "phu_luc[2].khoi[0].so"), "I.");
  CHECK_STR(mt_str(v, "phu_luc[2].khoi[2].text"), "Đoạn cuối./.");
  CHECK(mt_get(v, "phu_luc[2].bang")->kind == VB_NULL);

  /* A single appendix is numbered when a style asks for it. */
  vb_diags_clear(d);
  v = mt_build(a, d,
               BC_HEAD "\"danh_so_phu_luc\": \"I\", \"phu_luc\": [{\"tieu_de\": \"A\", "
                       "\"dong\": [{\"trich_yeu\": \"X\"}]}]}",
               0, NULL);
  CHECK_STR(mt_str(v, "phu_luc[0].so_hieu"), "Phụ lục I");

  /* A citation of an appendix that does not exist; an uncited one. */
  vb_diags_clear(d);
  CHECK(mt_build(a, d,
                 BC_HEAD_NO_BODY
                 "\"noi_dung\": [\"Chi tiết tại @phu_luc:d.\"],\n"
                 "\"phu_luc\": [{\"id\": \"ds\", \"tieu_de\": \"A\", \"dong\": "
                 "[{\"trich_yeu\": \"X\"}]}, {\"id\": \"x\", \"tieu_de\": \"B\", \"dong\": "
                 "[{\"trich_yeu\": \"X\"}]}]}",
                 0, NULL) == NULL);
  const vb_diag *x = mt_diag(d, "dẫn chiếu đến phụ lục không có");
  CHECK_STR(x ? x->message : NULL, "dẫn chiếu đến phụ lục không có: @phu_luc:d");
  CHECK_STR(x ? x->where : NULL, "$.noi_dung[0] (dòng 4, cột 14)");
  CHECK_STR(x ? x->hint : NULL, "có phải là \"@phu_luc:ds\"?");
  x = mt_diag(d, "không đoạn nào dẫn chiếu");
  CHECK(x && x->severity == VB_SEV_WARNING);
  CHECK_STR(x ? x->where : NULL, "$.phu_luc[0].id (dòng 5, cột 20)");
  CHECK(vb_diags_count(d) == 3);
  mt_dump_diags(vb_diags_count(d) == 3 ? NULL : d);
  vb_diags_free(d);
  vb_arena_free(a);
}

int main(void) {
  test_fixture_appendices();
  test_citations();
  test_single_and_explicit_numbers();
  test_appendix_errors();
  test_orientation_alias();
  vi_cleanup();
  TEST_MAIN_END();
}
