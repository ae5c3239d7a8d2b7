/* vb_init_from_sheet: a new user's first data file, written from the
 * workbook they already keep: the BÁO CÁO or THÔNG BÁO skeleton with every
 * van_ban field to fill in, and each sheet holding an indicator table, a
 * list of documents or a score sheet as a "source" reference (mapped, not
 * copied, so figures updated in the sheet flow into the next render) and an
 * appendix (model/sheet_init.c). */
#define _XOPEN_SOURCE 700 /* realpath */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/internal.h"
#include "data/json.h"
#include "model/model.h"
#include "model/sheet_map.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "vanban.h"

/* Directory part of path, made absolute ("" → the current directory). */
static char *abs_dir(const char *path) {
  const char *slash = strrchr(path, '/');
  char *dir = slash ? vb_xstrndup(path, (size_t)(slash - path + (slash == path))) : vb_xstrdup(".");
  char *r = realpath(dir, NULL);
  free(dir);
  return r;
}

/* The sheet's path as the data file at data_path should name it: relative to
 * the data file's directory (how "source" paths are resolved). */
static char *source_path(const char *sheet, const char *data_path) {
  const char *slash = strrchr(sheet, '/');
  const char *base = slash ? slash + 1 : sheet;
  char *sd = abs_dir(sheet), *od = abs_dir(data_path ? data_path : "./x");
  if (!sd || !od) {
    free(sd), free(od);
    return vb_xstrdup(sheet);
  }
  /* The common prefix, by whole components. */
  size_t i = 0, last = 0;
  while (sd[i] && sd[i] == od[i]) {
    if (sd[i] == '/') last = i;
    i++;
  }
  if (!sd[i] && (!od[i] || od[i] == '/'))
    last = i;
  else if (!od[i] && sd[i] == '/')
    last = i;
  vb_buf b = VB_BUF_INIT;
  for (const char *p = od + last; *p; p++)
    if (*p == '/') vb_buf_puts(&b, "../");
  if (sd[last]) vb_buf_printf(&b, "%s/", sd + last + 1);
  vb_buf_puts(&b, base);
  free(sd), free(od);
  return vb_buf_detach(&b, NULL);
}

static int same_text(const char *a, const char *b) { return a == b || (a && b && !strcmp(a, b)); }

/* Each value read from a spreadsheet cell (its src "Sheet!E7"), by its
 * JSON path, into out: {"$.nhom_chi_tieu[0].chi_tieu[2].ket_qua": "Chỉ tiêu!E7"}. */
static void cells_of(vb_arena *a, const vb_value *v, vb_buf *path, vb_value *out) {
  size_t at = path->len;
  if (v->kind == VB_OBJ) {
    for (size_t i = 0; i < v->u.obj.len; i++) {
      vb_buf_printf(path, ".%s", v->u.obj.items[i].key);
      cells_of(a, v->u.obj.items[i].val, path, out);
      path->len = at;
      path->data[at] = '\0';
    }
  } else if (v->kind == VB_ARR) {
    for (size_t i = 0; i < v->u.arr.len; i++) {
      vb_buf_printf(path, "[%zu]", i);
      cells_of(a, v->u.arr.items[i], path, out);
      path->len = at;
      path->data[at] = '\0';
    }
  } else if (v->src && strchr(v->src, '!')) {
    vb_obj_set(a, out, vb_arena_strdup(a, vb_buf_cstr(path)), vb_val_strz(a, v->src));
  }
}

/* A finding of the draft reading that a signed document would not pass (a
 * share over 100% in the sheet): the draft's words ("in trong bản dự thảo")
 * are render --nhap's; here they say what render will do with it. */
static void add_draft_finding(vb_diags *d, const vb_diag *g) {
  size_t len = strlen(g->message), note = strlen(vb_model_draft_note);
  vb_buf h = VB_BUF_INIT;
  if (g->hint) vb_buf_printf(&h, "%s; ", g->hint);
  vb_buf_printf(&h,
                "sửa số liệu trong bảng tính; nếu cố ý giữ như vậy: ghi \"%s\" vào "
                "\"_vanban_ignore\" của tệp dữ liệu",
                g->rule);
  vb_diag_add_rule(d, g->code, g->severity, g->rule, g->file, g->where, vb_buf_cstr(&h),
                   "%.*s (`vanban render` sẽ từ chối văn bản này; `vanban render --nhap` vẫn in "
                   "được, thành bản có dấu \"DỰ THẢO\")",
                   (int)(len - note), g->message);
  vb_buf_free(&h);
}

static int is_draft_finding(const vb_diag *g) {
  size_t len = strlen(g->message), note = strlen(vb_model_draft_note);
  return g->rule && g->severity == VB_SEV_WARNING && len >= note &&
         !strcmp(g->message + len - note, vb_model_draft_note);
}

/* The diagnostics of the second reading that the first did not give (the
 * sheets are read twice: the cells' warnings once). The blanks "…" are the
 * skeleton's own, told once by the caller ("fill in the … fields"). */
static void add_new_diags(vb_diags *d, const vb_diags *again) {
  size_t before = vb_diags_count(d);
  for (size_t i = 0; i < vb_diags_count(again); i++) {
    const vb_diag *g = vb_diags_get(again, i);
    if (g->rule && !strcmp(g->rule, "du-lieu.cho-trong")) continue;
    int seen = 0;
    for (size_t k = 0; k < before && !seen; k++) {
      const vb_diag *h = vb_diags_get(d, k);
      seen = h->severity == g->severity && same_text(h->where, g->where) &&
             same_text(h->message, g->message) && same_text(h->file, g->file);
    }
    if (seen) continue;
    if (is_draft_finding(g))
      add_draft_finding(d, g);
    else
      vb_diag_add_rule(d, g->code, g->severity, g->rule, g->file, g->where, g->hint, "%s",
                       g->message);
  }
}

vb_status vb_init_from_sheet(const char *sheet_path, const char *sheet_name, const char *data_path,
                             unsigned flags, char **json, char **summary, vb_diags *d) {
  if (json) *json = NULL;
  if (summary) *summary = NULL;
  if (!sheet_path || !json) return VB_EUSAGE;
  size_t errors = vb_diags_errors(d);
  vb_book *b = vb_book_open(sheet_path, d);
  if (!b) return vb_diags_errors(d) > errors ? vb_diags_status(d) : VB_EDATA;
  time_t now = time(NULL);
  struct tm tm;
  localtime_r(&now, &tm);
  char today[32];
  snprintf(today, sizeof today, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  vb_model_init_kind want = (flags & VB_INIT_THONG_BAO) ? VB_MODEL_INIT_THONG_BAO
                            : (flags & VB_INIT_BAO_CAO) ? VB_MODEL_INIT_BAO_CAO
                                                        : VB_MODEL_INIT_AUTO;
  if ((flags & VB_INIT_THONG_BAO) && (flags & VB_INIT_BAO_CAO)) {
    vb_book_free(b);
    return VB_EUSAGE;
  }
  char *src = source_path(sheet_path, data_path);
  vb_arena *a = vb_arena_new();
  vb_buf j = VB_BUF_INIT, msg = VB_BUF_INIT;
  vb_status st = VB_OK;
  if (vb_model_init_json(a, b, sheet_name, want, src, today, &j, &msg, d) != 0) {
    st = VB_EDATA;
  } else {
    /* The file must render as written: it is loaded as render loads it (the
     * sheets read again through its references), and an error there — an
     * indicator the sheet leaves without the assessment its Đánh giá column
     * prints — is the sheet's to fix; then nothing is written. It is loaded
     * as a draft: its blanks "…" are there to be filled, and a figure that
     * stops a signed document (a share over 100% in the sheet) is a warning
     * at its cell — `render` refuses it until it is fixed, `render --nhap`
     * shows it. */
    vb_diags *again = vb_diags_new();
    vb_data *check = vb_data_load_memory(j.data, j.len, data_path ? data_path : "init.json",
                                         VB_DATA_DRAFT, again);
    if (!check || vb_diags_errors(again) > 0) {
      st = VB_EDATA;
    } else if (flags & VB_INIT_INLINE) {
      /* The data as that load read it — every sheet reference replaced by
       * the rows it names — so the file no longer needs the workbook; where
       * each value came from stays in "_vanban_cells", for findings to name
       * the cell the officer knows. */
      vb_value *cells = vb_val_obj(check->arena);
      vb_buf path = VB_BUF_INIT;
      vb_buf_puts(&path, "$");
      cells_of(check->arena, check->input, &path, cells);
      vb_buf_free(&path);
      if (cells->u.obj.len) vb_obj_set(check->arena, check->input, "_vanban_cells", cells);
      vb_buf_clear(&j);
      vb_json_write(&j, check->input, VB_JSON_COMPACT);
      vb_buf_putc(&j, '\n');
    }
    vb_data_free(check);
    add_new_diags(d, again);
    vb_diags_free(again);
  }
  if (st == VB_OK && (flags & VB_INIT_WRITE) && data_path &&
      vb_write_file_atomic(data_path, j.data, j.len, d) != 0)
    st = VB_EIO;
  if (st == VB_OK) *json = vb_buf_detach(&j, NULL);
  if (summary && msg.len) *summary = vb_buf_detach(&msg, NULL);
  free(src);
  vb_buf_free(&j), vb_buf_free(&msg);
  vb_arena_free(a);
  vb_book_free(b);
  return st;
}
