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

/* 1 when every piece of text mark i spans looks the same: its runs have
 * equal run properties (DOCX w:rPr; ODT the same span, or none), as a plain
 * value written in one run has even after Word split it into several; 0
 * when pieces differ (bold or italic pieces). */
int vb_marks_one_look(vb_part_marks *m, size_t i);

/* 1 when mark i spans text only; 0 when it spans, or sits inside, what
 * its text cannot give back: a link, a picture, a chart. */
int vb_marks_plain(vb_part_marks *m, size_t i);

/* Append the text between the start of the paragraph that holds mark i and
 * the mark's start. -1 when the mark is in no paragraph. */
int vb_marks_text_before(vb_part_marks *m, size_t i, vb_buf *out);

/* Append the text between the end of mark i (its start for a point) and
 * the end of its paragraph. -1 when the mark is in no paragraph. */
int vb_marks_text_after(vb_part_marks *m, size_t i, vb_buf *out);

/* Replace what mark i spans by `text` (\n a line break, \t a tab), written
 * as the format writes a value there. from_paragraph: the text between the
 * paragraph's start and the mark is replaced too, and the mark's start is
 * put back right before the value (LibreOffice moves a mark that starts a
 * table cell when it saves). A point mark becomes a range around the value. */
void vb_marks_set_text(vb_part_marks *m, size_t i, const char *text, int from_paragraph);

/* Make mark i span only bytes [from, to) of its text (what vb_marks_text
 * gives; from < to): its start and end are moved, text and runs cut where
 * they must be, nothing else changes. For a value that Word or a person
 * left inside a wider range (the text of the template or a person's words
 * around it). 0, or -1 when a place is not one the format can cut at (a
 * paragraph break, the middle of a run of spaces): nothing changed. */
int vb_marks_narrow(vb_part_marks *m, size_t i, size_t from, size_t to);

/* Give mark i a new name (both of its ends where the format names both). */
void vb_marks_rename(vb_part_marks *m, size_t i, const char *name);

/* The marks under node (node included), as vb_marks_read finds them in a
 * part. */
vb_part_marks *vb_marks_read_in(const vb_format *fmt, xmlNode *node, const char *prefix);

/* Where mark i starts, and ends (NULL for a point). */
xmlNode *vb_marks_start(const vb_part_marks *m, size_t i);
xmlNode *vb_marks_end(const vb_part_marks *m, size_t i);

/* 1 when mark i is inside a tracked change or has one inside it. */
int vb_marks_in_change(vb_part_marks *m, size_t i);

/* 1 when node is or holds a tracked change. */
int vb_marks_has_change(const vb_format *fmt, const xmlNode *node);

/* The text of a node (a paragraph, a row, …) as a reader sees it, cut into
 * the text of each mark named with a prefix and the text around them.
 * Paragraphs after the first start with
. */
typedef struct vb_outline_piece {
  int mark;        /* 1: a mark's text; 0: text outside marks */
  size_t off, len; /* the piece's text in the outline's text */
  char *name;      /* mark: its name */
  int partial;     /* mark: its end is not under the node */
} vb_outline_piece;

typedef struct vb_outline {
  vb_buf text;
  vb_outline_piece *pieces;
  size_t n, cap;
  int partial; /* some mark starts under the node and ends after it */
} vb_outline;

void vb_marks_outline(const vb_format *fmt, xmlNode *node, const char *prefix, vb_outline *o);
void vb_outline_free(vb_outline *o);

/* 1 when the format's units can be copied and removed (the calls below). */
int vb_marks_can_copy(const vb_format *fmt);

/* A copy of unit (a paragraph, a row) for doc, to hold a new loop item: with
 * only what may be repeated in a document (the marks named with prefix, none
 * of a person's bookmarks, comments, tracked changes — insertions accepted —
 * or section breaks); marks numbered from *next_id where the format numbers
 * them. Not linked anywhere yet. */
xmlNode *vb_marks_copy(const vb_format *fmt, xmlNode *unit, xmlDoc *doc, const char *prefix,
                       unsigned *next_id);
/* The same for a copy made otherwise (cleaned in place). */
void vb_marks_clean_copy(const vb_format *fmt, xmlNode *copy, const char *prefix,
                         unsigned *next_id);

/* Take unit (a paragraph, a row) out of its part and free it, keeping what
 * the part needs from it (a DOCX section break). */
void vb_marks_remove_unit(const vb_format *fmt, xmlNode *unit);

/* Where node is in its part, for messages: "bảng 2, hàng 3, ô 1,
 * đoạn 14" (tables and paragraphs counted in document order, as
 * `vanban fields` counts them in a template). */
void vb_marks_where(const vb_format *fmt, xmlNode *node, vb_buf *out);

/* Before an edited part is written back: repairs the format wants in any
 * part an office program saved (see the format's mark rules). */
void vb_marks_tidy(const vb_format *fmt, xmlDoc *doc);

#endif
