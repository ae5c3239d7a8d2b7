/* A fraction and the percentage stated with it ("giải quyết 2.106/4.210
 * hồ sơ, đạt 50,0%"): the percentage must be the fraction, rounded to the
 * digits written (a truncated one is a hint). "trên", "dưới", "gần" are
 * read as such and "khoảng" is tolerated. A share cannot exceed 100%: a
 * numerator above its denominator, or "tỷ lệ 120%", is reported. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "proof/numbers.h"
#include "proof/proof.h"
#include "proof/text.h"
#include "util/buf.h"
#include "vi/vi.h"

/* Words that make a percentage about something other than the fraction. */
static const char *const elsewhere[] = {"so với",   "kế hoạch",      "cùng kỳ",  "tăng",    "giảm",
                                        "mục tiêu", "chỉ tiêu giao", "trong đó", "còn lại", NULL};

static int mentions(const char *s, size_t a, size_t b, const char *const *words) {
  if (b <= a) return 0;
  for (int i = 0; words[i]; i++) {
    size_t m;
    if (pt_find(s + a, b - a, words[i], &m) != (size_t)-1) return 1;
  }
  return 0;
}

/* The end of the next three words after `at` (for "… 64% so với …"). */
static size_t words_after(const char *s, size_t n, size_t at, int k) {
  size_t i = at;
  int words = 0, in = 0;
  while (i < n) {
    if (pn_clause_end(s, n, i)) break;
    size_t j = i;
    uint32_t c = pt_next(s, n, &j);
    if (pt_letter(c)) {
      if (!in && ++words > k) break;
      in = 1;
    } else {
      in = 0;
    }
    i = j;
  }
  return i;
}

static int introduced(const char *s, size_t a, size_t b) {
  static const char *const intro[] = {"đạt", "tỷ lệ", "tỉ lệ", "chiếm", "bằng", "là", NULL};
  size_t from = b > a + 24 ? b - 24 : a;
  while (from > a && ((unsigned char)s[from] & 0xC0) == 0x80)
    from--;
  for (size_t k = b; k > a; k--)
    if (s[k - 1] == '(' || s[k - 1] == '=')
      return 1;
    else if (s[k - 1] != ' ')
      break;
  return mentions(s, from, b, intro);
}

static int clause_between(const char *s, size_t n, size_t a, size_t b) {
  for (size_t i = a; i < b && i < n; i++)
    if (pn_clause_end(s, n, i)) return 1;
  return 0;
}

static const char *pct(vb_proof *p, double v, int decimals) {
  vb_buf b = VB_BUF_INIT;
  vi_format_percent_fixed(&b, v, decimals);
  const char *s = proof_printf(p, "%s", vb_buf_cstr(&b));
  vb_buf_free(&b);
  return s;
}

static void check_pair(vb_proof *p, long para, const char *s, const pn_num *f, const pn_num *q,
                       size_t a, size_t z) {
  if (f->den <= 0) return;
  double truth = f->value / f->den * 100.0;
  const char *frac = proof_printf(p, "%.*s", (int)f->len, s + f->off);
  const char *said = proof_printf(p, "%.*s", (int)q->len, s + q->off);
  if (f->value > f->den) {
    proof_report(p, "so-lieu.vuot-100", para, a, z - a, NULL,
                 "%s: tử số lớn hơn mẫu số, tỷ lệ %s vượt quá 100%%", frac, pct(p, truth, 1));
  }
  int d = q->decimals;
  /* compared as doubles holding whole numbers: a fraction of a huge
   * numerator gives a rate no integer type holds */
  if (d > 6 || !(truth < 1e12)) return;
  double scale = pow(10, d);
  double rounded = floor(truth * scale + 0.5 + 1e-9);
  double truncated = floor(truth * scale + 1e-9);
  double stated = q->value;
  int show = d > 0 ? d : 1;
  const char *want = pct(p, floor(truth * pow(10, show) + 0.5 + 1e-9) / pow(10, show), show);
  switch (q->qual) {
  case PN_ABOVE:
    if (truth <= stated)
      proof_report(p, "so-lieu.ty-le", para, a, z - a, want, "%s = %s, không phải trên %s", frac,
                   want, said);
    return;
  case PN_BELOW:
    if (truth >= stated)
      proof_report(p, "so-lieu.ty-le", para, a, z - a, want, "%s = %s, không phải dưới %s", frac,
                   want, said);
    return;
  case PN_NEAR:
    if (truth > stated + 0.5 || truth < stated - 5)
      proof_report(p, "so-lieu.ty-le", para, a, z - a, want, "%s = %s, không phải gần %s", frac,
                   want, said);
    return;
  case PN_ABOUT: {
    double tol = stated * 0.05 > 1 ? stated * 0.05 : 1;
    if (fabs(truth - stated) > tol)
      proof_report(p, "so-lieu.ty-le", para, a, z - a, want, "%s = %s, khác xa khoảng %s", frac,
                   want, said);
    return;
  }
  default: break;
  }
  if (rounded == (double)q->scaled) {
    if (d == 0 && q->scaled == 100 && f->value < f->den) {
      proof_finding *h = proof_report(p, "so-lieu.ty-le", para, a, z - a, want,
                                      "%s chưa đủ nhưng văn bản ghi %s (làm tròn lên từ %s), dễ "
                                      "hiểu là đã đạt hết",
                                      frac, said, want);
      if (h) h->level = VB_LEVEL_HINT;
    }
    return;
  }
  const char *exact = pct(p, rounded / scale, d);
  if (truncated == (double)q->scaled) {
    proof_finding *h =
        proof_report(p, "so-lieu.ty-le", para, a, z - a, exact,
                     "%s = %s: làm tròn được %s, văn bản ghi %s (bỏ bớt chữ số thay vì làm tròn)",
                     frac, pct(p, truth, d + 2), exact, said);
    if (h) h->level = VB_LEVEL_HINT;
    return;
  }
  proof_report(p, "so-lieu.ty-le", para, a, z - a, want, "%s = %s nhưng văn bản ghi %s", frac, want,
               said);
}

/* A fraction and a range stated with it ("đạt từ 45% đến 55%", "85–95%"):
 * the rate, rounded to the digits of each end, must fall inside. */
static void check_range(vb_proof *p, long para, const char *s, const pn_num *f, const pn_num *lo,
                        const pn_num *hi, size_t a, size_t z) {
  if (f->den <= 0 || lo->decimals > 6 || hi->decimals > 6) return;
  double truth = f->value / f->den * 100.0;
  const char *frac = proof_printf(p, "%.*s", (int)f->len, s + f->off);
  if (f->value > f->den)
    proof_report(p, "so-lieu.vuot-100", para, a, z - a, NULL,
                 "%s: tử số lớn hơn mẫu số, tỷ lệ %s vượt quá 100%%", frac, pct(p, truth, 1));
  double low = lo->value - 0.5 * pow(10, -lo->decimals);
  double high = hi->value + 0.5 * pow(10, -hi->decimals);
  if (lo->qual == PN_ABOUT) {
    low -= lo->value * 0.05 > 1 ? lo->value * 0.05 : 1;
    high += hi->value * 0.05 > 1 ? hi->value * 0.05 : 1;
  }
  if (truth >= low - 1e-9 && truth < high - 1e-9) return;
  int show = hi->decimals > 0 ? hi->decimals : 1;
  const char *want = pct(p, floor(truth * pow(10, show) + 0.5 + 1e-9) / pow(10, show), show);
  proof_report(p, "so-lieu.ty-le", para, a, z - a, want, "%s = %s, ngoài khoảng %.*s–%.*s", frac,
               want, (int)lo->len, s + lo->off, (int)hi->len, s + hi->off);
}

static void shares(vb_proof *p, long para, const char *s, size_t n, const pn_num *t, size_t nt,
                   const unsigned char *paired) {
  for (size_t i = 0; i < nt; i++) {
    const pn_num *q = &t[i];
    if (q->kind != PN_PERCENT || paired[i] || q->value <= 100 || q->qual == PN_ABOVE ||
        q->range == PN_RANGE_HIGH)
      continue;
    /* "tỷ lệ 120%" / "chiếm 120%", not "… 120% so với kế hoạch" */
    size_t from = q->off > 80 ? q->off - 80 : 0;
    size_t m;
    size_t at = pt_find(s + from, q->off - from, "tỷ lệ", &m);
    if (at == (size_t)-1) at = pt_find(s + from, q->off - from, "tỉ lệ", &m);
    if (at == (size_t)-1) at = pt_find(s + from, q->off - from, "chiếm", &m);
    if (at == (size_t)-1) continue;
    int digits;
    if (pn_words(s, from + at + m, q->off, &digits) > 8 || digits) continue;
    /* a range is reported whole ("105–110%") */
    size_t qend = q->off + q->len;
    if (q->range == PN_RANGE_LOW && i + 1 < nt) qend = t[i + 1].off + t[i + 1].len;
    size_t end = words_after(s, n, qend, 3);
    if (mentions(s, qend, end, elsewhere)) continue;
    proof_report(p, "so-lieu.vuot-100", para, from + at, qend - from - at, NULL,
                 "tỷ lệ %.*s vượt quá 100%%: một phần không thể lớn hơn cái toàn thể",
                 (int)(qend - q->off), s + q->off);
  }
}

void proof_prose_ratio(vb_proof *p) {
  vb_doc *doc = p->doc;
  unsigned char *paired = NULL;
  size_t paired_cap = 0;
  for (size_t pi = 0; pi < doc->nbody; pi++) {
    const vb_doc_para *pp = &doc->paras[pi];
    if (pp->len < 3) continue;
    const char *s = pp->text;
    size_t n = pp->len;
    size_t nt;
    const pn_num *t = proof_numbers(p, pi, &nt);
    if (nt > paired_cap) {
      paired_cap = nt;
      paired = vb_xrealloc(paired, paired_cap);
    }
    if (nt) memset(paired, 0, nt);
    for (size_t i = 0; i < nt; i++) {
      if (t[i].kind != PN_FRACTION) continue;
      /* forward: "a/b … đạt X%" (or a range "X–Y%") */
      if (i + 1 < nt && t[i + 1].kind == PN_PERCENT && !paired[i + 1] &&
          (t[i + 1].range != PN_RANGE_LOW || i + 2 < nt)) {
        const pn_num *q = &t[i + 1];
        const pn_num *hi = q->range == PN_RANGE_LOW ? &t[i + 2] : NULL;
        size_t a = t[i].off + t[i].len, b = q->off;
        int digits;
        int words = pn_words(s, a, b, &digits);
        size_t after = words_after(s, n, q->off + q->len, 3);
        /* a percentage introduced as one ("đạt", "tỷ lệ", "chiếm", "(") may
         * come after a long description of what was counted */
        int limit = introduced(s, a, b) ? 25 : 8;
        if (hi) after = words_after(s, n, hi->off + hi->len, 3);
        if (words <= limit && !digits && !clause_between(s, n, a, b) &&
            !mentions(s, a, b, elsewhere) &&
            !mentions(s, (hi ? hi : q)->off + (hi ? hi : q)->len, after, elsewhere)) {
          paired[i] = paired[i + 1] = 1;
          if (hi) {
            paired[i + 2] = 1;
            check_range(p, (long)pi, s, &t[i], q, hi, t[i].off, hi->off + hi->len);
          } else {
            check_pair(p, (long)pi, s, &t[i], q, t[i].off, q->off + q->len);
          }
          continue;
        }
      }
      /* backward: "X% (a/b)" */
      if (i > 0 && t[i - 1].kind == PN_PERCENT && !paired[i - 1]) {
        const pn_num *q = &t[i - 1];
        size_t a = q->off + q->len, b = t[i].off;
        int only_paren = 1;
        for (size_t k = a; k < b; k++)
          if (s[k] != ' ' && s[k] != '(') only_paren = 0;
        if (only_paren && b > a && memchr(s + a, '(', b - a)) {
          paired[i] = paired[i - 1] = 1;
          if (q->range == PN_RANGE_HIGH && i >= 2) {
            paired[i - 2] = 1;
            check_range(p, (long)pi, s, &t[i], &t[i - 2], q, t[i - 2].off, t[i].off + t[i].len);
          } else {
            check_pair(p, (long)pi, s, &t[i], q, q->off, t[i].off + t[i].len);
          }
        }
      }
    }
    /* a fraction above 1 given as a share ("44956/5022 người … đạt") */
    for (size_t i = 0; i < nt; i++) {
      if (t[i].kind != PN_FRACTION || paired[i] || t[i].value <= t[i].den || t[i].den <= 0)
        continue;
      size_t end = words_after(s, n, t[i].off + t[i].len, 6);
      size_t m;
      size_t from = t[i].off > 30 ? t[i].off - 30 : 0;
      int share = pt_find(s + t[i].off, end - t[i].off, "đạt", &m) != (size_t)-1 ||
                  pt_find(s + from, t[i].off - from, "tỷ lệ", &m) != (size_t)-1;
      if (share)
        proof_report(p, "so-lieu.vuot-100", (long)pi, t[i].off, t[i].len, NULL,
                     "%.*s: tử số lớn hơn mẫu số, tỷ lệ vượt quá 100%%", (int)t[i].len,
                     s + t[i].off);
    }
    shares(p, (long)pi, s, n, t, nt, paired);
  }
  free(paired);
}
