/* WordprocessingML: paragraphs are w:p, runs w:r, text w:t, rows w:tr,
 * cells w:tc. Line breaks and tabs are elements inside a run, so a value
 * with "\n" closes the current w:t, adds w:br and opens a new w:t. */
#include <string.h>

#include "fmt/format.h"

int vb_xml_is(const xmlNode *elem, const char *ns, const char *local) {
  return elem && elem->type == XML_ELEMENT_NODE && elem->ns && elem->ns->href &&
         strcmp((const char *)elem->name, local) == 0 &&
         strcmp((const char *)elem->ns->href, ns) == 0;
}

static int docx_is(const xmlNode *n, vb_container kind) {
  switch (kind) {
  case VB_C_PARAGRAPH: return vb_xml_is(n, VB_NS_W, "p");
  case VB_C_RUN: return vb_xml_is(n, VB_NS_W, "r");
  case VB_C_ROW: return vb_xml_is(n, VB_NS_W, "tr");
  case VB_C_CELL: return vb_xml_is(n, VB_NS_W, "tc");
  case VB_C_TABLE: return vb_xml_is(n, VB_NS_W, "tbl");
  }
  return 0;
}

static vb_atom_kind docx_classify(const xmlNode *e, int *count) {
  static const char *const skip[] = {"rPr", "pPr", "delText", "instrText", "del",
                                     "moveFrom", "fldData", "sectPr", "proofErr", NULL};
  static const char *const barrier[] = {"tab", "br", "cr", "sym", "drawing", "pict", "object",
                                        "fldChar", "footnoteReference", "endnoteReference",
                                        "noBreakHyphen", "softHyphen", "ptab", NULL};
  if (!e->ns || !e->ns->href) return VB_ATOM_SKIP;
  if (strcmp((const char *)e->ns->href, VB_NS_W) != 0) {
    /* mc:AlternateContent and friends: text boxes inside are handled as
     * nested paragraphs when the walker reaches them. */
    return VB_ATOM_DESCEND;
  }
  const char *n = (const char *)e->name;
  if (strcmp(n, "t") == 0) return VB_ATOM_TEXT;
  if (strcmp(n, "txbxContent") == 0) return VB_ATOM_NESTED;
  for (int i = 0; skip[i]; i++)
    if (strcmp(n, skip[i]) == 0) return VB_ATOM_SKIP;
  for (int i = 0; barrier[i]; i++)
    if (strcmp(n, barrier[i]) == 0) return VB_ATOM_BARRIER;
  (void)count;
  return VB_ATOM_DESCEND;
}

static void docx_prepare_text_holder(xmlNode *t) {
  xmlNsPtr xmlns = xmlSearchNs(t->doc, t, (const xmlChar *)"xml");
  if (xmlns) xmlSetNsProp(t, xmlns, (const xmlChar *)"space", (const xmlChar *)"preserve");
}

static void docx_write_text(vb_buf *out, const char *prefix, const char *s, size_t n) {
  const char *p = prefix ? prefix : "";
  const char *colon = prefix ? ":" : "";
  size_t start = 0;
  for (size_t i = 0; i < n; i++) {
    const char *elem;
    if (s[i] == '\n') elem = "br";
    else if (s[i] == '\t') elem = "tab";
    else continue;
    vb_buf_put_xml_escaped(out, s + start, i - start);
    vb_buf_printf(out, "</%s%st><%s%s%s/><%s%st xml:space=\"preserve\">", p, colon, p, colon, elem, p,
                  colon);
    start = i + 1;
  }
  vb_buf_put_xml_escaped(out, s + start, n - start);
}

static const char *const docx_trim_left[] = {"</w:t>", NULL};
static const char *const docx_trim_right[] = {"<w:t>", "<w:t ", NULL};

const vb_format vb_format_docx = {
    .name = "docx",
    .is = docx_is,
    .classify = docx_classify,
    .loose_text = 0,
    .prepare_text_holder = docx_prepare_text_holder,
    .write_text = docx_write_text,
    .text_ns = VB_NS_W,
    .trim_left = docx_trim_left,
    .trim_right = docx_trim_right,
};
