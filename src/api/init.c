/* vb_init_from_sheet: a new user's first data file, written from the sheet
 * they already keep: the BÁO CÁO skeleton with every van_ban field to fill
 * in, and the indicator table as a "source" reference to the sheet (mapped,
 * not copied, so figures updated in the sheet flow into the next render). */
#define _XOPEN_SOURCE 700 /* realpath */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "data/json.h"
#include "model/sheet_map.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "vanban.h"

/* Directory part of path, made absolute ("" → the current directory). */
static char *abs_dir(const char *path) {
  const char *slash = strrchr(path, '/');
  char *dir = slash ? vb_xstrndup(path, (size_t)(slash - path + (slash == path))) : vb_xstrdup(".");
  char *r = realpath(dir, NULL);
  free(dir);
  return r;
}

/* The sheet's path as the data file at data_path should name it: relative to
 * the data file's directory (how "source" paths are resolved). */
static char *source_path(const char *sheet, const char *data_path) {
  const char *slash = strrchr(sheet, '/');
  const char *base = slash ? slash + 1 : sheet;
  char *sd = abs_dir(sheet), *od = abs_dir(data_path ? data_path : "./x");
  if (!sd || !od) {
    free(sd), free(od);
    return vb_xstrdup(sheet);
  }
  /* The common prefix, by whole components. */
  size_t i = 0, last = 0;
  while (sd[i] && sd[i] == od[i]) {
    if (sd[i] == '/') last = i;
    i++;
  }
  if (!sd[i] && (!od[i] || od[i] == '/'))
    last = i;
  else if (!od[i] && sd[i] == '/')
    last = i;
  vb_buf b = VB_BUF_INIT;
  for (const char *p = od + last; *p; p++)
    if (*p == '/') vb_buf_puts(&b, "../");
  if (sd[last]) vb_buf_printf(&b, "%s/", sd + last + 1);
  vb_buf_puts(&b, base);
  free(sd), free(od);
  return vb_buf_detach(&b, NULL);
}

static void json_str(vb_buf *b, const char *s) { vb_json_write_string(b, s, strlen(s)); }

/* The data file: the skeleton, its draft month, and the reference to the
 * sheet, or (rows not NULL) the sheet's rows themselves. */
static void skeleton(vb_buf *j, const char *ref, unsigned header_row, const char *cot,
                     const vb_value *rows) {
  time_t now = time(NULL);
  struct tm tm;
  localtime_r(&now, &tm);
  vb_buf_printf(
      j,
      "{\n"
      "  \"loai\": \"bao-cao\",\n"
      "  \"van_ban\": {\n"
      "    \"co_quan_chu_quan\": \"UBND huyện …\",\n"
      "    \"co_quan_ban_hanh\": \"Ủy ban nhân dân\\nxã …\",\n"
      "    \"ten_co_quan\": \"UBND xã …\",\n"
      "    \"so\": null,\n"
      "    \"ky_hieu\": \"BC-UBND\",\n"
      "    \"dia_danh\": \"…\",\n"
      "    \"ngay\": \"%04d-%02d\",\n"
      "    \"du_thao\": true,\n"
      "    \"trich_yeu\": \"Kết quả thực hiện các chỉ tiêu …\",\n"
      "    \"kinh_gui\": [\"UBND huyện …\"],\n"
      "    \"noi_nhan\": [\"Như trên\"],\n"
      "    \"luu\": \"VT\",\n"
      "    \"ky\": {\"dong\": [\"TM. Ủy ban nhân dân\", \"Chủ tịch\"], \"ho_ten\": \"…\"}\n"
      "  },\n"
      "  \"noi_dung\": [\n"
      "    {\"tieu_de\": \"Kết quả thực hiện các chỉ tiêu\", \"noi_dung\": [{\"chi_tieu\": "
      "\"*\"}]}\n"
      "  ],\n"
      "  \"ket_thuc\": [\"Trên đây là báo cáo …\"],\n"
      "  \"phu_luc\": [],\n"
      "  \"nhom_chi_tieu\": ",
      tm.tm_year + 1900, tm.tm_mon + 1);
  if (rows) {
    vb_json_write(j, rows, VB_JSON_COMPACT);
    vb_buf_puts(j, "\n}\n");
    return;
  }
  vb_buf_puts(j, "{\n    \"source\": ");
  json_str(j, ref);
  vb_buf_printf(j, ",\n    \"dong_tieu_de\": %u,\n    \"cot\": {%s\n    }\n  }\n}\n",
                header_row + 1, cot);
}

vb_status vb_init_from_sheet(const char *sheet_path, const char *sheet_name, const char *data_path,
                             unsigned flags, char **json, char **summary, vb_diags *d) {
  if (json) *json = NULL;
  if (summary) *summary = NULL;
  if (!sheet_path || !json) return VB_EUSAGE;
  size_t errors = vb_diags_errors(d);
  vb_book *b = vb_book_open(sheet_path, d);
  vb_sheet *s = b ? vb_book_sheet(b, sheet_name, d) : NULL;
  vb_table_cols m;
  if (!s || vb_model_sheet_columns(s, VB_MODEL_TABLE_INDICATORS, NULL, 0, &m, sheet_path,
                                   "$.nhom_chi_tieu", d) != 0) {
    vb_book_free(b);
    return vb_diags_errors(d) > errors ? vb_diags_status(d) : VB_EDATA;
  }
  /* Count what the sheet gives, and say what was recognised. Problems in the
   * rows are reported but do not stop the file: it refers to the sheet, and
   * `check` shows them until the sheet is fixed. */
  vb_arena *a = vb_arena_new();
  int grouped;
  vb_value *groups =
      vb_model_sheet_rows(a, s, VB_MODEL_TABLE_INDICATORS, &m, sheet_path, &grouped, d);
  size_t ng = groups ? groups->u.arr.len : 0, ni = 0;
  for (size_t i = 0; i < ng; i++)
    ni += vb_obj_get(groups->u.arr.items[i], "chi_tieu")->u.arr.len;
  vb_buf cot = VB_BUF_INIT, msg = VB_BUF_INIT;
  vb_buf_printf(&msg, "%s, sheet \"%s\": header in row %u, %zu group%s, %zu indicator%s\n",
                sheet_path, s->name, m.header_row + 1, ng, ng == 1 ? "" : "s", ni,
                ni == 1 ? "" : "s");
  for (size_t i = 0; i < m.nfields; i++) {
    vb_buf h = VB_BUF_INIT, col = VB_BUF_INIT;
    vb_cell_display(vb_sheet_cell_merged(s, m.header_row, m.col[i]), &h);
    vb_col_name(m.col[i], &col);
    vb_buf_printf(&cot, "%s\n      \"%s\": ", i ? "," : "", m.field[i]);
    json_str(&cot, vb_buf_cstr(&h));
    vb_buf_printf(&msg, "  %-16s column %s \"%s\"\n", m.field[i], vb_buf_cstr(&col),
                  vb_buf_cstr(&h));
    vb_buf_free(&h), vb_buf_free(&col);
  }
  char *src = source_path(sheet_path, data_path);
  vb_buf ref = VB_BUF_INIT, j = VB_BUF_INIT;
  vb_buf_printf(&ref, "%s#%s", src, s->name);
  free(src);
  skeleton(&j, vb_buf_cstr(&ref), m.header_row, vb_buf_cstr(&cot),
           (flags & VB_INIT_INLINE) && groups ? groups : NULL);
  vb_status st = VB_OK;
  if ((flags & VB_INIT_WRITE) && data_path &&
      vb_write_file_atomic(data_path, j.data, j.len, d) != 0)
    st = VB_EIO;
  if (st == VB_OK) {
    *json = vb_buf_detach(&j, NULL);
    if (summary) *summary = vb_buf_detach(&msg, NULL);
  }
  vb_buf_free(&j), vb_buf_free(&ref), vb_buf_free(&cot), vb_buf_free(&msg);
  vb_arena_free(a);
  vb_book_free(b);
  return st;
}
