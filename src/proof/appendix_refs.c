/* Appendices and the citations of them (Nghị định 30, Phụ lục I, mục
 * III.1: the body refers to every appendix): no two appendices with one
 * number, numbers in order, every cited appendix present. When some
 * appendices are cited and one is not, that one is worth a look. */
#include <string.h>

#include "proof/layout.h"
#include "proof/proof.h"
#include "proof/text.h"

typedef struct cite {
  long para;
  size_t off, len;
  int value;
} cite;

#define MAXC 64

/* "Phụ lục 03", "phụ lục số 3", "Phụ lục II" in running text. */
static size_t citations(vb_proof *p, long from, long to, const proof_layout *l, cite *c) {
  vb_doc *doc = p->doc;
  size_t n = 0;
  for (long i = from; i < to && n < MAXC; i++) {
    int heading = 0;
    for (int a = 0; l && a < l->napp; a++)
      if (l->app[a].heading.para == i || l->app[a].kem_theo.para == i) heading = 1;
    if (heading) continue;
    const vb_doc_para *pp = &doc->paras[i];
    const char *s = pp->text;
    if (!pt_has(s, pp->len, "ục", "ỤC")) continue;
    size_t at = 0, ml;
    while (at < pp->len && n < MAXC) {
      size_t k = pt_find(s + at, pp->len - at, "phụ lục", &ml);
      if (k == (size_t)-1) break;
      size_t st = at + k, j = st + ml;
      at = j;
      while (j < pp->len && s[j] == ' ')
        j++;
      size_t sm = pt_prefix(s + j, pp->len - j, "số");
      if (sm) {
        j += sm;
        while (j < pp->len && s[j] == ' ')
          j++;
      }
      size_t e = j;
      while (e < pp->len &&
             ((s[e] >= '0' && s[e] <= '9') || s[e] == 'I' || s[e] == 'V' || s[e] == 'X'))
        e++;
      if (e == j || (e < pp->len && pt_letter((unsigned char)s[e]))) continue;
      int v = proof_number_value(s + j, e - j);
      if (v <= 0) continue;
      c[n++] = (cite){i, st, e - st, v};
    }
  }
  return n;
}

void proof_appendix_refs(vb_proof *p) {
  if (!proof_on(p, "nhat-quan.phu-luc")) return;
  vb_doc *doc = p->doc;
  cite c[MAXC];
  if (p->on_data) {
    /* the data's appendices are numbered by vanban: I, II … or one alone */
    const vb_value *pl = vb_obj_get(p->data, "phu_luc");
    size_t count = pl && pl->kind == VB_ARR ? pl->u.arr.len : pl && pl->kind == VB_OBJ ? 1 : 0;
    size_t n = citations(p, 0, (long)doc->nbody, NULL, c);
    for (size_t k = 0; k < n; k++)
      if ((size_t)c[k].value > count)
        proof_report(p, "nhat-quan.phu-luc", c[k].para, c[k].off, c[k].len, NULL,
                     "nội dung dẫn \"%.*s\" nhưng dữ liệu có %zu phụ lục", (int)c[k].len,
                     doc->paras[c[k].para].text + c[k].off, count);
    return;
  }
  proof_layout *l = proof_layout_get(p);
  for (int a = 0; a < l->napp; a++) {
    const proof_appendix *x = &l->app[a];
    if (!x->value) continue;
    for (int b = 0; b < a; b++)
      if (l->app[b].value == x->value) {
        proof_report(p, "nhat-quan.phu-luc", x->heading.para, x->heading.off, x->heading.len, NULL,
                     "hai phụ lục cùng số \"%s\"", x->number);
        break;
      }
    if (a > 0 && l->app[a - 1].value && x->value < l->app[a - 1].value) {
      proof_finding *f =
          proof_report(p, "nhat-quan.phu-luc", x->heading.para, x->heading.off, x->heading.len,
                       NULL, "phụ lục %s đứng sau phụ lục %s", x->number, l->app[a - 1].number);
      if (f) f->level = VB_LEVEL_WARNING;
    }
  }
  size_t n = citations(p, 0, l->main_end, l, c);
  int any_cited = 0;
  for (size_t k = 0; k < n; k++) {
    int found = 0;
    for (int a = 0; a < l->napp; a++)
      if (l->app[a].value == c[k].value || (l->napp == 1 && !l->app[a].value && c[k].value == 1))
        found = 1;
    if (found) {
      any_cited = 1;
      continue;
    }
    proof_report(p, "nhat-quan.phu-luc", c[k].para, c[k].off, c[k].len, NULL,
                 "nội dung dẫn \"%.*s\" nhưng văn bản không có phụ lục này", (int)c[k].len,
                 doc->paras[c[k].para].text + c[k].off);
  }
  if (any_cited && l->napp >= 2)
    for (int a = 0; a < l->napp; a++) {
      int cited = 0;
      for (size_t k = 0; k < n; k++)
        if (c[k].value == l->app[a].value) cited = 1;
      if (!cited && l->app[a].value) {
        proof_finding *f =
            proof_report(p, "nhat-quan.phu-luc", l->app[a].heading.para, l->app[a].heading.off,
                         l->app[a].heading.len, NULL, "nội dung không dẫn chiếu đến phụ lục %s",
                         l->app[a].number);
        if (f) f->level = VB_LEVEL_HINT;
      }
    }
}
