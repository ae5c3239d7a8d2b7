/* The data file init writes from a workbook (vb_model_init_json): which
 * sheets it recognises and how each becomes an appendix in the sheet's
 * shape — the indicator table's columns in the sheet's order under its own
 * headings, its group numbering, its title row; a list of documents of two
 * columns; a sheet with neither; a cell that cannot be read. The workbooks
 * are CSV read in memory (one sheet each) or two CSV sheets put in one book. */
#include <string.h>

#include "data/json.h"
#include "model/sheet_internal.h"
#include "test.h"
#include "util/diag.h"

static vb_book *book_of(const char *name, const char *csv, vb_diags *d) {
  vb_book *b = vb_csv_read(name, csv, strlen(csv), d);
  if (b) vb_sheet__finish(b->sheets[0]);
  return b;
}

/* Parse the JSON init wrote; NULL when it is not JSON. */
static vb_value *parsed(vb_arena *a, const vb_buf *json, vb_diags *d) {
  return vb_json_parse(a, json->data, json->len, "init.json", d);
}

static const char *str_at(const vb_value *v, const char *k) {
  const vb_value *x = vb_obj_get(v, k);
  return x && x->kind == VB_STR ? x->u.str.s : NULL;
}

static void test_indicator_sheet(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_book *b = book_of("chi-tieu.csv",
                       "Kết quả thực hiện các chỉ tiêu năm 2024\n"
                       "TT,Nội dung,Chỉ tiêu giao,Kết quả thực hiện,Khó khăn vướng mắc\n"
                       "1,Chính quyền số\n"
                       "1,Chữ ký số,Triển khai sử dụng,Đã triển khai,\n"
                       "2,Hồ sơ trực tuyến,≥ 80%,90/100,Mạng yếu\n",
                       d);
  CHECK(b != NULL);
  vb_buf json = VB_BUF_INIT, summary = VB_BUF_INIT;
  CHECK(vb_model_init_json(a, b, NULL, VB_MODEL_INIT_AUTO, "chi-tieu.csv", "2024-12-05", &json,
                           &summary, d) == 0);
  CHECK(vb_diags_count(d) == 0);
  vb_value *v = parsed(a, &json, d);
  CHECK(v != NULL);
  if (v) {
    const vb_value *ref = vb_obj_get(v, "nhom_chi_tieu");
    CHECK_STR(str_at(ref, "source"), "chi-tieu.csv#chi-tieu");
    CHECK(vb_obj_get(ref, "dong_tieu_de")->u.num == 2);
    CHECK_STR(str_at(vb_obj_get(ref, "cot"), "kho_khan"), "Khó khăn vướng mắc");
    const vb_value *pl = vb_obj_get(v, "phu_luc");
    CHECK(pl->u.arr.len == 1);
    const vb_value *p = pl->u.arr.items[0];
    CHECK_STR(str_at(p, "kieu"), "chi_tieu");
    CHECK_STR(str_at(p, "id"), "chi-tieu");
    CHECK_STR(str_at(p, "tieu_de"), "Kết quả thực hiện các chỉ tiêu năm 2024");
    CHECK_STR(str_at(p, "danh_so_nhom"), "1"); /* the sheet numbers its group "1" */
    /* The sheet's columns in its order, under its headings. */
    const vb_value *cols = vb_obj_get(p, "cac_cot");
    vb_buf got = VB_BUF_INIT;
    for (size_t i = 0; cols && i < cols->u.arr.len; i++) {
      const vb_value *c = cols->u.arr.items[i];
      vb_buf_printf(&got, "%s=%s;", str_at(c, "cot"),
                    str_at(c, "tieu_de") ? str_at(c, "tieu_de") : "");
    }
    CHECK_STR(vb_buf_cstr(&got), "stt=;noi_dung=Nội dung;chi_tieu=Chỉ tiêu giao;ket_qua=Kết quả "
                                 "thực hiện;kho_khan=Khó khăn vướng mắc;");
    vb_buf_free(&got);
    /* The body cites it. */
    CHECK(strstr(json.data, "@phu_luc:chi-tieu") != NULL);
  }
  CHECK(strstr(vb_buf_cstr(&summary), "bảng chỉ tiêu, dòng tiêu đề 2, 1 nhóm, 2 chỉ tiêu") != NULL);
  vb_buf_free(&json), vb_buf_free(&summary);
  vb_book_free(b);
  vb_diags_free(d);
  vb_arena_free(a);
}

static void test_document_sheet_and_refusals(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  /* Two columns, STT and the title: a list of documents. */
  vb_book *b = book_of("van-ban.csv", "STT,Tên văn bản\n1,Kế hoạch A\n2,Quyết định B\n", d);
  vb_buf json = VB_BUF_INIT, summary = VB_BUF_INIT;
  CHECK(vb_model_init_json(a, b, NULL, VB_MODEL_INIT_AUTO, "../van-ban.csv", "2024-12-05", &json,
                           &summary, d) == 0);
  vb_value *v = parsed(a, &json, d);
  CHECK(v != NULL && vb_obj_get(v, "nhom_chi_tieu") == NULL);
  if (v) {
    const vb_value *p = vb_obj_get(v, "phu_luc")->u.arr.items[0];
    CHECK_STR(str_at(p, "kieu"), "van_ban");
    CHECK_STR(str_at(p, "id"), "van-ban");
    CHECK_STR(str_at(p, "source"), "../van-ban.csv#van-ban");
    CHECK_STR(str_at(vb_obj_get(p, "tieu_de_cot"), "trich_yeu"), "Tên văn bản");
  }
  CHECK(strstr(vb_buf_cstr(&summary), "danh mục văn bản, dòng tiêu đề 1, 2 văn bản\n") != NULL);
  vb_book_free(b);
  vb_buf_free(&json), vb_buf_free(&summary);

  /* Neither table: an error, nothing to write. */
  b = book_of("khac.csv", "Họ tên,Chức vụ\nA,B\n", d);
  json = (vb_buf)VB_BUF_INIT, summary = (vb_buf)VB_BUF_INIT;
  CHECK(vb_model_init_json(a, b, NULL, VB_MODEL_INIT_AUTO, "khac.csv", "2024-12-05", &json,
                           &summary, d) == -1);
  CHECK(vb_diags_count(d) == 1);
  CHECK_CONTAINS(vb_diag_text(vb_diags_get(d, 0)),
                 "khac.csv: lỗi: không trang nào chứa bảng chỉ tiêu hay danh sách văn bản");
  vb_book_free(b);
  vb_buf_free(&json), vb_buf_free(&summary);
  vb_diags_clear(d);

  /* A cell that cannot be read is named. */
  b = book_of("hong.csv", "TT,Nội dung,Chỉ tiêu giao,Kết quả\nI,Nhóm\n1,A,≥ 80%,2.33.5\n", d);
  json = (vb_buf)VB_BUF_INIT, summary = (vb_buf)VB_BUF_INIT;
  CHECK(vb_model_init_json(a, b, NULL, VB_MODEL_INIT_AUTO, "hong.csv", "2024-12-05", &json,
                           &summary, d) == -1);
  CHECK_CONTAINS(vb_diags_count(d) ? vb_diag_text(vb_diags_get(d, 0)) : "",
                 "hong.csv: hong!D3: lỗi: không đọc được kết quả (ket_qua) từ ô có \"2.33.5\"");
  vb_book_free(b);
  vb_buf_free(&json), vb_buf_free(&summary);
  vb_diags_free(d);
  vb_arena_free(a);
}

/* The column report: each column's field or why it was left out, the
 * headers officers use for plan and result with their period, Tỷ lệ as a
 * cross-check (a rate that differs from the figures' is a warning at its
 * cell), and the exact "cot" line for a field the sheet does not give. */
static void test_column_report(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_book *b = book_of("kh.csv",
                       "STT,Chỉ tiêu,Đơn vị tính,KH năm 2025,TH quý III,Tỷ lệ,Ghi chú,Người theo "
                       "dõi,Thực hiện,Kết quả đánh giá\n"
                       "I,Chính quyền số\n"
                       "1,Hộ có địa chỉ số,hộ,150,132,88%,Đang cập nhật,Anh Bình,,\n"
                       "2,Cuộc họp trực tuyến,cuộc,6,6,90%,,Chị Lan,,\n",
                       d);
  vb_buf json = VB_BUF_INIT, summary = VB_BUF_INIT;
  CHECK(vb_model_init_json(a, b, NULL, VB_MODEL_INIT_AUTO, "kh.csv", "2025-10-05", &json, &summary,
                           d) == 0);
  const char *r = vb_buf_cstr(&summary);
  CHECK_CONTAINS(r, "cột D \"KH năm 2025\" → muc_tieu: mục tiêu, kế hoạch, chỉ tiêu giao\n");
  CHECK_CONTAINS(r, "cột E \"TH quý III\" → ket_qua: kết quả thực hiện\n");
  CHECK_CONTAINS(r, "cột F \"Tỷ lệ\" → ty_le: tỷ lệ: chỉ để đối chiếu");
  CHECK_CONTAINS(r, "cột G \"Ghi chú\" → ghi_chu: ghi chú");
  CHECK_CONTAINS(r, "cột H \"Người theo dõi\" → bỏ qua: tiêu đề không quen; để dùng, thêm vào "
                    "\"cot\" của nhom_chi_tieu dòng \"<trường>\": \"Người theo dõi\"");
  CHECK_CONTAINS(r, "cột I \"Thực hiện\" → bỏ qua: ket_qua đã lấy từ cột E\n");
  CHECK_CONTAINS(r, "cột J \"Kết quả đánh giá\" → danh_gia:");
  CHECK(strstr(r, "không thấy cột") == NULL);
  /* 150 planned, 132 done: 88%, as the sheet says; 6 of 6 is 100%, not 90%. */
  size_t warnings = 0;
  for (size_t i = 0; i < vb_diags_count(d); i++) {
    const vb_diag *g = vb_diags_get(d, i);
    if (g->rule && !strcmp(g->rule, "sheet.rate")) {
      warnings++;
      CHECK_STR(g->where, "kh!F4");
      CHECK_CONTAINS(g->message, "tỷ lệ trong bảng 90% khác tỷ lệ tính từ số liệu của dòng 100%");
    }
  }
  CHECK(warnings == 1);
  CHECK(vb_diags_errors(d) == 0);
  vb_buf_free(&json), vb_buf_free(&summary);
  vb_book_free(b);

  /* No target column, one column left out: the line to add names it. */
  vb_diags_clear(d);
  b = book_of("giao.csv",
              "STT,Nội dung,Thực hiện,Giao cho\n1,Chính quyền số\n1.1,Hồ sơ trực tuyến,95%,90%\n",
              d);
  json = (vb_buf)VB_BUF_INIT, summary = (vb_buf)VB_BUF_INIT;
  CHECK(vb_model_init_json(a, b, NULL, VB_MODEL_INIT_AUTO, "giao.csv", "2025-10-05", &json,
                           &summary, d) == 0);
  CHECK_CONTAINS(vb_buf_cstr(&summary),
                 "không thấy cột muc_tieu (mục tiêu, kế hoạch, chỉ tiêu giao): không so được kết "
                 "quả với mục tiêu: đánh giá lấy từ cột Đánh giá; nếu bảng có cột này, thêm vào "
                 "\"cot\" của nhom_chi_tieu dòng \"muc_tieu\": \"Giao cho\" và, để in nó, vào "
                 "\"cac_cot\" của phụ lục chi-tieu {\"cot\": \"chi_tieu\", \"tieu_de\": \"Giao "
                 "cho\"}\n");
  CHECK_CONTAINS(vb_buf_cstr(&summary), "cột D \"Giao cho\" → bỏ qua: tiêu đề không quen");
  vb_buf_free(&json), vb_buf_free(&summary);
  vb_book_free(b);
  vb_diags_free(d);
  vb_arena_free(a);
}

/* A score sheet makes a THÔNG BÁO: bang_diem refers to the sheet, the
 * annex assigns the sub-criteria below their maximum, the report names every
 * column and the rows left out; asked for the other kind, each refuses. */
static void test_score_sheet(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  const char *csv = "BẢNG ĐIỂM NĂM 2023\n"
                    "STT,Chỉ số / tiêu chí,Điểm tối đa,Điểm đạt được,Đơn vị phụ trách,Ghi chú\n"
                    "1,Nhận thức số,100,84\n"
                    "1.3,Văn bản điều hành,20,4,VHTT,Chưa ký\n"
                    ",Tổng cộng,100,84\n";
  vb_book *b = book_of("diem.csv", csv, d);
  vb_buf json = VB_BUF_INIT, summary = VB_BUF_INIT;
  CHECK(vb_model_init_json(a, b, NULL, VB_MODEL_INIT_AUTO, "../diem.csv", "2024-12-05", &json,
                           &summary, d) == 0);
  CHECK(vb_diags_count(d) == 0);
  vb_value *v = parsed(a, &json, d);
  CHECK(v != NULL);
  if (v) {
    CHECK_STR(str_at(v, "loai"), "thong-bao");
    CHECK_STR(str_at(vb_obj_get(v, "van_ban"), "ngay"), "2024-12");
    CHECK_STR(str_at(vb_obj_get(v, "van_ban"), "ky_hieu"), "TB-UBND");
    CHECK_STR(str_at(vb_obj_get(v, "cuoc_hop"), "ngay"), "2024-12-05");
    const vb_value *ref = vb_obj_get(v, "bang_diem");
    CHECK_STR(str_at(ref, "source"), "../diem.csv#diem");
    CHECK(vb_obj_get(ref, "dong_tieu_de")->u.num == 2);
    const vb_value *cot = vb_obj_get(ref, "cot");
    CHECK_STR(str_at(cot, "noi_dung"), "Chỉ số / tiêu chí");
    CHECK_STR(str_at(cot, "diem"), "Điểm đạt được");
    CHECK_STR(str_at(cot, "don_vi"), "Đơn vị phụ trách");
    CHECK(vb_obj_get(v, "nhom_chi_tieu") == NULL);
    const vb_value *pl = vb_obj_get(v, "phu_luc");
    CHECK(pl && pl->u.arr.len == 1);
    if (pl && pl->u.arr.len) {
      CHECK_STR(str_at(pl->u.arr.items[0], "kieu"), "giao_viec");
      CHECK_STR(str_at(pl->u.arr.items[0], "id"), "giao-viec");
    }
    CHECK(strstr(json.data, "@phu_luc:giao-viec") != NULL);
  }
  CHECK_CONTAINS(vb_buf_cstr(&summary),
                 "diem.csv, trang \"diem\": bảng điểm (thông báo kết luận), dòng tiêu đề 2, 1 chỉ "
                 "số, 1 tiêu chí thành phần, 1 tiêu chí chưa đạt điểm tối đa\n");
  CHECK_CONTAINS(vb_buf_cstr(&summary), "cột D \"Điểm đạt được\" → diem: điểm đạt được\n");
  CHECK_CONTAINS(vb_buf_cstr(&summary), "dòng 5 \"Tổng cộng\": bỏ qua");
  CHECK(strstr(vb_buf_cstr(&summary), "không thấy cột") == NULL);
  vb_buf_free(&json), vb_buf_free(&summary);

  /* Asked for a BÁO CÁO: the score sheet is not one of its tables. */
  json = (vb_buf)VB_BUF_INIT, summary = (vb_buf)VB_BUF_INIT;
  CHECK(vb_model_init_json(a, b, NULL, VB_MODEL_INIT_BAO_CAO, "diem.csv", "2024-12-05", &json,
                           &summary, d) == -1);
  CHECK_CONTAINS(vb_buf_cstr(&summary), "bảng điểm, không dùng trong báo cáo (dùng --loai "
                                        "thong-bao)");
  vb_buf_free(&json), vb_buf_free(&summary);
  vb_book_free(b);
  vb_diags_clear(d);

  /* Asked for a THÔNG BÁO from an indicator table; a score sheet without
   * a unit column is told what it loses. */
  b = book_of("ct.csv", "TT,Nội dung,Chỉ tiêu giao,Kết quả\nI,Nhóm\n1,A,≥ 80%,90%\n", d);
  json = (vb_buf)VB_BUF_INIT, summary = (vb_buf)VB_BUF_INIT;
  CHECK(vb_model_init_json(a, b, NULL, VB_MODEL_INIT_THONG_BAO, "ct.csv", "2024-12-05", &json,
                           &summary, d) == -1);
  CHECK_CONTAINS(vb_diags_count(d) ? vb_diag_text(vb_diags_get(d, 0)) : "",
                 "không trang nào là bảng điểm");
  CHECK_CONTAINS(vb_buf_cstr(&summary), "không phải bảng điểm, không dùng trong thông báo");
  vb_buf_free(&json), vb_buf_free(&summary);
  vb_book_free(b);
  vb_diags_clear(d);
  b = book_of("dv.csv", "STT,Tiêu chí,Thang điểm,Điểm,Người nhập\n1,A,100,90\n1.1,B,10,0,An\n", d);
  json = (vb_buf)VB_BUF_INIT, summary = (vb_buf)VB_BUF_INIT;
  CHECK(vb_model_init_json(a, b, NULL, VB_MODEL_INIT_AUTO, "dv.csv", "2024-12-05", &json, &summary,
                           d) == 0);
  CHECK_CONTAINS(vb_buf_cstr(&summary),
                 "không thấy cột don_vi (đơn vị chịu trách nhiệm khắc phục): tiêu chí chưa đạt "
                 "điểm tối đa không giao được cho ai (thiếu đơn vị phụ trách là lỗi); nếu bảng "
                 "có cột này, thêm vào \"cot\" của bang_diem dòng \"don_vi\": \"Người nhập\"\n");
  vb_buf_free(&json), vb_buf_free(&summary);
  vb_book_free(b);
  vb_diags_free(d);
  vb_arena_free(a);
}

int main(void) {
  test_indicator_sheet();
  test_document_sheet_and_refusals();
  test_column_report();
  test_score_sheet();
  TEST_MAIN_END();
}
