/* The template core: a package part (XML) is compiled once into a small
 * tree of literal XML bytes and tag nodes, then rendered any number of
 * times. The core is format-free; it asks a vb_format where paragraphs,
 * runs, rows, cells and text are. */
#ifndef VB_TPL_TPL_H
#define VB_TPL_TPL_H
#include <stddef.h>

#include "data/value.h"
#include "fmt/format.h"
#include "tpl/expr.h"
#include "vanban.h"

typedef enum vb_tag_kind {
  VB_TAG_VALUE,
  VB_TAG_FOR,
  VB_TAG_ENDFOR,
  VB_TAG_IF,
  VB_TAG_ELIF,
  VB_TAG_ELSE,
  VB_TAG_ENDIF,
  VB_TAG_SET,
  VB_TAG_COMMENT,
  /* docxtpl's cell markers, applied to the table at compile time */
  VB_TAG_COLSPAN, /* {% colspan N %} */
  VB_TAG_CELLBG,  /* {% cellbg C %} */
  VB_TAG_VM,      /* {% vm %}: vertical merge down a row loop */
  VB_TAG_HM,      /* {% hm %}: horizontal merge across a cell loop */
  /* {% trang X %}: the pages from this paragraph on are landscape when X is
   * "ngang" (the format turns the page; fmt/pages.h). It writes no value:
   * it is not in the template's tag list and has no id. */
  VB_TAG_PAGE,
  /* {% anh "logo" = X %}: the template's picture named (or described)
   * "logo" in this part shows the picture X names instead (fmt: find_pictures). */
  VB_TAG_PICTURE,
  /* {% hinh X, rong=…, noi=true %}: the picture X names (X | hinh(…)), or
   * nothing at all when X gives none — not even its run. Like {% trang %}
   * it has no id and no mark and is not in the template's tag list, so a
   * template that gains one makes the same documents as before from data
   * without the picture, and update takes them (the signature and the seal
   * of the shipped templates). */
  VB_TAG_IMAGE
} vb_tag_kind;

/* Names of the kinds, for messages and `vanban fields`. */
extern const char *const vb_tag_kind_names[];

/* One tag found in a template. Everything lives in the template's arena. */
typedef struct vb_tag {
  vb_tag_kind kind;
  unsigned id;             /* position in the template's tag list (document order) */
  char scope;              /* docxtpl structural marker: 0, 'p', 't' (tr), 'c' (tc), 'r' */
  const char *text;        /* the tag as written, delimiters included */
  const char *part;        /* package part, e.g. "word/document.xml" */
  const char *where;       /* "word/document.xml, bảng 1, hàng 2, ô 3, đoạn 14" */
  const char *excerpt;     /* the paragraph's text around the tag */
  vb_expr *expr;           /* value, condition, iterable, or assigned value */
  const char *var1, *var2; /* loop variables, or the name of a set */
  unsigned trim_left : 1;  /* "{%-": join with the text before (docxtpl) */
  unsigned trim_right : 1; /* "-%}": join with the text after (docxtpl) */
  unsigned attr : 1;       /* a value written into an attribute (escaped for one) */
  unsigned needs_loop : 1; /* made for {% vm %}/{% hm %}: reads loop.* */
  unsigned rich : 1;       /* {{ x | dinh_dang }}: inline emphasis written as runs */
  const void *emph;        /* rich: the format's emphasis context there, or NULL */
  const char *arg;         /* colspan/cellbg/trang/anh: the expression as written; a picture
                            * reference {% anh %} replaces: the template's own */
  unsigned path_hash;      /* element path at the tag, for structure checks */
  unsigned depth;
  void *node; /* placeholder element during compilation */
} vb_tag;

typedef struct vb_ir vb_ir;

typedef struct vb_ir_list {
  vb_ir **items;
  size_t len;
} vb_ir_list;

typedef enum vb_ir_kind {
  VB_IR_TEXT,
  VB_IR_VALUE,
  VB_IR_FOR,
  VB_IR_IF,
  VB_IR_SET,
  /* body rendered; when it wrote nothing, `text` is written instead (a DOCX
   * cell whose every paragraph is conditional still needs one) */
  VB_IR_GUARD
} vb_ir_kind;

struct vb_ir {
  vb_ir_kind kind;
  const char *text; /* VB_IR_TEXT: literal XML; VB_IR_GUARD: the fill */
  size_t len;
  vb_tag *tag;
  const char *prefix; /* VB_IR_VALUE: namespace prefix for breaks and tabs */
  const char *mark;   /* VB_IR_VALUE: format's context for marks, NULL = cannot mark here */
  /* VB_IR_VALUE: what may be written at its place besides text (pictures,
   * links; fmt/inline.h), NULL = only text. */
  const struct vb_inline_ctx *rich;
  vb_ir_list body;  /* loop body / condition true */
  vb_ir_list other; /* loop else / condition false (an elif is a nested IF) */
  /* VB_IR_VALUE: "_vbTAG_", the start of the value's mark names. */
  char mark_tag[12];
  unsigned char mark_tag_len;
  /* VB_IR_VALUE at a markable place, when marks are on: the template's
   * bytes right before the value that open what it sits in
   * (vb_format.mark_head), left out of the text before it, and right after
   * it that close it (vb_format.mark_tail), written by the value so that its
   * mark can end after them. */
  const char *head, *tail;
  size_t head_len, tail_len;
  /* VB_IR_TEXT, when marks are on: its first mark_skip bytes are written by
   * the marked value before it (its tail), its last mark_cut bytes are left
   * out for the value after it (its head). */
  size_t mark_skip, mark_cut;
  /* VB_IR_TEXT next to a {% hinh %} (VB_IR_VALUE of a VB_TAG_IMAGE): the
   * bytes at its start that close the picture's run and at its end that
   * open it (vb_format.mark_head, mark_tail), written by the picture only
   * when there is one, with or without marks. The picture node holds them
   * in head and tail. */
  size_t own_skip, own_cut;
};

/* A compiled part. */
typedef struct vb_part_tpl {
  vb_ir_list root;
  size_t ntags;
  int changed;    /* renders differently from the original part (tags or escapes) */
  int fix_tables; /* column loops or spans: repair the table grids after rendering */
  int fix_pages;  /* {% trang %}: turn the pages it marks after rendering */
  int pictures;   /* places pictures (hinh): floating ones may need styles (fmt/pages.h) */
  const vb_format *fmt;
} vb_part_tpl;

/* Compile the XML of one part. Tags are appended to *tags (grown in the
 * arena). Returns NULL with diagnostics on error; a part without any tag
 * compiles to a template whose root is one literal (callers may then copy
 * the original bytes instead). */
vb_part_tpl *vb_tpl_compile_part(vb_arena *a, const vb_format *fmt, const char *pkg_name,
                                 const char *part_name, const char *xml, size_t len, vb_tag ***tags,
                                 size_t *ntags, size_t *tags_cap, vb_diags *d);

/* Render options. */
enum {
  VB_TPL_LENIENT = 1,
  VB_TPL_MARKS = 2 /* bookmark every generated value for `vanban update` (src/tpl/mark.h) */
};

/* What a traced render wrote, and where (for `vanban update`, which has to
 * place the items a correction adds): every loop item and every value, with
 * their bytes in the part's output. */
typedef struct vb_tpl_trace_item {
  unsigned loop_tag;  /* the id of its {% for %} tag */
  size_t parent;      /* the item it is rendered in, or SIZE_MAX */
  char mark[8];       /* the ITEM of its values' mark names (NUL-terminated) */
  size_t begin, end;  /* its bytes in the part's output */
  size_t first_value; /* its values (and its inner items' values) are
                         values[first_value .. end_value) */
  size_t end_value;
} vb_tpl_trace_item;

typedef struct vb_tpl_trace_value {
  unsigned tag;      /* the value's tag id */
  size_t item;       /* the innermost item it is rendered in, or SIZE_MAX */
  char *name;        /* its mark name "_vbTAG_ITEM_VALUE" (malloc'd) */
  size_t prefix_len; /* of "_vbTAG_ITEM": what identifies the value */
  char *text;        /* its text (malloc'd) */
  size_t len;
  int marked; /* written with a mark around it */
  int styled; /* written as pieces with inline emphasis (dinh_dang): its
                 marks give back only its text */
} vb_tpl_trace_value;

typedef struct vb_tpl_trace {
  vb_tpl_trace_item *items;
  size_t nitems, items_cap;
  vb_tpl_trace_value *values;
  size_t nvalues, values_cap;
  size_t cur;   /* the item being rendered, or SIZE_MAX */
  int reshaped; /* the part was rewritten after rendering (table repair): no
                   byte of the trace is where it says */
} vb_tpl_trace;

void vb_tpl_trace_free(vb_tpl_trace *t);

typedef struct vb_render_ctx {
  vb_eval ev;
  const vb_format *fmt;
  const char *tpl_name;
  unsigned flags;
  vb_diags *d;
  int errors;
  /* Marks and value collection. */
  unsigned mark_id; /* next bookmark id (DOCX ids are numbers unique in the document) */
  vb_buf item_key;  /* identity of the loop items being rendered, "/id/m3.2/#4" */
  /* item_key's hash in base 36: the ITEM of mark names (set once per item). */
  char item_mark[8];
  unsigned char item_mark_len;
  /* When set, every loop item and value is noted here (no flushing). */
  vb_tpl_trace *trace;
  /* Streaming: when set, called between loop items once `out` holds at least
   * VB_RENDER_FLUSH_AT bytes; it takes them (and empties out). Parts whose
   * tables are repaired after rendering are never flushed. */
  void (*flush)(void *ud, vb_buf *out);
  void *flush_ud;
  unsigned long long flushed; /* bytes handed to flush so far in this part */
  /* Pages the parts turned ({% trang %}, fmt/pages.h), for the parts that
   * must define their styles; NULL: the marks are taken out, nothing else. */
  struct vb_page_ctx *pages;
  /* Character data written since the last tag (at most VB_XML_TEXT_MAX), and
   * the last value that wrote into it, for the message when it is too long. */
  size_t text_run;
  int in_tag; /* the last of '<' and '>' written is a '<' */
  const vb_tag *run_tag;
  const char *run_src; /* where that value came from (file or cell), its line and column */
  uint32_t run_line, run_col;
  int run_refused;
  /* Values that are not text (tpl/rich.h): the package session that gives
   * them their references (NULL when collecting values only), the part
   * being rendered, and how many drawings were placed so far (names). */
  struct vb_render_pkg *pkg;
  const char *part;
  unsigned drawings;
} vb_render_ctx;

enum { VB_RENDER_FLUSH_AT = 256 * 1024 };

/* Render a compiled part into out. Returns 0 on success; on errors adds
 * diagnostics (up to a limit) and returns -1. */
int vb_tpl_render_part(vb_render_ctx *rc, const vb_part_tpl *pt, vb_buf *out);

#endif
