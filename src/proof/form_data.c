/* The layout rules a data file decides: vanban prints "- Lưu: <luu>." and
 * "Số: …/<ky_hieu>" from it, so a "luu" without VT or a ky_hieu whose type
 * code is not the document's is the data's fault, reported at its place. */
#include <string.h>

#include "proof/proof.h"
#include "proof/text.h"

static long para_at(vb_proof *p, const char *path) {
  for (size_t i = 0; i < p->doc->nbody; i++)
    if (p->doc->paras[i].path && !strcmp(p->doc->paras[i].path, path)) return (long)i;
  return -1;
}

static int has_vt(const char *s) {
  for (size_t i = 0; s[i] && s[i + 1]; i++)
    if (s[i] == 'V' && s[i + 1] == 'T' && (i == 0 || !pt_letter((unsigned char)s[i - 1])) &&
        !pt_letter((unsigned char)s[i + 2]))
      return 1;
  return 0;
}

void proof_form_data(vb_proof *p) {
  const vb_value *vb = vb_obj_get(p->data, "van_ban");
  if (!vb) return;
  const vb_value *luu = vb_obj_get(vb, "luu");
  if (luu && luu->kind == VB_STR && luu->u.str.len && !has_vt(luu->u.str.s)) {
    long at = para_at(p, "$.van_ban.luu");
    proof_report(p, "the-thuc.luu", at, 0, 0, proof_printf(p, "VT, %s", luu->u.str.s),
                 "\"Lưu: %s.\" thiếu \"VT\": bản lưu đầu tiên là của Văn thư", luu->u.str.s);
  }
  /* the type code: BÁO CÁO → BC-…, THÔNG BÁO → TB-… */
  const vb_value *loai = vb_obj_get(p->data, "loai");
  const vb_value *kh = vb_obj_get(vb, "ky_hieu");
  if (loai && loai->kind == VB_STR && kh && kh->kind == VB_STR) {
    const char *want = !strcmp(loai->u.str.s, "bao-cao")     ? "BC"
                       : !strcmp(loai->u.str.s, "thong-bao") ? "TB"
                                                             : NULL;
    size_t g = strcspn(kh->u.str.s, "-");
    if (want && kh->u.str.s[g] == '-' && (g != strlen(want) || strncmp(kh->u.str.s, want, g))) {
      /* ky_hieu is not in the view (a code, not prose): a place of its own */
      vb_doc_para *pp = vb_doc_add_text(p->doc, kh->u.str.s, kh->u.str.len);
      pp->path = "$.van_ban.ky_hieu";
      pp->src_line = kh->line;
      pp->src_column = kh->col;
      proof_finding *f =
          proof_report(p, "the-thuc.so-ky-hieu", (long)(pp - p->doc->paras), 0, 0, want,
                       "ký hiệu \"%s\" không bắt đầu bằng mã loại văn bản %s", kh->u.str.s, want);
      if (f) f->level = VB_LEVEL_WARNING;
    }
  }
}
