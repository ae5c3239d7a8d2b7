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
  xmlDoc *doc;
  mark *items;
  size_t n;
  xmlNode **flat; /* the part's nodes in document order */
  size_t nflat, cap;
  int stale;     /* the tree changed since flat was made */
  size_t at;     /* the mark whose si and ei are valid in flat, or SIZE_MAX */
  size_t si, ei; /* its start and end in flat (ei == si without an end) */
};

static void flatten(vb_part_marks *m, xmlNode *n) {
  for (; n; n = n->next) {
    if (m->nflat == m->cap) {
      m->cap = m->cap ? m->cap * 2 : 1024;
      m->flat = vb_xrealloc(m->flat, m->cap * sizeof(xmlNode *));
    }
    m->flat[m->nflat++] = n;
    if (n->type == XML_ELEMENT_NODE) flatten(m, n->children);
  }
}

static void reflatten(vb_part_marks *m) {
  m->nflat = 0;
  flatten(m, m->doc->children);
}

static char *name_of(const vb_part_marks *m, const xmlNode *n) {
  return (char *)xmlGetNsProp(n, (const xmlChar *)"name", (const xmlChar *)m->fmt->text_ns);
}

vb_part_marks *vb_marks_read(const vb_format *fmt, xmlDoc *doc, const char *prefix) {
  if (!fmt->marks) return NULL;
  vb_part_marks *m = vb_xcalloc(1, sizeof *m);
  m->fmt = fmt;
  m->r = fmt->marks;
  m->doc = doc;
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
  return m;
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
static void range_text(const vb_part_marks *m, size_t from, size_t to, vb_buf *out) {
  for (size_t i = from + 1; i < to; i++) {
    xmlNode *n = m->flat[i];
    if (n->type == XML_TEXT_NODE) {
      if (m->r->text_counts(n) && n->content) vb_buf_puts(out, (const char *)n->content);
    } else if (m->fmt->is(n, VB_C_PARAGRAPH)) {
      if (out->len) vb_buf_putc(out, '\n');
    } else {
      m->r->element_text(n, out);
    }
  }
}

void vb_marks_text(vb_part_marks *m, size_t i, vb_buf *out) {
  if (!m->items[i].end) return;
  locate(m, i);
  range_text(m, m->si, m->ei, out);
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

void vb_marks_rename(vb_part_marks *m, size_t i, const char *name) {
  mark *k = &m->items[i];
  xmlSetNsProp(k->start, k->start->ns, (const xmlChar *)"name", (const xmlChar *)name);
  if (m->r->end_named && k->end)
    xmlSetNsProp(k->end, k->end->ns, (const xmlChar *)"name", (const xmlChar *)name);
}

void vb_marks_tidy(const vb_format *fmt, xmlDoc *doc) {
  if (fmt->marks && fmt->marks->tidy) fmt->marks->tidy(xmlDocGetRootElement(doc));
}
