/* A format-free view of a finished document (DOCX or ODT, typed by anyone),
 * read for proofreading: paragraphs with their text and the resolved
 * properties the layout rules need (font, size, bold, italic, alignment,
 * indents, spacing, rule lines), tables, sections with page size, margins
 * and page numbering, headers and footers with their fields, and comments.
 * Everything a rule needs is here; how DOCX or ODT spell it stays in
 * fmt/docx_read.c and fmt/odt_read.c.
 *
 * Lengths are in twips (1/20 pt; 1 mm = 56.69 twips), font sizes in half
 * points, as WordprocessingML writes them. A value of VB_DOC_UNSET means the
 * document does not say (the reader's defaults apply). */
#ifndef VB_FMT_DOC_H
#define VB_FMT_DOC_H
#include <stddef.h>

#include "util/arena.h"
#include "vanban.h"

#define VB_DOC_UNSET (-32768)

/* The name of the custom document property that lists a document's own
 * exceptions (vb_doc.ignore), as data files name their list. */
#define VB_DOC_IGNORE_PROPERTY "_vanban_ignore"

typedef enum vb_doc_align {
  VB_ALIGN_UNSET = 0,
  VB_ALIGN_LEFT,
  VB_ALIGN_CENTER,
  VB_ALIGN_RIGHT,
  VB_ALIGN_JUSTIFY
} vb_doc_align;

typedef enum vb_doc_line_rule {
  VB_LINE_AUTO = 0, /* line is in 240ths of a single line (240 = single, 360 = 1.5) */
  VB_LINE_EXACT,    /* line is in twips */
  VB_LINE_AT_LEAST  /* line is in twips */
} vb_doc_line_rule;

/* Where a paragraph lives. */
typedef enum vb_doc_area {
  VB_AREA_BODY = 0,
  VB_AREA_HEADER,
  VB_AREA_FOOTER,
  VB_AREA_NOTE,   /* footnotes and endnotes */
  VB_AREA_COMMENT /* the text of an existing comment */
} vb_doc_area;

/* A stretch of a paragraph's text with one set of character properties and
 * one source in the XML. Spans cover the text without gaps, in order. */
typedef struct vb_doc_span {
  size_t off, len;  /* bytes of the paragraph's text */
  const char *font; /* resolved family name, or NULL when nothing names one */
  short size;       /* half points, or 0 when unknown */
  unsigned char bold, italic, caps;
  /* For the annotate writer (fmt only): the XML node holding these bytes
   * and where in its content they start; VB_DOC_ELEMENT when the node is an
   * element standing for them (a tab, a break, spaces), (size_t)-1 when the
   * bytes differ from the node's (normalized to NFC). NULL node: none. */
  void *node;
  size_t node_off;
} vb_doc_span;

#define VB_DOC_ELEMENT ((size_t)-2)

typedef struct vb_doc_para {
  char *text; /* NFC; a tab is \t, a line break \n; NUL-terminated */
  size_t len;
  vb_doc_span *spans;
  size_t nspans;
  vb_doc_area area;
  int part;                           /* header/footer/note: index into vb_doc.parts; body: -1 */
  const char *style;                  /* the paragraph style's display name, or NULL */
  vb_doc_align align;                 /* resolved; VB_ALIGN_LEFT when nothing says */
  int ind_left, ind_right, ind_first; /* twips; ind_first < 0 is a hanging indent */
  int space_before, space_after;      /* twips */
  int line;                           /* see line_rule */
  vb_doc_line_rule line_rule;
  unsigned char border_top, border_bottom; /* a visible paragraph border */
  unsigned char line_shape;                /* a drawn line (shape) is anchored here */
  unsigned char list;                      /* automatic numbering or bullets (not in text) */
  unsigned char in_frame;                  /* inside a text box or frame */
  unsigned char page_break_before;         /* starts a new page */
  int section;                             /* index into vb_doc.sections */
  int table, row, cell; /* 1-based, in document order; 0 outside tables (innermost) */
  int table_level;      /* 0 outside tables, 1 in a table, 2 in a nested one */
  int number;           /* body paragraphs outside tables with text: 1, 2, …; else 0 */
  void *node;           /* the paragraph's XML element (fmt only) */
  /* A view made from data: where the text is in the data file. */
  const char *path; /* JSON path, or NULL */
  unsigned src_line, src_column;
} vb_doc_para;

/* A header or footer part. */
typedef struct vb_doc_part {
  vb_doc_area area; /* VB_AREA_HEADER or VB_AREA_FOOTER */
  const char *name; /* package part name or master page name, for messages */
  size_t first_para, npara;
  int page_field; /* it shows the page number (PAGE field, text:page-number) */
} vb_doc_part;

typedef struct vb_doc_section {
  int page_w, page_h;                   /* twips */
  int m_top, m_bottom, m_left, m_right; /* from the page edge to the body text */
  int m_header, m_footer;               /* page edge to header / footer, or VB_DOC_UNSET */
  int landscape;
  /* Headers and footers: indexes into vb_doc.parts, -1 when none. `first`
   * is used on the section's first page when title_page is set. */
  int header_first, header_default, header_even;
  int footer_first, footer_default, footer_even;
  int title_page;
  int page_start;    /* the number of the first page when it restarts, else 0 */
  size_t first_para; /* index of the section's first body paragraph */
} vb_doc_section;

typedef struct vb_doc_comment {
  const char *author;
  const char *text;
  const char *anchor; /* the text the comment is attached to, or NULL */
} vb_doc_comment;

typedef struct vb_doc {
  vb_arena *arena; /* everything below lives here */
  const char *file;
  vb_format_kind kind; /* 0 for a view made from data */
  vb_doc_para *paras;  /* body first, in document order, then headers, footers, notes */
  size_t npara, nbody; /* paras[0 .. nbody) are the body */
  vb_doc_section *sections;
  size_t nsections;
  vb_doc_part *parts;
  size_t nparts;
  vb_doc_comment *comments;
  size_t ncomments;
  int ntables;
  /* The document's custom property "_vanban_ignore" (Word: File >
   * Properties > Custom; LibreOffice: Custom Properties): rule ids the
   * author made exceptions of, as typed (separated by commas, semicolons or
   * spaces); NULL when there is none. */
  const char *ignore;
  void *src; /* the format reader's state (package, parsed parts), for the writer */
  void (*src_free)(void *src);
  size_t cap_paras, cap_sections, cap_parts, cap_comments; /* allocated (fmt/doc.c) */
} vb_doc;

/* Read a DOCX or ODT (told apart by content, not by name). NULL with the
 * reason in d (code VB_EDATA; VB_EIO when the file cannot be read): not a
 * package, a hostile one, a part that does not parse. */
vb_doc *vb_doc_read(const char *path, vb_diags *d);
/* The same from memory; data must stay valid and unchanged until
 * vb_doc_free (the package refers to it). name names it in messages. */
vb_doc *vb_doc_read_memory(const void *data, size_t len, const char *name, vb_diags *d);
void vb_doc_free(vb_doc *doc);

/* Building a view by hand (the data checks make one from JSON strings). */
vb_doc *vb_doc_new(const char *file);
/* Append a paragraph of plain text (copied) with no properties; returns it. */
vb_doc_para *vb_doc_add_text(vb_doc *doc, const char *text, size_t len);

/* The properties of the text in [off, off+len) of a paragraph, taken over
 * its non-space characters: the smallest and largest size, whether all of it
 * is bold / italic, whether any of it is, and the font that covers most of
 * it. Fields are 0/NULL when the range holds no visible character. */
typedef struct vb_doc_props {
  int size_min, size_max;
  int all_bold, any_bold, all_italic, any_italic;
  const char *font;
  int visible; /* how many non-space characters */
} vb_doc_props;
void vb_doc_range_props(const vb_doc_para *p, size_t off, size_t len, vb_doc_props *out);

#endif
