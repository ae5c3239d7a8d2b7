/* vb_check_json: the findings as JSON, schema "vanban-check/1" (docs/check.md).
 * Written through data's one JSON writer (vb_json_write_string), so that its
 * strings are escaped as every other JSON vanban writes; laid out one member
 * per line, indented by two spaces per level, for a person reading it. */
#include <stdlib.h>
#include <string.h>

#include "api/internal.h"
#include "data/json.h"
#include "util/buf.h"

/* A JSON object being written: its depth and whether a member was written. */
typedef struct obj {
  vb_buf *out;
  int depth;
  int members;
} obj;

static void indent(vb_buf *out, int depth) {
  vb_buf_putc(out, '\n');
  for (int i = 0; i < depth; i++)
    vb_buf_puts(out, "  ");
}

static void member(obj *o, const char *k) {
  if (o->members++) vb_buf_putc(o->out, ',');
  indent(o->out, o->depth + 1);
  vb_json_write_string(o->out, k, strlen(k));
  vb_buf_puts(o->out, ": ");
}

static void member_str(obj *o, const char *k, const char *v) {
  member(o, k);
  if (v)
    vb_json_write_string(o->out, v, strlen(v));
  else
    vb_buf_puts(o->out, "null");
}

static void member_int(obj *o, const char *k, long long v) {
  member(o, k);
  vb_buf_printf(o->out, "%lld", v);
}

/* Places count from 1; 0 or less means "not known" and is written as null. */
static void member_place(obj *o, const char *k, long v) {
  member(o, k);
  if (v > 0)
    vb_buf_printf(o->out, "%ld", v);
  else
    vb_buf_puts(o->out, "null");
}

static obj open_obj(vb_buf *out, int depth) {
  vb_buf_putc(out, '{');
  return (obj){out, depth, 0};
}

static void close_obj(obj *o) {
  if (o->members) indent(o->out, o->depth);
  vb_buf_putc(o->out, '}');
}

static const char *level_id(vb_level l) {
  return l == VB_LEVEL_ERROR ? "error" : l == VB_LEVEL_WARNING ? "warning" : "hint";
}

static const char *level_vi(vb_level l) {
  return l == VB_LEVEL_ERROR ? "lỗi" : l == VB_LEVEL_WARNING ? "cảnh báo" : "gợi ý";
}

static void finding(vb_buf *out, const vb_finding *f, int depth) {
  obj o = open_obj(out, depth);
  member_str(&o, "rule", f->rule);
  member_str(&o, "level", level_id(f->level));
  member_str(&o, "level_vi", level_vi(f->level));
  member_str(&o, "message", f->message);
  member_str(&o, "expected", f->expected);
  member_str(&o, "hint", f->hint);
  member_str(&o, "excerpt", f->excerpt);
  member_str(&o, "place", f->place);
  member_int(&o, "count", (long long)f->count);
  member(&o, "location");
  obj l = open_obj(out, depth + 1);
  member_str(&l, "area", f->area);
  member_place(&l, "paragraph", f->paragraph);
  member_place(&l, "table", f->table);
  member_place(&l, "row", f->row);
  member_place(&l, "cell", f->cell);
  member_place(&l, "section", f->section);
  member_place(&l, "page", f->page);
  member_str(&l, "json_path", f->json_path);
  member_place(&l, "line", (long)f->line);
  member_place(&l, "column", (long)f->column);
  close_obj(&l);
  close_obj(&o);
}

char *vb_check_json(const vb_check *c) {
  vb_buf out = VB_BUF_INIT;
  obj top = open_obj(&out, 0);
  member_str(&top, "schema", "vanban-check/1");
  member_str(&top, "file", c->file);
  member_str(&top, "kind", c->kind);
  member(&top, "counts");
  obj counts = open_obj(&out, 1);
  for (int l = VB_LEVEL_ERROR; l <= VB_LEVEL_HINT; l++)
    member_int(&counts, level_id((vb_level)l), (long long)vb_check_level_count(c, (vb_level)l));
  close_obj(&counts);
  member(&top, "findings");
  vb_buf_putc(&out, '[');
  for (size_t i = 0; i < c->n; i++) {
    if (i) vb_buf_putc(&out, ',');
    indent(&out, 2);
    finding(&out, &c->out[i], 2);
  }
  if (c->n) indent(&out, 1);
  vb_buf_putc(&out, ']');
  close_obj(&top);
  vb_buf_putc(&out, '\n');
  return vb_buf_detach(&out, NULL);
}
