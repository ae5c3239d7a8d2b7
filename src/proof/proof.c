/* Running the rules and collecting their findings. */
#include "proof/proof.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "proof/numbers.h"
#include "util/buf.h"

static int matches(const char *pattern, const char *rule) {
  size_t n = strlen(pattern);
  return !strncmp(pattern, rule, n) && (rule[n] == 0 || rule[n] == '.' || pattern[n - 1] == '.');
}

int proof_on(const vb_proof *p, const char *rule) {
  for (size_t i = 0; p->ignore && p->ignore[i]; i++)
    if (p->ignore[i][0] && matches(p->ignore[i], rule)) return 0;
  for (size_t i = 0; p->ignore_data && p->ignore_data[i]; i++)
    if (p->ignore_data[i][0] && matches(p->ignore_data[i], rule)) return 0;
  return 1;
}

const char *proof_printf(vb_proof *p, const char *fmt, ...) {
  vb_buf b = VB_BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  vb_buf_vprintf(&b, fmt, ap);
  va_end(ap);
  const char *s = vb_arena_strndup(p->a, b.data ? b.data : "", b.len);
  vb_buf_free(&b);
  return s;
}

proof_finding *proof_report(vb_proof *p, const char *rule, long para, size_t off, size_t len,
                            const char *expected, const char *fmt, ...) {
  if (!proof_on(p, rule)) return NULL;
  const proof_rule *r = proof_rule_find(rule);
  if (p->n == p->cap) {
    p->cap = p->cap ? 2 * p->cap : 32;
    p->f = vb_xrealloc(p->f, p->cap * sizeof *p->f);
  }
  proof_finding *f = &p->f[p->n];
  memset(f, 0, sizeof *f);
  f->rule = r ? r->info.id : vb_arena_strdup(p->a, rule);
  f->level = r ? r->info.level : VB_LEVEL_WARNING;
  f->para = para;
  f->off = off;
  f->len = len;
  f->section = -1;
  f->count = 1;
  f->seq = (long)p->n;
  vb_buf b = VB_BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  vb_buf_vprintf(&b, fmt, ap);
  va_end(ap);
  f->message = vb_arena_strndup(p->a, b.data ? b.data : "", b.len);
  vb_buf_free(&b);
  f->expected = expected ? vb_arena_strdup(p->a, expected) : NULL;
  if (para >= 0 && (size_t)para < p->doc->npara) {
    const vb_doc_para *pp = &p->doc->paras[para];
    size_t eo = off, el = len ? len : pp->len;
    if (eo > pp->len) eo = pp->len;
    if (el > pp->len - eo) el = pp->len - eo;
    if (el) f->excerpt = vb_arena_strndup(p->a, pp->text + eo, el);
  }
  p->n++;
  return f;
}

static int by_place(const void *a, const void *b) {
  const proof_finding *x = a, *y = b;
  if (x->para != y->para) {
    if (x->para < 0) return -1;
    if (y->para < 0) return 1;
    return x->para < y->para ? -1 : 1;
  }
  if (x->para >= 0 && x->off != y->off) return x->off < y->off ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void proof_run(vb_proof *p) {
  if (p->on_data) {
    proof_form_data(p);
  } else {
    proof_form(p);
    proof_tone(p);
    proof_rows(p);
  }
  proof_prose_ratio(p);
  proof_prose_sum(p);
  if (!p->on_data) proof_prose_assess(p);
  proof_prose_same(p);
  proof_prose_format(p);
  proof_names(p);
  proof_numbering(p);
  proof_appendix_refs(p);
  proof_doclist(p);
  if (p->n > 1) qsort(p->f, p->n, sizeof *p->f, by_place);
}

const pn_num *proof_numbers(vb_proof *p, size_t para, size_t *n) {
  *n = 0;
  if (para >= p->doc->nbody) return NULL;
  if (!p->nums) {
    p->nums = vb_xcalloc(p->doc->nbody + 1, sizeof *p->nums);
    p->nnums = vb_xcalloc(p->doc->nbody + 1, sizeof *p->nnums);
  }
  if (!p->nums[para]) {
    const vb_doc_para *pp = &p->doc->paras[para];
    /* a number takes at least one byte and one separator */
    size_t max = pp->len / 2 + 1;
    if (max > 4096) max = 4096;
    pn_num *t = vb_xmalloc(max * sizeof *t);
    p->nnums[para] = pn_scan(pp->text, pp->len, t, max);
    p->nums[para] = t;
  }
  *n = p->nnums[para];
  return p->nums[para];
}

void proof_free(vb_proof *p) {
  free(p->f);
  p->f = NULL;
  p->n = p->cap = 0;
  if (p->nums && p->doc)
    for (size_t i = 0; i <= p->doc->nbody; i++)
      free(p->nums[i]);
  free(p->nums);
  free(p->nnums);
  p->nums = NULL;
  p->nnums = NULL;
}
