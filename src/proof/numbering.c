/* Heading numbers in sequence: I. II. III. → 1. 2. → 1.1. 1.2. → a) b) c)
 * (Nghị định 30, Phụ lục I, mục II.6; the report ladder). A higher heading
 * restarts the levels below it; a list may restart at 1 on its own. What is
 * reported: a number repeated ("II." twice), a gap ("2.2." then "2.4."), a
 * number going back ("3." after "4.2."), a level starting past 1, and a
 * sub-item whose parent is another heading ("1.1." under "2."), and a
 * label that repeats its heading's number with another heading's number
 * (wrong_labels). */
#include <stdlib.h>
#include <string.h>

#include "proof/layout.h"
#include "proof/proof.h"
#include "proof/text.h"
#include "util/buf.h"
#include "vi/vi.h"

enum { L_ROMAN, L_ARABIC, L_ARABIC2, L_ARABIC3, L_LETTER, NLEVELS };

typedef struct marker {
  int level;
  int v[3]; /* the numbers (1.2.3 → 1, 2, 3); the letter's rank for a) */
  size_t len;
} marker;

/* The decree's letters (a b c d đ e g h …, no f j w z) ranked 1, 2, …;
 * f, j, w, z (lists typed with the Latin alphabet) get ranks past them. */
static int letter_rank(const char *s, size_t n, size_t *len) {
  static const char *const letters[] = {"a", "b", "c", "d", "đ", "e", "g", "h", "i", "k",
                                        "l", "m", "n", "o", "p", "q", "r", "s", "t", "u",
                                        "v", "x", "y", "f", "j", "w", "z", NULL};
  for (int i = 0; letters[i]; i++) {
    size_t k = strlen(letters[i]);
    if (n > k + 1 && !strncmp(s, letters[i], k) && s[k] == ')' && s[k + 1] == ' ') {
      *len = k + 1;
      return i + 1;
    }
  }
  return 0;
}

static int read_marker(const char *s, size_t n, marker *m) {
  memset(m, 0, sizeof *m);
  size_t i = 0;
  size_t r = 0;
  while (r < n && (s[r] == 'I' || s[r] == 'V' || s[r] == 'X' || s[r] == 'L'))
    r++;
  if (r > 0 && r + 1 < n && s[r] == '.' && s[r + 1] == ' ') {
    int v = 0;
    for (size_t k = 0; k < r; k++) {
      int d = s[k] == 'I' ? 1 : s[k] == 'V' ? 5 : s[k] == 'X' ? 10 : 50;
      int nx = k + 1 < r ? (s[k + 1] == 'I'   ? 1
                            : s[k + 1] == 'V' ? 5
                            : s[k + 1] == 'X' ? 10
                                              : 50)
                         : 0;
      v += d < nx ? -d : d;
    }
    m->level = L_ROMAN;
    m->v[0] = v;
    m->len = r + 1;
    return 1;
  }
  size_t ll;
  int lr = letter_rank(s, n, &ll);
  if (lr) {
    m->level = L_LETTER;
    m->v[0] = lr;
    m->len = ll;
    return 1;
  }
  int parts = 0;
  while (parts < 3) {
    size_t d = 0;
    int v = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9' && d < 3)
      v = v * 10 + (s[i++] - '0'), d++;
    if (!d) return 0;
    m->v[parts++] = v;
    if (i < n && s[i] == '.') {
      i++;
      if (i < n && s[i] >= '0' && s[i] <= '9') continue;
      break;
    }
    /* "1.1 Tiêu chí": no final dot, an upper-case word follows */
    if (parts >= 2 && i + 1 < n && s[i] == ' ' && (unsigned char)s[i + 1] >= 'A' &&
        (unsigned char)s[i + 1] <= 'Z')
      break;
    return 0;
  }
  if (i >= n || s[i] != ' ') return 0;
  m->level = parts == 1 ? L_ARABIC : parts == 2 ? L_ARABIC2 : L_ARABIC3;
  m->len = i;
  return 1;
}

static const char *show(vb_proof *p, const marker *m) {
  vb_buf b = VB_BUF_INIT;
  switch (m->level) {
  case L_ROMAN:
    vi_roman(&b, m->v[0]);
    vb_buf_putc(&b, '.');
    break;
  case L_LETTER:
    vi_letter(&b, m->v[0]);
    vb_buf_putc(&b, ')');
    break;
  case L_ARABIC: vb_buf_printf(&b, "%d.", m->v[0]); break;
  case L_ARABIC2: vb_buf_printf(&b, "%d.%d.", m->v[0], m->v[1]); break;
  default: vb_buf_printf(&b, "%d.%d.%d.", m->v[0], m->v[1], m->v[2]); break;
  }
  const char *s = proof_printf(p, "%s", vb_buf_cstr(&b));
  vb_buf_free(&b);
  return s;
}

/* The letter that follows in the decree's order or in the Latin one. */
static int letter_follows(int prev, int cur) {
  static const char latin[] = "abcdefghijklmnopqrstuvwxyz";
  static const char *const vi[] = {"a", "b", "c", "d", "đ", "e", "g", "h", "i",
                                   "k", "l", "m", "n", "o", "p", "q", "r", "s",
                                   "t", "u", "v", "x", "y", "f", "j", "w", "z"};
  if (cur == prev + 1 && cur <= 23) return 1;
  if (prev < 1 || prev > 27 || cur < 1 || cur > 27 || vi[prev - 1][1] || vi[cur - 1][1]) return 0;
  const char *pl = strchr(latin, vi[prev - 1][0]);
  return pl && pl[1] == vi[cur - 1][0];
}

static int last_value(const marker *m) {
  return m->level == L_ARABIC2 ? m->v[1] : m->level == L_ARABIC3 ? m->v[2] : m->v[0];
}

/* A label paragraph that repeats the number of the heading it sits under,
 * "(1.9. Tài liệu minh chứng kèm theo)" under "1.9.": the same label text
 * under many headings is a pattern, and one copy that carries another
 * heading's number is a wrong cross-reference (copied and not updated). */
typedef struct label {
  char *key; /* the label's words after the number, folded */
  long para;
  size_t off, len;
  marker num, under; /* its number, and the heading of that level above it */
  int has_under;
} label;

static int by_label(const void *a, const void *b) {
  const label *x = a, *y = b;
  int c = strcmp(x->key, y->key);
  return c ? c : (x->para > y->para) - (x->para < y->para);
}

static int same_number(const marker *a, const marker *b) {
  return a->level == b->level && !memcmp(a->v, b->v, sizeof a->v);
}

static void wrong_labels(vb_proof *p, label *lb, size_t n) {
  if (n > 1) qsort(lb, n, sizeof *lb, by_label);
  for (size_t a = 0; a < n;) {
    size_t b = a;
    int agree = 0, disagree = 0;
    while (b < n && !strcmp(lb[b].key, lb[a].key)) {
      if (lb[b].has_under) {
        if (same_number(&lb[b].num, &lb[b].under))
          agree++;
        else
          disagree++;
      }
      b++;
    }
    /* a clear pattern: at least three copies follow it, and few break it */
    if (agree >= 3 && disagree * 3 <= agree)
      for (size_t k = a; k < b; k++)
        if (lb[k].has_under && !same_number(&lb[k].num, &lb[k].under))
          proof_report(
              p, "nhat-quan.danh-so", lb[k].para, lb[k].off, lb[k].len, show(p, &lb[k].under),
              "\"%.*s\" nằm dưới mục %s; các dòng cùng mẫu khác đều ghi số của mục chứa "
              "chúng",
              (int)lb[k].len, p->doc->paras[lb[k].para].text + lb[k].off, show(p, &lb[k].under));
    a = b;
  }
  for (size_t k = 0; k < n; k++)
    free(lb[k].key);
}

void proof_numbering(vb_proof *p) {
  if (p->on_data || !proof_on(p, "nhat-quan.danh-so")) return;
  vb_doc *doc = p->doc;
  proof_layout *l = proof_layout_get(p);
  marker last[NLEVELS];
  int have[NLEVELS] = {0};
  /* a level that restarted at 1 without a higher heading holds a nested
   * list: where the outer count resumes cannot be known, so it is not judged
   * until a higher heading comes */
  int nested[NLEVELS] = {0};
  int next_app = 0;
  long from = l->body_first >= 0 ? l->body_first : 0;
  /* the headings above the current paragraph, whatever their findings */
  marker above[NLEVELS];
  int have_above[NLEVELS] = {0};
  label *lb = NULL;
  size_t nlb = 0, caplb = 0;
  for (long i = from; i < (long)doc->nbody; i++) {
    const vb_doc_para *pp = &doc->paras[i];
    if (next_app < l->napp && i == l->app[next_app].heading.para) {
      memset(have, 0, sizeof have);
      memset(nested, 0, sizeof nested);
      memset(have_above, 0, sizeof have_above);
      next_app++;
      continue;
    }
    if (l->closing_first >= 0 && i >= l->closing_first && i < l->main_end) continue;
    if (pp->table || pp->in_frame || !pp->len) continue;
    size_t off = 0, len = pp->len;
    pt_trim(pp->text, &off, &len);
    marker m;
    if (len > 2 && pp->text[off] == '(' && pp->text[off + len - 1] == ')' &&
        read_marker(pp->text + off + 1, len - 2, &m) &&
        (m.level == L_ARABIC2 || m.level == L_ARABIC3)) {
      vb_buf key = VB_BUF_INIT;
      size_t rest = off + 1 + m.len;
      pt_key(&key, pp->text + rest, off + len - 1 - rest);
      if (nlb == caplb) {
        caplb = caplb ? 2 * caplb : 32;
        lb = vb_xrealloc(lb, caplb * sizeof *lb);
      }
      lb[nlb++] =
          (label){vb_buf_detach(&key, NULL), i, off, len, m, above[m.level], have_above[m.level]};
      continue;
    }
    if (!read_marker(pp->text + off, len, &m)) continue;
    int lv = m.level;
    above[lv] = m;
    have_above[lv] = 1;
    for (int k = lv + 1; k < NLEVELS; k++)
      have_above[k] = 0;
    const char *msg = NULL;
    const char *want = NULL;
    /* a sub-item names its parent: 4.3. belongs under 4. */
    if ((lv == L_ARABIC2 || lv == L_ARABIC3) && have[L_ARABIC] && m.v[0] != last[L_ARABIC].v[0]) {
      msg = proof_printf(p, "mục %s nằm dưới mục %s", show(p, &m), show(p, &last[L_ARABIC]));
    } else if (!have[lv]) {
      if (last_value(&m) > 1 && lv != L_ARABIC2 && lv != L_ARABIC3) {
        marker w = m;
        w.v[0] = 1;
        want = show(p, &w);
        msg = proof_printf(p, "%s là mục đầu tiên ở cấp này, cần bắt đầu từ %s", show(p, &m), want);
      }
    } else if (nested[lv]) {
      /* nothing to judge */
    } else {
      int prev = last_value(&last[lv]), cur = last_value(&m);
      int same_parent = lv < L_ARABIC2 || lv == L_LETTER ||
                        (m.v[0] == last[lv].v[0] && (lv != L_ARABIC3 || m.v[1] == last[lv].v[1]));
      if (!same_parent) {
        /* a new parent: restarts at 1 */
        if (cur != 1) {
          marker w = m;
          if (lv == L_ARABIC2)
            w.v[1] = 1;
          else
            w.v[2] = 1;
          want = show(p, &w);
          msg =
              proof_printf(p, "%s là mục đầu tiên ở cấp này, cần bắt đầu từ %s", show(p, &m), want);
        }
      } else if (lv == L_LETTER && letter_follows(prev, cur)) {
        /* in order */
      } else if (cur == prev) {
        marker w = m;
        if (lv == L_ARABIC2)
          w.v[1]++;
        else if (lv == L_ARABIC3)
          w.v[2]++;
        else
          w.v[0]++;
        want = show(p, &w);
        msg = proof_printf(p, "số thứ tự %s trùng với mục trước", show(p, &m));
      } else if (cur > prev + 1) {
        marker w = m;
        if (lv == L_ARABIC2)
          w.v[1] = prev + 1;
        else if (lv == L_ARABIC3)
          w.v[2] = prev + 1;
        else
          w.v[0] = prev + 1;
        want = show(p, &w);
        msg = proof_printf(p, "sau %s là %s: thiếu %s", show(p, &last[lv]), show(p, &m), want);
      } else if (cur < prev && cur != 1) {
        msg = proof_printf(p, "sau %s lại là %s: số thứ tự lùi", show(p, &last[lv]), show(p, &m));
      } else if (cur == 1 && prev > 1) {
        nested[lv] = 1;
      }
    }
    int backwards = 0;
    if (msg) {
      proof_report(p, "nhat-quan.danh-so", i, off, m.len, want, "%s", msg);
      /* a number repeated or going back is most likely a typo: the next
       * heading is compared with the one before it */
      backwards = have[lv] && !nested[lv] && last_value(&m) <= last_value(&last[lv]);
    }
    if (!backwards) last[lv] = m;
    have[lv] = 1;
    for (int k = lv + 1; k < NLEVELS; k++)
      have[k] = nested[k] = 0;
  }
  wrong_labels(p, lb, nlb);
  free(lb);
}
