/* THÔNG BÁO score sheet: totals, decimals, the assignment annex (only
 * sub-criteria below their maximum, in id order), the per-unit table in
 * Vietnamese order, and the score checks. */
#include "fixtures/model/model_test.h"
#include "test.h"

/* A no-break space: place names in generated lines stay on one line. */
#define NB "\xc2\xa0"
#include "vi/vi.h"

static void test_fixture_totals_and_annex(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *v = mt_build_file(a, d, "thong-bao.json", 0);
  CHECK(v != NULL);
  const vb_value *s = mt_get(v, "bang_diem.chi_so");
  CHECK_STR(mt_str(s, "[0].tong_text"), "84");
  CHECK_STR(mt_str(s, "[2].tong_text"), "41,29");
  CHECK_STR(mt_str(s, "[3].tong_text"), "81,51");
  CHECK_STR(mt_str(s, "[5].tong_text"), "118");
  CHECK_STR(mt_str(s, "[6].tong_text"), "50");
  CHECK_STR(mt_str(s, "[7].tong_text"), "25,44");
  CHECK_STR(mt_str(s, "[7].toi_da_text"), "150");
  CHECK_STR(mt_str(s, "[7].tieu_chi[0].diem_text"), "0,93");
  CHECK_STR(mt_str(s, "[0].tieu_chi[0].thoi_han_text"), "31/12/2024");
  CHECK_STR(mt_str(s, "[0].tieu_chi[0].don_vi_ten"), "VHTT");
  CHECK(mt_get(s, "[5].tieu_chi[4].dat_toi_da")->u.b == 1);
  CHECK_STR(mt_str(v, "bang_diem.tong_text"), "575,24");
  CHECK_STR(mt_str(v, "bang_diem.toi_da_text"), "1.000");

  /* Đắk Tờ Re index 7: the seed's 40 against 10 + 40 points not listed */
  CHECK(vb_diags_count(d) == 1);
  const vb_diag *x = vb_diags_get(d, 0);
  CHECK(x && x->severity == VB_SEV_WARNING);
  CHECK_STR(x ? x->message : NULL,
            "tổng điểm ghi 40 nhưng tính được 50: các tiêu chí liệt kê đạt 10/110 điểm, các tiêu "
            "chí không liệt kê (40 điểm) được tính đủ điểm");
  CHECK_STR(x ? x->where : NULL, "$.bang_diem.chi_so[6].tong (dòng 65, cột 71)");
  CHECK_STR(x ? x->file : NULL, "thong-bao.json");

  const vb_value *pl = mt_get(v, "phu_luc[0]");
  CHECK_STR(mt_str(pl, "so_hieu"), "PHỤ LỤC");
  CHECK_STR(mt_str(pl, "kem_theo"),
            "(Kèm theo Thông báo số 05/TB-UBND ngày 05 tháng 7 năm 2024 của UBND" NB "xã" NB
            "Đắk" NB "Tờ" NB "Re)");
  char *blocks = mt_blocks(mt_get(pl, "khoi"));
  CHECK_CONTAINS(blocks, "so|1.|Chỉ số nhận thức số: đạt 84/100 điểm\n"
                         "gach|-|Mục 1.3 Văn bản điều hành về chuyển đổi số cấp xã (Chủ tịch xã, "
                         "phường, thị trấn) trực tiếp ký đạt 4/20 điểm.\n"
                         "doan||=> Giao VHTT tham mưu khắc phục.\n"
                         "so|2.|Chỉ số Thể chế số: đạt 80/100 điểm\n");
  CHECK_CONTAINS(blocks, "so|3.|Chỉ số Hạ tầng số: đạt 41,29/100 điểm\n"
                         "gach|-|Mục 3.1 Tỷ lệ dân số trưởng thành có điện thoại thông minh đạt "
                         "2,72/10 điểm.\n");
  /* index 6: below-max items only (6.4 is at full marks), 6.2 before 6.10 */
  CHECK_CONTAINS(
      blocks, "so|6.|Chỉ số Hoạt động chính quyền số: đạt 118/200 điểm\n"
              "gach|-|Mục 6.1 Trang TTĐT của Xã đáp ứng yêu cầu chức năng, tính năng kỹ thuật "
              "đạt 8/10 điểm.\n"
              "doan||=> Giao VHTT tham mưu khắc phục.\n"
              "gach|-|Mục 6.2 Tỷ lệ DVCTT có phát sinh hồ sơ đạt 6/30 điểm.\n"
              "doan||=> Giao Một cửa xã tham mưu khắc phục.\n"
              "gach|-|Mục 6.3 Tỷ lệ hồ sơ giải quyết toàn trình đạt 24/30 điểm.\n"
              "doan||=> Giao Một cửa xã tham mưu khắc phục.\n"
              "gach|-|Mục 6.7 Sử dụng nền tảng họp trực tuyến của tỉnh đạt 5/10 điểm.\n"
              "doan||=> Giao VP-TK tham mưu khắc phục.\n"
              "gach|-|Mục 6.8 Sử dụng nền tảng trợ lý ảo phục vụ người dân, doanh nghiệp do tỉnh "
              "triển khai đạt 5/10 điểm.\n"
              "doan||=> Giao Một cửa xã tham mưu khắc phục.\n"
              "gach|-|Mục 6.9 Sử dụng nền tảng trợ lý ảo phục vụ công chức, viên chức đạt 0/10 "
              "điểm.\n"
              "doan||=> Giao Một cửa xã tham mưu khắc phục.\n"
              "gach|-|Mục 6.10 Tổng chi Ngân sách nhà nước cho chính quyền số của địa phương đạt "
              "0/30 điểm.\n"
              "doan||=> Giao Tài chính – Kế toán xã tham mưu khắc phục.\n"
              "so|7.|Hoạt động kinh tế số: đạt 50/150 điểm\n");
  CHECK(strstr(blocks, "Mục 6.4") == NULL);
  /* a table follows the text: "./." is not put in front of it */
  CHECK_CONTAINS(blocks, "doan||=> Giao Một cửa xã tham mưu khắc phục.\n");
  CHECK(strstr(blocks, "./.") == NULL);
  free(blocks);
  vb_diags_free(d);
  vb_arena_free(a);
}

#define TB_HEAD                                                                                    \
  "{\"loai\": \"thong-bao\", \"van_ban\": {\"co_quan_ban_hanh\": \"UBND xã A\",\n"                \
  "\"ky_hieu\": \"TB-UBND\", \"dia_danh\": \"A\", \"ngay\": \"2024-07-05\", \"trich_yeu\": "       \
  "\"T\",\n"                                                                                       \
  "\"noi_nhan\": [\"Y\"], \"luu\": \"VP\",\n"                                                      \
  "\"ky\": {\"ho_ten\": \"Z\", \"dong\": [\"Chủ tịch\"]}},\n"                                  \
  "\"ket_luan\": [{\"tieu_de\": \"Giao việc theo phụ lục.\"}],\n"                            \
  "\"phu_luc\": [{\"tieu_de\": \"Giao trách nhiệm\", \"kieu\": \"giao_viec\"}],\n"

static void test_units_in_vietnamese_order(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *v = mt_build(
      a, d,
      TB_HEAD "\"don_vi\": [{\"ma\": \"VHTT\"}, {\"ma\": \"DTN\", \"ten\": \"Đoàn Thanh niên\"},\n"
              " {\"ma\": \"AVL\", \"ten\": \"Âu Văn Lâm\"}, {\"ma\": \"UTH\", \"ten\": \"Ưng Thị "
              "Hoa\"}, \"Bưu điện xã\"],\n"
              "\"bang_diem\": {\"chi_so\": [\n"
              " {\"ma\": \"6\", \"ten\": \"Chính quyền số\", \"toi_da\": 100, \"day_du\": true, "
              "\"tieu_chi\": [\n"
              "  {\"ma\": \"6.10\", \"noi_dung\": \"Chi ngân sách\", \"diem\": 0, \"toi_da\": 30, "
              "\"don_vi\": \"UTH\"},\n"
              "  {\"ma\": \"6.2\", \"noi_dung\": \"DVCTT\", \"diem\": 6, \"toi_da\": 30, "
              "\"don_vi\": \"UTH\","
              " \"thoi_han\": \"2024-12-31\", \"ghi_chu\": \"Quý IV\"},\n"
              "  {\"ma\": \"6.3\", \"noi_dung\": \"Toàn trình\", \"diem\": 20, \"toi_da\": 20},\n"
              "  {\"ma\": \"6.1\", \"noi_dung\": \"Trang TTĐT\", \"diem\": 8.5, \"toi_da\": 20, "
              "\"don_vi\": \"Đoàn Thanh niên\"}]},\n"
              " {\"ma\": \"2\", \"ten\": \"Thể chế số\", \"toi_da\": 100, \"tieu_chi\": [\n"
              "  {\"ma\": \"2.5\", \"noi_dung\": \"Hướng dẫn\", \"diem\": 0, \"toi_da\": 20, "
              "\"don_vi\": \"AVL\"},\n"
              "  {\"ma\": \"2.1\", \"noi_dung\": \"Kế hoạch\", \"diem\": 10, \"toi_da\": 20, "
              "\"don_vi\": \"VHTT\"},\n"
              "  {\"ma\": \"2.2\", \"noi_dung\": \"Bưu chính\", \"diem\": 1, \"toi_da\": 20, "
              "\"don_vi\": \"Bưu điện xã\"}]}]}}",
      0, NULL);
  CHECK(v != NULL);
  mt_dump_diags(d);
  CHECK(vb_diags_count(d) == 0);
  CHECK_STR(mt_str(v, "bang_diem.chi_so[0].tong_text"), "34,5"); /* all listed: 0 + 6 + 20 + 8,5 */
  CHECK_STR(mt_str(v, "bang_diem.chi_so[1].tong_text"), "51");   /* 11 + 40 not listed */
  const vb_value *rows = mt_get(v, "phu_luc[0].bang_giao_viec.dong");
  vb_buf b = VB_BUF_INIT;
  for (size_t i = 0; rows && i < rows->u.arr.len; i++) {
    const vb_value *r = rows->u.arr.items[i];
    vb_buf_printf(&b, "%s|%s|%s|%s|%s/%s|%s|%s|%s\n", mt_get(r, "nhom")->u.b ? "N" : "-",
                  mt_str(r, "stt"), mt_str(r, "don_vi"), mt_str(r, "ma"), mt_str(r, "diem_text"),
                  mt_str(r, "toi_da_text"), mt_str(r, "chi_so"), mt_str(r, "thoi_han"),
                  mt_str(r, "ghi_chu"));
  }
  CHECK_STR(vb_buf_cstr(&b), "N|I|Âu Văn Lâm||/|||\n"
                             "-|1|Âu Văn Lâm|2.5|0/20|Thể chế số||\n"
                             "N|II|Bưu điện xã||/|||\n"
                             "-|1|Bưu điện xã|2.2|1/20|Thể chế số||\n"
                             "N|III|Đoàn Thanh niên||/|||\n"
                             "-|1|Đoàn Thanh niên|6.1|8,5/20|Chính quyền số||\n"
                             "N|IV|Ưng Thị Hoa||/|||\n"
                             "-|1|Ưng Thị Hoa|6.2|6/30|Chính quyền số|31/12/2024|Quý IV\n"
                             "-|2|Ưng Thị Hoa|6.10|0/30|Chính quyền số||\n"
                             "N|V|VHTT||/|||\n"
                             "-|1|VHTT|2.1|10/20|Thể chế số||\n");
  /* Each row is known by its unit and criterion (what `vanban update` keys on). */
  CHECK_STR(mt_str(v, "phu_luc[0].bang_giao_viec.dong[0].id"), "dvÂu Văn Lâm");
  CHECK_STR(mt_str(v, "phu_luc[0].bang_giao_viec.dong[1].id"), "dvÂu Văn Lâm/2.5");
  vb_buf_free(&b);
  CHECK_STR(mt_str(rows, "[8].diem"), "0/30");
  CHECK_STR(mt_str(rows, "[0].diem"), "");
  /* the annex lists indices in id order: 2 before 6 */
  CHECK_STR(mt_str(v, "phu_luc[0].khoi[0].text"), "Thể chế số: đạt 51/100 điểm");
  CHECK_STR(mt_str(v, "phu_luc[0].khoi[1].text"), "Mục 2.1 Kế hoạch đạt 10/20 điểm.");
  CHECK_STR(mt_str(v, "phu_luc[0].khoi[7].text"), "Chính quyền số: đạt 34,5/100 điểm");
  CHECK_STR(mt_str(v, "phu_luc[0].khoi[8].text"), "Mục 6.1 Trang TTĐT đạt 8,5/20 điểm.");
  CHECK_STR(mt_str(v, "phu_luc[0].khoi[10].text"), "Mục 6.2 DVCTT đạt 6/30 điểm.");
  /* its note under it, before the assignment */
  CHECK_STR(mt_str(v, "phu_luc[0].khoi[11].text"), "Ghi chú: Quý IV.");
  CHECK_STR(mt_str(v, "phu_luc[0].khoi[11].kieu"), "doan");
  CHECK_STR(mt_str(v, "phu_luc[0].khoi[12].text"), "=> Giao Ưng Thị Hoa tham mưu khắc phục.");
  CHECK_STR(mt_str(v, "phu_luc[0].khoi[13].text"), "Mục 6.10 Chi ngân sách đạt 0/30 điểm.");
  CHECK_STR(mt_str(v, "phu_luc[0].khoi[14].text"), "=> Giao Ưng Thị Hoa tham mưu khắc phục.");
  vb_diags_free(d);
  vb_arena_free(a);
}

static void test_score_checks(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  CHECK(mt_build(a, d,
                 TB_HEAD
                 "\"don_vi\": [{\"ma\": \"VHTT\"}, {\"ma\": \"MC\", \"ten\": \"Một cửa xã\"}],\n"
                 "\"bang_diem\": {\"chi_so\": [\n"
                 " {\"ma\": \"3\", \"ten\": \"Hạ tầng số\", \"toi_da\": 100, \"tieu_chi\": [\n"
                 "  {\"ma\": \"3.1\", \"noi_dung\": \"A\", \"diem\": 12, \"toi_da\": 10, "
                 "\"don_vi\": \"VHTT\"},\n"
                 "  {\"ma\": \"3.2\", \"noi_dung\": \"B\", \"diem\": 2, \"toi_da\": 10},\n"
                 "  {\"ma\": \"3.3\", \"noi_dung\": \"C\", \"diem\": 2, \"toi_da\": 10, "
                 "\"don_vi\": \"VHT\"},\n"
                 "  {\"ma\": \"3.1\", \"noi_dung\": \"D\", \"diem\": 10, \"toi_da\": 10}]},\n"
                 " {\"ma\": \"4\", \"ten\": \"Nhân lực số\", \"toi_da\": 100, \"day_du\": true, "
                 "\"tieu_chi\": [\n"
                 "  {\"ma\": \"4.1\", \"noi_dung\": \"E\", \"diem\": 50, \"toi_da\": 60, "
                 "\"don_vi\": \"MC\"}]},\n"
                 " {\"ma\": \"5\", \"ten\": \"An toàn\", \"toi_da\": 20, \"tieu_chi\": [\n"
                 "  {\"ma\": \"5.1\", \"noi_dung\": \"F\", \"diem\": 10, \"toi_da\": 30, "
                 "\"don_vi\": \"MC\"}]}]}}",
                 0, NULL) == NULL);
  const vb_diag *x = mt_diag(d, "vượt quá điểm tối đa 10");
  CHECK_STR(x ? x->message : NULL, "điểm 12 vượt quá điểm tối đa 10");
  CHECK_STR(x ? x->where : NULL, "$.bang_diem.chi_so[0].tieu_chi[0].diem (dòng 10, cột 42)");
  x = mt_diag(d, "chưa có đơn vị phụ trách");
  CHECK_STR(x ? x->message : NULL,
            "tiêu chí 3.2 chưa đạt điểm tối đa (2/10) nhưng chưa có đơn vị phụ trách");
  CHECK_STR(x ? x->where : NULL, "$.bang_diem.chi_so[0].tieu_chi[1].don_vi (dòng 11, cột 3)");
  x = mt_diag(d, "không có trong danh sách don_vi");
  CHECK_STR(x ? x->message : NULL, "đơn vị phụ trách \"VHT\" không có trong danh sách don_vi");
  CHECK_STR(x ? x->where : NULL, "$.bang_diem.chi_so[0].tieu_chi[2].don_vi (dòng 12, cột 69)");
  CHECK_CONTAINS(x ? x->hint : NULL, "có phải là \"VHTT\"?");
  x = mt_diag(d, "trùng với");
  CHECK_STR(x ? x->message : NULL,
            "mã \"3.1\" trùng với $.bang_diem.chi_so[0].tieu_chi[0] (dòng 10, cột 3)");
  CHECK_STR(x ? x->where : NULL, "$.bang_diem.chi_so[0].tieu_chi[3].ma (dòng 13, cột 10)");
  x = mt_diag(d, "day_du");
  CHECK_STR(x ? x->message : NULL,
            "chỉ số ghi đủ tiêu chí (day_du) nhưng điểm tối đa của chúng cộng lại là 60, khác 100");
  CHECK_STR(x ? x->where : NULL, "$.bang_diem.chi_so[1].toi_da (dòng 14, cột 46)");
  x = mt_diag(d, "cộng lại (30)");
  CHECK_STR(x ? x->message : NULL,
            "điểm tối đa của các tiêu chí cộng lại (30) vượt quá điểm tối đa của chỉ số (20)");
  CHECK_STR(x ? x->where : NULL, "$.bang_diem.chi_so[2].toi_da (dòng 16, cột 42)");
  CHECK(vb_diags_count(d) == 6);
  mt_dump_diags(vb_diags_count(d) == 6 ? NULL : d);

  /* without a list of units any non-empty name is accepted; scores are compared at the
   * printed precision: 9,999 counts as full marks and needs no unit, 19,499 matches 19,5 */
  vb_diags_clear(d);
  vb_value *v =
      mt_build(a, d,
               TB_HEAD "\"bang_diem\": {\"chi_so\": [{\"ma\": 1, \"ten\": \"X\", \"toi_da\": 20,"
                       " \"tong\": 19.5, \"tieu_chi\": [\n"
                       " {\"ma\": \"1.1\", \"noi_dung\": \"A\", \"diem\": 9.999, \"toi_da\": 10},\n"
                       " {\"ma\": \"1.2\", \"noi_dung\": \"B\", \"diem\": 9.5, \"toi_da\": 10,"
                       " \"don_vi\": \"Văn phòng\"}]}]}}",
               0, NULL);
  CHECK(v != NULL);
  CHECK(vb_diags_count(d) == 0);
  mt_dump_diags(d);
  CHECK_STR(mt_str(v, "bang_diem.chi_so[0].tong_text"), "19,5");
  CHECK(mt_get(v, "bang_diem.chi_so[0].tieu_chi[0].dat_toi_da")->u.b == 1);
  CHECK_STR(mt_str(v, "phu_luc[0].khoi[0].text"), "X: đạt 19,5/20 điểm");
  CHECK_STR(mt_str(v, "phu_luc[0].khoi[1].text"), "Mục 1.2 B đạt 9,5/10 điểm.");
  CHECK_STR(mt_str(v, "phu_luc[0].khoi[2].text"), "=> Giao Văn phòng tham mưu khắc phục.");
  CHECK(mt_get(v, "phu_luc[0].khoi")->u.arr.len == 3);
  vb_diags_free(d);
  vb_arena_free(a);
}

static void test_missing_sheet(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  CHECK(mt_build(a, d, TB_HEAD "\"_\": 0}", 0, NULL) == NULL);
  const vb_diag *x = mt_diag(d, "phụ lục giao việc nhưng không có bang_diem");
  CHECK_STR(x ? x->where : NULL, "$.phu_luc[0].kieu (dòng 6, cột 53)");
  vb_diags_free(d);
  vb_arena_free(a);
}

int main(void) {
  test_fixture_totals_and_annex();
  test_units_in_vietnamese_order();
  test_score_checks();
  test_missing_sheet();
  vi_cleanup();
  TEST_MAIN_END();
}
