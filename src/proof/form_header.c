/* The header block (Nghị định 30, Phụ lục I, mục II.1–II.4): Quốc hiệu and
 * Tiêu ngữ, the agency names beside them, the rule lines, Số and ký hiệu,
 * place and date. */
#include <string.h>

#include "proof/form.h"
#include "proof/text.h"
#include "util/buf.h"

#define QH "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
#define QH_NEW "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
#define TN "Độc lập - Tự do - Hạnh phúc"

static const vb_doc_para *P(vb_proof *p, long i) { return &p->doc->paras[i]; }

static int text_is(vb_proof *p, proof_ref r, const char *want) {
  vb_buf b = VB_BUF_INIT;
  pt_collapse(&b, P(p, r.para)->text + r.off, r.len);
  int eq = b.data && !strcmp(b.data, want);
  vb_buf_free(&b);
  return eq;
}

static void quoc_hieu(vb_proof *p, proof_layout *l) {
  const char *R = "the-thuc.quoc-hieu";
  if (l->qh.para < 0) {
    proof_report(p, R, l->ten_loai, 0, 0, QH, "thiếu Quốc hiệu \"" QH "\"");
    return;
  }
  if (!text_is(p, l->qh, QH) && !text_is(p, l->qh, QH_NEW)) {
    if (!form_upper(p, R, l->qh, "Quốc hiệu"))
      proof_report(p, R, l->qh.para, l->qh.off, l->qh.len, QH, "Quốc hiệu viết sai");
  }
  form_bold(p, R, l->qh, "Quốc hiệu", 1);
  form_italic(p, R, l->qh, "Quốc hiệu", 0);
  form_size_in(p, R, l->qh, "Quốc hiệu", 24, 26);
  if (l->tn.para < 0) {
    proof_report(p, R, l->qh.para, l->qh.off, l->qh.len, TN, "thiếu Tiêu ngữ \"" TN "\"");
    return;
  }
  if (!text_is(p, l->tn, TN)) {
    /* the letters are right (layout found it); the dashes, spaces or
     * capitals are not */
    proof_finding *f = proof_report(p, R, l->tn.para, l->tn.off, l->tn.len, TN,
                                    "Tiêu ngữ viết chưa đúng dạng: chữ đầu mỗi cụm viết hoa, giữa "
                                    "các cụm là gạch nối có dấu cách hai bên");
    if (f) f->level = VB_LEVEL_WARNING;
  }
  form_bold(p, R, l->tn, "Tiêu ngữ", 1);
  form_italic(p, R, l->tn, "Tiêu ngữ", 0);
  form_size_in(p, R, l->tn, "Tiêu ngữ", 26, 28);
}

/* Is there a rule line right under the element ending paragraph `i`: a
 * bottom border on it, a drawn line anchored to it, or the next paragraph
 * (in the same cell, one empty paragraph allowed) being a rule. */
static int rule_after(vb_proof *p, long i) {
  vb_doc *doc = p->doc;
  const vb_doc_para *a = P(p, i);
  if (a->border_bottom || a->line_shape) return 1;
  for (long k = i + 1; k < (long)doc->nbody && k <= i + 3; k++) {
    const vb_doc_para *b = P(p, k);
    if (b->table != a->table || b->row != a->row || b->cell != a->cell) {
      /* a rule drawn in a frame or text box next to the block */
      if (b->in_frame && b->line_shape) return 1;
      break;
    }
    if (b->border_top || b->line_shape) return 1;
    size_t off = 0, len = b->len;
    pt_trim(b->text, &off, &len);
    if (len == 0) {
      if (b->border_bottom) return 1;
      continue;
    }
    int marks = 0, other = 0;
    for (size_t j = off; j < off + len;) {
      uint32_t c = pt_next(b->text, off + len, &j);
      if (c == '_' || c == '-' || c == 0x2014 || c == 0x2013 || c == 0x2500 || c == 0x2015)
        marks++;
      else if (!pt_space(c))
        other = 1;
    }
    return marks >= 3 && !other;
  }
  return 0;
}

static void agency(vb_proof *p, proof_layout *l) {
  const char *R = "the-thuc.co-quan";
  if (l->nagency == 0) {
    proof_report(p, R, l->qh.para >= 0 ? l->qh.para : l->ten_loai, 0, 0,
                 "tên cơ quan ban hành, in hoa, đậm, bên trái ngang hàng Quốc hiệu",
                 "không tìm thấy tên cơ quan ban hành văn bản");
    return;
  }
  /* a name on two lines ("ỦY BAN NHÂN DÂN" / "XÃ HÀ TÂN") is one element:
   * what is wrong with both lines is said once */
  size_t from = p->n;
  for (int a = 0; a < l->nagency; a++) {
    proof_ref r = l->agency[a];
    int issuer = a >= l->issuer_from;
    const char *what =
        issuer ? proof_printf(p, "tên cơ quan ban hành") : proof_printf(p, "tên cơ quan chủ quản");
    form_size_in(p, R, r, what, 24, 26);
    form_bold(p, R, r, what, issuer);
    form_italic(p, R, r, what, 0);
  }
  form_merge_same(p, from);
  /* side by side with the Quốc hiệu: the same table row, or one line with
   * tabs between them, or a frame */
  if (l->qh.para >= 0) {
    const vb_doc_para *q = P(p, l->qh.para), *g = P(p, l->agency[0].para);
    int beside = (q->table && q->table == g->table && q->row == g->row && q->cell != g->cell) ||
                 l->agency[0].para == l->qh.para || q->in_frame || g->in_frame;
    if (!beside && l->tn.para >= 0 && l->agency[l->nagency - 1].para == l->tn.para) beside = 1;
    if (!beside)
      proof_report(p, R, l->agency[0].para, l->agency[0].off, l->agency[0].len,
                   "tên cơ quan bên trái, Quốc hiệu bên phải, cùng hàng trên cùng trang 1",
                   "tên cơ quan và Quốc hiệu không đặt ngang hàng nhau");
  }
}

static void rules(vb_proof *p, proof_layout *l) {
  const char *R = "the-thuc.duong-ke";
  if (l->nagency > 0) {
    proof_ref last = l->agency[l->nagency - 1];
    if (!rule_after(p, last.para))
      proof_report(p, R, last.para, last.off, last.len,
                   "đường kẻ liền dưới tên cơ quan ban hành, dài 1/3–1/2 dòng chữ",
                   "thiếu đường kẻ dưới tên cơ quan ban hành");
  }
  if (l->tn.para >= 0 && !rule_after(p, l->tn.para))
    proof_report(p, R, l->tn.para, l->tn.off, l->tn.len,
                 "đường kẻ liền dưới Tiêu ngữ, dài bằng dòng chữ", "thiếu đường kẻ dưới Tiêu ngữ");
  if (l->trich_last >= 0 && !rule_after(p, l->trich_last))
    proof_report(p, R, l->trich_last, 0, 0, "đường kẻ liền dưới trích yếu, dài 1/3–1/2 dòng chữ",
                 "thiếu đường kẻ dưới trích yếu");
}

static int blank_char(uint32_t c) { return pt_space(c) || c == '.' || c == 0x2026 || c == '_'; }

static void so_ky_hieu(vb_proof *p, proof_layout *l) {
  const char *R = "the-thuc.so-ky-hieu";
  if (l->so.para < 0) {
    if (l->ten_loai >= 0)
      proof_report(p, R, l->ten_loai, 0, 0, "Số: …/BC-…", "không tìm thấy dòng \"Số: …/…\"");
    return;
  }
  const char *s = P(p, l->so.para)->text + l->so.off;
  size_t n = l->so.len;
  long pi = l->so.para;
  size_t base = l->so.off;
  form_size_in(p, R, l->so, "số, ký hiệu", 26, 26);
  /* "Số" then ":" */
  size_t i = pt_prefix(s, n, "số");
  if (strncmp(s, "Số", 3) != 0)
    proof_report(p, R, pi, base, i, "Số", "chữ \"Số\" viết thường, chỉ chữ S viết hoa");
  size_t j = i;
  while (j < n && s[j] == ' ')
    j++;
  if (j >= n || s[j] != ':')
    proof_report(p, R, pi, base, i, "Số:", "thiếu dấu hai chấm sau chữ \"Số\"");
  else
    j++;
  /* the number (or a draft blank) up to "/" */
  const char *slash = memchr(s + j, '/', n - j);
  if (!slash) return;
  size_t ns = j, ne = (size_t)(slash - s);
  int digits = 0, blank = 1, v = 0;
  for (size_t k = ns; k < ne;) {
    uint32_t c = pt_next(s, ne, &k);
    if (pt_digit(c)) {
      digits++;
      v = v * 10 + (int)(c - '0');
      blank = 0;
    } else if (!blank_char(c)) {
      blank = 0;
      digits = -100;
    }
  }
  if (digits == 1 && v >= 1 && v <= 9) {
    size_t d0 = ns;
    while (d0 < ne && !(s[d0] >= '0' && s[d0] <= '9'))
      d0++;
    proof_report(p, R, pi, base + d0, 1, proof_printf(p, "0%d", v),
                 "số %d cần viết có số 0 phía trước: 0%d", v, v);
  }
  (void)blank;
  /* the code: upper case, groups joined by "-" without spaces */
  size_t cs = ne + 1, ce = n;
  if (cs >= ce) {
    proof_report(p, R, pi, base, n, "Số: …/BC-UBND", "thiếu ký hiệu văn bản sau dấu \"/\"");
    return;
  }
  const char *code = s + cs;
  size_t cl = ce - cs;
  int spaces = 0;
  for (size_t k = 0; k < cl;) {
    uint32_t c = pt_next(code, cl, &k);
    if (pt_space(c)) spaces = 1;
  }
  if (spaces) {
    vb_buf want = VB_BUF_INIT;
    for (size_t k = 0; k < cl;) {
      size_t st = k;
      uint32_t c = pt_next(code, cl, &k);
      if (!pt_space(c)) vb_buf_put(&want, code + st, k - st);
    }
    proof_report(p, R, pi, base + cs, cl, vb_buf_cstr(&want),
                 "ký hiệu \"%.*s\" có dấu cách; các nhóm chữ nối bằng \"-\", không có dấu cách",
                 (int)cl, code);
    vb_buf_free(&want);
  }
  /* the first group is the type's code: BÁO CÁO → BC */
  size_t g = 0;
  while (g < cl && code[g] != '-' && code[g] != ' ')
    g++;
  static const char *const old[][2] = {{"QCh", "QC"}, {"DAn", "DA"}, {"CV", NULL}, {"TT", NULL}};
  for (size_t k = 0; k < sizeof old / sizeof old[0]; k++)
    if (g == strlen(old[k][0]) && !strncmp(code, old[k][0], g)) {
      if (old[k][1])
        proof_report(p, R, pi, base + cs, g, old[k][1],
                     "\"%s\" là mã của thông tư cũ; Nghị định 30 dùng \"%s\"", old[k][0],
                     old[k][1]);
      else
        proof_report(p, R, pi, base + cs, g, NULL,
                     "\"%s\" không phải mã loại văn bản hành chính trong Nghị định 30", old[k][0]);
    }
  if (l->type_code && g && cl > g && code[g] == '-') {
    if (!(strlen(l->type_code) == g && !strncmp(code, l->type_code, g))) {
      proof_finding *f =
          proof_report(p, R, pi, base + cs, g, l->type_code,
                       "ký hiệu bắt đầu bằng \"%.*s\" nhưng tên loại văn bản là \"%s\" (mã %s)",
                       (int)g, code, P(p, l->ten_loai)->text, l->type_code);
      if (f) f->level = VB_LEVEL_WARNING;
    }
  }
  if (!pt_all_upper(code, g ? g : cl) && !spaces) {
    /* codes such as "TTr", "QyĐ", "CTr" mix cases on purpose */
    int known = l->type_code && strlen(l->type_code) == g && !strncmp(code, l->type_code, g);
    if (!known)
      proof_report(p, R, pi, base + cs, cl, NULL, "ký hiệu văn bản \"%.*s\" cần in hoa", (int)cl,
                   code);
  }
}

static void place_date(vb_proof *p, proof_layout *l) {
  const char *R = "the-thuc.dia-danh-ngay";
  if (l->date.para < 0) {
    if (l->ten_loai >= 0)
      proof_report(p, R, l->ten_loai, 0, 0, "<Địa danh>, ngày … tháng … năm …",
                   "không tìm thấy dòng địa danh, ngày tháng năm");
    return;
  }
  proof_ref r = l->date;
  const char *s = P(p, r.para)->text + r.off;
  form_italic(p, R, r, "dòng địa danh, ngày tháng", 1);
  form_size_in(p, R, r, "dòng địa danh, ngày tháng", 26, 28);
  size_t ml;
  size_t at = pt_find(s, r.len, "ngày", &ml);
  /* the place, then a comma */
  size_t pe = at;
  while (pe > 0 &&
         (s[pe - 1] == ' ' || (unsigned char)s[pe - 1] == 0xA0 || (unsigned char)s[pe - 1] == 0xC2))
    pe--;
  if (pe == 0 || s[pe - 1] != ',') {
    proof_report(p, R, r.para, r.off, at, "<Địa danh>, ngày …", "thiếu dấu phẩy sau địa danh");
  } else {
    size_t k = 0;
    int word_start = 1;
    while (k < pe - 1) {
      size_t st = k;
      uint32_t c = pt_next(s, pe - 1, &k);
      if (pt_space(c) || c == '-') {
        word_start = 1;
        continue;
      }
      if (word_start && pt_letter(c) && !pt_all_upper(s + st, k - st)) {
        proof_report(p, R, r.para, r.off, pe - 1, NULL,
                     "địa danh \"%.*s\" cần viết hoa chữ cái đầu mỗi tiếng", (int)(pe - 1), s);
        break;
      }
      word_start = 0;
    }
  }
  /* day and month: zero for days 1–9 and months 1–2 only */
  const char *words[2] = {"ngày", "tháng"};
  size_t from = at;
  for (int w = 0; w < 2; w++) {
    size_t wa = pt_find(s + from, r.len - from, words[w], &ml);
    if (wa == (size_t)-1) return;
    size_t i = from + wa + ml;
    while (i < r.len && (s[i] == ' ' || (unsigned char)s[i] == 0xC2 || (unsigned char)s[i] == 0xA0))
      i++;
    size_t d0 = i;
    int v = 0, digits = 0;
    while (i < r.len && s[i] >= '0' && s[i] <= '9' && digits < 4)
      v = v * 10 + (s[i++] - '0'), digits++;
    from = i;
    if (!digits) continue; /* a draft blank */
    if (w == 0) {
      if (v < 1 || v > 31)
        proof_report(p, R, r.para, r.off + d0, (size_t)digits, NULL, "ngày %d không có thật", v);
      else if (v <= 9 && digits == 1)
        proof_report(p, R, r.para, r.off + d0, 1, proof_printf(p, "ngày 0%d", v),
                     "ngày %d cần viết có số 0 phía trước: 0%d", v, v);
    } else {
      if (v < 1 || v > 12)
        proof_report(p, R, r.para, r.off + d0, (size_t)digits, NULL, "tháng %d không có thật", v);
      else if (v <= 2 && digits == 1)
        proof_report(p, R, r.para, r.off + d0, 1, proof_printf(p, "tháng 0%d", v),
                     "tháng %d cần viết có số 0 phía trước: 0%d", v, v);
      else if (v >= 3 && digits == 2 && s[d0] == '0')
        proof_report(p, R, r.para, r.off + d0, 2, proof_printf(p, "tháng %d", v),
                     "\"tháng %.*s\": tháng 3 đến 12 viết không có số 0", 2, s + d0);
    }
  }
  if (l->doc_y && l->doc_m && l->doc_d) {
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (l->doc_y % 4 == 0 && l->doc_y % 100 != 0) || l->doc_y % 400 == 0;
    int max = l->doc_m == 2 && !leap ? 28 : mdays[l->doc_m - 1];
    if (l->doc_d > max)
      proof_report(p, R, r.para, r.off, r.len, NULL, "ngày %d tháng %d năm %d không có thật",
                   l->doc_d, l->doc_m, l->doc_y);
  }
}

void proof_form_header(vb_proof *p) {
  proof_layout *l = proof_layout_get(p);
  quoc_hieu(p, l);
  agency(p, l);
  rules(p, l);
  so_ky_hieu(p, l);
  place_date(p, l);
}
