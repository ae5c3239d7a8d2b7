/* Editing a part while keeping its bytes (xml/edit.h): each addition to an
 * element of the part is noted as a splice at a byte offset of the
 * original; the added elements are serialised when the edit is finished, so
 * that children given to them in between are written too. */
#include "xml/edit.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/diag.h"
#include "xml/xml.h"

typedef enum splice_kind {
  SPLICE_NODE,  /* write `node` at `at` */
  SPLICE_EXPAND /* an empty tag gets children: "/>" at `at` becomes " >…</x>" */
} splice_kind;

typedef struct splice {
  size_t at;
  splice_kind kind;
  xmlNode *node; /* SPLICE_NODE: the added node; SPLICE_EXPAND: the element */
  size_t seq;    /* order of the calls, for splices at the same offset */
} splice;

struct vb_xml_edit {
  char *bytes;
  size_t len;
  xmlDoc *doc;
  vb_xml_spans *spans;
  splice *items;
  size_t n, cap;
};

vb_xml_edit *vb_xml_edit_open(const char *bytes, size_t len, const char *pkg_name,
                              const char *part_name, vb_status code, vb_diags *d) {
  vb_xml_edit *e = vb_xcalloc(1, sizeof *e);
  e->bytes = vb_xmalloc(len + 1);
  memcpy(e->bytes, bytes, len);
  e->bytes[len] = '\0';
  e->len = len;
  e->doc = vb_xml_parse_spans(e->bytes, len, pkg_name, part_name, code, d, &e->spans);
  if (!e->doc) {
    vb_xml_edit_free(e);
    return NULL;
  }
  return e;
}

void vb_xml_edit_free(vb_xml_edit *e) {
  if (!e) return;
  xmlFreeDoc(e->doc);
  vb_xml_spans_free(e->spans);
  free(e->items);
  free(e->bytes);
  free(e);
}

xmlDoc *vb_xml_edit_doc(vb_xml_edit *e) { return e->doc; }

static void add_splice(vb_xml_edit *e, size_t at, splice_kind kind, xmlNode *node) {
  if (e->n == e->cap) {
    e->cap = e->cap ? e->cap * 2 : 16;
    e->items = vb_xrealloc(e->items, e->cap * sizeof(splice));
  }
  e->items[e->n] = (splice){at, kind, node, e->n};
  e->n++;
}

/* The span of parent when what is added to it must be spliced into the
 * bytes; NULL when parent is written whole anyway (added by an edit, or an
 * empty tag already expanded). An empty tag is expanded here. */
static vb_xml_span *splice_target(vb_xml_edit *e, xmlNode *parent) {
  vb_xml_span *s = vb_xml_span_edit(e->spans, parent);
  if (!s || s->expanded) return NULL;
  if (s->empty_tag) {
    s->expanded = 1;
    add_splice(e, s->open_end, SPLICE_EXPAND, parent);
    return NULL;
  }
  return s;
}

void vb_xml_edit_append(vb_xml_edit *e, xmlNode *parent, xmlNode *node) {
  xmlAddChild(parent, node);
  vb_xml_span *s = splice_target(e, parent);
  if (s) add_splice(e, s->close, SPLICE_NODE, node);
}

void vb_xml_edit_prepend(vb_xml_edit *e, xmlNode *parent, xmlNode *node) {
  if (parent->children)
    xmlAddPrevSibling(parent->children, node);
  else
    xmlAddChild(parent, node);
  vb_xml_span *s = splice_target(e, parent);
  if (s) add_splice(e, s->open_end + 1, SPLICE_NODE, node);
}

int vb_xml_edit_insert_after(vb_xml_edit *e, xmlNode *sibling, xmlNode *node) {
  const vb_xml_span *s = vb_xml_span_of(e->spans, sibling);
  if (!s) return -1;
  xmlAddNextSibling(sibling, node);
  /* The parent may be an empty tag no more (then it is written whole). */
  const vb_xml_span *ps = vb_xml_span_of(e->spans, sibling->parent);
  if (!ps || !ps->expanded) add_splice(e, s->close_end, SPLICE_NODE, node);
  return 0;
}

int vb_xml_edit_is_empty_tag(const vb_xml_edit *e, const xmlNode *elem) {
  const vb_xml_span *s = vb_xml_span_of(e->spans, elem);
  return s && s->empty_tag && !s->expanded;
}

static void put_node(vb_buf *out, xmlDoc *doc, xmlNode *n) {
  xmlBufferPtr b = xmlBufferCreate();
  xmlNodeDump(b, doc, n, 0, 0);
  vb_buf_put(out, (const char *)xmlBufferContent(b), (size_t)xmlBufferLength(b));
  xmlBufferFree(b);
}

static void put_qname(vb_buf *out, const xmlNode *n) {
  if (n->ns && n->ns->prefix) {
    vb_buf_puts(out, (const char *)n->ns->prefix);
    vb_buf_putc(out, ':');
  }
  vb_buf_puts(out, (const char *)n->name);
}

static int by_place(const void *a, const void *b) {
  const splice *x = a, *y = b;
  if (x->at != y->at) return x->at < y->at ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

char *vb_xml_edit_finish(vb_xml_edit *e, size_t *len) {
  if (e->n) qsort(e->items, e->n, sizeof(splice), by_place);
  vb_buf out = VB_BUF_INIT;
  size_t pos = 0;
  for (size_t i = 0; i < e->n; i++) {
    const splice *s = &e->items[i];
    vb_buf_put(&out, e->bytes + pos, s->at - pos);
    pos = s->at;
    if (s->kind == SPLICE_NODE) {
      put_node(&out, e->doc, s->node);
      continue;
    }
    vb_buf_puts(&out, " >");
    for (xmlNode *c = s->node->children; c; c = c->next)
      put_node(&out, e->doc, c);
    vb_buf_puts(&out, "</");
    put_qname(&out, s->node);
    vb_buf_putc(&out, '>');
    pos += 2; /* the "/>" */
  }
  vb_buf_put(&out, e->bytes + pos, e->len - pos);
  return vb_buf_detach(&out, len);
}

void vb_xml_set_prop_apos(xmlNode *elem, xmlNs *ns, const char *name, const char *value) {
  xmlAttr *a = ns ? xmlNewNsProp(elem, ns, (const xmlChar *)name, NULL)
                  : xmlNewProp(elem, (const xmlChar *)name, NULL);
  xmlNode *last = NULL;
  for (const char *s = value; *s;) {
    size_t k = strcspn(s, "'");
    xmlNode *piece = k ? xmlNewDocTextLen(elem->doc, (const xmlChar *)s, (int)k)
                       : xmlNewReference(elem->doc, (const xmlChar *)"&apos;");
    s += k ? k : 1;
    piece->parent = (xmlNode *)a;
    piece->prev = last;
    if (last)
      last->next = piece;
    else
      a->children = piece;
    last = piece;
  }
  a->last = last;
}
