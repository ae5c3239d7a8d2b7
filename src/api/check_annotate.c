/* vb_check_annotate: the checked document with its findings as comments
 * (the comment writer is in fmt/annotate.c). */
#include <stdlib.h>
#include <string.h>

#include "api/internal.h"
#include "fmt/annotate.h"
#include "fmt/doc.h"
#include "proof/proof.h"
#include "util/buf.h"
#include "util/diag.h"

vb_status vb_check_annotate(const vb_check *c, const char *out_path, vb_diags *d) {
  if (!c || !out_path) return VB_EUSAGE;
  if (!c->is_doc) {
    vb_error_rule(d, VB_EUSAGE, "check.annotate", c->file, NULL,
                  "dùng --annotate với một văn bản .docx hoặc .odt",
                  "--annotate chỉ dùng cho văn bản, không dùng cho tệp dữ liệu");
    return VB_EUSAGE;
  }
  size_t n = c->n;
  vb_annotation *an = vb_xcalloc(n ? n : 1, sizeof *an);
  vb_buf b = VB_BUF_INIT;
  char **texts = vb_xcalloc(n ? n : 1, sizeof *texts);
  for (size_t i = 0; i < n; i++) {
    const vb_finding *f = &c->out[i];
    const proof_finding *pf = &c->proof->f[i];
    vb_buf_clear(&b);
    vb_buf_printf(&b, "[%s] %s: %s",
                  f->level == VB_LEVEL_ERROR     ? "lỗi"
                  : f->level == VB_LEVEL_WARNING ? "cảnh báo"
                                                 : "gợi ý",
                  f->rule, f->message);
    if (f->expected) vb_buf_printf(&b, " — cần: %s", f->expected);
    texts[i] = vb_buf_detach(&b, NULL);
    an[i].para = pf->para;
    /* a finding about a section: its first paragraph */
    if (pf->para < 0 && pf->section >= 0) {
      const vb_doc *doc = c->proof->doc;
      for (size_t k = doc->sections[pf->section].first_para; k < doc->nbody; k++)
        if (doc->paras[k].number) {
          an[i].para = (long)k;
          break;
        }
    }
    an[i].off = pf->off;
    an[i].len = pf->len;
    an[i].text = texts[i];
  }
  vb_buf_free(&b);
  vb_status st = vb_doc_annotate(c->proof->doc, an, n, "vanban", out_path, d);
  for (size_t i = 0; i < n; i++)
    free(texts[i]);
  free(texts);
  free(an);
  return st;
}
