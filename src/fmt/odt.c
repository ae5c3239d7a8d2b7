/* OpenDocument text: paragraphs are text:p and text:h, runs text:span, rows
 * table:table-row, cells table:table-cell. Text lives directly in
 * paragraphs and spans; runs of spaces must be written as text:s because
 * ODF collapses white space, and breaks/tabs are elements of their own. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/format.h"
#include "fmt/mark_rules.h"
#include "fmt/odt_internal.h"
#include "fmt/pages.h"
#include "xml/xml.h"

static int odt_is(const xmlNode *n, vb_container kind) {
  switch (kind) {
  case VB_C_PARAGRAPH: return vb_xml_is(n, VB_NS_TEXT, "p") || vb_xml_is(n, VB_NS_TEXT, "h");
  case VB_C_RUN: return vb_xml_is(n, VB_NS_TEXT, "span");
  case VB_C_ROW: return vb_xml_is(n, VB_NS_TABLE, "table-row");
  case VB_C_CELL:
    return vb_xml_is(n, VB_NS_TABLE, "table-cell") ||
           vb_xml_is(n, VB_NS_TABLE, "covered-table-cell");
  case VB_C_TABLE: return vb_xml_is(n, VB_NS_TABLE, "table");
  }
  return 0;
}

static vb_atom_kind odt_classify(const xmlNode *e, int *count) {
  if (!e->ns || !e->ns->href) return VB_ATOM_SKIP;
  const char *ns = (const char *)e->ns->href;
  const char *n = (const char *)e->name;
  if (strcmp(ns, VB_NS_TEXT) == 0) {
    if (strcmp(n, "s") == 0) {
      xmlChar *c = xmlGetNsProp(e, (const xmlChar *)"c", (const xmlChar *)VB_NS_TEXT);
      *count = c ? atoi((const char *)c) : 1;
      if (*count < 1) *count = 1;
      xmlFree(c);
      return VB_ATOM_SPACE;
    }
    /* Input fields (what LibreOffice makes of Word's content controls) and
     * the title/subject/description fields show text that templates fill. */
    if (strcmp(n, "span") == 0 || strcmp(n, "a") == 0 || strcmp(n, "meta") == 0 ||
        strcmp(n, "ruby-base") == 0 || strcmp(n, "text-input") == 0 || strcmp(n, "title") == 0 ||
        strcmp(n, "subject") == 0 || strcmp(n, "description") == 0)
      return VB_ATOM_DESCEND;
    if (strcmp(n, "note") == 0) return VB_ATOM_NESTED;
    if (strcmp(n, "tab") == 0 || strcmp(n, "line-break") == 0) return VB_ATOM_BARRIER;
    /* Fields (page-number, date, …), bookmarks, change marks: not template text. */
    return strcmp(n, "soft-page-break") == 0 || strncmp(n, "bookmark", 8) == 0 ||
                   strcmp(n, "change-start") == 0 || strcmp(n, "change-end") == 0
               ? VB_ATOM_SKIP
               : VB_ATOM_BARRIER;
  }
  if (strcmp(ns, VB_NS_DRAW) == 0) return VB_ATOM_NESTED; /* frames, text boxes */
  if (strcmp(ns, VB_NS_OFFICE) == 0 && strcmp(n, "annotation") == 0) return VB_ATOM_SKIP;
  return VB_ATOM_SKIP;
}

static void odt_prepare_text_holder(xmlNode *holder) { (void)holder; }

void vb_odt_write_text(vb_buf *out, const char *prefix, const char *s, size_t n) {
  const char *p = prefix ? prefix : "";
  const char *colon = prefix ? ":" : "";
  size_t start = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '\n' || s[i] == '\t') {
      vb_buf_put_xml_escaped(out, s + start, i - start);
      vb_buf_printf(out, "<%s%s%s/>", p, colon, s[i] == '\n' ? "line-break" : "tab");
      start = i + 1;
    } else if (s[i] == ' ' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\n' || i + 1 == n)) {
      /* A space ODF would drop (leading, trailing, or after another space). */
      size_t j = i;
      while (j < n && s[j] == ' ')
        j++;
      vb_buf_put_xml_escaped(out, s + start, i - start);
      if (j - i == 1)
        vb_buf_printf(out, "<%s%ss/>", p, colon);
      else
        vb_buf_printf(out, "<%s%ss %s%sc=\"%zu\"/>", p, colon, p, colon, j - i);
      start = j;
      i = j - 1;
    }
  }
  vb_buf_put_xml_escaped(out, s + start, n - start);
}

/* Soft page breaks are where LibreOffice last broke the template's pages:
 * a hint for the layout of that document, not of the one rendered from it. */
static void odt_tidy_template(xmlNode *n) {
  for (xmlNode *next; n; n = next) {
    next = n->next;
    if (n->type != XML_ELEMENT_NODE) continue;
    if (vb_xml_is(n, VB_NS_TEXT, "soft-page-break")) {
      xmlUnlinkNode(n);
      xmlFreeNode(n);
      continue;
    }
    if (vb_xml_is(n, VB_NS_OFFICE, "text")) {
      xmlAttr *a =
          xmlHasNsProp(n, (const xmlChar *)"use-soft-page-breaks", (const xmlChar *)VB_NS_TEXT);
      if (a) xmlRemoveProp(a);
    }
    odt_tidy_template(n->children);
  }
}

/* --- docxtpl's cell markers ---------------------------------------------- */

static int table_attr_int(xmlNode *e, const char *name, int dflt) {
  xmlChar *v = xmlGetNsProp(e, (const xmlChar *)name, (const xmlChar *)VB_NS_TABLE);
  int n = v ? atoi((const char *)v) : dflt;
  xmlFree(v);
  return n > 0 ? n : dflt;
}

static xmlNode *next_elem(xmlNode *n) {
  for (n = n->next; n && n->type != XML_ELEMENT_NODE; n = n->next) {
  }
  return n;
}

/* A cell spanning `span` columns (an expression): the attribute, and the
 * covered cells ODF wants after it, as one repeated covered cell. The
 * cell's old covered cells go. Returns the last node put after the cell. */
static xmlNode *span_columns(const vb_mk_ops *mk, vb_mk *m, xmlNode *cell, const char *span) {
  int old = table_attr_int(cell, "number-columns-spanned", 1);
  for (int i = 1; i < old; i++) {
    xmlNode *cov = next_elem(cell);
    if (!vb_xml_is(cov, VB_NS_TABLE, "covered-table-cell")) break;
    int rep = table_attr_int(cov, "number-columns-repeated", 1);
    i += rep - 1;
    xmlUnlinkNode(cov);
    xmlFreeNode(cov);
  }
  xmlNs *tns = cell->ns;
  if (mk->attr(m, cell, tns, "number-columns-spanned", span) != 0) return NULL;
  char cond[300], rep[300];
  snprintf(cond, sizeof cond, "(%s) > 1", span);
  snprintf(rep, sizeof rep, "(%s) - 1", span);
  xmlNode *cov = xmlNewDocNode(cell->doc, tns, (const xmlChar *)"covered-table-cell", NULL);
  if (mk->attr(m, cov, tns, "number-columns-repeated", rep) != 0) {
    xmlFreeNode(cov);
    return NULL;
  }
  xmlNode *open = mk->block(m, "if", cond), *close = mk->block(m, "endif", NULL);
  xmlAddNextSibling(cell, open);
  xmlAddNextSibling(open, cov);
  xmlAddNextSibling(cov, close);
  return close;
}

static int odt_cell_marker(const vb_mk_ops *mk, vb_mk *m, xmlNode *cell, vb_cell_marker kind,
                           const char *arg, const char **err) {
  if (!vb_xml_is(cell, VB_NS_TABLE, "table-cell")) {
    *err = "dấu này nằm trong một ô bị gộp";
    return -1;
  }
  switch (kind) {
  case VB_MK_COLSPAN: {
    if (strlen(arg) > 250) {
      *err = "biểu thức colspan quá dài";
      return -1;
    }
    return span_columns(mk, m, cell, arg) ? 0 : -1;
  }
  case VB_MK_CELLBG:
    *err = "mẫu ODT không hỗ trợ cellbg (nền của ô nằm trong kiểu tự động của nó): tô nền "
           "cho ô ngay trong mẫu";
    return -1;
  case VB_MK_VM:
    /* The loop's first cell spans the loop's rows; the others are covered. */
    if (mk->attr(m, cell, cell->ns, "number-rows-spanned", "loop.length") != 0) return -1;
    mk->rename_unless(m, cell, "loop.first", "covered-table-cell");
    mk->wrap_paragraphs(m, cell, "loop.first");
    return 0;
  case VB_MK_HM: {
    int old = table_attr_int(cell, "number-columns-spanned", 1);
    char span[64];
    if (old > 1)
      snprintf(span, sizeof span, "loop.length * %d", old);
    else
      snprintf(span, sizeof span, "loop.length");
    xmlNode *last = span_columns(mk, m, cell, span);
    if (!last) return -1;
    xmlAddPrevSibling(cell, mk->block(m, "if", "loop.first"));
    xmlAddNextSibling(last, mk->block(m, "endif", NULL));
    return 0;
  }
  }
  return -1;
}

/* --- table columns after column loops -------------------------------------- */

static void rows_width(xmlNode *parent, size_t *widest) {
  for (xmlNode *r = parent->children; r; r = r->next) {
    if (r->type != XML_ELEMENT_NODE || !r->ns || strcmp((const char *)r->ns->href, VB_NS_TABLE))
      continue;
    if (!strcmp((const char *)r->name, "table-row")) {
      size_t w = 0;
      for (xmlNode *c = r->children; c; c = c->next)
        if (vb_xml_is(c, VB_NS_TABLE, "table-cell") ||
            vb_xml_is(c, VB_NS_TABLE, "covered-table-cell"))
          w += (size_t)table_attr_int(c, "number-columns-repeated", 1);
      if (w > *widest) *widest = w;
    } else if (!strcmp((const char *)r->name, "table-header-rows") ||
               !strcmp((const char *)r->name, "table-rows") ||
               !strcmp((const char *)r->name, "table-row-group")) {
      rows_width(r, widest);
    }
  }
}

static void collect_columns(xmlNode *parent, xmlNode ***cols, size_t *n, size_t *cap) {
  for (xmlNode *c = parent->children; c; c = c->next) {
    if (vb_xml_is(c, VB_NS_TABLE, "table-column")) {
      if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        *cols = realloc(*cols, *cap * sizeof(xmlNode *));
        if (!*cols) abort();
      }
      (*cols)[(*n)++] = c;
    } else if (vb_xml_is(c, VB_NS_TABLE, "table-columns") ||
               vb_xml_is(c, VB_NS_TABLE, "table-header-columns") ||
               vb_xml_is(c, VB_NS_TABLE, "table-column-group")) {
      collect_columns(c, cols, n, cap);
    }
  }
}

static void set_repeat(xmlNode *col, size_t n) {
  char buf[32];
  snprintf(buf, sizeof buf, "%zu", n);
  if (n == 1)
    xmlUnsetNsProp(col, xmlSearchNsByHref(col->doc, col, (const xmlChar *)VB_NS_TABLE),
                   (const xmlChar *)"number-columns-repeated");
  else
    xmlSetNsProp(col, col->ns, (const xmlChar *)"number-columns-repeated", (const xmlChar *)buf);
}

/* 1 when the column declarations were changed. */
static int fix_table(xmlNode *tbl) {
  size_t widest = 0;
  rows_width(tbl, &widest);
  xmlNode **cols = NULL;
  size_t n = 0, cap = 0, declared = 0;
  collect_columns(tbl, &cols, &n, &cap);
  for (size_t i = 0; i < n; i++)
    declared += (size_t)table_attr_int(cols[i], "number-columns-repeated", 1);
  int changed = widest && n && declared != widest;
  if (widest && n && declared < widest) {
    /* More columns: repeat the last declaration. */
    set_repeat(cols[n - 1], (size_t)table_attr_int(cols[n - 1], "number-columns-repeated", 1) +
                                widest - declared);
  } else if (widest && n && declared > widest) {
    size_t excess = declared - widest;
    for (size_t i = n; i-- > 0 && excess;) {
      size_t rep = (size_t)table_attr_int(cols[i], "number-columns-repeated", 1);
      if (rep > excess) {
        set_repeat(cols[i], rep - excess);
        excess = 0;
      } else {
        excess -= rep;
        xmlUnlinkNode(cols[i]);
        xmlFreeNode(cols[i]);
      }
    }
  }
  free(cols);
  return changed;
}

static int fix_tables_under(xmlNode *n) {
  int changed = 0;
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    changed += fix_tables_under(n->children);
    if (vb_xml_is(n, VB_NS_TABLE, "table")) changed += fix_table(n);
  }
  return changed;
}

/* Whether some table needs the repair, found without building a tree: the
 * columns a table declares (table:table-column, in their groups) against
 * its widest row (table:table-row, in theirs), counted as fix_table counts
 * them. Most rendered parts need nothing, and the scan costs a fraction of
 * the parse, the tree and its freeing. */
enum { T_OTHER, T_TABLE, T_COLS, T_ROWS, T_ROW };

typedef struct cols_table {
  size_t ncols, declared, widest, row;
} cols_table;

typedef struct cols_scan {
  unsigned char kind[512]; /* per depth: what the element is (T_*) */
  size_t depth;
  cols_table *tables;
  size_t ntables, cap;
  int needed;
} cols_scan;

static size_t repeated(int nattrs, const char **attrs) {
  for (int i = 0; i < nattrs; i++) {
    const char **a = attrs + 5 * i;
    if (strcmp(a[0], "number-columns-repeated") || !a[2] || strcmp(a[2], VB_NS_TABLE)) continue;
    char num[16] = {0};
    size_t n = (size_t)(a[4] - a[3]);
    memcpy(num, a[3], n < sizeof num - 1 ? n : sizeof num - 1);
    int r = atoi(num);
    return r > 0 ? (size_t)r : 1;
  }
  return 1;
}

static void cols_start(void *ud, const char *local, const char *ns, int nattrs,
                       const char **attrs) {
  cols_scan *g = ud;
  if (g->depth >= sizeof g->kind) {
    g->needed = 1; /* deeper than expected: let the tree decide */
    g->depth++;
    return;
  }
  int parent = g->depth ? g->kind[g->depth - 1] : T_OTHER;
  int kind = T_OTHER;
  cols_table *t = g->ntables ? &g->tables[g->ntables - 1] : NULL;
  int in_table = parent == T_TABLE;
  if (ns && !strcmp(ns, VB_NS_TABLE)) {
    if (!strcmp(local, "table")) {
      if (g->ntables == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 8;
        g->tables = vb_xrealloc(g->tables, g->cap * sizeof *g->tables);
      }
      memset(&g->tables[g->ntables++], 0, sizeof *g->tables);
      kind = T_TABLE;
    } else if ((in_table || parent == T_COLS) && !strcmp(local, "table-column")) {
      t->ncols++;
      t->declared += repeated(nattrs, attrs);
    } else if ((in_table || parent == T_COLS) &&
               (!strcmp(local, "table-columns") || !strcmp(local, "table-header-columns") ||
                !strcmp(local, "table-column-group"))) {
      kind = T_COLS;
    } else if ((in_table || parent == T_ROWS) && !strcmp(local, "table-row")) {
      t->row = 0;
      kind = T_ROW;
    } else if ((in_table || parent == T_ROWS) &&
               (!strcmp(local, "table-header-rows") || !strcmp(local, "table-rows") ||
                !strcmp(local, "table-row-group"))) {
      kind = T_ROWS;
    } else if (parent == T_ROW &&
               (!strcmp(local, "table-cell") || !strcmp(local, "covered-table-cell"))) {
      t->row += repeated(nattrs, attrs);
    }
  }
  g->kind[g->depth++] = (unsigned char)kind;
}

static void cols_end(void *ud, const char *local, const char *ns) {
  (void)local, (void)ns;
  cols_scan *g = ud;
  if (!g->depth) return;
  if (--g->depth >= sizeof g->kind) return;
  cols_table *t = g->ntables ? &g->tables[g->ntables - 1] : NULL;
  if (g->kind[g->depth] == T_ROW && t->row > t->widest) t->widest = t->row;
  if (g->kind[g->depth] == T_TABLE) {
    if (t->widest && t->ncols && t->declared != t->widest) g->needed = 1;
    g->ntables--;
  }
}

static int tables_need_fix(const vb_buf *xml) {
  static const vb_xml_scan_ops ops = {cols_start, cols_end};
  cols_scan *g = vb_xcalloc(1, sizeof *g);
  int bad = vb_xml_scan(xml->data ? xml->data : "", xml->len, &ops, g) != 0;
  int needed = bad || g->needed;
  free(g->tables);
  free(g);
  return needed;
}

/* Only parts with column loops or spans are repaired, and then only when a
 * table needs it (a part that does not parse goes to the parse, which says
 * so). */
static int odt_fix_tables(vb_buf *xml, int keep_unchanged) {
  if (keep_unchanged && !tables_need_fix(xml)) return 0;
  return vb_xml_reserialize(xml, fix_tables_under, keep_unchanged);
}

static const char *const odt_trim_left[] = {"</text:p>", "</text:h>", "<text:line-break/>", NULL};
static const char *const odt_trim_right[] = {"<text:p>", "<text:p ",           "<text:h>",
                                             "<text:h ", "<text:line-break/>", NULL};

/* Bookmarks are paragraph content in ODF: they go right where the value
 * is, inside its paragraph or span, with nothing to close. */
static const char *odt_mark_context(vb_arena *a, xmlNode *ph) {
  xmlNode *p = ph ? ph->parent : NULL;
  (void)a;
  return vb_xml_is(p, VB_NS_TEXT, "p") || vb_xml_is(p, VB_NS_TEXT, "h") ||
                 vb_xml_is(p, VB_NS_TEXT, "span") || vb_xml_is(p, VB_NS_TEXT, "a")
             ? ""
             : NULL;
}

static void odt_write_mark(vb_buf *out, const char *prefix, const char *ctx, const char *name,
                           size_t name_len, unsigned id, vb_mark_edge edge) {
  (void)ctx;
  (void)id;
  /* Written for every value: straight into the buffer, room reserved once.
   * An ODT bookmark closes nothing, so all starts and all ends are alike. */
  size_t pl = prefix ? strlen(prefix) : 0;
  vb_buf_grow(out, 2 * (pl + 1) + 32 + name_len);
  char *d = out->data + out->len;
  *d++ = '<';
  if (pl) {
    memcpy(d, prefix, pl);
    d[pl] = ':';
    d += pl + 1;
  }
  if (edge == VB_MARK_START) {
    memcpy(d, "bookmark-start ", 15);
    d += 15;
  } else {
    memcpy(d, "bookmark-end ", 13);
    d += 13;
  }
  if (pl) {
    memcpy(d, prefix, pl);
    d[pl] = ':';
    d += pl + 1;
  }
  memcpy(d, "name=\"", 6);
  d += 6;
  memcpy(d, name, name_len);
  d += name_len;
  memcpy(d, "\"/>", 4); /* with the NUL */
  out->len = (size_t)(d + 3 - out->data);
}

const vb_format vb_format_odt = {
    .name = "odt",
    .is = odt_is,
    .classify = odt_classify,
    .loose_text = 1,
    .prepare_text_holder = odt_prepare_text_holder,
    .write_text = vb_odt_write_text,
    .text_ns = VB_NS_TEXT,
    .trim_left = odt_trim_left,
    .trim_right = odt_trim_right,
    .mark_context = odt_mark_context,
    .emphasis_context = vb_odt_emphasis_context,
    .write_emphasis = vb_odt_write_emphasis,
    .write_mark = odt_write_mark,
    .cell_marker = odt_cell_marker,
    .fix_tables = odt_fix_tables,
    .fix_pages = vb_odt_fix_pages,
    .find_pictures = vb_odt_find_pictures,
    .marks = &vb_mark_rules_odt,
    .tidy_template = odt_tidy_template,
    .inline_context = vb_odt_inline_context,
    .write_picture = vb_odt_write_picture,
    .write_link = vb_odt_write_link,
    .write_chart = vb_odt_write_chart,
};
