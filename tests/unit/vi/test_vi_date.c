/* Dates: the accepted input forms and the ND 30 output forms, drafts included. */
#include "test.h"
#include "util/buf.h"
#include "vi/vi.h"

static vb_buf out = VB_BUF_INIT;

static const char *date_long(int y, int m, int d) {
  vb_buf_clear(&out);
  vi_format_date_long(&out, y, m, d);
  return vb_buf_cstr(&out);
}

static const char *date_short(int y, int m, int d) {
  vb_buf_clear(&out);
  vi_format_date_short(&out, y, m, d);
  return vb_buf_cstr(&out);
}

/* Parse s and render what came out as "y-m-d", or "bad" (checking that a failed parse
 * leaves the outputs alone). */
static const char *parsed(const char *s) {
  static char text[64];
  int y = -7, m = -7, d = -7;
  if (vi_parse_date(s, &y, &m, &d) != 0) {
    snprintf(text, sizeof text, y == -7 && m == -7 && d == -7 ? "bad" : "bad but written");
    return text;
  }
  snprintf(text, sizeof text, "%d-%d-%d", y, m, d);
  return text;
}

/* Six no-break spaces, the blank of a draft. */
#define B "\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0"

int main(void) {
  /* ISO forms. */
  CHECK_STR(parsed("2024-06-13"), "2024-6-13");
  CHECK_STR(parsed("2024-06"), "2024-6-0");
  CHECK_STR(parsed("2024"), "2024-0-0");
  CHECK_STR(parsed("2024-12-31"), "2024-12-31");
  /* Vietnamese forms. */
  CHECK_STR(parsed("13/06/2024"), "2024-6-13");
  CHECK_STR(parsed("13/6/2024"), "2024-6-13");
  CHECK_STR(parsed("1/2/2024"), "2024-2-1");
  CHECK_STR(parsed("06/2024"), "2024-6-0");
  CHECK_STR(parsed("6/2024"), "2024-6-0");
  /* The real calendar. */
  CHECK_STR(parsed("2024-02-29"), "2024-2-29");
  CHECK_STR(parsed("2000-02-29"), "2000-2-29");
  CHECK_STR(parsed("2024-02-30"), "bad");
  CHECK_STR(parsed("2023-02-29"), "bad");
  CHECK_STR(parsed("1900-02-29"), "bad");
  CHECK_STR(parsed("31/04/2024"), "bad");
  CHECK_STR(parsed("30/04/2024"), "2024-4-30");
  CHECK_STR(parsed("2024-13-01"), "bad");
  CHECK_STR(parsed("2024-00"), "bad");
  CHECK_STR(parsed("2024-06-00"), "bad");
  CHECK_STR(parsed("0/6/2024"), "bad");
  CHECK_STR(parsed("13/0/2024"), "bad");
  CHECK_STR(parsed("32/01/2024"), "bad");
  /* Malformed. */
  CHECK_STR(parsed(""), "bad");
  CHECK_STR(parsed("abc"), "bad");
  CHECK_STR(parsed("2024-6-13"), "bad");
  CHECK_STR(parsed("2024-06-13x"), "bad");
  CHECK_STR(parsed(" 2024-06-13"), "bad");
  CHECK_STR(parsed("2024-06-13 "), "bad");
  CHECK_STR(parsed("2024-"), "bad");
  CHECK_STR(parsed("13/06/24"), "bad");
  CHECK_STR(parsed("13/06/02024"), "bad");
  CHECK_STR(parsed("123/06/2024"), "bad");
  CHECK_STR(parsed("13/006/2024"), "bad");
  CHECK_STR(parsed("13-06-2024"), "bad");
  CHECK_STR(parsed("2024/06/13"), "bad");
  CHECK_STR(parsed("20245"), "bad");
  CHECK_STR(parsed("999"), "bad");
  CHECK_STR(parsed("0999-01-01"), "bad");
  CHECK(vi_parse_date(NULL, NULL, NULL, NULL) == -1);

  /* Long form: zero before days 1-9 and months 1-2 only (ND 30). */
  CHECK_STR(date_long(2024, 2, 5), "ngày 05 tháng 02 năm 2024");
  CHECK_STR(date_long(2020, 1, 5), "ngày 05 tháng 01 năm 2020");
  CHECK_STR(date_long(2024, 6, 13), "ngày 13 tháng 6 năm 2024");
  CHECK_STR(date_long(2019, 6, 29), "ngày 29 tháng 6 năm 2019");
  CHECK_STR(date_long(2025, 3, 1), "ngày 01 tháng 3 năm 2025");
  CHECK_STR(date_long(2024, 10, 10), "ngày 10 tháng 10 năm 2024");
  CHECK_STR(date_long(2024, 12, 31), "ngày 31 tháng 12 năm 2024");
  CHECK_STR(date_long(2024, 9, 9), "ngày 09 tháng 9 năm 2024");

  /* Drafts: blanks of six no-break spaces, the year as "20..". */
  CHECK_STR(date_long(2024, 6, 0), "ngày" B "tháng 6 năm 2024");
  CHECK_STR(date_long(2024, 1, 0), "ngày" B "tháng 01 năm 2024");
  CHECK_STR(date_long(2024, 0, 0), "ngày" B "tháng" B "năm 2024");
  CHECK_STR(date_long(0, 0, 0), "ngày" B "tháng" B "năm 20..");
  CHECK_STR(date_long(0, 6, 0), "ngày" B "tháng 6 năm 20..");
  CHECK(strstr(date_long(2024, 6, 0), "  ") == NULL);

  /* Short form: always two-digit day and month. */
  CHECK_STR(date_short(2024, 6, 13), "13/06/2024");
  CHECK_STR(date_short(2024, 1, 5), "05/01/2024");
  CHECK_STR(date_short(2024, 12, 31), "31/12/2024");
  CHECK_STR(date_short(2024, 6, 0), "06/2024");
  CHECK_STR(date_short(2024, 0, 0), "2024");
  CHECK_STR(date_short(0, 6, 13), "13/06/20..");

  /* Parse and write back, appending to what is there. */
  int y, m, d;
  CHECK(vi_parse_date("5/2/2024", &y, &m, &d) == 0);
  vb_buf_clear(&out);
  vb_buf_puts(&out, "Hà Tân, ");
  vi_format_date_long(&out, y, m, d);
  CHECK_STR(vb_buf_cstr(&out), "Hà Tân, ngày 05 tháng 02 năm 2024");

  vb_buf_free(&out);
  vi_cleanup();
  TEST_MAIN_END();
}
