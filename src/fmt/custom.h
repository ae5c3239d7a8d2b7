/* Custom document properties, per format (fmt/docx_custom.c,
 * fmt/odt_custom.c): what the vb_doc_format tables point to for recording
 * them (custom_parts, record_custom) and reading them back (read_custom).
 * Private to src/fmt. */
#ifndef VB_FMT_CUSTOM_H
#define VB_FMT_CUSTOM_H
#include "fmt/document.h"

extern const char *const vb_docx_custom_parts[];
int vb_docx_record_custom(const char *part, const char *xml, size_t len,
                          const vb_custom_prop *props, size_t n, vb_buf *out, vb_diags *d);
char *vb_docx_read_custom(const char *xml, size_t len, const char *name);

extern const char *const vb_odt_custom_parts[];
int vb_odt_record_custom(const char *part, const char *xml, size_t len, const vb_custom_prop *props,
                         size_t n, vb_buf *out, vb_diags *d);
char *vb_odt_read_custom(const char *xml, size_t len, const char *name);

#endif
