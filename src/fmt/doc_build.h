/* Building a vb_doc while walking a document's XML: the readers
 * (fmt/docx_read.c, fmt/odt_read.c) open a paragraph, add its text piece by
 * piece with the resolved character properties of each piece, and close it
 * with its paragraph properties. Shared so that both formats end up with
 * exactly the same view of the same text. */
#ifndef VB_FMT_DOC_BUILD_H
#define VB_FMT_DOC_BUILD_H
#include "fmt/doc.h"
#include "util/buf.h"

/* Resolved character properties of a piece of text. */
typedef struct vb_doc_chars {
  const char *font; /* arena string or NULL */
  int size;         /* half points, 0 unknown */
  int bold, italic, caps;
} vb_doc_chars;

typedef struct vb_doc_builder {
  vb_doc *doc;
  /* the paragraph being built */
  int open;
  vb_buf text;
  vb_doc_span *spans;
  size_t nspans, spans_cap;
} vb_doc_builder;

void vb_docb_init(vb_doc_builder *b, vb_doc *doc);
/* Release the builder's scratch buffers (not the document). */
void vb_docb_done(vb_doc_builder *b);

void vb_docb_para_begin(vb_doc_builder *b);
/* Append text (NFC-normalized on the way). node/node_off: where the bytes
 * are in the XML (NULL for made-up text such as a tab). */
void vb_docb_text(vb_doc_builder *b, const char *s, size_t n, const vb_doc_chars *c, void *node,
                  size_t node_off);
/* Close the paragraph: *proto gives everything but the text and spans.
 * Returns its index in doc->paras. */
size_t vb_docb_para_end(vb_doc_builder *b, const vb_doc_para *proto);

/* A new section / part / comment, zero-filled (sections: all headers and
 * footers -1, margins unset); returns its index. */
size_t vb_docb_section(vb_doc_builder *b);
size_t vb_docb_part(vb_doc_builder *b, vb_doc_area area, const char *name);
void vb_docb_comment(vb_doc_builder *b, const char *author, const char *text, const char *anchor);

/* After reading: number the body paragraphs (vb_doc_para.number) and count
 * the body (doc->nbody must already be set). */
void vb_docb_finish(vb_doc_builder *b);

/* Length units of ODF ("2cm", "0.5in", "14pt", "20mm") to twips;
 * VB_DOC_UNSET when s is not a length. */
int vb_doc_length_twips(const char *s);

#endif
