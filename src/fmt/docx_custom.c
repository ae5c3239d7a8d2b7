/* Custom document properties of a DOCX (ECMA-376 Part 1, 22.3): the part
 * docProps/custom.xml, which the package's relationships name and its
 * content types type. Word shows them in File › Properties › Custom, and
 * LibreOffice keeps them as user-defined properties. Parts that exist are
 * edited with xml/edit.h (their bytes kept but for what is added); a
 * property that is there already is rewritten with the whole part. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/custom.h"
#include "util/diag.h"
#include "xml/edit.h"
#include "xml/xml.h"

#define CT_NS "http://schemas.openxmlformats.org/package/2006/content-types"
#define REL_NS "http://schemas.openxmlformats.org/package/2006/relationships"
#define CP_NS "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
#define VT_NS "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
#define CP_TYPE "application/vnd.openxmlformats-officedocument.custom-properties+xml"
#define CP_REL                                                                                     \
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
/* The format id every custom property carries (FMTID_UserDefinedProperties). */
#define CP_FMTID "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"

static const char part_custom[] = "docProps/custom.xml";
static const char part_types[] = "[Content_Types].xml";
static const char part_rels[] = "_rels/.rels";

const char *const vb_docx_custom_parts[] = {part_custom, part_types, part_rels, NULL};

static char *attr(const xmlNode *n, const char *name) {
  return (char *)xmlGetProp(n, (const xmlChar *)name);
}

static int attr_is(const xmlNode *n, const char *name, const char *value) {
  char *v = attr(n, name);
  int r = v && strcmp(v, value) == 0;
  xmlFree(v);
  return r;
}

static void finish_edit(vb_xml_edit *e, vb_buf *out) {
  size_t len;
  char *bytes = vb_xml_edit_finish(e, &len);
  vb_buf_put(out, bytes, len);
  free(bytes);
  vb_xml_edit_free(e);
}

/* [Content_Types].xml: an Override typing the custom part, unless there is one. */
static int record_type(const char *xml, size_t len, vb_buf *out, vb_diags *d) {
  vb_xml_edit *e = vb_xml_edit_open(xml, len, "", part_types, VB_ETEMPLATE, d);
  if (!e) return -1;
  xmlNode *root = xmlDocGetRootElement(vb_xml_edit_doc(e));
  for (xmlNode *n = root ? root->children : NULL; n; n = n->next)
    if (vb_xml_is(n, CT_NS, "Override") && attr_is(n, "PartName", "/docProps/custom.xml")) {
      vb_xml_edit_free(e);
      return 0;
    }
  if (!root) {
    vb_xml_edit_free(e);
    return 0;
  }
  xmlNode *o = xmlNewDocNode(vb_xml_edit_doc(e), root->ns, (const xmlChar *)"Override", NULL);
  xmlNewProp(o, (const xmlChar *)"PartName", (const xmlChar *)"/docProps/custom.xml");
  xmlNewProp(o, (const xmlChar *)"ContentType", (const xmlChar *)CP_TYPE);
  vb_xml_edit_append(e, root, o);
  finish_edit(e, out);
  return 1;
}

/* _rels/.rels: a relationship to the custom part, unless there is one; its
 * id unlike the others'. */
static int record_rel(const char *xml, size_t len, vb_buf *out, vb_diags *d) {
  vb_xml_edit *e = vb_xml_edit_open(xml, len, "", part_rels, VB_ETEMPLATE, d);
  if (!e) return -1;
  xmlNode *root = xmlDocGetRootElement(vb_xml_edit_doc(e));
  if (!root) {
    vb_xml_edit_free(e);
    return 0;
  }
  for (xmlNode *n = root->children; n; n = n->next)
    if (vb_xml_is(n, REL_NS, "Relationship") && attr_is(n, "Type", CP_REL)) {
      vb_xml_edit_free(e);
      return 0;
    }
  vb_buf id = VB_BUF_INIT;
  for (unsigned k = 1;; k++) {
    vb_buf_clear(&id);
    vb_buf_printf(&id, "rIdVanban%u", k);
    int used = 0;
    for (xmlNode *n = root->children; n && !used; n = n->next)
      used = vb_xml_is(n, REL_NS, "Relationship") && attr_is(n, "Id", id.data);
    if (!used) break;
  }
  xmlNode *r = xmlNewDocNode(vb_xml_edit_doc(e), root->ns, (const xmlChar *)"Relationship", NULL);
  xmlNewProp(r, (const xmlChar *)"Id", (const xmlChar *)id.data);
  xmlNewProp(r, (const xmlChar *)"Type", (const xmlChar *)CP_REL);
  xmlNewProp(r, (const xmlChar *)"Target", (const xmlChar *)"docProps/custom.xml");
  vb_xml_edit_append(e, root, r);
  vb_buf_free(&id);
  finish_edit(e, out);
  return 1;
}

static xmlNs *ns_of(xmlNode *root, const char *href, const char *prefix) {
  xmlNs *ns = xmlSearchNsByHref(root->doc, root, (const xmlChar *)href);
  return ns ? ns : xmlNewNs(root, (const xmlChar *)href, (const xmlChar *)prefix);
}

/* A <property> element with a text value. */
static xmlNode *new_property(xmlDoc *doc, xmlNode *root, const vb_custom_prop *p, int pid) {
  xmlNode *prop = xmlNewDocNode(doc, root->ns, (const xmlChar *)"property", NULL);
  char num[16];
  snprintf(num, sizeof num, "%d", pid);
  xmlNewProp(prop, (const xmlChar *)"fmtid", (const xmlChar *)CP_FMTID);
  xmlNewProp(prop, (const xmlChar *)"pid", (const xmlChar *)num);
  xmlNewProp(prop, (const xmlChar *)"name", (const xmlChar *)p->name);
  xmlNode *v = xmlNewDocNode(doc, ns_of(root, VT_NS, "vt"), (const xmlChar *)"lpwstr", NULL);
  xmlNodeAddContent(v, (const xmlChar *)p->value);
  xmlAddChild(prop, v);
  return prop;
}

static int is_ours(const xmlNode *n, const vb_custom_prop *props, size_t np) {
  for (size_t i = 0; i < np; i++)
    if (attr_is(n, "name", props[i].name)) return 1;
  return 0;
}

/* 1 when property n says what props says of it. */
static int says_the_same(const xmlNode *n, const vb_custom_prop *props, size_t np) {
  for (size_t i = 0; i < np; i++) {
    if (!attr_is(n, "name", props[i].name)) continue;
    int same = 0;
    for (const xmlNode *v = n->children; v; v = v->next)
      if (v->type == XML_ELEMENT_NODE) {
        xmlChar *t = xmlNodeGetContent(v);
        same = t && strcmp((const char *)t, props[i].value) == 0;
        xmlFree(t);
        break;
      }
    return same;
  }
  return 0;
}

static int record_custom(const char *xml, size_t len, const vb_custom_prop *props, size_t np,
                         vb_buf *out, vb_diags *d) {
  if (!xml) {
    xmlDoc *doc = xmlNewDoc((const xmlChar *)"1.0");
    xmlNode *root = xmlNewDocNode(doc, NULL, (const xmlChar *)"Properties", NULL);
    xmlDocSetRootElement(doc, root);
    xmlSetNs(root, xmlNewNs(root, (const xmlChar *)CP_NS, NULL));
    ns_of(root, VT_NS, "vt");
    for (size_t i = 0; i < np; i++)
      xmlAddChild(root, new_property(doc, root, &props[i], (int)i + 2));
    xmlChar *bytes = NULL;
    int n = 0;
    xmlDocDumpMemoryEnc(doc, &bytes, &n, "UTF-8");
    vb_buf_put(out, bytes, (size_t)n);
    xmlFree(bytes);
    xmlFreeDoc(doc);
    return 1;
  }
  vb_xml_edit *e = vb_xml_edit_open(xml, len, "", part_custom, VB_ETEMPLATE, d);
  if (!e) return -1;
  xmlDoc *doc = vb_xml_edit_doc(e);
  xmlNode *root = xmlDocGetRootElement(doc);
  if (!root || !vb_xml_is(root, CP_NS, "Properties")) {
    vb_xml_edit_free(e);
    return 0;
  }
  int pid = 1, ours = 0, same = 0;
  for (xmlNode *n = root->children; n; n = n->next) {
    if (!vb_xml_is(n, CP_NS, "property")) continue;
    char *v = attr(n, "pid");
    if (v && atoi(v) > pid) pid = atoi(v);
    xmlFree(v);
    ours += is_ours(n, props, np);
    same += says_the_same(n, props, np);
  }
  if (ours == (int)np && same == (int)np) {
    vb_xml_edit_free(e);
    return 0;
  }
  if (!ours) {
    /* Added after the others; the part's bytes otherwise kept. */
    for (size_t i = 0; i < np; i++)
      vb_xml_edit_append(e, root, new_property(doc, root, &props[i], pid + 1 + (int)i));
    finish_edit(e, out);
    return 1;
  }
  /* A document made by vanban used as a template: its values are replaced. */
  for (xmlNode *n = root->children, *next; n; n = next) {
    next = n->next;
    if (vb_xml_is(n, CP_NS, "property") && is_ours(n, props, np)) {
      xmlUnlinkNode(n);
      xmlFreeNode(n);
    }
  }
  for (size_t i = 0; i < np; i++)
    xmlAddChild(root, new_property(doc, root, &props[i], pid + 1 + (int)i));
  xmlChar *bytes = NULL;
  int n = 0;
  xmlDocDumpMemoryEnc(doc, &bytes, &n, "UTF-8");
  vb_buf_put(out, bytes, (size_t)n);
  xmlFree(bytes);
  vb_xml_edit_free(e);
  return 1;
}

int vb_docx_record_custom(const char *part, const char *xml, size_t len,
                          const vb_custom_prop *props, size_t n, vb_buf *out, vb_diags *d) {
  if (!strcmp(part, part_custom)) return record_custom(xml, len, props, n, out, d);
  if (!xml) return 0;
  if (!strcmp(part, part_types)) return record_type(xml, len, out, d);
  if (!strcmp(part, part_rels)) return record_rel(xml, len, out, d);
  return 0;
}

char *vb_docx_read_custom(const char *xml, size_t len, const char *name) {
  vb_diags *quiet = vb_diags_new();
  xmlDoc *doc = vb_xml_parse(xml, len, "", part_custom, VB_EDATA, quiet);
  vb_diags_free(quiet);
  if (!doc) return NULL;
  char *value = NULL;
  xmlNode *root = xmlDocGetRootElement(doc);
  for (xmlNode *n = root ? root->children : NULL; n && !value; n = n->next) {
    if (!vb_xml_is(n, CP_NS, "property") || !attr_is(n, "name", name)) continue;
    for (xmlNode *v = n->children; v && !value; v = v->next)
      if (v->type == XML_ELEMENT_NODE) {
        xmlChar *t = xmlNodeGetContent(v);
        value = vb_xstrdup(t ? (const char *)t : "");
        xmlFree(t);
      }
  }
  xmlFreeDoc(doc);
  return value;
}
