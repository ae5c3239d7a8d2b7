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
  CHECK(vb_model_init_json(a, b, NULL, "chi-tieu.csv", "2024-12", &json, &summary, d) == 0);
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
  CHECK(strstr(vb_buf_cstr(&summary), "indicators, header in row 2, 1 group, 2 indicators") !=
        NULL);
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
  CHECK(vb_model_init_json(a, b, NULL, "../van-ban.csv", "2024-12", &json, &summary, d) == 0);
  vb_value *v = parsed(a, &json, d);
  CHECK(v != NULL && vb_obj_get(v, "nhom_chi_tieu") == NULL);
  if (v) {
    const vb_value *p = vb_obj_get(v, "phu_luc")->u.arr.items[0];
    CHECK_STR(str_at(p, "kieu"), "van_ban");
    CHECK_STR(str_at(p, "id"), "van-ban");
    CHECK_STR(str_at(p, "source"), "../van-ban.csv#van-ban");
    CHECK_STR(str_at(vb_obj_get(p, "tieu_de_cot"), "trich_yeu"), "Tên văn bản");
  }
  CHECK(strstr(vb_buf_cstr(&summary), "documents, header in row 1, 2 documents\n") != NULL);
  vb_book_free(b);
  vb_buf_free(&json), vb_buf_free(&summary);

  /* Neither table: an error, nothing to write. */
  b = book_of("khac.csv", "Họ tên,Chức vụ\nA,B\n", d);
  json = (vb_buf)VB_BUF_INIT, summary = (vb_buf)VB_BUF_INIT;
  CHECK(vb_model_init_json(a, b, NULL, "khac.csv", "2024-12", &json, &summary, d) == -1);
  CHECK(vb_diags_count(d) == 1);
  CHECK_CONTAINS(vb_diag_text(vb_diags_get(d, 0)),
                 "khac.csv: error: no sheet holds an indicator table or a list of documents");
  vb_book_free(b);
  vb_buf_free(&json), vb_buf_free(&summary);
  vb_diags_clear(d);

  /* A cell that cannot be read is named. */
  b = book_of("hong.csv", "TT,Nội dung,Chỉ tiêu giao,Kết quả\nI,Nhóm\n1,A,≥ 80%,2.33.5\n", d);
  json = (vb_buf)VB_BUF_INIT, summary = (vb_buf)VB_BUF_INIT;
  CHECK(vb_model_init_json(a, b, NULL, "hong.csv", "2024-12", &json, &summary, d) == -1);
  CHECK_CONTAINS(vb_diags_count(d) ? vb_diag_text(vb_diags_get(d, 0)) : "",
                 "hong.csv: hong!D3: error: không đọc được kết quả (ket_qua) từ ô có \"2.33.5\"");
  vb_book_free(b);
  vb_buf_free(&json), vb_buf_free(&summary);
  vb_diags_free(d);
  vb_arena_free(a);
}

int main(void) {
  test_indicator_sheet();
  test_document_sheet_and_refusals();
  TEST_MAIN_END();
}
