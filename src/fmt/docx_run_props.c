/* Run properties in WordprocessingML: a property put into a w:rPr goes to
 * the place the schema gives it, since Word refuses a run whose properties
 * stand out of order. Emphasis (docx_emphasis.c) and links (docx_inline.c)
 * both set properties on a copy of a template's run. */
#include <string.h>

#include <libxml/tree.h>

#include "fmt/docx_internal.h"
#include "fmt/format.h"
#include "xml/xml.h"

/* CT_RPr's children in the order the schema requires (ECMA-376 Part 1,
 * 17.3.2.28); w:rPrChange comes last. */
static const char *const rpr_order[] = {"rStyle",
                                        "rFonts",
                                        "b",
                                        "bCs",
                                        "i",
                                        "iCs",
                                        "caps",
                                        "smallCaps",
                                        "strike",
                                        "dstrike",
                                        "outline",
                                        "shadow",
                                        "emboss",
                                        "imprint",
                                        "noProof",
                                        "snapToGrid",
                                        "vanish",
                                        "webHidden",
                                        "color",
                                        "spacing",
                                        "w",
                                        "kern",
                                        "position",
                                        "sz",
                                        "szCs",
                                        "highlight",
                                        "u",
                                        "effect",
                                        "bdr",
                                        "shd",
                                        "fitText",
                                        "vertAlign",
                                        "rtl",
                                        "cs",
                                        "em",
                                        "lang",
                                        "eastAsianLayout",
                                        "specVanish",
                                        "oMath",
                                        "rPrChange",
                                        NULL};

static int rpr_rank(const xmlNode *e) {
  for (int i = 0; rpr_order[i]; i++)
    if (vb_xml_is(e, VB_NS_W, rpr_order[i])) return i;
  return 1000;
}

void vb_docx_rpr_set(xmlNode *rpr, xmlNs *w, const char *local, const char *val) {
  for (xmlNode *c = rpr->children, *next; c; c = next) {
    next = c->next;
    if (vb_xml_is(c, VB_NS_W, local)) {
      xmlUnlinkNode(c);
      xmlFreeNode(c);
    }
  }
  xmlNode *e = xmlNewDocNode(rpr->doc, w, (const xmlChar *)local, NULL);
  if (val) xmlNewNsProp(e, w, (const xmlChar *)"val", (const xmlChar *)val);
  int rank = rpr_rank(e);
  xmlNode *before = NULL;
  for (xmlNode *c = rpr->children; c && !before; c = c->next)
    if (c->type == XML_ELEMENT_NODE && rpr_rank(c) > rank) before = c;
  if (before)
    xmlAddPrevSibling(before, e);
  else
    xmlAddChild(rpr, e);
}
