/* A unit's data: the shared data with the unit's fields merged over it
 * (JSON Merge Patch, plus index keys for list items). See units.h. */
#include <stdlib.h>
#include <string.h>

#include "batch/units.h"

/* "0", "12": a list index written as a key (no sign, no leading zero). */
static int index_key(const char *k, size_t *out) {
  if (!*k || strlen(k) > 9) return 0;
  for (const char *p = k; *p; p++)
    if (*p < '0' || *p > '9') return 0;
  if (k[0] == '0' && k[1]) return 0;
  *out = (size_t)strtoul(k, NULL, 10);
  return 1;
}

static vb_value *new_node(vb_arena *a, const vb_value *like) {
  vb_value *v = vb_arena_alloc(a, sizeof *v);
  memset(v, 0, sizeof *v);
  v->kind = like->kind;
  v->src = like->src;
  return v;
}

/* A copy of v made of new nodes (strings and keys shared), without positions. */
static vb_value *copy(vb_arena *a, const vb_value *v) {
  vb_value *c = new_node(a, v);
  switch (v->kind) {
  case VB_ARR: {
    size_t n = v->u.arr.len;
    c->u.arr.items = vb_arena_alloc(a, (n ? n : 1) * sizeof(vb_value *));
    c->u.arr.len = c->u.arr.cap = n;
    for (size_t i = 0; i < n; i++)
      c->u.arr.items[i] = copy(a, v->u.arr.items[i]);
    break;
  }
  case VB_OBJ: {
    size_t n = v->u.obj.len;
    c->u.obj.items = vb_arena_alloc(a, (n ? n : 1) * sizeof(vb_member));
    c->u.obj.len = c->u.obj.cap = n;
    for (size_t i = 0; i < n; i++) {
      c->u.obj.items[i].key = v->u.obj.items[i].key;
      c->u.obj.items[i].val = copy(a, v->u.obj.items[i].val);
    }
    break;
  }
  default: c->u = v->u;
  }
  return c;
}

static vb_value *keep(vb_arena *a, const vb_value *v, vb_merge_mode mode) {
  return mode == VB_MERGE_COPY ? copy(a, v) : (vb_value *)v;
}

static vb_value *merge(vb_arena *a, const vb_value *base, const vb_value *patch, vb_merge_mode mode,
                       vb_buf *err);

/* patch's keys are all indexes of base's items: those items are merged. */
static vb_value *merge_items(vb_arena *a, const vb_value *base, const vb_value *patch,
                             vb_merge_mode mode, vb_buf *err) {
  size_t n = base->u.arr.len;
  vb_value *arr = mode == VB_MERGE_COPY ? new_node(a, base) : vb_val_arr(a);
  if (mode == VB_MERGE_SHARE) *arr = *base;
  arr->u.arr.items = vb_arena_alloc(a, (n ? n : 1) * sizeof(vb_value *));
  arr->u.arr.len = arr->u.arr.cap = n;
  /* Items the patch leaves alone are kept (copied once, below). */
  char *patched = calloc(n ? n : 1, 1);
  for (size_t i = 0; i < patch->u.obj.len; i++) {
    size_t ix = 0;
    index_key(patch->u.obj.items[i].key, &ix);
    if (ix >= n) {
      vb_buf_printf(err, "chỉ số %zu vượt quá cuối danh sách %zu mục", ix, n);
      free(patched);
      return NULL;
    }
    vb_value *m = merge(a, base->u.arr.items[ix], patch->u.obj.items[i].val, mode, err);
    if (!m) {
      free(patched);
      return NULL;
    }
    arr->u.arr.items[ix] = m;
    patched[ix] = 1;
  }
  for (size_t i = 0; i < n; i++)
    if (!patched[i]) arr->u.arr.items[i] = keep(a, base->u.arr.items[i], mode);
  free(patched);
  return arr;
}

static vb_value *merge(vb_arena *a, const vb_value *base, const vb_value *patch, vb_merge_mode mode,
                       vb_buf *err) {
  if (!patch) return keep(a, base, mode);
  if (patch->kind != VB_OBJ) return keep(a, patch, mode);
  if (base && base->kind == VB_ARR && patch->u.obj.len > 0) {
    int all = 1;
    size_t ix = 0;
    for (size_t i = 0; i < patch->u.obj.len && all; i++)
      all = index_key(patch->u.obj.items[i].key, &ix);
    if (all) return merge_items(a, base, patch, mode, err);
  }
  const vb_value *from = base && base->kind == VB_OBJ ? base : NULL;
  size_t nb = from ? from->u.obj.len : 0, cap = nb + patch->u.obj.len;
  vb_value *obj = new_node(a, from ? from : patch);
  if (mode == VB_MERGE_SHARE) {
    obj->line = (from ? from : patch)->line;
    obj->col = (from ? from : patch)->col;
  }
  obj->u.obj.items = vb_arena_alloc(a, (cap ? cap : 1) * sizeof(vb_member));
  obj->u.obj.cap = cap;
  /* Members of base first, in their order; the patch's own after them. */
  for (size_t i = 0; i < nb; i++)
    obj->u.obj.items[i] = from->u.obj.items[i];
  obj->u.obj.len = nb;
  unsigned char *touched = calloc(cap ? cap : 1, 1);
  for (size_t i = 0; i < patch->u.obj.len; i++) {
    const char *k = patch->u.obj.items[i].key;
    const vb_value *pv = patch->u.obj.items[i].val;
    size_t at = obj->u.obj.len;
    for (size_t j = 0; j < obj->u.obj.len; j++)
      if (!strcmp(obj->u.obj.items[j].key, k)) {
        at = j;
        break;
      }
    if (pv->kind == VB_NULL) { /* removed */
      if (at < obj->u.obj.len) {
        memmove(&obj->u.obj.items[at], &obj->u.obj.items[at + 1],
                (obj->u.obj.len - at - 1) * sizeof(vb_member));
        memmove(&touched[at], &touched[at + 1], obj->u.obj.len - at - 1);
        obj->u.obj.len--;
      }
      continue;
    }
    /* Keys are unique in the patch (the JSON parser and the sheet header
     * refuse duplicates): each member of base is merged at most once. */
    const vb_value *was = at < obj->u.obj.len ? obj->u.obj.items[at].val : NULL;
    vb_value *m = merge(a, was, pv, mode, err);
    if (!m) {
      vb_buf_printf(err, " (trong \"%s\")", k);
      free(touched);
      return NULL;
    }
    if (at == obj->u.obj.len) {
      obj->u.obj.items[at].key = k;
      obj->u.obj.len++;
    }
    obj->u.obj.items[at].val = m;
    touched[at] = 1;
  }
  for (size_t i = 0; i < obj->u.obj.len; i++)
    if (!touched[i]) obj->u.obj.items[i].val = keep(a, obj->u.obj.items[i].val, mode);
  free(touched);
  return obj;
}

vb_value *vb_units_merge(vb_arena *a, const vb_value *base, const vb_value *patch,
                         vb_merge_mode mode, vb_buf *err) {
  if (!base && !patch) return NULL;
  return merge(a, base, patch, mode, err);
}
