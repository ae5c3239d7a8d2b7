/* One quantity, one value: the same statement made twice in a document
 * ("… đã tiếp nhận 375 hồ sơ trực tuyến" in the body and "… đã tiếp nhận
 * 357 hồ sơ trực tuyến" in a later paragraph) must give the same figure,
 * and so must a table row and the prose that names it ("Tỷ lệ hồ sơ trực
 * tuyến | 98,7%" in an appendix, "Tỷ lệ hồ sơ trực tuyến đạt 97,8%" in the
 * body).
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
#include "vi/vi.h"

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

/* ---- a table row and the prose that names it ---- */

typedef struct row_fig {
  char *label; /* lower case, for finding it */
  char *shown; /* as written */
  pn_num num;
  long para; /* the value's cell paragraph */
  const char *value;
  int table, row;
} row_fig;

static int one_number(const vb_doc_para *pp, pn_num *out) {
  pn_num t[4];
  size_t nt = pn_scan(pp->text, pp->len, t, 4);
  if (nt != 1 || t[0].id) return 0;
  size_t off = 0, len = pp->len;
  pt_trim(pp->text, &off, &len);
  if (t[0].off != off || t[0].off + t[0].len != off + len) return 0;
  *out = t[0];
  return 1;
}

static size_t table_figures(vb_doc *doc, row_fig **out) {
  size_t n = 0, cap = 0;
  *out = NULL;
  for (size_t i = 0; i < doc->nbody;) {
    const vb_doc_para *pp = &doc->paras[i];
    if (!pp->table || pp->table_level != 1) {
      i++;
      continue;
    }
    int t = pp->table, r = pp->row, values = 0, digits;
    long label = -1, value = -1;
    pn_num num;
    for (; i < doc->nbody &&
           (doc->paras[i].table_level > 1 || (doc->paras[i].table == t && doc->paras[i].row == r));
         i++) {
      const vb_doc_para *q = &doc->paras[i];
      if (q->table_level > 1 || !q->len) continue;
      pn_num x;
      /* the first cell's plain number is the row's STT */
      if (one_number(q, &x) && !(q->cell == 1 && x.kind == PN_PLAIN)) {
        num = x;
        value = (long)i;
        values++;
      } else if (q->len >= 15 && pn_words(q->text, 0, q->len, &digits) >= 3 && !digits &&
                 (label < 0 || q->len > doc->paras[label].len)) {
        label = (long)i;
      }
    }
    if (label < 0 || values != 1) continue;
    if (n == cap) {
      cap = cap ? 2 * cap : 16;
      *out = vb_xrealloc(*out, cap * sizeof **out);
    }
    vb_buf lw = VB_BUF_INIT;
    vb_buf c = VB_BUF_INIT;
    pt_collapse(&c, doc->paras[label].text, doc->paras[label].len);
    vi_lower(&lw, vb_buf_cstr(&c));
    const vb_doc_para *vp = &doc->paras[value];
    (*out)[n++] = (row_fig){vb_buf_detach(&lw, NULL),
                            vb_buf_detach(&c, NULL),
                            num,
                            value,
                            vb_xstrndup(vp->text + num.off, num.len),
                            t,
                            r};
  }
  return n;
}

static void table_and_prose(vb_proof *p) {
  vb_doc *doc = p->doc;
  row_fig *rf;
  size_t nr = table_figures(doc, &rf);
  for (size_t k = 0; k < nr; k++) {
    for (size_t i = 0; i < doc->nbody; i++) {
      const vb_doc_para *pp = &doc->paras[i];
      if (pp->table || pp->len < 20) continue;
      size_t ml;
      size_t at = pt_find(pp->text, pp->len, rf[k].label, &ml);
      if (at == (size_t)-1) continue;
      size_t nt;
      const pn_num *t = proof_numbers(p, i, &nt);
      for (size_t j = 0; j < nt; j++) {
        if (t[j].off < at + ml || t[j].id) continue;
        if (t[j].range) break; /* a span is no second value */
        int digits;
        if (pn_words(pp->text, at + ml, t[j].off, &digits) > 12 || digits) break;
        int cut = 0;
        for (size_t q = at + ml; q < t[j].off; q++)
          if (pn_clause_end(pp->text, pp->len, q)) cut = 1;
        if (cut) break;
        if (t[j].kind == rf[k].num.kind &&
            (t[j].value != rf[k].num.value || t[j].den != rf[k].num.den))
          proof_report(p, "so-lieu.hai-gia-tri", (long)i, t[j].off, t[j].len, rf[k].value,
                       "cùng một số liệu ghi hai giá trị: \"%s\" %.*s ở đây nhưng %s ở bảng %d, "
                       "dòng %d",
                       rf[k].shown, (int)t[j].len, pp->text + t[j].off, rf[k].value, rf[k].table,
                       rf[k].row);
        break;
      }
    }
  }
  for (size_t k = 0; k < nr; k++) {
    free(rf[k].label);
    free(rf[k].shown);
    free((char *)rf[k].value);
  }
  free(rf);
}

void proof_prose_same(vb_proof *p) {
  if (!proof_on(p, "so-lieu.hai-gia-tri")) return;
  vb_doc *doc = p->doc;
  stmt *st = NULL;
  size_t ns = 0, cap = 0;
  vb_buf key = VB_BUF_INIT;
  for (size_t i = 0; i < doc->nbody; i++) {
    const vb_doc_para *pp = &doc->paras[i];
    if (pp->len < 20 || pp->table) continue;
    size_t nt;
    const pn_num *t = proof_numbers(p, i, &nt);
    for (size_t k = 0; k < nt; k++) {
      if (t[k].id || t[k].qual != PN_EXACT || t[k].range) continue;
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
  table_and_prose(p);
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
