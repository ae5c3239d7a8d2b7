/* Small helpers over libxml2 trees that every XML-reading layer shares. */
#include <string.h>

#include "xml/xml.h"

int vb_xml_is(const xmlNode *elem, const char *ns, const char *local) {
  return elem && elem->type == XML_ELEMENT_NODE && elem->ns && elem->ns->href &&
         strcmp((const char *)elem->name, local) == 0 &&
         strcmp((const char *)elem->ns->href, ns) == 0;
}

typedef struct plain_fix {
  int (*fix)(xmlNode *root);
} plain_fix;

static int call_plain(xmlNode *root, void *ud) { return ((plain_fix *)ud)->fix(root); }

int vb_xml_reserialize(vb_buf *xml, int (*fix)(xmlNode *root), int keep_unchanged) {
  plain_fix p = {fix};
  return vb_xml_reserialize_with(xml, call_plain, &p, keep_unchanged);
}

int vb_xml_reserialize_with(vb_buf *xml, int (*fix)(xmlNode *root, void *ud), void *ud,
                            int keep_unchanged) {
  xmlDocPtr doc = vb_xml_parse(vb_buf_cstr(xml), xml->len, NULL, NULL, VB_EINTERNAL, NULL);
  if (!doc) return -1;
  int changed = fix(xmlDocGetRootElement(doc), ud) > 0;
  if (!changed && keep_unchanged) {
    xmlFreeDoc(doc);
    return 0;
  }
  xmlChar *mem = NULL;
  int size = 0;
  xmlDocDumpMemoryEnc(doc, &mem, &size, "UTF-8");
  xmlFreeDoc(doc);
  if (!mem) return -1;
  xml->len = 0;
  vb_buf_put(xml, (const char *)mem, (size_t)size);
  xmlFree(mem);
  return changed;
}
