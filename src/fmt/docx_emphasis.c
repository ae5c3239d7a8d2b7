/* Inline emphasis in DOCX: an emphasised piece of a value is a run of its
 * own, whose properties are a copy of the value's run's with w:b/w:bCs
 * (bold) or w:i/w:iCs (italic) set, so it keeps the template's font, size
 * and colour. The run holding the value is closed before it and opened again
 * after it. The openings are made once, at compile time, with libxml2. */
#include <string.h>

#include <libxml/tree.h>

#include "fmt/docx_internal.h"
#include "fmt/format.h"
#include "xml/xml.h"

typedef struct docx_emph {
  const char *reopen;  /* the value's run, as the template has it */
  const char *open[4]; /* indexed by style: the run with emphasis */
} docx_emph;

/* "<w:r><w:rPr>…</w:rPr><w:t xml:space=\"preserve\">" for `style`. The
 * properties are cloned with namespaces resolved against the run, so the
 * copy declares none of its own. */
static const char *run_open(vb_arena *a, xmlNode *run, unsigned style) {
  xmlNs *w = run->ns;
  const char *p = w && w->prefix ? (const char *)w->prefix : NULL;
  xmlNode *pr = NULL;
  for (xmlNode *k = run->children; k && !pr; k = k->next)
    if (vb_xml_is(k, VB_NS_W, "rPr")) pr = k;
  xmlNode *copy = NULL;
  if (!pr || xmlDOMWrapCloneNode(NULL, run->doc, pr, &copy, run->doc, run, 1, 0) != 0 || !copy)
    copy = xmlNewDocNode(run->doc, w, (const xmlChar *)"rPr", NULL);
  if (style & VB_RUN_BOLD)
    vb_docx_rpr_set(copy, w, "b", NULL), vb_docx_rpr_set(copy, w, "bCs", NULL);
  if (style & VB_RUN_ITALIC)
    vb_docx_rpr_set(copy, w, "i", NULL), vb_docx_rpr_set(copy, w, "iCs", NULL);
  vb_buf b = VB_BUF_INIT;
  vb_buf_printf(&b, "<%s%sr>", p ? p : "", p ? ":" : "");
  xmlBufferPtr xb = xmlBufferCreate();
  xmlNodeDump(xb, run->doc, copy, 0, 0);
  vb_buf_put(&b, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
  xmlBufferFree(xb);
  xmlFreeNode(copy);
  vb_buf_printf(&b, "<%s%st xml:space=\"preserve\">", p ? p : "", p ? ":" : "");
  const char *r = vb_arena_strndup(a, b.data, b.len);
  vb_buf_free(&b);
  return r;
}

const void *vb_docx_emphasis_context(vb_arena *a, xmlNode *ph) {
  const char *reopen = vb_docx_mark_context(a, ph);
  if (!reopen) return NULL;
  xmlNode *run = ph->parent->parent;
  docx_emph *e = vb_arena_alloc(a, sizeof *e);
  e->reopen = reopen;
  for (unsigned style = 1; style < 4; style++)
    e->open[style] = run_open(a, run, style);
  return e;
}

void vb_docx_write_emphasis(vb_buf *out, const char *prefix, const void *ctx, unsigned style,
                            const char *s, size_t n) {
  const docx_emph *e = ctx;
  const char *p = prefix ? prefix : "";
  /* Close the value's run, or take its opening back when nothing is in it
   * yet (a value that starts emphasised leaves no empty run before it). */
  size_t open = vb_docx_empty_run_open(out->data ? out->data : "", out->len, p);
  if (open)
    out->len -= open, out->data[out->len] = '\0';
  else
    vb_buf_printf(out, "</%s%st></%s%sr>", p, *p ? ":" : "", p, *p ? ":" : "");
  vb_buf_puts(out, e->open[style & 3]);
  vb_docx_write_text(out, prefix, s, n);
  vb_buf_printf(out, "</%s%st></%s%sr>", p, *p ? ":" : "", p, *p ? ":" : "");
  vb_buf_puts(out, e->reopen);
}
