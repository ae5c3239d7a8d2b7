/* vanban batch UNITS.(json|csv) -o PATTERN [-t TEMPLATE] [-j N] [--pdf] …
 *
 * One document per unit. Before anything is written, every unit is merged
 * over the shared data and its output name is made from the pattern: an
 * unknown field, a duplicate name or a missing template stops the batch
 * there. Then N worker threads, each with its own compiled templates, take
 * units from a shared queue; a unit's data lives only while it is rendered
 * (one arena per worker, reset per unit), so memory stays flat. One unit's
 * bad data fails that unit only. See docs/batch.md. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/batch_units.h"
#include "cli/cli.h"
#include "cli/pdf.h"
#include "cli/progress.h"

static const char help[] =
    "Usage: vanban batch UNITS.(json|csv) -o PATTERN [-t TEMPLATE] [options]\n"
    "\n"
    "Write one document per unit of UNITS: each unit's data is the shared data with the\n"
    "unit's own fields merged over it (the unit wins). UNITS is a JSON list of objects, or\n"
    "{\"chung\": {shared data}, \"don_vi\": [units]}, or a CSV sheet whose header names the\n"
    "fields (van_ban.dia_danh, nhom_chi_tieu.0.chi_tieu.2.ket_qua.tu) and one row per unit.\n"
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

typedef struct batch {
  cli_units units;
  char **outputs, **labels, **kinds;
  unit_result *res;
  const char *units_path, *tpl_path, *ext, *pattern;
  unsigned data_flags, render_flags;
  int quiet;
  cli_fonts fonts;
  int embed;
  pthread_mutex_t lock;
  size_t next;
  cli_progress *progress;
  vb_template *first_tpl; /* opened by the main thread, handed to one worker */
  /* Warnings already printed (the shared data gives every unit the same ones). */
  char **seen;
  size_t nseen, seen_cap;
  int said_once;
} batch;

typedef struct tpl_cache {
  const char *kind; /* NULL with -t */
  vb_template *t;
} tpl_cache;

/* "$.van_ban.ngay (line 1:345)" → "$.van_ban.ngay": positions in the merged
 * JSON mean nothing to the user (and would make every unit's warning differ). */
static void put_without_lines(vb_buf *b, const char *s) {
  while (*s) {
    const char *cut = strstr(s, " (line ");
    if (!cut) {
      vb_buf_puts(b, s);
      return;
    }
    const char *p = cut + 7;
    while ((*p >= '0' && *p <= '9') || *p == ':')
      p++;
    vb_buf_put(b, s, (size_t)(cut - s));
    if (*p == ')')
      s = p + 1;
    else {
      vb_buf_put(b, cut, 7);
      s = cut + 7;
    }
  }
}

static int seen_before(batch *b, const char *text) {
  for (size_t i = 0; i < b->nseen; i++)
    if (!strcmp(b->seen[i], text)) return 1;
  if (b->nseen < 500) {
    if (b->nseen == b->seen_cap) {
      b->seen_cap = b->seen_cap ? b->seen_cap * 2 : 16;
      b->seen = vb_xrealloc(b->seen, b->seen_cap * sizeof(char *));
    }
    b->seen[b->nseen++] = vb_xstrdup(text);
  }
  return 0;
}

/* Called with the lock held. */
static void report_unit(batch *b, size_t i, vb_diags *d, int status) {
  unit_result *r = &b->res[i];
  r->status = status;
  vb_buf line = VB_BUF_INIT, key = VB_BUF_INIT;
  for (size_t k = 0; k < vb_diags_count(d); k++) {
    const vb_diag *g = vb_diags_get(d, k);
    int err = g->severity == VB_SEV_ERROR;
    if (!err) r->warnings++;
    vb_buf_clear(&line);
    if (g->file && strncmp(g->file, "unit ", 5) != 0) vb_buf_printf(&line, "%s: ", g->file);
    if (g->where) {
      put_without_lines(&line, g->where);
      vb_buf_puts(&line, ": ");
    }
    put_without_lines(&line, g->message);
    if (err && !r->reason) r->reason = vb_xstrdup(vb_buf_cstr(&line));
    if (b->quiet && !err) continue;
    if (!err) {
      vb_buf_clear(&key);
      vb_buf_puts(&key, vb_buf_cstr(&line));
      if (seen_before(b, key.data)) continue;
    }
    vb_buf_clear(&key);
    vb_buf_printf(&key, "vanban: %s: %s: %s", b->labels[i], err ? "error" : "warning",
                  vb_buf_cstr(&line));
    if (g->hint) vb_buf_printf(&key, "\n  hint: %s", g->hint);
    if (!err && !b->said_once) {
      vb_buf_puts(&key, "\n  (a warning that later units repeat is not printed again)");
      b->said_once = 1;
    }
    cli_progress_print(b->progress, key.data);
  }
  if (status != 0 && !r->reason) r->reason = vb_xstrdup("failed (no message)");
  vb_buf_clear(&line);
  if (status != 0)
    vb_buf_puts(&line, "FAILED");
  else if (r->warnings)
    vb_buf_printf(&line, "ok, %d warning%s", r->warnings, r->warnings > 1 ? "s" : "");
  else
    vb_buf_puts(&line, "ok");
  cli_progress_item(b->progress, b->outputs[i], line.data);
  vb_buf_free(&line);
  vb_buf_free(&key);
}

static vb_template *worker_template(batch *b, tpl_cache *cache, size_t *ncache, const char *kind,
                                    vb_diags *d) {
  for (size_t k = 0; k < *ncache; k++)
    if ((!kind && !cache[k].kind) || (kind && cache[k].kind && !strcmp(kind, cache[k].kind)))
      return cache[k].t;
  vb_template *t = NULL;
  pthread_mutex_lock(&b->lock);
  if (!kind && b->first_tpl) {
    t = b->first_tpl;
    b->first_tpl = NULL;
  }
  pthread_mutex_unlock(&b->lock);
  if (!t && kind)
    t = vb_template_open_shipped(kind, strcmp(b->ext, "odt") ? VB_FORMAT_DOCX : VB_FORMAT_ODT, 0,
                                 d);
  else if (!t)
    t = vb_template_open(b->tpl_path, 0, d);
  if (t && *ncache < 8) cache[(*ncache)++] = (tpl_cache){kind, t};
  return t;
}

static void *worker(void *arg) {
  batch *b = arg;
  tpl_cache cache[8];
  size_t ncache = 0;
  vb_arena *a = vb_arena_new();
  vb_buf json = VB_BUF_INIT, err = VB_BUF_INIT;
  vb_diags *d = vb_diags_new();
  for (;;) {
    pthread_mutex_lock(&b->lock);
    size_t i = b->next++;
    pthread_mutex_unlock(&b->lock);
    if (i >= b->units.n) break;
    vb_arena_reset(a);
    vb_buf_clear(&json);
    vb_buf_clear(&err);
    vb_diags_clear(d);
    int status = 0;
    vb_value *merged = cli_units_merge(a, b->units.shared, b->units.units[i], &err);
    vb_data *data = NULL;
    if (merged) {
      cli_units_json(&json, merged);
      data = vb_data_load_memory(json.data, json.len, b->labels[i], b->data_flags, d);
    }
    if (!data) {
      status = vb_diags_status(d) ? (int)vb_diags_status(d) : VB_EDATA;
    } else {
      vb_template *t = worker_template(b, cache, &ncache, b->tpl_path ? NULL : b->kinds[i], d);
      if (!t)
        status = vb_diags_status(d) ? (int)vb_diags_status(d) : VB_ETEMPLATE;
      else
        status = (int)cli_render_to(t, data, b->outputs[i], b->render_flags,
                                    b->embed ? &b->fonts : NULL, d);
    }
    vb_data_free(data);
    pthread_mutex_lock(&b->lock);
    if (!merged) {
      char *msg = vb_xasprintf("vanban: %s: error: %s", b->labels[i], vb_buf_cstr(&err));
      cli_progress_print(b->progress, msg);
      b->res[i].reason = vb_xstrdup(vb_buf_cstr(&err));
      free(msg);
    }
    report_unit(b, i, d, status);
    pthread_mutex_unlock(&b->lock);
  }
  for (size_t k = 0; k < ncache; k++)
    vb_template_free(cache[k].t);
  vb_diags_free(d);
  vb_buf_free(&json);
  vb_buf_free(&err);
  vb_arena_free(a);
  return NULL;
}

/* mkdir -p of path's directory. */
static int make_parent_dirs(const char *path) {
  char *p = vb_xstrdup(path);
  int rc = 0;
  for (char *s = p + 1; *s && rc == 0; s++) {
    if (*s != '/') continue;
    *s = '\0';
    struct stat st;
    if (stat(p, &st) != 0 && mkdir(p, 0777) != 0 && stat(p, &st) != 0) rc = -1;
    *s = '/';
  }
  free(p);
  return rc;
}

static char **sort_outputs; /* for cmp_output; prepare() runs on the main thread only */
static int cmp_output(const void *x, const void *y) {
  size_t a = *(const size_t *)x, b = *(const size_t *)y;
  int c = strcmp(sort_outputs[a], sort_outputs[b]);
  return c ? c : (a < b ? -1 : a > b);
}

/* Merge every unit and name its output, before anything is written. */
static int prepare(batch *b) {
  size_t n = b->units.n;
  b->outputs = vb_xcalloc(n, sizeof(char *));
  b->labels = vb_xcalloc(n, sizeof(char *));
  b->kinds = vb_xcalloc(n, sizeof(char *));
  b->res = vb_xcalloc(n, sizeof(unit_result));
  vb_arena *a = vb_arena_new();
  vb_buf out = VB_BUF_INIT, err = VB_BUF_INIT, label = VB_BUF_INIT;
  int errors = 0;
  for (size_t i = 0; i < n; i++) {
    vb_arena_reset(a);
    vb_buf_clear(&err);
    vb_buf_clear(&label);
    vb_buf_printf(&label, "unit %zu", i + 1);
    vb_value *m = cli_units_merge(a, b->units.shared, b->units.units[i], &err);
    /* The label names the unit by its first pattern field, when it has one. */
    if (m) {
      const char *f = strchr(b->pattern, '{');
      while (f && f[1] == '{')
        f = strchr(f + 2, '{');
      const char *close = f ? strchr(f, '}') : NULL;
      if (f && close && !(close - f == 2 && f[1] == '#')) {
        const vb_value *v = cli_units_lookup(m, f + 1, (size_t)(close - f - 1));
        if (!v) {
          char *alt = vb_xasprintf("_%.*s", (int)(close - f - 1), f + 1);
          v = cli_units_lookup(m, alt, strlen(alt));
          free(alt);
        }
        if (v && v->kind == VB_STR)
          vb_buf_printf(&label, " (%s)", v->u.str.s);
        else if (v && v->kind == VB_NUM)
          vb_buf_printf(&label, " (%g)", v->u.num);
      }
    }
    b->labels[i] = vb_xstrdup(vb_buf_cstr(&label));
    if (m && cli_units_output(b->pattern, m, i + 1, n, &out, &err) == 0) {
      b->outputs[i] = vb_xstrdup(vb_buf_cstr(&out));
    } else {
      if (errors++ < 20)
        fprintf(stderr, "vanban: %s: %s: error: %s\n", b->units_path, b->labels[i],
                vb_buf_cstr(&err));
      b->outputs[i] = vb_xstrdup("");
      continue;
    }
    const vb_value *loai = cli_units_lookup(m, "loai", 4);
    if (!b->tpl_path) {
      if (!loai || loai->kind != VB_STR) {
        if (errors++ < 20)
          fprintf(stderr,
                  "vanban: %s: %s: error: no \"loai\" (bao-cao or thong-bao): give a template with "
                  "-t\n",
                  b->units_path, b->labels[i]);
      } else {
        b->kinds[i] = vb_xstrdup(loai->u.str.s);
      }
    }
  }
  vb_arena_free(a);
  /* Two units must not write the same file. */
  if (!errors) {
    size_t *order = vb_xcalloc(n, sizeof(size_t));
    for (size_t i = 0; i < n; i++)
      order[i] = i;
    sort_outputs = b->outputs;
    qsort(order, n, sizeof *order, cmp_output);
    for (size_t i = 0; i + 1 < n; i++) {
      size_t x = order[i], y = order[i + 1];
      if (strcmp(b->outputs[x], b->outputs[y])) continue;
      if (errors++ < 20)
        fprintf(stderr,
                "vanban: %s: %s and %s would both be written to %s: add a field that differs to "
                "the pattern\n",
                b->units_path, b->labels[x < y ? x : y], b->labels[x < y ? y : x], b->outputs[x]);
    }
    free(order);
  }
  for (size_t i = 0; i < n && !errors; i++) {
    if (make_parent_dirs(b->outputs[i]) != 0) {
      fprintf(stderr, "vanban: cannot create the directory for %s\n", b->outputs[i]);
      errors++;
    }
  }
  if (errors > 20) fprintf(stderr, "vanban: … %d errors in all\n", errors);
  vb_buf_free(&out);
  vb_buf_free(&err);
  vb_buf_free(&label);
  return errors ? -1 : 0;
}

static void pdf_say(void *ud, const char *line) { cli_progress_print(ud, line); }
static void pdf_done(void *ud, size_t done) { cli_progress_set(ud, done); }

static long cpu_count(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? n : 1;
}

int cmd_batch(int argc, char **argv) {
  if (cli_wants_help(argc, argv)) {
    fputs(help, stdout);
    return 0;
  }
  batch b;
  memset(&b, 0, sizeof b);
  const char *shared_path = NULL;
  long jobs = 0;
  int pdf = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if ((!strcmp(a, "-t") || !strcmp(a, "--template")) && i + 1 < argc)
      b.tpl_path = argv[++i];
    else if ((!strcmp(a, "-o") || !strcmp(a, "--output")) && i + 1 < argc)
      b.pattern = argv[++i];
    else if (!strcmp(a, "--shared") && i + 1 < argc)
      shared_path = argv[++i];
    else if ((!strcmp(a, "-j") || !strcmp(a, "--jobs")) && i + 1 < argc) {
      char *end;
      jobs = strtol(argv[++i], &end, 10);
      if (*end || jobs < 1 || jobs > 256)
        return cli_usage_error("batch", "-j takes a number of threads from 1 to 256, not '%s'",
                               argv[i]);
    } else if (!strncmp(a, "-j", 2) && a[2]) {
      char *end;
      jobs = strtol(a + 2, &end, 10);
      if (*end || jobs < 1 || jobs > 256)
        return cli_usage_error("batch", "-j takes a number of threads from 1 to 256, not '%s'",
                               a + 2);
    } else if (!strcmp(a, "--pdf"))
      pdf = 1;
    else if (!strcmp(a, "--embed-fonts"))
      b.embed = 1;
    else if (!strcmp(a, "--lenient"))
      b.render_flags |= VB_RENDER_LENIENT;
    else if (!strcmp(a, "--issued"))
      b.data_flags |= VB_DATA_ISSUED;
    else if (!strcmp(a, "--raw"))
      b.data_flags |= VB_DATA_RAW;
    else if (!strcmp(a, "--tone") && i + 1 < argc) {
      const char *v = argv[++i];
      if (!strcmp(v, "old"))
        b.data_flags |= VB_DATA_TONE_OLD;
      else if (!strcmp(v, "new"))
        b.data_flags |= VB_DATA_TONE_NEW;
      else
        return cli_usage_error("batch", "--tone takes 'old' or 'new', not '%s'", v);
    } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet"))
      b.quiet = 1;
    else if (a[0] == '-' && a[1])
      return cli_usage_error("batch", "unknown option '%s'", a);
    else if (!b.units_path)
      b.units_path = a;
    else
      return cli_usage_error("batch", "unexpected argument '%s'", a);
  }
  if (!b.units_path) return cli_usage_error("batch", "missing UNITS.json or UNITS.csv");
  if (!b.pattern)
    return cli_usage_error("batch", "missing -o PATTERN, e.g. -o 'out/{ma_don_vi}-bao-cao.docx'");
  b.ext = vb_xstrdup(cli_ext(b.pattern));
  if (strcmp(b.ext, "docx") && strcmp(b.ext, "odt")) {
    free((char *)b.ext);
    return cli_usage_error("batch", "the output pattern must end in .docx or .odt: %s", b.pattern);
  }
  if (b.tpl_path && strcmp(cli_ext(b.tpl_path), b.ext)) {
    int rc = cli_usage_error("batch", "the outputs' format (.%s) differs from the template's (%s)",
                             b.ext, b.tpl_path);
    free((char *)b.ext);
    return rc;
  }
  int status = 0;
  vb_diags *d = vb_diags_new();
  char soffice[4096];
  if (pdf && cli_pdf_find_soffice(soffice, sizeof soffice) != 0) {
    fprintf(stderr, "vanban: %s\n", cli_pdf_missing_message());
    status = VB_EIO;
    goto out;
  }
  if (b.embed && (status = cli_fonts_load(&b.fonts, NULL, 0)) != 0) goto out;
  if (cli_units_load(&b.units, b.units_path, shared_path, d) != 0) {
    status = cli_report(d);
    goto out;
  }
  if (!b.quiet) cli_report(d); /* warnings about the units file itself */
  vb_diags_clear(d);
  if (b.tpl_path) {
    b.first_tpl = vb_template_open(b.tpl_path, 0, d);
    if (!b.first_tpl) {
      status = cli_report(d);
      goto out;
    }
  }
  if (prepare(&b) != 0) {
    fprintf(stderr, "vanban: nothing was written\n");
    status = VB_EDATA;
    goto out;
  }
  size_t n = b.units.n;
  if (!jobs) jobs = cpu_count();
  if ((size_t)jobs > n) jobs = (long)n;
  pthread_mutex_init(&b.lock, NULL);
  b.progress = cli_progress_new(n, b.quiet ? CLI_PROGRESS_QUIET : CLI_PROGRESS_AUTO, "render");
  pthread_t *th = vb_xcalloc((size_t)jobs, sizeof(pthread_t));
  long started = 0;
  for (long k = 0; k < jobs; k++) {
    if (pthread_create(&th[k], NULL, worker, &b) != 0) break;
    started++;
  }
  if (!started) worker(&b); /* no threads available: do it here */
  for (long k = 0; k < started; k++)
    pthread_join(th[k], NULL);
  free(th);
  double secs = cli_progress_finish(b.progress);

  size_t written = 0, failed = 0, warnings = 0;
  for (size_t i = 0; i < n; i++) {
    warnings += (size_t)b.res[i].warnings;
    if (b.res[i].status == 0)
      written++;
    else {
      failed++;
      if (!status) status = b.res[i].status;
    }
  }
  printf("vanban batch: %zu written, %zu warning%s, %zu failed — %zu unit%s, %ld thread%s, "
         "%.2f s, %.1f docs/s\n",
         written, warnings, warnings == 1 ? "" : "s", failed, n, n == 1 ? "" : "s",
         started ? started : 1, started > 1 ? "s" : "", secs,
         secs > 0 ? (double)written / secs : 0.0);
  for (size_t i = 0; i < n; i++)
    if (b.res[i].status != 0)
      printf("  FAILED %s → %s: %s\n", b.labels[i], b.outputs[i], b.res[i].reason);
  fflush(stdout);

  if (pdf && written) {
    const char **docs = vb_xcalloc(written, sizeof(char *));
    int *ok = vb_xcalloc(written, sizeof(int));
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
      if (b.res[i].status == 0) docs[m++] = b.outputs[i];
    cli_progress_phase(b.progress, "pdf", m);
    cli_pdf_hooks hooks = {pdf_say, pdf_done, b.progress};
    int prc = cli_pdf_convert(docs, m, ok, &hooks);
    double psecs = cli_progress_finish(b.progress);
    size_t pok = 0;
    for (size_t i = 0; i < m; i++)
      pok += ok[i] != 0;
    printf("vanban batch: PDF: %zu written, %zu failed — %.2f s, %.1f docs/s (LibreOffice)\n", pok,
           m - pok, psecs, psecs > 0 ? (double)pok / psecs : 0.0);
    for (size_t i = 0; i < m; i++)
      if (!ok[i]) printf("  FAILED PDF of %s\n", docs[i]);
    if (prc && !status) status = VB_EIO;
    free(docs);
    free(ok);
  }
  cli_progress_free(b.progress);
  pthread_mutex_destroy(&b.lock);
out:
  vb_template_free(b.first_tpl);
  for (size_t i = 0; b.outputs && i < b.units.n; i++) {
    free(b.outputs[i]);
    free(b.labels[i]);
    free(b.kinds[i]);
    free(b.res[i].reason);
  }
  free(b.outputs);
  free(b.labels);
  free(b.kinds);
  free(b.res);
  for (size_t i = 0; i < b.nseen; i++)
    free(b.seen[i]);
  free(b.seen);
  cli_units_free(&b.units);
  cli_fonts_free(&b.fonts);
  vb_diags_free(d);
  free((char *)b.ext);
  return status;
}
