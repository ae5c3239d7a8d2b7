/* Dates: parsing the forms found in data files and writing them the ND 30 way. */
#include <string.h>

#include "vi/vi.h"

/* Six no-break spaces: the blank left for a day or month in a draft. No-break so that
 * the line never wraps inside the blank the signer fills in by hand. */
#define DRAFT_BLANK "\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0"

/* Read between min and max ASCII digits at *p; advances *p. Returns -1 if there are
 * fewer than min digits or more than max. */
static int read_digits(const char **p, int min, int max) {
  int value = 0, count = 0;
  while (**p >= '0' && **p <= '9') {
    if (++count > max) return -1;
    value = value * 10 + (**p - '0');
    (*p)++;
  }
  return count < min ? -1 : value;
}

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m) {
  static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Day 0 and month 0 mean "unknown"; a known day needs a known month. */
static int valid_date(int y, int m, int d) {
  if (y < 1000 || y > 9999 || m < 0 || m > 12 || d < 0) return 0;
  if (m == 0) return d == 0;
  return d <= days_in_month(y, m);
}

int vi_parse_date(const char *s, int *y, int *m, int *d) {
  if (!s) return -1;
  const char *p = s;
  int yy = 0, mm = 0, dd = 0;
  int first = read_digits(&p, 1, 4);
  if (first < 0) return -1;
  if (p - s == 4) {
    /* ISO: yyyy, yyyy-mm or yyyy-mm-dd, with 2-digit month and day. */
    yy = first;
    if (*p == '-') {
      p++;
      if ((mm = read_digits(&p, 2, 2)) < 1) return -1;
      if (*p == '-') {
        p++;
        if ((dd = read_digits(&p, 2, 2)) < 1) return -1;
      }
    }
  } else {
    /* Vietnamese: d/m/yyyy or m/yyyy, with 1- or 2-digit day and month. */
    if (p - s > 2 || *p != '/') return -1;
    p++;
    const char *second_start = p;
    int second = read_digits(&p, 1, 4);
    if (second < 0) return -1;
    if (p - second_start == 4) {
      mm = first;
      yy = second;
    } else {
      if (p - second_start > 2 || *p != '/') return -1;
      p++;
      dd = first;
      mm = second;
      const char *year_start = p;
      yy = read_digits(&p, 4, 4);
      if (yy < 0 || p - year_start != 4) return -1;
      if (dd < 1) return -1;
    }
    if (mm < 1) return -1;
  }
  if (*p != '\0' || !valid_date(yy, mm, dd)) return -1;
  *y = yy;
  *m = mm;
  *d = dd;
  return 0;
}

void vi_format_date_long(vb_buf *out, int y, int m, int d) {
  vb_buf_puts(out, "ngày");
  if (d == 0)
    vb_buf_puts(out, DRAFT_BLANK);
  else
    vb_buf_printf(out, " %02d ", d);
  vb_buf_puts(out, "tháng");
  /* ND 30/2020 Phụ lục I, II.4: a zero before days below 10 and months 1 and 2 only
   * ("tháng 01", "tháng 6", never "tháng 03"). */
  if (m == 0)
    vb_buf_puts(out, DRAFT_BLANK);
  else if (m < 3)
    vb_buf_printf(out, " %02d ", m);
  else
    vb_buf_printf(out, " %d ", m);
  vb_buf_puts(out, "năm ");
  if (y == 0)
    vb_buf_puts(out, "20..");
  else
    vb_buf_printf(out, "%d", y);
}

void vi_format_date_short(vb_buf *out, int y, int m, int d) {
  if (d != 0 && m != 0) vb_buf_printf(out, "%02d/", d);
  if (m != 0) vb_buf_printf(out, "%02d/", m);
  if (y == 0)
    vb_buf_puts(out, "20..");
  else
    vb_buf_printf(out, "%d", y);
}
