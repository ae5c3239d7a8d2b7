/* The common sheet model: building it (for the readers), looking cells up,
 * and opening a workbook by its extension. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data/text.h"
#include "sheet/sheet.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "vi/vi.h"

vb_book *vb_book__new(const char *path) {
  vb_book *b = vb_xcalloc(1, sizeof *b);
  b->a = vb_arena_new();
  b->path = vb_arena_strdup(b->a, path ? path : "(sheet)");
  return b;
}

vb_sheet *vb_book__add_sheet(vb_book *b, const char *name, size_t len) {
  if (b->nsheets == b->cap) {
    b->cap = b->cap ? 2 * b->cap : 4;
    b->sheets = vb_xrealloc(b->sheets, b->cap * sizeof *b->sheets);
  }
  vb_sheet *s = vb_xcalloc(1, sizeof *s);
  s->name = vb_book__text(b, name, len);
  b->sheets[b->nsheets++] = s;
  return s;
}

const char *vb_book__text(vb_book *b, const char *s, size_t n) {
  vb_buf t = VB_BUF_INIT;
  vb_text_clean(s, n, &t, NULL);
  const char *r = vb_arena_strndup(b->a, t.data ? t.data : "", t.len);
  vb_buf_free(&t);
  return r;
}

vb_cell *vb_sheet__put(vb_book *b, vb_sheet *s, uint32_t row, uint32_t col, const char *where,
                       vb_diags *d) {
  if (b->ncells >= VB_SHEET_MAX_CELLS) {
    vb_error_rule(d, VB_EDATA, "sheet.too-large", b->path, where,
                  "tách bảng tính hoặc xoá các ô không dùng", "hơn %u ô có nội dung: không đọc",
                  VB_SHEET_MAX_CELLS);
    return NULL;
  }
  /* Readers mostly go row by row: reuse the last row when it matches. */
  vb_srow *r = s->nrows ? &s->rows[s->nrows - 1] : NULL;
  if (!r || r->row != row) {
    if (s->nrows == s->cap) {
      s->cap = s->cap ? 2 * s->cap : 16;
      s->rows = vb_xrealloc(s->rows, s->cap * sizeof *s->rows);
    }
    r = &s->rows[s->nrows++];
    memset(r, 0, sizeof *r);
    r->row = row;
  }
  if (r->n == r->cap) {
    r->cap = r->cap ? 2 * r->cap : 8;
    r->cells = vb_xrealloc(r->cells, r->cap * sizeof *r->cells);
  }
  vb_cell *c = &r->cells[r->n++];
  memset(c, 0, sizeof *c);
  c->col = col;
  b->ncells++;
  if (row + 1 > s->max_row) s->max_row = row + 1;
  if (col + 1 > s->max_col) s->max_col = col + 1;
  return c;
}

void vb_sheet__merge(vb_sheet *s, uint32_t r1, uint32_t c1, uint32_t r2, uint32_t c2) {
  if (s->nmerges == s->mcap) {
    s->mcap = s->mcap ? 2 * s->mcap : 8;
    s->merges = vb_xrealloc(s->merges, s->mcap * sizeof *s->merges);
  }
  s->merges[s->nmerges++] =
      (vb_range){r1 < r2 ? r1 : r2, c1 < c2 ? c1 : c2, r1 < r2 ? r2 : r1, c1 < c2 ? c2 : c1};
}

static int cmp_row(const void *a, const void *b) {
  const vb_srow *x = a, *y = b;
  return x->row < y->row ? -1 : x->row > y->row;
}

/* qsort is not stable: order by column, then by position, so the later of
 * two cells at one place wins. */
typedef struct {
  vb_cell c;
  size_t i;
} cell_pos;
static int cmp_cell(const void *a, const void *b) {
  const cell_pos *x = a, *y = b;
  if (x->c.col != y->c.col) return x->c.col < y->c.col ? -1 : 1;
  return x->i < y->i ? -1 : x->i > y->i;
}

void vb_sheet__finish(vb_sheet *s) {
  /* Rows arriving out of order split into several entries: sort and fuse. */
  if (s->nrows) qsort(s->rows, s->nrows, sizeof *s->rows, cmp_row);
  size_t w = 0;
  for (size_t i = 0; i < s->nrows; i++) {
    if (w && s->rows[w - 1].row == s->rows[i].row) {
      vb_srow *dst = &s->rows[w - 1], *src = &s->rows[i];
      dst->cells = vb_xrealloc(dst->cells, (dst->n + src->n) * sizeof *dst->cells);
      memcpy(dst->cells + dst->n, src->cells, src->n * sizeof *src->cells);
      dst->n += src->n;
      dst->cap = dst->n;
      free(src->cells);
    } else {
      s->rows[w++] = s->rows[i];
    }
  }
  s->nrows = w;
  for (size_t i = 0; i < s->nrows; i++) {
    vb_srow *r = &s->rows[i];
    cell_pos *tmp = vb_xmalloc((r->n ? r->n : 1) * sizeof *tmp);
    for (uint32_t k = 0; k < r->n; k++)
      tmp[k] = (cell_pos){r->cells[k], k};
    qsort(tmp, r->n, sizeof *tmp, cmp_cell);
    uint32_t n = 0;
    for (uint32_t k = 0; k < r->n; k++) {
      if (n && r->cells[n - 1].col == tmp[k].c.col) n--;
      r->cells[n++] = tmp[k].c;
    }
    r->n = n;
    free(tmp);
  }
}

const vb_cell *vb_sheet_cell(const vb_sheet *s, uint32_t row, uint32_t col) {
  size_t lo = 0, hi = s->nrows;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (s->rows[mid].row < row)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == s->nrows || s->rows[lo].row != row) return NULL;
  const vb_srow *r = &s->rows[lo];
  size_t a = 0, z = r->n;
  while (a < z) {
    size_t mid = (a + z) / 2;
    if (r->cells[mid].col < col)
      a = mid + 1;
    else
      z = mid;
  }
  if (a == r->n || r->cells[a].col != col) return NULL;
  const vb_cell *c = &r->cells[a];
  return c->type == VB_CELL_EMPTY ? NULL : c;
}

const vb_cell *vb_sheet_cell_merged(const vb_sheet *s, uint32_t row, uint32_t col) {
  const vb_cell *c = vb_sheet_cell(s, row, col);
  if (c) return c;
  for (size_t i = 0; i < s->nmerges; i++) {
    const vb_range *m = &s->merges[i];
    if (row >= m->r1 && row <= m->r2 && col >= m->c1 && col <= m->c2)
      return vb_sheet_cell(s, m->r1, m->c1);
  }
  return NULL;
}

/* ---- dates ---------------------------------------------------------------- */

/* Howard Hinnant's days_from_civil / civil_from_days: exact for any date. */
static long days_from_civil(long y, unsigned m, unsigned d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned)(y - era * 400);
  unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = (unsigned)(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long yy = (long)yoe + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)(yy + (*m <= 2));
}

/* Excel's day 0 is 1899-12-30 for every date after 1900-03-01; before that,
 * its fictitious 1900-02-29 (serial 60) shifts the count by one. */
void vb_serial_to_date(double serial, int *y, int *m, int *d) {
  long n = (long)floor(serial);
  if (n < 61 && n > 0) n += 1;
  civil_from_days(days_from_civil(1899, 12, 30) + n, y, m, d);
}

double vb_date_to_serial(int y, int m, int d) {
  long n = days_from_civil(y, (unsigned)m, (unsigned)d) - days_from_civil(1899, 12, 30);
  if (n < 61 && n > 0) n -= 1;
  return (double)n;
}

void vb_cell__set_date(vb_book *b, vb_cell *c, double serial) {
  int y, m, d;
  vb_serial_to_date(serial, &y, &m, &d);
  char tmp[32];
  snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
  c->type = VB_CELL_DATE;
  c->num = serial;
  c->text = vb_arena_strdup(b->a, tmp);
}

void vb_cell_display(const vb_cell *c, vb_buf *out) {
  if (!c) return;
  switch ((vb_cell_type)c->type) {
  case VB_CELL_EMPTY: break;
  case VB_CELL_TEXT:
  case VB_CELL_ERROR: vb_buf_puts(out, c->text); break;
  case VB_CELL_BOOL: vb_buf_puts(out, c->num != 0 ? "Có" : "Không"); break;
  case VB_CELL_DATE: {
    int y, m, d;
    vb_serial_to_date(c->num, &y, &m, &d);
    vi_format_date_short(out, y, m, d);
    break;
  }
  case VB_CELL_NUMBER:
    if (c->flags & VB_CELL_PERCENT)
      vi_format_percent(out, c->num * 100, 2);
    else
      vi_format_number(out, c->num, 0, 6);
    break;
  }
}

/* ---- opening ------------------------------------------------------------------ */

static const char *ext_of(const char *path) {
  const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
  return !dot || (slash && dot < slash) ? "" : dot + 1;
}

vb_book *vb_book_open(const char *path, vb_diags *d) { return vb_book_open_flags(path, 0, d); }

vb_book *vb_book_open_flags(const char *path, unsigned flags, vb_diags *d) {
  const char *ext = ext_of(path);
  enum { XLSX, ODS, FODS, CSV } kind;
  if (!strcasecmp(ext, "xlsx") || !strcasecmp(ext, "xlsm"))
    kind = XLSX;
  else if (!strcasecmp(ext, "ods"))
    kind = ODS;
  else if (!strcasecmp(ext, "fods"))
    kind = FODS;
  else if (!strcasecmp(ext, "csv") || !strcasecmp(ext, "tsv") || !strcasecmp(ext, "txt"))
    kind = CSV;
  else {
    vb_error_rule(d, VB_EDATA, "sheet.format", path, NULL,
                  !strcasecmp(ext, "xls") ? "mở nó bằng Excel hay LibreOffice rồi lưu thành .xlsx"
                                          : "dùng tệp .xlsx, .ods, .fods hoặc .csv",
                  "không phải bảng tính vanban đọc được (.%s)", ext);
    return NULL;
  }
  char *data = NULL;
  size_t len = 0;
  if (vb_read_file(path, VB_SHEET_MAX_FILE, &data, &len, d) != 0) return NULL;
  vb_book *b = NULL;
  switch (kind) {
  case XLSX: b = vb_xlsx_read(path, data, len, d); break;
  case ODS: b = vb_ods_read(path, data, len, d); break;
  case FODS: b = vb_fods_read(path, data, len, d); break;
  case CSV: b = vb_csv_read_flags(path, data, len, flags, d); break;
  }
  free(data);
  if (b)
    for (size_t i = 0; i < b->nsheets; i++)
      vb_sheet__finish(b->sheets[i]);
  return b;
}

void vb_book_free(vb_book *b) {
  if (!b) return;
  for (size_t i = 0; i < b->nsheets; i++) {
    vb_sheet *s = b->sheets[i];
    for (size_t r = 0; r < s->nrows; r++)
      free(s->rows[r].cells);
    free(s->rows);
    free(s->merges);
    free(s);
  }
  free(b->sheets);
  vb_arena_free(b->a);
  free(b);
}

vb_sheet *vb_book_sheet(vb_book *b, const char *name, vb_diags *d) {
  if (b->nsheets == 0) {
    vb_error_rule(d, VB_EDATA, "sheet.no-sheet", b->path, NULL, "thêm một trang có bảng",
                  "không có trang nào");
    return NULL;
  }
  if (!name || !*name) return b->sheets[0];
  for (size_t i = 0; i < b->nsheets; i++)
    if (!strcmp(b->sheets[i]->name, name)) return b->sheets[i];
  /* Sheet names are case-insensitive in Excel; compare the Vietnamese way. */
  vb_buf want = VB_BUF_INIT, have = VB_BUF_INIT;
  vi_lower(&want, name);
  for (size_t i = 0; i < b->nsheets; i++) {
    vb_buf_clear(&have);
    vi_lower(&have, b->sheets[i]->name);
    if (!strcmp(vb_buf_cstr(&want), vb_buf_cstr(&have))) {
      vb_buf_free(&want), vb_buf_free(&have);
      return b->sheets[i];
    }
  }
  vb_buf_clear(&have);
  for (size_t i = 0; i < b->nsheets; i++)
    vb_buf_printf(&have, "%s\"%s\"", i ? ", " : "", b->sheets[i]->name);
  vb_error_rule(d, VB_EDATA, "sheet.no-sheet", b->path, NULL,
                "ghi tên trang sau dấu #, đúng như thẻ trang ghi",
                "không có trang \"%s\"; các trang là %s", name, vb_buf_cstr(&have));
  vb_buf_free(&want), vb_buf_free(&have);
  return NULL;
}
