/* khoi: section numbering for BÁO CÁO and THÔNG BÁO, inserted indicator
 * groups, placeholders, the closing "./." and the errors of the section tree. */
#include "fixtures/model/model_test.h"
#include "test.h"

/* A no-break space: place names in generated lines stay on one line. */
#define NB "\xc2\xa0"
#include "vi/vi.h"

static void test_bao_cao_blocks(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *v = mt_build_file(a, d, "bao-cao.json", 0);
  CHECK(v != NULL);
  char *blocks = mt_blocks(mt_get(v, "khoi"));
  const char *want =
      "doan||Thực hiện công văn số 2024/UBND-VHTT ngày 13/06/2024 của UBND huyện Hà Trung. UBND "
      "xã Hà Tân báo cáo kết quả thực hiện như sau:\n"
      "la_ma|I.|Công tác chỉ đạo, điều hành\n"
      "so|1.|Công tác lãnh đạo, chỉ đạo\n"
      "doan||Ngay từ đầu năm UBND đã xây dựng kế hoạch.\n"
      "gach|-|Tập trung thực hiện các nhiệm vụ chính quyền số\n"
      "so_con|1.1.|Ban hành văn bản\n"
      "chu|a)|Kế hoạch\n"
      "chu|b)|Quyết định\n"
      "cong|+|Quyết định số 04/QĐ-UBND\n"
      "so|2.|Công tác thông tin, tuyên truyền\n"
      "doan||Tuyên truyền trên Đài truyền thanh.\n"
      "la_ma|II.|Kết quả triển khai 6 tháng đầu năm 2024\n"
      "so|1.|Chính quyền số\n"
      "gach|-|Chỉ tiêu đạt: 02/02 chỉ tiêu, đạt 100%\n"
      "gach|-|Chỉ tiêu đang triển khai: 0\n"
      "gach|-|Chỉ tiêu không hoàn thành: 0\n"
      "doan||Cụ thể, kết quả đạt như sau:\n"
      "so_con|1.1.|Tiêu chí số 1.1\n"
      "chu|a)|Yêu cầu tiêu chí: Xây dựng và tổ chức triển khai thực hiện các chỉ tiêu về chuyển "
      "đổi số.\n"
      "chu|b)|Kết quả:\n"
      "doan||Xã thực hiện đảm bảo các chỉ tiêu về Chuyển đổi số.\n"
      "nghieng||(1.1. Tài liệu minh chứng kèm theo)\n"
      "doan||- Kế hoạch giai đoạn; Kế hoạch năm.\n"
      "chu|c)|Đánh giá: Đạt.\n"
      "so_con|1.2.|Văn bản ký số\n"
      "chu|a)|Yêu cầu tiêu chí: Các văn bản được ký số trên môi trường điện tử.\n"
      "chu|b)|Kết quả:\n"
      "doan||Tỷ lệ ký số là: 533/533 đạt 100% (mục tiêu 100%).\n"
      "chu|c)|Đánh giá: Đạt.\n"
      "so|2.|Xã hội số\n"
      "gach|-|Chỉ tiêu đạt: 02/04 chỉ tiêu, đạt 50%\n"
      "gach|-|Chỉ tiêu đang triển khai: 01\n"
      "gach|-|Chỉ tiêu không hoàn thành: 01\n"
      "doan||Cụ thể, kết quả đạt như sau:\n"
      "so_con|2.1.|Tiêu chí số 3.2\n"
      "chu|a)|Yêu cầu tiêu chí: Tỷ lệ dân số từ 15 tuổi trở lên có tài khoản thanh toán: 80%\n"
      "chu|b)|Kết quả: 2.335/3.986 (58,6%), chỉ tiêu ≥ 80%.\n"
      "chu|c)|Đánh giá: Chưa đạt (Chưa thống kê hết).\n"
      "so_con|2.2.|Tiêu chí số 3.4\n"
      "chu|a)|Yêu cầu tiêu chí: Tỷ lệ dân số trưởng thành có điện thoại thông minh: 70%\n"
      "chu|b)|Kết quả: 2.865/3.986 (71,9%), chỉ tiêu 70%.\n"
      "chu|c)|Đánh giá: Đạt.\n"
      "so_con|2.3.|Tiêu chí số 3.10\n"
      "chu|a)|Yêu cầu tiêu chí: Tỷ lệ dân số trưởng thành có chữ ký số: 40%\n"
      "chu|b)|Kết quả: 1.058/3.986 (26,5%), chỉ tiêu 40%.\n"
      "chu|c)|Đánh giá: Chưa đạt.\n"
      "so_con|2.4.|Tiêu chí số 3.11\n"
      "chu|a)|Yêu cầu tiêu chí: Số lớp tập huấn kỹ năng số\n"
      "chu|b)|Kết quả: 2 lớp, chỉ tiêu 1 lớp.\n"
      "chu|c)|Đánh giá: Đạt.\n"
      "la_ma|III.|Đề xuất, kiến nghị\n"
      "nghieng||(Không có)\n"
      "ket||Trên đây là báo cáo kết quả thực hiện chuyển đổi số. UBND xã Hà Tân báo cáo UBND "
      "huyện Hà Trung nắm và chỉ đạo./.\n";
  CHECK_STR(blocks, want);
  /* the filled narrative is also in the view */
  CHECK_STR(mt_str(v, "nhom_chi_tieu[0].chi_tieu[1].thuyet_minh[0]"),
            "Tỷ lệ ký số là: 533/533 đạt 100% (mục tiêu 100%).");
  free(blocks);
  vb_diags_free(d);
  vb_arena_free(a);
}

/* A conclusion that runs on after its number is kind muc_dan: only its
 * lead-in, up to the first colon, is bold (a sentence without one: only the
 * number); a heading stays a heading. */
static void test_thong_bao_blocks(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *v = mt_build_file(a, d, "thong-bao.json", 0);
  CHECK(v != NULL);
  char *blocks = mt_blocks(mt_get(v, "khoi"));
  const char *want =
      "doan||Sáng ngày 02/7/2024, UBND" NB
      "xã đã tổ chức Hội nghị chuyên đề đánh giá kết quả chuyển "
      "đổi số năm 2023 và phương hướng, nhiệm vụ 6 tháng cuối năm 2024. Đồng chí Trần Thị Phụng "
      "– Phó Chủ tịch UBND" NB
      "xã, chủ trì hội nghị. Tham dự có các đồng chí là thành viên của BCĐ "
      "chuyển đổi số xã.\n"
      "doan||Sau khi nghe báo cáo và các ý kiến tham gia thảo luận tại Hội nghị. Đồng chí Trần "
      "Thị Phụng – Phó Chủ tịch UBND" NB "xã, chủ trì kết luận:\n"
      "muc_dan|1.|Giao trách nhiệm cho các đồng chí chuyên môn tham mưu khắc phục các tiêu chí "
      "thành "
      "phần năm 2023 chưa đạt điểm tối đa (chi tiết tại phụ lục kèm theo).\n"
      "muc_dan|2.|**Giải pháp thực hiện:** Giao đơn vị liên quan, các bộ phận chuyên môn, BQL các "
      "thôn "
      "thực hiện cụ thể:\n"
      "muc_dan|2.1.|VHTT tham mưu ban hành văn bản rà soát.\n"
      "doan||Chủ trì, theo dõi, đôn đốc, tổng hợp chung kết quả.\n"
      "muc_dan|2.2.|**Các bộ phận chuyên môn:** tham mưu khắc phục.\n"
      "chu|a)|Tổng hợp số liệu\n"
      "chu|b)|Gửi tài liệu kiểm chứng\n"
      "muc_dan|2.3.|**Các trường, trạm, BQL các thôn:** phối hợp cung cấp thông tin.\n"
      "ket||Trên đây là Thông báo kết luận của đồng chí Phó Chủ tịch UBND xã./.\n";
  CHECK_STR(blocks, want);
  CHECK_STR(mt_str(v, "mo_dau[1]"),
            "Sau khi nghe báo cáo và các ý kiến tham gia thảo luận tại "
            "Hội nghị. Đồng chí Trần Thị Phụng – Phó Chủ tịch UBND" NB "xã, "
            "chủ trì kết luận:");
  free(blocks);
  vb_diags_free(d);
  vb_arena_free(a);
}

/* A minimal BÁO CÁO: van_ban on lines 1-4, the rest from line 5. */
#define BC_HEAD                                                                                    \
  "{\"loai\": \"bao-cao\", \"van_ban\": {\"co_quan_ban_hanh\": \"UBND xã A\", \"so\": 3,\n"       \
  "\"ky_hieu\": \"BC-UBND\", \"dia_danh\": \"A\", \"ngay\": \"2024-07-05\", \"trich_yeu\": "       \
  "\"T\",\n"                                                                                       \
  "\"noi_nhan\": [\"Y\"], \"luu\": \"VP\",\n"                                                      \
  "\"ky\": {\"ho_ten\": \"Z\", \"dong\": [\"Chủ tịch\"]}},\n"

static void test_closing_mark(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  /* no ket_thuc: the last body block gets "./." and keeps its kind */
  vb_value *v = mt_build(
      a, d, BC_HEAD "\"noi_dung\": [{\"tieu_de\": \"A\", \"noi_dung\": [\"B.\"]}]}", 0, NULL);
  CHECK_STR(mt_str(v, "khoi[1].text"), "B./.");
  CHECK_STR(mt_str(v, "khoi[1].kieu"), "doan");
  /* a closing that already ends with ./. is left alone */
  v = mt_build(a, d, BC_HEAD "\"noi_dung\": [\"A\"], \"ket_thuc\": [\"Đầu.\", \"Cuối./.\"]}", 0,
               NULL);
  CHECK_STR(mt_str(v, "khoi[1].kieu"), "doan");
  CHECK_STR(mt_str(v, "khoi[2].kieu"), "ket");
  CHECK_STR(mt_str(v, "khoi[2].text"), "Cuối./.");
  CHECK(vb_diags_count(d) == 0);
  vb_diags_free(d);
  vb_arena_free(a);
}

static void test_section_errors(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  /* five levels in a BÁO CÁO */
  CHECK(mt_build(a, d,
                 BC_HEAD
                 "\"noi_dung\": [{\"tieu_de\": \"I\", \"noi_dung\": [{\"tieu_de\": \"1\",\n"
                 "\"noi_dung\": [{\"tieu_de\": \"1.1\", \"noi_dung\": [{\"tieu_de\": \"a\",\n"
                 "\"noi_dung\": [{\"tieu_de\": \"quá sâu\"}]}]}]}]}]}",
                 0, NULL) == NULL);
  const vb_diag *x = mt_diag(d, "mục lồng quá sâu");
  CHECK_STR(x ? x->message : NULL, "mục lồng quá sâu: văn bản này chỉ có 4 cấp đánh số");
  CHECK_STR(x ? x->where : NULL,
            "$.noi_dung[0].noi_dung[0].noi_dung[0].noi_dung[0].noi_dung[0] (dòng 7, cột 14)");

  /* an unknown kind of item, a typo of "gach" */
  vb_diags_clear(d);
  CHECK(mt_build(a, d, BC_HEAD "\"noi_dung\": [\"A\", {\"gac\": \"B\"}]}", 0, NULL) == NULL);
  x = mt_diag(d, "mục không hợp lệ: gac");
  CHECK_STR(x ? x->where : NULL, "$.noi_dung[1] (dòng 5, cột 19)");
  CHECK_STR(x ? x->hint : NULL, "có phải là \"gach\"?");

  /* an indicator group that does not exist */
  vb_diags_clear(d);
  CHECK(mt_build(a, d,
                 BC_HEAD
                 "\"noi_dung\": [{\"tieu_de\": \"II\", \"noi_dung\": [{\"chi_tieu\": \"9\"}]}]}",
                 0, NULL) == NULL);
  x = mt_diag(d, "không có nhóm chỉ tiêu mã \"9\"");
  CHECK_STR(x ? x->where : NULL, "$.noi_dung[0].noi_dung[0].chi_tieu (dòng 5, cột 58)");

  /* a numbered section inside mo_dau */
  vb_diags_clear(d);
  CHECK(mt_build(a, d, BC_HEAD "\"mo_dau\": [{\"tieu_de\": \"X\"}], \"noi_dung\": [\"A\"]}", 0,
                 NULL) == NULL);
  x = mt_diag(d, "mục đánh số không dùng được ở đây");
  CHECK_STR(x ? x->where : NULL, "$.mo_dau[0] (dòng 5, cột 12)");

  /* no body at all */
  vb_diags_clear(d);
  CHECK(mt_build(a, d, BC_HEAD "\"ket_luan\": [\"A\"]}", 0, NULL) == NULL);
  CHECK(mt_diag(d, "thiếu phần nội dung chính (noi_dung)") != NULL);
  x = mt_diag(d, "ket_luan không dùng cho BÁO CÁO");
  CHECK(x && x->severity == VB_SEV_WARNING);
  vb_diags_free(d);
  vb_arena_free(a);
}

/* Narrative text may carry inline emphasis (**…**, *…*); the view keeps the
 * markup for the template's dinh_dang, and unbalanced markup is an error at
 * the field's JSON path and line. */
static void test_emphasis_markup(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *v = mt_build(a, d,
                         BC_HEAD "\"noi_dung\": [{\"tieu_de\": \"*Một*\", \"noi_dung\": "
                                 "[\"*Ứng dụng chữ ký số:* **100%**\", \"* Gạch đầu dòng\", "
                                 "{\"gach\": \"(*) ghi chú\"}]}]}",
                         0, NULL);
  CHECK(v != NULL);
  CHECK_STR(mt_str(v, "khoi[0].text"), "*Một*");
  CHECK_STR(mt_str(v, "khoi[1].text"), "*Ứng dụng chữ ký số:* **100%**");
  CHECK(vb_diags_count(d) == 0);

  const char *bad[][2] = {
      {"\"noi_dung\": [\"**Ứng dụng: đã triển khai\"]}", "$.noi_dung[0] (dòng 5, cột 14)"},
      {"\"noi_dung\": [{\"tieu_de\": \"*A\"}]}", "$.noi_dung[0].tieu_de (dòng 5, cột 26)"},
      {"\"noi_dung\": [{\"gach\": \"x *a *b*\"}]}", "$.noi_dung[0].gach (dòng 5, cột 23)"},
      {"\"noi_dung\": [\"A\"], \"ket_thuc\": \"kết thúc 5*\"}", "$.ket_thuc (dòng 5, cột 32)"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    vb_diags_clear(d);
    char json[512];
    snprintf(json, sizeof json, BC_HEAD "%s", bad[i][0]);
    CHECK(mt_build(a, d, json, 0, NULL) == NULL);
    const vb_diag *x = vb_diags_count(d) ? vb_diags_get(d, 0) : NULL;
    CHECK_STR(x ? x->where : NULL, bad[i][1]);
    CHECK_CONTAINS(x ? x->hint : NULL, "viết \\* nếu muốn in dấu * như đã gõ");
  }
  CHECK_CONTAINS(vb_diags_count(d) ? vb_diags_get(d, 0)->message : NULL,
                 "dấu \"*\" ở ký tự thứ 11 đóng chữ nghiêng chưa được mở");
  vb_diags_free(d);
  vb_arena_free(a);
}

/* Indicator groups, placeholders and the THÔNG BÁO ladder. */
#define TB_HEAD                                                                                    \
  "{\"loai\": \"thong-bao\", \"van_ban\": {\"co_quan_ban_hanh\": \"UBND xã A\",\n"                \
  "\"ky_hieu\": \"TB-UBND\", \"dia_danh\": \"A\", \"ngay\": \"2024-07-05\", \"trich_yeu\": "       \
  "\"T\",\n"                                                                                       \
  "\"noi_nhan\": [\"Y\"], \"luu\": \"VP\",\n"                                                      \
  "\"ky\": {\"ho_ten\": \"Z\", \"dong\": [\"Chủ tịch\"]}},\n"

static void test_groups_in_thong_bao(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *v = mt_build(
      a, d,
      TB_HEAD
      "\"ket_luan\": [{\"chi_tieu\": \"1\"}, {\"tieu_de\": \"Khác\"}],\n"
      "\"nhom_chi_tieu\": [{\"ma\": 1, \"ten\": \"Hạ tầng số\", \"chi_tieu\": [\n"
      " {\"ma\": \"4.1\", \"yeu_cau\": \"Phủ sóng\", \"muc_tieu\": {\"kieu\": \"co_khong\"},"
      " \"ket_qua\": {\"co\": true}, \"thuyet_minh\": \"Kết quả: {{ket_qua}}.\","
      " \"minh_chung\": []}]}],\n"
      "\"cuoc_hop\": {\"ngay\": \"2024-07-02\", \"ten\": \"cuộc họp giao ban\","
      " \"chu_tri\": {\"ho_ten\": \"Trần Thị P\"}},\n"
      "\"mo_dau\": [\"Sau khi nghe báo cáo, đồng chí chủ trì kết luận:\"]}",
      0, NULL);
  CHECK(v != NULL);
  mt_dump_diags(d);
  char *blocks = mt_blocks(mt_get(v, "khoi"));
  CHECK_STR(blocks,
            "doan||Ngày 02/7/2024, UBND" NB "xã" NB "A đã tổ chức cuộc họp giao ban. Đồng chí "
            "Trần Thị P, chủ trì cuộc họp.\n"
            "doan||Sau khi nghe báo cáo, đồng chí chủ trì kết luận:\n"
            "so|1.|Hạ tầng số\n"
            "gach|-|Chỉ tiêu đạt: 01/01 chỉ tiêu, đạt 100%\n"
            "gach|-|Chỉ tiêu đang triển khai: 0\n"
            "gach|-|Chỉ tiêu không hoàn thành: 0\n"
            "doan||Cụ thể, kết quả đạt như sau:\n"
            "so_con|1.1.|Tiêu chí số 4.1\n"
            "chu|a)|Yêu cầu tiêu chí: Phủ sóng\n"
            "chu|b)|Kết quả:\n"
            "doan||Kết quả: Có.\n"
            "nghieng||(4.1. Tài liệu minh chứng kèm theo)\n"
            "chu|c)|Đánh giá: Đạt.\n"
            "so|2.|Khác./.\n");
  free(blocks);

  /* a group needs two numbered levels above a): not inside a 1.1. conclusion */
  vb_diags_clear(d);
  CHECK(mt_build(a, d,
                 TB_HEAD
                 "\"ket_luan\": [{\"tieu_de\": \"A\", \"noi_dung\": [{\"chi_tieu\": \"*\"}]}]}",
                 0, NULL) == NULL);
  const vb_diag *x = mt_diag(d, "không đủ cấp đánh số để chèn nhóm chỉ tiêu");
  CHECK_STR(x ? x->where : NULL, "$.ket_luan[0].noi_dung[0] (dòng 5, cột 44)");
  vb_diags_free(d);
  vb_arena_free(a);
}

/* The meeting paragraph is made of names the data gives, not narrative: it
 * is stored escaped, so dinh_dang prints its asterisks as typed. */
static void test_meeting_plain(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *v =
      mt_build(a, d,
               TB_HEAD "\"ket_luan\": [{\"tieu_de\": \"Khác\"}],\n"
                       "\"cuoc_hop\": {\"ngay\": \"2024-07-02\", \"ten\": \"họp *giao ban\","
                       " \"chu_tri\": {\"ho_ten\": \"Trần Thị P\"}}}",
               0, NULL);
  CHECK(v != NULL);
  mt_dump_diags(vb_diags_count(d) ? d : NULL);
  CHECK_STR(mt_str(v, "khoi[0].text"),
            "Ngày 02/7/2024, UBND" NB "xã" NB "A đã tổ chức họp \\*giao ban. "
            "Đồng chí Trần Thị P, chủ trì cuộc họp.");
  vb_diags_free(d);
  vb_arena_free(a);
}

static void test_placeholder_errors(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  CHECK(mt_build(
            a, d,
            BC_HEAD
            "\"noi_dung\": [{\"tieu_de\": \"II\", \"noi_dung\": [{\"chi_tieu\": \"*\"}]}],\n"
            "\"nhom_chi_tieu\": [{\"ma\": \"1\", \"ten\": \"CQS\", \"chi_tieu\": [\n"
            " {\"ma\": \"1.1\", \"yeu_cau\": \"R\", \"danh_gia\": \"Đạt\",\n"
            "  \"thuyet_minh\": [\"Đạt {{ tyle }}.\", \"Có {{ tu }} hồ sơ\", \"{{ ket_qua\"]}]}]}",
            0, NULL) == NULL);
  const vb_diag *x = mt_diag(d, "không biết \"{{ tyle }}\"");
  CHECK_STR(x ? x->where : NULL, "$.nhom_chi_tieu[0].chi_tieu[0].thuyet_minh[0] (dòng 8, cột 19)");
  CHECK_CONTAINS(x ? x->hint : NULL, "{{ ty_le }}");
  x = mt_diag(d, "\"{{ tu }}\" không có giá trị");
  CHECK_STR(x ? x->where : NULL, "$.nhom_chi_tieu[0].chi_tieu[0].thuyet_minh[1] (dòng 8, cột 38)");
  x = mt_diag(d, "thiếu \"}}\"");
  CHECK_STR(x ? x->where : NULL, "$.nhom_chi_tieu[0].chi_tieu[0].thuyet_minh[2] (dòng 8, cột 59)");
  CHECK(vb_diags_count(d) == 3);
  mt_dump_diags(vb_diags_count(d) == 3 ? NULL : d);
  vb_diags_free(d);
  vb_arena_free(a);
}

#define IND_HEAD                                                                                   \
  "{\"loai\": \"bao-cao\", \"van_ban\": {\"co_quan_ban_hanh\": \"UBND xã Tân Lập\",\n"         \
  "\"ky_hieu\": \"BC-UBND\", \"dia_danh\": \"Tân Lập\", \"ngay\": \"2024-07-05\",\n"            \
  "\"trich_yeu\": \"T\", \"noi_nhan\": [\"Y\"], \"luu\": \"VT\",\n"                                \
  "\"ky\": {\"ho_ten\": \"Z\", \"dong\": [\"Chủ tịch\"]}},\n"

/* An indicator in the body: headed by its name, its result beside its
 * target, its note, and every line but the last kept with the next. */
static void test_indicator_body(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *v = mt_build(
      a, d,
      IND_HEAD
      "\"noi_dung\": [{\"chi_tieu\": \"*\"}],\n"
      "\"nhom_chi_tieu\": [{\"ma\": 1, \"ten\": \"Xã hội số\", \"chi_tieu\": [\n"
      " {\"ma\": \"5\", \"ten\": \"Hộ có cáp quang\", \"yeu_cau\": \"Hộ gia đình có cáp quang\","
      "  \"don_vi\": \"hộ\", \"muc_tieu\": \"150\", \"ket_qua\": \"132\","
      "  \"ghi_chu\": \"Còn 18 hộ ở thôn 3\"},\n"
      " {\"ma\": \"6\", \"ten\": \"Hồ sơ trực tuyến\", \"yeu_cau\": \"Hồ sơ trực tuyến\","
      "  \"muc_tieu\": \"≥ 90%\", \"ket_qua\": \"95,5%\"},\n"
      " {\"ma\": \"7\", \"yeu_cau\": \"Ứng dụng chữ ký số\", \"muc_tieu\": \"Triển khai sử dụng\","
      "  \"ket_qua\": \"Đã triển khai\", \"danh_gia\": \"Đạt\"},\n"
      " {\"ma\": \"8\", \"ten\": \"Lớp tập huấn\", \"yeu_cau\": \"Lớp\", \"don_vi\": \"lớp\","
      "  \"muc_tieu\": \"2 lớp\", \"ket_qua\": \"3\"}]}]}",
      0, NULL);
  CHECK(v != NULL);
  mt_dump_diags(vb_diags_count(d) ? d : NULL);
  const vb_value *khoi = mt_get(v, "khoi");
  char *blocks = mt_blocks(khoi);
  CHECK_STR(blocks, "la_ma|I.|Xã hội số\n"
                    "gach|-|Chỉ tiêu đạt: 03/04 chỉ tiêu, đạt 75%\n"
                    "gach|-|Chỉ tiêu đang triển khai: 01\n"
                    "gach|-|Chỉ tiêu không hoàn thành: 0\n"
                    "doan||Cụ thể, kết quả đạt như sau:\n"
                    "so|1.|Hộ có cáp quang\n"
                    "chu|a)|Yêu cầu tiêu chí: Hộ gia đình có cáp quang\n"
                    "chu|b)|Kết quả: 132/150 hộ (88%).\n"
                    "doan||Ghi chú: Còn 18 hộ ở thôn 3.\n"
                    "chu|c)|Đánh giá: Chưa đạt.\n"
                    "so|2.|Hồ sơ trực tuyến\n"
                    "chu|a)|Yêu cầu tiêu chí: Hồ sơ trực tuyến\n"
                    "chu|b)|Kết quả: 95,5%, chỉ tiêu ≥ 90%.\n"
                    "chu|c)|Đánh giá: Đạt.\n"
                    "so|3.|Tiêu chí số 7\n"
                    "chu|a)|Yêu cầu tiêu chí: Ứng dụng chữ ký số\n"
                    "chu|b)|Kết quả: Đã triển khai, chỉ tiêu: Triển khai sử dụng.\n"
                    "chu|c)|Đánh giá: Đạt.\n"
                    "so|4.|Lớp tập huấn\n"
                    "chu|a)|Yêu cầu tiêu chí: Lớp\n"
                    "chu|b)|Kết quả: 3 lớp, chỉ tiêu 2 lớp.\n"
                    "chu|c)|Đánh giá: Đạt./.\n");
  free(blocks);
  /* giu: the indicator's lines but its last; nothing of the group's head */
  vb_buf g = VB_BUF_INIT;
  for (size_t i = 0; khoi && i < khoi->u.arr.len; i++) {
    const vb_value *x = vb_obj_get(khoi->u.arr.items[i], "giu");
    vb_buf_putc(&g, x && x->kind == VB_BOOL && x->u.b ? '1' : '0');
  }
  CHECK_STR(vb_buf_cstr(&g), "00000"
                             "11110"
                             "1110"
                             "1110"
                             "1110");
  vb_buf_free(&g);
  vb_diags_free(d);
  vb_arena_free(a);
}

/* {"bieu_do": "*"} and {"bieu_do": "3"}: chart blocks holding the groups, or
 * one group's indicators with their rate targets as numbers. */
static vb_value *fixture_with(vb_arena *a, vb_diags *d, const char *items) {
  char path[512];
  snprintf(path, sizeof path, "%s/tests/fixtures/model/bao-cao.json", VB_SOURCE_DIR);
  char *text;
  size_t len;
  if (vb_read_file(path, 1 << 20, &text, &len, d) != 0) return NULL;
  vb_value *in = vb_json_parse(a, text, len, "bao-cao.json", d);
  free(text);
  vb_value *more = vb_json_parse(a, items, strlen(items), "them.json", d);
  vb_value *body = in ? vb_obj_get(in, "noi_dung") : NULL;
  if (!body || !more) return NULL;
  for (size_t i = 0; i < more->u.arr.len; i++)
    vb_arr_push(a, body, more->u.arr.items[i]);
  return vb_model_build(a, in, "bao-cao.json", 0, d);
}

static const vb_value *chart_block(const vb_value *v, int nth) {
  const vb_value *k = mt_get(v, "khoi");
  for (size_t i = 0; k && i < k->u.arr.len; i++) {
    const vb_value *kieu = vb_obj_get(k->u.arr.items[i], "kieu");
    if (kieu && kieu->kind == VB_STR && !strcmp(kieu->u.str.s, "bieu_do") && nth-- == 0)
      return k->u.arr.items[i];
  }
  return NULL;
}

static void test_chart_blocks(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *v = fixture_with(
      a, d, "[{\"bieu_do\": \"*\"}, {\"bieu_do\": \"3\", \"tieu_de\": \"Chỉ tiêu xã hội số\"}]");
  CHECK(v != NULL);
  const vb_value *all = chart_block(v, 0), *one = chart_block(v, 1);
  CHECK(all && one && chart_block(v, 2) == NULL);
  CHECK_STR(all ? mt_get(all, "text")->u.str.s : NULL, "Tỷ lệ chỉ tiêu đạt theo nhóm");
  CHECK_STR(all ? mt_get(all, "so")->u.str.s : NULL, "");
  const vb_value *groups = all ? mt_get(all, "du_lieu") : NULL;
  CHECK(groups && groups->kind == VB_ARR && groups->u.arr.len == 2);
  /* The groups themselves, with their computed share of met indicators. */
  CHECK(groups && groups == mt_get(v, "nhom_chi_tieu"));
  const vb_value *rate = groups ? mt_get(groups->u.arr.items[1], "ty_le_dat") : NULL;
  CHECK(rate && rate->kind == VB_NUM && rate->u.num == 50);
  CHECK_STR(one ? mt_get(one, "text")->u.str.s : NULL, "Chỉ tiêu xã hội số");
  const vb_value *items = one ? mt_get(one, "du_lieu") : NULL;
  CHECK(items && items == mt_get(v, "nhom_chi_tieu[1].chi_tieu"));
  /* Rate targets as numbers; none for a count target. */
  const vb_value *t0 = items ? mt_get(items->u.arr.items[0], "muc_tieu_ty_le") : NULL;
  CHECK(t0 && t0->kind == VB_NUM && t0->u.num == 80);
  const vb_value *t4 = items ? mt_get(items->u.arr.items[3], "muc_tieu_ty_le") : NULL;
  CHECK(t4 && t4->kind == VB_NULL);

  /* A group that does not exist. */
  vb_diags_clear(d);
  CHECK(fixture_with(a, d, "[{\"bieu_do\": \"9\"}]") == NULL);
  const vb_diag *x = mt_diag(d, "không có nhóm chỉ tiêu mã \"9\"");
  CHECK(x != NULL);
  CHECK_CONTAINS(x ? x->where : NULL, ".bieu_do (dòng 1, cột 14)");
  vb_diags_free(d);
  vb_arena_free(a);
}

int main(void) {
  test_bao_cao_blocks();
  test_thong_bao_blocks();
  test_closing_mark();
  test_section_errors();
  test_emphasis_markup();
  test_groups_in_thong_bao();
  test_meeting_plain();
  test_placeholder_errors();
  test_indicator_body();
  test_chart_blocks();
  vi_cleanup();
  TEST_MAIN_END();
}
