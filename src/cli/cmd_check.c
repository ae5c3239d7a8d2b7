/* vanban check FILE — proofread a report (DOCX/ODT) or a data file */
#include <stdlib.h>
#include <string.h>

#include "cli/check_render.h"
#include "cli/cli.h"

static const char help[] =
    "Usage: vanban check FILE.(docx|odt|json) [--json] [--ignore RULE]... [--annotate OUT]\n"
    "                    [--render] [--tone old|new]\n"
    "       vanban check --rules [--json]\n"
    "\n"
    "Proofread a report before it is signed. A DOCX or ODT document (typed by anyone, not only\n"
    "rendered by vanban) is checked against the layout of Nghị định 30/2020 (paper, margins,\n"
    "font, the header block, Số/ký hiệu, place and date, title, body, Nơi nhận and \"Lưu: VT\",\n"
    "the signature, page numbers, appendices), its numbers in prose (a percentage that does not\n"
    "match its fraction, shares over 100%, parts that do not add up, one figure stated twice\n"
    "differently) and its consistency (names spelled two ways, mixed tone marks, heading and\n"
    "appendix numbers, document lists, duplicated rows). A data file gets the data model's\n"
    "checks (du-lieu.…, docs/data-model.md §3: an impossible figure, a blank \"…\" left to\n"
    "fill), the prose checks and the layout rules the data decides.\n"
    "\n"
    "Findings are grouped by level: lỗi (error), cảnh báo (warning), gợi ý (hint), each with\n"
    "its place (paragraph number and first words, table/row/cell, or JSON path and line).\n"
    "\n"
    "  --json           print the findings as JSON (schema in docs/check.md)\n"
    "  --ignore RULE    leave out a rule, or a family (\"so-lieu\"); may be repeated. A data file\n"
    "                   can list rules in \"_vanban_ignore\", a document in its custom property\n"
    "                   \"_vanban_ignore\" (File > Properties > Custom)\n"
    "  --annotate OUT   write a copy of the document with every finding as a comment\n"
    "  --render         find the page of each finding (LibreOffice and pdftotext)\n"
    "  --rules          list every rule with its id: the proofreading rules, then the data\n"
    "                   model's (du-lieu.…); with --json also its level and whether\n"
    "                   `vanban render --nhap` renders past its errors (\"draft\")\n"
    "  --tone old|new   data files: the tone-mark style, as for render\n"
    "\n"
    "Exit status 0 when there is no error-level finding, 1 when there is one (or the file\n"
    "cannot be read as a document or as data), 3 on a file error, 4 on wrong arguments.\n";

static const char *level_name(vb_level l) {
  return l == VB_LEVEL_ERROR ? "lỗi" : l == VB_LEVEL_WARNING ? "cảnh báo" : "gợi ý";
}

static const char *level_title(vb_level l) {
  return l == VB_LEVEL_ERROR ? "LỖI" : l == VB_LEVEL_WARNING ? "CẢNH BÁO" : "GỢI Ý";
}

static void print_rules(int json) {
  size_t n = vb_rule_count();
  if (json) fputs("[\n", stdout);
  for (size_t i = 0; i < n; i++) {
    const vb_rule_info *r = vb_rule_get(i);
    if (json) {
      printf("  {\"id\": \"%s\", \"level\": \"%s\", \"on_data\": %s, \"draft\": %s}%s\n", r->id,
             r->level == VB_LEVEL_ERROR     ? "error"
             : r->level == VB_LEVEL_WARNING ? "warning"
                                            : "hint",
             r->on_data ? "true" : "false", r->draft ? "true" : "false", i + 1 < n ? "," : "");
    } else {
      /* pad by characters, not bytes: the level names are Vietnamese */
      const char *lv = level_name(r->level);
      int chars = 0;
      for (const char *c = lv; *c; c++)
        chars += ((unsigned char)*c & 0xC0) != 0x80;
      printf("%-26s %s%*s %s\n", r->id, lv, 9 - chars, "", r->title);
    }
  }
  if (json) fputs("]\n", stdout);
}

static void print_human(const char *path, const vb_check *c) {
  size_t ne = vb_check_level_count(c, VB_LEVEL_ERROR);
  size_t nw = vb_check_level_count(c, VB_LEVEL_WARNING);
  size_t nh = vb_check_level_count(c, VB_LEVEL_HINT);
  printf("%s: %zu lỗi, %zu cảnh báo, %zu gợi ý\n", path, ne, nw, nh);
  for (int lv = VB_LEVEL_ERROR; lv <= VB_LEVEL_HINT; lv++) {
    size_t k = vb_check_level_count(c, (vb_level)lv);
    if (!k) continue;
    printf("\n%s (%zu)\n", level_title((vb_level)lv), k);
    for (size_t i = 0; i < vb_check_count(c); i++) {
      const vb_finding *f = vb_check_get(c, i);
      if ((int)f->level != lv) continue;
      printf("  %s: %s [%s]\n", f->place, f->message, f->rule);
      if (f->expected) printf("      cần: %s\n", f->expected);
      if (f->hint) printf("      → %s\n", f->hint);
    }
  }
}

int cmd_check(int argc, char **argv) {
  if (cli_wants_help(argc, argv)) {
    fputs(help, stdout);
    return 0;
  }
  const char *path = NULL, *annotate = NULL;
  int json = 0, rules = 0, render = 0;
  const char **ignore = calloc((size_t)argc + 1, sizeof *ignore);
  size_t nignore = 0;
  vb_check_options opt = {0};
  int status = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--tone") && i + 1 < argc) {
      if (cli_parse_tone("check", argv[++i], &opt.data_flags) != 0) {
        status = VB_EUSAGE;
        goto out;
      }
    } else if (!strcmp(argv[i], "--json")) {
      json = 1;
    } else if (!strcmp(argv[i], "--rules")) {
      rules = 1;
    } else if (!strcmp(argv[i], "--render")) {
      render = 1;
    } else if (!strcmp(argv[i], "--ignore") && i + 1 < argc) {
      ignore[nignore++] = argv[++i];
    } else if (!strcmp(argv[i], "--annotate") && i + 1 < argc) {
      annotate = argv[++i];
    } else if (argv[i][0] == '-' && argv[i][1]) {
      status = cli_unknown_option("check", argv[i], help);
      goto out;
    } else if (!path) {
      path = argv[i];
    } else {
      status = cli_usage_error("check", "usage.argument", "đối số thừa '%s': check nhận một tệp",
                               argv[i]);
      goto out;
    }
  }
  if (rules) {
    print_rules(json);
    goto out;
  }
  if (!path) {
    status = cli_usage_error("check", "usage.argument",
                             "thiếu tệp cần kiểm tra (.docx, .odt hoặc dữ liệu .json)");
    goto out;
  }
  for (size_t i = 0; i < nignore; i++) {
    int known = 0;
    for (size_t r = 0; r < vb_rule_count(); r++) {
      const char *id = vb_rule_get(r)->id;
      size_t n = strlen(ignore[i]);
      if (!strncmp(id, ignore[i], n) && (id[n] == 0 || id[n] == '.')) known = 1;
    }
    if (!known && strcmp(ignore[i], "du-lieu") != 0) {
      status = cli_usage_error(
          "check", "usage.value",
          "--ignore: không có quy tắc '%s' (vanban check --rules liệt kê các quy tắc)", ignore[i]);
      goto out;
    }
  }
  opt.ignore = ignore;
  vb_diags *d = vb_diags_new();
  vb_check *c = vb_check_file(path, &opt, d);
  if (!c) {
    status = cli_report(d);
    if (!status) status = VB_EDATA;
    vb_diags_free(d);
    goto out;
  }
  if ((annotate || render) && !vb_check_is_document(c)) {
    status = cli_usage_error("check", "usage.conflict",
                             "%s chỉ dùng cho văn bản .docx hoặc .odt, không dùng cho tệp dữ liệu",
                             annotate ? "--annotate" : "--render");
    vb_check_free(c);
    vb_diags_free(d);
    goto out;
  }
  if (render) {
    char *pages = NULL;
    size_t len = 0;
    if (cli_render_pages(path, &pages, &len) == 0) {
      vb_check_set_pages(c, pages, len);
      free(pages);
    } else {
      status = VB_EIO;
    }
  }
  if (annotate && vb_check_annotate(c, annotate, d) != VB_OK) status = cli_report(d);
  if (json) {
    char *s = vb_check_json(c);
    fputs(s, stdout);
    free(s);
  } else {
    print_human(path, c);
  }
  if (!status && vb_check_level_count(c, VB_LEVEL_ERROR)) status = VB_EDATA;
  vb_check_free(c);
  vb_diags_free(d);
out:
  free(ignore);
  return status;
}
