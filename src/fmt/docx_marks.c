/* Value marks in an edited DOCX (fmt/marks.c drives): a mark is a
 * w:bookmarkStart and the w:bookmarkEnd of the same w:id; text is in w:t
 * elements of runs, tabs and breaks are elements of their own. */
#include <stdlib.h>
#include <string.h>

#include "fmt/docx_internal.h"
#include "fmt/format.h"
#include "fmt/mark_rules.h"
#include "xml/xml.h"

static int is_w(const xmlNode *n, const char *local) { return vb_xml_is(n, VB_NS_W, local); }

static char *w_attr(const xmlNode *n, const char *name) {
  return (char *)xmlGetNsProp(n, (const xmlChar *)name, (const xmlChar *)VB_NS_W);
}

static vb_mark_node docx_kind(const xmlNode *n) {
  return is_w(n, "bookmarkStart") ? VB_MN_START : VB_MN_NONE;
}

static xmlNode *docx_find_end(xmlNode *const *flat, size_t at, size_t n, const char *name) {
  (void)name;
  xmlNode *end = NULL;
  char *id = w_attr(flat[at], "id");
  for (size_t k = at + 1; k < n && id && !end; k++) {
    if (!is_w(flat[k], "bookmarkEnd")) continue;
    char *id2 = w_attr(flat[k], "id");
    if (id2 && strcmp(id, id2) == 0) end = flat[k];
    xmlFree(id2);
  }
  xmlFree(id);
  return end;
}

/* Only the text of w:t is document text (not w:delText, w:instrText, …). */
static int docx_text_counts(const xmlNode *n) { return n->parent && is_w(n->parent, "t"); }

static void docx_element_text(const xmlNode *n, vb_buf *out) {
  if (is_w(n, "tab"))
    vb_buf_putc(out, '\t');
  else if (is_w(n, "br") || is_w(n, "cr"))
    vb_buf_putc(out, '\n');
}

static int docx_holds_text(const xmlNode *n) {
  if (n->type == XML_TEXT_NODE) return docx_text_counts(n);
  return is_w(n, "t") || is_w(n, "tab") || is_w(n, "br") || is_w(n, "cr");
}

static int docx_is_piece(const xmlNode *n) {
  return is_w(n, "hyperlink") || is_w(n, "drawing") || is_w(n, "pict") || is_w(n, "object") ||
         is_w(n, "fldSimple");
}

static int docx_is_slot(const xmlNode *n) { return is_w(n, "t"); }

/* A bookmark cannot sit inside a run: its start goes before the run. */
static xmlNode *docx_before_slot(xmlNode *slot) {
  return is_w(slot->parent, "r") ? slot->parent : slot;
}

/* A w:t cut in two: the second half is a w:t of its own after it. */
static xmlNode *docx_split_text(xmlNode *text, size_t off) {
  xmlNode *t = text->parent;
  xmlChar *all = xmlNodeGetContent(text);
  xmlNode *second = xmlAddNextSibling(t, xmlNewDocNode(t->doc, t->ns, t->name, NULL));
  xmlSetProp(second, (const xmlChar *)"xml:space", (const xmlChar *)"preserve");
  xmlNodeAddContent(second, all + off);
  all[off] = '\0';
  xmlNodeSetContent(text, all);
  xmlSetProp(t, (const xmlChar *)"xml:space", (const xmlChar *)"preserve");
  xmlFree(all);
  return second;
}

/* The child of a w:r that holds n (n itself, or its w:t), or NULL. */
static xmlNode *run_child(xmlNode *n) {
  while (n && n->parent && !is_w(n->parent, "r"))
    n = n->parent;
  return n && n->parent ? n : NULL;
}

/* A run cut before its child c: c and what follows go to a copy of the run
 * (its attributes and properties) right after it. Returns the copy. */
static xmlNode *split_run(xmlNode *c) {
  xmlNode *run = c->parent;
  /* Made in place first, so that copies find the namespaces in scope. */
  xmlNode *second = xmlAddNextSibling(run, xmlNewDocNode(run->doc, run->ns, run->name, NULL));
  second->properties = xmlCopyPropList(second, run->properties);
  for (xmlNode *k = run->children; k; k = k->next) {
    xmlNode *copy = NULL;
    if (is_w(k, "rPr") &&
        xmlDOMWrapCloneNode(NULL, run->doc, k, &copy, run->doc, second, 1, 0) == 0)
      xmlAddChild(second, copy);
  }
  for (xmlNode *k = c, *next; k; k = next) {
    next = k->next;
    xmlUnlinkNode(k);
    xmlAddChild(second, k);
  }
  return second;
}

static int has_content_before(const xmlNode *c) {
  for (const xmlNode *k = c->prev; k; k = k->prev)
    if (k->type == XML_ELEMENT_NODE && !is_w(k, "rPr")) return 1;
  return 0;
}

static xmlNode *docx_cut_before(xmlNode *holder) {
  xmlNode *c = run_child(holder);
  if (!c) return holder;
  return has_content_before(c) ? split_run(c) : c->parent;
}

static xmlNode *docx_cut_after(xmlNode *holder) {
  xmlNode *c = run_child(holder);
  if (!c) return holder;
  xmlNode *next = c->next;
  while (next && next->type != XML_ELEMENT_NODE)
    next = next->next;
  if (next) split_run(next);
  return c->parent;
}

/* Write text after `after`: a w:t of a run (the text goes into that run) or
 * a bookmark start (into a new run, with the properties of the run before
 * it when there is one). Line breaks and tabs are w:br and w:tab between
 * w:t elements. */
static void docx_write_after(xmlNode *after, const char *text) {
  xmlDocPtr doc = after->doc;
  xmlNode *run = NULL, *pos = after;
  if (is_w(after, "t")) {
    run = after->parent;
  } else {
    run = xmlNewDocNode(doc, after->ns, (const xmlChar *)"r", NULL);
    xmlNode *prev = after->prev;
    while (prev && !is_w(prev, "r"))
      prev = prev->prev;
    for (xmlNode *c = prev ? prev->children : NULL; c; c = c->next)
      if (is_w(c, "rPr")) xmlAddChild(run, xmlCopyNode(c, 1));
    xmlAddNextSibling(after, run);
    pos = NULL;
  }
  xmlNs *w = run->ns;
  const char *s = text;
  for (;;) {
    size_t k = strcspn(s, "\n\t");
    xmlNode *t = xmlNewDocNode(doc, w, (const xmlChar *)"t", NULL);
    xmlNodeAddContentLen(t, (const xmlChar *)s, (int)k);
    xmlSetProp(t, (const xmlChar *)"xml:space", (const xmlChar *)"preserve");
    if (pos)
      pos = xmlAddNextSibling(pos, t);
    else
      pos = xmlAddChild(run, t);
    if (!s[k]) break;
    xmlNode *brk = xmlNewDocNode(doc, w, (const xmlChar *)(s[k] == '\n' ? "br" : "tab"), NULL);
    pos = xmlAddNextSibling(pos, brk);
    s += k + 1;
  }
}

/* The first w:t keeps its place and run: emptied, it takes the value. */
static void docx_write_in_slot(xmlNode *t, const char *text) {
  xmlNodeSetContent(t, (const xmlChar *)"");
  xmlSetProp(t, (const xmlChar *)"xml:space", (const xmlChar *)"preserve");
  if (!strpbrk(text, "\n\t")) {
    xmlNodeAddContent(t, (const xmlChar *)text);
    return;
  }
  docx_write_after(t, text);
  xmlUnlinkNode(t);
  xmlFreeNode(t);
}

/* LibreOffice 7.4 writes w:sectPr first inside w:pPr, where the schema wants
 * it last (before w:pPrChange): Word tolerates it, validators do not. The
 * update rewrites the part anyway, and a template LibreOffice saved is
 * compiled from a tree (vb_format.tidy_template), so put it back in schema
 * order. */
void vb_docx_tidy(xmlNode *n) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (is_w(n, "pPr")) {
      xmlNode *sect = NULL, *change = NULL;
      for (xmlNode *k = n->children; k; k = k->next) {
        if (is_w(k, "sectPr")) sect = k;
        if (is_w(k, "pPrChange")) change = k;
      }
      if (sect && (sect->next && sect->next != change)) {
        xmlUnlinkNode(sect);
        if (change)
          xmlAddPrevSibling(change, sect);
        else
          xmlAddChild(n, sect);
      }
      continue;
    }
    vb_docx_tidy(n->children);
  }
}

/* A w:tc must hold a paragraph: a removed item's may have been its last. */
static void docx_fill_cells(xmlNode *n) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (is_w(n, "tc")) {
      int has_p = 0;
      for (xmlNode *k = n->children; k && !has_p; k = k->next)
        has_p = is_w(k, "p") || is_w(k, "tbl") || is_w(k, "sdt") || is_w(k, "customXml");
      if (!has_p) xmlAddChild(n, xmlNewDocNode(n->doc, n->ns, (const xmlChar *)"p", NULL));
    }
    docx_fill_cells(n->children);
  }
}

static void docx_tidy_part(xmlNode *root) {
  vb_docx_tidy(root);
  docx_fill_cells(root);
}

static int docx_is_change(const xmlNode *n) {
  static const char *const names[] = {"ins",        "del",        "moveFrom",
                                      "moveTo",     "rPrChange",  "pPrChange",
                                      "trPrChange", "tcPrChange", NULL};
  if (n->type != XML_ELEMENT_NODE) return 0;
  for (int i = 0; names[i]; i++)
    if (is_w(n, names[i])) return 1;
  return 0;
}

/* --- copies of paragraphs and rows ------------------------------------------ */

#define W14_NS "http://schemas.microsoft.com/office/word/2010/wordml"

static void free_node(xmlNode *n) {
  xmlUnlinkNode(n);
  xmlFreeNode(n);
}

/* What a copy leaves out: ranges and ids that must be unique or belong to
 * the text copied, tracked deletions and the record of changes, Word's
 * layout cache. */
static int docx_dropped(const xmlNode *n) {
  static const char *const names[] = {"commentRangeStart",
                                      "commentRangeEnd",
                                      "proofErr",
                                      "permStart",
                                      "permEnd",
                                      "del",
                                      "moveFrom",
                                      "rPrChange",
                                      "pPrChange",
                                      "sectPrChange",
                                      "tblPrChange",
                                      "trPrChange",
                                      "tcPrChange",
                                      "numberingChange",
                                      "moveFromRangeStart",
                                      "moveFromRangeEnd",
                                      "moveToRangeStart",
                                      "moveToRangeEnd",
                                      "lastRenderedPageBreak",
                                      NULL};
  for (int i = 0; names[i]; i++)
    if (is_w(n, names[i])) return 1;
  /* A section break ends the section of the paragraph copied. */
  if (is_w(n, "sectPr") && n->parent && is_w(n->parent, "pPr")) return 1;
  /* A run that refers to a comment or a note: the copy must not. */
  if (is_w(n, "r"))
    for (const xmlNode *c = n->children; c; c = c->next)
      if (is_w(c, "commentReference") || is_w(c, "footnoteReference") ||
          is_w(c, "endnoteReference"))
        return 1;
  return 0;
}

typedef struct docx_copy {
  const char *prefix;
  char **ids; /* w:id of the marks kept */
  unsigned *new_ids;
  int *ends; /* how many ends each has in the copy */
  size_t n, cap;
} docx_copy;

static long copy_id_index(const docx_copy *c, const char *id) {
  for (size_t i = 0; id && i < c->n; i++)
    if (strcmp(c->ids[i], id) == 0) return (long)i;
  return -1;
}

/* First pass: drop what a copy leaves out, accept insertions, keep the
 * bookmarks that are marks (and note their ids). */
static void copy_clean(docx_copy *c, xmlNode *n) {
  while (n) {
    xmlNode *next = n->next;
    if (n->type != XML_ELEMENT_NODE) {
      n = next;
      continue;
    }
    if (docx_dropped(n)) {
      free_node(n);
    } else if (is_w(n, "ins") || is_w(n, "moveTo")) {
      /* Accepted: its content takes its place, and is looked at in turn. */
      xmlNode *first = n->children;
      for (xmlNode *k = n->children; k;) {
        xmlNode *kn = k->next;
        xmlUnlinkNode(k);
        xmlAddPrevSibling(n, k);
        k = kn;
      }
      free_node(n);
      if (first) next = first;
    } else if (is_w(n, "bookmarkStart")) {
      char *name = w_attr(n, "name");
      char *id = w_attr(n, "id");
      if (name && id && strncmp(name, c->prefix, strlen(c->prefix)) == 0 &&
          copy_id_index(c, id) < 0) {
        if (c->n == c->cap) {
          c->cap = c->cap ? c->cap * 2 : 16;
          c->ids = vb_xrealloc(c->ids, c->cap * sizeof(char *));
        }
        c->ids[c->n++] = vb_xstrdup(id);
      } else {
        free_node(n);
      }
      xmlFree(name);
      xmlFree(id);
    } else if (is_w(n, "bookmarkEnd")) {
      char *id = w_attr(n, "id");
      if (copy_id_index(c, id) < 0) free_node(n);
      xmlFree(id);
    } else {
      xmlAttr *a = xmlHasNsProp(n, (const xmlChar *)"paraId", (const xmlChar *)W14_NS);
      if (a) xmlRemoveProp(a);
      a = xmlHasNsProp(n, (const xmlChar *)"textId", (const xmlChar *)W14_NS);
      if (a) xmlRemoveProp(a);
      copy_clean(c, n->children);
    }
    n = next;
  }
}

static void copy_count_ends(docx_copy *c, xmlNode *n) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (is_w(n, "bookmarkEnd")) {
      char *id = w_attr(n, "id");
      long k = copy_id_index(c, id);
      if (k >= 0) c->ends[k]++;
      xmlFree(id);
    }
    copy_count_ends(c, n->children);
  }
}

/* Second pass: marks whose end was not copied go; the others get new ids. */
static void copy_renumber(docx_copy *c, xmlNode *n) {
  while (n) {
    xmlNode *next = n->next;
    if (n->type == XML_ELEMENT_NODE && (is_w(n, "bookmarkStart") || is_w(n, "bookmarkEnd"))) {
      char *id = w_attr(n, "id");
      long k = copy_id_index(c, id);
      xmlFree(id);
      if (k >= 0 && c->ends[k] == 1) {
        char num[16];
        snprintf(num, sizeof num, "%u", c->new_ids[k]);
        xmlSetNsProp(n, n->ns, (const xmlChar *)"id", (const xmlChar *)num);
      } else {
        free_node(n);
      }
    } else if (n->type == XML_ELEMENT_NODE) {
      copy_renumber(c, n->children);
    }
    n = next;
  }
}

static void docx_clean_copy(xmlNode *copy, const char *prefix, unsigned *next_id) {
  docx_copy c = {.prefix = prefix};
  copy_clean(&c, copy->children);
  c.ends = vb_xcalloc(c.n ? c.n : 1, sizeof(int));
  c.new_ids = vb_xcalloc(c.n ? c.n : 1, sizeof(unsigned));
  for (size_t i = 0; i < c.n; i++)
    c.new_ids[i] = (*next_id)++;
  copy_count_ends(&c, copy->children);
  copy_renumber(&c, copy->children);
  for (size_t i = 0; i < c.n; i++)
    free(c.ids[i]);
  free(c.ids);
  free(c.ends);
  free(c.new_ids);
  xmlAttr *a = xmlHasNsProp(copy, (const xmlChar *)"paraId", (const xmlChar *)W14_NS);
  if (a) xmlRemoveProp(a);
  a = xmlHasNsProp(copy, (const xmlChar *)"textId", (const xmlChar *)W14_NS);
  if (a) xmlRemoveProp(a);
}

static xmlNode *prev_element(xmlNode *n) {
  for (n = n->prev; n && n->type != XML_ELEMENT_NODE; n = n->prev)
    ;
  return n;
}

/* A paragraph that ends a section (its w:pPr holds the w:sectPr) hands the
 * section break to the paragraph before it; without one, it stays, empty. */
static void docx_remove_unit(xmlNode *unit) {
  xmlNode *sect = NULL;
  if (is_w(unit, "p"))
    for (xmlNode *k = unit->children; k; k = k->next)
      if (is_w(k, "pPr"))
        for (xmlNode *q = k->children; q; q = q->next)
          if (is_w(q, "sectPr")) sect = q;
  if (!sect) {
    free_node(unit);
    return;
  }
  xmlNode *prev = prev_element(unit);
  if (prev && is_w(prev, "p")) {
    xmlNode *ppr = NULL;
    for (xmlNode *k = prev->children; k && !ppr; k = k->next)
      if (is_w(k, "pPr")) ppr = k;
    int has_sect = 0;
    for (xmlNode *q = ppr ? ppr->children : NULL; q; q = q->next)
      has_sect |= is_w(q, "sectPr");
    if (!has_sect) {
      if (!ppr) {
        ppr = xmlNewDocNode(unit->doc, unit->ns, (const xmlChar *)"pPr", NULL);
        if (prev->children)
          xmlAddPrevSibling(prev->children, ppr);
        else
          xmlAddChild(prev, ppr);
      }
      xmlUnlinkNode(sect);
      xmlAddChild(ppr, sect); /* put in schema order by the tidy */
      free_node(unit);
      return;
    }
  }
  /* Nowhere to go: the paragraph stays, with its properties only. */
  for (xmlNode *k = unit->children; k;) {
    xmlNode *next = k->next;
    if (!is_w(k, "pPr")) free_node(k);
    k = next;
  }
}

const vb_mark_rules vb_mark_rules_docx = {
    .kind = docx_kind,
    .find_end = docx_find_end,
    .text_counts = docx_text_counts,
    .element_text = docx_element_text,
    .holds_text = docx_holds_text,
    .is_piece = docx_is_piece,
    .is_slot = docx_is_slot,
    .before_slot = docx_before_slot,
    .split_text = docx_split_text,
    .cut_before = docx_cut_before,
    .cut_after = docx_cut_after,
    .write_in_slot = docx_write_in_slot,
    .write_after = docx_write_after,
    .open_point = NULL,
    .end_named = 0,
    .tidy = docx_tidy_part,
    .is_change = docx_is_change,
    .clean_copy = docx_clean_copy,
    .remove_unit = docx_remove_unit,
};
