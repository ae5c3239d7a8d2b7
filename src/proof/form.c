/* The form rules' entry point and shared checks. */
#include "proof/form.h"

#include <string.h>

#include "proof/text.h"

void proof_form(vb_proof *p) {
  proof_layout *l = proof_layout_get(p);
  if (!l->nd30) {
    proof_report(p, "the-thuc.quoc-hieu", -1, 0, 0, NULL,
                 "không tìm thấy Quốc hiệu và tên loại văn bản: thể thức theo Nghị định 30 "
                 "không được kiểm tra");
    if (p->n) p->f[p->n - 1].level = VB_LEVEL_HINT;
    return;
  }
  proof_form_page(p);
  proof_form_header(p);
  proof_form_text(p);
  proof_form_closing(p);
  proof_form_appendix(p);
}

const char *form_size(vb_proof *p, int hp) {
  return hp % 2 ? proof_printf(p, "%d,5", hp / 2) : proof_printf(p, "%d", hp / 2);
}

const char *form_mm(vb_proof *p, int twips) {
  long tenths = (long)((double)twips * 254.0 / 1440.0 + (twips >= 0 ? 0.5 : -0.5));
  return proof_printf(p, "%ld,%ld", tenths / 10, (tenths < 0 ? -tenths : tenths) % 10);
}

void form_props(vb_proof *p, proof_ref r, vb_doc_props *out) {
  vb_doc_range_props(&p->doc->paras[r.para], r.off, r.len, out);
}

int form_size_in(vb_proof *p, const char *rule, proof_ref r, const char *what, int lo, int hi) {
  if (r.para < 0) return 0;
  vb_doc_props pr;
  form_props(p, r, &pr);
  if (!pr.visible || !pr.size_min) return 0;
  int bad = pr.size_min < lo ? pr.size_min : pr.size_max > hi ? pr.size_max : 0;
  if (!bad) return 0;
  const char *range =
      lo == hi ? form_size(p, lo) : proof_printf(p, "%s–%s", form_size(p, lo), form_size(p, hi));
  proof_report(p, rule, r.para, r.off, r.len, proof_printf(p, "cỡ %s", range),
               "%s cỡ chữ %s, %s %s", what, form_size(p, bad),
               lo == hi ? "cần đúng" : "ngoài khoảng", range);
  return 1;
}

int form_bold(vb_proof *p, const char *rule, proof_ref r, const char *what, int want) {
  if (r.para < 0) return 0;
  vb_doc_props pr;
  form_props(p, r, &pr);
  if (!pr.visible) return 0;
  if (want && !pr.all_bold) {
    proof_report(p, rule, r.para, r.off, r.len, "in đậm", "%s không in đậm", what);
    return 1;
  }
  if (!want && pr.any_bold) {
    proof_report(p, rule, r.para, r.off, r.len, "không in đậm", "%s in đậm", what);
    return 1;
  }
  return 0;
}

int form_italic(vb_proof *p, const char *rule, proof_ref r, const char *what, int want) {
  if (r.para < 0) return 0;
  vb_doc_props pr;
  form_props(p, r, &pr);
  if (!pr.visible) return 0;
  if (want && !pr.all_italic) {
    proof_report(p, rule, r.para, r.off, r.len, "in nghiêng", "%s không in nghiêng", what);
    return 1;
  }
  if (!want && pr.any_italic) {
    proof_report(p, rule, r.para, r.off, r.len, "chữ đứng", "%s in nghiêng", what);
    return 1;
  }
  return 0;
}

int form_upper(vb_proof *p, const char *rule, proof_ref r, const char *what) {
  if (r.para < 0) return 0;
  const vb_doc_para *pp = &p->doc->paras[r.para];
  if (pt_all_upper(pp->text + r.off, r.len)) return 0;
  /* caps formatting (w:caps, text-transform) shows it in capitals */
  int caps = 1, any = 0;
  for (size_t i = 0; i < pp->nspans; i++) {
    const vb_doc_span *s = &pp->spans[i];
    if (s->off + s->len <= r.off || s->off >= r.off + r.len) continue;
    any = 1;
    if (!s->caps) caps = 0;
  }
  if (any && caps) return 0;
  proof_report(p, rule, r.para, r.off, r.len, "chữ in hoa", "%s không in hoa", what);
  return 1;
}

int form_centered(vb_proof *p, const char *rule, proof_ref r, const char *what) {
  if (r.para < 0) return 0;
  const vb_doc_para *pp = &p->doc->paras[r.para];
  if (pp->align == VB_ALIGN_CENTER || pp->table || pp->in_frame) return 0;
  /* a piece of a tab-separated line is placed by tab stops: not checked */
  for (size_t i = 0; i < pp->len; i++)
    if (pp->text[i] == '\t') return 0;
  proof_report(p, rule, r.para, r.off, r.len, "căn giữa", "%s không căn giữa", what);
  return 1;
}

void form_merge_same(vb_proof *p, size_t from) {
  size_t kept = from;
  for (size_t i = from; i < p->n; i++) {
    size_t k = from;
    while (k < kept &&
           !(!strcmp(p->f[k].rule, p->f[i].rule) && !strcmp(p->f[k].message, p->f[i].message)))
      k++;
    if (k < kept) {
      p->f[k].count = (p->f[k].count > 0 ? p->f[k].count : 1) + 1;
      continue;
    }
    p->f[kept++] = p->f[i];
  }
  p->n = kept;
  for (size_t k = from; k < kept; k++)
    if (p->f[k].count > 1)
      p->f[k].message = proof_printf(p, "%s (cả %d dòng)", p->f[k].message, p->f[k].count);
}
