/* Values that are not text, in ODF: a picture is a draw:frame holding a
 * draw:image (ODF 1.3 Part 3, 10.4.2 and 10.4.4), anchored as a character
 * in the text, or to its paragraph when it floats; a chart a draw:frame
 * holding a draw:object that names the chart's sub-document (10.4.6); a
 * web address a text:a (6.1.8). The drawing namespaces are declared on the
 * frame: a template need not declare them. */
#include <stdio.h>
#include <string.h>

#include "fmt/format.h"
#include "fmt/odt_internal.h"
#include "xml/xml.h"

#define T VB_NS_TEXT

/* Pictures may stand in a paragraph, a heading, a span or a link; links
 * anywhere but inside another link. */
const vb_inline_ctx *vb_odt_inline_context(vb_arena *a, xmlNode *ph) {
  xmlNode *parent = ph ? ph->parent : NULL;
  if (!vb_xml_is(parent, T, "p") && !vb_xml_is(parent, T, "h") && !vb_xml_is(parent, T, "span") &&
      !vb_xml_is(parent, T, "a"))
    return NULL;
  vb_inline_ctx *c = vb_arena_alloc(a, sizeof *c);
  c->pictures = 1;
  c->links = 1;
  for (xmlNode *up = parent; up && up->type == XML_ELEMENT_NODE; up = up->parent)
    if (vb_xml_is(up, T, "a")) c->links = 0;
  return c;
}

static void put_attr(vb_buf *out, const char *name, const char *value) {
  vb_buf_printf(out, " %s=\"", name);
  vb_buf_put_xml_escaped(out, value, strlen(value));
  vb_buf_putc(out, '"');
}

/* A length in EMU as ODF writes it: millimetres, three decimals. */
static void put_mm(vb_buf *out, const char *name, long long emu) {
  long long um = (emu * 1000 + (emu >= 0 ? VB_EMU_PER_MM / 2 : -VB_EMU_PER_MM / 2)) /
                 VB_EMU_PER_MM; /* micrometres, rounded */
  vb_buf_printf(out, " %s=\"%s%lld.%03lldmm\"", name, um < 0 ? "-" : "", (um < 0 ? -um : um) / 1000,
                (um < 0 ? -um : um) % 1000);
}

/* "<draw:frame" with its namespaces, name and size; the anchor attribute
 * uses the template's prefix for the text namespace. */
static void frame_open(vb_buf *out, const char *prefix, const char *name, long long cx,
                       long long cy) {
  vb_buf_puts(out, "<draw:frame xmlns:draw=\"" VB_NS_DRAW "\" xmlns:svg=\"" VB_NS_SVG
                   "\" xmlns:xlink=\"" VB_NS_XLINK "\"");
  /* A template whose text namespace is the default one has no prefix for
   * the anchor attribute: it gets one here. */
  if (!prefix) vb_buf_puts(out, " xmlns:text=\"" VB_NS_TEXT "\"");
  put_attr(out, "draw:name", name);
  put_mm(out, "svg:width", cx);
  put_mm(out, "svg:height", cy);
}

static void put_anchor(vb_buf *out, const char *prefix, const char *type) {
  vb_buf_printf(out, " %s%sanchor-type=\"%s\"", prefix ? prefix : "text", ":", type);
}

/* Floating pictures take one of four graphic styles (docs/pictures.md):
 * in front of the text or behind it, at an offset from the paragraph's left
 * or centred; indexed by vb_float_kind's bit. */
static const char *const float_styles[4] = {"VB_HinhNoi", "VB_HinhNoiGiua", "VB_HinhNoiSau",
                                            "VB_HinhNoiSauGiua"};

static const char *float_style(const vb_inline_picture *p) {
  return float_styles[(p->behind ? 2 : 0) + (p->center ? 1 : 0)];
}

static xmlNs *ns_of(xmlNode *root, const char *href, const char *prefix) {
  xmlNs *ns = xmlSearchNsByHref(root->doc, root, (const xmlChar *)href);
  return ns ? ns : xmlNewNs(root, (const xmlChar *)href, (const xmlChar *)prefix);
}

/* A style the renders' documents can rely on whatever the template says:
 * the text runs through the picture (it lays out as if the picture were
 * not there, ODF 1.3 Part 3, 20.393), placed from the paragraph's top and
 * left (or centred in it), without border, padding or shadow. */
int vb_odt_add_float_styles(xmlNode *root, unsigned floats) {
  xmlNode *common = NULL;
  for (xmlNode *c = root ? root->children : NULL; c && !common; c = c->next)
    if (vb_xml_is(c, VB_NS_OFFICE, "styles")) common = c;
  if (!floats || !common) return 0;
  xmlNs *style = ns_of(root, VB_NS_STYLE, "style"), *fo = ns_of(root, VB_NS_FO, "fo"),
        *draw = ns_of(root, VB_NS_DRAW, "draw");
  int changed = 0;
  for (unsigned k = 0; k < 4; k++) {
    if (!(floats & (1u << k))) continue;
    int defined = 0;
    for (xmlNode *c = common->children; c && !defined; c = c->next) {
      if (!vb_xml_is(c, VB_NS_STYLE, "style")) continue;
      xmlChar *name = xmlGetNsProp(c, (const xmlChar *)"name", (const xmlChar *)VB_NS_STYLE);
      defined = name && !strcmp((const char *)name, float_styles[k]);
      xmlFree(name);
    }
    if (defined) continue;
    xmlNode *st = xmlNewChild(common, style, (const xmlChar *)"style", NULL);
    xmlNewNsProp(st, style, (const xmlChar *)"name", (const xmlChar *)float_styles[k]);
    xmlNewNsProp(st, style, (const xmlChar *)"family", (const xmlChar *)"graphic");
    xmlNode *gp = xmlNewChild(st, style, (const xmlChar *)"graphic-properties", NULL);
    static const char *const props[][3] = {
        {"s", "wrap", "run-through"},
        {"s", "number-wrapped-paragraphs", "no-limit"},
        {"s", "vertical-pos", "from-top"},
        {"s", "vertical-rel", "paragraph"},
        {"s", "horizontal-rel", "paragraph"},
        {"s", "flow-with-text", "false"},
        {"f", "margin-left", "0mm"},
        {"f", "margin-right", "0mm"},
        {"f", "margin-top", "0mm"},
        {"f", "margin-bottom", "0mm"},
        {"f", "padding", "0mm"},
        {"f", "border", "none"},
        {"s", "shadow", "none"},
        {"d", "fill", "none"},
        {"s", "mirror", "none"},
    };
    for (size_t i = 0; i < sizeof props / sizeof props[0]; i++)
      xmlNewNsProp(gp,
                   props[i][0][0] == 's'   ? style
                   : props[i][0][0] == 'f' ? fo
                                           : draw,
                   (const xmlChar *)props[i][1], (const xmlChar *)props[i][2]);
    xmlNewNsProp(gp, style, (const xmlChar *)"run-through",
                 (const xmlChar *)(k & 2 ? "background" : "foreground"));
    xmlNewNsProp(gp, style, (const xmlChar *)"horizontal-pos",
                 (const xmlChar *)(k & 1 ? "center" : "from-left"));
    changed = 1;
  }
  return changed;
}

void vb_odt_write_picture(vb_buf *out, const char *prefix, const vb_inline_ctx *ctx,
                          const vb_inline_picture *p) {
  (void)ctx;
  frame_open(out, prefix, p->name, p->cx, p->cy);
  if (p->floating) {
    put_attr(out, "draw:style-name", float_style(p));
    put_anchor(out, prefix, "paragraph");
    if (!p->center) put_mm(out, "svg:x", p->x);
    put_mm(out, "svg:y", p->y);
    vb_buf_printf(out, " draw:z-index=\"%u\"", p->z);
  } else {
    put_anchor(out, prefix, "as-char");
  }
  vb_buf_puts(out, "><draw:image");
  put_attr(out, "xlink:href", p->ref);
  vb_buf_puts(out, " xlink:type=\"simple\" xlink:show=\"embed\" xlink:actuate=\"onLoad\"/>");
  if (p->descr && *p->descr) {
    vb_buf_puts(out, "<svg:desc>");
    vb_buf_put_xml_escaped(out, p->descr, strlen(p->descr));
    vb_buf_puts(out, "</svg:desc>");
  }
  vb_buf_puts(out, "</draw:frame>");
}

void vb_odt_write_link(vb_buf *out, const char *prefix, const vb_inline_ctx *ctx,
                       const vb_inline_link *link, const char *text, unsigned style,
                       const void *emph) {
  (void)ctx;
  const char *p = prefix ? prefix : "", *colon = prefix ? ":" : "";
  vb_buf_printf(out, "<%s%sa xmlns:xlink=\"" VB_NS_XLINK "\" xlink:type=\"simple\"", p, colon);
  put_attr(out, "xlink:href", link->ref);
  vb_buf_putc(out, '>');
  /* An emphasised piece is the same span inside the link as outside it. */
  if (style && emph)
    vb_odt_write_emphasis(out, prefix, emph, style, text + link->off, link->len);
  else
    vb_odt_write_text(out, prefix, text + link->off, link->len);
  vb_buf_printf(out, "</%s%sa>", p, colon);
}

void vb_odt_write_chart(vb_buf *out, const char *prefix, const vb_inline_ctx *ctx,
                        const vb_inline_chart *c) {
  (void)ctx;
  frame_open(out, prefix, c->name, c->cx, c->cy);
  put_anchor(out, prefix, "as-char");
  vb_buf_puts(out, "><draw:object");
  put_attr(out, "xlink:href", c->ref);
  vb_buf_puts(out, " xlink:type=\"simple\" xlink:show=\"embed\" xlink:actuate=\"onLoad\"/>"
                   "</draw:frame>");
}

/* --- a template's pictures, by name ({% anh %}) ------------------------------ */

static int names_it(xmlNode *frame, const char *name) {
  xmlChar *v = xmlGetNsProp(frame, (const xmlChar *)"name", (const xmlChar *)VB_NS_DRAW);
  int same = v && !strcmp((const char *)v, name);
  xmlFree(v);
  for (xmlNode *c = frame->children; c && !same; c = c->next) {
    if (!vb_xml_is(c, VB_NS_SVG, "title") && !vb_xml_is(c, VB_NS_SVG, "desc")) continue;
    xmlChar *t = xmlNodeGetContent(c);
    same = t && !strcmp((const char *)t, name);
    xmlFree(t);
  }
  return same;
}

/* A draw:frame whose draw:name, svg:title or svg:desc (the alternative
 * text) is the name asked: its draw:image's xlink:href. */
static void find_frames(xmlNode *n, const char *name, xmlAttr **out, size_t max, size_t *len) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (vb_xml_is(n, VB_NS_DRAW, "frame") && names_it(n, name)) {
      for (xmlNode *c = n->children; c; c = c->next) {
        xmlAttr *at = vb_xml_is(c, VB_NS_DRAW, "image")
                          ? xmlHasNsProp(c, (const xmlChar *)"href", (const xmlChar *)VB_NS_XLINK)
                          : NULL;
        if (!at) continue;
        if (*len < max) out[*len] = at;
        ++*len;
        break;
      }
      continue;
    }
    find_frames(n->children, name, out, max, len);
  }
}

size_t vb_odt_find_pictures(xmlNode *root, const char *name, xmlAttr **out, size_t max) {
  size_t len = 0;
  find_frames(root, name, out, max, &len);
  return len;
}
