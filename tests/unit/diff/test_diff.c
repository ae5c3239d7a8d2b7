/* vanban diff: changed, added and removed indicators with their knock-on
 * effects (assessment, group summary), score sheet changes, metadata and
 * narrative changes, JSON form — on small documents built here. */
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "vanban.h"

static const char head[] =
    "{\"loai\": \"bao-cao\", \"van_ban\": {\"co_quan_ban_hanh\": \"Ủy ban nhân dân\\nxã Hà Tân\","
    " \"so\": %s, \"ky_hieu\": \"BC-UBND\", \"dia_danh\": \"Hà Tân\", \"ngay\": \"2024-06-20\","
    " \"trich_yeu\": \"Kết quả chuyển đổi số\", \"kinh_gui\": [\"UBND huyện Hà Trung\"],"
    " \"noi_nhan\": [\"Như trên\"], \"luu\": \"VT, VHMT\","
    " \"ky\": {\"dong\": [\"KT. Chủ tịch\", \"Phó Chủ tịch\"], \"ho_ten\": \"Nguyễn Văn Trình\"}},"
    " \"mo_dau\": [\"%s\"],"
    " \"noi_dung\": [{\"tieu_de\": \"Kết quả\", \"noi_dung\": [{\"chi_tieu\": \"*\"}]}],"
    " \"nhom_chi_tieu\": [{\"ma\": \"3\", \"ten\": \"Xã hội số\", \"chi_tieu\": [%s]}]}";

static const char ind_32[] =
    "{\"ma\": \"3.2\", \"yeu_cau\": \"Tài khoản thanh toán\", \"muc_tieu\": {\"kieu\": \"ty_le\","
    " \"gia_tri\": 60}, \"ket_qua\": {\"tu\": %d, \"mau\": 3986}}";
static const char ind_33[] =
    "{\"ma\": \"3.3\", \"yeu_cau\": \"Điện thoại thông minh\", \"muc_tieu\": {\"kieu\": \"ty_le\","
    " \"gia_tri\": 50}, \"ket_qua\": {\"tu\": 2500, \"mau\": 3986}}";
static const char ind_34[] =
    "{\"ma\": \"3.4\", \"yeu_cau\": \"Chữ ký số\", \"muc_tieu\": {\"kieu\": \"ty_le\","
    " \"gia_tri\": 40}, \"ket_qua\": {\"tu\": 1000, \"mau\": 3986}}";

static vb_data *doc(const char *so, const char *mo_dau, const char *inds, vb_diags *d) {
  char *json = malloc(strlen(head) + strlen(inds) + strlen(mo_dau) + 64);
  sprintf(json, head, so, mo_dau, inds);
  vb_data *data = vb_data_load_memory(json, strlen(json), "t.json", 0, d);
  free(json);
  return data;
}

static char *diff(vb_data *a, vb_data *b, unsigned flags) {
  char *out = NULL;
  vb_diags *d = vb_diags_new();
  CHECK(vb_data_diff(a, b, flags, &out, d) == VB_OK);
  vb_diags_free(d);
  return out;
}

int main(void) {
  vb_diags *d = vb_diags_new();
  char inds[2048];

  /* Old: 3.2 at 2335/3986 = 58,6% (< 60: Chưa đạt), 3.3 Đạt, 3.4 Chưa đạt. */
  snprintf(inds, sizeof inds, "%s, %s, %s", "", "", "");
  char a32[512], b32[512];
  snprintf(a32, sizeof a32, ind_32, 2335);
  snprintf(b32, sizeof b32, ind_32, 2510);
  snprintf(inds, sizeof inds, "%s, %s, %s", a32, ind_33, ind_34);
  vb_data *old = doc("10", "Mở đầu.", inds, d);
  /* New: 3.2 at 2510/3986 = 63,0% (Đạt), 3.3 removed, 3.4 kept, number changed,
   * the opening paragraph rewritten. */
  snprintf(inds, sizeof inds, "%s, %s", b32, ind_34);
  vb_data *nw = doc("12", "Mở đầu đã sửa.", inds, d);
  for (size_t i = 0; i < vb_diags_count(d); i++)
    if (vb_diags_get(d, i)->severity == VB_SEV_ERROR)
      fprintf(stderr, "%s\n", vb_diag_text(vb_diags_get(d, i)));
  CHECK(old && nw);
  if (old && nw) {
    char *t = diff(old, nw, 0);
    CHECK_CONTAINS(t, "Số, ký hiệu: Số: 10/BC-UBND → Số: 12/BC-UBND\n");
    /* The changed figure, the assessment it flips and the group summary it
     * moves, all on one line: one corrected figure and what it changes. */
    CHECK_CONTAINS(
        t, "Tiêu chí 3.2: 2.335/3.986 (58,6%) → 2.510/3.986 (63,0%); đánh giá: Chưa đạt → Đạt"
           "; nhóm Xã hội số: 1/3 → 1/2 đạt\n");
    CHECK_CONTAINS(t, "Bỏ tiêu chí 3.3\n");
    CHECK(strstr(t, "3.4") == NULL); /* unchanged: not mentioned */
    CHECK_CONTAINS(
        t, "Nội dung: 1 đoạn mới hoặc sửa, 1 đoạn bỏ hoặc sửa, đầu tiên: \"Mở đầu đã sửa.\"");
    free(t);

    char *j = diff(old, nw, VB_DIFF_JSON);
    CHECK_CONTAINS(j, "{\"loai\": \"chi_tieu\", \"ma\": \"3.2\"");
    CHECK_CONTAINS(j, "\"danh_gia\": {\"truoc\": \"Chưa đạt\", \"sau\": \"Đạt\"}");
    CHECK_CONTAINS(j, "{\"loai\": \"bo_chi_tieu\", \"ma\": \"3.3\"");
    free(j);

    /* Same data: nothing to say. */
    char *same = diff(old, old, 0);
    CHECK_STR(same, "");
    free(same);

    /* The other direction: an added indicator with its group knock-on. */
    char *back = diff(nw, old, 0);
    CHECK_CONTAINS(back, "Thêm tiêu chí 3.3: 2.500/3.986 (62,7%); đánh giá: Đạt");
    CHECK_CONTAINS(
        back, "Tiêu chí 3.2: 2.510/3.986 (63,0%) → 2.335/3.986 (58,6%); đánh giá: Đạt → Chưa đạt"
              "; nhóm Xã hội số: 1/2 → 1/3 đạt");
    free(back);
  }
  vb_data_free(old);
  vb_data_free(nw);

  /* Score sheets (THÔNG BÁO): a sub-criterion score and its index total. */
  {
    char *p = NULL;
    FILE *f = fopen(VB_SOURCE_DIR "/tests/fixtures/model/thong-bao.json", "rb");
    CHECK(f != NULL);
    if (f) {
      fseek(f, 0, SEEK_END);
      long n = ftell(f);
      fseek(f, 0, SEEK_SET);
      p = malloc((size_t)n + 1);
      CHECK(fread(p, 1, (size_t)n, f) == (size_t)n);
      p[n] = 0;
      fclose(f);
      vb_data *a = vb_data_load_memory(p, (size_t)n, "tb.json", 0, d);
      /* Raise the first listed score "\"diem\": 4," of the fixture. */
      char *at = strstr(p, "\"diem\": 4,");
      CHECK(at != NULL);
      if (at) memcpy(at, "\"diem\": 9,", 10);
      vb_data *b = vb_data_load_memory(p, (size_t)n, "tb.json", 0, d);
      CHECK(a && b);
      if (a && b) {
        char *t = diff(a, b, 0);
        CHECK_CONTAINS(t, "4/20 → 9/20 điểm");
        CHECK_CONTAINS(t, "điểm\n");
        free(t);
      }
      vb_data_free(a);
      vb_data_free(b);
      free(p);
    }
  }
  /* Ids repeat across groups (1, 2 under each): an indicator is matched
   * within its own group, so changing group 2's "1" does not show as group
   * 1's. */
  {
    static const char two[] =
        "{\"loai\": \"bao-cao\", \"van_ban\": {\"co_quan_ban_hanh\": \"UBND xã A\", \"so\": 3,"
        " \"ky_hieu\": \"BC-UBND\", \"dia_danh\": \"A\", \"ngay\": \"2024-06-20\","
        " \"trich_yeu\": \"T\", \"noi_nhan\": [\"X\"], \"luu\": \"VT\","
        " \"ky\": {\"dong\": [\"Chủ tịch\"], \"ho_ten\": \"B\"}}, \"noi_dung\": [\"Đoạn.\"],"
        " \"nhom_chi_tieu\": [{\"ma\": \"1\", \"ten\": \"G1\", \"chi_tieu\": ["
        "{\"ma\": \"1\", \"yeu_cau\": \"R\", \"muc_tieu\": \"50%%\", \"ket_qua\": \"10/20\"}]},"
        " {\"ma\": \"2\", \"ten\": \"G2\", \"chi_tieu\": ["
        "{\"ma\": \"1\", \"yeu_cau\": \"S\", \"muc_tieu\": \"50%%\", \"ket_qua\": \"%s\"}]}]}";
    char ja[2048], jb[2048];
    snprintf(ja, sizeof ja, two, "10/20");
    snprintf(jb, sizeof jb, two, "15/20");
    vb_data *a = vb_data_load_memory(ja, strlen(ja), "a.json", 0, d);
    vb_data *b = vb_data_load_memory(jb, strlen(jb), "b.json", 0, d);
    CHECK(a && b);
    if (a && b) {
      char *t = diff(a, b, 0);
      CHECK_CONTAINS(t, "Tiêu chí 1: 10/20 (50,0%) → 15/20 (75,0%)");
      CHECK(t && strstr(strstr(t, "Tiêu chí 1:") + 1, "Tiêu chí 1:") == NULL);
      free(t);
    }
    vb_data_free(a);
    vb_data_free(b);
  }
  vb_diags_free(d);
  TEST_MAIN_END();
}
