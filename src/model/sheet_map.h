/* The model's tables in spreadsheets: which fields an indicator table and a
 * document list have and the headers officers write for them, the words
 * typed in their cells ("Đạt", "≥ 70%"), group rows ("I. CHÍNH QUYỀN SỐ"),
 * and the lists of a data file that may be a sheet ("nhom_chi_tieu", and
 * "phu_luc" of kieu "van_ban"). src/sheet reads the cells and finds the
 * columns; this turns the rows into the very vb_value a JSON file would
 * hold, every value carrying its cell. The rules are in docs/spreadsheets.md.
 *
 * Two entry points: vb_model_sheet_resolve for a data file being loaded, and
 * vb_model_sheet_columns + vb_model_sheet_rows for one sheet read on its own
 * (what `vanban init` writes a data file from). */
#ifndef VB_MODEL_SHEET_MAP_H
#define VB_MODEL_SHEET_MAP_H
#include "data/value.h"
#include "sheet/sheet.h"
#include "sheet/table.h"
#include "vanban.h"

/* The kinds of table the model reads from a sheet. */
typedef enum vb_model_table {
  VB_MODEL_TABLE_INDICATORS, /* nhom_chi_tieu: groups of {ma, ten, yeu_cau, muc_tieu, ket_qua, …} */
  VB_MODEL_TABLE_DOCUMENTS, /* phu_luc of kieu van_ban: {trich_yeu, so_ky_hieu, ngay} */
  VB_MODEL_TABLE_SCORES     /* bang_diem.chi_so: indices {ma, ten, toi_da, tong, tieu_chi} */
} vb_model_table;

/* The fields of a kind of table and the header texts recognised for each. */
const vb_table_field *vb_model_sheet_fields(vb_model_table kind);

/* Find the header row and the columns of a kind of table: cot (a data file's
 * "cot" object, or NULL to recognise the usual headers), header_row_1based
 * (0 = find it, UINT32_MAX = none). Problems go to d with file = data_name,
 * where = cfg_path (the JSON path of the reference, "$.nhom_chi_tieu"). */
int vb_model_sheet_columns(const vb_sheet *s, vb_model_table kind, const vb_value *cot,
                           uint32_t header_row_1based, vb_table_cols *out, const char *data_name,
                           const char *cfg_path, vb_diags *d);

/* The sheet's rows below the header as a vb_value list: groups of indicators
 * ({ma, ten, chi_tieu}), groups of documents ({ten, dong}) or a score sheet's
 * indices ({ma, ten, toi_da, tong, tieu_chi}); *grouped = 0 when
 * the documents had no group row (then the list holds the rows themselves).
 * Cells that cannot be read as their field are errors with file = book_path
 * and where = "Sheet!E7", all of them reported. NULL on error. */
vb_value *vb_model_sheet_rows(vb_arena *a, const vb_sheet *s, vb_model_table kind,
                              const vb_table_cols *cols, const char *book_path, int *grouped,
                              vb_diags *d);

/* Replace the "source" references of a data tree (nhom_chi_tieu; bang_diem;
 * phu_luc[i] of kieu van_ban) by the rows of the sheets they name. A path is relative
 * to the directory of the file that names it: the file its value was read
 * from, else base (NULL: data_name; a batch gives its unit list). 0 ok, -1
 * on error (reasons in d). */
int vb_model_sheet_resolve(vb_arena *a, vb_value *root, const char *data_name, const char *base,
                           vb_diags *d);

/* The kind of document init writes. */
typedef enum vb_model_init_kind {
  VB_MODEL_INIT_AUTO,     /* THÔNG BÁO when the sheets hold a score sheet, else BÁO CÁO */
  VB_MODEL_INIT_BAO_CAO,  /* indicator table and lists of documents */
  VB_MODEL_INIT_THONG_BAO /* the score sheet */
} vb_model_init_kind;

/* `vanban init`: the data file made from a workbook (every sheet, or the one
 * named). A BÁO CÁO: each sheet holding an indicator table or a list of
 * documents, recognised by its usual headers, mapped as a "source" reference
 * (book_ref: the workbook as the data file names it) and shown as an
 * appendix in the sheet's shape; the body cites the appendices. A THÔNG
 * BÁO: the score sheet as bang_diem's reference and the assignment annex.
 * AUTO with both kinds of sheet is an error asking which. van_ban to fill in,
 * dated today's month (today: "2024-12-05"). A cell that cannot be read is
 * an error naming it (all reported); -1 then, or when no sheet holds a table
 * of the kind. summary gets what was recognised, a line per sheet and per
 * column. */
int vb_model_init_json(vb_arena *a, vb_book *b, const char *sheet_name, vb_model_init_kind want,
                       const char *book_ref, const char *today, vb_buf *json, vb_buf *summary,
                       vb_diags *d);

#endif
