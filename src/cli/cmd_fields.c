/* vanban fields TEMPLATE */
#include <string.h>

#include "cli/cli.h"

static const char help[] =
    "Usage: vanban fields TEMPLATE.(docx|odt) [--variables]\n"
    "\n"
    "List every tag of a template, in document order, with where it is (part, table/row/cell,\n"
    "paragraph) and the text around it. Syntax errors are reported the same way, and the exit\n"
    "status is then 2. With --variables, print only the top-level data names the template\n"
    "reads (loop variables excluded), one per line.\n";

static void print_name(void *ud, const char *name) {
  (void)ud;
  printf("%s\n", name);
}

int cmd_fields(int argc, char **argv) {
  if (cli_wants_help(argc, argv)) {
    fputs(help, stdout);
    return 0;
  }
  const char *path = NULL;
  int variables = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--variables"))
      variables = 1;
    else if (argv[i][0] == '-' && argv[i][1])
      return cli_unknown_option("fields", argv[i], help);
    else if (!path)
      path = argv[i];
    else
      return cli_usage_error("fields", "usage.argument", "đối số thừa '%s': fields nhận một mẫu",
                             argv[i]);
  }
  if (!path)
    return cli_usage_error("fields", "usage.argument", "thiếu mẫu TEMPLATE (.docx hoặc .odt)");
  vb_diags *d = vb_diags_new();
  vb_template *t = vb_template_open(path, 0, d);
  int status = cli_report(d);
  if (t) {
    if (variables) {
      vb_template_variables(t, print_name, NULL);
    } else {
      for (size_t i = 0; i < vb_template_field_count(t); i++) {
        vb_field f;
        vb_template_field(t, i, &f);
        printf("%-7s %s\n        ở %s: \"%s\"\n", f.kind, f.text, f.where, f.excerpt);
      }
    }
  }
  vb_template_free(t);
  vb_diags_free(d);
  return status;
}
