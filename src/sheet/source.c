/* "source" references in a data file: where a list would be written in JSON,
 * an object names a sheet and its columns, and the sheet's rows take the
 * list's place before the document model sees the data. */
#include <stdlib.h>
#include <string.h>

#include "sheet/sheet.h"
#include "util/diag.h"

typedef struct cache {
  char *path[16];
  vb_book *book[16];
  int n;
} cache;

/* The workbook at path, opened once per data file. */
static vb_book *open_cached(cache *c, const char *path, vb_diags *d) {
  for (int i = 0; i < c->n; i++)
    if (!strcmp(c->path[i], path)) return c->book[i];
  vb_book *b = vb_book_open(path, d);
  if (b && c->n < 16) {
    c->path[c->n] = vb_xstrdup(path);
    c->book[c->n++] = b;
  } else if (b) {
    /* more than 16 workbooks: keep the last one open in the last slot */
    vb_book_free(c->book[15]);
    free(c->path[15]);
    c->path[15] = vb_xstrdup(path);
    c->book[15] = b;
  }
  return b;
}

static int config_key(const char *k) {
  return !strcmp(k, "source") || !strcmp(k, "cot") || !strcmp(k, "dong_tieu_de");
}

/* The list a reference stands for; NULL on error. */
static vb_value *load(vb_arena *a, cache *c, const vb_value *ref, vb_map_kind kind,
                      const char *data_name, const char *cfg_path, int *grouped, vb_diags *d) {
  const vb_value *src = vb_obj_get(ref, "source");
  const vb_value *cot = vb_obj_get(ref, "cot");
  const vb_value *hdr = vb_obj_get(ref, "dong_tieu_de");
  int bad = 0;
  if (!src || src->kind != VB_STR || !src->u.str.len) {
    vb_error(d, VB_EDATA, data_name, cfg_path, "write \"source\": \"chi-tieu.xlsx#Sheet1\"",
             "\"source\" must name a spreadsheet");
    bad = 1;
  }
  if (cot && cot->kind != VB_OBJ) {
    vb_error(d, VB_EDATA, data_name, cfg_path,
             "write \"cot\": {\"ma\": \"TT\", \"yeu_cau\": \"Nội dung\", …}",
             "\"cot\" must be an object from field to column header or letter");
    bad = 1;
  }
  uint32_t header = 0;
  if (hdr && (hdr->kind != VB_NUM || hdr->u.num < 0 || hdr->u.num > VB_SHEET_MAX_ROWS ||
              hdr->u.num != (double)(uint32_t)hdr->u.num)) {
    vb_error(d, VB_EDATA, data_name, cfg_path, "write the row number as the sheet shows it, e.g. 3",
             "\"dong_tieu_de\" must be a row number");
    bad = 1;
  } else if (hdr) {
    header = (uint32_t)hdr->u.num;
  }
  if (bad) return NULL;
  /* "dir/chi-tieu.xlsx#Phụ lục 02": the sheet follows the first '#' of the
   * file name part. */
  const char *s = src->u.str.s;
  const char *slash = strrchr(s, '/');
  const char *hash = strchr(slash ? slash : s, '#');
  char *file = vb_xstrndup(s, hash ? (size_t)(hash - s) : strlen(s));
  const char *sheet_name = hash ? hash + 1 : NULL;
  char *full;
  const char *dslash = data_name ? strrchr(data_name, '/') : NULL;
  if (file[0] == '/' || !dslash)
    full = vb_xstrdup(file);
  else
    full = vb_xasprintf("%.*s/%s", (int)(dslash - data_name), data_name, file);
  vb_value *out = NULL;
  vb_book *b = open_cached(c, full, d);
  vb_sheet *sh = b ? vb_book_sheet(b, sheet_name, d) : NULL;
  vb_map map;
  if (sh &&
      vb_map_columns(sh, kind, cot && cot->kind == VB_OBJ ? cot : NULL,
                     hdr ? (header ? header : UINT32_MAX) : 0, &map, data_name, cfg_path, d) == 0) {
    out = vb_map_rows(a, sh, &map, full, grouped, d);
    if (out && out->u.arr.len == 0) {
      vb_error(d, VB_EDATA, full, sh->name, "check \"dong_tieu_de\" and the sheet's name",
               "sheet \"%s\" has no rows below its header", sh->name);
      out = NULL;
    }
  }
  free(file);
  free(full);
  return out;
}

int vb_sheet_resolve(vb_arena *a, vb_value *root, const char *data_name, vb_diags *d) {
  if (!root || root->kind != VB_OBJ) return 0;
  cache c = {.n = 0};
  int rc = 0;
  vb_value *nct = vb_obj_get(root, "nhom_chi_tieu");
  if (nct && nct->kind == VB_OBJ && vb_obj_get(nct, "source")) {
    for (size_t i = 0; i < nct->u.obj.len; i++) {
      const char *k = nct->u.obj.items[i].key;
      if (!config_key(k) && k[0] != '_') {
        vb_buf w = VB_BUF_INIT;
        vb_buf_printf(&w, "$.nhom_chi_tieu.%s", k);
        vb_error(d, VB_EDATA, data_name, w.data, "the keys are source, cot and dong_tieu_de",
                 "unknown key \"%s\" in a spreadsheet reference", k);
        vb_buf_free(&w);
        rc = -1;
      }
    }
    int grouped;
    vb_value *list =
        rc ? NULL : load(a, &c, nct, VB_MAP_INDICATORS, data_name, "$.nhom_chi_tieu", &grouped, d);
    if (list)
      vb_obj_set(a, root, "nhom_chi_tieu", list);
    else
      rc = -1;
  }
  vb_value *pl = vb_obj_get(root, "phu_luc");
  for (size_t i = 0; pl && pl->kind == VB_ARR && i < pl->u.arr.len; i++) {
    vb_value *p = pl->u.arr.items[i];
    if (p->kind != VB_OBJ || !vb_obj_get(p, "source")) continue;
    vb_buf path = VB_BUF_INIT;
    vb_buf_printf(&path, "$.phu_luc[%zu]", i);
    const vb_value *kieu = vb_obj_get(p, "kieu");
    if (kieu && !(kieu->kind == VB_STR && !strcmp(kieu->u.str.s, "van_ban"))) {
      vb_error(d, VB_EDATA, data_name, path.data,
               "an indicator appendix is generated from nhom_chi_tieu: give its source there",
               "\"source\" is only for appendices of kieu \"van_ban\"");
      rc = -1;
    } else if (vb_obj_get(p, "nhom") || vb_obj_get(p, "dong")) {
      vb_error(d, VB_EDATA, data_name, path.data, "keep either the rows or the source",
               "an appendix with \"source\" cannot also list \"nhom\" or \"dong\"");
      rc = -1;
    } else {
      int grouped = 0;
      vb_value *list = load(a, &c, p, VB_MAP_DOCUMENTS, data_name, path.data, &grouped, d);
      if (!list) {
        rc = -1;
      } else {
        /* The appendix without the reference's keys, plus the rows. */
        vb_value *np = vb_val_obj(a);
        np->line = p->line, np->col = p->col, np->src = p->src;
        for (size_t k = 0; k < p->u.obj.len; k++)
          if (!config_key(p->u.obj.items[k].key))
            vb_obj_set(a, np, p->u.obj.items[k].key, p->u.obj.items[k].val);
        if (!kieu) vb_obj_set(a, np, "kieu", vb_val_strz(a, "van_ban"));
        vb_obj_set(a, np, grouped ? "nhom" : "dong", list);
        pl->u.arr.items[i] = np;
      }
    }
    vb_buf_free(&path);
  }
  for (int i = 0; i < c.n; i++) {
    vb_book_free(c.book[i]);
    free(c.path[i]);
  }
  return rc;
}
