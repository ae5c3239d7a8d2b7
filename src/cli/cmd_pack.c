/* vanban pack DIR OUT — build a DOCX/ODT from an unpacked directory, the
 * way the shipped templates are built from their sources in git
 * (vb_pack_file). */

#include "cli/cli.h"

static const char help[] =
    "Usage: vanban pack DIR OUT.(docx|odt)\n"
    "\n"
    "Pack an unpacked DOCX or ODT directory into a package: entries sorted by name, ODT's\n"
    "mimetype first and stored, fixed timestamps, written atomically.\n";

int cmd_pack(int argc, char **argv) {
  if (cli_wants_help(argc, argv)) {
    fputs(help, stdout);
    return 0;
  }
  if (argc != 3)
    return cli_usage_error("pack", "usage.argument", "cần thư mục DIR và tệp ra OUT.(docx|odt)");
  vb_diags *d = vb_diags_new();
  vb_pack_file(argv[1], argv[2], d);
  int status = cli_report(d);
  vb_diags_free(d);
  return status;
}
