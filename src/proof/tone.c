/* One tone-mark style in a document: the open syllables oa, oe, uy carry
 * their tone on the first vowel (hòa, thủy: the traditional style) or on
 * the second (hoà, thuỷ); a document that mixes them is reported once,
 * at the first word of the less used style. */
#include "proof/proof.h"
#include "proof/text.h"
#include "vi/vi.h"

typedef struct seen {
  long para;
  size_t off, len;
  int count;
} seen;

void proof_tone(vb_proof *p) {
  if (!proof_on(p, "nhat-quan.dau-thanh")) return;
  vb_doc *doc = p->doc;
  seen s[3] = {{-1, 0, 0, 0}, {-1, 0, 0, 0}, {-1, 0, 0, 0}};
  for (size_t pi = 0; pi < doc->nbody; pi++) {
    const vb_doc_para *pp = &doc->paras[pi];
    const char *t = pp->text;
    size_t n = pp->len;
    for (size_t i = 0; i < n;) {
      size_t k = i;
      if (!pt_letter(pt_next(t, n, &k))) {
        i = k;
        continue;
      }
      size_t start = i;
      while (i < n) {
        size_t j = i;
        if (!pt_letter(pt_next(t, n, &j))) break;
        i = j;
      }
      /* only words that end in a, e or y with a mark can be style-specific */
      if (i - start < 3 || i - start > 16) continue;
      vi_tone_style st = vi_tone_style_of_word(t + start, i - start);
      if (st == VI_TONE_NONE) continue;
      if (s[st].para < 0) s[st] = (seen){(long)pi, start, i - start, 0};
      s[st].count++;
    }
  }
  seen *o = &s[VI_TONE_OLD], *w = &s[VI_TONE_NEW];
  if (!o->count || !w->count) return;
  seen *minor = w->count <= o->count ? w : o, *major = minor == w ? o : w;
  const char *minor_word =
      proof_printf(p, "%.*s", (int)minor->len, doc->paras[minor->para].text + minor->off);
  const char *major_word =
      proof_printf(p, "%.*s", (int)major->len, doc->paras[major->para].text + major->off);
  const char *minor_style = minor == w ? "kiểu mới" : "kiểu cũ";
  const char *major_style = minor == w ? "kiểu cũ" : "kiểu mới";
  proof_finding *f = proof_report(
      p, "nhat-quan.dau-thanh", minor->para, minor->off, minor->len,
      minor == w ? "một kiểu: kiểu cũ (hòa, thủy, ủy) như phần lớn văn bản"
                 : "một kiểu: kiểu mới (hoà, thuỷ, uỷ) như phần lớn văn bản",
      "cách đặt dấu thanh không thống nhất: %s \"%s\" (%d từ, đầu tiên ở đây) và %s \"%s\" (%d "
      "từ)",
      minor_style, minor_word, minor->count, major_style, major_word, major->count);
  if (f) f->count = minor->count;
}
