/* Numbers written the Vietnamese way: a decimal comma ("98,7%", not
 * "98.7%"), thousands grouped with dots ("44.956", not "44956" or
 * "44,956"). One finding per kind, at the first place, with the count. */
#include <stdlib.h>

#include "proof/numbers.h"
#include "proof/proof.h"
#include "proof/text.h"
#include "util/buf.h"

typedef struct first {
  long para;
  size_t off, len;
  int count;
} first;

static void note(first *f, long para, const pn_num *t) {
  if (!f->count) *f = (first){para, t->off, t->len, 0};
  f->count++;
}

/* The token with its decimal dot as a comma. */
static const char *as_comma(vb_proof *p, const char *s, const first *f) {
  vb_buf b = VB_BUF_INIT;
  for (size_t i = f->off; i < f->off + f->len; i++) {
    char c = s[i];
    vb_buf_putc(&b, c == '.' && i > f->off && i + 1 < f->off + f->len ? ',' : c);
  }
  const char *r = proof_printf(p, "%s", vb_buf_cstr(&b));
  vb_buf_free(&b);
  return r;
}

void proof_prose_format(vb_proof *p) {
  if (!proof_on(p, "so-lieu.dinh-dang")) return;
  vb_doc *doc = p->doc;
  first dot = {0}, english = {0}, plain = {0};
  for (size_t i = 0; i < doc->nbody; i++) {
    const vb_doc_para *pp = &doc->paras[i];
    if (pp->len < 2) continue;
    size_t nt;
    const pn_num *t = proof_numbers(p, i, &nt);
    for (size_t k = 0; k < nt; k++) {
      /* a decimal dot where the number is surely a quantity */
      if (t[k].dot_decimal && !t[k].id &&
          (t[k].kind != PN_PLAIN ||
           (t[k].unit_len && pt_prefix(pp->text + t[k].unit_off, t[k].unit_len, "điểm"))))
        note(&dot, (long)i, &t[k]);
      if (t[k].has_thousand_comma && !t[k].id) note(&english, (long)i, &t[k]);
      if (t[k].long_plain && !t[k].id && pp->text[t[k].off] != '0') note(&plain, (long)i, &t[k]);
    }
  }
  proof_finding *f;
  if (dot.count) {
    const char *s = doc->paras[dot.para].text;
    f = proof_report(p, "so-lieu.dinh-dang", dot.para, dot.off, dot.len, as_comma(p, s, &dot),
                     "%d số thập phân viết bằng dấu chấm (như \"%.*s\"); tiếng Việt dùng dấu phẩy "
                     "thập phân",
                     dot.count, (int)dot.len, s + dot.off);
    if (f) f->count = dot.count;
  }
  if (english.count) {
    const char *s = doc->paras[english.para].text;
    f = proof_report(p, "so-lieu.dinh-dang", english.para, english.off, english.len, NULL,
                     "%d số viết kiểu tiếng Anh (như \"%.*s\"): hàng nghìn phân cách bằng dấu "
                     "chấm, thập phân bằng dấu phẩy",
                     english.count, (int)english.len, s + english.off);
    if (f) f->count = english.count;
  }
  if (plain.count) {
    const char *s = doc->paras[plain.para].text;
    f = proof_report(p, "so-lieu.dinh-dang", plain.para, plain.off, plain.len, NULL,
                     "%d số từ năm chữ số không có dấu chấm phân cách hàng nghìn (như \"%.*s\")",
                     plain.count, (int)plain.len, s + plain.off);
    if (f) f->count = plain.count;
  }
}
