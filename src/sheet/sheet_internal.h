/* What the zip-based readers (xlsx.c, ods.c) share. */
#ifndef VB_SHEET_SHEET_INTERNAL_H
#define VB_SHEET_SHEET_INTERNAL_H
#include "pkg/pkg.h"
#include "sheet/sheet.h"

/* Open a spreadsheet package (what = "XLSX" or "ODS") with the sheet limits
 * of src/pkg: a file that is not a zip gets a spreadsheet-specific message
 * instead of the DOCX/ODT one. Keeps a reference to data. */
vb_pkg *vb_sheet__open_pkg(const char *path, const char *data, size_t len, const char *what,
                           vb_diags *d);

#endif
