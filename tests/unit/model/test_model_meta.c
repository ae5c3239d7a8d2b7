/* van_ban: Số, date line, Kính gửi, Nơi nhận, signature; required fields,
 * unknown fields, tone placement. */
#include "fixtures/model/model_test.h"
#include "test.h"
#include "vi/vi.h"

#define NBSP6 "\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0"

static void test_fixture_draft(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *v = mt_build_file(a, d, "bao-cao.json", 0);
  CHECK(v != NULL);
  CHECK(vb_diags_count(d) == 0);
  mt_dump_diags(d);
  CHECK_STR(mt_str(v, "van_ban.so_ky_hieu"), "Số:" NBSP6 "/BC-UBND");
  CHECK_STR(mt_str(v, "van_ban.dia_danh_ngay"), "Hà Tân, ngày" NBSP6 "tháng 6 năm 2024");
  CHECK_STR(mt_str(v, "van_ban.co_quan_chu_quan"), "UBND HUYỆN HÀ TRUNG");
  CHECK_STR(mt_str(v, "van_ban.co_quan_ban_hanh"), "ỦY BAN NHÂN DÂN\nXÃ HÀ TÂN");
  CHECK_STR(mt_str(v, "van_ban.ten_loai"), "BÁO CÁO");
  CHECK_STR(mt_str(v, "van_ban.kinh_gui_mot"), "UBND huyện Hà Trung");
  CHECK(mt_get(v, "van_ban.kinh_gui_dong")->u.arr.len == 0);
  CHECK_STR(mt_str(v, "van_ban.noi_nhan_dong[0]"), "- Như trên;");
  CHECK_STR(mt_str(v, "van_ban.noi_nhan_dong[1]"), "- Phòng VHMT (b/c);");
  CHECK_STR(mt_str(v, "van_ban.noi_nhan_dong[2]"), "- Chủ tịch UBND xã (b/c);");
  CHECK_STR(mt_str(v, "van_ban.noi_nhan_dong[3]"), "- Lưu: VT, VHMT.");
  CHECK(mt_get(v, "van_ban.noi_nhan_dong")->u.arr.len == 4);
  CHECK_STR(mt_str(v, "van_ban.ky_dong[0]"), "KT. CHỦ TỊCH");
  CHECK_STR(mt_str(v, "van_ban.ky_dong[1]"), "PHÓ CHỦ TỊCH");
  CHECK_STR(mt_str(v, "van_ban.ky_ho_ten"), "Nguyễn Văn Trình");
  /* the input stays in the view */
  CHECK_STR(mt_str(v, "van_ban.ky.dong[0]"), "KT. Chủ tịch");
  vb_diags_free(d);
  vb_arena_free(a);
}

static void test_fixture_issued(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *v = mt_build_file(a, d, "bao-cao.json", VB_MODEL_ISSUED);
  CHECK_STR(mt_str(v, "van_ban.so_ky_hieu"), "Số: 10/BC-UBND");
  CHECK_STR(mt_str(v, "van_ban.dia_danh_ngay"), "Hà Tân, ngày 20 tháng 6 năm 2024");
  vb_diags_free(d);
  vb_arena_free(a);
}

static void test_number_date_addressees(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  const char *json =
      "{\"loai\": \"bao-cao\", \"noi_dung\": [\"x\"],\n"
      "\"van_ban\": {\"co_quan_ban_hanh\": \"UBND xã Hà Tân\", \"ky_hieu\": \"BC-UBND\", \"so\": "
      "5,\n"
      " \"dia_danh\": \"Hà Tân\", \"ngay\": \"2024-02-05\", \"trich_yeu\": \"Kết quả\",\n"
      " \"kinh_gui\": [\"UBND huyện Hà Trung\", \"- Phòng VHTT huyện;\"],\n"
      " \"noi_nhan\": [\"Phòng VHTT\"], \"luu\": \"Lưu: VT, VP.\",\n"
      " \"ky\": {\"dong\": [\"TL. Chủ tịch\", \"KT.Chánh Văn phòng\", \"Phó Chánh Văn phòng\"],"
      " \"ho_ten\": \"Lê Văn B\"}}}\n";
  vb_value *v = mt_build(a, d, json, 0, NULL);
  CHECK(v != NULL);
  CHECK_STR(mt_str(v, "van_ban.so_ky_hieu"), "Số: 05/BC-UBND");
  CHECK_STR(mt_str(v, "van_ban.dia_danh_ngay"), "Hà Tân, ngày 05 tháng 02 năm 2024");
  CHECK_STR(mt_str(v, "van_ban.kinh_gui_mot"), "");
  CHECK_STR(mt_str(v, "van_ban.kinh_gui_dong[0]"), "- UBND huyện Hà Trung;");
  CHECK_STR(mt_str(v, "van_ban.kinh_gui_dong[1]"), "- Phòng VHTT huyện.");
  CHECK_STR(mt_str(v, "van_ban.noi_nhan_dong[1]"), "- Lưu: VT, VP.");
  CHECK_STR(mt_str(v, "van_ban.ky_dong[1]"), "KT. CHÁNH VĂN PHÒNG");
  CHECK_STR(mt_str(v, "van_ban.ten_co_quan"), "UBND xã Hà Tân");
  /* Kính gửi without "Như trên" first: a warning at the first recipient */
  const vb_diag *x = mt_diag(d, "Như trên");
  CHECK(x && x->severity == VB_SEV_WARNING);
  CHECK_STR(x ? x->where : NULL, "$.van_ban.noi_nhan[0] (dòng 5, cột 15)");
  CHECK_STR(x ? x->file : NULL, "t.json");
  CHECK(vb_diags_count(d) == 1); /* TL. then KT. is a valid stack */
  vb_diags_free(d);
  vb_arena_free(a);
}

static void test_required_fields(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  const char *json = "{\"loai\": \"bao-cao\", \"noi_dung\": [\"x\"],\n"
                     "\"van_ban\": {\"ky_hieu\": \"\", \"ky\": {\"dong\": [\"Chủ tịch\"]}}}\n";
  vb_value *v = mt_build(a, d, json, 0, NULL);
  CHECK(v == NULL);
  const vb_diag *x = mt_diag(d, "ky_hieu đang để trống");
  CHECK(x && x->severity == VB_SEV_ERROR && x->code == VB_EDATA);
  CHECK_STR(x ? x->where : NULL, "$.van_ban.ky_hieu (dòng 2, cột 24)");
  CHECK(x && x->hint && *x->hint);
  x = mt_diag(d, "thiếu trường bắt buộc co_quan_ban_hanh");
  CHECK_STR(x ? x->where : NULL, "$.van_ban.co_quan_ban_hanh (dòng 2, cột 12)");
  CHECK(mt_diag(d, "thiếu trường bắt buộc dia_danh") != NULL);
  CHECK(mt_diag(d, "thiếu trường bắt buộc ngay") != NULL);
  CHECK(mt_diag(d, "thiếu trường bắt buộc trich_yeu") != NULL);
  CHECK(mt_diag(d, "thiếu trường bắt buộc luu") != NULL);
  CHECK(mt_diag(d, "thiếu nơi nhận") != NULL);
  x = mt_diag(d, "thiếu trường bắt buộc ho_ten");
  CHECK_STR(x ? x->where : NULL, "$.van_ban.ky.ho_ten (dòng 2, cột 34)");
  CHECK(vb_diags_errors(d) == 8);
  mt_dump_diags(vb_diags_errors(d) == 8 ? NULL : d);

  vb_diags_clear(d);
  CHECK(mt_build(a, d, "{\"loai\": \"bao-cao\", \"noi_dung\": [\"x\"]}", 0, NULL) == NULL);
  x = mt_diag(d, "thiếu thông tin văn bản");
  CHECK_STR(x ? x->where : NULL, "$.van_ban (dòng 1, cột 1)");

  vb_diags_clear(d);
  CHECK(mt_build(a, d, "{\"loai\": \"bao cao\"}", 0, NULL) == NULL);
  x = mt_diag(d, "loại văn bản không hợp lệ");
  CHECK_STR(x ? x->where : NULL, "$.loai (dòng 1, cột 10)");
  vb_diags_free(d);
  vb_arena_free(a);
}

static const char *tb_head =
    "{\"loai\": \"thong-bao\", \"ket_luan\": [{\"tieu_de\": \"Giao VHTT\"}],\n"
    "\"van_ban\": {\"co_quan_ban_hanh\": \"UBND xã\", \"ky_hieu\": \"TB-UBND\", \"dia_danh\": "
    "\"X\",\n"
    " \"ngay\": \"2024-07-05\", \"trich_yeu\": \"Kết luận\", \"noi_nhan\": [\"BQL các thôn\"],\n"
    " \"luu\": \"VP\", \"ky\": {\"dong\": [\"Chủ tịch\"], \"ho_ten\": \"Trần Thị P\"},\n";

static void test_thong_bao_kinh_gui(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_buf b = VB_BUF_INIT;
  vb_buf_printf(&b, "%s \"kinh_gui\": [\"UBND huyện\"]}}\n", tb_head);
  CHECK(mt_build(a, d, vb_buf_cstr(&b), 0, NULL) == NULL);
  const vb_diag *x = mt_diag(d, "THÔNG BÁO không có phần \"Kính gửi\"");
  CHECK(x && x->severity == VB_SEV_ERROR);
  CHECK_STR(x ? x->where : NULL, "$.van_ban.kinh_gui (dòng 5, cột 14)");
  CHECK(vb_diags_count(d) == 1);
  vb_buf_free(&b);

  /* the same head without Kính gửi is a valid THÔNG BÁO */
  vb_diags_clear(d);
  vb_buf_printf(&b, "%s \"du_thao\": false}}\n", tb_head);
  vb_value *v = mt_build(a, d, vb_buf_cstr(&b), 0, NULL);
  CHECK(v != NULL && vb_diags_count(d) == 0);
  CHECK_STR(mt_str(v, "van_ban.ten_loai"), "THÔNG BÁO");
  CHECK_STR(mt_str(v, "van_ban.so_ky_hieu"), "Số:" NBSP6 "/TB-UBND"); /* no number yet */
  CHECK_STR(mt_str(v, "van_ban.dia_danh_ngay"), "X, ngày 05 tháng 7 năm 2024");
  CHECK_STR(vb_model_template_name(mt_get(v, "")), "thong-bao");
  vb_buf_free(&b);
  vb_diags_free(d);
  vb_arena_free(a);
}

static void test_unknown_fields(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_buf b = VB_BUF_INIT;
  vb_buf_printf(&b, "%s \"kinh_gu\": 1, \"_ghi_chu\": \"bỏ qua\"},\n \"nhom_chi_tieux\": []}\n",
                tb_head);
  vb_value *v = mt_build(a, d, vb_buf_cstr(&b), 0, NULL);
  CHECK(v != NULL); /* warnings only */
  const vb_diag *x = mt_diag(d, "trường không xác định \"kinh_gu\"");
  CHECK(x && x->severity == VB_SEV_WARNING);
  CHECK_STR(x ? x->where : NULL, "$.van_ban.kinh_gu (dòng 5, cột 13)");
  CHECK_CONTAINS(x ? x->hint : NULL, "có phải là \"kinh_gui\"?");
  x = mt_diag(d, "trường không xác định \"nhom_chi_tieux\"");
  CHECK_STR(x ? x->where : NULL, "$.nhom_chi_tieux (dòng 6, cột 20)");
  CHECK_CONTAINS(x ? x->hint : NULL, "\"nhom_chi_tieu\"");
  CHECK(vb_diags_count(d) == 2);
  vb_buf_free(&b);
  vb_diags_free(d);
  vb_arena_free(a);
}

/* One signature stack; returns the warning message or "" when there is none. */
static const char *stack_warning(vb_arena *a, vb_diags *d, const char *lines) {
  vb_buf b = VB_BUF_INIT;
  vb_buf_printf(
      &b,
      "{\"loai\": \"bao-cao\", \"noi_dung\": [\"x\"], \"van_ban\": {\"co_quan_ban_hanh\": \"A\",\n"
      "\"ky_hieu\": \"BC-UBND\", \"dia_danh\": \"X\", \"ngay\": \"2024-07-05\", \"trich_yeu\": "
      "\"T\",\n"
      "\"noi_nhan\": [\"Y\"], \"luu\": \"VP\", \"ky\": {\"ho_ten\": \"Z\",\n"
      "\"dong\": [%s]}}}",
      lines);
  vb_diags_clear(d);
  vb_value *v = mt_build(a, d, vb_buf_cstr(&b), 0, NULL);
  vb_buf_free(&b);
  CHECK(v != NULL);
  const vb_diag *x = vb_diags_get(d, 0);
  return x ? vb_arena_strdup(a, x->message) : "";
}

static void test_signature_stack(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  CHECK_STR(stack_warning(a, d, "\"TM. Ủy ban nhân dân\", \"KT. Chủ tịch\", \"Phó Chủ tịch\""), "");
  CHECK_STR(stack_warning(a, d, "\"TL. Chủ tịch\", \"Chánh Văn phòng\""), "");
  CHECK_STR(stack_warning(a, d, "\"Q. Giám đốc\""), "");
  CHECK_STR(stack_warning(a, d, "\"Chủ tịch\""), "");
  CHECK_STR(stack_warning(a, d, "\"TUQ. Chủ tịch\", \"KT. Giám đốc\", \"Phó Giám đốc\""),
            "thẩm quyền ký \"TUQ.\" không được giao tiếp cho người khác (KT. GIÁM ĐỐC)");
  const vb_diag *x = vb_diags_get(d, 0);
  CHECK_STR(x ? x->where : NULL, "$.van_ban.ky.dong[1] (dòng 4, cột 27)");
  CHECK_STR(stack_warning(a, d, "\"KT. Chủ tịch\", \"TM. Ủy ban nhân dân\", \"Chủ tịch\""),
            "không ghép được \"TM.\" sau \"KT.\"");
  CHECK_STR(stack_warning(a, d, "\"KT. Chủ tịch\""),
            "thiếu chức vụ của người ký sau dòng \"KT. CHỦ TỊCH\"");
  CHECK_STR(stack_warning(a, d, "\"Phó Chủ tịch\", \"KT. Chủ tịch\""),
            "dòng quyền hạn \"KT. CHỦ TỊCH\" đứng sau chức vụ");
  vb_diags_free(d);
  vb_arena_free(a);
}

static vb_value *with_pictures(vb_arena *a, vb_diags *d, const char *ky_picture, const char *seal) {
  vb_buf b = VB_BUF_INIT;
  vb_buf_printf(&b,
                "{\"loai\": \"bao-cao\", \"noi_dung\": [\"A.\"],\n"
                "\"van_ban\": {\"co_quan_ban_hanh\": \"UBND xã A\", \"ky_hieu\": \"BC-UBND\",\n"
                "\"dia_danh\": \"A\", \"ngay\": \"2024-07-05\", \"trich_yeu\": \"T\",\n"
                "\"noi_nhan\": [\"Y\"], \"luu\": \"VP\",%s%s%s\n"
                "\"ky\": {\"ho_ten\": \"Z\", \"dong\": [\"Chủ tịch\"]%s%s}}}",
                seal ? " \"anh_dau\": " : "", seal ? seal : "", seal ? "," : "",
                ky_picture ? ", \"anh_chu_ky\": " : "", ky_picture ? ky_picture : "");
  vb_value *v = mt_build(a, d, vb_buf_cstr(&b), 0, NULL);
  vb_buf_free(&b);
  return v;
}

/* The signature and seal images: the view's paths (the data's own value,
 * its place kept) and sizes in mm, defaults, the object forms, refusals. */
static void test_signature_pictures(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *v = with_pictures(a, d, NULL, NULL);
  CHECK(v != NULL && vb_diags_count(d) == 0);
  CHECK_STR(mt_str(v, "van_ban.anh_chu_ky"), "");
  CHECK_STR(mt_str(v, "van_ban.anh_dau"), "");
  CHECK(mt_get(v, "van_ban.anh_chu_ky_cao")->u.num == 18);
  CHECK(mt_get(v, "van_ban.anh_dau_rong")->u.num == 35);

  v = with_pictures(a, d, "\"ck.png\"", "\"dau.png\"");
  CHECK(v != NULL && vb_diags_count(d) == 0);
  CHECK_STR(mt_str(v, "van_ban.anh_chu_ky"), "ck.png");
  CHECK(mt_get(v, "van_ban.anh_chu_ky")->line == 5);
  CHECK(mt_get(v, "van_ban.anh_chu_ky") == mt_get(v, "van_ban.ky.anh_chu_ky"));
  CHECK_STR(mt_str(v, "van_ban.anh_dau"), "dau.png");

  v = with_pictures(a, d, "{\"tep\": \"ck.png\", \"cao\": \"2cm\"}",
                    "{\"tep\": \"d.png\", \"rong\": 38.5}");
  CHECK(v != NULL && vb_diags_count(d) == 0);
  mt_dump_diags(d);
  CHECK_STR(mt_str(v, "van_ban.anh_chu_ky"), "ck.png");
  CHECK(mt_get(v, "van_ban.anh_chu_ky_cao")->u.num == 20);
  CHECK_STR(mt_str(v, "van_ban.anh_dau"), "d.png");
  CHECK(mt_get(v, "van_ban.anh_dau_rong")->u.num == 38.5);

  CHECK(with_pictures(a, d, "{\"tep\": \"ck.png\", \"cao\": \"2 inch\"}",
                      "{\"tep\": \"d.png\", \"rong\": 90, \"mau\": 1}") == NULL);
  const vb_diag *x = mt_diag(d, "kích thước ảnh không đọc được hoặc ngoài khoảng");
  CHECK_STR(x ? x->where : NULL, "$.van_ban.anh_dau.rong (dòng 4, cột 69)");
  CHECK_STR(x ? x->hint : NULL, "ghi một số milimét từ 15 đến 60, chẳng hạn 35 hoặc \"35mm\"");
  CHECK(mt_diag(d, "mau") != NULL);
  vb_diags_clear(d);
  CHECK(with_pictures(a, d, "12", NULL) == NULL);
  x = mt_diag(d, "ảnh phải là một chuỗi");
  CHECK_STR(x ? x->where : NULL, "$.van_ban.ky.anh_chu_ky (dòng 5, cột 59)");
  vb_diags_clear(d);
  CHECK(with_pictures(a, d, "{\"cao\": 20}", NULL) == NULL);
  CHECK(mt_diag(d, "thiếu tên tệp ảnh (tep)") != NULL);
  vb_diags_free(d);
  vb_arena_free(a);
}

static const char *tone_doc =
    "{\"loai\": \"bao-cao\", \"noi_dung\": [\"Xã Hoà Bình báo cáo.\"],\n"
    "\"van_ban\": {\"co_quan_ban_hanh\": \"Ủy ban nhân dân xã Hòa Bình\",\n"
    "\"ky_hieu\": \"BC-UBND\", \"dia_danh\": \"Hòa Bình\", \"ngay\": \"2024-07-05\", "
    "\"trich_yeu\": \"T\",\n"
    "\"noi_nhan\": [\"Y\"], \"luu\": \"VP\", \"ky\": {\"ho_ten\": \"Z\", \"dong\": [\"Chủ "
    "tịch\"]}}}";

static void test_tone(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *v = mt_build(a, d, tone_doc, 0, NULL);
  CHECK(v != NULL);
  CHECK(vb_diags_count(d) == 1);
  const vb_diag *x = mt_diag(d, "cách đặt dấu thanh không thống nhất");
  CHECK(x && x->severity == VB_SEV_WARNING);
  CHECK_STR(x ? x->message : NULL,
            "cách đặt dấu thanh không thống nhất: \"Hoà\" (kiểu mới) ở $.noi_dung[0] (dòng 1, cột 34) "
            "nhưng \"Ủy\" (kiểu cũ) ở $.van_ban.co_quan_ban_hanh (dòng 2, cột 33)");
  CHECK_STR(x ? x->where : NULL, "$.noi_dung[0] (dòng 1, cột 34)");

  vb_diags_clear(d);
  v = mt_build(a, d, tone_doc, VB_MODEL_NORMALIZE_TONE_OLD, NULL);
  CHECK(v != NULL && vb_diags_count(d) == 0);
  CHECK_STR(mt_str(v, "khoi[0].text"), "Xã Hòa Bình báo cáo./.");
  CHECK_STR(mt_str(v, "van_ban.co_quan_ban_hanh"), "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH");

  vb_diags_clear(d);
  v = mt_build(a, d, tone_doc, VB_MODEL_NORMALIZE_TONE_NEW, NULL);
  CHECK(v != NULL && vb_diags_count(d) == 0);
  CHECK_STR(mt_str(v, "van_ban.co_quan_ban_hanh"), "UỶ BAN NHÂN DÂN XÃ HOÀ BÌNH");
  CHECK_STR(mt_str(v, "van_ban.dia_danh_ngay"), "Hoà Bình, ngày 05 tháng 7 năm 2024");
  vb_diags_free(d);
  vb_arena_free(a);
}

static void test_bad_date_and_number(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  const char *json =
      "{\"loai\": \"bao-cao\", \"noi_dung\": [\"x\"], \"van_ban\": {\"co_quan_ban_hanh\": \"A\",\n"
      "\"ky_hieu\": \"BC UBND\", \"dia_danh\": \"X\", \"ngay\": \"2024-02-30\", \"so\": 2.5,\n"
      "\"trich_yeu\": \"T\", \"noi_nhan\": [\"Y\"], \"luu\": \"VP\",\n"
      "\"ky\": {\"ho_ten\": \"Z\", \"dong\": [\"Chủ tịch\"]}}}";
  CHECK(mt_build(a, d, json, 0, NULL) == NULL);
  const vb_diag *x = mt_diag(d, "ngày không hợp lệ: 2024-02-30");
  CHECK_STR(x ? x->where : NULL, "$.van_ban.ngay (dòng 2, cột 48)");
  x = mt_diag(d, "số văn bản không hợp lệ");
  CHECK_STR(x ? x->where : NULL, "$.van_ban.so (dòng 2, cột 68)");
  x = mt_diag(d, "ký hiệu \"BC UBND\" có khoảng trắng");
  CHECK(x && x->severity == VB_SEV_WARNING);
  vb_diags_free(d);
  vb_arena_free(a);
}

int main(void) {
  test_fixture_draft();
  test_fixture_issued();
  test_number_date_addressees();
  test_required_fields();
  test_thong_bao_kinh_gui();
  test_unknown_fields();
  test_signature_stack();
  test_signature_pictures();
  test_tone();
  test_bad_date_and_number();
  vi_cleanup();
  TEST_MAIN_END();
}
