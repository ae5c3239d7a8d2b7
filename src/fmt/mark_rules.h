/* What a format says about its marks in an edited document: the hooks
 * fmt/marks.c drives (private to src/fmt). Nodes are met in document order
 * in a flat list of the part's nodes. */
#ifndef VB_FMT_MARK_RULES_H
#define VB_FMT_MARK_RULES_H
#include <libxml/tree.h>

#include "util/buf.h"

typedef enum vb_mark_node { VB_MN_NONE, VB_MN_START, VB_MN_POINT } vb_mark_node;

typedef struct vb_mark_rules {
  /* Is n a mark's start (whose end follows), a point (a mark around
   * nothing, with no end), or not a mark at all? Its name is its "name"
   * attribute in the format's text namespace. */
  vb_mark_node (*kind)(const xmlNode *n);
  /* The end of the mark starting at flat[at] (named name), looked for in
   * flat[at+1 .. n), or NULL. */
  xmlNode *(*find_end)(xmlNode *const *flat, size_t at, size_t n, const char *name);
  /* Is this text node document text (not deleted text, a field code, …)? */
  int (*text_counts)(const xmlNode *text);
  /* Append the text a reader sees for an element met inside a range (a tab,
   * a line break, spaces); paragraph breaks are the caller's. */
  void (*element_text)(const xmlNode *elem, vb_buf *out);
  /* Does n hold some of a value's text (what rewriting the value removes)? */
  int (*holds_text)(const xmlNode *n);
  /* Is n something a value's text cannot give back when it is rewritten:
   * a link, a picture, a chart, an embedded object? */
  int (*is_piece)(const xmlNode *n);
  /* Is n, a holder, where a rewritten value goes (the first such keeps its
   * place)? */
  int (*is_slot)(const xmlNode *n);
  /* The node a mark's start is put before to sit right before the value in
   * slot. */
  xmlNode *(*before_slot)(xmlNode *slot);
  /* Cut text node `text` after byte `off` (0 < off < its length): returns
   * the node holding the second half, which follows the first. */
  xmlNode *(*split_text)(xmlNode *text, size_t off);
  /* The node a mark's start goes right before so that holder's text is the
   * first it spans (DOCX: holder's run, cut so that holder begins it). */
  xmlNode *(*cut_before)(xmlNode *holder);
  /* The node a mark's end goes right after so that holder's text is the
   * last it spans (DOCX: holder's run, cut so that holder ends it). */
  xmlNode *(*cut_after)(xmlNode *holder);
  /* Write text in place of slot (slot is gone after). */
  void (*write_in_slot)(xmlNode *slot, const char *text);
  /* Write text right after `after` (a mark's start with nothing after it). */
  void (*write_after)(xmlNode *after, const char *text);
  /* Replace a point mark by a start and an end with nothing between them
   * (NULL when the format has no points). */
  void (*open_point)(xmlNode **start, xmlNode **end);
  /* 1 when a mark's end carries its name too (renamed with the start). */
  int end_named;
  /* Repairs for a part an office program saved, before it is written back
   * (NULL: none). */
  void (*tidy)(xmlNode *root);
  /* Is n a tracked change, or a mark of one (an insertion, a deletion, a
   * change's start or end)? */
  int (*is_change)(const xmlNode *n);
  /* A copy of a paragraph or row that is to hold a new loop item: leave only
   * what the copy may repeat (no bookmarks but the marks named with prefix,
   * no comments, no tracked changes (accepted), no section break, no ids
   * that must be unique), and number its marks from *next_id when the
   * format pairs them by number. */
  void (*clean_copy)(xmlNode *copy, const char *prefix, unsigned *next_id);
  /* Take a paragraph or row out of its part (and free it), keeping what it
   * carries for the part (DOCX: a section break goes to the paragraph
   * before). */
  void (*remove_unit)(xmlNode *unit);
} vb_mark_rules;

extern const vb_mark_rules vb_mark_rules_docx;
extern const vb_mark_rules vb_mark_rules_odt;

#endif
