/* What the two document readers share: the opened package and its parsed
 * parts (kept for the annotate writer), and the entry points. */
#ifndef VB_FMT_DOC_READ_H
#define VB_FMT_DOC_READ_H
#include <libxml/tree.h>

#include "fmt/doc_build.h"
#include "pkg/pkg.h"

typedef struct vb_doc_read_src {
  vb_pkg *pkg;
  const char *file;
  vb_diags *d;
  struct {
    char *name;
    xmlDocPtr xml;
    int changed; /* the annotate writer edited it */
  } * parts;
  size_t nparts, cap;
  const char *main_part; /* DOCX: the main document part */
  void *reader;          /* the reader at work */
} vb_doc_read_src;

/* The parsed part (cached: parsed once), or NULL. A part that is missing is
 * an error unless optional; a part that does not parse is always one. */
xmlDocPtr vb_doc_read_part(vb_doc_read_src *src, const char *name, int optional);

int vb_docx_read(vb_doc_read_src *src, vb_doc *doc, vb_diags *d);
int vb_odt_read(vb_doc_read_src *src, vb_doc *doc, vb_diags *d);

#endif
