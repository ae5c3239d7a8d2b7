/* What a render adds to a DOCX (fmt/additions.h): pictures become
 * word/media/vb-imageN.EXT, charts word/charts/vb-chartN.xml; each part
 * that shows one gets a relationship to it in its own .rels (made when the
 * part had none), links an external one; [Content_Types].xml gets a Default
 * for each picture extension and an Override for each chart (ECMA-376 Part
 * 2, 10.1.2). The listing parts are edited as trees with their bytes kept
 * (xml/edit.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/additions.h"
#include "fmt/docx_internal.h"
#include "fmt/format.h"
#include "util/diag.h"
#include "xml/edit.h"
#include "xml/xml.h"

#define NS_CT "http://schemas.openxmlformats.org/package/2006/content-types"
#define NS_RELS "http://schemas.openxmlformats.org/package/2006/relationships"
#define REL_TYPE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define CT_CHART "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
#define CT_RELS "application/vnd.openxmlformats-package.relationships+xml"

static void docx_media_name(vb_buf *out, unsigned n, const char *ext) {
  vb_buf_printf(out, "word/media/vb-image%u.%s", n, ext);
}

static void docx_chart_name(vb_buf *out, unsigned n) {
  vb_buf_printf(out, "word/charts/vb-chart%u.xml", n);
}

static int ends_with(const char *s, const char *tail) {
  size_t n = strlen(s), k = strlen(tail);
  return n >= k && strcmp(s + n - k, tail) == 0;
}

static int docx_is_listing(const char *entry) {
  return !strcmp(entry, "[Content_Types].xml") || !strcmp(entry, "word/styles.xml") ||
         (ends_with(entry, ".rels") &&
          (strstr(entry, "_rels/") == entry || strstr(entry, "/_rels/") != NULL));
}

/* Relationship ids this format adds are "rIdVb" and a number: the
 * numbering starts above any such id a relationship part already has (a
 * document vanban rendered may come back as a template). Bytes are read,
 * not parsed: most of these parts are copied unparsed. */
static void docx_note_ids(const char *entry, const char *xml, size_t len, unsigned *next_rel,
                          unsigned *next_drawing) {
  (void)next_drawing;
  if (!ends_with(entry, ".rels")) return;
  static const char key[] = "\"rIdVb";
  const char *end = xml + len;
  for (const char *p = xml; (p = memchr(p, '"', (size_t)(end - p))) != NULL; p++) {
    if ((size_t)(end - p) < sizeof key || memcmp(p, key, sizeof key - 1) != 0) continue;
    const char *q = p + sizeof key - 1;
    unsigned long long v = 0;
    const char *digits = q;
    while (q < end && *q >= '0' && *q <= '9' && v < 0x7f000000u)
      v = v * 10 + (unsigned)(*q++ - '0');
    if (q > digits && q < end && (*q == '"') && v >= *next_rel) *next_rel = (unsigned)v + 1;
  }
}

static long twips_attr(xmlNode *e, const char *name) {
  xmlChar *v = e ? xmlGetNsProp(e, (const xmlChar *)name, (const xmlChar *)VB_NS_W) : NULL;
  long n = v ? atol((const char *)v) : -1;
  xmlFree(v);
  return n;
}

static xmlNode *child(xmlNode *parent, const char *ns, const char *local) {
  for (xmlNode *c = parent ? parent->children : NULL; c; c = c->next)
    if (vb_xml_is(c, ns, local)) return c;
  return NULL;
}

/* The body's last section (w:body/w:sectPr): page width less the left and
 * right margins. 1 twip = 635 EMU. */
static long long docx_text_width(vb_pkg *tpl, vb_diags *d) {
  long i = vb_pkg_find(tpl, "word/document.xml");
  char *xml = NULL;
  size_t len = 0;
  if (i < 0 || vb_pkg_read(tpl, (size_t)i, &xml, &len, d) != 0) return 0;
  xmlDocPtr doc =
      vb_xml_parse(xml, len, vb_pkg_display_name(tpl), "word/document.xml", VB_ETEMPLATE, d);
  free(xml);
  if (!doc) return 0;
  xmlNode *sect = child(child(xmlDocGetRootElement(doc), VB_NS_W, "body"), VB_NS_W, "sectPr");
  long w = twips_attr(child(sect, VB_NS_W, "pgSz"), "w");
  xmlNode *mar = child(sect, VB_NS_W, "pgMar");
  long l = twips_attr(mar, "left"), r = twips_attr(mar, "right");
  xmlFreeDoc(doc);
  if (w <= 0) return 0;
  long text = w - (l > 0 ? l : 0) - (r > 0 ? r : 0);
  return text > 0 ? (long long)text * 635 : 0;
}

/* --- finishing ------------------------------------------------------------------ */

/* A listing part being edited: a template's copy (slot) or a new one. */
typedef struct listing {
  const char *name;
  vb_xml_edit *edit;
  long writer; /* its slot in the writer, -1 when new */
} listing;

static int open_listing(vb_pkg *tpl, const vb_add_slot *slots, size_t nslots, const char *name,
                        const char *skeleton, listing *l, vb_diags *d) {
  l->name = name;
  l->writer = -1;
  for (size_t k = 0; k < nslots; k++)
    if (!strcmp(vb_pkg_name(tpl, slots[k].entry), name)) {
      if (slots[k].bytes) {
        l->edit = vb_xml_edit_open(slots[k].bytes, slots[k].len, vb_pkg_display_name(tpl), name,
                                   VB_ETEMPLATE, d);
      } else {
        char *xml = NULL;
        size_t len = 0;
        if (vb_pkg_read(tpl, slots[k].entry, &xml, &len, d) != 0) return -1;
        l->edit = vb_xml_edit_open(xml, len, vb_pkg_display_name(tpl), name, VB_ETEMPLATE, d);
        free(xml);
      }
      l->writer = (long)slots[k].writer;
      return l->edit ? 0 : -1;
    }
  l->edit =
      vb_xml_edit_open(skeleton, strlen(skeleton), vb_pkg_display_name(tpl), name, VB_EINTERNAL, d);
  return l->edit ? 0 : -1;
}

static void close_listing(listing *l, vb_pkg_writer *w) {
  size_t len;
  char *bytes = vb_xml_edit_finish(l->edit, &len);
  if (l->writer >= 0)
    vb_pkg_writer_replace_owned(w, (size_t)l->writer, bytes, len, 0);
  else
    vb_pkg_writer_add_owned(w, l->name, bytes, len, 0);
  vb_xml_edit_free(l->edit);
  l->edit = NULL;
}

static xmlNode *listing_root(listing *l) { return xmlDocGetRootElement(vb_xml_edit_doc(l->edit)); }

static void add_elem(listing *l, const char *local, const char *const *attrs) {
  xmlNode *root = listing_root(l);
  xmlNode *e = xmlNewDocNode(root->doc, root->ns, (const xmlChar *)local, NULL);
  for (size_t i = 0; attrs[i]; i += 2)
    xmlNewProp(e, (const xmlChar *)attrs[i], (const xmlChar *)attrs[i + 1]);
  vb_xml_edit_append(l->edit, root, e);
}

static int has_default(xmlNode *types, const char *ext) {
  for (xmlNode *c = types->children; c; c = c->next) {
    if (!vb_xml_is(c, NS_CT, "Default")) continue;
    xmlChar *e = xmlGetProp(c, (const xmlChar *)"Extension");
    int yes = e && !xmlStrcasecmp(e, (const xmlChar *)ext);
    xmlFree(e);
    if (yes) return 1;
  }
  return 0;
}

/* The .rels of part "a/b.xml" is "a/_rels/b.xml.rels". */
static void rels_name(vb_buf *out, const char *part) {
  const char *slash = strrchr(part, '/');
  if (slash)
    vb_buf_printf(out, "%.*s/_rels/%s.rels", (int)(slash - part), part, slash + 1);
  else
    vb_buf_printf(out, "_rels/%s.rels", part);
}

/* target, relative to the folder of part: "word/media/x.png" from
 * "word/document.xml" is "media/x.png"; from elsewhere, absolute. */
static void relative_target(vb_buf *out, const char *part, const char *target) {
  const char *slash = strrchr(part, '/');
  size_t dir = slash ? (size_t)(slash - part) + 1 : 0;
  if (strncmp(target, part, dir) == 0)
    vb_buf_puts(out, target + dir);
  else
    vb_buf_printf(out, "/%s", target);
}

/* Links need Word's character style "Hyperlink" to exist: LibreOffice
 * (7.4) exports a link of a DOCX to PDF only when its run's style is
 * defined. It is added to word/styles.xml when missing (the link runs also
 * carry the style's look directly). */
static int has_style(xmlNode *styles, const char *id) {
  for (xmlNode *c = styles->children; c; c = c->next) {
    if (!vb_xml_is(c, VB_NS_W, "style")) continue;
    xmlChar *v = xmlGetNsProp(c, (const xmlChar *)"styleId", (const xmlChar *)VB_NS_W);
    int yes = v && !strcmp((const char *)v, id);
    xmlFree(v);
    if (yes) return 1;
  }
  return 0;
}

static xmlNode *w_child(xmlNode *parent, xmlNs *w, const char *local, const char *val) {
  xmlNode *e = xmlNewChild(parent, w, (const xmlChar *)local, NULL);
  if (val) xmlNewNsProp(e, w, (const xmlChar *)"val", (const xmlChar *)val);
  return e;
}

static void add_hyperlink_style(listing *st) {
  xmlNode *root = listing_root(st);
  if (!vb_xml_is(root, VB_NS_W, "styles") || has_style(root, "Hyperlink")) return;
  xmlNs *w = root->ns;
  xmlNode *style = xmlNewDocNode(root->doc, w, (const xmlChar *)"style", NULL);
  xmlNewNsProp(style, w, (const xmlChar *)"type", (const xmlChar *)"character");
  xmlNewNsProp(style, w, (const xmlChar *)"styleId", (const xmlChar *)"Hyperlink");
  w_child(style, w, "name", "Hyperlink");
  w_child(style, w, "uiPriority", "99");
  w_child(style, w, "unhideWhenUsed", NULL);
  xmlNode *rpr = w_child(style, w, "rPr", NULL);
  w_child(rpr, w, "color", "0563C1");
  w_child(rpr, w, "u", "single");
  vb_xml_edit_append(st->edit, root, style);
}

static const char *rel_type(vb_rel_kind k) {
  return k == VB_REL_IMAGE       ? REL_TYPE "image"
         : k == VB_REL_HYPERLINK ? REL_TYPE "hyperlink"
                                 : REL_TYPE "chart";
}

/* word/styles.xml gets the Hyperlink style. A template without a styles
 * part gets one (1 is returned: the caller relates it from the document);
 * one that names its styles part otherwise is left as it is. */
static int ensure_hyperlink_style(vb_pkg *tpl, vb_pkg_writer *w, const vb_add_slot *slots,
                                  size_t nslots, listing *ct, vb_diags *d) {
  static const char styles_skeleton[] =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"" VB_NS_W
      "\"></w:styles>";
  if (vb_pkg_find(tpl, "word/styles.xml") < 0) {
    long i = vb_pkg_find(tpl, "word/_rels/document.xml.rels");
    if (i >= 0) {
      char *xml = NULL;
      size_t len = 0;
      if (vb_pkg_read(tpl, (size_t)i, &xml, &len, d) != 0) return -1;
      xmlDocPtr doc = vb_xml_parse(xml, len, vb_pkg_display_name(tpl),
                                   "word/_rels/document.xml.rels", VB_ETEMPLATE, d);
      free(xml);
      if (!doc) return -1;
      int named = 0;
      for (xmlNode *c = xmlDocGetRootElement(doc)->children; c && !named; c = c->next) {
        xmlChar *t =
            vb_xml_is(c, NS_RELS, "Relationship") ? xmlGetProp(c, (const xmlChar *)"Type") : NULL;
        named = t && !strcmp((const char *)t, REL_TYPE "styles");
        xmlFree(t);
      }
      xmlFreeDoc(doc);
      if (named) return 0;
    }
  }
  listing st;
  if (open_listing(tpl, slots, nslots, "word/styles.xml", styles_skeleton, &st, d) != 0) return -1;
  add_hyperlink_style(&st);
  int created = st.writer < 0;
  close_listing(&st, w);
  if (!created) return 0;
  const char *attrs[] = {
      "PartName", "/word/styles.xml", "ContentType",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml", NULL};
  add_elem(ct, "Override", attrs);
  return 1;
}

static void add_styles_rel(listing *rl) {
  const char *attrs[] = {"Id",     "rIdVbStyles", "Type", REL_TYPE "styles",
                         "Target", "styles.xml",  NULL};
  add_elem(rl, "Relationship", attrs);
}

static int docx_finish(const vb_additions *adds, vb_pkg *tpl, vb_pkg_writer *w,
                       const vb_add_slot *slots, size_t nslots, vb_diags *d) {
  static const char types_skeleton[] =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"" NS_CT
      "\"></Types>";
  static const char rels_skeleton[] =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships "
      "xmlns=\"" NS_RELS "\"></Relationships>";
  /* Pictures are stored: PNG and JPEG are compressed already. */
  for (size_t i = 0; i < adds->nmedia; i++)
    vb_pkg_writer_add(w, adds->media[i].name, adds->media[i].bytes, adds->media[i].len, 1);
  for (size_t i = 0; i < adds->ncharts; i++) {
    size_t len;
    char *xml = vb_docx_chart_part(adds->charts[i].chart, &len);
    vb_pkg_writer_add_owned(w, adds->charts[i].name, xml, len, 0);
  }

  listing ct;
  if (open_listing(tpl, slots, nslots, "[Content_Types].xml", types_skeleton, &ct, d) != 0)
    return -1;
  xmlNode *types = listing_root(&ct);
  for (size_t i = 0; i < adds->nmedia; i++)
    if (!has_default(types, adds->media[i].ext)) {
      const char *attrs[] = {"Extension", adds->media[i].ext, "ContentType", adds->media[i].mime,
                             NULL};
      add_elem(&ct, "Default", attrs);
    }
  for (size_t i = 0; i < adds->ncharts; i++) {
    vb_buf part = VB_BUF_INIT;
    vb_buf_printf(&part, "/%s", adds->charts[i].name);
    const char *attrs[] = {"PartName", vb_buf_cstr(&part), "ContentType", CT_CHART, NULL};
    add_elem(&ct, "Override", attrs);
    vb_buf_free(&part);
  }
  int new_rels = 0;
  int links = 0;
  for (size_t i = 0; i < adds->nrels; i++)
    links |= adds->rels[i].kind == VB_REL_HYPERLINK;
  int styles_made = links ? ensure_hyperlink_style(tpl, w, slots, nslots, &ct, d) : 0;
  if (styles_made < 0) {
    close_listing(&ct, w);
    return -1;
  }
  int styles_related = 0;

  /* One relationship part per source, in the order the sources first
   * needed one. */
  int rc = 0;
  for (size_t i = 0; i < adds->nrels && rc == 0; i++) {
    const char *source = adds->rels[i].source;
    int seen = 0;
    for (size_t k = 0; k < i && !seen; k++)
      seen = !strcmp(adds->rels[k].source, source);
    if (seen) continue;
    vb_buf name = VB_BUF_INIT;
    rels_name(&name, source);
    listing rl;
    rc = open_listing(tpl, slots, nslots, vb_buf_cstr(&name), rels_skeleton, &rl, d);
    if (rc == 0) {
      new_rels |= rl.writer < 0;
      for (size_t k = i; k < adds->nrels; k++) {
        const vb_added_rel *r = &adds->rels[k];
        if (strcmp(r->source, source)) continue;
        vb_buf target = VB_BUF_INIT;
        if (r->kind == VB_REL_HYPERLINK)
          vb_buf_puts(&target, r->target);
        else
          relative_target(&target, source, r->target);
        const char *attrs[] = {"Id",
                               r->id,
                               "Type",
                               rel_type(r->kind),
                               "Target",
                               vb_buf_cstr(&target),
                               r->kind == VB_REL_HYPERLINK ? "TargetMode" : NULL,
                               "External",
                               NULL};
        add_elem(&rl, "Relationship", attrs);
        vb_buf_free(&target);
      }
      if (styles_made && !strcmp(source, "word/document.xml")) {
        add_styles_rel(&rl);
        styles_related = 1;
      }
      /* A new relationship part is named by a name the package may not
       * have made yet (vb_pkg_writer_add_owned): after the others. */
      close_listing(&rl, w);
    }
    vb_buf_free(&name);
  }
  if (rc == 0 && styles_made && !styles_related) {
    listing rl;
    rc = open_listing(tpl, slots, nslots, "word/_rels/document.xml.rels", rels_skeleton, &rl, d);
    if (rc == 0) {
      new_rels |= rl.writer < 0;
      add_styles_rel(&rl);
      close_listing(&rl, w);
    }
  }
  if (rc == 0 && new_rels && !has_default(types, "rels")) {
    const char *attrs[] = {"Extension", "rels", "ContentType", CT_RELS, NULL};
    add_elem(&ct, "Default", attrs);
  }
  close_listing(&ct, w);
  return rc;
}

const vb_add_rules vb_add_rules_docx = {
    .media_name = docx_media_name,
    .chart_name = docx_chart_name,
    .by_relationship = 1,
    .is_listing = docx_is_listing,
    .note_ids = docx_note_ids,
    .text_width = docx_text_width,
    .finish = docx_finish,
};
