/* JSON data files → vb_value trees with line:column on every node. */
#ifndef VB_DATA_JSON_H
#define VB_DATA_JSON_H
#include "data/value.h"
#include "util/buf.h"
#include "vanban.h"

/* Parse text (UTF-8, an optional BOM is skipped). On error returns NULL and
 * adds a VB_EDATA diagnostic naming name, line:column and what was expected.
 * Strings are NFC-normalized; characters XML cannot carry are removed with a
 * warning naming the JSON path. */
vb_value *vb_json_parse(vb_arena *a, const char *text, size_t len, const char *name, vb_diags *d);

/* The same for the file at path, read in chunks rather than held whole, so
 * that a large data file does not sit in memory next to the tree made from
 * it. Files over max_len bytes and read errors are reported as vb_read_file
 * reports them (VB_EIO, then nothing else), and *io_error (may be NULL) is
 * set; otherwise the result and the diagnostics are those of vb_json_parse
 * on the whole text. */
vb_value *vb_json_parse_file(vb_arena *a, const char *path, size_t max_len, const char *name,
                             vb_diags *d, int *io_error);
/* vb_json_parse_file reading chunk bytes at a time (tests use tiny chunks
 * to cut every token and character somewhere). */
vb_value *vb_json_parse_file_chunked(vb_arena *a, const char *path, size_t max_len,
                                     const char *name, vb_diags *d, int *io_error, size_t chunk);

/* ---- writing (json_write.c): the one JSON writer (diff, batch, init) ---- */

/* Layouts of vb_json_write. */
typedef enum vb_json_layout {
  VB_JSON_COMPACT = 0, /* no blanks at all: {"a":[1,2]} */
  /* `vanban diff --json`: a list puts each item on a line of its own,
   * indented by two spaces; objects stay on one line with ", " and ": ". */
  VB_JSON_LIST_LINES = 1
} vb_json_layout;

/* Append v as JSON text. Strings are written as UTF-8 with only '"', '\\'
 * and control characters escaped (\n, \t, \r, \b, \f, else \u00XX).
 * Numbers: whole numbers below 1e15 as digits, others as the shortest text
 * that reads back as the same double; a number that is not finite (NaN,
 * infinity), which JSON cannot write, is written as null. */
void vb_json_write(vb_buf *out, const vb_value *v, vb_json_layout layout);
/* One string (len bytes, may hold any UTF-8), quoted and escaped as above. */
void vb_json_write_string(vb_buf *out, const char *s, size_t len);
/* One number, as above. */
void vb_json_write_number(vb_buf *out, double x);

/* Maximum nesting of arrays/objects accepted. */
#define VB_JSON_MAX_DEPTH 128

#endif
