/* vb_check_json: the findings as JSON, schema "vanban-check/1" (docs/check.md). */
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_gen.h>

#include "api/internal.h"
#include "util/buf.h"

static void str(yajl_gen g, const char *s) {
  if (!s)
    yajl_gen_null(g);
  else
    yajl_gen_string(g, (const unsigned char *)s, strlen(s));
}

static void key(yajl_gen g, const char *k) { str(g, k); }

static void num_or_null(yajl_gen g, long v) {
  if (v > 0)
    yajl_gen_integer(g, v);
  else
    yajl_gen_null(g);
}

static const char *level_id(vb_level l) {
  return l == VB_LEVEL_ERROR ? "error" : l == VB_LEVEL_WARNING ? "warning" : "hint";
}

static const char *level_vi(vb_level l) {
  return l == VB_LEVEL_ERROR ? "lỗi" : l == VB_LEVEL_WARNING ? "cảnh báo" : "gợi ý";
}

char *vb_check_json(const vb_check *c) {
  yajl_gen g = yajl_gen_alloc(NULL);
  yajl_gen_config(g, yajl_gen_beautify, 1);
  yajl_gen_config(g, yajl_gen_indent_string, "  ");
  yajl_gen_map_open(g);
  key(g, "schema");
  str(g, "vanban-check/1");
  key(g, "file");
  str(g, c->file);
  key(g, "kind");
  str(g, c->kind);
  key(g, "counts");
  yajl_gen_map_open(g);
  for (int l = VB_LEVEL_ERROR; l <= VB_LEVEL_HINT; l++) {
    key(g, level_id((vb_level)l));
    yajl_gen_integer(g, (long long)vb_check_level_count(c, (vb_level)l));
  }
  yajl_gen_map_close(g);
  key(g, "findings");
  yajl_gen_array_open(g);
  for (size_t i = 0; i < c->n; i++) {
    const vb_finding *f = &c->out[i];
    yajl_gen_map_open(g);
    key(g, "rule");
    str(g, f->rule);
    key(g, "level");
    str(g, level_id(f->level));
    key(g, "level_vi");
    str(g, level_vi(f->level));
    key(g, "message");
    str(g, f->message);
    key(g, "expected");
    str(g, f->expected);
    key(g, "hint");
    str(g, f->hint);
    key(g, "excerpt");
    str(g, f->excerpt);
    key(g, "place");
    str(g, f->place);
    key(g, "count");
    yajl_gen_integer(g, f->count);
    key(g, "location");
    yajl_gen_map_open(g);
    key(g, "area");
    str(g, f->area);
    key(g, "paragraph");
    num_or_null(g, f->paragraph);
    key(g, "table");
    num_or_null(g, f->table);
    key(g, "row");
    num_or_null(g, f->row);
    key(g, "cell");
    num_or_null(g, f->cell);
    key(g, "section");
    num_or_null(g, f->section);
    key(g, "page");
    num_or_null(g, f->page);
    key(g, "json_path");
    str(g, f->json_path);
    key(g, "line");
    num_or_null(g, (long)f->line);
    key(g, "column");
    num_or_null(g, (long)f->column);
    yajl_gen_map_close(g);
    yajl_gen_map_close(g);
  }
  yajl_gen_array_close(g);
  yajl_gen_map_close(g);
  const unsigned char *buf;
  size_t len;
  yajl_gen_get_buf(g, &buf, &len);
  char *out = vb_xmalloc(len + 2);
  memcpy(out, buf, len);
  out[len] = '\n';
  out[len + 1] = 0;
  yajl_gen_free(g);
  return out;
}
