/* Inline emphasis in ODT: an emphasised piece of a value is a text:span
 * whose automatic text style sets the weight or slant; everything else comes
 * from the paragraph or span around it. The compiler asks for the styles
 * once per part and they are added to the part's tree with libxml2 before it
 * is written out, under fixed names (VB_Dam, VB_Nghieng, VB_DamNghieng; a
 * number is added when the template already uses a name otherwise), so the
 * output stays the same for the same template. */
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "fmt/format.h"
#include "fmt/odt_internal.h"
#include "xml/xml.h"

#define NS_STYLE "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define NS_FO "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"

typedef struct odt_emph {
  const char *name[4]; /* indexed by style */
} odt_emph;

static const char *const base_names[4] = {NULL, "VB_Dam", "VB_Nghieng", "VB_DamNghieng"};

/* The namespace href declared in scope at the root, or declared there now
 * (under `prefix`, or "vb" + prefix when the template uses that prefix for
 * something else). */
static xmlNs *ns_for(xmlNode *root, const char *href, const char *prefix) {
  xmlNs *ns = xmlSearchNsByHref(root->doc, root, (const xmlChar *)href);
  if (ns) return ns;
  char name[32];
  snprintf(name, sizeof name, "%s", prefix);
  if (xmlSearchNs(root->doc, root, (const xmlChar *)name))
    snprintf(name, sizeof name, "vb%s", prefix);
  return xmlNewNs(root, (const xmlChar *)href, (const xmlChar *)name);
}

/* The part's office:automatic-styles, made where the schema puts it (before
 * office:body in content.xml, before office:master-styles in styles.xml)
 * when the template has none. */
static xmlNode *automatic_styles(xmlNode *root) {
  xmlNode *before = NULL;
  for (xmlNode *c = root->children; c; c = c->next) {
    if (vb_xml_is(c, VB_NS_OFFICE, "automatic-styles")) return c;
    if (!before &&
        (vb_xml_is(c, VB_NS_OFFICE, "body") || vb_xml_is(c, VB_NS_OFFICE, "master-styles")))
      before = c;
  }
  xmlNode *as = xmlNewDocNode(root->doc, root->ns, (const xmlChar *)"automatic-styles", NULL);
  if (before)
    xmlAddPrevSibling(before, as);
  else
    xmlAddChild(root, as);
  return as;
}

static int attr_is(xmlNode *e, const char *ns, const char *name, const char *want) {
  xmlChar *v = xmlGetNsProp(e, (const xmlChar *)name, (const xmlChar *)ns);
  int same = want ? v && !strcmp((const char *)v, want) : !v;
  xmlFree(v);
  return same;
}

/* Is e a text style that does exactly what `style` asks (one made for an
 * earlier value of this part)? */
static int is_emphasis_style(xmlNode *e, unsigned style) {
  if (!attr_is(e, NS_STYLE, "family", "text")) return 0;
  for (xmlNode *c = e->children; c; c = c->next)
    if (vb_xml_is(c, NS_STYLE, "text-properties"))
      return attr_is(c, NS_FO, "font-weight", style & VB_RUN_BOLD ? "bold" : NULL) &&
             attr_is(c, NS_FO, "font-style", style & VB_RUN_ITALIC ? "italic" : NULL);
  return 0;
}

static xmlNode *style_named(xmlNode *parent, const char *name) {
  for (xmlNode *c = parent ? parent->children : NULL; c; c = c->next)
    if (vb_xml_is(c, NS_STYLE, "style") && attr_is(c, NS_STYLE, "name", name)) return c;
  return NULL;
}

static const char *ensure_style(vb_arena *a, xmlNode *root, xmlNode *as, unsigned style) {
  xmlNode *common = NULL;
  for (xmlNode *c = root->children; c; c = c->next)
    if (vb_xml_is(c, VB_NS_OFFICE, "styles")) common = c;
  char name[48];
  for (unsigned k = 0;; k++) {
    if (k)
      snprintf(name, sizeof name, "%s%u", base_names[style], k + 1);
    else
      snprintf(name, sizeof name, "%s", base_names[style]);
    xmlNode *old = style_named(as, name);
    if (old && is_emphasis_style(old, style)) return vb_arena_strdup(a, name);
    if (!old && !style_named(common, name)) break;
  }
  xmlNs *st = ns_for(root, NS_STYLE, "style"), *fo = ns_for(root, NS_FO, "fo");
  xmlNode *s = xmlNewChild(as, st, (const xmlChar *)"style", NULL);
  xmlNewNsProp(s, st, (const xmlChar *)"name", (const xmlChar *)name);
  xmlNewNsProp(s, st, (const xmlChar *)"family", (const xmlChar *)"text");
  xmlNode *tp = xmlNewChild(s, st, (const xmlChar *)"text-properties", NULL);
  if (style & VB_RUN_BOLD) {
    xmlNewNsProp(tp, fo, (const xmlChar *)"font-weight", (const xmlChar *)"bold");
    xmlNewNsProp(tp, st, (const xmlChar *)"font-weight-asian", (const xmlChar *)"bold");
    xmlNewNsProp(tp, st, (const xmlChar *)"font-weight-complex", (const xmlChar *)"bold");
  }
  if (style & VB_RUN_ITALIC) {
    xmlNewNsProp(tp, fo, (const xmlChar *)"font-style", (const xmlChar *)"italic");
    xmlNewNsProp(tp, st, (const xmlChar *)"font-style-asian", (const xmlChar *)"italic");
    xmlNewNsProp(tp, st, (const xmlChar *)"font-style-complex", (const xmlChar *)"italic");
  }
  return vb_arena_strdup(a, name);
}

const void *vb_odt_emphasis_context(vb_arena *a, xmlNode *ph) {
  /* A span may go wherever a bookmark may: directly in a paragraph, a
   * heading, a span or a link. */
  xmlNode *p = ph ? ph->parent : NULL;
  if (!vb_xml_is(p, VB_NS_TEXT, "p") && !vb_xml_is(p, VB_NS_TEXT, "h") &&
      !vb_xml_is(p, VB_NS_TEXT, "span") && !vb_xml_is(p, VB_NS_TEXT, "a"))
    return NULL;
  xmlNode *root = xmlDocGetRootElement(ph->doc);
  if (!root) return NULL;
  xmlNode *as = automatic_styles(root);
  odt_emph *e = vb_arena_alloc(a, sizeof *e);
  for (unsigned style = 1; style < 4; style++)
    e->name[style] = ensure_style(a, root, as, style);
  return e;
}

void vb_odt_write_emphasis(vb_buf *out, const char *prefix, const void *ctx, unsigned style,
                           const char *s, size_t n) {
  const odt_emph *e = ctx;
  const char *p = prefix ? prefix : "", *colon = prefix ? ":" : "";
  vb_buf_printf(out, "<%s%sspan %s%sstyle-name=\"%s\">", p, colon, p, colon, e->name[style & 3]);
  vb_odt_write_text(out, prefix, s, n);
  vb_buf_printf(out, "</%s%sspan>", p, colon);
}
