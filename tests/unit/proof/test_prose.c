/* The prose and consistency rules on views built by hand (one paragraph per
 * string): each rule finds what it is for, and stays quiet on text that is
 * right. */
#include <stdlib.h>
#include <string.h>

#include "proof/proof.h"
#include "test.h"

typedef void rule_fn(vb_proof *);

/* Run one rule family on the paragraphs; the findings as "rule: message"
 * lines (malloc'd). */
static char *run(rule_fn *fn, const char *const *paras) {
  vb_doc *doc = vb_doc_new("t.docx");
  for (size_t i = 0; paras[i]; i++)
    vb_doc_add_text(doc, paras[i], strlen(paras[i]));
  vb_proof p = {0};
  p.doc = doc;
  p.a = vb_arena_new();
  fn(&p);
  size_t len = 1;
  for (size_t i = 0; i < p.n; i++)
    len += strlen(p.f[i].rule) + strlen(p.f[i].message) + 4;
  char *out = calloc(1, len);
  for (size_t i = 0; i < p.n; i++) {
    strcat(out, p.f[i].rule);
    strcat(out, ": ");
    strcat(out, p.f[i].message);
    strcat(out, "\n");
  }
  proof_free(&p);
  vb_arena_free(p.a);
  vb_doc_free(doc);
  return out;
}

#define RUN(fn, ...) run(fn, (const char *const[]){__VA_ARGS__, NULL})

static void test_ratio(void) {
  char *o = RUN(proof_prose_ratio, "Xã đã giải quyết 2.106/4.210 hồ sơ, đạt 5,1%.");
  CHECK_CONTAINS(o, "so-lieu.ty-le: 2.106/4.210 = 50,0% nhưng văn bản ghi 5,1%");
  free(o);
  o = RUN(proof_prose_ratio, "giải quyết 2.106/4.210 hồ sơ, đạt 50,0%; 233/236 hồ sơ đạt 98,7%",
          "có 2865/3986 người dân trưởng thành có điện thoại thông minh, đạt tỷ lệ 71,9%.",
          "đạt 100% (1929/1929 học sinh)", "997/3986 người, đạt 25%");
  CHECK_STR(o, "");
  free(o);
  /* truncated: a hint */
  o = RUN(proof_prose_ratio, "Toàn xã có 2865/3986 người dân trưởng thành, đạt tỷ lệ 71,8%.");
  CHECK_CONTAINS(o, "làm tròn được 71,9%, văn bản ghi 71,8%");
  free(o);
  /* qualifiers */
  o = RUN(proof_prose_ratio, "giải quyết 180/200 hồ sơ, đạt trên 85%.",
          "giải quyết 180/200 hồ sơ, đạt khoảng 89%.");
  CHECK_STR(o, "");
  free(o);
  o = RUN(proof_prose_ratio, "giải quyết 180/200 hồ sơ, đạt trên 95%.");
  CHECK_CONTAINS(o, "không phải trên 95%");
  free(o);
  /* a percentage about something else is not paired */
  o = RUN(proof_prose_ratio, "tiếp nhận 180/200 hồ sơ, tăng 15% so với cùng kỳ.");
  CHECK_STR(o, "");
  free(o);
  /* ranges: the rate must fall inside */
  o = RUN(proof_prose_ratio, "giải quyết 2.106/4.210 hồ sơ, đạt từ 45% đến 55%.",
          "giải quyết 180/200 hồ sơ, đạt 85 - 95%.", "giải quyết 180/200 hồ sơ, đạt 85% - 90%.",
          "đạt 85–90% (180/200 hồ sơ)");
  CHECK_STR(o, "");
  free(o);
  o = RUN(proof_prose_ratio, "giải quyết 180/200 hồ sơ, đạt từ 80% đến 85%.");
  CHECK_CONTAINS(o, "so-lieu.ty-le: 180/200 = 90,0%, ngoài khoảng 80%–85%");
  free(o);
}

static void test_shares(void) {
  char *o =
      RUN(proof_prose_ratio, "có 44956/5022 người được tạo lập hồ sơ sức khỏe điện tử đạt 895,2%",
          "tỷ lệ hộ có điện thoại đạt 120%.", "thu ngân sách đạt 120% kế hoạch.");
  CHECK_CONTAINS(o, "so-lieu.vuot-100: 44956/5022: tử số lớn hơn mẫu số");
  CHECK_CONTAINS(o, "so-lieu.vuot-100: tỷ lệ 120% vượt quá 100%");
  CHECK(strstr(o, "kế hoạch") == NULL);
  /* exactly two findings: the plan is not a share */
  size_t lines = 0;
  for (const char *c = o; *c; c++)
    lines += *c == '\n';
  CHECK(lines == 2);
  free(o);
}

static void test_sums(void) {
  char *o =
      RUN(proof_prose_sum,
          "Cấp phép xây dựng: 41 hồ sơ. (Đã giải quyết đúng hẹn: 48 hồ sơ; "
          "đang giải quyết 3 hồ sơ, trong hạn)",
          "Tổng số 17 hồ sơ, gồm 9 hồ sơ trực tuyến và 9 hồ sơ trực tiếp.",
          "Có 83 TTHC, trong đó: 60 TTHC một phần và 23 TTHC toàn trình; cấp xã có 51 TTHC, "
          "trong đó: 44 TTHC một phần và 7 TTHC toàn trình.",
          "Có 42 dịch vụ công trong đó có 8 dịch vụ công mức độ 3 và 34 dịch vụ công mức độ 4.");
  CHECK_CONTAINS(o, "các phần 48 + 3 = 51, nhiều hơn tổng 41");
  CHECK_CONTAINS(o, "các phần 9 + 9 = 18, nhưng tổng ghi 17");
  size_t lines = 0;
  for (const char *c = o; *c; c++)
    lines += *c == '\n';
  CHECK(lines == 2);
  free(o);
  /* a part or a total given as a range cannot be added exactly */
  o = RUN(
      proof_prose_sum,
      "Tổng số 20 hồ sơ, gồm 10-12 hồ sơ trực tuyến, 5 hồ sơ trực tiếp và 3 hồ sơ qua bưu chính.",
      "Có 15 - 20 hộ, trong đó 5 hộ nghèo và 12 hộ cận nghèo.",
      "Tổng số 20 hồ sơ, gồm từ 4 đến 6 hồ sơ trực tuyến, 5 hồ sơ trực tiếp và 3 hồ sơ khác.");
  CHECK_STR(o, "");
  free(o);
  o = RUN(proof_prose_sum, "1. Hạ tầng số", "- Chỉ tiêu đạt: 8/8 chỉ tiêu đạt 100%",
          "- Chỉ tiêu đang triển khai: 01", "- Chỉ tiêu không hoàn thành: 0",
          "1.1. Tiêu chí số 1.1", "1.2. Tiêu chí số 1.2", "2. Kinh tế số");
  CHECK_CONTAINS(o,
                 "8 đạt + 1 đang triển khai + 0 không hoàn thành = 9 chỉ tiêu, nhưng tổng ghi 8");
  CHECK_CONTAINS(o, "tóm tắt ghi 8 chỉ tiêu nhưng mục 1 liệt kê 2 (1.1–1.2)");
  free(o);
}

static void test_same(void) {
  char *o =
      RUN(proof_prose_same,
          "Trong 6 tháng đầu năm, xã đã tiếp nhận và giải quyết 375 hồ sơ thủ tục hành chính.",
          "Như đã nêu, xã đã tiếp nhận và giải quyết 357 hồ sơ thủ tục hành chính.",
          "Như đã nêu, xã đã tiếp nhận và giải quyết 375 hồ sơ thủ tục hành chính.");
  CHECK_CONTAINS(o, "so-lieu.hai-gia-tri: cùng một số liệu ghi hai giá trị: 357 ở đây nhưng 375");
  size_t lines = 0;
  for (const char *c = o; *c; c++)
    lines += *c == '\n';
  CHECK(lines == 1);
  free(o);
}

/* A view with a table: paragraphs in (table, row, cell) given as "T R C text"
 * ("T R C ^text": a centred paragraph). */
static char *run_table(rule_fn *fn, const char *const *paras) {
  vb_doc *doc = vb_doc_new("t.docx");
  for (size_t i = 0; paras[i]; i++) {
    int t = 0, r = 0, c = 0, n = 0;
    sscanf(paras[i], "%d %d %d %n", &t, &r, &c, &n);
    int centred = paras[i][n] == '^';
    n += centred;
    vb_doc_para *p = vb_doc_add_text(doc, paras[i] + n, strlen(paras[i] + n));
    if (centred) p->align = VB_ALIGN_CENTER;
    p->table = t, p->row = r, p->cell = c, p->table_level = t ? 1 : 0;
    if (t > doc->ntables) doc->ntables = t;
  }
  vb_proof p = {0};
  p.doc = doc;
  p.a = vb_arena_new();
  fn(&p);
  char *out = calloc(1, 4096);
  for (size_t i = 0; i < p.n && strlen(out) < 3000; i++) {
    strcat(out, p.f[i].rule);
    strcat(out, ": ");
    strncat(out, p.f[i].message, 800);
    strcat(out, "\n");
  }
  proof_free(&p);
  vb_arena_free(p.a);
  vb_doc_free(doc);
  return out;
}

static void test_table_and_prose(void) {
  const char *rows[] = {
      "0 0 0 Tỷ lệ hồ sơ thủ tục hành chính giải quyết trực tuyến đạt 48,5% trong kỳ.", "1 1 1 1",
      "1 1 2 Tỷ lệ hồ sơ thủ tục hành chính giải quyết trực tuyến", "1 1 3 50,0%", NULL};
  char *o = run_table(proof_prose_same, rows);
  CHECK_CONTAINS(o, "48,5% ở đây nhưng 50,0% ở bảng 1, dòng 1");
  free(o);
  rows[0] = "0 0 0 Tỷ lệ hồ sơ thủ tục hành chính giải quyết trực tuyến đạt 50,0% trong kỳ.";
  o = run_table(proof_prose_same, rows);
  CHECK_STR(o, "");
  free(o);
}

/* A report of 2024 (its summary names the year) with a document list of
 * five rows dated d[0] … d[4] (dd/mm/yyyy). */
static char *run_doclist(const char *summary, const char *const d[5]) {
  static const char *const codes[] = {"62/KH-UBND", "55/QĐ-UBND", "69/TB-UBND", "90/KH-UBND",
                                      "75/TB-UBND"};
  char cells[15][64];
  const char *rows[32];
  size_t n = 0;
  rows[n++] = "0 0 0 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
  rows[n++] = "0 0 0 Hà Tân, ngày 20 tháng 6 năm 2024";
  rows[n++] = "0 0 0 ^BÁO CÁO";
  rows[n++] = summary;
  rows[n++] = "0 0 0 Nội dung báo cáo.";
  rows[n++] = "1 1 1 STT";
  rows[n++] = "1 1 2 Số, ký hiệu";
  rows[n++] = "1 1 3 Ngày ban hành";
  for (int r = 0; r < 5; r++) {
    snprintf(cells[3 * r], 64, "1 %d 1 %d", r + 2, r + 1);
    snprintf(cells[3 * r + 1], 64, "1 %d 2 %s", r + 2, codes[r]);
    snprintf(cells[3 * r + 2], 64, "1 %d 3 %s", r + 2, d[r]);
    for (int c = 0; c < 3; c++)
      rows[n++] = cells[3 * r + c];
  }
  rows[n] = NULL;
  return run_table(proof_doclist, rows);
}

#define DOCLIST(summary, ...) run_doclist(summary, (const char *const[5]){__VA_ARGS__})

static void test_doclist(void) {
  const char *y2024 = "0 0 0 ^Kết quả chuyển đổi số 6 tháng đầu năm 2024";
  char *o = DOCLIST(y2024, "10/01/2024", "08/03/2024", "15/04/2024", "18/05/2024", "19/06/2024");
  CHECK_STR(o, "");
  free(o);
  /* one date of another year in a list of the report's year: worth a look */
  o = DOCLIST(y2024, "10/01/2023", "08/03/2024", "15/04/2024", "18/05/2024", "19/06/2024");
  CHECK_STR(o, "nhat-quan.ngay-danh-muc: 62/KH-UBND ngày 10/01/2023 thuộc năm 2023, các văn bản "
               "khác của danh mục đều trong năm 2024 của báo cáo\n");
  free(o);
  /* a step back is reported once, as such */
  o = DOCLIST(y2024, "10/01/2024", "08/03/2024", "15/04/2023", "18/05/2024", "19/06/2024");
  CHECK_STR(o, "nhat-quan.ngay-danh-muc: 69/TB-UBND ngày 15/04/2023 đứng sau 55/QĐ-UBND ngày "
               "08/03/2024: danh mục xếp theo thời gian nhưng ngày này lùi lại\n");
  free(o);
  /* a date after the report's own */
  o = DOCLIST(y2024, "10/01/2024", "08/03/2024", "15/04/2024", "18/05/2024", "19/07/2024");
  CHECK_STR(o, "nhat-quan.ngay-danh-muc: 75/TB-UBND ngày 19/07/2024 sau ngày của chính văn bản "
               "(20/06/2024)\n");
  free(o);
  /* two in the year before: a list that covers both years */
  o = DOCLIST(y2024, "10/11/2023", "28/12/2023", "15/04/2024", "18/05/2024", "19/06/2024");
  CHECK_STR(o, "");
  free(o);
  /* a summary naming two years, or none: no year to hold the list to */
  o = DOCLIST("0 0 0 ^Kết quả năm 2023, nhiệm vụ năm 2024", "10/01/2023", "08/03/2024",
              "15/04/2024", "18/05/2024", "19/06/2024");
  CHECK_STR(o, "");
  free(o);
  o = DOCLIST("0 0 0 ^Kết quả chuyển đổi số", "10/01/2023", "08/03/2024", "15/04/2024",
              "18/05/2024", "19/06/2024");
  CHECK_STR(o, "");
  free(o);
}

static void test_format(void) {
  char *o = RUN(proof_prose_format, "đạt 98.7% và 0.93/20 điểm", "tiêu chí số 1.5 và 4.0",
                "có 44956 người, năm 2024");
  CHECK_CONTAINS(o, "2 số thập phân viết bằng dấu chấm (như \"98.7%\")");
  CHECK_CONTAINS(o, "1 số từ năm chữ số không có dấu chấm");
  free(o);
}

static void test_names(void) {
  char *o = RUN(proof_names, "UBND xã Hà Tân báo cáo", "XÃ HÀ TÂN", "trên địa bàn xã Hà Tấn",
                "xã Hà Tân và xã Hà Tây", "huyện Trà Bồng, xã Trà Tân");
  CHECK_CONTAINS(
      o, "nhat-quan.ten-rieng: tên viết nhiều cách: \"Hà Tân\" (3 lần) và \"Hà Tấn\" (1 lần)");
  size_t lines = 0;
  for (const char *c = o; *c; c++)
    lines += *c == '\n';
  CHECK(lines == 1); /* Hà Tây and Trà Tân are other places */
  free(o);
  /* the place of the date line is the issuing body's place, written without "xã" */
  o = RUN(proof_names, "ỦY BAN NHÂN DÂN", "XÃ HÀ TÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
          "Độc lập - Tự do - Hạnh phúc", "Số: 05/BC-UBND", "Hà Tấn, ngày 20 tháng 6 năm 2024",
          "BÁO CÁO", "Kết quả công tác", "UBND xã Hà Tân báo cáo như sau:");
  CHECK_CONTAINS(
      o, "nhat-quan.ten-rieng: tên viết nhiều cách: \"Hà Tân\" (2 lần) và \"Hà Tấn\" (1 lần)");
  free(o);
  o = RUN(proof_names, "ỦY BAN NHÂN DÂN", "XÃ HÀ TÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
          "Độc lập - Tự do - Hạnh phúc", "Số: 05/BC-UBND", "Hà Tân, ngày 20 tháng 6 năm 2024",
          "BÁO CÁO", "Kết quả công tác", "UBND xã Hà Tân báo cáo như sau:");
  CHECK_STR(o, "");
  free(o);
  /* in capitals, as a name in a header: its title case */
  o = RUN(proof_names, "ỦY BAN NHÂN DÂN", "XÃ HÀ TÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
          "Độc lập - Tự do - Hạnh phúc", "Số: 05/BC-UBND", "HÀ TÂN, ngày 20 tháng 6 năm 2024",
          "BÁO CÁO", "Kết quả công tác", "UBND xã Hà Tân báo cáo như sau:");
  CHECK_STR(o, "");
  free(o);
}

static void test_tone(void) {
  char *o = RUN(proof_tone, "Ủy ban nhân dân, hòa hợp, thủy lợi", "xã hội hoá");
  CHECK_CONTAINS(o, "kiểu mới \"hoá\" (1 từ, đầu tiên ở đây) và kiểu cũ \"Ủy\" (3 từ)");
  free(o);
  o = RUN(proof_tone, "Ủy ban, hòa hợp", "hoàng hôn, quý, hoa");
  CHECK_STR(o, "");
  free(o);
}

static void test_numbering(void) {
  char *o = RUN(proof_numbering, "I. MỞ ĐẦU", "1. Một", "2. Hai", "4. Bốn", "II. HAI", "1. Một",
                "1.1. Một một", "1.2. Một hai", "II. LẠI HAI", "a) ý a", "b) ý b", "d) ý d");
  CHECK_CONTAINS(o, "sau 2. là 4.: thiếu 3.");
  CHECK_CONTAINS(o, "số thứ tự II. trùng với mục trước");
  CHECK_CONTAINS(o, "sau b) là d): thiếu c)");
  free(o);
  /* a nested list restarting at 1, letters typed a b c d e: fine */
  o = RUN(proof_numbering, "I. MỘT", "1. a", "2. b", "1. nested", "2. nested", "II. HAI", "a) x",
          "b) x", "c) x", "d) x", "e) x");
  CHECK_STR(o, "");
  free(o);
  /* a label that repeats its heading's number, copied once with another number */
  o = RUN(proof_numbering, "1. Chính quyền số", "1.1. Tiêu chí một", "Nội dung.",
          "(1.1. Tài liệu minh chứng kèm theo)", "1.2. Tiêu chí hai",
          "(1.2. Tài liệu minh chứng kèm theo)", "1.3. Tiêu chí ba", "Nội dung.",
          "(1.3. Tài liệu minh chứng kèm theo)", "1.4. Tiêu chí bốn",
          "(1.2. Tài liệu minh chứng kèm theo)", "2. Kinh tế số", "2.1. Tiêu chí",
          "(2.1. Tài liệu minh chứng kèm theo)");
  CHECK_STR(o, "nhat-quan.danh-so: \"(1.2. Tài liệu minh chứng kèm theo)\" nằm dưới mục 1.4.; "
               "các dòng cùng mẫu khác đều ghi số của mục chứa chúng\n");
  free(o);
  /* labels citing other items by design (no pattern) are left alone */
  o = RUN(proof_numbering, "1. Một", "1.1. Tiêu chí một", "(2.3. Xem thêm)", "1.2. Tiêu chí hai",
          "(3.1. Xem thêm)", "1.3. Tiêu chí ba", "(1.1. Xem thêm)");
  CHECK_STR(o, "");
  free(o);
}

int main(void) {
  test_ratio();
  test_shares();
  test_sums();
  test_same();
  test_table_and_prose();
  test_doclist();
  test_format();
  test_names();
  test_tone();
  test_numbering();
  TEST_MAIN_END();
}
