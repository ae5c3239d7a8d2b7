/* Landscape pages. A template's {% trang X %} (README, template language)
 * leaves, when X is "ngang", an element of vanban's own at the start of its
 * paragraph; once the part is rendered the format turns the pages from that
 * paragraph on and takes the element out (vb_format.fix_pages):
 *
 *   DOCX: the section the paragraph is in gets its page size swapped and
 *   w:orient="landscape" (its margins stay: on the turned page they are the
 *   decree's top, bottom, left and right ones); the tables of that section
 *   as wide as the portrait text are widened to the landscape text.
 *   ODT: the paragraph gets an automatic style with its own style as parent
 *   and a landscape copy of its master page (and of that page's next ones),
 *   which the page styles part receives after the render
 *   (vb_doc_format.turn_styles); the tables after it up to the next page
 *   style as wide as the portrait text are widened.
 *
 * A render without such an element goes through none of this: documents
 * that turn no page come out as they always did. */
#ifndef VB_FMT_PAGES_H
#define VB_FMT_PAGES_H
#include <stddef.h>

#include "util/buf.h"

#define VB_NS_PAGE "urn:x-vanban:trang"
#define VB_PAGE_MARK "ngang"

typedef struct vb_page_ctx {
  /* The template's page styles part (vb_doc_format.page_styles_part), or
   * NULL: where the styles the paragraphs name are defined. */
  const char *styles;
  size_t styles_len;
  /* The master pages the rendered parts turned: landscape copies to add
   * (names malloc'd, each once). */
  char **turned;
  size_t nturned, cap;
  /* The kinds of floating pictures the parts placed (vb_float_kind bits):
   * their graphic styles go into the page styles part too, when the
   * template does not define them (ODT: docs/pictures.md). */
  unsigned floats;
} vb_page_ctx;

/* The bit of a floating picture's kind: behind the text or in front of
 * it, centred in its column or at an offset. */
static inline unsigned vb_float_kind(unsigned behind, unsigned center) {
  return 1u << ((behind ? 2u : 0u) + (center ? 1u : 0u));
}

/* Note that master page `name` needs its landscape copy. */
void vb_page_ctx_turn(vb_page_ctx *pc, const char *name);
void vb_page_ctx_free(vb_page_ctx *pc);

/* A length written with a unit ("210mm", "21cm", "8.27in", "595pt") in
 * millimetres; -1 when it cannot be read. */
double vb_page_length_mm(const char *s);

/* 1 when the rendered part holds a mark to turn pages from, 0 when not. */
int vb_pages_marked(const vb_buf *xml);

/* The formats' passes (vb_format.fix_pages; vb_doc_format.turn_styles):
 * 1 when xml changed, 0 when not, -1 when it does not parse. */
int vb_docx_fix_pages(vb_buf *xml, vb_page_ctx *pc);
int vb_odt_fix_pages(vb_buf *xml, vb_page_ctx *pc);
int vb_odt_turn_styles(vb_buf *xml, const vb_page_ctx *pc);

/* The name of the landscape copy of master page or page layout `name`. */
void vb_odt_turned_name(vb_buf *out, const char *name);

#endif
