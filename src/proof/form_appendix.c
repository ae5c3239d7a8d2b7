/* Appendices (Nghị định 30, Phụ lục I, mục III.1; Phụ lục III, Mẫu 2.1):
 * "Phụ lục I" bold 14, the title in capitals, the "(Kèm theo …)" line in
 * italics; Roman numerals from two appendices on. Whether "Phụ lục" is
 * written in capitals is left alone: practice differs and the decree's own
 * forms do both. */
#include <string.h>

#include "proof/form.h"
#include "proof/text.h"
#include "vi/vi.h"

void proof_form_appendix(vb_proof *p) {
  const char *R = "the-thuc.phu-luc";
  proof_layout *l = proof_layout_get(p);
  for (int a = 0; a < l->napp; a++) {
    proof_appendix *ap = &l->app[a];
    form_bold(p, R, ap->heading, "dòng \"Phụ lục\"", 1);
    form_size_in(p, R, ap->heading, "dòng \"Phụ lục\"", 28, 28);
    for (long t = ap->title_first; t >= 0 && t <= ap->title_last; t++) {
      size_t off = 0, len = p->doc->paras[t].len;
      pt_trim(p->doc->paras[t].text, &off, &len);
      proof_ref r = {t, off, len};
      if (p->doc->paras[t].text[off] == '(') continue;
      form_upper(p, R, r, "tên phụ lục");
      form_bold(p, R, r, "tên phụ lục", 1);
      form_size_in(p, R, r, "tên phụ lục", 26, 28);
    }
    if (ap->kem_theo.para < 0) {
      /* the reference names the document by its type: "Báo cáo", "Thông báo" */
      vb_buf type = VB_BUF_INIT, low = VB_BUF_INIT;
      if (l->ten_loai >= 0)
        vi_lower(&low, p->doc->paras[l->ten_loai].text);
      else
        vb_buf_puts(&low, "văn bản");
      vi_capitalize_first(&type, vb_buf_cstr(&low));
      const char *want = proof_printf(p, "(Kèm theo %s số … ngày … của …)", vb_buf_cstr(&type));
      vb_buf_free(&type);
      vb_buf_free(&low);
      proof_report(p, R, ap->heading.para, ap->heading.off, ap->heading.len, want,
                   "phụ lục thiếu dòng \"(Kèm theo … số … ngày … của …)\" dưới tên phụ lục");
    } else {
      form_italic(p, R, ap->kem_theo, "dòng \"(Kèm theo …)\"", 1);
      form_size_in(p, R, ap->kem_theo, "dòng \"(Kèm theo …)\"", 26, 28);
    }
    if (l->napp >= 2 && ap->number[0] >= '0' && ap->number[0] <= '9') {
      vb_buf want = VB_BUF_INIT;
      vi_roman(&want, ap->value);
      proof_report(p, R, ap->heading.para, ap->heading.off, ap->heading.len,
                   proof_printf(p, "Phụ lục %s", vb_buf_cstr(&want)),
                   "văn bản có %d phụ lục: đánh số bằng chữ số La Mã (Phụ lục %s)", l->napp,
                   vb_buf_cstr(&want));
      vb_buf_free(&want);
    }
  }
}
