/* The closing block (Nghị định 30, Phụ lục I, mục II.7 and II.9): "Nơi
 * nhận:" with its list ending in "- Lưu: VT, …", and the signature block
 * (TM./KT./Q./TL./TUQ. stacks, the title, the name). */
#include <string.h>
#include <strings.h>

#include "proof/form.h"
#include "proof/text.h"

static const vb_doc_para *P(vb_proof *p, long i) { return &p->doc->paras[i]; }
static const char *T(vb_proof *p, proof_ref r) { return P(p, r.para)->text + r.off; }

/* "VT" as a word in [s, s+n). */
static int has_vt(const char *s, size_t n) {
  for (size_t i = 0; i + 1 < n; i++) {
    if (s[i] != 'V' || s[i + 1] != 'T') continue;
    int before =
        i == 0 || !(pt_letter((unsigned char)s[i - 1]) || pt_digit((unsigned char)s[i - 1]));
    int after =
        i + 2 >= n || !(pt_letter((unsigned char)s[i + 2]) || pt_digit((unsigned char)s[i + 2]));
    if (before && after) return 1;
  }
  return 0;
}

static void noi_nhan(vb_proof *p, proof_layout *l) {
  const char *R = "the-thuc.noi-nhan";
  if (l->nn_label.para < 0) {
    if (l->closing_first >= 0 || l->body_last >= 0)
      proof_report(p, R, l->closing_first >= 0 ? l->closing_first : l->body_last, 0, 0,
                   "Nơi nhận: (đậm nghiêng, cỡ 12) và danh sách, dòng cuối \"- Lưu: VT, …\"",
                   "không tìm thấy phần \"Nơi nhận:\"");
    proof_report(p, "the-thuc.luu", l->closing_first >= 0 ? l->closing_first : l->body_last, 0, 0,
                 "- Lưu: VT, <đơn vị soạn thảo>.", "không có dòng \"Lưu: VT, …\"");
    return;
  }
  proof_ref lab = l->nn_label;
  const char *s = T(p, lab);
  size_t m = pt_prefix(s, lab.len, "nơi nhận");
  if (m >= lab.len || s[m] != ':')
    proof_report(p, R, lab.para, lab.off, lab.len,
                 "Nơi nhận:", "thiếu dấu hai chấm sau \"Nơi nhận\"");
  form_bold(p, R, lab, "chữ \"Nơi nhận:\"", 1);
  form_italic(p, R, lab, "chữ \"Nơi nhận:\"", 1);
  form_size_in(p, R, lab, "chữ \"Nơi nhận:\"", 24, 24);
  int no_dash = 0, bad_end = 0, bad_size = 0;
  long first_dash = -1, first_end = -1, first_size = -1;
  size_t fd_off = 0, fd_len = 0, fe_off = 0, fe_len = 0;
  int size_value = 0;
  for (int i = 0; i < l->nnn; i++) {
    proof_ref r = l->nn[i];
    const char *t = T(p, r);
    int last = i == l->nnn - 1;
    if (!(t[0] == '-' || P(p, r.para)->list)) {
      if (!no_dash++) first_dash = r.para, fd_off = r.off, fd_len = r.len;
    } else if (t[0] == '-' && r.len > 1 && t[1] != ' ') {
      if (!no_dash++) first_dash = r.para, fd_off = r.off, fd_len = r.len;
    }
    char endc = t[r.len - 1];
    if ((!last && endc != ';') || (last && endc != '.')) {
      if (!bad_end++) first_end = r.para, fe_off = r.off, fe_len = r.len;
    }
    vb_doc_props pr;
    form_props(p, r, &pr);
    if (pr.size_min && (pr.size_min != 22 || pr.size_max != 22)) {
      if (!bad_size++)
        first_size = r.para, size_value = pr.size_min != 22 ? pr.size_min : pr.size_max;
    }
  }
  proof_finding *f;
  if (no_dash) {
    f = proof_report(p, R, first_dash, fd_off, fd_len, "- <nơi nhận>;",
                     "%d dòng nơi nhận không bắt đầu bằng \"- \" (gạch đầu dòng và dấu cách)",
                     no_dash);
    if (f) f->count = no_dash;
  }
  if (bad_end) {
    f = proof_report(
        p, R, first_end, fe_off, fe_len, "\";\" cuối mỗi dòng, \".\" cuối dòng cuối",
        "%d dòng nơi nhận không kết thúc đúng dấu (\";\" ở mỗi dòng, \".\" ở dòng cuối)", bad_end);
    if (f) {
      f->count = bad_end;
      f->level = VB_LEVEL_HINT;
    }
  }
  if (bad_size) {
    f = proof_report(p, R, first_size, 0, 0, "cỡ 11",
                     "%d dòng nơi nhận cỡ chữ %s; danh sách nơi nhận cỡ 11", bad_size,
                     form_size(p, size_value));
    if (f) f->count = bad_size;
  }
  if (l->kinh_gui >= 0 && l->nnn > 0) {
    proof_ref r = l->nn[0];
    size_t o = 0;
    const char *t = T(p, r);
    while (o < r.len && (t[o] == '-' || t[o] == ' '))
      o++;
    if (!pt_prefix(t + o, r.len - o, "như trên"))
      proof_report(p, R, r.para, r.off, r.len, "- Như trên;",
                   "văn bản có \"Kính gửi\" nên dòng nơi nhận đầu tiên là \"- Như trên;\"");
  }
  /* Lưu: VT, <unit>. — the last line */
  int found = -1;
  for (int i = 0; i < l->nnn; i++) {
    const char *t = T(p, l->nn[i]);
    size_t o = 0;
    while (o < l->nn[i].len && (t[o] == '-' || t[o] == ' '))
      o++;
    if (pt_prefix(t + o, l->nn[i].len - o, "lưu")) found = i;
  }
  if (found < 0) {
    long at = l->nnn ? l->nn[l->nnn - 1].para : lab.para;
    proof_report(p, "the-thuc.luu", at, 0, 0, "- Lưu: VT, <đơn vị soạn thảo>.",
                 "nơi nhận không có dòng \"- Lưu: VT, …\"");
    return;
  }
  proof_ref r = l->nn[found];
  const char *t = T(p, r);
  if (!has_vt(t, r.len)) {
    proof_report(p, "the-thuc.luu", r.para, r.off, r.len, "- Lưu: VT, <đơn vị soạn thảo>.",
                 "\"%.*s\" thiếu \"VT\": bản lưu đầu tiên là của Văn thư", (int)r.len, t);
  } else if (found != l->nnn - 1) {
    proof_finding *w = proof_report(p, "the-thuc.luu", r.para, r.off, r.len, NULL,
                                    "dòng \"Lưu\" không phải dòng cuối của nơi nhận");
    if (w) w->level = VB_LEVEL_WARNING;
  }
}

static int prefix_len(const char *s, size_t n, const char **which) {
  static const char *const pre[] = {"TUQ.", "TM.", "KT.", "TL.", "Q.", NULL};
  for (int i = 0; pre[i]; i++) {
    size_t k = strlen(pre[i]);
    if (n > k && !strncasecmp(s, pre[i], k)) {
      *which = pre[i];
      return (int)k;
    }
  }
  return 0;
}

static int title_words(const char *s, size_t n) {
  static const char *const w[] = {"chủ tịch", "giám đốc", "trưởng", "phó",        "ủy ban",
                                  "uỷ ban",   "bí thư",   "chánh",  "thủ trưởng", "ban chỉ đạo",
                                  "tm.",      "kt.",      NULL};
  for (int i = 0; w[i]; i++) {
    size_t m;
    if (pt_find(s, n, w[i], &m) != (size_t)-1) return 1;
  }
  return 0;
}

static void signature(vb_proof *p, proof_layout *l) {
  const char *R = "the-thuc.chu-ky";
  if (l->nsig == 0) {
    if (l->nn_label.para >= 0)
      proof_report(p, R, l->nn_label.para, 0, 0, "chức vụ người ký, chữ ký, họ tên",
                   "không tìm thấy phần chữ ký (chức vụ và họ tên người ký)");
    return;
  }
  /* the name is the last line, unless it reads as a title */
  int nlines = l->nsig, name = -1;
  proof_ref last = l->sig[nlines - 1];
  if (!(pt_all_upper(T(p, last), last.len) && title_words(T(p, last), last.len)) && nlines >= 2)
    name = nlines - 1;
  const char *chain[4];
  int nchain = 0;
  for (int i = 0; i < (name >= 0 ? name : nlines); i++) {
    proof_ref r = l->sig[i];
    const char *t = T(p, r);
    const char *which = NULL;
    int k = prefix_len(t, r.len, &which);
    if (k) {
      if (strncmp(t, which, (size_t)k) != 0)
        proof_report(p, R, r.para, r.off, (size_t)k, which, "\"%.*s\" cần viết hoa: \"%s\"", k, t,
                     which);
      if ((size_t)k < r.len && t[k] != ' ')
        proof_report(p, R, r.para, r.off, r.len,
                     proof_printf(p, "%s %.*s", which, (int)(r.len - (size_t)k), t + k),
                     "\"%.*s\": cần một dấu cách sau \"%s\"", (int)r.len, t, which);
      if (nchain < 4) chain[nchain++] = which;
    }
    form_upper(p, R, r, "chức vụ người ký");
    form_bold(p, R, r, "chức vụ người ký", 1);
    form_size_in(p, R, r, "chức vụ người ký", 26, 28);
  }
  if (nchain >= 2) {
    int ok = nchain == 2 && (!strcmp(chain[0], "TM.") || !strcmp(chain[0], "TL.")) &&
             !strcmp(chain[1], "KT.");
    if (!ok)
      proof_report(p, R, l->sig[0].para, l->sig[0].off, l->sig[0].len, "TM. → KT., TL. → KT.",
                   "thẩm quyền ký %s rồi %s không hợp lệ (chỉ TM. hoặc TL. rồi KT.)", chain[0],
                   chain[1]);
  }
  if (name >= 0) {
    proof_ref r = l->sig[name];
    form_bold(p, R, r, "họ tên người ký", 1);
    form_size_in(p, R, r, "họ tên người ký", 26, 28);
  }
}

void proof_form_closing(vb_proof *p) {
  proof_layout *l = proof_layout_get(p);
  if (l->closing_first < 0 && l->nn_label.para < 0) {
    if (l->body_last >= 0) {
      proof_report(p, "the-thuc.noi-nhan", l->body_last, 0, 0,
                   "Nơi nhận: và danh sách, dòng cuối \"- Lưu: VT, …\"",
                   "không tìm thấy phần \"Nơi nhận:\"");
      proof_report(p, "the-thuc.luu", l->body_last, 0, 0, "- Lưu: VT, <đơn vị soạn thảo>.",
                   "không có dòng \"Lưu: VT, …\"");
    }
    return;
  }
  noi_nhan(p, l);
  signature(p, l);
}
