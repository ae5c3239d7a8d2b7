/* Document lists (a table with a date column, as in "Danh mục các văn bản"):
 * a list kept in time order must stay in order, no document can be dated
 * after the report itself, and one date alone outside the report's year is
 * worth a look. A group of rows (between group headings)
 * counts as kept in time order when at least three of its four steps go
 * forward; each step back is reported with both rows' numbers and dates. */
#include <stdlib.h>
#include <string.h>

#include "proof/layout.h"
#include "proof/proof.h"
#include "proof/text.h"
#include "vi/vi.h"

typedef struct dated {
  long para; /* the date cell's paragraph */
  int row;
  int y, m, d;
  long code_para; /* a cell holding a document number (12/TB-UBND), or -1 */
  int reported;   /* a finding was made at this row */
} dated;

static int cell_date(const vb_doc_para *p, int *y, int *m, int *d) {
  size_t off = 0, len = p->len;
  pt_trim(p->text, &off, &len);
  if (len < 8 || len > 10) return 0;
  char buf[16];
  memcpy(buf, p->text + off, len);
  buf[len] = 0;
  return vi_parse_date(buf, y, m, d) == 0 && *d > 0;
}

static int code_like(const vb_doc_para *p) {
  const char *s = p->text;
  return p->len < 40 && s[0] >= '0' && s[0] <= '9' && memchr(s, '/', p->len) != NULL &&
         memchr(s, '-', p->len) != NULL;
}

static long key(const dated *x) { return (long)x->y * 10000 + x->m * 100 + x->d; }

static const char *label(vb_proof *p, const dated *x) {
  const vb_doc_para *c = x->code_para >= 0 ? &p->doc->paras[x->code_para] : NULL;
  if (c) return proof_printf(p, "%.*s ngày %02d/%02d/%d", (int)c->len, c->text, x->d, x->m, x->y);
  return proof_printf(p, "dòng %d (ngày %02d/%02d/%d)", x->row, x->d, x->m, x->y);
}

static void check_group(vb_proof *p, dated *g, size_t n) {
  if (n < 3) return;
  size_t forward = 0;
  for (size_t i = 1; i < n; i++)
    if (key(&g[i]) >= key(&g[i - 1])) forward++;
  if (forward * 4 < (n - 1) * 3) return;
  for (size_t i = 1; i < n; i++) {
    if (key(&g[i]) >= key(&g[i - 1])) continue;
    proof_report(p, "nhat-quan.ngay-danh-muc", g[i].para, 0, 0, NULL,
                 "%s đứng sau %s: danh mục xếp theo thời gian nhưng ngày này lùi lại",
                 label(p, &g[i]), label(p, &g[i - 1]));
    g[i].reported = 1;
  }
}

/* The year the report is about: the one year its summary names ("6 tháng
 * đầu năm 2024"), or 0 (none, or several: "năm 2023, nhiệm vụ năm 2024",
 * "giai đoạn 2021-2025"). */
static int period_year(vb_proof *p, const proof_layout *l) {
  if (l->trich_first < 0) return 0;
  int year = 0;
  for (long i = l->trich_first; i <= l->trich_last; i++) {
    const vb_doc_para *pp = &p->doc->paras[i];
    for (size_t k = 0; k < pp->len;) {
      if (pp->text[k] < '0' || pp->text[k] > '9') {
        k++;
        continue;
      }
      size_t e = k;
      int v = 0;
      while (e < pp->len && pp->text[e] >= '0' && pp->text[e] <= '9' && e - k < 5)
        v = v * 10 + (pp->text[e++] - '0');
      if (e - k == 4 && v >= 1900 && v <= 2100) {
        if (year && year != v) return 0;
        year = v;
      }
      k = e;
    }
  }
  return year;
}

/* One date of another year in a list whose other dates all fall in the
 * report's year is worth a look (a year mistyped, or a document of another
 * period): a hint, since earlier documents are sometimes listed on purpose. */
static void check_year(vb_proof *p, dated *rows, size_t n, int year) {
  if (!year || n < 4) return;
  size_t out = 0, at = 0;
  for (size_t k = 0; k < n; k++)
    if (rows[k].y != year) out++, at = k;
  if (out != 1 || rows[at].reported) return;
  proof_finding *f =
      proof_report(p, "nhat-quan.ngay-danh-muc", rows[at].para, 0, 0, NULL,
                   "%s thuộc năm %d, các văn bản khác của danh mục đều trong năm %d của báo cáo",
                   label(p, &rows[at]), rows[at].y, year);
  if (f) f->level = VB_LEVEL_HINT;
  rows[at].reported = 1;
}

void proof_doclist(vb_proof *p) {
  if (p->on_data || !proof_on(p, "nhat-quan.ngay-danh-muc")) return;
  vb_doc *doc = p->doc;
  proof_layout *l = proof_layout_get(p);
  dated *rows = vb_xmalloc((doc->nbody + 1) * sizeof *rows);
  for (int t = 1; t <= doc->ntables; t++) {
    size_t n = 0;
    int date_col = 0;
    /* the date column: the one where most rows hold a date */
    int votes[16] = {0};
    for (size_t i = 0; i < doc->nbody; i++) {
      const vb_doc_para *pp = &doc->paras[i];
      int y, m, d;
      if (pp->table == t && pp->cell < 16 && cell_date(pp, &y, &m, &d)) votes[pp->cell]++;
    }
    for (int c = 1; c < 16; c++)
      if (votes[c] > votes[date_col]) date_col = c;
    if (votes[date_col] < 3) continue;
    /* rows in order; a row without a date (a group heading) ends a group */
    size_t gstart = 0;
    int last_row = 0;
    for (size_t i = 0; i < doc->nbody; i++) {
      const vb_doc_para *pp = &doc->paras[i];
      if (pp->table != t || pp->table_level != 1) continue;
      if (pp->row != last_row) {
        /* a new row: did the previous one have a date? */
        if (last_row && (n == gstart || rows[n - 1].row != last_row)) {
          check_group(p, rows + gstart, n - gstart);
          gstart = n;
        }
        last_row = pp->row;
      }
      int y, m, d;
      if (pp->cell == date_col && cell_date(pp, &y, &m, &d)) {
        rows[n] = (dated){(long)i, pp->row, y, m, d, -1, 0};
        for (long k = (long)i - 1;
             k >= 0 && doc->paras[k].table == t && doc->paras[k].row == pp->row; k--)
          if (code_like(&doc->paras[k])) rows[n].code_para = k;
        n++;
      }
    }
    check_group(p, rows + gstart, n - gstart);
    /* nothing dated after the report */
    int after = 0;
    if (l->doc_y) {
      long limit =
          (long)l->doc_y * 10000 + (l->doc_m ? l->doc_m : 12) * 100 + (l->doc_d ? l->doc_d : 31);
      for (size_t k = 0; k < n; k++)
        if (key(&rows[k]) > limit && !rows[k].reported) {
          proof_report(p, "nhat-quan.ngay-danh-muc", rows[k].para, 0, 0, NULL,
                       "%s sau ngày của chính văn bản (%s%s%d)", label(p, &rows[k]),
                       l->doc_d ? proof_printf(p, "%02d/", l->doc_d) : "",
                       l->doc_m ? proof_printf(p, "%02d/", l->doc_m) : "", l->doc_y);
          rows[k].reported = after = 1;
        }
    }
    if (!after) check_year(p, rows, n, period_year(p, l));
  }
  free(rows);
}
