/* One quantity, one value: the same statement made twice in a document
 * ("… đã tiếp nhận 375 hồ sơ trực tuyến" in the body and "… đã tiếp nhận
 * 357 hồ sơ trực tuyến" in a later paragraph) must give the same figure.
 * Two statements are the same when the seven words before the number and
 * the three after it, all in one clause, are the same (ignoring case), in
 * two different paragraphs (one paragraph listing parallel items repeats
 * its wording on purpose); identifiers, years and dates are not figures. */
#include <stdlib.h>
#include <string.h>

#include "proof/numbers.h"
#include "proof/proof.h"
#include "proof/text.h"
#include "util/buf.h"

#define MAXN 512
#define BEFORE 7
#define AFTER 3

typedef struct stmt {
  char *key;
  char *value; /* the number as written */
  double v;
  long para;
  size_t off, len;
} stmt;

/* The folded words around [a, b) within the clause: BEFORE words before,
 * AFTER words after; 0 when there are not enough or a digit is among them. */
static int context(const char *s, size_t n, size_t a, size_t b, vb_buf *key) {
  size_t cs = a;
  while (cs > 0 && !pn_clause_end(s, n, cs - 1))
    cs--;
  size_t ring[BEFORE];
  int nw = 0;
  size_t last_digit = (size_t)-1;
  int in = 0;
  for (size_t i = cs; i < a;) {
    size_t q = i;
    uint32_t c = pt_next(s, a, &q);
    if (pt_letter(c)) {
      if (!in) ring[nw++ % BEFORE] = i;
      in = 1;
    } else {
      in = 0;
      if (c >= '0' && c <= '9') last_digit = i;
    }
    i = q;
  }
  if (nw < BEFORE) return 0;
  size_t from = ring[nw % BEFORE]; /* the oldest of the last BEFORE starts */
  if (last_digit != (size_t)-1 && last_digit >= from) return 0;
  vb_buf_clear(key);
  pt_key(key, s + from, a - from);
  vb_buf_puts(key, " # ");
  size_t k = b, end = b;
  int w = 0;
  in = 0;
  while (k < n && w <= AFTER) {
    if (pn_clause_end(s, n, k)) break;
    size_t q = k;
    uint32_t c = pt_next(s, n, &q);
    if (c >= '0' && c <= '9') break;
    if (pt_letter(c)) {
      if (!in && ++w > AFTER) break;
      in = 1;
      end = q;
    } else {
      in = 0;
    }
    k = q;
  }
  if (w < AFTER) return 0;
  pt_key(key, s + b, end - b);
  return 1;
}

static int by_key(const void *a, const void *b) {
  const stmt *x = a, *y = b;
  int c = strcmp(x->key, y->key);
  if (c) return c;
  return x->para < y->para ? -1 : x->para > y->para ? 1 : (x->off > y->off) - (x->off < y->off);
}

void proof_prose_same(vb_proof *p) {
  if (!proof_on(p, "so-lieu.hai-gia-tri")) return;
  vb_doc *doc = p->doc;
  pn_num *t = vb_xmalloc(MAXN * sizeof *t);
  stmt *st = NULL;
  size_t ns = 0, cap = 0;
  vb_buf key = VB_BUF_INIT;
  for (size_t i = 0; i < doc->nbody; i++) {
    const vb_doc_para *pp = &doc->paras[i];
    if (pp->len < 20 || pp->table) continue;
    size_t nt = pn_scan(pp->text, pp->len, t, MAXN);
    for (size_t k = 0; k < nt; k++) {
      if (t[k].id || t[k].qual != PN_EXACT) continue;
      if (!context(pp->text, pp->len, t[k].off, t[k].off + t[k].len, &key)) continue;
      vb_buf_printf(&key, " %d", (int)t[k].kind);
      if (ns == cap) {
        cap = cap ? 2 * cap : 128;
        st = vb_xrealloc(st, cap * sizeof *st);
      }
      st[ns++] = (stmt){vb_xstrndup(key.data, key.len),
                        vb_xstrndup(pp->text + t[k].off, t[k].len),
                        t[k].value + t[k].den * 1e-9,
                        (long)i,
                        t[k].off,
                        t[k].len};
    }
  }
  vb_buf_free(&key);
  free(t);
  if (ns > 1) qsort(st, ns, sizeof *st, by_key);
  for (size_t a = 0; a < ns;) {
    size_t b = a + 1;
    while (b < ns && !strcmp(st[b].key, st[a].key))
      b++;
    for (size_t k = a + 1; k < b; k++) {
      if (st[k].v == st[a].v || st[k].para == st[a].para) continue;
      const vb_doc_para *first = &doc->paras[st[a].para];
      vb_buf ctx = VB_BUF_INIT;
      pt_first_words(&ctx, first->text + (st[a].off > 60 ? st[a].off - 60 : 0),
                     st[a].off + st[a].len - (st[a].off > 60 ? st[a].off - 60 : 0), 60);
      proof_report(p, "so-lieu.hai-gia-tri", st[k].para, st[k].off, st[k].len, st[a].value,
                   "cùng một số liệu ghi hai giá trị: %s ở đây nhưng %s ở đoạn trước (\"%s\")",
                   st[k].value, st[a].value, vb_buf_cstr(&ctx));
      vb_buf_free(&ctx);
      break;
    }
    a = b;
  }
  for (size_t k = 0; k < ns; k++) {
    free(st[k].key);
    free(st[k].value);
  }
  free(st);
}
