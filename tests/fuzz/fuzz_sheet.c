/* Fuzz the spreadsheet readers: bytes that start like a zip ("PK") go to the
 * XLSX and the ODS reader, anything else to the flat ODS (FODS, XML) and the
 * CSV reader. Every sheet read is then walked (cells, merged cells, their
 * display text); the first sheet is mapped (indicators or documents) with
 * the automatic header detection, as a data file's "source" would be. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "model/sheet_map.h"
#include "sheet/sheet.h"

static void walk(vb_book *b, size_t size) {
  if (!b) return;
  for (size_t i = 0; i < b->nsheets; i++) {
    const vb_sheet *s = b->sheets[i];
    vb_buf t = VB_BUF_INIT;
    for (size_t r = 0; r < s->nrows; r++)
      for (size_t c = 0; c < s->rows[r].n; c++)
        vb_cell_display(&s->rows[r].cells[c], &t);
    for (uint32_t r = 0; r < s->max_row && r < 64; r++)
      for (uint32_t c = 0; c < s->max_col && c < 32; c++) {
        const vb_cell *x = vb_sheet_cell_merged(s, r, c);
        if (x) vb_cell_display(x, &t);
      }
    vb_buf_free(&t);
    /* Header matching is slow (about 0.3 s for a 44-row sheet under ASan):
     * map the first sheet only, one kind chosen by the input's size. */
    if (i == 0) {
      vb_model_table kind = size % 2 ? VB_MODEL_TABLE_DOCUMENTS : VB_MODEL_TABLE_INDICATORS;
      vb_diags *d = vb_diags_new();
      vb_table_cols m;
      memset(&m, 0, sizeof m);
      if (vb_model_sheet_columns(s, kind, NULL, 0, &m, "data.json", "$.source", d) == 0) {
        vb_arena *a = vb_arena_new();
        int grouped = 0;
        vb_value *v = vb_model_sheet_rows(a, s, kind, &m, b->path, &grouped, d);
        if (!v && vb_diags_errors(d) == 0) abort();
        vb_arena_free(a);
      } else if (vb_diags_errors(d) == 0) {
        abort();
      }
      vb_diags_free(d);
    }
  }
  vb_diags *d = vb_diags_new();
  vb_book_sheet(b, "Sheet1", d);
  vb_book_sheet(b, NULL, d);
  vb_diags_free(d);
}

static void run(vb_book *(*reader)(const char *, const char *, size_t, vb_diags *),
                const char *name, const uint8_t *data, size_t size) {
  vb_diags *d = vb_diags_new();
  vb_book *b = reader(name, (const char *)data, size, d);
  if (!b && vb_diags_errors(d) == 0) abort();
  walk(b, size);
  vb_book_free(b);
  vb_diags_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
    run(vb_xlsx_read, "fuzz.xlsx", data, size);
    run(vb_ods_read, "fuzz.ods", data, size);
  } else {
    run(vb_fods_read, "fuzz.fods", data, size);
    run(vb_csv_read, "fuzz.csv", data, size);
  }
  return 0;
}
