/* Writing a read document back with comments anchored at given text: DOCX
 * w:comment (comments part, relationship, content type, range markers and
 * reference runs in the text), ODT office:annotation with
 * office:annotation-end. Only the parts that change are re-serialized; every
 * other entry of the package is copied as its compressed bytes. */
#ifndef VB_FMT_ANNOTATE_H
#define VB_FMT_ANNOTATE_H
#include "fmt/doc.h"

typedef struct vb_annotation {
  long para;       /* index into doc->paras; a body paragraph (others are moved) */
  size_t off, len; /* the text to anchor at; len 0: the whole paragraph */
  const char *text;
} vb_annotation;

/* Write doc (read by vb_doc_read) with the annotations to out_path,
 * atomically. The view's XML is changed in place: call once per doc. */
vb_status vb_doc_annotate(vb_doc *doc, const vb_annotation *a, size_t n, const char *author,
                          const char *out_path, vb_diags *d);

#endif
