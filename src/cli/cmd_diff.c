/* vanban diff OLD.json NEW.json */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char help[] =
    "Usage: vanban diff OLD.json NEW.json [--json]\n"
    "\n"
    "List, in Vietnamese, every figure that changed between two versions of a document's data\n"
    "and what follows from it: the rate, the assessment it flips, the group summary it moves,\n"
    "the index total it changes; added and removed indicators; changed metadata and text.\n"
    "  Tiêu chí 3.2: 2.335/3.986 (58,6%) → 2.510/3.986 (63,0%); đánh giá: Chưa đạt → Đạt; ...\n"
    "\n"
    "  --json   print the changes as JSON (loai, ma, dong, truoc/sau; a number that is not\n"
    "           finite is written as null)\n"
    "\n"
    "Exit status 0 whether or not something changed; 1 when a file has errors.\n";

int cmd_diff(int argc, char **argv) {
  if (cli_wants_help(argc, argv)) {
    fputs(help, stdout);
    return 0;
  }
  const char *paths[2] = {NULL, NULL};
  unsigned flags = 0;
  int n = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--json"))
      flags |= VB_DIFF_JSON;
    else if (argv[i][0] == '-' && argv[i][1])
      return cli_unknown_option("diff", argv[i], help);
    else if (n < 2)
      paths[n++] = argv[i];
    else
      return cli_usage_error("diff", "unexpected argument '%s'", argv[i]);
  }
  if (n != 2) return cli_usage_error("diff", "expected OLD.json and NEW.json");
  vb_diags *d = vb_diags_new();
  vb_data *a = vb_data_load_file(paths[0], 0, d);
  vb_data *b = vb_data_load_file(paths[1], 0, d);
  char *out = NULL;
  if (a && b) vb_data_diff(a, b, flags, &out, d);
  /* Warnings of the data files are check's business; print only errors. */
  for (size_t i = 0; i < vb_diags_count(d); i++)
    if (vb_diags_get(d, i)->severity == VB_SEV_ERROR)
      fprintf(stderr, "vanban: %s\n", vb_diag_text(vb_diags_get(d, i)));
  int status = (int)vb_diags_status(d);
  if (out) fputs(out, stdout);
  free(out);
  vb_data_free(a);
  vb_data_free(b);
  vb_diags_free(d);
  return status;
}
