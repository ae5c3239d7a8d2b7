/* XLSX (Office Open XML SpreadsheetML) → vb_book.
 *
 * Only what a table of figures needs: the workbook's sheet list and their
 * parts through the relationships, shared strings (optional: some writers only
 * use inline strings), inline strings, numbers, booleans, formula results,
 * cell formats (to tell percentages and dates from plain numbers, because
 * XLSX stores 58,6% as 0.586 and 18/06/2024 as 45461) and merged ranges.
 * Every part goes through src/pkg (size and ratio limits) and src/xml (the
 * safe parser options). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "sheet/sheet_internal.h"
#include "util/diag.h"
#include "xml/xml.h"

typedef struct xlsx {
  vb_book *b;
  vb_pkg *pkg;
  const char *path;
  vb_diags *d;
  char **sst; /* shared strings, NULL when the workbook has none */
  size_t nsst;
  int have_sst;
  uint8_t *xf; /* per cell format index: 1 percent, 2 date */
  size_t nxf;
  int date1904;
} xlsx;

static int is(const xmlNode *n, const char *name) {
  return n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, (const xmlChar *)name);
}

static char *prop(const xmlNode *n, const char *name) {
  return (char *)xmlGetProp((xmlNodePtr)n, (const xmlChar *)name);
}

static const xmlNode *child(const xmlNode *n, const char *name) {
  for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
    if (is(c, name)) return c;
  return NULL;
}

/* Read and parse a part; NULL without an error when it is absent and
 * optional, NULL with an error otherwise. */
static xmlDocPtr part(xlsx *x, const char *name, int optional) {
  long i = vb_pkg_find(x->pkg, name);
  if (i < 0) {
    if (!optional)
      vb_error_rule(x->d, VB_EDATA, "sheet.damaged", x->path, NULL,
                    "mở tệp bằng Excel hay LibreOffice Calc rồi lưu lại thành .xlsx",
                    "không phải bảng tính XLSX: thiếu phần %s", name);
    return NULL;
  }
  char *data = NULL;
  size_t len = 0;
  if (vb_pkg_read(x->pkg, (size_t)i, &data, &len, x->d) != 0) return NULL;
  xmlDocPtr doc = vb_xml_parse(data, len, x->path, name, VB_EDATA, x->d);
  free(data);
  return doc;
}

/* Resolve a relationship target against the directory of the part that
 * owns the relationships ("xl/" for xl/_rels/workbook.xml.rels). */
static char *resolve(const char *base_dir, const char *target) {
  if (target[0] == '/') return vb_xstrdup(target + 1);
  vb_buf b = VB_BUF_INIT;
  vb_buf_puts(&b, base_dir);
  const char *t = target;
  while (!strncmp(t, "../", 3)) {
    t += 3;
    /* drop the last directory of what we have */
    if (b.len) b.len--;
    while (b.len && b.data[b.len - 1] != '/')
      b.len--;
    b.data[b.len] = '\0';
  }
  vb_buf_puts(&b, t);
  return vb_buf_detach(&b, NULL);
}

/* Target of the relationship with this Id, or of the first one whose Type
 * ends with type_suffix (when id is NULL). Malloc'd, or NULL. */
static char *rel_target(const xmlDoc *rels, const char *base_dir, const char *id,
                        const char *type_suffix) {
  const xmlNode *root = rels ? xmlDocGetRootElement(rels) : NULL;
  for (const xmlNode *c = root ? root->children : NULL; c; c = c->next) {
    if (!is(c, "Relationship")) continue;
    char *rid = prop(c, "Id"), *type = prop(c, "Type"), *target = prop(c, "Target");
    int hit = 0;
    if (id)
      hit = rid && !strcmp(rid, id);
    else if (type) {
      size_t n = strlen(type), k = strlen(type_suffix);
      hit = n >= k && !strcmp(type + n - k, type_suffix);
    }
    char *r = hit && target ? resolve(base_dir, target) : NULL;
    xmlFree(rid), xmlFree(type), xmlFree(target);
    if (r) return r;
  }
  return NULL;
}

/* Text of a shared string or an inline string: the <t> directly under it and
 * those of its rich-text runs, never the phonetic hints (<rPh>). */
static void si_text(const xmlNode *si, vb_buf *out) {
  for (const xmlNode *c = si->children; c; c = c->next) {
    const xmlNode *t = is(c, "t") ? c : is(c, "r") ? child(c, "t") : NULL;
    if (!t) continue;
    xmlChar *s = xmlNodeGetContent(t);
    if (s) vb_buf_puts(out, (const char *)s);
    xmlFree(s);
  }
}

static int load_shared_strings(xlsx *x, const char *name) {
  xmlDocPtr doc = part(x, name, 1);
  if (!doc) return vb_pkg_find(x->pkg, name) >= 0 ? -1 : 0;
  const xmlNode *root = xmlDocGetRootElement(doc);
  size_t cap = 0;
  vb_buf t = VB_BUF_INIT;
  for (const xmlNode *si = root ? root->children : NULL; si; si = si->next) {
    if (!is(si, "si")) continue;
    vb_buf_clear(&t);
    si_text(si, &t);
    if (x->nsst == cap) {
      cap = cap ? 2 * cap : 64;
      x->sst = vb_xrealloc(x->sst, cap * sizeof *x->sst);
    }
    x->sst[x->nsst++] = (char *)vb_book__text(x->b, t.data ? t.data : "", t.len);
  }
  vb_buf_free(&t);
  xmlFreeDoc(doc);
  x->have_sst = 1;
  return 0;
}

/* Does an Excel format code show a percentage or a date? Quoted text,
 * backslash escapes and [bracketed] parts (colours, locales, elapsed hours)
 * do not count. */
static int format_kind(const char *code) {
  int pct = 0, date = 0;
  for (const char *p = code; *p; p++) {
    if (*p == '"') {
      while (p[1] && p[1] != '"')
        p++;
      if (p[1]) p++;
    } else if (*p == '\\' && p[1]) {
      p++;
    } else if (*p == '[') {
      while (p[1] && p[1] != ']')
        p++;
      if (p[1]) p++;
    } else if (*p == '%') {
      pct = 1;
    } else if (*p == 'd' || *p == 'D' || *p == 'y' || *p == 'Y') {
      date = 1;
    } else if ((*p == 'm' || *p == 'M') && !strpbrk(code, "hHsS")) {
      date = 1; /* m alone is a month; next to h or s it is minutes */
    }
  }
  return pct ? 1 : date ? 2 : 0;
}

static int builtin_kind(long id) {
  if (id == 9 || id == 10) return 1;
  if ((id >= 14 && id <= 17) || id == 22) return 2; /* 18-21 and 45-47 are times of day */
  if (id >= 27 && id <= 36) return 2;               /* East Asian date formats */
  if (id >= 50 && id <= 58) return 2;
  return 0;
}

static int load_styles(xlsx *x, const char *name) {
  xmlDocPtr doc = part(x, name, 1);
  if (!doc) return vb_pkg_find(x->pkg, name) >= 0 ? -1 : 0;
  const xmlNode *root = xmlDocGetRootElement(doc);
  const xmlNode *fmts = child(root, "numFmts"), *xfs = child(root, "cellXfs");
  size_t cap = 0;
  for (const xmlNode *xf = xfs ? xfs->children : NULL; xf; xf = xf->next) {
    if (!is(xf, "xf")) continue;
    char *id = prop(xf, "numFmtId");
    long fid = id ? strtol(id, NULL, 10) : 0;
    int kind = builtin_kind(fid);
    for (const xmlNode *f = fmts ? fmts->children : NULL; f && fid >= 164; f = f->next) {
      char *fi = prop(f, "numFmtId"), *code = prop(f, "formatCode");
      if (is(f, "numFmt") && fi && code && strtol(fi, NULL, 10) == fid) kind = format_kind(code);
      xmlFree(fi), xmlFree(code);
    }
    xmlFree(id);
    if (x->nxf == cap) {
      cap = cap ? 2 * cap : 32;
      x->xf = vb_xrealloc(x->xf, cap);
    }
    x->xf[x->nxf++] = (uint8_t)kind;
  }
  xmlFreeDoc(doc);
  return 0;
}

static void where_cell(vb_buf *w, const char *sheet, const char *part_name, const char *ref) {
  vb_buf_clear(w);
  vb_buf_printf(w, "%s!%s (phần %s)", sheet, ref, part_name);
}

/* "2024-06-18" or "2024-06-18T00:00:00" (cells of type d). */
static int iso_serial(const char *s, double *out) {
  int y, m, d;
  char tail;
  if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) < 3 || m < 1 || m > 12 || d < 1 || d > 31)
    return -1;
  *out = vb_date_to_serial(y, m, d);
  return 0;
}

static int read_cell(xlsx *x, vb_sheet *s, const xmlNode *c, uint32_t row, uint32_t col,
                     const char *ref, const char *part_name) {
  char *t = prop(c, "t"), *st = prop(c, "s");
  const xmlNode *vn = child(c, "v");
  xmlChar *v = vn ? xmlNodeGetContent(vn) : NULL;
  vb_buf w = VB_BUF_INIT;
  int rc = 0;
  const char *type = t ? t : "n";
  long style = st ? strtol(st, NULL, 10) : 0;
  int kind = style >= 0 && (size_t)style < x->nxf ? x->xf[style] : 0;
  vb_cell tmp = {0};
  tmp.col = col;
  if (!strcmp(type, "inlineStr")) {
    const xmlNode *is_node = child(c, "is");
    vb_buf txt = VB_BUF_INIT;
    if (is_node) si_text(is_node, &txt);
    if (txt.len) tmp.type = VB_CELL_TEXT, tmp.text = vb_book__text(x->b, txt.data, txt.len);
    vb_buf_free(&txt);
  } else if (!v) {
    /* a formatted but empty cell */
  } else if (!strcmp(type, "s")) {
    char *end;
    long i = strtol((const char *)v, &end, 10);
    where_cell(&w, s->name, part_name, ref);
    if (!x->have_sst) {
      vb_error_rule(x->d, VB_EDATA, "sheet.damaged", x->path, w.data,
                    "bảng tính bị hỏng: mở nó bằng Excel hay LibreOffice Calc rồi lưu lại",
                    "ô trỏ đến chuỗi dùng chung %ld, nhưng bảng tính không có chuỗi dùng chung "
                    "nào (thiếu xl/sharedStrings.xml)",
                    i);
      rc = -1;
    } else if (*end || i < 0 || (size_t)i >= x->nsst) {
      vb_error_rule(x->d, VB_EDATA, "sheet.damaged", x->path, w.data,
                    "bảng tính bị hỏng: mở nó bằng Excel hay LibreOffice Calc rồi lưu lại",
                    "ô trỏ đến chuỗi dùng chung %s, nhưng chỉ có %zu chuỗi", (const char *)v,
                    x->nsst);
      rc = -1;
    } else if (x->sst[i][0]) {
      tmp.type = VB_CELL_TEXT, tmp.text = x->sst[i];
    }
  } else if (!strcmp(type, "str")) {
    if (*v)
      tmp.type = VB_CELL_TEXT,
      tmp.text = vb_book__text(x->b, (const char *)v, strlen((const char *)v));
  } else if (!strcmp(type, "b")) {
    tmp.type = VB_CELL_BOOL, tmp.num = strcmp((const char *)v, "0") != 0;
  } else if (!strcmp(type, "e")) {
    tmp.type = VB_CELL_ERROR,
    tmp.text = vb_book__text(x->b, (const char *)v, strlen((const char *)v));
  } else if (!strcmp(type, "d")) {
    double serial;
    if (iso_serial((const char *)v, &serial) == 0) {
      vb_cell *cell = vb_sheet__put(x->b, s, row, col, ref, x->d);
      if (!cell)
        rc = -1;
      else
        vb_cell__set_date(x->b, cell, serial);
      goto done;
    }
    tmp.type = VB_CELL_TEXT,
    tmp.text = vb_book__text(x->b, (const char *)v, strlen((const char *)v));
  } else {
    char *end;
    double num = strtod((const char *)v, &end);
    if (end == (const char *)v || *end) {
      where_cell(&w, s->name, part_name, ref);
      vb_error_rule(x->d, VB_EDATA, "sheet.damaged", x->path, w.data,
                    "bảng tính bị hỏng: mở nó bằng Excel hay LibreOffice Calc rồi lưu lại",
                    "giá trị \"%s\" của ô không phải một số", (const char *)v);
      rc = -1;
    } else if (kind == 2) {
      vb_cell *cell = vb_sheet__put(x->b, s, row, col, ref, x->d);
      if (!cell)
        rc = -1;
      else
        vb_cell__set_date(x->b, cell, num + (x->date1904 ? 1462 : 0));
      goto done;
    } else {
      tmp.type = VB_CELL_NUMBER, tmp.num = num;
      if (kind == 1) tmp.flags |= VB_CELL_PERCENT;
    }
  }
  if (rc == 0 && tmp.type != VB_CELL_EMPTY) {
    vb_cell *cell = vb_sheet__put(x->b, s, row, col, ref, x->d);
    if (!cell)
      rc = -1;
    else
      *cell = tmp;
  }
done:
  vb_buf_free(&w);
  xmlFree(v);
  xmlFree(t), xmlFree(st);
  return rc;
}

static void beyond(xlsx *x, const char *sheet, const char *part_name, const char *what,
                   const char *ref) {
  vb_buf w = VB_BUF_INIT;
  vb_buf_printf(&w, "%s (phần %s)", sheet, part_name);
  vb_error_rule(x->d, VB_EDATA, "sheet.damaged", x->path, w.data,
                "bảng tính bị hỏng hoặc không do một chương trình bảng tính ghi ra: mở nó bằng "
                "Excel hay LibreOffice Calc rồi lưu lại",
                "%s \"%s\" nằm ngoài trang tính (cột A đến XFD, dòng 1 đến %u)", what, ref,
                VB_SHEET_MAX_ROWS);
  vb_buf_free(&w);
}

static int read_sheet(xlsx *x, vb_sheet *s, const char *part_name) {
  xmlDocPtr doc = part(x, part_name, 0);
  if (!doc) return -1;
  const xmlNode *root = xmlDocGetRootElement(doc);
  const xmlNode *data = child(root, "sheetData");
  int rc = 0;
  uint32_t next_row = 0;
  for (const xmlNode *r = data ? data->children : NULL; r && rc == 0; r = r->next) {
    if (!is(r, "row")) continue;
    char *rn = prop(r, "r");
    uint32_t row = next_row;
    if (rn) {
      char *end;
      long v = strtol(rn, &end, 10);
      if (*end || v < 1 || v > (long)VB_SHEET_MAX_ROWS) {
        beyond(x, s->name, part_name, "dòng", rn);
        rc = -1;
      }
      row = (uint32_t)(v - 1);
    }
    xmlFree(rn);
    if (rc) break;
    next_row = row + 1;
    uint32_t next_col = 0;
    for (const xmlNode *c = r->children; c && rc == 0; c = c->next) {
      if (!is(c, "c")) continue;
      char *ref = prop(c, "r");
      uint32_t crow = row, col = next_col;
      char auto_ref[32];
      if (ref) {
        int k = vb_cellref_parse(ref, strlen(ref), &crow, &col);
        if (k != 0) {
          beyond(x, s->name, part_name, k > 0 ? "ô" : "địa chỉ ô sai dạng", ref);
          rc = -1;
        }
      } else if (col >= VB_SHEET_MAX_COLS) {
        beyond(x, s->name, part_name, "một ô sau cột", "XFD");
        rc = -1;
      }
      if (!rc) {
        vb_buf rb = VB_BUF_INIT;
        vb_col_name(col, &rb);
        snprintf(auto_ref, sizeof auto_ref, "%s%u", vb_buf_cstr(&rb), crow + 1);
        vb_buf_free(&rb);
        rc = read_cell(x, s, c, crow, col, auto_ref, part_name);
      }
      xmlFree(ref);
      next_col = col + 1;
    }
  }
  const xmlNode *merges = child(root, "mergeCells");
  for (const xmlNode *m = merges ? merges->children : NULL; m && rc == 0; m = m->next) {
    if (!is(m, "mergeCell")) continue;
    char *ref = prop(m, "ref");
    const char *colon = ref ? strchr(ref, ':') : NULL;
    uint32_t r1, c1, r2, c2;
    int k1 = colon ? vb_cellref_parse(ref, (size_t)(colon - ref), &r1, &c1) : -1;
    int k2 = colon ? vb_cellref_parse(colon + 1, strlen(colon + 1), &r2, &c2) : -1;
    if (k1 || k2) {
      beyond(x, s->name, part_name, k1 > 0 || k2 > 0 ? "vùng gộp ô" : "vùng gộp ô sai dạng",
             ref ? ref : "");
      rc = -1;
    } else {
      vb_sheet__merge(s, r1, c1, r2, c2);
    }
    xmlFree(ref);
  }
  xmlFreeDoc(doc);
  return rc;
}

static int read_workbook(xlsx *x) {
  xmlDocPtr root_rels = part(x, "_rels/.rels", 1);
  char *wb_name = rel_target(root_rels, "", NULL, "/officeDocument");
  xmlFreeDoc(root_rels);
  if (!wb_name) wb_name = vb_xstrdup("xl/workbook.xml");
  /* The workbook's directory and its relationships part. */
  const char *slash = strrchr(wb_name, '/');
  char *dir = vb_xstrndup(wb_name, slash ? (size_t)(slash - wb_name + 1) : 0);
  char *rels_name = vb_xasprintf("%s_rels/%s.rels", dir, slash ? slash + 1 : wb_name);
  int rc = -1;
  xmlDocPtr wb = part(x, wb_name, 0);
  xmlDocPtr rels = wb ? part(x, rels_name, 0) : NULL;
  if (!wb || !rels) goto out;
  char *sst = rel_target(rels, dir, NULL, "/sharedStrings");
  char *styles = rel_target(rels, dir, NULL, "/styles");
  int bad = load_shared_strings(x, sst ? sst : "xl/sharedStrings.xml") ||
            load_styles(x, styles ? styles : "xl/styles.xml");
  free(sst), free(styles);
  if (bad) goto out;
  const xmlNode *wroot = xmlDocGetRootElement(wb);
  const xmlNode *pr = child(wroot, "workbookPr");
  char *d1904 = pr ? prop(pr, "date1904") : NULL;
  x->date1904 = d1904 && (!strcmp(d1904, "1") || !strcmp(d1904, "true"));
  xmlFree(d1904);
  const xmlNode *sheets = child(wroot, "sheets");
  rc = 0;
  for (const xmlNode *sh = sheets ? sheets->children : NULL; sh && rc == 0; sh = sh->next) {
    if (!is(sh, "sheet")) continue;
    char *name = prop(sh, "name"), *id = prop(sh, "id");
    char *target = id ? rel_target(rels, dir, id, NULL) : NULL;
    if (!target) {
      vb_error_rule(x->d, VB_EDATA, "sheet.damaged", x->path, NULL,
                    "bảng tính bị hỏng: mở nó bằng Excel hay LibreOffice Calc rồi lưu lại",
                    "bị hỏng: trang \"%s\" không có phần nội dung", name ? name : "");
      rc = -1;
    } else if (vb_pkg_find(x->pkg, target) >= 0) {
      vb_sheet *s = vb_book__add_sheet(x->b, name ? name : "", name ? strlen(name) : 0);
      rc = read_sheet(x, s, target);
    } /* else: a chart sheet or a missing part: not a table, skip it */
    free(target);
    xmlFree(name), xmlFree(id);
  }
out:
  xmlFreeDoc(wb);
  xmlFreeDoc(rels);
  free(wb_name), free(dir), free(rels_name);
  return rc;
}

/* Sheets are read with tighter limits than documents: a DOM of a 64 MiB
 * sheet part is already several hundred MiB in memory. */
static void sheet_limits(vb_pkg_limits *l) {
  vb_pkg_limits_default(l);
  l->max_entry = 64ull * 1024 * 1024;
  l->max_total = 256ull * 1024 * 1024;
  l->error_code = VB_EDATA;
}

/* Zip magic: local file header, or the end record of an empty archive. */
static int is_zip(const char *data, size_t len) {
  return len >= 4 && data[0] == 'P' && data[1] == 'K' &&
         ((data[2] == 3 && data[3] == 4) || (data[2] == 5 && data[3] == 6));
}

vb_pkg *vb_sheet__open_pkg(const char *path, const char *data, size_t len, const char *what,
                           vb_diags *d) {
  if (!is_zip(data, len)) {
    vb_error_rule(d, VB_EDATA, "sheet.not-zip", path, NULL,
                  "đưa chính tệp bảng tính; tệp .xls hay tệp đổi tên sẽ không dùng được: mở nó "
                  "bằng Excel hay LibreOffice Calc rồi lưu thành .xlsx hoặc .ods",
                  "không phải bảng tính %s (không phải tệp zip)", what);
    return NULL;
  }
  vb_pkg_limits lim;
  sheet_limits(&lim);
  return vb_pkg_open_memory(data, len, path, &lim, d);
}

vb_book *vb_xlsx_read(const char *path, const char *data, size_t len, vb_diags *d) {
  xlsx x = {.path = path, .d = d};
  x.pkg = vb_sheet__open_pkg(path, data, len, "XLSX", d);
  if (!x.pkg) return NULL;
  x.b = vb_book__new(path);
  int rc = read_workbook(&x);
  vb_pkg_free(x.pkg);
  free(x.sst);
  free(x.xf);
  if (rc != 0) {
    vb_book_free(x.b);
    return NULL;
  }
  return x.b;
}
