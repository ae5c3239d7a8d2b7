/* `vanban serve`: batches on the page — a unit list (and the page's data as
 * what the units share) gives one document per unit (and its PDF, on
 * request), made on a thread of its
 * own while the page polls the progress, can be cancelled, and ends as a ZIP
 * held in memory: the batch's private directory is removed as soon as the
 * ZIP is made (or the batch fails or is cancelled). A finished batch is
 * forgotten after BATCH_KEEP seconds, or when the server stops. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/pdf.h"
#include "cli/serve.h"

enum { MAX_BATCHES = 2, BATCH_KEEP = 600 };

typedef enum batch_state { RUNNING, DONE, FAILED, CANCELLED } batch_state;

typedef struct batch_job {
  char id[33];
  char dir[4096];
  pthread_t thread;
  vb_units *units;
  vb_batch *batch;
  atomic_size_t done, total;
  atomic_int cancel;
  int pdf;               /* each document's PDF too */
  atomic_int converting; /* the PDF phase has begun */
  atomic_size_t pdf_done, pdf_total;
  atomic_size_t pdf_failed;
  batch_state state;  /* under lock */
  time_t finished;    /* under lock */
  serve_buf failures; /* JSON objects, comma separated; under lock */
  size_t nfailed;
  void *zip;
  size_t zip_len;
} batch_job;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static batch_job *jobs[MAX_BATCHES];

static void job_free(batch_job *j) {
  if (!j) return;
  vb_batch_free(j->batch);
  vb_units_free(j->units);
  serve_tmpdir_remove(j->dir);
  sb_free(&j->failures);
  free(j->zip);
  free(j);
}

/* Forget finished batches nobody fetched in time. Called under lock. */
static void sweep(void) {
  time_t now = time(NULL);
  for (int i = 0; i < MAX_BATCHES; i++) {
    batch_job *j = jobs[i];
    if (j && j->state != RUNNING && now - j->finished > BATCH_KEEP) {
      pthread_join(j->thread, NULL);
      job_free(j);
      jobs[i] = NULL;
    }
  }
}

static batch_job *find(const char *id) {
  for (int i = 0; id && i < MAX_BATCHES; i++)
    if (jobs[i] && !strcmp(jobs[i]->id, id)) return jobs[i];
  return NULL;
}

static int on_unit(void *ud, const vb_batch_unit *u) {
  batch_job *j = ud;
  atomic_store(&j->done, u->done);
  if (u->status != VB_OK) {
    pthread_mutex_lock(&lock);
    if (j->nfailed++ < 50) {
      serve_buf *b = &j->failures;
      if (b->len) sb_puts(b, ",");
      sb_puts(b, "{\"unit\":");
      sb_json_str(b, u->label);
      sb_puts(b, ",\"diagnostics\":");
      sb_json_diags(b, u->diags);
      sb_puts(b, "}");
    }
    pthread_mutex_unlock(&lock);
  }
  return atomic_load(&j->cancel);
}

static void pdf_say(void *ud, const char *line) { (void)ud, (void)line; }
static void pdf_done(void *ud, size_t done) {
  batch_job *j = ud;
  atomic_store(&j->pdf_done, done);
}
static int pdf_cancelled(void *ud) {
  batch_job *j = ud;
  return atomic_load(&j->cancel);
}

/* The PDF of every document the batch wrote, next to it (so in the ZIP); the
 * documents LibreOffice could not convert are counted, not fatal. */
static void convert_pdfs(batch_job *j) {
  size_t n = vb_batch_count(j->batch), m = 0;
  const char **docs = calloc(n ? n : 1, sizeof *docs);
  int *ok = calloc(n ? n : 1, sizeof *ok);
  if (!docs || !ok) abort();
  for (size_t i = 0; i < n; i++) {
    const char *out = vb_batch_output(j->batch, i);
    if (out && access(out, F_OK) == 0) docs[m++] = out;
  }
  atomic_store(&j->pdf_total, m);
  atomic_store(&j->converting, 1);
  cli_pdf_hooks hooks = {.say = pdf_say, .done = pdf_done, .cancelled = pdf_cancelled, .ud = j};
  cli_pdf_convert_jobs(docs, m, ok, 1, &hooks);
  size_t failed = 0;
  for (size_t i = 0; i < m; i++)
    failed += !ok[i];
  atomic_store(&j->pdf_failed, failed);
  atomic_store(&j->pdf_done, m - failed);
  free(docs);
  free(ok);
}

static void *run(void *arg) {
  batch_job *j = arg;
  vb_diags *d = vb_diags_new();
  vb_status st = vb_batch_run(j->batch, d);
  batch_state end = CANCELLED;
  void *zip = NULL;
  size_t len = 0;
  if (j->pdf && !atomic_load(&j->cancel)) convert_pdfs(j);
  if (!atomic_load(&j->cancel)) {
    char out[4200];
    snprintf(out, sizeof out, "%s/out", j->dir);
    /* The units that were made go in the ZIP even when others failed. */
    end = vb_pack_memory(out, &zip, &len, d) == VB_OK ? DONE : FAILED;
    (void)st;
  }
  serve_tmpdir_remove(j->dir); /* nothing of the batch stays on disk */
  pthread_mutex_lock(&lock);
  j->zip = zip;
  j->zip_len = len;
  j->state = end;
  j->finished = time(NULL);
  pthread_mutex_unlock(&lock);
  vb_diags_free(d);
  return NULL;
}

static int random_id(char out[33]) {
  unsigned char r[16];
  FILE *f = fopen("/dev/urandom", "rb");
  if (!f || fread(r, 1, sizeof r, f) != sizeof r) {
    if (f) fclose(f);
    return -1;
  }
  fclose(f);
  for (int i = 0; i < 16; i++)
    snprintf(out + 2 * i, 3, "%02x", r[i]);
  return 0;
}

static int units_ext(const char *ext) {
  return !strcmp(ext, "json") || !strcmp(ext, "csv") || !strcmp(ext, "tsv") ||
         !strcmp(ext, "xlsx") || !strcmp(ext, "ods") || !strcmp(ext, "fods");
}

static void status_json(serve_buf *b, batch_job *j) {
  static const char *const names[] = {"running", "done", "failed", "cancelled"};
  sb_puts(b, "{\"id\":");
  sb_json_str(b, j->id);
  sb_printf(b, ",\"state\":\"%s\",\"done\":%zu,\"total\":%zu,\"failed\":%zu,", names[j->state],
            atomic_load(&j->done), atomic_load(&j->total), j->nfailed);
  if (j->pdf)
    sb_printf(b, "\"pdf\":{\"phase\":%s,\"done\":%zu,\"total\":%zu,\"failed\":%zu},",
              atomic_load(&j->converting) ? "true" : "false", atomic_load(&j->pdf_done),
              atomic_load(&j->pdf_total), atomic_load(&j->pdf_failed));
  sb_puts(b, "\"failures\":[");
  if (j->failures.data) sb_puts(b, j->failures.data);
  sb_printf(b, "],\"zip_bytes\":%zu}\n", j->zip_len);
}

void serve_batch_start(const serve_request *r, serve_response *res) {
  const serve_part *up = serve_part_get(r, "units");
  const serve_part *sp = serve_part_get(r, "shared");
  const serve_part *fp = serve_part_get(r, "format");
  const serve_part *pp = serve_part_get(r, "pdf");
  int odt = fp && fp->body.data && !strcmp(fp->body.data, "odt");
  int pdf = pp && pp->body.data && !strcmp(pp->body.data, "1");
  if (!up || !up->body.len || !units_ext(up->ext)) {
    serve_error(res, 400, NULL,
                "Chọn danh sách đơn vị .csv, .xlsx, .ods hoặc .json (docs/batch.md).",
                "Cần danh sách đơn vị.");
    return;
  }
  char soffice[4096];
  if (pdf && cli_pdf_find_soffice(soffice, sizeof soffice) != 0) {
    serve_error(res, 501, NULL, cli_pdf_missing_hint(), "Máy chủ chưa có LibreOffice để làm PDF.");
    return;
  }
  pthread_mutex_lock(&lock);
  sweep();
  int slot = -1;
  for (int i = 0; i < MAX_BATCHES && slot < 0; i++)
    if (!jobs[i]) slot = i;
  int free_slot = slot;
  /* Only running batches count: a finished one nobody fetched yet gives
   * way to a new one, the oldest first. */
  for (int i = 0; free_slot < 0 && i < MAX_BATCHES; i++)
    if (jobs[i]->state != RUNNING && (slot < 0 || jobs[i]->finished < jobs[slot]->finished))
      slot = i;
  if (slot >= 0 && jobs[slot]) {
    pthread_join(jobs[slot]->thread, NULL);
    job_free(jobs[slot]);
    jobs[slot] = NULL;
  }
  pthread_mutex_unlock(&lock);
  if (slot < 0) {
    serve_error(res, 503, NULL, "Chờ một lô xong (hoặc hủy nó) rồi thử lại.",
                "Đã có %d lô văn bản đang làm.", MAX_BATCHES);
    res->retry_after = 30;
    return;
  }
  batch_job *j = calloc(1, sizeof *j);
  vb_diags *d = vb_diags_new();
  char units[4200], shared[4200], name[32], pattern[4300];
  snprintf(name, sizeof name, "don-vi.%s", up->ext);
  if (!j || random_id(j->id) != 0 || serve_tmpdir_new(j->dir, sizeof j->dir) != 0 ||
      serve_tmp_write(j->dir, name, up->body.data, up->body.len, units, sizeof units) != 0 ||
      (sp && sp->body.len &&
       serve_tmp_write(j->dir, "du-lieu-chung.json", sp->body.data, sp->body.len, shared,
                       sizeof shared) != 0)) {
    serve_error(res, 500, NULL, NULL, "Không tạo được thư mục tạm cho lô văn bản.");
    goto fail;
  }
  j->units = vb_units_load(units, sp && sp->body.len ? shared : NULL, d);
  if (!j->units) {
    serve_error(res, 422, d, "Sửa danh sách đơn vị rồi thử lại (docs/batch.md).",
                "Không đọc được danh sách đơn vị.");
    goto fail;
  }
  /* Files named by the unit's code when every unit has one, else by number. */
  const char *ext = odt ? "odt" : "docx";
  snprintf(pattern, sizeof pattern, "%s/out/{ma_don_vi}.%s", j->dir, ext);
  vb_diags *probe = vb_diags_new();
  j->batch = vb_batch_new(j->units, pattern, NULL, probe);
  vb_diags_free(probe);
  if (!j->batch) {
    snprintf(pattern, sizeof pattern, "%s/out/{#}.%s", j->dir, ext);
    j->batch = vb_batch_new(j->units, pattern, NULL, d);
  }
  if (!j->batch) {
    serve_error(res, 422, d,
                "Mỗi đơn vị cần \"loai\" (bao-cao, thong-bao), trong dữ liệu chung "
                "hoặc của riêng đơn vị.",
                "Không lập được lô văn bản.");
    goto fail;
  }
  j->pdf = pdf;
  vb_batch_set_jobs(j->batch, 1); /* a batch shares the machine with the page's requests */
  vb_batch_set_progress(j->batch, on_unit, j);
  atomic_store(&j->total, vb_batch_count(j->batch));
  j->state = RUNNING;
  pthread_mutex_lock(&lock);
  if (jobs[slot]) { /* taken meanwhile */
    pthread_mutex_unlock(&lock);
    serve_error(res, 503, NULL, "Thử lại sau ít giây.", "Đã có %d lô văn bản đang làm.",
                MAX_BATCHES);
    res->retry_after = 30;
    goto fail;
  }
  if (pthread_create(&j->thread, NULL, run, j) != 0) {
    pthread_mutex_unlock(&lock);
    serve_error(res, 500, NULL, NULL, "Không chạy được lô văn bản.");
    goto fail;
  }
  jobs[slot] = j;
  res->status = 202;
  res->type = "application/json; charset=utf-8";
  status_json(&res->body, j);
  pthread_mutex_unlock(&lock);
  vb_diags_free(d);
  return;
fail:
  job_free(j);
  vb_diags_free(d);
}

void serve_batch_status(const serve_request *r, serve_response *res, int cancel) {
  pthread_mutex_lock(&lock);
  sweep();
  batch_job *j = find(r->query_id);
  if (!j) {
    pthread_mutex_unlock(&lock);
    serve_error(res, 404, NULL, "Lô văn bản đã xong quá lâu hoặc máy chủ đã khởi động lại.",
                "Không có lô văn bản này.");
    return;
  }
  if (cancel) atomic_store(&j->cancel, 1);
  res->status = 200;
  res->type = "application/json; charset=utf-8";
  status_json(&res->body, j);
  pthread_mutex_unlock(&lock);
}

void serve_batch_zip(const serve_request *r, serve_response *res) {
  pthread_mutex_lock(&lock);
  batch_job *j = find(r->query_id);
  if (!j || j->state != DONE) {
    pthread_mutex_unlock(&lock);
    serve_error(res, 404, NULL, NULL, "Lô văn bản này chưa xong hoặc không có.");
    return;
  }
  sb_put(&res->body, j->zip, j->zip_len);
  pthread_mutex_unlock(&lock);
  res->status = 200;
  res->type = "application/zip";
  snprintf(res->filename, sizeof res->filename, "van-ban.zip");
}

void serve_batch_shutdown(void) {
  pthread_mutex_lock(&lock);
  for (int i = 0; i < MAX_BATCHES; i++)
    if (jobs[i]) atomic_store(&jobs[i]->cancel, 1);
  pthread_mutex_unlock(&lock);
  for (int i = 0; i < MAX_BATCHES; i++) {
    if (!jobs[i]) continue;
    pthread_join(jobs[i]->thread, NULL);
    job_free(jobs[i]);
    jobs[i] = NULL;
  }
}
