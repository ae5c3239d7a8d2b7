/* The thin layer between the template core and a document format. The core
 * (src/tpl) knows paragraphs, runs, rows, cells and text; a vb_format says
 * where those live in DOCX or ODT XML and how a value's text is spelled
 * there (fmt/docx.c, fmt/odt.c). The package-level facts of a format are its
 * vb_doc_format (fmt/document.h); how its marks are read back, its mark
 * rules (fmt/mark_rules.h). Nothing outside src/fmt knows an element name. */
#ifndef VB_FMT_FORMAT_H
#define VB_FMT_FORMAT_H
#include <libxml/tree.h>

#include "fmt/inline.h"
#include "util/arena.h"
#include "util/buf.h"

/* How the paragraph-text scanner treats an element inside a paragraph. */
typedef enum vb_atom_kind {
  VB_ATOM_DESCEND, /* look inside (runs, spans, hyperlinks, insertions) */
  VB_ATOM_TEXT,    /* its text children are paragraph text (w:t) */
  VB_ATOM_SPACE,   /* stands for n spaces (text:s) */
  VB_ATOM_BARRIER, /* a tab, a line break, a drawing: text, but no tag may span it */
  VB_ATOM_SKIP,    /* not text at all (properties, deleted text, field codes) */
  VB_ATOM_NESTED   /* holds paragraphs of its own (text boxes, notes): scanned separately */
} vb_atom_kind;

/* docxtpl's cell markers ({% colspan %}, {% cellbg %}, {% vm %}, {% hm %}).
 * The core finds the cell; the format rewrites it with the node
 * constructors the compiler lends it (vb_mk_ops), which turn expressions
 * into values computed at render time. Formats never call the compiler
 * directly: it sits above them. */
typedef enum vb_cell_marker { VB_MK_COLSPAN, VB_MK_CELLBG, VB_MK_VM, VB_MK_HM } vb_cell_marker;
typedef struct vb_mk vb_mk; /* the template compiler's state, opaque here */
typedef struct vb_mk_ops {
  /* The value of attribute ns:name of elem is the expression src (a
   * template expression), evaluated when rendering. 0, or -1 on a syntax
   * error. */
  int (*attr)(vb_mk *m, xmlNode *elem, xmlNs *ns, const char *name, const char *src);
  /* A block tag: "if", "else" or "endif" (with the condition for "if"), as
   * a new unlinked node to put into the tree. */
  xmlNode *(*block)(vb_mk *m, const char *word, const char *cond);
  /* elem is written as itself when cond holds, otherwise renamed to
   * alt_local (same namespace) without the attributes set by attr. */
  void (*rename_unless)(vb_mk *m, xmlNode *elem, const char *cond, const char *alt_local);
  /* Wrap the content of every paragraph under `under` (after the
   * paragraph's leading properties) in {% if cond %} … {% endif %}. */
  void (*wrap_paragraphs)(vb_mk *m, xmlNode *under, const char *cond);
} vb_mk_ops;

/* Which end of a mark write_mark writes. */
typedef enum vb_mark_edge {
  VB_MARK_START,      /* before the value's text, right after the template's markup */
  VB_MARK_START_HEAD, /* before the value's text, its head left out (see mark_head) */
  VB_MARK_END,        /* right after the value's text */
  VB_MARK_END_TAIL    /* after the value's text and its tail (see mark_tail) */
} vb_mark_edge;

/* Emphasis of a piece of a value's text (inline markup, data/emphasis.h):
 * bit 1 bold, bit 2 italic. */
enum { VB_RUN_BOLD = 1, VB_RUN_ITALIC = 2 };

typedef enum vb_container {
  VB_C_PARAGRAPH,
  VB_C_RUN,
  VB_C_ROW,
  VB_C_CELL,
  VB_C_TABLE
} vb_container;

struct vb_page_ctx; /* fmt/pages.h */

typedef struct vb_format {
  const char *name; /* "docx" or "odt" */
  /* Is node a container of this kind? */
  int (*is)(const xmlNode *node, vb_container kind);
  /* Classify an element met inside a paragraph; for VB_ATOM_SPACE set *count. */
  vb_atom_kind (*classify)(const xmlNode *elem, int *count);
  /* 1 when text nodes directly inside paragraphs/spans are paragraph text
   * (ODT); 0 when only text inside VB_ATOM_TEXT elements counts (DOCX). */
  int loose_text;
  /* Prepare the element that holds a text node about to receive a value
   * (DOCX: xml:space="preserve" on w:t so spaces around values survive). */
  void (*prepare_text_holder)(xmlNode *holder);
  /* Append a value's text: XML-escaped, \n as a line break, \t as a tab,
   * runs of spaces kept (ODT collapses them otherwise). `prefix` is the
   * namespace prefix the template uses for the format's text namespace. */
  void (*write_text)(vb_buf *out, const char *prefix, const char *s, size_t n);
  /* Namespace of the elements write_text emits (its prefix is looked up
   * in the template where the value sits). */
  const char *text_ns;
  /* docxtpl's "{%-" removes the markup between the previous text and the
   * tag: from the last of these closing strings before it. "-%}" removes
   * the markup up to the next text: through the first of these openings
   * (an element start, matched up to its '>'). */
  const char *const *trim_left;
  const char *const *trim_right;
  /* Apply a cell marker to `cell` with the compiler's constructors mk (m
   * is their first argument); arg is the marker's expression as written
   * (colspan, cellbg) or NULL. 0, or -1 (diagnostics already given through
   * the constructors, or *err set to a message). */
  int (*cell_marker)(const vb_mk_ops *mk, vb_mk *m, xmlNode *cell, vb_cell_marker kind,
                     const char *arg, const char **err);
  /* After rendering a part with column loops or spans: make each table's
   * column declarations match its widest row. xml is replaced in place
   * (re-serialized), but kept as it is when keep_unchanged is set and no
   * table needed the repair. 1 when a table was repaired, 0 when none
   * needed it, -1 when the rendered part does not parse (left as it is). */
  int (*fix_tables)(vb_buf *xml, int keep_unchanged);
  /* After rendering a part with {% trang %}: turn the pages its marks start
   * and take the marks out (fmt/pages.h); pc collects what other parts must
   * then hold. 1 when the part changed, 0 when it had no mark, -1 when it
   * does not parse. NULL: the format cannot turn pages. */
  int (*fix_pages)(vb_buf *xml, struct vb_page_ctx *pc);
  /* The pictures of a part named or described `name` ({% anh %}): up to
   * max attributes that hold their references (DOCX a:blip's r:embed, ODT
   * draw:image's xlink:href) into out; how many there are. NULL: none. */
  size_t (*find_pictures)(xmlNode *root, const char *name, xmlAttr **out, size_t max);
  /* Marks around generated values (bookmarks; see src/tpl/mark.h).
   * mark_context, at compile time: what write_mark needs to know about the
   * place (DOCX: the run to reopen after a bookmark), or NULL when a mark
   * cannot go there.
   * mark_head and mark_tail, at compile time, for formats whose marks must
   * close what the value sits in (NULL otherwise, as for ODT): how many
   * bytes at the end of `lit`, the template's markup right before a
   * markable value, open what the value sits in with nothing in it yet
   * (DOCX: "<w:r><w:rPr>…</w:rPr><w:t xml:space=\"preserve\">"), and how
   * many bytes at the start of `lit`, the markup right after it, close it
   * (DOCX: "</w:t></w:r>"); 0 when lit does not end or start so. With marks
   * on, the engine then leaves the head out and writes the tail with the
   * value, and says so to write_mark (VB_MARK_START_HEAD, VB_MARK_END_TAIL):
   * the mark needs nothing closed before it or reopened after it.
   * write_mark: one end of mark `name` (name_len bytes, NUL-terminated);
   * `id` is unique to the mark within the document. */
  const char *(*mark_context)(vb_arena *a, xmlNode *placeholder);
  size_t (*mark_head)(const char *prefix, const char *context, const char *lit, size_t len);
  size_t (*mark_tail)(const char *prefix, const char *context, const char *lit, size_t len);
  void (*write_mark)(vb_buf *out, const char *prefix, const char *context, const char *name,
                     size_t name_len, unsigned id, vb_mark_edge edge);
  /* At compile time: `before` is the template's markup right before some
   * loops and conditions, `after` the markup right after them. When the
   * format needs content there should they all render nothing (DOCX: a
   * w:tc must hold a paragraph), return that content (in the arena);
   * otherwise NULL. NULL hook: never needed. */
  const char *(*empty_fill)(vb_arena *a, const char *before, size_t before_len, const char *after,
                            size_t after_len);
  /* Inline emphasis inside a value ({{ x | dinh_dang }}).
   * emphasis_context, at compile time once the tree is final (before it is
   * written out): what write_emphasis needs at the value's place — DOCX:
   * the value's run opened again as it is, and opened with w:b / w:i added
   * to a copy of its properties; ODT: the names of the automatic text
   * styles, which it adds to the part's office:automatic-styles — or NULL
   * when no run of its own can go there (the text is then written plain).
   * write_emphasis: append s[0..n) with `style` (VB_RUN_BOLD | VB_RUN_ITALIC)
   * where write_text would write it, leaving the place as it found it, so
   * that plain and emphasised pieces can follow each other. NULL hooks: the
   * format has no emphasis (document properties). */
  const void *(*emphasis_context)(vb_arena *a, xmlNode *placeholder);
  void (*write_emphasis)(vb_buf *out, const char *prefix, const void *ctx, unsigned style,
                         const char *s, size_t n);
  /* How marks are read back and rewritten in an edited document
   * (fmt/marks.h); NULL when the format has none. */
  const struct vb_mark_rules *marks;
  /* Repairs made on a template's part (the root element and its siblings)
   * before it is compiled, for what office programs store that the rendered
   * document must not keep: DOCX puts w:pPr's w:sectPr back at its schema
   * place (LibreOffice writes it first); ODT drops text:soft-page-break,
   * where the office program last broke the template's pages, which a
   * rendered document's rows and paragraphs no longer match (and which a
   * row loop can leave where a table may not hold it). NULL: none. */
  void (*tidy_template)(xmlNode *root);
  /* Is n a run's properties (DOCX w:rPr), which both halves of a run the
   * compiler cuts in two at a tag keep? NULL: runs carry their properties
   * in attributes (ODT spans). */
  int (*is_run_props)(const xmlNode *n);
  /* Values that are not text (fmt/inline.h). inline_context, at compile
   * time: what may stand at a value's place besides text (NULL: only text).
   * The writers put their markup where write_text would put the value's
   * text, and leave the place as they found it (DOCX: inside the value's
   * open run). NULL hooks: the format has no such thing (the value's text
   * is written instead). */
  const vb_inline_ctx *(*inline_context)(vb_arena *a, xmlNode *placeholder);
  void (*write_picture)(vb_buf *out, const char *prefix, const vb_inline_ctx *ctx,
                        const vb_inline_picture *p);
  /* The link's text is text[link->off, +link->len), with `style`
   * (VB_RUN_BOLD | VB_RUN_ITALIC, or 0) when it is emphasised; emph is the
   * value's emphasis_context (NULL when the tag has none). */
  void (*write_link)(vb_buf *out, const char *prefix, const vb_inline_ctx *ctx,
                     const vb_inline_link *link, const char *text, unsigned style,
                     const void *emph);
  void (*write_chart)(vb_buf *out, const char *prefix, const vb_inline_ctx *ctx,
                      const vb_inline_chart *c);
} vb_format;

extern const vb_format vb_format_docx;
extern const vb_format vb_format_odt;
/* Document properties (docProps/core.xml, ODF meta.xml): each of the
 * string properties docxtpl renders is one "paragraph" of plain text. */
extern const vb_format vb_format_props;

/* Namespace URIs. */
#define VB_NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define VB_NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define VB_NS_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define VB_NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define VB_NS_DRAW "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
#define VB_NS_DC "http://purl.org/dc/elements/1.1/"

/* The nearest ancestor of n that is a container of `kind` in this format, or
 * NULL (stops at the document node). */
xmlNode *vb_fmt_ancestor(const vb_format *fmt, xmlNode *n, vb_container kind);
/* The 1-based number of `row` among the rows of `tbl`, in document order and
 * not counting rows of nested tables (ODT keeps header rows in
 * table:table-header-rows and may group rows, so rows are not all
 * siblings); 0 when row is not one of them. */
size_t vb_fmt_row_number(const vb_format *fmt, const xmlNode *tbl, const xmlNode *row);

#endif
