/* Values that are not text, in WordprocessingML: a picture is a w:drawing
 * in the value's run (wp:inline, or wp:anchor when it floats: ECMA-376 Part
 * 1, 20.4), a chart the same with a c:chart reference (21.2), a web address
 * a w:hyperlink around a run of its own (17.16.22), which means closing the
 * value's run and opening it again after the link with its properties.
 * Namespaces of the DrawingML elements are declared where they are used: a
 * template need not declare them. */
#include <stdio.h>
#include <string.h>

#include "fmt/docx_internal.h"
#include "fmt/format.h"
#include "xml/xml.h"

#define W VB_NS_W

/* The run reopened for a link: its properties with Word's hyperlink look
 * (the colour of Word's Hyperlink style, underlined), as LibreOffice shows
 * a link, and bold or italic when the linked text is (`style`). Made on a
 * copy of the run; the template is not changed. */
static const char *link_run(vb_arena *a, xmlNode *r, unsigned style) {
  xmlNode *copy = xmlDocCopyNode(r, r->doc, 1);
  xmlNode *rpr = NULL;
  for (xmlNode *c = copy->children; c && !rpr; c = c->next)
    if (vb_xml_is(c, W, "rPr")) rpr = c;
  if (!rpr) {
    rpr = xmlNewDocNode(copy->doc, copy->ns, (const xmlChar *)"rPr", NULL);
    if (copy->children)
      xmlAddPrevSibling(copy->children, rpr);
    else
      xmlAddChild(copy, rpr);
  }
  /* A run in a link without a character style is not a link to
   * LibreOffice's PDF export (7.4): Word's Hyperlink style is named, unless
   * the run has a style of its own; the look is set directly, for a
   * template whose styles do not define it. */
  int styled = 0;
  for (xmlNode *c = rpr->children; c && !styled; c = c->next)
    styled = vb_xml_is(c, W, "rStyle");
  if (!styled) vb_docx_rpr_set(rpr, copy->ns, "rStyle", "Hyperlink");
  if (style & VB_RUN_BOLD)
    vb_docx_rpr_set(rpr, copy->ns, "b", NULL), vb_docx_rpr_set(rpr, copy->ns, "bCs", NULL);
  if (style & VB_RUN_ITALIC)
    vb_docx_rpr_set(rpr, copy->ns, "i", NULL), vb_docx_rpr_set(rpr, copy->ns, "iCs", NULL);
  vb_docx_rpr_set(rpr, copy->ns, "color", "0563C1");
  vb_docx_rpr_set(rpr, copy->ns, "u", "single");
  const char *s = vb_docx_run_reopen(a, copy);
  xmlFreeNode(copy);
  return s;
}

/* A value's place: its placeholder in a w:t of a w:r. Pictures go into that
 * run; a link needs the run to stand where a w:hyperlink may (a paragraph,
 * an insertion, a content control), and not inside a link or a field. */
const vb_inline_ctx *vb_docx_inline_context(vb_arena *a, xmlNode *ph) {
  xmlNode *t = ph ? ph->parent : NULL;
  xmlNode *r = t ? t->parent : NULL;
  if (!vb_xml_is(t, W, "t") || !vb_xml_is(r, W, "r")) return NULL;
  vb_inline_ctx *c = vb_arena_alloc(a, sizeof *c);
  c->pictures = 1;
  c->reopen = vb_docx_run_reopen(a, r);
  static const char *const hosts[] = {"p", "ins", "sdtContent", "smartTag", "customXml", NULL};
  xmlNode *host = r->parent;
  int ok = 0;
  for (int i = 0; hosts[i] && !ok; i++)
    ok = vb_xml_is(host, W, hosts[i]);
  for (xmlNode *up = host; up && up->type == XML_ELEMENT_NODE && ok; up = up->parent)
    if (vb_xml_is(up, W, "hyperlink") || vb_xml_is(up, W, "fldSimple")) ok = 0;
  c->links = ok;
  for (unsigned style = 0; ok && style < 4; style++)
    c->link_reopen[style] = link_run(a, r, style);
  return c;
}

/* "</w:t>" with the template's prefix (none when w is the default). */
static void put_tag(vb_buf *out, const char *open, const char *prefix, const char *local) {
  vb_buf_puts(out, open);
  if (prefix) {
    vb_buf_puts(out, prefix);
    vb_buf_putc(out, ':');
  }
  vb_buf_puts(out, local);
}

static void put_attr(vb_buf *out, const char *name, const char *value) {
  vb_buf_printf(out, " %s=\"", name);
  vb_buf_put_xml_escaped(out, value, strlen(value));
  vb_buf_putc(out, '"');
}

static void put_extent(vb_buf *out, long long cx, long long cy) {
  vb_buf_printf(out, "<wp:extent cx=\"%lld\" cy=\"%lld\"/>", cx, cy);
  vb_buf_puts(out, "<wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>");
}

/* docPr and cNvGraphicFramePr: what every drawing of a document has. */
static void put_doc_pr(vb_buf *out, unsigned id, const char *name, const char *descr,
                       int lock_aspect) {
  vb_buf_printf(out, "<wp:docPr id=\"%u\"", id);
  put_attr(out, "name", name);
  if (descr && *descr) put_attr(out, "descr", descr);
  vb_buf_puts(out, "/>");
  if (lock_aspect)
    vb_buf_puts(out, "<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a=\"" VB_NS_A
                     "\" noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>");
  else
    vb_buf_puts(out, "<wp:cNvGraphicFramePr/>");
}

static void put_picture_graphic(vb_buf *out, const vb_inline_picture *p) {
  vb_buf_puts(out, "<a:graphic xmlns:a=\"" VB_NS_A "\"><a:graphicData uri=\"" VB_NS_PIC
                   "\"><pic:pic xmlns:pic=\"" VB_NS_PIC "\"><pic:nvPicPr>");
  vb_buf_printf(out, "<pic:cNvPr id=\"%u\"", p->id);
  put_attr(out, "name", p->name);
  vb_buf_puts(out, "/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip xmlns:r=\"" VB_NS_R "\"");
  put_attr(out, "r:embed", p->ref);
  vb_buf_puts(out, "/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr>");
  vb_buf_printf(out,
                "<a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"%lld\" cy=\"%lld\"/></a:xfrm>"
                "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"
                "</a:graphicData></a:graphic>",
                p->cx, p->cy);
}

/* Floating pictures start at Word's own base for relativeHeight, so that
 * their order among themselves is `z` and they stay above shapes the
 * template has at the base. */
#define Z_BASE 251658240u

void vb_docx_write_picture(vb_buf *out, const char *prefix, const vb_inline_ctx *ctx,
                           const vb_inline_picture *p) {
  (void)ctx;
  put_tag(out, "</", prefix, "t>");
  put_tag(out, "<", prefix, "drawing>");
  if (!p->floating) {
    vb_buf_puts(out, "<wp:inline xmlns:wp=\"" VB_NS_WP
                     "\" distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">");
    put_extent(out, p->cx, p->cy);
    put_doc_pr(out, p->id, p->name, p->descr, 1);
    put_picture_graphic(out, p);
    vb_buf_puts(out, "</wp:inline>");
  } else {
    /* Anchored to the paragraph and wrapped by nothing: the text lays out
     * as if the picture were not there. */
    vb_buf_printf(out,
                  "<wp:anchor xmlns:wp=\"" VB_NS_WP
                  "\" distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\" simplePos=\"0\" "
                  "relativeHeight=\"%u\" behindDoc=\"%d\" locked=\"0\" layoutInCell=\"1\" "
                  "allowOverlap=\"1\"><wp:simplePos x=\"0\" y=\"0\"/>",
                  Z_BASE + p->z, p->behind ? 1 : 0);
    if (p->center)
      vb_buf_puts(out, "<wp:positionH relativeFrom=\"column\"><wp:align>center</wp:align>"
                       "</wp:positionH>");
    else
      vb_buf_printf(out,
                    "<wp:positionH relativeFrom=\"column\"><wp:posOffset>%lld</wp:posOffset>"
                    "</wp:positionH>",
                    p->x);
    vb_buf_printf(out,
                  "<wp:positionV relativeFrom=\"paragraph\"><wp:posOffset>%lld</wp:posOffset>"
                  "</wp:positionV>",
                  p->y);
    put_extent(out, p->cx, p->cy);
    vb_buf_puts(out, "<wp:wrapNone/>");
    put_doc_pr(out, p->id, p->name, p->descr, 1);
    put_picture_graphic(out, p);
    vb_buf_puts(out, "</wp:anchor>");
  }
  put_tag(out, "</", prefix, "drawing>");
  put_tag(out, "<", prefix, "t xml:space=\"preserve\">");
}

/* Close the value's run — or take back its opening when nothing was
 * written in it yet — then the link with a run of the same properties,
 * then the run again. */
void vb_docx_write_link(vb_buf *out, const char *prefix, const vb_inline_ctx *ctx,
                        const vb_inline_link *link, const char *text, unsigned style,
                        const void *emph) {
  (void)emph; /* the link's runs are made at compile time, one per style */
  const char *p = prefix ? prefix : "";
  size_t open = vb_docx_empty_run_open(out->data ? out->data : "", out->len, p);
  if (open) {
    out->len -= open;
    out->data[out->len] = '\0';
  } else {
    put_tag(out, "</", prefix, "t>");
    put_tag(out, "</", prefix, "r>");
  }
  put_tag(out, "<", prefix, "hyperlink xmlns:r=\"" VB_NS_R "\"");
  put_attr(out, "r:id", link->ref);
  vb_buf_puts(out, " ");
  if (prefix) vb_buf_printf(out, "%s:", prefix);
  vb_buf_puts(out, "history=\"1\">");
  vb_buf_puts(out, ctx->link_reopen[style & 3]);
  vb_docx_write_text(out, prefix, text + link->off, link->len);
  put_tag(out, "</", prefix, "t>");
  put_tag(out, "</", prefix, "r>");
  put_tag(out, "</", prefix, "hyperlink>");
  vb_buf_puts(out, ctx->reopen);
}

void vb_docx_write_chart(vb_buf *out, const char *prefix, const vb_inline_ctx *ctx,
                         const vb_inline_chart *c) {
  (void)ctx;
  put_tag(out, "</", prefix, "t>");
  put_tag(out, "<", prefix, "drawing>");
  vb_buf_puts(out, "<wp:inline xmlns:wp=\"" VB_NS_WP
                   "\" distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">");
  put_extent(out, c->cx, c->cy);
  put_doc_pr(out, c->id, c->name, "", 0);
  vb_buf_puts(out, "<a:graphic xmlns:a=\"" VB_NS_A "\"><a:graphicData uri=\"" VB_NS_C
                   "\"><c:chart xmlns:c=\"" VB_NS_C "\" xmlns:r=\"" VB_NS_R "\"");
  put_attr(out, "r:id", c->ref);
  vb_buf_puts(out, "/></a:graphicData></a:graphic></wp:inline>");
  put_tag(out, "</", prefix, "drawing>");
  put_tag(out, "<", prefix, "t xml:space=\"preserve\">");
}

/* --- a template's pictures, by name ({% anh %}) ------------------------------ */

static int attr_equals(xmlNode *e, const char *name, const char *value) {
  xmlChar *v = xmlGetProp(e, (const xmlChar *)name);
  int same = v && !strcmp((const char *)v, value);
  xmlFree(v);
  return same;
}

static xmlAttr *blip_ref(xmlNode *n) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (vb_xml_is(n, VB_NS_A, "blip")) {
      xmlAttr *at = xmlHasNsProp(n, (const xmlChar *)"embed", (const xmlChar *)VB_NS_R);
      if (at) return at;
    }
    xmlAttr *at = blip_ref(n->children);
    if (at) return at;
  }
  return NULL;
}

/* A drawing (wp:inline or wp:anchor) whose wp:docPr has the name or the
 * description (alternative text) asked: its a:blip's r:embed. */
static void find_drawings(xmlNode *n, const char *name, xmlAttr **out, size_t max, size_t *len) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (vb_xml_is(n, VB_NS_WP, "docPr") &&
        (attr_equals(n, "name", name) || attr_equals(n, "descr", name))) {
      xmlAttr *at = blip_ref(n->parent ? n->parent->children : NULL);
      if (at && *len < max) out[*len] = at;
      if (at) ++*len;
      continue;
    }
    find_drawings(n->children, name, out, max, len);
  }
}

size_t vb_docx_find_pictures(xmlNode *root, const char *name, xmlAttr **out, size_t max) {
  size_t len = 0;
  find_drawings(root, name, out, max, &len);
  return len;
}
