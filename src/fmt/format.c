/* What every format layer's vb_format answers, put to use for places in a
 * document: containers around a node, a row's number in its table. */
#include "fmt/format.h"

xmlNode *vb_fmt_ancestor(const vb_format *fmt, xmlNode *n, vb_container kind) {
  for (xmlNode *p = n ? n->parent : NULL; p && p->type == XML_ELEMENT_NODE; p = p->parent)
    if (fmt->is(p, kind)) return p;
  return NULL;
}

static size_t row_number_in(const vb_format *fmt, const xmlNode *n, const xmlNode *row, size_t *k) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE || fmt->is(n, VB_C_TABLE)) continue;
    if (fmt->is(n, VB_C_ROW)) {
      ++*k;
      if (n == row) return *k;
      continue;
    }
    size_t r = row_number_in(fmt, n->children, row, k);
    if (r) return r;
  }
  return 0;
}

size_t vb_fmt_row_number(const vb_format *fmt, const xmlNode *tbl, const xmlNode *row) {
  size_t k = 0;
  return tbl ? row_number_in(fmt, tbl->children, row, &k) : 0;
}
