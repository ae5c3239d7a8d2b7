/* Duplicated rows: two rows of a table with the same text in every cell
 * but the first (the STT column). */
#include <stdlib.h>
#include <string.h>

#include "proof/proof.h"
#include "util/buf.h"

typedef struct rowkey {
  int table, row;
  long first_para;
  char *text;
} rowkey;

static int by_text(const void *a, const void *b) {
  const rowkey *x = a, *y = b;
  int c = x->table - y->table;
  if (c) return c;
  c = strcmp(x->text, y->text);
  if (c) return c;
  return x->row - y->row;
}

void proof_rows(vb_proof *p) {
  if (!proof_on(p, "nhat-quan.dong-trung")) return;
  vb_doc *doc = p->doc;
  rowkey *keys = NULL;
  size_t n = 0, cap = 0;
  vb_buf b = VB_BUF_INIT;
  size_t i = 0;
  while (i < doc->nbody) {
    const vb_doc_para *pp = &doc->paras[i];
    if (!pp->table || pp->table_level != 1) {
      i++;
      continue;
    }
    int t = pp->table, r = pp->row, cell = 0, filled = 0;
    long first = (long)i;
    vb_buf_clear(&b);
    vb_buf_puts(&b, "");
    /* the row's paragraphs (a table nested in a cell comes in between) */
    for (; i < doc->nbody; i++) {
      const vb_doc_para *q = &doc->paras[i];
      if (q->table_level > 1) continue;
      if (q->table != t || q->row != r) break;
      if (q->cell == 1) continue; /* the STT column */
      if (q->cell != cell) {
        vb_buf_printf(&b, "\x1f%d:", q->cell);
        cell = q->cell;
        if (q->len) filled++;
      }
      vb_buf_put(&b, q->text, q->len);
    }
    if (filled < 2 || b.len < 12) continue;
    if (n == cap) {
      cap = cap ? 2 * cap : 64;
      keys = vb_xrealloc(keys, cap * sizeof *keys);
    }
    keys[n++] = (rowkey){t, r, first, vb_xstrndup(b.data, b.len)};
  }
  vb_buf_free(&b);
  if (n > 1) qsort(keys, n, sizeof *keys, by_text);
  for (size_t k = 1; k < n; k++) {
    if (keys[k].table != keys[k - 1].table || strcmp(keys[k].text, keys[k - 1].text) != 0) continue;
    proof_report(p, "nhat-quan.dong-trung", keys[k].first_para, 0, 0, NULL,
                 "dòng %d trùng dòng %d của bảng %d", keys[k].row, keys[k - 1].row, keys[k].table);
  }
  for (size_t k = 0; k < n; k++)
    free(keys[k].text);
  free(keys);
}
