/* Parts that must add up to the total stated with them:
 *  - "gồm" lists the whole: its parts sum to the total;
 *  - "trong đó" and a breakdown in parentheses right after a total list
 *    some of it: their parts cannot sum to more than the total;
 *  - an indicator summary ("Chỉ tiêu đạt: 8/8", "đang triển khai: 01",
 *    "không hoàn thành: 0") adds up to its total, and the group lists as
 *    many indicators as the summary says.
 * Only numbers counting the same thing (the same word after them, "hồ sơ",
 * "TTHC") are added; fractions, percentages and identifiers are not parts. */
#include <stdlib.h>
#include <string.h>

#include "proof/numbers.h"
#include "proof/proof.h"
#include "proof/text.h"
#include "util/buf.h"

static int same_unit(const char *s, const pn_num *a, const pn_num *b) {
  if (!a->unit_len || !b->unit_len) return 0;
  vb_buf x = VB_BUF_INIT, y = VB_BUF_INIT;
  pt_key(&x, s + a->unit_off, a->unit_len);
  pt_key(&y, s + b->unit_off, b->unit_len);
  int eq = x.data && y.data && !strcmp(x.data, y.data);
  vb_buf_free(&x);
  vb_buf_free(&y);
  return eq;
}

static int countable(const pn_num *t) {
  return t->kind == PN_PLAIN && !t->id && t->decimals == 0 && t->qual == PN_EXACT && !t->range;
}

static const char *num_text(vb_proof *p, const char *s, const pn_num *t) {
  return proof_printf(p, "%.*s", (int)t->len, s + t->off);
}

/* The start of the clause before the one containing `at`. */
static size_t two_clauses_back(const char *s, size_t n, size_t at) {
  int seen = 0;
  for (size_t i = at; i > 0; i--)
    if (pn_clause_end(s, n, i - 1) && i - 1 + 1 < at) {
      if (++seen == 2) return i;
    }
  return 0;
}

static void report_sum(vb_proof *p, long para, const char *s, const pn_num *total,
                       const pn_num *parts, size_t np, size_t zend, int exact) {
  double sum = 0;
  for (size_t k = 0; k < np; k++)
    sum += parts[k].value;
  if (exact ? sum == total->value : sum <= total->value) return;
  vb_buf b = VB_BUF_INIT;
  for (size_t k = 0; k < np; k++) {
    if (k) vb_buf_puts(&b, " + ");
    vb_buf_put(&b, s + parts[k].off, parts[k].len);
  }
  proof_report(p, "so-lieu.tong", para, total->off, zend - total->off, NULL,
               exact ? "các phần %s = %.0f, nhưng tổng ghi %s"
                     : "các phần %s = %.0f, nhiều hơn tổng %s",
               vb_buf_cstr(&b), sum, num_text(p, s, total));
  vb_buf_free(&b);
}

static void enumerations(vb_proof *p, long para, const char *s, size_t n, const pn_num *t,
                         size_t nt) {
  static const struct {
    const char *word, *lo, *up; /* the word, and a part of it in both cases */
    int exact;
  } markers[] = {
      {"bao gồm", "ồm", "ỒM", 1}, {"gồm", "ồm", "ỒM", 1}, {"trong đó", "rong", "RONG", 0}};
  pn_num parts[32];
  for (size_t mi = 0; mi < 3; mi++) {
    if (!pt_has(s, n, markers[mi].lo, markers[mi].up)) continue;
    size_t from = 0, ml;
    for (;;) {
      size_t at = pt_find(s + from, n - from, markers[mi].word, &ml);
      if (at == (size_t)-1) break;
      at += from;
      from = at + ml;
      if (mi == 1 && at >= 4 && !strncmp(s + at - 4, "bao ", 4)) continue;
      /* the total: the nearest count before, in this clause or the one before */
      size_t lo = two_clauses_back(s, n, at);
      const pn_num *total = NULL;
      for (size_t k = 0; k < nt && t[k].off < at; k++)
        if (t[k].off >= lo && countable(&t[k]))
          total = &t[k];
        else if (t[k].off >= lo && t[k].range)
          total = NULL; /* the nearest count is a range: no exact total */
      if (!total) continue;
      /* the parts: counts of the same thing up to the end of the clause */
      size_t end = from;
      while (end < n && !pn_clause_end(s, n, end))
        end++;
      size_t np = 0;
      int span = 0; /* a part given as a range cannot be added */
      for (size_t k = 0; k < nt; k++) {
        if (t[k].off < from || t[k].off >= end) continue;
        if (t[k].range) span = 1;
        if (countable(&t[k]) && same_unit(s, &t[k], total) && np < 32) parts[np++] = t[k];
      }
      if (span || np == 0 || (markers[mi].exact && np < 2)) continue;
      report_sum(p, para, s, total, parts, np, end, markers[mi].exact);
    }
  }
  /* "41 hồ sơ. (Đã giải quyết đúng hẹn: 48 hồ sơ; đang giải quyết 3 hồ sơ)" */
  for (size_t k = 0; k < nt; k++) {
    if (!countable(&t[k]) || !t[k].unit_len) continue;
    size_t i = t[k].unit_off + t[k].unit_len;
    /* the rest of the unit ("hồ sơ") and at most a full stop */
    size_t j = i;
    while (j < n && j < i + 12 && s[j] != '(' && s[j] != ';' && s[j] != ',')
      j++;
    if (j >= n || s[j] != '(') continue;
    int words = pn_words(s, i, j, NULL);
    if (words > 1) continue;
    size_t close = j + 1;
    while (close < n && s[close] != ')')
      close++;
    if (close >= n) continue;
    size_t np = 0;
    int span = 0;
    for (size_t q = k + 1; q < nt && t[q].off < close; q++) {
      if (t[q].off > j && t[q].range) span = 1;
      if (t[q].off > j && countable(&t[q]) && same_unit(s, &t[q], &t[k]) && np < 32)
        parts[np++] = t[q];
    }
    if (span || np == 0) continue;
    report_sum(p, para, s, &t[k], parts, np, close + 1, 0);
  }
}

/* ---- indicator summaries ---- */

/* The number after `word` (and an optional ":") in paragraph text, or -1. */
static long number_after(const char *s, size_t n, const char *word, size_t *where) {
  size_t ml;
  size_t at = pt_find(s, n, word, &ml);
  if (at == (size_t)-1) return -1;
  size_t i = at + ml;
  while (i < n && (s[i] == ' ' || s[i] == ':'))
    i++;
  if (i >= n || s[i] < '0' || s[i] > '9') return -1;
  long v = 0;
  while (i < n && s[i] >= '0' && s[i] <= '9' && v < 100000)
    v = v * 10 + (s[i++] - '0');
  if (i < n && (s[i] == '/' || s[i] == '.' || s[i] == ',')) return -1;
  if (where) *where = at;
  return v;
}

static int heading_number(const char *s, size_t n, long *a, long *b) {
  /* "4. …" → a=4, b=-1; "4.3. …" → a=4, b=3 */
  size_t i = 0;
  while (i < n && s[i] == ' ')
    i++;
  long x = 0, y = -1;
  size_t d = 0;
  while (i < n && s[i] >= '0' && s[i] <= '9' && d < 4)
    x = x * 10 + (s[i++] - '0'), d++;
  if (!d || i >= n || s[i] != '.') return 0;
  i++;
  if (i < n && s[i] >= '0' && s[i] <= '9') {
    y = 0;
    d = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9' && d < 4)
      y = y * 10 + (s[i++] - '0'), d++;
    if (i >= n || s[i] != '.') return 0;
    i++;
  }
  if (i < n && s[i] != ' ') return 0;
  *a = x;
  *b = y;
  return 1;
}

static int roman_heading(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && (s[i] == 'I' || s[i] == 'V' || s[i] == 'X'))
    i++;
  return i > 0 && i + 1 < n && s[i] == '.' && s[i + 1] == ' ';
}

static void summaries(vb_proof *p) {
  vb_doc *doc = p->doc;
  for (size_t i = 0; i < doc->nbody; i++) {
    const vb_doc_para *pp = &doc->paras[i];
    size_t ml;
    size_t at = pt_find(pp->text, pp->len, "chỉ tiêu đạt", &ml);
    if (at == (size_t)-1) continue;
    const char *s = pp->text;
    size_t k = at + ml;
    while (k < pp->len && (s[k] == ' ' || s[k] == ':'))
      k++;
    pn_num t[4];
    size_t nt = pn_scan(s + k, pp->len - k, t, 4);
    if (!nt || t[0].kind != PN_FRACTION || t[0].off > 2) continue;
    if (t[0].value > 1e6 || t[0].den > 1e6) continue; /* no group has a million indicators */
    long done = (long)t[0].value, total = (long)t[0].den;
    long going = -1, failed = -1;
    size_t last = i;
    for (size_t j = i; j < doc->nbody && j <= i + 4; j++) {
      const vb_doc_para *q = &doc->paras[j];
      long v;
      if (going < 0 && (v = number_after(q->text, q->len, "đang triển khai", NULL)) >= 0)
        going = v, last = j;
      if (failed < 0 && ((v = number_after(q->text, q->len, "không hoàn thành", NULL)) >= 0 ||
                         (v = number_after(q->text, q->len, "chưa hoàn thành", NULL)) >= 0))
        failed = v, last = j;
    }
    if (going >= 0 && failed >= 0 && done + going + failed != total) {
      proof_finding *f = proof_report(
          p, "so-lieu.tong", (long)i, at, pp->len - at, NULL,
          "tóm tắt: %ld đạt + %ld đang triển khai + %ld không hoàn thành = %ld chỉ tiêu, nhưng "
          "tổng ghi %ld",
          done, going, failed, done + going + failed, total);
      (void)f;
    }
    /* the group's own heading ("1. Chính quyền số") and its items 1.1, 1.2 … */
    long group = -1;
    for (long j = (long)i - 1; j >= 0 && j >= (long)i - 3; j--) {
      long a, b;
      if (heading_number(doc->paras[j].text, doc->paras[j].len, &a, &b) && b < 0) {
        group = a;
        break;
      }
    }
    if (group < 0) continue;
    long count = 0;
    int clean_end = 0;
    for (size_t j = last + 1; j < doc->nbody; j++) {
      const vb_doc_para *q = &doc->paras[j];
      long a, b;
      if (q->table) continue;
      if (roman_heading(q->text, q->len)) {
        clean_end = 1;
        break;
      }
      if (!heading_number(q->text, q->len, &a, &b)) continue;
      if (b < 0) {
        clean_end = a == group + 1;
        break;
      }
      if (a != group || b != count + 1) break;
      count++;
      if (j + 1 == doc->nbody) clean_end = 1;
    }
    if (clean_end && count > 0 && count != total)
      proof_report(p, "so-lieu.tong", (long)i, at, pp->len - at, NULL,
                   "tóm tắt ghi %ld chỉ tiêu nhưng mục %ld liệt kê %ld (%ld.1–%ld.%ld)", total,
                   group, count, group, group, count);
  }
}

void proof_prose_sum(vb_proof *p) {
  vb_doc *doc = p->doc;
  for (size_t i = 0; i < doc->nbody; i++) {
    const vb_doc_para *pp = &doc->paras[i];
    if (pp->len < 10) continue;
    size_t nt;
    const pn_num *t = proof_numbers(p, i, &nt);
    if (nt >= 2) enumerations(p, (long)i, pp->text, pp->len, t, nt);
  }
  /* a data file's summaries are computed (and its tom_tat checked by the model) */
  if (!p->on_data) summaries(p);
}
