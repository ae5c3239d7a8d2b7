/* ODS (OpenDocument spreadsheet, zipped) and FODS (the same XML in one flat
 * file) → vb_book.
 *
 * ODF compresses runs of identical rows and cells with number-rows-repeated
 * and number-columns-repeated; LibreOffice ends every sheet with an empty
 * row repeated to the last of 1,048,576 rows and rows of 1,024 empty cells.
 * Empty repeats only move the position here, non-empty ones are materialised
 * up to the sheet's size and the workbook's cell limit, so a file claiming
 * 2^31 repeats costs nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "sheet/sheet_internal.h"
#include "util/diag.h"
#include "xml/xml.h"

#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"

/* FODS files are parsed whole as one DOM: keep them to what the zipped form
 * may hold in one part. */
#define VB_FODS_MAX (64u * 1024 * 1024)

typedef struct ods {
  vb_book *b;
  const char *path;
  const char *part;
  vb_diags *d;
} ods;

static int is(const xmlNode *n, const char *ns, const char *name) {
  return n->type == XML_ELEMENT_NODE && n->ns && xmlStrEqual(n->ns->href, (const xmlChar *)ns) &&
         xmlStrEqual(n->name, (const xmlChar *)name);
}

static char *nsprop(const xmlNode *n, const char *ns, const char *name) {
  return (char *)xmlGetNsProp((xmlNodePtr)n, (const xmlChar *)name, (const xmlChar *)ns);
}

/* A repeat or span count: 1 when absent; capped at `cap` (anything larger
 * behaves the same: it reaches past the end of the sheet). */
static uint64_t count_attr(const xmlNode *n, const char *name, uint64_t cap) {
  char *v = nsprop(n, NS_TABLE, name);
  uint64_t k = 1;
  if (v) {
    char *end;
    unsigned long long x = strtoull(v, &end, 10);
    k = *end || x == 0 ? 1 : x > cap ? cap : x;
  }
  xmlFree(v);
  return k;
}

static void text_of(const xmlNode *n, vb_buf *out) {
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      vb_buf_puts(out, (const char *)c->content);
    } else if (is(c, NS_TEXT, "s")) {
      char *cnt = nsprop(c, NS_TEXT, "c");
      long k = cnt ? strtol(cnt, NULL, 10) : 1;
      xmlFree(cnt);
      for (long i = 0; i < k && i < 1000; i++)
        vb_buf_putc(out, ' ');
    } else if (is(c, NS_TEXT, "tab")) {
      vb_buf_putc(out, '\t');
    } else if (is(c, NS_TEXT, "line-break")) {
      vb_buf_putc(out, '\n');
    } else if (c->type == XML_ELEMENT_NODE && !is(c, NS_OFFICE, "annotation") &&
               !is(c, NS_TEXT, "note")) {
      text_of(c, out); /* span, a, ... */
    }
  }
}

/* The cell's paragraphs joined by line breaks; comments are not content. */
static void cell_text(const xmlNode *cell, vb_buf *out) {
  int first = 1;
  for (const xmlNode *c = cell->children; c; c = c->next) {
    if (!is(c, NS_TEXT, "p") && !is(c, NS_TEXT, "h")) continue;
    if (!first) vb_buf_putc(out, '\n');
    first = 0;
    text_of(c, out);
  }
}

static void where(vb_buf *w, const ods *o, const vb_sheet *s, uint64_t row, uint64_t col) {
  vb_buf_clear(w);
  vb_buf_printf(w, "%s!", s->name);
  vb_col_name((uint32_t)(col < VB_SHEET_MAX_COLS ? col : VB_SHEET_MAX_COLS - 1), w);
  vb_buf_printf(w, "%llu (phần %s)", (unsigned long long)row + 1, o->part);
}

/* Fill tmp from the cell; 0 ok (tmp->type may stay EMPTY), -1 error. */
static int cell_value(ods *o, const vb_sheet *s, const xmlNode *cell, uint64_t row, uint64_t col,
                      vb_cell *tmp) {
  memset(tmp, 0, sizeof *tmp);
  char *vt = nsprop(cell, NS_OFFICE, "value-type");
  int rc = 0;
  vb_buf t = VB_BUF_INIT;
  if (vt && (!strcmp(vt, "float") || !strcmp(vt, "currency") || !strcmp(vt, "percentage"))) {
    char *v = nsprop(cell, NS_OFFICE, "value");
    char *end = NULL;
    double num = v ? strtod(v, &end) : 0;
    if (!v || end == v || *end) {
      vb_buf w = VB_BUF_INIT;
      where(&w, o, s, row, col);
      vb_error_rule(o->d, VB_EDATA, "sheet.damaged", o->path, w.data,
                    "tệp bị hỏng: mở bằng LibreOffice Calc rồi lưu lại",
                    "giá trị \"%s\" của ô không phải một số", v ? v : "");
      vb_buf_free(&w);
      rc = -1;
    } else {
      tmp->type = VB_CELL_NUMBER, tmp->num = num;
      if (!strcmp(vt, "percentage")) tmp->flags |= VB_CELL_PERCENT;
    }
    xmlFree(v);
  } else if (vt && !strcmp(vt, "date")) {
    char *v = nsprop(cell, NS_OFFICE, "date-value");
    int y, m, d;
    if (v && sscanf(v, "%4d-%2d-%2d", &y, &m, &d) == 3 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
      tmp->type = VB_CELL_DATE;
      tmp->num = vb_date_to_serial(y, m, d);
    } else {
      cell_text(cell, &t);
      if (t.len) tmp->type = VB_CELL_TEXT, tmp->text = vb_book__text(o->b, t.data, t.len);
    }
    xmlFree(v);
  } else if (vt && !strcmp(vt, "boolean")) {
    char *v = nsprop(cell, NS_OFFICE, "boolean-value");
    tmp->type = VB_CELL_BOOL, tmp->num = v && !strcmp(v, "true");
    xmlFree(v);
  } else {
    /* string, time, or no type (text typed into an unformatted cell) */
    char *sv = vt && !strcmp(vt, "string") ? nsprop(cell, NS_OFFICE, "string-value") : NULL;
    if (sv)
      vb_buf_puts(&t, sv);
    else
      cell_text(cell, &t);
    xmlFree(sv);
    if (t.len) tmp->type = VB_CELL_TEXT, tmp->text = vb_book__text(o->b, t.data, t.len);
  }
  vb_buf_free(&t);
  xmlFree(vt);
  return rc;
}

static int beyond(ods *o, const vb_sheet *s, uint64_t row, uint64_t col) {
  vb_buf w = VB_BUF_INIT;
  where(&w, o, s, row, col);
  vb_error_rule(o->d, VB_EDATA, "sheet.too-large", o->path, w.data,
                "xoá các ô nằm sau cuối bảng hoặc lưu lại tệp",
                "một ô có nội dung nằm ngoài trang tính (cột A đến XFD, dòng 1 đến %u)",
                VB_SHEET_MAX_ROWS);
  vb_buf_free(&w);
  return -1;
}

/* One <table:table-row>, repeated; *row advances past it. */
static int read_row(ods *o, vb_sheet *s, const xmlNode *r, uint64_t *row) {
  uint64_t reps = count_attr(r, "number-rows-repeated", (uint64_t)VB_SHEET_MAX_ROWS + 1);
  /* First pass at the row's own position: values and merges. */
  typedef struct {
    vb_cell c;
    uint64_t col, n;
  } run;
  run *runs = NULL;
  size_t nruns = 0, cap = 0;
  uint64_t col = 0;
  int rc = 0;
  for (const xmlNode *c = r->children; c && rc == 0; c = c->next) {
    int covered = is(c, NS_TABLE, "covered-table-cell");
    if (!covered && !is(c, NS_TABLE, "table-cell")) continue;
    uint64_t n = count_attr(c, "number-columns-repeated", (uint64_t)VB_SHEET_MAX_COLS + 1);
    vb_cell tmp;
    if (covered)
      memset(&tmp, 0, sizeof tmp); /* hidden under a merge: not content */
    else
      rc = cell_value(o, s, c, *row, col, &tmp);
    if (rc) break;
    if (!covered) {
      uint64_t cs = count_attr(c, "number-columns-spanned", VB_SHEET_MAX_COLS);
      uint64_t rs = count_attr(c, "number-rows-spanned", VB_SHEET_MAX_ROWS);
      if ((cs > 1 || rs > 1) && *row < VB_SHEET_MAX_ROWS && col < VB_SHEET_MAX_COLS) {
        uint64_t r2 = *row + rs - 1, c2 = col + cs - 1;
        vb_sheet__merge(s, (uint32_t)*row, (uint32_t)col,
                        (uint32_t)(r2 < VB_SHEET_MAX_ROWS ? r2 : VB_SHEET_MAX_ROWS - 1),
                        (uint32_t)(c2 < VB_SHEET_MAX_COLS ? c2 : VB_SHEET_MAX_COLS - 1));
      }
    }
    if (tmp.type != VB_CELL_EMPTY) {
      if (col + n > VB_SHEET_MAX_COLS) {
        rc = beyond(o, s, *row, VB_SHEET_MAX_COLS);
        break;
      }
      if (nruns == cap) {
        cap = cap ? 2 * cap : 16;
        runs = vb_xrealloc(runs, cap * sizeof *runs);
      }
      runs[nruns++] = (run){tmp, col, n};
    }
    col += n;
  }
  if (rc == 0 && nruns) {
    if (*row + reps > VB_SHEET_MAX_ROWS) rc = beyond(o, s, VB_SHEET_MAX_ROWS, runs[0].col);
    for (uint64_t k = 0; rc == 0 && k < reps; k++) {
      for (size_t i = 0; rc == 0 && i < nruns; i++) {
        for (uint64_t j = 0; j < runs[i].n; j++) {
          vb_cell *cell = vb_sheet__put(o->b, s, (uint32_t)(*row + k), (uint32_t)(runs[i].col + j),
                                        s->name, o->d);
          if (!cell) {
            rc = -1;
            break;
          }
          *cell = runs[i].c;
          cell->col = (uint32_t)(runs[i].col + j);
          if (cell->type == VB_CELL_DATE) vb_cell__set_date(o->b, cell, cell->num);
        }
      }
    }
  }
  free(runs);
  *row += reps;
  if (*row > VB_SHEET_MAX_ROWS) *row = VB_SHEET_MAX_ROWS;
  return rc;
}

/* Rows may sit inside header-rows, row-groups and rows containers. */
static int read_rows(ods *o, vb_sheet *s, const xmlNode *parent, uint64_t *row) {
  for (const xmlNode *c = parent->children; c; c = c->next) {
    if (is(c, NS_TABLE, "table-row")) {
      if (read_row(o, s, c, row) != 0) return -1;
    } else if (is(c, NS_TABLE, "table-header-rows") || is(c, NS_TABLE, "table-row-group") ||
               is(c, NS_TABLE, "table-rows")) {
      if (read_rows(o, s, c, row) != 0) return -1;
    }
  }
  return 0;
}

static int read_body(ods *o, xmlDocPtr doc) {
  const xmlNode *root = xmlDocGetRootElement(doc);
  const xmlNode *body = NULL, *sheet = NULL;
  for (const xmlNode *c = root ? root->children : NULL; c; c = c->next)
    if (is(c, NS_OFFICE, "body")) body = c;
  for (const xmlNode *c = body ? body->children : NULL; c; c = c->next)
    if (is(c, NS_OFFICE, "spreadsheet")) sheet = c;
  if (!sheet) {
    vb_error_rule(o->d, VB_EDATA, "sheet.damaged", o->path, NULL,
                  "đưa một bảng tính (.ods của LibreOffice Calc), không phải một văn bản",
                  "không phải bảng tính OpenDocument (%s không có office:spreadsheet)", o->part);
    return -1;
  }
  for (const xmlNode *t = sheet->children; t; t = t->next) {
    if (!is(t, NS_TABLE, "table")) continue;
    char *name = nsprop(t, NS_TABLE, "name");
    vb_sheet *s = vb_book__add_sheet(o->b, name ? name : "", name ? strlen(name) : 0);
    xmlFree(name);
    uint64_t row = 0;
    if (read_rows(o, s, t, &row) != 0) return -1;
  }
  return 0;
}

static vb_book *read_xml(const char *path, const char *part, const char *data, size_t len,
                         vb_diags *d) {
  xmlDocPtr doc = vb_xml_parse(data, len, path, part, VB_EDATA, d);
  if (!doc) return NULL;
  ods o = {.b = vb_book__new(path), .path = path, .part = part, .d = d};
  int rc = read_body(&o, doc);
  xmlFreeDoc(doc);
  if (rc != 0) {
    vb_book_free(o.b);
    return NULL;
  }
  return o.b;
}

vb_book *vb_ods_read(const char *path, const char *data, size_t len, vb_diags *d) {
  vb_pkg *pkg = vb_sheet__open_pkg(path, data, len, "ODS", d);
  if (!pkg) return NULL;
  long i = vb_pkg_find(pkg, "content.xml");
  vb_book *b = NULL;
  if (i < 0) {
    vb_error_rule(d, VB_EDATA, "sheet.damaged", path, NULL,
                  "mở nó bằng LibreOffice Calc rồi lưu lại thành .ods",
                  "không phải bảng tính ODS: thiếu content.xml");
  } else {
    char *xml = NULL;
    size_t n = 0;
    if (vb_pkg_read(pkg, (size_t)i, &xml, &n, d) == 0) b = read_xml(path, "content.xml", xml, n, d);
    free(xml);
  }
  vb_pkg_free(pkg);
  return b;
}

vb_book *vb_fods_read(const char *path, const char *data, size_t len, vb_diags *d) {
  if (len > VB_FODS_MAX) {
    vb_error_rule(d, VB_EDATA, "sheet.too-large", path, NULL, "lưu nó thành .ods (dạng nén)",
                  "dài %zu byte, quá giới hạn %u cho một tệp ODS phẳng (.fods)", len, VB_FODS_MAX);
    return NULL;
  }
  return read_xml(path, "(flat XML)", data, len, d);
}
