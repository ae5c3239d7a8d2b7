/* Numbering of document parts: Roman numerals for phần/mục, letters for điểm. */
#include "vi/vi.h"

void vi_roman(vb_buf *out, int n) {
  if (n < 1 || n > 3999) {
    vb_buf_printf(out, "%d", n);
    return;
  }
  static const struct {
    int value;
    const char *numeral;
  } table[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"},
               {40, "XL"},  {10, "X"},   {9, "IX"},  {5, "V"},    {4, "IV"},  {1, "I"}};
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
    while (n >= table[i].value) {
      vb_buf_puts(out, table[i].numeral);
      n -= table[i].value;
    }
  }
}

/* The letters used for điểm, in order (ND 30, Phụ lục I: a, b, c, ... with đ after d,
 * and no f, j, w, z, which are not Vietnamese letters). */
static const char *const point_letters[] = {"a", "b", "c", "d", "đ", "e", "g", "h",
                                            "i", "k", "l", "m", "n", "o", "p", "q",
                                            "r", "s", "t", "u", "v", "x", "y"};
#define POINT_LETTER_COUNT ((int)(sizeof point_letters / sizeof point_letters[0]))

void vi_letter(vb_buf *out, int n) {
  if (n <= 0) {
    vb_buf_printf(out, "%d", n);
    return;
  }
  /* Bijective base 23, like spreadsheet columns: 23 -> y, 24 -> aa. Digits are
   * collected least significant first, then written in reverse. */
  int digits[8];
  int count = 0;
  while (n > 0) {
    n--;
    digits[count++] = n % POINT_LETTER_COUNT;
    n /= POINT_LETTER_COUNT;
  }
  while (count > 0)
    vb_buf_puts(out, point_letters[digits[--count]]);
}
