/* Landscape sections in WordprocessingML (fmt/pages.h). A section ends at
 * the paragraph whose w:pPr holds its w:sectPr, or at the body's last
 * w:sectPr (ECMA-376 Part 1, 17.6.17); a page mark turns the section it
 * stands in: w:pgSz gets its width and height swapped and
 * w:orient="landscape" (17.6.13), the margins stay as they are (on the
 * turned page the decree's top, bottom, left and right), and the section's
 * tables as wide as the portrait text take the landscape text width, their
 * grid and cell widths in proportion. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/format.h"
#include "fmt/pages.h"
#include "xml/xml.h"

#define W VB_NS_W

static long get_twips(xmlNode *e, const char *name) {
  if (!e) return -1;
  xmlChar *v = xmlGetNsProp(e, (const xmlChar *)name, (const xmlChar *)W);
  long n = v ? strtol((const char *)v, NULL, 10) : -1;
  xmlFree(v);
  return n;
}

static void set_twips(xmlNode *e, const char *name, long v) {
  char s[32];
  snprintf(s, sizeof s, "%ld", v);
  xmlSetNsProp(e, e->ns, (const xmlChar *)name, (const xmlChar *)s);
}

static xmlNode *child(xmlNode *e, const char *local) {
  for (xmlNode *c = e ? e->children : NULL; c; c = c->next)
    if (vb_xml_is(c, W, local)) return c;
  return NULL;
}

/* The w:sectPr a body-level block ends its section with, or NULL. */
static xmlNode *ends_section(xmlNode *block) {
  return vb_xml_is(block, W, "p") ? child(child(block, "pPr"), "sectPr") : NULL;
}

static void collect_marks(xmlNode *n, xmlNode ***out, size_t *len, size_t *cap) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (vb_xml_is(n, VB_NS_PAGE, VB_PAGE_MARK)) {
      if (*len == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        *out = vb_xrealloc(*out, *cap * sizeof **out);
      }
      (*out)[(*len)++] = n;
      continue;
    }
    collect_marks(n->children, out, len, cap);
  }
}

/* Every w:W="…" twips attribute of elements `local` under n, times f. */
static void scale_all(xmlNode *n, const char *local, double f) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (vb_xml_is(n, W, "tbl")) continue; /* a nested table keeps its own widths */
    if (vb_xml_is(n, W, local)) {
      xmlChar *type = xmlGetNsProp(n, (const xmlChar *)"type", (const xmlChar *)W);
      long w = get_twips(n, "w");
      if (w > 0 && (!type || !strcmp((const char *)type, "dxa")))
        set_twips(n, "w", (long)floor(w * f));
      xmlFree(type);
    }
    scale_all(n->children, local, f);
  }
}

/* A table as wide as the portrait text (its declared width, or its grid's)
 * takes the landscape text width. */
static void widen_table(xmlNode *tbl, long old_text, long new_text) {
  xmlNode *tblw = child(child(tbl, "tblPr"), "tblW");
  long width = get_twips(tblw, "w");
  xmlChar *type = tblw ? xmlGetNsProp(tblw, (const xmlChar *)"type", (const xmlChar *)W) : NULL;
  int dxa = !type || !strcmp((const char *)type, "dxa");
  xmlFree(type);
  if (!dxa) return; /* a width in per cent follows the page by itself */
  xmlNode *grid = child(tbl, "tblGrid");
  if (width <= 0) {
    width = 0;
    for (xmlNode *g = grid ? grid->children : NULL; g; g = g->next)
      if (vb_xml_is(g, W, "gridCol")) width += get_twips(g, "w") > 0 ? get_twips(g, "w") : 0;
  }
  if (width < old_text * 95 / 100) return;
  double f = (double)new_text / (double)old_text;
  for (xmlNode *g = grid ? grid->children : NULL; g; g = g->next) {
    long w = get_twips(g, "w");
    if (vb_xml_is(g, W, "gridCol") && w > 0) set_twips(g, "w", (long)floor(w * f));
  }
  if (tblw && get_twips(tblw, "w") > 0) set_twips(tblw, "w", (long)floor(get_twips(tblw, "w") * f));
  for (xmlNode *tr = tbl->children; tr; tr = tr->next)
    if (vb_xml_is(tr, W, "tr")) scale_all(tr->children, "tcW", f);
}

/* Turn the section whose blocks run from `first` up to the one ending it
 * (`last`, NULL: the body's end) and whose properties are sect. */
static void turn_section(xmlNode *sect, xmlNode *first, xmlNode *last) {
  xmlNode *sz = child(sect, "pgSz"), *mar = child(sect, "pgMar");
  long w = get_twips(sz, "w"), h = get_twips(sz, "h");
  if (w <= 0 || h <= 0 || w > h) return; /* no size, or already landscape */
  set_twips(sz, "w", h);
  set_twips(sz, "h", w);
  xmlSetNsProp(sz, sz->ns, (const xmlChar *)"orient", (const xmlChar *)"landscape");
  long left = get_twips(mar, "left"), right = get_twips(mar, "right");
  long old_text = w - (left > 0 ? left : 0) - (right > 0 ? right : 0);
  long new_text = h - (left > 0 ? left : 0) - (right > 0 ? right : 0);
  if (old_text <= 0 || new_text <= old_text) return;
  for (xmlNode *b = first; b; b = b->next) {
    if (vb_xml_is(b, W, "tbl")) widen_table(b, old_text, new_text);
    if (b == last) break;
  }
}

static int fix_under(xmlNode *root) {
  xmlNode *body = child(root, "body");
  xmlNode **marks = NULL;
  size_t n = 0, cap = 0;
  collect_marks(root ? root->children : NULL, &marks, &n, &cap);
  for (size_t i = 0; i < n; i++) {
    xmlNode *top = marks[i];
    while (top && top->parent != body)
      top = top->parent;
    if (top) {
      xmlNode *first = top, *last = top;
      while (first->prev && !ends_section(first->prev))
        first = first->prev;
      xmlNode *sect = NULL;
      for (; last && !(sect = ends_section(last)); last = last->next)
        if (vb_xml_is(last, W, "sectPr")) {
          sect = last;
          break;
        }
      if (sect) turn_section(sect, first, last);
    }
    xmlUnlinkNode(marks[i]);
    xmlFreeNode(marks[i]);
  }
  free(marks);
  return n > 0;
}

int vb_docx_fix_pages(vb_buf *xml, vb_page_ctx *pc) {
  (void)pc; /* a section holds its whole page: nothing to add elsewhere */
  if (!vb_pages_marked(xml)) return 0;
  return vb_xml_reserialize(xml, fix_under, 1);
}
