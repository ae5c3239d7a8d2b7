/* `vanban serve`: what each address answers. Every document is made by the
 * library (vanban.h); files a call needs on disk are written under a private
 * temporary directory with names the server chooses, and the directory is
 * removed before the answer goes out. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/pdf.h"
#include "cli/serve.h"
#include "cli/serve_assets.h"

static const serve_asset *asset(const char *name) {
  for (const serve_asset *a = serve_assets; a->name; a++)
    if (!strcmp(a->name, name)) return a;
  return NULL;
}

static const char *mime(const char *name) {
  const char *dot = strrchr(name, '.');
  if (!dot) return "application/octet-stream";
  if (!strcmp(dot, ".html")) return "text/html; charset=utf-8";
  if (!strcmp(dot, ".js")) return "text/javascript; charset=utf-8";
  if (!strcmp(dot, ".css")) return "text/css; charset=utf-8";
  if (!strcmp(dot, ".svg")) return "image/svg+xml";
  if (!strcmp(dot, ".json")) return "application/json; charset=utf-8";
  if (!strcmp(dot, ".docx"))
    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  if (!strcmp(dot, ".odt")) return "application/vnd.oasis.opendocument.text";
  if (!strcmp(dot, ".pdf")) return "application/pdf";
  return "application/octet-stream";
}

static void json_ok(serve_response *res) {
  res->status = 200;
  res->type = "application/json; charset=utf-8";
}

/* ---- the page and the samples ---------------------------------------------- */

static void page(const serve_request *r, serve_response *res) {
  const serve_asset *a = asset("web/index.html");
  /* The page carries this run's CSRF token, for its script to send back. */
  const char *mark = "@CSRF@";
  const char *at = a ? strstr((const char *)a->data, mark) : NULL;
  if (!at) {
    serve_error(res, 500, NULL, NULL, "Trang web bị thiếu trong bản vanban này.");
    return;
  }
  size_t pre = (size_t)(at - (const char *)a->data);
  sb_put(&res->body, a->data, pre);
  sb_puts(&res->body, r->cfg->csrf);
  sb_puts(&res->body, at + strlen(mark));
  res->status = 200;
  res->type = "text/html; charset=utf-8";
}

static void samples(serve_response *res) {
  json_ok(res);
  sb_puts(&res->body, "[");
  int first = 1;
  for (const serve_asset *a = serve_assets; a->name; a++) {
    if (strncmp(a->name, "samples/", 8)) continue;
    vb_diags *d = vb_diags_new();
    vb_data *data = vb_data_load_memory((const char *)a->data, a->len, a->name, 0, d);
    const char *kind = data ? vb_data_template_name(data) : NULL;
    char id[96];
    snprintf(id, sizeof id, "%.*s", (int)(strlen(a->name + 8) - 5), a->name + 8);
    if (!first) sb_puts(&res->body, ",");
    first = 0;
    sb_puts(&res->body, "{\"ten\":");
    sb_json_str(&res->body, id);
    sb_puts(&res->body, ",\"loai\":");
    sb_json_str(&res->body, kind);
    sb_puts(&res->body, "}");
    vb_data_free(data);
    vb_diags_free(d);
  }
  sb_puts(&res->body, "]\n");
}

static void sample(const serve_request *r, serve_response *res) {
  char name[128];
  const serve_asset *a = NULL;
  if (r->query_ten && strlen(r->query_ten) < 96 && !strchr(r->query_ten, '/')) {
    snprintf(name, sizeof name, "samples/%s.json", r->query_ten);
    a = asset(name);
  }
  if (!a) {
    serve_error(res, 404, NULL, "Chọn một mẫu trong danh sách.", "Không có mẫu '%s'.",
                r->query_ten ? r->query_ten : "");
    return;
  }
  json_ok(res);
  res->static_body = a->data;
  res->static_len = a->len;
}

/* ---- data from the page ---------------------------------------------------- */

/* The "data" field, loaded with the model; NULL with a 422 answer. */
static vb_data *page_data(const serve_request *r, serve_response *res, const char *field,
                          unsigned flags, vb_diags *d) {
  const serve_part *p = serve_part_get(r, field);
  if (!p || !p->body.len) {
    serve_error(res, 400, NULL, NULL, "Thiếu dữ liệu văn bản (trường '%s').", field);
    return NULL;
  }
  vb_data *data = vb_data_load_memory(p->body.data, p->body.len, "du-lieu.json", flags, d);
  if (!data)
    serve_error(res, 422, d, "Sửa các chỗ được đánh dấu rồi thử lại.", "Dữ liệu có lỗi.");
  else if (!vb_data_template_name(data)) {
    serve_error(res, 422, NULL, "Dữ liệu cần \"loai\": \"bao-cao\" hoặc \"thong-bao\".",
                "Không biết đây là BÁO CÁO hay THÔNG BÁO.");
    vb_data_free(data);
    data = NULL;
  }
  return data;
}

static int want_format(const serve_request *r, const char *field, const char *dflt) {
  const serve_part *p = serve_part_get(r, field);
  const char *f = p && p->body.data ? p->body.data : dflt;
  if (!strcmp(f, "docx")) return 'd';
  if (!strcmp(f, "odt")) return 'o';
  if (!strcmp(f, "pdf")) return 'p';
  return 0;
}

static int flag_on(const serve_request *r, const char *field) {
  const serve_part *p = serve_part_get(r, field);
  return p && p->body.data && (!strcmp(p->body.data, "1") || !strcmp(p->body.data, "true"));
}

typedef struct pdf_say {
  serve_buf *msg;
} pdf_say;

static void on_pdf_say(void *ud, const char *line) {
  serve_buf *b = ud;
  if (b->len) sb_puts(b, "; ");
  sb_puts(b, line);
}

/* Convert dir/name (a document) to PDF with LibreOffice, next to it; the
 * PDF's bytes in out unless it is NULL. 0 ok; otherwise the answer says why. */
static int to_pdf(const char *doc, serve_buf *out, serve_response *res) {
  char soffice[4096];
  if (cli_pdf_find_soffice(soffice, sizeof soffice) != 0) {
    serve_error(res, 501, NULL, cli_pdf_missing_hint(), "Máy chủ chưa có LibreOffice để làm PDF.");
    return -1;
  }
  serve_buf msg = {0};
  cli_pdf_hooks hooks = {.say = on_pdf_say, .ud = &msg};
  int ok = 0;
  char pdf[4200];
  cli_pdf_path(doc, pdf, sizeof pdf);
  if (cli_pdf_convert(&doc, 1, &ok, &hooks) != 0 || !ok ||
      (out && serve_read_file(pdf, (size_t)1 << 30, out) != 0)) {
    serve_error(res, 500, NULL, msg.len ? msg.data : NULL,
                "LibreOffice không chuyển được văn bản sang PDF.");
    sb_free(&msg);
    return -1;
  }
  sb_free(&msg);
  return 0;
}

/* ---- check ------------------------------------------------------------------ */

/* Append json with every "DIR/" taken out: the answer names the files as the
 * page knows them (du-lieu.json), not where the server kept them. */
static void put_without_dir(serve_buf *b, const char *json, const char *dir) {
  size_t n = strlen(dir);
  for (const char *p = json; *p;) {
    const char *at = strstr(p, dir);
    if (!at || at[n] != '/') {
      sb_puts(b, p);
      return;
    }
    sb_put(b, p, (size_t)(at - p));
    p = at + n + 1;
  }
}

static void check(const serve_request *r, serve_response *res, const char *tmp) {
  const serve_part *p = serve_part_get(r, "data");
  if (!p || !p->body.len) {
    serve_error(res, 400, NULL, NULL, "Thiếu dữ liệu văn bản (trường 'data').");
    return;
  }
  char path[4200];
  if (serve_tmp_write(tmp, "du-lieu.json", p->body.data, p->body.len, path, sizeof path) != 0) {
    serve_error(res, 500, NULL, NULL, "Không ghi được tệp tạm.");
    return;
  }
  vb_diags *d = vb_diags_new();
  vb_check *c = vb_check_file(path, NULL, d);
  char *json = c ? vb_check_json(c) : NULL;
  json_ok(res);
  sb_puts(&res->body, "{\"diagnostics\":");
  sb_json_diags(&res->body, d);
  sb_puts(&res->body, ",\"check\":");
  sb_puts(&res->body, json ? json : "null");
  sb_puts(&res->body, "}\n");
  free(json);
  vb_check_free(c);
  vb_diags_free(d);
}

/* ---- render ----------------------------------------------------------------- */

/* The document the page's data makes with its shipped template (ODT or
 * DOCX), malloc'd; NULL when it cannot be made, and the answer says why. */
static void *render_data(vb_data *data, int odt, size_t *len, serve_response *res, vb_diags *d) {
  void *out = NULL;
  vb_template *t = vb_template_open_shipped(vb_data_template_name(data),
                                            odt ? VB_FORMAT_ODT : VB_FORMAT_DOCX, 0, d);
  if (!t || vb_render_memory(t, data, 0, &out, len, d) != VB_OK) {
    serve_error(res, 422, d, "Sửa các chỗ được đánh dấu rồi thử lại.",
                "Không tạo được văn bản từ dữ liệu này.");
    free(out);
    out = NULL;
  }
  vb_template_free(t);
  return out;
}

static void render(const serve_request *r, serve_response *res, const char *tmp) {
  int fmt = want_format(r, "format", "docx");
  if (!fmt) {
    serve_error(res, 400, NULL, NULL, "Định dạng phải là docx, odt hoặc pdf.");
    return;
  }
  vb_diags *d = vb_diags_new();
  /* "nhap": a draft, as `render --nhap` makes it: an impossible figure or a
   * blank left to fill is printed as given, the first page says DỰ THẢO. */
  unsigned flags =
      (flag_on(r, "issued") ? VB_DATA_ISSUED : 0) | (flag_on(r, "nhap") ? VB_DATA_DRAFT : 0);
  vb_data *data = page_data(r, res, "data", flags, d);
  void *out = NULL;
  size_t len = 0;
  if (!data || !(out = render_data(data, fmt == 'o', &len, res, d))) goto done;
  const char *kind = vb_data_template_name(data);
  const char *ext = fmt == 'o' ? "odt" : fmt == 'p' ? "pdf" : "docx";
  snprintf(res->filename, sizeof res->filename, "%s.%s", kind, ext);
  res->status = 200;
  res->type = mime(res->filename);
  if (fmt == 'p') {
    char doc[4200];
    if (serve_tmp_write(tmp, "van-ban.docx", out, len, doc, sizeof doc) != 0) {
      serve_error(res, 500, NULL, NULL, "Không ghi được tệp tạm.");
      goto done;
    }
    if (to_pdf(doc, &res->body, res) != 0) goto done;
  } else {
    sb_put(&res->body, out, len);
  }
done:
  free(out);
  vb_data_free(data);
  vb_diags_free(d);
}

/* ---- preview: the pages as images ------------------------------------------ */

enum { PREVIEW_DPI = 60, PREVIEW_MAX_PAGES = 60 };

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The document as the page would download it, through LibreOffice to PDF
 * and pdftoppm to one PNG per page (the names are zero-padded, so their
 * order is the pages'): {"pages": n, "dpi": …, "images": [base64 PNG…]}. */
static void preview(const serve_request *r, serve_response *res, const char *tmp) {
  vb_diags *d = vb_diags_new();
  unsigned flags =
      (flag_on(r, "issued") ? VB_DATA_ISSUED : 0) | (flag_on(r, "nhap") ? VB_DATA_DRAFT : 0);
  vb_data *data = page_data(r, res, "data", flags, d);
  void *out = NULL;
  size_t len = 0, n = 0;
  char **names = NULL;
  char doc[4200], pdf[4200], prefix[4200];
  if (!data) goto done;
  if (cli_pdf_find_pdftoppm(doc, sizeof doc) != 0) {
    serve_error(res, 501, NULL,
                "Cài poppler-utils (apt-get install poppler-utils) trên máy chủ; trang sẽ hiện "
                "bản PDF thay cho ảnh.",
                "Máy chủ chưa có pdftoppm để làm ảnh các trang.");
    goto done;
  }
  if (!(out = render_data(data, 0, &len, res, d))) goto done;
  if (serve_tmp_write(tmp, "van-ban.docx", out, len, doc, sizeof doc) != 0) {
    serve_error(res, 500, NULL, NULL, "Không ghi được tệp tạm.");
    goto done;
  }
  if (to_pdf(doc, NULL, res) != 0) goto done;
  cli_pdf_path(doc, pdf, sizeof pdf);
  snprintf(prefix, sizeof prefix, "%s/trang", tmp);
  int rc = cli_pdf_page_images(pdf, prefix, PREVIEW_DPI, PREVIEW_MAX_PAGES);
  DIR *dir = rc == 0 ? opendir(tmp) : NULL;
  if (!dir) {
    serve_error(res, 500, NULL, NULL, "Không làm được ảnh các trang từ bản PDF.");
    goto done;
  }
  struct dirent *e;
  while ((e = readdir(dir))) {
    size_t l = strlen(e->d_name);
    if (strncmp(e->d_name, "trang-", 6) || l < 11 || strcmp(e->d_name + l - 4, ".png")) continue;
    char **grown = realloc(names, (n + 1) * sizeof *names);
    if (!grown || !(grown[n] = strdup(e->d_name))) abort();
    names = grown, n++;
  }
  closedir(dir);
  if (n) qsort(names, n, sizeof *names, by_name);
  json_ok(res);
  sb_printf(&res->body, "{\"pages\":%zu,\"dpi\":%d,\"more\":%s,\"images\":[", n, PREVIEW_DPI,
            n >= PREVIEW_MAX_PAGES ? "true" : "false");
  for (size_t k = 0; k < n; k++) {
    char path[4400];
    serve_buf png = {0};
    snprintf(path, sizeof path, "%s/%s", tmp, names[k]);
    if (serve_read_file(path, (size_t)16 << 20, &png) != 0) {
      sb_free(&png);
      res->body.len = 0;
      serve_error(res, 500, NULL, NULL, "Không đọc được ảnh trang %zu.", k + 1);
      goto done;
    }
    sb_puts(&res->body, k ? ",\"" : "\"");
    sb_base64(&res->body, png.data, png.len);
    sb_puts(&res->body, "\"");
    sb_free(&png);
  }
  sb_puts(&res->body, "]}\n");
done:
  for (size_t k = 0; k < n; k++)
    free(names[k]);
  free(names);
  free(out);
  vb_data_free(data);
  vb_diags_free(d);
}

/* ---- init from a spreadsheet ----------------------------------------------- */

static int sheet_ext(const char *ext) {
  return !strcmp(ext, "xlsx") || !strcmp(ext, "ods") || !strcmp(ext, "fods") ||
         !strcmp(ext, "csv") || !strcmp(ext, "tsv");
}

static void init(const serve_request *r, serve_response *res, const char *tmp) {
  const serve_part *p = serve_part_get(r, "file");
  if (!p || !p->body.len || !sheet_ext(p->ext)) {
    serve_error(res, 400, NULL, "Chọn tệp bảng tính .xlsx, .ods, .fods hoặc .csv.",
                "Cần một tệp bảng tính.");
    return;
  }
  char name[32], path[4200];
  snprintf(name, sizeof name, "bang-tinh.%s", p->ext);
  if (serve_tmp_write(tmp, name, p->body.data, p->body.len, path, sizeof path) != 0) {
    serve_error(res, 500, NULL, NULL, "Không ghi được tệp tạm.");
    return;
  }
  vb_diags *d = vb_diags_new();
  char *json = NULL, *summary = NULL;
  if (vb_init_from_sheet(path, NULL, NULL, VB_INIT_INLINE, &json, &summary, d) != VB_OK) {
    serve_error(res, 422, d,
                "Bảng cần một dòng tiêu đề (TT, Tên chỉ tiêu, Kết quả đạt được, …): "
                "xem docs/spreadsheets.md.",
                "Không tìm thấy bảng chỉ tiêu trong tệp.");
  } else {
    json_ok(res);
    sb_puts(&res->body, "{\"data\":");
    sb_puts(&res->body, json);
    sb_puts(&res->body, ",\"summary\":");
    sb_json_str(&res->body, summary);
    sb_puts(&res->body, ",\"diagnostics\":");
    sb_json_diags(&res->body, d);
    sb_puts(&res->body, "}\n");
  }
  free(json);
  free(summary);
  vb_diags_free(d);
}

/* ---- a document uploaded: update, proofread ---------------------------------- */

/* The "document" field written to tmp as NAME.docx or NAME.odt; 0 ok. */
static int uploaded_document(const serve_request *r, serve_response *res, const char *tmp,
                             const char *base, char *path, size_t pathlen, const char **ext) {
  const serve_part *p = serve_part_get(r, "document");
  if (!p || !p->body.len || (strcmp(p->ext, "docx") && strcmp(p->ext, "odt"))) {
    serve_error(res, 400, NULL, "Chọn tệp .docx hoặc .odt.", "Cần một văn bản DOCX hoặc ODT.");
    return -1;
  }
  *ext = !strcmp(p->ext, "odt") ? "odt" : "docx";
  char name[64];
  snprintf(name, sizeof name, "%s.%s", base, *ext);
  if (serve_tmp_write(tmp, name, p->body.data, p->body.len, path, pathlen) != 0) {
    serve_error(res, 500, NULL, NULL, "Không ghi được tệp tạm.");
    return -1;
  }
  return 0;
}

static void update(const serve_request *r, serve_response *res, const char *tmp) {
  char doc[4200], out[4200];
  const char *ext;
  if (uploaded_document(r, res, tmp, "van-ban-da-sua", doc, sizeof doc, &ext) != 0) return;
  vb_diags *d = vb_diags_new(), *loading = vb_diags_new();
  /* The data's own warnings are the check's to show; here only what the
   * update did. */
  vb_data *data = page_data(r, res, "data", 0, loading), *old = NULL;
  vb_template *t = NULL;
  char *diff = NULL;
  serve_buf bytes = {0};
  if (!data) goto done;
  const serve_part *op = serve_part_get(r, "old");
  if (op && op->body.len) {
    /* The data the document was made from, perhaps a draft with the figure
     * now corrected: read as a draft reads it. */
    old =
        vb_data_load_memory(op->body.data, op->body.len, "du-lieu-cu.json", VB_DATA_DRAFT, loading);
    if (!old) {
      serve_error(res, 422, loading, NULL, "Dữ liệu cũ có lỗi.");
      goto done;
    }
  }
  t = vb_template_open_shipped(vb_data_template_name(data),
                               !strcmp(ext, "odt") ? VB_FORMAT_ODT : VB_FORMAT_DOCX, 0, d);
  snprintf(out, sizeof out, "%s/ket-qua.%s", tmp, ext);
  if (!t ||
      vb_update_file(t, data, doc, out, flag_on(r, "force") ? VB_UPDATE_FORCE : 0, d) != VB_OK ||
      serve_read_file(out, (size_t)1 << 30, &bytes) != 0) {
    serve_error(res, 422, d, "Xem từng lỗi ở dưới.", "Không cập nhật được văn bản.");
    goto done;
  }
  if (old) vb_data_diff(old, data, 0, &diff, d);
  json_ok(res);
  sb_printf(&res->body, "{\"filename\":\"%s-cap-nhat.%s\",\"file\":\"", vb_data_template_name(data),
            ext);
  sb_base64(&res->body, bytes.data, bytes.len);
  sb_puts(&res->body, "\",\"diff\":");
  sb_json_str(&res->body, diff);
  sb_puts(&res->body, ",\"diagnostics\":");
  sb_json_diags(&res->body, d);
  sb_puts(&res->body, "}\n");
done:
  sb_free(&bytes);
  free(diff);
  vb_template_free(t);
  vb_data_free(data);
  vb_data_free(old);
  vb_diags_free(d);
  vb_diags_free(loading);
}

static void proofread(const serve_request *r, serve_response *res, const char *tmp) {
  char doc[4200], out[4200];
  const char *ext;
  if (uploaded_document(r, res, tmp, "van-ban", doc, sizeof doc, &ext) != 0) return;
  vb_diags *d = vb_diags_new();
  vb_check *c = vb_check_file(doc, NULL, d);
  serve_buf bytes = {0};
  char *json = NULL;
  if (!c) {
    serve_error(res, 422, d, "Tệp cần là văn bản DOCX hoặc ODT đọc được.",
                "Không đọc được văn bản.");
    goto done;
  }
  json = vb_check_json(c);
  snprintf(out, sizeof out, "%s/ghi-chu.%s", tmp, ext);
  int annotated = vb_check_is_document(c) && vb_check_annotate(c, out, d) == VB_OK &&
                  serve_read_file(out, (size_t)1 << 30, &bytes) == 0;
  json_ok(res);
  sb_puts(&res->body, "{\"check\":");
  sb_puts(&res->body, json ? json : "null");
  sb_printf(&res->body, ",\"filename\":\"van-ban-ghi-chu.%s\",\"file\":", ext);
  if (annotated) {
    sb_puts(&res->body, "\"");
    sb_base64(&res->body, bytes.data, bytes.len);
    sb_puts(&res->body, "\"");
  } else {
    sb_puts(&res->body, "null");
  }
  sb_puts(&res->body, ",\"diagnostics\":");
  sb_json_diags(&res->body, d);
  sb_puts(&res->body, "}\n");
done:
  free(json);
  sb_free(&bytes);
  vb_check_free(c);
  vb_diags_free(d);
}

/* ---- routing ---------------------------------------------------------------- */

typedef void (*post_fn)(const serve_request *r, serve_response *res, const char *tmp);

static const struct {
  const char *path;
  post_fn fn;
} posts[] = {{"/api/check", check}, {"/api/render", render}, {"/api/preview", preview},
             {"/api/init", init},   {"/api/update", update}, {"/api/proofread", proofread}};

void serve_api(const serve_request *r, serve_response *res) {
  const char *path = r->path;
  if (!strcmp(r->method, "POST") && !strcmp(path, "/api/batch")) {
    serve_batch_start(r, res);
    return;
  }
  if (!strcmp(r->method, "POST") && !strcmp(path, "/api/drafts")) {
    serve_drafts_save(r, res);
    return;
  }
  if (!strcmp(r->method, "POST") && !strcmp(path, "/api/batch/cancel")) {
    serve_batch_status(r, res, 1);
    return;
  }
  if (!strcmp(r->method, "POST")) {
    for (size_t i = 0; i < sizeof posts / sizeof posts[0]; i++) {
      if (strcmp(path, posts[i].path)) continue;
      char tmp[4096];
      if (serve_tmpdir_new(tmp, sizeof tmp) != 0) {
        serve_error(res, 500, NULL, "Kiểm tra thư mục tạm ($TMPDIR) còn chỗ và ghi được.",
                    "Không tạo được thư mục tạm.");
        return;
      }
      posts[i].fn(r, res, tmp);
      serve_tmpdir_remove(tmp);
      if (res->body.data && res->type && !strncmp(res->type, "application/json", 16)) {
        /* Messages name the files as the page knows them, not where the
         * server kept them. */
        serve_buf clean = {0};
        put_without_dir(&clean, res->body.data, tmp);
        sb_free(&res->body);
        res->body = clean;
      }
      return;
    }
    serve_error(res, 404, NULL, NULL, "Không có địa chỉ %s.", path);
    return;
  }
  if (!strcmp(path, "/") || !strcmp(path, "/index.html")) {
    page(r, res);
  } else if (!strcmp(path, "/api/samples")) {
    samples(res);
  } else if (!strcmp(path, "/api/sample")) {
    sample(r, res);
  } else if (!strcmp(path, "/api/drafts")) {
    serve_drafts_list(r, res);
  } else if (!strcmp(path, "/api/draft")) {
    serve_drafts_get(r, res);
  } else if (!strcmp(path, "/api/batch")) {
    serve_batch_status(r, res, 0);
  } else if (!strcmp(path, "/api/batch/zip")) {
    serve_batch_zip(r, res);
  } else if (!strcmp(path, "/api/session")) {
    json_ok(res);
    sb_puts(&res->body, "{\"csrf\":");
    sb_json_str(&res->body, r->cfg->csrf);
    sb_puts(&res->body, ",\"version\":");
    sb_json_str(&res->body, vb_version());
    sb_printf(&res->body, ",\"drafts\":%s}\n", r->cfg->data_dir ? "true" : "false");
  } else {
    char name[128];
    const serve_asset *a = NULL;
    if (strlen(path) < 100 && !strchr(path + 1, '/')) {
      snprintf(name, sizeof name, "web%s", path);
      a = asset(name);
    }
    if (!a) {
      serve_error(res, 404, NULL, NULL, "Không có trang %s.", path);
      return;
    }
    res->status = 200;
    res->type = mime(name);
    res->static_body = a->data;
    res->static_len = a->len;
  }
}
