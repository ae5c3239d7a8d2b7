/* vanban init --from SHEET [--sheet NAME] [-o DATA.json]
 *
 * A new user's first data file, written from the sheet they already keep:
 * the BÁO CÁO skeleton with every van_ban field to fill in, and the
 * indicator table as a "source" reference to the sheet (mapped, not copied,
 * so figures updated in the sheet flow into the next render). Uses the
 * model's sheet mapping directly, as `pack` uses the packager. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "data/json.h"
#include "model/sheet_map.h"
#include "util/buf.h"
#include "util/fileio.h"

static const char help[] =
    "Usage: vanban init --from SHEET.(xlsx|ods|fods|csv) [--sheet NAME] [-o DATA.json] [--force]\n"
    "\n"
    "Write a starting data file (a BÁO CÁO) whose indicator table is read from a spreadsheet.\n"
    "The header row and the columns (TT, Tên chỉ tiêu, Yêu cầu, Đơn vị tính, Chỉ tiêu cụ thể,\n"
    "Kết quả đạt được, Đánh giá, …) are recognised; the file refers to the sheet, so later\n"
    "changes to the sheet are picked up by every render. Fill in the \"…\" fields of van_ban.\n"
    "See docs/spreadsheets.md.\n"
    "\n"
    "Options:\n"
    "  --from FILE      the spreadsheet\n"
    "  --sheet NAME     the sheet to use (default: the first)\n"
    "  -o, --output F   where to write the data file (default: standard output)\n"
    "  --force          overwrite an existing output file\n";

static void json_str(vb_buf *b, const char *s) { vb_json_write_string(b, s, strlen(s)); }

/* Directory part of path, made absolute ("" → the current directory). */
static char *abs_dir(const char *path) {
  const char *slash = strrchr(path, '/');
  char *dir = slash ? strndup(path, (size_t)(slash - path + (slash == path))) : strdup(".");
  char *r = realpath(dir, NULL);
  free(dir);
  return r;
}

/* The sheet's path as the data file at out_path should name it: relative to
 * the data file's directory (how "source" paths are resolved). */
static char *source_path(const char *sheet, const char *out_path) {
  const char *slash = strrchr(sheet, '/');
  const char *base = slash ? slash + 1 : sheet;
  char *sd = abs_dir(sheet), *od = abs_dir(out_path ? out_path : "./x");
  if (!sd || !od) {
    free(sd), free(od);
    return strdup(sheet);
  }
  /* common prefix by components */
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

int cmd_init(int argc, char **argv) {
  if (cli_wants_help(argc, argv)) {
    fputs(help, stdout);
    return 0;
  }
  const char *from = NULL, *sheet_name = NULL, *out = NULL;
  int force = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--from") && i + 1 < argc)
      from = argv[++i];
    else if (!strcmp(argv[i], "--sheet") && i + 1 < argc)
      sheet_name = argv[++i];
    else if ((!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) && i + 1 < argc)
      out = argv[++i];
    else if (!strcmp(argv[i], "--force"))
      force = 1;
    else
      return cli_usage_error("init", "unexpected argument '%s'", argv[i]);
  }
  if (!from) return cli_usage_error("init", "missing --from SHEET");
  if (out && !force && access(out, F_OK) == 0)
    return cli_usage_error("init", "%s exists; use --force to overwrite it", out);
  vb_diags *d = vb_diags_new();
  vb_book *b = vb_book_open(from, d);
  vb_sheet *s = b ? vb_book_sheet(b, sheet_name, d) : NULL;
  vb_table_cols m;
  int status = VB_OK;
  if (!s || vb_model_sheet_columns(s, VB_MODEL_TABLE_INDICATORS, NULL, 0, &m, from,
                                   "$.nhom_chi_tieu", d) != 0) {
    status = cli_report(d);
    goto done;
  }
  /* Count what the sheet gives, and show what was recognised. */
  vb_arena *a = vb_arena_new();
  int grouped;
  vb_value *groups = vb_model_sheet_rows(a, s, VB_MODEL_TABLE_INDICATORS, &m, from, &grouped, d);
  size_t ng = groups ? groups->u.arr.len : 0, ni = 0;
  for (size_t i = 0; i < ng; i++)
    ni += vb_obj_get(groups->u.arr.items[i], "chi_tieu")->u.arr.len;
  vb_buf cot = VB_BUF_INIT, msg = VB_BUF_INIT;
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
  char *src = source_path(from, out);
  vb_buf ref = VB_BUF_INIT;
  vb_buf_printf(&ref, "%s#%s", src, s->name);
  free(src);
  time_t now = time(NULL);
  struct tm tm;
  localtime_r(&now, &tm);
  vb_buf j = VB_BUF_INIT;
  vb_buf_printf(
      &j,
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
      "  \"nhom_chi_tieu\": {\n"
      "    \"source\": ",
      tm.tm_year + 1900, tm.tm_mon + 1);
  json_str(&j, vb_buf_cstr(&ref));
  vb_buf_printf(&j, ",\n    \"dong_tieu_de\": %u,\n    \"cot\": {%s\n    }\n  }\n}\n",
                m.header_row + 1, vb_buf_cstr(&cot));
  if (out) {
    if (vb_write_file_atomic(out, j.data, j.len, d) != 0) status = cli_report(d);
  } else {
    fwrite(j.data, 1, j.len, stdout);
  }
  if (status == VB_OK) {
    status = cli_report(d); /* the sheet's problems, if any: the file is still written */
    fprintf(stderr, "vanban: %s, sheet \"%s\": header in row %u, %zu group%s, %zu indicator%s\n%s",
            from, s->name, m.header_row + 1, ng, ng == 1 ? "" : "s", ni, ni == 1 ? "" : "s",
            vb_buf_cstr(&msg));
    if (out) fprintf(stderr, "vanban: wrote %s; fill in the \"…\" fields of van_ban\n", out);
  }
  vb_buf_free(&j), vb_buf_free(&ref), vb_buf_free(&cot), vb_buf_free(&msg);
  vb_arena_free(a);
done:
  vb_book_free(b);
  vb_diags_free(d);
  return status;
}
