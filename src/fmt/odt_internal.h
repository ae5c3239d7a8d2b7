/* What the ODT files of src/fmt share (odt.c has the format table and
 * writes text and marks; odt_emphasis.c emphasised spans; odt_inline.c
 * pictures, links and charts). Private to src/fmt. */
#ifndef VB_FMT_ODT_INTERNAL_H
#define VB_FMT_ODT_INTERNAL_H
#include <libxml/tree.h>

#include "fmt/inline.h"
#include "util/arena.h"
#include "util/buf.h"

#define VB_NS_XLINK "http://www.w3.org/1999/xlink"
#define VB_NS_SVG "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
#define VB_NS_STYLE "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define VB_NS_FO "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
#define VB_NS_CHART "urn:oasis:names:tc:opendocument:xmlns:chart:1.0"
#define VB_NS_NUMBER "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
#define VB_NS_MANIFEST "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"

/* A value's text in a paragraph or span: escaped, \n a text:line-break, \t
 * a text:tab, spaces ODF would collapse as text:s (vb_format.write_text). */
void vb_odt_write_text(vb_buf *out, const char *prefix, const char *s, size_t n);

/* vb_format.emphasis_context and write_emphasis (odt_emphasis.c). */
const void *vb_odt_emphasis_context(vb_arena *a, xmlNode *placeholder);
void vb_odt_write_emphasis(vb_buf *out, const char *prefix, const void *ctx, unsigned style,
                           const char *s, size_t n);

/* odt_inline.c: the vb_format hooks for values that are not text. */
const vb_inline_ctx *vb_odt_inline_context(vb_arena *a, xmlNode *ph);
void vb_odt_write_picture(vb_buf *out, const char *prefix, const vb_inline_ctx *ctx,
                          const vb_inline_picture *p);
void vb_odt_write_link(vb_buf *out, const char *prefix, const vb_inline_ctx *ctx,
                       const vb_inline_link *link, const char *text, unsigned style,
                       const void *emph);
void vb_odt_write_chart(vb_buf *out, const char *prefix, const vb_inline_ctx *ctx,
                        const vb_inline_chart *c);

/* The graphic styles of the floating pictures of the kinds in `floats`
 * (vb_float_kind bits) that the page styles part (its root) lacks, added
 * to its office:styles; 1 when it changed. */
int vb_odt_add_float_styles(xmlNode *root, unsigned floats);

/* odt_chart.c: the chart object's content.xml and styles.xml, malloc'd. */
char *vb_odt_chart_content(const vb_chart *c, size_t *len);
char *vb_odt_chart_styles(const vb_chart *c, size_t *len);

/* The references of the pictures named or described `name` (vb_format.find_pictures). */
size_t vb_odt_find_pictures(xmlNode *root, const char *name, xmlAttr **out, size_t max);

#endif
