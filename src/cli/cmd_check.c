/* vanban check DATA.json */
#include <string.h>

#include "cli/cli.h"

static const char help[] =
    "Usage: vanban check DATA.json [--tone old|new]\n"
    "\n"
    "Validate a data file and list every problem with its JSON path and line: rates over 100%,\n"
    "a numerator larger than its denominator, a zero denominator, an assessment that contradicts\n"
    "the figures, summaries that cannot hold, duplicate ids, mixed tone placement, scores above\n"
    "their maximum, totals that are not the sum, empty required fields.\n"
    "Errors stop `render`; warnings do not. Exit status 1 when there is an error.\n";

int cmd_check(int argc, char **argv) {
  if (cli_wants_help(argc, argv)) {
    fputs(help, stdout);
    return 0;
  }
  const char *path = NULL;
  unsigned flags = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--tone") && i + 1 < argc) {
      if (cli_parse_tone("check", argv[++i], &flags) != 0) return VB_EUSAGE;
    } else if (argv[i][0] == '-' && argv[i][1]) {
      return cli_unknown_option("check", argv[i], help);
    } else if (!path) {
      path = argv[i];
    } else {
      return cli_usage_error("check", "unexpected argument '%s'", argv[i]);
    }
  }
  if (!path) return cli_usage_error("check", "missing DATA.json");
  vb_diags *d = vb_diags_new();
  vb_data *data = vb_data_load_file(path, flags, d);
  int status = cli_report(d);
  size_t nerr = vb_diags_errors(d), nwarn = vb_diags_count(d) - nerr;
  if (data && nerr == 0)
    printf("%s: %s (%zu warning%s)\n", path, nwarn ? "usable" : "OK", nwarn, nwarn == 1 ? "" : "s");
  else
    printf("%s: %zu error%s, %zu warning%s\n", path, nerr, nerr == 1 ? "" : "s", nwarn,
           nwarn == 1 ? "" : "s");
  vb_data_free(data);
  vb_diags_free(d);
  return status;
}
