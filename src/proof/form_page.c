/* Page rules (Nghị định 30, Phụ lục I, mục I): A4 paper, the margins, the
 * font, and page numbers (centred in the top margin, from page 2, each
 * appendix numbered on its own). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "proof/form.h"
#include "proof/text.h"

#define MM(x) ((int)((x)*1440.0 / 25.4 + 0.5))
/* Lengths are stored in whole twips; a margin typed as 20 mm is 1134 twips
 * = 20.004 mm, and 15 mm is 850 = 14.99 mm. */
#define SLACK 17 /* 0.3 mm */

static void page_size(vb_proof *p) {
  vb_doc *doc = p->doc;
  for (size_t i = 0; i < doc->nsections; i++) {
    const vb_doc_section *s = &doc->sections[i];
    if (s->page_w == VB_DOC_UNSET || s->page_h == VB_DOC_UNSET) continue;
    int w = s->page_w < s->page_h ? s->page_w : s->page_h;
    int h = s->page_w < s->page_h ? s->page_h : s->page_w;
    proof_finding *f = NULL;
    if (abs(w - 11906) > 57 || abs(h - 16838) > 57) {
      f = proof_report(p, "the-thuc.kho-giay", -1, 0, 0, "A4 (210 × 297 mm)",
                       "khổ giấy %s × %s mm, không phải A4 (210 × 297 mm)", form_mm(p, w),
                       form_mm(p, h));
    } else if (i == 0 && s->landscape) {
      f = proof_report(p, "the-thuc.kho-giay", -1, 0, 0, "trang đứng",
                       "trang đầu của văn bản đặt khổ ngang; chỉ phụ lục có bảng rộng mới dùng "
                       "khổ ngang");
    }
    if (f) f->section = (int)i;
  }
}

static void margins(vb_proof *p) {
  vb_doc *doc = p->doc;
  const char *seen[16];
  int nseen = 0;
  for (size_t i = 0; i < doc->nsections; i++) {
    const vb_doc_section *s = &doc->sections[i];
    struct {
      const char *name;
      int v, lo, hi;
    } m[4] = {{"trên", s->m_top, MM(20), MM(25)},
              {"dưới", s->m_bottom, s->landscape ? MM(15) : MM(20), MM(25)},
              {"trái", s->m_left, MM(30), MM(35)},
              {"phải", s->m_right, MM(15), MM(20)}};
    for (int k = 0; k < 4; k++) {
      if (m[k].v == VB_DOC_UNSET) continue;
      if (m[k].v >= m[k].lo - SLACK && m[k].v <= m[k].hi + SLACK) continue;
      const char *range = proof_printf(p, "%d–%d mm", (m[k].lo * 254 + 7200) / 14400,
                                       (m[k].hi * 254 + 7200) / 14400);
      const char *msg =
          proof_printf(p, "lề %s %s mm, ngoài khoảng %s", m[k].name, form_mm(p, m[k].v), range);
      /* the same margin in every section is one finding */
      int dup = 0;
      for (int j = 0; j < nseen; j++)
        if (!strcmp(seen[j], msg)) dup = 1;
      if (dup) continue;
      if (nseen < 16) seen[nseen++] = msg;
      proof_finding *f = proof_report(p, "the-thuc.le", -1, 0, 0,
                                      proof_printf(p, "lề %s %s", m[k].name, range), "%s", msg);
      if (f) f->section = doc->nsections > 1 ? (int)i : -1;
    }
  }
}

static int is_tnr(const char *f) {
  static const char *const ok[] = {"Times New Roman", "TimesNewRoman", "Times New Roman PS", NULL};
  for (int i = 0; ok[i]; i++)
    if (!strcasecmp(f, ok[i])) return 1;
  return 0;
}

static int symbol_font(const char *f) {
  return !strcasecmp(f, "Symbol") || !strncasecmp(f, "Wingdings", 9) ||
         !strcasecmp(f, "Webdings") || !strcasecmp(f, "OpenSymbol");
}

static void fonts(vb_proof *p) {
  vb_doc *doc = p->doc;
  struct {
    const char *font;
    long first;
    int paras;
  } other[8];
  int nother = 0;
  for (size_t i = 0; i < doc->npara; i++) {
    const vb_doc_para *pp = &doc->paras[i];
    if (pp->area == VB_AREA_COMMENT || pp->area == VB_AREA_NOTE) continue;
    const char *counted[8];
    int nc = 0;
    for (size_t s = 0; s < pp->nspans; s++) {
      const vb_doc_span *sp = &pp->spans[s];
      if (!sp->font || is_tnr(sp->font) || symbol_font(sp->font)) continue;
      size_t off = sp->off, len = sp->len;
      pt_trim(pp->text, &off, &len);
      if (!len) continue;
      int seen = 0;
      for (int c = 0; c < nc; c++)
        if (!strcmp(counted[c], sp->font)) seen = 1;
      if (seen) continue;
      if (nc < 8) counted[nc++] = sp->font;
      int k = 0;
      while (k < nother && strcmp(other[k].font, sp->font) != 0)
        k++;
      if (k == nother) {
        if (nother == 8) continue;
        other[nother].font = sp->font;
        other[nother].first = (long)i;
        other[nother].paras = 0;
        nother++;
      }
      other[k].paras++;
    }
  }
  for (int k = 0; k < nother; k++) {
    proof_finding *f =
        proof_report(p, "the-thuc.phong-chu", other[k].first, 0, 0, "Times New Roman",
                     "chữ %s trong %d đoạn (đầu tiên ở đây); Nghị định 30 quy định "
                     "phông Times New Roman",
                     other[k].font, other[k].paras);
    if (f) f->count = other[k].paras;
  }
}

/* ---- page numbers ---- */

static int part_has_page(vb_doc *doc, int part) {
  return part >= 0 && (size_t)part < doc->nparts && doc->parts[part].page_field;
}

static long page_para(vb_doc *doc, int part) {
  const vb_doc_part *pt = &doc->parts[part];
  for (size_t i = pt->first_para; i < pt->first_para + pt->npara; i++)
    if (doc->paras[i].len) return (long)i;
  return pt->npara ? (long)pt->first_para : -1;
}

/* Visible characters of a section's body: a page holds about 2,500 at the
 * decree's sizes, so a section well under two pages needs no number. */
static size_t section_chars(vb_doc *doc, size_t si) {
  size_t end = si + 1 < doc->nsections ? doc->sections[si + 1].first_para : doc->nbody, n = 0;
  for (size_t i = doc->sections[si].first_para; i < end && i < doc->nbody; i++)
    n += doc->paras[i].len;
  return n;
}

static void page_numbers(vb_proof *p) {
  vb_doc *doc = p->doc;
  proof_layout *l = proof_layout_get(p);
  int any = 0;
  for (size_t si = 0; si < doc->nsections; si++) {
    const vb_doc_section *s = &doc->sections[si];
    int in_header = part_has_page(doc, s->header_default);
    int in_footer = part_has_page(doc, s->footer_default);
    int first_shows =
        s->title_page ? part_has_page(doc, s->header_first) || part_has_page(doc, s->footer_first)
                      : in_header || in_footer;
    any |= in_header || in_footer;
    if (si == 0 && first_shows) {
      int part = s->title_page
                     ? (part_has_page(doc, s->header_first) ? s->header_first : s->footer_first)
                     : (in_header ? s->header_default : s->footer_default);
      proof_finding *f = proof_report(p, "the-thuc.so-trang", page_para(doc, part), 0, 0,
                                      "không hiện số ở trang 1 (trang đầu riêng)",
                                      "trang 1 có số trang; Nghị định 30: đánh số từ trang 2");
      if (f && f->para < 0) f->section = (int)si;
    }
    if (in_footer && !in_header) {
      proof_report(p, "the-thuc.so-trang", page_para(doc, s->footer_default), 0, 0,
                   "số trang ở giữa lề trên",
                   "số trang đặt ở chân trang; Nghị định 30: căn giữa trong lề trên (đầu trang)");
    }
    if (in_header) {
      long pp = page_para(doc, s->header_default);
      if (pp >= 0) {
        proof_ref r = {pp, 0, doc->paras[pp].len};
        if (doc->paras[pp].align != VB_ALIGN_CENTER)
          proof_report(p, "the-thuc.so-trang", pp, 0, 0, "căn giữa", "số trang không căn giữa");
        form_size_in(p, "the-thuc.so-trang", r, "số trang", 26, 28);
      }
    }
  }
  /* the same header part is reported once */
  for (size_t i = 0; i + 1 < p->n; i++)
    for (size_t j = i + 1; j < p->n; j++)
      if (p->f[i].para >= 0 && p->f[i].para == p->f[j].para && p->f[i].rule == p->f[j].rule &&
          !strcmp(p->f[i].message, p->f[j].message)) {
        p->f[j] = p->f[--p->n];
        j--;
      }
  if (!any && doc->nsections && section_chars(doc, 0) > 5000) {
    proof_finding *f =
        proof_report(p, "the-thuc.so-trang", -1, 0, 0, "số trang giữa lề trên, từ trang 2",
                     "văn bản nhiều trang nhưng không có số trang");
    if (f) f->level = VB_LEVEL_WARNING;
  }
  /* each appendix numbered from 1 */
  if (any && l->napp > 0) {
    for (int a = 0; a < l->napp; a++) {
      long h = l->app[a].heading.para;
      int sec = doc->paras[h].section;
      int starts_section =
          (size_t)sec < doc->nsections && sec > 0 && doc->sections[sec].first_para <= (size_t)h;
      /* the heading opens its section when nothing visible comes before it */
      if (starts_section)
        for (size_t i = doc->sections[sec].first_para; i < (size_t)h; i++)
          if (doc->paras[i].number) starts_section = 0;
      if (!starts_section) {
        proof_finding *f = proof_report(
            p, "the-thuc.so-trang", h, l->app[a].heading.off, l->app[a].heading.len,
            "phụ lục bắt đầu một phần (section) mới, đánh số trang lại từ 1",
            "phụ lục không đánh số trang riêng (Nghị định 30: mỗi phụ lục đánh số từ 1)");
        if (f) f->level = VB_LEVEL_WARNING;
      } else if (doc->sections[sec].page_start != 1) {
        proof_finding *f = proof_report(p, "the-thuc.so-trang", h, l->app[a].heading.off,
                                        l->app[a].heading.len, "đánh số trang lại từ 1",
                                        "số trang của phụ lục nối tiếp văn bản chính; Nghị định "
                                        "30: mỗi phụ lục đánh số từ 1");
        if (f) f->level = VB_LEVEL_WARNING;
      }
    }
  }
}

void proof_form_page(vb_proof *p) {
  page_size(p);
  margins(p);
  fonts(p);
  page_numbers(p);
}
