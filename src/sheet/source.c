/* "source" references in a data file: where a list would be written in JSON,
 * an object names a sheet and its columns. This file opens what a reference
 * names (the workbook relative to the data file, each workbook once) and
 * finds its columns; which lists may be references, and what their rows
 * become, is the model's (src/model/sheet_source.c). */
#include <stdlib.h>
#include <string.h>

#include "sheet/table.h"
#include "util/diag.h"

#define MAX_OPEN 16

struct vb_sheet_sources {
  char *data_name;
  char *base; /* the file a reference's path is relative to when its value does not say */
  char *path[MAX_OPEN];
  vb_book *book[MAX_OPEN];
  int n;
  char *last_path; /* the workbook of the last reference opened, for messages */
};

vb_sheet_sources *vb_sheet_sources_new(const char *data_name, const char *base) {
  vb_sheet_sources *src = vb_xcalloc(1, sizeof *src);
  src->data_name = data_name ? vb_xstrdup(data_name) : NULL;
  base = base ? base : data_name;
  src->base = base ? vb_xstrdup(base) : NULL;
  return src;
}

/* The file that names a reference: the one its "source" value was read
 * from (a batch merges the shared data file and the unit list), unless that
 * is a sheet cell ("Đơn vị!C3": no directory in it), then the base. */
static const char *namer_of(const vb_sheet_sources *c, const vb_value *source) {
  const char *f = source->src;
  if (f && *f && (strchr(f, '/') || !strchr(f, '!'))) return f;
  return c->base;
}

void vb_sheet_sources_free(vb_sheet_sources *src) {
  if (!src) return;
  for (int i = 0; i < src->n; i++) {
    vb_book_free(src->book[i]);
    free(src->path[i]);
  }
  free(src->last_path);
  free(src->data_name);
  free(src->base);
  free(src);
}

/* The workbook at path, opened once per data file. */
static vb_book *open_cached(vb_sheet_sources *c, const char *path, vb_diags *d) {
  for (int i = 0; i < c->n; i++)
    if (!strcmp(c->path[i], path)) return c->book[i];
  vb_book *b = vb_book_open(path, d);
  if (b && c->n < MAX_OPEN) {
    c->path[c->n] = vb_xstrdup(path);
    c->book[c->n++] = b;
  } else if (b) {
    /* more workbooks than slots: keep the last one open in the last slot */
    vb_book_free(c->book[MAX_OPEN - 1]);
    free(c->path[MAX_OPEN - 1]);
    c->path[MAX_OPEN - 1] = vb_xstrdup(path);
    c->book[MAX_OPEN - 1] = b;
  }
  return b;
}

int vb_sheet_ref_key(const char *k) {
  return !strcmp(k, "source") || !strcmp(k, "cot") || !strcmp(k, "dong_tieu_de");
}

const vb_sheet *vb_sheet_ref_open(vb_sheet_sources *c, const vb_value *ref,
                                  const vb_table_field *fields, const char *cfg_path,
                                  vb_table_cols *cols, const char **book_path, vb_diags *d) {
  const char *data_name = c->data_name;
  const vb_value *src = vb_obj_get(ref, "source");
  const vb_value *cot = vb_obj_get(ref, "cot");
  const vb_value *hdr = vb_obj_get(ref, "dong_tieu_de");
  int bad = 0;
  if (!src || src->kind != VB_STR || !src->u.str.len) {
    vb_error_rule(d, VB_EDATA, "sheet.source", data_name, cfg_path,
                  "viết \"source\": \"chi-tieu.xlsx#Sheet1\"",
                  "\"source\" phải ghi tên một bảng tính");
    bad = 1;
  }
  if (cot && cot->kind != VB_OBJ) {
    vb_error_rule(d, VB_EDATA, "sheet.cot", data_name, cfg_path,
                  "viết \"cot\": {\"ma\": \"TT\", \"yeu_cau\": \"Nội dung\", …}",
                  "\"cot\" phải là một đối tượng ghi mỗi trường với tiêu đề hay chữ cái của cột");
    bad = 1;
  }
  uint32_t header = 0;
  if (hdr && (hdr->kind != VB_NUM || hdr->u.num < 0 || hdr->u.num > VB_SHEET_MAX_ROWS ||
              hdr->u.num != (double)(uint32_t)hdr->u.num)) {
    vb_error_rule(d, VB_EDATA, "sheet.dong-tieu-de", data_name, cfg_path,
                  "ghi số dòng như trang tính hiện, ví dụ 3",
                  "\"dong_tieu_de\" phải là một số dòng");
    bad = 1;
  } else if (hdr) {
    header = (uint32_t)hdr->u.num;
  }
  if (bad) return NULL;
  /* "dir/chi-tieu.xlsx#Phụ lục 02": the sheet follows the first '#' of the
   * file name part. */
  const char *s = src->u.str.s;
  const char *slash = strrchr(s, '/');
  const char *hash = strchr(slash ? slash : s, '#');
  char *file = vb_xstrndup(s, hash ? (size_t)(hash - s) : strlen(s));
  const char *sheet_name = hash ? hash + 1 : NULL;
  const char *namer = namer_of(c, src);
  const char *dslash = namer ? strrchr(namer, '/') : NULL;
  free(c->last_path);
  if (file[0] == '/' || !dslash)
    c->last_path = vb_xstrdup(file);
  else
    c->last_path = vb_xasprintf("%.*s/%s", (int)(dslash - namer), namer, file);
  free(file);
  *book_path = c->last_path;
  vb_book *b = open_cached(c, c->last_path, d);
  vb_sheet *sh = b ? vb_book_sheet(b, sheet_name, d) : NULL;
  if (!sh ||
      vb_table_find(sh, fields, cot && cot->kind == VB_OBJ ? cot : NULL,
                    hdr ? (header ? header : UINT32_MAX) : 0, cols, data_name, cfg_path, d) != 0)
    return NULL;
  return sh;
}
