/* Spreadsheets (XLSX, ODS/FODS, CSV) as one common model.
 *
 * Officers keep their indicator figures in Excel or Calc; this module lets a
 * data file say `"source": "chi-tieu.xlsx#Sheet1"` instead of retyping them.
 * Every reader produces the same vb_book: sparse rows of typed cells plus the
 * merged ranges, so that what reads tables from it (sheet/table.h) never
 * knows which program wrote the file. What the tables mean is the model's
 * (src/model/sheet_map.h). The syntax is documented in docs/spreadsheets.md. */
#ifndef VB_SHEET_SHEET_H
#define VB_SHEET_SHEET_H
#include <stddef.h>
#include <stdint.h>

#include "data/value.h"
#include "util/arena.h"
#include "util/buf.h"
#include "vanban.h"

/* The largest sheet Excel and Calc allow; anything beyond is refused (XLSX)
 * or not materialised (ODS repeats), so a hostile file cannot make us
 * allocate for a billion rows. */
#define VB_SHEET_MAX_ROWS 1048576u
#define VB_SHEET_MAX_COLS 16384u
/* Non-empty cells kept for one workbook: far above any indicator table, far
 * below what would exhaust memory (about 40 bytes each). */
#define VB_SHEET_MAX_CELLS 4000000u
/* Workbooks are read whole; a zip's own limits (src/pkg) apply after this.
 * A CSV file read as a stream is held to it too: the same file, whichever
 * way it is read, is accepted or refused alike. */
#define VB_SHEET_MAX_FILE (256u * 1024 * 1024)

typedef enum vb_cell_type {
  VB_CELL_EMPTY = 0,
  VB_CELL_NUMBER,
  VB_CELL_TEXT,
  VB_CELL_BOOL,
  VB_CELL_DATE, /* num = days since 1899-12-30 (Excel's 1900 system); text = "YYYY-MM-DD" */
  VB_CELL_ERROR /* a formula error such as #DIV/0!; text holds it */
} vb_cell_type;

enum {
  VB_CELL_PERCENT = 1, /* number formatted as a percentage: num is the fraction (0.586) */
  VB_CELL_QUOTED = 2   /* CSV: the field was written in quotes ("001"): text on purpose */
};

typedef struct vb_cell {
  uint32_t col; /* 0-based */
  uint8_t type; /* vb_cell_type */
  uint8_t flags;
  double num;       /* NUMBER, BOOL (0/1), DATE */
  const char *text; /* TEXT, ERROR, DATE; NFC, in the book's arena */
} vb_cell;

typedef struct vb_srow {
  uint32_t row; /* 0-based */
  uint32_t n, cap;
  vb_cell *cells; /* sorted by col once the sheet is finished */
} vb_srow;

typedef struct vb_range {
  uint32_t r1, c1, r2, c2; /* 0-based, inclusive */
} vb_range;

typedef struct vb_sheet {
  const char *name;
  vb_srow *rows; /* only rows with a non-empty cell, sorted by row */
  size_t nrows, cap;
  uint32_t max_row, max_col; /* one past the last non-empty cell */
  vb_range *merges;
  size_t nmerges, mcap;
} vb_sheet;

typedef struct vb_book {
  vb_arena *a;
  const char *path; /* as given, for messages */
  vb_sheet **sheets;
  size_t nsheets, cap;
  size_t ncells;
} vb_book;

/* Open a workbook; the format comes from the extension (.xlsx/.xlsm, .ods,
 * .fods, .csv/.txt). NULL with the reason in d (VB_EIO when unreadable,
 * VB_EDATA when malformed). */
vb_book *vb_book_open(const char *path, vb_diags *d);
/* Flags for vb_book_open_flags. */
enum {
  /* CSV: a quoted empty field ("") is an empty text cell (VB_CELL_QUOTED),
   * not an empty cell: a unit list uses it to set a field to "". */
  VB_BOOK_EMPTY_QUOTED = 1
};
vb_book *vb_book_open_flags(const char *path, unsigned flags, vb_diags *d);
void vb_book_free(vb_book *b);
/* The sheet of that name (exact, then ignoring case), the first one when name
 * is NULL or "", or NULL with an error listing the sheets. */
vb_sheet *vb_book_sheet(vb_book *b, const char *name, vb_diags *d);

/* The cell at (row, col), 0-based; NULL when empty. */
const vb_cell *vb_sheet_cell(const vb_sheet *s, uint32_t row, uint32_t col);
/* Same, but a cell covered by a merged range gives the range's top-left cell. */
const vb_cell *vb_sheet_cell_merged(const vb_sheet *s, uint32_t row, uint32_t col);
/* The cell's content as a person reads it: text as is, numbers the Vietnamese
 * way (2.335; 58,6%), dates dd/mm/yyyy, booleans Có/Không. Appended to out. */
void vb_cell_display(const vb_cell *c, vb_buf *out);

/* ---- building (readers) -------------------------------------------------- */

vb_book *vb_book__new(const char *path);
vb_sheet *vb_book__add_sheet(vb_book *b, const char *name, size_t len);
/* A new cell at (row, col) with every field zero but col; NULL (error in d,
 * naming where) when the book already holds VB_SHEET_MAX_CELLS cells. */
vb_cell *vb_sheet__put(vb_book *b, vb_sheet *s, uint32_t row, uint32_t col, const char *where,
                       vb_diags *d);
void vb_sheet__merge(vb_sheet *s, uint32_t r1, uint32_t c1, uint32_t r2, uint32_t c2);
/* Sort rows and cells (readers may see them out of order); later duplicates win. */
void vb_sheet__finish(vb_sheet *s);
/* Text cleaned (NFC, no XML-forbidden controls) and copied into the arena. */
const char *vb_book__text(vb_book *b, const char *s, size_t n);
/* Days since 1899-12-30 → y/m/d, and back (proleptic Gregorian). */
void vb_serial_to_date(double serial, int *y, int *m, int *d);
double vb_date_to_serial(int y, int m, int d);
/* Set c to a DATE from a serial number (text filled). */
void vb_cell__set_date(vb_book *b, vb_cell *c, double serial);

/* Format-specific readers (vb_book_open dispatches). */
vb_book *vb_xlsx_read(const char *path, const char *data, size_t len, vb_diags *d);
vb_book *vb_ods_read(const char *path, const char *data, size_t len, vb_diags *d);
vb_book *vb_fods_read(const char *path, const char *data, size_t len, vb_diags *d);
vb_book *vb_csv_read(const char *path, const char *data, size_t len, vb_diags *d);
vb_book *vb_csv_read_flags(const char *path, const char *data, size_t len, unsigned flags,
                           vb_diags *d);

/* CSV parsing shared by vb_csv_read and the record stream (csv.c). */
typedef struct vb_csv_text {
  const char *path; /* for messages */
  const char *s;    /* the bytes from a record's start (no BOM) */
  size_t n;
  uint32_t line; /* the line of s[0], 1-based */
  char sep;
  int at_end; /* s[n] is the end of the file, not just of what was read */
  unsigned flags;
} vb_csv_text;
/* ',', ';' or '\t': the one most frequent outside quotes on the first line. */
char vb_csv__separator(const char *s, size_t n);
/* The sheet's name: the file's name without folder and extension. */
void vb_csv__sheet_name(vb_buf *out, const char *path);
/* Parse the record at t->s[*pos] into row `row` of sh (no row for a blank
 * line). 1 done (*pos past its line end), 0 when it runs past t->n and the
 * file goes on (read more and parse again), -1 error in d. */
int vb_csv__record(const vb_csv_text *t, size_t *pos, vb_book *b, vb_sheet *sh, uint32_t row,
                   vb_diags *d);

/* ---- a CSV file record by record (csv_stream.c) ---------------------------- */

/* A long CSV file (a unit list of ten thousand communes) read one record at
 * a time and never held whole: a reader keeps where each record starts and
 * reads it again when it needs it. Only for regular files. */
typedef struct vb_csv_stream vb_csv_stream;
typedef struct vb_csv_pos {
  uint64_t offset; /* of the record's first byte in the file */
  uint32_t row;    /* 0-based record number: the sheet row */
  uint32_t line;   /* the 1-based line of its first byte */
} vb_csv_pos;
/* Open path (flags as vb_book_open_flags) and check that the whole file is
 * UTF-8, as vb_book_open does. NULL with the error in d. */
vb_csv_stream *vb_csv_stream_open(const char *path, unsigned flags, vb_diags *d);
/* The first record's position (after a BOM). */
vb_csv_pos vb_csv_stream_start(const vb_csv_stream *s);
/* The name cells are named with ("u" for u.csv: "u!B2"). */
const char *vb_csv_stream_sheet(const vb_csv_stream *s);
/* Read the record at *pos as a book of one sheet with that row (or none,
 * for a blank line); *pos moves to the next record. 1 ok (*out, freed by
 * the caller with vb_book_free), 0 at the end of the file, -1 error in d.
 * Any number of threads may read one stream at once. */
int vb_csv_stream_read(const vb_csv_stream *s, vb_csv_pos *pos, vb_book **out, vb_diags *d);
void vb_csv_stream_close(vb_csv_stream *s);

/* ---- cell references (cellref.c) ------------------------------------------ */

/* "E7" → row 6, col 4. Returns 0, or -1 when it is not a reference; 1 when it
 * is one but lies beyond the sheet (XFE1, A1048577). */
int vb_cellref_parse(const char *s, size_t n, uint32_t *row, uint32_t *col);
/* Column letters: 0 → "A", 26 → "AA". "C" → 2, -1 when not letters or beyond XFD. */
void vb_col_name(uint32_t col, vb_buf *out);
long vb_col_parse(const char *s);
/* "Phụ lục 02!E7" into the arena. */
const char *vb_cellref_name(vb_arena *a, const char *sheet, uint32_t row, uint32_t col);

/* ---- Vietnamese numbers in text cells (numbers_vi.c) ---------------------- */

/* A number as Vietnamese officers type it: "2.335" (thousands dot), "58,6"
 * (decimal comma), "1.234,5", "98.7" (a dot not followed by exactly three
 * digits is a decimal point), optional sign, optional trailing "%" (then
 * *percent = 1 and the value is the percentage, 58.6). Surrounding blanks are
 * ignored. 0 ok, -1 not a number. */
int vb_vi_number(const char *s, double *out, int *percent);
/* "2335/3986", "2.335 / 3.986". 0 ok, -1 not a fraction. */
int vb_vi_fraction(const char *s, double *tu, double *mau);
/* Could s be a malformed figure (only digits, separators, % / < > = ≥ ≤ and
 * blanks)? Used to tell "2.33.5" (an error) from free text (a text result). */
int vb_vi_looks_numeric(const char *s);

#endif
