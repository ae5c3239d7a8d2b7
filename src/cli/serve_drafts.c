/* `vanban serve --data-dir DIR`: drafts saved on the server, for an office
 * machine that keeps the UBND's reports. Layout: DIR/ban-nhap/NAME.json, one
 * data file per save, NAME made by the server from the time of the save and a
 * random part (20261205-180300-1a2b3c4d), never from the client; each file is
 * written atomically (vb_file_write: a temporary file, flushed, renamed), so a
 * crash leaves every saved file whole. Without --data-dir nothing is kept. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/serve.h"

enum { MAX_LISTED = 200 };

int serve_drafts_ready(const serve_config *cfg) {
  char dir[4200];
  if (!cfg->data_dir) return 0;
  snprintf(dir, sizeof dir, "%s/ban-nhap", cfg->data_dir);
  if (mkdir(cfg->data_dir, 0700) != 0 && errno != EEXIST) return -1;
  if (mkdir(dir, 0700) != 0 && errno != EEXIST) return -1;
  struct stat st;
  return stat(dir, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
}

/* A name the server made: 8 digits, '-', 6 digits, '-', 8 hex digits. */
static int draft_name_ok(const char *s) {
  if (!s || strlen(s) != 24) return 0;
  for (int i = 0; i < 24; i++) {
    char c = s[i];
    int ok = i == 8 || i == 15 ? c == '-'
             : i < 15          ? (c >= '0' && c <= '9')
                               : ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    if (!ok) return 0;
  }
  return 1;
}

static void no_drafts(serve_response *res) {
  serve_error(res, 404, NULL, "Khởi động máy chủ với --data-dir THƯ-MỤC để lưu bản nháp.",
              "Máy chủ này không lưu bản nháp.");
}

void serve_drafts_save(const serve_request *r, serve_response *res) {
  const serve_config *cfg = r->cfg;
  if (!cfg->data_dir) {
    no_drafts(res);
    return;
  }
  const serve_part *p = serve_part_get(r, "data");
  if (!p || !p->body.len) {
    serve_error(res, 400, NULL, NULL, "Thiếu dữ liệu văn bản (trường 'data').");
    return;
  }
  /* Only a data file vanban reads is kept. */
  vb_diags *d = vb_diags_new();
  vb_data *data = vb_data_load_memory(p->body.data, p->body.len, "du-lieu.json", VB_DATA_RAW, d);
  if (!data) {
    serve_error(res, 422, d, "Sửa các chỗ được đánh dấu rồi lưu lại.", "Dữ liệu có lỗi cú pháp.");
    vb_diags_free(d);
    return;
  }
  vb_data_free(data);
  unsigned char rnd[4] = {0};
  FILE *f = fopen("/dev/urandom", "rb");
  if (f) {
    if (fread(rnd, 1, sizeof rnd, f) != sizeof rnd) rnd[0] = 0;
    fclose(f);
  }
  time_t now = time(NULL);
  struct tm tm;
  localtime_r(&now, &tm);
  char name[32], path[4300];
  strftime(name, sizeof name, "%Y%m%d-%H%M%S", &tm);
  snprintf(name + 15, sizeof name - 15, "-%02x%02x%02x%02x", rnd[0], rnd[1], rnd[2], rnd[3]);
  snprintf(path, sizeof path, "%s/ban-nhap/%s.json", cfg->data_dir, name);
  vb_diags_clear(d);
  if (vb_file_write(path, p->body.data, p->body.len, d) != VB_OK) {
    serve_error(res, 500, d, "Kiểm tra thư mục --data-dir còn chỗ và ghi được.",
                "Không lưu được bản nháp.");
  } else {
    res->status = 200;
    res->type = "application/json; charset=utf-8";
    sb_printf(&res->body, "{\"ten\":\"%s\"}\n", name);
  }
  vb_diags_free(d);
}

static int newest_first(const void *a, const void *b) {
  return -strcmp(*(char *const *)a, *(char *const *)b);
}

void serve_drafts_list(const serve_request *r, serve_response *res) {
  const serve_config *cfg = r->cfg;
  res->status = 200;
  res->type = "application/json; charset=utf-8";
  if (!cfg->data_dir) {
    sb_puts(&res->body, "[]\n");
    return;
  }
  char dir[4200];
  snprintf(dir, sizeof dir, "%s/ban-nhap", cfg->data_dir);
  char *names[1024];
  size_t n = 0;
  DIR *dp = opendir(dir);
  struct dirent *e;
  while (dp && (e = readdir(dp)) != NULL && n < sizeof names / sizeof names[0]) {
    size_t len = strlen(e->d_name);
    if (len != 29 || strcmp(e->d_name + 24, ".json")) continue;
    char base[25];
    memcpy(base, e->d_name, 24);
    base[24] = '\0';
    if (draft_name_ok(base)) names[n++] = strdup(base);
  }
  if (dp) closedir(dp);
  qsort(names, n, sizeof names[0], newest_first);
  sb_puts(&res->body, "[");
  for (size_t i = 0; i < n; i++) {
    if (i < MAX_LISTED) sb_printf(&res->body, "%s\"%s\"", i ? "," : "", names[i]);
    free(names[i]);
  }
  sb_puts(&res->body, "]\n");
}

void serve_drafts_get(const serve_request *r, serve_response *res) {
  const serve_config *cfg = r->cfg;
  if (!cfg->data_dir) {
    no_drafts(res);
    return;
  }
  char path[4300];
  if (!draft_name_ok(r->query_ten)) {
    serve_error(res, 404, NULL, NULL, "Không có bản nháp này.");
    return;
  }
  snprintf(path, sizeof path, "%s/ban-nhap/%s.json", cfg->data_dir, r->query_ten);
  if (serve_read_file(path, cfg->max_request, &res->body) != 0) {
    sb_free(&res->body);
    serve_error(res, 404, NULL, NULL, "Không có bản nháp này.");
    return;
  }
  res->status = 200;
  res->type = "application/json; charset=utf-8";
}
