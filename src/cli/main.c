/* vanban — entry point and command dispatch. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const char usage[] =
    "Usage: vanban COMMAND [OPTIONS]\n"
    "\n"
    "Vietnamese administrative documents (BÁO CÁO, THÔNG BÁO) from data, as DOCX and ODT,\n"
    "laid out as Nghị định 30/2020/NĐ-CP requires.\n"
    "\n"
    "Commands:\n"
    "  render DATA.json [-t TEMPLATE] [-o OUT]   fill a template with data\n"
    "  check DATA.json                           validate data and list every problem\n"
    "  fields TEMPLATE                           list the tags of a template and where they are\n"
    "  diff OLD.json NEW.json [--json]           what changed between two versions, in Vietnamese\n"
    "  update EDITED.docx NEW.json -o OUT        put corrected data into an edited document\n"
    "  pack DIR OUT.(docx|odt)                   pack an unpacked template directory\n"
    "  template export NAME -o MAU.(docx|odt)    a shipped template, to reword in an office suite\n"
    "  init --from SHEET.xlsx [-o DATA.json]     start a data file from a spreadsheet\n"
    "  batch UNITS.(json|csv|xlsx) -o PATTERN    one document per unit (-j N threads, --pdf)\n"
    "  serve [--port 8080]                       the web page for officers, on this machine\n"
    "\n"
    "Options:\n"
    "  -h, --help      show help (also after a command: vanban render --help)\n"
    "  --version       print the version\n"
    "\n"
    "Exit status: 0 ok, 1 data error, 2 template error, 3 file error (I/O), 4 wrong arguments,\n"
    "5 internal error (a bug in vanban: please report it).\n";

int main(int argc, char **argv) {
  if (argc < 2) {
    fputs(usage, stderr);
    return VB_EUSAGE;
  }
  const char *cmd = argv[1];
  if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
    fputs(usage, stdout);
    return 0;
  }
  if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
    printf("vanban %s\n", vb_version());
    return 0;
  }
  if (!strcmp(cmd, "render")) return cmd_render(argc - 1, argv + 1);
  if (!strcmp(cmd, "check")) return cmd_check(argc - 1, argv + 1);
  if (!strcmp(cmd, "fields")) return cmd_fields(argc - 1, argv + 1);
  if (!strcmp(cmd, "diff")) return cmd_diff(argc - 1, argv + 1);
  if (!strcmp(cmd, "update")) return cmd_update(argc - 1, argv + 1);
  if (!strcmp(cmd, "pack")) return cmd_pack(argc - 1, argv + 1);
  if (!strcmp(cmd, "init")) return cmd_init(argc - 1, argv + 1);
  if (!strcmp(cmd, "batch")) return cmd_batch(argc - 1, argv + 1);
  if (!strcmp(cmd, "serve")) return cmd_serve(argc - 1, argv + 1);
  if (!strcmp(cmd, "template")) return cmd_template(argc - 1, argv + 1);
  static const char *const commands[] = {"render", "check", "fields", "diff",     "update", "pack",
                                         "init",   "batch", "serve",  "template", "help",   NULL};
  const char *guess = vb_suggest(cmd, commands);
  fprintf(stderr, "vanban: lỗi: không có lệnh '%s'", cmd);
  if (guess) fprintf(stderr, " (có phải là %s?)", guess);
  fprintf(stderr, " [usage.command]\n  gợi ý: các lệnh có sẵn liệt kê dưới đây\n\n%s", usage);
  return VB_EUSAGE;
}
