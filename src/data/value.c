#include "data/value.h"

#include <stdalign.h>
#include <string.h>

_Static_assert(sizeof(void *) != 8 || sizeof(vb_value) == 40, "a node is 40 bytes on 64-bit");

/* Nodes are the most numerous allocation of a data file (five per row of a
 * typical appendix): aligned for what they hold (8), not for any type (16),
 * so that a 40-byte node takes 40 bytes. */
static vb_value *new_value(vb_arena *a, vb_vkind k) {
  vb_value *v = vb_arena_alloc_raw(a, sizeof(vb_value), alignof(vb_value));
  /* memset, not a compound literal: a union's other members need not be
   * zeroed by one. */
  memset(v, 0, sizeof *v);
  v->kind = k;
  return v;
}

vb_value *vb_val_null(vb_arena *a) { return new_value(a, VB_NULL); }

vb_value *vb_val_bool(vb_arena *a, int b) {
  vb_value *v = new_value(a, VB_BOOL);
  v->u.b = b != 0;
  return v;
}

vb_value *vb_val_num(vb_arena *a, double n) {
  vb_value *v = new_value(a, VB_NUM);
  v->u.num = n;
  return v;
}

vb_value *vb_val_str(vb_arena *a, const char *s, size_t len) {
  vb_value *v = new_value(a, VB_STR);
  v->u.str.s = vb_arena_strndup(a, s, len);
  v->u.str.len = len;
  return v;
}

vb_value *vb_val_strz(vb_arena *a, const char *s) { return vb_val_str(a, s, strlen(s)); }

vb_value *vb_val_arr(vb_arena *a) { return new_value(a, VB_ARR); }

vb_value *vb_val_obj(vb_arena *a) { return new_value(a, VB_OBJ); }

vb_value *vb_val_ext(vb_arena *a, unsigned type, const vb_ext_text *payload) {
  vb_value *v = new_value(a, VB_EXT);
  v->u.ext.p = payload;
  v->u.ext.type = type;
  return v;
}

/* Arrays grow by doubling inside the arena; the old storage is simply left
 * behind, which costs at most as much again as the final array. */
void vb_arr_push(vb_arena *a, vb_value *arr, vb_value *v) {
  if (arr->u.arr.len == arr->u.arr.cap) {
    size_t cap = arr->u.arr.cap ? arr->u.arr.cap * 2 : 4;
    vb_value **items = vb_arena_alloc_raw(a, cap * sizeof(*items), alignof(vb_value *));
    if (arr->u.arr.len) memcpy(items, arr->u.arr.items, arr->u.arr.len * sizeof(*items));
    arr->u.arr.items = items;
    arr->u.arr.cap = cap;
  }
  arr->u.arr.items[arr->u.arr.len++] = v;
}

vb_value *vb_obj_getn(const vb_value *obj, const char *key, size_t keylen) {
  if (!obj || obj->kind != VB_OBJ) return NULL;
  for (size_t i = 0; i < obj->u.obj.len; i++) {
    const char *k = obj->u.obj.items[i].key;
    /* The first byte settles nearly every mismatch without a call. */
    if (keylen && k[0] != key[0]) continue;
    if (strncmp(k, key, keylen) == 0 && k[keylen] == '\0') return obj->u.obj.items[i].val;
  }
  return NULL;
}

vb_value *vb_obj_get(const vb_value *obj, const char *key) {
  return vb_obj_getn(obj, key, strlen(key));
}

void vb_obj_set(vb_arena *a, vb_value *obj, const char *key, vb_value *v) {
  for (size_t i = 0; i < obj->u.obj.len; i++) {
    if (strcmp(obj->u.obj.items[i].key, key) == 0) {
      obj->u.obj.items[i].val = v;
      return;
    }
  }
  if (obj->u.obj.len == obj->u.obj.cap) {
    size_t cap = obj->u.obj.cap ? obj->u.obj.cap * 2 : 4;
    vb_member *items = vb_arena_alloc_raw(a, cap * sizeof(*items), alignof(vb_member));
    if (obj->u.obj.len) memcpy(items, obj->u.obj.items, obj->u.obj.len * sizeof(*items));
    obj->u.obj.items = items;
    obj->u.obj.cap = cap;
  }
  obj->u.obj.items[obj->u.obj.len].key = vb_arena_strdup(a, key);
  obj->u.obj.items[obj->u.obj.len].val = v;
  obj->u.obj.len++;
}

const char *vb_vkind_name(vb_vkind k) {
  switch (k) {
  case VB_NULL: return "null";
  case VB_BOOL: return "true/false";
  case VB_NUM: return "số";
  case VB_STR: return "chuỗi";
  case VB_ARR: return "danh sách";
  case VB_OBJ: return "đối tượng";
  case VB_EXT: return "ảnh/biểu đồ";
  }
  return "?";
}

int vb_val_truthy(const vb_value *v) {
  if (!v) return 0;
  switch (v->kind) {
  case VB_NULL: return 0;
  case VB_BOOL: return v->u.b;
  case VB_NUM: return v->u.num != 0;
  case VB_STR: return v->u.str.len != 0;
  case VB_ARR: return v->u.arr.len != 0;
  case VB_OBJ: return v->u.obj.len != 0;
  case VB_EXT: return 1;
  }
  return 0;
}

vb_value *vb_val_clone(vb_arena *a, const vb_value *v) {
  vb_value *c;
  switch (v->kind) {
  case VB_STR: c = vb_val_str(a, v->u.str.s, v->u.str.len); break;
  case VB_ARR:
    c = vb_val_arr(a);
    for (size_t i = 0; i < v->u.arr.len; i++)
      vb_arr_push(a, c, vb_val_clone(a, v->u.arr.items[i]));
    break;
  case VB_OBJ:
    c = vb_val_obj(a);
    for (size_t i = 0; i < v->u.obj.len; i++)
      vb_obj_set(a, c, v->u.obj.items[i].key, vb_val_clone(a, v->u.obj.items[i].val));
    break;
  default: c = new_value(a, v->kind); c->u = v->u;
  }
  c->line = v->line;
  c->col = v->col;
  c->src = v->src;
  return c;
}

/* Depth-first search by identity: each step is written on the way down and
 * taken back when v is not below it. */
static int path_to(const vb_value *at, const vb_value *v, vb_buf *out, size_t depth) {
  if (at == v) return 1;
  if (depth > 256) return 0;
  size_t len = out->len;
  if (at->kind == VB_ARR) {
    for (size_t i = 0; i < at->u.arr.len; i++) {
      vb_buf_printf(out, "[%zu]", i);
      if (path_to(at->u.arr.items[i], v, out, depth + 1)) return 1;
      out->len = len;
    }
  } else if (at->kind == VB_OBJ) {
    for (size_t i = 0; i < at->u.obj.len; i++) {
      vb_buf_printf(out, ".%s", at->u.obj.items[i].key);
      if (path_to(at->u.obj.items[i].val, v, out, depth + 1)) return 1;
      out->len = len;
    }
  }
  return 0;
}

int vb_value_path(const vb_value *root, const vb_value *v, vb_buf *out) {
  if (!root || !v) return 0;
  vb_buf tmp = VB_BUF_INIT;
  vb_buf_putc(&tmp, '$');
  int found = path_to(root, v, &tmp, 0);
  if (found) vb_buf_put(out, tmp.data, tmp.len);
  vb_buf_free(&tmp);
  return found;
}
