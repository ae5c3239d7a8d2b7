/* vanban template export NAME -o OUT.(docx|odt) */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const char help[] =
    "Usage: vanban template export NAME [-o OUT.(docx|odt)]\n"
    "\n"
    "Write a shipped template (NAME: bao-cao, thong-bao) as a document of your own, to change\n"
    "its wording in Word or LibreOffice: the tags ({{ … }}, {% … %}) are text you can read and\n"
    "move; keep them whole. Then render with it: vanban render DATA.json -t OUT.docx.\n"
    "The format follows the extension of -o (default: NAME.docx in the current directory).\n"
    "The file is written atomically. See docs/adapting-templates.md.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE   where to write it (.docx or .odt)\n";

static int export_template(int argc, char **argv) {
  const char *name = NULL, *out = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if ((!strcmp(a, "-o") || !strcmp(a, "--output")) && i + 1 < argc)
      out = argv[++i];
    else if (a[0] == '-' && a[1])
      return cli_unknown_option("template export", a, help);
    else if (!name)
      name = a;
    else
      return cli_usage_error("template export", "usage.argument",
                             "đối số thừa '%s': chỉ xuất một mẫu mỗi lần", a);
  }
  if (!name)
    return cli_usage_error("template export", "usage.argument",
                           "thiếu tên mẫu: bao-cao hoặc thong-bao");
  const char *ext = out ? cli_ext(out) : "docx";
  if (strcmp(ext, "docx") && strcmp(ext, "odt"))
    return cli_usage_error("template export", "usage.output-ext",
                           "tệp ra phải có đuôi .docx hoặc .odt: %s", out);
  vb_format_kind want = strcmp(ext, "odt") ? VB_FORMAT_DOCX : VB_FORMAT_ODT;
  /* The shipped templates are compiled into the library: their names, and
   * the bytes of the one asked for. */
  const char *names[8] = {NULL};
  size_t nnames = 0, len = 0;
  const void *bytes = NULL;
  const char *n;
  vb_format_kind f;
  const void *b;
  size_t l;
  for (size_t i = 0; vb_shipped_template(i, &n, &f, &b, &l) == 0; i++) {
    size_t k = 0;
    while (k < nnames && strcmp(names[k], n))
      k++;
    if (k == nnames && nnames + 1 < sizeof names / sizeof names[0]) names[nnames++] = n;
    if (!strcmp(n, name) && f == want) bytes = b, len = l;
  }
  if (!bytes) {
    const char *guess = vb_suggest(name, names);
    return cli_usage_error("template export", "template.shipped",
                           "không có mẫu có sẵn '%s'%s%s%s; các mẫu có sẵn là "
                           "bao-cao (BÁO CÁO) và thong-bao (THÔNG BÁO kết luận)",
                           name, guess ? " (có phải là " : "", guess ? guess : "",
                           guess ? "?)" : "");
  }
  char def[64];
  if (!out) {
    snprintf(def, sizeof def, "%s.docx", name);
    out = def;
  }
  vb_diags *d = vb_diags_new();
  vb_file_write(out, bytes, len, d);
  int status = cli_report(d);
  vb_diags_free(d);
  return status;
}

int cmd_template(int argc, char **argv) {
  if (argc < 2 || cli_wants_help(argc, argv)) {
    fputs(help, argc < 2 ? stderr : stdout);
    return argc < 2 ? VB_EUSAGE : 0;
  }
  if (!strcmp(argv[1], "export")) return export_template(argc - 1, argv + 1);
  return cli_usage_error("template", "usage.command",
                         "không có lệnh 'template %s' (chỉ có: template export)", argv[1]);
}
