/* Places a person can find: paragraph number and first words, table, row
 * and cell, header or footer, section; for data, the JSON path and line. */
#include <string.h>

#include "proof/proof.h"
#include "proof/text.h"
#include "util/buf.h"

static void first_words(vb_buf *b, const vb_doc_para *p) {
  if (!p->len) return;
  vb_buf_puts(b, " (");
  pt_first_words(b, p->text, p->len, 40);
  vb_buf_puts(b, ")");
}

const char *proof_place(vb_proof *p, const proof_finding *f) {
  vb_doc *doc = p->doc;
  vb_buf b = VB_BUF_INIT;
  if (f->para < 0 || (size_t)f->para >= doc->npara) {
    if (f->section >= 0 && doc->nsections > 1) {
      const vb_doc_section *s = &doc->sections[f->section];
      vb_buf_printf(&b, "phần %d của văn bản", f->section + 1);
      for (size_t i = s->first_para; i < doc->nbody; i++)
        if (doc->paras[i].len && doc->paras[i].number) {
          vb_buf_printf(&b, ", từ đoạn %d", doc->paras[i].number);
          first_words(&b, &doc->paras[i]);
          break;
        }
    } else {
      vb_buf_puts(&b, "toàn văn bản");
    }
  } else {
    const vb_doc_para *pp = &doc->paras[f->para];
    if (pp->path) {
      vb_buf_puts(&b, pp->path);
      if (pp->src_line) vb_buf_printf(&b, " (dòng %u, cột %u)", pp->src_line, pp->src_column);
    } else if (pp->area == VB_AREA_HEADER || pp->area == VB_AREA_FOOTER) {
      vb_buf_puts(&b, pp->area == VB_AREA_HEADER ? "đầu trang" : "chân trang");
      if (pp->part >= 0) vb_buf_printf(&b, " (%s)", doc->parts[pp->part].name);
      first_words(&b, pp);
    } else if (pp->table) {
      vb_buf_printf(&b, "bảng %d, hàng %d, ô %d", pp->table, pp->row, pp->cell);
      first_words(&b, pp);
    } else if (pp->number) {
      vb_buf_printf(&b, "đoạn %d", pp->number);
      first_words(&b, pp);
    } else {
      /* an empty paragraph: name the one before it */
      long k = f->para - 1;
      while (k >= 0 && !doc->paras[k].number && !doc->paras[k].table)
        k--;
      if (k < 0)
        vb_buf_puts(&b, "đầu văn bản");
      else if (doc->paras[k].table)
        vb_buf_printf(&b, "sau bảng %d", doc->paras[k].table);
      else {
        vb_buf_printf(&b, "sau đoạn %d", doc->paras[k].number);
        first_words(&b, &doc->paras[k]);
      }
    }
  }
  const char *s = vb_arena_strndup(p->a, b.data ? b.data : "", b.len);
  vb_buf_free(&b);
  return s;
}
