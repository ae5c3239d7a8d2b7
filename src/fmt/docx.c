/* WordprocessingML: paragraphs are w:p, runs w:r, text w:t, rows w:tr,
 * cells w:tc. Line breaks and tabs are elements inside a run, so a value
 * with "\n" closes the current w:t, adds w:br and opens a new w:t. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/docx_internal.h"
#include "fmt/format.h"
#include "fmt/mark_rules.h"
#include "fmt/pages.h"
#include "xml/xml.h"

static int docx_is(const xmlNode *n, vb_container kind) {
  switch (kind) {
  case VB_C_PARAGRAPH: return vb_xml_is(n, VB_NS_W, "p");
  case VB_C_RUN: return vb_xml_is(n, VB_NS_W, "r");
  case VB_C_ROW: return vb_xml_is(n, VB_NS_W, "tr");
  case VB_C_CELL: return vb_xml_is(n, VB_NS_W, "tc");
  case VB_C_TABLE: return vb_xml_is(n, VB_NS_W, "tbl");
  }
  return 0;
}

static vb_atom_kind docx_classify(const xmlNode *e, int *count) {
  static const char *const skip[] = {"rPr",      "pPr",     "delText", "instrText", "del",
                                     "moveFrom", "fldData", "sectPr",  "proofErr",  NULL};
  static const char *const barrier[] = {"tab",
                                        "br",
                                        "cr",
                                        "sym",
                                        "drawing",
                                        "pict",
                                        "object",
                                        "fldChar",
                                        "footnoteReference",
                                        "endnoteReference",
                                        "noBreakHyphen",
                                        "softHyphen",
                                        "ptab",
                                        NULL};
  if (!e->ns || !e->ns->href) return VB_ATOM_SKIP;
  if (strcmp((const char *)e->ns->href, VB_NS_W) != 0) {
    /* mc:AlternateContent and friends: text boxes inside are handled as
     * nested paragraphs when the walker reaches them. */
    return VB_ATOM_DESCEND;
  }
  const char *n = (const char *)e->name;
  if (strcmp(n, "t") == 0) return VB_ATOM_TEXT;
  if (strcmp(n, "txbxContent") == 0) return VB_ATOM_NESTED;
  for (int i = 0; skip[i]; i++)
    if (strcmp(n, skip[i]) == 0) return VB_ATOM_SKIP;
  for (int i = 0; barrier[i]; i++)
    if (strcmp(n, barrier[i]) == 0) return VB_ATOM_BARRIER;
  (void)count;
  return VB_ATOM_DESCEND;
}

static int docx_is_run_props(const xmlNode *n) { return vb_xml_is(n, VB_NS_W, "rPr"); }

static void docx_prepare_text_holder(xmlNode *t) {
  xmlNsPtr xmlns = xmlSearchNs(t->doc, t, (const xmlChar *)"xml");
  if (xmlns) xmlSetNsProp(t, xmlns, (const xmlChar *)"space", (const xmlChar *)"preserve");
}

void vb_docx_write_text(vb_buf *out, const char *prefix, const char *s, size_t n) {
  /* One pass: plain bytes are copied in runs; markup characters, line
   * breaks and tabs are replaced as they come. */
  static const unsigned char special[256] = {
      ['&'] = 1, ['<'] = 1, ['>'] = 1, ['\n'] = 1, ['\t'] = 1};
  const char *p = prefix ? prefix : "";
  const char *colon = prefix ? ":" : "";
  size_t start = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (!special[c]) continue;
    vb_buf_put(out, s + start, i - start);
    start = i + 1;
    if (c == '&')
      vb_buf_put(out, "&amp;", 5);
    else if (c == '<')
      vb_buf_put(out, "&lt;", 4);
    else if (c == '>')
      vb_buf_put(out, "&gt;", 4);
    else
      vb_buf_printf(out, "</%s%st><%s%s%s/><%s%st xml:space=\"preserve\">", p, colon, p, colon,
                    c == '\n' ? "br" : "tab", p, colon);
  }
  vb_buf_put(out, s + start, n - start);
}

/* --- docxtpl's cell markers ---------------------------------------------- */

/* CT_TcPr's children, in the order the schema requires. */
static const char *const tcpr_order[] = {
    "cnfStyle", "tcW",     "gridSpan",      "hMerge",     "vMerge", "tcBorders", "shd",
    "noWrap",   "tcMar",   "textDirection", "tcFitText",  "vAlign", "hideMark",  "headers",
    "cellIns",  "cellDel", "cellMerge",     "tcPrChange", NULL};

static int tcpr_rank(const xmlNode *e) {
  if (!vb_xml_is(e, VB_NS_W, (const char *)e->name)) return 1000;
  for (int i = 0; tcpr_order[i]; i++)
    if (!strcmp((const char *)e->name, tcpr_order[i])) return i;
  return 1000;
}

static xmlNode *first_elem(xmlNode *n) {
  while (n && n->type != XML_ELEMENT_NODE)
    n = n->next;
  return n;
}

static xmlNode *child_named(xmlNode *parent, const char *local) {
  for (xmlNode *c = parent->children; c; c = c->next)
    if (vb_xml_is(c, VB_NS_W, local)) return c;
  return NULL;
}

/* The cell's w:tcPr, made when missing (it comes first in w:tc). */
static xmlNode *cell_props(xmlNode *tc) {
  xmlNode *pr = child_named(tc, "tcPr");
  if (pr) return pr;
  pr = xmlNewDocNode(tc->doc, tc->ns, (const xmlChar *)"tcPr", NULL);
  xmlNode *first = first_elem(tc->children);
  if (first)
    xmlAddPrevSibling(first, pr);
  else
    xmlAddChild(tc, pr);
  return pr;
}

/* Replace the property `local` by a new empty element at its schema place. */
static xmlNode *set_prop(xmlNode *pr, const char *local) {
  xmlNode *old;
  while ((old = child_named(pr, local)) != NULL) {
    xmlUnlinkNode(old);
    xmlFreeNode(old);
  }
  xmlNode *e = xmlNewDocNode(pr->doc, pr->ns, (const xmlChar *)local, NULL);
  int rank = tcpr_rank(e);
  xmlNode *before = NULL;
  for (xmlNode *c = pr->children; c && !before; c = c->next)
    if (c->type == XML_ELEMENT_NODE && tcpr_rank(c) > rank) before = c;
  if (before)
    xmlAddPrevSibling(before, e);
  else
    xmlAddChild(pr, e);
  return e;
}

static int grid_span(xmlNode *pr) {
  xmlNode *gs = pr ? child_named(pr, "gridSpan") : NULL;
  xmlChar *v = gs ? xmlGetNsProp(gs, (const xmlChar *)"val", (const xmlChar *)VB_NS_W) : NULL;
  int n = v ? atoi((const char *)v) : 1;
  xmlFree(v);
  return n > 0 ? n : 1;
}

static int docx_cell_marker(const vb_mk_ops *mk, vb_mk *m, xmlNode *tc, vb_cell_marker kind,
                            const char *arg, const char **err) {
  (void)err;
  xmlNode *pr = cell_props(tc);
  xmlNs *w = tc->ns;
  switch (kind) {
  case VB_MK_COLSPAN: return mk->attr(m, set_prop(pr, "gridSpan"), w, "val", arg);
  case VB_MK_CELLBG: {
    xmlNode *shd = set_prop(pr, "shd");
    xmlSetNsProp(shd, w, (const xmlChar *)"val", (const xmlChar *)"clear");
    xmlSetNsProp(shd, w, (const xmlChar *)"color", (const xmlChar *)"auto");
    return mk->attr(m, shd, w, "fill", arg);
  }
  case VB_MK_VM:
    /* restart on the loop's first row, continue below; the text of the
     * continued cells is dropped (docxtpl drops the marker's own w:t). */
    if (mk->attr(m, set_prop(pr, "vMerge"), w, "val",
                 "\"restart\" if loop.first else \"continue\"") != 0)
      return -1;
    mk->wrap_paragraphs(m, tc, "loop.first");
    return 0;
  case VB_MK_HM: {
    /* Only the loop's first cell, spanning all the loop's columns. */
    int old = grid_span(pr);
    char expr[64];
    if (old > 1)
      snprintf(expr, sizeof expr, "loop.length * %d", old);
    else
      snprintf(expr, sizeof expr, "loop.length");
    if (mk->attr(m, set_prop(pr, "gridSpan"), w, "val", expr) != 0) return -1;
    xmlAddPrevSibling(tc, mk->block(m, "if", "loop.first"));
    xmlAddNextSibling(tc, mk->block(m, "endif", NULL));
    return 0;
  }
  }
  return -1;
}

/* --- table grid repair (docxtpl's fix_tables) ------------------------------ */

static double attr_num(xmlNode *e, const char *name) {
  xmlChar *v = xmlGetNsProp(e, (const xmlChar *)name, (const xmlChar *)VB_NS_W);
  double d = v ? atof((const char *)v) : 0;
  xmlFree(v);
  return d;
}

static void set_width(xmlNode *col, double w) {
  char buf[32];
  snprintf(buf, sizeof buf, "%ld", (long)w);
  xmlSetNsProp(col, col->ns, (const xmlChar *)"w", (const xmlChar *)buf);
}

/* 1 when the grid was changed. */
static int fix_table(xmlNode *tbl) {
  xmlNode *grid = child_named(tbl, "tblGrid");
  if (!grid) return 0;
  size_t widest = 0;
  for (xmlNode *tr = tbl->children; tr; tr = tr->next) {
    if (!vb_xml_is(tr, VB_NS_W, "tr")) continue;
    size_t w = 0;
    for (xmlNode *tc = tr->children; tc; tc = tc->next)
      if (vb_xml_is(tc, VB_NS_W, "tc")) w += (size_t)grid_span(child_named(tc, "tcPr"));
    if (w > widest) widest = w;
  }
  size_t n = 0;
  double total = 0;
  for (xmlNode *c = grid->children; c; c = c->next)
    if (vb_xml_is(c, VB_NS_W, "gridCol")) n++, total += attr_num(c, "w");
  if (!widest || n == widest) return 0;
  if (n < widest) {
    /* More columns: keep the table's width, scale the old ones. */
    double avg = total / (double)widest;
    for (xmlNode *c = grid->children; c && total > 0; c = c->next)
      if (vb_xml_is(c, VB_NS_W, "gridCol"))
        set_width(c, attr_num(c, "w") * (double)n / (double)widest);
    for (size_t i = n; i < widest; i++) {
      xmlNode *col = xmlNewChild(grid, grid->ns, (const xmlChar *)"gridCol", NULL);
      if (total > 0) set_width(col, avg);
    }
    return 1;
  }
  /* Fewer columns: drop the last ones and share their width. */
  double removed = 0;
  size_t seen = 0;
  xmlNode *next;
  for (xmlNode *c = grid->children; c; c = next) {
    next = c->next;
    if (!vb_xml_is(c, VB_NS_W, "gridCol")) continue;
    if (++seen > widest) {
      removed += attr_num(c, "w");
      xmlUnlinkNode(c);
      xmlFreeNode(c);
    }
  }
  long extra = (long)(removed / (double)widest);
  for (xmlNode *c = grid->children; c; c = c->next)
    if (vb_xml_is(c, VB_NS_W, "gridCol")) set_width(c, attr_num(c, "w") + (double)extra);
  return 1;
}

static int fix_tables_under(xmlNode *n) {
  int changed = 0;
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    changed += fix_tables_under(n->children);
    if (vb_xml_is(n, VB_NS_W, "tbl")) changed += fix_table(n);
  }
  return changed;
}

/* Whether some table needs the repair, found without building a tree: a
 * table's grid (its first w:tblGrid's w:gridCol) against its widest row
 * (the w:gridSpan of each w:tc's first w:tcPr, as fix_table counts them).
 * Most rendered parts need nothing, and the scan costs a fraction of the
 * parse, the tree and its freeing. */
enum { G_OTHER, G_TBL, G_GRID, G_TR, G_TC, G_TCPR };

typedef struct grid_table {
  size_t ncols, widest, row;
  unsigned has_grid : 1, cell_pr : 1, span : 1;
} grid_table;

typedef struct grid_scan {
  unsigned char kind[512]; /* per depth: what the element is (G_*) */
  size_t depth;
  grid_table *tables;
  size_t ntables, cap;
  int needed;
} grid_scan;

static void grid_start(void *ud, const char *local, const char *ns, int nattrs,
                       const char **attrs) {
  grid_scan *g = ud;
  if (g->depth >= sizeof g->kind) {
    g->needed = 1; /* deeper than expected: let the tree decide */
    g->depth++;
    return;
  }
  int parent = g->depth ? g->kind[g->depth - 1] : G_OTHER;
  int kind = G_OTHER;
  grid_table *t = g->ntables ? &g->tables[g->ntables - 1] : NULL;
  if (ns && !strcmp(ns, VB_NS_W)) {
    if (!strcmp(local, "tbl")) {
      if (g->ntables == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 8;
        g->tables = vb_xrealloc(g->tables, g->cap * sizeof *g->tables);
      }
      memset(&g->tables[g->ntables++], 0, sizeof *g->tables);
      kind = G_TBL;
    } else if (parent == G_TBL && !strcmp(local, "tblGrid") && !t->has_grid) {
      t->has_grid = 1;
      kind = G_GRID;
    } else if (parent == G_GRID && !strcmp(local, "gridCol")) {
      t->ncols++;
    } else if (parent == G_TBL && !strcmp(local, "tr")) {
      t->row = 0;
      kind = G_TR;
    } else if (parent == G_TR && !strcmp(local, "tc")) {
      t->row++;
      t->cell_pr = 0;
      kind = G_TC;
    } else if (parent == G_TC && !strcmp(local, "tcPr") && !t->cell_pr) {
      t->cell_pr = 1;
      t->span = 0;
      kind = G_TCPR;
    } else if (parent == G_TCPR && !strcmp(local, "gridSpan") && !t->span) {
      t->span = 1;
      for (int i = 0; i < nattrs; i++) {
        const char **a = attrs + 5 * i;
        if (strcmp(a[0], "val") || !a[2] || strcmp(a[2], VB_NS_W)) continue;
        char num[16] = {0};
        size_t n = (size_t)(a[4] - a[3]);
        memcpy(num, a[3], n < sizeof num - 1 ? n : sizeof num - 1);
        int span = atoi(num);
        if (span > 1) t->row += (size_t)span - 1;
      }
    }
  }
  g->kind[g->depth++] = (unsigned char)kind;
}

static void grid_end(void *ud, const char *local, const char *ns) {
  (void)local, (void)ns;
  grid_scan *g = ud;
  if (!g->depth) return;
  if (--g->depth >= sizeof g->kind) return;
  grid_table *t = g->ntables ? &g->tables[g->ntables - 1] : NULL;
  if (g->kind[g->depth] == G_TR && t->row > t->widest) t->widest = t->row;
  if (g->kind[g->depth] == G_TBL) {
    if (t->has_grid && t->widest && t->ncols != t->widest) g->needed = 1;
    g->ntables--;
  }
}

static int tables_need_fix(const vb_buf *xml) {
  static const vb_xml_scan_ops ops = {grid_start, grid_end};
  grid_scan *g = vb_xcalloc(1, sizeof *g);
  int bad = vb_xml_scan(xml->data ? xml->data : "", xml->len, &ops, g) != 0;
  int needed = bad || g->needed;
  free(g->tables);
  free(g);
  return needed;
}

/* Only parts with column loops or spans are repaired, and then only when a
 * table needs it (a part that does not parse goes to the parse, which says
 * so). */
static int docx_fix_tables(vb_buf *xml, int keep_unchanged) {
  if (keep_unchanged && !tables_need_fix(xml)) return 0;
  return vb_xml_reserialize(xml, fix_tables_under, keep_unchanged);
}

static const char *const docx_trim_left[] = {"</w:t>", NULL};
static const char *const docx_trim_right[] = {"<w:t>", "<w:t ", NULL};

/* A bookmark cannot sit inside a run: the run holding the value is closed
 * before the mark and reopened, with the same properties, after it. So a
 * value is markable when it is in w:t > w:r > (a paragraph-level container);
 * the context is the markup that reopens the run. */
const char *vb_docx_mark_context(vb_arena *a, xmlNode *ph) {
  static const char *const containers[] = {"p",        "hyperlink", "ins",       "sdtContent",
                                           "smartTag", "fldSimple", "customXml", NULL};
  xmlNode *t = ph ? ph->parent : NULL;
  xmlNode *r = t ? t->parent : NULL;
  xmlNode *c = r ? r->parent : NULL;
  if (!vb_xml_is(t, VB_NS_W, "t") || !vb_xml_is(r, VB_NS_W, "r") || !c) return NULL;
  int ok = 0;
  for (int i = 0; containers[i] && !ok; i++)
    ok = vb_xml_is(c, VB_NS_W, containers[i]);
  if (!ok) return NULL;
  return vb_docx_run_reopen(a, r);
}

const char *vb_docx_run_reopen(vb_arena *a, xmlNode *r) {
  const char *p = r->ns && r->ns->prefix ? (const char *)r->ns->prefix : NULL;
  vb_buf b = VB_BUF_INIT;
  vb_buf_printf(&b, "<%s%sr>", p ? p : "", p ? ":" : "");
  for (xmlNode *k = r->children; k; k = k->next) {
    if (!vb_xml_is(k, VB_NS_W, "rPr")) continue;
    xmlBufferPtr xb = xmlBufferCreate();
    xmlNodeDump(xb, k->doc, k, 0, 0);
    vb_buf_put(&b, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
    xmlBufferFree(xb);
  }
  vb_buf_printf(&b, "<%s%st xml:space=\"preserve\">", p ? p : "", p ? ":" : "");
  const char *ctx = vb_arena_strndup(a, b.data, b.len);
  vb_buf_free(&b);
  return ctx;
}

/* Does s start with "P:LOCAL" (or "LOCAL" without a prefix)? */
static size_t starts_qname(const char *s, const char *p, const char *local) {
  size_t pl = strlen(p), ll = strlen(local);
  if (pl) {
    if (strncmp(s, p, pl) != 0 || s[pl] != ':') return 0;
    pl++;
  }
  return strncmp(s + pl, local, ll) == 0 ? pl + ll : 0;
}

/* If s ends with the opening of a run that has no text yet ("<w:r …>",
 * optional properties, "<w:t xml:space=\"preserve\">"), its length, else 0. */
size_t vb_docx_empty_run_open(const char *s, size_t len, const char *p) {
  static const char tail[] = "t xml:space=\"preserve\">";
  const size_t tl = sizeof tail - 1, pl = *p ? strlen(p) + 1 : 0;
  if (len < tl + pl + 1) return 0;
  size_t t_at = len - tl - pl - 1; /* where "<w:t …>" starts */
  if (memcmp(s + len - tl, tail, tl) != 0 || s[t_at] != '<' ||
      (pl && (memcmp(s + t_at + 1, p, pl - 1) != 0 || s[t_at + pl] != ':')))
    return 0;
  /* Find the run start "<w:r>" / "<w:r …>" going back; what lies between it
   * and the w:t must be nothing or exactly the run properties. */
  for (size_t i = t_at; i-- > 0;) {
    if (s[i] != '<') continue;
    size_t k = starts_qname(s + i + 1, p, "r");
    if (!k || (s[i + 1 + k] != '>' && s[i + 1 + k] != ' ')) {
      /* Start tags here belong to the properties (checked below); the only
       * end tag that may stand between run start and w:t is </w:rPr>. */
      if (s[i + 1] != '/' || starts_qname(s + i + 2, p, "rPr")) continue;
      return 0;
    }
    const char *gt = memchr(s + i, '>', t_at - i);
    if (!gt) return 0;
    const char *props = gt + 1, *endp = s + t_at;
    size_t n = (size_t)(endp - props);
    if (n) {
      /* exactly one w:rPr element: starts with <w:rPr and ends with </w:rPr> or is <w:rPr/> */
      size_t k2 = props[0] == '<' ? starts_qname(props + 1, p, "rPr") : 0;
      int closes = n >= 3 && (memcmp(endp - 2, "/>", 2) == 0 || memcmp(endp - 1, ">", 1) == 0);
      if (!k2 || !closes) return 0;
      /* no text or other run content inside it */
      for (const char *q = props; q < endp; q++)
        if (*q == '<' && (starts_qname(q + 1, p, "t") == pl + 1 || starts_qname(q + 2, p, "r>")))
          return 0;
    }
    return len - i; /* "<w:r …><w:rPr>…</w:rPr><w:t …>": nothing written yet */
  }
  return 0;
}

/* The template opens the value's run right before it: the bookmark's
 * context opens one of its own instead. */
static size_t docx_mark_head(const char *prefix, const char *ctx, const char *lit, size_t len) {
  (void)ctx;
  return vb_docx_empty_run_open(lit, len, prefix ? prefix : "");
}

/* The template closes the value's run right after it: "</w:t></w:r>". */
static size_t docx_mark_tail(const char *prefix, const char *ctx, const char *lit, size_t len) {
  static const char *const locals[2] = {"t>", "r>"};
  const char *p = prefix ? prefix : "";
  size_t pl = strlen(p), at = 0;
  (void)ctx;
  for (int i = 0; i < 2; i++) {
    if (len - at < 2 + (pl ? pl + 1 : 0) + 2 || memcmp(lit + at, "</", 2) != 0) return 0;
    at += 2;
    if (pl) {
      if (memcmp(lit + at, p, pl) != 0 || lit[at + pl] != ':') return 0;
      at += pl + 1;
    }
    if (memcmp(lit + at, locals[i], 2) != 0) return 0;
    at += 2;
  }
  return at;
}

/* Marks are written for every value, so they are spelled straight into
 * the buffer (room reserved once) rather than through printf or a call per
 * piece. These write at d and return the end. */
static char *put_bytes(char *d, const char *s, size_t n) {
  memcpy(d, s, n);
  return d + n;
}
#define PUT_LIT(d, lit) put_bytes(d, lit, sizeof lit - 1)

/* "P:" (nothing without a prefix). Byte by byte: prefixes are short ("w"). */
static char *put_prefix(char *d, const char *p, size_t pl) {
  if (!pl) return d;
  for (size_t i = 0; i < pl; i++)
    *d++ = p[i];
  *d++ = ':';
  return d;
}

static char *put_uint(char *d, unsigned x) {
  size_t n = 1;
  for (unsigned y = x; y >= 10; y /= 10)
    n++;
  for (size_t k = n; k-- > 0; x /= 10)
    d[k] = (char)('0' + x % 10);
  return d + n;
}

static void docx_write_mark(vb_buf *out, const char *prefix, const char *ctx, const char *name,
                            size_t name_len, unsigned id, vb_mark_edge edge) {
  const char *p = prefix ? prefix : "";
  size_t pl = strlen(p);
  int start = edge == VB_MARK_START || edge == VB_MARK_START_HEAD;
  /* A bookmark cannot sit in a run. Before the start, the value's run is
   * closed — unless the engine left the template's opening of it out
   * (VB_MARK_START_HEAD), or nothing is in it yet: its opening is then
   * taken back, as LibreOffice moves a bookmark that follows an empty run a
   * character to the right. Before the end, it is closed unless the
   * template's own closing was written already (VB_MARK_END_TAIL). */
  int close = edge == VB_MARK_END;
  if (edge == VB_MARK_START) {
    size_t open = vb_docx_empty_run_open(out->data ? out->data : "", out->len, p);
    out->len -= open;
    close = !open;
  }
  /* After the bookmark the run is reopened (ctx), except after the tail:
   * what the template has next follows its own closing. */
  size_t cl = edge == VB_MARK_END_TAIL ? 0 : strlen(ctx);
  vb_buf_grow(out, 5 * (pl + 1) + 64 + name_len + cl);
  char *d = out->data + out->len;
  if (close) {
    d = PUT_LIT(d, "</");
    d = put_prefix(d, p, pl);
    d = PUT_LIT(d, "t></");
    d = put_prefix(d, p, pl);
    d = PUT_LIT(d, "r>");
  }
  *d++ = '<';
  d = put_prefix(d, p, pl);
  d = start ? PUT_LIT(d, "bookmarkStart ") : PUT_LIT(d, "bookmarkEnd ");
  d = put_prefix(d, p, pl);
  d = PUT_LIT(d, "id=\"");
  d = put_uint(d, id);
  *d++ = '"';
  if (start) {
    *d++ = ' ';
    d = put_prefix(d, p, pl);
    d = PUT_LIT(d, "name=\"");
    d = put_bytes(d, name, name_len);
    *d++ = '"';
  }
  d = PUT_LIT(d, "/>");
  d = put_bytes(d, ctx, cl);
  *d = '\0';
  out->len = (size_t)(d - out->data);
}

/* Is s[0..n) the qualified name prefix:local (plen 0: no prefix)? */
static int is_qname(const char *s, size_t n, const char *prefix, size_t plen, const char *local) {
  size_t ll = strlen(local);
  if (plen)
    return n == plen + 1 + ll && memcmp(s, prefix, plen) == 0 && s[plen] == ':' &&
           memcmp(s + plen + 1, local, ll) == 0;
  return n == ll && memcmp(s, local, ll) == 0;
}

/* A w:tc must hold at least one block (ECMA-376 Part 1, 17.4.66: a cell
 * without a paragraph is a document Word refuses to open). When the markup
 * before some loops/conditions opens a cell (its start tag or the end of its
 * properties) and the markup after them closes it, those blocks are all the
 * cell holds: should they render nothing, an empty paragraph is written. */
static const char *docx_empty_fill(vb_arena *a, const char *before, size_t blen, const char *after,
                                   size_t alen) {
  if (alen < 6 || after[0] != '<' || after[1] != '/') return NULL;
  const char *gt = memchr(after, '>', alen);
  if (!gt) return NULL;
  const char *name = after + 2;
  size_t nlen = (size_t)(gt - name);
  const char *colon = memchr(name, ':', nlen);
  size_t plen = colon ? (size_t)(colon - name) : 0;
  if (!is_qname(name, nlen, name, plen, "tc")) return NULL;
  if (blen < 3 || before[blen - 1] != '>') return NULL;
  size_t lt = blen - 1;
  while (lt > 0 && before[lt] != '<')
    lt--;
  if (before[lt] != '<') return NULL;
  const char *tag = before + lt + 1; /* between '<' and '>' */
  size_t tlen = blen - lt - 2;
  int opens;
  if (tlen > 0 && tag[0] == '/') { /* </w:tcPr> */
    opens = is_qname(tag + 1, tlen - 1, name, plen, "tcPr");
  } else { /* <w:tc>, <w:tc …> or <w:tcPr/>: the name ends at a space or the '/' */
    size_t k = 0;
    while (k < tlen && !strchr(" \t\n\r/", tag[k]))
      k++;
    opens = is_qname(tag, k, name, plen, tlen > 0 && tag[tlen - 1] == '/' ? "tcPr" : "tc");
  }
  if (!opens) return NULL;
  vb_buf b = VB_BUF_INIT;
  vb_buf_putc(&b, '<');
  if (plen) {
    vb_buf_put(&b, name, plen);
    vb_buf_putc(&b, ':');
  }
  vb_buf_puts(&b, "p/>");
  const char *fill = vb_arena_strndup(a, b.data, b.len);
  vb_buf_free(&b);
  return fill;
}

const vb_format vb_format_docx = {
    .name = "docx",
    .is = docx_is,
    .classify = docx_classify,
    .loose_text = 0,
    .prepare_text_holder = docx_prepare_text_holder,
    .write_text = vb_docx_write_text,
    .text_ns = VB_NS_W,
    .trim_left = docx_trim_left,
    .trim_right = docx_trim_right,
    .mark_context = vb_docx_mark_context,
    .emphasis_context = vb_docx_emphasis_context,
    .write_emphasis = vb_docx_write_emphasis,
    .mark_head = docx_mark_head,
    .mark_tail = docx_mark_tail,
    .write_mark = docx_write_mark,
    .empty_fill = docx_empty_fill,
    .cell_marker = docx_cell_marker,
    .fix_tables = docx_fix_tables,
    .fix_pages = vb_docx_fix_pages,
    .find_pictures = vb_docx_find_pictures,
    .marks = &vb_mark_rules_docx,
    .tidy_template = vb_docx_tidy,
    .is_run_props = docx_is_run_props,
    .inline_context = vb_docx_inline_context,
    .write_picture = vb_docx_write_picture,
    .write_link = vb_docx_write_link,
    .write_chart = vb_docx_write_chart,
};
