/* Document properties: docProps/core.xml (OPC core properties) and ODF
 * meta.xml. docxtpl renders the string properties author, comments,
 * identifier, language, subject and title; each of those elements is one
 * "paragraph" of plain text here (no runs, no breaks, no tables). Both
 * formats use Dublin Core for them (dc:creator, dc:description, …). */
#include <string.h>

#include "fmt/format.h"
#include "xml/xml.h"

static int props_is(const xmlNode *n, vb_container kind) {
  static const char *const rendered[] = {"title",      "subject",  "creator", "description",
                                         "identifier", "language", NULL};
  if (kind != VB_C_PARAGRAPH) return 0;
  for (int i = 0; rendered[i]; i++)
    if (vb_xml_is(n, VB_NS_DC, rendered[i])) return 1;
  return 0;
}

static vb_atom_kind props_classify(const xmlNode *e, int *count) {
  (void)e;
  (void)count;
  return VB_ATOM_SKIP;
}

static void props_prepare_text_holder(xmlNode *holder) { (void)holder; }

static void props_write_text(vb_buf *out, const char *prefix, const char *s, size_t n) {
  (void)prefix;
  vb_buf_put_xml_escaped(out, s, n);
}

static const char *const props_none[] = {NULL};

const vb_format vb_format_props = {
    .name = "properties",
    .is = props_is,
    .classify = props_classify,
    .loose_text = 1,
    .prepare_text_holder = props_prepare_text_holder,
    .write_text = props_write_text,
    .text_ns = VB_NS_DC,
    .trim_left = props_none,
    .trim_right = props_none,
};
