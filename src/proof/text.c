/* Text helpers shared by the rules. */
#include "proof/text.h"

#include <stdatomic.h>
#include <string.h>

#include "vi/vi.h"

uint32_t pt_next(const char *s, size_t n, size_t *i) {
  const unsigned char *u = (const unsigned char *)s;
  size_t k = *i;
  unsigned c = u[k];
  if (c < 0x80) {
    *i = k + 1;
    return c;
  }
  size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (len == 1 || k + len > n) {
    *i = k + 1;
    return 0xFFFD;
  }
  uint32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (size_t j = 1; j < len; j++) {
    if ((u[k + j] & 0xC0) != 0x80) {
      *i = k + 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (u[k + j] & 0x3F);
  }
  *i = k + len;
  return cp;
}

int pt_space(uint32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 ||
         (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x3000 || c == 0xFEFF;
}

int pt_digit(uint32_t c) { return c >= '0' && c <= '9'; }

int pt_letter(uint32_t c) {
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return 1;
  if (c < 0xC0 || c == 0xD7 || c == 0xF7) return 0;
  if (c <= 0x24F) return 1;                 /* Latin-1 letters, Latin Extended A/B */
  if (c >= 0x0300 && c <= 0x036F) return 1; /* combining marks */
  if (c >= 0x1E00 && c <= 0x1EFF) return 1; /* Latin Extended Additional (ạ ả ấ …) */
  return 0;
}

void pt_trim(const char *s, size_t *off, size_t *len) {
  size_t a = *off, z = *off + *len;
  while (a < z) {
    size_t i = a;
    if (!pt_space(pt_next(s, z, &i))) break;
    a = i;
  }
  while (z > a) {
    size_t b = z - 1;
    while (b > a && ((unsigned char)s[b] & 0xC0) == 0x80)
      b--;
    size_t i = b;
    if (!pt_space(pt_next(s, z, &i))) break;
    z = b;
  }
  *off = a;
  *len = z - a;
}

void pt_collapse(vb_buf *out, const char *s, size_t n) {
  int space = 0, any = 0;
  for (size_t i = 0; i < n;) {
    size_t st = i;
    uint32_t c = pt_next(s, n, &i);
    if (pt_space(c)) {
      space = 1;
      continue;
    }
    if (space && any) vb_buf_putc(out, ' ');
    space = 0;
    any = 1;
    vb_buf_put(out, s + st, i - st);
  }
  if (!out->data) vb_buf_puts(out, "");
}

void pt_key(vb_buf *out, const char *s, size_t n) {
  /* vi_fold, letter by letter through pt_fold_char's table, spaces collapsed */
  int space = 0, any = 0;
  for (size_t i = 0; i < n;) {
    size_t st = i;
    unsigned char b = (unsigned char)s[i];
    uint32_t c = b < 0x80 ? (i++, b) : pt_next(s, n, &i);
    if (pt_space(c)) {
      space = 1;
      continue;
    }
    if (space && any) vb_buf_putc(out, ' ');
    space = 0;
    any = 1;
    unsigned char f = pt_fold_char(c);
    if (f == 0) continue;
    if (f != 0xFF)
      vb_buf_putc(out, (char)f);
    else
      vb_buf_put(out, s + st, i - st);
  }
  if (!out->data) vb_buf_puts(out, "");
}

/* Case of the letters Vietnamese uses: ASCII, Latin-1, the pairs of Latin
 * Extended-A (ă đ ĩ ũ …), ơ ư, and the precomposed letters U+1EA0-U+1EF9
 * (upper case at even code points). Enough for matching words. */
int pt_is_lower(uint32_t c) {
  if (c >= 'a' && c <= 'z') return 1;
  if (c >= 0xDF && c <= 0xFF) return c != 0xF7;
  if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return c & 1;
  if (c == 0x1A1 || c == 0x1B0) return 1;
  if (c >= 0x1EA0 && c <= 0x1EF9) return c & 1;
  return 0;
}

uint32_t pt_lower(uint32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177) || (c >= 0x1EA0 && c <= 0x1EF9))
    return (c & 1) ? c : c + 1;
  if (c == 0x1A0 || c == 0x1AF) return c + 1; /* Ơ Ư */
  return c;
}

static size_t match_at(const char *s, size_t n, size_t at, const char *lw) {
  size_t i = at, j = 0, m = strlen(lw);
  while (j < m) {
    if (i >= n) return 0;
    uint32_t pc = pt_next(lw, m, &j);
    if (pc == ' ') {
      size_t k = i;
      if (!pt_space(pt_next(s, n, &k))) return 0;
      i = k;
      for (;;) {
        size_t q = i;
        if (q >= n || !pt_space(pt_next(s, n, &q))) break;
        i = q;
      }
      continue;
    }
    uint32_t sc = pt_next(s, n, &i);
    if (pt_lower(sc) != pc) return 0;
  }
  /* a word boundary after the match when the pattern ends in a letter */
  if (i < n && m > 0) {
    size_t last = m - 1;
    while (last > 0 && ((unsigned char)lw[last] & 0xC0) == 0x80)
      last--;
    size_t q = last;
    uint32_t lc = pt_next(lw, m, &q);
    size_t k = i;
    uint32_t nc = pt_next(s, n, &k);
    if ((pt_letter(lc) || pt_digit(lc)) && (pt_letter(nc) || pt_digit(nc))) return 0;
  }
  return i - at;
}

size_t pt_prefix(const char *s, size_t n, const char *lw) { return match_at(s, n, 0, lw); }

size_t pt_find(const char *s, size_t n, const char *lw, size_t *mlen) {
  int prev_word = 0;
  for (size_t i = 0; i < n;) {
    size_t k = i;
    uint32_t c = pt_next(s, n, &k);
    if (!prev_word) {
      size_t m = match_at(s, n, i, lw);
      if (m) {
        if (mlen) *mlen = m;
        return i;
      }
    }
    prev_word = pt_letter(c) || pt_digit(c);
    i = k;
  }
  return (size_t)-1;
}

int pt_all_upper(const char *s, size_t n) {
  int letters = 0;
  for (size_t i = 0; i < n;) {
    uint32_t c = pt_next(s, n, &i);
    if (!pt_letter(c) || (c >= 0x300 && c <= 0x36F)) continue;
    if (pt_is_lower(c)) return 0;
    letters++;
  }
  return letters > 0;
}

size_t pt_pieces(const vb_doc_para *p, pt_piece *out, size_t max) {
  size_t n = 0, start = 0;
  for (size_t i = 0; i <= p->len; i++) {
    if (i < p->len && p->text[i] != '\n' && p->text[i] != '\t') continue;
    size_t off = start, len = i - start;
    pt_trim(p->text, &off, &len);
    if (len && n < max) out[n++] = (pt_piece){off, len};
    start = i + 1;
  }
  return n;
}

void pt_first_words(vb_buf *out, const char *s, size_t n, size_t max_chars) {
  vb_buf c = VB_BUF_INIT;
  pt_collapse(&c, s, n);
  const char *t = c.data ? c.data : "";
  size_t chars = 0, i = 0, cut = 0;
  while (i < c.len) {
    size_t k = i;
    uint32_t cp = pt_next(t, c.len, &k);
    if (cp == ' ') cut = i;
    chars++;
    i = k;
    if (chars >= max_chars) break;
  }
  if (i >= c.len) {
    vb_buf_put(out, t, c.len);
  } else {
    vb_buf_put(out, t, cut ? cut : i);
    vb_buf_puts(out, "…");
  }
  vb_buf_free(&c);
}

/* Folding U+00C0-U+024F and U+1EA0-U+1EF9: each code point is folded by
 * vi_fold (ICU) the first time it is met and remembered, so a rule can fold
 * word by word without calling ICU again (a Vietnamese text uses about a
 * hundred of these letters). 0 in the table means "not yet known"; threads
 * that race store the same value. */
static _Atomic unsigned char fold_latin[0x250 - 0xC0], fold_ext[0x1EFA - 0x1EA0];

#define FOLD_MARK 0xFE /* folds to nothing */

static unsigned char fold_via_icu(uint32_t c) {
  char enc[4];
  size_t n;
  if (c < 0x800) {
    enc[0] = (char)(0xC0 | (c >> 6));
    enc[1] = (char)(0x80 | (c & 0x3F));
    n = 2;
  } else {
    enc[0] = (char)(0xE0 | (c >> 12));
    enc[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    enc[2] = (char)(0x80 | (c & 0x3F));
    n = 3;
  }
  vb_buf b = VB_BUF_INIT;
  vi_fold(&b, enc, n);
  unsigned char r = b.len == 0                                           ? FOLD_MARK
                    : b.len == 1 && b.data[0] >= 'a' && b.data[0] <= 'z' ? (unsigned char)b.data[0]
                                                                         : 0xFF;
  vb_buf_free(&b);
  return r;
}

static unsigned char cached(_Atomic unsigned char *slot, uint32_t c) {
  unsigned char v = atomic_load_explicit(slot, memory_order_relaxed);
  if (!v) {
    v = fold_via_icu(c);
    atomic_store_explicit(slot, v, memory_order_relaxed);
  }
  return v == FOLD_MARK ? 0 : v;
}

unsigned char pt_fold_char(uint32_t c) {
  if (c >= 'A' && c <= 'Z') return (unsigned char)(c + 32);
  if (c >= 'a' && c <= 'z') return (unsigned char)c;
  if (c >= 0x300 && c <= 0x36F) return 0;
  if (c < 0xC0) return 0xFF;
  if (c < 0x250) return cached(&fold_latin[c - 0xC0], c);
  if (c >= 0x1EA0 && c < 0x1EFA) return cached(&fold_ext[c - 0x1EA0], c);
  return 0xFF;
}

static int has_bytes(const char *s, size_t n, const char *a) {
  size_t m = strlen(a);
  if (!m || m > n) return 0;
  for (const char *p = s; (p = memchr(p, a[0], (size_t)(s + n - m + 1 - p))) != NULL; p++)
    if (!memcmp(p, a, m)) return 1;
  return 0;
}

int pt_has(const char *s, size_t n, const char *a, const char *b) {
  return (a && has_bytes(s, n, a)) || (b && has_bytes(s, n, b));
}
