/* Definitions shared by the public API's implementation files. */
#ifndef VB_API_INTERNAL_H
#define VB_API_INTERNAL_H
#include "data/value.h"
#include "pkg/pkg.h"
#include "tpl/tpl.h"
#include "vanban.h"

struct vb_template {
  char *name;
  vb_format_kind kind;
  const vb_format *fmt;
  char *bytes; /* owned copy when opened from memory (the package refers to it) */
  vb_pkg *pkg;
  vb_arena *arena;     /* IR, expressions, tags */
  vb_part_tpl **parts; /* per package entry: compiled part, or NULL = copy as is */
  vb_tag **tags;
  size_t ntags, tags_cap;
  unsigned first_mark_id; /* DOCX: above every annotation id of the template (template.c) */
};

struct vb_data {
  char *name;
  vb_arena *arena;
  vb_value *root;       /* what templates see (the computed view for vanban documents) */
  const char *tpl_name; /* shipped template asked for, or NULL */
};

/* Parts that hold document text (body, headers, footers, notes) and so
 * template tags and value marks: DOCX word/document.xml, header*, footer*,
 * footnotes, endnotes; ODT content.xml and styles.xml. */
int vb_is_text_part(vb_format_kind kind, const char *name);

#endif
