/* Reading a unit list: a JSON file, or a sheet (CSV, XLSX, ODS) read through
 * src/sheet whose header row names the fields. See units.h and
 * docs/batch.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "batch/units.h"
#include "data/json.h"
#include "sheet/sheet.h"
#include "util/diag.h"

/* A units file is text or a small workbook; anything near this is a mistake. */
#define UNITS_MAX_BYTES (256u * 1024 * 1024)

static void push_tree(vb_unit_list *u, vb_value *v) {
  if (u->n == u->cap) {
    u->cap = u->cap ? u->cap * 2 : 64;
    u->trees = vb_xrealloc(u->trees, u->cap * sizeof *u->trees);
  }
  u->trees[u->n++] = v;
}

static void push_at(vb_unit_list *u, uint64_t offset, uint32_t row, uint32_t line) {
  if (u->n == u->cap) {
    u->cap = u->cap ? u->cap * 2 : 64;
    u->at = vb_xrealloc(u->at, u->cap * sizeof *u->at);
  }
  u->at[u->n++] = (vb_unit_at){offset, row, line};
}

static vb_value *load_json(vb_arena *a, const char *path, vb_diags *d) {
  return vb_json_parse_file(a, path, UNITS_MAX_BYTES, path, d, NULL);
}

static const char *where_of(const vb_value *v, vb_buf *b) {
  vb_buf_clear(b);
  if (v && v->line) vb_buf_printf(b, "dòng %u, cột %u", v->line, v->col);
  return b->data;
}

static int units_from_json(vb_unit_list *u, const char *path, vb_diags *d) {
  vb_value *root = load_json(u->arena, path, d);
  if (!root) return -1;
  vb_value *list = root;
  vb_buf w = VB_BUF_INIT;
  int rc = 0;
  if (!u->trees) u->trees = vb_xcalloc(1, sizeof *u->trees); /* a JSON list, even if empty */
  if (root->kind == VB_OBJ) {
    vb_value *chung = vb_obj_get(root, "chung");
    list = vb_obj_get(root, "don_vi");
    for (size_t i = 0; i < root->u.obj.len; i++) {
      const char *k = root->u.obj.items[i].key;
      if (strcmp(k, "chung") && strcmp(k, "don_vi") && k[0] != '_')
        vb_warn_rule(d, VB_EDATA, "batch.unknown-field", path,
                     where_of(root->u.obj.items[i].val, &w),
                     "tệp danh sách đơn vị có \"chung\" (dữ liệu chung) và \"don_vi\" (danh sách "
                     "đơn vị)",
                     "trường \"%s\" lạ trong tệp danh sách đơn vị: bỏ qua", k);
    }
    if (chung && chung->kind != VB_OBJ) {
      vb_error_rule(
          d, VB_EDATA, "batch.units", path, where_of(chung, &w),
          "viết \"chung\": { … } với các trường chung cho mọi đơn vị",
          "\"chung\" phải là một đối tượng (dữ liệu mọi đơn vị dùng chung), không phải %s",
          vb_vkind_name(chung->kind));
      rc = -1;
    } else if (chung) {
      vb_buf err = VB_BUF_INIT;
      u->shared = vb_units_merge(u->arena, u->shared, chung, VB_MERGE_SHARE, &err);
      vb_buf_free(&err);
    }
    if (!list) {
      vb_error_rule(
          d, VB_EDATA, "batch.units", path, NULL,
          "viết {\"chung\": {…}, \"don_vi\": [ {…}, … ]} hoặc chỉ một danh sách [ {…}, … ]",
          "không có \"don_vi\": tệp danh sách đơn vị không có đơn vị nào");
      rc = -1;
    }
  }
  if (rc == 0 && list->kind != VB_ARR) {
    vb_error_rule(d, VB_EDATA, "batch.units", path, where_of(list, &w),
                  "viết các đơn vị thành một danh sách [ {…}, {…} ]",
                  "các đơn vị phải là một danh sách các đối tượng, không phải %s",
                  vb_vkind_name(list->kind));
    rc = -1;
  }
  for (size_t i = 0; rc == 0 && i < list->u.arr.len; i++) {
    vb_value *it = list->u.arr.items[i];
    if (it->kind != VB_OBJ) {
      vb_error_rule(d, VB_EDATA, "batch.units", path, where_of(it, &w),
                    "viết mỗi đơn vị thành một đối tượng { … } với dữ liệu riêng của nó",
                    "đơn vị %zu phải là một đối tượng, không phải %s", i + 1,
                    vb_vkind_name(it->kind));
      rc = -1;
    } else {
      push_tree(u, it);
    }
  }
  vb_buf_free(&w);
  return rc;
}

/* ---- sheets ----------------------------------------------------------------- */

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

/* Builds units from a sheet's rows, into arena a. */
typedef struct sheet_reader {
  const vb_unit_list *u; /* path, sheet name, header, typed */
  vb_arena *a;
  vb_diags *d;
} sheet_reader;

static const char *cell_name(sheet_reader *r, uint32_t row, uint32_t col) {
  return vb_cellref_name(r->a, r->u->sheet_name, row, col);
}

/* The value a cell gives its field, or NULL on an error (in d). A cell whose
 * value is null removes the field from the unit's data (the merge rule). */
static vb_value *cell_value(sheet_reader *r, const vb_cell *c, uint32_t row) {
  vb_arena *a = r->a;
  const char *path = r->u->path;
  int csv = r->u->typed;
  const char *where = cell_name(r, row, c->col);
  vb_value *v = NULL;
  switch (c->type) {
  case VB_CELL_NUMBER: v = vb_val_num(a, c->num); break;
  case VB_CELL_BOOL: v = vb_val_bool(a, c->num != 0); break;
  case VB_CELL_DATE: v = vb_val_strz(a, c->text); break;
  case VB_CELL_ERROR:
    vb_error_rule(r->d, VB_EDATA, "batch.cell", path, where, "sửa công thức, hoặc gõ giá trị vào ô",
                  "ô chứa lỗi công thức (%s)", c->text);
    return NULL;
  case VB_CELL_TEXT: {
    const char *t = c->text;
    if (c->flags & VB_CELL_QUOTED) {
      v = vb_val_strz(a, t);
    } else if (!strcmp(t, "null")) {
      v = vb_val_null(a);
    } else if (t[0] == '[' || t[0] == '{') {
      char *name = vb_xasprintf("%s, %s", path, where);
      size_t errors = vb_diags_errors(r->d);
      v = vb_json_parse(a, t, strlen(t), vb_arena_strdup(a, name), r->d);
      free(name);
      if (!v) {
        vb_error_rule(r->d, VB_EDATA, "batch.cell", path, where,
                      csv ? "đặt ô trong ngoặc kép để giữ nó là chữ" : "viết JSON hợp lệ trong ô",
                      "ô bắt đầu bằng %c nhưng không phải JSON hợp lệ", t[0]);
        return NULL;
      }
      if (vb_diags_errors(r->d) > errors) return NULL;
    } else if (csv && (!strcmp(t, "true") || !strcmp(t, "false"))) {
      v = vb_val_bool(a, t[0] == 't');
    } else if (csv && is_json_number(t)) {
      double x = strtod(t, NULL);
      if (!isfinite(x)) {
        vb_error_rule(r->d, VB_EDATA, "batch.cell", path, where,
                      "đặt ô trong ngoặc kép để giữ nó là chữ", "số %s quá lớn để tính toán", t);
        return NULL;
      }
      v = vb_val_num(a, x);
    } else {
      v = vb_val_strz(a, t);
    }
    break;
  }
  default: return NULL;
  }
  v->src = where;
  v->line = v->col = 0;
  return v;
}

/* Set a dotted path in obj to v, making objects on the way; -1 when a part of
 * the path already holds something else. */
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
    child->src = obj->src;
    vb_obj_set(a, obj, key, child);
  } else if (child->kind != VB_OBJ) {
    return -1;
  }
  return set_path(a, child, dot + 1, v);
}

/* The header row: one field path per column ("" for a column without one). */
static const char **read_header(sheet_reader *r, const vb_srow *hr, uint32_t *ncols) {
  vb_arena *a = r->a;
  uint32_t n = hr->n ? hr->cells[hr->n - 1].col + 1 : 0;
  const char **cols = vb_arena_alloc(a, (n ? n : 1) * sizeof(char *));
  for (uint32_t i = 0; i < n; i++)
    cols[i] = "";
  int bad = 0;
  for (uint32_t k = 0; k < hr->n; k++) {
    const vb_cell *c = &hr->cells[k];
    const char *where = cell_name(r, hr->row, c->col);
    if (c->type != VB_CELL_TEXT) {
      vb_buf t = VB_BUF_INIT;
      vb_cell_display(c, &t);
      vb_error_rule(r->d, VB_EDATA, "batch.header", r->u->path, where,
                    "dòng đầu ghi tên các trường, ví dụ _ma_don_vi, van_ban.dia_danh",
                    "tiêu đề \"%s\" không phải đường dẫn trường", vb_buf_cstr(&t));
      vb_buf_free(&t);
      bad = 1;
      continue;
    }
    const char *h = c->text;
    while (*h == ' ')
      h++;
    size_t hl = strlen(h);
    while (hl && h[hl - 1] == ' ')
      hl--;
    char *f = vb_arena_strndup(a, h, hl);
    if (hl && (f[0] == '.' || f[hl - 1] == '.' || strstr(f, ".."))) {
      vb_error_rule(r->d, VB_EDATA, "batch.header", r->u->path, where,
                    "viết một đường dẫn như van_ban.dia_danh", "đường dẫn trường sai \"%s\"", f);
      bad = 1;
    }
    for (uint32_t j = 0; hl && j < c->col; j++)
      if (!strcmp(cols[j], f)) {
        vb_error_rule(r->d, VB_EDATA, "batch.header", r->u->path, where,
                      "mỗi trường chỉ ghi ở một cột: xoá hoặc đổi tên cột thừa",
                      "trường \"%s\" được ghi hai lần", f);
        bad = 1;
      }
    cols[c->col] = f;
  }
  *ncols = n;
  return bad ? NULL : cols;
}

/* A unit from its row, or NULL on an error (in r->d). */
static vb_value *unit_of_row(sheet_reader *r, const vb_srow *row) {
  const char *path = r->u->path;
  vb_value *unit = vb_val_obj(r->a);
  unit->src = cell_name(r, row->row, 0);
  for (uint32_t k = 0; k < row->n; k++) {
    const vb_cell *c = &row->cells[k];
    if (c->col >= r->u->ncols) {
      vb_error_rule(r->d, VB_EDATA, "batch.header", path, cell_name(r, row->row, c->col),
                    "thêm tiêu đề cho cột này hoặc xoá giá trị",
                    "giá trị nằm ở cột không có tiêu đề");
      return NULL;
    }
    const char *f = r->u->cols[c->col];
    if (!*f) continue; /* a column without a header: notes, not data */
    vb_value *v = cell_value(r, c, row->row);
    if (!v) return NULL;
    if (set_path(r->a, unit, f, v) != 0) {
      vb_error_rule(r->d, VB_EDATA, "batch.header", path, cell_name(r, row->row, c->col),
                    "bỏ một trong hai cột: một cột đã ghi cả giá trị chứa trường này",
                    "trường \"%s\" nằm trong giá trị của một cột khác", f);
      return NULL;
    }
  }
  return unit;
}

static void empty_sheet(const vb_unit_list *u, vb_diags *d) {
  vb_error_rule(d, VB_EDATA, "batch.units", u->path, NULL,
                "dòng đầu ghi tên các trường, ví dụ _ma_don_vi, van_ban.dia_danh; sau đó mỗi "
                "đơn vị một dòng",
                "trang \"%s\" trống", u->sheet_name);
}

/* The header row, then each unit checked (built in a scratch arena and
 * dropped): the list keeps where the units are, not what they hold. */
static int take_header(vb_unit_list *u, const vb_srow *hr, vb_diags *d) {
  sheet_reader r = {u, u->arena, d};
  u->cols = read_header(&r, hr, &u->ncols);
  return u->cols ? 0 : -1;
}

static int check_unit(vb_unit_list *u, vb_arena *scratch, const vb_srow *row, vb_diags *d) {
  vb_arena_reset(scratch);
  sheet_reader r = {u, scratch, d};
  return unit_of_row(&r, row) ? 0 : -1;
}

/* A workbook: its rows stay in memory (a zip of XML is read whole). */
static int units_from_book(vb_unit_list *u, const char *path, vb_diags *d) {
  vb_book *b = vb_book_open_flags(path, VB_BOOK_EMPTY_QUOTED, d);
  vb_sheet *s = b ? vb_book_sheet(b, NULL, d) : NULL;
  if (!s) {
    vb_book_free(b);
    return -1;
  }
  u->book = b;
  u->sheet = s;
  u->sheet_name = s->name;
  if (!s->nrows) {
    empty_sheet(u, d);
    return -1;
  }
  if (take_header(u, &s->rows[0], d) != 0) return -1;
  vb_arena *scratch = vb_arena_new();
  int rc = 0;
  for (size_t i = 1; rc == 0 && i < s->nrows; i++) {
    rc = check_unit(u, scratch, &s->rows[i], d);
    if (rc == 0) push_at(u, i, s->rows[i].row, 0);
  }
  vb_arena_free(scratch);
  return rc;
}

/* A CSV file: read record by record; each unit's record is read again when
 * the unit is asked for. */
static int units_from_csv(vb_unit_list *u, const char *path, vb_diags *d) {
  u->csv = vb_csv_stream_open(path, VB_BOOK_EMPTY_QUOTED, d);
  if (!u->csv) return -1;
  u->sheet_name = vb_arena_strdup(u->arena, vb_csv_stream_sheet(u->csv));
  vb_arena *scratch = vb_arena_new();
  vb_csv_pos pos = vb_csv_stream_start(u->csv);
  int rc = 0, header = 0;
  for (;;) {
    vb_csv_pos at = pos;
    vb_book *b = NULL;
    int got = vb_csv_stream_read(u->csv, &pos, &b, d);
    if (got <= 0) {
      rc = got;
      break;
    }
    const vb_sheet *s = b->sheets[0];
    if (s->nrows && !header) {
      header = 1;
      rc = take_header(u, &s->rows[0], d);
    } else if (s->nrows) {
      rc = check_unit(u, scratch, &s->rows[0], d);
      if (rc == 0) push_at(u, at.offset, at.row, at.line);
    }
    vb_book_free(b);
    if (rc != 0) break;
  }
  vb_arena_free(scratch);
  if (rc == 0 && !header) {
    empty_sheet(u, d);
    rc = -1;
  }
  return rc;
}

vb_value *vb_unit_list_get(const vb_unit_list *u, size_t i, vb_arena *a, vb_diags *d) {
  if (!u || i >= u->n) return NULL;
  if (u->trees) return u->trees[i];
  /* Checked when the list was read: any message now is only that the file
   * changed since (its warnings were given then). */
  vb_diags *again = vb_diags_new();
  sheet_reader r = {u, a, again};
  vb_value *v = NULL;
  if (u->csv) {
    vb_csv_pos pos = {u->at[i].offset, u->at[i].row, u->at[i].line};
    vb_book *b = NULL;
    if (vb_csv_stream_read(u->csv, &pos, &b, again) == 1 && b->sheets[0]->nrows == 1 &&
        b->sheets[0]->rows[0].row == u->at[i].row)
      v = unit_of_row(&r, &b->sheets[0]->rows[0]);
    vb_book_free(b);
  } else {
    v = unit_of_row(&r, &u->sheet->rows[u->at[i].offset]);
  }
  if (!v || vb_diags_errors(again)) {
    v = NULL;
    const char *where = vb_cellref_name(a, u->sheet_name, u->at[i].row, 0);
    vb_error_rule(d, VB_EDATA, "batch.units", u->path, where,
                  "không sửa tệp danh sách đơn vị khi lô đang chạy; chạy lại lô",
                  "tệp danh sách đơn vị đã thay đổi từ khi đọc: không đọc lại được đơn vị %zu",
                  i + 1);
  }
  vb_diags_free(again);
  return v;
}

/* ---- the list --------------------------------------------------------------- */

static const char *ext_of(const char *path) {
  const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
  return dot && (!slash || dot > slash) ? dot + 1 : "";
}

int vb_unit_list_read(vb_unit_list *u, const char *path, const char *shared_path, vb_diags *d) {
  memset(u, 0, sizeof *u);
  u->arena = vb_arena_new();
  u->path = vb_arena_strdup(u->arena, path ? path : "");
  u->shared = vb_val_obj(u->arena);
  if (!path) return -1;
  if (shared_path) {
    vb_value *s = load_json(u->arena, shared_path, d);
    if (!s) return -1;
    if (s->kind != VB_OBJ) {
      vb_error_rule(d, VB_EDATA, "batch.units", shared_path, "$", "viết dữ liệu chung trong { … }",
                    "dữ liệu chung phải là một đối tượng JSON, không phải %s",
                    vb_vkind_name(s->kind));
      return -1;
    }
    u->shared = s;
  }
  const char *ext = ext_of(path);
  int csv = !strcasecmp(ext, "csv") || !strcasecmp(ext, "tsv") || !strcasecmp(ext, "txt");
  struct stat st;
  int rc;
  u->typed = csv;
  if (csv && stat(path, &st) == 0 && S_ISREG(st.st_mode))
    rc = units_from_csv(u, path, d);
  else if (csv || !strcasecmp(ext, "xlsx") || !strcasecmp(ext, "xlsm") || !strcasecmp(ext, "ods") ||
           !strcasecmp(ext, "fods"))
    rc = units_from_book(u, path, d); /* a pipe cannot be read again: read whole */
  else
    rc = units_from_json(u, path, d);
  if (rc == 0 && u->n == 0) {
    vb_error_rule(d, VB_EDATA, "batch.units", path, NULL, "thêm ít nhất một đơn vị",
                  "tệp danh sách đơn vị không có đơn vị nào");
    rc = -1;
  }
  return rc;
}

void vb_unit_list_free(vb_unit_list *u) {
  vb_arena_free(u->arena);
  free(u->trees);
  free(u->at);
  vb_csv_stream_close(u->csv);
  vb_book_free(u->book);
  memset(u, 0, sizeof *u);
}
