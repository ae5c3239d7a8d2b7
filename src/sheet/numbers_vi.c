/* Figures as Vietnamese officers type them into text cells (and CSV, where
 * everything is text): "2.335" is two thousand three hundred thirty-five, not
 * two point three; "58,6%" is a percentage with a decimal comma; "2335/3986"
 * a fraction. Words with a meaning in a report ("Đạt", "trên 90%") are the
 * model's (src/model/sheet_words.c). */
#include <stdlib.h>
#include <string.h>

#include "sheet/sheet.h"

/* Skip ASCII blanks and NO-BREAK SPACE (U+00A0), which Excel likes. */
static const char *skip_blank(const char *s) {
  for (;;) {
    if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
      s++;
    else if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
      s += 2;
    else
      return s;
  }
}

static int digit(char c) { return c >= '0' && c <= '9'; }

/* Parse a number at *ps (no blanks inside but thousands separators) and move
 * *ps past it. */
static int number_at(const char **ps, double *out) {
  const char *s = *ps;
  char buf[80];
  size_t n = 0;
  int neg = 0;
  if (*s == '-' || *s == '+')
    neg = *s++ == '-';
  else if (!strncmp(s, "\xE2\x88\x92", 3))
    neg = 1, s += 3; /* U+2212 MINUS SIGN */
  if (!digit(*s)) return -1;
  /* Integer part: digits, possibly grouped by "." (or a space) in threes. */
  const char *p = s;
  size_t lead = 0;
  while (digit(*p))
    lead++, p++;
  int grouped = 0;
  while ((*p == '.' || *p == ' ') && digit(p[1]) && digit(p[2]) && digit(p[3]) && !digit(p[4]) &&
         lead <= 3 && (grouped || lead >= 1)) {
    /* "2.335": a group of exactly three digits after the separator. A second
     * group must follow the same rule ("1.234.567"). */
    grouped = 1;
    p += 4;
  }
  if (grouped) {
    for (const char *q = s; q < p; q++)
      if (digit(*q) && n < sizeof buf - 2) buf[n++] = *q;
  } else {
    if (lead >= sizeof buf - 2) return -1;
    memcpy(buf, s, lead);
    n = lead;
  }
  /* Fraction: "," always; "." only when it was not a thousands separator. */
  if ((*p == ',' || (*p == '.' && !grouped)) && digit(p[1])) {
    buf[n++] = '.';
    p++;
    while (digit(*p) && n < sizeof buf - 1)
      buf[n++] = *p++;
    if (digit(*p)) return -1;
  }
  buf[n] = '\0';
  *out = strtod(buf, NULL) * (neg ? -1 : 1);
  *ps = p;
  return 0;
}

int vb_vi_number(const char *s, double *out, int *percent) {
  const char *p = skip_blank(s);
  double v;
  if (number_at(&p, &v) != 0) return -1;
  p = skip_blank(p);
  int pct = 0;
  if (*p == '%') pct = 1, p++;
  p = skip_blank(p);
  if (*p) return -1;
  *out = v;
  if (percent) *percent = pct;
  return 0;
}

int vb_vi_fraction(const char *s, double *tu, double *mau) {
  const char *p = skip_blank(s);
  double a, b;
  if (number_at(&p, &a) != 0) return -1;
  p = skip_blank(p);
  if (*p != '/') return -1;
  p = skip_blank(p + 1);
  if (number_at(&p, &b) != 0) return -1;
  p = skip_blank(p);
  if (*p) return -1;
  *tu = a, *mau = b;
  return 0;
}

int vb_vi_looks_numeric(const char *s) {
  int digits = 0;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (digit((char)*p))
      digits++;
    else if (strchr(" .,%/<>=+-\t\n", *p))
      continue;
    else if (p[0] == 0xC2 && p[1] == 0xA0)
      p++;
    else if (p[0] == 0xE2 && p[1] == 0x89 && (p[2] == 0xA5 || p[2] == 0xA4))
      p += 2; /* ≥ ≤ */
    else
      return 0;
  }
  return digits > 0;
}
