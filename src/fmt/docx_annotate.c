/* Comments in WordprocessingML: w:commentRangeStart / w:commentRangeEnd
 * around the text and a run holding w:commentReference after it, in the
 * body; the text of each comment in word/comments.xml (made when the
 * document has none), reached through a relationship of the main part and
 * declared in [Content_Types].xml. A run is split where a range starts or
 * ends inside it (both halves keep its properties). Ids start above every
 * w:id the document already uses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/annotate_internal.h"
#include "fmt/format.h"
#include "util/diag.h"
#include "xml/edit.h"
#include "xml/xml.h"

#define NS_PR "http://schemas.openxmlformats.org/package/2006/relationships"
#define REL_COMMENTS "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
#define CT_COMMENTS "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"

static int is_w(const xmlNode *n, const char *l) { return vb_xml_is(n, VB_NS_W, l); }

/* New elements get their namespace from the tree they will join: a node
 * not yet linked cannot look it up itself. Every new node is made with the
 * w: namespace `ns` of its part and sets its attributes in it. */
static xmlNode *new_w(xmlNs *ns, const char *local) {
  return xmlNewNode(ns, (const xmlChar *)local);
}

static void set_w(xmlNode *n, const char *attr, const char *v) {
  xmlSetNsProp(n, n->ns, (const xmlChar *)attr, (const xmlChar *)v);
}

static void set_id(xmlNode *n, int id) {
  char b[24];
  snprintf(b, sizeof b, "%d", id);
  set_w(n, "id", b);
}

/* Split run r before its child c: c and what follows move to a new run
 * (with a copy of r's properties) right after r; returns the new run. */
static xmlNode *split_before(xmlNode *r, xmlNode *c) {
  xmlNode *r2 = new_w(r->ns, "r");
  for (xmlNode *k = r->children; k; k = k->next)
    if (is_w(k, "rPr")) {
      xmlAddChild(r2, xmlCopyNode(k, 1));
      break;
    }
  while (c) {
    xmlNode *next = c->next;
    xmlUnlinkNode(c);
    xmlAddChild(r2, c);
    c = next;
  }
  xmlAddNextSibling(r, r2);
  return r2;
}

static int first_content(xmlNode *r, xmlNode *c) {
  for (xmlNode *k = r->children; k; k = k->next) {
    if (k == c) return 1;
    if (k->type == XML_ELEMENT_NODE && !is_w(k, "rPr")) return 0;
  }
  return 0;
}

static int last_content(xmlNode *c) {
  for (xmlNode *k = c->next; k; k = k->next)
    if (k->type == XML_ELEMENT_NODE) return 0;
  return 1;
}

static void preserve(xmlNode *t) {
  xmlNs *xml = xmlSearchNs(t->doc, t, (const xmlChar *)"xml");
  if (xml) xmlSetNsProp(t, xml, (const xmlChar *)"space", (const xmlChar *)"preserve");
}

/* The point before (after = 0) or after (1) byte k of the text of w:t t,
 * or of the element e standing for text (k ignored). */
static an_point point_in_run(xmlNode *node, size_t k, int element, int after) {
  xmlNode *r = node->parent;
  an_point none = {NULL, NULL};
  if (!r || !is_w(r, "r") || !r->parent) return none;
  if (element) {
    if (!after) {
      if (first_content(r, node)) return (an_point){r->parent, r};
      return (an_point){r->parent, split_before(r, node)};
    }
    if (last_content(node)) return (an_point){r->parent, r->next};
    return (an_point){r->parent, split_before(r, node->next)};
  }
  xmlChar *content = xmlNodeGetContent(node);
  size_t len = content ? strlen((const char *)content) : 0;
  if (k > len) k = len;
  an_point at;
  if (k == 0) {
    at = first_content(r, node) ? (an_point){r->parent, r}
                                : (an_point){r->parent, split_before(r, node)};
  } else if (k == len) {
    at = last_content(node) ? (an_point){r->parent, r->next}
                            : (an_point){r->parent, split_before(r, node->next)};
  } else {
    xmlNode *t2 = new_w(node->ns, "t");
    xmlNodeAddContent(t2, content + k);
    preserve(t2);
    content[k] = 0;
    xmlNodeSetContent(node, NULL);
    xmlNodeAddContent(node, content);
    preserve(node);
    xmlAddNextSibling(node, t2);
    at = (an_point){r->parent, split_before(r, t2)};
  }
  xmlFree(content);
  return at;
}

static an_point point(const vb_doc_para *p, size_t off, int is_end) {
  xmlNode *pn = p->node;
  size_t k = 0;
  const vb_doc_span *s = an_span(p, off, is_end, &k);
  if (s && s->node && s->node_off != (size_t)-1) {
    int element = s->node_off == VB_DOC_ELEMENT;
    an_point at =
        point_in_run(s->node, element ? 0 : s->node_off + k, element, element ? is_end : 0);
    if (at.parent) return at;
  }
  /* no usable span here (an empty paragraph, text normalized on reading):
   * the paragraph's start (after its properties) or its end */
  if (!is_end)
    for (xmlNode *c = pn->children; c; c = c->next)
      if (c->type == XML_ELEMENT_NODE && !is_w(c, "pPr")) return (an_point){pn, c};
  return (an_point){pn, NULL};
}

static int max_id(xmlNode *n, int m) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    xmlChar *v = xmlGetNsProp(n, (const xmlChar *)"id", (const xmlChar *)VB_NS_W);
    if (v) {
      int x = atoi((const char *)v);
      if (x > m) m = x;
      xmlFree(v);
    }
    m = max_id(n->children, m);
  }
  return m;
}

static xmlNode *comment_element(xmlNs *ns, int id, const char *author, const char *text) {
  xmlNode *c = new_w(ns, "comment");
  set_id(c, id);
  set_w(c, "author", author);
  set_w(c, "initials", "vb");
  xmlNode *p = new_w(ns, "p");
  xmlNode *r = new_w(ns, "r");
  xmlNode *t = new_w(ns, "t");
  xmlAddChild(c, p);
  xmlAddChild(p, r);
  xmlAddChild(r, t);
  xmlNodeAddContent(t, (const xmlChar *)text);
  preserve(t);
  return c;
}

/* Appending to the parts that exist (xml/edit.h keeps their other bytes). */
struct fill_comments {
  const an_item *items;
  size_t n;
  const char *author;
};

static void fill_comments(vb_xml_edit *e, xmlNode *root, void *ud) {
  const struct fill_comments *fc = ud;
  xmlNs *ns = xmlSearchNsByHref(root->doc, root, (const xmlChar *)VB_NS_W);
  for (size_t i = 0; ns && i < fc->n; i++) {
    xmlNode *c = comment_element(ns, fc->items[i].id, fc->author, fc->items[i].text);
    xmlSetTreeDoc(c, root->doc);
    vb_xml_edit_append(e, root, c);
  }
}

struct fill_rel {
  char rid[32];
  char partname[520];
};

static void fill_relationship(vb_xml_edit *e, xmlNode *root, void *ud) {
  const struct fill_rel *fr = ud;
  xmlNode *rel = xmlNewDocNode(root->doc, root->ns, (const xmlChar *)"Relationship", NULL);
  xmlSetProp(rel, (const xmlChar *)"Id", (const xmlChar *)fr->rid);
  xmlSetProp(rel, (const xmlChar *)"Type", (const xmlChar *)REL_COMMENTS);
  xmlSetProp(rel, (const xmlChar *)"Target", (const xmlChar *)"comments.xml");
  vb_xml_edit_append(e, root, rel);
}

static void fill_override(vb_xml_edit *e, xmlNode *root, void *ud) {
  const struct fill_rel *fr = ud;
  xmlNode *ov = xmlNewDocNode(root->doc, root->ns, (const xmlChar *)"Override", NULL);
  xmlSetProp(ov, (const xmlChar *)"PartName", (const xmlChar *)fr->partname);
  xmlSetProp(ov, (const xmlChar *)"ContentType", (const xmlChar *)CT_COMMENTS);
  vb_xml_edit_append(e, root, ov);
}

vb_status vb_docx_annotate(vb_doc *doc, an_item *items, size_t n, const char *author,
                           const char *out_path, vb_diags *d) {
  vb_doc_read_src *src = doc->src;
  const char *main = src->main_part ? src->main_part : "word/document.xml";
  xmlDocPtr mx = vb_doc_read_part(src, main, 0);
  if (!mx) return VB_EDATA;
  xmlNode *root = xmlDocGetRootElement(mx);
  xmlNs *ns = xmlSearchNsByHref(mx, root, (const xmlChar *)VB_NS_W);
  if (!ns) {
    vb_error_rule(d, VB_EDATA, "doc.damaged", doc->file, main,
                  "mở tệp bằng Word hay LibreOffice rồi lưu lại thành .docx",
                  "%s không có không gian tên WordprocessingML", main);
    return VB_EDATA;
  }
  int id = max_id(root, 0) + 1;
  /* an existing comments part keeps its comments; ids stay unique */
  const char *slash = strrchr(main, '/');
  size_t dirlen = slash ? (size_t)(slash - main + 1) : 0;
  char relname[512], comname[512];
  snprintf(relname, sizeof relname, "%.*s_rels/%s.rels", (int)dirlen, main, main + dirlen);
  snprintf(comname, sizeof comname, "%.*scomments.xml", (int)dirlen, main);
  xmlDocPtr rels = vb_doc_read_part(src, relname, 1);
  xmlDocPtr types = vb_doc_read_part(src, "[Content_Types].xml", 0);
  if (!types || vb_diags_errors(d)) return VB_EDATA;
  /* the comments part the document already names, if any */
  const char *existing = NULL;
  char exname[512];
  xmlNode *rroot = rels ? xmlDocGetRootElement(rels) : NULL;
  for (xmlNode *r = rroot ? rroot->children : NULL; r; r = r->next) {
    if (!vb_xml_is(r, NS_PR, "Relationship")) continue;
    xmlChar *type = xmlGetProp(r, (const xmlChar *)"Type");
    xmlChar *target = xmlGetProp(r, (const xmlChar *)"Target");
    if (type && target && !xmlStrcmp(type, (const xmlChar *)REL_COMMENTS)) {
      const char *t = (const char *)target;
      if (t[0] == '/')
        snprintf(exname, sizeof exname, "%s", t + 1);
      else
        snprintf(exname, sizeof exname, "%.*s%s", (int)dirlen, main, t);
      existing = exname;
    }
    xmlFree(type);
    xmlFree(target);
  }
  xmlDocPtr cx = existing ? vb_doc_read_part(src, existing, 1) : NULL;
  if (cx) id = max_id(xmlDocGetRootElement(cx), id - 1) + 1;

  for (size_t i = 0; i < n; i++)
    items[i].id = id + (int)i;
  an_mark *marks = NULL;
  size_t nm = an_marks(items, n, &marks);
  for (size_t i = 0; i < nm; i++) {
    const an_item *it = &items[marks[i].item];
    const vb_doc_para *p = &doc->paras[it->para];
    an_point at = point(p, marks[i].off, marks[i].kind != AN_START);
    if (marks[i].kind == AN_START) {
      xmlNode *s = new_w(ns, "commentRangeStart");
      set_id(s, it->id);
      an_insert(at, s);
    } else {
      xmlNode *e = new_w(ns, "commentRangeEnd");
      set_id(e, it->id);
      xmlNode *r = new_w(ns, "r");
      xmlNode *ref = new_w(ns, "commentReference");
      set_id(ref, it->id);
      xmlAddChild(r, ref);
      an_insert(at, e);
      an_insert(at, r);
    }
  }
  free(marks);

  an_part added[3];
  size_t nadded = 0;
  const char *changed[2] = {main, NULL};
  struct fill_comments fc = {items, n, author};
  if (cx) {
    /* the document's own comments part keeps its bytes; ours come after */
    if (an_append_to_part(src, existing, fill_comments, &fc, &added[nadded], d) != 0)
      return VB_EDATA;
    nadded++;
  } else {
    xmlDocPtr nx = xmlNewDoc((const xmlChar *)"1.0");
    xmlNode *croot = xmlNewNode(NULL, (const xmlChar *)"comments");
    xmlNs *cns = xmlNewNs(croot, (const xmlChar *)VB_NS_W, (const xmlChar *)"w");
    xmlSetNs(croot, cns);
    xmlDocSetRootElement(nx, croot);
    for (size_t i = 0; i < n; i++)
      xmlAddChild(croot, comment_element(cns, items[i].id, author, items[i].text));
    xmlChar *mem = NULL;
    int size = 0;
    xmlDocDumpMemoryEnc(nx, &mem, &size, "UTF-8");
    xmlFreeDoc(nx);
    added[nadded].name = comname;
    added[nadded].data = vb_xmalloc((size_t)size + 1);
    memcpy(added[nadded].data, mem, (size_t)size);
    added[nadded].len = (size_t)size;
    xmlFree(mem);
    nadded++;
    /* the relationship and the content type, added to those parts' bytes */
    if (!rels) {
      vb_error_rule(d, VB_EDATA, "doc.damaged", doc->file, relname, "mở tệp bằng Word rồi lưu lại",
                    "văn bản không có phần quan hệ (relationships) cho %s", main);
      free(added[0].data);
      return VB_EDATA;
    }
    struct fill_rel fr;
    memset(&fr, 0, sizeof fr);
    for (int k = 1;; k++) {
      snprintf(fr.rid, sizeof fr.rid, "rIdVb%d", k);
      int taken = 0;
      for (xmlNode *r = rroot->children; r; r = r->next) {
        xmlChar *v =
            vb_xml_is(r, NS_PR, "Relationship") ? xmlGetProp(r, (const xmlChar *)"Id") : NULL;
        if (v && !strcmp((const char *)v, fr.rid)) taken = 1;
        xmlFree(v);
      }
      if (!taken) break;
    }
    snprintf(fr.partname, sizeof fr.partname, "/%s", comname);
    if (an_append_to_part(src, relname, fill_relationship, &fr, &added[nadded], d) != 0 ||
        (nadded++, an_append_to_part(src, "[Content_Types].xml", fill_override, &fr, &added[nadded],
                                     d) != 0)) {
      for (size_t k = 0; k < nadded; k++)
        free(added[k].data);
      return VB_EDATA;
    }
    nadded++;
  }
  return an_write_package(src, changed, added, nadded, out_path, d);
}
