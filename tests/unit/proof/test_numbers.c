/* Numbers in Vietnamese prose (proof/numbers.c): what is a quantity, what
 * its value is, and what is only a date, a document number or a heading. */
#include <math.h>
#include <string.h>

#include "proof/numbers.h"
#include "test.h"

static size_t scan(const char *s, pn_num *t) { return pn_scan(s, strlen(s), t, 32); }

static void test_forms(void) {
  pn_num t[32];
  size_t n = scan("giải quyết 2.106/4.210 hồ sơ, đạt 50,0%", t);
  CHECK(n == 2);
  CHECK(t[0].kind == PN_FRACTION && t[0].value == 2106 && t[0].den == 4210 && t[0].grouped);
  CHECK(t[1].kind == PN_PERCENT && t[1].value == 50 && t[1].decimals == 1 && t[1].scaled == 500);
  n = scan("đạt 7,47% và 98.7% và 1.234,5 người", t);
  CHECK(n == 3);
  CHECK(t[0].kind == PN_PERCENT && fabs(t[0].value - 7.47) < 1e-9 && !t[0].dot_decimal);
  CHECK(t[1].kind == PN_PERCENT && fabs(t[1].value - 98.7) < 1e-9 && t[1].dot_decimal);
  CHECK(t[2].kind == PN_PLAIN && fabs(t[2].value - 1234.5) < 1e-9 && t[2].grouped);
  CHECK(t[2].unit_len == strlen("người"));
  n = scan("có 44956/5022 người", t);
  CHECK(n == 1 && t[0].long_plain && t[0].value == 44956);
  n = scan("0.93/20 điểm", t);
  CHECK(n == 1 && t[0].kind == PN_FRACTION && t[0].dot_decimal && fabs(t[0].value - 0.93) < 1e-9);
  n = scan("1,234,567 đồng", t);
  CHECK(n == 1 && t[0].has_thousand_comma && t[0].value == 1234567);
  n = scan("đạt 100 %", t);
  CHECK(n == 1 && t[0].kind == PN_PERCENT && t[0].value == 100);
}

static void test_not_quantities(void) {
  pn_num t[32];
  /* dates, document numbers, codes, glued letters: nothing */
  CHECK(scan("ngày 13/06/2024 và 6/2024", t) == 0);
  CHECK(scan("Quyết định số 04/QĐ-UBND, Kế hoạch 28-KH/ĐU", t) == 0);
  CHECK(scan("công văn 2024/UBND-VHTT", t) == 0);
  CHECK(scan("mạng 4G/5G, khổ A4, 2021-2025", t) == 0);
  CHECK(scan("Nghị định 42/2022/NĐ-CP", t) == 0);
  /* heading numbers and identifiers */
  CHECK(scan("1.1. Tiêu chí số 1.1", t) == 1 && t[0].id);
  size_t n = scan("năm 2024 có 12 tin bài, mức độ 3, tổng số 375 hồ sơ", t);
  CHECK(n == 4);
  CHECK(t[0].id); /* a year */
  CHECK(!t[1].id && t[1].value == 12);
  CHECK(t[2].id);                       /* mức độ 3 */
  CHECK(!t[3].id && t[3].value == 375); /* "tổng số" counts */
}

static void test_qualifiers(void) {
  pn_num t[32];
  CHECK(scan("trên 70%", t) == 1 && t[0].qual == PN_ABOVE);
  CHECK(scan("dưới 5%", t) == 1 && t[0].qual == PN_BELOW);
  CHECK(scan("gần 99%", t) == 1 && t[0].qual == PN_NEAR);
  CHECK(scan("khoảng 40%", t) == 1 && t[0].qual == PN_ABOUT);
  CHECK(scan("không quá 10%", t) == 1 && t[0].qual == PN_BELOW);
  CHECK(scan("đạt 40%", t) == 1 && t[0].qual == PN_EXACT);
}

static void test_ranges(void) {
  pn_num t[32];
  /* "45–55%", "80 - 95%", "từ 45% đến 55%", "10-12 hồ sơ": both ends, marked */
  size_t n = scan("đạt 45–55%", t);
  CHECK(n == 2 && t[0].range == PN_RANGE_LOW && t[1].range == PN_RANGE_HIGH);
  CHECK(t[0].kind == PN_PERCENT && t[0].value == 45 && t[1].value == 55);
  n = scan("đạt 80 - 95%", t);
  CHECK(n == 2 && t[0].range == PN_RANGE_LOW && t[0].kind == PN_PERCENT && t[1].value == 95);
  n = scan("đạt từ 45% đến 55%", t);
  CHECK(n == 2 && t[0].range == PN_RANGE_LOW && t[1].range == PN_RANGE_HIGH);
  n = scan("gồm 10-12 hồ sơ", t);
  CHECK(n == 2 && t[0].value == 10 && t[0].range == PN_RANGE_LOW && t[1].value == 12 &&
        t[1].range == PN_RANGE_HIGH && t[1].unit_len == strlen("hồ"));
  n = scan("có 5 đến 7 người", t);
  CHECK(n == 2 && t[0].range == PN_RANGE_LOW && t[1].range == PN_RANGE_HIGH);
  /* not ranges: years, dates, a step down, unrelated numbers */
  CHECK(scan("giai đoạn 2021-2025", t) == 0);
  CHECK(scan("ngày 2024-06-13", t) == 0);
  n = scan("giảm 15 - 3 hồ sơ", t);
  CHECK(n == 2 && !t[0].range && !t[1].range);
  n = scan("tiếp nhận 120 hồ sơ, 30 hồ sơ quá hạn", t);
  CHECK(n == 2 && !t[0].range && !t[1].range);
  n = scan("từ tháng 5 đến tháng 7", t);
  CHECK(n == 2 && t[0].id && t[1].id && !t[0].range);
}

static void test_clauses(void) {
  const char *s = "Ông A. Nguyễn; TP. Hồ Chí Minh có 1.234 người. Hết";
  size_t n = strlen(s);
  int ends = 0;
  for (size_t i = 0; i < n; i++)
    ends += pn_clause_end(s, n, i);
  CHECK(ends == 2); /* ";" and the last full stop; not "TP." nor the thousands dot */
  int digits;
  CHECK(pn_words("người dân đạt 5", 0, 17, &digits) == 3 && !digits);
}

int main(void) {
  test_forms();
  test_not_quantities();
  test_qualifiers();
  test_ranges();
  test_clauses();
  TEST_MAIN_END();
}
