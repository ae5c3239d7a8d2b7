/* Value marks in an edited ODT (fmt/marks.c drives): a mark is a
 * text:bookmark-start and the text:bookmark-end of the same name, or a
 * text:bookmark where an empty value was written. Text lies directly in
 * paragraphs and spans; runs of spaces, tabs and line breaks are elements. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/format.h"
#include "fmt/mark_rules.h"
#include "xml/xml.h"

static int is_text(const xmlNode *n, const char *local) { return vb_xml_is(n, VB_NS_TEXT, local); }

static char *text_attr(const xmlNode *n, const char *name) {
  return (char *)xmlGetNsProp(n, (const xmlChar *)name, (const xmlChar *)VB_NS_TEXT);
}

static vb_mark_node odt_kind(const xmlNode *n) {
  return is_text(n, "bookmark-start") ? VB_MN_START
         : is_text(n, "bookmark")     ? VB_MN_POINT
                                      : VB_MN_NONE;
}

static xmlNode *odt_find_end(xmlNode *const *flat, size_t at, size_t n, const char *name) {
  xmlNode *end = NULL;
  for (size_t k = at + 1; k < n && !end; k++) {
    if (!is_text(flat[k], "bookmark-end")) continue;
    char *n2 = text_attr(flat[k], "name");
    if (n2 && strcmp(n2, name) == 0) end = flat[k];
    xmlFree(n2);
  }
  return end;
}

/* Text counts when it is in a paragraph through text and office elements
 * only: not inside a note's citation, a frame, an annotation's metadata, … */
static int odt_text_counts(const xmlNode *n) {
  for (const xmlNode *p = n->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent) {
    if (is_text(p, "p") || is_text(p, "h")) return 1;
    if (p->ns && strcmp((const char *)p->ns->href, VB_NS_TEXT) != 0 &&
        strcmp((const char *)p->ns->href, VB_NS_OFFICE) != 0)
      return 0;
  }
  return 0;
}

static void odt_element_text(const xmlNode *n, vb_buf *out) {
  if (is_text(n, "tab")) {
    vb_buf_putc(out, '\t');
  } else if (is_text(n, "line-break")) {
    vb_buf_putc(out, '\n');
  } else if (is_text(n, "s")) {
    char *c = text_attr(n, "c");
    int k = c ? atoi(c) : 1;
    xmlFree(c);
    for (int j = 0; j < (k > 0 ? k : 1); j++)
      vb_buf_putc(out, ' ');
  }
}

static int odt_holds_text(const xmlNode *n) {
  if (n->type == XML_TEXT_NODE) return odt_text_counts(n);
  return is_text(n, "s") || is_text(n, "tab") || is_text(n, "line-break");
}

static int odt_is_piece(const xmlNode *n) {
  return is_text(n, "a") || vb_xml_is(n, VB_NS_DRAW, "frame");
}

static int odt_is_slot(const xmlNode *n) { return n->type == XML_TEXT_NODE; }

static xmlNode *odt_before_slot(xmlNode *slot) { return slot; }

/* Text cut in two text nodes, for a mark to go between them (an element
 * anchor keeps libxml2 from merging them again while they are linked). */
static xmlNode *odt_split_text(xmlNode *text, size_t off) {
  xmlChar *all = xmlNodeGetContent(text);
  xmlNode *anchor = xmlNewDocNode(text->doc, NULL, (const xmlChar *)"vb-anchor", NULL);
  xmlAddNextSibling(text, anchor);
  xmlNode *second = xmlAddNextSibling(anchor, xmlNewDocText(text->doc, all + off));
  xmlUnlinkNode(anchor);
  xmlFreeNode(anchor);
  all[off] = '\0';
  xmlNodeSetContent(text, all);
  xmlFree(all);
  return second;
}

/* A mark can sit next to any text node or element of a paragraph or span. */
static xmlNode *odt_cut(xmlNode *holder) { return holder; }

/* Text nodes, with text:s for spaces ODF would collapse, text:tab and
 * text:line-break. */
static void odt_write_after(xmlNode *after, const char *text) {
  xmlDocPtr doc = after->doc;
  xmlNs *tns =
      xmlSearchNsByHref(doc, after->parent ? after->parent : after, (const xmlChar *)VB_NS_TEXT);
  xmlNode *pos = after;
  const char *s = text;
  while (*s) {
    size_t k = strcspn(s, "\n\t ");
    if (k) pos = xmlAddNextSibling(pos, xmlNewDocTextLen(doc, (const xmlChar *)s, (int)k));
    s += k;
    if (!*s) break;
    if (*s == ' ') {
      size_t sp = strspn(s, " ");
      int collapse_safe = sp == 1 && k && s[1] && s[1] != '\n' && s[1] != '\t';
      if (collapse_safe) {
        pos = xmlAddNextSibling(pos, xmlNewDocText(doc, (const xmlChar *)" "));
      } else {
        xmlNode *e = xmlNewDocNode(doc, tns, (const xmlChar *)"s", NULL);
        if (sp > 1) {
          char c[24];
          snprintf(c, sizeof c, "%zu", sp);
          xmlNewNsProp(e, tns, (const xmlChar *)"c", (const xmlChar *)c);
        }
        pos = xmlAddNextSibling(pos, e);
      }
      s += sp;
    } else {
      pos = xmlAddNextSibling(
          pos, xmlNewDocNode(doc, tns, (const xmlChar *)(*s == '\n' ? "line-break" : "tab"), NULL));
      s++;
    }
  }
}

/* An element anchor where the first text was: libxml2 merges text nodes
 * added next to a text node, so the text itself cannot be one. */
static void odt_write_in_slot(xmlNode *first, const char *text) {
  xmlNode *anchor = xmlNewDocNode(first->doc, NULL, (const xmlChar *)"vb-anchor", NULL);
  xmlAddPrevSibling(first, anchor);
  xmlUnlinkNode(first);
  xmlFreeNode(first);
  odt_write_after(anchor, text);
  xmlUnlinkNode(anchor);
  xmlFreeNode(anchor);
}

/* text:bookmark → text:bookmark-start text:bookmark-end, in its place. */
static void odt_open_point(xmlNode **start, xmlNode **end) {
  xmlNode *point = *start;
  xmlNode *s2 = xmlNewDocNode(point->doc, point->ns, (const xmlChar *)"bookmark-start", NULL);
  xmlNode *e2 = xmlNewDocNode(point->doc, point->ns, (const xmlChar *)"bookmark-end", NULL);
  xmlAddPrevSibling(point, s2);
  xmlAddNextSibling(point, e2);
  xmlUnlinkNode(point);
  xmlFreeNode(point);
  *start = s2;
  *end = e2;
}

static int odt_is_change(const xmlNode *n) {
  return n->type == XML_ELEMENT_NODE &&
         (is_text(n, "change-start") || is_text(n, "change-end") || is_text(n, "change"));
}

/* --- copies of paragraphs and rows ------------------------------------------ */

#define XML_NS "http://www.w3.org/XML/1998/namespace"

static void free_node(xmlNode *n) {
  xmlUnlinkNode(n);
  xmlFreeNode(n);
}

static void odt_copy_clean(xmlNode *n, const char *prefix) {
  while (n) {
    xmlNode *next = n->next;
    if (n->type != XML_ELEMENT_NODE) {
      n = next;
      continue;
    }
    int drop = odt_is_change(n) || is_text(n, "soft-page-break") ||
               vb_xml_is(n, VB_NS_OFFICE, "annotation") ||
               vb_xml_is(n, VB_NS_OFFICE, "annotation-end");
    if (!drop &&
        (is_text(n, "bookmark") || is_text(n, "bookmark-start") || is_text(n, "bookmark-end"))) {
      char *name = text_attr(n, "name");
      drop = !name || strncmp(name, prefix, strlen(prefix)) != 0;
      xmlFree(name);
    }
    if (drop) {
      free_node(n);
    } else {
      /* Ids that must be unique in the document (metadata, list ids). */
      xmlAttr *a = xmlHasNsProp(n, (const xmlChar *)"id", (const xmlChar *)XML_NS);
      if (a) xmlRemoveProp(a);
      odt_copy_clean(n->children, prefix);
    }
    n = next;
  }
}

static void odt_clean_copy(xmlNode *copy, const char *prefix, unsigned *next_id) {
  (void)next_id; /* ODT pairs marks by name */
  xmlAttr *a = xmlHasNsProp(copy, (const xmlChar *)"id", (const xmlChar *)XML_NS);
  if (a) xmlRemoveProp(a);
  odt_copy_clean(copy->children, prefix);
}

static void odt_remove_unit(xmlNode *unit) { free_node(unit); }

const vb_mark_rules vb_mark_rules_odt = {
    .kind = odt_kind,
    .find_end = odt_find_end,
    .text_counts = odt_text_counts,
    .element_text = odt_element_text,
    .holds_text = odt_holds_text,
    .is_piece = odt_is_piece,
    .is_slot = odt_is_slot,
    .before_slot = odt_before_slot,
    .split_text = odt_split_text,
    .cut_before = odt_cut,
    .cut_after = odt_cut,
    .write_in_slot = odt_write_in_slot,
    .write_after = odt_write_after,
    .open_point = odt_open_point,
    .end_named = 1,
    .tidy = NULL,
    .is_change = odt_is_change,
    .clean_copy = odt_clean_copy,
    .remove_unit = odt_remove_unit,
};
