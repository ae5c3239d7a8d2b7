/* What the DOCX files of src/fmt share (docx.c has the format table and
 * writes text and marks; docx_emphasis.c emphasised runs; docx_inline.c
 * pictures, links and charts). Private to src/fmt. */
#ifndef VB_FMT_DOCX_INTERNAL_H
#define VB_FMT_DOCX_INTERNAL_H
#include <libxml/tree.h>

#include "fmt/inline.h"
#include "util/arena.h"
#include "util/buf.h"

#define VB_NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define VB_NS_WP "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#define VB_NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define VB_NS_PIC "http://schemas.openxmlformats.org/drawingml/2006/picture"
#define VB_NS_C "http://schemas.openxmlformats.org/drawingml/2006/chart"

/* A value's text in a w:t: escaped, \n a w:br, \t a w:tab (vb_format.write_text). */
void vb_docx_write_text(vb_buf *out, const char *prefix, const char *s, size_t n);
/* The markup that opens again the run a value sits in (w:r with its w:rPr,
 * w:t), or NULL when the value is not in w:t > w:r > a paragraph-level
 * container (vb_format.mark_context). */
const char *vb_docx_mark_context(vb_arena *a, xmlNode *placeholder);
/* The markup that opens run r again: "<w:r>" its w:rPr "<w:t xml:space=…>". */
const char *vb_docx_run_reopen(vb_arena *a, xmlNode *r);
/* If s[0..len) ends with the opening of a run with no text in it yet, that
 * opening's length; else 0. p is the w prefix ("" for none). */
size_t vb_docx_empty_run_open(const char *s, size_t len, const char *p);

/* Put w:LOCAL into rPr at its schema place, replacing one there: with
 * w:val=VAL, or without w:val (on) when VAL is NULL (docx_run_props.c). */
void vb_docx_rpr_set(xmlNode *rpr, xmlNs *w, const char *local, const char *val);

/* vb_format.emphasis_context and write_emphasis (docx_emphasis.c). */
const void *vb_docx_emphasis_context(vb_arena *a, xmlNode *placeholder);
void vb_docx_write_emphasis(vb_buf *out, const char *prefix, const void *ctx, unsigned style,
                            const char *s, size_t n);

/* w:sectPr back to its schema place in every w:pPr under n and its
 * siblings (docx_marks.c). */
void vb_docx_tidy(xmlNode *n);

/* docx_inline.c: the vb_format hooks for values that are not text. */
const vb_inline_ctx *vb_docx_inline_context(vb_arena *a, xmlNode *ph);
void vb_docx_write_picture(vb_buf *out, const char *prefix, const vb_inline_ctx *ctx,
                           const vb_inline_picture *p);
void vb_docx_write_link(vb_buf *out, const char *prefix, const vb_inline_ctx *ctx,
                        const vb_inline_link *link, const char *text, unsigned style,
                        const void *emph);
void vb_docx_write_chart(vb_buf *out, const char *prefix, const vb_inline_ctx *ctx,
                         const vb_inline_chart *c);

/* docx_chart.c: the chart part (word/charts/chartN.xml) of c, malloc'd. */
char *vb_docx_chart_part(const vb_chart *c, size_t *len);

/* The references of the pictures named or described `name` (vb_format.find_pictures). */
size_t vb_docx_find_pictures(xmlNode *root, const char *name, xmlAttr **out, size_t max);

#endif
