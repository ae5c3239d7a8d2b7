/* Place names spelled one way: every name after "xã", "huyện", "tỉnh",
 * "phường", "thị trấn", "thành phố", "quận", "thị xã", "thôn" is compared
 * with the others without tone marks and case ("Hà Tân", "HÀ TÂN", "Hà Tấn"
 * and "Hà tân" are one name). A name written in more than one way is
 * reported once, with each spelling, how often, and where the rarer one is.
 * Names in capitals (headers) count as their title-case spelling. The
 * place of the date line ("Hà Tân, ngày …") is one more spelling. */
#include <stdlib.h>
#include <string.h>

#include "proof/layout.h"
#include "proof/proof.h"
#include "proof/text.h"
#include "util/buf.h"

typedef struct word {
  size_t off, len;
  char fold[48];
  int upper_first, all_upper;
} word;

typedef struct occ {
  char *key;      /* folded name */
  char *spelling; /* as written (title case for a name in capitals) */
  long para;
  size_t off, len;
} occ;

static size_t words_of(const char *s, size_t n, word *out, size_t max) {
  size_t k = 0;
  for (size_t i = 0; i < n && k < max;) {
    unsigned char b = (unsigned char)s[i];
    int ascii_letter = b < 0x80 && (b | 0x20) >= 'a' && (b | 0x20) <= 'z';
    if (b < 0x80 && !ascii_letter) {
      i++; /* ASCII that is no letter: the common case */
      continue;
    }
    if (!ascii_letter) {
      size_t j = i;
      if (!pt_letter(pt_next(s, n, &j))) {
        i = j;
        continue;
      }
    }
    word *w = &out[k];
    w->off = i;
    size_t f = 0;
    int first = 1, upper = 1;
    w->upper_first = 0;
    while (i < n) {
      unsigned char c0 = (unsigned char)s[i];
      unsigned char fc;
      int lower;
      if (c0 < 0x80) {
        if (!((c0 | 0x20) >= 'a' && (c0 | 0x20) <= 'z')) break;
        fc = (unsigned char)(c0 | 0x20);
        lower = c0 >= 'a';
        i++;
      } else {
        size_t q = i;
        uint32_t d = pt_next(s, n, &q);
        if (!pt_letter(d)) break;
        fc = pt_fold_char(d);
        lower = pt_is_lower(d);
        i = q;
        if (!fc) continue; /* a combining mark */
      }
      if (fc != 0xFF && f + 1 < sizeof w->fold) w->fold[f++] = (char)fc;
      if (first) w->upper_first = !lower;
      if (lower) upper = 0;
      first = 0;
    }
    w->fold[f] = 0;
    w->len = i - w->off;
    w->all_upper = upper;
    k++;
  }
  return k;
}

/* The lower-case form of a word equals `lw`. */
static int word_is(const char *s, const word *w, const char *lw) {
  return pt_prefix(s + w->off, w->len, lw) == w->len;
}

static int designator(const char *s, const word *w, size_t nw, size_t i) {
  /* the folded form first: most words are no designator, and comparing
   * folded ASCII is cheap */
  const char *f = w[i].fold;
  static const char *const two[][2] = {{"thị", "trấn"}, {"thành", "phố"}, {"thị", "xã"}};
  static const char *const two_fold[][2] = {{"thi", "tran"}, {"thanh", "pho"}, {"thi", "xa"}};
  for (int k = 0; k < 3; k++)
    if (i + 1 < nw && !strcmp(f, two_fold[k][0]) && !strcmp(w[i + 1].fold, two_fold[k][1]) &&
        word_is(s, &w[i], two[k][0]) && word_is(s, &w[i + 1], two[k][1]))
      return 2;
  static const char *const one[] = {"xã", "huyện", "tỉnh", "phường", "quận", "thôn", NULL};
  static const char *const one_fold[] = {"xa", "huyen", "tinh", "phuong", "quan", "thon", NULL};
  for (int k = 0; one[k]; k++)
    if (!strcmp(f, one_fold[k]) && word_is(s, &w[i], one[k])) return 1;
  return 0;
}

/* Title case of a name written in capitals: the first letter of each word
 * kept, the rest lower-cased. */
static char *spelling(const char *s, size_t off, size_t len, int caps) {
  vb_buf b = VB_BUF_INIT;
  int start = 1;
  for (size_t i = off; i < off + len;) {
    size_t j = i;
    uint32_t c = pt_next(s, off + len, &j);
    if (caps && !start && pt_letter(c)) c = pt_lower(c);
    start = !pt_letter(c);
    char enc[4];
    size_t n = 0;
    if (c < 0x80)
      enc[n++] = (char)c;
    else if (c < 0x800) {
      enc[n++] = (char)(0xC0 | (c >> 6));
      enc[n++] = (char)(0x80 | (c & 0x3F));
    } else {
      enc[n++] = (char)(0xE0 | (c >> 12));
      enc[n++] = (char)(0x80 | ((c >> 6) & 0x3F));
      enc[n++] = (char)(0x80 | (c & 0x3F));
    }
    vb_buf_put(&b, enc, n);
    i = j;
  }
  /* one space between words */
  vb_buf c = VB_BUF_INIT;
  pt_collapse(&c, b.data ? b.data : "", b.len);
  vb_buf_free(&b);
  return vb_buf_detach(&c, NULL);
}

static int by_key(const void *a, const void *b) {
  const occ *x = a, *y = b;
  int c = strcmp(x->key, y->key);
  if (c) return c;
  return x->para < y->para ? -1 : x->para > y->para ? 1 : (x->off > y->off) - (x->off < y->off);
}

void proof_names(vb_proof *p) {
  if (!proof_on(p, "nhat-quan.ten-rieng")) return;
  vb_doc *doc = p->doc;
  occ *o = NULL;
  size_t no = 0, cap = 0;
  word w[256];
  /* a part of each designator in both cases: paragraphs without one are
   * not read word by word */
  static const char *const parts[][2] = {{"xã", "XÃ"},     {"uyện", "UYỆN"}, {"ỉnh", "ỈNH"},
                                         {"ường", "ƯỜNG"}, {"uận", "UẬN"},   {"hôn", "HÔN"},
                                         {"rấn", "RẤN"},   {"phố", "PHỐ"}};
  for (size_t pi = 0; pi < doc->nbody; pi++) {
    const vb_doc_para *pp = &doc->paras[pi];
    const char *s = pp->text;
    int maybe = 0;
    for (size_t k = 0; k < sizeof parts / sizeof parts[0] && !maybe; k++)
      maybe = pt_has(s, pp->len, parts[k][0], parts[k][1]);
    if (!maybe) continue;
    size_t nw = words_of(s, pp->len, w, 256);
    for (size_t i = 0; i < nw; i++) {
      char f0 = w[i].fold[0];
      if (f0 != 'x' && f0 != 'h' && f0 != 't' && f0 != 'p' && f0 != 'q') continue;
      int d = designator(s, w, nw, i);
      if (!d) continue;
      int caps = w[i].all_upper && w[i + d - 1].all_upper;
      size_t j = i + (size_t)d, k = j;
      while (k < nw && k < j + 4 && (caps ? w[k].all_upper : w[k].upper_first) &&
             !designator(s, w, nw, k)) {
        /* the words of a name follow each other with only spaces between */
        if (k > j) {
          size_t gap = w[k].off - (w[k - 1].off + w[k - 1].len);
          int spaces = 1;
          for (size_t q = w[k - 1].off + w[k - 1].len; q < w[k].off; q++)
            if (s[q] != ' ' && (unsigned char)s[q] != 0xC2 && (unsigned char)s[q] != 0xA0)
              spaces = 0;
          if (!spaces || gap > 3) break;
        }
        k++;
      }
      if (k == j) continue;
      /* a name of capitals after a lower-case designator is an acronym
       * ("xã NTM"), not a name */
      if (!caps && w[j].all_upper && w[j].len <= 4) continue;
      vb_buf key = VB_BUF_INIT;
      for (size_t q = j; q < k; q++) {
        if (q > j) vb_buf_putc(&key, ' ');
        vb_buf_puts(&key, w[q].fold);
      }
      if (no == cap) {
        cap = cap ? 2 * cap : 64;
        o = vb_xrealloc(o, cap * sizeof *o);
      }
      size_t off = w[j].off, len = w[k - 1].off + w[k - 1].len - off;
      o[no++] = (occ){vb_buf_detach(&key, NULL), spelling(s, off, len, caps), (long)pi, off, len};
      i = k - 1;
    }
  }
  /* the place of the date line ("Hà Tân, ngày …") names the issuing body's
   * place without a designator: it counts as one more spelling */
  proof_layout *l = proof_layout_get(p);
  if (l->nd30 && l->place && l->date.para >= 0) {
    const vb_doc_para *pp = &doc->paras[l->date.para];
    const char *s = pp->text + l->date.off;
    const char *comma = memchr(s, ',', l->date.len);
    size_t po = 0, pl = comma ? (size_t)(comma - s) : 0;
    pt_trim(s, &po, &pl);
    size_t nw = pl ? words_of(s + po, pl, w, 8) : 0;
    int names_place = nw > 0 && nw <= 4 && !designator(s + po, w, nw, 0), caps = 1;
    for (size_t k = 0; k < nw && names_place; k++) {
      if (!w[k].upper_first) names_place = 0;
      if (!w[k].all_upper) caps = 0;
    }
    if (names_place) {
      vb_buf key = VB_BUF_INIT;
      for (size_t q = 0; q < nw; q++) {
        if (q) vb_buf_putc(&key, ' ');
        vb_buf_puts(&key, w[q].fold);
      }
      if (no == cap) {
        cap = cap ? 2 * cap : 64;
        o = vb_xrealloc(o, cap * sizeof *o);
      }
      size_t off = l->date.off + po;
      o[no++] = (occ){vb_buf_detach(&key, NULL), spelling(pp->text, off, pl, caps), l->date.para,
                      off, pl};
    }
  }
  if (no > 1) qsort(o, no, sizeof *o, by_key);
  for (size_t a = 0; a < no;) {
    size_t b = a;
    while (b < no && !strcmp(o[b].key, o[a].key))
      b++;
    /* spellings and their counts */
    struct {
      const char *s;
      int count;
      size_t first;
    } v[8];
    int nv = 0;
    for (size_t k = a; k < b; k++) {
      int f = 0;
      while (f < nv && strcmp(v[f].s, o[k].spelling) != 0)
        f++;
      if (f == nv) {
        if (nv == 8) continue;
        v[nv].s = o[k].spelling;
        v[nv].count = 0;
        v[nv].first = k;
        nv++;
      }
      v[f].count++;
    }
    if (nv >= 2) {
      int major = 0, minor = 0;
      for (int f = 1; f < nv; f++) {
        if (v[f].count > v[major].count) major = f;
        if (v[f].count < v[minor].count ||
            (v[f].count == v[minor].count && v[f].first > v[minor].first))
          minor = f;
      }
      if (minor == major) minor = major == 0 ? 1 : 0;
      vb_buf list = VB_BUF_INIT;
      for (int f = 0; f < nv; f++) {
        if (f) vb_buf_puts(&list, f == nv - 1 ? " và " : ", ");
        vb_buf_printf(&list, "\"%s\" (%d lần)", v[f].s, v[f].count);
      }
      const occ *at = &o[v[minor].first];
      proof_finding *f = proof_report(p, "nhat-quan.ten-rieng", at->para, at->off, at->len,
                                      v[major].s, "tên viết nhiều cách: %s", vb_buf_cstr(&list));
      if (f) f->count = v[minor].count;
      vb_buf_free(&list);
    }
    a = b;
  }
  for (size_t k = 0; k < no; k++) {
    free(o[k].key);
    free(o[k].spelling);
  }
  free(o);
}
