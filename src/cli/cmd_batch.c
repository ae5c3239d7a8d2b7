/* vanban batch UNITS -o PATTERN [-t TEMPLATE] [-j N] [--pdf] …
 *
 * One document per unit, through the library's batch (vb_units_load,
 * vb_batch_new, vb_batch_run): every unit is merged and named before
 * anything is written, then worker threads sharing one compiled template
 * render the units. This file only shows it: progress, messages (a warning
 * every unit repeats is printed once), the summary, and the PDFs. See
 * docs/batch.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/pdf.h"
#include "cli/progress.h"

static const char help[] =
    "Usage: vanban batch UNITS.(json|csv|xlsx|ods) -o PATTERN [-t TEMPLATE] [options]\n"
    "\n"
    "Write one document per unit of UNITS: each unit's data is the shared data with the\n"
    "unit's own fields merged over it (the unit wins). UNITS is a JSON list of objects, or\n"
    "{\"chung\": {shared data}, \"don_vi\": [units]}, or a sheet (CSV, XLSX, ODS; a workbook's\n"
    "first sheet) whose first row names the fields (van_ban.dia_danh,\n"
    "nhom_chi_tieu.0.chi_tieu.2.ket_qua.tu) and which has one row per unit.\n"
    "PATTERN names the outputs with {field} placeholders, e.g. 'out/{ma_don_vi}-bao-cao.docx'\n"
    "({x} also finds _x, which the data model ignores; {#} is the unit's number).\n"
    "One unit's bad data fails that unit only; the exit status is non-zero if any failed.\n"
    "See docs/batch.md.\n"
    "\n"
    "Options:\n"
    "  -o, --output PATTERN  output names (.docx or .odt); directories are created\n"
    "  -t, --template FILE   template (DOCX or ODT); default: the shipped one for each unit's "
    "\"loai\"\n"
    "  --shared FILE.json    shared data under the units file's own \"chung\"\n"
    "  -j, --jobs N          worker threads (default: the number of CPUs)\n"
    "  --pdf                 also convert every document to PDF (LibreOffice, one process)\n"
    "  --embed-fonts         embed Liberation Serif (metric-compatible with Times New Roman)\n"
    "  --lenient, --issued, --raw, --tone old|new   as for vanban render\n"
    "  -q, --quiet           print only errors and the summary\n";

typedef struct unit_result {
  int status; /* vb_status; -1 not done */
  int warnings;
  char *reason; /* first error, for the summary */
} unit_result;

typedef struct shown {
  unit_result *res;
  cli_progress *progress;
  int quiet;
  /* Warnings already printed (the shared data gives every unit the same ones). */
  char **seen;
  size_t nseen, seen_cap;
  int said_once;
} shown;

static int seen_before(shown *s, const char *text) {
  for (size_t i = 0; i < s->nseen; i++)
    if (!strcmp(s->seen[i], text)) return 1;
  if (s->nseen < 500) {
    if (s->nseen == s->seen_cap) {
      s->seen_cap = s->seen_cap ? s->seen_cap * 2 : 16;
      s->seen = realloc(s->seen, s->seen_cap * sizeof(char *));
      if (!s->seen) abort();
    }
    s->seen[s->nseen++] = strdup(text);
  }
  return 0;
}

/* "FILE: WHERE: MESSAGE" of a unit's diagnostic (the file when it is not the
 * unit itself, which the line names already). */
static char *diag_line(const vb_diag *g, const char *label) {
  const char *file = g->file && strcmp(g->file, label) ? g->file : NULL;
  size_t n = strlen(g->message) + (file ? strlen(file) : 0) + (g->where ? strlen(g->where) : 0) + 8;
  char *line = malloc(n);
  if (!line) abort();
  snprintf(line, n, "%s%s%s%s%s", file ? file : "", file ? ": " : "", g->where ? g->where : "",
           g->where ? ": " : "", g->message);
  return line;
}

/* The library calls this for every finished unit, one call at a time. */
static int on_unit(void *ud, const vb_batch_unit *u) {
  shown *s = ud;
  unit_result *r = &s->res[u->index];
  r->status = (int)u->status;
  for (size_t k = 0; k < vb_diags_count(u->diags); k++) {
    const vb_diag *g = vb_diags_get(u->diags, k);
    int err = g->severity == VB_SEV_ERROR;
    char *line = diag_line(g, u->label);
    if (!err) r->warnings++;
    if (err && !r->reason) r->reason = strdup(line);
    if ((!s->quiet || err) && (err || !seen_before(s, line))) {
      size_t n = strlen(line) + strlen(u->label) + (g->hint ? strlen(g->hint) : 0) + 160;
      char *msg = malloc(n);
      if (!msg) abort();
      int w = snprintf(msg, n, "vanban: %s: %s: %s", u->label, err ? "error" : "warning", line);
      if (g->hint) w += snprintf(msg + w, n - (size_t)w, "\n  hint: %s", g->hint);
      if (!err && !s->said_once) {
        snprintf(msg + w, n - (size_t)w,
                 "\n  (a warning that later units repeat is not printed again)");
        s->said_once = 1;
      }
      cli_progress_print(s->progress, msg);
      free(msg);
    }
    free(line);
  }
  if (u->status != VB_OK && !r->reason) r->reason = strdup("failed (no message)");
  char status[64];
  if (u->status != VB_OK)
    snprintf(status, sizeof status, "FAILED");
  else if (r->warnings)
    snprintf(status, sizeof status, "ok, %d warning%s", r->warnings, r->warnings > 1 ? "s" : "");
  else
    snprintf(status, sizeof status, "ok");
  cli_progress_item(s->progress, u->output, status);
  return 0;
}

static void pdf_say(void *ud, const char *line) { cli_progress_print(ud, line); }
static void pdf_done(void *ud, size_t done) { cli_progress_set(ud, done); }

/* The PDFs of the documents written, next to them. */
static int convert_pdfs(vb_batch *b, shown *s, size_t written) {
  size_t n = vb_batch_count(b), m = 0;
  const char **docs = calloc(written, sizeof(char *));
  int *ok = calloc(written, sizeof(int));
  if (!docs || !ok) abort();
  for (size_t i = 0; i < n; i++)
    if (s->res[i].status == VB_OK) docs[m++] = vb_batch_output(b, i);
  cli_progress_phase(s->progress, "pdf", m);
  cli_pdf_hooks hooks = {pdf_say, pdf_done, s->progress};
  int prc = cli_pdf_convert(docs, m, ok, &hooks);
  double secs = cli_progress_finish(s->progress);
  size_t pok = 0;
  for (size_t i = 0; i < m; i++)
    pok += ok[i] != 0;
  printf("vanban batch: PDF: %zu written, %zu failed — %.2f s, %.1f docs/s (LibreOffice)\n", pok,
         m - pok, secs, secs > 0 ? (double)pok / secs : 0.0);
  for (size_t i = 0; i < m; i++)
    if (!ok[i]) printf("  FAILED PDF of %s\n", docs[i]);
  free(docs);
  free(ok);
  return prc ? VB_EIO : 0;
}

int cmd_batch(int argc, char **argv) {
  if (cli_wants_help(argc, argv)) {
    fputs(help, stdout);
    return 0;
  }
  const char *units_path = NULL, *tpl_path = NULL, *pattern = NULL, *shared_path = NULL;
  long jobs = 0;
  int pdf = 0, embed = 0, quiet = 0;
  unsigned data_flags = 0, render_flags = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if ((!strcmp(a, "-t") || !strcmp(a, "--template")) && i + 1 < argc)
      tpl_path = argv[++i];
    else if ((!strcmp(a, "-o") || !strcmp(a, "--output")) && i + 1 < argc)
      pattern = argv[++i];
    else if (!strcmp(a, "--shared") && i + 1 < argc)
      shared_path = argv[++i];
    else if (((!strcmp(a, "-j") || !strcmp(a, "--jobs")) && i + 1 < argc) ||
             (!strncmp(a, "-j", 2) && a[2])) {
      const char *v = a[1] == 'j' && a[2] ? a + 2 : argv[++i];
      char *end;
      jobs = strtol(v, &end, 10);
      if (*end || jobs < 1 || jobs > 256)
        return cli_usage_error("batch", "-j takes a number of threads from 1 to 256, not '%s'", v);
    } else if (!strcmp(a, "--pdf"))
      pdf = 1;
    else if (!strcmp(a, "--embed-fonts"))
      embed = 1;
    else if (!strcmp(a, "--lenient"))
      render_flags |= VB_RENDER_LENIENT;
    else if (!strcmp(a, "--issued"))
      data_flags |= VB_DATA_ISSUED;
    else if (!strcmp(a, "--raw"))
      data_flags |= VB_DATA_RAW;
    else if (!strcmp(a, "--tone") && i + 1 < argc) {
      if (cli_parse_tone("batch", argv[++i], &data_flags) != 0) return VB_EUSAGE;
    } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet"))
      quiet = 1;
    else if (a[0] == '-' && a[1])
      return cli_unknown_option("batch", a, help);
    else if (!units_path)
      units_path = a;
    else
      return cli_usage_error("batch", "unexpected argument '%s'", a);
  }
  if (!units_path) return cli_usage_error("batch", "missing UNITS (.json, .csv, .xlsx or .ods)");
  if (!pattern)
    return cli_usage_error("batch", "missing -o PATTERN, e.g. -o 'out/{ma_don_vi}-bao-cao.docx'");
  char ext[16];
  snprintf(ext, sizeof ext, "%s", cli_ext(pattern));
  if (strcmp(ext, "docx") && strcmp(ext, "odt"))
    return cli_usage_error("batch", "the output pattern must end in .docx or .odt: %s", pattern);
  if (tpl_path && strcmp(cli_ext(tpl_path), ext))
    return cli_usage_error("batch", "the outputs' format (.%s) differs from the template's (%s)",
                           ext, tpl_path);

  int status = 0;
  vb_diags *d = vb_diags_new();
  vb_units *units = NULL;
  vb_template *tpl = NULL;
  vb_batch *b = NULL;
  cli_fonts fonts = {0};
  shown s = {0};
  char soffice[4096];
  if (pdf && cli_pdf_find_soffice(soffice, sizeof soffice) != 0) {
    fprintf(stderr, "vanban: %s\n", cli_pdf_missing_message());
    status = VB_EIO;
    goto out;
  }
  if (embed && (status = cli_fonts_load(&fonts, NULL, 0)) != 0) goto out;
  units = vb_units_load(units_path, shared_path, d);
  if (!units) {
    status = cli_report(d);
    goto out;
  }
  if (!quiet) cli_report(d); /* warnings about the units file itself */
  vb_diags_clear(d);
  if (tpl_path && !(tpl = vb_template_open(tpl_path, 0, d))) {
    status = cli_report(d);
    goto out;
  }
  b = vb_batch_new(units, pattern, tpl, d);
  if (!b) {
    cli_report(d);
    fprintf(stderr, "vanban: nothing was written\n");
    status = VB_EDATA;
    goto out;
  }
  size_t n = vb_batch_count(b);
  s.res = calloc(n, sizeof(unit_result));
  if (!s.res) abort();
  for (size_t i = 0; i < n; i++)
    s.res[i].status = -1;
  s.quiet = quiet;
  s.progress = cli_progress_new(n, quiet ? CLI_PROGRESS_QUIET : CLI_PROGRESS_AUTO, "render");
  vb_batch_set_flags(b, data_flags, render_flags);
  vb_batch_set_jobs(b, (unsigned)jobs);
  if (embed) vb_batch_set_fonts(b, fonts.faces, fonts.n);
  vb_batch_set_progress(b, on_unit, &s);
  if (vb_batch_run(b, d) != VB_OK && vb_diags_count(d)) {
    cli_progress_finish(s.progress);
    status = cli_report(d);
    fprintf(stderr, "vanban: nothing was written\n");
    goto out;
  }
  double secs = cli_progress_finish(s.progress);

  size_t written = 0, failed = 0, warnings = 0, threads = vb_batch_threads(b);
  for (size_t i = 0; i < n; i++) {
    warnings += (size_t)s.res[i].warnings;
    if (s.res[i].status == VB_OK)
      written++;
    else {
      failed++;
      if (!status) status = s.res[i].status;
    }
  }
  printf("vanban batch: %zu written, %zu warning%s, %zu failed — %zu unit%s, %zu thread%s, "
         "%.2f s, %.1f docs/s\n",
         written, warnings, warnings == 1 ? "" : "s", failed, n, n == 1 ? "" : "s", threads,
         threads > 1 ? "s" : "", secs, secs > 0 ? (double)written / secs : 0.0);
  for (size_t i = 0; i < n; i++)
    if (s.res[i].status != VB_OK)
      printf("  FAILED %s → %s: %s\n", vb_batch_label(b, i), vb_batch_output(b, i),
             s.res[i].reason ? s.res[i].reason : "not rendered");
  fflush(stdout);
  if (pdf && written) {
    int prc = convert_pdfs(b, &s, written);
    if (prc && !status) status = prc;
  }
out:
  if (s.progress) cli_progress_free(s.progress);
  for (size_t i = 0; s.res && i < vb_batch_count(b); i++)
    free(s.res[i].reason);
  free(s.res);
  for (size_t i = 0; i < s.nseen; i++)
    free(s.seen[i]);
  free(s.seen);
  vb_batch_free(b);
  vb_template_free(tpl);
  vb_units_free(units);
  cli_fonts_free(&fonts);
  vb_diags_free(d);
  return status;
}
