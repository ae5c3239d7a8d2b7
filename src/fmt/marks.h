/* The marks written around generated values (vb_format.write_mark), read
 * back from a part of a document a person has since edited, and rewritten:
 * what `vanban update` needs, in terms that hold for every format. The
 * format's rules (fmt/mark_rules.h) say which elements are marks, what text
 * a reader sees, and how a value's text is written there. */
#ifndef VB_FMT_MARKS_H
#define VB_FMT_MARKS_H
#include <libxml/tree.h>

#include "fmt/format.h"
#include "util/buf.h"

typedef struct vb_part_marks vb_part_marks;

/* The marks in doc whose name starts with `prefix`, in document order.
 * NULL when the format has no marks (document properties). */
vb_part_marks *vb_marks_read(const vb_format *fmt, xmlDoc *doc, const char *prefix);
void vb_marks_free(vb_part_marks *m);

size_t vb_marks_count(const vb_part_marks *m);
const char *vb_marks_name(const vb_part_marks *m, size_t i);
/* 1 when mark i has an end (it spans text, perhaps none); 0 when it is a
 * point that an empty value left (or its end is missing). */
int vb_marks_has_end(const vb_part_marks *m, size_t i);

/* Append the text a reader sees between the start and the end of mark i:
 * tabs and line breaks as \t and \n, paragraphs separated by \n. */
void vb_marks_text(vb_part_marks *m, size_t i, vb_buf *out);

/* Append the text between the start of the paragraph that holds mark i and
 * the mark's start. -1 when the mark is in no paragraph. */
int vb_marks_text_before(vb_part_marks *m, size_t i, vb_buf *out);

/* Replace what mark i spans by `text` (\n a line break, \t a tab), written
 * as the format writes a value there. from_paragraph: the text between the
 * paragraph's start and the mark is replaced too, and the mark's start is
 * put back right before the value (LibreOffice moves a mark that starts a
 * table cell when it saves). A point mark becomes a range around the value. */
void vb_marks_set_text(vb_part_marks *m, size_t i, const char *text, int from_paragraph);

/* Give mark i a new name (both of its ends where the format names both). */
void vb_marks_rename(vb_part_marks *m, size_t i, const char *name);

/* Before an edited part is written back: repairs the format wants in any
 * part an office program saved (see the format's mark rules). */
void vb_marks_tidy(const vb_format *fmt, xmlDoc *doc);

#endif
