/* Shared by the comment writers (fmt/docx_annotate.c, fmt/odt_annotate.c). */
#ifndef VB_FMT_ANNOTATE_INTERNAL_H
#define VB_FMT_ANNOTATE_INTERNAL_H
#include <libxml/tree.h>

#include "fmt/annotate.h"
#include "fmt/doc_read.h"
#include "util/buf.h"

typedef struct an_item {
  long para;
  size_t a, z; /* byte range in the paragraph's text */
  const char *text;
  int id;
} an_item;

/* One marker to insert: the start or the end of an item's range. */
typedef enum an_kind { AN_END = 0, AN_START = 1, AN_END_EMPTY = 2 } an_kind;
typedef struct an_mark {
  long para;
  size_t off;
  an_kind kind;
  size_t item;
} an_mark;

/* The markers of items, in the order they must be inserted: paragraph by
 * paragraph, from the end of each paragraph back (a split leaves the text
 * before it where the view says it is), and at one offset the end of a
 * range before the start of the next. *out is malloc'd. */
size_t an_marks(const an_item *items, size_t n, an_mark **out);

/* Where offset `off` of paragraph p is: the span holding it (for an end,
 * the span holding the byte before it) and the offset within that span;
 * NULL when the paragraph has no span (then: its start or end). */
const vb_doc_span *an_span(const vb_doc_para *p, size_t off, int is_end, size_t *within);

/* An insertion point: new nodes go before `before` in `parent` (append
 * when before is NULL). */
typedef struct an_point {
  xmlNode *parent, *before;
} an_point;
void an_insert(an_point at, xmlNode *node);

/* The package with the parts in `changed` re-serialized from src's parsed
 * trees, the parts in `added` (name, bytes) written in place of the entries
 * of that name or added after the others, everything else copied raw. */
typedef struct an_part {
  const char *name;
  char *data; /* malloc'd; taken */
  size_t len;
} an_part;
vb_status an_write_package(vb_doc_read_src *src, const char *const *changed, an_part *added,
                           size_t nadded, const char *out_path, vb_diags *d);

/* Part `name` of the package with elements appended to its root by
 * fill(e, root, ud) through xml/edit.h, every other byte kept: into *out.
 * 0, or -1 with an error in d. */
struct vb_xml_edit;
int an_append_to_part(vb_doc_read_src *src, const char *name,
                      void (*fill)(struct vb_xml_edit *e, xmlNode *root, void *ud), void *ud,
                      an_part *out, vb_diags *d);

vb_status vb_docx_annotate(vb_doc *doc, an_item *items, size_t n, const char *author,
                           const char *out_path, vb_diags *d);
vb_status vb_odt_annotate(vb_doc *doc, an_item *items, size_t n, const char *author,
                          const char *out_path, vb_diags *d);

#endif
