/* vanban render DATA.json [-t TEMPLATE] [-o OUT] */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/convert.h"
#include "cli/pdf.h"

static const char help[] =
    "Usage: vanban render DATA.json [-t TEMPLATE.(docx|odt)] [-o OUT.(docx|odt)] [options]\n"
    "\n"
    "Fill a template with data. Without -t, the shipped Nghị định 30 template for the data's\n"
    "\"loai\" (bao-cao, thong-bao) is used, in the format of -o. Without -o, the output is\n"
    "DATA's name with the template's extension, in the current directory.\n"
    "The output is written atomically: on any error nothing is written and an existing\n"
    "file is left as it was. The same input always gives the same bytes.\n"
    "\n"
    "Options:\n"
    "  -t, --template FILE   template to fill (DOCX or ODT)\n"
    "  -o, --output FILE     output file (.docx or .odt); a template of the other format is\n"
    "                        converted once by LibreOffice and kept in\n"
    "                        $XDG_CACHE_HOME/vanban/templates (default ~/.cache/vanban)\n"
    "  --lenient             render a path missing from the data as empty instead of failing\n"
    "  --no-marks            do not wrap generated values in bookmarks (then `vanban update`\n"
    "                        cannot regenerate the document later)\n"
    "  --issued              fill the document number and day even in a draft (du_thao)\n"
    "  --nhap                render a draft for reading, not for signing: errors that only\n"
    "                        stop a document from being signed (an impossible figure, a \"…\"\n"
    "                        left to fill; `vanban check --rules --json`: \"draft\": true) are\n"
    "                        warnings, and the document is marked \"DỰ THẢO\" at the top of\n"
    "                        its first page (a template of one's own prints {{ nhap }})\n"
    "  --raw                 use the JSON as it is, without the BÁO CÁO / THÔNG BÁO model\n"
    "  --tone old|new        write every tone mark in one style: old (hòa, thủy) or new (hoà, "
    "thuỷ)\n"
    "  --pdf                 also write a PDF next to the output (LibreOffice, headless)\n"
    "  --embed-fonts         embed Liberation Serif (metric-compatible with Times New Roman)\n"
    "  --allow-outside-pictures\n"
    "                        let the data name pictures outside its own folder (by default\n"
    "                        a picture's path must lead inside the data file's folder)\n"
    "  -q, --quiet           do not print warnings\n";

typedef struct name_search {
  const char *name;
  int found;
} name_search;

static void note_name(void *ud, const char *name) {
  name_search *s = ud;
  if (!strcmp(name, s->name)) s->found = 1;
}

/* The template reads the top-level data name (a draft must be marked). */
static int template_reads(const vb_template *t, const char *name) {
  name_search s = {name, 0};
  vb_template_variables(t, note_name, &s);
  return s.found;
}

int cmd_render(int argc, char **argv) {
  if (cli_wants_help(argc, argv)) {
    fputs(help, stdout);
    return 0;
  }
  const char *data_path = NULL, *tpl_path = NULL, *out_path = NULL;
  unsigned data_flags = 0, render_flags = 0;
  int quiet = 0, pdf = 0, embed = 0;
  cli_fonts fonts = {0};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if ((!strcmp(a, "-t") || !strcmp(a, "--template")) && i + 1 < argc)
      tpl_path = argv[++i];
    else if ((!strcmp(a, "-o") || !strcmp(a, "--output")) && i + 1 < argc)
      out_path = argv[++i];
    else if (!strcmp(a, "--lenient"))
      render_flags |= VB_RENDER_LENIENT;
    else if (!strcmp(a, "--no-marks"))
      render_flags |= VB_RENDER_NO_MARKS;
    else if (!strcmp(a, "--issued"))
      data_flags |= VB_DATA_ISSUED;
    else if (!strcmp(a, "--nhap"))
      data_flags |= VB_DATA_DRAFT;
    else if (!strcmp(a, "--raw"))
      data_flags |= VB_DATA_RAW;
    else if (!strcmp(a, "--tone") && i + 1 < argc) {
      if (cli_parse_tone("render", argv[++i], &data_flags) != 0) return VB_EUSAGE;
    } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet"))
      quiet = 1;
    else if (!strcmp(a, "--pdf"))
      pdf = 1;
    else if (!strcmp(a, "--embed-fonts"))
      embed = 1;
    else if (!strcmp(a, "--allow-outside-pictures"))
      render_flags |= VB_RENDER_PICTURES_ANYWHERE;
    else if (a[0] == '-' && a[1])
      return cli_unknown_option("render", a, help);
    else if (!data_path)
      data_path = a;
    else
      return cli_usage_error("render", "usage.argument",
                             "đối số thừa '%s': render nhận một tệp dữ liệu", a);
  }
  if (!data_path) return cli_usage_error("render", "usage.argument", "thiếu tệp dữ liệu DATA.json");

  char ext[16];
  snprintf(ext, sizeof ext, "%s", out_path ? cli_ext(out_path) : "");
  if (out_path && strcmp(ext, "docx") && strcmp(ext, "odt"))
    return cli_usage_error("render", "usage.output-ext", "tệp ra phải có đuôi .docx hoặc .odt: %s",
                           out_path);
  /* One template, both formats: a DOCX template for an .odt output (or the
   * reverse) is converted once by LibreOffice and cached (cli/convert.h). */
  char converted[4200];
  if (tpl_path && out_path && strcmp(cli_ext(tpl_path), ext)) {
    if (strcmp(cli_ext(tpl_path), "docx") && strcmp(cli_ext(tpl_path), "odt"))
      return cli_usage_error("render", "usage.output-ext",
                             "tệp ra (.%s) khác định dạng với mẫu %s: dùng mẫu .docx hoặc .odt, "
                             "hoặc đổi -o",
                             ext, tpl_path);
    int rc = cli_template_in_format(tpl_path, ext, quiet, converted, sizeof converted);
    if (rc) return rc;
    tpl_path = converted;
  }

  char soffice[4096];
  if (pdf && cli_pdf_find_soffice(soffice, sizeof soffice) != 0) {
    cli_error(NULL, "pdf.soffice", cli_pdf_missing_hint(), "%s", cli_pdf_missing_message());
    return VB_EIO;
  }
  if (embed && cli_fonts_load(&fonts, NULL, 0) != 0) return VB_EIO;
  vb_diags *d = vb_diags_new();
  int status = 0;
  vb_data *data = vb_data_load_file(data_path, data_flags, d);
  vb_template *tpl = NULL;
  char *default_out = NULL;
  if (!data) goto done;
  if (!tpl_path) {
    const char *kind = vb_data_template_name(data);
    if (!kind) {
      status = cli_usage_error("render", "usage.template",
                               "%s không có \"loai\" (bao-cao hoặc thong-bao): thêm \"loai\" vào "
                               "dữ liệu, hoặc chọn mẫu bằng -t",
                               data_path);
      goto done;
    }
    tpl = vb_template_open_shipped(kind, strcmp(ext, "odt") ? VB_FORMAT_DOCX : VB_FORMAT_ODT, 0, d);
  } else {
    tpl = vb_template_open(tpl_path, 0, d);
  }
  if (!tpl) goto done;
  if ((data_flags & VB_DATA_DRAFT) && !template_reads(tpl, "nhap")) {
    status = cli_usage_error("render", "usage.draft",
                             "--nhap: mẫu %s không in dấu \"DỰ THẢO\" (không dùng {{ nhap }}): "
                             "thêm {%% if nhap %%}DỰ THẢO{%% endif %%} vào đầu trang của mẫu, "
                             "hoặc dùng mẫu có sẵn (bỏ -t)",
                             tpl_path);
    goto done;
  }
  if (!out_path) {
    /* DATA's base name with the template's extension, in the current directory. */
    const char *base = strrchr(data_path, '/');
    base = base ? base + 1 : data_path;
    size_t n = strcspn(base, ".");
    const char *fext = vb_template_format(tpl) == VB_FORMAT_ODT ? "odt" : "docx";
    default_out = malloc(n + 6);
    snprintf(default_out, n + 6, "%.*s.%s", (int)n, base, fext);
    out_path = default_out;
  }
  if (cli_render_to(tpl, data, out_path, render_flags, embed ? &fonts : NULL, d) == VB_OK && pdf) {
    int ok = 0;
    if (cli_pdf_convert(&out_path, 1, &ok, NULL) != 0) status = VB_EIO;
  }
done:
  if (quiet) {
    /* Still print errors. */
    for (size_t i = 0; i < vb_diags_count(d); i++)
      if (vb_diags_get(d, i)->severity == VB_SEV_ERROR)
        fprintf(stderr, "vanban: %s\n", vb_diag_text(vb_diags_get(d, i)));
    if (!status) status = (int)vb_diags_status(d);
  } else {
    int st = cli_report(d);
    if (!status) status = st;
  }
  vb_template_free(tpl);
  vb_data_free(data);
  vb_diags_free(d);
  free(default_out);
  cli_fonts_free(&fonts);
  return status;
}
