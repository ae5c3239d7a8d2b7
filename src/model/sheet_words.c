/* The words officers type in the cells of an indicator table: yes and no as
 * assessments ("Có", "Đạt", "Chưa đảm bảo"), and targets with their
 * comparison ("≥ 90%", "trên 90%", "tối thiểu 70%"). */
#include <string.h>

#include "model/sheet_internal.h"
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

int mdl_yesno(const char *s) {
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

int mdl_target(const char *s, const char **op, double *value, int *percent) {
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

const char *mdl_assessment_word(int met) { return met ? "Đạt" : "Chưa đạt"; }
