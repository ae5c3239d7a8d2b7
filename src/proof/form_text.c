/* Title and body (Nghị định 30, Phụ lục I, mục II.5, II.6, II.9): the
 * document type and summary, Kính gửi, and the body's size, alignment,
 * indent and spacing; the body ends with "./.". */
#include <string.h>

#include "proof/form.h"
#include "proof/text.h"

static const vb_doc_para *P(vb_proof *p, long i) { return &p->doc->paras[i]; }

static proof_ref whole(vb_proof *p, long i) {
  size_t off = 0, len = P(p, i)->len;
  pt_trim(P(p, i)->text, &off, &len);
  return (proof_ref){i, off, len};
}

static void title(vb_proof *p, proof_layout *l) {
  const char *R = "the-thuc.ten-loai";
  if (l->ten_loai < 0) return;
  proof_ref r = whole(p, l->ten_loai);
  form_bold(p, R, r, "tên loại văn bản", 1);
  form_size_in(p, R, r, "tên loại văn bản", 26, 28);
  form_centered(p, R, r, "tên loại văn bản");
  for (long i = l->trich_first; i >= 0 && i <= l->trich_last; i++) {
    proof_ref t = whole(p, i);
    /* a second line in parentheses is a note on the summary, often italic */
    if (i > l->trich_first && t.len && P(p, i)->text[t.off] == '(') continue;
    form_bold(p, R, t, "trích yếu", 1);
    form_size_in(p, R, t, "trích yếu", 26, 28);
  }
  if (l->trich_first < 0) {
    proof_finding *f = proof_report(p, R, l->ten_loai, 0, 0, "trích yếu nội dung, in đậm, căn giữa",
                                    "không thấy trích yếu ngay dưới tên loại văn bản");
    if (f) f->level = VB_LEVEL_WARNING;
  }
}

static void kinh_gui(vb_proof *p, proof_layout *l) {
  const char *R = "the-thuc.kinh-gui";
  if (l->kinh_gui < 0) return;
  proof_ref r = whole(p, l->kinh_gui);
  const char *s = P(p, r.para)->text + r.off;
  size_t m = pt_prefix(s, r.len, "kính gửi");
  size_t j = m;
  while (j < r.len && s[j] == ' ')
    j++;
  if (j >= r.len || s[j] != ':')
    proof_report(p, R, r.para, r.off, m, "Kính gửi:", "thiếu dấu hai chấm sau \"Kính gửi\"");
  form_size_in(p, R, r, "dòng Kính gửi", 26, 28);
}

/* Body paragraphs: the content between the title block and the closing,
 * outside tables and frames, with text. */
static int body_para(vb_proof *p, proof_layout *l, long i) {
  const vb_doc_para *pp = P(p, i);
  return i >= l->body_first && i <= l->body_last && !pp->table && !pp->in_frame && pp->number;
}

typedef struct tally {
  int n;
  long first;
  int value;
} tally;

static void count(tally *t, long i, int value) {
  if (!t->n) t->first = i, t->value = value;
  t->n++;
}

static void body(vb_proof *p, proof_layout *l) {
  const char *R = "the-thuc.noi-dung";
  if (l->body_first < 0) return;
  tally size = {0}, align = {0}, indent = {0}, spacing = {0}, lines = {0};
  int total = 0;
  long prev = -1;
  for (long i = l->body_first; i <= l->body_last; i++) {
    if (!body_para(p, l, i)) {
      if (P(p, i)->table) prev = -1;
      continue;
    }
    const vb_doc_para *pp = P(p, i);
    total++;
    vb_doc_props pr;
    vb_doc_range_props(pp, 0, pp->len, &pr);
    if (pr.size_min && (pr.size_min < 26 || pr.size_max > 28))
      count(&size, i, pr.size_min < 26 ? pr.size_min : pr.size_max);
    /* a paragraph of more than a line: justified, first line indented */
    int long_para = pp->len > 160;
    if (long_para && pp->align != VB_ALIGN_JUSTIFY && pp->align != VB_ALIGN_CENTER)
      count(&align, i, 0);
    if (long_para && pp->align != VB_ALIGN_CENTER && !pp->list) {
      int first = pp->ind_first;
      if (pp->ind_left == 0 && (first < 540 || first > 740)) count(&indent, i, first);
    }
    if (prev >= 0) {
      int gap = P(p, prev)->space_after + pp->space_before;
      if (gap < 110) count(&spacing, i, gap);
    }
    prev = i;
    int size_tw = (pr.size_max ? pr.size_max : 28) * 10;
    if (pp->line_rule == VB_LINE_AUTO
            ? (pp->line < 234 || pp->line > 366)
            : (pp->line < size_tw * 95 / 100 || pp->line > size_tw * 18 / 10))
      count(&lines, i, pp->line);
  }
  if (!total) return;
  proof_finding *f;
  if (size.n) {
    f = proof_report(p, R, size.first, 0, 0, "cỡ 13–14",
                     "%d đoạn nội dung có cỡ chữ ngoài khoảng 13–14 (đoạn đầu tiên: cỡ %s)", size.n,
                     form_size(p, size.value));
    if (f) f->count = size.n;
  }
  if (align.n) {
    f = proof_report(p, R, align.first, 0, 0, "căn đều hai lề",
                     "%d đoạn nội dung không căn đều hai lề", align.n);
    if (f) f->count = align.n;
  }
  /* most paragraphs without the indent: the document's style, one finding */
  if (indent.n) {
    f = proof_report(p, R, indent.first, 0, 0, "thụt đầu dòng 1–1,27 cm",
                     "%d đoạn nội dung không thụt đầu dòng 1–1,27 cm (đoạn đầu tiên: %s mm)",
                     indent.n, proof_printf(p, "%s", form_mm(p, indent.value)));
    if (f) f->count = indent.n;
  }
  if (spacing.n * 2 > total) {
    f = proof_report(p, R, spacing.first, 0, 0, "cách đoạn tối thiểu 6 pt",
                     "%d đoạn nội dung cách đoạn trước dưới 6 pt", spacing.n);
    if (f) f->count = spacing.n;
  }
  if (lines.n) {
    f = proof_report(p, R, lines.first, 0, 0, "giãn dòng từ 1 dòng đến 1,5 dòng",
                     "%d đoạn nội dung giãn dòng ngoài khoảng 1–1,5 dòng", lines.n);
    if (f) f->count = lines.n;
  }
}

static void ending(vb_proof *p, proof_layout *l) {
  if (l->body_last < 0) return;
  long i = l->body_last;
  while (i >= l->body_first && !body_para(p, l, i))
    i--;
  if (i < l->body_first) return;
  proof_ref r = whole(p, i);
  const char *s = P(p, i)->text + r.off;
  if (r.len >= 3 && !memcmp(s + r.len - 3, "./.", 3)) return;
  proof_report(p, "the-thuc.ket-thuc", i, r.off, r.len, "… ./.",
               "đoạn cuối của nội dung không kết thúc bằng dấu \"./.\"");
}

void proof_form_text(vb_proof *p) {
  proof_layout *l = proof_layout_get(p);
  title(p, l);
  kinh_gui(p, l);
  body(p, l);
  ending(p, l);
}
