/* Tables read generically: the header row and columns of fields the test
 * itself defines (the module knows no report field), by usual headers, by
 * header text or letter, across a two-row merged header; and the typed
 * values of the rows, each at its cell. */
#include <string.h>

#include "sheet/table.h"
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

static const char *const h_name[] = {"tên", "họ và tên", NULL};
static const char *const h_count[] = {"số lượng", "sl", NULL};
static const char *const h_day[] = {"ngày", NULL};
static const char *const h_notes[] = {"ghi chú", NULL};
static const vb_table_field fields[] = {
    {"name", h_name}, {"count", h_count}, {"day", h_day}, {"notes", h_notes}, {NULL, NULL}};

static vb_book *csv(const char *text, vb_diags *d) {
  vb_book *b = vb_csv_read("t.csv", text, strlen(text), d);
  if (b) vb_sheet__finish(b->sheets[0]);
  return b;
}

static void test_find(void) {
  vb_diags *d = vb_diags_new();
  vb_arena *a = vb_arena_new();
  vb_table_cols t;
  /* Usual headers, found below a title row; unknown columns are left out. */
  vb_book *b = csv("Danh sách\nKhác,Họ và  tên,SL:,Ngày\nx,An,3,01/02/2024\n", d);
  CHECK(b && vb_table_find(b->sheets[0], fields, NULL, 0, &t, "d.json", "$.x", d) == 0);
  CHECK(t.header_row == 1 && t.header_top == 1 && t.nfields == 3);
  CHECK(vb_table_col(&t, "name") == 1 && vb_table_col(&t, "count") == 2);
  CHECK(vb_table_col(&t, "day") == 3 && vb_table_col(&t, "notes") == -1);
  /* Named by the data file: by header text and by letter. */
  vb_value *cot = vb_val_obj(a);
  vb_obj_set(a, cot, "notes", vb_val_strz(a, "Khác"));
  vb_obj_set(a, cot, "count", vb_val_strz(a, "C"));
  CHECK(vb_table_find(b->sheets[0], fields, cot, 0, &t, "d.json", "$.x", d) == 0);
  CHECK(t.nfields == 2 && vb_table_col(&t, "notes") == 0 && vb_table_col(&t, "count") == 2);
  CHECK_STR(all_diags(d), "");
  /* A field the table does not have, and a header the sheet does not have. */
  vb_obj_set(a, cot, "colour", vb_val_strz(a, "Màu"));
  CHECK(vb_table_find(b->sheets[0], fields, cot, 0, &t, "d.json", "$.x", d) == -1);
  CHECK_CONTAINS(all_diags(d), "d.json: $.x.cot.colour: lỗi: không có trường \"colour\" trong bảng "
                               "cột (cot) [sheet.unknown-field]\n"
                               "  gợi ý: các trường: name, count, day, notes");
  vb_diags_clear(d);
  cot = vb_val_obj(a);
  vb_obj_set(a, cot, "nmae", vb_val_strz(a, "Khác"));
  CHECK(vb_table_find(b->sheets[0], fields, cot, 0, &t, "d.json", "$.x", d) == -1);
  CHECK_CONTAINS(all_diags(d), "gợi ý: có phải là \"name\"? các trường: name, count");
  vb_diags_clear(d);
  cot = vb_val_obj(a);
  vb_obj_set(a, cot, "notes", vb_val_strz(a, "Ghi chú"));
  vb_obj_set(a, cot, "name", vb_val_strz(a, "Tên"));
  CHECK(vb_table_find(b->sheets[0], fields, cot, 2, &t, "d.json", "$.x", d) == -1);
  CHECK_CONTAINS(all_diags(d), "d.json: $.x.cot.notes: lỗi: trang \"t\" không có cột nào có tiêu "
                               "đề \"Ghi chú\" (dòng tiêu đề 2: \"Khác\", \"Họ và  tên\"");
  CHECK_CONTAINS(all_diags(d), "[sheet.no-such-column]");
  vb_diags_clear(d);
  /* A header typed without its tone marks: the column it means, by letter. */
  cot = vb_val_obj(a);
  vb_obj_set(a, cot, "notes", vb_val_strz(a, "Khac"));
  CHECK(vb_table_find(b->sheets[0], fields, cot, 2, &t, "d.json", "$.x", d) == -1);
  CHECK_CONTAINS(all_diags(d), "gợi ý: có phải là \"Khác\" (cột A)? Hoặc viết tiêu đề đúng");
  vb_diags_clear(d);
  vb_book_free(b);
  /* No header at all in the first rows. */
  b = csv("1,2\n3,4\n", d);
  CHECK(b && vb_table_find(b->sheets[0], fields, NULL, 0, &t, "d.json", "$.x", d) == -1);
  CHECK_CONTAINS(all_diags(d), "không tìm thấy dòng tiêu đề trong 50 dòng đầu của trang \"t\"");
  vb_diags_clear(d);
  vb_book_free(b);
  /* A two-row header: "Tên" merged over both rows, "Số lượng" and "Ngày"
   * below a merged "Thực hiện"; the data starts after the second row. */
  b = csv("Tên,Thực hiện,\n,Số lượng,Ngày\nAn,3,01/02/2024\n", d);
  vb_sheet__merge(b->sheets[0], 0, 0, 1, 0);
  vb_sheet__merge(b->sheets[0], 0, 1, 0, 2);
  CHECK(vb_table_find(b->sheets[0], fields, NULL, 0, &t, "d.json", "$.x", d) == 0);
  CHECK(t.header_top == 0 && t.header_row == 1 && t.nfields == 3);
  CHECK(vb_table_col(&t, "name") == 0 && vb_table_col(&t, "count") == 1 &&
        vb_table_col(&t, "day") == 2);
  CHECK_STR(all_diags(d), "");
  vb_book_free(b);
  vb_arena_free(a);
  vb_diags_free(d);
}

static void test_values(void) {
  vb_diags *d = vb_diags_new();
  vb_arena *a = vb_arena_new();
  vb_book *b = csv("Tên,SL,Ngày,Ghi chú\n(1),(2),(3),(4)\n An ,2.335,18/06/2024,\"một\n  hai \n\"\n"
                   "Bình,\"58,6%\",2024-05,-\nChi,nhiều,hôm qua,  \n",
                   d);
  vb_table_cols t;
  CHECK(b && vb_table_find(b->sheets[0], fields, NULL, 0, &t, "d.json", "$.x", d) == 0);
  vb_table_reader r = {.a = a, .s = b->sheets[0], .cols = &t, .book = "t.csv", .d = d};
  const vb_sheet *s = b->sheets[0];
  /* The numbering row under the header is not data. */
  size_t i = vb_sheet_row_index(s, t.header_row + 1);
  CHECK(s->rows[i].row == 1 && vb_row_is_numbering(&s->rows[i]));
  CHECK(!vb_row_is_numbering(&s->rows[i + 1]));
  /* Row 3: text trimmed, a number with a thousands dot, a date, lines. */
  vb_value *v = vb_table_str(&r, 2, "name", vb_table_text(&r, vb_table_cell(&r, 2, "name")));
  CHECK_STR(v->u.str.s, "An");
  CHECK_STR(v->src, "t!A3");
  v = vb_table_number(&r, 2, "count", vb_table_cell(&r, 2, "count"));
  CHECK(v && v->u.num == 2335);
  CHECK_STR(v ? v->src : NULL, "t!B3");
  v = vb_table_date(&r, 2, "day", vb_table_cell(&r, 2, "day"));
  CHECK_STR(v ? v->u.str.s : NULL, "18/06/2024"); /* checked, kept as typed */
  v = vb_table_lines(&r, 2, "notes", vb_table_cell(&r, 2, "notes"));
  CHECK(v->kind == VB_ARR && v->u.arr.len == 2);
  CHECK_STR(v->u.arr.items[1]->u.str.s, "hai");
  CHECK_STR(v->u.arr.items[1]->src, "t!D3");
  /* Row 4: a percentage, a month, a dash for an empty list. */
  double n;
  int pct;
  CHECK(vb_cell_number(vb_table_cell(&r, 3, "count"), &n, &pct) == 0 && n == 58.6 && pct);
  v = vb_table_date(&r, 3, "day", vb_table_cell(&r, 3, "day"));
  CHECK_STR(v ? v->u.str.s : NULL, "2024-05");
  v = vb_table_lines(&r, 3, "notes", vb_table_cell(&r, 3, "notes"));
  CHECK(v->kind == VB_ARR && v->u.arr.len == 0);
  /* Row 5: cells that are not what their field needs, each at its cell; a
   * blank cell is no cell. */
  CHECK_STR(all_diags(d), "");
  CHECK(vb_table_number(&r, 4, "count", vb_table_cell(&r, 4, "count")) == NULL);
  CHECK(vb_table_date(&r, 4, "day", vb_table_cell(&r, 4, "day")) == NULL);
  CHECK(vb_table_cell(&r, 4, "notes") == NULL);
  CHECK(r.errors == 2);
  CHECK_CONTAINS(all_diags(d), "t.csv: t!B5: lỗi: không đọc được số (count) từ ô có \"nhiều\"");
  CHECK_CONTAINS(all_diags(d),
                 "t.csv: t!C5: lỗi: không đọc được ngày (day) từ ô có \"hôm qua\" [sheet.cell]\n"
                 "  gợi ý: ghi ngày dạng 18/06/2024");
  vb_book_free(b);
  vb_arena_free(a);
  vb_diags_free(d);
}

int main(void) {
  test_find();
  test_values();
  TEST_MAIN_END();
}
