/* The tables of appendices (pl.bang): a document list showing only the
 * columns its data has, grouped with numbering styles; an indicator table
 * with chosen columns, headers, groups and numbering; a free table with a
 * two-level header; the assignment table; widths on the 55-part grid; the
 * refusals (unknown column, rows that do not fit). */
#include "fixtures/model/model_test.h"
#include "test.h"
#include "vi/vi.h"

#define HEAD                                                                                       \
  "{\"loai\": \"bao-cao\", \"van_ban\": {\"co_quan_ban_hanh\": \"UBND xã A\", \"ky_hieu\": "      \
  "\"BC-UBND\", \"so\": 7, \"dia_danh\": \"A\", \"ngay\": \"2024-12-20\", \"trich_yeu\": \"T\", "  \
  "\"noi_nhan\": [\"Y\"], \"luu\": \"VP\", \"ky\": {\"ho_ten\": \"Z\", \"dong\": [\"Chủ "        \
  "tịch\"]}},\n"

#define GROUPS                                                                                                  \
  "\"nhom_chi_tieu\": [{\"ma\": \"1\", \"ten\": \"Chính quyền số\", \"chi_tieu\": [\n"                     \
  " {\"ma\": \"1\", \"ten\": \"Hồ sơ trực tuyến\", \"yeu_cau\": \"Tỷ lệ hồ sơ\", \"don_vi\": "    \
  "\"%\", \"muc_tieu\": \"≥ 80%\", \"ket_qua\": \"90/100\", \"kho_khan\": \"Mạng yếu\"},\n"               \
  " {\"ma\": \"2\", \"yeu_cau\": \"Ứng dụng chữ ký số\", \"muc_tieu\": \"Triển khai sử dụng\", " \
  "\"ket_qua\": \"Đã triển khai\", \"danh_gia\": \"Đạt\", \"nguon\": \"NSNN\"}]},\n"                     \
  " {\"ma\": \"2\", \"ten\": \"Xã hội số\", \"chi_tieu\": [\n"                                             \
  " {\"ma\": \"1\", \"ten\": \"Tài khoản thanh toán\", \"yeu_cau\": \"Y\", \"muc_tieu\": "                  \
  "\"70%\", \"ket_qua\": \"35/70\", \"ghi_chu\": \"Chưa thống kê hết\"}]}]"

/* "H: a(4,1) b(51,2)" per header row, then "kieu: text(gop) …" per body row. */
static char *table_text(const vb_value *t) {
  vb_buf b = VB_BUF_INIT;
  const vb_value *dau = mt_get(t, "dau"), *dong = mt_get(t, "dong");
  for (size_t r = 0; dau && r < dau->u.arr.len; r++) {
    const vb_value *o = mt_get(dau->u.arr.items[r], "o");
    vb_buf_puts(&b, "H:");
    for (size_t i = 0; i < o->u.arr.len; i++) {
      const vb_value *c = o->u.arr.items[i];
      if (mt_get(c, "tiep")->u.b)
        vb_buf_printf(&b, " ^(%g)", mt_num(c, "gop"));
      else
        vb_buf_printf(&b, " %s(%g,%g)", mt_str(c, "text"), mt_num(c, "gop"), mt_num(c, "gop_dong"));
    }
    vb_buf_putc(&b, '\n');
  }
  for (size_t r = 0; dong && r < dong->u.arr.len; r++) {
    const vb_value *o = mt_get(dong->u.arr.items[r], "o");
    vb_buf_puts(&b, mt_get(dong->u.arr.items[r], "nhom")->u.b ? "N:" : "-:");
    for (size_t i = 0; i < o->u.arr.len; i++) {
      const vb_value *c = o->u.arr.items[i];
      vb_buf_printf(&b, " %s(%g%s)", mt_str(c, "text"), mt_num(c, "gop"),
                    !strcmp(mt_str(c, "kieu"), "trai") ? "" : mt_str(c, "kieu"));
    }
    vb_buf_putc(&b, '\n');
  }
  vb_buf_cstr(&b);
  return vb_buf_detach(&b, NULL);
}

static vb_value *build(vb_arena *a, vb_diags *d, const char *rest) {
  vb_buf b = VB_BUF_INIT;
  vb_buf_printf(&b, HEAD "\"noi_dung\": [\"Đoạn.\"],\n%s}", rest);
  vb_value *v = mt_build(a, d, vb_buf_cstr(&b), 0, NULL);
  vb_buf_free(&b);
  return v;
}

static void test_document_lists(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  /* Two columns of data only: STT and the title. */
  vb_value *v = build(a, d,
                      "\"phu_luc\": [{\"tieu_de\": \"Văn bản\", \"dong\": [{\"trich_yeu\": \"Kế "
                      "hoạch A\"}, {\"trich_yeu\": \"Kế hoạch B\"}]}]");
  CHECK(v != NULL && vb_diags_count(d) == 0);
  mt_dump_diags(d);
  char *t = table_text(mt_get(v, "phu_luc[0].bang"));
  CHECK_STR(t, "H: STT(4,1) Trích yếu nội dung(51,1)\n"
               "-: 1(4giua) Kế hoạch A(51)\n"
               "-: 2(4giua) Kế hoạch B(51)\n");
  free(t);
  CHECK(mt_num(v, "phu_luc[0].bang.so_cot") == 2);
  CHECK(mt_num(v, "phu_luc[0].bang.cot[1].rong_mm") == 153);

  /* Grouped, Arabic group numbers, numbering per group; the columns the
   * data has (no Cơ quan ban hành), a header renamed; dates as typed or
   * formatted. */
  vb_diags_clear(d);
  v = build(a, d,
            "\"phu_luc\": [{\"tieu_de\": \"Văn bản\", \"danh_so_nhom\": \"1\", \"tieu_de_cot\": "
            "{\"trich_yeu\": \"Tên văn bản\"}, \"nhom\": [\n"
            " {\"ten\": \"Nghị quyết\", \"dong\": [{\"trich_yeu\": \"NQ 1\", \"so_ky_hieu\": "
            "\"01/NQ-HĐND\", \"ngay\": \"2024-01-05\"}, {\"trich_yeu\": \"NQ 2\", \"ngay\": "
            "\"5/2/2024\"}]},\n"
            " {\"ten\": \"Kế hoạch\", \"dong\": [{\"trich_yeu\": \"KH 1\", \"so_ky_hieu\": "
            "\"12/KH-UBND\"}]}]}]");
  CHECK(v != NULL && vb_diags_count(d) == 0);
  mt_dump_diags(d);
  t = table_text(mt_get(v, "phu_luc[0].bang"));
  CHECK_STR(t, "H: STT(4,1) Tên văn bản(29,1) Số, ký hiệu(12,1) Ngày ban hành(10,1)\n"
               "N: 1(4dam_giua) Nghị quyết(51dam_trai)\n"
               "-: 1(4giua) NQ 1(29) 01/NQ-HĐND(12giua) 05/01/2024(10giua)\n"
               "-: 2(4giua) NQ 2(29) (12giua) 5/2/2024(10giua)\n"
               "N: 2(4dam_giua) Kế hoạch(51dam_trai)\n"
               "-: 1(4giua) KH 1(29) 12/KH-UBND(12giua) (10giua)\n");
  free(t);
  /* Each row's identity for `vanban update`: a group by its name, a
   * document by its number, by its place where it has none. */
  CHECK_STR(mt_str(v, "phu_luc[0].bang.dong[0].id"), "n:Nghị quyết");
  CHECK_STR(mt_str(v, "phu_luc[0].bang.dong[1].id"), "vb:01/NQ-HĐND");
  CHECK_STR(mt_str(v, "phu_luc[0].bang.dong[2].id"), "n1.2");
  CHECK_STR(mt_str(v, "phu_luc[0].bang.dong[4].id"), "vb:12/KH-UBND");

  /* A number or a group name written twice identifies neither row: they
   * are known by their place. */
  vb_diags_clear(d);
  v = build(a, d,
            "\"phu_luc\": [{\"tieu_de\": \"Văn bản\", \"nhom\": [\n"
            " {\"ten\": \"Khác\", \"dong\": [{\"trich_yeu\": \"A\", \"so_ky_hieu\": \"1/TB\"}]},\n"
            " {\"ten\": \"Khác\", \"dong\": [{\"trich_yeu\": \"B\", \"so_ky_hieu\": \"1/TB\"}, "
            "{\"trich_yeu\": \"C\", \"so_ky_hieu\": \" 2/TB \"}]}]}]");
  CHECK(v != NULL && vb_diags_count(d) == 0);
  mt_dump_diags(d);
  CHECK_STR(mt_str(v, "phu_luc[0].bang.dong[0].id"), "n1");
  CHECK_STR(mt_str(v, "phu_luc[0].bang.dong[1].id"), "n1.1");
  CHECK_STR(mt_str(v, "phu_luc[0].bang.dong[2].id"), "n2");
  CHECK_STR(mt_str(v, "phu_luc[0].bang.dong[3].id"), "n2.1");
  CHECK_STR(mt_str(v, "phu_luc[0].bang.dong[4].id"), "vb:2/TB");

  /* Letters, continuous numbering, the columns chosen and a field of the rows. */
  vb_diags_clear(d);
  v = build(a, d,
            "\"phu_luc\": [{\"tieu_de\": \"Văn bản\", \"danh_so_nhom\": \"A\", \"danh_so\": "
            "\"lien_tuc\", \"cac_cot\": [\"stt\", \"trich_yeu\", {\"cot\": \"co_quan\", "
            "\"tieu_de\": \"Nơi ban hành\", \"rong\": 45}, {\"truong\": \"hieu_luc\", "
            "\"tieu_de\": \"Hiệu lực\"}], \"nhom\": [\n"
            " {\"ten\": \"Nghị quyết\", \"dong\": [{\"trich_yeu\": \"NQ 1\", \"co_quan\": \"HĐND "
            "huyện\", \"hieu_luc\": \"Còn\"}]},\n"
            " {\"ten\": \"Kế hoạch\", \"dong\": [{\"trich_yeu\": \"KH 1\", \"co_quan\": \"UBND "
            "huyện\"}]}]}]");
  CHECK(v != NULL && vb_diags_count(d) == 0);
  mt_dump_diags(d);
  t = table_text(mt_get(v, "phu_luc[0].bang"));
  CHECK_STR(t, "H: STT(4,1) Trích yếu nội dung(28,1) Nơi ban hành(15,1) Hiệu lực(8,1)\n"
               "N: A(4dam_giua) Nghị quyết(51dam_trai)\n"
               "-: 1(4giua) NQ 1(28) HĐND huyện(15) Còn(8)\n"
               "N: B(4dam_giua) Kế hoạch(51dam_trai)\n"
               "-: 2(4giua) KH 1(28) UBND huyện(15) (8)\n");
  free(t);
  vb_diags_free(d);
  vb_arena_free(a);
}

static void test_indicator_tables(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  /* Plan against result: Arabic groups, items numbered in each group, the
   * last column the difficulties; a custom field; group 1 only. */
  vb_value *v =
      build(a, d,
            GROUPS
            ",\n\"phu_luc\": [{\"tieu_de\": \"Kết quả\", \"kieu\": \"chi_tieu\", \"danh_so_nhom\": "
            "\"1\", \"danh_so\": \"theo_nhom\", \"cac_cot\": [\"stt\", {\"cot\": \"noi_dung\"}, "
            "{\"cot\": \"chi_tieu\", \"tieu_de\": \"Chỉ tiêu giao\"}, \"ket_qua\", {\"truong\": "
            "\"nguon\", \"tieu_de\": \"Nguồn\"}, \"kho_khan\"]},\n"
            " {\"tieu_de\": \"Nhóm 2\", \"kieu\": \"chi_tieu\", \"nhom_chi_tieu\": [\"2\"], "
            "\"hien_nhom\": false, \"danh_so\": \"lien_tuc\", \"cac_cot\": [\"stt\", \"ten\", "
            "\"ket_qua\", \"ty_le\", \"danh_gia\", \"ghi_chu\"]}]");
  CHECK(v != NULL && vb_diags_count(d) == 0);
  mt_dump_diags(d);
  char *t = table_text(mt_get(v, "phu_luc[0].bang"));
  CHECK_STR(t, "H: TT(4,1) Nội dung(15,1) Chỉ tiêu giao(8,1) Kết quả đạt được(8,1) Nguồn(8,1) "
               "Khó khăn, vướng mắc(12,1)\n"
               "N: 1(4dam_giua) Chính quyền số(51dam_trai)\n"
               "-: 1(4giua) Hồ sơ trực tuyến(15) ≥ 80%(8giua) 90/100 (90%)(8giua) (8) Mạng "
               "yếu(12)\n"
               "-: 2(4giua) Ứng dụng chữ ký số(15) Triển khai sử dụng(8giua) Đã triển khai(8giua) "
               "NSNN(8) (12)\n"
               "N: 2(4dam_giua) Xã hội số(51dam_trai)\n"
               "-: 1(4giua) Tài khoản thanh toán(15) 70%(8giua) 35/70 (50%)(8giua) (8) (12)\n");
  free(t);
  t = table_text(mt_get(v, "phu_luc[1].bang"));
  CHECK_STR(t, "H: TT(4,1) Tên chỉ tiêu(22,1) Kết quả đạt được(8,1) Tỷ lệ(6,1) Đánh giá(7,1) "
               "Ghi chú(8,1)\n"
               "-: 1(4giua) Tài khoản thanh toán(22) 35/70(8giua) 50%(6giua) Chưa đạt(7giua) Chưa "
               "thống kê hết(8)\n");
  free(t);

  /* The default columns: those the data has. */
  vb_diags_clear(d);
  v = build(a, d, GROUPS ",\n\"phu_luc\": [{\"tieu_de\": \"B\", \"kieu\": \"chi_tieu\"}]");
  CHECK(v != NULL);
  const vb_value *cols = mt_get(v, "phu_luc[0].bang.cot");
  vb_buf b = VB_BUF_INIT;
  for (size_t i = 0; cols && i < cols->u.arr.len; i++)
    vb_buf_printf(&b, "%s ", mt_str(cols->u.arr.items[i], "ten"));
  CHECK_STR(vb_buf_cstr(&b), "stt ten don_vi chi_tieu ket_qua danh_gia ghi_chu ");
  vb_buf_free(&b);
  vb_diags_free(d);
  vb_arena_free(a);
}

static void test_free_table(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  /* A two-level header: STT and Nội dung span both rows, Kết quả spans two columns. */
  vb_value *v = build(
      a, d,
      "\"phu_luc\": [{\"tieu_de\": \"Bảng\", \"kieu\": \"bang\", \"cot\": [{\"rong\": 12}, "
      "{\"rong\": 75}, {}, {\"can\": \"phai\"}],\n"
      " \"dau\": [[{\"van_ban\": \"STT\", \"gop_dong\": 2}, {\"van_ban\": \"Nội dung\", "
      "\"gop_dong\": 2}, {\"van_ban\": \"Kết quả\", \"gop_cot\": 2}], [\"Số lượng\", \"Tỷ lệ\"]],\n"
      " \"dong\": [[\"1\", \"Hộ có Internet\", 1320, \"88%\"], {\"o\": [{\"van_ban\": \"Tổng "
      "cộng\", \"gop_cot\": 2}, 1320, \"\"], \"dam\": true}]}]");
  CHECK(v != NULL && vb_diags_count(d) == 0);
  mt_dump_diags(d);
  char *t = table_text(mt_get(v, "phu_luc[0].bang"));
  CHECK_STR(t, "H: STT(4,2) Nội dung(25,2) Kết quả(26,1)\n"
               "H: ^(4) ^(25) Số lượng(13,1) Tỷ lệ(13,1)\n"
               "-: 1(4giua) Hộ có Internet(25) 1.320(13giua) 88%(13phai)\n"
               "-: Tổng cộng(29dam_giua) 1.320(13dam_giua) (13dam_phai)\n");
  free(t);
  CHECK(mt_get(v, "phu_luc[0].bang.dau[1].o[0].luoi")->u.arr.len == 4);
  CHECK(mt_get(v, "phu_luc[0].bang.dau[0].o[0].luoi")->u.arr.len == 0);
  /* The outer edges each cell lies on: top row, first column. */
  CHECK_STR(mt_str(v, "phu_luc[0].bang.dau[0].o[0].vien"), "tren_trai");
  CHECK_STR(mt_str(v, "phu_luc[0].bang.dau[0].o[2].vien"), "tren");
  CHECK_STR(mt_str(v, "phu_luc[0].bang.dau[1].o[0].vien"), "trai");
  CHECK_STR(mt_str(v, "phu_luc[0].bang.dau[1].o[2].vien"), "");
  CHECK_STR(mt_str(v, "phu_luc[0].bang.dong[1].o[0].vien"), "trai");
  CHECK_STR(mt_str(v, "phu_luc[0].bang.dong[1].o[1].vien"), "");
  vb_diags_free(d);
  vb_arena_free(a);
}

static void test_refusals(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  CHECK(build(a, d,
              GROUPS
              ",\n\"phu_luc\": [{\"tieu_de\": \"B\", \"kieu\": \"chi_tieu\", \"cac_cot\": "
              "[\"stt\", \"ket_qa\"]},\n"
              " {\"tieu_de\": \"C\", \"kieu\": \"chi_tieu\", \"cac_cot\": [\"stt\", "
              "\"ten\"], \"tieu_de_cot\": {\"ghi_chu\": \"Ghi chú\"}},\n"
              " {\"tieu_de\": \"D\", \"kieu\": \"bang\", \"dau\": [[\"A\", \"B\"], [\"C\"]], "
              "\"dong\": [[\"1\", \"2\", \"3\"]]},\n"
              " {\"tieu_de\": \"E\", \"kieu\": \"chi_tieu\", \"nhom_chi_tieu\": [\"9\"]}]") ==
        NULL);
  const vb_diag *x = mt_diag(d, "không có cột \"ket_qa\"");
  CHECK_STR(x ? x->where : NULL, "$.phu_luc[0].cac_cot[1] (dòng 8, cột 69)");
  CHECK_CONTAINS(x ? x->hint : NULL, "có phải là \"ket_qua\"?");
  x = mt_diag(d, "không có cột \"ghi_chu\" trong bảng");
  CHECK_STR(x ? x->where : NULL, "$.phu_luc[1].tieu_de_cot.ghi_chu (dòng 9, cột 93)");
  CHECK(mt_diag(d, "dòng tiêu đề 2 thiếu ô ở cột 2") != NULL);
  x = mt_diag(d, "không có nhóm chỉ tiêu mã \"9\"");
  CHECK_STR(x ? x->where : NULL, "$.phu_luc[3].nhom_chi_tieu[0] (dòng 11, cột 57)");
  /* and the warning for the field "nguon" that no column names here */
  CHECK(mt_diag(d, "trường không xác định \"nguon\"") != NULL);
  CHECK(vb_diags_count(d) == 5);
  mt_dump_diags(vb_diags_count(d) == 5 ? NULL : d);

  vb_diags_clear(d);
  CHECK(build(a, d,
              "\"phu_luc\": [{\"tieu_de\": \"D\", \"kieu\": \"bang\", \"dau\": [[\"A\", "
              "\"B\"]], \"dong\": [[\"1\", \"2\", \"3\"], [\"1\"]]}]") == NULL);
  CHECK(mt_diag(d, "dòng 1 vượt quá 2 cột của bảng") != NULL);
  CHECK(mt_diag(d, "dòng 2 có 1 cột, bảng có 2 cột") != NULL);

  /* A table without header rows (its header repeats on every page). */
  vb_diags_clear(d);
  CHECK(
      build(a, d, "\"phu_luc\": [{\"tieu_de\": \"D\", \"kieu\": \"bang\", \"dong\": [[\"1\"]]}]") ==
      NULL);
  const vb_diag *nh = mt_diag(d, "bảng không có dòng tiêu đề (dau)");
  CHECK_STR(nh ? nh->where : NULL, "$.phu_luc[0].dau (dòng 3, cột 13)");
  vb_diags_free(d);
  vb_arena_free(a);
}

static void test_assignment_table(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *v = mt_build_file(a, d, "thong-bao.json", 0);
  CHECK(v != NULL);
  const vb_value *pl = mt_get(v, "phu_luc[0]");
  CHECK_STR(mt_str(pl, "kieu"), "giao_viec");
  const vb_value *cols = mt_get(pl, "bang.cot");
  int units[6] = {4, 10, 5, 22, 6, 8};
  for (size_t i = 0; cols && i < 6; i++)
    CHECK(mt_num(cols->u.arr.items[i], "rong") == units[i]);
  /* As many rows as the table of old, the same texts. */
  const vb_value *old = mt_get(pl, "bang_giao_viec.dong"), *rows = mt_get(pl, "bang.dong");
  CHECK(old && rows && old->u.arr.len == rows->u.arr.len);
  CHECK_STR(mt_str(rows, "[1].o[3].text"), mt_str(old, "[1].noi_dung"));
  vb_diags_free(d);
  vb_arena_free(a);
}

int main(void) {
  test_document_lists();
  test_indicator_tables();
  test_free_table();
  test_refusals();
  test_assignment_table();
  vi_cleanup();
  TEST_MAIN_END();
}
