/* Numbers, percentages and section numbering with Vietnamese conventions. */
#include <pthread.h>

#include "test.h"
#include "util/buf.h"
#include "vi/vi.h"

static vb_buf out = VB_BUF_INIT;

static const char *num(double x, int min_frac, int max_frac) {
  vb_buf_clear(&out);
  vi_format_number(&out, x, min_frac, max_frac);
  return vb_buf_cstr(&out);
}

static const char *pct(double x, int max_frac) {
  vb_buf_clear(&out);
  vi_format_percent(&out, x, max_frac);
  return vb_buf_cstr(&out);
}

static const char *pct_fixed(double x, int frac) {
  vb_buf_clear(&out);
  vi_format_percent_fixed(&out, x, frac);
  return vb_buf_cstr(&out);
}

static const char *roman(int n) {
  vb_buf_clear(&out);
  vi_roman(&out, n);
  return vb_buf_cstr(&out);
}

static const char *letter(int n) {
  vb_buf_clear(&out);
  vi_letter(&out, n);
  return vb_buf_cstr(&out);
}

/* Two rendering threads share the cached formatters; each checks its own results. */
static void *format_in_thread(void *arg) {
  long seed = (long)(size_t)arg;
  long failures = 0;
  vb_buf b = VB_BUF_INIT;
  for (int i = 0; i < 300; i++) {
    vb_buf_clear(&b);
    vi_format_number(&b, seed ? 2092423000.0 : 41.65, 0, seed ? 0 : 1);
    failures += strcmp(vb_buf_cstr(&b), seed ? "2.092.423.000" : "41,7") != 0;
    vb_buf_clear(&b);
    vi_spell_number(&b, seed ? 1000005 : 24, seed ? VI_WORDS_LE : 0);
    failures += strcmp(vb_buf_cstr(&b), seed ? "một triệu không trăm lẻ năm" : "hai mươi tư") != 0;
    vb_buf_clear(&b);
    vi_upper(&b, "đ");
    failures += strcmp(vb_buf_cstr(&b), "Đ") != 0;
    failures += vi_collate(seed ? "ă" : "đ", seed ? "â" : "e") >= 0;
  }
  vb_buf_free(&b);
  return (void *)(size_t)failures;
}

int main(void) {
  /* Grouping with "." from 4 digits on, "," as the decimal mark. */
  CHECK_STR(num(2092423000, 0, 0), "2.092.423.000");
  CHECK_STR(num(2335, 0, 0), "2.335");
  CHECK_STR(num(1000, 0, 0), "1.000");
  CHECK_STR(num(999, 0, 0), "999");
  CHECK_STR(num(0, 0, 2), "0");
  CHECK_STR(num(58.6, 0, 1), "58,6");
  CHECK_STR(num(41.29, 0, 2), "41,29");
  CHECK_STR(num(-1234.5, 0, 1), "-1.234,5");
  CHECK_STR(num(1234567.891, 0, 2), "1.234.567,89");
  CHECK_STR(num(1e15, 0, 0), "1.000.000.000.000.000");

  /* Half-up rounding on the shortest decimal form, not ICU's default half-even. */
  CHECK_STR(num(41.65, 0, 1), "41,7");
  CHECK_STR(num(0.125, 0, 2), "0,13");
  CHECK_STR(num(1.005, 0, 2), "1,01");
  CHECK_STR(num(2.5, 0, 0), "3");
  CHECK_STR(num(0.5, 0, 0), "1");
  CHECK_STR(num(-2.5, 0, 0), "-3");
  CHECK_STR(num(41.64, 0, 1), "41,6");

  /* min_frac keeps zeros; trailing zeros past it go; min > max raises max. */
  CHECK_STR(num(58.6, 2, 2), "58,60");
  CHECK_STR(num(5, 1, 3), "5,0");
  CHECK_STR(num(5.25, 0, 3), "5,25");
  CHECK_STR(num(1.5, 2, 0), "1,50");

  /* A small negative that rounds to zero has no sign. */
  CHECK_STR(num(-0.04, 0, 1), "0");
  CHECK_STR(num(-0.0, 0, 0), "0");
  CHECK_STR(num(-0.004, 2, 2), "0,00");
  CHECK_STR(num(-0.05, 0, 1), "-0,1");

  /* Appends rather than replaces. */
  vb_buf_clear(&out);
  vb_buf_puts(&out, "Tổng: ");
  vi_format_number(&out, 1500, 0, 0);
  CHECK_STR(vb_buf_cstr(&out), "Tổng: 1.500");

  /* Percentages: already x100, no space before %. */
  CHECK_STR(pct(58.6, 1), "58,6%");
  CHECK_STR(pct(100, 1), "100%");
  CHECK_STR(pct(100.0, 2), "100%");
  CHECK_STR(pct(41.666, 1), "41,7%");
  CHECK_STR(pct(63.0, 1), "63%");
  CHECK_STR(pct(0, 1), "0%");
  CHECK_STR(pct(1234.5, 1), "1.234,5%");
  CHECK_STR(pct(-3.25, 1), "-3,3%");
  CHECK_STR(pct_fixed(63.0, 1), "63,0%");
  CHECK_STR(pct_fixed(41.666, 2), "41,67%");
  CHECK_STR(pct_fixed(12.345, 2), "12,35%");
  CHECK_STR(pct_fixed(100, 0), "100%");
  CHECK_STR(pct_fixed(99.96, 1), "100,0%");

  /* Roman numerals for phần and mục. */
  CHECK_STR(roman(1), "I");
  CHECK_STR(roman(2), "II");
  CHECK_STR(roman(4), "IV");
  CHECK_STR(roman(9), "IX");
  CHECK_STR(roman(14), "XIV");
  CHECK_STR(roman(40), "XL");
  CHECK_STR(roman(49), "XLIX");
  CHECK_STR(roman(90), "XC");
  CHECK_STR(roman(2024), "MMXXIV");
  CHECK_STR(roman(3999), "MMMCMXCIX");
  CHECK_STR(roman(0), "0");
  CHECK_STR(roman(4000), "4000");

  /* Letters for điểm: đ after d, no f j w z. */
  const char *letters[] = {"a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
                           "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"};
  for (int i = 0; i < 23; i++)
    CHECK_STR(letter(i + 1), letters[i]);
  CHECK_STR(letter(24), "aa");
  CHECK_STR(letter(25), "ab");
  CHECK_STR(letter(28), "ađ");
  CHECK_STR(letter(46), "ay");
  CHECK_STR(letter(47), "ba");
  CHECK_STR(letter(0), "0");

  /* The shared caches under two threads at once. */
  pthread_t threads[2];
  for (long i = 0; i < 2; i++)
    CHECK(pthread_create(&threads[i], NULL, format_in_thread, (void *)(size_t)i) == 0);
  for (int i = 0; i < 2; i++) {
    void *failures = NULL;
    CHECK(pthread_join(threads[i], &failures) == 0);
    CHECK(failures == NULL);
  }

  vb_buf_free(&out);
  vi_cleanup();
  TEST_MAIN_END();
}
