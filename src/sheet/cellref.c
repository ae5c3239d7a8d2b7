/* A1-style cell references: "E7", "XFD1048576", column letters. */
#include <string.h>

#include "sheet/sheet.h"

int vb_cellref_parse(const char *s, size_t n, uint32_t *row, uint32_t *col) {
  size_t i = 0;
  unsigned long long c = 0, r = 0;
  if (i < n && s[i] == '$') i++;
  size_t letters = i;
  /* Accumulate at most a few digits/letters past the limits: enough to know
   * the reference is beyond the sheet without overflowing. */
  while (i < n && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z'))) {
    if (c < 100000000ull) c = c * 26 + (unsigned)((s[i] | 0x20) - 'a' + 1);
    i++;
  }
  if (i == letters) return -1;
  if (i < n && s[i] == '$') i++;
  size_t digits = i;
  while (i < n && s[i] >= '0' && s[i] <= '9') {
    if (r < 100000000000ull) r = r * 10 + (unsigned)(s[i] - '0');
    i++;
  }
  if (i == digits || i != n || r == 0) return -1;
  if (c > VB_SHEET_MAX_COLS || r > VB_SHEET_MAX_ROWS) return 1;
  *row = (uint32_t)(r - 1);
  *col = (uint32_t)(c - 1);
  return 0;
}

void vb_col_name(uint32_t col, vb_buf *out) {
  char tmp[8];
  int n = 0;
  unsigned long c = (unsigned long)col + 1;
  while (c && n < 7) {
    tmp[n++] = (char)('A' + (c - 1) % 26);
    c = (c - 1) / 26;
  }
  while (n)
    vb_buf_putc(out, tmp[--n]);
}

long vb_col_parse(const char *s) {
  long c = 0;
  if (!*s) return -1;
  for (; *s; s++) {
    if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'))) return -1;
    c = c * 26 + ((*s | 0x20) - 'a' + 1);
    if (c > (long)VB_SHEET_MAX_COLS) return -1;
  }
  return c - 1;
}

const char *vb_cellref_name(vb_arena *a, const char *sheet, uint32_t row, uint32_t col) {
  vb_buf b = VB_BUF_INIT;
  vb_buf_printf(&b, "%s!", sheet);
  vb_col_name(col, &b);
  vb_buf_printf(&b, "%u", row + 1);
  const char *r = vb_arena_strndup(a, b.data, b.len);
  vb_buf_free(&b);
  return r;
}
