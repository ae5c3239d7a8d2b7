/* Scanning numbers out of Vietnamese prose; see numbers.h. */
#include "proof/numbers.h"

#include <math.h>
#include <string.h>

#include "proof/text.h"

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* The code point before byte offset i, and where it starts. */
static uint32_t prev_cp(const char *s, size_t i, size_t *start) {
  if (i == 0) {
    *start = 0;
    return 0;
  }
  size_t b = i - 1;
  while (b > 0 && ((unsigned char)s[b] & 0xC0) == 0x80)
    b--;
  *start = b;
  size_t k = b;
  return pt_next(s, i, &k);
}

static uint32_t cp_at(const char *s, size_t n, size_t i) {
  if (i >= n) return 0;
  size_t k = i;
  return pt_next(s, n, &k);
}

/* Lower-case ASCII-ish copy of the word ending at `at`. */
int pn_word_before(const char *s, size_t at, char *out, size_t cap) {
  size_t i = at, st;
  /* skip spaces and an opening parenthesis or colon */
  for (;;) {
    uint32_t c = prev_cp(s, i, &st);
    if (!c || !(pt_space(c) || c == '(' || c == ':')) break;
    i = st;
  }
  size_t end = i;
  for (;;) {
    uint32_t c = prev_cp(s, i, &st);
    if (!c || !pt_letter(c)) break;
    i = st;
  }
  if (i == end || end - i + 1 > cap) return 0;
  /* lower-case through the folding key would lose the marks; ASCII lower
   * is enough for the words compared here, which are written in full */
  size_t k = 0;
  for (size_t j = i; j < end; j++) {
    char c = s[j];
    out[k++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
  }
  out[k] = 0;
  return 1;
}

/* The two words before `at` ("tiêu chí"), lower-cased as above. */
static int two_words_before(const char *s, size_t at, char *out, size_t cap) {
  char w1[64], w2[64];
  if (!pn_word_before(s, at, w1, sizeof w1)) return 0;
  /* find where w1 starts */
  size_t i = at, st;
  for (;;) {
    uint32_t c = prev_cp(s, i, &st);
    if (!c || !(pt_space(c) || c == '(' || c == ':')) break;
    i = st;
  }
  for (;;) {
    uint32_t c = prev_cp(s, i, &st);
    if (!c || !pt_letter(c)) break;
    i = st;
  }
  if (!pn_word_before(s, i, w2, sizeof w2)) return 0;
  size_t n = strlen(w1) + strlen(w2) + 2;
  if (n > cap) return 0;
  strcpy(out, w2);
  strcat(out, " ");
  strcat(out, w1);
  return 1;
}

static int in_list(const char *w, const char *const *list) {
  for (int i = 0; list[i]; i++)
    if (!strcmp(w, list[i])) return 1;
  return 0;
}

/* Words after which a number names something rather than counts it. */
static const char *const id_words[] = {
    "mục",   "điều", "khoản", "mẫu",  "chương", "phần", "quý",   "năm",  "tháng", "ngày",
    "khóa",  "khoá", "kỳ",    "lớp",  "phòng",  "tổ",   "thôn",  "xóm",  "đội",   "tầng",
    "mức",   "bước", "nhóm",  "lần",  "thứ",    "hạng", "cấp",   "đợt",  "phiên", "câu",
    "trang", "dòng", "cột",   "bảng", "hình",   "biểu", "tờ",    "luật", "stt",   "tt",
    "đoạn",  "tập",  "quyển", "tuần", "ấp",     "khu",  "đường", "km",   "tiết",  NULL};
static const char *const id_pairs[] = {
    "tiêu chí", "chỉ tiêu",   "chỉ số",  "tiểu mục", "phụ lục", "giai đoạn", "nghị định",
    "thông tư", "quyết định", "lần thứ", "cấp độ",   "mức độ",  "số hiệu",   NULL};

static void qualifier(const char *s, size_t at, pn_num *t) {
  char w[64], ww[140];
  if (two_words_before(s, at, ww, sizeof ww)) {
    if (!strcmp(ww, "trên dưới") || !strcmp(ww, "ước đạt") || !strcmp(ww, "ước tính")) {
      t->qual = PN_ABOUT;
      return;
    }
    if (!strcmp(ww, "không quá") || !strcmp(ww, "chưa đến") || !strcmp(ww, "chưa tới") ||
        !strcmp(ww, "tối đa")) {
      t->qual = PN_BELOW;
      return;
    }
    if (!strcmp(ww, "ít nhất") || !strcmp(ww, "tối thiểu") || !strcmp(ww, "hơn nữa")) {
      t->qual = PN_ABOVE;
      return;
    }
    if (!strcmp(ww, "xấp xỉ") || !strcmp(ww, "gần như")) {
      t->qual = PN_NEAR;
      return;
    }
  }
  if (!pn_word_before(s, at, w, sizeof w)) return;
  if (!strcmp(w, "trên") || !strcmp(w, "hơn") || !strcmp(w, "vượt"))
    t->qual = PN_ABOVE;
  else if (!strcmp(w, "dưới"))
    t->qual = PN_BELOW;
  else if (!strcmp(w, "gần"))
    t->qual = PN_NEAR;
  else if (!strcmp(w, "khoảng") || !strcmp(w, "ước") || !strcmp(w, "chừng") || !strcmp(w, "độ"))
    t->qual = PN_ABOUT;
}

/* A literal: digits with "." and "," between digit groups. */
typedef struct literal {
  size_t off, len;
  int ndots, ncommas;
  size_t groups[16]; /* lengths of the digit groups */
  char seps[16];     /* separator after each group */
  int ngroups;
} literal;

static size_t read_literal(const char *s, size_t n, size_t i, literal *L) {
  memset(L, 0, sizeof *L);
  L->off = i;
  for (;;) {
    size_t g = 0;
    while (i < n && is_digit(s[i]))
      i++, g++;
    if (L->ngroups < 16) L->groups[L->ngroups] = g;
    if (i + 1 < n && (s[i] == '.' || s[i] == ',') && is_digit(s[i + 1]) && L->ngroups < 15) {
      L->seps[L->ngroups] = s[i];
      if (s[i] == '.')
        L->ndots++;
      else
        L->ncommas++;
      L->ngroups++;
      i++;
      continue;
    }
    L->ngroups++;
    break;
  }
  L->len = i - L->off;
  return i;
}

/* The value of a literal; returns 0 when it is no quantity (1.1.2). */
static int literal_value(const char *s, const literal *L, int percent, pn_num *t) {
  double v = 0;
  int dec = 0;
  long long scaled = 0;
  const char *p = s + L->off;
  /* which separator is the decimal mark, if any */
  int dec_group = -1; /* index of the first group after the decimal mark */
  int all3 = 1;
  for (int g = 1; g < L->ngroups; g++)
    if (L->groups[g] != 3) all3 = 0;
  if (L->ndots && L->ncommas) {
    /* 1.234,5 (Vietnamese) or 1,234.5 (English) */
    int last = L->ngroups - 2;
    dec_group = last + 1;
    if (L->seps[last] == '.') t->has_thousand_comma = 1;
    t->grouped = 1;
  } else if (L->ndots == 1) {
    if (L->groups[1] == 3 && !percent && L->groups[0] <= 3) {
      t->grouped = 1;
    } else {
      dec_group = 1;
      t->dot_decimal = 1;
    }
  } else if (L->ndots > 1) {
    if (!all3 || L->groups[0] > 3) return 0;
    t->grouped = 1;
  } else if (L->ncommas == 1) {
    dec_group = 1;
  } else if (L->ncommas > 1) {
    if (!all3 || L->groups[0] > 3) return 0;
    t->grouped = 1;
    t->has_thousand_comma = 1;
  }
  size_t k = 0;
  for (int g = 0; g < L->ngroups; g++) {
    for (size_t j = 0; j < L->groups[g]; j++, k++) {
      int d = p[k] - '0';
      if (dec_group >= 0 && g >= dec_group) {
        dec++;
        v += d * pow(10, -dec);
      } else {
        v = v * 10 + d;
      }
      if (scaled < 1000000000000000LL) scaled = scaled * 10 + d;
    }
    k++; /* the separator */
  }
  t->value = v;
  t->decimals = dec;
  t->scaled = scaled;
  if (!L->ndots && !L->ncommas && L->groups[0] >= 5) t->long_plain = 1;
  return 1;
}

/* Past the rest of a code or date: digits, letters, "/", "-", "&", and
 * dots between them. */
static size_t skip_code(const char *s, size_t n, size_t i) {
  while (i < n) {
    char c = s[i];
    if (c == '.' && !(i + 1 < n && (is_digit(s[i + 1]) || pt_letter(cp_at(s, n, i + 1))))) break;
    if (!(is_digit(c) || c == '/' || c == '-' || c == '&' || c == '.' || pt_letter(cp_at(s, n, i))))
      break;
    size_t k = i;
    pt_next(s, n, &k);
    i = k;
  }
  return i;
}

/* "A-B" glued by a hyphen is a range when both are short plain numbers (not
 * two years: 2021-2025 names a period) and B ends there (2024-06-13 and
 * 0912-345-678 go on). */
static int dash_range(const char *s, size_t n, const literal *a, size_t b_at) {
  literal b;
  size_t e2 = read_literal(s, n, b_at, &b);
  uint32_t after = cp_at(s, n, e2);
  if (after == '-' || after == '/' || after == '_' || pt_letter(after)) return 0;
  if (a->ndots + a->ncommas > 1 || b.ndots + b.ncommas > 1) return 0;
  if (a->groups[0] == 4 && b.groups[0] == 4) return 0;
  return 1;
}

/* The text between two numbers makes them one range: a dash ("-", "–",
 * "—") or "đến"/"tới", with spaces around. */
static int range_gap(const char *s, size_t a, size_t b) {
  size_t i = a;
  while (i < b && s[i] == ' ')
    i++;
  size_t j = b;
  while (j > i && s[j - 1] == ' ')
    j--;
  size_t len = j - i;
  if (len == 0) return 0;
  static const char *const joins[] = {"-", "\xe2\x80\x93", "\xe2\x80\x94", "đến", "tới", NULL};
  for (int k = 0; joins[k]; k++)
    if (len == strlen(joins[k]) && !memcmp(s + i, joins[k], len)) return 1;
  return 0;
}

static void mark_ranges(const char *s, pn_num *t, size_t count) {
  for (size_t k = 0; k + 1 < count; k++) {
    pn_num *lo = &t[k], *hi = &t[k + 1];
    if (lo->range || lo->kind == PN_FRACTION || hi->kind == PN_FRACTION) continue;
    if (lo->id || hi->id) {
      /* "Điều 5-7", "ngày 5 đến 7": both ends name things */
      if (range_gap(s, lo->off + lo->len, hi->off)) hi->id = 1;
      continue;
    }
    if (lo->kind == PN_PERCENT && hi->kind != PN_PERCENT) continue;
    if (!(lo->value < hi->value) || !range_gap(s, lo->off + lo->len, hi->off)) continue;
    lo->range = PN_RANGE_LOW;
    hi->range = PN_RANGE_HIGH;
    if (hi->kind == PN_PERCENT) lo->kind = PN_PERCENT;
    /* a range is qualified as a whole ("khoảng 5 - 7"): the high end too */
    if (lo->qual != PN_EXACT) hi->qual = lo->qual;
    k++;
  }
}

size_t pn_scan(const char *s, size_t n, pn_num *out, size_t max) {
  size_t count = 0;
  size_t range_next = (size_t)-1; /* where the high end of "10-12" starts */
  for (size_t i = 0; i < n && count < max;) {
    if (!is_digit(s[i])) {
      i++;
      continue;
    }
    size_t st;
    uint32_t before = prev_cp(s, i, &st);
    literal a;
    size_t e = read_literal(s, n, i, &a);
    size_t start = i;
    i = e;
    /* glued to letters or other numbers: a code or a name (4G, A4, H20, 1.2.3) */
    int glued = pt_letter(before) || before == '/' || (before == '-' && start != range_next) ||
                before == '.' || before == ',' || before == '_' || before == '#';
    uint32_t after = cp_at(s, n, e);
    pn_num t;
    memset(&t, 0, sizeof t);
    t.off = start;
    if (glued || pt_letter(after) || after == '_') {
      /* swallow the rest of the code so its digits are not read again */
      i = skip_code(s, n, i);
      continue;
    }
    if (after == '-' && e + 1 < n && (pt_letter(cp_at(s, n, e + 1)) || is_digit(s[e + 1]))) {
      /* 28-KH/ĐU, 2024-06-13, 2021-2025; but "10-12 hồ sơ", "45-55%" are
       * ranges: both ends are read, and marked afterwards */
      if (!(is_digit(s[e + 1]) && dash_range(s, n, &a, e + 1))) {
        i = skip_code(s, n, e + 1);
        continue;
      }
      range_next = e + 1;
      after = ' ';
    }
    if (after == '/') {
      if (e + 1 < n && is_digit(s[e + 1])) {
        literal b;
        size_t e2 = read_literal(s, n, e + 1, &b);
        uint32_t after2 = cp_at(s, n, e2);
        int date_like = after2 == '/' || after2 == '-' || pt_letter(after2);
        pn_num den;
        memset(&den, 0, sizeof den);
        int ok = literal_value(s, &a, 0, &t) && literal_value(s, &b, 0, &den);
        /* 6/2024: a month and a year */
        if (ok && !a.ndots && !a.ncommas && !b.ndots && !b.ncommas && b.groups[0] == 4 &&
            den.value >= 1900 && den.value <= 2100 && t.value >= 1 && t.value <= 12)
          date_like = 1;
        i = e2;
        if (date_like || !ok) {
          i = skip_code(s, n, i);
          continue;
        }
        t.kind = PN_FRACTION;
        t.den = den.value;
        t.dot_decimal |= den.dot_decimal;
        t.grouped |= den.grouped;
        t.long_plain |= den.long_plain;
        t.len = e2 - start;
        qualifier(s, start, &t);
      } else {
        /* 04/QĐ-UBND, 2024/UBND-VHTT */
        i = skip_code(s, n, e + 1);
        continue;
      }
    } else {
      /* a percentage: "%" right after, or after spaces */
      size_t k = e;
      while (k < n && (s[k] == ' ' || ((unsigned char)s[k] == 0xC2 && k + 1 < n &&
                                       (unsigned char)s[k + 1] == 0xA0)))
        k += s[k] == ' ' ? 1 : 2;
      int percent = k < n && s[k] == '%';
      /* a heading or item number: "1.1." or "2." at the start */
      if (!percent && a.ndots >= 1 && e < n && s[e] == '.' &&
          (e + 1 >= n || s[e + 1] == ' ' || s[e + 1] == ')')) {
        int small = 1;
        for (int g = 0; g < a.ngroups; g++)
          if (a.groups[g] > 2) small = 0;
        if (small) {
          i = e + 1;
          continue;
        }
      }
      if (!literal_value(s, &a, percent, &t)) {
        i = e;
        continue;
      }
      t.kind = percent ? PN_PERCENT : PN_PLAIN;
      t.len = (percent ? k + 1 : e) - start;
      i = start + t.len;
      qualifier(s, start, &t);
      if (!percent) {
        char w[64], ww[140];
        if ((pn_word_before(s, start, w, sizeof w) && in_list(w, id_words)) ||
            (two_words_before(s, start, ww, sizeof ww) && in_list(ww, id_pairs)))
          t.id = 1;
        /* "số 3" names (Tiêu chí số 3), "tổng số 375" counts */
        if (!t.id && pn_word_before(s, start, w, sizeof w) && !strcmp(w, "số") &&
            !(two_words_before(s, start, ww, sizeof ww) &&
              (!strcmp(ww, "tổng số") || !strcmp(ww, "có số") || !strcmp(ww, "với số"))))
          t.id = 1;
        if (!a.ndots && !a.ncommas && a.groups[0] == 4 && t.value >= 1900 && t.value <= 2100)
          t.id = 1; /* a year */
      }
    }
    /* the unit: the word right after */
    size_t u = start + t.len;
    while (u < n && (s[u] == ' ' ||
                     ((unsigned char)s[u] == 0xC2 && u + 1 < n && (unsigned char)s[u + 1] == 0xA0)))
      u += s[u] == ' ' ? 1 : 2;
    size_t ue = u;
    while (ue < n && pt_letter(cp_at(s, n, ue))) {
      size_t k = ue;
      pt_next(s, n, &k);
      ue = k;
    }
    if (ue > u) {
      t.unit_off = u;
      t.unit_len = ue - u;
    }
    out[count++] = t;
  }
  mark_ranges(s, out, count);
  return count;
}

int pn_clause_end(const char *s, size_t n, size_t i) {
  char c = s[i];
  if (c == ';' || c == '!' || c == '?' || c == '\n') return 1;
  if (c != '.') return 0;
  if (i > 0 && is_digit(s[i - 1]) && i + 1 < n && is_digit(s[i + 1])) return 0;
  if (i + 1 < n && s[i + 1] != ' ') return i + 1 >= n; /* "./." and "v.v." */
  /* "TP. Hồ Chí Minh", "KT. CHỦ TỊCH", "TT. HĐND": a short capital word */
  size_t b = i, letters = 0, upper = 0;
  while (b > 0 && pt_letter((unsigned char)s[b - 1])) {
    b--;
    letters++;
    if (s[b] >= 'A' && s[b] <= 'Z') upper++;
  }
  if (letters && letters <= 3 && upper == letters) return 0;
  return 1;
}

int pn_words(const char *s, size_t a, size_t b, int *digits) {
  int words = 0, in = 0;
  if (digits) *digits = 0;
  for (size_t i = a; i < b;) {
    uint32_t c = pt_next(s, b, &i);
    if (pt_letter(c)) {
      if (!in) words++;
      in = 1;
    } else {
      in = 0;
      if (digits && c >= '0' && c <= '9') *digits = 1;
    }
  }
  return words;
}
