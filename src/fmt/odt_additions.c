/* What a render adds to an ODT (fmt/additions.h): pictures become
 * Pictures/vb-imageN.EXT, charts sub-documents "Object N/" (content.xml,
 * styles.xml); the parts name them by path, and META-INF/manifest.xml lists
 * each with its media type (ODF 1.3 Part 2, 4). The manifest is edited as
 * a tree with its bytes kept (xml/edit.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/additions.h"
#include "fmt/format.h"
#include "fmt/odt_internal.h"
#include "util/diag.h"
#include "xml/edit.h"
#include "xml/xml.h"

#define MT_CHART "application/vnd.oasis.opendocument.chart"

static void odt_media_name(vb_buf *out, unsigned n, const char *ext) {
  vb_buf_printf(out, "Pictures/vb-image%u.%s", n, ext);
}

static void odt_chart_name(vb_buf *out, unsigned n) { vb_buf_printf(out, "Object %u", n); }

static int odt_is_listing(const char *entry) { return !strcmp(entry, "META-INF/manifest.xml"); }

/* An ODF length ("210mm", "21cm", "8.27in", "595pt") in EMU; -1 if none. */
static long long length_emu(xmlNode *e, const char *ns, const char *name) {
  xmlChar *v = e ? xmlGetNsProp(e, (const xmlChar *)name, (const xmlChar *)ns) : NULL;
  if (!v) return -1;
  char *end;
  double x = strtod((const char *)v, &end);
  double unit = !strcmp(end, "mm")   ? VB_EMU_PER_MM
                : !strcmp(end, "cm") ? 10.0 * VB_EMU_PER_MM
                : !strcmp(end, "in") ? VB_EMU_PER_INCH
                : !strcmp(end, "pt") ? VB_EMU_PER_INCH / 72.0
                                     : 0;
  xmlFree(v);
  return unit && x >= 0 ? (long long)(x * unit + 0.5) : -1;
}

static xmlNode *find_named(xmlNode *n, const char *local, const char *name) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (vb_xml_is(n, VB_NS_STYLE, local)) {
      xmlChar *v = xmlGetNsProp(n, (const xmlChar *)"name", (const xmlChar *)VB_NS_STYLE);
      int same = v && (!name || !strcmp((const char *)v, name));
      xmlFree(v);
      if (same) return n;
    }
    xmlNode *r = find_named(n->children, local, name);
    if (r) return r;
  }
  return NULL;
}

/* The page layout of the "Standard" master page (the body's): width less
 * the left and right margins. */
static long long odt_text_width(vb_pkg *tpl, vb_diags *d) {
  long i = vb_pkg_find(tpl, "styles.xml");
  char *xml = NULL;
  size_t len = 0;
  if (i < 0 || vb_pkg_read(tpl, (size_t)i, &xml, &len, d) != 0) return 0;
  xmlDocPtr doc = vb_xml_parse(xml, len, vb_pkg_display_name(tpl), "styles.xml", VB_ETEMPLATE, d);
  free(xml);
  if (!doc) return 0;
  xmlNode *root = xmlDocGetRootElement(doc);
  xmlNode *mp = find_named(root, "master-page", "Standard");
  if (!mp) mp = find_named(root, "master-page", NULL);
  xmlChar *pl =
      mp ? xmlGetNsProp(mp, (const xmlChar *)"page-layout-name", (const xmlChar *)VB_NS_STYLE)
         : NULL;
  xmlNode *layout = pl ? find_named(root, "page-layout", (const char *)pl) : NULL;
  xmlFree(pl);
  xmlNode *props = NULL;
  for (xmlNode *c = layout ? layout->children : NULL; c && !props; c = c->next)
    if (vb_xml_is(c, VB_NS_STYLE, "page-layout-properties")) props = c;
  long long w = length_emu(props, VB_NS_FO, "page-width");
  long long l = length_emu(props, VB_NS_FO, "margin-left");
  long long r = length_emu(props, VB_NS_FO, "margin-right");
  xmlFreeDoc(doc);
  if (w <= 0) return 0;
  long long text = w - (l > 0 ? l : 0) - (r > 0 ? r : 0);
  return text > 0 ? text : 0;
}

static void file_entry(vb_xml_edit *e, xmlNode *root, const char *path, const char *type,
                       const char *version) {
  xmlNode *f = xmlNewDocNode(root->doc, root->ns, (const xmlChar *)"file-entry", NULL);
  xmlNewNsProp(f, root->ns, (const xmlChar *)"full-path", (const xmlChar *)path);
  if (version) xmlNewNsProp(f, root->ns, (const xmlChar *)"version", (const xmlChar *)version);
  xmlNewNsProp(f, root->ns, (const xmlChar *)"media-type", (const xmlChar *)type);
  vb_xml_edit_append(e, root, f);
}

static int odt_finish(const vb_additions *adds, vb_pkg *tpl, vb_pkg_writer *w,
                      const vb_add_slot *slots, size_t nslots, vb_diags *d) {
  const vb_add_slot *mf = NULL;
  for (size_t k = 0; k < nslots; k++)
    if (!strcmp(vb_pkg_name(tpl, slots[k].entry), "META-INF/manifest.xml")) mf = &slots[k];
  if (!mf) {
    vb_error_rule(d, VB_ETEMPLATE, "doc.damaged", vb_pkg_display_name(tpl), "META-INF/manifest.xml",
                  "lưu lại mẫu bằng LibreOffice",
                  "ODT không có bản kê (manifest) để ghi các ảnh và biểu đồ vào");
    return -1;
  }
  char *xml = NULL;
  size_t len = mf->len;
  if (!mf->bytes && vb_pkg_read(tpl, mf->entry, &xml, &len, d) != 0) return -1;
  vb_xml_edit *e = vb_xml_edit_open(mf->bytes ? mf->bytes : xml, len, vb_pkg_display_name(tpl),
                                    "META-INF/manifest.xml", VB_ETEMPLATE, d);
  free(xml);
  if (!e) return -1;
  xmlNode *root = xmlDocGetRootElement(vb_xml_edit_doc(e));
  if (!vb_xml_is(root, VB_NS_MANIFEST, "manifest")) {
    vb_xml_edit_free(e);
    vb_error_rule(d, VB_ETEMPLATE, "doc.damaged", vb_pkg_display_name(tpl), "META-INF/manifest.xml",
                  "lưu lại mẫu bằng LibreOffice", "bản kê (manifest) không phải bản kê ODF");
    return -1;
  }
  /* The sub-documents declare the version of the document they are in. */
  xmlChar *version =
      xmlGetNsProp(root, (const xmlChar *)"version", (const xmlChar *)VB_NS_MANIFEST);
  for (size_t i = 0; i < adds->nmedia; i++) {
    /* Pictures are stored: PNG and JPEG are compressed already. */
    vb_pkg_writer_add(w, adds->media[i].name, adds->media[i].bytes, adds->media[i].len, 1);
    file_entry(e, root, adds->media[i].name, adds->media[i].mime, NULL);
  }
  for (size_t i = 0; i < adds->ncharts; i++) {
    const char *dir = adds->charts[i].name;
    vb_buf p = VB_BUF_INIT;
    size_t n;
    char *content = vb_odt_chart_content(adds->charts[i].chart, &n);
    vb_buf_printf(&p, "%s/content.xml", dir);
    vb_pkg_writer_add_owned(w, vb_buf_cstr(&p), content, n, 0);
    vb_buf_clear(&p);
    char *styles = vb_odt_chart_styles(adds->charts[i].chart, &n);
    vb_buf_printf(&p, "%s/styles.xml", dir);
    vb_pkg_writer_add_owned(w, vb_buf_cstr(&p), styles, n, 0);
    vb_buf_clear(&p);
    vb_buf_printf(&p, "%s/", dir);
    file_entry(e, root, vb_buf_cstr(&p), MT_CHART, (const char *)version);
    vb_buf_clear(&p);
    vb_buf_printf(&p, "%s/content.xml", dir);
    file_entry(e, root, vb_buf_cstr(&p), "text/xml", NULL);
    vb_buf_clear(&p);
    vb_buf_printf(&p, "%s/styles.xml", dir);
    file_entry(e, root, vb_buf_cstr(&p), "text/xml", NULL);
    vb_buf_free(&p);
  }
  xmlFree(version);
  size_t out_len;
  char *bytes = vb_xml_edit_finish(e, &out_len);
  vb_xml_edit_free(e);
  vb_pkg_writer_replace_owned(w, mf->writer, bytes, out_len, 0);
  return 0;
}

const vb_add_rules vb_add_rules_odt = {
    .media_name = odt_media_name,
    .chart_name = odt_chart_name,
    .by_relationship = 0,
    .is_listing = odt_is_listing,
    .note_ids = NULL,
    .text_width = odt_text_width,
    .finish = odt_finish,
};
