/* What a value can put into a document besides text, described without any
 * format: a picture (inline in the text, or anchored to its paragraph and
 * floating over it), text whose web addresses are links, a chart. The
 * template engine makes these (tpl/rich.h), allocates what the package must
 * hold for them (tpl/package.c, fmt/additions.h), and the format writes them
 * at the value's place through its vb_format hooks (write_picture,
 * write_link, write_chart). */
#ifndef VB_FMT_INLINE_H
#define VB_FMT_INLINE_H
#include <stddef.h>

/* Lengths are in EMU (English Metric Units, ECMA-376 20.1.2.1): 914400 to
 * the inch, 36000 to the millimetre. DrawingML counts in them; ODF lengths
 * are written from them in millimetres. */
#define VB_EMU_PER_MM 36000LL
#define VB_EMU_PER_INCH 914400LL

/* The place of a value, as the format found it at compile time
 * (vb_format.inline_context): what may be written there besides text. */
typedef struct vb_inline_ctx {
  unsigned pictures : 1; /* a drawing or frame may stand here */
  unsigned links : 1;    /* a hyperlink may start here (not inside one already) */
  /* Format-private: DOCX, the markup that reopens the value's run, and the
   * same with a link's look added (blue, underlined), indexed by the
   * emphasis of the linked text (VB_RUN_BOLD | VB_RUN_ITALIC). */
  const char *reopen, *link_reopen[4];
} vb_inline_ctx;

/* A picture placed by a value. */
typedef struct vb_inline_picture {
  const char *ref;   /* how the part names it: a relationship id (DOCX), a path (ODT) */
  long long cx, cy;  /* size, EMU */
  unsigned id;       /* unique among the document's drawings */
  const char *name;  /* the drawing's name ("Hình 3") */
  const char *descr; /* alternative text, or "" */
  /* Anchored to the paragraph instead of inline: the text does not move. */
  unsigned floating : 1;
  unsigned behind : 1; /* floating behind the text (else in front) */
  unsigned center : 1; /* floating, centred in the column (x ignored) */
  long long x, y;      /* floating: offset from the column's left / the paragraph's top */
  unsigned z;          /* floating: stacking order, higher is nearer the reader */
} vb_inline_picture;

/* A web address inside a value's text. */
typedef struct vb_inline_link {
  size_t off, len; /* the linked text: bytes [off, off+len) of the value's text */
  const char *url; /* the target (the text, with http:// added to a bare www.) */
  const char *ref; /* how the part names it: a relationship id (DOCX), the URL (ODT) */
} vb_inline_link;

/* A chart: categories along one axis, one or more series of numbers. */
typedef enum vb_chart_kind {
  VB_CHART_COLUMN = 0, /* vertical bars */
  VB_CHART_BAR = 1,    /* horizontal bars */
  VB_CHART_LINE = 2
} vb_chart_kind;

typedef struct vb_chart_series {
  const char *name;
  const double *values; /* ncat values; NaN for a missing one */
  /* Drawn as a line with markers over the bars (a target), not as bars. */
  unsigned as_line : 1;
} vb_chart_series;

typedef struct vb_chart {
  vb_chart_kind kind;
  const char *title;       /* "" for none */
  const char *const *cats; /* category labels */
  size_t ncat;
  const vb_chart_series *series;
  size_t nseries;
  /* Number format of the values and the axis: percent (58,6% — the values
   * are percentages, 58.6) or plain numbers with `decimals` decimals, in
   * Vietnamese (2.335,5). */
  unsigned percent : 1;
  int decimals;
  double axis_max;  /* NaN: automatic */
  long long cx, cy; /* its size, EMU (an ODF chart object states it too) */
} vb_chart;

typedef struct vb_inline_chart {
  const vb_chart *chart;
  const char *ref; /* how the part names it: a relationship id (DOCX), the object's path (ODT) */
  long long cx, cy;
  unsigned id;
  const char *name;
} vb_inline_chart;

#endif
