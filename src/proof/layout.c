/* Finding the ND30 elements of a document by their text. */
#include "proof/layout.h"

#include <stdlib.h>
#include <string.h>

#include "proof/text.h"
#include "util/buf.h"
#include "vi/vi.h"

static const struct {
  const char *name, *code;
} types[] = {
    {"bao cao", "BC"},
    {"thong bao", "TB"},
    {"ke hoach", "KH"},
    {"to trinh", "TTr"},
    {"quyet dinh", "QĐ"},
    {"nghi quyet", "NQ"},
    {"chi thi", "CT"},
    {"quy che", "QC"},
    {"quy dinh", "QyĐ"},
    {"thong cao", "TC"},
    {"huong dan", "HD"},
    {"chuong trinh", "CTr"},
    {"phuong an", "PA"},
    {"de an", "ĐA"},
    {"du an", "DA"},
    {"bien ban", "BB"},
    {"hop dong", "HĐ"},
    {"cong dien", "CĐ"},
    {"ban ghi nho", "BGN"},
    {"ban thoa thuan", "BTT"},
    {"giay uy quyen", "GUQ"},
    {"giay moi", "GM"},
    {"giay gioi thieu", "GGT"},
    {"giay nghi phep", "GNP"},
    {"phieu gui", "PG"},
    {"phieu chuyen", "PC"},
    {"phieu bao", "PB"},
};

static void key_of(vb_buf *k, const char *s, size_t n) {
  k->len = 0;
  if (k->data) k->data[0] = 0;
  pt_key(k, s, n);
}

const char *proof_type_code(const char *name, size_t n) {
  vb_buf k = VB_BUF_INIT;
  key_of(&k, name, n);
  const char *code = NULL;
  for (size_t i = 0; i < sizeof types / sizeof types[0] && k.data; i++)
    if (!strcmp(k.data, types[i].name)) code = types[i].code;
  vb_buf_free(&k);
  return code;
}

static int roman_digit(char c) {
  switch (c) {
  case 'I': return 1;
  case 'V': return 5;
  case 'X': return 10;
  case 'L': return 50;
  default: return 0;
  }
}

int proof_number_value(const char *s, size_t n) {
  if (n == 0 || n > 8) return 0;
  if (s[0] >= '0' && s[0] <= '9') {
    int v = 0;
    for (size_t i = 0; i < n; i++) {
      if (s[i] < '0' || s[i] > '9') return 0;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  }
  int v = 0;
  for (size_t i = 0; i < n; i++) {
    int d = roman_digit(s[i]);
    if (!d) return 0;
    int next = i + 1 < n ? roman_digit(s[i + 1]) : 0;
    v += d < next ? -d : d;
  }
  return v;
}

/* ---- helpers over the view ---- */

typedef struct finder {
  vb_proof *p;
  vb_doc *doc;
  proof_layout *l;
  vb_buf k; /* scratch key */
} finder;

static const vb_doc_para *P(finder *f, long i) { return &f->doc->paras[i]; }

static int empty(finder *f, long i) {
  const vb_doc_para *p = P(f, i);
  size_t off = 0, len = p->len;
  pt_trim(p->text, &off, &len);
  return len == 0;
}

/* A paragraph that is only a drawn or typed rule (or an empty bordered one). */
static int rule_para(finder *f, long i) {
  const vb_doc_para *p = P(f, i);
  if (p->line_shape) return 1;
  size_t off = 0, len = p->len;
  pt_trim(p->text, &off, &len);
  if (len == 0) return p->border_bottom || p->border_top;
  int marks = 0;
  for (size_t j = off; j < off + len;) {
    uint32_t c = pt_next(p->text, off + len, &j);
    if (c == '_' || c == '-' || c == 0x2014 || c == 0x2013 || c == 0x2500 || c == 0x2501 ||
        c == 0x2015 || c == '=')
      marks++;
    else if (!pt_space(c))
      return 0;
  }
  return marks >= 3;
}

static int folded_is(finder *f, proof_ref r, const char *folded) {
  key_of(&f->k, P(f, r.para)->text + r.off, r.len);
  return f->k.data && !strcmp(f->k.data, folded);
}

/* The folded key with everything but letters removed. */
static void letters_key(finder *f, proof_ref r) {
  key_of(&f->k, P(f, r.para)->text + r.off, r.len);
  size_t w = 0;
  for (size_t i = 0; i < f->k.len; i++)
    if (f->k.data[i] >= 'a' && f->k.data[i] <= 'z') f->k.data[w++] = f->k.data[i];
  f->k.len = w;
  if (f->k.data) f->k.data[w] = 0;
}

static int is_so_line(finder *f, proof_ref r) {
  const char *s = P(f, r.para)->text + r.off;
  size_t m = pt_prefix(s, r.len, "số");
  if (!m || m >= r.len) return 0;
  size_t i = m;
  uint32_t c = pt_next(s, r.len, &i);
  if (!(c == ':' || pt_space(c) || pt_digit(c) || c == '.')) return 0;
  return memchr(s, '/', r.len) != NULL;
}

static int is_date_line(finder *f, proof_ref r) {
  const char *s = P(f, r.para)->text + r.off;
  size_t ml;
  size_t at = pt_find(s, r.len, "ngày", &ml);
  if (at == (size_t)-1) return 0;
  size_t t = pt_find(s + at, r.len - at, "tháng", &ml);
  size_t y = pt_find(s + at, r.len - at, "năm", &ml);
  return t != (size_t)-1 && y != (size_t)-1 && at > 0;
}

static int starts(finder *f, proof_ref r, const char *lower) {
  return pt_prefix(P(f, r.para)->text + r.off, r.len, lower) != 0;
}

static int para_starts(finder *f, long i, const char *lower) {
  const vb_doc_para *p = P(f, i);
  size_t off = 0, len = p->len;
  pt_trim(p->text, &off, &len);
  return len && pt_prefix(p->text + off, len, lower) != 0;
}

static proof_ref whole(finder *f, long i) {
  const vb_doc_para *p = P(f, i);
  size_t off = 0, len = p->len;
  pt_trim(p->text, &off, &len);
  return (proof_ref){i, off, len};
}

/* ---- the header block ---- */

static void parse_date(finder *f, proof_ref r) {
  proof_layout *l = f->l;
  const char *s = P(f, r.para)->text + r.off;
  const char *comma = memchr(s, ',', r.len);
  if (comma && comma > s) {
    size_t po = 0, pl = (size_t)(comma - s);
    pt_trim(s, &po, &pl);
    l->place = vb_arena_strndup(f->p->a, s + po, pl);
  }
  /* the number after each word, when there is one */
  const char *words[3] = {"ngày", "tháng", "năm"};
  int vals[3] = {0, 0, 0};
  size_t from = 0;
  for (int w = 0; w < 3; w++) {
    size_t ml;
    size_t at = pt_find(s + from, r.len - from, words[w], &ml);
    if (at == (size_t)-1) return;
    size_t i = from + at + ml;
    while (i < r.len) {
      size_t k = i;
      if (!pt_space(pt_next(s, r.len, &k))) break;
      i = k;
    }
    int v = 0, digits = 0;
    while (i < r.len && s[i] >= '0' && s[i] <= '9' && digits < 5)
      v = v * 10 + (s[i++] - '0'), digits++;
    vals[w] = digits ? v : 0;
    from = i;
  }
  l->doc_d = vals[0];
  l->doc_m = vals[1] >= 1 && vals[1] <= 12 ? vals[1] : 0;
  l->doc_y = vals[2] >= 1900 && vals[2] <= 2200 ? vals[2] : 0;
}

static void find_header(finder *f) {
  proof_layout *l = f->l;
  vb_doc *doc = f->doc;
  long limit = (long)doc->nbody < 60 ? (long)doc->nbody : 60;
  for (long i = 0; i < limit && l->ten_loai < 0; i++) {
    pt_piece pc[16];
    size_t np = pt_pieces(P(f, i), pc, 16);
    for (size_t k = 0; k < np; k++) {
      proof_ref r = {i, pc[k].off, pc[k].len};
      if (l->qh.para < 0 && folded_is(f, r, "cong hoa xa hoi chu nghia viet nam")) {
        l->qh = r;
        continue;
      }
      if (l->tn.para < 0) {
        letters_key(f, r);
        if (f->k.data && !strcmp(f->k.data, "doclaptudohanhphuc")) {
          l->tn = r;
          continue;
        }
      }
      if (l->so.para < 0 && is_so_line(f, r)) {
        l->so = r;
        continue;
      }
      if (l->date.para < 0 && is_date_line(f, r)) {
        l->date = r;
        parse_date(f, r);
        continue;
      }
    }
    /* the document type: a paragraph of its own, outside the header table */
    if (np == 1 && i > l->qh.para && !P(f, i)->table &&
        (l->qh.para >= 0 || l->so.para >= 0 || P(f, i)->align == VB_ALIGN_CENTER) &&
        pt_all_upper(P(f, i)->text + pc[0].off, pc[0].len)) {
      const char *code = proof_type_code(P(f, i)->text + pc[0].off, pc[0].len);
      if (code) {
        l->ten_loai = i;
        l->type_code = code;
      }
    }
  }
  l->nd30 = l->qh.para >= 0 || l->ten_loai >= 0;
  if (!l->nd30) return;

  /* Agency lines: in the QH's table row, the other cells; otherwise the
   * upper-case pieces of the header before the Số line that are no other
   * element. */
  long end = l->ten_loai >= 0 ? l->ten_loai : (l->so.para >= 0 ? l->so.para + 1 : 0);
  const vb_doc_para *qp = l->qh.para >= 0 ? P(f, l->qh.para) : NULL;
  for (long i = 0; i < end && l->nagency < PROOF_MAX_AGENCY; i++) {
    const vb_doc_para *p = P(f, i);
    if (qp && qp->table) {
      if (p->table != qp->table || p->row != qp->row || p->cell == qp->cell) continue;
    } else if (l->so.para >= 0 && i > l->so.para) {
      continue;
    }
    pt_piece pc[16];
    size_t np = pt_pieces(p, pc, 16);
    for (size_t k = 0; k < np && l->nagency < PROOF_MAX_AGENCY; k++) {
      proof_ref r = {i, pc[k].off, pc[k].len};
      if ((l->qh.para == i && l->qh.off == r.off) || (l->tn.para == i && l->tn.off == r.off) ||
          (l->so.para == i && l->so.off == r.off) || (l->date.para == i && l->date.off == r.off))
        continue;
      if (rule_para(f, i) && np == 1) continue;
      if (!pt_all_upper(p->text + r.off, r.len)) continue;
      /* in a tab layout, the agency is left of the Quốc hiệu / Tiêu ngữ */
      if (l->qh.para == i && r.off > l->qh.off) continue;
      if (l->tn.para == i && r.off > l->tn.off) continue;
      l->agency[l->nagency++] = r;
    }
  }
  /* The issuing body is bold; lines before the first bold one are the
   * parent body. "UBND …" first among bold lines is a parent too. */
  l->issuer_from = 0;
  if (l->nagency >= 2) {
    int first_bold = -1;
    for (int a = 0; a < l->nagency && first_bold < 0; a++) {
      vb_doc_props pr;
      vb_doc_range_props(P(f, l->agency[a].para), l->agency[a].off, l->agency[a].len, &pr);
      if (pr.all_bold) first_bold = a;
    }
    if (first_bold > 0)
      l->issuer_from = first_bold;
    else if (first_bold == 0 && starts(f, l->agency[0], "ubnd"))
      l->issuer_from = 1;
  }
}

/* ---- title, Kính gửi, body, closing ---- */

static void find_title(finder *f) {
  proof_layout *l = f->l;
  if (l->ten_loai < 0) return;
  long i = l->ten_loai + 1;
  for (; i < (long)f->doc->nbody && i <= l->ten_loai + 4; i++) {
    const vb_doc_para *p = P(f, i);
    if (empty(f, i) || rule_para(f, i) || p->table) break;
    if (para_starts(f, i, "kính gửi")) break;
    if (p->align != VB_ALIGN_CENTER || p->len > 400) break;
    if (l->trich_first < 0) l->trich_first = i;
    l->trich_last = i;
  }
  long after = l->trich_last >= 0 ? l->trich_last : l->ten_loai;
  for (long k = after + 1; k < (long)f->doc->nbody && k <= after + 4; k++) {
    if (para_starts(f, k, "kính gửi")) {
      l->kinh_gui = k;
      break;
    }
    if (!empty(f, k) && !rule_para(f, k)) break;
  }
}

static int is_sig_prefix(finder *f, proof_ref r) {
  static const char *const pre[] = {"tm.", "kt.", "tl.", "tuq.", "q.", NULL};
  const char *s = P(f, r.para)->text + r.off;
  for (int i = 0; pre[i]; i++) {
    size_t n = strlen(pre[i]);
    if (r.len > n && pt_prefix(s, n, pre[i])) return 1;
  }
  return 0;
}

static void find_closing(finder *f) {
  proof_layout *l = f->l;
  vb_doc *doc = f->doc;
  long start = l->kinh_gui >= 0 ? l->kinh_gui : l->trich_last >= 0 ? l->trich_last : l->ten_loai;
  if (start < 0) start = 0;
  /* appendices: a short heading "Phụ lục …" after the content */
  long first_app = -1;
  for (long i = start + 1; i < (long)doc->nbody; i++) {
    const vb_doc_para *p = P(f, i);
    if (p->table || p->in_frame) continue;
    proof_ref r = whole(f, i);
    if (!r.len || r.len > 120) continue;
    size_t m = pt_prefix(p->text + r.off, r.len, "phụ lục");
    if (!m) continue;
    vb_doc_props pr;
    vb_doc_range_props(p, r.off, r.len, &pr);
    if (p->align != VB_ALIGN_CENTER && !pr.all_bold) continue;
    /* "Phụ lục 02 …" in running text is a citation, not a heading: the
     * heading is short or its paragraph stands alone */
    if (l->napp < PROOF_MAX_APP) {
      proof_appendix *a = &l->app[l->napp++];
      memset(a, 0, sizeof *a);
      a->heading = r;
      a->title_first = a->title_last = -1;
      a->kem_theo.para = -1;
      const char *s = p->text + r.off + m;
      size_t n = r.len - m, j = 0;
      while (j < n && (s[j] == ' ' || s[j] == ':'))
        j++;
      if (n - j >= 4 && !strncmp(s + j, "số", 3)) {
        j += 3;
        while (j < n && s[j] == ' ')
          j++;
      }
      size_t k = j;
      while (k < n && ((s[k] >= '0' && s[k] <= '9') || roman_digit(s[k])))
        k++;
      a->number = vb_arena_strndup(f->p->a, s + j, k - j);
      a->value = proof_number_value(s + j, k - j);
      for (long t = i + 1; t < (long)doc->nbody && t <= i + 5; t++) {
        if (para_starts(f, t, "(kèm theo")) {
          a->kem_theo = whole(f, t);
          break;
        }
        if (empty(f, t) || rule_para(f, t)) continue;
        if (P(f, t)->table) break;
        proof_ref tr = whole(f, t);
        if (!pt_all_upper(P(f, t)->text + tr.off, tr.len) && P(f, t)->text[tr.off] != '(') break;
        if (a->title_first < 0) a->title_first = t;
        a->title_last = t;
      }
    }
    if (first_app < 0) first_app = i;
  }
  l->main_end = first_app >= 0 ? first_app : (long)doc->nbody;

  /* the closing: "Nơi nhận" and the signature, at the end of the main part */
  long nn = -1;
  size_t nn_off = 0, nn_len = 0;
  for (long i = l->main_end - 1; i > start; i--) {
    pt_piece pc[8];
    size_t np = pt_pieces(P(f, i), pc, 8);
    for (size_t k = 0; k < np; k++)
      if (pt_prefix(P(f, i)->text + pc[k].off, pc[k].len, "nơi nhận")) {
        nn = i, nn_off = pc[k].off, nn_len = pc[k].len;
        break;
      }
    if (nn >= 0) break;
  }
  long first = -1;
  if (nn >= 0) {
    l->nn_label = (proof_ref){nn, nn_off, nn_len};
    first = nn;
    if (P(f, nn)->table) {
      while (first > 0 && P(f, first - 1)->table == P(f, nn)->table)
        first--;
    }
  } else {
    /* no Nơi nhận: the signature's prefix line starts the closing */
    for (long i = start + 1; i < l->main_end; i++) {
      pt_piece pc[8];
      size_t np = pt_pieces(P(f, i), pc, 8);
      for (size_t k = 0; k < np && first < 0; k++)
        if (is_sig_prefix(f, (proof_ref){i, pc[k].off, pc[k].len})) first = i;
      if (first >= 0) {
        if (P(f, first)->table)
          while (first > 0 && P(f, first - 1)->table == P(f, i)->table)
            first--;
        break;
      }
    }
  }
  l->closing_first = first;
  long body_end = first >= 0 ? first : l->main_end;
  /* the body: from after the title block to the closing */
  long b0 = start + 1;
  while (b0 < body_end && (empty(f, b0) || rule_para(f, b0)))
    b0++;
  /* Kính gửi with several recipients: their "- …" lines come first */
  if (l->kinh_gui >= 0) {
    proof_ref kr = whole(f, l->kinh_gui);
    size_t colon = 0;
    const char *s = P(f, l->kinh_gui)->text + kr.off;
    while (colon < kr.len && s[colon] != ':')
      colon++;
    if (colon + 1 >= kr.len)
      while (b0 < body_end && para_starts(f, b0, "-") && P(f, b0)->len < 200)
        b0++;
  }
  long b1 = body_end - 1;
  while (b1 >= b0 && (empty(f, b1) || rule_para(f, b1)))
    b1--;
  l->body_first = b0 < body_end ? b0 : -1;
  l->body_last = b0 < body_end ? b1 : -1;
  if (first < 0) return;

  /* pieces of the closing: Nơi nhận's cell or its "- " lines, and the
   * signature (the other cell, or the pieces right of a tab) */
  const vb_doc_para *np_ = nn >= 0 ? P(f, nn) : NULL;
  int in_list = 0;
  for (long i = first; i < l->main_end; i++) {
    const vb_doc_para *p = P(f, i);
    if (np_ && np_->table && p->table && p->table != np_->table) break;
    pt_piece pc[8];
    size_t np = pt_pieces(p, pc, 8);
    for (size_t k = 0; k < np; k++) {
      proof_ref r = {i, pc[k].off, pc[k].len};
      if (i == nn && r.off == nn_off) {
        in_list = 1;
        continue;
      }
      int nn_cell =
          np_ && np_->table && p->table == np_->table && p->row == np_->row && p->cell == np_->cell;
      int nn_item =
          nn_cell || (in_list && k == 0 && (starts(f, r, "-") || starts(f, r, "+") || p->list));
      if (np_ && np_->table && p->table == np_->table && !nn_cell && i < nn) nn_item = 0;
      if (nn_item && (i > nn || nn_cell) && nn >= 0) {
        if (l->nnn < PROOF_MAX_NN) l->nn[l->nnn++] = r;
      } else if (l->nsig < PROOF_MAX_SIG) {
        l->sig[l->nsig++] = r;
      }
    }
  }
}

proof_layout *proof_layout_get(vb_proof *p) {
  if (p->layout) return p->layout;
  proof_layout *l = vb_arena_alloc(p->a, sizeof *l);
  l->qh.para = l->tn.para = l->so.para = l->date.para = l->nn_label.para = -1;
  l->ten_loai = l->trich_first = l->trich_last = l->kinh_gui = -1;
  l->body_first = l->body_last = l->closing_first = -1;
  l->main_end = (long)p->doc->nbody;
  finder f = {p, p->doc, l, VB_BUF_INIT};
  if (!p->on_data) {
    find_header(&f);
    if (l->nd30) {
      find_title(&f);
      find_closing(&f);
    }
  }
  vb_buf_free(&f.k);
  p->layout = l;
  return l;
}
