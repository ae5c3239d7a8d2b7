/* vanban diff OLD.json NEW.json [--json | -o DOICHIEU.(docx|odt) [--phu-luc]] */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char help[] =
    "Usage: vanban diff OLD.json NEW.json [--json]\n"
    "       vanban diff OLD.json NEW.json -o DOICHIEU.(docx|odt) [--phu-luc] [-t TEMPLATE]\n"
    "\n"
    "List, in Vietnamese, every figure that changed between two versions of a document's data\n"
    "and what follows from it: the rate, the assessment it flips, the group summary it moves,\n"
    "the index total it changes; added and removed indicators; changed metadata and text.\n"
    "OLD is read as a draft (render --nhap): the impossible figure NEW corrects is shown, not\n"
    "refused. NEW is read as render reads it.\n"
    "  Tiêu chí 3.2: 2.335/3.986 (58,6%) → 2.510/3.986 (63,0%); đánh giá: Chưa đạt → Đạt; ...\n"
    "\n"
    "  --json            print the changes as JSON (loai, ma, dong, muc, he_qua, truoc/sau; a\n"
    "                    number that is not finite is written as null)\n"
    "  -o, --output FILE write the comparison table (bảng đối chiếu) to send with the corrected\n"
    "                    document: every change, old → new, and what follows, under the new\n"
    "                    document's header and signature, laid out per Nghị định 30\n"
    "  --phu-luc         with -o: an appendix to attach instead (\"Kèm theo Báo cáo số …\")\n"
    "  -t, --template F  with -o: a template of one's own (default: the shipped \"doi-chieu\"\n"
    "                    in the format of FILE)\n"
    "\n"
    "Exit status 0 whether or not something changed; 1 when a file has errors.\n";

int cmd_diff(int argc, char **argv) {
  if (cli_wants_help(argc, argv)) {
    fputs(help, stdout);
    return 0;
  }
  const char *paths[2] = {NULL, NULL}, *out_path = NULL, *tpl_path = NULL;
  unsigned flags = 0;
  int n = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--json"))
      flags |= VB_DIFF_JSON;
    else if (!strcmp(a, "--phu-luc"))
      flags |= VB_DIFF_APPENDIX;
    else if ((!strcmp(a, "-o") || !strcmp(a, "--output")) && i + 1 < argc)
      out_path = argv[++i];
    else if ((!strcmp(a, "-t") || !strcmp(a, "--template")) && i + 1 < argc)
      tpl_path = argv[++i];
    else if (a[0] == '-' && a[1])
      return cli_unknown_option("diff", a, help);
    else if (n < 2)
      paths[n++] = a;
    else
      return cli_usage_error("diff", "usage.argument", "đối số thừa '%s': diff so sánh hai tệp", a);
  }
  if (n != 2)
    return cli_usage_error("diff", "usage.argument",
                           "cần hai tệp dữ liệu: bản cũ OLD.json và bản mới NEW.json");
  const char *ext = out_path ? cli_ext(out_path) : "";
  if (out_path && strcmp(ext, "docx") && strcmp(ext, "odt"))
    return cli_usage_error("diff", "usage.output-ext",
                           "bảng đối chiếu phải ghi ra tệp .docx hoặc .odt: %s", out_path);
  if (out_path && (flags & VB_DIFF_JSON))
    return cli_usage_error("diff", "usage.conflict",
                           "--json in các thay đổi, -o ghi văn bản: chỉ dùng một trong hai");
  if (!out_path && ((flags & VB_DIFF_APPENDIX) || tpl_path))
    return cli_usage_error("diff", "usage.conflict",
                           "--phu-luc và -t chỉ dùng cùng -o DOICHIEU.(docx|odt)");
  vb_diags *d = vb_diags_new();
  /* OLD is what a document was made from, perhaps a draft whose mistake NEW
   * corrects: read it as a draft reads it (an impossible figure, a blank
   * "…" are warnings there), or the mistake would stop its own correction
   * from being shown. NEW is read as render reads it. */
  vb_data *a = vb_data_load_file(paths[0], VB_DATA_DRAFT, d);
  vb_data *b = vb_data_load_file(paths[1], 0, d);
  vb_template *t = NULL;
  char *out = NULL;
  if (a && b && out_path) {
    t = tpl_path ? vb_template_open(tpl_path, 0, d)
                 : vb_template_open_shipped(
                       "doi-chieu", strcmp(ext, "odt") ? VB_FORMAT_DOCX : VB_FORMAT_ODT, 0, d);
    if (t) vb_data_diff_render(t, a, b, flags, out_path, d);
  } else if (a && b) {
    vb_data_diff(a, b, flags, &out, d);
  }
  /* Warnings of the data files are check's business; print only errors. */
  for (size_t i = 0; i < vb_diags_count(d); i++)
    if (vb_diags_get(d, i)->severity == VB_SEV_ERROR)
      fprintf(stderr, "vanban: %s\n", vb_diag_text(vb_diags_get(d, i)));
  int status = (int)vb_diags_status(d);
  if (out) fputs(out, stdout);
  if (!status && out_path) fprintf(stderr, "vanban: đã ghi %s\n", out_path);
  free(out);
  vb_template_free(t);
  vb_data_free(a);
  vb_data_free(b);
  vb_diags_free(d);
  return status;
}
