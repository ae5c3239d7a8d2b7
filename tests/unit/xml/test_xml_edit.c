/* Editing a part while keeping its bytes (xml/edit.h) and the element spans
 * it rests on (vb_xml_parse_spans): added elements land at their place,
 * every other byte stays, including what libxml2 would write differently
 * (&apos;, CR LF, quotes, spaces inside tags, <a></a>). */
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "util/diag.h"
#include "xml/edit.h"
#include "xml/xml.h"

static const char part[] = "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
                           "<r xmlns:p=\"urn:p\" a='x&apos;y' b=\"1>0\" >\r\n"
                           "  <p:e/><p:f  k=\"v\" /><g></g><!-- <h> --><![CDATA[<i>]]>\r\n"
                           "</r>";

static xmlNode *child(xmlNode *n, const char *name) {
  for (n = n->children; n; n = n->next)
    if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name)) return n;
  return NULL;
}

static void test_spans(vb_diags *d) {
  vb_xml_spans *sp = NULL;
  xmlDoc *doc = vb_xml_parse_spans(part, sizeof part - 1, "t", "part", VB_EINTERNAL, d, &sp);
  CHECK(doc && sp);
  if (!doc) return;
  xmlNode *r = xmlDocGetRootElement(doc);
  const vb_xml_span *s = vb_xml_span_of(sp, r);
  CHECK(s && !s->empty_tag);
  CHECK(s && strncmp(part + s->open, "<r xmlns", 8) == 0 && part[s->open_end] == '>');
  CHECK(s &&
        s->open_end == (size_t)(strstr(part, "\" >") - part) + 2); /* '>' inside "1>0" skipped */
  CHECK(s && strncmp(part + s->close, "</r>", 4) == 0 && s->close_end == sizeof part - 1);
  const vb_xml_span *f = vb_xml_span_of(sp, child(r, "f"));
  CHECK(f && f->empty_tag && part[f->open_end] == '/' && f->close == f->open);
  CHECK(f && strncmp(part + f->open, "<p:f  k=\"v\" />", f->close_end - f->open) == 0);
  const vb_xml_span *g = vb_xml_span_of(sp, child(r, "g"));
  CHECK(g && !g->empty_tag && strncmp(part + g->close, "</g>", 4) == 0);
  /* A node made later has no span. */
  xmlNode *made = xmlNewDocNode(doc, NULL, (const xmlChar *)"n", NULL);
  CHECK(vb_xml_span_of(sp, made) == NULL);
  xmlFreeNode(made);
  xmlFreeDoc(doc);
  vb_xml_spans_free(sp);
}

static xmlNode *elem(xmlDoc *doc, xmlNode *like, const char *name) {
  return xmlNewDocNode(doc, like ? like->ns : NULL, (const xmlChar *)name, NULL);
}

static void test_edit(vb_diags *d) {
  vb_xml_edit *e = vb_xml_edit_open(part, sizeof part - 1, "t", "part", VB_EINTERNAL, d);
  CHECK(e != NULL);
  if (!e) return;
  xmlDoc *doc = vb_xml_edit_doc(e);
  xmlNode *r = xmlDocGetRootElement(doc), *pe = child(r, "e"), *f = child(r, "f");
  xmlNode *g = child(r, "g");
  CHECK(vb_xml_edit_is_empty_tag(e, f) && !vb_xml_edit_is_empty_tag(e, g));
  vb_xml_edit_append(e, r, elem(doc, NULL, "last1"));
  vb_xml_edit_append(e, r, elem(doc, NULL, "last2"));
  vb_xml_edit_prepend(e, r, elem(doc, NULL, "first"));
  CHECK(vb_xml_edit_insert_after(e, pe, elem(doc, pe, "after-e")) == 0);
  /* An empty tag gets children: written whole, its attributes' bytes kept. */
  xmlNode *in_f = elem(doc, f, "in");
  vb_xml_edit_append(e, f, in_f);
  CHECK(!vb_xml_edit_is_empty_tag(e, f));
  vb_xml_edit_prepend(e, f, elem(doc, f, "before-in"));
  xmlNewChild(in_f, NULL, (const xmlChar *)"deep", NULL); /* a child of an added node (p:) */
  vb_xml_edit_append(e, g, elem(doc, NULL, "in-g"));
  /* An attribute with apostrophes written as &apos;. */
  xmlNode *q = elem(doc, NULL, "q");
  vb_xml_set_prop_apos(q, NULL, "v", "'a & b'");
  vb_xml_edit_append(e, g, q);
  xmlNode *x = elem(doc, NULL, "x");
  CHECK(vb_xml_edit_insert_after(e, q, x) == -1); /* q was added: x is not */
  xmlFreeNode(x);
  size_t len;
  char *out = vb_xml_edit_finish(e, &len);
  CHECK_STR(out, "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
                 "<r xmlns:p=\"urn:p\" a='x&apos;y' b=\"1>0\" ><first/>\r\n"
                 "  <p:e/><p:after-e/><p:f  k=\"v\"  ><p:before-in/><p:in><p:deep/></p:in></p:f>"
                 "<g><in-g/><q v=\"&apos;a &amp; b&apos;\"/></g><!-- <h> --><![CDATA[<i>]]>\r\n"
                 "<last1/><last2/></r>");
  CHECK(len == strlen(out ? out : ""));
  /* The tree was edited too. */
  CHECK(r->children && !strcmp((const char *)r->children->name, "first"));
  free(out);
  vb_xml_edit_free(e);
  /* Nothing added: the bytes as they were. */
  e = vb_xml_edit_open(part, sizeof part - 1, "t", "part", VB_EINTERNAL, d);
  out = vb_xml_edit_finish(e, &len);
  CHECK(len == sizeof part - 1 && memcmp(out, part, len) == 0);
  free(out);
  vb_xml_edit_free(e);
}

static void test_refused(vb_diags *d) {
  /* Not well-formed: refused with libxml2's message and the place. */
  CHECK(vb_xml_edit_open("<a><b></a>", 10, "t.docx", "word/x.xml", VB_EINTERNAL, d) == NULL);
  CHECK(vb_diags_errors(d) == 1);
  CHECK_CONTAINS(vb_diags_count(d) ? vb_diags_get(d, 0)->where : NULL, "phần word/x.xml");
  vb_diags_clear(d);
  /* UTF-16: the positions cannot be bytes of the part; refused, not guessed. */
  static const char utf16[] = "\xff\xfe<\0a\0/\0>\0";
  CHECK(vb_xml_edit_open(utf16, sizeof utf16 - 1, "t.docx", "word/x.xml", VB_EINTERNAL, d) == NULL);
  CHECK(vb_diags_errors(d) == 1);
  CHECK_CONTAINS(vb_diags_count(d) ? vb_diags_get(d, 0)->message : NULL,
                 "không xác định được vị trí");
  vb_diags_clear(d);
}

int main(void) {
  vb_diags *d = vb_diags_new();
  test_spans(d);
  test_edit(d);
  CHECK(vb_diags_count(d) == 0);
  for (size_t i = 0; i < vb_diags_count(d); i++)
    fprintf(stderr, "%s\n", vb_diag_text(vb_diags_get(d, i)));
  test_refused(d);
  vb_diags_free(d);
  TEST_MAIN_END();
}
