/* Figures as Vietnamese officers type them into text cells (and CSV, where
 * everything is text): "2.335" is two thousand three hundred thirty-five, not
 * two point three; "58,6%" is a percentage with a decimal comma; "≥ 90%" and
 * "trên 90%" are targets; "2335/3986" a fraction; "Có" and "Đảm bảo" yes. */
#include <stdlib.h>
#include <string.h>

#include "sheet/sheet.h"
#include "vi/vi.h"

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

/* s lower-cased, trimmed, without a final "." (assessments are often
 * written "Đạt."). */
static void norm(const char *s, vb_buf *out) {
  vb_buf low = VB_BUF_INIT;
  vi_lower(&low, skip_blank(s));
  size_t n = low.len;
  while (n && (low.data[n - 1] == ' ' || low.data[n - 1] == '.' || low.data[n - 1] == '\n'))
    n--;
  vb_buf_put(out, low.data ? low.data : "", n);
  vb_buf_free(&low);
}

int vb_vi_yesno(const char *s) {
  static const char *const yes[] = {"có", "đảm bảo", "bảo đảm", "đạt",  "đáp ứng", "x",
                                    "✓",  "✔",       "yes",     "true", NULL};
  static const char *const no[] = {"không",    "chưa",      "chưa đảm bảo", "không đảm bảo",
                                   "chưa đạt", "không đạt", "chưa đáp ứng", "không đáp ứng",
                                   "chưa có",  "no",        "false",        NULL};
  vb_buf b = VB_BUF_INIT;
  norm(s, &b);
  const char *t = vb_buf_cstr(&b);
  int r = -1;
  for (int i = 0; yes[i] && r < 0; i++)
    if (!strcmp(t, yes[i])) r = 1;
  for (int i = 0; no[i] && r < 0; i++)
    if (!strcmp(t, no[i])) r = 0;
  vb_buf_free(&b);
  return r;
}

int vb_vi_target(const char *s, const char **op, double *value, int *percent) {
  /* Longest prefixes first: ">=" before ">". */
  static const struct {
    const char *word, *op;
  } prefixes[] = {{">=", ">="},        {"≥", ">="},         {"=>", ">="},  {"<=", "<="},
                  {"≤", "<="},         {"=<", "<="},        {">", ">"},    {"<", "<"},
                  {"=", "="},          {"trên", ">"},       {"hơn", ">"},  {"dưới", "<"},
                  {"tối thiểu", ">="}, {"ít nhất", ">="},   {"từ", ">="},  {"không dưới", ">="},
                  {"tối đa", "<="},    {"không quá", "<="}, {"đạt", ">="}, {NULL, NULL}};
  vb_buf b = VB_BUF_INIT;
  norm(s, &b);
  const char *p = vb_buf_cstr(&b);
  const char *found = ">=";
  for (int i = 0; prefixes[i].word; i++) {
    size_t k = strlen(prefixes[i].word);
    if (!strncmp(p, prefixes[i].word, k)) {
      /* Words need a blank after them ("từ 70%"); symbols need none. */
      if ((unsigned char)prefixes[i].word[0] >= 'a' && p[k] != ' ') continue;
      found = prefixes[i].op;
      p += k;
      break;
    }
  }
  int pct = 0;
  double v;
  int rc = vb_vi_number(p, &v, &pct);
  vb_buf_free(&b);
  if (rc != 0) return -1;
  *op = found;
  *value = v;
  *percent = pct;
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
