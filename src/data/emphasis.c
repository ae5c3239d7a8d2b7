/* Inline emphasis markup: see emphasis.h for the rules. One left-to-right
 * pass; the emphasis in force is a set of two flags, so spans never need to
 * nest and any order of opening and closing gives flat runs. */
#include "data/emphasis.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int vb_emphasis_may_have(const char *s, size_t n) {
  return memchr(s, '*', n) != NULL || memchr(s, '\\', n) != NULL;
}

/* The code point starting at s[i] (i < n), or U+FFFD for a broken sequence;
 * *len gets its length in bytes. */
static unsigned decode(const char *s, size_t n, size_t i, size_t *len) {
  unsigned char c = (unsigned char)s[i];
  size_t k = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (i + k > n) k = 1;
  unsigned cp = k == 1 ? c : c & (0x3F >> (k - 1));
  for (size_t j = 1; j < k; j++)
    cp = cp << 6 | ((unsigned char)s[i + j] & 0x3F);
  *len = k;
  return k == 1 && c >= 0x80 ? 0xFFFD : cp;
}

/* The code point ending right before s[i] (i > 0). */
static unsigned decode_before(const char *s, size_t n, size_t i) {
  size_t j = i - 1, len;
  while (j > 0 && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
    j--;
  return decode(s, n, j, &len);
}

static int is_blank(unsigned c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000;
}

/* After these, an asterisk cannot close: "(*" is an opening bracket's. */
static int is_opening_punct(unsigned c) {
  return c == '(' || c == '[' || c == '{' || c == 0xAB || c == 0x201C || c == 0x2018 || c == 0x201E;
}

/* Before these, an asterisk cannot open: "*." or "*)" are typed as is. */
static int is_closing_punct(unsigned c) {
  return c == ')' || c == ']' || c == '}' || c == '.' || c == ',' || c == ';' || c == ':' ||
         c == '!' || c == '?' || c == 0x2026 || c == 0xBB || c == 0x201D || c == 0x2019;
}

static size_t chars_before(const char *s, size_t i) {
  size_t k = 0;
  for (size_t j = 0; j < i; j++)
    k += ((unsigned char)s[j] & 0xC0) != 0x80;
  return k;
}

static void add_span(vb_emphasis *e, unsigned style, size_t off) {
  if (e->nspans && e->spans[e->nspans - 1].off + e->spans[e->nspans - 1].len == off &&
      e->spans[e->nspans - 1].len == 0) {
    e->spans[e->nspans - 1].style = style; /* an empty span is replaced */
  } else {
    if (e->nspans == e->cap) {
      e->cap = e->cap ? e->cap * 2 : 8;
      e->spans = vb_xrealloc(e->spans, e->cap * sizeof *e->spans);
    }
    e->spans[e->nspans++] = (vb_emph_span){style, off, 0};
  }
  /* Two neighbours of the same style are one span. */
  if (e->nspans >= 2 && e->spans[e->nspans - 2].style == style) e->nspans--;
}

static void put(vb_emphasis *e, const char *p, size_t n) {
  vb_buf_put(&e->text, p, n);
  e->spans[e->nspans - 1].len += n;
}

static const char *style_name(unsigned style) {
  return style == (VB_EMPH_BOLD | VB_EMPH_ITALIC) ? "chữ đậm nghiêng"
         : style == VB_EMPH_BOLD                  ? "chữ đậm"
                                                  : "chữ nghiêng";
}

static const char *style_marker(unsigned style) {
  return style == (VB_EMPH_BOLD | VB_EMPH_ITALIC) ? "***" : style == VB_EMPH_BOLD ? "**" : "*";
}

#define ESCAPE_HINT "hoặc viết \\* nếu muốn in dấu * như đã gõ"

int vb_emphasis_parse(const char *s, size_t n, vb_emphasis *e, vb_emph_error *err) {
  unsigned cur = 0;
  size_t opened_at[3] = {0, 0, 0}; /* column where bold (1) and italic (2) were opened */
  add_span(e, 0, 0);
  for (size_t i = 0; i < n;) {
    if (s[i] == '\\' && i + 1 < n && (s[i + 1] == '*' || s[i + 1] == '\\')) {
      put(e, s + i + 1, 1);
      i += 2;
      continue;
    }
    if (s[i] != '*') {
      size_t j = i + 1;
      while (j < n && s[j] != '*' && s[j] != '\\')
        j++;
      put(e, s + i, j - i);
      i = j;
      continue;
    }
    size_t j = i;
    while (j < n && s[j] == '*')
      j++;
    size_t run = j - i, len;
    unsigned prev = i > 0 ? decode_before(s, n, i) : ' ';
    unsigned next = j < n ? decode(s, n, j, &len) : ' ';
    int can_open = !is_blank(next) && !is_closing_punct(next);
    int can_close = !is_blank(prev) && !is_opening_punct(prev);
    size_t col = chars_before(s, i) + 1;
    if (!can_open && !can_close) { /* a bullet, "(*)", "a * b": as typed */
      put(e, s + i, run);
      i = j;
      continue;
    }
    err->column = col;
    if (run > 3) {
      snprintf(err->message, sizeof err->message,
               "có %zu dấu * liền nhau ở ký tự thứ %zu; chỉ dùng * (nghiêng), ** (đậm) hoặc *** "
               "(đậm nghiêng)",
               run, col);
      snprintf(err->hint, sizeof err->hint, "viết \\* cho mỗi dấu * muốn in như đã gõ");
      return -1;
    }
    unsigned want = run == 1   ? VB_EMPH_ITALIC
                    : run == 2 ? VB_EMPH_BOLD
                               : VB_EMPH_BOLD | VB_EMPH_ITALIC;
    unsigned closing = want & cur, opening = want & ~cur;
    if (closing && !can_close) {
      snprintf(err->message, sizeof err->message,
               "dấu \"%s\" ở ký tự thứ %zu đứng sau %s nên không đóng được %s mở ở ký tự thứ "
               "%zu",
               style_marker(want), col, is_blank(prev) ? "khoảng trắng" : "dấu mở ngoặc",
               style_name(closing),
               opened_at[closing & VB_EMPH_BOLD ? VB_EMPH_BOLD : VB_EMPH_ITALIC]);
      snprintf(err->hint, sizeof err->hint, "bỏ khoảng trắng trước dấu đóng, " ESCAPE_HINT);
      return -1;
    }
    if (opening && !can_open) {
      snprintf(err->message, sizeof err->message, "dấu \"%s\" ở ký tự thứ %zu đóng %s chưa được mở",
               style_marker(want), col, style_name(opening));
      snprintf(err->hint, sizeof err->hint,
               "thêm \"%s\" ngay trước chữ đầu tiên cần định dạng, " ESCAPE_HINT,
               style_marker(opening));
      return -1;
    }
    if (opening & VB_EMPH_BOLD) opened_at[VB_EMPH_BOLD] = col;
    if (opening & VB_EMPH_ITALIC) opened_at[VB_EMPH_ITALIC] = col;
    cur ^= want;
    add_span(e, cur, e->text.len);
    i = j;
  }
  if (cur) {
    /* Name the one opened first (both, when one "***" opened them). */
    unsigned which = cur;
    if (cur == (VB_EMPH_BOLD | VB_EMPH_ITALIC) &&
        opened_at[VB_EMPH_BOLD] != opened_at[VB_EMPH_ITALIC])
      which = opened_at[VB_EMPH_BOLD] < opened_at[VB_EMPH_ITALIC] ? VB_EMPH_BOLD : VB_EMPH_ITALIC;
    size_t col = opened_at[which & VB_EMPH_BOLD ? VB_EMPH_BOLD : VB_EMPH_ITALIC];
    err->column = col;
    snprintf(err->message, sizeof err->message, "%s mở bằng \"%s\" ở ký tự thứ %zu không được đóng",
             style_name(which), style_marker(which), col);
    snprintf(err->hint, sizeof err->hint,
             "thêm \"%s\" ngay sau chữ cuối cùng cần định dạng (không có khoảng trắng trước "
             "nó), " ESCAPE_HINT,
             style_marker(which));
    return -1;
  }
  if (e->nspans && e->spans[e->nspans - 1].len == 0) e->nspans--;
  for (size_t k = 0; k < e->nspans; k++)
    e->styled |= e->spans[k].style != 0;
  if (!e->text.data) vb_buf_puts(&e->text, "");
  return 0;
}

void vb_emphasis_free(vb_emphasis *e) {
  vb_buf_free(&e->text);
  free(e->spans);
  memset(e, 0, sizeof *e);
}

void vb_emphasis_escape(const char *s, size_t n, vb_buf *out) {
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '*' || (s[i] == '\\' && i + 1 < n && (s[i + 1] == '*' || s[i + 1] == '\\')))
      vb_buf_putc(out, '\\');
    vb_buf_putc(out, s[i]);
  }
}
