/* An indicator's assessment against its own figures. Reports of this kind
 * write each indicator as "a) Yêu cầu tiêu chí: … 70%", "b) Kết quả: …
 * 233/236 hồ sơ …", "c) Đánh giá: Đạt". When the requirement states one
 * target percentage and the result one fraction (or one percentage), the
 * assessment must agree with them: "Đạt" when the result reaches the
 * target ("trên 70%": above it), "Chưa đạt" / "Không đạt" otherwise. */
#include <math.h>
#include <string.h>

#include "proof/numbers.h"
#include "proof/proof.h"
#include "proof/text.h"
#include "util/buf.h"
#include "vi/vi.h"

#define MAXN 64

static int starts_with(const vb_doc_para *p, const char *lw, size_t *after) {
  size_t off = 0, len = p->len;
  pt_trim(p->text, &off, &len);
  size_t m = len ? pt_prefix(p->text + off, len, lw) : 0;
  if (after) *after = off + m;
  return m > 0;
}

static int is_item_heading(const vb_doc_para *p) {
  /* "1.5. Tiêu chí …", "3. Tiêu chí số 4.3" */
  const char *s = p->text;
  size_t i = 0;
  while (i < p->len && s[i] >= '0' && s[i] <= '9')
    i++;
  return i > 0 && i < p->len && s[i] == '.';
}

void proof_prose_assess(vb_proof *p) {
  if (!proof_on(p, "so-lieu.danh-gia")) return;
  vb_doc *doc = p->doc;
  pn_num t[MAXN];
  for (size_t i = 0; i < doc->nbody; i++) {
    size_t after;
    if (!starts_with(&doc->paras[i], "a) yêu cầu", &after)) continue;
    /* the block: a) … b) … c) Đánh giá, before the next item */
    long b = -1, c = -1;
    for (size_t j = i + 1; j < doc->nbody && j < i + 40; j++) {
      const vb_doc_para *q = &doc->paras[j];
      if (is_item_heading(q) || starts_with(q, "a) yêu cầu", NULL)) break;
      if (b < 0 && starts_with(q, "b) kết quả", NULL)) b = (long)j;
      if (b >= 0 && starts_with(q, "c) đánh giá", NULL)) {
        c = (long)j;
        break;
      }
    }
    if (b < 0 || c < 0) continue;
    /* the target: the one percentage of the requirement */
    int targets = 0;
    pn_num target = {0};
    const char *target_text = NULL;
    for (long j = (long)i; j < b; j++) {
      const vb_doc_para *q = &doc->paras[j];
      size_t nt = pn_scan(q->text, q->len, t, MAXN);
      for (size_t k = 0; k < nt; k++)
        if (t[k].kind == PN_PERCENT) {
          target = t[k];
          target_text = proof_printf(p, "%.*s", (int)t[k].len, q->text + t[k].off);
          targets++;
        }
    }
    if (targets != 1) continue;
    /* the result: its first fraction, else its one percentage */
    double result = -1;
    const char *shown = NULL;
    int percents = 0;
    double percent = -1;
    for (long j = b; j < c && result < 0; j++) {
      const vb_doc_para *q = &doc->paras[j];
      size_t nt = pn_scan(q->text, q->len, t, MAXN);
      for (size_t k = 0; k < nt; k++) {
        if (t[k].kind == PN_FRACTION && t[k].den > 0) {
          result = t[k].value / t[k].den * 100;
          shown = proof_printf(p, "%.*s", (int)t[k].len, q->text + t[k].off);
          break;
        }
        if (t[k].kind == PN_PERCENT) percent = t[k].value, percents++;
      }
    }
    if (result < 0 && percents == 1) {
      result = percent;
      shown = NULL;
    }
    if (result < 0) continue;
    const vb_doc_para *cp = &doc->paras[c];
    size_t at;
    starts_with(cp, "c) đánh giá", &at);
    while (at < cp->len && (cp->text[at] == ':' || cp->text[at] == ' '))
      at++;
    int said_met;
    if (pt_prefix(cp->text + at, cp->len - at, "đạt"))
      said_met = 1;
    else if (pt_prefix(cp->text + at, cp->len - at, "chưa đạt") ||
             pt_prefix(cp->text + at, cp->len - at, "không đạt"))
      said_met = 0;
    else
      continue;
    /* the result as the decree's reports round it: one decimal */
    double r1 = floor(result * 10 + 0.5 + 1e-9) / 10;
    int met = target.qual == PN_ABOVE ? r1 > target.value : r1 >= target.value;
    if (met == said_met) continue;
    vb_buf rate = VB_BUF_INIT;
    vi_format_percent(&rate, r1, 1);
    size_t end = at;
    while (end < cp->len && cp->text[end] != '.' && cp->text[end] != ' ')
      end++;
    if (end < cp->len && cp->text[end] == ' ' && !said_met) {
      end++;
      while (end < cp->len && cp->text[end] != '.' && cp->text[end] != ' ')
        end++;
    }
    proof_report(p, "so-lieu.danh-gia", c, at, end - at, met ? "Đạt" : "Chưa đạt",
                 "đánh giá \"%.*s\" mâu thuẫn với số liệu: %s%s%s, mục tiêu %s%s", (int)(end - at),
                 cp->text + at, shown ? shown : "", shown ? " = " : "", vb_buf_cstr(&rate),
                 target.qual == PN_ABOVE ? "trên " : "≥ ", target_text);
    vb_buf_free(&rate);
  }
}
