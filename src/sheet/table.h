/* Tables in sheets: the header row and the column of each field a caller
 * wants (found by the header texts it recognises, or named by a data file's
 * "cot" by header text or letter), and the rows below read as typed values
 * that carry their cell ("Phụ lục 02!E7"), so that later messages point at
 * the cell to fix. What the fields mean, and which headers name them, is the
 * caller's business (src/model); this module only reads. The syntax of a
 * data file's references is documented in docs/spreadsheets.md. */
#ifndef VB_SHEET_TABLE_H
#define VB_SHEET_TABLE_H
#include <stddef.h>
#include <stdint.h>

#include "data/value.h"
#include "sheet/sheet.h"
#include "util/arena.h"
#include "vanban.h"

/* ---- columns (table.c) ------------------------------------------------------- */

/* A field a table can have, and the header texts recognised for it when the
 * data file does not name its column (NULL-terminated; compared lower-cased,
 * blanks collapsed, without a final ":" or "."; "kh *" is a lead: the
 * words "kh" alone or followed by others, as in "KH năm 2025"). A list of
 * fields ends with field == NULL. */
typedef struct vb_table_field {
  const char *field;
  const char *const *headers;
} vb_table_field;

#define VB_TABLE_MAX_FIELDS 32

/* Where each field's column is, after matching headers or letters. */
typedef struct vb_table_cols {
  uint32_t header_top; /* 0-based first row of the header (merged cells may span rows) */
  uint32_t header_row; /* 0-based last row of the header; UINT32_MAX when there is none */
  size_t nfields;
  const char *field[VB_TABLE_MAX_FIELDS];
  uint32_t col[VB_TABLE_MAX_FIELDS];
} vb_table_cols;

/* Find the header row and the columns of fields: cot (an object field →
 * "header text" or "C"; NULL = recognise the fields' usual headers),
 * header_row_1based (0 = find it, UINT32_MAX = there is none: letters only).
 * Problems go to d with file = data_name and where = cfg_path. 0 or -1. */
int vb_table_find(const vb_sheet *s, const vb_table_field *fields, const vb_value *cot,
                  uint32_t header_row_1based, vb_table_cols *out, const char *data_name,
                  const char *cfg_path, vb_diags *d);
/* The column of field, or -1 when it has none. */
long vb_table_col(const vb_table_cols *t, const char *field);
/* The field a header text names among fields' usual headers (an exact
 * header before a lead such as "kh *"), or NULL. */
const char *vb_table_field_named(const vb_table_field *fields, const char *header);
/* The header of column col as the sheet shows it (its lowest own cell in
 * the header rows, else the merged cell over it), on one line; "" when none. */
void vb_table_header_text(const vb_sheet *s, const vb_table_cols *t, uint32_t col, vb_buf *out);

/* ---- typed values of the rows (table_values.c) --------------------------------- */

/* Reading the rows of a table: every value made carries its cell as src, and
 * every cell that cannot be read as its field is an error (file = book,
 * where = "Sheet!E7") counted in errors. */
typedef struct vb_table_reader {
  vb_arena *a;
  const vb_sheet *s;
  const vb_table_cols *cols;
  const char *book; /* the workbook's path, for messages */
  vb_diags *d;
  int errors;
} vb_table_reader;

/* The cell of a field in this row; NULL when unmapped, empty or blank text. */
const vb_cell *vb_table_cell(const vb_table_reader *t, uint32_t row, const char *field);
/* v with its src set to the cell of field in row; returns v. */
vb_value *vb_table_at(const vb_table_reader *t, vb_value *v, uint32_t row, const char *field);
/* "không đọc được WHAT (FIELD) từ ô có "…"" at the field's cell, with hint. */
void vb_table_cell_error(vb_table_reader *t, uint32_t row, const char *field, const vb_cell *c,
                         const char *hint, const char *what);
/* The cell's text as a person reads it, trimmed, in the arena. */
const char *vb_table_text(const vb_table_reader *t, const vb_cell *c);
/* A string value holding text, at the field's cell. */
vb_value *vb_table_str(vb_table_reader *t, uint32_t row, const char *field, const char *text);
/* A list with one string per line of the cell (Alt+Enter in Excel, Ctrl+Enter
 * in Calc); a lone dash is an empty list (not the same as no cell at all). */
vb_value *vb_table_lines(vb_table_reader *t, uint32_t row, const char *field, const vb_cell *c);
/* A number cell, or a text cell with a number typed the Vietnamese way
 * ("2.335", "58,6%"); a percentage comes back as such (58.6, *pct = 1).
 * 0 ok, -1 not a number. */
int vb_cell_number(const vb_cell *c, double *v, int *pct);
/* A number value at the field's cell, rounded to what a person typed
 * (percentages stored as fractions come back as 58.599999999999994). */
vb_value *vb_table_num(vb_table_reader *t, uint32_t row, const char *field, double v);
/* The field's cell as a number value; an error (NULL) when it is not one. */
vb_value *vb_table_number(vb_table_reader *t, uint32_t row, const char *field, const vb_cell *c);
/* The field's cell as a date string: "2024-06-18" from a date cell, or text
 * that is a date (18/06/2024, 18/6/2024, 6/2024, 2024-06-18) as typed; an
 * error (NULL) otherwise. */
vb_value *vb_table_date(vb_table_reader *t, uint32_t row, const char *field, const vb_cell *c);

/* Does the cell hold something (not empty, not only blanks)? */
int vb_cell_filled(const vb_cell *c);
/* "(1) (2) (3) …" or "1 2 3 …" under a header: column numbers, not data. */
int vb_row_is_numbering(const vb_srow *r);
/* The index in s->rows of the first row at or below row. */
size_t vb_sheet_row_index(const vb_sheet *s, uint32_t row);

/* ---- references in a data file (source.c) --------------------------------------- */

/* The workbooks a data file refers to, each opened once. */
typedef struct vb_sheet_sources vb_sheet_sources;
/* data_name: the data file, for messages. A reference's path is relative to
 * the directory of the file its "source" value was read from (vb_value.src),
 * or of base (NULL: data_name) when that value comes from a sheet cell or
 * from no file. */
vb_sheet_sources *vb_sheet_sources_new(const char *data_name, const char *base);
void vb_sheet_sources_free(vb_sheet_sources *src);

/* Is k one of the keys of a reference ("source", "cot", "dong_tieu_de")? */
int vb_sheet_ref_key(const char *k);
/* A reference object {"source": "dir/file.xlsx#Sheet", "cot": {…},
 * "dong_tieu_de": N} at cfg_path: its values checked, the workbook opened,
 * the sheet and the columns of fields found. Returns the sheet, with
 * *book_path the workbook's path for messages (both owned by src, valid until
 * the next call), or NULL with the reasons in d. */
const vb_sheet *vb_sheet_ref_open(vb_sheet_sources *src, const vb_value *ref,
                                  const vb_table_field *fields, const char *cfg_path,
                                  vb_table_cols *cols, const char **book_path, vb_diags *d);

#endif
