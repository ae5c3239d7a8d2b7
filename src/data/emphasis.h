/* Inline emphasis in narrative text: the light markup officers type to
 * make part of a paragraph bold or italic, as in Markdown.
 *
 *   **đậm**          bold
 *   *nghiêng*        italic
 *   ***đậm nghiêng*** bold italic (also **đậm *và nghiêng***)
 *   \*  \\           a literal asterisk, a literal backslash
 *
 * An asterisk counts as markup only where it can open or close a span: it
 * opens when the next character is not a blank or a closing punctuation
 * mark, and closes when the previous character is not a blank or an
 * opening punctuation mark. So "* Mỗi người dân…" (a bullet), "(*)",
 * "a * b" and "*. Mục tiêu" keep their asterisks as typed. A span that is
 * opened and never closed, or closed after a blank, is an error: the text
 * is refused rather than printed with stray asterisks.
 *
 * Parsing yields the text without markup and its spans; templates ask for
 * it with the dinh_dang filter (src/tpl), and the model checks the
 * narrative fields with it (src/model). */
#ifndef VB_DATA_EMPHASIS_H
#define VB_DATA_EMPHASIS_H
#include <stddef.h>

#include "util/buf.h"

enum { VB_EMPH_BOLD = 1, VB_EMPH_ITALIC = 2 };

/* A piece of the text without markup, with its emphasis (0: none). */
typedef struct vb_emph_span {
  unsigned style;
  size_t off, len; /* bytes of vb_emphasis.text */
} vb_emph_span;

typedef struct vb_emphasis {
  vb_buf text;         /* the text as a reader sees it */
  vb_emph_span *spans; /* in order, covering text, adjacent ones of different style */
  size_t nspans, cap;
  int styled; /* some span has emphasis */
} vb_emphasis;

/* Why a text was refused: a sentence (Vietnamese) saying what is wrong and
 * where in the text (the character's position, counting from 1), and what to
 * do about it. */
typedef struct vb_emph_error {
  size_t column; /* 1-based character position of the offending asterisks */
  char message[192];
  char hint[192];
} vb_emph_error;

/* 1 when s may hold markup (an asterisk or a backslash); 0 means the text
 * is its own reading and has no emphasis. */
int vb_emphasis_may_have(const char *s, size_t n);

/* Parse s[0..n) (UTF-8) into *out (initialised by the caller with {0}; free
 * with vb_emphasis_free). 0, or -1 with *err filled. */
int vb_emphasis_parse(const char *s, size_t n, vb_emphasis *out, vb_emph_error *err);
void vb_emphasis_free(vb_emphasis *e);

/* Append s[0..n) to out written so that parsing it gives s back with no
 * emphasis: every asterisk as \*, and a backslash as \\ where it stands
 * before an asterisk or a backslash (elsewhere a backslash is text). For
 * text that is not narrative (names, codes) put where narrative goes. */
void vb_emphasis_escape(const char *s, size_t n, vb_buf *out);

#endif
