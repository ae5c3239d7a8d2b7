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
#include <unistd.h>

#include "cli/cli.h"
#include "cli/convert.h"
#include "cli/pdf.h"
#include "cli/progress.h"

static const char help[] =
    "Usage: vanban batch UNITS.(json|csv|xlsx|ods) -o PATTERN [-t TEMPLATE] [options]\n"
    "       vanban batch UNITS -o PATTERN --merge-manifests DIR…\n"
    "\n"
    "Write one document per unit of UNITS: each unit's data is the shared data with the\n"
    "unit's own fields merged over it (the unit wins). UNITS is a JSON list of objects, or\n"
    "{\"chung\": {shared data}, \"don_vi\": [units]}, or a sheet (CSV, XLSX, ODS; a workbook's\n"
    "first sheet) whose first row names the fields (van_ban.dia_danh,\n"
    "nhom_chi_tieu.0.chi_tieu.2.ket_qua.tu) and which has one row per unit.\n"
    "PATTERN names the outputs with {field} placeholders, e.g. 'out/{ma_don_vi}-bao-cao.docx'\n"
    "({x} also finds _x, which the data model ignores; {#} is the unit's number).\n"
    "One unit's bad data fails that unit only; the exit status is non-zero if any failed.\n"
    "Every batch records each unit (output, SHA-256, warnings, error) in MANIFEST.jsonl, so\n"
    "that --resume can finish a batch that was stopped. See docs/batch.md and docs/scale.md.\n"
    "\n"
    "Options:\n"
    "  -o, --output PATTERN  output names (.docx or .odt); directories are created\n"
    "  -t, --template FILE   template (DOCX or ODT; one of the other format than the outputs\n"
    "                        is converted once by LibreOffice and cached, as for render);\n"
    "                        default: the shipped one for each unit's \"loai\"\n"
    "  --shared FILE.json    shared data under the units file's own \"chung\"\n"
    "  -j, --jobs N          worker threads, and LibreOffice processes for --pdf (default: the\n"
    "                        number of CPUs)\n"
    "  --pdf                 also convert every document to PDF: one LibreOffice per worker\n"
    "                        (-j), a hung or crashed one killed and its documents retried once\n"
    "  --shard I/N           render only shard I of N (0 ≤ I < N), chosen by the SHA-256 of\n"
    "                        each unit's key (its output path less the pattern's directory)\n"
    "  --shard auto          I and N from a Slurm array (SLURM_ARRAY_TASK_ID - "
    "SLURM_ARRAY_TASK_MIN,\n"
    "                        SLURM_ARRAY_TASK_COUNT) or a Kubernetes Indexed Job\n"
    "                        (JOB_COMPLETION_INDEX, with --shards N)\n"
    "  --shards N            the number of shards, for --shard auto under Kubernetes\n"
    "  --manifest FILE       the manifest (default: MANIFEST.jsonl, or\n"
    "                        MANIFEST-shard-I-of-N.jsonl, in the pattern's directory)\n"
    "  --resume              keep the units the manifest records whose outputs still match;\n"
    "                        render the rest\n"
    "  --checkpoint N        make outputs durable and record them every N units (default 100)\n"
    "                        or every second\n"
    "  --merge-manifests DIR…  render nothing: read every MANIFEST*.jsonl in DIR… (or the\n"
    "                        files given), check each unit's outputs against them, name the\n"
    "                        missing, failed and changed units, write the combined manifest\n"
    "  --progress=json       progress as JSON lines on stderr (phase, done, total, rate, ETA)\n"
    "  --embed-fonts         embed Liberation Serif (metric-compatible with Times New Roman)\n"
    "  --lenient, --issued, --raw, --tone old|new, --allow-outside-pictures   as for vanban\n"
    "                        render (pictures the data names by path are looked for in the\n"
    "                        folder of UNITS)\n"
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

/* The reason a failed unit's summary line gives: its first error, with the
 * rule id to search for. */
static char *with_rule(const char *line, const char *rule) {
  size_t n = strlen(line) + (rule ? strlen(rule) + 3 : 0) + 1;
  char *out = malloc(n);
  if (!out) abort();
  snprintf(out, n, rule ? "%s [%s]" : "%s", line, rule);
  return out;
}

/* The library calls this for every finished unit, one call at a time. */
static int on_unit(void *ud, const vb_batch_unit *u) {
  shown *s = ud;
  unit_result *r = &s->res[u->index];
  r->status = (int)u->status;
  cli_progress_total(s->progress, u->total);
  for (size_t k = 0; k < vb_diags_count(u->diags); k++) {
    const vb_diag *g = vb_diags_get(u->diags, k);
    int err = g->severity == VB_SEV_ERROR;
    char *line = diag_line(g, u->label);
    if (!err) r->warnings++;
    if (err && !r->reason) r->reason = with_rule(line, g->rule);
    if ((!s->quiet || err) && (err || !seen_before(s, line))) {
      /* Framed as vb_diag_text frames it, the rule id last. */
      size_t n = strlen(line) + strlen(u->label) + (g->hint ? strlen(g->hint) : 0) +
                 (g->rule ? strlen(g->rule) : 0) + 160;
      char *msg = malloc(n);
      if (!msg) abort();
      int w = snprintf(msg, n, "vanban: %s: %s: %s", u->label, err ? "lỗi" : "cảnh báo", line);
      if (g->rule) w += snprintf(msg + w, n - (size_t)w, " [%s]", g->rule);
      if (g->hint) w += snprintf(msg + w, n - (size_t)w, "\n  gợi ý: %s", g->hint);
      if (!err && !s->said_once) {
        snprintf(msg + w, n - (size_t)w,
                 "\n  (cảnh báo này lặp lại ở các đơn vị sau thì không in lại nữa)");
        s->said_once = 1;
      }
      cli_progress_print(s->progress, msg);
      free(msg);
    }
    free(line);
  }
  if (u->status != VB_OK && !r->reason) r->reason = strdup("không tạo được (không có thông báo)");
  char status[64];
  if (u->status != VB_OK)
    snprintf(status, sizeof status, "LỖI");
  else if (r->warnings)
    snprintf(status, sizeof status, "xong, %d cảnh báo", r->warnings);
  else
    snprintf(status, sizeof status, "xong");
  cli_progress_item(s->progress, u->output, status);
  return 0;
}

static void pdf_say(void *ud, const char *line) { cli_progress_print(ud, line); }
static void pdf_done(void *ud, size_t done) { cli_progress_set(ud, done); }

/* The PDFs of the documents written (and of those resume kept without
 * theirs), next to them; each recorded in the manifest. */
static int convert_pdfs(vb_batch *b, shown *s, size_t jobs) {
  size_t n = vb_batch_count(b), m = 0;
  const char **docs = calloc(n ? n : 1, sizeof(char *));
  size_t *unit = calloc(n ? n : 1, sizeof(size_t));
  int *ok = calloc(n ? n : 1, sizeof(int));
  if (!docs || !ok || !unit) abort();
  for (size_t i = 0; i < n; i++)
    if (vb_batch_in_shard(b, i) && s->res[i].status == VB_OK && vb_batch_reused(b, i) < 2) {
      unit[m] = i;
      docs[m++] = vb_batch_output(b, i);
    }
  /* A run killed while converting left its staging folders; they go even
   * when this run has nothing left to convert. */
  {
    size_t k = 0;
    const char **all = calloc(n ? n : 1, sizeof(char *));
    if (!all) abort();
    for (size_t i = 0; i < n; i++)
      if (vb_batch_in_shard(b, i) && vb_batch_output(b, i)) all[k++] = vb_batch_output(b, i);
    size_t swept = cli_pdf_sweep(all, k);
    free(all);
    if (swept) {
      char line[160];
      snprintf(line, sizeof line,
               "vanban batch: đã xoá %zu thư mục tạm PDF do một lần chạy bị dừng để lại", swept);
      cli_progress_print(s->progress, line);
    }
  }
  if (!m) {
    free(docs);
    free(unit);
    free(ok);
    return 0;
  }
  cli_progress_phase(s->progress, "pdf", "PDF", m);
  cli_pdf_hooks hooks = {.say = pdf_say, .done = pdf_done, .ud = s->progress};
  int prc = cli_pdf_convert_jobs(docs, m, ok, jobs, &hooks);
  double secs = cli_progress_finish(s->progress);
  size_t pok = 0;
  for (size_t i = 0; i < m; i++) {
    pok += ok[i] != 0;
    vb_batch_record_pdf(b, unit[i], ok[i] ? NULL : "LibreOffice không chuyển được văn bản này");
  }
  vb_diags *d = vb_diags_new();
  if (vb_batch_checkpoint(b, d) != VB_OK) prc = cli_report(d);
  vb_diags_free(d);
  char took[32], per_second[32];
  cli_vi_decimal(took, sizeof took, secs, 2);
  cli_vi_decimal(per_second, sizeof per_second, secs > 0 ? (double)pok / secs : 0.0, 1);
  printf("vanban batch: PDF: đã ghi %zu, %zu lỗi — %s giây, %s văn bản/giây (LibreOffice)\n", pok,
         m - pok, took, per_second);
  for (size_t i = 0; i < m; i++)
    if (!ok[i]) printf("  LỖI PDF của %s [pdf.convert]\n", docs[i]);
  free(docs);
  free(unit);
  free(ok);
  return prc ? VB_EIO : 0;
}

/* --merge-manifests: the manifests of every shard against the unit list. */
static int merge_manifests(vb_batch *b, const char *const *paths, size_t n, const char *out,
                           vb_diags *d) {
  if (!n)
    return cli_usage_error("batch", "usage.argument",
                           "--merge-manifests cần các thư mục (hoặc tệp) sổ kết quả "
                           "(MANIFEST) của các phần");
  vb_batch_merge_report r;
  vb_status st = vb_batch_merge_manifests(b, paths, n, out, &r, d);
  cli_report(d);
  if (st != VB_OK && st != VB_EDATA) return st;
  printf("vanban batch: đã gộp %zu sổ kết quả: %zu xong, %zu thiếu, %zu lỗi, %zu đã đổi, "
         "%zu PDF lỗi — %zu đơn vị; %s\n",
         r.manifests, r.done, r.missing, r.failed, r.changed, r.pdf_failed, vb_batch_count(b), out);
  return st;
}

static int parse_count(const char *s, size_t *out) {
  char *end;
  if (!s || !*s) return -1;
  long long v = strtoll(s, &end, 10);
  if (*end || v < 0 || v > 1000000) return -1;
  *out = (size_t)v;
  return 0;
}

/* --shard I/N or auto: 0 and *count 0 when not sharded, -1 after a usage error. */
static int parse_shard(const char *arg, const char *shards_arg, size_t *index, size_t *count) {
  *index = *count = 0;
  if (shards_arg && (parse_count(shards_arg, count) != 0 || *count < 1)) {
    cli_usage_error("batch", "usage.value", "--shards cần số phần từ 1 trở lên, không phải '%s'",
                    shards_arg);
    return -1;
  }
  if (!arg) {
    if (shards_arg) {
      cli_usage_error("batch", "usage.conflict", "--shards N chỉ dùng cùng --shard auto");
      return -1;
    }
    return 0;
  }
  if (!strcmp(arg, "auto")) {
    const char *id = getenv("SLURM_ARRAY_TASK_ID"), *n = getenv("SLURM_ARRAY_TASK_COUNT");
    const char *min = getenv("SLURM_ARRAY_TASK_MIN"), *k8s = getenv("JOB_COMPLETION_INDEX");
    size_t base = 0;
    if (id && n) {
      if (parse_count(id, index) != 0 || parse_count(n, count) != 0 ||
          (min && parse_count(min, &base) != 0) || *index < base || *index - base >= *count) {
        cli_usage_error("batch", "batch.shard",
                        "--shard auto: SLURM_ARRAY_TASK_ID=%s, SLURM_ARRAY_TASK_MIN=%s và "
                        "SLURM_ARRAY_TASK_COUNT=%s không tạo thành một phần (dùng mảng không "
                        "có bước nhảy, ví dụ sbatch --array=0-15)",
                        id, min ? min : "(chưa đặt)", n);
        return -1;
      }
      *index -= base;
      return 0;
    }
    if (k8s) {
      size_t want = *count;
      if (!shards_arg) {
        cli_usage_error("batch", "batch.shard",
                        "--shard auto trong một Kubernetes Indexed Job cần --shards N "
                        "(số completions của Job)");
        return -1;
      }
      if (parse_count(k8s, index) != 0 || *index >= want) {
        cli_usage_error("batch", "batch.shard",
                        "--shard auto: JOB_COMPLETION_INDEX=%s không phải một phần trong %zu phần",
                        k8s, want);
        return -1;
      }
      return 0;
    }
    cli_usage_error("batch", "batch.shard",
                    "--shard auto: không có SLURM_ARRAY_TASK_ID và SLURM_ARRAY_TASK_COUNT (mảng "
                    "Slurm), cũng không có JOB_COMPLETION_INDEX (Kubernetes Indexed Job); dùng "
                    "--shard I/N");
    return -1;
  }
  const char *slash = strchr(arg, '/');
  char first[32];
  if (!slash || (size_t)(slash - arg) >= sizeof first) goto bad;
  memcpy(first, arg, (size_t)(slash - arg));
  first[slash - arg] = '\0';
  if (parse_count(first, index) != 0 || parse_count(slash + 1, count) != 0 || *count < 1 ||
      *index >= *count)
    goto bad;
  if (shards_arg) {
    cli_usage_error("batch", "usage.conflict",
                    "--shards N chỉ dùng cùng --shard auto, không dùng cùng --shard I/N");
    return -1;
  }
  return 0;
bad:
  cli_usage_error("batch", "usage.value",
                  "--shard nhận I/N với 0 ≤ I < N (ví dụ 0/4 … 3/4) hoặc auto, không phải '%s'",
                  arg);
  return -1;
}

/* The manifest's default name: in the pattern's directory. */
static char *default_manifest(const char *pattern, size_t index, size_t count) {
  const char *brace = strchr(pattern, '{');
  size_t upto = brace ? (size_t)(brace - pattern) : strlen(pattern), base = 0;
  for (size_t i = 0; i < upto; i++)
    if (pattern[i] == '/') base = i + 1;
  size_t n = base + 64;
  char *p = malloc(n);
  if (!p) abort();
  memcpy(p, pattern, base);
  if (count)
    snprintf(p + base, n - base, "MANIFEST-shard-%zu-of-%zu.jsonl", index, count);
  else
    snprintf(p + base, n - base, "MANIFEST.jsonl");
  return p;
}

typedef struct batch_args {
  const char *units_path, *tpl_path, *pattern, *shared_path, *shard_arg, *shards_arg, *manifest_arg;
  const char **merge;
  size_t nmerge;
  long jobs, checkpoint;
  int pdf, embed, quiet, resume, merging, json_progress;
  unsigned data_flags, render_flags;
} batch_args;

static int run_batch(const batch_args *o) {
  const char *units_path = o->units_path, *tpl_path = o->tpl_path, *pattern = o->pattern,
             *shared_path = o->shared_path;
  long jobs = o->jobs;
  int pdf = o->pdf, embed = o->embed, quiet = o->quiet;
  unsigned data_flags = o->data_flags, render_flags = o->render_flags;
  if (!units_path)
    return cli_usage_error("batch", "usage.argument",
                           "thiếu danh sách đơn vị UNITS (.json, .csv, .xlsx hoặc .ods)");
  if (!pattern)
    return cli_usage_error("batch", "usage.argument",
                           "thiếu -o MẪU_TÊN_TỆP, ví dụ -o 'out/{ma_don_vi}-bao-cao.docx'");
  char ext[16];
  snprintf(ext, sizeof ext, "%s", cli_ext(pattern));
  if (strcmp(ext, "docx") && strcmp(ext, "odt"))
    return cli_usage_error("batch", "usage.output-ext",
                           "mẫu tên tệp ra phải có đuôi .docx hoặc .odt: %s", pattern);
  /* A template of the other format is converted once by LibreOffice and
   * cached, as for render (cli/convert.h). */
  char converted[4200];
  if (tpl_path && strcmp(cli_ext(tpl_path), ext)) {
    if (strcmp(cli_ext(tpl_path), "docx") && strcmp(cli_ext(tpl_path), "odt"))
      return cli_usage_error("batch", "usage.output-ext",
                             "tệp ra (.%s) khác định dạng với mẫu %s: dùng mẫu .docx hoặc .odt",
                             ext, tpl_path);
    int rc = cli_template_in_format(tpl_path, ext, quiet, converted, sizeof converted);
    if (rc) return rc;
    tpl_path = converted;
  }

  int status = 0;
  vb_diags *d = vb_diags_new();
  vb_units *units = NULL;
  vb_template *tpl = NULL;
  vb_batch *b = NULL;
  cli_fonts fonts = {0};
  shown s = {0};
  char *manifest = NULL;
  char soffice[4096];
  if (pdf && cli_pdf_find_soffice(soffice, sizeof soffice) != 0) {
    cli_error(NULL, "pdf.soffice", cli_pdf_missing_hint(), "%s", cli_pdf_missing_message());
    status = VB_EIO;
    goto out;
  }
  size_t shard = 0, shards = 0;
  if (parse_shard(o->shard_arg, o->shards_arg, &shard, &shards) != 0) {
    status = VB_EUSAGE;
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
    fprintf(stderr, "vanban: batch: chưa ghi gì; sửa các lỗi nêu ở trên rồi chạy lại\n");
    status = VB_EDATA;
    goto out;
  }
  size_t n = vb_batch_count(b);
  if (shards && vb_batch_set_shard(b, shard, shards, d) != VB_OK) {
    status = cli_report(d);
    goto out;
  }
  manifest = o->manifest_arg ? strdup(o->manifest_arg) : default_manifest(pattern, shard, shards);
  if (!manifest) abort();
  if (o->merging) {
    status = merge_manifests(b, o->merge, o->nmerge, manifest, d);
    goto out;
  }
  size_t in_shard = 0;
  for (size_t i = 0; i < n; i++)
    in_shard += vb_batch_in_shard(b, i) != 0;
  s.res = calloc(n, sizeof(unit_result));
  if (!s.res) abort();
  for (size_t i = 0; i < n; i++)
    s.res[i].status = -1;
  s.quiet = quiet;
  char phase[64], label[64];
  if (shards) {
    snprintf(phase, sizeof phase, "render %zu/%zu", shard, shards);
    snprintf(label, sizeof label, "tạo văn bản, phần %zu/%zu", shard, shards);
  } else {
    snprintf(phase, sizeof phase, "render");
    snprintf(label, sizeof label, "tạo văn bản");
  }
  s.progress = cli_progress_new(in_shard,
                                o->json_progress ? CLI_PROGRESS_JSON
                                : quiet          ? CLI_PROGRESS_QUIET
                                                 : CLI_PROGRESS_AUTO,
                                phase, label);
  vb_batch_set_flags(b, data_flags, render_flags);
  vb_batch_set_jobs(b, (unsigned)jobs);
  if (embed) vb_batch_set_fonts(b, fonts.faces, fonts.n);
  vb_batch_set_progress(b, on_unit, &s);
  vb_batch_set_manifest(b, manifest, (o->resume ? VB_BATCH_RESUME : 0) | (pdf ? VB_BATCH_PDF : 0),
                        (unsigned)o->checkpoint);
  if (vb_batch_run(b, d) != VB_OK && vb_diags_count(d)) {
    cli_progress_finish(s.progress);
    status = cli_report(d);
    fprintf(stderr, "vanban: batch: chưa ghi gì; sửa các lỗi nêu ở trên rồi chạy lại\n");
    goto out;
  }
  double secs = cli_progress_finish(s.progress);

  size_t written = 0, failed = 0, warnings = 0, kept = 0, threads = vb_batch_threads(b);
  for (size_t i = 0; i < n; i++) {
    if (!vb_batch_in_shard(b, i)) continue;
    if (vb_batch_reused(b, i)) {
      kept++;
      s.res[i].status = VB_OK;
      continue;
    }
    warnings += (size_t)s.res[i].warnings;
    if (s.res[i].status == VB_OK)
      written++;
    else {
      failed++;
      if (!status) status = s.res[i].status;
    }
  }
  char extra[160] = "";
  int w = 0;
  if (kept) w += snprintf(extra + w, sizeof extra - (size_t)w, ", giữ lại %zu (--resume)", kept);
  if (shards)
    snprintf(extra + w, sizeof extra - (size_t)w, ", phần %zu/%zu trong %zu đơn vị", shard, shards,
             n);
  char took[32], per_second[32];
  cli_vi_decimal(took, sizeof took, secs, 2);
  cli_vi_decimal(per_second, sizeof per_second, secs > 0 ? (double)written / secs : 0.0, 1);
  printf("vanban batch: đã ghi %zu, %zu cảnh báo, %zu lỗi%s — %zu đơn vị, %zu luồng, %s giây, "
         "%s văn bản/giây\n",
         written, warnings, failed, extra, in_shard, threads, took, per_second);
  for (size_t i = 0; i < n; i++)
    if (vb_batch_in_shard(b, i) && s.res[i].status != VB_OK)
      printf("  LỖI %s → %s: %s\n", vb_batch_label(b, i), vb_batch_output(b, i),
             s.res[i].reason ? s.res[i].reason : "chưa tạo");
  fflush(stdout);
  if (pdf) {
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    int prc = convert_pdfs(b, &s, jobs ? (size_t)jobs : cpus > 0 ? (size_t)cpus : 1);
    if (prc && !status) status = prc;
  }
out:
  free(manifest);
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

int cmd_batch(int argc, char **argv) {
  if (cli_wants_help(argc, argv)) {
    fputs(help, stdout);
    return 0;
  }
  const char *units_path = NULL, *tpl_path = NULL, *pattern = NULL, *shared_path = NULL;
  const char *shard_arg = NULL, *shards_arg = NULL, *manifest_arg = NULL;
  const char **merge = calloc((size_t)argc, sizeof(char *));
  if (!merge) abort();
  size_t nmerge = 0;
  long jobs = 0, checkpoint = 0;
  int pdf = 0, embed = 0, quiet = 0, resume = 0, merging = 0, json_progress = 0;
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
      if (*end || jobs < 1 || jobs > 256) {
        free(merge);
        return cli_usage_error("batch", "usage.value",
                               "-j cần số luồng từ 1 đến 256, không phải '%s'", v);
      }
    } else if (!strcmp(a, "--pdf"))
      pdf = 1;
    else if (!strcmp(a, "--shard") && i + 1 < argc)
      shard_arg = argv[++i];
    else if (!strcmp(a, "--shards") && i + 1 < argc)
      shards_arg = argv[++i];
    else if (!strcmp(a, "--manifest") && i + 1 < argc)
      manifest_arg = argv[++i];
    else if (!strcmp(a, "--resume"))
      resume = 1;
    else if (!strcmp(a, "--checkpoint") && i + 1 < argc) {
      char *end;
      checkpoint = strtol(argv[++i], &end, 10);
      if (*end || checkpoint < 1 || checkpoint > 1000000)
        return free(merge),
               cli_usage_error("batch", "usage.value",
                               "--checkpoint cần một số đơn vị, không phải '%s'", argv[i]);
    } else if (!strcmp(a, "--merge-manifests"))
      merging = 1;
    else if (!strcmp(a, "--progress=json"))
      json_progress = 1;
    else if (!strcmp(a, "--embed-fonts"))
      embed = 1;
    else if (!strcmp(a, "--lenient"))
      render_flags |= VB_RENDER_LENIENT;
    else if (!strcmp(a, "--allow-outside-pictures"))
      render_flags |= VB_RENDER_PICTURES_ANYWHERE;
    else if (!strcmp(a, "--issued"))
      data_flags |= VB_DATA_ISSUED;
    else if (!strcmp(a, "--raw"))
      data_flags |= VB_DATA_RAW;
    else if (!strcmp(a, "--tone") && i + 1 < argc) {
      if (cli_parse_tone("batch", argv[++i], &data_flags) != 0) return VB_EUSAGE;
    } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet"))
      quiet = 1;
    else if (a[0] == '-' && a[1])
      return free(merge), cli_unknown_option("batch", a, help);
    else if (!units_path)
      units_path = a;
    else if (merging)
      merge[nmerge++] = a;
    else
      return free(merge), cli_usage_error("batch", "usage.argument",
                                          "đối số thừa '%s': batch nhận một danh sách đơn vị", a);
  }
  int rc =
      run_batch(&(batch_args){units_path, tpl_path, pattern, shared_path, shard_arg, shards_arg,
                              manifest_arg, merge, nmerge, jobs, checkpoint, pdf, embed, quiet,
                              resume, merging, json_progress, data_flags, render_flags});
  free(merge);
  return rc;
}
