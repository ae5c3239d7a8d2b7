/* vb_data: a loaded data file and, for vanban documents, its computed view. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/internal.h"
#include "data/json.h"
#include "diff/diff.h"
#include "media/media.h"
#include "model/model.h"
#include "model/sheet_map.h"
#include "util/buf.h"
#include "util/diag.h"
#include "vi/vi.h"
#include "xml/xml.h"

/* Data files are text; anything near this size is a mistake or an attack. */
#define VB_DATA_MAX_BYTES (512u * 1024 * 1024)

static unsigned model_flags(unsigned flags) {
  unsigned m = 0;
  if (flags & VB_DATA_ISSUED) m |= VB_MODEL_ISSUED;
  if (flags & VB_DATA_TONE_NEW) m |= VB_MODEL_NORMALIZE_TONE_NEW;
  if (flags & VB_DATA_TONE_OLD) m |= VB_MODEL_NORMALIZE_TONE_OLD;
  if (flags & VB_DATA_DRAFT) m |= VB_MODEL_DRAFT;
  return m;
}

/* "don_vi": "don-vi.json" — the unit list kept in a file of its own, so
 * that every report and notice of an office uses the same list. The path is
 * relative to the data file; the file holds a JSON list. */
static int resolve_unit_list(vb_data *data, vb_value *root, vb_diags *d) {
  vb_value *ref = vb_obj_get(root, "don_vi");
  if (!ref || ref->kind != VB_STR) return 0;
  const char *slash = strrchr(data->name, '/');
  char *path = ref->u.str.s[0] == '/' || !slash
                   ? vb_xstrdup(ref->u.str.s)
                   : vb_xasprintf("%.*s/%s", (int)(slash - data->name), data->name, ref->u.str.s);
  char where[64];
  snprintf(where, sizeof where, "$.don_vi (dòng %u, cột %u)", ref->line, ref->col);
  int rc = -1, io_error = 0;
  vb_value *list = vb_json_parse_file(data->arena, path, VB_DATA_MAX_BYTES,
                                      vb_arena_strdup(data->arena, path), d, &io_error);
  if (io_error) {
    vb_error_rule(d, VB_EDATA, "batch.units", data->name, where,
                  "ghi đường dẫn của danh sách đơn vị tính từ thư mục của tệp này",
                  "không đọc được danh sách đơn vị %s", path);
  } else if (list && list->kind == VB_ARR) {
    vb_obj_set(data->arena, root, "don_vi", list);
    rc = 0;
  } else if (list) {
    vb_error_rule(d, VB_EDATA, "batch.units", data->name, where,
                  "tệp phải chứa một danh sách JSON [ … ] các đơn vị",
                  "%s không phải một danh sách đơn vị", path);
  }
  free(path);
  return rc;
}

/* Where a value is in the data: its parent's place and its key or index. */
typedef struct data_step {
  const struct data_step *up;
  const char *key; /* NULL: index */
  size_t index;
} data_step;

static void put_path(vb_buf *b, const data_step *s) {
  if (!s) {
    vb_buf_putc(b, '$');
    return;
  }
  put_path(b, s->up);
  if (s->key)
    vb_buf_printf(b, ".%s", s->key);
  else
    vb_buf_printf(b, "[%zu]", s->index);
}

/* Every string's lines fit in a document: a line longer than readers accept
 * as one piece of text (VB_XML_TEXT_MAX) is refused here, by its JSON path
 * or cell, before the model spends time on it. The renderer keeps the same
 * limit for what templates put together. Returns how many were refused. */
static size_t refuse_long_lines(const vb_value *v, const data_step *at, const char *name,
                                vb_diags *d) {
  if (v->kind == VB_STR) {
    if (v->u.str.len <= VB_XML_TEXT_MAX) return 0;
    size_t longest = 0;
    for (const char *s = v->u.str.s, *end = s + v->u.str.len; s < end;) {
      const char *nl = memchr(s, '\n', (size_t)(end - s));
      size_t n = (size_t)((nl ? nl : end) - s);
      if (n > longest) longest = n;
      s += n + 1;
    }
    if (longest <= VB_XML_TEXT_MAX) return 0;
    vb_buf where = VB_BUF_INIT, len = VB_BUF_INIT, max = VB_BUF_INIT;
    put_path(&where, at);
    if (v->line)
      vb_buf_printf(&where, " (dòng %u, cột %u)", v->line, v->col);
    else if (v->src)
      vb_buf_printf(&where, " (%s)", v->src);
    vi_format_number(&len, (double)longest, 0, 0);
    vi_format_number(&max, VB_XML_TEXT_MAX, 0, 0);
    vb_error_rule(
        d, VB_EDATA, "json.line-too-long", name, where.data,
        "rút ngắn giá trị, hoặc tách nó thành nhiều dòng (mỗi lần xuống dòng bắt đầu một "
        "đoạn chữ mới)",
        "một dòng dài %s byte, quá giới hạn %s byte cho một đoạn chữ liền mà các trình đọc "
        "văn bản (LibreOffice, libxml2) chấp nhận",
        len.data, max.data);
    vb_buf_free(&len), vb_buf_free(&max), vb_buf_free(&where);
    return 1;
  }
  size_t n = 0;
  if (v->kind == VB_ARR) {
    for (size_t i = 0; i < v->u.arr.len; i++) {
      data_step s = {at, NULL, i};
      n += refuse_long_lines(v->u.arr.items[i], &s, name, d);
    }
  } else if (v->kind == VB_OBJ) {
    for (size_t i = 0; i < v->u.obj.len; i++) {
      data_step s = {at, v->u.obj.items[i].key, 0};
      n += refuse_long_lines(v->u.obj.items[i].val, &s, name, d);
    }
  }
  return n;
}

/* What loading does once the JSON is parsed (input NULL: it did not parse). */
vb_data *vb_data__finish(vb_data *data, vb_value *input, size_t errors, unsigned flags,
                         vb_diags *d) {
  if (!input) goto fail;
  if (input->kind != VB_OBJ) {
    vb_error_rule(d, VB_EDATA, "json.not-object", data->name, "$", "đặt dữ liệu trong { … }",
                  "dữ liệu phải là một đối tượng JSON, không phải %s", vb_vkind_name(input->kind));
    goto fail;
  }
  data->root = input;
  data->input = input;
  data->flags = flags;
  /* Sheets named by "source" become the lists they stand for, before the
   * model checks them (docs/spreadsheets.md). */
  if (vb_model_sheet_resolve(data->arena, input, data->name, data->sheet_base, d) != 0) goto fail;
  if (resolve_unit_list(data, input, d) != 0) goto fail;
  if (refuse_long_lines(input, NULL, data->name, d)) goto fail;
  if (!(flags & VB_DATA_RAW) && vb_obj_get(input, "loai")) {
    data->tpl_name = vb_model_template_name(input);
    data->root = vb_model_build(data->arena, input, data->name, model_flags(flags), d);
    if (!data->root || vb_diags_errors(d) > errors) {
      if (flags & VB_DATA_KEEP_ON_ERROR) {
        data->root = NULL;
        return data;
      }
      goto fail;
    }
    if (!(flags & VB_DATA_NO_PROOF)) {
      vb_data_proof_warnings(data, d);
      if (vb_diags_errors(d) > errors) goto fail;
    }
  }
  return data;
fail:
  vb_data_free(data);
  return NULL;
}

vb_data *vb_data__new(const char *name) {
  vb_data *data = vb_xcalloc(1, sizeof(vb_data));
  data->name = vb_xstrdup(name ? name : "(data)");
  data->dir = vb_media_base_dir(name);
  data->arena = vb_arena_new();
  return data;
}

vb_data *vb_data_load_memory(const char *json, size_t len, const char *name, unsigned flags,
                             vb_diags *d) {
  vb_data *data = vb_data__new(name);
  size_t errors = vb_diags_errors(d);
  vb_value *input = vb_json_parse(data->arena, json, len, data->name, d);
  return vb_data__finish(data, input, errors, flags, d);
}

/* The file is parsed as it is read, never held whole: a 100,000-row data
 * file would otherwise be in memory twice. */
vb_data *vb_data_load_file(const char *path, unsigned flags, vb_diags *d) {
  vb_data *data = vb_data__new(path);
  size_t errors = vb_diags_errors(d);
  int io_error = 0;
  vb_value *input =
      vb_json_parse_file(data->arena, path, VB_DATA_MAX_BYTES, data->name, d, &io_error);
  if (io_error) {
    vb_data_free(data);
    return NULL;
  }
  return vb_data__finish(data, input, errors, flags, d);
}

vb_data *vb_data_load_for_check(const char *path, unsigned flags, vb_diags *d, int *model_ok) {
  vb_data *data = vb_data_load_file(path, flags | VB_DATA_KEEP_ON_ERROR | VB_DATA_NO_PROOF, d);
  if (model_ok) *model_ok = data && data->root;
  return data;
}

const char *vb_data_template_name(const vb_data *data) { return data ? data->tpl_name : NULL; }

void vb_data_free(vb_data *data) {
  if (!data) return;
  vb_arena_free(data->arena);
  free(data->name);
  free(data->sheet_base);
  free(data->dir);
  free(data);
}

/* Both data files are vanban documents (their views can be compared). */
static int comparable(const vb_data *old_data, const vb_data *new_data, vb_diags *d) {
  if (old_data->tpl_name && new_data->tpl_name) return 1;
  vb_error_rule(d, VB_EUSAGE, "diff.loai", old_data->tpl_name ? new_data->name : old_data->name,
                NULL, "so sánh hai văn bản vanban (tệp dữ liệu có \"loai\")",
                "không phải văn bản vanban: không có \"loai\"");
  return 0;
}

vb_status vb_data_diff(const vb_data *old_data, const vb_data *new_data, unsigned flags, char **out,
                       vb_diags *d) {
  if (!old_data || !new_data || !out) return VB_EUSAGE;
  if (!comparable(old_data, new_data, d)) return VB_EUSAGE;
  vb_arena *a = vb_arena_new();
  vb_value *changes = vb_diff_views(a, old_data->root, new_data->root);
  vb_buf b = VB_BUF_INIT;
  if (flags & VB_DIFF_JSON) {
    vb_json_write(&b, changes, VB_JSON_LIST_LINES);
    vb_buf_putc(&b, '\n');
  } else {
    vb_diff_text(changes, &b);
  }
  *out = vb_buf_detach(&b, NULL);
  vb_arena_free(a);
  return VB_OK;
}

vb_status vb_data_diff_render(const vb_template *t, const vb_data *old_data,
                              const vb_data *new_data, unsigned flags, const char *out_path,
                              vb_diags *d) {
  if (!t || !old_data || !new_data || !out_path) return VB_EUSAGE;
  if (!comparable(old_data, new_data, d)) return VB_EUSAGE;
  vb_arena *a = vb_arena_new();
  vb_value *changes = vb_diff_views(a, old_data->root, new_data->root);
  vb_value *table = vb_diff_table(a, new_data->root, changes, (flags & VB_DIFF_APPENDIX) != 0);
  /* A comparison is not updated later: no marks. */
  vb_pkg_writer *w = vb_tpl_package_render(&t->tp, table, 0, NULL, d);
  vb_status st = VB_OK;
  if (!w)
    st = vb_diags_status(d) ? vb_diags_status(d) : VB_EDATA;
  else if (vb_pkg_writer_finish_file(w, out_path, d) != 0)
    st = vb_diags_status(d);
  vb_pkg_writer_free(w);
  vb_arena_free(a);
  return st;
}
