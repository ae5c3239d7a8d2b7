/* The prose of a data file as a document view: every string the report
 * prints as text (not codes, dates, sources or comments, nor the rows of a
 * document list: table data, and a list may have a hundred thousand rows),
 * one paragraph each, in the order of the file, with its JSON path and
 * line:column (or the sheet cell it was read from). The prose rules then
 * run on it unchanged. */
#include <string.h>

#include "proof/proof.h"
#include "util/buf.h"

/* Members whose strings are not prose. */
static const char *const skip_keys[] = {"loai",    "source",     "cot",  "kieu",        "ngay",
                                        "ky_hieu", "so_ky_hieu", "ma",   "id",          "sheet",
                                        "so",      "thoi_han",   "dong", "don_vi_tinh", NULL};

static int skipped(const char *key) {
  if (key[0] == '_') return 1;
  for (int i = 0; skip_keys[i]; i++)
    if (!strcmp(key, skip_keys[i])) return 1;
  return 0;
}

static void walk(vb_doc *doc, const vb_value *v, vb_buf *path, int depth) {
  if (depth > 64) return;
  size_t mark = path->len;
  switch (v->kind) {
  case VB_STR: {
    if (!v->u.str.len) return;
    vb_doc_para *p = vb_doc_add_text(doc, v->u.str.s, v->u.str.len);
    if (v->line) {
      p->path = vb_arena_strndup(doc->arena, path->data, path->len);
      p->src_line = v->line;
      p->src_column = v->col;
    } else if (v->src) {
      vb_buf b = VB_BUF_INIT;
      vb_buf_printf(&b, "%s (%s)", vb_buf_cstr(path), v->src);
      p->path = vb_arena_strndup(doc->arena, b.data, b.len);
      vb_buf_free(&b);
    } else {
      p->path = vb_arena_strndup(doc->arena, path->data, path->len);
    }
    return;
  }
  case VB_ARR:
    for (size_t i = 0; i < v->u.arr.len; i++) {
      char idx[24];
      size_t k = sizeof idx;
      idx[--k] = ']';
      size_t x = i;
      do
        idx[--k] = (char)('0' + x % 10);
      while ((x /= 10) > 0);
      idx[--k] = '[';
      vb_buf_put(path, idx + k, sizeof idx - k);
      walk(doc, v->u.arr.items[i], path, depth + 1);
      path->len = mark;
      path->data[mark] = 0;
    }
    return;
  case VB_OBJ:
    for (size_t i = 0; i < v->u.obj.len; i++) {
      const vb_member *m = &v->u.obj.items[i];
      if (skipped(m->key)) continue;
      vb_buf_putc(path, '.');
      vb_buf_puts(path, m->key);
      walk(doc, m->val, path, depth + 1);
      path->len = mark;
      path->data[mark] = 0;
    }
    return;
  default: return;
  }
}

vb_doc *proof_data_view(const vb_value *input, const char *name) {
  if (!input || input->kind != VB_OBJ || !vb_obj_get(input, "loai")) return NULL;
  vb_doc *doc = vb_doc_new(name);
  vb_buf path = VB_BUF_INIT;
  vb_buf_puts(&path, "$");
  walk(doc, input, &path, 0);
  vb_buf_free(&path);
  return doc;
}
