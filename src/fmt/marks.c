/* Reading and rewriting value marks in an edited part, for any format: the
 * part's nodes are listed in document order, a mark's text is what lies
 * between its start and end in that list, and the format's rules
 * (fmt/mark_rules.h) say what each node is. */
#include "fmt/marks.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/mark_rules.h"

typedef struct mark {
  xmlNode *start, *end; /* end NULL: a point, or an end that is missing */
  char *name;
} mark;

struct vb_part_marks {
  const vb_format *fmt;
  const vb_mark_rules *r;
  xmlDoc *doc;  /* the marks of a whole part … */
  xmlNode *top; /* … or of this node only */
  mark *items;
  size_t n;
  xmlNode **flat; /* the part's nodes in document order */
  size_t nflat, cap;
  int stale;     /* the tree changed since flat was made */
  size_t at;     /* the mark whose si and ei are valid in flat, or SIZE_MAX */
  size_t si, ei; /* its start and end in flat (ei == si without an end) */
};

typedef struct node_list {
  xmlNode **items;
  size_t n, cap;
} node_list;

static void list_add(node_list *l, xmlNode *n) {
  if (l->n == l->cap) {
    l->cap = l->cap ? l->cap * 2 : 1024;
    l->items = vb_xrealloc(l->items, l->cap * sizeof(xmlNode *));
  }
  l->items[l->n++] = n;
}

static void flatten(node_list *l, xmlNode *n) {
  for (; n; n = n->next) {
    list_add(l, n);
    if (n->type == XML_ELEMENT_NODE) flatten(l, n->children);
  }
}

/* node and every node under it, in document order. */
static void flatten_node(node_list *l, xmlNode *node) {
  list_add(l, node);
  if (node->type == XML_ELEMENT_NODE) flatten(l, node->children);
}

static void reflatten(vb_part_marks *m) {
  node_list l = {m->flat, 0, m->cap};
  if (m->top)
    flatten_node(&l, m->top);
  else
    flatten(&l, m->doc->children);
  m->flat = l.items;
  m->nflat = l.n;
  m->cap = l.cap;
}

static char *name_of_node(const vb_format *fmt, const xmlNode *n) {
  return (char *)xmlGetNsProp(n, (const xmlChar *)"name", (const xmlChar *)fmt->text_ns);
}

static char *name_of(const vb_part_marks *m, const xmlNode *n) { return name_of_node(m->fmt, n); }

/* LibreOffice (7.4) saves an empty bookmark of a DOCX twice: a start with
 * no end, then the start and end of the range. The start with no end is
 * taken out of the part, or it would be a second mark of the same value. */
static void drop_doubled_starts(vb_part_marks *m) {
  size_t kept = 0;
  for (size_t i = 0; i < m->n; i++) {
    mark *k = &m->items[i];
    const mark *next = i + 1 < m->n ? &m->items[i + 1] : NULL;
    if (!k->end && m->r->kind(k->start) == VB_MN_START && next && next->end &&
        strcmp(k->name, next->name) == 0) {
      xmlUnlinkNode(k->start);
      xmlFreeNode(k->start);
      xmlFree(k->name);
      m->stale = 1;
      continue;
    }
    m->items[kept++] = *k;
  }
  m->n = kept;
  if (m->stale) {
    reflatten(m);
    m->stale = 0;
  }
}

static vb_part_marks *read_marks(const vb_format *fmt, xmlDoc *doc, xmlNode *top,
                                 const char *prefix) {
  if (!fmt->marks) return NULL;
  vb_part_marks *m = vb_xcalloc(1, sizeof *m);
  m->fmt = fmt;
  m->r = fmt->marks;
  m->doc = doc;
  m->top = top;
  m->at = SIZE_MAX;
  reflatten(m);
  size_t cap = 0, plen = strlen(prefix);
  for (size_t i = 0; i < m->nflat; i++) {
    xmlNode *n = m->flat[i];
    vb_mark_node kind = m->r->kind(n);
    if (kind == VB_MN_NONE) continue;
    char *name = name_of(m, n);
    if (!name || strncmp(name, prefix, plen) != 0) {
      xmlFree(name);
      continue;
    }
    if (m->n == cap) {
      cap = cap ? cap * 2 : 64;
      m->items = vb_xrealloc(m->items, cap * sizeof(mark));
    }
    mark *k = &m->items[m->n++];
    k->start = n;
    k->end = kind == VB_MN_START ? m->r->find_end(m->flat, i, m->nflat, name) : NULL;
    k->name = name;
  }
  drop_doubled_starts(m);
  return m;
}

vb_part_marks *vb_marks_read(const vb_format *fmt, xmlDoc *doc, const char *prefix) {
  return read_marks(fmt, doc, NULL, prefix);
}

vb_part_marks *vb_marks_read_in(const vb_format *fmt, xmlNode *node, const char *prefix) {
  return read_marks(fmt, node->doc, node, prefix);
}

void vb_marks_free(vb_part_marks *m) {
  if (!m) return;
  for (size_t i = 0; i < m->n; i++)
    xmlFree(m->items[i].name);
  free(m->items);
  free(m->flat);
  free(m);
}

size_t vb_marks_count(const vb_part_marks *m) { return m ? m->n : 0; }
const char *vb_marks_name(const vb_part_marks *m, size_t i) { return m->items[i].name; }
int vb_marks_has_end(const vb_part_marks *m, size_t i) { return m->items[i].end != NULL; }

/* Positions of mark i in the list, made again when rewriting a mark changed
 * the tree. */
static void locate(vb_part_marks *m, size_t i) {
  if (m->at == i) return;
  if (m->stale) {
    reflatten(m);
    m->stale = 0;
  }
  const mark *k = &m->items[i];
  size_t left = k->end ? 2 : 1; /* each node is once in the list */
  m->si = m->ei = 0;
  for (size_t j = 0; j < m->nflat && left; j++) {
    if (m->flat[j] == k->start)
      m->si = j, left--;
    else if (k->end && m->flat[j] == k->end)
      m->ei = j, left--;
  }
  if (!k->end) m->ei = m->si;
  m->at = i;
}

/* The text a reader sees between flat[from] and flat[to], exclusive. */
static void node_text(const vb_format *fmt, xmlNode *n, vb_buf *out) {
  if (n->type == XML_TEXT_NODE) {
    if (fmt->marks->text_counts(n) && n->content) vb_buf_puts(out, (const char *)n->content);
  } else if (fmt->is(n, VB_C_PARAGRAPH)) {
    if (out->len) vb_buf_putc(out, '\n');
  } else if (n->type == XML_ELEMENT_NODE) {
    fmt->marks->element_text(n, out);
  }
}

static void range_text(const vb_part_marks *m, size_t from, size_t to, vb_buf *out) {
  for (size_t i = from + 1; i < to; i++)
    node_text(m->fmt, m->flat[i], out);
}

void vb_marks_text(vb_part_marks *m, size_t i, vb_buf *out) {
  if (!m->items[i].end) return;
  locate(m, i);
  range_text(m, m->si, m->ei, out);
}

/* The run a node of text is in, or its paragraph when it is in none. */
static const xmlNode *run_of(const vb_part_marks *m, const xmlNode *n) {
  for (const xmlNode *p = n->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent)
    if (m->fmt->is(p, VB_C_RUN) || m->fmt->is(p, VB_C_PARAGRAPH)) return p;
  return NULL;
}

/* Elements a and b with the same name, attributes and content. */
static int same_tree(const xmlNode *a, const xmlNode *b) {
  for (; a && b; a = a->next, b = b->next) {
    if (a->type != b->type) return 0;
    if (a->type == XML_TEXT_NODE) {
      if (!xmlStrEqual(a->content, b->content)) return 0;
      continue;
    }
    if (a->type != XML_ELEMENT_NODE) continue;
    if (!xmlStrEqual(a->name, b->name) ||
        !xmlStrEqual(a->ns ? a->ns->href : NULL, b->ns ? b->ns->href : NULL))
      return 0;
    const xmlAttr *x = a->properties, *y = b->properties;
    for (; x && y; x = x->next, y = y->next) {
      if (!xmlStrEqual(x->name, y->name) ||
          !xmlStrEqual(x->ns ? x->ns->href : NULL, y->ns ? y->ns->href : NULL))
        return 0;
      xmlChar *u = xmlNodeGetContent((const xmlNode *)x),
              *v = xmlNodeGetContent((const xmlNode *)y);
      int eq = xmlStrEqual(u, v);
      xmlFree(u), xmlFree(v);
      if (!eq) return 0;
    }
    if (x || y || !same_tree(a->children, b->children)) return 0;
  }
  return !a && !b;
}

/* The run properties of run r (DOCX w:rPr), or NULL. */
static const xmlNode *run_props(const vb_part_marks *m, const xmlNode *r) {
  if (!m->fmt->is_run_props) return NULL;
  for (const xmlNode *c = r->children; c; c = c->next)
    if (m->fmt->is_run_props(c)) return c->children ? c : NULL;
  return NULL;
}

/* Runs a and b give their text the same look. Where the format keeps a
 * run's look in a child (DOCX), the run's own attributes (revision ids)
 * do not count; elsewhere (ODT spans) the run's name and attributes are
 * its look. */
static int same_look(const vb_part_marks *m, const xmlNode *a, const xmlNode *b) {
  if (a == b) return 1;
  if (!a || !b) return 0;
  if (m->fmt->is_run_props) {
    const xmlNode *pa = run_props(m, a), *pb = run_props(m, b);
    if (!pa || !pb) return !pa && !pb;
    return same_tree(pa->children, pb->children);
  }
  xmlNode ca = *a, cb = *b; /* the elements alone, without their content */
  ca.children = cb.children = NULL;
  ca.next = cb.next = NULL;
  return same_tree(&ca, &cb);
}

int vb_marks_one_look(vb_part_marks *m, size_t i) {
  if (!m->items[i].end) return 1;
  locate(m, i);
  const xmlNode *run = NULL;
  for (size_t j = m->si + 1; j < m->ei; j++) {
    const xmlNode *n = m->flat[j];
    if (!m->r->holds_text(n)) continue;
    const xmlNode *r = run_of(m, n);
    if (run && !same_look(m, r, run)) return 0;
    run = r;
  }
  return 1;
}

int vb_marks_plain(vb_part_marks *m, size_t i) {
  locate(m, i);
  for (size_t j = m->si; j <= m->ei && j < m->nflat; j++) {
    const xmlNode *n = m->flat[j];
    if (m->r->is_piece(n)) return 0;
    if (j == m->si || m->r->holds_text(n))
      for (const xmlNode *p = n->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent) {
        if (m->fmt->is(p, VB_C_PARAGRAPH)) break;
        if (m->r->is_piece(p)) return 0;
      }
  }
  return 1;
}

/* Position of the paragraph holding mark i, or SIZE_MAX. */
static size_t paragraph_of(vb_part_marks *m, size_t i) {
  locate(m, i);
  xmlNode *para = m->items[i].start->parent;
  while (para && !m->fmt->is(para, VB_C_PARAGRAPH))
    para = para->parent;
  size_t pi = m->si;
  while (para && pi > 0 && m->flat[pi] != para)
    pi--;
  return para && m->flat[pi] == para ? pi : SIZE_MAX;
}

int vb_marks_text_before(vb_part_marks *m, size_t i, vb_buf *out) {
  size_t pi = paragraph_of(m, i);
  if (pi == SIZE_MAX) return -1;
  range_text(m, pi, m->si, out);
  return 0;
}

int vb_marks_text_after(vb_part_marks *m, size_t i, vb_buf *out) {
  locate(m, i);
  size_t at = m->items[i].end ? m->ei : m->si;
  xmlNode *para = m->flat[at]->parent;
  while (para && !m->fmt->is(para, VB_C_PARAGRAPH))
    para = para->parent;
  if (!para) return -1;
  for (size_t j = at + 1; j < m->nflat; j++) {
    const xmlNode *up = m->flat[j];
    while (up && up != para)
      up = up->parent;
    if (!up) break; /* past the paragraph */
    node_text(m->fmt, m->flat[j], out);
  }
  return 0;
}

static void detach_free(xmlNode *n) {
  xmlUnlinkNode(n);
  xmlFreeNode(n);
}

void vb_marks_set_text(vb_part_marks *m, size_t i, const char *text, int from_paragraph) {
  mark *k = &m->items[i];
  const vb_mark_rules *r = m->r;
  if (!k->end && r->open_point) {
    /* A point (an empty value): a range around the value from now on. */
    r->open_point(&k->start, &k->end);
    r->write_after(k->start, text);
    m->at = SIZE_MAX;
    m->stale = 1;
    return;
  }
  locate(m, i);
  size_t from = m->si, to = m->ei;
  if (from_paragraph) {
    size_t pi = paragraph_of(m, i);
    if (pi != SIZE_MAX) from = pi;
  }
  /* Every text holder in the range goes, but the first slot, which gets the
   * value. */
  xmlNode *slot = NULL;
  for (size_t j = from + 1; j < to; j++) {
    xmlNode *n = m->flat[j];
    if (!n || !r->holds_text(n)) continue;
    if (!slot && r->is_slot(n)) {
      slot = n;
      continue;
    }
    /* Remove the node (and null out its descendants in the flat list). */
    for (size_t q = j + 1; q < to && m->flat[q]; q++) {
      xmlNode *p = m->flat[q]->parent;
      while (p && p != n)
        p = p->parent;
      if (!p) break;
      m->flat[q] = NULL;
    }
    m->flat[j] = NULL;
    detach_free(n);
  }
  if (from_paragraph && slot) {
    /* Put the mark back where the value starts. */
    xmlNode *before = r->before_slot(slot);
    xmlUnlinkNode(k->start);
    xmlAddPrevSibling(before, k->start);
  }
  if (slot)
    r->write_in_slot(slot, text);
  else
    r->write_after(k->start, text);
  m->at = SIZE_MAX;
  m->stale = 1;
}

/* One node's text in a range: [b, a) of the range's text. */
static void node_span(const vb_part_marks *m, xmlNode *n, vb_buf *t, size_t *b, size_t *a) {
  *b = t->len;
  node_text(m->fmt, n, t);
  *a = t->len;
}

int vb_marks_narrow(vb_part_marks *m, size_t i, size_t from, size_t to) {
  mark *k = &m->items[i];
  const vb_mark_rules *r = m->r;
  if (!k->end || from >= to || !r->split_text || !r->cut_before || !r->cut_after) return -1;
  locate(m, i);
  vb_buf t = VB_BUF_INIT;
  xmlNode *first = NULL, *last = NULL;
  size_t first_b = 0, last_b = 0, last_a = 0;
  int ok = 1;
  for (size_t j = m->si + 1; j < m->ei && ok; j++) {
    xmlNode *n = m->flat[j];
    size_t b, a;
    node_span(m, n, &t, &b, &a);
    if (a == b) continue;
    int cuttable = n->type == XML_TEXT_NODE;
    int para = m->fmt->is(n, VB_C_PARAGRAPH);
    if (!first && a > from) {
      /* The value starts here: in text, or at the start of an element. */
      ok = !para && (cuttable || b == from);
      first = n;
      first_b = b;
    }
    if (b < to && a >= to) {
      ok = ok && !para && (cuttable || a == to);
      last = n;
      last_b = b;
      last_a = a;
    }
  }
  vb_buf_free(&t);
  if (!ok || !first || !last) return -1;
  if (last_a > to) {
    xmlNode *rest = r->split_text(last, to - last_b);
    (void)rest; /* last keeps the value's end */
  }
  if (from > first_b) {
    xmlNode *value = r->split_text(first, from - first_b);
    if (first == last) last = value;
    first = value;
  }
  xmlNode *before = r->cut_before(first);
  xmlUnlinkNode(k->start);
  xmlAddPrevSibling(before, k->start);
  xmlNode *after = r->cut_after(last);
  xmlUnlinkNode(k->end);
  xmlAddNextSibling(after, k->end);
  m->at = SIZE_MAX;
  m->stale = 1;
  return 0;
}

void vb_marks_rename(vb_part_marks *m, size_t i, const char *name) {
  mark *k = &m->items[i];
  xmlSetNsProp(k->start, k->start->ns, (const xmlChar *)"name", (const xmlChar *)name);
  if (m->r->end_named && k->end)
    xmlSetNsProp(k->end, k->end->ns, (const xmlChar *)"name", (const xmlChar *)name);
}

void vb_marks_tidy(const vb_format *fmt, xmlDoc *doc) {
  if (fmt->marks && fmt->marks->tidy) fmt->marks->tidy(xmlDocGetRootElement(doc));
}

/* --- structure: what update needs to add, remove and move loop items -------- */

xmlNode *vb_marks_start(const vb_part_marks *m, size_t i) { return m->items[i].start; }
xmlNode *vb_marks_end(const vb_part_marks *m, size_t i) { return m->items[i].end; }

int vb_marks_in_change(vb_part_marks *m, size_t i) {
  const mark *k = &m->items[i];
  for (const xmlNode *p = k->start; p; p = p->parent)
    if (m->r->is_change(p)) return 1;
  if (!k->end) return 0;
  locate(m, i);
  for (size_t j = m->si + 1; j < m->ei; j++)
    if (m->flat[j] && m->r->is_change(m->flat[j])) return 1;
  return 0;
}

static int has_change(const vb_mark_rules *r, const xmlNode *n) {
  for (; n; n = n->next) {
    if (r->is_change(n)) return 1;
    if (n->type == XML_ELEMENT_NODE && has_change(r, n->children)) return 1;
  }
  return 0;
}

int vb_marks_has_change(const vb_format *fmt, const xmlNode *node) {
  return fmt->marks && (fmt->marks->is_change(node) || has_change(fmt->marks, node->children));
}

static void outline_piece(vb_outline *o, int is_mark, size_t off, const char *name, int partial) {
  if (o->n == o->cap) {
    o->cap = o->cap ? o->cap * 2 : 16;
    o->pieces = vb_xrealloc(o->pieces, o->cap * sizeof *o->pieces);
  }
  vb_outline_piece *p = &o->pieces[o->n++];
  p->mark = is_mark;
  p->off = off;
  p->len = o->text.len - off;
  p->name = name ? vb_xstrdup(name) : NULL;
  p->partial = partial;
}

/* Close the text piece that runs from *from to the end of the text, if any. */
static void outline_flush(vb_outline *o, size_t *from) {
  if (o->text.len > *from) outline_piece(o, 0, *from, NULL, 0);
  *from = o->text.len;
}

void vb_marks_outline(const vb_format *fmt, xmlNode *node, const char *prefix, vb_outline *o) {
  memset(o, 0, sizeof *o);
  if (!fmt->marks) return;
  const vb_mark_rules *r = fmt->marks;
  node_list l = {0};
  flatten_node(&l, node);
  size_t plen = strlen(prefix), from = 0;
  for (size_t i = 0; i < l.n; i++) {
    xmlNode *n = l.items[i];
    vb_mark_node kind = r->kind(n);
    char *name = kind != VB_MN_NONE ? name_of_node(fmt, n) : NULL;
    if (!name || strncmp(name, prefix, plen) != 0) {
      xmlFree(name);
      /* The node's own paragraph break is not part of its text. */
      if (i > 0 || !fmt->is(n, VB_C_PARAGRAPH)) node_text(fmt, n, &o->text);
      continue;
    }
    outline_flush(o, &from);
    size_t end = i;
    if (kind == VB_MN_START) {
      xmlNode *e = r->find_end(l.items, i, l.n, name);
      while (e && l.items[end] != e)
        end++;
      if (!e) {
        outline_piece(o, 1, o->text.len, name, 1);
        o->partial = 1;
        xmlFree(name);
        continue;
      }
      for (size_t j = i + 1; j < end; j++)
        node_text(fmt, l.items[j], &o->text);
    }
    outline_piece(o, 1, from, name, 0);
    from = o->text.len;
    xmlFree(name);
    i = end;
  }
  outline_flush(o, &from);
  free(l.items);
}

void vb_outline_free(vb_outline *o) {
  for (size_t i = 0; i < o->n; i++)
    free(o->pieces[i].name);
  free(o->pieces);
  vb_buf_free(&o->text);
  memset(o, 0, sizeof *o);
}

int vb_marks_can_copy(const vb_format *fmt) {
  return fmt->marks && fmt->marks->clean_copy && fmt->marks->remove_unit;
}

void vb_marks_clean_copy(const vb_format *fmt, xmlNode *copy, const char *prefix,
                         unsigned *next_id) {
  if (fmt->marks && fmt->marks->clean_copy) fmt->marks->clean_copy(copy, prefix, next_id);
}

xmlNode *vb_marks_copy(const vb_format *fmt, xmlNode *unit, xmlDoc *doc, const char *prefix,
                       unsigned *next_id) {
  xmlNode *c = xmlDocCopyNode(unit, doc, 1);
  if (c) vb_marks_clean_copy(fmt, c, prefix, next_id);
  return c;
}

void vb_marks_remove_unit(const vb_format *fmt, xmlNode *unit) {
  if (fmt->marks && fmt->marks->remove_unit)
    fmt->marks->remove_unit(unit);
  else
    detach_free(unit);
}

/* --- places, for messages ----------------------------------------------------- */

void vb_marks_where(const vb_format *fmt, xmlNode *node, vb_buf *out) {
  xmlNode *para = fmt->is(node, VB_C_PARAGRAPH) ? node : vb_fmt_ancestor(fmt, node, VB_C_PARAGRAPH);
  xmlNode *target = para ? para : node;
  xmlNode *cell = vb_fmt_ancestor(fmt, target, VB_C_CELL);
  xmlNode *row = cell ? vb_fmt_ancestor(fmt, cell, VB_C_ROW) : NULL;
  xmlNode *table = vb_fmt_ancestor(fmt, row ? row : cell, VB_C_TABLE);
  size_t paras = 0, tables = 0, table_no = 0;
  /* Paragraphs and tables in document order up to the target. */
  for (xmlNode *cur = xmlDocGetRootElement(node->doc); cur;) {
    if (fmt->is(cur, VB_C_PARAGRAPH)) paras++;
    if (fmt->is(cur, VB_C_TABLE) && ++tables && cur == table) table_no = tables;
    if (cur == target) break;
    if (cur->type == XML_ELEMENT_NODE && cur->children) {
      cur = cur->children;
      continue;
    }
    while (cur && !cur->next)
      cur = cur->parent;
    if (cur) cur = cur->next;
  }
  if (table && table_no) {
    size_t cell_no = 1;
    for (const xmlNode *c = cell->prev; c; c = c->prev)
      if (fmt->is(c, VB_C_CELL)) cell_no++;
    vb_buf_printf(out, "bảng %zu, hàng %zu, ô %zu%s", table_no,
                  row ? vb_fmt_row_number(fmt, table, row) : 0, cell_no, para ? ", " : "");
  }
  if (para) vb_buf_printf(out, "đoạn %zu", paras);
}
