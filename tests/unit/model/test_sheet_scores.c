/* A THÔNG BÁO score sheet read from a sheet (sheet_scores.c): the usual
 * headers, indices and sub-criteria told apart by the depth of their
 * numbers (1 / 1.1, I / 1, I / 1 / 1.1 with the heading left out), the
 * number and name in one cell, rows without a number left out and named, the
 * appraised score before the self-assessed one, and the cells refused at
 * their place: a date, a word, a percentage, a sub-criterion before any
 * index, a sheet without a number column or with one level of numbers. The
 * sheets are CSV read in memory; a data file's reference is tested end to
 * end in tests/e2e/test_init_thong_bao.sh. */
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

/* The indices read from a CSV score sheet; skipped gets the rows left out. */
static vb_value *scores(const char *csv, vb_arena *a, vb_diags *d, vb_buf *skipped) {
  vb_book *b = vb_csv_read("Bảng điểm.csv", csv, strlen(csv), d);
  if (!b) return NULL;
  vb_sheet__finish(b->sheets[0]);
  vb_table_cols m;
  vb_value *out = NULL;
  if (vb_model_sheet_columns(b->sheets[0], VB_MODEL_TABLE_SCORES, NULL, 0, &m, "data.json",
                             "$.bang_diem", d) == 0) {
    vb_table_reader x = {.a = a, .s = b->sheets[0], .cols = &m, .book = "Bảng điểm.csv", .d = d};
    out = mdl_sheet_scores(&x, skipped);
  }
  vb_book_free(b);
  return out;
}

static const char *str(const vb_value *o, const char *k) {
  const vb_value *v = vb_obj_get(o, k);
  return v && v->kind == VB_STR ? v->u.str.s : NULL;
}
static double num(const vb_value *o, const char *k) {
  const vb_value *v = vb_obj_get(o, k);
  return v && v->kind == VB_NUM ? v->u.num : -999;
}

static void test_fields(void) {
  const vb_table_field *f = vb_model_sheet_fields(VB_MODEL_TABLE_SCORES);
  size_t n = 0;
  for (; f[n].field; n++) {
    CHECK(f[n].headers && f[n].headers[0]);
    for (size_t h = 0; f[n].headers[h]; h++)
      CHECK(strpbrk(f[n].headers[h], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == NULL);
  }
  CHECK(n == 9u);
  /* The officers' headers, and an exact header before a lead. */
  CHECK_STR(vb_table_field_named(f, "Thang điểm"), "toi_da");
  CHECK_STR(vb_table_field_named(f, "Điểm tối đa"), "toi_da");
  CHECK_STR(vb_table_field_named(f, "Điểm đạt được"), "diem");
  CHECK_STR(vb_table_field_named(f, "Điểm thẩm định năm 2023"), "diem");
  CHECK_STR(vb_table_field_named(f, "Điểm tự chấm"), "tu_cham");
  CHECK_STR(vb_table_field_named(f, "Đơn vị phụ trách"), "don_vi");
  CHECK_STR(vb_table_field_named(f, "Đơn vị chịu trách nhiệm"), "don_vi");
  CHECK_STR(vb_table_field_named(f, "Tiêu chí thành phần"), "noi_dung");
  CHECK_STR(vb_table_field_named(f, "Chỉ số"), "ten");
  CHECK_STR(vb_table_field_named(f, "TT"), "ma");
}

static void test_two_levels(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_buf skipped = VB_BUF_INIT;
  /* Indices 1, 2; sub-criteria 1.1; the self-assessed score is only used
   * without an appraised one; a total row without a number. */
  vb_value *v = scores("STT,Chỉ số,Tiêu chí thành phần,Thang điểm,Điểm tự chấm,Điểm thẩm "
                       "định,Đơn vị phụ trách,Thời hạn,Ghi chú\n"
                       "(1),(2),(3),(4),(5),(6),(7),(8),(9)\n"
                       "1.,Nhận thức số,,100,90,84\n"
                       "1.1,,Nghị quyết,80,80,80,VHTT\n"
                       "1.3,,Văn bản điều hành,20,10,4,VHTT,31/12/2024,Chưa ký\n"
                       "2,Hạ tầng số,,100,,\"41,29\"\n"
                       "2.1,,Điện thoại thông minh,10,5,\"2,72\",Bưu điện xã\n"
                       ",Tổng cộng,,200,,125.29\n",
                       a, d, &skipped);
  CHECK(v != NULL);
  CHECK_STR(all_diags(d), "");
  if (v) {
    CHECK(v->u.arr.len == 2);
    const vb_value *i1 = v->u.arr.items[0];
    CHECK_STR(str(i1, "ma"), "1"); /* "1." */
    CHECK_STR(str(i1, "ten"), "Nhận thức số");
    CHECK(num(i1, "toi_da") == 100 && num(i1, "tong") == 84);
    CHECK_STR(vb_obj_get(i1, "tong")->src, "Bảng điểm!F3");
    const vb_value *tc = vb_obj_get(i1, "tieu_chi");
    CHECK(tc && tc->u.arr.len == 2);
    const vb_value *c = tc->u.arr.items[1];
    CHECK_STR(str(c, "ma"), "1.3");
    CHECK_STR(str(c, "noi_dung"), "Văn bản điều hành");
    CHECK(num(c, "diem") == 4 && num(c, "toi_da") == 20);
    CHECK_STR(vb_obj_get(c, "diem")->src, "Bảng điểm!F5");
    CHECK_STR(str(c, "don_vi"), "VHTT");
    CHECK_STR(str(c, "thoi_han"), "31/12/2024");
    CHECK_STR(str(c, "ghi_chu"), "Chưa ký");
    CHECK(vb_obj_get(c, "tu_cham") == NULL); /* not a key of the model */
    const vb_value *i2 = v->u.arr.items[1];
    CHECK(num(i2, "tong") == 41.29);
    CHECK(num(vb_obj_get(i2, "tieu_chi")->u.arr.items[0], "diem") == 2.72);
  }
  CHECK_STR(vb_buf_cstr(&skipped),
            "  dòng 8 \"Tổng cộng\": bỏ qua, không có số thứ tự của chỉ số hay tiêu chí\n");
  vb_buf_free(&skipped);
  vb_diags_free(d);
  vb_arena_free(a);
}

static void test_roman_and_headings(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_buf skipped = VB_BUF_INIT;
  /* I / 1: Roman indices, Arabic sub-criteria, number and name in one cell;
   * only a self-assessed score. */
  vb_value *v = scores("TT,Nội dung,Điểm tối đa,Điểm tự chấm,Đơn vị\n"
                       "I. NHẬN THỨC SỐ,,100,84\n"
                       "1,Văn bản,20,4,VHTT\n"
                       "II,HẠ TẦNG SỐ,100,50\n"
                       "2,Cáp quang,50,0,Bưu điện\n",
                       a, d, &skipped);
  CHECK(v != NULL);
  CHECK_STR(all_diags(d), "");
  if (v) {
    CHECK(v->u.arr.len == 2);
    CHECK_STR(str(v->u.arr.items[0], "ma"), "I");
    CHECK_STR(str(v->u.arr.items[0], "ten"), "NHẬN THỨC SỐ");
    const vb_value *c = vb_obj_get(v->u.arr.items[1], "tieu_chi")->u.arr.items[0];
    CHECK_STR(str(c, "ma"), "2");
    CHECK(num(c, "diem") == 0); /* the self-assessed score, the only one */
    CHECK_STR(vb_obj_get(c, "diem")->src, "Bảng điểm!D5");
  }
  CHECK_STR(vb_buf_cstr(&skipped), "");
  /* I / 1 / 1.1: the Roman rows are headings above the indices, left out. */
  vb_diags_free(d);
  d = vb_diags_new();
  vb_buf_clear(&skipped);
  v = scores("TT,Nội dung,Điểm tối đa,Điểm\n"
             "I,CHỈ SỐ CẤP XÃ\n"
             "1,Nhận thức số,100,84\n"
             "1.1,Văn bản,20,4\n"
             "II,CHỈ SỐ KHÁC\n"
             "2,Hạ tầng,100,100\n"
             "2.1,Cáp quang,100,100\n",
             a, d, &skipped);
  CHECK(v != NULL && v->u.arr.len == 2);
  CHECK_STR(all_diags(d), "");
  CHECK_CONTAINS(vb_buf_cstr(&skipped), "dòng 2 \"CHỈ SỐ CẤP XÃ\": bỏ qua, dòng nhóm trên chỉ số");
  CHECK_CONTAINS(vb_buf_cstr(&skipped), "dòng 5 \"CHỈ SỐ KHÁC\": bỏ qua");
  vb_buf_free(&skipped);
  vb_diags_free(d);
  vb_arena_free(a);
}

static void test_refusals(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  /* Every unreadable cell at once: a word, a percentage, a bad deadline. */
  vb_value *v = scores("STT,Tiêu chí,Điểm tối đa,Điểm đạt được,Thời hạn\n"
                       "1,Nhận thức số,100,84\n"
                       "1.1,Văn bản,20,chưa chấm\n"
                       "1.2,Nghị quyết,20,50%\n"
                       "1.3,Kế hoạch,20,4,sang năm\n",
                       a, d, NULL);
  CHECK(v == NULL);
  const char *all = all_diags(d);
  CHECK_CONTAINS(all, "Bảng điểm!D3: lỗi: không đọc được điểm (diem) từ ô có \"chưa chấm\"");
  CHECK_CONTAINS(all, "ghi điểm bằng số, ví dụ 4 hoặc 2,72");
  CHECK_CONTAINS(all, "Bảng điểm!D4: lỗi: không đọc được điểm (diem) từ ô có \"50%\"");
  CHECK_CONTAINS(all, "bỏ định dạng Phần trăm (%)");
  CHECK_CONTAINS(all, "Bảng điểm!E5: lỗi: không đọc được ngày (thoi_han)");
  /* A sub-criterion before the first index. */
  vb_diags_free(d);
  d = vb_diags_new();
  v = scores("STT,Tiêu chí,Điểm tối đa,Điểm\n1.1,Văn bản,20,4\n2,Hạ tầng,100,90\n2.1,A,10,0\n", a,
             d, NULL);
  CHECK(v == NULL);
  CHECK_CONTAINS(all_diags(d), "Bảng điểm!A2: lỗi: tiêu chí 1.1 ở dòng 2 nằm trước dòng chỉ "
                               "số đầu tiên");
  /* One level of numbers: indices without sub-criteria, or the reverse. */
  vb_diags_free(d);
  d = vb_diags_new();
  v = scores("STT,Tiêu chí,Điểm tối đa,Điểm\n1,Văn bản,20,4\n2,Hạ tầng,100,90\n", a, d, NULL);
  CHECK(v == NULL);
  CHECK_CONTAINS(all_diags(d), "bảng điểm cần dòng chỉ số và dòng tiêu chí thành phần");
  /* No number column. */
  vb_diags_free(d);
  d = vb_diags_new();
  v = scores("Tiêu chí,Điểm tối đa,Điểm\nVăn bản,20,4\n", a, d, NULL);
  CHECK(v == NULL);
  CHECK_CONTAINS(all_diags(d), "không thấy cột số thứ tự của bảng điểm");
  vb_diags_free(d);
  vb_arena_free(a);
}

int main(void) {
  test_fields();
  test_two_levels();
  test_roman_and_headings();
  test_refusals();
  TEST_MAIN_END();
}
