/* A document format as a package: which parts hold text, how a package is
 * recognised, what the package needs around rendered parts. The text rules
 * of its parts are its vb_format (fmt/format.h). Everything here is a fact
 * about DOCX or ODT, so that the layers above (tpl, update, api) hold none:
 * fmt/docx_package.c and fmt/odt_package.c fill the tables. */
#ifndef VB_FMT_DOCUMENT_H
#define VB_FMT_DOCUMENT_H
#include <stddef.h>

#include "fmt/format.h"
#include "pkg/pkg.h"
#include "util/buf.h"
#include "vanban.h"

/* A custom document property: a name and a text. */
typedef struct vb_custom_prop {
  const char *name, *value;
} vb_custom_prop;

struct vb_page_ctx; /* fmt/pages.h */

typedef struct vb_doc_format {
  vb_format_kind kind;
  const char *name;      /* "DOCX", "ODT": for messages */
  const vb_format *text; /* the rules of its text parts */
  /* The part of document properties, rendered like docxtpl's
   * render_properties with vb_format_props. */
  const char *props_part;
  /* An entry the package must hold first and uncompressed, whatever the
   * template did (ODF's "mimetype"), or NULL. */
  const char *stored_part;
  /* 1 when the package is of this format, 0 when not, -1 when it cannot be
   * read (an error is in d). */
  int (*detect)(vb_pkg *p, vb_diags *d);
  /* Parts that hold document text (body, headers, footers, notes) and so
   * template tags and value marks. */
  int (*is_text_part)(const char *part);
  /* Marks need ids unique in the document when the format pairs a range's
   * start and end by a number (DOCX): given a part's bytes, return the
   * smallest id above every id it already uses, or `next` if larger. NULL
   * when marks need no id (ODT pairs them by name). */
  unsigned (*next_mark_id)(const char *part, const char *xml, size_t len, unsigned next);
  /* Write package p again into w with the font files embedded and named
   * where the format wants them (see vb_embed_fonts in vanban.h). 0, or -1
   * with an error in d. */
  int (*embed_fonts)(vb_pkg *p, vb_pkg_writer *w, const vb_font_face *faces, size_t n, vb_diags *d);
  /* Custom document properties (what made a document is recorded there).
   * custom_parts: the parts recording them may change, the first holding the
   * values (made when the package has none). record_custom: part's new
   * bytes into out, given its bytes (xml NULL: the part is to be made); 1
   * when it changes, 0 when not, -1 when it does not parse (an error in d).
   * read_custom: the value of property `name` in the bytes of custom_parts[0]
   * (malloc'd), or NULL. */
  const char *const *custom_parts;
  int (*record_custom)(const char *part, const char *xml, size_t len, const vb_custom_prop *props,
                       size_t n, vb_buf *out, vb_diags *d);
  char *(*read_custom)(const char *xml, size_t len, const char *name);
  /* What a render adds to the package: pictures, links, charts
   * (fmt/additions.h). */
  const struct vb_add_rules *adds;
  /* Landscape pages (fmt/pages.h): the part that defines page styles, which
   * turn_styles gives the copies the turned pages use (pc->turned), after
   * the render, and the graphic styles of the floating pictures the parts
   * placed (pc->floats) that it lacks; NULL when a part turns its pages by
   * itself and floating pictures need no style (DOCX). */
  const char *page_styles_part;
  int (*turn_styles)(vb_buf *xml, const struct vb_page_ctx *pc);
} vb_doc_format;

extern const vb_doc_format vb_doc_docx;
extern const vb_doc_format vb_doc_odt;

/* The format of a package into *out: NULL when it is neither a DOCX nor an
 * ODT text document (nothing reported). 0, or -1 when the package cannot be
 * read (an error is in d). */
int vb_doc_format_detect(vb_pkg *p, const vb_doc_format **out, vb_diags *d);

/* The format of this kind (VB_FORMAT_DOCX, VB_FORMAT_ODT), or NULL. */
const vb_doc_format *vb_doc_format_of(vb_format_kind kind);

/* Parts of a template that are rendered: text parts and the properties. */
int vb_doc_is_template_part(const vb_doc_format *f, const char *part);

/* 1 when part is one of the format's custom_parts. */
int vb_doc_is_custom_part(const vb_doc_format *f, const char *part);

#endif
