/* What a JSON syntax error most likely is, told from the text around the
 * place where the parser stopped: a trailing comma, a missing comma or colon,
 * an unclosed quote or bracket, a comment, single quotes, a decimal comma.
 * Officers edit data files by hand; yajl's "parse error: invalid object key"
 * at the line after a trailing comma does not tell them what to do. */
#ifndef VB_DATA_JSON_SYNTAX_H
#define VB_DATA_JSON_SYNTAX_H
#include <stddef.h>

#include "util/buf.h"

typedef struct vb_json_error_ctx {
  const char *text; /* the bytes base .. len of the input: text[0] is byte base */
  size_t base, len;
  size_t prev_end;      /* just after the last token the parser took (>= base) */
  size_t stop;          /* where the parser stopped (len when the input ended early) */
  int at_end;           /* the input ended too early */
  const char *yajl_msg; /* yajl's own words, kept for the cases not told apart */
  /* The innermost open array or object: '[' or '{', 0 at the top level;
   * where it opened; whether it is an object waiting for a key. */
  char open_kind;
  unsigned open_line, open_col;
  int open_depth; /* how many are open */
  /* line:column of a byte offset (>= prev_end - 1, in growing order). */
  void (*locate)(void *ud, size_t off, unsigned *line, unsigned *col);
  void *ud;
} vb_json_error_ctx;

typedef struct vb_json_diagnosis {
  const char *rule;   /* stable id: "json.trailing-comma", "json.missing-comma", … */
  size_t off;         /* the byte to point at */
  unsigned line, col; /* its place (found first: places are found in growing order) */
  vb_buf message;     /* what is wrong, in Vietnamese */
  vb_buf hint;        /* what to do */
} vb_json_diagnosis;

/* Fill out (its buffers start empty; the caller frees them). */
void vb_json_diagnose(const vb_json_error_ctx *c, vb_json_diagnosis *out);

#endif
