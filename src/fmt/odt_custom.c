/* Custom document properties of an ODT (ODF 1.3 Part 3, 4.3.2.6): the
 * meta:user-defined fields of meta.xml, which LibreOffice shows in File ›
 * Properties › Custom Properties (and Word as custom properties). meta.xml is
 * edited with xml/edit.h (its bytes kept but for what is added); a property
 * that is there already is rewritten with the whole part. A package without
 * meta.xml gets one, listed in its manifest. */
#include <stdlib.h>
#include <string.h>

#include "fmt/custom.h"
#include "util/diag.h"
#include "xml/edit.h"
#include "xml/xml.h"

#define META_NS "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
#define MANIFEST_NS "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"

static const char part_meta[] = "meta.xml";
static const char part_manifest[] = "META-INF/manifest.xml";

const char *const vb_odt_custom_parts[] = {part_meta, part_manifest, NULL};

static int is_ours(const xmlNode *n, const vb_custom_prop *props, size_t np) {
  if (!vb_xml_is(n, META_NS, "user-defined")) return 0;
  char *name = (char *)xmlGetNsProp(n, (const xmlChar *)"name", (const xmlChar *)META_NS);
  int r = 0;
  for (size_t i = 0; name && i < np && !r; i++)
    r = strcmp(name, props[i].name) == 0;
  xmlFree(name);
  return r;
}

/* 1 when field n says what props says of it. */
static int says_the_same(const xmlNode *n, const vb_custom_prop *props, size_t np) {
  if (!vb_xml_is(n, META_NS, "user-defined")) return 0;
  char *name = (char *)xmlGetNsProp(n, (const xmlChar *)"name", (const xmlChar *)META_NS);
  xmlChar *t = xmlNodeGetContent(n);
  int r = 0;
  for (size_t i = 0; name && t && i < np && !r; i++)
    r = strcmp(name, props[i].name) == 0 && strcmp((const char *)t, props[i].value) == 0;
  xmlFree(name);
  xmlFree(t);
  return r;
}

static xmlNode *new_field(xmlDoc *doc, xmlNs *meta, const vb_custom_prop *p) {
  xmlNode *f = xmlNewDocNode(doc, meta, (const xmlChar *)"user-defined", NULL);
  xmlNewNsProp(f, meta, (const xmlChar *)"name", (const xmlChar *)p->name);
  xmlNodeAddContent(f, (const xmlChar *)p->value);
  return f;
}

static void dump(xmlDoc *doc, vb_buf *out) {
  xmlChar *bytes = NULL;
  int n = 0;
  xmlDocDumpMemoryEnc(doc, &bytes, &n, "UTF-8");
  vb_buf_put(out, bytes, (size_t)n);
  xmlFree(bytes);
}

static int record_meta(const char *xml, size_t len, const vb_custom_prop *props, size_t np,
                       vb_buf *out, vb_diags *d) {
  if (!xml) {
    xmlDoc *doc = xmlNewDoc((const xmlChar *)"1.0");
    xmlNode *root = xmlNewDocNode(doc, NULL, (const xmlChar *)"document-meta", NULL);
    xmlDocSetRootElement(doc, root);
    xmlNs *office = xmlNewNs(root, (const xmlChar *)VB_NS_OFFICE, (const xmlChar *)"office");
    xmlNs *meta = xmlNewNs(root, (const xmlChar *)META_NS, (const xmlChar *)"meta");
    xmlSetNs(root, office);
    xmlNewNsProp(root, office, (const xmlChar *)"version", (const xmlChar *)"1.3");
    xmlNode *m = xmlNewChild(root, office, (const xmlChar *)"meta", NULL);
    for (size_t i = 0; i < np; i++)
      xmlAddChild(m, new_field(doc, meta, &props[i]));
    dump(doc, out);
    xmlFreeDoc(doc);
    return 1;
  }
  vb_xml_edit *e = vb_xml_edit_open(xml, len, "", part_meta, VB_ETEMPLATE, d);
  if (!e) return -1;
  xmlDoc *doc = vb_xml_edit_doc(e);
  xmlNode *root = xmlDocGetRootElement(doc), *m = NULL;
  for (xmlNode *n = root ? root->children : NULL; n && !m; n = n->next)
    if (vb_xml_is(n, VB_NS_OFFICE, "meta")) m = n;
  if (!m) {
    vb_xml_edit_free(e);
    return 0;
  }
  xmlNs *meta = xmlSearchNsByHref(doc, m, (const xmlChar *)META_NS);
  int ours = 0, same = 0;
  for (xmlNode *n = m->children; n; n = n->next) {
    ours += is_ours(n, props, np);
    same += says_the_same(n, props, np);
  }
  if (ours == (int)np && same == (int)np) {
    vb_xml_edit_free(e);
    return 0;
  }
  if (!ours) {
    if (!meta) meta = xmlNewNs(m, (const xmlChar *)META_NS, (const xmlChar *)"meta");
    for (size_t i = 0; i < np; i++)
      vb_xml_edit_append(e, m, new_field(doc, meta, &props[i]));
    size_t n;
    char *bytes = vb_xml_edit_finish(e, &n);
    vb_buf_put(out, bytes, n);
    free(bytes);
    vb_xml_edit_free(e);
    return 1;
  }
  /* A document made by vanban used as a template: its values are replaced. */
  for (xmlNode *n = m->children, *next; n; n = next) {
    next = n->next;
    if (is_ours(n, props, np)) {
      xmlUnlinkNode(n);
      xmlFreeNode(n);
    }
  }
  for (size_t i = 0; i < np; i++)
    xmlAddChild(m, new_field(doc, meta, &props[i]));
  dump(doc, out);
  vb_xml_edit_free(e);
  return 1;
}

/* The manifest lists meta.xml (which the package may have lacked). */
static int record_manifest(const char *xml, size_t len, vb_buf *out, vb_diags *d) {
  vb_xml_edit *e = vb_xml_edit_open(xml, len, "", part_manifest, VB_ETEMPLATE, d);
  if (!e) return -1;
  xmlDoc *doc = vb_xml_edit_doc(e);
  xmlNode *root = xmlDocGetRootElement(doc);
  for (xmlNode *n = root ? root->children : NULL; n; n = n->next) {
    if (!vb_xml_is(n, MANIFEST_NS, "file-entry")) continue;
    char *p = (char *)xmlGetNsProp(n, (const xmlChar *)"full-path", (const xmlChar *)MANIFEST_NS);
    int listed = p && strcmp(p, part_meta) == 0;
    xmlFree(p);
    if (listed) {
      vb_xml_edit_free(e);
      return 0;
    }
  }
  if (!root) {
    vb_xml_edit_free(e);
    return 0;
  }
  xmlNode *f = xmlNewDocNode(doc, root->ns, (const xmlChar *)"file-entry", NULL);
  xmlNewNsProp(f, root->ns, (const xmlChar *)"full-path", (const xmlChar *)part_meta);
  xmlNewNsProp(f, root->ns, (const xmlChar *)"media-type", (const xmlChar *)"text/xml");
  vb_xml_edit_append(e, root, f);
  size_t n;
  char *bytes = vb_xml_edit_finish(e, &n);
  vb_buf_put(out, bytes, n);
  free(bytes);
  vb_xml_edit_free(e);
  return 1;
}

int vb_odt_record_custom(const char *part, const char *xml, size_t len, const vb_custom_prop *props,
                         size_t n, vb_buf *out, vb_diags *d) {
  if (!strcmp(part, part_meta)) return record_meta(xml, len, props, n, out, d);
  if (!strcmp(part, part_manifest) && xml) return record_manifest(xml, len, out, d);
  return 0;
}

char *vb_odt_read_custom(const char *xml, size_t len, const char *name) {
  vb_diags *quiet = vb_diags_new();
  xmlDoc *doc = vb_xml_parse(xml, len, "", part_meta, VB_EDATA, quiet);
  vb_diags_free(quiet);
  if (!doc) return NULL;
  char *value = NULL;
  vb_custom_prop want = {name, NULL};
  xmlNode *root = xmlDocGetRootElement(doc);
  for (xmlNode *m = root ? root->children : NULL; m && !value; m = m->next) {
    if (!vb_xml_is(m, VB_NS_OFFICE, "meta")) continue;
    for (xmlNode *n = m->children; n && !value; n = n->next)
      if (is_ours(n, &want, 1)) {
        xmlChar *t = xmlNodeGetContent(n);
        value = vb_xstrdup(t ? (const char *)t : "");
        xmlFree(t);
      }
  }
  xmlFreeDoc(doc);
  return value;
}
