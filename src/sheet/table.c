/* Finding a table's header row and the column of each field: by the header
 * texts the caller recognises (officers write headers on several rows, with
 * merged cells and line breaks), or as a data file's "cot" names them, by
 * header text or column letter. The rules are in docs/spreadsheets.md. */
#include <stdlib.h>
#include <string.h>

#include "sheet/table.h"
#include "util/diag.h"
#include "vi/vi.h"

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

/* Is a pattern a lead ("kh *": the words "kh", alone or followed by more,
 * as in "KH năm 2025")? */
static int is_lead(const char *pattern) {
  size_t n = strlen(pattern);
  return n > 2 && pattern[n - 1] == '*' && pattern[n - 2] == ' ';
}

/* Does a normalised header text match a pattern (exact, or a lead)? */
static int text_matches(const char *text, const char *pattern) {
  if (!is_lead(pattern)) return !strcmp(text, pattern);
  size_t k = strlen(pattern) - 2;
  return !strncmp(text, pattern, k) && (text[k] == '\0' || text[k] == ' ');
}

static int header_is(const vb_sheet *s, uint32_t row, uint32_t col, const char *want_norm) {
  const vb_cell *c = vb_sheet_cell_merged(s, row, col);
  if (!c) return 0;
  vb_buf t = VB_BUF_INIT, n = VB_BUF_INIT;
  vb_cell_display(c, &t);
  norm_header(vb_buf_cstr(&t), &n);
  int r = text_matches(vb_buf_cstr(&n), want_norm);
  vb_buf_free(&t), vb_buf_free(&n);
  return r;
}

const char *vb_table_field_named(const vb_table_field *fields, const char *header) {
  vb_buf n = VB_BUF_INIT;
  norm_header(header, &n);
  const char *found = NULL;
  /* An exact header before a lead: "Kết quả đánh giá" is an assessment,
   * not a result. */
  for (int lead = 0; lead < 2 && !found; lead++)
    for (size_t f = 0; fields[f].field && !found; f++)
      for (size_t k = 0; fields[f].headers[k] && !found; k++)
        if (is_lead(fields[f].headers[k]) == lead &&
            text_matches(vb_buf_cstr(&n), fields[f].headers[k]))
          found = fields[f].field;
  vb_buf_free(&n);
  return found;
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

int vb_table_find(const vb_sheet *s, const vb_table_field *fields, const vb_value *cot,
                  uint32_t header_row_1based, vb_table_cols *out, const char *data_name,
                  const char *cfg_path, vb_diags *d) {
  memset(out, 0, sizeof *out);
  out->header_top = out->header_row = UINT32_MAX;
  /* The names asked for, normalised; NULL = recognise the usual headers. */
  const char *want[VB_TABLE_MAX_FIELDS] = {0};
  const char *want_raw[VB_TABLE_MAX_FIELDS] = {0};
  const char *field_of[VB_TABLE_MAX_FIELDS] = {0};
  size_t nwant = 0;
  vb_buf tmp = VB_BUF_INIT;
  char **owned = vb_xcalloc(64, sizeof *owned);
  size_t nowned = 0;
  int errors = 0;
  if (cot) {
    for (size_t i = 0; i < cot->u.obj.len && nwant < VB_TABLE_MAX_FIELDS; i++) {
      const char *key = cot->u.obj.items[i].key;
      const vb_value *v = cot->u.obj.items[i].val;
      size_t f = 0;
      while (fields[f].field && strcmp(fields[f].field, key))
        f++;
      vb_buf where = VB_BUF_INIT;
      vb_buf_printf(&where, "%s.cot.%s", cfg_path, key);
      if (!fields[f].field) {
        vb_buf list = VB_BUF_INIT;
        const char *names[VB_TABLE_MAX_FIELDS + 1];
        size_t k = 0;
        for (; fields[k].field && k < VB_TABLE_MAX_FIELDS; k++) {
          vb_buf_printf(&list, "%s%s", k ? ", " : "", fields[k].field);
          names[k] = fields[k].field;
        }
        names[k] = NULL;
        const char *guess = vi_suggest(key, names);
        vb_buf hint = VB_BUF_INIT;
        if (guess) vb_buf_printf(&hint, "có phải là \"%s\"? ", guess);
        vb_buf_printf(&hint, "các trường: %s", vb_buf_cstr(&list));
        vb_error_rule(d, VB_EDATA, "sheet.unknown-field", data_name, where.data, hint.data,
                      "không có trường \"%s\" trong bảng cột (cot)", key);
        vb_buf_free(&hint);
        vb_buf_free(&list);
        errors++;
      } else if (v->kind != VB_STR || !v->u.str.len) {
        vb_error_rule(d, VB_EDATA, "sheet.cot", data_name, where.data,
                      "ghi tiêu đề của cột (\"Tên chỉ tiêu\") hoặc chữ cái của cột (\"C\")",
                      "cột của \"%s\" phải ghi bằng một chuỗi khác rỗng", key);
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
        vb_error_rule(
            d, VB_EDATA, "sheet.cot", data_name, cfg_path, "ghi chữ cái của cột, ví dụ \"C\"",
            "bảng không có dòng tiêu đề (dong_tieu_de 0): \"%s\" không chỉ ra được cột nào",
            want_raw[w]);
        errors++;
      }
    }
    if (!cot) {
      vb_error_rule(
          d, VB_EDATA, "sheet.cot", data_name, cfg_path,
          "ghi từng cột bằng chữ cái trong \"cot\", ví dụ \"cot\": {\"ten\": \"B\"}",
          "bảng không có dòng tiêu đề (dong_tieu_de 0) thì phải ghi các cột trong \"cot\"");
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
    /* A list of one column: its header is a row whose only cell is a usual
     * header ("Tên văn bản" above the titles) — written in full: a lone
     * "Kế hoạch chuyển đổi số năm 2024" is a title, not a lead's header. */
    for (uint32_t r = 0; h == UINT32_MAX && r < s->max_row && r < HEADER_SCAN; r++) {
      uint32_t filled = 0, at = 0;
      for (uint32_t c = 0; c < s->max_col && filled < 2; c++) {
        const vb_cell *cell = vb_sheet_cell(s, r, c);
        if (cell && vb_cell_filled(cell)) filled++, at = c;
      }
      for (size_t f = 0; filled == 1 && fields[f].field && h == UINT32_MAX; f++)
        for (size_t k = 0; fields[f].headers[k]; k++)
          if (!is_lead(fields[f].headers[k]) && header_is(s, r, at, fields[f].headers[k])) {
            h = r;
            break;
          }
    }
  }
  if (h == UINT32_MAX) {
    vb_error_rule(d, VB_EDATA, "sheet.no-header", data_name, cfg_path,
                  "ghi số dòng tiêu đề vào \"dong_tieu_de\", hoặc ghi các cột trong \"cot\"",
                  "không tìm thấy dòng tiêu đề trong %d dòng đầu của trang \"%s\"", HEADER_SCAN,
                  s->name);
    errors++;
    goto out;
  }
  uint32_t hend = header_end(s, h);
  out->header_row = hend;
  h = out->header_top = header_top(s, h);

  if (!cot) {
    /* Usual headers: each column to the field its own header cell names
     * (the lowest one: "Tử số" under a merged "Kết quả"), each field once,
     * the first column naming it. */
    for (uint32_t c = 0; c < s->max_col && out->nfields < VB_TABLE_MAX_FIELDS; c++) {
      uint32_t r = hend + 1;
      while (r > h && !vb_sheet_cell(s, r - 1, c))
        r--;
      if (r == h) continue;
      r--;
      vb_buf text = VB_BUF_INIT;
      vb_cell_display(vb_sheet_cell(s, r, c), &text);
      const char *field = vb_table_field_named(fields, vb_buf_cstr(&text));
      vb_buf_free(&text);
      int taken = 0;
      for (size_t k = 0; field && k < out->nfields; k++)
        taken |= !strcmp(out->field[k], field);
      if (field && !taken) {
        out->field[out->nfields] = field;
        out->col[out->nfields++] = c;
      }
    }
    if (out->nfields == 0) {
      vb_error_rule(d, VB_EDATA, "sheet.no-header", data_name, cfg_path,
                    "ghi các cột trong \"cot\", ví dụ \"cot\": {\"ten\": \"Tên chỉ tiêu\"}",
                    "dòng %u của trang \"%s\" không có tiêu đề cột nào vanban biết", h + 1,
                    s->name);
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
      vb_error_rule(d, VB_EDATA, "sheet.cot", data_name, where.data,
                    "ghi chữ cái của cột muốn lấy thay cho tiêu đề",
                    "%d cột của trang \"%s\" cùng có tiêu đề \"%s\"", ndirect, s->name,
                    want_raw[w]);
      errors++;
    } else if (col < 0 && is_letters(want_raw[w])) {
      out->field[out->nfields] = field_of[w];
      out->col[out->nfields++] = (uint32_t)vb_col_parse(want_raw[w]);
    } else if (col < 0) {
      vb_buf heads = VB_BUF_INIT;
      enum { MAX_HEADS = 40 };
      char *texts[MAX_HEADS + 1];
      size_t ntexts = 0;
      for (uint32_t c = 0; c < s->max_col && c < MAX_HEADS; c++) {
        const vb_cell *hc = vb_sheet_cell_merged(s, hend, c);
        if (!hc) continue;
        vb_buf one = VB_BUF_INIT;
        vb_cell_display(hc, &one);
        vb_buf_printf(&heads, "%s\"%s\"", heads.len ? ", " : "", vb_buf_cstr(&one));
        texts[ntexts++] = vb_buf_detach(&one, NULL);
      }
      texts[ntexts] = NULL;
      const char *guess = vi_suggest(want_raw[w], (const char *const *)texts);
      vb_buf hint = VB_BUF_INIT;
      if (guess) {
        uint32_t gc = 0;
        for (uint32_t c = 0; c < s->max_col && c < MAX_HEADS; c++) {
          const vb_cell *hc = vb_sheet_cell_merged(s, hend, c);
          vb_buf one = VB_BUF_INIT;
          if (hc) vb_cell_display(hc, &one);
          int same = hc && !strcmp(vb_buf_cstr(&one), guess);
          vb_buf_free(&one);
          if (same) {
            gc = c;
            break;
          }
        }
        vb_buf col_name = VB_BUF_INIT;
        vb_col_name(gc, &col_name);
        vb_buf_printf(&hint, "có phải là \"%s\" (cột %s)? Hoặc ", guess, vb_buf_cstr(&col_name));
        vb_buf_free(&col_name);
      }
      vb_buf_puts(&hint, guess ? "viết" : "Viết");
      vb_buf_puts(&hint, " tiêu đề đúng như trong bảng tính, hay chữ cái của cột (\"C\")");
      vb_error_rule(d, VB_EDATA, "sheet.no-such-column", data_name, where.data, hint.data,
                    "trang \"%s\" không có cột nào có tiêu đề \"%s\" (dòng tiêu đề %u: %s)",
                    s->name, want_raw[w], hend + 1, heads.len ? vb_buf_cstr(&heads) : "trống");
      for (size_t k = 0; k < ntexts; k++)
        free(texts[k]);
      vb_buf_free(&hint);
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

long vb_table_col(const vb_table_cols *t, const char *field) {
  for (size_t i = 0; i < t->nfields; i++)
    if (!strcmp(t->field[i], field)) return (long)t->col[i];
  return -1;
}

void vb_table_header_text(const vb_sheet *s, const vb_table_cols *t, uint32_t col, vb_buf *out) {
  if (t->header_row == UINT32_MAX) return;
  const vb_cell *c = NULL;
  for (uint32_t r = t->header_row + 1; r > t->header_top && !c; r--)
    c = vb_sheet_cell(s, r - 1, col);
  if (!c) c = vb_sheet_cell_merged(s, t->header_row, col);
  if (!c) return;
  vb_buf raw = VB_BUF_INIT;
  vb_cell_display(c, &raw);
  const char *p = vb_buf_cstr(&raw);
  int blank = 0;
  size_t start = out->len;
  for (; *p; p++) {
    if (*p == '\n' || *p == '\r' || *p == ' ' || *p == '\t') {
      blank = out->len > start;
      continue;
    }
    if (blank) vb_buf_putc(out, ' ');
    blank = 0;
    vb_buf_putc(out, *p);
  }
  vb_buf_free(&raw);
}
