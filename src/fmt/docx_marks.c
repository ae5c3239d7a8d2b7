/* Value marks in an edited DOCX (fmt/marks.c drives): a mark is a
 * w:bookmarkStart and the w:bookmarkEnd of the same w:id; text is in w:t
 * elements of runs, tabs and breaks are elements of their own. */
#include <string.h>

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

static int docx_is_slot(const xmlNode *n) { return is_w(n, "t"); }

/* A bookmark cannot sit inside a run: its start goes before the run. */
static xmlNode *docx_before_slot(xmlNode *slot) {
  return is_w(slot->parent, "r") ? slot->parent : slot;
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
 * update rewrites the part anyway, so put it back in schema order. */
static void docx_tidy(xmlNode *n) {
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
    docx_tidy(n->children);
  }
}

const vb_mark_rules vb_mark_rules_docx = {
    .kind = docx_kind,
    .find_end = docx_find_end,
    .text_counts = docx_text_counts,
    .element_text = docx_element_text,
    .holds_text = docx_holds_text,
    .is_slot = docx_is_slot,
    .before_slot = docx_before_slot,
    .write_in_slot = docx_write_in_slot,
    .write_after = docx_write_after,
    .open_point = NULL,
    .end_named = 0,
    .tidy = docx_tidy,
};
