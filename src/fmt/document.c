/* Choosing a document format. */
#include "fmt/document.h"

#include <string.h>

static const vb_doc_format *const formats[] = {&vb_doc_odt, &vb_doc_docx};

int vb_doc_format_detect(vb_pkg *p, const vb_doc_format **out, vb_diags *d) {
  *out = NULL;
  for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
    int r = formats[i]->detect(p, d);
    if (r < 0) return -1;
    if (r > 0) {
      *out = formats[i];
      return 0;
    }
  }
  return 0;
}

const vb_doc_format *vb_doc_format_of(vb_format_kind kind) {
  for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
    if (formats[i]->kind == kind) return formats[i];
  return NULL;
}

int vb_doc_is_template_part(const vb_doc_format *f, const char *part) {
  return !strcmp(part, f->props_part) || f->is_text_part(part);
}

int vb_doc_is_custom_part(const vb_doc_format *f, const char *part) {
  for (size_t k = 0; f->custom_parts && f->custom_parts[k]; k++)
    if (strcmp(f->custom_parts[k], part) == 0) return 1;
  return 0;
}
