/* vanban init --from SHEET [--sheet NAME] [-o DATA.json]
 *
 * A new user's first data file, written from the sheet they already keep
 * (vb_init_from_sheet): the BÁO CÁO skeleton, and the indicator table as a
 * "source" reference to the sheet. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

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
    else if (argv[i][0] == '-')
      return cli_unknown_option("init", argv[i], help);
    else
      return cli_usage_error("init", "unexpected argument '%s'", argv[i]);
  }
  if (!from) return cli_usage_error("init", "missing --from SHEET");
  if (out && !force && access(out, F_OK) == 0)
    return cli_usage_error("init", "%s exists; use --force to overwrite it", out);
  vb_diags *d = vb_diags_new();
  char *json = NULL, *summary = NULL;
  int status =
      (int)vb_init_from_sheet(from, sheet_name, out, out ? VB_INIT_WRITE : 0, &json, &summary, d);
  if (status != VB_OK) {
    status = cli_report(d);
  } else {
    if (!out) fputs(json, stdout);
    status = cli_report(d); /* the sheet's problems, if any: the file is still written */
    fprintf(stderr, "vanban: %s", summary);
    if (out) fprintf(stderr, "vanban: wrote %s; fill in the \"…\" fields of van_ban\n", out);
    if (!out)
      fprintf(stderr, "vanban: the data file went to standard output (no -o); write it to a "
                      "file with -o DATA.json\n");
  }
  free(json);
  free(summary);
  vb_diags_free(d);
  return status;
}
