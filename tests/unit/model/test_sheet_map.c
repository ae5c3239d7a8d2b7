/* The model's tables in sheets: the usual headers of an indicator table and
 * a document list, the words typed in their cells (yes/no, assessments,
 * targets), group rows, and the values each row becomes with its cell. The
 * sheets are CSV read in memory; references in data files ("source") are
 * tested end to end in tests/e2e/test_sheet.sh. */
#include <string.h>

#include "model/sheet_internal.h"
#include "test.h"
#include "util/diag.h"

static char *all_diags(vb_diags *d) {
  static char buf[8192];
  buf[0] = '\0';
  for (size_t i = 0; i < vb_diags_count(d); i++) {
    strncat(buf, vb_diag_text(vb_diags_get(d, i)), sizeof buf - strlen(buf) - 2);
    strncat(buf, "\n", sizeof buf - strlen(buf) - 1);
  }
  return buf;
}

static void test_words(void) {
  double v;
  int pct;
  const char *op;
  CHECK(mdl_target("> 90%", &op, &v, &pct) == 0 && !strcmp(op, ">") && v == 90 && pct);
  CHECK(mdl_target("≥ 90%", &op, &v, &pct) == 0 && !strcmp(op, ">=") && v == 90 && pct);
  CHECK(mdl_target("trên 90%", &op, &v, &pct) == 0 && !strcmp(op, ">") && v == 90);
  CHECK(mdl_target("Tối thiểu 70%", &op, &v, &pct) == 0 && !strcmp(op, ">=") && v == 70);
  CHECK(mdl_target("100%", &op, &v, &pct) == 0 && !strcmp(op, ">=") && v == 100 && pct);
  CHECK(mdl_target("≤ 5", &op, &v, &pct) == 0 && !strcmp(op, "<=") && v == 5 && !pct);
  CHECK(mdl_target("dưới 5", &op, &v, &pct) == 0 && !strcmp(op, "<"));
  CHECK(mdl_target("trênx 5", &op, &v, &pct) != 0);
  CHECK(mdl_target("nhiều", &op, &v, &pct) != 0);
  CHECK(mdl_yesno("Có") == 1);
  CHECK(mdl_yesno("Đảm bảo") == 1);
  CHECK(mdl_yesno("ĐẠT.") == 1);
  CHECK(mdl_yesno("Không") == 0);
  CHECK(mdl_yesno("Chưa đảm bảo") == 0);
  CHECK(mdl_yesno("Có thể") == -1);
  CHECK(mdl_yesno("Chưa đạt") == 0);
  CHECK_STR(mdl_assessment_word(1), "Đạt");
  CHECK_STR(mdl_assessment_word(0), "Chưa đạt");
}

static void test_fields(void) {
  /* Every field of both tables has at least one usual header, written the
   * way headers compare (lower case). */
  for (int k = 0; k < 2; k++) {
    const vb_table_field *f =
        vb_model_sheet_fields(k ? VB_MODEL_TABLE_DOCUMENTS : VB_MODEL_TABLE_INDICATORS);
    size_t n = 0;
    for (; f[n].field; n++) {
      CHECK(f[n].headers && f[n].headers[0]);
      for (size_t h = 0; f[n].headers[h]; h++)
        CHECK(strpbrk(f[n].headers[h], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == NULL);
    }
    CHECK(n == (k ? 6u : 17u));
  }
}

static vb_value *map_csv(const char *csv, const char *cot_json_key, const char *cot_val,
                         vb_model_table kind, vb_arena *a, vb_diags *d, int *grouped) {
  vb_book *b = vb_csv_read("Phụ lục 02.csv", csv, strlen(csv), d);
  if (!b) return NULL;
  vb_sheet__finish(b->sheets[0]);
  vb_value *cot = NULL;
  if (cot_json_key) {
    cot = vb_val_obj(a);
    vb_obj_set(a, cot, cot_json_key, vb_val_strz(a, cot_val));
  }
  vb_table_cols m;
  vb_value *out = NULL;
  if (vb_model_sheet_columns(b->sheets[0], kind, cot, 0, &m, "data.json", "$.nhom_chi_tieu", d) ==
      0)
    out = vb_model_sheet_rows(a, b->sheets[0], kind, &m, "Phụ lục 02.csv", grouped, d);
  vb_book_free(b);
  return out;
}

static void test_mapping(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  int grouped;
  const char *csv =
      "Bảng chỉ tiêu\n"
      "TT,Tên chỉ tiêu,Yêu cầu,Đơn vị tính,Chỉ tiêu cụ thể,Kết quả đạt được,Đánh giá\n"
      "(1),(2),(3),(4),(5),(6),(7)\n"
      "I,Chính quyền số\n"
      "1.1,,Tỷ lệ A,%,> 90%,2.335/3.986,\n"
      "1.2,,Có B,,Có,Đảm bảo,\n"
      "1.3,,Số C,hồ sơ,≥ 5,58,\n"
      "2,Kinh tế số\n"
      "2.1,,D,%,70%,\"58,6%\",Đạt\n";
  vb_value *v = map_csv(csv, NULL, NULL, VB_MODEL_TABLE_INDICATORS, a, d, &grouped);
  CHECK(v != NULL);
  CHECK_STR(all_diags(d), "");
  if (v) {
    CHECK(v->u.arr.len == 2);
    vb_value *g = v->u.arr.items[0];
    CHECK_STR(vb_obj_get(g, "ma")->u.str.s, "1"); /* roman I → 1 */
    CHECK_STR(vb_obj_get(g, "ten")->u.str.s, "Chính quyền số");
    vb_value *c = vb_obj_get(g, "chi_tieu");
    CHECK(c->u.arr.len == 3);
    vb_value *i1 = c->u.arr.items[0];
    CHECK_STR(vb_obj_get(i1, "ma")->u.str.s, "1.1");
    CHECK_STR(vb_obj_get(i1, "ma")->src, "Phụ lục 02!A5");
    /* A target typed as text is kept as typed (the model reads its figure). */
    vb_value *mt = vb_obj_get(i1, "muc_tieu");
    CHECK(mt->kind == VB_STR && !strcmp(mt->u.str.s, "> 90%"));
    CHECK_STR(mt->src, "Phụ lục 02!E5");
    vb_value *kq = vb_obj_get(i1, "ket_qua");
    CHECK(vb_obj_get(kq, "tu")->u.num == 2335 && vb_obj_get(kq, "mau")->u.num == 3986);
    CHECK_STR(vb_obj_get(kq, "tu")->src, "Phụ lục 02!F5");
    CHECK(vb_obj_get(i1, "ten") == NULL && vb_obj_get(i1, "danh_gia") == NULL);
    vb_value *i2 = c->u.arr.items[1];
    CHECK_STR(vb_obj_get(vb_obj_get(i2, "muc_tieu"), "kieu")->u.str.s, "co_khong");
    CHECK(vb_obj_get(vb_obj_get(i2, "ket_qua"), "co")->u.b == 1);
    vb_value *i3 = c->u.arr.items[2];
    CHECK_STR(vb_obj_get(i3, "muc_tieu")->u.str.s, "≥ 5");
    CHECK(vb_obj_get(vb_obj_get(i3, "ket_qua"), "gia_tri")->u.num == 58);
    vb_value *g2 = v->u.arr.items[1];
    CHECK_STR(vb_obj_get(g2, "ma")->u.str.s, "2");
    vb_value *i4 = vb_obj_get(g2, "chi_tieu")->u.arr.items[0];
    CHECK(vb_obj_get(vb_obj_get(i4, "ket_qua"), "gia_tri")->u.num == 58.6);
    CHECK_STR(vb_obj_get(i4, "muc_tieu")->u.str.s, "70%");
    CHECK_STR(vb_obj_get(i4, "danh_gia")->u.str.s, "Đạt");
  }
  /* Targets and results in words, bounds, and the note columns. */
  v = map_csv(
      "TT,Nội dung,Chỉ tiêu giao,Kết quả thực hiện,Đánh giá,Ghi chú,\"Khó khăn, vướng "
      "mắc\",Đơn vị thực hiện\n1,Chính quyền số\n1,Chữ ký số,Triển khai sử dụng,Đã triển "
      "khai,Đạt,Ghi,Thiếu máy,Văn phòng\n2,Hồ sơ,≥ 80%,> 90%,,,,\n3,Xử lý,≤ 3 ngày,2 ngày,,,,\n",
      NULL, NULL, VB_MODEL_TABLE_INDICATORS, a, d, &grouped);
  CHECK(v != NULL);
  CHECK_STR(all_diags(d), "");
  if (v) {
    vb_value *c = vb_obj_get(v->u.arr.items[0], "chi_tieu");
    vb_value *i1 = c->u.arr.items[0], *i2 = c->u.arr.items[1], *i3 = c->u.arr.items[2];
    CHECK_STR(vb_obj_get(i1, "muc_tieu")->u.str.s, "Triển khai sử dụng");
    CHECK_STR(vb_obj_get(i1, "ket_qua")->u.str.s, "Đã triển khai");
    CHECK_STR(vb_obj_get(i1, "ghi_chu")->u.str.s, "Ghi");
    CHECK_STR(vb_obj_get(i1, "kho_khan")->u.str.s, "Thiếu máy");
    CHECK_STR(vb_obj_get(i1, "don_vi_thuc_hien")->u.str.s, "Văn phòng");
    CHECK_STR(vb_obj_get(i2, "ket_qua")->u.str.s, "> 90%");
    CHECK_STR(vb_obj_get(i2, "ket_qua")->src, "Phụ lục 02!D4");
    CHECK_STR(vb_obj_get(i3, "muc_tieu")->u.str.s, "≤ 3 ngày");
    CHECK_STR(vb_obj_get(i3, "ket_qua")->u.str.s, "2 ngày");
  }
  /* A cell that is not what its field needs names the sheet and the cell. */
  const char *bad =
      "TT,Yêu cầu,Chỉ tiêu cụ thể,Kết quả đạt được\n1,Nhóm\n1.1,A,\"7,0,0%\",2.33.5\n";
  v = map_csv(bad, NULL, NULL, VB_MODEL_TABLE_INDICATORS, a, d, &grouped);
  CHECK(v == NULL);
  CHECK_CONTAINS(all_diags(d), "Phụ lục 02.csv: Phụ lục 02!C3: lỗi: không đọc được mục tiêu "
                               "(muc_tieu) từ ô có \"7,0,0%\"");
  CHECK_CONTAINS(all_diags(d), "Phụ lục 02.csv: Phụ lục 02!D3: lỗi: không đọc được kết quả "
                               "(ket_qua) từ ô có \"2.33.5\"");
  vb_diags_clear(d);
  /* A header that is not there, with the headers that are. */
  v = map_csv("TT,Nội dung\n1,a\n", "ket_qua", "Kết quả", VB_MODEL_TABLE_INDICATORS, a, d,
              &grouped);
  CHECK(v == NULL);
  CHECK_CONTAINS(all_diags(d), "data.json: $.nhom_chi_tieu: lỗi: không tìm thấy dòng tiêu đề");
  vb_diags_clear(d);
  v = map_csv("TT,Nội dung,KQ\n1,a\n", "yeu_cau", "C", VB_MODEL_TABLE_INDICATORS, a, d, &grouped);
  CHECK(v == NULL); /* "C" is a letter: row 1 taken as header; indicator before any group */
  CHECK_CONTAINS(all_diags(d), "chỉ tiêu ở dòng 2 nằm trước dòng nhóm đầu tiên");
  vb_diags_clear(d);
  /* Documents: group rows optional, dates as text or date cells. */
  v = map_csv("TT,Trích yếu,\"Số, ký hiệu\",Ngày ban hành\n1,Báo cáo A,10/BC-UBND,23/01/2024\n"
              "2,Quyết định B,,2024-05\n",
              NULL, NULL, VB_MODEL_TABLE_DOCUMENTS, a, d, &grouped);
  CHECK(v && !grouped && v->u.arr.len == 2);
  if (v) {
    CHECK_STR(vb_obj_get(v->u.arr.items[0], "ngay")->u.str.s, "23/01/2024");
    CHECK_STR(vb_obj_get(v->u.arr.items[1], "ngay")->u.str.s, "2024-05");
    CHECK_STR(vb_obj_get(v->u.arr.items[0], "so_ky_hieu")->u.str.s, "10/BC-UBND");
  }
  /* Two columns, STT and the title: Arabic numbers are documents; a
   * Roman number is a group. */
  v = map_csv("STT,Tên văn bản\n1,Kế hoạch A\n2,Kế hoạch B\n", NULL, NULL, VB_MODEL_TABLE_DOCUMENTS,
              a, d, &grouped);
  CHECK(v && !grouped && v->u.arr.len == 2);
  if (v) CHECK_STR(vb_obj_get(v->u.arr.items[1], "trich_yeu")->u.str.s, "Kế hoạch B");
  v = map_csv("STT,Tên văn bản\nI,Nghị quyết\n1,NQ A\n2,NQ B\nII,Kế hoạch\n1,KH C\n", NULL, NULL,
              VB_MODEL_TABLE_DOCUMENTS, a, d, &grouped);
  CHECK(v && grouped && v->u.arr.len == 2);
  if (v) CHECK(vb_obj_get(v->u.arr.items[0], "dong")->u.arr.len == 2);
  /* One column under a usual header: every line a document. */
  v = map_csv("Trích yếu nội dung\nKế hoạch A\nKế hoạch B\nKế hoạch C\n", NULL, NULL,
              VB_MODEL_TABLE_DOCUMENTS, a, d, &grouped);
  CHECK(v && !grouped && v->u.arr.len == 3);
  /* A wider list: Arabic group numbers still group; issuer and remarks. */
  v = map_csv("TT,Trích yếu,\"Số, ký hiệu\",Cơ quan ban hành,Ghi chú\n1,Nghị quyết\n1,NQ A,"
              "01/NQ-HU,Huyện ủy,Còn hiệu lực\n",
              NULL, NULL, VB_MODEL_TABLE_DOCUMENTS, a, d, &grouped);
  CHECK(v && grouped && v->u.arr.len == 1);
  if (v) {
    vb_value *r = vb_obj_get(v->u.arr.items[0], "dong")->u.arr.items[0];
    CHECK_STR(vb_obj_get(r, "co_quan")->u.str.s, "Huyện ủy");
    CHECK_STR(vb_obj_get(r, "ghi_chu")->u.str.s, "Còn hiệu lực");
  }
  CHECK_STR(all_diags(d), "");
  v = map_csv("TT,Trích yếu,Ngày\n1,A,hôm qua\n", NULL, NULL, VB_MODEL_TABLE_DOCUMENTS, a, d,
              &grouped);
  CHECK(v == NULL);
  CHECK_CONTAINS(all_diags(d),
                 "Phụ lục 02!C2: lỗi: không đọc được ngày (ngay) từ ô có \"hôm qua\"");
  vb_diags_free(d);
  vb_arena_free(a);
}

int main(void) {
  test_words();
  test_fields();
  test_mapping();
  TEST_MAIN_END();
}
