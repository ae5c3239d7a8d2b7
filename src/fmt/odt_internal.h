/* What the ODT files of src/fmt share (odt.c has the format table;
 * odt_emphasis.c writes emphasised spans). Private to src/fmt. */
#ifndef VB_FMT_ODT_INTERNAL_H
#define VB_FMT_ODT_INTERNAL_H
#include <libxml/tree.h>

#include "util/arena.h"
#include "util/buf.h"

/* A value's text in a paragraph or span: escaped, \n a text:line-break, \t
 * a text:tab, spaces ODF would collapse as text:s (vb_format.write_text). */
void vb_odt_write_text(vb_buf *out, const char *prefix, const char *s, size_t n);

/* vb_format.emphasis_context and write_emphasis (odt_emphasis.c). */
const void *vb_odt_emphasis_context(vb_arena *a, xmlNode *placeholder);
void vb_odt_write_emphasis(vb_buf *out, const char *prefix, const void *ctx, unsigned style,
                           const char *s, size_t n);

#endif
