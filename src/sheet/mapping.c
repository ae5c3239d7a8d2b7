/* Columns → fields: finding the header row and the columns a data file names
 * (by header text as officers write them, or by letter), then turning each
 * row below the header into the very vb_value a JSON file would hold, every
 * value carrying its cell ("Phụ lục 02!E7") so the model's messages point at
 * the cell to fix. The rules are in docs/spreadsheets.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sheet/sheet.h"
#include "util/diag.h"
#include "vi/vi.h"

/* ---- fields and the headers recognised for them ---------------------------- */

static const char *const h_ma[] = {"tt", "stt", "số tt", "mã", "mã số", "số thứ tự", NULL};
static const char *const h_ten[] = {"tên chỉ tiêu", "tên tiêu chí", "chỉ tiêu", "tiêu chí", NULL};
static const char *const h_yeu_cau[] = {"yêu cầu",  "yêu cầu tiêu chí",  "yêu cầu chỉ tiêu",
                                        "nội dung", "nội dung chỉ tiêu", "nội dung tiêu chí",
                                        NULL};
static const char *const h_don_vi[] = {"đơn vị tính", "đvt", "đơn vị", NULL};
static const char *const h_muc_tieu[] = {"chỉ tiêu cụ thể", "mục tiêu",          "chỉ tiêu giao",
                                         "kế hoạch",        "chỉ tiêu kế hoạch", NULL};
static const char *const h_ket_qua[] = {"kết quả đạt được", "kết quả", "kết quả thực hiện",
                                        "thực hiện", NULL};
static const char *const h_tu[] = {"tử số", NULL};
static const char *const h_mau[] = {"mẫu số", NULL};
static const char *const h_danh_gia[] = {"đánh giá", "tự đánh giá", "kết quả đánh giá", NULL};
static const char *const h_ly_do[] = {"lý do", "lí do", NULL};
static const char *const h_thuyet_minh[] = {"thuyết minh", "diễn giải", "giải trình", NULL};
static const char *const h_minh_chung[] = {"minh chứng", "tài liệu minh chứng", NULL};
static const char *const h_kht[] = {"không hoàn thành", NULL};
static const char *const h_ghi_chu[] = {"ghi chú", "khó khăn, vướng mắc", "khó khăn vướng mắc",
                                        NULL};
static const char *const h_trich_yeu[] = {"trích yếu", "trích yếu nội dung", "tên văn bản",
                                          "nội dung", NULL};
static const char *const h_so_ky_hieu[] = {"số, ký hiệu", "số ký hiệu", "số/ký hiệu", "số hiệu",
                                           "số, kí hiệu", "số kí hiệu", NULL};
static const char *const h_ngay[] = {"ngày",        "ngày ban hành", "ngày tháng",
                                     "ngày, tháng", "ngày văn bản",  NULL};

static const vb_map_field indicator_fields[] = {{"ma", h_ma},
                                                {"ten", h_ten},
                                                {"yeu_cau", h_yeu_cau},
                                                {"don_vi", h_don_vi},
                                                {"muc_tieu", h_muc_tieu},
                                                {"ket_qua", h_ket_qua},
                                                {"tu", h_tu},
                                                {"mau", h_mau},
                                                {"thuyet_minh", h_thuyet_minh},
                                                {"minh_chung", h_minh_chung},
                                                {"danh_gia", h_danh_gia},
                                                {"ly_do", h_ly_do},
                                                {"khong_hoan_thanh", h_kht},
                                                {"ghi_chu", h_ghi_chu},
                                                {NULL, NULL}};

static const vb_map_field document_fields[] = {{"ma", h_ma},
                                               {"trich_yeu", h_trich_yeu},
                                               {"so_ky_hieu", h_so_ky_hieu},
                                               {"ngay", h_ngay},
                                               {NULL, NULL}};

const vb_map_field *vb_map_fields(vb_map_kind kind) {
  return kind == VB_MAP_INDICATORS ? indicator_fields : document_fields;
}

/* Header text for comparison: lower case, blanks (line breaks in header
 * cells are common) collapsed, no trailing ":" or ".". */
static void norm_header(const char *s, vb_buf *out) {
  vb_buf low = VB_BUF_INIT;
  vi_lower(&low, s);
  int space = 0;
  for (size_t i = 0; i < low.len; i++) {
    unsigned char c = (unsigned char)low.data[i];
    int blank = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (c == 0xC2 && i + 1 < low.len && (unsigned char)low.data[i + 1] == 0xA0) blank = 1, i++;
    if (blank) {
      space = 1;
      continue;
    }
    if (space && out->len) vb_buf_putc(out, ' ');
    space = 0;
    vb_buf_putc(out, (char)c);
  }
  while (out->len && (out->data[out->len - 1] == ':' || out->data[out->len - 1] == '.'))
    out->data[--out->len] = '\0';
  vb_buf_free(&low);
}

static int header_is(const vb_sheet *s, uint32_t row, uint32_t col, const char *want_norm) {
  const vb_cell *c = vb_sheet_cell_merged(s, row, col);
  if (!c) return 0;
  vb_buf t = VB_BUF_INIT, n = VB_BUF_INIT;
  vb_cell_display(c, &t);
  norm_header(vb_buf_cstr(&t), &n);
  int r = !strcmp(vb_buf_cstr(&n), want_norm);
  vb_buf_free(&t), vb_buf_free(&n);
  return r;
}

static int row_has(const vb_sheet *s, uint32_t row, const char *want_norm) {
  for (uint32_t c = 0; c < s->max_col; c++)
    if (header_is(s, row, c, want_norm)) return 1;
  return 0;
}

/* The header continues down while a merged range starting in it does. */
static uint32_t header_end(const vb_sheet *s, uint32_t row) {
  uint32_t end = row;
  for (size_t i = 0; i < s->nmerges; i++)
    if (s->merges[i].r1 == row && s->merges[i].r2 > end && s->merges[i].r2 < row + 4)
      end = s->merges[i].r2;
  return end;
}

/* ... and reaches up through merged ranges that end in it: with a two-row
 * header, "TT" merged over rows 1-2 belongs to a header found in row 2. */
static uint32_t header_top(const vb_sheet *s, uint32_t row) {
  uint32_t top = row;
  for (size_t i = 0; i < s->nmerges; i++)
    if (s->merges[i].r1 < top && s->merges[i].r2 >= row && s->merges[i].r1 + 4 > row)
      top = s->merges[i].r1;
  return top;
}

static int is_letters(const char *s) {
  size_t n = strlen(s);
  if (n == 0 || n > 3) return 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] < 'A' || s[i] > 'Z') return 0;
  return 1;
}

/* Rows searched for the header when the data file does not say. */
#define HEADER_SCAN 50

int vb_map_columns(const vb_sheet *s, vb_map_kind kind, const vb_value *cot,
                   uint32_t header_row_1based, vb_map *out, const char *data_name,
                   const char *cfg_path, vb_diags *d) {
  const vb_map_field *fields = vb_map_fields(kind);
  memset(out, 0, sizeof *out);
  out->kind = kind;
  out->header_row = UINT32_MAX;
  /* The names asked for, normalised; NULL = recognise the usual headers. */
  const char *want[32] = {0};
  const char *want_raw[32] = {0};
  const char *field_of[32] = {0};
  size_t nwant = 0;
  vb_buf tmp = VB_BUF_INIT;
  char **owned = vb_xcalloc(64, sizeof *owned);
  size_t nowned = 0;
  int errors = 0;
  if (cot) {
    for (size_t i = 0; i < cot->u.obj.len && nwant < 32; i++) {
      const char *key = cot->u.obj.items[i].key;
      const vb_value *v = cot->u.obj.items[i].val;
      size_t f = 0;
      while (fields[f].field && strcmp(fields[f].field, key))
        f++;
      vb_buf where = VB_BUF_INIT;
      vb_buf_printf(&where, "%s.cot.%s", cfg_path, key);
      if (!fields[f].field) {
        vb_buf list = VB_BUF_INIT;
        for (size_t k = 0; fields[k].field; k++)
          vb_buf_printf(&list, "%s%s", k ? ", " : "", fields[k].field);
        vb_error(d, VB_EDATA, data_name, where.data, NULL,
                 "unknown field \"%s\" in the column mapping; the fields are %s", key,
                 vb_buf_cstr(&list));
        vb_buf_free(&list);
        errors++;
      } else if (v->kind != VB_STR || !v->u.str.len) {
        vb_error(d, VB_EDATA, data_name, where.data,
                 "write the column's header text (\"Tên chỉ tiêu\") or its letter (\"C\")",
                 "the column of \"%s\" must be a string", key);
        errors++;
      } else {
        vb_buf_clear(&tmp);
        norm_header(v->u.str.s, &tmp);
        owned[nowned] = vb_xstrdup(vb_buf_cstr(&tmp));
        want[nwant] = owned[nowned++];
        want_raw[nwant] = v->u.str.s;
        field_of[nwant++] = fields[f].field;
      }
      vb_buf_free(&where);
    }
  }
  if (errors) goto out;

  /* The header row: as given, or the row (of the first 50) where most of the
   * wanted headers are, the first one on a tie. */
  uint32_t h = UINT32_MAX;
  if (header_row_1based == UINT32_MAX) {
    /* No header row at all: only letters can name columns. */
    for (size_t w = 0; w < nwant; w++) {
      if (is_letters(want_raw[w])) {
        out->field[out->nfields] = field_of[w];
        out->col[out->nfields++] = (uint32_t)vb_col_parse(want_raw[w]);
      } else {
        vb_error(d, VB_EDATA, data_name, cfg_path, "give the column's letter, e.g. \"C\"",
                 "without a header row (dong_tieu_de 0) \"%s\" cannot name a column", want_raw[w]);
        errors++;
      }
    }
    if (!cot) {
      vb_error(d, VB_EDATA, data_name, cfg_path, "map the columns by letter in \"cot\"",
               "without a header row (dong_tieu_de 0) the columns must be given in \"cot\"");
      errors++;
    }
    goto out;
  } else if (header_row_1based > 0) {
    h = header_row_1based - 1;
  } else if (header_row_1based == 0 && cot && cot->u.obj.len) {
    int all_letters = 1, best = 0;
    for (size_t w = 0; w < nwant; w++)
      all_letters &= is_letters(want_raw[w]);
    for (uint32_t r = 0; r < s->max_row && r < HEADER_SCAN; r++) {
      int score = 0;
      for (size_t w = 0; w < nwant; w++)
        score += row_has(s, r, want[w]);
      if (score > best) best = score, h = r;
    }
    if (h == UINT32_MAX && all_letters) h = 0; /* letters only: row 1 is the header */
  } else {
    int best = 1; /* at least two usual headers make a header row */
    for (uint32_t r = 0; r < s->max_row && r < HEADER_SCAN; r++) {
      int score = 0;
      for (size_t f = 0; fields[f].field; f++)
        for (size_t k = 0; fields[f].headers[k]; k++)
          if (row_has(s, r, fields[f].headers[k])) {
            score++;
            break;
          }
      if (score > best) best = score, h = r;
    }
  }
  if (h == UINT32_MAX) {
    vb_error(d, VB_EDATA, data_name, cfg_path,
             "give the header row's number in \"dong_tieu_de\", or map the columns in \"cot\"",
             "no header row found in the first %d rows of sheet \"%s\"", HEADER_SCAN, s->name);
    errors++;
    goto out;
  }
  uint32_t hend = header_end(s, h);
  out->header_row = hend;
  h = header_top(s, h);

  if (!cot) {
    /* Usual headers: each column to the field its own header cell names
     * (the lowest one: "Tử số" under a merged "Kết quả"), each field once. */
    for (uint32_t c = 0; c < s->max_col && out->nfields < 32; c++) {
      uint32_t r = hend + 1;
      while (r > h && !vb_sheet_cell(s, r - 1, c))
        r--;
      if (r == h) continue;
      r--;
      for (size_t f = 0; fields[f].field; f++) {
        int taken = 0;
        for (size_t k = 0; k < out->nfields; k++)
          taken |= !strcmp(out->field[k], fields[f].field);
        if (taken) continue;
        int hit = 0;
        for (size_t k = 0; fields[f].headers[k] && !hit; k++)
          hit = header_is(s, r, c, fields[f].headers[k]);
        if (hit) {
          out->field[out->nfields] = fields[f].field;
          out->col[out->nfields++] = c;
          break;
        }
      }
    }
    if (out->nfields == 0) {
      vb_error(d, VB_EDATA, data_name, cfg_path, "map the columns in \"cot\"",
               "no known column header in row %u of sheet \"%s\"", h + 1, s->name);
      errors++;
    }
    goto out;
  }

  for (size_t w = 0; w < nwant; w++) {
    /* A header cell of its own beats one covered by a merge spanning several
     * columns ("Kết quả" over Tử số / Mẫu số names the first column). */
    long found = -1, found_direct = -1;
    int nfound = 0, ndirect = 0;
    for (uint32_t c = 0; c < s->max_col; c++) {
      int hit = 0, direct = 0;
      for (uint32_t r = h; r <= hend; r++)
        if (header_is(s, r, c, want[w])) hit = 1, direct |= vb_sheet_cell(s, r, c) != NULL;
      if (hit && found < 0) found = c;
      nfound += hit;
      if (direct) {
        if (found_direct < 0) found_direct = c;
        ndirect++;
      }
    }
    vb_buf where = VB_BUF_INIT;
    vb_buf_printf(&where, "%s.cot.%s", cfg_path, field_of[w]);
    long col = ndirect >= 1 ? found_direct : found;
    if (ndirect > 1) {
      vb_error(d, VB_EDATA, data_name, where.data, "give the column's letter instead",
               "%d columns of sheet \"%s\" have the header \"%s\"", ndirect, s->name, want_raw[w]);
      errors++;
    } else if (col < 0 && is_letters(want_raw[w])) {
      out->field[out->nfields] = field_of[w];
      out->col[out->nfields++] = (uint32_t)vb_col_parse(want_raw[w]);
    } else if (col < 0) {
      vb_buf heads = VB_BUF_INIT;
      for (uint32_t c = 0; c < s->max_col && c < 40; c++) {
        const vb_cell *hc = vb_sheet_cell_merged(s, hend, c);
        if (!hc) continue;
        vb_buf_puts(&heads, heads.len ? ", \"" : "\"");
        vb_cell_display(hc, &heads);
        vb_buf_putc(&heads, '"');
      }
      vb_error(d, VB_EDATA, data_name, where.data,
               "write the header exactly as in the sheet, or the column's letter",
               "no column of sheet \"%s\" has the header \"%s\" (header row %u: %s)", s->name,
               want_raw[w], hend + 1, heads.len ? vb_buf_cstr(&heads) : "empty");
      vb_buf_free(&heads);
      errors++;
    } else {
      (void)nfound;
      out->field[out->nfields] = field_of[w];
      out->col[out->nfields++] = (uint32_t)col;
    }
    vb_buf_free(&where);
  }
out:
  for (size_t i = 0; i < nowned; i++)
    free(owned[i]);
  free(owned);
  vb_buf_free(&tmp);
  return errors ? -1 : 0;
}

/* ---- rows → values ---------------------------------------------------------- */

typedef struct ctx {
  vb_arena *a;
  const vb_sheet *s;
  const vb_map *m;
  const char *book;
  vb_diags *d;
  int errors;
} ctx;

static long col_of(const vb_map *m, const char *field) {
  for (size_t i = 0; i < m->nfields; i++)
    if (!strcmp(m->field[i], field)) return (long)m->col[i];
  return -1;
}

static int blank_text(const char *t) {
  for (; *t; t++)
    if (!strchr(" \t\r\n", *t) && !((unsigned char)t[0] == 0xC2 && (unsigned char)t[1] == 0xA0))
      return 0;
  return 1;
}

/* The cell of a field in this row; NULL when unmapped, empty or blank text. */
static const vb_cell *field_cell(const ctx *x, uint32_t row, const char *field) {
  long c = col_of(x->m, field);
  if (c < 0) return NULL;
  const vb_cell *cell = vb_sheet_cell(x->s, row, (uint32_t)c);
  if (cell && cell->type == VB_CELL_TEXT && blank_text(cell->text)) return NULL;
  return cell;
}

static vb_value *at(const ctx *x, vb_value *v, uint32_t row, const char *field) {
  v->src = vb_cellref_name(x->a, x->s->name, row, (uint32_t)col_of(x->m, field));
  return v;
}

static void cell_error(ctx *x, uint32_t row, const char *field, const vb_cell *c, const char *hint,
                       const char *what) {
  vb_buf found = VB_BUF_INIT;
  vb_cell_display(c, &found);
  vb_error(x->d, VB_EDATA, x->book,
           vb_cellref_name(x->a, x->s->name, row, (uint32_t)col_of(x->m, field)), hint,
           "không đọc được %s (%s) từ ô có \"%s\"", what, field, vb_buf_cstr(&found));
  vb_buf_free(&found);
  x->errors++;
}

/* Trimmed copy of the text of a cell, or its display form. */
static const char *text_of(const ctx *x, const vb_cell *c) {
  vb_buf b = VB_BUF_INIT;
  vb_cell_display(c, &b);
  size_t s = 0, e = b.len;
  while (s < e && strchr(" \t\r\n", b.data[s]))
    s++;
  while (e > s && strchr(" \t\r\n", b.data[e - 1]))
    e--;
  const char *r = vb_arena_strndup(x->a, b.data ? b.data + s : "", e - s);
  vb_buf_free(&b);
  return r;
}

/* An id: numbers as their shortest form ("1.1"), a trailing "." dropped ("I."). */
static const char *ma_text(const ctx *x, const vb_cell *c) {
  char tmp[64];
  if (c->type == VB_CELL_NUMBER) {
    snprintf(tmp, sizeof tmp, "%.15g", c->num);
    return vb_arena_strdup(x->a, tmp);
  }
  const char *t = text_of(x, c);
  size_t n = strlen(t);
  while (n && t[n - 1] == '.')
    n--;
  return vb_arena_strndup(x->a, t, n);
}

static vb_value *text_value(ctx *x, uint32_t row, const char *field, const vb_cell *c) {
  const char *t = !strcmp(field, "ma") ? ma_text(x, c) : text_of(x, c);
  return at(x, vb_val_strz(x->a, t), row, field);
}

/* One paragraph per line of the cell (Alt+Enter in Excel, Ctrl+Enter in Calc). */
static vb_value *lines_value(ctx *x, uint32_t row, const char *field, const vb_cell *c) {
  vb_value *arr = at(x, vb_val_arr(x->a), row, field);
  const char *t = text_of(x, c);
  /* A lone dash is an empty list, which is not the same as no list: the
   * model prints the evidence heading for "minh_chung": [] but not when it is
   * absent (an empty cell). */
  if (!strcmp(t, "-") || !strcmp(t, "–") || !strcmp(t, "—")) return arr;
  while (*t) {
    const char *nl = strchr(t, '\n');
    size_t n = nl ? (size_t)(nl - t) : strlen(t);
    size_t s = 0, e = n;
    while (s < e && strchr(" \t\r", t[s]))
      s++;
    while (e > s && strchr(" \t\r", t[e - 1]))
      e--;
    if (e > s) vb_arr_push(x->a, arr, at(x, vb_val_str(x->a, t + s, e - s), row, field));
    t += n + (nl ? 1 : 0);
  }
  return arr;
}

static int number_of(const vb_cell *c, double *v, int *pct) {
  if (c->type == VB_CELL_NUMBER) {
    *pct = (c->flags & VB_CELL_PERCENT) != 0;
    *v = *pct ? c->num * 100 : c->num;
    return 0;
  }
  if (c->type == VB_CELL_TEXT) return vb_vi_number(c->text, v, pct);
  return -1;
}

/* Percentages stored as fractions come back as 58.599999999999994: round to
 * what a person typed (at most 10 decimals). */
static double tidy(double v) { return round(v * 1e10) / 1e10; }

static vb_value *num_value(ctx *x, uint32_t row, const char *field, double v) {
  return at(x, vb_val_num(x->a, tidy(v)), row, field);
}

static vb_value *target_value(ctx *x, uint32_t row, const vb_cell *c, const char *don_vi) {
  vb_value *o = at(x, vb_val_obj(x->a), row, "muc_tieu");
  double v;
  int pct = 0;
  const char *op = ">=";
  int yn = c->type == VB_CELL_TEXT ? vb_vi_yesno(c->text) : c->type == VB_CELL_BOOL ? 1 : -1;
  if (yn == 1) {
    vb_obj_set(x->a, o, "kieu", at(x, vb_val_strz(x->a, "co_khong"), row, "muc_tieu"));
    return o;
  }
  if (c->type == VB_CELL_NUMBER) {
    number_of(c, &v, &pct);
  } else if (c->type != VB_CELL_TEXT || vb_vi_target(c->text, &op, &v, &pct) != 0) {
    cell_error(x, row, "muc_tieu", c,
               "ghi mục tiêu dạng \"≥ 70%\", \"> 90%\", \"trên 90%\", \"100%\", \"5\" hoặc \"Có\"",
               "mục tiêu");
    return NULL;
  }
  int rate = pct || (don_vi && !strcmp(don_vi, "%"));
  vb_obj_set(x->a, o, "kieu",
             at(x, vb_val_strz(x->a, rate ? "ty_le" : "so_luong"), row, "muc_tieu"));
  vb_obj_set(x->a, o, "gia_tri", num_value(x, row, "muc_tieu", v));
  vb_obj_set(x->a, o, "so_sanh", at(x, vb_val_strz(x->a, op), row, "muc_tieu"));
  return o;
}

static vb_value *result_value(ctx *x, uint32_t row, const vb_cell *c) {
  vb_value *o = at(x, vb_val_obj(x->a), row, "ket_qua");
  double v, tu, mau;
  int pct;
  if (c->type == VB_CELL_BOOL) {
    vb_obj_set(x->a, o, "co", at(x, vb_val_bool(x->a, c->num != 0), row, "ket_qua"));
  } else if (number_of(c, &v, &pct) == 0) {
    vb_obj_set(x->a, o, "gia_tri", num_value(x, row, "ket_qua", v));
  } else if (c->type == VB_CELL_TEXT && vb_vi_fraction(c->text, &tu, &mau) == 0) {
    vb_obj_set(x->a, o, "tu", num_value(x, row, "ket_qua", tu));
    vb_obj_set(x->a, o, "mau", num_value(x, row, "ket_qua", mau));
  } else if (c->type == VB_CELL_TEXT && vb_vi_yesno(c->text) >= 0) {
    vb_obj_set(x->a, o, "co", at(x, vb_val_bool(x->a, vb_vi_yesno(c->text)), row, "ket_qua"));
  } else if (c->type == VB_CELL_TEXT && !vb_vi_looks_numeric(c->text)) {
    vb_obj_set(x->a, o, "van_ban", text_value(x, row, "ket_qua", c));
  } else {
    cell_error(x, row, "ket_qua", c,
               "ghi kết quả dạng \"2.335/3.986\", \"58,6%\", \"4\", \"Có\"/\"Không\" hoặc một câu",
               "kết quả");
    return NULL;
  }
  return o;
}

static vb_value *number_field(ctx *x, uint32_t row, const char *field, const vb_cell *c) {
  double v;
  int pct;
  if (number_of(c, &v, &pct) != 0) {
    cell_error(x, row, field, c, "ghi một số, ví dụ 2.335", "số");
    return NULL;
  }
  return num_value(x, row, field, v);
}

static vb_value *bool_field(ctx *x, uint32_t row, const char *field, const vb_cell *c) {
  int yn = c->type == VB_CELL_BOOL   ? c->num != 0
           : c->type == VB_CELL_TEXT ? vb_vi_yesno(c->text)
                                     : -1;
  if (yn < 0) {
    cell_error(x, row, field, c, "ghi \"Có\" hoặc \"Không\"", "có/không");
    return NULL;
  }
  return at(x, vb_val_bool(x->a, yn), row, field);
}

static vb_value *assessment_field(ctx *x, uint32_t row, const vb_cell *c) {
  if (c->type == VB_CELL_BOOL)
    return at(x, vb_val_strz(x->a, c->num != 0 ? "Đạt" : "Chưa đạt"), row, "danh_gia");
  return text_value(x, row, "danh_gia", c);
}

static vb_value *date_field(ctx *x, uint32_t row, const vb_cell *c) {
  int y, m, d;
  if (c->type == VB_CELL_DATE) return at(x, vb_val_strz(x->a, c->text), row, "ngay");
  if (c->type == VB_CELL_TEXT && vi_parse_date(text_of(x, c), &y, &m, &d) == 0) {
    char tmp[16];
    if (d)
      snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
    else if (m)
      snprintf(tmp, sizeof tmp, "%04d-%02d", y, m);
    else
      snprintf(tmp, sizeof tmp, "%04d", y);
    return at(x, vb_val_strz(x->a, tmp), row, "ngay");
  }
  cell_error(x, row, "ngay", c,
             c->type == VB_CELL_NUMBER
                 ? "định dạng ô là ngày (Format Cells → Date) hoặc ghi 18/06/2024"
                 : "ghi ngày dạng 18/06/2024",
             "ngày");
  return NULL;
}

/* ---- row kinds -------------------------------------------------------------- */

static size_t row_index(const vb_sheet *s, uint32_t row) {
  size_t lo = 0, hi = s->nrows;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (s->rows[mid].row < row)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

static int non_blank(const vb_cell *c) {
  return c->type != VB_CELL_EMPTY && !(c->type == VB_CELL_TEXT && blank_text(c->text));
}

/* "(1) (2) (3) …" or "1 2 3 …" under the header: column numbers, not data. */
static int numbering_row(const vb_srow *r) {
  int n = 0;
  double expect = 1;
  for (uint32_t i = 0; i < r->n; i++) {
    const vb_cell *c = &r->cells[i];
    if (!non_blank(c)) continue;
    double v;
    if (c->type == VB_CELL_NUMBER)
      v = c->num;
    else if (c->type == VB_CELL_TEXT) {
      const char *t = c->text;
      char *end;
      while (*t == ' ' || *t == '(')
        t++;
      v = strtod(t, &end);
      while (*end == ' ' || *end == ')')
        end++;
      if (end == t || *end) return 0;
    } else
      return 0;
    if (v != expect) return 0;
    expect++, n++;
  }
  return n >= 3;
}

static int roman_value(const char *s) {
  static const char *const r[] = {"I",    "II",  "III",  "IV",    "V",   "VI",   "VII",
                                  "VIII", "IX",  "X",    "XI",    "XII", "XIII", "XIV",
                                  "XV",   "XVI", "XVII", "XVIII", "XIX", "XX",   NULL};
  for (int i = 0; r[i]; i++)
    if (!strcmp(s, r[i])) return i + 1;
  return 0;
}

/* A group's number: an integer without a dot, a Roman numeral or one letter. */
static int group_number(const char *s) {
  if (roman_value(s)) return 1;
  if (s[0] && !s[1] && ((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z'))) return 1;
  if (!*s) return 0;
  for (const char *p = s; *p; p++)
    if (*p < '0' || *p > '9') return 0;
  return 1;
}

static vb_value *indicator(ctx *x, uint32_t row, uint32_t last_col) {
  vb_value *o = vb_val_obj(x->a);
  {
    vb_buf b = VB_BUF_INIT;
    vb_buf_printf(&b, "%s!A%u:", x->s->name, row + 1);
    vb_col_name(last_col, &b);
    vb_buf_printf(&b, "%u", row + 1);
    o->src = vb_arena_strndup(x->a, b.data, b.len);
    vb_buf_free(&b);
  }
  static const char *const text_fields[] = {"ma", "ten", "yeu_cau", "don_vi", NULL};
  const vb_cell *c;
  for (int i = 0; text_fields[i]; i++)
    if ((c = field_cell(x, row, text_fields[i])))
      vb_obj_set(x->a, o, text_fields[i], text_value(x, row, text_fields[i], c));
  if ((c = field_cell(x, row, "muc_tieu"))) {
    const vb_cell *dv = field_cell(x, row, "don_vi");
    vb_value *t = target_value(x, row, c, dv ? text_of(x, dv) : NULL);
    if (t) vb_obj_set(x->a, o, "muc_tieu", t);
  }
  const vb_cell *kq = field_cell(x, row, "ket_qua");
  const vb_cell *tu = field_cell(x, row, "tu"), *mau = field_cell(x, row, "mau");
  if (kq && (tu || mau)) {
    cell_error(x, row, "ket_qua", kq, "ghi kết quả ở cột kết quả hoặc ở hai cột tử số, mẫu số",
               "kết quả (đã có tử số/mẫu số)");
  } else if (kq) {
    vb_value *r = result_value(x, row, kq);
    if (r) vb_obj_set(x->a, o, "ket_qua", r);
  } else if (tu || mau) {
    vb_value *r = at(x, vb_val_obj(x->a), row, tu ? "tu" : "mau");
    vb_value *a = tu ? number_field(x, row, "tu", tu) : NULL;
    vb_value *b = mau ? number_field(x, row, "mau", mau) : NULL;
    if (a) vb_obj_set(x->a, r, "tu", a);
    if (b) vb_obj_set(x->a, r, "mau", b);
    vb_obj_set(x->a, o, "ket_qua", r);
  }
  if ((c = field_cell(x, row, "thuyet_minh")))
    vb_obj_set(x->a, o, "thuyet_minh", lines_value(x, row, "thuyet_minh", c));
  if ((c = field_cell(x, row, "minh_chung")))
    vb_obj_set(x->a, o, "minh_chung", lines_value(x, row, "minh_chung", c));
  if ((c = field_cell(x, row, "danh_gia")))
    vb_obj_set(x->a, o, "danh_gia", assessment_field(x, row, c));
  if ((c = field_cell(x, row, "ly_do")))
    vb_obj_set(x->a, o, "ly_do", text_value(x, row, "ly_do", c));
  if ((c = field_cell(x, row, "khong_hoan_thanh"))) {
    vb_value *b = bool_field(x, row, "khong_hoan_thanh", c);
    if (b) vb_obj_set(x->a, o, "khong_hoan_thanh", b);
  }
  /* The model ignores keys starting with "_": a note column travels along
   * for one's own templates without a warning. */
  if ((c = field_cell(x, row, "ghi_chu")))
    vb_obj_set(x->a, o, "_ghi_chu", text_value(x, row, "ghi_chu", c));
  return o;
}

static vb_value *document(ctx *x, uint32_t row) {
  vb_value *o = vb_val_obj(x->a);
  o->src = vb_cellref_name(x->a, x->s->name, row, 0);
  const vb_cell *c;
  if ((c = field_cell(x, row, "trich_yeu")))
    vb_obj_set(x->a, o, "trich_yeu", text_value(x, row, "trich_yeu", c));
  if ((c = field_cell(x, row, "so_ky_hieu")))
    vb_obj_set(x->a, o, "so_ky_hieu", text_value(x, row, "so_ky_hieu", c));
  if ((c = field_cell(x, row, "ngay"))) {
    vb_value *v = date_field(x, row, c);
    if (v) vb_obj_set(x->a, o, "ngay", v);
  }
  return o;
}

vb_value *vb_map_rows(vb_arena *a, const vb_sheet *s, const vb_map *m, const char *book_path,
                      int *grouped, vb_diags *d) {
  ctx x = {.a = a, .s = s, .m = m, .book = book_path, .d = d};
  uint32_t first = m->header_row == UINT32_MAX ? 0 : m->header_row + 1;
  uint32_t last_col = 0;
  for (size_t i = 0; i < m->nfields; i++)
    if (m->col[i] > last_col) last_col = m->col[i];
  vb_value *groups = vb_val_arr(a), *loose = vb_val_arr(a);
  groups->src = loose->src = s->name;
  vb_value *cur = NULL; /* the current group's list */
  int ngroups = 0;
  long ma_col = col_of(m, "ma");
  for (size_t i = row_index(s, first); i < s->nrows; i++) {
    const vb_srow *r = &s->rows[i];
    uint32_t row = r->row;
    /* Group rows: one filled cell (the name), or a group number in the TT
     * column and one other filled cell. */
    uint32_t filled = 0, other_col = 0;
    const vb_cell *ma_cell = NULL, *other = NULL;
    for (uint32_t k = 0; k < r->n; k++) {
      if (!non_blank(&r->cells[k])) continue;
      filled++;
      if ((long)r->cells[k].col == ma_col)
        ma_cell = &r->cells[k];
      else if (!other)
        other = &r->cells[k], other_col = r->cells[k].col;
    }
    if (!filled || numbering_row(r)) continue;
    const char *ma = ma_cell ? ma_text(&x, ma_cell) : NULL;
    const char *group_name = NULL;
    int is_group = other && other->type == VB_CELL_TEXT &&
                   ((filled == 1 && !ma_cell) || (filled == 2 && ma && group_number(ma)));
    if (is_group) {
      group_name = text_of(&x, other);
    } else if (filled == 1 && ma_cell && ma_cell->type == VB_CELL_TEXT && strchr(ma, ' ')) {
      /* "I. CHÍNH QUYỀN SỐ" written across the table from the TT column. */
      const char *sp = strchr(ma, ' ');
      size_t n = (size_t)(sp - ma);
      while (n && ma[n - 1] == '.')
        n--;
      const char *num = vb_arena_strndup(a, ma, n);
      is_group = 1;
      other_col = (uint32_t)ma_col;
      if (group_number(num)) {
        group_name = sp + 1;
        while (*group_name == ' ')
          group_name++;
        ma = num;
      } else {
        group_name = ma;
        ma = NULL;
      }
    }
    if (is_group) {
      ngroups++;
      vb_value *g = vb_val_obj(a);
      g->src = vb_cellref_name(a, s->name, row, other_col);
      if (m->kind == VB_MAP_INDICATORS) {
        char num[16];
        int rv = ma ? roman_value(ma) : 0;
        snprintf(num, sizeof num, "%d", rv ? rv : ngroups);
        vb_value *mv = vb_val_strz(a, ma && !rv ? ma : num);
        mv->src = ma_cell ? vb_cellref_name(a, s->name, row, (uint32_t)ma_col) : g->src;
        vb_obj_set(a, g, "ma", mv);
      }
      vb_value *ten = vb_val_strz(a, group_name);
      ten->src = g->src;
      vb_obj_set(a, g, "ten", ten);
      cur = vb_val_arr(a);
      cur->src = g->src;
      vb_obj_set(a, g, m->kind == VB_MAP_INDICATORS ? "chi_tieu" : "dong", cur);
      vb_arr_push(a, groups, g);
      continue;
    }
    vb_value *item =
        m->kind == VB_MAP_INDICATORS ? indicator(&x, row, last_col) : document(&x, row);
    if (cur) {
      vb_arr_push(a, cur, item);
    } else if (m->kind == VB_MAP_DOCUMENTS) {
      vb_arr_push(a, loose, item);
    } else {
      vb_error(d, VB_EDATA, book_path, vb_cellref_name(a, s->name, row, 0),
               "thêm một dòng nhóm phía trên, ví dụ \"1 | Chính quyền số\" (chỉ ghi số thứ tự và "
               "tên nhóm)",
               "chỉ tiêu ở dòng %u nằm trước dòng nhóm đầu tiên", row + 1);
      x.errors++;
    }
  }
  if (m->kind == VB_MAP_DOCUMENTS && loose->u.arr.len && ngroups) {
    vb_error(d, VB_EDATA, book_path, loose->u.arr.items[0]->src,
             "thêm một dòng nhóm phía trên, hoặc bỏ hết các dòng nhóm",
             "văn bản nằm trước dòng nhóm đầu tiên");
    x.errors++;
  }
  if (x.errors) return NULL;
  *grouped = m->kind == VB_MAP_INDICATORS || ngroups > 0;
  return *grouped ? groups : loose;
}
