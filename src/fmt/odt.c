/* OpenDocument text: paragraphs are text:p and text:h, runs text:span, rows
 * table:table-row, cells table:table-cell. Text lives directly in
 * paragraphs and spans; runs of spaces must be written as text:s because
 * ODF collapses white space, and breaks/tabs are elements of their own. */
#include <stdlib.h>
#include <string.h>

#include "fmt/format.h"

static int odt_is(const xmlNode *n, vb_container kind) {
  switch (kind) {
  case VB_C_PARAGRAPH: return vb_xml_is(n, VB_NS_TEXT, "p") || vb_xml_is(n, VB_NS_TEXT, "h");
  case VB_C_RUN: return vb_xml_is(n, VB_NS_TEXT, "span");
  case VB_C_ROW: return vb_xml_is(n, VB_NS_TABLE, "table-row");
  case VB_C_CELL:
    return vb_xml_is(n, VB_NS_TABLE, "table-cell") || vb_xml_is(n, VB_NS_TABLE, "covered-table-cell");
  case VB_C_TABLE: return vb_xml_is(n, VB_NS_TABLE, "table");
  }
  return 0;
}

static vb_atom_kind odt_classify(const xmlNode *e, int *count) {
  if (!e->ns || !e->ns->href) return VB_ATOM_SKIP;
  const char *ns = (const char *)e->ns->href;
  const char *n = (const char *)e->name;
  if (strcmp(ns, VB_NS_TEXT) == 0) {
    if (strcmp(n, "s") == 0) {
      xmlChar *c = xmlGetNsProp(e, (const xmlChar *)"c", (const xmlChar *)VB_NS_TEXT);
      *count = c ? atoi((const char *)c) : 1;
      if (*count < 1) *count = 1;
      xmlFree(c);
      return VB_ATOM_SPACE;
    }
    if (strcmp(n, "span") == 0 || strcmp(n, "a") == 0 || strcmp(n, "meta") == 0 ||
        strcmp(n, "ruby-base") == 0)
      return VB_ATOM_DESCEND;
    if (strcmp(n, "note") == 0) return VB_ATOM_NESTED;
    if (strcmp(n, "tab") == 0 || strcmp(n, "line-break") == 0) return VB_ATOM_BARRIER;
    /* Fields (page-number, date, …), bookmarks, change marks: not template text. */
    return strcmp(n, "soft-page-break") == 0 || strncmp(n, "bookmark", 8) == 0 ||
                   strcmp(n, "change-start") == 0 || strcmp(n, "change-end") == 0
               ? VB_ATOM_SKIP
               : VB_ATOM_BARRIER;
  }
  if (strcmp(ns, VB_NS_DRAW) == 0) return VB_ATOM_NESTED; /* frames, text boxes */
  if (strcmp(ns, VB_NS_OFFICE) == 0 && strcmp(n, "annotation") == 0) return VB_ATOM_SKIP;
  return VB_ATOM_SKIP;
}

static void odt_prepare_text_holder(xmlNode *holder) { (void)holder; }

static void odt_write_text(vb_buf *out, const char *prefix, const char *s, size_t n) {
  const char *p = prefix ? prefix : "";
  const char *colon = prefix ? ":" : "";
  size_t start = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '\n' || s[i] == '\t') {
      vb_buf_put_xml_escaped(out, s + start, i - start);
      vb_buf_printf(out, "<%s%s%s/>", p, colon, s[i] == '\n' ? "line-break" : "tab");
      start = i + 1;
    } else if (s[i] == ' ' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\n' || i + 1 == n)) {
      /* A space ODF would drop (leading, trailing, or after another space). */
      size_t j = i;
      while (j < n && s[j] == ' ') j++;
      vb_buf_put_xml_escaped(out, s + start, i - start);
      if (j - i == 1) vb_buf_printf(out, "<%s%ss/>", p, colon);
      else vb_buf_printf(out, "<%s%ss %s%sc=\"%zu\"/>", p, colon, p, colon, j - i);
      start = j;
      i = j - 1;
    }
  }
  vb_buf_put_xml_escaped(out, s + start, n - start);
}

static const char *const odt_trim_left[] = {"</text:p>", "</text:h>", "<text:line-break/>", NULL};
static const char *const odt_trim_right[] = {"<text:p>", "<text:p ", "<text:h>", "<text:h ",
                                             "<text:line-break/>", NULL};

const vb_format vb_format_odt = {
    .name = "odt",
    .is = odt_is,
    .classify = odt_classify,
    .loose_text = 1,
    .prepare_text_holder = odt_prepare_text_holder,
    .write_text = odt_write_text,
    .text_ns = VB_NS_TEXT,
    .trim_left = odt_trim_left,
    .trim_right = odt_trim_right,
};
