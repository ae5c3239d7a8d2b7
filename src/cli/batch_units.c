/* Units files for `vanban batch`. See batch_units.h and docs/batch.md. */
#include "cli/batch_units.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "data/json.h"
#include "util/diag.h"
#include "util/fileio.h"

#define UNITS_MAX_BYTES (256u * 1024 * 1024)

static void push_unit(cli_units *u, vb_value *v) {
  if (u->n == u->cap) {
    u->cap = u->cap ? u->cap * 2 : 64;
    u->units = vb_xrealloc(u->units, u->cap * sizeof *u->units);
  }
  u->units[u->n++] = v;
}

static vb_value *load_json(vb_arena *a, const char *path, vb_diags *d) {
  char *text = NULL;
  size_t len = 0;
  if (vb_read_file(path, UNITS_MAX_BYTES, &text, &len, d) != 0) return NULL;
  vb_value *v = vb_json_parse(a, text, len, path, d);
  free(text);
  return v;
}

static char *where_of(const vb_value *v, vb_buf *b) {
  vb_buf_clear(b);
  if (v && v->line) vb_buf_printf(b, "line %u:%u", v->line, v->col);
  return b->data;
}

static int units_from_json(cli_units *u, const char *path, vb_diags *d) {
  vb_value *root = load_json(u->arena, path, d);
  if (!root) return -1;
  vb_value *list = root;
  vb_buf w = VB_BUF_INIT;
  int rc = 0;
  if (root->kind == VB_OBJ) {
    vb_value *chung = vb_obj_get(root, "chung");
    list = vb_obj_get(root, "don_vi");
    for (size_t i = 0; i < root->u.obj.len; i++) {
      const char *k = root->u.obj.items[i].key;
      if (strcmp(k, "chung") && strcmp(k, "don_vi") && k[0] != '_')
        vb_warn(d, VB_EDATA, path, where_of(root->u.obj.items[i].val, &w),
                "a units file has \"chung\" (shared data) and \"don_vi\" (the list of units)",
                "unknown field \"%s\" in a units file is ignored", k);
    }
    if (chung && chung->kind != VB_OBJ) {
      vb_error(d, VB_EDATA, path, where_of(chung, &w), NULL,
               "\"chung\" must be an object (the data every unit shares), not a %s",
               vb_vkind_name(chung->kind));
      rc = -1;
    } else if (chung) {
      vb_buf err = VB_BUF_INIT;
      u->shared = cli_units_merge(u->arena, u->shared, chung, &err);
      vb_buf_free(&err);
    }
    if (!list) {
      vb_error(d, VB_EDATA, path, NULL,
               "write {\"chung\": {…}, \"don_vi\": [ {…}, … ]} or a bare list [ {…}, … ]",
               "no \"don_vi\": the units file lists no units");
      rc = -1;
    }
  }
  if (rc == 0 && list->kind != VB_ARR) {
    vb_error(d, VB_EDATA, path, where_of(list, &w), NULL,
             "the units must be a list of objects, not a %s", vb_vkind_name(list->kind));
    rc = -1;
  }
  for (size_t i = 0; rc == 0 && i < list->u.arr.len; i++) {
    vb_value *it = list->u.arr.items[i];
    if (it->kind != VB_OBJ) {
      vb_error(d, VB_EDATA, path, where_of(it, &w), NULL, "unit %zu must be an object, not a %s",
               i + 1, vb_vkind_name(it->kind));
      rc = -1;
    } else {
      push_unit(u, it);
    }
  }
  vb_buf_free(&w);
  return rc;
}

/* ---- CSV ---------------------------------------------------------------- */

typedef struct csv {
  const char *s, *end;
  char delim;
  unsigned line;
} csv;

/* Next cell into out; *eol set at the end of a record; returns 0 at EOF
 * (no cell), 1 for a cell, -1 for an unterminated quote. */
static int csv_cell(csv *c, vb_buf *out, int *eol, int *quoted) {
  vb_buf_clear(out);
  *eol = 0;
  *quoted = 0;
  if (c->s >= c->end) return 0;
  if (*c->s == '"') {
    *quoted = 1;
    c->s++;
    for (;;) {
      if (c->s >= c->end) return -1;
      if (*c->s == '"') {
        if (c->s + 1 < c->end && c->s[1] == '"') {
          vb_buf_putc(out, '"');
          c->s += 2;
          continue;
        }
        c->s++;
        break;
      }
      if (*c->s == '\n') c->line++;
      vb_buf_putc(out, *c->s++);
    }
  }
  while (c->s < c->end && *c->s != c->delim && *c->s != '\n' && *c->s != '\r')
    vb_buf_putc(out, *c->s++);
  if (c->s < c->end && *c->s == c->delim) {
    c->s++;
  } else {
    if (c->s < c->end && *c->s == '\r') c->s++;
    if (c->s < c->end && *c->s == '\n') c->s++;
    *eol = 1;
    c->line++;
  }
  return 1;
}

static int is_json_number(const char *s) {
  const char *p = s;
  if (*p == '-') p++;
  if (*p == '0')
    p++;
  else if (*p >= '1' && *p <= '9')
    while (*p >= '0' && *p <= '9')
      p++;
  else
    return 0;
  if (*p == '.') {
    p++;
    if (!(*p >= '0' && *p <= '9')) return 0;
    while (*p >= '0' && *p <= '9')
      p++;
  }
  if (*p == 'e' || *p == 'E') {
    p++;
    if (*p == '+' || *p == '-') p++;
    if (!(*p >= '0' && *p <= '9')) return 0;
    while (*p >= '0' && *p <= '9')
      p++;
  }
  return *p == '\0';
}

/* Set path (dotted) in obj to v, creating objects on the way. */
static int set_path(vb_arena *a, vb_value *obj, const char *path, vb_value *v) {
  const char *dot = strchr(path, '.');
  if (!dot) {
    vb_obj_set(a, obj, path, v);
    return 0;
  }
  char *key = vb_arena_strndup(a, path, (size_t)(dot - path));
  vb_value *child = vb_obj_get(obj, key);
  if (!child) {
    child = vb_val_obj(a);
    vb_obj_set(a, obj, key, child);
  } else if (child->kind != VB_OBJ) {
    return -1;
  }
  return set_path(a, child, dot + 1, v);
}

static int units_from_csv(cli_units *u, const char *path, vb_diags *d) {
  char *text = NULL;
  size_t len = 0;
  if (vb_read_file(path, UNITS_MAX_BYTES, &text, &len, d) != 0) return -1;
  const char *s = text;
  if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) s += 3;
  /* The delimiter is whichever of , ; TAB the header line has most of
   * (Vietnamese-locale spreadsheets save with ";"). */
  size_t counts[3] = {0, 0, 0};
  int inq = 0;
  for (const char *p = s; p < text + len && (inq || (*p != '\n' && *p != '\r')); p++) {
    if (*p == '"')
      inq = !inq;
    else if (!inq)
      counts[0] += *p == ',', counts[1] += *p == ';', counts[2] += *p == '\t';
  }
  csv c = {s, text + len,
           counts[1] > counts[0] && counts[1] >= counts[2] ? ';'
           : counts[2] > counts[0]                         ? '\t'
                                                           : ',',
           1};
  vb_buf cell = VB_BUF_INIT, where = VB_BUF_INIT;
  char **cols = NULL;
  size_t ncols = 0, cap = 0;
  int rc = 0, eol = 0, quoted, r;
  /* Header: field paths. */
  while ((r = csv_cell(&c, &cell, &eol, &quoted)) == 1) {
    if (ncols == cap) {
      cap = cap ? cap * 2 : 16;
      cols = vb_xrealloc(cols, cap * sizeof *cols);
    }
    const char *h = vb_buf_cstr(&cell);
    while (*h == ' ')
      h++;
    size_t hl = strlen(h);
    while (hl && h[hl - 1] == ' ')
      hl--;
    cols[ncols++] = vb_arena_strndup(u->arena, h, hl);
    if (eol) break;
  }
  if (r < 0 || ncols == 0) {
    vb_error(d, VB_EDATA, path, "line 1",
             "the first line names the fields, e.g. _ma_don_vi,van_ban.dia_danh",
             r < 0 ? "unterminated quoted field in the header" : "empty file: no header line");
    rc = -1;
  }
  for (size_t i = 0; rc == 0 && i < ncols; i++) {
    const char *h = cols[i];
    if (!*h) continue;
    if (h[0] == '.' || h[strlen(h) - 1] == '.' || strstr(h, "..")) {
      vb_buf_clear(&where);
      vb_buf_printf(&where, "line 1, column %zu", i + 1);
      vb_error(d, VB_EDATA, path, where.data, "write a path such as van_ban.dia_danh",
               "bad field path \"%s\"", h);
      rc = -1;
    }
    for (size_t k = 0; k < i && rc == 0; k++)
      if (!strcmp(cols[k], h)) {
        vb_buf_clear(&where);
        vb_buf_printf(&where, "line 1, column %zu", i + 1);
        vb_error(d, VB_EDATA, path, where.data, NULL, "the field \"%s\" is named twice", h);
        rc = -1;
      }
  }
  /* Rows. */
  while (rc == 0 && c.s < c.end) {
    unsigned line = c.line;
    vb_value *row = vb_val_obj(u->arena);
    row->line = line;
    row->col = 1;
    row->src = path;
    size_t col = 0;
    int any = 0;
    do {
      r = csv_cell(&c, &cell, &eol, &quoted);
      if (r < 0) {
        vb_buf_clear(&where);
        vb_buf_printf(&where, "line %u", line);
        vb_error(d, VB_EDATA, path, where.data,
                 "close the quote (a \" inside a quoted field is written \"\")",
                 "unterminated quoted field");
        rc = -1;
        break;
      }
      if (r == 0) break;
      col++;
      const char *v = vb_buf_cstr(&cell);
      if (!*v && !quoted) continue;
      any = 1;
      vb_buf_clear(&where);
      vb_buf_printf(&where, "line %u, column %zu", line, col);
      if (col > ncols) {
        vb_error(d, VB_EDATA, path, where.data, "add a header for it or remove the value",
                 "a value in a column that has no header");
        rc = -1;
        break;
      }
      const char *h = cols[col - 1];
      if (!*h) continue;
      vb_value *val;
      if (quoted)
        val = vb_val_strz(u->arena, v);
      else if (is_json_number(v))
        val = vb_val_num(u->arena, strtod(v, NULL));
      else if (!strcmp(v, "true") || !strcmp(v, "false"))
        val = vb_val_bool(u->arena, v[0] == 't');
      else if (!strcmp(v, "null"))
        val = vb_val_null(u->arena);
      else if (v[0] == '[' || v[0] == '{') {
        val = vb_json_parse(u->arena, v, strlen(v), where.data, d);
        if (!val) {
          char *name = vb_xasprintf("%s, %s", path, where.data);
          vb_error(d, VB_EDATA, name, NULL, "quote the cell to keep it as text",
                   "the cell starts with %c but is not valid JSON", v[0]);
          free(name);
          rc = -1;
          break;
        }
      } else {
        val = vb_val_strz(u->arena, v);
      }
      val->line = line;
      val->col = (uint32_t)col;
      if (set_path(u->arena, row, h, val) != 0) {
        vb_error(d, VB_EDATA, path, where.data, NULL,
                 "the field \"%s\" is inside another column's value", h);
        rc = -1;
        break;
      }
    } while (!eol);
    if (rc == 0 && any) push_unit(u, row);
  }
  free(cols);
  vb_buf_free(&cell);
  vb_buf_free(&where);
  free(text);
  return rc;
}

int cli_units_load(cli_units *u, const char *path, const char *shared_path, vb_diags *d) {
  memset(u, 0, sizeof *u);
  u->arena = vb_arena_new();
  u->shared = vb_val_obj(u->arena);
  if (shared_path) {
    vb_value *s = load_json(u->arena, shared_path, d);
    if (!s) return -1;
    if (s->kind != VB_OBJ) {
      vb_error(d, VB_EDATA, shared_path, "$", NULL,
               "the shared data must be a JSON object, not a %s", vb_vkind_name(s->kind));
      return -1;
    }
    u->shared = s;
  }
  const char *ext = cli_ext(path);
  int rc = !strcmp(ext, "csv") || !strcmp(ext, "tsv") ? units_from_csv(u, path, d)
                                                      : units_from_json(u, path, d);
  if (rc == 0 && u->n == 0) {
    vb_error(d, VB_EDATA, path, NULL, NULL, "the units file lists no units");
    rc = -1;
  }
  return rc;
}

void cli_units_free(cli_units *u) {
  vb_arena_free(u->arena);
  free(u->units);
  memset(u, 0, sizeof *u);
}

/* ---- merge ----------------------------------------------------------------- */

static int index_key(const char *k, size_t *out) {
  if (!*k || strlen(k) > 9) return 0;
  for (const char *p = k; *p; p++)
    if (*p < '0' || *p > '9') return 0;
  if (k[0] == '0' && k[1]) return 0;
  *out = (size_t)strtoul(k, NULL, 10);
  return 1;
}

vb_value *cli_units_merge(vb_arena *a, const vb_value *base, const vb_value *patch, vb_buf *err) {
  if (!patch) return (vb_value *)base;
  if (patch->kind != VB_OBJ) return (vb_value *)patch;
  if (base && base->kind == VB_ARR) {
    int all = patch->u.obj.len > 0;
    size_t ix;
    for (size_t i = 0; i < patch->u.obj.len && all; i++)
      all = index_key(patch->u.obj.items[i].key, &ix);
    if (all) {
      vb_value *arr = vb_val_arr(a);
      *arr = *base;
      arr->u.arr.items =
          vb_arena_alloc(a, (base->u.arr.len ? base->u.arr.len : 1) * sizeof(vb_value *));
      arr->u.arr.cap = base->u.arr.len;
      if (base->u.arr.len)
        memcpy(arr->u.arr.items, base->u.arr.items, base->u.arr.len * sizeof(vb_value *));
      for (size_t i = 0; i < patch->u.obj.len; i++) {
        index_key(patch->u.obj.items[i].key, &ix);
        if (ix >= arr->u.arr.len) {
          vb_buf_printf(err, "index %zu is past the end of a list of %zu item(s)", ix,
                        arr->u.arr.len);
          return NULL;
        }
        const vb_value *pv = patch->u.obj.items[i].val;
        vb_value *m = cli_units_merge(a, arr->u.arr.items[ix], pv, err);
        if (!m) return NULL;
        arr->u.arr.items[ix] = m;
      }
      return arr;
    }
  }
  vb_value *obj = vb_val_obj(a);
  if (base && base->kind == VB_OBJ) {
    *obj = *base;
    obj->u.obj.cap = base->u.obj.len;
    obj->u.obj.items =
        vb_arena_alloc(a, (base->u.obj.len ? base->u.obj.len : 1) * sizeof(vb_member));
    if (base->u.obj.len)
      memcpy(obj->u.obj.items, base->u.obj.items, base->u.obj.len * sizeof(vb_member));
  } else {
    obj->line = patch->line;
    obj->col = patch->col;
    obj->src = patch->src;
  }
  for (size_t i = 0; i < patch->u.obj.len; i++) {
    const char *k = patch->u.obj.items[i].key;
    const vb_value *pv = patch->u.obj.items[i].val;
    if (pv->kind == VB_NULL) {
      for (size_t j = 0; j < obj->u.obj.len; j++)
        if (!strcmp(obj->u.obj.items[j].key, k)) {
          memmove(&obj->u.obj.items[j], &obj->u.obj.items[j + 1],
                  (obj->u.obj.len - j - 1) * sizeof(vb_member));
          obj->u.obj.len--;
          break;
        }
      continue;
    }
    vb_value *m = cli_units_merge(a, vb_obj_get(obj, k), pv, err);
    if (!m) {
      vb_buf_printf(err, " (in \"%s\")", k);
      return NULL;
    }
    vb_obj_set(a, obj, k, m);
  }
  return obj;
}

/* ---- JSON out ------------------------------------------------------------------ */

void cli_units_json(vb_buf *b, const vb_value *v) { vb_json_write(b, v, VB_JSON_COMPACT); }

/* ---- lookup and output names ------------------------------------------------------ */

const vb_value *cli_units_lookup(const vb_value *v, const char *path, size_t len) {
  const char *p = path, *end = path + len;
  while (v && p < end) {
    const char *dot = memchr(p, '.', (size_t)(end - p));
    size_t n = dot ? (size_t)(dot - p) : (size_t)(end - p);
    if (v->kind == VB_OBJ) {
      v = vb_obj_getn(v, p, n);
    } else if (v->kind == VB_ARR) {
      char key[16];
      size_t ix;
      if (n >= sizeof key) return NULL;
      memcpy(key, p, n);
      key[n] = '\0';
      v = index_key(key, &ix) && ix < v->u.arr.len ? v->u.arr.items[ix] : NULL;
    } else {
      return NULL;
    }
    p += n + (dot ? 1 : 0);
  }
  return v;
}

static void put_safe(vb_buf *out, const char *s, size_t n) {
  size_t start = out->len;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f)
      vb_buf_putc(out, '-');
    else if (c == '.' &&
             (out->len == start || (i + 1 < n && s[i + 1] == '.') || (i > 0 && s[i - 1] == '.')))
      vb_buf_putc(out, '_'); /* no "..", no hidden files */
    else
      vb_buf_putc(out, (char)c);
  }
}

static size_t count_dotdot(const char *p) {
  size_t n = 0;
  for (const char *s = p; *s;) {
    size_t l = strcspn(s, "/");
    if (l == 2 && s[0] == '.' && s[1] == '.') n++;
    s += l;
    if (*s == '/') s++;
  }
  return n;
}

int cli_units_output(const char *pattern, const vb_value *data, size_t number, size_t total,
                     vb_buf *out, vb_buf *err) {
  vb_buf_clear(out);
  for (const char *p = pattern; *p;) {
    if (p[0] == '{' && p[1] == '{') {
      vb_buf_putc(out, '{');
      p += 2;
      continue;
    }
    if (p[0] == '}' && p[1] == '}') {
      vb_buf_putc(out, '}');
      p += 2;
      continue;
    }
    if (*p != '{') {
      vb_buf_putc(out, *p++);
      continue;
    }
    const char *close = strchr(p, '}');
    if (!close) {
      vb_buf_printf(err, "the output pattern has a '{' without '}' (write {{ for a brace)");
      return -1;
    }
    const char *f = p + 1;
    size_t n = (size_t)(close - f);
    if (n == 1 && *f == '#') {
      int width = 1;
      for (size_t t = total; t >= 10; t /= 10)
        width++;
      vb_buf_printf(out, "%0*zu", width, number);
      p = close + 1;
      continue;
    }
    const vb_value *v = cli_units_lookup(data, f, n);
    if (!v) {
      char *alt = vb_xasprintf("_%.*s", (int)n, f);
      v = cli_units_lookup(data, alt, n + 1);
      free(alt);
    }
    if (!v) {
      vb_buf_printf(err, "the output pattern's field {%.*s} is not in the unit's data", (int)n, f);
      return -1;
    }
    size_t before = out->len;
    if (v->kind == VB_STR) {
      put_safe(out, v->u.str.s, v->u.str.len);
    } else if (v->kind == VB_NUM) {
      vb_buf tmp = VB_BUF_INIT;
      cli_units_json(&tmp, v);
      put_safe(out, tmp.data, tmp.len);
      vb_buf_free(&tmp);
    } else {
      vb_buf_printf(err, "the output pattern's field {%.*s} is a %s, not a text or a number",
                    (int)n, f, vb_vkind_name(v->kind));
      return -1;
    }
    if (out->len == before) {
      vb_buf_printf(err, "the output pattern's field {%.*s} is empty", (int)n, f);
      return -1;
    }
    p = close + 1;
  }
  if (count_dotdot(vb_buf_cstr(out)) > count_dotdot(pattern)) {
    vb_buf_printf(err, "the output name \"%s\" would leave its directory", vb_buf_cstr(out));
    return -1;
  }
  return 0;
}
