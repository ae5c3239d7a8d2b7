/* The comparison table (vb_diff_table): one row per change with what
 * changed, old and new figure and what follows from it; the new document's
 * header; the appendix's reference; "—" where there is nothing; a table
 * with no rows says nothing changed. Views built by the model from small
 * documents. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/json.h"
#include "diff/diff.h"
#include "model/model.h"
#include "test.h"

/* A no-break space: place names in generated lines stay on one line. */
#define NB "\xc2\xa0"
#include "util/diag.h"

static const char head[] =
    "{\"loai\": \"bao-cao\", \"van_ban\": {\"co_quan_ban_hanh\": \"Ủy ban nhân dân\\nxã Hà Tân\","
    " \"ten_co_quan\": \"UBND xã Hà Tân\", \"so\": %s, \"ky_hieu\": \"BC-UBND\","
    " \"dia_danh\": \"Hà Tân\", \"ngay\": \"2024-06-20\", \"trich_yeu\": \"Kết quả chuyển đổi số\","
    " \"kinh_gui\": [\"UBND huyện Hà Trung\"], \"noi_nhan\": [\"Như trên\"], \"luu\": \"VT\","
    " \"ky\": {\"dong\": [\"Chủ tịch\"], \"ho_ten\": \"Nguyễn Văn Trình\"}},"
    " \"noi_dung\": [{\"tieu_de\": \"Kết quả\", \"noi_dung\": [{\"chi_tieu\": \"*\"}]}],"
    " \"nhom_chi_tieu\": [{\"ma\": \"3\", \"ten\": \"Xã hội số\", \"chi_tieu\": [%s]}]}";

static const char ind[] =
    "{\"ma\": \"%s\", \"yeu_cau\": \"%s\", \"muc_tieu\": {\"kieu\": \"ty_le\","
    " \"gia_tri\": 60}, \"ket_qua\": {\"tu\": %d, \"mau\": 3986}}";

static vb_value *view(vb_arena *a, const char *so, const char *inds, vb_diags *d) {
  char *json = malloc(strlen(head) + strlen(inds) + 64);
  sprintf(json, head, so, inds);
  vb_value *in = vb_json_parse(a, json, strlen(json), "t.json", d);
  vb_value *v = in ? vb_model_build(a, in, "t.json", 0, d) : NULL;
  free(json);
  return v;
}

static const char *str(const vb_value *obj, const char *key) {
  const vb_value *v = vb_obj_get(obj, key);
  return v && v->kind == VB_STR ? v->u.str.s : "(none)";
}

int main(void) {
  vb_diags *d = vb_diags_new();
  vb_arena *a = vb_arena_new();
  char i32a[256], i32b[256], i34[256], inds[1024];
  snprintf(i32a, sizeof i32a, ind, "3.2", "Tài khoản thanh toán", 2335);
  snprintf(i32b, sizeof i32b, ind, "3.2", "Tài khoản thanh toán", 2510);
  snprintf(i34, sizeof i34, ind, "3.4", "Chữ ký số", 1000);
  vb_value *old = view(a, "10", i32a, d);
  snprintf(inds, sizeof inds, "%s, %s", i32b, i34);
  vb_value *nw = view(a, "12", inds, d);
  CHECK(old && nw);
  if (!old || !nw) return 1;
  vb_value *changes = vb_diff_views(a, old, nw);
  vb_value *t = vb_diff_table(a, nw, changes, 0);
  CHECK_STR(str(t, "loai"), "doi-chieu");
  CHECK(vb_obj_get(t, "phu_luc")->kind == VB_BOOL && !vb_obj_get(t, "phu_luc")->u.b);
  CHECK_STR(str(t, "tieu_de"), "BẢNG ĐỐI CHIẾU SỐ LIỆU ĐIỀU CHỈNH");
  CHECK_STR(str(t, "kem_theo"),
            "(Kèm theo Báo cáo số 12/BC-UBND ngày 20 tháng 6 năm 2024 của UBND" NB "xã" NB "Hà" NB
            "Tân)");
  CHECK_STR(str(t, "trich_yeu"),
            "Số liệu điều chỉnh của Báo cáo số 12/BC-UBND ngày 20 tháng 6 năm 2024 của UBND" NB
            "xã" NB "Hà" NB "Tân");
  CHECK_CONTAINS(str(t, "mo_dau"), "được điều chỉnh như sau (3 mục)");
  /* The header and signature are the new document's. */
  CHECK_STR(str(vb_obj_get(t, "van_ban"), "ky_ho_ten"), "Nguyễn Văn Trình");
  const vb_value *rows = vb_obj_get(t, "dong");
  CHECK(rows && rows->kind == VB_ARR && rows->u.arr.len == 3);
  if (rows && rows->u.arr.len == 3) {
    const vb_value *r = rows->u.arr.items[0]; /* the number */
    CHECK_STR(str(r, "stt"), "1");
    CHECK_STR(str(r, "muc"), "Số, ký hiệu");
    CHECK_STR(str(r, "truoc"), "Số: 10/BC-UBND");
    CHECK_STR(str(r, "sau"), "Số: 12/BC-UBND");
    CHECK_STR(str(r, "he_qua"), "—");
    r = rows->u.arr.items[1]; /* 3.2: figure, assessment and group summary */
    CHECK_STR(str(r, "muc"), "Tiêu chí 3.2: Tài khoản thanh toán");
    CHECK_STR(str(r, "truoc"), "2.335/3.986 (58,6%)");
    CHECK_STR(str(r, "sau"), "2.510/3.986 (63,0%)");
    CHECK_STR(str(r, "he_qua"), "Đánh giá: Chưa đạt → Đạt; nhóm Xã hội số: 0/1 → 1/2 đạt");
    r = rows->u.arr.items[2]; /* 3.4 added */
    CHECK_STR(str(r, "stt"), "3");
    CHECK_STR(str(r, "muc"), "Thêm tiêu chí 3.4: Chữ ký số");
    CHECK_STR(str(r, "truoc"), "—");
    CHECK_STR(str(r, "sau"), "1.000/3.986 (25,1%)");
    CHECK_STR(str(r, "he_qua"), "Đánh giá: Chưa đạt");
  }
  /* As an appendix; the JSON of the changes carries the same pieces. */
  t = vb_diff_table(a, nw, changes, 1);
  CHECK(vb_obj_get(t, "phu_luc")->u.b);
  vb_buf j = VB_BUF_INIT;
  vb_json_write(&j, changes, VB_JSON_LIST_LINES);
  CHECK_CONTAINS(vb_buf_cstr(&j), "\"muc\": \"Tiêu chí 3.2\", \"he_qua\": \"đánh giá: Chưa đạt → "
                                  "Đạt; nhóm Xã hội số: 0/1 → 1/2 đạt\"");
  vb_buf_free(&j);
  /* Nothing changed: no rows, and the opening says so. */
  t = vb_diff_table(a, old, vb_diff_views(a, old, old), 0);
  CHECK(vb_obj_get(t, "dong")->u.arr.len == 0);
  CHECK_STR(str(t, "mo_dau"),
            "Số liệu của Báo cáo số 10/BC-UBND ngày 20 tháng 6 năm 2024 của UBND" NB "xã" NB "Hà" NB
            "Tân "
            "không thay đổi.");
  vb_arena_free(a);
  vb_diags_free(d);
  TEST_MAIN_END();
}
