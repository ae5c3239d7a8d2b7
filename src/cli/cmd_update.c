/* vanban update EDITED.(docx|odt) NEW.json -o OUT */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/convert.h"

static const char help[] =
    "Usage: vanban update EDITED.(docx|odt) NEW.json (-o OUT | --in-place) [-t TEMPLATE] "
    "[--force]\n"
    "\n"
    "Give a document that vanban rendered, and that a person has since edited in Word or\n"
    "LibreOffice, the values of corrected data. Every generated value is replaced by the new one;\n"
    "everything else — rewritten paragraphs, added sentences, changed headings, spacing — is "
    "kept.\n"
    "A value a person overwrote by hand is kept and reported (--force replaces it too).\n"
    "An item the new data adds to a list (an indicator, a group, a table row) is put in its\n"
    "place, made like its siblings; an item it no longer has is removed unless a person edited\n"
    "it (then nothing is written and the item is named; --force removes it); items follow the\n"
    "data's order. When a condition now shows other content, nothing is written: render again.\n"
    "The document records the template that made it: another template is refused (give -t).\n"
    "\n"
    "  -o, --output FILE   write the result here (the edited file is not touched)\n"
    "  --in-place          replace EDITED, keeping the previous version as EDITED.bak\n"
    "  -t, --template FILE the template the document was rendered from (default: the shipped\n"
    "                      template for the data's \"loai\", in the document's format); one of\n"
    "                      the other format is converted as `render` converts it\n"
    "  --force             also replace values changed by hand\n"
    "  -q, --quiet         do not print warnings\n";

int cmd_update(int argc, char **argv) {
  if (cli_wants_help(argc, argv)) {
    fputs(help, stdout);
    return 0;
  }
  const char *edited = NULL, *data_path = NULL, *out = NULL, *tpl_path = NULL;
  int in_place = 0, quiet = 0;
  unsigned flags = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if ((!strcmp(a, "-o") || !strcmp(a, "--output")) && i + 1 < argc)
      out = argv[++i];
    else if ((!strcmp(a, "-t") || !strcmp(a, "--template")) && i + 1 < argc)
      tpl_path = argv[++i];
    else if (!strcmp(a, "--in-place"))
      in_place = 1;
    else if (!strcmp(a, "--force"))
      flags |= VB_UPDATE_FORCE;
    else if (!strcmp(a, "-q") || !strcmp(a, "--quiet"))
      quiet = 1;
    else if (a[0] == '-' && a[1])
      return cli_unknown_option("update", a, help);
    else if (!edited)
      edited = a;
    else if (!data_path)
      data_path = a;
    else
      return cli_usage_error("update", "usage.argument",
                             "đối số thừa '%s': update nhận một văn bản và một tệp dữ liệu", a);
  }
  if (!edited || !data_path)
    return cli_usage_error("update", "usage.argument",
                           "cần văn bản đã sửa EDITED.(docx|odt) và dữ liệu mới NEW.json");
  if (!out && !in_place)
    return cli_usage_error("update", "usage.argument",
                           "thiếu nơi ghi: dùng -o OUT, hoặc --in-place");
  if (out && in_place)
    return cli_usage_error("update", "usage.conflict",
                           "-o và --in-place loại trừ nhau: chỉ dùng một");
  char ext[16];
  snprintf(ext, sizeof ext, "%s", cli_ext(edited));
  if (strcmp(ext, "docx") && strcmp(ext, "odt"))
    return cli_usage_error("update", "usage.output-ext", "văn bản phải là .docx hoặc .odt: %s",
                           edited);
  if (out && strcmp(cli_ext(out), ext))
    return cli_usage_error("update", "usage.output-ext", "tệp ra phải cùng đuôi với văn bản (.%s)",
                           ext);
  /* A document rendered from a template of the other format was rendered
   * from its cached conversion, which is used again (cli/convert.h). */
  char converted[4200];
  if (tpl_path && strcmp(cli_ext(tpl_path), ext) &&
      (!strcmp(cli_ext(tpl_path), "docx") || !strcmp(cli_ext(tpl_path), "odt"))) {
    int rc = cli_template_in_format(tpl_path, ext, quiet, converted, sizeof converted);
    if (rc) return rc;
    tpl_path = converted;
  }

  vb_diags *d = vb_diags_new();
  vb_template *t = NULL;
  char *bak = NULL;
  int status = 0;
  vb_data *data = vb_data_load_file(data_path, 0, d);
  if (!data) goto done;
  if (!tpl_path) {
    const char *kind = vb_data_template_name(data);
    if (!kind) {
      status = cli_usage_error("update", "usage.template",
                               "không rõ văn bản được làm từ mẫu nào: chỉ mẫu đó bằng -t");
      goto done;
    }
    t = vb_template_open_shipped(kind, strcmp(ext, "odt") ? VB_FORMAT_DOCX : VB_FORMAT_ODT, 0, d);
  } else {
    t = vb_template_open(tpl_path, 0, d);
  }
  if (!t) goto done;
  if (in_place) {
    /* Keep the previous version next to it before replacing it. */
    size_t n = strlen(edited) + 5;
    bak = malloc(n);
    snprintf(bak, n, "%s.bak", edited);
    FILE *in = fopen(edited, "rb"), *o = in ? fopen(bak, "wb") : NULL;
    int ok = in && o;
    char buf[65536];
    size_t k;
    while (ok && (k = fread(buf, 1, sizeof buf, in)) > 0)
      ok = fwrite(buf, 1, k, o) == k;
    if (in) fclose(in);
    if (o && fclose(o) != 0) ok = 0;
    if (!ok) {
      cli_error(bak, "file.write", "kiểm tra quyền ghi và chỗ trống trong thư mục của văn bản",
                "không ghi được bản sao lưu; văn bản chưa bị đổi");
      status = VB_EIO;
      goto done;
    }
    out = edited;
  }
  vb_update_file(t, data, edited, out, flags, d);
done:
  for (size_t i = 0; i < vb_diags_count(d); i++) {
    const vb_diag *g = vb_diags_get(d, i);
    if (!quiet || g->severity == VB_SEV_ERROR) fprintf(stderr, "vanban: %s\n", vb_diag_text(g));
  }
  if (!status) status = (int)vb_diags_status(d);
  if (!status && bak)
    fprintf(stderr, "vanban: đã ghi %s (bản trước: %s)\n", out, bak);
  else if (!status)
    fprintf(stderr, "vanban: đã ghi %s\n", out);
  vb_template_free(t);
  vb_data_free(data);
  vb_diags_free(d);
  free(bak);
  return status;
}
