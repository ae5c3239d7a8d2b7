/* Comments in OpenDocument: an office:annotation (dc:creator and the text
 * as text:p) where the range starts and an office:annotation-end with the
 * same office:name where it ends, both inside the paragraph; a text node
 * is split where a range starts or ends inside it. Only content.xml
 * changes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/annotate_internal.h"
#include "fmt/format.h"
#include "util/diag.h"
#include "xml/xml.h"

static an_point point(const vb_doc_para *p, size_t off, int is_end) {
  xmlNode *pn = p->node;
  size_t k = 0;
  const vb_doc_span *s = an_span(p, off, is_end, &k);
  if (s && s->node && s->node_off != (size_t)-1) {
    xmlNode *n = s->node;
    if (s->node_off == VB_DOC_ELEMENT)
      return is_end ? (an_point){n->parent, n->next} : (an_point){n->parent, n};
    size_t at = s->node_off + k;
    size_t len = n->content ? strlen((const char *)n->content) : 0;
    if (at == 0) return (an_point){n->parent, n};
    if (at >= len) return (an_point){n->parent, n->next};
    xmlNode *rest = xmlNewText(n->content + at);
    xmlChar *head = xmlStrndup(n->content, (int)at);
    xmlNodeSetContent(n, head);
    xmlFree(head);
    /* linked by hand: xmlAddNextSibling would merge the two text nodes */
    rest->parent = n->parent;
    rest->doc = n->doc;
    rest->prev = n;
    rest->next = n->next;
    if (n->next)
      n->next->prev = rest;
    else if (n->parent)
      n->parent->last = rest;
    n->next = rest;
    return (an_point){n->parent, rest};
  }
  if (!is_end && pn->children) return (an_point){pn, pn->children};
  return (an_point){pn, NULL};
}

vb_status vb_odt_annotate(vb_doc *doc, an_item *items, size_t n, const char *author,
                          const char *out_path, vb_diags *d) {
  vb_doc_read_src *src = doc->src;
  xmlDocPtr cx = vb_doc_read_part(src, "content.xml", 0);
  if (!cx) return VB_EDATA;
  xmlNode *root = xmlDocGetRootElement(cx);
  xmlNs *office = xmlSearchNsByHref(cx, root, (const xmlChar *)VB_NS_OFFICE);
  xmlNs *text = xmlSearchNsByHref(cx, root, (const xmlChar *)VB_NS_TEXT);
  xmlNs *dc = xmlSearchNsByHref(cx, root, (const xmlChar *)VB_NS_DC);
  if (!text) text = xmlNewNs(root, (const xmlChar *)VB_NS_TEXT, (const xmlChar *)"text");
  if (!dc) dc = xmlNewNs(root, (const xmlChar *)VB_NS_DC, (const xmlChar *)"dc");
  if (!office) {
    vb_error_rule(d, VB_EDATA, "doc.damaged", doc->file, "content.xml",
                  "mở tệp bằng LibreOffice rồi lưu lại thành .odt",
                  "content.xml không có không gian tên office");
    return VB_EDATA;
  }
  /* names unique in the document */
  for (size_t i = 0; i < n; i++)
    items[i].id = (int)i + 1;
  an_mark *marks = NULL;
  size_t nm = an_marks(items, n, &marks);
  for (size_t i = 0; i < nm; i++) {
    const an_item *it = &items[marks[i].item];
    const vb_doc_para *p = &doc->paras[it->para];
    char name[48];
    snprintf(name, sizeof name, "vanban_%d", it->id);
    an_point at = point(p, marks[i].off, marks[i].kind != AN_START);
    if (marks[i].kind == AN_START) {
      xmlNode *a = xmlNewNode(office, (const xmlChar *)"annotation");
      if (it->a != it->z) xmlSetNsProp(a, office, (const xmlChar *)"name", (const xmlChar *)name);
      xmlNode *c = xmlNewChild(a, dc, (const xmlChar *)"creator", NULL);
      xmlNodeAddContent(c, (const xmlChar *)author);
      xmlNode *tp = xmlNewChild(a, text, (const xmlChar *)"p", NULL);
      xmlNodeAddContent(tp, (const xmlChar *)it->text);
      an_insert(at, a);
    } else if (marks[i].kind == AN_END) {
      xmlNode *e = xmlNewNode(office, (const xmlChar *)"annotation-end");
      xmlSetNsProp(e, office, (const xmlChar *)"name", (const xmlChar *)name);
      an_insert(at, e);
    }
  }
  free(marks);
  const char *changed[] = {"content.xml", NULL};
  return an_write_package(src, changed, NULL, 0, out_path, d);
}
