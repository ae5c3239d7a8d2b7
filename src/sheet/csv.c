/* CSV → vb_book (one sheet, named after the file).
 *
 * What Excel and Calc write when an officer picks "CSV UTF-8": an optional
 * BOM, comma or — with a Vietnamese locale, where the comma is the decimal
 * mark — semicolon separators, RFC 4180 quoting (doubled quotes, line breaks
 * inside quotes), CRLF or LF line ends. Every field is text; the table reader
 * reads Vietnamese numbers out of it. Anything but UTF-8 is refused with the byte
 * offset, because guessing a legacy code page (TCVN3, VNI) would silently
 * garble every tone mark. */
#include <stdio.h>
#include <string.h>

#include "sheet/sheet.h"
#include "util/diag.h"
#include "vi/vi.h"

static uint32_t line_of(const char *s, size_t off, uint32_t line) {
  for (size_t i = 0; i < off; i++)
    if (s[i] == '\n') line++;
  return line;
}

char vb_csv__separator(const char *s, size_t n) {
  size_t comma = 0, semi = 0, tab = 0;
  int q = 0;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c == '"')
      q = !q;
    else if (!q && (c == '\n' || c == '\r'))
      break;
    else if (!q && c == ',')
      comma++;
    else if (!q && c == ';')
      semi++;
    else if (!q && c == '\t')
      tab++;
  }
  if (semi > comma && semi >= tab) return ';';
  if (tab > comma && tab > semi) return '\t';
  return ',';
}

void vb_csv__sheet_name(vb_buf *out, const char *path) {
  const char *slash = strrchr(path, '/');
  const char *base = slash ? slash + 1 : path;
  const char *dot = strrchr(base, '.');
  vb_buf_put(out, base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
}

int vb_csv__record(const vb_csv_text *t, size_t *pos, vb_book *b, vb_sheet *sh, uint32_t row,
                   vb_diags *d) {
  const char *s = t->s;
  size_t n = t->n, i = *pos, quote_start = 0;
  vb_buf field = VB_BUF_INIT;
  uint64_t col = 0;
  int in_quotes = 0, was_quoted = 0, rc = 0;
  for (;;) {
    int end = i >= n;
    /* A record that runs to the end of what is read, or whose next byte
     * decides ("" or \r\n), needs more of the file. */
    if (!t->at_end && (end || ((s[i] == '"' || s[i] == '\r') && i + 1 >= n))) break;
    char c = end ? '\n' : s[i];
    if (in_quotes && end) {
      char where[64];
      snprintf(where, sizeof where, "dòng %u", line_of(s, quote_start, t->line));
      vb_error_rule(d, VB_EDATA, "sheet.csv-quote", t->path, where, "đóng ô bằng dấu \"",
                    "một ô mở bằng dấu ngoặc kép không được đóng");
      rc = -1;
      break;
    }
    if (in_quotes) {
      if (c == '"' && i + 1 < n && s[i + 1] == '"') {
        vb_buf_putc(&field, '"');
        i += 2;
      } else if (c == '"') {
        in_quotes = 0;
        i++;
      } else {
        vb_buf_putc(&field, c);
        i++;
      }
      continue;
    }
    if (c == '"' && field.len == 0 && !was_quoted) {
      in_quotes = was_quoted = 1;
      quote_start = i++;
      continue;
    }
    if (c == t->sep || c == '\n' || c == '\r') {
      if (field.len || (was_quoted && (t->flags & VB_BOOK_EMPTY_QUOTED))) {
        if (row >= VB_SHEET_MAX_ROWS || col >= VB_SHEET_MAX_COLS) {
          char where[64];
          snprintf(where, sizeof where, "dòng %u", line_of(s, i, t->line));
          vb_error_rule(d, VB_EDATA, "sheet.too-large", t->path, where, "tách tệp ra",
                        "bảng lớn hơn một trang tính (%u dòng, %u cột)", VB_SHEET_MAX_ROWS,
                        VB_SHEET_MAX_COLS);
          rc = -1;
          break;
        }
        vb_cell *cell = vb_sheet__put(b, sh, row, (uint32_t)col, sh->name, d);
        if (!cell) {
          rc = -1;
          break;
        }
        cell->type = VB_CELL_TEXT;
        if (was_quoted) cell->flags |= VB_CELL_QUOTED;
        cell->text = vb_book__text(b, field.data ? field.data : "", field.len);
      }
      vb_buf_clear(&field);
      was_quoted = 0;
      if (c == t->sep) {
        col++;
        i++;
        continue;
      }
      if (!end) {
        if (c == '\r' && i + 1 < n && s[i + 1] == '\n') i++;
        i++;
      }
      *pos = i;
      rc = 1;
      break;
    }
    /* Text after a closing quote ("a"b) is kept, as spreadsheets do. */
    vb_buf_putc(&field, c);
    i++;
  }
  vb_buf_free(&field);
  return rc;
}

vb_book *vb_csv_read(const char *path, const char *data, size_t len, vb_diags *d) {
  return vb_csv_read_flags(path, data, len, 0, d);
}

vb_book *vb_csv_read_flags(const char *path, const char *data, size_t len, unsigned flags,
                           vb_diags *d) {
  size_t start = len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0;
  size_t bad;
  if (vi_utf8_check(data + start, len - start, &bad) != 0) {
    bad += start;
    char where[96];
    snprintf(where, sizeof where, "dòng %u (byte %zu)", line_of(data, bad, 1), bad);
    vb_error_rule(d, VB_EDATA, "sheet.csv-encoding", path, where,
                  "lưu trang tính thành \"CSV UTF-8\" (Excel) hoặc chọn bộ mã UTF-8 "
                  "(LibreOffice)",
                  "byte UTF-8 sai 0x%02X: tệp không phải UTF-8", (unsigned char)data[bad]);
    return NULL;
  }
  vb_csv_text t = {path, data + start, len - start, 1, 0, 1, flags};
  t.sep = vb_csv__separator(t.s, t.n);
  vb_book *b = vb_book__new(path);
  vb_buf name = VB_BUF_INIT;
  vb_csv__sheet_name(&name, path);
  vb_sheet *sh = vb_book__add_sheet(b, name.data ? name.data : "", name.len);
  vb_buf_free(&name);
  size_t i = 0;
  for (uint64_t row = 0; i < t.n; row++) {
    if (vb_csv__record(&t, &i, b, sh, row > UINT32_MAX ? UINT32_MAX : (uint32_t)row, d) != 1) {
      vb_book_free(b);
      return NULL;
    }
  }
  return b;
}
