/* vb_template_open_shipped: the Nghị định 30 templates are compiled into the
 * library (api/shipped.h), so opening one needs no path: nothing depends on
 * where the library was built or installed. */
#include <stdlib.h>
#include <string.h>

#include "api/shipped.h"
#include "util/buf.h"
#include "util/diag.h"

int vb_shipped_template(size_t i, const char **name, vb_format_kind *format, const void **bytes,
                        size_t *len) {
  if (i >= vb_shipped_count) return -1;
  const vb_shipped *s = &vb_shipped_templates[i];
  if (name) *name = s->name;
  if (format) *format = s->format;
  if (bytes) *bytes = s->bytes;
  if (len) *len = s->len;
  return 0;
}

vb_template *vb_template_open_shipped(const char *name, vb_format_kind format, unsigned flags,
                                      vb_diags *d) {
  const char *ext = format == VB_FORMAT_ODT ? "odt" : "docx";
  for (size_t i = 0; name && i < vb_shipped_count; i++) {
    const vb_shipped *s = &vb_shipped_templates[i];
    if (s->format != format || strcmp(s->name, name) != 0) continue;
    char *label = vb_xasprintf("%s.%s", s->name, ext);
    vb_template *t = vb_template_open_memory(s->bytes, s->len, label, flags, d);
    free(label);
    return t;
  }
  vb_buf known = VB_BUF_INIT;
  for (size_t i = 0; i < vb_shipped_count; i++)
    if (vb_shipped_templates[i].format == format)
      vb_buf_printf(&known, "%s%s", known.len ? ", " : "", vb_shipped_templates[i].name);
  vb_error_rule(d, VB_EUSAGE, "template.shipped", NULL, NULL,
                "cho một mẫu của mình, hoặc dùng một trong các mẫu có sẵn",
                "không có mẫu %s có sẵn nào tên \"%s\"; các mẫu có sẵn là: %s", ext,
                name ? name : "", vb_buf_cstr(&known));
  vb_buf_free(&known);
  return NULL;
}
