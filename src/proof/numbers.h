/* Numbers in Vietnamese prose: "2.106" (thousands dot), "7,47" (decimal
 * comma), "98.7%" (a decimal typed with a dot), "1.234,5", fractions
 * "2.106/4.210", percentages "50,0 %", with what stands before them
 * ("trên", "gần", "khoảng"). Dates (13/06/2024, 6/2024), document numbers
 * (04/QĐ-UBND, 28-KH/ĐU), heading numbers (1.1.), years, and numbers glued
 * to letters (4G, A4) are told apart and marked as identifiers. */
#ifndef VB_PROOF_NUMBERS_H
#define VB_PROOF_NUMBERS_H
#include <stddef.h>

typedef enum pn_kind { PN_PLAIN, PN_PERCENT, PN_FRACTION } pn_kind;

/* What stands right before the number. */
typedef enum pn_qual {
  PN_EXACT = 0,
  PN_ABOVE, /* trên, hơn, vượt */
  PN_BELOW, /* dưới, chưa đến, không quá */
  PN_NEAR,  /* gần, xấp xỉ */
  PN_ABOUT  /* khoảng, ước, trên dưới */
} pn_qual;

/* An end of a range ("80–90%", "80 - 90%", "từ 80% đến 90%", "10-12 hồ
 * sơ"): the two numbers are kept, marked, and the rules read them as a span,
 * never as two figures. The low end of a percentage range is a percentage. */
typedef enum pn_range { PN_RANGE_NONE = 0, PN_RANGE_LOW, PN_RANGE_HIGH } pn_range;

typedef struct pn_num {
  pn_kind kind;
  size_t off, len;                  /* the token, with its "%" or both parts of a fraction */
  double value;                     /* the number (a fraction's numerator) */
  double den;                       /* a fraction's denominator */
  int decimals;                     /* digits after the decimal mark */
  long long scaled;                 /* value × 10^decimals, exact (for comparing percentages) */
  unsigned char dot_decimal;        /* a decimal written with a dot: 98.7 */
  unsigned char grouped;            /* written with thousands separators */
  unsigned char long_plain;         /* five or more digits without separators */
  unsigned char id;                 /* an identifier, not a quantity */
  unsigned char has_thousand_comma; /* 1,234,567 written the English way */
  pn_qual qual;
  unsigned char range; /* pn_range; the other end is the next (LOW) or previous (HIGH) number */
  size_t unit_off, unit_len; /* the word right after the number (its unit), or 0 */
} pn_num;

/* Scan n bytes of text; at most max numbers. Returns how many. */
size_t pn_scan(const char *s, size_t n, pn_num *out, size_t max);

/* Is s[i] the end of a clause: ";", "!", "?", a line break, or a full stop
 * that is not inside a number or an abbreviation. */
int pn_clause_end(const char *s, size_t n, size_t i);

/* Letter-words in s[a, b), and whether a digit occurs there. */
int pn_words(const char *s, size_t a, size_t b, int *digits);

/* The lower-case word that ends just before `at` (skipping spaces and
 * "(" ), copied into out (size cap); 0 when there is none. */
int pn_word_before(const char *s, size_t at, char *out, size_t cap);

#endif
